//! One long paragraph laid out on all cores, line for line as it is laid
//! out on one (`barg render` of a transcript or a page without line breaks).
//!
//! The levels are resolved once, for the whole paragraph (in segments on
//! the cores, see `levels/segments.rs`). The paragraph is then cut in parts
//! at checkpoints (a space between two letters, see `window.rs`), one part
//! per thread in each round. The first part's lines are written as they
//! come; each other part is laid out into memory from its checkpoint,
//! which is a guess at a line start. Then the paragraph's own breaking goes
//! on from where the part before stopped until it reaches a line start the
//! part also has: from there the part's lines are the paragraph's (greedy
//! breaking from a line start gives the same lines whatever came before),
//! and they are written. Breakings usually meet within a few hundred lines;
//! where they never do, the paragraph's breaking runs through the part
//! itself, so the output is always what one core gives.
//!
//! The parts come in rounds of one per thread, each at most [`PART_BYTES`]:
//! a round starts at the line start where the last one's breaking stopped,
//! so what is held as text until written is a few parts, not the paragraph.

use std::ops::Range;

use super::{LayoutOptions, Span, VisualLine, lay_out_span, window, wrap};

/// Bytes from which a paragraph is laid out in parts, on all cores.
pub const PARALLEL_BYTES: usize = 1 << 20;

/// A part laid out into memory: its lines as text, with where each begins.
#[derive(Default)]
struct Part {
    /// The paragraph offset each line starts at.
    starts: Vec<usize>,
    /// Where each line's text ends in `text`.
    ends: Vec<usize>,
    text: String,
    /// The first line start at or after the next part's checkpoint.
    next: Option<usize>,
}

/// Bytes of the paragraph a part covers at most. Each part but a round's
/// first is held as text until it is written, so what is held is about
/// this much per thread, whatever the paragraph's length.
pub const PART_BYTES: usize = 4 << 20;

/// Lay out `text`, one paragraph, at `width`, handing each line to `format`
/// (which appends it to a string) and the text of one or more lines, in
/// order, to `sink`. The same text as laying the lines out one after the
/// other; parts run on rayon's threads when there are several.
pub fn write_lines_parallel(
    text: &str,
    width: usize,
    options: &LayoutOptions,
    keep: &[Range<usize>],
    format: impl Fn(VisualLine, &mut String) + Sync,
    sink: impl FnMut(&str),
) {
    write_lines_in_parts(text, width, options, keep, PART_BYTES, format, sink);
}

/// [`write_lines_parallel`] with parts of at most `part_bytes` (or so: a
/// part ends at a checkpoint): for the tests, which make many rounds of a
/// paragraph of a test's size.
#[doc(hidden)]
pub fn write_lines_in_parts(
    text: &str,
    width: usize,
    options: &LayoutOptions,
    keep: &[Range<usize>],
    part_bytes: usize,
    format: impl Fn(VisualLine, &mut String) + Sync,
    mut sink: impl FnMut(&str),
) {
    let (converted, options, levels, level) = window::prepare(text, options, keep);
    let shown = converted.as_ref().map_or(text, |c| c.text.as_str());
    let threads = rayon::current_num_threads().max(1);
    let lay_out =
        |span: Span, buffers: &mut wrap::Buffers, emit: &mut dyn FnMut(VisualLine) -> bool| {
            lay_out_span(shown, &levels, level, width, &options, span, buffers, emit);
        };
    let mut buffers = wrap::Buffers::default();
    let mut line_text = String::new();
    // Rounds of a part per thread: each starts at a line start of the
    // paragraph (`at`), its breaks found from the checkpoint before it.
    let (mut breaks_from, mut at) = (0usize, 0usize);
    loop {
        let mut bounds = vec![at];
        for i in 1..=threads {
            let last = bounds[bounds.len() - 1];
            let target = at.saturating_add(part_bytes.saturating_mul(i));
            let cut = (target < shown.len())
                .then(|| window::checkpoint_after(shown, target))
                .flatten()
                .filter(|&cut| cut > last && cut < shown.len());
            bounds.push(cut.unwrap_or(shown.len()));
            if cut.is_none() {
                break;
            }
        }
        let round = Round {
            shown,
            bounds: &bounds,
            breaks_from,
        };
        let next = round.write(&lay_out, &format, &mut buffers, &mut line_text, &mut sink);
        match next {
            Some(next) => (breaks_from, at) = (bounds[bounds.len() - 1], next),
            None => return,
        }
    }
}

/// One round: parts from `bounds[0]`, a line start whose breaks are found
/// from `breaks_from`, to the last bound.
struct Round<'a> {
    shown: &'a str,
    bounds: &'a [usize],
    breaks_from: usize,
}

type LayOut<'a> = dyn Fn(Span, &mut wrap::Buffers, &mut dyn FnMut(VisualLine) -> bool) + Sync + 'a;

impl Round<'_> {
    /// Whether a line starting `at` is past a part that stops at `stop`
    /// (the paragraph's end stops nothing).
    fn ends(&self, at: usize, stop: usize) -> bool {
        at >= stop && stop < self.shown.len()
    }

    /// Lay the round out and write it; the paragraph's first line start
    /// at or after the last bound, if the paragraph goes on.
    fn write(
        &self,
        lay_out: &LayOut<'_>,
        format: &(impl Fn(VisualLine, &mut String) + Sync),
        buffers: &mut wrap::Buffers,
        line_text: &mut String,
        sink: &mut impl FnMut(&str),
    ) -> Option<usize> {
        let (shown, bounds) = (self.shown, self.bounds);
        let from = |at: usize| Span {
            breaks_from: at,
            start: at,
            end: shown.len(),
        };
        let mut parts: Vec<Part> = Vec::new();
        let mut next = None;
        rayon::in_place_scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::channel();
            for (index, window) in bounds.windows(2).enumerate().skip(1) {
                let (start, stop) = (window[0], window[1]);
                let sender = sender.clone();
                scope.spawn(move |_| {
                    let mut part = Part::default();
                    lay_out(from(start), &mut wrap::Buffers::default(), &mut |line| {
                        let at = line.range.start;
                        if self.ends(at, stop) {
                            part.next = Some(at);
                            return false;
                        }
                        part.starts.push(at);
                        format(line, &mut part.text);
                        part.ends.push(part.text.len());
                        true
                    });
                    // The receiver outlives the scope: a send cannot fail.
                    let _ = sender.send((index, part));
                });
            }
            drop(sender);
            // The first part, written as it comes, on this thread.
            let stop = bounds[1];
            let first = Span {
                breaks_from: self.breaks_from,
                ..from(bounds[0])
            };
            lay_out(first, buffers, &mut |line| {
                let at = line.range.start;
                if self.ends(at, stop) {
                    next = Some(at);
                    return false;
                }
                write_line(line, format, line_text, sink)
            });
            let mut received: Vec<(usize, Part)> = receiver.iter().collect();
            received.sort_by_key(|(index, _)| *index);
            parts = received.into_iter().map(|(_, part)| part).collect();
        });
        for (index, part) in parts.iter().enumerate() {
            let (start, stop) = (bounds[index + 1], bounds[index + 2]);
            let mut at = next.take()?;
            loop {
                if let Ok(i) = part.starts.binary_search(&at) {
                    let begin = i.checked_sub(1).map_or(0, |i| part.ends[i]);
                    sink(&part.text[begin..]);
                    next = part.next;
                    break;
                }
                // Not met yet: one more line of the paragraph's own breaking.
                let mut reached = None;
                lay_out(
                    Span {
                        breaks_from: start,
                        start: at,
                        end: shown.len(),
                    },
                    buffers,
                    &mut |line| {
                        let s = line.range.start;
                        if s != at && (self.ends(s, stop) || part.starts.binary_search(&s).is_ok())
                        {
                            reached = Some(s);
                            return false;
                        }
                        write_line(line, format, line_text, sink)
                    },
                );
                match reached {
                    Some(s) if s >= stop => {
                        next = Some(s);
                        break;
                    }
                    Some(s) => at = s,
                    None => break,
                }
            }
        }
        next
    }
}

/// Format `line` and hand it to `sink`; true, for `lay_out` to go on.
fn write_line(
    line: VisualLine,
    format: &impl Fn(VisualLine, &mut String),
    line_text: &mut String,
    sink: &mut impl FnMut(&str),
) -> bool {
    line_text.clear();
    format(line, line_text);
    sink(line_text);
    true
}
