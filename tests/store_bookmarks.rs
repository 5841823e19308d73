//! `barg bookmarks add | list | export | remove`, as a person uses them, and
//! bookmarks that follow their article's text.

mod store_support;

use serde_json::Value;
use store_support::{Sandbox, ids, stderr};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const ARTICLE: &str = "کتابخانه‌ای در ایستگاه قطار\n\
\n\
ساختمان قدیمی ایستگاه، صبح سه‌شنبه دوباره به روی مردم باز شد.\n\
\n\
مدیر کتابخانه گفت: «سالن انتظار حالا سالن مطالعه است.»\n";

#[test]
fn add_prints_the_new_id_and_list_shows_the_newest_first() {
    let sandbox = Sandbox::new("add-list");
    let article = sandbox.write("news.txt", ARTICLE);
    let first = sandbox.add(&article, "دوباره به روی مردم باز شد");
    let second = sandbox.add(&article, "سالن مطالعه");
    assert_ne!(first, second);

    let list = sandbox.list();
    assert_eq!(ids(&list), [second, first]);
    let newest = &list[0];
    assert_eq!(newest["quote"], "سالن مطالعه");
    assert_eq!(newest["paragraph"], 2);
    assert_eq!(newest["article"]["title"], "کتابخانه‌ای در ایستگاه قطار");
    assert_eq!(newest["article"]["source"]["kind"], "file");
    let source = newest["article"]["source"]["path"]
        .as_str()
        .expect("a path");
    assert!(source.ends_with("news.txt") && source.starts_with('/'));
    let range = (
        newest["range"]["start"].as_u64().expect("start") as usize,
        newest["range"]["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(&ARTICLE[range.0..range.1], "سالن مطالعه");
    assert_eq!(newest["detached"], false);
}

#[test]
fn a_quote_is_found_whatever_its_spelling_of_yeh_kaf_zwnj_and_harakat() {
    let sandbox = Sandbox::new("spelling");
    let article = sandbox.write("news.txt", ARTICLE);
    // Arabic yeh, no ZWNJ in «سه‌شنبه», a kasra the article lacks.
    sandbox.add(&article, "صبحِ سهشنبه دوباره به روي");
    let list = sandbox.list();
    // The bookmark keeps the article's own spelling.
    assert_eq!(list[0]["quote"], "صبح سه‌شنبه دوباره به روی");
    sandbox.add(&article, "كتابخانه گفت");
    assert_eq!(sandbox.list()[0]["quote"], "کتابخانه گفت");
}

#[test]
fn a_quote_that_is_not_in_the_article_is_an_error_not_a_bookmark() {
    let sandbox = Sandbox::new("missing-quote");
    let article = sandbox.write("news.txt", ARTICLE);
    let path = article.to_str().expect("UTF-8");
    let output = sandbox.barg(&["bookmarks", "add", path, "--quote", "قطار سریع‌السیر"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the quote is not in"));
    assert!(output.stdout.is_empty());
    assert!(!sandbox.store_path().exists());
}

#[test]
fn list_lays_persian_quotes_out_right_aligned_for_the_terminal() {
    let sandbox = Sandbox::new("list-text");
    let article = sandbox.write("news.txt", ARTICLE);
    let id = sandbox.add(&article, "سالن مطالعه");
    let text = sandbox.ok(&["bookmarks", "list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(&format!("[{id}] ")) && lines[0].contains("news.txt, paragraph 3"),
        "{text}"
    );
    // Shaped (presentation forms), reordered, right-aligned in 80 columns.
    let quote = lines[1];
    assert!(quote.starts_with("          "), "{text}");
    assert!(!quote.contains("سالن"), "the quote is shaped: {text}");
    let columns: usize = quote
        .trim_end()
        .graphemes(true)
        .map(UnicodeWidthStr::width)
        .sum();
    assert!(columns <= 80, "{columns} columns: {text}");
}

#[test]
fn a_note_is_kept_with_its_bookmark_and_adding_the_same_quote_again_updates_it() {
    let sandbox = Sandbox::new("note");
    let article = sandbox.write("news.txt", ARTICLE);
    let path = article.to_str().expect("UTF-8");
    let id = sandbox.ok(&[
        "bookmarks",
        "add",
        path,
        "-q",
        "سالن مطالعه",
        "-n",
        "یادداشت",
    ]);
    let again = sandbox.barg(&[
        "bookmarks",
        "add",
        path,
        "-q",
        "سالن مطالعه",
        "-n",
        "یادداشت تازه",
    ]);
    assert!(again.status.success());
    assert_eq!(store_support::stdout(&again), id);
    assert!(stderr(&again).contains("already bookmarked"));
    let list = sandbox.list();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["note"], "یادداشت تازه");
}

#[test]
fn markdown_export_has_each_quote_as_a_blockquote_with_title_source_note_and_date() {
    let sandbox = Sandbox::new("export-md");
    let article = sandbox.write("news.txt", ARTICLE);
    let path = article.to_str().expect("UTF-8");
    sandbox.ok(&["bookmarks", "add", path, "-q", "سالن مطالعه", "-n", "زیبا"]);
    sandbox.add(&article, "ساختمان قدیمی ایستگاه");
    let markdown = sandbox.ok(&["bookmarks", "export", "--format", "markdown"]);
    assert!(markdown.starts_with("# Bookmarks\n"), "{markdown}");
    assert!(
        markdown.contains("\n## کتابخانه‌ای در ایستگاه قطار\n"),
        "{markdown}"
    );
    assert!(markdown.contains("news.txt\n"), "{markdown}");
    // In the order of the text, in logical order.
    let older = markdown
        .find("\n> ساختمان قدیمی ایستگاه\n")
        .expect("the first quote");
    let newer = markdown
        .find("\n> سالن مطالعه\n")
        .expect("the second quote");
    assert!(older < newer);
    assert!(markdown.contains("Note: زیبا\n"), "{markdown}");
    let list = sandbox.list();
    let date = &list[0]["created"].as_str().expect("a date")[..10];
    assert!(markdown.contains(date), "{markdown}");
}

#[test]
fn json_export_to_a_file_has_every_field() {
    let sandbox = Sandbox::new("export-json");
    let article = sandbox.write("news.txt", ARTICLE);
    sandbox.add(&article, "سالن مطالعه");
    let out = sandbox.root.join("bookmarks.json");
    let out_path = out.to_str().expect("UTF-8");
    sandbox.ok(&["bookmarks", "export", "--format", "json", "-o", out_path]);
    let text = std::fs::read_to_string(&out).expect("the export file");
    let exported: Vec<Value> = serde_json::from_str(&text).expect("JSON");
    assert_eq!(exported, sandbox.list());
    let bookmark = exported[0].as_object().expect("an object");
    for field in [
        "id",
        "article",
        "quote",
        "range",
        "paragraph",
        "note",
        "created",
        "detached",
    ] {
        assert!(bookmark.contains_key(field), "{field} is missing: {text}");
    }
    let article = exported[0]["article"].as_object().expect("an object");
    for field in ["id", "source", "title"] {
        assert!(
            article.contains_key(field),
            "article.{field} is missing: {text}"
        );
    }
}

#[test]
fn remove_deletes_one_bookmark_and_an_unknown_id_is_an_error() {
    let sandbox = Sandbox::new("remove");
    let article = sandbox.write("news.txt", ARTICLE);
    let first = sandbox.add(&article, "سالن مطالعه");
    let second = sandbox.add(&article, "ساختمان قدیمی");
    sandbox.ok(&["bookmarks", "remove", &first.to_string()]);
    assert_eq!(ids(&sandbox.list()), [second]);
    let again = sandbox.barg(&["bookmarks", "remove", &first.to_string()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains(&format!("no bookmark {first}")));
    // Ids are never reused.
    let third = sandbox.add(&article, "سالن مطالعه");
    assert!(third > second);
}

#[test]
fn a_bookmark_follows_its_quote_after_an_edit_above_it() {
    let sandbox = Sandbox::new("reanchor");
    let article = sandbox.write("news.txt", ARTICLE);
    sandbox.add(&article, "سالن مطالعه");
    let before = sandbox.list()[0].clone();

    let edited = ARTICLE.replacen(
        "\n\n",
        "\n\nبندی تازه که نویسنده بعدها بالای متن افزود.\n\n",
        1,
    );
    std::fs::write(&article, &edited).expect("edit the article");
    let output = sandbox.barg(&["bookmarks", "list", "--json"]);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("found again"),
        "{}",
        stderr(&output)
    );
    let after: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    let after = &after[0];
    let start = after["range"]["start"].as_u64().expect("start") as usize;
    let end = after["range"]["end"].as_u64().expect("end") as usize;
    assert_eq!(&edited[start..end], "سالن مطالعه");
    assert_eq!(after["paragraph"], 3);
    assert_eq!(after["detached"], false);
    assert_eq!(after["id"], before["id"]);
    assert_ne!(after["article"]["id"], before["article"]["id"]);
    // The new place is saved, not worked out again on every list.
    let store = sandbox.store();
    assert_eq!(store["bookmarks"][0]["range"]["start"], start);
}

#[test]
fn a_bookmark_whose_quote_is_deleted_is_kept_and_marked_detached() {
    let sandbox = Sandbox::new("detached");
    let article = sandbox.write("news.txt", ARTICLE);
    sandbox.add(&article, "سالن مطالعه");
    sandbox.add(&article, "ساختمان قدیمی");
    let edited = ARTICLE.replace("سالن انتظار حالا سالن مطالعه است.", "همه چیز عوض شد.");
    std::fs::write(&article, edited).expect("edit the article");

    let output = sandbox.barg(&["bookmarks", "list", "--json"]);
    assert!(stderr(&output).contains("detached"), "{}", stderr(&output));
    let list: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(list.len(), 2);
    let gone = list
        .iter()
        .find(|b| b["quote"] == "سالن مطالعه")
        .expect("kept");
    assert_eq!(gone["detached"], true);
    let kept = list
        .iter()
        .find(|b| b["quote"] == "ساختمان قدیمی")
        .expect("kept");
    assert_eq!(kept["detached"], false);
    assert!(sandbox.ok(&["bookmarks", "list"]).contains("DETACHED"));
    assert!(
        sandbox
            .ok(&["bookmarks", "export"])
            .contains("detached: this quote is no longer in the article")
    );
}

#[test]
fn an_article_moved_to_another_path_keeps_its_bookmarks() {
    let sandbox = Sandbox::new("moved");
    let article = sandbox.write("news.txt", ARTICLE);
    sandbox.add(&article, "سالن مطالعه");
    let moved = sandbox.root.join("archive.txt");
    std::fs::rename(&article, &moved).expect("move the article");
    sandbox.add(&moved, "ساختمان قدیمی");
    let list = sandbox.list();
    assert_eq!(list[0]["article"]["id"], list[1]["article"]["id"]);
    for bookmark in &list {
        let source = bookmark["article"]["source"]["path"]
            .as_str()
            .expect("a path");
        assert!(source.ends_with("archive.txt"), "{source}");
    }
}

/// A Markdown file is bookmarked in its rendered text, as the reader shows
/// it (no markup), and the bookmark stays attached when it is checked again.
#[test]
fn a_markdown_article_is_bookmarked_in_its_rendered_text() {
    let sandbox = Sandbox::new("markdown");
    let article = sandbox.write("notes.md", "# Notes\n\nSome **bold words** here.\n");
    sandbox.add(&article, "bold words here");
    let list = sandbox.list();
    let bookmark = &list[0];
    assert_eq!(bookmark["article"]["title"], "Notes");
    assert_eq!(bookmark["paragraph"], 1);
    assert_eq!(bookmark["range"]["start"], "Notes\nSome ".len());
    assert_eq!(bookmark["detached"], false);
}
