//! What the library is, for the reader, `barg list` and `barg search`
//! alike: the articles named on the command line (files, folders, URLs), or
//! else the samples, the data directory's `library` folder and the config
//! file's `library` folders, and the items of the feeds followed. And
//! fetching a URL named on the command line.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::article::library::{self, Entry};
use crate::article::{self, Opened, Source};
use crate::error::{Error, Result};
use crate::layout::{self, LayoutOptions};
use crate::net;
use crate::subscriptions::{self, Subscriptions};

/// The environment variable that sets how long a fetch may take, in
/// milliseconds (20 seconds when unset).
pub const TIMEOUT_VARIABLE: &str = "BARG_FETCH_TIMEOUT_MS";

/// The URL an argument names, when it starts with `http://` or `https://`
/// (any case); other arguments are paths.
pub fn url_arg(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    let scheme = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    (scheme.starts_with("http://") || scheme.starts_with("https://")).then_some(text)
}

/// Fetch the page at `url` and read it, saying "fetching URL…" on stderr
/// while it waits when stderr is a terminal (the line is cleared after).
pub fn fetch(url: &str) -> Result<Opened> {
    let mut opts = net::Fetch::page();
    if let Some(ms) = std::env::var(TIMEOUT_VARIABLE)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&ms| ms > 0)
    {
        opts.timeout = Duration::from_millis(ms);
        opts.connect_timeout = opts.connect_timeout.min(opts.timeout);
    }
    let progress = std::io::stderr().is_terminal();
    if progress {
        let line = crate::i18n::process().f("cli.fetching", &[("url", &crate::error::ltr(url))]);
        let line = format!("barg: {}", super::say::for_stderr(&line));
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
    let fetched = net::fetch(url, &opts);
    if progress {
        let _ = std::io::stderr().lock().write_all(b"\r\x1b[2K");
    }
    let fetched = fetched?;
    let net::Status::Fresh(body) = fetched.status else {
        return Err(Error::new(crate::i18n::process().f(
            "error.fetch.not_modified",
            &[("url", &crate::error::ltr(url))],
        )));
    };
    let source = Source::Url(fetched.final_url.clone());
    article::read_fetched(&body, &fetched.final_url, source)
}

/// The library: the articles `paths` name (files, folders of article files,
/// URLs, which are fetched) or, with none, the samples, then the articles
/// in `data_dir`'s `library` folder, then those in `config_library`. What
/// cannot be read is left out and said in the messages returned.
pub fn gather(
    paths: &[PathBuf],
    config_library: &[PathBuf],
    data_dir: Option<&Path>,
) -> (Vec<Entry>, Vec<String>) {
    if !paths.is_empty() {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        // Files and folders are loaded together (in parallel), URLs one by
        // one, in the order given.
        let mut files: Vec<PathBuf> = Vec::new();
        let flush = |files: &mut Vec<PathBuf>, e: &mut Vec<Entry>, p: &mut Vec<String>| {
            let (more, why) = library::load_entries(files);
            e.extend(more);
            p.extend(why);
            files.clear();
        };
        for path in paths {
            match url_arg(path) {
                Some(url) => {
                    flush(&mut files, &mut entries, &mut problems);
                    match fetch(url) {
                        Ok(opened) => {
                            problems.extend(opened.warnings);
                            entries.push(Entry::new(opened.article));
                        }
                        Err(e) => problems.push(e.to_string()),
                    }
                }
                None => files.push(path.clone()),
            }
        }
        flush(&mut files, &mut entries, &mut problems);
        return (entries, problems);
    }
    let mut entries: Vec<Entry> = library::samples().into_iter().map(Entry::new).collect();
    let mut folders = Vec::new();
    if let Some(own) = data_dir.map(|d| d.join("library")).filter(|d| d.is_dir()) {
        folders.push(own);
    }
    folders.extend(config_library.iter().cloned());
    let (more, mut problems) = library::load_entries(&folders);
    entries.extend(more);
    if let Some(dir) = data_dir {
        problems.extend(feed_items(dir, &mut entries));
    }
    (entries, problems)
}

/// Add the items of the feeds followed in `dir` to `entries`; what went
/// wrong, a line each.
fn feed_items(dir: &Path, entries: &mut Vec<Entry>) -> Vec<String> {
    let mut subscriptions = match Subscriptions::open(dir) {
        Ok(subscriptions) => subscriptions,
        Err(e) => return vec![e.to_string()],
    };
    let mut problems = subscriptions.take_notices();
    let (items, unreadable) = subscriptions::load_items(&subscriptions, &HashSet::new());
    problems.extend(unreadable);
    entries.extend(items.into_iter().map(|item| Entry {
        article: item.article,
        published: item.published,
        modified: None,
        feed: Some(item.feed),
        unread: !item.read,
    }));
    problems
}

/// `text`, cut at a grapheme boundary with an ellipsis to fit in `room`
/// columns. Widths are of unshaped letters, never less than shaped ones.
pub fn cut_to_width(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > room {
            break;
        }
        used += w;
        out.push_str(grapheme);
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// One line of `text` (its first), cut to `room` columns and laid out by
/// the engine (reordered and shaped), with the columns it takes.
pub fn laid_out_field(text: &str, room: usize, options: &LayoutOptions) -> (String, usize) {
    let line = text.lines().next().unwrap_or("").trim();
    let cut = cut_to_width(line, room);
    let laid = layout::layout_paragraph(&cut, room.max(1), options);
    match laid.lines.first() {
        Some(first) => {
            let visual = first.text().trim_end_matches(' ');
            (visual.to_string(), visual.width())
        }
        None => (String::new(), 0),
    }
}

/// `text` followed by spaces to fill `width` columns when it takes `used`.
pub fn pad(out: &mut String, text: &str, used: usize, width: usize) {
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_arguments_are_urls() {
        assert_eq!(
            url_arg(Path::new("https://fa.example/a")),
            Some("https://fa.example/a")
        );
        assert!(url_arg(Path::new("HTTP://fa.example/")).is_some());
        assert!(url_arg(Path::new("ftp://fa.example/")).is_none());
        assert!(url_arg(Path::new("http:/x")).is_none());
        assert!(url_arg(Path::new("notes/http://x")).is_none());
        assert!(url_arg(Path::new("http")).is_none());
    }

    #[test]
    fn a_long_title_is_cut_to_fit() {
        assert_eq!(cut_to_width("کتابخانه‌ای در ایستگاه", 12), "کتابخانه‌ای…");
        assert_eq!(cut_to_width("کوتاه", 12), "کوتاه");
    }
}
