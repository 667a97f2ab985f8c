//! Image → seal → PDF + DOCX: any bytes given as a seal are refused with an error or drawn;
//! never a panic, an abort or unbounded memory (a PNG is checked whole, within limits, before
//! anything draws it).
#![no_main]

use libfuzzer_sys::fuzz_target;

const SOURCE: &str = "template: notice\nissuers: 某局\ntitle: 通知\nbody: [正文。]\nsignature: {organ: 某局, date: 2024年1月1日, seal: seal.png}\n";

fuzz_target!(|data: &[u8]| {
    let Ok(png) = gongwen::model::Png::parse(data.to_vec()) else {
        return;
    };
    let Ok(src) = gongwen::source::parse("fuzz.yaml", SOURCE) else {
        return;
    };
    let t = src.builtin_template();
    let Ok(mut doc) = gongwen::source::to_model("fuzz.yaml", SOURCE, src, &t.numbering) else {
        return;
    };
    if let Some(sig) = &mut doc.signature {
        sig.seal_image = Some(png);
    }
    let Ok(book) = gongwen::fonts::FontBook::load(&t, &gongwen::fonts::FontOptions::default()) else {
        return;
    };
    let layout = gongwen::layout::layout(&doc, &t, &book);
    let _ = gongwen::render::pdf::write_pdf(&layout, &book, &Default::default());
    let _ = gongwen::render::docx::write_docx(&doc, &t, &book, &layout, None);
});
