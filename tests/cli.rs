//! The command line: exit codes, messages with positions, and outputs that appear whole or not
//! at all.

mod common;

use common::{bin, files, run, scratch, stderr};

#[test]
fn renders_both_formats_beside_the_input() {
    let dir = scratch("ok");
    let input = dir.join("talk.yaml");
    std::fs::write(
        &input,
        "title: 讲话\nsalutation: 同志们：\nbody:\n  - 第一段。\n",
    )
    .unwrap();
    let o = run(&["render", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        files(&dir),
        ["talk.docx", "talk.pdf", "talk.yaml"],
        "no temporary files left"
    );
    assert!(
        std::fs::read(dir.join("talk.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    assert!(
        std::fs::read(dir.join("talk.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
}

#[test]
fn one_named_output_file_picks_its_format() {
    let dir = scratch("named");
    let input = dir.join("a.yaml");
    std::fs::write(&input, "title: 讲话\nbody: [文字]\n").unwrap();
    let out = dir.join("draft.pdf");
    let o = run(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files(&dir), ["a.yaml", "draft.pdf"]);
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    assert_eq!(
        bin().args(["render"]).output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .args(["render", "a.yaml", "--bogus"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let help = bin().args(["render", "--help"]).output().unwrap();
    assert!(help.status.success());
    let h = String::from_utf8_lossy(&help.stdout);
    assert!(h.contains("Examples:") && h.contains("Exit codes"), "{h}");
}

#[test]
fn a_batch_renders_every_file_and_one_bad_file_stops_none() {
    let dir = scratch("batch");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    for n in ["a", "b", "c"] {
        std::fs::write(
            inputs.join(format!("{n}.yaml")),
            format!("title: 讲话{n}\nbody:\n  - 第一段。\n"),
        )
        .unwrap();
    }
    std::fs::write(inputs.join("bad.yaml"), "titel: x\n").unwrap();
    let out = dir.join("out");
    let o = run(&[
        "render",
        inputs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "one file failed");
    let e = stderr(&o);
    assert!(
        e.contains("bad.yaml:1:1") && e.contains("unknown field `titel`"),
        "{e}"
    );
    assert!(e.contains("rendered 3 of 4 files"), "{e}");
    assert_eq!(
        files(&out),
        ["a.docx", "a.pdf", "b.docx", "b.pdf", "c.docx", "c.pdf"]
    );
    // With several inputs -o names a folder.
    let o = run(&[
        "render",
        inputs.join("a.yaml").to_str().unwrap(),
        inputs.join("b.yaml").to_str().unwrap(),
        "-o",
        "x.pdf",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// A one-page document's picture pages are numbered like any other's (NAME-1.png), so a script
/// finds page 1 in one place; only the long image is NAME.png.
#[test]
fn a_one_page_document_s_png_is_numbered_and_the_long_image_is_not() {
    let dir = scratch("one-page-png");
    let input = dir.join("talk.yaml");
    std::fs::write(&input, "title: 讲话\nbody: [第一段。]\n").unwrap();
    let o = run(&["render", input.to_str().unwrap(), "--format", "png,svg"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("(1 page)"), "{}", stderr(&o));
    let o = run(&[
        "render",
        input.to_str().unwrap(),
        "--format",
        "png",
        "--long-image",
        "-o",
        dir.join("long.png").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        files(&dir),
        ["long.png", "talk-1.png", "talk-1.svg", "talk.yaml"]
    );
}

/// A Word draft's seal goes to the PDF with the draft rendered straight from the .docx: sent
/// along with the imported source in memory (no temporary folder written).
#[test]
fn a_word_draft_s_seal_reaches_the_pdf_rendered_straight_from_the_docx() {
    let dir = scratch("docx-seal");
    // Our DOCX of the request (its seal inside), alone in the folder: no seal.png beside it.
    let made = scratch("docx-seal-source");
    for file in ["request.yaml", "seal.png"] {
        std::fs::copy(gongwen_examples().join(file), made.join(file)).unwrap();
    }
    let source = made.join("request.yaml");
    let o = run(&["render", source.to_str().unwrap(), "--format", "docx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::copy(made.join("request.docx"), dir.join("request.docx")).unwrap();
    let input = dir.join("request.docx");
    let o = run(&["render", input.to_str().unwrap(), "--format", "pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = lopdf::Document::load(dir.join("request.pdf")).unwrap();
    let images = pdf
        .objects
        .values()
        .filter(|o| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(&b"Image"[..])
            })
        })
        .count();
    assert!(images >= 1, "the seal is in the PDF");
    assert_eq!(files(&dir), ["request.docx", "request.pdf"]);
}

fn gongwen_examples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// Listening beyond this machine without a token is refused before anything listens.
#[test]
fn serve_beyond_loopback_without_a_token_is_refused() {
    let o = bin()
        .args(["serve", "--addr", "0.0.0.0:0"])
        .env_remove("GONGWEN_TOKEN")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--token"), "{}", stderr(&o));
}
