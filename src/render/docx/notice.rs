//! The 文件格式 in Word structures: the 版头 (fields, the red mark, 发文字号 with the red separator as
//! its bottom border, 签发人), 附件说明, 署名 and 成文日期, 附注, 附件 pages and the 版记 as a table
//! at the foot of its page.

use docx_rs::{
    AlignmentType, BorderType, Docx, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, SpecialIndentType, Style, StyleType, Tab,
    TabValueType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableRow,
    WidthType,
};

use super::body::add_blocks;
use super::styles::{cells, fonts, style_id, twips, word_font};
use crate::error::Error;
use crate::fonts::FontBook;
use crate::layout::{Head, Layout, Parts, TableShape};
use crate::model::{Document, Header};
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
pub fn styles(docx: Docx, t: &Template, book: &FontBook, spec: &NoticeSpec) -> Docx {
    let font = |role| fonts(&word_font(t, book, role));
    let mark = word_font(t, book, Role::Mark);
    let imprint = word_font(t, book, Role::Imprint);
    let mut mark_style = Style::new(ids::MARK, StyleType::Paragraph)
        .name("发文机关标志")
        .based_on(style_id::NORMAL)
        .fonts(font(Role::Mark))
        .size(mark.half_points)
        .color(hex(spec.mark_color))
        .align(AlignmentType::Center)
        .snap_to_grid(false)
        .line_spacing(
            LineSpacing::new()
                .line(twips(book.size(Role::Mark)))
                .line_rule(LineSpacingType::Exact),
        );
    if mark.bold {
        mark_style = mark_style.bold();
    }
    docx.add_style(mark_style)
        .add_style(
            Style::new(ids::EMPHASIS, StyleType::Character)
                .name("黑体强调")
                .fonts(font(Role::HeaderEmphasis)),
        )
        .add_style(
            Style::new(ids::SIGNER, StyleType::Character)
                .name("签发人姓名")
                .fonts(font(Role::SignerName)),
        )
        .add_style(
            Style::new(ids::IMPRINT, StyleType::Paragraph)
                .name("版记")
                .based_on(style_id::NORMAL)
                .fonts(font(Role::Imprint))
                .size(imprint.half_points)
                .snap_to_grid(false),
        )
}

fn blank(docx: Docx) -> Docx {
    docx.add_paragraph(Paragraph::new().style(style_id::NORMAL))
}

/// 版头 and title (§7.2, §7.3.1).
pub fn head(
    mut docx: Docx,
    h: &Header,
    spec: &NoticeSpec,
    t: &Template,
    parts: &Parts,
) -> Result<Docx, Error> {
    let head = parts.head.as_ref().ok_or_else(|| {
        Error::Docx("the layout gave no 版头 for a 公文 (a bug: please report it)".into())
    })?;
    let title_lines = &parts.title_lines;
    if spec.letter.is_some() {
        return Ok(letter_head(docx, h, spec, t, head, title_lines));
    }
    let g = t.geometry();
    let cell = cells(&g, 1);
    let mut fields = 0;
    if let Some(n) = &h.copy_number {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(style_id::NORMAL)
                .add_run(Run::new().add_text(n)),
        );
        fields += 1;
    }
    for f in [&h.secrecy, &h.urgency].into_iter().flatten() {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(style_id::NORMAL)
                .add_run(Run::new().style(ids::EMPHASIS).add_text(f)),
        );
        fields += 1;
    }
    // The lines the layout gives the 发文字号 and the title: the paragraphs between are spaced so
    // that every grid line below stays where the layout has it.
    let (doc_slot, title_slot) = (head.doc_number_slot, head.title_slot);
    let pitch = g.pitch;
    // The mark's top 35 mm below the block's top: the space left after the field lines; after
    // it, what is left of the lines down to the 发文字号's blank lines.
    let size = head.mark_size;
    let before = (mm(spec.mark_top_below_block_mm) - fields as f32 * pitch).max(0.0);
    let suffix = &head.mark_suffix;
    let mark_lines = doc_slot.saturating_sub(fields + spec.doc_number_lines_below_mark);
    if h.issuers.len() > 1 {
        // Joint issuers (§7.2.4): their names one above the other, the suffix centred beside
        // them, as a borderless table between two spacers that keep the lines below on the grid.
        let gap = size * 0.2;
        let n = h.issuers.len() as f32;
        let after = (mark_lines as f32 * pitch - before - (n * size + (n - 1.0) * gap)).max(0.0);
        let (names_w, suffix_w) = head.joint_columns.unwrap_or_default();
        let exact = |pt: f32| {
            LineSpacing::new()
                .line(twips(pt).max(1))
                .line_rule(LineSpacingType::Exact)
        };
        let line = |text: &str, last: bool| {
            let spacing = if last {
                exact(size)
            } else {
                exact(size).after(twips(gap) as u32)
            };
            Paragraph::new()
                .style(ids::MARK)
                .line_spacing(spacing)
                .add_run(mark_run(text, size))
        };
        let names_cell = h.issuers.iter().enumerate().fold(
            TableCell::new().width(twips(names_w) as usize, WidthType::Dxa),
            |c, (i, s)| c.add_paragraph(line(s, i + 1 == h.issuers.len())),
        );
        let suffix_cell = TableCell::new()
            .width(twips(suffix_w) as usize, WidthType::Dxa)
            .vertical_align(docx_rs::VAlignType::Center)
            .add_paragraph(line(suffix, true).align(AlignmentType::Right));
        let table = Table::without_borders(vec![TableRow::new(vec![names_cell, suffix_cell])])
            .set_grid(vec![twips(names_w) as usize, twips(suffix_w) as usize])
            .align(docx_rs::TableAlignmentType::Center)
            .margins(docx_rs::TableCellMargins::new().margin(0, 0, 0, 0));
        docx = docx
            .add_paragraph(
                Paragraph::new()
                    .style(ids::MARK)
                    .line_spacing(exact(before)),
            )
            .add_table(table)
            .add_paragraph(Paragraph::new().style(ids::MARK).line_spacing(exact(after)));
    } else {
        let text = format!("{}{suffix}", h.issuers.concat());
        let after = (mark_lines as f32 * pitch - before - size).max(0.0);
        let spacing = LineSpacing::new()
            .line(twips(size))
            .line_rule(LineSpacingType::Exact)
            .before(twips(before) as u32)
            .after(twips(after) as u32);
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(ids::MARK)
                .line_spacing(spacing)
                .add_run(mark_run(&text, size)),
        );
    }
    for _ in 0..spec.doc_number_lines_below_mark {
        docx = blank(docx);
    }
    // 发文字号 with the red separator as its bottom border, 4 mm below it (§7.2.5, §7.2.6).
    let border = ParagraphBorders::with_empty().set(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size((mm(spec.rule_thickness_mm) * 8.0).round() as usize)
            .space(mm(spec.rule_below_doc_number_mm).round() as usize)
            .color(hex(spec.mark_color)),
    );
    let number = h.doc_number.clone().unwrap_or_default();
    let mut p = if h.signers.is_empty() {
        Paragraph::new()
            .style(style_id::NORMAL)
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(&number))
    } else {
        let rows: Vec<String> = h.signers.chunks(2).map(|c| c.join("\u{3000}")).collect();
        for r in &rows[..rows.len() - 1] {
            let p = Paragraph::new()
                .style(style_id::NORMAL)
                .align(AlignmentType::Right)
                .indent(None, None, Some(cell), None);
            let p = if std::ptr::eq(r, &rows[0]) {
                p.add_run(Run::new().add_text("签发人："))
            } else {
                p
            };
            docx = docx.add_paragraph(p.add_run(Run::new().style(ids::SIGNER).add_text(r)));
        }
        let last = rows.last().cloned().unwrap_or_default();
        let mut p = Paragraph::new()
            .style(style_id::NORMAL)
            .indent(Some(cell), None, Some(cell), None)
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .pos((twips(g.width) - 2 * cell) as usize),
            )
            .add_run(Run::new().add_text(&number))
            .add_run(Run::new().add_tab());
        if rows.len() == 1 {
            p = p.add_run(Run::new().add_text("签发人："));
        }
        p.add_run(Run::new().style(ids::SIGNER).add_text(last))
    };
    if spec.rule_thickness_mm > 0.0 {
        p.property = p.property.set_borders(border);
    }
    // The border's space and width are added below the paragraph: spacing after it rounds the
    // paragraph up to whole lines, and blank lines fill up to the title's line.
    let under = if spec.rule_thickness_mm > 0.0 {
        mm(spec.rule_below_doc_number_mm) + mm(spec.rule_thickness_mm)
    } else {
        0.0
    };
    let spans = ((pitch + under) / pitch).ceil();
    let p = p.line_spacing(
        LineSpacing::new()
            .line((pitch * TWIPS_PER_PT).floor() as i32)
            .line_rule(LineSpacingType::Exact)
            .after(twips(spans * pitch - pitch - under) as u32),
    );
    docx = docx.add_paragraph(p);
    for _ in 0..title_slot.saturating_sub(doc_slot + spans as u32) {
        docx = blank(docx);
    }
    Ok(title(docx, title_lines, spec))
}

/// The title's lines (§7.3.1) and the blank line before the 主送机关 (§7.3.2); nothing for a
/// document without a title (a 命令).
fn title(mut docx: Docx, title_lines: &[String], spec: &NoticeSpec) -> Docx {
    for line in title_lines {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(style_id::TITLE)
                .add_run(Run::new().add_text(line)),
        );
    }
    if !title_lines.is_empty() {
        for _ in 0..spec.recipients_lines_below_title {
            docx = blank(docx);
        }
    }
    docx
}

/// 信函格式's head (§10.1). The mark and the red double rules stand partly or wholly outside the
/// block, where no paragraph of the flow can go, so each is a frame placed on the page as in the
/// layout: the mark 30 mm from the paper's top, 4 mm under it the upper rule (thick over thin), 20
/// mm above the paper's bottom the lower rule (thin over thick). The frames take no room in the
/// flow (`w:wrap="none"`, checked with LibreOffice); 份号 and friends at the left and the 发文字号
/// at the right take the grid lines the layout gives them.
fn letter_head(
    mut docx: Docx,
    h: &Header,
    spec: &NoticeSpec,
    t: &Template,
    head: &Head,
    title_lines: &[String],
) -> Docx {
    let g = t.geometry();
    let letter = spec.letter.as_ref().expect("a letter template");
    let suffix = &head.mark_suffix;
    let length = mm(letter.rule_length_mm);
    let (thick, thin, gap) = (
        mm(letter.thick_rule_mm),
        mm(letter.thin_rule_mm),
        mm(letter.rule_gap_mm),
    );
    let frame = |y: f32| docx_rs::FrameProperty {
        w: Some(twips(length) as u32),
        h_anchor: Some("page".into()),
        x: Some(twips((g.paper_width - length) / 2.0)),
        v_anchor: Some("page".into()),
        y: Some(twips(y)),
        wrap: Some("none".into()),
        ..Default::default()
    };
    // A double rule: an empty, 1 pt frame whose top border is the rule (a paragraph border's
    // own spacing is doubled by LibreOffice in a frame, so none is used).
    let rule = |top: f32, kind| {
        let mut p = Paragraph::new().style(ids::MARK).line_spacing(
            LineSpacing::new()
                .line(twips(1.0))
                .line_rule(LineSpacingType::Exact),
        );
        p.property = p.property.frame_property(frame(top)).set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Top)
                    .val(kind)
                    .size(((thick + thin) * 8.0).round() as usize)
                    .space(0)
                    .color(hex(spec.mark_color)),
            ),
        );
        p
    };
    let mark_top = mm(letter.mark_top_from_paper_mm);
    let size = head.mark_size;
    let mut mark = Paragraph::new()
        .style(ids::MARK)
        .add_run(mark_run(&format!("{}{suffix}", h.issuers.join("")), size));
    mark.property = mark.property.frame_property(frame(mark_top));
    let upper = rule(
        mark_top + size + mm(letter.rule_below_mark_mm),
        BorderType::ThickThinSmallGap,
    );
    let lower = rule(
        g.paper_height - mm(letter.bottom_rule_from_paper_mm) - (thick + gap + thin),
        BorderType::ThinThickSmallGap,
    );
    docx = docx
        .add_paragraph(mark)
        .add_paragraph(upper)
        .add_paragraph(lower);
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
        docx = blank(docx);
    }
    for k in 0..rows {
        let mut p = Paragraph::new().style(style_id::NORMAL).add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos(twips(g.width) as usize),
        );
        if let Some((emphasis, text)) = fields.get(k) {
            let run = Run::new().add_text(*text);
            p = p.add_run(if *emphasis {
                run.style(ids::EMPHASIS)
            } else {
                run
            });
        }
        if k == 0
            && let Some(n) = &h.doc_number
        {
            p = p
                .add_run(Run::new().add_tab())
                .add_run(Run::new().add_text(n));
        }
        docx = docx.add_paragraph(p);
    }
    for _ in 0..title_slot.saturating_sub(doc_slot + rows.max(1) as u32) {
        docx = blank(docx);
    }
    title(docx, title_lines, spec)
}

/// The last paragraph so far goes over with the next one (Word's keep-with-next).
fn keep_last_with_next(docx: &mut Docx) {
    if let Some(docx_rs::DocumentChild::Paragraph(last)) = docx.document.children.last_mut() {
        last.property.keep_next = Some(true);
    }
}

/// A run of the 发文机关标志 at the layout's size, which is smaller than the style's when the mark
/// would be wider than the block (§7.2.4).
fn mark_run(text: &str, size: f32) -> Run {
    Run::new()
        .add_text(text)
        .size((size * 2.0).round() as usize)
}

/// 附件说明, 署名, 成文日期, 附注, 附件 pages and 版记 (§7.3.4–§7.4).
pub fn tail(
    mut docx: Docx,
    doc: &Document,
    spec: &NoticeSpec,
    t: &Template,
    book: &FontBook,
    layout: &Layout,
    shapes: &mut std::slice::Iter<TableShape>,
) -> Result<Docx, Error> {
    let parts = &layout.parts;
    let g = t.geometry();
    let cells = |n: u32| cells(&g, n);
    // A paragraph whose first line starts `first` cells in and whose other lines run on under
    // `rest` cells (附件说明's names, a 纪要's lists).
    let hanging = |first: u32, rest: u32| {
        Paragraph::new().style(style_id::NORMAL).indent(
            Some(cells(rest)),
            Some(SpecialIndentType::Hanging(cells(rest - first))),
            None,
            None,
        )
    };
    let indent = t.paragraph.first_line_indent_chars;
    if !doc.attachments.is_empty() {
        // The blank line and the note go over with the 署名. (Not the text's last line as in the
        // layout: LibreOffice then moves its whole paragraph, and the heading above it.)
        if !layout.attachment_note_blank_squeezed {
            docx = docx.add_paragraph(Paragraph::new().style(style_id::NORMAL).keep_next(true));
        }
        let label = "附件：";
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
            let text = if i == 0 {
                format!("{label}{number}{name}")
            } else {
                format!("{number}{name}")
            };
            let keep = i + 1 < doc.attachments.len();
            docx = docx.add_paragraph(
                hanging(first, rest)
                    .keep_next(keep)
                    .add_run(Run::new().add_text(text)),
            );
        }
    }
    // 纪要's 出席/请假/列席 lists (§10.3).
    if !doc.attendance.is_empty() {
        docx = blank(docx);
        for (a, &rest) in doc.attendance.iter().zip(&parts.attendance_indents) {
            let label = format!("{}：", a.label);
            docx = docx.add_paragraph(
                hanging(indent, rest)
                    .add_run(Run::new().style(ids::EMPHASIS).add_text(label))
                    .add_run(Run::new().add_text(&a.names)),
            );
        }
    }
    if let Some(plan) = &parts.signature {
        // The signature never stands alone on a page (§7.3.5): the text's last line goes over
        // with it, as in the layout (keep-with-next keeps a paragraph's last line with the next).
        keep_last_with_next(&mut docx);
        let count = plan.lines.len();
        for (i, spans) in plan.lines.iter().enumerate() {
            // The blank lines the layout closed up to keep the 署名 on the page.
            if i < layout.signature_lines_squeezed && spans.is_empty() {
                continue;
            }
            let mut p = Paragraph::new()
                .style(style_id::NORMAL)
                .keep_next(i + 1 < count);
            // The seal or 签名章, in front of the text, placed from this line as in the layout.
            if let Some(im) = plan.image.as_ref().filter(|im| im.line == i) {
                const EMU_PER_PT: f32 = 12_700.0;
                let png = &im.png;
                let pic =
                    docx_rs::Pic::new_with_dimensions(png.bytes.to_vec(), png.width, png.height)
                        .size(
                            (im.width * EMU_PER_PT) as u32,
                            (im.height * EMU_PER_PT) as u32,
                        )
                        .floating()
                        .overlapping()
                        .relative_from_h(docx_rs::RelativeFromHType::Margin)
                        .relative_from_v(docx_rs::RelativeFromVType::Paragraph)
                        .offset_x((im.x * EMU_PER_PT) as i32)
                        .offset_y((im.dy * EMU_PER_PT) as i32);
                p = p.add_run(Run::new().add_image(pic));
            }
            // The first text from its indent, any later one from a left tab stop (measured, as
            // Word does, from the block's left edge).
            if let Some(((first, start), rest)) = spans.split_first() {
                p = p
                    .indent(Some(cells(*start)), None, None, None)
                    .add_run(Run::new().add_text(first));
                for (text, at) in rest {
                    p = p
                        .add_tab(Tab::new().val(TabValueType::Left).pos(cells(*at) as usize))
                        .add_run(Run::new().add_tab())
                        .add_run(Run::new().add_text(text));
                }
            }
            docx = docx.add_paragraph(p);
        }
    }
    if let Some(n) = &parts.note {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(style_id::BODY)
                .add_run(Run::new().add_text(n)),
        );
    }
    for (a, title_lines) in doc.annexes.iter().zip(&parts.annex_titles) {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(style_id::NORMAL)
                .page_break_before(true)
                .add_run(Run::new().style(ids::EMPHASIS).add_text(&a.label)),
        );
        docx = blank(docx);
        for l in title_lines {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .style(style_id::TITLE)
                    .add_run(Run::new().add_text(l)),
            );
        }
        docx = blank(docx);
        docx = add_blocks(docx, &a.blocks, t, book, shapes)?;
    }
    if let Some(imp) = &doc.imprint {
        // The 版记 where the layout put it: after its page breaks and the empty grid lines above it,
        // so its last rule falls on the block's bottom edge (§7.4.1).
        // A paragraph that breaks the page is the first line of the new page.
        let breaks = layout.imprint_page_breaks;
        let paragraphs = if breaks > 0 {
            breaks - 1 + layout.imprint_gap_lines.max(1)
        } else {
            layout.imprint_gap_lines
        };
        for k in 0..paragraphs {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .style(style_id::NORMAL)
                    .page_break_before(k < breaks),
            );
        }
        let size = book.size(Role::Imprint);
        let inset = twips(spec.imprint_indent_chars as f32 * size);
        let g = t.geometry();
        let width = twips(g.width);
        let advance = |s: &str| book.width(Role::Imprint, s);
        // §10.1: a letter's 版记 is 抄送 alone, without rules.
        let letter = spec.letter.is_some();
        // The rules as written: border widths in eighths of a point.
        let eighths = |rule_mm: f32| (mm(rule_mm) * 8.0).round();
        let rule_twips = |rule_mm: f32| eighths(rule_mm) / 8.0 * TWIPS_PER_PT;
        // Each row a grid line high, as in the layout, less the rules' widths (Word and
        // LibreOffice add them to the rows), so the last rule stays on the block's bottom edge.
        let pitch = g.pitch * TWIPS_PER_PT;
        let rows_n = if imp.cc.is_some() { 2.0 } else { 1.0 };
        let rules = if letter {
            0.0
        } else {
            (2.0 * rule_twips(spec.imprint_outer_rule_mm)
                + (rows_n - 1.0) * rule_twips(spec.imprint_inner_rule_mm))
                / rows_n
        };
        // A table ends no document in Word: the one-point paragraph after it must fit on the
        // page too, or Word and LibreOffice put it on a blank page of its own. The last row
        // gives up that point, so the 版记 still ends within it of the block's bottom edge.
        let row_height = |grid: f32, last: bool| {
            let trailing = if last { TRAILING_PARAGRAPH_TWIPS } else { 0.0 };
            (grid - rules - trailing).floor()
        };
        let mut rows = Vec::new();
        if let Some(cc) = &imp.cc {
            let label = "抄送：";
            let label_w = twips(advance(label));
            let room = g.width - 2.0 * spec.imprint_indent_chars as f32 * size - advance(label);
            let cc_lines = (advance(cc) / room).ceil().max(1.0);
            rows.push(
                TableRow::new(vec![
                    TableCell::new().add_paragraph(
                        Paragraph::new()
                            .style(ids::IMPRINT)
                            .indent(
                                Some(inset + label_w),
                                Some(SpecialIndentType::Hanging(label_w)),
                                Some(inset),
                                None,
                            )
                            .add_run(Run::new().add_text(format!("{label}{cc}"))),
                    ),
                ])
                .row_height(row_height(pitch * cc_lines, letter))
                .height_rule(docx_rs::HeightRule::Exact),
            );
        }
        if !letter {
            rows.push(
                TableRow::new(vec![
                    TableCell::new().add_paragraph(
                        Paragraph::new()
                            .style(ids::IMPRINT)
                            .indent(Some(inset), None, Some(inset), None)
                            .add_tab(
                                Tab::new()
                                    .val(TabValueType::Right)
                                    .pos((width - 2 * inset) as usize),
                            )
                            .add_run(Run::new().add_text(&imp.printer))
                            .add_run(Run::new().add_tab())
                            .add_run(Run::new().add_text(format!("{}印发", imp.printed))),
                    ),
                ])
                .row_height(row_height(pitch, true))
                .height_rule(docx_rs::HeightRule::Exact),
            );
        }
        let rule = |pos, rule_mm: f32| {
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(eighths(rule_mm) as usize)
                .color("000000")
        };
        let borders = if letter {
            TableBorders::with_empty()
        } else {
            TableBorders::with_empty()
                .set(rule(TableBorderPosition::Top, spec.imprint_outer_rule_mm))
                .set(rule(
                    TableBorderPosition::InsideH,
                    spec.imprint_inner_rule_mm,
                ))
                .set(rule(
                    TableBorderPosition::Bottom,
                    spec.imprint_outer_rule_mm,
                ))
        };
        // No cell margins: the text stands its 1 字 indent from the block's edges (§7.4.1).
        let table = Table::without_borders(rows)
            .margins(docx_rs::TableCellMargins::new().margin(0, 0, 0, 0))
            .set_borders(borders)
            .set_grid(vec![width as usize])
            .width(width as usize, WidthType::Dxa);
        docx = docx.add_table(table).add_paragraph(
            Paragraph::new().style(ids::IMPRINT).line_spacing(
                LineSpacing::new()
                    .line(TRAILING_PARAGRAPH_TWIPS as i32)
                    .line_rule(LineSpacingType::Exact),
            ),
        );
    }
    Ok(docx)
}
