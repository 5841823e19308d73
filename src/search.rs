//! Matching text the way a Persian reader means it.
//!
//! The same words reach an article in several spellings: Arabic ي and ك for
//! Persian ی and ک, with or without harakat, with a ZWNJ or without, with
//! Persian, Arabic-Indic or Latin digits. A search (and a bookmark's quote)
//! should find all of them, so both sides are *folded* first and compared in
//! folded form; matches are reported as byte ranges of the original text.
//!
//! Folding:
//! - ي (U+064A) and ى (U+0649) become ی (U+06CC); ك (U+0643) becomes ک (U+06A9);
//!   ۀ (U+06C0) becomes ه (its hamza is a mark, and marks are dropped);
//! - Arabic-script combining marks (harakat U+064B–U+065F, U+0670, Quranic
//!   marks) and tatweel are dropped;
//! - every character the screen never draws is dropped: ZWNJ, ZWJ, ZWSP,
//!   word joiner, the bidi marks, embeddings and isolates, U+FEFF, soft
//!   hyphen, controls (the set of `layout::classes`, from Unicode
//!   properties), but line breaks, which are whitespace;
//! - Persian (۰–۹) and Arabic-Indic (٠–٩) digits become Latin digits;
//! - letters with case become lower case;
//! - every run of whitespace becomes one space.
//!
//! A match starts at its first letter and ends after its last letter together
//! with the marks on that letter, so a quote of «سلام» found in «سلامٌ» takes
//! the tanwin along.

use std::ops::Range;

use rayon::prelude::*;

use crate::article::Article;
use crate::layout::classes;

/// Text in folded form, with the way back to the original's byte offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Stretches of `text`, in order, each mapped onto the original.
    runs: Vec<Run>,
}

/// A stretch of folded text and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    /// Where the run starts in the folded text.
    folded: usize,
    /// Where it starts in the original.
    original: usize,
    /// Where it ends in the original, marks on its last letter included.
    original_end: usize,
    /// Byte `i` of the run is byte `i` of the original (before trailing
    /// marks). Otherwise the run is one replaced character.
    verbatim: bool,
}

/// What folding does with one character.
enum Class {
    Keep,
    Replace(char),
    /// The space character, kept as it is.
    Blank,
    /// Any other whitespace: becomes a space.
    Space,
    /// A combining mark: dropped, but it stays with the letter before it.
    Mark,
    /// Dropped without trace.
    Invisible,
}

fn classify(c: char) -> Class {
    // Fast answers for ASCII and the Arabic letters, which are most of a text.
    if c.is_ascii() {
        return match c {
            ' ' => Class::Blank,
            c if c.is_whitespace() => Class::Space,
            c if c.is_ascii_control() => Class::Invisible,
            c if c.is_ascii_uppercase() => Class::Replace(c.to_ascii_lowercase()),
            _ => Class::Keep,
        };
    }
    if ('\u{0621}'..='\u{06D5}').contains(&c)
        && !matches!(
            c,
            '\u{0640}' | '\u{0643}' | '\u{0649}'..='\u{0670}' | '\u{06C0}'
        )
    {
        return Class::Keep;
    }
    match c {
        c if c.is_whitespace() => Class::Space,
        '\u{064A}' | '\u{0649}' => Class::Replace('\u{06CC}'),
        '\u{0643}' => Class::Replace('\u{06A9}'),
        '\u{06C0}' => Class::Replace('\u{0647}'),
        '\u{06F0}'..='\u{06F9}' => Class::Replace(shift_digit(c, 0x06F0)),
        '\u{0660}'..='\u{0669}' => Class::Replace(shift_digit(c, 0x0660)),
        c if classes::is_arabic_mark(c) => Class::Mark,
        // Tatweel only stretches a join; the rest is never drawn.
        '\u{0640}' => Class::Invisible,
        c if classes::is_never_drawn(c) => Class::Invisible,
        // Hebrew, Arabic and Syriac have no case: spare them the look-up.
        c if !('\u{0590}'..='\u{08FF}').contains(&c) && c.is_uppercase() => {
            // Only one-to-one case mappings, so that a folded character
            // always stands for one original character.
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Class::Replace(l),
                _ => Class::Keep,
            }
        }
        _ => Class::Keep,
    }
}

fn shift_digit(c: char, zero: u32) -> char {
    char::from_digit(u32::from(c) - zero, 10).unwrap_or(c)
}

/// One step of folding: what a character of the original becomes.
enum Step {
    /// A mark, hanging on the character before it.
    Mark,
    /// The character itself.
    Verbatim(char),
    /// Another character (or a space for a run of whitespace).
    Replaced(char),
}

/// Walk `text` as folding sees it, handing each step and the character's
/// byte offset to `each`; dropped characters give no step.
fn walk(text: &str, mut each: impl FnMut(usize, char, Step)) {
    // Whether the last character kept is a space, so that a run of
    // whitespace (with invisibles inside it) becomes one space.
    let mut after_space = false;
    for (at, c) in text.char_indices() {
        let class = classify(c);
        let step = match class {
            Class::Invisible => continue,
            Class::Mark => {
                if !after_space {
                    each(at, c, Step::Mark);
                }
                continue;
            }
            Class::Space | Class::Blank if after_space => continue,
            Class::Space => Step::Replaced(' '),
            Class::Blank | Class::Keep => Step::Verbatim(c),
            Class::Replace(r) => Step::Replaced(r),
        };
        after_space = matches!(class, Class::Space | Class::Blank);
        each(at, c, step);
    }
}

/// The folded characters of `text`, without the map back to it: for a
/// fingerprint of a whole article.
pub fn folded_chars(text: &str, mut each: impl FnMut(char)) {
    walk(text, |_, _, step| match step {
        Step::Mark => {}
        Step::Verbatim(c) | Step::Replaced(c) => each(c),
    });
}

/// Fold `text` for matching; see the module notes for what changes.
pub fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        runs: Vec::new(),
    };
    walk(text, |at, c, step| {
        let end = at + c.len_utf8();
        match step {
            Step::Mark => {
                // The mark hangs on the letter right before it, if any.
                if let Some(last) = folded.runs.last_mut()
                    && last.original_end == at
                {
                    last.original_end = end;
                }
            }
            Step::Verbatim(c) => folded.push_verbatim(c, at),
            Step::Replaced(r) => {
                folded.runs.push(Run {
                    folded: folded.text.len(),
                    original: at,
                    original_end: end,
                    verbatim: false,
                });
                folded.text.push(r);
            }
        }
    });
    folded
}

impl Folded {
    fn push_verbatim(&mut self, c: char, at: usize) {
        let end = at + c.len_utf8();
        let here = self.text.len();
        match self.runs.last_mut() {
            // Extend the run while the two texts still advance in step.
            Some(last)
                if last.verbatim
                    && last.original_end == at
                    && last.original + (here - last.folded) == at =>
            {
                last.original_end = end;
            }
            _ => self.runs.push(Run {
                folded: here,
                original: at,
                original_end: end,
                verbatim: true,
            }),
        }
        self.text.push(c);
    }

    /// The range of the original text that a range of the folded text stands
    /// for. An empty range maps to an empty range at its start.
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let start = self.original_start(folded.start);
        if folded.end <= folded.start {
            return start..start;
        }
        let index = self.run_at(folded.end - 1);
        let Some(run) = self.runs.get(index) else {
            return start..start;
        };
        let run_end = self
            .runs
            .get(index + 1)
            .map_or(self.text.len(), |next| next.folded);
        let end = if run.verbatim && folded.end < run_end {
            run.original + (folded.end - run.folded)
        } else {
            run.original_end
        };
        start..end.max(start)
    }

    fn original_start(&self, folded: usize) -> usize {
        if folded >= self.text.len() {
            return self.runs.last().map_or(0, |run| run.original_end);
        }
        match self.runs.get(self.run_at(folded)) {
            Some(run) if run.verbatim => run.original + (folded - run.folded),
            Some(run) => run.original,
            None => 0,
        }
    }

    /// The index of the run that holds folded byte `at`.
    fn run_at(&self, at: usize) -> usize {
        self.runs
            .partition_point(|run| run.folded <= at)
            .saturating_sub(1)
    }
}

/// The folded form of a search or a quote: folded, without the spaces at its
/// ends. Empty when nothing in `needle` can be matched.
pub fn fold_needle(needle: &str) -> String {
    fold(needle).text.trim_matches(' ').to_string()
}

/// Every place where `needle` occurs in `haystack`, compared in folded form,
/// as byte ranges of `haystack`, in order and not overlapping. A needle with
/// nothing to match (empty, only spaces or marks) occurs nowhere.
pub fn find_all(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let needle = fold_needle(needle);
    if needle.is_empty() {
        return Vec::new();
    }
    let haystack = fold(haystack);
    haystack
        .text
        .match_indices(needle.as_str())
        .map(|(at, _)| haystack.original_range(at..at + needle.len()))
        .collect()
}

/// Whether `a` and `b` read the same once folded (ends trimmed).
pub fn same_text(a: &str, b: &str) -> bool {
    a == b || fold_needle(a) == fold_needle(b)
}

/// Where a search matched one article of a library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleHits {
    /// The article's index in the library searched.
    pub index: usize,
    /// The title matches.
    pub title_hit: bool,
    /// Matches in the text (not overlapping).
    pub hits: usize,
    /// The first match in the text, as a byte range of it.
    pub first: Option<Range<usize>>,
}

/// A library's titles and texts, folded once so that a search at every
/// keystroke only scans folded text (a substring search over memory)
/// instead of folding every article again.
#[derive(Clone, Debug, Default)]
pub struct LibraryIndex {
    articles: Vec<(Folded, Folded)>,
}

impl LibraryIndex {
    /// Fold every article's title and text, in parallel.
    pub fn new<A: std::borrow::Borrow<Article> + Sync>(articles: &[A]) -> LibraryIndex {
        LibraryIndex {
            articles: articles
                .par_iter()
                .map(|a| {
                    let a = a.borrow();
                    (fold(&a.title), fold(&a.text))
                })
                .collect(),
        }
    }

    /// Add an article after those indexed.
    pub fn push(&mut self, article: &Article) {
        self.articles
            .push((fold(&article.title), fold(&article.text)));
    }

    /// How many articles are indexed.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The articles whose title or text holds `query` (compared in folded
    /// form, as [`find_all`] does), in library order. A query with nothing
    /// to match finds nothing.
    pub fn search(&self, query: &str) -> Vec<ArticleHits> {
        let needle = fold_needle(query);
        if needle.is_empty() {
            return Vec::new();
        }
        let needle = needle.as_str();
        self.articles
            .par_iter()
            .enumerate()
            .filter_map(|(index, (title, text))| {
                let title_hit = title.text.contains(needle);
                let mut matches = text.text.match_indices(needle);
                let first = matches
                    .next()
                    .map(|(at, _)| text.original_range(at..at + needle.len()));
                let hits = usize::from(first.is_some()) + matches.count();
                (title_hit || hits > 0).then_some(ArticleHits {
                    index,
                    title_hit,
                    hits,
                    first,
                })
            })
            .collect()
    }
}

/// Search `articles` once for `query`: see [`LibraryIndex::search`]. To
/// search the same articles again, keep a [`LibraryIndex`].
pub fn in_articles(articles: &[Article], query: &str) -> Vec<ArticleHits> {
    if fold_needle(query).is_empty() {
        return Vec::new();
    }
    LibraryIndex::new(articles).search(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(haystack: &'a str, needle: &str) -> Vec<&'a str> {
        find_all(haystack, needle)
            .into_iter()
            .map(|range| &haystack[range])
            .collect()
    }

    #[test]
    fn arabic_yeh_and_kaf_find_persian_yeh_and_kaf() {
        assert_eq!(found("کتابی خوب", "كتابي"), ["کتابی"]);
        assert_eq!(found("كتابي خوب", "کتابی"), ["كتابي"]);
        assert_eq!(found("موسى", "موسی"), ["موسى"]);
    }

    #[test]
    fn zwnj_and_its_absence_match_each_other() {
        assert_eq!(found("کتاب‌ها را", "کتابها"), ["کتاب‌ها"]);
        assert_eq!(found("کتابها را", "کتاب‌ها"), ["کتابها"]);
        assert_eq!(found("می‍خواهم", "میخواهم"), ["می‍خواهم"]);
        // A zero-width space typed where a ZWNJ belongs, and bidi marks.
        assert_eq!(found("کتاب\u{200B}ها", "کتاب‌ها"), ["کتاب\u{200B}ها"]);
        assert_eq!(found("\u{200F}کتاب\u{200F}", "کتاب"), ["کتاب"]);
    }

    #[test]
    fn harakat_are_ignored_and_stay_with_their_letter() {
        // The tanwin on the last letter belongs to the match.
        assert_eq!(found("سلامٌ بر تو", "سلام"), ["سلامٌ"]);
        assert_eq!(found("کِتاب", "کتاب"), ["کِتاب"]);
        assert_eq!(found("کتاب", "کِتابْ"), ["کتاب"]);
        assert_eq!(found("قرآنٰ", "قرآن"), ["قرآنٰ"]);
    }

    #[test]
    fn tatweel_is_ignored() {
        assert_eq!(found("بـــزرگ", "بزرگ"), ["بـــزرگ"]);
    }

    #[test]
    fn persian_arabic_and_latin_digits_are_equal() {
        assert_eq!(found("سال ۱۴۰۳ بود", "1403"), ["۱۴۰۳"]);
        assert_eq!(found("سال ١٤٠٣ بود", "۱۴۰۳"), ["١٤٠٣"]);
        assert_eq!(found("year 1403", "۱۴۰۳"), ["1403"]);
    }

    #[test]
    fn latin_case_is_ignored() {
        assert_eq!(found("Rust and RUST", "rust"), ["Rust", "RUST"]);
        assert_eq!(found("ÉCOLE", "école"), ["ÉCOLE"]);
    }

    #[test]
    fn whitespace_runs_match_one_space() {
        assert_eq!(found("یک  \n دو", "یک دو"), ["یک  \n دو"]);
        assert_eq!(found("یک دو", "  یک\tدو "), ["یک دو"]);
    }

    #[test]
    fn ranges_are_byte_offsets_of_the_original() {
        let text = "متنِ اول. کتاب‌های خوب.";
        let ranges = find_all(text, "كتابهاي");
        assert_eq!(ranges.len(), 1);
        let range = ranges[0].clone();
        assert_eq!(&text[range.clone()], "کتاب‌های");
        assert_eq!(range.start, text.find('ک').expect("کتاب is in the text"));
    }

    #[test]
    fn every_occurrence_is_found_in_order() {
        assert_eq!(found("ی ي ى", "ی"), ["ی", "ي", "ى"]);
    }

    #[test]
    fn a_needle_with_nothing_to_match_occurs_nowhere() {
        assert!(find_all("کتاب", "").is_empty());
        assert!(find_all("کتاب", "   ").is_empty());
        assert!(find_all("کِتاب", "\u{0650}").is_empty());
        assert!(find_all("", "کتاب").is_empty());
    }

    #[test]
    fn folding_maps_every_range_back_inside_the_original() {
        let text = "A\u{200C}ك\u{064E}ـ۱  b\u{0301}";
        let folded = fold(text);
        assert_eq!(folded.text, "aک1 b\u{0301}");
        for start in 0..=folded.text.len() {
            for end in start..=folded.text.len() {
                if !folded.text.is_char_boundary(start) || !folded.text.is_char_boundary(end) {
                    continue;
                }
                let range = folded.original_range(start..end);
                assert!(range.start <= range.end && range.end <= text.len());
                assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            }
        }
    }

    #[test]
    fn a_library_search_finds_titles_and_texts_in_folded_form() {
        use crate::article::Source;
        let article = |text: &str| Article::from_plain_text(text.to_string(), Source::Stdin);
        let articles = [
            article("کتاب‌ها\nدر کتابخانه كتابها را خواندم."),
            article("English\nnothing here"),
            article("نامه\nکتابهای خوب"),
        ];
        let hits = in_articles(&articles, "كتابها");
        assert_eq!(
            hits,
            [
                ArticleHits {
                    index: 0,
                    title_hit: true,
                    hits: 2,
                    first: Some(0..15),
                },
                ArticleHits {
                    index: 2,
                    title_hit: false,
                    hits: 1,
                    first: Some(9..21),
                },
            ]
        );
        assert_eq!(&articles[2].text[9..21], "کتابها");
        assert!(in_articles(&articles, " ").is_empty());
        assert_eq!(in_articles(&articles, "ENGLISH").len(), 1);
    }

    #[test]
    fn same_text_compares_in_folded_form() {
        assert!(same_text("كتابي", "کتابی"));
        assert!(!same_text("کتاب", "کتابی"));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Letters, their variants, marks, invisibles, digits and spaces.
        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                proptest::sample::select(vec![
                    'ک', 'ك', 'ی', 'ي', 'ى', 'ا', 'ب', 'ه', 'ۀ', '\u{064E}', '\u{0650}',
                    '\u{0654}', '\u{0670}', 'ـ', '\u{200C}', '\u{200D}', '\u{200F}', '۱', '١', '1',
                    'A', 'a', 'İ', ' ', ' ', '\n', '\u{00A0}',
                ]),
                0..24,
            )
            .prop_map(|chars| chars.into_iter().collect())
        }

        proptest! {
            #[test]
            fn every_match_reads_as_the_needle_once_folded(haystack in text(), needle in text()) {
                for range in find_all(&haystack, &needle) {
                    let found = haystack.get(range.clone());
                    prop_assert!(found.is_some(), "{range:?} is not inside {haystack:?}");
                    prop_assert_eq!(fold_needle(found.unwrap_or_default()), fold_needle(&needle));
                }
            }

            #[test]
            fn a_text_is_found_in_itself(text in text()) {
                let expected = !fold_needle(&text).is_empty();
                prop_assert_eq!(!find_all(&text, &text).is_empty(), expected);
            }
        }
    }
}
