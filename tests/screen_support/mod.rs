//! The reader drawn to a ratatui `TestBackend`, for the screen tests: an app
//! on some articles, keys typed into it, the screen it draws.
#![allow(dead_code)]

use barg::article::Article;
use barg::layout::LayoutOptions;
use barg::store::Store;
use barg::ui::keymap::Keymap;
use barg::ui::theme::Theme;
use barg::ui::{App, Setup};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The reader on `articles` (opening `open`), with the default keymap, the
/// dark theme, a measure of 80 and `store`, if any.
pub fn app_with(
    articles: Vec<Article>,
    open: Option<usize>,
    layout: LayoutOptions,
    store: Option<Store>,
) -> App {
    App::new(Setup {
        articles,
        entries: Vec::new(),
        open,
        keymap: Keymap::builtin("default").expect("the default keymap parses"),
        theme: Theme::dark(),
        layout,
        measure: 80,
        store,
        messages: Vec::new(),
    })
}

/// Type `keys`: each char is a key; `\n` is Enter, `\x1b` is Esc.
pub fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        let modifiers = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle(Event::Key(KeyEvent::new(code, modifiers)));
    }
}

/// The screen `app` draws at `width` × `height`.
pub fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The rows of the screen as text (a wide character's second column is
/// not repeated).
pub fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// Columns `text` takes on a screen: the width of each grapheme, as a
/// terminal gives it a cell (not the number of chars, and not unicode-width
/// of the whole string, which joins "لا" into one column).
pub fn columns(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The screen a test expects, written out row by row as it looks: each row
/// padded with spaces to `width` columns (measured with [`columns`]), so a
/// row is written without its trailing blanks. A row wider than the screen
/// fails the test. Styles are then set on it with `Buffer::set_style`, as
/// ratatui's own widget tests do.
#[track_caller]
pub fn screen(width: u16, rows: &[&str]) -> Buffer {
    let width = usize::from(width);
    let padded: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(y, row)| {
            let used = columns(row);
            assert!(
                used <= width,
                "expected row {y} is {used} columns, wider than {width}: {row:?}"
            );
            format!("{row}{}", " ".repeat(width - used))
        })
        .collect();
    Buffer::with_lines(padded.iter().map(String::as_str))
}
