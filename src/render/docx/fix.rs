//! Post-processing of the XML parts docx-rs builds, for what it cannot write or writes wrongly:
//! children out of the schema's order (Word refuses some such files), `w:firstLineChars`
//! (dropped), the East Asian language, a font table naming our fonts with fallbacks
//! (`w:altName`), and core properties with the title and author (it writes "unknown").
//!
//! The parts are parsed into a small element tree, mended, and written back.

use docx_rs::XMLDocx;

use crate::error::Error;
use crate::fonts::FontBook;
use crate::model::Document;
use crate::template::{Role, Template};

use super::notice::ids;
use super::styles::{WordFont, style_id, word_font};

/// Apply every fix.
pub fn fix(
    xml: &mut XMLDocx,
    t: &Template,
    book: &FontBook,
    doc: &Document,
    date: Option<crate::render::Utc>,
) -> Result<(), Error> {
    let mut styles = parse(&xml.styles)?;
    drop_shadowed_styles(&mut styles);
    mark_default_style(&mut styles);
    add_first_line_chars(&mut styles, t);
    add_language(&mut styles);
    no_widow_control(&mut styles);
    character_spacing(&mut styles, t, book);
    xml.styles = write(&styles);
    let mut document = parse(&xml.document)?;
    repeat_table_headers(&mut document);
    drop_grid_column_types(&mut document);
    xml.document = write(&document);
    let mut settings = parse(&xml.settings)?;
    character_spacing_control_in_settings(&mut settings);
    xml.settings = write(&settings);
    let mut numbering = parse(&xml.numberings)?;
    no_run_properties_in_level_paragraphs(&mut numbering);
    xml.numberings = write(&numbering);
    name_the_theme(xml);
    for footer in &mut xml.footers {
        *footer = write(&parse(footer)?);
    }
    xml.font_table = font_table(t, book).into_bytes();
    xml.doc_props.core = core_props(&doc.title.text(), doc.speaker.as_deref(), date).into_bytes();
    Ok(())
}

/// A node of the tree: enough XML to round-trip what docx-rs writes.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// An element: name, raw attribute text, children (None: written self-closing).
    Elem {
        name: String,
        attrs: String,
        children: Option<Vec<Node>>,
    },
    /// Text or markup kept as it is (declarations, character data).
    Raw(String),
}

fn parse(bytes: &[u8]) -> Result<Vec<Node>, Error> {
    let s = std::str::from_utf8(bytes)
        .map_err(|e| Error::Docx(format!("docx-rs wrote invalid UTF-8: {e}")))?;
    let mut stack: Vec<(String, String, Vec<Node>)> =
        vec![(String::new(), String::new(), Vec::new())];
    let mut i = 0;
    fn bad(what: &str) -> Error {
        Error::Docx(format!("docx-rs wrote malformed XML: {what}"))
    }
    type Open = (String, String, Vec<Node>);
    fn push(stack: &mut [Open], node: Node) -> Result<(), Error> {
        stack
            .last_mut()
            .ok_or_else(|| bad("content outside the root"))?
            .2
            .push(node);
        Ok(())
    }
    while i < s.len() {
        let rest = &s[i..];
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            push(&mut stack, Node::Raw(rest[..end].to_string()))?;
            i += end;
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = rest.find('>').ok_or_else(|| bad("unclosed declaration"))? + 1;
            push(&mut stack, Node::Raw(rest[..end].to_string()))?;
            i += end;
        } else if rest.starts_with("</") {
            let end = rest.find('>').ok_or_else(|| bad("unclosed end tag"))? + 1;
            let (name, attrs, children) = stack.pop().ok_or_else(|| bad("unbalanced end tag"))?;
            if rest[2..end - 1].trim() != name {
                return Err(bad(&format!("</{}> closes <{name}>", &rest[2..end - 1])));
            }
            push(
                &mut stack,
                Node::Elem {
                    name,
                    attrs,
                    children: Some(children),
                },
            )?;
            i += end;
        } else {
            // A start tag: find its end outside quoted attribute values.
            let mut quote = None;
            let mut end = None;
            for (j, c) in rest.char_indices().skip(1) {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, '>') => {
                        end = Some(j);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end.ok_or_else(|| bad("unclosed start tag"))?;
            let inner = &rest[1..end];
            let self_closing = inner.ends_with('/');
            let inner = inner.trim_end_matches('/').trim_end();
            let (name, attrs) = match inner.find(char::is_whitespace) {
                Some(k) => (inner[..k].to_string(), inner[k..].trim().to_string()),
                None => (inner.to_string(), String::new()),
            };
            if self_closing {
                push(
                    &mut stack,
                    Node::Elem {
                        name,
                        attrs,
                        children: None,
                    },
                )?;
            } else {
                stack.push((name, attrs, Vec::new()));
            }
            i += end + 1;
        }
    }
    if stack.len() != 1 {
        return Err(bad("unclosed elements at the end"));
    }
    let mut nodes = stack.pop().map(|s| s.2).unwrap_or_default();
    for n in &mut nodes {
        order(n);
    }
    Ok(nodes)
}

fn write(nodes: &[Node]) -> Vec<u8> {
    fn go(n: &Node, out: &mut String) {
        match n {
            Node::Raw(s) => out.push_str(s),
            Node::Elem {
                name,
                attrs,
                children,
            } => {
                out.push('<');
                out.push_str(name);
                if !attrs.is_empty() {
                    out.push(' ');
                    out.push_str(attrs);
                }
                match children {
                    None => out.push_str("/>"),
                    Some(c) => {
                        out.push('>');
                        for k in c {
                            go(k, out);
                        }
                        out.push_str("</");
                        out.push_str(name);
                        out.push('>');
                    }
                }
            }
        }
    }
    let mut out = String::new();
    for n in nodes {
        go(n, &mut out);
    }
    out.into_bytes()
}

/// Children in the order ECMA-376 Part 1 gives them (only the elements docx-rs writes).
fn sequence(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ],
        "w:sectPr" => &[
            "w:headerReference|w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        "w:trPr" => &[
            "w:cnfStyle",
            "w:divId",
            "w:gridBefore",
            "w:gridAfter",
            "w:wBefore",
            "w:wAfter",
            "w:cantSplit",
            "w:trHeight",
            "w:tblHeader",
            "w:tblCellSpacing",
            "w:jc",
            "w:hidden",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:settings" => &[
            "w:writeProtection",
            "w:view",
            "w:zoom",
            "w:removePersonalInformation",
            "w:removeDateAndTime",
            "w:embedTrueTypeFonts",
            "w:embedSystemFonts",
            "w:saveSubsetFonts",
            "w:mirrorMargins",
            "w:gutterAtTop",
            "w:proofState",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:evenAndOddHeaders",
            "w:characterSpacingControl",
            "w:strictFirstAndLastChars",
            "w:noLineBreaksAfter",
            "w:noLineBreaksBefore",
            "w:updateFields",
            "w:footnotePr",
            "w:endnotePr",
            "w:compat",
            "w:docVars",
            "w:rsids",
            "w:themeFontLang",
            "w:decimalSymbol",
            "w:listSeparator",
        ],
        _ => return None,
    })
}

fn order(n: &mut Node) {
    if let Node::Elem {
        name,
        children: Some(children),
        ..
    } = n
    {
        for c in children.iter_mut() {
            order(c);
        }
        if let Some(seq) = sequence(name) {
            let rank = |c: &Node| match c {
                Node::Elem { name, .. } => seq
                    .iter()
                    .position(|s| s.split('|').any(|p| p == name))
                    .unwrap_or(seq.len()),
                Node::Raw(_) => seq.len(),
            };
            children.sort_by_key(rank);
            // An empty run-properties element in a paragraph's properties says nothing.
            if name == "w:pPr" {
                children.retain(|c| !matches!(c, Node::Elem { name, children: None, attrs } if name == "w:rPr" && attrs.is_empty()));
            }
        }
    }
}

fn walk(nodes: &mut [Node], f: &mut impl FnMut(&str, &mut String, &mut Vec<Node>, &[String])) {
    fn go(
        n: &mut Node,
        path: &mut Vec<String>,
        f: &mut impl FnMut(&str, &mut String, &mut Vec<Node>, &[String]),
    ) {
        if let Node::Elem {
            name,
            attrs,
            children,
        } = n
        {
            let kids = children.get_or_insert_with(Vec::new);
            f(name, attrs, kids, path);
            path.push(name.clone());
            for k in kids.iter_mut() {
                go(k, path, f);
            }
            path.pop();
            if kids.is_empty() {
                *children = None;
            }
        }
    }
    let mut path = Vec::new();
    for n in nodes {
        go(n, &mut path, f);
    }
}

fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let i = attrs.find(&format!("{key}=\""))? + key.len() + 2;
    attrs[i..].split('"').next()
}

/// docx-rs always writes an empty "Normal" style before ours; Word and LibreOffice would take
/// the first of two styles with one id. Keep the last of each id.
fn drop_shadowed_styles(styles: &mut [Node]) {
    walk(styles, &mut |name, _, kids, _| {
        if name != "w:styles" {
            return;
        }
        let id = |n: &Node| match n {
            Node::Elem { name, attrs, .. } if name == "w:style" => {
                attr(attrs, "w:styleId").map(str::to_string)
            }
            _ => None,
        };
        let ids: Vec<Option<String>> = kids.iter().map(id).collect();
        let mut i = 0;
        kids.retain(|_| {
            let keep = match &ids[i] {
                Some(me) => !ids[i + 1..].iter().any(|o| o.as_ref() == Some(me)),
                None => true,
            };
            i += 1;
            keep
        });
    });
}

/// A body table's first row is its header, repeated on every page the table runs onto
/// (`w:tblHeader`, which docx-rs cannot write).
fn repeat_table_headers(document: &mut [Node]) {
    walk(document, &mut |name, _, kids, _| {
        if name != "w:tbl" {
            return;
        }
        let ours = kids.iter().any(|k| {
            matches!(k, Node::Elem { name, children: Some(c), .. } if name == "w:tblPr"
                && c.iter().any(|x| matches!(x, Node::Elem { name, attrs, .. } if name == "w:tblStyle" && attr(attrs, "w:val") == Some(style_id::TABLE))))
        });
        if !ours {
            return;
        }
        if let Some(Node::Elem { children, .. }) = kids
            .iter_mut()
            .find(|k| matches!(k, Node::Elem { name, .. } if name == "w:tr"))
        {
            let row = children.get_or_insert_with(Vec::new);
            match row
                .iter_mut()
                .find(|k| matches!(k, Node::Elem { name, .. } if name == "w:trPr"))
            {
                Some(Node::Elem { children, .. }) => {
                    let props = children.get_or_insert_with(Vec::new);
                    props.push(Node::Elem {
                        name: "w:tblHeader".into(),
                        attrs: String::new(),
                        children: None,
                    });
                    order_children("w:trPr", props);
                }
                _ => row.insert(
                    0,
                    Node::Elem {
                        name: "w:trPr".into(),
                        attrs: String::new(),
                        children: Some(vec![Node::Elem {
                            name: "w:tblHeader".into(),
                            attrs: String::new(),
                            children: None,
                        }]),
                    },
                ),
            }
        }
    });
}

/// Normal is the default paragraph style (`w:default="1"`), which docx-rs cannot say.
fn mark_default_style(styles: &mut [Node]) {
    walk(styles, &mut |name, attrs, _, _| {
        if name == "w:style"
            && attr(attrs, "w:styleId") == Some(style_id::NORMAL)
            && !attrs.contains("w:default=")
        {
            attrs.push_str(r#" w:default="1""#);
        }
    });
}

/// Adds `w:firstLineChars` (hundredths of a character) beside each style's `w:firstLine`:
/// Word then indents by whole grid characters, whatever the font.
fn add_first_line_chars(styles: &mut [Node], t: &Template) {
    walk(styles, &mut |name, attrs, kids, _| {
        if name != "w:style" {
            return;
        }
        let id = attr(attrs, "w:styleId").unwrap_or("");
        let chars = if style_id::HEADINGS.contains(&id) {
            t.paragraph.heading_indent_chars
        } else if id == style_id::BODY {
            t.paragraph.first_line_indent_chars
        } else {
            return;
        };
        for k in kids.iter_mut() {
            if let Node::Elem {
                name,
                children: Some(ppr),
                ..
            } = k
                && name == "w:pPr"
            {
                for p in ppr.iter_mut() {
                    if let Node::Elem { name, attrs, .. } = p
                        && name == "w:ind"
                        && !attrs.contains("w:firstLineChars")
                    {
                        attrs.push_str(&format!(" w:firstLineChars=\"{}\"", chars * 100));
                    }
                }
            }
        }
    });
}

/// Marks East Asian text as Simplified Chinese, so Word and LibreOffice apply Chinese line
/// breaking rules and punctuation forms.
fn add_language(styles: &mut [Node]) {
    walk(styles, &mut |name, _, kids, path| {
        if name == "w:rPr" && path.last().is_some_and(|p| p == "w:rPrDefault") {
            kids.push(Node::Elem {
                name: "w:lang".into(),
                attrs: r#"w:val="en-US" w:eastAsia="zh-CN""#.into(),
                children: None,
            });
            order_children("w:rPr", kids);
        }
    });
}

/// Word's default widow control would move single lines to the next page; the GB/T 9704 grid
/// fills every page (the layout keeps only headings with the line after them), so it is off.
fn no_widow_control(styles: &mut [Node]) {
    walk(styles, &mut |name, attrs, kids, _| {
        if name == "w:style" && attr(attrs, "w:styleId") == Some(style_id::NORMAL) {
            for k in kids.iter_mut() {
                if let Node::Elem { name, children, .. } = k
                    && name == "w:pPr"
                {
                    let ppr = children.get_or_insert_with(Vec::new);
                    ppr.push(Node::Elem {
                        name: "w:widowControl".into(),
                        attrs: r#"w:val="0""#.into(),
                        children: None,
                    });
                    order_children("w:pPr", ppr);
                }
            }
        }
    });
}

/// The body's characters are 16 pt, the grid's cells 15.79 pt (§5.2.3). Word squeezes each
/// character into its cell; LibreOffice gives a character wider than a cell two cells. A
/// character spacing of the difference (rounded down to Word's twentieths of a point) and a
/// width scale that brings the glyph under the cell (98 %) make both put one character in each
/// cell. Styles off the grid (title, footer, mark, 版记) keep their own widths.
fn character_spacing(styles: &mut [Node], t: &Template, book: &FontBook) {
    let g = t.geometry();
    let body_size = book.size(Role::Body);
    let body_spacing = ((g.cell - body_size) * crate::units::TWIPS_PER_PT).floor() as i32;
    let body_scale = (100.0 * g.cell / body_size).floor().min(100.0) as i32;
    walk(styles, &mut |name, attrs, kids, _| {
        if name != "w:style" {
            return;
        }
        let (spacing, scale) = match attr(attrs, "w:styleId") {
            Some(style_id::NORMAL) => (Some(body_spacing), body_scale),
            Some(style_id::TITLE | style_id::FOOTER | ids::IMPRINT) => (Some(0), 100),
            // The mark is set as wide as the block when it must shrink: it keeps the body's
            // spacing as slack, or LibreOffice breaks it where the PDF's line is full.
            Some(ids::MARK) => (None, 100),
            // A twentieth of a point under the cell, so that text as wide as its column's room
            // never wraps in LibreOffice, whose cell margins are whole twips.
            Some(style_id::TABLE_TEXT) => (Some(body_spacing - 1), 100),
            _ => return,
        };
        let spacing = spacing.filter(|&twentieths| twentieths <= 0);
        let rpr = match kids
            .iter_mut()
            .position(|k| matches!(k, Node::Elem { name, .. } if name == "w:rPr"))
        {
            Some(i) => i,
            None => {
                kids.push(Node::Elem {
                    name: "w:rPr".into(),
                    attrs: String::new(),
                    children: None,
                });
                kids.len() - 1
            }
        };
        if let Node::Elem { children, .. } = &mut kids[rpr] {
            let c = children.get_or_insert_with(Vec::new);
            if let Some(spacing) = spacing {
                c.push(Node::Elem {
                    name: "w:spacing".into(),
                    attrs: format!("w:val=\"{spacing}\""),
                    children: None,
                });
            }
            c.push(Node::Elem {
                name: "w:w".into(),
                attrs: format!("w:val=\"{scale}\""),
                children: None,
            });
            order_children("w:rPr", c);
        }
    });
}

/// `w:gridCol` has no `w:type` (docx-rs writes one; the schema declares none).
fn drop_grid_column_types(document: &mut [Node]) {
    walk(document, &mut |name, attrs, _, _| {
        if name == "w:gridCol"
            && let Some(at) = attrs.find(" w:type=\"")
        {
            let end = attrs[at + 9..]
                .find('"')
                .map_or(attrs.len(), |e| at + 9 + e + 1);
            attrs.replace_range(at..end, "");
        }
    });
}

/// `w:characterSpacingControl` belongs to `w:settings`, not to `w:compat` where docx-rs puts it.
fn character_spacing_control_in_settings(settings: &mut [Node]) {
    let is = |n: &Node, want: &str| matches!(n, Node::Elem { name, .. } if name == want);
    walk(settings, &mut |name, _, kids, _| {
        if name != "w:settings" {
            return;
        }
        let mut moved = Vec::new();
        for k in kids.iter_mut() {
            if let Node::Elem {
                name,
                children: Some(c),
                ..
            } = k
                && name == "w:compat"
            {
                moved.extend(
                    c.iter()
                        .filter(|n| is(n, "w:characterSpacingControl"))
                        .cloned(),
                );
                c.retain(|n| !is(n, "w:characterSpacingControl"));
            }
        }
        if !moved.is_empty() && !kids.iter().any(|n| is(n, "w:characterSpacingControl")) {
            kids.extend(moved);
            order_children("w:settings", kids);
        }
    });
}

/// A list level's `w:pPr` holds no `w:rPr` (docx-rs writes an empty one there).
fn no_run_properties_in_level_paragraphs(numbering: &mut [Node]) {
    walk(numbering, &mut |name, _, kids, path| {
        if name == "w:pPr" && path.last().is_some_and(|p| p == "w:lvl") {
            kids.retain(|n| !matches!(n, Node::Elem { name, .. } if name == "w:rPr"));
        }
    });
}

/// The theme part: Word requires one (openxml-audit: "a required relationship type … theme is
/// missing"). Its relationship and content type go into the parts docx-rs wrote; the part itself
/// is added to the package by [`add_theme`].
fn name_the_theme(xml: &mut XMLDocx) {
    let insert = |part: &mut Vec<u8>, before: &str, what: &str| {
        let text = String::from_utf8_lossy(part).into_owned();
        if let Some(at) = text.rfind(before) {
            let mut text = text;
            text.insert_str(at, what);
            *part = text.into_bytes();
        }
    };
    insert(
        &mut xml.document_rels,
        "</Relationships>",
        r#"<Relationship Id="rIdTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml" />"#,
    );
    insert(
        &mut xml.content_type,
        "</Types>",
        r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" />"#,
    );
}

/// Adds the theme part (see [`name_the_theme`]) to the packed document.
pub fn add_theme(docx: Vec<u8>) -> Result<Vec<u8>, Error> {
    use std::io::Write;
    let fail = |e: zip::result::ZipError| Error::Docx(format!("adding the theme: {e}"));
    let mut zip = zip::ZipWriter::new_append(std::io::Cursor::new(docx)).map_err(fail)?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("word/theme/theme1.xml", options)
        .map_err(fail)?;
    zip.write_all(THEME.as_bytes())
        .map_err(|e| Error::Docx(format!("adding the theme: {e}")))?;
    Ok(zip.finish().map_err(fail)?.into_inner())
}

/// A plain Office theme: black on white, the fonts the styles name (the styles set every run's
/// fonts, so these only stand in for a run that names none).
const THEME: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="gongwen"><a:themeElements><a:clrScheme name="gongwen"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="000000"/></a:dk2><a:lt2><a:srgbClr val="FFFFFF"/></a:lt2><a:accent1><a:srgbClr val="E60012"/></a:accent1><a:accent2><a:srgbClr val="000000"/></a:accent2><a:accent3><a:srgbClr val="000000"/></a:accent3><a:accent4><a:srgbClr val="000000"/></a:accent4><a:accent5><a:srgbClr val="000000"/></a:accent5><a:accent6><a:srgbClr val="000000"/></a:accent6><a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme><a:fontScheme name="gongwen"><a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="gongwen"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#;

fn order_children(parent: &str, kids: &mut Vec<Node>) {
    let mut n = Node::Elem {
        name: parent.into(),
        attrs: String::new(),
        children: Some(std::mem::take(kids)),
    };
    order(&mut n);
    if let Node::Elem {
        children: Some(c), ..
    } = n
    {
        *kids = c;
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The font table: each font the document names, with its fallback and a GB2312 charset hint
/// (w:charset 86) so Word substitutes a Chinese face where the font is missing.
fn font_table(t: &Template, book: &FontBook) -> String {
    let mut fonts: Vec<WordFont> = Vec::new();
    for role in Role::ALL {
        let f = word_font(t, book, role);
        if !fonts.iter().any(|g| g.name == f.name) {
            fonts.push(f);
        }
    }
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for f in &fonts {
        s.push_str(&format!("<w:font w:name=\"{}\">", esc(&f.name)));
        if let Some(alt) = &f.alt {
            s.push_str(&format!("<w:altName w:val=\"{}\"/>", esc(alt)));
        }
        s.push_str(r#"<w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#);
    }
    s.push_str("</w:fonts>");
    s
}

fn core_props(title: &str, author: Option<&str>, date: Option<crate::render::Utc>) -> String {
    let dates = date.map_or(String::new(), |d| {
        let d = d.iso8601();
        format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{d}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{d}</dcterms:modified>"#
        )
    });
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>zh-CN</dc:language>{}</cp:coreProperties>"#,
        esc(title),
        esc(author.unwrap_or("gongwen")),
        dates,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_are_put_in_schema_order() {
        let xml = br#"<?xml version="1.0"?><w:p><w:pPr><w:rPr /><w:jc w:val="both"/><w:pStyle w:val="A"/></w:pPr><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#;
        let out = String::from_utf8(write(&parse(xml).unwrap())).unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn section_references_come_first() {
        let xml = br#"<w:sectPr><w:pgSz w:w="1"/><w:docGrid w:type="lines"/><w:footerReference w:type="even" r:id="r2"/></w:sectPr>"#;
        let out = String::from_utf8(write(&parse(xml).unwrap())).unwrap();
        assert!(out.starts_with(r#"<w:sectPr><w:footerReference"#), "{out}");
        assert!(
            out.ends_with(r#"<w:docGrid w:type="lines"/></w:sectPr>"#),
            "{out}"
        );
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        assert!(parse(b"<w:p><w:r></w:p>").is_err());
        assert!(parse(b"<w:p").is_err());
    }
}
