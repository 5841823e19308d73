//! Nothing is lost: not when barg is killed in the middle of a write, not
//! when two barg processes write at once.

mod store_support;

use std::collections::BTreeSet;
use std::process::Stdio;
use std::thread;
use std::time::Instant;

use serde_json::{Value, json};
use store_support::{Sandbox, ids, numbered_article, numbered_quote, stdout};

/// A store of `count` bookmarks of other articles, written as barg writes it,
/// so that every write of the store takes a while.
fn big_store(count: u64) -> Value {
    let bookmarks: Vec<Value> = (1..=count)
        .map(|id| {
            json!({
                "id": id,
                "article": {
                    "id": format!("{id:016x}"),
                    "source": format!("/library/article-{id}.txt"),
                    "title": "مقاله‌ای دیگر با عنوانی نسبتاً بلند برای پر کردن فایل",
                },
                "quote": "جمله‌ای که پیش‌تر نشان شده بود و اکنون در فهرست مانده است",
                "range": { "start": 100, "end": 200 },
                "paragraph": 3,
                "note": "یادداشتی کوتاه",
                "created": "2025-01-01T00:00:00Z",
                "detached": false,
            })
        })
        .collect();
    json!({ "schema": 1, "next_id": count + 1, "bookmarks": bookmarks, "positions": {} })
}

#[test]
fn a_writer_killed_at_any_moment_leaves_a_whole_file_with_every_confirmed_bookmark() {
    const ROUNDS: usize = 30;
    const OTHERS: u64 = 2000;
    let sandbox = Sandbox::new("kill");
    let article = sandbox.write("article.txt", &numbered_article(ROUNDS + 1));
    let article = article.to_str().expect("UTF-8").to_string();
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    let store = serde_json::to_vec_pretty(&big_store(OTHERS)).expect("JSON");
    std::fs::write(sandbox.store_path(), store).expect("write the store");

    // How long one whole `add` takes, so the kills can be spread over it.
    let started = Instant::now();
    let first = sandbox.add(&sandbox.root.join("article.txt"), &numbered_quote(ROUNDS));
    let mut confirmed = BTreeSet::from([first]);
    let whole = started.elapsed();

    let mut killed = 0;
    for round in 0..ROUNDS {
        let mut child = sandbox
            .command(&[
                "bookmarks",
                "add",
                &article,
                "--quote",
                &numbered_quote(round),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start barg");
        thread::sleep(whole.mul_f64(1.3 * round as f64 / ROUNDS as f64));
        // SIGKILL on Unix; an error only means it has already exited.
        let _ = child.kill();
        let output = child.wait_with_output().expect("wait for barg");
        if output.status.success() {
            confirmed.insert(stdout(&output).trim().parse::<u64>().expect("an id"));
        } else {
            killed += 1;
        }

        let store = sandbox.store();
        assert_eq!(store["schema"], barg::store::SCHEMA, "round {round}");
        let bookmarks = store["bookmarks"].as_array().expect("a list of bookmarks");
        let present: BTreeSet<u64> = ids(bookmarks).into_iter().collect();
        assert!(
            confirmed.is_subset(&present),
            "round {round}: confirmed bookmarks {:?} are missing",
            confirmed.difference(&present).collect::<Vec<_>>()
        );
        assert!(
            bookmarks.len() >= OTHERS as usize + confirmed.len(),
            "round {round}"
        );
    }
    eprintln!(
        "{killed} of {ROUNDS} writers killed, {} confirmed; a whole add took {whole:?}",
        confirmed.len() - 1
    );
    assert!(killed > 0, "no writer was killed: the test proved nothing");
}

#[test]
fn two_processes_adding_100_bookmarks_each_end_with_all_200() {
    const EACH: usize = 100;
    const OTHERS: u64 = 500;
    let sandbox = Sandbox::new("two-writers");
    let article = sandbox.write("article.txt", &numbered_article(2 * EACH));
    // Bookmarks of other articles make each write slow enough for the two
    // processes to overlap.
    std::fs::create_dir_all(sandbox.data_dir()).expect("data dir");
    let store = serde_json::to_vec_pretty(&big_store(OTHERS)).expect("JSON");
    std::fs::write(sandbox.store_path(), store).expect("write the store");
    thread::scope(|scope| {
        for writer in 0..2 {
            let (sandbox, article) = (&sandbox, &article);
            scope.spawn(move || {
                for n in 0..EACH {
                    sandbox.add(article, &numbered_quote(writer * EACH + n));
                }
            });
        }
    });
    let all = sandbox.list();
    assert_eq!(all.len(), OTHERS as usize + 2 * EACH);
    let list: Vec<_> = all
        .into_iter()
        .filter(|b| b["id"].as_u64().is_some_and(|id| id > OTHERS))
        .collect();
    assert_eq!(list.len(), 2 * EACH);
    let unique: BTreeSet<u64> = ids(&list).into_iter().collect();
    assert_eq!(unique.len(), 2 * EACH, "ids are unique");
    let quotes: BTreeSet<&str> = list.iter().filter_map(|b| b["quote"].as_str()).collect();
    assert_eq!(quotes.len(), 2 * EACH, "every quote is there once");
}
