//! A store barg cannot use as it is: damaged, from a newer barg, or in a
//! directory barg cannot write. Nothing in it is ever written over.

mod store_support;

use store_support::{Sandbox, ids, stderr, stdout};

const ARTICLE: &str = "عنوان\n\nجمله‌ای برای نشان کردن.\n";

/// The files in the data directory whose names start with `prefix`.
fn files_starting(sandbox: &Sandbox, prefix: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(sandbox.data_dir())
        .expect("the data directory")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_store_that_does_not_parse_is_moved_aside_and_barg_goes_on_with_an_empty_one() {
    let sandbox = Sandbox::new("corrupt");
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    let damaged = b"{\"schema\": 1, \"bookmarks\": [{\"id\": 1, \"quo";
    std::fs::write(sandbox.store_path(), damaged).expect("write");

    let output = sandbox.barg(&["bookmarks", "list", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "[]");
    let aside = files_starting(&sandbox, "store.json.corrupt-");
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0]).expect("read"), damaged);
    // The person is told where it went.
    assert!(
        stderr(&output).contains(&aside[0].display().to_string()),
        "{}",
        stderr(&output)
    );
    assert!(!sandbox.store_path().exists());

    // And barg goes on.
    let article = sandbox.write("article.txt", ARTICLE);
    sandbox.add(&article, "نشان کردن");
    assert_eq!(sandbox.list().len(), 1);
    assert_eq!(files_starting(&sandbox, "store.json.corrupt-").len(), 1);
}

#[test]
fn an_add_on_a_damaged_store_keeps_the_damaged_file_aside() {
    let sandbox = Sandbox::new("corrupt-add");
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    std::fs::write(sandbox.store_path(), "not JSON at all").expect("write");
    let article = sandbox.write("article.txt", ARTICLE);
    let path = article.to_str().expect("UTF-8");
    let output = sandbox.barg(&["bookmarks", "add", path, "--quote", "نشان کردن"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("store.json.corrupt-"));
    let aside = files_starting(&sandbox, "store.json.corrupt-");
    assert_eq!(
        std::fs::read_to_string(&aside[0]).expect("read"),
        "not JSON at all"
    );
    assert_eq!(sandbox.list().len(), 1);
}

#[test]
fn a_store_from_a_newer_barg_is_left_untouched_and_read_only() {
    let sandbox = Sandbox::new("newer");
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    let newer = r#"{
  "schema": 4,
  "next_id": 8,
  "bookmarks": [
    {
      "id": 7,
      "article": { "id": "0123456789abcdef", "source": { "kind": "file", "path": "/gone.txt" }, "title": "عنوان" },
      "quote": "جمله‌ای از آینده",
      "range": { "start": 12, "end": 40 },
      "paragraph": 1,
      "note": null,
      "created": "2030-01-01T00:00:00Z",
      "detached": false,
      "colour": "amber"
    }
  ],
  "shelves": ["something this barg does not know"]
}
"#;
    std::fs::write(sandbox.store_path(), newer).expect("write");

    // Reading works, and says why nothing can change.
    let output = sandbox.barg(&["bookmarks", "list", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(ids(&list), [7]);
    assert!(
        stderr(&output).contains("newer barg"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("read-only"));

    // Changing does not.
    let article = sandbox.write("article.txt", ARTICLE);
    let path = article.to_str().expect("UTF-8");
    for args in [
        vec!["bookmarks", "add", path, "--quote", "نشان کردن"],
        vec!["bookmarks", "remove", "7"],
    ] {
        let output = sandbox.barg(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).contains("newer barg"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read_to_string(sandbox.store_path()).expect("read"),
        newer
    );
    assert!(files_starting(&sandbox, "store.json.").is_empty());
}

#[test]
fn a_data_directory_that_cannot_be_created_is_named_in_the_error() {
    let sandbox = Sandbox::new("unwritable");
    // A directory under a regular file cannot exist, whoever asks (even root).
    let blocker = sandbox.write("a-file", "");
    let data_dir = blocker.join("barg");
    let article = sandbox.write("article.txt", ARTICLE);
    let output = sandbox
        .command(&[
            "bookmarks",
            "add",
            article.to_str().expect("UTF-8"),
            "--quote",
            "نشان کردن",
        ])
        .env("BARG_DATA_DIR", &data_dir)
        .output()
        .expect("run barg");
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(&data_dir.display().to_string()),
        "{message}"
    );
    assert!(message.contains("data directory"), "{message}");
    assert!(message.contains("--data-dir"), "{message}");
    assert!(output.stdout.is_empty());
}

#[cfg(unix)]
#[test]
fn a_data_directory_without_write_permission_is_named_in_the_error() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new("read-only");
    let data_dir = sandbox.data_dir();
    std::fs::create_dir_all(&data_dir).expect("data dir");
    std::fs::set_permissions(&data_dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root writes anyway: then there is nothing to test here.
    let probe = data_dir.join("probe");
    if std::fs::write(&probe, "").is_ok() {
        let _ = std::fs::remove_file(&probe);
        eprintln!("skipped: this user can write to a read-only directory (root)");
        return;
    }
    let article = sandbox.write("article.txt", ARTICLE);
    let path = article.to_str().expect("UTF-8");
    let output = sandbox.barg(&["bookmarks", "add", path, "--quote", "نشان کردن"]);
    std::fs::set_permissions(&data_dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&data_dir.display().to_string()));
    assert!(stderr(&output).contains("permission denied"));
}
