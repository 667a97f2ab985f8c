//! A page as PNG, drawn with tiny-skia: white paper, anti-aliased glyph outlines and rules,
//! seals scaled into place.

use rayon::prelude::*;
use tiny_skia::{
    Color, FillRule, FilterQuality, Mask, Paint, Path, PathBuilder, Pattern, Pixmap, Rect,
    SpreadMode, Transform,
};

use std::collections::HashMap;

use super::outline::{Command, Glyphs};
use crate::error::Error;
use crate::fonts::FaceId;
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

/// A glyph's coverage drawn once, at one size and quarter-pixel offset, to be painted in its
/// run's colour wherever it stands (as PDF viewers cache glyphs): where it starts from its
/// origin, its size and its coverage, a byte a pixel.
struct Sprite {
    mask: Mask,
    left: i32,
    top: i32,
}

/// Face, glyph, size (its bits), quarter pixel across.
type SpriteKey = (FaceId, u16, u32, u8);

/// Every glyph the pages draw at one scale, drawn once for all pages.
pub struct Shapes {
    /// Pixels a point.
    scale: f32,
    sprites: HashMap<SpriteKey, Sprite>,
}

impl Shapes {
    /// Draws each glyph the layout places, at `scale` pixels a point.
    pub fn of(glyphs: &Glyphs, layout: &Layout, scale: f32) -> Shapes {
        let paths: HashMap<(FaceId, u16), Path> = glyphs
            .outlines
            .iter()
            .filter_map(|(&key, outline)| Some((key, path(&outline.commands)?)))
            .collect();
        let mut keys: Vec<SpriteKey> = layout
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .flat_map(|run| {
                run.glyphs.iter().map(move |g| {
                    let (_, quarter, _) = placement(g.x, run.baseline, scale);
                    (run.face, g.id, run.size.to_bits(), quarter)
                })
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let sprites = keys
            .into_par_iter()
            .filter_map(|key| {
                let (face, id, size, quarter) = key;
                let upem = glyphs.units_per_em.get(&face).copied().unwrap_or(1000.0);
                let pixels_per_unit = f32::from_bits(size) / upem * scale;
                let sprite = draw_sprite(paths.get(&(face, id))?, pixels_per_unit, quarter)?;
                Some((key, sprite))
            })
            .collect();
        Shapes { scale, sprites }
    }
}

/// Where a glyph's origin falls in pixels: whole pixels and quarters across, whole pixels down
/// (rounded down, as poppler places glyphs).
fn placement(x: f32, baseline: f32, scale: f32) -> (i32, u8, i32) {
    let quarters = (x * scale * 4.0).floor() as i32;
    (
        quarters.div_euclid(4),
        quarters.rem_euclid(4) as u8,
        (baseline * scale).floor() as i32,
    )
}

fn draw_sprite(shape: &Path, pixels_per_unit: f32, quarter: u8) -> Option<Sprite> {
    let k = pixels_per_unit;
    let place = Transform::from_row(k, 0.0, 0.0, -k, f32::from(quarter) / 4.0, 0.0);
    let bounds = shape.clone().transform(place)?.bounds();
    let left = bounds.left().floor() as i32 - 1;
    let top = bounds.top().floor() as i32 - 1;
    let width = (bounds.right().ceil() as i32 - left + 1).max(1) as u32;
    let height = (bounds.bottom().ceil() as i32 - top + 1).max(1) as u32;
    let mut mask = Mask::new(width, height)?;
    let to_sprite = place.post_translate(-left as f32, -top as f32);
    mask.fill_path(shape, FillRule::Winding, true, to_sprite);
    Some(Sprite { mask, left, top })
}

/// Paints `sprite`'s coverage in `color` onto the page with its origin at (`x`, `y`): over
/// the premultiplied pixels, each blended by its coverage, those off the page left out.
fn paint_sprite(pixmap: &mut Pixmap, sprite: &Sprite, x: i32, y: i32, color: [u8; 3]) {
    let (page_w, page_h) = (pixmap.width() as i32, pixmap.height() as i32);
    let (w, h) = (sprite.mask.width() as i32, sprite.mask.height() as i32);
    let (x0, y0) = (x + sprite.left, y + sprite.top);
    let coverage = sprite.mask.data();
    let pixels = pixmap.data_mut();
    for row in 0..h {
        let py = y0 + row;
        if py < 0 || py >= page_h {
            continue;
        }
        for col in 0..w {
            let px = x0 + col;
            let a = u32::from(coverage[(row * w + col) as usize]);
            if a == 0 || px < 0 || px >= page_w {
                continue;
            }
            let at = ((py * page_w + px) * 4) as usize;
            for (channel, &c) in color.iter().enumerate() {
                let under = u32::from(pixels[at + channel]);
                pixels[at + channel] = ((u32::from(c) * a + under * (255 - a) + 127) / 255) as u8;
            }
            let under = u32::from(pixels[at + 3]);
            pixels[at + 3] = ((255 * a + under * (255 - a) + 127) / 255) as u8;
        }
    }
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

/// Page `index` drawn at the scale `shapes` were drawn at.
pub fn draw(layout: &Layout, shapes: &Shapes, index: usize) -> Result<Pixmap, Error> {
    let scale = shapes.scale;
    let g = &layout.geometry;
    let (w, h) = pixels(g.paper_width, g.paper_height, scale);
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| fail("a page of no pixels, or too many"))?;
    pixmap.fill(Color::WHITE);
    draw_page(&mut pixmap, &layout.pages[index], shapes)?;
    Ok(pixmap)
}

/// Draws a page onto `pixmap` at the scale of `shapes`.
fn draw_page(pixmap: &mut Pixmap, page: &Page, shapes: &Shapes) -> Result<(), Error> {
    // Rules and baselines on whole pixels, as PDF viewers draw them (poppler snaps thin fills
    // to pixel edges, and glyphs down to a whole pixel and a quarter pixel across): sharp rules,
    // and each line of text drawn alike wherever it falls.
    let scale = shapes.scale;
    for rule in &page.rules {
        let top = ((rule.y - rule.thickness / 2.0) * scale).round();
        let bottom = ((rule.y + rule.thickness / 2.0) * scale)
            .round()
            .max(top + 1.0);
        let (left, right) = (
            (rule.x0 * scale).round(),
            (rule.x1 * scale).round().max(rule.x0 * scale + 1.0),
        );
        if let Some(rect) = Rect::from_ltrb(left, top, right, bottom) {
            pixmap.fill_rect(rect, &paint(rule.color), Transform::identity(), None);
        }
    }
    for run in &page.runs {
        for glyph in &run.glyphs {
            let (x, quarter, y) = placement(glyph.x, run.baseline, scale);
            let key = (run.face, glyph.id, run.size.to_bits(), quarter);
            if let Some(sprite) = shapes.sprites.get(&key) {
                paint_sprite(pixmap, sprite, x, y, run.color);
            }
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
            pixmap.fill_rect(rect, &brush, Transform::from_scale(scale, scale), None);
        }
    }
    Ok(())
}

/// PNG bytes of an opaque pixmap: RGB (the paper is white, so no alpha), compressed with the
/// png crate's fastest mode (measured on the speech at 150 dpi: the default mode took longer
/// than drawing the pages; the fastest is about 20 ms quicker than "fast" for files 12 % larger),
/// and the resolution recorded.
pub fn encode(pixmap: &Pixmap, scale: f32) -> Result<Vec<u8>, Error> {
    let fail = |e: ::png::EncodingError| Error::Picture(format!("encoding a PNG: {e}"));
    let rgb: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| [p.red(), p.green(), p.blue()])
        .collect();
    let mut bytes = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(::png::ColorType::Rgb);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(::png::Compression::Fastest);
    let per_metre = (scale * PT_PER_INCH / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(::png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: ::png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(&rgb).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(bytes)
}

/// Points a pixel's scale for `dpi`.
pub fn scale_for_dpi(dpi: f32) -> f32 {
    dpi / PT_PER_INCH
}
