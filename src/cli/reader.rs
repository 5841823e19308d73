//! `barg [PATH]...`: the reader on the library, on one article, or on
//! standard input like a pager.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::render::{BidiArg, DirectionArg, RenderArgs, load_article, run_render};
use super::{Cli, ReaderBidiArg, library};
use crate::error::{Error, Result};
use crate::layout::{BaseDirection, LayoutOptions, Order};

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
            // The config's, read again by `run_render`.
            digits: None,
            justify: None,
            path,
        });
    }
    let keymap = Keymap::load(config.keymap, config.keymap_file.as_deref())?;
    let mode = cli.bidi.map_or(config.bidi, |b| match b {
        ReaderBidiArg::Auto => config::BidiMode::Auto,
        ReaderBidiArg::App => config::BidiMode::App,
        ReaderBidiArg::Terminal => config::BidiMode::Terminal,
    });
    let bidi = Bidi::choose(mode, term::env_var);
    let layout = match bidi.order() {
        Order::Visual => LayoutOptions {
            digits: config.digits,
            justify: config.justify,
            ..LayoutOptions::default()
        },
        Order::Logical => LayoutOptions {
            direction: BaseDirection::Auto,
            shaping: false,
            order: Order::Logical,
            digits: config.digits,
            justify: config.justify,
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
    let (gathered, open) = if piped {
        let article = load_article(Some(&PathBuf::from("-")))?;
        (vec![crate::article::library::Entry::new(article)], Some(0))
    } else if let [one] = cli.paths.as_slice()
        && super::library::url_arg(one).is_some()
    {
        // One page: fetched, and an error if it cannot be.
        (
            vec![crate::article::library::Entry::new(load_article(Some(
                one,
            ))?)],
            Some(0),
        )
    } else {
        let dir = store.as_ref().map(|s| s.dir());
        let (entries, problems) = library::gather(&cli.paths, &config.library, dir);
        if entries.is_empty() && !cli.paths.is_empty() {
            return Err(Error::new(if problems.is_empty() {
                "no articles there: barg reads .txt, .text, .md, .markdown, .html, .htm and .barg files".to_string()
            } else {
                problems.join("; ")
            }));
        }
        messages.extend(problems);
        let single = cli.paths.len() == 1 && cli.paths[0].is_file();
        (entries, single.then_some(0))
    };
    // A feed item is unread until opened; the reader marks no other article.
    let (articles, entries): (Vec<_>, Vec<_>) = gathered
        .into_iter()
        .map(|e| {
            let entry = ui::Entry {
                unread: e.feed.is_some() && e.unread,
                feed: e.feed,
                published: e.published,
            };
            (e.article, entry)
        })
        .unzip();
    let app_dir = store.as_ref().map(|s| s.dir().to_path_buf());
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    // The first screen comes before the passes over the whole article
    // (`ui::run` settles it right after).
    let mut app = App::new_unsettled(Setup {
        articles,
        entries,
        open,
        keymap,
        theme: Theme::choose(config.theme == config::Theme::Light, no_color),
        layout,
        measure: usize::from(config.measure),
        store,
        messages,
    })
    // The interface's language: `--lang`, the config's, else the locale's.
    .with_lang(crate::i18n::process());
    // The feeds followed, for marking items read and `R`.
    if let Some(dir) = app_dir.as_deref()
        && let Ok(subscriptions) = crate::subscriptions::Subscriptions::open(dir)
    {
        app.set_feeds(subscriptions);
    }
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
