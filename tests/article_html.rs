//! Web pages as articles: a page's bytes give its title and article text as
//! blocks and spans, without its menus, related links, comments or footer,
//! in the encoding the page (or its server) says it is in.

use std::path::PathBuf;

use barg::article::html;
use barg::article::quotes::article_quotes;
use barg::article::{Article, BlockKind, Direction, Format, Source, Span, SpanKind, open};

const NEWS: &[u8] = include_bytes!("fixtures/html/fa-news.html");
const PAGE_1256: &[u8] = include_bytes!("fixtures/html/fa-1256.html");
const PAGE_1256_SAYS_UTF8: &[u8] = include_bytes!("fixtures/html/fa-1256-says-utf8.html");

fn source() -> Source {
    Source::File(PathBuf::from("page.html"))
}

fn page(bytes: &[u8]) -> Article {
    html::read(bytes, None, None, source())
        .expect("the page reads")
        .article
}

fn error(bytes: &[u8]) -> String {
    html::read(bytes, None, None, source())
        .expect_err("the page is refused")
        .to_string()
}

fn blocks(article: &Article) -> Vec<(BlockKind, &str)> {
    article
        .blocks
        .iter()
        .map(|b| (b.kind.clone(), &article.text[b.range.clone()]))
        .collect()
}

fn range_of(text: &str, needle: &str) -> std::ops::Range<usize> {
    let start = text.find(needle).expect("the needle is in the text");
    start..start + needle.len()
}

#[test]
fn a_news_page_gives_its_article_and_none_of_its_chrome() {
    let article = page(NEWS);
    assert_eq!(article.title, "باران پاییزی به شهر رسید");
    assert_eq!(article.format, Format::Html);
    let item = BlockKind::ListItem { depth: 0 };
    assert_eq!(
        blocks(&article),
        [
            (
                BlockKind::Paragraph,
                "نخستین باران پاییزی دیشب به تهران رسید و هوای شهر را پاکیزه کرد. مردم در \
                 خیابان‌ها ایستادند و به آسمان نگاه کردند. کارشناسان هواشناسی می‌گویند این باران \
                 تا پایان هفته ادامه خواهد داشت و دمای هوا پنج درجه پایین‌تر می‌آید."
            ),
            (
                BlockKind::Paragraph,
                "رئیس سازمان هواشناسی گفت: این باران برای سدهای پایتخت یک هدیه است و افزود که \
                 ذخیرهٔ آب هنوز کم است. به گفتهٔ او، کشاورزان اطراف شهر هم از این بارش بسیار \
                 خرسندند و امیدوارند زمستان پربارانی در پیش باشد."
            ),
            (
                BlockKind::Quote,
                "باران که می‌بارد، شهر دوباره نفس می‌کشد و کوچه‌ها بوی خاک نم‌خورده می‌گیرند."
            ),
            (BlockKind::Heading { level: 2 }, "پیش‌بینی روزهای آینده"),
            (
                BlockKind::Paragraph,
                "بر پایهٔ گزارش مرکز پیش‌بینی، آسمان تهران تا جمعه ابری خواهد بود. رانندگان باید \
                 در جاده‌های کوهستانی با احتیاط بیشتری رانندگی کنند، زیرا مه و لغزندگی جاده‌ها \
                 خطرساز است و امدادگران در آماده‌باش هستند."
            ),
            (item.clone(), "• چهارشنبه: باران ملایم و باد خنک"),
            (item, "• پنجشنبه: رگبار پراکنده در شمال شهر"),
            (
                BlockKind::Paragraph,
                "The forecast model, known as GFS, expects «heavy» rain on Friday & Saturday."
            ),
        ]
    );
    let joined: Vec<_> = blocks(&article).into_iter().map(|(_, t)| t).collect();
    assert_eq!(article.text, joined.join("\n"));
    for chrome in [
        "صفحهٔ نخست",
        "ورود به حساب",
        "جستجو",
        "بگرد",
        "تبلیغ",
        "خبرهای مرتبط",
        "قیمت چتر",
        "دیدگاه‌ها",
        "کاربر ناشناس",
        "کاش برف",
        "حقوق",
        "تماس با ما",
        "اسکریپت",
        "font-family",
        "سبک",
    ] {
        assert!(!article.text.contains(chrome), "{chrome} is chrome");
    }
    // ZWNJ (the Persian half-space) survives extraction: all 14 of the article's.
    assert_eq!(article.text.matches('\u{200C}').count(), 14);
}

#[test]
fn the_news_page_keeps_its_inline_markup_as_spans() {
    let article = page(NEWS);
    let text = &article.text;
    let spans: Vec<Span> = article
        .blocks
        .iter()
        .flat_map(|b| b.spans.iter().cloned())
        .collect();
    let span = |kind, needle| Span {
        kind,
        range: range_of(text, needle),
    };
    assert_eq!(
        spans,
        [
            span(SpanKind::Strong, "پنج درجه"),
            span(SpanKind::Quote, "این باران برای سدهای پایتخت یک هدیه است"),
            span(SpanKind::Emphasis, "بسیار"),
            span(
                SpanKind::Link {
                    target: "https://example.org/weather".into()
                },
                "مرکز پیش‌بینی"
            ),
            span(SpanKind::Code, "GFS"),
        ]
    );
}

#[test]
fn dir_and_lang_set_each_blocks_direction_and_language_inherited_from_the_page() {
    let article = page(NEWS);
    let settings: Vec<_> = article
        .blocks
        .iter()
        .map(|b| (b.direction, b.lang.as_deref()))
        .collect();
    let persian = (Direction::Rtl, Some("fa"));
    assert_eq!(
        settings,
        [
            persian,
            persian,
            persian,
            persian,
            persian,
            persian,
            persian,
            (Direction::Ltr, Some("en")),
        ]
    );
    // Without any attribute a block's direction is its text's.
    let plain = page(b"<p>Just a line of text.</p>");
    assert_eq!(plain.blocks[0].direction, Direction::Auto);
    assert_eq!(plain.blocks[0].lang, None);
}

#[test]
fn q_and_blockquote_are_quotations() {
    let article = page(NEWS);
    let quotes = article_quotes(&article);
    let found: Vec<_> = quotes
        .iter()
        .map(|q| (&article.text[q.range.clone()], q.depth, q.block))
        .collect();
    assert_eq!(
        found,
        [
            ("این باران برای سدهای پایتخت یک هدیه است", 0, 1),
            (
                "باران که می‌بارد، شهر دوباره نفس می‌کشد و کوچه‌ها بوی خاک نم‌خورده می‌گیرند.",
                0,
                2
            ),
            ("«heavy»", 0, 7),
        ]
    );
    // A quotation in marks inside a <q> is one level deeper, and the other way round.
    let nested = page("<p>گفت <q>او «نه» گفت</q> و «<q>بله</q>» هم.</p>".as_bytes());
    let found: Vec<_> = article_quotes(&nested)
        .iter()
        .map(|q| (nested.text[q.range.clone()].to_string(), q.depth))
        .collect();
    assert_eq!(
        found,
        [
            ("او «نه» گفت".to_string(), 0),
            ("«نه»".to_string(), 1),
            ("«بله»".to_string(), 0),
            ("بله".to_string(), 1),
        ]
    );
    // As marks in a heading are no quotation, nor is a <q> there.
    let heading = page("<h2>گفت <q>نه</q></h2><p>و رفت.</p>".as_bytes());
    assert_eq!(heading.blocks[0].spans[0].kind, SpanKind::Quote);
    assert!(article_quotes(&heading).is_empty());
}

#[test]
fn a_windows_1256_page_with_a_meta_charset_reads_right() {
    let opened = html::read(PAGE_1256, None, None, source()).expect("reads");
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    let article = opened.article;
    assert_eq!(article.title, "کتابخانه‌اي در دل کوه");
    assert_eq!(
        blocks(&article),
        [
            (
                BlockKind::Paragraph,
                "در روستاي کوچکي در دامنه‌ي البرز، معلمي جوان کتابخانه‌اي ساخته است. او هر هفته \
                 کتاب‌هاي تازه را با کوله‌پشتي از شهر مي‌آورد و کودکان روستا در کنار بخاري چوبي \
                 آن‌ها را مي‌خوانند."
            ),
            (
                BlockKind::Paragraph,
                "معلم مي‌گويد: «کتاب پنجره‌اي است که به دنياي بزرگ باز مي‌شود.» کودکان روستا \
                 اکنون هر عصر پس از مدرسه به کتابخانه مي‌آيند و داستان‌ها را براي يکديگر بلند \
                 مي‌خوانند."
            ),
        ]
    );
    assert!(!article.text.contains("اخبار") && !article.text.contains("حقوق"));
}

#[test]
fn the_servers_charset_wins_over_a_meta_that_lies() {
    let told =
        html::read(PAGE_1256_SAYS_UTF8, Some("windows-1256"), None, source()).expect("reads");
    assert!(told.warnings.is_empty(), "{:?}", told.warnings);
    assert_eq!(told.article.text, page(PAGE_1256).text);
    let content_type = Some("text/html; charset=\"Windows-1256\"");
    let told = html::read(PAGE_1256_SAYS_UTF8, content_type, None, source()).expect("reads");
    assert_eq!(told.article.text, page(PAGE_1256).text);
    // Not told, the page is still read, with a warning naming it.
    let guessed = html::read(PAGE_1256_SAYS_UTF8, None, None, source()).expect("reads");
    assert_eq!(guessed.article.text, page(PAGE_1256).text);
    assert_eq!(
        guessed.warnings,
        ["page.html says it is UTF-8 but is not; read as windows-1256"]
    );
    // An unknown charset from the server is named and passed over.
    let unknown = html::read(PAGE_1256, Some("x-\u{1b}]0;pwn"), None, source()).expect("reads");
    assert_eq!(unknown.article.text, page(PAGE_1256).text);
    assert_eq!(
        unknown.warnings,
        ["page.html: the server names an unknown charset \"x-\\u{1b}]0;pwn\"; it was ignored"]
    );
}

#[test]
fn entities_are_decoded_and_whitespace_collapses_except_in_pre() {
    let article = page(
        b"<p>  Tom &amp; Jerry&nbsp;&mdash; &laquo;&#1587;&#x644;&#x627;&#x645;&raquo;\n\n\t said &lt;hi&gt;  </p>\
          <pre class=\"language-rust\">fn main() {\n    let x = 1 &lt; 2;\n}\n</pre>",
    );
    assert_eq!(
        blocks(&article),
        [
            (BlockKind::Paragraph, "Tom & Jerry\u{a0}— «سلام» said <hi>"),
            (
                BlockKind::Code {
                    info: Some("rust".into())
                },
                "fn main() {\n    let x = 1 < 2;\n}"
            ),
        ]
    );
}

#[test]
fn scripts_styles_and_other_hidden_content_never_show() {
    let article = page(
        b"<html><head><style>p { color: red }</style><script>alert('head')</script></head>\
          <body><p>Visible <script>alert('inline')</script>text<style>.x{}</style> here.</p>\
          <noscript>Enable JavaScript</noscript><template><p>templated</p></template>\
          <svg><text>drawn</text></svg><iframe>framed</iframe>\
          <p>Escape &#x1b;[2J and bell &#7; are dropped.</p></body></html>",
    );
    assert_eq!(
        article.text,
        "Visible text here.\nEscape [2J and bell are dropped."
    );
}

#[test]
fn headings_lists_rules_and_line_breaks_become_blocks() {
    let article = page(
        b"<div><h3>Steps</h3><ol start=\"3\"><li>first</li><li>second<ul><li>inner</li></ul></li></ol>\
          <hr><p>line one<br>line <b>two<br>three</b></p></div>",
    );
    assert_eq!(
        blocks(&article),
        [
            (BlockKind::Heading { level: 3 }, "Steps"),
            (BlockKind::ListItem { depth: 0 }, "3. first"),
            (BlockKind::ListItem { depth: 0 }, "4. second"),
            (BlockKind::ListItem { depth: 1 }, "• inner"),
            (BlockKind::Rule, ""),
            (BlockKind::Paragraph, "line one"),
            (BlockKind::Paragraph, "line two"),
            (BlockKind::Paragraph, "three"),
        ]
    );
    let strong: Vec<_> = article
        .blocks
        .iter()
        .flat_map(|b| &b.spans)
        .map(|s| &article.text[s.range.clone()])
        .collect();
    assert_eq!(strong, ["two", "three"]);
}

#[test]
fn malformed_html_still_reads() {
    let article = page(
        b"</div></div><html><body><div><p>unclosed <b>bold <i>both</div></div></div>\
          <p>next</p></span></td><li>stray item<table><tr><td>cell</table></p></p></body></html></html>",
    );
    assert_eq!(
        blocks(&article),
        [
            (BlockKind::Paragraph, "unclosed bold both"),
            (BlockKind::Paragraph, "next"),
            (BlockKind::ListItem { depth: 0 }, "• stray item"),
            (BlockKind::ListItem { depth: 0 }, "cell"),
        ]
    );
}

#[test]
fn a_page_with_no_article_text_is_an_error_naming_it() {
    assert_eq!(error(b""), "no article text found in page.html");
    assert_eq!(error(b"  \n\t "), "no article text found in page.html");
    assert_eq!(
        error(b"<html><head><title>Empty</title><script>x()</script></head><body> </body></html>"),
        "no article text found in page.html"
    );
    let stdin = html::read(b"<hr>", None, None, Source::Stdin).expect_err("no text");
    assert_eq!(stdin.to_string(), "no article text found in standard input");
}

#[test]
fn the_bytes_of_a_pdf_or_an_image_are_refused_as_not_a_page() {
    assert_eq!(
        error(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>"),
        "page.html is a PDF document, not a web page"
    );
    assert_eq!(
        error(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01"),
        "page.html is a PNG image, not a web page"
    );
    assert_eq!(
        error(b"<p>text\0\0\0\x01\x02</p>"),
        "page.html looks like a binary file, not a web page"
    );
}

#[test]
fn a_five_megabyte_page_reads() {
    let news = std::str::from_utf8(NEWS).expect("UTF-8");
    let (start, end) = (
        news.find("<main>").expect("main"),
        news.find("</main>").expect("end"),
    );
    let inner = &news[start + "<main>".len()..end];
    let repeats = (5 << 20) / inner.len();
    let big = format!(
        "{}{}{}",
        &news[..start + 6],
        inner.repeat(repeats),
        &news[end..]
    );
    let article = page(big.as_bytes());
    assert_eq!(article.title, "باران پاییزی به شهر رسید");
    assert!(article.text.contains("نخستین باران پاییزی"));
    assert!(article.text.len() < big.len());
}

#[test]
fn an_html_file_opens_through_article_open() {
    assert_eq!(Format::of_path("a/b.HTML".as_ref()), Format::Html);
    assert_eq!(Format::of_path("page.htm".as_ref()), Format::Html);
    let dir = std::env::temp_dir().join(format!("barg-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good = dir.join("خبر.html");
    std::fs::write(&good, PAGE_1256).expect("write");
    let bad = dir.join("image.htm");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let empty = dir.join("empty.html");
    std::fs::write(&empty, b"<html></html>").expect("write");
    let opened = open(&Source::File(good.clone()));
    let refused = open(&Source::File(bad.clone())).map(|_| ());
    let nothing = open(&Source::File(empty.clone())).map(|_| ());
    let _ = std::fs::remove_dir_all(&dir);
    let opened = opened.expect("opens");
    assert_eq!(opened.article.format, Format::Html);
    assert_eq!(opened.article.text, page(PAGE_1256).text);
    assert_eq!(opened.article.source, Source::File(good));
    assert_eq!(
        refused.expect_err("an image").to_string(),
        format!("{} is a PNG image, not a web page", bad.display())
    );
    assert_eq!(
        nothing.expect_err("no text").to_string(),
        format!("no article text found in {}", empty.display())
    );
}

#[test]
fn a_page_nested_deeper_than_any_article_is_refused_not_a_hang() {
    let nest = |depth: usize| {
        format!(
            "{}<p>ژرفای <b>بسیار</b> زیاد.</p>{}",
            "<div><blockquote><span>".repeat(depth),
            "</span></blockquote></div>".repeat(depth)
        )
    };
    let article = page(nest(300).as_bytes());
    assert_eq!(blocks(&article), [(BlockKind::Quote, "ژرفای بسیار زیاد.")]);
    assert_eq!(
        error(nest(50_000).as_bytes()),
        "page.html nests its elements more than 1000 deep: it is no article barg can read"
    );
    // Paragraphs and list items left open do not nest.
    let open = "<p>یک بند بی پایان\n<li>و یک مورد\n".repeat(3000);
    assert_eq!(page(open.as_bytes()).blocks.len(), 6000);
}

/// A feed item's content is its article: taken whole, however short, its
/// relative links made absolute against the item's link, its language the
/// feed's, scripts never shown.
#[test]
fn a_feed_items_content_is_read_whole_with_its_links_made_absolute() {
    let html = "<p>باران آمد. <a href=\"/news/2\">خبر بعدی</a></p><script>alert(1)</script>";
    let article = barg::article::html::read_fragment(
        html,
        Some("https://fa.example/news/1"),
        Some("fa_IR"),
        "خبر\u{1b}[2J کوتاه".to_string(),
        Source::File("/data/feeds/1/a.barg".into()),
    )
    .expect("an article");
    assert_eq!(article.title, "خبر[2J کوتاه");
    assert_eq!(article.text, "باران آمد. خبر بعدی");
    let block = &article.blocks[0];
    assert_eq!(block.lang.as_deref(), Some("fa-IR"));
    assert_eq!(
        block.spans[0].kind,
        SpanKind::Link {
            target: "https://fa.example/news/2".to_string()
        }
    );
    let empty = barg::article::html::read_fragment(
        "<script>x</script>",
        None,
        None,
        String::new(),
        Source::Stdin,
    );
    assert!(empty.is_err());
}
