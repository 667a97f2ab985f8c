//! Paragraphs.

use super::properties::{Align, Indent, ParaProps, Spacing, Tab};
use super::run::{Content, Run};
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

    /// Parts off the paragraph's last `tail` characters of text into runs of their own (each
    /// with the properties of the run it came from), when its text ends with `tail` and nothing
    /// but text stands among them. Otherwise leaves the paragraph as it was.
    pub fn split_off_text(&mut self, tail: &str) -> Option<Vec<Run>> {
        let mut kept = self.runs.clone();
        let mut parted = Vec::new();
        let mut left = tail;
        while !left.is_empty() {
            let mut run = kept.pop()?;
            let [Content::Text(text)] = run.content.as_mut_slice() else {
                return None;
            };
            let shared = common_suffix(text, left);
            if shared == 0 || (shared < text.len() && shared < left.len()) {
                return None;
            }
            left = &left[..left.len() - shared];
            let part = text.split_off(text.len() - shared);
            if !text.is_empty() {
                kept.push(run.clone());
            }
            run.content = vec![Content::Text(part)];
            parted.insert(0, run);
        }
        self.runs = kept;
        Some(parted)
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

/// How many bytes at the end of `text` end `tail` too, the whole of the shorter one at most (on
/// character boundaries).
fn common_suffix(text: &str, tail: &str) -> usize {
    text.chars()
        .rev()
        .zip(tail.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum()
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

    fn texts(runs: &[Run]) -> Vec<&str> {
        runs.iter()
            .map(|r| match r.content.as_slice() {
                [Content::Text(t)] => t.as_str(),
                _ => "?",
            })
            .collect()
    }

    #[test]
    fn split_off_text_parts_the_last_characters_over_runs() {
        let mut p = Paragraph::styled("A")
            .run(Run::text("二、抓好安全。").style("H"))
            .run(Run::text("要排查整治，严防事故。"));
        let tail = p.split_off_text("整治，严防事故。").expect("parted");
        assert_eq!(texts(&tail), ["整治，严防事故。"]);
        assert_eq!(texts(&p.runs), ["二、抓好安全。", "要排查"]);

        // Over a run's edge: each part keeps its run's properties.
        let mut p = Paragraph::styled("A")
            .run(Run::text("二、抓好安全。").style("H"))
            .run(Run::text("要排查。"));
        let tail = p.split_off_text("安全。要排查。").expect("parted");
        assert_eq!(texts(&tail), ["安全。", "要排查。"]);
        assert_eq!(tail[0].props, p.runs[0].props);
        assert_eq!(texts(&p.runs), ["二、抓好"]);
    }

    #[test]
    fn split_off_text_leaves_a_paragraph_that_does_not_end_so() {
        let original = Paragraph::styled("A").run(Run::text("要排查整治。"));
        for tail in ["排查整治", "另一句话。要排查整治。", "x"] {
            let mut p = original.clone();
            assert_eq!(p.split_off_text(tail), None, "{tail}");
            assert_eq!(p, original);
        }
        let mut p = Paragraph::styled("A").run(Run::text("甲")).run(Run::tab());
        assert_eq!(p.split_off_text("甲"), None);
    }

    #[test]
    fn an_empty_paragraph_writes_no_properties() {
        assert!(xml_of(&Paragraph::default()).ends_with("<w:p></w:p>"));
    }
}
