//! Changes kept in memory until a write carries them to disk, and why a
//! change did not get there.

use std::path::Path;

use super::{Bookmark, ReadingPosition, StoreFile};
use crate::error::{Error, Result};

/// A change kept in memory until a write succeeds.
#[derive(Clone, Debug)]
pub(super) enum Unsaved {
    /// A new bookmark, or a new note for one.
    Bookmark(Bookmark),
    /// The reading position in the article with this id.
    Position(String, ReadingPosition),
}

impl Unsaved {
    /// Apply the change to `file`; applying it twice changes nothing more.
    pub(super) fn apply(&self, file: &mut StoreFile, path: &Path) -> Result<()> {
        match self {
            Unsaved::Bookmark(bookmark) => {
                if let Some(existing) = file.bookmarks.iter_mut().find(|b| {
                    !b.detached && b.article.id == bookmark.article.id && b.range == bookmark.range
                }) {
                    if bookmark.note.is_some() {
                        existing.note.clone_from(&bookmark.note);
                    }
                } else {
                    // Its id was never written: another barg may have taken it since.
                    let mut bookmark = bookmark.clone();
                    bookmark.id = file.take_id(path)?;
                    file.bookmarks.push(bookmark);
                }
            }
            Unsaved::Position(id, position) => {
                // Positions in older versions of this article are no use now.
                file.positions
                    .retain(|key, p| key == id || *p.source != *position.source);
                let mut position = position.clone();
                if let Some(old) = file.positions.get(id) {
                    position.unknown.clone_from(&old.unknown);
                }
                file.positions.insert(id.clone(), position);
            }
        }
        Ok(())
    }

    /// Whether `self` makes `older` needless.
    pub(super) fn replaces(&self, older: &Unsaved) -> bool {
        match (self, older) {
            (Unsaved::Bookmark(new), Unsaved::Bookmark(old)) => new.id == old.id,
            (Unsaved::Position(new, _), Unsaved::Position(old, _)) => new == old,
            _ => false,
        }
    }
}

/// Why a change did not reach the disk.
pub(super) enum Failure {
    /// The change itself is refused (no such bookmark, a store from a newer
    /// barg): there is nothing to keep.
    Refused(Error),
    /// The change is right but could not be written.
    NotSaved(Error),
}

impl Failure {
    pub(super) fn into_error(self) -> Error {
        match self {
            Failure::Refused(e) | Failure::NotSaved(e) => e,
        }
    }
}
