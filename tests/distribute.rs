//! Files for distribution: numbered copies, documents bound into one PDF, PDF/A and tagged PDF.

mod common;

use std::collections::BTreeSet;

use gongwen::render::pdf::PdfStandard;
use gongwen::{Options, Source};
use lopdf::content::Content;
use lopdf::{Document, Object};

const EXAMPLES: [&str; 6] = ["speech", "notice", "request", "letter", "minutes", "order"];

fn example(name: &str) -> Source {
    let path = common::examples().join(format!("{name}.yaml"));
    Source::read(&path, 1 << 24).unwrap()
}

fn options() -> Options {
    Options {
        formats: gongwen::Formats {
            pdf: true,
            ..Default::default()
        },
        ..Options::default()
    }
}

/// Each page's decoded content stream.
fn page_contents(pdf: &Document) -> Vec<Vec<u8>> {
    pdf.get_pages()
        .values()
        .map(|&id| pdf.get_page_content(id).unwrap())
        .collect()
}

#[test]
fn numbered_copies_differ_only_in_the_copy_number_on_page_1() {
    let out =
        gongwen::copies::render_copies(&example("notice"), &options(), &[1, 2, 3], false).unwrap();
    assert_eq!(
        out.pdfs.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let texts: Vec<Vec<String>> = out
        .pdfs
        .iter()
        .map(|(_, pdf)| common::pdf_page_texts(pdf))
        .collect();
    for (i, pages) in texts.iter().enumerate() {
        let number = format!("00000{}", i + 1);
        assert!(
            pages[0].trim_start().starts_with(&number),
            "copy {} page 1 begins {:?}",
            i + 1,
            pages[0].chars().take(12).collect::<String>()
        );
        assert_eq!(pages.len(), out.pages);
        // Every other page the same, and page 1 the same but for the number.
        assert_eq!(pages[1..], texts[0][1..]);
        assert_eq!(pages[0].replacen(&number, "000001", 1), texts[0][0]);
    }
    let contents: Vec<Vec<Vec<u8>>> = out
        .pdfs
        .iter()
        .map(|(_, pdf)| page_contents(&Document::load_mem(pdf).unwrap()))
        .collect();
    // The pages draw the same: the 份号 has a font subset of its own, so even page 1 shows
    // the same glyph codes, each copy's digits in its own small font.
    for copy in &contents[1..] {
        assert_eq!(copy[..], contents[0][..], "the pages draw the same");
    }
}

#[test]
fn numbered_copies_are_the_layout_of_that_number() {
    // Swapping the glyphs in place gives what laying the document out with that number gives.
    let source = example("notice");
    let laid = gongwen::lay_out(&source, &options()).unwrap();
    let swapped = laid.layout.with_copy_number(&laid.book, "004217").unwrap();
    let direct = gongwen::lay_out(
        &source,
        &Options {
            copy_number: Some(4217),
            ..options()
        },
    )
    .unwrap();
    assert_eq!(swapped.pages, direct.layout.pages);
    // A number of another length is not swapped in.
    assert!(laid.layout.with_copy_number(&laid.book, "42").is_none());
}

#[test]
fn a_speech_has_no_copy_number_to_print() {
    let err = gongwen::copies::render_copies(&example("speech"), &options(), &[1], false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("份号"), "{err}");
}

#[test]
fn merged_copies_each_start_on_an_odd_page() {
    for name in ["notice", "letter"] {
        let out =
            gongwen::copies::render_copies(&example(name), &options(), &[7, 8, 9], true).unwrap();
        let merged = out.merged.unwrap();
        let texts = common::pdf_page_texts(&merged);
        let per_copy = out.pages + out.pages % 2;
        assert_eq!(texts.len(), 2 * per_copy + out.pages, "{name}");
        for (k, number) in ["000007", "000008", "000009"].iter().enumerate() {
            let first = k * per_copy;
            assert!(
                first.is_multiple_of(2),
                "copy {number} starts on page {}",
                first + 1
            );
            assert!(texts[first].trim_start().starts_with(number), "{name}");
            if out.pages % 2 == 1 && k < 2 {
                assert!(texts[first + out.pages].trim().is_empty(), "a blank page");
            }
        }
        // One bookmark a copy, at the top level.
        let pdf = Document::load_mem(&merged).unwrap();
        let outlines = pdf.catalog().unwrap().get(b"Outlines").unwrap();
        let outlines = pdf.dereference(outlines).unwrap().1.as_dict().unwrap();
        let mut top = 0;
        let mut item = outlines.get(b"First").ok().cloned();
        while let Some(reference) = item {
            top += 1;
            let entry = pdf.dereference(&reference).unwrap().1.as_dict().unwrap();
            item = entry.get(b"Next").ok().cloned();
        }
        assert_eq!(top, 3, "{name}");
    }
}

#[test]
fn documents_bound_into_one_pdf_each_start_on_an_odd_page() {
    let sources: Vec<Source> = ["request", "speech", "notice"]
        .iter()
        .map(|n| example(n))
        .collect();
    let pdf = gongwen::copies::render_bound(&sources, &options()).unwrap();
    let texts = common::pdf_page_texts(&pdf);
    let mut at = 0;
    for source in &sources {
        let alone = gongwen::render(source, &options()).unwrap();
        let own = common::pdf_page_texts(alone.pdf.as_deref().unwrap());
        assert_eq!(at % 2, 0, "{} starts on page {}", source.name, at + 1);
        assert_eq!(texts[at..at + own.len()], own[..], "{}", source.name);
        at += own.len() + own.len() % 2;
    }
    assert!(texts.len() == at || texts.len() + 1 == at);
}

/// What the structure tree and the pages say of each other.
struct Tagging {
    /// (page, MCID) pairs the tree points at.
    tree_mcids: BTreeSet<(usize, i64)>,
    /// (page, MCID) pairs the pages mark.
    page_mcids: BTreeSet<(usize, i64)>,
    /// Text shown outside any marked content.
    untagged_text: usize,
    /// Structure types in the tree, in order.
    types: Vec<String>,
    /// Figures without alternative text.
    figures_without_alt: usize,
}

fn tagging(bytes: &[u8]) -> Tagging {
    let pdf = Document::load_mem(bytes).unwrap();
    let pages: Vec<lopdf::ObjectId> = pdf.get_pages().values().copied().collect();
    let mut t = Tagging {
        tree_mcids: BTreeSet::new(),
        page_mcids: BTreeSet::new(),
        untagged_text: 0,
        types: Vec::new(),
        figures_without_alt: 0,
    };
    for (index, &id) in pages.iter().enumerate() {
        let content = Content::decode(&pdf.get_page_content(id).unwrap()).unwrap();
        let mut depth = 0;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    if let Some(Object::Dictionary(d)) = op.operands.get(1)
                        && let Ok(mcid) = d.get(b"MCID")
                    {
                        t.page_mcids.insert((index, mcid.as_i64().unwrap()));
                    }
                }
                "BMC" => depth += 1,
                "EMC" => depth -= 1,
                "Tj" | "TJ" | "'" | "\"" if depth == 0 => t.untagged_text += 1,
                _ => {}
            }
        }
    }
    let root = pdf.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let root = pdf.dereference(root).unwrap().1.clone();
    walk(&pdf, &root, &pages, None, &mut t);
    t
}

fn walk(
    pdf: &Document,
    node: &Object,
    pages: &[lopdf::ObjectId],
    page: Option<usize>,
    t: &mut Tagging,
) {
    match pdf.dereference(node).unwrap().1 {
        Object::Integer(mcid) => {
            t.tree_mcids
                .insert((page.expect("an MCID has a page"), *mcid));
        }
        Object::Dictionary(d) => {
            let page = d
                .get(b"Pg")
                .ok()
                .and_then(|p| p.as_reference().ok())
                .and_then(|r| pages.iter().position(|&id| id == r))
                .or(page);
            if let Ok(s) = d.get(b"S") {
                let s = String::from_utf8_lossy(s.as_name().unwrap()).to_string();
                if s == "Figure" && d.get(b"Alt").is_err() {
                    t.figures_without_alt += 1;
                }
                t.types.push(s);
            }
            if let Ok(mcid) = d.get(b"MCID") {
                t.tree_mcids.insert((page.unwrap(), mcid.as_i64().unwrap()));
            }
            if let Ok(k) = d.get(b"K") {
                walk(pdf, k, pages, page, t);
            }
        }
        Object::Array(items) => {
            for item in items {
                walk(pdf, item, pages, page, t);
            }
        }
        _ => {}
    }
}

#[test]
fn tagged_pdfs_tag_every_text_run_and_the_tree_holds_all_of_them() {
    for name in EXAMPLES {
        let out = gongwen::render(
            &example(name),
            &Options {
                pdf_standards: vec![PdfStandard::A2u, PdfStandard::Ua1],
                ..options()
            },
        )
        .unwrap();
        let t = tagging(out.pdf.as_deref().unwrap());
        assert_eq!(t.untagged_text, 0, "{name}: text outside marked content");
        assert!(!t.page_mcids.is_empty(), "{name}");
        assert_eq!(t.tree_mcids, t.page_mcids, "{name}: tree and pages agree");
        assert_eq!(t.figures_without_alt, 0, "{name}");
    }
}

#[test]
fn the_tagged_speech_has_its_title_and_headings_with_their_levels() {
    let source = example("speech");
    let out = gongwen::render(
        &source,
        &Options {
            pdf_standards: vec![PdfStandard::Ua1],
            ..options()
        },
    )
    .unwrap();
    let t = tagging(out.pdf.as_deref().unwrap());
    let laid = gongwen::lay_out(&source, &options()).unwrap();
    assert_eq!(t.types.iter().filter(|s| *s == "Title").count(), 1);
    // Each heading standing alone (the outline also lists run-in ones) is an Hn of its level.
    for level in 1..=4u8 {
        let runs_in_headings: BTreeSet<u32> = laid
            .layout
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .filter(|r| r.tag.kind == gongwen::layout::TagKind::Heading(level))
            .map(|r| r.tag.block)
            .collect();
        let tagged = t
            .types
            .iter()
            .filter(|s| **s == format!("H{level}"))
            .count();
        assert_eq!(tagged, runs_in_headings.len(), "H{level}");
    }
    // And every paragraph a P.
    let paragraphs: BTreeSet<u32> = laid
        .layout
        .pages
        .iter()
        .flat_map(|p| &p.runs)
        .filter(|r| r.tag.kind == gongwen::layout::TagKind::Paragraph)
        .map(|r| r.tag.block)
        .collect();
    assert_eq!(
        t.types.iter().filter(|s| *s == "P").count(),
        paragraphs.len()
    );
    assert!(paragraphs.len() > 10);
}

#[test]
fn every_laid_out_run_belongs_to_a_part_or_is_an_artifact() {
    use gongwen::layout::TagKind;
    for name in EXAMPLES {
        let laid = gongwen::lay_out(&example(name), &options()).unwrap();
        for (i, page) in laid.layout.pages.iter().enumerate() {
            for run in &page.runs {
                let artifact = run.tag.kind == TagKind::Artifact;
                assert_eq!(
                    artifact,
                    run.tag.block == 0,
                    "{name} page {}: {:?} {:?}",
                    i + 1,
                    run.text,
                    run.tag
                );
            }
            // Only the page number is an artifact here (no table runs onto a second page).
            let artifacts: Vec<&str> = page
                .runs
                .iter()
                .filter(|r| r.tag.kind == TagKind::Artifact)
                .map(|r| r.text.as_str())
                .collect();
            assert!(
                artifacts.iter().all(|t| t.starts_with('—')),
                "{name}: {artifacts:?}"
            );
        }
    }
}

#[test]
fn pdf_a_carries_its_identification_output_intent_and_embedded_fonts() {
    for (standard, part, conformance) in [
        (PdfStandard::A2b, "2", "B"),
        (PdfStandard::A2u, "2", "U"),
        (PdfStandard::A3b, "3", "B"),
    ] {
        for name in ["speech", "request"] {
            let out = gongwen::render(
                &example(name),
                &Options {
                    pdf_standards: vec![standard],
                    ..options()
                },
            )
            .unwrap();
            let bytes = out.pdf.unwrap();
            let pdf = Document::load_mem(&bytes).unwrap();
            let catalog = pdf.catalog().unwrap();
            let metadata = pdf
                .dereference(catalog.get(b"Metadata").unwrap())
                .unwrap()
                .1
                .as_stream()
                .unwrap()
                .clone();
            let xmp = String::from_utf8_lossy(&metadata.content).to_string();
            assert!(xmp.contains(&format!("<pdfaid:part>{part}</pdfaid:part>")));
            assert!(xmp.contains(&format!("<pdfaid:conformance>{conformance}")));
            let intents = pdf
                .dereference(catalog.get(b"OutputIntents").unwrap())
                .unwrap()
                .1
                .as_array()
                .unwrap()
                .clone();
            assert!(!intents.is_empty(), "an output intent");
            // Every font program embedded.
            let mut fonts = 0;
            for object in pdf.objects.values() {
                if let Ok(d) = object.as_dict()
                    && d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"FontDescriptor")
                {
                    fonts += 1;
                    assert!(
                        [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                            .iter()
                            .any(|k| d.get(k).is_ok()),
                        "{name}: a font not embedded"
                    );
                }
            }
            assert!(fonts >= 2, "{name}");
            // No image asks to be smoothed (forbidden in PDF/A).
            for object in pdf.objects.values() {
                if let Ok(s) = object.as_stream() {
                    assert!(
                        !matches!(s.dict.get(b"Interpolate"), Ok(Object::Boolean(true))),
                        "{name}"
                    );
                }
            }
        }
    }
}

#[test]
fn pdf_a_without_a_date_says_what_to_add() {
    let source = Source::new(
        "undated.yaml",
        "title: 关于做好安全生产工作的通知\nbody:\n  - 各单位要高度重视安全生产工作。\n",
    );
    let err = gongwen::render(
        &source,
        &Options {
            pdf_standards: vec![PdfStandard::A2b],
            ..options()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("date"), "{err}");
    assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
}

#[test]
fn the_plain_pdf_stays_untagged() {
    let out = gongwen::render(&example("notice"), &options()).unwrap();
    let pdf = Document::load_mem(out.pdf.as_deref().unwrap()).unwrap();
    assert!(pdf.catalog().unwrap().get(b"StructTreeRoot").is_err());
}

fn with_draft(watermark: bool) -> Options {
    Options {
        draft: Some(gongwen::model::Draft {
            text: "征求意见稿".into(),
            watermark,
        }),
        ..options()
    }
}

#[test]
fn a_notice_marked_as_a_draft_shows_the_word_at_the_top_right_of_page_1() {
    let laid = gongwen::lay_out(&example("notice"), &with_draft(false)).unwrap();
    let g = &laid.layout.geometry;
    let first = &laid.layout.pages[0];
    let mark = first
        .runs
        .iter()
        .find(|r| r.text == "征求意见稿")
        .expect("the mark on page 1");
    let last = mark.glyphs.last().unwrap();
    assert!(
        (last.x + last.advance - g.right()).abs() < 0.5,
        "flush right"
    );
    assert!(
        mark.baseline > g.top && mark.baseline < g.top + g.pitch,
        "on the first line"
    );
    assert_eq!(mark.size, 16.0, "3号");
    assert!(
        laid.layout.pages[1..]
            .iter()
            .all(|p| p.runs.iter().all(|r| r.text != "征求意见稿"))
    );
    assert!(laid.layout.pages.iter().all(|p| p.watermark.is_none()));
    // The rest of the layout is as without the mark.
    let plain = gongwen::lay_out(&example("notice"), &options()).unwrap();
    assert_eq!(laid.layout.pages.len(), plain.layout.pages.len());
    assert_eq!(laid.layout.page_lines(1), plain.layout.page_lines(1));
}

#[test]
fn a_speech_marked_as_a_draft_says_so_under_its_title() {
    let laid = gongwen::lay_out(&example("speech"), &with_draft(false)).unwrap();
    let lines = laid.layout.page_lines(0);
    let title = lines.iter().position(|(_, t)| t.contains("讲话")).unwrap();
    assert!(
        lines[title + 1..title + 3]
            .iter()
            .any(|(_, t)| t == "（征求意见稿）"),
        "{lines:?}"
    );
}

#[test]
fn a_watermark_is_on_every_page_in_every_format() {
    let out = gongwen::render(
        &example("notice"),
        &Options {
            formats: gongwen::Formats {
                pdf: true,
                docx: true,
                svg: true,
                png: true,
                ofd: true,
            },
            ..with_draft(true)
        },
    )
    .unwrap();
    // PDF: on every page, drawn as shapes in its grey (the text layer holds the word once,
    // the mark on page 1).
    let bytes = out.pdf.as_deref().unwrap();
    let texts = common::pdf_page_texts(bytes);
    for (i, page) in texts.iter().enumerate() {
        let times = page.matches("征求意见稿").count();
        assert_eq!(times, usize::from(i == 0), "page {}", i + 1);
    }
    let pdf = Document::load_mem(bytes).unwrap();
    for (i, content) in page_contents(&pdf).iter().enumerate() {
        let content = String::from_utf8_lossy(content);
        let grey = "0.8509804 0.8509804 0.8509804 rg";
        let at = content
            .find(grey)
            .unwrap_or_else(|| panic!("page {}", i + 1));
        assert!(
            content[at..].contains(" c\n") || content[at..].contains(" c "),
            "curves"
        );
    }
    // SVG: a turned group on every page.
    for svg in out.svg.as_ref().unwrap() {
        assert!(svg.contains("rotate(-45"), "the watermark turned");
    }
    // OFD: the outlines filled in its grey on every page.
    let ofd = out.ofd.as_deref().unwrap();
    let mut package = zip::ZipArchive::new(std::io::Cursor::new(ofd)).unwrap();
    for page in 0..out.pages {
        let mut content = String::new();
        use std::io::Read as _;
        package
            .by_name(&format!("Doc_0/Pages/Page_{page}/Content.xml"))
            .unwrap()
            .read_to_string(&mut content)
            .unwrap();
        assert!(
            content.contains("Value=\"217 217 217\""),
            "OFD page {}",
            page + 1
        );
    }
    // DOCX: a header watermark Word lists as one.
    let docx = out.docx.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut header = String::new();
    use std::io::Read;
    zip.by_name("word/header1.xml")
        .unwrap()
        .read_to_string(&mut header)
        .unwrap();
    assert!(header.contains("PowerPlusWaterMarkObject"));
    assert!(header.contains("string=\"征求意见稿\""));
}

#[test]
fn copies_are_handed_on_in_order_a_batch_at_a_time() {
    let numbers: Vec<u32> = (101..=134).collect();
    let copies = gongwen::copies::CopyLayout::new(&example("notice"), &options(), 101).unwrap();
    let mut seen = Vec::new();
    copies
        .each_pdf(&numbers, |n, pdf| {
            let page1 = common::pdf_page_texts(&pdf).remove(0);
            assert!(page1.trim_start().starts_with(&format!("000{n}")), "{n}");
            seen.push(n);
            Ok(())
        })
        .unwrap();
    assert_eq!(seen, numbers);
}

#[test]
fn more_copies_than_one_pdf_binds_are_refused_with_a_way_out() {
    let numbers: Vec<u32> = (1..=1001).collect();
    let err = gongwen::copies::render_copies(&example("notice"), &options(), &numbers, true)
        .unwrap_err()
        .to_string();
    assert!(err.contains("in batches"), "{err}");
}
