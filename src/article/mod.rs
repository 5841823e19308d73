//! Articles: logical text split into paragraphs, from files, stdin or the
//! samples built into barg.

pub mod library;
pub mod quotes;
pub mod samples;

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Files larger than this are refused rather than read into memory.
pub const MAX_ARTICLE_BYTES: u64 = 1 << 30;

/// Where an article came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Sample(&'static str),
    Path(PathBuf),
    Stdin,
}

impl Source {
    /// How the source is shown to a person and kept in the store.
    pub fn describe(&self) -> String {
        match self {
            Source::Sample(name) => format!("sample:{name}"),
            Source::Path(path) => path.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }
}

/// An article in logical order. Offsets anywhere in barg (quotes, bookmarks,
/// reading positions) are byte offsets into `text`.
#[derive(Clone, Debug)]
pub struct Article {
    pub title: String,
    pub source: Source,
    pub text: String,
    /// Byte ranges of the paragraphs in `text`: its non-blank lines.
    pub paragraphs: Vec<Range<usize>>,
    /// The store's identity of this text, computed once (it folds the whole
    /// text, which a long article should not pay for at every look-up).
    identity: std::sync::OnceLock<String>,
}

impl Article {
    /// A plain-text article: every non-blank line is a paragraph, the first
    /// one is also the title.
    pub fn from_plain_text(text: String, source: Source) -> Article {
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            if !content.trim().is_empty() {
                paragraphs.push(start..start + content.len());
            }
            start += line.len();
        }
        let title = paragraphs
            .first()
            .map(|range| text[range.clone()].trim().to_string())
            .unwrap_or_default();
        Article {
            title,
            source,
            text,
            paragraphs,
            identity: std::sync::OnceLock::new(),
        }
    }

    /// The identity `compute` gives this article's text, computed on first use.
    pub fn identity(&self, compute: impl FnOnce(&str) -> String) -> &str {
        self.identity.get_or_init(|| compute(&self.text))
    }

    pub fn paragraph(&self, index: usize) -> &str {
        &self.text[self.paragraphs[index].clone()]
    }

    /// The paragraphs' text, in order.
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> + '_ {
        self.paragraphs
            .iter()
            .map(|range| &self.text[range.clone()])
    }
}

/// Text read from a file or stdin, decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The input was not valid UTF-8 and was decoded with replacement characters.
    pub lossy: bool,
}

/// Read a file as text: a clear error for a missing file, a directory, a file
/// too large, or binary data.
pub fn read_file(path: &Path) -> Result<Decoded> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, "read", &e))?;
    if meta.is_dir() {
        return Err(Error::new(format!(
            "{} is a directory: give the path of an article file",
            path.display()
        )));
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(Error::new(format!(
            "{} is too large ({} bytes; barg reads articles up to 1 GiB)",
            path.display(),
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", &e))?;
    decode(bytes, &path.display().to_string())
}

/// Read all of stdin as text.
pub fn read_stdin() -> Result<Decoded> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(Error::new(
            "standard input is too large (barg reads articles up to 1 GiB)",
        ));
    }
    decode(bytes, "standard input")
}

fn decode(bytes: Vec<u8>, name: &str) -> Result<Decoded> {
    if looks_binary(&bytes) {
        return Err(Error::new(format!(
            "{name} looks like a binary file, not text: barg reads UTF-8 text"
        )));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, lossy: false }),
        Err(e) => Ok(Decoded {
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            lossy: true,
        }),
    }
}

/// A NUL byte in the first 8 KiB is what `grep` and `git` take for binary.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_blank_lines_are_paragraphs_and_the_first_is_the_title() {
        let article = Article::from_plain_text("عنوان\n\nیک\r\n  \nدو".to_string(), Source::Stdin);
        assert_eq!(article.title, "عنوان");
        let texts: Vec<_> = article.paragraph_texts().collect();
        assert_eq!(texts, ["عنوان", "یک", "دو"]);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(decode(vec![0x7f, b'E', b'L', b'F', 0, 0], "x").is_err());
        let lossy = decode(vec![b'a', 0xff, b'b'], "x").expect("text");
        assert!(lossy.lossy);
        assert_eq!(lossy.text, "a\u{FFFD}b");
    }
}
