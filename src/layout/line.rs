//! Step 5 of the pipeline: the line build. One line of units is reordered
//! (UAX #9 L1–L2, by grapheme, so L3 holds), mirrored (L4), stripped of
//! what is not drawn, and written out as cells from left to right.
//!
//! Input: a line's units and the shaped text they point into. Output: a
//! [`VisualLine`].

use super::reorder;
use super::shaper::{Unit, UnitKind};
use super::{Cell, Direction, Order, VisualLine, chars};

/// Reusable buffers for reordering a line.
#[derive(Default)]
pub(super) struct Scratch {
    levels: Vec<u8>,
    drawn: Vec<usize>,
    drawn_levels: Vec<u8>,
    order: Vec<usize>,
}

thread_local! {
    /// The buffers of a line given back by [`recycle`], for the next line.
    static SPARE: std::cell::Cell<Option<(String, Vec<Cell>)>> = const { std::cell::Cell::new(None) };
}

/// Give the buffers of a line that is done with back, so that the next line
/// built on this thread needs no allocation (`barg render` writes a line
/// and forgets it).
pub(super) fn recycle(line: VisualLine) {
    const KEEP_AT_MOST: usize = 1 << 16;
    let VisualLine {
        mut text,
        mut cells,
        ..
    } = line;
    if text.capacity() <= KEEP_AT_MOST && cells.capacity() <= KEEP_AT_MOST {
        text.clear();
        cells.clear();
        let _ = SPARE.try_with(|spare| spare.set(Some((text, cells))));
    }
}

/// What every line of a paragraph shares.
#[derive(Clone, Copy, Debug)]
pub(super) struct ParagraphStyle {
    pub(super) direction: Direction,
    pub(super) level: u8,
    pub(super) order: Order,
}

/// Reorder, mirror and measure one line of units (L1–L4), dropping what is
/// not drawn.
pub(super) fn build_line(
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

        // One pass: the levels, and whether every unit is drawn (most lines).
        scratch.levels.clear();
        let mut all_drawn = true;
        scratch.levels.extend(units.iter().map(|u| {
            all_drawn &= u.kind != UnitKind::Dropped;
            u.level
        }));
        if visual {
            reorder::reset_whitespace_of(
                &mut scratch.levels,
                units.iter().map(|u| u.l1),
                paragraph.level,
            );
        }
        // Most lines draw every unit: then the drawn units are the units.
        scratch.drawn.clear();
        scratch.drawn_levels.clear();
        if !all_drawn {
            scratch
                .drawn
                .extend((0..units.len()).filter(|&i| units[i].kind != UnitKind::Dropped));
            scratch
                .drawn_levels
                .extend(scratch.drawn.iter().map(|&i| scratch.levels[i]));
        }
        let drawn_levels = if all_drawn {
            &scratch.levels
        } else {
            &scratch.drawn_levels
        };
        if visual {
            reorder::visual_order(drawn_levels, &mut scratch.order);
        } else {
            scratch.order.clear();
            scratch.order.extend(0..drawn_levels.len());
        }

        let (mut text, mut cells) = SPARE
            .try_with(|spare| spare.take())
            .ok()
            .flatten()
            .unwrap_or_default();
        text.reserve(shaped.len());
        cells.reserve(scratch.order.len());
        let mut width = 0;
        for &k in &scratch.order {
            let i = if all_drawn { k } else { scratch.drawn[k] };
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
                // Most cells are one letter of two or three bytes: copied
                // with a known length, the copy needs no call to memcpy.
                match graphemes.len() {
                    2 => text.push_str(&graphemes[..2]),
                    3 => text.push_str(&graphemes[..3]),
                    _ => text.push_str(graphemes),
                }
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

#[cfg(test)]
mod tests {
    use super::super::{LayoutOptions, layout_paragraph};

    #[test]
    fn a_recycled_line_leaves_nothing_in_the_next() {
        let options = LayoutOptions::default();
        let text = "سلام دنیا، این (یک) متن بلند است با 123 و abc";
        let first = layout_paragraph(text, 12, &options);
        for line in first.lines.clone() {
            line.recycle();
        }
        assert_eq!(layout_paragraph(text, 12, &options), first);
        for line in first.lines.clone() {
            line.recycle();
        }
        let short = layout_paragraph("ab", 12, &options);
        assert_eq!(short.lines.len(), 1);
        assert_eq!(short.lines[0].text(), "ab");
        assert_eq!(short.lines[0].cells().len(), 2);
    }
}
