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

/// How messages are laid out on a stderr that is a terminal: set once by the
/// command line (which knows the terminal and the layout engine; this module
/// knows neither). Without it, messages are written in logical order.
#[derive(Clone, Copy, Debug)]
pub struct MessageLayout {
    /// A message's line, its names marked with isolates (LRI/FSI … PDI) and
    /// every other active character already made visible, in the order the
    /// terminal draws it.
    pub line: fn(&str) -> String,
    /// Written before and after a line whose layout changed it: the
    /// terminal's "draw as received" switch and its undoing.
    pub before: &'static str,
    pub after: &'static str,
}

static MESSAGE_LAYOUT: std::sync::OnceLock<MessageLayout> = std::sync::OnceLock::new();

/// Lay out what [`eprint`] writes from now on with `layout` (once; later
/// calls change nothing).
pub fn set_message_layout(layout: MessageLayout) {
    let _ = MESSAGE_LAYOUT.set(layout);
}

/// Is `c` one of the isolates (LRI RLI FSI PDI) that mark a name inside a
/// message, so that the layout engine reads it as one run in its own
/// direction?
pub fn is_isolate(c: char) -> bool {
    matches!(c, '\u{2066}'..='\u{2069}')
}

/// Write `barg: message` on stderr, with active characters made visible.
/// The isolates that mark names in a translated message are used by the
/// layout (see [`set_message_layout`]) or dropped; none reaches stderr.
/// A stderr that cannot be written (closed, `2>/dev/full`) is not a reason
/// to panic: the message is dropped.
pub fn eprint(message: &str) {
    let marked = visible_lines(message);
    let logical: String = marked.chars().filter(|&c| !is_isolate(c)).collect();
    let mut out = String::with_capacity(logical.len() + 16);
    match MESSAGE_LAYOUT.get() {
        Some(layout) => {
            let lines: Vec<String> = marked
                .split('\n')
                .map(|line| strip((layout.line)(line).as_str()).into_owned())
                .collect();
            let laid = lines.join("\n");
            if laid == logical {
                out.push_str(&format!("barg: {logical}\n"));
            } else {
                out.push_str(layout.before);
                out.push_str(&format!("barg: {laid}\n"));
                out.push_str(layout.after);
            }
        }
        None => out.push_str(&format!("barg: {logical}\n")),
    }
    let _ = std::io::stderr().lock().write_all(out.as_bytes());
}

/// Like [`visible`], but a message's own line breaks stay line breaks, and
/// so do the isolates that mark names ([`eprint`] never writes them).
fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.contains(|c| is_active(c) && !is_isolate(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && !is_isolate(c) && (is_active(c) || c == '\t') {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
