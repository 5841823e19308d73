//! `barg feed …`: subscribe to feeds, list, refresh, remove them, and move
//! the list in and out as OPML.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::error::{Error, Result};
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
    safe::eprint(&format!(
        "subscribed to {} ({}) as feed {}: {}",
        title(&name),
        safe::visible(&added.url),
        added.id,
        store::count(added.report.new_items(), "item")
    ));
    if failed > 0 {
        return Err(Error::new("the feed's items could not all be read"));
    }
    Ok(())
}

fn refresh(dir: &Path, only: Option<&str>, flags: RefreshFlags) -> Result<()> {
    let show = io::stderr().is_terminal();
    let progress = move |step: Progress| {
        if !show {
            return;
        }
        let line = match step {
            Progress::Feeds { done, total } => format!("refreshing feeds: {done}/{total}"),
            Progress::Items { done, total } => format!("saving new items: {done}/{total}"),
        };
        // One line, rewritten in place.
        let _ = write!(io::stderr().lock(), "\r\x1b[2K{line}");
    };
    let report = subscriptions::refresh(dir, only, &flags.options(), progress);
    if show {
        let _ = write!(io::stderr().lock(), "\r\x1b[2K");
    }
    let report = report?;
    let failed = tell_report(&report);
    let total = report.feeds.len();
    if total == 0 {
        safe::eprint("no feeds to refresh: subscribe with `barg feed add URL`");
        return Ok(());
    }
    safe::eprint(&format!(
        "refreshed {}: {}",
        store::count(total, "feed"),
        store::count(report.new_items(), "new item")
    ));
    if failed > 0 {
        return Err(Error::new(format!(
            "{failed} of {} could not be refreshed; their saved items are kept",
            store::count(total, "feed")
        )));
    }
    Ok(())
}

/// Say what went wrong, a line per failing feed and per warning; the
/// number of feeds that failed.
fn tell_report(report: &Report) -> usize {
    for feed in &report.feeds {
        let name = format!("feed {} ({})", title(&feed.name), safe::visible(&feed.url));
        if let Some(error) = &feed.error {
            safe::eprint(&format!("{name}: {}", safe::visible(error)));
        }
        if feed.duplicates > 0 {
            safe::eprint(&format!(
                "{name}: {} with an id an earlier item has; each id is kept once",
                store::count(feed.duplicates, "item")
            ));
        }
        for warning in &feed.warnings {
            safe::eprint(&format!("{name}: {}", safe::visible(warning)));
        }
    }
    report.failed()
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
        safe::eprint(&format!(
            "no feeds yet (in {}): subscribe with `barg feed add URL`",
            safe::path(subs.dir())
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
    let ltr = LayoutOptions {
        direction: BaseDirection::Ltr,
        ..LayoutOptions::default()
    };
    let mut out = String::new();
    for feed in feeds {
        // An isolate keeps a right-to-left title from pulling the id along.
        let head = format!("{:>3}  \u{2068}{}\u{2069}", feed.id, title(&feed.title));
        push_laid_out(&mut out, &head, width, &ltr);
        let refreshed = feed.refreshed.as_deref().map_or_else(
            || "never refreshed".to_string(),
            |r| {
                let minute = r
                    .get(..16)
                    .map_or(r.to_string(), |d| d.replacen('T', " ", 1));
                format!("refreshed {}", safe::visible(&minute))
            },
        );
        push_laid_out(
            &mut out,
            &format!("     {}", safe::visible(&feed.url)),
            width,
            &ltr,
        );
        let counts = format!(
            "     {}, {} unread · {refreshed}",
            store::count(feed.items.len(), "item"),
            feed.unread,
        );
        push_laid_out(&mut out, &counts, width, &ltr);
        if let Some(error) = &feed.error {
            let line = format!("     last error: {}", safe::visible(error));
            push_laid_out(&mut out, &line, width, &ltr);
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
    let kept = if removed.kept > 0 {
        format!(
            "; {} kept, as bookmarks or reading positions point to them",
            store::count(removed.kept, "item")
        )
    } else {
        String::new()
    };
    safe::eprint(&format!(
        "removed feed {} ({}) and {}{kept}",
        removed.id,
        title(&removed.title),
        store::count(removed.deleted, "saved item")
    ));
    Ok(())
}

fn import(subs: &mut Subscriptions, path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", &e))?;
    let list = opml::parse(&bytes).map_err(|e| Error::new(format!("{}: {e}", safe::path(path))))?;
    let done = subs.import(&list)?;
    for refused in &done.refused {
        safe::eprint(&format!("{}: skipped: {refused}", safe::path(path)));
    }
    let already = if done.already > 0 {
        format!(" ({} already there)", store::count(done.already, "feed"))
    } else {
        String::new()
    };
    safe::eprint(&format!(
        "added {} from {}{already}; `barg feed refresh` fetches them",
        store::count(done.added, "feed"),
        safe::path(path)
    ));
    Ok(())
}

fn export(subs: &Subscriptions, output: Option<&Path>) -> Result<()> {
    let text = subs.opml();
    let Some(path) = output else {
        return super::write_stdout(text.as_bytes());
    };
    if path.is_dir() || path.file_name().is_none() {
        return Err(Error::new(format!(
            "cannot write the subscriptions to {}: that is a directory; give a file name, \
             e.g. -o feeds.opml",
            safe::path(path)
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
    safe::eprint(&format!(
        "wrote {} to {}",
        store::count(subs.feeds().len(), "feed"),
        safe::path(path)
    ));
    Ok(())
}
