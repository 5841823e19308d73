//! The article model every reader fills: one logical text, cut into blocks
//! (headings, paragraphs, quotations, list items, code, rules), each with
//! its direction, language and inline spans. Every offset in barg (quotes,
//! bookmarks, reading positions, search hits) is a byte offset into
//! `Article::text`.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Source;

/// The format an article was written in, which decides its reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Plain,
    Markdown,
    Html,
}

impl Format {
    /// The format a file's name gives: `.md` and `.markdown` are Markdown,
    /// `.html` and `.htm` web pages, anything else is plain text.
    pub fn of_path(path: &Path) -> Format {
        let extension = path.extension().and_then(|e| e.to_str());
        match extension.map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm") => Format::Html,
            _ => Format::Plain,
        }
    }
}

/// An article in logical order.
#[derive(Clone, Debug)]
pub struct Article {
    pub title: String,
    pub source: Source,
    pub format: Format,
    /// The logical text: every offset in barg is a byte offset into it.
    pub text: String,
    /// The blocks, in text order, not overlapping.
    pub blocks: Vec<Block>,
    /// The store's identity of this text, computed once (it folds the whole
    /// text, which a long article should not pay for at every look-up).
    identity: OnceLock<String>,
}

/// A block of an article: a heading, a paragraph, a quotation, …
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Its text in `Article::text`: one line (no '\n'), except for code.
    pub range: Range<usize>,
    /// Auto unless the source says.
    pub direction: Direction,
    /// A BCP-47 language tag, if the source gives one.
    pub lang: Option<String>,
    /// Inline spans, ranges inside `range`, sorted by start (an outer span
    /// before the spans inside it).
    pub spans: Vec<Span>,
}

impl Block {
    pub fn new(kind: BlockKind, range: Range<usize>) -> Block {
        Block {
            kind,
            range,
            direction: Direction::Auto,
            lang: None,
            spans: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        level: u8,
    },
    Paragraph,
    /// A block quotation: the whole block is a quotation.
    Quote,
    /// A list item; its marker ("• ", "1. ") starts its text. Depth 0 is a
    /// top-level list.
    ListItem {
        depth: u8,
    },
    /// Code, shown left to right as written; its lines are kept, with '\n'
    /// between them.
    Code {
        info: Option<String>,
    },
    /// A thematic break: no text.
    Rule,
}

/// The base direction a block is laid out in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// From the block's first strong letter.
    #[default]
    Auto,
    Ltr,
    Rtl,
}

impl From<Direction> for crate::layout::BaseDirection {
    fn from(direction: Direction) -> Self {
        match direction {
            Direction::Auto => crate::layout::BaseDirection::Auto,
            Direction::Ltr => crate::layout::BaseDirection::Ltr,
            Direction::Rtl => crate::layout::BaseDirection::Rtl,
        }
    }
}

/// An inline span: a byte range of the article's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub kind: SpanKind,
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpanKind {
    Emphasis,
    Strong,
    Link {
        target: String,
    },
    Code,
    /// An inline quotation whose marks are not in the text (HTML's `<q>`).
    Quote,
}

/// Characters a title keeps at most: a first line of megabytes (a
/// transcript, a page without line breaks) is a paragraph, not a title, and
/// would otherwise be copied and laid out whole on every screen that names
/// the article.
pub const TITLE_CHARS: usize = 200;

/// `text`, trimmed, as a title: when it has more than [`TITLE_CHARS`] + 1
/// characters, cut at a word before [`TITLE_CHARS`] (or at the limit, with
/// no space in reach) and ended with "…".
pub fn title_of(text: &str) -> String {
    let text = text.trim();
    // Up to one character more is kept whole: a title once shortened
    // (200 characters and "…") is not shortened again when read back.
    if text.char_indices().nth(TITLE_CHARS + 1).is_none() {
        return text.to_string();
    }
    let Some((cut, _)) = text.char_indices().nth(TITLE_CHARS) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space >= head.len() / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end())
}

impl Article {
    /// An article from its parts; `blocks` must be in order, inside `text`.
    /// A title longer than [`TITLE_CHARS`] is shortened ([`title_of`]).
    pub fn new(
        title: String,
        source: Source,
        format: Format,
        text: String,
        blocks: Vec<Block>,
    ) -> Article {
        let title = match title.char_indices().nth(TITLE_CHARS + 1) {
            Some(_) => title_of(&title),
            None => title,
        };
        Article {
            title,
            source,
            format,
            text,
            blocks,
            identity: OnceLock::new(),
        }
    }

    /// An article read from `text` as `format` says.
    pub fn from_text(text: String, source: Source, format: Format) -> Article {
        match format {
            Format::Plain => super::plain::read(text, source),
            Format::Markdown => super::markdown::read(&text, source),
            // A page with no article text is an article with none: `open`
            // (which reads files) says so instead.
            Format::Html => {
                super::html::read_text(&text, None, source.clone()).unwrap_or_else(|_| {
                    Article::new(String::new(), source, format, String::new(), Vec::new())
                })
            }
        }
    }

    /// A plain-text article: every non-blank line is a block, the first one
    /// is also the title (see `plain`).
    pub fn from_plain_text(text: String, source: Source) -> Article {
        super::plain::read(text, source)
    }

    /// A Markdown article (see `markdown`).
    pub fn from_markdown(text: &str, source: Source) -> Article {
        super::markdown::read(text, source)
    }

    /// The identity `compute` gives this article's text, computed on first use.
    pub fn identity(&self, compute: impl FnOnce(&str) -> String) -> &str {
        self.identity.get_or_init(|| compute(&self.text))
    }

    /// The text of block `index` (empty for an index out of range).
    pub fn block_text(&self, index: usize) -> &str {
        self.blocks
            .get(index)
            .and_then(|block| self.text.get(block.range.clone()))
            .unwrap_or_default()
    }

    /// The blocks' text, in order.
    pub fn block_texts(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.blocks.len()).map(|i| self.block_text(i))
    }

    /// The index of the block that holds byte `offset`, or of the next one
    /// when the offset falls between blocks (the last one past the end).
    pub fn block_at(&self, offset: usize) -> usize {
        let index = self.blocks.partition_point(|b| b.range.end <= offset);
        index.min(self.blocks.len().saturating_sub(1))
    }

    /// The direction block `index` is laid out in: the one it declares, else
    /// its first strong letter's; code reads left to right. A fragment shown
    /// away from its paragraph (a bookmark, a search hit, a link) keeps it.
    pub fn block_direction(&self, index: usize) -> crate::layout::Direction {
        let Some(block) = self.blocks.get(index) else {
            return crate::layout::Direction::Ltr;
        };
        if matches!(block.kind, BlockKind::Code { .. } | BlockKind::Rule) {
            return crate::layout::Direction::Ltr;
        }
        crate::layout::paragraph_direction(self.block_text(index), block.direction.into())
    }

    /// Whether a blank line separates block `index` from the next one: it
    /// does, except between the items of a list.
    pub fn gap_after(&self, index: usize) -> bool {
        let list_item = |i: usize| {
            self.blocks
                .get(i)
                .is_some_and(|b| matches!(b.kind, BlockKind::ListItem { .. }))
        };
        !(list_item(index) && list_item(index + 1))
    }

    /// Whether block `index` is shown as a heading: a heading block, or the
    /// title line of a plain-text article.
    pub fn is_heading(&self, index: usize) -> bool {
        match self.blocks.get(index).map(|b| &b.kind) {
            Some(BlockKind::Heading { .. }) => true,
            Some(_) => index == 0 && self.format == Format::Plain,
            None => false,
        }
    }
}
