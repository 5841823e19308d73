//! barg killed or stopped in tmux: SIGTERM, SIGHUP (a dropped ssh
//! connection) and SIGQUIT save the reading position, give the shell its
//! terminal back (line editing and echo on, the main screen) and end barg
//! with 128 + the signal's number. Ctrl-Z gives the shell prompt back the
//! same way, and `fg` brings the same screen back.

mod e2e_support;

use e2e_support::{Tmux, body, status};

/// Open the news sample, move down, and return the screen once it settled.
fn read_a_little(tmux: &Tmux) -> String {
    tmux.open_news();
    tmux.keys(&["j", "j", "j", "j", "j", "j", "j"]);
    let screen = tmux.settled();
    assert!(status(&screen).contains(" 9 quotes "), "{screen}");
    screen
}

fn killed_with(signal: &str, number: i32) {
    let Some(tmux) = Tmux::start(&format!("signal-{}", signal.to_lowercase())) else {
        return;
    };
    let before = read_a_little(&tmux);
    tmux.signal(signal);
    tmux.wait_for_shell();
    tmux.type_line("echo status=$?");
    let expected = format!("status={}", 128 + number);
    tmux.wait_for("the exit status", |s| s.contains(&expected));
    tmux.assert_terminal_restored(signal);

    // The position was saved: barg opens the article where it stopped.
    tmux.open_news();
    tmux.wait_for("the saved position", |s| body(s) == body(&before));
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}

#[test]
fn sigterm_saves_the_position_and_restores_the_terminal() {
    killed_with("TERM", 15);
}

#[test]
fn sighup_saves_the_position_and_restores_the_terminal() {
    killed_with("HUP", 1);
}

#[test]
fn sigquit_saves_the_position_and_restores_the_terminal() {
    killed_with("QUIT", 3);
}

#[test]
fn ctrl_z_gives_the_shell_back_and_fg_redraws_the_same_screen() {
    let Some(tmux) = Tmux::start("ctrl-z") else {
        return;
    };
    let before = read_a_little(&tmux);
    tmux.keys(&["C-z"]);
    tmux.wait_for("the job stopped", |s| {
        s.contains("Stopped") && s.trim_end().ends_with('$')
    });
    tmux.assert_terminal_restored("Ctrl-Z");

    tmux.type_line("fg");
    let again = tmux.wait_for("the same screen", |s| body(s) == body(&before));
    assert!(tmux.alternate_on(), "fg: back in the alternate screen");
    assert_eq!(status(&again), status(&before));
    // It reads keys again, in raw mode: one `j` moves one line.
    tmux.keys(&["k"]);
    tmux.wait_for("a line up", |s| body(s) != body(&before));
    tmux.keys(&["j"]);
    tmux.wait_for("a line down", |s| body(s) == body(&before));
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
    tmux.assert_terminal_restored("quit after fg");
}

#[test]
fn sigtstp_from_outside_suspends_like_ctrl_z() {
    let Some(tmux) = Tmux::start("sigtstp") else {
        return;
    };
    let before = read_a_little(&tmux);
    tmux.signal("TSTP");
    tmux.wait_for("the job stopped", |s| {
        s.contains("Stopped") && s.trim_end().ends_with('$')
    });
    tmux.assert_terminal_restored("SIGTSTP");
    tmux.type_line("fg");
    tmux.wait_for("the same screen", |s| body(s) == body(&before));
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}

#[test]
fn a_terminal_that_goes_away_ends_barg_and_keeps_the_position() {
    let Some(tmux) = Tmux::start("hang-up") else {
        return;
    };
    let before = read_a_little(&tmux);
    let pid = tmux.barg_pid();
    tmux.hang_up();
    let process = std::path::PathBuf::from(format!("/proc/{pid}"));
    let start = std::time::Instant::now();
    while process.exists() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "barg is still running after its terminal went away"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    tmux.open_news();
    tmux.wait_for("the saved position", |s| body(s) == body(&before));
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}
