//! The 文件格式 in Word structures: the 版头 (fields, the red mark, 发文字号 with the red separator as
//! its bottom border, 签发人), 附件说明, 署名 and 成文日期, 附注, 附件 pages and the 版记 as a table
//! at the foot of its page.

use super::body::add_blocks;
use super::styles::{cells, own_width, run_family, run_font, style_id, twips, word_font};
use super::wml::{
    Align, Body, Border, Cell, FirstLine, Frame, Indent, Line, Paragraph, Picture, Row, Run,
    Spacing, Style, StyleKind, Tab, Table, TableBorders,
};
use crate::error::Error;
use crate::fonts::FontBook;
use crate::layout::{Head, Layout, Parts, TableShape};
use crate::model::{Document, Header};
use crate::punct::without_cellless_spaces;
use crate::template::{NoticeSpec, Role, Template};
use crate::units::{TWIPS_PER_PT, mm};

/// Style ids of the 文件格式.
pub mod ids {
    /// 发文机关标志.
    pub const MARK: &str = "GongwenMark";
    /// 黑体 runs: 密级, 紧急程度, the 附件 label.
    pub const EMPHASIS: &str = "GongwenEmphasis";
    /// 楷体 runs: 签发人 names.
    pub const SIGNER: &str = "GongwenSigner";
    /// 版记.
    pub const IMPRINT: &str = "GongwenImprint";
}

/// The height of the paragraph that must follow the 版记 table: Word ends no document on a
/// table. One point, exactly.
const TRAILING_PARAGRAPH_TWIPS: f32 = 20.0;

fn hex(rgb: [u8; 3]) -> String {
    format!("{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2])
}

/// The styles the 文件格式 adds.
pub fn styles(t: &Template, book: &FontBook, spec: &NoticeSpec) -> Vec<Style> {
    let based_on_normal = |id: &str, name: &str| {
        let mut s = Style::new(id, StyleKind::Paragraph, name);
        s.based_on = Some(style_id::NORMAL.into());
        s
    };
    let character = |id: &str, name: &str, role| {
        let mut s = Style::new(id, StyleKind::Character, name);
        s.run = run_family(&word_font(t, book, role));
        s
    };
    let mut mark = based_on_normal(ids::MARK, "发文机关标志");
    mark.para.snap_to_grid = Some(false);
    mark.para.spacing = Some(Spacing::exact(twips(book.size(Role::Mark))));
    mark.para.align = Some(Align::Center);
    // The mark is set as wide as the block when it must shrink: it keeps the body's spacing as
    // slack, or LibreOffice breaks it where the PDF's line is full.
    mark.run = run_font(&word_font(t, book, Role::Mark));
    mark.run.color = Some(hex(spec.mark_color));
    mark.run.scale = Some(100);
    let mut imprint = based_on_normal(ids::IMPRINT, "版记");
    imprint.para.snap_to_grid = Some(false);
    imprint.run = own_width(run_font(&word_font(t, book, Role::Imprint)));
    vec![
        mark,
        character(ids::EMPHASIS, "黑体强调", Role::HeaderEmphasis),
        character(ids::SIGNER, "签发人姓名", Role::SignerName),
        imprint,
    ]
}

/// A draft's mark flush right, in 黑体, after a tab at the block's right edge.
fn with_draft_mark(p: Paragraph, width: f32, text: &str) -> Paragraph {
    p.tab_stop(Tab::Right(twips(width)))
        .run(Run::tab())
        .run(Run::text(text).style(ids::EMPHASIS))
}

fn blank(body: &mut Body) {
    body.push(Paragraph::styled(style_id::NORMAL));
}

/// 版头 and title (§7.2, §7.3.1).
pub fn head(
    body: &mut Body,
    h: &Header,
    spec: &NoticeSpec,
    t: &Template,
    parts: &Parts,
) -> Result<(), Error> {
    let head = parts.head.as_ref().ok_or_else(|| {
        Error::Docx("the layout gave no 版头 for a 公文 (a bug: please report it)".into())
    })?;
    let title_lines = &parts.title_lines;
    let draft = parts.draft_mark.as_ref().map(|(text, _)| text.as_str());
    if spec.letter.is_some() {
        letter_head(body, h, spec, t, head, title_lines, draft);
        return Ok(());
    }
    let g = t.geometry();
    let cell = cells(&g, 1);
    let mut lines: Vec<Paragraph> = Vec::new();
    if let Some(n) = &h.copy_number {
        lines.push(Paragraph::with_text(style_id::NORMAL, n));
    }
    for f in [&h.secrecy, &h.urgency].into_iter().flatten() {
        lines.push(Paragraph::styled(style_id::NORMAL).run(Run::text(f).style(ids::EMPHASIS)));
    }
    // A draft's mark flush right on the first line, a line of its own when no field has one.
    if let Some(text) = draft {
        let first = match lines.is_empty() {
            true => Paragraph::styled(style_id::NORMAL),
            false => lines.remove(0),
        };
        lines.insert(0, with_draft_mark(first, g.width, text));
    }
    let fields = lines.len() as u32;
    for line in lines {
        body.push(line);
    }
    // The lines the layout gives the 发文字号 and the title: the paragraphs between are spaced so
    // that every grid line below stays where the layout has it.
    let (doc_slot, title_slot) = (head.doc_number_slot, head.title_slot);
    let pitch = g.pitch;
    // The mark's top 35 mm below the block's top: the space left after the field lines; after
    // it, what is left of the lines down to the 发文字号's blank lines.
    let size = head.mark_size;
    let before = (mm(spec.mark_top_below_block_mm) - fields as f32 * pitch).max(0.0);
    let mark_lines = doc_slot.saturating_sub(fields + spec.doc_number_lines_below_mark);
    if h.issuers.len() > 1 {
        joint_mark(body, h, head, before, mark_lines as f32 * pitch);
    } else {
        let text = format!("{}{}", h.issuers.concat(), head.mark_suffix);
        let after = (mark_lines as f32 * pitch - before - size).max(0.0);
        let spacing = Spacing::exact(twips(size))
            .before(twips(before))
            .after(twips(after));
        body.push(
            Paragraph::styled(ids::MARK)
                .spacing(spacing)
                .run(mark_run(&text, size)),
        );
    }
    for _ in 0..spec.doc_number_lines_below_mark {
        blank(body);
    }
    let spans = doc_number(body, h, spec, t, cell);
    for _ in 0..title_slot.saturating_sub(doc_slot + spans) {
        blank(body);
    }
    title(body, title_lines, spec);
    Ok(())
}

/// Joint issuers (§7.2.4): their names one above the other, the suffix centred beside them, as
/// a borderless table between two spacers that keep the lines below on the grid; `before` is
/// the room above the mark, `room` the height of the mark's lines.
fn joint_mark(body: &mut Body, h: &Header, head: &Head, before: f32, room: f32) {
    let size = head.mark_size;
    let gap = size * 0.2;
    let n = h.issuers.len() as f32;
    let after = (room - before - (n * size + (n - 1.0) * gap)).max(0.0);
    let (names_w, suffix_w) = head.joint_columns.unwrap_or_default();
    let exact = |pt: f32| Spacing::exact(twips(pt).max(1));
    let line = |text: &str, last: bool| {
        let spacing = if last {
            exact(size)
        } else {
            exact(size).after(twips(gap))
        };
        Paragraph::styled(ids::MARK)
            .spacing(spacing)
            .run(mark_run(text, size))
    };
    let names = Cell {
        width: Some(twips(names_w)),
        v_center: false,
        paragraphs: h
            .issuers
            .iter()
            .enumerate()
            .map(|(i, s)| line(s, i + 1 == h.issuers.len()))
            .collect(),
    };
    let suffix = Cell {
        width: Some(twips(suffix_w)),
        v_center: true,
        paragraphs: vec![line(&head.mark_suffix, true).align(Align::Right)],
    };
    let table = Table {
        align: Some(Align::Center),
        columns: vec![twips(names_w), twips(suffix_w)],
        rows: vec![Row {
            cells: vec![names, suffix],
            ..Row::default()
        }],
        ..Table::default()
    };
    body.push(Paragraph::styled(ids::MARK).spacing(exact(before)));
    body.push_table(table);
    body.push(Paragraph::styled(ids::MARK).spacing(exact(after)));
}

/// 发文字号 (and 签发人) with the red separator as its bottom border, 4 mm below it (§7.2.5,
/// §7.2.6); returns the grid lines it spans.
fn doc_number(body: &mut Body, h: &Header, spec: &NoticeSpec, t: &Template, cell: i32) -> u32 {
    let g = t.geometry();
    let pitch = g.pitch;
    let number = h.doc_number.clone().unwrap_or_default();
    let mut p = if h.signers.is_empty() {
        Paragraph::with_text(style_id::NORMAL, &number).align(Align::Center)
    } else {
        let rows: Vec<String> = h.signers.chunks(2).map(|c| c.join("\u{3000}")).collect();
        for (i, r) in rows[..rows.len() - 1].iter().enumerate() {
            let mut p = Paragraph::styled(style_id::NORMAL)
                .align(Align::Right)
                .indent(Indent::sides(0, cell));
            if i == 0 {
                p = p.run(Run::text("签发人："));
            }
            body.push(p.run(Run::text(r).style(ids::SIGNER)));
        }
        let last = rows.last().cloned().unwrap_or_default();
        let mut p = Paragraph::styled(style_id::NORMAL)
            .indent(Indent::sides(cell, cell))
            .tab_stop(Tab::Right(twips(g.width) - 2 * cell))
            .run(Run::text(&number))
            .run(Run::tab());
        if rows.len() == 1 {
            p = p.run(Run::text("签发人："));
        }
        p.run(Run::text(last).style(ids::SIGNER))
    };
    if spec.rule_thickness_mm > 0.0 {
        p.props.bottom_border = Some(Border {
            line: Line::Single,
            eighths: (mm(spec.rule_thickness_mm) * 8.0).round() as u32,
            space_pt: mm(spec.rule_below_doc_number_mm).round() as u32,
            color: hex(spec.mark_color),
        });
    }
    // The border's space and width are added below the paragraph: spacing after it rounds the
    // paragraph up to whole lines, and blank lines fill up to the title's line.
    let under = if spec.rule_thickness_mm > 0.0 {
        mm(spec.rule_below_doc_number_mm) + mm(spec.rule_thickness_mm)
    } else {
        0.0
    };
    let spans = ((pitch + under) / pitch).ceil();
    let line = (pitch * TWIPS_PER_PT).floor() as i32;
    body.push(p.spacing(Spacing::exact(line).after(twips(spans * pitch - pitch - under))));
    spans as u32
}

/// The title's lines (§7.3.1) and the blank line before the 主送机关 (§7.3.2); nothing for a
/// document without a title (a 命令).
fn title(body: &mut Body, title_lines: &[String], spec: &NoticeSpec) {
    for line in title_lines {
        body.push(Paragraph::with_text(style_id::TITLE, line));
    }
    if !title_lines.is_empty() {
        for _ in 0..spec.recipients_lines_below_title {
            blank(body);
        }
    }
}

/// 信函格式's head (§10.1). The mark and the red double rules stand partly or wholly outside the
/// block, where no paragraph of the flow can go, so each is a frame placed on the page as in the
/// layout: the mark 30 mm from the paper's top, 4 mm under it the upper rule (thick over thin), 20
/// mm above the paper's bottom the lower rule (thin over thick). The frames take no room in the
/// flow (`w:wrap="none"`, checked with LibreOffice); 份号 and friends at the left and the 发文字号
/// at the right take the grid lines the layout gives them.
fn letter_head(
    body: &mut Body,
    h: &Header,
    spec: &NoticeSpec,
    t: &Template,
    head: &Head,
    title_lines: &[String],
    draft: Option<&str>,
) {
    let g = t.geometry();
    let Some(letter) = spec.letter.as_ref() else {
        return;
    };
    let length = mm(letter.rule_length_mm);
    let (thick, thin, gap) = (
        mm(letter.thick_rule_mm),
        mm(letter.thin_rule_mm),
        mm(letter.rule_gap_mm),
    );
    let frame = |y: f32| Frame {
        x: twips((g.paper_width - length) / 2.0),
        y: twips(y),
        width: twips(length),
    };
    // A double rule: an empty, 1 pt frame whose top border is the rule (a paragraph border's
    // own spacing is doubled by LibreOffice in a frame, so none is used).
    let rule = |top: f32, line| {
        let mut p = Paragraph::styled(ids::MARK).spacing(Spacing::exact(twips(1.0)));
        p.props.frame = Some(frame(top));
        p.props.top_border = Some(Border {
            line,
            eighths: ((thick + thin) * 8.0).round() as u32,
            space_pt: 0,
            color: hex(spec.mark_color),
        });
        p
    };
    let mark_top = mm(letter.mark_top_from_paper_mm);
    let size = head.mark_size;
    let text = format!("{}{}", h.issuers.join(""), head.mark_suffix);
    let mut mark = Paragraph::styled(ids::MARK).run(mark_run(&text, size));
    mark.props.frame = Some(frame(mark_top));
    body.push(mark);
    body.push(rule(
        mark_top + size + mm(letter.rule_below_mark_mm),
        Line::ThickThin,
    ));
    body.push(rule(
        g.paper_height - mm(letter.bottom_rule_from_paper_mm) - (thick + gap + thin),
        Line::ThinThick,
    ));
    let (doc_slot, title_slot) = (head.doc_number_slot, head.title_slot);
    let fields: Vec<(bool, &String)> = [
        (false, &h.copy_number),
        (true, &h.secrecy),
        (true, &h.urgency),
    ]
    .into_iter()
    .filter_map(|(e, x)| x.as_ref().map(|x| (e, x)))
    .collect();
    let rows = fields.len().max(usize::from(h.doc_number.is_some()));
    for _ in 0..doc_slot {
        blank(body);
    }
    for k in 0..rows {
        let mut p = Paragraph::styled(style_id::NORMAL).tab_stop(Tab::Right(twips(g.width)));
        if let Some((emphasis, text)) = fields.get(k) {
            let run = Run::text(*text);
            p = p.run(if *emphasis {
                run.style(ids::EMPHASIS)
            } else {
                run
            });
        }
        if k == 0
            && let Some(n) = &h.doc_number
        {
            p = p.run(Run::tab()).run(Run::text(n));
        }
        body.push(p);
    }
    for k in 0..title_slot.saturating_sub(doc_slot + rows.max(1) as u32) {
        // A draft's mark on the first blank line under the 发文字号, as the layout sets it.
        match draft.filter(|_| k == 0) {
            Some(text) => body.push(with_draft_mark(
                Paragraph::styled(style_id::NORMAL),
                g.width,
                text,
            )),
            None => blank(body),
        }
    }
    title(body, title_lines, spec);
}

/// A run of the 发文机关标志 at the layout's size, which is smaller than the style's when the mark
/// would be wider than the block (§7.2.4).
fn mark_run(text: &str, size: f32) -> Run {
    Run::text(text).half_points((size * 2.0).round() as usize)
}

/// 附件说明, 署名, 成文日期, 附注, 附件 pages and 版记 (§7.3.4–§7.4).
pub fn tail(
    body: &mut Body,
    doc: &Document,
    spec: &NoticeSpec,
    t: &Template,
    book: &FontBook,
    layout: &Layout,
    shapes: &mut std::slice::Iter<TableShape>,
) -> Result<(), Error> {
    let parts = &layout.parts;
    let g = t.geometry();
    let cells = |n: u32| cells(&g, n);
    // A paragraph whose first line starts `first` cells in and whose other lines run on under
    // `rest` cells (附件说明's names, a 纪要's lists).
    let hanging = |first: u32, rest: u32| {
        Paragraph::styled(style_id::NORMAL).indent(Indent {
            left: cells(rest),
            right: 0,
            first_line: Some(FirstLine::Hanging(cells(rest - first))),
        })
    };
    if !doc.attachments.is_empty() {
        // The blank line and the note go over with the 署名. (Not the text's last line as in the
        // layout: LibreOffice then moves its whole paragraph, and the heading above it.)
        if !layout.attachment_note_blank_squeezed {
            body.push(Paragraph::styled(style_id::NORMAL).keep_next(true));
        }
        let several = doc.attachments.len() > 1;
        for ((i, name), &(first, rest)) in doc
            .attachments
            .iter()
            .enumerate()
            .zip(&parts.attachment_indents)
        {
            let number = if several {
                format!("{}.", i + 1)
            } else {
                String::new()
            };
            let label = if i == 0 { "附件：" } else { "" };
            let keep = i + 1 < doc.attachments.len();
            body.push(
                hanging(first, rest)
                    .keep_next(keep)
                    .run(Run::text(format!("{label}{number}{name}"))),
            );
        }
    }
    // 纪要's 出席/请假/列席 lists (§10.3).
    if !doc.attendance.is_empty() {
        blank(body);
        let indent = t.paragraph.first_line_indent_chars;
        for (a, &rest) in doc.attendance.iter().zip(&parts.attendance_indents) {
            body.push(
                hanging(indent, rest)
                    .run(Run::text(format!("{}：", a.label)).style(ids::EMPHASIS))
                    .run(Run::text(&a.names)),
            );
        }
    }
    if parts.signature.is_some() {
        signature(body, t, layout);
    }
    if let Some(n) = &parts.note {
        body.push(Paragraph::with_text(style_id::BODY, n));
    }
    for (a, title_lines) in doc.annexes.iter().zip(&parts.annex_titles) {
        body.push(
            Paragraph::styled(style_id::NORMAL)
                .page_break_before(true)
                .run(Run::text(&a.label).style(ids::EMPHASIS)),
        );
        blank(body);
        for l in title_lines {
            body.push(Paragraph::with_text(style_id::TITLE, l));
        }
        blank(body);
        add_blocks(body, &a.blocks, t, book, shapes)?;
    }
    if let Some(imp) = &doc.imprint {
        imprint(body, imp, spec, t, book, layout);
    }
    Ok(())
}

/// 署名 and 成文日期 as the layout planned them, line by line, with the seal.
fn signature(body: &mut Body, t: &Template, layout: &Layout) {
    let Some(plan) = &layout.parts.signature else {
        return;
    };
    let g = t.geometry();
    // The signature never stands alone on a page (§7.3.5): the text's last line goes over with
    // it, as in the layout. Where the layout carried that line over from the page its paragraph
    // began on, the paragraph is parted there: keep-with-next would take the whole paragraph
    // over in LibreOffice.
    if let Some(last) = body.last_paragraph() {
        // (Its text as the DOCX writes it: without the spaces the layout gives no cell.)
        let carried = layout
            .signature_carried
            .as_deref()
            .map(without_cellless_spaces);
        match carried.and_then(|tail| last.split_off_text(&tail)) {
            Some(runs) => {
                // The line before the break fills the block, as the layout set it.
                last.props.align = Some(Align::Distribute);
                let mut rest = Paragraph::styled(style_id::BODY_CONTINUED).keep_next(true);
                rest.runs = runs;
                body.push(rest);
            }
            None => last.props.keep_next = true,
        }
    }
    let count = plan.lines.len();
    for (i, spans) in plan.lines.iter().enumerate() {
        // The blank lines the layout closed up to keep the 署名 on the page.
        if i < layout.signature_lines_squeezed && spans.is_empty() {
            continue;
        }
        let mut p = Paragraph::styled(style_id::NORMAL).keep_next(i + 1 < count);
        // The seal or 签名章, in front of the text, placed from this line as in the layout.
        if let Some(im) = plan.image.as_ref().filter(|im| im.line == i) {
            const EMU_PER_PT: f32 = 12_700.0;
            p = p.run(Run::picture(Picture {
                image: 0,
                width: (im.width * EMU_PER_PT) as u32,
                height: (im.height * EMU_PER_PT) as u32,
                x: (im.x * EMU_PER_PT) as i32,
                y: (im.dy * EMU_PER_PT) as i32,
            }));
        }
        // The first text from its indent, any later one from a left tab stop (measured, as Word
        // does, from the block's left edge).
        if let Some(((first, start), rest)) = spans.split_first() {
            p = p
                .indent(Indent::sides(cells(&g, *start), 0))
                .run(Run::text(first));
            for (text, at) in rest {
                p = p
                    .tab_stop(Tab::Left(cells(&g, *at)))
                    .run(Run::tab())
                    .run(Run::text(text));
            }
        }
        body.push(p);
    }
}

/// The 版记 where the layout put it: after its page breaks and the empty grid lines above it, so
/// its last rule falls on the block's bottom edge (§7.4.1); a table of 抄送 and 印发 rows.
fn imprint(
    body: &mut Body,
    imp: &crate::model::Imprint,
    spec: &NoticeSpec,
    t: &Template,
    book: &FontBook,
    layout: &Layout,
) {
    // A paragraph that breaks the page is the first line of the new page.
    let breaks = layout.imprint_page_breaks;
    let paragraphs = if breaks > 0 {
        breaks - 1 + layout.imprint_gap_lines.max(1)
    } else {
        layout.imprint_gap_lines
    };
    for k in 0..paragraphs {
        body.push(Paragraph::styled(style_id::NORMAL).page_break_before(k < breaks));
    }
    let size = book.size(Role::Imprint);
    let inset = twips(spec.imprint_indent_chars as f32 * size);
    let g = t.geometry();
    let width = twips(g.width);
    // §10.1: a letter's 版记 is 抄送 alone, without rules.
    let letter = spec.letter.is_some();
    // The rules as written: border widths in eighths of a point.
    let eighths = |rule_mm: f32| (mm(rule_mm) * 8.0).round();
    let rule_twips = |rule_mm: f32| eighths(rule_mm) / 8.0 * TWIPS_PER_PT;
    // Each row a grid line high, as in the layout, less the rules' widths (Word and LibreOffice
    // add them to the rows), so the last rule stays on the block's bottom edge.
    let pitch = g.pitch * TWIPS_PER_PT;
    let rows_n = if imp.cc.is_some() { 2.0 } else { 1.0 };
    let rules = if letter {
        0.0
    } else {
        (2.0 * rule_twips(spec.imprint_outer_rule_mm)
            + (rows_n - 1.0) * rule_twips(spec.imprint_inner_rule_mm))
            / rows_n
    };
    // A table ends no document in Word: the one-point paragraph after it must fit on the page
    // too, or Word and LibreOffice put it on a blank page of its own. The last row gives up
    // that point, so the 版记 still ends within it of the block's bottom edge.
    let row = |lines: usize, last: bool, paragraph: Paragraph| {
        let trailing = if last { TRAILING_PARAGRAPH_TWIPS } else { 0.0 };
        Row {
            exact_height: Some((pitch * lines as f32 - rules - trailing).floor() as i32),
            cells: vec![Cell {
                paragraphs: vec![paragraph],
                ..Cell::default()
            }],
            ..Row::default()
        }
    };
    let mut rows = Vec::new();
    let cc_lines = &layout.parts.cc_lines;
    if !cc_lines.is_empty() {
        // 抄送 broken where the layout broke it, its names run on under the first (§7.4.2). A
        // character's slack at the right lets a closing mark the layout hung past the indent
        // stay on its line in a word processor that does not hang it (LibreOffice).
        let label_w = twips(book.width(Role::Imprint, "抄送："));
        let mut p = Paragraph::styled(ids::IMPRINT)
            .indent(Indent {
                left: inset + label_w,
                right: inset - twips(size),
                first_line: Some(FirstLine::Hanging(label_w)),
            })
            .align(Align::Left);
        for (i, line) in cc_lines.iter().enumerate() {
            if i > 0 {
                p = p.run(Run::line_break());
            }
            p = p.run(Run::text(line));
        }
        rows.push(row(cc_lines.len(), letter, p));
    }
    if !letter {
        let p = Paragraph::with_text(ids::IMPRINT, &imp.printer)
            .indent(Indent::sides(inset, inset))
            .tab_stop(Tab::Right(width - 2 * inset))
            .run(Run::tab())
            .run(Run::text(format!("{}印发", imp.printed)));
        rows.push(row(1, true, p));
    }
    let rule = |rule_mm: f32| {
        Some(Border {
            line: Line::Single,
            eighths: eighths(rule_mm) as u32,
            space_pt: 0,
            color: "000000".into(),
        })
    };
    let borders = if letter {
        TableBorders::default()
    } else {
        TableBorders {
            top: rule(spec.imprint_outer_rule_mm),
            inside_h: rule(spec.imprint_inner_rule_mm),
            bottom: rule(spec.imprint_outer_rule_mm),
            ..TableBorders::default()
        }
    };
    // No cell margins: the text stands its 1 字 indent from the block's edges (§7.4.1).
    body.push_table(Table {
        width: Some(width),
        align: Some(Align::Left),
        borders,
        columns: vec![width],
        rows,
        ..Table::default()
    });
    body.push(
        Paragraph::styled(ids::IMPRINT).spacing(Spacing::exact(TRAILING_PARAGRAPH_TWIPS as i32)),
    );
}
