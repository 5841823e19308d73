//! One long paragraph laid out on all cores, line for line as it is laid
//! out on one (`barg render` of a transcript or a page without line breaks).
//!
//! The levels are resolved once, for the whole paragraph (in segments on
//! the cores, see `levels/segments.rs`). The paragraph is then cut in parts
//! at checkpoints (a space between two letters, see `window.rs`), and the
//! parts are laid out into memory on rayon's threads, a few ahead of the
//! one being written, so that every thread has a part to work on until the
//! last. The first part starts at the paragraph's start; each other part
//! starts at its checkpoint, which is a guess at a line start.
//!
//! The calling thread writes the parts in order. The paragraph's own
//! breaking goes on from where the part before stopped until it reaches a
//! line start the part also has: from there the part's lines are the
//! paragraph's (greedy breaking from a line start gives the same lines
//! whatever came before), and they are written. At 80 columns breakings
//! usually meet within some tens of lines; the wider the lines, the later
//! they meet (see the README). Where they never do, the paragraph's
//! breaking runs through the part itself, so the output is always what one
//! core gives.
//!
//! What is held as text until written is [`AHEAD`] parts per thread and
//! the one being written, whatever the paragraph's length.

use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

use super::{LayoutOptions, Span, VisualLine, lay_out_span, window, wrap};

/// Bytes from which a paragraph is laid out in parts, on all cores.
pub const PARALLEL_BYTES: usize = 1 << 20;

/// Bytes of the paragraph a part covers, about (a part ends at a
/// checkpoint). Small enough that the threads finish together (the last
/// part is laid out while the others are idle), large enough that the
/// lines laid out again where a part's breaking meets the paragraph's are
/// few beside its own.
pub const PART_BYTES: usize = 1 << 20;

/// Parts laid out ahead per thread, beside the one being written.
const AHEAD: usize = 2;

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

/// Lay out `text`, one paragraph, at `width`, handing each line to `format`
/// (which appends it to a string) and the text of one or more lines, in
/// order, to `sink`. The same text as laying the lines out one after the
/// other; parts run on rayon's threads.
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

/// [`write_lines_parallel`] with parts of about `part_bytes` (a part ends
/// at a checkpoint): for the tests, which make many parts of a paragraph
/// of a test's size.
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
    let lay_out =
        |span: Span, buffers: &mut wrap::Buffers, emit: &mut dyn FnMut(VisualLine) -> bool| {
            lay_out_span(shown, &levels, level, width, &options, span, buffers, emit);
        };
    let parts = Parts {
        shown,
        bounds: bounds(shown, part_bytes),
        lay_out: &lay_out,
    };
    let count = parts.bounds.len() - 1;
    let ahead = AHEAD * rayon::current_num_threads().max(1);
    let format = &format;
    rayon::in_place_scope(|scope| {
        let (sender, receiver) = mpsc::channel();
        let parts = &parts;
        let spawn = |index: usize| {
            let sender = sender.clone();
            scope.spawn(move |_| {
                // A panic is sent on, to be resumed here: this thread waits
                // for every part in turn, and would wait for ever.
                let part = panic::catch_unwind(AssertUnwindSafe(|| parts.lay_out(index, format)));
                // The receiver outlives the scope: a send cannot fail.
                let _ = sender.send((index, part));
            });
        };
        (0..count.min(ahead)).for_each(&spawn);
        let mut arrived: Vec<Option<Part>> = (0..count).map(|_| None).collect();
        let mut buffers = wrap::Buffers::default();
        let mut line_text = String::new();
        let mut next = Some(0);
        for index in 0..count {
            while arrived[index].is_none() {
                // `spawn` holds a sender: the channel stays open.
                let Ok((at, part)) = receiver.recv() else {
                    return;
                };
                match part {
                    Ok(part) => arrived[at] = Some(part),
                    Err(payload) => panic::resume_unwind(payload),
                }
            }
            if index + ahead < count {
                spawn(index + ahead);
            }
            let part = arrived[index].take().unwrap_or_default();
            let Some(at) = next else {
                continue;
            };
            next = parts.write(
                index,
                part,
                at,
                format,
                &mut buffers,
                &mut line_text,
                &mut sink,
            );
        }
    });
}

/// Where the parts begin and end: 0, the first checkpoint after about every
/// `part_bytes`, the paragraph's end.
fn bounds(shown: &str, part_bytes: usize) -> Vec<usize> {
    let mut bounds = vec![0];
    let mut target = part_bytes.max(1);
    while target < shown.len() {
        match window::checkpoint_after(shown, target) {
            Some(cut) if cut < shown.len() => {
                bounds.push(cut);
                target = cut.saturating_add(part_bytes.max(1));
            }
            // None near: a little further on.
            _ => target = target.saturating_add(part_bytes.max(1)),
        }
    }
    bounds.push(shown.len());
    bounds
}

type LayOut<'a> = dyn Fn(Span, &mut wrap::Buffers, &mut dyn FnMut(VisualLine) -> bool) + Sync + 'a;

/// The paragraph cut in parts.
struct Parts<'a> {
    shown: &'a str,
    /// Part `i` is `bounds[i]..bounds[i + 1]`.
    bounds: Vec<usize>,
    lay_out: &'a LayOut<'a>,
}

impl Parts<'_> {
    /// Whether a line starting `at` is past a part that stops at `stop`
    /// (the paragraph's end stops nothing).
    fn ends(&self, at: usize, stop: usize) -> bool {
        at >= stop && stop < self.shown.len()
    }

    /// Lay out part `index` into memory, from its checkpoint (the first
    /// part: from the paragraph's start, so its lines are the paragraph's).
    fn lay_out(&self, index: usize, format: &(impl Fn(VisualLine, &mut String) + Sync)) -> Part {
        let (start, stop) = (self.bounds[index], self.bounds[index + 1]);
        let mut part = Part::default();
        let span = Span {
            breaks_from: start,
            start,
            end: self.shown.len(),
        };
        (self.lay_out)(span, &mut wrap::Buffers::default(), &mut |line| {
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
        part
    }

    /// Write part `index`, the paragraph's lines from `at` (a line start of
    /// the paragraph at or after the part's start): its own breaking until
    /// it meets the part's, then the part's lines. The paragraph's first
    /// line start at or after the part's end, if the paragraph goes on.
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        index: usize,
        part: Part,
        mut at: usize,
        format: &impl Fn(VisualLine, &mut String),
        buffers: &mut wrap::Buffers,
        line_text: &mut String,
        sink: &mut impl FnMut(&str),
    ) -> Option<usize> {
        let (start, stop) = (self.bounds[index], self.bounds[index + 1]);
        loop {
            if let Ok(i) = part.starts.binary_search(&at) {
                let begin = i.checked_sub(1).map_or(0, |i| part.ends[i]);
                sink(&part.text[begin..]);
                return part.next;
            }
            // Not met yet: one more line of the paragraph's own breaking
            // (its break opportunities from the part's checkpoint on are
            // the paragraph's).
            let mut reached = None;
            let span = Span {
                breaks_from: start,
                start: at,
                end: self.shown.len(),
            };
            (self.lay_out)(span, buffers, &mut |line| {
                let s = line.range.start;
                if s != at && (self.ends(s, stop) || part.starts.binary_search(&s).is_ok()) {
                    reached = Some(s);
                    return false;
                }
                line_text.clear();
                format(line, line_text);
                sink(line_text);
                true
            });
            match reached {
                Some(s) if s >= stop => return Some(s),
                Some(s) => at = s,
                None => return None,
            }
        }
    }
}
