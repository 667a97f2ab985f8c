#!/usr/bin/env python3
"""Times the release binary on the example speech as PDF, as PNG pages (150 dpi), as SVG pages
and as the long image, alternating the four commands run after run (so a busy moment of a shared
machine falls on all of them alike), and prints each one's median wall time and its ratio to the
PDF's. Usage: bench/pictures.py [RUNS]  (build first: cargo build --release)"""
import statistics
import sys
import tempfile
from pathlib import Path

from alternate import alternate

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "gongwen"
SPEECH = ROOT / "examples" / "speech.yaml"
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30

with tempfile.TemporaryDirectory() as out:
    commands = {
        "PDF": ["--format", "pdf"],
        "PNG pages, 150 dpi": ["--format", "png"],
        "SVG pages": ["--format", "svg"],
        "long image, 1080 px": ["--format", "png", "--long-image"],
    }
    render = [BIN, "render", SPEECH, "--no-system-fonts", "-o", out + "/"]
    # The first three rounds warm the caches and are not counted.
    times = alternate({name: render + args for name, args in commands.items()}, RUNS, warmups=3)
    pdf = statistics.median(times["PDF"])
    print(f"{'speech as':22} {'median':>9} {'vs PDF':>7}")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:22} {median * 1000:6.1f} ms {median / pdf:6.2f}x")
