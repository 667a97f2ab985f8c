//! `cargo bench`: each phase of rendering the example speech, and its body ×10 (≈ 96 pages) and
//! ×50 (≈ 480 pages).
//! Whole-process figures (wall time, peak memory, batches) come from `bench/run.sh`.

use criterion::{Criterion, criterion_group, criterion_main};
use gongwen::fonts::{FontBook, FontOptions};
use gongwen::template::Template;

const SPEECH: &str = include_str!("../examples/speech.yaml");

/// The speech with its body repeated `n` times.
fn times(n: usize) -> String {
    let (head, body) = SPEECH
        .split_once("\nbody:\n")
        .expect("the example has a body");
    format!("{head}\nbody:\n{}", body.repeat(n))
}

fn phases(c: &mut Criterion) {
    let t = Template::builtin("speech").unwrap();
    let fonts = FontOptions::default();
    for (name, text) in [
        ("speech", SPEECH.to_string()),
        ("speech-x10", times(10)),
        ("speech-x50", times(50)),
    ] {
        let model = || {
            let src = gongwen::source::parse("b.yaml", &text).unwrap();
            gongwen::source::to_model("b.yaml", &text, src, &t.numbering).unwrap()
        };
        c.bench_function(&format!("{name}/parse"), |b| b.iter(model));
        let doc = model();
        c.bench_function(&format!("{name}/fonts"), |b| {
            b.iter(|| FontBook::load(&t, &fonts).unwrap())
        });
        let book = FontBook::load(&t, &fonts).unwrap();
        c.bench_function(&format!("{name}/layout"), |b| {
            b.iter(|| gongwen::layout::layout(&doc, &t, &book))
        });
        let lay = gongwen::layout::layout(&doc, &t, &book);
        c.bench_function(&format!("{name}/pdf"), |b| {
            b.iter(|| gongwen::render::pdf::write_pdf(&lay, &book, &Default::default()).unwrap())
        });
        c.bench_function(&format!("{name}/docx"), |b| {
            b.iter(|| gongwen::render::docx::write_docx(&doc, &t, &book, &lay, None).unwrap())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = phases
}
criterion_main!(benches);
