//! Model → layout → PDF + DOCX, in memory, with the bundled fonts: any source that parses renders
//! or gives an error; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Bundled fonts only, PDF and DOCX, the default limits.
    let _ = gongwen::render(&gongwen::Source::new("fuzz.yaml", text), &gongwen::Options::default());
});
