//! Line breaking on the character grid, after W3C clreq §3.1.7 (行首行尾禁则).
//!
//! The paragraph is a row of units: a CJK character or full-width mark takes one cell; "——" and
//! "……" take two and never split; a run of Latin letters and digits keeps its own width and takes
//! whole cells. Every line but a paragraph's last fills its cells exactly (撑满版心). Rule
//! violations are resolved, cheapest first, by: hanging one closing mark past the edge; giving a
//! Latin run in the line a spare cell (more space around it, never inside it); and as a last
//! resort pushing a character down and spreading the rest of the line. A dynamic programme over
//! the break positions picks the cheapest way for the whole paragraph.

/// Characters that may not start a line (clreq; GB/T 15834 marks and their half-width forms).
pub const NO_START: &str = "，。、；：？！）］｝〕〉》」』】〗〙〛’”…‥·～%,.;:?!)]}々ゝゞヽヾ";
/// Characters that may not end a line.
pub const NO_END: &str = "（［｛〔〈《「『【〖〘〚‘“([{";

/// Whether `c` may not start a line.
pub fn no_start(c: char) -> bool {
    !is_ideograph(c) && NO_START.contains(c)
}

/// Whether `c` may not end a line.
pub fn no_end(c: char) -> bool {
    !is_ideograph(c) && NO_END.contains(c)
}

/// A CJK Unified Ideograph: most of a text, and in neither list, so the lists need no search.
fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// One unbreakable piece of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    /// Cells it takes at least.
    pub cells: u32,
    /// Its natural width in cells (for Latin runs; equals `cells` for CJK).
    pub width: f32,
    /// A Latin run: may take spare cells, placed inside its cells by its width.
    pub latin: bool,
    /// May not start a line.
    pub no_start: bool,
    /// May not end a line.
    pub no_end: bool,
    /// A one-cell closing mark that may hang past the block edge.
    pub hangable: bool,
    /// Spaces that open a Latin run: no cell, never at a line's start or end, so a break at
    /// them hangs them past the edge, where they show as nothing (in either kinsoku mode).
    pub space: bool,
    /// The width of the spaces ending a Latin run's last word, in cells: a run that ends a full
    /// line is set flush right by its visible width, the spaces past the edge.
    pub trailing: f32,
}

/// How a paragraph's lines are broken and where each unit goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The units of the line (the hanging one included).
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// The last unit hangs past the edge.
    pub hang: bool,
    /// For each unit, its left edge in cells from the line's start (indent included).
    pub x: Vec<f32>,
    /// The line was resolved by pushing a character down and spreading (it does not hold
    /// whole cells).
    pub spread: bool,
}

/// Breaking options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Cells a line.
    pub cells: u32,
    /// Indent of the first line, in cells.
    pub first_indent: u32,
    /// Indent of the other lines, in cells (附件说明's names align under the first name).
    pub rest_indent: u32,
    /// Whether a closing mark may hang.
    pub hang: bool,
}

const COST_SPARE_CELL: u64 = 10;
const COST_SPREAD: u64 = 10_000;
const COST_FORCED: u64 = 10_000_000;
/// Spare cells a line may give its Latin runs.
const MAX_SPARE: u32 = 3;

#[derive(Clone, Copy, Debug)]
struct Choice {
    end: usize,
    hang: bool,
    kind: Kind,
    cost: u64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// Fills the line (or is the paragraph's last line).
    Fill,
    /// Spare cells go to the line's Latin runs.
    Spare,
    /// Pushed down; the line's gaps are spread.
    Spread,
    /// No rule-abiding break exists (e.g. a run of closing marks longer than a line).
    Forced,
}

/// Break a paragraph's units into lines.
pub fn break_lines(units: &[Unit], opt: Options) -> Vec<Line> {
    let n = units.len();
    if n == 0 {
        return Vec::new();
    }
    // best[s]: cheapest (cost, choice) for the rest of the paragraph when a full-width line starts at s.
    let mut best: Vec<Option<(u64, Choice)>> = vec![None; n + 1];
    best[n] = Some((
        0,
        Choice {
            end: n,
            hang: false,
            kind: Kind::Fill,
            cost: 0,
        },
    ));
    let rest_cap = opt.cells.saturating_sub(opt.rest_indent).max(1);
    for s in (1..n).rev() {
        best[s] = cheapest(units, s, rest_cap, opt.hang, &best);
    }
    let first_cap = opt.cells.saturating_sub(opt.first_indent).max(1);
    let first = cheapest(units, 0, first_cap, opt.hang, &best);

    let mut lines = Vec::new();
    let mut s = 0;
    let mut choice = first.map(|c| c.1);
    while s < n {
        let c = choice.expect("every start has a choice");
        let (indent, cap) = if s == 0 {
            (opt.first_indent, first_cap)
        } else {
            (opt.rest_indent, rest_cap)
        };
        lines.push(place(units, s, c, indent, cap));
        s = c.end;
        choice = best[s].map(|b| b.1);
    }
    lines
}

fn cheapest(
    units: &[Unit],
    s: usize,
    cap: u32,
    hang: bool,
    best: &[Option<(u64, Choice)>],
) -> Option<(u64, Choice)> {
    let n = units.len();
    let mut options = Offers {
        rest: best,
        cheapest: None,
        any: false,
    };
    let mut sum = 0u32;
    let mut e = s;
    while e < n && sum + units[e].cells <= cap {
        sum += units[e].cells;
        e += 1;
    }
    if e == s {
        // A unit wider than the line (splitting long Latin runs makes this rare): alone.
        options.push(Choice {
            end: s + 1,
            hang: false,
            kind: Kind::Forced,
            cost: COST_FORCED,
        });
    }
    // Walk the possible ends from the longest down.
    let mut used = sum;
    let mut end = e;
    // Latin runs in units[s..end]: they may take spare cells.
    let mut latin = units[s..e].iter().filter(|u| u.latin).count();
    while end > s {
        let has_latin = latin > 0;
        let slack = cap - used;
        let breaks_ok = !units[end - 1].no_end;
        if end == n {
            if breaks_ok || end - s == 1 {
                options.push(Choice {
                    end,
                    hang: false,
                    kind: Kind::Fill,
                    cost: 0,
                });
            }
        } else if breaks_ok {
            let next = &units[end];
            let spare_ok = slack == 0 || (has_latin && slack <= MAX_SPARE);
            let kind = if slack == 0 { Kind::Fill } else { Kind::Spare };
            let cost = u64::from(slack) * COST_SPARE_CELL;
            if !next.no_start && spare_ok {
                options.push(Choice {
                    end,
                    hang: false,
                    kind,
                    cost,
                });
            }
            if next.no_start
                && next.hangable
                && (hang || next.space)
                && spare_ok
                && (end + 1 == n || !units[end + 1].no_start)
            {
                options.push(Choice {
                    end: end + 1,
                    hang: true,
                    kind,
                    cost: cost + 1,
                });
            }
            // Spreading needs a gap: a line of one unit cannot be spread to the edge.
            if !next.no_start && !spare_ok && end - s > 1 {
                options.push(Choice {
                    end,
                    hang: false,
                    kind: Kind::Spread,
                    cost: COST_SPREAD + u64::from(slack),
                });
            }
        }
        // Far from the edge only the last resort is left; look on only while nothing abides.
        if slack > MAX_SPARE + 6 && !options.is_empty() {
            break;
        }
        end -= 1;
        used -= units[end].cells;
        latin -= usize::from(units[end].latin);
    }
    if options.is_empty() {
        // Nothing abides by the rules (a line-long run of marks): break where the line is full.
        options.push(Choice {
            end: e.max(s + 1),
            hang: false,
            kind: Kind::Forced,
            cost: COST_FORCED,
        });
    }
    options.cheapest
}

/// The breaking options offered for one line start, keeping only the cheapest with the rest of
/// the paragraph after it (on a tie the longer line, then the one offered first).
struct Offers<'a> {
    rest: &'a [Option<(u64, Choice)>],
    cheapest: Option<(u64, Choice)>,
    any: bool,
}

impl Offers<'_> {
    fn push(&mut self, c: Choice) {
        self.any = true;
        let Some((rest, _)) = self.rest[c.end] else {
            return;
        };
        let total = rest.saturating_add(c.cost);
        let key = |total: u64, c: &Choice| (total, std::cmp::Reverse(c.end));
        if self
            .cheapest
            .is_none_or(|(t, b)| key(total, &c) < key(t, &b))
        {
            self.cheapest = Some((total, c));
        }
    }

    fn is_empty(&self) -> bool {
        !self.any
    }
}

fn place(units: &[Unit], s: usize, c: Choice, indent: u32, cap: u32) -> Line {
    let body_end = if c.hang { c.end - 1 } else { c.end };
    let line = &units[s..body_end];
    let used: u32 = line.iter().map(|u| u.cells).sum();
    let slack = cap.saturating_sub(used);
    let last_line = c.end == units.len();
    // Cells each unit is given.
    let mut given: Vec<u32> = line.iter().map(|u| u.cells).collect();
    let mut gap = 0.0;
    match c.kind {
        Kind::Spare => {
            for _ in 0..slack {
                // The tightest Latin run gets the spare cell.
                if let Some(i) = (0..line.len()).filter(|&i| line[i].latin).min_by(|&a, &b| {
                    let ra = given[a] as f32 - line[a].width;
                    let rb = given[b] as f32 - line[b].width;
                    ra.total_cmp(&rb)
                }) {
                    given[i] += 1;
                }
            }
        }
        Kind::Spread if !last_line && line.len() > 1 => {
            gap = slack as f32 / (line.len() - 1) as f32
        }
        _ => {}
    }
    let mut x = Vec::with_capacity(c.end - s);
    let mut at = indent as f32;
    for (i, u) in line.iter().enumerate() {
        let room = given[i] as f32;
        // A Latin run sits inside its cells: flush with the line's edges where it starts or
        // ends a full line, centred elsewhere. CJK characters fill their cells.
        let offset = if !u.latin || i == 0 {
            0.0
        } else if i + 1 == line.len() && !last_line {
            room - (u.width - u.trailing)
        } else {
            (room - u.width) / 2.0
        };
        x.push(at + offset.max(0.0));
        at += room + gap;
    }
    if c.hang {
        x.push(at);
    }
    Line {
        start: s,
        end: c.end,
        hang: c.hang,
        x,
        spread: matches!(c.kind, Kind::Spread | Kind::Forced),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Units for a test string: CJK one cell; ASCII letters/digits grouped as Latin runs of
    /// half a cell per character.
    pub fn units(text: &str) -> (Vec<Unit>, Vec<String>) {
        let mut out = Vec::new();
        let mut texts = Vec::new();
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_alphanumeric() || c == '.' || c == '%' {
                let mut j = i;
                while j < chars.len()
                    && (chars[j].is_ascii_alphanumeric() || chars[j] == '.' || chars[j] == '%')
                {
                    j += 1;
                }
                let width = (j - i) as f32 * 0.5;
                out.push(Unit {
                    cells: (width - 0.1).ceil().max(1.0) as u32,
                    width,
                    latin: true,
                    no_start: no_start(chars[i]),
                    no_end: false,
                    hangable: false,
                    space: false,
                    trailing: 0.0,
                });
                texts.push(chars[i..j].iter().collect());
                i = j;
            } else if (c == '—' || c == '…') && chars.get(i + 1) == Some(&c) {
                out.push(Unit {
                    cells: 2,
                    width: 2.0,
                    latin: false,
                    no_start: no_start(c),
                    no_end: false,
                    hangable: false,
                    space: false,
                    trailing: 0.0,
                });
                texts.push(format!("{c}{c}"));
                i += 2;
            } else {
                out.push(Unit {
                    cells: 1,
                    width: 1.0,
                    latin: false,
                    no_start: no_start(c),
                    no_end: no_end(c),
                    hangable: no_start(c),
                    space: false,
                    trailing: 0.0,
                });
                texts.push(c.to_string());
                i += 1;
            }
        }
        (out, texts)
    }

    fn lines_of(text: &str, opt: Options) -> Vec<String> {
        let (u, t) = units(text);
        break_lines(&u, opt)
            .iter()
            .map(|l| t[l.start..l.end].concat())
            .collect()
    }

    const OPT: Options = Options {
        cells: 10,
        first_indent: 2,
        hang: true,
        rest_indent: 0,
    };

    #[test]
    fn continuation_lines_can_hang_under_a_label() {
        let opt = Options {
            rest_indent: 3,
            ..OPT
        };
        let (u, t) = units("附件：1.一二三四五六七八九十一二三");
        let lines = break_lines(&u, opt);
        let l: Vec<String> = lines.iter().map(|l| t[l.start..l.end].concat()).collect();
        assert_eq!(l, ["附件：1.一二三四", "五六七八九十一", "二三"]);
        assert_eq!(lines[1].x[0], 3.0);
    }

    #[test]
    fn fills_lines_exactly() {
        let l = lines_of("一二三四五六七八九十一二三四五六七八九十一二三", OPT);
        assert_eq!(
            l,
            ["一二三四五六七八", "九十一二三四五六七八", "九十一二三"]
        );
    }

    #[test]
    fn a_comma_at_a_line_start_hangs_on_the_line_before() {
        let l = lines_of("一二三四五六七八，九十", OPT);
        assert_eq!(l, ["一二三四五六七八，", "九十"]);
        let (u, _) = units("一二三四五六七八，九十");
        let lines = break_lines(&u, OPT);
        assert!(lines[0].hang);
        assert_eq!(lines[0].x.last(), Some(&10.0));
    }

    #[test]
    fn an_opening_quote_never_ends_a_line() {
        // “ would be the 8th cell of the first line: a Latin run gives a spare cell instead.
        let l = lines_of("一二x四五六七“八九十一二三四五六七八”", OPT);
        assert!(!l[0].ends_with('“'), "{l:?}");
        assert_eq!(l[0], "一二x四五六七");
    }

    #[test]
    fn two_closing_marks_use_a_latin_spare_cell() {
        // "。”" at the break: cannot hang both, so the Latin run in the line takes a spare cell.
        let (u, t) = units("一2三四五六七八。”九十");
        let lines = break_lines(&u, OPT);
        let l: Vec<String> = lines.iter().map(|l| t[l.start..l.end].concat()).collect();
        assert_eq!(l, ["一2三四五六七", "八。”九十"]);
        assert!(!lines[0].spread);
        // The Latin run now sits centred in two cells; the line still ends on the edge.
        assert_eq!(lines[0].x, vec![2.0, 3.0 + 0.75, 5.0, 6.0, 7.0, 8.0, 9.0]);
    }

    #[test]
    fn without_latin_the_last_resort_spreads() {
        let (u, t) = units("一二三四五六七八。”九十");
        let lines = break_lines(&u, OPT);
        let l: Vec<String> = lines.iter().map(|l| t[l.start..l.end].concat()).collect();
        assert_eq!(l, ["一二三四五六七", "八。”九十"]);
        assert!(lines[0].spread);
        // 7 characters spread over the 8 cells after the indent: the last one still ends on the edge.
        let last = *lines[0].x.last().unwrap();
        assert!((last + 1.0 - 10.0).abs() < 1e-4, "{:?}", lines[0].x);
    }

    #[test]
    fn dashes_and_ellipses_never_split() {
        let l = lines_of("一二三四五六七——八九十", OPT);
        assert_eq!(l[0], "一二三四五六七", "{l:?}");
        let l = lines_of(
            "一二三四五六七八九……十",
            Options {
                first_indent: 0,
                ..OPT
            },
        );
        assert!(!l[1].starts_with('…'), "{l:?}");
    }

    #[test]
    fn latin_runs_keep_whole_cells_and_are_not_split() {
        let (u, t) = units("一二三四五六七12345");
        let lines = break_lines(&u, OPT);
        let l: Vec<String> = lines.iter().map(|l| t[l.start..l.end].concat()).collect();
        assert_eq!(l, ["一二三四五六七", "12345"]);
    }

    /// A small deterministic generator, so the property below runs the same everywhere.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[(self.next() % xs.len() as u64) as usize]
        }
    }

    #[test]
    fn invariants_hold_on_random_paragraphs() {
        let pieces = [
            "中", "国", "政", "府", "工", "作", "，", "。", "、", "；", "：", "？", "！", "“", "”",
            "（", "）", "《", "》", "——", "……", "x", "2017", "7.2%", "abc", "1.2", "。”", "”，",
            "）。",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..3000 {
            let len = 1 + (rng.next() % 120) as usize;
            let text: String = (0..len).map(|_| rng.pick(&pieces)).collect();
            let (u, t) = units(&text);
            let opt = Options {
                cells: 10 + (round % 19) as u32,
                first_indent: (round % 3) as u32,
                hang: round % 5 != 0,
                rest_indent: 0,
            };
            let lines = break_lines(&u, opt);
            // Every unit exactly once, in order.
            assert_eq!(lines.first().map(|l| l.start), Some(0), "{text}");
            assert_eq!(lines.last().map(|l| l.end), Some(u.len()), "{text}");
            for w in lines.windows(2) {
                assert_eq!(w[0].end, w[1].start, "{text}");
            }
            let joined: String = lines.iter().map(|l| t[l.start..l.end].concat()).collect();
            assert_eq!(joined, text);
            for (i, l) in lines.iter().enumerate() {
                let last_line = i + 1 == lines.len();
                let cap = if i == 0 {
                    opt.cells - opt.first_indent
                } else {
                    opt.cells
                };
                let body = if l.hang { l.end - 1 } else { l.end };
                if l.spread && !last_line {
                    continue; // the last resort is counted and reported by the layout
                }
                // No line starts with a closing mark nor ends with an opening one.
                // (After a forced break — a run of marks longer than the line — it cannot be helped.)
                assert!(
                    i == 0 || lines[i - 1].spread || !u[l.start].no_start,
                    "line {i} of {text:?} starts with a closing mark"
                );
                assert!(
                    last_line || !u[body - 1].no_end,
                    "line {i} of {text:?} ends with an opening mark"
                );
                if l.hang {
                    assert!(opt.hang && u[l.end - 1].hangable, "{text}");
                }
                let used: u32 = u[l.start..body].iter().map(|x| x.cells).sum();
                assert!(used <= cap, "line {i} of {text:?} overflows");
                if !last_line {
                    // 撑满版心: the last unit ends on the edge, whole cells used.
                    let k = body - l.start - 1;
                    let end = l.x[k]
                        + if u[body - 1].latin {
                            u[body - 1].width
                        } else {
                            u[body - 1].cells as f32
                        };
                    let edge = (opt.cells) as f32;
                    assert!(
                        (end - edge).abs() < 1e-3,
                        "line {i} of {text:?} ends at {end}, not {edge}"
                    );
                }
            }
        }
    }

    /// Found by the property test in CI: a first line of one Latin run was "spread" (a line of
    /// one unit has no gap to spread) and stopped 18 cells short of the edge. The units are
    /// those of the paragraph it shrank to: Latin runs (cells, width), marks and ideographs.
    #[test]
    fn a_line_of_one_latin_run_is_never_left_short() {
        let latin = |cells: u32, width: f32| Unit {
            cells,
            width,
            latin: true,
            no_start: false,
            no_end: false,
            hangable: false,
            space: false,
            trailing: 0.0,
        };
        let (marks, _) = units("，“中");
        let [comma, open, ideograph] = [marks[0], marks[1], marks[2]];
        let mut paragraph = vec![latin(8, 7.16), latin(9, 8.31), comma, latin(4, 3.21)];
        paragraph.extend([latin(5, 4.16), open, latin(7, 6.26), comma, open]);
        paragraph.extend([ideograph, ideograph, comma]);
        paragraph.extend([ideograph; 10]);
        paragraph.extend([latin(3, 2.58), latin(3, 2.27), comma]);
        paragraph.extend([ideograph, ideograph, ideograph, ideograph, comma]);
        paragraph.extend([ideograph, ideograph, ideograph, ideograph, open]);
        paragraph.extend([latin(4, 3.49), comma, latin(7, 6.72)]);
        paragraph.extend([ideograph; 8]);
        paragraph.extend([latin(2, 1.52), ideograph, ideograph, comma]);
        paragraph.extend([ideograph; 8]);
        let opt = Options {
            cells: 28,
            first_indent: 2,
            hang: true,
            rest_indent: 0,
        };
        let lines = break_lines(&paragraph, opt);
        for line in &lines[..lines.len() - 1] {
            let last = line.end - 1 - usize::from(line.hang);
            let ends = line.x[last - line.start] + paragraph[last].width;
            assert!(
                (ends - 28.0).abs() < 1e-3,
                "a line ends at {ends}: {lines:?}"
            );
        }
    }

    #[test]
    fn push_mode_never_hangs() {
        let l = lines_of("一二三四五六七八，九十", Options { hang: false, ..OPT });
        assert_eq!(l, ["一二三四五六七", "八，九十"]);
    }
}
