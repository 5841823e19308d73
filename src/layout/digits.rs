//! Digits shown in the reader's choice (`digits = keep|persian|latin`): a
//! step before the levels (1 of the pipeline), for right-to-left paragraphs.
//!
//! Input: a paragraph's logical text, the choice, and the byte ranges whose
//! digits stay (code spans, links that show their own address). Output: the
//! text to lay out, and a map from its offsets back to the paragraph's, so
//! every cell's [`Cell::source`] is an offset of the article's own text:
//! search, bookmarks and copy never see the digits shown.
//!
//! Why before the levels and not on the cells after reordering: Persian
//! (U+06F0–U+06F9) and Latin digits are bidi class EN, but Arabic-Indic
//! digits (U+0660–U+0669) are AN. After a Persian letter the two agree
//! (rule W2 makes EN after AL an AN), but at the start of a paragraph (or
//! after a Hebrew letter) they do not: "٥٠٪" (AN AN ET) leaves the percent
//! sign outside the number's run, to its left, while "۵۰٪" (EN EN ET) takes
//! it in, to its right; "١+٢" reads from the right and "۱+۲" from the left.
//! Converting first, the order shown is the order of the text as if the
//! article had been written with those digits.
//!
//! Which digits stay as written:
//! - all of a left-to-right paragraph;
//! - those in a left-to-right run: the nearest strong character before the
//!   digit (rule W7's view, across spaces and punctuation) is L, as in
//!   "iPhone 15" or "Windows 11" in a Persian sentence;
//! - those in a URL (`scheme://…`, `www.…`) or an e-mail address, found in
//!   the text here, and in the ranges the caller names.

use std::ops::Range;

use unicode_bidi::BidiClass::*;

use super::{BaseDirection, Cell, Digits, VisualLine, chars};

impl Digits {
    /// The digit `c` is shown as, if it is a digit (Latin, Persian or
    /// Arabic-Indic) that this choice writes otherwise.
    ///
    /// `i18n::DigitSet` (the chrome's digits) reads digits with the same
    /// [`digit_value`]; tests/layout_digits.rs holds the two to the same
    /// answers.
    pub fn shown(self, c: char) -> Option<char> {
        let zero = match self {
            Digits::Keep => return None,
            Digits::Persian => '\u{06F0}',
            Digits::Latin => '0',
        };
        let value = digit_value(c)?;
        char::from_u32(zero as u32 + value).filter(|&shown| shown != c)
    }
}

/// The value of a digit: Latin (0–9), Persian (۰–۹, U+06F0–U+06F9) or
/// Arabic-Indic (٠–٩, U+0660–U+0669). The one place barg reads digits of
/// the three sets: the engine, the chrome (`i18n`) and counts typed in the
/// reader (`ui::keymap`) use it.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        _ => None,
    }
}

/// A paragraph's text with its digits converted, and the way back.
#[derive(Debug)]
pub(super) struct Converted {
    pub(super) text: String,
    /// Each converted digit: its offset in `text`, its offset in the
    /// paragraph, and their byte lengths (in `text`, in the paragraph).
    changes: Vec<Change>,
}

/// Offsets are u32 (paragraphs are shorter than 4 GiB, as cells count
/// them): a paragraph of 50 MB of numbers holds millions of these.
#[derive(Clone, Copy, Debug)]
struct Change {
    at: u32,
    from: u32,
    len: u8,
    from_len: u8,
}

impl Converted {
    /// The paragraph's offset for offset `at` of the converted text (a
    /// character boundary).
    pub(super) fn original(&self, at: usize) -> usize {
        let i = self.changes.partition_point(|c| c.at as usize <= at);
        let Some(change) = i.checked_sub(1).map(|i| self.changes[i]) else {
            return at;
        };
        let (change_at, from) = (change.at as usize, change.from as usize);
        if at < change_at + usize::from(change.len) {
            // Inside a converted digit: no cell starts or ends there.
            return from;
        }
        at - change_at - usize::from(change.len) + from + usize::from(change.from_len)
    }

    /// Point `line`'s cells and range at the paragraph's offsets; what the
    /// cells draw stays converted.
    pub(super) fn restore(&self, line: &mut VisualLine) {
        if self.changes.is_empty() {
            return;
        }
        for cell in &mut line.cells {
            let Cell { start, end, .. } = cell;
            *start = self.original(*start as usize) as u32;
            *end = self.original(*end as usize) as u32;
        }
        line.range = self.original(line.range.start)..self.original(line.range.end);
    }
}

/// `text` with its digits written as `digits` says, or None when nothing
/// changes: a left-to-right paragraph, or no digit to convert. `keep` are
/// byte ranges of `text` whose digits stay.
pub(super) fn convert(
    text: &str,
    direction: BaseDirection,
    digits: Digits,
    keep: &[Range<usize>],
) -> Option<Converted> {
    if digits == Digits::Keep || !text.chars().any(|c| digits.shown(c).is_some()) {
        return None;
    }
    let rtl = match direction {
        BaseDirection::Rtl => true,
        BaseDirection::Ltr => false,
        BaseDirection::Auto => first_strong_is_rtl(text),
    };
    if !rtl {
        return None;
    }
    let mut kept = Kept::new(keep.iter().cloned().chain(addresses(text)).collect());
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut changes = Vec::new();
    let mut strong = Strong::new();
    for (at, c) in text.char_indices() {
        strong.see(c);
        match digits.shown(c) {
            Some(shown) if !strong.ltr() && !kept.holds(at) => {
                changes.push(Change {
                    at: out.len() as u32,
                    from: at as u32,
                    len: shown.len_utf8() as u8,
                    from_len: c.len_utf8() as u8,
                });
                out.push(shown);
            }
            _ => out.push(c),
        }
    }
    (!changes.is_empty()).then_some(Converted { text: out, changes })
}

/// Ranges whose digits stay, asked in the order of the text: a walk along
/// them, so a paragraph of many addresses and digits costs no more than
/// its length.
struct Kept {
    ranges: Vec<Range<usize>>,
    next: usize,
}

impl Kept {
    fn new(mut ranges: Vec<Range<usize>>) -> Kept {
        ranges.sort_by_key(|r| r.start);
        // Overlapping ranges (a link inside a span) become one.
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        Kept {
            ranges: merged,
            next: 0,
        }
    }

    /// Whether offset `at` is in a range; `at` never goes back.
    fn holds(&mut self, at: usize) -> bool {
        while self.ranges.get(self.next).is_some_and(|r| r.end <= at) {
            self.next += 1;
        }
        self.ranges.get(self.next).is_some_and(|r| r.contains(&at))
    }
}

/// The nearest strong direction before a character, as rule W7 sees it:
/// the paragraph's (R: only right-to-left paragraphs get here) until a
/// strong character. An isolate is skipped by the text around it and
/// starts in its own direction; an embedding or override starts in its
/// direction.
struct Strong {
    ltr: bool,
    isolates: Vec<bool>,
}

impl Strong {
    fn new() -> Strong {
        Strong {
            ltr: false,
            isolates: Vec::new(),
        }
    }

    fn ltr(&self) -> bool {
        self.ltr
    }

    fn see(&mut self, c: char) {
        match chars::bidi_class(c) {
            L | LRE | LRO => self.ltr = true,
            R | AL | RLE | RLO => self.ltr = false,
            LRI | RLI | FSI => {
                // The isolates' depth is capped as the algorithm caps it, so
                // hostile input costs no memory.
                if self.isolates.len() < 125 {
                    self.isolates.push(self.ltr);
                }
                self.ltr = chars::bidi_class(c) != RLI;
            }
            PDI => {
                if let Some(outside) = self.isolates.pop() {
                    self.ltr = outside;
                }
            }
            _ => {}
        }
    }
}

/// Rules P2–P3: the first strong character outside isolates is R or AL.
/// Paragraph separators inside the text are neutral, as for the levels
/// (see `sanitize`).
fn first_strong_is_rtl(text: &str) -> bool {
    let mut depth = 0usize;
    for c in text.chars() {
        match chars::bidi_class(c) {
            LRI | RLI | FSI => depth += 1,
            PDI => depth = depth.saturating_sub(1),
            L if depth == 0 => return false,
            R | AL if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// The words of `text` that are URLs or e-mail addresses: runs of
/// non-space characters with `://`, starting with `www.`, or with an `@`
/// between a name and a dotted domain.
fn addresses(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, c.is_whitespace()) {
            (None, false) => start = Some(at),
            (Some(from), true) => {
                if is_address(&text[from..at]) {
                    found.push(from..at);
                }
                start = None;
            }
            _ => {}
        }
    }
    found
}

fn is_address(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.contains("://")
        || word
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
    {
        return true;
    }
    let Some((name, domain)) = word.split_once('@') else {
        return false;
    };
    name.chars().next_back().is_some_and(char::is_alphanumeric)
        && domain
            .split_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && tld.starts_with(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_whole_words() {
        let text = "نشانی https://x.ir/1404 و ali@mail.ir و www.a.ir/2 و 1404";
        let found: Vec<&str> = addresses(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["https://x.ir/1404", "ali@mail.ir", "www.a.ir/2"]);
    }

    #[test]
    fn offsets_map_back_across_converted_digits() {
        let text = "سال 1404 و ۱۴۰۴";
        let converted =
            convert(text, BaseDirection::Auto, Digits::Persian, &[]).expect("converted");
        assert_eq!(converted.text, "سال ۱۴۰۴ و ۱۴۰۴");
        let one = converted.text.find('۱').expect("a Persian one");
        assert_eq!(converted.original(one), text.find('1').expect("a one"));
        assert_eq!(converted.original(converted.text.len()), text.len());
    }
}
