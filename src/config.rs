//! The config file: which keymap, how wide a line of text, which colours, who
//! reorders bidi text, and where else to find articles.
//!
//! ```toml
//! keymap = "emacs"             # or "default"
//! keymap_file = "keys.toml"    # overrides single keys; relative to this file
//! measure = 72                 # columns of text at most, 20 to 400
//! theme = "light"              # or "dark"
//! bidi = "auto"                # or "app", "terminal"
//! library = ["~/articles", "notes/essay.md"]
//! ```

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};
use crate::ui::keymap::BUILTIN_KEYMAPS;

/// The narrowest and widest reading measure, in columns.
pub const MEASURE_RANGE: std::ops::RangeInclusive<u16> = 20..=400;
pub const DEFAULT_MEASURE: u16 = 80;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// "default" or "emacs".
    #[serde(deserialize_with = "keymap_name")]
    pub keymap: String,
    /// The user's keymap file, overriding single keys of `keymap`.
    pub keymap_file: Option<PathBuf>,
    /// The reading width in columns, at most; the text is narrower on a narrow terminal.
    #[serde(deserialize_with = "measure")]
    pub measure: u16,
    pub theme: Theme,
    pub bidi: BidiMode,
    /// Extra article files or folders for the library.
    pub library: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            keymap: "default".to_string(),
            keymap_file: None,
            measure: DEFAULT_MEASURE,
            theme: Theme::Dark,
            bidi: BidiMode::Auto,
            library: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Dark,
    Light,
}

/// Who puts right-to-left text in visual order: barg (`App`), the terminal
/// (`Terminal`), or barg's guess from the terminal it runs in (`Auto`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BidiMode {
    #[default]
    Auto,
    App,
    Terminal,
}

impl Config {
    /// `$BARG_CONFIG` if set, else `config_dir/barg/config.toml`; a missing
    /// file is the defaults; a bad one is an error naming the file, the line
    /// and what was expected. Returns the file read, if any.
    pub fn load() -> Result<(Config, Option<PathBuf>)> {
        let Some(path) = Config::location() else {
            return Ok((Config::default(), None));
        };
        Ok(match Config::load_if_present(&path)? {
            Some(config) => (config, Some(path)),
            None => (Config::default(), None),
        })
    }

    /// Where [`Config::load`] looks: `$BARG_CONFIG` if set, else
    /// `config_dir/barg/config.toml` (None if there is no config folder).
    pub fn location() -> Option<PathBuf> {
        match std::env::var_os("BARG_CONFIG") {
            Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
            _ => dirs::config_dir().map(|dir| dir.join("barg").join("config.toml")),
        }
    }

    /// The config in `path`, with relative paths in it made relative to the
    /// file's folder and `~` expanded.
    pub fn load_from(path: &Path) -> Result<Config> {
        Config::load_if_present(path)?.ok_or_else(|| {
            let missing = io::Error::from(io::ErrorKind::NotFound);
            Error::io(path, "read config file", &missing)
        })
    }

    /// Like [`Config::load_from`], but None when there is no such file.
    pub fn load_if_present(path: &Path) -> Result<Option<Config>> {
        if let Err(e) = std::fs::metadata(path)
            && e.kind() == io::ErrorKind::NotFound
        {
            return Ok(None);
        }
        let text = crate::article::read_text_file(path, "config file")?;
        let mut config = Config::parse(&display_path(path), &text)?;
        let dir = path.parent().unwrap_or(Path::new(""));
        config.keymap_file = config.keymap_file.map(|p| resolve(dir, &p));
        config.library = config.library.iter().map(|p| resolve(dir, p)).collect();
        Ok(Some(config))
    }
}

impl Config {
    /// The config in `text` (`label` names it in messages), paths as
    /// written; no I/O.
    pub fn parse(label: &str, text: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e| toml_error("config", label, text, &e))
    }
}

fn keymap_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let name = String::deserialize(deserializer)?;
    if BUILTIN_KEYMAPS.contains(&name.as_str()) {
        Ok(name)
    } else {
        Err(serde::de::Error::custom(format!(
            "unknown keymap \"{name}\"; expected \"default\" or \"emacs\" \
             (change single keys with keymap_file)"
        )))
    }
}

fn measure<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
    struct Columns;
    impl serde::de::Visitor<'_> for Columns {
        type Value = u16;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let (least, most) = (MEASURE_RANGE.start(), MEASURE_RANGE.end());
            write!(f, "a number of columns from {least} to {most}")
        }
        fn visit_i64<E: serde::de::Error>(self, columns: i64) -> Result<u16, E> {
            match u16::try_from(columns) {
                Ok(columns) if MEASURE_RANGE.contains(&columns) => Ok(columns),
                _ => {
                    let expected: &dyn serde::de::Expected = &self;
                    Err(E::custom(format!(
                        "measure {columns} is out of range; expected {expected}"
                    )))
                }
            }
        }
        fn visit_u64<E: serde::de::Error>(self, columns: u64) -> Result<u16, E> {
            self.visit_i64(i64::try_from(columns).unwrap_or(i64::MAX))
        }
    }
    deserializer.deserialize_i64(Columns)
}

/// `~` and `~/…` are the home folder; other relative paths are relative to `dir`.
fn resolve(dir: &Path, path: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = dirs::home_dir()
    {
        return home.join(rest);
    }
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        dir.join(path)
    }
}

/// A path as a person would write it: the home folder as `~`, controls
/// made visible.
pub fn display_path(path: &Path) -> String {
    if let Some(home) = dirs::home_dir()
        && home.parent().is_some()
        && let Ok(rest) = path.strip_prefix(&home)
    {
        return crate::safe::path(&Path::new("~").join(rest));
    }
    crate::safe::path(path)
}

/// The line (from 1) of the byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// An error in a file a person wrote: "keymap ~/keys.toml, line 4: unknown action …".
pub fn file_error(
    kind: &str,
    file: &str,
    text: &str,
    offset: Option<usize>,
    what: impl fmt::Display,
) -> Error {
    // The file's name and what it says are the writer's: shown, never obeyed.
    let file = crate::safe::visible(file);
    let what = what.to_string();
    let what = crate::safe::visible(&what);
    match offset {
        Some(offset) => Error::new(format!(
            "{kind} {file}, line {}: {what}",
            line_of(text, offset)
        )),
        None => Error::new(format!("{kind} {file}: {what}")),
    }
}

/// A TOML error, syntax or type, in the same words.
pub fn toml_error(kind: &str, file: &str, text: &str, error: &toml::de::Error) -> Error {
    // serde's words for an enum's values and a struct's names are not a reader's.
    let message = error
        .message()
        .trim_end()
        .replace("unknown variant", "unknown value")
        .replace("unknown field", "unknown setting");
    file_error(
        kind,
        file,
        text,
        error.span().map(|span| span.start),
        message,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one() {
        let text = "a = 1\nb = 2\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 6), 2);
        assert_eq!(line_of(text, 1000), 3);
    }

    #[test]
    fn relative_paths_are_relative_to_the_config_folder() {
        let dir = Path::new("/etc/barg");
        assert_eq!(resolve(dir, Path::new("keys.toml")), dir.join("keys.toml"));
        assert_eq!(resolve(dir, Path::new("/srv/a.md")), Path::new("/srv/a.md"));
        if let Some(home) = dirs::home_dir() {
            assert_eq!(resolve(dir, Path::new("~/articles")), home.join("articles"));
            assert_eq!(resolve(dir, Path::new("~")), home);
            assert_eq!(display_path(&home.join("keys.toml")), "~/keys.toml");
        }
        // "~user" is a name, not a home folder.
        assert_eq!(resolve(dir, Path::new("~user/a")), dir.join("~user/a"));
    }
}
