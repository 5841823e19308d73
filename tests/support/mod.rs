//! Helpers shared by the layout tests.
#![allow(dead_code)]

use barg::layout::{self, LayoutOptions, VisualLine};

/// The visual lines of `text` at `width`, as plain strings (no alignment).
pub fn visual(text: &str, width: usize) -> Vec<String> {
    lines(text, width)
        .iter()
        .map(|line| line.text().to_string())
        .collect()
}

/// The single visual line of a short text.
pub fn visual_line(text: &str) -> String {
    let lines = visual(text, 1000);
    assert_eq!(lines.len(), 1, "{text:?} should fit on one line: {lines:?}");
    lines.into_iter().next().unwrap_or_default()
}

pub fn lines(text: &str, width: usize) -> Vec<VisualLine> {
    layout::layout_paragraph(text, width, &LayoutOptions::default()).lines
}

/// The text of the cell drawn for the character at logical byte `offset`.
pub fn cell_for(text: &str, offset: usize) -> String {
    for line in lines(text, 1000) {
        for (grapheme, cell) in line.cells() {
            if cell.source().contains(&offset) {
                return grapheme.to_string();
            }
        }
    }
    panic!("no cell covers byte {offset} of {text:?}");
}

/// Lines aligned in `width` columns, as `barg render` prints them.
pub fn aligned(text: &str, width: usize) -> Vec<String> {
    aligned_with(text, width, &LayoutOptions::default())
}

/// Lines aligned in `width` columns, laid out with `options`.
pub fn aligned_with(text: &str, width: usize, options: &LayoutOptions) -> Vec<String> {
    layout::layout_paragraph(text, width, options)
        .lines
        .iter()
        .map(|line| {
            let mut out = String::new();
            line.push_aligned(width, &mut out);
            out
        })
        .collect()
}

/// The Persian samples' words joined with spaces into one paragraph of at
/// least `bytes`. Each round starts `step` words further on, so the text
/// never repeats with a period a line could keep (lines broken from two
/// places would then never meet). With `digits`, each round ends with a
/// year and a count.
pub fn persian_prose(bytes: usize, step: usize, digits: bool) -> String {
    let words: Vec<&str> = barg::article::samples::SAMPLES
        .iter()
        .filter(|(name, _)| name.starts_with("fa-"))
        .flat_map(|&(_, text)| text.split_whitespace())
        .collect();
    let mut text = String::new();
    let mut round = 0;
    while text.len() < bytes {
        let (front, back) = words.split_at((round * step) % words.len());
        for word in back.iter().chain(front) {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        if digits {
            text.push_str(&format!(" سال {} و {round}", 1300 + round));
        }
        round += 1;
    }
    text
}
