//! Styles of the style sheet.

use super::properties::ParaProps;
use super::run::RunProps;
use crate::render::xml::Xml;

/// What a style applies to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StyleKind {
    Paragraph,
    Character,
    Table,
}

/// A style of the style sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub id: String,
    pub kind: StyleKind,
    pub name: String,
    pub based_on: Option<String>,
    pub next: Option<String>,
    /// The default style of its kind.
    pub default: bool,
    pub para: ParaProps,
    pub run: RunProps,
}

impl Style {
    pub fn new(id: &str, kind: StyleKind, name: &str) -> Style {
        Style {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            based_on: None,
            next: None,
            default: false,
            para: ParaProps::default(),
            run: RunProps::default(),
        }
    }

    pub fn write(&self, xml: &mut Xml) {
        let kind = match self.kind {
            StyleKind::Paragraph => "paragraph",
            StyleKind::Character => "character",
            StyleKind::Table => "table",
        };
        let mut attrs = vec![("w:type", kind), ("w:styleId", self.id.as_str())];
        if self.default {
            attrs.push(("w:default", "1"));
        }
        xml.element("w:style", &attrs, |x| {
            x.val("w:name", &self.name);
            if let Some(b) = &self.based_on {
                x.val("w:basedOn", b);
            }
            if let Some(n) = &self.next {
                x.val("w:next", n);
            }
            if self.kind != StyleKind::Table {
                x.empty("w:qFormat", &[]);
            }
            if !self.para.is_empty() {
                self.para.write(x);
            }
            self.run.write(x);
        });
    }
}

/// The run properties of the document's defaults, with its East Asian language.
pub fn write_run_defaults(xml: &mut Xml, run: &RunProps, east_asia: &str) {
    xml.element("w:rPr", &[], |x| {
        run.write_inner(x);
        x.empty("w:lang", &[("w:val", "en-US"), ("w:eastAsia", east_asia)]);
    });
}
