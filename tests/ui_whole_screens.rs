//! Whole screens, with their styles: given this small article and these
//! keys, this is every cell of the screen at 100×30 and at 20×5. The
//! expected screens are written out row by row (Persian in the visual order
//! and presentation forms barg draws, read and checked by a person), padded
//! to the width in columns, and styled with `Buffer::set_style`, the way
//! ratatui's own widget tests state a widget's output.
//!
//! The article (tests/fixtures/screens/1-barg.txt) has a Persian title, a
//! paragraph with a «quotation», a heading, and a paragraph with an English
//! word, a number and a ZWNJ (می‌خواند); 2-note.txt is an English one.

use std::path::{Path, PathBuf};

use barg::article::library;
use barg::layout::LayoutOptions;
use barg::store::Store;
use barg::ui::App;
use barg::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use screen_support::{app_with, draw, keys, rows, screen};

mod screen_support;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/screens")
}

fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("barg-whole-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The reader on the two fixture articles, with a store in `data`.
fn app(data: &Path) -> App {
    let (articles, problems) = library::load_all(&[fixtures()]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(articles.len(), 2);
    let store = Store::open(data.to_path_buf()).expect("a store in a temp dir");
    app_with(articles, None, LayoutOptions::default(), Some(store))
}

/// The theme screen_support draws with.
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

// The library: a header, one row per article (the first selected, its
// numbers on the right of the list), and from 100 columns a preview of the
// selected article beside it.

#[test]
fn the_library_at_100_by_30() {
    let data = data_dir("library-100");
    let mut app = app(&data);
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(100, &[
        "barg · library · 2 articles                                                                ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "                   ﺰﯿﯾﺎﭘ ﮒﺮﺑ     20 w   1 min   0%  0 ★                 .ﺖﻓﺭ ﻭ «ﺖﺳﺍ ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        " A Short Note                     7 w   1 min   0%  0 ★",
        "                                                                                             ﻪﺘﮑﻧ ﻪﺳ",
        "",
        "                                                               .ﺪﻧﺍﻮﺧﯽﻣ ﺍﺭ ﺏﺎﺘﮐ ﻭ ﺪﻣﺁ Barg ﺯﺍ 2 ﻪ\u{654}ﺨﺴﻧ",
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
        "                                                  Enter open  / filter  B bookmarks  ? help  q quit",
    ]);
    // The list is the left 55 columns; the preview starts at column 57.
    expected.set_style(cells(0, 0, 27), t.heading);
    expected.set_style(cells(91, 0, 9), t.heading); // the preview's title
    expected.set_style(cells(0, 2, 55), t.selected_item);
    expected.set_style(cells(72, 2, 28), t.dim);
    expected.set_style(cells(93, 4, 7), t.heading); // سه نکته
    expected.set_style(cells(63, 6, 37), t.dim);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn the_library_at_20_by_5() {
    let data = data_dir("library-20");
    let mut app = app(&data);
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    // No preview; the header, the titles and the key hints are cut at a
    // word that does not fit. The Persian title wraps to its first word,
    // right-aligned in its 8 columns.
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "barg · library · 2",
        "",
        "      ﮒﺮﺑ     20 w",
        " A Short       7 w",
        " Enter open  /",
    ]);
    expected.set_style(cells(0, 0, 18), t.heading);
    expected.set_style(cells(0, 2, 20), t.selected_item);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

// The reader after `]`: the quotation «کتاب خوب است» is focused, its
// guillemets included (drawn mirrored: » on the right, where it opens).

#[test]
fn the_reader_with_a_focused_quotation_at_100_by_30() {
    let data = data_dir("quote-100");
    let mut app = app(&data);
    keys(&mut app, "\n]");
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    // The 80-column measure is centred: text ends at column 89.
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
        " ﺰﯿﯾﺎﭘ ﮒﺮﺑ                                                                     0%  1/1 quotes  READ",
    ]);
    expected.set_style(cells(81, 0, 9), t.heading);
    expected.set_style(cells(69, 2, 14), t.focused_quote);
    expected.set_style(cells(83, 4, 7), t.heading);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn the_reader_with_a_focused_quotation_at_20_by_5() {
    let data = data_dir("quote-20");
    let mut app = app(&data);
    keys(&mut app, "\n]");
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    // An 18-column measure; the quotation breaks after خوب, so both its
    // lines carry the focus. The status line has room for the numbers
    // only (no title, no READ).
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "          ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "   ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        "        .ﺖﻓﺭ ﻭ «ﺖﺳﺍ",
        " 0%  1/1 quotes",
    ]);
    expected.set_style(cells(10, 0, 9), t.heading);
    expected.set_style(cells(3, 2, 9), t.focused_quote);
    expected.set_style(cells(15, 3, 4), t.focused_quote);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

// Search: `/` and کتاب typed (the prompt shows it laid out, right to left),
// then Enter: both hits highlighted over whatever style they are in.

#[test]
fn search_at_100_by_30() {
    let data = data_dir("search-100");
    let mut app = app(&data);
    keys(&mut app, "\n/کتاب");
    let typing = draw(&mut app, 100, 30);
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
        "/ﺏﺎﺘﮐ",
    ]);
    expected.set_style(cells(81, 0, 9), t.heading);
    expected.set_style(cells(69, 2, 14), t.quote);
    expected.set_style(cells(83, 4, 7), t.heading);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(typing, expected);

    keys(&mut app, "\n");
    let found = draw(&mut app, 100, 30);
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
        " 2 matches                                                                     0%  1 quotes  SEARCH",
    ]);
    expected.set_style(cells(81, 0, 9), t.heading);
    expected.set_style(cells(69, 2, 14), t.quote);
    expected.set_style(cells(78, 2, 4), t.hit); // inside the quotation
    expected.set_style(cells(83, 4, 7), t.heading);
    expected.set_style(cells(65, 6, 4), t.hit);
    expected.set_style(status_row(100, 29), t.status);
    expected.set_style(cells(1, 29, 9), t.message);
    assert_eq!(found, expected);
}

#[test]
fn search_at_20_by_5() {
    let data = data_dir("search-20");
    let mut app = app(&data);
    keys(&mut app, "\n/کتاب");
    let typing = draw(&mut app, 20, 5);
    let t = theme();
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "          ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "   ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        "        .ﺖﻓﺭ ﻭ «ﺖﺳﺍ",
        "/ﺏﺎﺘﮐ",
    ]);
    expected.set_style(cells(10, 0, 9), t.heading);
    expected.set_style(cells(3, 2, 9), t.quote);
    expected.set_style(cells(15, 3, 4), t.quote);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(typing, expected);

    keys(&mut app, "\n");
    let found = draw(&mut app, 20, 5);
    // The second hit is below the screen; the message takes the status
    // line, the numbers on its right do not fit beside it.
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "          ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
        "",
        "   ﺏﻮﺧ ﺏﺎﺘﮐ» ﺖﻔﮔ ﻭﺍ",
        "        .ﺖﻓﺭ ﻭ «ﺖﺳﺍ",
        " 2 matches",
    ]);
    expected.set_style(cells(10, 0, 9), t.heading);
    expected.set_style(cells(3, 2, 9), t.quote);
    expected.set_style(cells(7, 2, 4), t.hit);
    expected.set_style(cells(15, 3, 4), t.quote);
    expected.set_style(status_row(20, 4), t.status);
    expected.set_style(cells(1, 4, 9), t.message);
    assert_eq!(found, expected);
}

// The bookmarks screen, with a bookmark made through the app (`]` then `b`).
// Its date is the clock's: the store file is then given a fixed `created`
// and a new barg on it shows the bookmarks (`B`).

/// The fixed time the bookmark is given.
const CREATED: &str = "2025-03-21T08:30:00Z";

/// A barg on `data` with one bookmark, made by reading the Persian article,
/// `]` and `b`, dated [`CREATED`].
fn app_with_a_bookmark(data: &Path) -> App {
    let mut first = app(data);
    keys(&mut first, "\n]b");
    keys(&mut first, "q");
    drop(first);
    let store = Store::open(data.to_path_buf()).expect("the store reads");
    let [bookmark] = store.bookmarks() else {
        panic!("one bookmark: {:?}", store.bookmarks());
    };
    assert_eq!(bookmark.quote, "کتاب خوب است");
    let path = store.path();
    let made = bookmark.created.clone();
    drop(store);
    let text = std::fs::read_to_string(&path).expect("the store file");
    assert!(text.contains(&made), "{text}");
    std::fs::write(&path, text.replace(&made, CREATED)).expect("write the store file");
    let mut second = app(data);
    keys(&mut second, "B");
    second
}

#[test]
fn the_bookmarks_screen_at_100_by_30() {
    let data = data_dir("bookmarks-100");
    let mut app = app_with_a_bookmark(&data);
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    // The selected bookmark's row: number, date, the article's title at the
    // right; under it the quotation (without its guillemets) right-aligned
    // in columns 2 to 97.
    #[rustfmt::skip]
    let mut expected = screen(100, &[
        "barg · bookmarks · 1",
        "",
        "#1 · 2025-03-21 ·                                                                          ﺰﯿﯾﺎﭘ ﮒﺮﺑ",
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
        "                                                             Enter open  d remove  Esc back  ? help",
    ]);
    expected.set_style(cells(0, 0, 20), t.heading);
    expected.set_style(cells(0, 2, 100), t.selected_item);
    expected.set_style(cells(86, 3, 12), t.quote);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn the_bookmarks_screen_at_20_by_5() {
    let data = data_dir("bookmarks-20");
    let mut app = app_with_a_bookmark(&data);
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    // The title gets the two columns left after "#1 · 2025-03-21 · ": its
    // first two letters, joined.
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "barg · bookmarks · 1",
        "",
        "#1 · 2025-03-21 · ﺮﺑ",
        "      ﺖﺳﺍ ﺏﻮﺧ ﺏﺎﺘﮐ",
        " Enter open  d",
    ]);
    expected.set_style(cells(0, 0, 20), t.heading);
    expected.set_style(cells(0, 2, 20), t.selected_item);
    expected.set_style(cells(6, 3, 12), t.quote);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

// Help: every binding of the default keymap, its keys in the quotation
// style, the description two columns after the key column, which is as wide
// as the longest key list ("Space, PageDown, C-f") up to half the screen.

/// The styles of a help screen whose `rows` are written out: each key list
/// (from column 2 to the two spaces before the description) in the
/// quotation style.
fn help_styles(expected: &mut Buffer, rows: &[&str], t: &Theme) {
    for (y, row) in rows.iter().enumerate().skip(2) {
        let Some(listed) = row.strip_prefix("  ") else {
            continue;
        };
        let keys = listed.split("  ").next().unwrap_or_default();
        if !keys.is_empty() {
            let width = screen_support::columns(keys) as u16;
            expected.set_style(cells(2, y as u16, width), t.quote);
        }
    }
}

#[test]
fn help_at_100_by_30() {
    let data = data_dir("help-100");
    let mut app = app(&data);
    keys(&mut app, "?");
    let actual = draw(&mut app, 100, 30);
    let t = theme();
    #[rustfmt::skip]
    let body = [
        "barg · keys",
        "",
        "  j, Down               down a line",
        "  k, Up                 up a line",
        "  Space, PageDown, C-f  down a page",
        "  PageUp, C-b           up a page",
        "  C-d                   down half a page",
        "  C-u                   up half a page",
        "  g, Home               to the top",
        "  G, End                to the bottom",
        "  Enter                 open the selected article, bookmark or link",
        "  Esc                   cancel the selection or search, or go back",
        "  h, Left               back to the library",
        "  l, Right              open the selected article",
        "  f                     the article's links",
        "  Backspace             back to the article read before",
        "  ]                     next quotation",
        "  [                     previous quotation",
        "  b                     bookmark this place",
        "  v                     start or end a selection",
        "  y                     copy the selection, or the selected link",
        "  d                     delete the selected bookmark",
        "  /                     search",
        "  n                     next search hit",
        "  N                     previous search hit",
        "  B                     the bookmarks",
        "  L                     the library",
        "  R                     refresh the feeds (in the background)",
        "  ?                     this help",
        "                                                                                           Esc back",
    ];
    let mut expected = screen(100, &body);
    expected.set_style(cells(0, 0, 11), t.heading);
    help_styles(&mut expected, &body[..29], &t);
    expected.set_style(status_row(100, 29), t.status);
    assert_eq!(actual, expected);
}

#[test]
fn help_at_20_by_5() {
    let data = data_dir("help-20");
    let mut app = app(&data);
    keys(&mut app, "?");
    let actual = draw(&mut app, 20, 5);
    let t = theme();
    // Two bindings fit. The key column is 8 wide (half of what is left
    // after the margins); each description starts two columns after it, cut
    // at a word that does not fit.
    #[rustfmt::skip]
    let mut expected = screen(20, &[
        "barg · keys",
        "",
        "  j, Down   down a",
        "  k, Up     up a",
        "           Esc back",
    ]);
    expected.set_style(cells(0, 0, 11), t.heading);
    expected.set_style(cells(2, 2, 7), t.quote);
    expected.set_style(cells(2, 3, 5), t.quote);
    expected.set_style(status_row(20, 4), t.status);
    assert_eq!(actual, expected);
}

// Bugs seen while reading the screens above.

#[test]
fn the_filter_prompt_keeps_the_space_after_its_label() {
    let data = data_dir("filter");
    let mut app = app(&data);
    keys(&mut app, "/Sh");
    for (width, height) in [(100, 30), (20, 5)] {
        let screen = rows(&draw(&mut app, width, height));
        let status = &screen[usize::from(height) - 1];
        assert_eq!(status.trim_end(), "filter: Sh", "at {width}×{height}");
    }
}

#[test]
fn a_message_shows_on_a_20_column_status_line() {
    let data = data_dir("message-20");
    let mut app = app(&data);
    keys(&mut app, "\n/کتاب\n");
    let screen = rows(&draw(&mut app, 20, 5));
    assert!(screen[4].contains("2 matches"), "{:?}", screen[4]);
}
