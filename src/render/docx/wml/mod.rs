//! WordprocessingML, typed: the paragraphs, runs, tables and styles the DOCX writer uses, each
//! writing its children in the order ECMA-376 Part 1 (§17) gives them, so Word never finds an
//! element out of place. Lengths are twips unless a name says otherwise.

mod paragraph;
mod properties;
mod run;
mod style;
mod table;

pub use paragraph::Paragraph;
pub use properties::{Align, Border, FirstLine, Frame, Indent, Line, Spacing, Tab};
pub use run::{Picture, Run, RunProps, image_rel_id};
pub use style::{Style, StyleKind, write_run_defaults};
pub use table::{Cell, Row, Table, TableBorders};

use crate::render::xml::Xml;

/// What the body holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// The body's content, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub blocks: Vec<Block>,
}

impl Body {
    pub fn push(&mut self, p: Paragraph) {
        self.blocks.push(Block::Paragraph(p));
    }

    pub fn push_table(&mut self, t: Table) {
        self.blocks.push(Block::Table(t));
    }

    /// The last paragraph so far, if the body ends on one.
    pub fn last_paragraph(&mut self) -> Option<&mut Paragraph> {
        match self.blocks.last_mut() {
            Some(Block::Paragraph(p)) => Some(p),
            _ => None,
        }
    }

    /// The blocks, as a body or a table cell has them.
    pub fn write(&self, xml: &mut Xml) {
        for b in &self.blocks {
            match b {
                Block::Paragraph(p) => p.write(xml),
                Block::Table(t) => t.write(xml),
            }
        }
    }
}

/// Paragraphs of a header or footer.
pub fn write_paragraphs(xml: &mut Xml, paragraphs: &[Paragraph]) {
    for p in paragraphs {
        p.write(xml);
    }
}
