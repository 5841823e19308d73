//! Links in the reader, key by key: `f` lists the open article's links in
//! the order of the text, Enter follows one (a local file at once, a web
//! page fetched in the background from a test server on 127.0.0.1), `y`
//! copies its target, Backspace goes back to where the reader was. Hostile
//! targets and link texts never reach the screen or the clipboard as
//! control sequences.

use std::path::{Path, PathBuf};
use std::time::Duration;

use barg::article::{Article, Block, BlockKind, Format, Source, Span, SpanKind};
use barg::layout::{BaseDirection, LayoutOptions, layout_paragraph};
use barg::ui::theme::Theme;
use barg::ui::{App, Screen};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use http_support::{Reply, Server};
use ratatui::layout::Rect;
use screen_support::{app_with, draw, keys, rows, screen};

mod http_support;
mod screen_support;

/// Long enough to fetch from 127.0.0.1 on a loaded machine; the wait ends
/// as soon as the page is there.
const FETCH_WAIT: Duration = Duration::from_secs(15);

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("barg-links-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a fixture");
    path
}

/// The article in the file at `path`, as barg opens it.
fn open(path: &Path) -> Article {
    barg::article::open(&Source::File(path.to_path_buf()))
        .expect("the fixture opens")
        .article
}

/// The reader open on `article`, alone in the library, with no store.
fn reading(article: Article) -> App {
    let mut app = app_with(vec![article], Some(0), LayoutOptions::default(), None);
    app.resize(60, 12);
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn title(app: &App) -> String {
    app.reader()
        .expect("an article is open")
        .article()
        .title
        .clone()
}

/// A heading, then a paragraph with three links: a file, a page, an address.
const FIRST: &str = "# Links\n\n\
    Read [the second note](second.md) first, then [خبر امروز](https://fa.example/news?id=1&b=2), \
    or write to [us](mailto:a@b.example).\n";

const SECOND: &str = "# The second note\n\nIt says little.\n";

/// A Persian line laid out right to left at `width`, as the links screen
/// draws a link's text: its indent, then its cells in visual order.
fn rtl_row(text: &str, width: usize) -> String {
    laid_out_row(text, width, BaseDirection::Rtl)
}

/// `text` laid out at `width` in `direction`: its indent, then its cells.
fn laid_out_row(text: &str, width: usize, direction: BaseDirection) -> String {
    let options = LayoutOptions {
        direction,
        ..LayoutOptions::default()
    };
    let line = &layout_paragraph(text, width, &options).lines[0];
    format!("{}{}", " ".repeat(line.indent(width)), line.text())
}

#[test]
fn f_lists_the_links_in_the_order_of_the_text() {
    let dir = temp_dir("list");
    let path = write(&dir, "first.md", FIRST);
    let mut app = reading(open(&path));
    keys(&mut app, "f");
    assert_eq!(app.screen(), Screen::Links);
    let actual = draw(&mut app, 60, 12);
    // A link keeps its paragraph's direction: Persian words in an English
    // sentence start at the left, as they stand in it.
    let persian = format!(" 2  {}", laid_out_row("خبر امروز", 55, BaseDirection::Ltr));
    #[rustfmt::skip]
    let rows = [
        "barg · links · 3",
        "",
        " 1  the second note",
        "    second.md",
        persian.as_str(),
        "    https://fa.example/news?id=1&b=2",
        " 3  us",
        "    mailto:a@b.example",
        "",
        "",
        "",
        "                             Enter follow  y copy  Esc back",
    ];
    let mut expected = screen(60, &rows);
    let t = Theme::dark();
    expected.set_style(Rect::new(0, 0, 60, 12), t.text);
    expected.set_style(Rect::new(0, 0, 16, 1), t.heading);
    expected.set_style(Rect::new(0, 2, 60, 2), t.selected_item);
    expected.set_style(Rect::new(4, 5, 32, 1), t.dim);
    expected.set_style(Rect::new(4, 7, 18, 1), t.dim);
    expected.set_style(Rect::new(0, 11, 60, 1), t.status);
    assert_eq!(actual, expected);
    // Esc goes back to the article, as it was.
    keys(&mut app, "\x1b");
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(title(&app), "Links");
}

#[test]
fn an_article_without_links_says_so_and_stays() {
    let dir = temp_dir("none");
    let path = write(&dir, "second.md", SECOND);
    let mut app = reading(open(&path));
    keys(&mut app, "f");
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(app.message(), Some("this article has no links"));
}

#[test]
fn enter_on_a_file_link_opens_it_as_a_visit_and_backspace_returns() {
    let dir = temp_dir("file");
    let path = write(&dir, "first.md", FIRST);
    write(&dir, "second.md", SECOND);
    let mut app = reading(open(&path));
    keys(&mut app, "f");
    assert_eq!(app.link_list().selected(), 0);
    keys(&mut app, "\n");
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(title(&app), "The second note");
    assert_eq!(
        app.reader().map(|r| r.article().source.clone()),
        Some(Source::File(
            dir.join("second.md").canonicalize().expect("there")
        ))
    );
    assert_eq!(app.reading().and_then(|r| r.index()), None, "a visit");
    assert_eq!(
        app.library().articles().len(),
        1,
        "not added to the library"
    );
    assert_eq!(app.history_len(), 1);
    // Esc still leaves for the library, and Esc there comes back.
    keys(&mut app, "\x1b");
    assert_eq!(app.screen(), Screen::Library);
    keys(&mut app, "\x1b");
    assert_eq!(app.screen(), Screen::Reader);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(title(&app), "Links");
    assert_eq!(app.history_len(), 0);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(
        app.message(),
        Some("nothing to go back to: no link was followed")
    );
    assert_eq!(title(&app), "Links");
}

#[test]
fn backspace_returns_to_the_position_the_link_was_followed_from() {
    let dir = temp_dir("position");
    // The link comes after the lines, so that it is followed from far down.
    let mut text = String::from("# Far\n");
    for i in 1..=40 {
        text.push_str(&format!("\nParagraph {i}.\n"));
    }
    text.push_str("\nNow [the second note](second.md).\n");
    let path = write(&dir, "far.md", &text);
    write(&dir, "second.md", SECOND);
    let mut app = reading(open(&path));
    keys(&mut app, "jjjjjjjjjj");
    let offset = app.reader().map(|r| r.offset()).expect("open");
    let before = rows(&draw(&mut app, 60, 12));
    keys(&mut app, "f\n");
    assert_eq!(title(&app), "The second note");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.reader().map(|r| r.offset()), Some(offset));
    assert_eq!(rows(&draw(&mut app, 60, 12)), before);
}

#[test]
fn a_link_to_an_article_in_the_library_opens_that_article() {
    let dir = temp_dir("library");
    write(&dir, "first.md", FIRST);
    write(&dir, "second.md", SECOND);
    let (articles, problems) = barg::article::library::load_all(std::slice::from_ref(&dir));
    assert!(problems.is_empty(), "{problems:?}");
    let first = articles
        .iter()
        .position(|a| a.title == "Links")
        .expect("first.md");
    let mut app = app_with(articles, Some(first), LayoutOptions::default(), None);
    keys(&mut app, "f\n");
    assert_eq!(title(&app), "The second note");
    assert!(app.reading().and_then(|r| r.index()).is_some());
    assert_eq!(app.library().articles().len(), 2);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(title(&app), "Links");
}

#[test]
fn y_copies_the_selected_target_exactly() {
    let dir = temp_dir("copy");
    let path = write(&dir, "first.md", FIRST);
    let mut app = reading(open(&path));
    keys(&mut app, "fjy");
    assert_eq!(
        app.take_clipboard().as_deref(),
        Some("https://fa.example/news?id=1&b=2")
    );
    assert_eq!(app.message(), Some("copied the link"));
    assert_eq!(app.screen(), Screen::Links);
}

#[test]
fn a_mailto_link_is_not_followed_and_says_it_can_be_copied() {
    let dir = temp_dir("mailto");
    let path = write(&dir, "first.md", FIRST);
    let mut app = reading(open(&path));
    keys(&mut app, "fG\n");
    assert_eq!(app.screen(), Screen::Links);
    assert_eq!(
        app.message(),
        Some("mailto: links are not followed; press y to copy the link")
    );
    assert_eq!(app.fetching(), None);
    assert_eq!(app.history_len(), 0);
    assert_eq!(title(&app), "Links");
}

/// An article whose one link has `text` and `target`, made directly (no
/// reader in between to clean them).
fn article_with_link(text: &str, target: &str) -> Article {
    let body = format!("See {text} now.");
    let start = "See ".len();
    let mut block = Block::new(BlockKind::Paragraph, 0..body.len());
    block.spans.push(Span {
        kind: SpanKind::Link {
            target: target.to_string(),
        },
        range: start..start + text.len(),
    });
    Article::new(
        "Hostile".to_string(),
        Source::Sample("hostile.md".into()),
        Format::Markdown,
        body,
        vec![block],
    )
}

#[track_caller]
fn assert_no_active(what: &str, text: &str) {
    assert!(
        !text.chars().any(barg::safe::is_active),
        "{what} has a control: {text:?}"
    );
}

#[test]
fn hostile_targets_and_texts_never_reach_the_screen_or_the_clipboard_raw() {
    let text = "\u{1b}[31mred\u{202e}evil\u{9b}2J";
    let targets = [
        "https://x.example/\u{1b}]52;c;aGk=\u{7}\u{202e}txt.exe\u{9b}2J",
        "\u{1b}]0;title\u{7}\u{2066}.md",
    ];
    for target in targets {
        let mut app = reading(article_with_link(text, target));
        keys(&mut app, "f");
        assert_eq!(app.screen(), Screen::Links);
        let screen = rows(&draw(&mut app, 60, 12));
        for row in &screen {
            assert_no_active("the links screen", row);
        }
        assert!(
            screen[3].contains("\\u{1b}]"),
            "the target is shown, escaped: {:?}",
            screen[3]
        );
        keys(&mut app, "y");
        let copied = app.take_clipboard().expect("copied");
        assert_no_active("the clipboard", &copied);
        assert_eq!(copied, barg::safe::strip(target));
        // Following: the hostile page is not fetched (there is no such
        // host to reach in a test), the relative one has nothing to go from.
        if !target.starts_with("https") {
            keys(&mut app, "\n");
            let message = app.message().expect("a message").to_string();
            assert_no_active("the message", &message);
            assert!(message.contains("is relative"), "{message}");
            for row in rows(&draw(&mut app, 60, 12)) {
                assert_no_active("the screen", &row);
            }
        }
    }
}

/// A Persian page, its article among a menu and a footer, with a relative
/// link to `next`.
fn persian_page(title: &str, next: &str) -> String {
    format!(
        "<!doctype html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
         <title>{title}</title></head><body>\
         <nav><a href=\"/\">خانه</a> <a href=\"/about\">درباره</a></nav>\
         <article><h1>{title}</h1>\
         <p>این متن یک خبر کوتاه است که برای آزمودن پیوندها نوشته شده است و چند جمله دارد. \
         خواننده باید بتواند <a href=\"{next}\">خبر بعدی</a> را هم بخواند، بی آنکه برنامه را ببندد.</p>\
         <p>پاراگراف دوم هم هست تا صفحه به اندازهٔ کافی متن داشته باشد و استخراج‌گر آن را مقاله بداند؛ \
         این جمله‌ها فقط برای همین آمده‌اند و چیز دیگری نمی‌گویند.</p>\
         </article><footer>© ۱۴۰۳</footer></body></html>"
    )
}

#[test]
fn an_http_link_is_fetched_in_the_background_and_shown_and_a_404_keeps_the_article() {
    let server = Server::start();
    server.serve(
        "/news/today.html",
        Reply::ok(persian_page("خبر امروز", "tomorrow.html"))
            .header("Content-Type", "text/html; charset=utf-8"),
    );
    server.serve(
        "/news/tomorrow.html",
        Reply::ok(persian_page("خبر فردا", "/missing"))
            .header("Content-Type", "text/html; charset=utf-8"),
    );
    let markdown = format!(
        "# Start\n\nRead [today]({}) or [nothing]({}).\n",
        server.url("/news/today.html"),
        server.url("/missing")
    );
    let dir = temp_dir("http");
    let path = write(&dir, "start.md", &markdown);
    let mut app = reading(open(&path));

    keys(&mut app, "f\n");
    let host = server
        .url("/")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    // The reader was not kept waiting: the page comes when the event loop
    // (here, the test) polls for it.
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(title(&app), "Start");
    assert_eq!(app.fetching(), Some(host.as_str()));
    let status = rows(&draw(&mut app, 60, 12)).pop().expect("a status line");
    assert!(status.contains(&format!("fetching {host}…")), "{status}");
    assert!(app.wait_for_fetch(FETCH_WAIT), "the page came");
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(title(&app), "خبر امروز");
    assert_eq!(
        app.reader().map(|r| r.article().source.clone()),
        Some(Source::Url(server.url("/news/today.html")))
    );
    assert_eq!(
        app.library().articles().len(),
        1,
        "not added to the library"
    );

    // Its Persian link, listed and laid out right to left (the menu's
    // links are not the article's), and followed in turn.
    keys(&mut app, "f");
    let screen = rows(&draw(&mut app, 60, 12));
    assert_eq!(screen[0].trim_end(), "barg · links · 1");
    assert_eq!(
        screen[2].trim_end(),
        format!(" 1  {}", rtl_row("خبر بعدی", 55))
    );
    // The page's reader made its relative link whole.
    assert_eq!(
        screen[3].trim_end(),
        format!("    {}", server.url("/news/tomorrow.html"))
    );
    keys(&mut app, "\n");
    assert!(app.wait_for_fetch(FETCH_WAIT), "the page came");
    assert_eq!(title(&app), "خبر فردا");
    assert_eq!(app.history_len(), 2);

    // Back twice, to the Markdown article; then the 404.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(title(&app), "خبر امروز");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(title(&app), "Start");
    keys(&mut app, "fj\n");
    assert!(app.wait_for_fetch(FETCH_WAIT), "the answer came");
    let message = app.message().expect("a message").to_string();
    assert_eq!(
        message,
        format!(
            "cannot fetch {}: the server answered 404 Not Found",
            server.url("/missing")
        )
    );
    assert_eq!(title(&app), "Start", "the article stays open");
    assert_eq!(app.screen(), Screen::Reader);
    let status = rows(&draw(&mut app, 100, 12)).pop().expect("a status line");
    assert!(status.contains("404 Not Found"), "{status}");
}

#[test]
fn esc_stops_waiting_for_a_page_and_a_late_answer_is_ignored() {
    let server = Server::start();
    server.serve(
        "/slow.html",
        Reply::ok(persian_page("دیر", "x.html"))
            .header("Content-Type", "text/html")
            .delay(Duration::from_millis(300)),
    );
    let dir = temp_dir("stop");
    let markdown = format!("# Start\n\nRead [slow]({}).\n", server.url("/slow.html"));
    let path = write(&dir, "start.md", &markdown);
    let mut app = reading(open(&path));
    keys(&mut app, "f\n");
    assert!(app.fetching().is_some());
    keys(&mut app, "\x1b");
    assert_eq!(app.fetching(), None);
    assert!(
        app.message()
            .is_some_and(|m| m.starts_with("stopped fetching")),
        "{:?}",
        app.message()
    );
    assert_eq!(app.screen(), Screen::Reader, "Esc stopped the fetch only");
    // Nothing is awaited any more: whenever the answer comes, it goes nowhere.
    assert!(app.wait_for_fetch(Duration::ZERO));
    assert!(!app.poll_fetch());
    assert_eq!(title(&app), "Start");
}

#[test]
fn a_second_follow_replaces_the_first_whose_page_never_shows() {
    let server = Server::start();
    let html =
        |title: &str| Reply::ok(persian_page(title, "x.html")).header("Content-Type", "text/html");
    server.serve("/first.html", html("اول").delay(Duration::from_millis(200)));
    server.serve("/second.html", html("دوم"));
    let dir = temp_dir("twice");
    let markdown = format!(
        "# Start\n\n[first]({}) and [second]({}).\n",
        server.url("/first.html"),
        server.url("/second.html")
    );
    let path = write(&dir, "start.md", &markdown);
    let mut app = reading(open(&path));
    keys(&mut app, "f\nfj\n");
    assert!(app.wait_for_fetch(FETCH_WAIT), "the second page came");
    assert_eq!(title(&app), "دوم");
    assert_eq!(app.history_len(), 1, "only the page shown was a step");
    assert!(!app.poll_fetch(), "nothing else is awaited");
}

#[test]
fn the_links_screen_draws_on_any_size_and_scrolls_to_the_selected_link() {
    let dir = temp_dir("sizes");
    let path = write(&dir, "first.md", FIRST);
    let mut app = reading(open(&path));
    keys(&mut app, "fG");
    for (width, height) in [(1, 1), (5, 2), (3, 40), (20, 5)] {
        draw(&mut app, width, height);
    }
    // At 20×5 one link fits: the selected, last one.
    let screen = rows(&draw(&mut app, 20, 5));
    assert_eq!(screen[2].trim_end(), " 3  us");
    assert_eq!(screen[3].trim_end(), "    mailto:a@b.exam");
}
