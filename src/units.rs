//! Units and the numbers of the standard that are not per-template data.
//!
//! Everything a template may change (margins, grid, sizes) lives in `templates/*.yaml`; this
//! module holds only the fixed conversions and the 字号 table of GB/T 9704-2012 §5.2.4 (sizes in
//! points as the printing trade defines them, listed in ../shared/GBT9704.md).

/// Points per millimetre (1 pt = 1/72 in, 1 in = 25.4 mm).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Twentieths of a point per point: Word measures lengths in twips.
pub const TWIPS_PER_PT: f32 = 20.0;

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// The 字号 names and their sizes in points (GB/T 9704-2012 §5.2.4 uses these names; the point
/// values are the trade's, as in GBT9704.md).
pub const ZIHAO: [(&str, f32); 16] = [
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
    ("小六", 6.5),
    ("七号", 5.5),
    ("八号", 5.0),
];

/// The size in points of a 字号 name ("三号"), if it is one.
pub fn zihao(name: &str) -> Option<f32> {
    ZIHAO.iter().find(|(n, _)| *n == name).map(|&(_, pt)| pt)
}

/// The position of an ideographic em box's baseline below the box's top, as a share of the
/// font size. CJK fonts draw ideographs in an em box from −0.12 to 0.88 em around the baseline
/// (the OpenType `ideo` baseline at −0.12 em); the layout centres that box in each grid line.
pub const EM_BOX_ASCENT: f32 = 0.88;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zihao_names_resolve_to_points() {
        assert_eq!(zihao("三号"), Some(16.0));
        assert_eq!(zihao("二号"), Some(22.0));
        assert_eq!(zihao("四号"), Some(14.0));
        assert_eq!(zihao("三",), None);
    }

    #[test]
    fn block_is_a_whole_number_of_cells() {
        // §5.2.3: 28 characters of a 156 mm block give a 15.79 pt cell, just under 3号's 16 pt.
        let cell = mm(156.0) / 28.0;
        assert!((cell - 15.79).abs() < 0.01, "{cell}");
        let pitch = mm(225.0) / 22.0;
        assert!((pitch - 28.99).abs() < 0.01, "{pitch}");
    }
}
