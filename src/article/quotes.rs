//! Quotations and sentences of an article, found in logical text. The reader
//! draws quotations in their own style and moves between them with `]`/`[`;
//! a `v` selection grows and shrinks by sentences.
//!
//! Quotation marks: « » and ‹ › pair, “ ” pair, „ opens a quote that “ or ”
//! closes, and a straight " toggles. Single quotes and apostrophes (' ‘ ’) are
//! never quotation marks: they appear inside words. A straight " between the
//! letters or digits of a word (5" screen) still toggles: telling inches from
//! quotes needs more than the marks, and a wrong guess only ends at the
//! paragraph's end. A paragraph typed with reversed guillemets (»…«) is read
//! that way when it makes more of its quotes pair up than the usual reading.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::model::{Article, BlockKind, SpanKind};

/// A quotation in an article: byte offsets into the article's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// From the opening mark to just after the closing mark (or to the end of
    /// the paragraph when the quote is never closed).
    pub range: Range<usize>,
    /// The text inside the marks (range without the marks), for copying and bookmarking.
    pub inner: Range<usize>,
    /// 0 for an outermost quotation, 1 for one inside it, …
    pub depth: u8,
    /// Index of the block (into the `blocks` given) it is in.
    pub block: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
}

/// Every quotation of the article, outer ones and nested ones, sorted by
/// `range.start` (an outer quote before the ones nested in it).
/// `paragraphs` are byte ranges of paragraphs in `text`; quotes never span
/// paragraphs. (An article's quotations: [`article_quotes`].)
///
/// A paragraph range that is outside `text` or not on character boundaries
/// has no quotes rather than a panic.
pub fn find_quotes(text: &str, paragraphs: &[Range<usize>]) -> Vec<QuoteSpan> {
    let kinds = std::iter::repeat(&BlockKind::Paragraph);
    quotes_of(text, paragraphs.iter().zip(kinds))
}

/// Every quotation of `article`, as [`find_quotes`] finds them, by its
/// blocks: a block quotation is a quotation itself (the whole block, with
/// the quotes inside it one level deeper); headings, code and rules have
/// none.
pub fn article_quotes(article: &Article) -> Vec<QuoteSpan> {
    let blocks = article.blocks.iter().map(|b| (&b.range, &b.kind));
    let mut quotes = quotes_of(&article.text, blocks);
    // HTML's <q>, whose marks are the page's style, not its text (none in
    // a heading, as marks there are none). Depth is then the count of
    // quotations around a quote, in one pass.
    let marked = article.blocks.iter().enumerate().flat_map(|(block, b)| {
        let quoting = !matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Code { .. });
        let spans = b
            .spans
            .iter()
            .filter(move |s| quoting && s.kind == SpanKind::Quote);
        spans.map(move |s| (s.range.clone(), block))
    });
    let before = quotes.len();
    quotes.extend(marked.map(|(range, block)| QuoteSpan {
        inner: range.clone(),
        range,
        depth: 0,
        block,
        closed: true,
    }));
    if quotes.len() > before {
        quotes.sort_by_key(|q| (q.block, q.range.start, std::cmp::Reverse(q.range.end)));
        let mut around: Vec<(usize, usize)> = Vec::new();
        for quote in &mut quotes {
            around.retain(|&(block, end)| block == quote.block && end >= quote.range.end);
            quote.depth = u8::try_from(around.len()).unwrap_or(u8::MAX);
            around.push((quote.block, quote.range.end));
        }
    }
    quotes
}

fn quotes_of<'a>(
    text: &str,
    blocks: impl Iterator<Item = (&'a Range<usize>, &'a BlockKind)>,
) -> Vec<QuoteSpan> {
    let mut quotes = Vec::new();
    for (index, (range, kind)) in blocks.enumerate() {
        let Some(body) = text.get(range.clone()) else {
            continue;
        };
        match kind {
            BlockKind::Paragraph | BlockKind::ListItem { .. } => {
                quotes.extend(paragraph_quotes(body, range.start, index));
            }
            BlockKind::Quote => {
                let start = range.start + (body.len() - body.trim_start().len());
                let whole = start..start + body.trim().len();
                if whole.is_empty() {
                    continue;
                }
                quotes.push(QuoteSpan {
                    range: whole.clone(),
                    inner: whole,
                    depth: 0,
                    block: index,
                    closed: true,
                });
                quotes.extend(paragraph_quotes(body, range.start, index).into_iter().map(
                    |mut quote| {
                        quote.depth = quote.depth.saturating_add(1);
                        quote
                    },
                ));
            }
            BlockKind::Heading { .. } | BlockKind::Code { .. } | BlockKind::Rule => {}
        }
    }
    // Blocks come in order from `Article`; anything else is still sorted,
    // stably so that an outer quote stays before the quotes inside it.
    if !quotes.is_sorted_by_key(|quote| quote.range.start) {
        quotes.sort_by_key(|quote| quote.range.start);
    }
    quotes
}

/// The sentences of one paragraph, as byte ranges into `text` covering the
/// paragraph without gaps (trailing spaces belong to the sentence before).
/// Handles Persian/Arabic punctuation (؟ ، ؛ . ! ۔ U+06D4) and does not end a
/// sentence inside a number like 12.5 or a URL like example.org/a.b.
///
/// An empty paragraph has no sentences; so has a range outside `text` or off
/// its character boundaries.
pub fn sentences(text: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    let Some(body) = text.get(paragraph.clone()) else {
        return Vec::new();
    };
    let mut sentences: Vec<Range<usize>> = Vec::new();
    // Unicode's sentence boundaries (UAX #29) already know ؟ and ۔ as sentence
    // ends, ، and ؛ as not, and keep 12.5, ۱۲٫۵ and example.org together. What
    // they split is a terminator glued to the next word: the dots of ق.م or of
    // a Persian path in a URL, and the ? of a query string.
    for (offset, piece) in body.split_sentence_bound_indices() {
        let start = paragraph.start + offset;
        let end = start + piece.len();
        match sentences.last_mut() {
            Some(last) if glued(&text[last.clone()], piece) => last.end = end,
            _ => sentences.push(start..end),
        }
    }
    sentences
}

/// Whether a sentence boundary between `before` and `after` falls inside a
/// token such as an abbreviation, a path or a query string.
fn glued(before: &str, after: &str) -> bool {
    let ends_in_dot_or_question = matches!(before.chars().next_back(), Some('.' | '?'));
    let word_follows = after.chars().next().is_some_and(char::is_alphanumeric);
    ends_in_dot_or_question && word_follows
}

/// The quotations of one paragraph whose text is `body`, starting at byte
/// `base` of the article.
fn paragraph_quotes(body: &str, base: usize, paragraph: usize) -> Vec<QuoteSpan> {
    let usual = Scan::run(body, base, paragraph, Guillemets::Usual);
    // Some writers type »…«. Only a paragraph whose quotes fit together
    // better that way is read reversed, so a lone » used as an arrow or a
    // breadcrumb does not turn the rest of the paragraph into a quote.
    if usual.mismatches > 0 && body.contains('»') {
        let reversed = Scan::run(body, base, paragraph, Guillemets::Reversed);
        if reversed.mismatches < usual.mismatches {
            return reversed.quotes;
        }
    }
    usual.quotes
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Guillemets {
    /// « opens, » closes.
    Usual,
    /// » opens, « closes.
    Reversed,
}

/// The kinds of quotation, told apart by their opening mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Guillemet,
    Curly,
    /// Opened by „, closed by “ or ”.
    Low,
    Angle,
    Straight,
}

/// One pass over a paragraph's marks.
#[derive(Debug)]
struct Scan {
    quotes: Vec<QuoteSpan>,
    /// The open quotes, innermost last: index into `quotes` and kind.
    open: Vec<(usize, Kind)>,
    /// Closing marks with nothing to close, and quotes never closed.
    mismatches: usize,
    paragraph: usize,
}

impl Scan {
    fn run(body: &str, base: usize, paragraph: usize, guillemets: Guillemets) -> Scan {
        let (guillemet_opens, guillemet_closes) = match guillemets {
            Guillemets::Usual => ('«', '»'),
            Guillemets::Reversed => ('»', '«'),
        };
        let mut scan = Scan {
            quotes: Vec::new(),
            open: Vec::new(),
            mismatches: 0,
            paragraph,
        };
        let mut previous = None;
        let mut chars = body.char_indices().peekable();
        while let Some((offset, mark)) = chars.next() {
            let at = base + offset..base + offset + mark.len_utf8();
            let next = chars.peek().map(|&(_, c)| c);
            if mark == guillemet_opens {
                scan.open(Kind::Guillemet, at);
            } else if mark == guillemet_closes {
                scan.close(&[Kind::Guillemet], at);
            } else {
                match mark {
                    // “ closes „ in German-style typing, unless it sits where an
                    // opening mark does: after a space, before a word.
                    '\u{201C}' => {
                        if scan.innermost() == Some(Kind::Low) && !opens_a_word(previous, next) {
                            scan.close(&[Kind::Low], at);
                        } else {
                            scan.open(Kind::Curly, at);
                        }
                    }
                    '\u{201D}' => scan.close(&[Kind::Curly, Kind::Low], at),
                    '\u{201E}' => scan.open(Kind::Low, at),
                    '\u{2039}' => scan.open(Kind::Angle, at),
                    '\u{203A}' => scan.close(&[Kind::Angle], at),
                    '"' => {
                        if scan.innermost() == Some(Kind::Straight) {
                            scan.close(&[Kind::Straight], at);
                        } else {
                            scan.open(Kind::Straight, at);
                        }
                    }
                    _ => {}
                }
            }
            previous = Some(mark);
        }
        scan.end_all(base + body.len());
        scan
    }

    fn innermost(&self) -> Option<Kind> {
        self.open.last().map(|&(_, kind)| kind)
    }

    fn open(&mut self, kind: Kind, mark: Range<usize>) {
        self.open.push((self.quotes.len(), kind));
        self.quotes.push(QuoteSpan {
            inner: mark.end..mark.end,
            range: mark,
            depth: u8::try_from(self.open.len() - 1).unwrap_or(u8::MAX),
            block: self.paragraph,
            closed: false,
        });
    }

    /// Close the innermost open quote of one of `kinds` with the closing
    /// `mark`; quotes opened inside it end unclosed just before the mark.
    fn close(&mut self, kinds: &[Kind], mark: Range<usize>) {
        let Some(position) = self.open.iter().rposition(|(_, kind)| kinds.contains(kind)) else {
            self.mismatches += 1;
            return;
        };
        for (index, _) in self.open.split_off(position + 1) {
            self.end_unclosed(index, mark.start);
        }
        if let Some((index, _)) = self.open.pop()
            && let Some(quote) = self.quotes.get_mut(index)
        {
            quote.inner.end = mark.start;
            quote.range.end = mark.end;
            quote.closed = true;
        }
    }

    /// End every open quote at `end`, the paragraph's end.
    fn end_all(&mut self, end: usize) {
        for (index, _) in std::mem::take(&mut self.open) {
            self.end_unclosed(index, end);
        }
    }

    fn end_unclosed(&mut self, index: usize, end: usize) {
        self.mismatches += 1;
        if let Some(quote) = self.quotes.get_mut(index) {
            quote.inner.end = end;
            quote.range.end = end;
        }
    }
}

/// Whether a mark between `previous` and `next` stands where an opening mark
/// does: at the start or after a space, and before a word.
fn opens_a_word(previous: Option<char>, next: Option<char>) -> bool {
    previous.is_none_or(char::is_whitespace) && next.is_some_and(|c| !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::samples::SAMPLES;
    use crate::article::{Article, Source};

    /// The quotes of a text that is one paragraph.
    fn one_paragraph_quotes(text: &str) -> Vec<QuoteSpan> {
        find_quotes(text, std::slice::from_ref(&(0..text.len())))
    }

    /// The quotes of a one-paragraph text, as the text of each quote.
    fn quoted(text: &str) -> Vec<&str> {
        one_paragraph_quotes(text)
            .into_iter()
            .map(|quote| &text[quote.range])
            .collect()
    }

    fn sentence_texts(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn a_quote_in_guillemets_is_found_with_its_inner_text() {
        let text = "مادربزرگ گفت: «باران که بیاید، نان گرم می‌شود.» و رفت.";
        let quotes = one_paragraph_quotes(text);
        assert_eq!(quotes.len(), 1);
        let quote = &quotes[0];
        assert_eq!(
            &text[quote.range.clone()],
            "«باران که بیاید، نان گرم می‌شود.»"
        );
        assert_eq!(&text[quote.inner.clone()], "باران که بیاید، نان گرم می‌شود.");
        assert_eq!((quote.depth, quote.block, quote.closed), (0, 0, true));
    }

    #[test]
    fn a_nested_quote_inside_guillemets_is_found_with_depth_one() {
        let text = "نوشته بود: «نگهبان پرسید “بلیت داری؟” و من خندیدم.»";
        let quotes = one_paragraph_quotes(text);
        let found: Vec<_> = quotes
            .iter()
            .map(|quote| (&text[quote.range.clone()], quote.depth, quote.closed))
            .collect();
        assert_eq!(
            found,
            [
                ("«نگهبان پرسید “بلیت داری؟” و من خندیدم.»", 0, true),
                ("“بلیت داری؟”", 1, true),
            ]
        );
    }

    #[test]
    fn guillemets_nest_inside_guillemets() {
        let text = "«او گفت «صبر کن» و ایستاد»";
        let quotes = one_paragraph_quotes(text);
        let depths: Vec<_> = quotes.iter().map(|quote| quote.depth).collect();
        assert_eq!(depths, [0, 1]);
        assert_eq!(quoted(text), [text, "«صبر کن»"]);
    }

    #[test]
    fn an_unclosed_quote_ends_at_its_paragraphs_end() {
        let text = "راوی گفت: «شب بود و برف می‌بارید\nپاراگراف بعد «کامل» است.";
        let article = Article::from_plain_text(text.to_string(), Source::Stdin);
        let quotes = article_quotes(&article);
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].range.end, article.blocks[0].range.end);
        assert_eq!(&text[quotes[0].inner.clone()], "شب بود و برف می‌بارید");
        assert!(!quotes[0].closed);
        assert_eq!((quotes[1].block, quotes[1].closed), (1, true));
        assert_eq!(&text[quotes[1].range.clone()], "«کامل»");
    }

    #[test]
    fn straight_quotes_toggle() {
        let text = "کلمه‌ی \"آری\" و کلمه‌ی \"نه\" را بنویس.";
        assert_eq!(quoted(text), ["\"آری\"", "\"نه\""]);
    }

    #[test]
    fn straight_quotes_nest_inside_other_quotes() {
        let text = "\"گفت «بنویس \"آری\" را» و رفت\"";
        let quotes = one_paragraph_quotes(text);
        let found: Vec<_> = quotes
            .iter()
            .map(|quote| (&text[quote.range.clone()], quote.depth))
            .collect();
        assert_eq!(
            found,
            [(text, 0), ("«بنویس \"آری\" را»", 1), ("\"آری\"", 2)]
        );
    }

    #[test]
    fn a_straight_quote_inside_a_word_still_toggles() {
        // Inches read as a quote: the choice documented at the top of the module.
        let text = "صفحه‌ی 5\" کوچک است";
        let quotes = one_paragraph_quotes(text);
        assert_eq!(quotes.len(), 1);
        assert!(!quotes[0].closed);
    }

    #[test]
    fn angle_quotes_pair() {
        assert_eq!(quoted("واژه‌ی ‹دل› کوتاه است"), ["‹دل›"]);
    }

    #[test]
    fn a_low_quote_is_closed_by_either_curly_mark() {
        assert_eq!(quoted("او گفت „بیا“ و „برو” را"), ["„بیا“", "„برو”"]);
    }

    #[test]
    fn a_curly_quote_that_opens_a_word_nests_inside_a_low_quote() {
        let text = "„گفت “نه” و رفت“";
        assert_eq!(quoted(text), [text, "“نه”"]);
    }

    #[test]
    fn apostrophes_and_single_quotes_are_not_quotations() {
        assert!(quoted("it's ‘rock’n’roll’ and 'so' on").is_empty());
    }

    #[test]
    fn closing_an_outer_quote_ends_the_quotes_still_open_inside_it() {
        let text = "«بیرون “درون» پس از";
        let quotes = one_paragraph_quotes(text);
        assert_eq!(quotes.len(), 2);
        assert_eq!(&text[quotes[0].range.clone()], "«بیرون “درون»");
        assert!(quotes[0].closed);
        assert_eq!(&text[quotes[1].range.clone()], "“درون");
        assert!(!quotes[1].closed);
    }

    #[test]
    fn a_closing_mark_with_nothing_open_is_ignored() {
        assert!(quoted("تمام شد” و رفت").is_empty());
    }

    #[test]
    fn reversed_guillemets_are_read_as_quotes() {
        let text = "او گفت: »فردا می‌آیم« و رفت. بعد »دوباره« گفت.";
        assert_eq!(quoted(text), ["»فردا می‌آیم«", "»دوباره«"]);
        assert!(one_paragraph_quotes(text).iter().all(|q| q.closed));
    }

    #[test]
    fn a_lone_closing_guillemet_used_as_an_arrow_does_not_reverse_the_paragraph() {
        let text = "خانه » اخبار » «گزارش امروز» را ببینید";
        assert_eq!(quoted(text), ["«گزارش امروز»"]);
    }

    #[test]
    fn quotes_are_sorted_with_outer_ones_first_across_paragraphs() {
        let text = "«یک «دو»»\n“سه” و «چهار»";
        let article = Article::from_plain_text(text.to_string(), Source::Stdin);
        let quotes = article_quotes(&article);
        let found: Vec<_> = quotes
            .iter()
            .map(|quote| (&text[quote.range.clone()], quote.block))
            .collect();
        assert_eq!(
            found,
            [("«یک «دو»»", 0), ("«دو»", 0), ("“سه”", 1), ("«چهار»", 1)]
        );
    }

    #[test]
    fn a_paragraph_range_that_does_not_fit_the_text_has_no_quotes() {
        let text = "«سلام»";
        assert!(find_quotes(text, &[1..4, 0..100]).is_empty());
        assert!(sentences(text, 1..4).is_empty());
        assert!(sentences(text, 0..100).is_empty());
    }

    #[test]
    fn every_quote_in_the_news_sample_is_closed() {
        let mut news_quotes = None;
        for &(name, text) in SAMPLES {
            let article = Article::from_plain_text(text.to_string(), Source::Sample(name.into()));
            let quotes = article_quotes(&article);
            for quote in &quotes {
                let paragraph = &article.blocks[quote.block].range;
                assert!(paragraph.start <= quote.range.start && quote.range.end <= paragraph.end);
                for offset in [
                    quote.range.start,
                    quote.range.end,
                    quote.inner.start,
                    quote.inner.end,
                ] {
                    assert!(article.text.is_char_boundary(offset), "{name}: {quote:?}");
                }
            }
            if name == "fa-news.txt" {
                news_quotes = Some(quotes);
            }
        }
        let news_quotes = news_quotes.expect("fa-news.txt is a sample");
        assert!(news_quotes.len() >= 6, "{news_quotes:?}");
        assert!(
            news_quotes.iter().all(|quote| quote.closed),
            "{news_quotes:?}"
        );
    }

    #[test]
    fn persian_question_marks_and_full_stops_end_sentences() {
        let text = "نامه را خواندی؟ بله، خواندم؛ کوتاه بود. عجب! تمام شد۔ پایان";
        assert_eq!(
            sentence_texts(text),
            [
                "نامه را خواندی؟ ",
                "بله، خواندم؛ کوتاه بود. ",
                "عجب! ",
                "تمام شد۔ ",
                "پایان"
            ]
        );
    }

    #[test]
    fn words_joined_by_a_zero_width_non_joiner_stay_in_one_sentence() {
        let text = "کتاب‌ها را می‌خوانیم. نامه‌ها را نه.";
        assert_eq!(
            sentence_texts(text),
            ["کتاب‌ها را می‌خوانیم. ", "نامه‌ها را نه."]
        );
    }

    #[test]
    fn a_number_with_a_decimal_point_does_not_end_a_sentence() {
        let text = "دما ۱۲٫۵ درجه بود و باران 12.5 میلی‌متر. فردا ۳.۲ درجه است.";
        assert_eq!(
            sentence_texts(text),
            [
                "دما ۱۲٫۵ درجه بود و باران 12.5 میلی‌متر. ",
                "فردا ۳.۲ درجه است."
            ]
        );
    }

    #[test]
    fn a_url_does_not_end_a_sentence() {
        let text = "نشانی example.org/a.b و barg.ir/مقاله.تازه?q=1 است. بعدی";
        assert_eq!(
            sentence_texts(text),
            [
                "نشانی example.org/a.b و barg.ir/مقاله.تازه?q=1 است. ",
                "بعدی"
            ]
        );
    }

    #[test]
    fn an_abbreviation_with_dots_does_not_end_a_sentence() {
        let text = "در سال ۵۰۰ ق.م. شهر ساخته شد.";
        assert_eq!(sentence_texts(text), ["در سال ۵۰۰ ق.م. ", "شهر ساخته شد."]);
    }

    #[test]
    fn a_question_inside_a_quote_keeps_its_closing_mark() {
        let text = "پرسید: «کی برمی‌گردی؟» گفتم نمی‌دانم.";
        assert_eq!(
            sentence_texts(text),
            ["پرسید: «کی برمی‌گردی؟» ", "گفتم نمی‌دانم."]
        );
    }

    #[test]
    fn sentences_cover_a_paragraph_in_the_middle_of_the_text() {
        let text = "عنوان\n  یک. دو؟  \nسه";
        let article = Article::from_plain_text(text.to_string(), Source::Stdin);
        let paragraph = article.blocks[1].range.clone();
        let found: Vec<_> = sentences(text, paragraph.clone())
            .into_iter()
            .map(|range| &text[range])
            .collect();
        assert_eq!(found, ["  یک. ", "دو؟  "]);
        assert!(sentences(text, paragraph.start..paragraph.start).is_empty());
    }
}

// The properties every article's quotes and sentences keep (proptest).
#[cfg(test)]
mod properties;
