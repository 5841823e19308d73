//! Keys as a keymap file writes them ("j", "G", "C-f", "M-<", "S-Tab",
//! "C-x C-c") and as the terminal sends them, made to compare equal.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key with its modifiers, normalised so that what a terminal sends and
/// what a keymap file says compare equal: a character carries its own case, so
/// SHIFT is dropped from character keys ("G" is Char('G')), and Ctrl with a
/// capital ASCII letter is Ctrl with the small one, as terminals send both alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Why a key as written is not a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// Nothing, or only spaces, where a key should be.
    Empty,
    /// A modifier with no key after it: "C-", "C-M-".
    NoKeyAfterModifier(String),
    /// What looks like a modifier but is none of barg's: the "X-" of "X-j".
    UnknownModifier { key: String, modifier: String },
    /// Neither one character nor a key name: "Dwon", "jj", "F25".
    UnknownKey(String),
    /// S- before a character, which has a shifted character of its own: "S-g".
    ShiftedCharacter(String),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Empty => f.write_str("empty key"),
            KeyError::NoKeyAfterModifier(key) => {
                write!(f, "no key after the modifier in \"{key}\"")
            }
            KeyError::UnknownModifier { key, modifier } => {
                write!(f, "unknown modifier \"{modifier}\" in \"{key}\"")
            }
            KeyError::UnknownKey(key) => write!(f, "unknown key \"{key}\""),
            KeyError::ShiftedCharacter(key) => write!(
                f,
                "\"{key}\": S- goes only before a key name; \
                 write the shifted character itself, such as \"G\" or \"?\""
            ),
        }
    }
}

impl std::error::Error for KeyError {}

/// The modifiers as written before a key, two characters each.
const MODIFIERS: &[(&str, KeyModifiers)] = &[
    ("C-", KeyModifiers::CONTROL),
    ("M-", KeyModifiers::ALT),
    ("A-", KeyModifiers::ALT),
    ("S-", KeyModifiers::SHIFT),
];

/// Key names as written in files (lowercased), with the canonical spelling first.
const KEY_NAMES: &[(&str, KeyCode)] = &[
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("space", KeyCode::Char(' ')),
    ("spc", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("ret", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

/// What a keymap file may write as a key, for errors about one.
pub const KEY_SYNTAX: &str = "expected a character such as \"j\", \"G\" or \"?\", \
    or a key name (Up, Down, Left, Right, PageUp, PageDown, Home, End, Space, Enter, \
    Esc, Tab, Backspace, Delete, Insert, F1 to F12), optionally after C- (Ctrl), M- (Alt) \
    or S- (Shift, for key names); a sequence is keys separated by spaces, such as \"C-x C-c\"";

fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, code)) = KEY_NAMES.iter().find(|(n, _)| *n == lower) {
        return Some(code);
    }
    let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=24).contains(&number).then_some(KeyCode::F(number))
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut code = code;
        let mut modifiers = modifiers;
        match code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) && c.is_ascii_uppercase() {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::BackTab => modifiers.remove(KeyModifiers::SHIFT),
            _ => {}
        }
        Key { code, modifiers }
    }

    /// A plain character key, as typed without modifiers.
    pub fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// A key as written in a keymap file: "j", "G", "?", "Down", "C-f", "M-<".
    pub fn parse(text: &str) -> Result<Key, KeyError> {
        if text.trim().is_empty() {
            return Err(KeyError::Empty);
        }
        let mut rest = text;
        let mut modifiers = KeyModifiers::NONE;
        // A modifier is only a modifier with something after it: "C--" is Ctrl and "-".
        while let Some((prefix, after)) = rest.split_at_checked(2)
            && !after.is_empty()
            && let Some(&(_, modifier)) = MODIFIERS.iter().find(|(m, _)| *m == prefix)
        {
            modifiers |= modifier;
            rest = after;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_whitespace() && !c.is_control() => KeyCode::Char(c),
            _ => named_key(rest).ok_or_else(|| unknown(text, rest))?,
        };
        let code = match code {
            KeyCode::Char(_) if modifiers.contains(KeyModifiers::SHIFT) => {
                return Err(KeyError::ShiftedCharacter(text.to_string()));
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            code => code,
        };
        Ok(Key::new(code, modifiers))
    }

    /// The same key typed on a Latin keyboard, when this one is a character
    /// of the Persian layout (or a Persian or Arabic-Indic digit).
    pub fn latin(self) -> Option<Key> {
        match self.code {
            KeyCode::Char(c) => {
                super::latin_equivalent(c).map(|l| Key::new(KeyCode::Char(l), self.modifiers))
            }
            _ => None,
        }
    }
}

/// Why `rest`, the part of `text` after its modifiers, is no key.
fn unknown(text: &str, rest: &str) -> KeyError {
    if MODIFIERS.iter().any(|(m, _)| *m == rest) {
        return KeyError::NoKeyAfterModifier(text.to_string());
    }
    // "X-j", "c-x": a letter and a dash before a key look like a modifier.
    let mut chars = rest.char_indices();
    if let (Some((_, first)), Some((dash, '-')), Some(_)) =
        (chars.next(), chars.next(), chars.next())
        && first != '-'
    {
        return KeyError::UnknownModifier {
            key: text.to_string(),
            modifier: rest[..dash + 1].to_string(),
        };
    }
    KeyError::UnknownKey(text.to_string())
}

impl From<KeyEvent> for Key {
    fn from(event: KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }
}

impl std::str::FromStr for Key {
    type Err = KeyError;
    fn from_str(text: &str) -> Result<Key, KeyError> {
        Key::parse(text)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("C-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("M-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("S-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::PageDown => f.write_str("PageDown"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One or more keys typed in turn, e.g. "C-x C-c".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeySequence(pub Vec<Key>);

impl KeySequence {
    /// Keys separated by spaces, each as [`Key::parse`] reads it.
    pub fn parse(text: &str) -> Result<KeySequence, KeyError> {
        let keys = text
            .split_whitespace()
            .map(Key::parse)
            .collect::<Result<Vec<Key>, KeyError>>()?;
        if keys.is_empty() {
            return Err(KeyError::Empty);
        }
        Ok(KeySequence(keys))
    }
}

impl std::str::FromStr for KeySequence {
    type Err = KeyError;
    fn from_str(text: &str) -> Result<KeySequence, KeyError> {
        KeySequence::parse(text)
    }
}

impl fmt::Display for KeySequence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, key) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{key}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        match Key::parse(text) {
            Ok(key) => key,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn characters_are_themselves() {
        assert_eq!(key("j"), Key::char('j'));
        assert_eq!(key("G"), Key::char('G'));
        assert_eq!(key("?"), Key::char('?'));
        assert_eq!(key("]"), Key::char(']'));
        assert_eq!(key("-"), Key::char('-'));
        assert_eq!(key("ت"), Key::char('ت'));
    }

    #[test]
    fn key_names_ignore_case_and_have_aliases() {
        assert_eq!(key("Down").code, KeyCode::Down);
        assert_eq!(key("pagedown").code, KeyCode::PageDown);
        assert_eq!(key("PgUp").code, KeyCode::PageUp);
        assert_eq!(key("Escape"), key("Esc"));
        assert_eq!(key("Return"), key("Enter"));
        assert_eq!(key("Space"), Key::char(' '));
        assert_eq!(key("F5").code, KeyCode::F(5));
        assert!(Key::parse("F25").is_err());
    }

    #[test]
    fn modifiers_are_prefixes() {
        assert_eq!(
            key("C-f"),
            Key::new(KeyCode::Char('f'), KeyModifiers::CONTROL)
        );
        assert_eq!(key("M-<"), Key::new(KeyCode::Char('<'), KeyModifiers::ALT));
        assert_eq!(
            key("C-M-v"),
            Key::new(
                KeyCode::Char('v'),
                KeyModifiers::CONTROL | KeyModifiers::ALT
            )
        );
        assert_eq!(
            key("C--"),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(key("S-Tab").code, KeyCode::BackTab);
        assert_eq!(
            key("C-Space"),
            Key::new(KeyCode::Char(' '), KeyModifiers::CONTROL)
        );
        // "C-N" is what a terminal sends as C-n.
        assert_eq!(key("C-N"), key("C-n"));
    }

    #[test]
    fn bad_keys_are_refused() {
        for bad in ["", " ", "Dwon", "C-", "CC-x", "jj", "S-g", "X-j"] {
            assert!(Key::parse(bad).is_err(), "{bad:?} parsed");
        }
        assert!(KeySequence::parse("").is_err());
        assert!(KeySequence::parse("C-x Dwon").is_err());
    }

    #[test]
    fn sequences_are_keys_separated_by_spaces() {
        let seq = KeySequence::parse("C-x  C-c").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(seq.0, vec![key("C-x"), key("C-c")]);
        assert_eq!(seq.to_string(), "C-x C-c");
    }

    #[test]
    fn display_reads_back_the_same_key() {
        for text in [
            "j", "G", "?", "Space", "C-Space", "Down", "PageUp", "C-f", "M-<", "C-M-v", "S-Tab",
            "S-Down", "F12", "Enter", "Esc", "ت",
        ] {
            let k = key(text);
            assert_eq!(k.to_string(), text);
            assert_eq!(key(&k.to_string()), k);
        }
    }

    #[test]
    fn shifted_letters_from_the_terminal_match_their_capital() {
        let from_terminal = Key::from(press(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(from_terminal, key("G"));
        let ctrl_shift = Key::from(press(
            KeyCode::Char('N'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ));
        assert_eq!(ctrl_shift, key("C-n"));
        let backtab = Key::from(press(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(backtab, key("S-Tab"));
    }

    /// Each kind of error, from a key a person might really write.
    #[test]
    fn each_bad_key_says_what_is_wrong_with_it() {
        let cases = [
            ("", KeyError::Empty),
            ("   ", KeyError::Empty),
            ("C-", KeyError::NoKeyAfterModifier("C-".to_string())),
            ("C-M-", KeyError::NoKeyAfterModifier("C-M-".to_string())),
            (
                "X-j",
                KeyError::UnknownModifier {
                    key: "X-j".to_string(),
                    modifier: "X-".to_string(),
                },
            ),
            (
                "C-c-x",
                KeyError::UnknownModifier {
                    key: "C-c-x".to_string(),
                    modifier: "c-".to_string(),
                },
            ),
            ("Dwon", KeyError::UnknownKey("Dwon".to_string())),
            ("jj", KeyError::UnknownKey("jj".to_string())),
            ("F25", KeyError::UnknownKey("F25".to_string())),
            ("CC-x", KeyError::UnknownKey("CC-x".to_string())),
            ("S-g", KeyError::ShiftedCharacter("S-g".to_string())),
        ];
        for (text, expected) in cases {
            assert_eq!(Key::parse(text), Err(expected), "{text:?}");
        }
        assert_eq!(KeySequence::parse(" \t "), Err(KeyError::Empty));
        assert_eq!(
            KeySequence::parse("C-x Dwon"),
            Err(KeyError::UnknownKey("Dwon".to_string()))
        );
    }

    #[test]
    fn key_errors_read_as_sentences() {
        let message = |text| match Key::parse(text) {
            Ok(key) => panic!("{text:?} parsed as {key}"),
            Err(e) => e.to_string(),
        };
        assert_eq!(message(""), "empty key");
        assert_eq!(message("C-"), "no key after the modifier in \"C-\"");
        assert_eq!(message("X-j"), "unknown modifier \"X-\" in \"X-j\"");
        assert_eq!(message("Dwon"), "unknown key \"Dwon\"");
        assert!(message("S-g").contains("write the shifted character itself"));
    }
}
