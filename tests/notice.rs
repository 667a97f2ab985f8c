//! The 文件格式: every element's place measured from the layout IR against its clause.

mod common;

use common::{lay_out, lines, squeeze};
use gongwen::units::mm;

const NOTICE: &str = include_str!("../examples/notice.yaml");
const RED: [u8; 3] = [230, 0, 18];

fn near(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn the_header_block_follows_7_2() {
    let laid = lay_out("notice.yaml", NOTICE);
    let g = laid.layout.geometry;
    let page = &laid.layout.pages[0];
    // §7.2.4: the mark, red, its top edge 35 mm below the block's top, centred.
    let mark: Vec<_> = page.runs.iter().filter(|r| r.color == RED).collect();
    assert_eq!(
        mark.iter().map(|r| r.text.as_str()).collect::<String>(),
        "江南县人民政府办公室文件"
    );
    let size = mark[0].size;
    assert!(size <= 36.0);
    assert!(
        near(mark[0].baseline - 0.88 * size, g.top + mm(35.0)),
        "mark top at {}",
        mark[0].baseline - 0.88 * size
    );
    let x0 = mark[0].glyphs[0].x;
    let last = mark.last().unwrap().glyphs.last().unwrap();
    assert!(near(
        (x0 + last.x + last.advance) / 2.0,
        g.left + g.width / 2.0
    ));
    // §7.2.2–7.2.3: 份号 on line 1, 紧急程度 on line 2, flush left.
    let all = lines(&laid.layout);
    assert_eq!(squeeze(&all[0].text), "000123");
    assert_eq!(squeeze(&all[1].text), "特急");
    assert!(near(all[0].glyphs[0].1, g.left) && near(all[1].glyphs[0].1, g.left));
    let slot = |baseline: f32| ((baseline - g.top) / g.pitch).floor() as u32;
    assert_eq!((slot(all[0].baseline), slot(all[1].baseline)), (0, 1));
    // §7.2.5: 发文字号 two lines below the mark, centred.
    let number = all.iter().find(|l| l.text.contains("〔2024〕")).unwrap();
    let mark_bottom = mark[0].baseline - 0.88 * size + size;
    assert_eq!(slot(number.baseline), slot(mark_bottom) + 3);
    let (nx0, nlast) = (number.glyphs[0].1, number.glyphs.last().unwrap());
    assert!(((nx0 + nlast.1 + nlast.2) / 2.0 - (g.left + g.width / 2.0)).abs() < 0.01);
    // §7.2.6: the red separator, block-wide, 4 mm below the 发文字号.
    assert_eq!(page.rules.len(), 1);
    let rule = page.rules[0];
    assert_eq!(rule.color, RED);
    assert!(near(rule.x0, g.left) && near(rule.x1, g.right()));
    assert!(near(
        rule.y - rule.thickness / 2.0 - (number.baseline + 0.12 * 16.0),
        mm(4.0)
    ));
    // §7.3.1: the title two lines below the separator; §7.3.2: 主送机关 one line below the title.
    let title: Vec<_> = all
        .iter()
        .filter(|l| l.page == 0 && l.size == 22.0)
        .collect();
    assert_eq!(title.len(), 2);
    assert_eq!(
        slot(title[0].baseline),
        slot(rule.y + rule.thickness / 2.0) + 3
    );
    let recipients = all
        .iter()
        .find(|l| l.text.starts_with("各乡镇人民政府"))
        .unwrap();
    assert_eq!(slot(recipients.baseline), slot(title[1].baseline) + 2);
    assert!(near(recipients.glyphs[0].1, g.left));
}

#[test]
fn the_signature_attachments_and_imprint_follow_7_3_and_7_4() {
    let laid = lay_out("notice.yaml", NOTICE);
    let g = laid.layout.geometry;
    let all = lines(&laid.layout);
    let find = |s: &str| {
        all.iter()
            .find(|l| squeeze(&l.text).starts_with(s))
            .unwrap_or_else(|| panic!("{s}"))
    };
    // §7.3.4: 附件说明 2 字 in; the second name under the first.
    let a1 = find("附件：1.");
    let a2 = find("2.江南县防汛物资储备清单");
    assert!(near(a1.glyphs[0].1, g.left + 2.0 * g.cell));
    let one = a1.glyphs.iter().find(|c| c.0 == '1').unwrap().1;
    assert!((a2.glyphs[0].1 - one).abs() < g.cell / 2.0);
    // §7.3.5.2 (no seal): the organ 2 字 from the right, the date starting 2 字 right of it.
    let organ = all
        .iter()
        .rfind(|l| squeeze(&l.text) == "江南县人民政府办公室" && l.size == 16.0)
        .unwrap();
    let date = find("2024年4月6日");
    let end = organ.glyphs.last().unwrap();
    assert!(near(end.1 + g.cell, g.right() - 2.0 * g.cell));
    assert!(near(date.glyphs[0].1, organ.glyphs[0].1 + 2.0 * g.cell));
    assert_eq!(date.page, organ.page);
    assert!(((date.baseline - organ.baseline) - g.pitch).abs() < 0.01);
    // §7.3.6: 附注 next line, 2 字 in, in （）.
    let note = find("（此件公开发布）");
    assert!(near(note.glyphs[0].1, g.left + 2.0 * g.cell));
    // §7.3.7: each 附件 on a new page: label flush left on line 1, title on line 3.
    for label in ["附件1", "附件2"] {
        let l = find(label);
        assert!(near(l.glyphs[0].1, g.left));
        assert!(near(
            l.baseline,
            g.top + (g.pitch - 16.0) / 2.0 + 0.88 * 16.0
        ));
        let title = all
            .iter()
            .find(|t| t.page == l.page && t.size == 22.0)
            .unwrap();
        assert_eq!(((title.baseline - g.top) / g.pitch).floor(), 2.0);
    }
    // §7.4: the 版记 on an even page; its last rule on the block's bottom edge; 4号; 1 字 in.
    let pages = laid.layout.pages.len();
    assert_eq!(pages % 2, 0);
    let last = &laid.layout.pages[pages - 1];
    let rules = &last.rules;
    assert_eq!(rules.len(), 3);
    let bottom = rules
        .iter()
        .map(|r| r.y + r.thickness / 2.0)
        .fold(0.0, f32::max);
    assert!(near(bottom, g.bottom()));
    assert!(near(rules[0].thickness, mm(0.35)) && near(rules[1].thickness, mm(0.25)));
    let printed = find("江南县人民政府办公室2024年4月6日印发");
    assert_eq!(printed.size, 14.0);
    assert!(near(printed.glyphs[0].1, g.left + 14.0));
    let e = printed.glyphs.last().unwrap();
    assert!(near(e.1 + e.2, g.right() - 14.0));
}

#[test]
fn a_blank_page_before_the_imprint_and_the_imprint_page_carry_no_number() {
    // A short notice ending on page 1 (odd): the 版记 goes to page 2, numbered. One that fills
    // page 2 to the bottom: a blank page 3 and the 版记 on page 4, neither numbered.
    let short = "template: notice\nissuers: 某局\ntitle: 关于某事的通知\nbody:\n  - 正文。\nprinter:\n  organ: 某局办公室\n  date: 2024年1月2日\n";
    let laid = lay_out("s.yaml", short);
    assert_eq!(laid.layout.pages.len(), 2);
    let numbers: Vec<usize> = lines(&laid.layout)
        .iter()
        .filter(|l| l.text.starts_with('—'))
        .map(|l| l.page)
        .collect();
    assert_eq!(numbers, [0, 1]);
    // Bodies of growing length: whenever the body fills an even page to the bottom, a blank
    // page and the 版记 page follow, neither numbered; otherwise every page is numbered.
    let mut blank_cases = 0;
    for k in 20..140 {
        // Two-line paragraphs, and a one-line one every other time, so the body ends on every
        // grid line in turn.
        let mut body: String = (0..k / 2)
            .map(|_| "  - 这是一个用来填满页面的段落，内容没有实际意义，只是让正文足够长。\n")
            .collect();
        if k % 2 == 1 {
            body.push_str("  - 短段落。\n");
        }
        let src = format!(
            "template: notice\nissuers: 某局\ntitle: 关于某事的通知\nbody:\n{body}printer:\n  organ: 某局办公室\n  date: 2024年1月2日\n"
        );
        let laid = lay_out("l.yaml", &src);
        let n = laid.layout.pages.len();
        assert_eq!(n % 2, 0, "the 版记 page is even");
        let numbered: Vec<usize> = lines(&laid.layout)
            .iter()
            .filter(|l| l.text.starts_with('—'))
            .map(|l| l.page)
            .collect();
        if numbered.len() == n {
            continue;
        }
        blank_cases += 1;
        assert_eq!(numbered, (0..n - 2).collect::<Vec<_>>(), "k = {k}");
        assert!(
            laid.layout.pages[n - 2].runs.is_empty(),
            "the page before the 版记 page is blank"
        );
    }
    assert!(
        blank_cases > 0,
        "some length ends the body on a full even page"
    );
}

#[test]
fn an_upward_document_sets_the_signers_beside_the_number() {
    let src = "template: notice\nissuers: 某县人民政府\ndoc_number: 某政发〔2024〕3号\nsigners: [张三, 李四, 王五]\ntitle: 关于请求拨付资金的请示\nbody:\n  - 正文。\n";
    let laid = lay_out("q.yaml", src);
    let g = laid.layout.geometry;
    let all = lines(&laid.layout);
    let number = all.iter().find(|l| l.text.contains("〔2024〕")).unwrap();
    // §7.2.5: the number 1 字 from the left, 签发人 1 字 from the right on the last signer line.
    assert!(near(number.glyphs[0].1, g.left + g.cell));
    assert!(squeeze(&number.text).ends_with("王五"));
    let first = all.iter().find(|l| l.text.contains("签发人")).unwrap();
    assert!(squeeze(&first.text).starts_with("签发人：张三"));
    let end = first.glyphs.last().unwrap();
    assert!(near(end.1 + g.cell, g.right() - g.cell));
    assert_eq!(((number.baseline - first.baseline) / g.pitch).round(), 1.0);
}

/// The DOCX of a source whose images are in `examples/`.
fn docx_of(name: &str, src: &str) -> Vec<u8> {
    gongwen::render(
        &gongwen::Source::new(name, src).in_dir(common::examples()),
        &common::options(),
    )
    .unwrap()
    .docx
    .unwrap()
}

fn docx_part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_docx_carries_the_notice_in_word_structures() {
    let docx = docx_of("notice.yaml", NOTICE);
    let doc = docx_part(&docx, "word/document.xml");
    let styles = docx_part(&docx, "word/styles.xml");
    // The paragraph before the signature (the 附件说明's last line) keeps with it, so the
    // signature never stands alone on a page in Word either (§7.3.5).
    let at = doc.find("2.江南县防汛物资储备清单").expect("the 附件说明");
    let p_start = doc[..at].rfind("<w:p>").unwrap();
    assert!(
        doc[p_start..at].contains("<w:keepNext/>"),
        "{}",
        &doc[p_start..at]
    );
    // The mark: its own style, red, 小初, centred, exact line height.
    assert!(styles.contains(r#"w:styleId="GongwenMark""#));
    let mark_style = &styles[styles.find(r#"w:styleId="GongwenMark""#).unwrap()..];
    let mark_style = &mark_style[..mark_style.find("</w:style>").unwrap()];
    assert!(
        mark_style.contains(r#"<w:color w:val="E60012"/>"#)
            && mark_style.contains(r#"<w:sz w:val="72"/>"#),
        "{mark_style}"
    );
    assert!(doc.contains("江南县人民政府办公室文件"));
    // The separator: the 发文字号's bottom border, red, 4 mm (11 pt) below it.
    let number = &doc[..doc.find("江政办发〔2024〕7号").unwrap()];
    let ppr = &number[number.rfind("<w:pPr>").unwrap()..];
    let bottom = &ppr[ppr.find("<w:bottom ").unwrap()..];
    let bottom = &bottom[..bottom.find("/>").unwrap()];
    for attr in [
        r#"w:val="single""#,
        r#"w:sz="11""#,
        r#"w:space="11""#,
        r#"w:color="E60012""#,
    ] {
        assert!(bottom.contains(attr), "{bottom}");
    }
    // 附件 pages start with a page break; the 版记 is a table with its rules as borders.
    assert_eq!(
        doc.matches("<w:pageBreakBefore/>").count(),
        2 + out_imprint_breaks()
    );
    assert!(doc.contains("<w:tbl>") && doc.contains(r#"<w:insideH w:val="single" w:sz="6""#));
    assert!(doc.contains("2024年4月6日印发"));
    // Every word of the source is in the document, in order.
    let text: String = doc
        .split("<w:t xml:space=\"preserve\">")
        .skip(1)
        .map(|t| t.split("</w:t>").next().unwrap())
        .collect();
    for piece in [
        "000123",
        "特急",
        "为切实做好今年防汛抗旱工作",
        "附件：1.江南县2024年防汛抗旱工作责任人名单",
        "（此件公开发布）",
        "抄送：",
    ] {
        assert!(text.contains(piece), "{piece}");
    }
}

/// The example's 版记 stands on a page of its own after the second 附件 (page 5 is odd).
fn out_imprint_breaks() -> usize {
    lay_out("notice.yaml", NOTICE).layout.imprint_page_breaks
}

#[test]
fn a_seal_presses_on_the_organ_and_the_date() {
    let layout = lay_out("request.yaml", include_str!("../examples/request.yaml")).layout;
    let g = layout.geometry;
    let (p, img) = layout
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.images.first().map(|im| (i, im)))
        .expect("a seal");
    assert!(near(img.width, mm(42.0)) && near(img.height, mm(42.0)));
    let all: Vec<_> = lines(&layout).into_iter().filter(|l| l.page == p).collect();
    let date = all
        .iter()
        .find(|l| squeeze(&l.text) == "2024年6月18日")
        .unwrap();
    let organ = all
        .iter()
        .find(|l| squeeze(&l.text) == "江南县人民政府" && l.size == 16.0)
        .unwrap();
    // §7.3.5.1: the date 4 字 from the right; the organ centred over it.
    let date_end = date.glyphs.last().map(|c| c.1 + g.cell).unwrap();
    assert!(near(date_end, g.right() - 4.0 * g.cell));
    let mid =
        |l: &common::Line| (l.glyphs[0].1 + l.glyphs.last().map(|c| c.1 + g.cell).unwrap()) / 2.0;
    assert!((mid(organ) - mid(date)).abs() <= g.cell / 2.0 + 0.01);
    // The seal centred on the date, organ and date under its centre and inside it.
    assert!((img.x + img.width / 2.0 - mid(date)).abs() < g.cell / 2.0 + 0.01);
    let centre = img.y + img.height / 2.0;
    assert!(organ.baseline > centre - 16.0 && organ.baseline < img.y + img.height);
    assert!(date.baseline > centre && date.baseline < img.y + img.height);
    // Its top within one line of the text above.
    let above = all
        .iter()
        .filter(|l| l.baseline < img.y)
        .map(|l| l.baseline)
        .fold(0.0, f32::max);
    assert!(img.y - above < g.pitch);
}

#[test]
fn a_table_keeps_the_grid_and_repeats_its_header_on_the_next_page() {
    let rows: String = (1..=40)
        .map(|i| format!("      - [\"{i}\", 某某单位第{i}项工作, 已完成]\n"))
        .collect();
    let src = format!(
        "title: 表格\nbody:\n  - 说明。\n  - table:\n      header: [序号, 工作内容, 进展]\n      rows:\n{rows}"
    );
    let laid = lay_out("t.yaml", &src);
    let g = laid.layout.geometry;
    assert!(laid.layout.pages.len() >= 2);
    let all = lines(&laid.layout);
    // Rows on the grid: every row's baseline on a grid line, as any body line.
    for l in all.iter().filter(|l| l.baseline < g.bottom()) {
        let slot = ((l.baseline - g.top) / g.pitch).floor();
        let want = g.top + slot * g.pitch + (g.pitch - l.size) / 2.0 + 0.88 * l.size;
        assert!((l.baseline - want).abs() < 0.01, "{}", l.text);
    }
    // Page 2 opens with the header again, then the next row.
    let page2: Vec<_> = all.iter().filter(|l| l.page == 1).collect();
    assert_eq!(squeeze(&page2[0].text), "序号工作内容进展");
    assert!(squeeze(&page2[1].text).ends_with("已完成"));
    // Each row's text once, in order, across the pages (headers aside).
    let body: Vec<String> = all
        .iter()
        .map(|l| squeeze(&l.text))
        .filter(|t| t.ends_with("已完成"))
        .collect();
    assert_eq!(body.len(), 40);
    assert!(body[39].starts_with("40"));
    // Its columns leave a cell of the line free: its outer rules run half a cell inside the
    // block's edges, so that its text stands on the grid.
    let rules = &laid.layout.pages[0].rules;
    let inset = g.cell / 2.0;
    assert!(
        rules
            .iter()
            .any(|r| near(r.x0, g.left + inset) && near(r.x1, g.right() - inset))
    );
    assert!(
        rules
            .iter()
            .any(|r| near(r.x0 + r.x1, 2.0 * (g.left + inset)))
    );
    // The DOCX marks the header row to repeat.
    let docx = docx_of("t.yaml", &src);
    let doc = docx_part(&docx, "word/document.xml");
    assert_eq!(doc.matches("<w:tblHeader/>").count(), 1);
    assert!(doc.contains("<w:cantSplit/>"));
}

#[test]
fn a_table_row_with_the_wrong_number_of_cells_is_refused_with_its_place() {
    let src =
        "title: t\nbody:\n  - table:\n      header: [a, b]\n      rows:\n        - [1, 2, 3]\n";
    let e = gongwen::render(
        &gongwen::Source::new("t.yaml", src).in_dir(common::examples()),
        &common::options(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("t.yaml:") && e.contains("row 1 of the table has 3 cells; the header has 2"),
        "{e}"
    );
}

#[test]
fn minutes_carry_their_mark_and_attendance_lists() {
    let src = include_str!("../examples/minutes.yaml");
    let laid = lay_out("minutes.yaml", src);
    let g = laid.layout.geometry;
    // §10.3: the mark "……纪要", red, 35 mm below the block's top.
    let mark: String = laid.layout.pages[0]
        .runs
        .iter()
        .filter(|r| r.color == RED)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(mark, "江南县人民政府常务会议纪要");
    let all = lines(&laid.layout);
    // §10.3: "出席" 2 字 in, in 黑体; the names run on under their first character.
    let present = all
        .iter()
        .position(|l| l.text.starts_with("出席："))
        .unwrap();
    let first = &all[present];
    assert!(near(first.glyphs[0].1, g.left + 2.0 * g.cell));
    let name_x = first.glyphs[3].1;
    assert!(
        near(all[present + 1].glyphs[0].1, name_x),
        "{}",
        all[present + 1].text
    );
    assert!(
        all[present + 2].text.starts_with("请假：") && all[present + 3].text.starts_with("列席：")
    );
    let run = laid
        .layout
        .pages
        .iter()
        .flat_map(|p| &p.runs)
        .find(|r| r.text.starts_with("出席"))
        .unwrap();
    assert_eq!(laid.book.faces[run.face].declared_family, "FandolHei");
}

#[test]
fn an_order_has_its_mark_20_mm_down_its_number_and_then_its_text() {
    let laid = lay_out("order.yaml", include_str!("../examples/order.yaml"));
    let g = laid.layout.geometry;
    let page = &laid.layout.pages[0];
    let mark: Vec<_> = page.runs.iter().filter(|r| r.color == RED).collect();
    assert_eq!(
        mark.iter().map(|r| r.text.as_str()).collect::<String>(),
        "江南县人民政府令"
    );
    // §10.2: the mark 20 mm below the block's top; no separator; 令号 two lines below the mark,
    // the text two lines below the 令号.
    let size = mark[0].size;
    assert!(near(mark[0].baseline - 0.88 * size, g.top + mm(20.0)));
    assert!(page.rules.is_empty());
    let all = lines(&laid.layout);
    let slot = |b: f32| ((b - g.top) / g.pitch).floor() as u32;
    let number = all.iter().find(|l| squeeze(&l.text) == "第3号").unwrap();
    assert_eq!(
        slot(number.baseline),
        slot(mark[0].baseline - 0.88 * size + size) + 3
    );
    let text = all.iter().find(|l| l.text.starts_with("《江南县")).unwrap();
    assert_eq!(slot(text.baseline), slot(number.baseline) + 3);
}

#[test]
fn an_order_is_signed_with_a_stamp_as_7_3_5_3_says() {
    let laid = lay_out("order.yaml", include_str!("../examples/order.yaml"));
    let (layout, g) = (&laid.layout, laid.layout.geometry);
    let stamp = &layout.pages[0].images[0];
    assert!(near(stamp.height, mm(15.0)), "the template's 15 mm");
    let all = lines(layout);
    let text = all.iter().find(|l| l.text.contains("施行")).unwrap();
    let title = all.iter().find(|l| squeeze(&l.text) == "县长").unwrap();
    let date = all
        .iter()
        .find(|l| squeeze(&l.text) == "2024年7月1日")
        .unwrap();
    let slot = |b: f32| ((b - g.top) / g.pitch).floor() as u32;
    // Two blank lines below the text, then the stamp, 4 字 from the right.
    let stamp_top_slot = ((stamp.y - g.top) / g.pitch).floor() as u32;
    assert_eq!(stamp_top_slot, slot(text.baseline) + 3);
    assert!(near(stamp.x + stamp.width, g.right() - 4.0 * g.cell));
    // The 职务 2 字 left of the stamp (within the cell the stamp's edge falls in), centred on it
    // top to bottom.
    let title_end = title.glyphs.last().map(|c| c.1 + g.cell).unwrap();
    let gap = stamp.x - title_end;
    assert!(
        gap >= 2.0 * g.cell - 0.01 && gap < 3.0 * g.cell,
        "gap {gap}"
    );
    let middle = title.baseline - 0.88 * 16.0 + 8.0;
    assert!((middle - (stamp.y + stamp.height / 2.0)).abs() < 1.0);
    // The date a line below the stamp, 4 字 from the right.
    let stamp_bottom_slot = ((stamp.y + stamp.height - g.top) / g.pitch).floor() as u32;
    assert_eq!(slot(date.baseline), stamp_bottom_slot + 2);
    let date_end = date.glyphs.last().map(|c| c.1 + g.cell).unwrap();
    assert!(near(date_end, g.right() - 4.0 * g.cell));
}

#[test]
fn a_signature_with_both_an_organ_and_a_signer_is_refused_where_it_stands() {
    let src = "template: order\nissuers: 某市人民政府\nbody: [正文。]\nsignature:\n  organ: 某市人民政府\n  title: 市长\n  date: 2024年1月1日\n";
    let parsed = gongwen::source::parse("o.yaml", src).unwrap();
    let err = gongwen::source::to_model("o.yaml", src, parsed, &[]).unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("o.yaml:5:3"), "{shown}");
    assert!(shown.contains("both an `organ` and a signer"), "{shown}");
}

#[test]
fn a_letter_follows_10_1() {
    let laid = lay_out("letter.yaml", include_str!("../examples/letter.yaml"));
    let g = laid.layout.geometry;
    let page = &laid.layout.pages[0];
    let mark: Vec<_> = page.runs.iter().filter(|r| r.color == RED).collect();
    assert_eq!(
        mark.iter().map(|r| r.text.as_str()).collect::<String>(),
        "江南县人民政府办公室"
    );
    // §10.1: the mark 30 mm from the paper's top; double rules 170 mm long, centred, the upper
    // thick over thin 4 mm below the mark, the lower thin over thick 20 mm above the paper's foot.
    let size = mark[0].size;
    let mark_bottom = mark[0].baseline - 0.88 * size + size;
    assert!(near(mark[0].baseline - 0.88 * size, mm(30.0)));
    let red: Vec<_> = page.rules.iter().filter(|r| r.color == RED).collect();
    assert_eq!(red.len(), 4);
    for r in &red {
        assert!(near(r.x1 - r.x0, mm(170.0)) && near(r.x0 + r.x1, g.paper_width));
    }
    assert!(near(
        red[0].y - red[0].thickness / 2.0,
        mark_bottom + mm(4.0)
    ));
    assert!(red[0].thickness > red[1].thickness && red[1].y > red[0].y);
    assert!(near(
        red[2].y + red[2].thickness / 2.0,
        g.paper_height - mm(20.0)
    ));
    assert!(red[2].thickness > red[3].thickness && red[3].y < red[2].y);
    // 份号 at the left and the 发文字号 at the right of the first line under the rule, its
    // characters at least 7/8 of a 3号 character below it.
    let all = lines(&laid.layout);
    let first = all.iter().find(|l| l.text.contains("000056")).unwrap();
    assert!(squeeze(&first.text).ends_with("江政办函〔2024〕21号"));
    assert!(near(first.glyphs[0].1, g.left));
    let end = first.glyphs.last().unwrap();
    assert!(near(end.1 + g.cell, g.right()));
    assert!(first.baseline - 0.88 * 16.0 >= red[1].y + red[1].thickness / 2.0 + 14.0);
    // No page number on page 1; a 版记 of 抄送 alone, no black rules.
    assert!(!all.iter().any(|l| l.page == 0 && l.text.starts_with('—')));
    assert!(all.iter().any(|l| l.text.starts_with("抄送：")));
    assert!(!all.iter().any(|l| l.text.contains("印发")));
    assert!(
        laid.layout
            .pages
            .iter()
            .flat_map(|p| &p.rules)
            .all(|r| r.color == RED)
    );
}

#[test]
fn the_letters_docx_frames_its_mark_and_rules_where_10_1_puts_them() {
    let src = include_str!("../examples/letter.yaml");
    let docx = docx_of("letter.yaml", src);
    let xml = docx_part(&docx, "word/document.xml");
    let twips = |v: f32| (v * 20.0).round() as i32;
    let frames: Vec<(i32, i32, i32)> = xml
        .split("<w:framePr ")
        .skip(1)
        .map(|f| {
            let attr = |name: &str| -> i32 {
                let at = f.find(&format!("w:{name}=\"")).unwrap() + name.len() + 4;
                f[at..].split('"').next().unwrap().parse().unwrap()
            };
            (attr("x"), attr("y"), attr("w"))
        })
        .collect();
    // The mark 30 mm from the paper's top; the upper rule 4 mm under it (小初 is 36 pt); the
    // lower rule's thin-over-thick pair (1.0 + 0.7 + 0.35 mm) ending 20 mm above the paper's
    // bottom; all 170 mm long, centred.
    let (x, w) = (twips(mm(20.0)), twips(mm(170.0)));
    assert_eq!(
        frames,
        vec![
            (x, twips(mm(30.0)), w),
            (x, twips(mm(30.0) + 36.0 + mm(4.0)), w),
            (x, twips(mm(297.0 - 20.0 - 2.05)), w),
        ]
    );
    assert_eq!(xml.matches("w:wrap=\"none\"").count(), 3);
    assert!(xml.contains("thickThinSmallGap") && xml.contains("thinThickSmallGap"));
}

#[test]
fn in_the_docx_a_mark_wider_than_the_block_is_set_smaller_as_in_the_layout() {
    // "江南县人民政府常务会议纪要" in 小初 (36 pt) is wider than the block: LibreOffice broke it
    // over two lines and the minutes ran onto a third page.
    let src = include_str!("../examples/minutes.yaml");
    let laid = lay_out("minutes.yaml", src);
    let size = laid.layout.parts.head.as_ref().unwrap().mark_size;
    assert!(size < 36.0, "{size}");
    let mark_run = laid.layout.pages[0]
        .runs
        .iter()
        .find(|r| r.color == RED)
        .unwrap();
    assert!(near(mark_run.size, size));
    let docx = docx_of("minutes.yaml", src);
    let xml = docx_part(&docx, "word/document.xml");
    let half_points = (size * 2.0).round() as usize;
    let at = xml.find("常务会议纪要").unwrap();
    let run = &xml[xml[..at].rfind("<w:r>").unwrap()..at];
    assert!(
        run.contains(&format!("<w:sz w:val=\"{half_points}\"/>")),
        "{run}"
    );
}

#[test]
fn in_the_docx_table_rows_are_exactly_their_grid_lines_tall() {
    let docx = docx_of("notice.yaml", NOTICE);
    let xml = docx_part(&docx, "word/document.xml");
    // 225 mm / 22 lines = 579.8 twips a line; each row one line here.
    let rows = xml.matches("<w:tr>").count() + xml.matches("<w:tr ").count();
    let exact = xml.matches(r#"w:hRule="exact""#).count();
    assert!(rows >= 13, "{rows}");
    assert!(exact >= 13, "{exact} of {rows} rows exact");
    assert!(
        xml.contains(r#"<w:trHeight w:val="579" w:hRule="exact"/>"#)
            || xml.contains(r#"<w:trHeight w:val="580" w:hRule="exact"/>"#),
        "row height"
    );
}

#[test]
fn the_signature_never_stands_alone_on_a_page() {
    // Bodies of growing length: whatever page the signature lands on also holds text.
    for k in 8..40 {
        let body: String = (0..k)
            .map(|_| "  - 这是一个用来填满页面的段落，内容没有实际意义。\n")
            .collect();
        let src = format!(
            "template: notice\nissuers: 某局\ntitle: 关于某事的通知\nbody:\n{body}signature:\n  organ: 某局\n  date: 2024年1月2日\n"
        );
        let laid = lay_out("s.yaml", &src);
        let all = lines(&laid.layout);
        let organ = all
            .iter()
            .rfind(|l| squeeze(&l.text) == "某局" && l.size == 16.0)
            .unwrap();
        let text_on_page = all
            .iter()
            .any(|l| l.page == organ.page && l.text.starts_with("这是一个"));
        assert!(
            text_on_page,
            "k = {k}: the signature alone on page {}",
            organ.page + 1
        );
    }
}

#[test]
fn joint_issuers_stand_one_above_the_other_with_the_suffix_beside_them() {
    let src = "template: notice\nissuers: [江南县人民政府, 中共江南县委员会, 江南县人民武装部]\ndoc_number: 江政发〔2024〕9号\ntitle: 关于联合开展防汛演练的通知\nbody:\n  - 正文。\n";
    let laid = lay_out("j.yaml", src);
    let g = laid.layout.geometry;
    let mark: Vec<_> = laid.layout.pages[0]
        .runs
        .iter()
        .filter(|r| r.color == RED)
        .collect();
    let texts: Vec<&str> = mark.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "江南县人民政府",
            "中共江南县委员会",
            "江南县人民武装部",
            "文件"
        ]
    );
    // Names one above the other, the first one's top 35 mm below the block's top.
    let size = mark[0].size;
    assert!(near(mark[0].baseline - 0.88 * size, g.top + mm(35.0)));
    assert!(mark[1].baseline > mark[0].baseline && mark[2].baseline > mark[1].baseline);
    // "文件" to the right of the names, centred on them vertically.
    let names_right = mark[..3]
        .iter()
        .map(|r| r.glyphs.last().map(|c| c.x + c.advance).unwrap())
        .fold(0.0, f32::max);
    assert!(mark[3].glyphs[0].x > names_right);
    assert!(near(mark[3].baseline, mark[1].baseline));
    // The whole mark centred in the block, the 发文字号 two lines below its bottom.
    let right = mark[3].glyphs.last().map(|c| c.x + c.advance).unwrap();
    let left = mark[..3]
        .iter()
        .map(|r| r.glyphs[0].x)
        .fold(f32::MAX, f32::min);
    assert!(((left + right) / 2.0 - (g.left + g.width / 2.0)).abs() < 0.01);
    let bottom = mark[2].baseline - 0.88 * size + size;
    let number = lines(&laid.layout)
        .into_iter()
        .find(|l| l.text.contains("〔2024〕"))
        .unwrap();
    let slot = |b: f32| ((b - g.top) / g.pitch).floor() as u32;
    assert_eq!(slot(number.baseline), slot(bottom) + 3);
}

/// LibreOffice put the empty paragraph that must follow the 版记 table on a blank page of its
/// own (the request and the minutes ended on a blank page 3): the table's rows and rules filled
/// their grid lines to the block's bottom edge and left no room for it.
#[test]
fn the_paragraph_after_the_imprint_table_fits_on_the_imprint_page() {
    for (name, src) in [
        ("request.yaml", include_str!("../examples/request.yaml")),
        ("minutes.yaml", include_str!("../examples/minutes.yaml")),
        ("notice.yaml", NOTICE),
        ("letter.yaml", include_str!("../examples/letter.yaml")),
    ] {
        let doc = docx_part(&docx_of(name, src), "word/document.xml");
        let table = &doc[doc.rfind("<w:tbl>").unwrap()..];
        let attr = |xml: &str, key: &str| -> Vec<f32> {
            xml.split(key)
                .skip(1)
                .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
                .collect()
        };
        let rows: f32 = attr(table, "<w:trHeight w:val=\"").iter().sum();
        // Border widths are in eighths of a point: top and bottom, and insideH between rows.
        let borders = &table[..table.find("</w:tblBorders>").unwrap_or(0)];
        let rule = |edge: &str| -> f32 {
            borders
                .find(edge)
                .map_or(0.0, |at| attr(&borders[at..], "w:sz=\"")[0] / 8.0 * 20.0)
        };
        let row_count = table.matches("<w:trHeight").count() as f32;
        let rules = rule("<w:top ") + rule("<w:bottom ") + (row_count - 1.0) * rule("<w:insideH ");
        let after = &table[table.find("</w:tbl>").unwrap()..];
        let trailing = attr(after, "w:line=\"")[0];
        let lines = (rows + rules) / 579.8;
        let grid_lines = lines.ceil();
        assert!(
            rows + rules + trailing <= grid_lines * 579.8,
            "{name}: rows {rows} + rules {rules} + paragraph {trailing} twips overflow {grid_lines} grid lines"
        );
        // …and the 版记 still reaches within a point and a half of the block's bottom edge.
        assert!(
            grid_lines * 579.8 - (rows + rules) <= 30.0,
            "{name}: {rows} {rules}"
        );
    }
}

/// A 署名 that fits below the text only without its blank line closes up (§7.3.5: tighten the
/// spacing rather than leave it alone); the text's last line used to go over with it, leaving
/// the page three lines short (found on a real notice).
#[test]
fn a_signature_one_line_short_of_room_closes_up_instead_of_leaving_a_short_page() {
    let mut found = false;
    for n in 1..30 {
        let body: String = (0..n)
            .map(|_| "  - 各地要认真落实防汛责任，确保安全。\n")
            .collect();
        let src = format!(
            "template: notice\nissuers: 江南县人民政府办公室\ndoc_number: 江政办发〔2024〕7号\ntitle: 关于做好防汛工作的通知\nbody:\n{body}signature: {{organ: 江南县人民政府办公室, date: 2024年4月6日}}\n"
        );
        let laid = lay_out("squeeze.yaml", &src);
        if laid.layout.signature_lines_squeezed == 0 {
            continue;
        }
        found = true;
        let g = laid.layout.geometry;
        let all = lines(&laid.layout);
        let organ = all
            .iter()
            .position(|l| squeeze(&l.text) == "江南县人民政府办公室")
            .unwrap();
        let text = &all[organ - 1];
        assert_eq!(
            all[organ].page, text.page,
            "the 署名 stays on the text's page"
        );
        assert!(
            ((all[organ].baseline - text.baseline) / g.pitch - 1.0).abs() < 0.01,
            "the organ on the line right below the text"
        );
        // The DOCX closes up the same way: one blank paragraph fewer before the organ.
        let doc = docx_part(&docx_of("squeeze.yaml", &src), "word/document.xml");
        let at = doc.find(">江南县人民政府办公室</w:t>").unwrap();
        let before = &doc[..doc[..at].rfind("<w:p>").unwrap()];
        let previous = &before[before.rfind("<w:p>").unwrap()..];
        assert!(previous.contains("确保安全"), "{previous}");
    }
    assert!(found, "some length of text needs the 署名 to close up");
}

/// A 公文 without an issuer (a notice copied from a web page has no mark line) printed "文件"
/// alone as its mark; with no issuer there is no mark.
#[test]
fn a_notice_without_an_issuer_prints_no_bare_mark() {
    let src = "template: notice\ndoc_number: 北政办发〔2024〕58号\ntitle: 关于做好工作的通知\nbody: [正文。]\n";
    let laid = lay_out("no-issuer.yaml", src);
    let texts: Vec<String> = laid.layout.pages[0]
        .runs
        .iter()
        .map(|r| squeeze(&r.text))
        .collect();
    assert!(!texts.iter().any(|t| t == "文件"), "{texts:?}");
    let doc = docx_part(&docx_of("no-issuer.yaml", src), "word/document.xml");
    assert!(!doc.contains(">文件<"), "the DOCX has no bare mark either");
}

/// The deepest grid line with body text on each page (page numbers below the block left out).
fn deepest_lines(layout: &gongwen::layout::Layout) -> Vec<u32> {
    let g = layout.geometry;
    let mut deepest = vec![0; layout.pages.len()];
    for l in lines(layout) {
        let slot = ((l.baseline - g.top) / g.pitch).floor() as u32 + 1;
        if slot <= g.lines {
            deepest[l.page] = deepest[l.page].max(slot);
        }
    }
    deepest
}

/// An 附件说明 and a 署名 that did not fit below the text went over without it, leaving the
/// page three lines short (a held-out notice, meters' lines-per-page); the blank line above
/// the 附件说明 closes up too where that keeps them on the page (§7.3.5.1: 调整行距).
#[test]
fn the_blank_line_above_the_attachment_note_closes_up_to_keep_the_signature_on_the_page() {
    let mut squeezed = false;
    for n in 1..30 {
        let body: String = (0..n)
            .map(|_| "  - 各地要认真落实防汛责任，确保安全。\n")
            .collect();
        let src = format!(
            "template: notice\nissuers: 江南县人民政府办公室\ntitle: 关于做好防汛工作的通知\nbody:\n{body}attachments: [江南县防汛责任人名单]\nsignature: {{organ: 江南县人民政府办公室, date: 2024年4月6日}}\n"
        );
        let laid = lay_out("note.yaml", &src);
        squeezed |= laid.layout.attachment_note_blank_squeezed;
        // Where the note and the 署名 go over, text goes with them (the page before may then
        // end short: no spacing the grid allows keeps them all).
        let all = lines(&laid.layout);
        let note = all
            .iter()
            .position(|l| l.text.starts_with("附件："))
            .unwrap();
        let text = &all[note - 1];
        assert!(text.text.contains("确保安全"), "n = {n}: {}", text.text);
        assert_eq!(
            all[note].page, text.page,
            "n = {n}: the note went over alone"
        );
        let organ = all
            .iter()
            .rposition(|l| squeeze(&l.text) == "江南县人民政府办公室")
            .unwrap();
        assert_eq!(
            all[organ].page, text.page,
            "n = {n}: the 署名 went over alone"
        );
        if laid.layout.attachment_note_blank_squeezed {
            // The DOCX closes up the same way: the note right after the text's paragraph.
            let doc = docx_part(&docx_of("note.yaml", &src), "word/document.xml");
            let at = doc.find(">附件：").unwrap();
            let before = &doc[..doc[..at].rfind("<w:p>").unwrap()];
            let previous = &before[before.rfind("<w:p>").unwrap()..];
            assert!(previous.contains("确保安全"), "n = {n}: {previous}");
        }
    }
    assert!(
        squeezed,
        "some length of text needs the note's blank line closed up"
    );
}

/// A list of one-sentence items ("1.……。" headings with no text of their own) went over to the
/// next page as one block behind its heading, leaving the page five lines short (a held-out
/// 函): a heading keeps with its own text, not with its siblings.
#[test]
fn one_sentence_items_do_not_go_over_as_one_block() {
    for n in 1..24 {
        let body: String = (0..n)
            .map(|_| "  - 各地要认真落实防汛责任，确保安全。\n")
            .collect();
        let item = "各乡镇要在汛前完成辖区内水库、山塘、堤防的全面排查，建立隐患台账。";
        let items: String = (1..=4)
            .map(|k| format!("      - {{label: \"{k}.\", heading: {item}}}\n"))
            .collect();
        let src = format!(
            "title: 关于做好防汛工作的通知\nbody:\n{body}  - heading: 加强隐患排查\n    body:\n{items}  - 各地要抓好落实。\n"
        );
        let laid = lay_out("items.yaml", &src);
        let deepest = deepest_lines(&laid.layout);
        let g = laid.layout.geometry;
        for (page, &d) in deepest.iter().enumerate().take(deepest.len() - 1) {
            assert!(
                d + 2 >= g.lines,
                "n = {n}: page {} ends at line {d}",
                page + 1
            );
        }
    }
}

#[test]
fn the_docx_breaks_the_cc_line_where_the_layout_broke_it() {
    // The layout hangs a closing mark past the 版记's indent, which LibreOffice does not: the
    // DOCX measured the 抄送 again, got another line count, and clipped or lost a line.
    let cc = "市安委会办公室，省应急管理厅危险化学品安全监督管理处，县委各部门，县人大常委会办公室，县政协办公室，县人民法院，县人民检察院。";
    let src = NOTICE.replace(
        "cc: 县委各部门，县人大常委会办公室，县政协办公室，县人民法院，县人民检察院。",
        &format!("cc: {cc}"),
    );
    assert_ne!(src, NOTICE, "the example has a 抄送 to replace");
    let laid = lay_out("cc.yaml", &src);
    let lines = &laid.layout.parts.cc_lines;
    assert!(lines.len() >= 2, "{lines:?}");
    let doc = docx_part(&docx_of("cc.yaml", &src), "word/document.xml");
    let at = doc.find("抄送：").unwrap();
    let paragraph = &doc[doc[..at].rfind("<w:p>").unwrap()..];
    let paragraph = &paragraph[..paragraph.find("</w:p>").unwrap()];
    let texts: Vec<&str> = paragraph
        .split("<w:t xml:space=\"preserve\">")
        .skip(1)
        .map(|t| &t[..t.find("</w:t>").unwrap()])
        .collect();
    assert_eq!(&texts, lines);
    assert_eq!(paragraph.matches("<w:br/>").count(), lines.len() - 1);
    // The row is as many grid lines high as the layout's lines.
    let row = &doc[doc[..at].rfind("<w:trHeight w:val=\"").unwrap() + 19..];
    let height: f32 = row[..row.find('"').unwrap()].parse().unwrap();
    assert!(height > (lines.len() - 1) as f32 * 579.0 && height <= lines.len() as f32 * 580.0);
}

#[test]
fn a_title_line_the_layout_filled_keeps_room_to_spare_in_the_docx() {
    // LibreOffice sets a digit run in a title a little wider than the layout (its space between
    // digits and ideographs): a full title line wrapped, and the page lost a line.
    let styles = docx_part(&docx_of("notice.yaml", NOTICE), "word/styles.xml");
    let title = &styles[styles.find(r#"w:styleId="Title""#).unwrap()..];
    let title = &title[..title.find("</w:style>").unwrap()];
    assert!(title.contains(r#"<w:jc w:val="center"/>"#), "{title}");
    assert!(
        title.contains(r#"<w:ind w:left="-315" w:right="-315"/>"#),
        "{title}"
    );
}

/// The text's last line carried over to the 署名's page went over in LibreOffice with its whole
/// paragraph (keep-with-next), two lines where the layout moved one (a held-out notice, the
/// meters' render-lines-per-page). The DOCX parts the paragraph where the layout did, and our
/// importer joins it again.
#[test]
fn a_line_carried_over_with_the_signature_parts_its_paragraph_in_the_docx() {
    // Paragraphs of two lines each, no two alike.
    let paragraph = |k: usize| {
        format!("第{k}片区要深入开展安全隐患排查整治，严防各类安全事故发生，确保群众生命安全。")
    };
    let mut carried_seen = false;
    for n in 1..24 {
        let body: String = (0..n).map(|k| format!("  - {}\n", paragraph(k))).collect();
        let src = format!(
            "template: notice\nissuers: 青河县人民政府\ntitle: 关于做好安全生产工作的通知\nbody:\n{body}signature: {{organ: 青河县人民政府, date: 2027年1月10日}}\n"
        );
        let laid = lay_out("carried.yaml", &src);
        let all = lines(&laid.layout);
        let organ = all
            .iter()
            .position(|l| squeeze(&l.text) == "青河县人民政府" && l.size == 16.0)
            .unwrap();
        let (last, before) = (&all[organ - 1], &all[organ - 2]);
        let parted = last.page == all[organ].page && before.page < last.page;
        let Some(carried) = &laid.layout.signature_carried else {
            continue;
        };
        carried_seen = true;
        assert!(parted, "n = {n}: carried, yet not parted");
        assert_eq!(squeeze(carried), squeeze(&last.text), "n = {n}");

        let docx = docx_of("carried.yaml", &src);
        let doc = docx_part(&docx, "word/document.xml");
        let at = doc
            .find("GongwenBodyContinued")
            .expect("a continued paragraph");
        let rest = &doc[at..doc[at..].find("</w:p>").unwrap() + at];
        assert!(
            rest.contains(carried.as_str()) && rest.contains("<w:keepNext/>"),
            "{rest}"
        );
        let head = &doc[..doc[..at].rfind("<w:p>").unwrap()];
        let head = &head[head.rfind("<w:p>").unwrap()..];
        assert!(head.contains("w:val=\"distribute\""), "{head}");
        assert!(!head.contains(carried.as_str()), "{head}");

        // Imported back, the paragraph is whole again.
        let back =
            gongwen::import::from_bytes(docx, "carried.docx", gongwen::import::Kind::Auto).unwrap();
        for k in 0..n {
            assert!(back.yaml.contains(&paragraph(k)), "{k}: {}", back.yaml);
        }
    }
    assert!(carried_seen, "some length of text carries a line over");
}
