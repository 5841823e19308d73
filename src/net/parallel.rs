//! Many fetches on a bounded set of threads, each failure kept with its URL.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Fetch, Fetched, agent, fetch_with};
use crate::error::Result;

/// Fetch every URL in `urls` with at most `parallel` at a time (at least
/// one). The results come back in the order of `urls`, each with its URL;
/// one failing stops none of the others. `progress(done, total, url)` is
/// called once per URL as it finishes, `done` counting up from 1.
pub fn fetch_all(
    urls: Vec<String>,
    opts: &Fetch,
    parallel: usize,
    progress: impl Fn(usize, usize, &str) + Sync,
) -> Vec<(String, Result<Fetched>)> {
    let total = urls.len();
    let agent = agent(opts);
    let next = AtomicUsize::new(0);
    // The count and the callback under one lock, so `done` arrives in order.
    let done = Mutex::new(0usize);
    let slots: Vec<Mutex<Option<Result<Fetched>>>> =
        urls.iter().map(|_| Mutex::new(None)).collect();
    let workers = parallel.clamp(1, total.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(at) else {
                        break;
                    };
                    let result = fetch_with(&agent, url, opts);
                    if let Ok(mut slot) = slots[at].lock() {
                        *slot = Some(result);
                    }
                    let mut done = done.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    *done += 1;
                    progress(*done, total, url);
                }
            });
        }
    });
    urls.into_iter()
        .zip(slots)
        .map(|(url, slot)| {
            let result = slot
                .into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err(super::failed(&url, "the fetch was interrupted")));
            (url, result)
        })
        .collect()
}
