//! Step 5 of the pipeline: the line build. One line of units is reordered
//! (UAX #9 L1–L2, by grapheme, so L3 holds), mirrored (L4), stripped of
//! what is not drawn, and written out as cells from left to right.
//!
//! Input: a line's units and the shaped text they point into. Output: a
//! [`VisualLine`].

use super::reorder::{self, L1Class};
use super::shaper::{Unit, UnitKind};
use super::{Cell, Direction, Order, VisualLine, chars};

/// Reusable buffers for reordering a line.
#[derive(Default)]
pub(super) struct Scratch {
    levels: Vec<u8>,
    classes: Vec<L1Class>,
    drawn: Vec<usize>,
    drawn_levels: Vec<u8>,
    order: Vec<usize>,
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
