//! Terminals that reorder right-to-left text by themselves. barg picks a
//! mode from the environment: its own layout with the terminal told to stand
//! down (VTE and WezTerm by the terminal-wg sequence, mlterm by its own OSC
//! 5379), or, where nothing stops the terminal (Konsole, macOS Terminal),
//! logical order with every piece of text on a row marked with its
//! direction. The screens here are drawn to a ratatui `TestBackend`; a
//! terminal that runs the bidi algorithm on each screen row is played by
//! unicode-bidi, and must then show what barg shows where barg reorders.

mod e2e_support;
mod screen_support;

use e2e_support::{Tmux, position};
use screen_support::{app_with, draw, keys};

use barg::article::{Article, Source, library};
use barg::config::BidiMode;
use barg::layout::{BaseDirection, LayoutOptions, Order, layout_paragraph};
use barg::term::Bidi;
use barg::ui::App;
use ratatui::buffer::Buffer;
use unicode_bidi::{BidiInfo, Level};
use unicode_segmentation::UnicodeSegmentation;

const LRM: char = '\u{200E}';
const RLM: char = '\u{200F}';
const LRE: char = '\u{202A}';
const RLE: char = '\u{202B}';
const PDF: char = '\u{202C}';

/// Every character that steers a terminal's bidi algorithm without being
/// drawn: marks, embeddings, overrides, isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An environment holding only `vars`.
fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    move |name| {
        vars.iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.clone())
    }
}

#[test]
fn each_terminal_gets_its_bidi_mode_from_the_environment() {
    let cases: &[(&[(&str, &str)], Bidi)] = &[
        (&[], Bidi::App),
        (&[("TERM", "xterm-256color")], Bidi::App),
        (&[("VTE_VERSION", "7600")], Bidi::App),
        (&[("TERM_PROGRAM", "WezTerm")], Bidi::App),
        (&[("TERM_PROGRAM", "iTerm.app")], Bidi::App),
        (&[("TMUX", "/tmp/tmux-0/default,1,0")], Bidi::App),
        (&[("MLTERM", "3.9.0")], Bidi::AppMlterm),
        (&[("KONSOLE_VERSION", "221203")], Bidi::Terminal),
        (&[("TERM_PROGRAM", "Apple_Terminal")], Bidi::Terminal),
        // tmux drops OSC 5379: mlterm behind it keeps reordering.
        (
            &[("MLTERM", "3.9.0"), ("TMUX", "/tmp/tmux-0/default,1,0")],
            Bidi::Terminal,
        ),
        // A variable set but empty is no sign of anything.
        (&[("KONSOLE_VERSION", "")], Bidi::App),
        (&[("MLTERM", "")], Bidi::App),
    ];
    for (vars, mode) in cases {
        assert_eq!(Bidi::detect(env(vars)), *mode, "{vars:?}");
        assert_eq!(Bidi::choose(BidiMode::Auto, env(vars)), *mode, "{vars:?}");
    }
}

#[test]
fn a_mode_the_user_chose_wins_but_app_still_stands_mlterm_down() {
    let mlterm = [("MLTERM", "3.9.0")];
    assert_eq!(Bidi::choose(BidiMode::App, env(&mlterm)), Bidi::AppMlterm);
    assert_eq!(
        Bidi::choose(BidiMode::Terminal, env(&mlterm)),
        Bidi::Terminal
    );
    let konsole = [("KONSOLE_VERSION", "221203")];
    assert_eq!(Bidi::choose(BidiMode::App, env(&konsole)), Bidi::App);
    assert_eq!(Bidi::choose(BidiMode::Terminal, env(&[])), Bidi::Terminal);
    assert_eq!(Bidi::App.order(), Order::Visual);
    assert_eq!(Bidi::AppMlterm.order(), Order::Visual);
    assert_eq!(Bidi::Terminal.order(), Order::Logical);
}

#[test]
fn each_mode_sends_its_own_sequence_and_its_undoing() {
    assert_eq!(Bidi::App.enter_sequence(), "\x1b[8l\x1b[1 k");
    assert_eq!(Bidi::App.leave_sequence(), "\x1b[8h\x1b[0 k");
    assert_eq!(
        Bidi::AppMlterm.enter_sequence(),
        "\x1b[8l\x1b[1 k\x1b]5379;use_ctl=false\x07"
    );
    assert_eq!(
        Bidi::AppMlterm.leave_sequence(),
        "\x1b[8h\x1b[0 k\x1b]5379;use_ctl=true\x07"
    );
    // Konsole and macOS Terminal cannot be stopped: nothing to send.
    assert_eq!(Bidi::Terminal.enter_sequence(), "");
    assert_eq!(Bidi::Terminal.leave_sequence(), "");
}

// --- screens -------------------------------------------------------------

fn layout(order: Order) -> LayoutOptions {
    match order {
        Order::Visual => LayoutOptions::default(),
        Order::Logical => LayoutOptions {
            direction: BaseDirection::Auto,
            shaping: false,
            order: Order::Logical,
            ..LayoutOptions::default()
        },
    }
}

fn app(articles: Vec<Article>, open: Option<usize>, layout: LayoutOptions) -> App {
    app_with(articles, open, layout, None)
}

fn news(order: Order) -> App {
    app(library::samples(), Some(0), layout(order))
}

/// What a terminal receives for row `y`: each cell's symbol, left to right.
fn row(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

fn symbol(buffer: &Buffer, x: u16, y: u16) -> &str {
    buffer[(x, y)].symbol()
}

/// How a terminal that runs the bidi algorithm on every screen row shows
/// `row`: Konsole by default takes every row as left to right (`Some(ltr)`),
/// mlterm and Konsole with "BidiLineLTR" off take the first strong letter
/// (`None`). Runs at odd levels are reversed grapheme by grapheme and
/// mirrored, as a terminal draws them; the invisible controls are dropped.
fn terminal_shows(row: &str, base: Option<Level>) -> String {
    let info = BidiInfo::new(row, base);
    let mut shown = String::new();
    for paragraph in &info.paragraphs {
        let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let text = &row[run.clone()];
            if levels[run.start].is_rtl() {
                for grapheme in text.graphemes(true).rev() {
                    shown.extend(
                        grapheme
                            .chars()
                            .map(|c| unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)),
                    );
                }
            } else {
                shown.push_str(text);
            }
        }
    }
    // Joiners guide the terminal's shaping; they take no cell.
    shown.retain(|c| !is_bidi_control(c) && !matches!(c, '\u{200C}' | '\u{200D}'));
    shown
}

/// A screen to draw: these articles, this one open (or the library), after
/// these keys.
#[derive(Clone)]
struct Scene {
    articles: Vec<Article>,
    open: Option<usize>,
    keys: &'static str,
}

impl Scene {
    fn draw(&self, layout: LayoutOptions, width: u16, height: u16) -> Buffer {
        let mut app = app(self.articles.clone(), self.open, layout);
        keys(&mut app, self.keys);
        draw(&mut app, width, height)
    }
}

/// Both kinds of reordering terminal show the Terminal-mode screen as barg
/// shows the App-mode one (drawn with shaping off: terminals that reorder
/// also shape, from the plain letters).
#[track_caller]
fn assert_terminals_show_barg_layout(scene: &Scene, width: u16, height: u16) {
    let marked = scene.draw(layout(Order::Logical), width, height);
    let app_mode = LayoutOptions {
        shaping: false,
        ..layout(Order::Visual)
    };
    let expected = scene.draw(app_mode, width, height);
    for y in 0..height {
        let sent = row(&marked, y);
        for base in [Some(Level::ltr()), None] {
            assert_eq!(
                terminal_shows(&sent, base),
                row(&expected, y),
                "row {y}, base {base:?}, sent {sent:?}"
            );
        }
    }
}

fn news_scene(keys: &'static str) -> Scene {
    Scene {
        articles: library::samples(),
        open: Some(0),
        keys,
    }
}

#[test]
fn a_terminal_that_reorders_rows_shows_the_reader_as_barg_lays_it_out() {
    assert_terminals_show_barg_layout(&news_scene(""), 100, 30);
    // Further down, with a quotation focused and the percentage moving.
    assert_terminals_show_barg_layout(&news_scene("]]jjjjjjjj"), 100, 30);
    // Narrower than the measure.
    assert_terminals_show_barg_layout(&news_scene("jjj"), 50, 20);
}

#[test]
fn a_terminal_that_reorders_rows_shows_the_library_and_its_preview_as_barg_does() {
    // The list and the preview share rows: Persian titles, English
    // numbers and a Persian preview side by side.
    for keys in ["", "jjj"] {
        let scene = Scene {
            articles: library::samples(),
            open: None,
            keys,
        };
        assert_terminals_show_barg_layout(&scene, 120, 24);
    }
}

#[test]
fn a_right_to_left_line_that_starts_with_an_english_word_still_reads_right_to_left() {
    // The second line of this Persian paragraph starts with "Unicode", then
    // Persian: without its own direction a terminal lays that row out left
    // to right, the English word first on the left.
    let text = "عنوان\n\nاین متن برای آزمایش است و Unicode را با متن فارسی نشان می‌دهد.\n";
    let scene = Scene {
        articles: vec![Article::from_plain_text(text.to_string(), Source::Stdin)],
        open: Some(0),
        keys: "",
    };
    let buffer = scene.draw(layout(Order::Logical), 32, 8);
    // Text width 30, one column of margin on each side.
    let second = row(&buffer, 3);
    assert!(
        second.contains(&format!("{RLE}Unicode")),
        "the line starts with the English word, inside a right-to-left embedding: {second:?}"
    );
    let shown = terminal_shows(&second, Some(Level::ltr()));
    assert!(
        shown.trim_end().ends_with("Unicode"),
        "the English word is at the right end, where a right-to-left line starts, \
         the Persian after it on its left: {shown:?}"
    );
    assert_terminals_show_barg_layout(&scene, 32, 8);
}

#[test]
fn in_terminal_mode_every_row_starts_left_to_right_and_each_piece_carries_its_direction() {
    let mut app = news(Order::Logical);
    let buffer = draw(&mut app, 100, 30);
    // The text column is 80 wide, from column 10 to 89.
    for y in 0..29 {
        let cells: String = (10..90).map(|x| symbol(&buffer, x, y)).collect();
        if cells.trim().is_empty() {
            continue; // the blank row between paragraphs
        }
        // The row's first cell carries the LRM that makes it a
        // left-to-right row in every terminal.
        assert!(
            symbol(&buffer, 0, y).starts_with(' ') && symbol(&buffer, 0, y).contains(LRM),
            "row {y}: {:?}",
            symbol(&buffer, 0, y)
        );
        // A Persian paragraph: the cell before the column opens a
        // right-to-left embedding, its last cell closes it, then an LRM.
        assert!(
            symbol(&buffer, 9, y).ends_with(RLE),
            "row {y}: {:?}",
            symbol(&buffer, 9, y)
        );
        assert!(
            symbol(&buffer, 89, y).ends_with(&format!("{PDF}{LRM}")),
            "row {y}: {:?}",
            symbol(&buffer, 89, y)
        );
        // Nothing else on the row carries a mark.
        let marked = (0..100)
            .filter(|&x| symbol(&buffer, x, y).contains(is_bidi_control))
            .count();
        assert_eq!(marked, 3, "row {y}: {:?}", row(&buffer, y));
    }
}

#[test]
fn an_english_paragraph_is_embedded_left_to_right() {
    let essay = library::samples()
        .iter()
        .position(|a| a.title.starts_with("Reading Against"))
        .expect("the English sample");
    let mut app = app(library::samples(), Some(essay), layout(Order::Logical));
    let buffer = draw(&mut app, 100, 10);
    assert!(
        symbol(&buffer, 9, 0).ends_with(LRE),
        "{:?}",
        row(&buffer, 0)
    );
    assert!(symbol(&buffer, 89, 0).ends_with(&format!("{PDF}{LRM}")));
}

#[test]
fn the_status_line_fields_are_each_embedded_so_the_digits_stay_out_of_the_title() {
    let mut app = news(Order::Logical);
    let buffer = draw(&mut app, 100, 30);
    let status = row(&buffer, 29);
    // The title as drawn: logical order, its ZWNJ (a zero-width cell) dropped.
    let title = layout_paragraph(&library::samples()[0].title, 100, &layout(Order::Logical)).lines
        [0]
    .text()
    .to_string();
    // The Persian title opens right after the row's LRM, on the first cell,
    // and is closed before the numbers, which are a left-to-right piece.
    assert_eq!(symbol(&buffer, 0, 29), format!(" {LRM}{RLE}"));
    assert!(status.contains(&format!("{title}{PDF}{LRM}")), "{status:?}");
    assert!(
        status.contains(&format!("{LRE} 0%  9 quotes  READ")),
        "{status:?}"
    );
    assert!(status.contains(&format!("READ{PDF}{LRM}")), "{status:?}");
    // A terminal shows the title read right to left, then "0%  9 quotes
    // READ" in order: not "quotes READ 9 %0".
    for base in [Some(Level::ltr()), None] {
        let shown = terminal_shows(&status, base);
        assert!(
            shown.trim_end().ends_with("0%  9 quotes  READ"),
            "{shown:?}"
        );
        let title_shown: String = title
            .graphemes(true)
            .rev()
            .collect::<String>()
            .replace('\u{200C}', "");
        assert!(shown.contains(title_shown.trim()), "{shown:?}");
    }
    // Without the marks, the same row is what mlterm showed before.
    let bare: String = status.chars().filter(|&c| !is_bidi_control(c)).collect();
    assert!(
        !terminal_shows(&bare, None)
            .trim_end()
            .ends_with("0%  9 quotes  READ")
    );
}

#[test]
fn a_message_on_the_status_line_is_a_piece_of_its_own() {
    let mut app = news(Order::Logical);
    keys(&mut app, "]y");
    let buffer = draw(&mut app, 100, 30);
    let status = row(&buffer, 29);
    assert!(app.message().is_some(), "y leaves a message");
    for base in [Some(Level::ltr()), None] {
        let shown = terminal_shows(&status, base);
        assert!(shown.trim_end().ends_with("1/9 quotes  READ"), "{shown:?}");
    }
}

#[test]
fn in_app_mode_no_cell_carries_a_mark() {
    let mut screens = Vec::new();
    let mut reader = news(Order::Visual);
    screens.push(draw(&mut reader, 100, 30));
    keys(&mut reader, "]jjj");
    screens.push(draw(&mut reader, 100, 30));
    let mut library = app(library::samples(), None, layout(Order::Visual));
    screens.push(draw(&mut library, 120, 24));
    keys(&mut library, "?");
    screens.push(draw(&mut library, 100, 24));
    for buffer in &screens {
        for y in 0..buffer.area.height {
            let row = row(buffer, y);
            assert!(
                !row.contains(is_bidi_control),
                "row {y} carries a mark: {row:?}"
            );
        }
    }
    // And no RLM anywhere in Terminal mode either: rows are left to right.
    let mut marked = news(Order::Logical);
    let buffer = draw(&mut marked, 100, 30);
    assert!((0..30).all(|y| !row(&buffer, y).contains(RLM)));
}

// --- the real binary ------------------------------------------------------

/// What barg writes to the terminal from start to `q`, run with `vars` set
/// and `args`.
fn session_bytes(name: &str, vars: &str, args: &str) -> Option<Vec<u8>> {
    let tmux = Tmux::start(&format!("modes-{name}"))?;
    tmux.record(
        vars,
        args,
        |s| s.contains("quotes") || s.contains("library"),
        |tmux| tmux.keys(&["q"]),
    )
}

#[test]
fn in_mlterm_barg_turns_its_bidi_off_before_drawing_and_back_on_when_it_leaves() {
    let Some(log) = session_bytes("mlterm", "MLTERM=3.9.0", "") else {
        return;
    };
    let off = position(&log, b"\x1b]5379;use_ctl=false\x07").expect("use_ctl=false sent");
    let alternate = position(&log, b"\x1b[?1049h").expect("alternate screen");
    let leave = position(&log, b"\x1b[?1049l").expect("left the alternate screen");
    let on = position(&log, b"\x1b]5379;use_ctl=true\x07").expect("use_ctl=true sent");
    assert!(
        off < alternate,
        "mlterm stands down before the screen is drawn"
    );
    assert!(leave < on, "and gets its bidi back for the shell");
}

#[test]
fn in_konsole_barg_sends_no_bidi_sequence_and_marks_its_rows() {
    let Some(log) = session_bytes("konsole", "KONSOLE_VERSION=221203", "") else {
        return;
    };
    assert_eq!(position(&log, b"\x1b[8l"), None, "no explicit mode asked");
    assert_eq!(position(&log, b"\x1b]5379;"), None);
    // The status line's title is embedded right to left.
    let rle = RLE.to_string();
    assert!(position(&log, rle.as_bytes()).is_some(), "RLE sent");
}
