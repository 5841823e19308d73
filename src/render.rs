//! `barg render`: an article laid out as a person reads it, printed as plain
//! lines: each paragraph at the width, RTL lines right-aligned, one blank line
//! between paragraphs, no escape sequences.

use std::io::{self, Write};

use rayon::prelude::*;

use crate::layout::{self, LayoutOptions};

/// Paragraphs are laid out in parallel in batches of about this many bytes,
/// so memory stays proportional to a batch, not to the article.
const BATCH_BYTES: usize = 256 * 1024;

/// Lay out `paragraphs` at `width` and write them to `out`.
pub fn write_paragraphs<'a>(
    paragraphs: impl Iterator<Item = &'a str>,
    width: usize,
    options: &LayoutOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut first = true;
    let mut batch: Vec<&str> = Vec::new();
    let mut batch_bytes = 0;
    let mut flush = |batch: &mut Vec<&str>, first: &mut bool| -> io::Result<()> {
        let rendered: Vec<String> = batch
            .par_iter()
            .map(|paragraph| render_paragraph(paragraph, width, options))
            .collect();
        for text in rendered {
            if !*first {
                out.write_all(b"\n")?;
            }
            *first = false;
            out.write_all(text.as_bytes())?;
        }
        batch.clear();
        Ok(())
    };
    for paragraph in paragraphs {
        if paragraph.trim().is_empty() {
            continue;
        }
        batch_bytes += paragraph.len();
        batch.push(paragraph);
        if batch_bytes >= BATCH_BYTES {
            flush(&mut batch, &mut first)?;
            batch_bytes = 0;
        }
    }
    flush(&mut batch, &mut first)
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
