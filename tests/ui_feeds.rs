//! Feed items in the reader's library: grouped under their feed after the
//! articles that come from no feed, newest first, a header with the feed's
//! unread count above each group, a mark on each unread item; opening an
//! item makes it read.

mod feeds_support;
mod http_support;
mod screen_support;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use barg::subscriptions::{Options, Subscriptions};
use feeds_support::{It, rss};
use http_support::{Reply, Server};

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

/// The reader on `articles` with their `entries`, the default keymap.
fn app_on(articles: Vec<Article>, entries: Vec<Entry>) -> App {
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
    app_on(articles, entries)
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

const DATES: [&str; 3] = [
    "Mon, 23 Nov 2026 08:00:00 +0000",
    "Tue, 24 Nov 2026 08:00:00 +0000",
    "Wed, 25 Nov 2026 08:00:00 +0000",
];

fn items(count: usize) -> Vec<It<'static>> {
    const TITLES: [&str; 3] = ["خبر نخست", "خبر دوم", "خبر سوم"];
    const TEXT: &str = "<p>متن این خبر در چند جمله آمده است تا خواندنی باشد. \
        جملهٔ دوم آن نیز همین‌جاست و «نقل‌قولی کوتاه» دارد.</p>";
    (0..count)
        .map(|i| It::new(TITLES[i], TITLES[i], DATES[i], TEXT))
        .collect()
}

/// A data directory subscribed to a feed of two items that `serve` can
/// change; the reader on a library of one article and the feed's items.
fn subscribed(name: &str) -> (Server, Arc<Mutex<Reply>>, std::path::PathBuf, App) {
    let data = std::env::temp_dir().join(format!("barg-ui-feeds-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let server = Server::start();
    let reply = Arc::new(Mutex::new(Reply::ok(rss("روزانه", &items(2)))));
    let serving = Arc::clone(&reply);
    server.route("/feed.xml", move |_| serving.lock().expect("reply").clone());
    let mut subscriptions = Subscriptions::open(&data).expect("no subscriptions yet");
    subscriptions
        .add(&server.url("/feed.xml"), &Options::default())
        .expect("subscribed");
    let (loaded, problems) = barg::ui::feeds::load_items(&subscriptions, &HashSet::new());
    assert!(problems.is_empty(), "{problems:?}");
    let (mut articles, mut entries): (Vec<Article>, Vec<Entry>) = loaded.into_iter().unzip();
    articles.insert(0, article("Alpha"));
    entries.insert(0, Entry::default());
    let mut app = app_on(articles, entries);
    app.set_feeds(subscriptions);
    (server, reply, data, app)
}

#[test]
fn r_refreshes_in_the_background_and_new_items_join_without_moving_the_selection() {
    let (_server, reply, data, mut app) = subscribed("refresh");
    let screen = rows(&draw(&mut app, 60, 10));
    assert!(screen[3].ends_with("2 unread · 2 items"), "{}", screen[3]);
    // The selection is on the newest item when the third comes.
    keys(&mut app, "j");
    let selected = app.library().shown()[app.library().selected()];
    assert_eq!(app.library().articles()[selected].title, "خبر دوم");
    *reply.lock().expect("reply") = Reply::ok(rss("روزانه", &items(3)));
    keys(&mut app, "R");
    assert!(app.refreshing());
    assert!(
        app.wait_for_refresh(Duration::from_secs(20)),
        "the refresh ended"
    );
    assert_eq!(app.message(), Some("1 new item"));
    assert_eq!(app.library().articles().len(), 4);
    let selected = app.library().shown()[app.library().selected()];
    assert_eq!(app.library().articles()[selected].title, "خبر دوم");
    let screen = rows(&draw(&mut app, 60, 10));
    assert!(screen[3].ends_with("3 unread · 3 items"), "{}", screen[3]);

    // Opening an item makes it read in feeds.json too.
    keys(&mut app, "\n");
    let feeds = Subscriptions::open(&data).expect("feeds").feeds();
    assert_eq!(feeds[0].unread, 2);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn a_refresh_that_fails_says_so_naming_the_feed_and_keeps_every_item() {
    let (_server, reply, data, mut app) = subscribed("fails");
    *reply.lock().expect("reply") = Reply::status(500);
    keys(&mut app, "R");
    assert!(
        app.wait_for_refresh(Duration::from_secs(20)),
        "the refresh ended"
    );
    let message = app.message().unwrap_or_default().to_string();
    assert!(
        message.starts_with("no new items · 1 failed: روزانه: "),
        "{message}"
    );
    assert!(message.contains("500"), "{message}");
    assert_eq!(app.library().articles().len(), 3);
    let feeds = Subscriptions::open(&data).expect("feeds").feeds();
    assert_eq!(feeds[0].items.len(), 2);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn r_without_feeds_says_how_to_subscribe() {
    let mut app = app();
    keys(&mut app, "R");
    assert_eq!(
        app.message(),
        Some("no feeds to refresh: subscribe with `barg feed add URL`")
    );
}
