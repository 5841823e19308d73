//! The store's unit tests: what a change does to `store.json`.

use super::*;
use crate::article::Source;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A data directory of its own, removed at the end of the test.
struct DataDir(PathBuf);

impl DataDir {
    fn new() -> DataDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        DataDir(std::env::temp_dir().join(format!(
            "barg-store-unit-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        )))
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn article(text: &str) -> Article {
    article_from("unit.txt", text)
}

fn article_from(name: &'static str, text: &str) -> Article {
    Article::from_plain_text(text.to_string(), Source::Sample(name.to_string()))
}

#[test]
fn a_missing_store_is_empty_and_reading_it_creates_nothing() {
    let dir = DataDir::new();
    let mut store = Store::open(&dir.0).expect("open");
    assert!(store.bookmarks().is_empty());
    store.check(&article("عنوان\n"));
    assert!(!dir.0.exists());
    assert!(store.take_notices().is_empty());
}

#[test]
fn a_range_of_the_article_becomes_a_bookmark_the_reader_can_draw() {
    let dir = DataDir::new();
    let text = article("عنوان\n\nیک جمله. جملهٔ دوم.\n");
    let start = text.text.find("جملهٔ").expect("in the text");
    let range = start..start + "جملهٔ دوم".len();
    let mut store = Store::open(&dir.0).expect("open");
    let added = store.add(&text, range.clone(), None).expect("add");
    assert!(!added.already);
    assert_eq!(added.bookmark.quote, "جملهٔ دوم");
    assert_eq!(added.bookmark.paragraph, 1);

    // Another process (a fresh store) sees it.
    let reopened = Store::open(&dir.0).expect("open");
    let drawn = reopened.bookmarks_of(&ArticleRef::of(&text));
    assert_eq!(drawn.len(), 1);
    assert_eq!(drawn[0].range, range);
}

#[test]
fn a_range_that_is_not_a_stretch_of_text_is_refused() {
    let dir = DataDir::new();
    let text = article("سلام\n");
    let mut store = Store::open(&dir.0).expect("open");
    let backwards = Range { start: 4, end: 3 };
    for range in [3..3, 1..4, 0..100, 4..5, backwards] {
        assert!(store.add(&text, range.clone(), None).is_err(), "{range:?}");
    }
    assert!(store.bookmarks().is_empty());
    let spaced = article(" سلام \u{200C}\n");
    assert!(store.add(&spaced, 9..12, None).is_err(), "only a ZWNJ");
    let added = store.add(&spaced, 0..10, None).expect("add");
    assert_eq!(added.bookmark.quote, "سلام");
    assert_eq!(added.bookmark.range, 1..9);
}

#[test]
fn the_reading_position_is_kept_per_article() {
    let dir = DataDir::new();
    let one = article_from("one.txt", "یک\n\nمتن نخست.\n");
    let two = article_from("two.txt", "دو\n\nمتن دوم.\n");
    let mut store = Store::open(&dir.0).expect("open");
    assert_eq!(store.position(&one), None);
    store.set_position(&one, 8).expect("set");
    let reopened = Store::open(&dir.0).expect("open");
    assert_eq!(reopened.position(&one).map(|p| p.offset), Some(8));
    assert_eq!(reopened.position(&two), None);
}

#[test]
fn a_reading_position_survives_an_edit_and_stays_inside_the_text() {
    let dir = DataDir::new();
    let long = article("عنوان\n\nمتنی بلند که خواننده تا میانه‌اش رسیده بود.\n");
    let mut store = Store::open(&dir.0).expect("open");
    store.set_position(&long, 60).expect("set");
    let short = article("عنوان\n\nکوتاه\n");
    let position = store.position(&short).expect("found by its source");
    assert!(position.offset <= short.text.len());
    assert!(short.text.is_char_boundary(position.offset));
    // An offset inside a letter moves back to its start.
    store.set_position(&short, 1).expect("set");
    assert_eq!(store.position(&short).map(|p| p.offset), Some(0));
    assert_eq!(store.file.positions.len(), 1, "older versions are dropped");
}

#[test]
fn newest_first_puts_the_last_made_bookmark_first() {
    let dir = DataDir::new();
    let text = article("الف ب پ ت\n");
    let mut store = Store::open(&dir.0).expect("open");
    for quote in ["الف", "ب", "پ"] {
        store.add_quote(&text, quote, None).expect("add");
    }
    let quotes: Vec<&str> = store
        .newest_first()
        .iter()
        .map(|b| b.quote.as_str())
        .collect();
    assert_eq!(quotes, ["پ", "ب", "الف"]);
}

#[test]
fn a_hand_edited_next_id_never_brings_back_a_used_id() {
    let file = StoreFile {
        next_id: 2,
        bookmarks: vec![Bookmark {
            id: 9,
            article: ArticleRef {
                id: String::new(),
                source: StoredSource::new(Source::Stdin),
                title: String::new(),
                unknown: Unknown::new(),
            },
            quote: "x".to_string(),
            range: 0..1,
            paragraph: 0,
            note: None,
            created: String::new(),
            detached: false,
            direction: None,
            unknown: Unknown::new(),
        }],
        ..StoreFile::default()
    };
    assert_eq!(file.clone().normalized().next_id, 10);

    // The last id leaves none after it, and nothing wraps round to 0.
    let mut last = file;
    last.bookmarks[0].id = u64::MAX;
    let mut last = last.normalized();
    assert_eq!(last.next_id, u64::MAX);
    let error = last
        .take_id(Path::new("store.json"))
        .expect_err("no id left");
    assert!(error.to_string().contains("every bookmark id"), "{error}");
    assert_eq!(last.next_id, u64::MAX);
}

#[test]
fn a_bookmark_kept_in_memory_takes_the_next_free_id_when_it_is_written() {
    let text = article("الف ب پ\n");
    let mut file = StoreFile::default();
    let key = ArticleRef::of(&text);
    let path = Path::new("store.json");
    let (added, _) = add_to(&mut file, path, &text, &key, &(0..6), None).expect("add");
    assert_eq!(added.bookmark.id, 1);
    let kept = Unsaved::Bookmark(added.bookmark);
    // Meanwhile another barg wrote bookmark 1 of another quote.
    let mut disk = StoreFile::default();
    add_to(&mut disk, path, &text, &key, &(7..9), None).expect("add");
    kept.apply(&mut disk, path).expect("apply");
    kept.apply(&mut disk, path).expect("apply twice");
    let ids: Vec<(u64, &str)> = disk
        .bookmarks
        .iter()
        .map(|b| (b.id, b.quote.as_str()))
        .collect();
    assert_eq!(ids, [(1, "ب"), (2, "الف")]);
}
