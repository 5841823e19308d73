//! The chrome: what surrounds the text (titles, lists' rows, the status
//! line, the help screen), in the interface's language (`App::lang`).
//!
//! In a right-to-left interface the chrome is mirrored. Each piece is
//! placed where a left-to-right interface has it, as a slot in an outer
//! area; [`App::flip`] mirrors the slot within that area, and the text is
//! written from the slot's start side (the right), laid out right to left.
//! So a list is on the right and its preview on the left, a row's marker on
//! its right, and the status line reads from the right.

use std::fmt::Display;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::keymap::Action;
use super::paint::{draw_line, draw_text, draw_title};
use super::{App, Prompt, Screen};
use crate::layout::{BaseDirection, Digits, Justify, LayoutOptions, layout_paragraph};

impl App {
    /// Options for text that is always left to right (key names, URLs).
    pub(super) fn ltr(&self) -> LayoutOptions {
        LayoutOptions {
            direction: BaseDirection::Ltr,
            ..self.layout
        }
    }

    /// Options for chrome text: in the interface's direction, so that a
    /// Persian status line with an English file name in it reads right.
    pub(super) fn chrome(&self) -> LayoutOptions {
        let direction = match self.lang.is_rtl() {
            true => BaseDirection::Rtl,
            false => BaseDirection::Ltr,
        };
        LayoutOptions {
            direction,
            ..self.layout
        }
    }

    /// Where `slot` (placed as in a left-to-right interface, inside
    /// `outer`) is in this one: mirrored within `outer` in a right-to-left
    /// interface.
    pub(super) fn flip(&self, outer: Rect, slot: Rect) -> Rect {
        if !self.lang.is_rtl() {
            return slot;
        }
        let gap = outer.right().saturating_sub(slot.right());
        Rect {
            x: outer.x + gap,
            ..slot
        }
    }

    /// `n` in the interface's digits.
    pub(super) fn num(&self, n: impl Display) -> String {
        self.lang.digits(&n.to_string()).into_owned()
    }

    /// `n` in the interface's digits, after spaces up to `width` columns
    /// (in a right-to-left row the spaces show on its right).
    pub(super) fn padded(&self, n: impl Display, width: usize) -> String {
        format!("{:>width$}", self.num(n))
    }

    /// The columns `text` takes laid out with `options` on one line.
    pub(super) fn columns(&self, text: &str, options: &LayoutOptions) -> usize {
        layout_paragraph(text, usize::MAX / 2, options)
            .lines
            .first()
            .map_or(0, |line| line.width())
    }

    /// Write one line of `text` into the one-row `slot` (where a
    /// left-to-right interface has it, inside `outer`), from the slot's
    /// start side, laid out with `options`, cut at a word that does not
    /// fit. Returns the columns it took, with the spaces at its end (a
    /// label such as "filter: " keeps them).
    pub(super) fn place(
        &self,
        buf: &mut Buffer,
        outer: Rect,
        slot: Rect,
        text: &str,
        style: Style,
        options: &LayoutOptions,
    ) -> u16 {
        if !self.lang.is_rtl() {
            let end = draw_text(buf, slot, slot.x, slot.y, text, style, options);
            return end.saturating_sub(slot.x);
        }
        end_aligned(buf, self.flip(outer, slot), text, style, options)
    }

    /// Write the first line of `title` (an article's, a feed's, a link's
    /// text) into `slot`, laid out with `options`: aligned as its own
    /// direction says in a left-to-right interface, from the right in a
    /// right-to-left one.
    pub(super) fn place_title(
        &self,
        buf: &mut Buffer,
        outer: Rect,
        slot: Rect,
        title: &str,
        style: Style,
        options: &LayoutOptions,
    ) {
        if self.lang.is_rtl() {
            end_aligned(buf, self.flip(outer, slot), title, style, options);
        } else {
            draw_title(buf, slot, title, style, options);
        }
    }

    pub(super) fn draw_help(&self, area: Rect, buf: &mut Buffer) {
        let (theme, chrome) = (&self.theme, self.chrome());
        let title = self.lang.t("ui.title.help");
        self.place(buf, area, row(area, area.y), title, theme.heading, &chrome);
        let mut bindings = self.keymap.bindings();
        if self.lang.is_rtl() {
            // Left and Right are swapped in a mirrored interface (see
            // `App::mirrored`): each line shows the keys that do it here.
            let keys_of = |action| {
                bindings
                    .iter()
                    .find(|(a, _)| *a == action)
                    .map(|(_, keys)| keys.clone())
            };
            let (left, right) = (keys_of(Action::Left), keys_of(Action::Right));
            for (action, keys) in &mut bindings {
                let here = match action {
                    Action::Left => &right,
                    Action::Right => &left,
                    _ => continue,
                };
                if let Some(here) = here {
                    keys.clone_from(here);
                }
            }
        }
        let mut lines: Vec<(&str, &str)> = bindings
            .iter()
            .map(|(action, keys)| (keys.as_str(), action.describe(self.lang)))
            .collect();
        if self.lang.is_rtl() {
            lines.push(("", ""));
            lines.push(("", self.lang.t("ui.help.mirrored")));
        }
        // The key column is as wide as the longest key list, up to half the
        // screen; a longer list is cut at a key that does not fit.
        let widest = lines
            .iter()
            .map(|(keys, _)| self.columns(keys, &self.ltr()))
            .max()
            .unwrap_or(0);
        let half = usize::from(area.width.saturating_sub(4) / 2).max(1);
        let key_width = widest.min(half) as u16;
        let rows = usize::from(area.height.saturating_sub(2));
        let first = self.help.scroll().min(lines.len().saturating_sub(rows));
        for (i, (keys, describe)) in lines.iter().enumerate().skip(first).take(rows) {
            let y = area.y + 2 + (i - first) as u16;
            let key_slot = Rect::new(area.x + 2, y, key_width, 1).intersection(area);
            self.place(buf, area, key_slot, keys, theme.quote, &self.ltr());
            let x = match keys.is_empty() {
                true => area.x + 2,
                false => area.x + 2 + key_width + 2,
            };
            let slot = Rect::new(x, y, area.right().saturating_sub(x), 1);
            self.place(buf, area, slot, describe, theme.text, &chrome);
        }
    }

    pub(super) fn draw_status(&self, area: Rect, buf: &mut Buffer) {
        let (theme, chrome, lang) = (&self.theme, self.chrome(), self.lang);
        buf.set_style(area, theme.status);
        match &self.prompt {
            Some(Prompt::Search(text)) => {
                let label = match self.screen {
                    Screen::Library => lang.t("ui.prompt.filter"),
                    _ => lang.t("ui.prompt.search"),
                };
                let used = self.place(buf, area, area, label, theme.status, &chrome);
                // The typed text is laid out like the article: Persian reads
                // right while it is typed.
                let x = area.x + used;
                let input = Rect::new(x, area.y, area.right().saturating_sub(x), 1);
                let width = usize::from(input.width.max(1));
                // What is typed shows as typed, whatever the article's digits
                // (or justification).
                let typed = LayoutOptions {
                    digits: Digits::Keep,
                    justify: Justify::None,
                    ..self.layout
                };
                let layout = layout_paragraph(text, width, &typed);
                if let Some(line) = layout.lines.last() {
                    let line_width = (line.width() as u16).min(input.width);
                    let line_area = self.flip(area, Rect::new(x, area.y, line_width, 1));
                    let order = self.layout.order;
                    draw_line(buf, line_area, line, 0, theme.status, &[], order);
                }
                return;
            }
            Some(Prompt::ConfirmRemove(id)) => {
                let question = lang.f("ui.prompt.remove", &[("id", &self.num(id))]);
                self.place(buf, area, area, &question, theme.status, &chrome);
                return;
            }
            None => {}
        }
        let right = match (&self.screen, self.reader()) {
            (Screen::Reader, Some(reader)) => {
                let mode = if reader.selection.is_some() {
                    lang.t("ui.mode.select")
                } else if !reader.hits.is_empty() {
                    lang.t("ui.mode.search")
                } else {
                    lang.t("ui.mode.read")
                };
                let count = self.num(reader.quotes.len());
                let quotes = match reader.focus {
                    Some(i) => {
                        let at = self.num(i + 1);
                        lang.f("ui.status.quote_at", &[("at", &at), ("count", &count)])
                    }
                    None => lang.f("ui.status.quotes", &[("count", &count)]),
                };
                let percent = self.num(reader.percent());
                let args: [(&str, &dyn Display); 3] =
                    [("percent", &percent), ("quotes", &quotes), ("mode", &mode)];
                lang.f("ui.status.reader", &args)
            }
            (Screen::Library, _) => lang.t("ui.hints.library").to_string(),
            (Screen::Bookmarks, _) => lang.t("ui.hints.bookmarks").to_string(),
            (Screen::Help, _) => lang.t("ui.hints.help").to_string(),
            (Screen::Links, _) => lang.t("ui.hints.links").to_string(),
            (Screen::Reader, None) => String::new(),
        };
        // With a column of room on each side.
        let wanted = match right.is_empty() {
            true => 0,
            false => self.columns(&right, &chrome) + 2,
        };
        // A message comes first: the numbers on the right only show when
        // they fit beside it (at 20 columns they would take the whole row).
        let message_width = self
            .message
            .as_deref()
            .map_or(0, |m| self.columns(m, &chrome) + 2);
        let right_width = match wanted {
            w if w + message_width <= usize::from(area.width) => w as u16,
            _ if message_width > 0 => 0,
            w => w.min(usize::from(area.width)) as u16,
        };
        let right_x = area.right() - right_width;
        if right_width > 0 {
            // The spaces go with it: a terminal that reorders gets them
            // inside the piece (see `paint::mark_piece`).
            let slot = Rect::new(right_x, area.y, right_width, 1);
            self.place(
                buf,
                area,
                slot,
                &format!(" {right} "),
                theme.status,
                &chrome,
            );
        }
        let left_end = right_x.saturating_sub(1);
        let left = Rect::new(area.x + 1, area.y, left_end.saturating_sub(area.x + 1), 1);
        let message_style = theme.status.patch(theme.message);
        if let Some(message) = &self.message {
            self.place(buf, area, left, message, message_style, &chrome);
        } else if let Some(host) = self.fetching() {
            let note = lang.f("ui.status.fetching", &[("host", &host)]);
            self.place(buf, area, left, &note, message_style, &chrome);
        } else if self.screen == Screen::Reader
            && let Some(reader) = self.reader()
        {
            let title = &reader.article.title;
            let title_layout = self.title_layout(&reader.article);
            self.place(buf, area, left, title, theme.status, &title_layout);
        }
    }
}

/// The one-row strip of `area` at `y`.
pub(super) fn row(area: Rect, y: u16) -> Rect {
    Rect {
        y,
        height: 1,
        ..area
    }
}

/// Write the first line of `text` laid out with `options` into `slot`,
/// ending at its right edge. Returns the columns it took, with the spaces
/// at its end.
fn end_aligned(
    buf: &mut Buffer,
    slot: Rect,
    text: &str,
    style: Style,
    options: &LayoutOptions,
) -> u16 {
    let slot = slot.intersection(buf.area);
    if slot.is_empty() || text.is_empty() {
        return 0;
    }
    let layout = layout_paragraph(text, usize::from(slot.width), options);
    let Some(line) = layout.lines.first() else {
        return 0;
    };
    let width = (line.width() as u16).min(slot.width);
    let target = Rect::new(slot.right() - width, slot.y, width, 1);
    draw_line(buf, target, line, 0, style, &[], options.order);
    let trailing = text.len() - text.trim_end_matches(' ').len();
    (width + trailing as u16).min(slot.width)
}
