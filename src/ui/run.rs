//! The event loop: input in, one draw per batch of input, signals and
//! suspension handled on the way.

use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::App;

/// How the reader ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The reader quit (q, Ctrl-C).
    Quit,
    /// A signal ended it (its number): the position is saved, the caller
    /// restores the terminal and exits with 128 + the number.
    Signal(i32),
}

/// Input handled before the screen is drawn again, at most: a paste typed
/// as keys by a terminal without bracketed paste is thousands of keys, and
/// one draw per key made barg take minutes over it.
const EVENTS_PER_DRAW: usize = 4096;
/// How long to wait for input before looking for signals again.
const TICK: Duration = Duration::from_millis(100);

/// Run the app on the terminal until the reader quits or a signal ends it.
/// The reading position is saved on every way out, a failing terminal (a
/// dropped connection) included.
pub fn run(app: &mut App, terminal: &mut crate::term::Tui) -> std::io::Result<Ending> {
    let result = run_screen(app, terminal);
    if result.is_err() {
        app.quit();
        if let Some(crate::term::Signal::Terminate(signal)) = crate::term::take_signal() {
            return Ok(Ending::Signal(signal));
        }
    }
    result
}

fn run_screen(app: &mut App, terminal: &mut crate::term::Tui) -> std::io::Result<Ending> {
    use crate::term::{self, Signal};
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut shown = None;
    let mut changed = true;
    let mut first_draw = true;
    loop {
        match term::take_signal() {
            Some(Signal::Terminate(signal)) => {
                app.quit();
                return Ok(Ending::Signal(signal));
            }
            Some(Signal::Suspend) => {
                suspend(app, terminal)?;
                changed = true;
            }
            Some(Signal::Continued) => {
                term::resume(terminal)?;
                let size = terminal.size()?;
                app.resize(size.width, size.height);
                changed = true;
            }
            None => {}
        }
        if app.quit {
            return Ok(Ending::Quit);
        }
        // A followed page that has come (or failed).
        changed |= app.poll_fetch();
        // New items of a refresh, or how far it has come.
        changed |= app.poll_refresh();
        if changed {
            // A new screen is drawn on a cleared terminal: some terminals leave
            // bits of wide Arabic glyphs behind where cells were only rewritten.
            let showing = (app.screen, app.reading.as_ref().map(|r| r.serial));
            if shown != Some(showing) {
                term::repaint(terminal)?;
            }
            shown = Some(showing);
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            if let Some(text) = app.take_clipboard() {
                term::copy_to_clipboard(&text)?;
            }
            if first_draw {
                first_draw = false;
                term::panic_if_testing("reader");
                // The first screen is up: now the passes over the whole
                // article (quotations, bookmarks), and its screen again.
                if app.settle() {
                    continue;
                }
            }
            changed = false;
        }
        if !event::poll(TICK)? {
            continue;
        }
        // Everything that is waiting, then one draw.
        changed = true;
        for _ in 0..EVENTS_PER_DRAW {
            match event::read()? {
                Event::Key(key) if is_suspend(&key) => {
                    suspend(app, terminal)?;
                    break;
                }
                event => app.handle(event),
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}

/// Ctrl-Z, which raw mode delivers as a key instead of a SIGTSTP.
fn is_suspend(key: &KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
        && key.code == KeyCode::Char('z')
        && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// Stop until `fg`, then take the size again: it may have changed meanwhile.
fn suspend(app: &mut App, terminal: &mut crate::term::Tui) -> std::io::Result<()> {
    crate::term::suspend(terminal)?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    Ok(())
}
