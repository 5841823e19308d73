//! A feed as a person reads it: subscribed with `barg feed add` from a
//! server on 127.0.0.1, the server stopped, then the real binary in tmux:
//! the library shows the feed with its unread items, an item opens, a
//! quotation in it is bookmarked; the bookmark is in `barg bookmarks list`
//! and the item is read in `barg feed list`. Runs whenever tmux is
//! installed (.ci/run installs it).

mod e2e_support;
mod http_support;

use std::path::Path;
use std::process::{Command, Output};

use e2e_support::{Tmux, status};
use http_support::{Reply, Server};

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>روزنامهٔ برگ</title>
  <link>http://127.0.0.1/</link>
  <language>fa</language>
  <item>
    <title>باغ‌های کتاب در شهر</title>
    <guid>barg-e2e-1</guid>
    <link>http://127.0.0.1/news/1</link>
    <pubDate>Wed, 25 Nov 2026 08:00:00 +0000</pubDate>
    <description><![CDATA[
      <p>شهرداری امروز از طرح تازه‌ای برای کتابخانه‌های کوچک در پارک‌ها خبر داد.</p>
      <p>مدیر طرح گفت: «هر نیمکت می‌تواند قفسه‌ای برای چند کتاب باشد» و افزود که کار از بهار آغاز می‌شود.</p>
      <p>ساکنان محله‌ها می‌توانند کتاب‌های خود را به این قفسه‌ها بسپارند و کتاب دیگری بردارند.</p>
    ]]></description>
  </item>
  <item>
    <title>Rain expected over the weekend</title>
    <guid>barg-e2e-2</guid>
    <link>http://127.0.0.1/news/2</link>
    <pubDate>Tue, 24 Nov 2026 08:00:00 +0000</pubDate>
    <description><![CDATA[
      <p>Forecasters expect steady rain from Friday night until Sunday morning across the north.</p>
      <p>Drivers are asked to plan their trips with care and to check the roads before leaving.</p>
    ]]></description>
  </item>
</channel>
</rss>
"#;

fn barg(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_barg"))
        .args(args)
        .env("BARG_DATA_DIR", data)
        .env("BARG_CONFIG", "/nonexistent")
        .output()
        .expect("run barg")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn a_feed_item_is_read_offline_and_a_quotation_in_it_bookmarked_in_tmux() {
    let Some(tmux) = Tmux::start("feeds") else {
        return;
    };
    let data = tmux.dir.join("data");
    {
        let server = Server::start();
        server.serve(
            "/feed.xml",
            Reply::ok(FEED).header("Content-Type", "application/rss+xml; charset=utf-8"),
        );
        let added = barg(&data, &["feed", "add", &server.url("/feed.xml")]);
        assert!(
            added.status.success(),
            "{}",
            String::from_utf8_lossy(&added.stderr)
        );
    }
    // The server is gone: what follows reads the saved items.
    let feeds = json(&barg(&data, &["feed", "list", "--json"]));
    assert_eq!(feeds[0]["unread"], 2, "{feeds}");

    tmux.type_line(&format!(
        "BARG_DATA_DIR={} BARG_CONFIG=/nonexistent {}",
        data.display(),
        env!("CARGO_BIN_EXE_barg")
    ));
    let library = tmux.wait_for("the library with the feed", |s| s.contains("2 unread"));
    assert!(library.contains("Rain expected"), "{library}");
    // The feed's items come last, newest first: the Persian one is the
    // last but one.
    tmux.keys(&["G", "k", "Enter"]);
    tmux.wait_for("the item", |s| status(s).contains("quote"));
    tmux.keys(&["]"]);
    tmux.wait_for("a focused quotation", |s| status(s).contains("1/"));
    tmux.keys(&["b"]);
    tmux.wait_for("the bookmark", |s| status(s).contains("bookmarked (#1)"));
    tmux.keys(&["q"]);
    tmux.wait_for("the shell again", |s| s.trim_end().ends_with('$'));

    let bookmarks = json(&barg(&data, &["bookmarks", "list", "--json"]));
    let bookmarks = bookmarks
        .as_array()
        .cloned()
        .or_else(|| bookmarks["bookmarks"].as_array().cloned())
        .unwrap_or_default();
    assert_eq!(bookmarks.len(), 1, "{bookmarks:?}");
    assert_eq!(
        bookmarks[0]["quote"],
        "هر نیمکت می‌تواند قفسه‌ای برای چند کتاب باشد"
    );
    assert_eq!(bookmarks[0]["article"]["title"], "باغ‌های کتاب در شهر");
    let feeds = json(&barg(&data, &["feed", "list", "--json"]));
    assert_eq!(feeds[0]["unread"], 1, "{feeds}");
    // `barg list` names the feed of each item and which are read.
    let list = json(&barg(&data, &["list", "--json"]));
    let items: Vec<&serde_json::Value> = list
        .as_array()
        .map(|rows| rows.iter().filter(|r| r["feed"] == "روزنامهٔ برگ").collect())
        .unwrap_or_default();
    assert_eq!(items.len(), 2, "{list}");
    assert_eq!(items[0]["title"], "باغ‌های کتاب در شهر");
    assert_eq!(items[0]["unread"], false);
    assert_eq!(items[1]["unread"], true);
    let text = barg(&data, &["list"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert_eq!(text.matches("feed: ").count(), 2, "{text}");
}
