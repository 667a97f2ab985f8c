//! The 文件格式's own parts (GB/T 9704-2012 §7.2–§7.4): 版头 (份号, 密级, 紧急程度, 发文机关标志,
//! 发文字号, 签发人, the red separator), 附件说明, 署名 and 成文日期, 附件 pages and 版记.

use super::{
    BLACK, Ctx, LaidLine, LineImage, LineMark, Page, Rule, RunLine, SignatureImage, SignaturePlan,
    Tag, TagKind, TextRun, merge, push_runs, side_by_side,
};
use crate::model::{Annex, Header, Imprint, Origin, Signature, Signer};
use crate::template::{LetterSpec, NoticeSpec, Role};
use crate::units::{EM_BOX_ASCENT, mm};

/// What the 版头 puts on page 1 outside the flow of lines, and where the title starts.
#[derive(Debug, Default)]
pub(super) struct HeadItems {
    /// The 发文机关标志.
    pub runs: Vec<TextRun>,
    /// The red separator.
    pub rules: Vec<Rule>,
    /// The grid line the 发文字号 (its last line, with 签发人) stands on.
    pub doc_slot: u32,
    /// The grid line the title starts on.
    pub title_slot: u32,
}

/// Below the baseline, the part of an ideographic em box (§ units::EM_BOX_ASCENT).
const EM_BOX_DESCENT: f32 = 1.0 - EM_BOX_ASCENT;

impl Ctx<'_> {
    /// 版头 (§7.2): the fields on the first lines, the mark 35 mm below the block's top, the
    /// 发文字号 two lines below it, the separator 4 mm below that.
    pub(super) fn notice_head(
        &mut self,
        h: &Header,
        spec: &NoticeSpec,
        lines: &mut Vec<LaidLine>,
    ) -> HeadItems {
        let g = self.g;
        // 份号, 密级和保密期限, 紧急程度: flush left from line 1, in that order (§7.2.2, §7.2.3).
        let fields = [
            (Role::HeaderField, &h.copy_number),
            (Role::HeaderEmphasis, &h.secrecy),
            (Role::HeaderEmphasis, &h.urgency),
        ];
        for (role, text) in fields {
            if let Some(t) = text {
                let line = self.grid_line(&[(role, t)], 0);
                self.note_copy_number(h, text, &line);
                lines.push(line);
            }
        }
        let mut items = HeadItems::default();
        // 发文机关标志 (§7.2.4): its top edge 35 mm below the block's top.
        let bottom = self.mark(
            h,
            spec,
            g.top + mm(spec.mark_top_below_block_mm),
            &mut items.runs,
        );
        // 发文字号 (§7.2.5): two lines below the mark, centred; for a 上行文, 1 字 from the left with
        // 签发人 1 字 from the right on the same (last) line.
        let mark_line = ((bottom - g.top) / g.pitch).floor() as u32;
        let doc_slot = mark_line + 1 + spec.doc_number_lines_below_mark;
        let mut head_lines: Vec<LaidLine> = Vec::new();
        if h.signers.is_empty() {
            if let Some(n) = &h.doc_number {
                head_lines.push(self.centred(Role::HeaderField, n, Origin::default()));
            }
        } else {
            let label = "签发人：";
            let rows: Vec<String> = h.signers.chunks(2).map(|c| c.join("\u{3000}")).collect();
            let label_cells = self.grid_cells(&[(Role::HeaderField, label)]);
            let row_cells = rows
                .iter()
                .map(|r| self.grid_cells(&[(Role::SignerName, r)]))
                .max()
                .unwrap_or(0);
            let start = g.chars.saturating_sub(1 + label_cells + row_cells);
            for (i, r) in rows.iter().enumerate() {
                let line = if i == 0 {
                    self.grid_line(&[(Role::HeaderField, label), (Role::SignerName, r)], start)
                } else {
                    self.grid_line(&[(Role::SignerName, r)], start + label_cells)
                };
                head_lines.push(line);
            }
            if let (Some(n), Some(last)) = (&h.doc_number, head_lines.pop()) {
                let number = self.grid_line(&[(Role::HeaderField, n)], 1);
                head_lines.push(merge(number, last));
            }
        }
        let rows = head_lines.len().max(1) as u32;
        let first_slot = (doc_slot + 1).saturating_sub(rows);
        for (i, mut l) in head_lines.into_iter().enumerate() {
            l.at_slot = Some(first_slot + i as u32);
            lines.push(l);
        }
        // The separator (§7.2.6): red, as wide as the block, 4 mm below the 发文字号.
        let thickness = mm(spec.rule_thickness_mm);
        let number_bottom = self.baseline(doc_slot, 16.0) + EM_BOX_DESCENT * 16.0;
        let y = number_bottom + mm(spec.rule_below_doc_number_mm) + thickness / 2.0;
        // (A 命令 has none: a thickness of 0.)
        if thickness > 0.0 {
            items.rules.push(Rule {
                x0: g.left,
                x1: g.right(),
                y,
                thickness,
                color: spec.mark_color,
            });
        }
        // 标题 (§7.3.1) two lines below the separator — or a 命令's text, two lines below its 令号 (§10.2).
        let rule_line = if thickness > 0.0 {
            ((y + thickness / 2.0 - g.top) / g.pitch).floor() as u32
        } else {
            doc_slot
        };
        items.title_slot = rule_line + 1 + spec.title_lines_below_rule;
        items.doc_slot = doc_slot;
        items
    }

    /// The 发文机关标志's size (§7.2.4): the template's, or smaller where the mark would be wider
    /// than the block.
    pub(super) fn mark_size(&self, h: &Header, spec: &NoticeSpec) -> f32 {
        let role = Role::Mark;
        let size0 = self.book.size(role);
        let suffix = super::mark_suffix(h, spec);
        let width = |s: &str| self.book.width(role, s);
        let natural = if h.issuers.len() > 1 {
            h.issuers.iter().map(|n| width(n)).fold(0.0, f32::max) + size0 * 0.5 + width(&suffix)
        } else {
            width(&format!("{}{suffix}", h.issuers.concat()))
        };
        if natural > self.g.width {
            size0 * self.g.width / natural
        } else {
            size0
        }
    }

    /// Joint issuers' mark (§7.2.4): the widths of the names' column and of the suffix's column
    /// beside it (half a character's gap, then the suffix); none for one issuer.
    pub(super) fn joint_columns(&self, h: &Header, spec: &NoticeSpec) -> Option<(f32, f32)> {
        if h.issuers.len() < 2 {
            return None;
        }
        let size = self.mark_size(h, spec);
        let width = |s: &str| self.book.width(Role::Mark, s) * size / self.book.size(Role::Mark);
        let names = h.issuers.iter().map(|n| width(n)).fold(0.0, f32::max);
        Some((names, size * 0.5 + width(&super::mark_suffix(h, spec))))
    }

    /// Draws the 发文机关标志 (§7.2.4) with its top edge at `top`: red, centred, never wider than the
    /// block; several issuers stand one above the other, the suffix ("文件") centred beside them.
    /// Returns its bottom edge.
    fn mark(&mut self, h: &Header, spec: &NoticeSpec, top: f32, runs: &mut Vec<TextRun>) -> f32 {
        let g = self.g;
        // 发文机关标志 (§7.2.4): red, centred, its top edge 35 mm below the block's top. Several
        // issuers stand one above the other, the suffix ("文件") centred beside them.
        let role = Role::Mark;
        let size0 = self.book.size(role);
        let color = spec.mark_color;
        let width = |cx: &Self, s: &str, size: f32| cx.book.width(role, s) * size / size0;
        let names: Vec<String> = if h.issuers.is_empty() {
            vec![String::new()]
        } else {
            h.issuers.clone()
        };
        let joint = names.len() > 1;
        let suffix = super::mark_suffix(h, spec);
        let size = self.mark_size(h, spec);
        let gap = size * 0.2;
        let mut bottom = top;
        let texts: Vec<String> = if joint {
            names.clone()
        } else {
            vec![format!("{}{suffix}", names[0])]
        };
        let column = texts
            .iter()
            .map(|n| width(self, n, size))
            .fold(0.0, f32::max);
        let total = match self.joint_columns(h, spec) {
            Some((names, suffix)) => names + suffix,
            None => column,
        };
        let left = g.left + (g.width - total) / 2.0;
        // The mark, names and suffix, is one paragraph.
        let mark = self.part(TagKind::Paragraph);
        for (i, t) in texts.iter().enumerate() {
            let y = top + i as f32 * (size + gap);
            let x = if joint {
                left + (column - width(self, t, size)) / 2.0
            } else {
                left
            };
            self.absolute(
                runs,
                role,
                t,
                (size, x, y + EM_BOX_ASCENT * size),
                color,
                mark,
            );
            bottom = y + size;
        }
        if joint && !suffix.is_empty() {
            let mid = (top + bottom) / 2.0;
            self.absolute(
                runs,
                role,
                &suffix,
                (
                    size,
                    left + column + size * 0.5,
                    mid - size / 2.0 + EM_BOX_ASCENT * size,
                ),
                color,
                mark,
            );
        }
        bottom
    }

    /// 信函格式's head (§10.1): the mark 30 mm from the paper's top, a red double rule (thick over
    /// thin) 4 mm below it and another (thin over thick) 20 mm above the paper's bottom, both
    /// 170 mm long; 份号, 密级, 紧急程度 flush left and the 发文字号 flush right on the first line
    /// under the rule, that line's characters 7/8 of a 3号 character below it; the title two lines
    /// below the last of them.
    pub(super) fn letter_head(
        &mut self,
        h: &Header,
        spec: &NoticeSpec,
        letter: &LetterSpec,
        lines: &mut Vec<LaidLine>,
    ) -> HeadItems {
        let g = self.g;
        let mut items = HeadItems::default();
        let bottom = self.mark(h, spec, mm(letter.mark_top_from_paper_mm), &mut items.runs);
        let (thick, thin, gap) = (
            mm(letter.thick_rule_mm),
            mm(letter.thin_rule_mm),
            mm(letter.rule_gap_mm),
        );
        let x0 = (g.paper_width - mm(letter.rule_length_mm)) / 2.0;
        let x1 = x0 + mm(letter.rule_length_mm);
        let red = spec.mark_color;
        let y = bottom + mm(letter.rule_below_mark_mm);
        items.rules.push(Rule {
            x0,
            x1,
            y: y + thick / 2.0,
            thickness: thick,
            color: red,
        });
        items.rules.push(Rule {
            x0,
            x1,
            y: y + thick + gap + thin / 2.0,
            thickness: thin,
            color: red,
        });
        let low = g.paper_height - mm(letter.bottom_rule_from_paper_mm);
        items.rules.push(Rule {
            x0,
            x1,
            y: low - thick / 2.0,
            thickness: thick,
            color: red,
        });
        items.rules.push(Rule {
            x0,
            x1,
            y: low - thick - gap - thin / 2.0,
            thickness: thin,
            color: red,
        });
        // The first grid line whose characters stand 7/8 of a 3号 character below the rule.
        let size = self.book.size(Role::Body);
        let rule_bottom = y + thick + gap + thin;
        let mut slot = 0;
        while g.top + slot as f32 * g.pitch + (g.pitch - size) / 2.0
            < rule_bottom + size * 7.0 / 8.0
        {
            slot += 1;
        }
        let fields: Vec<(Role, &String)> = [
            (Role::HeaderField, &h.copy_number),
            (Role::HeaderEmphasis, &h.secrecy),
            (Role::HeaderEmphasis, &h.urgency),
        ]
        .into_iter()
        .filter_map(|(r, t)| t.as_ref().map(|t| (r, t)))
        .collect();
        let rows = fields.len().max(usize::from(h.doc_number.is_some())) as u32;
        for k in 0..rows as usize {
            let mut line = match fields.get(k) {
                Some((role, text)) => {
                    let line = self.grid_line(&[(*role, text)], 0);
                    self.note_copy_number(h, &Some((*text).clone()), &line);
                    line
                }
                None => LaidLine::default(),
            };
            if k == 0
                && let Some(n) = &h.doc_number
            {
                let cells = self.grid_cells(&[(Role::HeaderField, n)]);
                line = merge(
                    line,
                    self.grid_line(&[(Role::HeaderField, n)], g.chars.saturating_sub(cells)),
                );
            }
            line.at_slot = Some(slot + k as u32);
            lines.push(line);
        }
        items.doc_slot = slot;
        items.title_slot = slot + rows.max(1) - 1 + 1 + spec.title_lines_below_rule;
        items
    }

    /// Keeps the part of the 份号's line, when `field` is the 份号, for numbering copies.
    fn note_copy_number(&mut self, h: &Header, field: &Option<String>, line: &LaidLine) {
        if h.copy_number.is_some()
            && field == &h.copy_number
            && self.parts.copy_number_block.is_none()
        {
            self.parts.copy_number_block = line.tags.first().map(|(_, tag)| tag.block);
        }
    }

    /// A line of text at a fixed place, outside the grid: `(size, x, baseline)`, in points.
    pub(super) fn absolute(
        &mut self,
        runs: &mut Vec<TextRun>,
        role: Role,
        text: &str,
        (size, x, baseline): (f32, f32, f32),
        color: [u8; 3],
        tag: Tag,
    ) {
        let (text, mut atoms) = self.atoms(&[(role, text)], Origin::default());
        for a in &mut atoms {
            a.size = size;
            a.advance = a.glyph.advance * size;
        }
        let mut page = Page::default();
        push_runs(
            &mut page,
            RunLine {
                text: &text,
                atoms: &side_by_side(atoms, x),
                baseline,
                color,
                tags: &[(0, tag)],
            },
        );
        runs.extend(page.runs);
    }

    /// 纪要's lists (§10.3): a line below the text, 2 字 in, "出席" in 黑体 and a colon, the names
    /// in 仿宋 running on under their first character; 请假 and 列席 the same on new lines.
    pub(super) fn attendance(
        &mut self,
        lists: &[crate::model::Attendance],
        lines: &mut Vec<LaidLine>,
    ) {
        if lists.is_empty() {
            return;
        }
        lines.push(LaidLine::default());
        let indent = self.t.paragraph.first_line_indent_chars;
        for a in lists {
            let label = format!("{}：", a.label);
            let rest = indent + self.grid_cells(&[(Role::HeaderEmphasis, &label)]);
            self.parts.attendance_indents.push(rest);
            lines.extend(self.grid_paragraph(
                &[(Role::HeaderEmphasis, &label), (Role::Body, &a.names)],
                indent,
                rest,
                Origin::default(),
                None,
            ));
        }
    }

    /// Breaks a text into lines no wider than `room` at its role's size, no line starting with
    /// a closing mark (the mark stays on the line before).
    fn wrap(&self, role: Role, text: &str, room: f32) -> Vec<String> {
        let mut out: Vec<String> = vec![String::new()];
        let mut w = 0.0;
        for c in text.chars() {
            let a = self.advance(role, c);
            let last = out.last_mut().expect("a line");
            if w + a > room && !last.is_empty() && !super::kinsoku::no_start(c) {
                out.push(String::new());
                w = 0.0;
            }
            out.last_mut().expect("a line").push(c);
            w += a;
        }
        out
    }

    /// 附件说明 (§7.3.4): a line below the body, 2 字 in: "附件：1.名称"; names of several
    /// attachments stand under each other, long names run on under their first character.
    pub(super) fn attachment_note(&mut self, names: &[String], lines: &mut Vec<LaidLine>) {
        if names.is_empty() {
            return;
        }
        // With the text's last line, so that the 署名 that follows it (kept with the note) can
        // close up this blank line rather than leave a page short (§7.3.5.1).
        if let Some(last) = lines.last_mut() {
            last.keep_with_next = true;
        }
        lines.push(LaidLine {
            squeezable: true,
            keep_with_next: true,
            ..LaidLine::default()
        });
        let first_note_line = lines.len();
        let indent = self.t.paragraph.first_line_indent_chars;
        let label = "附件：";
        let label_cells = self.grid_cells(&[(Role::Body, label)]);
        for (i, name) in names.iter().enumerate() {
            let number = if names.len() > 1 {
                format!("{}.", i + 1)
            } else {
                String::new()
            };
            let number_cells = if number.is_empty() {
                0
            } else {
                self.grid_cells(&[(Role::Body, &number)])
            };
            let rest = indent + label_cells + number_cells;
            let first = if i == 0 { indent } else { indent + label_cells };
            self.parts.attachment_indents.push((first, rest));
            let text = format!("{number}{name}");
            let l = if i == 0 {
                self.grid_paragraph(
                    &[(Role::Body, label), (Role::Body, &text)],
                    indent,
                    rest,
                    Origin::default(),
                    None,
                )
            } else {
                self.grid_paragraph(&[(Role::Body, &text)], first, rest, Origin::default(), None)
            };
            lines.extend(l);
        }
        // The note's lines together.
        let end = lines.len();
        for l in &mut lines[first_note_line..end.saturating_sub(1)] {
            l.keep_with_next = true;
        }
    }

    /// 署名 and 成文日期 (§7.3.5), as [`SignaturePlan`] lays them out.
    pub(super) fn signature(
        &mut self,
        sig: &Signature,
        spec: &NoticeSpec,
        lines: &mut Vec<LaidLine>,
    ) {
        let plan = self.signature_plan(sig, spec);
        self.parts.signature = Some(plan.clone());
        // The signature never stands alone on a page (§7.3.5): the text's last line goes over with
        // it when it does not fit below the text.
        if let Some(last) = lines.last_mut() {
            last.keep_with_next = true;
        }
        let count = plan.lines.len();
        for (i, spans) in plan.lines.iter().enumerate() {
            let mut l = LaidLine::default();
            for (text, start) in spans {
                let part = self.grid_line(&[(Role::Body, text)], *start);
                l = merge(l, part);
            }
            if let Some(im) = plan.image.as_ref().filter(|im| im.line == i) {
                l.image = Some(LineImage {
                    x: self.g.left + im.x,
                    dy: im.dy,
                    width: im.width,
                    height: im.height,
                    png: im.png.clone(),
                    alt: seal_alt(sig),
                });
            }
            l.keep_with_next = i + 1 < count;
            if !spans.is_empty() {
                l.mark = Some(LineMark {
                    signature: true,
                    ..LineMark::default()
                });
            }
            // Without a seal or a stamp to make room for, the space above may close up.
            l.squeezable = plan.image.is_none() && spans.is_empty();
            l.signature_blank = spans.is_empty();
            lines.push(l);
        }
    }

    /// The 署名 block line by line (§7.3.5).
    ///
    /// - Without a seal (§7.3.5.2): one line below the text, the organ 2 字 from the right, the
    ///   date on the next line starting 2 字 right of the organ (a longer date 2 字 from the right,
    ///   the organ moved left to keep the shift).
    /// - With a seal (§7.3.5.1): the date 4 字 from the right, the organ centred over it, the seal
    ///   centred on the date from the first of two lines below the text.
    /// - A signer's 签名章 (§7.3.5.3): two lines below the text, 4 字 from the right; the 职务 2 字
    ///   left of it, centred on it top to bottom; the date one line below it, 4 字 from the right.
    pub(super) fn signature_plan(&mut self, sig: &Signature, spec: &NoticeSpec) -> SignaturePlan {
        if let Some(signer) = &sig.signer {
            return self.signer_plan(sig, signer, spec);
        }
        let (organ_starts, date_start) = self.signature_starts(sig, spec);
        let blank = if sig.sealed { 2 } else { 1 };
        let mut lines = vec![Vec::new(); blank];
        let image = sig.seal_image.as_ref().map(|png| {
            let width = mm(spec.seal_diameter_mm);
            let date_cells = self.grid_cells(&[(Role::Body, &sig.date)]) as f32;
            let centre = (date_start as f32 + date_cells / 2.0) * self.g.cell;
            SignatureImage {
                line: 0,
                x: centre - width / 2.0,
                dy: 0.0,
                width,
                height: width * png.height as f32 / png.width as f32,
                png: png.clone(),
            }
        });
        for (o, start) in sig.organs.iter().zip(organ_starts) {
            lines.push(vec![(o.clone(), start)]);
        }
        lines.push(vec![(sig.date.clone(), date_start)]);
        SignaturePlan { lines, image }
    }

    fn signer_plan(
        &mut self,
        sig: &Signature,
        signer: &Signer,
        spec: &NoticeSpec,
    ) -> SignaturePlan {
        let g = self.g;
        let right = spec.stamp_right_chars;
        let date_cells = self.grid_cells(&[(Role::Body, &sig.date)]);
        let date_start = g.chars.saturating_sub(right + date_cells);
        let room = g.width - right as f32 * g.cell;
        // Whole lines above and below the 职务's line that a stamp this tall reaches into.
        let reach_of = |height: f32| ((height - g.pitch) / 2.0 / g.pitch).ceil().max(0.0) as usize;
        // The stamp: the image, or else the typed name, its right edge 4 字 from the right.
        let image = signer.stamp_image.as_ref().map(|png| {
            let mut height = mm(spec.stamp_height_mm);
            let mut width = height * png.width as f32 / png.height as f32;
            if width > room {
                height *= room / width;
                width = room;
            }
            SignatureImage {
                line: 2,
                x: room - width,
                dy: reach_of(height) as f32 * g.pitch + (g.pitch - height) / 2.0,
                width,
                height,
                png: png.clone(),
            }
        });
        let reach = image.as_ref().map_or(0, |im| reach_of(im.height));
        let (stamp_cells, name) = match (&image, &signer.name) {
            (Some(im), _) => ((im.width / g.cell).ceil() as u32, None),
            (None, Some(name)) => (self.grid_cells(&[(Role::Body, name)]), Some(name)),
            (None, None) => (0, None),
        };
        let stamp_start = g.chars.saturating_sub(right + stamp_cells);
        let mut middle = Vec::new();
        if let Some(title) = &signer.title {
            let cells = self.grid_cells(&[(Role::Body, title)]);
            let start = stamp_start.saturating_sub(spec.stamp_title_gap_chars + cells);
            middle.push((title.clone(), start));
        }
        if let Some(name) = name {
            middle.push((name.clone(), stamp_start));
        }
        // 正文下空二行, the stamp's upper reach, the 职务, its lower reach, 下空一行, the date.
        let mut lines = vec![Vec::new(); 2 + reach];
        lines.push(middle);
        lines.extend(vec![Vec::new(); reach + 1]);
        lines.push(vec![(sig.date.clone(), date_start)]);
        SignaturePlan { lines, image }
    }

    /// Where the signing organs and the date start, in cells from the left (§7.3.5).
    pub(super) fn signature_starts(
        &mut self,
        sig: &Signature,
        spec: &NoticeSpec,
    ) -> (Vec<u32>, u32) {
        let chars = self.g.chars;
        let date_cells = self.grid_cells(&[(Role::Body, &sig.date)]);
        let cells: Vec<u32> = sig
            .organs
            .iter()
            .map(|o| self.grid_cells(&[(Role::Body, o)]))
            .collect();
        let organ_cells = cells.iter().copied().max().unwrap_or(0);
        let (organ_start, date_start) = if sig.sealed {
            let date_start = chars.saturating_sub(spec.seal_date_right_chars + date_cells);
            let organ_start = (date_start + date_cells / 2).saturating_sub(organ_cells / 2);
            (organ_start, date_start)
        } else {
            let right = spec.signature_right_chars;
            let mut organ_start = chars.saturating_sub(right + organ_cells);
            let mut date_start = organ_start + spec.date_shift_chars;
            if date_start + date_cells > chars - right {
                date_start = chars.saturating_sub(right + date_cells);
                organ_start = date_start.saturating_sub(spec.date_shift_chars);
            }
            (organ_start, date_start)
        };
        // Several organs: each centred over the date with a seal, right-aligned without.
        let starts = cells
            .iter()
            .map(|c| {
                let spare = organ_cells - c;
                if sig.sealed {
                    organ_start + spare / 2
                } else {
                    organ_start + spare
                }
            })
            .collect();
        (starts, date_start)
    }

    /// A 附件 (§7.3.7): a new page, "附件1" in 黑体 flush left on line 1, its title centred on
    /// line 3, its body from line 5.
    pub(super) fn annex(&mut self, a: &Annex, lines: &mut Vec<LaidLine>) {
        let mut label = self.grid_line(&[(Role::HeaderEmphasis, &a.label)], 0);
        label.break_before = true;
        lines.push(label);
        let titles = super::split_title(&a.title, self.t, self.book);
        // An 附件's title heads it as a heading of the first level.
        let heading = self.part(TagKind::Heading(1));
        for (i, part) in titles.iter().enumerate() {
            let mut l = self
                .centred(Role::Title, part, Origin::default())
                .tagged(heading);
            if i == 0 {
                l.at_slot = Some(2);
            }
            lines.push(l);
        }
        self.parts.annex_titles.push(titles);
        lines.push(LaidLine::default());
        self.blocks(&a.blocks, lines);
    }

    /// 版记 (§7.4): at the foot of an even page, the last rule on the block's bottom edge.
    /// Returns the pages that carry no page number (§7.5: a blank page before the 版记 page, and
    /// that page) and the grid line its first row stands on.
    pub(super) fn imprint(
        &mut self,
        imp: &Imprint,
        spec: &NoticeSpec,
        pages: &mut Vec<Page>,
        used: u32,
    ) -> (Vec<usize>, u32) {
        let g = self.g;
        let role = Role::Imprint;
        let size = self.book.size(role);
        let inset = spec.imprint_indent_chars as f32 * size;
        let mut rows: Vec<Vec<(String, f32)>> = Vec::new(); // texts and their x
        if let Some(cc) = &imp.cc {
            // 抄送机关 run on under the first name after the colon (§7.4.2).
            let label = "抄送：";
            let label_w = self.book.width(role, label);
            let room = g.width - 2.0 * inset - label_w;
            for (i, part) in self.wrap(role, cc, room).into_iter().enumerate() {
                let line = if i == 0 {
                    (format!("{label}{part}"), g.left + inset)
                } else {
                    (part, g.left + inset + label_w)
                };
                self.parts.cc_lines.push(line.0.clone());
                rows.push(vec![line]);
            }
        }
        let letter = spec.letter.is_some();
        let printed = format!("{}印发", imp.printed);
        let printed_w = self.book.width(role, &printed);
        // §10.1: a letter's 版记 has no 印发机关, 印发日期 or rules.
        if !letter {
            rows.push(vec![
                (imp.printer.clone(), g.left + inset),
                (printed, g.right() - inset - printed_w),
            ]);
        }
        let need = rows.len() as u32;
        let mut unnumbered = Vec::new();
        let last = pages.len() - 1;
        let even = |i: usize| (i + 1).is_multiple_of(2);
        let target = if letter {
            // A letter's 版记: the foot of its last page, even or odd.
            if used + need <= g.lines {
                last
            } else {
                pages.push(Page::default());
                last + 1
            }
        } else if even(last) && used + need <= g.lines {
            last
        } else if !even(last) {
            pages.push(Page::default());
            last + 1
        } else {
            // An even page without room: a blank page, then the 版记 on the next even page.
            pages.push(Page::default());
            pages.push(Page::default());
            unnumbered.extend([last + 1, last + 2]);
            last + 2
        };
        let first = g.lines - need;
        let page = &mut pages[target];
        let outer = mm(spec.imprint_outer_rule_mm);
        let inner = mm(spec.imprint_inner_rule_mm);
        for (k, row) in rows.iter().enumerate() {
            let slot = first + k as u32;
            let top = g.top + slot as f32 * g.pitch;
            // A rule above the first row (0.35 mm) and above the 印发 row (0.25 mm).
            let thickness = if k == 0 {
                Some(outer)
            } else if k + 1 == rows.len() {
                Some(inner)
            } else {
                None
            };
            if let Some(thickness) = thickness.filter(|_| !letter) {
                page.rules.push(Rule {
                    x0: g.left,
                    x1: g.right(),
                    y: top + thickness / 2.0,
                    thickness,
                    color: BLACK,
                });
            }
            let baseline = self.baseline(slot, size);
            for (text, x) in row {
                let (t, atoms) = self.atoms(&[(role, text)], Origin::default());
                let part = self.part(TagKind::Paragraph);
                push_runs(
                    page,
                    RunLine {
                        text: &t,
                        atoms: &side_by_side(atoms, *x),
                        baseline,
                        color: BLACK,
                        tags: &[(0, part)],
                    },
                );
            }
        }
        if !letter {
            page.rules.push(Rule {
                x0: g.left,
                x1: g.right(),
                y: g.bottom() - outer / 2.0,
                thickness: outer,
                color: BLACK,
            });
        }
        (unnumbered, first)
    }
}

/// A seal's or a 签名章's alternative text, for a tagged PDF: whose it is.
fn seal_alt(sig: &Signature) -> String {
    match &sig.signer {
        Some(signer) => {
            let who = [signer.title.as_deref(), signer.name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<String>();
            format!("{who}签名章")
        }
        None => format!("{}印章", sig.organs.join("、")),
    }
}
