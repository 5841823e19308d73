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

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::data_source::BidiDataSource;
use unicode_bidi::{Level, ParagraphBidiInfo};

use super::chars::{self, BidiData};
use super::{BaseDirection, sanitize};

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
    if let Some(level) = simple_into(text, direction, scratch, levels) {
        return level;
    }
    let general = resolve_general(&sanitize::for_bidi(text), direction);
    levels.clear();
    levels.extend_from_slice(&general.levels);
    general.paragraph_level
}

/// The levels as `unicode_bidi` resolves them: for paragraphs with explicit
/// formatting characters, and as the reference in tests.
pub fn resolve_general(text: &str, direction: BaseDirection) -> Levels {
    let default_level = match direction {
        BaseDirection::Auto => None,
        BaseDirection::Ltr => Some(Level::ltr()),
        BaseDirection::Rtl => Some(Level::rtl()),
    };
    let info = ParagraphBidiInfo::new_with_data_source(&BidiData, text, default_level);
    Levels {
        levels: info.levels.iter().map(|l| l.number()).collect(),
        paragraph_level: info.paragraph_level.number(),
    }
}

/// A paired bracket found in the text, by character index.
#[derive(Clone, Copy, Debug)]
struct Bracket {
    index: usize,
    opening: char,
    is_open: bool,
}

/// Working memory of the level resolution, kept between paragraphs.
#[derive(Debug, Default)]
pub struct Scratch {
    classes: Vec<BidiClass>,
    kept: Vec<usize>,
    types: Vec<BidiClass>,
    original: Vec<BidiClass>,
    brackets: Vec<Bracket>,
}

/// Levels of a paragraph with no explicit formatting characters, or `None`
/// when it has some (or a paragraph separator).
pub fn resolve_simple(text: &str, direction: BaseDirection) -> Option<Levels> {
    let mut levels = Vec::new();
    let paragraph_level = simple_into(text, direction, &mut Scratch::default(), &mut levels)?;
    Some(Levels {
        levels,
        paragraph_level,
    })
}

fn simple_into(
    text: &str,
    direction: BaseDirection,
    scratch: &mut Scratch,
    levels: &mut Vec<u8>,
) -> Option<u8> {
    let Scratch {
        classes,
        kept,
        types,
        original,
        brackets,
    } = scratch;
    classes.clear();
    brackets.clear();
    let mut has_bn = false;
    for c in text.chars() {
        let class = chars::bidi_class(c);
        match class {
            LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI | B => return None,
            BN => has_bn = true,
            ON => {
                if let Some(pair) = BidiData.bidi_matched_opening_bracket(c) {
                    brackets.push(Bracket {
                        index: classes.len(),
                        opening: pair.opening,
                        is_open: pair.is_open,
                    });
                }
            }
            _ => {}
        }
        classes.push(class);
    }

    // P2–P3: the first strong character, or the caller's choice.
    let paragraph_level = match direction {
        BaseDirection::Ltr => 0,
        BaseDirection::Rtl => 1,
        BaseDirection::Auto => classes
            .iter()
            .find_map(|class| match class {
                L => Some(0),
                R | AL => Some(1),
                _ => None,
            })
            .unwrap_or(0),
    };
    let embedding = if paragraph_level == 1 { R } else { L };

    // X9: boundary neutrals are removed; what is left is the one isolating
    // run sequence, with sos = eos = the paragraph direction.
    kept.clear();
    types.clear();
    if has_bn {
        kept.extend((0..classes.len()).filter(|&i| classes[i] != BN));
        types.extend(kept.iter().map(|&i| classes[i]));
        for bracket in brackets.iter_mut() {
            // Brackets are ON, never BN: each one is in `kept`.
            bracket.index = kept.binary_search(&bracket.index).unwrap_or(usize::MAX);
        }
    } else {
        std::mem::swap(classes, types);
    }
    // N0 needs to know which characters were marks before W1.
    original.clear();
    if !brackets.is_empty() {
        original.extend_from_slice(types);
    }

    resolve_weak(types, embedding);
    resolve_brackets(types, original, brackets, embedding);
    resolve_neutral(types, embedding);

    // I1–I2, then back to characters (a removed BN keeps the level of the
    // character before it) and to bytes.
    let level_of = |class: BidiClass| -> u8 {
        match (paragraph_level, class) {
            (0, R) => 1,
            (0, AN | EN) => 2,
            (0, _) => 0,
            (_, L | AN | EN) => paragraph_level + 1,
            _ => paragraph_level,
        }
    };
    levels.clear();
    levels.resize(text.len(), paragraph_level);
    let mut char_index = 0;
    let mut next_kept = 0;
    let mut level = paragraph_level;
    for (byte, slot) in text.bytes().zip(levels.iter_mut()) {
        // A character's first byte decides its level; the rest repeat it.
        if byte & 0xC0 != 0x80 {
            if !has_bn {
                level = level_of(types[char_index]);
            } else if kept.get(next_kept) == Some(&char_index) {
                level = level_of(types[next_kept]);
                next_kept += 1;
            }
            char_index += 1;
        }
        *slot = level;
    }
    Some(paragraph_level)
}

/// W1–W7 over the run sequence, in three passes.
fn resolve_weak(types: &mut [BidiClass], sos: BidiClass) {
    // W1: a mark takes the type of what it follows. W2: European digits
    // after Arabic letters are Arabic numbers. W3: Arabic letters are R.
    let mut previous = sos;
    let mut last_strong = sos;
    for t in types.iter_mut() {
        if *t == NSM {
            *t = previous;
        }
        previous = *t;
        match *t {
            L | R => last_strong = *t,
            AL => {
                last_strong = AL;
                *t = R;
            }
            EN if last_strong == AL => *t = AN,
            _ => {}
        }
    }
    // W4: one separator between two numbers of the same kind joins them.
    for i in 1..types.len().saturating_sub(1) {
        let (before, after) = (types[i - 1], types[i + 1]);
        types[i] = match (before, types[i], after) {
            (EN, ES | CS, EN) => EN,
            (AN, CS, AN) => AN,
            (_, t, _) => t,
        };
    }
    // W5: terminators next to European digits are European digits.
    // W6: other separators and terminators are neutral.
    // W7: European digits after L are L.
    let mut last_strong = sos;
    let mut previous_en = false; // the type before W7 was EN
    let mut i = 0;
    while i < types.len() {
        let t = types[i];
        if t == ET {
            let start = i;
            while i < types.len() && types[i] == ET {
                i += 1;
            }
            let digits = previous_en || (i < types.len() && types[i] == EN);
            let resolved = match (digits, last_strong) {
                (true, L) => L,
                (true, _) => EN,
                (false, _) => ON,
            };
            types[start..i].fill(resolved);
            previous_en = digits;
            continue;
        }
        previous_en = t == EN;
        match t {
            ES | CS => types[i] = ON,
            L | R => last_strong = t,
            EN if last_strong == L => types[i] = L,
            _ => {}
        }
        i += 1;
    }
}

/// The direction a resolved type gives its neighbours: numbers count as R.
fn strong(t: BidiClass) -> Option<BidiClass> {
    match t {
        L => Some(L),
        R | AL | EN | AN => Some(R),
        _ => None,
    }
}

/// N0: paired brackets take the direction of what they enclose.
fn resolve_brackets(
    types: &mut [BidiClass],
    original: &[BidiClass],
    brackets: &[Bracket],
    embedding: BidiClass,
) {
    const MAX_DEPTH: usize = 63;
    // BD16: pair openers and closers with a bounded stack.
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for bracket in brackets {
        if bracket.index >= types.len() || types[bracket.index] != ON {
            continue;
        }
        if bracket.is_open {
            if stack.len() == MAX_DEPTH {
                break;
            }
            stack.push((bracket.opening, bracket.index));
        } else if let Some(depth) = stack.iter().rposition(|&(o, _)| o == bracket.opening) {
            pairs.push((stack[depth].1, bracket.index));
            stack.truncate(depth);
        }
    }
    pairs.sort_unstable();

    let opposite = if embedding == L { R } else { L };
    for (open, close) in pairs {
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
            let mut next = at + 1;
            while next < types.len() && original[next] == NSM {
                types[next] = resolved;
                next += 1;
            }
        }
    }
}

/// N1–N2: neutrals between two of the same direction take it; the rest take
/// the embedding direction.
fn resolve_neutral(types: &mut [BidiClass], embedding: BidiClass) {
    let is_neutral = |t: BidiClass| matches!(t, B | S | WS | ON);
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

    #[test]
    fn explicit_embeddings_go_to_unicode_bidi() {
        assert!(resolve_simple("a\u{202B}b\u{202C}", BaseDirection::Auto).is_none());
        assert!(resolve_simple("a\u{2067}b\u{2069}", BaseDirection::Auto).is_none());
    }
}
