#!/usr/bin/env bash
# Times the release binary as a whole process on the speech and on longer documents made from it
# (its body ×10 ≈ 96 pages, ×50 ≈ 480 pages), and a batch of 200 speeches; prints one table.
# Needs hyperfine and GNU time (Debian: hyperfine, time). Usage: bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A document with the speech's body repeated N times.
times() {
    awk -v n="$1" '
        body { buf = buf $0 "\n"; next }
        /^body:/ { print; body = 1; next }
        { print }
        END { for (i = 0; i < n; i++) printf "%s", buf }
    ' examples/speech.yaml > "$work/speech-x$1.yaml"
}
cp examples/speech.yaml "$work/speech.yaml"
times 10
times 50

printf '%-16s %8s %10s %12s %7s\n' input "median" "peak RSS" "PDF bytes" pages
for doc in speech speech-x10 speech-x50; do
    in="$work/$doc.yaml"
    median=$(hyperfine -N -w 3 -r 30 --export-json "$work/h.json" "$bin render $in --no-system-fonts" >/dev/null 2>&1 &&
        python3 -c "import json;print(round(json.load(open('$work/h.json'))['results'][0]['median']*1000,1))")
    rss=$( { /usr/bin/time -v "$bin" render "$in" --no-system-fonts 2>&1 >/dev/null; } | awk '/Maximum resident/ {printf "%.1f MiB", $6/1024}')
    pages=$("$bin" render "$in" --no-system-fonts 2>&1 | awk '/pdf/ {gsub(/[()]/,""); print $(NF-1)}')
    printf '%-16s %6s ms %10s %12s %7s\n' "$doc" "$median" "$rss" "$(stat -c %s "$work/$doc.pdf")" "$pages"
done

# A batch of 200: one process on all cores, against 200 processes one after another.
mkdir -p "$work/batch"
for i in $(seq 1 200); do cp examples/speech.yaml "$work/batch/s$i.yaml"; done
t0=$(date +%s.%N)
"$bin" render "$work/batch" -o "$work/out" --no-system-fonts 2>/dev/null
t1=$(date +%s.%N)
for i in $(seq 1 20); do "$bin" render "$work/batch/s$i.yaml" -o "$work/seq" --no-system-fonts 2>/dev/null; done
t2=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" <<'PY'
import sys
t0, t1, t2 = map(float, sys.argv[1:])
batch = 200 / (t1 - t0)
single = 20 / (t2 - t1)
print(f"batch of 200: {t1 - t0:.2f} s, {batch:.1f} files/s; one at a time: {single:.1f} files/s; {batch / single:.2f}x")
PY

# Side by side with the Typst CLI on the same speech and fonts (issue 20): the whole processes
# alternating, 20 runs each. Typst is installed when missing (about 20 minutes on 2 cores).
command -v typst >/dev/null || cargo install --locked typst-cli
python3 bench/side_by_side.py "$bin" ../shared/anchors/typst "$work/typst" 20
