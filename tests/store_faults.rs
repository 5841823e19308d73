//! The reader holds one `Store` for as long as it runs; meanwhile the data
//! directory may be removed, made read-only, or its disk fill up. Each
//! failed write is an error that says why; nothing saved before is lost;
//! the change is kept in memory and the next write that succeeds carries it.

mod store_support;

use std::path::Path;

use barg::article::{Article, Source};
use barg::store::Store;
use serde_json::Value;
use store_support::{Mount, Sandbox};

const TEXT: &str = "عنوان\n\nجملهٔ نخست اینجاست.\n\nجملهٔ دوم آنجاست.\n\nجملهٔ سوم همین‌جاست.\n";

fn article(sandbox: &Sandbox) -> Article {
    let path = sandbox.write("article.txt", TEXT);
    Article::from_plain_text(TEXT.to_string(), Source::File(path))
}

/// The byte range of `quote` in `TEXT`.
fn range(quote: &str) -> std::ops::Range<usize> {
    let start = TEXT.find(quote).expect("in the text");
    start..start + quote.len()
}

/// The quotes of the bookmarks in `dir`'s store.json, as another barg
/// would read them.
fn quotes_on_disk(dir: &Path) -> Vec<String> {
    let bytes = std::fs::read(dir.join("store.json")).expect("store.json");
    let store: Value = serde_json::from_slice(&bytes).expect("store.json parses");
    store["bookmarks"]
        .as_array()
        .expect("bookmarks")
        .iter()
        .filter_map(|b| b["quote"].as_str().map(str::to_string))
        .collect()
}

/// A tmpfs at the sandbox's data directory, or `None` (and the reason
/// printed) where this machine will not mount one.
fn mount(sandbox: &Sandbox, size: &str) -> Option<Mount> {
    match Mount::tmpfs(&sandbox.data_dir(), size) {
        Ok(mount) => Some(mount),
        Err(why) => {
            eprintln!("skipped: no tmpfs for this test ({why})");
            None
        }
    }
}

#[test]
fn a_data_directory_removed_while_barg_runs_is_made_again_with_everything() {
    let sandbox = Sandbox::new("dir-removed");
    let article = article(&sandbox);
    let mut store = Store::open(sandbox.data_dir()).expect("open");
    store.add(&article, range("جملهٔ نخست"), None).expect("add");
    store.set_position(&article, 20).expect("set");

    std::fs::remove_dir_all(sandbox.data_dir()).expect("remove the data directory");
    store
        .add(&article, range("جملهٔ دوم"), None)
        .expect("add after the removal");

    assert_eq!(
        quotes_on_disk(&sandbox.data_dir()),
        ["جملهٔ نخست", "جملهٔ دوم"]
    );
    let reopened = Store::open(sandbox.data_dir()).expect("open");
    assert_eq!(reopened.position(&article).map(|p| p.offset), Some(20));
}

#[test]
fn a_store_that_is_only_read_refuses_to_save_the_position_and_says_why() {
    let sandbox = Sandbox::new("position-newer");
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    let newer = r#"{"schema": 4, "next_id": 1, "bookmarks": [], "positions": {}}"#;
    std::fs::write(sandbox.store_path(), newer).expect("write");
    let article = article(&sandbox);
    let mut store = Store::open(sandbox.data_dir()).expect("open");
    assert!(store.read_only().is_some());
    let error = store.set_position(&article, 20).expect_err("read-only");
    assert!(
        error
            .to_string()
            .starts_with("the reading position is not saved: "),
        "{error}"
    );
    assert!(error.to_string().contains("newer barg"), "{error}");
    assert_eq!(store.unsaved(), 0, "nothing waits: nothing will be written");
    assert_eq!(
        std::fs::read_to_string(sandbox.store_path()).expect("read"),
        newer
    );
}

#[test]
fn a_data_directory_made_read_only_while_barg_runs_loses_nothing() {
    let sandbox = Sandbox::new("dir-read-only");
    let Some(mount) = mount(&sandbox, "1m") else {
        return;
    };
    let article = article(&sandbox);
    let mut store = Store::open(sandbox.data_dir()).expect("open");
    store.add(&article, range("جملهٔ نخست"), None).expect("add");

    mount.remount("ro");
    let error = store
        .add(&article, range("جملهٔ دوم"), None)
        .expect_err("a read-only file system");
    let message = error.to_string();
    assert!(
        message.starts_with("the bookmark is not saved: "),
        "{message}"
    );
    assert!(message.contains("read-only"), "{message}");
    assert!(
        message.contains(&sandbox.data_dir().display().to_string()),
        "{message}"
    );
    assert!(store.set_position(&article, 20).is_err());
    // On disk, what was saved before; in memory, everything.
    assert_eq!(quotes_on_disk(&sandbox.data_dir()), ["جملهٔ نخست"]);
    assert_eq!(store.bookmarks().len(), 2);
    assert_eq!(store.unsaved(), 2);

    // Writable again: the next change carries the ones kept in memory.
    mount.remount("rw");
    store.add(&article, range("جملهٔ سوم"), None).expect("add");
    assert_eq!(
        quotes_on_disk(&sandbox.data_dir()),
        ["جملهٔ نخست", "جملهٔ دوم", "جملهٔ سوم"]
    );
    assert_eq!(store.unsaved(), 0);
    let reopened = Store::open(sandbox.data_dir()).expect("open");
    assert_eq!(reopened.position(&article).map(|p| p.offset), Some(20));
    drop(mount);
}

#[test]
fn a_full_disk_leaves_the_store_whole_and_the_change_waiting() {
    let sandbox = Sandbox::new("disk-full");
    let Some(mount) = mount(&sandbox, "256k") else {
        return;
    };
    let article = article(&sandbox);
    let mut store = Store::open(sandbox.data_dir()).expect("open");
    store.add(&article, range("جملهٔ نخست"), None).expect("add");
    let saved = std::fs::read(sandbox.store_path()).expect("store.json");

    // Fill the disk to the last byte.
    let filler = sandbox.data_dir().join("filler");
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&filler).expect("filler");
        let chunk = vec![b'x'; 4096];
        while file.write_all(&chunk).is_ok() {}
    }

    let error = store
        .add(
            &article,
            range("جملهٔ دوم"),
            Some("یادداشتی بلند ".repeat(200)),
        )
        .expect_err("the disk is full");
    assert!(error.to_string().contains("the disk is full"), "{error}");
    assert_eq!(std::fs::read(sandbox.store_path()).expect("read"), saved);
    let temp = sandbox.data_dir().join("store.json.tmp");
    assert!(!temp.exists(), "no temporary file is left");
    assert_eq!(store.bookmarks().len(), 2);

    // Room again: the change kept in memory is written. tmpfs may report
    // the freed space a moment late (its count of used pages is kept per
    // CPU); the change stays in memory meanwhile, and a later save writes
    // it, as the reader's next save would.
    std::fs::remove_file(&filler).expect("free the disk");
    let mut saved = store.save();
    for _ in 0..50 {
        if saved.is_ok() {
            break;
        }
        assert_eq!(store.unsaved(), 1, "the change is still waiting");
        std::thread::sleep(std::time::Duration::from_millis(100));
        saved = store.save();
    }
    saved.expect("save once there is room");
    assert_eq!(
        quotes_on_disk(&sandbox.data_dir()),
        ["جملهٔ نخست", "جملهٔ دوم"]
    );
    drop(mount);
}
