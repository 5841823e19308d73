//! `barg add URL|PATH…`: keep a copy in the data directory's `library`
//! folder, so the article is in the library and reads offline.
//!
//! A URL is fetched, read once and saved as a `.barg` saved article (its
//! text is what barg read, so its store id, and with it its bookmarks and
//! reading position, stay those of the page). A file is copied byte for
//! byte with its extension; a folder adds each article file in it (not in
//! its subfolders). Names come from the title (a page) or the file's name,
//! made safe for every file system; a name already taken by another file
//! gets `-2`, `-3`, … Adding what is already there (the same page by its
//! URL or text, the same bytes) says so and changes nothing.

use std::path::{Path, PathBuf};

use clap::Args;

use super::library::{fetch, laid_out_field, url_arg};
use crate::article::library::{expand, is_article_file};
use crate::article::saved::{self, Meta};
use crate::article::{self, Article, Source};
use crate::error::{Error, Result};
use crate::layout::{BaseDirection, LayoutOptions};
use crate::{safe, store};

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Web pages (http, https) to fetch and keep, or article files (or
    /// folders of them) to copy into the library
    #[arg(value_name = "URL|PATH", required = true)]
    pub items: Vec<PathBuf>,
}

/// The longest file name `add` makes, in bytes, before `-N` and the
/// extension: far below the 255 bytes most file systems allow.
const MAX_STEM_BYTES: usize = 80;

/// What adding one item did.
#[derive(Debug, PartialEq, Eq)]
enum Added {
    New(PathBuf),
    Already(PathBuf),
}

pub fn run(args: &AddArgs, data_dir: Option<&Path>) -> Result<()> {
    let folder = store::data_dir(data_dir)?.join("library");
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, "create", &e))?;
    let mut failed = None;
    for item in &args.items {
        let done = match url_arg(item) {
            Some(url) => add_url(url, &folder).map(|(added, title)| vec![(added, title)]),
            None => add_path(item, &folder),
        };
        match done {
            Ok(list) => {
                for (added, title) in list {
                    tell(&added, &title);
                }
            }
            // Each failure is said; the other items are still added.
            Err(e) if args.items.len() > 1 => {
                safe::eprint(&e.to_string());
                failed = Some(e);
            }
            Err(e) => return Err(e),
        }
    }
    match failed {
        Some(_) => Err(Error::new(
            crate::i18n::process().t("error.add.some_failed"),
        )),
        None => Ok(()),
    }
}

/// `added PATH  TITLE` on stdout, or on stderr that it was already there.
fn tell(added: &Added, title: &str) {
    match added {
        Added::Already(path) => {
            safe::eprint(&crate::i18n::process().f(
                "cli.add.already",
                &[("path", &crate::error::path_name(path))],
            ));
        }
        Added::New(path) => {
            let lang = crate::i18n::process();
            let ltr = LayoutOptions {
                direction: match lang.direction() {
                    crate::layout::Direction::Rtl => BaseDirection::Rtl,
                    crate::layout::Direction::Ltr => BaseDirection::Ltr,
                },
                ..LayoutOptions::default()
            };
            let line = lang.f("cli.add.added", &[("path", &crate::error::path_name(path))]);
            let width = super::default_width();
            let mut out = super::say::for_stdout(&line);
            let room = width.saturating_sub(out.chars().count() + 2);
            if room >= 8 && !title.trim().is_empty() {
                let (title, _) = laid_out_field(title, room, &LayoutOptions::default());
                out = format!("{}  {title}", laid_out_field(&line, width, &ltr).0);
            }
            out.push('\n');
            // A closed stdout does not undo the copy.
            let _ = super::write_stdout(out.as_bytes());
        }
    }
}

fn add_url(url: &str, folder: &Path) -> Result<(Added, String)> {
    let opened = fetch(url)?;
    for warning in &opened.warnings {
        safe::eprint(&format!("warning: {warning}"));
    }
    let article = opened.article;
    let Source::Url(final_url) = article.source.clone() else {
        return Err(Error::new(crate::i18n::process().t("error.add.no_url")));
    };
    if let Some(path) = saved_already(folder, &final_url, &article) {
        return Ok((Added::Already(path), article.title));
    }
    let meta = Meta {
        url: Some(final_url.clone()),
        published: None,
    };
    let json = saved::to_json(&article, &meta);
    let stem = if article.title.trim().is_empty() {
        stem_of_url(&final_url)
    } else {
        safe_stem(&article.title)
    };
    let path = write_new(folder, &stem, saved::EXTENSION, json.as_bytes())?;
    Ok((Added::New(path), article.title))
}

/// A saved article in `folder` of the page at `url` or with the text of
/// `article`.
fn saved_already(folder: &Path, url: &str, article: &Article) -> Option<PathBuf> {
    let id = store::identify(article).to_string();
    let files = expand(folder).ok()?;
    files
        .into_iter()
        .filter(|f| saved::is_saved_path(f))
        .find(|file| {
            let Ok(bytes) = std::fs::read(file) else {
                return false;
            };
            match saved::parse(&bytes, Source::File(file.clone())) {
                Ok((other, meta)) => {
                    meta.url.as_deref() == Some(url) || store::identify(&other) == id
                }
                Err(_) => false,
            }
        })
}

/// Copy a file (or each article file of a folder) into `folder`.
fn add_path(path: &Path, folder: &Path) -> Result<Vec<(Added, String)>> {
    if path.is_dir() {
        let files = expand(path)?;
        if files.is_empty() {
            return Err(Error::new(crate::i18n::process().f(
                "error.add.no_articles_in",
                &[("path", &crate::error::path_name(path))],
            )));
        }
        return files.iter().map(|f| add_file(f, folder)).collect();
    }
    Ok(vec![add_file(path, folder)?])
}

fn add_file(path: &Path, folder: &Path) -> Result<(Added, String)> {
    if !is_article_file(path) {
        return Err(Error::new(crate::i18n::process().f(
            "error.add.not_article_file",
            &[("path", &crate::error::path_name(path))],
        )));
    }
    // Read it as barg would, so nothing unreadable lands in the library.
    let opened = article::open(&Source::File(path.to_path_buf()))?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", &e))?;
    if let Some(same) = same_bytes(folder, &bytes) {
        return Ok((Added::Already(same), opened.article.title));
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| safe_stem(&s.to_string_lossy()))
        .unwrap_or_else(|| safe_stem(&opened.article.title));
    let written = write_new(folder, &stem, &extension, &bytes)?;
    Ok((Added::New(written), opened.article.title))
}

/// A file in `folder` with exactly these bytes.
fn same_bytes(folder: &Path, bytes: &[u8]) -> Option<PathBuf> {
    let entries = std::fs::read_dir(folder).ok()?;
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        })
        .find(|p| std::fs::read(p).is_ok_and(|b| b == bytes))
}

/// Write `bytes` as `stem.extension` in `folder`, or `stem-2.extension`, …
/// when the name is taken: never over another file. Written whole or not
/// at all.
fn write_new(folder: &Path, stem: &str, extension: &str, bytes: &[u8]) -> Result<PathBuf> {
    let name = |n: usize| {
        let stem = if n == 1 {
            stem.to_string()
        } else {
            format!("{stem}-{n}")
        };
        if extension.is_empty() {
            stem
        } else {
            format!("{stem}.{extension}")
        }
    };
    let path = (1..10_000)
        .map(|n| folder.join(name(n)))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .ok_or_else(|| {
            Error::new(crate::i18n::process().f(
                "error.add.too_many",
                &[
                    ("folder", &crate::error::path_name(folder)),
                    ("name", &crate::error::ltr(stem)),
                ],
            ))
        })?;
    let temp = |name: &std::ffi::OsStr| {
        let mut temp = std::ffi::OsString::from(".");
        temp.push(name);
        temp.push(format!(".barg-{}.tmp", std::process::id()));
        temp
    };
    store::write_atomic(&path, temp, bytes).map_err(|e| Error::io(&path, "write", &e))?;
    Ok(path)
}

/// A file name (without extension) from a title or a name: characters no
/// file system takes (`/ \ : * ? " < > |`), controls and invisible
/// characters left out (ZWNJ kept: it is part of Persian spelling),
/// whitespace as `-`, no dot or dash at its ends, at most `MAX_STEM_BYTES`
/// bytes, never a name Windows reserves, never empty.
pub fn safe_stem(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        let keep = match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => None,
            '\u{200C}' => Some(c),
            c if c.is_whitespace() => Some('-'),
            c if c.is_control()
                || safe::is_active(c)
                || crate::layout::classes::is_never_drawn(c) =>
            {
                None
            }
            c => Some(c),
        };
        let Some(c) = keep else { continue };
        if c == '-' {
            if dash {
                continue;
            }
            dash = true;
        } else {
            dash = false;
        }
        if out.len() + c.len_utf8() > MAX_STEM_BYTES {
            break;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches(|c: char| c == '.' || c == '-' || c == '\u{200C}');
    let mut stem = trimmed.to_string();
    if stem.is_empty() {
        stem = "article".to_string();
    }
    let upper = stem.to_ascii_uppercase();
    let base = upper.split('.').next().unwrap_or("");
    let reserved = matches!(base, "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        stem.insert(0, '_');
    }
    stem
}

/// A name for a page without a title: its host and last path segment.
fn stem_of_url(url: &str) -> String {
    let Ok(parsed) = url::Url::parse(url) else {
        return safe_stem(url);
    };
    let host = parsed.host_str().unwrap_or("page");
    let last = parsed
        .path_segments()
        .and_then(|mut s| s.rfind(|seg| !seg.is_empty()))
        .map(|seg| {
            percent_decode(seg)
                .rsplit_once('.')
                .map_or_else(|| percent_decode(seg), |(stem, _)| stem.to_string())
        });
    match last {
        Some(last) => safe_stem(&format!("{host}-{last}")),
        None => safe_stem(host),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_on_every_file_system() {
        assert_eq!(safe_stem("خبر امروز: باران"), "خبر-امروز-باران");
        assert_eq!(safe_stem("a/b\\c"), "abc");
        assert_eq!(safe_stem("\u{1b}]0;pwned\u{7}"), "]0;pwned");
        assert_eq!(safe_stem("\u{202E}txt.exe"), "txt.exe");
        assert_eq!(safe_stem("..hidden.."), "hidden");
        assert_eq!(safe_stem("   "), "article");
        assert_eq!(safe_stem("CON"), "_CON");
        assert_eq!(safe_stem("com1"), "_com1");
        assert_eq!(safe_stem("کتاب‌ها"), "کتاب‌ها");
        let long = safe_stem(&"ب".repeat(200));
        assert_eq!(long.len(), MAX_STEM_BYTES);
    }

    #[test]
    fn a_page_without_a_title_is_named_by_its_url() {
        assert_eq!(
            stem_of_url("https://fa.example/news/%D8%AE%D8%A8%D8%B1.html"),
            "fa.example-خبر"
        );
        assert_eq!(stem_of_url("https://fa.example/"), "fa.example");
    }
}
