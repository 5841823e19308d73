//! Keys bound to actions, and what a key typed does: an action, the start of
//! a longer sequence, or nothing.

use std::collections::{HashMap, HashSet};

use crossterm::event::KeyEvent;

use super::{Action, Key, KeySequence};
use crate::error::{Error, Result};

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
pub(super) struct Origin {
    pub file: String,
    pub line: usize,
}

#[derive(Clone, Debug)]
pub(super) struct Binding {
    pub keys: KeySequence,
    pub action: Action,
    pub origin: Origin,
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

impl Keymap {
    /// The keymap of `bindings`, or an error when a key both acts and starts
    /// a sequence.
    pub(super) fn index(bindings: Vec<Binding>) -> Result<Keymap> {
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
            let message = format!(
                "keymap {}, line {}: \"{}\" is also the first key of \"{}\" ({}, line {}), \
                 which could then never be typed; unbind one of them with = \"none\"",
                short.origin.file,
                short.origin.line,
                short.keys,
                long.keys,
                long.origin.file,
                long.origin.line
            );
            // The keys and file names are the writer's: shown, never obeyed.
            return Err(Error::new(crate::safe::visible(&message)));
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

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
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
    fn links_and_the_way_back_have_keys_in_both_keymaps() -> Result<()> {
        let key = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        let default = Keymap::builtin("default")?;
        assert_eq!(
            default.lookup(&[], key('f')),
            Lookup::Matched(Action::Links)
        );
        assert_eq!(
            default.lookup(&[], press(KeyCode::Backspace, KeyModifiers::NONE)),
            Lookup::Matched(Action::HistoryBack)
        );
        // On the Persian layout, f's place is ب.
        assert_eq!(
            default.lookup(&[], key('ب')),
            Lookup::Matched(Action::Links)
        );
        let emacs = Keymap::builtin("emacs")?;
        assert_eq!(emacs.lookup(&[], key('f')), Lookup::Matched(Action::Links));
        assert_eq!(
            emacs.lookup(&[], key('l')),
            Lookup::Matched(Action::HistoryBack)
        );
        Ok(())
    }

    #[test]
    fn a_key_that_hides_a_sequence_is_named_without_obeying_it() {
        // U+202E (RIGHT-TO-LEFT OVERRIDE) is a character key like any other.
        let text = "[keys]\n\"\\u202E\" = \"quit\"\n\"\\u202E x\" = \"down\"\n";
        let message = match Keymap::parse("default", Some(("keys.toml", text))) {
            Ok(_) => panic!("a key that hides a sequence loaded"),
            Err(e) => e.to_string(),
        };
        assert!(!message.chars().any(crate::safe::is_active), "{message:?}");
        assert!(
            message.starts_with("keymap keys.toml, line 2: \"\\u{202e}\" is also the first key of"),
            "{message}"
        );
    }
}
