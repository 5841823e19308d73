//! The reader in Persian, whole screens with their styles: given the
//! fixture articles of tests/ui_whole_screens.rs (and a feed's item, and an
//! article with links) and these keys, this is every cell of the screen at
//! 100×30 and at 20×5. The chrome is mirrored: the library list on the
//! right and its preview on the left, titles and list markers on the right,
//! the status line reading from the right (its numbers on the left),
//! numbers in Persian digits. The article text is laid out as in English.
//! Rows are written in the visual order barg draws (presentation forms),
//! padded to the width in columns; they were read and checked by a person
//! on screen (xterm) before being written down here.
//!
//! Also: keys typed on the Persian keyboard layout act as their Latin
//! twins, and Left and Right (h and l) are mirrored.

use std::path::{Path, PathBuf};

use barg::article::{Article, Source, library};
use barg::i18n::Lang;
use barg::layout::LayoutOptions;
use barg::store::Store;
use barg::ui::keymap::Keymap;
use barg::ui::theme::Theme;
use barg::ui::{App, Entry, Screen, Setup};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use screen_support::{app_with, draw, keys, rows, screen};

mod screen_support;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/screens")
}

fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("barg-whole-fa-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn fixture_articles() -> Vec<Article> {
    let (articles, problems) = library::load_all(&[fixtures()]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(articles.len(), 2);
    articles
}

/// The reader in Persian on the two fixture articles, with a store in
/// `data`.
fn app(data: &Path) -> App {
    let store = Store::open(data.to_path_buf()).expect("a store in a temp dir");
    app_with(
        fixture_articles(),
        None,
        LayoutOptions::default(),
        Some(store),
    )
    .with_lang(Lang::PERSIAN)
}

/// The fixture articles and an unread item of a feed, in Persian.
fn app_with_a_feed(data: &Path) -> App {
    let mut articles = fixture_articles();
    articles.push(Article::from_plain_text(
        "خبر امروز\n\nباران آمد.\n".to_string(),
        Source::File(data.join("item.txt")),
    ));
    let feed = Entry {
        feed: Some("خبرنامه".to_string()),
        unread: true,
        published: Some("2025-03-21T12:00:00Z".to_string()),
    };
    let store = Store::open(data.to_path_buf()).expect("a store in a temp dir");
    App::new(Setup {
        articles,
        entries: vec![Entry::default(), Entry::default(), feed],
        open: None,
        keymap: Keymap::builtin("default").expect("the default keymap parses"),
        theme: Theme::dark(),
        layout: LayoutOptions::default(),
        measure: 80,
        store: Some(store),
        messages: Vec::new(),
    })
    .with_lang(Lang::PERSIAN)
}

/// An article with two links (a file and a page), read in Persian.
fn app_with_links(data: &Path) -> App {
    std::fs::create_dir_all(data).expect("a temp dir");
    let path = data.join("links.md");
    std::fs::write(
        &path,
        "# پیوندها\n\nاین [نوشتهٔ دوم](second.md) را بخوانید و [خبر امروز](https://fa.example/news) را ببینید.\n",
    )
    .expect("write the article");
    let article = barg::article::open(&Source::File(path))
        .expect("the article opens")
        .article;
    app_with(vec![article], Some(0), LayoutOptions::default(), None).with_lang(Lang::PERSIAN)
}

fn theme() -> Theme {
    Theme::dark()
}

/// A one-row area: `width` columns from (x, y).
fn cells(x: u16, y: u16, width: u16) -> Rect {
    Rect::new(x, y, width, 1)
}

/// The whole status line (the last row) of a `width`-column screen.
fn status_row(width: u16, y: u16) -> Rect {
    Rect::new(0, y, width, 1)
}

/// Prints a drawn screen as the code of its expected screen (rows, then
/// the styles), for a person to check on screen before writing it down:
/// `cargo test --test ui_whole_screens_fa -- --ignored --nocapture`.
#[allow(dead_code)]
fn print_expected(name: &str, actual: &Buffer) {
    let t = theme();
    let named: [(&str, Style); 10] = [
        ("t.heading", t.heading),
        ("t.selected_item", t.selected_item),
        ("t.dim", t.dim),
        ("t.quote", t.quote),
        ("t.focused_quote", t.focused_quote),
        ("t.hit", t.hit),
        ("t.bookmark", t.bookmark),
        ("t.message", t.message),
        ("t.selection", t.selection),
        ("t.code", t.code),
    ];
    let area = actual.area;
    // A cell as the test backend draws it before any style is set.
    let reset = Style::new()
        .fg(Color::Reset)
        .bg(Color::Reset)
        .underline_color(Color::Reset);
    println!("// {name}");
    println!(
        "    #[rustfmt::skip]\n    let mut expected = screen({}, &[",
        area.width
    );
    for row in rows(actual) {
        let row = row.trim_end();
        let escaped: String = row
            .chars()
            .map(|c| match c {
                '\u{654}' => "\\u{654}".to_string(),
                '"' => "\\\"".to_string(),
                c => c.to_string(),
            })
            .collect();
        println!("        \"{escaped}\",");
    }
    println!("    ]);");
    for y in 0..area.height {
        let status = y + 1 == area.height;
        let base = if status {
            reset.patch(t.status)
        } else {
            reset.patch(t.text)
        };
        if status {
            println!(
                "    expected.set_style(status_row({}, {y}), t.status);",
                area.width
            );
        }
        let mut x = 0;
        while x < area.width {
            let style = actual[(x, y)].style();
            let start = x;
            while x < area.width && actual[(x, y)].style() == style {
                x += 1;
            }
            if style == base {
                continue;
            }
            let name = named
                .iter()
                .find(|(_, s)| base.patch(*s) == style)
                .map_or_else(|| format!("/* {style:?} */"), |(n, _)| n.to_string());
            println!(
                "    expected.set_style(cells({start}, {y}, {}), {name});",
                x - start
            );
        }
    }
    println!("    assert_eq!(actual, expected);");
}

#[test]
#[ignore = "prints the screens, for writing the expected ones"]
fn print_every_screen() {
    for (width, height) in [(100, 30), (20, 5)] {
        let data = data_dir("print");
        let mut app = app_with_a_feed(&data);
        print_expected("library", &draw(&mut app, width, height));
        let mut app = self::app(&data);
        keys(&mut app, "\n]");
        print_expected("quote", &draw(&mut app, width, height));
        let mut app = app_with_a_feed(&data);
        keys(&mut app, "\n/کتاب");
        print_expected("search typing", &draw(&mut app, width, height));
        keys(&mut app, "\n");
        print_expected("search found", &draw(&mut app, width, height));
        let data = data_dir("print-b");
        let mut app = app_with_a_bookmark(&data);
        print_expected("bookmarks", &draw(&mut app, width, height));
        let mut app = self::app(&data);
        keys(&mut app, "?");
        print_expected("help", &draw(&mut app, width, height));
        let mut app = app_with_links(&data_dir("print-l"));
        keys(&mut app, "f");
        print_expected("links", &draw(&mut app, width, height));
    }
}

// Every screen, at 100×30 and at 20×5.

#[test]
fn the_library_with_a_feed_at_100_by_30() {
    let mut app = app_with_a_feed(&data_dir("the-library-with-a-feed-at-100-by-30"));
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(100, &[
        "                                  ﺰﯿﯾﺎﭘ ﮒﺮﺑ                                ﻪﻟﺎﻘﻣ ۳ · ﻪﻧﺎﺨﺑﺎﺘﮐ · barg",
        "",
        "               .ﺖﻓﺭ ﻭ «ﺖﺳﺍ ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ  ★ ۰  ٪۰   ﻪﻘﯿﻗﺩ ۱   ﻩﮊﺍﻭ ۲۰                  ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "                                             ★ ۰  ٪۰   ﻪﻘﯿﻗﺩ ۱   ﻩﮊﺍﻭ ۷                A Short Note",
        "                                    ﻪﺘﮑﻧ ﻪﺳ  ﺩﺭﻮﻣ ۱ · ﻩﺪﺸﻧﻩﺪﻧﺍﻮﺧ ۱                           ﻪﻣﺎﻧﺮﺒﺧ",
        "                                             ★ ۰  ٪۰   ﻪﻘﯿﻗﺩ ۱   ﻩﮊﺍﻭ ۴                   ﺯﻭﺮﻣﺍ ﺮﺒﺧ•",
        "      .ﺪﻧﺍﻮﺧﯽﻣ ﺍﺭ ﺏﺎﺘﮐ ﻭ ﺪﻣﺁ Barg ﺯﺍ 2 ﻪ\u{654}ﺨﺴﻧ",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        " ﺝﻭﺮﺧ q  ﺎﻤﻨﻫﺍﺭ ?  ﺎﻫﮏﻧﺎﺸﻧ B  ﺮﺘﻠﯿﻓ /  ﻥﺩﺮﮐ ﺯﺎﺑ Enter",
    ]);
    expected.set_style(cells(34, 0, 9), t.heading);
    expected.set_style(cells(75, 0, 25), t.heading);
    expected.set_style(cells(15, 2, 28), t.dim);
    expected.set_style(cells(45, 2, 55), t.selected_item);
    expected.set_style(cells(36, 4, 7), t.heading);
    expected.set_style(cells(45, 4, 21), t.heading);
    expected.set_style(cells(93, 4, 7), t.heading);
    expected.set_style(cells(6, 6, 37), t.dim);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn the_reader_with_a_focused_quotation_at_100_by_30() {
    let mut app = app(&data_dir(
        "the-reader-with-a-focused-quotation-at-100-by-30",
    ));
    keys(&mut app, "\n]");
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(100, &[
        "                                                                                 ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "                                                              .ﺖﻓﺭ ﻭ «ﺖﺳﺍ ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        "",
        "                                                                                   ﻪﺘﮑﻧ ﻪﺳ",
        "",
        "                                                     .ﺪﻧﺍﻮﺧﯽﻣ ﺍﺭ ﺏﺎﺘﮐ ﻭ ﺪﻣﺁ Barg ﺯﺍ 2 ﻪ\u{654}ﺨﺴﻧ",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        " ﻥﺪﻧﺍﻮﺧ  ۱ ﺯﺍ ۱ ﻝﻮﻗﻞﻘﻧ  ۰٪                                                                ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
    ]);
    expected.set_style(cells(81, 0, 9), t.heading);
    expected.set_style(cells(69, 2, 14), t.focused_quote);
    expected.set_style(cells(83, 4, 7), t.heading);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn search_typing_at_100_by_30() {
    let mut app = app_with_a_feed(&data_dir("search-typing-at-100-by-30"));
    keys(&mut app, "\n/کتاب");
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(100, &[
        "                                                                                 ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "                                                              .ﺖﻓﺭ ﻭ «ﺖﺳﺍ ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        "",
        "                                                                                   ﻪﺘﮑﻧ ﻪﺳ",
        "",
        "                                                     .ﺪﻧﺍﻮﺧﯽﻣ ﺍﺭ ﺏﺎﺘﮐ ﻭ ﺪﻣﺁ Barg ﺯﺍ 2 ﻪ\u{654}ﺨﺴﻧ",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "                                                                                               ﺏﺎﺘﮐ/",
    ]);
    expected.set_style(cells(81, 0, 9), t.heading);
    expected.set_style(cells(69, 2, 14), t.quote);
    expected.set_style(cells(83, 4, 7), t.heading);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn search_hits_at_100_by_30() {
    let mut app = app_with_a_feed(&data_dir("search-hits-at-100-by-30"));
    keys(&mut app, "\n/کتاب\n");
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(100, &[
        "                                                                                 ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "                                                              .ﺖﻓﺭ ﻭ «ﺖﺳﺍ ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        "",
        "                                                                                   ﻪﺘﮑﻧ ﻪﺳ",
        "",
        "                                                     .ﺪﻧﺍﻮﺧﯽﻣ ﺍﺭ ﺏﺎﺘﮐ ﻭ ﺪﻣﺁ Barg ﺯﺍ 2 ﻪ\u{654}ﺨﺴﻧ",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        " ﻮﺟﻭﺖﺴﺟ  ﻝﻮﻗﻞﻘﻧ ۱  ۰٪                                                                ﺪﺷ ﺍﺪﯿﭘ ﺩﺭﻮﻣ ۲",
    ]);
    expected.set_style(cells(81, 0, 9), t.heading);
    expected.set_style(cells(69, 2, 9), t.quote);
    expected.set_style(cells(78, 2, 4), t.hit);
    expected.set_style(cells(82, 2, 1), t.quote);
    expected.set_style(cells(83, 4, 7), t.heading);
    expected.set_style(cells(65, 6, 4), t.hit);
    expected.set_style(status_row(100, 29), t.status);
    expected.set_style(cells(85, 29, 14), t.message);
    assert_eq!(actual, expected);
}

#[test]
fn the_bookmarks_screen_at_100_by_30() {
    let mut app = app_with_a_bookmark(&data_dir("the-bookmarks-screen-at-100-by-30"));
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(100, &[
        "                                                                                  ۱ · ﺎﻫﮏﻧﺎﺸﻧ · barg",
        "",
        "                                                                     ﺰﯿﯾﺎﭘ ﮒﺮﺑ · ۱۴۰۴ ﻦﯾﺩﺭﻭﺮﻓ ۱ · #۱",
        "                                                                                      ﺖﺳﺍ ﺏﻮﺧ ﺏﺎﺘﮐ",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        " ﺎﻤﻨﻫﺍﺭ ?  ﺖﺸﮔﺯﺎﺑ Esc  ﻥﺩﺮﮐ ﮎﺎﭘ d  ﻥﺩﺮﮐ ﺯﺎﺑ Enter",
    ]);
    expected.set_style(cells(82, 0, 18), t.heading);
    expected.set_style(cells(0, 2, 100), t.selected_item);
    expected.set_style(cells(86, 3, 12), t.quote);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn help_at_100_by_30() {
    let mut app = app(&data_dir("help-at-100-by-30"));
    keys(&mut app, "?");
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(100, &[
        "                                                                                       ﺎﻫﺪﯿﻠﮐ · barg",
        "",
        "                                                                ﻦﯿﯾﺎﭘ ﺮﻄﺳ ﮏﯾ               j, Down",
        "                                                                  ﻻﺎﺑ ﺮﻄﺳ ﮏﯾ                 k, Up",
        "                                                               ﻦﯿﯾﺎﭘ ﻪﺤﻔﺻ ﮏﯾ  Space, PageDown, C-f",
        "                                                                 ﻻﺎﺑ ﻪﺤﻔﺻ ﮏﯾ           PageUp, C-b",
        "                                                              ﻦﯿﯾﺎﭘ ﻪﺤﻔﺻ ﻢﯿﻧ                   C-d",
        "                                                                ﻻﺎﺑ ﻪﺤﻔﺻ ﻢﯿﻧ                   C-u",
        "                                                                     ﺯﺎﻏﺁ ﻪﺑ               g, Home",
        "                                                                    ﻥﺎﯾﺎﭘ ﻪﺑ                G, End",
        "                                      ﻩﺪﯾﺰﮔﺮﺑ ﺪﻧﻮﯿﭘ ﺎﯾ ﮏﻧﺎﺸﻧ ،ﻪﻟﺎﻘﻣ ﻥﺩﺮﮐ ﺯﺎﺑ                 Enter",
        "                                              ﺖﺸﮔﺯﺎﺑ ﺎﯾ ،ﻮﺟﻭﺖﺴﺟ ﺎﯾ ﺶﻨﯾﺰﮔ ﻮﻐﻟ                   Esc",
        "                                                          ﻪﻧﺎﺨﺑﺎﺘﮐ ﻪﺑ ﺖﺸﮔﺯﺎﺑ              l, Right",
        "                                                      ﻩﺪﯾﺰﮔﺮﺑ ﻪ\u{654}ﻟﺎﻘﻣ ﻥﺩﺮﮐ ﺯﺎﺑ               h, Left",
        "                                                              ﻪﻟﺎﻘﻣ ﯼﺎﻫﺪﻧﻮﯿﭘ                     f",
        "                                                       ﻦﯿﺸﯿﭘ ﻪ\u{654}ﻟﺎﻘﻣ ﻪﺑ ﺖﺸﮔﺯﺎﺑ             Backspace",
        "                                                                 ﯼﺪﻌﺑ ﻝﻮﻗﻞﻘﻧ                     ]",
        "                                                                ﻦﯿﺸﯿﭘ ﻝﻮﻗﻞﻘﻧ                     [",
        "                                                       ﺎﺟﻦﯾﺍ ﺮﺑ ﻦﺘﺷﺍﺬﮔ ﮏﻧﺎﺸﻧ                     b",
        "                                                         ﺶﻨﯾﺰﮔ ﻥﺎﯾﺎﭘ ﺎﯾ ﺯﺎﻏﺁ                     v",
        "                                      ﻩﺪﯾﺰﮔﺮﺑ ﺪﻧﻮﯿﭘ ﺎﯾ ﻩﺪﯾﺰﮔﺮﺑ ﻦﺘﻣ ﺯﺍ ﺖﺷﻮﻧﻭﺭ                     y",
        "                                                      ﻩﺪﯾﺰﮔﺮﺑ ﮏﻧﺎﺸﻧ ﻥﺩﺮﮐ ﮎﺎﭘ                     d",
        "                                                                      ﻮﺟﻭﺖﺴﺟ                     /",
        "                                                                  ﯼﺪﻌﺑ ﻪ\u{654}ﺘﻓﺎﯾ                     n",
        "                                                                 ﻦﯿﺸﯿﭘ ﻪ\u{654}ﺘﻓﺎﯾ                     N",
        "                                                                     ﺎﻫﮏﻧﺎﺸﻧ                     B",
        "                                                                    ﻪﻧﺎﺨﺑﺎﺘﮐ                     L",
        "                                               (ﻪﻨﯿﻣﺯﺲﭘ ﺭﺩ) ﺎﻫﮎﺍﺭﻮﺧ ﯼﺯﺎﺳﻩﺯﺎﺗ                     R",
        "                                                                 ﺎﻤﻨﻫﺍﺭ ﻦﯿﻤﻫ                     ?",
        " ﺖﺸﮔﺯﺎﺑ Esc",
    ]);
    expected.set_style(cells(87, 0, 13), t.heading);
    expected.set_style(cells(91, 2, 7), t.quote);
    expected.set_style(cells(93, 3, 5), t.quote);
    expected.set_style(cells(78, 4, 20), t.quote);
    expected.set_style(cells(87, 5, 11), t.quote);
    expected.set_style(cells(95, 6, 3), t.quote);
    expected.set_style(cells(95, 7, 3), t.quote);
    expected.set_style(cells(91, 8, 7), t.quote);
    expected.set_style(cells(92, 9, 6), t.quote);
    expected.set_style(cells(93, 10, 5), t.quote);
    expected.set_style(cells(95, 11, 3), t.quote);
    expected.set_style(cells(90, 12, 8), t.quote);
    expected.set_style(cells(91, 13, 7), t.quote);
    expected.set_style(cells(97, 14, 1), t.quote);
    expected.set_style(cells(89, 15, 9), t.quote);
    expected.set_style(cells(97, 16, 1), t.quote);
    expected.set_style(cells(97, 17, 1), t.quote);
    expected.set_style(cells(97, 18, 1), t.quote);
    expected.set_style(cells(97, 19, 1), t.quote);
    expected.set_style(cells(97, 20, 1), t.quote);
    expected.set_style(cells(97, 21, 1), t.quote);
    expected.set_style(cells(97, 22, 1), t.quote);
    expected.set_style(cells(97, 23, 1), t.quote);
    expected.set_style(cells(97, 24, 1), t.quote);
    expected.set_style(cells(97, 25, 1), t.quote);
    expected.set_style(cells(97, 26, 1), t.quote);
    expected.set_style(cells(97, 27, 1), t.quote);
    expected.set_style(cells(97, 28, 1), t.quote);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn the_links_screen_at_100_by_30() {
    let mut app = app_with_links(&data_dir("the-links-screen-at-100-by-30"));
    keys(&mut app, "f");
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(100, &[
        "                                                                                  ۲ · ﺎﻫﺪﻧﻮﯿﭘ · barg",
        "",
        "                                                                                       ﻡﻭﺩ ﻪ\u{654}ﺘﺷﻮﻧ  ۱",
        "                                                                                       second.md",
        "                                                                                       ﺯﻭﺮﻣﺍ ﺮﺒﺧ  ۲",
        "                                                                         https://fa.example/news",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        " ﺖﺸﮔﺯﺎﺑ Esc  ﺖﺷﻮﻧﻭﺭ y  ﻦﺘﻓﺭ Enter",
    ]);
    expected.set_style(cells(82, 0, 18), t.heading);
    expected.set_style(cells(0, 2, 100), t.selected_item);
    expected.set_style(cells(0, 3, 100), t.selected_item);
    expected.set_style(cells(73, 5, 23), t.dim);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn the_library_with_a_feed_at_20_by_5() {
    let mut app = app_with_a_feed(&data_dir("the-library-with-a-feed-at-20-by-5"));
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        " ۳ · ﻪﻧﺎﺨﺑﺎﺘﮐ · barg",
        "",
        " ﻩﮊﺍﻭ ۲۰        ﮒﺮﺑ",
        " ﻩﮊﺍﻭ ۷           A",
        "  /  ﻥﺩﺮﮐ ﺯﺎﺑ Enter",
    ]);
    expected.set_style(cells(1, 0, 19), t.heading);
    expected.set_style(cells(0, 2, 20), t.selected_item);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn the_reader_with_a_focused_quotation_at_20_by_5() {
    let mut app = app(&data_dir("the-reader-with-a-focused-quotation-at-20-by-5"));
    keys(&mut app, "\n]");
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "          ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "   ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        "        .ﺖﻓﺭ ﻭ «ﺖﺳﺍ",
        "  ۱ ﺯﺍ ۱ ﻝﻮﻗﻞﻘﻧ  ۰٪",
    ]);
    expected.set_style(cells(10, 0, 9), t.heading);
    expected.set_style(cells(3, 2, 9), t.focused_quote);
    expected.set_style(cells(15, 3, 4), t.focused_quote);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn search_typing_at_20_by_5() {
    let mut app = app_with_a_feed(&data_dir("search-typing-at-20-by-5"));
    keys(&mut app, "\n/کتاب");
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "          ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "   ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        "        .ﺖﻓﺭ ﻭ «ﺖﺳﺍ",
        "               ﺏﺎﺘﮐ/",
    ]);
    expected.set_style(cells(10, 0, 9), t.heading);
    expected.set_style(cells(3, 2, 9), t.quote);
    expected.set_style(cells(15, 3, 4), t.quote);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn search_hits_at_20_by_5() {
    let mut app = app_with_a_feed(&data_dir("search-hits-at-20-by-5"));
    keys(&mut app, "\n/کتاب\n");
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "          ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "   ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        "        .ﺖﻓﺭ ﻭ «ﺖﺳﺍ",
        "     ﺪﺷ ﺍﺪﯿﭘ ﺩﺭﻮﻣ ۲",
    ]);
    expected.set_style(cells(10, 0, 9), t.heading);
    expected.set_style(cells(3, 2, 4), t.quote);
    expected.set_style(cells(7, 2, 4), t.hit);
    expected.set_style(cells(11, 2, 1), t.quote);
    expected.set_style(cells(15, 3, 4), t.quote);
    expected.set_style(status_row(20, 4), t.status);
    expected.set_style(cells(5, 4, 14), t.message);
    assert_eq!(actual, expected);
}

#[test]
fn the_bookmarks_screen_at_20_by_5() {
    let mut app = app_with_a_bookmark(&data_dir("the-bookmarks-screen-at-20-by-5"));
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "  ۱ · ﺎﻫﮏﻧﺎﺸﻧ · barg",
        "",
        " ۱۴۰۴ ﻦﯾﺩﺭﻭﺮﻓ ۱ · #۱",
        "      ﺖﺳﺍ ﺏﻮﺧ ﺏﺎﺘﮐ",
        "  d  ﻥﺩﺮﮐ ﺯﺎﺑ Enter",
    ]);
    expected.set_style(cells(2, 0, 18), t.heading);
    expected.set_style(cells(0, 2, 20), t.selected_item);
    expected.set_style(cells(6, 3, 12), t.quote);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn help_at_20_by_5() {
    let mut app = app(&data_dir("help-at-20-by-5"));
    keys(&mut app, "?");
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "       ﺎﻫﺪﯿﻠﮐ · barg",
        "",
        "  ﺮﻄﺳ ﮏﯾ   j, Down",
        "  ﺮﻄﺳ ﮏﯾ     k, Up",
        " ﺖﺸﮔﺯﺎﺑ Esc",
    ]);
    expected.set_style(cells(7, 0, 13), t.heading);
    expected.set_style(cells(11, 2, 7), t.quote);
    expected.set_style(cells(13, 3, 5), t.quote);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn the_links_screen_at_20_by_5() {
    let mut app = app_with_links(&data_dir("the-links-screen-at-20-by-5"));
    keys(&mut app, "f");
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "  ۲ · ﺎﻫﺪﻧﻮﯿﭘ · barg",
        "",
        "       ﻡﻭﺩ ﻪ\u{654}ﺘﺷﻮﻧ  ۱",
        "       second.md",
        "      y  ﻦﺘﻓﺭ Enter",
    ]);
    expected.set_style(cells(2, 0, 18), t.heading);
    expected.set_style(cells(0, 2, 20), t.selected_item);
    expected.set_style(cells(0, 3, 20), t.selected_item);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

/// The fixed time the bookmark is given.
const CREATED: &str = "2025-03-21T12:00:00Z";

/// A barg in Persian on `data` with one bookmark, made by reading the
/// Persian article, `]` and `b`, dated [`CREATED`], on the bookmarks
/// screen.
fn app_with_a_bookmark(data: &Path) -> App {
    let mut first = app(data);
    keys(&mut first, "\n]b");
    keys(&mut first, "q");
    drop(first);
    let store = Store::open(data.to_path_buf()).expect("the store reads");
    let [bookmark] = store.bookmarks() else {
        panic!("one bookmark: {:?}", store.bookmarks());
    };
    let path = store.path();
    let made = bookmark.created.clone();
    drop(store);
    let text = std::fs::read_to_string(&path).expect("the store file");
    std::fs::write(&path, text.replace(&made, CREATED)).expect("write the store file");
    let mut second = app(data);
    keys(&mut second, "B");
    second
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

// Keys.

#[test]
fn keys_typed_on_the_persian_layout_work_in_the_persian_interface() {
    let data = data_dir("keyboard");
    let mut app = app(&data);
    // ت is j: down to the second article; ن is k: back up; Enter opens.
    keys(&mut app, "ت");
    assert_eq!(app.library().selected(), 1);
    keys(&mut app, "ن\n");
    assert_eq!(app.screen(), Screen::Reader);
    // چ is ]: the quotation is focused; ذ is b: it is bookmarked.
    keys(&mut app, "چذ");
    assert_eq!(app.message(), Some("نشانک شد (#۱)"));
    // ؟ is ?: the help; Esc closes it.
    keys(&mut app, "؟");
    assert_eq!(app.screen(), Screen::Help);
    keys(&mut app, "\x1b");
    assert_eq!(app.screen(), Screen::Reader);
}

#[test]
fn left_and_right_are_mirrored_in_the_persian_interface() {
    // In Persian the library is on the right: Right (and l, م on the
    // Persian layout) goes back to it, Left (h, ا) opens.
    let data = data_dir("arrows-fa");
    let mut app = app(&data);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.screen(), Screen::Library, "Right opens nothing here");
    press(&mut app, KeyCode::Left);
    assert_eq!(app.screen(), Screen::Reader);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.screen(), Screen::Library);
    keys(&mut app, "h");
    assert_eq!(app.screen(), Screen::Reader);
    keys(&mut app, "l");
    assert_eq!(app.screen(), Screen::Library);
    keys(&mut app, "ا");
    assert_eq!(app.screen(), Screen::Reader);
    keys(&mut app, "م");
    assert_eq!(app.screen(), Screen::Library);

    // In English, as before: Right and l open, Left and h go back.
    let data = data_dir("arrows-en");
    let mut app = self::app(&data).with_lang(Lang::ENGLISH);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.screen(), Screen::Reader);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.screen(), Screen::Library);
    keys(&mut app, "l");
    assert_eq!(app.screen(), Screen::Reader);
    keys(&mut app, "h");
    assert_eq!(app.screen(), Screen::Library);
}

#[test]
fn the_persian_help_lists_the_mirrored_keys_and_says_why() {
    let data = data_dir("help-mirrored");
    let mut app = app(&data);
    keys(&mut app, "?");
    let screen = rows(&draw(&mut app, 100, 40));
    let line = |keys: &str| {
        screen
            .iter()
            .find(|row| row.trim_end().ends_with(keys))
            .unwrap_or_else(|| panic!("no help line for {keys}: {screen:#?}"))
            .clone()
    };
    // The line "back to the library" (ﻪﻧﺎﺨﺑﺎﺘﮐ) shows l and Right.
    assert!(
        line("l, Right").contains("ﻪﻧﺎﺨﺑﺎﺘﮐ ﻪﺑ ﺖﺸﮔﺯﺎﺑ"),
        "{screen:#?}"
    );
    assert!(line("h, Left").contains("ﻩﺪﯾﺰﮔﺮﺑ"), "{screen:#?}");
}

#[test]
fn an_app_not_told_its_language_is_english_and_not_mirrored() {
    let data = data_dir("default");
    let store = Store::open(data.clone()).expect("a store in a temp dir");
    let mut app = app_with(
        fixture_articles(),
        None,
        LayoutOptions::default(),
        Some(store),
    );
    assert_eq!(app.lang, Lang::ENGLISH);
    let screen = rows(&draw(&mut app, 100, 30));
    assert!(
        screen[0].starts_with("barg · library · 2 articles "),
        "{screen:#?}"
    );
    assert!(screen[3].starts_with(" A Short Note "), "{screen:#?}");
    assert_eq!(
        screen[29].trim(),
        "Enter open  / filter  B bookmarks  ? help  q quit"
    );
}
