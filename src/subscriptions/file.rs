//! `feeds.json`: the subscriptions and their items, as serde types, and the
//! file's bytes on disk. Read without a lock (it is only ever replaced by a
//! rename), written under the data directory's lock through a temporary
//! file; a file that does not parse is moved aside, never written over.
//! Fields barg does not know are kept through every write.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, describe_io as why};
use crate::safe;
use crate::store::{self, Unknown};

pub const FEEDS_FILE: &str = "feeds.json";

/// The version of `feeds.json` this barg writes and reads.
pub const SCHEMA: u64 = 1;

/// The contents of `feeds.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedsFile {
    pub schema: u64,
    /// The id the next feed gets.
    #[serde(default = "first_id")]
    pub next_id: u64,
    #[serde(default)]
    pub feeds: Vec<FeedRecord>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

fn first_id() -> u64 {
    1
}

impl Default for FeedsFile {
    fn default() -> FeedsFile {
        FeedsFile {
            schema: SCHEMA,
            next_id: 1,
            feeds: Vec::new(),
            unknown: Unknown::new(),
        }
    }
}

/// One subscription.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedRecord {
    /// Small, stable, never reused while the file lives: `barg feed remove 3`.
    pub id: u64,
    /// Normalized (see `net::url::normalize`).
    pub url: String,
    /// As the feed (or the OPML file it came from) names itself.
    #[serde(default)]
    pub title: Option<String>,
    /// The site the feed belongs to.
    #[serde(default)]
    pub site: Option<String>,
    /// The folders an imported OPML file put it in, outermost first; export
    /// writes them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// RFC 3339 in UTC.
    pub added: String,
    /// When it was last fetched, whether that worked or not.
    #[serde(default)]
    pub refreshed: Option<String>,
    /// Why the last fetch failed, one line; none when it worked.
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
    #[serde(default)]
    pub items: Vec<ItemRecord>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// One item of a feed, saved as an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemRecord {
    /// The feed's id for it (guid, Atom id, …; see `feed::Item::id`).
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub link: Option<String>,
    /// RFC 3339, as the feed says.
    #[serde(default)]
    pub published: Option<String>,
    /// When barg saved it, RFC 3339 in UTC.
    pub fetched: String,
    #[serde(default)]
    pub read: bool,
    /// The saved article's file name, in `feeds/<feed id>/`.
    pub file: String,
    #[serde(flatten)]
    pub unknown: Unknown,
}

impl ItemRecord {
    /// The date it sorts by: published, else fetched.
    pub fn date(&self) -> &str {
        self.published.as_deref().unwrap_or(&self.fetched)
    }
}

/// What is in `feeds.json`.
#[derive(Debug)]
pub enum Contents {
    Missing,
    Current(FeedsFile),
    /// It does not parse; the reason.
    Corrupt(String),
    /// Written by a newer barg: its schema.
    Newer(u64),
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join(FEEDS_FILE)
}

/// The folder a feed's items are saved in.
pub fn items_dir(dir: &Path, feed: u64) -> PathBuf {
    dir.join("feeds").join(feed.to_string())
}

pub fn read(dir: &Path) -> Result<Contents> {
    let path = path(dir);
    match fs::read(&path) {
        Ok(bytes) => Ok(parse(&bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Contents::Missing),
        Err(e) => Err(Error::new(format!(
            "cannot read the subscriptions in {}: {}",
            safe::path(&path),
            why(&e)
        ))),
    }
}

#[derive(Deserialize)]
struct Header {
    schema: Option<u64>,
}

/// Parse `feeds.json`'s bytes. An empty file (or only whitespace) holds
/// nothing to lose: it is no subscriptions.
pub fn parse(bytes: &[u8]) -> Contents {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Contents::Missing;
    }
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return Contents::Corrupt("it is not a JSON object".to_string());
    }
    let full = serde_json::from_slice::<FeedsFile>(bytes);
    let header = match serde_json::from_slice::<Header>(bytes) {
        Ok(header) => header,
        Err(e) => return Contents::Corrupt(e.to_string()),
    };
    match (header.schema, full) {
        (None, _) => Contents::Corrupt("it has no schema version".to_string()),
        (Some(schema), _) if schema > SCHEMA => Contents::Newer(schema),
        (Some(SCHEMA), Ok(file)) => match check(&file) {
            Ok(()) => Contents::Current(file),
            Err(why) => Contents::Corrupt(why),
        },
        (Some(SCHEMA), Err(e)) => Contents::Corrupt(e.to_string()),
        (Some(schema), _) => {
            Contents::Corrupt(format!("schema version {schema} was never written by barg"))
        }
    }
}

/// What serde cannot check: ids unique, item files plain file names (a
/// hand edit must not send barg to delete `../../x`).
fn check(file: &FeedsFile) -> std::result::Result<(), String> {
    let mut ids = std::collections::HashSet::new();
    for feed in &file.feeds {
        if !ids.insert(feed.id) {
            return Err(format!("feed id {} is used twice", feed.id));
        }
        if feed.id >= file.next_id {
            return Err(format!("feed id {} is not below next_id", feed.id));
        }
        for item in &feed.items {
            if !is_item_file_name(&item.file) {
                return Err(format!(
                    "item file {:?} is not a file name barg writes",
                    item.file
                ));
            }
        }
    }
    Ok(())
}

/// `0123456789abcdef.barg`: the only names barg gives items' files.
pub fn is_item_file_name(name: &str) -> bool {
    name.strip_suffix(".barg").is_some_and(|stem| {
        !stem.is_empty() && stem.len() <= 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

impl FeedsFile {
    /// Human-readable JSON, its control characters escaped.
    pub fn to_json(&self) -> Result<String> {
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::new(format!("cannot write the subscriptions as JSON: {e}")))?;
        Ok(safe::json(text) + "\n")
    }
}

/// Replace `feeds.json`. Call with the lock held.
pub fn write(dir: &Path, _lock: &store::Lock, file: &FeedsFile) -> Result<()> {
    let path = path(dir);
    let bytes = file.to_json()?;
    store::write_atomic(&path, |name| temp_name(name, ".tmp"), bytes.as_bytes()).map_err(|e| {
        Error::new(format!(
            "cannot save the subscriptions to {}: {}; the file on disk is unchanged",
            safe::path(&path),
            why(&e)
        ))
    })
}

fn temp_name(name: &std::ffi::OsStr, suffix: &str) -> std::ffi::OsString {
    let mut out = name.to_os_string();
    out.push(suffix);
    out
}

/// Move an unreadable `feeds.json` aside, never over another file; where it
/// went. Call with the lock held.
pub fn set_aside(dir: &Path, _lock: &store::Lock) -> Result<PathBuf> {
    let path = path(dir);
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut aside = dir.join(format!("{FEEDS_FILE}.corrupt-{stamp}"));
    let mut n = 2;
    while aside.exists() {
        aside = dir.join(format!("{FEEDS_FILE}.corrupt-{stamp}-{n}"));
        n += 1;
    }
    fs::rename(&path, &aside).map_err(|e| {
        Error::new(format!(
            "cannot move the unreadable {} aside: {}; move it yourself or choose another \
             directory with --data-dir DIR",
            safe::path(&path),
            why(&e)
        ))
    })?;
    Ok(aside)
}

/// Now, RFC 3339 in UTC, to the second.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_unknown_fields_and_damage() {
        assert!(matches!(parse(b" \n"), Contents::Missing));
        assert!(matches!(parse(b"[1]"), Contents::Corrupt(_)));
        assert!(matches!(parse(b"{\"feeds\": []}"), Contents::Corrupt(_)));
        assert!(matches!(parse(b"{\"schema\": 9}"), Contents::Newer(9)));
        let bytes = br#"{"schema": 1, "next_id": 2, "colour": "red", "feeds": [{"id": 1,
            "url": "https://a.example/feed", "added": "2026-01-01T00:00:00Z", "tag": 3,
            "items": [{"id": "x", "title": "t", "fetched": "f", "file": "00ab.barg", "star": true}]}]}"#;
        let Contents::Current(file) = parse(bytes) else {
            panic!("parses");
        };
        let back: serde_json::Value =
            serde_json::from_str(&file.to_json().expect("json")).expect("parses");
        assert_eq!(back["colour"], "red");
        assert_eq!(back["feeds"][0]["tag"], 3);
        assert_eq!(back["feeds"][0]["items"][0]["star"], true);
    }

    #[test]
    fn item_files_outside_the_feed_folder_are_refused() {
        let bytes = br#"{"schema": 1, "next_id": 2, "feeds": [{"id": 1,
            "url": "u", "added": "a",
            "items": [{"id": "x", "title": "t", "fetched": "f", "file": "../../store.json"}]}]}"#;
        assert!(matches!(parse(bytes), Contents::Corrupt(_)));
        assert!(is_item_file_name("00ab.barg"));
        assert!(!is_item_file_name(".barg"));
        assert!(!is_item_file_name("a/b.barg"));
    }
}
