"""Render each example twice, with the original Fandol fonts and with the bundled
(simplified) ones, rasterise both PDFs with poppler and count the pixels that differ.

Needs pdftoppm (Debian: poppler-utils), numpy and Pillow, and a release build.

Usage: python3 fonts/tools/compare_renders.py ORIGINAL_FONT_DIR [--dpi N] [--max-differing N]
ORIGINAL_FONT_DIR holds the five original Fandol .otf files (fetch-originals.sh);
--font-path puts them before the bundled ones. Exits 1 if any example has more than
--max-differing pixels that differ by more than half the grey scale.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

repo = pathlib.Path(__file__).resolve().parents[2]
args = argparse.ArgumentParser()
args.add_argument("originals")
args.add_argument("--dpi", default="600")
args.add_argument("--max-differing", type=int)
args = args.parse_args()
originals, dpi = args.originals, args.dpi
binary = repo / "target" / "release" / "gongwen"


def pages(pdf, out):
    subprocess.run(["pdftoppm", "-r", dpi, "-gray", str(pdf), str(out)], check=True)
    return sorted(out.parent.glob(out.name + "-*.pgm"))


failed = []
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    print(f"{'example':<12} {'pages':>5} {'ink pixels':>12} {'differ > 25%':>13} {'differ > 50%':>13}")
    for example in sorted((repo / "examples").glob("*.yaml")):
        name = example.stem
        for kind, extra in (("orig", ["--font-path", originals]), ("new", [])):
            subprocess.run(
                [str(binary), "render", str(example), "-o", str(tmp / kind), "--format", "pdf", *extra],
                check=True,
                capture_output=True,
            )
        a = pages(tmp / "orig" / f"{name}.pdf", tmp / f"{name}-orig")
        b = pages(tmp / "new" / f"{name}.pdf", tmp / f"{name}-new")
        assert len(a) == len(b), f"{name}: {len(a)} pages against {len(b)}"
        ink = quarter = half = 0
        for pa, pb in zip(a, b):
            x = np.asarray(Image.open(pa), dtype=np.int16)
            y = np.asarray(Image.open(pb), dtype=np.int16)
            d = np.abs(x - y)
            ink += int((x < 128).sum())
            quarter += int((d > 64).sum())
            half += int((d > 128).sum())
            pa.unlink()
            pb.unlink()
        print(f"{name:<12} {len(a):>5} {ink:>12} {quarter:>13} {half:>13}")
        if args.max_differing is not None and half > args.max_differing:
            failed.append(name)
if failed:
    sys.exit(f"more than {args.max_differing} pixels differ by more than half in: {', '.join(failed)}")
