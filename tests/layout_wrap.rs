//! Line breaking: at word boundaries in logical order, inside a word only
//! when the word is longer than the line, never at a ZWNJ.

mod support;

use barg::layout::LayoutOptions;
use support::{aligned, lines};

fn unshaped(text: &str, width: usize) -> Vec<String> {
    let options = LayoutOptions {
        shaping: false,
        ..Default::default()
    };
    support::aligned_with(text, width, &options)
}

#[test]
fn persian_wraps_at_spaces_and_each_line_is_right_aligned() {
    // Each line holds the next words of the sentence, read right to left.
    assert_eq!(
        unshaped("این یک جمله کوتاه است", 10),
        ["    کی نیا", "هاتوک هلمج", "       تسا"]
    );
}

#[test]
fn english_wraps_at_spaces_and_is_left_aligned() {
    assert_eq!(
        unshaped("the quick brown fox jumps", 10),
        ["the quick", "brown fox", "jumps"]
    );
}

#[test]
fn a_word_longer_than_the_line_breaks_between_graphemes() {
    assert_eq!(unshaped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    // Marks stay with their letter across the break.
    let lines = unshaped("بَبَبَبَبَ", 2);
    assert_eq!(lines, ["بَبَ", "بَبَ", " بَ"]);
}

#[test]
fn zwnj_is_not_a_break_opportunity() {
    // "آن می" would fit in 8 columns, but می‌خواهم is one word.
    assert_eq!(unshaped("آن می\u{200C}خواهم", 8), ["      نآ", " مهاوخیم"]);
}

#[test]
fn lines_cover_the_paragraph_in_order() {
    let text = "این یک جمله کوتاه است و English هم دارد.";
    let lines = lines(text, 12);
    assert_eq!(lines.first().map(|l| l.range().start), Some(0));
    assert_eq!(lines.last().map(|l| l.range().end), Some(text.len()));
    for pair in lines.windows(2) {
        assert_eq!(pair[0].range().end, pair[1].range().start);
    }
}

#[test]
fn controls_never_reach_the_output_and_tabs_expand() {
    let text = "a\u{1B}[2Jb\u{9B}c\u{7}d\u{202E}e\u{202C}\tf";
    let out = aligned(text, 40);
    // ESC, CSI, BEL and the override are gone; the tab reaches column 16.
    assert_eq!(out, ["a[2Jbcde        f"]);
}
