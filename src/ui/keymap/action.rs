//! The commands a reader gives, kept once: each action's name in keymap
//! files, its line on the help screen and its place in the help screen's
//! order all come from the one table in [`actions!`].

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Builds [`Action`], [`Action::ALL`], [`Action::NAMES`], [`Action::name`]
/// and [`Action::describe`] from one list of `Variant = "name", "description";`,
/// in the order the help screen lists them.
macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $describe:literal;)*) => {
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

            /// One line for the help screen.
            pub fn describe(self) -> &'static str {
                match self {
                    $(Action::$variant => $describe,)*
                }
            }
        }
    };
}

actions! {
    Down = "down", "down a line";
    Up = "up", "up a line";
    PageDown = "page_down", "down a page";
    PageUp = "page_up", "up a page";
    HalfPageDown = "half_page_down", "down half a page";
    HalfPageUp = "half_page_up", "up half a page";
    Top = "top", "to the top";
    Bottom = "bottom", "to the bottom";
    /// Enter: open the selected article, bookmark or link.
    Open = "open", "open the selected article, bookmark or link";
    /// Esc: cancel a selection or search, or leave the screen.
    Back = "back", "cancel the selection or search, or go back";
    /// h: in the library goes back; in the reader goes back to the library.
    Left = "left", "back to the library";
    /// l: in the library opens the selected article.
    Right = "right", "open the selected article";
    /// f: the open article's links, to follow or copy.
    Links = "links", "the article's links";
    /// Backspace: the article read before, where it was left.
    HistoryBack = "history_back", "back to the article read before";
    NextQuote = "next_quote", "next quotation";
    PrevQuote = "prev_quote", "previous quotation";
    Bookmark = "bookmark", "bookmark this place";
    Select = "select", "start or end a selection";
    Copy = "copy", "copy the selection, or the selected link";
    Delete = "delete", "delete the selected bookmark";
    Search = "search", "search";
    NextHit = "next_hit", "next search hit";
    PrevHit = "prev_hit", "previous search hit";
    Bookmarks = "bookmarks", "the bookmarks";
    Library = "library", "the library";
    /// R: fetch every feed again, in the background.
    Refresh = "refresh", "refresh the feeds (in the background)";
    Help = "help", "this help";
    Quit = "quit", "quit barg";
    /// J: ragged lines, justified with spaces, or with kashida then spaces.
    Justify = "justify", "justify the lines: none, spaces, kashida";
}

impl Action {
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
            assert!(!action.describe().is_empty(), "{action:?}");
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
