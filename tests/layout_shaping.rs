//! Arabic-script shaping: every letter in every position, joiners, tatweel,
//! harakat and lam-alef, as they come out of the layout engine.

mod support;

use support::{cell_for, visual_line};

/// Each Persian and Arabic letter with its isolated, final, initial and medial
/// presentation forms ("" where Unicode encodes none), from the letters'
/// names in UnicodeData.txt.
const LETTERS: &[(&str, [&str; 4])] = &[
    ("ا", ["\u{FE8D}", "\u{FE8E}", "", ""]),
    ("ب", ["\u{FE8F}", "\u{FE90}", "\u{FE91}", "\u{FE92}"]),
    ("پ", ["\u{FB56}", "\u{FB57}", "\u{FB58}", "\u{FB59}"]),
    ("ت", ["\u{FE95}", "\u{FE96}", "\u{FE97}", "\u{FE98}"]),
    ("ث", ["\u{FE99}", "\u{FE9A}", "\u{FE9B}", "\u{FE9C}"]),
    ("ج", ["\u{FE9D}", "\u{FE9E}", "\u{FE9F}", "\u{FEA0}"]),
    ("چ", ["\u{FB7A}", "\u{FB7B}", "\u{FB7C}", "\u{FB7D}"]),
    ("ح", ["\u{FEA1}", "\u{FEA2}", "\u{FEA3}", "\u{FEA4}"]),
    ("خ", ["\u{FEA5}", "\u{FEA6}", "\u{FEA7}", "\u{FEA8}"]),
    ("د", ["\u{FEA9}", "\u{FEAA}", "", ""]),
    ("ذ", ["\u{FEAB}", "\u{FEAC}", "", ""]),
    ("ر", ["\u{FEAD}", "\u{FEAE}", "", ""]),
    ("ز", ["\u{FEAF}", "\u{FEB0}", "", ""]),
    ("ژ", ["\u{FB8A}", "\u{FB8B}", "", ""]),
    ("س", ["\u{FEB1}", "\u{FEB2}", "\u{FEB3}", "\u{FEB4}"]),
    ("ش", ["\u{FEB5}", "\u{FEB6}", "\u{FEB7}", "\u{FEB8}"]),
    ("ص", ["\u{FEB9}", "\u{FEBA}", "\u{FEBB}", "\u{FEBC}"]),
    ("ض", ["\u{FEBD}", "\u{FEBE}", "\u{FEBF}", "\u{FEC0}"]),
    ("ط", ["\u{FEC1}", "\u{FEC2}", "\u{FEC3}", "\u{FEC4}"]),
    ("ظ", ["\u{FEC5}", "\u{FEC6}", "\u{FEC7}", "\u{FEC8}"]),
    ("ع", ["\u{FEC9}", "\u{FECA}", "\u{FECB}", "\u{FECC}"]),
    ("غ", ["\u{FECD}", "\u{FECE}", "\u{FECF}", "\u{FED0}"]),
    ("ف", ["\u{FED1}", "\u{FED2}", "\u{FED3}", "\u{FED4}"]),
    ("ق", ["\u{FED5}", "\u{FED6}", "\u{FED7}", "\u{FED8}"]),
    ("ک", ["\u{FB8E}", "\u{FB8F}", "\u{FB90}", "\u{FB91}"]),
    ("گ", ["\u{FB92}", "\u{FB93}", "\u{FB94}", "\u{FB95}"]),
    ("ل", ["\u{FEDD}", "\u{FEDE}", "\u{FEDF}", "\u{FEE0}"]),
    ("م", ["\u{FEE1}", "\u{FEE2}", "\u{FEE3}", "\u{FEE4}"]),
    ("ن", ["\u{FEE5}", "\u{FEE6}", "\u{FEE7}", "\u{FEE8}"]),
    ("و", ["\u{FEED}", "\u{FEEE}", "", ""]),
    ("ه", ["\u{FEE9}", "\u{FEEA}", "\u{FEEB}", "\u{FEEC}"]),
    ("ی", ["\u{FBFC}", "\u{FBFD}", "\u{FBFE}", "\u{FBFF}"]),
    ("ي", ["\u{FEF1}", "\u{FEF2}", "\u{FEF3}", "\u{FEF4}"]),
    ("ك", ["\u{FED9}", "\u{FEDA}", "\u{FEDB}", "\u{FEDC}"]),
    ("ة", ["\u{FE93}", "\u{FE94}", "", ""]),
    ("ى", ["\u{FEEF}", "\u{FEF0}", "\u{FBE8}", "\u{FBE9}"]),
    // Hamza joins on neither side and keeps its own code point, as in FriBidi.
    ("ء", ["ء", "", "", ""]),
    ("أ", ["\u{FE83}", "\u{FE84}", "", ""]),
    ("إ", ["\u{FE87}", "\u{FE88}", "", ""]),
    ("آ", ["\u{FE81}", "\u{FE82}", "", ""]),
    ("ؤ", ["\u{FE85}", "\u{FE86}", "", ""]),
    ("ئ", ["\u{FE89}", "\u{FE8A}", "\u{FE8B}", "\u{FE8C}"]),
];

const BEH: &str = "ب";

#[test]
fn every_letter_takes_its_form_from_its_neighbours() {
    for &(letter, [isolated, fin, initial, medial]) in LETTERS {
        // A letter that cannot join forward stays final (or isolated) where a
        // dual-joining one would be medial (or initial).
        let initial_or_isolated = if initial.is_empty() {
            isolated
        } else {
            initial
        };
        let medial_or_final = if medial.is_empty() { fin } else { medial };
        let after_beh = BEH.len();
        // Hamza joins on neither side.
        let (fin, medial_or_final) = if fin.is_empty() {
            (isolated, isolated)
        } else {
            (fin, medial_or_final)
        };
        assert_eq!(cell_for(letter, 0), isolated, "{letter} alone");
        assert_eq!(
            cell_for(&format!("{letter}{BEH}"), 0),
            initial_or_isolated,
            "{letter} first"
        );
        assert_eq!(
            cell_for(&format!("{BEH}{letter}"), after_beh),
            fin,
            "{letter} last"
        );
        assert_eq!(
            cell_for(&format!("{BEH}{letter}{BEH}"), after_beh),
            medial_or_final,
            "{letter} between"
        );
    }
}

#[test]
fn zwnj_breaks_the_join_and_is_not_drawn() {
    // می‌خواهم: meem initial, yeh final, then a new word-part from khah.
    assert_eq!(
        visual_line("می\u{200C}خواهم"),
        "\u{FEE2}\u{FEEB}\u{FE8D}\u{FEEE}\u{FEA7}\u{FBFD}\u{FEE3}"
    );
    // کتاب‌ها: beh stays isolated after alef; heh initial, alef final.
    assert_eq!(
        visual_line("کتاب\u{200C}ها"),
        "\u{FE8E}\u{FEEB}\u{FE8F}\u{FE8E}\u{FE98}\u{FB90}"
    );
}

#[test]
fn zwj_and_tatweel_cause_joins() {
    assert_eq!(visual_line("ب\u{200D}"), "\u{FE91}");
    assert_eq!(visual_line("\u{200D}ب"), "\u{FE90}");
    assert_eq!(visual_line("بـ"), "\u{0640}\u{FE91}");
    assert_eq!(visual_line("ـبـ"), "\u{0640}\u{FE92}\u{0640}");
}

#[test]
fn harakat_stay_on_their_own_letter_after_reordering() {
    // بَتِ: each mark follows its base in the visual string too.
    assert_eq!(visual_line("بَتِ"), "\u{FE96}\u{0650}\u{FE91}\u{064E}");
    // Shadda and damma on one letter keep their order.
    assert_eq!(visual_line("مُّ"), "\u{FEE1}\u{064F}\u{0651}");
    // Transparent marks do not break a join: سَلَام
    let line = visual_line("سَلَام");
    assert_eq!(line, "\u{FEE1}\u{FE8E}\u{FEE0}\u{064E}\u{FEB3}\u{064E}");
}

#[test]
fn lam_alef_is_one_cell_in_all_forms() {
    for (alef, isolated, fin) in [
        ("ا", "\u{FEFB}", "\u{FEFC}"),
        ("آ", "\u{FEF5}", "\u{FEF6}"),
        ("أ", "\u{FEF7}", "\u{FEF8}"),
        ("إ", "\u{FEF9}", "\u{FEFA}"),
    ] {
        assert_eq!(visual_line(&format!("ل{alef}")), isolated);
        assert_eq!(visual_line(&format!("بل{alef}")), format!("{fin}\u{FE91}"));
    }
    // The ligature's cell covers both letters' bytes.
    let lines = support::lines("بلا", 10);
    let (text, cell) = lines[0].cells().next().expect("a cell");
    assert_eq!(text, "\u{FEFC}");
    assert_eq!(cell.source(), 2..6);
}

#[test]
fn zwj_before_lam_alef_joins_without_panicking() {
    assert_eq!(visual_line("\u{200D}لا"), "\u{FEFC}");
}

#[test]
fn shaping_can_be_turned_off() {
    let options = barg::layout::LayoutOptions {
        shaping: false,
        ..Default::default()
    };
    let lines = barg::layout::layout_paragraph("سلام", 10, &options).lines;
    assert_eq!(lines[0].text(), "مالس");
}

#[test]
fn a_terminal_that_shapes_is_handed_the_joiners() {
    // In logical order, unshaped, the terminal joins the letters: ZWNJ must
    // reach it, or "کتاب‌ها" is drawn joined as "کتابها".
    let options = barg::layout::LayoutOptions {
        shaping: false,
        order: barg::layout::Order::Logical,
        ..Default::default()
    };
    let laid_out = barg::layout::layout_paragraph("کتاب\u{200C}ها", 20, &options);
    assert_eq!(laid_out.lines[0].text(), "کتاب\u{200C}ها");
}
