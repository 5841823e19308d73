#!/usr/bin/env bash
# Time `barg list` and `barg search` on a library of 1,000 articles (about
# 20 MB: two Persian for every English one, words drawn by a fixed
# pseudo-random sequence), generated in a temporary data directory's
# library folder. Prints each run and the median of RUNS (default 7), in
# milliseconds, whole process included (start, loading, output).
#
#     tools/bench-list.sh            # builds release first
#     BARG=target/release/barg RUNS=11 tools/bench-list.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
if [ -z "${BARG:-}" ]; then
    cargo build --release --quiet
    BARG=target/release/barg
fi
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data/library"
python3 - "$tmp/data/library" <<'PY'
import sys
persian = ("کتاب‌ها در شهر امروز خبرنگار گزارش داد که مردم برای دیدن نمایشگاه به "
           "خیابان آمدند و باران می‌بارید دانشگاه تهران اصفهان سال ۱۴۰۳ كتابي زبان "
           "فارسی نوشته پژوهش گفت‌وگو ایستگاه قطار کتابخانه روزنامه «نقل‌قول» چهارشنبه").split()
english = ("the library of a city reporter said people came to see exhibition street "
           "and rain was falling university year 2024 language written research "
           "conversation station train newspaper Wednesday quantum reading").split()
seed = 0x2545F4914F6CDD1D
def nxt(n):
    global seed
    seed ^= (seed << 13) & 0xFFFFFFFFFFFFFFFF
    seed ^= seed >> 7
    seed ^= (seed << 17) & 0xFFFFFFFFFFFFFFFF
    return seed % n
total = 0
for i in range(1000):
    words = english if i % 3 == 2 else persian
    lines = [" ".join(words[nxt(len(words))] for _ in range(6))]
    size = len(lines[0].encode())
    while size < 20000:
        line = " ".join(words[nxt(len(words))] for _ in range(40)) + "."
        lines.append(line)
        size += len(line.encode()) + 1
    text = "\n".join(lines) + "\n"
    total += len(text.encode())
    with open(f"{sys.argv[1]}/article-{i:04}.txt", "w", encoding="utf-8") as f:
        f.write(text)
print(f"library: 1000 articles, {total / 1e6:.1f} MB", file=sys.stderr)
PY
export BARG_DATA_DIR="$tmp/data" BARG_CONFIG="$tmp/no-config.toml" COLUMNS=100
# Wall time, and CPU time (user + system, over all threads): on a machine
# busy with other work the wall time grows, the CPU time much less.
run_once() {
    local start end cpu
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$tmp/cpu" "$@" > /dev/null
    end=$(date +%s%N)
    cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$tmp/cpu")
    echo "$(((end - start) / 1000000)) $cpu"
}
middle() {
    sort -n | sed -n "$(((runs + 1) / 2))p"
}
median() {
    local name=$1
    shift
    local walls=() cpus=() wall cpu
    "$@" > /dev/null # warm the page cache
    for _ in $(seq "$runs"); do
        read -r wall cpu < <(run_once "$@")
        walls+=("$wall")
        cpus+=("$cpu")
    done
    echo "$name: wall ${walls[*]} ms, median $(printf '%s\n' "${walls[@]}" | middle) ms;" \
        "CPU median $(printf '%s\n' "${cpus[@]}" | middle) ms on $(nproc) cores"
}
median "barg list" "$BARG" list
median "barg list --json" "$BARG" list --json
median "barg search" "$BARG" search "كتابها"
