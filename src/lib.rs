//! gongwen: typesets Chinese official documents (公文) and speech drafts (讲话稿) to
//! GB/T 9704-2012, as PDF and DOCX.
//!
//! The data flows one way: [`source`] (YAML) → [`model`] → [`layout`] (pages of positioned
//! glyphs) → [`render`] backends. The PDF backend draws the layout; the DOCX backend writes the
//! model and template as Word styles, grid and sections.

pub mod error;
pub mod fonts;
pub mod layout;
pub mod model;
pub mod source;
pub mod template;
pub mod units;

pub use error::{Error, Result};
