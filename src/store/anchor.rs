//! Which article a bookmark belongs to, and finding its quote again when the
//! article's text has changed.

use std::ops::Range;

use super::{ArticleRef, Bookmark};
use crate::article::Article;
use crate::search;

/// An article's identity: a hash of its folded text (see `search`), so it
/// stays the same when the file moves or when only ي/ی, ZWNJ, harakat or the
/// spacing change. 64-bit FNV-1a, written out here because it must give the
/// same value on every platform and every release of Rust, forever.
pub fn article_id(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |byte: u8| {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    };
    // The folded text without spaces at its ends: a space is hashed only
    // once something follows it, and none is hashed before the first letter.
    let (mut started, mut spaces) = (false, 0usize);
    search::folded_chars(text, |c| {
        if c == ' ' {
            spaces += usize::from(started);
            return;
        }
        for _ in 0..spaces {
            add(b' ');
        }
        spaces = 0;
        started = true;
        let mut utf8 = [0; 4];
        for &byte in c.encode_utf8(&mut utf8).as_bytes() {
            add(byte);
        }
    });
    format!("{hash:016x}")
}

/// The index of the block (a paragraph of plain text) that holds byte
/// `offset` (or the next one, when the offset falls between blocks).
pub fn paragraph_of(article: &Article, offset: usize) -> usize {
    article.block_at(offset)
}

/// What checking an article did to its bookmarks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reanchored {
    /// Bookmarks whose quote moved with the text and was found again.
    pub moved: usize,
    /// Bookmarks whose quote is no longer in the article: kept, marked detached.
    pub detached: usize,
    /// Detached bookmarks whose quote is back.
    pub reattached: usize,
    /// Anything changed in the bookmarks, counted above or not (a new
    /// identity, a moved file, a respelled quote).
    pub changed: bool,
}

impl Reanchored {
    /// A line for a person, when there is anything to say.
    pub fn describe(&self, source: &str) -> Option<String> {
        let mut parts = Vec::new();
        if self.moved > 0 {
            parts.push(format!(
                "{} found again after the text changed",
                count(self.moved, "bookmark")
            ));
        }
        if self.reattached > 0 {
            parts.push(format!(
                "{} found again after being detached",
                count(self.reattached, "bookmark")
            ));
        }
        if self.detached > 0 {
            parts.push(format!(
                "{} detached: the quote is no longer in the article (kept, marked detached)",
                count(self.detached, "bookmark")
            ));
        }
        (!parts.is_empty()).then(|| format!("{source}: {}", parts.join("; ")))
    }
}

pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Bring the bookmarks of `article` (those with its identity or its source)
/// up to date with its text. A quote still at its range stays; one that moved
/// is found again by its text, at the occurrence nearest to where it was; one
/// that is gone is kept and marked detached, never dropped.
pub fn reanchor(bookmarks: &mut [Bookmark], article: &Article, key: &ArticleRef) -> Reanchored {
    let mut report = Reanchored::default();
    let mut gone_sources: Vec<(ArticleRef, bool)> = Vec::new();
    for bookmark in bookmarks
        .iter_mut()
        .filter(|b| b.article.id == key.id || b.article.same_source(key))
    {
        let found = if holds(&article.text, &bookmark.range, &bookmark.quote) {
            Some(bookmark.range.clone())
        } else {
            nearest(
                search::find_all(&article.text, &bookmark.quote),
                bookmark.range.start,
            )
        };
        let Some(range) = found else {
            if !bookmark.detached {
                bookmark.detached = true;
                report.detached += 1;
                report.changed = true;
            }
            continue;
        };
        let mut updated = bookmark.clone();
        if bookmark.detached {
            report.reattached += 1;
        } else if range != bookmark.range {
            report.moved += 1;
        }
        updated.detached = false;
        updated.quote = article.text[range.clone()].to_string();
        updated.paragraph = paragraph_of(article, range.start);
        // Kept for showing the quote away from its paragraph; a bookmark
        // made before barg kept it gets it here.
        updated.direction = Some(article.block_direction(updated.paragraph));
        updated.range = range;
        updated.article.id.clone_from(&key.id);
        updated.article.title.clone_from(&key.title);
        // The same text at another path: a moved file takes its bookmarks
        // along; a copy leaves them where they are.
        if !updated.article.same_source(key) && source_gone(&mut gone_sources, &updated) {
            updated.article.source.source.clone_from(&key.source.source);
        }
        if updated != *bookmark {
            *bookmark = updated;
            report.changed = true;
        }
    }
    report
}

/// Whether `quote` is still at `range` of `text`.
fn holds(text: &str, range: &Range<usize>, quote: &str) -> bool {
    text.get(range.clone())
        .is_some_and(|here| search::same_text(here, quote))
}

fn nearest(candidates: Vec<Range<usize>>, to: usize) -> Option<Range<usize>> {
    candidates
        .into_iter()
        .min_by_key(|range| range.start.abs_diff(to))
}

/// Whether the file a bookmark names is gone (asked once per source).
fn source_gone(cache: &mut Vec<(ArticleRef, bool)>, bookmark: &Bookmark) -> bool {
    let article = &bookmark.article;
    if let Some((_, gone)) = cache.iter().find(|(a, _)| a.same_source(article)) {
        return *gone;
    }
    let gone = article.path().is_some_and(|path| !path.exists());
    cache.push((article.clone(), gone));
    gone
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Source;
    use crate::store::StoredSource;
    use std::path::PathBuf;

    fn article(text: &str) -> Article {
        Article::from_plain_text(
            text.to_string(),
            Source::File(PathBuf::from("/nowhere/article.txt")),
        )
    }

    fn bookmark_of(article: &Article, quote: &str) -> Bookmark {
        let range = search::find_all(&article.text, quote)
            .into_iter()
            .next()
            .expect("the quote is in the article");
        let paragraph = paragraph_of(article, range.start);
        Bookmark {
            id: 1,
            article: ArticleRef::of(article),
            quote: article.text[range.clone()].to_string(),
            paragraph,
            range,
            note: None,
            created: "2025-11-25T14:03:07Z".to_string(),
            detached: false,
            direction: Some(article.block_direction(paragraph)),
            unknown: Default::default(),
        }
    }

    #[test]
    fn identity_ignores_spelling_and_spacing_but_not_words() {
        assert_eq!(article_id("كتاب  خوب\n"), article_id("کتاب خوب"));
        assert_eq!(article_id("می‌روم"), article_id("میروم"));
        assert_ne!(article_id("کتاب خوب"), article_id("کتاب بد"));
        assert_eq!(article_id("").len(), 16);
    }

    #[test]
    fn identity_is_the_same_on_every_machine() {
        // FNV-1a of "a": a published test vector.
        assert_eq!(article_id("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn a_quote_follows_an_edit_above_it() {
        let before = article("عنوان\n\nبند اول.\n\nجملهٔ نشان‌شده اینجاست.\n");
        let mut bookmarks = vec![bookmark_of(&before, "جملهٔ نشان‌شده")];
        let after = article("عنوان\n\nبندی تازه در بالا.\n\nبند اول.\n\nجملهٔ نشان‌شده اینجاست.\n");
        let report = reanchor(&mut bookmarks, &after, &ArticleRef::of(&after));
        assert_eq!(report.moved, 1);
        let moved = &bookmarks[0];
        assert_eq!(&after.text[moved.range.clone()], "جملهٔ نشان‌شده");
        assert_eq!(moved.paragraph, 3);
        assert_eq!(moved.article.id, article_id(&after.text));
        assert!(!moved.detached);
    }

    #[test]
    fn a_deleted_quote_leaves_a_detached_bookmark() {
        let before = article("عنوان\n\nجملهٔ نشان‌شده اینجاست.\n");
        let mut bookmarks = vec![bookmark_of(&before, "جملهٔ نشان‌شده")];
        let kept = bookmarks[0].clone();
        let after = article("عنوان\n\nجمله‌ای دیگر.\n");
        let report = reanchor(&mut bookmarks, &after, &ArticleRef::of(&after));
        assert_eq!(report.detached, 1);
        assert!(bookmarks[0].detached);
        assert_eq!(bookmarks[0].quote, kept.quote);
        assert_eq!(bookmarks[0].range, kept.range);

        // The quote comes back: the bookmark attaches again.
        let report = reanchor(&mut bookmarks, &before, &ArticleRef::of(&before));
        assert_eq!(report.reattached, 1);
        assert!(!bookmarks[0].detached);
    }

    #[test]
    fn the_occurrence_nearest_the_old_place_wins() {
        let before = article("الف\nتکرار\nب\nتکرار\n");
        let second = before.text.rfind("تکرار").expect("twice");
        let mut bookmark = bookmark_of(&before, "تکرار");
        bookmark.range = second..second + "تکرار".len();
        let mut bookmarks = vec![bookmark];
        let after = article("ج\nالف\nتکرار\nب\nتکرار\n");
        reanchor(&mut bookmarks, &after, &ArticleRef::of(&after));
        assert_eq!(
            bookmarks[0].range.start,
            after.text.rfind("تکرار").expect("twice")
        );
    }

    #[test]
    fn an_unchanged_article_changes_nothing() {
        let text = article("عنوان\n\nجمله.\n");
        let mut bookmarks = vec![bookmark_of(&text, "جمله")];
        let report = reanchor(&mut bookmarks, &text, &ArticleRef::of(&text));
        assert_eq!(report, Reanchored::default());
    }

    #[test]
    fn an_older_bookmark_gets_its_paragraphs_direction() {
        let text = article("Title\n\nنرگس گفت: terminal یک شبکه است.\n");
        let mut bookmark = bookmark_of(&text, "terminal یک شبکه");
        bookmark.direction = None;
        let mut bookmarks = vec![bookmark];
        let report = reanchor(&mut bookmarks, &text, &ArticleRef::of(&text));
        assert!(report.changed);
        assert_eq!(report.describe("a.txt"), None);
        assert_eq!(bookmarks[0].direction, Some(crate::layout::Direction::Rtl));
    }

    #[test]
    fn bookmarks_of_other_articles_are_left_alone() {
        let one = article("یک\n");
        let mut bookmark = bookmark_of(&one, "یک");
        bookmark.article.source = StoredSource::new(Source::File(PathBuf::from("/elsewhere.txt")));
        bookmark.article.id = "0000000000000000".to_string();
        let mut bookmarks = vec![bookmark.clone()];
        let other = article("دو\n");
        reanchor(&mut bookmarks, &other, &ArticleRef::of(&other));
        assert_eq!(bookmarks[0], bookmark);
    }
}
