#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) on one core, one after another, and prints what
# libFuzzer reports at the end of each run. This machine has no nightly toolchain: cargo-fuzz needs
# nightly's -Z flags, which RUSTC_BOOTSTRAP=1 unlocks on the stable compiler.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]    (needs `cargo install cargo-fuzz`)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(source import render template image word)
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    log="${TMPDIR:-/tmp}/gongwen-fuzz-$t-$$.log"
    echo "== $t for ${seconds}s"
    # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: 2 GiB is a leak or a bomb.
    cargo fuzz run -O "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tee "$log" |
        grep -E '^(stat::|==|Done|SUMMARY|.*(panicked|ERROR|crash))' || true
    if grep -q -E "SUMMARY|panicked|ERROR: libFuzzer" "$log"; then
        echo "$t: found a failure (see $log and fuzz/artifacts/$t)"
        exit 1
    fi
done
