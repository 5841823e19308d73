//! The terminal: raw mode, the alternate screen, the mouse, and the bidi mode
//! of terminals that reorder text themselves; all of it undone on exit, on
//! Ctrl-C (a key like any other in raw mode) and on a panic.

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// BDSM reset (explicit mode: draw cells as received), then SCP LTR: the
/// freedesktop terminal-wg bidi recommendation. Sent before the screen is
/// cleared, because VTE applies it per paragraph as rows are created.
const EXPLICIT_BIDI: &str = "\x1b[8l\x1b[1 k";
/// Back to implicit mode (VTE's default) and a paragraph direction from the text.
const IMPLICIT_BIDI: &str = "\x1b[8h\x1b[0 k";

static ACTIVE: AtomicBool = AtomicBool::new(false);
static EXPLICIT: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// Who reorders right-to-left text on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bidi {
    /// barg lays out visual lines and asks the terminal not to reorder.
    App,
    /// The terminal reorders by itself (Konsole, mlterm): barg hands it
    /// logical order.
    Terminal,
}

impl Bidi {
    /// The mode for this terminal when the user chose `auto`: terminals known
    /// to reorder and shape with no way to stop them get logical order.
    pub fn detect() -> Bidi {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if set("KONSOLE_VERSION") || set("MLTERM") {
            Bidi::Terminal
        } else {
            Bidi::App
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
    if bidi == Bidi::App {
        stdout.write_all(EXPLICIT_BIDI.as_bytes())?;
        EXPLICIT.store(true, Ordering::SeqCst);
    }
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
    if EXPLICIT.swap(false, Ordering::SeqCst) {
        let _ = stdout.write_all(IMPLICIT_BIDI.as_bytes());
    }
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
