//! Step 2: the embedding level of every character of a paragraph (UAX #9
//! rules P2–P3, X1–X10, W1–W7, N0–N2, I1–I2).
//!
//! Almost every paragraph a person reads has no explicit embeddings,
//! overrides or isolates: it is one isolating run sequence at the paragraph
//! level. For those barg resolves the levels itself, in a few linear passes
//! over a byte per character; `unicode_bidi` resolves the rest. Its general
//! machinery costs more than the whole of the rest of layout, which is why
//! the simple case is worth its own code. The conformance tests
//! (tests/bidi_conformance.rs) and a differential property test hold the
//! two to the same answers.

use std::ops::Range;
use std::sync::LazyLock;

use unicode_bidi::data_source::BidiDataSource;
use unicode_bidi::{Level, ParagraphBidiInfo};

use super::chars::{self, BidiData};
use super::{BaseDirection, sanitize};

mod segments;
#[doc(hidden)]
pub use segments::resolve_in_segments;

/// Resolved levels of a paragraph, before the line rules L1–L4.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Levels {
    /// The level of each byte of the text (all bytes of a character share it).
    pub levels: Vec<u8>,
    pub paragraph_level: u8,
}

/// Resolve the levels of `text`, one paragraph: paragraph separators inside
/// it count as boundary neutrals.
pub fn resolve(text: &str, direction: BaseDirection) -> Levels {
    let mut levels = Vec::new();
    let paragraph_level = resolve_into(text, direction, &mut Scratch::default(), &mut levels);
    Levels {
        levels,
        paragraph_level,
    }
}

/// `resolve`, writing the levels into `levels` and working in `scratch`, so
/// that laying out many paragraphs reuses the same memory. Returns the
/// paragraph level.
pub fn resolve_into(
    text: &str,
    direction: BaseDirection,
    scratch: &mut Scratch,
    levels: &mut Vec<u8>,
) -> u8 {
    levels.clear();
    levels.resize(text.len(), 0);
    let simple = if text.len() >= segments::PARALLEL_BYTES && rayon::current_num_threads() > 1 {
        segments::resolve(text, direction, segments::SEGMENT_BYTES, levels)
    } else {
        simple_into(text, direction, scratch, levels)
    };
    if let Some(level) = simple {
        return level;
    }
    // Straight from unicode_bidi's levels into `levels`: the simple path's
    // buffer is given back and its classes dropped first, so no other byte
    // per byte is held beside unicode_bidi's own.
    levels.clear();
    levels.shrink_to_fit();
    let clean = sanitize::for_bidi(text);
    let ParagraphBidiInfo {
        original_classes,
        levels: general,
        paragraph_level,
        ..
    } = ParagraphBidiInfo::new_with_data_source(&BidiData, &clean, default_level(direction));
    drop(original_classes);
    levels.clear();
    levels.extend(general.iter().map(|l| l.number()));
    paragraph_level.number()
}

fn default_level(direction: BaseDirection) -> Option<Level> {
    match direction {
        BaseDirection::Auto => None,
        BaseDirection::Ltr => Some(Level::ltr()),
        BaseDirection::Rtl => Some(Level::rtl()),
    }
}

/// The levels as `unicode_bidi` resolves them: for paragraphs with explicit
/// formatting characters, and as the reference in tests.
pub fn resolve_general(text: &str, direction: BaseDirection) -> Levels {
    let info = ParagraphBidiInfo::new_with_data_source(&BidiData, text, default_level(direction));
    Levels {
        levels: info.levels.iter().map(|l| l.number()).collect(),
        paragraph_level: info.paragraph_level.number(),
    }
}

/// The bidi classes as bytes, so the run sequence can be resolved in the
/// levels buffer itself (`BidiClass` is a field-less enum: `as u8` is its
/// index).
mod class {
    use unicode_bidi::BidiClass;

    pub const AL: u8 = BidiClass::AL as u8;
    pub const AN: u8 = BidiClass::AN as u8;
    pub const B: u8 = BidiClass::B as u8;
    pub const BN: u8 = BidiClass::BN as u8;
    pub const CS: u8 = BidiClass::CS as u8;
    pub const EN: u8 = BidiClass::EN as u8;
    pub const ES: u8 = BidiClass::ES as u8;
    pub const ET: u8 = BidiClass::ET as u8;
    pub const L: u8 = BidiClass::L as u8;
    pub const NSM: u8 = BidiClass::NSM as u8;
    pub const ON: u8 = BidiClass::ON as u8;
    pub const R: u8 = BidiClass::R as u8;
    pub const S: u8 = BidiClass::S as u8;
    pub const WS: u8 = BidiClass::WS as u8;
    /// Not a class: a mark at the paragraph's start, whose type (the
    /// paragraph's) is known only once the first strong letter is found.
    pub const SOS: u8 = 0xFF;
    /// Not a class: any explicit formatting character or paragraph
    /// separator. The simple path does not take the paragraph.
    pub const EXPLICIT: u8 = 0xFE;

    pub fn of(c: BidiClass) -> u8 {
        use BidiClass::*;
        match c {
            LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI | B => EXPLICIT,
            c => c as u8,
        }
    }
}

/// The class of every character below U+0800 (Latin to Arabic), a byte
/// each: the one lookup per character of the simple path.
static LOW_CLASSES: LazyLock<[u8; 0x800]> = LazyLock::new(|| {
    let mut table = [0; 0x800];
    for (code, slot) in table.iter_mut().enumerate() {
        let c = char::from_u32(code as u32).unwrap_or('\u{FFFD}');
        *slot = class::of(chars::bidi_class(c));
    }
    table
});

/// The class of `c` as a byte, [`class::EXPLICIT`] for the explicit ones.
#[inline(always)]
fn class_of(c: char, low: &[u8; 0x800]) -> u8 {
    match low.get(c as usize) {
        Some(&class) => class,
        None => class::of(chars::bidi_class(c)),
    }
}

/// Working memory of the level resolution, kept between paragraphs. The
/// run sequence's types live in the levels buffer; what is here grows with
/// the brackets only.
#[derive(Debug, Default)]
pub struct Scratch {
    /// BD16's stack of open brackets: the opening bracket and its index.
    stack: Vec<(char, u32)>,
    /// Paired brackets, by index in the run sequence.
    pairs: Vec<(u32, u32)>,
    /// Brackets followed by marks (NSM): the bracket's index and how many.
    marks: Vec<(u32, u32)>,
    /// The byte offsets of the boundary neutrals (X9), in order.
    removed: Vec<u32>,
    /// The last text left brackets open, or more nested than BD16's stack
    /// holds: a bracket after it might have paired with one of them.
    unclosed: bool,
}

/// Levels of a paragraph with no explicit formatting characters, or `None`
/// when it has some (or a paragraph separator).
pub fn resolve_simple(text: &str, direction: BaseDirection) -> Option<Levels> {
    let mut levels = vec![0; text.len()];
    let paragraph_level = simple_into(text, direction, &mut Scratch::default(), &mut levels)?;
    Some(Levels {
        levels,
        paragraph_level,
    })
}

/// The simple path, into `levels` (a byte for each of `text`'s). The types
/// of the run sequence (the characters but the boundary neutrals, rule X9)
/// are written from the start of `levels`, resolved there, then spread to
/// the bytes from the end backwards: the levels buffer is all the memory a
/// paragraph costs, whatever it holds.
fn simple_into(
    text: &str,
    direction: BaseDirection,
    scratch: &mut Scratch,
    levels: &mut [u8],
) -> Option<u8> {
    use class::*;
    const MAX_DEPTH: usize = 63;
    let Scratch {
        stack,
        pairs,
        marks,
        removed,
        unclosed,
    } = scratch;
    stack.clear();
    pairs.clear();
    marks.clear();
    removed.clear();
    let low = &*LOW_CLASSES;
    let types = &mut *levels;

    // One pass: classes (X9 drops BN), P2's first strong letter, BD16's
    // bracket pairs, and W1–W3 (a mark takes the type before it; European
    // digits after an Arabic letter are Arabic; Arabic letters are R).
    let mut n = 0; // characters kept
    let mut first_strong = None;
    let mut previous = SOS;
    let mut last_strong = SOS;
    let mut brackets_done = false;
    // The index the next mark must have to follow the last bracket.
    let mut marks_at = u32::MAX;
    // Whether W4–W7 have anything left to do once this pass is over: W6
    // (separators are neutral) is done here for every separator W4 cannot
    // join (it does not follow a number), and nothing else is needed
    // unless there are terminators (W5), separators after numbers (W4), or
    // European digits that may follow L or the start (W7).
    let mut weak = false;
    let mut at = 0;
    while let Some((c, len)) = chars::char_at(text, at) {
        let mut t = class_of(c, low);
        match t {
            EXPLICIT => return None,
            BN => {
                removed.push(at as u32);
                at += len;
                continue;
            }
            NSM => {
                if n as u32 == marks_at {
                    match marks.last_mut() {
                        Some((at, count)) if *at + *count + 1 == marks_at => *count += 1,
                        _ => marks.push((marks_at - 1, 1)),
                    }
                    marks_at += 1;
                }
                t = previous;
            }
            ON if !brackets_done => {
                if let Some(pair) = BidiData.bidi_matched_opening_bracket(c) {
                    let index = n as u32;
                    marks_at = index + 1;
                    if pair.is_open {
                        if stack.len() == MAX_DEPTH {
                            brackets_done = true;
                        } else {
                            stack.push((pair.opening, index));
                        }
                    } else if let Some(depth) = stack.iter().rposition(|&(o, _)| o == pair.opening)
                    {
                        pairs.push((stack[depth].1, index));
                        stack.truncate(depth);
                    }
                }
            }
            _ => {}
        }
        at += len;
        let before = previous;
        previous = t;
        match t {
            L | R => {
                last_strong = t;
                first_strong.get_or_insert(t);
            }
            AL => {
                last_strong = AL;
                first_strong.get_or_insert(R);
                t = R;
            }
            EN if last_strong == AL => t = AN,
            EN | ET => weak = true,
            ES | CS => {
                // W4 joins a separator that follows a number (EN, or AN,
                // which W2 may have made of it) to the number after it.
                if matches!(before, EN | AN) {
                    weak = true;
                } else {
                    t = ON;
                }
            }
            _ => {}
        }
        types[n] = t;
        n += 1;
    }
    let types = &mut types[..n];
    *unclosed = !stack.is_empty() || brackets_done;

    // P2–P3: the first strong character, or the caller's choice.
    let paragraph_level = match direction {
        BaseDirection::Ltr => 0,
        BaseDirection::Rtl => 1,
        BaseDirection::Auto => u8::from(first_strong == Some(R)),
    };
    let embedding = if paragraph_level == 1 { R } else { L };
    // Marks at the start take the paragraph's direction (sos).
    for t in types.iter_mut().take_while(|t| **t == SOS) {
        *t = embedding;
    }

    if weak {
        resolve_weak(types, embedding);
    }
    resolve_brackets(types, pairs, marks, embedding);
    resolve_neutral(types, embedding);

    // I1–I2, then from the end backwards to bytes: a character's bytes
    // share its level, and a removed BN keeps the level of the character
    // before it. Types are read at indices at most the byte written.
    let mut level_of = [paragraph_level; 32];
    if paragraph_level == 0 {
        level_of[usize::from(R)] = 1;
        level_of[usize::from(AN)] = 2;
        level_of[usize::from(EN)] = 2;
    } else {
        for t in [L, AN, EN] {
            level_of[usize::from(t)] = paragraph_level + 1;
        }
    }
    let level = |t: u8| level_of[usize::from(t & 31)];
    if removed.is_empty() && n == text.len() {
        // One byte per character (ASCII): in place.
        for t in levels.iter_mut() {
            *t = level(*t);
        }
        return Some(paragraph_level);
    }
    // Between the removed characters (most paragraphs have none), the
    // kept ones take their types' levels without a look at `removed`.
    let mut end = text.len();
    let mut k = n;
    for &at in removed.iter().rev() {
        let at = at as usize;
        let after = at + chars::char_at(text, at).map_or(1, |(_, len)| len);
        spread(text.as_bytes(), levels, after..end, &mut k, level);
        let value = k
            .checked_sub(1)
            .map_or(paragraph_level, |before| level(levels[before]));
        levels[at..after].fill(value);
        end = at;
    }
    spread(text.as_bytes(), levels, 0..end, &mut k, level);
    Some(paragraph_level)
}

/// The levels of the kept characters in `bytes[range]` (no removed one among
/// them), from the end backwards: the character ending at a byte takes the
/// `level` of type `k - 1`, and `k` counts down. Types are read at indices at
/// most the byte written, so this works in place.
#[inline(always)]
fn spread(
    bytes: &[u8],
    levels: &mut [u8],
    range: Range<usize>,
    k: &mut usize,
    level: impl Fn(u8) -> u8,
) {
    let mut end = range.end;
    while end > range.start {
        // The character ending at `end` starts one or two bytes back (ASCII
        // and Arabic, told apart without a branch, as they alternate with
        // the words), or further for the rest.
        let last = bytes[end - 1];
        let before = if end >= 2 { bytes[end - 2] } else { 0 };
        let two = (last & 0xC0 == 0x80) & (before & 0xE0 == 0xC0);
        let mut b = end - 1 - usize::from(two);
        while b > 0 && bytes[b] & 0xC0 == 0x80 {
            b -= 1;
        }
        *k -= 1;
        let value = level(levels[*k]);
        // Both ends of the character without a branch on its length; the
        // middle of a three- or four-byte one after.
        levels[b] = value;
        levels[end - 1] = value;
        if end - b > 2 {
            levels[b + 1..end - 1].fill(value);
        }
        end = b;
    }
}

/// W4–W7 over the run sequence (W1–W3 were done as the classes were read).
/// Only European digits, terminators and separators can change (the first
/// pass left a separator only after a number): the rules look for those,
/// and between them only for the last strong type, so a paragraph with a
/// number here and there costs a search of its types, not the rules at
/// every character.
fn resolve_weak(types: &mut [u8], sos: u8) {
    use class::*;
    // W4: one separator between two numbers of the same kind joins them.
    for i in 1..types.len().saturating_sub(1) {
        if !matches!(types[i], ES | CS) {
            continue;
        }
        types[i] = match (types[i - 1], types[i], types[i + 1]) {
            (EN, ES | CS, EN) => EN,
            (AN, CS, AN) => AN,
            (_, t, _) => t,
        };
    }
    // W5: terminators next to European digits are European digits.
    // W6: other separators and terminators are neutral.
    // W7: European digits after L are L.
    let mut last_strong = sos; // the last L or R in types[..scanned]
    let mut scanned = 0;
    let mut previous_en = false; // the type before `scanned` was EN before W7
    while let Some(offset) = types[scanned..]
        .iter()
        .position(|&t| matches!(t, EN | ET | ES | CS))
    {
        let i = scanned + offset;
        if i > scanned {
            // Characters W4–W7 leave alone lie between.
            previous_en = false;
            if let Some(&t) = types[scanned..i]
                .iter()
                .rev()
                .find(|&&t| matches!(t, L | R))
            {
                last_strong = t;
            }
        }
        let t = types[i];
        if t == ET {
            let mut end = i;
            while end < types.len() && types[end] == ET {
                end += 1;
            }
            let digits = previous_en || (end < types.len() && types[end] == EN);
            let resolved = match (digits, last_strong) {
                (true, L) => L,
                (true, _) => EN,
                (false, _) => ON,
            };
            types[i..end].fill(resolved);
            previous_en = digits;
            scanned = end;
            continue;
        }
        previous_en = t == EN;
        match t {
            ES | CS => types[i] = ON,
            EN if last_strong == L => types[i] = L,
            _ => {}
        }
        scanned = i + 1;
    }
}

/// The direction a resolved type gives its neighbours: numbers count as R.
#[inline]
fn strong(t: u8) -> Option<u8> {
    use class::*;
    match t {
        L => Some(L),
        R | AL | EN | AN => Some(R),
        _ => None,
    }
}

/// N0: paired brackets take the direction of what they enclose.
fn resolve_brackets(
    types: &mut [u8],
    pairs: &mut [(u32, u32)],
    marks: &[(u32, u32)],
    embedding: u8,
) {
    use class::*;
    pairs.sort_unstable();
    let opposite = if embedding == L { R } else { L };
    for &(open, close) in pairs.iter() {
        let (open, close) = (open as usize, close as usize);
        let mut found_embedding = false;
        let mut found_opposite = false;
        for &t in &types[open + 1..close] {
            match strong(t) {
                Some(d) if d == embedding => {
                    found_embedding = true;
                    break;
                }
                Some(_) => found_opposite = true,
                None => {}
            }
        }
        let resolved = if found_embedding {
            embedding
        } else if found_opposite {
            let before = types[..open]
                .iter()
                .rev()
                .find_map(|&t| strong(t))
                .unwrap_or(embedding);
            if before == opposite {
                opposite
            } else {
                embedding
            }
        } else {
            continue;
        };
        for at in [open, close] {
            types[at] = resolved;
            // Marks that followed the bracket follow its new direction.
            if let Ok(i) = marks.binary_search_by_key(&(at as u32), |&(b, _)| b) {
                let count = marks[i].1 as usize;
                types[at + 1..=at + count].fill(resolved);
            }
        }
    }
}

/// N1–N2: neutrals between two of the same direction take it; the rest take
/// the embedding direction.
fn resolve_neutral(types: &mut [u8], embedding: u8) {
    use class::*;
    let is_neutral = |t: u8| matches!(t, B | S | WS | ON);
    let mut i = 0;
    while i < types.len() {
        if !is_neutral(types[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < types.len() && is_neutral(types[i]) {
            i += 1;
        }
        let before = if start == 0 {
            embedding
        } else {
            strong(types[start - 1]).unwrap_or(embedding)
        };
        let after = if i == types.len() {
            embedding
        } else {
            strong(types[i]).unwrap_or(embedding)
        };
        let resolved = if before == after { before } else { embedding };
        types[start..i].fill(resolved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_bidi::BidiClass;

    fn both(text: &str) -> (Levels, Levels) {
        let simple = resolve_simple(text, BaseDirection::Auto).expect("no explicit codes");
        (simple, resolve_general(text, BaseDirection::Auto))
    }

    #[test]
    fn simple_path_agrees_with_unicode_bidi_on_persian() {
        for text in [
            "سلام دنیا! این یک «آزمایش» است (با پرانتز) و عدد ۱۲۳ و English words here.",
            "قیمت ۲۵٪ بالا رفت (از 12.5% به 15%) [note] {a: 1} <tag>",
            "می‌خواهم کتاب‌ها را بخوانم، ولی (نه امروز).",
            "نشانی https://example.org/docs/bidi?lang=fa و team@example.org",
            "a (b) c ((د)) [e ف] 1+2=3 ‎x",
            "",
            "   ",
        ] {
            let (simple, general) = both(text);
            assert_eq!(simple, general, "{text}");
        }
    }

    /// The cases the in-place resolution handles apart: marks at the start
    /// (sos), marks after brackets, boundary neutrals (ZWNJ, ZWJ, controls)
    /// anywhere, one byte per character, and brackets nested past BD16's
    /// stack. Boundary neutrals take the level of the character before them.
    #[test]
    fn in_place_resolution_agrees_with_unicode_bidi() {
        let deep = format!("א {}x{} ב", "(".repeat(70), ")".repeat(70));
        let texts = [
            "\u{0301}\u{0301}abc",
            "\u{064E}سلام (a)\u{0301}\u{0301} [ب]\u{064E} b",
            "\u{200C}می\u{200C}خواهم (\u{200C}x\u{200C})\u{200C}\u{0301} 12\u{200D}.5",
            "abc (def) 1.5 $3",
            "\u{1}x\u{7F}",
            "ا\u{1}(b)\u{1}\u{0301}",
            "(a (ب) c",
            deep.as_str(),
        ];
        for direction in [BaseDirection::Auto, BaseDirection::Ltr, BaseDirection::Rtl] {
            for text in texts {
                let simple = resolve_simple(text, direction).expect("no explicit codes");
                let general = resolve_general(text, direction);
                assert_eq!(simple.paragraph_level, general.paragraph_level, "{text:?}");
                let mut before = simple.paragraph_level;
                for (i, c) in text.char_indices() {
                    let level = simple.levels[i];
                    assert!(
                        simple.levels[i..i + c.len_utf8()]
                            .iter()
                            .all(|&l| l == level),
                        "{text:?} {i}"
                    );
                    if chars::bidi_class(c) == BidiClass::BN {
                        assert_eq!(level, before, "BN at {i} of {text:?}");
                    } else {
                        assert_eq!(
                            level, general.levels[i],
                            "{c:?} at {i} of {text:?} {direction:?}"
                        );
                    }
                    before = level;
                }
            }
        }
    }

    #[test]
    fn explicit_embeddings_go_to_unicode_bidi() {
        assert!(resolve_simple("a\u{202B}b\u{202C}", BaseDirection::Auto).is_none());
        assert!(resolve_simple("a\u{2067}b\u{2069}", BaseDirection::Auto).is_none());
    }
}
