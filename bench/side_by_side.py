#!/usr/bin/env python3
"""The speech set by gongwen and by the Typst CLI (the anchor in ../shared/anchors/typst), the
whole processes alternating run after run, so that a busy moment of a shared machine falls on
both alike; prints each one's median and the ratio. Usage:
bench/side_by_side.py GONGWEN ANCHOR_DIR WORK_DIR [RUNS]  (bench/run.sh calls it)"""
import shutil
import statistics
import sys
from pathlib import Path

from alternate import alternate

gongwen = str(Path(sys.argv[1]).resolve())
anchor, work = Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 20
root = Path(__file__).resolve().parent.parent
fonts, fallback = work / "typst-fonts", work / "typst-fallback"
for folder in (fonts, fallback):
    folder.mkdir(parents=True, exist_ok=True)
for font in (root / "fonts").glob("Fandol*.otf"):
    shutil.copy(font, fonts)
# The fallback face as the anchor's README sets it up (Debian's fonts-noto-cjk), else ours.
debian = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
own = root / "fonts" / "NotoSerifCJKsc-Regular-subset.otf"
shutil.copy(debian if debian.exists() else own, fallback)
print(f"Typst's fallback face: {debian if debian.exists() else own}")
shutil.copy(anchor / "speech.typ", work / "speech.typ")
shutil.copy(anchor / "speech.yaml", work / "speech-data.yaml")
commands = {
    "typst compile (PDF)": ["typst", "compile", "--font-path", str(fonts), "--font-path",
                            str(fallback), "--ignore-system-fonts", "--input",
                            "data=speech-data.yaml", "speech.typ", str(work / "typst.pdf")],
    "gongwen render (PDF + DOCX)": [gongwen, "render", str(root / "examples" / "speech.yaml"),
                                    "--no-system-fonts", "-o", str(work / "g") + "/"],
    "gongwen render (PDF)": [gongwen, "render", str(root / "examples" / "speech.yaml"),
                             "--no-system-fonts", "--format", "pdf", "-o", str(work / "g.pdf")],
}
times = alternate(commands, runs, warmups=3, cwd=work)
typst = statistics.median(times["typst compile (PDF)"])
print(f"{'the speech, whole process':30} {'median':>9} {'Typst / this':>13}")
for name, values in times.items():
    median = statistics.median(values)
    print(f"{name:30} {median * 1000:6.1f} ms {typst / median:12.2f}x")
