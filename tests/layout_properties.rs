//! Properties of the layout engine over random mixed text: every visible
//! grapheme is drawn exactly once, no line is wider than the width, lines
//! cover the paragraph in order, no control character comes out, and the
//! fast level resolution agrees with unicode-bidi.
//!
//! What is "visible" comes from the Unicode data in tests/data (general
//! category and properties), not from the layout code under test.

mod ucd;

use std::cell::Cell;
use std::sync::LazyLock;

use barg::layout::levels::{resolve_general, resolve_in_segments, resolve_simple};
use barg::layout::{BaseDirection, LayoutOptions, Order, layout_paragraph};
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
use unicode_bidi::BidiClass;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces of text of every kind the engine meets.
const PIECES: &[&str] = &[
    "سلام",
    "می\u{200C}خواهم",
    "کتاب\u{200C}ها",
    "لا",
    "بلأ",
    "سَلَامٌ",
    "ـ",
    "\u{200D}",
    "שלום",
    "hello",
    "World",
    "get_mirrored()",
    "https://example.org/a?b=1",
    "team@example.org",
    "۱۴۰۳/۰۸/۱۵",
    "٢٠٤٨",
    "2048",
    "12.5%",
    "۴۵٪",
    " ",
    "  ",
    "\t",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "«",
    "»",
    "<",
    ">",
    "“",
    "”",
    "\"",
    ".",
    "،",
    "؟",
    "!",
    "\u{202A}",
    "\u{202B}",
    "\u{202C}",
    "\u{202D}",
    "\u{202E}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200E}",
    "\u{200F}",
    "\u{61C}",
    "\u{1B}[31m",
    "\u{9B}",
    "\u{7}",
    "\u{0}",
    "\r",
    "\u{2029}",
    "\u{85}",
    "\u{FEFF}",
    "\u{AD}",
    "e\u{301}",
    "\u{301}",
    "漢字",
    "👩\u{200D}🔬",
    "🇮🇷",
    "\u{64E}",
    "x",
    // Format characters the screen hides, and an Arabic number sign it draws.
    "\u{2061}",
    "\u{206A}",
    "\u{180E}",
    "\u{FFF9}",
    "\u{E0041}",
    "\u{600}١٢",
];

fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (
        prop::sample::select(vec![
            BaseDirection::Auto,
            BaseDirection::Ltr,
            BaseDirection::Rtl,
        ]),
        any::<bool>(),
        prop::sample::select(vec![Order::Visual, Order::Logical]),
    )
        .prop_map(|(direction, shaping, order)| LayoutOptions {
            direction,
            shaping,
            order,
            ..LayoutOptions::default()
        })
}

/// Characters that are never drawn (controls, bidi formatting, joiners),
/// from Unicode's general categories and properties.
fn invisible(c: char) -> bool {
    static NEVER_DRAWN: LazyLock<Vec<bool>> = LazyLock::new(ucd::never_drawn);
    NEVER_DRAWN[c as usize]
}

/// Explicit embeddings, overrides and isolates: what sends a paragraph to
/// unicode-bidi's general resolution.
fn is_explicit(c: char) -> bool {
    use BidiClass::*;
    matches!(
        unicode_bidi::bidi_class(c),
        LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI
    )
}

/// Mixed text that, 49 times in 50, has no explicit formatting character,
/// so that nearly every case reaches the comparison of the two resolutions.
fn mostly_implicit_text() -> impl Strategy<Value = String> {
    let implicit: Vec<&str> = PIECES
        .iter()
        .copied()
        .filter(|p| !p.chars().any(is_explicit))
        .collect();
    prop_oneof![
        49 => prop::collection::vec(prop::sample::select(implicit), 0..40).prop_map(|p| p.concat()),
        1 => mixed_text(),
    ]
}

proptest! {
    // 256 cases each by default; PROPTEST_CASES=100000 for a deeper run.

    #[test]
    fn every_visible_grapheme_is_drawn_exactly_once(
        text in mixed_text(), width in 2usize..40, options in options(),
    ) {
        let layout = layout_paragraph(&text, width, &options);
        let cells: Vec<_> = layout
            .lines
            .iter()
            .flat_map(|line| line.cells().map(|(g, c)| (g.to_string(), c.source())))
            .collect();
        for (start, grapheme) in text.grapheme_indices(true) {
            let drawn = grapheme.chars().any(|c| !invisible(c) && !c.is_whitespace());
            if !drawn {
                continue;
            }
            let covering = cells.iter().filter(|(_, source)| source.contains(&start)).count();
            prop_assert_eq!(covering, 1, "grapheme {:?} at {} in {:?}", grapheme, start, text);
        }
    }

    /// A long paragraph's levels resolved in segments on the cores are the
    /// levels of the paragraph resolved in order, wherever it is cut:
    /// brackets across the cuts, numbers and marks after them included.
    #[test]
    fn levels_in_segments_are_the_whole_paragraphs(
        text in mostly_implicit_text(), segment in 1usize..24, direction in prop::sample::select(vec![
            BaseDirection::Auto,
            BaseDirection::Ltr,
            BaseDirection::Rtl,
        ]),
    ) {
        let text = barg::layout::sanitize::for_bidi(&text).into_owned();
        prop_assert_eq!(
            resolve_in_segments(&text, direction, segment),
            resolve_simple(&text, direction),
            "{:?} in segments of {}", text, segment
        );
    }

    #[test]
    fn no_line_is_wider_than_the_width(
        text in mixed_text(), width in 2usize..40, options in options(),
    ) {
        for line in layout_paragraph(&text, width, &options).lines {
            let sum: usize = line.cells().map(|(_, cell)| cell.width()).sum();
            prop_assert_eq!(sum, line.width());
            prop_assert!(line.width() <= width, "{:?} at {}: {:?}", text, width, line.text());
        }
    }

    #[test]
    fn lines_cover_the_paragraph_in_order(
        text in mixed_text(), width in 1usize..40, options in options(),
    ) {
        let lines = layout_paragraph(&text, width, &options).lines;
        let mut next = 0;
        for line in &lines {
            prop_assert_eq!(line.range().start, next, "{:?}", text);
            prop_assert!(line.range().end > line.range().start);
            next = line.range().end;
            for (_, cell) in line.cells() {
                prop_assert!(line.range().start <= cell.source().start);
                prop_assert!(cell.source().end <= line.range().end);
            }
        }
        prop_assert_eq!(next, text.len());
    }

    #[test]
    fn no_control_character_is_ever_drawn(
        text in mixed_text(), width in 1usize..40, options in options(),
    ) {
        for line in layout_paragraph(&text, width, &options).lines {
            let mut out = String::new();
            line.push_aligned(width, &mut out);
            // A terminal that shapes logical text itself is handed the joiners.
            let for_shaping_terminal = !options.shaping && options.order == Order::Logical;
            let joiner = |c| for_shaping_terminal && matches!(c, '\u{200C}' | '\u{200D}');
            prop_assert!(
                !out.chars().any(|c| c.is_control() || (invisible(c) && !joiner(c))),
                "{:?}",
                out
            );
        }
    }
}

/// barg's own level resolution (for paragraphs without explicit formatting)
/// gives unicode-bidi's levels. The inputs are drawn so that at least 95%
/// of them are such paragraphs and reach the comparison; the test counts
/// them, from a fixed seed, so the count is the same on every run.
#[test]
fn simple_levels_agree_with_unicode_bidi() {
    let mut runner = TestRunner::new_with_rng(
        ProptestConfig::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let (cases, compared) = (Cell::new(0usize), Cell::new(0usize));
    let directions = prop::sample::select(vec![
        BaseDirection::Auto,
        BaseDirection::Ltr,
        BaseDirection::Rtl,
    ]);
    let result = runner.run(
        &(mostly_implicit_text(), directions),
        |(text, direction)| {
            cases.set(cases.get() + 1);
            // Paragraph separators are the caller's business (sanitize::for_bidi).
            let text = barg::layout::sanitize::for_bidi(&text).into_owned();
            let Some(simple) = resolve_simple(&text, direction) else {
                prop_assert!(
                    text.chars().any(is_explicit),
                    "no simple levels for {:?}",
                    text
                );
                return Ok(());
            };
            compared.set(compared.get() + 1);
            let general = resolve_general(&text, direction);
            prop_assert_eq!(simple.paragraph_level, general.paragraph_level);
            // Characters removed by rule X9 (BN) have no level of their own.
            for (i, c) in text.char_indices() {
                if unicode_bidi::bidi_class(c) == BidiClass::BN {
                    continue;
                }
                prop_assert_eq!(
                    simple.levels[i],
                    general.levels[i],
                    "{:?} at {} in {:?}",
                    c,
                    i,
                    text
                );
            }
            Ok(())
        },
    );
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let (cases, compared) = (cases.get(), compared.get());
    assert!(
        compared * 100 >= cases * 95,
        "only {compared} of {cases} inputs reached the comparison"
    );
}
