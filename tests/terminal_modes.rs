//! Terminals that reorder right-to-left text by themselves. barg picks a
//! mode from the environment: its own layout with the terminal told to stand
//! down (VTE and WezTerm by the terminal-wg sequence, mlterm by its own OSC
//! 5379), or, where nothing stops the terminal (Konsole, macOS Terminal),
//! logical order with every piece of text on a row marked with its
//! direction. The screens here are drawn to a ratatui `TestBackend`; a
//! terminal that runs the bidi algorithm on each screen row is played by
//! unicode-bidi, and must then show what barg shows where barg reorders.

use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use barg::config::BidiMode;
use barg::layout::Order;
use barg::term::Bidi;

/// An environment holding only `vars`.
fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    move |name| {
        vars.iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.clone())
    }
}

#[test]
fn each_terminal_gets_its_bidi_mode_from_the_environment() {
    let cases: &[(&[(&str, &str)], Bidi)] = &[
        (&[], Bidi::App),
        (&[("TERM", "xterm-256color")], Bidi::App),
        (&[("VTE_VERSION", "7600")], Bidi::App),
        (&[("TERM_PROGRAM", "WezTerm")], Bidi::App),
        (&[("TERM_PROGRAM", "iTerm.app")], Bidi::App),
        (&[("TMUX", "/tmp/tmux-0/default,1,0")], Bidi::App),
        (&[("MLTERM", "3.9.0")], Bidi::AppMlterm),
        (&[("KONSOLE_VERSION", "221203")], Bidi::Terminal),
        (&[("TERM_PROGRAM", "Apple_Terminal")], Bidi::Terminal),
        // tmux drops OSC 5379: mlterm behind it keeps reordering.
        (
            &[("MLTERM", "3.9.0"), ("TMUX", "/tmp/tmux-0/default,1,0")],
            Bidi::Terminal,
        ),
        // A variable set but empty is no sign of anything.
        (&[("KONSOLE_VERSION", "")], Bidi::App),
        (&[("MLTERM", "")], Bidi::App),
    ];
    for (vars, mode) in cases {
        assert_eq!(Bidi::detect(env(vars)), *mode, "{vars:?}");
        assert_eq!(Bidi::choose(BidiMode::Auto, env(vars)), *mode, "{vars:?}");
    }
}

#[test]
fn a_mode_the_user_chose_wins_but_app_still_stands_mlterm_down() {
    let mlterm = [("MLTERM", "3.9.0")];
    assert_eq!(Bidi::choose(BidiMode::App, env(&mlterm)), Bidi::AppMlterm);
    assert_eq!(
        Bidi::choose(BidiMode::Terminal, env(&mlterm)),
        Bidi::Terminal
    );
    let konsole = [("KONSOLE_VERSION", "221203")];
    assert_eq!(Bidi::choose(BidiMode::App, env(&konsole)), Bidi::App);
    assert_eq!(Bidi::choose(BidiMode::Terminal, env(&[])), Bidi::Terminal);
    assert_eq!(Bidi::App.order(), Order::Visual);
    assert_eq!(Bidi::AppMlterm.order(), Order::Visual);
    assert_eq!(Bidi::Terminal.order(), Order::Logical);
}

#[test]
fn each_mode_sends_its_own_sequence_and_undoes_it_once() {
    assert_eq!(Bidi::App.enter_sequence(), "\x1b[8l\x1b[1 k");
    assert_eq!(Bidi::App.leave_sequence(), "\x1b[8h\x1b[0 k");
    assert_eq!(
        Bidi::AppMlterm.enter_sequence(),
        "\x1b[8l\x1b[1 k\x1b]5379;use_ctl=false\x07"
    );
    assert_eq!(
        Bidi::AppMlterm.leave_sequence(),
        "\x1b[8h\x1b[0 k\x1b]5379;use_ctl=true\x07"
    );
    // Konsole and macOS Terminal cannot be stopped: nothing to send.
    assert_eq!(Bidi::Terminal.enter_sequence(), "");
    assert_eq!(Bidi::Terminal.leave_sequence(), "");

    // What setup engages, every way out releases, once.
    assert_eq!(Bidi::release(), "");
    assert_eq!(Bidi::AppMlterm.engage(), Bidi::AppMlterm.enter_sequence());
    assert_eq!(Bidi::release(), Bidi::AppMlterm.leave_sequence());
    assert_eq!(Bidi::release(), "");
}

// --- the real binary ------------------------------------------------------

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err()
            || Command::new("script").arg("--version").output().is_err()
        {
            eprintln!("tmux or script is not installed: skipping");
            return None;
        }
        let tmux = Tmux {
            socket: format!("barg-modes-{name}-{}", std::process::id()),
        };
        let started = tmux.run(&[
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "-s",
            "modes",
            "env",
            "-i",
            "PATH=/usr/bin:/bin",
            "TERM=xterm-256color",
            "HOME=/tmp",
            "PS1=$ ",
            "bash",
            "--norc",
            "--noprofile",
        ]);
        assert!(started.status.success(), "tmux failed to start");
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "modes"]).stdout)
            .into_owned()
    }

    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("waited for {what}; the screen is:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// What barg writes to the terminal from start to `q`, run with `vars` set
/// and `args`, recorded by `script` inside tmux.
fn session_bytes(name: &str, vars: &str, args: &str) -> Option<Vec<u8>> {
    let tmux = Tmux::start(name)?;
    let dir = std::env::temp_dir().join(format!("barg-modes-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let log = dir.join("session.log");
    tmux.wait_for("the shell", |s| s.contains('$'));
    let command = format!(
        "{vars} BARG_DATA_DIR={} BARG_CONFIG=/nonexistent {} {args}",
        dir.join("data").display(),
        env!("CARGO_BIN_EXE_barg")
    );
    tmux.run(&[
        "send-keys",
        "-t",
        "modes",
        "-l",
        &format!("script -q -c '{command}' {}", log.display()),
    ]);
    tmux.run(&["send-keys", "-t", "modes", "Enter"]);
    tmux.wait_for("barg", |s| s.contains("quotes") || s.contains("library"));
    tmux.run(&["send-keys", "-t", "modes", "q"]);
    tmux.wait_for("the shell again", |s| {
        s.trim_end().ends_with('$') && !s.contains("quotes")
    });
    let bytes = std::fs::read(&log).expect("the session log");
    let _ = std::fs::remove_dir_all(&dir);
    Some(bytes)
}

fn position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn in_mlterm_barg_turns_its_bidi_off_before_drawing_and_back_on_when_it_leaves() {
    let Some(log) = session_bytes("mlterm", "MLTERM=3.9.0", "") else {
        return;
    };
    let off = position(&log, b"\x1b]5379;use_ctl=false\x07").expect("use_ctl=false sent");
    let alternate = position(&log, b"\x1b[?1049h").expect("alternate screen");
    let leave = position(&log, b"\x1b[?1049l").expect("left the alternate screen");
    let on = position(&log, b"\x1b]5379;use_ctl=true\x07").expect("use_ctl=true sent");
    assert!(
        off < alternate,
        "mlterm stands down before the screen is drawn"
    );
    assert!(leave < on, "and gets its bidi back for the shell");
}
