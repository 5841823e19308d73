//! Feeds in the reader: an item opened is marked read in `feeds.json`; `R`
//! refreshes every feed on a background thread while the person keeps
//! reading, and the new items join the library without moving the
//! selection (see `Library::extend`).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::{App, Entry};
use crate::article::Article;
use crate::error::Result;
use crate::i18n::Lang;
use crate::safe;
use crate::subscriptions::{self, Progress, Report, Subscriptions};

/// The reader's side of the subscriptions.
#[derive(Debug)]
pub struct Feeds {
    subscriptions: Subscriptions,
    refreshing: Option<Refreshing>,
}

#[derive(Debug)]
struct Refreshing {
    answer: Receiver<Message>,
}

/// What the refreshing thread sends.
#[derive(Debug)]
enum Message {
    Progress(Progress),
    /// The refresh is over: what it did, and the new items read.
    Done(Result<(Report, Vec<(Article, Entry)>)>),
}

impl Feeds {
    pub fn new(subscriptions: Subscriptions) -> Feeds {
        Feeds {
            subscriptions,
            refreshing: None,
        }
    }
}

/// Every item of `subscriptions` not saved at a path in `known`, with its
/// library entry (see `subscriptions::load_items`).
pub fn load_items(
    subscriptions: &Subscriptions,
    known: &HashSet<PathBuf>,
) -> (Vec<(Article, Entry)>, Vec<String>) {
    let (items, problems) = subscriptions::load_items(subscriptions, known);
    let items = items.into_iter().map(entry_of).collect();
    (items, problems)
}

/// A feed item as the library keeps it.
pub fn entry_of(item: subscriptions::LoadedItem) -> (Article, Entry) {
    let entry = Entry {
        feed: Some(safe::strip(&item.feed).into_owned()),
        unread: !item.read,
        published: item.published,
    };
    (item.article, entry)
}

impl App {
    /// Give the app the subscriptions, for marking items read and `R`.
    pub fn set_feeds(&mut self, subscriptions: Subscriptions) {
        self.feeds = Some(Feeds::new(subscriptions));
    }

    /// Article `index` was opened: a feed item is read from now on.
    pub(super) fn opened(&mut self, index: usize) {
        if !self.library.mark_read(index) {
            return;
        }
        let Some(feeds) = &mut self.feeds else {
            return;
        };
        let Some(path) = self.library.articles()[index].source.path() else {
            return;
        };
        if let Err(e) = feeds.subscriptions.mark_read(path) {
            self.message = Some(self.lang.f("ui.feeds.not_marked", &[("error", &e)]));
        }
    }

    /// `R`: refresh every feed in the background.
    pub(super) fn refresh_feeds(&mut self) {
        let Some(feeds) = &mut self.feeds else {
            self.message = Some(self.lang.t("ui.feeds.none").to_string());
            return;
        };
        if feeds.refreshing.is_some() {
            self.message = Some(self.lang.t("ui.feeds.busy").to_string());
            return;
        }
        if feeds.subscriptions.feeds().is_empty() {
            self.message = Some(self.lang.t("ui.feeds.none").to_string());
            return;
        }
        let known: HashSet<PathBuf> = self
            .library
            .articles()
            .iter()
            .filter_map(|a| a.source.path().map(PathBuf::from))
            .collect();
        let dir = feeds.subscriptions.dir().to_path_buf();
        let (send, answer) = mpsc::channel();
        std::thread::spawn(move || {
            let progress = send.clone();
            let report = subscriptions::refresh(
                &dir,
                None,
                &subscriptions::Options::default(),
                move |step| {
                    let _ = progress.send(Message::Progress(step));
                },
            );
            let done = report.and_then(|report| {
                let subscriptions = Subscriptions::open(&dir)?;
                let (items, _) = load_items(&subscriptions, &known);
                Ok((report, items))
            });
            // The reader may have quit meanwhile: nobody is listening then.
            let _ = send.send(Message::Done(done));
        });
        feeds.refreshing = Some(Refreshing { answer });
        self.message = Some(self.lang.t("ui.feeds.start").to_string());
    }

    /// Take what the refreshing thread has sent: whether the screen changed.
    pub fn poll_refresh(&mut self) -> bool {
        let Some(feeds) = &mut self.feeds else {
            return false;
        };
        let Some(refreshing) = &feeds.refreshing else {
            return false;
        };
        let mut changed = false;
        let lang = self.lang;
        let digits = |n: usize| lang.digits(&n.to_string()).into_owned();
        loop {
            match refreshing.answer.try_recv() {
                Ok(Message::Progress(Progress::Feeds { done, total })) => {
                    let (done, total) = (digits(done), digits(total));
                    let args: [(&str, &dyn std::fmt::Display); 2] =
                        [("done", &done), ("total", &total)];
                    self.message = Some(lang.f("ui.feeds.progress", &args));
                    changed = true;
                }
                Ok(Message::Progress(Progress::Items { done, total })) => {
                    let (done, total) = (digits(done), digits(total));
                    let args: [(&str, &dyn std::fmt::Display); 2] =
                        [("done", &done), ("total", &total)];
                    self.message = Some(lang.f("ui.feeds.saving", &args));
                    changed = true;
                }
                Ok(Message::Done(done)) => {
                    feeds.refreshing = None;
                    let _ = feeds.subscriptions.reload();
                    self.message = Some(match done {
                        Ok((report, items)) => {
                            let told = describe(&report, lang);
                            self.library.extend(items);
                            told
                        }
                        Err(e) => lang.f("ui.feeds.failed", &[("error", &e)]),
                    });
                    self.prepare();
                    return true;
                }
                Err(TryRecvError::Empty) => return changed,
                Err(TryRecvError::Disconnected) => {
                    feeds.refreshing = None;
                    self.message = Some(lang.t("ui.feeds.stopped").to_string());
                    return true;
                }
            }
        }
    }

    /// Whether a refresh is running.
    pub fn refreshing(&self) -> bool {
        self.feeds.as_ref().is_some_and(|f| f.refreshing.is_some())
    }

    /// Wait up to `timeout` for a refresh to end (for tests, which must not
    /// sleep for a fixed time); whether it ended in time.
    pub fn wait_for_refresh(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.refreshing() {
            self.poll_refresh();
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        true
    }
}

/// A refresh in one line: new items, and the feeds that failed.
fn describe(report: &Report, lang: Lang) -> String {
    let new = report.new_items();
    let mut told = match new {
        0 => lang.t("ui.feeds.new_none").to_string(),
        1 => lang.t("ui.feeds.new_one").to_string(),
        n => lang.f(
            "ui.feeds.new_many",
            &[("count", &lang.digits(&n.to_string()))],
        ),
    };
    let failed: Vec<String> = report
        .feeds
        .iter()
        .filter_map(|feed| {
            let error = feed.error.as_deref()?;
            Some(format!(
                "{}: {}",
                safe::visible(&feed.name),
                safe::visible(error)
            ))
        })
        .collect();
    if !failed.is_empty() {
        let count = lang.digits(&failed.len().to_string()).into_owned();
        let list = failed.join("; ");
        told.push_str(&lang.f("ui.feeds.failures", &[("count", &count), ("list", &list)]));
    }
    told
}
