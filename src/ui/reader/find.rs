//! Finding things in the open article: quotations to focus, sentences to
//! select, search hits; each moves the screen to what it found.

use std::ops::Range;

use super::Reader;
use crate::article::quotes::{self, QuoteSpan};

/// A stretch of text chosen sentence by sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// The sentences chosen, in order: the first is where it started.
    pub sentences: Vec<Range<usize>>,
}

impl Selection {
    pub fn range(&self) -> Range<usize> {
        let start = self.sentences.first().map_or(0, |s| s.start);
        let end = self.sentences.last().map_or(start, |s| s.end);
        start..end
    }
}

impl Reader {
    /// Focus the next (or previous) quotation after the focused one, or
    /// after the top of the screen when none is focused.
    pub fn focus_quote(&mut self, forward: bool) -> bool {
        if self.quotes.is_empty() {
            return false;
        }
        let from = match self.focus {
            Some(i) => self.quotes[i].range.start,
            None if forward => self.offset().saturating_sub(1),
            None => self.offset(),
        };
        let next = if forward {
            self.quotes.iter().position(|q| {
                q.range.start > from || (self.focus.is_none() && q.range.start >= from)
            })
        } else {
            self.quotes.iter().rposition(|q| q.range.start < from)
        };
        match next {
            Some(i) => {
                self.focus = Some(i);
                let start = self.quotes[i].range.start;
                self.reveal(start);
                true
            }
            None => false,
        }
    }

    pub fn focused_quote(&self) -> Option<&QuoteSpan> {
        self.focus.and_then(|i| self.quotes.get(i))
    }

    /// Start a selection at the focused sentence: the one where the focused
    /// quotation begins, or the first on screen.
    pub fn start_selection(&mut self) {
        let at = match self.focused_quote() {
            Some(quote) => quote.inner.start,
            None => self.offset(),
        };
        if let Some(sentence) = self.sentence_at(at) {
            self.selection = Some(Selection {
                sentences: vec![sentence],
            });
        }
    }

    /// Grow the selection by the next sentence (across blocks).
    pub fn grow_selection(&mut self) {
        let Some(end) = self.selection.as_ref().map(|s| s.range().end) else {
            return;
        };
        if let Some(next) = self.sentence_at(end).filter(|s| s.start >= end) {
            let reveal = next.end.saturating_sub(1);
            if let Some(selection) = &mut self.selection {
                selection.sentences.push(next);
            }
            self.reveal(reveal);
        }
    }

    /// Shrink the selection by its last sentence, keeping the first.
    pub fn shrink_selection(&mut self) {
        if let Some(selection) = &mut self.selection
            && selection.sentences.len() > 1
        {
            selection.sentences.pop();
        }
    }

    /// The sentence containing `offset`, or the first one after it.
    fn sentence_at(&self, offset: usize) -> Option<Range<usize>> {
        let blocks = &self.article.blocks;
        let first = blocks.partition_point(|b| b.range.end <= offset);
        blocks[first.min(blocks.len())..]
            .iter()
            .flat_map(|b| quotes::sentences(&self.article.text, b.range.clone()))
            .find(|s| s.end > offset && !self.article.text[s.clone()].trim().is_empty())
            .map(|s| trim_range(&self.article.text, s))
    }

    /// Find every occurrence of `query` (as the reader's search matches) and
    /// go to the first one after the top of the screen.
    pub fn search(&mut self, query: &str) -> usize {
        self.query = query.to_string();
        self.hits = crate::search::find_all(&self.article.text, query);
        self.hit = None;
        if !self.hits.is_empty() {
            let from = self.offset();
            let first = self.hits.iter().position(|h| h.start >= from).unwrap_or(0);
            self.hit = Some(first);
            self.reveal(self.hits[first].start);
        }
        self.hits.len()
    }

    pub fn next_hit(&mut self, forward: bool) -> bool {
        if self.hits.is_empty() {
            return false;
        }
        let count = self.hits.len();
        let next = match (self.hit, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.hit = Some(next);
        self.reveal(self.hits[next].start);
        true
    }
}

/// `range` without the whitespace at its ends.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    start..start + slice.trim().len()
}
