//! Properties of the layout engine over random mixed text: every visible
//! grapheme is drawn exactly once, no line is wider than the width, lines
//! cover the paragraph in order, no control character comes out, and the
//! fast level resolution agrees with unicode-bidi.

use barg::layout::levels::{resolve_general, resolve_simple};
use barg::layout::{BaseDirection, LayoutOptions, Order, layout_paragraph};
use proptest::prelude::*;
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
        })
}

/// Characters that are never drawn (controls, bidi formatting, joiners).
fn invisible(c: char) -> bool {
    barg::layout::sanitize::is_dropped(c)
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

    #[test]
    fn simple_levels_agree_with_unicode_bidi(
        text in mixed_text(),
        direction in prop::sample::select(vec![BaseDirection::Auto, BaseDirection::Ltr, BaseDirection::Rtl]),
    ) {
        // Paragraph separators are the caller's business (sanitize::for_bidi).
        let text = barg::layout::sanitize::for_bidi(&text).into_owned();
        let Some(simple) = resolve_simple(&text, direction) else {
            return Ok(());
        };
        let general = resolve_general(&text, direction);
        prop_assert_eq!(simple.paragraph_level, general.paragraph_level);
        // Characters removed by rule X9 (BN) have no level of their own.
        for (i, c) in text.char_indices() {
            if unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::BN {
                continue;
            }
            prop_assert_eq!(simple.levels[i], general.levels[i], "{:?} at {} in {:?}", c, i, text);
        }
    }
}
