#!/usr/bin/env python3
"""Reads "widget NAME CX CY W H" lines (the app's test hooks) on stdin and checks that every
box is inside a W x H window, that no two overlap and, for a narrow window, that each is at
least 44 px tall.   check_boxes.py WIDTH HEIGHT NARROW(0|1)"""
import sys
w, h, narrow = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
boxes = []
for line in sys.stdin.read().split("\n"):
    if not line.strip():
        continue
    _, name, cx, cy, bw, bh = line.split()
    cx, cy, bw, bh = int(cx), int(cy), int(bw), int(bh)
    boxes.append((name, cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2, bh))
bad = []
for name, x0, y0, x1, y1, bh in boxes:
    if x0 < 0 or y0 < 0 or x1 > w + 1 or y1 > h + 1:
        bad.append(f"{name} ({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f}) is outside the {w}x{h} window")
    if narrow and bh < 44:
        bad.append(f"{name} is {bh} px tall (< 44)")
for i, a in enumerate(boxes):
    for b in boxes[i + 1:]:
        if a[1] < b[3] - 1 and b[1] < a[3] - 1 and a[2] < b[4] - 1 and b[2] < a[4] - 1:
            bad.append(f"{a[0]} overlaps {b[0]}")
print("\n".join(bad) if bad else f"top bar OK at {w}x{h}: {len(boxes)} targets")
sys.exit(1 if bad else 0)
