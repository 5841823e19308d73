//! `barg render` as a person uses it: files, stdin, widths, and bad input
//! that gets a clear one-line error instead of a panic.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns a rendered line takes in a terminal: the width of each grapheme
/// (a mark takes none), not its count of chars.
fn columns(line: &str) -> usize {
    line.graphemes(true).map(UnicodeWidthStr::width).sum()
}

fn barg() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_barg"));
    command.env_remove("COLUMNS").env("RUST_BACKTRACE", "1");
    command
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = barg()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start barg");
    let mut input = child.stdin.take().expect("stdin");
    // barg writes while it reads: the input goes in from a thread of its
    // own, or both pipes would fill. barg may refuse its arguments and exit
    // before reading: a closed pipe here is part of the test, not a
    // failure of it.
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("barg runs");
    writer.join().expect("stdin written");
    output
}

/// A file of `bytes` in a directory of this test's own.
fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("barg-cli-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A failure: non-zero, one line on stderr, no panic or backtrace.
fn assert_one_line_error(output: &Output, expected: &str) {
    let err = stderr(output);
    assert!(!output.status.success(), "should fail: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.starts_with("barg: "), "{err}");
    assert!(
        err.contains(expected),
        "{err:?} should mention {expected:?}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}

#[test]
fn renders_paragraphs_right_aligned_with_one_blank_line_between() {
    let path = file("two.txt", "سلام دنیا\n\n\nhello world\n".as_bytes());
    let output = run(
        &["render", "--width", "20", path.to_str().expect("path")],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // سلام دنیا is 8 cells (lam-alef is one): 12 blank columns before it.
    let persian = "\u{FE8E}\u{FBFF}\u{FEE7}\u{FEA9} \u{FEE1}\u{FEFC}\u{FEB3}";
    assert_eq!(
        stdout(&output),
        format!("{}{persian}\n\nhello world\n", " ".repeat(12))
    );
}

#[test]
fn reads_piped_stdin_and_dash() {
    for args in [
        &["render", "--width", "10"][..],
        &["render", "--width", "10", "-"][..],
    ] {
        let output = run(args, b"abc def ghi\n");
        assert!(output.status.success());
        assert_eq!(stdout(&output), "abc def\nghi\n");
    }
}

#[test]
fn width_comes_from_columns_when_not_a_terminal() {
    let output = barg()
        .args(["render", "-"])
        .env("COLUMNS", "7")
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert!(output.status.success());
    let path = file("cols.txt", b"aaa bbb ccc\n");
    let output = barg()
        .args(["render", path.to_str().expect("path")])
        .env("COLUMNS", "7")
        .output()
        .expect("run");
    assert_eq!(stdout(&output), "aaa bbb\nccc\n");
}

#[test]
fn bidi_terminal_prints_logical_order_unaligned() {
    let output = run(
        &["render", "--width", "20", "--bidi", "terminal"],
        "سلام abc".as_bytes(),
    );
    assert_eq!(stdout(&output), "سلام abc\n");
}

#[test]
fn missing_file_names_the_path() {
    let output = run(&["render", "/no/such/article.txt"], b"");
    assert_one_line_error(&output, "/no/such/article.txt");
}

#[test]
fn a_directory_is_refused() {
    let dir = std::env::temp_dir();
    let output = run(&["render", dir.to_str().expect("path")], b"");
    assert_one_line_error(&output, "is a directory");
}

#[test]
fn a_binary_file_is_refused() {
    let path = file("program.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00binary");
    let output = run(&["render", path.to_str().expect("path")], b"");
    assert_one_line_error(&output, "binary");
}

#[test]
fn width_zero_is_refused() {
    let output = run(&["render", "--width", "0", "-"], b"abc");
    assert_one_line_error(&output, "at least 1");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn invalid_utf8_is_decoded_with_one_warning() {
    let output = run(&["render", "--width", "20", "-"], b"caf\xe9 ok\n");
    assert!(output.status.success());
    assert_eq!(stdout(&output), "caf\u{FFFD} ok\n");
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn no_control_byte_from_the_input_reaches_stdout() {
    let mut input = Vec::new();
    // Every C0 control but NUL (which marks a binary file), DEL, every C1.
    for byte in (1u8..0x20).chain([0x7f]) {
        input.extend_from_slice(b"x");
        input.push(byte);
    }
    for c in '\u{80}'..='\u{9f}' {
        input.extend_from_slice(format!("y{c}").as_bytes());
    }
    input.extend_from_slice("\u{1b}]0;title\u{7}\u{1b}[2J سلام\u{202e}abc\u{202c}".as_bytes());
    let output = run(&["render", "--width", "30", "-"], &input);
    assert!(output.status.success());
    let out = stdout(&output);
    assert!(
        !out.chars().any(|c| c != '\n' && c.is_control()),
        "control character in {out:?}"
    );
}

#[test]
fn an_empty_file_prints_nothing() {
    let path = file("empty.txt", b"");
    let output = run(&["render", path.to_str().expect("path")], b"");
    assert!(output.status.success());
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
}

#[test]
fn two_hundred_nested_embeddings_lay_out() {
    let text = format!(
        "{}سلام abc{}",
        "\u{202B}\u{202A}".repeat(100),
        "\u{202C}".repeat(200)
    );
    let output = run(&["render", "--width", "40", "-"], text.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("abc"));
}

#[test]
fn a_ten_megabyte_paragraph_and_a_one_megabyte_word_lay_out() {
    let sentence = "این یک جمله است و English هم (دارد) ۱۲۳. ";
    let long = sentence.repeat(10 * 1024 * 1024 / sentence.len() + 1);
    let output = run(&["render", "--width", "80", "-"], long.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.lines().count() > 100_000 / 2);
    assert!(out.lines().all(|l| columns(l) <= 80));

    let word = "ب".repeat(512 * 1024);
    let output = run(&["render", "--width", "80", "-"], word.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert_eq!(out.lines().count(), (512 * 1024usize).div_ceil(80));
    assert!(
        out.lines()
            .all(|l| columns(l) == 80 || columns(l.trim()) < 80)
    );
}

#[test]
fn help_explains_the_options() {
    let output = run(&["render", "--help"], b"");
    assert!(output.status.success());
    let help = stdout(&output);
    for option in ["--width", "--direction", "--shaping", "--bidi", "--digits"] {
        assert!(help.contains(option), "{option} in {help}");
    }
}

#[test]
fn a_columns_value_no_width_would_take_is_ignored() {
    let path = file("columns.txt", "سلام دنیا\n".as_bytes());
    for columns in [
        "18446744073709551615",
        "99999999999",
        "100001",
        "0",
        "-3",
        "wide",
    ] {
        let output = barg()
            .env("COLUMNS", columns)
            .args(["render", path.to_str().expect("path")])
            .output()
            .expect("barg runs");
        assert!(
            output.status.success(),
            "COLUMNS={columns}: {}",
            stderr(&output)
        );
        // At the default 80 columns, right-aligned.
        assert_eq!(stdout(&output).lines().next().map(self::columns), Some(80));
    }
}

#[test]
fn a_device_that_never_ends_is_refused_at_once() {
    // /dev/zero reports a size of 0; reading it all would never end.
    let output = run(&["render", "/dev/zero"], b"");
    assert_one_line_error(&output, "binary");
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("سلام".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let path = file("utf16.txt", &bytes);
    let output = run(
        &["render", "--width", "10", path.to_str().expect("path")],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // Lam-alef is one cell: three cells, right-aligned in ten columns.
    assert_eq!(stdout(&output), "       ﻡﻼﺳ\n");
}

#[test]
fn a_stderr_that_cannot_be_written_is_no_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let output = barg()
        .args(["render", "/nonexistent/missing.txt"])
        .stderr(full)
        .output()
        .expect("barg runs");
    // The error could not be told, but barg still says it failed, quietly.
    assert_eq!(output.status.code(), Some(1));
}

/// A `.md` file is read as Markdown: no markup in the output, a quotation
/// with a bar on its start side, list items indented by depth with their
/// markers, code as written, a rule across the width.
#[test]
fn renders_markdown_blocks_as_text() {
    let path = file(
        "notes.md",
        "# Title\n\nSome **bold** text.\n\n> quoted\n\n- one\n  - two\n\n```\na\tb\n```\n\n---\n"
            .as_bytes(),
    );
    let path = path.to_str().expect("a UTF-8 temp path");
    let output = run(&["render", "--width", "12", path], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Title\n\nSome bold\ntext.\n\n┃ quoted\n\n• one\n  • two\n\na       b\n\n────────────\n"
    );
    // The same text in a .txt file is plain text, markup and all.
    let plain = file("notes.txt", b"# Title\n\n> quoted\n");
    let plain = plain.to_str().expect("a UTF-8 temp path");
    let output = run(&["render", "--width", "12", plain], b"");
    assert_eq!(stdout(&output), "# Title\n\n> quoted\n");
}

fn digits_fixture() -> String {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/markdown/fa-digits.md"
    );
    fixture.to_string()
}

/// `barg render` of the digits fixture, unshaped (so letters stay
/// readable), with `args` and the config file `config`.
fn render_digits(args: &[&str], config: &str) -> Output {
    // Tests run in parallel: a config file for each run.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let config = file(&format!("digits-config-{run}.toml"), config.as_bytes());
    let fixture = digits_fixture();
    let mut all = vec!["render", "--width", "70", "--shaping", "off"];
    all.extend_from_slice(args);
    all.push(&fixture);
    barg()
        .args(&all)
        .env("BARG_CONFIG", &config)
        .output()
        .expect("barg runs")
}

#[test]
fn digits_persian_shows_persian_digits_in_persian_paragraphs_only() {
    let output = render_digits(&["--digits", "persian"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    // After a Persian word a number's percent sign reads first, on its
    // right: it is drawn to the number's left.
    for converted in ["۱۴۰۴/۰۲/۲۶", "%۱۲.۵", "٪۴۵", "۱۴۰۴"] {
        assert!(text.contains(converted), "{converted} in\n{text}");
    }
    for kept in [
        "iPhone 15",
        "2025info@example.ir",
        "2048",
        "Page 12 of the English notes, 30 lines.",
    ] {
        assert!(text.contains(kept), "{kept} in\n{text}");
    }
    // Digits of the URLs, the e-mail address, the code span and the link.
    for never in ["۲۰۲۵", "۷", "۸۸", "۲۰۴۸", "۱۵", "۳۰"] {
        assert!(!text.contains(never), "{never} in\n{text}");
    }
    assert!(!text.contains("1404"), "{text}");
    // The code block, as written.
    assert!(
        text.lines().any(|l| l.trim_end() == "عدد 12 و ۱۲"),
        "{text}"
    );
    assert!(!text.contains("12.5"), "{text}");
}

#[test]
fn digits_latin_and_keep() {
    let output = render_digits(&["--digits", "latin"], "");
    let text = stdout(&output);
    assert!(text.contains("٪45"), "{text}");
    assert!(!text.contains('۴'), "{text}");
    let output = render_digits(&["--digits", "keep"], "");
    let text = stdout(&output);
    assert!(
        text.contains("1404/02/26") && text.contains("٪۴۵"),
        "{text}"
    );
}

#[test]
fn digits_come_from_the_config_unless_given() {
    let output = render_digits(&[], "digits = \"persian\"\n");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("۱۴۰۴/۰۲/۲۶"));
    let output = render_digits(&["--digits", "keep"], "digits = \"persian\"\n");
    assert!(stdout(&output).contains("1404/02/26"));
    // Both given on the command line, a config that does not read is no
    // error (with one missing, the config is read for the other).
    let given = ["--digits", "persian", "--justify", "none"];
    let output = render_digits(&given, "digits = \"roman\"\n");
    assert!(output.status.success(), "{}", stderr(&output));
    let output = render_digits(&[], "digits = \"roman\"\n");
    assert_one_line_error(&output, "digits-config-");
}

/// `--justify`: every line of a paragraph but its last is the width, from
/// the right margin to the left; kashida lengthens joined letters first.
#[test]
fn justify_fills_every_line_but_each_paragraphs_last() {
    let essay = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles/fa-essay.txt");
    for (justify, tatweels) in [("spaces", false), ("kashida", true)] {
        for width in ["30", "50", "70"] {
            let output = run(
                &["render", "--justify", justify, "--width", width, essay],
                b"",
            );
            assert!(output.status.success(), "{}", stderr(&output));
            let text = stdout(&output);
            let width: usize = width.parse().expect("a number");
            for paragraph in text.split("\n\n") {
                let lines: Vec<&str> = paragraph.lines().collect();
                for line in &lines[..lines.len().saturating_sub(1)] {
                    assert_eq!(columns(line), width, "{justify}: {line:?}");
                    assert!(!line.starts_with(' '), "{justify}: {line:?}");
                }
            }
            assert_eq!(text.contains('\u{640}'), tatweels, "{justify} at {width}");
        }
    }
}

#[test]
fn justify_defaults_to_the_configs_and_the_flag_wins() {
    let text = "کتاب بسیار مفید است و خوب و این هم سطر دوم است";
    let config = file("justify.toml", b"justify = \"kashida\"\n");
    let render = |args: &[&str], config: &std::path::Path| {
        let mut child = barg()
            .args(args)
            .env("BARG_CONFIG", config)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start barg");
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(text.as_bytes()).expect("write stdin");
        drop(input);
        let output = child.wait_with_output().expect("barg runs");
        assert!(output.status.success());
        stdout(&output)
    };
    let none = file("none.toml", b"");
    let configured = render(&["render", "--width", "20"], &config);
    assert_eq!(
        configured,
        render(&["render", "--width", "20", "--justify", "kashida"], &none)
    );
    assert!(configured.contains('\u{640}'), "{configured}");
    let ragged = render(&["render", "--width", "20"], &none);
    assert_eq!(
        ragged,
        render(&["render", "--width", "20", "--justify", "none"], &config)
    );
    assert!(!ragged.contains('\u{640}'));
    assert_ne!(ragged, configured);
}

#[test]
fn a_bad_justify_value_is_refused() {
    let output = run(&["render", "--justify", "full"], b"x");
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("none") && err.contains("kashida"), "{err}");
}

/// A plain file is laid out a chunk at a time as it is read: over many
/// chunks, with CRLF and blank lines, a paragraph longer than a chunk and
/// an invalid byte far past the first chunk, the file and the same bytes
/// on stdin give exactly what the article read whole gives, and one warning.
#[test]
fn a_file_of_many_chunks_prints_what_the_article_read_whole_prints() {
    use barg::article::{Article, Format, Source, decode_bytes};
    let mut bytes = Vec::new();
    for i in 0..700 {
        let words = 20 + i * 37 % 400;
        let paragraph = "کتاب‌ها و English (۱۲۳) «نقل» ".repeat(words / 5 + 1);
        bytes.extend_from_slice(paragraph.as_bytes());
        bytes.extend_from_slice(if i % 3 == 0 { b"\r\n\r\n" } else { b"\n \n" });
        if i == 350 {
            bytes.extend_from_slice("بلند ".repeat(300 << 10 >> 4).as_bytes());
            bytes.push(b'\n');
        }
    }
    assert!(bytes.len() > 2 * barg::article::STREAM_CHUNK + (300 << 10));
    let at = bytes.len() - 1000;
    bytes[at] = 0xFF;
    let decoded = decode_bytes(bytes.clone()).expect("text");
    assert!(decoded.lossy);
    let article = Article::from_text(decoded.text, Source::Stdin, Format::Plain);
    let options = barg::layout::LayoutOptions::default();
    let mut expected = Vec::new();
    barg::render::write_article(&article, 57, &options, &mut expected).expect("render");

    // Digits and justification given: no config is read.
    let args = [
        "render",
        "--width",
        "57",
        "--digits",
        "keep",
        "--justify",
        "none",
    ];
    let path = file("chunks.txt", &bytes);
    let from_file = run(&[&args[..], &[path.to_str().expect("path")]].concat(), b"");
    let from_stdin = run(&[&args[..], &["-"]].concat(), &bytes);
    for output in [from_file, from_stdin] {
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(output.stdout == expected, "the output differs");
        let err = stderr(&output);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("not valid UTF-8"), "{err}");
    }
}
