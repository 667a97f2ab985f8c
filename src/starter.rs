//! Starter sources for `gongwen new`: the examples, made to render on their own.
//!
//! Each starter is an example from `examples/` (so they cannot drift apart), with the images it
//! names (a seal, a 签名章) replaced by what renders without them: `seal: true` keeps the room
//! and the layout of a seal; a typed `name:` stands where the 签名章 would.

/// The kinds of document a starter can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// 讲话稿.
    Speech,
    /// 通知 (文件格式, 下行文).
    Notice,
    /// 请示 (上行文, with 签发人 and a seal).
    Request,
    /// 纪要.
    Minutes,
    /// 令.
    Order,
    /// 函 (信函格式).
    Letter,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 6] = [
        Kind::Speech,
        Kind::Notice,
        Kind::Request,
        Kind::Minutes,
        Kind::Order,
        Kind::Letter,
    ];

    fn example(self) -> &'static str {
        match self {
            Kind::Speech => include_str!("../examples/speech.yaml"),
            Kind::Notice => include_str!("../examples/notice.yaml"),
            Kind::Request => include_str!("../examples/request.yaml"),
            Kind::Minutes => include_str!("../examples/minutes.yaml"),
            Kind::Order => include_str!("../examples/order.yaml"),
            Kind::Letter => include_str!("../examples/letter.yaml"),
        }
    }
}

/// The starter source of a kind of document.
pub fn starter(kind: Kind) -> String {
    kind.example()
        .lines()
        .map(|line| {
            let indent = &line[..line.len() - line.trim_start().len()];
            let key = line.trim_start();
            if key.starts_with("# yaml-language-server:") {
                // The schema beside the file: `gongwen schema > gongwen.schema.json`.
                "# yaml-language-server: $schema=gongwen.schema.json".to_string()
            } else if key.starts_with("seal:") && !key.starts_with("seal: true") {
                format!("{indent}seal: true              # or the PNG of the seal, next to this file")
            } else if key.starts_with("stamp:") {
                format!("{indent}name: 张建国            # or stamp: the PNG of the 签名章, next to this file")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starter_renders_on_its_own() {
        for kind in Kind::ALL {
            let text = starter(kind);
            assert!(!text.contains(".png"), "{kind:?} names no image");
            let out = crate::render(
                &crate::Source::new(format!("{kind:?}.yaml"), text),
                &crate::Options::default(),
            );
            assert!(out.is_ok(), "{kind:?}: {}", out.unwrap_err());
        }
    }
}
