//! A picture's pixels: white paper, one byte a pixel where it holds nothing but greys and three
//! (RGB) where it has colour, written as PNG in that form (a grey page is a third the bytes to
//! fill, blend and compress).

use crate::error::Error;

/// Points in an inch.
const PT_PER_INCH: f32 = 72.0;

/// Pixels, row by row, `channels` bytes each (1: grey, 3: RGB).
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    channels: usize,
    data: Vec<u8>,
}

/// A colour as the canvas stores it: its grey or its RGB.
fn channels_of(color: [u8; 3], channels: usize) -> [u8; 3] {
    if channels == 1 {
        // Greys are drawn only on grey canvases; any colour's luma stands in otherwise.
        let [r, g, b] = color.map(u32::from);
        [((r * 299 + g * 587 + b * 114 + 500) / 1000) as u8, 0, 0]
    } else {
        color
    }
}

impl Canvas {
    /// A canvas `width` × `height` filled with `fill`, grey unless `color` is asked for.
    pub fn new(width: u32, height: u32, color: bool, fill: [u8; 3]) -> Canvas {
        let channels = if color { 3 } else { 1 };
        let fill = channels_of(fill, channels);
        let mut data = vec![fill[0]; width as usize * height as usize * channels];
        if channels == 3 && fill.iter().any(|&c| c != fill[0]) {
            for pixel in data.chunks_exact_mut(3) {
                pixel.copy_from_slice(&fill);
            }
        }
        Canvas {
            width,
            height,
            channels,
            data,
        }
    }

    /// Fills the pixels from (`left`, `top`) up to (`right`, `bottom`), clipped to the canvas.
    pub fn fill_rect(&mut self, left: i32, top: i32, right: i32, bottom: i32, color: [u8; 3]) {
        let color = channels_of(color, self.channels);
        let (left, right) = (
            left.max(0) as usize,
            right.clamp(0, self.width as i32) as usize,
        );
        for y in top.max(0)..bottom.min(self.height as i32) {
            let row = y as usize * self.width as usize;
            let pixels = &mut self.data
                [(row + left) * self.channels..(row + right.max(left)) * self.channels];
            for pixel in pixels.chunks_exact_mut(self.channels) {
                pixel.copy_from_slice(&color[..self.channels]);
            }
        }
    }

    /// Paints `coverage` (`width` bytes a row, one a pixel) in `color` with its top left at
    /// (`left`, `top`), each pixel blended over the canvas by its coverage; what falls off the
    /// canvas is left out.
    pub fn paint(&mut self, coverage: &[u8], width: usize, left: i32, top: i32, color: [u8; 3]) {
        if width == 0 {
            return;
        }
        let color = channels_of(color, self.channels);
        let cols = visible(left, width, self.width);
        for (row, line) in coverage.chunks_exact(width).enumerate() {
            let y = top + row as i32;
            if y < 0 || y >= self.height as i32 {
                continue;
            }
            let start = (y as usize * self.width as usize + (left + cols.start as i32) as usize)
                * self.channels;
            let pixels = &mut self.data[start..start + cols.len() * self.channels];
            let coverage = &line[cols.clone()];
            if self.channels == 1 {
                // One loop the compiler can vectorise: a pixel with no coverage keeps its grey.
                for (pixel, &alpha) in pixels.iter_mut().zip(coverage) {
                    *pixel = over(color[0], *pixel, alpha);
                }
            } else {
                for (pixel, &alpha) in pixels.chunks_exact_mut(3).zip(coverage) {
                    if alpha != 0 {
                        blend(pixel, &color, alpha);
                    }
                }
            }
        }
    }

    /// Lays premultiplied RGBA pixels (`width` a row) over the canvas with their top left at
    /// (`left`, `top`).
    pub fn composite(&mut self, rgba: &[u8], width: usize, left: i32, top: i32) {
        if width == 0 {
            return;
        }
        let cols = visible(left, width, self.width);
        for (row, line) in rgba.chunks_exact(width * 4).enumerate() {
            let y = top + row as i32;
            if y < 0 || y >= self.height as i32 {
                continue;
            }
            for col in cols.clone() {
                let src = &line[col * 4..col * 4 + 4];
                let x = (left + col as i32) as usize;
                let at = (y as usize * self.width as usize + x) * self.channels;
                let under = 255 - u32::from(src[3]);
                let over = channels_of([src[0], src[1], src[2]], self.channels);
                for (pixel, &value) in self.data[at..at + self.channels].iter_mut().zip(&over) {
                    *pixel = value.saturating_add(divide_by_255(u32::from(*pixel) * under));
                }
            }
        }
    }

    /// Copies `other` onto this canvas with its top left at row `top`, grey made RGB as needed.
    pub fn place(&mut self, other: &Canvas, top: u32) {
        let rows = other.height.min(self.height.saturating_sub(top)) as usize;
        let cols = other.width.min(self.width) as usize;
        for row in 0..rows {
            let from =
                &other.data[row * other.width as usize * other.channels..][..cols * other.channels];
            let at = ((top as usize + row) * self.width as usize) * self.channels;
            let to = &mut self.data[at..at + cols * self.channels];
            if other.channels == self.channels {
                to.copy_from_slice(from);
            } else {
                for (pixel, &grey) in to
                    .chunks_exact_mut(self.channels)
                    .zip(from.iter().step_by(other.channels))
                {
                    pixel.fill(grey);
                }
            }
        }
    }

    /// The canvas as PNG bytes at `scale` pixels a point, with the png crate's fastest mode
    /// (measured on the speech at 150 dpi: the default mode took longer than drawing the pages;
    /// the fastest is about 20 ms quicker than "fast" for files 12 % larger), the resolution
    /// recorded.
    pub fn encode(&self, scale: f32) -> Result<Vec<u8>, Error> {
        let fail = |e: ::png::EncodingError| Error::Picture(format!("encoding a PNG: {e}"));
        let mut bytes = Vec::new();
        let mut encoder = ::png::Encoder::new(&mut bytes, self.width, self.height);
        encoder.set_color(if self.channels == 1 {
            ::png::ColorType::Grayscale
        } else {
            ::png::ColorType::Rgb
        });
        encoder.set_depth(::png::BitDepth::Eight);
        encoder.set_compression(::png::Compression::Fastest);
        let per_metre = (scale * PT_PER_INCH / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: ::png::Unit::Meter,
        }));
        let mut writer = encoder.write_header().map_err(fail)?;
        writer.write_image_data(&self.data).map_err(fail)?;
        writer.finish().map_err(fail)?;
        Ok(bytes)
    }
}

/// The columns of a run `width` wide starting at `left` that fall on a canvas `canvas_width`
/// wide, counted from the run's start.
fn visible(left: i32, width: usize, canvas_width: u32) -> std::ops::Range<usize> {
    let start = (-left).max(0) as usize;
    let end = (canvas_width as i64 - i64::from(left)).clamp(0, width as i64) as usize;
    start.min(end)..end
}

/// `color` over `pixel` by `alpha` (0–255), rounded.
fn blend(pixel: &mut [u8], color: &[u8; 3], alpha: u8) {
    for (value, &c) in pixel.iter_mut().zip(color) {
        *value = over(c, *value, alpha);
    }
}

/// One channel's `value` over `under` by `alpha` (0–255), rounded.
fn over(value: u8, under: u8, alpha: u8) -> u8 {
    let alpha = u32::from(alpha);
    divide_by_255(u32::from(value) * alpha + u32::from(under) * (255 - alpha))
}

/// `value` / 255 rounded, for `value` up to 255 × 255, without a division.
fn divide_by_255(value: u32) -> u8 {
    let value = value + 128;
    ((value + (value >> 8)) >> 8) as u8
}

/// Points a pixel's scale for `dpi`.
pub fn scale_for_dpi(dpi: f32) -> f32 {
    dpi / PT_PER_INCH
}
