//! The levels of a long paragraph resolved in segments on the cores.
//!
//! A paragraph is cut between two strong letters (L, R or AL): inside
//! almost any word. Every rule of the simple path that looks back from a
//! character stops at the first strong letter it meets (W1's marks, W2 and
//! W7's search for a strong type, N0's search before a bracket, N1's run
//! of neutrals), so none looks back past the letter after the cut. None
//! looks forward past the letter before it: no run of neutrals,
//! terminators, separators or marks crosses the cut.
//!
//! Only bracket pairs (BD16) reach further, across any letters. A segment's
//! pairs are its own when the segment before it left no bracket open: the
//! stack is then empty at its start, as it is at the paragraph's. Segments
//! after one that did (or that overflowed the stack) are resolved again
//! with it. The paragraph level (P2) is found first, from its first strong
//! letter.

use std::ops::Range;

use rayon::prelude::*;

use super::{BaseDirection, LOW_CLASSES, Scratch, class, class_of, simple_into};

/// Paragraphs at least this long are resolved in segments when there are
/// several threads: below it the simple path takes under 10 ms.
pub const PARALLEL_BYTES: usize = 1 << 20;

/// About how long a segment is: a few per thread, so that one slow thread
/// does not hold up the rest.
pub const SEGMENT_BYTES: usize = 1 << 20;

/// How far past each `segment` bytes a cut is looked for before it is
/// skipped.
const SEARCH_BYTES: usize = 1 << 12;

/// The levels of `text` into `levels` (as long as `text`) in segments of
/// about `segment` bytes, on rayon's threads; the paragraph level, or
/// `None` when the paragraph has explicit formatting characters (the
/// caller resolves it with `unicode_bidi`).
pub fn resolve(
    text: &str,
    direction: BaseDirection,
    segment: usize,
    levels: &mut [u8],
) -> Option<u8> {
    let cuts = cuts(text, segment);
    let Some(&first_cut) = cuts.first() else {
        return simple_into(text, direction, &mut Scratch::default(), levels);
    };
    // P2–P3 before the segments, which each need it: the first strong
    // letter is at the latest the one before the first cut.
    let direction = match direction {
        BaseDirection::Auto => match first_strong(&text[..first_cut]) {
            Some(class::L) => BaseDirection::Ltr,
            _ => BaseDirection::Rtl,
        },
        fixed => fixed,
    };
    let paragraph_level = u8::from(direction == BaseDirection::Rtl);
    let segments: Vec<Range<usize>> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain([text.len()]))
        .map(|(start, end)| start..end)
        .collect();
    let unclosed = resolve_runs(text, direction, levels, &segments)?;
    // A segment that left a bracket open is resolved again with those
    // after it, up to the first that left none open. If that still leaves
    // one open, the whole paragraph is resolved in order.
    let mut again = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let first = i;
        while unclosed[i] && i + 1 < segments.len() {
            i += 1;
        }
        if i > first {
            again.push(segments[first].start..segments[i].end);
        }
        i += 1;
    }
    let unclosed = resolve_runs(text, direction, levels, &again)?;
    if again
        .iter()
        .zip(unclosed)
        .any(|(run, open)| open && run.end < text.len())
    {
        simple_into(text, direction, &mut Scratch::default(), levels)?;
    }
    Some(paragraph_level)
}

/// Resolve each of `runs` (in order, apart) into its bytes of `levels`, on
/// rayon's threads: whether each left brackets open, or `None` when one
/// has explicit formatting characters.
fn resolve_runs(
    text: &str,
    direction: BaseDirection,
    levels: &mut [u8],
    runs: &[Range<usize>],
) -> Option<Vec<bool>> {
    let mut pieces = Vec::with_capacity(runs.len());
    let (mut rest, mut at) = (levels, 0);
    for run in runs {
        let (piece, tail) =
            std::mem::take(&mut rest)[run.start - at..].split_at_mut(run.end - run.start);
        pieces.push((run.clone(), piece));
        (rest, at) = (tail, run.end);
    }
    pieces
        .into_par_iter()
        .map(|(run, piece)| {
            let mut scratch = Scratch::default();
            simple_into(&text[run], direction, &mut scratch, piece)?;
            Some(scratch.unclosed)
        })
        .collect()
}

/// The levels as [`resolve`] gives them, in segments of `segment` bytes:
/// for the tests, which hold them to the whole paragraph's at any size.
#[doc(hidden)]
pub fn resolve_in_segments(
    text: &str,
    direction: BaseDirection,
    segment: usize,
) -> Option<super::Levels> {
    let mut levels = vec![0; text.len()];
    let paragraph_level = resolve(text, direction, segment.max(1), &mut levels)?;
    Some(super::Levels {
        levels,
        paragraph_level,
    })
}

fn is_strong(class: u8) -> bool {
    matches!(class, class::L | class::R | class::AL)
}

/// The class of the first strong letter of `text`.
fn first_strong(text: &str) -> Option<u8> {
    let low = &*LOW_CLASSES;
    text.chars()
        .map(|c| class_of(c, low))
        .find(|&t| is_strong(t))
}

/// Where `text` is cut: about every `segment` bytes, the first character
/// from there on that is a strong letter following another.
fn cuts(text: &str, segment: usize) -> Vec<usize> {
    let low = &*LOW_CLASSES;
    let mut cuts = Vec::new();
    let mut from = segment;
    while from < text.len() {
        let start = (from..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        let mut before = false;
        let found = text[start..]
            .char_indices()
            .take_while(|&(i, _)| i < SEARCH_BYTES)
            .find_map(|(i, c)| {
                let strong = is_strong(class_of(c, low));
                let cut = before && strong;
                before = strong;
                cut.then_some(start + i)
            });
        match found {
            Some(cut) => {
                cuts.push(cut);
                from = cut + segment;
            }
            None => from = start + SEARCH_BYTES + segment,
        }
    }
    cuts
}
