//! Every input the fuzzers (fuzz/) found a failure with, kept in tests/data/fuzz/TARGET/ and run
//! the way its target runs it: it must now give a result or a clean error, in bounded time.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| {
                let p = e.unwrap().path();
                (p.display().to_string(), std::fs::read(&p).unwrap())
            })
            .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn imports_the_fuzzer_broke_now_give_sources_that_parse() {
    for (name, bytes) in inputs("import") {
        let text = String::from_utf8_lossy(&bytes);
        for kind in [
            gongwen::import::Kind::Auto,
            gongwen::import::Kind::Speech,
            gongwen::import::Kind::Notice,
        ] {
            let out = gongwen::import::from_text(&text, &name, kind);
            if let Err(e) = gongwen::source::parse("imported.yaml", &out.yaml) {
                panic!("{name}: the importer wrote YAML that does not parse: {e}");
            }
        }
    }
}

#[test]
fn renders_the_fuzzer_broke_now_end() {
    let found = inputs("render");
    assert!(
        !found.is_empty(),
        "the regression inputs are in the repository"
    );
    for (name, bytes) in found {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        // A result or an error, both fine: what failed was a hang or a panic.
        let _ = gongwen::render(
            &gongwen::Source::new(name, text),
            &gongwen::Options::default(),
        );
    }
}

#[test]
fn sources_the_fuzzer_broke_now_parse_or_fail_cleanly() {
    for (name, bytes) in inputs("source") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Ok(src) = gongwen::source::parse(&name, text) {
            let t = src.builtin_template();
            let _ = gongwen::source::to_model(&name, text, src, &t.numbering);
        }
    }
}
