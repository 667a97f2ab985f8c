//! Runs: their properties (`w:rPr`) and what they hold (text, tabs, the PAGE field, pictures).

use crate::render::xml::Xml;

/// Run properties (`w:rPr`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunProps {
    pub style: Option<String>,
    /// One family for every script.
    pub font: Option<String>,
    pub bold: bool,
    /// RGB in hex.
    pub color: Option<String>,
    /// Added to each character's advance, in twentieths of a point (negative: narrower).
    pub spacing: Option<i32>,
    /// Horizontal scale in per cent.
    pub scale: Option<u32>,
    pub half_points: Option<usize>,
}

impl RunProps {
    fn is_empty(&self) -> bool {
        *self == RunProps::default()
    }

    /// The properties' elements, without the `w:rPr` around them.
    pub(super) fn write_inner(&self, x: &mut Xml) {
        if let Some(s) = &self.style {
            x.val("w:rStyle", s);
        }
        if let Some(f) = &self.font {
            x.empty(
                "w:rFonts",
                &[
                    ("w:ascii", f),
                    ("w:eastAsia", f),
                    ("w:hAnsi", f),
                    ("w:cs", f),
                ],
            );
        }
        if self.bold {
            x.empty("w:b", &[]);
            x.empty("w:bCs", &[]);
        }
        if let Some(c) = &self.color {
            x.val("w:color", c);
        }
        if let Some(s) = self.spacing {
            x.val("w:spacing", &s.to_string());
        }
        if let Some(w) = self.scale {
            x.val("w:w", &w.to_string());
        }
        if let Some(size) = self.half_points {
            let size = size.to_string();
            x.val("w:sz", &size);
            x.val("w:szCs", &size);
        }
    }

    pub(super) fn write(&self, xml: &mut Xml) {
        if !self.is_empty() {
            xml.element("w:rPr", &[], |x| self.write_inner(x));
        }
    }
}

/// A picture floating over the text, placed from the block's left edge and its paragraph's top
/// (a seal over the 署名), in EMUs; `image` is its index among the document's images.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picture {
    pub image: usize,
    pub width: u32,
    pub height: u32,
    pub x: i32,
    pub y: i32,
}

impl Picture {
    fn write(&self, xml: &mut Xml) {
        const DRAWING: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
        const PICTURE: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
        let (cx, cy) = (self.width.to_string(), self.height.to_string());
        let (px, py) = (self.x.to_string(), self.y.to_string());
        let id = (self.image + 1).to_string();
        let rel = image_rel_id(self.image);
        let zero = "0";
        xml.element("w:drawing", &[], |x| {
            let anchor = [
                ("distT", zero),
                ("distB", zero),
                ("distL", zero),
                ("distR", zero),
                ("simplePos", zero),
                ("relativeHeight", "190500"),
                ("behindDoc", zero),
                ("locked", zero),
                ("layoutInCell", zero),
                ("allowOverlap", "0"),
            ];
            x.element("wp:anchor", &anchor, |x| {
                x.empty("wp:simplePos", &[("x", zero), ("y", zero)]);
                x.element("wp:positionH", &[("relativeFrom", "margin")], |x| {
                    x.text("wp:posOffset", &[], &px)
                });
                x.element("wp:positionV", &[("relativeFrom", "paragraph")], |x| {
                    x.text("wp:posOffset", &[], &py)
                });
                x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)]);
                x.empty(
                    "wp:effectExtent",
                    &[("l", zero), ("t", zero), ("r", zero), ("b", zero)],
                );
                x.empty("wp:wrapNone", &[]);
                x.empty("wp:docPr", &[("id", &id), ("name", "Seal")]);
                x.element("wp:cNvGraphicFramePr", &[], |x| {
                    x.empty(
                        "a:graphicFrameLocks",
                        &[("xmlns:a", DRAWING), ("noChangeAspect", "1")],
                    )
                });
                x.element("a:graphic", &[("xmlns:a", DRAWING)], |x| {
                    x.element("a:graphicData", &[("uri", PICTURE)], |x| {
                        x.element("pic:pic", &[("xmlns:pic", PICTURE)], |x| {
                            x.element("pic:nvPicPr", &[], |x| {
                                x.empty("pic:cNvPr", &[("id", zero), ("name", "")]);
                                x.element("pic:cNvPicPr", &[], |x| {
                                    x.empty("a:picLocks", &[("noChangeAspect", "1")])
                                });
                            });
                            x.element("pic:blipFill", &[], |x| {
                                x.empty("a:blip", &[("r:embed", &rel)]);
                                x.element("a:stretch", &[], |x| x.empty("a:fillRect", &[]));
                            });
                            x.element("pic:spPr", &[], |x| {
                                x.element("a:xfrm", &[], |x| {
                                    x.empty("a:off", &[("x", zero), ("y", zero)]);
                                    x.empty("a:ext", &[("cx", &cx), ("cy", &cy)]);
                                });
                                x.element("a:prstGeom", &[("prst", "rect")], |x| {
                                    x.empty("a:avLst", &[])
                                });
                            });
                        });
                    });
                });
            });
        });
    }
}

/// The relationship id of the document's `index`-th image.
pub fn image_rel_id(index: usize) -> String {
    format!("rIdImage{}", index + 1)
}

/// What a run holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    Tab,
    /// A line break within the paragraph.
    Break,
    /// The PAGE field: the page's number.
    PageNumber,
    Picture(Picture),
}

/// A run: text (or a tab, a field, a picture) in one set of properties.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    pub props: RunProps,
    pub content: Vec<Content>,
}

impl Run {
    pub fn text(text: impl Into<String>) -> Run {
        Run {
            content: vec![Content::Text(text.into())],
            ..Run::default()
        }
    }

    pub fn tab() -> Run {
        Run {
            content: vec![Content::Tab],
            ..Run::default()
        }
    }

    pub fn line_break() -> Run {
        Run {
            content: vec![Content::Break],
            ..Run::default()
        }
    }

    pub fn page_number() -> Run {
        Run {
            content: vec![Content::PageNumber],
            ..Run::default()
        }
    }

    pub fn picture(picture: Picture) -> Run {
        Run {
            content: vec![Content::Picture(picture)],
            ..Run::default()
        }
    }

    pub fn style(mut self, id: &str) -> Run {
        self.props.style = Some(id.to_string());
        self
    }

    pub fn font(mut self, family: &str) -> Run {
        self.props.font = Some(family.to_string());
        self
    }

    pub fn half_points(mut self, size: usize) -> Run {
        self.props.half_points = Some(size);
        self
    }

    pub(super) fn write(&self, xml: &mut Xml) {
        xml.element("w:r", &[], |x| {
            self.props.write(x);
            for c in &self.content {
                match c {
                    Content::Text(t) => x.text("w:t", &[("xml:space", "preserve")], t),
                    Content::Tab => x.empty("w:tab", &[]),
                    Content::Break => x.empty("w:br", &[]),
                    Content::PageNumber => {
                        x.empty("w:fldChar", &[("w:fldCharType", "begin")]);
                        x.text("w:instrText", &[], "PAGE");
                        x.empty("w:fldChar", &[("w:fldCharType", "separate")]);
                        x.text("w:t", &[], "1");
                        x.empty("w:fldChar", &[("w:fldCharType", "end")]);
                    }
                    Content::Picture(p) => p.write(x),
                }
            }
        });
    }
}
