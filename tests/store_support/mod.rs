//! What the store's integration tests share: a sandbox with its own data
//! directory and articles, and a way to run barg in it.

#![allow(dead_code)] // Each test file uses its own part of this.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

pub const BARG: &str = env!("CARGO_BIN_EXE_barg");

/// A directory of its own under the system's temporary directory, removed
/// when the test ends.
#[derive(Debug)]
pub struct Sandbox {
    pub root: PathBuf,
}

impl Sandbox {
    pub fn new(test: &str) -> Sandbox {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let root = std::env::temp_dir().join(format!(
            "barg-{test}-{}-{nanos}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&root).expect("create the sandbox");
        Sandbox { root }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root.join("data")
    }

    pub fn store_path(&self) -> PathBuf {
        self.data_dir().join("store.json")
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.root.join(name);
        std::fs::write(&path, text).expect("write a file in the sandbox");
        path
    }

    /// `barg ARGS…` with this sandbox's data directory.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BARG);
        command
            .args(args)
            .env("BARG_DATA_DIR", self.data_dir())
            .env("COLUMNS", "80")
            .current_dir(&self.root);
        command
    }

    pub fn barg(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run barg")
    }

    /// `barg ARGS…`, which must succeed; its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.barg(args);
        assert!(
            output.status.success(),
            "barg {args:?} failed: {}",
            stderr(&output)
        );
        stdout(&output)
    }

    /// Add a bookmark, which must succeed; its id.
    pub fn add(&self, article: &Path, quote: &str) -> u64 {
        let path = article.to_str().expect("a UTF-8 path");
        let id = self.ok(&["bookmarks", "add", path, "--quote", quote]);
        id.trim().parse().expect("add prints the new id")
    }

    /// `barg bookmarks list --json`, parsed.
    pub fn list(&self) -> Vec<Value> {
        let json = self.ok(&["bookmarks", "list", "--json"]);
        match serde_json::from_str(&json).expect("list --json prints JSON") {
            Value::Array(list) => list,
            other => panic!("list --json prints an array, not {other}"),
        }
    }

    /// `store.json`, parsed.
    pub fn store(&self) -> Value {
        let bytes = std::fs::read(self.store_path()).expect("store.json exists");
        serde_json::from_slice(&bytes).expect("store.json parses")
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The ids of bookmarks as `list --json` or `store.json` gives them.
pub fn ids(bookmarks: &[Value]) -> Vec<u64> {
    bookmarks
        .iter()
        .map(|b| b["id"].as_u64().expect("every bookmark has a numeric id"))
        .collect()
}

/// An article of `lines` paragraphs, each one sentence that occurs nowhere
/// else: «سطر N تمام شد.»
pub fn numbered_article(lines: usize) -> String {
    let mut text = String::from("مقاله‌ای برای آزمون\n\n");
    for n in 0..lines {
        text.push_str(&format!("سطر {n} تمام شد.\n"));
    }
    text
}

/// The quote of line `n` of `numbered_article`.
pub fn numbered_quote(n: usize) -> String {
    format!("سطر {n} تمام")
}
