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
    // A chapter of a 办法 (第一章) is the first level above its （一） items.
    assert!(
        rules(
            "第一章　总则\n第一条　甲。\n（一）子；\n（二）丑。\n",
            false
        )
        .is_empty()
    );
    assert_eq!(rules("三、丙\n", false), ["numbering-skip"]);
    // Lead sentences count within their section; a new section starts them again.
    assert!(rules("一、甲\n一是好。\n二是好。\n二、乙\n一是好。\n", false).is_empty());
    assert_eq!(rules("一是好。\n三是好。\n", false), ["numbering-skip"]);
    // In YAML, labels and paragraph starts are read.
    let y = "title: t\nbody:\n  - label: 第一点意见：\n    heading: 甲\n    body:\n      - 一是好。\n      - 三是好。\n  - label: 第三点意见：\n    heading: 丙\n";
    assert_eq!(rules(y, true), ["numbering-skip", "numbering-skip"]);
}

/// An 附件 is a document of its own: its headings number from 一、 again. `check` called the
/// first heading of an imported request's 附件 "一、 comes after number 3" (the marker meant to
/// restart the count at each 附件 restarted nothing).
#[test]
fn an_annex_numbers_its_headings_afresh() {
    let notice = "template: notice\ntitle: 关于甲的请示\nrecipients: 市政府：\nbody:\n  - heading: 甲\n    body: [正文。]\n  - heading: 乙\n    body: [正文。]\n  - heading: 丙\n    body: [正文。]\nsignature: { organ: 区政府, date: 2025年3月18日 }\nannexes:\n  - title: 项目概况\n    body:\n      - heading: 建设地点\n        body: [正文。]\n      - heading: 建设内容\n        body: [正文。]\n";
    assert!(
        !rules(notice, true).contains(&"numbering-skip"),
        "{:?}",
        check(notice, true)
    );
    // Within the 附件 the count still holds: a third heading labelled 四、 is a skip.
    let skipping = notice.replace(
        "      - heading: 建设内容",
        "      - label: 四、\n        heading: 建设内容",
    );
    assert_eq!(rules(&skipping, true), ["numbering-skip"]);
}

#[test]
fn fix_leaves_a_clean_file() {
    let y = "title: 关于做好2024年防汛工作的通知。\nsalutation: \"各乡镇:\"\nbody:\n  - 根据湘政办发[2009]第024号文件,2017年08月01日起执行,,请遵照\"执行\"。\n  - |-\n    各地要(按时)报送;\n";
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

mod common;

/// Every example and every `new` starter checks clean of errors: YAML syntax, keys, quotes,
/// comments and flow lists are not text (the notice's table header was 36 false errors). The
/// speech keeps the seed's words: its masked characters ("x委") and the quote it never closes.
#[test]
fn the_examples_and_starters_check_clean() {
    for name in ["notice", "request", "minutes", "order", "letter", "speech"] {
        let text =
            std::fs::read_to_string(common::examples().join(format!("{name}.yaml"))).unwrap();
        let found: Vec<_> = check(&text, true)
            .into_iter()
            .filter(|f| {
                !(name == "speech" && (f.rule == "placeholder" || f.rule == "unpaired-marks"))
            })
            .collect();
        assert!(found.is_empty(), "{name}: {found:?}");
    }
    for kind in ["speech", "notice", "request", "minutes", "order", "letter"] {
        let o = common::bin().args(["new", kind]).output().unwrap();
        let text = String::from_utf8(o.stdout).unwrap();
        let errors: Vec<_> = check(&text, true)
            .into_iter()
            .filter(|f| {
                f.level == Level::Error && !(kind == "speech" && f.rule == "unpaired-marks")
            })
            .collect();
        assert!(errors.is_empty(), "new {kind}: {errors:?}");
    }
}

/// A 《》 pair may open on one title line and close on the next; the template's default labels
/// count in numbering (a （一） under a default 一、 has its level above it).
#[test]
fn rules_see_the_document_not_the_lines() {
    let y = "title:\n  - 关于印发《江南县防汛抗旱\n  - 应急预案》的通知\nbody:\n  - heading: 甲\n    body:\n      - heading: 子\n      - heading: 丑\n  - heading: 乙\n";
    assert!(check(y, true).is_empty(), "{:?}", check(y, true));
}

/// Each seeded mistake is found once, at its line and column, and `--fix` mends the fixable
/// ones and nothing else.
#[test]
fn seeded_mistakes_are_each_found_once_at_their_place() {
    let y = "title: 通知\nbody:\n  - 各地要按时报送,不得延误。\n  - table:\n      header: [单位, 时间]\n      rows:\n        - [县水利局, \"5月1日,上午\"]\n  - 自2024年04月06日起施行。\n  - 自2024年13月1日起施行。\n  - heading: 三、加强领导\n  - 请认真执行。。\n  - 他说：“好。\n";
    let found: Vec<(&str, usize, usize)> = check(y, true)
        .iter()
        .map(|f| (f.rule, f.line, f.column))
        .collect();
    assert_eq!(
        found,
        [
            ("halfwidth-punct", 3, 12),
            // In a table cell; the flow list's own commas are YAML, not text.
            ("halfwidth-punct", 7, 23),
            ("date-format", 8, 11),
            ("date-format", 8, 14),
            ("date-invalid", 9, 6),
            // From the key: --fix moves the label to `label:`.
            ("label-in-heading", 10, 5),
            ("doubled-marks", 11, 11),
            ("unpaired-marks", 12, 8),
        ]
    );
    let (fixed, n) = fix(y, true);
    assert_eq!(n, 6, "{fixed}");
    let want = y
        .replace(
            "  - heading: 三、加强领导",
            "  - label: 三、\n    heading: 加强领导",
        )
        .replace("报送,不得", "报送，不得")
        .replace("\"5月1日,上午\"", "\"5月1日，上午\"")
        .replace("04月06日", "4月6日")
        .replace("执行。。", "执行。");
    assert_eq!(fixed, want);
}

/// `check` reads a source as `render` does: malformed YAML, an unknown key and sections nested
/// too deep are the same error, at the same place, with the same exit code (it used to exit 0).
#[test]
fn check_fails_where_render_fails_with_the_same_message() {
    let dir = common::scratch("check-as-render");
    for (name, src) in [
        ("syntax", "title: t\nbody:\n  - [unclosed\n"),
        ("key", "title: t\nbody:\n  - heading: 甲\n    bodyy: []\n"),
        (
            "deep",
            "title: t\nbody:\n - heading: a\n   body:\n    - heading: b\n      body:\n       - heading: c\n         body:\n          - heading: d\n            body:\n             - heading: e\n",
        ),
    ] {
        let path = dir.join(format!("{name}.yaml"));
        std::fs::write(&path, src).unwrap();
        let out = dir.join("out");
        let run = |cmd: &str| {
            let o = common::bin()
                .args([cmd, path.to_str().unwrap()])
                .args(if cmd == "render" {
                    vec!["-o", out.to_str().unwrap()]
                } else {
                    vec![]
                })
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            (
                o.status.code(),
                common::stderr(&o)
                    .lines()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        };
        let (check_code, check_says) = run("check");
        let (render_code, render_says) = run("render");
        assert_eq!(check_code, Some(1), "{name}: {check_says}");
        assert_eq!(
            (check_code, &check_says),
            (render_code, &render_says),
            "{name}"
        );
    }
}

/// `--fix` edits only inside values: comments, line endings, the YAML quotes, a symlink (the
/// file behind it is written) and the file's mode stay as they were, and a second run finds
/// nothing to fix.
#[cfg(unix)]
#[test]
fn fix_keeps_the_files_shape_links_and_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = common::scratch("check-fix-shape");
    let real = dir.join("real.yaml");
    let src = "# 注释, with: marks\r\ntitle: \"讲话\"  # a comment, too\r\nbody:\r\n  - \"第一段,好。\"\r\n  - '第二段,好。'\r\n";
    std::fs::write(&real, src).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.join("link.yaml");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = common::bin()
        .args(["check", "--fix", link.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        src.replace("第一段,好", "第一段，好")
            .replace("第二段,好", "第二段，好")
    );
    let (_, again) = fix(&std::fs::read_to_string(&real).unwrap(), true);
    assert_eq!(again, 0);
}

/// `--fix` on a copy of every example changes nothing it renders: the PDF is byte-identical.
#[test]
fn fix_on_the_examples_leaves_their_pdf_byte_identical() {
    for name in ["speech", "notice", "request", "minutes", "order", "letter"] {
        let text =
            std::fs::read_to_string(common::examples().join(format!("{name}.yaml"))).unwrap();
        let (fixed, _) = fix(&text, true);
        let pdf = |t: &str| {
            gongwen::render(
                &gongwen::Source::new(format!("{name}.yaml"), t).in_dir(common::examples()),
                &common::options(),
            )
            .unwrap()
            .pdf
            .unwrap()
        };
        assert!(pdf(&fixed) == pdf(&text), "{name}");
    }
}

/// The page audit: a paragraph one character longer than its first line leaves that character
/// alone on the next (孤字); found with its place and page, in every output format.
#[test]
fn the_page_audit_finds_a_lone_character_with_its_page() {
    let dir = common::scratch("check-audit");
    let path = dir.join("lone.yaml");
    let first_line = "各地要认真落实防汛责任制，加强隐患排查和值班值守工作";
    assert_eq!(first_line.chars().count(), 26);
    std::fs::write(&path, format!("title: 通知\nbody:\n  - {first_line}员。\n")).unwrap();
    let o = common::bin()
        .args(["check", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lone: Vec<&serde_json::Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "lone-char")
        .collect();
    assert_eq!(lone.len(), 1, "{findings}");
    assert_eq!(
        (lone[0]["line"].as_u64(), lone[0]["page"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(lone[0]["level"], "warning");
    // A warning: the check passes.
    assert_eq!(o.status.code(), Some(0));
}

/// The examples are showcases: the page audit finds nothing on them (the notice had three 孤字
/// lines and two widows). The speech keeps the seed's words as found.
#[test]
fn the_examples_pass_the_page_audit() {
    for name in ["notice", "request", "minutes", "order", "letter"] {
        let path = common::examples().join(format!("{name}.yaml"));
        let o = common::bin()
            .args(["check", path.to_str().unwrap(), "--format", "short"])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&o.stdout), "", "{name}");
        assert_eq!(o.status.code(), Some(0), "{name}");
    }
}

/// `--fix` never changes what a source says beyond the characters it mends: every example and
/// every corpus source parses after it to a document with the same structure and, marks folded,
/// the same text.
#[test]
fn fix_keeps_every_source_the_same_document() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join("examples"))
        .unwrap()
        .chain(std::fs::read_dir(dir.join("tests/data/import")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20);
    let shape = |name: &str, text: &str| {
        let src = gongwen::source::parse(name, text).unwrap();
        let t = src.builtin_template();
        let doc = gongwen::source::to_model(name, text, src, &t.numbering).unwrap();
        let folded = |s: String| s.chars().map(gongwen::punct::fold).collect::<String>();
        doc.blocks
            .iter()
            .chain(doc.annexes.iter().flat_map(|a| &a.blocks))
            .map(|b| folded(b.text()))
            .collect::<Vec<_>>()
    };
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let (fixed, _) = fix(&text, true);
        assert_eq!(shape(&name, &fixed), shape(&name, &text), "{name}");
    }
}

/// A character its role's font lacks is said with the face that set it (the speech's 镕 is not
/// in FandolFang), and one no font has is said too.
#[test]
fn the_page_audit_names_characters_set_in_a_fallback_font() {
    let path = common::examples().join("speech.yaml");
    let o = common::bin()
        .args(["check", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fallback: Vec<&serde_json::Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "fallback-font")
        .collect();
    assert_eq!(fallback.len(), 1, "{findings}");
    assert!(fallback[0]["message"].as_str().unwrap().contains("镕"));
    let dir = common::scratch("check-no-font");
    let none = dir.join("none.yaml");
    std::fs::write(&none, "title: 通知\nbody:\n  - 古文字\u{10900}。\n").unwrap();
    let o = common::bin()
        .args(["check", none.to_str().unwrap(), "--format", "short"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("[no-font]"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}
