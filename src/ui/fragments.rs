//! Fragments drawn away from their paragraph (a bookmarked quote, a title,
//! a link's text) keep that paragraph's direction, not their own first
//! letter's; dates read in the interface's calendar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::App;
use super::paint::{draw_title, row_at};
use crate::article::library::direction_of;
use crate::article::{Article, Direction as Declared};
use crate::layout::{BaseDirection, LayoutOptions, VisualLine, layout_paragraph};
use crate::store::Bookmark;

impl App {
    /// The layout, in `direction`.
    pub(super) fn laid_out_as(&self, direction: impl Into<BaseDirection>) -> LayoutOptions {
        LayoutOptions {
            direction: direction.into(),
            ..self.layout
        }
    }

    /// The layout of `article`'s title: the article's direction.
    pub(super) fn title_layout(&self, article: &Article) -> LayoutOptions {
        self.laid_out_as(direction_of(article))
    }

    /// The layout of a stretch of block `block` of `article` (a link's
    /// text): the block's, as the reader lays it out (`reader::layout_block`).
    pub(super) fn block_layout(&self, article: &Article, block: usize) -> LayoutOptions {
        match article.blocks.get(block).map(|b| b.direction) {
            Some(Declared::Auto) | None if self.layout.direction != BaseDirection::Auto => {
                self.layout
            }
            _ => self.laid_out_as(article.block_direction(block)),
        }
    }

    /// The first lines (at most three) of `bookmark`'s quote at `width`, in
    /// its paragraph's direction.
    pub(super) fn quote_lines(&self, bookmark: &Bookmark, width: usize) -> Vec<VisualLine> {
        let layout = self.laid_out_as(bookmark.direction());
        let mut lines = layout_paragraph(&bookmark.quote, width, &layout).lines;
        lines.truncate(3);
        lines
    }

    /// `stamp`'s day in the interface's calendar, isolated so that a Persian
    /// date keeps its order inside a left-to-right line.
    pub(super) fn date(&self, stamp: &str) -> String {
        format!("\u{2068}{}\u{2069}", crate::dates::date(stamp, self.lang))
    }

    /// The day library article `index` was published, when it says (a
    /// feed's item, a saved page), on row `y` of `area` in the article's
    /// direction. The rows it takes, a blank one included.
    pub(super) fn draw_published(&self, buf: &mut Buffer, area: Rect, y: u16, index: usize) -> u16 {
        let entry = self.library.entry(index);
        let (Some(published), Some(article)) = (
            entry.and_then(|e| e.published.as_deref()),
            self.library.articles().get(index),
        ) else {
            return 0;
        };
        let date = crate::dates::date(published, self.lang);
        let layout = self.title_layout(article);
        draw_title(buf, row_at(area, y), &date, self.theme.dim, &layout);
        2
    }
}
