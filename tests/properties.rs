//! Properties of the layout on random paragraphs mixing CJK, punctuation, Latin words, digits and
//! spaces (proptest; a failure prints the smallest paragraph that breaks a rule):
//! - no line starts with a mark clreq forbids there, nor ends with one forbidden at a line end;
//! - every line but a paragraph's last fills the block (撑满版心);
//! - the lines, joined, give back the paragraph's text exactly;
//! - laying out twice gives the same layout.

mod common;

use gongwen::layout::kinsoku::{no_end, no_start};
use proptest::prelude::*;

/// A word of the paragraph: a CJK word, a Latin word, a number, or a space.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "中国", "政府", "工作", "农村", "脱贫", "攻坚", "同志们", "要", "的", "和",
            "发展", "经济", "改革", "一是", "落实",
        ])
        .prop_map(String::from),
        2 => "[a-zA-Z]{1,12}",
        2 => "[0-9]{1,6}(\\.[0-9]{1,2})?%?",
        1 => Just(" ".to_string()),
    ]
}

/// A mark that may follow a word: none mostly, else one of the kinds clreq rules cover.
fn mark() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        8 => Just(""),
        3 => prop::sample::select(vec!["，", "。", "、", "；", "：", "？", "！"]),
        1 => prop::sample::select(vec!["——", "……", "”", "）", "》", "。”", "）。"]),
    ]
}

/// An opening mark that may come before a word.
fn opening() -> impl Strategy<Value = &'static str> {
    prop_oneof![6 => Just(""), 1 => prop::sample::select(vec!["“", "（", "《"])]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec((opening(), word(), mark()), 1..80).prop_map(|parts| {
        // Latin words and numbers side by side get a space between them, as in real text: an
        // unbroken Latin string longer than a line can only be cut by width (forced, counted as
        // a spread line by the layout), and is not what these properties are about.
        let mut s = String::new();
        for (o, w, m) in parts {
            let latin = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '%' || c == '.')
            };
            if o.is_empty() && latin(s.chars().last()) && latin(w.chars().next()) {
                s.push(' ');
            }
            s.push_str(&format!("{o}{w}{m}"));
        }
        // What a source holds: no space at either end, none doubled; no opening mark left
        // dangling at the end (the text's own error, which `check` reports).
        let mut out = String::new();
        for c in s.trim_end_matches([' ', '“', '（', '《']).trim().chars() {
            if !(c == ' ' && out.ends_with(' ')) {
                out.push(c);
            }
        }
        out
    })
}

fn yaml_quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

proptest! {
    // 256 cases; PROPTEST_CASES=N runs more.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn lines_keep_the_rules_fill_the_block_and_give_the_text_back(
        paras in prop::collection::vec(paragraph().prop_filter("not empty", |p| !p.is_empty()), 1..4)
    ) {
        let source = format!(
            "title: 题目\nbody:\n{}",
            paras.iter().map(|p| format!("  - {}\n", yaml_quoted(p))).collect::<String>()
        );
        let laid = common::lay_out("p.yaml", &source);
        let g = laid.layout.geometry;
        // Body lines (3号, 16 pt): the title is 22 pt and page numbers 14 pt.
        let body: Vec<_> = common::lines(&laid.layout)
            .into_iter()
            .filter(|l| l.size == 16.0)
            .collect();
        // A paragraph's first line is indented 2 字; its other lines start at the block's edge.
        let mut got: Vec<Vec<&common::Line>> = Vec::new();
        for l in &body {
            let indented = l.glyphs[0].1 > g.left + g.cell * 1.5;
            if indented || got.is_empty() {
                got.push(vec![l]);
            } else {
                got.last_mut().unwrap().push(l);
            }
        }
        prop_assert_eq!(got.len(), paras.len(), "paragraphs: {:?}", paras);
        for (lines, text) in got.iter().zip(&paras) {
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
            prop_assert_eq!(&joined, text);
            for (i, l) in lines.iter().enumerate() {
                let first = l.text.chars().next().unwrap();
                let last = l.text.chars().last().unwrap();
                prop_assert!(i == 0 || !no_start(first), "line starts with {:?}: {:?}", first, l.text);
                if i + 1 < lines.len() {
                    prop_assert!(!no_end(last), "line ends with {:?}: {:?}", last, l.text);
                    // 撑满版心: the last glyph reaches the block's right edge (a hanging mark
                    // goes past it, into the margin).
                    let &(_, x, adv) = l.glyphs.iter().rev().find(|g| g.0 != ' ').unwrap();
                    prop_assert!(x + adv >= g.right() - 0.5, "short line {:?}: ends at {}, edge {}", l.text, x + adv, g.right());
                }
            }
        }
        // Deterministic.
        let again = common::lay_out("p.yaml", &source);
        prop_assert!(again.layout == laid.layout);
    }
}
