//! barg as a person uses it: the real binary in tmux, driven by keys. It opens
//! the Persian news sample, moves to a quotation, bookmarks it, scrolls and
//! quits; the bookmark is then in `barg bookmarks list --json`, the shell
//! screen is back as it was, and opening the article again returns to where
//! the reader stopped. Another follows a link from one Markdown file to a
//! second and comes back with Backspace. Runs whenever tmux is installed
//! (.ci/run installs it).

mod e2e_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use e2e_support::{Tmux, position, status};

fn barg_command(data: &Path) -> String {
    format!(
        "BARG_DATA_DIR={} BARG_CONFIG=/nonexistent {}",
        data.display(),
        env!("CARGO_BIN_EXE_barg")
    )
}

#[test]
fn read_bookmark_quit_and_come_back_in_tmux() {
    let Some(tmux) = Tmux::start("main") else {
        return;
    };
    let data: PathBuf = std::env::temp_dir().join(format!("barg-e2e-data-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    tmux.wait_for("the shell", |s| s.contains('$'));

    tmux.type_line(&barg_command(&data));
    tmux.wait_for("the library", |s| s.contains("barg · library · 6 articles"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the article", |s| status(s).contains("9 quotes"));
    tmux.keys(&["]"]);
    let screen = tmux.wait_for("a focused quotation", |s| status(s).contains("1/9 quotes"));
    // The quotation is on screen, laid out: a guillemet of it and its words.
    assert!(screen.contains('»') || screen.contains('«'), "{screen}");
    tmux.keys(&["b"]);
    tmux.wait_for("the bookmark", |s| status(s).contains("bookmarked (#1)"));
    tmux.keys(&["j", "j", "j", "j", "j", "j", "j"]);
    let before = tmux.settled();
    let body = |screen: &str| {
        screen
            .lines()
            .take(29)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let body_before = body(&before);
    assert!(body_before.iter().any(|l| !l.trim().is_empty()));
    tmux.keys(&["q"]);
    let after = tmux.wait_for("the shell again", |s| {
        !s.contains("quotes") && s.trim_end().ends_with('$')
    });
    assert!(
        !after.contains("barg · library"),
        "the screen was not restored:\n{after}"
    );

    let listed = Command::new(env!("CARGO_BIN_EXE_barg"))
        .args(["bookmarks", "list", "--json"])
        .env("BARG_DATA_DIR", &data)
        .output()
        .expect("barg bookmarks list");
    assert!(listed.status.success());
    let json: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let bookmarks = json
        .as_array()
        .cloned()
        .or_else(|| json["bookmarks"].as_array().cloned())
        .unwrap_or_default();
    assert_eq!(bookmarks.len(), 1, "{json}");
    let quote = bookmarks[0]["quote"].as_str().unwrap_or("");
    assert!(quote.starts_with("ما نمی"), "{quote}");

    // Opening the article again returns to where the reader stopped.
    tmux.type_line(&barg_command(&data));
    tmux.wait_for("the library", |s| s.contains("barg · library"));
    tmux.keys(&["Enter"]);
    let again = tmux.wait_for("the article", |s| status(s).contains("quotes"));
    assert_eq!(body(&again), body_before);
    tmux.keys(&["q"]);
    tmux.wait_for("the shell again", |s| s.trim_end().ends_with('$'));
    let _ = std::fs::remove_dir_all(&data);
}

/// What barg wrote to the terminal from the library to `keys`.
fn recorded_session(name: &str, keys: &[&str]) -> Option<Vec<u8>> {
    let tmux = Tmux::start(name)?;
    tmux.record(
        "",
        "",
        |s| s.contains("barg · library"),
        |tmux| tmux.keys(keys),
    )
}

#[test]
fn explicit_bidi_mode_is_set_before_drawing_and_undone_on_quit_and_ctrl_c() {
    for (name, keys) in [("quit", &["q"][..]), ("ctrl-c", &["C-c"][..])] {
        let Some(log) = recorded_session(name, keys) else {
            return;
        };
        let explicit = position(&log, b"\x1b[8l\x1b[1 k").expect("CSI 8 l sent");
        let alternate = position(&log, b"\x1b[?1049h").expect("alternate screen");
        let leave = position(&log, b"\x1b[?1049l").expect("left the alternate screen");
        let implicit = position(&log, b"\x1b[8h\x1b[0 k").expect("CSI 8 h sent on exit");
        assert!(
            explicit < alternate,
            "{name}: explicit mode before the screen is cleared"
        );
        assert!(
            leave < implicit,
            "{name}: implicit mode restored after the screen"
        );
    }
}

#[test]
fn changing_screens_never_asks_the_terminal_where_its_cursor_is() {
    // Asking (CSI 6n) means waiting for the answer, which a paste in flight
    // holds up past crossterm's two seconds: barg then died.
    let keys = ["Enter", "?", "?", "B", "Escape", "L", "Enter", "q"];
    let Some(log) = recorded_session("screens", &keys) else {
        return;
    };
    assert_eq!(
        position(&log, b"\x1b[6n"),
        None,
        "barg asked for the cursor"
    );
    // Bracketed paste is on while barg reads, and off once it is done.
    let on = position(&log, b"\x1b[?2004h").expect("bracketed paste on");
    let off = position(&log, b"\x1b[?2004l").expect("bracketed paste off");
    let leave = position(&log, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(on < off && off < leave, "{on} {off} {leave}");
}

#[test]
fn a_link_to_another_markdown_file_is_followed_and_backspace_comes_back() {
    let Some(tmux) = Tmux::start("links") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("barg-e2e-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let first = dir.join("first.md");
    std::fs::write(
        &first,
        "# First article\n\nGo to [the second](second.md).\n",
    )
    .expect("write");
    std::fs::write(dir.join("second.md"), "# Second article\n\nArrived.\n").expect("write");
    tmux.wait_for("the shell", |s| s.contains('$'));

    tmux.start_barg(&first.display().to_string());
    tmux.wait_for("the first article", |s| {
        s.contains("Go to the second.") && status(s).contains("quotes")
    });
    tmux.keys(&["f"]);
    tmux.wait_for("the links", |s| {
        s.contains("barg · links · 1") && s.contains("second.md")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("the second article", |s| {
        s.contains("Arrived.") && !s.contains("Go to")
    });
    tmux.keys(&["BSpace"]);
    tmux.wait_for("the first article again", |s| {
        s.contains("Go to the second.") && !s.contains("Arrived.")
    });
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
    let _ = std::fs::remove_dir_all(&dir);
}
