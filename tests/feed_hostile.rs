//! Feeds that are broken, huge, not feeds, or out to attack: each gives a
//! one-line error naming the source, or a feed; nothing panics, nothing
//! blows up, and nothing from the feed reaches a terminal as a control
//! sequence through `barg::safe`.

use barg::feed::{self, FeedErrorKind, MAX_FEED_BYTES, MAX_ITEMS};
use barg::safe;

const URL: &str = "https://barg.example/feed.xml";

fn error(bytes: &[u8]) -> (FeedErrorKind, String) {
    let error = feed::parse(bytes, Some(URL)).expect_err("refused");
    let message = error.to_string();
    assert!(!message.contains('\n'), "one line: {message:?}");
    assert!(message.starts_with(URL), "names the source: {message:?}");
    (error.kind().clone(), message)
}

#[test]
fn empty_input_is_an_error() {
    for input in [&b""[..], b" \n\t ", b"\xEF\xBB\xBF\n"] {
        let (kind, message) = error(input);
        assert_eq!(kind, FeedErrorKind::Empty);
        assert_eq!(
            message,
            format!("{URL}: the feed is empty; check the address")
        );
    }
}

#[test]
fn a_feed_over_50_mib_is_refused_before_it_is_read() {
    let mut huge = b"<rss version=\"2.0\"><channel><title>".to_vec();
    huge.resize(MAX_FEED_BYTES + 1, b'x');
    let (kind, message) = error(&huge);
    assert_eq!(kind, FeedErrorKind::TooLarge(MAX_FEED_BYTES + 1));
    assert_eq!(
        message,
        format!("{URL}: the feed is 51 MiB; barg reads feeds of up to 50 MiB")
    );
}

#[test]
fn a_feed_of_nearly_50_mib_parses() {
    let head = "<rss version=\"2.0\"><channel><title>بزرگ</title><item><guid>1</guid><description>";
    let tail = "</description></item></channel></rss>";
    let mut big = head.as_bytes().to_vec();
    let word = "متن خبر و ";
    let body = word.repeat((MAX_FEED_BYTES - head.len() - tail.len()) / word.len());
    big.extend_from_slice(body.as_bytes());
    big.extend_from_slice(tail.as_bytes());
    assert!(big.len() <= MAX_FEED_BYTES && big.len() > MAX_FEED_BYTES - 100);
    let feed = feed::parse(&big, None).expect("parses");
    assert_eq!(feed.items.len(), 1);
    assert_eq!(
        feed.items[0].summary_html.as_ref().map(String::len),
        Some(body.trim().len())
    );
}

#[test]
fn past_10000_items_the_rest_are_counted_not_kept() {
    let mut rss = String::from("<rss version=\"2.0\"><channel><title>t</title>");
    for i in 0..MAX_ITEMS + 25 {
        rss.push_str(&format!(
            "<item><guid>{i}</guid><title>خبر {i}</title></item>"
        ));
    }
    rss.push_str("</channel></rss>");
    let feed = feed::parse(rss.as_bytes(), None).expect("parses");
    assert_eq!(feed.items.len(), MAX_ITEMS);
    assert_eq!(feed.over_limit, 25);
    assert_eq!(feed.items[MAX_ITEMS - 1].id, (MAX_ITEMS - 1).to_string());
}

#[test]
fn a_web_page_is_told_apart_so_the_caller_can_look_for_its_feed() {
    for page in [
        "<!DOCTYPE html><html lang=\"fa\"><head><title>خانه</title></head></html>",
        "\u{feff}\n  <html><body>سلام</body></html>",
        "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head/></html>",
    ] {
        let (kind, message) = error(page.as_bytes());
        assert_eq!(kind, FeedErrorKind::WebPage);
        assert_eq!(
            message,
            format!(
                "{URL}: this is a web page, not a feed; give the address of its RSS or Atom feed"
            )
        );
    }
}

#[test]
fn malformed_xml_and_json_and_other_xml_give_one_line_naming_the_source() {
    for (input, says) in [
        (
            &b"<rss version=\"2.0\"><channel><title>a</channel></rss>"[..],
            "not a readable feed (",
        ),
        (
            b"<rss version=\"2.0\"><channel><title>\x80\xff</title>",
            "not a readable feed (",
        ),
        (
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
            "it holds no RSS, Atom or JSON Feed",
        ),
        (
            b"{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [",
            "not a readable feed (",
        ),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
            "it holds no RSS, Atom or JSON Feed",
        ),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not a readable feed"),
    ] {
        let (kind, message) = error(input);
        assert!(matches!(kind, FeedErrorKind::Malformed(_)), "{message}");
        assert!(message.contains(says), "{message:?} says {says:?}");
        assert!(!message.contains(safe::is_active), "{message:?}");
    }
}

#[test]
fn billion_laughs_is_not_expanded() {
    let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
    for level in 1..10 {
        let previous = if level == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", level - 1)
        };
        doc.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">\n",
            format!("&{previous};").repeat(10)
        ));
    }
    doc.push_str("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>");
    doc.push_str("<item><guid>1</guid><title>a &lol9; b</title></item></channel></rss>");
    // Either way, nothing the size of a billion laughs comes out.
    match feed::parse(doc.as_bytes(), Some(URL)) {
        Ok(feed) => {
            let title = feed.title.unwrap_or_default();
            assert!(title.len() < 100, "{title:?}");
            let item = feed.items[0].title.clone().unwrap_or_default();
            assert!(item.len() < 100, "{item:?}");
        }
        Err(error) => assert!(error.to_string().len() < 300),
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 200_000;
    let mut doc =
        String::from("<rss version=\"2.0\"><channel><title>t</title><item><guid>1</guid>");
    doc.push_str(&"<x>".repeat(depth));
    doc.push_str(&"</x>".repeat(depth));
    doc.push_str("</item></channel></rss>");
    let _ = feed::parse(doc.as_bytes(), None);
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let json = format!("{{\"version\": \"https://jsonfeed.org/version/1.1\", \"x\": {json}}}");
    let _ = feed::parse(json.as_bytes(), None);
}

#[test]
fn control_characters_stay_as_data_and_safe_strips_them_all() {
    let json = "{\"version\": \"https://jsonfeed.org/version/1.1\",
        \"title\": \"\\u001b]0;pwned\\u0007خبر\\u009b2J\",
        \"items\": [{\"id\": \"\\u001b[31m1\", \"title\": \"a\\u202eb\\u001b[201~\",
                     \"url\": \"https://x.example/a\\u001bb\", \"authors\": [{\"name\": \"\\u0007n\"}]}]}";
    let rss = "<rss version=\"2.0\"><channel><title>\u{9b}2J&#x202E;تیتر</title>\
        <item><guid>\u{202E}g</guid><title>t\u{85}\u{2066}</title></item></channel></rss>";
    for (input, title) in [
        (json, "\u{1b}]0;pwned\u{7}خبر\u{9b}2J"),
        (rss, "\u{9b}2J\u{202E}تیتر"),
    ] {
        let feed = feed::parse(input.as_bytes(), None).expect("parses");
        // Kept as the feed wrote them: they are data.
        assert_eq!(feed.title.as_deref(), Some(title));
        let item = &feed.items[0];
        let printed = [
            feed.title.clone(),
            Some(item.id.clone()),
            item.title.clone(),
            item.link.clone(),
            item.author.clone(),
        ];
        assert!(
            printed
                .iter()
                .flatten()
                .any(|text| text.contains(safe::is_active))
        );
        // What a caller prints goes through safe: nothing active survives.
        for text in printed.iter().flatten() {
            assert!(!safe::strip(text).contains(safe::is_active), "{text:?}");
            assert!(!safe::visible(text).contains(safe::is_active), "{text:?}");
        }
    }
    // A link is a URL: the url crate percent-encodes what it cannot hold.
    let feed = feed::parse(json.as_bytes(), None).expect("parses");
    assert_eq!(
        feed.items[0].link.as_deref(),
        Some("https://x.example/a%1Bb")
    );
}

#[test]
fn an_address_with_control_characters_is_shown_not_obeyed_in_errors() {
    let error = feed::parse(b"", Some("https://x.example/\x1b]0;t\x07")).expect_err("empty");
    assert_eq!(
        error.to_string(),
        "https://x.example/\\u{1b}]0;t\\u{7}: the feed is empty; check the address"
    );
}
