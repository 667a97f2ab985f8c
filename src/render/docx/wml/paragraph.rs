//! Paragraphs.

use super::properties::{Align, Indent, ParaProps, Spacing, Tab};
use super::run::Run;
use crate::render::xml::Xml;

/// A paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub props: ParaProps,
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// An empty paragraph in a style.
    pub fn styled(id: &str) -> Paragraph {
        Paragraph {
            props: ParaProps {
                style: Some(id.to_string()),
                ..ParaProps::default()
            },
            runs: Vec::new(),
        }
    }

    /// A paragraph in a style holding one run of text.
    pub fn with_text(id: &str, text: impl Into<String>) -> Paragraph {
        Paragraph::styled(id).run(Run::text(text))
    }

    pub fn run(mut self, run: Run) -> Paragraph {
        self.runs.push(run);
        self
    }

    pub fn keep_next(mut self, on: bool) -> Paragraph {
        self.props.keep_next = on;
        self
    }

    pub fn keep_lines(mut self, on: bool) -> Paragraph {
        self.props.keep_lines = on;
        self
    }

    pub fn page_break_before(mut self, on: bool) -> Paragraph {
        self.props.page_break_before = on;
        self
    }

    pub fn align(mut self, align: Align) -> Paragraph {
        self.props.align = Some(align);
        self
    }

    pub fn indent(mut self, indent: Indent) -> Paragraph {
        self.props.indent = Some(indent);
        self
    }

    pub fn spacing(mut self, spacing: Spacing) -> Paragraph {
        self.props.spacing = Some(spacing);
        self
    }

    pub fn tab_stop(mut self, tab: Tab) -> Paragraph {
        self.props.tabs.push(tab);
        self
    }

    pub fn outline_level(mut self, level: u8) -> Paragraph {
        self.props.outline_level = Some(level);
        self
    }

    pub(super) fn write(&self, xml: &mut Xml) {
        xml.element("w:p", &[], |x| {
            if !self.props.is_empty() {
                self.props.write(x);
            }
            for r in &self.runs {
                r.write(x);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::docx::wml::Indent;

    fn xml_of(p: &Paragraph) -> String {
        let mut xml = Xml::new();
        p.write(&mut xml);
        String::from_utf8(xml.finish().unwrap()).unwrap()
    }

    #[test]
    fn paragraph_properties_come_in_schema_order() {
        let p = Paragraph::styled("A")
            .align(Align::Both)
            .indent(Indent {
                left: 1,
                ..Indent::default()
            })
            .spacing(Spacing::exact(579))
            .keep_next(true)
            .outline_level(0);
        let out = xml_of(&p);
        let order: Vec<usize> = [
            "w:pStyle",
            "w:keepNext",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:outlineLvl",
        ]
        .iter()
        .map(|name| out.find(&format!("<{name}")).unwrap())
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    }

    #[test]
    fn an_empty_paragraph_writes_no_properties() {
        assert!(xml_of(&Paragraph::default()).ends_with("<w:p></w:p>"));
    }
}
