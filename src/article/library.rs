//! Which articles make the library: the samples, the files in the data
//! directory's `library` folder, the paths in the config file and the paths
//! given on the command line (files, or folders of `.txt`, `.text`, `.md`,
//! `.markdown`, `.html`, `.htm` and saved `.barg` files).

use std::path::{Path, PathBuf};

use super::{Article, Format, Source, open, samples};
use crate::error::{Error, Result};

/// Files in a folder that barg takes for articles.
fn is_article_file(path: &Path) -> bool {
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

/// Load every article `paths` name; what cannot be read is skipped and
/// reported in the returned messages, with the warnings about what was read.
pub fn load_all(paths: &[PathBuf]) -> (Vec<Article>, Vec<String>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match expand(path) {
            Ok(files) => {
                for file in files {
                    match open(&Source::File(file)) {
                        Ok(opened) => {
                            problems.extend(opened.warnings);
                            articles.push(opened.article);
                        }
                        Err(e) => problems.push(e.to_string()),
                    }
                }
            }
            Err(e) => problems.push(e.to_string()),
        }
    }
    (articles, problems)
}

/// Words in an article, counted as runs of letters or digits.
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Minutes to read at about 200 words a minute, at least one.
pub fn minutes_to_read(words: usize) -> usize {
    words.div_ceil(200).max(1)
}
