//! Backends: PDF draws the layout; DOCX writes the model and template as Word structures.

pub mod docx;
mod docx_fix;
mod docx_notice;
pub mod pdf;
