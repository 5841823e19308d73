//! The command line: what a person can type, and where each command goes.
//! `barg [PATH]...` reads (reader.rs), `barg render` prints (render.rs),
//! `barg bookmarks` keeps quotes (bookmarks.rs). Only this folder knows clap
//! and standard output; the modules it calls know neither.

mod add;
mod bookmarks;
mod feed;
pub mod library;
mod list;
mod reader;
mod render;
pub mod say;
mod search;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::Result;
use crate::i18n::Lang;

pub use add::AddArgs;
pub use bookmarks::{BookmarksArgs, BookmarksCommand, ExportFormat, list_text};
pub use list::ListArgs;
pub use reader::run_reader;
pub use render::{BidiArg, DirectionArg, MAX_WIDTH, RenderArgs, Switch, default_width, run_render};
pub use search::SearchArgs;

#[derive(Debug, Parser)]
#[command(
    name = "barg",
    version,
    about = "A terminal reader for right-to-left articles, Persian first",
    long_about = "barg (Persian برگ, \"a leaf\") lays out Persian, Arabic and Hebrew text, \
                  mixed with English, numbers and URLs, so that it reads right in any terminal: \
                  reordered right to left, letters joined, marks on their letters."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Articles to read: one file or URL (http, https) opens it, several
    /// files, folders or URLs make the library [default: the samples, the
    /// data directory's library folder, the config file's library and the
    /// items of the feeds followed]
    #[arg(value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,

    /// Who reorders right-to-left text [default: the config's bidi, else auto]
    #[arg(long, value_enum, value_name = "auto|app|terminal")]
    pub bidi: Option<ReaderBidiArg>,

    /// Where bookmarks, reading positions, feeds and kept pages are kept
    /// [default: the data directory of your system, e.g. ~/.local/share/barg]
    #[arg(long, global = true, env = "BARG_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The language of barg's own words: fa (Persian, right to left) or en
    /// [default: the config's ui.language, else LC_ALL, LC_MESSAGES or LANG]
    #[arg(long, global = true, value_name = "fa|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(code: &str) -> std::result::Result<Lang, String> {
    Lang::try_from(code.to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an article laid out for this terminal: reordered, shaped, wrapped
    Render(RenderArgs),
    /// Keep, list, export and remove bookmarked quotes
    Bookmarks(BookmarksArgs),
    /// Follow feeds: add, list, refresh, remove, import and export (OPML)
    Feed(feed::FeedArgs),
    /// Keep a copy of a web page or a file in the library, to read offline
    Add(AddArgs),
    /// List the library: title, source, format, direction, language, words, date, unread
    List(ListArgs),
    /// Find the articles of the library whose title or text holds the words
    Search(SearchArgs),
}

/// Run the command `cli` names, in the language `--lang`, the config or the
/// locale asks for.
pub fn run(cli: &Cli) -> Result<()> {
    // A config that does not read is reported by the command that needs it.
    let config = crate::config::Config::load().ok().map(|(config, _)| config);
    let configured = config.as_ref().and_then(|config| config.ui.language);
    crate::i18n::set_process(crate::i18n::choose(cli.lang, configured));
    let mode = match cli.bidi {
        Some(ReaderBidiArg::Auto) => crate::config::BidiMode::Auto,
        Some(ReaderBidiArg::App) => crate::config::BidiMode::App,
        Some(ReaderBidiArg::Terminal) => crate::config::BidiMode::Terminal,
        None => config.map_or_else(Default::default, |config| config.bidi),
    };
    say::setup(mode);
    match &cli.command {
        Some(Command::Render(args)) => run_render(args),
        Some(Command::Bookmarks(args)) => bookmarks::run(args, cli.data_dir.as_deref()),
        Some(Command::Feed(args)) => feed::run(args, cli.data_dir.as_deref()),
        Some(Command::Add(args)) => add::run(args, cli.data_dir.as_deref()),
        Some(Command::List(args)) => list::run(args, cli.data_dir.as_deref()),
        Some(Command::Search(args)) => search::run(args, cli.data_dir.as_deref()),
        None => run_reader(cli),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReaderBidiArg {
    Auto,
    App,
    Terminal,
}

/// Write `bytes` to standard output; a pipe closed early (`| head`) is not
/// an error.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(crate::error::Error::new(crate::i18n::process().f(
            "error.write_output",
            &[("why", &crate::error::describe_io(&e))],
        ))),
    }
}
