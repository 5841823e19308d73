//! Extraction of a 300 KB Persian news page: from its bytes to the article
//! (decoding, the extractor, blocks and spans).
//!
//!     cargo bench --bench html
//!
//! The page is the test fixture tests/fixtures/html/fa-news.html with its
//! article's paragraphs and its chrome (related links, comments) repeated
//! until it weighs about 300 KB, half article and half chrome.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use barg::article::Source;
use barg::article::html;
use criterion::{Criterion, criterion_group, criterion_main};

const NEWS: &str = include_str!("../tests/fixtures/html/fa-news.html");

/// The text between `from` (included) and `to` (excluded) in the fixture.
fn part<'a>(from: &str, to: &str) -> &'a str {
    let start = NEWS.find(from).expect("the fixture has it");
    let end = start + NEWS[start..].find(to).expect("the fixture has it");
    &NEWS[start..end]
}

fn news_page(size: usize) -> String {
    let paragraphs = part("<p>نخستین", "</article>");
    let chrome = part("<section class=\"related-links\">", "</main>");
    let half = size / 2;
    NEWS.replacen(paragraphs, &paragraphs.repeat(half / paragraphs.len()), 1)
        .replacen(chrome, &chrome.repeat(half / chrome.len()), 1)
}

fn extraction(c: &mut Criterion) {
    let page = news_page(300 << 10);
    let source = Source::File(PathBuf::from("news.html"));
    let mut group = c.benchmark_group("html_300kb");
    group.measurement_time(Duration::from_secs(8));
    group.sample_size(50);
    group.bench_function("extract", |b| {
        b.iter(|| {
            let opened = html::read(black_box(page.as_bytes()), None, None, source.clone())
                .expect("the page reads");
            black_box(opened.article.blocks.len())
        })
    });
    group.finish();
    eprintln!("page: {} bytes", page.len());
}

criterion_group!(benches, extraction);
criterion_main!(benches);
