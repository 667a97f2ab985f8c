//! OFD output (GB/T 33190-2016): every example's package, checked part by part, its text against
//! the PDF's text layer, its fonts able to show its text.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use gongwen::{Formats, Options, Source};

const EXAMPLES: [&str; 6] = ["speech", "notice", "request", "letter", "minutes", "order"];

fn render(name: &str) -> gongwen::Output {
    let path = common::examples().join(format!("{name}.yaml"));
    let source = Source::read(&path, 1 << 24).unwrap();
    let opts = Options {
        formats: Formats {
            pdf: true,
            ofd: true,
            ..Formats::default()
        },
        ..common::options()
    };
    gongwen::render(&source, &opts).unwrap()
}

/// The package's files by name.
fn unpack(ofd: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(ofd)).unwrap();
    let mut files = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        files.insert(file.name().to_string(), bytes);
    }
    files
}

const NS: &str = "http://www.ofdspec.org/2016";

fn parse(bytes: &[u8]) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(std::str::from_utf8(bytes).unwrap()).unwrap()
}

fn elements<'a>(doc: &'a roxmltree::Document, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

#[test]
fn every_example_s_ofd_has_its_parts_in_place_and_its_references_resolve() {
    for name in EXAMPLES {
        let out = render(name);
        let files = unpack(out.ofd.as_deref().unwrap());
        let entry = parse(&files["OFD.xml"]);
        let root = entry.root_element();
        assert_eq!(root.tag_name().namespace(), Some(NS));
        assert_eq!(root.tag_name().name(), "OFD");
        assert_eq!(root.attribute("DocType"), Some("OFD"));
        let doc_root = elements(&entry, "DocRoot")[0].text().unwrap();
        assert_eq!(doc_root, "Doc_0/Document.xml");
        assert!(
            !elements(&entry, "Title")[0].text().unwrap().is_empty(),
            "{name}"
        );

        let document = parse(&files[doc_root]);
        let pages = elements(&document, "Page");
        assert_eq!(pages.len(), out.pages, "{name}: one OFD page a page");
        let box_ = elements(&document, "PhysicalBox")[0].text().unwrap();
        assert_eq!(box_, "0 0 210 297", "A4 in millimetres");
        let max_id: u32 = elements(&document, "MaxUnitID")[0]
            .text()
            .unwrap()
            .parse()
            .unwrap();

        // Every ID once, none past MaxUnitID; every font and image referred to exists.
        let mut ids = BTreeSet::new();
        let public = parse(&files["Doc_0/PublicRes.xml"]);
        let resources = parse(&files["Doc_0/DocumentRes.xml"]);
        let fonts: BTreeMap<String, String> = elements(&public, "Font")
            .iter()
            .map(|f| {
                let file = f
                    .children()
                    .find(|c| c.has_tag_name((NS, "FontFile")))
                    .unwrap();
                (
                    f.attribute("ID").unwrap().to_string(),
                    file.text().unwrap().to_string(),
                )
            })
            .collect();
        let images: BTreeSet<String> = elements(&resources, "MultiMedia")
            .iter()
            .map(|m| m.attribute("ID").unwrap().to_string())
            .collect();
        for file in fonts.values() {
            assert!(
                files.contains_key(&format!("Doc_0/Res/{file}")),
                "{name}: {file}"
            );
        }
        let mut all: Vec<&roxmltree::Document> = vec![&document, &public, &resources];
        let contents: Vec<roxmltree::Document> = pages
            .iter()
            .map(|p| parse(&files[&format!("Doc_0/{}", p.attribute("BaseLoc").unwrap())]))
            .collect();
        all.extend(contents.iter());
        for doc in &all {
            for node in doc.descendants().filter(|n| n.is_element()) {
                if let Some(id) = node.attribute("ID") {
                    let id: u32 = id.parse().unwrap();
                    assert!(ids.insert(id), "{name}: ID {id} twice");
                    assert!(id <= max_id, "{name}: ID {id} past MaxUnitID {max_id}");
                }
            }
        }
        for content in &contents {
            for text in elements(content, "TextObject") {
                assert!(
                    fonts.contains_key(text.attribute("Font").unwrap()),
                    "{name}"
                );
                let code = text
                    .children()
                    .find(|c| c.has_tag_name((NS, "TextCode")))
                    .unwrap();
                let characters = code.text().unwrap().chars().count();
                let deltas = code.attribute("DeltaX").map_or(0, |d| d.split(' ').count());
                assert_eq!(deltas + 1, characters, "{name}: a DeltaX between each two");
            }
            for image in elements(content, "ImageObject") {
                assert!(
                    images.contains(image.attribute("ResourceID").unwrap()),
                    "{name}"
                );
            }
        }
        // The seal, where there is one.
        if name == "request" {
            assert_eq!(images.len(), 1, "the seal");
        }
    }
}

/// Each page's text, in the order its text objects come, without white space.
fn page_texts(ofd: &[u8]) -> Vec<String> {
    let files = unpack(ofd);
    let document = parse(&files["Doc_0/Document.xml"]);
    elements(&document, "Page")
        .iter()
        .map(|p| {
            let content = parse(&files[&format!("Doc_0/{}", p.attribute("BaseLoc").unwrap())]);
            elements(&content, "TextCode")
                .iter()
                .filter_map(|c| c.text())
                .collect::<String>()
                .split_whitespace()
                .collect()
        })
        .collect()
}

#[test]
fn the_ofd_s_text_is_the_pdf_s_text_page_by_page() {
    for name in EXAMPLES {
        let out = render(name);
        let ofd = page_texts(out.ofd.as_deref().unwrap());
        let pdf: Vec<String> = common::pdf_page_texts(out.pdf.as_deref().unwrap())
            .iter()
            .map(|t| t.split_whitespace().collect())
            .collect();
        assert_eq!(ofd, pdf, "{name}");
    }
}

#[test]
fn the_embedded_fonts_are_subsets_that_map_every_character_shown() {
    let out = render("speech");
    let files = unpack(out.ofd.as_deref().unwrap());
    let public = parse(&files["Doc_0/PublicRes.xml"]);
    let fonts: BTreeMap<String, Vec<u8>> = elements(&public, "Font")
        .iter()
        .map(|f| {
            let file = f
                .children()
                .find(|c| c.has_tag_name((NS, "FontFile")))
                .unwrap();
            let bytes = files[&format!("Doc_0/Res/{}", file.text().unwrap())].clone();
            (f.attribute("ID").unwrap().to_string(), bytes)
        })
        .collect();
    for bytes in fonts.values() {
        assert!(bytes.len() < 1_000_000, "a subset, not the whole face");
    }
    let document = parse(&files["Doc_0/Document.xml"]);
    for page in elements(&document, "Page") {
        let content = parse(&files[&format!("Doc_0/{}", page.attribute("BaseLoc").unwrap())]);
        for text in elements(&content, "TextObject") {
            let face = ttf_parser::Face::parse(&fonts[text.attribute("Font").unwrap()], 0).unwrap();
            let code = text
                .children()
                .find(|c| c.has_tag_name((NS, "TextCode")))
                .unwrap();
            for c in code.text().unwrap().chars() {
                assert!(
                    face.glyph_index(c).is_some(),
                    "{c:?} is not in its font's cmap"
                );
            }
        }
    }
}

#[test]
fn the_same_input_gives_the_same_ofd() {
    assert!(render("notice").ofd == render("notice").ofd);
}

#[test]
fn the_speech_s_ofd_is_no_larger_than_1_1_times_its_pdf() {
    let out = render("speech");
    let (ofd, pdf) = (out.ofd.unwrap().len(), out.pdf.unwrap().len());
    assert!(ofd * 10 <= pdf * 11, "OFD {ofd} bytes, PDF {pdf} bytes");
}

/// What GB/T 33190-2016 allows of each element gongwen writes: its attributes (those it must
/// have first, then those it may have) and its children, in the order the schema puts them
/// (`None`: any order, as a layer's objects).
struct Allowed {
    required: &'static [&'static str],
    optional: &'static [&'static str],
    /// A graphic unit's attributes (CT_GraphicUnit) allowed too.
    graphic: bool,
    children: Option<&'static [&'static str]>,
}

/// A graphic unit's optional attributes (CT_GraphicUnit), shared by text, path and image objects.
const GRAPHIC: &[&str] = &[
    "Name",
    "Visible",
    "CTM",
    "DrawParam",
    "LineWidth",
    "Cap",
    "Join",
    "MiterLimit",
    "DashOffset",
    "DashPattern",
    "Alpha",
];

const fn allowed(
    required: &'static [&'static str],
    optional: &'static [&'static str],
    children: &'static [&'static str],
) -> Allowed {
    Allowed {
        required,
        optional,
        graphic: false,
        children: Some(children),
    }
}

/// The element's rule, by its name (and for `Page`, whether it is a page's root or a page of
/// `Pages`).
fn rule(node: roxmltree::Node) -> Option<Allowed> {
    let name = node.tag_name().name();
    Some(match name {
        "OFD" => allowed(&["Version", "DocType"], &[], &["DocBody"]),
        "DocBody" => allowed(&[], &[], &["DocInfo", "DocRoot", "Versions", "Signatures"]),
        "DocInfo" => allowed(
            &[],
            &[],
            &[
                "DocID",
                "Title",
                "Author",
                "Subject",
                "Abstract",
                "CreationDate",
                "ModDate",
                "DocUsage",
                "Cover",
                "Keywords",
                "Creator",
                "CreatorVersion",
                "CustomDatas",
            ],
        ),
        "Document" => allowed(
            &[],
            &[],
            &[
                "CommonData",
                "Pages",
                "Outlines",
                "Permissions",
                "Actions",
                "VPreferences",
                "Bookmarks",
                "Annotations",
                "CustomTags",
                "Attachments",
                "Extensions",
            ],
        ),
        "CommonData" => allowed(
            &[],
            &[],
            &[
                "MaxUnitID",
                "PageArea",
                "PublicRes",
                "DocumentRes",
                "TemplatePage",
                "DefaultCS",
            ],
        ),
        "PageArea" => allowed(
            &[],
            &[],
            &["PhysicalBox", "ApplicationBox", "ContentBox", "BleedBox"],
        ),
        "Pages" => allowed(&[], &[], &["Page"]),
        "Page"
            if node
                .parent_element()
                .is_some_and(|p| p.has_tag_name((NS, "Pages"))) =>
        {
            allowed(&["ID", "BaseLoc"], &[], &[])
        }
        "Page" => allowed(
            &[],
            &[],
            &["Template", "PageRes", "Area", "Content", "Actions"],
        ),
        "Outlines" => allowed(&[], &[], &["OutlineElem"]),
        "OutlineElem" => allowed(
            &["Title"],
            &["Count", "Expanded"],
            &["Actions", "OutlineElem"],
        ),
        "Actions" => allowed(&[], &[], &["Action"]),
        "Action" => allowed(
            &["Event"],
            &[],
            &["Region", "Goto", "URI", "Binary", "Sound", "Movie"],
        ),
        "Goto" => allowed(&[], &[], &["Dest", "Bookmark"]),
        "Dest" => allowed(
            &["Type", "PageID"],
            &["Left", "Top", "Right", "Bottom", "Zoom"],
            &[],
        ),
        "Res" => allowed(
            &["BaseLoc"],
            &[],
            &[
                "ColorSpaces",
                "DrawParams",
                "Fonts",
                "MultiMedias",
                "CompositeGraphicUnits",
            ],
        ),
        "Fonts" => allowed(&[], &[], &["Font"]),
        "Font" => allowed(
            &["ID", "FontName"],
            &[
                "FamilyName",
                "Charset",
                "Italic",
                "Bold",
                "Serif",
                "FixedWidth",
            ],
            &["FontFile"],
        ),
        "MultiMedias" => allowed(&[], &[], &["MultiMedia"]),
        "MultiMedia" => allowed(&["ID", "Type"], &["Format"], &["MediaFile"]),
        "Content" => allowed(&[], &[], &["Layer"]),
        "Layer" => Allowed {
            required: &["ID"],
            optional: &["Type", "DrawParam"],
            graphic: false,
            children: None,
        },
        "TextObject" => Allowed {
            required: &["ID", "Boundary", "Font", "Size"],
            optional: &[
                "Stroke",
                "Fill",
                "HScale",
                "ReadDirection",
                "CharDirection",
                "Weight",
                "Italic",
            ],
            graphic: true,
            children: Some(&[
                "Actions",
                "Clips",
                "FillColor",
                "StrokeColor",
                "CGTransform",
                "TextCode",
            ]),
        },
        "TextCode" => allowed(&[], &["X", "Y", "DeltaX", "DeltaY"], &[]),
        "PathObject" => Allowed {
            required: &["ID", "Boundary"],
            optional: &["Stroke", "Fill", "Rule"],
            graphic: true,
            children: Some(&[
                "Actions",
                "Clips",
                "StrokeColor",
                "FillColor",
                "AbbreviatedData",
            ]),
        },
        "ImageObject" => Allowed {
            required: &["ID", "Boundary", "ResourceID"],
            optional: &["Substitution", "ImageMask"],
            graphic: true,
            children: Some(&["Actions", "Clips", "Border"]),
        },
        "FillColor" | "StrokeColor" => {
            allowed(&[], &["Value", "ColorSpace", "Index", "Alpha"], &[])
        }
        // Elements of text only.
        "DocID" | "Title" | "Author" | "CreationDate" | "Creator" | "CreatorVersion"
        | "DocRoot" | "MaxUnitID" | "PhysicalBox" | "PublicRes" | "DocumentRes" | "FontFile"
        | "MediaFile" | "AbbreviatedData" => allowed(&[], &[], &[]),
        _ => return None,
    })
}

#[test]
fn every_element_and_attribute_written_is_one_gb_t_33190_allows_where_it_allows_it() {
    for name in EXAMPLES {
        let out = render(name);
        for (part, bytes) in unpack(out.ofd.as_deref().unwrap()) {
            if !part.ends_with(".xml") {
                continue;
            }
            let doc = parse(&bytes);
            for node in doc.descendants().filter(|n| n.is_element()) {
                let element = node.tag_name().name();
                assert_eq!(node.tag_name().namespace(), Some(NS), "{part}: {element}");
                let rule = rule(node).unwrap_or_else(|| panic!("{part}: <{element}> is not ours"));
                for required in rule.required {
                    assert!(
                        node.has_attribute(*required),
                        "{part}: <{element}> lacks {required}"
                    );
                }
                for attribute in node.attributes() {
                    let known = rule.required.contains(&attribute.name())
                        || rule.optional.contains(&attribute.name())
                        || (rule.graphic && GRAPHIC.contains(&attribute.name()));
                    assert!(known, "{part}: <{element}> has {}", attribute.name());
                }
                let children: Vec<&str> = node
                    .children()
                    .filter(|c| c.is_element())
                    .map(|c| c.tag_name().name())
                    .collect();
                match rule.children {
                    Some(order) => {
                        let places: Vec<usize> = children
                            .iter()
                            .map(|c| {
                                order
                                    .iter()
                                    .position(|o| o == c)
                                    .unwrap_or_else(|| panic!("{part}: <{c}> inside <{element}>"))
                            })
                            .collect();
                        assert!(
                            places.windows(2).all(|w| w[0] <= w[1]),
                            "{part}: <{element}>'s children out of order: {children:?}"
                        );
                    }
                    None => {
                        for c in &children {
                            assert!(
                                [
                                    "TextObject",
                                    "PathObject",
                                    "ImageObject",
                                    "CompositeObject",
                                    "PageBlock"
                                ]
                                .contains(c),
                                "{part}: <{c}> in a layer"
                            );
                        }
                    }
                }
            }
        }
    }
}
