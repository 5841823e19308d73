//! Refreshing feeds: fetch them (bounded parallel, conditional requests, a
//! timeout), save their new items as articles (the linked page fetched for
//! an item that carries only a summary), then merge under the lock, keeping
//! at most `Options::keep` items per feed but never one a bookmark or a
//! reading position needs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::file::{self, FeedRecord, ItemRecord};
use super::{Subscriptions, item, item_path, name_of};
use crate::article::Source;
use crate::error::{Error, Result};
use crate::feed::{self, Feed, Item};
use crate::net::{self, Fetch, Fetched, Status};
use crate::safe;
use crate::store::{self, Patience, Store};

/// Items kept per feed unless told otherwise.
pub const DEFAULT_KEEP: usize = 200;

/// How to refresh.
#[derive(Clone, Debug)]
pub struct Options {
    /// For each feed and each page fetched (see `net::Fetch::timeout`).
    pub timeout: Duration,
    /// The most items kept per feed: the oldest beyond it are dropped, but
    /// never one with a bookmark or a reading position past its start.
    pub keep: usize,
    /// Fetches at once.
    pub parallel: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            timeout: Fetch::feed().timeout,
            keep: DEFAULT_KEEP,
            parallel: 8,
        }
    }
}

impl Options {
    fn feed_fetch(&self, etag: Option<String>, last_modified: Option<String>) -> Fetch {
        Fetch {
            timeout: self.timeout,
            connect_timeout: self.timeout.min(Fetch::feed().connect_timeout),
            etag,
            last_modified,
            ..Fetch::feed()
        }
    }

    fn page_fetch(&self) -> Fetch {
        Fetch {
            timeout: self.timeout,
            connect_timeout: self.timeout.min(Fetch::page().connect_timeout),
            ..Fetch::page()
        }
    }
}

/// How far a refresh has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Feeds fetched so far, of all.
    Feeds { done: usize, total: usize },
    /// New items saved so far (pages fetched for some), of all.
    Items { done: usize, total: usize },
}

/// What a refresh did, feed by feed.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub feeds: Vec<FeedReport>,
}

impl Report {
    /// Feeds that could not be fetched or read.
    pub fn failed(&self) -> usize {
        self.feeds.iter().filter(|f| f.error.is_some()).count()
    }

    /// New items, all feeds together.
    pub fn new_items(&self) -> usize {
        self.feeds.iter().map(|f| f.new_items).sum()
    }
}

#[derive(Clone, Debug, Default)]
pub struct FeedReport {
    pub id: u64,
    /// Its title, else its URL, as the feed wrote it.
    pub name: String,
    pub url: String,
    pub new_items: usize,
    /// 304: nothing changed since the last refresh.
    pub not_modified: bool,
    /// Items dropped because an earlier item of the feed had the same id.
    pub duplicates: usize,
    /// Items dropped by the retention limit.
    pub dropped: usize,
    /// Why the feed failed, one line; its items are all still there.
    pub error: Option<String>,
    /// Items saved with their summary because their page failed, and other
    /// things worth a line.
    pub warnings: Vec<String>,
}

/// Refresh the feeds of the data directory `dir` (only the one `only`
/// names, an id or a URL, when given). Runs on any thread; `progress` is
/// called from the worker threads as feeds and items finish. A feed that
/// fails is in the report; the error is for what stops the whole refresh
/// (the subscriptions cannot be read or written).
pub fn refresh(
    dir: &Path,
    only: Option<&str>,
    options: &Options,
    progress: impl Fn(Progress) + Send + Sync,
) -> Result<Report> {
    let subscriptions = Subscriptions::open(dir)?;
    let feeds: Vec<&FeedRecord> = match only {
        Some(key) => vec![subscriptions.find(key)?],
        None => subscriptions.file.feeds.iter().collect(),
    };
    let targets = feeds.into_iter().map(|f| Target::of(f, None)).collect();
    run(dir, targets, options, &progress)
}

/// Refresh one feed whose answer is already in hand (just added).
pub(super) fn refresh_prefetched(
    dir: &Path,
    id: u64,
    fetched: Fetched,
    options: &Options,
) -> Result<Report> {
    let subscriptions = Subscriptions::open(dir)?;
    let Some(feed) = subscriptions.file.feeds.iter().find(|f| f.id == id) else {
        return Ok(Report::default());
    };
    run(dir, vec![Target::of(feed, Some(fetched))], options, &|_| {})
}

struct Target {
    id: u64,
    name: String,
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    known: HashSet<String>,
    prefetched: Option<Fetched>,
}

impl Target {
    fn of(feed: &FeedRecord, prefetched: Option<Fetched>) -> Target {
        Target {
            id: feed.id,
            name: name_of(feed),
            url: feed.url.clone(),
            etag: feed.etag.clone(),
            last_modified: feed.last_modified.clone(),
            known: feed.items.iter().map(|i| i.id.clone()).collect(),
            prefetched,
        }
    }
}

enum Outcome {
    Failed(String),
    NotModified,
    Fresh {
        feed: Box<Feed>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// A new item to save.
struct Job {
    target: usize,
    item: Item,
    path: PathBuf,
}

fn run(
    dir: &Path,
    mut targets: Vec<Target>,
    options: &Options,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<Report> {
    let total = targets.len();
    let done = AtomicUsize::new(0);
    let prefetched: Vec<Option<Fetched>> =
        targets.iter_mut().map(|t| t.prefetched.take()).collect();
    let slots: Vec<Mutex<Option<Fetched>>> = prefetched.into_iter().map(Mutex::new).collect();
    let outcomes = pool(&targets, options.parallel, |at, target| {
        let fetched = slots[at].lock().ok().and_then(|mut slot| slot.take());
        let outcome = fetch_feed(target, fetched, options);
        let done = done.fetch_add(1, Ordering::SeqCst) + 1;
        progress(Progress::Feeds { done, total });
        outcome
    });
    // The newest `keep` items of each feed that are not kept yet.
    let mut jobs = Vec::new();
    for (at, (target, outcome)) in targets.iter().zip(&outcomes).enumerate() {
        if let Outcome::Fresh { feed, .. } = outcome {
            for item in newest(&feed.items, options.keep) {
                let path = item_path(dir, target.id, &item::file_name(&item.id));
                // A kept item is not fetched again, unless its file was lost.
                if !target.known.contains(&item.id) || !item::is_saved(&path) {
                    jobs.push(Job {
                        target: at,
                        item: item.clone(),
                        path,
                    });
                }
            }
        }
    }
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    let page = options.page_fetch();
    let saved = pool(&jobs, options.parallel, |_, job| {
        let result = item::save(&job.item, &job.path, &page);
        let done = done.fetch_add(1, Ordering::SeqCst) + 1;
        progress(Progress::Items { done, total });
        result
    });
    merge(dir, &targets, outcomes, &jobs, saved, options)
}

/// The newest `keep` items, by date (newest first; undated ones count as
/// new), the feed's order breaking ties.
fn newest(items: &[Item], keep: usize) -> Vec<&Item> {
    let mut sorted: Vec<&Item> = items.iter().collect();
    sorted.sort_by(|a, b| match (&a.published, &b.published) {
        (Some(a), Some(b)) => b.cmp(a),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    sorted.truncate(keep.max(1));
    sorted
}

fn fetch_feed(target: &Target, fetched: Option<Fetched>, options: &Options) -> Outcome {
    let fetched = match fetched {
        Some(fetched) => fetched,
        None => {
            let opts = options.feed_fetch(target.etag.clone(), target.last_modified.clone());
            match net::fetch(&target.url, &opts) {
                Ok(fetched) => fetched,
                Err(e) => return Outcome::Failed(reason(&e.to_string(), &target.url)),
            }
        }
    };
    let body = match fetched.status {
        Status::NotModified => return Outcome::NotModified,
        Status::Fresh(body) => body,
    };
    match feed::parse(&body.bytes, Some(&fetched.final_url)) {
        Ok(feed) => Outcome::Fresh {
            feed: Box::new(feed),
            etag: body.etag,
            last_modified: body.last_modified,
        },
        Err(e) => Outcome::Failed(reason(&e.to_string(), &fetched.final_url)),
    }
}

/// A fetch or parse error without the URL it starts with: the line that
/// reports it names the feed and its URL already. It is kept in
/// `feeds.json` and shown later as it is: without the isolates that mark
/// names in a message (see `error::ltr`).
fn reason(message: &str, url: &str) -> String {
    let shown = crate::error::ltr(url);
    let fetch = crate::i18n::process().f("error.fetch.failed", &[("url", &shown), ("why", &"")]);
    message
        .strip_prefix(fetch.as_str())
        .or_else(|| message.strip_prefix(&format!("{shown}: ")))
        .unwrap_or(message)
        .chars()
        .filter(|&c| !safe::is_isolate(c))
        .collect()
}

/// Apply the outcomes to `feeds.json` as it is on disk now.
fn merge(
    dir: &Path,
    targets: &[Target],
    outcomes: Vec<Outcome>,
    jobs: &[Job],
    saved: Vec<Result<Option<String>>>,
    options: &Options,
) -> Result<Report> {
    let mut reports: Vec<FeedReport> = targets
        .iter()
        .map(|t| FeedReport {
            id: t.id,
            name: t.name.clone(),
            url: t.url.clone(),
            ..FeedReport::default()
        })
        .collect();
    let mut new_items: Vec<Vec<ItemRecord>> = targets.iter().map(|_| Vec::new()).collect();
    let now = file::now();
    for (job, result) in jobs.iter().zip(saved) {
        match result {
            Ok(warning) => {
                if let Some(warning) = warning {
                    reports[job.target].warnings.push(format!(
                        "{} kept with its summary: {warning}",
                        safe::visible(&item::title_of(&job.item))
                    ));
                }
                new_items[job.target].push(ItemRecord {
                    id: job.item.id.clone(),
                    title: item::title_of(&job.item),
                    link: job.item.link.clone(),
                    published: job.item.published.clone(),
                    fetched: now.clone(),
                    read: false,
                    file: item::file_name(&job.item.id),
                    unknown: store::Unknown::new(),
                });
            }
            Err(e) => reports[job.target].warnings.push(e.to_string()),
        }
    }
    let protected = match protected(dir) {
        Ok(set) => Some(set),
        Err(e) => {
            if let Some(first) = reports.first_mut() {
                first.warnings.push(format!(
                    "no item is dropped this time: the bookmarks cannot be read ({e})"
                ));
            }
            None
        }
    };
    let mut subscriptions = Subscriptions::open(dir)?;
    let mut doomed: Vec<PathBuf> = Vec::new();
    subscriptions.update(|file| {
        for (at, outcome) in outcomes.into_iter().enumerate() {
            let Some(feed) = file.feeds.iter_mut().find(|f| f.id == targets[at].id) else {
                continue; // removed meanwhile
            };
            let report = &mut reports[at];
            feed.refreshed = Some(now.clone());
            match outcome {
                Outcome::Failed(why) => {
                    feed.error = Some(why.clone());
                    report.error = Some(why);
                }
                Outcome::NotModified => {
                    feed.error = None;
                    report.not_modified = true;
                }
                Outcome::Fresh {
                    feed: fetched,
                    etag,
                    last_modified,
                } => {
                    feed.error = None;
                    feed.etag = etag;
                    feed.last_modified = last_modified;
                    if fetched.title.is_some() {
                        feed.title = fetched.title.clone();
                    }
                    if fetched.site_link.is_some() {
                        feed.site = fetched.site_link.clone();
                    }
                    report.name = name_of(feed);
                    report.duplicates = fetched.duplicates;
                    let known: HashSet<String> = feed.items.iter().map(|i| i.id.clone()).collect();
                    for record in std::mem::take(&mut new_items[at]) {
                        if !known.contains(&record.id) {
                            report.new_items += 1;
                            feed.items.push(record);
                        }
                    }
                    if let Some(protected) = &protected {
                        let dropped = retain(dir, feed, options.keep, protected);
                        report.dropped = dropped.len();
                        doomed.extend(dropped);
                    }
                }
            }
        }
        Ok(())
    })?;
    for path in doomed {
        let _ = std::fs::remove_file(path);
    }
    Ok(Report { feeds: reports })
}

/// Drop the oldest items past `keep`, except protected ones; the files of
/// those dropped.
fn retain(
    dir: &Path,
    feed: &mut FeedRecord,
    keep: usize,
    protected: &HashSet<PathBuf>,
) -> Vec<PathBuf> {
    if feed.items.len() <= keep {
        return Vec::new();
    }
    feed.items.sort_by(|a, b| b.date().cmp(a.date()));
    let mut dropped = Vec::new();
    let mut index = 0;
    feed.items.retain(|item| {
        index += 1;
        let path = item_path(dir, feed.id, &item.file);
        if index <= keep || is_protected(protected, &path) {
            true
        } else {
            dropped.push(path);
            false
        }
    });
    dropped
}

/// The files bookmarks and reading positions (past the start) point to.
pub(super) fn protected(dir: &Path) -> Result<HashSet<PathBuf>> {
    let store = Store::open_with(dir, Patience::default())?;
    if let Some(why) = store.read_only() {
        return Err(Error::new(why.to_string()));
    }
    let mut set = HashSet::new();
    for bookmark in store.bookmarks() {
        if let Source::File(path) = &bookmark.article.source.source {
            set.insert(path.clone());
        }
    }
    for position in store.positions() {
        if let Source::File(path) = &position.source.source
            && position.offset > 0
        {
            set.insert(path.clone());
        }
    }
    Ok(set)
}

pub(super) fn is_protected(protected: &HashSet<PathBuf>, path: &Path) -> bool {
    protected.contains(path)
        || std::fs::canonicalize(path).is_ok_and(|canonical| protected.contains(&canonical))
}

/// A URL given to `feed add`, made the feed it means.
pub(super) struct Found {
    /// As given, normalized.
    pub asked: String,
    /// The feed's URL: as given, or found on the page given.
    pub url: String,
    pub feed: Feed,
    pub fetched: Fetched,
    pub notices: Vec<String>,
}

/// Fetch `url`; a web page is searched for its feed links and the first
/// one taken. Nothing is saved.
pub(super) fn find_feed(url: &str, options: &Options) -> Result<Found> {
    let asked = net::url::normalize(url)?;
    let opts = options.feed_fetch(None, None);
    let fetched = net::fetch(&asked, &opts)?;
    let body = fresh(&fetched, &asked)?;
    if feed::looks_like_feed(&body.bytes, body.content_type.as_deref()) {
        let feed = feed::parse(&body.bytes, Some(&fetched.final_url))?;
        return Ok(Found {
            url: asked.clone(),
            asked,
            feed,
            fetched,
            notices: Vec::new(),
        });
    }
    let page = String::from_utf8_lossy(&body.bytes);
    let links = feed::discover(&page, &fetched.final_url);
    let Some(first) = links.first() else {
        return Err(Error::new(format!(
            "{} is a web page that links to no feed; give the address of its RSS or Atom feed",
            safe::visible(&asked)
        )));
    };
    let mut notices = vec![format!(
        "{} is a web page; barg subscribes to the feed it links to, {}",
        safe::visible(&asked),
        safe::visible(first)
    )];
    if links.len() > 1 {
        notices.push(format!(
            "the page links to {} feeds; the others are: {}",
            links.len(),
            links[1..]
                .iter()
                .map(|l| safe::visible(l).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let url = net::url::normalize(first)?;
    let fetched = net::fetch(&url, &opts)?;
    let body = fresh(&fetched, &url)?;
    let feed = feed::parse(&body.bytes, Some(&fetched.final_url))?;
    Ok(Found {
        asked,
        url,
        feed,
        fetched,
        notices,
    })
}

fn fresh<'a>(fetched: &'a Fetched, url: &str) -> Result<&'a net::Body> {
    match &fetched.status {
        Status::Fresh(body) => Ok(body),
        Status::NotModified => Err(Error::new(format!(
            "{} answered 304 Not Modified to a request with no validators",
            safe::visible(url)
        ))),
    }
}

/// `f` on every job, at most `parallel` at once; results in the jobs' order.
fn pool<T: Sync, R: Send>(
    jobs: &[T],
    parallel: usize,
    f: impl Fn(usize, &T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let workers = parallel.clamp(1, jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let at = next.fetch_add(1, Ordering::SeqCst);
                    let Some(job) = jobs.get(at) else { break };
                    let result = f(at, job);
                    if let Ok(mut slot) = slots[at].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .filter_map(|slot| slot.into_inner().ok().flatten())
        .collect()
}
