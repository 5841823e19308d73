#!/usr/bin/env bash
# Write at least 4 MB of Persian (barg's own Persian samples, repeated) to $1,
# the input of the README's performance comparison.
set -euo pipefail
out=${1:?usage: tools/make-bench-text.sh OUT.txt}
cd "$(dirname "$0")/.."
: > "$out"
while [ "$(stat -c %s "$out")" -lt $((4 * 1024 * 1024)) ]; do
    cat assets/articles/fa-*.txt >> "$out"
done
