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
//! digits = "keep"              # or "persian", "latin": digits of right-to-left text
//! justify = "none"             # or "spaces", "kashida"
//!
//! [ui]
//! language = "fa"              # or "en"; default from LC_ALL, LC_MESSAGES, LANG
//! ```

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result, SettingsFile, display_path, one_of};
use crate::i18n::Lang;
use crate::layout::{Digits, Justify};

/// The narrowest and widest reading measure, in columns.
pub const MEASURE_RANGE: std::ops::RangeInclusive<u16> = 20..=400;
pub const DEFAULT_MEASURE: u16 = 80;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The built-in keymap the user's file (if any) changes.
    pub keymap: BuiltinKeymap,
    /// The user's keymap file, overriding single keys of `keymap`.
    pub keymap_file: Option<PathBuf>,
    /// The reading width in columns, at most; the text is narrower on a narrow terminal.
    #[serde(deserialize_with = "measure")]
    pub measure: u16,
    pub theme: Theme,
    pub bidi: BidiMode,
    /// Extra article files or folders for the library.
    pub library: Vec<PathBuf>,
    /// Digits in right-to-left paragraphs.
    pub digits: Digits,
    /// How lines meet the measure.
    pub justify: Justify,
    pub ui: UiConfig,
}

/// The `[ui]` table.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UiConfig {
    /// The interface's language; None: from the locale.
    pub language: Option<Lang>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            keymap: BuiltinKeymap::Default,
            keymap_file: None,
            measure: DEFAULT_MEASURE,
            theme: Theme::Dark,
            bidi: BidiMode::Auto,
            library: Vec::new(),
            digits: Digits::Keep,
            justify: Justify::None,
            ui: UiConfig::default(),
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

/// The keymaps barg ships (in `keymaps/`), by the name config.toml gives them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub enum BuiltinKeymap {
    #[default]
    Default,
    Emacs,
}

impl BuiltinKeymap {
    pub const ALL: [BuiltinKeymap; 2] = [BuiltinKeymap::Default, BuiltinKeymap::Emacs];

    /// The name in config.toml: "default", "emacs".
    pub const fn name(self) -> &'static str {
        match self {
            BuiltinKeymap::Default => "default",
            BuiltinKeymap::Emacs => "emacs",
        }
    }
}

impl fmt::Display for BuiltinKeymap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A keymap name that is none of [`BuiltinKeymap::ALL`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKeymap(pub String);

impl fmt::Display for UnknownKeymap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = BuiltinKeymap::ALL.map(BuiltinKeymap::name);
        write!(
            f,
            "unknown keymap \"{}\"; expected {} (change single keys with keymap_file)",
            crate::safe::visible(&self.0),
            one_of(&names)
        )
    }
}

impl std::error::Error for UnknownKeymap {}

impl From<UnknownKeymap> for Error {
    fn from(unknown: UnknownKeymap) -> Error {
        Error::new(unknown.to_string())
    }
}

impl std::str::FromStr for BuiltinKeymap {
    type Err = UnknownKeymap;
    fn from_str(name: &str) -> Result<BuiltinKeymap, UnknownKeymap> {
        BuiltinKeymap::ALL
            .into_iter()
            .find(|keymap| keymap.name() == name)
            .ok_or_else(|| UnknownKeymap(name.to_string()))
    }
}

// A keymap can be given by name wherever one is asked for: `Keymap::builtin("emacs")`.
impl TryFrom<&str> for BuiltinKeymap {
    type Error = UnknownKeymap;
    fn try_from(name: &str) -> Result<BuiltinKeymap, UnknownKeymap> {
        name.parse()
    }
}

impl TryFrom<String> for BuiltinKeymap {
    type Error = UnknownKeymap;
    fn try_from(name: String) -> Result<BuiltinKeymap, UnknownKeymap> {
        name.parse()
    }
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
        SettingsFile {
            kind: "config",
            label,
            text,
        }
        .parse_toml()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_keymap_reads_back_from_its_name() {
        for keymap in BuiltinKeymap::ALL {
            assert_eq!(keymap.name().parse(), Ok(keymap));
            let config = Config::parse("c.toml", &format!("keymap = \"{keymap}\""));
            assert_eq!(config.map(|c| c.keymap).ok(), Some(keymap));
        }
        assert_eq!(
            "vim".parse::<BuiltinKeymap>(),
            Err(UnknownKeymap("vim".to_string()))
        );
    }

    #[test]
    fn typography_and_language_read_from_the_config() {
        let text = "digits = \"persian\"\njustify = \"kashida\"\n[ui]\nlanguage = \"fa\"\n";
        let config = Config::parse("c.toml", text).expect("a good config");
        assert_eq!(config.digits, Digits::Persian);
        assert_eq!(config.justify, Justify::Kashida);
        assert_eq!(config.ui.language, Some(Lang::PERSIAN));
        let bad =
            Config::parse("c.toml", "[ui]\nlanguage = \"xx\"\n").expect_err("xx is no language");
        assert!(bad.to_string().contains("unknown language \"xx\""), "{bad}");
    }

    #[test]
    fn relative_paths_are_relative_to_the_config_folder() {
        let dir = Path::new("/etc/barg");
        assert_eq!(resolve(dir, Path::new("keys.toml")), dir.join("keys.toml"));
        assert_eq!(resolve(dir, Path::new("/srv/a.md")), Path::new("/srv/a.md"));
        if let Some(home) = dirs::home_dir() {
            assert_eq!(resolve(dir, Path::new("~/articles")), home.join("articles"));
            assert_eq!(resolve(dir, Path::new("~")), home);
        }
        // "~user" is a name, not a home folder.
        assert_eq!(resolve(dir, Path::new("~user/a")), dir.join("~user/a"));
    }
}
