//! A path kept in `store.json` without losing a byte. JSON strings are
//! Unicode, file names need not be (on Linux a name is any bytes): such a
//! name is kept twice, readable in `source` (invalid bytes as U+FFFD) and
//! exact in `source_base64`, which is what barg opens.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// `path` as the store keeps it: the text, and the raw bytes (base64) when
/// the text cannot hold them.
pub fn encode(path: &Path) -> (String, Option<String>) {
    let text = path.to_string_lossy().into_owned();
    if path.to_str().is_some() {
        return (text, None);
    }
    (text, raw_bytes(path).map(|bytes| STANDARD.encode(bytes)))
}

/// The path `source` and `base64` name: the raw bytes when they are there
/// and decode, else the text.
pub fn decode(source: &str, base64: Option<&str>) -> PathBuf {
    base64
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(from_raw_bytes)
        .unwrap_or_else(|| PathBuf::from(source))
}

#[cfg(unix)]
fn raw_bytes(path: &Path) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    Some(path.as_os_str().as_bytes().to_vec())
}

#[cfg(unix)]
fn from_raw_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

// Elsewhere names are Unicode (Windows' unpaired surrogates aside): the text is all.
#[cfg(not(unix))]
fn raw_bytes(_path: &Path) -> Option<Vec<u8>> {
    None
}

#[cfg(not(unix))]
fn from_raw_bytes(_bytes: Vec<u8>) -> Option<PathBuf> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn a_utf8_path_is_kept_as_text_alone() {
        assert_eq!(
            encode(Path::new("/a/کتاب.txt")),
            ("/a/کتاب.txt".into(), None)
        );
        assert_eq!(decode("/a/کتاب.txt", None), Path::new("/a/کتاب.txt"));
    }

    #[test]
    fn a_path_that_is_not_utf8_comes_back_byte_for_byte() {
        let path = Path::new(OsStr::from_bytes(b"/a/caf\xff.txt"));
        let (text, base64) = encode(path);
        assert_eq!(text, "/a/caf\u{FFFD}.txt");
        assert_eq!(decode(&text, base64.as_deref()), path);
        // A hand-edited field that does not decode falls back on the text.
        assert_eq!(decode(&text, Some("%%")), Path::new(&text));
    }
}
