//! The reader on long text: a 50 MB single paragraph and the 4 MB article
//! of paragraphs (as in `benches/reader.rs`).
//!
//!     cargo bench --bench reader_long
//!
//! `first_screen_50mb`: from the article in memory to the first screen laid
//! out at 100×30 (levels of the whole paragraph, the pieces on screen).
//! `page_down/{4mb,50mb}/P`: one PageDown (and the screen after it) with the
//! top at P percent of the article.
//! `resize/{60k,50mb}`: the re-layout of the screen after the width changes,
//! the reading position kept.

use std::hint::black_box;
use std::time::Duration;

use barg::article::samples::SAMPLES;
use barg::article::{Article, Source};
use barg::layout::LayoutOptions;
use barg::ui::reader::Reader;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const WIDTH: usize = 100;
const HEIGHT: usize = 30;

fn persian() -> String {
    SAMPLES
        .iter()
        .filter(|(name, _)| name.starts_with("fa-"))
        .map(|&(_, text)| text)
        .collect()
}

/// At least `chars` characters of the Persian samples, paragraphs as written.
fn paragraphs(chars: usize) -> Article {
    let persian = persian();
    let mut text = String::new();
    while text.chars().count() < chars {
        text.push_str(&persian);
        text.push('\n');
    }
    Article::from_plain_text(text, Source::Stdin)
}

/// 50 MB of the Persian samples as one line, cut at a space.
fn one_paragraph() -> Article {
    let words = persian().split_whitespace().collect::<Vec<_>>().join(" ");
    let mut text = String::with_capacity(50 << 20);
    while text.len() < 50 << 20 {
        text.push_str(&words);
        text.push(' ');
    }
    // The last space before 50 MB (bytes, so no character is cut).
    let cut = text.as_bytes()[..50 << 20]
        .iter()
        .rposition(|&b| b == b' ')
        .unwrap_or(text.len());
    text.truncate(cut);
    Article::from_plain_text(text, Source::Stdin)
}

fn opened(article: &Article) -> Reader {
    let mut reader = Reader::new(article.clone(), LayoutOptions::default());
    reader.resize(WIDTH, HEIGHT);
    reader.prepare();
    reader
}

fn first_screen(c: &mut Criterion, article: &Article) {
    let mut group = c.benchmark_group("reader_long");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("first_screen_50mb", |b| {
        b.iter_batched(
            || article.clone(),
            |article| {
                let mut reader = Reader::new(article, LayoutOptions::default());
                reader.resize(WIDTH, HEIGHT);
                reader.prepare();
                black_box(reader.view().len())
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn page_down(c: &mut Criterion, name: &str, article: &Article) {
    let mut group = c.benchmark_group(format!("page_down/{name}"));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    let mut reader = opened(article);
    let len = article.text.len();
    for percent in [0, 25, 50, 75, 99] {
        let at = len * percent / 100;
        group.bench_with_input(BenchmarkId::from_parameter(percent), &at, |b, &at| {
            // Back to the position each time, so every PageDown is from there.
            b.iter(|| {
                reader.go_to(at);
                reader.scroll_down(HEIGHT);
                reader.prepare();
                black_box(reader.view().len())
            })
        });
    }
    group.finish();
}

fn resize(c: &mut Criterion, name: &str, article: &Article) {
    let mut group = c.benchmark_group("resize");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    let mut reader = opened(article);
    reader.go_to(article.text.len() / 2);
    let mut wide = false;
    group.bench_function(name, |b| {
        b.iter(|| {
            wide = !wide;
            reader.resize(if wide { WIDTH } else { 60 }, HEIGHT);
            reader.prepare();
            black_box(reader.view().len())
        })
    });
    group.finish();
}

fn reader_long(c: &mut Criterion) {
    let long = one_paragraph();
    first_screen(c, &long);
    page_down(c, "50mb", &long);
    resize(c, "50mb", &long);
    // 4 MB: about two million characters.
    let four = paragraphs(2 << 20);
    page_down(c, "4mb", &four);
    drop(four);
    let article = paragraphs(60_000);
    resize(c, "60k", &article);
}

criterion_group!(benches, reader_long);
criterion_main!(benches);
