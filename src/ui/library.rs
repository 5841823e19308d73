//! The library screen's state: the articles, which of them the filter shows,
//! the selected one, and what the list says of each; its keys.
//!
//! Articles from feeds are grouped under their feed, after the articles that
//! come from no feed; a group's newest items come first. The list draws a
//! header row above each group (see `rows`); selection moves over articles
//! only.

use std::sync::Arc;

use super::keymap::Action;
use crate::article::{Article, library};
use crate::store::{ArticleRef, Store};

/// What the library shows of an article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArticleStats {
    pub words: usize,
    pub read_percent: usize,
    pub bookmarks: usize,
}

/// What the library knows of an article besides the article itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The title of the feed it came from.
    pub feed: Option<String>,
    /// A feed item not opened yet.
    pub unread: bool,
    /// When it was published (RFC 3339), for ordering a feed's items.
    pub published: Option<String>,
}

/// Where a selection at `selected` in a list whose last row is `last`
/// goes on `action` (a move) done `count` times; `page` rows make a page.
pub(super) fn moved(
    selected: usize,
    last: usize,
    action: Action,
    count: usize,
    page: usize,
) -> usize {
    match action {
        Action::Down => (selected + count).min(last),
        Action::Up => selected.saturating_sub(count),
        Action::PageDown | Action::HalfPageDown => (selected + page * count).min(last),
        Action::PageUp | Action::HalfPageUp => selected.saturating_sub(page * count),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected,
    }
}

/// A row of the library list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row<'a> {
    /// The header of a feed's group: its title, its unread items, all its
    /// items (those the filter shows or not).
    Feed {
        title: &'a str,
        unread: usize,
        items: usize,
    },
    /// An article: an index into `articles`.
    Article(usize),
}

/// What a key on the library asks of the app.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done here (or nothing to do).
    Done,
    /// Open this article (an index into `articles`).
    Open(usize),
    /// Ask for a filter, starting from this one.
    AskFilter(String),
    /// Back, with no filter to clear: to the article being read, if any.
    Back,
}

#[derive(Debug)]
pub struct Library {
    /// Shared with the reader, which reads one without a copy.
    articles: Vec<Arc<Article>>,
    /// What the library knows of each article, one per article.
    entries: Vec<Entry>,
    /// What the list shows of each article, kept up to date as bookmarks
    /// and positions change (not worked out at every draw).
    stats: Vec<ArticleStats>,
    /// `stats` needs working out again before the library is drawn.
    stats_stale: bool,
    /// Indices into `articles` shown (all, or those the filter matches).
    shown: Vec<usize>,
    filter: String,
    /// Index into `shown`.
    selected: usize,
    /// The articles folded for the filter, once it is first used.
    index: Option<crate::search::LibraryIndex>,
}

impl Library {
    pub fn new(articles: Vec<Article>) -> Library {
        let entries = vec![Entry::default(); articles.len()];
        Library::with_entries(articles, entries)
    }

    /// A library whose articles come with what is known of them (the feed
    /// of each item); `entries` is made as long as `articles`.
    pub fn with_entries(articles: Vec<Article>, mut entries: Vec<Entry>) -> Library {
        entries.resize(articles.len(), Entry::default());
        let articles = articles.into_iter().map(Arc::new).collect();
        let mut library = Library {
            shown: Vec::new(),
            articles,
            entries,
            stats: Vec::new(),
            stats_stale: true,
            filter: String::new(),
            selected: 0,
            index: None,
        };
        library.apply_filter();
        library
    }

    /// What the library knows of article `index`.
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    /// The list's rows: the shown articles in order, with a header above
    /// each feed's group.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let mut rows = Vec::with_capacity(self.shown.len() + 8);
        let mut group: Option<&str> = None;
        for &index in &self.shown {
            let feed = self.entries[index].feed.as_deref();
            if let Some(title) = feed
                && group != Some(title)
            {
                let items = self
                    .entries
                    .iter()
                    .filter(|e| e.feed.as_deref() == Some(title));
                let (unread, items) =
                    items.fold((0, 0), |(u, n), e| (u + usize::from(e.unread), n + 1));
                rows.push(Row::Feed {
                    title,
                    unread,
                    items,
                });
            }
            group = feed;
            rows.push(Row::Article(index));
        }
        rows
    }

    /// Mark article `index` read; whether it was an unread feed item.
    pub(super) fn mark_read(&mut self, index: usize) -> bool {
        self.entries
            .get_mut(index)
            .is_some_and(|entry| std::mem::take(&mut entry.unread))
    }

    pub fn articles(&self) -> &[Arc<Article>] {
        &self.articles
    }

    /// Indices into `articles` of the articles the list shows, in order.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// The selected row of the list (an index into `shown`).
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// What the list shows of article `index`, once worked out.
    pub fn stats(&self, index: usize) -> Option<&ArticleStats> {
        self.stats.get(index)
    }

    /// Select the row that shows article `index`, if one does.
    pub(super) fn select_article(&mut self, index: usize) {
        if let Some(row) = self.shown.iter().position(|&i| i == index) {
            self.selected = row;
        }
    }

    /// Add articles (a feed's new items) without moving the selection off
    /// the article it is on.
    pub(super) fn extend(&mut self, more: Vec<(Article, Entry)>) {
        let selected = self.shown.get(self.selected).copied();
        for (article, entry) in more {
            if let Some(index) = &mut self.index {
                index.push(&article);
            }
            self.articles.push(Arc::new(article));
            self.entries.push(entry);
        }
        self.stats_stale = true;
        self.apply_filter();
        if let Some(index) = selected {
            self.select_article(index);
        }
    }

    /// Add an article (opened from a bookmark); its index.
    pub(super) fn push(&mut self, article: Article) -> usize {
        if let Some(index) = &mut self.index {
            index.push(&article);
        }
        self.articles.push(Arc::new(article));
        self.entries.push(Entry::default());
        self.stats_stale = true;
        self.apply_filter();
        self.articles.len() - 1
    }

    /// What the list says of the articles changed (a bookmark, a position).
    pub(super) fn mark_stale(&mut self) {
        self.stats_stale = true;
    }

    /// Show the articles whose title or text match `filter`; how many
    /// are shown, of how many.
    pub(super) fn set_filter(&mut self, filter: &str) -> (usize, usize) {
        self.filter = filter.to_string();
        self.apply_filter();
        (self.shown.len(), self.articles.len())
    }

    fn apply_filter(&mut self) {
        self.selected = 0;
        if self.filter.is_empty() {
            self.shown = (0..self.articles.len()).collect();
        } else {
            let articles = &self.articles;
            let index = self
                .index
                .get_or_insert_with(|| crate::search::LibraryIndex::new(articles));
            self.shown = index
                .search(&self.filter)
                .iter()
                .map(|hit| hit.index)
                .collect();
        }
        self.group();
    }

    /// Order `shown` as the list shows it: articles from no feed first, as
    /// they came, then each feed's items (feeds in the order they came),
    /// newest first.
    fn group(&mut self) {
        let mut feeds: Vec<&str> = Vec::new();
        for entry in &self.entries {
            if let Some(feed) = entry.feed.as_deref()
                && !feeds.contains(&feed)
            {
                feeds.push(feed);
            }
        }
        if feeds.is_empty() {
            return;
        }
        let entries = &self.entries;
        let rank = |index: usize| {
            entries[index]
                .feed
                .as_deref()
                .and_then(|feed| feeds.iter().position(|&f| f == feed))
                .map_or(0, |at| at + 1)
        };
        self.shown.sort_by(|&a, &b| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| entries[b].published.cmp(&entries[a].published))
                .then(a.cmp(&b))
        });
    }

    /// Carry out a key's action `count` times; `page` rows make a page.
    pub(super) fn act(&mut self, action: Action, count: usize, page: usize) -> Outcome {
        let last = self.shown.len().saturating_sub(1);
        match action {
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::HalfPageDown
            | Action::PageUp
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom => self.selected = moved(self.selected, last, action, count, page),
            Action::Open | Action::Right => {
                if let Some(&index) = self.shown.get(self.selected) {
                    return Outcome::Open(index);
                }
            }
            Action::Search => return Outcome::AskFilter(self.filter.clone()),
            Action::Back => {
                if self.filter.is_empty() {
                    return Outcome::Back;
                }
                self.filter.clear();
                self.apply_filter();
            }
            _ => {}
        }
        Outcome::Done
    }

    /// Work out again what the list shows of each article, if anything
    /// changed: words once, how far it is read and how many bookmarks it has
    /// from the store. Only when the library is about to be drawn: `barg
    /// FILE` never pays for it.
    pub(super) fn refresh_stats(&mut self, store: Option<&Store>) {
        if !self.stats_stale {
            return;
        }
        self.stats_stale = false;
        let stats = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, article)| {
                let words = self
                    .stats
                    .get(i)
                    .map_or_else(|| library::word_count(&article.text), |s| s.words);
                let Some(store) = store else {
                    return ArticleStats {
                        words,
                        ..ArticleStats::default()
                    };
                };
                let offset = store.position(article).map_or(0, |p| p.offset);
                ArticleStats {
                    words,
                    read_percent: (offset * 100)
                        .checked_div(article.text.len())
                        .unwrap_or(0)
                        .min(100),
                    bookmarks: store.bookmarks_of(&ArticleRef::of(article)).len(),
                }
            })
            .collect();
        self.stats = stats;
    }
}
