//! The Markdown reader (pulldown-cmark): headings, paragraphs, block
//! quotations, lists, code blocks and rules become blocks; emphasis, strong,
//! links and inline code become spans. The article's text is the rendered
//! text, blocks joined by '\n', with no Markdown markup in it: soft breaks
//! are spaces, a hard break starts another block of the same kind, a list
//! item's text starts with its marker ("• " or "1. ").
//!
//! Raw HTML is never passed on: tags are dropped, and the text of an HTML
//! block is kept (without comments, scripts and styles).
//!
//! The title is the front matter's `title:` (a `---` block at the very top),
//! else the first heading, else the first block.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::Source;
use super::model::{Article, Block, BlockKind, Format, Span, SpanKind};

/// Read `markdown` into an article.
pub fn read(markdown: &str, source: Source) -> Article {
    let mut builder = Builder::default();
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for event in Parser::new_ext(markdown, options) {
        builder.event(event);
    }
    builder.close_block();
    let Builder {
        text,
        blocks,
        front_title,
        ..
    } = builder;
    let title = front_title
        .or_else(|| {
            blocks
                .iter()
                .find(|b| matches!(b.kind, BlockKind::Heading { .. }))
                .map(|b| text[b.range.clone()].trim().to_string())
        })
        .or_else(|| {
            blocks
                .iter()
                .find(|b| !matches!(b.kind, BlockKind::Rule))
                .map(|b| first_line(&text[b.range.clone()]))
        })
        .unwrap_or_default();
    Article::new(title, source, Format::Markdown, text, blocks)
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().trim().to_string()
}

/// A list being read: its next number (None for a bulleted list).
#[derive(Debug)]
struct List {
    next: Option<u64>,
}

/// A block being read.
#[derive(Debug)]
struct Open {
    kind: BlockKind,
    /// Where its text starts, and where the separator before it started
    /// (to take both back when the block turns out empty).
    start: usize,
    separator: usize,
    spans: Vec<Span>,
}

#[derive(Debug, Default)]
struct Builder {
    text: String,
    blocks: Vec<Block>,
    open: Option<Open>,
    /// Spans started and not yet ended: their kind and start.
    spans: Vec<(SpanKind, usize)>,
    quote_depth: usize,
    lists: Vec<List>,
    /// The marker the next block of a list item starts with.
    marker: Option<String>,
    /// Inside a heading: its level.
    heading: Option<u8>,
    code: Option<Option<String>>,
    /// The text of the HTML block being read, or the front matter's.
    html: Option<String>,
    metadata: Option<String>,
    front_title: Option<String>,
}

impl Builder {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if let Some(metadata) = &mut self.metadata {
                    metadata.push_str(&text);
                } else {
                    self.push_text(&text);
                }
            }
            Event::Code(code) => {
                let start = self.ensure_block();
                self.push_text(&code);
                let end = self.text.len();
                if let Some(open) = &mut self.open
                    && end > start
                {
                    open.spans.push(Span {
                        kind: SpanKind::Code,
                        range: start..end,
                    });
                }
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => self.push_text(&text),
            Event::Html(html) => match &mut self.html {
                Some(block) => block.push_str(&html),
                None => self.push_text(&strip_tags(&html)),
            },
            // An inline tag is markup; its text comes as text events.
            Event::InlineHtml(_) | Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
            Event::SoftBreak => {
                if self.code.is_some() {
                    self.push_text("\n");
                } else {
                    self.push_text(" ");
                }
            }
            Event::HardBreak => {
                let kind = self.open.as_ref().map(|o| o.kind.clone());
                self.close_block();
                if let Some(kind) = kind {
                    self.open_block(kind);
                }
            }
            Event::Rule => {
                self.close_block();
                self.open_block(BlockKind::Rule);
                self.close_block();
            }
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.close_block();
                let kind = self.context_kind();
                self.open_block(kind);
            }
            Tag::Heading { level, .. } => {
                self.close_block();
                let level = heading_level(level);
                self.heading = Some(level);
                self.open_block(BlockKind::Heading { level });
            }
            Tag::BlockQuote(_) => {
                self.close_block();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(kind) => {
                self.close_block();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => {
                        let info = info.split_whitespace().next().unwrap_or_default();
                        (!info.is_empty()).then(|| crate::safe::strip(info).into_owned())
                    }
                    CodeBlockKind::Indented => None,
                };
                self.code = Some(info.clone());
                self.open_block(BlockKind::Code { info });
            }
            Tag::HtmlBlock => {
                self.close_block();
                self.html = Some(String::new());
            }
            Tag::List(first) => {
                self.close_block();
                self.lists.push(List { next: first });
            }
            Tag::Item => {
                self.close_block();
                let marker = match self.lists.last_mut() {
                    Some(List { next: Some(n) }) => {
                        let marker = format!("{n}. ");
                        *n = n.saturating_add(1);
                        marker
                    }
                    _ => "• ".to_string(),
                };
                self.marker = Some(marker);
            }
            Tag::Emphasis => self.start_span(SpanKind::Emphasis),
            Tag::Strong => self.start_span(SpanKind::Strong),
            Tag::Link { dest_url, .. } => self.start_span(SpanKind::Link {
                target: dest_url.to_string(),
            }),
            Tag::MetadataBlock(_) => self.metadata = Some(String::new()),
            // Not enabled, or shown as their text: footnotes, tables,
            // definition lists, strikethrough, images (their alt text).
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => {
                self.close_block();
                self.heading = None;
            }
            TagEnd::CodeBlock => {
                // The code's last line ends in '\n': it is no line of its own.
                if let Some(open) = &self.open
                    && self.text.len() > open.start
                    && self.text.ends_with('\n')
                {
                    self.text.pop();
                }
                self.close_block();
                self.code = None;
            }
            TagEnd::BlockQuote(_) => {
                self.close_block();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                let text = strip_tags(&html);
                if !text.trim().is_empty() {
                    let kind = self.context_kind();
                    self.open_block(kind);
                    self.push_text(text.trim());
                    self.close_block();
                }
            }
            TagEnd::List(_) => {
                self.close_block();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.close_block();
                self.marker = None;
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link => self.end_span(),
            TagEnd::MetadataBlock(_) => {
                let metadata = self.metadata.take().unwrap_or_default();
                if self.front_title.is_none() {
                    self.front_title = front_matter_title(&metadata);
                }
            }
            _ => {}
        }
    }

    /// The kind a paragraph takes where it is: a list item, a quotation or
    /// a paragraph.
    fn context_kind(&self) -> BlockKind {
        if !self.lists.is_empty() {
            BlockKind::ListItem {
                depth: u8::try_from(self.lists.len() - 1).unwrap_or(u8::MAX),
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    fn open_block(&mut self, kind: BlockKind) {
        let separator = self.text.len();
        if !self.blocks.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        let list_item = matches!(kind, BlockKind::ListItem { .. });
        self.open = Some(Open {
            kind,
            start,
            separator,
            spans: Vec::new(),
        });
        if list_item && let Some(marker) = self.marker.take() {
            self.text.push_str(&marker);
        }
    }

    /// Open a block for text that comes outside any (a tight list's items).
    fn ensure_block(&mut self) -> usize {
        if self.open.is_none() {
            let kind = match (self.heading, &self.code) {
                (Some(level), _) => BlockKind::Heading { level },
                (None, Some(info)) => BlockKind::Code { info: info.clone() },
                (None, None) => self.context_kind(),
            };
            self.open_block(kind);
        }
        self.text.len()
    }

    fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ensure_block();
        if self.code.is_some() {
            self.text.push_str(&text.replace('\r', ""));
        } else {
            // One line per block, whatever the parser hands over.
            self.text.extend(
                text.chars()
                    .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }),
            );
        }
    }

    fn start_span(&mut self, kind: SpanKind) {
        let start = self.ensure_block();
        self.spans.push((kind, start));
    }

    fn end_span(&mut self) {
        let Some((kind, start)) = self.spans.pop() else {
            return;
        };
        let end = self.text.len();
        // A span that a hard break cut keeps the part in this block.
        if let Some(open) = &mut self.open {
            let start = start.max(open.start);
            if end > start {
                open.spans.push(Span {
                    kind,
                    range: start..end,
                });
            }
        }
    }

    /// End the open block: a block with no text is dropped (a rule and a
    /// code block stay).
    fn close_block(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let range = open.start..self.text.len();
        let keep = match open.kind {
            BlockKind::Rule | BlockKind::Code { .. } => true,
            _ => !self.text[range.clone()].trim().is_empty(),
        };
        if !keep {
            self.text.truncate(open.separator);
            return;
        }
        // Spans still open carry on into the next block of the same kind.
        for (_, start) in &mut self.spans {
            *start = range.end;
        }
        let mut spans = open.spans;
        spans.retain(|s| s.range.start >= range.start && s.range.end <= range.end);
        spans.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
        let mut block = Block::new(open.kind, range);
        block.spans = spans;
        self.blocks.push(block);
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `title:` of YAML-style front matter, without quotes around it.
fn front_matter_title(metadata: &str) -> Option<String> {
    metadata.lines().find_map(|line| {
        let value = line.strip_prefix("title:")?.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value)
            .trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// The text of some HTML: tags, comments, scripts and styles dropped,
/// whitespace runs made one space.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        let skip_to = if rest.starts_with("<!--") {
            Some("-->")
        } else if lower.starts_with("<script") {
            Some("</script>")
        } else if lower.starts_with("<style") {
            Some("</style>")
        } else {
            None
        };
        let end = match skip_to {
            Some(closer) => find_ascii_ci(rest, closer).map(|at| at + closer.len()),
            None => rest.find('>').map(|at| at + 1),
        };
        match end {
            Some(end) => rest = &rest[end..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where ASCII `needle` starts in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1).min(h.len())).find(|&i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The range of `needle` in `text` (first occurrence).
    fn range_of(text: &str, needle: &str) -> std::ops::Range<usize> {
        let start = text.find(needle).expect("the needle is in the text");
        start..start + needle.len()
    }

    fn article(markdown: &str) -> Article {
        read(markdown, Source::Stdin)
    }

    /// Each block as (kind, text).
    fn blocks(article: &Article) -> Vec<(BlockKind, &str)> {
        article
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), &article.text[b.range.clone()]))
            .collect()
    }

    const FIXTURE: &str = include_str!("../../tests/fixtures/markdown/fa-en.md");

    #[test]
    fn the_fixture_gives_each_block_kind_with_its_text() {
        let article = article(FIXTURE);
        assert_eq!(article.title, "برگ و باد");
        assert_eq!(article.format, Format::Markdown);
        let code = "fn main() {\n    // سلام دنیا\n\tprintln!(\"برگ\");\n}";
        assert_eq!(
            blocks(&article),
            [
                (BlockKind::Heading { level: 1 }, "یادداشت‌های پاییز"),
                (
                    BlockKind::Paragraph,
                    "برگ‌ها زرد شدند و باد آن‌ها را برد. این متن نرم و ساده است."
                ),
                (BlockKind::Heading { level: 2 }, "A quotation"),
                (BlockKind::Quote, "هر برگی که می‌افتد، قصه‌ای دارد."),
                (BlockKind::Quote, "And the wind keeps it."),
                (BlockKind::ListItem { depth: 0 }, "• سیب"),
                (BlockKind::ListItem { depth: 1 }, "1. first inner"),
                (BlockKind::ListItem { depth: 1 }, "2. دومی"),
                (BlockKind::ListItem { depth: 0 }, "• pears"),
                (BlockKind::Rule, ""),
                (
                    BlockKind::Code {
                        info: Some("rust".to_string())
                    },
                    code
                ),
                (BlockKind::Paragraph, "Line one"),
                (BlockKind::Paragraph, "line two after a hard break."),
                (BlockKind::Paragraph, "Kept text of HTML."),
            ]
        );
        let expected_text = blocks(&article)
            .iter()
            .map(|(_, t)| *t)
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(article.text, expected_text);
    }

    #[test]
    fn the_fixture_gives_each_span_kind_with_its_range() {
        let article = article(FIXTURE);
        let text = &article.text;
        let spans: Vec<_> = article
            .blocks
            .iter()
            .flat_map(|b| b.spans.iter().cloned())
            .collect();
        assert_eq!(
            spans,
            [
                Span {
                    kind: SpanKind::Strong,
                    range: range_of(text, "زرد"),
                },
                Span {
                    kind: SpanKind::Emphasis,
                    range: range_of(text, "نرم"),
                },
                Span {
                    kind: SpanKind::Link {
                        target: "https://example.org/باد".to_string()
                    },
                    range: range_of(text, "the wind"),
                },
                Span {
                    kind: SpanKind::Code,
                    range: range_of(text, "first"),
                },
            ]
        );
    }

    #[test]
    fn the_title_is_the_front_matter_then_the_first_heading_then_the_first_block() {
        assert_eq!(article("# One\n\ntext\n").title, "One");
        assert_eq!(article("text *here*\n\n# Later\n").title, "Later");
        assert_eq!(article("just text\nand more\n").title, "just text and more");
        assert_eq!(article("---\nfoo: 1\n---\n\nbody\n").title, "body");
        let front = article("---\ntitle: \"عنوان: دوم\"\n---\n\n# Heading\n");
        assert_eq!(front.title, "عنوان: دوم");
        // The front matter is not text.
        assert_eq!(front.text, "Heading");
    }

    #[test]
    fn quotation_blocks_are_quotations_and_headings_are_not() {
        let article = article("# «نام»\n\n> گفت «بله» و رفت\n");
        let quotes = crate::article::quotes::article_quotes(&article);
        let found: Vec<_> = quotes
            .iter()
            .map(|q| (&article.text[q.range.clone()], q.depth, q.block))
            .collect();
        assert_eq!(found, [("گفت «بله» و رفت", 0, 1), ("«بله»", 1, 1)]);
    }

    #[test]
    fn empty_and_markup_only_input_has_no_text_blocks() {
        assert!(article("").blocks.is_empty());
        assert_eq!(article("").title, "");
        let only_html = article("<div>\n</div>\n\n<!-- note -->\n");
        assert!(only_html.blocks.is_empty(), "{:?}", only_html.blocks);
        let rule = article("---\n\n***\n");
        assert!(rule.blocks.iter().all(|b| b.kind == BlockKind::Rule));
    }

    #[test]
    fn raw_html_never_reaches_the_text() {
        let article =
            article("<script>alert(1)</script>\n\nA <b>bold</b> word\n\n<p>para <i>text</i></p>\n");
        assert_eq!(article.text, "A bold word\npara text");
    }

    #[test]
    fn a_huge_input_is_read() {
        let paragraph = "یک **دو** سه [چهار](http://x) `پنج` > شش\n\n- هفت\n\n";
        let text = paragraph.repeat((20 << 20) / paragraph.len());
        let article = article(&text);
        assert!(article.blocks.len() > 200_000);
        assert!(article.text.len() < text.len());
    }
}
