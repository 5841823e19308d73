#!/usr/bin/env bash
# Make a data directory whose store holds 10,000 bookmarks over copies of the
# sample articles, for the README's bookmark timings:
#   tools/make-bench-store.sh DIR   ->  DIR/articles/*.txt, DIR/store.10k.json
# It bookmarks one real quote per article with barg itself, then repeats those
# bookmarks (new ids, same quotes) up to 10,000.
set -euo pipefail
dir=${1:?usage: tools/make-bench-store.sh DIR}
cd "$(dirname "$0")/.."
cargo build --release -q
barg=$PWD/target/release/barg
mkdir -p "$dir/articles" "$dir/data"
dir=$(cd "$dir" && pwd)
cp assets/articles/*.txt "$dir/articles/"
rm -f "$dir/data/store.json"
for article in "$dir"/articles/*.txt; do
    # The first eight words of the third line (the first body paragraph).
    quote=$(sed -n 3p "$article" | cut -d' ' -f1-8)
    BARG_DATA_DIR="$dir/data" "$barg" bookmarks add "$article" --quote "$quote" --note "bench" >/dev/null
done
python3 - "$dir/data/store.json" "$dir/store.10k.json" <<'PY'
import copy, json, sys
store = json.load(open(sys.argv[1], encoding="utf-8"))
seeds = store["bookmarks"]
bookmarks = []
for n in range(10_000):
    b = copy.deepcopy(seeds[n % len(seeds)])
    b["id"] = n + 1
    b["note"] = f"bench {n}"
    bookmarks.append(b)
store["bookmarks"] = bookmarks
store["next_id"] = len(bookmarks) + 1
json.dump(store, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
echo "$dir/store.10k.json: 10000 bookmarks; run with BARG_DATA_DIR=$dir/data"
