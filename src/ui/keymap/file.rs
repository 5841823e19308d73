//! Reading keymap files: the built-in ones in `keymaps/`, embedded, and the
//! user's file that overrides them key by key. Errors name the file, the line
//! and what was expected.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::key::KEY_SYNTAX;
use super::lookup::{Binding, Origin};
use super::{Action, KeyError, KeySequence, Keymap};
use crate::config::BuiltinKeymap;
use crate::error::{Error, Result, SettingsFile, display_path};

/// The label for messages and the text of a built-in keymap.
fn builtin_file(keymap: BuiltinKeymap) -> (&'static str, &'static str) {
    match keymap {
        BuiltinKeymap::Default => (
            "keymaps/default.toml (built in)",
            include_str!("../../../keymaps/default.toml"),
        ),
        BuiltinKeymap::Emacs => (
            "keymaps/emacs.toml (built in)",
            include_str!("../../../keymaps/emacs.toml"),
        ),
    }
}

impl Keymap {
    /// A built-in keymap (a [`BuiltinKeymap`] or its name, "default" or
    /// "emacs"), with the user's file (if any) overriding single entries.
    pub fn load<K>(keymap: K, user_file: Option<&Path>) -> Result<Keymap>
    where
        K: TryInto<BuiltinKeymap>,
        Error: From<K::Error>,
    {
        let keymap = keymap.try_into()?;
        let user = match user_file {
            Some(path) => {
                let text = crate::article::read_text_file(path, "keymap file")?;
                Some((display_path(path), text))
            }
            None => None,
        };
        Keymap::over(keymap, user.as_ref().map(|(l, t)| (l.as_str(), t.as_str())))
    }

    /// A built-in keymap with `user` (a label for messages, and the text of
    /// a keymap file) overriding single entries; no I/O.
    pub fn parse<K>(keymap: K, user: Option<(&str, &str)>) -> Result<Keymap>
    where
        K: TryInto<BuiltinKeymap>,
        Error: From<K::Error>,
    {
        Keymap::over(keymap.try_into()?, user)
    }

    /// A built-in keymap as shipped.
    pub fn builtin<K>(keymap: K) -> Result<Keymap>
    where
        K: TryInto<BuiltinKeymap>,
        Error: From<K::Error>,
    {
        Keymap::over(keymap.try_into()?, None)
    }

    /// `keymap` with the user's file (label and text), if any, over it.
    fn over(keymap: BuiltinKeymap, user: Option<(&str, &str)>) -> Result<Keymap> {
        let (label, text) = builtin_file(keymap);
        let mut bindings: Vec<Binding> = read_entries(label, text)?
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
            for entry in read_entries(label, text)? {
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
fn read_entries(label: &str, text: &str) -> Result<Vec<Entry>> {
    let file = SettingsFile {
        kind: "keymap",
        label,
        text,
    };
    let parsed: KeymapFile = toml::from_str(text).map_err(|e| {
        if e.message().starts_with("unknown field") {
            // Most likely bindings written before or without the [keys] line.
            let what = "this is outside the [keys] table; \
                        a keymap file is a line [keys] followed by lines such as \"j\" = \"down\"";
            return file.error(e.span().map(|s| s.start), what);
        }
        file.toml_error(&e)
    })?;
    let mut written: Vec<_> = parsed.keys.into_iter().collect();
    written.sort_by_key(|(key, _)| key.span().start);

    let mut entries: Vec<Entry> = Vec::with_capacity(written.len());
    for (key, action) in written {
        let at_key = Some(key.span().start);
        let keys = KeySequence::parse(key.get_ref()).map_err(|error| {
            let what = match error {
                // The message says what to write instead.
                KeyError::ShiftedCharacter(_) => error.to_string(),
                _ => format!("{error}; {KEY_SYNTAX}"),
            };
            file.error(at_key, what)
        })?;
        let action_name = action.get_ref().as_str();
        let bound = if action_name == "none" {
            None
        } else {
            Some(Action::from_name(action_name).ok_or_else(|| {
                file.error(
                    Some(action.span().start),
                    format!(
                        "unknown action \"{action_name}\"; expected one of: {}, \
                         or none to unbind the key",
                        Action::NAMES.join(", ")
                    ),
                )
            })?)
        };
        let line = file.line_of(key.span().start);
        if let Some(earlier) = entries.iter().find(|e| e.keys == keys) {
            return Err(file.error(
                at_key,
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
                file: label.to_string(),
                line,
            },
        });
    }
    Ok(entries)
}
