//! The store's bytes on disk: one JSON file, read without a lock (it is only
//! ever replaced by a rename, so a reader sees the old file or the new one,
//! whole), written under a lock by a temporary file renamed over it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{SCHEMA, StoreFile, time};
use crate::error::{Error, Result, describe_io as why};

pub const STORE_FILE: &str = "store.json";
const LOCK_FILE: &str = "store.lock";
/// One name, not one per process: writes happen under the lock, and a
/// process killed mid-write leaves one stale file that the next write reuses.
const TEMP_FILE: &str = "store.json.tmp";

const MOVE_IT: &str = "choose a directory barg can write with --data-dir DIR or BARG_DATA_DIR";

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
            return Err(Error::new(format!(
                "cannot use the data directory {}: {}; {MOVE_IT}",
                dir.display(),
                why(&e)
            )));
        }
        Err(e) => {
            return Err(Error::new(format!(
                "cannot read the bookmarks in {}: {}",
                path.display(),
                why(&e)
            )));
        }
    };
    // An empty file holds nothing to lose: treat it as an empty store.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Contents::Missing);
    }
    Ok(parse(&bytes))
}

pub fn parse(bytes: &[u8]) -> Contents {
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
        }) if schema < SCHEMA => {
            Contents::Corrupt(format!("schema version {schema} was never written by barg"))
        }
        Ok(_) => Contents::Corrupt(match full {
            Err(e) => e.to_string(),
            Ok(_) => "it does not parse".to_string(),
        }),
    }
}

/// An exclusive lock on the store, held until dropped (or until the process
/// dies: the system lets go of it then).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Create the data directory if needed and take the lock, waiting for
/// another barg to finish its write.
pub fn lock(dir: &Path) -> Result<Lock> {
    fs::create_dir_all(dir).map_err(|e| {
        Error::new(format!(
            "cannot create the data directory {}: {}; {MOVE_IT}",
            dir.display(),
            why(&e)
        ))
    })?;
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            Error::new(format!(
                "cannot write in the data directory {}: {}; {MOVE_IT}",
                dir.display(),
                why(&e)
            ))
        })?;
    file.lock().map_err(|e| Error::io(&path, "lock", &e))?;
    Ok(Lock { _file: file })
}

/// Replace the store with `bytes`: a crash at any moment leaves the old file
/// or the new one, whole. Call with the lock held.
pub fn write_store(dir: &Path, _lock: &Lock, bytes: &[u8]) -> Result<()> {
    let path = store_path(dir);
    write_atomic(&path, &dir.join(TEMP_FILE), bytes).map_err(|e| {
        Error::new(format!(
            "cannot save the bookmarks to {}: {}; the file on disk is unchanged",
            path.display(),
            why(&e)
        ))
    })
}

/// Write `bytes` to `path` through `temp` (in the same directory): write,
/// flush to disk, rename over `path`, flush the directory.
pub fn write_atomic(path: &Path, temp: &Path, bytes: &[u8]) -> io::Result<()> {
    let written = (|| {
        let mut file = File::create(temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(temp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(temp);
    }
    written?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))
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
/// it went. Call with the lock held.
pub fn set_aside(dir: &Path, _lock: &Lock) -> Result<PathBuf> {
    let path = store_path(dir);
    let stamp = time::now_compact();
    let mut aside = dir.join(format!("{STORE_FILE}.corrupt-{stamp}"));
    let mut n = 2;
    while aside.exists() {
        aside = dir.join(format!("{STORE_FILE}.corrupt-{stamp}-{n}"));
        n += 1;
    }
    fs::rename(&path, &aside)
        .and_then(|()| sync_dir(dir))
        .map_err(|e| {
            Error::new(format!(
                "cannot move the unreadable {} aside: {}; {MOVE_IT}",
                path.display(),
                why(&e)
            ))
        })?;
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
            parse(br#"{"schema": 2, "bookmarks": [], "tags": {}}"#),
            Contents::Newer {
                schema: 2,
                file: Some(_)
            }
        ));
    }
}
