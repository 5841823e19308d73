//! OPML: the subscription lists newsboat and Miniflux export read as
//! barg's subscriptions, and what barg writes reads back the same.

use barg::feed::opml::{self, Subscription};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sub(title: &str, xml_url: &str, html_url: Option<&str>, categories: &[&str]) -> Subscription {
    Subscription {
        title: title.to_string(),
        xml_url: xml_url.to_string(),
        html_url: html_url.map(str::to_string),
        categories: categories.iter().map(|c| c.to_string()).collect(),
    }
}

#[test]
fn a_newsboat_export_gives_flat_subscriptions_titled_by_their_url_when_untitled() {
    let subs = opml::parse(&fixture("newsboat.opml")).expect("parses");
    assert_eq!(
        subs,
        [
            sub(
                "خبرنامهٔ برگ",
                "https://barg.example/fa/feed.xml",
                Some("https://barg.example/fa/"),
                &[]
            ),
            sub(
                "Poetry & Prose",
                "https://barg.example/poetry/atom.xml",
                Some("https://barg.example/poetry/"),
                &[]
            ),
            sub(
                "https://barg.example/no-title.xml",
                "https://barg.example/no-title.xml",
                None,
                &[]
            ),
        ]
    );
}

#[test]
fn a_miniflux_export_gives_folders_as_categories_and_drops_a_repeated_feed() {
    let subs = opml::parse(&fixture("miniflux.opml")).expect("parses");
    assert_eq!(
        subs,
        [
            sub(
                "خبرنامهٔ برگ",
                "https://barg.example/fa/feed.xml",
                Some("https://barg.example/fa/"),
                &["اخبار"]
            ),
            sub(
                "Podcast",
                "https://barg.example/podcast/feed.json",
                Some("https://barg.example/podcast/"),
                &["اخبار"]
            ),
            sub(
                "مجلهٔ شعر",
                "https://barg.example/poetry/atom.xml?a=1&b=2",
                Some("https://barg.example/poetry/"),
                &["Literature", "شعر"]
            ),
        ]
    );
}

#[test]
fn what_barg_writes_is_opml_2_and_reads_back_the_same() {
    let subs = vec![
        sub(
            "بی‌پوشه \"quoted\" <b>",
            "https://a.example/feed?x=1&y=<2>",
            None,
            &[],
        ),
        sub(
            "خبرنامهٔ برگ",
            "https://barg.example/fa/feed.xml",
            Some("https://barg.example/fa/"),
            &["اخبار & news"],
        ),
        sub(
            "Podcast",
            "https://barg.example/podcast/feed.json",
            None,
            &["اخبار & news"],
        ),
        sub(
            "مجلهٔ شعر",
            "https://barg.example/poetry/atom.xml",
            None,
            &["Literature", "شعر"],
        ),
        sub(
            "Tabs",
            "https://t.example/a\tb\nc",
            Some("https://t.example/"),
            &["Literature"],
        ),
    ];
    let written = opml::write_dated(&subs, "اشتراک‌های برگ", "Sat, 02 Mar 2024 10:00:00 GMT");
    assert_eq!(
        written,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<opml version=\"2.0\">
  <head>
    <title>اشتراک‌های برگ</title>
    <dateCreated>Sat, 02 Mar 2024 10:00:00 GMT</dateCreated>
  </head>
  <body>
    <outline type=\"rss\" text=\"بی‌پوشه &quot;quoted&quot; &lt;b&gt;\" title=\"بی‌پوشه &quot;quoted&quot; &lt;b&gt;\" xmlUrl=\"https://a.example/feed?x=1&amp;y=&lt;2&gt;\"/>
    <outline text=\"اخبار &amp; news\" title=\"اخبار &amp; news\">
      <outline type=\"rss\" text=\"خبرنامهٔ برگ\" title=\"خبرنامهٔ برگ\" xmlUrl=\"https://barg.example/fa/feed.xml\" htmlUrl=\"https://barg.example/fa/\"/>
      <outline type=\"rss\" text=\"Podcast\" title=\"Podcast\" xmlUrl=\"https://barg.example/podcast/feed.json\"/>
    </outline>
    <outline text=\"Literature\" title=\"Literature\">
      <outline text=\"شعر\" title=\"شعر\">
        <outline type=\"rss\" text=\"مجلهٔ شعر\" title=\"مجلهٔ شعر\" xmlUrl=\"https://barg.example/poetry/atom.xml\"/>
      </outline>
      <outline type=\"rss\" text=\"Tabs\" title=\"Tabs\" xmlUrl=\"https://t.example/a&#9;b&#10;c\" htmlUrl=\"https://t.example/\"/>
    </outline>
  </body>
</opml>
"
    );
    assert_eq!(opml::parse(written.as_bytes()).expect("reads back"), subs);
    // With today's date, too.
    let today = opml::write(&subs, "t");
    assert!(today.contains(" GMT</dateCreated>"));
    assert_eq!(opml::parse(today.as_bytes()).expect("reads back"), subs);
}

#[test]
fn bad_opml_gives_one_line() {
    for (input, says) in [
        (&b""[..], "the OPML file is empty"),
        (
            b"<!DOCTYPE html><html></html>",
            "this is a web page, not an OPML file",
        ),
        (
            b"<rss version=\"2.0\"></rss>",
            "not an OPML file: it starts with <rss>, not <opml>",
        ),
        (
            b"<opml><body><outline text=\"a\"></body></opml>",
            "not a readable OPML file (at byte",
        ),
        (b"just text", "not an OPML file: it holds no <opml> element"),
    ] {
        let message = opml::parse(input).expect_err("refused").to_string();
        assert!(message.contains(says), "{message:?}");
        assert!(!message.contains('\n'), "{message:?}");
    }
}

#[test]
fn entities_are_not_expanded_and_control_characters_are_dropped() {
    let mut doc = String::from("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaaaaaaaa\">");
    for level in 1..10 {
        doc.push_str(&format!(
            "<!ENTITY a{level} \"{}\">",
            format!(
                "&a{};",
                if level == 1 {
                    String::new()
                } else {
                    (level - 1).to_string()
                }
            )
            .repeat(10)
        ));
    }
    doc.push_str("]><opml version=\"2.0\"><body>");
    doc.push_str("<outline text=\"&a9;\" xmlUrl=\"https://x.example/&a9;\"/>");
    doc.push_str(
        "<outline text=\"t&#27;]0;x&#7;\u{1b}\" xmlUrl=\"https://y.example/\"/></body></opml>",
    );
    let subs = opml::parse(doc.as_bytes()).expect("parses");
    assert_eq!(
        subs,
        [
            sub("&a9;", "https://x.example/&a9;", None, &[]),
            sub("t]0;x", "https://y.example/", None, &[]),
        ]
    );
}
