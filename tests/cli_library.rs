//! `barg list`, `barg search` and `barg add PATH` on a small library of
//! Persian and English articles written for this test.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

use barg::article::saved::{self, Meta};
use barg::article::{self, Source};
use barg::store::{Store, article_id};
use serde_json::json;

const FA_MD: &str =
    "# دفترچه‌ی باغبان\n\nدرخت‌ها در باغ کتاب‌ها را نگه می‌دارند و كتابها سبز می‌شوند.\n";
const EN_TXT: &str = "A Station Library\n\nThe old train station now keeps books for the town.\n";
const SAVED_HTML: &str = "<html lang=\"fa\"><head><title>خبر کتاب</title></head><body><article>\
<p>کتابخانه‌ی تازه‌ای در شهر باز شد و مردم برای دیدن کتاب‌ها آمدند.</p>\
<p>این کتابخانه هر روز تا شب باز است و کتاب امانت می‌دهد.</p></article></body></html>";

struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(name: &str) -> Home {
        let dir = std::env::temp_dir().join(format!("barg-cli-lib-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("articles")).expect("temp dir");
        Home { dir }
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn articles(&self) -> PathBuf {
        self.dir.join("articles")
    }

    fn barg(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_barg"))
            .args(args)
            .env("BARG_DATA_DIR", self.data())
            .env("BARG_CONFIG", self.dir.join("no-config.toml"))
            .env("COLUMNS", "80")
            // Dates are shown in the reader's time zone: this one's is UTC.
            .env("TZ", "UTC")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("barg runs")
    }

    /// A file in the articles folder, last changed at `modified` (seconds
    /// after 2026-01-01T00:00:00Z).
    fn file(&self, name: &str, bytes: &[u8], modified: u64) -> PathBuf {
        let path = self.articles().join(name);
        std::fs::write(&path, bytes).expect("write");
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600 + modified);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(time))
            .expect("set the time");
        path
    }

    /// The library of this test: Markdown, text and a saved page.
    fn library(&self) -> [PathBuf; 3] {
        let fa = self.file("fa.md", FA_MD.as_bytes(), 3600);
        let en = self.file("en.txt", EN_TXT.as_bytes(), 86_400);
        let page = barg::article::html::read(
            SAVED_HTML.as_bytes(),
            None,
            None,
            Source::Url("https://fa.example/news/1".into()),
        )
        .expect("the page reads")
        .article;
        let meta = Meta {
            url: Some("https://fa.example/news/1".into()),
            published: Some("2025-12-20T08:00:00Z".into()),
        };
        let saved = self.file("news.barg", saved::to_json(&page, &meta).as_bytes(), 0);
        [fa, en, saved]
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

fn text_of(path: &Path) -> String {
    article::open(&Source::File(path.to_path_buf()))
        .expect("opens")
        .article
        .text
}

#[test]
fn list_json_says_everything_of_each_article() {
    let home = Home::new("json");
    let [fa, en, saved] = home.library();
    // en.txt has been read: a position is kept for it.
    let en_article = article::open(&Source::File(en.clone()))
        .expect("opens")
        .article;
    Store::open(home.data())
        .expect("store")
        .set_position(&en_article, 5)
        .expect("position");
    let output = home.barg(&["list", "--json", &home.articles().to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let file = |p: &PathBuf| json!({"kind": "file", "path": p.to_string_lossy()});
    // Folders list their files by name.
    assert_eq!(
        rows,
        json!([
            {
                "id": article_id(&text_of(&en)), "title": "A Station Library",
                "source": file(&en), "format": "plain", "direction": "ltr",
                "language": "en", "language_guessed": true, "words": 13,
                "date": "2026-01-02T00:00:00Z", "feed": null, "unread": false
            },
            {
                "id": article_id(&text_of(&fa)), "title": "دفترچه‌ی باغبان",
                "source": file(&fa), "format": "markdown", "direction": "rtl",
                "language": "fa", "language_guessed": true, "words": 13,
                "date": "2026-01-01T01:00:00Z", "feed": null, "unread": true
            },
            {
                "id": article_id(&text_of(&saved)), "title": "خبر کتاب",
                "source": file(&saved), "format": "html", "direction": "rtl",
                "language": "fa", "language_guessed": false, "words": 24,
                "date": "2025-12-20T08:00:00Z", "feed": null, "unread": true
            }
        ])
    );
}

#[test]
fn list_text_lines_up_and_lays_titles_out() {
    let home = Home::new("text");
    home.library();
    let output = home.barg(&["list", &home.articles().to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let title = |t: &str| support::visual_line(t);
    let expected = [
        "  DATE        WORDS DIR LANG FORMAT   SOURCE     TITLE".to_string(),
        "• 2026-01-02     13 ltr en?  text     en.txt     A Station Library".to_string(),
        format!(
            "• 2026-01-01     13 rtl fa?  markdown fa.md      {}",
            title("دفترچه‌ی باغبان")
        ),
        format!(
            "• 2025-12-20     24 rtl fa   html     news.barg  {}",
            title("خبر کتاب")
        ),
    ];
    assert_eq!(stdout(&output).lines().collect::<Vec<_>>(), expected);
}

#[test]
fn list_dates_in_the_jalali_calendar_for_a_persian_interface() {
    let home = Home::new("text-fa");
    home.library();
    let folder = home.articles();
    let output = home.barg(&["--lang", "fa", "list", &folder.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    // Each date is laid out right to left in its column (checked with
    // Python's jdatetime: 2026-01-02 is 12 Dey 1404, 2025-12-20 is 29 Azar).
    let date = |d: &str| support::visual_line(d);
    for (line, day) in lines[1..]
        .iter()
        .zip(["۱۲ دی ۱۴۰۴", "۱۱ دی ۱۴۰۴", "۲۹ آذر ۱۴۰۴"])
    {
        assert!(line.starts_with(&format!("• {}", date(day))), "{text}");
    }
    // The JSON stays RFC 3339.
    let json = home.barg(&["--lang", "fa", "list", "--json", &folder.to_string_lossy()]);
    assert!(stdout(&json).contains("\"date\": \"2025-12-20T08:00:00Z\""));
}

#[test]
fn search_finds_persian_spellings_in_titles_and_texts() {
    let home = Home::new("search");
    let [fa, _en, saved] = home.library();
    let folder = home.articles();
    let folder = folder.to_string_lossy();
    // Arabic kaf and yeh, no ZWNJ: finds کتاب‌ها and كتابها alike.
    let output = home.barg(&["search", "--json", "كتابها", &folder]);
    assert!(output.status.success(), "{}", stderr(&output));
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let fa_text = text_of(&fa);
    let start = fa_text.find("کتاب‌ها").expect("in the text");
    let saved_text = text_of(&saved);
    let saved_start = saved_text.find("کتاب‌ها").expect("in the page");
    assert_eq!(
        found,
        json!([
            {
                "id": article_id(&fa_text), "title": "دفترچه‌ی باغبان",
                "source": {"kind": "file", "path": fa.to_string_lossy()},
                "title_hit": false, "hits": 2,
                "first": {
                    "start": start, "end": start + "کتاب‌ها".len(),
                    "snippet": "درخت‌ها در باغ کتاب‌ها را نگه می‌دارند و كتابها سبز می‌شوند."
                }
            },
            {
                "id": article_id(&saved_text), "title": "خبر کتاب",
                "source": {"kind": "file", "path": saved.to_string_lossy()},
                "title_hit": false, "hits": 1,
                "first": {
                    "start": saved_start, "end": saved_start + "کتاب‌ها".len(),
                    // Forty characters before the hit at most, from a word.
                    "snippet": "…تازه‌ای در شهر باز شد و مردم برای دیدن کتاب‌ها آمدند."
                }
            }
        ])
    );
    // The title counts: "خبر" is only in a title.
    let text = home.barg(&["search", "خبر", &folder]);
    assert!(text.status.success(), "{}", stderr(&text));
    let expected = [format!(
        "title  news.barg  {}",
        support::visual_line("خبر کتاب")
    )];
    assert_eq!(stdout(&text).lines().collect::<Vec<_>>(), expected);
    // Text: the hits, the source and title, then the first hit in context.
    let text = home.barg(&["search", "station", &folder]);
    // A text file's first line is its title, and part of its text.
    let expected = [
        "title, 2 hits  en.txt  A Station Library",
        "A Station Library",
    ];
    assert_eq!(stdout(&text).lines().collect::<Vec<_>>(), expected);
    // Nothing found: said on stderr, an empty list in JSON.
    let none = home.barg(&["search", "ناموجود", &folder]);
    assert!(none.status.success());
    assert!(none.stdout.is_empty());
    assert_eq!(
        stderr(&none),
        "barg: no article in the library holds “ناموجود”\n"
    );
    let none = home.barg(&["search", "--json", "ناموجود", &folder]);
    assert_eq!(stdout(&none), "[]\n");
}

#[test]
fn a_file_added_twice_is_kept_once_and_a_name_taken_gets_a_number() {
    let home = Home::new("add");
    let [fa, en, _] = home.library();
    let library = home.data().join("library");
    let first = home.barg(&["add", &fa.to_string_lossy()]);
    assert!(first.status.success(), "{}", stderr(&first));
    let copy = library.join("fa.md");
    assert!(stdout(&first).starts_with(&format!("added {}  ", copy.display())));
    assert_eq!(std::fs::read(&copy).expect("copied"), FA_MD.as_bytes());

    let again = home.barg(&["add", &fa.to_string_lossy()]);
    assert!(again.status.success());
    assert!(again.stdout.is_empty());
    assert_eq!(
        stderr(&again),
        format!("barg: already in the library: {}\n", copy.display())
    );

    // Another file of the same name is kept beside it, not over it.
    let other_dir = home.dir.join("other");
    std::fs::create_dir_all(&other_dir).expect("dir");
    let other = other_dir.join("fa.md");
    std::fs::write(&other, "# دیگری\n\nمتنی دیگر.\n").expect("write");
    let second = home.barg(&["add", &other.to_string_lossy()]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(
        std::fs::read_to_string(library.join("fa-2.md")).expect("kept as fa-2.md"),
        "# دیگری\n\nمتنی دیگر.\n"
    );
    assert_eq!(std::fs::read(&copy).expect("still there"), FA_MD.as_bytes());

    // A folder adds each of its article files; those already there are said.
    let folder = home.barg(&["add", &home.articles().to_string_lossy()]);
    assert!(folder.status.success(), "{}", stderr(&folder));
    assert!(library.join("en.txt").is_file());
    assert!(library.join("news.barg").is_file());
    assert_eq!(
        std::fs::read(library.join("en.txt")).expect("en"),
        std::fs::read(en).expect("en")
    );
    assert_eq!(stdout(&folder).lines().count(), 2);
    assert_eq!(stderr(&folder).lines().count(), 1, "{}", stderr(&folder));

    // The reader's library (and so `barg list`) now holds them after the samples.
    let list = home.barg(&["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    let files: Vec<&str> = rows
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["source"]["path"].as_str())
        .collect();
    assert_eq!(files.len(), 4, "{files:?}");

    // A file barg does not read is refused, naming it.
    let pdf = home.dir.join("paper.pdf");
    std::fs::write(&pdf, "%PDF-1.4").expect("write");
    let refused = home.barg(&["add", &pdf.to_string_lossy()]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(stderr(&refused).lines().count(), 1);
    assert!(stderr(&refused).contains("paper.pdf is not an article file barg reads"));
}

#[cfg(unix)]
#[test]
fn a_hostile_file_name_is_made_safe_and_never_printed_raw() {
    let home = Home::new("hostile");
    let name = "\u{1b}]0;pwned\u{7}\u{202E}news.txt";
    let path = home.articles().join(name);
    std::fs::write(&path, "خبر\n\nمتن خبر.\n").expect("write");
    let output = home.barg(&["add", &path.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let active = |b: &u8| *b == 0x1b || *b == 0x07;
    assert!(!output.stdout.iter().any(active));
    assert!(!output.stderr.iter().any(active));
    assert!(
        home.data()
            .join("library")
            .join("]0;pwnednews.txt")
            .is_file()
    );
    for args in [vec!["list"], vec!["list", "--json"], vec!["search", "خبر"]] {
        let mut args = args;
        let folder = home.articles().to_string_lossy().into_owned();
        args.push(&folder);
        let out = home.barg(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!out.stdout.iter().any(active), "{args:?}");
        assert!(!stdout(&out).contains('\u{202E}'), "{args:?}");
    }
}

#[test]
fn the_data_dir_may_come_before_the_command() {
    let home = Home::new("flag-first");
    let fa = home.library()[0].clone();
    let data = home.dir.join("elsewhere");
    let output = Command::new(env!("CARGO_BIN_EXE_barg"))
        .arg("--data-dir")
        .arg(&data)
        .args(["add", &fa.to_string_lossy()])
        .env("BARG_CONFIG", home.dir.join("no-config.toml"))
        .output()
        .expect("barg runs");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(data.join("library").join("fa.md").is_file());
}
