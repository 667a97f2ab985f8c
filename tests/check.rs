//! `gongwen check`: each rule finds its problem in a file made for it; `--fix` leaves a file
//! that checks clean.

use std::process::Command;

use gongwen::lint::{Level, check, fix};

fn rules(text: &str, yaml: bool) -> Vec<&'static str> {
    check(text, yaml).iter().map(|f| f.rule).collect()
}

#[test]
fn halfwidth_punctuation() {
    let f = check(
        "同志们:\n今天,我们开会(重要)!\n增长7.2%,共1,000元。\n",
        false,
    );
    let cols: Vec<(usize, usize)> = f.iter().map(|f| (f.line, f.column)).collect();
    assert_eq!(cols, [(1, 4), (2, 3), (2, 8), (2, 11), (2, 12), (3, 7)]);
    assert!(
        f.iter()
            .all(|f| f.rule == "halfwidth-punct" && f.level == Level::Error && f.fix.is_some())
    );
}

#[test]
fn unpaired_marks() {
    assert_eq!(
        rules("同志们：\n他说“好。\n见《通知。\n工作做好了）\n", false),
        ["unpaired-marks", "unpaired-marks", "unpaired-marks"]
    );
    assert!(rules("他说“好”，见《通知》〔2024〕。\n", false).is_empty());
}

#[test]
fn doubled_marks() {
    assert_eq!(
        rules("工作，，落实。。\n", false),
        ["doubled-marks", "doubled-marks"]
    );
    assert!(rules("他说……好——\n", false).is_empty());
}

#[test]
fn dates() {
    let f = check("2017年08月01日印发，17年8月1日。\n", false);
    let msgs: Vec<(&str, usize)> = f.iter().map(|f| (f.rule, f.column)).collect();
    assert_eq!(
        msgs,
        [("date-format", 6), ("date-format", 9), ("date-format", 15)]
    );
    assert!(rules("2017年8月1日，2024年12月31日。\n", false).is_empty());
}

#[test]
fn document_numbers() {
    assert_eq!(
        rules("湘政办发[2009]24号\n", false),
        ["doc-number", "doc-number"]
    );
    assert_eq!(rules("湘政办发〔2009〕第24号\n", false), ["doc-number"]);
    assert_eq!(rules("湘政办发〔2009〕024号\n", false), ["doc-number"]);
    assert!(rules("湘政办发〔2009〕24号\n", false).is_empty());
}

#[test]
fn placeholders() {
    let f = check("围绕x委、XX村、××局和○○同志。\n", false);
    assert_eq!(
        f.iter().map(|f| (f.rule, f.level)).collect::<Vec<_>>(),
        vec![("placeholder", Level::Warning); 4]
    );
    assert!(rules("面积3×4米，用Excel和x86电脑。\n", false).is_empty());
}

#[test]
fn title_punctuation() {
    assert_eq!(
        rules("title: 关于做好防汛工作的通知。\nbody: []\n", true),
        ["title-punct"]
    );
    assert_eq!(
        rules("关于做好防汛工作的通知。\n正文。\n", false),
        ["title-punct"]
    );
    assert!(rules("title: 《条例》的解读\n", true).is_empty());
}

#[test]
fn numbering_skips_repeats_levels_and_mixing() {
    assert_eq!(rules("一、甲\n二、乙\n四、丁\n", false), ["numbering-skip"]);
    assert_eq!(
        rules("一、甲\n（一）子\n（三）寅\n", false),
        ["numbering-skip"]
    );
    assert_eq!(rules("一、甲\n一、乙\n", false), ["numbering-repeat"]);
    assert_eq!(rules("（一）子\n（二）丑\n", false), ["numbering-level"]);
    assert_eq!(rules("三、丙\n", false), ["numbering-skip"]);
    // Lead sentences count within their section; a new section starts them again.
    assert!(rules("一、甲\n一是好。\n二是好。\n二、乙\n一是好。\n", false).is_empty());
    assert_eq!(rules("一是好。\n三是好。\n", false), ["numbering-skip"]);
    // In YAML, labels and paragraph starts are read.
    let y = "title: t\nbody:\n  - label: 第一点意见：\n    heading: 甲\n    body:\n      - 一是好。\n      - 三是好。\n  - label: 第三点意见：\n    heading: 丙\n";
    assert_eq!(rules(y, true), ["numbering-skip", "numbering-skip"]);
}

#[test]
fn fix_leaves_a_clean_file() {
    let y = "title: 关于做好2024年防汛工作的通知。\nsalutation: 各乡镇:\nbody:\n  - 根据湘政办发[2009]第024号文件,2017年08月01日起执行,,请遵照\"执行\"。\n  - |-\n    各地要(按时)报送;\n";
    let (fixed, n) = fix(y, true);
    assert!(n >= 10, "{n}: {fixed}");
    assert!(
        check(&fixed, true).is_empty(),
        "{:?}\n{fixed}",
        check(&fixed, true)
    );
    // Still a source gongwen renders.
    let t = gongwen::template::Template::builtin("speech").unwrap();
    let src = gongwen::source::parse("f.yaml", &fixed).unwrap();
    let doc = gongwen::source::to_model("f.yaml", &fixed, src, &t.numbering).unwrap();
    assert_eq!(
        doc.blocks[0].text(),
        "根据湘政办发〔2009〕24号文件，2017年8月1日起执行，请遵照“执行”。"
    );
}

fn scratch(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-check-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn the_command_prints_places_and_exits_by_level() {
    let bin = env!("CARGO_BIN_EXE_gongwen");
    let bad = scratch("bad.txt", "一、甲\n三、丙,好\n");
    // As rustc shows errors: the message, the place, the line and a caret under the column.
    let o = Command::new(bin)
        .args(["check", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("error: half-width ','")
            && out.contains("bad.txt:2:4\n  |\n2 | 三、丙,好\n  |       ^"),
        "{out}"
    );
    assert!(
        out.contains("= hint: `gongwen check --fix` mends this"),
        "{out}"
    );
    // One line each with --format short.
    let o = Command::new(bin)
        .args(["check", bad.to_str().unwrap(), "--format", "short"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(
            "bad.txt:2:1: error: 三、 follows number 1: a number is skipped [numbering-skip]"
        ),
        "{out}"
    );
    assert!(out.contains("bad.txt:2:4: error: half-width ','"), "{out}");
    let o = Command::new(bin)
        .args(["check", bad.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["rule"], "numbering-skip");
    let warn = scratch("warn.txt", "围绕x委工作。\n");
    let o = Command::new(bin)
        .args(["check", warn.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "warnings do not fail");
    let fixable = scratch("fix.yaml", "title: 讲话\nbody:\n  - 今天,开会。\n");
    let o = Command::new(bin)
        .args(["check", fixable.to_str().unwrap(), "--fix"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&fixable).unwrap(),
        "title: 讲话\nbody:\n  - 今天，开会。\n"
    );
}
