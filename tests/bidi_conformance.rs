//! Unicode's own bidi conformance data (BidiTest.txt and BidiCharacterTest.txt,
//! Unicode 15.0, vendored from Debian's `unicode-data`) run through barg's level
//! resolution (`levels::resolve`) and line reordering (`reorder::reset_whitespace`,
//! rule L1, and `reorder::visual_order`, rule L2): every row passes, or it is in
//! `EXCEPTIONS` with the reason.
//!
//! Both files treat each row as one paragraph laid out on one line, and their
//! orders are pure L1–L2, which is what these functions compute: the grapheme
//! step (L3) and mirroring (L4) come after them in the layout pipeline.

use std::fmt::Write as _;
use std::io::Read;

use barg::layout::BaseDirection;
use barg::layout::levels;
use barg::layout::reorder::{L1Class, reset_whitespace, visual_order};
use flate2::read::GzDecoder;
use unicode_bidi::{BidiClass, bidi_class};

/// Rows allowed to fail: (file, line number in the vendored file, why).
/// Each must still fail, so a fix in barg shows up as a stale exception.
const EXCEPTIONS: &[(&str, usize, &str)] = &[];

/// Failures shown in full in the assertion message; the rest are counted.
const SHOWN: usize = 10;

fn read_data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}.gz", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut text = String::new();
    GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    text
}

/// Characters rule X9 removes: the tests give them no level and no place in
/// the order, and barg drops them from the output.
fn removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, LRE | RLE | LRO | RLO | PDF | BN)
}

/// One row of either file, for one paragraph direction.
struct Case<'a> {
    file: &'static str,
    line: usize,
    /// The row as the file writes it, for the failure message.
    row: &'a str,
    text: &'a str,
    direction: BaseDirection,
    paragraph_level: Option<u8>,
    /// One per character; `None` where the test says 'x'.
    levels: &'a [Option<u8>],
    order: &'a [usize],
}

/// What barg computed for a case, in the tests' terms.
#[derive(Default)]
struct Outcome {
    paragraph_level: u8,
    levels: Vec<Option<u8>>,
    order: Vec<usize>,
    // Scratch space reused from case to case.
    classes: Vec<BidiClass>,
    l1_classes: Vec<L1Class>,
    line_levels: Vec<u8>,
    kept: Vec<usize>,
    kept_levels: Vec<u8>,
    visual: Vec<usize>,
}

impl Outcome {
    fn run(&mut self, text: &str, direction: BaseDirection) {
        let resolved = levels::resolve(text, direction);
        self.paragraph_level = resolved.paragraph_level;
        self.classes.clear();
        self.line_levels.clear();
        for (offset, c) in text.char_indices() {
            self.classes.push(bidi_class(c));
            self.line_levels.push(resolved.levels[offset]);
        }
        // The whole row is one line. The tests' levels are those after L1.
        self.l1_classes.clear();
        self.l1_classes
            .extend(self.classes.iter().map(|&class| L1Class::of(class)));
        reset_whitespace(
            &mut self.line_levels,
            &self.l1_classes,
            resolved.paragraph_level,
        );
        self.levels.clear();
        self.levels.extend(
            self.classes
                .iter()
                .zip(&self.line_levels)
                .map(|(&class, &level)| (!removed_by_x9(class)).then_some(level)),
        );
        self.kept.clear();
        self.kept_levels.clear();
        for (index, &class) in self.classes.iter().enumerate() {
            if !removed_by_x9(class) {
                self.kept.push(index);
                self.kept_levels.push(self.line_levels[index]);
            }
        }
        visual_order(&self.kept_levels, &mut self.visual);
        self.order.clear();
        self.order.extend(self.visual.iter().map(|&i| self.kept[i]));
    }

    fn matches(&self, case: &Case) -> bool {
        case.paragraph_level
            .is_none_or(|level| level == self.paragraph_level)
            // A character the test removes ('x') must be removed here too.
            && self.levels == case.levels
            && self.order == case.order
    }
}

fn show_levels(levels: &[Option<u8>]) -> String {
    let mut out = String::new();
    for (i, level) in levels.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match level {
            Some(level) => write!(out, "{level}").expect("writing to a String"),
            None => out.push('x'),
        }
    }
    out
}

fn show_order(order: &[usize]) -> String {
    order
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Tallies the cases and keeps the first few failures in full.
#[derive(Default)]
struct Report {
    cases: usize,
    failures: usize,
    excepted: usize,
    shown: String,
    failed_rows: Vec<(&'static str, usize)>,
}

impl Report {
    fn check(&mut self, outcome: &mut Outcome, case: &Case) {
        self.cases += 1;
        outcome.run(case.text, case.direction);
        if outcome.matches(case) {
            return;
        }
        self.failed_rows.push((case.file, case.line));
        if EXCEPTIONS
            .iter()
            .any(|&(file, line, _)| file == case.file && line == case.line)
        {
            self.excepted += 1;
            return;
        }
        self.failures += 1;
        if self.failures <= SHOWN {
            let expected_paragraph = case
                .paragraph_level
                .map_or_else(|| "-".to_string(), |l| l.to_string());
            write!(
                self.shown,
                "\n{}:{}: `{}` as {:?}\n  paragraph level: expected {expected_paragraph}, got {}\n  levels: expected [{}]\n             got [{}]\n  order:  expected [{}]\n             got [{}]",
                case.file,
                case.line,
                case.row,
                case.direction,
                outcome.paragraph_level,
                show_levels(case.levels),
                show_levels(&outcome.levels),
                show_order(case.order),
                show_order(&outcome.order),
            )
            .expect("writing to a String");
        }
    }

    fn finish(self, file: &str) {
        let stale: Vec<_> = EXCEPTIONS
            .iter()
            .filter(|&&(f, line, _)| f == file && !self.failed_rows.contains(&(f, line)))
            .collect();
        println!(
            "{file}: {} cases, {} failures, {} excepted",
            self.cases, self.failures, self.excepted
        );
        assert!(
            self.failures == 0 && stale.is_empty(),
            "{file}: {} of {} cases fail{}{}",
            self.failures,
            self.cases,
            self.shown,
            if stale.is_empty() {
                String::new()
            } else {
                format!("\nexceptions that now pass (remove them): {stale:?}")
            }
        );
    }
}

/// A character of exactly each class, for BidiTest.txt's rows of class names.
fn representative(class: &str) -> (char, BidiClass) {
    use BidiClass::*;
    match class {
        "L" => ('a', L),
        "R" => ('\u{05D0}', R),
        "AL" => ('\u{0627}', AL),
        "EN" => ('1', EN),
        "ES" => ('+', ES),
        "ET" => ('$', ET),
        "AN" => ('\u{0660}', AN),
        "CS" => (',', CS),
        "NSM" => ('\u{0300}', NSM),
        "BN" => ('\u{00AD}', BN),
        "B" => ('\u{2029}', B),
        "S" => ('\t', S),
        "WS" => (' ', WS),
        "ON" => ('!', ON),
        "LRE" => ('\u{202A}', LRE),
        "LRO" => ('\u{202D}', LRO),
        "RLE" => ('\u{202B}', RLE),
        "RLO" => ('\u{202E}', RLO),
        "PDF" => ('\u{202C}', PDF),
        "LRI" => ('\u{2066}', LRI),
        "RLI" => ('\u{2067}', RLI),
        "FSI" => ('\u{2068}', FSI),
        "PDI" => ('\u{2069}', PDI),
        _ => panic!("unknown bidi class {class} in BidiTest.txt"),
    }
}

#[test]
fn representatives_have_their_class() {
    for name in [
        "L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS", "ON", "LRE",
        "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI",
    ] {
        let (c, class) = representative(name);
        assert_eq!(bidi_class(c), class, "{name}: U+{:04X}", c as u32);
    }
}

fn parse_levels(field: &str) -> Vec<Option<u8>> {
    field
        .split_whitespace()
        .map(|level| match level {
            "x" => None,
            _ => Some(level.parse().expect("a level in the test data")),
        })
        .collect()
}

fn parse_order(field: &str) -> Vec<usize> {
    field
        .split_whitespace()
        .map(|index| index.parse().expect("an index in the test data"))
        .collect()
}

#[test]
fn bidi_test_rows_pass() {
    const FILE: &str = "BidiTest.txt";
    let data = read_data(FILE);
    let mut report = Report::default();
    let mut outcome = Outcome::default();
    let mut levels = Vec::new();
    let mut order = Vec::new();
    let mut text = String::new();
    for (number, line) in data.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(field) = line.strip_prefix("@Levels:") {
            levels = parse_levels(field);
            continue;
        }
        if let Some(field) = line.strip_prefix("@Reorder:") {
            order = parse_order(field);
            continue;
        }
        if line.starts_with('@') {
            continue;
        }
        let (input, bitset) = line.split_once(';').expect("`classes; bitset`");
        text.clear();
        text.extend(input.split_whitespace().map(|name| representative(name).0));
        let bitset = u8::from_str_radix(bitset.trim(), 16).expect("a hex bitset");
        for (bit, direction) in [
            (1, BaseDirection::Auto),
            (2, BaseDirection::Ltr),
            (4, BaseDirection::Rtl),
        ] {
            if bitset & bit != 0 {
                let case = Case {
                    file: FILE,
                    line: number + 1,
                    row: line,
                    text: &text,
                    direction,
                    paragraph_level: None,
                    levels: &levels,
                    order: &order,
                };
                report.check(&mut outcome, &case);
            }
        }
    }
    report.finish(FILE);
}

#[test]
fn bidi_character_test_rows_pass() {
    const FILE: &str = "BidiCharacterTest.txt";
    let data = read_data(FILE);
    let mut report = Report::default();
    let mut outcome = Outcome::default();
    let mut text = String::new();
    for (number, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        let [codes, direction, paragraph_level, levels, order] = fields[..] else {
            panic!("{FILE}:{}: expected five fields", number + 1);
        };
        text.clear();
        text.extend(codes.split_whitespace().map(|code| {
            u32::from_str_radix(code, 16)
                .ok()
                .and_then(char::from_u32)
                .expect("a code point in the test data")
        }));
        let direction = match direction {
            "0" => BaseDirection::Ltr,
            "1" => BaseDirection::Rtl,
            "2" => BaseDirection::Auto,
            _ => panic!("{FILE}:{}: unknown direction {direction}", number + 1),
        };
        let levels = parse_levels(levels);
        let order = parse_order(order);
        let case = Case {
            file: FILE,
            line: number + 1,
            row: line,
            text: &text,
            direction,
            paragraph_level: Some(paragraph_level.parse().expect("a paragraph level")),
            levels: &levels,
            order: &order,
        };
        report.check(&mut outcome, &case);
    }
    report.finish(FILE);
}
