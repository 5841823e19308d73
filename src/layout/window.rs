//! A long paragraph laid out a window at a time: its levels once (a byte
//! per byte of text), then shaping, breaking and reordering only for the
//! piece asked for, so a 50 MB paragraph costs its levels and a screenful.
//!
//! The paragraph is cut into pieces at checkpoints: every ~32 KB, a space
//! between two letters (the same at every width; nothing joins across it
//! and the break opportunities after it are the paragraph's own). Greedy
//! breaking from a line start gives the same lines whatever came before,
//! and breakings begun at two places meet (share a line start, and from
//! there every line) after some lines: a few hundred at 80 columns. So
//! piece k starts at the first line start at or after checkpoint k that
//! the breakings begun at checkpoints k-1-LEAD and k-LEAD share, and ends
//! where piece k+1 starts; it is broken from its own start, which is a
//! line start of both. Near the paragraph's start both breakings are the
//! paragraph's own; further on they have had LEAD pieces to meet it, so
//! the pieces together are [`super::layout_paragraph`]'s lines wherever the
//! breakings met. Where they do not meet within a piece (text that repeats
//! with the period of a line), the piece starts at its checkpoint and the
//! line before is cut short there. Each start depends only on the text
//! around two checkpoints, so any piece can be laid out alone, and the
//! same piece always gets the same lines.

use std::fmt;
use std::ops::Range;

use super::{
    BaseDirection, Direction, Justify, LayoutOptions, Span, VisualLine, chars, digits,
    lay_out_span, levels, wrap,
};

/// Bytes between checkpoints, about.
const PIECE: usize = 32 << 10;
/// Pieces back from which the breakings that find a piece's start begin.
const LEAD: usize = 3;
/// How far past a checkpoint a checkpoint is looked for.
const LOOK_FOR_CHECKPOINT: usize = 4 * PIECE;

/// A paragraph whose levels are resolved, laid out a piece at a time.
/// Every method taking `text` must be given the same text as `new`.
pub struct LongParagraph {
    /// The text with its digits converted, when the options convert some.
    converted: Option<digits::Converted>,
    levels: Vec<u8>,
    paragraph_level: u8,
    options: LayoutOptions,
    /// Offsets in the laid-out text where pieces may start; the first is 0.
    checkpoints: Vec<usize>,
    /// The width the cached piece starts are for.
    width: usize,
    /// Where each piece starts at `width` (laid-out text), once found.
    starts: Vec<Option<usize>>,
    buffers: wrap::Buffers,
}

impl fmt::Debug for LongParagraph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LongParagraph")
            .field("bytes", &self.levels.len())
            .field("pieces", &self.checkpoints.len())
            .field("width", &self.width)
            .finish_non_exhaustive()
    }
}

impl LongParagraph {
    /// Resolve the levels of `text`, one paragraph, and find its pieces;
    /// `keep` are byte ranges whose digits stay as written.
    pub fn new(text: &str, options: &LayoutOptions, keep: &[Range<usize>]) -> LongParagraph {
        let (converted, options, levels, paragraph_level) = prepare(text, options, keep);
        let shown = converted.as_ref().map_or(text, |c| c.text.as_str());
        let checkpoints = checkpoints(shown);
        LongParagraph {
            starts: vec![None; checkpoints.len()],
            checkpoints,
            converted,
            levels,
            paragraph_level,
            options,
            width: 0,
            buffers: wrap::Buffers::default(),
        }
    }

    pub fn direction(&self) -> Direction {
        if self.paragraph_level % 2 == 1 {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// How many pieces the paragraph is laid out in (the same at every
    /// width); each has at least one line.
    pub fn pieces(&self) -> usize {
        self.checkpoints.len()
    }

    /// Justify the lines another way from now on.
    pub fn set_justify(&mut self, justify: Justify) {
        self.options.justify = justify;
    }

    /// The lines of piece `piece` at `width`, with offsets relative to
    /// `text` (the paragraph as written).
    pub fn lines(&mut self, text: &str, width: usize, piece: usize) -> Vec<VisualLine> {
        let piece = piece.min(self.pieces() - 1);
        let end = match piece + 1 < self.pieces() {
            true => self.start(text, width, piece + 1),
            false => self.shown(text).len(),
        };
        let start = self.start(text, width, piece);
        let mut lines = Vec::new();
        // `start` is a line start of the lines broken from before it, so
        // breaking from it gives them: the piece is laid out alone.
        let span = Span {
            breaks_from: self.checkpoints[piece],
            start,
            end,
        };
        let options = self.options;
        self.lay_out(text, width, &options, span, |line| {
            lines.push(line);
            true
        });
        if let Some(converted) = &self.converted {
            for line in &mut lines {
                converted.restore(line);
            }
        }
        lines
    }

    /// The piece holding offset `at` of `text` at `width`.
    pub fn piece_at(&mut self, text: &str, width: usize, at: usize) -> usize {
        let piece = self
            .checkpoints
            .partition_point(|&c| self.original(c) <= at)
            .saturating_sub(1);
        if piece > 0 && {
            let start = self.start(text, width, piece);
            at < self.original(start)
        } {
            piece - 1
        } else {
            piece
        }
    }

    /// The paragraph's offset for offset `at` of the laid-out text.
    fn original(&self, at: usize) -> usize {
        self.converted.as_ref().map_or(at, |c| c.original(at))
    }

    fn shown<'a>(&'a self, text: &'a str) -> &'a str {
        self.converted.as_ref().map_or(text, |c| c.text.as_str())
    }

    fn lay_out(
        &mut self,
        text: &str,
        width: usize,
        options: &LayoutOptions,
        span: Span,
        emit: impl FnMut(VisualLine) -> bool,
    ) {
        let shown = self.converted.as_ref().map_or(text, |c| c.text.as_str());
        lay_out_span(
            shown,
            &self.levels,
            self.paragraph_level,
            width,
            options,
            span,
            &mut self.buffers,
            emit,
        );
    }

    /// Where piece `piece` starts at `width`, in the laid-out text: where
    /// the lines broken from the checkpoint before meet those broken from
    /// its own, or its checkpoint when they do not meet.
    fn start(&mut self, text: &str, width: usize, piece: usize) -> usize {
        if width != self.width {
            self.width = width;
            self.starts.iter_mut().for_each(|s| *s = None);
        }
        if piece == 0 {
            return 0;
        }
        if let Some(start) = self.starts[piece] {
            return start;
        }
        let checkpoint = self.checkpoints[piece];
        // The breakings compared start LEAD pieces back: by the checkpoint
        // they have usually met the paragraph's own lines (two breakings
        // from different places meet only after a few hundred lines at 80
        // columns), and near the start they are the paragraph's own.
        let own = self.checkpoints[piece.saturating_sub(LEAD)];
        let before = self.checkpoints[(piece - 1).saturating_sub(LEAD)];
        let end = match self.checkpoints.get(piece + 1) {
            Some(&next) => next,
            None => self.shown(text).len(),
        };
        // Breaks do not depend on justification.
        let options = LayoutOptions {
            justify: Justify::None,
            ..self.options
        };
        // The line starts from this piece's checkpoint to the next, then
        // those from the checkpoint before until one of them is met.
        let mut after = Vec::new();
        let span = Span {
            breaks_from: own,
            start: own,
            end,
        };
        self.lay_out(text, width, &options, span, |line| {
            if line.range.start >= checkpoint {
                after.push(line.range.start);
            }
            true
        });
        let mut start = checkpoint;
        let span = Span {
            breaks_from: before,
            start: before,
            end,
        };
        let shown = self.converted.as_ref().map_or(text, |c| c.text.as_str());
        let after_space = |at: usize| shown[..at].ends_with(|c: char| c.is_whitespace());
        let mut meet = None;
        lay_out_span(
            shown,
            &self.levels,
            self.paragraph_level,
            width,
            &options,
            span,
            &mut self.buffers,
            |line| {
                let at = line.range.start;
                if at >= checkpoint && after.binary_search(&at).is_ok() && after_space(at) {
                    meet = Some(at);
                }
                meet.is_none()
            },
        );
        if let Some(at) = meet {
            start = at;
        }
        self.starts[piece] = Some(start);
        start
    }
}

/// A whole paragraph made ready to be laid out in pieces: its digits
/// converted (when the options convert some), the options it is laid out
/// with (a converted paragraph is right to left: digits are weak), its
/// levels and its paragraph level.
pub(super) fn prepare(
    text: &str,
    options: &LayoutOptions,
    keep: &[Range<usize>],
) -> (Option<digits::Converted>, LayoutOptions, Vec<u8>, u8) {
    let converted = digits::convert(text, options.direction, options.digits, keep);
    let options = match converted {
        Some(_) => LayoutOptions {
            direction: BaseDirection::Rtl,
            ..*options
        },
        None => *options,
    };
    let shown = converted.as_ref().map_or(text, |c| c.text.as_str());
    let mut levels = Vec::new();
    let level = levels::resolve_into(
        shown,
        options.direction,
        &mut levels::Scratch::default(),
        &mut levels,
    );
    (converted, options, levels, level)
}

/// Where the pieces of `text` may start: 0, then every [`PIECE`] bytes or
/// so a space between two letters (a grapheme of its own, a break
/// opportunity after which nothing depends on the text before).
fn checkpoints(text: &str) -> Vec<usize> {
    let mut checkpoints = vec![0];
    let mut from = PIECE;
    while from < text.len() {
        let Some(at) = checkpoint_after(text, from) else {
            break;
        };
        checkpoints.push(at);
        from = at + PIECE;
    }
    checkpoints
}

pub(super) fn checkpoint_after(text: &str, from: usize) -> Option<usize> {
    use unicode_bidi::BidiClass::{AL, L, R};
    let letter = |c: Option<char>| c.is_some_and(|c| matches!(chars::bidi_class(c), L | R | AL));
    let mut from = from;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut previous = text[..from].chars().next_back();
    let mut iter = text[from..].char_indices().peekable();
    while let Some((offset, c)) = iter.next() {
        if offset > LOOK_FOR_CHECKPOINT {
            return None;
        }
        let next = iter.peek().map(|&(_, n)| n);
        if c == ' ' && letter(previous) && letter(next) {
            let at = from + offset + 1;
            if chars::grapheme_end(text, from + offset) == at && at < text.len() {
                return Some(at);
            }
        }
        previous = Some(c);
    }
    None
}
