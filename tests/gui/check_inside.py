#!/usr/bin/env python3
"""Reads "widget NAME CX CY W H" lines (the app's test hooks) on stdin and checks that the
box of INNER lies wholly inside the box of OUTER (e.g. a scale inside the scrolling column's
visible part, not behind a pinned footer).   check_inside.py INNER OUTER"""
import sys
inner, outer = sys.argv[1:3]
boxes = {}
for line in sys.stdin.read().split("\n"):
    if line.strip():
        _, name, cx, cy, bw, bh = line.split()
        cx, cy, bw, bh = int(cx), int(cy), int(bw), int(bh)
        boxes[name] = (cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2)
missing = [n for n in (inner, outer) if n not in boxes]
if missing:
    sys.exit(f"not reported: {' '.join(missing)}")
a, b = boxes[inner], boxes[outer]
if a[0] < b[0] - 1 or a[1] < b[1] - 1 or a[2] > b[2] + 1 or a[3] > b[3] + 1:
    sys.exit(f"{inner} ({a[0]:.0f},{a[1]:.0f})-({a[2]:.0f},{a[3]:.0f}) is not inside {outer} "
             f"({b[0]:.0f},{b[1]:.0f})-({b[2]:.0f},{b[3]:.0f})")
print(f"{inner} inside {outer}")
