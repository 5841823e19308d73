//! barg: a terminal reader for right-to-left articles, Persian first.

pub mod article;
pub mod cli;
pub mod config;
pub mod dates;
pub mod error;
pub mod feed;
pub mod i18n;
pub mod layout;
pub mod net;
pub mod render;
pub mod safe;
pub mod search;
pub mod store;
pub mod subscriptions;
pub mod term;
pub mod ui;
