#!/usr/bin/env bash
# Draws the app icon (a low sun over two lines of writing) with ImageMagick into DIR:
# icon-192.png, icon-512.png (rounded) and icon-maskable-512.png (full bleed, safe zone).
set -euo pipefail
dir=$1
draw() {  # draw OUT SIZE ROUNDING
  convert -size 512x512 radial-gradient:'#f6c9a8-#b8613e' \
    \( -size 512x512 xc:black -fill white -draw "roundrectangle 0,0,511,511,$3,$3" \) \
    -alpha off -compose CopyOpacity -composite -compose Over \
    -fill '#fffaf5' -draw "path 'M 152,300 A 104,104 0 0 1 360,300 Z'" \
    -draw "roundrectangle 120,322 392,340 9,9" -fill '#fffaf5c0' -draw "roundrectangle 168,362 344,378 8,8" \
    -resize "${2}x${2}" -depth 8 -strip "$1"
}
draw "$dir/icon-512.png" 512 112
draw "$dir/icon-192.png" 192 112
draw "$dir/icon-maskable-512.png" 512 0
