//! Glyph outlines, read once from the fonts for every glyph the pages use, in font units (y up).

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
    pub(super) units_per_em: HashMap<FaceId, f32>,
}

impl Glyphs {
    /// Reads the outline of every glyph the layout places (a space has none).
    pub fn of(layout: &Layout, book: &FontBook) -> Result<Glyphs, Error> {
        let mut glyphs = Glyphs::default();
        let mut wanted: Vec<(FaceId, u16)> = layout
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .flat_map(|r| r.glyphs.iter().map(move |g| (r.face, g.id)))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut face_at: Option<(FaceId, ttf_parser::Face)> = None;
        for (face_id, glyph) in wanted {
            if face_at.as_ref().is_none_or(|(id, _)| *id != face_id) {
                let face = &book.faces[face_id];
                let parsed =
                    ttf_parser::Face::parse(face.data.as_slice(), face.index).map_err(|e| {
                        Error::Picture(format!("reading the font {}: {e}", face.source))
                    })?;
                glyphs
                    .units_per_em
                    .insert(face_id, f32::from(parsed.units_per_em()));
                face_at = Some((face_id, parsed));
            }
            if let Some((_, face)) = &face_at {
                let mut outline = Outline::default();
                face.outline_glyph(ttf_parser::GlyphId(glyph), &mut outline);
                glyphs.outlines.insert((face_id, glyph), outline);
            }
        }
        Ok(glyphs)
    }
}
