//! Bookmarks written out for other programs: Markdown for people, JSON with
//! every field for tools.

use super::Bookmark;
use crate::dates::DateStyle;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::layout::Direction;
use crate::safe;

/// Markdown in `lang`: one section per article (the article with the newest
/// bookmark first), its title and source, then each quote as a blockquote in
/// logical order, in the order of the text, with its note and date (in the
/// reader's calendar and time zone). Detached bookmarks come last in their
/// article, marked. A right-to-left quote sits in a `<div dir="rtl">`, so a
/// Markdown viewer shows it right to left even when it starts with a Latin
/// word.
pub fn export_markdown(newest_first: &[&Bookmark], lang: Lang) -> String {
    export_markdown_dated(newest_first, lang, &DateStyle::local(lang))
}

/// `export_markdown`, with dates as `dates` shows them.
pub fn export_markdown_dated(newest_first: &[&Bookmark], lang: Lang, dates: &DateStyle) -> String {
    let mut articles: Vec<(&str, Vec<&Bookmark>)> = Vec::new();
    for bookmark in newest_first {
        let key = bookmark.article.id.as_str();
        match articles.iter_mut().find(|(id, _)| *id == key) {
            Some((_, list)) => list.push(bookmark),
            None => articles.push((key, vec![bookmark])),
        }
    }
    let mut out = format!("# {}\n", lang.t("export.heading"));
    for (_, mut list) in articles {
        list.sort_by_key(|b| (b.detached, b.range.start, b.id));
        // The newest bookmark has the article's latest title and source.
        let newest = list.iter().max_by(|a, b| a.created.cmp(&b.created));
        let Some(article) = newest.map(|b| &b.article) else {
            continue;
        };
        let title = if article.title.trim().is_empty() {
            lang.t("export.untitled")
        } else {
            article.title.trim()
        };
        out.push_str(&format!("\n## {}\n\n", escape_line(title)));
        let source = escape_line(&article.source.describe());
        out.push_str(&lang.f("export.source", &[("source", &source)]));
        out.push('\n');
        for bookmark in list {
            out.push('\n');
            // The quote's own lines are Markdown again inside the div: the
            // blank lines around them end the HTML block.
            let rtl = bookmark.direction() == Direction::Rtl;
            if rtl {
                out.push_str("<div dir=\"rtl\">\n\n");
            }
            for line in bookmark.quote.lines() {
                let line = escape_line(line.trim_end());
                if line.is_empty() {
                    out.push_str(">\n");
                } else {
                    out.push_str(&format!("> {line}\n"));
                }
            }
            out.push('\n');
            if rtl {
                out.push_str("</div>\n\n");
            }
            if let Some(note) = bookmark.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let note: Vec<String> = note.lines().map(|l| escape_line(l.trim())).collect();
                let note = note.join("  \n");
                out.push_str(&lang.f("export.note", &[("note", &note)]));
                out.push_str("\n\n");
            }
            let date = escape_line(&dates.date(&bookmark.created));
            let id = lang.digits(&bookmark.id.to_string()).into_owned();
            let paragraph = lang
                .digits(&(bookmark.paragraph + 1).to_string())
                .into_owned();
            out.push('*');
            out.push_str(&lang.f(
                "export.bookmark",
                &[("id", &id), ("date", &date), ("paragraph", &paragraph)],
            ));
            if bookmark.detached {
                out.push(' ');
                out.push_str(lang.t("export.detached"));
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
            direction: None,
            unknown: Default::default(),
        }
    }

    fn english(list: &[&Bookmark]) -> String {
        let utc = DateStyle::at(Lang::ENGLISH, jiff::tz::TimeZone::UTC);
        export_markdown_dated(list, Lang::ENGLISH, &utc)
    }

    #[test]
    fn markdown_has_the_title_source_quotes_in_text_order_notes_and_dates() {
        let first = bookmark(1, "نخستین جمله", 10, None);
        let second = bookmark(2, "جملهٔ دوم", 50, Some("مهم *است*"));
        assert_eq!(
            english(&[&second, &first]),
            "# Bookmarks\n\
             \n## خبر روز\n\n\
             Source: /home/reader/fa-news.txt\n\
             \n<div dir=\"rtl\">\n\n> نخستین جمله\n\n</div>\n\n\
             *Bookmark 1, 2025-11-21, paragraph 3*\n\
             \n<div dir=\"rtl\">\n\n> جملهٔ دوم\n\n</div>\n\n\
             Note: مهم \\*است\\*\n\n\
             *Bookmark 2, 2025-11-22, paragraph 3*\n"
        );
    }

    #[test]
    fn a_left_to_right_quote_is_a_plain_blockquote() {
        let mut quote = bookmark(1, "A terminal reader", 10, None);
        quote.direction = Some(Direction::Ltr);
        assert!(english(&[&quote]).contains("\n\n> A terminal reader\n\n*Bookmark 1,"));
        assert!(!english(&[&quote]).contains("<div"));
    }

    #[test]
    fn markdown_marks_detached_bookmarks() {
        let mut gone = bookmark(1, "رفته", 10, None);
        gone.detached = true;
        assert!(english(&[&gone]).contains("(detached: this quote is no longer"));
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
