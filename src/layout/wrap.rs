//! Step 4 of the pipeline: line breaking. Units are filled greedily into
//! lines in logical order, breaking at the last opportunity UAX #14 gives
//! (or inside a word too long for a line); whitespace at the end of a line
//! hangs, taking no room. Each full line goes to the line build.
//!
//! Input: units from the shaper, with break opportunities. Output: lines of
//! units, handed to [`build_line`] and then to the caller.

use super::line::{ParagraphStyle, Scratch, build_line};
use super::shaper::{Unit, UnitKind};
use super::{TAB_STOP, VisualLine};

/// The buffers of a line builder, kept between paragraphs.
#[derive(Default)]
pub(super) struct Buffers {
    units: Vec<Unit>,
    shaped: String,
    scratch: Scratch,
}

/// Greedy line filling in logical order, then reordering of each full line.
pub(super) struct LineBuilder<F> {
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
    /// A builder for lines of `width` columns, filling the buffers of a
    /// previous paragraph (cleared) and handing each line to `emit`.
    pub(super) fn new(width: usize, paragraph: ParagraphStyle, buffers: Buffers, emit: F) -> Self {
        let Buffers {
            mut units,
            mut shaped,
            scratch,
        } = buffers;
        units.clear();
        shaped.clear();
        LineBuilder {
            width: width.max(1),
            paragraph,
            units,
            shaped,
            committed: 0,
            pending: 0,
            word_start: 0,
            emit,
            scratch,
        }
    }

    /// The shaped-text buffer, where the shaper appends each unit's text.
    pub(super) fn shaped(&mut self) -> &mut String {
        &mut self.shaped
    }

    /// Emit what is left as the last line, and give the buffers back.
    pub(super) fn finish(mut self) -> Buffers {
        if !self.units.is_empty() {
            self.flush(self.units.len());
        }
        Buffers {
            units: self.units,
            shaped: self.shaped,
            scratch: self.scratch,
        }
    }

    // Once per grapheme, in the layout loop: inlined there whatever the
    // codegen units (called, it costs about 1% more instructions).
    #[inline(always)]
    pub(super) fn push(&mut self, mut unit: Unit) {
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
