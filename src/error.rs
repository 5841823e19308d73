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

    /// An I/O error about `path`, worded for a person.
    pub fn io(path: &Path, action: &str, error: &io::Error) -> Error {
        Error::new(format!(
            "cannot {action} {}: {}",
            crate::safe::path(path),
            describe_io(error)
        ))
    }
}

/// An I/O error in words.
pub fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotADirectory => {
            "a part of that path is a file, not a directory".to_string()
        }
        io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_string(),
        io::ErrorKind::StorageFull => "the disk is full".to_string(),
        io::ErrorKind::AlreadyExists => "a file of that name is in the way".to_string(),
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

/// Choices written for a message: `"default" or "emacs"`, `"a", "b" or "c"`.
pub fn one_of(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
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
        let kind = self.kind;
        match offset {
            Some(offset) => Error::new(format!(
                "{kind} {file}, line {}: {what}",
                self.line_of(offset)
            )),
            None => Error::new(format!("{kind} {file}: {what}")),
        }
    }

    /// A TOML error, syntax or type, in the same words.
    pub fn toml_error(&self, error: &toml::de::Error) -> Error {
        // serde's words for an enum's values and a struct's names are not a reader's.
        let message = error
            .message()
            .trim_end()
            .replace("unknown variant", "unknown value")
            .replace("unknown field", "unknown setting");
        self.error(error.span().map(|span| span.start), message)
    }

    /// The file's text read as `T`, or an error naming the file and the line.
    pub fn parse_toml<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        toml::from_str(self.text).map_err(|e| self.toml_error(&e))
    }
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
