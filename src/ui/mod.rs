//! The reader: state, key handling and drawing (ratatui + crossterm).
//!
//! State changes in one place (`App::handle`: key → action → update); drawing
//! (`draw.rs`, `paint.rs`) only reads it. Each screen's state is its own type
//! with its keys beside it: `library.rs`, `reading.rs` (the open article's
//! `Reader`, from `reader.rs`), `bookmark_list.rs`, `help.rs`, `links.rs`
//! (the article's links, following them, and the way back); `run.rs` is
//! the event loop. Unicode rules live in `layout/` and `search`; this module only
//! calls them.

mod bookmark_list;
mod chrome;
mod draw;
pub mod feeds;
mod fragments;
mod help;
pub mod keymap;
mod library;
pub mod links;
pub mod paint;
mod prompt;
pub mod reader;
mod reading;
mod run;
pub mod theme;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use crate::article::{Article, Opened, Source};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::layout::LayoutOptions;
use crate::store::{ArticleRef, Bookmark, Store};
use bookmark_list::BookmarkList;
use help::Help;
use keymap::{Action, Keymap, Lookup};
use links::{Fetching, LinkList};
use reader::Reader;
use theme::Theme;

pub use library::{ArticleStats, Entry, Library, Row};
pub use reading::Reading;
pub use run::{Ending, run};

/// The longest search or filter, in characters: a paste longer than any
/// sentence is cut here (and Enter says so).
pub const PROMPT_MAX_CHARS: usize = 1000;

/// Which screen is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Library,
    Reader,
    Bookmarks,
    Help,
    /// The open article's links.
    Links,
}

/// A question at the bottom line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// Typing a search (in the reader) or a filter (in the library).
    Search(String),
    /// "Remove bookmark N?": waiting for y.
    ConfirmRemove(u64),
}

/// What the app is given to start.
#[derive(Debug)]
pub struct Setup {
    pub articles: Vec<Article>,
    /// What is known of each article (its feed, unread), one per article
    /// or none.
    pub entries: Vec<Entry>,
    /// Open this article (an index into `articles`) straight away.
    pub open: Option<usize>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub layout: LayoutOptions,
    /// The reading width, at most.
    pub measure: usize,
    pub store: Option<Store>,
    /// Messages to show first (problems found while starting).
    pub messages: Vec<String>,
}

/// The whole app: each screen's state, what they share (the store, the
/// keymap, the theme, the layout), and what the last key left to say.
/// State changes through `handle`; drawing only reads it.
#[derive(Debug)]
pub struct App {
    /// The interface's language: its words, and in a right-to-left one
    /// the chrome mirrored (see `chrome.rs`) and Left and Right swapped.
    pub lang: Lang,
    screen: Screen,
    /// Where Esc or the help screen's close goes back to.
    previous: Screen,
    library: Library,
    /// The article open in the reader, if any.
    reading: Option<Reading>,
    bookmarks: BookmarkList,
    help: Help,
    keymap: Keymap,
    theme: Theme,
    layout: LayoutOptions,
    /// The reading width, at most.
    measure: usize,
    store: Option<Store>,
    prompt: Option<Prompt>,
    message: Option<String>,
    width: u16,
    height: u16,
    /// Keys of a sequence typed so far (`g` of `gg`).
    pending: Vec<KeyEvent>,
    /// A count typed before a key (`5j`).
    count: Option<u32>,
    quit: bool,
    /// Why the reading position was not saved, the last time it was tried.
    unsaved: Option<String>,
    /// Text to put on the clipboard after the next draw.
    clipboard: Option<String>,
    links: LinkList,
    /// Articles read before the open one, the last read last.
    history: Vec<Reading>,
    /// A followed page on its way.
    fetching: Option<Fetching>,
    /// The subscriptions, when the library has feeds (see `feeds.rs`).
    feeds: Option<feeds::Feeds>,
    /// Counts the articles shown, to tell each apart (see `Reading`).
    serial: u64,
    /// The whole-text work of the article just opened, left for
    /// [`App::settle`].
    unsettled: Option<Unsettled>,
}

/// What opening an article left for [`App::settle`]: its quotations, the
/// store's identity of its text, its bookmarks, the position saved for that
/// text, and the quotation at the offset it was opened at.
#[derive(Debug)]
struct Unsettled {
    /// The reading this is for (its serial).
    serial: u64,
    /// The offset it was opened at, if any.
    at: Option<usize>,
    /// The position saved for its source, where it was opened when `at` is none.
    from_source: Option<usize>,
}

impl App {
    pub fn new(setup: Setup) -> App {
        let mut app = App::new_unsettled(setup);
        app.settle();
        app
    }

    /// [`App::new`], leaving the passes over the whole text of the article
    /// opened straight away to [`App::settle`], so that its first screen can
    /// be drawn before them (a 20 MB article is drawn in half the time). Its
    /// quotations and bookmarks are not shown until then, and it stands at
    /// the position saved for its source (the file), not yet the one saved
    /// for its text.
    pub fn new_unsettled(setup: Setup) -> App {
        let mut app = App {
            lang: Lang::ENGLISH,
            screen: Screen::Library,
            previous: Screen::Library,
            library: Library::with_entries(setup.articles, setup.entries),
            reading: None,
            bookmarks: BookmarkList::default(),
            help: Help::default(),
            keymap: setup.keymap,
            theme: setup.theme,
            layout: setup.layout,
            measure: setup.measure.max(1),
            store: setup.store,
            prompt: None,
            message: None,
            width: 80,
            height: 24,
            pending: Vec::new(),
            count: None,
            quit: false,
            unsaved: None,
            clipboard: None,
            feeds: None,
            links: LinkList::default(),
            history: Vec::new(),
            fetching: None,
            serial: 0,
            unsettled: None,
        };
        app.take_store_notices();
        if !setup.messages.is_empty() {
            app.message = Some(setup.messages.join("; "));
        }
        if let Some(index) = setup.open {
            app.library.select_article(index);
            app.open_unsettled(index, None);
        }
        app
    }

    /// This app in `lang` (the reader sets it from `i18n::process()`;
    /// tests choose it without touching the process's).
    pub fn with_lang(mut self, lang: Lang) -> App {
        self.lang = lang;
        self
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The article open in the reader, if any.
    pub fn reading(&self) -> Option<&Reading> {
        self.reading.as_ref()
    }

    /// The reader on the open article, if any.
    pub fn reader(&self) -> Option<&Reader> {
        self.reading.as_ref().map(Reading::reader)
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// What the status line says, if anything.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Whether the app has quit.
    pub fn has_quit(&self) -> bool {
        self.quit
    }

    /// Text a key asked to copy, to put on the clipboard (once).
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    /// The terminal's size changed (or is known for the first time).
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        let (text_width, body) = (self.text_width(), self.body_height());
        if let Some(reading) = &mut self.reading {
            reading.reader.resize(text_width, body);
        }
        self.prepare();
    }

    /// Columns of text in the reader: the measure, or less on a narrow screen.
    pub fn text_width(&self) -> usize {
        self.measure
            .min(usize::from(self.width).saturating_sub(2))
            .max(1)
    }

    /// Rows for the body: all but the status line.
    pub fn body_height(&self) -> usize {
        usize::from(self.height.saturating_sub(1)).max(1)
    }

    /// Lay out (and look up) what the next draw shows.
    fn prepare(&mut self) {
        if let Some(reading) = &mut self.reading {
            reading.reader.prepare();
        }
        if self.screen == Screen::Library {
            self.library.refresh_stats(self.store.as_ref());
        }
    }

    pub fn handle(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => self.act(Action::Down, 3),
                MouseEventKind::ScrollUp => self.act(Action::Up, 3),
                _ => {}
            },
            Event::Paste(text) => self.paste(&text),
            Event::Resize(width, height) => self.resize(width, height),
            _ => {}
        }
        self.prepare();
    }

    fn key(&mut self, key: KeyEvent) {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            if self.prompt.take().is_none() {
                self.quit();
            }
            return;
        }
        if self.prompt.is_some() {
            self.prompt_key(key);
            return;
        }
        self.message = None;
        if self.pending.is_empty()
            && key.modifiers.difference(KeyModifiers::SHIFT).is_empty()
            && let KeyCode::Char(c) = key.code
            && let Some(digit) = keymap::digit_value(c)
            && (digit > 0 || self.count.is_some())
        {
            let count = self
                .count
                .unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(digit);
            self.count = Some(count.min(100_000));
            return;
        }
        match self.keymap.lookup(&self.pending, key) {
            Lookup::Pending => self.pending.push(key),
            Lookup::Matched(action) => {
                self.pending.clear();
                let action = self.mirrored(action);
                let count = self.count.take().unwrap_or(1) as usize;
                self.act(action, count);
            }
            Lookup::NotFound => {
                self.pending.clear();
                self.count = None;
            }
        }
    }

    /// `action` as a key gives it in this interface: in a mirrored
    /// (right-to-left) one the library is on the right, so Left and Right
    /// (h and l, the arrows) swap: Right goes back toward the library,
    /// Left opens.
    fn mirrored(&self, action: Action) -> Action {
        match action {
            Action::Left if self.lang.is_rtl() => Action::Right,
            Action::Right if self.lang.is_rtl() => Action::Left,
            action => action,
        }
    }

    /// Carry out an action `count` times (where a count makes sense).
    pub fn act(&mut self, action: Action, count: usize) {
        match (self.screen, action) {
            (_, Action::Quit) => self.quit(),
            (Screen::Help, Action::Help | Action::Back | Action::Left) => {
                self.screen = self.previous;
            }
            (_, Action::Help) => {
                self.previous = self.screen;
                self.help.reset();
                self.screen = Screen::Help;
            }
            (_, Action::Bookmarks) => {
                self.leave_reader_screen();
                self.bookmarks.reset();
                self.screen = Screen::Bookmarks;
            }
            (_, Action::Library) => {
                self.leave_reader_screen();
                self.screen = Screen::Library;
            }
            (Screen::Library | Screen::Reader, Action::Refresh) => self.refresh_feeds(),
            (_, Action::Justify) => self.cycle_justify(),
            (Screen::Reader, action) => self.reader_action(action, count),
            (Screen::Links, action) => self.links_action(action, count),
            (Screen::Library, action) => self.library_action(action, count),
            (Screen::Bookmarks, action) => self.bookmarks_action(action, count),
            (Screen::Help, action) => self.help.act(action, count),
        }
    }

    fn quit(&mut self) {
        self.save_position();
        // Bookmarks a failed write kept in memory get one more try.
        if let Some(store) = &mut self.store
            && store.unsaved() > 0
            && let Err(e) = store.save()
        {
            self.unsaved = Some(e.to_string());
        }
        self.quit = true;
    }

    fn library_action(&mut self, action: Action, count: usize) {
        let page = self.body_height().saturating_sub(2).max(1);
        match self.library.act(action, count, page) {
            library::Outcome::Done => {}
            library::Outcome::Open(index) => self.open(index, None),
            library::Outcome::AskFilter(filter) => self.prompt = Some(Prompt::Search(filter)),
            library::Outcome::Back => {
                if self.reading.is_some() {
                    self.screen = Screen::Reader;
                }
            }
        }
    }

    fn bookmarks_action(&mut self, action: Action, count: usize) {
        let ids: Vec<u64> = self.bookmark_list().iter().map(|b| b.id).collect();
        match self.bookmarks.act(action, count, &ids) {
            bookmark_list::Outcome::Done => {}
            bookmark_list::Outcome::ConfirmRemove(id) => {
                self.prompt = Some(Prompt::ConfirmRemove(id));
            }
            bookmark_list::Outcome::Open(id) => self.open_bookmark(id),
            bookmark_list::Outcome::Back => {
                self.screen = if self.reading.is_some() {
                    Screen::Reader
                } else {
                    Screen::Library
                };
            }
        }
    }

    /// Saved bookmarks, newest first.
    pub fn bookmark_list(&self) -> Vec<&Bookmark> {
        self.store
            .as_ref()
            .map(|store| store.newest_first())
            .unwrap_or_default()
    }

    /// Open article `index` in the reader, at `at` or where it was left.
    fn open(&mut self, index: usize, at: Option<usize>) {
        self.open_unsettled(index, at);
        self.settle();
    }

    /// Open article `index` at `at`, or at the position saved for its
    /// source, without any pass over its whole text (see [`App::settle`]).
    fn open_unsettled(&mut self, index: usize, at: Option<usize>) {
        self.save_position();
        self.fetching = None;
        let Some(article) = self.library.articles().get(index).cloned() else {
            return;
        };
        self.opened(index);
        let mut reader = Reader::with_quotes(article, Vec::new(), self.layout);
        reader.resize(self.text_width(), self.body_height());
        let from_source = match at {
            Some(_) => None,
            None => self
                .store
                .as_ref()
                .and_then(|s| s.position_at_source(&reader.article))
                .map(|p| p.offset),
        };
        if let Some(offset) = at.or(from_source) {
            reader.go_to(offset);
        }
        self.show(Some(index), reader);
        self.screen = Screen::Reader;
        self.unsettled = Some(Unsettled {
            serial: self.serial,
            at,
            from_source,
        });
    }

    /// Finish opening the article: find its quotations and the store's
    /// identity of its text (the two passes over the whole text, at once),
    /// give it its bookmarks, move to the position saved for its text when
    /// that is not the one saved for its source, and focus the quotation it
    /// was opened at. Whether there was anything to do (the screen changed).
    pub fn settle(&mut self) -> bool {
        let Some(Unsettled {
            serial,
            at,
            from_source,
        }) = self.unsettled.take()
        else {
            return false;
        };
        let Some(mut reading) = self.reading.take_if(|r| r.serial == serial) else {
            return false;
        };
        let reader = &mut reading.reader;
        let article = &reader.article;
        reader.quotes = std::thread::scope(|scope| {
            scope.spawn(|| crate::store::identify(article));
            crate::article::quotes::article_quotes(article)
        });
        self.attach_bookmarks(reader);
        if at.is_none() {
            let from_text = self
                .store
                .as_ref()
                .and_then(|s| s.position(&reader.article))
                .map(|p| p.offset);
            if let Some(offset) = from_text.filter(|_| from_text != from_source) {
                reader.go_to(offset);
            }
        }
        if let Some(offset) = at {
            reader.focus = reader
                .quotes
                .iter()
                .position(|q| q.range.start <= offset && offset < q.range.end);
            reader.reveal(offset);
        }
        self.reading = Some(reading);
        self.prepare();
        true
    }

    /// Give `reader` its article's bookmarks (checked against its text).
    fn attach_bookmarks(&mut self, reader: &mut Reader) {
        if let Some(store) = &mut self.store {
            store.check(&reader.article);
            let key = ArticleRef::of(&reader.article);
            reader.bookmarks = store
                .bookmarks_of(&key)
                .iter()
                .map(|b| b.range.clone())
                .collect();
        }
        self.take_store_notices();
    }

    fn open_bookmark(&mut self, id: u64) {
        let Some(bookmark) = self
            .bookmark_list()
            .into_iter()
            .find(|b| b.id == id)
            .cloned()
        else {
            return;
        };
        let articles = self.library.articles();
        let known = articles
            .iter()
            .position(|a| ArticleRef::of(a).same_source(&bookmark.article))
            .or_else(|| {
                articles
                    .iter()
                    .position(|a| ArticleRef::of(a).id == bookmark.article.id)
            });
        let index = match known {
            Some(index) => index,
            None => match load_source(&bookmark.article, self.lang) {
                Ok(opened) => {
                    if !opened.warnings.is_empty() {
                        self.message = Some(opened.warnings.join("; "));
                    }
                    self.library.push(opened.article)
                }
                Err(e) => {
                    self.message = Some(e.to_string());
                    return;
                }
            },
        };
        self.open(index, Some(bookmark.range.start));
    }

    fn remove_bookmark(&mut self, id: u64) {
        let Some(store) = &mut self.store else {
            return;
        };
        match store.remove(id) {
            Ok(removed) => {
                if let Some(Reading { reader, .. }) = &mut self.reading {
                    reader.bookmarks.retain(|r| *r != removed.range);
                }
                self.bookmarks.clamp(store.bookmarks().len());
                let id = self.num(id);
                self.message = Some(self.lang.f("ui.bookmark.removed", &[("id", &id)]));
                self.library.mark_stale();
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// Remember where the reader is, when leaving it.
    fn leave_reader_screen(&mut self) {
        if self.screen == Screen::Reader {
            self.save_position();
        }
        self.previous = self.screen;
    }

    /// Save the reading position of the open article, if it is the
    /// library's (a visit's is kept in the history only: see `links`).
    fn save_position(&mut self) {
        let (
            Some(Reading {
                reader,
                index: Some(_),
                ..
            }),
            Some(store),
        ) = (&self.reading, &mut self.store)
        else {
            return;
        };
        let failed = store
            .set_position(&reader.article, reader.offset())
            .err()
            .map(|e| e.to_string());
        if let Some(why) = &failed {
            self.message = Some(why.clone());
        }
        self.unsaved = failed;
        self.library.mark_stale();
    }

    /// Why the reading position could not be saved at the last try (on
    /// quitting, say), to be told once the screen is gone.
    pub fn unsaved(&self) -> Option<&str> {
        self.unsaved.as_deref()
    }

    fn take_store_notices(&mut self) {
        if let Some(store) = &mut self.store {
            let notices = store.take_notices();
            if !notices.is_empty() {
                self.message = Some(notices.join("; "));
            }
        }
    }
}

/// Load the article a bookmark's source names.
fn load_source(article: &ArticleRef, lang: Lang) -> Result<Opened> {
    if *article.source == Source::Stdin {
        return Err(Error::new(lang.t("ui.bookmark.from_stdin")));
    }
    crate::article::open(&article.source)
}
