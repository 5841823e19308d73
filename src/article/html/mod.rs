//! The web-page reader: a page's bytes to an article, offline.
//!
//! 1. Decode (`charset`): BOM, the server's charset, the page's `<meta>`,
//!    else UTF-8; a lying or unknown charset is a warning, not an error.
//! 2. Extract the article from the page's chrome (menus, related links,
//!    comments, footers) with dom_smoothie, a port of readability.js.
//! 3. Map the extracted HTML onto blocks and spans (`blocks`). Not its
//!    `text_content`: that drops the marks of `<q>` and the structure.
//!
//! The title is the one the extractor finds (`<title>`, `og:title`, less the
//! site's name), else the first heading, else the first block.

mod blocks;
pub mod charset;

use dom_smoothie::{Config, Readability};

use super::model::{Article, BlockKind, Format, SpanKind};
use super::{Opened, Source};
use crate::error::{Error, Result};
use crate::safe;

pub use blocks::Inherited;

/// Read a page's `bytes` into an article. `http_charset` is the charset the
/// server sent with it (a label, or the whole Content-Type), `url` where it
/// was fetched (relative links are made absolute against it). Warnings (a
/// lying charset) name the source; errors (not a page, no article text) are
/// one line naming it.
pub fn read(
    bytes: &[u8],
    http_charset: Option<&str>,
    url: Option<&str>,
    source: Source,
) -> Result<Opened> {
    let name = source_name(&source);
    refuse_binary(bytes, &name)?;
    let page = charset::decode(bytes, http_charset, &name);
    let article = read_text(&page.text, url, source)?;
    Ok(Opened {
        article,
        warnings: page.warnings,
    })
}

/// Read a page that is already text (a feed item's HTML content, say).
pub fn read_text(html: &str, url: Option<&str>, source: Source) -> Result<Article> {
    let name = source_name(&source);
    let no_text = || Error::new(crate::i18n::process().f("error.html.no_text", &[("name", &name)]));
    if html.trim().is_empty() {
        return Err(no_text());
    }
    if nesting_depth(html) > MAX_DEPTH {
        return Err(Error::new(format!(
            "{name} nests its elements more than {MAX_DEPTH} deep: it is no article barg can read"
        )));
    }
    // Only an absolute http(s) URL is a base; dom_smoothie refuses others.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // A code block's class names its language.
        keep_classes: true,
        ..Config::default()
    };
    let mut readability = match Readability::new(html, url, Some(config.clone())) {
        Ok(readability) => readability,
        Err(_) => Readability::new(html, None, Some(config)).map_err(|_| no_text())?,
    };
    let extracted = match readability.parse() {
        Ok(extracted) => extracted,
        Err(dom_smoothie::ReadabilityError::TooManyElements(found, _)) => {
            return Err(Error::new(format!(
                "{name} is too large a page to read ({found} elements; barg reads up to {MAX_ELEMENTS})"
            )));
        }
        Err(_) => return Err(no_text()),
    };
    let root = Inherited::default().under(extracted.dir.as_deref(), extracted.lang.as_deref());
    let (text, blocks) = blocks::read(&extracted.content, &root);
    if !blocks.iter().any(|b| b.kind != BlockKind::Rule) {
        return Err(no_text());
    }
    let title = one_line(&extracted.title);
    let title = if title.is_empty() {
        blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Heading { .. }))
            .or_else(|| blocks.iter().find(|b| b.kind != BlockKind::Rule))
            .map(|b| one_line(&text[b.range.clone()]))
            .unwrap_or_default()
    } else {
        title
    };
    Ok(Article::new(title, source, Format::Html, text, blocks))
}

/// Read HTML that is an article's content already (a feed item's), without
/// extraction: the extractor would throw a short item away as clutter, and
/// it costs as much per item as per page. `url` is where the content
/// belongs (relative links are made absolute against it), `lang` its
/// language if known.
pub fn read_fragment(
    html: &str,
    url: Option<&str>,
    lang: Option<&str>,
    title: String,
    source: Source,
) -> Result<Article> {
    let name = source_name(&source);
    if nesting_depth(html) > MAX_DEPTH {
        return Err(Error::new(format!(
            "{name} nests its elements more than {MAX_DEPTH} deep: it is no article barg can read"
        )));
    }
    let root = Inherited::default().under(None, lang);
    let (text, mut blocks) = blocks::read(html, &root);
    if !blocks.iter().any(|b| b.kind != BlockKind::Rule) {
        return Err(Error::new(
            crate::i18n::process().f("error.html.no_text", &[("name", &name)]),
        ));
    }
    if let Some(base) = url {
        for span in blocks.iter_mut().flat_map(|b| b.spans.iter_mut()) {
            if let SpanKind::Link { target } = &mut span.kind
                && !target.contains(':')
                && let Ok(absolute) = crate::net::url::join(base, target)
            {
                *target = absolute;
            }
        }
    }
    Ok(Article::new(
        one_line(&title),
        source,
        Format::Html,
        text,
        blocks,
    ))
}

/// Open an HTML file: its bytes, decoded as a page.
pub fn open_file(path: &std::path::Path, source: &Source) -> Result<Opened> {
    let bytes = super::read_file_bytes(path)?;
    read(&bytes, None, None, source.clone())
}

/// Pages with more elements than this are refused: extraction time grows
/// with them, and no article needs as many.
const MAX_ELEMENTS: usize = 1_000_000;

/// Deeper nesting than this is refused: the parser and the extractor slow
/// down with depth and recurse on it (browsers stop nesting at 512).
const MAX_DEPTH: usize = 1000;

/// How deep a page's elements nest, counted from its tags without parsing:
/// void elements and those whose end tag may be left out (p, li, td, …) do
/// not count, so the count never exceeds the tree's depth by much.
fn nesting_depth(html: &str) -> usize {
    const UNCOUNTED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "option", "optgroup", "rb", "rt",
        "rp", "colgroup", "tbody", "thead", "tfoot", "caption", "param",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        at += offset + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let start = at + usize::from(closing);
        let length = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if length == 0 {
            continue;
        }
        let name = html[start..start + length].to_ascii_lowercase();
        let end = bytes[start..].iter().position(|&b| b == b'>');
        let self_closing = end.is_some_and(|e| e > 0 && bytes[start + e - 1] == b'/');
        if UNCOUNTED.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn source_name(source: &Source) -> String {
    match source {
        Source::Stdin => crate::i18n::process().t("error.stdin").to_string(),
        other => crate::error::ltr(&other.describe()),
    }
}

fn one_line(text: &str) -> String {
    safe::strip(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Bytes that are no page: an error naming what they look like. UTF-16
/// with a byte-order mark is text (its NULs are half its characters).
pub fn refuse_binary(bytes: &[u8], name: &str) -> Result<()> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1F\x8B", "gzip-compressed data"),
        (b"\x7FELF", "a program"),
    ];
    let kind = KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
        .or_else(|| {
            let webp = bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP");
            webp.then_some("a WebP image")
        });
    if let Some(kind) = kind {
        return Err(Error::new(
            crate::i18n::process().f("error.html.not_a_page", &[("name", &name), ("kind", &kind)]),
        ));
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 && bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(Error::new(
            crate::i18n::process().f("error.html.binary", &[("name", &name)]),
        ));
    }
    Ok(())
}
