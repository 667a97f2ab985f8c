//! Breaking a long title into balanced lines at word boundaries (§7.3.3: "词意完整，排列对称，
//! 长短适宜，间距恰当"; a trapezoid — no upper line longer than the one below — or a diamond).

use std::sync::OnceLock;

use super::kinsoku::{no_end, no_start};

fn segmenter() -> &'static jieba_rs::Jieba {
    // Loading the dictionary costs tens of milliseconds: only titles that need it pay.
    static JIEBA: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    JIEBA.get_or_init(jieba_rs::Jieba::new)
}

/// Split `title` into lines no wider than `max_width`, where `width` gives a character's width
/// in the same unit. A title that fits stays one line.
pub fn split_title(title: &str, max_width: f32, width: impl Fn(char) -> f32) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let widths: Vec<f32> = chars.iter().map(|&c| width(c)).collect();
    let total: f32 = widths.iter().sum();
    if total <= max_width + 1e-3 || chars.len() < 2 {
        return vec![title.to_string()];
    }
    // Break opportunities: word ends from the segmenter, minus those clreq forbids.
    let mut cuts: Vec<usize> = Vec::new();
    for tok in segmenter().cut(title, true) {
        let at = tok.end;
        if at > 0 && at < chars.len() && !no_end(chars[at - 1]) && !no_start(chars[at]) {
            cuts.push(at);
        }
    }
    let prefix: Vec<f32> = std::iter::once(0.0)
        .chain(widths.iter().scan(0.0, |s, w| {
            *s += w;
            Some(*s)
        }))
        .collect();
    let min_lines = (total / max_width).ceil() as usize;
    for lines in min_lines.max(2)..=min_lines.max(2) + 2 {
        if let Some(best) = best_split(&cuts, &prefix, lines, max_width) {
            let mut out = Vec::new();
            let mut start = 0;
            for end in best.into_iter().chain(std::iter::once(chars.len())) {
                out.push(chars[start..end].iter().collect());
                start = end;
            }
            return out;
        }
    }
    // No word boundary works (one very long word): break by width.
    let mut out = Vec::new();
    let mut line = String::new();
    let mut w = 0.0;
    for (c, cw) in chars.iter().zip(&widths) {
        if w + cw > max_width && !line.is_empty() && !no_start(*c) {
            out.push(std::mem::take(&mut line));
            w = 0.0;
        }
        line.push(*c);
        w += cw;
    }
    out.push(line);
    out
}

/// The best choice of `lines - 1` cuts: every line fits; lines as even as possible; shape a
/// trapezoid (each line no longer than the next) or a diamond (longest in the middle).
fn best_split(cuts: &[usize], prefix: &[f32], lines: usize, max_width: f32) -> Option<Vec<usize>> {
    let n = prefix.len() - 1;
    let mut best: Option<(f32, Vec<usize>)> = None;
    let mut chosen = Vec::with_capacity(lines - 1);
    // The search is exhaustive for a title of a few lines; for a title of many lines (nobody's,
    // but a source may say anything) it stops after this many steps with the best split so far.
    let mut budget = SEARCH_BUDGET;
    search(
        cuts,
        prefix,
        lines - 1,
        0,
        max_width,
        &mut chosen,
        &mut budget,
        &mut |c: &[usize]| {
            let bounds: Vec<usize> = std::iter::once(0)
                .chain(c.iter().copied())
                .chain(std::iter::once(n))
                .collect();
            let lens: Vec<f32> = bounds
                .windows(2)
                .map(|w| prefix[w[1]] - prefix[w[0]])
                .collect();
            let mean = lens.iter().sum::<f32>() / lens.len() as f32;
            let spread: f32 = lens.iter().map(|l| (l - mean) * (l - mean)).sum();
            let trapezoid = lens.windows(2).all(|w| w[0] <= w[1] + 1e-3);
            let peak = lens
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .map(|p| p.0)
                .unwrap_or(0);
            let diamond = lens[..=peak].windows(2).all(|w| w[0] <= w[1] + 1e-3)
                && lens[peak..].windows(2).all(|w| w[0] + 1e-3 >= w[1]);
            let shape = if trapezoid {
                0.0
            } else if diamond && lens.len() > 2 {
                1.0
            } else {
                50.0
            };
            let score = spread + shape * mean * mean;
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, c.to_vec()));
            }
        },
    );
    best.map(|b| b.1)
}

/// Steps [`best_split`] may take: a three-line title takes a few thousand.
const SEARCH_BUDGET: usize = 200_000;

#[allow(clippy::too_many_arguments)]
fn search(
    cuts: &[usize],
    prefix: &[f32],
    left: usize,
    from: usize,
    max_width: f32,
    chosen: &mut Vec<usize>,
    budget: &mut usize,
    visit: &mut impl FnMut(&[usize]),
) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    let n = prefix.len() - 1;
    let start = chosen.last().copied().unwrap_or(0);
    if left == 0 {
        if prefix[n] - prefix[start] <= max_width + 1e-3 {
            visit(chosen);
        }
        return;
    }
    for (i, &c) in cuts.iter().enumerate().skip(from) {
        if c <= start {
            continue;
        }
        if prefix[c] - prefix[start] > max_width + 1e-3 {
            break;
        }
        chosen.push(c);
        search(
            cuts,
            prefix,
            left - 1,
            i + 1,
            max_width,
            chosen,
            budget,
            visit,
        );
        chosen.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(title: &str, max_chars: f32) -> Vec<String> {
        split_title(title, max_chars, |_| 1.0)
    }

    #[test]
    fn a_short_title_stays_on_one_line() {
        assert_eq!(
            split("在全县农村工作观摩会上的讲话", 20.0),
            ["在全县农村工作观摩会上的讲话"]
        );
    }

    #[test]
    fn a_long_title_breaks_at_a_word_into_a_trapezoid() {
        let t = "关于进一步加强和改进新形势下农村基层党组织建设工作的实施意见";
        let lines = split(t, 20.0);
        assert_eq!(lines.concat(), t);
        assert_eq!(lines.len(), 2, "{lines:?}");
        let (a, b) = (lines[0].chars().count(), lines[1].chars().count());
        assert!(a <= b && b <= 20, "{lines:?}");
        assert!(b - a <= 6, "balanced: {lines:?}");
        // The break falls between words: neither side of it is split inside a word.
        for bad in ["农村基", "党组", "建设工", "实施"] {
            assert!(
                !lines
                    .iter()
                    .any(|l| bad.starts_with(l.as_str()) || l.ends_with(&bad[..3])),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn a_title_of_many_lines_is_split_in_bounded_time() {
        // Found by fuzzing: a whole notice pasted as a title searched without end.
        let t = "江南县人民政府办公室关于做好防汛抗旱工作的通知".repeat(40);
        let lines = split(&t, 18.0);
        assert_eq!(lines.concat(), t);
        assert!(lines.iter().all(|l| l.chars().count() <= 18), "{lines:?}");
    }

    #[test]
    fn three_lines_when_two_do_not_fit() {
        let t = "关于印发《全县农业农村现代化发展规划（2021—2025年）》及配套实施方案和年度工作要点的通知";
        let lines = split(t, 18.0);
        assert_eq!(lines.concat(), t);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 18), "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with(['》', '）', '，']) && !l.ends_with(['《', '（'])),
            "{lines:?}"
        );
    }
}
