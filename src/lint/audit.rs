//! The page audit: what a reviewer looks for on the printed pages, found in the layout `render`
//! makes (no file written). Each finding has the source place of the entry it comes from and
//! its page, and says what would mend it.

use super::{Finding, Level};
use crate::Laid;
use crate::layout::LineMark;

/// Punctuation that rides with a lone character ("位。" is one character on its line).
fn is_mark(c: char) -> bool {
    "，。、；：？！”’）》」』】〕…—·,.;:?!)".contains(c)
}

fn finding(mark: &LineMark, page: usize, rule: &'static str, message: String) -> Finding {
    Finding {
        line: mark.origin.line.max(1),
        column: mark.origin.column.max(1),
        level: Level::Warning,
        rule,
        message,
        fix: None,
        page: Some(page + 1),
    }
}

/// Audits the laid-out pages.
pub fn audit(laid: &Laid) -> Vec<Finding> {
    let layout = &laid.layout;
    let per_page = layout.geometry.lines;
    let mut out = Vec::new();
    for (p, page) in layout.pages.iter().enumerate() {
        for mark in &page.lines {
            let text = mark.text.trim();
            let letters = text.chars().filter(|c| !is_mark(*c)).count();
            if mark.last && !mark.first && letters == 1 {
                out.push(finding(
                    mark,
                    p,
                    "lone-char",
                    format!(
                        "孤字: the paragraph's last line holds only \"{text}\" (page {}); cut or add a few characters so it ends on the line above or runs further",
                        p + 1
                    ),
                ));
            }
            if mark.last && !mark.first && mark.slot == 0 && p > 0 {
                out.push(finding(
                    mark,
                    p,
                    "widow-line",
                    format!(
                        "the paragraph's last line \"{text}\" stands alone at the top of page {}; cut a few characters from the paragraph, or add some to pull another line over",
                        p + 1
                    ),
                ));
            }
            if mark.heading && mark.slot + 1 == per_page {
                out.push(finding(
                    mark,
                    p,
                    "heading-at-foot",
                    format!("the heading \"{text}\" is the last line of page {}; its text starts on the next", p + 1),
                ));
            }
            if mark.spread {
                out.push(finding(
                    mark,
                    p,
                    "spread-line",
                    format!(
                        "line breaking's last resort: a character was pushed to the next line and \"{text}\" spread off the grid (page {}); rewording a few characters here sets it on the grid",
                        p + 1
                    ),
                ));
            }
        }
        let signature_only = !page.lines.is_empty() && page.lines.iter().all(|m| m.signature);
        if signature_only {
            out.push(finding(
                &page.lines[0],
                p,
                "signature-alone",
                format!("page {} holds only the 署名 block (§7.3.5): tighten the text above so it goes with it", p + 1),
            ));
        }
    }
    let place = |o: crate::model::Origin| (o.line.max(1), o.column.max(1));
    for &(c, origin, face) in &layout.fallback {
        let (line, column) = place(origin);
        let name = laid
            .book
            .faces
            .get(face)
            .map_or("?", |f| f.declared_family.as_str());
        out.push(Finding {
            line,
            column,
            level: Level::Warning,
            rule: "fallback-font",
            message: format!(
                "'{c}' (U+{:04X}) is not in its role's font: set in {name}, which may not match; a font with it (--font-path) sets it alike",
                c as u32
            ),
            fix: None,
            page: None,
        });
    }
    for &(c, origin) in &layout.missing {
        let (line, column) = place(origin);
        out.push(Finding {
            line,
            column,
            level: Level::Warning,
            rule: "no-font",
            message: format!("no font has '{c}' (U+{:04X}): it prints as a box", c as u32),
            fix: None,
            page: None,
        });
    }
    // A 信函's 版记 is 抄送 alone at the foot of its last page (§10.1), odd or even.
    let letter = laid
        .template
        .notice
        .as_ref()
        .is_some_and(|n| n.letter.is_some());
    if laid.doc.imprint.is_some() && !letter && layout.pages.len() % 2 == 1 {
        out.push(Finding {
            line: 1,
            column: 1,
            level: Level::Warning,
            rule: "imprint-odd-page",
            message: format!(
                "the 版记 is on page {}, an odd page; §7.4 puts it on the last, even page",
                layout.pages.len()
            ),
            fix: None,
            page: Some(layout.pages.len()),
        });
    }
    out
}
