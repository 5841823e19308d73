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
        other => panic!("no fuzz target {other}"),
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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
        targets, 6,
        "a target without seeds, or seeds without a target"
    );
}
