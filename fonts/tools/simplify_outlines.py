"""Write a CFF font whose glyph outlines are FontForge's simplified ones, where
they are faithful, and print what it measured.

Needs fontTools, numpy and scipy (pip install fonttools numpy scipy).

Usage: python3 simplify_outlines.py ORIGINAL.otf OUTLINES.json OUT.otf MAX_DEVIATION

For each glyph the simplified outline is taken only if
  - it has as many contours as the original, winding the same way, and
  - no point of either outline lies farther than MAX_DEVIATION font units from
    the other outline (the symmetric Hausdorff distance, with both outlines
    sampled every 0.25 units);
otherwise the original charstring is kept as it is. A simplified glyph is
written without hints. Every other table, the advance widths and the glyph
order stay as they are.
"""

import collections
import json
import math
import multiprocessing
import sys
import zlib

import numpy as np
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.reverseContourPen import ReverseContourPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

STEP = 0.25  # sampling step along an outline, font units


def from_fontforge(contours):
    """FontForge contours of [x, y, on_curve] -> contours of segments
    ((p0, p1) lines, (p0, c1, c2, p3) cubics), points rounded to integers."""
    out = []
    for c in contours:
        start = next((i for i, p in enumerate(c) if p[2]), None)
        if start is None:
            continue
        c = c[start:] + c[:start]
        pt = lambda p: (round(p[0]), round(p[1]))
        n, cur, i, segs = len(c), pt(c[0]), 1, []
        while i <= n:
            p = c[i % n]
            if p[2]:
                nxt = pt(p)
                segs.append((cur, nxt))
                i += 1
            else:
                nxt = pt(c[(i + 2) % n])
                segs.append((cur, pt(p), pt(c[(i + 1) % n]), nxt))
                i += 3
            cur = nxt
        out.append(segs)
    return out


def from_charstring(charstring):
    """A charstring's outline as contours of segments (closed explicitly)."""
    rec = RecordingPen()
    charstring.draw(rec)
    out, segs, cur, start = [], [], None, None
    for op, args in rec.value:
        if op == "moveTo":
            segs, cur, start = [], args[0], args[0]
        elif op == "lineTo":
            segs.append((cur, args[0]))
            cur = args[0]
        elif op == "curveTo":
            segs.append((cur,) + tuple(args))
            cur = args[-1]
        elif op in ("closePath", "endPath"):
            if cur != start:
                segs.append((cur, start))
            out.append(segs)
    return out


def sample(segs, step):
    pts = []
    for s in segs:
        p = np.array(s, float)
        length = sum(math.hypot(*(p[k + 1] - p[k])) for k in range(len(s) - 1))
        t = np.linspace(0, 1, max(1, int(length / step)) + 1)[:, None]
        if len(s) == 2:
            pts.append(p[0] + (p[1] - p[0]) * t)
        else:
            u = 1 - t
            pts.append(u**3 * p[0] + 3 * u * u * t * p[1] + 3 * u * t * t * p[2] + t**3 * p[3])
    return np.concatenate(pts) if pts else np.zeros((0, 2))


def signed_area(segs):
    p = sample(segs, 2.0)
    x, y = p[:, 0], p[:, 1]
    return 0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def deviation(a, b):
    """Symmetric Hausdorff distance between two outlines, font units."""
    from scipy.spatial import cKDTree

    pa = np.concatenate([sample(s, STEP) for s in a]) if a else np.zeros((0, 2))
    pb = np.concatenate([sample(s, STEP) for s in b]) if b else np.zeros((0, 2))
    if len(pa) == 0 or len(pb) == 0:
        return 0.0 if len(pa) == len(pb) else math.inf
    return max(cKDTree(pb).query(pa)[0].max(), cKDTree(pa).query(pb)[0].max())


def judge(job):
    """(name, original outline, simplified outline) -> (name, verdict, deviation)."""
    name, orig, simple = job
    if len(orig) != len(simple):
        return name, "contours", math.inf
    # FontForge turns contours round; simplified ones are written back reversed.
    for o, s in zip(orig, simple):
        ao, as_ = signed_area(o), signed_area(s)
        if abs(ao) > 50 and (ao > 0) == (as_ > 0):
            return name, "winding", math.inf
    return name, "ok", deviation(orig, simple)


def charstring(segs, width, private, gsubrs):
    arg = None if width == private.defaultWidthX else width - private.nominalWidthX
    pen = T2CharStringPen(arg, None)
    rev = ReverseContourPen(pen)
    for contour in segs:
        rev.moveTo(contour[0][0])
        for s in contour:
            if len(s) == 2:
                rev.lineTo(s[1])
            else:
                rev.curveTo(*s[1:])
        rev.closePath()
    cs = pen.getCharString(private=private, globalSubrs=gsubrs)
    cs.compile()
    return cs


def main():
    src, outlines, dst, limit = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    font = TTFont(src, recalcTimestamp=False)
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    strings = top.CharStrings
    hmtx = font["hmtx"]
    simple = json.load(open(outlines))

    jobs, originals = [], {}
    for name in font.getGlyphOrder():
        cid = "0" if name == ".notdef" else str(int(name[3:]))
        cs = strings[name]
        orig = from_charstring(cs)
        cs.compile()
        originals[name] = cs.bytecode
        jobs.append((name, orig, from_fontforge(simple[cid])))

    with multiprocessing.Pool() as pool:
        verdicts = pool.map(judge, jobs, chunksize=64)

    kept, taken, worst = collections.Counter(), 0, 0.0
    before = after = b""
    by_name = {name: simple_segs for name, _, simple_segs in jobs}
    for name, verdict, dev in verdicts:
        cs, fd = strings.getItemAndSelector(name)
        if verdict == "ok" and dev <= limit:
            private = top.FDArray[fd].Private if hasattr(top, "FDArray") else top.Private
            new = charstring(by_name[name], hmtx[name][0], private, cs.globalSubrs)
            strings[name] = new
            taken += 1
            worst = max(worst, dev)
            before += originals[name]
            after += new.bytecode
        else:
            kept["deviation" if verdict == "ok" else verdict] += 1

    # Say in the font that it is not the original.
    for rec in font["name"].names:
        if rec.nameID == 5:
            rec.string = rec.toUnicode() + "; outlines simplified by gongwen"
    font.save(dst)

    total = len(verdicts)
    print(
        f"{dst}: {taken} of {total} glyphs simplified "
        f"(largest deviation {worst:.2f} units, limit {limit}); "
        f"kept as they were: {dict(kept) or 'none'}; "
        f"those glyphs' charstrings {len(before)} -> {len(after)} bytes, "
        f"deflated {len(zlib.compress(before, 6))} -> {len(zlib.compress(after, 6))}"
    )


if __name__ == "__main__":
    main()
