//! The commands a reader gives, kept once: each action's name in keymap
//! files and its place in the help screen's order come from the one table
//! in [`actions!`]; its line on the help screen is the interface table's
//! `action.NAME` (assets/i18n).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::Lang;

/// Builds [`Action`], [`Action::ALL`], [`Action::NAMES`] and
/// [`Action::name`] from one list of `Variant = "name";`, in the order the
/// help screen lists them.
macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident = $name:literal;)*) => {
        /// What a key can be bound to: the commands a reader gives.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $variant,)*
        }

        impl Action {
            /// Every action, in the order the help screen lists them.
            pub const ALL: [Action; [$($name),*].len()] = [$(Action::$variant),*];

            /// Every action's name, in the same order.
            pub const NAMES: [&'static str; [$($name),*].len()] = [$($name),*];

            /// The name used in keymap files, e.g. "next_quote".
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }
        }
    };
}

actions! {
    Down = "down";
    Up = "up";
    PageDown = "page_down";
    PageUp = "page_up";
    HalfPageDown = "half_page_down";
    HalfPageUp = "half_page_up";
    Top = "top";
    Bottom = "bottom";
    /// Enter: open the selected article, bookmark or link.
    Open = "open";
    /// Esc: cancel a selection or search, or leave the screen.
    Back = "back";
    /// h: in the library goes back; in the reader goes back to the library.
    Left = "left";
    /// l: in the library opens the selected article.
    Right = "right";
    /// f: the open article's links, to follow or copy.
    Links = "links";
    /// Backspace: the article read before, where it was left.
    HistoryBack = "history_back";
    NextQuote = "next_quote";
    PrevQuote = "prev_quote";
    Bookmark = "bookmark";
    Select = "select";
    Copy = "copy";
    Delete = "delete";
    Search = "search";
    NextHit = "next_hit";
    PrevHit = "prev_hit";
    Bookmarks = "bookmarks";
    Library = "library";
    /// R: fetch every feed again, in the background.
    Refresh = "refresh";
    Help = "help";
    Quit = "quit";
    /// J: ragged lines, justified with spaces, or with kashida then spaces.
    Justify = "justify";
}

impl Action {
    /// Its line on the help screen, in `lang`: the table's `action.NAME`.
    pub fn describe(self, lang: Lang) -> &'static str {
        lang.t(&format!("action.{}", self.name()))
    }

    /// The action a keymap file names, e.g. "next_quote".
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.name() == name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// By the table's names, so that serde and keymap files cannot disagree.
impl Serialize for Action {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Action, D::Error> {
        let name = String::deserialize(deserializer)?;
        Action::from_name(&name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &Action::NAMES))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn all_lists_every_action_once() {
        let distinct: HashSet<Action> = Action::ALL.into_iter().collect();
        assert_eq!(distinct.len(), Action::ALL.len());
    }

    #[test]
    fn every_action_has_a_unique_name_a_description_and_parses_back() {
        let names: HashSet<&str> = Action::ALL.into_iter().map(Action::name).collect();
        assert_eq!(names.len(), Action::ALL.len(), "two actions share a name");
        for (action, name) in Action::ALL.into_iter().zip(Action::NAMES) {
            assert_eq!(action.name(), name);
            for lang in Lang::all() {
                let line = action.describe(lang);
                assert!(
                    !line.is_empty() && !line.starts_with("action."),
                    "{action:?}"
                );
            }
            assert_eq!(Action::from_name(name), Some(action));
            assert_eq!(action.to_string(), name);
            let via_serde: Action =
                serde_json::from_str(&format!("\"{name}\"")).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(via_serde, action);
            assert_eq!(
                serde_json::to_string(&action).ok(),
                Some(format!("\"{name}\""))
            );
        }
        assert_eq!(Action::from_name("dwon"), None);
        assert!(serde_json::from_str::<Action>("\"dwon\"").is_err());
    }

    #[test]
    fn names_are_snake_case_as_keymap_files_write_them() {
        for name in Action::NAMES {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
        }
    }
}
