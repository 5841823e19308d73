//! What each fuzz target does with its input, and the properties it checks.
//!
//! Every function takes the fuzzer's bytes and panics when barg breaks a
//! promise: a panic inside barg is a crash, and so is a failed assertion
//! here. The same functions run in `tests/fuzz_regressions.rs` (which
//! includes this file) on every committed seed and every crash found, so a
//! fixed crash stays fixed under plain `cargo test`.

use std::ops::Range;

use barg::article::quotes::{QuoteSpan, find_quotes, sentences};
use barg::article::{Article, Source, decode_bytes};
use barg::config::{Config, MEASURE_RANGE};
use barg::layout::sanitize::is_dropped;
use barg::layout::{
    BaseDirection, LayoutOptions, Order, VisualLine, layout_lines, layout_paragraph,
};
use barg::safe;
use barg::search;
use barg::store::{Contents, StoreFile, parse_file};
use barg::ui::keymap::{Action, KeySequence, Keymap, Lookup};
use crossterm::event::{KeyEvent, KeyEventKind};
use unicode_segmentation::UnicodeSegmentation;

// ---------------------------------------------------------------------------
// layout

/// The layout engine. Byte 0 is the width, byte 1 the options (see
/// [`layout_input`]); the rest is text, split into paragraphs at newlines as
/// an article is. Checks, for every paragraph: the lines cover it in order;
/// every visible grapheme is in exactly one cell; no line is wider than the
/// width; every cell's source is inside the paragraph, on char boundaries;
/// no cell holds a control, bidi or other invisible character; laying the
/// same paragraph out again gives the same lines.
pub fn layout(data: &[u8]) {
    let Some((width, options, text)) = layout_input(data) else {
        return;
    };
    for paragraph in text.split('\n') {
        check_layout(paragraph.trim_end_matches('\r'), width, &options);
    }
}

/// Width, options and text from the fuzzer's bytes: byte 0 is the width (0
/// to 250 as is, then 1000, 4096, 65535 and 100000, the most `--width`
/// takes); byte 1 holds the options: bits 0-1 the direction (auto, LTR,
/// RTL, auto), bit 2 shaping off, bit 3 logical order. Text that is not
/// UTF-8 is decoded with replacement characters.
pub fn layout_input(data: &[u8]) -> Option<(usize, LayoutOptions, String)> {
    let (&[width, flags], text) = data.split_first_chunk::<2>()?;
    let width = match width {
        0..=250 => usize::from(width),
        251 => 1000,
        252 => 4096,
        253 => 65_535,
        _ => 100_000,
    };
    let options = LayoutOptions {
        direction: match flags & 3 {
            1 => BaseDirection::Ltr,
            2 => BaseDirection::Rtl,
            _ => BaseDirection::Auto,
        },
        shaping: flags & 4 == 0,
        order: if flags & 8 == 0 {
            Order::Visual
        } else {
            Order::Logical
        },
    };
    Some((width, options, String::from_utf8_lossy(text).into_owned()))
}

pub fn check_layout(text: &str, width: usize, options: &LayoutOptions) {
    let layout = layout_paragraph(text, width, options);
    let context = || format!("{text:?} at width {width}, {options:?}");

    // The engine keeps buffers from one paragraph to the next: nothing of
    // the paragraph before may leak into this one.
    let mut again = Vec::new();
    let direction = layout_lines(text, width, options, |line| again.push(line));
    assert_eq!(direction, layout.direction, "{}", context());
    assert!(
        again == layout.lines,
        "a second layout differs: {}",
        context()
    );

    // Reordering only moves cells: in the other order, the lines break at
    // the same places and hold the same cells.
    let other = LayoutOptions {
        order: match options.order {
            Order::Visual => Order::Logical,
            Order::Logical => Order::Visual,
        },
        ..*options
    };
    let reordered = layout_paragraph(text, width, &other);
    assert_eq!(reordered.lines.len(), layout.lines.len(), "{}", context());
    for (line, moved) in layout.lines.iter().zip(&reordered.lines) {
        assert_eq!(line.range(), moved.range(), "{}", context());
        assert_eq!(cell_set(line), cell_set(moved), "{}", context());
    }

    // How many cells show each byte of the paragraph, as a difference array.
    let mut shown = vec![0i64; text.len() + 1];
    let mut next = 0;
    for line in &layout.lines {
        let range = line.range();
        assert_eq!(range.start, next, "lines leave a gap: {}", context());
        assert!(range.end > range.start, "an empty line: {}", context());
        assert!(range.end <= text.len(), "line {range:?}: {}", context());
        next = range.end;
        assert_eq!(line.direction(), layout.direction, "{}", context());

        let mut sum = 0;
        let mut joined = String::new();
        let mut previous_start = 0;
        for (grapheme, cell) in line.cells() {
            let source = cell.source();
            assert!(
                range.start <= source.start && source.start < source.end && source.end <= range.end,
                "cell {grapheme:?} shows {source:?}, outside its line {range:?}: {}",
                context()
            );
            assert!(
                text.is_char_boundary(source.start) && text.is_char_boundary(source.end),
                "cell {grapheme:?} shows {source:?}, not on char boundaries: {}",
                context()
            );
            assert!(
                (1..=2).contains(&cell.width()),
                "cell {grapheme:?} is {} columns wide: {}",
                cell.width(),
                context()
            );
            assert!(!grapheme.is_empty(), "an empty cell: {}", context());
            assert!(
                !grapheme.chars().any(drawn_as_control),
                "cell {grapheme:?} holds a control or invisible character: {}",
                context()
            );
            if options.order == Order::Logical {
                assert!(
                    source.start >= previous_start,
                    "logical order goes back at {grapheme:?}: {}",
                    context()
                );
                previous_start = source.start;
            }
            shown[source.start] += 1;
            shown[source.end] -= 1;
            sum += cell.width();
            joined.push_str(grapheme);
        }
        assert_eq!(sum, line.width(), "cell widths: {}", context());
        assert_eq!(joined, line.text(), "cells and text: {}", context());
        assert!(
            line.width() <= width.max(1) || line.cells().len() == 1,
            "line {:?} is {} columns wide: {}",
            line.text(),
            line.width(),
            context()
        );

        let mut aligned = String::new();
        line.push_aligned(width, &mut aligned);
        assert!(
            !aligned.chars().any(drawn_as_control),
            "{aligned:?}: {}",
            context()
        );
    }
    assert_eq!(next, text.len(), "lines end early: {}", context());

    let mut covering = 0;
    let mut graphemes = text.grapheme_indices(true).peekable();
    for (at, count) in shown.iter().enumerate() {
        covering += count;
        if let Some((_, grapheme)) = graphemes.next_if(|&(start, _)| start == at)
            && grapheme
                .chars()
                .any(|c| !is_dropped(c) && !c.is_whitespace())
        {
            assert_eq!(
                covering,
                1,
                "grapheme {grapheme:?} at {at} is in {covering} cells: {}",
                context()
            );
        }
    }
}

/// A line's cells as sources and widths, in logical order.
fn cell_set(line: &VisualLine) -> Vec<(usize, usize, usize)> {
    let mut cells: Vec<_> = line
        .cells()
        .map(|(_, cell)| (cell.source().start, cell.source().end, cell.width()))
        .collect();
    cells.sort_unstable();
    cells
}

/// What must never reach a cell: it would act on the terminal or vanish.
fn drawn_as_control(c: char) -> bool {
    c.is_control() || is_dropped(c) || safe::is_active(c)
}

// ---------------------------------------------------------------------------
// article

/// The article reader on raw bytes: decoding (UTF-8, UTF-16, binary), the
/// split into paragraphs, quotations and sentences. Every range it gives
/// lies inside the text, on char boundaries, where it says it is.
pub fn article(data: &[u8]) {
    let Ok(decoded) = decode_bytes(data.to_vec()) else {
        return;
    };
    if let Ok(utf8) = std::str::from_utf8(data)
        && !data.starts_with(&[0xFF, 0xFE])
        && !data.starts_with(&[0xFE, 0xFF])
    {
        assert!(!decoded.lossy, "valid UTF-8 {utf8:?} called lossy");
        assert!(
            decoded.text == utf8 || utf8.strip_prefix('\u{FEFF}') == Some(decoded.text.as_str()),
            "UTF-8 {utf8:?} decoded as {:?}",
            decoded.text
        );
    }
    let article = Article::from_plain_text(decoded.text, Source::Stdin);
    let text = article.text.as_str();

    let mut end = 0;
    for range in &article.paragraphs {
        assert!(
            range.start >= end,
            "paragraphs overlap: {range:?} in {text:?}"
        );
        end = range.end;
        let body = slice(text, range, "paragraph");
        assert!(
            !body.trim().is_empty(),
            "blank paragraph {range:?} in {text:?}"
        );
        assert!(!body.contains('\n'), "paragraph {body:?} holds a newline");
        assert!(!body.ends_with('\r'), "paragraph {body:?} ends in CR");
    }
    let expected_title = article
        .paragraphs
        .first()
        .map_or("", |r| text[r.clone()].trim());
    assert_eq!(article.title, expected_title, "title of {text:?}");

    let quotes = find_quotes(text, &article.paragraphs);
    assert!(
        quotes.is_sorted_by_key(|q| q.range.start),
        "quotes out of order in {text:?}"
    );
    // The quotes that enclose the current one, outermost first.
    let mut enclosing: Vec<&QuoteSpan> = Vec::new();
    for quote in &quotes {
        let paragraph = article
            .paragraphs
            .get(quote.paragraph)
            .unwrap_or_else(|| panic!("{quote:?} names no paragraph of {text:?}"));
        slice(text, &quote.range, "quote");
        slice(text, &quote.inner, "inner quote");
        assert!(
            within(&quote.range, paragraph) && within(&quote.inner, &quote.range),
            "{quote:?} is not inside its paragraph {paragraph:?} of {text:?}"
        );
        if !quote.closed {
            assert_eq!(
                quote.inner.end, quote.range.end,
                "unclosed {quote:?} has a closing mark in {text:?}"
            );
        }
        while enclosing.last().is_some_and(|outer| {
            outer.paragraph != quote.paragraph || !within(&quote.range, &outer.range)
        }) {
            enclosing.pop();
        }
        // Depth counts the quotes around this one (saturating at 255).
        let expected = u8::try_from(enclosing.len()).unwrap_or(u8::MAX);
        assert_eq!(quote.depth, expected, "depth of {quote:?} in {text:?}");
        enclosing.push(quote);
    }

    for paragraph in &article.paragraphs {
        let mut next = paragraph.start;
        for sentence in sentences(text, paragraph.clone()) {
            slice(text, &sentence, "sentence");
            assert_eq!(sentence.start, next, "sentences leave a gap in {text:?}");
            assert!(sentence.end > sentence.start, "empty sentence in {text:?}");
            next = sentence.end;
        }
        assert_eq!(next, paragraph.end, "sentences end early in {text:?}");
    }

    assert!(!barg::store::article_id(text).is_empty());
}

fn slice<'t>(text: &'t str, range: &Range<usize>, what: &str) -> &'t str {
    text.get(range.clone())
        .unwrap_or_else(|| panic!("{what} {range:?} is not a slice of {text:?}"))
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

// ---------------------------------------------------------------------------
// keymap

/// A user's keymap file over each built-in keymap. When it loads, every
/// binding's keys, as the help screen writes them, read back as the same
/// keys, and typing them gives the action.
pub fn keymap(data: &[u8]) {
    // barg reads settings files as UTF-8 text only.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for name in ["default", "emacs"] {
        let Ok(keymap) = Keymap::parse(name, Some(("fuzz.toml", text))) else {
            continue;
        };
        for action in Action::ALL {
            for written in keymap.keys_for(action) {
                let keys = KeySequence::parse(&written)
                    .unwrap_or_else(|e| panic!("help shows {written:?}, which reads as: {e}"));
                assert_eq!(keys.to_string(), written, "keys of {action:?} in {text:?}");
                let events: Vec<KeyEvent> = keys
                    .0
                    .iter()
                    .map(|key| {
                        KeyEvent::new_with_kind(key.code, key.modifiers, KeyEventKind::Press)
                    })
                    .collect();
                for (i, &event) in events.iter().enumerate() {
                    let expected = if i + 1 == events.len() {
                        Lookup::Matched(action)
                    } else {
                        Lookup::Pending
                    };
                    assert_eq!(
                        keymap.lookup(&events[..i], event),
                        expected,
                        "typing {written:?} bound to {action:?} in {text:?}"
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// config

/// The config parser: a config it accepts holds values barg can use.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse("fuzz.toml", text) {
        Ok(config) => {
            assert!(MEASURE_RANGE.contains(&config.measure), "{config:?}");
            assert!(
                barg::ui::keymap::BUILTIN_KEYMAPS.contains(&config.keymap.as_str()),
                "{config:?}"
            );
        }
        Err(e) => assert!(
            e.to_string().starts_with("config fuzz.toml"),
            "an error that does not name the file: {e}"
        ),
    }
}

// ---------------------------------------------------------------------------
// store

/// The store loader on the bytes of a `store.json`. A store it reads is
/// written back (as barg writes it, and as the JSON export escapes it) and
/// read again unchanged: nothing a write does loses a bookmark.
pub fn store(data: &[u8]) {
    let file = match parse_file(data) {
        Contents::Current(file) => file,
        Contents::Corrupt(reason) => {
            assert!(!reason.is_empty(), "a corrupt store without a reason");
            return;
        }
        Contents::Missing | Contents::Newer { .. } => return,
    };
    let written = serde_json::to_string_pretty(&file).expect("a store serializes");
    assert_eq!(read_back(&written), file, "written as {written}");
    let escaped = safe::json(written);
    assert!(!escaped.contains(safe::is_active), "{escaped:?}");
    assert_eq!(read_back(&escaped), file, "escaped as {escaped}");

    let newest: Vec<_> = file.bookmarks.iter().collect();
    let _ = barg::store::export_markdown(&newest);
    let _ = barg::store::export_json(&newest);
}

fn read_back(json: &str) -> StoreFile {
    match parse_file(json.as_bytes()) {
        Contents::Current(file) => file,
        other => panic!("a store barg wrote reads back as {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// search

/// Search: the needle is the text before the first NUL, the haystack the
/// rest (without a NUL, the text is searched for in itself). Every match
/// is a slice of the haystack that folds to the needle, and a needle that
/// is written out in the haystack is found; matches come in
/// order without overlapping; every range of folded text maps back inside
/// the original.
pub fn search(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (needle, haystack) = text.split_once('\0').unwrap_or((&text, &text));
    let folded_needle = search::fold_needle(needle);

    let mut end = 0;
    for range in search::find_all(haystack, needle) {
        let found = slice(haystack, &range, "match");
        assert!(
            range.start >= end,
            "matches overlap at {range:?} in {haystack:?}"
        );
        end = range.end;
        assert_eq!(
            search::fold_needle(found),
            folded_needle,
            "{found:?} found for {needle:?}"
        );
    }
    // A needle written out in the haystack is found, however it folds.
    if haystack.contains(needle) && !folded_needle.is_empty() {
        assert!(
            !search::find_all(haystack, needle).is_empty(),
            "{needle:?} is in {haystack:?} but not found"
        );
    }
    assert_eq!(
        search::same_text(needle, haystack),
        search::same_text(haystack, needle)
    );

    let folded = search::fold(haystack);
    let boundaries: Vec<usize> = folded
        .text
        .char_indices()
        .map(|(at, _)| at)
        .chain([folded.text.len()])
        .collect();
    // Every pair for a short text; for a long one, each start with a few ends.
    let ends = if boundaries.len() <= 64 {
        boundaries.len()
    } else {
        4
    };
    for (i, &start) in boundaries.iter().enumerate() {
        for &stop in boundaries[i..].iter().take(ends) {
            let range = folded.original_range(start..stop);
            slice(haystack, &range, "original range");
        }
    }
}
