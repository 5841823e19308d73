//! Feed items as library articles: each item's saved article read from its
//! file, with what the library shows of it (its feed, read or not, when it
//! was published).

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;

use super::Subscriptions;
use crate::article::{self, Article, Source};

/// A feed item, read.
#[derive(Debug)]
pub struct LoadedItem {
    pub article: Article,
    /// Its feed's title (else URL), as the feed wrote it.
    pub feed: String,
    pub read: bool,
    pub published: Option<String>,
}

/// Every item of `subscriptions` not saved at a path in `known`, read from
/// its saved file (in parallel), feed by feed, newest first; and a line for
/// each item that could not be read.
pub fn load_items(
    subscriptions: &Subscriptions,
    known: &HashSet<PathBuf>,
) -> (Vec<LoadedItem>, Vec<String>) {
    let items: Vec<(String, super::ItemView)> = subscriptions
        .feeds()
        .into_iter()
        .flat_map(|feed| {
            let title = feed.title;
            feed.items
                .into_iter()
                .filter(|item| !known.contains(&item.path))
                .map(move |item| (title.clone(), item))
        })
        .collect();
    let read: Vec<Result<LoadedItem, String>> = items
        .into_par_iter()
        .map(|(feed, item)| {
            let opened = article::open(&Source::File(item.path)).map_err(|e| e.to_string())?;
            Ok(LoadedItem {
                article: opened.article,
                feed,
                read: item.read,
                published: item.published,
            })
        })
        .collect();
    let mut loaded = Vec::with_capacity(read.len());
    let mut problems = Vec::new();
    for item in read {
        match item {
            Ok(item) => loaded.push(item),
            Err(problem) => problems.push(problem),
        }
    }
    (loaded, problems)
}
