//! Nothing a hostile article, file name or note carries reaches the terminal
//! through `barg bookmarks`: not on stdout, not on stderr, not in the JSON
//! or Markdown it writes. What a person or a script needs to read stays.

mod store_support;

use serde_json::Value;
use store_support::{Sandbox, active_chars, stderr, stdout};

/// A file name that clears the screen and retitles the window.
const NAME: &str = "news\x1b[2J\x1b]0;pwned\x07.txt";

/// A title with an OSC 52 (write the clipboard), a Trojan Source override
/// and a C1 CSI.
const TITLE: &str =
    "عنوان \x1b]52;c;ZWNobyBoaQ==\x07 \u{202E}exe.txt\u{202C} \u{9b}31m \u{2066}isolate\u{2069}";

/// A note with every kind of sequence: CSI, an override, C1 OSC and ST, DCS,
/// APC, a bracketed-paste end and a carriage return.
const NOTE: &str = "یادداشت \x1b[31mقرمز\x1b[0m \u{202E}overridden\u{202C} \u{9d}0;title\u{9c} \
                    \x1bPdcs\x1b\\ \x1b_apc\x1b\\ \x1b[201~; touch /tmp/x\r پایان";

const QUOTE: &str = "جمله‌ای برای نشان کردن";

fn article(above: &str) -> String {
    format!("{TITLE}\n\n{above}{QUOTE} \u{202E}و\u{9b}2J پس از آن.\n")
}

/// No active character anywhere in what barg wrote.
#[track_caller]
fn assert_clean(what: &str, text: &str) {
    let found = active_chars(text);
    assert!(
        found.is_empty(),
        "{what} carries {found:?}: {text:?}",
        found = found
            .iter()
            .map(|c| format!("U+{:04X}", u32::from(*c)))
            .collect::<Vec<_>>()
    );
}

#[test]
fn hostile_names_titles_and_notes_reach_no_output_as_sequences() {
    let sandbox = Sandbox::new("escapes");
    let path = sandbox.write(NAME, &article(""));
    let path = path.to_str().expect("UTF-8");

    let added = sandbox.barg(&["bookmarks", "add", path, "--quote", QUOTE, "--note", NOTE]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert_clean("add's stdout", &stdout(&added));
    assert_clean("add's stderr", &stderr(&added));

    // The article changes above the quote: listing re-anchors the bookmark
    // and says so, naming the file.
    sandbox.write(NAME, &article("بندی تازه در بالا.\n\n"));
    let listed = sandbox.barg(&["bookmarks", "list"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert_clean("list's stdout", &stdout(&listed));
    assert_clean("list's stderr", &stderr(&listed));
    assert!(
        stderr(&listed).contains("news\\u{1b}[2J\\u{1b}]0;pwned\\u{7}.txt"),
        "the notice names the file visibly: {}",
        stderr(&listed)
    );
    assert!(
        stderr(&listed).contains("found again"),
        "{}",
        stderr(&listed)
    );
    assert!(stdout(&listed).contains("[1]"), "{}", stdout(&listed));

    // JSON for scripts: escaped, yet the same text once parsed.
    for args in [
        &["bookmarks", "list", "--json"][..],
        &["bookmarks", "export", "--format", "json"][..],
    ] {
        let output = sandbox.barg(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        let json = stdout(&output);
        assert_clean(&format!("{args:?}"), &json);
        assert_clean(&format!("{args:?} stderr"), &stderr(&output));
        let list: Vec<Value> = serde_json::from_str(&json).expect("JSON");
        assert_eq!(list[0]["note"], NOTE, "{args:?}");
        assert_eq!(list[0]["article"]["title"], TITLE, "{args:?}");
        assert!(
            list[0]["article"]["source"]["path"]
                .as_str()
                .is_some_and(|s| s.ends_with(NAME)),
            "{args:?}"
        );
    }

    // Markdown for people: the sequences are gone, the words stay.
    let markdown = sandbox.barg(&["bookmarks", "export"]);
    assert!(markdown.status.success(), "{}", stderr(&markdown));
    let markdown = stdout(&markdown);
    assert_clean("the Markdown export", &markdown);
    for words in ["قرمز", "overridden", "exe.txt", "پایان", "pwned", QUOTE] {
        assert!(markdown.contains(words), "{words} is missing: {markdown}");
    }
}

#[test]
fn the_export_file_is_named_visibly_in_the_message() {
    let sandbox = Sandbox::new("escapes-export");
    let path = sandbox.write("article.txt", &article(""));
    sandbox.add(&path, QUOTE);
    let output = sandbox.barg(&["bookmarks", "export", "-o", "out\x1b]0;x\x07.md"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_clean("export's stderr", &stderr(&output));
    assert!(
        stderr(&output).contains("out\\u{1b}]0;x\\u{7}.md"),
        "{}",
        stderr(&output)
    );
    let written = std::fs::read_to_string(sandbox.root.join("out\x1b]0;x\x07.md")).expect("read");
    assert_clean("the exported file", &written);
}

#[test]
fn an_error_about_a_hostile_name_shows_it_visibly() {
    let sandbox = Sandbox::new("escapes-error");
    let path = sandbox.write(NAME, &article(""));
    let output = sandbox.barg(&[
        "bookmarks",
        "add",
        path.to_str().expect("UTF-8"),
        "--quote",
        "not in the article",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_clean("the error", &stderr(&output));
    assert!(
        stderr(&output).contains("\\u{1b}[2J"),
        "{}",
        stderr(&output)
    );
}
