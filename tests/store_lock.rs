//! A barg that finds another one writing the store (holding `store.lock`)
//! says so, waits a bounded time, and then gives up with a message, the
//! store as it was: it never hangs without a word.

mod store_support;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use barg::article::{Article, Source};
use barg::store::{Patience, Store};
use store_support::{Sandbox, output_within, stderr};

const ARTICLE: &str = "عنوان\n\nجمله‌ای برای نشان کردن. و جمله‌ای دیگر.\n";

/// What another barg in the middle of a write holds: an exclusive lock on
/// `store.lock` (a lock on a file of its own opening conflicts even within
/// this process).
fn hold_lock(data_dir: &Path) -> File {
    std::fs::create_dir_all(data_dir).expect("data dir");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(data_dir.join("store.lock"))
        .expect("open store.lock");
    file.lock().expect("lock store.lock");
    file
}

#[test]
fn an_add_while_the_lock_is_held_says_it_waits_then_fails_and_changes_nothing() {
    let sandbox = Sandbox::new("lock-held");
    let article = sandbox.write("article.txt", ARTICLE);
    let path = article.to_str().expect("UTF-8");
    sandbox.add(&article, "نشان کردن");
    let before = std::fs::read(sandbox.store_path()).expect("store.json");

    let lock = hold_lock(&sandbox.data_dir());
    let output = output_within(
        sandbox
            .command(&["bookmarks", "add", path, "--quote", "جمله‌ای دیگر"])
            .env("BARG_LOCK_WAIT_MS", "1000"),
        Duration::from_secs(60),
    );
    let message = stderr(&output);
    let lock_file = sandbox.data_dir().join("store.lock").display().to_string();
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(output.stdout.is_empty(), "no id is printed");
    assert!(
        message.contains(&format!(
            "barg: waiting for another barg to finish writing {lock_file} …\n"
        )),
        "{message}"
    );
    // The last line says what was not done, why, and what to do.
    let last = message.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("barg: the bookmark is not saved: "),
        "{message}"
    );
    assert!(last.contains(&lock_file), "{message}");
    assert!(last.contains("try again"), "{message}");
    assert_eq!(
        std::fs::read(sandbox.store_path()).expect("store.json"),
        before,
        "the store is unchanged"
    );

    // Once the other barg is done, the same add goes through.
    drop(lock);
    let output = sandbox.barg(&["bookmarks", "add", path, "--quote", "جمله‌ای دیگر"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(sandbox.list().len(), 2);
}

#[test]
fn an_add_that_waits_goes_through_when_the_lock_is_let_go() {
    let sandbox = Sandbox::new("lock-released");
    let article = sandbox.write("article.txt", ARTICLE);
    let lock = hold_lock(&sandbox.data_dir());
    let mut child = sandbox
        .command(&[
            "bookmarks",
            "add",
            article.to_str().expect("UTF-8"),
            "--quote",
            "نشان کردن",
        ])
        .env("BARG_LOCK_WAIT_MS", "60000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start barg");
    // barg says it waits; then the other barg finishes.
    let mut stderr = BufReader::new(child.stderr.take().expect("piped"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("read stderr");
    assert!(line.starts_with("barg: waiting for another barg"), "{line}");
    drop(lock);
    let output = child.wait_with_output().expect("wait for barg");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "1");
    assert_eq!(sandbox.list().len(), 1);
}

#[test]
fn the_store_api_waits_as_its_caller_says_and_keeps_the_change_for_later() {
    let sandbox = Sandbox::new("lock-api");
    let told = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&told);
    let patience = Patience::up_to(Duration::from_millis(600)).telling(move |lock| {
        assert!(lock.ends_with("store.lock"));
        counter.fetch_add(1, Ordering::Relaxed);
    });
    let mut store = Store::open_with(sandbox.data_dir(), patience).expect("open");
    let path = sandbox.write("article.txt", ARTICLE);
    let article = Article::from_plain_text(ARTICLE.to_string(), Source::File(path));

    let lock = hold_lock(&sandbox.data_dir());
    let error = store
        .add(&article, 0.."عنوان".len(), None)
        .expect_err("the lock is held");
    assert!(
        error
            .to_string()
            .contains(&store.lock_path().display().to_string()),
        "{error}"
    );
    assert_eq!(told.load(Ordering::Relaxed), 1, "told once");
    let error = store
        .set_position(&article, 10)
        .expect_err("the lock is held");
    assert!(
        error
            .to_string()
            .starts_with("the reading position is not saved"),
        "{error}"
    );
    assert!(!sandbox.store_path().exists());
    // Both are kept in memory...
    assert_eq!(store.unsaved(), 2);
    assert_eq!(store.bookmarks().len(), 1);
    assert_eq!(store.position(&article).map(|p| p.offset), Some(10));

    // ...and written once the lock is free.
    drop(lock);
    store.save().expect("save");
    assert_eq!(store.unsaved(), 0);
    let reopened = Store::open(sandbox.data_dir()).expect("open");
    assert_eq!(reopened.bookmarks().len(), 1);
    assert_eq!(reopened.position(&article).map(|p| p.offset), Some(10));
}
