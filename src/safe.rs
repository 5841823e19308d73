//! Text that leaves barg for somewhere a terminal will read it later: stderr,
//! the clipboard (OSC 52), JSON and Markdown output. Whatever an article, a
//! file name, a config file or a note carries, none of it may arrive there as
//! a control sequence (an escape that retitles the window, a bracketed-paste
//! end that runs a command) or as a bidi override that hides what the text
//! says (Trojan Source).
//!
//! The screen itself is guarded by the layout engine (`layout::sanitize`),
//! which drops a larger set: everything that is never drawn.

use std::borrow::Cow;
use std::io::Write;

/// Characters that act on a terminal or reorder what a person sees: C0
/// controls but tab and newline, DEL, C1 controls, and the bidi embeddings,
/// overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). Marks
/// (LRM, RLM, ALM) and joiners only nudge the bidi algorithm and stay.
pub fn is_active(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
        | '\u{B}'..='\u{1F}'
        | '\u{7F}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}')
}

/// `text` without its active characters: for content (a copied quotation,
/// a note in an export), where the characters have no meaning to keep.
pub fn strip(text: &str) -> Cow<'_, str> {
    if !text.contains(is_active) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !is_active(c)).collect())
}

/// `text` with every active character, tab and newline too, written out as
/// `\u{1b}`: for names quoted in a message (a file name, a config value),
/// where a person must still be able to tell which name it was.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.contains(|c| is_active(c) || c == '\n' || c == '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_active(c) || c == '\n' || c == '\t' {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path quoted in a message: see [`visible`]. Bytes that are not UTF-8
/// are shown as U+FFFD.
pub fn path(path: &std::path::Path) -> String {
    visible(&path.to_string_lossy()).into_owned()
}

/// Serialized JSON with every active character that serde_json leaves raw
/// (C1 controls, DEL, bidi overrides and isolates) written as a `\uXXXX`
/// escape instead. JSON's own syntax is ASCII, so such characters can only
/// stand inside strings, where the escape means the same character: nothing
/// is lost, and a script that reads the JSON gets the text unchanged.
pub fn json(serialized: String) -> String {
    if !serialized.contains(is_active) {
        return serialized;
    }
    let mut out = String::with_capacity(serialized.len() + 16);
    for c in serialized.chars() {
        if is_active(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Write `barg: message` on stderr, with active characters made visible.
/// A stderr that cannot be written (closed, `2>/dev/full`) is not a reason
/// to panic: the message is dropped.
pub fn eprint(message: &str) {
    let line = format!("barg: {}\n", visible_lines(message));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Like [`visible`], but a message's own line breaks stay line breaks.
fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.contains(is_active) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(visible).collect();
    Cow::Owned(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_keeps_text_newlines_and_tabs_and_drops_sequences() {
        assert_eq!(
            strip("a\x1b[201~; touch /tmp/x\r\u{9b}2J\tب\n\u{202E}c"),
            "a[201~; touch /tmp/x2J\tب\nc"
        );
        assert!(matches!(strip("سلام\u{200C}ها"), Cow::Borrowed(_)));
    }

    #[test]
    fn visible_names_every_active_character() {
        assert_eq!(visible("\x1b]0;pwned\x07.txt"), "\\u{1b}]0;pwned\\u{7}.txt");
        assert_eq!(visible("a\nb\tc\u{2067}"), "a\\u{a}b\\u{9}c\\u{2067}");
    }

    #[test]
    fn json_escapes_c1_and_overrides_and_still_parses_to_the_same_text() {
        let note = "x\u{9b}31m\u{202E}y\u{2066}z\x7f";
        let raw = serde_json::to_string(&note).expect("serializes");
        let safe = json(raw);
        assert!(!safe.contains(is_active), "{safe:?}");
        let back: String = serde_json::from_str(&safe).expect("parses");
        assert_eq!(back, note);
    }
}
