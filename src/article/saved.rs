//! A saved article: an article as barg read it (title, text, blocks and
//! spans), kept as JSON in a `.barg` file so that it opens offline and
//! without reading its page again. Feed items and pages kept with
//! `barg add URL` are saved this way: extraction runs once, when the page is
//! fetched, and opening a saved article is only parsing JSON.
//!
//! ```json
//! {"barg_article": 1, "title": "…", "format": "html",
//!  "url": "https://fa.example/news/1", "published": "2026-11-20T08:00:00Z",
//!  "text": "…",
//!  "blocks": [{"kind": "heading", "level": 1, "start": 0, "end": 12},
//!             {"kind": "paragraph", "start": 13, "end": 80, "direction": "rtl",
//!              "lang": "fa", "spans": [{"kind": "link", "start": 20, "end": 31,
//!                                       "target": "https://fa.example/b"}]}]}
//! ```
//!
//! barg writes these files itself, so a file that breaks any rule of the
//! model (a range outside the text or inside a character, blocks out of
//! order, a title that is not one line of text) is refused whole rather
//! than mended: it was not written by barg. The text may hold whatever a
//! page held (a bidi override, say), as an article read from the page
//! would: the layout engine and `safe` keep it off the terminal.

use serde::{Deserialize, Serialize};

use super::model::{Article, Block, BlockKind, Direction, Format, Span, SpanKind};
use super::{Opened, Source};
use crate::error::{Error, Result};
use crate::safe;

/// The extension of a saved article's file.
pub const EXTENSION: &str = "barg";

/// The version of the saved-article format this barg writes and reads.
pub const VERSION: u64 = 1;

/// Saved articles larger than this are refused (the text of the longest
/// page barg reads is far smaller).
pub const MAX_SAVED_BYTES: usize = 64 << 20;

/// What is kept with a saved article besides the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The page it was read from.
    pub url: Option<String>,
    /// When it was published, as its feed or page says (RFC 3339).
    pub published: Option<String>,
}

/// `article` and `meta` as a saved article's JSON. The title is kept as
/// one line of text (a Markdown front matter's may hold a line break).
pub fn to_json(article: &Article, meta: &Meta) -> String {
    let wire = Wire {
        barg_article: VERSION,
        title: one_line(&article.title),
        format: article.format,
        url: meta.url.clone(),
        published: meta.published.clone(),
        text: article.text.clone(),
        blocks: article.blocks.iter().map(WireBlock::of).collect(),
    };
    // A string-keyed struct of strings and numbers always serializes.
    safe::json(serde_json::to_string(&wire).unwrap_or_default())
}

/// Read a saved article's bytes; `source` is where they came from (errors
/// name it).
pub fn parse(bytes: &[u8], source: Source) -> Result<(Article, Meta)> {
    let lang = crate::i18n::process();
    let name = crate::error::ltr(&source.describe());
    let refuse = |why: String| {
        Error::new(lang.f("error.saved.not_saved", &[("name", &name), ("why", &why)]))
    };
    if bytes.len() > MAX_SAVED_BYTES {
        return Err(refuse(lang.f(
            "error.saved.too_large",
            &[("mib", &crate::error::num(MAX_SAVED_BYTES >> 20))],
        )));
    }
    let header: Header =
        serde_json::from_slice(bytes).map_err(|e| refuse(safe::visible(&e.to_string()).into()))?;
    if header.barg_article > VERSION {
        return Err(Error::new(lang.f(
            "error.saved.newer",
            &[
                ("name", &name),
                ("format", &crate::error::num(header.barg_article)),
                ("version", &crate::error::num(VERSION)),
            ],
        )));
    }
    let wire: Wire =
        serde_json::from_slice(bytes).map_err(|e| refuse(safe::visible(&e.to_string()).into()))?;
    let blocks = check(&wire).map_err(|why| refuse(why.to_string()))?;
    let meta = Meta {
        url: wire.url,
        published: wire.published,
    };
    let article = Article::new(
        one_line(&wire.title),
        source,
        wire.format,
        wire.text,
        blocks,
    );
    Ok((article, meta))
}

/// A title as it is saved and read: one line of words, as a title is
/// everywhere it is shown.
fn one_line(title: &str) -> String {
    safe::strip(title)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a file's name says it is a saved article.
pub fn is_saved_path(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION))
}

/// Open a saved article's file.
pub fn open_file(path: &std::path::Path, source: &Source) -> Result<Opened> {
    let bytes = super::read_file_bytes(path)?;
    let (article, _) = parse(&bytes, source.clone())?;
    Ok(Opened {
        article,
        warnings: Vec::new(),
    })
}

/// The model's rules, checked on what a file says: the blocks it holds.
fn check(wire: &Wire) -> std::result::Result<Vec<Block>, &'static str> {
    let text = &wire.text;
    if wire.title.contains('\n') || wire.title.chars().any(safe::is_active) {
        return Err("its title is not one line of text");
    }
    let in_text = |start: usize, end: usize| {
        start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    let mut blocks = Vec::with_capacity(wire.blocks.len());
    let mut last_end = 0;
    for block in &wire.blocks {
        if !in_text(block.start, block.end) || block.start < last_end {
            return Err("a block is outside the text or out of order");
        }
        last_end = block.end;
        let kind = block.kind()?;
        let body = &text[block.start..block.end];
        if !matches!(kind, BlockKind::Code { .. }) && body.contains('\n') {
            return Err("a block that is not code holds a line break");
        }
        let mut spans = Vec::with_capacity(block.spans.len());
        let mut last_start = block.start;
        for span in &block.spans {
            if !in_text(span.start, span.end) || span.start < last_start || span.end > block.end {
                return Err("a span is outside its block or out of order");
            }
            last_start = span.start;
            spans.push(Span {
                kind: span.kind()?,
                range: span.start..span.end,
            });
        }
        let lang = match &block.lang {
            Some(lang) if !is_language_tag(lang) => return Err("a block's language is not a tag"),
            other => other.clone(),
        };
        blocks.push(Block {
            kind,
            range: block.start..block.end,
            direction: block.direction.into(),
            lang,
            spans,
        });
    }
    Ok(blocks)
}

/// A BCP-47 tag as barg keeps one: letters, digits and hyphens.
fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[derive(Deserialize)]
struct Header {
    barg_article: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    barg_article: u64,
    title: String,
    format: Format,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    text: String,
    blocks: Vec<WireBlock>,
}

#[derive(Clone, Copy, Serialize, Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum WireDirection {
    #[default]
    Auto,
    Ltr,
    Rtl,
}

impl From<WireDirection> for Direction {
    fn from(direction: WireDirection) -> Direction {
        match direction {
            WireDirection::Auto => Direction::Auto,
            WireDirection::Ltr => Direction::Ltr,
            WireDirection::Rtl => Direction::Rtl,
        }
    }
}

impl From<Direction> for WireDirection {
    fn from(direction: Direction) -> WireDirection {
        match direction {
            Direction::Auto => WireDirection::Auto,
            Direction::Ltr => WireDirection::Ltr,
            Direction::Rtl => WireDirection::Rtl,
        }
    }
}

fn is_auto(direction: &WireDirection) -> bool {
    *direction == WireDirection::Auto
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireBlock {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    depth: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    info: Option<String>,
    start: usize,
    end: usize,
    #[serde(default, skip_serializing_if = "is_auto")]
    direction: WireDirection,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    spans: Vec<WireSpan>,
}

impl WireBlock {
    fn of(block: &Block) -> WireBlock {
        let (kind, level, depth, info) = match &block.kind {
            BlockKind::Heading { level } => ("heading", Some(*level), None, None),
            BlockKind::Paragraph => ("paragraph", None, None, None),
            BlockKind::Quote => ("quote", None, None, None),
            BlockKind::ListItem { depth } => ("list_item", None, Some(*depth), None),
            BlockKind::Code { info } => ("code", None, None, info.clone()),
            BlockKind::Rule => ("rule", None, None, None),
        };
        WireBlock {
            kind: kind.to_string(),
            level,
            depth,
            info,
            start: block.range.start,
            end: block.range.end,
            direction: block.direction.into(),
            lang: block.lang.clone(),
            spans: block.spans.iter().map(WireSpan::of).collect(),
        }
    }

    fn kind(&self) -> std::result::Result<BlockKind, &'static str> {
        let fields = (self.level, self.depth, &self.info);
        Ok(match (self.kind.as_str(), fields) {
            ("heading", (Some(level @ 1..=6), None, None)) => BlockKind::Heading { level },
            ("paragraph", (None, None, None)) => BlockKind::Paragraph,
            ("quote", (None, None, None)) => BlockKind::Quote,
            ("list_item", (None, Some(depth), None)) => BlockKind::ListItem { depth },
            ("code", (None, None, info)) => {
                if info.as_deref().is_some_and(|i| i.contains('\n')) {
                    return Err("a code block's language is not one line of text");
                }
                BlockKind::Code { info: info.clone() }
            }
            ("rule", (None, None, None)) => BlockKind::Rule,
            _ => return Err("a block's kind is unknown or has the wrong fields"),
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireSpan {
    kind: String,
    start: usize,
    end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<String>,
}

impl WireSpan {
    fn of(span: &Span) -> WireSpan {
        let (kind, target) = match &span.kind {
            SpanKind::Emphasis => ("emphasis", None),
            SpanKind::Strong => ("strong", None),
            SpanKind::Link { target } => ("link", Some(target.clone())),
            SpanKind::Code => ("code", None),
            SpanKind::Quote => ("quote", None),
        };
        WireSpan {
            kind: kind.to_string(),
            start: span.range.start,
            end: span.range.end,
            target,
        }
    }

    fn kind(&self) -> std::result::Result<SpanKind, &'static str> {
        Ok(match (self.kind.as_str(), &self.target) {
            ("emphasis", None) => SpanKind::Emphasis,
            ("strong", None) => SpanKind::Strong,
            ("link", Some(target)) => SpanKind::Link {
                target: target.clone(),
            },
            ("code", None) => SpanKind::Code,
            ("quote", None) => SpanKind::Quote,
            _ => return Err("a span's kind is unknown or has the wrong fields"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Source {
        Source::File("/data/feeds/1/a.barg".into())
    }

    fn markdown() -> Article {
        let text = "---\ntitle: عنوان\n---\n# سرخط\n\nمتنی با [پیوند](https://fa.example/b) و *تأکید*.\n\n> نقل‌قولی کوتاه\n\n- یک\n  - دو\n\n```rust\nfn main() {}\n```\n\n---\n";
        Article::from_markdown(text, source())
    }

    #[test]
    fn an_article_saved_and_read_back_is_the_same_article() {
        let article = markdown();
        let meta = Meta {
            url: Some("https://fa.example/a".into()),
            published: Some("2026-11-20T08:00:00Z".into()),
        };
        let json = to_json(&article, &meta);
        let (back, back_meta) = parse(json.as_bytes(), source()).expect("reads back");
        assert_eq!(back.title, article.title);
        assert_eq!(back.format, Format::Markdown);
        assert_eq!(back.text, article.text);
        assert_eq!(back.blocks, article.blocks);
        assert_eq!(back_meta, meta);
    }

    #[test]
    fn a_file_that_breaks_the_model_is_refused_naming_the_file() {
        let good = r#"{"barg_article":1,"title":"t","format":"plain","text":"ab\ncd","blocks":[{"kind":"paragraph","start":0,"end":2}]}"#;
        assert!(parse(good.as_bytes(), source()).is_ok());
        let bad = [
            // a block past the end of the text
            good.replace(r#""end":2"#, r#""end":9"#),
            // a block over a line break
            good.replace(r#""end":2"#, r#""end":5"#),
            // a block inside a character
            r#"{"barg_article":1,"title":"t","format":"plain","text":"سلام","blocks":[{"kind":"paragraph","start":0,"end":1}]}"#.to_string(),
            // a title of two lines
            good.replace(r#""title":"t""#, r#""title":"t\nu""#),
            // an unknown kind, a heading without a level, a field barg does not know
            good.replace("paragraph", "table"),
            good.replace(r#""kind":"paragraph""#, r#""kind":"heading""#),
            good.replace(r#""format""#, r#""mode":1,"format""#),
            // not JSON, empty
            "{".to_string(),
            String::new(),
        ];
        for text in bad {
            let error = parse(text.as_bytes(), source()).expect_err(&text);
            assert!(
                error
                    .to_string()
                    .starts_with("/data/feeds/1/a.barg is not an article barg saved: "),
                "{error}"
            );
        }
        let newer = good.replace(r#""barg_article":1"#, r#""barg_article":2"#);
        let error = parse(newer.as_bytes(), source()).expect_err("newer");
        assert!(error.to_string().contains("newer barg"), "{error}");
    }
}

#[cfg(test)]
mod hostile {
    use super::*;

    #[test]
    fn a_hostile_page_read_by_barg_saves_and_reads_back() {
        let page = "<html lang=\"fa_IR\"><head><title>t\u{202e}x</title></head><body><article>\
            <h1>عنوان</h1><p lang=\"en US\">متن \u{202e}وارونه\u{202c} و <a href=\"https://a.example/\u{202e}x\u{1b}[2J\">پیوند</a> \
            بیشتر متن برای اینکه مقاله باشد و خوانده شود.</p><pre><code class=\"language-\u{202e}rs\">x\u{7}y</code></pre>\
            <p>پاراگراف دوم با متنی دیگر که بلندتر است تا استخراج آن را نگه دارد.</p></article></body></html>";
        let source = Source::File("/x/a.barg".into());
        let article =
            crate::article::html::read_text(page, None, source.clone()).expect("an article");
        let json = to_json(&article, &Meta::default());
        let (back, _) = parse(json.as_bytes(), source).expect("reads back");
        assert_eq!(back.text, article.text);
        assert_eq!(back.blocks, article.blocks);
        assert!(
            article
                .blocks
                .iter()
                .all(|b| b.lang.as_deref() != Some("fa_IR"))
        );
    }

    #[test]
    fn a_title_of_two_lines_or_with_escapes_is_saved_as_one_line_of_text() {
        let source = Source::File("/x/a.barg".into());
        let article = Article::new(
            "a\n b\u{1b}[2J\u{202e}c".to_string(),
            source.clone(),
            Format::Markdown,
            "text".to_string(),
            vec![Block::new(BlockKind::Paragraph, 0..4)],
        );
        let json = to_json(&article, &Meta::default());
        let (back, _) = parse(json.as_bytes(), source).expect("reads back");
        assert_eq!(back.title, "a b[2Jc");
    }
}
