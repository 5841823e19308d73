//! Keys to actions: the built-in keymaps, the user's overrides, and keys typed
//! with the Persian keyboard layout.
//!
//! A keymap file is a TOML table `[keys]` mapping a key (or a sequence of
//! keys) to an action, e.g. `"j" = "down"` or `"C-x C-c" = "quit"`. The built-in
//! files live in `keymaps/` and are embedded; a user's file overrides them key
//! by key, and `"x" = "none"` unbinds a key.
//!
//! - `action`: the actions, kept once in one table (names, help lines, order);
//! - `key`: keys as written and as typed, with typed parse errors;
//! - `lookup`: the [`Keymap`] and what a key typed does;
//! - `file`: reading keymap files, built in and the user's;
//! - `persian`: the Persian keyboard layout and digits.

mod action;
mod file;
mod key;
mod lookup;
mod persian;

pub use crate::config::BuiltinKeymap;
pub use action::Action;
pub use key::{KEY_SYNTAX, Key, KeyError, KeySequence};
pub use lookup::{Keymap, Lookup};
pub use persian::{digit_value, latin_equivalent};
