//! The reader screen on a 4 MB Persian article.
//!
//!     cargo bench --bench reader
//!
//! `open_and_draw`: from the article's text in memory to the first screen
//! drawn (quotations found, bookmarks and reading position looked up in a
//! store, the visible paragraphs laid out, the frame drawn at 100×30).
//! `first_screen`: the same up to the first screen as `barg FILE` draws it,
//! before the passes over the whole text (`App::new_unsettled`); `settle`:
//! those passes after it (quotations and the store's identity at once,
//! bookmarks, the position saved for the text), and the screen again.
//! `page_down`: one PageDown and the frame after it.

use std::hint::black_box;
use std::time::Duration;

use barg::article::samples::SAMPLES;
use barg::article::{Article, Source};
use barg::layout::LayoutOptions;
use barg::store::Store;
use barg::ui::keymap::Keymap;
use barg::ui::theme::Theme;
use barg::ui::{App, Setup};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn persian_article() -> Article {
    let persian: String = SAMPLES
        .iter()
        .filter(|(name, _)| name.starts_with("fa-"))
        .map(|&(_, text)| text)
        .collect();
    let mut text = String::new();
    while text.len() < 4 << 20 {
        text.push_str(&persian);
        text.push('\n');
    }
    Article::from_plain_text(text, Source::Stdin)
}

fn open(article: &Article, store: Store) -> App {
    let mut app = App::new(setup(article, store));
    app.resize(100, 30);
    app
}

fn setup(article: &Article, store: Store) -> Setup {
    Setup {
        articles: vec![article.clone()],
        entries: Vec::new(),
        open: Some(0),
        keymap: Keymap::builtin("default").expect("keymap"),
        theme: Theme::dark(),
        layout: LayoutOptions::default(),
        measure: 80,
        store: Some(store),
        messages: Vec::new(),
    }
}

fn reader(c: &mut Criterion) {
    let article = persian_article();
    let data = std::env::temp_dir().join(format!("barg-bench-reader-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let mut group = c.benchmark_group("reader_4mb");
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("open_and_draw", |b| {
        b.iter(|| {
            let store = Store::open(data.clone()).expect("store");
            let app = open(black_box(&article), store);
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .expect("draw");
        })
    });
    group.bench_function("first_screen", |b| {
        b.iter(|| {
            let store = Store::open(data.clone()).expect("store");
            let mut app = App::new_unsettled(setup(black_box(&article), store));
            app.resize(100, 30);
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .expect("draw");
        })
    });
    group.bench_function("settle", |b| {
        b.iter_batched(
            || {
                let store = Store::open(data.clone()).expect("store");
                let mut app = App::new_unsettled(setup(&article, store));
                app.resize(100, 30);
                app
            },
            |mut app| {
                app.settle();
                terminal
                    .draw(|frame| frame.render_widget(&app, frame.area()))
                    .expect("draw");
                app
            },
            criterion::BatchSize::LargeInput,
        )
    });
    let mut app = open(&article, Store::open(data.clone()).expect("store"));
    let page_down = Event::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
    group.bench_function("page_down", |b| {
        b.iter(|| {
            app.handle(page_down.clone());
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .expect("draw");
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&data);
}

criterion_group!(benches, reader);
criterion_main!(benches);
