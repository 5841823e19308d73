//! Character properties for the blocks Persian text lives in, looked up once
//! from the Unicode crates into a flat table. Every layout step asks about
//! every character; a binary search per question was a third of the time.
//!
//! The table is a cache, not a source: each entry is computed from the same
//! crate function that answers for characters outside the cached blocks.

use std::sync::LazyLock;

use unicode_bidi::data_source::BidiDataSource;
use unicode_bidi::{BidiClass, HardcodedBidiData};
use unicode_joining_type::{JoiningType, get_joining_type};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Latin, Greek, Cyrillic, Hebrew, Arabic, Syriac; general punctuation;
/// Arabic presentation forms.
const BLOCKS: [(u32, u32); 3] = [(0, 0x800), (0x2000, 0x2070), (0xFB50, 0xFF00)];

#[derive(Clone, Copy, Debug)]
pub struct CharInfo {
    pub bidi: BidiClass,
    pub joining: JoiningType,
    pub mirrored: Option<char>,
    /// Columns, as `unicode-width` counts them for the character alone.
    pub width: u8,
    /// A grapheme boundary lies between two such characters, whatever they are.
    pub standalone: bool,
    /// Never drawn (`sanitize::is_dropped`).
    pub dropped: bool,
    /// Joins the character before it and nothing else (grapheme break
    /// property Extend or SpacingMark, not ZWJ), with no width of its own:
    /// ZWNJ, harakat.
    pub extends: bool,
    /// Takes such marks after it (not a control, CR or LF).
    pub takes_marks: bool,
    /// What to draw for each joining form (`shape::Form` as the index):
    /// the presentation forms of a letter, the character itself otherwise.
    pub forms: [char; 4],
}

/// The cached properties of the blocks, in order.
#[derive(Debug)]
pub struct Table(Vec<CharInfo>);

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let infos = BLOCKS
        .iter()
        .flat_map(|&(start, end)| start..end)
        .map(|code| {
            let c = char::from_u32(code).unwrap_or('\u{FFFD}');
            CharInfo {
                bidi: HardcodedBidiData.bidi_class(c),
                joining: get_joining_type(c),
                mirrored: unicode_bidi_mirroring::get_mirrored(c),
                width: UnicodeWidthChar::width(c).unwrap_or(0) as u8,
                standalone: is_standalone(c),
                dropped: super::sanitize::is_dropped(c),
                extends: extends(c),
                takes_marks: clusters(&[c, '\u{200C}']) == 1,
                forms: super::shape::forms_of(c),
            }
        })
        .collect();
    Table(infos)
});

/// The table, for a loop that looks up every character: fetched once, it
/// spares each look-up the check that the table is built.
#[inline]
pub fn table() -> &'static Table {
    &TABLE
}

impl Table {
    /// The cached properties of `c`, if it lies in the cached blocks.
    #[inline(always)]
    pub fn get(&self, c: char) -> Option<&CharInfo> {
        let code = c as u32;
        if code < BLOCKS[0].1 {
            return self.0.get(code as usize);
        }
        let mut offset = 0;
        for &(start, end) in &BLOCKS {
            if code < start {
                return None;
            }
            if code < end {
                return self.0.get(offset + (code - start) as usize);
            }
            offset += (end - start) as usize;
        }
        None
    }

    /// [`joining_type`].
    #[inline]
    pub fn joining_type(&self, c: char) -> JoiningType {
        self.get(c)
            .map_or_else(|| get_joining_type(c), |i| i.joining)
    }
}

/// How many grapheme clusters `chars` make, written one after another:
/// the table's questions to `unicode-segmentation`, asked of a string on
/// the stack at each boundary between the characters (a formatted string
/// and a count of its clusters cost the table most of its build, a few
/// milliseconds of every start).
fn clusters(chars: &[char]) -> usize {
    let mut buf = [0u8; 16];
    let mut len = 0;
    let mut between = [0; 4];
    for (i, c) in chars.iter().enumerate() {
        len += c.encode_utf8(&mut buf[len..]).len();
        between[i] = len;
    }
    let Ok(text) = std::str::from_utf8(&buf[..len]) else {
        return 0;
    };
    1 + between[..chars.len() - 1]
        .iter()
        .filter(|&&at| {
            GraphemeCursor::new(at, len, true)
                .is_boundary(text, 0)
                .unwrap_or(true)
        })
        .count()
}

/// No grapheme rule joins `c` to a neighbour: a base that takes no prefix,
/// is not itself an extender, and does not pair with its own kind (Hangul
/// jamo, regional indicators). Between two such characters there is always
/// a boundary.
fn is_standalone(c: char) -> bool {
    c != '\r' && clusters(&['a', c]) == 2 && clusters(&[c, 'a']) == 2 && clusters(&[c, c]) == 2
}

/// `c` joins the character before it (whatever that is, but for rules that
/// need a ZWJ, which is excluded) and breaks before the next, and has no
/// width: the grapheme break property Extend, as ZWNJ and harakat have.
fn extends(c: char) -> bool {
    c != '\u{200D}'
        && UnicodeWidthChar::width(c).unwrap_or(0) == 0
        && clusters(&['a', c]) == 1
        && clusters(&[c, 'a']) == 2
        && clusters(&['\u{1100}', c, '\u{1161}']) == 2
        && clusters(&['\u{1F1EE}', c, '\u{1F1F7}']) == 2
}

/// The cached properties of `c`, if it lies in the cached blocks.
#[inline]
pub fn info(c: char) -> Option<&'static CharInfo> {
    TABLE.get(c)
}

#[inline]
pub fn joining_type(c: char) -> JoiningType {
    TABLE.joining_type(c)
}

pub fn mirrored(c: char) -> Option<char> {
    match info(c) {
        Some(i) => i.mirrored,
        None => unicode_bidi_mirroring::get_mirrored(c),
    }
}

/// What the layout needs to know of a grapheme it is about to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphemeInfo {
    /// Columns, as `unicode-width` counts them.
    pub width: usize,
    /// Nothing but whitespace (bidi class WS).
    pub whitespace: bool,
    /// Some character has a mirrored glyph.
    pub mirrors: bool,
}

impl GraphemeInfo {
    /// Every presentation form the shaping table gives (a test checks each):
    /// one column, a letter, no mirrored glyph. The shaper takes it without
    /// looking the form up.
    pub const PRESENTATION_FORM: GraphemeInfo = GraphemeInfo {
        width: 1,
        whitespace: false,
        mirrors: false,
    };

    /// A grapheme of one character, from its cached properties.
    #[inline]
    pub fn of(info: &CharInfo) -> GraphemeInfo {
        GraphemeInfo {
            width: usize::from(info.width),
            whitespace: info.bidi == BidiClass::WS,
            mirrors: info.mirrored.is_some(),
        }
    }
}

pub fn grapheme_info(grapheme: &str) -> GraphemeInfo {
    let mut chars = grapheme.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && let Some(info) = info(c)
    {
        return GraphemeInfo {
            width: usize::from(info.width),
            whitespace: info.bidi == BidiClass::WS,
            mirrors: info.mirrored.is_some(),
        };
    }
    GraphemeInfo {
        width: grapheme.width(),
        // A joiner kept after a space (for a terminal that shapes) does not
        // make the space a visible character.
        whitespace: grapheme
            .chars()
            .all(|c| matches!(c, '\u{200C}' | '\u{200D}') || bidi_class(c) == BidiClass::WS),
        mirrors: grapheme.chars().any(|c| mirrored(c).is_some()),
    }
}

#[inline]
pub fn bidi_class(c: char) -> BidiClass {
    BidiData.bidi_class(c)
}

/// The bidi classes of `unicode_bidi`'s own data, answered from the table.
#[derive(Clone, Copy, Debug)]
pub struct BidiData;

impl BidiDataSource for BidiData {
    #[inline]
    fn bidi_class(&self, c: char) -> BidiClass {
        info(c).map_or_else(|| HardcodedBidiData.bidi_class(c), |i| i.bidi)
    }
}

/// The end of the grapheme cluster that starts at `start` (a boundary).
#[inline]
pub fn grapheme_end(text: &str, start: usize) -> usize {
    Graphemes::new(text, start).next().map_or(start, |g| g.end)
}

/// [`grapheme_end`] by the rules of `unicode-segmentation`.
fn grapheme_end_slow(text: &str, start: usize) -> usize {
    let cluster = text[start..]
        .graphemes(true)
        .next()
        .unwrap_or(&text[start..]);
    // A terminal starts a new cell at every character that has a width of
    // its own (wcwidth), whatever Unicode's clusters say: an emoji ZWJ
    // sequence (whose joiners barg drops), an emoji with skin-tone
    // modifiers, a run of Hangul leading jamo. Cut the cluster there, so
    // that the columns barg counts are the columns a terminal draws.
    let own_cell = cluster
        .char_indices()
        .skip(1)
        .find(|&(_, c)| char_width(c) > 0)
        .map_or(cluster.len(), |(at, _)| at);
    start + own_cell
}

/// Columns of `c` alone, as `unicode-width` (and a terminal's wcwidth) count them.
fn char_width(c: char) -> usize {
    info(c).map_or_else(
        || UnicodeWidthChar::width(c).unwrap_or(0),
        |i| usize::from(i.width),
    )
}

/// The grapheme clusters of `text` with their byte offsets.
#[cfg(test)]
fn graphemes(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    Graphemes::new(text, 0).map(|g| (g.start, &text[g.start..g.end]))
}

/// A grapheme cluster of a text: `text[start..end]`.
#[derive(Clone, Copy, Debug)]
pub struct Grapheme {
    pub start: usize,
    pub end: usize,
    /// Its character and that character's cached properties, when it is
    /// one character of the cached blocks: most are, and the layout then
    /// needs no other look-up.
    pub single: Option<(char, &'static CharInfo)>,
}

/// The grapheme clusters of a text from a boundary on, each character
/// decoded and looked up once.
#[derive(Clone, Debug)]
pub struct Graphemes<'a> {
    text: &'a str,
    at: usize,
    table: &'static Table,
    /// The character at `at` and its entry, when the last cluster's end
    /// was found by looking at it.
    ahead: Option<(char, usize, &'static CharInfo)>,
}

impl<'a> Graphemes<'a> {
    /// The clusters of `text` from `from` (a boundary) to its end.
    pub fn new(text: &'a str, from: usize) -> Self {
        Graphemes {
            text,
            at: from,
            table: table(),
            ahead: None,
        }
    }
}

/// The character at byte `at` of `text`, a character boundary, and its
/// length: one- and two-byte characters (Latin, Arabic) straight from the bytes.
#[inline(always)]
pub fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(at)?;
    if lead < 0xE0 {
        // One byte or two, chosen without a branch: spaces and letters
        // alternate as the words do.
        let two = lead >= 0x80;
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        let code = if two {
            u32::from(lead & 0x1F) << 6 | u32::from(next & 0x3F)
        } else {
            u32::from(lead)
        };
        return char::from_u32(code).map(|c| (c, 1 + usize::from(two)));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

impl Iterator for Graphemes<'_> {
    type Item = Grapheme;

    #[inline(always)]
    fn next(&mut self) -> Option<Grapheme> {
        let start = self.at;
        let (c, len, base) = match self.ahead.take() {
            Some((c, len, info)) => (c, len, Some(info)),
            None => {
                let (c, len) = char_at(self.text, start)?;
                (c, len, self.table.get(c))
            }
        };
        let mut end = start + len;
        // A character no rule joins to its neighbours, with the marks and
        // joiners it takes (ZWNJ, harakat), is a cluster of its own when
        // the next character is one too (or the text ends).
        let fast = match base {
            Some(base) if base.standalone => loop {
                match char_at(self.text, end) {
                    None => break true,
                    Some((next, next_len)) => match self.table.get(next) {
                        Some(i) if i.standalone => {
                            self.ahead = Some((next, next_len, i));
                            break true;
                        }
                        Some(i) if i.extends && base.takes_marks => end += next_len,
                        _ => break false,
                    },
                }
            },
            _ => false,
        };
        if !fast {
            end = grapheme_end_slow(self.text, start);
        }
        self.at = end;
        let single = if end == start + len {
            base.map(|info| (c, info))
        } else {
            None
        };
        Some(Grapheme { start, end, single })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphemes_agree_with_unicode_segmentation() {
        let samples = [
            "می‌خواهم کتاب‌ها را",
            "سَلَامٌ عَلَيْكُمْ",
            "e\u{301}\r\n a\u{200D}b ﻻ \u{1100}\u{1161}\u{11A8} ❤\u{FE0F}",
        ];
        for text in samples {
            let ours: Vec<_> = graphemes(text).collect();
            let theirs: Vec<_> = text.grapheme_indices(true).collect();
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn the_fast_path_finds_the_clusters_the_rules_give() {
        let alphabet = [
            'ب',
            'a',
            ' ',
            '\u{200C}',
            '\u{200D}',
            '\u{64E}',
            '\u{651}',
            '\u{301}',
            '©',
            '\u{FE0F}',
            '\u{600}',
            '\r',
            '\n',
            '\u{1100}',
            '\u{1161}',
            '\u{1F1EE}',
            '\u{903}',
        ];
        let mut text = String::new();
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &alphabet {
                    for &d in &['ب', '\u{200C}', '\u{64E}'] {
                        text.clear();
                        text.extend([a, b, c, d]);
                        let mut start = 0;
                        while start < text.len() {
                            let end = grapheme_end(&text, start);
                            assert_eq!(end, grapheme_end_slow(&text, start), "{text:?} at {start}");
                            start = end;
                        }
                    }
                }
            }
        }
    }

    /// The table asks `unicode-segmentation` about pairs without making
    /// strings; every cached character gets the answers counting the
    /// clusters of formatted strings gives.
    #[test]
    fn the_table_s_grapheme_answers_are_the_clusters_of_strings() {
        let count = |s: String| s.graphemes(true).count();
        for code in BLOCKS.iter().flat_map(|&(start, end)| start..end) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let info = info(c).expect("a cached character");
            let standalone = c != '\r'
                && count(format!("a{c}")) == 2
                && count(format!("{c}a")) == 2
                && count(format!("{c}{c}")) == 2;
            let extends = c != '\u{200D}'
                && UnicodeWidthChar::width(c).unwrap_or(0) == 0
                && count(format!("a{c}")) == 1
                && count(format!("{c}a")) == 2
                && count(format!("\u{1100}{c}\u{1161}")) == 2
                && count(format!("\u{1F1EE}{c}\u{1F1F7}")) == 2;
            let takes_marks = count(format!("{c}\u{200C}")) == 1;
            assert_eq!(
                (info.standalone, info.extends, info.takes_marks),
                (standalone, extends, takes_marks),
                "U+{code:04X}"
            );
        }
    }

    #[test]
    fn a_cluster_is_cut_where_a_terminal_starts_a_new_cell() {
        let cells = |text: &'static str| graphemes(text).map(|(_, g)| g).collect::<Vec<_>>();
        // Every character with a width of its own starts a cell.
        assert_eq!(cells("👩\u{200D}🔬"), ["👩\u{200D}", "🔬"]);
        assert_eq!(cells("👍🏽"), ["👍", "🏽"]);
        assert_eq!(cells("🇮🇷"), ["🇮", "🇷"]);
        assert_eq!(
            cells("\u{1100}\u{1100}\u{1161}\u{11A8}"),
            ["\u{1100}", "\u{1100}\u{1161}\u{11A8}"]
        );
        assert_eq!(cells("\u{600}\u{661}"), ["\u{600}", "\u{661}"]);
    }

    #[test]
    fn cached_properties_match_the_crates() {
        for c in ['(', 'ب', '«', '\u{200C}', '\u{FEFB}', 'Z', '\u{5D0}'] {
            assert_eq!(BidiData.bidi_class(c), HardcodedBidiData.bidi_class(c));
            assert_eq!(joining_type(c), get_joining_type(c));
            assert_eq!(mirrored(c), unicode_bidi_mirroring::get_mirrored(c));
            assert_eq!(grapheme_info(&c.to_string()).width, c.to_string().width());
        }
    }
}
