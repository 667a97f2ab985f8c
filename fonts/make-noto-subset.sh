#!/bin/sh
# Rebuild NotoSerifCJKsc-Regular-subset.otf: the Noto Serif CJK SC face, cut
# down to the code points that at least one bundled Fandol font lacks.
#
# Needs: python3 with fonttools (pip install fonttools), the four Fandol .otf
# files next to this script, and Debian's fonts-noto-cjk (NotoSerifCJK-Regular.ttc).
# Usage:  sh fonts/make-noto-subset.sh            (from anywhere)
#         NOTO_TTC=/path/to/NotoSerifCJK-Regular.ttc sh fonts/make-noto-subset.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
NOTO_TTC=${NOTO_TTC:-/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc}
OUT=${OUT:-$here/NotoSerifCJKsc-Regular-subset.otf}
# CJK layout features, restricted to the Simplified Chinese language system.
# '*' for both would also keep 'aalt' and the JP/KR/TC/HK 'locl' lookups, whose
# glyph closure adds ~11k regional-variant glyphs (30971 glyphs, 10.9 MB).
LAYOUT_FEATURES=${LAYOUT_FEATURES:-ccmp,locl,fwid,hwid,pwid,halt,palt,kern,vert,vrt2,vhal,vpal}
LAYOUT_SCRIPTS=${LAYOUT_SCRIPTS:-DFLT.dflt,hani.dflt,hani.ZHS,latn.dflt,latn.ZHS}
unicodes=$(mktemp)
trap 'rm -f "$unicodes"' EXIT

# Prints the TTC font number of "Noto Serif CJK SC" on stdout and writes the
# code point list (one U+XXXX per line) to $unicodes.
fontnum=$(python3 - "$here" "$NOTO_TTC" "$unicodes" <<'EOF'
import sys
from fontTools.ttLib import TTCollection, TTFont

here, ttc, out = sys.argv[1:4]
FANDOL = ["FandolSong-Bold", "FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular"]
RANGES = [(0x4E00, 0x9FFF),   # CJK Unified Ideographs
          (0x3400, 0x4DBF),   # CJK Ext-A
          (0x2000, 0x206F),   # General Punctuation
          (0x3000, 0x303F),   # CJK Symbols and Punctuation
          (0xFF00, 0xFFEF)]   # Halfwidth and Fullwidth Forms
wanted = {cp for lo, hi in RANGES for cp in range(lo, hi + 1)}

# Union over the four Fandol fonts of what each one lacks.
missing = set()
for name in FANDOL:
    cmap = TTFont(f"{here}/{name}.otf", lazy=True).getBestCmap()
    missing |= wanted - set(cmap)

num = None
for i, f in enumerate(TTCollection(ttc, lazy=True).fonts):
    if f["name"].getDebugName(1) == "Noto Serif CJK SC":
        num = i
        break
if num is None:
    sys.exit("Noto Serif CJK SC not found in " + ttc)

noto = TTFont(ttc, fontNumber=num, lazy=True).getBestCmap()
cps = sorted(missing & set(noto))
with open(out, "w") as fp:
    fp.writelines(f"U+{cp:04X}\n" for cp in cps)
print(f"{len(cps)} code points (Fandol union-missing {len(missing)})", file=sys.stderr)
print(num)
EOF
)
echo "Noto Serif CJK SC is font number $fontnum in $NOTO_TTC" >&2

pyftsubset "$NOTO_TTC" \
  --font-number="$fontnum" \
  --unicodes-file="$unicodes" \
  --layout-features="$LAYOUT_FEATURES" \
  --layout-scripts="$LAYOUT_SCRIPTS" \
  --name-IDs='*' --name-languages='*' --name-legacy \
  --no-hinting \
  --notdef-glyph --notdef-outline \
  --output-file="$OUT"

ls -l "$OUT" >&2
