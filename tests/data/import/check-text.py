#!/usr/bin/env python3
"""Checks that each NAME.expected.yaml keeps its draft's words: the text the YAML shows (the
template's labels 一、 （一） 1. （1）, 附件：, 抄送： … rebuilt) against the draft's characters
(a .docx read through LibreOffice's text export, numbering labels included), both with all
whitespace removed and punctuation forms folded. Prints every difference for a person to
read: the only ones should be the dropped web lines, brackets dropped round a 发文字号, labels
of Word headings that have none typed, and the "附件" label of an issued document.

    python3 check-text.py [DIR]      # DIR defaults to this folder; needs PyYAML (and soffice for .docx)
"""
import sys, os, re, difflib, subprocess, yaml

CN = "零一二三四五六七八九十"


def cn(n):
    if n <= 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n - 10] if n > 10 else "")
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")


def std_label(level, i):
    return [f"{cn(i)}、", f"（{cn(i)}）", f"{i}.", f"（{i}）"][level - 1]


def body_text(items, level=1):
    out = []
    i = 0
    for it in items or []:
        if isinstance(it, str):
            out.append(it)
        elif "heading" in it:
            i += 1
            out.append(it.get("label", std_label(level, i)))
            out.append(it["heading"])
            if it.get("text"):
                out.append(it["text"])
            out.append(body_text(it.get("body"), level + 1))
        elif "table" in it:
            t = it["table"]
            out.append("".join(t["header"]))
            for r in t.get("rows", []):
                out.append("".join(r))
        else:
            out.append(it.get("lead", "") + it["text"])
    return "".join(out)


def as_list(x):
    return x if isinstance(x, list) else [x]


def shown(d, num_after_title=False):
    s = []
    tpl = d.get("template")
    for k in ("copy_number", "secrecy", "urgency"):
        if d.get(k):
            s.append(d[k])
    if d.get("issuers"):
        s.append("".join(as_list(d["issuers"])))
        s.append(d.get("mark_suffix") or ("纪要" if tpl == "minutes" else "" if tpl == "letter" else "文件"))
    if d.get("doc_number") and not num_after_title:
        s.append(d["doc_number"])
    if d.get("signers"):
        s.append("签发人：" + "".join(as_list(d["signers"])))
    if d.get("title"):
        s.append("".join(as_list(d["title"])))
    if d.get("doc_number") and num_after_title:
        s.append(d["doc_number"])
    for k in ("subtitle", "speaker"):
        if d.get(k):
            s.append(d[k])
    if d.get("date"):
        s.append(f"（{d['date']}）")
    for k in ("salutation", "recipients"):
        if d.get(k):
            s.append(d[k])
    s.append(body_text(d.get("body")))
    att = d.get("attachments") or []
    for i, a in enumerate(att):
        s.append(("附件：" if i == 0 else "") + (f"{i+1}." if len(att) > 1 else "") + a)
    sig = d.get("signature")
    if sig:
        if sig.get("organ"):
            s.append("".join(as_list(sig["organ"])))
        if sig.get("title"):
            s.append(sig["title"])
        if sig.get("name"):
            s.append(sig["name"])
        s.append(sig["date"])
    if d.get("note"):
        s.append(f"（{d['note']}）")
    for k, l in (("present", "出席："), ("absent", "请假："), ("attending", "列席：")):
        if d.get(k):
            s.append(l + d[k])
    ann = d.get("annexes") or []
    for i, a in enumerate(ann):
        s.append(f"附件{i+1}" if len(ann) > 1 else "附件")
        s.append(a["title"])
        s.append(body_text(a.get("body")))
    if d.get("cc"):
        s.append("抄送：" + d["cc"])
    if d.get("printer"):
        s.append(d["printer"]["organ"] + d["printer"]["date"] + "印发")
    return "".join(s)


FOLD = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）",
                      "“": '"', "”": '"', "[": "〔", "]": "〕", "„": "〔", "‟": "〕", "．": ".",
                      "|": None})


def norm(s):
    s = re.sub(r"^\s*\|?\s*:?-{3,}.*$", "", s, flags=re.M)  # markdown rule rows
    s = re.sub(r"\s+", "", s.replace("\u3000", " "))
    return s.translate(FOLD)


def draft_text(path):
    if path.endswith(".docx"):
        import tempfile
        tmp = tempfile.mkdtemp()
        subprocess.run(["soffice", "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                        "--outdir", tmp, path], capture_output=True)
        txt = os.path.join(tmp, os.path.basename(path)[:-5] + ".txt")
        try:
            return open(txt, encoding="utf-8-sig").read()
        finally:
            import shutil
            shutil.rmtree(tmp)
    return open(path, encoding="utf-8-sig").read()


def main(d):
    for f in sorted(os.listdir(d)):
        if not f.endswith(".expected.yaml"):
            continue
        name = f[: -len(".expected.yaml")]
        draft = next((os.path.join(d, name + e) for e in (".txt", ".docx") if os.path.exists(os.path.join(d, name + e))), None)
        y = yaml.safe_load(open(os.path.join(d, f)))
        a = norm(draft_text(draft))
        best = None
        for order in (False, True):
            b = norm(shown(y, order))
            sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
            diffs = [op for op in sm.get_opcodes() if op[0] != "equal"]
            if best is None or len(diffs) < len(best[1]):
                best = (b, diffs)
        b, diffs = best
        print(f"== {name}: {len(diffs)} difference(s), draft {len(a)} chars")
        for tag, i1, i2, j1, j2 in diffs:
            print(f"   {tag:7} draft[{a[max(0,i1-6):i1]}|{a[i1:i2]}|{a[i2:i2+6]}]  yaml[{b[j1:j2]}]")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
