//! Finding a web page's feeds from its `<link rel="alternate">` tags.

use barg::feed::discover;

#[test]
fn a_pages_feed_links_come_back_absolute_in_page_order_each_once() {
    let page = r#"<!DOCTYPE html><html lang="fa" dir="rtl"><head>
        <meta charset="utf-8"><title>خانه <link rel="alternate" type="application/rss+xml" href="/in-title"></title>
        <!-- <link rel="alternate" type="application/rss+xml" href="/commented"> -->
        <script>var s = '<link rel="alternate" type="application/rss+xml" href="/in-script">';</script>
        <link rel="stylesheet" href="/style.css">
        <LINK REL="Alternate feed" TYPE="application/RSS+xml; charset=utf-8" HREF="/fa/feed.xml?a=1&amp;b=2">
        <link rel=alternate type=application/atom+xml href=atom.xml title="اتم">
        <link rel="alternate" type="application/feed+json" href='https://cdn.example/feed.json'/>
        <link rel="alternate" type="text/html" hreflang="en" href="/en/">
        <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
        <link rel="alternate" type="application/rss+xml" href="/fa/feed.xml?a=1&b=2">
        </head><body><a rel="alternate" type="application/rss+xml" href="/anchor">x</a>
        <link rel="alternate" type="application/rdf+xml" href="//other.example/rdf">
        </body></html>"#;
    assert_eq!(
        discover(page, "https://barg.example/fa/index.html"),
        [
            "https://barg.example/fa/feed.xml?a=1&b=2",
            "https://barg.example/fa/atom.xml",
            "https://cdn.example/feed.json",
            "https://other.example/rdf",
        ]
    );
}

#[test]
fn a_base_href_sets_where_relative_links_point() {
    let page = r#"<head><base href="/blog/"><base href="/ignored/">
        <link rel="alternate" type="application/atom+xml" href="feed.atom"></head>"#;
    assert_eq!(
        discover(page, "https://barg.example/a/b"),
        ["https://barg.example/blog/feed.atom"]
    );
}

#[test]
fn a_page_without_feeds_or_with_broken_markup_gives_none() {
    assert!(discover("", "https://x.example/").is_empty());
    assert!(discover("<p>متن بی‌خوراک</p>", "https://x.example/").is_empty());
    for broken in [
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/never-closed",
        "<link rel=\"alternate",
        "<!-- open comment <link rel=alternate type=application/rss+xml href=/x>",
        "<script><link rel=alternate type=application/rss+xml href=/x>",
        "<<<>>> <link <link/ <=",
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"\">",
    ] {
        assert!(
            discover(broken, "https://x.example/").is_empty(),
            "{broken}"
        );
    }
    // A page address that is not a URL: only absolute links count.
    let page = "<link rel=alternate type=application/rss+xml href=/rel>\
                <link rel=alternate type=application/rss+xml href=http://abs.example/f>";
    assert_eq!(discover(page, "not a url"), ["http://abs.example/f"]);
}
