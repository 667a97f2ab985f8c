#!/bin/sh
# Rebuild the five bundled Fandol fonts from the originals: every glyph outline
# simplified by FontForge within 0.5 font units, kept only where it stays within
# 1.5 units (1/1000 em) of the original, and written without hints. See
# fonts/README.md ("Simplified outlines") for why and for what was measured.
#
# Needs: Debian's python3-fontforge (run by /usr/bin/python3), and a python3 with
# fonttools, numpy and scipy (pip install fonttools numpy scipy).
# Usage:  sh fonts/tools/simplify-fandol.sh
#         FANDOL_DIR=/folder/with/the/originals sh fonts/tools/simplify-fandol.sh
# Without FANDOL_DIR it fetches the originals (fetch-originals.sh). Either way
# each must match its SHA-256 in originals.sha256. About 30 minutes on 2 cores.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
fonts=$(dirname "$here")
ERROR=0.5      # FontForge's simplify error bound, font units
LIMIT=1.5      # largest accepted deviation from the original, font units
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${FANDOL_DIR:-}" ]; then
    FANDOL_DIR="$work/originals"
    sh "$here/fetch-originals.sh" "$FANDOL_DIR"
fi
(cd "$FANDOL_DIR" && sha256sum --quiet -c "$here/originals.sha256")

while read -r _ file; do
    # FontForge's own chatter (its program root, the VORG table it ignores) goes
    # to a log that is shown only if the export fails.
    /usr/bin/python3 "$here/export_outlines.py" "$FANDOL_DIR/$file" "$ERROR" "$work/outlines.json" \
        2>"$work/fontforge.log" || { cat "$work/fontforge.log"; exit 1; }
    python3 "$here/simplify_outlines.py" "$FANDOL_DIR/$file" "$work/outlines.json" "$fonts/$file" "$LIMIT"
done < "$here/originals.sha256"
