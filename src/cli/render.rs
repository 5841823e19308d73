//! `barg render`: an article laid out for this terminal, printed.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::article::{self, Article, Source};
use crate::error::{Error, Result};
use crate::layout::{BaseDirection, Digits, Justify, LayoutOptions, Order};
use crate::{render, safe};

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

    /// Digits of right-to-left paragraphs: as written (keep), ۰–۹ (persian)
    /// or 0–9 (latin); never in URLs, e-mail addresses, code or left-to-right
    /// runs [default: the config's digits, else keep]
    #[arg(long, value_enum, value_name = "keep|persian|latin")]
    pub digits: Option<DigitsArg>,
    /// Widen every line but a paragraph's last to the width: with spaces,
    /// or with kashida (tatweel in joined letters, then spaces) [default:
    /// the config's justify, else none]
    #[arg(long, value_enum, value_name = "none|spaces|kashida")]
    pub justify: Option<JustifyArg>,

    /// The article to print: a file, an http or https URL (fetched), or -
    /// for standard input [default: standard input when it is piped, else
    /// the first sample article]
    #[arg(value_name = "PATH|URL|-")]
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
pub enum DigitsArg {
    Keep,
    Persian,
    Latin,
}

impl From<DigitsArg> for Digits {
    fn from(digits: DigitsArg) -> Digits {
        match digits {
            DigitsArg::Keep => Digits::Keep,
            DigitsArg::Persian => Digits::Persian,
            DigitsArg::Latin => Digits::Latin,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum JustifyArg {
    None,
    Spaces,
    Kashida,
}

impl From<JustifyArg> for Justify {
    fn from(arg: JustifyArg) -> Justify {
        match arg {
            JustifyArg::None => Justify::None,
            JustifyArg::Spaces => Justify::Spaces,
            JustifyArg::Kashida => Justify::Kashida,
        }
    }
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
    /// The layout these arguments ask for; `config` gives the digits and
    /// the justification when `--digits` or `--justify` is not given.
    pub fn layout_options(&self, config: (Digits, Justify)) -> LayoutOptions {
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
            digits: self.digits.map_or(config.0, Digits::from),
            justify: self.justify.map_or(config.1, Justify::from),
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

/// Load the article a command names: a path, a URL (fetched), `-` for
/// stdin, or with no path stdin when piped and the first sample otherwise.
/// Warnings go to stderr.
pub fn load_article(path: Option<&PathBuf>) -> Result<Article> {
    if let Some(url) = path.and_then(|p| super::library::url_arg(p)) {
        let opened = super::library::fetch(url)?;
        for warning in &opened.warnings {
            warn(warning);
        }
        return Ok(opened.article);
    }
    let opened = article::open(&local_source(path))?;
    for warning in &opened.warnings {
        warn(warning);
    }
    Ok(opened.article)
}

/// The source `path` names when it is not a URL.
fn local_source(path: Option<&PathBuf>) -> Source {
    match path {
        Some(p) if p.as_os_str() == "-" => Source::Stdin,
        Some(p) => Source::File(p.clone()),
        None if !std::io::stdin().is_terminal() => Source::Stdin,
        None => Source::Sample(article::samples::SAMPLES[0].0.to_string()),
    }
}

fn warn(warning: &str) {
    safe::eprint(&crate::i18n::process().f("cli.warning", &[("warning", &warning)]));
}

/// What `barg render` lays out: plain text as it is read, or an article.
enum Input<'a> {
    Stream(article::TextStream, &'a Source),
    Article(Article),
}

pub fn run_render(args: &RenderArgs) -> Result<()> {
    // The config is read only when it has something to say: a config
    // that does not read is no error for `--digits persian --justify none`.
    let configured = match (args.digits, args.justify) {
        (Some(_), Some(_)) => (Digits::Keep, Justify::None),
        _ => {
            let config = crate::config::Config::load()?.0;
            (config.digits, config.justify)
        }
    };
    // Plain text from a file or stdin is laid out as it is read; anything
    // else is read whole, as an article.
    let path = args.path.as_ref();
    let source = match path {
        Some(p) if super::library::url_arg(p).is_some() => None,
        _ => Some(local_source(path)),
    };
    let input = match &source {
        Some(source) => article::open_stream(source)?.map(|stream| (stream, source)),
        None => None,
    };
    let input = match input {
        Some((stream, source)) => Input::Stream(stream, source),
        None => Input::Article(load_article(path)?),
    };
    let width = args.width.unwrap_or_else(default_width);
    let options = args.layout_options(configured);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = match input {
        Input::Stream(mut stream, source) => {
            let lossy = || warn(&article::lossy_warning(source));
            match render::write_stream(&mut stream, width, &options, &mut out, lossy) {
                Err(render::StreamError::Read(e)) => return Err(e),
                Err(render::StreamError::Write(e)) => Err(e),
                Ok(()) => Ok(()),
            }
        }
        Input::Article(article) => render::write_article(&article, width, &options, &mut out),
    }
    .and_then(|()| std::io::Write::flush(&mut out));
    match written {
        Ok(()) => Ok(()),
        // `barg render | head` closes the pipe early: not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::new(format!("cannot write the output: {e}"))),
    }
}
