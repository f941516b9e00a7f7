#!/usr/bin/python3
"""Makes Afterglow's emoji font: the emoji of Debian's Symbola (fonts-symbola: monochrome
outlines, which FreeType draws into Dear ImGui's atlas) moved to the Private Use Area code
points listed in app/core/emoji.hpp (kEmojiBlocks), and nothing else (a subset: the file and
the atlas hold only those glyphs). Dear ImGui 1.86 here has 16-bit characters and cannot ask a
font for U+1F305; the editor asks for its slot instead.
   emoji-font.py SYMBOLA.ttf app/core/emoji.hpp OUT.ttf
Needs Debian's python3-fonttools (run with /usr/bin/python3)."""
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont


def blocks(header):
    text = open(header, encoding="utf-8").read()
    body = re.search(r"kEmojiBlocks\[\]\s*=\s*\{(.*?)\};", text, re.S).group(1)
    found = [tuple(int(x, 16) for x in m) for m in re.findall(r"\{\s*(0x[0-9A-Fa-f]+),\s*(0x[0-9A-Fa-f]+),\s*(0x[0-9A-Fa-f]+)\s*\}", body)]
    if not found:
        sys.exit(f"emoji-font: no blocks found in {header}")
    return found


def main():
    src, header, out = sys.argv[1:4]
    font = TTFont(src)
    cmap = font.getBestCmap()
    moved = {}
    for first, last, slot in blocks(header):
        for cp in range(first, last + 1):
            if cp in cmap:
                moved[slot + cp - first] = cmap[cp]
    # Keep only those glyphs (and what they are built from).
    opts = subset.Options()
    opts.glyph_names = False
    opts.notdef_outline = True
    opts.layout_features = []
    opts.name_IDs = ["*"]  # the licence and the font's own name stay
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(glyphs=sorted(set(moved.values())))
    sub.subset(font)
    # One format-4 table (16-bit code points) mapping each slot to its emoji's glyph.
    from fontTools.ttLib.tables._c_m_a_p import cmap_format_4
    table = cmap_format_4(4)
    table.platformID, table.platEncID, table.language = 3, 1, 0
    table.cmap = dict(moved)
    font["cmap"].tables = [table]
    font["name"].setName("Afterglow Emoji (from Symbola)", 1, 3, 1, 0x409)
    font.save(out)
    print(f"emoji-font: {len(moved)} emoji into {out}")


if __name__ == "__main__":
    main()
