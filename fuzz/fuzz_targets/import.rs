//! Text → import: any draft gives a YAML source, and that source parses back into a model (the
//! importer never writes YAML that `render` would refuse).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for kind in [
        gongwen::import::Kind::Auto,
        gongwen::import::Kind::Speech,
        gongwen::import::Kind::Notice,
    ] {
        let out = gongwen::import::from_text(&text, "fuzz.txt", kind);
        let src = gongwen::source::parse("fuzz.yaml", &out.yaml)
            .unwrap_or_else(|e| panic!("the importer wrote YAML that does not parse: {e}\n{}", out.yaml));
        let t = src.builtin_template();
        if let Err(e) = gongwen::source::to_model("fuzz.yaml", &out.yaml, src, &t.numbering) {
            // An empty draft has no title: the one refusal the importer may leave to `render`.
            assert!(
                e.to_string().contains("no `title`") || e.to_string().contains("title is empty"),
                "the importer wrote a source the model refuses: {e}\n{}",
                out.yaml
            );
        }
    }
});
