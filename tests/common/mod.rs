//! Shared helpers: render the example with bundled fonts only, so results do not depend on the
//! machine's fonts.

#![allow(dead_code)]

use gongwen::fonts::{FontBook, FontOptions};
use gongwen::layout::Layout;
use gongwen::model::Document;
use gongwen::template::Template;
use gongwen::{Options, Output};

pub const EXAMPLE: &str = include_str!("../../examples/speech.yaml");

pub fn options() -> Options {
    // Bundled fonts only (the default), so results do not depend on the machine.
    Options::default()
}

/// `examples/`, where the example sources' images are.
pub fn examples() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

pub fn render_example() -> Output {
    gongwen::render(
        &gongwen::Source::new("examples/speech.yaml", EXAMPLE),
        &options(),
    )
    .expect("the example renders")
}

pub struct Laid {
    pub doc: Document,
    pub template: Template,
    pub book: FontBook,
    pub layout: Layout,
}

/// Lays a source out with the bundled fonts, reading the images it names from `examples/`.
pub fn lay_out(name: &str, text: &str) -> Laid {
    let src = gongwen::source::parse(name, text).unwrap();
    let template = src.builtin_template();
    let mut doc = gongwen::source::to_model(name, text, src, &template.numbering).unwrap();
    // Images a source names (seals, 签名章) are read from `examples/`.
    gongwen::source::load_assets(name, &mut doc, gongwen::source::Assets::Folder(&examples()))
        .unwrap();
    let book = FontBook::load(&template, &FontOptions::default()).unwrap();
    let layout = gongwen::layout::layout(&doc, &template, &book);
    Laid {
        doc,
        template,
        book,
        layout,
    }
}

/// Whitespace dropped: what copy/paste and search compare.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text a PDF viewer copies from each page: every shown string mapped through its font's
/// ToUnicode CMap (lopdf parses the file and content streams; the CMap's bfchar/bfrange
/// entries are read here, since lopdf's own CMap parser rejects the PostScript header).
pub fn pdf_page_texts(bytes: &[u8]) -> Vec<String> {
    use lopdf::{Document, Object};
    use std::collections::HashMap;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    }
    fn utf16(b: &[u8]) -> String {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    }
    fn cmap(text: &str) -> HashMap<u16, String> {
        let mut map = HashMap::new();
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let mut i = 0;
        while i < tokens.len() {
            match tokens[i] {
                "beginbfchar" => {
                    i += 1;
                    while tokens[i] != "endbfchar" {
                        let code = u16::from_be_bytes(
                            hex(tokens[i].trim_matches(['<', '>'])).try_into().unwrap(),
                        );
                        map.insert(code, utf16(&hex(tokens[i + 1].trim_matches(['<', '>']))));
                        i += 2;
                    }
                }
                "beginbfrange" => {
                    i += 1;
                    while tokens[i] != "endbfrange" {
                        let lo = u16::from_be_bytes(
                            hex(tokens[i].trim_matches(['<', '>'])).try_into().unwrap(),
                        );
                        let hi = u16::from_be_bytes(
                            hex(tokens[i + 1].trim_matches(['<', '>']))
                                .try_into()
                                .unwrap(),
                        );
                        let dst = hex(tokens[i + 2].trim_matches(['<', '>']));
                        let base = u16::from_be_bytes([dst[dst.len() - 2], dst[dst.len() - 1]]);
                        for (k, code) in (lo..=hi).enumerate() {
                            let mut d = dst.clone();
                            let n = d.len();
                            d[n - 2..].copy_from_slice(&(base + k as u16).to_be_bytes());
                            map.insert(code, utf16(&d));
                        }
                        i += 3;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        map
    }

    let pdf = Document::load_mem(bytes).expect("lopdf reads the PDF");
    let mut out = Vec::new();
    for (_, page_id) in pdf.get_pages() {
        let mut maps: HashMap<Vec<u8>, HashMap<u16, String>> = HashMap::new();
        for (name, font) in pdf.get_page_fonts(page_id).unwrap() {
            let Ok(tu) = font.get(b"ToUnicode") else {
                continue;
            };
            let stream = pdf
                .get_object(tu.as_reference().unwrap())
                .unwrap()
                .as_stream()
                .unwrap();
            let data = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            maps.insert(name, cmap(&String::from_utf8_lossy(&data)));
        }
        let content = pdf.get_and_decode_page_content(page_id).unwrap();
        let mut font: Vec<u8> = Vec::new();
        let mut text = String::new();
        let show = |s: &[u8], font: &[u8], text: &mut String| {
            let map = &maps[font];
            for c in s.chunks(2) {
                text.push_str(
                    map.get(&u16::from_be_bytes([c[0], c[1]]))
                        .map(String::as_str)
                        .unwrap_or("\u{FFFD}"),
                );
            }
        };
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => font = op.operands[0].as_name().unwrap().to_vec(),
                "Tj" => show(op.operands[0].as_str().unwrap(), &font, &mut text),
                "TJ" => {
                    for item in op.operands[0].as_array().unwrap() {
                        if let Object::String(s, _) = item {
                            show(s, &font, &mut text);
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(text);
    }
    out
}

/// A line of a laid-out page: its glyphs, joined from the runs on one baseline.
pub struct Line {
    pub page: usize,
    pub baseline: f32,
    pub size: f32,
    pub text: String,
    /// (char, x, advance) of every glyph.
    pub glyphs: Vec<(char, f32, f32)>,
}

/// The lines of every page, top to bottom.
pub fn lines(l: &gongwen::layout::Layout) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for (p, page) in l.pages.iter().enumerate() {
        for run in &page.runs {
            let same = out
                .last()
                .is_some_and(|x| x.page == p && (x.baseline - run.baseline).abs() < 0.01);
            if !same {
                out.push(Line {
                    page: p,
                    baseline: run.baseline,
                    size: run.size,
                    text: String::new(),
                    glyphs: vec![],
                });
            }
            let line = out.last_mut().unwrap();
            line.text.push_str(&run.text);
            for g in &run.glyphs {
                let c = run.text[g.text.clone()].chars().next().unwrap();
                line.glyphs.push((c, g.x, g.advance));
            }
        }
    }
    out
}

// The command line, run as a user would: a scratch folder per test, bundled fonts only.

pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
}

pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn run(args: &[&str]) -> std::process::Output {
    bin().args(args).arg("--no-system-fonts").output().unwrap()
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn files(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
