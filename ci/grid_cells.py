#!/usr/bin/env python3
"""Count the characters of every full line in grid cells, the first-line indent included.

../shared/tools/check_pdf.py's chars-per-line counts the characters of each full CJK line and
wants 28. A paragraph's first line is indented 2 字 (GB/T 9704-2012 §7.3.3), so a correct first
line holds 26 characters + 2 indent cells, and the meter reports it as short. This check
measures the same lines with the meter's own grouping, and counts indent cells as cells:
characters + indent == --chars for every full line, hanging punctuation aside.

Usage: grid_cells.py FILE.pdf [--min-share S] (LibreOffice's layout may push a character down
on a few lines: --min-share 0.95, as check_docx.py allows it).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools"))
import check_pdf as m  # noqa: E402
import pdfplumber  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("pdf")
ap.add_argument("--min-share", type=float, default=1.0)
ap.add_argument("--chars", type=int, default=28)
a = ap.parse_args()
left, cell = 28 * m.MM, 156 * m.MM / 28
right, bottom = left + 156 * m.MM, (37 + 225) * m.MM
full, bad = 0, []
with pdfplumber.open(a.pdf) as pdf:
    for pno, page in enumerate(pdf.pages, 1):
        for ln in m.group_lines(page.chars):
            if ln[0]["top"] > bottom + 2 or abs(ln[0]["size"] - 16) > 0.6:
                continue
            last = ln[-1]
            hang = last["text"] in m.NO_START and last["x0"] >= right - 1.0
            end = ln[-2]["x1"] if hang and len(ln) > 1 else last["x1"]
            if end < right - cell / 2 or not all(m.is_wide(c) for c in ln):
                continue
            indent = round((ln[0]["x0"] - left) / cell)
            n = len(ln) - (1 if hang else 0) + indent
            full += 1
            if n != a.chars:
                bad.append((pno, n, "".join(c["text"] for c in ln)[:14]))
share = 1 - len(bad) / full if full else 0
ok = full > 0 and share >= a.min_share - 1e-9
print(f"{'PASS' if ok else 'FAIL'} grid-cells: {full} full CJK lines, {len(bad)} not {a.chars} cells (indent included)"
      + (f"; e.g. {bad[:3]}" if bad else ""))
sys.exit(0 if ok else 1)
