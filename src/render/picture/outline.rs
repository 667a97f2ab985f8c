//! Glyph outlines, read once from the fonts for every glyph the pages use, in font units (y up).

use rayon::prelude::*;

use std::collections::HashMap;

use crate::error::Error;
use crate::fonts::{FaceId, FontBook};
use crate::layout::Layout;

/// A glyph's outline as path commands in font units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    pub commands: Vec<Command>,
}

/// One path command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Command {
    Move(f32, f32),
    Line(f32, f32),
    Quad(f32, f32, f32, f32),
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

impl Command {
    /// The points it names: its end point and any control points.
    pub fn points(&self) -> impl Iterator<Item = (f32, f32)> {
        let (points, count) = match *self {
            Command::Move(x, y) | Command::Line(x, y) => ([(x, y), (0.0, 0.0), (0.0, 0.0)], 1),
            Command::Quad(x1, y1, x, y) => ([(x1, y1), (x, y), (0.0, 0.0)], 2),
            Command::Cubic(x1, y1, x2, y2, x, y) => ([(x1, y1), (x2, y2), (x, y)], 3),
            Command::Close => ([(0.0, 0.0); 3], 0),
        };
        points.into_iter().take(count)
    }
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.commands.push(Command::Move(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.commands.push(Command::Line(x, y));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.commands.push(Command::Quad(x1, y1, x, y));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.commands.push(Command::Cubic(x1, y1, x2, y2, x, y));
    }
    fn close(&mut self) {
        self.commands.push(Command::Close);
    }
}

/// The outline of every glyph a layout draws, in font units, with each face's units per em:
/// read once ([`Glyphs::of`]) for all the pictures of a render.
#[derive(Debug, Default)]
pub struct Glyphs {
    pub(super) outlines: HashMap<(FaceId, u16), Outline>,
    units_per_em: HashMap<FaceId, f32>,
}

impl Glyphs {
    /// Font units a face's em has (1000 for a face none of whose glyphs was read).
    pub(super) fn units_per_em(&self, face: FaceId) -> f32 {
        self.units_per_em.get(&face).copied().unwrap_or(1000.0)
    }

    /// Reads the outline of every glyph the layout places (a space has none), in parallel
    /// batches of one face's glyphs.
    pub fn of(layout: &Layout, book: &FontBook) -> Result<Glyphs, Error> {
        let mut wanted: Vec<(FaceId, u16)> = layout
            .pages
            .iter()
            .flat_map(|p| p.all_runs())
            .flat_map(|r| r.glyphs.iter().map(move |g| (r.face, g.id)))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let batches: Vec<&[(FaceId, u16)]> = wanted
            .chunk_by(|a, b| a.0 == b.0)
            .flat_map(|face| face.chunks(BATCH))
            .collect();
        let read: Vec<Batch> = batches
            .into_par_iter()
            .map(|batch| read_batch(book, batch))
            .collect::<Result<_, _>>()?;
        let mut glyphs = Glyphs::default();
        for batch in read {
            glyphs.units_per_em.insert(batch.face, batch.units_per_em);
            glyphs.outlines.extend(batch.outlines);
        }
        Ok(glyphs)
    }
}

/// Glyphs read together, all of one face: about a millisecond's work.
const BATCH: usize = 64;

/// The outlines of a batch of one face's glyphs, with the face's units per em.
struct Batch {
    face: FaceId,
    units_per_em: f32,
    outlines: Vec<((FaceId, u16), Outline)>,
}

fn read_batch(book: &FontBook, glyphs: &[(FaceId, u16)]) -> Result<Batch, Error> {
    let face_id = glyphs[0].0;
    let face = &book.faces[face_id];
    let parsed = ttf_parser::Face::parse(face.data.as_slice(), face.index)
        .map_err(|e| Error::Picture(format!("reading the font {}: {e}", face.source)))?;
    let outlines = glyphs
        .iter()
        .map(|&(face, glyph)| {
            let mut outline = Outline::default();
            parsed.outline_glyph(ttf_parser::GlyphId(glyph), &mut outline);
            ((face, glyph), outline)
        })
        .collect();
    Ok(Batch {
        face: face_id,
        units_per_em: f32::from(parsed.units_per_em()),
        outlines,
    })
}
