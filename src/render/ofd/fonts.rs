//! The fonts an OFD embeds: each face the text uses, subset with allsorts to the glyphs drawn,
//! as a standalone OpenType font whose `cmap` maps each character to its glyph, so that a reader
//! finds each `TextCode` character's glyph in the embedded font as in an installed one.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset as subset_font};

use crate::error::Error;
use crate::fonts::{FaceId, FontBook};
use crate::layout::Layout;

/// The faces the pages' text uses (a watermark is drawn as outlines).
pub(super) fn faces_used(layout: &Layout) -> BTreeSet<FaceId> {
    layout
        .pages
        .iter()
        .flat_map(|p| &p.runs)
        .filter(|r| !r.glyphs.is_empty())
        .map(|r| r.face)
        .collect()
}

/// Face `face` subset to the glyphs the layout draws with it (and .notdef, first).
pub(super) fn subset(layout: &Layout, book: &FontBook, face: FaceId) -> Result<Vec<u8>, Error> {
    let f = &book.faces[face];
    let fail = |why: &dyn std::fmt::Display| {
        Error::Ofd(format!(
            "subsetting the font {} for the OFD: {why}",
            f.source
        ))
    };
    let mut glyphs: BTreeSet<u16> = BTreeSet::from([0]);
    for run in layout.pages.iter().flat_map(|p| &p.runs) {
        if run.face == face {
            glyphs.extend(run.glyphs.iter().map(|g| g.id));
        }
    }
    let glyphs: Vec<u16> = glyphs.into_iter().collect();
    let data = ReadScope::new(f.data.as_slice())
        .read::<FontData<'_>>()
        .map_err(|e| fail(&e))?;
    let provider = data
        .table_provider(f.index as usize)
        .map_err(|e| fail(&e))?;
    subset_font(
        &provider,
        &glyphs,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|e| fail(&e))
}
