//! A page's pixels: white paper, the rules on whole pixels, each glyph's coverage drawn once
//! (with ab_glyph_rasterizer) and painted wherever it stands, seals scaled into place with
//! tiny-skia.

use ab_glyph_rasterizer::{Rasterizer, point};
use rayon::prelude::*;
use tiny_skia::{FilterQuality, Paint, Pattern, Pixmap, Rect, SpreadMode, Transform};

use std::collections::HashMap;

use super::canvas::Canvas;
use super::outline::{Command, Glyphs, Outline};
use crate::error::Error;
use crate::fonts::FaceId;
use crate::layout::{Layout, Page, PlacedImage, Watermark};

/// A glyph's coverage drawn once, at one size and quarter-pixel offset, to be painted in its
/// run's colour wherever it stands (as PDF viewers cache glyphs): where it starts from its
/// origin, its width and its coverage, a byte a pixel.
struct Sprite {
    coverage: Vec<u8>,
    width: usize,
    left: i32,
    top: i32,
}

/// Face, glyph, size (its bits), quarter pixel across.
type SpriteKey = (FaceId, u16, u32, u8);

/// Every glyph the pages draw at one scale, drawn once for all pages; and the outlines, for a
/// watermark's glyphs, which are drawn turned on each page.
pub struct Shapes<'a> {
    /// Pixels a point.
    scale: f32,
    sprites: HashMap<SpriteKey, Sprite>,
    glyphs: &'a Glyphs,
}

impl<'a> Shapes<'a> {
    /// Draws each glyph the layout places, at `scale` pixels a point.
    pub fn of(glyphs: &'a Glyphs, layout: &Layout, scale: f32) -> Shapes<'a> {
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
                let pixels_per_unit = f32::from_bits(size) / glyphs.units_per_em(face) * scale;
                let outline = glyphs.outlines.get(&(face, id))?;
                Some((key, draw_sprite(outline, pixels_per_unit, quarter)?))
            })
            .collect();
        Shapes {
            scale,
            sprites,
            glyphs,
        }
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

/// A glyph's outline filled at `pixels_per_unit` with its origin `quarter` quarters of a pixel
/// right of a pixel's edge; none for a glyph with no outline (a space).
fn draw_sprite(outline: &Outline, pixels_per_unit: f32, quarter: u8) -> Option<Sprite> {
    let shift = f32::from(quarter) / 4.0;
    rasterize(outline, |x, y| {
        (x * pixels_per_unit + shift, -y * pixels_per_unit)
    })
}

/// A glyph's outline filled where `to_pixels` takes its points (font units, y up) on the
/// picture; the sprite's `left` and `top` are where it lands in that picture.
fn rasterize(outline: &Outline, to_pixels: impl Fn(f32, f32) -> (f32, f32)) -> Option<Sprite> {
    let (mut left, mut top, mut right, mut bottom) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for command in &outline.commands {
        for (x, y) in command.points() {
            let (px, py) = to_pixels(x, y);
            (left, top, right, bottom) = (left.min(px), top.min(py), right.max(px), bottom.max(py));
        }
    }
    if left > right {
        return None;
    }
    let (left, top) = (left.floor() as i32, top.floor() as i32);
    let width = (right.ceil() as i32 - left).max(1) as usize;
    let height = (bottom.ceil() as i32 - top).max(1) as usize;
    let at = |x: f32, y: f32| {
        let (px, py) = to_pixels(x, y);
        point(px - left as f32, py - top as f32)
    };
    let mut raster = Rasterizer::new(width, height);
    let (mut start, mut pen) = (point(0.0, 0.0), point(0.0, 0.0));
    for command in &outline.commands {
        match *command {
            Command::Move(x, y) => {
                if pen != start {
                    raster.draw_line(pen, start);
                }
                (start, pen) = (at(x, y), at(x, y));
            }
            Command::Line(x, y) => {
                let to = at(x, y);
                raster.draw_line(pen, to);
                pen = to;
            }
            Command::Quad(x1, y1, x, y) => {
                let to = at(x, y);
                raster.draw_quad(pen, at(x1, y1), to);
                pen = to;
            }
            Command::Cubic(x1, y1, x2, y2, x, y) => {
                let to = at(x, y);
                raster.draw_cubic(pen, at(x1, y1), at(x2, y2), to);
                pen = to;
            }
            Command::Close => {
                if pen != start {
                    raster.draw_line(pen, start);
                }
                pen = start;
            }
        }
    }
    if pen != start {
        raster.draw_line(pen, start);
    }
    let mut coverage = vec![0u8; width * height];
    raster.for_each_pixel(|index, alpha| {
        coverage[index] = (alpha.min(1.0) * 255.0 + 0.5) as u8;
    });
    Some(Sprite {
        coverage,
        width,
        left,
        top,
    })
}

/// The size in pixels of a page `width` × `height` points at `scale` pixels a point: whole
/// pixels covering the page, as poppler's `pdftoppm` sizes it (A4 at 100 dpi: 827 × 1170).
pub fn pixels(width: f32, height: f32, scale: f32) -> (u32, u32) {
    let cover = |points: f32| ((points * scale) - 1e-3).ceil().max(1.0) as u32;
    (cover(width), cover(height))
}

/// Whether a page has colour: a run, a rule or a seal in anything but grey.
pub fn has_colour(page: &Page) -> bool {
    let grey = |c: [u8; 3]| c[0] == c[1] && c[1] == c[2];
    !page.images.is_empty()
        || page.runs.iter().any(|r| !grey(r.color))
        || page.rules.iter().any(|r| !grey(r.color))
}

/// Page `index` drawn at the scale `shapes` were drawn at, in RGB if `colour`, else in grey.
pub fn draw(layout: &Layout, shapes: &Shapes, index: usize, colour: bool) -> Result<Canvas, Error> {
    let g = &layout.geometry;
    let (w, h) = pixels(g.paper_width, g.paper_height, shapes.scale);
    let mut canvas = Canvas::new(w, h, colour, [255; 3]);
    draw_page(&mut canvas, &layout.pages[index], shapes)?;
    Ok(canvas)
}

/// Draws a page onto `canvas` at the scale of `shapes`.
fn draw_page(canvas: &mut Canvas, page: &Page, shapes: &Shapes) -> Result<(), Error> {
    // Rules and baselines on whole pixels, as PDF viewers draw them (poppler snaps thin fills
    // to pixel edges, and glyphs down to a whole pixel and a quarter pixel across): sharp rules,
    // and each line of text drawn alike wherever it falls.
    let scale = shapes.scale;
    if let Some(mark) = &page.watermark {
        draw_watermark(canvas, mark, shapes);
    }
    for rule in &page.rules {
        let top = ((rule.y - rule.thickness / 2.0) * scale).round();
        let bottom = ((rule.y + rule.thickness / 2.0) * scale)
            .round()
            .max(top + 1.0);
        let left = (rule.x0 * scale).round();
        let right = (rule.x1 * scale).round().max(left + 1.0);
        canvas.fill_rect(
            left as i32,
            top as i32,
            right as i32,
            bottom as i32,
            rule.color,
        );
    }
    for run in &page.runs {
        for glyph in &run.glyphs {
            let (x, quarter, y) = placement(glyph.x, run.baseline, scale);
            let key = (run.face, glyph.id, run.size.to_bits(), quarter);
            if let Some(sprite) = shapes.sprites.get(&key) {
                let (left, top) = (x + sprite.left, y + sprite.top);
                canvas.paint(&sprite.coverage, sprite.width, left, top, run.color);
            }
        }
    }
    for image in &page.images {
        draw_image(canvas, image, scale)?;
    }
    Ok(())
}

/// A draft's watermark, its glyphs turned about its centre and filled where they land (drawn
/// for the page; not kept as sprites, which stand upright).
fn draw_watermark(canvas: &mut Canvas, mark: &Watermark, shapes: &Shapes) {
    let scale = shapes.scale;
    let (sin, cos) = (-mark.angle).to_radians().sin_cos();
    let (cx, cy) = mark.centre;
    for run in &mark.runs {
        let per_unit = run.size / shapes.glyphs.units_per_em(run.face);
        for glyph in &run.glyphs {
            let Some(outline) = shapes.glyphs.outlines.get(&(run.face, glyph.id)) else {
                continue;
            };
            // Font units to the page, turned about the centre (y down), to pixels.
            let to_pixels = |x: f32, y: f32| {
                let (px, py) = (
                    glyph.x + x * per_unit - cx,
                    run.baseline - y * per_unit - cy,
                );
                (
                    (cx + px * cos - py * sin) * scale,
                    (cy + px * sin + py * cos) * scale,
                )
            };
            if let Some(sprite) = rasterize(outline, to_pixels) {
                canvas.paint(
                    &sprite.coverage,
                    sprite.width,
                    sprite.left,
                    sprite.top,
                    run.color,
                );
            }
        }
    }
}

/// A seal or stamp scaled into its place with bicubic filtering, over what is drawn there.
fn draw_image(canvas: &mut Canvas, image: &PlacedImage, scale: f32) -> Result<(), Error> {
    let picture = Pixmap::decode_png(image.png.bytes.as_slice())
        .map_err(|e| Error::Picture(format!("a seal's PNG: {e}")))?;
    let left = (image.x * scale).floor();
    let top = (image.y * scale).floor();
    let width = ((image.x + image.width) * scale).ceil() - left;
    let height = ((image.y + image.height) * scale).ceil() - top;
    let Some(mut area) = Pixmap::new(width.max(1.0) as u32, height.max(1.0) as u32) else {
        return Ok(());
    };
    let (iw, ih) = (picture.width() as f32, picture.height() as f32);
    let fit = Transform::from_row(
        image.width / iw,
        0.0,
        0.0,
        image.height / ih,
        image.x,
        image.y,
    );
    let pattern = Pattern::new(
        picture.as_ref(),
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
    let to_area = Transform::from_scale(scale, scale).post_translate(-left, -top);
    if let Some(rect) = Rect::from_xywh(image.x, image.y, image.width, image.height) {
        area.fill_rect(rect, &brush, to_area, None);
    }
    canvas.composite(area.data(), area.width() as usize, left as i32, top as i32);
    Ok(())
}
