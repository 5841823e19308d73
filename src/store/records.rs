//! What `store.json` holds: bookmarks, reading positions and the articles
//! they belong to, as serde types. Every record keeps the fields this barg
//! does not know.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::anchor::article_id;
use crate::article::{Article, Source};
use crate::error::{Error, Result};
use crate::layout::{self, Direction};
use crate::safe;

/// Fields barg does not know (from a hand edit, or a tool of one's own),
/// kept as they are through every write.
pub type Unknown = serde_json::Map<String, serde_json::Value>;

/// The version of `store.json` this barg writes. It reads every older one
/// (see `migrate`): 1 kept a source as a string (`sample:NAME`, `-`, or a
/// path with `source_base64` beside it); 2 keeps it as a `Source` object;
/// 3 adds the source kind `url` (a web page), which a barg that reads 2
/// would refuse.
pub const SCHEMA: u64 = 3;

/// The article a bookmark or a reading position belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    /// From the article's folded text (see `article_id`): survives moving the file.
    pub id: String,
    /// Where it was read (a file by its absolute path).
    pub source: StoredSource,
    pub title: String,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A `Source` as the store keeps it: with the fields of its object that
/// this barg does not know (a hand edit, a tool of one's own), kept through
/// every write. It reads as the `Source` it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSource {
    pub source: Source,
    pub unknown: Unknown,
}

impl StoredSource {
    pub fn new(source: Source) -> StoredSource {
        StoredSource {
            source,
            unknown: Unknown::new(),
        }
    }
}

impl std::ops::Deref for StoredSource {
    type Target = Source;

    fn deref(&self) -> &Source {
        &self.source
    }
}

impl Serialize for StoredSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut fields = match serde_json::to_value(&self.source) {
            Ok(Value::Object(fields)) => fields,
            Ok(_) => return Err(S::Error::custom("a source is not a JSON object")),
            Err(e) => return Err(S::Error::custom(e)),
        };
        for (name, value) in &self.unknown {
            fields.entry(name.clone()).or_insert_with(|| value.clone());
        }
        fields.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for StoredSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut unknown = Unknown::deserialize(deserializer)?;
        let known: Unknown = Source::FIELDS
            .iter()
            .filter_map(|name| unknown.remove_entry(*name))
            .collect();
        let source = Source::deserialize(Value::Object(known)).map_err(D::Error::custom)?;
        Ok(StoredSource { source, unknown })
    }
}

/// Work out (once) the identity the store knows `article` by: a pass over
/// its whole text, which a caller may run ahead of time, on another thread.
pub fn identify(article: &Article) -> &str {
    article.identity(article_id)
}

impl ArticleRef {
    pub fn of(article: &Article) -> ArticleRef {
        ArticleRef {
            id: identify(article).to_string(),
            source: StoredSource::new(article.source.canonical()),
            title: article.title.clone(),
            unknown: Unknown::new(),
        }
    }

    /// The file the article was read from, byte for byte, when it was a file.
    pub fn path(&self) -> Option<PathBuf> {
        self.source.path().map(Path::to_path_buf)
    }

    /// Whether `other` was read from the same place.
    pub fn same_source(&self, other: &ArticleRef) -> bool {
        *self.source == *other.source
    }
}

/// A quote kept from an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Short and typeable; never reused within a store.
    pub id: u64,
    pub article: ArticleRef,
    /// The article's text at `range`, in logical order.
    pub quote: String,
    /// Logical byte offsets in the article's text.
    pub range: Range<usize>,
    /// The index (from 0) of the paragraph where the quote starts.
    pub paragraph: usize,
    #[serde(default)]
    pub note: Option<String>,
    /// When it was made, RFC 3339 in UTC.
    pub created: String,
    /// The quote is no longer in the article: `range` and `paragraph` are
    /// where it used to be.
    #[serde(default)]
    pub detached: bool,
    /// The direction of the paragraph the quote is in (`rtl` / `ltr`), so
    /// that the quote is laid out as it reads there when the article is not
    /// open. Bookmarks made before barg kept it get it when their article
    /// is next opened; a value this barg does not know reads as none.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_direction"
    )]
    pub direction: Option<Direction>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

impl Bookmark {
    /// The direction to lay the quote out in: its paragraph's, when known,
    /// else that of most of its letters (not the first: a Persian sentence
    /// may start with an English word).
    pub fn direction(&self) -> Direction {
        self.direction
            .or_else(|| layout::majority_direction(&self.quote))
            .unwrap_or(Direction::Ltr)
    }

    /// The direction to lay the article's title out in: that of most of its
    /// letters, else the quote's.
    pub fn title_direction(&self) -> Direction {
        layout::majority_direction(&self.article.title).unwrap_or_else(|| self.direction())
    }
}

/// A bookmark's direction as stored; anything but `rtl` / `ltr` (a hand
/// edit) is none, worked out again, rather than a store that does not load.
fn lenient_direction<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Direction>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    Ok(Direction::deserialize(value).ok())
}

/// Where the reader was in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingPosition {
    /// As in `ArticleRef`.
    pub source: StoredSource,
    /// A logical byte offset in the article's text.
    pub offset: usize,
    /// RFC 3339 in UTC.
    pub updated: String,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// The contents of `store.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreFile {
    pub schema: u64,
    /// The id the next bookmark gets.
    #[serde(default)]
    pub next_id: u64,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// Keyed by article id.
    #[serde(default)]
    pub positions: BTreeMap<String, ReadingPosition>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

impl Default for StoreFile {
    fn default() -> Self {
        StoreFile {
            schema: SCHEMA,
            next_id: 1,
            bookmarks: Vec::new(),
            positions: BTreeMap::new(),
            unknown: Unknown::new(),
        }
    }
}

impl StoreFile {
    /// Repair what a hand edit may have broken: ids must never be reused.
    pub(super) fn normalized(mut self) -> StoreFile {
        // An id of u64::MAX leaves no id after it: `take_id` then refuses.
        let past = self
            .bookmarks
            .iter()
            .map(|b| b.id.saturating_add(1))
            .max()
            .unwrap_or(1);
        self.next_id = self.next_id.max(past).max(1);
        self
    }

    /// The id for a new bookmark. Ids are never reused, so they never wrap:
    /// at the last one, adding stops, with a way out for the person.
    pub(super) fn take_id(&mut self, path: &Path) -> Result<u64> {
        if self.next_id == u64::MAX {
            return Err(Error::new(format!(
                "the bookmark is not added: {} has used up every bookmark id (its next_id \
                 is {}); edit it to give the bookmarks smaller ids and set next_id to one \
                 more than the largest",
                safe::path(path),
                u64::MAX
            )));
        }
        let id = self.next_id;
        self.next_id += 1;
        Ok(id)
    }

    pub(super) fn to_json(&self) -> Result<Vec<u8>> {
        let mut bytes = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::new(format!("cannot write the bookmarks as JSON: {e}")))?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// The outcome of adding a bookmark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    pub bookmark: Bookmark,
    /// The same quote of the same article was bookmarked before: this is
    /// that bookmark (with the new note, if one was given).
    pub already: bool,
    /// How many times the quote occurs in the article; the first is kept.
    pub occurrences: usize,
}
