//! Tables: properties, grid, rows and cells.

use super::paragraph::Paragraph;
use super::properties::{Align, Border};
use crate::render::xml::Xml;

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub width: Option<i32>,
    pub v_center: bool,
    pub paragraphs: Vec<Paragraph>,
}

impl Cell {
    fn write(&self, xml: &mut Xml) {
        xml.element("w:tc", &[], |x| {
            if self.width.is_some() || self.v_center {
                x.element("w:tcPr", &[], |x| {
                    if let Some(w) = self.width {
                        x.empty("w:tcW", &[("w:w", &w.to_string()), ("w:type", "dxa")]);
                    }
                    if self.v_center {
                        x.val("w:vAlign", "center");
                    }
                });
            }
            // A cell holds at least one paragraph.
            if self.paragraphs.is_empty() {
                Paragraph::default().write(x);
            }
            for p in &self.paragraphs {
                p.write(x);
            }
        });
    }
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cant_split: bool,
    pub exact_height: Option<i32>,
    /// Repeated at the top of each page the table runs onto.
    pub header: bool,
    pub cells: Vec<Cell>,
}

impl Row {
    fn write(&self, xml: &mut Xml) {
        xml.element("w:tr", &[], |x| {
            if self.cant_split || self.exact_height.is_some() || self.header {
                x.element("w:trPr", &[], |x| {
                    if self.cant_split {
                        x.empty("w:cantSplit", &[]);
                    }
                    if let Some(h) = self.exact_height {
                        x.empty(
                            "w:trHeight",
                            &[("w:val", &h.to_string()), ("w:hRule", "exact")],
                        );
                    }
                    if self.header {
                        x.empty("w:tblHeader", &[]);
                    }
                });
            }
            for c in &self.cells {
                c.write(x);
            }
        });
    }
}

/// A table's borders; `None` draws none (no table style here sets any).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableBorders {
    pub top: Option<Border>,
    pub left: Option<Border>,
    pub bottom: Option<Border>,
    pub right: Option<Border>,
    pub inside_h: Option<Border>,
    pub inside_v: Option<Border>,
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub style: Option<String>,
    /// The table's width; `None`: as its columns.
    pub width: Option<i32>,
    pub align: Option<Align>,
    pub indent: Option<i32>,
    pub borders: TableBorders,
    /// Left and right cell margins (top and bottom are none).
    pub cell_margins: (i32, i32),
    pub columns: Vec<i32>,
    pub rows: Vec<Row>,
}

impl Table {
    pub(super) fn write(&self, xml: &mut Xml) {
        xml.element("w:tbl", &[], |x| {
            x.element("w:tblPr", &[], |x| self.write_props(x));
            x.element("w:tblGrid", &[], |x| {
                for w in &self.columns {
                    x.empty("w:gridCol", &[("w:w", &w.to_string())]);
                }
            });
            for r in &self.rows {
                r.write(x);
            }
        });
    }

    fn write_props(&self, x: &mut Xml) {
        let dxa = |x: &mut Xml, name: &str, w: i32| {
            x.empty(name, &[("w:w", &w.to_string()), ("w:type", "dxa")]);
        };
        if let Some(s) = &self.style {
            x.val("w:tblStyle", s);
        }
        match self.width {
            Some(w) => dxa(x, "w:tblW", w),
            None => x.empty("w:tblW", &[("w:w", "0"), ("w:type", "auto")]),
        }
        if let Some(a) = self.align {
            x.val("w:jc", a.val());
        }
        if let Some(i) = self.indent {
            dxa(x, "w:tblInd", i);
        }
        let b = &self.borders;
        let sides = [
            ("w:top", &b.top),
            ("w:left", &b.left),
            ("w:bottom", &b.bottom),
            ("w:right", &b.right),
            ("w:insideH", &b.inside_h),
            ("w:insideV", &b.inside_v),
        ];
        if sides.iter().any(|(_, border)| border.is_some()) {
            x.element("w:tblBorders", &[], |x| {
                for (side, border) in sides {
                    if let Some(border) = border {
                        border.write(x, side);
                    }
                }
            });
        }
        x.element("w:tblCellMar", &[], |x| {
            dxa(x, "w:top", 0);
            dxa(x, "w:left", self.cell_margins.0);
            dxa(x, "w:bottom", 0);
            dxa(x, "w:right", self.cell_margins.1);
        });
    }
}
