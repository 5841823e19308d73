//! The fuzz targets' checks on committed inputs: every seed the fuzzers
//! start from, and every input that once broke barg (tests/fixtures/fuzz/,
//! named TARGET-what). The checks are the fuzz targets' own code
//! (fuzz/src/lib.rs), so an input here fails exactly as it failed under the
//! fuzzer. tools/fuzz.sh runs the fuzzers themselves.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::{Path, PathBuf};

/// The check a fuzz target runs on its input.
fn target(name: &str) -> fn(&[u8]) {
    match name {
        "layout" => targets::layout,
        "article" => targets::article,
        "keymap" => targets::keymap,
        "config" => targets::config,
        "store" => targets::store,
        "search" => targets::search,
        "reader" => targets::reader,
        "markdown" => targets::markdown,
        "feed" => targets::feed,
        "opml" => targets::opml,
        "html" => targets::html,
        "saved" => targets::saved,
        "subscriptions" => targets::subscriptions,
        other => panic!("no fuzz target {other}"),
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run the target named by the file's name (before the first `-`) on it.
#[track_caller]
fn check(file: &str) {
    let path = root().join("tests/fixtures/fuzz").join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (name, _) = file
        .split_once('-')
        .expect("fixtures are named TARGET-what");
    target(name)(&bytes);
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_passes_its_fuzz_target() {
    let seeds = root().join("fuzz/seeds");
    let mut targets = 0;
    for dir in files(&seeds) {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a target name");
        let check = target(name);
        let inputs = files(&dir);
        assert!(!inputs.is_empty(), "no seeds for {name}");
        for input in inputs {
            check(&std::fs::read(&input).expect("a readable seed"));
        }
        targets += 1;
    }
    assert_eq!(
        targets, 13,
        "a target without seeds, or seeds without a target"
    );
}

#[test]
fn every_input_that_broke_barg_has_its_own_test() {
    let tests = include_str!("fuzz_regressions.rs");
    for file in files(&root().join("tests/fixtures/fuzz")) {
        let name = file.file_name().and_then(|n| n.to_str()).expect("a name");
        assert!(
            tests.contains(&format!("check(\"{name}\")")),
            "tests/fixtures/fuzz/{name} has no test in tests/fuzz_regressions.rs"
        );
    }
}

// Inputs the fuzzers found. Each states what barg does with it.

/// An article with no paragraphs (an empty or blank file): scrolling down
/// (j, Down, Space, PageDown, Ctrl-D, Ctrl-F) indexed paragraph 0 in
/// `Reader::lines` and panicked. Found by the reader target at once.
#[test]
fn scrolling_a_blank_article_does_not_panic() {
    check("reader-blank-article-scroll-down");
}

/// A title keeps at most 200 characters (a first line of megabytes was
/// copied and laid out whole on every screen naming the article); the
/// target still expected the whole first line. A UTF-16 article whose first
/// line has 378 characters. Found by the article target in CI.
#[test]
fn a_first_line_over_200_characters_gives_a_shortened_title() {
    check("article-first-line-over-200-characters");
}

/// Unshaped text in logical order keeps ZWJ and ZWNJ for the terminal that
/// shapes it. A joiner after a space made the space a visible character, so
/// that order drew a cell the visual order (which drops the joiner) did not:
/// " \u{200D}" at width 33. Found by the layout target in CI.
#[test]
fn a_joiner_after_a_space_leaves_it_a_space_in_either_order() {
    check("layout-space-then-joiner-unshaped");
}

/// A space and a spacing mark after it (" \u{17C7}", Khmer) are one
/// extended grapheme cluster but two terminal cells (the mark has a column
/// of its own), and UAX #14 allows a break between them (LB9 does not hold
/// after a space): at width 1 the space hangs on the first line and the
/// mark begins the next. The target counted cells per Unicode cluster and
/// found the space's cluster in none; it now counts them per terminal
/// grapheme, the cluster cut where a terminal starts a new cell. Found by
/// the layout target with a random seed.
#[test]
fn a_spacing_mark_after_a_space_may_begin_the_next_line() {
    check("layout-space-then-spacing-mark");
}

/// A number too big for u64 in a field barg does not know is kept as a
/// float; serde_json's fast float parsing read it back one bit off what it
/// wrote, so a store changed by being saved. Found by the store target in CI.
#[test]
fn a_huge_number_in_an_unknown_field_survives_a_save() {
    check("store-huge-number-in-unknown-field");
}

/// An outline without a title is named by its address; an address with a
/// tab gave a name with a tab, which `write` wrote as a space, so the file
/// read back with another name. Names are now always whitespace-collapsed.
/// Found by the opml target at once.
#[test]
fn an_untitled_feed_whose_address_holds_a_tab_reads_back_the_same() {
    check("opml-untitled-url-with-a-tab");
}

/// A saved title with a space at its start read back as it was, but was
/// written without it (titles are saved as one line of words), so the file
/// changed by being saved again. Titles are now read as they are written.
/// Found by the saved target.
#[test]
fn a_saved_title_with_a_leading_space_reads_back_the_same() {
    check("saved-title-with-a-leading-space");
}
