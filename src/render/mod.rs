//! Backends: PDF draws the layout; DOCX writes the model and template as Word structures.

pub mod pdf;
