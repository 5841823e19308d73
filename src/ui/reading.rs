//! The reader screen's state (an article open in a `Reader`, and which of
//! the library's articles it is) and its keys.

use super::keymap::Action;
use super::reader::Reader;
use super::{App, Prompt, Screen};
use crate::layout::Justify;

/// The article being read: the reader on it and its index in the library,
/// kept together so that they cannot disagree.
#[derive(Debug)]
pub struct Reading {
    /// Index into the library's articles; none for an article reached by a
    /// link that the library does not have (see `links`).
    pub(super) index: Option<usize>,
    pub(super) reader: Reader,
    /// Which article shown this is, counted from the start: the event loop
    /// clears the screen when it changes.
    pub(super) serial: u64,
}

impl Reading {
    /// The article's index in the library, if it is there.
    pub fn index(&self) -> Option<usize> {
        self.index
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }
}

impl App {
    pub(super) fn reader_action(&mut self, action: Action, count: usize) {
        let Some(Reading { reader, .. }) = &mut self.reading else {
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
                        let none = match forward {
                            true => self.lang.t("ui.quote.none_after"),
                            false => self.lang.t("ui.quote.none_before"),
                        };
                        self.message = Some(none.to_string());
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
                        self.message = Some(self.lang.t("ui.copied").to_string());
                    }
                    None => {
                        self.message = Some(self.lang.t("ui.copy.nothing").to_string());
                    }
                }
            }
            Action::Search => self.prompt = Some(Prompt::Search(String::new())),
            Action::NextHit | Action::PrevHit => {
                if !reader.next_hit(action == Action::NextHit) {
                    self.message = Some(self.lang.t("ui.search.none").to_string());
                }
            }
            Action::Back if self.fetching.is_some() => {
                self.stop_fetching();
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
            Action::Links => self.show_links(),
            Action::HistoryBack => self.history_back(),
            Action::Open | Action::Right | Action::Delete => {}
            Action::Quit
            | Action::Help
            | Action::Bookmarks
            | Action::Library
            | Action::Refresh
            | Action::Justify => {}
        }
    }

    /// The next justification, none → spaces → kashida → none: for the
    /// article open, those read before it and those opened next; the status
    /// line says which.
    pub(super) fn cycle_justify(&mut self) {
        let next = match self.layout.justify {
            Justify::None => Justify::Spaces,
            Justify::Spaces => Justify::Kashida,
            Justify::Kashida => Justify::None,
        };
        self.layout.justify = next;
        let readings = self.reading.iter_mut().chain(self.history.iter_mut());
        for reading in readings {
            reading.reader.set_justify(next);
        }
        let lang = crate::i18n::process();
        self.message = Some(
            match next {
                Justify::None => lang.t("justify.none"),
                Justify::Spaces => lang.t("justify.spaces"),
                Justify::Kashida => lang.t("justify.kashida"),
            }
            .to_string(),
        );
    }

    /// Bookmark the selection, or else the focused quotation.
    pub(super) fn bookmark_focused(&mut self) {
        let Some(Reading { reader, .. }) = &mut self.reading else {
            return;
        };
        let range = match (&reader.selection, reader.focused_quote()) {
            (Some(selection), _) => selection.range(),
            (None, Some(quote)) => quote.inner.clone(),
            (None, None) => {
                self.message = Some(self.lang.t("ui.bookmark.how").to_string());
                return;
            }
        };
        let Some(store) = &mut self.store else {
            self.message = Some(self.lang.t("ui.bookmark.off").to_string());
            return;
        };
        match store.add(&reader.article, range, None) {
            Ok(added) => {
                if !reader.bookmarks.contains(&added.bookmark.range) {
                    reader.bookmarks.push(added.bookmark.range.clone());
                }
                reader.selection = None;
                self.library.mark_stale();
                let id = self
                    .lang
                    .digits(&added.bookmark.id.to_string())
                    .into_owned();
                self.message = Some(match added.already {
                    true => self.lang.f("ui.bookmark.already", &[("id", &id)]),
                    false => self.lang.f("ui.bookmark.added", &[("id", &id)]),
                });
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }
}
