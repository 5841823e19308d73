//! `barg render`: an article laid out as a person reads it, printed as plain
//! lines: each paragraph at the width, RTL lines right-aligned, one blank line
//! between paragraphs, no escape sequences.

use std::io::{self, Write};

use rayon::prelude::*;

use crate::layout::{self, LayoutOptions};

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

    /// Lay out a batch of paragraphs on all cores, then write them in order.
    fn batch(&mut self, batch: &mut Vec<&str>) -> io::Result<()> {
        let (width, options) = (self.width, self.options);
        let rendered: Vec<String> = batch
            .par_iter()
            .map(|paragraph| render_paragraph(paragraph, width, options))
            .collect();
        batch.clear();
        for text in rendered {
            self.separate()?;
            self.out.write_all(text.as_bytes())?;
        }
        Ok(())
    }

    /// Lay out one long paragraph straight into the output, a line at a
    /// time, so that its output is never held in memory whole.
    fn streamed(&mut self, paragraph: &str) -> io::Result<()> {
        self.separate()?;
        let mut result = Ok(());
        let mut text = String::new();
        layout::layout_lines(paragraph, self.width, self.options, |line| {
            if result.is_ok() {
                text.clear();
                line.push_aligned(self.width, &mut text);
                text.push('\n');
                result = self.out.write_all(text.as_bytes());
            }
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
    let mut writer = ParagraphWriter {
        out,
        width,
        options,
        first: true,
    };
    let mut batch = Vec::new();
    let mut batch_bytes = 0;
    for paragraph in paragraphs {
        if paragraph.trim().is_empty() {
            continue;
        }
        if paragraph.len() >= BATCH_BYTES {
            writer.batch(&mut batch)?;
            batch_bytes = 0;
            writer.streamed(paragraph)?;
            continue;
        }
        batch_bytes += paragraph.len();
        batch.push(paragraph);
        if batch_bytes >= BATCH_BYTES {
            writer.batch(&mut batch)?;
            batch_bytes = 0;
        }
    }
    writer.batch(&mut batch)
}

/// One paragraph as lines of text, each ending in a newline.
pub fn render_paragraph(paragraph: &str, width: usize, options: &LayoutOptions) -> String {
    let mut out = String::with_capacity(paragraph.len() + paragraph.len() / 2);
    layout::layout_lines(paragraph, width, options, |line| {
        line.push_aligned(width, &mut out);
        out.push('\n');
    });
    out
}
