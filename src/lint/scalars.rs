//! The string values of a YAML source, each with the key it belongs to and, for every character
//! of its value, the place in the file it was written at. `check` lints values, never YAML
//! syntax: keys, quotes, comments, flow lists and indentation are not text.
//!
//! The YAML parser is the one `render` reads sources with (granit-parser, under serde-saphyr);
//! its events give each scalar's value and its span in the file. The value's characters are
//! matched back to the span's: quotes, escapes, a block scalar's header and indentation, and the
//! line breaks a plain scalar folds are skipped over.

use granit_parser::{Event, Parser, ScalarStyle};

/// Where a value's character was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 0-based column, in characters.
    pub col: usize,
    /// The character is in the file as it is in the value (not an escape, not a folded line
    /// break): a fix may replace it there.
    pub literal: bool,
}

/// A string value of the source.
#[derive(Debug, Clone)]
pub struct Scalar {
    /// The mapping key it is the value of, or the key of the list it is an item of.
    pub key: Option<String>,
    /// Its characters.
    pub chars: Vec<char>,
    /// Where each character was written.
    pub places: Vec<Place>,
}

enum Frame {
    /// A mapping: the key whose value comes next, if a key was read.
    Mapping { key: Option<String> },
    /// A list, the item of the key it is the value of.
    Sequence { key: Option<String> },
}

/// The string values of `text`, in order. `None` when the YAML does not parse (`check` then
/// reports the parse error as `render` would).
pub fn values(text: &str) -> Option<Vec<Scalar>> {
    let chars: Vec<char> = text.chars().collect();
    // Character index → (line, column) of the file.
    let mut starts = vec![0usize];
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            starts.push(i + 1);
        }
    }
    let place_of = |i: usize, literal: bool| {
        let line = starts.partition_point(|&s| s <= i);
        Place {
            line,
            col: i - starts[line - 1],
            literal,
        }
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut out = Vec::new();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        match event {
            Event::MappingStart(..) => stack.push(Frame::Mapping { key: None }),
            Event::SequenceStart(..) => {
                let key = parent_key(&stack);
                stack.push(Frame::Sequence { key });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                value_done(&mut stack);
            }
            Event::Scalar(value, style, ..) => {
                if let Some(Frame::Mapping { key: key @ None }) = stack.last_mut() {
                    *key = Some(value.to_string());
                    continue;
                }
                let key = parent_key(&stack);
                let (from, to) = (span.start.index(), span.end.index().min(chars.len()));
                let value: Vec<char> = value.chars().collect();
                let places = locate(&value, &chars[from.min(to)..to], from, style, &place_of);
                out.push(Scalar {
                    key,
                    chars: value,
                    places,
                });
                value_done(&mut stack);
            }
            _ => {}
        }
    }
    Some(out)
}

/// The key a value just read belongs to.
fn parent_key(stack: &[Frame]) -> Option<String> {
    match stack.last()? {
        Frame::Mapping { key } | Frame::Sequence { key } => key.clone(),
    }
}

/// A mapping's value was read: the next scalar in it is a key again.
fn value_done(stack: &mut [Frame]) {
    if let Some(Frame::Mapping { key }) = stack.last_mut() {
        *key = None;
    }
}

/// Matches a scalar's value back to the characters it was written with (`raw`, starting at
/// character `from` of the file).
fn locate(
    value: &[char],
    raw: &[char],
    from: usize,
    style: ScalarStyle,
    place_of: &dyn Fn(usize, bool) -> Place,
) -> Vec<Place> {
    let mut r = match style {
        // A block scalar's header ("|-", ">2") ends its first line, where the span holds it.
        ScalarStyle::Literal | ScalarStyle::Folded if matches!(raw.first(), Some('|' | '>')) => raw
            .iter()
            .position(|&c| c == '\n')
            .map_or(raw.len(), |n| n + 1),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => 1,
        _ => 0,
    };
    let mut places = Vec::with_capacity(value.len());
    for &c in value {
        // Skip what is syntax: indentation, a quote doubled in single quotes.
        while r < raw.len()
            && raw[r] != c
            && !(raw[r] == '\\' && style == ScalarStyle::DoubleQuoted)
        {
            if raw[r] == '\n' && (c == ' ' || c == '\n') {
                break;
            }
            r += 1;
        }
        if r >= raw.len() {
            places.push(place_of(from + raw.len().saturating_sub(1), false));
            continue;
        }
        if raw[r] == c {
            places.push(place_of(from + r, c != '\n'));
            r += 1;
        } else if raw[r] == '\n' {
            // A folded line break: the value's space stands for it and the indentation after.
            places.push(place_of(from + r, false));
            r += 1;
            while r < raw.len() && raw[r] == ' ' {
                r += 1;
            }
        } else {
            // An escape in double quotes: "\n", "\u4E00", "\x41" …
            places.push(place_of(from + r, false));
            r += escape_len(&raw[r..]);
        }
    }
    places
}

/// The length of the escape at the start of `raw` ("\\" and what follows).
fn escape_len(raw: &[char]) -> usize {
    match raw.get(1) {
        Some('x') => 4,
        Some('u') => 6,
        Some('U') => 10,
        Some('\n') => 2 + raw[2..].iter().take_while(|c| **c == ' ').count(),
        _ => 2,
    }
    .min(raw.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value: its key, its text, and each character's (line, column).
    type Located = (Option<String>, String, Vec<(usize, usize)>);

    fn places(text: &str) -> Vec<Located> {
        values(text)
            .unwrap()
            .into_iter()
            .map(|s| {
                (
                    s.key,
                    s.chars.iter().collect(),
                    s.places.iter().map(|p| (p.line, p.col)).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn values_keep_their_places_and_keys_are_not_values() {
        let y = "title: 讲话 # note\nbody:\n  - \"甲,乙\"\n  - table:\n      header: [职务, 姓名]\n  - lead: 一是\n    text: |-\n      内容\n      二行\n";
        let got = places(y);
        assert_eq!(
            got[0],
            (Some("title".into()), "讲话".into(), vec![(1, 7), (1, 8)])
        );
        assert_eq!(got[1].1, "甲,乙");
        assert_eq!(got[1].2, vec![(3, 5), (3, 6), (3, 7)]);
        assert_eq!(got[2].0.as_deref(), Some("header"));
        assert_eq!(got[2].2, vec![(5, 15), (5, 16)]);
        assert_eq!(got[3].2, vec![(5, 19), (5, 20)]);
        assert_eq!(got[4].2[0], (6, 10));
        assert_eq!(got[5].0.as_deref(), Some("text"));
        assert_eq!(got[5].1, "内容\n二行");
        assert_eq!(got[5].2, vec![(8, 6), (8, 7), (8, 8), (9, 6), (9, 7)]);
    }

    #[test]
    fn escapes_and_folded_lines_are_not_places_to_fix() {
        let s = &values("a: \"x\\u4E00y\"\nb: 甲\n  乙\n").unwrap();
        assert!(s[0].places[1].line == 1 && !s[0].places[1].literal);
        assert!(s[0].places[2].literal && s[0].places[2].col == 11);
        assert_eq!(s[1].chars.iter().collect::<String>(), "甲 乙");
        assert!(!s[1].places[1].literal);
        assert_eq!((s[1].places[2].line, s[1].places[2].col), (3, 2));
    }
}
