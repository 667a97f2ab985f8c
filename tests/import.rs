//! `gongwen import` on the seed speech and on drafts of other kinds: structure found, junk
//! reported, every other character kept.

mod common;

use common::squeeze;
use gongwen::import::{Kind, from_text};
use gongwen::model::{Block, Document};
use gongwen::punct::fold;

const SEED: &str = include_str!("data/speech-seed.txt");

fn model(yaml: &str) -> Document {
    let t = gongwen::template::Template::builtin("speech").unwrap();
    let src =
        gongwen::source::parse("imported.yaml", yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    gongwen::source::to_model("imported.yaml", yaml, src, &t.numbering).unwrap()
}

/// Every character the rendered document shows, in reading order: the model's text and the
/// labels the layout sets around it (签发人：, 附件：1., the note's （）, 附件1, 抄送：, 印发). The
/// placeholder title is left out.
fn model_text(d: &Document) -> String {
    let mut s = String::new();
    if let Some(h) = &d.header {
        for x in [&h.copy_number, &h.secrecy, &h.urgency]
            .into_iter()
            .flatten()
        {
            s.push_str(x);
        }
        if !h.issuers.is_empty() {
            s.push_str(&h.issuers.concat());
            s.push_str(h.mark_suffix.as_deref().unwrap_or("文件"));
        }
        if !h.signers.is_empty() {
            s.push_str("签发人：");
            s.push_str(&h.signers.concat());
        }
        s.extend(h.doc_number.iter().cloned());
    }
    let title = d.title.text();
    if title != "（标题）" {
        s.push_str(&title);
    }
    for x in [&d.subtitle, &d.speaker].into_iter().flatten() {
        s.push_str(x);
    }
    s.extend(d.date.iter().cloned());
    s.extend(d.salutation.iter().cloned());
    for b in &d.blocks {
        s.push_str(&b.text());
    }
    for (i, a) in d.attachments.iter().enumerate() {
        if i == 0 {
            s.push_str("附件：");
        }
        if d.attachments.len() > 1 {
            s.push_str(&format!("{}.", i + 1));
        }
        s.push_str(a);
    }
    if let Some(sig) = &d.signature {
        s.push_str(&sig.organs.concat());
        s.push_str(&sig.date);
    }
    if let Some(n) = &d.note {
        s.push_str(&format!("（{n}）"));
    }
    for a in &d.annexes {
        s.push_str(&a.label);
        s.push_str(&a.title);
        for b in &a.blocks {
            s.push_str(&b.text());
        }
    }
    if let Some(imp) = &d.imprint {
        if let Some(cc) = &imp.cc {
            s.push_str(&format!("抄送：{cc}"));
        }
        s.push_str(&format!("{}{}印发", imp.printer, imp.printed));
    }
    s
}

/// The property: apart from the dropped lines, punctuation forms and a 发文字号's 〔〕, the
/// output's characters are the input's, in order.
fn keeps_every_word(draft: &str) -> Document {
    let out = from_text(draft, "draft.txt", Kind::Auto);
    let doc = model(&out.yaml);
    let dropped: Vec<usize> = out.dropped.iter().map(|d| d.line).collect();
    let kept: String = draft
        .trim_start_matches('\u{feff}')
        .split('\n')
        .enumerate()
        .filter(|(i, _)| !dropped.contains(&(i + 1)))
        .map(|(_, l)| l)
        .collect();
    let brackets = |c: char| match c {
        '〔' => '[',
        '〕' => ']',
        c => c,
    };
    // A speech's date goes without its parentheses (the template sets them).
    let norm = |s: &str| {
        squeeze(s)
            .chars()
            .map(fold)
            .map(brackets)
            .filter(|c| !matches!(c, '(' | ')'))
            .collect::<String>()
    };
    assert_eq!(norm(&model_text(&doc)), norm(&kept), "\n{}", out.yaml);
    doc
}

fn headings(d: &Document) -> Vec<(u8, String)> {
    d.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, label, .. } => Some((*level, label.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn the_seed_speech_comes_out_structured() {
    let out = from_text(SEED, "speech-seed.txt", Kind::Auto);
    let lines: Vec<usize> = out.dropped.iter().map(|d| d.line).collect();
    assert_eq!(lines, [1, 21, 22], "the advert, 查看全文 and false");
    let doc = keeps_every_word(SEED);
    assert_eq!(doc.salutation.as_deref(), Some("同志们："));
    assert_eq!(
        headings(&doc),
        [
            (1, "第一点意见：".to_string()),
            (1, "第二点意见：".into()),
            (1, "第三点意见：".into())
        ]
    );
    let leads: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { lead: Some(l), .. } => Some(l.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(leads.len(), 11, "{leads:?}");
    assert!(
        leads
            .iter()
            .all(|l| l.ends_with('。') && l.chars().nth(1) == Some('是')),
        "{leads:?}"
    );
    // Punctuation in its GB/T 15834 forms; numbers untouched.
    let text = model_text(&doc);
    assert!(!text.contains(',') && text.contains("旗x（市）") && text.contains("7.2%"));
}

#[test]
fn the_imported_seed_renders_to_the_seed_text() {
    let out = from_text(SEED, "speech-seed.txt", Kind::Auto);
    let pdf = gongwen::render(
        &gongwen::Source::new("imported.yaml", &out.yaml).in_dir(common::examples()),
        &common::options(),
    )
    .unwrap()
    .pdf
    .unwrap();
    let pages = common::pdf_page_texts(&pdf);
    let mut text = String::new();
    for (i, p) in pages.iter().enumerate() {
        let p = squeeze(p);
        text.push_str(p.strip_suffix(&format!("—{}—", i + 1)).unwrap());
    }
    let body = squeeze(&SEED.lines().skip(1).take(19).collect::<String>());
    let fold_all = |s: &str| s.chars().map(fold).collect::<String>();
    assert!(fold_all(&text).contains(&fold_all(&body)));
}

const NOTICE: &str = "关于做好2024年防汛工作的通知

各乡镇人民政府，县直各单位：
为切实做好今年防汛工作，确保人民群众生命财产安全，根据省防汛抗旱指挥部的部署，结合我县实际，现将有关事项通知如下：
一、提高思想认识
各地要充分认识防汛工作的重要性、紧迫性和艰巨性，克服麻痹思想和侥幸心理，把防汛工作摆上重要议事日程，主要负责同志要亲自研究部署，确保各项措施落到实处。
（一）加强组织领导
成立防汛指挥部，统一指挥。
1.明确责任分工
各成员单位按职责做好工作。
（1）水利部门
负责水库巡查。
（2）气象部门
负责预报预警。
2.强化值班值守
实行24小时值班。
（二）做好物资储备
储备编织袋10000条。
二、抓好工作落实
各地要于6月1日前将防汛工作方案、责任人名单和应急预案报送县防汛抗旱指挥部办公室，逾期未报的予以通报。
";

#[test]
fn four_levels_follow_the_numbering() {
    let doc = keeps_every_word(NOTICE);
    assert_eq!(doc.title.text(), "关于做好2024年防汛工作的通知");
    let h: Vec<u8> = headings(&doc).iter().map(|h| h.0).collect();
    assert_eq!(h, [1, 2, 3, 4, 4, 3, 2, 1]);
    // The standard's own labels are left to the template.
    let out = from_text(NOTICE, "n.txt", Kind::Auto);
    assert!(!out.yaml.contains("label:"), "{}", out.yaml);
}

#[test]
fn a_text_hard_wrapped_at_40_columns_is_joined() {
    let mut wrapped = String::new();
    for para in NOTICE.lines() {
        let mut w = 0;
        for c in para.chars() {
            let cw = if gongwen::punct::is_cjk(c) { 2 } else { 1 };
            if w + cw > 40 {
                wrapped.push('\n');
                w = 0;
            }
            wrapped.push(c);
            w += cw;
        }
        wrapped.push('\n');
    }
    let a = keeps_every_word(&wrapped);
    let b = model(&from_text(NOTICE, "n.txt", Kind::Auto).yaml);
    assert_eq!(a.blocks, b.blocks);
}

#[test]
fn crlf_bom_and_full_width_indents_are_read() {
    let draft = "\u{feff}在全县工作会议上的讲话\r\n（2024年3月5日）\r\n同志们:\r\n\u{3000}\u{3000}今天召开会议,主要任务是:总结工作.\r\n\u{3000}\u{3000}一是抓好落实。各地要行动起来。\r\n";
    let doc = keeps_every_word(draft);
    assert_eq!(doc.title.text(), "在全县工作会议上的讲话");
    // The template sets the parentheses.
    assert_eq!(doc.date.as_deref(), Some("2024年3月5日"));
    assert_eq!(doc.salutation.as_deref(), Some("同志们："));
    assert_eq!(doc.blocks.len(), 2);
    assert_eq!(doc.blocks[0].text(), "今天召开会议，主要任务是：总结工作.");
    assert!(
        matches!(&doc.blocks[1], Block::Paragraph { lead: Some(l), .. } if l == "一是抓好落实。")
    );
}

#[test]
fn a_speech_title_block_is_read() {
    let draft = "在全市经济工作会议上的讲话\n——坚定信心 真抓实干\n张三\n2024年1月10日\n同志们：\n今天的会议很重要。\n";
    let doc = keeps_every_word(draft);
    assert_eq!(doc.subtitle.as_deref(), Some("——坚定信心 真抓实干"));
    assert_eq!(doc.speaker.as_deref(), Some("张三"));
    assert_eq!(doc.date.as_deref(), Some("2024年1月10日"));
}

const FULL_NOTICE: &str = "江南县人民政府办公室文件
江政办发[2024]7号
江南县人民政府办公室关于做好2024年防汛抗旱工作的通知
各乡镇人民政府,县政府各部门:
为切实做好今年防汛抗旱工作,现将有关事项通知如下:
一、提高思想认识
各地要充分认识防汛工作的重要性。
（一）落实行政首长负责制
主要负责同志是第一责任人。
1.明确责任分工
各成员单位各司其职。
（1）水利部门
负责水库巡查。
二、做好物资储备
各地要储备必要的防汛物资。
附件:1.江南县2024年防汛抗旱工作责任人名单
2.江南县防汛物资储备清单
江南县人民政府办公室
2024年4月6日
(此件公开发布)
附件1
江南县2024年防汛抗旱工作责任人名单
总指挥:县长。
附件2
江南县防汛物资储备清单
编织袋10000条。
抄送:县委各部门,县人大常委会办公室。
江南县人民政府办公室 2024年4月6日印发
";

#[test]
fn a_notice_comes_out_with_every_part() {
    let doc = keeps_every_word(FULL_NOTICE);
    let h = doc.header.as_ref().expect("a 版头");
    assert_eq!(h.issuers, ["江南县人民政府办公室"]);
    // The year in 〔〕, as §7.2.4 writes it (the change is counted and said).
    assert_eq!(h.doc_number.as_deref(), Some("江政办发〔2024〕7号"));
    assert_eq!(
        doc.title.text(),
        "江南县人民政府办公室关于做好2024年防汛抗旱工作的通知"
    );
    assert_eq!(
        doc.salutation.as_deref(),
        Some("各乡镇人民政府，县政府各部门：")
    );
    assert_eq!(
        headings(&doc).iter().map(|h| h.0).collect::<Vec<_>>(),
        [1, 2, 3, 4, 1]
    );
    assert_eq!(
        doc.attachments,
        [
            "江南县2024年防汛抗旱工作责任人名单",
            "江南县防汛物资储备清单"
        ]
    );
    let sig = doc.signature.as_ref().unwrap();
    assert_eq!(
        (sig.organs.as_slice(), sig.date.as_str()),
        (&["江南县人民政府办公室".to_string()][..], "2024年4月6日")
    );
    assert_eq!(doc.note.as_deref(), Some("此件公开发布"));
    assert_eq!(doc.annexes.len(), 2);
    assert_eq!(doc.annexes[1].title, "江南县防汛物资储备清单");
    let imp = doc.imprint.as_ref().unwrap();
    assert_eq!(imp.cc.as_deref(), Some("县委各部门，县人大常委会办公室。"));
    assert_eq!(
        (imp.printer.as_str(), imp.printed.as_str()),
        ("江南县人民政府办公室", "2024年4月6日")
    );
    // And it renders as a 公文.
    let out = from_text(FULL_NOTICE, "n.txt", Kind::Auto);
    let r = gongwen::render(
        &gongwen::Source::new("n.yaml", &out.yaml).in_dir(common::examples()),
        &common::options(),
    )
    .unwrap();
    assert_eq!(r.pages % 2, 0, "the 版记 on an even page");
}

#[test]
fn guessed_levels_and_kinds_are_said_in_the_yaml() {
    let out = from_text(SEED, "speech-seed.txt", Kind::Auto);
    // 第一点意见 has no level in the standard: the importer says where it took one from.
    assert!(
        out.yaml
            .contains("label: \"第一点意见：\"  # guess: level 1"),
        "{}",
        out.yaml
    );
    // The standard's own 一、 at level 1 needs no comment.
    let notice = from_text(NOTICE, "n.txt", Kind::Auto);
    assert!(!notice.yaml.contains("# guess: level"), "{}", notice.yaml);
    // --kind notice writes a 公文 source even without a 版头; --kind speech never does.
    assert!(
        from_text(NOTICE, "n.txt", Kind::Notice)
            .yaml
            .contains("\ntemplate: notice\n")
    );
    assert!(
        !from_text(FULL_NOTICE, "n.txt", Kind::Speech)
            .yaml
            .contains("template:")
    );
    model(&from_text(NOTICE, "n.txt", Kind::Notice).yaml);
}

/// A draft without a title: `import` says so, `render` warns at the title's place, and `check`
/// calls the placeholder an error (it used to print "（标题）" without a word).
#[test]
fn a_missing_title_is_said_by_import_render_and_check() {
    let out = from_text(SEED, "speech-seed.txt", Kind::Auto);
    assert!(
        out.notes.iter().any(|n| n.contains("no title")),
        "{:?}",
        out.notes
    );
    let r = gongwen::render(
        &gongwen::Source::new("seed.yaml", out.yaml.as_str()),
        &common::options(),
    )
    .unwrap();
    assert_eq!(r.source_warnings.len(), 1);
    assert!(
        r.source_warnings[0].to_string().contains("placeholder"),
        "{}",
        r.source_warnings[0]
    );
    let findings = gongwen::lint::check(&out.yaml, true);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "title-placeholder" && f.level == gongwen::lint::Level::Error),
        "{findings:?}"
    );
    // A title written in: no warning.
    let titled = out
        .yaml
        .replace("\"（标题）\"", "在全县农村工作观摩会上的讲话");
    let r = gongwen::render(
        &gongwen::Source::new("seed.yaml", titled.as_str()),
        &common::options(),
    )
    .unwrap();
    assert!(r.source_warnings.is_empty());
}

/// A run-in heading with nothing under it imported with an empty `body:` (valid, but a reader
/// wonders what is missing): a heading's `body` is written only when something is in it.
#[test]
fn a_heading_with_nothing_under_it_gets_no_empty_body() {
    let draft = "关于做好森林防火工作的通知\n\n各乡镇：\n\n一、加强领导。各乡镇要加强领导。\n\
                 二、落实责任。各单位要落实责任。\n（一）加强巡查。要加强巡查。\n（二）严控火源。\n\
                 要严控火源。\n\n县政府\n2026年3月1日\n";
    let out = from_text(draft, "draft.txt", Kind::Auto);
    let lines: Vec<&str> = out.yaml.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_end().ends_with("body:") {
            let indent = |l: &str| l.len() - l.trim_start().len();
            let next = lines.get(i + 1).copied().unwrap_or("");
            assert!(indent(next) > indent(line), "an empty body:\n{}", out.yaml);
        }
    }
    assert_eq!(
        headings(&keeps_every_word(draft)),
        [
            (1, "一、".to_string()),
            (1, "二、".to_string()),
            (2, "（一）".to_string()),
            (2, "（二）".to_string())
        ]
    );
}

/// A 二、 whose sentence is too long for a heading was imported as a plain paragraph, and the
/// template then numbered the 三、 after it "二、".
#[test]
fn a_numbered_paragraph_between_headings_keeps_the_next_heading_s_number() {
    let doc = keeps_every_word(
        "关于做好冬季安全工作的通知\n\n各单位：\n现将有关事项通知如下。\n\
         一、提高认识。冬季是事故多发期。\n\
         二、各单位要对照本通知要求，认真组织开展一次全面深入的安全隐患排查整治行动，切实做到不留死角、不留盲区、不留隐患。并于12月底前报送。\n\
         三、加强值守。要严格落实24小时值班制度。\n\n县应急管理局\n2026年12月1日\n",
    );
    let labels: Vec<String> = headings(&doc).into_iter().map(|(_, l)| l).collect();
    assert_eq!(labels, ["一、", "二、", "三、"]);
}

/// "（一）文物保护单位；" … is a list, not five headings: each item's words are run-in text
/// after its label (in the level's font), not a heading set whole in 楷体.
#[test]
fn list_items_ending_in_semicolons_are_run_in_text_after_their_labels() {
    let doc = keeps_every_word(
        "关于烟花爆竹燃放管理的通告\n\n一、禁止燃放的场所。任何单位和个人不得在下列地点燃放烟花爆竹：\n\
         （一）文物保护单位；\n（二）医疗机构、幼儿园、中小学校；\n（三）山林等重点防火区。\n\
         二、本通告自发布之日起施行。\n\n县公安局\n2026年11月30日\n",
    );
    let items: Vec<(String, Option<String>)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level: 2,
                text,
                run_in,
                ..
            } => Some((text.clone(), run_in.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(items.len(), 3);
    assert!(
        items
            .iter()
            .all(|(text, run_in)| text.is_empty() && run_in.is_some()),
        "{items:?}"
    );
}

/// A web page links the 附件说明's names to their files ("附件：……（征求意见稿）.docx"): the
/// line was dropped as a download link, and the 公文 lost its 附件说明.
#[test]
fn an_attachment_note_linked_to_its_file_stays_without_the_extension() {
    let draft = "关于征求意见的公告\n\n为推进我市生活垃圾分类工作，市城市管理局起草了管理办法，现向社会公开征求意见。\n\
                 附件：1.白河市城市生活垃圾分类管理办法（征求意见稿）.docx\n\
                 2.意见反馈表.XLSX\n白河市城市管理局\n2026年11月28日\n";
    let out = from_text(draft, "draft.txt", Kind::Auto);
    let doc = model(&out.yaml);
    assert!(out.dropped.is_empty(), "{:?}", out.dropped);
    assert_eq!(
        doc.attachments,
        ["白河市城市生活垃圾分类管理办法（征求意见稿）", "意见反馈表"]
    );
    assert!(out.notes.iter().any(|n| n.contains("file extension")));
}

/// The closing line of a 报告 or a 批复 ("特此报告。", "此复。") was written into the last
/// section's `body`, as if it belonged to its last point; after a run-in item it stands under
/// no `body:` at all. It closes the document: the importer writes it at the top, after the
/// sections, as the corpus's expected sources have it.
#[test]
fn a_closing_line_stands_after_the_sections_not_in_the_last() {
    let draft = "关于同意设立园区管理委员会的批复\n\n县工业和信息化局：\n    你局请示收悉。经研究，现批复如下：\n    一、同意设立园区管理委员会。\n    二、请你局抓紧做好组建工作，确保尽快正常运转。\n    此复。\n\n宁安县人民政府\n2026年11月28日\n";
    let out = from_text(draft, "pifu.txt", Kind::Auto);
    assert!(out.yaml.contains("\n  - |-\n    此复。\n"), "{}", out.yaml);
    assert!(
        !out.yaml.contains("body:\n  - |-\n    此复"),
        "{}",
        out.yaml
    );
    let doc = model(&out.yaml);
    assert_eq!(doc.blocks.last().map(|b| b.text()), Some("此复。".into()));

    let report = "关于全县安全生产工作情况的报告\n\n市应急管理局：\n    现将情况报告如下：\n    一、基本情况\n    全年未发生较大以上生产安全事故。\n    特此报告。\n\n宁安县应急管理局\n2026年12月1日\n";
    let out = from_text(report, "baogao.txt", Kind::Auto);
    assert!(
        out.yaml.contains("\n  - |-\n    特此报告。\n"),
        "{}",
        out.yaml
    );
}

/// A spreadsheet's rows pasted as text lost their trailing tabs, so a row whose last cell was
/// blank no longer matched the header: the table broke there, and the next row, read as a
/// paragraph, lost the gaps between its cells ("县直单位10含驻县单位").
#[test]
fn a_table_row_with_a_blank_last_cell_stays_in_its_table() {
    let draft = "关于报送名额的通知\n\n各单位：\n    名额如下：\n单位\t名额\t备注\n城关镇\t5\t\n县直单位\t10\t含驻县单位\n\t3\t续报\n\n宁安县妇女联合会\n2027年3月1日\n";
    let out = from_text(draft, "table.txt", Kind::Auto);
    let doc = model(&out.yaml);
    let rows = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no table:\n{}", out.yaml));
    assert_eq!(
        rows,
        [
            vec!["城关镇", "5", ""],
            vec!["县直单位", "10", "含驻县单位"],
            vec!["", "3", "续报"]
        ]
    );
}

/// A 办法's draft with "（征求意见稿）" under its title: the mark became `speaker:`, which a
/// 公文 never prints, so the document went out unmarked; above the title it was dropped as a
/// web banner. It is the source's `draft:`. Its chapters' full-width spaces ("第一章　") were
/// counted as web spaces taken out, though none was.
#[test]
fn a_draft_mark_by_the_title_is_the_draft_key() {
    let below = "宁安县城市管理实施办法\n（征求意见稿）\n\n第一章　总　则\n    第一条　为加强城市管理，制定本办法。\n第二章　附　则\n    第二条　本办法自2027年3月1日起施行。\n";
    let above = "讨论稿\n\n宁安县人民政府关于加强城市管理的意见\n\n各乡镇人民政府：\n    现提出如下意见。\n\n宁安县人民政府\n2026年12月1日\n";
    for (draft, word) in [(below, "征求意见稿"), (above, "讨论稿")] {
        let out = from_text(draft, "draft.txt", Kind::Auto);
        assert!(
            out.yaml.contains(&format!("\ndraft: \"{word}\"\n")),
            "{}",
            out.yaml
        );
        assert!(!out.yaml.contains("speaker:"), "{}", out.yaml);
        assert!(out.dropped.is_empty(), "{:?}", out.dropped);
        assert_eq!(out.tally.spaces, 0, "{}", out.yaml);
    }
}

/// A 命令 as text ("……令", "第5号", the text, "县长　陈志远", the date) was read as a speech
/// whose title was the mark and the 令号, its signer and date as paragraphs. It is
/// `template: order`: the organ, the 令号, the post and the name typed where the 签名章 goes.
#[test]
fn an_order_as_text_is_an_order() {
    let draft = "宁安县人民政府令\n第5号\n\n《宁安县城市绿化管理办法》已经2026年11月20日县人民政府第30次常务会议通过，现予公布，自2027年1月1日起施行。\n\n县长　陈志远\n2026年11月25日\n";
    let out = from_text(draft, "order.txt", Kind::Auto);
    let y = &out.yaml;
    for want in [
        "template: order",
        "issuers: \"宁安县人民政府\"",
        "doc_number: \"第5号\"",
        "  title: \"县长\"",
        "  name: \"陈志远\"",
        "  date: \"2026年11月25日\"",
    ] {
        assert!(y.contains(want), "{want}:\n{y}");
    }
    assert!(
        !y.contains("\ntitle:"),
        "an order goes untitled (§10.2):\n{y}"
    );
    let t = gongwen::template::Template::builtin("order").unwrap();
    let src = gongwen::source::parse("order.yaml", y).unwrap_or_else(|e| panic!("{e}\n{y}"));
    let doc = gongwen::source::to_model("order.yaml", y, src, &t.numbering).unwrap();
    assert_eq!(doc.blocks.len(), 1, "{y}");
}

/// A speech's "（根据录音整理）" under its title was taken for the speaker, and the real speaker
/// ("县长  陈志远") for a second title line.
#[test]
fn a_note_under_a_speech_title_is_no_speaker() {
    let draft = "在全县优化营商环境大会上的讲话\n（根据录音整理）\n县长  陈志远\n2027年2月18日\n\n同志们、朋友们：\n    今天，我们召开全县优化营商环境大会。\n";
    let out = from_text(draft, "speech.txt", Kind::Auto);
    let y = &out.yaml;
    assert!(
        y.contains("title: \"在全县优化营商环境大会上的讲话\"\n"),
        "{y}"
    );
    assert!(y.contains("subtitle: \"（根据录音整理）\"\n"), "{y}");
    assert!(y.contains("speaker: \"县长  陈志远\"\n"), "{y}");
    assert!(y.contains("date: \"2027年2月18日\"\n"), "{y}");
}

/// A 主送机关 too long for a line, hard-wrapped, lost its first half to the title; an 附件说明
/// name wrapped under itself became an attachment of its own.
#[test]
fn a_wrapped_recipients_line_and_a_wrapped_attachment_name_are_each_one() {
    let draft = "关于加强农村集体“三资”管理的意见\n\n各乡镇人民政府，县直各部门，县属各国有企业，各有关\n单位：\n    现提出如下意见。\n\n附件：1.宁安县农村集体资产清产核资工作方案\n      2.宁安县农村集体经济组织财务公开目录及格式（2027年\n        修订版）\n\n宁安县人民政府\n2027年1月8日\n";
    let out = from_text(draft, "wrapped.txt", Kind::Auto);
    let doc = model(&out.yaml);
    assert_eq!(doc.title.text(), "关于加强农村集体“三资”管理的意见");
    assert_eq!(
        doc.salutation.as_deref(),
        Some("各乡镇人民政府，县直各部门，县属各国有企业，各有关单位：")
    );
    assert_eq!(
        doc.attachments,
        [
            "宁安县农村集体资产清产核资工作方案",
            "宁安县农村集体经济组织财务公开目录及格式（2027年修订版）"
        ]
    );
}

/// A 通告 has no 主送机关: its opening sentence, ending "……通告如下：", is its first paragraph,
/// however long the 主送机关 a wrapped line may make.
#[test]
fn an_opening_sentence_ending_in_a_colon_is_no_recipients_line() {
    let draft = "宁安县公安局关于春节期间城区禁止燃放烟花爆竹的通告\n\n为保障人民群众生命财产安全，减少环境污染，根据《烟花爆竹安全管理条例》等规定，现就有关事项通告如下：\n一、禁止燃放时间：2027年2月1日至2027年2月28日。\n特此通告。\n\n宁安县公安局\n2027年1月10日\n";
    let out = from_text(draft, "tonggao.txt", Kind::Auto);
    let doc = model(&out.yaml);
    assert_eq!(doc.salutation, None, "{}", out.yaml);
    assert!(
        matches!(doc.blocks.first(), Some(Block::Paragraph { text, .. }) if text.ends_with("通告如下：")),
        "{}",
        out.yaml
    );
}

/// A short notice flattened by a web page (no blank lines) lost its text and its 附件说明 to
/// the title: a line under a title that ends a sentence, or opens "附件：", is no title line.
#[test]
fn a_sentence_or_an_attachment_note_under_the_title_is_no_title_line() {
    let draft = "关于征求意见的公告\n为推进工作，现公开征求意见。\n附件：1.白河市城市生活垃圾分类管理办法（征求意见稿）\n2.意见反馈表\n白河市城市管理局\n2026年11月28日\n";
    let out = from_text(draft, "gonggao.txt", Kind::Auto);
    let doc = model(&out.yaml);
    assert_eq!(doc.title.text(), "关于征求意见的公告", "{}", out.yaml);
    assert_eq!(doc.blocks.len(), 1, "{}", out.yaml);
    assert_eq!(doc.attachments.len(), 2, "{}", out.yaml);
}
