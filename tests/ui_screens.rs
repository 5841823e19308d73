//! The reader screen, drawn to a ratatui `TestBackend`: given these keys,
//! this is the screen. Persian lines are compared cell by cell with what the
//! layout engine gives, so these tests say where text goes and how it is
//! styled, not how a font draws it.

use std::path::{Path, PathBuf};

use barg::article::library;
use barg::layout::{LayoutOptions, layout_paragraph};
use barg::store::Store;
use barg::ui::keymap::Keymap;
use barg::ui::reader::Row;
use barg::ui::theme::Theme;
use barg::ui::{App, Screen, Setup};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use screen_support::{app_with, columns, draw, keys, rows};

mod screen_support;

fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("barg-ui-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn app(data: &Path) -> App {
    let store = Store::open(data.to_path_buf()).expect("a store in a temp dir");
    app_with(
        library::samples(),
        None,
        LayoutOptions::default(),
        Some(store),
    )
}

/// A paragraph laid out as the reader lays it out: right-aligned in `width`.
fn aligned(text: &str, width: usize) -> Vec<String> {
    layout_paragraph(text, width, &LayoutOptions::default())
        .lines
        .iter()
        .map(|line| format!("{}{}", " ".repeat(line.indent(width)), line.text()))
        .collect()
}

#[test]
fn the_library_lists_the_samples_with_their_titles() {
    let data = data_dir("library");
    let mut app = app(&data);
    let screen = rows(&draw(&mut app, 80, 12));
    assert!(
        screen[0].starts_with("barg · library · 6 articles"),
        "{}",
        screen[0]
    );
    // The first sample is selected; each row ends with its numbers.
    assert!(
        screen[2].trim_end().ends_with("508 w   3 min   0%  0 ★"),
        "{}",
        screen[2]
    );
    // Persian titles are laid out by the engine, ending at the right of their column.
    let title = &library::samples()[0].title;
    let laid_out = layout_paragraph(title, 52, &LayoutOptions::default()).lines[0]
        .text()
        .to_string();
    assert!(
        screen[2].contains(laid_out.trim()),
        "{}\n{laid_out}",
        screen[2]
    );
    assert!(
        screen[5].contains("Reading Against the Grain"),
        "{}",
        screen[5]
    );
    assert!(screen[11].contains("Enter open"), "{}", screen[11]);
}

#[test]
fn a_wide_library_shows_a_preview_of_the_selected_article() {
    let data = data_dir("preview");
    let mut app = app(&data);
    keys(&mut app, "j");
    let screen = rows(&draw(&mut app, 120, 20));
    let essay = &library::samples()[1];
    let preview_width = 120 - 120 * 11 / 20 - 2;
    let title = aligned(&essay.title, preview_width);
    assert!(
        screen[0].ends_with(&title[0]),
        "{}\n{}",
        screen[0],
        title[0]
    );
    // Narrower than 100 columns, the list is alone.
    let narrow = rows(&draw(&mut app, 99, 20));
    assert!(!narrow[0].contains(title[0].trim()));
}

#[test]
fn enter_opens_the_article_laid_out_at_the_measure_centred() {
    let data = data_dir("reader");
    let mut app = app(&data);
    keys(&mut app, "\n");
    assert_eq!(app.screen(), Screen::Reader);
    let screen = rows(&draw(&mut app, 100, 20));
    let news = &library::samples()[0];
    let margin = " ".repeat((100 - 80) / 2);
    let title = aligned(news.block_text(0), 80);
    assert_eq!(screen[0].trim_end(), format!("{margin}{}", title[0]));
    assert_eq!(screen[1].trim(), "");
    let body = aligned(news.block_text(1), 80);
    for (i, line) in body.iter().enumerate() {
        assert_eq!(screen[2 + i].trim_end(), format!("{margin}{line}"));
    }
    assert!(
        screen[19].contains("0%") && screen[19].contains("9 quotes"),
        "{}",
        screen[19]
    );
}

#[test]
fn bracket_focuses_the_next_quotation_and_styles_it() {
    let data = data_dir("quote");
    let mut app = app(&data);
    keys(&mut app, "\n]");
    let buffer = draw(&mut app, 100, 20);
    let screen = rows(&buffer);
    assert!(screen[19].contains("1/9 quotes"), "{}", screen[19]);
    // The cells of the focused quotation carry the focused style; the
    // opening guillemet (drawn mirrored, at the right end of its run) too.
    let focused = Theme::dark().focused_quote;
    let styled: usize = (0..20)
        .flat_map(|y| (0..100).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].bg == focused.bg.unwrap_or_default())
        .count();
    let reader = app.reader().expect("reading");
    let quote = reader.focused_quote().expect("a focused quote");
    let quote_text = &reader.article().text[quote.range.clone()];
    let inked: String = quote_text.split_whitespace().collect();
    assert!(
        styled >= columns(&inked) / 2,
        "{styled} cells styled for {quote_text}"
    );
    keys(&mut app, "]]");
    assert!(rows(&draw(&mut app, 100, 20))[19].contains("3/9 quotes"));
    keys(&mut app, "[");
    assert!(rows(&draw(&mut app, 100, 20))[19].contains("2/9 quotes"));
}

#[test]
fn b_bookmarks_the_focused_quotation_and_the_bookmarks_screen_shows_it() {
    let data = data_dir("bookmark");
    let mut app = app(&data);
    keys(&mut app, "\n]b");
    let screen = rows(&draw(&mut app, 100, 20));
    assert!(screen[19].contains("bookmarked (#1)"), "{}", screen[19]);
    let store = Store::open(data.clone()).expect("store");
    assert_eq!(store.bookmarks().len(), 1);
    let quote = store.bookmarks()[0].quote.clone();
    assert!(quote.starts_with("ما نمی"), "{quote}");

    keys(&mut app, "B");
    let screen = rows(&draw(&mut app, 100, 20));
    assert!(screen[0].starts_with("barg · bookmarks · 1"));
    assert!(screen[2].starts_with("#1 · "), "{}", screen[2]);
    let laid_out = aligned(&quote, 96);
    assert_eq!(screen[3].trim_end(), format!("  {}", laid_out[0]));
    // d asks, y removes.
    keys(&mut app, "d");
    assert!(rows(&draw(&mut app, 100, 20))[19].contains("Remove bookmark #1? (y/n)"));
    keys(&mut app, "y");
    assert!(Store::open(data).expect("store").bookmarks().is_empty());
}

#[test]
fn v_selects_sentence_by_sentence_and_esc_cancels() {
    let data = data_dir("select");
    let mut app = app(&data);
    keys(&mut app, "\nv");
    let first = app
        .reader()
        .and_then(|r| r.selection().cloned())
        .expect("selection");
    keys(&mut app, "]");
    let grown = app
        .reader()
        .and_then(|r| r.selection().cloned())
        .expect("selection");
    assert_eq!(grown.sentences.len(), 2);
    assert_eq!(grown.range().start, first.range().start);
    keys(&mut app, "[");
    assert_eq!(
        app.reader().and_then(|r| r.selection().cloned()),
        Some(first)
    );
    assert!(rows(&draw(&mut app, 100, 20))[19].contains("SELECT"));
    keys(&mut app, "\x1b");
    assert!(app.reader().is_some_and(|r| r.selection().is_none()));
}

#[test]
fn search_highlights_every_hit_ignoring_yeh_and_kaf_variants() {
    let data = data_dir("search");
    let mut app = app(&data);
    // Typed with Arabic yeh and kaf: the article has Persian ones.
    keys(&mut app, "\n/كتابخانه\n");
    let hits = app.reader().map_or(0, |r| r.hits().len());
    assert!(hits >= 5, "{hits}");
    let first = app.reader().and_then(|r| r.hit());
    let screen = rows(&draw(&mut app, 100, 20));
    assert!(screen[19].contains("matches"), "{}", screen[19]);
    keys(&mut app, "n");
    assert_ne!(app.reader().and_then(|r| r.hit()), first);
    keys(&mut app, "N");
    assert_eq!(app.reader().and_then(|r| r.hit()), first);
}

#[test]
fn the_search_prompt_shows_typed_persian_laid_out() {
    let data = data_dir("prompt");
    let mut app = app(&data);
    keys(&mut app, "\n/سلام");
    let screen = rows(&draw(&mut app, 60, 10));
    assert!(
        screen[9].starts_with("/\u{FEE1}\u{FEFC}\u{FEB3}"),
        "{}",
        screen[9]
    );
}

#[test]
fn keys_typed_on_the_persian_layout_work_and_persian_digits_count() {
    let data = data_dir("persian-keys");
    let mut app = app(&data);
    keys(&mut app, "\n");
    draw(&mut app, 100, 20);
    keys(&mut app, "ت"); // j
    let after_one = app.reader().map(|r| r.top()).expect("reading");
    assert_eq!(after_one.line, 1);
    keys(&mut app, "۳ت"); // 3j: past the blank row, two lines into the body
    let top = app.reader().map(|r| r.top()).expect("reading");
    assert_eq!((top.block, top.line), (1, 2));
    keys(&mut app, "ن"); // k
    let top = app.reader().map(|r| r.top()).expect("reading");
    assert_eq!((top.block, top.line), (1, 1));
}

#[test]
fn the_position_is_kept_on_leaving_and_restored_on_opening_again() {
    let data = data_dir("position");
    let mut app = app(&data);
    keys(&mut app, "\n");
    draw(&mut app, 100, 20);
    keys(&mut app, "  "); // two pages down
    let offset = app.reader().map(|r| r.offset()).expect("reading");
    assert!(offset > 0);
    keys(&mut app, "h");
    assert_eq!(app.screen(), Screen::Library);
    // A new barg on the same data directory.
    let mut again = self::app(&data);
    keys(&mut again, "\n");
    draw(&mut again, 100, 20);
    assert_eq!(again.reader().map(|r| r.offset()), Some(offset));
}

#[test]
fn a_resize_lays_the_text_out_again_and_keeps_the_position() {
    let data = data_dir("resize");
    let mut app = app(&data);
    keys(&mut app, "\n");
    draw(&mut app, 100, 20);
    keys(&mut app, "jjjjjjjjjjjj");
    let before = app.reader().map(|r| r.offset()).expect("reading");
    let screen = rows(&draw(&mut app, 50, 20));
    let reader = app.reader().expect("reading");
    assert_eq!(reader.width(), 48);
    let after = reader.offset();
    // The top line now starts at or just before where the old one did.
    assert!(
        after <= before && before - after < 200,
        "{before} -> {after}"
    );
    assert!(screen.iter().all(|row| columns(row) <= 50));
}

#[test]
fn a_terminal_of_20_by_5_works() {
    let data = data_dir("tiny");
    let mut app = app(&data);
    for script in [
        "",
        "jjj",
        "\n",
        "]]b",
        "v]]",
        "\x1b/ab\n",
        "nN",
        "G",
        "g",
        "B",
        "?",
        "\x1b",
        "L",
    ] {
        keys(&mut app, script);
        let screen = rows(&draw(&mut app, 20, 5));
        assert_eq!(screen.len(), 5);
    }
    for (w, h) in [(1, 1), (5, 2), (20, 5), (3, 40)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn help_lists_the_keys_of_the_keymap() {
    let data = data_dir("help");
    let mut app = app(&data);
    keys(&mut app, "?");
    let screen = rows(&draw(&mut app, 80, 40)).join("\n");
    assert!(screen.contains("barg · keys"));
    for description in ["next quotation", "bookmark", "search"] {
        assert!(screen.contains(description), "{description} in\n{screen}");
    }
    keys(&mut app, "\x1b");
    assert_eq!(app.screen(), Screen::Library);
}

#[test]
fn y_copies_the_focused_quotation_in_logical_order() {
    let data = data_dir("copy");
    let mut app = app(&data);
    keys(&mut app, "\n]y");
    let copied = app.take_clipboard().expect("something to copy");
    assert!(copied.starts_with("ما نمی\u{200C}خواستیم"), "{copied}");
    assert!(rows(&draw(&mut app, 100, 20))[19].contains("copied"));
}

#[test]
fn the_mouse_wheel_scrolls() {
    use crossterm::event::{MouseEvent, MouseEventKind};
    let data = data_dir("wheel");
    let mut app = app(&data);
    keys(&mut app, "\n");
    draw(&mut app, 100, 20);
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.handle(wheel(MouseEventKind::ScrollDown));
    let top = app.reader().map(|r| r.top()).expect("reading");
    assert_eq!((top.block, top.line), (1, 1));
    app.handle(wheel(MouseEventKind::ScrollUp));
    let top = app.reader().map(|r| r.top()).expect("reading");
    assert_eq!((top.block, top.line), (0, 0));
}

#[test]
fn without_colour_the_focused_quotation_is_in_reverse_video() {
    use ratatui::style::{Color, Modifier};
    let data = data_dir("no-color");
    let mut app = App::new(Setup {
        articles: library::samples(),
        entries: Vec::new(),
        open: None,
        keymap: Keymap::builtin("default").expect("the default keymap"),
        theme: Theme::choose(false, true),
        layout: LayoutOptions::default(),
        measure: 80,
        store: Some(Store::open(data.clone()).expect("a store in a temp dir")),
        messages: Vec::new(),
    });
    keys(&mut app, "\n]");
    let buffer = draw(&mut app, 100, 20);
    // The body, without the status line (which is in reverse video too).
    let cells: Vec<_> = (0..19)
        .flat_map(|y| (0..100).map(move |x| (x, y)))
        .map(|p| &buffer[p])
        .collect();
    assert!(
        cells
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    assert!(
        cells
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED) && c.symbol() != " ")
    );
}

#[test]
fn enter_on_a_bookmark_opens_its_article_at_the_quote() {
    let data = data_dir("open-bookmark");
    let mut app = app(&data);
    // Bookmark the fourth quotation of the news, go back to the top, leave.
    keys(&mut app, "\n]]]]bgL");
    keys(&mut app, "B\n");
    assert_eq!(app.screen(), Screen::Reader);
    let reader = app.reader().expect("reading");
    assert_eq!(reader.focus(), Some(3));
    let quote = reader.focused_quote().expect("focused").range.clone();
    let screen = rows(&draw(&mut app, 100, 20));
    assert!(screen[19].contains("4/9 quotes"), "{}", screen[19]);
    let reader = app.reader().expect("reading");
    let block = reader.article().block_at(quote.start);
    let lines = reader
        .cached_lines(block)
        .expect("the quote's block is laid out");
    // Lines are laid out from the block's text: their ranges start at 0.
    let start = quote.start - reader.article().blocks[block].range.start;
    let line = lines
        .iter()
        .position(|l| l.range().contains(&start))
        .expect("a line holds the quote's start");
    assert!(
        reader.view().contains(&Row {
            block,
            piece: 0,
            line
        }),
        "the quote is on screen"
    );
}

#[test]
fn slash_in_the_library_filters_by_title_and_text() {
    let data = data_dir("filter");
    let mut app = app(&data);
    keys(&mut app, "/terminal\n");
    // The English essay and the technical piece mention terminals.
    assert_eq!(
        app.library().shown().len(),
        2,
        "{:?}",
        app.library().shown()
    );
    let screen = rows(&draw(&mut app, 80, 12));
    assert!(screen[0].contains("2 of 6 articles"), "{}", screen[0]);
    keys(&mut app, "\x1b");
    assert_eq!(app.library().shown().len(), 6);
}

/// An app reading one article made of `text`, with no store.
fn reading(text: &str) -> App {
    use barg::article::{Article, Source};
    let article = Article::from_plain_text(text.to_string(), Source::Stdin);
    app_with(vec![article], Some(0), LayoutOptions::default(), None)
}

#[test]
fn every_key_on_an_empty_or_blank_article_draws_an_empty_page() {
    let ctrl = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    for text in ["", "   \n\t\n \r\n"] {
        let mut app = reading(text);
        draw(&mut app, 40, 8);
        for event in [
            key(KeyCode::Down),
            key(KeyCode::PageDown),
            key(KeyCode::Up),
            key(KeyCode::PageUp),
            key(KeyCode::End),
            ctrl('d'),
            ctrl('f'),
            ctrl('u'),
            ctrl('b'),
        ] {
            app.handle(event);
        }
        keys(&mut app, "jk 5jGg][vbynN");
        let screen = rows(&draw(&mut app, 40, 8));
        assert_eq!(app.screen(), Screen::Reader);
        assert!(
            screen[..7].iter().all(|row| row.trim().is_empty()),
            "{screen:#?}"
        );
    }
}

#[test]
fn y_copies_no_control_character_of_the_quotation() {
    // A quotation that would end a bracketed paste and run a command.
    let text = "«خبر \x1b[201~; touch /tmp/x\r\u{9b}31m\u{202E}تازه»";
    let mut app = reading(text);
    keys(&mut app, "]y");
    assert_eq!(
        app.take_clipboard().as_deref(),
        Some("خبر [201~; touch /tmp/x31mتازه")
    );
}

#[test]
fn a_read_only_store_says_the_position_is_not_saved() {
    let data = data_dir("read-only");
    std::fs::create_dir_all(&data).expect("data dir");
    // A store from a newer barg is read, never written.
    std::fs::write(data.join("store.json"), r#"{"schema": 99}"#).expect("store");
    let mut app = app(&data);
    keys(&mut app, "\njjj");
    assert_eq!(app.unsaved(), None);
    keys(&mut app, "q");
    let why = app.unsaved().expect("the position was not saved");
    assert!(
        why.contains("not saved") && why.contains("newer barg"),
        "{why}"
    );
}

#[test]
fn an_article_deleted_while_open_still_reads_bookmarks_and_quits() {
    use barg::article::{Source, open};
    let data = data_dir("deleted");
    std::fs::create_dir_all(&data).expect("data dir");
    let path = data.join("article.txt");
    std::fs::write(&path, "عنوان\n\nاو گفت «این نقل قول است» و رفت.\n").expect("article");
    let article = open(&Source::File(path.clone()))
        .expect("the article loads")
        .article;
    let store = Store::open(data.join("store")).expect("a store in a temp dir");
    let mut app = app_with(
        vec![article],
        Some(0),
        LayoutOptions::default(),
        Some(store),
    );
    std::fs::remove_file(&path).expect("delete the article");
    keys(&mut app, "]b");
    let screen = rows(&draw(&mut app, 60, 8));
    assert!(screen[7].contains("bookmarked (#1)"), "{screen:#?}");
    keys(&mut app, "Lq");
    assert_eq!(app.unsaved(), None);
    let store = Store::open(data.join("store")).expect("the store reads");
    assert_eq!(store.bookmarks().len(), 1);
    assert_eq!(store.bookmarks()[0].quote, "این نقل قول است");
}

#[test]
fn b_while_another_barg_holds_the_store_says_so_and_keeps_the_bookmark_for_later() {
    use barg::store::Patience;
    use std::time::Duration;
    let data = data_dir("locked");
    std::fs::create_dir_all(&data).expect("data dir");
    let held = std::fs::File::create(data.join("store.lock")).expect("lock file");
    held.lock().expect("hold the lock");
    let store = Store::open_with(data.clone(), Patience::up_to(Duration::from_millis(100)))
        .expect("a store in a temp dir");
    let mut app = app_with(
        library::samples(),
        Some(0),
        LayoutOptions::default(),
        Some(store),
    );
    keys(&mut app, "]b");
    let screen = rows(&draw(&mut app, 100, 10));
    assert!(screen[9].contains("not saved"), "{}", screen[9]);
    // Once the other barg is done, quitting writes the bookmark it kept.
    drop(held);
    keys(&mut app, "q");
    assert_eq!(app.unsaved(), None);
    let store = Store::open(data).expect("the store reads");
    assert_eq!(store.bookmarks().len(), 1);
}

/// A Markdown article as the reader shows it at 30 columns: a heading, a
/// quotation with its bar on the start side (the right for Persian), a
/// nested list indented by depth with its markers, code left to right as
/// written and a rule across the measure; no Markdown markup on screen.
#[test]
fn a_markdown_article_shows_its_blocks_apart() {
    use barg::article::{Article, Source};
    let markdown = "# Notes\n\n> Wind *keeps* it.\n\n> «باد»\n\n- one\n  1. two\n\n\
                    ```\nif x {\n\ty()\n}\n```\n\n---\n\nEnd.\n";
    let article = Article::from_markdown(markdown, Source::Stdin);
    let mut app = app_with(vec![article], Some(0), LayoutOptions::default(), None);
    let buffer = draw(&mut app, 30, 16);
    let screen = rows(&buffer);
    // Styles: the heading bold, emphasis italic, code in the code style
    // (its background across the row), the bar in the quotation style.
    use ratatui::style::Modifier;
    let theme = *app.theme();
    assert!(buffer[(1, 0)].modifier.contains(Modifier::BOLD));
    assert!(buffer[(8, 2)].modifier.contains(Modifier::ITALIC), "keeps");
    assert!(!buffer[(3, 2)].modifier.contains(Modifier::ITALIC), "Wind");
    let code = theme.text.patch(theme.code);
    assert_eq!(buffer[(1, 9)].fg, code.fg.unwrap_or_default());
    assert_eq!(buffer[(20, 9)].bg, code.bg.unwrap_or_default());
    assert_eq!(buffer[(1, 2)].fg, theme.quote.fg.unwrap_or_default());
    // The reader leaves a column free on each side: the measure is 28.
    let persian = &aligned("«باد»", 26)[0];
    let expected = [
        " Notes".to_string(),
        String::new(),
        " ┃ Wind keeps it.".to_string(),
        String::new(),
        format!(" {persian} ┃"),
        String::new(),
        " • one".to_string(),
        "   1. two".to_string(),
        String::new(),
        " if x {".to_string(),
        "         y()".to_string(),
        " }".to_string(),
        String::new(),
        format!(" {}", "─".repeat(28)),
        String::new(),
    ];
    let shown: Vec<String> = screen[..15]
        .iter()
        .map(|r| r.trim_end().to_string())
        .collect();
    assert_eq!(shown, expected, "{screen:#?}");
}

#[test]
fn from_the_help_b_and_l_go_to_their_screens_and_esc_goes_back() {
    let data = data_dir("help-keys");
    let mut app = app(&data);
    keys(&mut app, "\n?");
    assert_eq!(app.screen(), Screen::Help);
    keys(&mut app, "B");
    assert_eq!(app.screen(), Screen::Bookmarks);
    keys(&mut app, "?L");
    assert_eq!(app.screen(), Screen::Library);
    keys(&mut app, "?jj\x1b");
    assert_eq!(app.screen(), Screen::Library, "Esc closes the help");
}
