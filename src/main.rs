use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use barg::cli::{Cli, Command};

fn main() -> ExitCode {
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
    let result = match &cli.command {
        Some(Command::Render(args)) => barg::cli::run_render(args),
        Some(Command::Bookmarks(args)) => barg::store::cli::run(args, cli.data_dir.as_deref()),
        None => barg::cli::run_reader(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            barg::safe::eprint(&e.to_string());
            ExitCode::FAILURE
        }
    }
}
