//! `barg search QUERY`: the articles of the library whose title or text
//! holds the query, matched as in-article search matches (ی/ي, ک/ك, ZWNJ,
//! harakat and digits make no difference).

use std::ops::Range;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use super::library::{cut_to_width, laid_out_field};
use crate::article::{Article, Source};
use crate::error::Result;
use crate::layout::{self, BaseDirection, Direction, LayoutOptions};
use crate::{safe, search, store};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to look for
    #[arg(value_name = "QUERY")]
    pub query: String,

    /// Print JSON (one object per matching article) instead of text
    #[arg(long)]
    pub json: bool,

    /// Files, folders or URLs to search instead of the library
    #[arg(value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,
}

/// What `barg search` says of one matching article.
#[derive(Debug, Serialize)]
pub struct Found {
    pub id: String,
    pub title: String,
    pub source: Source,
    /// The title holds the query.
    pub title_hit: bool,
    /// Matches in the text.
    pub hits: usize,
    /// The first match in the text: byte offsets of the article's text.
    pub first: Option<FirstHit>,
    /// The article's direction, which its title is laid out in.
    #[serde(skip)]
    pub direction: Direction,
}

#[derive(Debug, Serialize)]
pub struct FirstHit {
    pub start: usize,
    pub end: usize,
    /// The match with some of its paragraph around it, on one line.
    pub snippet: String,
    /// The direction of the paragraph it is in, which it is laid out in.
    #[serde(skip)]
    pub direction: Direction,
}

/// Characters of context kept on each side of a match in a snippet.
const CONTEXT_CHARS: usize = 40;

pub fn run(args: &SearchArgs, data_dir: Option<&Path>) -> Result<()> {
    let entries = super::list::load(&args.paths, data_dir, false)?;
    let articles: Vec<Article> = entries.into_iter().map(|e| e.article).collect();
    let found = find(&articles, &args.query);
    if found.is_empty() && !args.json {
        safe::eprint(&crate::i18n::process().f(
            "cli.search.none",
            &[("query", &safe::visible(args.query.trim()))],
        ));
        return Ok(());
    }
    let out = if args.json {
        super::list::json(&found)?
    } else {
        text(&found, super::default_width())
    };
    super::write_stdout(out.as_bytes())
}

/// The articles that hold `query`: those with it in the title first, then
/// by hits, most first; the library's order otherwise.
pub fn find(articles: &[Article], query: &str) -> Vec<Found> {
    let mut hits = search::in_articles(articles, query);
    hits.sort_by(|a, b| {
        b.title_hit
            .cmp(&a.title_hit)
            .then(b.hits.cmp(&a.hits))
            .then(a.index.cmp(&b.index))
    });
    hits.into_iter()
        .filter_map(|hit| {
            let article = articles.get(hit.index)?;
            Some(Found {
                id: store::identify(article).to_string(),
                title: article.title.clone(),
                source: article.source.clone(),
                title_hit: hit.title_hit,
                hits: hit.hits,
                first: hit.first.map(|range| FirstHit {
                    snippet: snippet(&article.text, range.clone()),
                    direction: article.block_direction(article.block_at(range.start)),
                    start: range.start,
                    end: range.end,
                }),
                direction: match crate::article::library::direction_of(article) {
                    crate::article::Direction::Rtl => Direction::Rtl,
                    _ => Direction::Ltr,
                },
            })
        })
        .collect()
}

/// The match at `range` of `text` with up to `CONTEXT_CHARS` characters of
/// its line on each side, cut at spaces, `…` where the line goes on.
fn snippet(text: &str, range: Range<usize>) -> String {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let before = &text[line_start..range.start];
    let after = &text[range.end..line_end];
    let mut start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    if start > 0 {
        // Start at a word.
        start = before[start..].find(' ').map_or(start, |i| start + i + 1);
    }
    let mut end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    if end < after.len() {
        end = after[..end].rfind(' ').unwrap_or(end);
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&before[start..]);
    out.push_str(&text[range.clone()]);
    out.push_str(&after[..end]);
    if end < after.len() {
        out.push('…');
    }
    safe::strip(out.trim()).replace('\t', " ")
}

/// The matches for a person: a line with the hits, source and title (laid
/// out left to right, the title in its article's direction), then the first
/// match in context laid out in the direction of its paragraph.
pub fn text(found: &[Found], width: usize) -> String {
    let lang = crate::i18n::process();
    // The head reads in the interface's direction: from the right in Persian.
    let ltr = LayoutOptions {
        direction: match lang.direction() {
            crate::layout::Direction::Rtl => BaseDirection::Rtl,
            crate::layout::Direction::Ltr => BaseDirection::Ltr,
        },
        ..LayoutOptions::default()
    };
    let mut out = String::new();
    for (n, item) in found.iter().enumerate() {
        let title_layout = LayoutOptions {
            direction: item.direction.into(),
            ..LayoutOptions::default()
        };
        if n > 0 {
            out.push('\n');
        }
        let count = |h| {
            super::say::plural(
                h,
                lang.t("cli.count.hit.one"),
                lang.t("cli.count.hit.other"),
            )
        };
        let hits = match (item.hits, item.title_hit) {
            (0, _) => lang.t("cli.search.title").to_string(),
            (h, true) => lang.f("cli.search.title_and", &[("hits", &count(h))]),
            (h, false) => count(h),
        };
        let head = format!("{hits}  \u{2066}{}\u{2069}", item.source.short_name());
        let (head, used) = laid_out_field(&head, width, &ltr);
        out.push_str(&head);
        let room = width.saturating_sub(used + 2);
        if room >= 8 && !item.title.trim().is_empty() {
            let (title, _) = laid_out_field(&item.title, room, &title_layout);
            out.push_str("  ");
            out.push_str(&title);
        }
        out.push('\n');
        if let Some(first) = &item.first {
            let snippet = cut_to_width(&first.snippet, width.saturating_mul(2));
            let layout = LayoutOptions {
                direction: first.direction.into(),
                ..LayoutOptions::default()
            };
            for line in layout::layout_paragraph(&snippet, width, &layout).lines {
                line.push_aligned(width, &mut out);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_is_laid_out_in_its_paragraphs_direction() {
        // A Persian paragraph whose snippet around the hit starts with
        // English words: by its own first letter it would read left to right.
        let words = "عنوان\n\nنرگس گفت: one two three four five six seven eight nine ten \
                    terminal یک شبکه است، نه یک برگ کاغذ.\n";
        let article = Article::from_plain_text(words.into(), Source::Sample("t".into()));
        let found = find(&[article], "شبکه");
        let first = found[0].first.as_ref().expect("a hit in the text");
        assert!(first.snippet.starts_with("…six seven"), "{}", first.snippet);
        assert_eq!(first.direction, Direction::Rtl);
        let rtl = LayoutOptions {
            direction: BaseDirection::Rtl,
            ..LayoutOptions::default()
        };
        let mut expected = String::new();
        for line in layout::layout_paragraph(&first.snippet, 80, &rtl).lines {
            line.push_aligned(80, &mut expected);
            expected.push('\n');
        }
        let out = text(&found, 80);
        assert_eq!(out.split_once('\n').map(|(_, rest)| rest), Some(&*expected));
    }
}
