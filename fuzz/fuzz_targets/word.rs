//! Word document → import: any bytes named .docx are refused with an error or give a YAML
//! source that parses; never a panic, a hang or unbounded memory (zip bombs, broken XML).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(out) = gongwen::import::from_bytes(data.to_vec(), "fuzz.docx", gongwen::import::Kind::Auto) {
        assert!(gongwen::source::parse("fuzz.yaml", &out.yaml).is_ok(), "{}", out.yaml);
    }
});
