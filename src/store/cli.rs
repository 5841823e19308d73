//! `barg bookmarks …` (skeleton: to be built by the store work).

use std::path::Path;

use clap::Args;

use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct BookmarksArgs {}

pub fn run(_args: &BookmarksArgs, _data_dir: Option<&Path>) -> Result<()> {
    Err(Error::new("bookmarks are not built yet"))
}
