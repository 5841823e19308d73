//! Bookmarks and reading positions on disk.
//!
//! Everything lives in one human-readable JSON file, `store.json`, in the data
//! directory. Nothing is lost:
//! - every change takes a lock, re-reads the file, applies itself and writes
//!   the file anew through a temporary file renamed over the old one, so two
//!   barg processes never undo each other's changes and a crash leaves the
//!   old file or the new one, whole;
//! - a file that does not parse is moved aside and never written over;
//! - a file from a newer barg is left untouched and read, not written;
//! - a bookmark whose quote is no longer in its article is kept, marked
//!   detached;
//! - fields barg does not know (a hand edit, another tool) are kept as they
//!   are, and a file name that is not UTF-8 is kept byte for byte;
//! - a change that cannot be written (a full disk, a read-only directory,
//!   another barg holding the lock for too long) is an error that says so,
//!   and stays in memory for the next write that can be made (see
//!   `Store::unsaved`); a data directory removed while barg runs is made
//!   again with everything barg knows.
//!
//! A change waits for another barg's write as the caller says (`Patience`),
//! never forever.
//!
//! Offsets are byte offsets into `Article::text`, as everywhere in barg. This
//! module knows nothing of terminals.

mod anchor;
mod export;
mod file;
mod lock;
mod migrate;
mod records;
mod time;
mod unsaved;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::article::{Article, Source};
use crate::error::{Error, Result};
use crate::{safe, search};

pub use anchor::{Reanchored, article_id, count};
pub use export::{export_json, export_markdown, export_markdown_dated};
pub use file::{Contents, STORE_FILE, parse as parse_file, write_atomic};
pub use lock::{Lock, Patience, WAIT_VARIABLE, lock};
use unsaved::{Failure, Unsaved};

pub use records::{
    Added, ArticleRef, Bookmark, ReadingPosition, SCHEMA, StoreFile, StoredSource, Unknown,
    identify,
};

/// The data directory: `flag` (from `--data-dir` or `BARG_DATA_DIR`) or the
/// system's data directory, with `barg` under it.
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf> {
    match flag {
        Some(dir) if !dir.as_os_str().is_empty() => Ok(dir.to_path_buf()),
        _ => dirs::data_dir().map(|dir| dir.join("barg")).ok_or_else(|| {
            Error::new(
                "cannot tell where this system keeps application data: \
                 give barg a directory with --data-dir DIR or BARG_DATA_DIR",
            )
        }),
    }
}

/// Bookmarks and reading positions, as last read from or written to disk,
/// and the changes not written yet.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    file: StoreFile,
    /// Why this store must not be written, when it must not.
    read_only: Option<String>,
    /// Things a person should hear about (a file moved aside, bookmarks
    /// re-anchored), not yet told.
    notices: Vec<String>,
    /// How long a change waits for another barg's write.
    patience: Patience,
    /// Changes that are in `file` but that no write has carried to disk
    /// (the disk was full, read-only, locked for too long): the next write
    /// that succeeds carries them.
    unsaved: Vec<Unsaved>,
}

impl Store {
    /// Read the store in `dir`. A missing directory or file is an empty
    /// store; a file that does not parse is moved aside (see `take_notices`);
    /// a file from a newer barg makes the store read-only. Changes wait for
    /// another barg's write as `Patience::default()` says.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store> {
        Store::open_with(dir, Patience::default())
    }

    /// `open`, with changes that wait for another barg's write as
    /// `patience` says.
    pub fn open_with(dir: impl Into<PathBuf>, patience: Patience) -> Result<Store> {
        let mut store = Store {
            dir: dir.into(),
            file: StoreFile::default(),
            read_only: None,
            notices: Vec::new(),
            patience,
            unsaved: Vec::new(),
        };
        let contents = file::read(&store.dir)?;
        store.take_in(contents)?;
        Ok(store)
    }

    fn take_in(&mut self, contents: file::Contents) -> Result<()> {
        match contents {
            file::Contents::Missing => self.file = StoreFile::default(),
            file::Contents::Current(file) => self.file = file.normalized(),
            file::Contents::Newer { schema, file } => self.go_read_only(schema, file),
            file::Contents::Corrupt(why) => {
                // Move it aside under the lock: another barg may be doing the same.
                let lock = match lock::lock(&self.dir, &self.patience) {
                    Ok(lock) => lock,
                    Err(e) => {
                        self.keep_corrupt(&why, &e);
                        return Ok(());
                    }
                };
                match file::read(&self.dir)? {
                    file::Contents::Corrupt(why) => {
                        self.file = StoreFile::default();
                        if let Err(e) = self.set_aside(&lock, &why) {
                            self.keep_corrupt(&why, &e);
                        }
                    }
                    // Another barg repaired it in the meantime.
                    other => {
                        drop(lock);
                        return self.take_in(other);
                    }
                }
            }
        }
        Ok(())
    }

    /// Move the unreadable store aside; barg goes on with what is in memory.
    fn set_aside(&mut self, lock: &lock::Lock, why: &str) -> Result<()> {
        let aside = file::set_aside(&self.dir, lock)?;
        let lang = crate::i18n::process();
        let args: [(&str, &dyn std::fmt::Display); 3] = [
            ("path", &crate::error::path_name(&self.path())),
            ("why", &safe::visible(why)),
            ("aside", &crate::error::path_name(&aside)),
        ];
        self.notices.push(
            if self.file.bookmarks.is_empty() && self.file.positions.is_empty() {
                lang.f("error.store.moved_aside_empty", &args)
            } else {
                lang.f("error.store.moved_aside_kept", &args)
            },
        );
        Ok(())
    }

    /// An unreadable store that cannot be moved aside is not written over.
    fn keep_corrupt(&mut self, why: &str, error: &Error) {
        let lang = crate::i18n::process();
        let reason = lang.f(
            "error.store.cannot_set_aside",
            &[
                ("path", &crate::error::path_name(&self.path())),
                ("why", &safe::visible(why)),
                ("error", &error),
            ],
        );
        self.notices
            .push(lang.f("error.store.read_only", &[("reason", &reason)]));
        self.read_only = Some(reason);
        self.file = StoreFile::default();
    }

    fn go_read_only(&mut self, schema: u64, file: Option<StoreFile>) {
        let newer = format!(
            "{} was written by a newer barg (schema version {schema}; this barg knows {SCHEMA})",
            safe::path(&self.path())
        );
        let mut notice = format!("{newer}: barg leaves it untouched and works read-only");
        match file {
            Some(file) => self.file = file,
            None => {
                notice.push_str(", without its bookmarks, which this barg cannot read");
                self.file = StoreFile::default();
            }
        }
        if self.read_only.is_none() {
            self.notices
                .push(format!("{notice}; update barg to change bookmarks"));
        }
        self.read_only = Some(format!("{newer}; update barg to change them"));
        // Nothing will ever be written: nothing is waiting to be.
        self.unsaved.clear();
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The store's file.
    pub fn path(&self) -> PathBuf {
        file::store_path(&self.dir)
    }

    /// The file another barg holds while it writes.
    pub fn lock_path(&self) -> PathBuf {
        lock::lock_path(&self.dir)
    }

    /// Why changes are refused, when they are. Every change then returns an
    /// error that says so (`set_position` too): a caller that wants to tell
    /// the person once, up front, asks here.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// How many changes (new bookmarks, reading positions) are in memory but
    /// not on disk, because their write failed (each failure was an error to
    /// the caller). The next write that succeeds carries them; `save` tries
    /// again on its own. Zero when everything is saved.
    pub fn unsaved(&self) -> usize {
        self.unsaved.len()
    }

    /// Write the changes that are not on disk yet (see `unsaved`).
    pub fn save(&mut self) -> Result<()> {
        if self.unsaved.is_empty() {
            return Ok(());
        }
        let what = format!(
            "{} kept in memory not saved",
            anchor::count(self.unsaved.len(), "change")
        );
        self.update(&what, |_| Ok(())).map_err(Failure::into_error)
    }

    /// Messages for the person (a file moved aside, bookmarks re-anchored or
    /// detached) gathered since the last call.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// Every bookmark, in the order they were made.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.file.bookmarks
    }

    /// Every bookmark, newest first.
    pub fn newest_first(&self) -> Vec<&Bookmark> {
        let mut list: Vec<(usize, &Bookmark)> = self.file.bookmarks.iter().enumerate().collect();
        list.sort_by(|(i, a), (j, b)| b.created.cmp(&a.created).then(j.cmp(i)));
        list.into_iter().map(|(_, bookmark)| bookmark).collect()
    }

    /// The bookmarks to draw on `article` (those not detached), in the order
    /// of the text. Call `check` first when the article was just opened.
    pub fn bookmarks_of(&self, article: &ArticleRef) -> Vec<&Bookmark> {
        let mut list: Vec<&Bookmark> = self
            .file
            .bookmarks
            .iter()
            .filter(|b| !b.detached && b.article.id == article.id)
            .collect();
        list.sort_by_key(|b| (b.range.start, b.range.end));
        list
    }

    /// Bring the bookmarks of `article` up to date with its text (see
    /// `Reanchored`) and save them when anything changed and the store can be
    /// written. A failure to save is a notice, not an error: the bookmarks
    /// are still right in memory.
    pub fn check(&mut self, article: &Article) -> Reanchored {
        let key = ArticleRef::of(article);
        let report = anchor::reanchor(&mut self.file.bookmarks, article, &key);
        if !report.changed {
            return report;
        }
        let source = safe::visible(&key.source.describe()).into_owned();
        if self.read_only.is_none() {
            let what = format!("the bookmarks of {source} were brought up to date but not saved");
            let saved = self.update(&what, |file| {
                anchor::reanchor(&mut file.bookmarks, article, &key);
                Ok(())
            });
            if let Err(e) = saved {
                self.notices.push(e.into_error().to_string());
                // `update` may have read the disk again: apply the change anew.
                anchor::reanchor(&mut self.file.bookmarks, article, &key);
            }
        }
        if let Some(line) = report.describe(&source) {
            self.notices.push(line);
        }
        report
    }

    /// Bookmark `range` of `article` (logical byte offsets, on character
    /// boundaries; whitespace at its ends is left out), with an optional
    /// note. The article's other bookmarks are brought up to date on the way.
    /// When the write fails, the error says so, and the bookmark is kept in
    /// memory for the next write (see `unsaved`).
    pub fn add(
        &mut self,
        article: &Article,
        range: Range<usize>,
        note: Option<String>,
    ) -> Result<Added> {
        let text = &article.text;
        let Some(selected) = text
            .get(range.clone())
            .filter(|quote| !search::fold_needle(quote).is_empty())
        else {
            return Err(Error::new(format!(
                "cannot bookmark bytes {}..{} of {}: that is not a stretch of its text",
                range.start,
                range.end,
                safe::visible(&article.source.describe())
            )));
        };
        // A selection that takes a space along at either end keeps only the words.
        let start = range.start + (selected.len() - selected.trim_start().len());
        let range = start..start + selected.trim().len();
        self.add_range(article, range, note, 1)
    }

    /// Bookmark the first place where `quote` occurs in `article`, matched as
    /// the reader's search matches (see `search`). A quote that is not there
    /// is an error.
    pub fn add_quote(
        &mut self,
        article: &Article,
        quote: &str,
        note: Option<String>,
    ) -> Result<Added> {
        if search::fold_needle(quote).is_empty() {
            return Err(Error::new(
                "the quote is empty: give the words to bookmark with --quote",
            ));
        }
        let found = search::find_all(&article.text, quote);
        let Some(first) = found.first() else {
            return Err(Error::new(format!(
                "the quote is not in {}: barg looks for it as the reader's search does \
                 (ی/ي, ک/ك, ZWNJ and harakat make no difference), so check its words",
                safe::visible(&article.source.describe())
            )));
        };
        self.add_range(article, first.clone(), note, found.len())
    }

    fn add_range(
        &mut self,
        article: &Article,
        range: Range<usize>,
        note: Option<String>,
        occurrences: usize,
    ) -> Result<Added> {
        let key = ArticleRef::of(article);
        let note = note.filter(|n| !n.trim().is_empty());
        let path = self.path();
        let mut report = Reanchored::default();
        let outcome = self.update("the bookmark is not saved", |file| {
            let (added, reanchored) = add_to(file, &path, article, &key, &range, note.clone())?;
            report = reanchored;
            Ok(added)
        });
        let added = match outcome {
            Ok(added) => added,
            Err(Failure::Refused(e)) => return Err(e),
            Err(Failure::NotSaved(e)) => {
                // Kept in memory, and written with the next change that can be.
                if let Ok((added, _)) = add_to(&mut self.file, &path, article, &key, &range, note) {
                    self.keep_unsaved(Unsaved::Bookmark(added.bookmark));
                }
                return Err(e);
            }
        };
        if let Some(line) = report.describe(&safe::visible(&key.source.describe())) {
            self.notices.push(line);
        }
        Ok(Added {
            occurrences,
            ..added
        })
    }

    fn keep_unsaved(&mut self, change: Unsaved) {
        self.unsaved.retain(|older| !change.replaces(older));
        self.unsaved.push(change);
    }

    /// Remove bookmark `id`; the bookmark that was removed.
    pub fn remove(&mut self, id: u64) -> Result<Bookmark> {
        // One that never reached the disk is only in memory.
        if let Some(at) = self
            .unsaved
            .iter()
            .position(|u| matches!(u, Unsaved::Bookmark(b) if b.id == id))
        {
            self.unsaved.remove(at);
            if let Some(index) = self.file.bookmarks.iter().position(|b| b.id == id) {
                return Ok(self.file.bookmarks.remove(index));
            }
        }
        self.update(&format!("bookmark {id} is not removed"), |file| {
            let index = file
                .bookmarks
                .iter()
                .position(|b| b.id == id)
                .ok_or_else(|| {
                    Error::new(crate::i18n::process().f(
                        "error.bookmarks.no_such_id",
                        &[("id", &crate::error::num(id))],
                    ))
                })?;
            Ok(file.bookmarks.remove(index))
        })
        .map_err(Failure::into_error)
    }

    /// Every saved reading position, in no particular order.
    pub fn positions(&self) -> impl Iterator<Item = &ReadingPosition> {
        self.file.positions.values()
    }

    /// Where the reader was in `article`: kept by its identity, or, when the
    /// text has changed since, by its source (clamped to the text).
    pub fn position(&self, article: &Article) -> Option<ReadingPosition> {
        let key = ArticleRef::of(article);
        let mut position = self
            .file
            .positions
            .get(&key.id)
            .cloned()
            .or_else(|| self.latest_position_at(&key.source))?;
        position.offset = floor_boundary(&article.text, position.offset);
        Some(position)
    }

    /// The position last saved for `article`'s source (its file, its
    /// address), found without the pass over its text that [`Store::position`]
    /// makes first: the reader's first screen, before the text is known.
    pub fn position_at_source(&self, article: &Article) -> Option<ReadingPosition> {
        let mut position = self.latest_position_at(&article.source.canonical())?;
        position.offset = floor_boundary(&article.text, position.offset);
        Some(position)
    }

    fn latest_position_at(&self, source: &Source) -> Option<ReadingPosition> {
        self.file
            .positions
            .values()
            .filter(|p| *p.source == *source)
            .max_by(|a, b| a.updated.cmp(&b.updated))
            .cloned()
    }

    /// Remember that the reader is at `offset` in `article`. A store that is
    /// read-only or cannot be written gives an error that says why; the
    /// position is then kept in memory for the next write (see `unsaved`).
    pub fn set_position(&mut self, article: &Article, offset: usize) -> Result<()> {
        let key = ArticleRef::of(article);
        let change = Unsaved::Position(
            key.id.clone(),
            ReadingPosition {
                source: key.source.clone(),
                offset: floor_boundary(&article.text, offset),
                updated: time::now(),
                unknown: Unknown::new(),
            },
        );
        let path = self.path();
        match self.update("the reading position is not saved", |file| {
            change.apply(file, &path)
        }) {
            Ok(()) => Ok(()),
            Err(Failure::Refused(e)) => Err(e),
            Err(Failure::NotSaved(e)) => {
                if change.apply(&mut self.file, &path).is_ok() {
                    self.keep_unsaved(change);
                }
                Err(e)
            }
        }
    }

    /// Change the store: lock, read what is on disk now, apply the changes
    /// not saved yet and then `change`, write, unlock. What `change` returns;
    /// on failure nothing is written, and the error starts with `what`.
    fn update<T>(
        &mut self,
        what: &str,
        change: impl FnOnce(&mut StoreFile) -> Result<T>,
    ) -> Result<T, Failure> {
        if let Some(why) = &self.read_only {
            return Err(Failure::Refused(Error::new(format!("{what}: {why}"))));
        }
        let not_saved = |e: Error| Failure::NotSaved(Error::new(format!("{what}: {e}")));
        let lock = lock::lock(&self.dir, &self.patience).map_err(not_saved)?;
        let mut fresh = match file::read(&self.dir).map_err(not_saved)? {
            // The file, or the whole data directory, was removed while barg
            // ran: what this barg knows is all there is, and it is kept.
            file::Contents::Missing => self.file.clone(),
            file::Contents::Current(file) => file.normalized(),
            // Damaged since it was read: what was read then is kept.
            file::Contents::Corrupt(why) => {
                self.set_aside(&lock, &why).map_err(not_saved)?;
                self.file.clone()
            }
            file::Contents::Newer { schema, file } => {
                self.go_read_only(schema, file);
                let why = self.read_only.as_deref().unwrap_or("it is read-only");
                return Err(Failure::Refused(Error::new(format!("{what}: {why}"))));
            }
        };
        let path = self.path();
        for unsaved in &self.unsaved {
            unsaved.apply(&mut fresh, &path).map_err(Failure::Refused)?;
        }
        let value = change(&mut fresh).map_err(Failure::Refused)?;
        let bytes = fresh.to_json().map_err(not_saved)?;
        file::write_store(&self.dir, &lock, &bytes).map_err(not_saved)?;
        self.file = fresh;
        self.unsaved.clear();
        Ok(value)
    }
}

/// Add the bookmark of `range` in `article` to `file` (or give its note to
/// the one already there), bringing the article's bookmarks up to date first.
fn add_to(
    file: &mut StoreFile,
    path: &Path,
    article: &Article,
    key: &ArticleRef,
    range: &Range<usize>,
    note: Option<String>,
) -> Result<(Added, Reanchored)> {
    let report = anchor::reanchor(&mut file.bookmarks, article, key);
    if let Some(existing) = file
        .bookmarks
        .iter_mut()
        .find(|b| !b.detached && b.article.id == key.id && b.range == *range)
    {
        if note.is_some() {
            existing.note = note;
        }
        let added = Added {
            bookmark: existing.clone(),
            already: true,
            occurrences: 1,
        };
        return Ok((added, report));
    }
    let paragraph = anchor::paragraph_of(article, range.start);
    let bookmark = Bookmark {
        id: file.take_id(path)?,
        article: key.clone(),
        quote: article.text[range.clone()].to_string(),
        paragraph,
        range: range.clone(),
        note,
        created: time::now(),
        detached: false,
        direction: Some(article.block_direction(paragraph)),
        unknown: Unknown::new(),
    };
    file.bookmarks.push(bookmark.clone());
    let added = Added {
        bookmark,
        already: false,
        occurrences: 1,
    };
    Ok((added, report))
}

/// `offset`, moved back to a character boundary of `text` if needed.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests;
