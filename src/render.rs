//! `barg render`: an article laid out as a person reads it, printed as plain
//! lines: each paragraph at the width, RTL lines right-aligned, one blank line
//! between paragraphs, no escape sequences.
//!
//! The blocks of a structured article (Markdown) are told apart as text can:
//! a quotation has a bar "┃ " on its start side (the right of a right-to-left
//! block), a list item is indented two columns a level, code is printed left
//! to right as written, and a rule is a line of "─". Items of one list have
//! no blank line between them.

use std::io::{self, Write};

use rayon::prelude::*;

use std::ops::Range;

use crate::article::{self, Article, BlockKind, Format, SpanKind, TextStream, plain};
use crate::layout::{self, Direction, LayoutOptions, Order};

/// Paragraphs are laid out in parallel in batches of about this many bytes,
/// so memory stays proportional to a batch, not to the article.
const BATCH_BYTES: usize = 256 * 1024;

/// Writes laid-out paragraphs with one blank line between them.
struct ParagraphWriter<'a, W> {
    out: &'a mut W,
    width: usize,
    options: &'a LayoutOptions,
    first: bool,
}

impl<W: Write> ParagraphWriter<'_, W> {
    fn separate(&mut self) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b"\n")?;
        }
        self.first = false;
        Ok(())
    }

    /// Lay out `paragraphs`, in batches on all cores, and write them.
    fn paragraphs<'a>(&mut self, paragraphs: impl Iterator<Item = &'a str>) -> io::Result<()> {
        let mut batch = Vec::new();
        let mut batch_bytes = 0;
        for paragraph in paragraphs {
            if paragraph.trim().is_empty() {
                continue;
            }
            if paragraph.len() >= BATCH_BYTES {
                self.batch(&mut batch)?;
                batch_bytes = 0;
                self.streamed(paragraph)?;
                continue;
            }
            batch_bytes += paragraph.len();
            batch.push(paragraph);
            if batch_bytes >= BATCH_BYTES {
                self.batch(&mut batch)?;
                batch_bytes = 0;
            }
        }
        self.batch(&mut batch)
    }

    /// Lay out a batch of paragraphs on all cores, then write them in order.
    fn batch(&mut self, batch: &mut Vec<&str>) -> io::Result<()> {
        let rendered = render_all(batch, self.width, self.options);
        batch.clear();
        self.rendered(rendered)
    }

    /// Write laid-out paragraphs in order.
    fn rendered(&mut self, rendered: Vec<String>) -> io::Result<()> {
        for text in rendered {
            self.separate()?;
            self.out.write_all(text.as_bytes())?;
        }
        Ok(())
    }

    /// Lay out one long paragraph straight into the output, a line at a
    /// time, so that its output is never held in memory whole; over
    /// [`layout::PARALLEL_BYTES`], in parts on all cores (the same lines),
    /// each part but the first held as text until it is written.
    fn streamed(&mut self, paragraph: &str) -> io::Result<()> {
        self.separate()?;
        let mut result = Ok(());
        if paragraph.len() >= layout::PARALLEL_BYTES && rayon::current_num_threads() > 1 {
            let width = self.width;
            let out = &mut self.out;
            layout::write_lines_parallel(
                paragraph,
                width,
                self.options,
                &[],
                |line, text| {
                    line.push_aligned(width, text);
                    text.push('\n');
                    line.recycle();
                },
                |lines| {
                    if result.is_ok() {
                        result = out.write_all(lines.as_bytes());
                    }
                },
            );
            return result;
        }
        let mut text = String::new();
        layout::layout_lines(paragraph, self.width, self.options, |line| {
            if result.is_ok() {
                text.clear();
                line.push_aligned(self.width, &mut text);
                text.push('\n');
                result = self.out.write_all(text.as_bytes());
            }
            line.recycle();
        });
        result
    }
}

/// Lay out `paragraphs` at `width` and write them to `out`.
pub fn write_paragraphs<'a>(
    paragraphs: impl Iterator<Item = &'a str>,
    width: usize,
    options: &LayoutOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    ParagraphWriter {
        out,
        width,
        options,
        first: true,
    }
    .paragraphs(paragraphs)
}

/// Why [`write_stream`] stopped.
#[derive(Debug)]
pub enum StreamError {
    /// The input could not be read, or is not text.
    Read(crate::error::Error),
    /// The output could not be written.
    Write(io::Error),
}

/// Lay out the plain text `stream` reads at `width` and write it to `out`,
/// as [`write_article`] writes it read whole: the paragraphs of one chunk
/// are laid out on all cores while the next chunk is read. `lossy` is
/// called once, when the input turns out not to be valid UTF-8.
pub fn write_stream(
    stream: &mut TextStream,
    width: usize,
    options: &LayoutOptions,
    out: &mut impl Write,
    mut lossy: impl FnMut(),
) -> Result<(), StreamError> {
    let mut writer = ParagraphWriter {
        out,
        width,
        options,
        first: true,
    };
    // `text` is read but not written: whole lines, then one that may go on.
    let mut text = String::new();
    let mut next = String::with_capacity(article::STREAM_CHUNK + 4);
    let mut more = stream.read_into(&mut text).map_err(StreamError::Read)?;
    // How much of `text`'s start has no line end: a line of 50 MB is not
    // searched again for every chunk it grows by.
    let mut unended = 0;
    let mut warned = false;
    loop {
        if stream.lossy() && !warned {
            warned = true;
            lossy();
        }
        let end = match more {
            true => {
                memchr::memrchr(b'\n', &text.as_bytes()[unended..]).map_or(0, |i| unended + i + 1)
            }
            false => text.len(),
        };
        if end == 0 && more {
            // A line longer than a chunk is held whole: room for the rest
            // of a file at once, not a copy each time the text doubles.
            text.reserve(stream.remaining());
        }
        let lines: Vec<&str> = plain::paragraphs(&text[..end])
            .map(|range| &text[range])
            .collect();
        if more && lines.iter().all(|line| line.len() < BATCH_BYTES) {
            let (rendered, read) = rayon::join(
                || render_all(&lines, width, options),
                || stream.read_into(&mut next),
            );
            writer.rendered(rendered).map_err(StreamError::Write)?;
            more = read.map_err(StreamError::Read)?;
        } else {
            writer
                .paragraphs(lines.into_iter())
                .map_err(StreamError::Write)?;
            if !more {
                return Ok(());
            }
            more = stream.read_into(&mut next).map_err(StreamError::Read)?;
        }
        text.drain(..end);
        unended = text.len();
        text.push_str(&next);
        next.clear();
    }
}

/// Paragraphs laid out on all cores, in order.
fn render_all(paragraphs: &[&str], width: usize, options: &LayoutOptions) -> Vec<String> {
    paragraphs
        .par_iter()
        .map(|paragraph| render_paragraph(paragraph, width, options))
        .collect()
}

/// One paragraph as lines of text, each ending in a newline.
pub fn render_paragraph(paragraph: &str, width: usize, options: &LayoutOptions) -> String {
    let mut out = String::with_capacity(paragraph.len() + paragraph.len() / 2);
    layout::layout_lines(paragraph, width, options, |line| {
        line.push_aligned(width, &mut out);
        out.push('\n');
        line.recycle();
    });
    out
}

/// Lay out `article` at `width` and write it to `out`. Plain text is its
/// paragraphs, as [`write_paragraphs`] writes them.
pub fn write_article(
    article: &Article,
    width: usize,
    options: &LayoutOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    if article.format == Format::Plain {
        return write_paragraphs(article.block_texts(), width, options, out);
    }
    let mut start = 0;
    while start < article.blocks.len() {
        // A batch of about BATCH_BYTES, laid out on all cores.
        let mut end = start;
        let mut bytes = 0;
        while end < article.blocks.len() && (end == start || bytes < BATCH_BYTES) {
            bytes += article.blocks[end].range.len();
            end += 1;
        }
        let rendered: Vec<String> = (start..end)
            .into_par_iter()
            .map(|i| render_block(article, i, width, options))
            .collect();
        for (i, text) in (start..end).zip(rendered) {
            if i > 0 && article.gap_after(i - 1) {
                out.write_all(b"\n")?;
            }
            out.write_all(text.as_bytes())?;
        }
        start = end;
    }
    Ok(())
}

/// The bar on the start side of a quotation's lines.
pub const QUOTE_BAR: &str = "┃";
/// Columns a list item is indented per level of nesting.
pub const LIST_INDENT: usize = 2;

/// Block `index` of `article` as lines of text, each ending in a newline.
pub fn render_block(
    article: &Article,
    index: usize,
    width: usize,
    options: &LayoutOptions,
) -> String {
    let Some(block) = article.blocks.get(index) else {
        return String::new();
    };
    let text = article.block_text(index);
    let options = &LayoutOptions {
        direction: match block.direction {
            crate::article::Direction::Auto => options.direction,
            direction => direction.into(),
        },
        ..*options
    };
    let keep = digits_kept(article, index);
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    match &block.kind {
        BlockKind::Heading { .. } | BlockKind::Paragraph => {
            layout::layout_lines_keeping(text, width, options, &keep, |line| {
                line.push_aligned(width, &mut out);
                out.push('\n');
                line.recycle();
            });
        }
        BlockKind::Code { .. } => {
            for line in layout::layout_code(text, width).lines {
                out.push_str(line.text().trim_end_matches(' '));
                out.push('\n');
            }
        }
        BlockKind::Rule => {
            out.extend(std::iter::repeat_n('─', width.max(1)));
            out.push('\n');
        }
        BlockKind::Quote => {
            let inner = width.saturating_sub(2).max(1);
            layout::layout_lines_keeping(text, inner, options, &keep, |line| {
                if line.direction() == Direction::Rtl && options.order == Order::Visual {
                    let drawn = line.indent(inner) + line.width();
                    out.extend(std::iter::repeat_n(' ', line.indent(inner)));
                    out.push_str(line.text());
                    out.extend(std::iter::repeat_n(' ', inner.saturating_sub(drawn)));
                    out.push(' ');
                    out.push_str(QUOTE_BAR);
                } else {
                    out.push_str(QUOTE_BAR);
                    out.push(' ');
                    line.push_aligned(inner, &mut out);
                }
                out.push('\n');
            });
        }
        BlockKind::ListItem { depth } => {
            let indent = (usize::from(*depth) * LIST_INDENT).min(width / 2);
            let inner = width.saturating_sub(indent).max(1);
            layout::layout_lines_keeping(text, inner, options, &keep, |line| {
                if line.direction() == Direction::Ltr {
                    out.extend(std::iter::repeat_n(' ', indent));
                }
                line.push_aligned(inner, &mut out);
                out.push('\n');
            });
        }
    }
    out
}

/// The stretches of block `index` whose digits are shown as written, in
/// offsets from the block's start: inline code, and links whose text is
/// their own address (`https://x.ir/1404`, `x.ir/1404`, `a@b.ir`). URLs and
/// e-mail addresses in the text itself the engine finds.
pub fn digits_kept(article: &Article, index: usize) -> Vec<Range<usize>> {
    let Some(block) = article.blocks.get(index) else {
        return Vec::new();
    };
    let start = block.range.start;
    block
        .spans
        .iter()
        .filter(|span| match &span.kind {
            SpanKind::Code => true,
            SpanKind::Link { target } => article
                .text
                .get(span.range.clone())
                .is_some_and(|text| shows_address(text.trim(), target.trim())),
            _ => false,
        })
        .filter_map(|span| {
            Some(span.range.start.checked_sub(start)?..span.range.end.saturating_sub(start))
        })
        .collect()
}

/// A link's text is its address, with or without the scheme.
fn shows_address(text: &str, target: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let bare = target
        .split_once("://")
        .map(|(_, rest)| rest)
        .or_else(|| target.strip_prefix("mailto:"))
        .unwrap_or(target);
    text == target || text == bare || text == bare.trim_end_matches('/')
}
