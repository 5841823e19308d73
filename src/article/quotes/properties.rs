//! Properties of quotes and sentences over text made of quote marks.

use proptest::prelude::*;

use super::*;
use crate::article::{Article, Source};

/// Text made of quote marks, letters, punctuation and line breaks.
fn marked_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "«", "»", "“", "”", "„", "‹", "›", "\"", "'", "‘", "’", "ب", "a", "۵", "5", " ", "\n", ".",
        "؟", "?", "۔", "!", "\u{200C}", "٫",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn quotes_stay_inside_their_paragraphs_and_nest(text in marked_text()) {
        let article = Article::from_plain_text(text, Source::Stdin);
        let quotes = article_quotes(&article);
        for (i, quote) in quotes.iter().enumerate() {
            let paragraph = &article.blocks[quote.block].range;
            prop_assert!(paragraph.start <= quote.range.start);
            prop_assert!(quote.range.end <= paragraph.end);
            prop_assert!(quote.range.start < quote.inner.start);
            prop_assert!(quote.inner.start <= quote.inner.end);
            prop_assert!(quote.inner.end <= quote.range.end);
            for offset in [quote.range.start, quote.range.end, quote.inner.start, quote.inner.end] {
                prop_assert!(article.text.is_char_boundary(offset));
            }
            if i > 0 {
                prop_assert!(quotes[i - 1].range.start < quote.range.start);
            }
            if quote.depth > 0 {
                let parent = quotes[..i]
                    .iter()
                    .rev()
                    .find(|outer| outer.depth + 1 == quote.depth);
                let inside_parent = parent.is_some_and(|parent| {
                    parent.block == quote.block
                        && parent.inner.start <= quote.range.start
                        && quote.range.end <= parent.inner.end
                });
                prop_assert!(inside_parent, "{:?} has no parent around it", quote);
            }
        }
    }

    #[test]
    fn sentences_cover_each_paragraph_without_gaps(text in marked_text()) {
        let article = Article::from_plain_text(text, Source::Stdin);
        for paragraph in article.blocks.iter().map(|b| &b.range) {
            let found = sentences(&article.text, paragraph.clone());
            let mut at = paragraph.start;
            for sentence in &found {
                prop_assert_eq!(sentence.start, at);
                prop_assert!(sentence.start < sentence.end);
                at = sentence.end;
            }
            prop_assert_eq!(at, paragraph.end);
        }
    }
}
