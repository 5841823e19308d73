//! The lock that keeps two barg processes from writing the store at once,
//! taken with patience: a barg that finds it held says so, waits a bounded
//! time, and then gives up with a message, rather than hang without a word.

use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result, describe_io as why};

const LOCK_FILE: &str = "store.lock";

/// Overrides every caller's wait, in milliseconds: for tests and scripts.
pub const WAIT_VARIABLE: &str = "BARG_LOCK_WAIT_MS";

/// A write usually holds the lock for milliseconds: a wait shorter than this
/// is not worth a word.
const QUIET_WAIT: Duration = Duration::from_millis(200);
/// The longest pause between two tries.
const LONGEST_PAUSE: Duration = Duration::from_millis(50);

/// How long a change waits for another barg that is writing the store, and
/// whom it tells that it is waiting. The caller picks: the command line can
/// wait seconds, the reader less.
pub struct Patience {
    wait: Duration,
    tell: Option<Tell>,
}

/// Told the lock file's path when a change has to wait.
type Tell = Box<dyn Fn(&Path) + Send + Sync>;

impl Patience {
    /// Wait up to `wait` (or `BARG_LOCK_WAIT_MS` milliseconds, when that is
    /// set), telling no one.
    pub fn up_to(wait: Duration) -> Patience {
        let wait = std::env::var(WAIT_VARIABLE)
            .ok()
            .and_then(|ms| ms.trim().parse::<u64>().ok())
            .map_or(wait, Duration::from_millis);
        Patience { wait, tell: None }
    }

    /// Call `tell` with the lock file's path when a change has to wait for
    /// another barg (once per change, after a short while).
    pub fn telling(mut self, tell: impl Fn(&Path) + Send + Sync + 'static) -> Patience {
        self.tell = Some(Box::new(tell));
        self
    }

    /// How long a change waits.
    pub fn wait(&self) -> Duration {
        self.wait
    }
}

impl Default for Patience {
    /// Ten seconds: long enough for any write, short enough for a person.
    fn default() -> Patience {
        Patience::up_to(Duration::from_secs(10))
    }
}

impl fmt::Debug for Patience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Patience")
            .field("wait", &self.wait)
            .field("tell", &self.tell.is_some())
            .finish()
    }
}

/// An exclusive lock on the store, held until dropped (or until the process
/// dies: the system lets go of it then).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

pub fn lock_path(dir: &Path) -> PathBuf {
    dir.join(LOCK_FILE)
}

/// Create the data directory if needed and take the lock, waiting as
/// `patience` says for another barg to finish its write.
pub fn lock(dir: &Path, patience: &Patience) -> Result<Lock> {
    fs::create_dir_all(dir).map_err(|e| {
        Error::new(crate::i18n::process().f(
            "error.store.create_dir",
            &[("dir", &crate::error::path_name(dir)), ("why", &why(&e))],
        ))
    })?;
    let path = lock_path(dir);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            Error::new(crate::i18n::process().f(
                "error.store.write_dir",
                &[("dir", &crate::error::path_name(dir)), ("why", &why(&e))],
            ))
        })?;
    let started = Instant::now();
    let mut told = false;
    let mut pause = Duration::from_millis(2);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, "lock", &e)),
        }
        let waited = started.elapsed();
        if waited >= patience.wait {
            return Err(Error::new(crate::i18n::process().f(
                "error.store.locked",
                &[
                    ("time", &seconds(patience.wait)),
                    ("lock", &crate::error::path_name(&path)),
                ],
            )));
        }
        if !told
            && waited >= QUIET_WAIT.min(patience.wait / 2)
            && let Some(tell) = &patience.tell
        {
            tell(&path);
            told = true;
        }
        std::thread::sleep(pause.min(patience.wait - waited));
        pause = (pause * 2).min(LONGEST_PAUSE);
    }
}

/// `10 s`, `1.5 s`, `300 ms`.
fn seconds(wait: Duration) -> String {
    let lang = crate::i18n::process();
    let n = |text: String| crate::error::num(text);
    if wait < Duration::from_secs(1) {
        lang.f("error.store.ms", &[("n", &n(wait.as_millis().to_string()))])
    } else if wait.subsec_millis() == 0 {
        lang.f(
            "error.fetch.seconds",
            &[("n", &n(wait.as_secs().to_string()))],
        )
    } else {
        let secs = format!("{:.1}", wait.as_secs_f64());
        lang.f("error.fetch.seconds", &[("n", &n(secs))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_said_in_units_a_person_reads() {
        assert_eq!(seconds(Duration::from_secs(10)), "10 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(seconds(Duration::from_millis(300)), "300 ms");
    }
}
