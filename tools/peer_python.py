#!/usr/bin/env python3
"""The Python peer of tools/bench-peers.sh: what a Python program does to
show Persian in a terminal, with arabic_reshaper and python-bidi.

    peer_python.py [--width N] FILE

Each paragraph (input line) is shaped whole (arabic_reshaper.reshape:
presentation forms, lam-alef), wrapped at word boundaries to N code points
(textwrap, the nearest thing to barg's word wrap; a word longer than N is
cut), and each wrapped line is reordered with bidi.get_display, at the
paragraph's own direction (its first strong letter, as barg's auto
direction), so the lines of an RTL paragraph stay RTL. One visual line is
written per row.

What it does not do, and barg does: count terminal cells (a zero-width
harakat counts as one here, so some lines are shorter than N cells), keep
each cell's logical offset, mirror by the paragraph rather than the line,
expand tabs, pad RTL lines to the right edge, or use more than one core.
"""

import argparse
import sys
import textwrap

import arabic_reshaper
from bidi import get_base_level, get_display


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("file")
    args = parser.parse_args()
    if args.width < 1:
        parser.error("--width must be at least 1")
    wrapper = textwrap.TextWrapper(
        width=args.width, break_on_hyphens=False, expand_tabs=False
    )
    reshape = arabic_reshaper.ArabicReshaper().reshape
    out = sys.stdout
    try:
        with open(args.file, encoding="utf-8") as f:
            for paragraph in f:
                paragraph = paragraph.rstrip("\n")
                if not paragraph.strip():
                    out.write("\n")
                    continue
                base = "R" if get_base_level(paragraph) == 1 else "L"
                for line in wrapper.wrap(reshape(paragraph)):
                    out.write(get_display(line, base_dir=base))
                    out.write("\n")
    except (OSError, UnicodeDecodeError) as e:
        print(f"peer_python.py: {args.file}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
