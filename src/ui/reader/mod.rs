//! The reading pane: an article laid out lazily at the reading width, the
//! position in it, its quotations, the selection and the search hits.
//!
//! Only the blocks on screen (and those stepped over) are laid out, and
//! laid-out blocks are kept for the current width, so opening a long
//! article or paging through it costs a screenful of layout, not the article.
//! A block longer than [`LONG_BLOCK`] (a transcript, a law, a scraped page
//! without line breaks) is laid out a piece at a time (`layout::LongParagraph`):
//! its rows are addressed by piece, and only the pieces near the screen
//! are held, so memory follows what is shown plus the text.
//! Each block is laid out in its own measure: a quotation leaves room for
//! its bar, a list item for its indent, code is laid out left to right as
//! written, a rule is one empty row (drawn as a line).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

mod find;
pub use find::Selection;

use crate::article::quotes::{self, QuoteSpan};
use crate::article::{Article, BlockKind, Direction};
use crate::layout::{
    Justify, LayoutOptions, LongParagraph, VisualLine, layout_code, layout_paragraph_keeping,
};

/// A row of the document: a line of a piece of a block, or (`line ==
/// lines.len()` in its last piece) the blank row after it. A block has one
/// piece unless it is longer than [`LONG_BLOCK`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub block: usize,
    pub piece: usize,
    pub line: usize,
}

/// Bytes from which a paragraph is laid out a piece at a time.
pub const LONG_BLOCK: usize = 64 << 10;
/// Pieces of long paragraphs held at most: a screen needs two or three.
const HELD_PIECES: usize = 8;

/// Columns a list item is indented per level of nesting.
pub const LIST_INDENT: usize = 2;
/// Columns a quotation's bar takes ("┃ ") on the start side.
pub const QUOTE_INSET: usize = 2;

/// Columns block `kind` leaves free on its start side at `width`: its
/// lines are laid out in the rest.
pub fn inset(kind: &BlockKind, width: usize) -> usize {
    let inset = match kind {
        BlockKind::Quote => QUOTE_INSET,
        BlockKind::ListItem { depth } => usize::from(*depth) * LIST_INDENT,
        _ => 0,
    };
    inset.min(width / 2)
}

/// The options block `index` is laid out with: its own direction when it
/// has one.
fn block_options(article: &Article, index: usize, options: &LayoutOptions) -> LayoutOptions {
    LayoutOptions {
        direction: match article.blocks.get(index).map(|b| b.direction) {
            Some(Direction::Auto) | None => options.direction,
            Some(direction) => direction.into(),
        },
        ..*options
    }
}

/// The width block `index` is laid out in at `width`: its inset taken off.
fn block_width(article: &Article, index: usize, width: usize) -> usize {
    match article.blocks.get(index) {
        Some(block) => width.saturating_sub(inset(&block.kind, width)).max(1),
        None => width.max(1),
    }
}

/// The lines of block `index` of `article`, at `width` (its inset taken
/// off), in the block's direction when it has one. Offsets are relative to
/// the block's start.
pub fn layout_block(
    article: &Article,
    index: usize,
    width: usize,
    options: &LayoutOptions,
) -> Vec<VisualLine> {
    let Some(block) = article.blocks.get(index) else {
        return Vec::new();
    };
    let text = article.block_text(index);
    let width = block_width(article, index, width);
    let options = block_options(article, index, options);
    match block.kind {
        BlockKind::Code { .. } => layout_code(text, width).lines,
        BlockKind::Rule => layout_code("", width).lines,
        _ => {
            let keep = crate::render::digits_kept(article, index);
            layout_paragraph_keeping(text, width, &options, &keep).lines
        }
    }
}

#[derive(Debug)]
pub struct Reader {
    /// Shared with the library: a long article is not copied to be read.
    pub(super) article: Arc<Article>,
    pub(super) quotes: Vec<QuoteSpan>,
    /// Ranges of this article's saved bookmarks.
    pub(super) bookmarks: Vec<Range<usize>>,
    pub(super) focus: Option<usize>,
    pub(super) selection: Option<Selection>,
    pub(super) query: String,
    pub(super) hits: Vec<Range<usize>>,
    pub(super) hit: Option<usize>,
    /// The first row on screen.
    pub(super) top: Row,
    /// The rows on screen, laid out: set by `prepare` before each draw.
    pub(super) view: Vec<Row>,
    /// The reading position: the logical offset the top row shows. Kept
    /// apart from `top` so that relaying out at another width (which moves
    /// line starts) does not drift the position backwards.
    position: usize,
    width: usize,
    height: usize,
    options: LayoutOptions,
    /// Lines laid out at `width`, by block and piece.
    laid_out: HashMap<(usize, usize), Vec<VisualLine>>,
    /// The levels and pieces of the long blocks met so far: they do not
    /// depend on the width.
    long: HashMap<usize, LongParagraph>,
}

impl Reader {
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// The article's quotations, in the order of the text.
    pub fn quotes(&self) -> &[QuoteSpan] {
        &self.quotes
    }

    /// The ranges of the article's saved bookmarks.
    pub fn bookmarks(&self) -> &[Range<usize>] {
        &self.bookmarks
    }

    /// The focused quotation (an index into `quotes`).
    pub fn focus(&self) -> Option<usize> {
        self.focus
    }

    pub fn selection(&self) -> Option<&Selection> {
        self.selection.as_ref()
    }

    /// The last search's hits, and which of them is current.
    pub fn hits(&self) -> &[Range<usize>] {
        &self.hits
    }

    pub fn hit(&self) -> Option<usize> {
        self.hit
    }

    /// The first row on screen.
    pub fn top(&self) -> Row {
        self.top
    }

    /// The rows on screen, as the last `prepare` laid them out.
    pub fn view(&self) -> &[Row] {
        &self.view
    }

    pub fn new(article: Article, options: LayoutOptions) -> Reader {
        let quotes = quotes::article_quotes(&article);
        Reader::with_quotes(article, quotes, options)
    }

    /// A reader on `article` whose quotations are already found.
    pub fn with_quotes(
        article: impl Into<Arc<Article>>,
        quotes: Vec<QuoteSpan>,
        options: LayoutOptions,
    ) -> Reader {
        Reader {
            article: article.into(),
            quotes,
            bookmarks: Vec::new(),
            focus: None,
            selection: None,
            query: String::new(),
            hits: Vec::new(),
            hit: None,
            top: Row::default(),
            view: Vec::new(),
            position: 0,
            width: 0,
            height: 0,
            options,
            laid_out: HashMap::new(),
            long: HashMap::new(),
        }
    }

    /// Set the text width and body height; a new width lays the text out
    /// again and keeps the reading position.
    pub fn resize(&mut self, width: usize, height: usize) {
        let width = width.max(1);
        self.height = height.max(1);
        if width != self.width {
            self.laid_out.clear();
            self.width = width;
            self.top = self.row_at(self.position);
        }
        self.clamp_top();
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// How the lines meet the width.
    pub fn justify(&self) -> Justify {
        self.options.justify
    }

    /// Justify the lines another way: the text is laid out again and the
    /// reading position kept.
    pub fn set_justify(&mut self, justify: Justify) {
        if justify == self.options.justify {
            return;
        }
        self.options.justify = justify;
        self.laid_out.clear();
        for paragraph in self.long.values_mut() {
            paragraph.set_justify(justify);
        }
        if self.width > 0 {
            self.top = self.row_at(self.position);
            self.clamp_top();
        }
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Whether block `index` is laid out a piece at a time.
    fn is_long(&self, index: usize) -> bool {
        self.article.blocks.get(index).is_some_and(|block| {
            block.range.len() > LONG_BLOCK
                && !matches!(block.kind, BlockKind::Code { .. } | BlockKind::Rule)
        })
    }

    /// The long paragraph of block `index`, its levels resolved once.
    fn long_paragraph(&mut self, index: usize) -> &mut LongParagraph {
        let (article, options) = (&self.article, &self.options);
        self.long.entry(index).or_insert_with(|| {
            let keep = crate::render::digits_kept(article, index);
            let options = block_options(article, index, options);
            LongParagraph::new(article.block_text(index), &options, &keep)
        })
    }

    /// Pieces block `index` is laid out in: one, unless it is long.
    pub fn pieces(&mut self, index: usize) -> usize {
        if self.is_long(index) {
            self.long_paragraph(index).pieces()
        } else {
            1
        }
    }

    /// The lines of piece `piece` of block `index`, laid out if they are
    /// not yet.
    pub fn piece_lines(&mut self, index: usize, piece: usize) -> &[VisualLine] {
        // An empty or blank article has no block to lay out.
        if index >= self.article.blocks.len() {
            return &[];
        }
        if !self.laid_out.contains_key(&(index, piece)) {
            let lines = if self.is_long(index) {
                self.evict_far_from(index, piece, HELD_PIECES - 1);
                let width = block_width(&self.article, index, self.width);
                self.long_paragraph(index);
                match self.long.get_mut(&index) {
                    Some(paragraph) => {
                        paragraph.lines(self.article.block_text(index), width, piece)
                    }
                    None => Vec::new(),
                }
            } else {
                layout_block(&self.article, index, self.width, &self.options)
            };
            self.laid_out.insert((index, piece), lines);
        }
        self.laid_out
            .get(&(index, piece))
            .map_or(&[], Vec::as_slice)
    }

    /// Drop the pieces of long blocks furthest from piece `piece` of block
    /// `index` until at most `keep` are held.
    fn evict_far_from(&mut self, index: usize, piece: usize, keep: usize) {
        let mut held: Vec<(usize, usize)> = self
            .laid_out
            .keys()
            .copied()
            .filter(|&(block, _)| self.is_long(block))
            .collect();
        if held.len() <= keep {
            return;
        }
        let distance = |&(block, p): &(usize, usize)| (block.abs_diff(index), p.abs_diff(piece));
        held.sort_by_key(distance);
        for key in &held[keep..] {
            self.laid_out.remove(key);
        }
    }

    /// The lines of a block already laid out (its first piece, for a long
    /// block), for drawing.
    pub fn cached_lines(&self, index: usize) -> Option<&[VisualLine]> {
        self.laid_out.get(&(index, 0)).map(Vec::as_slice)
    }

    /// The line row `row` shows, if it is laid out; None for the blank row
    /// after a block.
    pub fn cached_line(&self, row: Row) -> Option<&VisualLine> {
        self.laid_out
            .get(&(row.block, row.piece))
            .and_then(|lines| lines.get(row.line))
    }

    /// Laid-out lines held: those of short blocks met so far, and a few
    /// pieces of long ones.
    pub fn held_lines(&self) -> usize {
        self.laid_out.values().map(Vec::len).sum()
    }

    fn block_count(&self) -> usize {
        self.article.blocks.len()
    }

    /// Whether a blank row follows block `index`.
    fn gap_after(&self, index: usize) -> bool {
        index + 1 < self.block_count() && self.article.gap_after(index)
    }

    /// Rows in piece `piece` of block `index`: its lines, and the blank row
    /// after the block in its last piece.
    fn rows_in(&mut self, index: usize, piece: usize) -> usize {
        let gap = self.gap_after(index) && piece + 1 >= self.pieces(index);
        self.piece_lines(index, piece).len() + usize::from(gap)
    }

    fn next_row(&mut self, row: Row) -> Option<Row> {
        if row.line + 1 < self.rows_in(row.block, row.piece) {
            Some(Row {
                line: row.line + 1,
                ..row
            })
        } else if row.piece + 1 < self.pieces(row.block) {
            Some(Row {
                piece: row.piece + 1,
                line: 0,
                ..row
            })
        } else if row.block + 1 < self.block_count() {
            Some(Row {
                block: row.block + 1,
                piece: 0,
                line: 0,
            })
        } else {
            None
        }
    }

    fn previous_row(&mut self, row: Row) -> Option<Row> {
        if row.line > 0 {
            Some(Row {
                line: row.line - 1,
                ..row
            })
        } else if row.piece > 0 {
            let piece = row.piece - 1;
            let line = self.rows_in(row.block, piece).saturating_sub(1);
            Some(Row { piece, line, ..row })
        } else if row.block > 0 {
            let block = row.block - 1;
            let piece = self.pieces(block) - 1;
            let line = self.rows_in(block, piece).saturating_sub(1);
            Some(Row { block, piece, line })
        } else {
            None
        }
    }

    /// The rows on screen, from the top, laying out what they need.
    pub fn visible_rows(&mut self) -> Vec<Row> {
        let mut rows = Vec::with_capacity(self.height);
        if self.block_count() == 0 {
            return rows;
        }
        let mut row = Some(self.top);
        while let Some(r) = row {
            if rows.len() == self.height {
                break;
            }
            rows.push(r);
            row = self.next_row(r);
        }
        rows
    }

    /// Lay out what the screen shows, for drawing (which only reads).
    pub fn prepare(&mut self) {
        self.view = self.visible_rows();
        // Keep the pieces on screen and their neighbours.
        let near = |key: &(usize, usize), view: &[Row]| {
            view.iter()
                .any(|row| row.block == key.0 && row.piece.abs_diff(key.1) <= 1)
        };
        let far: Vec<(usize, usize)> = self
            .laid_out
            .keys()
            .filter(|key| self.is_long(key.0) && !near(key, &self.view))
            .copied()
            .collect();
        for key in far {
            self.laid_out.remove(&key);
        }
    }

    /// The furthest the top may go: the last screenful ends at the last row.
    fn clamp_top(&mut self) {
        if self.block_count() == 0 {
            self.top = Row::default();
            return;
        }
        if self.top.block >= self.block_count() {
            self.top = Row {
                block: self.block_count() - 1,
                piece: 0,
                line: 0,
            };
        }
        self.top.piece = self.top.piece.min(self.pieces(self.top.block) - 1);
        let rows = self.rows_in(self.top.block, self.top.piece);
        self.top.line = self.top.line.min(rows.saturating_sub(1));
        // Rows from the top to the end, counted no further than a screen.
        let mut below = 1;
        let mut row = self.top;
        while below < self.height {
            match self.next_row(row) {
                Some(next) => {
                    row = next;
                    below += 1;
                }
                None => break,
            }
        }
        while below < self.height {
            match self.previous_row(self.top) {
                Some(previous) => {
                    self.top = previous;
                    below += 1;
                }
                None => break,
            }
        }
    }

    pub fn scroll_down(&mut self, rows: usize) {
        for _ in 0..rows {
            match self.next_row(self.top) {
                Some(next) => self.top = next,
                None => break,
            }
        }
        self.clamp_top();
        self.position = self.top_offset();
    }

    pub fn scroll_up(&mut self, rows: usize) {
        for _ in 0..rows {
            match self.previous_row(self.top) {
                Some(previous) => self.top = previous,
                None => break,
            }
        }
        self.position = self.top_offset();
    }

    pub fn to_top(&mut self) {
        self.top = Row::default();
        self.position = 0;
    }

    pub fn to_bottom(&mut self) {
        if self.block_count() > 0 {
            self.top = Row {
                block: self.block_count() - 1,
                piece: usize::MAX,
                line: usize::MAX,
            };
            self.clamp_top();
            self.position = self.top_offset();
        }
    }

    /// The reading position: the logical offset at the top of the screen.
    pub fn offset(&self) -> usize {
        self.position
    }

    /// The logical offset where the top row begins.
    fn top_offset(&self) -> usize {
        let Some(range) = self.article.blocks.get(self.top.block).map(|b| &b.range) else {
            return 0;
        };
        match self.laid_out.get(&(self.top.block, self.top.piece)) {
            Some(lines) => lines
                .get(self.top.line)
                .map_or(range.end, |line| range.start + line.range().start),
            None => range.start,
        }
    }

    /// The row showing logical `offset`: an offset between two blocks is
    /// the blank row after the first (or its last line, when none follows).
    pub fn row_at(&mut self, offset: usize) -> Row {
        let blocks = &self.article.blocks;
        if blocks.is_empty() {
            return Row::default();
        }
        let count = blocks.len();
        let block = blocks
            .partition_point(|b| b.range.end < offset)
            .min(count - 1);
        let range = blocks[block].range.clone();
        let pieces = self.pieces(block);
        let piece = if offset >= range.end {
            pieces - 1
        } else if self.is_long(block) {
            let width = block_width(&self.article, block, self.width);
            let text = self.article.block_text(block);
            match self.long.get_mut(&block) {
                Some(paragraph) => {
                    paragraph.piece_at(text, width, offset.saturating_sub(range.start))
                }
                None => 0,
            }
        } else {
            0
        };
        let gap = self.gap_after(block) && piece + 1 == pieces;
        let lines = self.piece_lines(block, piece);
        let line = if offset >= range.end {
            if gap {
                lines.len()
            } else {
                lines.len().saturating_sub(1)
            }
        } else {
            lines
                .iter()
                .position(|line| range.start + line.range().end > offset)
                .unwrap_or(0)
        };
        Row { block, piece, line }
    }

    /// Scroll so that `offset` shows, about a third of the way down, unless
    /// it is on screen already.
    pub fn reveal(&mut self, offset: usize) {
        let target = self.row_at(offset);
        if self.visible_rows().contains(&target) {
            return;
        }
        self.top = target;
        self.scroll_up(self.height / 3);
        self.clamp_top();
        self.position = self.top_offset();
    }

    /// Start at a saved position.
    pub fn go_to(&mut self, offset: usize) {
        self.top = self.row_at(offset);
        self.clamp_top();
        self.position = offset.min(self.article.text.len());
    }

    /// How far through the article the top of the screen is, in percent.
    pub fn percent(&self) -> usize {
        let len = self.article.text.len();
        if len == 0 {
            return 100;
        }
        (self.offset() * 100 / len).min(100)
    }
}
