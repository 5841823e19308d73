//! Errors a person reads: one line that names the thing and what to do.

use std::fmt;
use std::io;
use std::path::Path;

#[derive(Debug)]
pub struct Error {
    message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
        }
    }

    /// An I/O error about `path`, worded for a person. `action` is one of
    /// "open", "read", "write", "list", "create", "lock", "read config
    /// file", "save the feed item to".
    pub fn io(path: &Path, action: &str, error: &io::Error) -> Error {
        let lang = crate::i18n::process();
        let args: [(&str, &dyn fmt::Display); 3] = [
            ("action", &action),
            ("path", &path_name(path)),
            ("why", &describe_io(error)),
        ];
        // Keys written out whole, so tests/i18n_tables.rs sees each one.
        let message = match action {
            "open" => lang.f("error.io.open", &args),
            "read" => lang.f("error.io.read", &args),
            "write" => lang.f("error.io.write", &args),
            "list" => lang.f("error.io.list", &args),
            "create" => lang.f("error.io.create", &args),
            "lock" => lang.f("error.io.lock", &args),
            "read config file" => lang.f("error.io.read_config", &args),
            "read keymap file" => lang.f("error.io.read_keymap", &args),
            "save the feed item to" => lang.f("error.io.save_item", &args),
            _ => lang.f("error.io.other", &args),
        };
        Error::new(message)
    }
}

/// A name quoted in a message of the process's language: a path, a URL, a
/// file name, an id. Active characters are made visible; in a right-to-left
/// language the name is isolated left to right (LRI … PDI), so that it
/// reads whole inside the sentence. The isolates never reach a terminal or
/// a pipe: `safe::eprint` and `cli::say` use them for layout or drop them.
pub fn ltr(name: &str) -> String {
    let shown = crate::safe::visible(name);
    if crate::i18n::process().is_rtl() {
        format!("\u{2066}{shown}\u{2069}")
    } else {
        shown.into_owned()
    }
}

/// A path quoted in a message: see [`ltr`].
pub fn path_name(path: &Path) -> String {
    ltr(&path.to_string_lossy())
}

/// A number in a message, in the digits of the process's language.
pub fn num(n: impl fmt::Display) -> String {
    crate::i18n::process().digits(&n.to_string()).into_owned()
}

/// An I/O error in words.
pub fn describe_io(error: &io::Error) -> String {
    let lang = crate::i18n::process();
    match error.kind() {
        io::ErrorKind::NotFound => lang.t("error.io.not_found").to_string(),
        io::ErrorKind::PermissionDenied => lang.t("error.io.permission").to_string(),
        io::ErrorKind::NotADirectory => lang.t("error.io.not_a_directory").to_string(),
        io::ErrorKind::IsADirectory => lang.t("error.io.is_a_directory").to_string(),
        io::ErrorKind::ReadOnlyFilesystem => lang.t("error.io.read_only").to_string(),
        io::ErrorKind::StorageFull => lang.t("error.io.disk_full").to_string(),
        io::ErrorKind::AlreadyExists => lang.t("error.io.in_the_way").to_string(),
        _ => error.to_string(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

// What a conversion that cannot fail fails with, so that `?` and generic
// callers (`Keymap::builtin(BuiltinKeymap::Emacs)`) need no special case.
impl From<std::convert::Infallible> for Error {
    fn from(never: std::convert::Infallible) -> Error {
        match never {}
    }
}

/// A path as a person would write it in a message: the home folder as `~`,
/// controls made visible.
pub fn display_path(path: &Path) -> String {
    if let Some(home) = dirs::home_dir()
        && home.parent().is_some()
        && let Ok(rest) = path.strip_prefix(&home)
    {
        return crate::safe::path(&Path::new("~").join(rest));
    }
    crate::safe::path(path)
}

/// Choices written for a message: `"default" or "emacs"`, `"a", "b" or "c"`
/// (in the words of the process's language).
pub fn one_of(choices: &[&str]) -> String {
    let lang = crate::i18n::process();
    let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => lang.f(
            "error.one_of",
            &[
                ("rest", &rest.join(lang.t("error.list_comma"))),
                ("last", last),
            ],
        ),
    }
}

/// A settings file a person wrote (the config, a keymap), for errors that
/// point into it: "keymap ~/keys.toml, line 4: unknown action …".
#[derive(Clone, Copy, Debug)]
pub struct SettingsFile<'a> {
    /// What the file is, first word of each message: "config", "keymap".
    pub kind: &'a str,
    /// The file's name as shown to the person.
    pub label: &'a str,
    pub text: &'a str,
}

impl SettingsFile<'_> {
    /// The line (from 1) of the byte `offset` in the file.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// An error at the byte `offset` (or in the file as a whole).
    pub fn error(&self, offset: Option<usize>, what: impl fmt::Display) -> Error {
        // The file's name and what it says are the writer's: shown, never obeyed.
        let file = crate::safe::visible(self.label);
        let what = what.to_string();
        let what = crate::safe::visible(&what);
        let lang = crate::i18n::process();
        let kind = match self.kind {
            "config" => lang.t("error.settings.config"),
            "keymap" => lang.t("error.settings.keymap"),
            other => other,
        };
        let file = if lang.is_rtl() {
            format!("\u{2066}{file}\u{2069}")
        } else {
            file.into_owned()
        };
        match offset {
            Some(offset) => Error::new(lang.f(
                "error.settings.at_line",
                &[
                    ("kind", &kind),
                    ("file", &file),
                    ("line", &num(self.line_of(offset))),
                    ("what", &what),
                ],
            )),
            None => Error::new(lang.f(
                "error.settings.in_file",
                &[("kind", &kind), ("file", &file), ("what", &what)],
            )),
        }
    }

    /// A TOML error, syntax or type, in the same words.
    pub fn toml_error(&self, error: &toml::de::Error) -> Error {
        // serde's words for an enum's values and a struct's names are not a reader's.
        let message = error.message().trim_end();
        self.error(error.span().map(|span| span.start), serde_words(message))
    }

    /// The file's text read as `T`, or an error naming the file and the line.
    pub fn parse_toml<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        toml::from_str(self.text).map_err(|e| self.toml_error(&e))
    }
}

/// serde's words for an unknown name in a settings file, which are not a
/// reader's ("unknown variant", "unknown field"), in the process's language;
/// other messages (TOML syntax) as the parser writes them.
fn serde_words(message: &str) -> String {
    let lang = crate::i18n::process();
    for (serde, key) in [("unknown variant ", "value"), ("unknown field ", "setting")] {
        let Some(rest) = message.strip_prefix(serde) else {
            continue;
        };
        let (name, expected) = match rest.split_once(", expected ") {
            Some((name, expected)) => (name, Some(expected)),
            None => (rest, None),
        };
        let expected = expected.map(|e| match e.strip_prefix("one of ") {
            Some(list) => lang.f(
                "error.settings.one_of",
                &[("list", &list.replace(", ", lang.t("error.list_comma")))],
            ),
            None => e.to_string(),
        });
        return match (key, expected) {
            ("value", Some(e)) => lang.f(
                "error.settings.unknown_value_expected",
                &[("name", &name), ("expected", &e)],
            ),
            ("value", None) => lang.f("error.settings.unknown_value", &[("name", &name)]),
            (_, Some(e)) => lang.f(
                "error.settings.unknown_setting_expected",
                &[("name", &name), ("expected", &e)],
            ),
            (_, None) => lang.f("error.settings.unknown_setting", &[("name", &name)]),
        };
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SettingsFile<'_> {
        SettingsFile {
            kind: "config",
            label: "barg.toml",
            text,
        }
    }

    #[test]
    fn lines_count_from_one() {
        let text = file("a = 1\nb = 2\n");
        assert_eq!(text.line_of(0), 1);
        assert_eq!(text.line_of(6), 2);
        assert_eq!(text.line_of(1000), 3);
    }

    #[test]
    fn an_error_names_the_kind_the_file_and_the_line() {
        let text = file("a = 1\nb = 2\n");
        assert_eq!(
            text.error(Some(6), "no b here").to_string(),
            "config barg.toml, line 2: no b here"
        );
        assert_eq!(
            text.error(None, "empty").to_string(),
            "config barg.toml: empty"
        );
    }

    #[test]
    fn an_error_shows_controls_in_the_name_and_the_words_without_obeying_them() {
        let named = SettingsFile {
            kind: "keymap",
            label: "a\u{1b}[2Jb.toml",
            text: "",
        };
        let message = named.error(None, "key \"\u{9b}31m\"").to_string();
        assert!(!message.chars().any(crate::safe::is_active), "{message:?}");
        assert!(message.contains("a\\u{1b}[2Jb.toml"), "{message}");
    }

    #[test]
    fn toml_errors_use_a_readers_words() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Settings {
            width: Option<u16>,
        }
        let text = file("\nheight = 3\n");
        let message = match text.parse_toml::<Settings>() {
            Ok(settings) => panic!("parsed as {settings:?}"),
            Err(e) => e.to_string(),
        };
        assert!(
            message.starts_with("config barg.toml, line 2: unknown setting `height`"),
            "{message}"
        );
    }

    #[test]
    fn a_path_at_home_is_written_with_a_tilde() {
        if let Some(home) = dirs::home_dir() {
            assert_eq!(display_path(&home.join("keys.toml")), "~/keys.toml");
        }
        assert_eq!(display_path(Path::new("/etc/a\u{1b}b")), "/etc/a\\u{1b}b");
    }

    #[test]
    fn choices_read_as_a_list() {
        assert_eq!(one_of(&["dark"]), "\"dark\"");
        assert_eq!(one_of(&["default", "emacs"]), "\"default\" or \"emacs\"");
        assert_eq!(one_of(&["a", "b", "c"]), "\"a\", \"b\" or \"c\"");
    }
}
