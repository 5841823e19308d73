//! The commands speak the interface's language: `--lang fa` or a Persian
//! locale gives Persian errors, confirmations, lists and counts (in Persian
//! digits); piped, a message is the text as it is (logical order, no
//! isolates); on a terminal it is laid out by barg's engine.

mod e2e_support;
#[path = "http_support/mod.rs"]
mod http_support;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use barg::layout::{self, LayoutOptions};

struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(name: &str) -> Home {
        let dir = std::env::temp_dir().join(format!("barg-cli-lang-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Home { dir }
    }

    /// barg with `args` and `env`, no config, no locale but `env`'s.
    fn barg_env(&self, env: &[(&str, &str)], args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_barg"));
        command
            .args(args)
            .current_dir(&self.dir)
            .env("BARG_DATA_DIR", self.dir.join("data"))
            .env("BARG_CONFIG", self.dir.join("no-config.toml"))
            .env("COLUMNS", "80")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        command.output().expect("barg runs")
    }

    fn barg(&self, args: &[&str]) -> Output {
        self.barg_env(&[], args)
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `text` as one visual line, the way the engine draws it.
fn visual(text: &str) -> String {
    layout::layout_paragraph(text, 1000, &LayoutOptions::default()).lines[0]
        .text()
        .trim_end()
        .to_string()
}

const PERSIAN_LOCALE: &[(&str, &str)] = &[("LANG", "fa_IR.UTF-8")];

#[test]
fn a_missing_file_is_said_in_english_and_in_persian() {
    let home = Home::new("missing");
    let english = home.barg(&["render", "nosuchfile.txt"]);
    assert!(!english.status.success());
    assert_eq!(
        stderr(&english),
        "barg: cannot read nosuchfile.txt: no such file or directory\n"
    );
    let persian = "barg: nosuchfile.txt خوانده نمی‌شود: چنین فایل یا پوشه‌ای نیست\n";
    let flag = home.barg(&["--lang", "fa", "render", "nosuchfile.txt"]);
    assert!(!flag.status.success());
    assert_eq!(stderr(&flag), persian);
    let locale = home.barg_env(PERSIAN_LOCALE, &["render", "nosuchfile.txt"]);
    assert_eq!(stderr(&locale), persian);
    // --lang wins over the locale.
    let english_flag = home.barg_env(PERSIAN_LOCALE, &["--lang", "en", "nosuchfile.txt"]);
    assert_eq!(
        stderr(&english_flag),
        "barg: cannot read nosuchfile.txt: no such file or directory\n"
    );
}

#[test]
fn a_directory_and_a_binary_file_are_said_in_persian() {
    let home = Home::new("notarticle");
    std::fs::create_dir_all(home.dir.join("folder")).expect("a folder");
    std::fs::write(home.dir.join("image.txt"), b"\x89PNG\0\0\0\0binary").expect("write");
    let folder = home.barg(&["--lang", "fa", "render", "folder"]);
    assert_eq!(
        stderr(&folder),
        "barg: folder یک پوشه است: مسیر یک فایل را بدهید\n"
    );
    let binary = home.barg(&["--lang", "fa", "render", "image.txt"]);
    assert_eq!(
        stderr(&binary),
        "barg: image.txt به فایل دودویی می‌ماند، نه متن: برگ متن UTF-8 و UTF-16 را می‌خواند\n"
    );
}

#[test]
fn a_file_name_with_controls_is_shown_not_obeyed_in_either_language() {
    let home = Home::new("controls");
    for lang in ["en", "fa"] {
        let output = home.barg(&["--lang", lang, "render", "a\u{1b}[2Jنام\u{2067}.txt"]);
        let text = stderr(&output);
        assert!(text.contains("a\\u{1b}[2Jنام\\u{2067}.txt"), "{text}");
        let raw: Vec<char> = text
            .chars()
            .filter(|&c| barg::safe::is_active(c) && c != '\n')
            .collect();
        assert!(raw.is_empty(), "{lang}: {text:?} holds {raw:?}");
    }
}

#[test]
fn a_bad_config_names_its_line_and_what_was_expected_in_persian() {
    let home = Home::new("config");
    let config = home.dir.join("barg.toml");
    std::fs::write(&config, "\nbidi = \"sideways\"\n").expect("write");
    let path = config.display().to_string();
    let env = [("BARG_CONFIG", path.as_str()), ("LANG", "fa_IR.UTF-8")];
    let output = home.barg_env(&env, &["list"]);
    assert!(!output.status.success());
    assert_eq!(
        stderr(&output),
        format!(
            "barg: پیکربندی {path}، خط ۲: مقدار ناشناخته‌ی `sideways`؛ به جایش بنویسید: \
             یکی از `auto`، `app`، `terminal`\n"
        )
    );
    let english = home.barg_env(&[("BARG_CONFIG", path.as_str())], &["list"]);
    assert_eq!(
        stderr(&english),
        format!(
            "barg: config {path}, line 2: unknown value `sideways`, expected one of \
             `auto`, `app`, `terminal`\n"
        )
    );
}

#[test]
fn bookmarks_are_listed_added_and_removed_in_persian() {
    let home = Home::new("bookmarks");
    let empty = home.barg(&["--lang", "fa", "bookmarks", "list"]);
    assert!(empty.status.success());
    assert_eq!(
        stderr(&empty),
        format!(
            "barg: هنوز نشانکی نیست (در {})\n",
            home.dir.join("data").display()
        )
    );
    std::fs::write(
        home.dir.join("note.txt"),
        "باغ سبز است.\n\nدرخت بلند است.\n",
    )
    .expect("write");
    let added = home.barg(&["bookmarks", "add", "note.txt", "--quote", "درخت بلند"]);
    assert!(added.status.success(), "{}", stderr(&added));
    let list = home.barg_env(PERSIAN_LOCALE, &["bookmarks", "list"]);
    let text = stdout(&list);
    let header = text.lines().next().unwrap_or("");
    // The header reads from the right: "بند ۲" laid out, the id in Persian digits.
    assert!(header.contains(&visual("بند ۲")), "{header:?}");
    assert!(header.contains("[۱]"), "{header:?}");
    assert!(header.contains("note.txt"), "{header:?}");
    let unknown = home.barg(&["--lang", "fa", "bookmarks", "remove", "9"]);
    assert!(!unknown.status.success());
    assert_eq!(
        stderr(&unknown),
        "barg: نشانکی با شماره‌ی ۹ نیست: «barg bookmarks list» شماره‌ها را نشان می‌دهد\n"
    );
    let removed = home.barg(&["--lang", "fa", "bookmarks", "remove", "1"]);
    assert!(removed.status.success(), "{}", stderr(&removed));
    // Piped: the text as it is, in logical order.
    assert_eq!(stdout(&removed), "نشانک ۱ حذف شد\n");
    let english = home.barg(&["bookmarks", "remove", "1"]);
    assert_eq!(
        stderr(&english),
        "barg: there is no bookmark 1: `barg bookmarks list` shows their ids\n"
    );
}

#[test]
fn feeds_say_there_are_none_in_persian() {
    let home = Home::new("feeds");
    let list = home.barg_env(PERSIAN_LOCALE, &["feed", "list"]);
    assert!(list.status.success());
    assert_eq!(
        stderr(&list),
        format!(
            "barg: هنوز خوراکی نیست (در {}): با «barg feed add URL» مشترک شوید\n",
            home.dir.join("data").display()
        )
    );
    let refresh = home.barg(&["--lang", "fa", "feed", "refresh"]);
    assert_eq!(
        stderr(&refresh),
        "barg: خوراکی برای تازه کردن نیست: با «barg feed add URL» مشترک شوید\n"
    );
    let missing = home.barg(&["--lang", "fa", "feed", "import", "none.opml"]);
    assert_eq!(
        stderr(&missing),
        "barg: none.opml خوانده نمی‌شود: چنین فایل یا پوشه‌ای نیست\n"
    );
}

const FEED: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>\
<title>خبرنامه</title><link>http://fa.example/</link>\
<item><guid>a</guid><title>یک</title><description>متن یک</description></item>\
<item><guid>b</guid><title>دو</title><description>متن دو</description></item>\
</channel></rss>";

#[test]
fn a_feed_is_added_and_a_failed_refresh_is_said_in_persian() {
    let server = http_support::Server::start();
    server.serve("/fa.xml", http_support::Reply::ok(FEED));
    let url = server.url("/fa.xml");
    let home = Home::new("refresh");
    let added = home.barg(&["--lang", "fa", "feed", "add", &url]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert_eq!(
        stderr(&added),
        format!("barg: مشترک خبرنامه ({url}) شدید، با شماره‌ی خوراک ۱: ۲ مطلب\n")
    );
    let again = home.barg(&["--lang", "fa", "feed", "add", &url]);
    assert_eq!(
        stderr(&again),
        format!("barg: پیش‌تر مشترک {url} شده‌اید (خوراک ۱)\n")
    );
    let unknown = home.barg(&["--lang", "fa", "feed", "remove", "7"]);
    assert_eq!(
        stderr(&unknown),
        "barg: خوراک 7 نیست: «barg feed list» خوراک‌ها، شماره‌ها و نشانی‌هایشان را نشان می‌دهد\n"
    );
    server.serve("/fa.xml", http_support::Reply::status(404));
    let refresh = home.barg_env(PERSIAN_LOCALE, &["feed", "refresh"]);
    assert_eq!(refresh.status.code(), Some(1));
    assert_eq!(
        stderr(&refresh),
        format!(
            "barg: خوراک خبرنامه ({url}): کارساز پاسخ 404 Not Found داد\n\
             barg: ۱ خوراک تازه شد: ۰ مطلب تازه\n\
             barg: ۱ از ۱ خوراک تازه نشد؛ مطلب‌های ذخیره‌شده‌شان سر جایشان هستند\n"
        )
    );
}

#[test]
fn the_library_list_has_persian_column_names_and_digits() {
    let home = Home::new("list");
    std::fs::write(
        home.dir.join("en.txt"),
        "A title\n\none two three four five\n",
    )
    .expect("write");
    let persian = home.barg(&["--lang", "fa", "list", "en.txt"]);
    assert!(persian.status.success(), "{}", stderr(&persian));
    let text = stdout(&persian);
    let lines: Vec<&str> = text.lines().collect();
    for name in ["تاریخ", "واژه", "زبان", "منبع", "عنوان"] {
        assert!(lines[0].contains(&visual(name)), "{name}: {:?}", lines[0]);
    }
    assert!(lines[1].contains(" ۷ ltr "), "{:?}", lines[1]);
    let english = home.barg(&["list", "en.txt"]);
    let text = stdout(&english);
    assert!(text.starts_with("  DATE        WORDS DIR LANG"), "{text}");
    assert!(
        text.lines().nth(1).is_some_and(|l| l.contains(" 7 ltr ")),
        "{text}"
    );
    let search = home.barg(&["--lang", "fa", "search", "nothing-like-this", "en.txt"]);
    assert_eq!(
        stderr(&search),
        "barg: هیچ مقاله‌ای در کتابخانه «nothing-like-this» را ندارد\n"
    );
}

#[test]
fn an_unknown_language_is_one_line_naming_en_and_fa() {
    let home = Home::new("unknown");
    let output = home.barg(&["--lang", "xx", "list"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("unknown language \"xx\"; expected \"en\" or \"fa\""),
        "{text}"
    );
}

/// On a terminal the message is laid out: visual order, letters joined,
/// the file name whole at the right end of the Persian sentence.
#[test]
fn on_a_terminal_a_persian_message_is_in_visual_order() {
    let Some(tmux) = e2e_support::Tmux::start("lang") else {
        return;
    };
    tmux.start_barg_with("LANG=fa_IR.UTF-8", "render nosuchfile.txt");
    let message = "\u{2066}nosuchfile.txt\u{2069} خوانده نمی‌شود: چنین فایل یا پوشه‌ای نیست";
    let expected = format!("barg: {}", visual(message));
    let screen = tmux.wait_for("the message", |s| s.contains("barg: "));
    let line = screen
        .lines()
        .find(|l| l.starts_with("barg: "))
        .unwrap_or("")
        .trim_end();
    assert_eq!(line, expected);
    assert!(line.ends_with("nosuchfile.txt"), "{line}");
}
