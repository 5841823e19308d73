//! The real binary in tmux, for the end-to-end tests: a private tmux server
//! per test (its own socket, so tests run in parallel), a plain bash in a
//! 100×30 pane, and ways to type, paste, signal and read the screen back.
//! Each test skips, saying why, when tmux is not installed.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The shell in each pane: bash with nothing of the user's.
const SHELL: [&str; 9] = [
    "env",
    "-i",
    "PATH=/usr/bin:/bin",
    "TERM=xterm-256color",
    "HOME=/tmp",
    "PS1=$ ",
    "bash",
    "--norc",
    "--noprofile",
];

pub struct Tmux {
    socket: String,
    /// A scratch folder for this test: data dir, pid file, stty output.
    pub dir: PathBuf,
}

impl Tmux {
    pub fn start(name: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("tmux is not installed: skipping the end-to-end test");
            return None;
        }
        let dir = std::env::temp_dir().join(format!("barg-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let tmux = Tmux {
            socket: format!("barg-e2e-{name}-{}", std::process::id()),
            dir,
        };
        let mut args = vec!["new-session", "-d", "-x", "100", "-y", "30", "-s", "e2e"];
        args.extend(SHELL);
        let started = tmux.run(&args);
        assert!(
            started.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&started.stderr)
        );
        tmux.wait_for("the shell", |s| s.contains('$'));
        Some(tmux)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// Key names as tmux knows them ("Enter", "C-z", "j"), one at a time.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "e2e", key]);
            sleep(Duration::from_millis(60));
        }
    }

    /// `text` typed all at once, as a terminal without bracketed paste
    /// delivers a paste: every character a key.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", "--", text]);
    }

    pub fn type_line(&self, line: &str) {
        self.type_text(line);
        self.run(&["send-keys", "-t", "e2e", "Enter"]);
    }

    /// `text` pasted the way a terminal pastes: inside bracketed-paste
    /// markers when the program asked for them, as plain keys otherwise.
    pub fn paste(&self, text: &str) {
        let set = self.run(&["set-buffer", "-b", "e2e", "--", text]);
        assert!(
            set.status.success(),
            "{}",
            String::from_utf8_lossy(&set.stderr)
        );
        self.run(&["paste-buffer", "-p", "-b", "e2e", "-t", "e2e"]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// Close the pane, as a terminal window closes or an ssh connection
    /// drops: its programs see the terminal hang up. A new window with a
    /// new shell takes its place.
    pub fn hang_up(&self) {
        let mut args = vec!["new-window", "-d", "-t", "e2e"];
        args.extend(SHELL);
        let opened = self.run(&args);
        assert!(
            opened.status.success(),
            "{}",
            String::from_utf8_lossy(&opened.stderr)
        );
        let closed = self.run(&["kill-pane", "-t", "e2e"]);
        assert!(
            closed.status.success(),
            "{}",
            String::from_utf8_lossy(&closed.stderr)
        );
        self.wait_for("the new shell", |s| s.contains('$'));
    }

    /// Whether the pane shows the alternate screen.
    pub fn alternate_on(&self) -> bool {
        let out = self.run(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    /// The screen once it has stopped changing (every key typed so far
    /// handled), waiting at most ten seconds.
    pub fn settled(&self) -> String {
        let start = Instant::now();
        let mut last = self.screen();
        loop {
            sleep(Duration::from_millis(250));
            let now = self.screen();
            if now == last || start.elapsed() > Duration::from_secs(10) {
                return now;
            }
            last = now;
        }
    }

    /// Wait until the screen satisfies `done`, for at most ten seconds.
    pub fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        self.wait_up_to(Duration::from_secs(10), what, done)
    }

    pub fn wait_up_to(&self, limit: Duration, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > limit {
                panic!("waited for {what}; the screen is:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    /// Wait for the shell's prompt to come back at the bottom of the output.
    pub fn wait_for_shell(&self) -> String {
        self.wait_for("the shell again", |s| {
            s.trim_end().ends_with('$') && !s.contains(" quotes ")
        })
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn pid_file(&self) -> PathBuf {
        self.dir.join("barg.pid")
    }

    /// Start barg on `args` in the pane (its data in this test's folder), in
    /// a process that records its pid first.
    pub fn start_barg(&self, args: &str) {
        self.start_barg_with("", args);
    }

    /// Like `start_barg`, with more environment (`NAME=value …`).
    pub fn start_barg_with(&self, env: &str, args: &str) {
        let _ = std::fs::remove_file(self.pid_file());
        self.type_line(&format!(
            "bash -c 'echo $$ > {}; exec env BARG_DATA_DIR={} BARG_CONFIG=/nonexistent {env} {} {args}'",
            self.pid_file().display(),
            self.data_dir().display(),
            env!("CARGO_BIN_EXE_barg"),
        ));
    }

    /// barg on the Persian news sample file, waiting until it shows.
    pub fn open_news(&self) -> String {
        self.start_barg(&news().display().to_string());
        self.wait_for("the article", |s| status(s).contains("9 quotes"))
    }

    /// The pid of the barg started last.
    pub fn barg_pid(&self) -> String {
        let start = Instant::now();
        loop {
            if let Ok(pid) = std::fs::read_to_string(self.pid_file())
                && !pid.trim().is_empty()
            {
                return pid.trim().to_string();
            }
            assert!(start.elapsed() < Duration::from_secs(10), "no pid file");
            sleep(Duration::from_millis(50));
        }
    }

    /// `kill -SIGNAL` barg.
    pub fn signal(&self, signal: &str) {
        let pid = self.barg_pid();
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill");
        assert!(killed.success(), "kill -{signal} {pid}");
    }

    /// The terminal's modes as the shell in the pane sees them: `stty -a`
    /// run there, one word per entry.
    pub fn stty(&self) -> Vec<String> {
        let out = self.dir.join("stty.txt");
        let _ = std::fs::remove_file(&out);
        self.type_line(&format!("stty -a > {}", out.display()));
        let start = Instant::now();
        loop {
            if let Ok(text) = std::fs::read_to_string(&out)
                && text.contains("icanon")
            {
                return text
                    .split(|c: char| c.is_whitespace() || c == ';')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            assert!(start.elapsed() < Duration::from_secs(10), "no stty output");
            sleep(Duration::from_millis(50));
        }
    }

    /// The shell's terminal is as a shell wants it: line editing and echo on,
    /// the main screen showing.
    pub fn assert_terminal_restored(&self, what: &str) {
        assert!(
            !self.alternate_on(),
            "{what}: still in the alternate screen"
        );
        let modes = self.stty();
        for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
            assert!(
                modes.iter().any(|m| m == mode),
                "{what}: {mode} is off: {modes:?}"
            );
        }
    }
}

/// What barg writes to its terminal, byte for byte: `script` records it
/// while `act` types into the pane.
impl Tmux {
    /// barg started with `env` (`NAME=value …`) and `args` under `script`;
    /// `act` runs once barg shows `ready`, and must end barg. None (said on
    /// stderr) when `script` is not installed.
    pub fn record(
        &self,
        env: &str,
        args: &str,
        ready: impl Fn(&str) -> bool,
        act: impl FnOnce(&Tmux),
    ) -> Option<Vec<u8>> {
        if Command::new("script").arg("--version").output().is_err() {
            eprintln!("script (util-linux) is not installed: skipping");
            return None;
        }
        let log = self.dir.join("session.log");
        let _ = std::fs::remove_file(&log);
        self.type_line(&format!(
            "script -q -c 'env BARG_DATA_DIR={} BARG_CONFIG=/nonexistent {env} {} {args}' {}",
            self.data_dir().display(),
            env!("CARGO_BIN_EXE_barg"),
            log.display()
        ));
        self.wait_for("barg", ready);
        act(self);
        self.wait_for("the shell again", |s| {
            s.trim_end().ends_with('$') && !s.contains("quotes") && !s.contains("library")
        });
        Some(std::fs::read(&log).expect("the session log"))
    }
}

/// Where `needle` first stands in `haystack`.
pub fn position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn news() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/fa-news.txt")
}

pub fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// The reading pane: every row but the status line.
pub fn body(screen: &str) -> Vec<String> {
    let rows: Vec<&str> = screen.lines().collect();
    rows[..rows.len().saturating_sub(1)]
        .iter()
        .map(|s| s.to_string())
        .collect()
}
