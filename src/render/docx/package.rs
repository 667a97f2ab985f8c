//! The DOCX package (ECMA-376 Part 2): every part written with the XML writer, zipped with the
//! `zip` crate in a fixed order and with fixed dates, so the same document gives the same bytes.

use super::wml::{Body, Paragraph, image_rel_id, write_paragraphs};
use crate::error::Error;
use crate::render::xml::Xml;

/// The main WordprocessingML namespace.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const REL_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const MAIN_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

/// The page set-up of the one section (§5: A4, the margins, the grid).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Section {
    pub width: i32,
    pub height: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub left: i32,
    pub header: i32,
    pub footer: i32,
    /// Word's character grid: the line pitch in twips and the cell's width over the body size
    /// in 4096ths of a point.
    pub line_pitch: i32,
    pub char_space: i32,
}

/// Settings: different odd and even footers, the default tab stop, no punctuation compression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub default_tab: i32,
}

/// Core and custom properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Properties {
    pub title: String,
    pub author: String,
    /// ISO 8601, or none.
    pub date: Option<String>,
    /// Custom properties (name, text), for `gongwen import` to read back.
    pub custom: Vec<(String, String)>,
}

/// A font of the font table: its name and the name to try where it is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct TableFont {
    pub name: String,
    pub alt: Option<String>,
}

/// Everything the package holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub body: Body,
    pub section: Section,
    pub settings: Settings,
    /// The styles part, written by the style sheet.
    pub styles: Vec<u8>,
    pub fonts: Vec<TableFont>,
    /// Footers: odd (and the default), even, and the first page's if it differs.
    pub odd_footer: Vec<Paragraph>,
    pub even_footer: Vec<Paragraph>,
    pub first_footer: Option<Vec<Paragraph>>,
    /// PNG images, by the index a picture names.
    pub images: Vec<Vec<u8>>,
    /// A draft's watermark, in headers of its own on every page.
    pub watermark: Option<super::watermark::WatermarkShape>,
    pub properties: Properties,
}

impl Package {
    /// The zipped package.
    pub fn write(&self) -> Result<Vec<u8>, Error> {
        let mut parts: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), self.content_types()?),
            ("_rels/.rels".into(), package_rels()?),
            ("docProps/core.xml".into(), core(&self.properties)?),
            ("docProps/app.xml".into(), app()?),
            ("docProps/custom.xml".into(), custom(&self.properties)?),
            ("word/_rels/document.xml.rels".into(), self.document_rels()?),
            ("word/document.xml".into(), self.document()?),
            ("word/styles.xml".into(), self.styles.clone()),
            ("word/settings.xml".into(), settings(&self.settings)?),
            ("word/fontTable.xml".into(), font_table(&self.fonts)?),
            ("word/theme/theme1.xml".into(), THEME.as_bytes().to_vec()),
        ];
        for (name, paragraphs) in self.footers() {
            parts.push((format!("word/{name}"), footer(paragraphs)?));
        }
        if let Some(shape) = &self.watermark {
            for (i, name) in self.headers().into_iter().enumerate() {
                parts.push((
                    format!("word/{name}"),
                    super::watermark::header(shape, i + 1)?,
                ));
            }
        }
        for (i, png) in self.images.iter().enumerate() {
            parts.push((format!("word/media/image{}.png", i + 1), png.clone()));
        }
        crate::render::zip_parts(&parts).map_err(Error::Docx)
    }

    /// The footer parts: file name and paragraphs, with the relationship id and type each has.
    fn footers(&self) -> Vec<(String, &[Paragraph])> {
        let mut all = vec![
            ("footer1.xml".to_string(), self.odd_footer.as_slice()),
            ("footer2.xml".to_string(), self.even_footer.as_slice()),
        ];
        if let Some(first) = &self.first_footer {
            all.push(("footer3.xml".to_string(), first.as_slice()));
        }
        all
    }

    /// The header parts (a watermark's), one for each footer: default, even, first.
    fn headers(&self) -> Vec<String> {
        match self.watermark {
            Some(_) => (1..=self.footers().len())
                .map(|i| format!("header{i}.xml"))
                .collect(),
            None => Vec::new(),
        }
    }

    fn content_types(&self) -> Result<Vec<u8>, Error> {
        let types = "http://schemas.openxmlformats.org/package/2006/content-types";
        let mut overrides = vec![
            (
                "/word/document.xml".to_string(),
                format!("{MAIN_TYPE}document.main+xml"),
            ),
            ("/word/styles.xml".into(), format!("{MAIN_TYPE}styles+xml")),
            (
                "/word/settings.xml".into(),
                format!("{MAIN_TYPE}settings+xml"),
            ),
            (
                "/word/fontTable.xml".into(),
                format!("{MAIN_TYPE}fontTable+xml"),
            ),
            (
                "/word/theme/theme1.xml".into(),
                "application/vnd.openxmlformats-officedocument.theme+xml".into(),
            ),
            (
                "/docProps/core.xml".into(),
                "application/vnd.openxmlformats-package.core-properties+xml".into(),
            ),
            (
                "/docProps/app.xml".into(),
                "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
            ),
            (
                "/docProps/custom.xml".into(),
                "application/vnd.openxmlformats-officedocument.custom-properties+xml".into(),
            ),
        ];
        for (name, _) in self.footers() {
            overrides.push((format!("/word/{name}"), format!("{MAIN_TYPE}footer+xml")));
        }
        for name in self.headers() {
            overrides.push((format!("/word/{name}"), format!("{MAIN_TYPE}header+xml")));
        }
        let mut xml = Xml::new();
        xml.element("Types", &[("xmlns", types)], |x| {
            let rels = "application/vnd.openxmlformats-package.relationships+xml";
            x.empty("Default", &[("Extension", "rels"), ("ContentType", rels)]);
            x.empty(
                "Default",
                &[("Extension", "xml"), ("ContentType", "application/xml")],
            );
            x.empty(
                "Default",
                &[("Extension", "png"), ("ContentType", "image/png")],
            );
            for (part, kind) in &overrides {
                x.empty("Override", &[("PartName", part), ("ContentType", kind)]);
            }
        });
        xml.finish()
    }

    fn document_rels(&self) -> Result<Vec<u8>, Error> {
        let mut rels = vec![
            ("rIdStyles".to_string(), "styles", "styles.xml".to_string()),
            ("rIdSettings".into(), "settings", "settings.xml".into()),
            ("rIdFontTable".into(), "fontTable", "fontTable.xml".into()),
            ("rIdTheme".into(), "theme", "theme/theme1.xml".into()),
        ];
        for (i, (name, _)) in self.footers().into_iter().enumerate() {
            rels.push((footer_rel_id(i), "footer", name));
        }
        for (i, name) in self.headers().into_iter().enumerate() {
            rels.push((format!("rIdHeader{}", i + 1), "header", name));
        }
        for i in 0..self.images.len() {
            rels.push((
                image_rel_id(i),
                "image",
                format!("media/image{}.png", i + 1),
            ));
        }
        relationships(&rels)
    }

    fn document(&self) -> Result<Vec<u8>, Error> {
        let mut xml = Xml::new();
        let namespaces = [("xmlns:w", W_NS), ("xmlns:r", R_NS), ("xmlns:wp", WP_NS)];
        xml.element("w:document", &namespaces, |x| {
            x.element("w:body", &[], |x| {
                self.body.write(x);
                self.write_section(x);
            });
        });
        xml.finish()
    }

    fn write_section(&self, x: &mut Xml) {
        let s = &self.section;
        let n = |v: i32| v.to_string();
        x.element("w:sectPr", &[], |x| {
            let kinds = ["default", "even", "first"];
            for (i, kind) in kinds.iter().take(self.headers().len()).enumerate() {
                let id = format!("rIdHeader{}", i + 1);
                x.empty("w:headerReference", &[("w:type", kind), ("r:id", &id)]);
            }
            for (i, _) in self.footers().iter().enumerate() {
                let id = footer_rel_id(i);
                x.empty("w:footerReference", &[("w:type", kinds[i]), ("r:id", &id)]);
            }
            x.empty("w:pgSz", &[("w:w", &n(s.width)), ("w:h", &n(s.height))]);
            x.empty(
                "w:pgMar",
                &[
                    ("w:top", &n(s.top)),
                    ("w:right", &n(s.right)),
                    ("w:bottom", &n(s.bottom)),
                    ("w:left", &n(s.left)),
                    ("w:header", &n(s.header)),
                    ("w:footer", &n(s.footer)),
                    ("w:gutter", "0"),
                ],
            );
            x.empty("w:cols", &[("w:space", "425"), ("w:num", "1")]);
            if self.first_footer.is_some() {
                x.empty("w:titlePg", &[]);
            }
            x.empty(
                "w:docGrid",
                &[
                    ("w:type", "snapToChars"),
                    ("w:linePitch", &n(s.line_pitch)),
                    ("w:charSpace", &n(s.char_space)),
                ],
            );
        });
    }
}

fn footer_rel_id(index: usize) -> String {
    format!("rIdFooter{}", index + 1)
}

fn relationships(rels: &[(String, &str, String)]) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    xml.element("Relationships", &[("xmlns", PACKAGE_RELS)], |x| {
        for (id, kind, target) in rels {
            let kind = format!("{REL_TYPE}{kind}");
            x.empty(
                "Relationship",
                &[("Id", id), ("Type", &kind), ("Target", target)],
            );
        }
    });
    xml.finish()
}

fn package_rels() -> Result<Vec<u8>, Error> {
    let core =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    let mut xml = Xml::new();
    xml.element("Relationships", &[("xmlns", PACKAGE_RELS)], |x| {
        let document = format!("{REL_TYPE}officeDocument");
        let app = format!("{REL_TYPE}extended-properties");
        let custom = format!("{REL_TYPE}custom-properties");
        for (id, kind, target) in [
            ("rIdDocument", document.as_str(), "word/document.xml"),
            ("rIdCore", core, "docProps/core.xml"),
            ("rIdApp", app.as_str(), "docProps/app.xml"),
            ("rIdCustom", custom.as_str(), "docProps/custom.xml"),
        ] {
            x.empty(
                "Relationship",
                &[("Id", id), ("Type", kind), ("Target", target)],
            );
        }
    });
    xml.finish()
}

fn core(p: &Properties) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    let namespaces = [
        (
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        ),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ];
    xml.element("cp:coreProperties", &namespaces, |x| {
        x.text("dc:title", &[], &p.title);
        x.text("dc:creator", &[], &p.author);
        x.text("dc:language", &[], "zh-CN");
        if let Some(date) = &p.date {
            let w3c = [("xsi:type", "dcterms:W3CDTF")];
            x.text("dcterms:created", &w3c, date);
            x.text("dcterms:modified", &w3c, date);
        }
    });
    xml.finish()
}

fn app() -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    let ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    xml.element("Properties", &[("xmlns", ns)], |x| {
        x.text("Application", &[], "gongwen");
    });
    xml.finish()
}

fn custom(p: &Properties) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    let namespaces = [
        (
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
        ),
        (
            "xmlns:vt",
            "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
        ),
    ];
    xml.element("Properties", &namespaces, |x| {
        for (i, (name, text)) in p.custom.iter().enumerate() {
            // Property ids start at 2; the format id is the one for user-defined properties.
            let pid = (i + 2).to_string();
            let attrs = [
                ("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"),
                ("pid", pid.as_str()),
                ("name", name.as_str()),
            ];
            x.element("property", &attrs, |x| x.text("vt:lpwstr", &[], text));
        }
    });
    xml.finish()
}

fn settings(s: &Settings) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    xml.element("w:settings", &[("xmlns:w", W_NS)], |x| {
        x.empty("w:zoom", &[("w:percent", "100")]);
        x.val("w:defaultTabStop", &s.default_tab.to_string());
        x.empty("w:evenAndOddHeaders", &[]);
        // Every character on the grid: no punctuation compression (标点挤压).
        x.val("w:characterSpacingControl", "doNotCompress");
        // East Asian layout as Word 2013 and later do it.
        x.element("w:compat", &[], |x| {
            for flag in [
                "w:spaceForUL",
                "w:balanceSingleByteDoubleByteWidth",
                "w:doNotLeaveBackslashAlone",
                "w:ulTrailSpace",
                "w:doNotExpandShiftReturn",
                "w:useFELayout",
            ] {
                x.empty(flag, &[]);
            }
            let word = "http://schemas.microsoft.com/office/word";
            for (name, val) in [
                ("compatibilityMode", "15"),
                ("overrideTableStyleFontSizeAndJustification", "1"),
                ("enableOpenTypeFeatures", "1"),
                ("doNotFlipMirrorIndents", "1"),
                ("differentiateMultirowTableHeaders", "1"),
                ("useWord2013TrackBottomHyphenation", "0"),
            ] {
                x.empty(
                    "w:compatSetting",
                    &[("w:name", name), ("w:uri", word), ("w:val", val)],
                );
            }
        });
    });
    xml.finish()
}

/// The font table: each font the document names, with its fallback and a GB2312 charset hint
/// (w:charset 86) so Word substitutes a Chinese face where the font is missing.
fn font_table(fonts: &[TableFont]) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    xml.element("w:fonts", &[("xmlns:w", W_NS)], |x| {
        for f in fonts {
            x.element("w:font", &[("w:name", &f.name)], |x| {
                if let Some(alt) = &f.alt {
                    x.val("w:altName", alt);
                }
                x.val("w:charset", "86");
                x.val("w:family", "roman");
                x.val("w:pitch", "variable");
            });
        }
    });
    xml.finish()
}

fn footer(paragraphs: &[Paragraph]) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    xml.element("w:ftr", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)], |x| {
        write_paragraphs(x, paragraphs);
    });
    xml.finish()
}

/// A plain Office theme (Word requires one): black on white, the fonts the styles name (the
/// styles set every run's fonts, so these only stand in for a run that names none).
const THEME: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="gongwen"><a:themeElements><a:clrScheme name="gongwen"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="000000"/></a:dk2><a:lt2><a:srgbClr val="FFFFFF"/></a:lt2><a:accent1><a:srgbClr val="E60012"/></a:accent1><a:accent2><a:srgbClr val="000000"/></a:accent2><a:accent3><a:srgbClr val="000000"/></a:accent3><a:accent4><a:srgbClr val="000000"/></a:accent4><a:accent5><a:srgbClr val="000000"/></a:accent5><a:accent6><a:srgbClr val="000000"/></a:accent6><a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme><a:fontScheme name="gongwen"><a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="gongwen"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#;
