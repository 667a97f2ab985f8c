//! Layout: decides every line and page. Produces pages of positioned glyph runs.

pub mod kinsoku;
