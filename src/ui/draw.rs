//! Drawing: a pure read of `App` into a ratatui buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::library::Row;
use super::paint::{Highlight, draw_line, draw_text, draw_title, row_at};
use super::theme::Theme;
use super::{App, Prompt, Screen, reader};
use crate::article::library::minutes_to_read;
use crate::article::{BlockKind, SpanKind};
use crate::layout::{BaseDirection, Digits, Direction, LayoutOptions, layout_paragraph};

/// The bar beside a block quotation, on its start side.
const QUOTE_BAR: &str = "┃";

/// How an inline span looks.
fn span_style(kind: &SpanKind, theme: &Theme) -> Style {
    match kind {
        SpanKind::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
        SpanKind::Strong => Style::new().add_modifier(Modifier::BOLD),
        SpanKind::Link { .. } => Style::new().add_modifier(Modifier::UNDERLINED),
        SpanKind::Code => theme.code,
        SpanKind::Quote => theme.quote,
    }
}

/// Library lists show a preview pane beside them from this width on.
const PREVIEW_FROM: u16 = 100;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        buf.set_style(area, self.theme.text);
        let body = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        match self.screen {
            Screen::Reader => self.draw_reader(body, buf),
            Screen::Library => self.draw_library(body, buf),
            Screen::Bookmarks => self.draw_bookmarks(body, buf),
            Screen::Help => self.draw_help(body, buf),
            Screen::Links => self.draw_links(body, buf),
        }
        let status = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        self.draw_status(status, buf);
    }
}

impl App {
    fn ltr(&self) -> LayoutOptions {
        LayoutOptions {
            direction: BaseDirection::Ltr,
            ..self.layout
        }
    }

    fn draw_reader(&self, area: Rect, buf: &mut Buffer) {
        let Some(reader) = self.reader() else {
            return;
        };
        let width = (reader.width() as u16).min(area.width);
        let text_area = Rect {
            x: area.x + (area.width - width) / 2,
            width,
            ..area
        };
        let theme = &self.theme;
        for (i, row) in reader.view.iter().enumerate() {
            let y = area.y + i as u16;
            if y >= area.bottom() {
                break;
            }
            let Some(lines) = reader.cached_lines(row.block) else {
                continue;
            };
            let Some(line) = lines.get(row.line) else {
                continue; // the blank row after a block
            };
            let Some(block) = reader.article.blocks.get(row.block) else {
                continue;
            };
            let base = block.range.start;
            let line_range = base + line.range().start..base + line.range().end;
            let overlaps =
                |r: &std::ops::Range<usize>| r.start < line_range.end && line_range.start < r.end;
            let mut highlights = Vec::new();
            for span in block.spans.iter().filter(|s| overlaps(&s.range)) {
                highlights.push(Highlight {
                    range: span.range.clone(),
                    style: span_style(&span.kind, theme),
                });
            }
            for quote in reader.quotes.iter().filter(|q| overlaps(&q.range)) {
                highlights.push(Highlight {
                    range: quote.range.clone(),
                    style: theme.quote,
                });
            }
            for range in reader.bookmarks.iter().filter(|r| overlaps(r)) {
                highlights.push(Highlight {
                    range: range.clone(),
                    style: theme.bookmark,
                });
            }
            if let Some(quote) = reader.focused_quote().filter(|q| overlaps(&q.range)) {
                highlights.push(Highlight {
                    range: quote.range.clone(),
                    style: theme.focused_quote,
                });
            }
            for hit in reader.hits.iter().filter(|h| overlaps(h)) {
                highlights.push(Highlight {
                    range: hit.clone(),
                    style: theme.hit,
                });
            }
            if let Some(selection) = reader.selection.as_ref().map(|s| s.range())
                && overlaps(&selection)
            {
                highlights.push(Highlight {
                    range: selection,
                    style: theme.selection,
                });
            }
            let style = match block.kind {
                _ if reader.article.is_heading(row.block) => theme.heading,
                BlockKind::Code { .. } => theme.code,
                _ => theme.text,
            };
            let full = row_at(text_area, y);
            // The block's inset on its start side: the right of a
            // right-to-left line.
            let inset = reader::inset(&block.kind, usize::from(full.width)) as u16;
            let rtl = line.direction() == Direction::Rtl;
            let mut text_row = Rect {
                width: full.width - inset,
                ..full
            };
            if !rtl {
                text_row.x += inset;
            }
            match block.kind {
                BlockKind::Rule => {
                    let rule = "─".repeat(usize::from(full.width));
                    draw_text(buf, full, full.x, y, &rule, theme.dim, &self.ltr());
                    continue;
                }
                BlockKind::Quote if inset > 0 => {
                    let x = if rtl { full.right() - 1 } else { full.x };
                    if let Some(cell) = buf.cell_mut((x, y)) {
                        cell.set_symbol(QUOTE_BAR).set_style(theme.quote);
                    }
                }
                BlockKind::Code { .. } => buf.set_style(text_row, theme.code),
                _ => {}
            }
            draw_line(
                buf,
                text_row,
                line,
                base,
                style,
                &highlights,
                self.layout.order,
            );
        }
    }

    fn draw_library(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let (list, preview) = if area.width >= PREVIEW_FROM {
            let list_width = area.width * 11 / 20;
            (
                Rect {
                    width: list_width,
                    ..area
                },
                Some(Rect {
                    x: area.x + list_width + 2,
                    width: area.width - list_width - 2,
                    ..area
                }),
            )
        } else {
            (area, None)
        };
        let library = &self.library;
        let articles = library.articles();
        let header = if library.filter().is_empty() {
            format!("barg · library · {} articles", articles.len())
        } else {
            format!(
                "barg · library · {} of {} articles match “{}”",
                library.shown().len(),
                articles.len(),
                library.filter()
            )
        };
        draw_text(
            buf,
            list,
            list.x,
            list.y,
            &header,
            theme.heading,
            &self.ltr(),
        );
        if library.shown().is_empty() {
            let note = if articles.is_empty() {
                "No articles. Give barg a file or a folder: barg PATH"
            } else {
                "Nothing matches. Esc shows every article."
            };
            draw_text(buf, list, list.x, list.y + 2, note, theme.dim, &self.ltr());
            return;
        }
        let height = usize::from(list.height.saturating_sub(2));
        let rows = library.rows();
        let selected = library.shown().get(library.selected()).copied();
        let selected_row = rows
            .iter()
            .position(|row| Some(*row) == selected.map(Row::Article))
            .unwrap_or(0);
        let first = selected_row.saturating_sub(height.saturating_sub(1));
        let stats_width = 26u16.min(list.width / 2);
        for (at, row) in rows.iter().enumerate().skip(first).take(height) {
            let y = list.y + 2 + (at - first) as u16;
            let row_area = Rect::new(list.x, y, list.width, 1);
            let index = match *row {
                Row::Article(index) => index,
                Row::Feed {
                    title,
                    unread,
                    items,
                } => {
                    let plural = if items == 1 { "" } else { "s" };
                    let counts = format!("{unread} unread · {items} item{plural}");
                    let counts_width = (counts.width() as u16).min(list.width / 2);
                    let title_area =
                        Rect::new(list.x, y, list.width.saturating_sub(counts_width + 2), 1);
                    draw_title(buf, title_area, title, theme.heading, &self.layout);
                    let counts_x = list.right().saturating_sub(counts_width);
                    draw_text(
                        buf,
                        row_area,
                        counts_x,
                        y,
                        &counts,
                        theme.heading,
                        &self.ltr(),
                    );
                    continue;
                }
            };
            let article = &articles[index];
            let style = if Some(index) == selected {
                theme.selected_item
            } else {
                theme.text
            };
            buf.set_style(row_area, style);
            if library.entry(index).is_some_and(|e| e.unread) {
                draw_text(buf, row_area, list.x, y, "•", style, &self.ltr());
            }
            let stats = library.stats(index).copied().unwrap_or_default();
            let (words, marks) = (stats.words, stats.bookmarks);
            let read = match self.reading() {
                Some(reading) if reading.index() == Some(index) => reading.reader().percent(),
                _ => stats.read_percent,
            };
            let stats = format!(
                "{words:>6} w {:>3} min {read:>3}% {marks:>2} ★",
                minutes_to_read(words)
            );
            let title_area =
                Rect::new(list.x + 1, y, list.width.saturating_sub(stats_width + 2), 1);
            let title_layout = self.title_layout(article);
            draw_title(buf, title_area, &article.title, style, &title_layout);
            let stats_x = list.right().saturating_sub(stats_width);
            draw_text(buf, row_area, stats_x, y, &stats, style, &self.ltr());
        }
        if let Some(preview) = preview
            && let Some(&index) = library.shown().get(library.selected())
        {
            let article = &articles[index];
            let mut y = preview.y + self.draw_published(buf, preview, preview.y, index);
            for i in 0..article.blocks.len() {
                let style = if article.is_heading(i) {
                    theme.heading
                } else {
                    theme.dim
                };
                let width = usize::from(preview.width);
                for line in reader::layout_block(article, i, width, &self.layout) {
                    if y >= preview.bottom() {
                        return;
                    }
                    draw_line(
                        buf,
                        row_at(preview, y),
                        &line,
                        0,
                        style,
                        &[],
                        self.layout.order,
                    );
                    y += 1;
                }
                y += 1;
                if y >= preview.bottom() {
                    return;
                }
            }
        }
    }

    fn draw_bookmarks(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let bookmarks = self.bookmark_list();
        draw_text(
            buf,
            area,
            area.x,
            area.y,
            &format!("barg · bookmarks · {}", bookmarks.len()),
            theme.heading,
            &self.ltr(),
        );
        if bookmarks.is_empty() {
            draw_text(
                buf,
                area,
                area.x,
                area.y + 2,
                "No bookmarks yet. In an article, ] reaches a quotation and b keeps it.",
                theme.dim,
                &self.ltr(),
            );
            return;
        }
        let width = usize::from(area.width.saturating_sub(4)).max(1);
        let quote_lines = |bookmark| self.quote_lines(bookmark, width);
        // Start far enough back that the selected bookmark shows.
        let rows = usize::from(area.height.saturating_sub(2));
        let selected = self.bookmarks.selected();
        let mut first = selected;
        let mut used = 0;
        while first > 0 {
            let height = quote_lines(bookmarks[first - 1]).len() + 2;
            if used + height + quote_lines(bookmarks[selected]).len() + 2 > rows {
                break;
            }
            used += height;
            first -= 1;
        }
        let mut y = area.y + 2;
        for (i, bookmark) in bookmarks.iter().enumerate().skip(first) {
            if y >= area.bottom() {
                break;
            }
            let selected = i == self.bookmarks.selected();
            let style = if selected {
                theme.selected_item
            } else {
                theme.dim
            };
            buf.set_style(Rect::new(area.x, y, area.width, 1), style);
            let date = self.date(&bookmark.created);
            let detached = if bookmark.detached {
                " · detached"
            } else {
                ""
            };
            let header = format!("#{} · {date}{detached} · ", bookmark.id);
            let x = draw_text(buf, area, area.x, y, &header, style, &self.ltr());
            let title_area = Rect::new(x, y, area.right().saturating_sub(x), 1);
            let title_layout = self.laid_out_as(bookmark.title_direction());
            let title = &bookmark.article.title;
            draw_title(buf, title_area, title, style, &title_layout);
            y += 1;
            let quote_area = Rect {
                x: area.x + 2,
                width: area.width.saturating_sub(4),
                ..area
            };
            for line in quote_lines(bookmark) {
                if y >= area.bottom() {
                    break;
                }
                draw_line(
                    buf,
                    row_at(quote_area, y),
                    &line,
                    0,
                    theme.quote,
                    &[],
                    self.layout.order,
                );
                y += 1;
            }
            if let Some(note) = &bookmark.note {
                draw_text(
                    buf,
                    quote_area,
                    quote_area.x,
                    y,
                    note,
                    theme.dim,
                    &self.layout,
                );
                y += 1;
            }
            y += 1;
        }
    }

    fn draw_help(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        draw_text(
            buf,
            area,
            area.x,
            area.y,
            "barg · keys",
            theme.heading,
            &self.ltr(),
        );
        let bindings = self.keymap.bindings();
        let rows = usize::from(area.height.saturating_sub(2));
        let first = self.help.scroll().min(bindings.len().saturating_sub(rows));
        for (i, (action, keys)) in bindings.iter().enumerate().skip(first).take(rows) {
            let y = area.y + 2 + (i - first) as u16;
            let x = draw_text(buf, area, area.x + 2, y, keys, theme.quote, &self.ltr());
            let column = (area.x + 22).max(x + 2);
            draw_text(
                buf,
                area,
                column,
                y,
                action.describe(),
                theme.text,
                &self.ltr(),
            );
        }
    }

    /// The links screen: each link on two rows, its number and text (laid
    /// out in its block's direction), then its target, made visible.
    fn draw_links(&self, area: Rect, buf: &mut Buffer) {
        let (theme, list) = (&self.theme, self.link_list());
        let Some(article) = self.reader().map(|r| r.article()) else {
            return;
        };
        let links = list.links();
        let header = format!("barg · links · {}", links.len());
        draw_text(
            buf,
            area,
            area.x,
            area.y,
            &header,
            theme.heading,
            &self.ltr(),
        );
        let shown = (usize::from(area.height.saturating_sub(2)) / 2).max(1);
        let first = list.selected().saturating_sub(shown - 1);
        let digits = links.len().to_string().len() as u16;
        for (i, link) in links.iter().enumerate().skip(first).take(shown) {
            let y = area.y + 2 + 2 * (i - first) as u16;
            if y >= area.bottom() {
                break;
            }
            let (style, dim) = match i == list.selected() {
                true => (theme.selected_item, theme.selected_item),
                false => (theme.text, theme.dim),
            };
            buf.set_style(
                Rect::new(area.x, y, area.width, 2).intersection(area),
                style,
            );
            let number = format!("{:>width$}", i + 1, width = usize::from(digits));
            draw_text(buf, area, area.x + 1, y, &number, style, &self.ltr());
            let x = area.x + digits + 3;
            let text_area = Rect::new(x, y, area.right().saturating_sub(x + 1), 1);
            let text = article.text.get(link.range.clone()).unwrap_or_default();
            if text.trim().is_empty() {
                draw_text(buf, text_area, x, y, "(no text)", dim, &self.ltr());
            } else {
                let layout = self.block_layout(article, link.block);
                draw_title(buf, text_area, text, style, &layout);
            }
            let target = crate::safe::visible(&link.target);
            let target_area = Rect {
                y: y + 1,
                ..text_area
            };
            draw_text(buf, target_area, x, y + 1, &target, dim, &self.ltr());
        }
    }

    fn draw_status(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        buf.set_style(area, theme.status);
        match &self.prompt {
            Some(Prompt::Search(text)) => {
                let label = if self.screen == Screen::Library {
                    "filter: "
                } else {
                    "/"
                };
                let x = draw_text(buf, area, area.x, area.y, label, theme.status, &self.ltr());
                // The typed text is laid out like the article: Persian reads
                // right while it is typed.
                let input = Rect::new(x, area.y, area.right().saturating_sub(x), 1);
                let width = usize::from(input.width.max(1));
                // What is typed shows as typed, whatever the article's digits.
                let typed = LayoutOptions {
                    digits: Digits::Keep,
                    ..self.layout
                };
                let layout = layout_paragraph(text, width, &typed);
                if let Some(line) = layout.lines.last() {
                    let line_area = Rect::new(x, area.y, (line.width() as u16).min(input.width), 1);
                    let order = self.layout.order;
                    draw_line(buf, line_area, line, 0, theme.status, &[], order);
                }
                return;
            }
            Some(Prompt::ConfirmRemove(id)) => {
                let question = format!("Remove bookmark #{id}? (y/n)");
                draw_text(
                    buf,
                    area,
                    area.x,
                    area.y,
                    &question,
                    theme.status,
                    &self.ltr(),
                );
                return;
            }
            None => {}
        }
        let right = match (&self.screen, self.reader()) {
            (Screen::Reader, Some(reader)) => {
                let mode = if reader.selection.is_some() {
                    "SELECT"
                } else if !reader.hits.is_empty() {
                    "SEARCH"
                } else {
                    "READ"
                };
                let focus = match reader.focus {
                    Some(i) => format!("{}/{}", i + 1, reader.quotes.len()),
                    None => reader.quotes.len().to_string(),
                };
                format!(" {}%  {focus} quotes  {mode} ", reader.percent())
            }
            (Screen::Library, _) => {
                " Enter open  / filter  B bookmarks  ? help  q quit ".to_string()
            }
            (Screen::Bookmarks, _) => " Enter open  d remove  Esc back  ? help ".to_string(),
            (Screen::Help, _) => " Esc back ".to_string(),
            (Screen::Links, _) => " Enter follow  y copy  Esc back ".to_string(),
            (Screen::Reader, None) => String::new(),
        };
        // A message comes first: the numbers on the right only show when
        // they fit beside it (at 20 columns they would take the whole row).
        let message_width = self.message.as_deref().map_or(0, |m| m.width() + 2);
        let right_width = match right.width() {
            w if w + message_width <= usize::from(area.width) => w as u16,
            _ if message_width > 0 => 0,
            w => w.min(usize::from(area.width)) as u16,
        };
        let right_x = area.right() - right_width;
        if right_width > 0 {
            draw_text(
                buf,
                area,
                right_x,
                area.y,
                &right,
                theme.status,
                &self.ltr(),
            );
        }
        let left = Rect::new(area.x, area.y, right_x.saturating_sub(area.x + 1), 1);
        if let Some(message) = &self.message {
            draw_text(
                buf,
                left,
                left.x + 1,
                left.y,
                message,
                theme.status.patch(theme.message),
                &self.ltr(),
            );
        } else if let Some(host) = self.fetching() {
            let note = format!("fetching {host}… Esc stops");
            let style = theme.status.patch(theme.message);
            draw_text(buf, left, left.x + 1, left.y, &note, style, &self.ltr());
        } else if self.screen == Screen::Reader
            && let Some(reader) = self.reader()
        {
            draw_text(
                buf,
                left,
                left.x + 1,
                left.y,
                &reader.article.title,
                theme.status,
                &self.title_layout(&reader.article),
            );
        }
    }
}
