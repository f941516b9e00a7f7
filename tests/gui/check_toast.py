#!/usr/bin/env python3
"""Reads an app's log (test hooks) on stdin and fails if, in any frame after the one an inline
confirmation opened in (its first "widget NAME ..." lines), the toast ("value toast 1", its box
"widget toast CX CY W H") covers one of the confirmation's boxes; also at the log's end.
   check_toast.py NAME [NAME ...]   (the confirmation's widgets)"""
import sys

names = set(sys.argv[1:])
boxes, toast_on, toast_box, first_frame, bad = {}, False, None, set(), []


def rect(parts):
    cx, cy, w, h = map(int, parts[2:6])
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def overlaps(a, b):
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


for line in sys.stdin.read().split("\n"):
    p = line.split()
    if p[:2] == ["value", "toast"]:
        toast_on = p[2] == "1"
    elif len(p) == 6 and p[0] == "widget" and p[1] == "toast":
        toast_box = rect(p)
    elif len(p) == 6 and p[0] == "widget" and p[1] in names:
        boxes[p[1]] = rect(p)
        if p[1] not in first_frame:  # the frame it opened in prints the toast's state after it
            first_frame.add(p[1])
            continue
        if toast_on and toast_box and overlaps(toast_box, boxes[p[1]]):
            bad.append(f"the toast covers {p[1]}")
if toast_on and toast_box:
    bad += [f"the toast covers {n}" for n, b in boxes.items() if overlaps(toast_box, b)]
print("\n".join(sorted(set(bad))) if bad else f"no toast over {', '.join(sorted(names))}")
sys.exit(1 if bad else 0)
