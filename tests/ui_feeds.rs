//! Feed items in the reader's library: grouped under their feed after the
//! articles that come from no feed, newest first, a header with the feed's
//! unread count above each group, a mark on each unread item; opening an
//! item makes it read.

mod screen_support;

use barg::article::{Article, Source};
use barg::layout::LayoutOptions;
use barg::ui::keymap::Keymap;
use barg::ui::theme::Theme;
use barg::ui::{App, Entry, Row, Screen, Setup};
use screen_support::{draw, keys, rows};

fn article(title: &str) -> Article {
    Article::from_plain_text(
        format!("{title}\n\nA paragraph of {title}, long enough to read.\n"),
        Source::File(format!("/tmp/{title}.txt").into()),
    )
}

fn item(feed: &str, published: &str, unread: bool) -> Entry {
    Entry {
        feed: Some(feed.to_string()),
        unread,
        published: Some(published.to_string()),
    }
}

/// Two articles of no feed and three items of two feeds, given out of order.
fn app() -> App {
    let articles = ["Alpha", "Old news", "Beta", "New news", "Weather"]
        .into_iter()
        .map(article)
        .collect();
    let entries = vec![
        Entry::default(),
        item("Daily", "2026-11-20T08:00:00Z", true),
        Entry::default(),
        item("Daily", "2026-11-25T08:00:00Z", true),
        item("Sky", "2026-11-24T08:00:00Z", false),
    ];
    App::new(Setup {
        articles,
        entries,
        open: None,
        keymap: Keymap::builtin("default").expect("the default keymap"),
        theme: Theme::dark(),
        layout: LayoutOptions::default(),
        measure: 80,
        store: None,
        messages: Vec::new(),
    })
}

#[test]
fn feed_items_are_grouped_under_their_feed_newest_first_with_unread_counts() {
    let mut app = app();
    let screen = rows(&draw(&mut app, 60, 10));
    let stats = "     9 w   1 min   0%  0 ★";
    let expected = [
        "barg · library · 5 articles".to_string(),
        String::new(),
        format!(" Alpha{}{stats}", " ".repeat(28)),
        format!(" Beta{}{stats}", " ".repeat(29)),
        format!("Daily{}2 unread · 2 items", " ".repeat(37)),
        format!("•New news{}{}", " ".repeat(25), stats.replace(" 9", "11")),
        format!("•Old news{}{}", " ".repeat(25), stats.replace(" 9", "11")),
        format!("Sky{}0 unread · 1 item", " ".repeat(40)),
        format!(" Weather{}{stats}", " ".repeat(26)),
    ];
    for (row, want) in expected.iter().enumerate() {
        assert_eq!(screen[row].trim_end(), want.trim_end(), "row {row}");
    }
    let library = app.library();
    assert_eq!(library.shown(), [0, 2, 3, 1, 4]);
    assert_eq!(
        library.rows()[2],
        Row::Feed {
            title: "Daily",
            unread: 2,
            items: 2
        }
    );
}

#[test]
fn selection_moves_over_articles_and_opening_an_item_makes_it_read() {
    let mut app = app();
    // Down twice: past Beta, over the header, onto the newest item.
    keys(&mut app, "jj\n");
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(app.reading().and_then(|r| r.index()), Some(3));
    keys(&mut app, "\x1b");
    assert_eq!(app.screen(), Screen::Library);
    let screen = rows(&draw(&mut app, 60, 10));
    assert!(screen[4].ends_with("1 unread · 2 items"), "{}", screen[4]);
    assert!(screen[5].starts_with(" New news"), "{}", screen[5]);
    assert!(screen[6].starts_with("•Old news"), "{}", screen[6]);
    assert!(!app.library().entry(3).is_some_and(|e| e.unread));
}

#[test]
fn a_filter_keeps_the_groups_of_what_it_shows() {
    let mut app = app();
    keys(&mut app, "/Old\n");
    let screen = rows(&draw(&mut app, 60, 10));
    assert!(screen[2].starts_with("Daily"), "{}", screen[2]);
    assert!(screen[2].ends_with("2 unread · 2 items"), "{}", screen[2]);
    assert!(screen[3].starts_with("•Old news"), "{}", screen[3]);
    assert_eq!(screen[4].trim(), "");
}
