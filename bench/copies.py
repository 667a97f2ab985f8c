#!/usr/bin/env python3
"""Times 50 numbered copies of the example notice (`render --copies 1-50`, one process: laid out
once, each copy's PDF drawn with its own 份号) against 50 separate renders of it to PDF (one
process each, as a script numbering copies by hand would run them), and against 50 PDFs made
by one process over 50 sources, alternating the three run after run. Prints each one's median
wall time and its ratio. Usage: bench/copies.py [RUNS]  (build first: cargo build --release)"""
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from alternate import alternate

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "gongwen"
NOTICE = ROOT / "examples" / "notice.yaml"
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
COPIES = 50


def run(args):
    subprocess.run([BIN, *args, "--no-system-fonts"], check=True, capture_output=True)


with tempfile.TemporaryDirectory() as out:
    out = Path(out)
    # 50 sources differing in their copy_number, for the one-process batch.
    text = NOTICE.read_text(encoding="utf-8")
    sources = out / "sources"
    sources.mkdir()
    for n in range(1, COPIES + 1):
        numbered = re.sub(r'copy_number: "\d+"', f'copy_number: "{n:06}"', text)
        (sources / f"notice-{n:06}.yaml").write_text(numbered, encoding="utf-8")
        for image in ("seal.png", "stamp.png"):
            target = sources / image
            if not target.exists():
                target.write_bytes((ROOT / "examples" / image).read_bytes())

    def copies():
        run(["render", str(NOTICE), "--copies", f"1-{COPIES}", "-o", str(out / "copies") + "/"])

    def separate():
        for n in range(1, COPIES + 1):
            run(["render", str(sources / f"notice-{n:06}.yaml"), "-o", str(out / "one.pdf")])

    def batch():
        run(["render", str(sources), "--format", "pdf", "-o", str(out / "batch") + "/"])

    commands = {
        f"--copies 1-{COPIES}": copies,
        f"{COPIES} renders, a process each": separate,
        f"{COPIES} sources, one process": batch,
    }
    # The first round warms the caches and is not counted.
    times = alternate(commands, RUNS, warmups=1)
    base = statistics.median(times[f"--copies 1-{COPIES}"])
    print(f"{'50 numbered copies of the notice':36} {'median':>10} {'vs --copies':>11}")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:36} {median * 1000:7.0f} ms {median / base:10.2f}x")
