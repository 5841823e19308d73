//! `barg feed add`, `list`, `remove`, `import` and `export` against a
//! server on 127.0.0.1, in a data directory of the test's own.

mod feeds_support;
#[path = "http_support/mod.rs"]
mod http_support;

use barg::article::{self, Source};
use barg::feed::opml;
use barg::layout::{self, LayoutOptions};
use barg::subscriptions::Subscriptions;
use feeds_support::*;
use http_support::{Reply, Server};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

#[test]
fn a_feed_added_is_listed_and_its_items_open_offline() {
    let server = Server::start();
    server.serve(
        "/fa.xml",
        Reply::ok(persian_feed()).header("Content-Type", "application/rss+xml"),
    );
    let sandbox = Sandbox::new("feed-add");
    let url = server.url("/fa.xml");
    let added = barg(&sandbox, &["feed", "add", &url]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert_eq!(
        stderr(&added),
        format!("barg: subscribed to خبرنامهٔ برگ ({url}) as feed 1: 2 items\n")
    );

    let text = barg(&sandbox, &["feed", "list"]);
    let shown = stdout(&text);
    let lines: Vec<&str> = shown.lines().collect();
    // The title in visual order, as the engine lays it out: right to left.
    let visual = layout::layout_paragraph("خبرنامهٔ برگ", 80, &LayoutOptions::default()).lines[0]
        .text()
        .to_string();
    assert_eq!(lines[0], format!("  1  {visual}"));
    assert_eq!(lines[1], format!("     {url}"));
    assert!(
        lines[2].starts_with("     2 items, 2 unread · refreshed 20"),
        "{shown}"
    );
    assert_eq!(lines.len(), 3, "{shown}");

    let list = listed(&sandbox);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], 1);
    assert_eq!(list[0]["url"], url);
    assert_eq!(list[0]["items"], 2);
    assert_eq!(list[0]["unread"], 2);
    assert!(list[0]["error"].is_null());

    // The reader's API: newest first, each a saved article that opens
    // without the network, titled as its item.
    drop(server);
    let mut subs = Subscriptions::open(sandbox.data_dir()).expect("open");
    let feeds = subs.feeds();
    let titles: Vec<&str> = feeds[0].items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["شب شعر", "نمایشگاه کتاب گشایش یافت"]);
    let path = feeds[0].items[1].path.clone();
    let opened = article::open(&Source::File(path.clone())).expect("opens offline");
    assert_eq!(opened.article.title, "نمایشگاه کتاب گشایش یافت");
    assert!(
        opened.article.text.contains("ناشران از سراسر کشور آمده‌اند"),
        "{:?}",
        opened.article.text
    );
    assert_eq!(
        article::quotes::article_quotes(&opened.article).len(),
        1,
        "<q> is a quotation"
    );

    assert!(subs.mark_read(&path).expect("marked"));
    assert!(
        !subs
            .mark_read(&sandbox.root.join("elsewhere.barg"))
            .expect("not an item")
    );
    assert_eq!(listed(&sandbox)[0]["unread"], 1);
}

#[test]
fn a_page_url_subscribes_to_the_feed_it_links_to() {
    let server = Server::start();
    server.serve(
        "/fa.xml",
        Reply::ok(persian_feed()).header("Content-Type", "application/rss+xml"),
    );
    server.serve(
        "/",
        Reply::ok(
            "<!DOCTYPE html><html><head><title>برگ</title>\
             <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/fa.xml\">\
             <link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom.xml\">\
             </head><body><p>خانه</p></body></html>",
        )
        .header("Content-Type", "text/html; charset=utf-8"),
    );
    let sandbox = Sandbox::new("feed-discover");
    let page = server.url("/");
    let added = barg(&sandbox, &["feed", "add", &page]);
    assert!(added.status.success(), "{}", stderr(&added));
    let told = stderr(&added);
    let feed = server.url("/fa.xml");
    assert!(
        told.contains(&format!(
            "{page} is a web page; barg subscribes to the feed it links to, {feed}"
        )),
        "{told}"
    );
    assert!(told.contains(&server.url("/atom.xml")), "{told}");
    assert_eq!(listed(&sandbox)[0]["url"], feed);
}

#[test]
fn an_address_that_gives_no_feed_is_an_error_and_nothing_is_saved() {
    let server = Server::start();
    server.serve(
        "/plain",
        Reply::ok("<html><head><title>x</title></head><body><p>no feed</p></body></html>")
            .header("Content-Type", "text/html"),
    );
    let sandbox = Sandbox::new("feed-none");
    for (path, expected) in [
        ("/plain", "is a web page that links to no feed".to_string()),
        (
            "/missing.xml",
            format!(
                "cannot fetch {}: the server answered 404 Not Found",
                server.url("/missing.xml")
            ),
        ),
    ] {
        let added = barg(&sandbox, &["feed", "add", &server.url(path)]);
        assert_eq!(added.status.code(), Some(1));
        let told = stderr(&added);
        assert!(told.contains(&expected), "{told}");
        assert_eq!(told.lines().count(), 1, "{told}");
    }
    assert!(!sandbox.data_dir().join("feeds.json").exists());
    let twice = Server::start();
    twice.serve("/fa.xml", Reply::ok(persian_feed()));
    let url = twice.url("/fa.xml");
    assert!(barg(&sandbox, &["feed", "add", &url]).status.success());
    let again = barg(&sandbox, &["feed", "add", &url]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already subscribed"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn opml_from_newsboat_and_miniflux_is_imported_once_and_exported_back() {
    let sandbox = Sandbox::new("feed-opml");
    let newsboat = fixture("newsboat.opml");
    let imported = barg(
        &sandbox,
        &["feed", "import", newsboat.to_str().expect("utf-8")],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stderr(&imported).contains("added 3 feeds from"),
        "{}",
        stderr(&imported)
    );
    let again = barg(
        &sandbox,
        &["feed", "import", newsboat.to_str().expect("utf-8")],
    );
    assert!(
        stderr(&again).contains("added 0 feeds from")
            && stderr(&again).contains("(3 feeds already there)"),
        "{}",
        stderr(&again)
    );
    let miniflux = fixture("miniflux.opml");
    let more = barg(
        &sandbox,
        &["feed", "import", miniflux.to_str().expect("utf-8")],
    );
    assert!(more.status.success(), "{}", stderr(&more));

    let listed = listed(&sandbox);
    let out = sandbox.root.join("out.opml");
    let exported = barg(
        &sandbox,
        &["feed", "export", "-o", out.to_str().expect("utf-8")],
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    let back = opml::parse(&std::fs::read(&out).expect("written")).expect("OPML");
    assert_eq!(back.len(), listed.len());
    let urls: Vec<&str> = back.iter().map(|s| s.xml_url.as_str()).collect();
    let expected: Vec<&str> = listed
        .iter()
        .map(|f| f["url"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(urls, expected);
    assert!(back.iter().any(|s| s.title == "خبرنامهٔ برگ"));
    // Miniflux's folders come back out as folders.
    let source = opml::parse(&std::fs::read(&miniflux).expect("fixture")).expect("OPML");
    for sub in &source {
        if let Some(out) = back.iter().find(|b| b.xml_url == sub.xml_url)
            && !newsboat_has(&sub.xml_url)
        {
            assert_eq!(out.categories, sub.categories, "{}", sub.xml_url);
        }
    }
    // To standard output, the same document.
    let stdout_export = barg(&sandbox, &["feed", "export"]);
    let again = opml::parse(&stdout_export.stdout).expect("OPML");
    assert_eq!(again, back);
}

fn newsboat_has(url: &str) -> bool {
    let bytes = std::fs::read(fixture("newsboat.opml")).expect("fixture");
    opml::parse(&bytes)
        .expect("OPML")
        .iter()
        .any(|s| s.xml_url == url)
}

#[test]
fn a_freshrss_export_is_imported_with_its_folders() {
    let sandbox = Sandbox::new("feed-freshrss");
    let file = fixture("freshrss.opml");
    let imported = barg(&sandbox, &["feed", "import", file.to_str().expect("utf-8")]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stderr(&imported).contains("added 2 feeds from"),
        "{}",
        stderr(&imported)
    );
    let list = listed(&sandbox);
    let titles: Vec<&str> = list
        .iter()
        .map(|f| f["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(titles, ["رادیو برگ", "Tech & Code"]);
    let back = opml::parse(&barg(&sandbox, &["feed", "export"]).stdout).expect("OPML");
    assert_eq!(back[0].xml_url, "https://radio.barg.example/rss");
    assert_eq!(back[0].categories, ["خبرها"]);
    assert_eq!(back[1].categories, ["Uncategorized"]);
}

#[test]
fn removing_a_feed_deletes_its_items_but_keeps_a_bookmarked_one() {
    let server = Server::start();
    server.serve("/fa.xml", Reply::ok(persian_feed()));
    let sandbox = Sandbox::new("feed-remove");
    let url = server.url("/fa.xml");
    assert!(barg(&sandbox, &["feed", "add", &url]).status.success());
    let files = item_files(&sandbox, 1);
    assert_eq!(files.len(), 2);
    let subs = Subscriptions::open(sandbox.data_dir()).expect("open");
    let poem = subs.feeds()[0].items[0].path.clone();
    let bookmarked = barg(
        &sandbox,
        &[
            "bookmarks",
            "add",
            poem.to_str().expect("utf-8"),
            "--quote",
            "حافظ و سعدی",
        ],
    );
    assert!(bookmarked.status.success(), "{}", stderr(&bookmarked));

    let removed = barg(&sandbox, &["feed", "remove", &url]);
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert_eq!(
        stderr(&removed),
        "barg: removed feed 1 (خبرنامهٔ برگ) and 1 saved item; 1 item kept, \
         as bookmarks or reading positions point to them\n"
    );
    assert!(poem.exists());
    assert_eq!(item_files(&sandbox, 1), std::slice::from_ref(&poem));
    assert!(listed(&sandbox).is_empty());
    // The bookmark still opens its quote.
    let bookmarks = barg(&sandbox, &["bookmarks", "list", "--json"]);
    assert!(stdout(&bookmarks).contains("حافظ و سعدی"));

    let unknown = barg(&sandbox, &["feed", "remove", "7"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("there is no feed 7"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn an_empty_feeds_file_is_no_feeds_and_a_corrupt_one_is_moved_aside() {
    let sandbox = Sandbox::new("feed-corrupt");
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    let path = sandbox.data_dir().join("feeds.json");
    std::fs::write(&path, "").expect("write");
    let empty = barg(&sandbox, &["feed", "list"]);
    assert!(empty.status.success());
    assert!(
        stderr(&empty).contains("no feeds yet"),
        "{}",
        stderr(&empty)
    );
    assert_eq!(std::fs::read(&path).expect("still there"), b"");

    std::fs::write(&path, "{\"schema\": 1, \"feeds\": [{\"id\": ").expect("write");
    let corrupt = barg(&sandbox, &["feed", "list"]);
    assert!(corrupt.status.success(), "{}", stderr(&corrupt));
    let told = stderr(&corrupt);
    assert!(told.contains("feeds.json does not parse ("), "{told}");
    assert!(told.contains("barg moved it to"), "{told}");
    let aside: Vec<_> = std::fs::read_dir(sandbox.data_dir())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("feeds.json.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(aside[0].path()).expect("kept"),
        b"{\"schema\": 1, \"feeds\": [{\"id\": "
    );
    assert!(!path.exists());

    std::fs::write(&path, "{\"schema\": 99, \"feeds\": \"new\"}").expect("write");
    let newer = barg(&sandbox, &["feed", "import", "/nonexistent.opml"]);
    assert!(
        stderr(&newer).contains("written by a newer barg"),
        "{}",
        stderr(&newer)
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("untouched"),
        "{\"schema\": 99, \"feeds\": \"new\"}"
    );
}

#[test]
fn hostile_titles_and_urls_never_reach_the_terminal_raw() {
    let server = Server::start();
    let evil = "\u{1b}]0;pwned\u{7}خبر\u{9b}2J\u{202e}evil";
    let feed = rss(
        evil,
        &[It {
            link: Some(format!("{}/\u{1b}[31mx", server.url(""))),
            ..It::new(
                "x\u{1b}",
                evil,
                "Fri, 01 Mar 2024 08:30:00 +0330",
                "<p>متن \u{1b}[2J خبر.</p>",
            )
        }],
    );
    server.serve("/evil.xml", Reply::ok(feed));
    let sandbox = Sandbox::new("feed-hostile");
    let url = server.url("/evil.xml");
    let mut outputs = vec![barg(&sandbox, &["feed", "add", &url])];
    outputs.push(barg(&sandbox, &["feed", "list"]));
    outputs.push(barg(&sandbox, &["feed", "list", "--json"]));
    outputs.push(barg(&sandbox, &["feed", "export"]));
    server.serve("/evil.xml", Reply::status(500));
    outputs.push(barg(&sandbox, &["feed", "refresh"]));
    outputs.push(barg(&sandbox, &["feed", "list"]));
    for output in &outputs {
        assert_eq!(
            active_chars(&stdout(output)),
            Vec::<char>::new(),
            "{}",
            stdout(output)
        );
        assert_eq!(
            active_chars(&stderr(output)),
            Vec::<char>::new(),
            "{}",
            stderr(output)
        );
    }
    assert!(
        stdout(&outputs[1]).contains("pwned") && stdout(&outputs[1]).contains("Jevil"),
        "{}",
        stdout(&outputs[1])
    );
    let json: serde_json::Value = serde_json::from_slice(&outputs[2].stdout).expect("JSON");
    assert_eq!(json[0]["title"], evil, "JSON keeps the title, escaped");
    assert!(
        stderr(&outputs[4]).contains("the server answered 500"),
        "{}",
        stderr(&outputs[4])
    );
    // The saved article carries no control character either.
    let files = item_files(&sandbox, 1);
    let opened = article::open(&Source::File(files[0].clone())).expect("opens");
    assert_eq!(active_chars(&opened.article.title), Vec::<char>::new());
    assert_eq!(active_chars(&opened.article.text), Vec::<char>::new());
}
