//! barg's own words on a terminal: a message (stderr) or a line of a
//! command's output (stdout) is laid out by the engine, as `barg render`
//! lays out an article, when it goes to a terminal that draws cells as
//! received; in logical order (the text as it is) when it goes to a pipe or
//! a file, or to a terminal that reorders text itself.
//!
//! Names inside a translated message (paths, URLs) are marked with isolates
//! (`error::ltr`), so that a path reads whole inside a Persian sentence.
//! The engine uses them and drops them; logical output drops them too, so
//! an isolate never reaches a pipe or a terminal, where it would be there
//! but unseen.

use std::io::IsTerminal;

use crate::config::BidiMode;
use crate::layout::{self, LayoutOptions, Order};
use crate::safe;
use crate::term::{self, Bidi};

/// How the streams of this process are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Streams {
    /// The terminal's bidi, as the reader would set it up: None when
    /// neither stream is a terminal.
    bidi: Option<Bidi>,
    stdout_tty: bool,
    stderr_tty: bool,
}

static STREAMS: std::sync::OnceLock<Streams> = std::sync::OnceLock::new();

/// Decide, once, how barg's words reach this process's stdout and stderr:
/// the same choice the reader makes for the screen (`term::Bidi::choose`,
/// from `--bidi`, the config's `bidi` and the terminal).
pub fn setup(mode: BidiMode) {
    let stdout_tty = std::io::stdout().is_terminal();
    let stderr_tty = std::io::stderr().is_terminal();
    let bidi = (stdout_tty || stderr_tty).then(|| Bidi::choose(mode, term::env_var));
    let streams = Streams {
        bidi,
        stdout_tty,
        stderr_tty,
    };
    let _ = STREAMS.set(streams);
    if stderr_tty && bidi.is_some_and(|b| b.order() == Order::Visual) {
        let bidi = bidi.unwrap_or(Bidi::App);
        safe::set_message_layout(safe::MessageLayout {
            line: visual_message,
            before: bidi.enter_sequence(),
            after: bidi.leave_sequence(),
        });
    }
}

fn streams() -> Streams {
    STREAMS.get().copied().unwrap_or(Streams {
        bidi: None,
        stdout_tty: false,
        stderr_tty: false,
    })
}

/// Does barg lay out what it writes to stdout (a terminal that draws cells
/// as received)?
pub fn stdout_visual() -> bool {
    let streams = streams();
    streams.stdout_tty && streams.bidi.is_some_and(|b| b.order() == Order::Visual)
}

/// One line of barg's words (marked names, no other active characters) in
/// visual order: reordered and shaped, its direction from its first strong
/// letter, not aligned (a message starts after `barg: `).
pub fn visual_line(line: &str) -> String {
    let options = LayoutOptions::default();
    let laid = layout::layout_paragraph(line, crate::cli::MAX_WIDTH, &options);
    let mut out = String::new();
    for (i, visual) in laid.lines.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(visual.text().trim_end_matches(' '));
    }
    // The engine drops a paragraph's leading spaces: keep an indent.
    let indent = line.len() - line.trim_start_matches(' ').len();
    format!("{}{out}", " ".repeat(indent))
}

/// What comes before a message on stderr.
const PREFIX: &str = "barg: ";

/// A message line for a terminal's stderr: in visual order, and when it
/// has right-to-left text and is wider than the terminal, wrapped by the
/// engine at its width after `barg: `, each further line indented under
/// the first (the terminal's own wrapping would put the sentence's start
/// on the second row). Left-to-right text is left to the terminal.
pub fn visual_message(line: &str) -> String {
    let single = visual_line(line);
    let logical: String = line.chars().filter(|&c| !safe::is_isolate(c)).collect();
    let columns = stderr_columns();
    if single.trim_end() == logical.trim_end()
        || unicode_width::UnicodeWidthStr::width(single.as_str()) + PREFIX.len() <= columns
    {
        return single;
    }
    let width = columns.saturating_sub(PREFIX.len()).max(20);
    let laid = layout::layout_paragraph(line, width, &LayoutOptions::default());
    let lines: Vec<&str> = laid
        .lines
        .iter()
        .map(|l| l.text().trim_end_matches(' '))
        .collect();
    lines.join(&format!("\n{}", " ".repeat(PREFIX.len())))
}

/// The terminal's width, for messages: its size, else `$COLUMNS`, else 80.
fn stderr_columns() -> usize {
    match crossterm::terminal::size() {
        Ok((columns, _)) if columns > 0 => usize::from(columns),
        _ => std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0)
            .unwrap_or(80),
    }
}

/// `text` (lines of barg's words, names marked with isolates) as it is
/// written to stdout: laid out for a terminal that draws cells as
/// received, else in logical order without the isolates. Active characters
/// other than the isolates are the caller's to have made visible.
pub fn for_stdout(text: &str) -> String {
    let visual = stdout_visual();
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            if visual && !line.is_empty() {
                visual_line(line)
            } else {
                line.chars().filter(|&c| !safe::is_isolate(c)).collect()
            }
        })
        .collect();
    safe::strip(&lines.join("\n")).into_owned()
}

/// One line of barg's words for stderr written by hand (a progress line
/// rewritten in place): laid out as [`safe::eprint`] lays out messages.
pub fn for_stderr(line: &str) -> String {
    let streams = streams();
    let visual = streams.stderr_tty && streams.bidi.is_some_and(|b| b.order() == Order::Visual);
    // Names were made visible as they were put in; only the isolates that
    // mark them stay raw, for the layout.
    let line: String = line
        .chars()
        .map(|c| {
            if safe::is_active(c) && !safe::is_isolate(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect();
    if visual {
        safe::strip(&visual_line(&line)).into_owned()
    } else {
        line.chars().filter(|&c| !safe::is_isolate(c)).collect()
    }
}

/// `n` things, with `one` (`{n} feed`) or `other` (`{n} feeds`), the
/// number in the process's digits.
pub fn plural(n: usize, one: &str, other: &str) -> String {
    let template = if n == 1 { one } else { other };
    template.replace("{n}", &crate::error::num(n))
}

/// Write lines of barg's words to stdout (see [`for_stdout`]).
pub fn print(text: &str) -> crate::error::Result<()> {
    let mut bytes = for_stdout(text);
    if !bytes.ends_with('\n') {
        bytes.push('\n');
    }
    super::write_stdout(bytes.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persian_line_is_reordered_and_a_marked_path_reads_whole() {
        let line = "\u{2066}/tmp/a.txt\u{2069} پیدا نشد";
        let laid = visual_line(line);
        assert!(!laid.contains(safe::is_active), "{laid:?}");
        // Right to left: the path stands at the right end, as it is written.
        assert!(laid.ends_with("/tmp/a.txt"), "{laid:?}");
    }

    #[test]
    fn a_long_persian_message_is_wrapped_by_the_engine_under_its_first_line() {
        let sentence = "هنوز هیچ خوراکی دنبال نمی‌شود؛ با این فرمان یکی را اضافه کنید ".repeat(3);
        let laid = visual_message(&sentence);
        let lines: Vec<&str> = laid.split('\n').collect();
        assert!(lines.len() > 1, "{laid:?}");
        // `barg: ` before the first line, its indent before the others.
        for (i, line) in lines.iter().enumerate() {
            let width = unicode_width::UnicodeWidthStr::width(*line);
            let before = if i == 0 { PREFIX.len() } else { 0 };
            assert!(width + before <= stderr_columns().max(26), "{line:?}");
        }
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.starts_with(&" ".repeat(PREFIX.len())))
        );
        // An English message is the terminal's to wrap.
        let english = "no feeds yet ".repeat(20);
        assert_eq!(visual_message(&english), visual_line(&english));
    }

    #[test]
    fn piped_output_is_the_text_without_its_isolates() {
        assert_eq!(for_stdout("\u{2066}a.txt\u{2069} حذف شد"), "a.txt حذف شد");
    }
}
