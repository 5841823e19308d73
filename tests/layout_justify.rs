//! Justification (`justify = spaces | kashida`): every line of a paragraph
//! but its last fills the measure exactly; kashida (tatweel, U+0640) goes
//! only between two joined letters of a word without harakat, never after
//! a word's last letter, inside lam-alef or after a letter that does not
//! join forward; the inserted cells show no article text, so taking them
//! out gives the ragged layout back, and copying a justified selection
//! gives the article's own text.

use barg::article::samples::SAMPLES;
use barg::layout::{
    BaseDirection, Digits, Justify, LayoutOptions, Order, TATWEEL, VisualLine, layout_paragraph,
};
use proptest::prelude::*;
use screen_support::{app_with, draw, keys, rows};

mod screen_support;

const WIDTHS: [usize; 6] = [20, 30, 40, 50, 70, 80];

fn options(justify: Justify) -> LayoutOptions {
    LayoutOptions {
        justify,
        ..LayoutOptions::default()
    }
}

fn lines(text: &str, width: usize, options: &LayoutOptions) -> Vec<VisualLine> {
    layout_paragraph(text, width, options).lines
}

/// A cell the justification put in: it shows no article text.
fn inserted(cell: &barg::layout::Cell) -> bool {
    cell.source().is_empty()
}

/// The cells of `line` that show article text: (grapheme, source).
fn article_cells(line: &VisualLine) -> Vec<(String, std::ops::Range<usize>)> {
    line.cells()
        .filter(|(_, cell)| !inserted(cell))
        .map(|(g, cell)| (g.to_string(), cell.source()))
        .collect()
}

/// Harakat and the other Arabic marks a word may carry.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{6D6}'..='\u{6ED}')
}

/// Letters that do not join the letter after them (right-joining), and
/// characters that are no letter at all.
fn joins_forward(c: char) -> bool {
    matches!(
        c,
        '\u{626}'..='\u{64A}' | '\u{67E}' | '\u{686}' | '\u{6A9}' | '\u{6AF}' | '\u{6CC}'
    ) && !"اآأإٱدذرزژوؤةۀء".contains(c)
}

/// The word of `paragraph` around `offset`.
fn word_at(paragraph: &str, offset: usize) -> &str {
    let start = paragraph[..offset]
        .rfind(char::is_whitespace)
        .map_or(0, |i| {
            i + paragraph[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = paragraph[offset..]
        .find(char::is_whitespace)
        .map_or(paragraph.len(), |i| offset + i);
    &paragraph[start..end]
}

/// Every tatweel of `line` sits where the rules allow one.
#[track_caller]
fn check_tatweels(paragraph: &str, line: &VisualLine) {
    let cells: Vec<_> = line.cells().collect();
    for (i, (grapheme, cell)) in cells.iter().enumerate() {
        if !(inserted(cell) && *grapheme == TATWEEL.to_string()) {
            continue;
        }
        // Right to left: the letter before is on the right.
        let right = cells[i + 1..].iter().find(|(_, c)| !inserted(c));
        let left = cells[..i].iter().rev().find(|(_, c)| !inserted(c));
        let (Some((_, right)), Some((_, left))) = (right, left) else {
            panic!("a tatweel at the line's end: {:?}", line.text());
        };
        let at = cell.source().start;
        assert_eq!(right.source().end, at, "after the letter it lengthens");
        assert_eq!(left.source().start, at, "before the letter it joins");
        let before = &paragraph[right.source()];
        let after = &paragraph[left.source()];
        let b = before.chars().next().expect("a letter");
        let a = after.chars().next().expect("a letter");
        assert_eq!(before.chars().count(), 1, "not in lam-alef: {before:?}");
        assert!(joins_forward(b), "{b:?} does not join forward");
        assert!(
            joins_forward(a) || "اآأإدذرزژوؤةۀ".contains(a),
            "{a:?} is no letter: a tatweel after a word's last letter"
        );
        let word = word_at(paragraph, at);
        assert!(!word.chars().any(is_mark), "harakat in {word:?}");
    }
}

/// The statements every justified paragraph makes true, at `width`.
#[track_caller]
fn check_paragraph(text: &str, width: usize, options: &LayoutOptions) {
    let ragged = lines(
        text,
        width,
        &LayoutOptions {
            justify: Justify::None,
            ..*options
        },
    );
    let justified = lines(text, width, options);
    assert_eq!(ragged.len(), justified.len(), "the same breaks: {text:?}");
    let last = justified.len().saturating_sub(1);
    for (k, (before, after)) in ragged.iter().zip(&justified).enumerate() {
        // Taking out the inserted cells gives the ragged line back.
        assert_eq!(article_cells(before), article_cells(after), "{text:?}");
        assert_eq!(after.range(), before.range());
        for (grapheme, cell) in after.cells().filter(|(_, c)| inserted(c)) {
            assert!(
                grapheme == " " || grapheme == TATWEEL.to_string(),
                "{grapheme:?}"
            );
            assert_eq!(cell.width(), 1);
        }
        // Never at the line's start or end.
        let cells: Vec<_> = after.cells().collect();
        if let (Some(first), Some(end)) = (cells.first(), cells.last()) {
            assert!(!inserted(first.1) && !inserted(end.1), "{:?}", after.text());
        }
        check_tatweels(text, after);
        let widened = after.cells().any(|(_, c)| inserted(c));
        if k == last || before.width() >= width {
            assert_eq!(after, before, "the last line stays ragged");
        } else if after.width() != width {
            // Unfillable: no gap between words and no place for a kashida.
            assert!(!widened, "widened but short: {:?}", after.text());
            let drawn = after.text().trim_matches(' ');
            assert!(
                !drawn.contains(' '),
                "a gap left unwidened: {:?}",
                after.text()
            );
        }
    }
}

fn paragraphs() -> impl Iterator<Item = &'static str> {
    SAMPLES
        .iter()
        .flat_map(|(_, text)| text.lines())
        .filter(|line| !line.trim().is_empty())
}

#[test]
fn every_line_but_the_last_fills_the_measure_in_the_samples() {
    for justify in [Justify::Spaces, Justify::Kashida] {
        for width in WIDTHS {
            for paragraph in paragraphs() {
                // Lines short of the width are one word (a long URL
                // broken at a slash): `check_paragraph` says so.
                check_paragraph(paragraph, width, &options(justify));
            }
        }
    }
}

#[test]
fn kashida_lengthens_the_persian_samples_and_spaces_do_not() {
    let fa: Vec<&str> = SAMPLES
        .iter()
        .filter(|(name, _)| name.starts_with("fa-essay"))
        .flat_map(|(_, text)| text.lines())
        .collect();
    let count = |justify| {
        fa.iter()
            .flat_map(|p| lines(p, 50, &options(justify)))
            .map(|line| line.text().matches(TATWEEL).count())
            .sum::<usize>()
    };
    assert_eq!(count(Justify::Spaces), 0);
    assert!(count(Justify::Kashida) > 20, "{}", count(Justify::Kashida));
}

const ENGLISH_AT_20: [&str; 4] = [
    "The  quick brown fox",
    "jumps  over the lazy",
    "dog     and    keeps",
    "running far away.",
];

#[test]
fn english_paragraphs_get_spaces_even_with_kashida() {
    let text = "The quick brown fox jumps over the lazy dog and keeps running far away.";
    let spaces = lines(text, 20, &options(Justify::Spaces));
    assert_eq!(lines(text, 20, &options(Justify::Kashida)), spaces);
    let texts: Vec<&str> = spaces.iter().map(VisualLine::text).collect();
    assert_eq!(texts, ENGLISH_AT_20);
}

#[test]
fn spaces_widen_the_gaps_evenly_the_odd_ones_from_the_start() {
    // Right to left: the line starts at its right, so the odd columns go
    // to the gaps on the right.
    let text = "یک دو سه چهار پنج شش هفت";
    let line = &lines(text, 20, &options(Justify::Spaces))[0];
    let ragged = &lines(text, 20, &LayoutOptions::default())[0];
    assert_eq!(line.width(), 20);
    let gaps: Vec<usize> = line
        .text()
        .split(|c: char| c != ' ')
        .filter(|s| !s.is_empty())
        .map(str::len)
        .collect();
    let extra = 20 - ragged.width();
    let n = gaps.len();
    let expected: Vec<usize> = (0..n)
        .map(|k| 1 + extra / n + usize::from(n - 1 - k < extra % n))
        .collect();
    assert_eq!(gaps, expected, "{:?}", line.text());
}

#[test]
fn kashida_goes_between_joined_letters_one_word_at_a_time() {
    // Three words that join, at a width that leaves three columns: one
    // tatweel in each, none piled into one word.
    let text = "کتاب بسیار مفید است و خوب";
    let ragged = lines(text, 16, &LayoutOptions::default());
    let justified = lines(text, 16, &options(Justify::Kashida));
    let first = &justified[0];
    assert_eq!(first.width(), 16, "{:?}", first.text());
    check_tatweels(text, first);
    let tatweels = first.text().matches(TATWEEL).count();
    assert_eq!(
        tatweels,
        16 - ragged[0].width(),
        "kashida first: {:?}",
        first.text()
    );
    // Spread: no two tatweels in a row while other words have room.
    assert!(!first.text().contains("ــ"), "{:?}", first.text());
}

#[test]
fn seen_is_lengthened_before_other_letters() {
    // In «بسیار» the tatweel goes after seen, the traditional place.
    let text = "بسیار بسیار بسیار بسیار";
    let line = &lines(text, 22, &options(Justify::Kashida))[0];
    let seen = text.find('س').expect("seen");
    let at: Vec<usize> = line
        .cells()
        .filter(|(g, c)| *g == TATWEEL.to_string() && inserted(c))
        .map(|(_, c)| c.source().start)
        .collect();
    assert!(!at.is_empty(), "{:?}", line.text());
    for offset in at {
        assert_eq!(
            (offset - seen) % "بسیار ".len(),
            'س'.len_utf8(),
            "{:?}",
            line.text()
        );
    }
}

#[test]
fn no_tatweel_after_letters_that_do_not_join_forward_nor_in_lam_alef() {
    // Every word is made of right-joining letters or lam-alef: kashida has
    // no place, and spaces fill the lines.
    let text = "در دور زود وارد لا ادا رود دارا لا ژرد ورود آرد دود ارز لا راز";
    for width in [10, 15, 20, 25] {
        for line in lines(text, width, &options(Justify::Kashida)) {
            assert!(!line.text().contains(TATWEEL), "{:?}", line.text());
        }
        check_paragraph(text, width, &options(Justify::Kashida));
        assert_eq!(
            lines(text, width, &options(Justify::Kashida)),
            lines(text, width, &options(Justify::Spaces))
        );
    }
}

#[test]
fn no_tatweel_in_a_word_with_harakat() {
    let text = "کِتابِ مُفید بسیار خوب است کِتابِ مُفید بسیار خوب است";
    for width in [12, 18, 24, 30] {
        check_paragraph(text, width, &options(Justify::Kashida));
    }
    // The marked words are left alone even when they alone could fill.
    let marked = "مُفیدِ مُفیدِ مُفیدِ مُفیدِ";
    for line in lines(marked, 12, &options(Justify::Kashida)) {
        assert!(!line.text().contains(TATWEEL), "{:?}", line.text());
    }
}

#[test]
fn a_word_alone_on_its_line_is_lengthened_or_stays_ragged() {
    // One long joining word on a line: kashida fills it, spaces cannot.
    let text = "مستشفیستیسیسیسیسیسی و";
    let ragged = lines(text, 20, &LayoutOptions::default());
    assert_eq!(ragged.len(), 2, "{ragged:?}");
    let kashida = lines(text, 20, &options(Justify::Kashida));
    assert_eq!(kashida[0].width(), 20, "{:?}", kashida[0].text());
    check_tatweels(text, &kashida[0]);
    let spaces = lines(text, 20, &options(Justify::Spaces));
    assert_eq!(spaces[0], ragged[0], "no gap to widen: ragged");
    // A word of letters that do not join cannot be filled at all.
    let text = "دروازدروازدروازدرواز و";
    let ragged = lines(text, 21, &LayoutOptions::default());
    assert_eq!((ragged.len(), ragged[0].width()), (2, 20));
    assert_eq!(lines(text, 21, &options(Justify::Kashida)), ragged);
}

#[test]
fn without_shaping_or_in_logical_order_kashida_is_spaces() {
    let text = "کتاب بسیار مفید است و خوب و کتاب بسیار مفید است";
    for (shaping, order) in [
        (false, Order::Visual),
        (false, Order::Logical),
        (true, Order::Logical),
    ] {
        let with = |justify| LayoutOptions {
            shaping,
            order,
            justify,
            direction: BaseDirection::Auto,
            digits: Digits::Keep,
        };
        let kashida = lines(text, 16, &with(Justify::Kashida));
        assert_eq!(kashida, lines(text, 16, &with(Justify::Spaces)));
        assert!(kashida.iter().all(|l| !l.text().contains(TATWEEL)));
        check_paragraph(text, 16, &with(Justify::Kashida));
    }
}

#[test]
fn removing_the_tatweels_and_extra_spaces_gives_the_unjustified_text() {
    let collapse = |text: &str| {
        text.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for width in WIDTHS {
        for paragraph in paragraphs() {
            let ragged = lines(paragraph, width, &LayoutOptions::default());
            let kashida = lines(paragraph, width, &options(Justify::Kashida));
            for (r, k) in ragged.iter().zip(&kashida) {
                let taken_out: String = k.text().chars().filter(|&c| c != TATWEEL).collect();
                let original: String = r.text().chars().filter(|&c| c != TATWEEL).collect();
                assert_eq!(collapse(&taken_out), collapse(&original));
            }
        }
    }
}

/// Pieces of random paragraphs: Persian words that join, that do not, with
/// harakat, lam-alef, ZWNJ, English, digits, punctuation and spaces.
const PIECES: &[&str] = &[
    "سلام",
    "کتاب",
    "بسیار",
    "مستشفی",
    "می\u{200C}خواهم",
    "کتاب\u{200C}ها",
    "لا",
    "بلا",
    "سَلَامٌ",
    "ـ",
    "در",
    "ورود",
    "و",
    "hello",
    "World",
    "۱۴۰۳",
    "2048",
    "«",
    "»",
    "(",
    ")",
    "،",
    ".",
    " ",
    " ",
    " ",
    "  ",
    "\u{200F}",
    "漢字",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn justified_lines_fill_the_measure_and_keep_the_text(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60),
        width in 1usize..50,
        justify in prop::sample::select(vec![Justify::Spaces, Justify::Kashida]),
        direction in prop::sample::select(vec![BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr]),
        shaping in any::<bool>(),
        order in prop::sample::select(vec![Order::Visual, Order::Logical]),
        digits in prop::sample::select(vec![Digits::Keep, Digits::Persian, Digits::Latin]),
    ) {
        let text = pieces.concat();
        let options = LayoutOptions { direction, shaping, order, justify, digits };
        check_paragraph(&text, width, &options);
    }
}

#[test]
fn copying_a_justified_selection_gives_the_article_text() {
    use barg::article::{Article, Source};
    let text = "کتاب بسیار مفید است و خوب. این سطر دوم است و باید کشیده بگیرد تا پر شود.";
    let article = Article::from_plain_text(text.to_string(), Source::Stdin);
    let mut app = app_with(vec![article], Some(0), options(Justify::Kashida), None);
    let screen = rows(&draw(&mut app, 24, 8));
    assert!(
        screen.iter().any(|row| row.contains(TATWEEL)),
        "{screen:#?}"
    );
    keys(&mut app, "vy");
    let copied = app.take_clipboard().expect("the sentence is copied");
    assert_eq!(copied, "کتاب بسیار مفید است و خوب.");
    assert!(!copied.contains(TATWEEL));
}

#[test]
fn j_cycles_the_justification_and_keeps_the_position() {
    let article = SAMPLES
        .iter()
        .find(|(name, _)| name.starts_with("fa-essay"))
        .map(|(_, text)| {
            barg::article::Article::from_plain_text(text.to_string(), barg::article::Source::Stdin)
        })
        .expect("the essay sample");
    let mut app = app_with(vec![article], Some(0), LayoutOptions::default(), None);
    draw(&mut app, 50, 12);
    keys(&mut app, "jjjjjjjj");
    let reader = app.reader().expect("reading");
    assert_eq!(reader.justify(), Justify::None);
    let position = reader.offset();
    let mut seen = Vec::new();
    for (expected, status) in [
        (Justify::Spaces, "justified with spaces"),
        (Justify::Kashida, "justified with kashida, then spaces"),
        (Justify::None, "justification off: ragged lines"),
    ] {
        keys(&mut app, "J");
        let screen = rows(&draw(&mut app, 50, 12));
        let reader = app.reader().expect("reading");
        assert_eq!(reader.justify(), expected);
        // Justifying breaks no line elsewhere: the top line starts where it did.
        assert_eq!(reader.offset(), position);
        assert!(screen[11].contains(status), "{:?}", screen[11]);
        seen.push(screen.iter().any(|row| row.contains(TATWEEL)));
    }
    assert_eq!(seen, [false, true, false], "tatweels with kashida only");
}
