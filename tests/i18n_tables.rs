//! The interface's tables: each reads, each has exactly English's keys with
//! the same placeholders, none holds a control character, and every key
//! the code asks for is in them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use barg::i18n::{Lang, TABLES, Table};

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            names.insert(rest[..close].to_string());
            rest = &rest[close + 1..];
        }
    }
    names
}

fn read(code: &'static str, text: &str) -> Table {
    Table::parse(code, text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_table_has_every_key_with_the_same_placeholders() {
    let english = read(TABLES[0].0, TABLES[0].1);
    for &(code, text) in TABLES {
        let table = read(code, text);
        let keys: BTreeSet<&String> = table.text.keys().collect();
        let reference: BTreeSet<&String> = english.text.keys().collect();
        let missing: Vec<_> = reference.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&reference).collect();
        assert!(missing.is_empty(), "{code}.toml lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{code}.toml has keys English lacks: {extra:?}"
        );
        for (key, value) in &table.text {
            assert_eq!(
                placeholders(value),
                placeholders(&english.text[key]),
                "{code}.toml: {key} has other placeholders than English"
            );
            assert!(
                !value.chars().any(barg::safe::is_active),
                "{code}.toml: {key} holds a control character"
            );
        }
    }
}

#[test]
fn the_languages_are_english_first_then_persian() {
    assert_eq!(Lang::ENGLISH.code(), "en");
    assert_eq!(Lang::PERSIAN.code(), "fa");
    assert!(Lang::PERSIAN.is_rtl());
    assert!(!Lang::ENGLISH.is_rtl());
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Keys written as `.t("key")` or `.f("key"` (or on the next line).
fn keys_used(code: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for call in [".t(", ".f("] {
        let mut rest = code;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            let arg = rest.trim_start();
            if let Some(quoted) = arg.strip_prefix('"')
                && let Some(end) = quoted.find('"')
            {
                let key = &quoted[..end];
                if !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                {
                    keys.push(key.to_string());
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_the_code_asks_for_is_in_the_english_table() {
    let english = read(TABLES[0].0, TABLES[0].1);
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut used = 0;
    for file in files {
        let code = std::fs::read_to_string(&file).expect("a source file");
        for key in keys_used(&code) {
            used += 1;
            assert!(
                english.text.contains_key(&key),
                "{} asks for \"{key}\", which assets/i18n/en.toml lacks",
                file.display()
            );
        }
    }
    assert!(used > 0, "no key found: the search for keys is broken");
}

/// The help screen's line of each action is `action.NAME`, a key made from
/// the name (which the search for keys above cannot see).
#[test]
fn every_action_has_its_help_line_in_every_table() {
    for &(code, text) in TABLES {
        let table = read(code, text);
        for name in barg::ui::keymap::Action::NAMES {
            let key = format!("action.{name}");
            let line = table.text.get(&key);
            assert!(
                line.is_some_and(|line| !line.is_empty()),
                "{code}.toml lacks \"{key}\", the help screen's line for {name}"
            );
        }
    }
}
