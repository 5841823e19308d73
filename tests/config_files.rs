//! The shipped keymaps, a user's keymap file and the config file: what they
//! bind and set, and what a person is told when one is wrong.

use std::path::{Path, PathBuf};

use barg::config::{BidiMode, BuiltinKeymap, Config, Theme, UiConfig};
use barg::i18n::Lang;
use barg::layout::{Digits, Justify};
use barg::ui::keymap::{Action, Keymap, Lookup, digit_value, latin_equivalent};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn fixture(kind: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind)
        .join(name)
}

fn builtin(name: &str) -> Keymap {
    Keymap::builtin(name).unwrap_or_else(|e| panic!("the {name} keymap: {e}"))
}

fn with_user_file(name: &str, file: &str) -> Keymap {
    let path = fixture("keymaps", file);
    Keymap::load(name, Some(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The error `Keymap::load` gives for a user keymap fixture.
fn keymap_error(name: &str, file: &str) -> String {
    match Keymap::load(name, Some(&fixture("keymaps", file))) {
        Ok(_) => panic!("{file} loaded"),
        Err(e) => e.to_string(),
    }
}

fn config_error(file: &str) -> String {
    match Config::load_from(&fixture("config", file)) {
        Ok(config) => panic!("{file} loaded as {config:?}"),
        Err(e) => e.to_string(),
    }
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn char_key(c: char) -> KeyEvent {
    // A capital letter from the terminal comes with SHIFT.
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn alt(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
}

fn assert_contains(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(
            message.contains(part),
            "{part:?} is missing from the message:\n{message}"
        );
    }
}

#[test]
fn the_default_keymap_binds_every_key_the_reader_names() {
    let keymap = builtin("default");
    let expected = [
        (char_key(']'), Action::NextQuote),
        (char_key('['), Action::PrevQuote),
        (char_key('b'), Action::Bookmark),
        (char_key('v'), Action::Select),
        (char_key('y'), Action::Copy),
        (char_key('/'), Action::Search),
        (char_key('n'), Action::NextHit),
        (char_key('N'), Action::PrevHit),
        (char_key('?'), Action::Help),
        (char_key('B'), Action::Bookmarks),
        (char_key('L'), Action::Library),
        (char_key('d'), Action::Delete),
        (char_key('j'), Action::Down),
        (char_key('k'), Action::Up),
        (char_key('g'), Action::Top),
        (char_key('G'), Action::Bottom),
        (char_key('q'), Action::Quit),
        (char_key('h'), Action::Left),
        (char_key('l'), Action::Right),
        (char_key(' '), Action::PageDown),
        (press(KeyCode::Enter), Action::Open),
        (press(KeyCode::Esc), Action::Back),
        (press(KeyCode::Down), Action::Down),
        (press(KeyCode::Up), Action::Up),
        (press(KeyCode::Left), Action::Left),
        (press(KeyCode::Right), Action::Right),
        (press(KeyCode::PageDown), Action::PageDown),
        (press(KeyCode::PageUp), Action::PageUp),
        (press(KeyCode::Home), Action::Top),
        (press(KeyCode::End), Action::Bottom),
        (ctrl('d'), Action::HalfPageDown),
        (ctrl('u'), Action::HalfPageUp),
    ];
    for (key, action) in expected {
        assert_eq!(keymap.lookup(&[], key), Lookup::Matched(action), "{key:?}");
    }
}

#[test]
fn the_emacs_keymap_moves_like_emacs() {
    let keymap = builtin("emacs");
    let expected = [
        (vec![ctrl('n')], Action::Down),
        (vec![ctrl('p')], Action::Up),
        (vec![ctrl('v')], Action::PageDown),
        (vec![alt('v')], Action::PageUp),
        (vec![alt('<')], Action::Top),
        (vec![alt('>')], Action::Bottom),
        (vec![ctrl('s')], Action::Search),
        (vec![ctrl('r')], Action::PrevHit),
        (vec![ctrl('g')], Action::Back),
        (vec![char_key('q')], Action::Quit),
        (vec![ctrl('x'), ctrl('c')], Action::Quit),
        (vec![ctrl('x'), ctrl('f')], Action::Library),
        (
            vec![ctrl('x'), char_key('r'), char_key('m')],
            Action::Bookmark,
        ),
        (
            vec![ctrl('x'), char_key('r'), char_key('l')],
            Action::Bookmarks,
        ),
        (vec![ctrl(' ')], Action::Select),
        (vec![alt('w')], Action::Copy),
        (vec![char_key(']')], Action::NextQuote),
        (vec![char_key('?')], Action::Help),
    ];
    for (keys, action) in expected {
        let (last, pending) = keys.split_last().expect("a key");
        for i in 0..pending.len() {
            assert_eq!(
                keymap.lookup(&pending[..i], pending[i]),
                Lookup::Pending,
                "{keys:?}"
            );
        }
        assert_eq!(
            keymap.lookup(pending, *last),
            Lookup::Matched(action),
            "{keys:?}"
        );
    }
}

#[test]
fn every_action_has_a_key_in_the_default_keymap() {
    let bound: Vec<Action> = builtin("default")
        .bindings()
        .into_iter()
        .map(|(action, _)| action)
        .collect();
    assert_eq!(bound, Action::ALL.to_vec());
}

#[test]
fn the_help_screen_lists_keys_by_action() {
    let bindings = builtin("default").bindings();
    let keys_of = |action| {
        bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, keys)| keys.as_str())
    };
    assert_eq!(keys_of(Action::Down), Some("j, Down"));
    assert_eq!(keys_of(Action::PageDown), Some("Space, PageDown, C-f"));
    assert_eq!(keys_of(Action::NextQuote), Some("]"));
    assert_eq!(
        builtin("emacs").keys_for(Action::Quit),
        vec!["q", "C-x C-c"]
    );
}

#[test]
fn a_user_file_overrides_single_entries_and_leaves_the_rest() {
    let keymap = with_user_file("default", "override.toml");
    assert_eq!(
        keymap.lookup(&[], char_key('j')),
        Lookup::Matched(Action::PageDown)
    );
    assert_eq!(
        keymap.lookup(&[], char_key('x')),
        Lookup::Matched(Action::Quit)
    );
    assert_eq!(keymap.lookup(&[], char_key('q')), Lookup::NotFound);
    // Untouched entries are the default's.
    assert_eq!(
        keymap.lookup(&[], char_key('k')),
        Lookup::Matched(Action::Up)
    );
    assert_eq!(
        keymap.lookup(&[], press(KeyCode::Down)),
        Lookup::Matched(Action::Down)
    );
    assert_eq!(
        keymap.lookup(&[], char_key(']')),
        Lookup::Matched(Action::NextQuote)
    );
}

#[test]
fn an_unknown_action_names_the_file_the_line_and_the_actions() {
    let message = keymap_error("default", "unknown_action.toml");
    assert_contains(
        &message,
        &[
            "unknown_action.toml",
            "line 4",
            "unknown action \"dwon\"",
            "expected one of: ",
            "down",
            "next_quote",
            "none",
        ],
    );
}

#[test]
fn an_unknown_key_names_the_file_the_line_and_what_keys_look_like() {
    let message = keymap_error("default", "unknown_key.toml");
    assert_contains(
        &message,
        &[
            "unknown_key.toml",
            "line 3",
            "unknown key \"Dwon\"",
            "PageDown",
            "C- (Ctrl)",
            "\"C-x C-c\"",
        ],
    );
}

#[test]
fn a_keymap_that_is_not_toml_names_the_file_and_the_line() {
    let message = keymap_error("default", "bad_toml.toml");
    assert_contains(&message, &["keymap ", "bad_toml.toml", "line 4"]);
}

#[test]
fn an_action_that_is_not_a_string_names_the_line() {
    let message = keymap_error("default", "not_a_string.toml");
    assert_contains(&message, &["not_a_string.toml", "line 3", "string"]);
}

#[test]
fn a_keymap_table_of_another_name_is_refused() {
    let message = keymap_error("default", "unknown_table.toml");
    assert_contains(
        &message,
        &["unknown_table.toml", "line 2", "outside the [keys] table"],
    );
}

#[test]
fn bindings_without_the_keys_line_are_refused() {
    let message = keymap_error("default", "no_keys_table.toml");
    assert_contains(&message, &["no_keys_table.toml", "line 2", "[keys]"]);
}

#[test]
fn one_key_written_two_ways_is_refused() {
    let message = keymap_error("default", "same_key_twice.toml");
    assert_contains(
        &message,
        &[
            "same_key_twice.toml",
            "line 4",
            "same key as \"Esc\" on line 3",
        ],
    );
}

#[test]
fn a_key_that_hides_a_sequence_is_refused() {
    let message = keymap_error("emacs", "prefix_conflict.toml");
    assert_contains(
        &message,
        &[
            "prefix_conflict.toml",
            "line 3",
            "\"C-x\" is also the first key of",
            "keymaps/emacs.toml (built in)",
            "none",
        ],
    );
}

#[test]
fn a_missing_user_keymap_names_the_file() {
    let path = fixture("keymaps", "no_such_file.toml");
    let message = match Keymap::load("default", Some(&path)) {
        Ok(_) => panic!("a missing file loaded"),
        Err(e) => e.to_string(),
    };
    assert_contains(&message, &["no_such_file.toml", "no such file"]);
}

#[test]
fn an_unknown_builtin_keymap_names_the_choices() {
    let message = match Keymap::builtin("vim") {
        Ok(_) => panic!("vim loaded"),
        Err(e) => e.to_string(),
    };
    assert_contains(&message, &["\"vim\"", "\"default\" or \"emacs\""]);
}

#[test]
fn persian_letters_act_as_the_latin_key_in_their_place() {
    let keymap = builtin("default");
    assert_eq!(
        keymap.lookup(&[], char_key('ت')),
        Lookup::Matched(Action::Down)
    );
    assert_eq!(
        keymap.lookup(&[], char_key('ن')),
        Lookup::Matched(Action::Up)
    );
    assert_eq!(latin_equivalent('ت'), Some('j'));
    assert_eq!(latin_equivalent('ن'), Some('k'));
    assert_eq!(latin_equivalent('x'), None);
}

#[test]
fn a_persian_letter_bound_as_itself_keeps_its_binding() {
    let keymap = with_user_file("default", "persian_bound.toml");
    assert_eq!(
        keymap.lookup(&[], char_key('ت')),
        Lookup::Matched(Action::Top)
    );
    assert_eq!(
        keymap.lookup(&[], char_key('j')),
        Lookup::Matched(Action::Down)
    );
}

#[test]
fn persian_and_arabic_digits_count() {
    assert_eq!(digit_value('۵'), Some(5));
    assert_eq!(digit_value('٥'), Some(5));
    assert_eq!(digit_value('5'), Some(5));
    assert_eq!(digit_value('۰'), Some(0));
    assert_eq!(digit_value('j'), None);
}

#[test]
fn a_config_sets_everything_with_paths_relative_to_itself() {
    let path = fixture("config", "full.toml");
    let config = Config::load_from(&path).unwrap_or_else(|e| panic!("{e}"));
    let dir = fixture("config", "");
    let home = dirs::home_dir().expect("a home folder");
    assert_eq!(
        config,
        Config {
            keymap: BuiltinKeymap::Emacs,
            keymap_file: Some(dir.join("keys.toml")),
            measure: 72,
            theme: Theme::Light,
            bidi: BidiMode::Terminal,
            library: vec![
                dir.join("articles"),
                PathBuf::from("/srv/essays/one.md"),
                home.join("reading"),
            ],
            digits: Digits::Persian,
            justify: Justify::Kashida,
            ui: UiConfig {
                language: Some(Lang::PERSIAN),
            },
        }
    );
}

#[test]
fn an_empty_config_is_the_defaults() {
    let config =
        Config::load_from(&fixture("config", "empty.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config, Config::default());
    assert_eq!(config.keymap, BuiltinKeymap::Default);
    assert_eq!(config.measure, 80);
    assert_eq!(config.theme, Theme::Dark);
    assert_eq!(config.bidi, BidiMode::Auto);
    assert_eq!(config.keymap_file, None);
    assert!(config.library.is_empty());
}

#[test]
fn a_missing_config_is_the_defaults() {
    let missing = fixture("config", "no_such_config.toml");
    let loaded = Config::load_if_present(&missing).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded, None);
    // Named outright, a missing file is an error.
    assert_contains(
        &Config::load_from(&missing)
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default(),
        &["no_such_config.toml", "no such file"],
    );
}

/// `Config::load` reads `$BARG_CONFIG`; the environment is the process's, so
/// this runs in a child test process of its own.
#[test]
fn load_reads_barg_config_and_a_missing_one_is_the_defaults() {
    let run = |config: &Path| {
        let output = std::process::Command::new(std::env::current_exe().expect("the test binary"))
            .args([
                "child_prints_config_load",
                "--exact",
                "--ignored",
                "--nocapture",
            ])
            .env("BARG_CONFIG", config)
            .output()
            .expect("the child test runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        stdout
            .lines()
            .find_map(|line| line.strip_prefix("LOADED "))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("the child printed nothing:\n{stdout}"))
    };
    let missing = run(&fixture("config", "no_such_config.toml"));
    assert_eq!(
        missing,
        format!("{:?}", Ok::<_, ()>((Config::default(), None::<PathBuf>)))
    );

    let full = fixture("config", "full.toml");
    let expected = Config::load_from(&full).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        run(&full),
        format!("{:?}", Ok::<_, ()>((expected, Some(full.clone()))))
    );

    let bad = run(&fixture("config", "unknown_field.toml"));
    assert!(bad.starts_with("Err(") && bad.contains("line 3"), "{bad}");
}

#[test]
#[ignore = "run by load_reads_barg_config_and_a_missing_one_is_the_defaults"]
fn child_prints_config_load() {
    match Config::load() {
        Ok(loaded) => println!("LOADED {:?}", Ok::<_, ()>(loaded)),
        Err(e) => println!("LOADED Err({e})"),
    }
}

#[test]
fn an_unknown_config_field_names_the_line_and_the_fields() {
    let message = config_error("unknown_field.toml");
    assert_contains(
        &message,
        &[
            "config ",
            "unknown_field.toml",
            "line 3",
            "width",
            "measure",
            "keymap_file",
        ],
    );
}

#[test]
fn a_measure_out_of_range_names_the_line_and_the_range() {
    let message = config_error("measure_out_of_range.toml");
    assert_contains(
        &message,
        &[
            "measure_out_of_range.toml",
            "line 2",
            "measure 5",
            "from 20 to 400",
        ],
    );
}

#[test]
fn a_measure_that_is_not_a_number_names_the_line() {
    let message = config_error("measure_not_a_number.toml");
    assert_contains(
        &message,
        &[
            "measure_not_a_number.toml",
            "line 2",
            "expected a number of columns from 20 to 400",
        ],
    );
}

#[test]
fn an_unknown_keymap_names_the_choices() {
    let message = config_error("unknown_keymap.toml");
    assert_contains(
        &message,
        &[
            "unknown_keymap.toml",
            "line 2",
            "\"vim\"",
            "\"default\" or \"emacs\"",
        ],
    );
}

#[test]
fn an_unknown_theme_names_the_choices() {
    let message = config_error("unknown_theme.toml");
    assert_contains(
        &message,
        &["unknown_theme.toml", "line 3", "blue", "dark", "light"],
    );
}

#[test]
fn an_unknown_bidi_mode_names_the_choices() {
    let message = config_error("unknown_bidi.toml");
    assert_contains(
        &message,
        &[
            "unknown_bidi.toml",
            "line 2",
            "always",
            "auto",
            "app",
            "terminal",
        ],
    );
}

#[test]
fn a_config_that_is_not_toml_names_the_line() {
    let message = config_error("bad_toml.toml");
    assert_contains(&message, &["config ", "bad_toml.toml", "line 3"]);
}

#[test]
fn errors_are_one_line_for_a_person() {
    let messages = [
        keymap_error("default", "unknown_action.toml"),
        keymap_error("default", "unknown_key.toml"),
        keymap_error("default", "bad_toml.toml"),
        config_error("unknown_field.toml"),
        config_error("bad_toml.toml"),
    ];
    for message in messages {
        assert!(!message.contains('\n'), "{message}");
    }
}

#[test]
#[ignore = "prints every error message, to read them: cargo test --test config_files -- --ignored --nocapture show"]
fn show_every_error_message() {
    for name in std::fs::read_dir(fixture("keymaps", ""))
        .expect("fixtures")
        .flatten()
    {
        let file = name.file_name().to_string_lossy().into_owned();
        let keymap = if file.starts_with("prefix") {
            "emacs"
        } else {
            "default"
        };
        if let Err(e) = Keymap::load(keymap, Some(&name.path())) {
            println!("barg: {e}");
        }
    }
    for name in std::fs::read_dir(fixture("config", ""))
        .expect("fixtures")
        .flatten()
    {
        if let Err(e) = Config::load_from(&name.path()) {
            println!("barg: {e}");
        }
    }
}
