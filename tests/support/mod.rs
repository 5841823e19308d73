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
