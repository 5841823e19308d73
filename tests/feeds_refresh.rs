//! `barg feed refresh` against a server on 127.0.0.1: conditional
//! requests, failing feeds (404, 500, a redirect loop, a timeout), duplicate
//! ids, retention, items read from their linked page, a feed too large.

mod feeds_support;
#[path = "http_support/mod.rs"]
mod http_support;

use std::sync::Mutex;
use std::time::Duration;

use barg::article::{self, Source};
use barg::subscriptions::{self, Options, Progress, Subscriptions};
use feeds_support::*;
use http_support::{Reply, Server};

fn date(day: u32) -> String {
    format!("Sun, {day:02} Mar 2024 08:00:00 GMT")
}

#[test]
fn the_second_refresh_sends_the_validators_and_a_304_changes_nothing() {
    let server = Server::start();
    let feed = persian_feed();
    server.route("/fa.xml", move |request| {
        if request.header("if-none-match") == Some("\"v1\"")
            && request.header("if-modified-since") == Some("Fri, 01 Mar 2024 05:00:00 GMT")
        {
            Reply::status(304)
        } else {
            Reply::ok(feed.clone())
                .header("ETag", "\"v1\"")
                .header("Last-Modified", "Fri, 01 Mar 2024 05:00:00 GMT")
        }
    });
    let sandbox = Sandbox::new("feed-304");
    let url = server.url("/fa.xml");
    assert!(barg(&sandbox, &["feed", "add", &url]).status.success());
    let feeds_json = || {
        let text = std::fs::read_to_string(sandbox.data_dir().join("feeds.json")).expect("read");
        serde_json::from_str::<serde_json::Value>(&text).expect("JSON")
    };
    let before = feeds_json();
    assert_eq!(before["feeds"][0]["etag"], "\"v1\"");
    let files = item_files(&sandbox, 1);

    let refreshed = barg(&sandbox, &["feed", "refresh"]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    assert_eq!(stderr(&refreshed), "barg: refreshed 1 feed: 0 new items\n");
    let requests = server.requests_for("/fa.xml");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("if-none-match"), None);
    assert_eq!(requests[1].header("if-none-match"), Some("\"v1\""));
    let after = feeds_json();
    assert_eq!(after["feeds"][0]["items"], before["feeds"][0]["items"]);
    assert_eq!(after["feeds"][0]["etag"], "\"v1\"");
    assert_eq!(item_files(&sandbox, 1), files);
}

#[test]
fn failing_feeds_are_each_one_line_and_the_others_are_still_refreshed() {
    let server = Server::start();
    let names = ["good", "missing", "broken", "loop", "slow"];
    for name in names {
        let feed = rss(
            &format!("Feed {name}"),
            &[It::new("a", "First", &date(1), "<p>The first item.</p>")],
        );
        server.serve(&format!("/{name}.xml"), Reply::ok(feed));
    }
    let sandbox = Sandbox::new("feed-failures");
    let opml = format!(
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body>{}</body></opml>",
        names
            .iter()
            .map(|n| format!(
                "<outline text=\"{n}\" xmlUrl=\"{}\"/>",
                server.url(&format!("/{n}.xml"))
            ))
            .collect::<String>()
    );
    let list = sandbox.write("list.opml", &opml);
    assert!(
        barg(&sandbox, &["feed", "import", list.to_str().expect("utf-8")])
            .status
            .success()
    );
    let first = barg(&sandbox, &["feed", "refresh"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(stderr(&first), "barg: refreshed 5 feeds: 5 new items\n");

    server.serve(
        "/good.xml",
        Reply::ok(rss(
            "Feed good",
            &[
                It::new("b", "Second", &date(2), "<p>The second item.</p>"),
                It::new("a", "First", &date(1), "<p>The first item.</p>"),
            ],
        )),
    );
    server.serve("/missing.xml", Reply::status(404));
    server.serve("/broken.xml", Reply::status(500));
    server.serve("/loop.xml", Reply::redirect("/loop2.xml"));
    server.serve("/loop2.xml", Reply::redirect("/loop.xml"));
    server.serve(
        "/slow.xml",
        Reply::ok("<rss/>").delay(Duration::from_secs(3)),
    );
    let second = barg(&sandbox, &["feed", "refresh", "--timeout", "1"]);
    assert_eq!(second.status.code(), Some(1));
    let told = stderr(&second);
    let line = |name: &str, why: &str| {
        format!(
            "barg: feed Feed {name} ({}): {why}\n",
            server.url(&format!("/{name}.xml"))
        )
    };
    let expected = [
        line("missing", "the server answered 404 Not Found"),
        line("broken", "the server answered 500 Internal Server Error"),
        line(
            "loop",
            &format!(
                "it redirects in a loop (back to {})",
                server.url("/loop.xml")
            ),
        ),
        line("slow", "no full answer within 1 s"),
        "barg: refreshed 5 feeds: 1 new item\n".to_string(),
        "barg: 4 of 5 feeds could not be refreshed; their saved items are kept\n".to_string(),
    ]
    .concat();
    assert_eq!(told, expected);

    let listed = listed(&sandbox);
    for feed in &listed {
        let good = feed["title"] == "Feed good";
        assert_eq!(feed["items"], if good { 2 } else { 1 }, "{feed}");
        assert_eq!(feed["error"].is_null(), good, "{feed}");
    }
    for id in 1..=5 {
        assert_eq!(item_files(&sandbox, id).len(), if id == 1 { 2 } else { 1 });
    }
    let text = stdout(&barg(&sandbox, &["feed", "list"]));
    assert!(
        text.contains("last error: the server answered 404 Not Found"),
        "{text}"
    );
}

#[test]
fn a_feed_that_shrinks_keeps_its_items() {
    let server = Server::start();
    server.serve("/fa.xml", Reply::ok(persian_feed()));
    let sandbox = Sandbox::new("feed-shrinks");
    let url = server.url("/fa.xml");
    assert!(barg(&sandbox, &["feed", "add", &url]).status.success());
    server.serve("/fa.xml", Reply::ok(rss("خبرنامهٔ برگ", &[])));
    let refreshed = barg(&sandbox, &["feed", "refresh", "1"]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    assert_eq!(listed(&sandbox)[0]["items"], 2);
    assert_eq!(item_files(&sandbox, 1).len(), 2);
}

#[test]
fn duplicate_item_ids_are_kept_once_and_said() {
    let server = Server::start();
    server.serve(
        "/dup.xml",
        Reply::ok(rss(
            "Twice",
            &[
                It::new("same", "One", &date(2), "<p>One.</p>"),
                It::new("same", "Two", &date(1), "<p>Two.</p>"),
            ],
        )),
    );
    let sandbox = Sandbox::new("feed-dup");
    let url = server.url("/dup.xml");
    let added = barg(&sandbox, &["feed", "add", &url]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert_eq!(
        stderr(&added),
        format!(
            "barg: feed Twice ({url}): 1 item with an id an earlier item has; each id is kept once\n\
             barg: subscribed to Twice ({url}) as feed 1: 1 item\n"
        )
    );
    assert_eq!(item_files(&sandbox, 1).len(), 1);
}

#[test]
fn retention_drops_the_oldest_but_never_a_bookmarked_item() {
    let server = Server::start();
    let old = rss(
        "Old",
        &[
            It::new("1", "Day one", &date(1), "<p>The first day was quiet.</p>"),
            It::new("2", "Day two", &date(2), "<p>The second day was loud.</p>"),
            It::new("3", "Day three", &date(3), "<p>The third day was long.</p>"),
        ],
    );
    server.serve("/f.xml", Reply::ok(old));
    let sandbox = Sandbox::new("feed-keep");
    let url = server.url("/f.xml");
    assert!(
        barg(&sandbox, &["feed", "add", &url, "--keep", "3"])
            .status
            .success()
    );
    let subs = Subscriptions::open(sandbox.data_dir()).expect("open");
    let items = subs.feeds()[0].items.clone();
    let day_one = items
        .iter()
        .find(|i| i.title == "Day one")
        .expect("day one");
    let day_two = items
        .iter()
        .find(|i| i.title == "Day two")
        .expect("day two");
    let bookmarked = barg(
        &sandbox,
        &[
            "bookmarks",
            "add",
            day_one.path.to_str().expect("utf-8"),
            "--quote",
            "quiet",
        ],
    );
    assert!(bookmarked.status.success(), "{}", stderr(&bookmarked));

    let new = rss(
        "Old",
        &[
            It::new("4", "Day four", &date(4), "<p>Four.</p>"),
            It::new("5", "Day five", &date(5), "<p>Five.</p>"),
            It::new("6", "Day six", &date(6), "<p>Six.</p>"),
        ],
    );
    server.serve("/f.xml", Reply::ok(new));
    let refreshed = barg(&sandbox, &["feed", "refresh", "--keep", "3"]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    let subs = Subscriptions::open(sandbox.data_dir()).expect("open");
    let titles: Vec<String> = subs.feeds()[0]
        .items
        .iter()
        .map(|i| i.title.clone())
        .collect();
    assert_eq!(titles, ["Day six", "Day five", "Day four", "Day one"]);
    assert!(day_one.path.exists());
    assert!(!day_two.path.exists());
    assert_eq!(item_files(&sandbox, 1).len(), 4);
}

#[test]
fn a_summary_only_item_is_read_from_its_page_and_kept_as_a_summary_when_that_fails() {
    let server = Server::start();
    let page = "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><title>گزارش کامل</title></head>\
        <body><nav><a href=\"/\">خانه</a></nav><article><h1>گزارش کامل</h1>\
        <p>این متن کامل گزارش است که فقط در صفحهٔ خبر آمده و در خوراک نیست. \
        خبرنگار ما از نمایشگاه کتاب گزارش می‌دهد که ناشران بسیاری آمده‌اند.</p>\
        <p>بازدیدکنندگان در روز نخست صف‌های بلندی تشکیل دادند.</p></article>\
        <footer>حق نشر</footer></body></html>";
    server.serve(
        "/news/1",
        Reply::ok(page).header("Content-Type", "text/html; charset=utf-8"),
    );
    let feed = rss(
        "خلاصه‌ها",
        &[
            It {
                content: None,
                summary: Some("<p>خلاصهٔ کوتاه.</p>"),
                link: Some(server.url("/news/1")),
                ..It::new("s1", "گزارش نمایشگاه", &date(2), "")
            },
            It {
                content: None,
                summary: Some("<p>خلاصهٔ دیگر.</p>"),
                link: Some(server.url("/news/gone")),
                ..It::new("s2", "خبر گمشده", &date(1), "")
            },
        ],
    );
    server.serve("/s.xml", Reply::ok(feed));
    let sandbox = Sandbox::new("feed-summary");
    let url = server.url("/s.xml");
    let added = barg(&sandbox, &["feed", "add", &url]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert_eq!(
        stderr(&added),
        format!(
            "barg: feed خلاصه‌ها ({url}): خبر گمشده kept with its summary: cannot fetch {}: \
             the server answered 404 Not Found\n\
             barg: subscribed to خلاصه‌ها ({url}) as feed 1: 2 items\n",
            server.url("/news/gone")
        )
    );
    let subs = Subscriptions::open(sandbox.data_dir()).expect("open");
    let items = &subs.feeds()[0].items;
    let full = article::open(&Source::File(items[0].path.clone())).expect("opens");
    assert_eq!(full.article.title, "گزارش نمایشگاه");
    assert!(
        full.article.text.contains("صف‌های بلندی"),
        "{:?}",
        full.article.text
    );
    assert!(
        !full.article.text.contains("حق نشر"),
        "{:?}",
        full.article.text
    );
    let summary = article::open(&Source::File(items[1].path.clone())).expect("opens");
    assert!(
        summary.article.text.contains("خلاصهٔ دیگر."),
        "{:?}",
        summary.article.text
    );
}

#[test]
fn a_feed_over_50_mb_is_refused_with_a_message_and_nothing_is_saved() {
    let server = Server::start();
    let mut huge = rss("Huge", &[]).into_bytes();
    huge.truncate(huge.len() - "</channel></rss>\n".len());
    huge.resize(50 * 1024 * 1024 + 1, b' ');
    server.serve("/huge.xml", Reply::ok(huge));
    let sandbox = Sandbox::new("feed-huge");
    let url = server.url("/huge.xml");
    let added = barg(&sandbox, &["feed", "add", &url]);
    assert_eq!(added.status.code(), Some(1));
    assert_eq!(
        stderr(&added),
        format!(
            "barg: cannot fetch {url}: the answer is larger than 50 MB, more than barg takes\n"
        )
    );
    assert!(!sandbox.data_dir().join("feeds.json").exists());
}

#[test]
fn the_library_refreshes_on_another_thread_and_reports_progress() {
    let server = Server::start();
    server.serve("/fa.xml", Reply::ok(persian_feed()));
    server.serve("/gone.xml", Reply::status(404));
    let sandbox = Sandbox::new("feed-api");
    let opml = format!(
        "<opml version=\"2.0\"><body><outline text=\"fa\" xmlUrl=\"{}\"/>\
         <outline text=\"gone\" xmlUrl=\"{}\"/></body></opml>",
        server.url("/fa.xml"),
        server.url("/gone.xml")
    );
    let list = sandbox.write("l.opml", &opml);
    assert!(
        barg(&sandbox, &["feed", "import", list.to_str().expect("utf-8")])
            .status
            .success()
    );
    let dir = sandbox.data_dir();
    let steps = std::sync::Arc::new(Mutex::new(Vec::new()));
    let seen = std::sync::Arc::clone(&steps);
    let report = std::thread::spawn(move || {
        subscriptions::refresh(&dir, None, &Options::default(), move |step| {
            seen.lock().expect("steps").push(step);
        })
    })
    .join()
    .expect("the thread ends")
    .expect("the refresh runs");
    assert_eq!(report.feeds.len(), 2);
    assert_eq!(report.feeds[0].new_items, 2);
    assert_eq!(report.failed(), 1);
    assert_eq!(
        report.feeds[1].error.as_deref(),
        Some("the server answered 404 Not Found")
    );
    let steps = steps.lock().expect("steps").clone();
    assert!(
        steps.contains(&Progress::Feeds { done: 2, total: 2 }),
        "{steps:?}"
    );
    assert!(
        steps.contains(&Progress::Items { done: 2, total: 2 }),
        "{steps:?}"
    );
    let subs = Subscriptions::open(sandbox.data_dir()).expect("open");
    assert_eq!(subs.feeds()[0].unread, 2);
    assert_eq!(
        subs.feeds()[1].error.as_deref(),
        Some("the server answered 404 Not Found")
    );
}

#[test]
fn an_item_whose_file_was_lost_is_saved_again_and_not_counted_new() {
    let server = Server::start();
    server.serve("/fa.xml", Reply::ok(persian_feed()));
    let sandbox = Sandbox::new("feed-heal");
    let url = server.url("/fa.xml");
    assert!(barg(&sandbox, &["feed", "add", &url]).status.success());
    let files = item_files(&sandbox, 1);
    let whole = std::fs::read(&files[0]).expect("an item file");
    std::fs::write(&files[0], &whole[..whole.len() / 2]).expect("a crash cuts it short");
    std::fs::remove_file(&files[1]).expect("or it is gone");
    let refreshed = barg(&sandbox, &["feed", "refresh"]);
    assert_eq!(stderr(&refreshed), "barg: refreshed 1 feed: 0 new items\n");
    assert_eq!(item_files(&sandbox, 1), files);
    for file in &files {
        assert!(
            article::open(&Source::File(file.clone())).is_ok(),
            "{}",
            file.display()
        );
    }
}
