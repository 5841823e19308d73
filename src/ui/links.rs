//! An article's links (as in w3m and lynx): the links screen lists them in
//! the order of the text, Enter follows one, `y` copies its target; and the
//! way back along what was followed.
//!
//! Where a link leads, from the article it is in ([`destination`]):
//! - `http` and `https`, and a relative link in a page read from the web:
//!   the page is fetched off the UI thread (a thread and a channel that the
//!   event loop polls), then shown in the reader; Esc stops waiting for it
//!   and a second follow replaces it;
//! - a file path, relative to the article's own file, or `file://`: opened
//!   at once (Markdown, HTML or text, as the library would read it);
//! - anything else (`mailto:`, `javascript:`, `data:`, `ftp:`, a link within
//!   the page) is not followed; the status line says it can be copied.
//!
//! Followed articles and the library: a link to an article the library has
//! (the same file or URL) opens that library article, as Enter there would;
//! any other article is a visit: shown in the reader, never added to the
//! library list, its reading position kept in the history for this run
//! only (the store keeps positions of library articles; bookmarks made in a
//! visited article are saved as any other, with its source).
//!
//! The history: whenever the reader's article changes (a link followed, an
//! article or a bookmark opened), the one left is pushed, reader and
//! position whole; `history_back` returns to it where it was.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::keymap::Action;
use super::library::moved;
use super::reader::Reader;
use super::{App, Reading, Screen};
use crate::article::quotes::{self, QuoteSpan};
use crate::article::{Article, Opened, Source, SpanKind};
use crate::error::Result;
use crate::i18n::Lang;
use crate::safe;

/// Articles kept to go back to, at most; the oldest go first.
const HISTORY_MAX: usize = 50;

/// A link of the open article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The link's text in the article.
    pub range: Range<usize>,
    /// The block it is in (its direction lays the text out).
    pub block: usize,
    /// Where it leads, as the article wrote it.
    pub target: String,
}

/// The links of `article`, in the order of the text.
pub fn article_links(article: &Article) -> Vec<Link> {
    let mut links = Vec::new();
    for (block, b) in article.blocks.iter().enumerate() {
        for span in &b.spans {
            if let SpanKind::Link { target } = &span.kind {
                links.push(Link {
                    range: span.range.clone(),
                    block,
                    target: target.clone(),
                });
            }
        }
    }
    links
}

/// Where following a link goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// A web page, by its normalized URL.
    Page(String),
    /// A local file.
    File(PathBuf),
    /// Nowhere barg goes: why, for the status line.
    Stay(String),
}

/// Where `target`, a link in an article from `from`, leads (why not, in
/// English).
pub fn destination(target: &str, from: &Source) -> Destination {
    destination_in(target, from, Lang::ENGLISH)
}

/// [`destination`], saying why not in `lang`.
pub fn destination_in(target: &str, from: &Source, lang: Lang) -> Destination {
    let target = target.trim();
    let shown = safe::visible(target);
    if target.is_empty() || target.starts_with('#') {
        return Destination::Stay(lang.t("ui.links.inside").to_string());
    }
    let scheme = scheme_of(target).map(str::to_ascii_lowercase);
    match scheme.as_deref() {
        Some("http" | "https") => page(target),
        Some("file") => {
            let rest = &target["file:".len()..];
            let path = rest.strip_prefix("//localhost").unwrap_or(rest);
            let path = path.strip_prefix("//").unwrap_or(path);
            match path.starts_with('/') {
                true => file(Path::new("/"), path),
                false => Destination::Stay(lang.f("ui.links.not_local", &[("target", &shown)])),
            }
        }
        Some(scheme) => {
            Destination::Stay(lang.f("ui.links.scheme", &[("scheme", &safe::visible(scheme))]))
        }
        None => match from {
            Source::Url(base) => match crate::net::url::join(base, target) {
                Ok(url) => Destination::Page(url),
                Err(e) => Destination::Stay(e.to_string()),
            },
            Source::File(path) => file(path.parent().unwrap_or(Path::new("")), target),
            _ if target.starts_with('/') => file(Path::new("/"), target),
            _ => Destination::Stay(lang.f("ui.links.relative", &[("target", &shown)])),
        },
    }
}

fn page(target: &str) -> Destination {
    match crate::net::url::normalize(target) {
        Ok(url) => Destination::Page(url),
        Err(e) => Destination::Stay(e.to_string()),
    }
}

/// The file `target` names from `folder`: without its `#part` or `?query`,
/// its `%20`s decoded when the name as written is not there.
fn file(folder: &Path, target: &str) -> Destination {
    let written = target.split(['#', '?']).next().unwrap_or(target);
    let path = folder.join(written);
    if !path.exists()
        && let Some(decoded) = percent_decoded(written)
    {
        let decoded = folder.join(decoded);
        if decoded.exists() {
            return Destination::File(decoded);
        }
    }
    Destination::File(path)
}

/// `text` with its `%XX` escapes decoded, when they decode to UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    if !text.contains('%') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// `http` of `http://…`: letters, digits, `+-.` before the first `:`,
/// starting with a letter; two letters at least, so that `C:` is a path.
fn scheme_of(text: &str) -> Option<&str> {
    let scheme = &text[..text.find(':')?];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (scheme.len() > 1
        && first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then_some(scheme)
}

/// The files a link may open: those the library reads.
fn is_article_file(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str());
    let extension = extension.map(str::to_ascii_lowercase);
    matches!(
        extension.as_deref(),
        Some("txt" | "text" | "md" | "markdown" | "html" | "htm")
    )
}

/// The links screen's state: the links and which one is selected.
#[derive(Debug, Default)]
pub struct LinkList {
    links: Vec<Link>,
    selected: usize,
}

impl LinkList {
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    fn act(&mut self, action: Action, count: usize, page: usize) -> Outcome {
        let last = self.links.len().saturating_sub(1);
        match action {
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::HalfPageDown
            | Action::PageUp
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom => self.selected = moved(self.selected, last, action, count, page),
            Action::Open | Action::Right => return Outcome::Follow(self.selected),
            Action::Copy => return Outcome::Copy(self.selected),
            Action::Back | Action::Left | Action::Links => return Outcome::Back,
            Action::HistoryBack => return Outcome::HistoryBack,
            _ => {}
        }
        Outcome::Done
    }
}

enum Outcome {
    Done,
    Follow(usize),
    Copy(usize),
    Back,
    HistoryBack,
}

/// What the fetching thread sends back: the page read, its quotations
/// found (so the UI thread does not spend time on a long page).
type Fetched = Result<(Opened, Vec<QuoteSpan>)>;

/// A page being fetched for a followed link.
#[derive(Debug)]
pub(super) struct Fetching {
    /// For "fetching HOST…".
    host: String,
    answer: Receiver<Fetched>,
}

/// The host of a normalized URL: `fa.example` of `https://fa.example/a`.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

impl App {
    /// The links screen's state.
    pub fn link_list(&self) -> &LinkList {
        &self.links
    }

    /// The host of the page a followed link is fetching, while it is.
    pub fn fetching(&self) -> Option<&str> {
        self.fetching.as_ref().map(|f| f.host.as_str())
    }

    /// How many articles `history_back` can go back to.
    pub fn history_len(&self) -> usize {
        self.history.len()
    }

    /// The first key bound to `action`, for hints ("press y to copy it").
    pub(super) fn key_for(&self, action: Action) -> String {
        self.keymap
            .keys_for(action)
            .into_iter()
            .next()
            .unwrap_or_else(|| action.name().to_string())
    }

    /// The links screen, from the reader: the article's links, the first
    /// one at or after the top of the screen selected.
    pub(super) fn show_links(&mut self) {
        let Some(reader) = self.reader() else {
            return;
        };
        let links = article_links(reader.article());
        if links.is_empty() {
            self.message = Some(self.lang.t("ui.links.none").to_string());
            return;
        }
        let top = reader.offset();
        let selected = links.iter().position(|l| l.range.end > top).unwrap_or(0);
        self.links = LinkList { links, selected };
        self.previous = Screen::Reader;
        self.screen = Screen::Links;
    }

    pub(super) fn links_action(&mut self, action: Action, count: usize) {
        let page = (self.body_height().saturating_sub(2) / 2).max(1);
        match self.links.act(action, count, page) {
            Outcome::Done => {}
            Outcome::Follow(index) => self.follow(index),
            Outcome::Copy(index) => {
                if let Some(link) = self.links.links.get(index) {
                    // Pasted later into a shell: no control may ride along.
                    self.clipboard = Some(safe::strip(&link.target).into_owned());
                    self.message = Some(self.lang.t("ui.links.copied").to_string());
                }
            }
            Outcome::Back => self.screen = Screen::Reader,
            Outcome::HistoryBack => self.history_back(),
        }
    }

    /// Follow link `index` of the links screen.
    fn follow(&mut self, index: usize) {
        let (Some(link), Some(reader)) = (self.links.links.get(index), self.reader()) else {
            return;
        };
        let copy = self.key_for(Action::Copy);
        let lang = self.lang;
        match destination_in(&link.target, &reader.article().source, lang) {
            Destination::Stay(why) => {
                self.message = Some(lang.f("ui.links.stay", &[("why", &why), ("key", &copy)]));
            }
            Destination::Page(url) => {
                self.screen = Screen::Reader;
                let source = Source::Url(url.clone());
                if let Some(index) = self.library_index(&source) {
                    self.fetching = None;
                    self.open(index, None);
                    return;
                }
                let (send, answer) = mpsc::channel();
                std::thread::spawn(move || {
                    let read = crate::article::open(&source).map(|opened| {
                        let quotes = quotes::article_quotes(&opened.article);
                        (opened, quotes)
                    });
                    // Nobody listens when the wait was stopped.
                    let _ = send.send(read);
                });
                let host = safe::visible(host_of(&url)).into_owned();
                self.message = Some(lang.f("ui.links.fetching", &[("host", &host)]));
                self.fetching = Some(Fetching { host, answer });
            }
            Destination::File(path) => {
                if !is_article_file(&path) {
                    let path = safe::path(&path);
                    let args: [(&str, &dyn std::fmt::Display); 2] =
                        [("path", &path), ("key", &copy)];
                    self.message = Some(lang.f("ui.links.not_article", &args));
                    return;
                }
                self.fetching = None;
                let source = Source::File(path).canonical();
                if let Some(index) = self.library_index(&source) {
                    self.open(index, None);
                    return;
                }
                match crate::article::open(&source) {
                    Ok(opened) => {
                        let quotes = quotes::article_quotes(&opened.article);
                        self.visit(opened, quotes);
                    }
                    Err(e) => self.message = Some(e.to_string()),
                }
            }
        }
    }

    /// The library's article from `source`, if it has one.
    fn library_index(&self, source: &Source) -> Option<usize> {
        self.library
            .articles()
            .iter()
            .position(|a| a.source == *source || a.source.canonical() == *source)
    }

    /// Show an article that is not in the library.
    fn visit(&mut self, opened: Opened, quotes: Vec<QuoteSpan>) {
        if !opened.warnings.is_empty() {
            self.message = Some(opened.warnings.join("; "));
        }
        let mut reader = Reader::with_quotes(opened.article, quotes, self.layout);
        reader.resize(self.text_width(), self.body_height());
        self.attach_bookmarks(&mut reader);
        self.show(None, reader);
        self.screen = Screen::Reader;
    }

    /// Make `reader` (on library article `index`, or a visit) the open one,
    /// keeping the one it replaces in the history.
    pub(super) fn show(&mut self, index: Option<usize>, reader: Reader) {
        self.serial += 1;
        let reading = Reading {
            index,
            reader,
            serial: self.serial,
        };
        if let Some(left) = self.reading.replace(reading) {
            let same = left.index.is_some() && left.index == index;
            if !same {
                self.history.push(left);
                if self.history.len() > HISTORY_MAX {
                    self.history.remove(0);
                }
            }
        }
    }

    /// Back to the article read before, where it was left.
    pub(super) fn history_back(&mut self) {
        self.fetching = None;
        let Some(mut previous) = self.history.pop() else {
            self.message = Some(self.lang.t("ui.links.no_history").to_string());
            return;
        };
        self.save_position();
        previous
            .reader
            .resize(self.text_width(), self.body_height());
        self.attach_bookmarks(&mut previous.reader);
        self.serial += 1;
        previous.serial = self.serial;
        // Going back forgets the article left, as a browser's back does
        // without a forward.
        self.reading = Some(previous);
        self.screen = Screen::Reader;
    }

    /// Stop waiting for a followed page; whether one was awaited.
    pub(super) fn stop_fetching(&mut self) -> bool {
        match self.fetching.take() {
            Some(fetching) => {
                let host = &fetching.host;
                self.message = Some(self.lang.f("ui.links.stopped", &[("host", host)]));
                true
            }
            None => false,
        }
    }

    /// Take the followed page if it has come: shown in the reader, or its
    /// failure on the status line. Whether anything changed.
    pub fn poll_fetch(&mut self) -> bool {
        let Some(fetching) = &self.fetching else {
            return false;
        };
        let answer = match fetching.answer.try_recv() {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {
                self.fetching = None;
                return true;
            }
        };
        self.fetching = None;
        match answer {
            Ok((opened, quotes)) => {
                let stay = !matches!(self.screen, Screen::Reader | Screen::Links);
                let shown = self.screen;
                self.message = None;
                self.visit(opened, quotes);
                if stay {
                    self.screen = shown;
                    let title = self.reader().map(|r| r.article().title.clone());
                    let title = title.unwrap_or_default();
                    self.message = Some(self.lang.f("ui.links.opened", &[("title", &title)]));
                }
            }
            Err(e) => self.message = Some(e.to_string()),
        }
        self.prepare();
        true
    }

    /// Wait up to `timeout` for the followed page (for tests, which must not
    /// sleep for a fixed time); whether it came (or failed) in time.
    pub fn wait_for_fetch(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.fetching.is_some() {
            if self.poll_fetch() {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_of(dir: &str) -> Source {
        Source::File(PathBuf::from(dir).join("a.md"))
    }

    #[test]
    fn web_links_are_pages_and_relative_ones_join_the_page_they_are_in() {
        let page = Source::Url("https://fa.example/news/today".into());
        let cases = [
            (
                "https://fa.example/خبر#top",
                "https://fa.example/%D8%AE%D8%A8%D8%B1",
            ),
            ("HTTP://Fa.Example", "http://fa.example/"),
            ("other?id=2", "https://fa.example/news/other?id=2"),
            ("/root", "https://fa.example/root"),
        ];
        for (target, url) in cases {
            assert_eq!(
                destination(target, &page),
                Destination::Page(url.into()),
                "{target}"
            );
        }
    }

    #[test]
    fn file_links_are_relative_to_the_articles_file() {
        let from = file_of("/tmp/notes");
        assert_eq!(
            destination("other.md#part", &from),
            Destination::File("/tmp/notes/other.md".into())
        );
        assert_eq!(
            destination("/etc/x.md", &from),
            Destination::File("/etc/x.md".into())
        );
        assert_eq!(
            destination("file:///srv/b.md", &from),
            Destination::File("/srv/b.md".into())
        );
    }

    #[test]
    fn other_schemes_and_fragments_stay_and_say_why_without_controls() {
        let from = file_of("/tmp");
        for target in [
            "mailto:a@b.example",
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://f.example/x",
            "#top",
        ] {
            let Destination::Stay(why) = destination(target, &from) else {
                panic!("{target} is followed");
            };
            assert!(!why.chars().any(safe::is_active), "{why:?}");
        }
        let Destination::Stay(why) = destination("\u{1b}]0;x\u{7}.md", &Source::Stdin) else {
            panic!("a relative link from stdin is followed");
        };
        assert_eq!(
            why,
            "\\u{1b}]0;x\\u{7}.md is relative, and this article has no file or page to go from"
        );
    }

    #[test]
    fn percent_escapes_decode_to_utf8_only() {
        assert_eq!(percent_decoded("a%20b.md").as_deref(), Some("a b.md"));
        assert_eq!(percent_decoded("%D8%AE.md").as_deref(), Some("خ.md"));
        assert_eq!(percent_decoded("%ff.md"), None);
        assert_eq!(percent_decoded("%2"), Some("%2".into()));
    }
}
