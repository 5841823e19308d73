//! The reader's first screen comes before the passes over the whole article
//! (`App::new_unsettled`, then `App::settle`): once settled, the screen, the
//! quotations, the bookmarks and the position are the ones `App::new` gives.

use std::path::{Path, PathBuf};

use barg::article::{self, Article, Source, library};
use barg::layout::LayoutOptions;
use barg::store::Store;
use barg::ui::keymap::Keymap;
use barg::ui::theme::Theme;
use barg::ui::{App, Setup};
use screen_support::{draw, rows};

mod screen_support;

fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("barg-settle-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn setup(articles: Vec<Article>, open: usize, data: &Path) -> Setup {
    Setup {
        articles,
        entries: Vec::new(),
        open: Some(open),
        keymap: Keymap::builtin("default").expect("the default keymap parses"),
        theme: Theme::dark(),
        layout: LayoutOptions::default(),
        measure: 80,
        store: Some(Store::open(data.to_path_buf()).expect("a store in a temp dir")),
        messages: Vec::new(),
    }
}

/// The Persian sample with the most quotations.
fn quoting_sample() -> usize {
    let samples = library::samples();
    (0..samples.len())
        .max_by_key(|&i| article::quotes::article_quotes(&samples[i]).len())
        .expect("samples")
}

#[test]
fn an_article_opened_unsettled_has_no_quotations_until_settled_then_the_screen_of_app_new() {
    let data = data_dir("quotes");
    let open = quoting_sample();
    let mut settled = App::new(setup(library::samples(), open, &data));
    let mut app = App::new_unsettled(setup(library::samples(), open, &data));
    let reader = app.reader().expect("the article is open");
    assert!(reader.quotes().is_empty());
    let first = rows(&draw(&mut app, 100, 20));
    assert!(first.iter().any(|row| !row.trim().is_empty()));
    assert!(app.settle());
    assert!(!app.settle(), "settled once");
    let quotes = settled.reader().expect("open").quotes().to_vec();
    assert!(!quotes.is_empty());
    assert_eq!(app.reader().expect("open").quotes(), quotes);
    assert_eq!(draw(&mut app, 100, 20), draw(&mut settled, 100, 20));
    // Focusable: `]` focuses the first quotation in both.
    screen_support::keys(&mut app, "]");
    screen_support::keys(&mut settled, "]");
    assert_eq!(
        app.reader().and_then(|r| r.focused_quote()).cloned(),
        Some(quotes[0].clone())
    );
    assert_eq!(draw(&mut app, 100, 20), draw(&mut settled, 100, 20));
}

/// The same text in two files, `a.txt` and `b.txt`, long enough to scroll.
fn two_copies(dir: &Path) -> (Article, Article) {
    std::fs::create_dir_all(dir).expect("a temp dir");
    let text: String = library::samples()
        .iter()
        .filter(|a| {
            a.title
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
        })
        .map(|a| a.text.clone() + "\n")
        .collect();
    let [a, b] = ["a.txt", "b.txt"].map(|name| {
        let path = dir.join(name);
        std::fs::write(&path, &text).expect("write");
        article::open(&Source::File(path)).expect("open").article
    });
    (a, b)
}

#[test]
fn the_first_screen_is_at_the_position_saved_for_the_file() {
    let data = data_dir("source");
    let (a, _) = two_copies(&data.join("files"));
    let offset = a.text.len() / 2;
    Store::open(data.clone())
        .expect("store")
        .set_position(&a, offset)
        .expect("saved");
    let mut app = App::new_unsettled(setup(vec![a], 0, &data));
    draw(&mut app, 100, 20);
    let before = app.reader().expect("open").offset();
    assert!(before > 0 && before <= offset, "{before}");
    app.settle();
    assert_eq!(app.reader().expect("open").offset(), before);
}

#[test]
fn once_settled_the_position_saved_for_the_same_text_elsewhere_wins_as_in_app_new() {
    let data = data_dir("text");
    let (a, b) = two_copies(&data.join("files"));
    let offset = a.text.len() / 2;
    // Read last as b.txt: the store keeps that text's position, at b.
    let mut store = Store::open(data.clone()).expect("store");
    store.set_position(&a, 10).expect("saved");
    store.set_position(&b, offset).expect("saved");
    drop(store);
    let mut settled = App::new(setup(vec![a.clone()], 0, &data));
    let mut app = App::new_unsettled(setup(vec![a], 0, &data));
    draw(&mut app, 100, 20);
    assert_eq!(
        app.reader().expect("open").offset(),
        0,
        "a.txt has no position of its own"
    );
    app.settle();
    let expected = settled.reader().expect("open").offset();
    assert!(expected > 0);
    assert_eq!(app.reader().expect("open").offset(), expected);
    assert_eq!(draw(&mut app, 100, 20), draw(&mut settled, 100, 20));
}

#[test]
fn bookmarks_are_attached_once_settled() {
    let data = data_dir("bookmarks");
    let (a, _) = two_copies(&data.join("files"));
    let start = a.text.find(' ').expect("a space") + 1;
    let end = start + a.text[start..].find(' ').expect("another");
    Store::open(data.clone())
        .expect("store")
        .add(&a, start..end, None)
        .expect("bookmarked");
    let mut app = App::new_unsettled(setup(vec![a.clone()], 0, &data));
    assert!(app.reader().expect("open").bookmarks().is_empty());
    app.settle();
    let bookmarks = app.reader().expect("open").bookmarks().to_vec();
    assert_eq!(bookmarks.len(), 1);
    assert_eq!(bookmarks[0], start..end);
    let mut settled = App::new(setup(vec![a], 0, &data));
    assert_eq!(draw(&mut app, 100, 20), draw(&mut settled, 100, 20));
}
