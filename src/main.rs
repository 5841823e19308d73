use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;
use clap::error::ErrorKind;

use barg::cli::Cli;

fn main() -> ExitCode {
    install_panic_hook();
    barg::term::panic_if_testing("command");
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // clap's first line says what is wrong; the rest is usage.
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            barg::safe::eprint(&format!("{first} (see barg --help)"));
            return ExitCode::from(2);
        }
    };
    match barg::cli::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            barg::safe::eprint(&e.to_string());
            ExitCode::FAILURE
        }
    }
}

/// A panic, in any command and on any thread: give the terminal back, write
/// the details (message, place, backtrace) to a file, and say in one line
/// where it is. No backtrace on the terminal: a person reads that line.
fn install_panic_hook() {
    static REPORTED: AtomicBool = AtomicBool::new(false);
    std::panic::set_hook(Box::new(|info| {
        barg::term::restore();
        // A panic on another thread is often followed by one on the main
        // thread that waited for it: one report is enough.
        if REPORTED.swap(true, Ordering::SeqCst) {
            return;
        }
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        let place = info
            .location()
            .map_or_else(|| "an unknown place".to_string(), |l| l.to_string());
        let details = format!(
            "barg {} panicked on thread {}\nmessage: {message}\nat: {place}\n\nbacktrace:\n{}\n",
            env!("CARGO_PKG_VERSION"),
            std::thread::current().name().unwrap_or("(unnamed)"),
            std::backtrace::Backtrace::force_capture(),
        );
        match write_report(&details) {
            Ok(path) => barg::safe::eprint(&format!(
                "barg stopped on a bug; please report it, with the details in {}",
                barg::safe::path(&path)
            )),
            Err(e) => barg::safe::eprint(&format!(
                "barg stopped on a bug ({message}, at {place}); please report it \
                 (the details could not be written: {e})"
            )),
        }
    }));
}

/// Write a panic report to a new file in the temporary folder: its name
/// carries the time and the process, and `create_new` never follows a link
/// someone left there.
fn write_report(details: &str) -> std::io::Result<PathBuf> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let path =
        std::env::temp_dir().join(format!("barg-panic-{seconds}-{}.txt", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    // A panic message can quote text from an article: nothing in the report
    // may act on the terminal that shows it.
    file.write_all(barg::safe::strip(details).as_bytes())?;
    Ok(path)
}
