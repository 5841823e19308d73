//! Laid-out lines onto the screen, one visual grapheme per cell, with styles
//! that are ranges of logical offsets: the only place where logical ranges
//! meet screen columns. (ratatui's own text widgets would drop zero-width
//! marks or rewrap visual text, so they never see article text.)

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::layout::{Direction, LayoutOptions, Order, VisualLine, layout_paragraph};

/// A style for the cells showing a range of logical offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    pub style: Style,
}

/// The one-row strip of `area` at `y`.
pub fn row_at(area: Rect, y: u16) -> Rect {
    Rect {
        y,
        height: 1,
        ..area
    }
}

/// Draw `line` on the one-row `row`. In visual order (barg reorders) the
/// line is aligned in the row as the layout says; in logical order (the
/// terminal reorders) it starts at the row's left and the row is marked as
/// one piece of text in the line's direction, which the terminal then aligns
/// (see `mark_piece`). `base` is the logical offset of the line's
/// paragraph, so that the line's paragraph-relative offsets meet the
/// article-wide `highlights`; later highlights are patched over earlier ones.
pub fn draw_line(
    buf: &mut Buffer,
    row: Rect,
    line: &VisualLine,
    base: usize,
    style: Style,
    highlights: &[Highlight],
    order: Order,
) {
    let row = row.intersection(buf.area);
    if row.is_empty() {
        return;
    }
    let y = row.y;
    let width = usize::from(row.width);
    let indent = match order {
        Order::Visual => line.indent(width).min(width),
        Order::Logical => 0,
    };
    let mut x = row.left() + indent as u16;
    for (grapheme, cell) in line.cells() {
        let cell_width = cell.width() as u16;
        if x + cell_width > row.right() {
            break;
        }
        let source = cell.source();
        let source = base + source.start..base + source.end;
        let mut cell_style = style;
        for highlight in highlights {
            if highlight.range.start < source.end && source.start < highlight.range.end {
                cell_style = cell_style.patch(highlight.style);
            }
        }
        if let Some(target) = buf.cell_mut((x, y)) {
            target.set_symbol(grapheme).set_style(cell_style);
        }
        // The column a wide character also covers is left to it.
        for extra in 1..cell_width {
            if let Some(target) = buf.cell_mut((x + extra, y)) {
                target.reset();
                target.set_symbol("").set_style(cell_style);
            }
        }
        x += cell_width;
    }
    if order == Order::Logical {
        mark_piece(buf, row, line.direction());
    }
}

/// Left-to-right mark: every row starts with one.
pub const LRM: char = '\u{200E}';
/// Left-to-right embedding: opens a left-to-right piece.
pub const LRE: char = '\u{202A}';
/// Right-to-left embedding: opens a right-to-left piece.
pub const RLE: char = '\u{202B}';
/// Pop directional formatting: closes a piece.
pub const PDF: char = '\u{202C}';

/// Mark the cells of `row` as one piece of text in `direction`, for a
/// terminal that runs the bidi algorithm on every screen row (Konsole, macOS
/// Terminal, mlterm with its bidi on), so that it shows each piece where
/// barg put it and reads it in its own direction:
///
/// - every row is a left-to-right paragraph: an LRM comes first, as Konsole
///   assumes anyway and a terminal that guesses from the first strong letter
///   then also does; so pieces side by side (a list and a preview, a title
///   and a percentage) stay in their columns;
/// - the piece is embedded in its direction, LRE or RLE ... PDF, across the
///   whole row: a right-to-left line ends at the row's right edge and reads
///   right to left even when it starts with an English word;
/// - an LRM after the PDF keeps the digits and spaces after the piece out of
///   its run (a Persian title would otherwise pull "0%" into it).
///
/// Embeddings, not isolates: mlterm 3.9 gives each isolate a column of its
/// own. The marks are zero-width, and ratatui writes a cell's symbol as it
/// is, but a terminal hangs a zero-width character on the cell *before* the
/// cursor (Konsole drops one at column 0): so each mark rides at the end of
/// the symbol of the cell before it, and only at column 0 at the front.
fn mark_piece(buf: &mut Buffer, row: Rect, direction: Direction) {
    let opener = match direction {
        Direction::Ltr => LRE,
        Direction::Rtl => RLE,
    };
    let (first, y) = (buf.area.left(), row.y);
    if row.left() == first {
        prepend(buf, first, y, &[LRM, opener]);
    } else {
        if !buf
            .cell((first, y))
            .is_some_and(|c| c.symbol().contains(LRM))
        {
            append(buf, first, y, &[LRM]);
        }
        append(buf, row.left() - 1, y, &[opener]);
    }
    append(buf, row.right() - 1, y, &[PDF, LRM]);
}

/// The cell that draws column `x` of row `y`: the cell itself, or the wide
/// character whose second column it is (ratatui never writes that one).
fn drawn_cell(buf: &Buffer, mut x: u16, y: u16) -> u16 {
    while x > buf.area.left() && buf.cell((x, y)).is_some_and(|c| c.symbol().is_empty()) {
        x -= 1;
    }
    x
}

fn append(buf: &mut Buffer, x: u16, y: u16, marks: &[char]) {
    let x = drawn_cell(buf, x, y);
    if let Some(cell) = buf.cell_mut((x, y)) {
        let mut symbol = cell.symbol().to_string();
        symbol.extend(marks);
        cell.set_symbol(&symbol);
    }
}

fn prepend(buf: &mut Buffer, x: u16, y: u16, marks: &[char]) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        let mut symbol: String = marks.iter().collect();
        symbol.push_str(cell.symbol());
        cell.set_symbol(&symbol);
    }
}

/// Write one line of `text` (a label, a message, a file name) at (x, y),
/// laid out by the engine like everything else, so that a name with Persian
/// in it reads right and no control character reaches the terminal; cut at
/// the edge of `area`. Returns the column after it.
pub fn draw_text(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    text: &str,
    style: Style,
    options: &LayoutOptions,
) -> u16 {
    if y < area.top() || y >= area.bottom() || x >= area.right() || text.is_empty() {
        return x;
    }
    let room = area.right() - x;
    let layout = layout_paragraph(text, usize::from(room), options);
    let Some(line) = layout.lines.first() else {
        return x;
    };
    let target = Rect::new(x, y, line.width().min(usize::from(room)) as u16, 1);
    draw_line(buf, target, line, 0, style, &[], options.order);
    // A line leaves out the spaces at its end; a label such as "filter: "
    // keeps them, so that what is drawn after it stands apart.
    let trailing = text.len() - text.trim_end_matches(' ').len();
    let whole = line.range().end >= text.trim_end_matches(' ').len();
    let trailing = if whole { trailing } else { 0 };
    (x + target.width)
        .saturating_add(trailing as u16)
        .min(area.right())
}

/// Draw the first line of `title` in the one-row `area`, aligned in it as
/// its direction says: a Persian title ends at the right of its column.
pub fn draw_title(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    style: Style,
    options: &LayoutOptions,
) {
    let layout = layout_paragraph(title, usize::from(area.width.max(1)), options);
    if let Some(line) = layout.lines.first() {
        draw_line(
            buf,
            row_at(area, area.y),
            line,
            0,
            style,
            &[],
            options.order,
        );
    }
}
