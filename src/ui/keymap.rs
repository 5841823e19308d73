//! Keys to actions: the built-in keymaps, the user's overrides, and keys typed
//! with the Persian keyboard layout.
//!
//! A keymap file is a TOML table `[keys]` mapping a key (or a sequence of
//! keys) to an action, e.g. `"j" = "down"` or `"C-x C-c" = "quit"`. The built-in
//! files live in `keymaps/` and are embedded; a user's file overrides them key
//! by key, and `"x" = "none"` unbinds a key.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::config::{display_path, file_error, toml_error};
use crate::error::{Error, Result};

/// What a key can be bound to: the commands a reader gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    /// Enter: open the selected article or bookmark.
    Open,
    /// Esc: cancel a selection or search, or leave the screen.
    Back,
    /// h: in the library goes back; in the reader goes back to the library.
    Left,
    /// l: in the library opens the selected article.
    Right,
    NextQuote,
    PrevQuote,
    Bookmark,
    Select,
    Copy,
    Search,
    NextHit,
    PrevHit,
    Bookmarks,
    Library,
    Help,
    Delete,
}

impl Action {
    /// Every action, in the order the help screen lists them.
    pub const ALL: [Action; 25] = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Back,
        Action::Left,
        Action::Right,
        Action::NextQuote,
        Action::PrevQuote,
        Action::Bookmark,
        Action::Select,
        Action::Copy,
        Action::Delete,
        Action::Search,
        Action::NextHit,
        Action::PrevHit,
        Action::Bookmarks,
        Action::Library,
        Action::Help,
        Action::Quit,
    ];

    /// The name used in keymap files, e.g. "next_quote".
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Down => "down",
            Action::Up => "up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Back => "back",
            Action::Left => "left",
            Action::Right => "right",
            Action::NextQuote => "next_quote",
            Action::PrevQuote => "prev_quote",
            Action::Bookmark => "bookmark",
            Action::Select => "select",
            Action::Copy => "copy",
            Action::Search => "search",
            Action::NextHit => "next_hit",
            Action::PrevHit => "prev_hit",
            Action::Bookmarks => "bookmarks",
            Action::Library => "library",
            Action::Help => "help",
            Action::Delete => "delete",
        }
    }

    /// One line for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit barg",
            Action::Down => "down a line",
            Action::Up => "up a line",
            Action::PageDown => "down a page",
            Action::PageUp => "up a page",
            Action::HalfPageDown => "down half a page",
            Action::HalfPageUp => "up half a page",
            Action::Top => "to the top",
            Action::Bottom => "to the bottom",
            Action::Open => "open the selected article or bookmark",
            Action::Back => "cancel the selection or search, or go back",
            Action::Left => "back to the library",
            Action::Right => "open the selected article",
            Action::NextQuote => "next quotation",
            Action::PrevQuote => "previous quotation",
            Action::Bookmark => "bookmark this place",
            Action::Select => "start or end a selection",
            Action::Copy => "copy the selection",
            Action::Search => "search",
            Action::NextHit => "next search hit",
            Action::PrevHit => "previous search hit",
            Action::Bookmarks => "the bookmarks",
            Action::Library => "the library",
            Action::Help => "this help",
            Action::Delete => "delete the selected bookmark",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.name() == name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One key with its modifiers, normalised so that what a terminal sends and
/// what a keymap file says compare equal: a character carries its own case, so
/// SHIFT is dropped from character keys ("G" is Char('G')), and Ctrl with a
/// capital ASCII letter is Ctrl with the small one, as terminals send both alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
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
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text;
        let mut modifiers = KeyModifiers::NONE;
        while let Some((prefix, after)) = rest.split_at_checked(2) {
            if after.is_empty() {
                break;
            }
            let modifier = match prefix {
                "C-" => KeyModifiers::CONTROL,
                "M-" | "A-" => KeyModifiers::ALT,
                "S-" => KeyModifiers::SHIFT,
                _ => break,
            };
            modifiers |= modifier;
            rest = after;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_whitespace() && !c.is_control() => KeyCode::Char(c),
            _ => named_key(rest).ok_or_else(|| format!("unknown key \"{text}\""))?,
        };
        let code = match code {
            KeyCode::Char(_) if modifiers.contains(KeyModifiers::SHIFT) => {
                return Err(format!(
                    "\"{text}\": S- goes only before a key name; \
                     write the shifted character itself, such as \"G\" or \"?\""
                ));
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
                latin_equivalent(c).map(|l| Key::new(KeyCode::Char(l), self.modifiers))
            }
            _ => None,
        }
    }
}

impl From<KeyEvent> for Key {
    fn from(event: KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }
}

impl std::str::FromStr for Key {
    type Err = String;
    fn from_str(text: &str) -> Result<Key, String> {
        Key::parse(text)
    }
}

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

fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, code)) = KEY_NAMES.iter().find(|(n, _)| *n == lower) {
        return Some(code);
    }
    let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=24).contains(&number).then_some(KeyCode::F(number))
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
    pub fn parse(text: &str) -> Result<KeySequence, String> {
        let keys = text
            .split_whitespace()
            .map(Key::parse)
            .collect::<Result<Vec<Key>, String>>()?;
        if keys.is_empty() {
            return Err("empty key".to_string());
        }
        Ok(KeySequence(keys))
    }
}

impl std::str::FromStr for KeySequence {
    type Err = String;
    fn from_str(text: &str) -> Result<KeySequence, String> {
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

/// The answer to a key typed: an action, the start of a longer sequence, or nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Matched(Action),
    /// The keys so far begin a sequence: keep them and wait for the next key.
    Pending,
    NotFound,
}

/// Where a binding was written, for errors.
#[derive(Clone, Debug)]
struct Origin {
    file: String,
    line: usize,
}

#[derive(Clone, Debug)]
struct Binding {
    keys: KeySequence,
    action: Action,
    origin: Origin,
}

/// Keys bound to actions: a built-in keymap with the user's overrides.
#[derive(Clone, Debug)]
pub struct Keymap {
    /// In the order written: the built-in file, then keys only the user's file has.
    bindings: Vec<Binding>,
    actions: HashMap<Vec<Key>, Action>,
    /// Every proper prefix of a bound sequence.
    prefixes: HashSet<Vec<Key>>,
}

/// The names of the built-in keymaps.
pub const BUILTIN_KEYMAPS: [&str; 2] = ["default", "emacs"];

fn builtin_source(name: &str) -> Result<(&'static str, &'static str)> {
    match name {
        "default" => Ok((
            "keymaps/default.toml (built in)",
            include_str!("../../keymaps/default.toml"),
        )),
        "emacs" => Ok((
            "keymaps/emacs.toml (built in)",
            include_str!("../../keymaps/emacs.toml"),
        )),
        other => Err(Error::new(format!(
            "unknown keymap \"{other}\"; expected \"default\" or \"emacs\""
        ))),
    }
}

impl Keymap {
    /// The named built-in keymap ("default" or "emacs"), with the user's file
    /// (if any) overriding single entries.
    pub fn load(name: &str, user_file: Option<&Path>) -> Result<Keymap> {
        let user = match user_file {
            Some(path) => {
                let text = crate::article::read_text_file(path, "keymap file")?;
                Some((display_path(path), text))
            }
            None => None,
        };
        Keymap::parse(name, user.as_ref().map(|(l, t)| (l.as_str(), t.as_str())))
    }

    /// The named built-in keymap with `user` (a label for messages, and the
    /// text of a keymap file) overriding single entries; no I/O.
    pub fn parse(name: &str, user: Option<(&str, &str)>) -> Result<Keymap> {
        let (label, text) = builtin_source(name)?;
        let mut bindings: Vec<Binding> = parse_entries(label, text)?
            .into_iter()
            .filter_map(|entry| {
                Some(Binding {
                    action: entry.action?,
                    keys: entry.keys,
                    origin: entry.origin,
                })
            })
            .collect();
        if let Some((label, text)) = user {
            for entry in parse_entries(label, text)? {
                let existing = bindings.iter().position(|b| b.keys == entry.keys);
                match (existing, entry.action) {
                    (Some(i), Some(action)) => {
                        bindings[i].action = action;
                        bindings[i].origin = entry.origin;
                    }
                    (Some(i), None) => {
                        bindings.remove(i);
                    }
                    (None, Some(action)) => bindings.push(Binding {
                        keys: entry.keys,
                        action,
                        origin: entry.origin,
                    }),
                    (None, None) => {}
                }
            }
        }
        Keymap::index(bindings)
    }

    pub fn builtin(name: &str) -> Result<Keymap> {
        Keymap::load(name, None)
    }

    fn index(bindings: Vec<Binding>) -> Result<Keymap> {
        let mut actions = HashMap::new();
        let mut prefixes = HashSet::new();
        for binding in &bindings {
            let keys = &binding.keys.0;
            actions.insert(keys.clone(), binding.action);
            for end in 1..keys.len() {
                prefixes.insert(keys[..end].to_vec());
            }
        }
        // A key that both acts and starts a sequence would hide the sequence.
        for short in &bindings {
            if !prefixes.contains(&short.keys.0) {
                continue;
            }
            let Some(long) = bindings.iter().find(|b| {
                b.keys.0.len() > short.keys.0.len() && b.keys.0.starts_with(&short.keys.0)
            }) else {
                continue;
            };
            return Err(Error::new(format!(
                "keymap {}, line {}: \"{}\" is also the first key of \"{}\" ({}, line {}), \
                 which could then never be typed; unbind one of them with = \"none\"",
                short.origin.file,
                short.origin.line,
                short.keys,
                long.keys,
                long.origin.file,
                long.origin.line
            )));
        }
        Ok(Keymap {
            bindings,
            actions,
            prefixes,
        })
    }

    /// What `key` does after the keys `pending` typed so far of a sequence
    /// (empty normally). A character of the Persian layout that is not bound
    /// as typed acts as the Latin key in its place. Callers pass key presses
    /// only, and drop `pending` on anything but `Pending`.
    pub fn lookup(&self, pending: &[KeyEvent], key: KeyEvent) -> Lookup {
        let mut resolved: Vec<Key> = Vec::with_capacity(pending.len() + 1);
        for event in pending.iter().chain(std::iter::once(&key)) {
            let typed = Key::from(*event);
            resolved.push(typed);
            if self.is_known(&resolved) {
                continue;
            }
            resolved.pop();
            let Some(latin) = typed.latin() else {
                return Lookup::NotFound;
            };
            resolved.push(latin);
            if !self.is_known(&resolved) {
                return Lookup::NotFound;
            }
        }
        match self.actions.get(&resolved) {
            Some(&action) => Lookup::Matched(action),
            None => Lookup::Pending,
        }
    }

    fn is_known(&self, keys: &[Key]) -> bool {
        self.actions.contains_key(keys) || self.prefixes.contains(keys)
    }

    /// Every binding, for the help screen: one row per bound action in the
    /// order of [`Action::ALL`], its keys as text like "j, Down".
    pub fn bindings(&self) -> Vec<(Action, String)> {
        Action::ALL
            .into_iter()
            .filter_map(|action| {
                let keys = self.keys_for(action);
                (!keys.is_empty()).then(|| (action, keys.join(", ")))
            })
            .collect()
    }

    /// The keys bound to `action`, first written first (for hints like "? help").
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.action == action)
            .map(|b| b.keys.to_string())
            .collect()
    }
}

/// One line of a keymap file; `action` None unbinds the key.
struct Entry {
    keys: KeySequence,
    action: Option<Action>,
    origin: Origin,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// The entries of a keymap file in the order written, or an error naming the
/// file, the line and what was expected.
fn parse_entries(file: &str, text: &str) -> Result<Vec<Entry>> {
    let parsed: KeymapFile = toml::from_str(text).map_err(|e| {
        if e.message().starts_with("unknown field") {
            // Most likely bindings written before or without the [keys] line.
            let what = "this is outside the [keys] table; \
                        a keymap file is a line [keys] followed by lines such as \"j\" = \"down\"";
            return file_error("keymap", file, text, e.span().map(|s| s.start), what);
        }
        toml_error("keymap", file, text, &e)
    })?;
    let mut written: Vec<_> = parsed.keys.into_iter().collect();
    written.sort_by_key(|(key, _)| key.span().start);

    let mut entries: Vec<Entry> = Vec::with_capacity(written.len());
    for (key, action) in written {
        let keys = KeySequence::parse(key.get_ref()).map_err(|message| {
            let what = if message.starts_with("unknown key") || message == "empty key" {
                format!("{message}; {KEY_SYNTAX}")
            } else {
                message
            };
            file_error("keymap", file, text, Some(key.span().start), what)
        })?;
        let action_name = action.get_ref().as_str();
        let bound = if action_name == "none" {
            None
        } else {
            Some(Action::from_name(action_name).ok_or_else(|| {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                file_error(
                    "keymap",
                    file,
                    text,
                    Some(action.span().start),
                    format!(
                        "unknown action \"{action_name}\"; expected one of: {}, \
                         or none to unbind the key",
                        names.join(", ")
                    ),
                )
            })?)
        };
        let line = crate::config::line_of(text, key.span().start);
        if let Some(earlier) = entries.iter().find(|e| e.keys == keys) {
            return Err(file_error(
                "keymap",
                file,
                text,
                Some(key.span().start),
                format!(
                    "\"{}\" is the same key as \"{}\" on line {}; bind it once",
                    key.get_ref(),
                    earlier.keys,
                    earlier.origin.line
                ),
            ));
        }
        entries.push(Entry {
            keys,
            action: bound,
            origin: Origin {
                file: file.to_string(),
                line,
            },
        });
    }
    Ok(entries)
}

const KEY_SYNTAX: &str = "expected a character such as \"j\", \"G\" or \"?\", \
    or a key name (Up, Down, Left, Right, PageUp, PageDown, Home, End, Space, Enter, \
    Esc, Tab, Backspace, Delete, Insert, F1 to F12), optionally after C- (Ctrl), M- (Alt) \
    or S- (Shift, for key names); a sequence is keys separated by spaces, such as \"C-x C-c\"";

/// The key at the same place on a US QWERTY keyboard for a character typed
/// with the standard Persian layout (ISIRI 9147), e.g. 'ت' → 'j', 'ن' → 'k';
/// Persian (۰–۹) and Arabic-Indic (٠–٩) digits → '0'–'9'. None for other
/// characters, ASCII included.
///
/// Transcribed from xkeyboard-config's `symbols/ir`, layout "pes" (ISIRI 9147,
/// by Behnam Esfahbod), levels 1 and 2; where the Persian layout types an
/// ASCII character itself (".", "/", "(", ")", "[", "]") that character is left as it is.
pub fn latin_equivalent(c: char) -> Option<char> {
    if let Some(d) = digit_value(c) {
        return (!c.is_ascii_digit()).then(|| char::from(b'0' + d as u8));
    }
    let latin = match c {
        // Number row, shifted
        '\u{066C}' => '@', // ARABIC THOUSANDS SEPARATOR
        '\u{066B}' => '#', // ARABIC DECIMAL SEPARATOR
        '\u{FDFC}' => '$', // RIAL SIGN
        '\u{066A}' => '%', // ARABIC PERCENT SIGN
        '\u{00D7}' => '^', // ×
        '\u{060C}' => '&', // ARABIC COMMA
        '\u{200D}' => '`', // ZERO WIDTH JOINER
        '\u{00F7}' => '~', // ÷
        '\u{0640}' => '_', // TATWEEL
        // Top row
        'ض' => 'q',
        'ص' => 'w',
        'ث' => 'e',
        'ق' => 'r',
        'ف' => 't',
        'غ' => 'y',
        'ع' => 'u',
        'ه' => 'i',
        'خ' => 'o',
        'ح' => 'p',
        'ج' => '[',
        'چ' => ']',
        '\u{0652}' => 'Q', // SUKUN
        '\u{064C}' => 'W', // DAMMATAN
        '\u{064D}' => 'E', // KASRATAN
        '\u{064B}' => 'R', // FATHATAN
        '\u{064F}' => 'T', // DAMMA
        '\u{0650}' => 'Y', // KASRA
        '\u{064E}' => 'U', // FATHA
        '\u{0651}' => 'I', // SHADDA
        // Home row
        'ش' => 'a',
        'س' => 's',
        'ی' => 'd',
        'ب' => 'f',
        'ل' => 'g',
        'ا' => 'h',
        'ت' => 'j',
        'ن' => 'k',
        'م' => 'l',
        'ک' => ';',
        'گ' => '\'',
        'ؤ' => 'A',
        'ئ' => 'S',
        'ي' => 'D', // ARABIC LETTER YEH
        'إ' => 'F',
        'أ' => 'G',
        'آ' => 'H',
        'ة' => 'J',
        '»' => 'K',
        '«' => 'L',
        '؛' => '"',
        // Bottom row
        'ظ' => 'z',
        'ط' => 'x',
        'ز' => 'c',
        'ر' => 'v',
        'ذ' => 'b',
        'د' => 'n',
        'پ' => 'm',
        'و' => ',',
        'ك' => 'Z',        // ARABIC LETTER KAF
        '\u{0653}' => 'X', // MADDAH ABOVE
        'ژ' => 'C',
        '\u{0670}' => 'V', // SUPERSCRIPT ALEF
        '\u{200C}' => 'B', // ZERO WIDTH NON-JOINER
        '\u{0654}' => 'N', // HAMZA ABOVE
        'ء' => 'M',
        '؟' => '?',
        _ => return None,
    };
    Some(latin)
}

/// The value of a digit typed for a count: Latin, Persian (۰–۹) or Arabic-Indic (٠–٩).
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        _ => None,
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

    #[test]
    fn sequences_are_pending_until_complete() -> Result<()> {
        let emacs = Keymap::builtin("emacs")?;
        let cx = press(KeyCode::Char('x'), KeyModifiers::CONTROL);
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(emacs.lookup(&[], cx), Lookup::Pending);
        assert_eq!(emacs.lookup(&[cx], cc), Lookup::Matched(Action::Quit));
        assert_eq!(emacs.lookup(&[cx], j), Lookup::NotFound);
        Ok(())
    }

    #[test]
    fn persian_letters_fall_back_to_their_latin_place() -> Result<()> {
        let map = Keymap::builtin("default")?;
        let typed = |c| map.lookup(&[], press(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(typed('ت'), Lookup::Matched(Action::Down));
        assert_eq!(typed('ن'), Lookup::Matched(Action::Up));
        assert_eq!(typed('ل'), Lookup::Matched(Action::Top));
        assert_eq!(typed('چ'), Lookup::Matched(Action::NextQuote));
        assert_eq!(typed('ج'), Lookup::Matched(Action::PrevQuote));
        assert_eq!(typed('؟'), Lookup::Matched(Action::Help));
        assert_eq!(typed('\u{200C}'), Lookup::Matched(Action::Bookmarks));
        assert_eq!(typed('«'), Lookup::Matched(Action::Library));
        assert_eq!(typed('\u{0654}'), Lookup::Matched(Action::PrevHit));
        assert_eq!(typed('ص'), Lookup::NotFound);
        // Persian sequences too: C-x C-c typed as C-ط C-ز.
        let emacs = Keymap::builtin("emacs")?;
        let ctrl = |c| press(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(
            emacs.lookup(&[ctrl('ط')], ctrl('ز')),
            Lookup::Matched(Action::Quit)
        );
        Ok(())
    }

    #[test]
    fn the_persian_table_maps_each_latin_key_once() {
        let mut seen = HashMap::new();
        let others = ['\u{200C}', '\u{200D}', '«', '»', '×', '÷', '\u{FDFC}'];
        for c in ('\u{0600}'..='\u{06FF}').chain(others) {
            let Some(latin) = latin_equivalent(c) else {
                continue;
            };
            if digit_value(c).is_some() {
                continue;
            }
            if let Some(other) = seen.insert(latin, c) {
                panic!("{other:?} and {c:?} both map to {latin:?}");
            }
        }
        // 9 on the number row, 20 on the top row, 21 on the home row, 16 below.
        assert_eq!(seen.len(), 66);
    }

    #[test]
    fn digits_of_three_scripts() {
        assert_eq!(digit_value('5'), Some(5));
        assert_eq!(digit_value('۵'), Some(5));
        assert_eq!(digit_value('٧'), Some(7));
        assert_eq!(digit_value('a'), None);
        assert_eq!(latin_equivalent('۰'), Some('0'));
        assert_eq!(latin_equivalent('٩'), Some('9'));
        assert_eq!(latin_equivalent('5'), None);
        assert_eq!(latin_equivalent('j'), None);
    }

    #[test]
    fn all_lists_every_action_once() {
        let distinct: HashSet<Action> = Action::ALL.into_iter().collect();
        assert_eq!(distinct.len(), Action::ALL.len());
    }

    #[test]
    fn every_action_has_a_distinct_name_that_serde_agrees_with() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
            let via_serde: Action = serde_json::from_str(&format!("\"{}\"", action.name()))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(via_serde, action);
            assert!(!action.describe().is_empty());
        }
    }
}
