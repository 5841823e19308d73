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

/// The characters in `text` that would act on a terminal or reorder what a
/// person sees (see `barg::safe`).
pub fn active_chars(text: &str) -> Vec<char> {
    text.chars().filter(|&c| barg::safe::is_active(c)).collect()
}

/// Run `command` to its end and take its output; a barg still running after
/// `limit` hangs: it is killed and the test fails (rather than hanging too).
pub fn output_within(command: &mut Command, limit: std::time::Duration) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start barg");
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = out.read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = err.read_to_end(&mut bytes);
        bytes
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for barg") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("barg was still running after {limit:?}: it hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

/// A tmpfs mounted for one test (root only), unmounted when dropped.
#[derive(Debug)]
pub struct Mount {
    pub at: PathBuf,
}

impl Mount {
    /// A tmpfs of `size` (as mount(8) reads it: `64k`) at `at`, or why there
    /// is none (not root, no mount(8), a sandbox that forbids it).
    pub fn tmpfs(at: &Path, size: &str) -> Result<Mount, String> {
        std::fs::create_dir_all(at).map_err(|e| e.to_string())?;
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0755")])
            .arg("tmpfs")
            .arg(at)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "mount refused: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        Ok(Mount {
            at: at.to_path_buf(),
        })
    }

    /// Remount it read-only (`ro`) or writable again (`rw`).
    pub fn remount(&self, mode: &str) {
        let output = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.at)
            .output()
            .expect("run mount");
        assert!(
            output.status.success(),
            "remount {mode}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.at).output();
    }
}
