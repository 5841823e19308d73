//! An extracted article's HTML onto the article model: one block per
//! heading, paragraph, quotation, list item, code block and rule; inline
//! emphasis, strong, links, code and `<q>` as spans. Whitespace collapses as
//! a browser collapses it (not in `<pre>`); `dir` and `lang` set the
//! direction and language of the blocks they cover, inherited from the
//! page's `<html>` and `<body>` through `Inherited`.
//!
//! The tree is walked with a stack of its own: a hostile page nests
//! elements deeper than any call stack would take.

use dom_query::{Document, NodeRef};

use crate::article::model::{Block, BlockKind, Direction, Span, SpanKind};

/// Direction and language a page gives the part being read.
#[derive(Clone, Debug, Default)]
pub struct Inherited {
    pub direction: Direction,
    pub lang: Option<String>,
}

impl Inherited {
    /// These settings under an element with `dir` and `lang` attributes.
    pub fn under(&self, dir: Option<&str>, lang: Option<&str>) -> Inherited {
        let direction = match dir.map(|d| d.trim().to_ascii_lowercase()).as_deref() {
            Some("rtl") => Direction::Rtl,
            Some("ltr") => Direction::Ltr,
            Some("auto") => Direction::Auto,
            _ => self.direction,
        };
        let lang = match lang.map(str::trim) {
            // lang="" says the language is unknown.
            Some("") => None,
            // A BCP-47 tag: letters, digits and hyphens (`fa_IR` means fa-IR).
            Some(tag) => {
                let tag: String = tag
                    .chars()
                    .map(|c| if c == '_' { '-' } else { c })
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .take(35)
                    .collect();
                (!tag.is_empty()).then_some(tag)
            }
            None => self.lang.clone(),
        };
        Inherited { direction, lang }
    }
}

/// The text and blocks of `html` (an article's content), read under `root`.
pub fn read(html: &str, root: &Inherited) -> (String, Vec<Block>) {
    let document = Document::from(html);
    let mut builder = Builder {
        block_frames: vec![root.clone()],
        ..Builder::default()
    };
    let mut stack = vec![Step::Enter(document.root())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => {
                if node.is_text() {
                    builder.text(&node.text());
                } else if node.is_element() || node.is_document() || node.is_fragment() {
                    let name = node.node_name().unwrap_or_default().to_ascii_lowercase();
                    if HIDDEN.contains(&name.as_str()) {
                        continue;
                    }
                    let exit = builder.enter(&name, &node);
                    stack.push(Step::Exit(exit));
                    let children = node.children();
                    stack.extend(children.into_iter().rev().map(Step::Enter));
                }
            }
            Step::Exit(exit) => builder.exit(exit),
        }
    }
    builder.close_block();
    (builder.text, builder.blocks)
}

/// Elements whose content is never shown.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "audio", "video", "head", "title", "select", "textarea", "button", "input",
    "frameset", "noframes",
];

/// Elements that start and end a block of text.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "html",
    "legend",
    "main",
    "menu",
    "nav",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
];

#[derive(Debug)]
enum Step<'a> {
    Enter(NodeRef<'a>),
    Exit(Exit),
}

/// What leaving an element undoes.
#[derive(Debug)]
enum Exit {
    Inline,
    Span,
    Block,
    Heading,
    Quote,
    List,
    Item,
    Pre,
}

/// A list being read: its next number (None for a bulleted list).
#[derive(Debug)]
struct List {
    next: Option<u64>,
}

#[derive(Debug)]
struct Open {
    kind: BlockKind,
    start: usize,
    /// Where its text starts after a list marker.
    body: usize,
    marker: Option<String>,
    separator: usize,
    spans: Vec<Span>,
    inherited: Inherited,
}

#[derive(Debug, Default)]
struct Builder {
    text: String,
    blocks: Vec<Block>,
    open: Option<Open>,
    /// Spans entered and not left: kind and start (None: the next block's start).
    spans: Vec<(SpanKind, Option<usize>)>,
    /// Direction and language of each block-level element entered.
    block_frames: Vec<Inherited>,
    heading: Option<u8>,
    quote_depth: usize,
    lists: Vec<List>,
    /// List items entered (one may stand outside any list), and the marker
    /// the next block of the innermost one starts with.
    items: usize,
    marker: Option<String>,
    /// Inside `<pre>`: its depth and code's language.
    pre: usize,
    pre_info: Option<String>,
    /// A collapsed space waits for the next word.
    space: bool,
}

impl Builder {
    fn enter(&mut self, name: &str, node: &NodeRef) -> Exit {
        let attr = |key: &str| node.attr(key).map(|v| v.to_string());
        let parent = self.block_frames.last().cloned().unwrap_or_default();
        let inherited = parent.under(attr("dir").as_deref(), attr("lang").as_deref());
        let block = |this: &mut Builder, exit: Exit| {
            this.close_block();
            this.block_frames.push(inherited.clone());
            exit
        };
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let exit = block(self, Exit::Heading);
                self.heading = name[1..].parse().ok();
                exit
            }
            "blockquote" => {
                let exit = block(self, Exit::Quote);
                self.quote_depth += 1;
                exit
            }
            "ul" | "ol" => {
                let exit = block(self, Exit::List);
                let start = attr("start").and_then(|s| s.trim().parse::<u64>().ok());
                let next = (name == "ol").then(|| start.unwrap_or(1));
                self.lists.push(List { next });
                exit
            }
            "li" => {
                let exit = block(self, Exit::Item);
                let marker = match self.lists.last_mut() {
                    Some(List { next: Some(n) }) => {
                        let marker = format!("{n}. ");
                        *n = n.saturating_add(1);
                        marker
                    }
                    _ => "• ".to_string(),
                };
                self.marker = Some(marker);
                self.items += 1;
                exit
            }
            "pre" => {
                let exit = block(self, Exit::Pre);
                if self.pre == 0 {
                    self.pre_info = code_language(node);
                }
                self.pre += 1;
                exit
            }
            "hr" => {
                self.close_block();
                let inherited = self.block_frames.last().cloned().unwrap_or_default();
                self.open_block(BlockKind::Rule, inherited);
                self.close_block();
                Exit::Inline
            }
            "br" => {
                if self.pre > 0 {
                    self.push_raw("\n");
                } else if let Some(kind) = self.open.as_ref().map(|o| o.kind.clone()) {
                    // A line break starts another block of the same kind.
                    let inherited = self.block_frames.last().cloned().unwrap_or_default();
                    self.close_block();
                    self.open_block(kind, inherited);
                }
                Exit::Inline
            }
            _ if BLOCK_LEVEL.contains(&name) => block(self, Exit::Block),
            _ if self.pre > 0 => Exit::Inline,
            _ => match span_kind(name, node) {
                Some(kind) => {
                    let start = self.open.is_some().then_some(self.text.len());
                    self.spans.push((kind, start));
                    Exit::Span
                }
                None => Exit::Inline,
            },
        }
    }

    fn exit(&mut self, exit: Exit) {
        match exit {
            Exit::Inline => return,
            Exit::Span => {
                self.end_span();
                return;
            }
            _ => {}
        }
        self.close_block();
        self.block_frames.pop();
        match exit {
            Exit::Heading => self.heading = None,
            Exit::Quote => self.quote_depth = self.quote_depth.saturating_sub(1),
            Exit::List => {
                self.lists.pop();
            }
            Exit::Item => {
                self.marker = None;
                self.items = self.items.saturating_sub(1);
            }
            Exit::Pre => {
                self.pre = self.pre.saturating_sub(1);
                if self.pre == 0 {
                    self.pre_info = None;
                }
            }
            Exit::Inline | Exit::Span | Exit::Block => {}
        }
    }

    /// The kind a block of text takes where it is.
    fn context_kind(&self) -> BlockKind {
        if self.pre > 0 {
            BlockKind::Code {
                info: self.pre_info.clone(),
            }
        } else if let Some(level) = self.heading {
            BlockKind::Heading { level }
        } else if !self.lists.is_empty() || self.items > 0 {
            BlockKind::ListItem {
                depth: u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX),
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            let code: String = text
                .chars()
                .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
                .collect();
            self.push_raw(&code);
            return;
        }
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.space = true;
            } else if !c.is_control() {
                self.ensure_block();
                if std::mem::take(&mut self.space) && !self.block_is_empty() {
                    self.text.push(' ');
                }
                self.text.push(c);
            }
        }
    }

    fn push_raw(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ensure_block();
        self.text.push_str(text);
    }

    /// Whether the open block has no text yet (a list marker is no text).
    fn block_is_empty(&self) -> bool {
        self.open
            .as_ref()
            .is_none_or(|open| self.text.len() == open.body)
    }

    fn ensure_block(&mut self) {
        if self.open.is_none() {
            let kind = self.context_kind();
            let inherited = self.block_frames.last().cloned().unwrap_or_default();
            self.open_block(kind, inherited);
        }
    }

    fn open_block(&mut self, kind: BlockKind, inherited: Inherited) {
        let separator = self.text.len();
        if !self.blocks.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        let list_item = matches!(kind, BlockKind::ListItem { .. });
        self.space = false;
        for (_, span_start) in &mut self.spans {
            span_start.get_or_insert(start);
        }
        let marker = if list_item { self.marker.take() } else { None };
        self.text.push_str(marker.as_deref().unwrap_or_default());
        self.open = Some(Open {
            kind,
            start,
            body: self.text.len(),
            marker,
            separator,
            spans: Vec::new(),
            inherited,
        });
    }

    fn end_span(&mut self) {
        let Some((kind, start)) = self.spans.pop() else {
            return;
        };
        let end = self.text.len();
        if let (Some(open), Some(start)) = (&mut self.open, start) {
            let start = start.max(open.start);
            if end > start {
                open.spans.push(Span {
                    kind,
                    range: start..end,
                });
            }
        }
    }

    /// End the open block: one with no text is dropped (a rule stays).
    fn close_block(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        self.space = false;
        if matches!(open.kind, BlockKind::Code { .. }) && self.text.ends_with('\n') {
            // The code's last line ends in '\n': it is no line of its own.
            self.text.pop();
        }
        let range = open.start..self.text.len();
        let keep = match open.kind {
            BlockKind::Rule => true,
            _ => !self.text[open.body..].trim().is_empty(),
        };
        if !keep {
            self.text.truncate(open.separator);
            // The item's marker waits for its first block with text.
            if open.marker.is_some() {
                self.marker = open.marker;
            }
            for (_, start) in &mut self.spans {
                *start = None;
            }
            return;
        }
        // Spans still open keep their part in this block and go on in the next.
        // Spans come inner first (as they close): reversed, and sorted
        // stably, an outer span comes before an inner one of the same range.
        let mut spans = open.spans;
        for (kind, start) in self.spans.iter_mut().rev() {
            if let Some(begin) = start.take()
                && range.end > begin
            {
                spans.push(Span {
                    kind: kind.clone(),
                    range: begin.max(range.start)..range.end,
                });
            }
        }
        for span in &mut spans {
            // A collapsed space at either end is not the span's.
            let inside = &self.text[span.range.clone()];
            span.range.start += inside.len() - inside.trim_start_matches(' ').len();
            span.range.end -= inside.len() - inside.trim_end_matches(' ').len();
            span.range.end = span.range.end.max(span.range.start);
        }
        spans.retain(|s| {
            !s.range.is_empty() && s.range.start >= range.start && s.range.end <= range.end
        });
        spans.reverse();
        spans.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
        let mut block = Block::new(open.kind, range);
        block.direction = open.inherited.direction;
        block.lang = open.inherited.lang;
        block.spans = spans;
        self.blocks.push(block);
    }
}

fn span_kind(name: &str, node: &NodeRef) -> Option<SpanKind> {
    Some(match name {
        "em" | "i" | "cite" | "dfn" | "var" => SpanKind::Emphasis,
        "strong" | "b" => SpanKind::Strong,
        "code" | "kbd" | "samp" | "tt" => SpanKind::Code,
        "q" => SpanKind::Quote,
        "a" => {
            let href = node.attr("href")?;
            let target: String = crate::safe::strip(href.trim()).into_owned();
            if target.is_empty() {
                return None;
            }
            SpanKind::Link { target }
        }
        _ => return None,
    })
}

/// The language a `<pre>` (or the `<code>` in it) names in its class:
/// `language-rust`, `lang-rust`.
fn code_language(pre: &NodeRef) -> Option<String> {
    let code = pre
        .first_element_child()
        .filter(|c| c.node_name().as_deref() == Some("code"));
    [Some(*pre), code].into_iter().flatten().find_map(|node| {
        let class = node.attr("class")?;
        class.split_ascii_whitespace().find_map(|c| {
            let name = c
                .strip_prefix("language-")
                .or_else(|| c.strip_prefix("lang-"))?;
            let name = crate::safe::strip(name);
            (!name.is_empty()).then(|| name.chars().take(40).collect())
        })
    })
}
