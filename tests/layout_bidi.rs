//! Reordering inside Persian sentences: mirrored brackets, and numbers, URLs
//! and English words that keep their own order. Shaping is off here so the
//! expected lines stay readable: Persian letters appear reversed, unjoined.

mod support;

use barg::layout::{BaseDirection, Direction, LayoutOptions, Order, layout_paragraph};

fn order_with(text: &str, options: LayoutOptions) -> String {
    let layout = layout_paragraph(text, 1000, &options);
    assert_eq!(layout.lines.len(), 1, "{text}");
    layout.lines[0].text().to_string()
}

fn order(text: &str) -> String {
    order_with(
        text,
        LayoutOptions {
            shaping: false,
            ..Default::default()
        },
    )
}

#[test]
fn brackets_and_guillemets_are_mirrored_inside_rtl_text() {
    // The opening bracket comes first in logical order and, drawn at the
    // right end of the RTL run, is mirrored so that it still opens the phrase.
    assert_eq!(order("(متن)"), "(نتم)");
    assert_eq!(order("[متن]"), "[نتم]");
    assert_eq!(order("{متن}"), "{نتم}");
    assert_eq!(order("«متن»"), "«نتم»");
    assert_eq!(order("<متن>"), "<نتم>");
    assert_eq!(order("گفت «سلام» (آرام)"), "(مارآ) «مالس» تفگ");
}

#[test]
fn brackets_inside_ltr_text_are_not_mirrored() {
    assert_eq!(order("f(x) [a] {b} «c» <d>"), "f(x) [a] {b} «c» <d>");
}

#[test]
fn numbers_keep_their_order_in_persian_sentences() {
    // Persian (EN), Arabic-Indic (AN) and Latin digits all read left to right.
    assert_eq!(order("سال ۱۴۰۳ بود"), "دوب ۱۴۰۳ لاس");
    assert_eq!(order("عدد ٢٠٤٨ است"), "تسا ٢٠٤٨ ددع");
    assert_eq!(order("عدد 2048 است"), "تسا 2048 ددع");
    // A date with slashes, a percentage and a decimal stay whole.
    assert_eq!(order("در ۱۴۰۳/۰۸/۱۵"), "۱۴۰۳/۰۸/۱۵ رد");
    // After Persian letters digits are Arabic numbers (W2), so a percent
    // sign is a neutral on the RTL side: it is read after the number, as in
    // Persian typography, and drawn to its left.
    assert_eq!(order("رشد ۴۵٪ بود"), "دوب ٪۴۵ دشر");
    assert_eq!(order("رشد 12.5% بود"), "دوب %12.5 دشر");
}

#[test]
fn english_words_urls_and_addresses_keep_their_order() {
    assert_eq!(order("از unicode bidi استفاده"), "هدافتسا unicode bidi زا");
    assert_eq!(
        order("نشانی https://example.org/docs?lang=fa است"),
        "تسا https://example.org/docs?lang=fa یناشن"
    );
    assert_eq!(
        order("به team@example.org بنویسید"),
        "دیسیونب team@example.org هب"
    );
    // Brackets between an English word and Persian take the paragraph's
    // direction (rule N1), exactly as FriBidi draws them.
    assert_eq!(order("تابع get_mirrored() را"), "ار ()get_mirrored عبات");
}

#[test]
fn a_sentence_ending_in_english_keeps_its_period_on_the_left() {
    assert_eq!(order("این English است."), ".تسا English نیا");
    assert_eq!(order("سلام English."), ".English مالس");
}

#[test]
fn base_direction_auto_follows_the_first_strong_letter() {
    let options = LayoutOptions::default();
    assert_eq!(
        layout_paragraph("۱۲ سلام abc", 80, &options).direction,
        Direction::Rtl
    );
    assert_eq!(
        layout_paragraph("12 abc سلام", 80, &options).direction,
        Direction::Ltr
    );
    let rtl = LayoutOptions {
        direction: BaseDirection::Rtl,
        shaping: false,
        ..Default::default()
    };
    assert_eq!(order_with("abc def", rtl), "abc def");
    assert_eq!(order_with("abc سلام", rtl), "مالس abc");
}

#[test]
fn logical_order_leaves_reordering_to_the_terminal() {
    let options = LayoutOptions {
        shaping: false,
        order: Order::Logical,
        ..Default::default()
    };
    assert_eq!(order_with("سلام (abc) ۱۲", options), "سلام (abc) ۱۲");
}

#[test]
fn rtl_lines_end_at_the_right_margin() {
    // سلام is three cells: seen, lam-alef, meem.
    assert_eq!(
        support::aligned("سلام", 10),
        ["       \u{FEE1}\u{FEFC}\u{FEB3}"]
    );
    assert_eq!(support::aligned("hello", 10), ["hello"]);
}

#[test]
fn a_space_before_a_direction_mark_is_not_trailing_whitespace() {
    // RLM and LRM are strong characters: the space before one at the end of
    // the line is inside the line (drawn, as FriBidi draws it); the marks
    // themselves are not drawn.
    assert_eq!(order("سلام think \u{200E}"), "think  مالس");
    assert_eq!(order("abc \u{200F}"), "abc ");
    assert_eq!(order("abc \u{200B}"), "abc");
}
