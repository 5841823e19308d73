//! Step 1 of the pipeline: make a paragraph safe for the bidi algorithm and
//! decide which characters never reach the terminal.
//!
//! Paragraph separators inside a paragraph (a stray CR, U+2029, NEL, the
//! information separators) would make `unicode_bidi` see several paragraphs.
//! They are replaced by boundary-neutral characters *of the same UTF-8
//! length*, so every byte offset stays the offset of the original text.

use std::borrow::Cow;

/// The text to run the bidi algorithm on: `text` with paragraph separators
/// replaced by boundary neutrals of equal byte length.
pub fn for_bidi(text: &str) -> Cow<'_, str> {
    let has_separator = text
        .bytes()
        .any(|b| matches!(b, b'\n' | b'\r' | 0x1C..=0x1E))
        || text.contains(['\u{85}', '\u{2029}']);
    if !has_separator {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(match c {
            '\u{85}' => '\u{80}',     // NEL -> a C1 control, BN, 2 bytes
            '\u{2029}' => '\u{200B}', // PARAGRAPH SEPARATOR -> ZWSP, BN, 3 bytes
            c if is_paragraph_separator(c) => '\u{0}',
            c => c,
        });
    }
    debug_assert_eq!(out.len(), text.len());
    Cow::Owned(out)
}

fn is_paragraph_separator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}')
}

/// Characters that are never drawn: controls (tab is expanded elsewhere),
/// bidi formatting characters, joiners, BOM and the other invisible format
/// characters. The set comes from Unicode properties; see `classes`.
pub fn is_dropped(c: char) -> bool {
    super::classes::is_never_drawn(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_become_neutrals_of_the_same_length() {
        let text = "a\rb\u{2029}c\u{85}d";
        let clean = for_bidi(text);
        assert_eq!(clean.len(), text.len());
        assert!(!clean.contains(is_paragraph_separator));
    }

    #[test]
    fn escape_and_bidi_controls_are_dropped_tab_is_not() {
        for c in [
            '\u{1B}', '\u{9B}', '\u{202B}', '\u{2067}', '\u{200C}', '\u{FEFF}',
        ] {
            assert!(is_dropped(c), "{c:?}");
        }
        assert!(!is_dropped('\t'));
        assert!(!is_dropped('ب'));
    }
}
