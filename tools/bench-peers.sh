#!/usr/bin/env bash
# barg against its peers, on the same files in one run, and the reader's
# launch, resize and memory; prints a Markdown table (README "Performance").
#
#     tools/bench-peers.sh              # full run: 10 runs each, 3 for slow work
#     tools/bench-peers.sh --runs 5     # 5 runs each (slow work: 2)
#     tools/bench-peers.sh --quick      # small inputs, 2 runs: checks the script
#
# The peers, each given the same file and a width of 80:
# - `barg render --width 80`: bidi levels per paragraph (UAX #9), shaping
#   (presentation forms, lam-alef), word wrap in terminal cells, reordering
#   and mirroring per line, RTL lines set against the right edge, every
#   cell's logical offset kept; paragraphs in parallel over rayon.
# - `fribidi --width 80` (GNU FriBidi's CLI): levels, shaping (arabic joining
#   and lam-alef ligatures), reordering and mirroring per line; it cuts lines
#   at 80 characters, inside words, pads them, and reads a line in chunks of
#   its buffer (65,000 bytes), so it is left out of the 50 MB line.
# - tools/peer_python.py (arabic_reshaper.reshape + python-bidi's
#   get_display): each paragraph shaped whole, wrapped at word boundaries to
#   80 code points (textwrap: the fairest match for barg's word wrap), each
#   line reordered at the paragraph's own direction; no cell widths (a
#   harakat counts as one), no padding, no offsets, one core whatever it is
#   given. Too slow for the 50 MB line, so left out of it.
# One core is `taskset -c 0` with RAYON_NUM_THREADS=1; all cores is neither.
# barg and FriBidi run in alternation (barg, FriBidi, barg, …) and their
# ratio is the median of each round's ratio: this machine's speed drifts by
# up to half between minutes, so the runs of one command and then the other's
# would compare two different machines.
#
# The reader (`barg FILE`) runs in a detached tmux session of 100x30 on its
# own tmux server: the time from launch (stamped by the pane's shell just
# before it execs barg) until the status line (the bottom row) is drawn;
# then until it settles (barg idle for 0.3 s, its status row unchanged: the first
# screen comes before the quotations are found and counted, and that time is
# not in the figure); the resize (`tmux resize-window -x 60`, once settled)
# until the status line is drawn again at 60 columns; peak memory is VmHWM of barg's own process
# (/proc/PID/status). Screens are polled with `tmux capture-pane` every few
# milliseconds, so these times carry a few ms of polling.
#
# Needs (installed if missing, with apt-get; root or sudo): fribidi
# (libfribidi-bin), hyperfine, tmux, GNU time, python3-venv. arabic_reshaper
# and python-bidi go into a venv in the cache folder
# (${XDG_CACHE_HOME:-~/.cache}/barg-bench), never the system Python; the
# inputs are generated there too and kept between runs. barg is built with
# `cargo build --release` (BARG=path uses that binary instead).
set -euo pipefail

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    echo "Options: --runs N (runs per measurement, default 10; slow work N/3), --quick, --help"
}

runs=10
quick=
while [ $# -gt 0 ]; do
    case $1 in
    --runs)
        [ $# -ge 2 ] || { echo "bench-peers: --runs needs a number" >&2; exit 2; }
        runs=$2
        shift 2
        ;;
    --runs=*)
        runs=${1#--runs=}
        shift
        ;;
    --quick)
        quick=1
        shift
        ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        echo "bench-peers: unknown argument '$1' (see --help)" >&2
        exit 2
        ;;
    esac
done
case $runs in
'' | *[!0-9]* | 0)
    echo "bench-peers: --runs wants a whole number of at least 1, not '$runs'" >&2
    exit 2
    ;;
esac
[ -z "$quick" ] || [ "$runs" != 10 ] || runs=2
slow_runs=$(((runs + 2) / 3))

say() { printf 'bench-peers: %s\n' "$*" >&2; }
die() {
    say "$*"
    exit 1
}

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/barg-bench
mkdir -p "$cache"

# --- tools ---------------------------------------------------------------
as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo > /dev/null; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}
missing=()
command -v fribidi > /dev/null || missing+=(libfribidi-bin)
command -v hyperfine > /dev/null || missing+=(hyperfine)
command -v tmux > /dev/null || missing+=(tmux)
command -v taskset > /dev/null || missing+=(util-linux)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 > /dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} with apt-get"
    as_root apt-get update -qq
    # Another apt-get may hold the lock (a second session): wait for it.
    as_root apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" > /dev/null
fi
venv=$cache/venv
if ! "$venv/bin/python" -c 'import arabic_reshaper, bidi' 2> /dev/null; then
    say "installing arabic_reshaper and python-bidi into $venv"
    if ! python3 -m venv "$venv" 2> /dev/null; then
        as_root apt-get -o DPkg::Lock::Timeout=300 install -y -qq python3-venv > /dev/null
        rm -rf "$venv"
        python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install -q arabic_reshaper python-bidi
fi
peer_versions=$("$venv/bin/python" -c '
import importlib.metadata as m
print("arabic_reshaper", m.version("arabic_reshaper") + ", python-bidi", m.version("python-bidi"))')
fribidi_version=$(dpkg-query -W -f '${Version}' libfribidi-bin 2> /dev/null || echo "?")

# --- barg ----------------------------------------------------------------
if [ -z "${BARG:-}" ]; then
    say "building barg (cargo build --release)"
    (cd "$root" && cargo build --release --quiet)
    target=$(cd "$root" && cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    BARG=$target/release/barg
fi
[ -x "$BARG" ] || die "no barg at $BARG"
BARG=$(cd "$(dirname "$BARG")" && pwd)/$(basename "$BARG")

# --- inputs --------------------------------------------------------------
if [ -n "$quick" ]; then
    text_mb=1 line_mb=5 article_mb=2
else
    text_mb=4 line_mb=50 article_mb=20
fi
text=$cache/fa-${text_mb}m.txt
line=$cache/line-${line_mb}m.txt
article=$cache/article-${article_mb}m.txt
short=$cache/article-60k.txt
if [ ! -s "$text" ]; then
    say "writing $text"
    "$root/tools/make-bench-text.sh" "$cache/fa-4m.txt"
    # The quick run's 1 MB: the 4 MB's first paragraphs.
    [ "$text_mb" = 4 ] || python3 - "$cache/fa-4m.txt" "$text" "$text_mb" << 'PY'
import sys
data = open(sys.argv[1], "rb").read()
cut = data.rfind(b"\n", 0, int(sys.argv[3]) << 20) + 1
open(sys.argv[2], "wb").write(data[:cut])
PY
fi
for want in "$line" "$article" "$short"; do
    [ -s "$want" ] && continue
    say "writing $want"
    python3 - "$root" "$want" "$line_mb" "$article_mb" << 'PY'
import glob, os, sys
root, out, line_mb, article_mb = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
# The Persian samples, as tools/make-bench-text.sh repeats them.
block = "".join(open(p, encoding="utf-8").read()
                for p in sorted(glob.glob(os.path.join(root, "assets/articles/fa-*.txt"))))
name = os.path.basename(out)
if name.startswith("line-"):
    # One paragraph of the samples' words, cut at a space: valid UTF-8.
    words = " ".join(block.split()).encode()
    size = line_mb << 20
    data = words * (size // len(words) + 1)
    data = data[: data.rfind(b" ", 0, size)] + b"\n"
elif name == "article-60k.txt":
    # About 60,000 characters of paragraphs, ending at a space.
    text = block * (60_000 // len(block) + 1)
    text = text[: text.rfind(" ", 0, 60_000)].rstrip() + "\n"
    data = text.encode()
else:
    data = block.encode() * ((article_mb << 20) // len(block.encode()) + 1)
with open(out + ".part", "wb") as f:
    f.write(data)
os.replace(out + ".part", out)
PY
done

# --- measuring -----------------------------------------------------------
work=$(mktemp -d)
tmux_socket=barg-bench-$$
cleanup() {
    tmux -L "$tmux_socket" kill-server 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
export BARG_CONFIG=$work/no-config.toml BARG_DATA_DIR=$work/data
mkdir -p "$BARG_DATA_DIR"
one_core=(taskset -c 0 env RAYON_NUM_THREADS=1)

# hyperfine's median of a command, in ms, and its runs.
median_ms() { # JSON
    python3 -c 'import json, sys; print("%.0f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$1"
}
timed() { # RUNS COMMAND... -> median ms
    local n=$1
    shift
    local warmup=1
    [ "$n" -gt 2 ] || warmup=0
    hyperfine -N --warmup "$warmup" --runs "$n" --export-json "$work/h.json" \
        --command-name "$(basename "$1") ${*:2}" -- "$(printf '%q ' "$@")" >&2 ||
        die "failed: $*"
    median_ms "$work/h.json"
}
# Two commands in alternation, a round unmeasured first: each one's median
# in ms and the median of the rounds' ratios.
paired() { # RUNS COMMAND... --vs COMMAND... -> "A_MS B_MS RATIO"
    python3 - "$@" << 'PY'
import statistics, subprocess, sys, time
runs, args = int(sys.argv[1]), sys.argv[2:]
split = args.index("--vs")
commands, times = [args[:split], args[split + 1:]], [[], []]
for round in range(runs + 1):
    for k, command in enumerate(commands):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        if round:
            times[k].append((time.perf_counter() - start) * 1000)
ratio = statistics.median(a / b for a, b in zip(*times))
print("%.0f %.0f %.2f" % (statistics.median(times[0]), statistics.median(times[1]), ratio))
PY
}
# Peak resident memory of one run, in MB.
peak_mb() { # COMMAND...
    /usr/bin/time -f %M -o "$work/mem" "$@" > /dev/null || die "failed: $*"
    awk '{ printf "%.1f", $1 / 1024 }' "$work/mem"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
now_us() { echo "${EPOCHREALTIME/./}"; }

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); }

# barg render against both peers, on one core and on all.
for cores in one all; do
    if [ $cores = one ]; then pre=("${one_core[@]}") label="one core"; else pre=() label="all cores ($(nproc))"; fi
    say "render, $(mb "$text"), $label"
    timings=$(paired "$runs" "${pre[@]}" "$BARG" render --width 80 "$text" \
        --vs "${pre[@]}" fribidi --width 80 "$text") || die "failed: barg or fribidi on $text"
    read -r b f paired_ratio <<< "$timings"
    bm=$(peak_mb "${pre[@]}" "$BARG" render --width 80 "$text")
    fm=$(peak_mb "${pre[@]}" fribidi --width 80 "$text")
    p=$(timed "$slow_runs" "${pre[@]}" "$venv/bin/python" "$root/tools/peer_python.py" --width 80 "$text")
    pm=$(peak_mb "${pre[@]}" "$venv/bin/python" "$root/tools/peer_python.py" --width 80 "$text")
    row "\`render --width 80\`, $(mb "$text") of Persian, $label" "$b ms, $bm MB" \
        "FriBidi $f ms, $fm MB" "**$paired_ratio**" ""
    row "the same" "$b ms" "Python $p ms, $pm MB" "$(ratio "$b" "$p")" ""
done

say "render, one line of $(mb "$line")"
lb=$(timed "$slow_runs" "$BARG" render --width 80 "$line")
lm=$(peak_mb "$BARG" render --width 80 "$line")
times_input=$(awk -v m="$lm" -v b="$(stat -c %s "$line")" 'BEGIN { printf "%.1f", m * 1048576 / b }')
row "\`render --width 80\`, one line of $(mb "$line"), all cores" "$lb ms, $lm MB ($times_input × input)" \
    "" "" "under 1.5 s, under 3 × input"

# The reader in tmux: launch to the first screen, resize to 60 columns.
status_row() { tmux -L "$tmux_socket" capture-pane -p -t bench -S 29 -E 29; }
wait_until() { # TIMEOUT_S WHAT TEST...
    local seconds=$1 what=$2 limit
    limit=$(($(now_us) + seconds * 1000000))
    shift 2
    until "$@"; do
        [ "$(now_us)" -lt "$limit" ] || die "the reader showed no $what within $seconds s: $BARG"
        sleep 0.003
    done
}
drawn() { [ -n "$(status_row | tr -d ' ')" ]; }
# Drawn again at 60 columns: the status row is no longer the one of 100
# columns as tmux cut it (cut here by the columns each character takes).
redrawn() {
    local now
    now=$(status_row)
    [ "${now%"${now##*[! ]}"}" != "$cut_status" ]
}
cut_to_60() {
    python3 -c '
import sys, unicodedata
out, width = [], 0
for c in sys.argv[1]:
    w = 0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in "WF" else 1
    if width + w > 60:
        break
    out.append(c)
    width += w
print("".join(out).rstrip())' "$1"
}
# CPU time barg has used (user + system, in ticks).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
reader() { # FILE -> "launch_ms resize_ms hwm_launch_mb hwm_mb"
    local file=$1 pid launch settled resize hwm1 hwm2 old
    # The last run's server, gone before the next starts on its socket.
    tmux -L "$tmux_socket" kill-server 2> /dev/null || true
    while tmux -L "$tmux_socket" has-session 2> /dev/null; do sleep 0.01; done
    rm -f "$work/t0"
    # The pane's bash stamps the time, then becomes barg (the pane's pid).
    local start
    start="printf %s \"\$EPOCHREALTIME\" > $(printf %q "$work/t0"); exec $(printf %q "$BARG") $(printf %q "$file")"
    tmux -L "$tmux_socket" -f /dev/null new-session -d -s bench -x 100 -y 30 \
        "exec bash -c $(printf %q "$start")"
    tmux -L "$tmux_socket" set-option -g window-size manual 2> /dev/null || true
    wait_until 300 "first screen" drawn
    local t0 now changed ticks busy
    t0=$(tr -d . < "$work/t0")
    changed=$(now_us)
    launch=$((changed - t0))
    pid=$(tmux -L "$tmux_socket" list-panes -t bench -F '#{pane_pid}')
    # Settled: barg idle (no CPU time for 0.3 s) and its status row the same
    # since; the first screen comes before the quotations are counted. The
    # time is that of the status row's last change. Resized only then, so
    # that the resize is not also the end of opening.
    old=$(status_row)
    ticks=$(cpu_ticks "$pid") busy=$(now_us)
    while [ $(($(now_us) - busy)) -lt 300000 ] || [ $(($(now_us) - changed)) -lt 300000 ]; do
        sleep 0.003
        now=$(status_row)
        if [ "$now" != "$old" ]; then
            old=$now changed=$(now_us)
        fi
        if [ "$(cpu_ticks "$pid")" != "$ticks" ]; then
            ticks=$(cpu_ticks "$pid") busy=$(now_us)
        fi
        [ $(($(now_us) - t0)) -lt 300000000 ] || die "the reader did not settle within 300 s: $BARG"
    done
    settled=$((changed - t0))
    hwm1=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
    cut_status=$(cut_to_60 "$old")
    local t1
    t1=$(now_us)
    tmux -L "$tmux_socket" resize-window -t bench -x 60 -y 30
    wait_until 300 "screen at 60 columns" redrawn
    resize=$(($(now_us) - t1))
    hwm2=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
    tmux -L "$tmux_socket" kill-server 2> /dev/null || true
    echo "$((launch / 1000)) $((resize / 1000)) $hwm1 $hwm2 $((settled / 1000))"
}
reader_rows() { # FILE NAME RUNS GOAL-LAUNCH GOAL-RESIZE GOAL-SETTLED
    local file=$1 name=$2 n=$3 launches=() settles=() resizes=() hwm1=0 hwm2=0 r
    say "reader, $name ($n runs)"
    for _ in $(seq "$n"); do
        read -r -a r <<< "$(reader "$file")"
        [ ${#r[@]} = 5 ] || die "the reader on $file could not be measured"
        launches+=("${r[0]}") resizes+=("${r[1]}") settles+=("${r[4]}")
        [ "${r[2]}" -le "$hwm1" ] || hwm1=${r[2]}
        [ "${r[3]}" -le "$hwm2" ] || hwm2=${r[3]}
    done
    local bytes mult
    bytes=$(stat -c %s "$file")
    mult=$(awk -v m="$hwm1" -v b="$bytes" 'BEGIN { printf "%.1f", m * 1048576 / b }')
    row "reader, $name: launch to first screen" "$(echo "${launches[*]}" | median) ms" "" "" "$4"
    row "reader, $name: launch to settled screen (quotations counted)" "$(echo "${settles[*]}" | median) ms, $hwm1 MB ($mult × input)" "" "" "$6"
    mult=$(awk -v m="$hwm2" -v b="$bytes" 'BEGIN { printf "%.1f", m * 1048576 / b }')
    row "reader, $name: resize 100 → 60 columns" "$(echo "${resizes[*]}" | median) ms, $hwm2 MB ($mult × input)" "" "" "$5"
}
reader_rows "$line" "one line of $(mb "$line")" "$slow_runs" "under 1 s" "under 0.5 s" "under 5 × input"
reader_rows "$article" "$(mb "$article") article of paragraphs" "$runs" "under 100 ms" "" ""
reader_rows "$short" "60,000-character article" "$runs" "" "under 16 ms (one frame)" ""

# --- the table -----------------------------------------------------------
cat << EOF

barg $("$BARG" --version 2> /dev/null | awk '{ print $NF }') ($(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo "?")), FriBidi $fribidi_version, $peer_versions; $(nproc) cores; medians of $runs runs ($slow_runs for Python, the long line and its reader); barg and FriBidi in alternation, their ratio the median of the rounds' ratios.

| work | barg median, peak memory | peer median, peak memory | ratio barg / peer | goal |
| --- | --- | --- | --- | --- |
EOF
printf '%s\n' "${rows[@]}"
