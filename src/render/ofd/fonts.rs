//! The fonts an OFD embeds: each face the text uses, subset with allsorts to the glyphs drawn,
//! as a standalone OpenType font whose `cmap` maps each character to its glyph, so that a reader
//! finds each `TextCode` character's glyph in the embedded font as in an installed one.

use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset as subset_font};

use crate::error::Error;
use crate::fonts::{FaceId, FontBook};
use crate::layout::Layout;

/// The glyphs the pages' text draws, by face, .notdef first in each (a watermark is drawn as
/// outlines): read from the pages once, for the font resources and their subsets.
pub(super) fn glyphs_by_face(layout: &Layout) -> BTreeMap<FaceId, Vec<u16>> {
    let mut faces: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    for run in layout.pages.iter().flat_map(|p| &p.runs) {
        if !run.glyphs.is_empty() {
            let glyphs = faces.entry(run.face).or_insert_with(|| BTreeSet::from([0]));
            glyphs.extend(run.glyphs.iter().map(|g| g.id));
        }
    }
    faces
        .into_iter()
        .map(|(face, glyphs)| (face, glyphs.into_iter().collect()))
        .collect()
}

/// Face `face` subset to `glyphs` (sorted, .notdef first).
pub(super) fn subset(book: &FontBook, face: FaceId, glyphs: &[u16]) -> Result<Vec<u8>, Error> {
    let f = &book.faces[face];
    let fail = |why: &dyn std::fmt::Display| {
        Error::Ofd(format!(
            "subsetting the font {} for the OFD: {why}",
            f.source
        ))
    };
    let data = ReadScope::new(f.data.as_slice())
        .read::<FontData<'_>>()
        .map_err(|e| fail(&e))?;
    let provider = data
        .table_provider(f.index as usize)
        .map_err(|e| fail(&e))?;
    subset_font(
        &provider,
        glyphs,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|e| fail(&e))
}
