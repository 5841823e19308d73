//! Layout throughput on Persian text at width 80.
//!
//!     cargo bench --bench layout
//!
//! `four_mb_persian` lays out at least 4 MB of the Persian sample articles,
//! paragraph by paragraph, on one core (the library) and through
//! `render::write_paragraphs` (both cores, as `barg render` does).
//! `one_paragraph` lays out a single paragraph of 1 and 4 MB: the time per
//! byte must not grow with the length.

use std::hint::black_box;
use std::time::Duration;

use barg::article::samples::SAMPLES;
use barg::layout::{LayoutOptions, layout_lines};
use barg::render::write_paragraphs;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn persian(bytes: usize) -> String {
    let persian: String = SAMPLES
        .iter()
        .filter(|(name, _)| name.starts_with("fa-"))
        .map(|&(_, text)| text)
        .collect();
    let mut text = String::with_capacity(bytes + persian.len());
    while text.len() < bytes {
        text.push_str(&persian);
    }
    text
}

fn four_mb_persian(c: &mut Criterion) {
    let text = persian(4 << 20);
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("four_mb_persian");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("layout_one_core", |b| {
        b.iter(|| {
            let mut lines = 0;
            for paragraph in text.lines().filter(|l| !l.trim().is_empty()) {
                layout_lines(paragraph, 80, &options, |line| {
                    lines += 1;
                    black_box(line);
                });
            }
            lines
        })
    });
    group.bench_function("render_all_cores", |b| {
        b.iter(|| {
            let mut sink = std::io::sink();
            write_paragraphs(text.lines(), 80, &options, &mut sink).expect("sink")
        })
    });
    group.finish();
}

fn one_paragraph(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("one_paragraph");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(6));
    for megabytes in [1usize, 4] {
        let text = persian(megabytes << 20).replace('\n', " ");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(megabytes), &text, |b, text| {
            b.iter(|| {
                let mut lines = 0;
                layout_lines(text, 80, &options, |_| lines += 1);
                lines
            })
        });
    }
    group.finish();
}

/// One 50 MB paragraph (the Persian samples joined by spaces) on one core:
/// the levels alone, and the whole layout.
fn huge_paragraph(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let text = persian(50 << 20).replace('\n', " ");
    let mut group = c.benchmark_group("huge_paragraph");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let mut scratch = barg::layout::levels::Scratch::default();
    let mut levels = Vec::new();
    group.bench_function("levels_50mb", |b| {
        b.iter(|| {
            barg::layout::levels::resolve_into(&text, options.direction, &mut scratch, &mut levels)
        })
    });
    group.bench_function("layout_50mb", |b| {
        b.iter(|| {
            let mut lines = 0;
            layout_lines(&text, 80, &options, |_| lines += 1);
            lines
        })
    });
    group.finish();
}

criterion_group!(benches, four_mb_persian, one_paragraph);
criterion_group!(huge, huge_paragraph);
criterion_main!(benches, huge);
