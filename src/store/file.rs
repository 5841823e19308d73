//! The store's bytes on disk: one JSON file, read without a lock (it is only
//! ever replaced by a rename, so a reader sees the old file or the new one,
//! whole), written under a lock by a temporary file renamed over it.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::lock::Lock;
use super::{SCHEMA, StoreFile, migrate, time};
use crate::error::{Error, Result, describe_io as why};

pub const STORE_FILE: &str = "store.json";

/// The byte order mark some editors put before UTF-8 text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What is in `store.json`.
#[derive(Debug)]
pub enum Contents {
    Missing,
    Current(StoreFile),
    /// It does not parse as a store barg knows; the reason.
    Corrupt(String),
    /// Written by a newer barg. The bookmarks, if this barg can read them.
    Newer {
        schema: u64,
        file: Option<StoreFile>,
    },
}

/// Just enough of the file to tell a newer schema from damage.
#[derive(Deserialize)]
struct Header {
    schema: Option<u64>,
}

pub fn store_path(dir: &Path) -> PathBuf {
    dir.join(STORE_FILE)
}

pub fn read(dir: &Path) -> Result<Contents> {
    let path = store_path(dir);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Contents::Missing),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            return Err(Error::new(crate::i18n::process().f(
                "error.store.use_dir",
                &[("dir", &crate::error::path_name(dir)), ("why", &why(&e))],
            )));
        }
        Err(e) => {
            return Err(Error::new(crate::i18n::process().f(
                "error.store.read",
                &[("path", &crate::error::path_name(&path)), ("why", &why(&e))],
            )));
        }
    };
    // An empty file holds nothing to lose: treat it as an empty store.
    if without_bom(&bytes).iter().all(u8::is_ascii_whitespace) {
        return Ok(Contents::Missing);
    }
    Ok(parse(&bytes))
}

/// `bytes` without a byte order mark at the start: an editor that adds one
/// has not damaged the store.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

pub fn parse(bytes: &[u8]) -> Contents {
    let bytes = without_bom(bytes);
    // serde would take `[1, 2]` for a struct's fields in order.
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return Contents::Corrupt("it is not a JSON object".to_string());
    }
    // The common case takes one pass over the bytes.
    let full = match serde_json::from_slice::<StoreFile>(bytes) {
        Ok(file) if file.schema == SCHEMA => return Contents::Current(file),
        other => other,
    };
    match serde_json::from_slice::<Header>(bytes) {
        Err(e) => Contents::Corrupt(e.to_string()),
        Ok(Header { schema: None }) => Contents::Corrupt("it has no schema version".to_string()),
        Ok(Header {
            schema: Some(schema),
        }) if schema > SCHEMA => Contents::Newer {
            schema,
            file: full.ok(),
        },
        Ok(Header {
            schema: Some(schema),
        }) if (migrate::OLDEST..SCHEMA).contains(&schema) => older(bytes, schema),
        Ok(Header {
            schema: Some(schema),
        }) if schema < SCHEMA => {
            Contents::Corrupt(format!("schema version {schema} was never written by barg"))
        }
        Ok(_) => Contents::Corrupt(match full {
            Err(e) => e.to_string(),
            Ok(_) => "it does not parse".to_string(),
        }),
    }
}

/// A store an older barg wrote, brought to this schema (see `migrate`).
fn older(bytes: &[u8], schema: u64) -> Contents {
    let mut value = match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(value) => value,
        Err(e) => return Contents::Corrupt(e.to_string()),
    };
    migrate::migrate(&mut value, schema);
    match serde_json::from_value::<StoreFile>(value) {
        Ok(file) => Contents::Current(file),
        Err(e) => Contents::Corrupt(format!("{e} (in a store of schema version {schema})")),
    }
}

/// Replace the store with `bytes`: a crash at any moment leaves the old file
/// or the new one, whole. Call with the lock held.
pub fn write_store(dir: &Path, _lock: &Lock, bytes: &[u8]) -> Result<()> {
    let path = store_path(dir);
    // One temporary name, not one per process: writes happen under the lock,
    // and a process killed mid-write leaves one stale file that the next
    // write reuses.
    write_atomic(&path, |name| suffixed(name, ".tmp"), bytes).map_err(|e| {
        Error::new(crate::i18n::process().f(
            "error.store.save",
            &[("path", &crate::error::path_name(&path)), ("why", &why(&e))],
        ))
    })
}

/// Write `bytes` to `path`: write a temporary file (named by `temp` from the
/// file's name) next to it, flush it to disk, rename it over `path`, flush
/// the directory. A `path` that is a symbolic link (as dotfiles managers
/// make) stays one: the file it points to is the one replaced.
pub fn write_atomic(
    path: &Path,
    temp: impl FnOnce(&OsStr) -> OsString,
    bytes: &[u8],
) -> io::Result<()> {
    let target = follow_links(path)?;
    let Some(name) = target.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "that is not the path of a file",
        ));
    };
    let temp = target.with_file_name(temp(name));
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written?;
    sync_dir(target.parent().unwrap_or(Path::new(".")))
}

/// `name` followed by `suffix`.
pub fn suffixed(name: &OsStr, suffix: &str) -> OsString {
    let mut out = name.to_os_string();
    out.push(suffix);
    out
}

/// The file `path` ends at after its symbolic links, which need not exist
/// yet (a link a dotfiles manager made before the first write).
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // Linux gives up after 40 links too.
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(parent) => parent.join(link),
                    None => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Make a rename in `dir` durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Move an unreadable store out of the way, never over another file; where
/// it went. A `store.json` that is a symbolic link stays one: the file it
/// points to is moved. Call with the lock held.
pub fn set_aside(dir: &Path, _lock: &Lock) -> Result<PathBuf> {
    let path = store_path(dir);
    let cannot = |e: &io::Error| {
        Error::new(crate::i18n::process().f(
            "error.store.set_aside",
            &[("path", &crate::error::path_name(&path)), ("why", &why(e))],
        ))
    };
    let target = follow_links(&path).map_err(|e| cannot(&e))?;
    let name = target
        .file_name()
        .map_or_else(|| STORE_FILE.into(), OsStr::to_os_string);
    let stamp = time::now_compact();
    let mut aside = target.with_file_name(suffixed(&name, &format!(".corrupt-{stamp}")));
    let mut n = 2;
    while aside.exists() {
        aside = target.with_file_name(suffixed(&name, &format!(".corrupt-{stamp}-{n}")));
        n += 1;
    }
    fs::rename(&target, &aside)
        .and_then(|()| sync_dir(aside.parent().unwrap_or(Path::new("."))))
        .map_err(|e| cannot(&e))?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_this_schema_parses() {
        let bytes = br#"{"schema": 1, "next_id": 3, "bookmarks": [], "positions": {}}"#;
        assert!(matches!(parse(bytes), Contents::Current(file) if file.next_id == 3));
    }

    #[test]
    fn a_byte_order_mark_is_not_damage() {
        let bytes = b"\xEF\xBB\xBF{\"schema\": 1, \"next_id\": 3}";
        assert!(matches!(parse(bytes), Contents::Current(file) if file.next_id == 3));
        assert!(
            without_bom(b"\xEF\xBB\xBF \n")
                .iter()
                .all(u8::is_ascii_whitespace)
        );
    }

    #[test]
    fn fields_barg_does_not_know_come_back_out() {
        let bytes = br#"{"schema": 1, "next_id": 2, "synced": [1, 2],
            "bookmarks": [{"id": 1, "colour": "amber",
                "article": {"id": "a", "source": "/a.txt", "title": "t", "author": "x"},
                "quote": "q", "range": {"start": 0, "end": 1}, "paragraph": 0,
                "created": "2025-01-01T00:00:00Z"}],
            "positions": {"a": {"source": "/a.txt", "offset": 1, "updated": "u", "scroll": 0.5}}}"#;
        let Contents::Current(file) = parse(bytes) else {
            panic!("parses");
        };
        let written: serde_json::Value =
            serde_json::from_slice(&file.to_json().expect("JSON")).expect("parses");
        assert_eq!(written["synced"], serde_json::json!([1, 2]));
        assert_eq!(written["bookmarks"][0]["colour"], "amber");
        assert_eq!(written["bookmarks"][0]["article"]["author"], "x");
        assert_eq!(written["positions"]["a"]["scroll"], 0.5);
        // A field barg knows is not taken for an unknown one.
        assert!(file.bookmarks[0].unknown.get("id").is_none());
    }

    #[test]
    fn damage_is_told_apart_from_a_newer_schema() {
        assert!(matches!(
            parse(b"{\"schema\": 1, \"book"),
            Contents::Corrupt(_)
        ));
        assert!(matches!(parse(b"[1, 2]"), Contents::Corrupt(_)));
        assert!(matches!(
            parse(b"{\"bookmarks\": []}"),
            Contents::Corrupt(_)
        ));
        assert!(matches!(
            parse(br#"{"schema": 1, "bookmarks": [{"id": "x"}]}"#),
            Contents::Corrupt(_)
        ));
        assert!(matches!(
            parse(br#"{"schema": 7, "bookmarks": "a new shape"}"#),
            Contents::Newer {
                schema: 7,
                file: None
            }
        ));
        assert!(matches!(
            parse(br#"{"schema": 4, "bookmarks": [], "tags": {}}"#),
            Contents::Newer {
                schema: 4,
                file: Some(_)
            }
        ));
        assert!(matches!(
            parse(br#"{"schema": 0, "bookmarks": []}"#),
            Contents::Corrupt(_)
        ));
    }
}
