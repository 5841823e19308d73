//! A web page's feeds, from its `<link rel="alternate">` tags.
//!
//! A careful scan rather than an HTML parser: only `<link>` and `<base>`
//! tags matter, and the scan skips what could hide a fake one (comments,
//! scripts, styles, `<template>`, `<textarea>`, `<title>`) and reads quoted
//! and unquoted attributes as HTML does. Linear in the page's length.

use url::Url;

use super::text::{decode_entities, starts_with_ignore_case};

/// The feed types a page's `<link>` may announce.
const FEED_TYPES: [&str; 4] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
];

/// Elements whose content is not markup: a `<link>` inside is text.
const RAW_TEXT: [&str; 6] = ["script", "style", "template", "textarea", "title", "xmp"];

/// The feeds `html` announces, absolute (against its `<base href>`, else
/// `page_url`), `http` and `https` only, in page order, each once.
pub fn discover(html: &str, page_url: &str) -> Vec<String> {
    let mut base = Url::parse(page_url.trim()).ok();
    let mut seen_base = false;
    let mut hrefs = Vec::new();
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        let rest = &bytes[open..];
        if rest.starts_with(b"<!--") {
            at = html[open + 4..]
                .find("-->")
                .map_or(html.len(), |i| open + 4 + i + 3);
            continue;
        }
        let Some((name, name_end)) = tag_name(html, open + 1) else {
            at = open + 1;
            continue;
        };
        let (attributes, end) = attributes(html, name_end);
        at = end.unwrap_or(html.len());
        if end.is_none() {
            break; // A tag the page never closes is no tag, as in a browser.
        }
        let attribute = |wanted: &str| {
            attributes
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
                .map(|(_, value)| value.as_str())
        };
        if name.eq_ignore_ascii_case("base") && !seen_base {
            // Only the first <base href> counts, as in a browser.
            if let Some(href) = attribute("href") {
                seen_base = true;
                let href = href.trim();
                base = match &base {
                    Some(page) => page.join(href).ok(),
                    None => Url::parse(href).ok(),
                };
            }
        } else if name.eq_ignore_ascii_case("link") {
            let alternate = attribute("rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|token| token.eq_ignore_ascii_case("alternate"))
            });
            let feed_type = attribute("type").is_some_and(|kind| {
                let essence = kind.split(';').next().unwrap_or("").trim();
                FEED_TYPES.iter().any(|t| t.eq_ignore_ascii_case(essence))
            });
            if alternate
                && feed_type
                && let Some(url) = attribute("href").and_then(|href| absolute(&base, href))
                && !hrefs.contains(&url)
            {
                hrefs.push(url);
            }
        } else if let Some(raw) = RAW_TEXT.iter().find(|r| name.eq_ignore_ascii_case(r)) {
            at = skip_raw_text(html, at, raw);
        }
    }
    hrefs
}

/// The tag name that starts at `at` (just after `<`), and where it ends.
/// End tags, `<!DOCTYPE>` and stray `<` have none.
fn tag_name(html: &str, at: usize) -> Option<(&str, usize)> {
    let rest = &html[at..];
    let len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    if len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    Some((&rest[..len], at + len))
}

/// The attributes of a start tag from `at` (after its name) to its `>`,
/// values with their character references decoded, and where the tag ends
/// (none when the page ends first).
fn attributes(html: &str, mut at: usize) -> (Vec<(String, String)>, Option<usize>) {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            return (found, None);
        }
        if bytes[at] == b'>' {
            return (found, Some(at + 1));
        }
        let name_start = at;
        at += 1;
        while at < bytes.len()
            && !bytes[at].is_ascii_whitespace()
            && !matches!(bytes[at], b'/' | b'>' | b'=')
        {
            at += 1;
        }
        let name = &html[name_start..at];
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = "";
        if at < bytes.len() && bytes[at] == b'=' {
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let end = html[start..]
                        .find(char::from(quote))
                        .map_or(html.len(), |i| start + i);
                    value = &html[start..end];
                    at = (end + 1).min(html.len());
                }
                _ => {
                    let start = at;
                    while at < bytes.len() && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>'
                    {
                        at += 1;
                    }
                    value = &html[start..at];
                }
            }
        }
        found.push((name.to_string(), decode_entities(value)));
    }
}

/// Where the raw text of a `<script>` (or the like) that starts at `at`
/// ends: after its `</script`.
fn skip_raw_text(html: &str, at: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut from = at;
    while let Some(close) = html[from..].find("</").map(|i| from + i) {
        let after = close + 2;
        if starts_with_ignore_case(&bytes[after..], name.as_bytes()) {
            return after;
        }
        from = after;
    }
    html.len()
}

fn absolute(base: &Option<Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match Url::parse(href) {
        Ok(url) => url,
        Err(_) => base.as_ref()?.join(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}
