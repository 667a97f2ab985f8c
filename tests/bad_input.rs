//! The bad-input catalogue: for every way a source, a flag or the file system can be wrong, what
//! the user sees (the message, with file:line:column where there is a position, and a hint), the
//! exit code, and that no output file is created or changed.
//!
//! Each case runs `gongwen render x.yaml` in a folder of its own that already holds an `x.pdf`
//! from an earlier render: a failed render must leave it as it was and add nothing.

mod common;

use common::{bin, files, scratch, stderr};

const OLD: &[u8] = b"%PDF- an earlier render";

/// A case: the source's bytes, extra arguments (`{dir}` is the case's folder), what stderr must
/// say, and the exit code.
struct Case {
    name: &'static str,
    source: Vec<u8>,
    args: Vec<String>,
    says: Vec<&'static str>,
    code: i32,
    /// Other files the case's folder holds.
    extra: Vec<(&'static str, Vec<u8>)>,
}

fn case(name: &'static str, source: impl Into<Vec<u8>>, code: i32, says: &[&'static str]) -> Case {
    Case {
        name,
        source: source.into(),
        args: Vec::new(),
        says: says.to_vec(),
        code,
        extra: Vec::new(),
    }
}

impl Case {
    fn with(mut self, args: &[&str]) -> Case {
        self.args = args.iter().map(|a| a.to_string()).collect();
        self
    }

    fn holding(mut self, name: &'static str, bytes: &[u8]) -> Case {
        self.extra.push((name, bytes.to_vec()));
        self
    }
}

/// Runs a case; returns its folder and stderr for more checks.
fn check(c: &Case) -> (std::path::PathBuf, String) {
    let dir = scratch(&format!("bad-{}", c.name));
    let input = dir.join("x.yaml");
    std::fs::write(&input, &c.source).unwrap();
    std::fs::write(dir.join("x.pdf"), OLD).unwrap();
    for (name, bytes) in &c.extra {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let before = files(&dir);
    let args: Vec<String> = c
        .args
        .iter()
        .map(|a| a.replace("{dir}", dir.to_str().unwrap()))
        .collect();
    let o = bin()
        .arg("render")
        .arg(&input)
        .args(&args)
        .arg("--no-system-fonts")
        .output()
        .unwrap();
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(c.code), "{}: exit code\n{e}", c.name);
    for s in &c.says {
        let s = s.replace("{dir}", dir.to_str().unwrap());
        assert!(e.contains(&s), "{}: stderr lacks {s:?}:\n{e}", c.name);
    }
    if c.code != 0 {
        assert_eq!(files(&dir), before, "{}: files created", c.name);
        assert_eq!(
            std::fs::read(dir.join("x.pdf")).unwrap(),
            OLD,
            "{}: the earlier output changed",
            c.name
        );
    } else {
        assert_ne!(std::fs::read(dir.join("x.pdf")).unwrap(), OLD, "{}", c.name);
        assert!(dir.join("x.docx").exists(), "{}", c.name);
    }
    (dir, e)
}

#[test]
fn source_errors_name_the_place_and_a_way_out() {
    let deep = 10_000;
    let mut bomb = String::from(
        "title: t\nbody:\n  - &a0 {heading: h, body: [一, 二, 三, 四, 五, 六, 七, 八, 九, 十]}\n",
    );
    for i in 1..12 {
        bomb.push_str(&format!(
            "  - &a{i} {{heading: h, body: [{}]}}\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    let cases = [
        case(
            "malformed",
            "title: [unclosed\nbody: []\n",
            1,
            &[
                "x.yaml:2:",
                "hint: line 1 opens a `[` that is not closed before line 2",
            ],
        ),
        case(
            "wrong-type",
            "title: 讲话\nbody: 5\n",
            1,
            &[
                "x.yaml:2:7",
                "expected sequence start",
                "2 | body: 5",
                "hint: a list goes here",
            ],
        ),
        case(
            "unknown-key",
            "title: 讲话\nbody:\n  - heading: 甲\n    bdy: []\n",
            1,
            &[
                "x.yaml:4:5",
                "error: unknown field `bdy`",
                "hint: did you mean `body`?",
            ],
        ),
        case(
            "colon-in-text",
            "title: 讲话\nbody:\n  - 他说: 好\n",
            1,
            &["x.yaml:3:", "full-width '："],
        ),
        case(
            "missing-field",
            "title: 讲话\nbody: [正文。]\nsignature: {organ: 某局}\n",
            1,
            &[
                "x.yaml:3:13",
                "error: missing field `date`",
                "hint: add `date: …`",
            ],
        ),
        case(
            "no-title",
            "body: [正文。]\n",
            1,
            &["x.yaml:1:1", "error: the document has no `title`", "hint:"],
        ),
        case(
            "empty",
            "",
            1,
            &["--> {dir}/x.yaml", "error: the file is empty", "hint:"],
        ),
        case(
            "unknown-template",
            "template: notise\ntitle: 通知\n",
            1,
            &[
                "x.yaml:1:11",
                "error: unknown template `notise`",
                "hint: the built-in templates are",
            ],
        ),
        case(
            "not-utf8",
            b"title: \xe8\xae\xb2\xff\n".to_vec(),
            1,
            &[
                "not UTF-8 text: invalid byte at offset 10",
                "hint: save the file as UTF-8",
            ],
        ),
        case(
            "control-character",
            "title: 讲话\nbody:\n  - 响铃\u{8}字\n",
            1,
            &["x.yaml:3:", "U+0008 is a control character"],
        ),
        case(
            "deep-nesting",
            format!(
                "title: t\nbody: {}[]{}\n",
                "[{heading: h, body: ".repeat(deep),
                "}]".repeat(deep)
            ),
            1,
            &[
                "too large or too complex",
                "hint: sections nest 4 levels deep",
            ],
        ),
        case("alias-bomb", bomb, 1, &["too large or too complex"]),
    ];
    for c in &cases {
        check(c);
    }
}

#[test]
fn text_that_renders_is_accepted_and_what_cannot_print_is_said() {
    let cases = [
        // A BOM and CRLF line ends: accepted as they are.
        case(
            "bom-crlf",
            "\u{feff}title: 讲话\r\nbody:\r\n  - 第一段。\r\n",
            0,
            &[],
        ),
        // A character in no font: a warning with its place; an error with --strict.
        case(
            "no-font",
            "title: 讲话\nbody:\n  - \"文字\u{10FFFD}\"\n",
            0,
            &[
                "warning: no font has '\u{10FFFD}' (U+10FFFD)",
                "--> {dir}/x.yaml:3:5",
            ],
        ),
        case(
            "no-font-strict",
            "title: 讲话\nbody:\n  - \"文字\u{10FFFD}\"\n",
            1,
            &["error: no font has", "x.yaml:3:5", "(--strict)", "hint:"],
        )
        .with(&["--strict"]),
        case(
            "emoji",
            "title: 讲话\nbody:\n  - 笑😀脸\n",
            0,
            &[
                "warning: no font has '😀' (U+1F600)",
                "--> {dir}/x.yaml:3:5",
            ],
        ),
        // A control character written as a YAML escape: left out, and said so.
        case(
            "escaped-control",
            "title: 讲话\nbody:\n  - \"响铃\\a字\"\n",
            0,
            &[
                "warning: control character U+0007 prints as nothing; left out",
                "--> {dir}/x.yaml:3:5",
            ],
        ),
        // A 1 MB paragraph and a 100,000-letter "word" with no break: both render (in bounded
        // time: these were minutes and gigabytes once).
        case(
            "megabyte-paragraph",
            format!("title: 长段\nbody:\n  - {}\n", "段落文字，".repeat(70_000)),
            0,
            &[],
        ),
        case(
            "endless-word",
            format!("title: t\nbody:\n  - {}\n", "a".repeat(100_000)),
            0,
            &[],
        ),
    ];
    for c in &cases {
        check(c);
    }
}

#[test]
fn limits_stop_what_would_take_the_machine() {
    let three_pages = format!("title: 讲话\nbody:\n  - {}\n", "文字".repeat(700));
    check(
        &case(
            "max-pages",
            three_pages.clone(),
            1,
            &[
                "more than the limit of 1",
                "raise the limit with --max-pages",
            ],
        )
        .with(&["--max-pages", "1"]),
    );
    check(&case("max-pages-raised", three_pages, 0, &[]).with(&["--max-pages", "3"]));
    let big = format!("title: 讲话\nbody:\n  - {}\n", "文".repeat(400_000));
    check(
        &case(
            "max-input",
            big,
            1,
            &["larger than 1 MiB", "raise the limit with --max-input-size"],
        )
        .with(&["--max-input-size", "1"]),
    );
}

#[test]
fn fonts_templates_and_images_that_are_not_there_or_not_what_they_claim() {
    let ok = "title: 讲话\nbody: [正文。]\n";
    check(
        &case(
            "missing-font-path",
            ok,
            1,
            &["cannot read the font path {dir}/nofonts"],
        )
        .with(&["--font-path", "{dir}/nofonts"]),
    );
    check(
        &case(
            "corrupt-font",
            ok,
            1,
            &["{dir}/corrupt.otf is not a font gongwen can read"],
        )
        .with(&["--font-path", "{dir}/corrupt.otf"])
        .holding("corrupt.otf", b"OTTO\0\x09 not really a font"),
    );
    check(
        &case("missing-template", ok, 1, &["cannot read {dir}/none.yaml"])
            .with(&["--template", "{dir}/none.yaml"]),
    );
    let notice = |seal: &str| {
        format!(
            "template: notice\nissuers: 某局\ntitle: 通知\nbody: [正文。]\nsignature: {{organ: 某局, date: 2024年1月1日, seal: {seal}}}\n"
        )
    };
    check(&case(
        "seal-not-png",
        notice("x.yaml"),
        1,
        &["the seal", "not a PNG", "hint: give a PNG image"],
    ));
    check(&case(
        "seal-outside",
        notice("../../etc/passwd"),
        1,
        &[
            "`../../etc/passwd` is not in the source's folder",
            "hint: copy the image",
        ],
    ));
    check(&case(
        "seal-absolute",
        notice("/etc/passwd"),
        1,
        &["is not in the source's folder"],
    ));
    check(&case(
        "seal-missing",
        notice("seal.png"),
        1,
        &["cannot read an image"],
    ));
    // A source from standard input has no folder: it may name no image, and nothing is written.
    let dir = scratch("seal-stdin");
    let mut child = bin()
        .args(["render", "-", "--no-system-fonts", "-o"])
        .arg(dir.join("x.pdf"))
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        &mut child.stdin.take().unwrap(),
        notice("seal.png").as_bytes(),
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{e}");
    assert!(
        e.contains("names the image `seal.png` but has no folder to read it from")
            && e.contains("hint: render the source from a file next to the image"),
        "{e}"
    );
    assert!(files(&dir).is_empty(), "{:?}", files(&dir));
}

#[test]
fn outputs_that_cannot_be_written_or_would_overwrite_the_input() {
    let ok = "title: 讲话\nbody: [正文。]\n";
    check(
        &case(
            "missing-folder",
            ok,
            1,
            &[
                "cannot write {dir}/no/such/x.pdf",
                "hint: the folder {dir}/no/such does not exist",
            ],
        )
        .with(&["-o", "{dir}/no/such/x.pdf"]),
    );
    // A file where a folder should be (the nearest to "not writable" a test running as root
    // can make).
    check(
        &case(
            "file-as-folder",
            ok,
            1,
            &["cannot write {dir}/x.yaml/x.pdf"],
        )
        .with(&["-o", "{dir}/x.yaml/x.pdf"]),
    );
    // (A source named x.pdf: a .docx input is a Word draft, read as one.)
    let dir = scratch("bad-same");
    let input = dir.join("x.pdf");
    std::fs::write(&input, ok).unwrap();
    let o = bin()
        .args([
            "render",
            input.to_str().unwrap(),
            "-o",
            input.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is the input file"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), ok);
    // A missing input.
    let o = bin()
        .args(["render", "/nonexistent/speech.yaml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read /nonexistent/speech.yaml"));
}

#[test]
fn a_write_that_fails_midway_leaves_the_old_file_whole() {
    let dir = scratch("bad-midway");
    let target = dir.join("x.pdf");
    std::fs::write(&target, OLD).unwrap();
    // A writer that writes half and then breaks, as a full disk would.
    let e = gongwen::write_atomic_with(&target, |w| {
        w.write_all(b"%PDF-1.7 half of a new ")?;
        Err(std::io::Error::other("no space left on device"))
    })
    .unwrap_err();
    assert!(e.to_string().contains("no space left on device"), "{e}");
    assert_eq!(std::fs::read(&target).unwrap(), OLD);
    assert_eq!(files(&dir), ["x.pdf"], "the temporary file is gone");
    // And a whole write replaces it.
    gongwen::write_atomic(&target, b"new").unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
    assert_eq!(files(&dir), ["x.pdf"]);
}

#[test]
fn source_date_epoch_dates_the_outputs_and_nothing_else_does() {
    let dir = scratch("bad-epoch");
    let input = dir.join("x.yaml");
    std::fs::write(&input, "title: 讲话\nbody: [正文。]\n").unwrap();
    let render = |epoch: Option<&str>| {
        let mut cmd = bin();
        cmd.args(["render", input.to_str().unwrap(), "--no-system-fonts"]);
        match epoch {
            Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        (
            std::fs::read(dir.join("x.pdf")).unwrap(),
            std::fs::read(dir.join("x.docx")).unwrap(),
        )
    };
    let plain = render(None);
    assert_eq!(render(None), plain, "no clock in the output");
    let dated = render(Some("1712392245"));
    assert_eq!(render(Some("1712392245")), dated);
    let pdf = String::from_utf8_lossy(&dated.0);
    assert!(pdf.contains("D:20240406083045"), "the PDF's CreationDate");
    assert!(!String::from_utf8_lossy(&plain.0).contains("CreationDate"));
    let o = bin()
        .args(["render", input.to_str().unwrap(), "--no-system-fonts"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SOURCE_DATE_EPOCH is \"yesterday\""));
}

/// A Word file's bytes with its parts (name, text), deflated as Word writes them.
fn word_file(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// Word drafts that are not what they claim, and files people keep drafts in that are neither
/// text nor Word (read as text, RTF's, HTML's or a PDF's markup became the document): each is
/// refused with the file, the reason and a hint, exit 1, by `import` and by `render`, and
/// nothing is written.
#[test]
fn word_files_that_cannot_be_read_are_refused_with_the_reason() {
    let mut bomb = b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>".to_vec();
    bomb.extend(std::iter::repeat_n(b' ', 65 << 20));
    bomb.extend(b"</w:body></w:document>");
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "not-a-zip",
            "draft.docx",
            b"just some text, not a package".to_vec(),
            "not a Word document",
        ),
        (
            "encrypted",
            "draft.docx",
            [
                [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1].as_slice(),
                &[0; 504],
            ]
            .concat(),
            "encrypted Word document or an old .doc",
        ),
        (
            "no-document",
            "draft.docx",
            word_file(&[("word/styles.xml", b"<x/>")]),
            "has no word/document.xml",
        ),
        (
            "zip-bomb",
            "draft.docx",
            word_file(&[("word/document.xml", &bomb)]),
            "unpacks to more than 64 MiB",
        ),
        (
            "broken-xml",
            "draft.docx",
            word_file(&[("word/document.xml", b"<w:document><w:body>")]),
            "not well-formed XML",
        ),
        (
            "odt",
            "draft.odt",
            word_file(&[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", b"<office:document-content/>"),
            ]),
            "an OpenDocument file",
        ),
        (
            "rtf",
            "draft.rtf",
            b"{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 SimSun;}}\\par }".to_vec(),
            "an RTF document",
        ),
        (
            "pdf",
            "draft.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n".to_vec(),
            "a PDF",
        ),
        (
            "html",
            "draft.html",
            "<!DOCTYPE html>\n<html><body><p>关于做好防汛工作的通知</p></body></html>"
                .as_bytes()
                .to_vec(),
            "HTML source",
        ),
    ];
    for (name, file, bytes, says) in cases {
        let dir = scratch(&format!("bad-word-{name}"));
        let input = dir.join(file);
        std::fs::write(&input, &bytes).unwrap();
        let before = files(&dir);
        for args in [vec!["import", "-o"], vec!["render", "-o"]] {
            let out = dir.join(if args[0] == "import" { "x.yaml" } else { "out" });
            let o = bin()
                .args(&args[..1])
                .arg(&input)
                .arg(args[1])
                .arg(&out)
                .output()
                .unwrap();
            let e = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{name} {}: {e}", args[0]);
            assert!(
                e.contains(says) && e.contains(file),
                "{name} {}: {e}",
                args[0]
            );
            assert!(e.contains("hint:"), "{name}: {e}");
            assert_eq!(files(&dir), before, "{name} {}: files written", args[0]);
        }
    }
}

/// A FIFO named `name` in `dir` (what a read would block on for ever).
#[cfg(unix)]
fn make_fifo(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let fifo = dir.join(name);
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    fifo
}

/// A PNG's header with a width and height of the caller's choosing and nothing after it.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(13u32.to_be_bytes());
    out.extend(&ihdr);
    out.extend(0u32.to_be_bytes()); // a wrong checksum too: the size is refused first
    out.resize(467, 0);
    out
}

/// Images and font paths that are not what they claim (round 2): a seal whose header claims
/// 100000 × 100000 pixels aborted the process (exit 134); a damaged PNG went into the DOCX
/// broken; a FIFO as the seal or as --font-path hung for ever; a seal that is a link to a file
/// outside the source's folder was embedded. Each is now an error naming the file, exit 1,
/// nothing written.
#[cfg(unix)]
#[test]
fn images_and_font_paths_that_would_abort_hang_or_leak() {
    let notice = |seal: &str| {
        format!(
            "template: notice\nissuers: 某局\ntitle: 通知\nbody: [正文。]\nsignature: {{organ: 某局, date: 2024年1月1日, seal: {seal}}}\n"
        )
    };
    check(
        &case(
            "huge-png",
            notice("big.png"),
            1,
            &["100000 × 100000 pixels", "big.png"],
        )
        .holding("big.png", &png_header(100_000, 100_000)),
    );
    let mut damaged = std::fs::read(common::examples().join("seal.png")).unwrap();
    let at = damaged.len() / 2;
    damaged[at] ^= 0xff;
    for format in ["pdf", "docx"] {
        check(
            &case(
                "bad-crc",
                notice("bad.png"),
                1,
                &["broken PNG image", "bad.png"],
            )
            .with(&["--format", format])
            .holding("bad.png", &damaged),
        );
    }
    // A FIFO: opened, it would block until a writer came.
    let started = std::time::Instant::now();
    let dir = scratch("bad-fifo");
    let fifo = make_fifo(&dir, "pipe.png");
    std::fs::write(dir.join("x.yaml"), notice("pipe.png")).unwrap();
    let o = bin()
        .arg("render")
        .arg(dir.join("x.yaml"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    std::fs::write(dir.join("plain.yaml"), "title: 讲话\nbody: [正文。]\n").unwrap();
    let o = bin()
        .args([
            "render",
            dir.join("plain.yaml").to_str().unwrap(),
            "--font-path",
        ])
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a regular file or a folder"),
        "{}",
        stderr(&o)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // A link inside the folder to an image outside it.
    let outside = scratch("bad-link-target");
    std::fs::copy(
        common::examples().join("seal.png"),
        outside.join("seal.png"),
    )
    .unwrap();
    let inside = scratch("bad-link");
    let link = inside.join("seal.png");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(outside.join("seal.png"), &link).unwrap();
    std::fs::write(inside.join("x.yaml"), notice("seal.png")).unwrap();
    let o = bin()
        .arg("render")
        .arg(inside.join("x.yaml"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not in the source's folder"),
        "{}",
        stderr(&o)
    );
}

/// Two inputs that would write the same output (a/x.yaml and b/x.yaml into one folder): one
/// overwrote the other while the summary said "2 of 2"; now a usage error naming both, and
/// nothing written.
#[test]
fn two_inputs_that_would_write_the_same_file_are_refused_before_anything_is_written() {
    let dir = scratch("bad-collision");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(
            dir.join(sub).join("x.yaml"),
            format!("title: {sub}\nbody: [正文。]\n"),
        )
        .unwrap();
    }
    let out = dir.join("out");
    let o = bin()
        .arg("render")
        .arg(dir.join("a/x.yaml"))
        .arg(dir.join("b/x.yaml"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("a/x.yaml") && stderr(&o).contains("b/x.yaml"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists() || files(&out).is_empty());
}

/// Numbers from flags and the environment are checked: a --max-input-size that overflowed into
/// "the file is empty", and a SOURCE_DATE_EPOCH that dated a DOCX in the year 3170843, are
/// usage errors (exit 2) naming the range.
#[test]
fn out_of_range_numbers_from_flags_and_the_environment_are_usage_errors() {
    let dir = scratch("bad-numbers");
    let src = dir.join("x.yaml");
    std::fs::write(&src, "title: 讲话\nbody: [正文。]\n").unwrap();
    let o = bin()
        .args([
            "render",
            src.to_str().unwrap(),
            "--max-input-size",
            "17592186044416",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("1..=4096"), "{}", stderr(&o));
    let o = bin()
        .args(["render", src.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "99999999999999")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("the end of 9999"), "{}", stderr(&o));
    assert!(!dir.join("x.pdf").exists());
}

/// Control characters written as YAML escapes in any field (the title, the 份号, the mark, the
/// 署名 …) gave exit 0 and a DOCX that was not well-formed XML. Each is now left out and said, and
/// every part of the DOCX parses.
#[test]
fn control_characters_in_every_field_are_left_out_and_the_docx_stays_well_formed() {
    // Every C0 and C1 control but the tab and the line breaks YAML reads as such.
    let controls: Vec<String> = (0u32..0x20)
        .chain(0x7f..0xa0)
        .filter(|c| ![0x09, 0x0a, 0x0d, 0x85].contains(c))
        .map(|c| format!("\\u{c:04X}"))
        .collect();
    for c in controls.iter().map(String::as_str) {
        let src = format!(
            "template: notice\ncopy_number: \"00{c}0123\"\nsecrecy: \"机密{c}\"\nurgency: \"特急{c}\"\nissuers: \"江南县人民政府{c}办公室\"\ndoc_number: \"江政办发〔2024〕{c}7号\"\ntitle: \"关于{c}做好防汛工作的通知\"\nrecipients: \"各乡镇{c}：\"\nbody:\n  - heading: \"标题{c}\"\n    body: [\"正文{c}。\"]\n  - table: {{header: [\"甲{c}\", 乙], rows: [[\"1{c}\", \"2\"]]}}\nattachments: [\"名单{c}\"]\nsignature: {{organ: \"江南县人民政府{c}办公室\", date: \"2024年4月6日{c}\"}}\nnote: \"此件公开发布{c}\"\ncc: \"县委各部门{c}。\"\nprinter: {{organ: \"江南县人民政府办公室{c}\", date: \"2024年4月6日\"}}\n"
        );
        let out = gongwen::render(
            &gongwen::Source::new("x.yaml", src.as_str()),
            &common::options(),
        )
        .unwrap_or_else(|e| panic!("{c}: {e}"));
        // (A trailing U+0085 is whitespace, trimmed with the rest.)
        assert!(
            out.source_warnings.len() >= 8,
            "{c}: {}",
            out.source_warnings.len()
        );
        assert!(
            out.source_warnings
                .iter()
                .all(|w| w.to_string().contains("prints as nothing"))
        );
        let docx = out.docx.unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            if !part.name().ends_with(".xml") && !part.name().ends_with(".rels") {
                continue;
            }
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
            roxmltree::Document::parse(&xml)
                .unwrap_or_else(|e| panic!("{c}: {}: {e}", part.name()));
        }
    }
}

/// Templates are checked number by number when read: negative margins rendered 10 blank pages,
/// a NaN paper gave a DOCX page 0 wide, an indent of 40 dropped the first character of every
/// paragraph. Each is an error at its line with the clause it comes from.
#[test]
fn template_numbers_out_of_range_are_refused_at_their_line() {
    let speech = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/speech.yaml"),
    )
    .unwrap();
    for (name, from, to, says) in [
        (
            "negative-margin",
            "margin_top_mm: 37",
            "margin_top_mm: -37",
            "`margin_top_mm` is -37",
        ),
        (
            "nan-paper",
            "paper_width_mm: 210",
            "paper_width_mm: .nan",
            "`paper_width_mm` is NaN",
        ),
        (
            "inf-block",
            "block_height_mm: 225",
            "block_height_mm: .inf",
            "`block_height_mm` is inf",
        ),
        (
            "huge-indent",
            "first_line_indent_chars: 2",
            "first_line_indent_chars: 40",
            "`first_line_indent_chars` is 40",
        ),
    ] {
        assert!(
            speech.contains(from),
            "{name}: the template has no {from:?}"
        );
        let bad = speech.replacen(from, to, 1);
        let line = bad.lines().position(|l| l.contains(to)).unwrap() + 1;
        let c = case(name, "title: 讲话\nbody: [正文。]\n", 1, &[says, "hint: "])
            .with(&["--template", "{dir}/t.yaml"]);
        let c = Case {
            extra: vec![("t.yaml", bad.into_bytes())],
            ..c
        };
        let (dir, e) = check(&c);
        assert!(
            e.contains(&format!("{}/t.yaml:{line}:", dir.display())),
            "{name}: {e}"
        );
    }
}

/// A 20-column table ran off the page with exit 0, even with --strict; an issuer of 10,000
/// characters drew its mark at 0.04 pt without a word. The table is refused at its place; the
/// mark is a warning, an error with --strict.
#[test]
fn tables_and_marks_that_cannot_fit_are_said() {
    let cols: Vec<String> = (1..=20).map(|i| format!("列{i}")).collect();
    let wide = format!(
        "title: 表\nbody:\n  - table:\n      header: [{}]\n      rows: []\n",
        cols.join(", ")
    );
    check(&case(
        "wide-table",
        wide,
        1,
        &["a table of 20 columns", "x.yaml:3:", "hint:"],
    ));
    let long = format!(
        "template: notice\nissuers: {}\ntitle: 通知\nbody: [正文。]\n",
        "某".repeat(10_000)
    );
    check(&case(
        "tiny-mark",
        long.clone(),
        0,
        &["发文机关标志 shrinks to", "x.yaml:2:"],
    ));
    check(&case("tiny-mark-strict", long, 1, &["发文机关标志 shrinks to"]).with(&["--strict"]));
}

/// Combining marks are composed before fonts are asked (a + U+0301 is á, which the fonts have).
#[test]
fn combining_marks_are_composed_before_font_lookup() {
    let out = gongwen::render(
        &gongwen::Source::new("x.yaml", "title: 讲话\nbody: [\"Cafe\\u0301 咖啡。\"]\n"),
        &common::options(),
    )
    .unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let text = common::pdf_page_texts(out.pdf.as_ref().unwrap()).concat();
    assert!(text.contains("Café"), "{text}");
}

/// A source, a template or a draft that is a FIFO hung the read for ever; a folder gave an
/// unclear error. Each is refused at once, naming the file.
#[cfg(unix)]
#[test]
fn sources_templates_and_drafts_that_are_not_regular_files_are_refused() {
    let dir = scratch("bad-special-files");
    let fifo = make_fifo(&dir, "pipe.yaml");
    let plain = dir.join("plain.yaml");
    std::fs::write(&plain, "title: 讲话\nbody: [正文。]\n").unwrap();
    let started = std::time::Instant::now();
    for args in [
        vec!["render", fifo.to_str().unwrap()],
        vec![
            "render",
            plain.to_str().unwrap(),
            "--template",
            fifo.to_str().unwrap(),
        ],
        vec!["check", fifo.to_str().unwrap()],
        vec!["import", fifo.to_str().unwrap()],
    ] {
        let o = bin().args(&args).output().unwrap();
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {e}");
        assert!(
            e.contains("not a regular file") && e.contains("pipe.yaml"),
            "{args:?}: {e}"
        );
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// In a batch, a source whose seal is refused fails alone: the huge-header PNG used to abort the
/// whole process, and nothing was written.
#[test]
fn a_bad_image_in_a_batch_fails_that_file_only() {
    let dir = scratch("bad-batch-image");
    std::fs::write(dir.join("big.png"), png_header(100_000, 100_000)).unwrap();
    std::fs::write(
        dir.join("a.yaml"),
        "template: notice\nissuers: 某局\ntitle: 通知\nbody: [正文。]\nsignature: {organ: 某局, date: 2024年1月1日, seal: big.png}\n",
    )
    .unwrap();
    std::fs::write(dir.join("b.yaml"), "title: 讲话\nbody: [正文。]\n").unwrap();
    let out = dir.join("out");
    let o = bin()
        .arg("render")
        .arg(&dir)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("100000 × 100000"), "{}", stderr(&o));
    assert!(out.join("b.pdf").exists() && out.join("b.docx").exists());
    assert!(!out.join("a.pdf").exists());
}

/// A lone surrogate written as an escape is no character: the YAML is refused with its place.
#[test]
fn a_lone_surrogate_escape_is_refused_with_its_place() {
    check(&case(
        "surrogate",
        "title: \"讲\\uD800话\"\nbody: [正文。]\n",
        1,
        &["x.yaml:1:"],
    ));
}

/// `import` writes the source to standard output: a full disk loses it, and says so (exit 1;
/// it used to exit 0 with the YAML gone).
#[cfg(target_os = "linux")]
#[test]
fn import_to_a_full_disk_fails() {
    let dir = scratch("bad-import-full");
    let draft = dir.join("d.txt");
    std::fs::write(&draft, "标题\n\n正文。\n").unwrap();
    let o = bin()
        .args(["import", draft.to_str().unwrap()])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("No space left"), "{}", stderr(&o));
}
