#!/usr/bin/env bash
# Run barg's fuzz targets (cargo-fuzz, libFuzzer), each for SECONDS.
#
#   tools/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds, every target
#
# Each target starts from its committed seeds (fuzz/seeds/TARGET) and from
# what earlier runs found (fuzz/corpus/TARGET, not committed); new inputs go
# to fuzz/corpus/TARGET. A crash, a hang (an input that takes over
# FUZZ_TIMEOUT seconds, 10 by default) or an allocation over 2 GiB is written
# to fuzz/artifacts/TARGET/; the script names the file and fails once every
# target has run. Logs are in fuzz/logs/TARGET.log.
#
# cargo-fuzz needs nightly flags: it is built on the stable toolchain with
# RUSTC_BOOTSTRAP=1. barg has no unsafe code, so the targets are built without
# a sanitizer (about twice as fast); FUZZ_SANITIZER=address builds them with
# AddressSanitizer, to check the unsafe code of the crates barg uses.
# FUZZ_ARGS adds libFuzzer options, e.g. FUZZ_ARGS=-fork=4 on four cores.
# FUZZ_SEED fixes libFuzzer's random seed: the same seed tries the same
# inputs in the same order, so a run in CI tries a prefix of what a longer
# local run with that seed tried (CI uses seed 1). Unset, each run differs,
# which is what a search for new bugs wants.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
if [[ $# -gt 0 ]]; then shift; fi
if ! [[ $seconds =~ ^[0-9]+$ ]] || [[ $seconds -eq 0 ]]; then
    echo "usage: tools/fuzz.sh [SECONDS] [TARGET...]" >&2
    exit 2
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz (cargo install cargo-fuzz --locked)" >&2
    cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
flags=(--sanitizer "${FUZZ_SANITIZER:-none}")

mapfile -t known < <(cargo fuzz list)
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=("${known[@]}")
fi
for target in "${targets[@]}"; do
    if [[ ! " ${known[*]} " =~ " $target " ]]; then
        echo "fuzz: no target $target; the targets are: ${known[*]}" >&2
        exit 2
    fi
done

start=$SECONDS
cargo fuzz build "${flags[@]}"
echo "fuzz: built in $((SECONDS - start)) s"

mkdir -p fuzz/logs
failed=()
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    log="fuzz/logs/$target.log"
    if cargo fuzz run "${flags[@]}" "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
        -print_final_stats=1 ${FUZZ_SEED:+-seed="$FUZZ_SEED"} ${FUZZ_ARGS:-} >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
        echo "fuzz: $target: ${runs:-?} runs in $seconds s, no crash"
    else
        crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
        # libFuzzer writes the failing input before it exits; anything else
        # (a build error, a broken seed folder) leaves no file.
        tail -n 40 "$log" >&2
        echo "fuzz: $target FAILED: ${crash:-no crash file, see $log}" >&2
        if [[ -n $crash ]]; then
            echo "fuzz: minimise it with: RUSTC_BOOTSTRAP=1 cargo fuzz tmin ${flags[*]} $target $crash" >&2
        fi
        failed+=("$target: ${crash:-$log}")
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    printf 'fuzz: failed: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "fuzz: ${#targets[@]} targets, $seconds s each, no crash ($((SECONDS - start)) s in all)"
