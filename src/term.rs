//! The terminal: raw mode, the alternate screen, the mouse, and the bidi mode
//! of terminals that reorder text themselves; all of it undone on exit, on
//! Ctrl-C (a key like any other in raw mode) and on a panic.

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

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

static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();
/// The bidi mode `setup` put the terminal in, for `restore` to undo on every
/// way out: 0 for none, else the mode's code. An atomic, so that the panic
/// hook and a signal handler can read it without a lock.
static ENGAGED: AtomicU8 = AtomicU8::new(0);

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

    /// [`Bidi::enter_sequence`], remembered for [`Bidi::release`]: what
    /// `setup` writes.
    pub fn engage(self) -> &'static str {
        ENGAGED.store(self.code(), Ordering::SeqCst);
        self.enter_sequence()
    }

    /// The leave sequence of the mode last engaged, once: what `restore`
    /// writes on every way out; "" when there is nothing to undo.
    pub fn release() -> &'static str {
        match ENGAGED.swap(0, Ordering::SeqCst) {
            1 => Bidi::App.leave_sequence(),
            2 => Bidi::AppMlterm.leave_sequence(),
            3 => Bidi::Terminal.leave_sequence(),
            _ => "",
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

pub type Tui = Terminal<CrosstermBackend<io::Stdout>>;

/// Take over the terminal. Call `restore` when done; a panic restores it too.
pub fn setup(bidi: Bidi) -> io::Result<Tui> {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
    let mut stdout = io::stdout();
    stdout.write_all(bidi.engage().as_bytes())?;
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(
        stdout,
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Give the terminal back as it was: safe to call twice, and from a panic.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout.write_all(Bidi::release().as_bytes());
    let _ = stdout.flush();
}

/// Put `text` on the system clipboard with OSC 52 (the terminal does it; it
/// works over ssh and in tmux with `set-clipboard on`).
pub fn copy_to_clipboard(text: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut stdout = io::stdout();
    write!(stdout, "\x1b]52;c;{encoded}\x07")?;
    stdout.flush()
}
