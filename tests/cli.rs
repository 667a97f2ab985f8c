//! The command line: exit codes, messages with positions, and outputs that appear whole or not
//! at all.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    bin().args(args).arg("--no-system-fonts").output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

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
fn bad_yaml_fails_with_a_position_and_writes_nothing() {
    let dir = scratch("bad");
    let input = dir.join("bad.yaml");
    std::fs::write(&input, "title: 讲话\nbody:\n  - heading: 甲\n    bdy: []\n").unwrap();
    let o = run(&["render", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("bad.yaml:4:5: unknown field `bdy`"), "{e}");
    assert!(e.contains("did you mean `body`?"), "{e}");
    assert_eq!(files(&dir), ["bad.yaml"]);
}

#[test]
fn an_existing_output_survives_a_failed_render() {
    let dir = scratch("keep");
    let input = dir.join("k.yaml");
    std::fs::write(&input, "title: [unclosed\n").unwrap();
    std::fs::write(dir.join("k.pdf"), b"old").unwrap();
    let o = run(&["render", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("k.yaml:"), "{}", stderr(&o));
    assert_eq!(std::fs::read(dir.join("k.pdf")).unwrap(), b"old");
}

#[test]
fn the_input_is_never_overwritten() {
    let dir = scratch("same");
    let input = dir.join("x.docx");
    std::fs::write(&input, "title: 讲话\n").unwrap();
    let o = run(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "title: 讲话\n");
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
fn a_missing_input_is_a_clear_error() {
    let o = run(&["render", "/nonexistent/speech.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot read /nonexistent/speech.yaml"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn strict_turns_missing_glyphs_into_errors() {
    let dir = scratch("strict");
    let input = dir.join("s.yaml");
    std::fs::write(&input, "title: 讲话\nbody:\n  - \"文字\u{10FFFD}\"\n").unwrap();
    let o = run(&["render", input.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("warning:") && stderr(&o).contains("U+10FFFD"),
        "{}",
        stderr(&o)
    );
    let o = run(&["render", input.to_str().unwrap(), "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("s.yaml:3:5: no font has"),
        "{}",
        stderr(&o)
    );
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
    assert!(e.contains("bad.yaml:1:1: unknown field `titel`"), "{e}");
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

#[test]
fn hostile_inputs_end_in_clean_errors_not_crashes() {
    let dir = scratch("hostile");
    let write = |name: &str, bytes: Vec<u8>| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    // 10,000 levels of nesting: the parser's depth budget, not a stack overflow.
    let depth = 10_000;
    let deep = format!(
        "title: t\nbody: {}[]{}\n",
        "[{heading: h, body: ".repeat(depth),
        "}]".repeat(depth)
    );
    let p = write("deep.yaml", deep.into_bytes());
    let o = run(&["render", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("too large or too complex"),
        "{}",
        stderr(&o)
    );
    // An alias bomb: the parser's budget stops it at once.
    let mut bomb = String::from(
        "title: t\nbody:\n  - &a0 {heading: h, body: [一, 二, 三, 四, 五, 六, 七, 八, 九, 十]}\n",
    );
    for i in 1..12 {
        bomb.push_str(&format!(
            "  - &a{i} {{heading: h, body: [{}]}}\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    let p = write("bomb.yaml", bomb.into_bytes());
    let o = run(&["render", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("too large or too complex"),
        "{}",
        stderr(&o)
    );
    // Invalid UTF-8: the byte offset.
    let p = write("latin1.yaml", b"title: \xe8\xae\xb2\xff\n".to_vec());
    let o = run(&["render", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("invalid byte at offset 10"),
        "{}",
        stderr(&o)
    );
    // A Latin "word" of 100,000 letters with no break: forced breaks, rendered.
    let p = write(
        "word.yaml",
        format!("title: t\nbody:\n  - {}\n", "a".repeat(100_000)).into_bytes(),
    );
    let o = run(&["render", p.to_str().unwrap(), "--format", "pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // None of them left an output behind.
    for f in files(&dir) {
        assert!(!f.ends_with(".pdf") || f == "word.pdf", "{f}");
    }
}
