//! A page as PNG, drawn with tiny-skia: white paper, anti-aliased glyph outlines and rules,
//! seals scaled into place.

use tiny_skia::{
    Color, FillRule, FilterQuality, Paint, Path, PathBuilder, Pattern, Pixmap, Rect, SpreadMode,
    Transform,
};

use super::outline::{Command, Glyphs};
use crate::error::Error;
use crate::layout::{Layout, Page};

/// Points in an inch.
const PT_PER_INCH: f32 = 72.0;

fn fail(what: &str) -> Error {
    Error::Picture(what.to_string())
}

fn paint(rgb: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(rgb[0], rgb[1], rgb[2], 255);
    paint.anti_alias = true;
    paint
}

fn path(commands: &[Command]) -> Option<Path> {
    let mut b = PathBuilder::new();
    for c in commands {
        match *c {
            Command::Move(x, y) => b.move_to(x, y),
            Command::Line(x, y) => b.line_to(x, y),
            Command::Quad(x1, y1, x, y) => b.quad_to(x1, y1, x, y),
            Command::Cubic(x1, y1, x2, y2, x, y) => b.cubic_to(x1, y1, x2, y2, x, y),
            Command::Close => b.close(),
        }
    }
    b.finish()
}

/// The size in pixels of a page `width` × `height` points at `scale` pixels a point: whole
/// pixels covering the page, as poppler's `pdftoppm` sizes it (A4 at 100 dpi: 827 × 1170).
pub fn pixels(width: f32, height: f32, scale: f32) -> (u32, u32) {
    let cover = |points: f32| ((points * scale) - 1e-3).ceil().max(1.0) as u32;
    (cover(width), cover(height))
}

/// Page `index` drawn at `scale` pixels a point (`dpi / 72`).
pub fn draw(layout: &Layout, glyphs: &Glyphs, index: usize, scale: f32) -> Result<Pixmap, Error> {
    let g = &layout.geometry;
    let (w, h) = pixels(g.paper_width, g.paper_height, scale);
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| fail("a page of no pixels, or too many"))?;
    pixmap.fill(Color::WHITE);
    draw_page(
        &mut pixmap,
        &layout.pages[index],
        glyphs,
        Transform::from_scale(scale, scale),
    )?;
    Ok(pixmap)
}

/// Draws a page onto `pixmap`, points mapped to pixels by `to_pixels`.
pub fn draw_page(
    pixmap: &mut Pixmap,
    page: &Page,
    glyphs: &Glyphs,
    to_pixels: Transform,
) -> Result<(), Error> {
    // Rules and baselines on whole pixels, as PDF viewers draw them (poppler snaps thin fills
    // to pixel edges, and glyphs down to a whole pixel and a quarter pixel across): sharp rules,
    // and each line of text drawn alike wherever it falls.
    let (sx, sy) = (to_pixels.sx, to_pixels.sy);
    for rule in &page.rules {
        let top = ((rule.y - rule.thickness / 2.0) * sy).round();
        let bottom = ((rule.y + rule.thickness / 2.0) * sy)
            .round()
            .max(top + 1.0);
        let (left, right) = (
            (rule.x0 * sx).round(),
            (rule.x1 * sx).round().max(rule.x0 * sx + 1.0),
        );
        if let Some(rect) = Rect::from_ltrb(left, top, right, bottom) {
            pixmap.fill_rect(rect, &paint(rule.color), Transform::identity(), None);
        }
    }
    for run in &page.runs {
        let upem = glyphs
            .units_per_em
            .get(&run.face)
            .copied()
            .unwrap_or(1000.0);
        let scale = run.size / upem;
        let colour = paint(run.color);
        for glyph in &run.glyphs {
            let Some(outline) = glyphs.outlines.get(&(run.face, glyph.id)) else {
                continue;
            };
            let Some(shape) = path(&outline.commands) else {
                continue;
            };
            let x = (glyph.x * sx * 4.0).floor() / 4.0;
            let y = (run.baseline * sy).floor();
            let place = Transform::from_row(scale * sx, 0.0, 0.0, -scale * sy, x, y);
            pixmap.fill_path(&shape, &colour, FillRule::Winding, place, None);
        }
    }
    for im in &page.images {
        let image = Pixmap::decode_png(im.png.bytes.as_slice())
            .map_err(|e| Error::Picture(format!("a seal's PNG: {e}")))?;
        let (iw, ih) = (image.width() as f32, image.height() as f32);
        let fit = Transform::from_row(im.width / iw, 0.0, 0.0, im.height / ih, im.x, im.y);
        let pattern = Pattern::new(
            image.as_ref(),
            SpreadMode::Pad,
            FilterQuality::Bicubic,
            1.0,
            fit,
        );
        let brush = Paint {
            shader: pattern,
            anti_alias: true,
            ..Paint::default()
        };
        if let Some(rect) = Rect::from_xywh(im.x, im.y, im.width, im.height) {
            pixmap.fill_rect(rect, &brush, to_pixels, None);
        }
    }
    Ok(())
}

/// PNG bytes of a pixmap.
pub fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, Error> {
    pixmap
        .encode_png()
        .map_err(|e| Error::Picture(format!("encoding a PNG: {e}")))
}

/// Points a pixel's scale for `dpi`.
pub fn scale_for_dpi(dpi: f32) -> f32 {
    dpi / PT_PER_INCH
}
