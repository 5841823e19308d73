//! Bookmarks written out for other programs: Markdown for people, JSON with
//! every field for tools.

use super::Bookmark;
use crate::error::{Error, Result};
use crate::safe;

/// Markdown: one section per article (the article with the newest bookmark
/// first), its title and source, then each quote as a blockquote in logical
/// order, in the order of the text, with its note and date. Detached
/// bookmarks come last in their article, marked.
pub fn export_markdown(newest_first: &[&Bookmark]) -> String {
    let mut articles: Vec<(&str, Vec<&Bookmark>)> = Vec::new();
    for bookmark in newest_first {
        let key = bookmark.article.id.as_str();
        match articles.iter_mut().find(|(id, _)| *id == key) {
            Some((_, list)) => list.push(bookmark),
            None => articles.push((key, vec![bookmark])),
        }
    }
    let mut out = String::from("# Bookmarks\n");
    for (_, mut list) in articles {
        list.sort_by_key(|b| (b.detached, b.range.start, b.id));
        // The newest bookmark has the article's latest title and source.
        let newest = list.iter().max_by(|a, b| a.created.cmp(&b.created));
        let Some(article) = newest.map(|b| &b.article) else {
            continue;
        };
        let title = if article.title.trim().is_empty() {
            "Untitled"
        } else {
            article.title.trim()
        };
        out.push_str(&format!("\n## {}\n\n", escape_line(title)));
        out.push_str(&format!(
            "Source: {}\n",
            escape_line(&article.source.describe())
        ));
        for bookmark in list {
            out.push('\n');
            for line in bookmark.quote.lines() {
                let line = escape_line(line.trim_end());
                if line.is_empty() {
                    out.push_str(">\n");
                } else {
                    out.push_str(&format!("> {line}\n"));
                }
            }
            out.push('\n');
            if let Some(note) = bookmark.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let note: Vec<String> = note.lines().map(|l| escape_line(l.trim())).collect();
                out.push_str(&format!("Note: {}\n\n", note.join("  \n")));
            }
            let date = bookmark.created.get(..10).unwrap_or(&bookmark.created);
            out.push_str(&format!(
                "*Bookmark {}, {}, paragraph {}",
                bookmark.id,
                escape_line(date),
                bookmark.paragraph + 1
            ));
            if bookmark.detached {
                out.push_str(" (detached: this quote is no longer in the article)");
            }
            out.push_str("*\n");
        }
    }
    out
}

/// JSON: an array of bookmarks, newest first, with every field. Characters
/// that act on a terminal or reorder text (C1 controls, bidi overrides) are
/// written as `\uXXXX` escapes, which parse to the same text.
pub fn export_json(newest_first: &[&Bookmark]) -> Result<String> {
    let text = serde_json::to_string_pretty(newest_first)
        .map_err(|e| Error::new(format!("cannot write the bookmarks as JSON: {e}")))?;
    let mut text = safe::json(text);
    text.push('\n');
    Ok(text)
}

/// Escape the characters that would turn text into Markdown markup. Persian
/// text has none of them, so it stays readable in the file as it is. Those
/// that act on a terminal or reorder text (Trojan Source) are left out.
fn escape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in safe::strip(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!'
        ) {
            out.push('\\');
        }
        // Controls have no business in a Markdown file.
        if c.is_control() && c != '\t' {
            continue;
        }
        out.push(c);
    }
    // A line that starts like a list item or a heading underline stays text.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some(at) = out.find(['.', ')'])
        && at > 0
        && out[..at].bytes().all(|b| b.is_ascii_digit())
    {
        out.insert(at, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Source;
    use crate::store::{ArticleRef, StoredSource};

    fn bookmark(id: u64, quote: &str, start: usize, note: Option<&str>) -> Bookmark {
        Bookmark {
            id,
            article: ArticleRef {
                id: "0123456789abcdef".to_string(),
                source: StoredSource::new(Source::File("/home/reader/fa-news.txt".into())),
                title: "خبر روز".to_string(),
                unknown: Default::default(),
            },
            quote: quote.to_string(),
            range: start..start + quote.len(),
            paragraph: 2,
            note: note.map(str::to_string),
            created: format!("2025-11-2{id}T10:00:00Z"),
            detached: false,
            unknown: Default::default(),
        }
    }

    #[test]
    fn markdown_has_the_title_source_quotes_in_text_order_notes_and_dates() {
        let first = bookmark(1, "نخستین جمله", 10, None);
        let second = bookmark(2, "جملهٔ دوم", 50, Some("مهم *است*"));
        let markdown = export_markdown(&[&second, &first]);
        assert_eq!(
            markdown,
            "# Bookmarks\n\
             \n## خبر روز\n\n\
             Source: /home/reader/fa-news.txt\n\
             \n> نخستین جمله\n\n\
             *Bookmark 1, 2025-11-21, paragraph 3*\n\
             \n> جملهٔ دوم\n\n\
             Note: مهم \\*است\\*\n\n\
             *Bookmark 2, 2025-11-22, paragraph 3*\n"
        );
    }

    #[test]
    fn markdown_marks_detached_bookmarks() {
        let mut gone = bookmark(1, "رفته", 10, None);
        gone.detached = true;
        assert!(export_markdown(&[&gone]).contains("(detached: this quote is no longer"));
    }

    #[test]
    fn markup_in_quotes_stays_text() {
        assert_eq!(
            escape_line("# a *b* [c](d) <e>"),
            "\\# a \\*b\\* \\[c\\](d) \\<e\\>"
        );
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("12. item"), "12\\. item");
        assert_eq!(escape_line("\u{1b}[2Jtext"), "\\[2Jtext");
    }

    #[test]
    fn json_has_every_field() {
        let json = export_json(&[&bookmark(1, "جمله", 0, None)]).expect("JSON");
        for field in [
            "\"id\"",
            "\"article\"",
            "\"source\"",
            "\"title\"",
            "\"quote\"",
            "\"range\"",
            "\"start\"",
            "\"end\"",
            "\"paragraph\"",
            "\"note\"",
            "\"created\"",
            "\"detached\"",
        ] {
            assert!(json.contains(field), "{field} missing from {json}");
        }
    }
}
