//! Pages as pictures: SVG and PNG pages, and the long image.

mod common;

use gongwen::{Formats, Options, Pictures, Source};

const EXAMPLES: [&str; 6] = ["speech", "notice", "request", "minutes", "order", "letter"];

fn render(name: &str, pictures: Pictures, formats: Formats) -> gongwen::Output {
    let path = common::examples().join(format!("{name}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let source = Source::new(format!("{name}.yaml"), text).in_dir(common::examples());
    let opts = Options {
        formats,
        pictures,
        ..common::options()
    };
    gongwen::render(&source, &opts).unwrap()
}

fn pictures_only() -> Formats {
    Formats {
        svg: true,
        png: true,
        pdf: true,
        ..Formats::default()
    }
}

/// Width, height and grey levels of a PNG.
fn grey(png: &[u8]) -> (usize, usize, Vec<u8>) {
    let pixmap = tiny_skia::Pixmap::decode_png(png).expect("a PNG");
    let grey = pixmap
        .pixels()
        .iter()
        .map(|p| {
            let c = p.demultiply();
            ((u32::from(c.red()) * 299 + u32::from(c.green()) * 587 + u32::from(c.blue()) * 114)
                / 1000) as u8
        })
        .collect();
    (pixmap.width() as usize, pixmap.height() as usize, grey)
}

#[test]
fn every_page_comes_as_a_well_formed_svg_and_a_png_of_a4_at_the_dpi() {
    for name in EXAMPLES {
        let out = render(name, Pictures::default(), pictures_only());
        let svgs = out.svg.unwrap();
        let pngs = out.png.unwrap();
        assert_eq!(svgs.len(), out.pages, "{name}");
        assert_eq!(pngs.len(), out.pages, "{name}");
        for svg in &svgs {
            let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            let width: f32 = root
                .attribute("width")
                .unwrap()
                .trim_end_matches("pt")
                .parse()
                .unwrap();
            assert!((width - 595.2756).abs() < 0.01, "A4 wide: {width}");
            // The text is there to select and search, as well as drawn.
            let text: String = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .collect();
            assert!(!text.is_empty());
            assert!(doc.descendants().any(|n| n.has_tag_name("use")));
        }
        // A4 at 150 dpi: 1241 × 1754 pixels, white paper.
        let (w, h, pixels) = grey(&pngs[0]);
        assert_eq!((w, h), (1241, 1754), "{name}");
        assert_eq!(pixels[0], 255, "white paper");
        assert!(pixels.iter().any(|&p| p < 64), "{name}: ink on the page");
    }
}

#[test]
fn the_long_image_stacks_every_page_with_a_gap_at_the_width_asked() {
    let pictures = Pictures {
        long_image_width: Some(1080),
        ..Pictures::default()
    };
    let out = render(
        "notice",
        pictures,
        Formats {
            png: true,
            ..Formats::default()
        },
    );
    let png = out.png.unwrap();
    assert_eq!(png.len(), 1, "one picture");
    let (w, h, pixels) = grey(&png[0]);
    assert_eq!(w, 1080);
    let page_h = (841.8898_f32 * 1080.0 / 595.2756).ceil() as usize;
    let gap = (6.0_f32 * 1080.0 / 595.2756).round() as usize;
    assert_eq!(h, out.pages * page_h + (out.pages - 1) * gap);
    // Each gap is grey from edge to edge; each page starts white.
    for k in 1..out.pages {
        let gap_row = k * page_h + (k - 1) * gap + gap / 2;
        assert!(
            pixels[gap_row * w..(gap_row + 1) * w]
                .iter()
                .all(|&p| p < 250 && p > 180)
        );
        let page_row = k * (page_h + gap);
        assert_eq!(pixels[page_row * w], 255);
    }
}

#[test]
fn a_long_image_too_big_is_refused_not_allocated() {
    let path = common::examples().join("speech.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let opts = Options {
        formats: Formats {
            png: true,
            ..Formats::default()
        },
        pictures: Pictures {
            long_image_width: Some(100_000),
            ..Pictures::default()
        },
        ..common::options()
    };
    let err = gongwen::render(&Source::new("speech.yaml", text), &opts).unwrap_err();
    assert!(err.to_string().contains("pixels"), "{err}");
}

/// Each example's PNG pages at 100 dpi against poppler's rasterisation of its PDF: under 2 grey
/// levels apart on average, and no glyph's area missing. Needs `pdftoppm` (poppler), so it runs
/// in `.ci/run`: `cargo test --test picture -- --ignored`.
#[test]
#[ignore = "needs pdftoppm (poppler-utils); .ci/run runs it"]
fn png_pages_match_poppler_s_rendering_of_the_pdf() {
    let dir = std::env::temp_dir().join(format!("gongwen-picture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in EXAMPLES {
        let out = render(
            name,
            Pictures {
                dpi: 100.0,
                ..Pictures::default()
            },
            pictures_only(),
        );
        let pdf = dir.join(format!("{name}.pdf"));
        std::fs::write(&pdf, out.pdf.unwrap()).unwrap();
        let status = std::process::Command::new("pdftoppm")
            .args(["-r", "100", "-png"])
            .arg(&pdf)
            .arg(dir.join(name))
            .status()
            .expect("pdftoppm (poppler-utils) runs");
        assert!(status.success());
        for (i, ours) in out.png.unwrap().iter().enumerate() {
            let digits = if out.pages >= 10 { 2 } else { 1 };
            let theirs = dir.join(format!("{name}-{:0digits$}.png", i + 1));
            let (w, h, a) = grey(ours);
            let (w2, h2, b) = grey(&std::fs::read(&theirs).unwrap());
            assert_eq!((w, h), (w2, h2), "{name} page {}: size", i + 1);
            let mean = a
                .iter()
                .zip(&b)
                .map(|(&x, &y)| f64::from(x.abs_diff(y)))
                .sum::<f64>()
                / a.len() as f64;
            assert!(
                mean < 2.0,
                "{name} page {}: mean difference {mean:.2}",
                i + 1
            );
            // No glyph's area missing: no 8 × 8 block where poppler draws ink (as much as 8
            // black pixels) and we draw less than a quarter of it.
            let darkness = |p: &[u8], bx: usize, by: usize| -> u32 {
                (0..64)
                    .map(|k| 255 - u32::from(p[(by * 8 + k / 8) * w + bx * 8 + k % 8]))
                    .sum()
            };
            for by in 0..h / 8 {
                for bx in 0..w / 8 {
                    let (ours, theirs) = (darkness(&a, bx, by), darkness(&b, bx, by));
                    assert!(
                        theirs < 8 * 255 || ours * 4 >= theirs,
                        "{name} page {}: ink missing near ({}, {}) px: {ours} against {theirs}",
                        i + 1,
                        bx * 8,
                        by * 8
                    );
                }
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
