//! URLs on the command line, as a person uses them: `barg render URL`,
//! `barg URL` piped, `barg add URL` (a copy that reads offline and keeps its
//! bookmarks), and the one-line messages for what cannot be read. Every
//! page comes from a server the test starts on 127.0.0.1.

mod http_support;
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use barg::article::{self, Source};
use barg::store::{ArticleRef, Store};
use http_support::{Reply, Server};

const PAGE: &str = "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
<title>باران در شهر</title></head><body><nav><a href=\"/\">خانه</a></nav><article>\
<h1>باران در شهر</h1><p>امروز باران بارید و مردم با چتر به خیابان آمدند.</p>\
<p>کودکان در پارک بازی کردند و «باران» را دوست داشتند.</p></article>\
<footer>همه‌ی حقوق محفوظ است</footer></body></html>";

const PAGE_1256_SAYS_UTF8: &[u8] = include_bytes!("fixtures/html/fa-1256-says-utf8.html");
const PAGE_1256: &[u8] = include_bytes!("fixtures/html/fa-1256.html");

/// A data directory and config of this test's own.
struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(name: &str) -> Home {
        let dir = std::env::temp_dir().join(format!("barg-cli-url-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Home { dir }
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn barg(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_barg"))
            .args(args)
            .env("BARG_DATA_DIR", self.data())
            .env("BARG_CONFIG", self.dir.join("no-config.toml"))
            .env("COLUMNS", "60")
            .env("BARG_FETCH_TIMEOUT_MS", "2000")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("barg runs")
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A failure: exit 1, one line on stderr that says `expected`, no panic.
#[track_caller]
fn assert_one_line_error(output: &Output, expected: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.contains(expected), "{err:?} should say {expected:?}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(output.stdout.is_empty());
}

fn html(body: impl Into<Vec<u8>>) -> Reply {
    Reply::ok(body).header("Content-Type", "text/html; charset=utf-8")
}

#[test]
fn render_url_prints_the_persian_page_laid_out() {
    let server = Server::start();
    server.serve("/rain", html(PAGE));
    let home = Home::new("render");
    let url = server.url("/rain");
    let output = home.barg(&["render", "--width", "60", &url]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut expected = Vec::new();
    // The page's <h1> repeats its title: the extractor leaves it out.
    for paragraph in [
        "امروز باران بارید و مردم با چتر به خیابان آمدند.",
        "کودکان در پارک بازی کردند و «باران» را دوست داشتند.",
    ] {
        expected.extend(support::aligned(paragraph, 60));
        expected.push(String::new());
    }
    expected.pop();
    assert_eq!(stdout(&output).lines().collect::<Vec<_>>(), expected);
    // Piped, `barg URL` prints the same as render.
    let piped = home.barg(&["--", &url]);
    assert!(piped.status.success(), "{}", stderr(&piped));
    let rendered = home.barg(&["render", &url]);
    assert_eq!(stdout(&piped), stdout(&rendered));
    // Not a terminal: no "fetching" line on stderr.
    assert_eq!(stderr(&piped), "");
}

#[test]
fn a_windows_1256_page_reads_by_the_charset_the_server_names() {
    let server = Server::start();
    server.serve(
        "/old",
        Reply::ok(PAGE_1256_SAYS_UTF8).header("Content-Type", "text/html; charset=windows-1256"),
    );
    let home = Home::new("1256");
    let from_server = home.barg(&["render", "--width", "60", &server.url("/old")]);
    assert!(from_server.status.success(), "{}", stderr(&from_server));
    let file = home.file("fa-1256.html", PAGE_1256);
    let from_file = home.barg(&["render", "--width", "60", &file.to_string_lossy()]);
    assert_eq!(stdout(&from_server), stdout(&from_file));
    let first = "در روستاي کوچکي در دامنه‌ي البرز، معلمي جوان کتابخانه‌اي ساخته است. \
                 او هر هفته کتاب‌هاي تازه را با کوله‌پشتي از شهر مي‌آورد و کودکان روستا در \
                 کنار بخاري چوبي آن‌ها را مي‌خوانند.";
    let expected = support::aligned(first, 60);
    let text = stdout(&from_server);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[..expected.len()], expected, "{text}");
}

#[test]
fn pages_that_cannot_be_read_get_one_line_naming_the_url() {
    let server = Server::start();
    server.serve("/gone", Reply::status(404));
    server.serve("/broken", Reply::status(500));
    server.serve("/slow", html(PAGE).delay(Duration::from_secs(5)));
    server.serve(
        "/paper.pdf",
        Reply::ok("%PDF-1.4\n%\u{e2}\u{e3}").header("Content-Type", "application/pdf"),
    );
    let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>خبر</title>\
               <item><title>یک</title><link>http://127.0.0.1/1</link></item></channel></rss>";
    server.serve(
        "/feed.xml",
        Reply::ok(rss).header("Content-Type", "application/rss+xml"),
    );
    let home = Home::new("errors");
    let cases = [
        ("/gone", "404"),
        ("/broken", "500"),
        ("/paper.pdf", "a PDF"),
        ("/feed.xml", "subscribe to it with `barg feed add"),
    ];
    for (path, says) in cases {
        let url = server.url(path);
        for args in [vec!["render", url.as_str()], vec!["--", url.as_str()]] {
            let output = home.barg(&args);
            assert_one_line_error(&output, says);
            assert!(stderr(&output).contains(&url), "{}", stderr(&output));
        }
        let added = home.barg(&["add", &url]);
        assert_one_line_error(&added, says);
    }
    let url = server.url("/slow");
    let output = Command::new(env!("CARGO_BIN_EXE_barg"))
        .args(["render", &url])
        .env("BARG_FETCH_TIMEOUT_MS", "300")
        .env("BARG_DATA_DIR", home.data())
        .output()
        .expect("barg runs");
    assert_one_line_error(&output, "no full answer within 0.3 s");
    assert!(!home.data().join("library").exists() || dir_is_empty(&home.data().join("library")));
}

fn dir_is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_none())
}

/// The path `barg add` printed: `added PATH  TITLE`.
fn added_path(output: &Output) -> PathBuf {
    let out = stdout(output);
    let rest = out
        .strip_prefix("added ")
        .unwrap_or_else(|| panic!("{out:?} says what was added"));
    let path = rest.split("  ").next().unwrap_or("").trim_end();
    PathBuf::from(path)
}

#[test]
fn a_page_added_reads_offline_and_keeps_its_bookmarks_and_position() {
    let home = Home::new("add");
    let server = Server::start();
    server.serve("/rain", html(PAGE));
    let url = server.url("/rain");

    // A bookmark and a reading position made while reading the page.
    let page = article::open(&Source::Url(url.clone())).expect("the page opens");
    let mut store = Store::open(home.data()).expect("store");
    store
        .add_quote(&page.article, "مردم با چتر", None)
        .expect("bookmarked");
    store
        .set_position(&page.article, 40)
        .expect("position kept");
    drop(store);

    let added = home.barg(&["add", &url]);
    assert!(added.status.success(), "{}", stderr(&added));
    let copy = added_path(&added);
    assert_eq!(copy, home.data().join("library").join("باران-در-شهر.barg"));
    assert!(copy.is_file());

    // Adding it again changes nothing and says so.
    let again = home.barg(&["add", &url]);
    assert!(again.status.success());
    assert_eq!(
        stderr(&again),
        format!("barg: already in the library: {}\n", copy.display())
    );
    assert!(again.stdout.is_empty());
    assert_eq!(
        std::fs::read_dir(home.data().join("library"))
            .expect("library")
            .count(),
        1
    );

    // The server is gone: the copy still reads, and the list shows it read.
    drop(server);
    let offline = home.barg(&["render", "--width", "60", &copy.to_string_lossy()]);
    assert!(offline.status.success(), "{}", stderr(&offline));
    assert!(
        stdout(&offline).starts_with(
            &support::aligned("امروز باران بارید و مردم با چتر به خیابان آمدند.", 60)[0]
        )
    );
    let list = home.barg(&["list", "--json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    let row = rows
        .as_array()
        .expect("an array")
        .iter()
        .find(|r| r["source"]["kind"] == "file")
        .expect("the copy is listed");
    assert_eq!(row["title"], "باران در شهر");
    assert_eq!(row["format"], "html");
    assert_eq!(row["direction"], "rtl");
    assert_eq!(row["language"], "fa");
    assert_eq!(row["language_guessed"], false);
    assert_eq!(
        row["unread"], false,
        "the position made on the URL is found"
    );
    assert_eq!(
        row["source"]["path"],
        serde_json::Value::from(copy.to_string_lossy().into_owned())
    );

    // The bookmark made on the URL is attached to the copy.
    let kept = article::open(&Source::File(copy.clone())).expect("the copy opens");
    let store = Store::open(home.data()).expect("store");
    let bookmarks = store.bookmarks_of(&ArticleRef::of(&kept.article));
    assert_eq!(bookmarks.len(), 1);
    assert_eq!(
        &kept.article.text[bookmarks[0].range.clone()],
        "مردم با چتر"
    );
}

#[test]
fn a_hostile_title_never_reaches_the_terminal_or_the_file_name() {
    let home = Home::new("hostile");
    let server = Server::start();
    let page = PAGE.replace(
        "<title>باران در شهر</title>",
        "<title>\u{1b}]0;pwned\u{7}/../../evil\u{202E}txt.sh</title>",
    );
    let page = page.replace("<h1>باران در شهر</h1>", "");
    server.serve("/evil", html(page));
    let output = home.barg(&["add", &server.url("/evil")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let active = |b: &u8| *b == 0x1b || *b == 0x07;
    assert!(!output.stdout.iter().any(active), "{:?}", stdout(&output));
    assert!(!output.stderr.iter().any(active));
    let names: Vec<String> = std::fs::read_dir(home.data().join("library"))
        .expect("library")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1);
    let name = &names[0];
    assert!(name.ends_with(".barg"), "{name:?}");
    assert!(
        !name.contains(['/', '\\', '\u{1b}', '\u{7}', '\u{202E}']),
        "{name:?}"
    );
    let list = home.barg(&["list"]);
    assert!(!list.stdout.iter().any(active));
    let json = home.barg(&["list", "--json"]);
    assert!(!json.stdout.iter().any(active));
    assert!(!stdout(&json).contains('\u{202E}'));
}
