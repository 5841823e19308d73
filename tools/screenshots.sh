#!/usr/bin/env bash
# Screenshots of barg reading the Persian news sample in real terminals, for
# the README's "Terminals" section: 100x30, black on white, each into
# assets/screenshots/NAME.png.
#
#   tools/screenshots.sh [xterm] [tmux] [mlterm] [konsole]
#
# With no names: xterm, tmux (inside xterm) and mlterm. Each runs on its own
# virtual X display (Xvfb), so nothing shows on the desktop.
#
#   xterm    no bidi, no shaping of its own: barg's layout as barg drew it
#   tmux     tmux inside xterm: tmux passes barg's cells through unchanged
#   mlterm   reorders and shapes by itself; barg tells it to stand down
#            (OSC 5379 use_ctl=false) and gives its bidi back on exit
#   konsole  reorders every row and cannot be stopped: barg hands it logical
#            order with every piece of text marked with its direction
#
# Needs (Debian): apt-get install xvfb x11-utils xterm mlterm tmux imagemagick fonts-dejavu-core
# and for konsole: apt-get install --no-install-recommends konsole dbus-x11
# BARG=path/to/barg uses that binary instead of building one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/assets/screenshots
article=$root/assets/articles/fa-news.txt
wait_seconds=${WAIT:-3}
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(xterm tmux mlterm)

missing=()
for tool in Xvfb xdpyinfo import convert; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
for name in "${names[@]}"; do
    case $name in
        xterm) command -v xterm >/dev/null || missing+=(xterm) ;;
        tmux) command -v xterm >/dev/null || missing+=(xterm)
              command -v tmux >/dev/null || missing+=(tmux) ;;
        mlterm) command -v mlterm >/dev/null || missing+=(mlterm) ;;
        konsole) command -v konsole >/dev/null || missing+=(konsole)
                 command -v dbus-run-session >/dev/null || missing+=(dbus-run-session) ;;
        *) echo "screenshots.sh: unknown terminal $name (xterm, tmux, mlterm, konsole)" >&2; exit 2 ;;
    esac
done
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "screenshots.sh: missing ${missing[*]}; see the top of this script for the packages" >&2
    exit 1
fi
fonts=$(fc-list 2>/dev/null || true)
grep -q "DejaVu Sans Mono" <<<"$fonts" \
    || echo "screenshots.sh: no DejaVu Sans Mono (fonts-dejavu-core): Persian may not show" >&2

if [[ -z ${BARG:-} ]]; then
    (cd "$root" && cargo build --quiet)
    BARG=${CARGO_TARGET_DIR:-$root/target}/debug/barg
fi
mkdir -p "$out"

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    tmux -L barg-screenshots kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# barg as a reader would start it, with a fresh store and no config.
reader=(env BARG_DATA_DIR="$work/data" BARG_CONFIG="$work/no-config.toml" "$BARG" "$article")

shoot() { # NAME WAIT COMMAND...
    local name=$1 wait=$2 display
    shift 2
    display=:$((150 + RANDOM % 100))
    Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    # The terminal starts without the caller's terminal variables and sets
    # its own (MLTERM, KONSOLE_VERSION), which barg reads.
    (export DISPLAY=$display; exec env -u KONSOLE_VERSION -u TERM_PROGRAM -u MLTERM \
        -u TMUX -u VTE_VERSION -u WEZTERM_PANE "$@") >/dev/null 2>&1 &
    pids+=($!)
    sleep "$wait"
    DISPLAY=$display import -window root "$work/$name-full.png"
    # Trimmed to the window, 64 colours: a few tens of kilobytes.
    convert "$work/$name-full.png" -trim +repage -strip -colors 64 "PNG8:$out/$name.png"
    kill "${pids[@]}" 2>/dev/null || true
    pids=()
    tmux -L barg-screenshots kill-server 2>/dev/null || true
    echo "$out/$name.png"
}

xterm_with=(xterm -fa "DejaVu Sans Mono" -fs 13 -geometry 100x30 -bg white -fg black -title barg -e)

for name in "${names[@]}"; do
    case $name in
        xterm) shoot xterm "$wait_seconds" "${xterm_with[@]}" "${reader[@]}" ;;
        tmux) shoot tmux "$wait_seconds" "${xterm_with[@]}" tmux -L barg-screenshots -f /dev/null \
            new-session "$(printf '%q ' "${reader[@]}")" ;;
        mlterm) shoot mlterm "$wait_seconds" mlterm -g 100x30 --fontsize 14 --bg white --fg black -T barg \
            -e "${reader[@]}" ;;
        konsole)
            home=$work/konsole-home
            mkdir -p "$home/.local/share/konsole" "$home/.config"
            cat > "$home/.local/share/konsole/barg.profile" <<'PROFILE'
[Appearance]
ColorScheme=BlackOnWhite
Font=DejaVu Sans Mono,11,-1,5,50,0,0,0,0,0
[General]
Name=barg
Parent=FALLBACK/
TerminalColumns=100
TerminalRows=30
[Terminal Features]
BidiRenderingEnabled=true
PROFILE
            printf '[Desktop Entry]\nDefaultProfile=barg.profile\n' > "$home/.config/konsolerc"
            # Konsole takes a few seconds to start on a virtual display.
            shoot konsole "$((wait_seconds + 5))" env HOME="$home" XDG_RUNTIME_DIR="$home" QT_QPA_PLATFORM=xcb \
                dbus-run-session -- konsole --nofork --profile barg --hide-menubar \
                --hide-tabbar -e "${reader[@]}"
            ;;
    esac
done
