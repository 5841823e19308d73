//! Library search over 1,000 articles (about 20 MB, Persian and English).
//!
//!     cargo bench --bench library
//!
//! `search/*`: one search of the library as the reader's `/` runs it at
//! every keystroke (titles and texts already folded: `LibraryIndex`).
//! `index`: folding the library once, the first time `/` is used.
//! `in_articles`: a search from nothing, as `barg search` runs one.

use std::hint::black_box;
use std::time::Duration;

use barg::article::{Article, Source};
use barg::search::{LibraryIndex, in_articles};
use criterion::{Criterion, criterion_group, criterion_main};

const PERSIAN: &[&str] = &[
    "کتاب‌ها",
    "در",
    "شهر",
    "امروز",
    "خبرنگار",
    "گزارش",
    "داد",
    "که",
    "مردم",
    "برای",
    "دیدن",
    "نمایشگاه",
    "به",
    "خیابان",
    "آمدند",
    "و",
    "باران",
    "می‌بارید",
    "دانشگاه",
    "تهران",
    "اصفهان",
    "سال",
    "۱۴۰۳",
    "كتابي",
    "زبان",
    "فارسی",
    "نوشته",
    "پژوهش",
    "گفت‌وگو",
    "ایستگاه",
    "قطار",
    "کتابخانه",
    "روزنامه",
    "«نقل‌قول»",
    "چهارشنبه",
];
const ENGLISH: &[&str] = &[
    "the",
    "library",
    "of",
    "a",
    "city",
    "reporter",
    "said",
    "people",
    "came",
    "to",
    "see",
    "exhibition",
    "street",
    "and",
    "rain",
    "was",
    "falling",
    "university",
    "year",
    "2024",
    "language",
    "written",
    "research",
    "conversation",
    "station",
    "train",
    "newspaper",
    "Wednesday",
    "quantum",
    "reading",
];

/// 1,000 articles of about 20 KB each: two Persian for every English one,
/// words drawn from the lists above by a fixed pseudo-random sequence.
pub fn library() -> Vec<Article> {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    (0..1000)
        .map(|i| {
            let words = if i % 3 == 2 { ENGLISH } else { PERSIAN };
            let mut text = String::with_capacity(21_000);
            for w in 0..6 {
                text.push_str(words[next(words.len())]);
                text.push(if w == 5 { '\n' } else { ' ' });
            }
            while text.len() < 20_000 {
                for w in 0..40 {
                    text.push_str(words[next(words.len())]);
                    text.push(if w == 39 { '.' } else { ' ' });
                }
                text.push('\n');
            }
            Article::from_plain_text(text, Source::Stdin)
        })
        .collect()
}

fn search(c: &mut Criterion) {
    let articles = library();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    assert!(bytes >= 20_000_000, "{bytes} bytes");
    let index = LibraryIndex::new(&articles);
    let mut group = c.benchmark_group("library_1000_20mb");
    group.measurement_time(Duration::from_secs(6));
    group.sample_size(20);
    for (name, query) in [
        ("search/common_persian", "كتابها"),
        ("search/english", "Quantum"),
        ("search/absent", "ناموجود"),
        ("search/one_letter", "ب"),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(index.search(black_box(query))))
        });
    }
    group.bench_function("index", |b| {
        b.iter(|| black_box(LibraryIndex::new(&articles)))
    });
    group.bench_function("in_articles", |b| {
        b.iter(|| black_box(in_articles(&articles, black_box("ایستگاه قطار"))))
    });
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
