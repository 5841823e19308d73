//! Step 2: the embedding level of every character of a paragraph (UAX #9
//! rules P2–P3, X1–X10, W1–W7, N0–N2, I1–I2).
//!
//! Almost every paragraph a person reads has no explicit embeddings,
//! overrides or isolates: it is one isolating run sequence at the paragraph
//! level. For those barg resolves the levels itself, in a few linear passes
//! over the levels buffer (a type at each character's first byte, turned
//! into the levels in place); `unicode_bidi` resolves the rest. Its general
//! machinery costs more than the whole of the rest of layout, which is why
//! the simple case is worth its own code. The conformance tests
//! (tests/bidi_conformance.rs) and a differential property test hold the
//! two to the same answers.

use std::sync::LazyLock;

use unicode_bidi::data_source::BidiDataSource;
use unicode_bidi::{Level, ParagraphBidiInfo};

use super::chars::{self, BidiData};
use super::{BaseDirection, sanitize};

mod rules;
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
    if levels.capacity() < text.len() {
        // Zeroed by the allocator: a long paragraph's fresh pages are
        // zeroed by the kernel as the segments first write them, on their
        // threads, not filled here first.
        *levels = vec![0; text.len()];
    } else {
        levels.clear();
        levels.resize(text.len(), 0);
    }
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
/// levels buffer itself, a type at the first byte of each character.
mod class {
    use unicode_bidi::BidiClass;

    /// Not a class: a byte that goes with the character before it (the
    /// rest of a character's bytes, and a boundary neutral, which X9
    /// removes). The rules look through it; it takes the level of the
    /// byte before it.
    pub const CONT: u8 = 0;

    /// `BidiClass` is a field-less enum: `as u8` is its index, one up
    /// here to leave 0 for [`CONT`].
    const fn byte(c: BidiClass) -> u8 {
        c as u8 + 1
    }

    pub const AL: u8 = byte(BidiClass::AL);
    pub const AN: u8 = byte(BidiClass::AN);
    pub const B: u8 = byte(BidiClass::B);
    pub const CS: u8 = byte(BidiClass::CS);
    pub const EN: u8 = byte(BidiClass::EN);
    pub const ES: u8 = byte(BidiClass::ES);
    pub const ET: u8 = byte(BidiClass::ET);
    pub const L: u8 = byte(BidiClass::L);
    pub const ON: u8 = byte(BidiClass::ON);
    pub const R: u8 = byte(BidiClass::R);
    pub const S: u8 = byte(BidiClass::S);
    pub const WS: u8 = byte(BidiClass::WS);
    /// CS, EN, ES and ET: the types W4–W7 may change, consecutive.
    pub const NUMBER_WEAK: std::ops::RangeInclusive<u8> = CS..=ET;
    const _: () = assert!(CS + 1 == EN && EN + 1 == ES && ES + 1 == ET);
    /// A class byte at or above this is one the first pass treats apart:
    /// the four below, never stored as a type.
    pub const SPECIAL: u8 = 0x40;
    /// A boundary neutral (BN), removed by X9.
    pub const BN: u8 = SPECIAL | byte(BidiClass::BN);
    /// A mark (NSM), which takes the type before it (W1).
    pub const NSM: u8 = SPECIAL | byte(BidiClass::NSM);
    /// An ON that is a bracket (BD16 pairs it).
    pub const BRACKET: u8 = SPECIAL | byte(BidiClass::ON);
    /// Any explicit formatting character or paragraph separator. The simple
    /// path does not take the paragraph.
    pub const EXPLICIT: u8 = 0xFE;
    /// Not a class: a mark at the paragraph's start, whose type (the
    /// paragraph's) is known only once the first strong letter is found.
    pub const SOS: u8 = 0xFF;

    pub fn of(c: char, class: BidiClass) -> u8 {
        use BidiClass::*;
        match class {
            LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI | B => EXPLICIT,
            BidiClass::BN => self::BN,
            BidiClass::NSM => self::NSM,
            BidiClass::ON if super::is_bracket(c) => BRACKET,
            class => byte(class),
        }
    }
}

fn is_bracket(c: char) -> bool {
    BidiData.bidi_matched_opening_bracket(c).is_some()
}

/// The class of every character below U+0800 (Latin to Arabic), a byte
/// each: the one lookup per character of the simple path.
static LOW_CLASSES: LazyLock<[u8; 0x800]> = LazyLock::new(|| {
    let mut table = [0; 0x800];
    for (code, slot) in table.iter_mut().enumerate() {
        let c = char::from_u32(code as u32).unwrap_or('\u{FFFD}');
        *slot = class::of(c, chars::bidi_class(c));
    }
    table
});

/// The class of `c` as a byte (see [`class`]).
#[inline(always)]
fn class_of(c: char, low: &[u8; 0x800]) -> u8 {
    match low.get(c as usize) {
        Some(&class) => class,
        None => class::of(c, chars::bidi_class(c)),
    }
}

/// Working memory of the level resolution, kept between paragraphs. The
/// run sequence's types live in the levels buffer; what is here grows with
/// the brackets only.
#[derive(Debug, Default)]
pub struct Scratch {
    /// BD16's stack of open brackets: the opening bracket and its byte.
    stack: Vec<(char, u32)>,
    /// Paired brackets, by byte.
    pairs: Vec<(u32, u32)>,
    /// Brackets followed by marks (NSM): the bracket's byte and the end of
    /// its marks.
    marks: Vec<(u32, u32)>,
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

/// Mark the bytes of the character at `at..end` after its first as
/// [`class::CONT`]: the second without a branch (when the character has
/// one byte, the next character's type overwrites it), the third and
/// fourth one by one (a call to fill them costs more than the stores).
#[inline(always)]
fn mark_rest(types: &mut [u8], at: usize, end: usize) {
    if let Some(second) = types.get_mut(at + 1) {
        *second = class::CONT;
    }
    if end - at > 2 {
        types[at + 2] = class::CONT;
        if end - at > 3 {
            types[at + 3] = class::CONT;
        }
    }
}

/// The simple path, into `levels` (a byte for each of `text`'s). The type
/// of each character is written at its first byte, its other bytes (and
/// the boundary neutrals, which rule X9 removes) are [`class::CONT`], which
/// the rules look through; the types are resolved there, then turned into
/// levels in one pass forwards: the levels buffer is all the memory a
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
        unclosed,
    } = scratch;
    stack.clear();
    pairs.clear();
    marks.clear();
    let low = &*LOW_CLASSES;
    let types = &mut levels[..text.len()];

    // One pass: classes (X9's boundary neutrals marked CONT), BD16's
    // bracket pairs, and W1–W3 (a mark takes the type before it; European
    // digits after an Arabic letter are Arabic; Arabic letters are R).
    let mut previous = SOS;
    let mut last_strong = SOS;
    let mut brackets_done = false;
    // The last bracket, and the byte a mark must start at to follow it.
    let mut bracket_at = u32::MAX;
    let mut marks_at = usize::MAX;
    // Whether W4–W7 have anything left to do once this pass is over: W6
    // (separators are neutral) is done here for every separator W4 cannot
    // join (it does not follow a number), and nothing else is needed
    // unless there are terminators (W5), separators after numbers (W4), or
    // European digits that may follow L or the start (W7).
    let mut weak = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // One byte or two (Latin, Arabic) straight from the table, chosen
        // without a branch as spaces and letters alternate; more by `char`.
        let lead = bytes[at];
        let (mut t, len) = if lead < 0xE0 {
            let two = lead >= 0x80;
            let next = bytes.get(at + 1).copied().unwrap_or(0);
            let code = if two {
                usize::from(lead & 0x1F) << 6 | usize::from(next & 0x3F)
            } else {
                usize::from(lead)
            };
            (low[code & 0x7FF], 1 + usize::from(two))
        } else {
            let c = text[at..].chars().next()?;
            (class_of(c, low), c.len_utf8())
        };
        let end = at + len;
        if t >= SPECIAL {
            match t {
                EXPLICIT => return None,
                BN => {
                    types[at] = CONT;
                    mark_rest(types, at, end);
                    if at == marks_at {
                        marks_at = end;
                    }
                    at = end;
                    continue;
                }
                NSM => {
                    if at == marks_at {
                        match marks.last_mut() {
                            Some((bracket, marks_end)) if *bracket == bracket_at => {
                                *marks_end = end as u32;
                            }
                            _ => marks.push((bracket_at, end as u32)),
                        }
                        marks_at = end;
                    }
                    t = previous;
                }
                _ => {
                    t = ON;
                    if !brackets_done
                        && let Some((c, _)) = chars::char_at(text, at)
                        && let Some(pair) = BidiData.bidi_matched_opening_bracket(c)
                    {
                        bracket_at = at as u32;
                        marks_at = end;
                        if pair.is_open {
                            if stack.len() == MAX_DEPTH {
                                brackets_done = true;
                            } else {
                                stack.push((pair.opening, bracket_at));
                            }
                        } else if let Some(depth) =
                            stack.iter().rposition(|&(o, _)| o == pair.opening)
                        {
                            pairs.push((stack[depth].1, bracket_at));
                            stack.truncate(depth);
                        }
                    }
                }
            }
        }
        let before = previous;
        previous = t;
        if t == AL {
            last_strong = AL;
            t = R;
        } else if (t == L) | (t == R) {
            last_strong = t;
        } else if NUMBER_WEAK.contains(&t) {
            match t {
                EN if last_strong == AL => t = AN,
                EN | ET => weak = true,
                _ => {
                    // W4 joins a separator that follows a number (EN, or
                    // AN, which W2 may have made of it) to the number after.
                    if matches!(before, EN | AN) {
                        weak = true;
                    } else {
                        t = ON;
                    }
                }
            }
        }
        types[at] = t;
        mark_rest(types, at, end);
        at = end;
    }
    *unclosed = !stack.is_empty() || brackets_done;

    // P2–P3: the first strong character (W3 made AL R, and a mark takes
    // the type before it), or the caller's choice.
    let paragraph_level = match direction {
        BaseDirection::Ltr => 0,
        BaseDirection::Rtl => 1,
        BaseDirection::Auto => u8::from(types.iter().find(|&&t| (t == L) | (t == R)) == Some(&R)),
    };
    let embedding = if paragraph_level == 1 { R } else { L };
    // Marks at the start take the paragraph's direction (sos).
    for t in types.iter_mut().take_while(|t| matches!(**t, SOS | CONT)) {
        if *t == SOS {
            *t = embedding;
        }
    }

    if weak {
        rules::resolve_weak(types, embedding);
    }
    rules::resolve_brackets(types, pairs, marks, embedding);
    rules::resolve_neutral_and_levels(types, embedding, paragraph_level);
    Some(paragraph_level)
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
            // Types at each character's first byte: separators, terminators
            // and digits of two and three bytes, boundary neutrals inside
            // numbers, runs of neutrals and bracket marks, four-byte ON.
            "۱،۲ و ۳٫۵ و ۲۵٪ و €۱۲ و 1\u{200B},\u{200B}2 و ۴\u{200C}۵",
            "abc ۱،۲ €€3 x٪ 4 ٪",
            "a（b）\u{200B}\u{0301} c 😀 ‐ د (ه)\u{200B}\u{064E}\u{200B}\u{064E}",
            "\u{200C}\u{0301}x",
            "א\u{200D} « \u{200D} » b 1\u{200B}",
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
