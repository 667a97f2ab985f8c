//! YAML → model: any bytes either build a document or give an error; never a panic, a hang or
//! unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(src) = gongwen::source::parse("fuzz.yaml", text) {
        let t = src.builtin_template();
        let _ = gongwen::source::to_model("fuzz.yaml", text, src, &t.numbering);
    }
});
