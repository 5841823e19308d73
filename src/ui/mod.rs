//! The reader screen: state, key handling and drawing (ratatui + crossterm).
//!
//! State changes in one place (`App::handle`: key → action → update); drawing
//! (`draw.rs`) only reads it. Unicode rules live in `layout/` and `search`;
//! this module only calls them.

mod draw;
pub mod keymap;
pub mod paint;
pub mod reader;
pub mod theme;

use std::time::Duration;

use crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};

use crate::article::{Article, Opened, Source, library};
use crate::error::{Error, Result};
use crate::layout::LayoutOptions;
use crate::store::{ArticleRef, Store};
use keymap::{Action, Keymap, Lookup};
use reader::Reader;
use theme::Theme;

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
}

/// A question at the bottom line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// Typing a search (in the reader) or a filter (in the library).
    Search(String),
    /// "Remove bookmark N?": waiting for y.
    ConfirmRemove(u64),
}

/// What the library shows of an article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArticleStats {
    pub words: usize,
    pub read_percent: usize,
    pub bookmarks: usize,
}

/// What the app is given to start.
#[derive(Debug)]
pub struct Setup {
    pub articles: Vec<Article>,
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

#[derive(Debug)]
pub struct App {
    pub screen: Screen,
    /// Where Esc or the help screen's close goes back to.
    pub previous: Screen,
    pub articles: Vec<Article>,
    /// What the library shows of each article, kept up to date as
    /// bookmarks and positions change (not worked out at every draw).
    pub stats: Vec<ArticleStats>,
    /// `stats` needs working out again before the library is drawn.
    stats_stale: bool,
    /// Indices into `articles` shown in the library (all, or the filtered ones).
    pub shown: Vec<usize>,
    pub filter: String,
    pub selected: usize,
    pub reader: Option<Reader>,
    /// Index into `articles` of the article in the reader.
    pub reading: Option<usize>,
    pub bookmark_selected: usize,
    pub help_scroll: usize,
    pub keymap: Keymap,
    pub theme: Theme,
    pub layout: LayoutOptions,
    pub measure: usize,
    pub store: Option<Store>,
    pub prompt: Option<Prompt>,
    pub message: Option<String>,
    pub width: u16,
    pub height: u16,
    pending: Vec<KeyEvent>,
    count: Option<u32>,
    pub quit: bool,
    /// Why the reading position was not saved, the last time it was tried.
    unsaved: Option<String>,
    /// Text to put on the clipboard after the next draw.
    pub clipboard: Option<String>,
}

impl App {
    pub fn new(setup: Setup) -> App {
        let shown = (0..setup.articles.len()).collect();
        let mut app = App {
            screen: Screen::Library,
            previous: Screen::Library,
            articles: setup.articles,
            stats: Vec::new(),
            stats_stale: true,
            shown,
            filter: String::new(),
            selected: 0,
            reader: None,
            reading: None,
            bookmark_selected: 0,
            help_scroll: 0,
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
        };
        app.take_store_notices();
        if !setup.messages.is_empty() {
            app.message = Some(setup.messages.join("; "));
        }
        if let Some(index) = setup.open {
            app.selected = index;
            app.open(index, None);
        }
        app
    }

    /// The terminal's size changed (or is known for the first time).
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        let (text_width, body) = (self.text_width(), self.body_height());
        if let Some(reader) = &mut self.reader {
            reader.resize(text_width, body);
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
        if let Some(reader) = &mut self.reader {
            reader.prepare();
        }
        if self.screen == Screen::Library && self.stats_stale {
            self.refresh_stats();
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

    /// A bracketed paste: text for the open search prompt, never keys.
    /// Outside a prompt, a paste of commands is more likely a slip than a
    /// wish, so it only says how to search for it.
    fn paste(&mut self, text: &str) {
        match &mut self.prompt {
            Some(Prompt::Search(typed)) => {
                let text = text.replace("\r\n", " ").replace(['\r', '\n', '\t'], " ");
                let room = PROMPT_MAX_CHARS.saturating_sub(typed.chars().count());
                typed.extend(crate::safe::strip(&text).chars().take(room));
            }
            Some(Prompt::ConfirmRemove(_)) => {
                self.prompt = None;
                self.message = Some("kept".to_string());
            }
            None => {
                self.message = Some("paste ignored: press / to search, then paste".to_string());
            }
        }
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
                let count = self.count.take().unwrap_or(1) as usize;
                self.act(action, count);
            }
            Lookup::NotFound => {
                self.pending.clear();
                self.count = None;
            }
        }
    }

    fn prompt_key(&mut self, key: KeyEvent) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        match prompt {
            Prompt::ConfirmRemove(id) => {
                let id = *id;
                self.prompt = None;
                let yes = matches!(key.code, KeyCode::Char(c) if keymap::latin_equivalent(c).unwrap_or(c) == 'y');
                if yes {
                    self.remove_bookmark(id);
                } else {
                    self.message = Some("kept".to_string());
                }
            }
            Prompt::Search(text) => match key.code {
                KeyCode::Esc => self.prompt = None,
                KeyCode::Enter => {
                    let query = std::mem::take(text);
                    self.prompt = None;
                    self.search(&query);
                    if query.chars().count() >= PROMPT_MAX_CHARS {
                        let said = self.message.take().unwrap_or_default();
                        self.message =
                            Some(format!("cut to {PROMPT_MAX_CHARS} characters; {said}"));
                    }
                }
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c)
                    if !crate::safe::is_active(c)
                        && !c.is_control()
                        && !key.modifiers.contains(KeyModifiers::CONTROL)
                        && text.chars().count() < PROMPT_MAX_CHARS =>
                {
                    text.push(c);
                }
                _ => {}
            },
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
                if self.screen != Screen::Help {
                    self.previous = self.screen;
                }
                self.help_scroll = 0;
                self.screen = Screen::Help;
            }
            (_, Action::Bookmarks) => {
                self.leave_reader_screen();
                self.bookmark_selected = 0;
                self.screen = Screen::Bookmarks;
            }
            (_, Action::Library) => {
                self.leave_reader_screen();
                self.screen = Screen::Library;
            }
            (Screen::Reader, action) => self.reader_action(action, count),
            (Screen::Library, action) => self.library_action(action, count),
            (Screen::Bookmarks, action) => self.bookmarks_action(action, count),
            (Screen::Help, Action::Down) => self.help_scroll += count,
            (Screen::Help, Action::Up) => self.help_scroll = self.help_scroll.saturating_sub(count),
            (Screen::Help, _) => {}
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

    fn reader_action(&mut self, action: Action, count: usize) {
        let Some(reader) = &mut self.reader else {
            self.screen = Screen::Library;
            return;
        };
        let page = reader.height().saturating_sub(2).max(1);
        match action {
            Action::Down => reader.scroll_down(count),
            Action::Up => reader.scroll_up(count),
            Action::PageDown => reader.scroll_down(page * count),
            Action::PageUp => reader.scroll_up(page * count),
            Action::HalfPageDown => reader.scroll_down((page / 2).max(1) * count),
            Action::HalfPageUp => reader.scroll_up((page / 2).max(1) * count),
            Action::Top => reader.to_top(),
            Action::Bottom => reader.to_bottom(),
            Action::NextQuote | Action::PrevQuote => {
                let forward = action == Action::NextQuote;
                if reader.selection.is_some() {
                    for _ in 0..count {
                        if forward {
                            reader.grow_selection();
                        } else {
                            reader.shrink_selection();
                        }
                    }
                } else {
                    let mut moved = false;
                    for _ in 0..count {
                        moved |= reader.focus_quote(forward);
                    }
                    if !moved {
                        let which = if forward { "after" } else { "before" };
                        self.message = Some(format!("no quotation {which} this one"));
                    }
                }
            }
            Action::Select => {
                if reader.selection.is_some() {
                    reader.selection = None;
                } else {
                    reader.start_selection();
                }
            }
            Action::Bookmark => self.bookmark_focused(),
            Action::Copy => {
                let range = reader
                    .selection
                    .as_ref()
                    .map(|s| s.range())
                    .or_else(|| reader.focused_quote().map(|q| q.inner.clone()));
                match range {
                    Some(range) => {
                        // Pasted later into a shell: no control may ride along.
                        let text = crate::safe::strip(&reader.article.text[range]);
                        self.clipboard = Some(text.into_owned());
                        self.message = Some("copied".to_string());
                    }
                    None => {
                        self.message = Some("nothing to copy: press ] to reach a quotation".into());
                    }
                }
            }
            Action::Search => self.prompt = Some(Prompt::Search(String::new())),
            Action::NextHit | Action::PrevHit => {
                if !reader.next_hit(action == Action::NextHit) {
                    self.message = Some("no search: press / to search".to_string());
                }
            }
            Action::Back => {
                if reader.selection.take().is_none() && reader.hits.is_empty() {
                    self.leave_reader_screen();
                    self.screen = Screen::Library;
                } else {
                    reader.hits.clear();
                    reader.hit = None;
                }
            }
            Action::Left => {
                self.leave_reader_screen();
                self.screen = Screen::Library;
            }
            Action::Open | Action::Right | Action::Delete => {}
            Action::Quit | Action::Help | Action::Bookmarks | Action::Library => {}
        }
    }

    fn library_action(&mut self, action: Action, count: usize) {
        let last = self.shown.len().saturating_sub(1);
        let page = self.body_height().saturating_sub(2).max(1);
        match action {
            Action::Down => self.selected = (self.selected + count).min(last),
            Action::Up => self.selected = self.selected.saturating_sub(count),
            Action::PageDown | Action::HalfPageDown => {
                self.selected = (self.selected + page * count).min(last)
            }
            Action::PageUp | Action::HalfPageUp => {
                self.selected = self.selected.saturating_sub(page * count)
            }
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Open | Action::Right => {
                if let Some(&index) = self.shown.get(self.selected) {
                    self.open(index, None);
                }
            }
            Action::Search => self.prompt = Some(Prompt::Search(self.filter.clone())),
            Action::Back => {
                if !self.filter.is_empty() {
                    self.filter.clear();
                    self.apply_filter();
                } else if self.reader.is_some() {
                    self.screen = Screen::Reader;
                }
            }
            _ => {}
        }
    }

    fn bookmarks_action(&mut self, action: Action, count: usize) {
        let ids: Vec<u64> = self.bookmark_list().iter().map(|b| b.id).collect();
        let last = ids.len().saturating_sub(1);
        match action {
            Action::Down => self.bookmark_selected = (self.bookmark_selected + count).min(last),
            Action::Up => self.bookmark_selected = self.bookmark_selected.saturating_sub(count),
            Action::Top => self.bookmark_selected = 0,
            Action::Bottom => self.bookmark_selected = last,
            Action::Delete => {
                if let Some(&id) = ids.get(self.bookmark_selected) {
                    self.prompt = Some(Prompt::ConfirmRemove(id));
                }
            }
            Action::Open | Action::Right => {
                if let Some(&id) = ids.get(self.bookmark_selected) {
                    self.open_bookmark(id);
                }
            }
            Action::Back | Action::Left => {
                self.screen = if self.reader.is_some() {
                    Screen::Reader
                } else {
                    Screen::Library
                };
            }
            _ => {}
        }
    }

    /// Saved bookmarks, newest first.
    pub fn bookmark_list(&self) -> Vec<&crate::store::Bookmark> {
        self.store
            .as_ref()
            .map(|store| store.newest_first())
            .unwrap_or_default()
    }

    fn search(&mut self, query: &str) {
        match self.screen {
            Screen::Library => {
                self.filter = query.to_string();
                self.apply_filter();
            }
            _ => {
                if let Some(reader) = &mut self.reader {
                    if query.is_empty() {
                        reader.hits.clear();
                        reader.hit = None;
                        return;
                    }
                    let found = reader.search(query);
                    self.message = Some(match found {
                        0 => format!("not found: {query}"),
                        1 => "1 match".to_string(),
                        n => format!("{n} matches"),
                    });
                }
            }
        }
    }

    /// Show the articles whose title or text match the filter.
    fn apply_filter(&mut self) {
        let filter = self.filter.clone();
        self.shown = (0..self.articles.len())
            .filter(|&i| {
                filter.is_empty()
                    || !crate::search::find_all(&self.articles[i].title, &filter).is_empty()
                    || !crate::search::find_all(&self.articles[i].text, &filter).is_empty()
            })
            .collect();
        self.selected = 0;
        if !filter.is_empty() {
            self.message = Some(format!(
                "{} of {} articles",
                self.shown.len(),
                self.articles.len()
            ));
        }
    }

    /// Open article `index` in the reader, at `at` or where it was left.
    fn open(&mut self, index: usize, at: Option<usize>) {
        self.save_position();
        let Some(article) = self.articles.get(index).cloned() else {
            return;
        };
        // The two passes over the whole text, at once: the store's identity
        // of the article and its quotations.
        let quotes = std::thread::scope(|scope| {
            scope.spawn(|| crate::store::identify(&article));
            crate::article::quotes::article_quotes(&article)
        });
        let mut reader = Reader::with_quotes(article, quotes, self.layout);
        reader.resize(self.text_width(), self.body_height());
        if let Some(store) = &mut self.store {
            store.check(&reader.article);
            let key = ArticleRef::of(&reader.article);
            reader.bookmarks = store
                .bookmarks_of(&key)
                .iter()
                .map(|b| b.range.clone())
                .collect();
        }
        let start = at.or_else(|| {
            self.store
                .as_ref()
                .and_then(|s| s.position(&reader.article))
                .map(|p| p.offset)
        });
        if let Some(offset) = start {
            reader.go_to(offset);
        }
        if let Some(offset) = at {
            reader.focus = reader
                .quotes
                .iter()
                .position(|q| q.range.start <= offset && offset < q.range.end);
            reader.reveal(offset);
        }
        self.take_store_notices();
        self.reader = Some(reader);
        self.reading = Some(index);
        self.screen = Screen::Reader;
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
        let known = self
            .articles
            .iter()
            .position(|a| ArticleRef::of(a).same_source(&bookmark.article))
            .or_else(|| {
                self.articles
                    .iter()
                    .position(|a| ArticleRef::of(a).id == bookmark.article.id)
            });
        let index = match known {
            Some(index) => index,
            None => match load_source(&bookmark.article) {
                Ok(opened) => {
                    if !opened.warnings.is_empty() {
                        self.message = Some(opened.warnings.join("; "));
                    }
                    self.articles.push(opened.article);
                    self.stats_stale = true;
                    self.apply_filter();
                    self.articles.len() - 1
                }
                Err(e) => {
                    self.message = Some(e.to_string());
                    return;
                }
            },
        };
        self.open(index, Some(bookmark.range.start));
    }

    /// Bookmark the selection, or else the focused quotation.
    fn bookmark_focused(&mut self) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        let range = match (&reader.selection, reader.focused_quote()) {
            (Some(selection), _) => selection.range(),
            (None, Some(quote)) => quote.inner.clone(),
            (None, None) => {
                self.message = Some("press ] to reach a quotation, or v to select".to_string());
                return;
            }
        };
        let Some(store) = &mut self.store else {
            self.message = Some("bookmarks are not available (see the message at start)".into());
            return;
        };
        match store.add(&reader.article, range, None) {
            Ok(added) => {
                if !reader.bookmarks.contains(&added.bookmark.range) {
                    reader.bookmarks.push(added.bookmark.range.clone());
                }
                reader.selection = None;
                self.stats_stale = true;
                self.message = Some(if added.already {
                    format!("already bookmarked (#{})", added.bookmark.id)
                } else {
                    format!("bookmarked (#{})", added.bookmark.id)
                });
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn remove_bookmark(&mut self, id: u64) {
        let Some(store) = &mut self.store else {
            return;
        };
        match store.remove(id) {
            Ok(removed) => {
                if let Some(reader) = &mut self.reader {
                    reader.bookmarks.retain(|r| *r != removed.range);
                }
                let count = store.bookmarks().len();
                self.bookmark_selected = self.bookmark_selected.min(count.saturating_sub(1));
                self.message = Some(format!("removed bookmark #{id}"));
                self.stats_stale = true;
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

    fn save_position(&mut self) {
        let (Some(reader), Some(store)) = (&self.reader, &mut self.store) else {
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
        self.stats_stale = true;
    }

    /// Why the reading position could not be saved at the last try (on
    /// quitting, say), to be told once the screen is gone.
    pub fn unsaved(&self) -> Option<&str> {
        self.unsaved.as_deref()
    }

    /// Work out again what the library shows of each article: words once,
    /// how far it is read and how many bookmarks it has from the store. Only
    /// when the library is about to be drawn: `barg FILE` never pays for it.
    fn refresh_stats(&mut self) {
        self.stats_stale = false;
        let stats = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, article)| {
                let words = self
                    .stats
                    .get(i)
                    .map_or_else(|| library::word_count(&article.text), |s| s.words);
                let Some(store) = &self.store else {
                    return ArticleStats {
                        words,
                        ..ArticleStats::default()
                    };
                };
                let offset = store.position(article).map_or(0, |p| p.offset);
                ArticleStats {
                    words,
                    read_percent: (offset * 100)
                        .checked_div(article.text.len())
                        .unwrap_or(0)
                        .min(100),
                    bookmarks: store.bookmarks_of(&ArticleRef::of(article)).len(),
                }
            })
            .collect();
        self.stats = stats;
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
fn load_source(article: &ArticleRef) -> Result<Opened> {
    if *article.source == Source::Stdin {
        return Err(Error::new(
            "that bookmark is from an article read from standard input; pipe it in again",
        ));
    }
    crate::article::open(&article.source)
}

/// How the reader ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The reader quit (q, Ctrl-C).
    Quit,
    /// A signal ended it (its number): the position is saved, the caller
    /// restores the terminal and exits with 128 + the number.
    Signal(i32),
}

/// Input handled before the screen is drawn again, at most: a paste typed
/// as keys by a terminal without bracketed paste is thousands of keys, and
/// one draw per key made barg take minutes over it.
const EVENTS_PER_DRAW: usize = 4096;
/// How long to wait for input before looking for signals again.
const TICK: Duration = Duration::from_millis(100);

/// Run the app on the terminal until the reader quits or a signal ends it.
/// The reading position is saved on every way out, a failing terminal (a
/// dropped connection) included.
pub fn run(app: &mut App, terminal: &mut crate::term::Tui) -> std::io::Result<Ending> {
    let result = run_screen(app, terminal);
    if result.is_err() {
        app.quit();
        if let Some(crate::term::Signal::Terminate(signal)) = crate::term::take_signal() {
            return Ok(Ending::Signal(signal));
        }
    }
    result
}

fn run_screen(app: &mut App, terminal: &mut crate::term::Tui) -> std::io::Result<Ending> {
    use crate::term::{self, Signal};
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut shown = None;
    let mut changed = true;
    let mut first_draw = true;
    loop {
        match term::take_signal() {
            Some(Signal::Terminate(signal)) => {
                app.quit();
                return Ok(Ending::Signal(signal));
            }
            Some(Signal::Suspend) => {
                suspend(app, terminal)?;
                changed = true;
            }
            Some(Signal::Continued) => {
                term::resume(terminal)?;
                let size = terminal.size()?;
                app.resize(size.width, size.height);
                changed = true;
            }
            None => {}
        }
        if app.quit {
            return Ok(Ending::Quit);
        }
        if changed {
            // A new screen is drawn on a cleared terminal: some terminals leave
            // bits of wide Arabic glyphs behind where cells were only rewritten.
            let showing = (app.screen, app.reading);
            if shown != Some(showing) {
                term::repaint(terminal)?;
            }
            shown = Some(showing);
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            if let Some(text) = app.clipboard.take() {
                term::copy_to_clipboard(&text)?;
            }
            if first_draw {
                first_draw = false;
                term::panic_if_testing("reader");
            }
            changed = false;
        }
        if !event::poll(TICK)? {
            continue;
        }
        // Everything that is waiting, then one draw.
        changed = true;
        for _ in 0..EVENTS_PER_DRAW {
            match event::read()? {
                Event::Key(key) if is_suspend(&key) => {
                    suspend(app, terminal)?;
                    break;
                }
                event => app.handle(event),
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}

/// Ctrl-Z, which raw mode delivers as a key instead of a SIGTSTP.
fn is_suspend(key: &KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
        && key.code == KeyCode::Char('z')
        && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// Stop until `fg`, then take the size again: it may have changed meanwhile.
fn suspend(app: &mut App, terminal: &mut crate::term::Tui) -> std::io::Result<()> {
    crate::term::suspend(terminal)?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    Ok(())
}
