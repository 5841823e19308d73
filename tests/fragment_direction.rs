//! A fragment shown away from its paragraph (a bookmarked quote, a title, a
//! search hit) is laid out in its paragraph's direction, not by its own
//! first letter. The case: the fa-tech sample's quotation that starts with
//! the English word "terminal", in a Persian paragraph.

mod screen_support;
mod store_support;

use std::path::Path;

use barg::article::{self, Source};
use barg::dates::DateStyle;
use barg::i18n::Lang;
use barg::layout::{BaseDirection, Direction, LayoutOptions, layout_paragraph};
use barg::store::{Bookmark, Store, export_markdown_dated};
use serde_json::Value;
use store_support::Sandbox;

/// The quotation of fa-tech.txt that starts with an English word.
const QUOTE: &str = "terminal یک شبکه است، نه یک برگ کاغذ";

fn fa_tech() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/fa-tech.txt");
    std::fs::read_to_string(path).expect("the fa-tech sample")
}

/// `text` laid out at `width` in `direction`, as lines aligned in `width`.
fn laid_out(text: &str, width: usize, direction: BaseDirection) -> Vec<String> {
    let options = LayoutOptions {
        direction,
        ..LayoutOptions::default()
    };
    layout_paragraph(text, width, &options)
        .lines
        .iter()
        .map(|line| {
            let mut out = String::new();
            line.push_aligned(width, &mut out);
            out
        })
        .collect()
}

/// A sandbox with fa-tech.txt in it and QUOTE bookmarked; the article's path.
fn bookmarked(sandbox: &Sandbox) -> std::path::PathBuf {
    let article = sandbox.write("fa-tech.txt", &fa_tech());
    assert_eq!(sandbox.add(&article, QUOTE), 1);
    article
}

fn run(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox
        .command(args)
        .env("TZ", "UTC")
        .output()
        .expect("barg runs");
    assert!(
        output.status.success(),
        "barg {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_layouts_differ_so_the_tests_below_mean_something() {
    // By its own first letter the quote would read left to right.
    assert_ne!(
        laid_out(QUOTE, 80, BaseDirection::Auto),
        laid_out(QUOTE, 80, BaseDirection::Rtl)
    );
}

#[test]
fn a_bookmark_records_its_paragraphs_direction() {
    let sandbox = Sandbox::new("direction-recorded");
    bookmarked(&sandbox);
    let list = sandbox.list();
    assert_eq!(list[0]["quote"], QUOTE);
    assert_eq!(list[0]["direction"], "rtl");
    assert_eq!(sandbox.store()["bookmarks"][0]["direction"], "rtl");
    // The JSON export carries it too.
    let export: Value =
        serde_json::from_str(&run(&sandbox, &["bookmarks", "export", "--format", "json"]))
            .expect("JSON");
    assert_eq!(export[0]["direction"], "rtl");
}

#[test]
fn bookmarks_list_lays_the_quote_out_right_to_left_in_both_languages() {
    let sandbox = Sandbox::new("direction-list");
    bookmarked(&sandbox);
    let expected = laid_out(QUOTE, 80, BaseDirection::Rtl);
    for lang in ["en", "fa"] {
        let text = run(&sandbox, &["--lang", lang, "bookmarks", "list"]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1..], expected, "--lang {lang}:\n{text}");
    }
}

#[test]
fn bookmarks_list_dates_in_the_interfaces_calendar() {
    let sandbox = Sandbox::new("direction-list-dates");
    bookmarked(&sandbox);
    let path = sandbox.store_path();
    let store = std::fs::read_to_string(&path).expect("the store");
    let created = sandbox.store()["bookmarks"][0]["created"]
        .as_str()
        .expect("created")
        .to_string();
    std::fs::write(&path, store.replace(&created, "2025-05-16T10:20:00Z")).expect("write");
    let english = run(&sandbox, &["--lang", "en", "bookmarks", "list"]);
    assert!(
        english.starts_with("[1] 2025-05-16 10:20  fa-tech.txt, paragraph 7"),
        "{english}"
    );
    let persian = run(&sandbox, &["--lang", "fa", "bookmarks", "list"]);
    let header = persian.lines().next().expect("a header");
    // The date is laid out right to left inside the header: its cells, in
    // visual order, are those of the date laid out alone.
    let date = laid_out("۲۶ اردیبهشت ۱۴۰۴، ۱۰:۲۰", 80, BaseDirection::Rtl);
    assert!(header.contains(date[0].trim_start()), "{header}");
    // The header reads from the right in Persian: its id is at the right end.
    assert!(header.trim_end().ends_with("[۱]"), "{header}");
}

#[test]
fn the_markdown_export_marks_the_quote_right_to_left_in_both_languages() {
    let sandbox = Sandbox::new("direction-export");
    bookmarked(&sandbox);
    let english = run(&sandbox, &["--lang", "en", "bookmarks", "export"]);
    let block = format!("<div dir=\"rtl\">\n\n> {QUOTE}\n\n</div>\n\n*Bookmark 1, ");
    assert!(english.contains(&block), "{english}");
    let persian = run(&sandbox, &["--lang", "fa", "bookmarks", "export"]);
    assert!(persian.starts_with("# نشانک‌ها\n"), "{persian}");
    let block = format!("<div dir=\"rtl\">\n\n> {QUOTE}\n\n</div>\n\n*نشانک ۱، ");
    assert!(persian.contains(&block), "{persian}");
    assert!(persian.contains("، بند ۷*\n"), "{persian}");
}

fn bookmark(quote: &str, direction: Option<Direction>) -> Bookmark {
    let json = serde_json::json!({
        "id": 3,
        "article": {
            "id": "0123456789abcdef",
            "source": {"kind": "file", "path": "/nowhere/fa-tech.txt"},
            "title": "نمایش متن راست‌به‌چپ در terminal"
        },
        "quote": quote,
        "range": {"start": 0, "end": quote.len()},
        "paragraph": 6,
        "created": "2025-05-16T10:20:00Z",
    });
    let mut bookmark: Bookmark = serde_json::from_value(json).expect("a bookmark");
    bookmark.direction = direction;
    bookmark
}

#[test]
fn the_exports_dates_follow_the_interface() {
    let quote = bookmark(QUOTE, Some(Direction::Rtl));
    let utc = |lang| DateStyle::at(lang, jiff::tz::TimeZone::UTC);
    let english = export_markdown_dated(&[&quote], Lang::ENGLISH, &utc(Lang::ENGLISH));
    assert!(
        english.ends_with("*Bookmark 3, 2025-05-16, paragraph 7*\n"),
        "{english}"
    );
    let persian = export_markdown_dated(&[&quote], Lang::PERSIAN, &utc(Lang::PERSIAN));
    assert!(
        persian.ends_with("*نشانک ۳، ۲۶ اردیبهشت ۱۴۰۴، بند ۷*\n"),
        "{persian}"
    );
}

#[test]
fn markup_in_a_right_to_left_quote_stays_text_inside_its_div() {
    let hostile = bookmark(
        "متن </div><script>alert(1)</script> و <div dir=\"ltr\"> ادامه",
        Some(Direction::Rtl),
    );
    let utc = DateStyle::at(Lang::ENGLISH, jiff::tz::TimeZone::UTC);
    let markdown = export_markdown_dated(&[&hostile], Lang::ENGLISH, &utc);
    // The only tags are the export's own: one div opened, one closed; every
    // other `<` is escaped, so it is text.
    let own = |line: &&str| *line == "<div dir=\"rtl\">" || *line == "</div>";
    assert_eq!(markdown.lines().filter(own).count(), 2, "{markdown}");
    let rest: Vec<&str> = markdown.lines().filter(|line| !own(line)).collect();
    for line in rest {
        for (at, _) in line.match_indices('<') {
            assert!(line[..at].ends_with('\\'), "a raw < in {line:?}");
        }
    }
    assert!(
        markdown.contains(
            "> متن \\</div\\>\\<script\\>alert(1)\\</script\\> و \\<div dir=\"ltr\"\\> ادامه\n"
        ),
        "{markdown}"
    );
}

#[test]
fn without_a_recorded_direction_most_letters_decide_not_the_first() {
    assert_eq!(bookmark(QUOTE, None).direction(), Direction::Rtl);
    assert_eq!(
        bookmark("barg نوشته‌ی ما is a terminal reader", None).direction(),
        Direction::Ltr
    );
    // An unknown value (a hand edit) reads as none, and the store loads.
    let mut json = serde_json::to_value(bookmark(QUOTE, None)).expect("JSON");
    json["direction"] = "sideways".into();
    let read: Bookmark = serde_json::from_value(json).expect("still a bookmark");
    assert_eq!(read.direction, None);
    assert_eq!(read.direction(), Direction::Rtl);
}

/// A store written before bookmarks kept their direction: the bookmark of
/// QUOTE without the field.
fn old_store(sandbox: &Sandbox) {
    let mut store = sandbox.store();
    let fields = store["bookmarks"][0]
        .as_object_mut()
        .expect("a bookmark object");
    assert!(fields.remove("direction").is_some());
    let text = serde_json::to_string_pretty(&store).expect("JSON");
    std::fs::write(sandbox.store_path(), text).expect("write the store");
}

#[test]
fn an_old_store_loads_and_its_bookmark_gets_the_direction_when_the_article_opens() {
    let sandbox = Sandbox::new("direction-old-store");
    let article = bookmarked(&sandbox);
    old_store(&sandbox);
    let mut store = Store::open(sandbox.data_dir()).expect("an old store opens");
    assert_eq!(store.bookmarks()[0].direction, None);
    let opened = article::open(&Source::File(article)).expect("the article opens");
    store.check(&opened.article);
    assert_eq!(store.bookmarks()[0].direction, Some(Direction::Rtl));
    drop(store);
    // And it is saved.
    assert_eq!(sandbox.store()["bookmarks"][0]["direction"], "rtl");
}

#[test]
fn an_old_bookmark_whose_article_is_gone_is_listed_by_its_letters() {
    let sandbox = Sandbox::new("direction-old-gone");
    let article = bookmarked(&sandbox);
    old_store(&sandbox);
    std::fs::remove_file(article).expect("remove the article");
    let text = run(&sandbox, &["--lang", "en", "bookmarks", "list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1..],
        laid_out(QUOTE, 80, BaseDirection::Rtl),
        "{text}"
    );
    assert!(sandbox.store()["bookmarks"][0].get("direction").is_none());
}

#[test]
fn the_bookmarks_screen_lays_the_quote_out_right_to_left() {
    let sandbox = Sandbox::new("direction-screen");
    bookmarked(&sandbox);
    let store = Store::open(sandbox.data_dir()).expect("the store");
    let mut app = screen_support::app_with(Vec::new(), None, LayoutOptions::default(), Some(store));
    app.lang = Lang::ENGLISH;
    screen_support::keys(&mut app, "B");
    let rows = screen_support::rows(&screen_support::draw(&mut app, 100, 12));
    // The quote sits in columns 2 to 97, aligned right.
    let quote = laid_out(QUOTE, 96, BaseDirection::Rtl);
    assert_eq!(rows[3], format!("  {:<96}  ", quote[0]), "{rows:#?}");
    assert!(rows[2].starts_with("#1 · "), "{rows:#?}");
    // In Persian the date is Jalali, in Persian digits.
    app.lang = Lang::PERSIAN;
    let rows = screen_support::rows(&screen_support::draw(&mut app, 100, 12));
    assert!(
        rows[2].chars().any(|c| ('۰'..='۹').contains(&c)),
        "{rows:#?}"
    );
    assert_eq!(rows[3], format!("  {:<96}  ", quote[0]), "{rows:#?}");
}

#[test]
fn the_library_preview_dates_a_published_article_in_the_interfaces_calendar() {
    let article = article::Article::from_plain_text(fa_tech(), Source::Sample("fa-tech".into()));
    let setup = |lang| {
        let entry = barg::ui::Entry {
            published: Some("2025-05-16T10:00:00Z".into()),
            ..Default::default()
        };
        let mut app = barg::ui::App::new(barg::ui::Setup {
            articles: vec![article.clone()],
            entries: vec![entry],
            open: None,
            keymap: barg::ui::keymap::Keymap::builtin("default").expect("the keymap"),
            theme: barg::ui::theme::Theme::dark(),
            layout: LayoutOptions::default(),
            measure: 80,
            store: None,
            messages: Vec::new(),
        });
        app.lang = lang;
        screen_support::rows(&screen_support::draw(&mut app, 100, 12))
    };
    // The preview starts with the date, laid out right to left; in the
    // Persian interface the preview is the left pane (columns 0 to 42).
    let persian = setup(Lang::PERSIAN);
    let date = laid_out("۲۶ اردیبهشت ۱۴۰۴", 43, BaseDirection::Rtl);
    let left_pane: String = persian[0].chars().take(43).collect();
    assert!(left_pane.contains(date[0].trim()), "{persian:#?}");
    let english = setup(Lang::ENGLISH);
    assert!(english[0].ends_with(" 2025-05-16"), "{english:#?}");
}
