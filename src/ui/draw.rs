//! Drawing: a pure read of `App` into a ratatui buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use super::library::Row;
use super::paint::{Highlight, draw_line, draw_text, row_at};
use super::theme::Theme;
use super::{App, Screen, reader};
use crate::article::library::minutes_to_read;
use crate::article::{BlockKind, SpanKind};
use crate::layout::Direction;

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
            let Some(line) = reader.cached_line(*row) else {
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
        let (theme, chrome, lang) = (&self.theme, self.chrome(), self.lang);
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
        // Mirrored, the list is on the right and the preview on the left.
        let (list, preview) = (self.flip(area, list), preview.map(|p| self.flip(area, p)));
        let library = &self.library;
        let articles = library.articles();
        let count = self.num(articles.len());
        let header = if library.filter().is_empty() {
            lang.f("ui.title.library", &[("count", &count)])
        } else {
            let shown = self.num(library.shown().len());
            let args: [(&str, &dyn std::fmt::Display); 3] = [
                ("shown", &shown),
                ("count", &count),
                ("filter", &library.filter()),
            ];
            lang.f("ui.title.library_filtered", &args)
        };
        let heading_row = row_at(list, list.y);
        self.place(buf, list, heading_row, &header, theme.heading, &chrome);
        if library.shown().is_empty() {
            let note = if articles.is_empty() {
                lang.t("ui.library.empty")
            } else {
                lang.t("ui.library.no_match")
            };
            let note_row = row_at(list, list.y + 2).intersection(list);
            self.place(buf, list, note_row, note, theme.dim, &chrome);
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
                    let one = items == 1;
                    let (unread, items) = (self.num(unread), self.num(items));
                    let args: [(&str, &dyn std::fmt::Display); 2] =
                        [("unread", &unread), ("items", &items)];
                    let counts = match one {
                        true => lang.f("ui.library.feed_counts_one", &args),
                        false => lang.f("ui.library.feed_counts", &args),
                    };
                    let counts_width = (self.columns(&counts, &chrome) as u16).min(list.width / 2);
                    let title_area =
                        Rect::new(list.x, y, list.width.saturating_sub(counts_width + 2), 1);
                    self.place_title(buf, list, title_area, title, theme.heading, &self.layout);
                    let counts_x = list.right().saturating_sub(counts_width);
                    let counts_slot = Rect::new(counts_x, y, list.right() - counts_x, 1);
                    self.place(buf, list, counts_slot, &counts, theme.heading, &chrome);
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
                self.place(buf, list, row_area, "•", style, &chrome);
            }
            let stats = library.stats(index).copied().unwrap_or_default();
            let (words, marks) = (stats.words, stats.bookmarks);
            let read = match self.reading() {
                Some(reading) if reading.index() == Some(index) => reading.reader().percent(),
                _ => stats.read_percent,
            };
            let (words, minutes) = (
                self.padded(words, 6),
                self.padded(minutes_to_read(words), 3),
            );
            let (read, marks) = (self.padded(read, 3), self.padded(marks, 2));
            let args: [(&str, &dyn std::fmt::Display); 4] = [
                ("words", &words),
                ("minutes", &minutes),
                ("read", &read),
                ("marks", &marks),
            ];
            let stats = lang.f("ui.library.stats", &args);
            // Persian's words for the numbers are longer than "w" and "min".
            let room = match lang.is_rtl() {
                true => list.width * 3 / 5,
                false => list.width / 2,
            };
            let stats_width = (self.columns(&stats, &chrome) as u16).min(room);
            let title_area =
                Rect::new(list.x + 1, y, list.width.saturating_sub(stats_width + 2), 1);
            let title_layout = self.title_layout(article);
            self.place_title(buf, list, title_area, &article.title, style, &title_layout);
            let stats_x = list.right().saturating_sub(stats_width);
            let stats_slot = Rect::new(stats_x, y, list.right() - stats_x, 1);
            self.place(buf, list, stats_slot, &stats, style, &chrome);
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
        let (theme, chrome, lang) = (&self.theme, self.chrome(), self.lang);
        let bookmarks = self.bookmark_list();
        let title = lang.f(
            "ui.title.bookmarks",
            &[("count", &self.num(bookmarks.len()))],
        );
        self.place(
            buf,
            area,
            row_at(area, area.y),
            &title,
            theme.heading,
            &chrome,
        );
        if bookmarks.is_empty() {
            let note = lang.t("ui.bookmarks.empty");
            let note_row = row_at(area, area.y + 2).intersection(area);
            self.place(buf, area, note_row, note, theme.dim, &chrome);
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
            let id = self.num(bookmark.id);
            let args: [(&str, &dyn std::fmt::Display); 2] = [("id", &id), ("date", &date)];
            let header = match bookmark.detached {
                true => lang.f("ui.bookmarks.header_detached", &args),
                false => lang.f("ui.bookmarks.header", &args),
            };
            let header_row = Rect::new(area.x, y, area.width, 1);
            let x = area.x + self.place(buf, area, header_row, &header, style, &chrome);
            let title_area = Rect::new(x, y, area.right().saturating_sub(x), 1);
            let title_layout = self.laid_out_as(bookmark.title_direction());
            let title = &bookmark.article.title;
            self.place_title(buf, area, title_area, title, style, &title_layout);
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
                let note_row = row_at(quote_area, y).intersection(area);
                self.place(buf, quote_area, note_row, note, theme.dim, &self.layout);
                y += 1;
            }
            y += 1;
        }
    }

    /// The links screen: each link on two rows, its number and text (laid
    /// out in its block's direction), then its target, made visible.
    fn draw_links(&self, area: Rect, buf: &mut Buffer) {
        let (theme, list, chrome) = (&self.theme, self.link_list(), self.chrome());
        let Some(article) = self.reader().map(|r| r.article()) else {
            return;
        };
        let links = list.links();
        let header = self
            .lang
            .f("ui.title.links", &[("count", &self.num(links.len()))]);
        self.place(
            buf,
            area,
            row_at(area, area.y),
            &header,
            theme.heading,
            &chrome,
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
            let number = self.padded(i + 1, usize::from(digits));
            let number_slot = Rect::new(area.x + 1, y, area.width.saturating_sub(1), 1);
            self.place(buf, area, number_slot, &number, style, &chrome);
            let x = area.x + digits + 3;
            let text_area = Rect::new(x, y, area.right().saturating_sub(x + 1), 1);
            let text = article.text.get(link.range.clone()).unwrap_or_default();
            if text.trim().is_empty() {
                let no_text = self.lang.t("ui.links.no_text");
                self.place(buf, area, text_area, no_text, dim, &chrome);
            } else {
                let layout = self.block_layout(article, link.block);
                self.place_title(buf, area, text_area, text, style, &layout);
            }
            let target = crate::safe::visible(&link.target);
            let target_area = Rect {
                y: y + 1,
                ..text_area
            };
            self.place(buf, area, target_area, &target, dim, &self.ltr());
        }
    }
}
