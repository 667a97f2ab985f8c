//! Template → render: any bytes given as `--template` are refused with an error or render a
//! short notice; never a panic, a hang or unbounded memory (a template's numbers are checked
//! when it is read).
#![no_main]

use libfuzzer_sys::fuzz_target;

const SOURCE: &str = "template: notice\nissuers: 某局\ndoc_number: 某发〔2024〕1号\ntitle: 关于做好工作的通知\nbody:\n  - heading: 标题\n    body: [正文，正文。]\n  - table: {header: [甲, 乙], rows: [[\"1\", \"2\"]]}\nsignature: {organ: 某局, date: 2024年1月1日}\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let opts = gongwen::Options {
        template: Some(("fuzz-template.yaml".into(), text.into())),
        limits: gongwen::Limits {
            max_pages: 50,
            ..gongwen::Limits::default()
        },
        ..gongwen::Options::default()
    };
    let _ = gongwen::render(&gongwen::Source::new("fuzz.yaml", SOURCE), &opts);
});
