//! Backends that draw the layout's pages as pictures: SVG (`svg`) and PNG (`png`), one a page,
//! or all pages stacked in one long PNG for a phone. They walk the same pages as the PDF
//! backend, with the glyph outlines read once from the fonts (`outline`), and draw pages in
//! parallel; they decide nothing of their own.

mod canvas;
mod outline;
mod png;
mod svg;

pub use outline::Glyphs;

use rayon::prelude::*;

use crate::error::Error;
use crate::layout::Layout;
use canvas::Canvas;

/// The dots per inch a PNG page is drawn at unless told.
pub const DEFAULT_DPI: f32 = 150.0;
/// The long image's width in pixels unless told: a phone's screen.
pub const DEFAULT_LONG_WIDTH: u32 = 1080;
/// The most pixels one picture may have (the long image of a long document would otherwise
/// take gigabytes).
pub const MAX_PIXELS: u64 = 250_000_000;
/// The gap between pages in the long image, in points, and its grey.
const GAP_PT: f32 = 6.0;
const GAP_GREY: u8 = 0xd8;

/// Every page as an SVG document; `glyphs` as [`Glyphs::of`] reads them for the layout.
pub fn svg_pages(layout: &Layout, glyphs: &Glyphs) -> Result<Vec<String>, Error> {
    let paths = svg::Paths::of(glyphs);
    (0..layout.pages.len())
        .into_par_iter()
        .map(|i| svg::page(layout, glyphs, &paths, i))
        .collect()
}

/// Every page as PNG at `dpi` dots per inch.
pub fn png_pages(layout: &Layout, glyphs: &Glyphs, dpi: f32) -> Result<Vec<Vec<u8>>, Error> {
    let scale = canvas::scale_for_dpi(dpi);
    let g = &layout.geometry;
    let (w, h) = png::pixels(g.paper_width, g.paper_height, scale);
    check_size(u64::from(w) * u64::from(h), "a page")?;
    let shapes = png::Shapes::of(glyphs, layout, scale);
    (0..layout.pages.len())
        .into_par_iter()
        .map(|i| {
            let colour = png::has_colour(&layout.pages[i]);
            png::draw(layout, &shapes, i, colour)?.encode(scale)
        })
        .collect()
}

/// All pages in one PNG `width` pixels wide, stacked in order with a thin grey gap between
/// them: the long image (长图) passed around in chat groups.
pub fn long_png(layout: &Layout, glyphs: &Glyphs, width: u32) -> Result<Vec<u8>, Error> {
    let g = &layout.geometry;
    let scale = width as f32 / g.paper_width;
    let (page_w, page_h) = png::pixels(g.paper_width, g.paper_height, scale);
    let gap = (GAP_PT * scale).round() as u32;
    let n = layout.pages.len() as u32;
    let height = u64::from(n) * u64::from(page_h) + u64::from(n.saturating_sub(1) * gap);
    check_size(u64::from(page_w) * height, "the long image")?;
    let shapes = png::Shapes::of(glyphs, layout, scale);
    let colour = layout.pages.iter().any(png::has_colour);
    let pages: Vec<Canvas> = (0..layout.pages.len())
        .into_par_iter()
        .map(|i| png::draw(layout, &shapes, i, colour))
        .collect::<Result<_, _>>()?;
    let mut long = Canvas::new(page_w, height as u32, colour, [GAP_GREY; 3]);
    for (i, page) in pages.iter().enumerate() {
        long.place(page, i as u32 * (page_h + gap));
    }
    long.encode(scale)
}

fn check_size(pixels: u64, what: &str) -> Result<(), Error> {
    if pixels > MAX_PIXELS {
        return Err(Error::Picture(format!(
            "{what} would have {pixels} pixels, more than {MAX_PIXELS}: use a lower --dpi or \
             --width, or pages one by one"
        )));
    }
    Ok(())
}
