//! The layout engine: a paragraph of logical text in, visual terminal lines out.
//!
//! The pipeline runs in the order UAX #9 §3.4 prescribes (see DESIGN.md):
//! sanitize → levels for the whole paragraph → shape, measure and break in
//! logical order → reorder each line (L1–L4, by grapheme) → drop invisible
//! characters → align. Every output cell remembers the logical byte range it
//! came from, so styles, search hits and bookmarks (ranges of logical offsets)
//! can be mapped onto the screen after reordering.
//!
//! This module is pure: no terminal, no I/O.

mod code;
pub use code::layout_code;
mod chars;
pub mod levels;
pub mod reorder;
pub mod sanitize;
mod shape;

use std::ops::Range;

use unicode_joining_type::JoiningType;

use reorder::L1Class;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutOptions {
    pub direction: BaseDirection,
    /// Replace Arabic-script letters with their joined presentation forms.
    pub shaping: bool,
    pub order: Order,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            direction: BaseDirection::Auto,
            shaping: true,
            order: Order::Visual,
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
    memory.units.clear();
    memory.shaped.clear();
    let mut lines = LineBuilder {
        width: width.max(1),
        paragraph: ParagraphStyle {
            direction,
            level: paragraph_level,
            order: options.order,
        },
        units: std::mem::take(&mut memory.units),
        shaped: std::mem::take(&mut memory.shaped),
        committed: 0,
        pending: 0,
        word_start: 0,
        emit,
        scratch: std::mem::take(&mut memory.scratch),
    };
    let mut shaper = Shaper {
        text,
        levels: &memory.levels,
        previous: None,
        shaping: options.shaping,
        keep_joiners: !options.shaping && options.order == Order::Logical,
    };
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
            &mut lines.shaped,
            break_before,
        );
        lines.push(unit);
    }
    lines.finish();
    memory.units = lines.units;
    memory.shaped = lines.shaped;
    memory.scratch = lines.scratch;
    memory.keep();
    direction
}

/// Buffers of one layout, kept per thread for the next paragraph: laying
/// out thousands of paragraphs then costs no allocation per paragraph.
#[derive(Default)]
struct Memory {
    levels: Vec<u8>,
    levels_scratch: levels::Scratch,
    units: Vec<Unit>,
    shaped: String,
    scratch: Scratch,
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

/// A grapheme of the paragraph, shaped, in logical order.
#[derive(Clone, Copy, Debug)]
struct Unit {
    start: u32,
    end: u32,
    out_start: u32,
    out_end: u32,
    width: u16,
    level: u8,
    kind: UnitKind,
    break_before: bool,
    /// Some character has a mirrored glyph (L4), at an odd level.
    mirrors: bool,
    /// What rule L1 sees: a dropped direction mark (LRM, RLM, ALM) is a
    /// strong character, not whitespace, so a space before it does not hang.
    l1: L1Class,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    Visible,
    /// Whitespace: hangs at the end of a line, taking no room there.
    Space,
    Tab,
    /// Nothing to draw: controls, bidi formatting, joiners.
    Dropped,
}

impl Unit {
    /// Whitespace (and what goes with it) at the end of a line is not drawn.
    fn hangs(&self) -> bool {
        self.l1 != L1Class::Other
    }
}

/// Shapes graphemes one after another, remembering the previous joining letter.
struct Shaper<'a> {
    text: &'a str,
    levels: &'a [u8],
    /// The last non-transparent character: its joining type and level.
    previous: Option<(JoiningType, u8)>,
    shaping: bool,
    /// Unshaped logical text is for a terminal that shapes it itself and
    /// needs the joiners (ZWNJ keeps "کتاب‌ها" apart) after their letters.
    keep_joiners: bool,
}

impl Shaper<'_> {
    fn unit<'t>(
        &mut self,
        start: usize,
        grapheme: &'t str,
        graphemes: &mut std::iter::Peekable<impl Iterator<Item = (usize, &'t str)>>,
        out: &mut String,
        break_before: bool,
    ) -> Unit {
        let out_start = out.len();
        let mut end = start + grapheme.len();
        let mut first_drawn = None;
        let mut absorb_alef = None;
        let next_start = graphemes.peek().map(|&(at, _)| at);
        for (offset, c) in grapheme.char_indices() {
            let pos = start + offset;
            let drawn = if self.shaping {
                match self.shape(c, pos, next_start) {
                    Shaped::Char(s) => s,
                    Shaped::LamAlef(ligature, alef_at) => {
                        absorb_alef = Some(alef_at);
                        ligature
                    }
                }
            } else {
                c
            };
            if !sanitize::is_dropped(c) {
                first_drawn.get_or_insert(pos);
                out.push(drawn);
            } else if self.keep_joiners && offset > 0 && matches!(c, '\u{200C}' | '\u{200D}') {
                out.push(c);
            }
        }
        // The alef of a lam-alef ligature is the next grapheme: fold it into
        // this cell, keeping its marks.
        if let Some(alef_at) = absorb_alef
            && let Some((alef_start, next)) = graphemes.next_if(|&(at, _)| at == alef_at)
        {
            let alef_len = next.chars().next().map_or(0, char::len_utf8);
            for c in next[alef_len..].chars() {
                if !sanitize::is_dropped(c) {
                    out.push(c);
                }
            }
            end = alef_start + next.len();
        }

        let mut unit = Unit {
            start: start as u32,
            end: end as u32,
            out_start: out_start as u32,
            out_end: out.len() as u32,
            width: 0,
            level: 0,
            kind: UnitKind::Dropped,
            break_before,
            mirrors: false,
            l1: grapheme
                .chars()
                .next()
                .map_or(L1Class::Whitespace, |c| L1Class::of(chars::bidi_class(c))),
        };
        let Some(first) = first_drawn else {
            return unit;
        };
        let drawn = chars::grapheme_info(&out[out_start..]);
        let kind = if out[out_start..].starts_with('\t') {
            UnitKind::Tab
        } else if drawn.whitespace {
            UnitKind::Space
        } else {
            UnitKind::Visible
        };
        let mut width = drawn.width;
        if width == 0 && kind == UnitKind::Visible {
            // A mark with no base (or another zero-width grapheme) still gets
            // a cell of its own, on a space, so no terminal puts it elsewhere.
            out.insert(out_start, ' ');
            width = 1;
        }
        unit.out_end = out.len() as u32;
        unit.width = width.min(2) as u16;
        unit.level = self.levels[first];
        unit.kind = kind;
        unit.mirrors = drawn.mirrors;
        unit.l1 = match kind {
            UnitKind::Visible => L1Class::Other,
            UnitKind::Space => L1Class::Whitespace,
            UnitKind::Tab => L1Class::Separator,
            UnitKind::Dropped => unit.l1,
        };
        unit
    }

    /// The form of `c` at `pos`, updating the joining state. A lam-alef
    /// ligature needs the alef right after the lam, beginning the next
    /// grapheme at `next_start`: a mark on the lam keeps the two letters
    /// apart, as in FriBidi, so every mark stays on its own letter.
    fn shape(&mut self, c: char, pos: usize, next_start: Option<usize>) -> Shaped {
        let joining = shape::joining_type(c);
        if joining == JoiningType::Transparent {
            return Shaped::Char(c);
        }
        let level = self.levels[pos];
        let joins_previous = shape::joins_backward(joining)
            && self
                .previous
                .is_some_and(|(t, l)| shape::joins_forward(t) && l == level);
        self.previous = Some((joining, level));
        if joining == JoiningType::NonJoining || joining == JoiningType::JoinCausing {
            return Shaped::Char(c);
        }
        let next = self.next_joining(pos + c.len_utf8(), level);
        if c == shape::LAM
            && let Some((alef, alef_at)) = next
            && alef_at == pos + c.len_utf8()
            && next_start == Some(alef_at)
            && let Some(ligature) = shape::lam_alef(alef, joins_previous)
        {
            // The alef ends the join: nothing after it connects to the ligature.
            self.previous = Some((JoiningType::RightJoining, level));
            return Shaped::LamAlef(ligature, alef_at);
        }
        let joins_next = shape::joins_forward(joining)
            && next.is_some_and(|(n, _)| shape::joins_backward(shape::joining_type(n)));
        Shaped::Char(shape::shaped(c, joins_previous, joins_next))
    }

    /// The next non-transparent character after `from`, if it is at `level`.
    fn next_joining(&self, from: usize, level: u8) -> Option<(char, usize)> {
        let (offset, c) = self.text[from..]
            .char_indices()
            .find(|&(_, c)| shape::joining_type(c) != JoiningType::Transparent)?;
        let at = from + offset;
        (self.levels[at] == level).then_some((c, at))
    }
}

enum Shaped {
    Char(char),
    /// A lam-alef ligature, and the offset of the alef it swallows.
    LamAlef(char, usize),
}

/// Reusable buffers for reordering a line.
#[derive(Default)]
struct Scratch {
    levels: Vec<u8>,
    classes: Vec<L1Class>,
    drawn: Vec<usize>,
    drawn_levels: Vec<u8>,
    order: Vec<usize>,
}

/// Greedy line filling in logical order, then reordering of each full line.
struct LineBuilder<F> {
    width: usize,
    paragraph: ParagraphStyle,
    /// Units of the line being filled, with their shaped text in `shaped`.
    units: Vec<Unit>,
    shaped: String,
    /// Width up to the end of the last visible unit.
    committed: usize,
    /// Width of the whitespace after it, which hangs if the line ends here.
    pending: usize,
    /// Where the word being filled began: the last break opportunity.
    word_start: usize,
    emit: F,
    scratch: Scratch,
}

impl<F: FnMut(VisualLine)> LineBuilder<F> {
    fn push(&mut self, mut unit: Unit) {
        if unit.break_before {
            self.word_start = self.units.len();
        }
        match unit.kind {
            UnitKind::Dropped if unit.hangs() => {}
            UnitKind::Space => self.pending += usize::from(unit.width),
            UnitKind::Tab => {
                unit.width = self.tab_width() as u16;
                self.pending += usize::from(unit.width);
            }
            // Visible, or an invisible direction mark that keeps the
            // whitespace before it on the line, as any letter would.
            UnitKind::Visible | UnitKind::Dropped => {
                let width = usize::from(unit.width);
                // Break at the last opportunity; if the word carried over is
                // still too long with this unit, break inside it.
                while self.committed + self.pending + width > self.width
                    && self.committed + self.pending > 0
                {
                    let cut = if self.word_start > 0 {
                        self.word_start
                    } else {
                        self.units.len()
                    };
                    // This unit's text is already in `shaped`, which moves.
                    let shift = self.flush(cut) as u32;
                    unit.out_start -= shift;
                    unit.out_end -= shift;
                }
                self.committed += self.pending + width;
                self.pending = 0;
            }
        }
        self.units.push(unit);
    }

    fn tab_width(&self) -> usize {
        TAB_STOP - (self.committed + self.pending) % TAB_STOP
    }

    fn finish(&mut self) {
        if !self.units.is_empty() {
            self.flush(self.units.len());
        }
    }

    /// Emit `units[..cut]` as a line; the rest begins the next one. Returns
    /// how many bytes of `shaped` went with the line.
    fn flush(&mut self, cut: usize) -> usize {
        let line = build_line(
            &self.units[..cut],
            &self.shaped,
            &mut self.scratch,
            self.paragraph,
        );
        (self.emit)(line);
        // `shaped` may already hold the text of a unit not yet pushed.
        let shift = match self.units.get(cut) {
            Some(next) => next.out_start as usize,
            None => self.units[..cut].last().map_or(0, |u| u.out_end as usize),
        };
        self.units.drain(..cut);
        self.shaped.drain(..shift);
        self.word_start = 0;
        self.committed = 0;
        self.pending = 0;
        for unit in &mut self.units {
            unit.out_start -= shift as u32;
            unit.out_end -= shift as u32;
        }
        // Re-measure the carried-over word on its new line.
        for i in 0..self.units.len() {
            let unit = self.units[i];
            match unit.kind {
                UnitKind::Dropped if unit.hangs() => {}
                UnitKind::Space => self.pending += usize::from(unit.width),
                UnitKind::Tab => {
                    let width = self.tab_width();
                    self.units[i].width = width as u16;
                    self.pending += width;
                }
                UnitKind::Visible | UnitKind::Dropped => {
                    self.committed += self.pending + usize::from(unit.width);
                    self.pending = 0;
                }
            }
        }
        shift
    }
}

/// What every line of a paragraph shares.
#[derive(Clone, Copy, Debug)]
struct ParagraphStyle {
    direction: Direction,
    level: u8,
    order: Order,
}

/// Reorder, mirror and measure one line of units (L1–L4), dropping what is
/// not drawn.
fn build_line(
    units: &[Unit],
    shaped: &str,
    scratch: &mut Scratch,
    paragraph: ParagraphStyle,
) -> VisualLine {
    {
        let range = units.first().map_or(0, |u| u.start as usize)
            ..units.last().map_or(0, |u| u.end as usize);
        let visual = paragraph.order == Order::Visual;
        // Whitespace hanging at the end of the line is not drawn.
        let drawn_len = units.iter().rposition(|u| !u.hangs()).map_or(0, |i| i + 1);
        let units = &units[..drawn_len];

        scratch.levels.clear();
        scratch.levels.extend(units.iter().map(|u| u.level));
        scratch.classes.clear();
        scratch.classes.extend(units.iter().map(|u| u.l1));
        if visual {
            reorder::reset_whitespace(&mut scratch.levels, &scratch.classes, paragraph.level);
        }
        scratch.drawn.clear();
        scratch
            .drawn
            .extend((0..units.len()).filter(|&i| units[i].kind != UnitKind::Dropped));
        scratch.drawn_levels.clear();
        scratch
            .drawn_levels
            .extend(scratch.drawn.iter().map(|&i| scratch.levels[i]));
        if visual {
            reorder::visual_order(&scratch.drawn_levels, &mut scratch.order);
        } else {
            scratch.order.clear();
            scratch.order.extend(0..scratch.drawn.len());
        }

        let mut text = String::with_capacity(shaped.len());
        let mut cells = Vec::with_capacity(scratch.order.len());
        let mut width = 0;
        for &k in &scratch.order {
            let i = scratch.drawn[k];
            let unit = &units[i];
            let mut cell = Cell {
                start: unit.start,
                end: unit.end,
                text_start: 0,
                text_end: 0,
                width: unit.width as u8,
            };
            if unit.kind == UnitKind::Tab {
                cell.width = 1;
                for _ in 0..unit.width {
                    cell.text_start = text.len() as u32;
                    text.push(' ');
                    cell.text_end = text.len() as u32;
                    cells.push(cell.clone());
                }
                width += usize::from(unit.width);
                continue;
            }
            cell.text_start = text.len() as u32;
            let graphemes = &shaped[unit.out_start as usize..unit.out_end as usize];
            if visual && unit.mirrors && scratch.levels[i] % 2 == 1 {
                // L4: mirrored glyphs at odd levels.
                text.extend(graphemes.chars().map(|c| chars::mirrored(c).unwrap_or(c)));
            } else {
                text.push_str(graphemes);
            }
            cell.text_end = text.len() as u32;
            width += usize::from(unit.width);
            cells.push(cell);
        }
        VisualLine {
            text,
            cells,
            direction: paragraph.direction,
            right_aligned: visual && paragraph.direction == Direction::Rtl,
            range,
            width,
        }
    }
}
