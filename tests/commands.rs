//! The commands around `render`: schema, templates, new, fonts, completions, man and watch.

mod common;

use std::io::Read;
use std::time::{Duration, Instant};

use common::{bin, scratch, stderr};

fn stdout_of(args: &[&str]) -> String {
    let o = bin().args(args).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn the_schema_is_the_one_in_the_repository_and_describes_every_key_in_two_languages() {
    let printed = stdout_of(&["schema"]);
    let kept = include_str!("../schema/source.schema.json");
    assert_eq!(
        printed, kept,
        "schema/source.schema.json is stale: run `gongwen schema > schema/source.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
    let mut objects = vec![&schema];
    objects.extend(schema["$defs"].as_object().unwrap().values());
    let mut described = 0;
    for o in objects {
        for (key, prop) in o["properties"].as_object().into_iter().flatten() {
            let d = prop["description"].as_str().unwrap_or_default();
            let chinese = d.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            let english = d.split(" / ").nth(1).is_some_and(|e| e.contains(' '));
            assert!(
                chinese && english,
                "`{key}` needs a description in Chinese and English: {d:?}"
            );
            described += 1;
        }
    }
    assert!(described > 30, "{described}");
    // Every example points an editor at the schema.
    for ex in ["speech", "notice", "request", "minutes", "order", "letter"] {
        let text = std::fs::read_to_string(format!("examples/{ex}.yaml")).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/source.schema.json\n"),
            "{ex}"
        );
    }
}

#[test]
fn templates_are_listed_and_shown() {
    let list = stdout_of(&["templates"]);
    for name in ["speech", "notice", "minutes", "order", "letter"] {
        assert!(list.contains(&format!("{name} ")), "{list}");
    }
    let shown = stdout_of(&["templates", "show", "notice"]);
    assert_eq!(shown, include_str!("../templates/notice.yaml"));
    let o = bin().args(["templates", "show", "memo"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("they are speech, notice"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn new_writes_a_starter_that_renders_and_never_replaces_a_file() {
    let dir = scratch("new");
    let file = dir.join("talk.yaml");
    let o = bin()
        .args(["new", "request", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bin()
        .args(["render", file.to_str().unwrap(), "--no-system-fonts"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join("talk.pdf").exists() && dir.join("talk.docx").exists());
    let before = std::fs::read(&file).unwrap();
    let o = bin()
        .args(["new", "speech", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn fonts_names_each_roles_face_and_what_a_document_lacks() {
    let out = stdout_of(&["fonts", "--template", "notice", "--no-system-fonts"]);
    assert!(out.contains("template notice"), "{out}");
    assert!(
        out.contains("body 正文")
            && out.contains("FandolFang-Regular (bundled fonts/FandolFang-Regular.otf)"),
        "{out}"
    );
    assert!(out.contains("mark 发文机关标志"), "{out}");
    let dir = scratch("fonts");
    let src = dir.join("x.yaml");
    std::fs::write(&src, "title: 讲话\nbody:\n  - \"文字\u{10FFFD}\"\n").unwrap();
    let out = stdout_of(&[
        "fonts",
        "--check",
        src.to_str().unwrap(),
        "--no-system-fonts",
    ]);
    assert!(out.contains("different characters"), "{out}");
    assert!(
        out.contains("FandolFang-Regular") && out.contains("covers"),
        "{out}"
    );
    assert!(
        out.contains("no font has '\u{10FFFD}' (U+10FFFD) at"),
        "{out}"
    );
    assert!(out.contains("x.yaml:3:5"), "{out}");
}

#[test]
fn completions_and_the_manual_page_are_printed() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(
            script.contains("render") && script.contains("watch"),
            "{shell}"
        );
    }
    let man = stdout_of(&["man"]);
    assert!(man.contains(".TH gongwen 1"), "{man}");
    assert!(man.contains("render"), "{man}");
}

/// Waits until `ready` holds, or fails after 30 s.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "waited 30 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_renders_on_each_save_and_keeps_the_last_good_output() {
    let dir = scratch("watch");
    let src = dir.join("w.yaml");
    let pdf = dir.join("w.pdf");
    std::fs::write(&src, "title: 讲话\nbody: [第一段。]\n").unwrap();
    let mut child = bin()
        .args([
            "watch",
            src.to_str().unwrap(),
            "--format",
            "pdf",
            "--no-system-fonts",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let mut err = child.stderr.take().unwrap();
    let sink = log.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let said = |s: &str| log.lock().unwrap().contains(s);
    wait_for("the first render", || said("watching"));
    let first = std::fs::read(&pdf).unwrap();
    // A save: rendered again.
    std::fs::write(&src, "title: 讲话\nbody: [第一段。, 第二段。]\n").unwrap();
    wait_for("the second render", || {
        std::fs::read(&pdf).is_ok_and(|now| now != first)
    });
    let second = std::fs::read(&pdf).unwrap();
    // A broken save: the error is printed, the watch goes on, the output stays.
    std::fs::write(&src, "title: 讲话\nbdy: []\n").unwrap();
    wait_for("the error", || said("unknown field `bdy`"));
    assert_eq!(std::fs::read(&pdf).unwrap(), second);
    assert!(child.try_wait().unwrap().is_none(), "still watching");
    // Mended: rendered again.
    std::fs::write(&src, "title: 讲话\nbody: [第三段。]\n").unwrap();
    wait_for("the render after the fix", || {
        std::fs::read(&pdf).is_ok_and(|now| now != second)
    });
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn printing_commands_stop_quietly_when_the_reader_goes_away() {
    // As `gongwen fonts | head -1` does: the pipe closes before the output is written.
    for args in [
        &["schema"][..],
        &["templates"],
        &["fonts", "--no-system-fonts"],
        &["completions", "bash"],
        &["man"],
    ] {
        let mut child = bin()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?}: {}", stderr(&o));
    }
}
