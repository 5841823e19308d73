//! Refreshing 50 feeds of 100 items each, served from 127.0.0.1 by an
//! in-process server: the first refresh (every item new: fetched, read,
//! saved as an article) and the second (every feed answers 304).
//!
//!     cargo bench --bench refresh
//!
//! Each item carries its text (two Persian paragraphs), as most news feeds
//! do; no linked page is fetched. Target: under 5 s each.

use std::path::{Path, PathBuf};
use std::time::Duration;

use barg::feed::opml::Subscription;
use barg::subscriptions::{self, Options, Subscriptions};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

#[path = "../tests/http_support/mod.rs"]
mod http_support;

use http_support::{Reply, Server};

const FEEDS: usize = 50;
const ITEMS: usize = 100;

fn feed(n: usize) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>خبرنامهٔ {n}</title><link>https://barg.example/{n}/</link><language>fa</language>"
    );
    for i in 0..ITEMS {
        out.push_str(&format!(
            "<item><title>خبر شمارهٔ {i} از خوراک {n}</title><guid>feed-{n}-item-{i}</guid>\
             <link>https://barg.example/{n}/{i}</link>\
             <pubDate>Fri, 01 Mar 2024 {:02}:{:02}:00 GMT</pubDate>\
             <content:encoded><![CDATA[<p dir=\"rtl\">نمایشگاه کتاب امسال با <q>شعار کتاب</q> \
             گشایش یافت و ناشران بسیاری از سراسر کشور آمده‌اند. خبر {i} از خوراک {n}.</p>\
             <p>بازدیدکنندگان در روز نخست صف‌های بلندی تشکیل دادند و تا شب ماندند.</p>]]>\
             </content:encoded></item>",
            i / 60,
            i % 60
        ));
    }
    out.push_str("</channel></rss>");
    out
}

struct Bench {
    _server: Server,
    subscriptions: Vec<Subscription>,
    root: PathBuf,
}

fn serve() -> Bench {
    let server = Server::start();
    let mut subscriptions = Vec::new();
    for n in 0..FEEDS {
        let body = feed(n);
        let etag = format!("\"feed-{n}\"");
        let tag = etag.clone();
        server.route(&format!("/{n}.xml"), move |request| {
            if request.header("if-none-match") == Some(tag.as_str()) {
                Reply::status(304)
            } else {
                Reply::ok(body.clone()).header("ETag", &tag)
            }
        });
        subscriptions.push(Subscription {
            title: format!("feed {n}"),
            xml_url: server.url(&format!("/{n}.xml")),
            html_url: None,
            categories: Vec::new(),
        });
    }
    let root = std::env::temp_dir().join(format!("barg-bench-refresh-{}", std::process::id()));
    Bench {
        _server: server,
        subscriptions,
        root,
    }
}

/// A data directory subscribed to every feed, nothing fetched yet.
fn subscribed(bench: &Bench, name: &str) -> PathBuf {
    let dir = bench.root.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let mut subs = Subscriptions::open(&dir).expect("open");
    subs.import(&bench.subscriptions).expect("import");
    dir
}

struct Removal(PathBuf);

impl Drop for Removal {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn refresh_all(dir: &Path) {
    let report = subscriptions::refresh(dir, None, &Options::default(), |_| {}).expect("refresh");
    assert_eq!(report.failed(), 0);
}

fn refresh(c: &mut Criterion) {
    let bench = serve();
    let mut group = c.benchmark_group("refresh_50x100");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let mut round = 0;
    group.bench_function("first_all_new", |b| {
        b.iter_batched(
            || {
                round += 1;
                subscribed(&bench, &format!("new-{round}"))
            },
            |dir| {
                refresh_all(&dir);
                // Removed after the clock stops (criterion drops it untimed).
                Removal(dir)
            },
            BatchSize::PerIteration,
        );
    });
    let dir = subscribed(&bench, "cached");
    refresh_all(&dir);
    group.bench_function("second_all_304", |b| b.iter(|| refresh_all(&dir)));
    group.finish();
    let _ = std::fs::remove_dir_all(&bench.root);
}

criterion_group!(benches, refresh);
criterion_main!(benches);
