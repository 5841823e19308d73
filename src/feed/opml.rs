//! OPML: the list of subscriptions that moves between feed readers
//! (newsboat, Miniflux, FreshRSS), read from OPML 1.0 or 2.0 and written as
//! OPML 2.0. Read with quick-xml, which feed-rs already brings; no entity
//! but XML's own five and character references is ever expanded.
//!
//! An `<outline>` with an `xmlUrl` is a subscription; one without is a
//! folder, and the folders around a subscription are its categories.

use std::collections::HashSet;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::text;
use crate::error::{Error, Result};

/// The largest OPML file barg reads, as for a feed.
pub const MAX_OPML_BYTES: usize = super::MAX_FEED_BYTES;

/// The most subscriptions one file may list.
pub const MAX_SUBSCRIPTIONS: usize = 100_000;

/// The deepest folders that count as categories; deeper ones are read as
/// their ancestor at this depth.
pub const MAX_DEPTH: usize = 16;

/// A feed a person follows, as OPML lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Subscription {
    /// Its name: the outline's `title`, else its `text`, else `xml_url`;
    /// never empty. Whitespace runs are made single spaces.
    pub title: String,
    /// The feed's address, as the file writes it.
    pub xml_url: String,
    /// The site's address.
    pub html_url: Option<String>,
    /// The folders it sits in, outermost first (at most [`MAX_DEPTH`]).
    pub categories: Vec<String>,
}

/// The subscriptions an OPML file lists, in the file's order. A feed listed
/// twice (the same `xmlUrl`) is kept where it first appears. Characters XML
/// cannot hold (C0 controls but tab, newline and carriage return) are
/// dropped from names and addresses. Errors are one line, without the file's
/// name: the caller adds it.
pub fn parse(bytes: &[u8]) -> Result<Vec<Subscription>> {
    if bytes.len() > MAX_OPML_BYTES {
        return Err(Error::new(format!(
            "the OPML file is {} MiB; barg reads files of up to {} MiB",
            bytes.len().div_ceil(1024 * 1024),
            MAX_OPML_BYTES / (1024 * 1024)
        )));
    }
    if text::skip_bom_and_space(bytes).is_empty() {
        return Err(Error::new("the OPML file is empty"));
    }
    if text::looks_like_web_page(bytes) {
        return Err(Error::new(
            "this is a web page, not an OPML file; export the subscriptions from the feed reader",
        ));
    }
    let mut reader = Reader::from_reader(bytes);
    let mut buffer = Vec::new();
    let mut subscriptions = Vec::new();
    let mut seen = HashSet::new();
    // For each open <outline>: the folder name it adds to the path, if any.
    let mut open: Vec<Option<String>> = Vec::new();
    let mut root_seen = false;
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(|error| {
            Error::new(format!(
                "not a readable OPML file (at byte {}: {})",
                reader.error_position(),
                crate::safe::visible(&error.to_string())
            ))
        })?;
        let (element, empty) = match &event {
            Event::Start(element) => (element, false),
            Event::Empty(element) => (element, true),
            Event::End(element) => {
                if element.local_name().as_ref() == "outline" {
                    open.pop();
                }
                buffer.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buffer.clear();
                continue;
            }
        };
        let name = element.local_name();
        if !root_seen {
            if !name.as_ref().eq_ignore_ascii_case("opml") {
                return Err(Error::new(format!(
                    "not an OPML file: it starts with <{}>, not <opml>",
                    crate::safe::visible(name.as_ref())
                )));
            }
            root_seen = true;
        }
        if name.as_ref() == "outline" {
            let outline = Outline::read(element);
            let folder = match outline.xml_url {
                Some(xml_url) => {
                    if seen.insert(xml_url.clone()) {
                        if subscriptions.len() == MAX_SUBSCRIPTIONS {
                            return Err(Error::new(format!(
                                "the OPML file lists more than {MAX_SUBSCRIPTIONS} feeds; \
                                 barg reads at most that many"
                            )));
                        }
                        let title = outline
                            .title
                            .or(outline.text)
                            .or_else(|| clean_name(&xml_url))
                            .unwrap_or_else(|| xml_url.clone());
                        subscriptions.push(Subscription {
                            title,
                            xml_url,
                            html_url: outline.html_url,
                            categories: path(&open),
                        });
                    }
                    None
                }
                None => outline.text.or(outline.title),
            };
            if !empty {
                open.push(folder);
            }
        }
        buffer.clear();
    }
    if !root_seen {
        return Err(Error::new("not an OPML file: it holds no <opml> element"));
    }
    Ok(subscriptions)
}

fn path(open: &[Option<String>]) -> Vec<String> {
    open.iter().flatten().take(MAX_DEPTH).cloned().collect()
}

/// What barg reads of an `<outline>`, each value cleaned and non-empty.
struct Outline {
    text: Option<String>,
    title: Option<String>,
    xml_url: Option<String>,
    html_url: Option<String>,
}

impl Outline {
    fn read(element: &BytesStart<'_>) -> Outline {
        let mut outline = Outline {
            text: None,
            title: None,
            xml_url: None,
            html_url: None,
        };
        let mut attributes = element.attributes();
        attributes.with_checks(false);
        for attribute in attributes.flatten() {
            let key = attribute.key.local_name();
            let key = key.as_ref();
            let (slot, is_name) = if key.eq_ignore_ascii_case("text") {
                (&mut outline.text, true)
            } else if key.eq_ignore_ascii_case("title") {
                (&mut outline.title, true)
            } else if key.eq_ignore_ascii_case("xmlUrl") {
                (&mut outline.xml_url, false)
            } else if key.eq_ignore_ascii_case("htmlUrl") {
                (&mut outline.html_url, false)
            } else {
                continue;
            };
            if slot.is_some() {
                continue; // The first of a repeated attribute counts.
            }
            // A reference to an entity XML does not define stays as written.
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .unwrap_or_else(|_| attribute.value.clone());
            *slot = if is_name {
                clean_name(&value)
            } else {
                clean_url(&value)
            };
        }
        outline
    }
}

/// Whether XML 1.0 can hold `c` at all (as itself or as a reference).
fn xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn clean_name(text: &str) -> Option<String> {
    let kept: String = text.chars().filter(|&c| xml_char(c)).collect();
    let name = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty()).then_some(name)
}

fn clean_url(text: &str) -> Option<String> {
    let kept: String = text.chars().filter(|&c| xml_char(c)).collect();
    let url = kept.trim();
    (!url.is_empty()).then(|| url.to_string())
}

/// The subscriptions as an OPML 2.0 document titled `title`, dated now.
/// Subscriptions that share a folder are written together under it, in the
/// order the folders first appear, so a file barg wrote reads back as the
/// same subscriptions.
pub fn write(subscriptions: &[Subscription], title: &str) -> String {
    let now = chrono::Utc::now().format("%a, %d %b %Y %H:%M:%S GMT");
    write_dated(subscriptions, title, &now.to_string())
}

/// [`write`] with the `dateCreated` given (RFC 822, as OPML wants).
pub fn write_dated(subscriptions: &[Subscription], title: &str, date: &str) -> String {
    let mut root = Folder::default();
    for subscription in subscriptions {
        let mut folder = &mut root;
        for name in subscription
            .categories
            .iter()
            .filter_map(|name| clean_name(name))
            .take(MAX_DEPTH)
        {
            let at = match folder.folders.iter().position(|(n, _)| *n == name) {
                Some(at) => at,
                None => {
                    folder.entries.push(Entry::Folder(folder.folders.len()));
                    folder.folders.push((name, Folder::default()));
                    folder.folders.len() - 1
                }
            };
            folder = &mut folder.folders[at].1;
        }
        folder.entries.push(Entry::Feed(subscription));
    }
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str("  <head>\n");
    out.push_str(&format!("    <title>{}</title>\n", attribute(title)));
    out.push_str(&format!(
        "    <dateCreated>{}</dateCreated>\n",
        attribute(date)
    ));
    out.push_str("  </head>\n  <body>\n");
    root.write(&mut out, 2);
    out.push_str("  </body>\n</opml>\n");
    out
}

/// A folder of the document to write: its feeds and folders in the order
/// they first appear.
#[derive(Default)]
struct Folder<'s> {
    entries: Vec<Entry<'s>>,
    folders: Vec<(String, Folder<'s>)>,
}

enum Entry<'s> {
    Feed(&'s Subscription),
    /// An index into `folders`.
    Folder(usize),
}

impl Folder<'_> {
    fn write(&self, out: &mut String, depth: usize) {
        let indent = "  ".repeat(depth);
        for entry in &self.entries {
            match entry {
                Entry::Feed(feed) => {
                    let title = clean_name(&feed.title).unwrap_or_default();
                    out.push_str(&format!(
                        "{indent}<outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\"",
                        attribute(&title),
                        attribute(&feed.xml_url)
                    ));
                    if let Some(html_url) = &feed.html_url {
                        out.push_str(&format!(" htmlUrl=\"{}\"", attribute(html_url)));
                    }
                    out.push_str("/>\n");
                }
                Entry::Folder(at) => {
                    let Some((name, inner)) = self.folders.get(*at) else {
                        continue;
                    };
                    let name = attribute(name);
                    out.push_str(&format!(
                        "{indent}<outline text=\"{name}\" title=\"{name}\">\n"
                    ));
                    inner.write(out, depth + 1);
                    out.push_str(&format!("{indent}</outline>\n"));
                }
            }
        }
    }
}

/// `text` escaped for an attribute in double quotes (and for element
/// text): the markup characters as entities, tab, newline and carriage
/// return as character references (so that reading does not turn them into
/// spaces), characters XML cannot hold dropped.
fn attribute(text: &str) -> String {
    let kept: String = text.chars().filter(|&c| xml_char(c)).collect();
    text::escape(&kept)
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
}
