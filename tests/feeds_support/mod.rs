//! What the feed tests share: feeds written on the fly (their links point
//! at the test's own server), and barg run in a sandbox.

#![allow(dead_code, unused_imports)]

use std::process::Output;

use serde_json::Value;

#[path = "../store_support/mod.rs"]
pub mod store_support;

pub use store_support::{Sandbox, active_chars, stderr, stdout};

/// An item of a feed written by [`rss`].
pub struct It<'a> {
    pub guid: &'a str,
    pub title: &'a str,
    /// RFC 822, as RSS dates are.
    pub date: &'a str,
    /// `content:encoded`, HTML.
    pub content: Option<&'a str>,
    /// `description`, HTML.
    pub summary: Option<&'a str>,
    pub link: Option<String>,
}

impl<'a> It<'a> {
    pub fn new(guid: &'a str, title: &'a str, date: &'a str, content: &'a str) -> It<'a> {
        It {
            guid,
            title,
            date,
            content: Some(content),
            summary: None,
            link: None,
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An RSS 2.0 feed titled `title` with `items`.
pub fn rss(title: &str, items: &[It]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>{}</title><link>https://barg.example/</link><language>fa</language>\n",
        escape(title)
    );
    for item in items {
        out.push_str(&format!(
            "<item><title>{}</title><guid isPermaLink=\"false\">{}</guid><pubDate>{}</pubDate>",
            escape(item.title),
            escape(item.guid),
            item.date
        ));
        if let Some(link) = &item.link {
            out.push_str(&format!("<link>{}</link>", escape(link)));
        }
        if let Some(summary) = item.summary {
            out.push_str(&format!("<description>{}</description>", escape(summary)));
        }
        if let Some(content) = item.content {
            out.push_str(&format!(
                "<content:encoded><![CDATA[{content}]]></content:encoded>"
            ));
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel></rss>\n");
    out
}

/// Two Persian items with their whole text.
pub fn persian_feed() -> String {
    rss(
        "خبرنامهٔ برگ",
        &[
            It::new(
                "fa-1",
                "نمایشگاه کتاب گشایش یافت",
                "Fri, 01 Mar 2024 08:30:00 +0330",
                "<p dir=\"rtl\">نمایشگاه امسال با <q>شعار کتاب</q> گشایش یافت. \
                 ناشران از سراسر کشور آمده‌اند.</p>",
            ),
            It::new(
                "fa-2",
                "شب شعر",
                "Sat, 02 Mar 2024 18:00:00 +0330",
                "<p>شبی با حافظ و سعدی در کتابخانهٔ شهر برگزار شد.</p>",
            ),
        ],
    )
}

/// `barg ARGS…` in the sandbox, its output.
pub fn barg(sandbox: &Sandbox, args: &[&str]) -> Output {
    sandbox.command(args).output().expect("run barg")
}

/// `barg feed list --json`, parsed.
pub fn listed(sandbox: &Sandbox) -> Vec<Value> {
    let output = barg(sandbox, &["feed", "list", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    value.as_array().cloned().unwrap_or_default()
}

/// The saved items' files of feed `id`.
pub fn item_files(sandbox: &Sandbox, id: u64) -> Vec<std::path::PathBuf> {
    let dir = sandbox.data_dir().join("feeds").join(id.to_string());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "barg"));
    files.sort();
    files
}
