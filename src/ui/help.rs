//! The help screen's state (how far it is scrolled) and its keys.

use super::keymap::Action;

#[derive(Debug, Default)]
pub struct Help {
    scroll: usize,
}

impl Help {
    /// Rows scrolled past at the top.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub(super) fn reset(&mut self) {
        self.scroll = 0;
    }

    /// Scroll for a key's action, `count` times; the keys that close the
    /// help or go to another screen are the app's.
    pub(super) fn act(&mut self, action: Action, count: usize) {
        match action {
            Action::Down => self.scroll += count,
            Action::Up => self.scroll = self.scroll.saturating_sub(count),
            _ => {}
        }
    }
}
