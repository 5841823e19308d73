//! `barg list`: the library, one article a row, or as JSON.

use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::library::{gather, laid_out_field, pad};
use crate::article::library::{Entry, direction_of, language_of, word_count};
use crate::article::{Direction, Format, Source};
use crate::config::Config;
use crate::dates::DateStyle;
use crate::error::{Error, Result};
use crate::layout::{BaseDirection, LayoutOptions};
use crate::safe;
use crate::store::{self, Store};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON (one object per article) instead of rows for the terminal
    #[arg(long)]
    pub json: bool,

    /// Files, folders or URLs to list instead of the library
    #[arg(value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,
}

/// What `barg list` says of one article.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The store's id of the article (a hash of its folded text).
    pub id: String,
    pub title: String,
    pub source: Source,
    pub format: Format,
    /// `rtl` or `ltr`.
    pub direction: &'static str,
    /// A BCP-47 tag: declared by the article, or guessed from its script.
    pub language: Option<String>,
    /// `language` is a guess from the script, not declared.
    pub language_guessed: bool,
    pub words: usize,
    /// When it was published (a saved article that says), else when its
    /// file last changed (RFC 3339, UTC); none for a sample or a page.
    pub date: Option<String>,
    /// The feed it is an item of.
    pub feed: Option<String>,
    /// No reading position is kept for it.
    pub unread: bool,
}

/// The library as `barg list`, `barg search` and the reader see it, with
/// unread worked out from the store in `data_dir` when `unread` asks (it
/// costs a pass over every text, for the ids). Problems go to stderr.
pub fn load(paths: &[PathBuf], data_dir: Option<&Path>, unread: bool) -> Result<Vec<Entry>> {
    let (config, _) = Config::load()?;
    let dir = store::data_dir(data_dir).ok();
    let (mut entries, problems) = gather(paths, &config.library, dir.as_deref());
    for problem in &problems {
        safe::eprint(problem);
    }
    if entries.is_empty() && !paths.is_empty() {
        return Err(Error::new(
            crate::i18n::process().t("error.list.no_articles"),
        ));
    }
    if !unread {
        return Ok(entries);
    }
    // The ids fold every text: in parallel, before the store looks them up.
    entries.par_iter().for_each(|e| {
        store::identify(&e.article);
    });
    let mut store = dir.map(Store::open).transpose().unwrap_or_else(|e| {
        safe::eprint(&crate::i18n::process().f("cli.list.positions_unknown", &[("why", &e)]));
        None
    });
    if let Some(store) = &mut store {
        for notice in store.take_notices() {
            safe::eprint(&notice);
        }
        // A feed item is unread until opened (feeds.json says); any other
        // article while no reading position is kept for it.
        for entry in entries.iter_mut().filter(|e| e.feed.is_none()) {
            entry.unread = store.position(&entry.article).is_none();
        }
    }
    Ok(entries)
}

pub fn row(entry: &Entry) -> Row {
    let article = &entry.article;
    let language = language_of(article);
    let date = entry
        .published
        .clone()
        .or_else(|| entry.modified.map(rfc3339));
    Row {
        id: store::identify(article).to_string(),
        title: article.title.clone(),
        source: article.source.clone(),
        format: article.format,
        direction: match direction_of(article) {
            Direction::Rtl => "rtl",
            _ => "ltr",
        },
        language_guessed: language.as_ref().is_some_and(|(_, guessed)| *guessed),
        language: language.map(|(lang, _)| lang),
        words: word_count(&article.text),
        date,
        feed: entry.feed.clone(),
        unread: entry.unread,
    }
}

fn rfc3339(time: std::time::SystemTime) -> String {
    // A time jiff cannot hold (past the year 9999) is the Unix epoch's.
    jiff::Timestamp::try_from(time)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

pub fn run(args: &ListArgs, data_dir: Option<&Path>) -> Result<()> {
    let entries = load(&args.paths, data_dir, true)?;
    let rows: Vec<Row> = entries.par_iter().map(row).collect();
    let out = if args.json {
        json(&rows)?
    } else {
        let dates = DateStyle::local(crate::i18n::process());
        text(&rows, super::default_width(), &dates)
    };
    super::write_stdout(out.as_bytes())
}

/// The rows as a JSON array, active characters escaped.
pub fn json<T: Serialize>(rows: &[T]) -> Result<String> {
    let mut text = serde_json::to_string_pretty(rows)
        .map_err(|e| Error::new(format!("cannot write the list as JSON: {e}")))?;
    text.push('\n');
    Ok(safe::json(text))
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Plain => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

/// The rows as a table for the terminal, `width` columns wide: unread
/// mark, date (as `dates` shows it), words, direction, language, format,
/// source (a feed item's feed), title. Titles and sources are laid out by
/// the engine, a title in its article's direction, so Persian reads right;
/// the columns line up in terminal cells.
pub fn text(rows: &[Row], width: usize, dates: &DateStyle) -> String {
    let ltr = LayoutOptions {
        direction: BaseDirection::Ltr,
        ..LayoutOptions::default()
    };
    let auto = LayoutOptions::default();
    let shown_dates: Vec<String> = rows
        .iter()
        .map(|r| r.date.as_deref().map(|d| dates.date(d)).unwrap_or_default())
        .collect();
    let date_w = shown_dates
        .iter()
        .map(|d| d.width())
        .max()
        .unwrap_or(0)
        .max("2025-11-25".len());
    let lang = crate::i18n::process();
    // Column names laid out as the fields are, with the columns they take.
    let name = |text: &str| laid_out_field(text, 40, &auto);
    let (date_h, date_hw) = name(lang.t("cli.list.date"));
    let date_w = date_w.max(date_hw);
    let (words_h, words_hw) = name(lang.t("cli.list.words"));
    let (dir_h, dir_hw) = name(lang.t("cli.list.dir"));
    let (lang_h, lang_hw) = name(lang.t("cli.list.lang"));
    let (format_h, format_hw) = name(lang.t("cli.list.format"));
    let (source_h, source_hw) = name(lang.t("cli.list.source"));
    let (title_h, _) = name(lang.t("cli.list.title"));
    let dir_w = dir_hw.max(3);
    let words_w = rows
        .iter()
        .map(|r| r.words.to_string().len())
        .max()
        .unwrap_or(0)
        .max(words_hw);
    let lang_w = rows
        .iter()
        .map(|r| {
            r.language
                .as_deref()
                .map_or(1, |l| l.width() + usize::from(r.language_guessed))
        })
        .max()
        .unwrap_or(0)
        .max(lang_hw);
    let sources: Vec<(String, usize)> = rows
        .iter()
        .map(|r| match &r.feed {
            // An item's file name says nothing: its feed does.
            Some(feed) => laid_out_field(&format!("feed: {}", safe::strip(feed)), 24, &auto),
            None => laid_out_field(&r.source.short_name(), 24, &ltr),
        })
        .collect();
    let source_w = sources
        .iter()
        .map(|s| s.1)
        .max()
        .unwrap_or(0)
        .max(source_hw);
    let fixed = 2 + date_w + 2 + words_w + 1 + dir_w + 1 + lang_w + 1 + 8 + 1 + source_w + 2;
    let title_room = width.saturating_sub(fixed).max(8);
    let mut out = String::new();
    let mut header = String::from("  ");
    pad(&mut header, &date_h, date_hw, date_w + 2);
    header.extend(std::iter::repeat_n(' ', words_w.saturating_sub(words_hw)));
    header.push_str(&words_h);
    header.push(' ');
    pad(&mut header, &dir_h, dir_hw, dir_w + 1);
    pad(&mut header, &lang_h, lang_hw, lang_w + 1);
    pad(&mut header, &format_h, format_hw, 9);
    pad(&mut header, &source_h, source_hw, source_w + 2);
    header.push_str(&title_h);
    out.push_str(&header);
    out.push('\n');
    for ((row, (source, source_used)), date) in rows.iter().zip(&sources).zip(&shown_dates) {
        out.push_str(if row.unread { "• " } else { "  " });
        // A Persian date is laid out right to left in its column.
        let (date, date_used) = laid_out_field(date, date_w, &auto);
        pad(&mut out, &date, date_used, date_w + 2);
        let words = crate::error::num(row.words);
        out.push_str(&format!("{words:>words_w$} "));
        pad(&mut out, row.direction, row.direction.len(), dir_w + 1);
        let lang = match (&row.language, row.language_guessed) {
            (Some(lang), true) => format!("{lang}?"),
            (Some(lang), false) => lang.clone(),
            (None, _) => "-".to_string(),
        };
        pad(&mut out, &lang, lang.width(), lang_w + 1);
        let format = format_name(row.format);
        pad(&mut out, format, format.len(), 9);
        pad(&mut out, source, *source_used, source_w + 2);
        let title_layout = LayoutOptions {
            direction: match row.direction {
                "rtl" => BaseDirection::Rtl,
                _ => BaseDirection::Ltr,
            },
            ..LayoutOptions::default()
        };
        let (title, _) = laid_out_field(&row.title, title_room, &title_layout);
        out.push_str(&title);
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out
}
