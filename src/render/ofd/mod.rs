//! The OFD backend (GB/T 33190-2016, 开放版式文档): draws a [`Layout`] as an OFD package, the
//! format China's electronic 公文 are exchanged and archived in. Like the PDF backend it decides
//! nothing: every glyph, rule and seal stands where the layout put it.
//!
//! The package: `OFD.xml` (the entry: document information, the root), `Doc_0/Document.xml`
//! (page area, pages, outlines), `Doc_0/PublicRes.xml` (fonts, subset to the characters used,
//! `cmap` kept so that every reader maps `TextCode` to its glyphs), `Doc_0/DocumentRes.xml`
//! (the seals' images) and `Doc_0/Pages/Page_N/Content.xml` (text, paths, images). Units are
//! millimetres, from the page's top left.

mod content;
mod fonts;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::error::Error;
use crate::fonts::{FaceId, FontBook};
use crate::layout::{Layout, OutlineEntry};
use crate::render::xml::Xml;

/// The OFD namespace.
const OFD_NS: &str = "http://www.ofdspec.org/2016";

/// Millimetres in a point.
const MM_PER_PT: f32 = 25.4 / 72.0;

/// A length in points as OFD writes it: millimetres, three decimals (a micrometre), no trailing
/// zeros.
fn mm(points: f32) -> String {
    let text = format!("{:.3}", points * MM_PER_PT);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_string(),
        other => other.to_string(),
    }
}

/// Attribute pairs borrowed from owned values.
fn pairs<'a>(attrs: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    attrs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Unit ids, numbered in the order the package names them.
#[derive(Default)]
struct Ids {
    last: u32,
}

impl Ids {
    fn next(&mut self) -> u32 {
        self.last += 1;
        self.last
    }
}

/// The resources pages point at: a font per face used, an image per seal.
#[derive(Default)]
struct Resources {
    /// Face → font id.
    fonts: BTreeMap<FaceId, u32>,
    /// Image bytes → image id, in the order first drawn.
    images: Vec<(u32, std::sync::Arc<Vec<u8>>)>,
}

/// Draw the layout as an OFD package. `date`: the creation date (`SOURCE_DATE_EPOCH`), else the
/// document's own; the same layout always gives the same bytes.
pub fn write_ofd(
    layout: &Layout,
    book: &FontBook,
    date: Option<super::Utc>,
) -> Result<Vec<u8>, Error> {
    let mut ids = Ids::default();
    let mut resources = Resources::default();
    let glyphs = fonts::glyphs_by_face(layout);
    for face in glyphs.keys() {
        resources.fonts.insert(*face, ids.next());
    }
    let page_ids: Vec<u32> = layout.pages.iter().map(|_| ids.next()).collect();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (index, page) in layout.pages.iter().enumerate() {
        let paper = (layout.geometry.paper_width, layout.geometry.paper_height);
        let xml = content::page(page, book, paper, &mut resources, &mut ids)?;
        parts.push((format!("Doc_0/Pages/Page_{index}/Content.xml"), xml));
    }
    let mut files = vec![
        ("OFD.xml".to_string(), entry(layout, date)?),
        (
            "Doc_0/Document.xml".to_string(),
            document(layout, &page_ids, ids.last)?,
        ),
        (
            "Doc_0/PublicRes.xml".to_string(),
            public_res(&resources, book)?,
        ),
        (
            "Doc_0/DocumentRes.xml".to_string(),
            document_res(&resources)?,
        ),
    ];
    files.extend(parts);
    // The faces subset side by side, the body's with the small ones beside it.
    let font_files = resources
        .fonts
        .par_iter()
        .map(|(face, id)| {
            let subset = fonts::subset(book, *face, &glyphs[face])?;
            Ok((format!("Doc_0/Res/font_{id}.otf"), subset))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    files.extend(font_files);
    for (id, png) in &resources.images {
        files.push((format!("Doc_0/Res/image_{id}.png"), png.to_vec()));
    }
    crate::render::zip_parts(&files).map_err(Error::Ofd)
}

/// `OFD.xml`: the document's information and where its root is.
fn entry(layout: &Layout, date: Option<super::Utc>) -> Result<Vec<u8>, Error> {
    let meta = &layout.meta;
    let created = match (date, meta.date) {
        (Some(d), _) => Some(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        (None, Some(d)) => Some(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        (None, None) => None,
    };
    let mut xml = Xml::new();
    let attrs = [
        ("xmlns:ofd", OFD_NS),
        ("Version", "1.0"),
        ("DocType", "OFD"),
    ];
    xml.element("ofd:OFD", &attrs, |x| {
        x.element("ofd:DocBody", &[], |x| {
            x.element("ofd:DocInfo", &[], |x| {
                x.text("ofd:DocID", &[], &doc_id(layout));
                x.text("ofd:Title", &[], &meta.title);
                if let Some(author) = &meta.author {
                    x.text("ofd:Author", &[], author);
                }
                if let Some(created) = &created {
                    x.text("ofd:CreationDate", &[], created);
                }
                x.text("ofd:Creator", &[], "gongwen");
                x.text("ofd:CreatorVersion", &[], env!("CARGO_PKG_VERSION"));
            });
            x.text("ofd:DocRoot", &[], "Doc_0/Document.xml");
        });
    });
    xml.finish()
}

/// The document's identifier: 32 hex digits from its text, the same for the same layout.
fn doc_id(layout: &Layout) -> String {
    use std::hash::{Hash, Hasher};
    let mut halves = [0u64; 2];
    for (salt, half) in halves.iter_mut().enumerate() {
        let mut h = std::hash::DefaultHasher::new();
        salt.hash(&mut h);
        layout.meta.title.hash(&mut h);
        for page in &layout.pages {
            for run in &page.runs {
                run.text.hash(&mut h);
            }
        }
        *half = h.finish();
    }
    format!("{:016x}{:016x}", halves[0], halves[1])
}

/// `Document.xml`: the page area, the pages, the bookmarks.
fn document(layout: &Layout, page_ids: &[u32], max_id: u32) -> Result<Vec<u8>, Error> {
    let g = &layout.geometry;
    let area = format!("0 0 {} {}", mm(g.paper_width), mm(g.paper_height));
    let mut xml = Xml::new();
    xml.element("ofd:Document", &[("xmlns:ofd", OFD_NS)], |x| {
        x.element("ofd:CommonData", &[], |x| {
            x.text("ofd:MaxUnitID", &[], &max_id.to_string());
            x.element("ofd:PageArea", &[], |x| {
                x.text("ofd:PhysicalBox", &[], &area);
            });
            x.text("ofd:PublicRes", &[], "PublicRes.xml");
            x.text("ofd:DocumentRes", &[], "DocumentRes.xml");
        });
        x.element("ofd:Pages", &[], |x| {
            for (index, id) in page_ids.iter().enumerate() {
                let at = format!("Pages/Page_{index}/Content.xml");
                x.empty("ofd:Page", &[("ID", &id.to_string()), ("BaseLoc", &at)]);
            }
        });
        if !layout.outline.is_empty() {
            x.element("ofd:Outlines", &[], |x| {
                outline(x, &layout.outline, page_ids);
            });
        }
    });
    xml.finish()
}

/// The headings as nested outline entries, each going to its heading's line.
fn outline(x: &mut Xml, entries: &[OutlineEntry], page_ids: &[u32]) {
    let mut i = 0;
    while i < entries.len() {
        let level = entries[i].level;
        let children = entries[i + 1..]
            .iter()
            .take_while(|e| e.level > level)
            .count();
        let entry = &entries[i];
        x.element("ofd:OutlineElem", &[("Title", &entry.text)], |x| {
            x.element("ofd:Actions", &[], |x| {
                x.element("ofd:Action", &[("Event", "CLICK")], |x| {
                    x.element("ofd:Goto", &[], |x| {
                        let page = page_ids.get(entry.page).copied().unwrap_or_default();
                        x.empty(
                            "ofd:Dest",
                            &[
                                ("Type", "XYZ"),
                                ("PageID", &page.to_string()),
                                ("Left", "0"),
                                ("Top", &mm(entry.y)),
                            ],
                        );
                    });
                });
            });
            outline(x, &entries[i + 1..i + 1 + children], page_ids);
        });
        i += 1 + children;
    }
}

/// `PublicRes.xml`: the fonts.
fn public_res(resources: &Resources, book: &FontBook) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    xml.element(
        "ofd:Res",
        &[("xmlns:ofd", OFD_NS), ("BaseLoc", "Res")],
        |x| {
            if resources.fonts.is_empty() {
                return;
            }
            x.element("ofd:Fonts", &[], |x| {
                for (face, id) in &resources.fonts {
                    let f = &book.faces[*face];
                    let file = format!("font_{id}.otf");
                    let attrs = [
                        ("ID", id.to_string()),
                        ("FontName", f.postscript_name.clone()),
                        ("FamilyName", f.family.clone()),
                    ];
                    x.element("ofd:Font", &pairs(&attrs), |x| {
                        x.text("ofd:FontFile", &[], &file)
                    });
                }
            });
        },
    );
    xml.finish()
}

/// `DocumentRes.xml`: the images.
fn document_res(resources: &Resources) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    xml.element(
        "ofd:Res",
        &[("xmlns:ofd", OFD_NS), ("BaseLoc", "Res")],
        |x| {
            if resources.images.is_empty() {
                return;
            }
            x.element("ofd:MultiMedias", &[], |x| {
                for (id, _) in &resources.images {
                    let attrs = [
                        ("ID", id.to_string()),
                        ("Type", "Image".into()),
                        ("Format", "PNG".into()),
                    ];
                    x.element("ofd:MultiMedia", &pairs(&attrs), |x| {
                        x.text("ofd:MediaFile", &[], &format!("image_{id}.png"));
                    });
                }
            });
        },
    );
    xml.finish()
}

#[cfg(test)]
mod tests {
    use super::mm;

    #[test]
    fn lengths_are_millimetres_to_the_micrometre() {
        assert_eq!(mm(72.0), "25.4");
        assert_eq!(mm(0.0), "0");
        assert_eq!(mm(595.2756), "210");
        assert_eq!(mm(-0.0001), "0");
        assert_eq!(mm(16.0), "5.644");
    }
}
