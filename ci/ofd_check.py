#!/usr/bin/env python3
"""Reads our OFD with an independent reader (ofdkit, from PyPI) and checks it against our PDF as
poppler reads it: the same number of pages, and on each page the same characters (the two
readers order a line's parts differently: pdftotext goes column by column through a table or
the 版记, ofdkit line by line, so the characters are compared as a multiset). Also prints the
document information ofdkit reads. Usage: ci/ofd_check.py FILE.ofd FILE.pdf"""
import collections
import re
import subprocess
import sys

import ofdkit


def pdf_pages(path):
    text = subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def characters(text):
    return collections.Counter(re.sub(r"\s", "", text))


def main():
    ofd_path, pdf_path = sys.argv[1], sys.argv[2]
    document = ofdkit.open(ofd_path)
    ofd = [page.text() for page in document.pages]
    pdf = pdf_pages(pdf_path)
    assert len(ofd) == len(pdf), f"{ofd_path}: {len(ofd)} OFD pages, {len(pdf)} PDF pages"
    for number, (a, b) in enumerate(zip(ofd, pdf), start=1):
        if characters(a) != characters(b):
            extra, missing = characters(a) - characters(b), characters(b) - characters(a)
            sys.exit(f"{ofd_path} page {number}: OFD has {dict(extra)} more, {dict(missing)} fewer")
    title = getattr(document.info, "title", None)
    count = sum(sum(characters(t).values()) for t in ofd)
    print(f"{ofd_path}: {len(ofd)} pages, each with the PDF's characters ({count}); title {title!r}")
    if document.warnings:
        sys.exit(f"{ofd_path}: ofdkit warns: {document.warnings}")


if __name__ == "__main__":
    main()
