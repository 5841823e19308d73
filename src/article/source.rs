//! Where an article comes from, and the one way to open it.
//!
//! A `Source` is what the library lists, what the store keeps with every
//! bookmark and reading position, and what every command opens through
//! [`open`]. In JSON it is an object tagged by `kind`, so that new kinds (a
//! URL, a feed item) join it as new variants:
//!
//! ```json
//! {"kind": "sample", "name": "fa-news.txt"}
//! {"kind": "file", "path": "/home/a/مقاله.txt"}
//! {"kind": "file", "path": "/home/a/caf\ufffd.txt", "path_base64": "L2hvbWUvYS9jYWb/LnR4dA=="}
//! {"kind": "stdin"}
//! {"kind": "url", "url": "https://fa.example/%D8%AE%D8%A8%D8%B1"}
//! ```
//!
//! A URL source (store schema 3) is a page fetched over the network each
//! time it is opened; `barg add URL` keeps a copy in the library instead.
//!
//! A file name need not be Unicode (on Linux it is any bytes); JSON strings
//! are. Such a name is kept twice: readable in `path` (invalid bytes as
//! U+FFFD) and exact in `path_base64`, which is what barg opens.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Article, Format, read_file, read_stdin, samples};
use crate::error::{Error, Result};

/// Where an article came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// One of the articles built into barg, by file name.
    Sample(String),
    /// A file, by the path it was opened with (the store keeps it absolute).
    File(PathBuf),
    /// Standard input: read once, never opened again.
    Stdin,
    /// A web page, by its normalized `http` or `https` URL (see
    /// `net::url::normalize`).
    Url(String),
}

impl Source {
    /// The names `Source`'s JSON object uses: a record that keeps fields
    /// barg does not know takes these out first.
    pub const FIELDS: &'static [&'static str] = &["kind", "name", "path", "path_base64", "url"];

    /// How the source is shown to a person: `sample:NAME`, the path, or `-`
    /// for standard input. Not escaped: pass it through `safe` to show it.
    pub fn describe(&self) -> String {
        match self {
            Source::Sample(name) => format!("sample:{name}"),
            Source::File(path) => path.display().to_string(),
            Source::Stdin => "-".to_string(),
            Source::Url(url) => url.clone(),
        }
    }

    /// A short name for lists: a file's name without its folder.
    pub fn short_name(&self) -> String {
        match self {
            Source::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
            other => other.describe(),
        }
    }

    /// The file, when the article came from one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::File(path) => Some(path),
            _ => None,
        }
    }

    /// This source with a file's path made absolute and spelled one way
    /// (links resolved), so that it is found again from any directory. A
    /// path that cannot be resolved (the file is gone) is kept as it is.
    pub fn canonical(&self) -> Source {
        match self {
            Source::File(path) => {
                Source::File(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            }
            other => other.clone(),
        }
    }
}

/// An article as [`open`] gives it, with what a person should be told.
#[derive(Debug)]
pub struct Opened {
    pub article: Article,
    /// Warnings about the article that do not stop it from being read (the
    /// file is not valid UTF-8), each a sentence naming the source.
    pub warnings: Vec<String>,
}

/// Open the article `source` names: a sample, a file (its format from its
/// extension), standard input or a web page (fetched now). An error says
/// what is wrong and names the source.
pub fn open(source: &Source) -> Result<Opened> {
    let (decoded, format) = match source {
        Source::Url(url) => return open_url(url),
        Source::Sample(name) => {
            let text = samples::sample(name).ok_or_else(|| {
                Error::new(
                    crate::i18n::process()
                        .f("error.no_sample", &[("name", &crate::error::ltr(name))]),
                )
            })?;
            let format = Format::of_path(Path::new(name));
            return Ok(Opened {
                article: Article::from_text(text.to_string(), source.clone(), format),
                warnings: Vec::new(),
            });
        }
        Source::File(path) if super::saved::is_saved_path(path) => {
            return super::saved::open_file(path, source);
        }
        Source::File(path) if Format::of_path(path) == Format::Html => {
            return super::html::open_file(path, source);
        }
        Source::File(path) => (read_file(path)?, Format::of_path(path)),
        Source::Stdin => (read_stdin()?, Format::Plain),
    };
    let mut warnings = Vec::new();
    if decoded.lossy {
        warnings.push(lossy_warning(source));
    }
    Ok(Opened {
        article: Article::from_text(decoded.text, source.clone(), format),
        warnings,
    })
}

/// The warning that `source` was not valid UTF-8 and was read with
/// replacement characters.
pub fn lossy_warning(source: &Source) -> String {
    let lang = crate::i18n::process();
    let name = match source {
        Source::Stdin => lang.t("error.stdin").to_string(),
        other => crate::error::ltr(&other.describe()),
    };
    lang.f("error.lossy_utf8", &[("name", &name)])
}

/// Fetch the page at `url` and read it: HTML (or XHTML) as a web page,
/// other text as plain text. A feed, a PDF or an image is refused with what
/// to do instead.
pub fn open_url(url: &str) -> Result<Opened> {
    let fetched = crate::net::fetch(url, &crate::net::Fetch::page())?;
    let source = Source::Url(fetched.final_url.clone());
    let crate::net::Status::Fresh(body) = fetched.status else {
        return Err(Error::new(crate::i18n::process().f(
            "error.fetch.not_modified",
            &[("url", &crate::error::ltr(url))],
        )));
    };
    read_fetched(&body, &fetched.final_url, source)
}

/// A fetched body as an article, by its media type (sniffed when the server
/// did not say).
pub fn read_fetched(body: &crate::net::Body, url: &str, source: Source) -> Result<Opened> {
    let lang = crate::i18n::process();
    let shown = crate::error::ltr(url);
    let media = body.content_type.as_deref().unwrap_or("");
    if !crate::net::is_textual(body.content_type.as_deref()) {
        return Err(Error::new(lang.f(
            "error.fetch.not_a_page",
            &[("url", &shown), ("kind", &describe_media(media))],
        )));
    }
    if crate::feed::looks_like_feed(&body.bytes, body.content_type.as_deref()) {
        let command = crate::error::ltr(&format!("barg feed add {url}"));
        return Err(Error::new(lang.f(
            "error.fetch.a_feed",
            &[("url", &shown), ("command", &command)],
        )));
    }
    if media == "text/plain" || media == "text/markdown" {
        let decoded = super::decode_bytes(body.bytes.clone())
            .map_err(|e| Error::new(format!("{shown}: {e}")))?;
        let format = if media == "text/markdown" {
            Format::Markdown
        } else {
            Format::Plain
        };
        return Ok(Opened {
            article: Article::from_text(decoded.text, source, format),
            warnings: Vec::new(),
        });
    }
    super::html::read(&body.bytes, body.charset.as_deref(), Some(url), source)
}

/// A media type in words: "a PDF (application/pdf)".
fn describe_media(media: &str) -> String {
    let lang = crate::i18n::process();
    let kind = match media.split('/').next().unwrap_or("") {
        _ if media == "application/pdf" => lang.t("error.media.pdf"),
        "image" => lang.t("error.media.image"),
        "audio" => lang.t("error.media.audio"),
        "video" => lang.t("error.media.video"),
        _ if media.contains("zip") || media.contains("tar") || media.contains("compressed") => {
            lang.t("error.media.archive")
        }
        _ => lang.t("error.media.file"),
    };
    format!("{kind} ({})", crate::error::ltr(media))
}

/// `Source` as JSON sees it.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
enum Wire {
    Sample {
        name: String,
    },
    File {
        path: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        path_base64: Option<String>,
    },
    Stdin,
    Url {
        url: String,
    },
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let wire = match self {
            Source::Sample(name) => Wire::Sample { name: name.clone() },
            Source::File(path) => {
                let (path, path_base64) = encode_path(path);
                Wire::File { path, path_base64 }
            }
            Source::Stdin => Wire::Stdin,
            Source::Url(url) => Wire::Url { url: url.clone() },
        };
        wire.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(match Wire::deserialize(deserializer)? {
            Wire::Sample { name } => Source::Sample(name),
            Wire::File { path, path_base64 } => {
                Source::File(decode_path(&path, path_base64.as_deref()))
            }
            Wire::Stdin => Source::Stdin,
            Wire::Url { url } => Source::Url(url),
        })
    }
}

/// `path` as JSON keeps it: the text, and the raw bytes (base64) when the
/// text cannot hold them.
pub fn encode_path(path: &Path) -> (String, Option<String>) {
    let text = path.to_string_lossy().into_owned();
    if path.to_str().is_some() {
        return (text, None);
    }
    (text, raw_bytes(path).map(|bytes| STANDARD.encode(bytes)))
}

/// The path `text` and `base64` name: the raw bytes when they are there and
/// decode, else the text.
pub fn decode_path(text: &str, base64: Option<&str>) -> PathBuf {
    base64
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(from_raw_bytes)
        .unwrap_or_else(|| PathBuf::from(text))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn json(source: &Source) -> String {
        serde_json::to_string(source).expect("a source serializes")
    }

    fn parse(text: &str) -> serde_json::Result<Source> {
        serde_json::from_str(text)
    }

    #[test]
    fn each_kind_is_an_object_tagged_by_kind_and_reads_back() {
        let cases = [
            (
                Source::Sample("fa-news.txt".into()),
                r#"{"kind":"sample","name":"fa-news.txt"}"#,
            ),
            (
                Source::File("/a/کتاب.txt".into()),
                r#"{"kind":"file","path":"/a/کتاب.txt"}"#,
            ),
            (Source::Stdin, r#"{"kind":"stdin"}"#),
            (
                Source::Url("https://fa.example/a?b=1".into()),
                r#"{"kind":"url","url":"https://fa.example/a?b=1"}"#,
            ),
        ];
        for (source, text) in cases {
            assert_eq!(json(&source), text);
            assert_eq!(parse(text).expect("parses"), source);
        }
    }

    #[test]
    fn an_unknown_kind_or_field_is_refused_not_guessed() {
        assert!(parse(r#"{"kind":"feed","url":"https://example.org"}"#).is_err());
        assert!(parse(r#"{"kind":"url"}"#).is_err());
        assert!(parse(r#"{"kind":"file"}"#).is_err());
        assert!(parse(r#"{"kind":"file","path":"/a","mode":1}"#).is_err());
        assert!(parse(r#""/a/b.txt""#).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_comes_back_byte_for_byte() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let source = Source::File(OsStr::from_bytes(b"/a/caf\xff.txt").into());
        let text = json(&source);
        assert_eq!(
            text,
            r#"{"kind":"file","path":"/a/caf�.txt","path_base64":"L2EvY2Fm/y50eHQ="}"#
        );
        assert_eq!(parse(&text).expect("parses"), source);
        // A hand-edited field that does not decode falls back on the text.
        let edited = r#"{"kind":"file","path":"/a/b.txt","path_base64":"%%"}"#;
        assert_eq!(
            parse(edited).expect("parses"),
            Source::File("/a/b.txt".into())
        );
    }

    #[test]
    fn a_sample_opens_and_a_missing_one_is_named() {
        let opened = open(&Source::Sample("fa-news.txt".into())).expect("a sample");
        assert!(!opened.article.text.is_empty());
        assert!(opened.warnings.is_empty());
        let error = open(&Source::Sample("nope\u{1b}.txt".into())).expect_err("no such sample");
        assert_eq!(
            error.to_string(),
            "there is no sample article named nope\\u{1b}.txt"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_opens_with_a_warning_naming_it() {
        let path = std::env::temp_dir().join(format!("barg-source-{}.txt", std::process::id()));
        std::fs::write(&path, b"caf\xe9\n").expect("write");
        let opened = open(&Source::File(path.clone()));
        let _ = std::fs::remove_file(&path);
        let opened = opened.expect("opens");
        assert_eq!(opened.article.text, "caf\u{FFFD}\n");
        assert_eq!(
            opened.warnings,
            [format!(
                "{} is not valid UTF-8; the invalid bytes are shown as \u{FFFD}",
                path.display()
            )]
        );
    }
}
