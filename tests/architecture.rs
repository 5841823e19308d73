//! The house's walls, read from the code: which top-level module uses which
//! (`crate::NAME` outside comments and unit tests), no circles among them,
//! the engine, the store and the network free of terminal and command-line
//! crates, and no source file much over 600 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file without its comments and its unit tests.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a source file");
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to (`layout` for src/layout/wrap.rs).
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(src()).expect("under src");
    let first = relative
        .components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .expect("a name");
    first.trim_end_matches(".rs").to_string()
}

/// Which top-level modules each one uses.
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        if from == "main" || from == "lib" {
            continue;
        }
        let code = code(file);
        let used = uses.entry(from.clone()).or_default();
        let mut rest = code.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            // `crate::name` or `crate::{a, b::c}`.
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|part| part.trim().split("::").next().unwrap_or(""))
                    .collect()
            } else {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                vec![&rest[..end]]
            };
            for name in names {
                if name != from && modules.contains(name) {
                    used.insert(name.to_string());
                }
            }
        }
    }
    uses
}

#[test]
fn no_module_uses_one_that_uses_it_back() {
    let uses = uses();
    // Depth-first search for a path back to where it started.
    fn reaches(
        uses: &BTreeMap<String, BTreeSet<String>>,
        from: &str,
        target: &str,
        seen: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> bool {
        for next in uses.get(from).into_iter().flatten() {
            path.push(next.clone());
            if next == target {
                return true;
            }
            if seen.insert(next.clone()) && reaches(uses, next, target, seen, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    for module in uses.keys() {
        let mut path = vec![module.clone()];
        assert!(
            !reaches(&uses, module, module, &mut BTreeSet::new(), &mut path),
            "an import circle: {}\n(all uses: {uses:#?})",
            path.join(" -> ")
        );
    }
}

#[test]
fn the_engine_and_the_store_know_nothing_of_terminals_or_the_command_line() {
    let uses = uses();
    for module in [
        "layout",
        "store",
        "article",
        "search",
        "safe",
        "net",
        "feed",
        "subscriptions",
    ] {
        for forbidden in ["cli", "ui", "term"] {
            assert!(
                !uses.get(module).is_some_and(|u| u.contains(forbidden)),
                "{module} uses crate::{forbidden}"
            );
        }
    }
    let mut files = Vec::new();
    for dir in ["layout", "store", "article", "net", "feed", "subscriptions"] {
        sources(&src().join(dir), &mut files);
    }
    files.push(src().join("search.rs"));
    for file in files {
        let code = code(&file);
        for crate_name in [
            "clap",
            "ratatui",
            "crossterm",
            "stdout()",
            "println!",
            "print!",
        ] {
            assert!(
                !code.contains(crate_name),
                "{} uses {crate_name}",
                file.display()
            );
        }
    }
}

#[test]
fn no_source_file_is_much_over_600_lines() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    // Generated tables are data, not code to read.
    files.retain(|f| !f.ends_with("table.rs"));
    let long: Vec<String> = files
        .iter()
        .map(|f| {
            (
                f,
                std::fs::read_to_string(f).expect("a file").lines().count(),
            )
        })
        .filter(|&(_, lines)| lines > 650)
        .map(|(f, lines)| format!("{} ({lines} lines)", f.display()))
        .collect();
    assert!(long.is_empty(), "split these files: {long:?}");
}
