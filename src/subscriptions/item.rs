//! A feed item made an article: its HTML content read as a page, else the
//! page it links to, else its summary; saved as a `.barg` file.

use std::path::Path;

use crate::article::{self, Article, Source, saved};
use crate::error::{Error, Result};
use crate::feed::Item;
use crate::net::{self, Fetch, Status};
use crate::safe;

/// An item with no content and a summary shorter than this many words is
/// read from the page it links to: feeds that carry the whole article put it
/// in the content, or in a summary longer than a teaser.
pub const SHORT_SUMMARY_WORDS: usize = 50;

/// Whether the item's text must come from the page it links to.
pub fn needs_page(item: &Item) -> bool {
    let Some(link) = &item.link else {
        return false;
    };
    if !(link.starts_with("http://") || link.starts_with("https://")) || item.content_html.is_some()
    {
        return false;
    }
    item.summary_html
        .as_deref()
        .is_none_or(|summary| words(summary) < SHORT_SUMMARY_WORDS)
}

/// Words in an HTML fragment, tags not counted.
fn words(html: &str) -> usize {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().count()
}

/// The file name an item is saved under: the FNV-1a hash of its id, so the
/// same item always lands in the same file.
pub fn file_name(item_id: &str) -> String {
    let hash = item_id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{hash:016x}.{}", saved::EXTENSION)
}

/// The title a list shows: one line, nothing active, never empty.
pub fn title_of(item: &Item) -> String {
    let title = item
        .title
        .as_deref()
        .map(|t| {
            safe::strip(t)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    if title.is_empty() {
        item.link
            .as_deref()
            .map(|l| safe::strip(l).trim().to_string())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "(untitled)".to_string())
    } else {
        title
    }
}

/// Make the article of `item` and save it at `path`. When the text had to
/// come from the linked page and that failed, the summary is saved and the
/// failure comes back as a warning.
pub fn save(item: &Item, path: &Path, page: &Fetch) -> Result<Option<String>> {
    let source = Source::File(path.to_path_buf());
    let title = title_of(item);
    let mut warning = None;
    let mut article = None;
    if needs_page(item)
        && let Some(link) = &item.link
    {
        match page_article(link, page, source.clone()) {
            Ok(found) => article = Some(found),
            Err(e) => warning = Some(e.to_string()),
        }
    }
    let mut article = match article {
        Some(article) => article,
        None => {
            let html = item
                .content_html
                .as_deref()
                .or(item.summary_html.as_deref())
                .unwrap_or("");
            fragment(html, &title, item, source)
        }
    };
    article.title = title;
    let meta = saved::Meta {
        url: item.link.clone(),
        published: item.published.clone(),
    };
    let json = saved::to_json(&article, &meta);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "create", &e))?;
    }
    write_replacing(path, json.as_bytes())
        .map_err(|e| Error::io(path, "save the feed item to", &e))?;
    Ok(warning)
}

/// Write the item's file in place. Not through a temporary file renamed
/// over it, nor waiting for the disk, as the stores are written: a first
/// refresh of 50 feeds saves 5,000 items, and the file creations and
/// renames in one folder, not the reading, took most of its time. An item
/// file is barg's own copy of what the feed still has: a crash that cuts
/// one short is seen by `is_saved`, and the next refresh saves it again.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

/// Whether an item's file is there whole: a saved article is a JSON
/// object, so a file cut short (a crash while it was written) does not end
/// with its closing brace.
pub fn is_saved(path: &Path) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut last = [0u8; 1];
    file.seek(SeekFrom::End(-1)).is_ok() && file.read_exact(&mut last).is_ok() && last[0] == b'}'
}

fn page_article(link: &str, page: &Fetch, source: Source) -> Result<Article> {
    let fetched = net::fetch(link, page)?;
    let Status::Fresh(body) = fetched.status else {
        return Err(Error::new(format!(
            "{} answered 304 to a request for the page",
            safe::visible(link)
        )));
    };
    if !net::is_textual(body.content_type.as_deref()) {
        return Err(Error::new(format!(
            "{} is {}, not a web page",
            safe::visible(&fetched.final_url),
            safe::visible(body.content_type.as_deref().unwrap_or("binary"))
        )));
    }
    let opened = article::html::read(
        &body.bytes,
        body.charset.as_deref(),
        Some(&fetched.final_url),
        source,
    )?;
    Ok(opened.article)
}

/// An item's HTML (content or summary) as an article, taken whole (a feed
/// item is its article: there is no page around it to strip, and two
/// sentences are still an item to read). An item with no text at all is
/// its title and its link.
fn fragment(html: &str, title: &str, item: &Item, source: Source) -> Article {
    if !html.trim().is_empty()
        && let Ok(article) = article::html::read_fragment(
            html,
            item.link.as_deref(),
            item.lang.as_deref(),
            title.to_string(),
            source.clone(),
        )
    {
        return article;
    }
    let text = format!("{title}\n\n{}", item.link.as_deref().unwrap_or(""));
    Article::from_plain_text(safe::strip(text.trim()).into_owned(), source)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(content: Option<&str>, summary: Option<&str>, link: Option<&str>) -> Item {
        Item {
            id: "id-1".to_string(),
            title: Some("خبر کوتاه".to_string()),
            link: link.map(str::to_string),
            published: None,
            author: None,
            summary_html: summary.map(str::to_string),
            content_html: content.map(str::to_string),
            lang: Some("fa".to_string()),
        }
    }

    #[test]
    fn a_two_sentence_item_is_still_an_article() {
        let item = item(
            Some("<p>باران آمد. مردم به خانه رفتند.</p>"),
            None,
            Some("https://fa.example/1"),
        );
        let article = fragment(
            item.content_html.as_deref().unwrap_or(""),
            "خبر کوتاه",
            &item,
            Source::Stdin,
        );
        assert!(
            article.text.contains("باران آمد. مردم به خانه رفتند."),
            "{:?}",
            article.text
        );
    }

    #[test]
    fn an_item_with_nothing_is_its_title_and_link() {
        let item = item(None, None, Some("https://fa.example/1"));
        let article = fragment("", "خبر کوتاه", &item, Source::Stdin);
        assert!(article.text.contains("خبر کوتاه"), "{:?}", article.text);
        assert!(
            article.text.contains("https://fa.example/1"),
            "{:?}",
            article.text
        );
    }

    #[test]
    fn short_summaries_with_a_link_take_the_page() {
        assert!(needs_page(&item(
            None,
            Some("<p>Two words.</p>"),
            Some("https://a.example/")
        )));
        assert!(needs_page(&item(None, None, Some("https://a.example/"))));
        assert!(!needs_page(&item(
            Some("<p>x</p>"),
            None,
            Some("https://a.example/")
        )));
        assert!(!needs_page(&item(None, Some("<p>x</p>"), None)));
        let long = format!("<p>{}</p>", "word ".repeat(SHORT_SUMMARY_WORDS));
        assert!(!needs_page(&item(
            None,
            Some(&long),
            Some("https://a.example/")
        )));
    }

    #[test]
    fn the_same_id_is_the_same_file() {
        assert_eq!(file_name("a"), "af63dc4c8601ec8c.barg");
        assert_ne!(file_name("a"), file_name("b"));
    }
}
