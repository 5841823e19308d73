//! Laid-out lines onto the screen, one visual grapheme per cell, with styles
//! that are ranges of logical offsets: the only place where logical ranges
//! meet screen columns. (ratatui's own text widgets would drop zero-width
//! marks or rewrap visual text, so they never see article text.)

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::layout::{LayoutOptions, VisualLine, layout_paragraph};

/// A style for the cells showing a range of logical offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    pub style: Style,
}

/// Draw `line` on row `y` of `area`, aligned as the layout says. `base` is
/// the logical offset of the line's paragraph, so that the line's
/// paragraph-relative offsets meet the article-wide `highlights`; later
/// highlights are patched over earlier ones.
pub fn draw_line(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    line: &VisualLine,
    base: usize,
    style: Style,
    highlights: &[Highlight],
) {
    if y < area.top() || y >= area.bottom() {
        return;
    }
    let width = usize::from(area.width);
    let mut x = area.left() + line.indent(width).min(width) as u16;
    for (grapheme, cell) in line.cells() {
        let cell_width = cell.width() as u16;
        if x + cell_width > area.right() {
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
    draw_line(buf, target, y, line, 0, style, &[]);
    x + target.width
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
        draw_line(buf, area, area.y, line, 0, style, &[]);
    }
}
