//! Bookmarks that must come back: from a file whose name is not UTF-8,
//! through a symlinked store, with fields barg does not know, at the last
//! id, behind a byte order mark; and an export aimed at a directory.

mod store_support;

use serde_json::{Value, json};
use store_support::{Sandbox, stderr, stdout};

const ARTICLE: &str = "عنوان\n\nبند اول.\n\nجملهٔ نشان‌شده اینجاست.\n";
const EDITED: &str = "عنوان\n\nبندی تازه در بالا.\n\nبند اول.\n\nجملهٔ نشان‌شده اینجاست.\n";
const QUOTE: &str = "جملهٔ نشان‌شده";

#[cfg(unix)]
#[test]
fn a_file_whose_name_is_not_utf8_keeps_its_bookmarks_in_step_with_its_text() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let sandbox = Sandbox::new("non-utf8");
    let path = sandbox.root.join(OsStr::from_bytes(b"caf\xff.txt"));
    std::fs::write(&path, ARTICLE).expect("write the article");
    let output = sandbox
        .command(&["bookmarks", "add"])
        .arg(&path)
        .args(["--quote", QUOTE])
        .output()
        .expect("run barg");
    assert!(output.status.success(), "{}", stderr(&output));

    // The article changes above the quote: the bookmark follows it.
    std::fs::write(&path, EDITED).expect("edit the article");
    let list = sandbox.list();
    let bookmark = &list[0];
    let start = EDITED.find(QUOTE).expect("in the text");
    assert_eq!(bookmark["detached"], false, "{bookmark}");
    assert_eq!(
        bookmark["range"],
        json!({ "start": start, "end": start + QUOTE.len() }),
        "{bookmark}"
    );
    assert_eq!(bookmark["paragraph"], 3);
    // The name is readable in `path` and exact in `path_base64`.
    let source = &bookmark["article"]["source"];
    assert_eq!(source["kind"], "file", "{bookmark}");
    let path = source["path"].as_str().expect("a path");
    assert!(path.ends_with("caf\u{FFFD}.txt"), "{path}");
    assert!(source["path_base64"].is_string(), "{bookmark}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_store_stays_a_symlink() {
    let sandbox = Sandbox::new("symlink-store");
    // As a dotfiles manager leaves it: a link to a file that is not there yet.
    let dotfiles = sandbox.root.join("dotfiles");
    std::fs::create_dir_all(&dotfiles).expect("dotfiles");
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    std::os::unix::fs::symlink("../dotfiles/barg-store.json", sandbox.store_path())
        .expect("symlink");
    let article = sandbox.write("article.txt", ARTICLE);
    sandbox.add(&article, QUOTE);
    sandbox.add(&article, "بند اول");

    let link = std::fs::symlink_metadata(sandbox.store_path()).expect("store.json");
    assert!(link.file_type().is_symlink(), "store.json is still a link");
    let target: Value =
        serde_json::from_slice(&std::fs::read(dotfiles.join("barg-store.json")).expect("read"))
            .expect("JSON");
    assert_eq!(target["bookmarks"].as_array().map(Vec::len), Some(2));
    // No temporary file is left behind, here or there.
    for dir in [&dotfiles, &sandbox.data_dir()] {
        let names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("tmp"))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_export_target_stays_a_symlink() {
    let sandbox = Sandbox::new("symlink-export");
    let article = sandbox.write("article.txt", ARTICLE);
    sandbox.add(&article, QUOTE);
    std::fs::create_dir_all(sandbox.root.join("notes")).expect("notes");
    std::os::unix::fs::symlink("notes/bookmarks.md", sandbox.root.join("link.md"))
        .expect("symlink");
    for round in 0..2 {
        let output = sandbox.barg(&["bookmarks", "export", "-o", "link.md"]);
        assert!(output.status.success(), "{round}: {}", stderr(&output));
        let link = std::fs::symlink_metadata(sandbox.root.join("link.md")).expect("link.md");
        assert!(
            link.file_type().is_symlink(),
            "{round}: link.md is still a link"
        );
        let written =
            std::fs::read_to_string(sandbox.root.join("notes/bookmarks.md")).expect("read");
        assert!(written.starts_with("# Bookmarks"), "{written}");
    }
}

#[test]
fn fields_barg_does_not_know_survive_a_write() {
    let sandbox = Sandbox::new("unknown-fields");
    let article = sandbox.write("article.txt", ARTICLE);
    let id = sandbox.add(&article, QUOTE);
    let mut store = sandbox.store();
    store["synced_by"] = json!({ "tool": "my-sync", "at": 17 });
    store["bookmarks"][0]["colour"] = json!("amber");
    store["bookmarks"][0]["tags"] = json!(["روزنامه", "later"]);
    store["bookmarks"][0]["article"]["author"] = json!("نویسنده");
    store["bookmarks"][0]["article"]["source"]["mounted"] = json!("/mnt/usb");
    store["positions"]["0123456789abcdef"] = json!({
        "source": { "kind": "file", "path": "/elsewhere.txt", "inode": 42 },
        "offset": 3,
        "updated": "2025-01-01T00:00:00Z",
        "scroll": 0.5,
    });
    std::fs::write(
        sandbox.store_path(),
        serde_json::to_vec_pretty(&store).expect("JSON"),
    )
    .expect("write");

    // A new bookmark, and a note changed on the old one: two writes.
    sandbox.add(&article, "بند اول");
    let output = sandbox.barg(&[
        "bookmarks",
        "add",
        article.to_str().expect("UTF-8"),
        "--quote",
        QUOTE,
        "--note",
        "یادداشت",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));

    let after = sandbox.store();
    assert_eq!(after["synced_by"], store["synced_by"]);
    let old = after["bookmarks"]
        .as_array()
        .and_then(|list| list.iter().find(|b| b["id"] == id))
        .expect("the old bookmark");
    assert_eq!(old["colour"], "amber");
    assert_eq!(old["tags"], store["bookmarks"][0]["tags"]);
    assert_eq!(old["article"]["author"], "نویسنده");
    assert_eq!(old["article"]["source"]["mounted"], "/mnt/usb");
    assert_eq!(old["note"], "یادداشت");
    assert_eq!(
        after["positions"]["0123456789abcdef"],
        store["positions"]["0123456789abcdef"]
    );
    assert_eq!(after["bookmarks"].as_array().map(Vec::len), Some(2));
}

/// A store of this barg with one bookmark of `id` and `next_id`.
fn store_with(id: u64, next_id: u64) -> Value {
    json!({
        "schema": 1,
        "next_id": next_id,
        "bookmarks": [{
            "id": id,
            "article": { "id": "0123456789abcdef", "source": "/gone.txt", "title": "عنوان" },
            "quote": "جمله",
            "range": { "start": 12, "end": 20 },
            "paragraph": 1,
            "note": null,
            "created": "2025-01-01T00:00:00Z",
            "detached": false
        }],
        "positions": {}
    })
}

#[test]
fn at_the_last_id_adding_is_refused_and_nothing_wraps() {
    for (id, next_id) in [(3, u64::MAX), (u64::MAX, 2)] {
        let sandbox = Sandbox::new("last-id");
        std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
        let store = serde_json::to_vec_pretty(&store_with(id, next_id)).expect("JSON");
        std::fs::write(sandbox.store_path(), &store).expect("write");

        // Reading works.
        let list = sandbox.list();
        assert_eq!(list[0]["id"], id);

        // Adding does not, and says what to do.
        let article = sandbox.write("article.txt", ARTICLE);
        let output = sandbox.barg(&[
            "bookmarks",
            "add",
            article.to_str().expect("UTF-8"),
            "--quote",
            QUOTE,
        ]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{id}, {next_id}: {message}");
        assert!(message.contains("every bookmark id"), "{message}");
        assert!(message.contains("next_id"), "{message}");
        assert!(
            message.contains(&sandbox.store_path().display().to_string()),
            "{message}"
        );
        assert_eq!(std::fs::read(sandbox.store_path()).expect("read"), store);

        // Removing still works.
        let output = sandbox.barg(&["bookmarks", "remove", &id.to_string()]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

#[test]
fn a_store_that_starts_with_a_byte_order_mark_is_read_and_kept() {
    let sandbox = Sandbox::new("bom");
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serde_json::to_vec_pretty(&store_with(4, 5)).expect("JSON"));
    std::fs::write(sandbox.store_path(), &bytes).expect("write");

    let output = sandbox.barg(&["bookmarks", "list", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    let list: Vec<Value> = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(list.len(), 1);

    let article = sandbox.write("article.txt", ARTICLE);
    assert_eq!(sandbox.add(&article, QUOTE), 5);
    assert_eq!(sandbox.list().len(), 2);
    let aside = std::fs::read_dir(sandbox.data_dir())
        .expect("data dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
        .count();
    assert_eq!(aside, 0, "nothing is set aside");
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/store/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn bookmarks(store: &Value) -> &[Value] {
    store["bookmarks"].as_array().expect("a list of bookmarks")
}

/// A schema-1 source string as schema 2 keeps it.
fn migrated_source(article: &Value) -> Value {
    let text = article["source"]
        .as_str()
        .expect("a schema-1 source is a string");
    match (text, article.get("source_base64")) {
        ("-", _) => json!({ "kind": "stdin" }),
        (_, Some(base64)) => json!({ "kind": "file", "path": text, "path_base64": base64 }),
        _ => match text.strip_prefix("sample:") {
            Some(name) => json!({ "kind": "sample", "name": name }),
            None => json!({ "kind": "file", "path": text }),
        },
    }
}

/// Stores written by barg before the source became an object (schema 1)
/// open with every bookmark, and the first write keeps every field, with
/// each source as its object.
#[test]
fn a_store_written_by_the_previous_version_opens_and_keeps_every_bookmark() {
    let fixture = fixture("schema-1.json");
    let barg::store::Contents::Current(file) = barg::store::parse_file(&fixture) else {
        panic!("the schema-1 fixture does not load");
    };
    assert_eq!(file.schema, barg::store::SCHEMA);
    assert_eq!(file.next_id, 5);
    assert_eq!(file.bookmarks.len(), 4);
    assert!(file.bookmarks[2].detached);
    assert_eq!(file.bookmarks[1].note.as_deref(), Some("یادداشتی کوتاه"));
    assert_eq!(
        *file.bookmarks[2].article.source,
        barg::article::Source::Sample("welcome".into())
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let path = file.bookmarks[3].article.path().expect("a file");
        assert_eq!(
            path.as_os_str().as_bytes(),
            b"/home/reader/articles/caf\xff.txt"
        );
    }
    assert_eq!(file.positions.len(), 1);

    // Reading writes nothing; the first change writes schema 2 and keeps
    // every bookmark and position, field for field.
    let sandbox = Sandbox::new("fixture-1");
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    std::fs::write(sandbox.store_path(), &fixture).expect("write");
    assert_eq!(sandbox.list().len(), 4);
    assert_eq!(
        std::fs::read(sandbox.store_path()).expect("read"),
        fixture,
        "listing changed the file"
    );
    let before: Value = serde_json::from_slice(&fixture).expect("JSON");
    let article = sandbox.write("article.txt", ARTICLE);
    assert_eq!(sandbox.add(&article, QUOTE), 5);
    let after = sandbox.store();
    assert_eq!(after["schema"], barg::store::SCHEMA);
    let mut expected = before.clone();
    for bookmark in expected["bookmarks"].as_array_mut().expect("bookmarks") {
        let article = &mut bookmark["article"];
        article["source"] = migrated_source(article);
        article
            .as_object_mut()
            .expect("an object")
            .remove("source_base64");
    }
    for position in expected["positions"]
        .as_object_mut()
        .expect("positions")
        .values_mut()
    {
        position["source"] = migrated_source(position);
    }
    assert_eq!(bookmarks(&after)[..4], bookmarks(&expected)[..]);
    assert_eq!(after["positions"], expected["positions"]);
}

/// A store of schema 2 (sources as objects, before URLs) and ones this
/// version writes (schema 3, with and without the bookmarks' paragraph
/// direction) load and keep every field through a write: the fixtures
/// guard them against the next schema.
#[test]
fn a_store_written_by_this_version_still_loads_and_keeps_every_field() {
    for name in ["schema-2.json", "schema-3.json", "schema-3-direction.json"] {
        keeps_every_field(name);
    }
}

fn keeps_every_field(name: &str) {
    let fixture = fixture(name);
    let barg::store::Contents::Current(file) = barg::store::parse_file(&fixture) else {
        panic!("the {name} fixture does not load as a current store");
    };
    assert_eq!(file.bookmarks.len(), 4);
    let sandbox = Sandbox::new(name);
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    std::fs::write(sandbox.store_path(), &fixture).expect("write");
    let before: Value = serde_json::from_slice(&fixture).expect("JSON");
    let article = sandbox.write("article.txt", ARTICLE);
    assert_eq!(sandbox.add(&article, QUOTE), 5);
    let after = sandbox.store();
    assert_eq!(bookmarks(&after)[..4], bookmarks(&before)[..]);
    assert_eq!(after["positions"], before["positions"]);
}

#[test]
fn an_export_aimed_at_a_directory_asks_for_a_file_name() {
    let sandbox = Sandbox::new("export-dir");
    let article = sandbox.write("article.txt", ARTICLE);
    sandbox.add(&article, QUOTE);
    std::fs::create_dir_all(sandbox.root.join("out")).expect("out");
    for target in ["out", "out/", "new/"] {
        let output = sandbox.barg(&["bookmarks", "export", "-o", target]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{target}: {message}");
        assert!(message.contains("is a directory"), "{target}: {message}");
        assert!(
            message.contains("give the name of a file"),
            "{target}: {message}"
        );
        assert!(!message.contains("a part of"), "{target}: {message}");
    }
    assert!(!sandbox.root.join("new").exists());
    assert_eq!(
        std::fs::read_dir(sandbox.root.join("out"))
            .expect("out")
            .count(),
        0
    );
}
