//! Each feed format barg reads, from fixtures written for the project
//! (tests/fixtures/feeds/): the feed and the exact items each gives.

use barg::feed::{self, Feed, Item};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(name: &str) -> Feed {
    feed::parse(&fixture(name), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn some(text: &str) -> Option<String> {
    Some(text.to_string())
}

/// Id, title, link and date of each item.
fn outline(feed: &Feed) -> Vec<[Option<String>; 4]> {
    feed.items
        .iter()
        .map(|i| {
            [
                some(&i.id),
                i.title.clone(),
                i.link.clone(),
                i.published.clone(),
            ]
        })
        .collect()
}

#[test]
fn rss_2_gives_guid_or_link_ids_utc_dates_and_content_encoded() {
    let feed = parse("rss2.xml");
    assert_eq!(feed.title, some("خبرنامهٔ برگ"));
    assert_eq!(feed.site_link, some("https://barg.example/fa/"));
    assert_eq!(feed.feed_link, some("https://barg.example/fa/feed.xml"));
    assert_eq!(feed.lang, some("fa"));
    assert_eq!(
        feed.items[0],
        Item {
            id: "barg-fa-1001".into(),
            title: some("نمایشگاه کتاب تهران گشایش یافت"),
            link: some("https://barg.example/fa/news/book-fair"),
            // Fri, 01 Mar 2024 08:30:00 +0330
            published: some("2024-03-01T05:00:00Z"),
            author: some("مریم احمدی"),
            summary_html: some("<p>نمایشگاه امسال «بزرگ\u{200c}تر» از همیشه است.</p>"),
            content_html: some("<p dir=\"rtl\">نمایشگاه امسال با <q>شعار کتاب</q> گشایش یافت.</p>"),
            lang: some("fa"),
        }
    );
    // No guid: the link is the id.
    assert_eq!(
        outline(&feed)[1],
        [
            some("https://barg.example/en/poetry-night"),
            some("Poetry night & music"),
            some("https://barg.example/en/poetry-night"),
            some("2024-02-29T18:00:00Z"),
        ]
    );
    assert_eq!(feed.items.len(), 2);
    assert_eq!((feed.duplicates, feed.over_limit), (0, 0));
}

#[test]
fn rss_1_rdf_items_outside_the_channel_are_read_with_dublin_core_dates() {
    let feed = parse("rss1.rdf");
    assert_eq!(feed.title, some("کتاب\u{200c}خانهٔ باز"));
    assert_eq!(feed.site_link, some("https://barg.example/library"));
    assert_eq!(
        outline(&feed),
        [
            [
                some("https://barg.example/library/1"),
                some("دیوان حافظ، چاپ تازه"),
                some("https://barg.example/library/1"),
                some("2024-02-10T09:00:00Z"),
            ],
            [
                some("https://barg.example/library/2"),
                some("Reading room reopens"),
                some("https://barg.example/library/2"),
                some("2024-02-12T13:15:00Z"),
            ],
        ]
    );
    assert_eq!(feed.items[0].author, some("علی رضایی"));
    // A plain-text description becomes an escaped paragraph.
    assert_eq!(
        feed.items[0].summary_html,
        some("<p>چاپ تازه\u{200c}ای از دیوان با شرح.</p>\n")
    );
}

#[test]
fn rss_0_91_items_without_guid_or_date_are_known_by_their_links() {
    let feed = parse("rss091.xml");
    assert_eq!(feed.title, some("Old Tehran Notes"));
    assert_eq!(feed.lang, some("en"));
    assert_eq!(
        outline(&feed),
        [
            [
                some("https://barg.example/old/bazaar"),
                some("بازار بزرگ"),
                some("https://barg.example/old/bazaar"),
                None,
            ],
            [
                some("https://barg.example/old/lalehzar"),
                some("Lalehzar Street"),
                some("https://barg.example/old/lalehzar"),
                None,
            ],
        ]
    );
}

#[test]
fn atom_gives_html_titles_as_text_published_before_updated_and_text_content_as_html() {
    let feed = parse("atom.xml");
    assert_eq!(feed.title, some("مجلهٔ شعر"));
    assert_eq!(feed.site_link, some("https://barg.example/poetry/"));
    assert_eq!(feed.feed_link, some("https://barg.example/poetry/atom.xml"));
    assert_eq!(feed.lang, some("fa"));
    assert_eq!(
        feed.items[0],
        Item {
            id: "tag:barg.example,2024:poem-17".into(),
            title: some("غزلی از سعدی"),
            link: some("https://barg.example/poetry/17"),
            // published 2024-03-01T20:00:00+03:30 wins over updated
            published: some("2024-03-01T16:30:00Z"),
            author: some("سارا کریمی"),
            summary_html: some("<p>بنی\u{200c}آدم اعضای یکدیگرند</p>\n"),
            content_html: some("<blockquote>بنی\u{200c}آدم اعضای یکدیگرند</blockquote>"),
            lang: some("fa"),
        }
    );
    assert_eq!(
        outline(&feed)[1],
        [
            some("tag:barg.example,2024:essay-3"),
            some("Translating Rumi"),
            some("https://barg.example/poetry/essay-3"),
            some("2024-02-28T12:00:00Z"),
        ]
    );
    assert_eq!(
        feed.items[1].content_html,
        some("<p>Notes on the Masnavi.</p>\n<p>Second paragraph &amp; more.</p>\n")
    );
    // feed-rs does not read xml:lang on an entry: the feed's language stands.
    assert_eq!(feed.items[1].lang, some("fa"));
}

#[test]
fn json_feed_gives_its_own_address_and_each_items_language() {
    let feed = parse("feed.json");
    assert_eq!(feed.title, some("پادکست برگ"));
    assert_eq!(feed.site_link, some("https://barg.example/podcast/"));
    assert_eq!(
        feed.feed_link,
        some("https://barg.example/podcast/feed.json")
    );
    assert_eq!(feed.lang, some("fa-IR"));
    assert_eq!(
        feed.items[0],
        Item {
            id: "ep-2".into(),
            title: some("قسمت دوم: شاهنامه"),
            link: some("https://barg.example/podcast/2"),
            published: some("2024-03-03T07:00:00Z"),
            author: some("نیما"),
            summary_html: some("<p>رستم و سهراب</p>\n"),
            content_html: some("<p>گفتگو دربارهٔ <q>رستم و سهراب</q>.</p>"),
            lang: some("fa-IR"),
        }
    );
    assert_eq!(
        outline(&feed)[1],
        [
            some("ep-1"),
            some("Episode one: Ferdowsi"),
            some("https://barg.example/podcast/1"),
            some("2024-02-25T07:00:00Z"),
        ]
    );
    assert_eq!(feed.items[1].lang, some("en"));
    assert_eq!(
        feed.items[1].content_html,
        some("<p>Who was Ferdowsi? &lt;not a tag&gt;</p>\n")
    );
}

#[test]
fn duplicate_ids_keep_the_first_item_and_are_counted() {
    let rss = r#"<rss version="2.0"><channel><title>t</title>
        <item><guid>a</guid><title>یک</title></item>
        <item><guid>b</guid><title>two</title></item>
        <item><guid> a </guid><title>سه</title></item>
        <item><guid>b</guid><title>four</title></item>
        <item><guid>c</guid><title>five</title></item>
        </channel></rss>"#;
    let feed = feed::parse(rss.as_bytes(), None).expect("parses");
    let kept: Vec<_> = feed
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(kept, [("a", "یک"), ("b", "two"), ("c", "five")]);
    assert_eq!(feed.duplicates, 2);
}

#[test]
fn items_without_guid_or_link_are_known_by_a_hash_of_title_and_date() {
    let rss = r#"<rss version="2.0"><channel><title>t</title>
        <item><title>بی‌نشانی</title><pubDate>Fri, 01 Mar 2024 08:30:00 GMT</pubDate></item>
        <item><title>بی‌نشانی</title><pubDate>Sat, 02 Mar 2024 08:30:00 GMT</pubDate></item>
        <item><title>بی‌نشانی</title><pubDate>Fri, 01 Mar 2024 08:30:00 GMT</pubDate></item>
        </channel></rss>"#;
    let feed = feed::parse(rss.as_bytes(), None).expect("parses");
    let ids: Vec<_> = feed.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(
        ids.iter()
            .all(|id| id.starts_with("barg-fnv1a:") && id.len() == 27)
    );
    assert_ne!(ids[0], ids[1]);
    // The same title and date: the same item.
    assert_eq!(feed.duplicates, 1);
    let again = feed::parse(rss.as_bytes(), None).expect("parses");
    assert_eq!(again.items, feed.items);
}

#[test]
fn relative_links_resolve_against_the_feeds_address() {
    let rss = r#"<rss version="2.0"><channel><title>t</title><link>/fa/</link>
        <item><title>x</title><link>news/1?a=1&amp;b=2</link></item>
        <item><title>y</title><link>../en/2</link></item>
        <item><title>z</title><link>https://other.example/3</link></item>
        </channel></rss>"#;
    let feed =
        feed::parse(rss.as_bytes(), Some("https://barg.example/feeds/main.xml")).expect("parses");
    assert_eq!(feed.site_link, some("https://barg.example/fa/"));
    let links: Vec<_> = feed.items.iter().map(|i| i.link.as_deref()).collect();
    assert_eq!(
        links,
        [
            Some("https://barg.example/feeds/news/1?a=1&b=2"),
            Some("https://barg.example/en/2"),
            Some("https://other.example/3"),
        ]
    );
    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "j",
        "home_page_url": "/", "feed_url": "feed.json",
        "items": [{"id": "1", "url": "posts/1"}]}"#;
    let feed =
        feed::parse(json.as_bytes(), Some("https://barg.example/j/feed.json")).expect("parses");
    assert_eq!(feed.site_link, some("https://barg.example/"));
    assert_eq!(feed.feed_link, some("https://barg.example/j/feed.json"));
    assert_eq!(feed.items[0].link, some("https://barg.example/j/posts/1"));
}

#[test]
fn a_windows_1256_feed_is_read_by_its_xml_declaration() {
    // «سلام» in windows-1256.
    let mut rss =
        b"<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss version=\"2.0\"><channel><title>"
            .to_vec();
    rss.extend_from_slice(&[0xD3, 0xE1, 0xC7, 0xE3]);
    rss.extend_from_slice(b"</title></channel></rss>");
    let feed = feed::parse(&rss, None).expect("parses");
    assert_eq!(feed.title, some("سلام"));
}
