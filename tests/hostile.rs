//! barg against a hostile author and an unlucky user: articles, file names,
//! config and keymap files, stores, notes, search text and pastes carrying
//! ESC, CSI, OSC (title, clipboard, hyperlink), DCS, APC, C1 controls, BEL,
//! CR and bidi overrides. The real binary runs on them, and every byte it
//! writes to stdout, stderr, the clipboard sequence and the reader's screen
//! is checked: none of it may act on the terminal or hide what text says.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod e2e_support;

/// What hostile text carries, each with a name for messages.
const PAYLOADS: &[(&str, &str)] = &[
    ("CSI clear screen", "\x1b[2J\x1b[H"),
    (
        "CSI bracketed paste end",
        "\x1b[201~; touch /tmp/barg-pwned\r",
    ),
    ("OSC title", "\x1b]0;pwned\x07"),
    ("OSC title, ST", "\x1b]2;pwned\x1b\\"),
    ("OSC 52 clipboard", "\x1b]52;c;dG91Y2ggL3RtcC9wd25lZA==\x07"),
    (
        "OSC 8 hyperlink",
        "\x1b]8;;https://example.com\x07link\x1b]8;;\x07",
    ),
    ("DCS", "\x1bP+q544e\x1b\\"),
    ("APC", "\x1b_Gf=100;AAAA\x1b\\"),
    ("C1 CSI", "\u{9b}31m"),
    ("C1 OSC", "\u{9d}0;pwned\u{9c}"),
    ("BEL", "\x07\x07"),
    ("CR overwrite", "safe\rEVIL"),
    ("RLO override", "\u{202e}gnp.exe\u{202c}"),
    ("isolates", "\u{2066}a\u{2067}b\u{2068}c\u{2069}"),
];

/// Every payload between Persian and English words, one paragraph each.
fn hostile_text() -> String {
    let mut text = String::from("خبر تازه\n\n");
    for (name, payload) in PAYLOADS {
        text.push_str(&format!(
            "این «نقل {payload} قول» است {name} and {payload} more.\n\n"
        ));
    }
    text
}

/// A hostile file name: an OSC title and a CSI inside it.
fn hostile_name() -> &'static str {
    "a\x1b]0;pwned\x07b\x1b[2J\u{9b}c\u{202e}.txt"
}

fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("barg-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn barg(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_barg"));
    command
        .env_remove("COLUMNS")
        .env("BARG_DATA_DIR", data)
        .env("BARG_CONFIG", "/nonexistent/config.toml")
        .stdin(Stdio::null());
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("barg runs")
}

/// Why `bytes` (written by barg to a pipe or a file) could act on a
/// terminal, if they could: a C0 control other than newline and tab, DEL,
/// a C1 control (as UTF-8 or as a raw byte) or a bidi override or isolate.
fn activity(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let (at, c) = text.char_indices().find(|&(_, c)| {
        matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })?;
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    Some(format!("{c:?} at byte {at}, after {:?}", &text[from..at]))
}

#[track_caller]
fn assert_inert(what: &str, bytes: &[u8]) {
    if let Some(why) = activity(bytes) {
        panic!(
            "{what} carries an active character: {why}\nall of it: {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[track_caller]
fn assert_inert_output(what: &str, output: &Output) {
    assert_inert(&format!("{what}: stdout"), &output.stdout);
    assert_inert(&format!("{what}: stderr"), &output.stderr);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "{what}: {err}");
}

#[test]
fn the_payloads_are_active_and_the_check_sees_them() {
    // The checker is the test's eyes: it must see every payload.
    for (name, payload) in PAYLOADS {
        assert!(activity(payload.as_bytes()).is_some(), "{name}");
    }
    assert_eq!(activity("سلام\u{200c}ها\tok\n".as_bytes()), None);
}

#[test]
fn render_of_a_hostile_article_and_a_hostile_file_name_is_inert() {
    let dir = dir("render");
    let path = dir.join(hostile_name());
    std::fs::write(&path, hostile_text()).expect("write article");
    for args in [
        vec![
            OsStr::new("render"),
            OsStr::new("--width"),
            OsStr::new("40"),
        ],
        vec![
            OsStr::new("render"),
            OsStr::new("--bidi"),
            OsStr::new("terminal"),
        ],
        // barg PATH with stdout not a terminal prints like render.
        vec![],
    ] {
        let output = run(barg(&dir).args(&args).arg(&path));
        assert!(output.status.success(), "{args:?}");
        assert_inert_output(&format!("render {args:?}"), &output);
        assert!(String::from_utf8_lossy(&output.stdout).contains("more"));
    }
    // Missing, a directory, binary: the name is in the message, made visible.
    let missing = dir.join(format!("missing-{}", hostile_name()));
    let folder = dir.join(format!("folder-{}", hostile_name()));
    std::fs::create_dir_all(&folder).expect("folder");
    let binary = dir.join(format!("binary-{}", hostile_name()));
    std::fs::write(&binary, b"\x7fELF\0\0\0").expect("binary file");
    for path in [&missing, &folder, &binary] {
        let output = run(barg(&dir).arg("render").arg(path));
        assert!(!output.status.success());
        assert_inert_output("an error about a hostile name", &output);
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(err.contains("\\u{1b}]0;pwned\\u{7}b"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn hostile_text_on_stdin_is_inert() {
    let dir = dir("stdin");
    let mut child = barg(&dir)
        .args(["render", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start barg");
    let text = hostile_text();
    let mut input = child.stdin.take().expect("stdin");
    std::io::Write::write_all(&mut input, text.as_bytes()).expect("write stdin");
    drop(input);
    let output = child.wait_with_output().expect("barg runs");
    assert!(output.status.success());
    assert_inert_output("render -", &output);
}

#[test]
fn hostile_config_files_give_inert_errors() {
    let dir = dir("config");
    let configs = [
        "keymap = \"\\u001b]0;x\\u0007\"\n",
        "theme = \"\\u009b2J\"\n",
        "\"\\u001b[2J\" = 1\n",
        "keymap = \"\x1b]0;x\x07\"\n",
        "library = 5\n\x1b]0;x\x07",
    ];
    let path = dir.join("config.toml");
    for config in configs {
        std::fs::write(&path, config).expect("config");
        // The reader reads the config first, even when it only prints.
        let output = run(barg(&dir).env("BARG_CONFIG", &path).arg("/nonexistent"));
        assert_inert_output(&format!("config {config:?}"), &output);
        assert!(!output.status.success(), "{config:?} is not a good config");
    }
    // A config file that never ends is refused, not read forever.
    let output = run(barg(&dir)
        .env("BARG_CONFIG", "/dev/zero")
        .arg("/nonexistent"));
    assert!(!output.status.success());
    assert_inert_output("BARG_CONFIG=/dev/zero", &output);
}

#[test]
fn hostile_keymap_files_give_inert_errors() {
    let dir = dir("keymap");
    let path = dir.join("keys.toml");
    for keys in [
        "[keys]\n\"\\u001b]0;x\\u0007\" = \"down\"\n",
        "[keys]\n\"j\" = \"\\u001b[2J\"\n",
        "[keys]\n\"C-\\u009b\" = \"down\"\n",
        "[keys]\n\"\u{202e}j\" = \"down\"\n",
        "[keys]\n\"j\" = \"down\"\n\x1b]0;x\x07",
    ] {
        std::fs::write(&path, keys).expect("keymap");
        let error = barg::ui::keymap::Keymap::load("default", Some(&path))
            .expect_err("a bad keymap")
            .to_string();
        assert_inert(&format!("keymap error for {keys:?}"), error.as_bytes());
    }
}

#[test]
fn bookmarks_of_a_hostile_article_list_and_export_inert() {
    let dir = dir("bookmarks");
    let data = dir.join("data");
    let path = dir.join(hostile_name());
    std::fs::write(&path, hostile_text()).expect("write article");
    let note = format!("note {}", PAYLOADS.iter().map(|p| p.1).collect::<String>());
    let output = run(barg(&data).args(["bookmarks", "add"]).arg(&path).args([
        "--quote",
        "نقل \x1b[2J\x1b[H قول",
        "--note",
        &note,
    ]));
    assert_inert_output("bookmarks add", &output);
    assert!(output.status.success(), "{output:?}");
    for args in [
        &["bookmarks", "list"][..],
        &["bookmarks", "list", "--json"],
        &["bookmarks", "export", "--format", "markdown"],
        &["bookmarks", "export", "--format", "json"],
    ] {
        let output = run(barg(&data).args(args));
        assert!(output.status.success(), "{args:?}: {output:?}");
        assert_inert_output(&format!("{args:?}"), &output);
    }
    // The JSON still holds the note as it was given, escapes and all.
    let output = run(barg(&data).args(["bookmarks", "list", "--json"]));
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(list[0]["note"].as_str(), Some(note.as_str()));
    // Editing the article re-anchors the bookmark, and the notice about it
    // names the hostile file inertly.
    std::fs::write(&path, format!("پیش\n\n{}", hostile_text())).expect("edit article");
    let output = run(barg(&data).args(["bookmarks", "list"]));
    assert_inert_output("list after an edit", &output);
}

#[test]
fn a_hand_written_hostile_store_lists_inert() {
    let dir = dir("store");
    let payloads: String = PAYLOADS.iter().map(|p| p.1).collect();
    let bookmark = serde_json::json!({
        "id": 1,
        "article": {"id": "x", "source": format!("/tmp/{}", hostile_name()), "title": payloads},
        "quote": payloads,
        "range": {"start": 0, "end": 4},
        "paragraph": 0,
        "note": payloads,
        "created": "2026-01-01T00:00:00Z",
    });
    let store = serde_json::json!({"schema": 1, "next_id": 2, "bookmarks": [bookmark]});
    std::fs::write(dir.join("store.json"), store.to_string()).expect("store");
    for args in [
        &["bookmarks", "list"][..],
        &["bookmarks", "list", "--json"],
        &["bookmarks", "export", "--format", "markdown"],
        &["bookmarks", "export", "--format", "json"],
        &["bookmarks", "remove", "7"],
    ] {
        let output = run(barg(&dir).args(args));
        assert_inert_output(&format!("{args:?}"), &output);
    }
}

#[test]
fn a_path_that_is_not_utf8_is_named_inertly() {
    let dir = dir("bytes");
    let name = OsStr::from_bytes(b"caf\xff\x1b[2J.txt");
    let output = run(barg(&dir).arg("render").arg(dir.join(name)));
    assert!(!output.status.success());
    assert_inert_output("a missing non-UTF-8 name", &output);
}

/// The escape sequences in `bytes` (a recording of what barg wrote to its
/// terminal) that barg has no business sending, and the clipboard texts of
/// its OSC 52 sequences. barg's own are CSI sequences for the cursor,
/// colours, modes and erasing, OSC 52 for the clipboard and OSC 5379 for
/// mlterm; everything else (another OSC, DCS, APC, PM, SOS, a C1 control,
/// BEL outside an OSC, CR) came from somewhere else.
fn foreign_sequences(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
    use base64::Engine;
    let text = String::from_utf8_lossy(bytes);
    let mut foreign = Vec::new();
    let mut clipboard = Vec::new();
    let mut rest = text.as_ref();
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '\x1b' => match after.chars().next() {
                Some('[') => {
                    // Parameters, intermediates, one final byte.
                    let body = &after[1..];
                    let end = body
                        .find(|c: char| ('\x40'..='\x7e').contains(&c))
                        .unwrap_or(body.len());
                    let sequence = &body[..end];
                    let last = body[end..].chars().next().unwrap_or('?');
                    let own = sequence.chars().all(|c| ('\x20'..='\x3f').contains(&c))
                        && "HmJKhlABCDGdXrkqStT".contains(last);
                    if !own {
                        foreign.push(format!("CSI {sequence:?} {last:?}"));
                    }
                    rest = &body[(end + last.len_utf8()).min(body.len())..];
                    continue;
                }
                Some(']') => {
                    let body = &after[1..];
                    let end = body.find(['\x07', '\x1b']).unwrap_or(body.len());
                    let osc = &body[..end];
                    if let Some(data) = osc.strip_prefix("52;c;") {
                        let decoded = base64::engine::general_purpose::STANDARD
                            .decode(data)
                            .expect("OSC 52 carries base64");
                        clipboard.push(String::from_utf8_lossy(&decoded).into_owned());
                    } else if !osc.starts_with("5379;") {
                        foreign.push(format!("OSC {osc:?}"));
                    }
                    let terminator = if body[end..].starts_with('\x1b') {
                        2
                    } else {
                        1
                    };
                    rest = &body[(end + terminator).min(body.len())..];
                    continue;
                }
                // Keypad modes and saving the cursor are barg's (crossterm's).
                Some(c @ ('=' | '>' | '7' | '8')) => rest = &after[c.len_utf8()..],
                Some(c) => {
                    foreign.push(format!("ESC {c:?}"));
                    rest = &after[c.len_utf8()..];
                }
                None => rest = after,
            },
            '\n' => rest = after,
            c if c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                foreign.push(format!("{c:?}"));
                rest = after;
            }
            _ => rest = after,
        }
    }
    (foreign, clipboard)
}

#[test]
fn the_sequence_check_tells_barg_own_sequences_from_foreign_ones() {
    let own = "\x1b[?1049h\x1b[8l\x1b[1 k\x1b[1;1H\x1b[38;5;7mسلام\x1b[0m\x1b]52;c;YQ==\x07\x1b[2J";
    assert_eq!(
        foreign_sequences(own.as_bytes()),
        (vec![], vec!["a".to_string()])
    );
    for (name, payload) in PAYLOADS {
        let (foreign, _) = foreign_sequences(payload.as_bytes());
        // A CSI that clears and an OSC 52 are barg's kinds of sequence:
        // the reader test looks for the payloads' own bytes too.
        if !name.starts_with("CSI clear") && !name.starts_with("OSC 52") {
            assert!(!foreign.is_empty(), "{name}");
        }
    }
}

#[test]
fn the_reader_writes_nothing_foreign_on_a_hostile_article_search_and_paste() {
    let Some(tmux) = e2e_support::Tmux::start("hostile-reader") else {
        return;
    };
    let path = tmux.dir.join("article.txt");
    let payloads: String = PAYLOADS.iter().map(|p| p.1).collect();
    std::fs::write(&path, format!("عنوان {payloads}\n\n{}", hostile_text())).expect("article");
    let ready = |s: &str| s.contains("quotes");
    let recorded = tmux.record("", &path.display().to_string(), ready, |tmux| {
        // A quotation copied, a search typed with C1 and overrides, a paste
        // of every payload into the search prompt and into the reader, a
        // bookmark, the other screens.
        tmux.keys(&["]", "]", "y", "/"]);
        tmux.type_text("\u{9b}31m\u{202e}نقل\u{2066}");
        tmux.keys(&["Enter", "n", "/"]);
        tmux.paste(&payloads);
        tmux.keys(&["Enter"]);
        tmux.paste(&payloads);
        tmux.keys(&["]", "b", "B", "L", "q"]);
    });
    let Some(bytes) = recorded else {
        return;
    };
    let (foreign, clipboard) = foreign_sequences(&bytes);
    assert!(foreign.is_empty(), "barg wrote {foreign:?}");
    assert!(!clipboard.is_empty(), "y copied nothing");
    for copied in &clipboard {
        assert_inert("the clipboard", copied.as_bytes());
    }
    // The article's own CSI bytes never come out whole.
    let text = String::from_utf8_lossy(&bytes);
    for (_, payload) in PAYLOADS {
        assert!(!text.contains(payload), "{payload:?} reached the terminal");
    }
}
