//! The terminal: raw mode, the alternate screen, the mouse, bracketed paste
//! and the bidi mode of terminals that reorder text themselves; all of it
//! undone on every way out: quitting, Ctrl-C (a key like any other in raw
//! mode), a panic (the hook in main calls `restore`), the signals that end a
//! program (the reader saves the position first), and for as long as barg
//! is stopped by Ctrl-Z.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use crate::config::BidiMode;
use crate::layout::Order;

/// BDSM reset (explicit mode: draw cells as received), then SCP LTR: the
/// freedesktop terminal-wg bidi recommendation. Sent before the screen is
/// cleared, because VTE applies it per paragraph as rows are created.
const EXPLICIT_BIDI: &str = "\x1b[8l\x1b[1 k";
/// Back to implicit mode (VTE's default) and a paragraph direction from the text.
const IMPLICIT_BIDI: &str = "\x1b[8h\x1b[0 k";
/// The terminal-wg sequence, then mlterm's own switch (OSC 5379 sets an
/// mlterm option): mlterm 3.9 ignores `CSI 8 l` but, with `use_ctl` off,
/// neither reorders nor shapes and draws cells as received.
const EXPLICIT_BIDI_MLTERM: &str = "\x1b[8l\x1b[1 k\x1b]5379;use_ctl=false\x07";
/// Both back on: mlterm reorders and shapes the shell's text again.
const IMPLICIT_BIDI_MLTERM: &str = "\x1b[8h\x1b[0 k\x1b]5379;use_ctl=true\x07";

/// Who puts right-to-left text in visual order on screen, and how barg tells
/// the terminal so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bidi {
    /// barg lays out visual lines and asks the terminal to draw cells as
    /// received, the terminal-wg way: VTE and WezTerm honour it, and
    /// terminals that do no bidi (xterm, tmux, kitty, foot...) have nothing
    /// to stop.
    App,
    /// barg lays out visual lines in mlterm, which it asks to turn its own
    /// bidi and shaping off while barg runs.
    AppMlterm,
    /// The terminal reorders every row and cannot be stopped (Konsole, macOS
    /// Terminal, mlterm behind tmux): barg hands it logical order, and marks
    /// each piece of text on a row with its direction (`ui::paint`).
    Terminal,
}

impl Bidi {
    /// The mode for the terminal described by `var` (an environment
    /// variable's value: [`env_var`] in the program, a table in tests) when
    /// the user chose `auto`. An empty value counts as unset.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> Bidi {
        let terminal = TerminalEnv::from(var);
        if terminal.konsole || terminal.apple {
            Bidi::Terminal
        } else if terminal.mlterm && terminal.tmux {
            // tmux keeps OSC 5379 from reaching mlterm, which then reorders
            // whatever tmux draws: logical order is what reads right there.
            Bidi::Terminal
        } else if terminal.mlterm {
            Bidi::AppMlterm
        } else {
            Bidi::App
        }
    }

    /// The mode for the user's choice in the config or on the command line.
    pub fn choose(mode: BidiMode, var: impl Fn(&str) -> Option<String>) -> Bidi {
        match mode {
            BidiMode::Auto => Bidi::detect(var),
            BidiMode::App => {
                let terminal = TerminalEnv::from(var);
                if terminal.mlterm && !terminal.tmux {
                    Bidi::AppMlterm
                } else {
                    Bidi::App
                }
            }
            BidiMode::Terminal => Bidi::Terminal,
        }
    }

    /// The order barg writes text in for this mode.
    pub fn order(self) -> Order {
        match self {
            Bidi::App | Bidi::AppMlterm => Order::Visual,
            Bidi::Terminal => Order::Logical,
        }
    }

    /// What to write before the screen is cleared to put the terminal in
    /// this mode.
    pub fn enter_sequence(self) -> &'static str {
        match self {
            Bidi::App => EXPLICIT_BIDI,
            Bidi::AppMlterm => EXPLICIT_BIDI_MLTERM,
            // Nothing to ask of a terminal that cannot be stopped.
            Bidi::Terminal => "",
        }
    }

    /// What to write on the way out (after leaving the alternate screen) to
    /// give the shell the terminal's bidi back.
    pub fn leave_sequence(self) -> &'static str {
        match self {
            Bidi::App => IMPLICIT_BIDI,
            Bidi::AppMlterm => IMPLICIT_BIDI_MLTERM,
            Bidi::Terminal => "",
        }
    }

    fn code(self) -> u8 {
        match self {
            Bidi::App => 1,
            Bidi::AppMlterm => 2,
            Bidi::Terminal => 3,
        }
    }
}

/// The value of the environment variable `name`, None when unset or empty:
/// what [`Bidi::detect`] reads in the program.
pub fn env_var(name: &str) -> Option<String> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(|value| value.to_string_lossy().into_owned())
}

/// What the environment says about the terminal, as far as bidi goes.
struct TerminalEnv {
    /// `KONSOLE_VERSION`: Konsole, which reorders every row.
    konsole: bool,
    /// `TERM_PROGRAM=Apple_Terminal`: macOS Terminal, which does too.
    apple: bool,
    /// `MLTERM`: mlterm, which reorders unless told not to.
    mlterm: bool,
    /// `TMUX`: barg's output goes through tmux, which drops OSC 5379.
    tmux: bool,
}

impl TerminalEnv {
    fn from(var: impl Fn(&str) -> Option<String>) -> TerminalEnv {
        let set = |name: &str| var(name).is_some_and(|value| !value.is_empty());
        TerminalEnv {
            konsole: set("KONSOLE_VERSION"),
            apple: var("TERM_PROGRAM").as_deref() == Some("Apple_Terminal"),
            mlterm: set("MLTERM"),
            tmux: set("TMUX"),
        }
    }
}

/// What `setup` does, in this order. Explicit bidi mode goes first, before
/// the alternate screen is cleared (see `EXPLICIT_BIDI`).
const SETUP: [Step; 6] = [
    Step::ExplicitBidi,
    Step::RawMode,
    Step::AlternateScreen,
    Step::Mouse,
    Step::BracketedPaste,
    Step::HiddenCursor,
];

/// The order `restore` undoes them in: raw mode off before the alternate
/// screen is left (ratatui's order), and implicit bidi mode last, once the
/// main screen is back.
const UNDO: [Step; 6] = [
    Step::HiddenCursor,
    Step::BracketedPaste,
    Step::Mouse,
    Step::RawMode,
    Step::AlternateScreen,
    Step::ExplicitBidi,
];

/// One change `setup` makes to the terminal, which `restore` undoes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    ExplicitBidi,
    RawMode,
    AlternateScreen,
    Mouse,
    BracketedPaste,
    HiddenCursor,
}

impl Step {
    fn bit(self) -> u8 {
        1 << self as u8
    }

    fn enter(self) -> io::Result<()> {
        let mut stdout = io::stdout();
        match self {
            Step::ExplicitBidi => {
                stdout.write_all(wanted_bidi().enter_sequence().as_bytes())?;
                stdout.flush()
            }
            Step::RawMode => enable_raw_mode(),
            Step::AlternateScreen => execute!(stdout, EnterAlternateScreen),
            Step::Mouse => execute!(stdout, EnableMouseCapture),
            Step::BracketedPaste => execute!(stdout, EnableBracketedPaste),
            Step::HiddenCursor => execute!(stdout, cursor::Hide),
        }
    }

    fn leave(self) -> io::Result<()> {
        let mut stdout = io::stdout();
        match self {
            Step::ExplicitBidi => {
                stdout.write_all(wanted_bidi().leave_sequence().as_bytes())?;
                stdout.flush()
            }
            Step::RawMode => disable_raw_mode(),
            Step::AlternateScreen => execute!(stdout, LeaveAlternateScreen),
            Step::Mouse => execute!(stdout, DisableMouseCapture),
            Step::BracketedPaste => execute!(stdout, DisableBracketedPaste),
            Step::HiddenCursor => execute!(stdout, cursor::Show),
        }
    }
}

/// The steps in effect now (bits of `Step::bit`): what `restore` must undo.
static DONE: AtomicU8 = AtomicU8::new(0);
/// The bidi mode the reader asked for (`Bidi::code`), to set it up the same
/// way again after Ctrl-Z and to undo it on every way out.
static BIDI_WANTED: AtomicU8 = AtomicU8::new(0);

fn wanted_bidi() -> Bidi {
    match BIDI_WANTED.load(Ordering::SeqCst) {
        1 => Bidi::App,
        2 => Bidi::AppMlterm,
        _ => Bidi::Terminal,
    }
}

/// Take `steps` in order, marking each in `done` once it is taken; when one
/// fails, undo the ones taken and return its error.
fn take_steps(
    steps: &[Step],
    done: &AtomicU8,
    mut enter: impl FnMut(Step) -> io::Result<()>,
    leave: impl FnMut(Step) -> io::Result<()>,
) -> io::Result<()> {
    for &step in steps {
        if let Err(e) = enter(step) {
            undo_steps(done, leave);
            return Err(e);
        }
        done.fetch_or(step.bit(), Ordering::SeqCst);
    }
    Ok(())
}

/// Undo the steps marked in `done`, in `UNDO`'s order, going on past a
/// step that fails (a terminal that is gone fails them all).
fn undo_steps(done: &AtomicU8, mut leave: impl FnMut(Step) -> io::Result<()>) {
    let taken = done.swap(0, Ordering::SeqCst);
    for step in UNDO {
        if taken & step.bit() != 0 {
            let _ = leave(step);
        }
    }
}

fn wanted_steps() -> Vec<Step> {
    let explicit = wanted_bidi() != Bidi::Terminal;
    SETUP
        .into_iter()
        .filter(|&step| step != Step::ExplicitBidi || explicit)
        .collect()
}

pub type Tui = Terminal<CrosstermBackend<io::Stdout>>;

/// Take over the terminal. Call `restore` when done; a panic restores it
/// too (main's hook). When a step fails, the ones before it are undone.
pub fn setup(bidi: Bidi) -> io::Result<Tui> {
    watch_signals();
    BIDI_WANTED.store(bidi.code(), Ordering::SeqCst);
    take_steps(&wanted_steps(), &DONE, Step::enter, Step::leave)?;
    Terminal::new(CrosstermBackend::new(io::stdout())).inspect_err(|_| restore())
}

/// Give the terminal back as it was: safe to call twice, from a panic, and
/// after a half-done `setup`.
pub fn restore() {
    undo_steps(&DONE, Step::leave);
}

/// Clear the screen and forget the last frame, so that the next draw
/// paints every cell. `Terminal::clear` does the same but first asks the
/// terminal where its cursor is and waits for the answer, which a paste in
/// flight delays for seconds; resizing to the same size does not ask.
pub fn repaint(terminal: &mut Tui) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}

/// Ctrl-Z: give the terminal back, stop as SIGTSTP stops a program, and
/// when continued (`fg`), take the terminal again and repaint it.
pub fn suspend(terminal: &mut Tui) -> io::Result<()> {
    restore();
    // Returns once the shell sends SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    if let Some(flags) = FLAGS.get() {
        flags.continued.store(false, Ordering::SeqCst);
    }
    resume(terminal)
}

/// Take the terminal again after barg was stopped (by Ctrl-Z, or by a
/// SIGSTOP from outside, after which the shell may have reset its modes)
/// and repaint it.
pub fn resume(terminal: &mut Tui) -> io::Result<()> {
    restore();
    take_steps(&wanted_steps(), &DONE, Step::enter, Step::leave)?;
    repaint(terminal)
}

/// A signal the reader must act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM, SIGHUP, SIGQUIT or SIGINT (its number): save, restore, end.
    Terminate(i32),
    /// SIGTSTP from outside (Ctrl-Z itself is a key in raw mode).
    Suspend,
    /// SIGCONT after a stop barg did not make itself.
    Continued,
}

/// What the signal handlers record, for the run loop to pick up.
#[derive(Debug, Default)]
struct Flags {
    terminate: Arc<AtomicUsize>,
    suspend: Arc<AtomicBool>,
    continued: Arc<AtomicBool>,
    /// Set by the first SIGTERM, SIGINT or SIGQUIT: a second one ends barg
    /// at once, in case the first cannot be acted on.
    armed: Arc<AtomicBool>,
}

static FLAGS: OnceLock<Flags> = OnceLock::new();

/// Install the signal handlers, once. A handler that cannot be installed
/// leaves that signal's default action, which is no reason not to read.
fn watch_signals() {
    FLAGS.get_or_init(|| {
        use signal_hook::flag;
        let flags = Flags::default();
        for signal in [SIGTERM, SIGINT, SIGQUIT] {
            // The shutdown must be registered before the flag that arms it.
            let _ = flag::register_conditional_shutdown(signal, 128 + signal, flags.armed.clone());
            let _ = flag::register(signal, flags.armed.clone());
        }
        // Not armed for SIGHUP: a dropped connection can bring it twice
        // (from the kernel and from the shell), and the position must be saved.
        for signal in [SIGTERM, SIGINT, SIGQUIT, SIGHUP] {
            let _ = flag::register_usize(signal, flags.terminate.clone(), signal as usize);
        }
        let _ = flag::register(SIGTSTP, flags.suspend.clone());
        let _ = flag::register(SIGCONT, flags.continued.clone());
        flags
    });
}

/// The signal that arrived since the last call, if any; one that ends barg
/// comes first.
pub fn take_signal() -> Option<Signal> {
    let flags = FLAGS.get()?;
    match flags.terminate.swap(0, Ordering::SeqCst) {
        0 => {}
        signal => return Some(Signal::Terminate(i32::try_from(signal).unwrap_or(SIGTERM))),
    }
    if flags.suspend.swap(false, Ordering::SeqCst) {
        return Some(Signal::Suspend);
    }
    if flags.continued.swap(false, Ordering::SeqCst) {
        return Some(Signal::Continued);
    }
    None
}

/// Panic when the environment variable `BARG_TEST_PANIC` names `place`:
/// how the tests prove that a panic gives the terminal back and leaves a
/// report. Places: `command` (before any command runs) and `reader` (once
/// the reader has drawn its first screen).
pub fn panic_if_testing(place: &str) {
    if std::env::var_os("BARG_TEST_PANIC").is_some_and(|v| v == place) {
        panic!("BARG_TEST_PANIC={place}: a panic on purpose, for the tests");
    }
}

/// Put `text` on the system clipboard with OSC 52 (the terminal does it; it
/// works over ssh and in tmux with `set-clipboard on`).
pub fn copy_to_clipboard(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout();
    stdout.write_all(osc52(text).as_bytes())?;
    stdout.flush()
}

/// The OSC 52 sequence that puts `text` on the clipboard, without the
/// characters that would act on a terminal when it is pasted.
fn osc52(text: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&*crate::safe::strip(text));
    format!("\x1b]52;c;{encoded}\x07")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    fn position(steps: &[Step], step: Step) -> usize {
        steps.iter().position(|&s| s == step).unwrap_or(usize::MAX)
    }

    #[test]
    fn restore_leaves_raw_mode_before_the_alternate_screen_and_bidi_mode_last() {
        assert!(position(&UNDO, Step::RawMode) < position(&UNDO, Step::AlternateScreen));
        assert_eq!(UNDO.last(), Some(&Step::ExplicitBidi));
        assert_eq!(SETUP.first(), Some(&Step::ExplicitBidi));
        let mut undone = UNDO.to_vec();
        undone.sort_by_key(|s| position(&SETUP, *s));
        assert_eq!(undone, SETUP, "restore undoes every step, once");
    }

    #[test]
    fn a_setup_that_fails_halfway_undoes_the_steps_it_took() {
        let done = AtomicU8::new(0);
        let log = RefCell::new(Vec::new());
        let result = take_steps(
            &SETUP,
            &done,
            |step| {
                if step == Step::Mouse {
                    return Err(io::Error::other("no mouse"));
                }
                log.borrow_mut().push(format!("enter {step:?}"));
                Ok(())
            },
            |step| {
                log.borrow_mut().push(format!("leave {step:?}"));
                Ok(())
            },
        );
        assert!(result.is_err());
        assert_eq!(
            log.into_inner(),
            [
                "enter ExplicitBidi",
                "enter RawMode",
                "enter AlternateScreen",
                "leave RawMode",
                "leave AlternateScreen",
                "leave ExplicitBidi",
            ]
        );
        assert_eq!(done.load(Ordering::SeqCst), 0, "nothing left to undo");
    }

    #[test]
    fn restore_undoes_only_what_was_done_and_only_once() {
        let done = AtomicU8::new(Step::RawMode.bit() | Step::HiddenCursor.bit());
        let mut left = Vec::new();
        undo_steps(&done, |step| {
            left.push(step);
            Ok(())
        });
        undo_steps(&done, |step| {
            left.push(step);
            Ok(())
        });
        assert_eq!(left, [Step::HiddenCursor, Step::RawMode]);
    }

    #[test]
    fn the_clipboard_gets_text_without_controls() {
        use base64::Engine;
        let sequence = osc52("a\x1b[201~; touch /tmp/x\r\u{202e}b\nc");
        let encoded = sequence
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap_or_default();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&decoded),
            "a[201~; touch /tmp/xb\nc"
        );
    }
}
