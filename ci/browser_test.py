#!/usr/bin/env python3
"""The web page of `gongwen serve`, used as a person uses it, in headless Chromium (Debian's
`chromium`) driven by Playwright:

1. open the page: the speech starter's pages appear in the preview;
2. change one character of the speech and time the preview's update (the debounce included);
3. paste a draft (a notice) and import it: the source is shown with the importer's guesses,
   and the preview shows the notice;
4. break the source (a bracket left open): the error is marked in the editor at its line and
   said above the preview; undo it (Ctrl-Z): the preview is back;
5. download the PDF and the DOCX and hand them to the meters;
6. mark the draft 征求意见稿 in the form and download the archival PDF (PDF/A-2u, PDF/UA-1).

Screenshots of each step go to OUT (printed in the log). Usage:
  ci/browser_test.py BINARY OUT [--chromium PATH]
"""
import argparse
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "tests" / "data" / "import" / "notice-split-title-runin.txt"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url, seconds=20):
    import urllib.request
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "healthz", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"the server did not answer at {url}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("out")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{free_port()}/"
    server = subprocess.Popen([a.binary, "serve", "--addr", url[7:-1]], stderr=subprocess.PIPE)
    try:
        wait_for_server(url)
        run(url, out, a.chromium)
    finally:
        server.terminate()
        server.wait(10)


def shot(page, out, name):
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    print(f"screenshot: {path}")


def previews_done(page):
    return int(page.evaluate("document.body.dataset.previews || '0'"))


def wait_for_preview_after(page, count, timeout=15000):
    page.wait_for_function(f"Number(document.body.dataset.previews || 0) > {count}", timeout=timeout)


def run(url, out, chromium):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        # 1. The page opens on the speech starter, its pages in the preview.
        page.goto(url)
        expect(page.locator(".cm-editor")).to_be_visible()
        wait_for_preview_after(page, 0)
        pages = page.locator("#pages .page img")
        assert pages.count() >= 2, f"{pages.count()} preview pages"
        page.wait_for_function("[...document.querySelectorAll('#pages img')].every(i => i.complete && i.naturalWidth > 0)")
        print(f"1. the page opened with the speech starter: {pages.count()} preview pages")
        shot(page, out, "1-start")

        # 2. The speech's preview updated after an edit, the debounce included.
        times = []
        for i in range(6):
            done = previews_done(page)
            started = page.evaluate("""(i) => {
                const text = window.gongwenEditor.getText();
                window.gongwenEditor.setText(text.replace(/我们拿出一天半的时间[，,]?/, '我们拿出一天半的时间' + (i % 2 ? '，' : '')));
                return performance.now();
            }""", i)
            wait_for_preview_after(page, done)
            page.wait_for_function("[...document.querySelectorAll('#pages img')].every(i => i.complete)")
            times.append(page.evaluate("performance.now()") - started)
        print("2. the speech's preview after an edit (ms, debounce included): " + ", ".join(f"{t:.0f}" for t in times))
        shot(page, out, "2-edited")

        median = sorted(times)[len(times) // 2]
        print(f"   median {median:.0f} ms")
        (out / "preview-ms.json").write_text(json.dumps(times))

        # 3. Paste a draft and import it.
        done = previews_done(page)
        page.click("#paste")
        page.fill("#paste-text", DRAFT.read_text(encoding="utf-8"))
        page.click("#paste-import")
        wait_for_preview_after(page, done)
        source = page.evaluate("window.gongwenEditor.getText()")
        assert "template: notice" in source, source[:400]
        assert "青禾县人民政府办公室" in source
        expect(page.locator("#report .import")).to_be_visible()
        count = page.locator("#pages .page img").count()
        assert count >= 1
        print(f"3. the pasted notice was imported: {count} preview pages, the importer's report shown")
        shot(page, out, "3-imported")

        # 4. An error, marked in the editor at its line, then undone.
        done = previews_done(page)
        page.evaluate("""() => {
            const text = window.gongwenEditor.getText();
            window.gongwenEditor.setText(text.replace('recipients:', 'recipients: ['));
        }""")
        wait_for_preview_after(page, done)
        expect(page.locator("#status")).to_have_class("error")
        expect(page.locator("#status")).to_contain_text("行")
        expect(page.locator(".cm-lintRange-error").first).to_be_visible()
        print("4. a broken source: " + page.locator("#status").inner_text())
        shot(page, out, "4-error")
        done = previews_done(page)
        page.locator(".cm-content").click()
        page.keyboard.press("Control+z")
        wait_for_preview_after(page, done)
        expect(page.locator("#status")).not_to_have_class("error")
        undone = page.evaluate("window.gongwenEditor.getText()")
        # Undo takes back the break only, not the import just before it.
        assert "recipients: [" not in undone and "template: notice" in undone, undone[:300]
        print("   undone (Ctrl-Z): " + page.locator("#status").inner_text())

        # 5. Downloads, measured by the meters.
        files = {}
        for fmt in ("pdf", "docx"):
            with page.expect_download() as info:
                page.click(f"button.download[data-format={fmt}]:not([data-standard])")
            path = out / f"browser-notice.{fmt}"
            info.value.save_as(str(path))
            files[fmt] = path
            print(f"5. downloaded {info.value.suggested_filename} ({path.stat().st_size} bytes) to {path}")
        assert files["pdf"].read_bytes().startswith(b"%PDF-")
        assert files["docx"].read_bytes().startswith(b"PK")
        # 6. Marked as a draft in the form; the archival PDF (PDF/A-2u, PDF/UA-1) downloaded.
        done = previews_done(page)
        page.click("#tab-form")
        page.fill("#form input[name=draft]", "征求意见稿")
        page.dispatch_event("#form input[name=draft]", "change")
        page.click("#tab-source")
        wait_for_preview_after(page, done)
        source = page.evaluate("window.gongwenEditor.getText()")
        assert "draft: 征求意见稿" in source, source[:400]
        with page.expect_download() as info:
            page.click("button.download[data-standard]")
        archival = out / "browser-notice-archival.pdf"
        info.value.save_as(str(archival))
        bytes_ = archival.read_bytes()
        assert b"<pdfaid:part>2</pdfaid:part>" in bytes_ and b"<pdfuaid:part>1</pdfuaid:part>" in bytes_
        print(f"6. marked 征求意见稿 in the form; downloaded the archival PDF ({len(bytes_)} bytes)")
        shot(page, out, "6-draft")
        assert not errors, f"errors in the page: {errors}"
        (out / "downloads.json").write_text(json.dumps({k: str(v) for k, v in files.items()}))
        browser.close()


if __name__ == "__main__":
    main()
