# Run with FontForge's Python (Debian: python3-fontforge, /usr/bin/python3).
#
# Writes every glyph's outline, simplified by FontForge within ERROR font units,
# as JSON: {"<CID>": [[[x, y, on_curve], ...], ...], ...}. simplify_outlines.py
# reads it, checks each glyph against the original and writes the font.
#
# Usage: /usr/bin/python3 export_outlines.py FONT.otf ERROR OUT.json
import json
import sys

import fontforge

src, error, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
font = fontforge.open(src)
outlines = {}
for glyph in font.glyphs():
    # Keep every extremum and corner; merge curves (and runs of lines) that
    # fewer curves replace within `error` font units. ("forcelines", which
    # turns nearly flat curves into lines, moved outlines by 2 units and more.)
    glyph.simplify(error, ("mergelines",))
    outlines[glyph.encoding] = [
        [[p.x, p.y, p.on_curve] for p in contour] for contour in glyph.foreground
    ]
with open(out, "w") as f:
    json.dump(outlines, f)
print(f"{src}: {len(outlines)} glyphs simplified within {error} units")
