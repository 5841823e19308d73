//! What each fuzz target does with its input, and the properties it checks.
//!
//! Every function takes the fuzzer's bytes and panics when barg breaks a
//! promise: a panic inside barg is a crash, and so is a failed assertion
//! here. The same functions run in `tests/fuzz_regressions.rs` (which
//! includes this file) on every committed seed and every crash found, so a
//! fixed crash stays fixed under plain `cargo test`.

use std::ops::Range;

use barg::article::quotes::{QuoteSpan, article_quotes, sentences};
use barg::article::{Article, BlockKind, Source, decode_bytes};
use barg::config::{BuiltinKeymap, Config, MEASURE_RANGE};
use barg::layout::sanitize::is_dropped;
use barg::layout::{
    BaseDirection, Digits, Justify, LayoutOptions, Order, VisualLine, layout_code, layout_lines,
    layout_paragraph,
};
use barg::safe;
use barg::search;
use barg::store::{Contents, StoreFile, parse_file};
use barg::ui::keymap::{Action, KeySequence, Keymap, Lookup};
use barg::ui::reader::{Reader, Row};
use crossterm::event::{KeyEvent, KeyEventKind};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

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
        let paragraph = paragraph.trim_end_matches('\r');
        check_layout(paragraph, width, &options);
        check_segments(paragraph, 1 + width % 32, options.direction);
    }
    check_code(&text, width);
}

/// A paragraph's levels resolved in segments of `segment` bytes on the
/// cores (as a long paragraph's are) are the levels resolved in order.
pub fn check_segments(paragraph: &str, segment: usize, direction: BaseDirection) {
    let text = barg::layout::sanitize::for_bidi(paragraph);
    assert_eq!(
        barg::layout::levels::resolve_in_segments(&text, direction, segment),
        barg::layout::levels::resolve_simple(&text, direction),
        "{text:?} in segments of {segment}, {direction:?}"
    );
}

/// Code laid out left to right: a row for each line of the code at least,
/// rows in order, cells in the order of the text (never reordered), each
/// inside the text on char boundaries, drawing nothing that is never drawn,
/// no row wider than the width (or than one wide character).
pub fn check_code(text: &str, width: usize) {
    let layout = layout_code(text, width);
    let context = || format!("code {text:?} at width {width}");
    assert!(
        layout.lines.len() > text.matches('\n').count(),
        "fewer rows than lines: {}",
        context()
    );
    let mut next = 0;
    for line in &layout.lines {
        let range = line.range();
        slice(text, &range, "code row");
        assert!(range.start >= next, "rows out of order: {}", context());
        next = range.end;
        let mut at = range.start;
        let mut columns = 0;
        for (grapheme, cell) in line.cells() {
            let source = cell.source();
            slice(text, &source, "code cell");
            assert!(
                source.start >= at && source.end <= range.end,
                "cell {source:?} out of order or outside its row: {}",
                context()
            );
            at = source.start;
            assert!(
                !grapheme.chars().any(is_dropped),
                "code draws {grapheme:?}: {}",
                context()
            );
            columns += cell.width();
        }
        assert_eq!(columns, line.width(), "{}", context());
        assert!(line.width() <= width.max(2), "row too wide: {}", context());
    }
}

/// Width, options and text from the fuzzer's bytes: byte 0 is the width (0
/// to 250 as is, then 1000, 4096, 65535 and 100000, the most `--width`
/// takes); byte 1 holds the options: bits 0-1 the direction (auto, LTR,
/// RTL, auto), bit 2 shaping off, bit 3 logical order, bit 4 Persian
/// digits, bit 5 Latin digits (with bit 4: Persian), bit 6 justified with
/// spaces, bit 7 with kashida (with bit 6: kashida). Text that is not
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
        digits: match flags & 48 {
            0 => Digits::Keep,
            32 => Digits::Latin,
            _ => Digits::Persian,
        },
        justify: match flags & 192 {
            0 => Justify::None,
            64 => Justify::Spaces,
            _ => Justify::Kashida,
        },
    };
    Some((width, options, String::from_utf8_lossy(text).into_owned()))
}

/// Justified lines are the ragged ones with cells added (spaces, tatweels,
/// each one column, showing no text): the same breaks, the same article
/// cells in the same order; every line but the last is the width or, when
/// nothing could widen it, left as it was; the last is left as it was.
fn check_justified(text: &str, width: usize, options: &LayoutOptions, ragged: &LayoutOptions) {
    let context = || format!("{text:?} at width {width}, {options:?}");
    let justified = layout_paragraph(text, width, options);
    let plain = layout_paragraph(text, width, ragged);
    assert_eq!(justified.lines.len(), plain.lines.len(), "{}", context());
    let last = plain.lines.len().saturating_sub(1);
    for (k, (after, before)) in justified.lines.iter().zip(&plain.lines).enumerate() {
        assert_eq!(after.range(), before.range(), "{}", context());
        let kept: Vec<_> = after
            .cells()
            .filter(|(_, c)| !c.source().is_empty())
            .map(|(g, c)| (g.to_string(), c.source(), c.width()))
            .collect();
        let was: Vec<_> = before
            .cells()
            .map(|(g, c)| (g.to_string(), c.source(), c.width()))
            .collect();
        assert_eq!(kept, was, "added cells moved the text: {}", context());
        for (grapheme, cell) in after.cells().filter(|(_, c)| c.source().is_empty()) {
            assert!(
                (grapheme == " " || grapheme == "\u{640}") && cell.width() == 1,
                "an added cell {grapheme:?}: {}",
                context()
            );
        }
        if k == last || before.width() >= width {
            assert_eq!(after, before, "a line that was not to widen: {}", context());
        } else {
            assert!(
                after.width() == width || after == before,
                "line {k} is {} of {width} columns: {}",
                after.width(),
                context()
            );
        }
    }
}

pub fn check_layout(text: &str, width: usize, options: &LayoutOptions) {
    if options.justify != Justify::None {
        let ragged = LayoutOptions {
            justify: Justify::None,
            ..*options
        };
        check_justified(text, width, options, &ragged);
        // Everything below holds of the lines before they are widened.
        return check_layout(text, width, &ragged);
    }
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
                !grapheme.chars().any(|c| drawn_as_control(c, options)),
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
            !aligned.chars().any(|c| drawn_as_control(c, options)),
            "{aligned:?}: {}",
            context()
        );
    }
    assert_eq!(next, text.len(), "lines end early: {}", context());

    let mut covering = 0;
    let mut graphemes = terminal_graphemes(text).peekable();
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

/// The graphemes a terminal draws, with their offsets: Unicode's extended
/// grapheme clusters, cut before every character after the first that has
/// columns of its own (wcwidth), as a terminal starts a new cell there.
/// A space and a spacing mark after it (` \u{17C7}`) are one cluster but
/// two cells, and UAX #14 may break between them (LB9 does not hold after
/// a space): the mark is then a grapheme of its own on the next line.
fn terminal_graphemes(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.grapheme_indices(true).flat_map(|(start, cluster)| {
        let mut cuts: Vec<usize> = cluster
            .char_indices()
            .skip(1)
            .filter(|&(_, c)| UnicodeWidthChar::width(c).unwrap_or(0) > 0)
            .map(|(at, _)| at)
            .collect();
        cuts.insert(0, 0);
        cuts.push(cluster.len());
        cuts.windows(2)
            .map(|w| (start + w[0], &cluster[w[0]..w[1]]))
            .collect::<Vec<_>>()
    })
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
/// Unshaped logical text is for a terminal that shapes it, which is handed
/// the joiners.
fn drawn_as_control(c: char, options: &LayoutOptions) -> bool {
    let for_shaping_terminal = !options.shaping && options.order == Order::Logical;
    if for_shaping_terminal && matches!(c, '\u{200C}' | '\u{200D}') {
        return false;
    }
    c.is_control() || is_dropped(c) || safe::is_active(c)
}

// ---------------------------------------------------------------------------
// article

/// The article reader on raw bytes: decoding (UTF-8, UTF-16, binary), the
/// split into paragraphs, quotations and sentences. Every range it gives
/// lies inside the text, on char boundaries, where it says it is.
pub fn article(data: &[u8]) {
    // A file is read in chunks checked while the next is read: at any
    // chunk size (the first byte chooses one) it is what the bytes decode to.
    // `barg render` streams a plain file in chunks too (at least 4 bytes).
    let chunk = usize::from(data.first().copied().unwrap_or(0) % 16) + 1;
    let chunked = barg::article::decode_in_chunks(data, chunk);
    let streamed = barg::article::decode_streamed(data, chunk + 3);
    let Ok(decoded) = decode_bytes(data.to_vec()) else {
        assert!(chunked.is_err(), "refused bytes read in chunks of {chunk}");
        assert!(streamed.is_err(), "refused bytes streamed");
        return;
    };
    for (read, how) in [(chunked, "read in chunks"), (streamed, "streamed")] {
        let read = read.expect("bytes that decode read in chunks");
        assert_eq!(
            (read.text.as_str(), read.lossy),
            (decoded.text.as_str(), decoded.lossy),
            "{how}, {chunk}"
        );
    }
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
    for block in &article.blocks {
        let body = slice(text, &block.range, "block");
        assert!(
            !body.trim().is_empty(),
            "blank block {:?} in {text:?}",
            block.range
        );
        assert!(!body.ends_with('\r'), "block {body:?} ends in CR");
        assert!(
            matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::Heading { level: 2 }
            ),
            "plain text gave {block:?}"
        );
    }
    // The first line, shortened to a title when it is long.
    let expected_title = article.blocks.first().map_or(String::new(), |b| {
        barg::article::title_of(&text[b.range.clone()])
    });
    assert_eq!(article.title, expected_title, "title of {text:?}");
    assert!(article.title.chars().count() <= barg::article::TITLE_CHARS + 1);
    check_article(&article);
    assert!(!barg::store::article_id(text).is_empty());
}

/// What every article promises, whatever read it: blocks in order, not
/// overlapping, on char boundaries, one line each (code aside); spans inside
/// their block, sorted; quotations inside their block, nested by depth;
/// sentences covering each block without gaps; every block lays out with
/// cells inside it; `barg render` writes no control sequence.
pub fn check_article(article: &Article) {
    let text = article.text.as_str();
    let mut end = 0;
    for block in &article.blocks {
        let range = &block.range;
        assert!(range.start >= end, "blocks overlap: {range:?} in {text:?}");
        end = range.end;
        let body = slice(text, range, "block");
        if !matches!(block.kind, BlockKind::Code { .. }) {
            assert!(!body.contains('\n'), "block {block:?} holds a newline");
        }
        let mut start = range.start;
        for span in &block.spans {
            slice(text, &span.range, "span");
            assert!(
                within(&span.range, range) && span.range.start >= start,
                "span {span:?} out of order or outside {block:?} of {text:?}"
            );
            start = span.range.start;
        }
    }

    let quotes = article_quotes(article);
    assert!(
        quotes.is_sorted_by_key(|q| q.range.start),
        "quotes out of order in {text:?}"
    );
    // The quotes that enclose the current one, outermost first.
    let mut enclosing: Vec<&QuoteSpan> = Vec::new();
    for quote in &quotes {
        let block = article
            .blocks
            .get(quote.block)
            .unwrap_or_else(|| panic!("{quote:?} names no block of {text:?}"));
        assert!(
            !matches!(
                block.kind,
                BlockKind::Heading { .. } | BlockKind::Code { .. } | BlockKind::Rule
            ),
            "{quote:?} in {block:?}"
        );
        slice(text, &quote.range, "quote");
        slice(text, &quote.inner, "inner quote");
        assert!(
            within(&quote.range, &block.range) && within(&quote.inner, &quote.range),
            "{quote:?} is not inside its block {block:?} of {text:?}"
        );
        if !quote.closed {
            assert_eq!(
                quote.inner.end, quote.range.end,
                "unclosed {quote:?} has a closing mark in {text:?}"
            );
        }
        while enclosing
            .last()
            .is_some_and(|outer| outer.block != quote.block || !within(&quote.range, &outer.range))
        {
            enclosing.pop();
        }
        // Depth counts the quotes around this one (saturating at 255).
        let expected = u8::try_from(enclosing.len()).unwrap_or(u8::MAX);
        assert_eq!(quote.depth, expected, "depth of {quote:?} in {text:?}");
        enclosing.push(quote);
    }

    for block in &article.blocks {
        let mut next = block.range.start;
        for sentence in sentences(text, block.range.clone()) {
            slice(text, &sentence, "sentence");
            assert_eq!(sentence.start, next, "sentences leave a gap in {text:?}");
            assert!(sentence.end > sentence.start, "empty sentence in {text:?}");
            next = sentence.end;
        }
        assert_eq!(next, block.range.end, "sentences end early in {text:?}");
    }
}

/// Every block of `article` laid out at `width` as the reader does, and the
/// article rendered: cells inside their block, no control sequence out.
fn check_article_drawn(article: &Article, width: usize, options: &LayoutOptions) {
    for (i, block) in article.blocks.iter().enumerate() {
        for line in barg::ui::reader::layout_block(article, i, width, options) {
            for (_, cell) in line.cells() {
                assert!(
                    cell.source().end <= block.range.len(),
                    "a cell of {block:?} outside it"
                );
            }
        }
    }
    let mut out = Vec::new();
    barg::render::write_article(article, width, options, &mut out).expect("a Vec takes it all");
    let out = String::from_utf8(out).expect("render writes UTF-8");
    assert!(
        !out.chars().any(|c| safe::is_active(c) && c != '\n'),
        "render writes a control character: {out:?}"
    );
}

// ---------------------------------------------------------------------------
// markdown

/// The Markdown reader. Byte 0 is the width, byte 1 the layout options (as
/// in [`layout_input`]), the rest is Markdown. Checks what every article
/// promises (see [`check_article`]), that rendering and laying out its
/// blocks is safe, and that a reader moves through it (see [`reader`]).
pub fn markdown(data: &[u8]) {
    let Some((width, options, text)) = layout_input(data) else {
        return;
    };
    let width = width.min(1000);
    let article = Article::from_markdown(&text, Source::Stdin);
    check_read_article(article, width, options);
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
    for name in BuiltinKeymap::ALL {
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
            assert!(BuiltinKeymap::ALL.contains(&config.keymap), "{config:?}");
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
    let _ = barg::store::export_markdown(&newest, barg::i18n::Lang::PERSIAN);
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

// ---------------------------------------------------------------------------
// reader

/// The reading pane's state (no terminal) driven by a script of moves.
/// Bytes 0-2 are the text width, the body height and the layout options
/// (as in [`layout_input`]); then the article's text up to the first NUL;
/// then the moves, one byte each plus its arguments (see [`Move`]). After
/// every move: the rows on screen are rows of the article, no more than
/// fit; the reading position is inside the text; the focused quotation,
/// the search hit and the selection are ones the article has; a revealed
/// offset is on screen.
pub fn reader(data: &[u8]) {
    let Some((&[width, height, flags], rest)) = data.split_first_chunk::<3>() else {
        return;
    };
    let Some((_, options, _)) = layout_input(&[width, flags]) else {
        return;
    };
    let (text, moves) = match rest.iter().position(|&b| b == 0) {
        Some(nul) => (&rest[..nul], &rest[nul + 1..]),
        None => (rest, DEFAULT_MOVES),
    };
    let text = String::from_utf8_lossy(text).into_owned();
    let article = Article::from_plain_text(text, Source::Stdin);
    let mut reader = Reader::new(article, options);
    reader.resize(usize::from(width), usize::from(height));
    check_reader(&mut reader, "opening");
    run_moves(&mut reader, moves);
}

/// Drive `reader` by a script of moves (see [`reader`]), checking it after each.
fn run_moves(reader: &mut Reader, moves: &[u8]) {
    // FUZZ_TRACE=1 prints each move, to follow a failing script.
    let trace = std::env::var_os("FUZZ_TRACE").is_some();
    let mut moves = moves.iter().copied();
    while let Some(byte) = moves.next() {
        let mut arg = || moves.next().unwrap_or(0);
        let len = reader.article().text.len();
        // An offset in the text, from 0 to its end, in 255 steps.
        let offset = |b: u8| len * usize::from(b) / 255;
        let done = match byte % 16 {
            0 => {
                let rows = arg();
                reader.scroll_down(usize::from(rows));
                format!("scroll_down({rows})")
            }
            1 => {
                let rows = arg();
                reader.scroll_up(usize::from(rows));
                format!("scroll_up({rows})")
            }
            2 => {
                reader.to_top();
                "to_top".to_string()
            }
            3 => {
                reader.to_bottom();
                "to_bottom".to_string()
            }
            4 => {
                let (w, h) = (arg(), arg());
                reader.resize(usize::from(w), usize::from(h));
                format!("resize({w}, {h})")
            }
            5 | 6 => {
                let forward = byte % 16 == 5;
                let moved = reader.focus_quote(forward);
                if let Some(quote) = reader.focused_quote().filter(|_| moved) {
                    let start = quote.range.start;
                    check_shown(reader, start, "focus_quote");
                }
                format!("focus_quote({forward})")
            }
            7 => {
                reader.start_selection();
                "start_selection".to_string()
            }
            8 => {
                reader.grow_selection();
                "grow_selection".to_string()
            }
            9 => {
                reader.shrink_selection();
                "shrink_selection".to_string()
            }
            10 => {
                // A query from the text itself, so that it has hits.
                let (at, chars) = (offset(arg()), usize::from(arg() % 16));
                let text = &reader.article().text;
                let start = (0..=at)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                let query: String = text[start..].chars().take(chars).collect();
                reader.search(&query);
                if let Some(hit) = reader.hit().and_then(|i| reader.hits().get(i)) {
                    let start = hit.start;
                    check_shown(reader, start, "search");
                }
                format!("search({query:?})")
            }
            11 | 12 => {
                let forward = byte % 16 == 11;
                reader.next_hit(forward);
                format!("next_hit({forward})")
            }
            13 => {
                let to = offset(arg());
                reader.go_to(to);
                assert_eq!(reader.offset(), to, "go_to({to})");
                format!("go_to({to})")
            }
            14 => {
                let to = offset(arg());
                reader.reveal(to);
                check_shown(reader, to, "reveal");
                format!("reveal({to})")
            }
            _ => {
                let at = offset(arg());
                let row = reader.row_at(at);
                check_row(reader, row, "row_at");
                format!("row_at({at})")
            }
        };
        if trace {
            eprintln!("{done}: top {:?}, offset {}", reader.top(), reader.offset());
        }
        check_reader(reader, &done);
    }
}

/// Every move once, for an input without a script.
const DEFAULT_MOVES: &[u8] = &[
    0, 3, 5, 5, 7, 8, 8, 9, 6, 10, 40, 5, 11, 11, 12, 3, 1, 2, 13, 128, 14, 250, 4, 20, 5, 15, 200,
    2, 0, 255,
];

/// After `reveal` (or a move that reveals), the row showing `offset` is on screen.
fn check_shown(reader: &mut Reader, offset: usize, done: &str) {
    if reader.article().blocks.is_empty() {
        return;
    }
    let row = reader.row_at(offset);
    let rows = reader.visible_rows();
    assert!(
        rows.contains(&row),
        "after {done}, offset {offset} (row {row:?}) is not among the rows on screen {rows:?}"
    );
}

fn check_row(reader: &mut Reader, row: Row, done: &str) {
    let count = reader.article().blocks.len();
    assert!(
        row.block < count.max(1),
        "after {done}: row {row:?} of {count} blocks"
    );
    if count == 0 {
        return;
    }
    let last = row.block + 1 == count;
    let last_piece = row.piece + 1 >= reader.pieces(row.block);
    let gap = !last && last_piece && reader.article().gap_after(row.block);
    let lines = reader.piece_lines(row.block, row.piece).len();
    // The blank row after a block is line `lines` of its last piece; the
    // last block has none, and neither has a list item before another.
    let rows = lines + usize::from(gap);
    assert!(
        row.line < rows.max(1),
        "after {done}: row {row:?}, but the block has {rows} rows"
    );
}

fn check_reader(reader: &mut Reader, done: &str) {
    let text_len = reader.article().text.len();
    reader.prepare();
    let view = reader.view().to_vec();
    assert!(
        view.len() <= reader.height(),
        "after {done}: {} rows on screen",
        view.len()
    );
    if !reader.article().blocks.is_empty() {
        assert_eq!(
            view.first(),
            Some(&reader.top()),
            "after {done}: the top row"
        );
    }
    for row in view {
        check_row(reader, row, done);
    }
    let top = reader.top();
    check_row(reader, top, done);
    assert!(
        reader.offset() <= text_len,
        "after {done}: offset {}",
        reader.offset()
    );
    assert!(reader.percent() <= 100, "after {done}");
    if let Some(focus) = reader.focus() {
        assert!(focus < reader.quotes().len(), "after {done}: focus {focus}");
    }
    if let Some(hit) = reader.hit() {
        assert!(hit < reader.hits().len(), "after {done}: hit {hit}");
    }
    for hit in reader.hits() {
        slice(&reader.article().text, hit, "search hit");
    }
    if let Some(selection) = &reader.selection() {
        let mut end = 0;
        for sentence in &selection.sentences {
            slice(&reader.article().text, sentence, "selected sentence");
            assert!(sentence.start >= end, "after {done}: {selection:?}");
            end = sentence.end;
        }
        slice(&reader.article().text, &selection.range(), "selection");
    }
}

// ---------------------------------------------------------------------------
// feed

/// The feed reader, and feed discovery on the same bytes read as a page.
/// A feed keeps at most `MAX_ITEMS` items, each with a non-empty id, no two
/// alike; an error is one line with nothing active in it.
pub fn feed(data: &[u8]) {
    match barg::feed::parse(data, Some("https://fuzz.example/dir/feed.xml")) {
        Ok(feed) => {
            assert!(feed.items.len() <= barg::feed::MAX_ITEMS);
            let mut ids = std::collections::HashSet::new();
            for item in &feed.items {
                assert!(!item.id.is_empty(), "an item without an id: {item:?}");
                assert!(ids.insert(&item.id), "id {:?} kept twice", item.id);
            }
        }
        Err(error) => check_message(&error.to_string()),
    }
    let page = String::from_utf8_lossy(data);
    for url in barg::feed::discover(&page, "https://fuzz.example/page.html") {
        assert!(
            url.starts_with("http://") || url.starts_with("https://"),
            "discovered {url:?}"
        );
    }
}

/// OPML: what `write` makes of the subscriptions read reads back as the
/// same subscriptions (grouped by folder, so compared in order of sort).
pub fn opml(data: &[u8]) {
    use barg::feed::opml;
    match opml::parse(data) {
        Ok(mut subscriptions) => {
            let written =
                opml::write_dated(&subscriptions, "fuzz", "Sat, 02 Mar 2024 10:00:00 GMT");
            let mut back = opml::parse(written.as_bytes())
                .unwrap_or_else(|e| panic!("barg's own OPML does not read back: {e}\n{written}"));
            subscriptions.sort();
            back.sort();
            assert_eq!(back, subscriptions, "{written}");
        }
        Err(error) => check_message(&error.to_string()),
    }
}

fn check_message(message: &str) {
    assert!(
        !message.contains('\n'),
        "a message of two lines: {message:?}"
    );
    assert!(
        !message.contains(safe::is_active),
        "a message with active characters: {message:?}"
    );
}

// ---------------------------------------------------------------------------
// html

/// The web-page reader. Byte 0 is the width, byte 1 the layout options (as
/// in [`layout_input`]) and the charset the "server" sends (bit 4:
/// windows-1256, bit 5: an unknown one); the rest is the page's bytes.
/// An error or warning is one line with no control character in it; an
/// article keeps what every article promises (see [`check_article`]), is
/// laid out safely, and a reader moves through it.
pub fn html(data: &[u8]) {
    let Some((width, options, _)) = layout_input(data.get(..2).unwrap_or_default()) else {
        return;
    };
    let width = width.min(1000);
    let flags = data[1];
    let charset = match (flags & 16 != 0, flags & 32 != 0) {
        (true, _) => Some("windows-1256"),
        (false, true) => Some("x-\u{1b}[31m"),
        (false, false) => None,
    };
    let page = &data[2..];
    let opened = match barg::article::html::read(page, charset, None, Source::Stdin) {
        Ok(opened) => opened,
        Err(error) => {
            check_message(&error.to_string());
            return;
        }
    };
    for warning in &opened.warnings {
        check_message(warning);
    }
    let article = opened.article;
    check_message(&article.title);
    check_read_article(article, width, options);
}

/// What every reader's article promises, laid out at `width` and moved
/// through as a person would.
fn check_read_article(article: Article, width: usize, options: LayoutOptions) {
    check_article(&article);
    check_article_drawn(&article, width, &options);
    // Kept with `barg add` or as a feed item, it opens again as it was.
    let json = barg::article::saved::to_json(&article, &barg::article::saved::Meta::default());
    let (back, _) = barg::article::saved::parse(json.as_bytes(), article.source.clone())
        .unwrap_or_else(|e| panic!("an article barg read does not save: {e}"));
    assert_eq!(back.text, article.text, "the text changed on saving");
    assert_eq!(back.blocks, article.blocks, "the blocks changed on saving");
    let mut reader = Reader::new(article, options);
    reader.resize(width, 7);
    check_reader(&mut reader, "opening");
    run_moves(&mut reader, DEFAULT_MOVES);
}

// ---------------------------------------------------------------------------
// saved

/// The saved-article reader (`.barg` files). Bytes 0 and 1 are the width
/// and the layout options (as in [`layout_input`]); the rest is the file.
/// A file refused is refused in one line with no control character in it;
/// an article read keeps what every article promises (see
/// [`check_article`]), has a one-line title, is laid out safely and moved
/// through, and saved again reads back as the same article.
pub fn saved(data: &[u8]) {
    use barg::article::saved;
    let Some((width, options, _)) = layout_input(data.get(..2).unwrap_or_default()) else {
        return;
    };
    let width = width.min(1000);
    let file = &data[2..];
    let source = Source::File("/fuzz/saved.barg".into());
    let (article, meta) = match saved::parse(file, source.clone()) {
        Ok(read) => read,
        Err(error) => {
            check_message(&error.to_string());
            return;
        }
    };
    check_message(&article.title);
    let again = saved::to_json(&article, &meta);
    assert!(
        !again.contains(safe::is_active),
        "a saved article written with active characters"
    );
    let (back, back_meta) = saved::parse(again.as_bytes(), source)
        .unwrap_or_else(|e| panic!("an article barg read does not read back: {e}"));
    assert_eq!(
        back.title, article.title,
        "the title changed on a round trip"
    );
    assert_eq!(back.text, article.text, "the text changed on a round trip");
    assert_eq!(
        back.blocks, article.blocks,
        "the blocks changed on a round trip"
    );
    assert_eq!(back_meta, meta, "the metadata changed on a round trip");
    check_read_article(article, width, options);
}

// ---------------------------------------------------------------------------
// subscriptions

/// The subscriptions loader on the bytes of a `feeds.json`. A file it reads
/// is written back as barg writes it (no control character raw) and read
/// again unchanged: nothing a write does loses a feed or an item; every
/// item's file stays inside its feed's folder.
pub fn subscriptions(data: &[u8]) {
    use barg::subscriptions::{FeedsFile, parse_file};
    let read_back = |json: &str| -> FeedsFile {
        match parse_file(json.as_bytes()) {
            barg::subscriptions::Contents::Current(file) => file,
            other => panic!("feeds.json as barg wrote it reads back as {other:?}"),
        }
    };
    let file = match parse_file(data) {
        barg::subscriptions::Contents::Current(file) => file,
        barg::subscriptions::Contents::Corrupt(reason) => {
            assert!(!reason.is_empty(), "a corrupt feeds.json without a reason");
            return;
        }
        _ => return,
    };
    for item in file.feeds.iter().flat_map(|f| &f.items) {
        assert!(
            !item.file.contains(['/', '\\']) && !item.file.starts_with('.'),
            "{:?}",
            item.file
        );
    }
    let written = file.to_json().expect("feeds.json serializes");
    assert!(!written.contains(safe::is_active), "{written:?}");
    assert_eq!(read_back(&written), file, "written as {written}");
}
