//! Every sample article rendered at 20, 40 and 80 columns, compared with the
//! files in tests/golden/. After a deliberate change of layout, look at the
//! new output (and in a real terminal), then refresh the files with
//! `BARG_BLESS=1 cargo test --test golden`.

use std::path::PathBuf;

use std::path::Path;

use barg::article::{Article, Format, Source, samples::SAMPLES};
use barg::layout::LayoutOptions;
use barg::render::write_article;

fn rendered(name: &str, text: &str, width: usize) -> String {
    let format = Format::of_path(Path::new(name));
    let article = Article::from_text(text.to_string(), Source::Stdin, format);
    let mut out = Vec::new();
    write_article(&article, width, &LayoutOptions::default(), &mut out).expect("writing to memory");
    String::from_utf8(out).expect("layout writes UTF-8")
}

#[test]
fn sample_articles_match_their_golden_renderings() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("BARG_BLESS").is_some();
    let mut stale = Vec::new();
    for &(name, text) in SAMPLES {
        let stem = name.trim_end_matches(".txt").trim_end_matches(".md");
        for width in [20, 40, 80] {
            let path = dir.join(format!("{stem}.w{width}.txt"));
            let actual = rendered(name, text, width);
            if bless {
                std::fs::create_dir_all(&dir).expect("create tests/golden");
                std::fs::write(&path, &actual).expect("write golden file");
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if actual != expected {
                let line = actual
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, e)| a != e)
                    .map_or(0, |i| i + 1);
                stale.push(format!(
                    "{} (first difference at line {line})",
                    path.display()
                ));
            }
        }
    }
    assert!(stale.is_empty(), "golden files differ: {stale:#?}");
}
