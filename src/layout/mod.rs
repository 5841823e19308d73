//! The layout engine: a paragraph of logical text in, visual terminal lines out.
//!
//! The pipeline runs in the order UAX #9 §3.4 prescribes (see DESIGN.md):
//! sanitize → levels for the whole paragraph → shape, measure and break in
//! logical order → reorder each line (L1–L4, by grapheme) → drop invisible
//! characters → align. Every output cell remembers the logical byte range it
//! came from, so styles, search hits and bookmarks (ranges of logical offsets)
//! can be mapped onto the screen after reordering.
//!
//! One file per stage: `sanitize` (1), `levels` (2), `shaper` with the
//! joining forms of `shape` (3), `wrap` (4), `line` with the rules of
//! `reorder` (5–6). This file holds the public types and the driver.
//!
//! This module is pure: no terminal, no I/O.

mod code;
pub use code::layout_code;
mod chars;
pub mod classes;
mod justify;
pub mod levels;
pub use justify::TATWEEL;
mod line;
pub mod reorder;
pub mod sanitize;
mod shape;
mod shaper;
mod wrap;

use std::ops::Range;

use line::ParagraphStyle;
use shaper::Shaper;
use wrap::LineBuilder;

/// Columns between tab stops, counted from the start of the line.
pub const TAB_STOP: usize = 8;

/// The direction of a paragraph once its base level is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// How the base direction of a paragraph is chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BaseDirection {
    /// From the first strong character (rules P2–P3), LTR if there is none.
    #[default]
    Auto,
    Ltr,
    Rtl,
}

/// The order in which cells come out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Reordered for display: for terminals that draw cells as received.
    #[default]
    Visual,
    /// Logical order, unaligned: for terminals that reorder by themselves.
    Logical,
}

/// How the lines of a paragraph meet its measure (`justify` in the config,
/// `barg render --justify`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Justify {
    /// Ragged: lines as wide as their words.
    #[default]
    None,
    /// Every line but a paragraph's last fills the measure with wider spaces.
    Spaces,
    /// Like `Spaces`, but joining letters are lengthened with tatweel
    /// (U+0640) first, where Persian typesetters put it.
    Kashida,
}

/// Which digits right-to-left paragraphs show (`digits` in the config,
/// `barg render --digits`). Never inside URLs, e-mail addresses, code or
/// left-to-right runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Digits {
    /// As the article writes them.
    #[default]
    Keep,
    /// ۰۱۲۳۴۵۶۷۸۹
    Persian,
    /// 0123456789
    Latin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutOptions {
    pub direction: BaseDirection,
    /// Replace Arabic-script letters with their joined presentation forms.
    pub shaping: bool,
    pub order: Order,
    /// Widen every line but a paragraph's last to the width. Kashida only
    /// in shaped, visual, right-to-left paragraphs; spaces elsewhere.
    pub justify: Justify,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            direction: BaseDirection::Auto,
            shaping: true,
            order: Order::Visual,
            justify: Justify::None,
        }
    }
}

/// One terminal cell (or two, for a wide character): a visual grapheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    start: u32,
    end: u32,
    text_start: u32,
    text_end: u32,
    width: u8,
}

impl Cell {
    /// The logical byte range of the paragraph this cell shows. A lam-alef
    /// ligature covers both letters; the cells of an expanded tab share it.
    pub fn source(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Columns this cell takes: 1, or 2 for a wide character.
    pub fn width(&self) -> usize {
        usize::from(self.width)
    }
}

/// One line of a paragraph, ready to draw from left to right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualLine {
    text: String,
    cells: Vec<Cell>,
    direction: Direction,
    right_aligned: bool,
    range: Range<usize>,
    width: usize,
}

impl VisualLine {
    /// The cells' text, left to right, without alignment.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cells left to right, each with the grapheme it draws.
    pub fn cells(&self) -> impl ExactSizeIterator<Item = (&str, &Cell)> + '_ {
        self.cells.iter().map(|cell| {
            (
                &self.text[cell.text_start as usize..cell.text_end as usize],
                cell,
            )
        })
    }

    /// The paragraph's direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The stretch of the paragraph (logical byte offsets) this line covers,
    /// including hanging whitespace that is not drawn.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// Columns taken by the cells.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Blank columns before the first cell when the line is aligned in a
    /// column of `width`: RTL lines end at the right margin.
    pub fn indent(&self, width: usize) -> usize {
        if self.right_aligned {
            width.saturating_sub(self.width)
        } else {
            0
        }
    }

    /// Append the line, aligned in `width` columns, without trailing spaces.
    pub fn push_aligned(&self, width: usize, out: &mut String) {
        let text = self.text.trim_end_matches(' ');
        if text.is_empty() {
            return;
        }
        out.extend(std::iter::repeat_n(' ', self.indent(width)));
        out.push_str(text);
    }
}

/// A paragraph laid out at one width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParagraphLayout {
    pub direction: Direction,
    pub lines: Vec<VisualLine>,
}

/// Lay out a paragraph (logical text without newlines) at `width` columns.
pub fn layout_paragraph(text: &str, width: usize, options: &LayoutOptions) -> ParagraphLayout {
    let mut lines = Vec::new();
    let direction = layout_lines(text, width, options, |line| lines.push(line));
    ParagraphLayout { direction, lines }
}

/// Lay out a paragraph, handing each line to `emit` as soon as it is done:
/// lines are not held, so a long paragraph costs its levels (a byte per
/// byte of text) and one line. Offsets are relative to `text`; paragraphs
/// must be shorter than 4 GiB.
pub fn layout_lines(
    text: &str,
    width: usize,
    options: &LayoutOptions,
    emit: impl FnMut(VisualLine),
) -> Direction {
    let mut memory = MEMORY.with(|m| std::mem::take(&mut *m.borrow_mut()));
    let paragraph_level = levels::resolve_into(
        text,
        options.direction,
        &mut memory.levels_scratch,
        &mut memory.levels,
    );
    let direction = if paragraph_level % 2 == 1 {
        Direction::Rtl
    } else {
        Direction::Ltr
    };
    let paragraph = ParagraphStyle {
        direction,
        level: paragraph_level,
        order: options.order,
    };
    // Justified, a line waits for the next: the paragraph's last stays ragged.
    let mut emit = emit;
    let mut held: Option<VisualLine> = None;
    let widen = justify::Widen {
        kashida: options.justify == Justify::Kashida
            && options.shaping
            && options.order == Order::Visual
            && direction == Direction::Rtl,
        start_right: options.order == Order::Visual && direction == Direction::Rtl,
    };
    let measure = width.max(1);
    let mut sink = |line: VisualLine| {
        if options.justify == Justify::None {
            return emit(line);
        }
        if let Some(mut previous) = held.replace(line) {
            justify::justify_line(&mut previous, text, measure, widen);
            emit(previous);
        }
    };
    let mut lines = LineBuilder::new(
        width,
        paragraph,
        std::mem::take(&mut memory.lines),
        &mut sink,
    );
    let keep_joiners = !options.shaping && options.order == Order::Logical;
    let mut shaper = Shaper::new(text, &memory.levels, options.shaping, keep_joiners);
    let mut breaks = unicode_linebreak::linebreaks(text).peekable();
    let mut graphemes = chars::graphemes(text).peekable();
    while let Some((start, grapheme)) = graphemes.next() {
        let mut break_before = false;
        while breaks.next_if(|&(at, _)| at <= start).is_some() {
            break_before = true;
        }
        let unit = shaper.unit(
            start,
            grapheme,
            &mut graphemes,
            lines.shaped(),
            break_before,
        );
        lines.push(unit);
    }
    memory.lines = lines.finish();
    if let Some(last) = held.take() {
        emit(last);
    }
    memory.keep();
    direction
}

/// Buffers of one layout, kept per thread for the next paragraph: laying
/// out thousands of paragraphs then costs no allocation per paragraph.
#[derive(Default)]
struct Memory {
    levels: Vec<u8>,
    levels_scratch: levels::Scratch,
    lines: wrap::Buffers,
}

impl Memory {
    /// Keep the buffers for the next paragraph, unless a huge paragraph made
    /// them too big to hold on to.
    fn keep(self) {
        const KEEP_AT_MOST: usize = 1 << 20;
        if self.levels.capacity() <= KEEP_AT_MOST {
            MEMORY.with(|m| *m.borrow_mut() = self);
        }
    }
}

thread_local! {
    static MEMORY: std::cell::RefCell<Memory> = std::cell::RefCell::new(Memory::default());
}
