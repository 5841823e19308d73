//! After step 6, for `justify = spaces | kashida`: a line of a paragraph
//! (every line but its last) is widened to the measure.
//!
//! `kashida` first lengthens joining letters with tatweel (U+0640), where
//! Persian typesetters put it: only between two letters the shaper joined
//! (the first drawn in its initial or medial form), never after a word's
//! last letter, never inside lam-alef (one cell), never in a word with
//! harakat. Each word takes its kashidas at one place, the traditional one
//! where it has it (after seen or sad, else before the word's last letter),
//! one tatweel a word each pass, so they spread over the line (a last
//! partial pass takes words evenly spaced along it). What they
//! cannot fill, spaces take: the gaps between words widen evenly, the odd
//! columns going to the gaps nearest the line's start. A line with no gap
//! and no place for a kashida (one long word) stays ragged.
//!
//! Input: a visual line and its paragraph's logical text. Output: the same
//! line with cells inserted. Inserted cells show no article text: their
//! source is an empty range at the logical offset where they stand, so
//! copy, search and bookmarks (logical ranges) never see them.

use unicode_joining_type::JoiningType;

use super::{Cell, VisualLine, sanitize, shape};

/// The tatweel: a join-causing letter with no sound, drawn as a stroke.
pub const TATWEEL: char = '\u{640}';

/// Kashidas a word takes at most while the line has gaps to widen: more
/// looks stretched in a terminal, where each tatweel is a whole cell.
const MOST_PER_WORD: usize = 2;

/// How a line is widened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Widen {
    /// Lengthen joining letters first (right-to-left shaped lines only).
    pub(super) kashida: bool,
    /// The line's start is at its right (a right-to-left line in visual
    /// order): the odd columns go to the gaps on the right.
    pub(super) start_right: bool,
}

/// Cells to insert after visual cell `after`.
struct Insert {
    after: usize,
    count: usize,
    fill: char,
    /// The logical offset the inserted cells stand at.
    at: u32,
}

/// A place between two joined letters, in visual order: the tatweel goes
/// between cell `left` and cell `left + 1`.
#[derive(Clone, Copy)]
struct Place {
    left: usize,
    /// Where the word it lies in begins (logical).
    word: usize,
    /// Lower is better: 0 after seen or sad, 1 before the word's last
    /// letter, 2 elsewhere.
    rank: u8,
    /// The logical end of the letter it follows.
    at: u32,
}

/// Widen `line` to `width` columns, if it is narrower and can be.
pub(super) fn justify_line(line: &mut VisualLine, paragraph: &str, width: usize, how: Widen) {
    let Some(mut extra) = width.checked_sub(line.width).filter(|&e| e > 0) else {
        return;
    };
    let is_space = |i: usize| {
        line.text[cell_text(&line.cells[i])]
            .chars()
            .all(char::is_whitespace)
    };
    let Some(first) = (0..line.cells.len()).find(|&i| !is_space(i)) else {
        return;
    };
    let last = (first..line.cells.len())
        .rev()
        .find(|&i| !is_space(i))
        .unwrap_or(first);

    // Runs of whitespace between words: (last cell of the run, logical end).
    let mut gaps: Vec<(usize, u32)> = Vec::new();
    for i in first..last {
        if is_space(i) {
            let end = line.cells[i].end;
            match gaps.last_mut() {
                Some((after, at)) if *after + 1 == i => {
                    *after = i;
                    *at = (*at).max(end);
                }
                _ => gaps.push((i, end)),
            }
        }
    }

    let mut inserts = Vec::new();
    if how.kashida {
        let places = kashida_places(line, paragraph, first, last);
        extra -= lengthen(&places, extra, !gaps.is_empty(), &mut inserts);
    }
    if extra > 0 && !gaps.is_empty() {
        let each = extra / gaps.len();
        let odd = extra % gaps.len();
        let n = gaps.len();
        for (k, &(after, at)) in gaps.iter().enumerate() {
            // Counted from the line's start.
            let from_start = if how.start_right { n - 1 - k } else { k };
            let count = each + usize::from(from_start < odd);
            if count > 0 {
                inserts.push(Insert {
                    after,
                    count,
                    fill: ' ',
                    at,
                });
            }
        }
    }
    if !inserts.is_empty() {
        insert_cells(line, inserts);
    }
}

fn cell_text(cell: &Cell) -> std::ops::Range<usize> {
    cell.text_start as usize..cell.text_end as usize
}

/// Where tatweels may go in the right-to-left stretches of `line`, between
/// its cells `first..=last`.
fn kashida_places(line: &VisualLine, paragraph: &str, first: usize, last: usize) -> Vec<Place> {
    let mut places = Vec::new();
    // The word with harakat last looked at: (start, has harakat).
    let mut word_marks: Option<(usize, bool)> = None;
    for left in first..last {
        let (l, r) = (&line.cells[left], &line.cells[left + 1]);
        // Right to left: the cell on the right comes first, and right before.
        if r.end != l.start || r.start >= r.end {
            continue;
        }
        let (r_range, l_range) = (
            r.start as usize..r.end as usize,
            l.start as usize..l.end as usize,
        );
        let (Some(r_text), Some(l_text)) = (paragraph.get(r_range), paragraph.get(l_range)) else {
            continue;
        };
        let (Some(before), Some(after)) = (r_text.chars().next(), l_text.chars().next()) else {
            continue;
        };
        if shape::joining_type(before) != JoiningType::DualJoining
            || !shape::joins_backward(shape::joining_type(after))
            || (before == shape::LAM && is_alef(after))
        {
            continue;
        }
        // The shaper joined them: the letter before is drawn in a form
        // that reaches forward (not a ligature, not broken by ZWNJ).
        let drawn = line.text[cell_text(r)].chars().next();
        let joined = drawn == Some(shape::shaped(before, false, true))
            || drawn == Some(shape::shaped(before, true, true));
        if !joined || drawn == Some(before) {
            continue;
        }
        let word = word_start(paragraph, r.start as usize);
        let marked = match word_marks {
            Some((start, marked)) if start == word => marked,
            _ => {
                let marked = word_has_marks(paragraph, word);
                word_marks = Some((word, marked));
                marked
            }
        };
        if marked {
            continue;
        }
        let rank = if matches!(before, 'س' | 'ش' | 'ص' | 'ض') {
            0
        } else if is_last_letter(paragraph, l.end as usize) {
            1
        } else {
            2
        };
        places.push(Place {
            left,
            word,
            rank,
            at: r.end,
        });
    }
    places
}

fn is_alef(c: char) -> bool {
    matches!(c, 'ا' | 'آ' | 'أ' | 'إ')
}

/// Where the word holding `offset` begins: after the whitespace before it.
fn word_start(paragraph: &str, offset: usize) -> usize {
    paragraph
        .get(..offset)
        .and_then(|before| before.rfind(char::is_whitespace))
        .map_or(0, |i| {
            i + paragraph[i..].chars().next().map_or(1, char::len_utf8)
        })
}

/// Does the word beginning at `start` carry harakat (or any other mark)?
fn word_has_marks(paragraph: &str, start: usize) -> bool {
    paragraph
        .get(start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| !c.is_whitespace())
        .any(|c| shape::joining_type(c) == JoiningType::Transparent && !sanitize::is_dropped(c))
}

/// Is the letter ending at `end` the last letter of its word?
fn is_last_letter(paragraph: &str, end: usize) -> bool {
    paragraph
        .get(end..)
        .unwrap_or("")
        .chars()
        .find(|&c| shape::joining_type(c) != JoiningType::Transparent)
        .is_none_or(|c| shape::joining_type(c) == JoiningType::NonJoining)
}

/// Choose the tatweels for `extra` columns among `places`, spread one a
/// word each pass; returns the columns they take. With `gaps` to widen, each
/// word takes at most [`MOST_PER_WORD`] at its best place; without, the
/// line's places take as many as it needs.
fn lengthen(places: &[Place], extra: usize, gaps: bool, inserts: &mut Vec<Insert>) -> usize {
    if places.is_empty() {
        return 0;
    }
    // The places taken: with gaps, each word's best (then the last of the
    // best, nearest the word's end); without, all of them.
    let mut chosen: Vec<Place> = Vec::new();
    if gaps {
        for place in places {
            match chosen.last_mut() {
                Some(best) if best.word == place.word => {
                    // Of equal ranks, the one nearest the word's end.
                    if place.rank < best.rank || (place.rank == best.rank && place.at > best.at) {
                        *best = *place;
                    }
                }
                _ => chosen.push(*place),
            }
        }
    } else {
        chosen.extend_from_slice(places);
    }
    // Reading order (right to left) for the passes: the first words first.
    chosen.sort_by_key(|p| p.at);
    let most = if gaps { MOST_PER_WORD } else { usize::MAX };
    let n = chosen.len();
    let mut counts = vec![0usize; n];
    let mut used = 0;
    for _ in 0..most {
        let left = extra - used;
        if left == 0 {
            break;
        }
        if left >= n {
            counts.iter_mut().for_each(|c| *c += 1);
            used += n;
        } else {
            // A last, partial pass: evenly spaced over the line, not
            // bunched at its start.
            for k in 0..left {
                counts[(2 * k + 1) * n / (2 * left)] += 1;
            }
            used += left;
        }
    }
    for (place, count) in chosen.iter().zip(counts) {
        if count > 0 {
            inserts.push(Insert {
                after: place.left,
                count,
                fill: TATWEEL,
                at: place.at,
            });
        }
    }
    used
}

/// Rebuild the line's text and cells with `inserts` in place.
fn insert_cells(line: &mut VisualLine, mut inserts: Vec<Insert>) {
    inserts.sort_by_key(|i| i.after);
    let added: usize = inserts.iter().map(|i| i.count).sum();
    let mut text = String::with_capacity(line.text.len() + added * 2);
    let mut cells = Vec::with_capacity(line.cells.len() + added);
    let mut pending = inserts.into_iter().peekable();
    for (i, cell) in line.cells.iter().enumerate() {
        let mut cell = cell.clone();
        let drawn = cell_text(&cell);
        cell.text_start = text.len() as u32;
        text.push_str(&line.text[drawn]);
        cell.text_end = text.len() as u32;
        cells.push(cell);
        while let Some(insert) = pending.next_if(|p| p.after == i) {
            for _ in 0..insert.count {
                let start = text.len() as u32;
                text.push(insert.fill);
                cells.push(Cell {
                    start: insert.at,
                    end: insert.at,
                    text_start: start,
                    text_end: text.len() as u32,
                    width: 1,
                });
            }
        }
    }
    line.text = text;
    line.cells = cells;
    line.width += added;
}
