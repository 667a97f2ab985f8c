//! Paragraph properties (`w:pPr`): alignment, spacing, indents, borders, tabs, frames.

use crate::render::xml::Xml;

/// Paragraph alignment (`w:jc`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
    Both,
    /// Justified, the last line too.
    Distribute,
}

impl Align {
    pub(super) fn val(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
            Align::Distribute => "distribute",
        }
    }
}

/// Space before and after a paragraph, and an exact line height.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spacing {
    pub before: Option<i32>,
    pub after: Option<i32>,
    pub exact_line: Option<i32>,
}

impl Spacing {
    /// Lines exactly `twips` high.
    pub fn exact(twips: i32) -> Spacing {
        Spacing {
            exact_line: Some(twips),
            ..Spacing::default()
        }
    }

    pub fn before(self, twips: i32) -> Spacing {
        Spacing {
            before: Some(twips),
            ..self
        }
    }

    pub fn after(self, twips: i32) -> Spacing {
        Spacing {
            after: Some(twips),
            ..self
        }
    }

    fn write(&self, xml: &mut Xml) {
        let before = self.before.map(|v| v.to_string());
        let after = self.after.map(|v| v.to_string());
        let line = self.exact_line.map(|v| v.to_string());
        let mut attrs = Vec::new();
        if let Some(v) = &before {
            attrs.push(("w:before", v.as_str()));
        }
        if let Some(v) = &after {
            attrs.push(("w:after", v.as_str()));
        }
        if let Some(v) = &line {
            attrs.push(("w:line", v.as_str()));
            attrs.push(("w:lineRule", "exact"));
        }
        xml.empty("w:spacing", &attrs);
    }
}

/// A paragraph's first line against its others (`w:firstLine` or `w:hanging`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FirstLine {
    /// The first line starts this much further in, or, with `chars` (hundredths of a grid
    /// character, which Word prefers), that many characters.
    Indent { twips: i32, chars: Option<u32> },
    /// The first line starts this much further out.
    Hanging(i32),
}

/// Indents from the block's edges.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Indent {
    pub left: i32,
    pub right: i32,
    pub first_line: Option<FirstLine>,
}

impl Indent {
    /// `left` and `right` from the block's edges, the first line as the others.
    pub fn sides(left: i32, right: i32) -> Indent {
        Indent {
            left,
            right,
            first_line: None,
        }
    }

    fn write(&self, xml: &mut Xml) {
        let (left, right) = (self.left.to_string(), self.right.to_string());
        let mut attrs = vec![("w:left", left.as_str()), ("w:right", right.as_str())];
        let (first, chars);
        match self.first_line {
            Some(FirstLine::Indent { twips, chars: c }) => {
                first = twips.to_string();
                attrs.push(("w:firstLine", &first));
                if let Some(c) = c {
                    chars = c.to_string();
                    attrs.push(("w:firstLineChars", &chars));
                }
            }
            Some(FirstLine::Hanging(twips)) => {
                first = twips.to_string();
                attrs.push(("w:hanging", &first));
            }
            None => {}
        }
        xml.empty("w:ind", &attrs);
    }
}

/// A border's line style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Line {
    Single,
    /// A thick line over a thin one.
    ThickThin,
    /// A thin line over a thick one.
    ThinThick,
}

/// A border: style, width in eighths of a point, space from the text in points, colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Border {
    pub line: Line,
    pub eighths: u32,
    pub space_pt: u32,
    pub color: String,
}

impl Border {
    pub(super) fn write(&self, xml: &mut Xml, side: &str) {
        let line = match self.line {
            Line::Single => "single",
            Line::ThickThin => "thickThinSmallGap",
            Line::ThinThick => "thinThickSmallGap",
        };
        let (size, space) = (self.eighths.to_string(), self.space_pt.to_string());
        xml.empty(
            side,
            &[
                ("w:val", line),
                ("w:sz", &size),
                ("w:space", &space),
                ("w:color", &self.color),
            ],
        );
    }
}

/// A tab stop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tab {
    Left(i32),
    Right(i32),
}

/// A frame placed on the page, taking no room in the flow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x: i32,
    pub y: i32,
    pub width: i32,
}

/// Paragraph properties (`w:pPr`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaProps {
    pub style: Option<String>,
    pub keep_next: bool,
    pub keep_lines: bool,
    pub page_break_before: bool,
    pub frame: Option<Frame>,
    pub widow_control: Option<bool>,
    pub top_border: Option<Border>,
    pub bottom_border: Option<Border>,
    pub tabs: Vec<Tab>,
    pub snap_to_grid: Option<bool>,
    pub spacing: Option<Spacing>,
    pub indent: Option<Indent>,
    pub align: Option<Align>,
    pub outline_level: Option<u8>,
}

fn on_off(on: bool) -> &'static str {
    if on { "1" } else { "0" }
}

impl ParaProps {
    pub(super) fn is_empty(&self) -> bool {
        *self == ParaProps::default()
    }

    pub(super) fn write(&self, xml: &mut Xml) {
        xml.element("w:pPr", &[], |x| {
            if let Some(s) = &self.style {
                x.val("w:pStyle", s);
            }
            for (on, name) in [
                (self.keep_next, "w:keepNext"),
                (self.keep_lines, "w:keepLines"),
                (self.page_break_before, "w:pageBreakBefore"),
            ] {
                if on {
                    x.empty(name, &[]);
                }
            }
            if let Some(f) = &self.frame {
                let (w, px, py) = (f.width.to_string(), f.x.to_string(), f.y.to_string());
                x.empty(
                    "w:framePr",
                    &[
                        ("w:w", &w),
                        ("w:wrap", "none"),
                        ("w:hAnchor", "page"),
                        ("w:vAnchor", "page"),
                        ("w:x", &px),
                        ("w:y", &py),
                    ],
                );
            }
            if let Some(on) = self.widow_control {
                x.val("w:widowControl", on_off(on));
            }
            if self.top_border.is_some() || self.bottom_border.is_some() {
                x.element("w:pBdr", &[], |x| {
                    if let Some(b) = &self.top_border {
                        b.write(x, "w:top");
                    }
                    if let Some(b) = &self.bottom_border {
                        b.write(x, "w:bottom");
                    }
                });
            }
            if !self.tabs.is_empty() {
                x.element("w:tabs", &[], |x| {
                    for tab in &self.tabs {
                        let (kind, pos) = match tab {
                            Tab::Left(p) => ("left", p.to_string()),
                            Tab::Right(p) => ("right", p.to_string()),
                        };
                        x.empty("w:tab", &[("w:val", kind), ("w:pos", &pos)]);
                    }
                });
            }
            if let Some(on) = self.snap_to_grid {
                x.val("w:snapToGrid", on_off(on));
            }
            if let Some(s) = &self.spacing {
                s.write(x);
            }
            if let Some(i) = &self.indent {
                i.write(x);
            }
            if let Some(a) = self.align {
                x.val("w:jc", a.val());
            }
            if let Some(level) = self.outline_level {
                x.val("w:outlineLvl", &level.to_string());
            }
        });
    }
}
