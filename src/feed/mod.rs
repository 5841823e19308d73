//! Feeds and subscription lists, parsed from bytes already in hand: RSS
//! 0.9x/1.0/2.0, Atom and JSON Feed ([`parse`], with feed-rs), a web page's
//! feed links ([`discover`]) and OPML ([`opml`]). No network, no storage:
//! the caller fetches and keeps.
//!
//! Nothing a feed holds is trusted. Titles, names and HTML are kept as the
//! feed wrote them, control characters included (they are data; whatever
//! draws or prints them goes through `crate::safe`), and every message that
//! quotes the feed's address makes its control characters visible.

mod discover;
pub mod opml;
mod text;

use std::collections::{HashMap, HashSet};
use std::fmt;

use feed_rs::model;
use url::Url;

use crate::safe;

pub use discover::discover;

/// The largest feed barg reads: 50 MiB, far above any real feed (a large
/// news feed is a few hundred kilobytes), small enough to parse in memory.
pub const MAX_FEED_BYTES: usize = 50 * 1024 * 1024;

/// The most items barg keeps from one feed: the first 10,000 (feeds put the
/// newest first); the rest are counted in [`Feed::over_limit`].
pub const MAX_ITEMS: usize = 10_000;

/// A feed as barg keeps it: what the reader and the store need, nothing of
/// the format it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub title: Option<String>,
    /// The site the feed belongs to (RSS `<link>`, Atom `rel="alternate"`,
    /// JSON Feed `home_page_url`).
    pub site_link: Option<String>,
    /// The feed's own address as it states it (Atom and RSS `rel="self"`,
    /// JSON Feed `feed_url`).
    pub feed_link: Option<String>,
    pub lang: Option<String>,
    pub items: Vec<Item>,
    /// Items dropped because an earlier item had the same id.
    pub duplicates: usize,
    /// Items dropped past [`MAX_ITEMS`].
    pub over_limit: usize,
}

/// One entry of a feed; an article to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Stable across refreshes: the item's guid (RSS) or id (Atom, JSON
    /// Feed); without one, its link; without a link either,
    /// `barg-fnv1a:` and the FNV-1a hash (64 bits, hex) of the title, a NUL
    /// and the published date, as [`Item::published`] writes it.
    pub id: String,
    /// Plain text, whitespace runs made single spaces.
    pub title: Option<String>,
    /// Absolute when the feed's address was given (resolved against it).
    pub link: Option<String>,
    /// RFC 3339 in UTC (`2024-03-01T08:30:00Z`): the published date, or the
    /// updated date when the feed gives only that.
    pub published: Option<String>,
    pub author: Option<String>,
    /// HTML; a plain-text summary is escaped into paragraphs.
    pub summary_html: Option<String>,
    /// HTML; plain-text content is escaped into paragraphs.
    pub content_html: Option<String>,
    /// The item's language, or the feed's.
    pub lang: Option<String>,
}

/// Why a feed could not be read, with the address it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedError {
    source: Option<String>,
    kind: FeedErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedErrorKind {
    /// No bytes, or only whitespace.
    Empty,
    /// Over [`MAX_FEED_BYTES`]; the size in bytes.
    TooLarge(usize),
    /// An HTML page: try [`discover`] on it.
    WebPage,
    /// Broken XML or JSON, or XML that is no feed; what the parser said.
    Malformed(String),
}

impl FeedError {
    pub fn kind(&self) -> &FeedErrorKind {
        &self.kind
    }
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(source) = &self.source {
            write!(f, "{}: ", safe::visible(source))?;
        }
        match &self.kind {
            FeedErrorKind::Empty => f.write_str("the feed is empty; check the address"),
            FeedErrorKind::TooLarge(bytes) => write!(
                f,
                "the feed is {} MiB; barg reads feeds of up to {} MiB",
                bytes.div_ceil(1024 * 1024),
                MAX_FEED_BYTES / (1024 * 1024)
            ),
            FeedErrorKind::WebPage => f.write_str(
                "this is a web page, not a feed; give the address of its RSS or Atom feed",
            ),
            FeedErrorKind::Malformed(why) => {
                write!(f, "not a readable feed ({})", safe::visible(why))
            }
        }
    }
}

impl std::error::Error for FeedError {}

impl From<FeedError> for crate::error::Error {
    fn from(error: FeedError) -> crate::error::Error {
        crate::error::Error::new(error.to_string())
    }
}

/// Parse a feed. `source_url`, when given, is the address it was fetched
/// from: relative links are resolved against it, and errors name it (a
/// caller that read a file names the file itself).
pub fn parse(bytes: &[u8], source_url: Option<&str>) -> Result<Feed, FeedError> {
    let fail = |kind| FeedError {
        source: source_url.map(str::to_string),
        kind,
    };
    if bytes.len() > MAX_FEED_BYTES {
        return Err(fail(FeedErrorKind::TooLarge(bytes.len())));
    }
    if text::skip_bom_and_space(bytes).is_empty() {
        return Err(fail(FeedErrorKind::Empty));
    }
    if text::looks_like_web_page(bytes) {
        return Err(fail(FeedErrorKind::WebPage));
    }
    let base = source_url.and_then(|url| Url::parse(url.trim()).ok());
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.as_ref().map(Url::as_str))
        // An empty id marks an item without one: barg makes its own (see Item::id).
        .id_generator(|_, _, _| String::new())
        .build();
    let parsed = parser.parse(bytes).map_err(|error| {
        fail(match error {
            feed_rs::parser::ParseFeedError::ParseError(
                feed_rs::parser::ParseErrorKind::NoFeedRoot,
            ) => FeedErrorKind::Malformed("it holds no RSS, Atom or JSON Feed".to_string()),
            other => FeedErrorKind::Malformed(one_line(&other.to_string())),
        })
    })?;
    let mut feed = convert(parsed, base.as_ref());
    if looks_like_json(bytes) {
        json_extras(bytes, &mut feed, base.as_ref());
    }
    Ok(feed)
}

/// Whether a body served as `media` (a media type, lower case) is a feed
/// rather than a page: by its type, else by how it starts.
pub fn looks_like_feed(bytes: &[u8], media: Option<&str>) -> bool {
    let media = media.unwrap_or("");
    if media.contains("rss") || media.contains("atom") || media == "application/feed+json" {
        return true;
    }
    if text::looks_like_web_page(bytes) || media == "text/html" {
        return false;
    }
    let start = text::skip_bom_and_space(bytes);
    start.starts_with(b"<?xml")
        || text::starts_with_ignore_case(start, b"<rss")
        || text::starts_with_ignore_case(start, b"<feed")
        || text::starts_with_ignore_case(start, b"<rdf:rdf")
}

fn looks_like_json(bytes: &[u8]) -> bool {
    text::skip_bom_and_space(bytes).starts_with(b"{")
}

/// What feed-rs leaves out of a JSON Feed: which of its addresses is the
/// feed's own (`feed_url`) and which the site's, and each item's language.
#[derive(serde::Deserialize)]
struct JsonExtras {
    home_page_url: Option<String>,
    feed_url: Option<String>,
    #[serde(default)]
    items: Vec<JsonItem>,
}

#[derive(serde::Deserialize)]
struct JsonItem {
    id: Option<serde_json::Value>,
    language: Option<serde_json::Value>,
}

fn json_extras(bytes: &[u8], feed: &mut Feed, base: Option<&Url>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(extras) = serde_json::from_slice::<JsonExtras>(bytes) else {
        return;
    };
    feed.site_link = nonempty(extras.home_page_url.as_deref()).map(|url| resolve(base, &url));
    feed.feed_link = nonempty(extras.feed_url.as_deref()).map(|url| resolve(base, &url));
    let index: HashMap<String, usize> = feed
        .items
        .iter()
        .enumerate()
        .map(|(at, item)| (item.id.clone(), at))
        .collect();
    let mut done = HashSet::new();
    for item in extras.items {
        let (Some(serde_json::Value::String(id)), Some(serde_json::Value::String(lang))) =
            (item.id, item.language)
        else {
            continue;
        };
        // The first item with an id is the one kept.
        if let Some(&at) = index.get(id.trim())
            && done.insert(at)
        {
            feed.items[at].lang = nonempty(Some(&lang)).or(feed.items[at].lang.take());
        }
    }
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn convert(feed: model::Feed, base: Option<&Url>) -> Feed {
    let lang = nonempty(feed.language.as_deref());
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    let mut duplicates = 0;
    let mut over_limit = 0;
    for entry in feed.entries {
        let item = item(entry, lang.as_deref(), base);
        if !seen.insert(item.id.clone()) {
            duplicates += 1;
        } else if items.len() == MAX_ITEMS {
            over_limit += 1;
        } else {
            items.push(item);
        }
    }
    Feed {
        title: feed.title.as_ref().and_then(plain_title),
        site_link: alternate(&feed.links).map(|href| resolve(base, href)),
        feed_link: feed
            .links
            .iter()
            .find(|link| link.rel.as_deref() == Some("self"))
            .map(|link| resolve(base, &link.href)),
        lang,
        items,
        duplicates,
        over_limit,
    }
}

fn item(entry: model::Entry, feed_lang: Option<&str>, base: Option<&Url>) -> Item {
    let title = entry.title.as_ref().and_then(plain_title);
    let link = alternate(&entry.links).map(|href| resolve(base, href));
    let published = entry
        .published
        .or(entry.updated)
        .map(|date| date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let id = match (nonempty(Some(&entry.id)), &link) {
        (Some(id), _) => id,
        (None, Some(link)) => link.clone(),
        (None, None) => {
            let key = format!(
                "{}\0{}",
                title.as_deref().unwrap_or(""),
                published.as_deref().unwrap_or("")
            );
            format!("barg-fnv1a:{:016x}", fnv1a(key.as_bytes()))
        }
    };
    Item {
        id,
        title,
        link,
        published,
        author: entry
            .authors
            .iter()
            .find_map(|person| nonempty(person.name.as_deref())),
        summary_html: entry.summary.as_ref().and_then(html_of_text),
        content_html: entry.content.as_ref().and_then(|content| {
            let body = content.body.as_deref()?;
            let plain = content.content_type.to_string().starts_with("text/plain");
            html_of(body, plain)
        }),
        lang: nonempty(entry.language.as_deref()).or(feed_lang.map(str::to_string)),
    }
}

/// The link to read: the first without a `rel` or with `rel="alternate"`,
/// else the first that is not the feed itself or an enclosure.
fn alternate(links: &[model::Link]) -> Option<&str> {
    let usable = |link: &&model::Link| !link.href.trim().is_empty();
    links
        .iter()
        .filter(usable)
        .find(|link| matches!(link.rel.as_deref(), None | Some("alternate")))
        .or_else(|| {
            links.iter().filter(usable).find(|link| {
                !matches!(
                    link.rel.as_deref(),
                    Some("self" | "enclosure" | "hub" | "next" | "previous")
                )
            })
        })
        .map(|link| link.href.trim())
}

/// `href` made absolute against the feed's address; as written when that
/// cannot be done.
fn resolve(base: Option<&Url>, href: &str) -> String {
    let href = href.trim();
    match Url::parse(href) {
        Ok(url) => url.to_string(),
        Err(_) => base
            .and_then(|base| base.join(href).ok())
            .map_or_else(|| href.to_string(), |url| url.to_string()),
    }
}

fn plain_title(text: &model::Text) -> Option<String> {
    let html = !text.content_type.to_string().starts_with("text/plain");
    let plain = if html {
        text::html_to_text(&text.content)
    } else {
        text.content.clone()
    };
    nonempty(Some(
        &plain.split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}

fn html_of_text(text: &model::Text) -> Option<String> {
    let plain = text.content_type.to_string().starts_with("text/plain");
    html_of(&text.content, plain)
}

fn html_of(body: &str, plain: bool) -> Option<String> {
    if body.trim().is_empty() {
        None
    } else if plain {
        Some(text::plain_to_html(body))
    } else {
        Some(body.to_string())
    }
}

fn nonempty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_string)
}

/// FNV-1a, 64 bits: a hash that stays the same across Rust releases and
/// machines, as a stored item id must.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_published_function() {
        // Test vectors from the FNV reference.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
