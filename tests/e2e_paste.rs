//! Pastes: a paste goes into the open prompt as text (controls dropped,
//! line breaks and tabs as spaces, cut to 1000 characters), and outside a
//! prompt it does nothing but say so. A 3,000-character paste, bracketed or
//! typed as keys by a terminal without bracketed paste, is handled at once:
//! every pending key is handled before the screen is drawn again, and a new
//! screen is drawn without asking the terminal where its cursor is.

mod e2e_support;
mod screen_support;

use std::time::Duration;

use barg::article::library;
use barg::layout::LayoutOptions;
use barg::ui::{App, Prompt, Screen};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use e2e_support::{Tmux, body, status};
use screen_support::app_with;

/// The generous bound for a paste to show: a person would give up long
/// before; barg before the fix needed minutes.
const PASTE_SHOWS_WITHIN: Duration = Duration::from_secs(20);

fn app(open: Option<usize>) -> App {
    app_with(library::samples(), open, LayoutOptions::default(), None)
}

fn key(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn prompt_text(app: &App) -> &str {
    match app.prompt() {
        Some(Prompt::Search(text)) => text,
        other => panic!("no search prompt: {other:?}"),
    }
}

/// Words `w001 w002 …`, `chars` characters long: easy to tell apart.
fn words(chars: usize) -> String {
    let mut text = String::new();
    let mut n = 1;
    while text.chars().count() < chars {
        text.push_str(&format!("w{n:03} "));
        n += 1;
    }
    text.chars().take(chars).collect()
}

/// What a 3,000-character paste with line breaks, tabs and escape sequences
/// looks like; and what the prompt holds after it: the first 1000
/// characters with the controls gone and breaks and tabs as spaces.
fn hostile_paste() -> (String, String) {
    let mut pasted = String::new();
    for (i, word) in words(3000).split(' ').enumerate() {
        if !pasted.is_empty() {
            pasted.push(match i % 10 {
                0 => '\n',
                5 => '\t',
                _ => ' ',
            });
        }
        if i == 3 {
            pasted.push_str("\x1b[31m\x1b]0;pwned\x07\u{9b}2J\u{202e}");
        }
        pasted.push_str(word);
    }
    let held: String = pasted
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if barg::safe::is_active(c) => None,
            c => Some(c),
        })
        .take(1000)
        .collect();
    (pasted, held)
}

#[test]
fn a_paste_into_the_search_prompt_is_text_without_controls_cut_to_1000_characters() {
    let mut app = app(Some(0));
    key(&mut app, KeyCode::Char('/'));
    let (pasted, held) = hostile_paste();
    app.handle(Event::Paste(pasted));
    assert_eq!(prompt_text(&app), held);
    assert_eq!(prompt_text(&app).chars().count(), 1000);

    // Typing more does not grow it either; Enter searches and says it was cut.
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(prompt_text(&app), held);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.prompt(), None);
    let message = app.message().unwrap_or_default().to_string();
    assert!(message.starts_with("cut to 1000 characters"), "{message}");
}

#[test]
fn a_paste_into_a_prompt_adds_to_what_was_typed() {
    let mut app = app(Some(0));
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Char('ک'));
    app.handle(Event::Paste("تاب\r\nخانه\t!".to_string()));
    assert_eq!(prompt_text(&app), "کتاب خانه !");
}

#[test]
fn a_paste_outside_a_prompt_is_not_read_as_keys() {
    let mut app = app(Some(0));
    let screen = app.screen();
    // As keys, `q` would quit, `?` would open the help, `G` go to the end.
    app.handle(Event::Paste("q?GB/jjj".to_string()));
    assert!(!app.has_quit());
    assert_eq!(app.screen(), screen);
    assert_eq!(app.prompt(), None);
    assert_eq!(app.reader().map(|r| r.offset()), Some(0));
    assert_eq!(
        app.message(),
        Some("paste ignored: press / to search, then paste")
    );
}

#[test]
fn a_paste_while_asked_to_remove_a_bookmark_keeps_it() {
    let data = std::env::temp_dir().join(format!("barg-paste-remove-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let store = barg::store::Store::open(&data).expect("a store in a temp dir");
    let mut app = app_with(
        library::samples(),
        None,
        LayoutOptions::default(),
        Some(store),
    );
    // Bookmark the first quotation of the first article, then d on it.
    screen_support::keys(&mut app, "\n]bBd");
    assert_eq!(app.screen(), Screen::Bookmarks);
    assert_eq!(app.prompt(), Some(&Prompt::ConfirmRemove(1)));
    app.handle(Event::Paste("y".to_string()));
    assert_eq!(app.prompt(), None);
    assert_eq!(app.message(), Some("kept"));
    assert_eq!(app.bookmark_list().len(), 1);
    let _ = std::fs::remove_dir_all(&data);
}

// In tmux, with the real binary.

#[test]
fn a_bracketed_3000_character_paste_into_the_search_prompt_shows_at_once() {
    let Some(tmux) = Tmux::start("paste-search") else {
        return;
    };
    tmux.open_news();
    tmux.keys(&["/"]);
    tmux.wait_for("the search prompt", |s| status(s).starts_with('/'));
    let (pasted, held) = hostile_paste();
    tmux.paste(&pasted);
    let tail = held.trim_end().rsplit(' ').next().unwrap_or("").to_string();
    tmux.wait_up_to(PASTE_SHOWS_WITHIN, "the pasted text", |s| {
        status(s).trim_end().ends_with(&tail)
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("the search's answer", |s| {
        status(s).contains("cut to 1000 characters")
    });
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}

#[test]
fn a_3000_character_paste_typed_as_keys_into_the_search_prompt_shows_at_once() {
    let Some(tmux) = Tmux::start("keys-search") else {
        return;
    };
    tmux.open_news();
    tmux.keys(&["/"]);
    tmux.wait_for("the search prompt", |s| status(s).starts_with('/'));
    // 600 words of five characters: the first 1000 characters end with w200.
    tmux.type_text(&words(3000));
    tmux.wait_up_to(PASTE_SHOWS_WITHIN, "the typed text", |s| {
        status(s).trim_end().ends_with("w199 w200")
    });
    let screen = tmux.settled();
    assert!(
        status(&screen).trim_end().ends_with("w199 w200"),
        "{screen}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("the search's answer", |s| {
        status(s).contains("cut to 1000 characters")
    });
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}

#[test]
fn a_bracketed_3000_character_paste_into_the_library_filter_shows_at_once() {
    let Some(tmux) = Tmux::start("paste-filter") else {
        return;
    };
    tmux.start_barg("");
    tmux.wait_for("the library", |s| s.contains("barg · library"));
    tmux.keys(&["/"]);
    tmux.wait_for("the filter prompt", |s| status(s).starts_with("filter:"));
    let (pasted, held) = hostile_paste();
    tmux.paste(&pasted);
    let tail = held.trim_end().rsplit(' ').next().unwrap_or("").to_string();
    tmux.wait_up_to(PASTE_SHOWS_WITHIN, "the pasted filter", |s| {
        status(s).trim_end().ends_with(&tail)
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("the filter's answer", |s| {
        status(s).contains("0 of 6 articles")
    });
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}

#[test]
fn a_bracketed_paste_into_the_reader_is_not_read_as_keys() {
    let Some(tmux) = Tmux::start("paste-reader") else {
        return;
    };
    tmux.open_news();
    let before = tmux.settled();
    // As keys, this would open the help, go to the end and quit.
    let pasted = format!("?G{}q\n", "j".repeat(2996));
    tmux.paste(&pasted);
    let after = tmux.wait_up_to(PASTE_SHOWS_WITHIN, "the paste's answer", |s| {
        status(s).contains("paste ignored")
    });
    assert_eq!(body(&after), body(&before));
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}

#[test]
fn a_3000_key_paste_that_switches_screens_leaves_the_reader_running() {
    let Some(tmux) = Tmux::start("keys-reader") else {
        return;
    };
    tmux.open_news();
    // 3,000 screen changes (help, reader, help, …), each one a repaint.
    tmux.type_text(&"?".repeat(3000));
    // `]` comes after them all: once it shows, every `?` was handled.
    tmux.keys(&["]"]);
    tmux.wait_up_to(PASTE_SHOWS_WITHIN, "the reader again", |s| {
        status(s).contains("1/9 quotes")
    });
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}
