//! A paragraph over `layout::PARALLEL_BYTES` is laid out in parts on all
//! cores by `barg render`; its lines are the ones one core gives, whether
//! the parts' breakings meet the paragraph's or never do.

mod support;

use barg::layout::{Digits, Justify, LayoutOptions, PARALLEL_BYTES, write_lines_in_parts};
use barg::render::{render_paragraph, write_paragraphs};

/// The Persian samples as one paragraph of a little over `PARALLEL_BYTES`.
fn persian_line() -> String {
    support::persian_prose(PARALLEL_BYTES + PARALLEL_BYTES / 8, 41, false)
}

/// `paragraph` through `write_paragraphs` on a pool of `threads`.
fn rendered(paragraph: &str, width: usize, options: &LayoutOptions, threads: usize) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let mut out = Vec::new();
    pool.install(|| write_paragraphs(std::iter::once(paragraph), width, options, &mut out))
        .expect("written");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn a_long_paragraph_in_parts_has_the_lines_of_one_core() {
    let text = persian_line();
    assert!(text.len() > PARALLEL_BYTES);
    let justified = LayoutOptions {
        justify: Justify::Kashida,
        digits: Digits::Persian,
        ..LayoutOptions::default()
    };
    for (width, options) in [(80, LayoutOptions::default()), (31, justified)] {
        let one = render_paragraph(&text, width, &options);
        // Parts of a megabyte on three threads, as `barg render` lays it
        // out; then about 28 parts of 40 KB, two ahead on each thread while
        // they are written in order: what is held until written is a few
        // parts, not the paragraph.
        let small_parts = in_parts(&text, width, &options, 40 << 10);
        for parts in [rendered(&text, width, &options, 3), small_parts] {
            assert_eq!(parts.lines().count(), one.lines().count(), "width {width}");
            assert!(parts == one, "width {width}: the lines differ");
        }
    }
}

#[test]
fn a_paragraph_whose_breakings_never_meet_still_has_the_lines_of_one_core() {
    // Five-byte words at a width of 24: a line started anywhere else keeps
    // its offset from the paragraph's lines for ever.
    let text = "abcd ".repeat(PARALLEL_BYTES / 5 + 1000);
    let options = LayoutOptions::default();
    let one = render_paragraph(&text, 24, &options);
    assert!(rendered(&text, 24, &options, 2) == one);
}

/// `paragraph` in parts of about `part_bytes`, on 3 threads.
fn in_parts(paragraph: &str, width: usize, options: &LayoutOptions, part_bytes: usize) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .expect("pool");
    let mut out = String::new();
    pool.install(|| {
        write_lines_in_parts(
            paragraph,
            width,
            options,
            &[],
            part_bytes,
            |line, text| {
                line.push_aligned(width, text);
                text.push('\n');
            },
            |lines| out.push_str(lines),
        );
    });
    out
}

#[test]
fn parts_that_never_meet_and_parts_of_any_size_have_the_lines_of_one_core() {
    // Parts whose breakings never meet the paragraph's.
    let text = "abcd ".repeat(300_000 / 5);
    let options = LayoutOptions::default();
    assert!(in_parts(&text, 24, &options, 20 << 10) == render_paragraph(&text, 24, &options));
    // A part as long as the paragraph, and parts shorter than a line.
    assert!(in_parts(&text, 24, &options, usize::MAX) == render_paragraph(&text, 24, &options));
    let short: String = persian_line().chars().take(2000).collect();
    let short = short.trim_end_matches(|c: char| c != ' ');
    assert!(in_parts(short, 80, &options, 1) == render_paragraph(short, 80, &options));
}
