//! `barg bookmarks …`: keep, list, export and remove bookmarked quotes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use rayon::prelude::*;
use unicode_width::UnicodeWidthStr;

use crate::article::{self, Article, Source};
use crate::dates::DateStyle;
use crate::error::{Error, Result};
use crate::layout::{self, BaseDirection, Direction, LayoutOptions};
use crate::safe;
use crate::store::{self, Bookmark, Patience, Store, export_json, export_markdown};

#[derive(Debug, Args)]
#[command(
    after_help = "A change waits up to 10 seconds for another barg that is writing the \
    bookmarks, and says so; BARG_LOCK_WAIT_MS sets that wait in milliseconds."
)]
pub struct BookmarksArgs {
    #[command(subcommand)]
    pub command: BookmarksCommand,
}

#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// Bookmark a quote from an article and print the new bookmark's id
    Add(AddArgs),
    /// List the bookmarks, newest first
    List {
        /// Print JSON with every field instead of text laid out for the terminal
        #[arg(long)]
        json: bool,
    },
    /// Write every bookmark out as Markdown or JSON
    Export {
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// The file to write [default: standard output]
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Remove a bookmark
    Remove {
        /// The bookmark's id, as `barg bookmarks list` shows it
        id: u64,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The article the quote is from
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The words to keep, as they appear in the article (ی/ي, ک/ك, ZWNJ and
    /// harakat make no difference)
    #[arg(long, short, value_name = "TEXT")]
    pub quote: String,
    /// A note of your own to keep with it
    #[arg(long, short, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

pub fn run(args: &BookmarksArgs, data_dir: Option<&Path>) -> Result<()> {
    // Ten seconds (or BARG_LOCK_WAIT_MS), said on stderr once it is a wait.
    let patience = Patience::default().telling(|lock| {
        safe::eprint(&crate::i18n::process().f(
            "cli.bookmarks.waiting",
            &[("lock", &crate::error::path_name(lock))],
        ));
    });
    let mut store = Store::open_with(store::data_dir(data_dir)?, patience)?;
    tell(&mut store);
    let result = match &args.command {
        BookmarksCommand::Add(add) => run_add(&mut store, add),
        BookmarksCommand::List { json } => {
            check_sources(&mut store);
            tell(&mut store);
            let list = store.newest_first();
            if *json {
                super::write_stdout(export_json(&list)?.as_bytes())
            } else if list.is_empty() {
                safe::eprint(&crate::i18n::process().f(
                    "cli.bookmarks.none_yet",
                    &[("dir", &crate::error::path_name(store.dir()))],
                ));
                Ok(())
            } else {
                let dates = DateStyle::local(crate::i18n::process());
                let text = list_text(&list, super::default_width(), &dates);
                super::write_stdout(text.as_bytes())
            }
        }
        BookmarksCommand::Export { format, output } => {
            check_sources(&mut store);
            tell(&mut store);
            let list = store.newest_first();
            let text = match format {
                ExportFormat::Markdown => export_markdown(&list, crate::i18n::process()),
                ExportFormat::Json => export_json(&list)?,
            };
            match output {
                None => super::write_stdout(text.as_bytes()),
                Some(path) => {
                    write_file(path, text.as_bytes(), *format)?;
                    let lang = crate::i18n::process();
                    let count = super::say::plural(
                        list.len(),
                        lang.t("cli.count.bookmark.one"),
                        lang.t("cli.count.bookmark.other"),
                    );
                    safe::eprint(&lang.f(
                        "cli.bookmarks.wrote",
                        &[("count", &count), ("file", &crate::error::path_name(path))],
                    ));
                    Ok(())
                }
            }
        }
        BookmarksCommand::Remove { id } => store.remove(*id).and_then(|removed| {
            super::say::print(&crate::i18n::process().f(
                "cli.bookmarks.removed",
                &[("id", &crate::error::num(removed.id))],
            ))
        }),
    };
    tell(&mut store);
    result
}

/// Print the store's notices on stderr.
fn tell(store: &mut Store) {
    for notice in store.take_notices() {
        safe::eprint(&notice);
    }
}

fn run_add(store: &mut Store, args: &AddArgs) -> Result<()> {
    let article = load_path(&args.path)?;
    let added = store.add_quote(&article, &args.quote, args.note.clone())?;
    let bookmark = &added.bookmark;
    let lang = crate::i18n::process();
    let id = crate::error::num(bookmark.id);
    if added.already && args.note.is_some() {
        safe::eprint(&lang.f("cli.bookmarks.already_note", &[("id", &id)]));
    } else if added.already {
        safe::eprint(&lang.f("cli.bookmarks.already", &[("id", &id)]));
    } else if added.occurrences > 1 {
        safe::eprint(&lang.f(
            "cli.bookmarks.occurs",
            &[
                ("times", &crate::error::num(added.occurrences)),
                ("id", &id),
                ("paragraph", &crate::error::num(bookmark.paragraph + 1)),
            ],
        ));
    }
    super::write_stdout(format!("{}\n", bookmark.id).as_bytes())
}

/// Read the article at `path`; warnings go to stderr.
fn load_path(path: &Path) -> Result<Article> {
    if path.as_os_str() == "-" {
        return Err(Error::new(
            crate::i18n::process().t("error.bookmarks.stdin"),
        ));
    }
    let opened = article::open(&Source::File(path.to_path_buf()))?;
    for warning in &opened.warnings {
        safe::eprint(&format!("warning: {warning}"));
    }
    Ok(opened.article)
}

/// Open every article that has bookmarks and bring its bookmarks up to date
/// with its text. Articles that cannot be read now (moved, deleted, from
/// standard input) are left as they are, and so are web pages: a listing
/// does not go to the network.
fn check_sources(store: &mut Store) {
    let mut seen = HashSet::new();
    let sources: Vec<&Source> = store
        .bookmarks()
        .iter()
        .map(|bookmark| &*bookmark.article.source)
        .filter(|&source| !matches!(source, Source::Stdin | Source::Url(_)) && seen.insert(source))
        .collect();
    let articles: Vec<Article> = sources
        .into_par_iter()
        .filter_map(|source| article::open(source).ok())
        .map(|opened| opened.article)
        .collect();
    for article in &articles {
        store.check(article);
    }
}

/// The bookmarks as a person reads them in the terminal: a header line
/// (its date as `dates` shows it), the quote laid out by the engine in the
/// direction of its paragraph (so a Persian sentence reads right even when
/// it starts with an English word), the note.
pub fn list_text(bookmarks: &[&Bookmark], width: usize, dates: &DateStyle) -> String {
    // The header reads in the interface's direction: from the right in Persian.
    let ltr = LayoutOptions {
        direction: match crate::i18n::process().direction() {
            crate::layout::Direction::Rtl => BaseDirection::Rtl,
            crate::layout::Direction::Ltr => BaseDirection::Ltr,
        },
        ..LayoutOptions::default()
    };
    let auto = LayoutOptions::default();
    // Laid out in parallel: ten thousand bookmarks are ten thousand layouts.
    let entries: Vec<String> = bookmarks
        .par_iter()
        .map(|bookmark| {
            let mut out = String::new();
            push_laid_out(&mut out, &header(bookmark, width, dates), width, &ltr);
            let quote = LayoutOptions {
                direction: bookmark.direction().into(),
                ..LayoutOptions::default()
            };
            for line in bookmark.quote.lines().filter(|l| !l.trim().is_empty()) {
                push_laid_out(&mut out, line.trim(), width, &quote);
            }
            if let Some(note) = bookmark.note.as_deref() {
                for line in note.lines().filter(|l| !l.trim().is_empty()) {
                    push_laid_out(&mut out, &format!("— {}", line.trim()), width, &auto);
                }
            }
            out
        })
        .collect();
    entries.join("\n")
}

/// `[id] date  source, paragraph N  title`, the title cut to fit `width`.
fn header(bookmark: &Bookmark, width: usize, dates: &DateStyle) -> String {
    let date = dates.date_time(&bookmark.created);
    let lang = crate::i18n::process();
    let source = bookmark.article.source.short_name();
    let mut line = lang.f(
        "cli.bookmarks.header",
        &[
            ("id", &crate::error::num(bookmark.id)),
            // Isolated: a Persian date keeps its order in the line.
            ("date", &format!("\u{2068}{date}\u{2069}")),
            ("source", &format!("\u{2066}{source}\u{2069}")),
            ("paragraph", &crate::error::num(bookmark.paragraph + 1)),
        ],
    );
    if bookmark.detached {
        line.push_str("  ");
        line.push_str(lang.t("cli.bookmarks.detached"));
    }
    let title = bookmark.article.title.trim();
    let room = width.saturating_sub(line.width() + 2);
    if !title.is_empty() && room >= 8 {
        // An isolate keeps a right-to-left title from pulling the rest along;
        // inside it, the title reads in its own direction.
        let isolate = match bookmark.title_direction() {
            Direction::Rtl => '\u{2067}',
            Direction::Ltr => '\u{2066}',
        };
        line.push_str(&format!(
            "  {isolate}{}\u{2069}",
            super::library::cut_to_width(title, room)
        ));
    }
    line
}

fn push_laid_out(out: &mut String, text: &str, width: usize, options: &LayoutOptions) {
    for line in layout::layout_paragraph(text, width, options).lines {
        line.push_aligned(width, out);
        out.push('\n');
    }
}

/// Write an export file whole or not at all. A symbolic link stays one: the
/// file it points to is written.
fn write_file(path: &Path, bytes: &[u8], format: ExportFormat) -> Result<()> {
    let names_a_directory = path
        .as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator);
    if names_a_directory || path.is_dir() || path.file_name().is_none() {
        let example = match format {
            ExportFormat::Markdown => "bookmarks.md",
            ExportFormat::Json => "bookmarks.json",
        };
        return Err(Error::new(crate::i18n::process().f(
            "error.bookmarks.export_directory",
            &[
                ("path", &crate::error::path_name(path)),
                ("example", &crate::error::path_name(&path.join(example))),
            ],
        )));
    }
    let temp = |name: &std::ffi::OsStr| {
        let mut temp = std::ffi::OsString::from(".");
        temp.push(name);
        temp.push(format!(".barg-{}.tmp", std::process::id()));
        temp
    };
    store::write_atomic(path, temp, bytes).map_err(|e| Error::io(path, "write", &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ArticleRef, StoredSource};

    #[test]
    fn a_persian_quote_is_listed_right_aligned_and_in_visual_order() {
        let bookmark = Bookmark {
            id: 7,
            article: ArticleRef {
                id: "0123456789abcdef".to_string(),
                source: StoredSource::new(Source::File("/home/reader/fa-news.txt".into())),
                title: "News".to_string(),
                unknown: Default::default(),
            },
            quote: "سلام دنیا".to_string(),
            range: 0..17,
            paragraph: 0,
            note: None,
            created: "2025-11-25T14:03:07Z".to_string(),
            detached: false,
            direction: None,
            unknown: Default::default(),
        };
        let utc = DateStyle::at(crate::i18n::Lang::ENGLISH, jiff::tz::TimeZone::UTC);
        let text = list_text(&[&bookmark], 80, &utc);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "[7] 2025-11-25 14:03  fa-news.txt, paragraph 1  News"
        );
        // Right-aligned in 80 columns, "دنیا" first from the left.
        let quote = lines[1].trim_start();
        assert!(lines[1].len() - quote.len() > 60, "{:?}", lines[1]);
        let dunya = layout::layout_paragraph("دنیا", 10, &LayoutOptions::default()).lines[0]
            .text()
            .to_string();
        assert!(quote.starts_with(&dunya), "{quote:?} starts with {dunya:?}");
    }

    #[test]
    fn a_long_title_is_cut_to_fit_the_header() {}
}
