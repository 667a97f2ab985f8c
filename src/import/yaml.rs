//! The draft as a YAML source, with the importer's guesses marked in comments.

use super::structure::{Draft, Piece};

/// A YAML double-quoted scalar.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A flow list of quoted strings.
fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A literal block scalar, indented, for a paragraph.
fn block(s: &str, indent: usize) -> String {
    format!("|-\n{}{}", " ".repeat(indent), s)
}

/// A list of pieces as a YAML `body`, its entries indented by `base` spaces.
fn write_pieces(y: &mut String, pieces: &[Piece], base: usize) {
    // Sections nest by level: each heading opens a `body` one level deeper. The document's
    // closing lines ("特此报告。") stand after the last section, at the top.
    let closing = pieces.len() - pieces.iter().rev().take_while(|p| closes(p)).count();
    let mut depth = 0usize;
    for (i, piece) in pieces.iter().enumerate() {
        if i == closing {
            depth = 0;
        }
        match piece {
            Piece::Heading {
                level,
                label,
                text,
                run_in,
                auto_label,
                guessed,
            } => {
                let level = usize::from(*level);
                depth = level;
                let pad = " ".repeat(base + 4 * (level - 1));
                let note = if *guessed {
                    format!("  # guess: level {level}, from the order the numbering styles appear")
                } else if label.is_empty() {
                    "  # guess: numbered by the template; `label: \"\"` prints none".to_string()
                } else {
                    String::new()
                };
                if *auto_label {
                    y.push_str(&format!("{pad}- heading: {}{note}\n", quoted(text)));
                } else {
                    y.push_str(&format!(
                        "{pad}- label: {}{note}\n{pad}  heading: {}\n",
                        quoted(label),
                        quoted(text)
                    ));
                }
                if let Some(run_in) = run_in {
                    y.push_str(&format!("{pad}  text: {}\n", block(run_in, pad.len() + 4)));
                }
                // Its `body` only when something is in it: what follows until a heading of
                // its level or above.
                let has_body = match pieces.get(i + 1) {
                    _ if i + 1 == closing => false,
                    Some(Piece::Heading { level: next, .. }) => usize::from(*next) > level,
                    Some(_) => true,
                    None => false,
                };
                if has_body {
                    y.push_str(&format!("{pad}  body:\n"));
                }
            }
            Piece::Paragraph { lead, text } => {
                let pad = " ".repeat(base + 4 * depth);
                match lead {
                    Some(l) if text.is_empty() => {
                        y.push_str(&format!("{pad}- {}\n", block(l, pad.len() + 2)))
                    }
                    Some(l) => {
                        y.push_str(&format!("{pad}- lead: {}\n", quoted(l)));
                        y.push_str(&format!("{pad}  text: {}\n", block(text, pad.len() + 4)));
                    }
                    None => y.push_str(&format!("{pad}- {}\n", block(text, pad.len() + 2))),
                }
            }
            Piece::Table { rows } => {
                let pad = " ".repeat(base + 4 * depth);
                let (header, body) = rows.split_first().expect("a table has rows");
                y.push_str(&format!(
                    "{pad}- table:\n{pad}    header: {}\n",
                    list(header)
                ));
                y.push_str(&format!("{pad}    rows:\n"));
                for r in body {
                    y.push_str(&format!("{pad}      - {}\n", list(r)));
                }
            }
        }
    }
}

/// A paragraph that closes the document rather than its last section: "特此报告。", "此复。",
/// "妥否，请批示。", "以上请示，请予批准。", a speech's "同志们，……".
fn closes(piece: &Piece) -> bool {
    let Piece::Paragraph { lead: None, text } = piece else {
        return false;
    };
    let short = |most: usize| text.chars().count() <= most;
    text.starts_with("特此") && short(8)
        || text.starts_with("此复")
        || ["妥否", "当否", "是否妥当"]
            .iter()
            .any(|w| text.starts_with(w))
            && short(16)
        || text.starts_with("以上") && text.contains('请') && short(20)
        || text.starts_with("同志们，")
}

/// The YAML source. `seal` names the seal's image file beside the source, if one was saved.
pub fn write(d: &Draft, name: &str, seal: Option<&str>) -> String {
    let mut y = format!(
        "# Imported by gongwen from {name}. Read it through: lines marked \"guess\" are the importer's.\n"
    );
    let n = &d.parts;
    if d.notice {
        let template = match d.template.as_deref() {
            Some(name) => name,
            None if n.minutes => "minutes",
            None if n.letter => "letter",
            None if n.order => "order",
            None => "notice",
        };
        match d.notice_guess {
            Some(why) => {
                y.push_str(&format!("template: {template}  # guess: a 公文 ({why})\n"));
            }
            None => y.push_str(&format!("template: {template}\n")),
        }
        for (key, v) in [
            ("copy_number", &n.copy_number),
            ("secrecy", &n.secrecy),
            ("urgency", &n.urgency),
            ("issuers", &n.issuer),
            ("doc_number", &n.doc_number),
        ] {
            let Some(v) = v else { continue };
            let value = match key {
                // Joint issuers (联合行文, §7.2.4): one name a line in the mark.
                "issuers" if v.split_whitespace().nth(1).is_some() => {
                    list(&v.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                }
                _ => quoted(v),
            };
            y.push_str(&format!("{key}: {value}\n"));
        }
        if !n.signers.is_empty() {
            y.push_str(&format!("signers: {}\n", list(&n.signers)));
        }
    }
    match d.title.len() {
        0 if d.may_go_untitled() => {}
        0 => y.push_str("title: \"（标题）\"  # guess: the draft has no title; write one\n"),
        1 => y.push_str(&format!("title: {}\n", quoted(&d.title[0]))),
        _ => {
            y.push_str("title:  # the draft's title lines\n");
            for t in &d.title {
                y.push_str(&format!("  - {}\n", quoted(t)));
            }
        }
    }
    let salutation_key = if d.notice { "recipients" } else { "salutation" };
    for (key, v) in [
        ("draft", &d.draft_mark),
        ("subtitle", &d.subtitle),
        ("speaker", &d.speaker),
        ("date", &d.date),
        (salutation_key, &d.salutation),
    ] {
        if let Some(v) = v {
            y.push_str(&format!("{key}: {}\n", quoted(v)));
        }
    }
    if d.body.is_empty() {
        y.push_str("body: []\n");
    } else {
        y.push_str("body:\n");
        write_pieces(&mut y, &d.body, 2);
    }
    if !n.attachments.is_empty() {
        y.push_str("attachments:\n");
        for a in &n.attachments {
            y.push_str(&format!("  - {}\n", quoted(a)));
        }
    }
    if let (Some(date), Some(post)) = (&n.date, &n.signer_title) {
        y.push_str(&format!("signature:\n  title: {}\n", quoted(post)));
        match (seal, &n.signer_name) {
            (Some(stamp), _) => y.push_str(&format!(
                "  stamp: {}  # the picture in the Word file's 署名\n",
                quoted(stamp)
            )),
            (None, Some(name)) => y.push_str(&format!(
                "  name: {}  # typed where the 签名章 goes\n",
                quoted(name)
            )),
            (None, None) => y.push_str(
                "  name: \"\"  # guess: no 签名章 picture found; write the signer's name\n",
            ),
        }
        y.push_str(&format!("  date: {}\n", quoted(date)));
    } else if let Some(date) = &n.date
        && !n.organs.is_empty()
    {
        let organ = match n.organs.as_slice() {
            [one] => quoted(one),
            many => list(many),
        };
        y.push_str(&format!(
            "signature:\n  organ: {organ}\n  date: {}\n",
            quoted(date)
        ));
        if let Some(seal) = seal {
            y.push_str(&format!(
                "  seal: {}  # the picture in the Word file's 署名\n",
                quoted(seal)
            ));
        }
    }
    for (label, names) in &n.attendance {
        let key = match label.as_str() {
            "出席" => "present",
            "请假" => "absent",
            _ => "attending",
        };
        y.push_str(&format!("{key}: {}\n", quoted(names)));
    }
    if let Some(note) = &n.note {
        y.push_str(&format!("note: {}\n", quoted(note)));
    }
    if !n.annexes.is_empty() {
        y.push_str("annexes:\n");
        for (title, body) in &n.annexes {
            y.push_str(&format!("  - title: {}\n", quoted(title)));
            if !body.is_empty() {
                y.push_str("    body:\n");
                write_pieces(&mut y, body, 6);
            }
        }
    }
    // A 版记 ends with its 印发 line (§7.4.3), a 信函's may be 抄送 alone (§10.1): without the
    // 印发 line, the 抄送 waits, commented, for the user to add it (the source must render).
    let letter = d.template.as_deref() == Some("letter") || n.letter;
    match &n.cc {
        Some(cc) if n.printer.is_none() && !letter => y.push_str(&format!(
            "# cc: {}  # the draft's 版记 has no 印发 line: add `printer: {{organ: …, date: …}}` and keep this\n",
            quoted(cc)
        )),
        Some(cc) => y.push_str(&format!("cc: {}\n", quoted(cc))),
        None => {}
    }
    if let Some((organ, date)) = &n.printer {
        y.push_str(&format!(
            "printer:\n  organ: {}\n  date: {}\n",
            quoted(organ),
            quoted(date)
        ));
    }
    y
}
