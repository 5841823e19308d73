//! The command line: what a person can type, and where each command goes.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::article::{self, Article, Source, samples};
use crate::error::{Error, Result};
use crate::layout::{BaseDirection, LayoutOptions, Order};
use crate::render;

#[derive(Debug, Parser)]
#[command(
    name = "barg",
    version,
    about = "A terminal reader for right-to-left articles, Persian first",
    long_about = "barg (Persian برگ, \"a leaf\") lays out Persian, Arabic and Hebrew text, \
                  mixed with English, numbers and URLs, so that it reads right in any terminal: \
                  reordered right to left, letters joined, marks on their letters.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Articles to read: one file opens it, several files or folders make the
    /// library [default: the samples, the data directory's library folder and
    /// the config file's library]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Who reorders right-to-left text [default: the config's bidi, else auto]
    #[arg(long, value_enum, value_name = "auto|app|terminal")]
    pub bidi: Option<ReaderBidiArg>,

    /// Where bookmarks and reading positions are kept
    /// [default: the data directory of your system, e.g. ~/.local/share/barg]
    #[arg(long, global = true, env = "BARG_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an article laid out for this terminal: reordered, shaped, wrapped
    Render(RenderArgs),
    /// Keep, list, export and remove bookmarked quotes
    Bookmarks(crate::store::cli::BookmarksArgs),
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Columns to lay out in [default: the terminal's width, else $COLUMNS, else 80]
    #[arg(long, short, value_name = "N", value_parser = parse_width)]
    pub width: Option<usize>,

    /// Paragraph direction: from the first strong letter, or forced
    #[arg(long, short, value_enum, default_value_t = DirectionArg::Auto)]
    pub direction: DirectionArg,

    /// Join Arabic-script letters [default: on with --bidi app, off with --bidi terminal]
    #[arg(long, value_enum, value_name = "on|off")]
    pub shaping: Option<Switch>,

    /// Who reorders right-to-left text: barg (app), or a terminal that does
    /// bidi itself (terminal: logical order, no alignment)
    #[arg(long, value_enum, default_value_t = BidiArg::App)]
    pub bidi: BidiArg,

    /// The article to print; - for standard input
    /// [default: standard input when it is piped, else the first sample article]
    #[arg(value_name = "PATH|-")]
    pub path: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DirectionArg {
    Auto,
    Rtl,
    Ltr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReaderBidiArg {
    Auto,
    App,
    Terminal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BidiArg {
    App,
    Terminal,
}

/// The widest layout barg makes, in columns: wider is a mistake, and would
/// only cost memory (right-to-left lines are padded to the width).
pub const MAX_WIDTH: usize = 100_000;

fn parse_width(text: &str) -> std::result::Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("the width must be at least 1 column".to_string()),
        Ok(n) if n > MAX_WIDTH => Err(format!("the width can be at most {MAX_WIDTH} columns")),
        Ok(n) => Ok(n),
        Err(_) => Err("expected a number of columns, such as 80".to_string()),
    }
}

impl RenderArgs {
    pub fn layout_options(&self) -> LayoutOptions {
        let order = match self.bidi {
            BidiArg::App => Order::Visual,
            BidiArg::Terminal => Order::Logical,
        };
        let shaping = match self.shaping {
            Some(switch) => switch == Switch::On,
            None => order == Order::Visual,
        };
        let direction = match self.direction {
            DirectionArg::Auto => BaseDirection::Auto,
            DirectionArg::Rtl => BaseDirection::Rtl,
            DirectionArg::Ltr => BaseDirection::Ltr,
        };
        LayoutOptions {
            direction,
            shaping,
            order,
        }
    }
}

/// The width to lay out at when none is given: the terminal's, else
/// `$COLUMNS` if it is a width `--width` would take, else 80.
pub fn default_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((columns, _)) = crossterm::terminal::size()
        && columns > 0
    {
        return usize::from(columns);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| (1..=MAX_WIDTH).contains(c))
        .unwrap_or(80)
}

/// Load the article a command names: a path, `-` for stdin, or with no path
/// stdin when piped and the first sample otherwise.
pub fn load_article(path: Option<&PathBuf>) -> Result<Article> {
    let from_stdin = match path {
        Some(p) => p.as_os_str() == "-",
        None => !std::io::stdin().is_terminal(),
    };
    let (decoded, source) = match path {
        _ if from_stdin => (article::read_stdin()?, Source::Stdin),
        Some(p) => (article::read_file(p)?, Source::Path(p.clone())),
        None => {
            let (name, text) = samples::SAMPLES[0];
            let format = article::Format::of_path(std::path::Path::new(name));
            return Ok(Article::from_text(
                text.to_string(),
                Source::Sample(name),
                format,
            ));
        }
    };
    if decoded.lossy {
        crate::safe::eprint(&format!(
            "warning: {} is not valid UTF-8; the invalid bytes are shown as \u{FFFD}",
            source.describe()
        ));
    }
    let format = match &source {
        Source::Path(path) => article::Format::of_path(path),
        _ => article::Format::Plain,
    };
    Ok(Article::from_text(decoded.text, source, format))
}

pub fn run_render(args: &RenderArgs) -> Result<()> {
    let article = load_article(args.path.as_ref())?;
    let width = args.width.unwrap_or_else(default_width);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = render::write_article(&article, width, &args.layout_options(), &mut out)
        .and_then(|()| std::io::Write::flush(&mut out));
    match written {
        Ok(()) => Ok(()),
        // `barg render | head` closes the pipe early: not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::new(format!("cannot write the output: {e}"))),
    }
}

/// `barg [PATH]...`: the reader screen on the library, on one article, or
/// on standard input like a pager. Printed like `barg render` when standard
/// output is not a terminal.
pub fn run_reader(cli: &Cli) -> Result<()> {
    use crate::config::{self, Config};
    use crate::store::{self, Store};
    use crate::term::{self, Bidi};
    use crate::ui::{self, App, Setup, keymap::Keymap, theme::Theme};

    let (config, _) = Config::load()?;
    let piped = cli.paths.is_empty() && !std::io::stdin().is_terminal();
    if !std::io::stdout().is_terminal() {
        // Not a screen to draw on: print what would be read.
        let path = cli
            .paths
            .first()
            .cloned()
            .or(piped.then(|| PathBuf::from("-")));
        return run_render(&RenderArgs {
            width: None,
            direction: DirectionArg::Auto,
            shaping: None,
            bidi: BidiArg::App,
            path,
        });
    }
    let keymap = Keymap::load(&config.keymap, config.keymap_file.as_deref())?;
    let mode = cli.bidi.map_or(config.bidi, |b| match b {
        ReaderBidiArg::Auto => config::BidiMode::Auto,
        ReaderBidiArg::App => config::BidiMode::App,
        ReaderBidiArg::Terminal => config::BidiMode::Terminal,
    });
    let bidi = Bidi::choose(mode, term::env_var);
    let layout = match bidi.order() {
        Order::Visual => LayoutOptions::default(),
        Order::Logical => LayoutOptions {
            direction: BaseDirection::Auto,
            shaping: false,
            order: Order::Logical,
        },
    };

    let mut messages = Vec::new();
    // The reader cannot say a word while it waits for another barg's
    // write: it waits a little, then says why the change is not saved.
    let patience = store::Patience::up_to(std::time::Duration::from_secs(2));
    let store = match store::data_dir(cli.data_dir.as_deref())
        .and_then(|dir| Store::open_with(dir, patience))
    {
        Ok(store) => Some(store),
        Err(e) => {
            messages.push(format!("bookmarks are off: {e}"));
            None
        }
    };
    let (articles, open) = if piped {
        let article = load_article(Some(&PathBuf::from("-")))?;
        (vec![article], Some(0))
    } else if !cli.paths.is_empty() {
        let (articles, problems) = article::library::load_all(&cli.paths);
        if articles.is_empty() {
            return Err(Error::new(if problems.is_empty() {
                "no articles there: barg reads .txt and .md files".to_string()
            } else {
                problems.join("; ")
            }));
        }
        messages.extend(problems);
        let single = cli.paths.len() == 1 && cli.paths[0].is_file();
        (articles, single.then_some(0))
    } else {
        let mut articles = article::library::samples();
        let mut folders = config.library.clone();
        if let Some(store) = &store {
            let own = store.dir().join("library");
            if own.is_dir() {
                folders.insert(0, own);
            }
        }
        let (more, problems) = article::library::load_all(&folders);
        articles.extend(more);
        messages.extend(problems);
        (articles, None)
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut app = App::new(Setup {
        articles,
        open,
        keymap,
        theme: Theme::choose(config.theme == config::Theme::Light, no_color),
        layout,
        measure: usize::from(config.measure),
        store,
        messages,
    });
    let mut terminal =
        term::setup(bidi).map_err(|e| Error::new(format!("cannot use the terminal: {e}")))?;
    let ended = ui::run(&mut app, &mut terminal);
    term::restore();
    if let Some(why) = app.unsaved() {
        crate::safe::eprint(why);
    }
    match ended {
        Ok(ui::Ending::Quit) => Ok(()),
        // The position is saved and the terminal given back: end as a
        // program ended by that signal is expected to (128 + its number).
        Ok(ui::Ending::Signal(signal)) => std::process::exit(128 + signal),
        Err(e) => Err(Error::new(format!("the terminal failed: {e}"))),
    }
}
