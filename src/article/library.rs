//! Which articles make the library: the samples, the files in the data
//! directory's `library` folder, the paths in the config file and the paths
//! given on the command line (files, or folders of `.txt`, `.text`, `.md`,
//! `.markdown`, `.html`, `.htm` and saved `.barg` files).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::{Article, Format, Source, open, samples, saved};
use crate::error::{Error, Result};

/// Files in a folder that barg takes for articles.
pub fn is_article_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "txt" | "text" | "md" | "markdown" | "html" | "htm" | "barg"
        )
    })
}

/// The article files a path names: itself, or the article files of a folder
/// (sorted by name, not recursive).
pub fn expand(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, "open", &e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| Error::io(path, "list", &e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_article_file(p))
        .collect();
    files.sort();
    Ok(files)
}

/// The built-in samples as articles.
pub fn samples() -> Vec<Article> {
    samples::SAMPLES
        .iter()
        .map(|&(name, text)| {
            let format = Format::of_path(Path::new(name));
            Article::from_text(text.to_string(), Source::Sample(name.to_string()), format)
        })
        .collect()
}

/// An article of the library and what the library says of it besides its
/// text: when it was published or last changed, the feed it came from and
/// whether it is unread (filled by whoever knows: the store, the feeds).
#[derive(Debug)]
pub struct Entry {
    pub article: Article,
    /// When it was published, as a saved article's feed or page says (RFC 3339).
    pub published: Option<String>,
    /// When its file last changed; none for a sample.
    pub modified: Option<SystemTime>,
    /// The feed it is an item of, by title or URL.
    pub feed: Option<String>,
    /// No reading position is kept for it (or its feed item is not opened).
    pub unread: bool,
}

impl Entry {
    pub fn new(article: Article) -> Entry {
        Entry {
            article,
            published: None,
            modified: None,
            feed: None,
            unread: true,
        }
    }
}

/// Load every article `paths` name; what cannot be read is skipped and
/// reported in the returned messages, with the warnings about what was read.
pub fn load_all(paths: &[PathBuf]) -> (Vec<Article>, Vec<String>) {
    let (entries, problems) = load_entries(paths);
    (entries.into_iter().map(|e| e.article).collect(), problems)
}

/// [`load_all`], keeping each file's dates. Files are read in parallel (a
/// library of a thousand pages is mostly parsing), in the order of `paths`.
pub fn load_entries(paths: &[PathBuf]) -> (Vec<Entry>, Vec<String>) {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        match expand(path) {
            Ok(found) => files.extend(found),
            Err(e) => problems.push(e.to_string()),
        }
    }
    let loaded: Vec<Result<(Entry, Vec<String>)>> =
        files.par_iter().map(|f| load_entry(f)).collect();
    let mut entries = Vec::with_capacity(loaded.len());
    for result in loaded {
        match result {
            Ok((entry, warnings)) => {
                problems.extend(warnings);
                entries.push(entry);
            }
            Err(e) => problems.push(e.to_string()),
        }
    }
    (entries, problems)
}

/// One file as a library entry: a saved article keeps its publication date.
fn load_entry(file: &Path) -> Result<(Entry, Vec<String>)> {
    let source = Source::File(file.to_path_buf());
    let (article, published, warnings) = if saved::is_saved_path(file) {
        let bytes = super::read_file_bytes(file)?;
        let (article, meta) = saved::parse(&bytes, source)?;
        (article, meta.published, Vec::new())
    } else {
        let opened = open(&source)?;
        (opened.article, None, opened.warnings)
    };
    let modified = std::fs::metadata(file).and_then(|m| m.modified()).ok();
    let entry = Entry {
        published,
        modified,
        ..Entry::new(article)
    };
    Ok((entry, warnings))
}

/// Words in an article, counted as runs of letters or digits.
pub fn word_count(text: &str) -> usize {
    // One pass, no splitting: a word is counted at the whitespace (or the
    // end) that closes it, if it held a letter or digit.
    let mut words = 0;
    let mut counted = false;
    for c in text.chars() {
        // ASCII and the Arabic block (never whitespace) skip the
        // whitespace table.
        let space = match c {
            '\t'..='\r' | ' ' => true,
            c if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) => false,
            c => c.is_whitespace(),
        };
        if space {
            counted = false;
        } else if !counted && is_letter_or_digit(c) {
            words += 1;
            counted = true;
        }
    }
    words
}

/// `char::is_alphanumeric`, answered without its table look-up for ASCII
/// and the Arabic letters and digits, which are most of what barg reads
/// (the look-up was a quarter of `barg list`'s time).
fn is_letter_or_digit(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{0620}'..='\u{064A}'
        | '\u{0660}'..='\u{0669}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06F0}'..='\u{06FC}' => true,
        c => c.is_alphanumeric(),
    }
}

/// Minutes to read at about 200 words a minute, at least one.
pub fn minutes_to_read(words: usize) -> usize {
    words.div_ceil(200).max(1)
}

/// The direction an article reads in: the first direction a block declares,
/// else that of its first strong letter (left to right when it has none).
pub fn direction_of(article: &Article) -> super::Direction {
    use super::Direction;
    if let Some(declared) = article
        .blocks
        .iter()
        .map(|b| b.direction)
        .find(|&d| d != Direction::Auto)
    {
        return declared;
    }
    use unicode_bidi::BidiClass::{AL, L, R};
    for c in article.text.chars() {
        match unicode_bidi::bidi_class(c) {
            L => return Direction::Ltr,
            R | AL => return Direction::Rtl,
            _ => {}
        }
    }
    Direction::Ltr
}

/// An article's language: the first one a block declares (`false`), else a
/// guess from the script of its first letters (`true`): Persian for Arabic
/// script with a letter only Persian uses (پ چ ژ گ ک ی), else Arabic;
/// Hebrew; English for Latin letters. None without letters.
pub fn language_of(article: &Article) -> Option<(String, bool)> {
    if let Some(lang) = article.blocks.iter().find_map(|b| b.lang.as_deref()) {
        return Some((lang.to_string(), false));
    }
    let (mut arabic, mut persian, mut hebrew, mut latin) = (0usize, 0usize, 0usize, 0usize);
    // Script ranges only (no table look-up): this runs for every article
    // `barg list` shows.
    for c in article.text.chars() {
        match c {
            'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' => {
                persian += 1;
                arabic += 1;
            }
            '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{0750}'..='\u{077F}' => {
                arabic += 1;
            }
            '\u{05D0}'..='\u{05EA}' => hebrew += 1,
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => latin += 1,
            _ => continue,
        }
        if arabic + hebrew + latin >= 1000 {
            break;
        }
    }
    let guess = if arabic > 0 && arabic >= latin.max(hebrew) {
        if persian > 0 { "fa" } else { "ar" }
    } else if hebrew > 0 && hebrew >= latin {
        "he"
    } else if latin > 0 {
        "en"
    } else {
        return None;
    };
    Some((guess.to_string(), true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_with_a_letter_or_digit() {
        assert_eq!(word_count("کتاب‌ها را خواندم ، ۱۴۰۳ — and 2024 «»"), 6);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("a\u{85}b\u{3000}ج\u{a0}د\u{0b}e"), 5);
        for c in ['\u{0620}', 'ی', '۹', 'ۓ', 'é', 'ж', '\u{0670}'] {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
