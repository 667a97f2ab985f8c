#!/bin/sh
# Regenerates each NAME.docx from its NAME.fodt, beside it, with LibreOffice's own DOCX export
# ("MS Word 2007 XML"). A .fodt is a flat ODT: one XML file holding the text, the paragraph
# styles (Heading 1..4, Title), the list styles with Chinese numbering and the tables.
#   sh make-docx.sh                 # every .fodt in this folder
#   sh make-docx.sh DIR|FILE.fodt…  # the .fodt files in each DIR, and these files
# Needs soffice (LibreOffice 7.4.7 made the files in the repository).
set -eu
[ "$#" -gt 0 ] || set -- "$(dirname "$0")"
# A profile of its own, so that a LibreOffice open elsewhere does not take the job.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

convert() {
    [ -f "$1" ] || { echo "no such file: $1" >&2; exit 1; }
    out=${1%.fodt}.docx
    rm -f "$out"
    soffice -env:UserInstallation="file://$profile" --headless \
        --convert-to docx:"MS Word 2007 XML" --outdir "$(dirname "$1")" "$1" >/dev/null 2>&1
    [ -s "$out" ] || { echo "LibreOffice did not write $out" >&2; exit 1; }
    echo "$out"
}

for arg in "$@"; do
    if [ -d "$arg" ]; then
        for f in "$arg"/*.fodt; do convert "$f"; done
    else
        convert "$arg"
    fi
done
