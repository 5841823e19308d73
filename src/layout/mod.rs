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
//! `reorder` (5–6). `digits` comes first of all: the digits a right-to-left
//! paragraph shows, converted before the levels, with cells still pointing
//! at the paragraph's own text. This file holds the public types and the
//! driver.
//!
//! This module is pure: no terminal, no I/O.

mod code;
pub use code::layout_code;
mod chars;
pub mod classes;
mod digits;
pub use digits::digit_value;
mod justify;
pub mod levels;
pub use justify::TATWEEL;
mod line;
mod parallel;
pub mod reorder;
pub mod sanitize;
mod shape;
mod shaper;
pub use parallel::{PARALLEL_BYTES, PART_BYTES, write_lines_in_parts, write_lines_parallel};
mod window;
pub use window::LongParagraph;
mod wrap;

use std::ops::Range;

use line::ParagraphStyle;
use shaper::Shaper;
use wrap::LineBuilder;

/// Columns between tab stops, counted from the start of the line.
pub const TAB_STOP: usize = 8;

/// The direction of a paragraph once its base level is resolved. Written
/// `ltr` / `rtl` where it is stored (a bookmark keeps its paragraph's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
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
    /// The digits right-to-left paragraphs show (see `digits.rs`).
    pub digits: Digits,
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
            digits: Digits::Keep,
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

    /// Give the line's buffers back to the engine, for the next line laid
    /// out on this thread: for a caller that writes a line and forgets it.
    pub fn recycle(self) {
        line::recycle(self);
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

/// The direction `text`, one paragraph, is laid out in: `direction` when
/// it is fixed, else its first strong character's (rules P2–P3), left to
/// right when it has none.
pub fn paragraph_direction(text: &str, direction: BaseDirection) -> Direction {
    match direction {
        BaseDirection::Ltr => Direction::Ltr,
        BaseDirection::Rtl => Direction::Rtl,
        BaseDirection::Auto if levels::resolve(text, direction).paragraph_level % 2 == 1 => {
            Direction::Rtl
        }
        BaseDirection::Auto => Direction::Ltr,
    }
}

/// The direction most of the strong characters (letters) of `text` read in,
/// for a fragment whose paragraph is unknown: a Persian sentence that
/// starts with an English word is still right to left. None without letters;
/// a tie goes to the first strong character.
pub fn majority_direction(text: &str) -> Option<Direction> {
    use unicode_bidi::BidiClass::{AL, L, R};
    let (mut ltr, mut rtl, mut first) = (0usize, 0usize, None);
    for c in text.chars() {
        let direction = match unicode_bidi::bidi_class(c) {
            L => Direction::Ltr,
            R | AL => Direction::Rtl,
            _ => continue,
        };
        first.get_or_insert(direction);
        match direction {
            Direction::Ltr => ltr += 1,
            Direction::Rtl => rtl += 1,
        }
    }
    match ltr.cmp(&rtl) {
        std::cmp::Ordering::Greater => Some(Direction::Ltr),
        std::cmp::Ordering::Less => Some(Direction::Rtl),
        std::cmp::Ordering::Equal => first,
    }
}

impl From<Direction> for BaseDirection {
    fn from(direction: Direction) -> Self {
        match direction {
            Direction::Ltr => BaseDirection::Ltr,
            Direction::Rtl => BaseDirection::Rtl,
        }
    }
}

/// Lay out a paragraph (logical text without newlines) at `width` columns.
pub fn layout_paragraph(text: &str, width: usize, options: &LayoutOptions) -> ParagraphLayout {
    layout_paragraph_keeping(text, width, options, &[])
}

/// [`layout_paragraph`], keeping the digits of the byte ranges `keep` (code
/// spans, links that show their address) as written.
pub fn layout_paragraph_keeping(
    text: &str,
    width: usize,
    options: &LayoutOptions,
    keep: &[Range<usize>],
) -> ParagraphLayout {
    let mut lines = Vec::new();
    let direction = layout_lines_keeping(text, width, options, keep, |line| lines.push(line));
    ParagraphLayout { direction, lines }
}

/// [`layout_lines`], keeping the digits of the byte ranges `keep` (code
/// spans, links that show their address) as written.
pub fn layout_lines_keeping(
    text: &str,
    width: usize,
    options: &LayoutOptions,
    keep: &[Range<usize>],
    mut emit: impl FnMut(VisualLine),
) -> Direction {
    match digits::convert(text, options.direction, options.digits, keep) {
        // Only a right-to-left paragraph is converted; digits are weak, so
        // the converted text has the same direction.
        Some(converted) => {
            let options = LayoutOptions {
                direction: BaseDirection::Rtl,
                ..*options
            };
            laid_out(&converted.text, width, &options, |mut line| {
                converted.restore(&mut line);
                emit(line);
            })
        }
        None => laid_out(text, width, options, emit),
    }
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
    layout_lines_keeping(text, width, options, &[], emit)
}

/// The pipeline from the levels on, for text whose digits are as shown.
fn laid_out(
    text: &str,
    width: usize,
    options: &LayoutOptions,
    mut emit: impl FnMut(VisualLine),
) -> Direction {
    let mut memory = MEMORY.with(|m| std::mem::take(&mut *m.borrow_mut()));
    let paragraph_level = levels::resolve_into(
        text,
        options.direction,
        &mut memory.levels_scratch,
        &mut memory.levels,
    );
    let span = Span {
        breaks_from: 0,
        start: 0,
        end: text.len(),
    };
    let direction = lay_out_span(
        text,
        &memory.levels,
        paragraph_level,
        width,
        options,
        span,
        &mut memory.lines,
        |line| {
            emit(line);
            true
        },
    );
    memory.keep();
    direction
}

/// The stretch of a paragraph [`lay_out_span`] lays out: from `start`, a
/// line start, to `end`, where the last line is cut. Break opportunities
/// are found from `breaks_from` (at or before `start`), a place after which
/// they are the paragraph's own: its start, or a space between two letters.
#[derive(Clone, Copy, Debug)]
struct Span {
    breaks_from: usize,
    start: usize,
    end: usize,
}

/// Shape, break and reorder `span` of a paragraph whose levels are known,
/// handing each line to `emit` until it returns false. Offsets stay
/// relative to `text`, the whole paragraph; a line ending before its end
/// is justified (the paragraph's last is not).
#[allow(clippy::too_many_arguments)]
fn lay_out_span(
    text: &str,
    levels: &[u8],
    paragraph_level: u8,
    width: usize,
    options: &LayoutOptions,
    span: Span,
    buffers: &mut wrap::Buffers,
    emit: impl FnMut(VisualLine) -> bool,
) -> Direction {
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
    let done = std::cell::Cell::new(false);
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
        if done.get() {
            return;
        }
        if options.justify == Justify::None {
            done.set(!emit(line));
            return;
        }
        if let Some(mut previous) = held.replace(line) {
            justify::justify_line(&mut previous, text, measure, widen);
            done.set(!emit(previous));
        }
    };
    let mut lines = LineBuilder::new(width, paragraph, std::mem::take(buffers), &mut sink);
    let keep_joiners = !options.shaping && options.order == Order::Logical;
    let mut shaper = Shaper::new(text, levels, options.shaping, keep_joiners);
    let Span {
        breaks_from,
        start: from,
        end: to,
    } = span;
    let mut breaks =
        unicode_linebreak::linebreaks(&text[breaks_from..to]).map(|(at, _)| at + breaks_from);
    let mut next_break = breaks.next().unwrap_or(usize::MAX);
    let mut graphemes = chars::Graphemes::new(&text[..to], from).peekable();
    while !done.get()
        && let Some(grapheme) = graphemes.next()
    {
        let break_before = next_break <= grapheme.start;
        while next_break <= grapheme.start {
            next_break = breaks.next().unwrap_or(usize::MAX);
        }
        let unit = shaper.unit(grapheme, &mut graphemes, lines.shaped(), break_before);
        lines.push(unit);
    }
    *buffers = lines.finish();
    if let Some(mut last) = held.take()
        && !done.get()
    {
        if last.range.end < text.len() {
            justify::justify_line(&mut last, text, measure, widen);
        }
        emit(last);
    }
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
