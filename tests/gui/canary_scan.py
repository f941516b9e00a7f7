#!/usr/bin/env python3
"""Scans every file under a directory for a marker string: raw UTF-8, UTF-16LE/BE, base64
(all three alignments), hex (both cases) and URL-encoding. Exit 1 with the hits if any."""
import base64, binascii, os, sys

def needles(marker: str):
    raw = marker.encode()
    out = {"utf8": raw, "utf16le": marker.encode("utf-16-le"), "utf16be": marker.encode("utf-16-be"),
           "hex": binascii.hexlify(raw), "HEX": binascii.hexlify(raw).upper()}
    for shift in range(3):
        enc = base64.b64encode(b"\0" * shift + raw)[4 if shift else 0:]
        # keep the stable middle part of the encoding
        out[f"base64+{shift}"] = enc[2:-4] if len(enc) > 8 else enc
    return out

def main():
    marker, root = sys.argv[1], sys.argv[2]
    hits, files = [], 0
    ns = needles(marker)
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            if not os.path.isfile(p):
                continue
            files += 1
            data = open(p, "rb").read()
            for kind, needle in ns.items():
                if needle and needle in data:
                    hits.append(f"{p}: {kind}")
    print(f"canary scan: {files} files under {root}")
    for h in hits:
        print("  HIT", h)
    sys.exit(1 if hits else 0)

main()
