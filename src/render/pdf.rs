//! The PDF backend: draws a [`Layout`] with krilla. It decides nothing about placement.
//!
//! A plain PDF is the default and the fastest. With a [`PdfStandard`] it is written to PDF/A or
//! PDF/UA, checked by krilla's validators, and tagged: the title, headings with their levels,
//! paragraphs and table cells as the layout marked them ([`crate::layout::Tag`]), the seal as a
//! figure with its alternative text, page numbers and rules as artifacts.

use std::collections::BTreeMap;
use std::num::NonZeroU16;

use krilla::Document;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, Validator};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag as Kind,
    TagGroup, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{SerializeSettings, page::Page as PdfPage};

use crate::error::Error;
use crate::fonts::{FontBook, FontBytes};
use crate::layout::{Layout, OutlineEntry, Page, TagKind};

/// A standard the PDF is written to, as krilla validates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfStandard {
    /// PDF/A-2b: archival, the look kept.
    A2b,
    /// PDF/A-2u: archival, and every character's Unicode value kept.
    A2u,
    /// PDF/A-3b: as PDF/A-2b, files may be attached.
    A3b,
    /// PDF/UA-1: accessible, tagged throughout.
    Ua1,
}

impl PdfStandard {
    /// Its name as given on the command line: `a-2b`, `ua-1` ….
    pub fn name(self) -> &'static str {
        match self {
            PdfStandard::A2b => "a-2b",
            PdfStandard::A2u => "a-2u",
            PdfStandard::A3b => "a-3b",
            PdfStandard::Ua1 => "ua-1",
        }
    }

    /// The standard named `name`.
    pub fn from_name(name: &str) -> Option<PdfStandard> {
        [Self::A2b, Self::A2u, Self::A3b, Self::Ua1]
            .into_iter()
            .find(|s| s.name() == name)
    }

    fn validator(self) -> Validator {
        match self {
            PdfStandard::A2b => Validator::A(Archival::A2_B),
            PdfStandard::A2u => Validator::A(Archival::A2_U),
            PdfStandard::A3b => Validator::A(Archival::A3_B),
            PdfStandard::Ua1 => Validator::Ua(Accessibility::UA1),
        }
    }
}

/// How the PDF is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfOptions {
    /// The creation date (from `SOURCE_DATE_EPOCH`); without it the PDF has none, so the same
    /// input gives the same bytes.
    pub date: Option<super::Utc>,
    /// Standards to meet (PDF/A and PDF/UA may be combined); none: a plain, untagged PDF.
    pub standards: Vec<PdfStandard>,
}

/// One document of a bound PDF.
#[derive(Debug, Clone, Copy)]
pub struct Bound<'a> {
    /// Its pages.
    pub layout: &'a Layout,
    /// Its fonts.
    pub book: &'a FontBook,
}

/// Draw the layout as a PDF: fonts embedded as subsets with a ToUnicode map, metadata, nested
/// bookmarks. The same layout always gives the same bytes.
pub fn write_pdf(layout: &Layout, book: &FontBook, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
    write_bound(&[Bound { layout, book }], opts)
}

/// Draw several documents as one PDF, each starting on an odd page (a blank page put in before
/// one that would start on an even page, for printing on both sides), each with a bookmark of
/// its title over its headings' bookmarks. The metadata are the first document's.
pub fn write_bound(docs: &[Bound], opts: &PdfOptions) -> Result<Vec<u8>, Error> {
    let Some(first) = docs.first() else {
        return Err(Error::Pdf("no document to write".into()));
    };
    let tagged = !opts.standards.is_empty();
    let mut doc = Document::new_with(settings(opts)?);
    let mut tree = Structure::default();
    let mut outline = Outline::new();
    let mut page_count = 0;
    for (number, bound) in docs.iter().enumerate() {
        let g = &bound.layout.geometry;
        let settings = PageSettings::from_wh(g.paper_width, g.paper_height)
            .ok_or_else(|| Error::Pdf("the paper size is not valid".into()))?;
        if page_count % 2 == 1 {
            doc.start_page_with(settings.clone()).finish();
            page_count += 1;
        }
        let first_page = page_count;
        let mut fonts = Fonts {
            shared: vec![None; bound.book.faces.len()],
            copy_number: vec![None; bound.book.faces.len()],
        };
        for (index, page) in bound.layout.pages.iter().enumerate() {
            let mut pdf_page = doc.start_page_with(settings.clone());
            let mut drawer = Drawer {
                fonts: &mut fonts,
                book: bound.book,
                tree: &mut tree,
                document: number,
                tagged,
                copy_number: bound.layout.parts.copy_number_block.filter(|_| index == 0),
            };
            drawer.page(&mut pdf_page, page)?;
            pdf_page.finish();
            page_count += 1;
        }
        let headings = outline_nodes(&bound.layout.outline, first_page);
        if docs.len() == 1 {
            headings.into_iter().for_each(|n| outline.push_child(n));
        } else {
            let mut node = OutlineNode::new(
                bound.layout.meta.title.clone(),
                XyzDestination::new(first_page, Point::from_xy(0.0, 0.0)),
            );
            headings.into_iter().for_each(|n| node.push_child(n));
            outline.push_child(node);
        }
    }
    doc.set_outline(outline);
    if tagged {
        doc.set_tag_tree(tree.into_tree(&first.layout.meta.language));
    }
    doc.set_metadata(metadata(first.layout, opts));
    doc.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(errors) => not_met(&opts.standards, &errors),
        other => Error::Pdf(format!("{other:?}")),
    })
}

/// What the validators found, in words, with what to do.
fn not_met(
    standards: &[PdfStandard],
    errors: &[(
        krilla::configure::ValidationError,
        krilla::configure::Validators,
    )],
) -> Error {
    use krilla::configure::ValidationError as V;
    let names: Vec<&str> = standards.iter().map(|s| s.name()).collect();
    let reasons: Vec<String> = errors
        .iter()
        .map(|(e, _)| match e {
            V::MissingDocumentDate => "it needs a date: give the source a 成文日期 (or a speech \
                its date), or set SOURCE_DATE_EPOCH"
                .to_string(),
            V::NoDocumentTitle => "it needs a title: give the source a title".to_string(),
            V::ContainsNotDefGlyph(..) | V::NoCodepointMapping(..) => {
                "a character no font has cannot be written: add a font with --font-path".into()
            }
            other => format!("{other:?}"),
        })
        .collect();
    Error::Pdf(format!(
        "the PDF does not meet {}: {}",
        names.join(", "),
        reasons.join("; ")
    ))
}

/// The zlib level for the font programs, deflated in pieces on both cores (our krilla patch,
/// vendor/PATCHES.md). On the CJK subsets level 7 is both smaller and faster than the default
/// 6 (bench/README.md, "Compression level").
const FONT_DEFLATE_LEVEL: u8 = 7;

/// krilla's settings: the defaults for a plain PDF; the standards' validators otherwise.
fn settings(opts: &PdfOptions) -> Result<SerializeSettings, Error> {
    let mut settings = SerializeSettings {
        enable_tagging: !opts.standards.is_empty(),
        font_deflate_pieces: Some(FONT_DEFLATE_LEVEL),
        // The fonts' own boxes: drawing every glyph of the subsets to
        // find the smallest one took a quarter of the PDF's time (our krilla patch).
        font_bbox_from_tables: true,
        ..SerializeSettings::default()
    };
    if opts.standards.is_empty() {
        return Ok(settings);
    }
    let mut config = ConfigurationBuilder::new();
    for s in &opts.standards {
        config = config.set_validator(s.validator());
    }
    settings.configuration = config
        .finish()
        .map_err(|e| Error::Pdf(format!("these PDF standards cannot be met together: {e:?}")))?;
    Ok(settings)
}

fn metadata(layout: &Layout, opts: &PdfOptions) -> Metadata {
    let mut meta = Metadata::new()
        .title(layout.meta.title.clone())
        .language(layout.meta.language.clone())
        .creator(format!("gongwen {}", env!("CARGO_PKG_VERSION")));
    if let Some(a) = &layout.meta.author {
        meta = meta.authors(vec![a.clone()]);
    }
    if let Some(d) = opts.date
        && let Ok(year) = u16::try_from(d.year)
        && year <= 9999
    {
        meta = meta.creation_date(
            krilla::metadata::DateTime::new(year)
                .month(d.month)
                .day(d.day)
                .hour(d.hour)
                .minute(d.minute)
                .second(d.second)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    } else if let Some(d) = layout.meta.date.filter(|_| !opts.standards.is_empty()) {
        // PDF/A asks for a date: the document's own, so that the same source still gives the
        // same bytes.
        meta = meta.creation_date(
            krilla::metadata::DateTime::new(d.year)
                .month(d.month)
                .day(d.day),
        );
    }
    meta
}

/// A document's krilla fonts, each made once.
struct Fonts {
    /// By face.
    shared: Vec<Option<Font>>,
    /// The 份号's faces, subset on their own: its digits never take a place in the text's
    /// subset, so that numbered copies differ only in the 份号 and its small font.
    copy_number: Vec<Option<Font>>,
}

/// Draws one document's pages, noting what it tags.
struct Drawer<'a> {
    fonts: &'a mut Fonts,
    book: &'a FontBook,
    tree: &'a mut Structure,
    /// Which document of a bound PDF.
    document: usize,
    tagged: bool,
    /// The 份号's part, on the page that shows it.
    copy_number: Option<u32>,
}

impl Drawer<'_> {
    fn page(&mut self, pdf_page: &mut PdfPage, page: &Page) -> Result<(), Error> {
        let mut surface = pdf_page.surface();
        // A draft's watermark under everything, turned about its centre: an artifact.
        if let Some(mark) = &page.watermark {
            let (x, y) = mark.centre;
            surface.push_transform(&Transform::from_rotate_at(-mark.angle, x, y));
            surface.start_tagged(ContentTag::Artifact(Artifact::new(
                ArtifactType::Watermark,
                None,
            )));
            // As shapes, not text: copying the page's text or reading it aloud leaves it out.
            for run in &mark.runs {
                self.outlines(&mut surface, run)?;
            }
            surface.end_tagged();
            surface.pop();
        }
        // Rules are drawing, not content: artifacts.
        if !page.rules.is_empty() {
            surface.start_tagged(ContentTag::Artifact(Artifact::new(
                ArtifactType::Layout,
                None,
            )));
            for rule in &page.rules {
                let rect = Rect::from_xywh(
                    rule.x0,
                    rule.y - rule.thickness / 2.0,
                    rule.x1 - rule.x0,
                    rule.thickness,
                )
                .ok_or_else(|| Error::Pdf("a rule of no size".into()))?;
                let mut pb = PathBuilder::new();
                pb.push_rect(rect);
                if let Some(path) = pb.finish() {
                    surface.set_fill(Some(fill(rule.color)));
                    surface.draw_path(&path);
                }
            }
            surface.end_tagged();
        }
        let mut last_block = 0;
        for run in &page.runs {
            let content = match run.tag.kind {
                TagKind::Artifact => {
                    ContentTag::Artifact(Artifact::new(ArtifactType::PaginationOther, None))
                }
                _ => ContentTag::Span(SpanTag::empty()),
            };
            let id = surface.start_tagged(content);
            let own_subset = self.copy_number == Some(run.tag.block);
            self.glyphs(&mut surface, run, own_subset)?;
            surface.end_tagged();
            if self.tagged && run.tag.kind != TagKind::Artifact {
                self.tree.text(self.document, run, id);
                last_block = last_block.max(run.tag.block);
            }
        }
        // A seal over the text it presses on (§7.3.5.1): a figure after the page's text.
        for img in &page.images {
            // PDF/A forbids asking viewers to smooth an image.
            let image = Image::from_png(img.png.bytes.clone().into(), !self.tagged)
                .map_err(|e| Error::Pdf(format!("the seal image: {e}")))?;
            let size = Size::from_wh(img.width, img.height)
                .ok_or_else(|| Error::Pdf("an image of no size".into()))?;
            let id = surface.start_tagged(ContentTag::Other);
            surface.push_transform(&Transform::from_translate(img.x, img.y));
            surface.draw_image(image, size);
            surface.pop();
            surface.end_tagged();
            if self.tagged {
                self.tree.figure(self.document, last_block, &img.alt, id);
            }
        }
        surface.finish();
        Ok(())
    }

    /// A run's glyphs, each advancing to where the next one is placed (the advances carry the
    /// grid); `own_subset`: in the 份号's font.
    fn glyphs(
        &mut self,
        surface: &mut krilla::surface::Surface,
        run: &crate::layout::TextRun,
        own_subset: bool,
    ) -> Result<(), Error> {
        let Some(first) = run.glyphs.first() else {
            return Ok(());
        };
        let font = self.font(run.face, own_subset)?;
        let glyphs: Vec<KrillaGlyph> = run
            .glyphs
            .iter()
            .enumerate()
            .map(|(i, gl)| {
                let advance = run
                    .glyphs
                    .get(i + 1)
                    .map_or(gl.advance, |next| next.x - gl.x);
                KrillaGlyph {
                    glyph_id: GlyphId::new(u32::from(gl.id)),
                    text_range: gl.text.clone(),
                    x_advance: advance / run.size,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    y_advance: 0.0,
                    location: None,
                }
            })
            .collect();
        surface.set_fill(Some(fill(run.color)));
        surface.draw_glyphs(
            Point::from_xy(first.x, run.baseline),
            &glyphs,
            font,
            &run.text,
            run.size,
            false,
        );
        Ok(())
    }

    /// A run's glyphs as filled outlines.
    fn outlines(
        &mut self,
        surface: &mut krilla::surface::Surface,
        run: &crate::layout::TextRun,
    ) -> Result<(), Error> {
        let face = &self.book.faces[run.face];
        let parsed = ttf_parser::Face::parse(face.data.as_slice(), face.index)
            .map_err(|e| Error::Pdf(format!("reading the font {}: {e}", face.source)))?;
        let per_unit = run.size / f32::from(parsed.units_per_em());
        let mut shapes = Shapes {
            path: PathBuilder::new(),
            x: 0.0,
            y: run.baseline,
            per_unit,
        };
        for glyph in &run.glyphs {
            shapes.x = glyph.x;
            parsed.outline_glyph(ttf_parser::GlyphId(glyph.id), &mut shapes);
        }
        if let Some(path) = shapes.path.finish() {
            surface.set_fill(Some(fill(run.color)));
            surface.draw_path(&path);
        }
        Ok(())
    }

    /// The krilla font of a face, made once per document; `own_subset`: the 份号's.
    fn font(&mut self, face_id: crate::fonts::FaceId, own_subset: bool) -> Result<Font, Error> {
        let cache = match own_subset {
            true => &mut self.fonts.copy_number,
            false => &mut self.fonts.shared,
        };
        if let Some(f) = &cache[face_id] {
            return Ok(f.clone());
        }
        let face = &self.book.faces[face_id];
        let data: krilla::Data = match &face.data {
            FontBytes::Static(s) => (*s).into(),
            FontBytes::Mapped(m) => {
                let bytes: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync> = m.clone();
                bytes.into()
            }
        };
        // krilla tells fonts apart by what it reads of them, variation coordinates included: an
        // axis no font has (so no glyph changes) makes the 份号's copy of the face a font of its
        // own, with a subset of its own.
        let own_axis = [(krilla::text::Tag::new(b"GWcn"), 0.0)];
        let axes: &[(krilla::text::Tag, f32)] = if own_subset { &own_axis } else { &[] };
        let font = Font::new_variable(data, face.index, axes)
            .ok_or_else(|| Error::Pdf(format!("krilla cannot read the font {}", face.source)))?;
        cache[face_id] = Some(font.clone());
        Ok(font)
    }
}

/// Glyph outlines (font units, y up) as a path on the page, each from its glyph's origin.
struct Shapes {
    path: PathBuilder,
    /// The glyph's origin on the page.
    x: f32,
    y: f32,
    /// Points a font unit.
    per_unit: f32,
}

impl Shapes {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.per_unit, self.y - y * self.per_unit)
    }
}

impl ttf_parser::OutlineBuilder for Shapes {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let ((x1, y1), (x, y)) = (self.at(x1, y1), self.at(x, y));
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let ((x1, y1), (x2, y2), (x, y)) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

/// The tagged parts as they are drawn, in reading order: by document, then by part.
#[derive(Default)]
struct Structure {
    parts: BTreeMap<(usize, u32, u32), Part>,
}

/// One part of the structure tree and the marked content that shows it.
struct Part {
    kind: TagKind,
    /// Its text, for a heading's title.
    text: String,
    /// Marked content, or a table's cells by (row, column).
    content: Vec<Identifier>,
    cells: BTreeMap<(u16, u16), Vec<Identifier>>,
    /// A figure's alternative text.
    alt: Option<String>,
}

impl Part {
    fn new(kind: TagKind) -> Part {
        Part {
            kind,
            text: String::new(),
            content: Vec::new(),
            cells: BTreeMap::new(),
            alt: None,
        }
    }
}

impl Structure {
    fn text(&mut self, document: usize, run: &crate::layout::TextRun, id: Identifier) {
        let part = self
            .parts
            .entry((document, run.tag.block, 0))
            .or_insert_with(|| Part::new(run.tag.kind));
        match run.tag.kind {
            TagKind::Cell { row, column } => part.cells.entry((row, column)).or_default().push(id),
            _ => part.content.push(id),
        }
        part.text.push_str(&run.text);
    }

    /// A figure after part `after` of the document.
    fn figure(&mut self, document: usize, after: u32, alt: &str, id: Identifier) {
        let serial = self
            .parts
            .range((document, after, 1)..(document, after + 1, 0))
            .count() as u32;
        let mut part = Part::new(TagKind::Artifact);
        part.alt = Some(alt.to_string());
        part.content.push(id);
        self.parts.insert((document, after, 1 + serial), part);
    }

    fn into_tree(self, language: &str) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some(language.to_string()));
        for part in self.parts.into_values() {
            tree.push(part.into_node());
        }
        tree
    }
}

impl Part {
    fn into_node(self) -> Node {
        let leaves = |ids: Vec<Identifier>| ids.into_iter().map(Node::from).collect::<Vec<_>>();
        if let Some(alt) = self.alt {
            return TagGroup::with_children(Kind::Figure(Some(alt)), leaves(self.content)).into();
        }
        match self.kind {
            TagKind::Title => TagGroup::with_children(Kind::Title, leaves(self.content)).into(),
            TagKind::Heading(level) => TagGroup::with_children(
                Kind::Hn(
                    NonZeroU16::new(u16::from(level)).unwrap_or(NonZeroU16::MIN),
                    Some(self.text),
                ),
                leaves(self.content),
            )
            .into(),
            TagKind::Cell { .. } => table(self.cells),
            TagKind::Paragraph | TagKind::Artifact => {
                TagGroup::with_children(Kind::P, leaves(self.content)).into()
            }
        }
    }
}

/// A table: a row of header cells (row 0), then rows of data cells.
fn table(cells: BTreeMap<(u16, u16), Vec<Identifier>>) -> Node {
    let mut rows: BTreeMap<u16, Vec<Node>> = BTreeMap::new();
    for ((row, _), ids) in cells {
        let leaves: Vec<Node> = ids.into_iter().map(Node::from).collect();
        let cell: Node = if row == 0 {
            TagGroup::with_children(Kind::TH(TableHeaderScope::Column), leaves).into()
        } else {
            TagGroup::with_children(Kind::TD, leaves).into()
        };
        rows.entry(row).or_default().push(cell);
    }
    let rows: Vec<Node> = rows
        .into_values()
        .map(|cells| TagGroup::with_children(Kind::TR, cells).into())
        .collect();
    TagGroup::with_children(Kind::Table, rows).into()
}

fn fill(rgb: [u8; 3]) -> Fill {
    Fill {
        paint: krilla::color::rgb::Color::new(rgb[0], rgb[1], rgb[2]).into(),
        ..Fill::default()
    }
}

/// The headings' bookmarks, nested by level (a level-2 heading under the level-1 heading before
/// it), pointing `first_page` pages further on.
fn outline_nodes(entries: &[OutlineEntry], first_page: usize) -> Vec<OutlineNode> {
    let node = |e: &OutlineEntry| {
        OutlineNode::new(
            e.text.clone(),
            XyzDestination::new(first_page + e.page, Point::from_xy(0.0, e.y)),
        )
    };
    fn build(
        entries: &[OutlineEntry],
        level: u8,
        node: &dyn Fn(&OutlineEntry) -> OutlineNode,
    ) -> (Vec<OutlineNode>, usize) {
        let mut out = Vec::new();
        let mut i = 0;
        while i < entries.len() && entries[i].level >= level {
            let mut n = node(&entries[i]);
            let (children, used) = build(&entries[i + 1..], entries[i].level + 1, node);
            for c in children {
                n.push_child(c);
            }
            out.push(n);
            i += 1 + used;
        }
        (out, i)
    }
    let mut nodes = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let (more, used) = build(&entries[i..], entries[i].level, &node);
        nodes.extend(more);
        i += used.max(1);
    }
    nodes
}
