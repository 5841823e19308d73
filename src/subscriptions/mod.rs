//! Subscriptions: the feeds a person follows, their items saved as articles
//! to read offline, and refreshing them.
//!
//! On disk, in the data directory:
//! - `feeds.json`: the feeds (a small numeric id each, the normalized URL,
//!   title, site, when added and last refreshed, the last error, the ETag
//!   and Last-Modified for conditional requests) and their items (id,
//!   title, link, published, fetched, read or unread, the file it is saved
//!   in). Written as the bookmark store is: under the data directory's lock,
//!   re-read before each change, through a temporary file renamed over it;
//!   a file that does not parse is moved aside, one from a newer barg is
//!   read-only; unknown fields are kept.
//! - `feeds/<feed id>/<hash of the item id>.barg`: each item as a saved
//!   article (`article::saved`). The reader and the bookmarks know an item
//!   as `Source::File` of that path.
//!
//! A refresh never loses what is saved: a feed that fails or shrinks keeps
//! its items, and the retention limit (`Options::keep`) never drops an item
//! with a bookmark or with a reading position past its start.
//!
//! For the reader: [`Subscriptions::open`], [`Subscriptions::feeds`] (in
//! display order), [`Subscriptions::mark_read`], and [`refresh`], which can
//! run on a background thread and reports progress through a callback.
//! Nothing here writes to a terminal; titles and errors are kept as the
//! feed gave them and pass through `crate::safe` where they are shown.

mod file;
mod item;
mod library;
mod refresh;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::feed::opml::{self, Subscription};
use crate::net;
use crate::safe;
use crate::store::{self, Patience};

pub use file::{
    Contents, FEEDS_FILE, FeedRecord, FeedsFile, ItemRecord, SCHEMA, parse as parse_file,
};
pub use item::SHORT_SUMMARY_WORDS;
pub use library::{LoadedItem, load_items};
pub use refresh::{DEFAULT_KEEP, FeedReport, Options, Progress, Report, refresh};

/// The subscriptions of a data directory, as last read or written.
#[derive(Debug)]
pub struct Subscriptions {
    dir: PathBuf,
    file: FeedsFile,
    read_only: Option<String>,
    notices: Vec<String>,
}

/// A feed as a list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedView {
    pub id: u64,
    /// Its title, else its URL; as the feed wrote it (pass it through
    /// `safe` to show it).
    pub title: String,
    pub url: String,
    pub site: Option<String>,
    pub refreshed: Option<String>,
    pub error: Option<String>,
    pub unread: usize,
    /// Newest first.
    pub items: Vec<ItemView>,
}

/// An item as a list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemView {
    pub title: String,
    /// The saved article: open it with `article::open(&Source::File(path))`.
    pub path: PathBuf,
    pub read: bool,
    pub published: Option<String>,
    pub link: Option<String>,
}

/// What `add` did.
#[derive(Debug)]
pub struct Added {
    pub id: u64,
    pub url: String,
    /// Said to the person: the feed was found on a page, and which.
    pub notices: Vec<String>,
    pub report: Report,
}

/// What `remove` did.
#[derive(Debug)]
pub struct Removed {
    pub id: u64,
    pub title: String,
    pub deleted: usize,
    /// Items kept on disk because a bookmark or reading position needs them.
    pub kept: usize,
}

/// What `import` did.
#[derive(Debug, Default)]
pub struct Imported {
    pub added: usize,
    pub already: usize,
    /// Entries whose address is no http(s) URL, each a line naming it.
    pub refused: Vec<String>,
}

impl Subscriptions {
    /// Read the subscriptions in `dir`. No file is no subscriptions; a file
    /// that does not parse is moved aside (see `take_notices`); one from a
    /// newer barg is read as nothing and never written.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Subscriptions> {
        let mut subscriptions = Subscriptions {
            dir: dir.into(),
            file: FeedsFile::default(),
            read_only: None,
            notices: Vec::new(),
        };
        subscriptions.reload()?;
        Ok(subscriptions)
    }

    /// Read `feeds.json` again (after a refresh on another thread).
    pub fn reload(&mut self) -> Result<()> {
        match file::read(&self.dir)? {
            file::Contents::Missing => self.file = FeedsFile::default(),
            file::Contents::Current(file) => self.file = file,
            file::Contents::Newer(schema) => self.go_read_only(schema),
            file::Contents::Corrupt(_) => {
                let lock = store::lock(&self.dir, &Patience::default())?;
                self.file = self.read_locked(&lock)?;
            }
        }
        Ok(())
    }

    fn go_read_only(&mut self, schema: u64) {
        let why = format!(
            "{} was written by a newer barg (schema version {schema}; this barg knows {SCHEMA}); \
             update barg to change the subscriptions",
            safe::path(&file::path(&self.dir))
        );
        if self.read_only.is_none() {
            self.notices.push(why.clone());
        }
        self.read_only = Some(why);
        self.file = FeedsFile::default();
    }

    /// The file as it is on disk now, the lock held: damage moved aside.
    fn read_locked(&mut self, lock: &store::Lock) -> Result<FeedsFile> {
        match file::read(&self.dir)? {
            file::Contents::Missing => Ok(FeedsFile::default()),
            file::Contents::Current(file) => Ok(file),
            file::Contents::Newer(schema) => {
                self.go_read_only(schema);
                Err(Error::new(self.read_only.clone().unwrap_or_default()))
            }
            file::Contents::Corrupt(why) => {
                let aside = file::set_aside(&self.dir, lock)?;
                self.notices.push(format!(
                    "{} does not parse ({}); barg moved it to {} and starts with no \
                     subscriptions (the saved items are still in {})",
                    safe::path(&file::path(&self.dir)),
                    safe::visible(&why),
                    safe::path(&aside),
                    safe::path(&self.dir.join("feeds"))
                ));
                Ok(FeedsFile::default())
            }
        }
    }

    /// Change the file: lock, read what is on disk now, apply `change`,
    /// write. Nothing is written when `change` fails.
    fn update<T>(&mut self, change: impl FnOnce(&mut FeedsFile) -> Result<T>) -> Result<T> {
        if let Some(why) = &self.read_only {
            return Err(Error::new(why.clone()));
        }
        let lock = store::lock(&self.dir, &Patience::default())?;
        let mut current = self.read_locked(&lock)?;
        let out = change(&mut current)?;
        file::write(&self.dir, &lock, &current)?;
        self.file = current;
        Ok(out)
    }

    /// Messages for the person (a file moved aside) gathered so far.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `feeds.json`'s path.
    pub fn path(&self) -> PathBuf {
        file::path(&self.dir)
    }

    /// The file as read.
    pub fn file(&self) -> &FeedsFile {
        &self.file
    }

    /// Every feed in the order they were added, each with its items newest
    /// first.
    pub fn feeds(&self) -> Vec<FeedView> {
        self.file
            .feeds
            .iter()
            .map(|feed| {
                let mut items: Vec<&ItemRecord> = feed.items.iter().collect();
                items.sort_by(|a, b| b.date().cmp(a.date()));
                FeedView {
                    id: feed.id,
                    title: name_of(feed),
                    url: feed.url.clone(),
                    site: feed.site.clone(),
                    refreshed: feed.refreshed.clone(),
                    error: feed.error.clone(),
                    unread: feed.items.iter().filter(|i| !i.read).count(),
                    items: items
                        .into_iter()
                        .map(|item| ItemView {
                            title: item.title.clone(),
                            path: item_path(&self.dir, feed.id, &item.file),
                            read: item.read,
                            published: item.published.clone(),
                            link: item.link.clone(),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// Mark the item saved at `path` read. Whether `path` is an item.
    pub fn mark_read(&mut self, path: &Path) -> Result<bool> {
        let Some((feed, name)) = self.item_at(path) else {
            return Ok(false);
        };
        let unread = self.find_item(feed, &name).is_some_and(|item| !item.read);
        if !unread {
            return Ok(true);
        }
        self.update(|file| {
            if let Some(item) = file
                .feeds
                .iter_mut()
                .filter(|f| f.id == feed)
                .flat_map(|f| f.items.iter_mut())
                .find(|i| i.file == name)
            {
                item.read = true;
            }
            Ok(true)
        })
    }

    fn find_item(&self, feed: u64, name: &str) -> Option<&ItemRecord> {
        self.file
            .feeds
            .iter()
            .filter(|f| f.id == feed)
            .flat_map(|f| &f.items)
            .find(|i| i.file == name)
    }

    /// The feed id and file name of an item's path, by its last two parts
    /// (the data directory may be named another way).
    fn item_at(&self, path: &Path) -> Option<(u64, String)> {
        let name = path.file_name()?.to_str()?.to_string();
        let feed = path.parent()?.file_name()?.to_str()?.parse().ok()?;
        self.find_item(feed, &name).map(|_| (feed, name))
    }

    /// The feed `key` names: its id, or its URL.
    pub fn find(&self, key: &str) -> Result<&FeedRecord> {
        let key = key.trim();
        let by_id = key.parse::<u64>().ok();
        let by_url = net::url::normalize(key).ok();
        self.file
            .feeds
            .iter()
            .find(|f| Some(f.id) == by_id || Some(&f.url) == by_url.as_ref() || f.url == key)
            .ok_or_else(|| {
                Error::new(crate::i18n::process().f(
                    "error.feed.no_such_feed",
                    &[("feed", &crate::error::ltr(key))],
                ))
            })
    }

    /// Subscribe to `url`, a feed or a page that links to one, and fetch it
    /// at once: an address that gives no feed is an error and nothing is
    /// saved.
    pub fn add(&mut self, url: &str, options: &Options) -> Result<Added> {
        let found = refresh::find_feed(url, options)?;
        if let Some(old) = self
            .file
            .feeds
            .iter()
            .find(|f| f.url == found.url || f.url == found.asked)
        {
            return Err(already(&old.url, old.id));
        }
        let title = found.feed.title.clone();
        let site = found.feed.site_link.clone();
        let feed_url = found.url.clone();
        let id = self.update(|file| {
            if let Some(old) = file.feeds.iter().find(|f| f.url == feed_url) {
                return Err(already(&old.url, old.id));
            }
            let id = file.next_id;
            file.next_id += 1;
            file.feeds
                .push(new_record(id, feed_url.clone(), title, site));
            Ok(id)
        })?;
        let report = refresh::refresh_prefetched(&self.dir, id, found.fetched, options)?;
        self.reload()?;
        Ok(Added {
            id,
            url: found.url,
            notices: found.notices,
            report,
        })
    }

    /// Unsubscribe from the feed `key` names and delete its saved items,
    /// except those a bookmark or a reading position needs.
    pub fn remove(&mut self, key: &str) -> Result<Removed> {
        let id = self.find(key)?.id;
        let protected = refresh::protected(&self.dir)?;
        let record = self.update(|file| {
            let at = file.feeds.iter().position(|f| f.id == id).ok_or_else(|| {
                Error::new(format!("feed {id} was removed by another barg meanwhile"))
            })?;
            Ok(file.feeds.remove(at))
        })?;
        let (mut deleted, mut kept) = (0, 0);
        for item in &record.items {
            let path = item_path(&self.dir, id, &item.file);
            if refresh::is_protected(&protected, &path) {
                kept += 1;
            } else if std::fs::remove_file(&path).is_ok() {
                deleted += 1;
            }
        }
        // Gone only when empty: kept items stay where their bookmarks point.
        let _ = std::fs::remove_dir(file::items_dir(&self.dir, id));
        Ok(Removed {
            id,
            title: name_of(&record),
            deleted,
            kept,
        })
    }

    /// Subscribe to the feeds an OPML file lists, without fetching them
    /// (the next refresh does); feeds already here are skipped.
    pub fn import(&mut self, subscriptions: &[Subscription]) -> Result<Imported> {
        self.update(|file| {
            let mut done = Imported::default();
            let mut known: HashSet<String> = file.feeds.iter().map(|f| f.url.clone()).collect();
            for subscription in subscriptions {
                let url = match net::url::normalize(&subscription.xml_url) {
                    Ok(url) => url,
                    Err(e) => {
                        done.refused.push(e.to_string());
                        continue;
                    }
                };
                if !known.insert(url.clone()) {
                    done.already += 1;
                    continue;
                }
                let id = file.next_id;
                file.next_id += 1;
                let mut record = new_record(
                    id,
                    url,
                    Some(subscription.title.clone()),
                    subscription.html_url.clone(),
                );
                record.categories = subscription.categories.clone();
                file.feeds.push(record);
                done.added += 1;
            }
            Ok(done)
        })
    }

    /// The subscriptions as an OPML 2.0 document. It goes to a terminal or
    /// to another program: no control character of a feed's goes with it.
    pub fn opml(&self) -> String {
        let clean = |text: &str| safe::strip(text).into_owned();
        let list: Vec<Subscription> = self
            .file
            .feeds
            .iter()
            .map(|feed| Subscription {
                title: clean(&name_of(feed)),
                xml_url: clean(&feed.url),
                html_url: feed.site.as_deref().map(clean),
                categories: feed.categories.iter().map(|c| clean(c)).collect(),
            })
            .collect();
        opml::write(&list, "barg subscriptions")
    }
}

fn new_record(id: u64, url: String, title: Option<String>, site: Option<String>) -> FeedRecord {
    FeedRecord {
        id,
        url,
        title,
        site,
        categories: Vec::new(),
        added: file::now(),
        refreshed: None,
        error: None,
        etag: None,
        last_modified: None,
        items: Vec::new(),
        unknown: store::Unknown::new(),
    }
}

/// A feed's name: its title, else its URL.
pub fn name_of(feed: &FeedRecord) -> String {
    feed.title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(&feed.url)
        .to_string()
}

/// Where an item of feed `feed` saved as `name` is.
pub fn item_path(dir: &Path, feed: u64, name: &str) -> PathBuf {
    file::items_dir(dir, feed).join(name)
}
/// "already subscribed to URL (feed N)".
fn already(url: &str, id: impl std::fmt::Display) -> Error {
    Error::new(crate::i18n::process().f(
        "error.feed.already",
        &[
            ("url", &crate::error::ltr(url)),
            ("id", &crate::error::num(id)),
        ],
    ))
}
