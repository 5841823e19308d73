//! Code blocks: left to right as written. No bidi, no reordering, no
//! shaping: each '\n'-separated line is cut hard at the width, at grapheme
//! boundaries (a wide character is never split), tabs expand to the next
//! multiple of [`TAB_STOP`], and what is never drawn (controls, bidi
//! formatting, joiners; see `sanitize::is_dropped`) is left out. Cells keep
//! their byte ranges into the text, as every other line does.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::sanitize::is_dropped;
use super::{Cell, Direction, ParagraphLayout, TAB_STOP, VisualLine};

/// Lay out code `text` (lines separated by '\n') at `width` columns. Every
/// line of the code is at least one row, an empty one included.
pub fn layout_code(text: &str, width: usize) -> ParagraphLayout {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut row = Row::new(line_start);
        for (offset, grapheme) in line.grapheme_indices(true) {
            let start = line_start + offset;
            let source = start..start + grapheme.len();
            if grapheme == "\t" {
                let mut tab = TAB_STOP - row.width % TAB_STOP;
                if row.width + tab > width && row.width > 0 {
                    lines.push(row.finish());
                    row = Row::new(start);
                    tab = TAB_STOP;
                }
                for _ in 0..tab.min(width) {
                    row.push(" ", 1, source.clone());
                }
                continue;
            }
            let drawn: String = grapheme.chars().filter(|&c| !is_dropped(c)).collect();
            if drawn.is_empty() {
                row.range.end = source.end;
                continue;
            }
            // A grapheme takes one or two cells, as a terminal draws it.
            let cells = drawn.width().clamp(1, 2);
            if row.width + cells > width && row.width > 0 {
                lines.push(row.finish());
                row = Row::new(start);
            }
            row.push(&drawn, cells, source);
        }
        row.range.end = row.range.end.max(line_start + line.len());
        lines.push(row.finish());
        line_start += line.len() + 1;
    }
    ParagraphLayout {
        direction: Direction::Ltr,
        lines,
    }
}

/// A row of code being filled.
struct Row {
    text: String,
    cells: Vec<Cell>,
    range: std::ops::Range<usize>,
    width: usize,
}

impl Row {
    fn new(start: usize) -> Row {
        Row {
            text: String::new(),
            cells: Vec::new(),
            range: start..start,
            width: 0,
        }
    }

    fn push(&mut self, grapheme: &str, width: usize, source: std::ops::Range<usize>) {
        let text_start = self.text.len() as u32;
        self.text.push_str(grapheme);
        self.cells.push(Cell {
            start: source.start as u32,
            end: source.end as u32,
            text_start,
            text_end: self.text.len() as u32,
            width: width as u8,
        });
        self.range.end = source.end;
        self.width += width;
    }

    fn finish(self) -> VisualLine {
        VisualLine {
            text: self.text,
            cells: self.cells,
            direction: Direction::Ltr,
            right_aligned: false,
            range: self.range,
            width: self.width,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: usize) -> Vec<String> {
        layout_code(text, width)
            .lines
            .iter()
            .map(|l| l.text().to_string())
            .collect()
    }

    #[test]
    fn persian_in_code_stays_in_logical_order_and_unjoined() {
        let code = "print(\"سلام\")";
        assert_eq!(rows(code, 40), [code]);
        let layout = layout_code(code, 40);
        assert_eq!(layout.direction, Direction::Ltr);
        let line = &layout.lines[0];
        assert_eq!(line.indent(40), 0);
        // Each cell shows its own letter, in the order it was written.
        let sources: Vec<_> = line.cells().map(|(g, c)| (g, c.source())).collect();
        assert_eq!(sources[7], ("س", 7..9));
        assert_eq!(sources[8], ("ل", 9..11));
    }

    #[test]
    fn a_long_line_wraps_hard_and_a_wide_character_is_never_split() {
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(rows("ab中文", 3), ["ab", "中", "文"]);
        let layout = layout_code("abcdefghij", 4);
        let ranges: Vec<_> = layout.lines.iter().map(VisualLine::range).collect();
        assert_eq!(ranges, [0..4, 4..8, 8..10]);
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        let layout = layout_code("a\tb", 20);
        assert_eq!(layout.lines[0].text(), format!("a{}b", " ".repeat(7)));
        assert_eq!(layout.lines[0].width(), 9);
        // Every cell of the tab shows the tab's byte.
        let tab_cells = layout.lines[0]
            .cells()
            .filter(|(_, c)| c.source() == (1..2))
            .count();
        assert_eq!(tab_cells, 7);
    }

    #[test]
    fn an_empty_line_is_a_row_and_controls_are_not_drawn() {
        assert_eq!(rows("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(rows("", 10), [""]);
        let layout = layout_code("x\u{1b}[2Jy\u{202E}z\r", 10);
        assert_eq!(layout.lines[0].text(), "x[2Jyz");
        assert_eq!(layout.lines[0].range(), 0..11);
        let empty = layout_code("a\n\nb", 10);
        assert_eq!(empty.lines[1].range(), 2..2);
        assert_eq!(empty.lines[2].range(), 3..4);
    }
}
