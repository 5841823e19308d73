//! The bookmarks screen's state (the selected bookmark) and its keys. The
//! bookmarks themselves are the store's.

use super::keymap::Action;

/// What a key on the bookmarks screen asks of the app.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Ask before removing this bookmark.
    ConfirmRemove(u64),
    /// Open the article of this bookmark at its quote.
    Open(u64),
    /// Back to where the person came from.
    Back,
}

#[derive(Debug, Default)]
pub struct BookmarkList {
    /// Index into the bookmarks, newest first.
    selected: usize,
}

impl BookmarkList {
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Start again at the newest bookmark.
    pub(super) fn reset(&mut self) {
        self.selected = 0;
    }

    /// Keep the selection inside a list of `len` bookmarks.
    pub(super) fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Carry out a key's action `count` times on the bookmarks `ids`
    /// (newest first).
    pub(super) fn act(&mut self, action: Action, count: usize, ids: &[u64]) -> Outcome {
        let last = ids.len().saturating_sub(1);
        match action {
            Action::Down => self.selected = (self.selected + count).min(last),
            Action::Up => self.selected = self.selected.saturating_sub(count),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Delete => {
                if let Some(&id) = ids.get(self.selected) {
                    return Outcome::ConfirmRemove(id);
                }
            }
            Action::Open | Action::Right => {
                if let Some(&id) = ids.get(self.selected) {
                    return Outcome::Open(id);
                }
            }
            Action::Back | Action::Left => return Outcome::Back,
            _ => {}
        }
        Outcome::Done
    }
}
