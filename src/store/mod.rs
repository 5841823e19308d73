//! Bookmarks and reading positions on disk.

pub mod cli;
