//! A panic, if one still happens: the terminal is given back, stderr gets one
//! line asking for a report and naming a file, and the file has the details
//! (message, place, backtrace). No backtrace on the terminal, even with
//! RUST_BACKTRACE set. `BARG_TEST_PANIC=command` panics before any command
//! runs; `BARG_TEST_PANIC=reader` panics in the reader once it has drawn.

mod e2e_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use e2e_support::Tmux;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("barg-panic-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// The report file named in `line`: the word that ends in `.txt`.
fn report_named_in(line: &str) -> PathBuf {
    let word = line
        .split_whitespace()
        .find(|w| w.contains("barg-panic-"))
        .unwrap_or_else(|| panic!("no report file named in {line:?}"));
    PathBuf::from(word.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

fn assert_report(report: &Path, place: &str) {
    let details =
        std::fs::read_to_string(report).unwrap_or_else(|e| panic!("{}: {e}", report.display()));
    assert!(
        details.contains(&format!("BARG_TEST_PANIC={place}")),
        "{details}"
    );
    assert!(
        details.contains(".rs:"),
        "the place of the panic: {details}"
    );
    assert!(details.contains("backtrace"), "{details}");
}

#[test]
fn a_panic_in_any_command_prints_one_line_naming_a_report_file() {
    for args in [&["render", "-"][..], &["bookmarks", "list"][..], &[][..]] {
        let dir = scratch("command");
        let out = Command::new(env!("CARGO_BIN_EXE_barg"))
            .args(args)
            .env("BARG_TEST_PANIC", "command")
            .env("RUST_BACKTRACE", "1")
            .env("TMPDIR", &dir)
            .env("BARG_DATA_DIR", dir.join("data"))
            .env("BARG_CONFIG", "/nonexistent")
            .output()
            .expect("run barg");
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("barg: "), "{stderr}");
        assert!(stderr.contains("report"), "{stderr}");
        let report = report_named_in(&stderr);
        assert!(report.starts_with(&dir), "{}", report.display());
        assert_report(&report, "command");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_panic_in_the_reader_restores_the_terminal_before_its_one_line() {
    let Some(tmux) = Tmux::start("panic") else {
        return;
    };
    let tmp = tmux.dir.join("tmp");
    std::fs::create_dir_all(&tmp).expect("a temp folder");
    let stderr = tmux.dir.join("stderr.txt");
    tmux.start_barg_with(
        &format!(
            "BARG_TEST_PANIC=reader RUST_BACKTRACE=1 TMPDIR={}",
            tmp.display()
        ),
        &format!("{} 2> {}", e2e_support::news().display(), stderr.display()),
    );
    tmux.wait_for_shell();
    tmux.assert_terminal_restored("a panic");
    let written = std::fs::read_to_string(&stderr).expect("stderr");
    assert_eq!(written.lines().count(), 1, "{written}");
    assert_report(&report_named_in(&written), "reader");

    // Not redirected, the line shows on the shell's screen, after the
    // alternate screen was left, and nothing else does.
    tmux.type_line("export RUST_BACKTRACE=1; clear");
    tmux.wait_for("a clear screen", |s| s.trim() == "$");
    tmux.start_barg_with(
        &format!("BARG_TEST_PANIC=reader TMPDIR={}", tmp.display()),
        &e2e_support::news().display().to_string(),
    );
    // The line is longer than the pane is wide: join the rows it wraps over.
    let screen = tmux.wait_for("the line and the shell", |s| {
        s.replace('\n', "").contains("barg-panic-") && s.trim_end().ends_with('$')
    });
    let output = screen.rsplit("fa-news.txt'").next().unwrap_or("");
    assert_eq!(
        output.lines().filter(|l| l.starts_with("barg:")).count(),
        1,
        "{screen}"
    );
    for noise in ["panicked", "backtrace", "RUST_BACKTRACE", "note:"] {
        assert!(!output.contains(noise), "{noise}:\n{screen}");
    }
    tmux.assert_terminal_restored("a panic, stderr on the terminal");
}
