#!/bin/sh
# Put the five original Fandol fonts (texlive-lang-chinese 2022.20230122-1, Fandol v0.3) in DIR
# and check each against originals.sha256. Downloads the package with apt-get (49 MB).
# Usage: sh fonts/tools/fetch-originals.sh DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# As root apt-get would hand the download to its _apt user, who cannot write to $work.
(cd "$work" && apt-get download -o APT::Sandbox::User=root texlive-lang-chinese >/dev/null)
dpkg-deb -x "$work"/texlive-lang-chinese_*.deb "$work/deb"
mkdir -p "$dir"
while read -r _ file; do
    cp "$work/deb/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/$file" "$dir/"
done < "$here/originals.sha256"
(cd "$dir" && sha256sum --quiet -c "$here/originals.sha256")
