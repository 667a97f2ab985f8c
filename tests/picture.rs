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

/// A picture's width, height and grey levels, a byte a pixel.
type Picture = (usize, usize, Vec<u8>);

/// A PNG as a grey picture.
fn grey(png: &[u8]) -> Picture {
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
            let page = format!("{name} page {}", i + 1);
            assert_same_picture(&page, grey(ours), grey(&std::fs::read(&theirs).unwrap()));
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Each example's SVG pages, rasterised by resvg, against its PNG pages: the SVG draws the same
/// picture (glyph outlines, rules, seals) as the PNG, which the test above holds to poppler's
/// rendering of the PDF. The PNG sets each baseline on a whole pixel, as viewers do, and the SVG
/// where the layout put it; so both are drawn at 300 dpi and compared at 100, each pixel the
/// mean of 3 × 3, which averages out a shift of under a pixel and keeps a missing glyph. About
/// ten seconds optimised and three minutes not, so `.ci/run` runs it with `--release`.
#[test]
#[ignore = "slow unoptimised; .ci/run runs it with --release"]
fn svg_pages_rasterised_by_resvg_match_the_png_pages() {
    const DPI: f32 = 300.0;
    const AVERAGED: usize = 3;
    for name in EXAMPLES {
        let out = render(
            name,
            Pictures {
                dpi: DPI,
                ..Pictures::default()
            },
            pictures_only(),
        );
        let pngs = out.png.unwrap();
        for (i, (svg, ours)) in out.svg.unwrap().iter().zip(&pngs).enumerate() {
            let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
                .expect("an SVG resvg reads");
            let ours = grey(ours);
            let mut pixmap = tiny_skia::Pixmap::new(ours.0 as u32, ours.1 as u32).unwrap();
            // usvg reads the page's size in points as 96-dpi pixels.
            let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
            let points: f32 = doc
                .root_element()
                .attribute("width")
                .unwrap()
                .trim_end_matches("pt")
                .parse()
                .unwrap();
            let scale = DPI / 72.0 * points / tree.size().width();
            resvg::render(
                &tree,
                tiny_skia::Transform::from_scale(scale, scale),
                &mut pixmap.as_mut(),
            );
            let page = format!("{name} page {} (SVG)", i + 1);
            assert_drawn_alike(&page, ours, grey(&pixmap.encode_png().unwrap()), AVERAGED);
        }
    }
}

/// `theirs`, a page drawn by resvg, against `ours`, the PNG page drawn at the same size, both
/// averaged `k` × `k`: no further apart than a one-pixel shift of ours alone makes (the PNG puts
/// baselines on whole pixels, as viewers do; resvg where they are), and no ink missing either way.
fn assert_drawn_alike(page: &str, ours: Picture, theirs: Picture, k: usize) {
    let theirs = average(theirs, k);
    let shifted = average(shift_down(&ours), k);
    let ours = average(ours, k);
    let allowed = mean_difference(page, &ours, &shifted);
    let mean = mean_difference(page, &ours, &theirs);
    assert!(
        mean <= allowed,
        "{page}: mean difference {mean:.2}, a pixel's shift makes {allowed:.2}"
    );
    assert_no_ink_missing(page, &ours, &theirs);
    assert_no_ink_missing(&format!("{page}, the other way"), &theirs, &ours);
}

/// The picture moved down a pixel, its top row white.
fn shift_down((w, h, grey): &Picture) -> Picture {
    let mut moved = vec![255; w * h];
    moved[*w..].copy_from_slice(&grey[..w * (h - 1)]);
    (*w, *h, moved)
}

/// A grey picture with each `k` × `k` block of pixels made one, their mean.
fn average((w, h, grey): Picture, k: usize) -> Picture {
    let (aw, ah) = (w / k, h / k);
    let mean = |bx: usize, by: usize| {
        let sum: u32 = (0..k * k)
            .map(|n| u32::from(grey[(by * k + n / k) * w + bx * k + n % k]))
            .sum();
        ((sum + (k * k / 2) as u32) / (k * k) as u32) as u8
    };
    let pixels = (0..ah)
        .flat_map(|by| (0..aw).map(move |bx| (bx, by)))
        .map(|(bx, by)| mean(bx, by))
        .collect();
    (aw, ah, pixels)
}

/// Two pictures of a page the same size, under 2 grey levels apart on average, and no glyph's
/// area of `theirs` missing from `ours`.
fn assert_same_picture(page: &str, ours: Picture, theirs: Picture) {
    let mean = mean_difference(page, &ours, &theirs);
    assert!(mean < 2.0, "{page}: mean difference {mean:.2}");
    assert_no_ink_missing(page, &ours, &theirs);
}

/// The mean of the two pictures' differences in grey, pixel by pixel.
fn mean_difference(page: &str, (w, h, a): &Picture, (w2, h2, b): &Picture) -> f64 {
    assert_eq!((w, h), (w2, h2), "{page}: size");
    a.iter()
        .zip(b)
        .map(|(&x, &y)| f64::from(x.abs_diff(y)))
        .sum::<f64>()
        / a.len() as f64
}

/// No 8 × 8 block where `theirs` has ink (as much as 8 black pixels) and `ours` less than a
/// quarter of it: no glyph, rule or seal left out.
fn assert_no_ink_missing(page: &str, (w, h, a): &Picture, (_, _, b): &Picture) {
    let darkness = |p: &[u8], bx: usize, by: usize| -> u32 {
        (0..64)
            .map(|k| 255 - u32::from(p[(by * 8 + k / 8) * w + bx * 8 + k % 8]))
            .sum()
    };
    for by in 0..h / 8 {
        for bx in 0..w / 8 {
            let (ours, theirs) = (darkness(a, bx, by), darkness(b, bx, by));
            assert!(
                theirs < 8 * 255 || ours * 4 >= theirs,
                "{page}: ink missing near ({}, {}) px: {ours} against {theirs}",
                bx * 8,
                by * 8
            );
        }
    }
}

/// A page with nothing but black on white is written in grey, a byte a pixel (a third of RGB's
/// bytes to draw and compress); a page with a red rule, a red mark or a seal in RGB.
#[test]
fn png_pages_are_grey_unless_the_page_has_colour() {
    let colour_of = |png: &[u8]| {
        let reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        reader.info().color_type
    };
    let speech = render("speech", Pictures::default(), pictures_only());
    for page in speech.png.unwrap() {
        assert_eq!(colour_of(&page), png::ColorType::Grayscale);
    }
    // The notice's first page has the red 版头 (its mark and rule).
    let notice = render("notice", Pictures::default(), pictures_only());
    assert_eq!(colour_of(&notice.png.unwrap()[0]), png::ColorType::Rgb);
}

/// Each example's OFD pages, read by a small reader here (text objects to SVG text at each
/// glyph's `DeltaX` place, paths, images) and drawn by resvg with no fonts but those the OFD
/// embeds, against the PNG pages: the OFD shows what the PDF shows, with its own fonts. Compared
/// as the SVG test above compares (300 dpi, averaged to 100). `.ci/run` runs it with
/// `--release`.
#[test]
#[ignore = "slow unoptimised; .ci/run runs it with --release"]
fn ofd_pages_drawn_with_their_embedded_fonts_match_the_png_pages() {
    const DPI: f32 = 300.0;
    const AVERAGED: usize = 3;
    for name in EXAMPLES {
        let out = render(
            name,
            Pictures {
                dpi: DPI,
                ..Pictures::default()
            },
            Formats {
                png: true,
                ofd: true,
                ..Formats::default()
            },
        );
        let ofd = ofd::Package::read(out.ofd.as_deref().unwrap());
        // Each embedded font by its id alone, as an OFD reader binds them: no names matched.
        let mut options = resvg::usvg::Options::default();
        for (id, font) in &ofd.fonts {
            use resvg::usvg::fontdb;
            options.fontdb_mut().push_face_info(fontdb::FaceInfo {
                id: fontdb::ID::dummy(),
                source: fontdb::Source::Binary(std::sync::Arc::new(font.clone())),
                index: 0,
                families: vec![(ofd::family(id), fontdb::Language::English_UnitedStates)],
                post_script_name: ofd::family(id),
                style: fontdb::Style::Normal,
                weight: fontdb::Weight::NORMAL,
                stretch: fontdb::Stretch::Normal,
                monospaced: false,
            });
        }
        for (i, ours) in out.png.unwrap().iter().enumerate() {
            let svg = ofd.page_svg(i);
            let tree = resvg::usvg::Tree::from_str(&svg, &options).expect("an SVG resvg reads");
            let ours = grey(ours);
            let mut pixmap = tiny_skia::Pixmap::new(ours.0 as u32, ours.1 as u32).unwrap();
            // The page is 210 × 297 user units (millimetres).
            let scale = DPI / 25.4;
            resvg::render(
                &tree,
                tiny_skia::Transform::from_scale(scale, scale),
                &mut pixmap.as_mut(),
            );
            let page = format!("{name} page {} (OFD)", i + 1);
            assert_drawn_alike(&page, ours, grey(&pixmap.encode_png().unwrap()), AVERAGED);
        }
    }
}

/// Just enough of an OFD reader to draw our pages: text, paths, images.
mod ofd {
    use std::collections::BTreeMap;
    use std::io::Read;

    use base64::Engine;

    pub struct Package {
        files: BTreeMap<String, Vec<u8>>,
        /// Font id → the embedded font file.
        pub fonts: BTreeMap<String, Vec<u8>>,
        /// Image id → the PNG.
        images: BTreeMap<String, Vec<u8>>,
        pages: Vec<String>,
    }

    fn parse(bytes: &[u8]) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(std::str::from_utf8(bytes).unwrap()).unwrap()
    }

    fn named<'a>(doc: &'a roxmltree::Document, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
        doc.descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == name)
            .collect()
    }

    fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
        node.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .unwrap_or_default()
    }

    impl Package {
        pub fn read(bytes: &[u8]) -> Package {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut files = BTreeMap::new();
            for i in 0..zip.len() {
                let mut file = zip.by_index(i).unwrap();
                let mut content = Vec::new();
                file.read_to_end(&mut content).unwrap();
                files.insert(file.name().to_string(), content);
            }
            let resources = |part: &str, element: &str, file: &str| {
                let doc = parse(&files[part]);
                named(&doc, element)
                    .iter()
                    .map(|n| {
                        let path = format!("Doc_0/Res/{}", child_text(*n, file));
                        (n.attribute("ID").unwrap().to_string(), files[&path].clone())
                    })
                    .collect::<BTreeMap<_, _>>()
            };
            let fonts = resources("Doc_0/PublicRes.xml", "Font", "FontFile");
            let images = resources("Doc_0/DocumentRes.xml", "MultiMedia", "MediaFile");
            let document = parse(&files["Doc_0/Document.xml"]);
            let pages = named(&document, "Page")
                .iter()
                .map(|p| format!("Doc_0/{}", p.attribute("BaseLoc").unwrap()))
                .collect();
            Package {
                files,
                fonts,
                images,
                pages,
            }
        }

        /// Page `index` as SVG in millimetres; `families`: each font id's family name.
        pub fn page_svg(&self, index: usize) -> String {
            let doc = parse(&self.files[&self.pages[index]]);
            let mut svg = String::from(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="210" height="297" viewBox="0 0 210 297"><rect width="210" height="297" fill="white"/>"#,
            );
            let fill = |node: roxmltree::Node| {
                let value = node
                    .children()
                    .find(|c| c.tag_name().name() == "FillColor")
                    .and_then(|c| c.attribute("Value"))
                    .unwrap_or("0 0 0");
                format!("rgb({})", value.replace(' ', ","))
            };
            for node in doc.descendants().filter(|n| n.is_element()) {
                match node.tag_name().name() {
                    "PathObject" => {
                        let data: String = child_text(node, "AbbreviatedData")
                            .split(' ')
                            .map(|t| match t {
                                "B" => "C",
                                "C" => "Z",
                                other => other,
                            })
                            .collect::<Vec<_>>()
                            .join(" ");
                        svg += &format!(r#"<path d="{data}" fill="{}"/>"#, fill(node));
                    }
                    "TextObject" => {
                        let family = family(node.attribute("Font").unwrap());
                        let size = node.attribute("Size").unwrap();
                        let code = node
                            .children()
                            .find(|c| c.tag_name().name() == "TextCode")
                            .unwrap();
                        let mut x: f32 = code.attribute("X").unwrap().parse().unwrap();
                        let mut xs = vec![x];
                        for d in code
                            .attribute("DeltaX")
                            .unwrap_or_default()
                            .split_whitespace()
                        {
                            x += d.parse::<f32>().unwrap();
                            xs.push(x);
                        }
                        let xs: Vec<String> = xs.iter().map(f32::to_string).collect();
                        let text = code.text().unwrap_or_default();
                        let escaped = text.replace('&', "&amp;").replace('<', "&lt;");
                        svg += &format!(
                            r#"<text font-family="{family}" font-size="{size}" fill="{}" x="{}" y="{}">{escaped}</text>"#,
                            fill(node),
                            xs.join(" "),
                            code.attribute("Y").unwrap()
                        );
                    }
                    "ImageObject" => {
                        let b: Vec<&str> = node.attribute("Boundary").unwrap().split(' ').collect();
                        let png = &self.images[node.attribute("ResourceID").unwrap()];
                        let data = base64::engine::general_purpose::STANDARD.encode(png);
                        svg += &format!(
                            r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="data:image/png;base64,{data}"/>"#,
                            b[0], b[1], b[2], b[3]
                        );
                    }
                    _ => {}
                }
            }
            svg + "</svg>"
        }
    }

    /// The family name the test's font database knows OFD font `id` by.
    pub fn family(id: &str) -> String {
        format!("ofd-font-{id}")
    }
}
