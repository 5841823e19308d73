//! `barg feed …`: subscribe to feeds, list, refresh, remove them, and move
//! the list in and out as OPML.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Subcommand};

use super::say;
use crate::error::{Error, Result, ltr, num};
use crate::feed::opml;
use crate::layout::{self, BaseDirection, LayoutOptions};
use crate::safe;
use crate::store;
use crate::subscriptions::{
    self, DEFAULT_KEEP, FeedView, Options, Progress, Report, Subscriptions,
};

#[derive(Debug, Args)]
pub struct FeedArgs {
    #[command(subcommand)]
    pub command: FeedCommand,
}

#[derive(Debug, Args, Clone, Copy)]
pub struct RefreshFlags {
    /// Give up on a feed (or an item's page) after this many seconds
    #[arg(long, value_name = "SECS", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Keep at most this many items per feed, dropping the oldest (an item
    /// with a bookmark or a reading position is never dropped)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_KEEP, value_parser = keep_parser)]
    pub keep: usize,
}

fn keep_parser(text: &str) -> std::result::Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("give a whole number of items, 1 or more".to_string()),
    }
}

impl RefreshFlags {
    fn options(self) -> Options {
        Options {
            timeout: Duration::from_secs(self.timeout),
            keep: self.keep,
            ..Options::default()
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Subscribe to a feed (or to the feed a web page links to) and fetch it
    Add {
        /// The feed's address, or a page that links to its feed
        url: String,
        #[command(flatten)]
        flags: RefreshFlags,
    },
    /// List the feeds: id, title, URL, items, unread, last refresh, last error
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe and delete the feed's saved items (those with bookmarks stay)
    Remove {
        /// The feed's id or URL, as `barg feed list` shows them
        #[arg(value_name = "URL|ID")]
        feed: String,
    },
    /// Fetch new items of every feed, or of one
    Refresh {
        /// Only this feed (its id or URL)
        #[arg(value_name = "URL|ID")]
        feed: Option<String>,
        #[command(flatten)]
        flags: RefreshFlags,
    },
    /// Subscribe to the feeds an OPML file lists (newsboat, Miniflux, FreshRSS export it)
    Import {
        #[arg(value_name = "FILE.opml")]
        file: PathBuf,
    },
    /// Write the subscriptions as OPML 2.0
    Export {
        /// The file to write [default: standard output]
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub fn run(args: &FeedArgs, data_dir: Option<&Path>) -> Result<()> {
    let dir = store::data_dir(data_dir)?;
    let mut subs = Subscriptions::open(&dir)?;
    tell(&mut subs);
    let result = match &args.command {
        FeedCommand::Add { url, flags } => add(&mut subs, url, *flags),
        FeedCommand::List { json } => list(&subs, *json),
        FeedCommand::Remove { feed } => remove(&mut subs, feed),
        FeedCommand::Refresh { feed, flags } => refresh(&dir, feed.as_deref(), *flags),
        FeedCommand::Import { file } => import(&mut subs, file),
        FeedCommand::Export { output } => export(&subs, output.as_deref()),
    };
    tell(&mut subs);
    result
}

fn tell(subs: &mut Subscriptions) {
    for notice in subs.take_notices() {
        safe::eprint(&notice);
    }
}

fn add(subs: &mut Subscriptions, url: &str, flags: RefreshFlags) -> Result<()> {
    let added = subs.add(url, &flags.options())?;
    for notice in &added.notices {
        safe::eprint(notice);
    }
    let failed = tell_report(&added.report);
    let name = added
        .report
        .feeds
        .first()
        .map_or_else(|| added.url.clone(), |f| f.name.clone());
    let lang = crate::i18n::process();
    safe::eprint(&lang.f(
        "cli.feed.subscribed",
        &[
            ("title", &isolate(&title(&name))),
            ("url", &ltr(&added.url)),
            ("id", &num(added.id)),
            ("items", &items(added.report.new_items())),
        ],
    ));
    if failed > 0 {
        return Err(Error::new(lang.t("error.feed.items_unread")));
    }
    Ok(())
}

fn refresh(dir: &Path, only: Option<&str>, flags: RefreshFlags) -> Result<()> {
    let show = io::stderr().is_terminal();
    let progress = move |step: Progress| {
        if !show {
            return;
        }
        let lang = crate::i18n::process();
        let line = match step {
            Progress::Feeds { done, total } => lang.f(
                "cli.feed.refreshing",
                &[("done", &num(done)), ("total", &num(total))],
            ),
            Progress::Items { done, total } => lang.f(
                "cli.feed.saving",
                &[("done", &num(done)), ("total", &num(total))],
            ),
        };
        // One line, rewritten in place, laid out like every message.
        let line = say::for_stderr(&line);
        let _ = write!(io::stderr().lock(), "\r\x1b[2K{line}");
    };
    let report = subscriptions::refresh(dir, only, &flags.options(), progress);
    if show {
        let _ = write!(io::stderr().lock(), "\r\x1b[2K");
    }
    let report = report?;
    let failed = tell_report(&report);
    let total = report.feeds.len();
    let lang = crate::i18n::process();
    if total == 0 {
        safe::eprint(lang.t("cli.feed.none_to_refresh"));
        return Ok(());
    }
    safe::eprint(&lang.f(
        "cli.feed.refreshed",
        &[
            ("feeds", &feeds_count(total)),
            (
                "items",
                &say::plural(
                    report.new_items(),
                    lang.t("cli.count.new_item.one"),
                    lang.t("cli.count.new_item.other"),
                ),
            ),
        ],
    ));
    if failed > 0 {
        return Err(Error::new(lang.f(
            "error.feed.not_refreshed",
            &[("failed", &num(failed)), ("feeds", &feeds_count(total))],
        )));
    }
    Ok(())
}

/// Say what went wrong, a line per failing feed and per warning; the
/// number of feeds that failed.
fn tell_report(report: &Report) -> usize {
    let lang = crate::i18n::process();
    for feed in &report.feeds {
        let name = lang.f(
            "cli.feed.name",
            &[
                ("title", &isolate(&title(&feed.name))),
                ("url", &ltr(&feed.url)),
            ],
        );
        if let Some(error) = &feed.error {
            safe::eprint(&format!("{name}: {}", safe::visible(error)));
        }
        if feed.duplicates > 0 {
            safe::eprint(&lang.f(
                "cli.feed.duplicates",
                &[("name", &name), ("items", &items(feed.duplicates))],
            ));
        }
        for warning in &feed.warnings {
            safe::eprint(&format!("{name}: {}", safe::visible(warning)));
        }
    }
    report.failed()
}

/// `n items` in the process's language and digits.
fn items(n: usize) -> String {
    let lang = crate::i18n::process();
    say::plural(
        n,
        lang.t("cli.count.item.one"),
        lang.t("cli.count.item.other"),
    )
}

/// `n feeds` in the process's language and digits.
fn feeds_count(n: usize) -> String {
    let lang = crate::i18n::process();
    say::plural(
        n,
        lang.t("cli.count.feed.one"),
        lang.t("cli.count.feed.other"),
    )
}

/// A feed's title in a message: isolated (FSI … PDI) in a right-to-left
/// language, so that its own direction does not pull the sentence along.
fn isolate(text: &str) -> String {
    if crate::i18n::process().is_rtl() {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text.to_string()
    }
}

/// A title from a feed, for one line of a message or a list.
fn title(text: &str) -> String {
    safe::strip(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn list(subs: &Subscriptions, json: bool) -> Result<()> {
    let feeds = subs.feeds();
    if json {
        let list: Vec<serde_json::Value> = feeds.iter().map(feed_json).collect();
        let text = serde_json::to_string_pretty(&list)
            .map_err(|e| Error::new(format!("cannot write the list as JSON: {e}")))?;
        return super::write_stdout(format!("{}\n", safe::json(text)).as_bytes());
    }
    if feeds.is_empty() {
        safe::eprint(&crate::i18n::process().f(
            "cli.feed.none_yet",
            &[("dir", &crate::error::path_name(subs.dir()))],
        ));
        return Ok(());
    }
    super::write_stdout(list_text(&feeds, super::default_width()).as_bytes())
}

fn feed_json(feed: &FeedView) -> serde_json::Value {
    serde_json::json!({
        "id": feed.id,
        "title": feed.title,
        "url": feed.url,
        "site": feed.site,
        "items": feed.items.len(),
        "unread": feed.unread,
        "refreshed": feed.refreshed,
        "error": feed.error,
    })
}

/// `3  Title` and under it the URL, then the counts and the last refresh,
/// then the last error if any,
/// laid out by the engine for `width` columns (a Persian title reads right).
pub fn list_text(feeds: &[FeedView], width: usize) -> String {
    let lang = crate::i18n::process();
    // The rows read in the interface's direction: from the right in Persian.
    let rows = LayoutOptions {
        direction: match lang.direction() {
            crate::layout::Direction::Rtl => BaseDirection::Rtl,
            crate::layout::Direction::Ltr => BaseDirection::Ltr,
        },
        ..LayoutOptions::default()
    };
    let mut out = String::new();
    for feed in feeds {
        // An isolate keeps a right-to-left title from pulling the id along.
        let id = num(feed.id);
        let head = format!("{id:>3}  \u{2068}{}\u{2069}", title(&feed.title));
        push_laid_out(&mut out, &head, width, &rows);
        let refreshed = feed.refreshed.as_deref().map_or_else(
            || lang.t("cli.feed.never_refreshed").to_string(),
            |r| {
                let minute = r
                    .get(..16)
                    .map_or(r.to_string(), |d| d.replacen('T', " ", 1));
                lang.f("cli.feed.refreshed_at", &[("time", &ltr(&minute))])
            },
        );
        push_laid_out(
            &mut out,
            &format!("     \u{2066}{}\u{2069}", safe::visible(&feed.url)),
            width,
            &rows,
        );
        let counts = lang.f(
            "cli.feed.counts",
            &[
                ("items", &items(feed.items.len())),
                ("unread", &num(feed.unread)),
                ("refreshed", &refreshed),
            ],
        );
        push_laid_out(&mut out, &format!("     {counts}"), width, &rows);
        if let Some(error) = &feed.error {
            let line = lang.f("cli.feed.last_error", &[("error", &safe::visible(error))]);
            push_laid_out(&mut out, &format!("     {line}"), width, &rows);
        }
    }
    out
}

fn push_laid_out(out: &mut String, text: &str, width: usize, options: &LayoutOptions) {
    for line in layout::layout_paragraph(text, width, options).lines {
        line.push_aligned(width, out);
        out.push('\n');
    }
}

fn remove(subs: &mut Subscriptions, key: &str) -> Result<()> {
    let removed = subs.remove(key)?;
    let lang = crate::i18n::process();
    let deleted = say::plural(
        removed.deleted,
        lang.t("cli.count.saved_item.one"),
        lang.t("cli.count.saved_item.other"),
    );
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("id", &num(removed.id)),
        ("title", &isolate(&title(&removed.title))),
        ("deleted", &deleted),
        ("kept", &items(removed.kept)),
    ];
    safe::eprint(&if removed.kept > 0 {
        lang.f("cli.feed.removed_kept", &args)
    } else {
        lang.f("cli.feed.removed", &args)
    });
    Ok(())
}

fn import(subs: &mut Subscriptions, path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", &e))?;
    let shown = crate::error::path_name(path);
    let list = opml::parse(&bytes).map_err(|e| Error::new(format!("{shown}: {e}")))?;
    let done = subs.import(&list)?;
    let lang = crate::i18n::process();
    for refused in &done.refused {
        safe::eprint(&lang.f("cli.feed.skipped", &[("file", &shown), ("why", &refused)]));
    }
    let args: [(&str, &dyn std::fmt::Display); 3] = [
        ("feeds", &feeds_count(done.added)),
        ("file", &shown),
        ("already", &feeds_count(done.already)),
    ];
    safe::eprint(&if done.already > 0 {
        lang.f("cli.feed.imported_already", &args)
    } else {
        lang.f("cli.feed.imported", &args)
    });
    Ok(())
}

fn export(subs: &Subscriptions, output: Option<&Path>) -> Result<()> {
    let text = subs.opml();
    let Some(path) = output else {
        return super::write_stdout(text.as_bytes());
    };
    if path.is_dir() || path.file_name().is_none() {
        return Err(Error::new(crate::i18n::process().f(
            "error.feed.export_directory",
            &[("path", &crate::error::path_name(path))],
        )));
    }
    store::write_atomic(
        path,
        |name| {
            let mut temp = std::ffi::OsString::from(".");
            temp.push(name);
            temp.push(format!(".barg-{}.tmp", std::process::id()));
            temp
        },
        text.as_bytes(),
    )
    .map_err(|e| Error::io(path, "write", &e))?;
    safe::eprint(&crate::i18n::process().f(
        "cli.feed.wrote",
        &[
            ("feeds", &feeds_count(subs.feeds().len())),
            ("file", &crate::error::path_name(path)),
        ],
    ));
    Ok(())
}
