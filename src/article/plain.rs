//! The plain-text reader: every non-blank line is a block, the first one is
//! the title, and the text is the file's text unchanged (so offsets are the
//! same as they always were).
//!
//! A crosshead pasted from a news site is a heading: a line that
//! - is neither the first line (the title) nor the last,
//! - is short: at most [`HEADING_CHARS`] characters and [`HEADING_WORDS`] words,
//! - does not end in punctuation that ends or continues a sentence or
//!   closes a quotation (. ! ? ؟ … : ; ؛ , ، ۔ « » " “ ” ) ] and the like),
//! - does not start like a list item (- * • – — or a number followed by . or ) ),
//! - has letters in it,
//! - and has a paragraph (a line that is none of the above) before and after it.
//!
//! So two short lines in a row (a list, a poem, a byline under the title)
//! are never headings.

use std::ops::Range;

use super::Source;
use super::model::{Article, Block, BlockKind, Format};

/// The most characters a heading line has.
pub const HEADING_CHARS: usize = 60;
/// The most words a heading line has.
pub const HEADING_WORDS: usize = 10;

/// Read `text` as plain text.
pub fn read(text: String, source: Source) -> Article {
    let ranges: Vec<Range<usize>> = paragraphs(&text).collect();
    let short: Vec<bool> = ranges
        .iter()
        .map(|range| could_be_heading(&text[range.clone()]))
        .collect();
    let blocks = ranges
        .iter()
        .enumerate()
        .map(|(i, range)| {
            let between_paragraphs =
                i > 0 && i + 1 < ranges.len() && !short[i - 1] && !short[i + 1] && i - 1 != 0;
            let kind = if short[i] && between_paragraphs {
                BlockKind::Heading { level: 2 }
            } else {
                BlockKind::Paragraph
            };
            Block::new(kind, range.clone())
        })
        .collect::<Vec<_>>();
    let title = ranges
        .first()
        .map(|range| super::model::title_of(&text[range.clone()]))
        .unwrap_or_default();
    Article::new(title, source, Format::Plain, text, blocks)
}

/// Where the blocks of plain `text` are: its lines that are not blank,
/// without their line ends.
pub fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    // Line ends found with the CPU's vector instructions: a file that is
    // one 50 MB line is searched in a few milliseconds.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1);
    let mut start = 0;
    ends.chain([text.len()]).filter_map(move |end| {
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        let range = start..start + content.len();
        start = end;
        (!content.trim().is_empty()).then_some(range)
    })
}

/// Punctuation that ends a line that is part of running text, not a heading:
/// sentence ends, colons and commas (Persian and Latin), and closing (or
/// Persian-style opening) quotation marks and brackets.
const NOT_HEADING_END: &[char] = &[
    '.', '!', '?', '؟', '…', ':', ';', '؛', ',', '،', '۔', '«', '»', '"', '“', '”', '„', '\'', '’',
    '‘', ')', ']', '}', '>', '›', '‹', '-', '–', '—',
];

/// Marks that start a list item.
const LIST_MARKS: &[char] = &['-', '*', '•', '–', '—', '+', '·', '▪', '◦'];

/// Whether `line` alone looks like a heading (short, no sentence punctuation
/// at its end, not a list item).
fn could_be_heading(line: &str) -> bool {
    let line = line.trim();
    // `nth`, not `count`: a paragraph of a megabyte is not counted through.
    if line.chars().nth(HEADING_CHARS).is_some()
        || line.split_whitespace().nth(HEADING_WORDS).is_some()
    {
        return false;
    }
    if !line.chars().any(char::is_alphabetic) {
        return false;
    }
    // Marks and invisible characters after the last letter do not hide
    // the punctuation before them.
    let last = line
        .chars()
        .rev()
        .find(|&c| !crate::safe::is_active(c) && !is_invisible(c));
    if last.is_none_or(|c| NOT_HEADING_END.contains(&c)) {
        return false;
    }
    !is_list_item(line)
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// "- item", "• item", "1. item", "۲) item", "a) item".
fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if LIST_MARKS.contains(&first) {
        return true;
    }
    let label: String = line
        .chars()
        .take_while(|c| c.is_numeric() || c.is_ascii_alphabetic())
        .collect();
    let rest = &line[label.len()..];
    let numbered =
        !label.is_empty() && (label.chars().all(char::is_numeric) || label.chars().count() == 1);
    numbered && (rest.starts_with(['.', ')', '-', '٫', '،']) || rest.starts_with(". "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, bool)> {
        let article = read(text.to_string(), Source::Stdin);
        (0..article.blocks.len())
            .map(|i| {
                let heading = matches!(article.blocks[i].kind, BlockKind::Heading { .. });
                (article.block_text(i).to_string(), heading)
            })
            .collect()
    }

    fn headings(text: &str) -> Vec<String> {
        kinds(text)
            .into_iter()
            .filter(|(_, heading)| *heading)
            .map(|(text, _)| text)
            .collect()
    }

    const BODY_FA: &str = "دولت امروز بودجه‌ی سال آینده را به مجلس فرستاد و نمایندگان بررسی آن را از هفته‌ی بعد آغاز می‌کنند.";
    const BODY_EN: &str = "The council met on Tuesday and agreed to keep the library open on Sundays for another year.";

    #[test]
    fn non_blank_lines_are_blocks_the_first_is_the_title_and_offsets_are_the_files() {
        let text = "عنوان\n\nیک\r\n  \nدو";
        let article = read(text.to_string(), Source::Stdin);
        assert_eq!(article.title, "عنوان");
        assert_eq!(article.text, text);
        let texts: Vec<_> = article.block_texts().collect();
        assert_eq!(texts, ["عنوان", "یک", "دو"]);
        let ranges: Vec<_> = article.blocks.iter().map(|b| b.range.clone()).collect();
        assert_eq!(ranges, [0..10, 12..16, 21..25]);
        assert_eq!(article.format, Format::Plain);
    }

    #[test]
    fn a_short_line_between_two_paragraphs_is_a_heading_in_persian_and_english() {
        let fa = format!("تیتر\n{BODY_FA}\nواکنش نمایندگان\n{BODY_FA}\n");
        assert_eq!(headings(&fa), ["واکنش نمایندگان"]);
        let en = format!("Title\n\n{BODY_EN}\n\nWhat happens next\n\n{BODY_EN}\n");
        assert_eq!(headings(&en), ["What happens next"]);
        let article = read(en, Source::Stdin);
        assert_eq!(article.blocks[2].kind, BlockKind::Heading { level: 2 });
    }

    #[test]
    fn lines_that_are_not_headings() {
        let cases = [
            // a short paragraph that ends a sentence
            format!("T\n{BODY_FA}\nاین پایان است.\n{BODY_FA}"),
            format!("T\n{BODY_FA}\nچرا چنین شد؟\n{BODY_FA}"),
            format!("T\n{BODY_EN}\nThey left!\n{BODY_EN}"),
            format!("T\n{BODY_EN}\nHe said:\n{BODY_EN}"),
            format!("T\n{BODY_FA}\nگفت «نه»\n{BODY_FA}"),
            // list-like lines
            format!("T\n{BODY_EN}\n- apples and pears\n{BODY_EN}"),
            format!("T\n{BODY_FA}\n۱. نان و پنیر\n{BODY_FA}"),
            format!("T\n{BODY_EN}\n2) the second point\n{BODY_EN}"),
            // two short lines together: a list or a poem, not headings
            format!("T\n{BODY_FA}\nبخش اول\nبخش دوم\n{BODY_FA}"),
            // the last line, and a line right after the title (a byline)
            format!("T\n{BODY_EN}\nThe end of it"),
            format!("Title\nBy Sara Ahmadi\n{BODY_EN}\n{BODY_EN}"),
            // too long: more than ten words
            format!(
                "T\n{BODY_EN}\none two three four five six seven eight nine ten eleven\n{BODY_EN}"
            ),
            // no letters
            format!("T\n{BODY_EN}\n2025 1404\n{BODY_EN}"),
        ];
        for text in cases {
            assert_eq!(headings(&text), Vec::<String>::new(), "in {text:?}");
        }
        // The title is a paragraph (the reader shows it as the title).
        let article = read(format!("Title\n{BODY_EN}\n"), Source::Stdin);
        assert_eq!(article.blocks[0].kind, BlockKind::Paragraph);
        assert!(article.is_heading(0));
    }

    #[test]
    fn a_heading_is_at_most_sixty_characters_and_ten_words() {
        let sixty = "a".repeat(60);
        let text = format!("T\n{BODY_EN}\n{sixty}\n{BODY_EN}");
        assert_eq!(headings(&text), [sixty.as_str()]);
        let text = format!("T\n{BODY_EN}\n{sixty}b\n{BODY_EN}");
        assert!(headings(&text).is_empty());
        let ten = "one two three four five six seven eight nine ten";
        assert_eq!(headings(&format!("T\n{BODY_EN}\n{ten}\n{BODY_EN}")), [ten]);
        let eleven = format!("{ten} eleven");
        assert!(headings(&format!("T\n{BODY_EN}\n{eleven}\n{BODY_EN}")).is_empty());
    }

    #[test]
    fn empty_and_blank_text_have_no_blocks() {
        for text in ["", "\n\n", "  \r\n\t\n"] {
            let article = read(text.to_string(), Source::Stdin);
            assert!(article.blocks.is_empty());
            assert_eq!(article.title, "");
        }
    }

    #[test]
    fn a_first_line_of_a_megabyte_gives_a_title_cut_at_a_word() {
        let line = "واژه ".repeat(250_000);
        let article = read(format!("{line}\nپایان\n"), Source::Stdin);
        // 200 characters are 40 words and their spaces.
        let expected = format!("{}…", "واژه ".repeat(40).trim_end());
        assert_eq!(article.title, expected);
        // The text is the file's, whole: only the title is short.
        assert_eq!(article.block_text(0).trim_end(), line.trim_end());
    }

    #[test]
    fn a_title_of_201_characters_is_kept_whole_so_a_short_title_stays_as_it_is() {
        let line = "a".repeat(201);
        assert_eq!(read(format!("{line}\n"), Source::Stdin).title, line);
        let shortened = crate::article::title_of(&"واژه ".repeat(100));
        assert_eq!(crate::article::title_of(&shortened), shortened);
    }
}
