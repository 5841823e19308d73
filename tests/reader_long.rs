//! A paragraph longer than the reader's `LONG_BLOCK` is laid out a piece at
//! a time. Where the lines broken from one checkpoint meet those from the
//! next (ordinary prose), the pieces give exactly the lines of the whole
//! paragraph laid out at once; where they never meet (text repeating with
//! a line's period), a line is cut at a checkpoint, the same way every time.

mod support;

use barg::article::{Article, Source};
use barg::layout::{Digits, Justify, LayoutOptions, VisualLine};
use barg::ui::reader::{LONG_BLOCK, Reader, Row, layout_block};

const HEIGHT: usize = 30;

/// The Persian samples as one paragraph of ~300 KB.
fn persian_paragraph(digits: bool) -> String {
    support::persian_prose(300 << 10, 37, digits)
}

fn reader(text: &str, width: usize, options: LayoutOptions) -> Reader {
    let article = Article::from_plain_text(text.to_string(), Source::Stdin);
    assert_eq!(article.blocks.len(), 1);
    assert!(article.blocks[0].range.len() > LONG_BLOCK);
    let mut reader = Reader::new(article, options);
    reader.resize(width, HEIGHT);
    reader.prepare();
    reader
}

/// The lines on screen, top to bottom, with their rows.
fn screen(reader: &mut Reader) -> Vec<(Row, VisualLine)> {
    reader.prepare();
    reader
        .view()
        .iter()
        .filter_map(|&row| reader.cached_line(row).map(|line| (row, line.clone())))
        .collect()
}

/// Every line of the article, paging down from the top.
fn all_lines(reader: &mut Reader) -> Vec<(Row, VisualLine)> {
    reader.to_top();
    let mut lines: Vec<(Row, VisualLine)> = Vec::new();
    loop {
        for (row, line) in screen(reader) {
            if !lines.iter().rev().take(HEIGHT).any(|(r, _)| *r == row) {
                lines.push((row, line));
            }
        }
        let top = reader.top();
        reader.scroll_down(HEIGHT);
        if reader.top() == top {
            return lines;
        }
    }
}

#[test]
fn a_long_paragraph_has_the_lines_of_the_whole_paragraph() {
    let text = persian_paragraph(false);
    for width in [23, 60, 100] {
        let mut reader = reader(&text, width, LayoutOptions::default());
        let whole = layout_block(reader.article(), 0, width, &LayoutOptions::default());
        let lines: Vec<VisualLine> = all_lines(&mut reader).into_iter().map(|(_, l)| l).collect();
        assert!(
            reader.held_lines() < whole.len() / 4,
            "pieces far from the screen are dropped"
        );
        // The lines cover the paragraph in order, each within the width.
        let mut at = 0;
        for line in &lines {
            assert_eq!(line.range().start, at, "width {width}");
            assert!(line.width() <= width);
            at = line.range().end;
        }
        assert_eq!(at, text.len());
        // The breakings that find each piece's start met the paragraph's
        // own lines before it: every line is the whole paragraph's.
        assert_eq!(lines.len(), whole.len(), "width {width}");
        assert!(lines == whole, "width {width}: the lines differ");
    }
}

#[test]
fn justified_lines_with_converted_digits_are_the_same_in_pieces() {
    let text = persian_paragraph(true);
    let options = LayoutOptions {
        justify: Justify::Kashida,
        digits: Digits::Persian,
        ..LayoutOptions::default()
    };
    let mut reader = reader(&text, 70, options);
    let whole = layout_block(reader.article(), 0, 70, &options);
    let lines: Vec<VisualLine> = all_lines(&mut reader).into_iter().map(|(_, l)| l).collect();
    assert!(lines.iter().any(|l| l.text().contains('۱')));
    assert!(lines == whole, "the justified lines differ");
    // Spaces instead of kashida, and back to ragged: laid out again.
    reader.set_justify(Justify::None);
    let ragged = layout_block(
        reader.article(),
        0,
        70,
        &LayoutOptions {
            justify: Justify::None,
            ..options
        },
    );
    let lines: Vec<VisualLine> = all_lines(&mut reader).into_iter().map(|(_, l)| l).collect();
    assert!(lines == ragged, "the ragged lines differ");
}

#[test]
fn scrolling_to_the_end_and_back_shows_the_same_rows() {
    let text = persian_paragraph(false);
    let mut reader = reader(&text, 80, LayoutOptions::default());
    let down = all_lines(&mut reader);
    reader.to_bottom();
    let mut up: Vec<(Row, VisualLine)> = Vec::new();
    loop {
        let mut page = screen(&mut reader);
        page.retain(|(row, _)| !up.iter().any(|(r, _)| r == row));
        page.extend(up);
        up = page;
        let top = reader.top();
        reader.scroll_up(HEIGHT);
        if reader.top() == top {
            break;
        }
    }
    assert_eq!(up.len(), down.len());
    assert!(up == down, "the rows differ going up");
}

#[test]
fn going_to_an_offset_shows_its_line_and_a_resize_keeps_it() {
    let text = persian_paragraph(false);
    let mut reader = reader(&text, 100, LayoutOptions::default());
    let middle = text.len() / 2;
    let middle = (middle..)
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(0);
    reader.go_to(middle);
    let holds = |lines: &[(Row, VisualLine)]| {
        let (_, top) = &lines[0];
        top.range().contains(&middle) || top.range().start == middle
    };
    assert!(holds(&screen(&mut reader)), "the top line holds the offset");
    for width in [60, 37, 100] {
        reader.resize(width, HEIGHT);
        assert_eq!(reader.offset(), middle);
        assert!(
            holds(&screen(&mut reader)),
            "at {width} the top line holds the offset"
        );
    }
    // The end of the paragraph, then its start.
    reader.to_bottom();
    let bottom = screen(&mut reader);
    assert_eq!(bottom.len(), HEIGHT);
    assert_eq!(bottom[HEIGHT - 1].1.range().end, text.len());
    reader.to_top();
    assert_eq!(screen(&mut reader)[0].1.range().start, 0);
}

#[test]
fn a_paragraph_that_repeats_with_the_period_of_a_line_scrolls_the_same_both_ways() {
    // Words of four letters: at 24 columns every line holds five of them,
    // so lines broken from different checkpoints stay apart.
    let mut text = String::new();
    while text.len() < 200 << 10 {
        text.push_str("abcd ");
    }
    let text = text.trim_end().to_string();
    let mut reader = reader(&text, 24, LayoutOptions::default());
    let down = all_lines(&mut reader);
    // The lines cover the text without a gap or an overlap.
    let mut at = 0;
    for (_, line) in &down {
        assert_eq!(line.range().start, at);
        assert!(line.width() <= 24);
        at = line.range().end;
    }
    assert_eq!(at, text.len());
    let again = all_lines(&mut reader);
    assert!(down == again);
    let middle = down.len() / 2;
    reader.go_to(down[middle].1.range().start + 1);
    assert_eq!(screen(&mut reader)[0].1, down[middle].1);
}
