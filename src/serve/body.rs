//! A request's body as the input of a render, an import or a check: a YAML source, a draft
//! (text or a Word document), and the images the source names, sent as further parts of a
//! multipart body. Nothing is read from the server's disk.

use std::path::Path;

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{StatusCode, header};

use super::error::ApiError;
use crate::Source;
use crate::import::Kind;

/// The media type of a Word document.
pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// What a request sends.
pub struct Input {
    /// The name messages give it.
    pub name: String,
    pub kind: InputKind,
    pub bytes: Vec<u8>,
    /// The images sent with it, by name.
    pub images: Vec<(String, Vec<u8>)>,
}

/// What the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A YAML source.
    Yaml,
    /// A draft's text, to import.
    Text,
    /// A Word document, to import.
    Docx,
}

impl InputKind {
    /// From a media type (parameters ignored).
    fn of(media_type: &str) -> Option<InputKind> {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/yaml" | "application/x-yaml" | "text/yaml" | "text/x-yaml" => {
                Some(InputKind::Yaml)
            }
            "text/plain" => Some(InputKind::Text),
            DOCX_TYPE => Some(InputKind::Docx),
            _ => None,
        }
    }

    /// From a file name's extension.
    fn of_file(name: &str) -> Option<InputKind> {
        let extension = name.rsplit('.').next()?.to_ascii_lowercase();
        match extension.as_str() {
            "yaml" | "yml" => Some(InputKind::Yaml),
            "txt" => Some(InputKind::Text),
            "docx" => Some(InputKind::Docx),
            _ => None,
        }
    }
}

impl Input {
    /// The body of `request`: the source itself (its `Content-Type` saying what it is), or a
    /// multipart form whose part `source` is the source and whose other parts are images.
    pub async fn read(request: Request) -> Result<Input, ApiError> {
        let media_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        if media_type
            .to_ascii_lowercase()
            .starts_with("multipart/form-data")
        {
            let form = Multipart::from_request(request, &())
                .await
                .map_err(|e| rejected(e.status(), e.body_text()))?;
            return Input::from_form(form).await;
        }
        let kind = InputKind::of(&media_type).ok_or_else(|| unsupported(&media_type))?;
        let bytes = Bytes::from_request(request, &())
            .await
            .map_err(|e| rejected(e.status(), e.body_text()))?;
        Ok(Input {
            name: default_name(kind).to_string(),
            kind,
            bytes: bytes.to_vec(),
            images: Vec::new(),
        })
    }

    async fn from_form(mut form: Multipart) -> Result<Input, ApiError> {
        let mut source: Option<(String, InputKind, Vec<u8>)> = None;
        let mut images = Vec::new();
        while let Some(field) = form
            .next_field()
            .await
            .map_err(|e| rejected(e.status(), e.body_text()))?
        {
            let part = field.name().unwrap_or("").to_string();
            let file = field.file_name().map(str::to_string);
            let media_type = field.content_type().unwrap_or("").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| rejected(e.status(), e.body_text()))?
                .to_vec();
            if part == "source" {
                let kind = InputKind::of(&media_type)
                    .or_else(|| file.as_deref().and_then(InputKind::of_file))
                    .ok_or_else(|| unsupported(&media_type))?;
                let name = file.unwrap_or_else(|| default_name(kind).to_string());
                source = Some((name, kind, bytes));
            } else {
                // An image goes by its file name, as the source names it (`seal: seal.png`).
                images.push((file.unwrap_or(part), bytes));
            }
        }
        let (name, kind, bytes) = source.ok_or_else(|| {
            ApiError::new(StatusCode::BAD_REQUEST, "the form has no part named `source`")
                .hint("send the source (YAML, text or .docx) as the part `source`, images as further parts named by file")
        })?;
        Ok(Input {
            name,
            kind,
            bytes,
            images,
        })
    }

    /// The body as UTF-8 text.
    pub fn text(&self) -> Result<String, ApiError> {
        Ok(crate::utf8(Path::new(&self.name), self.bytes.clone())?)
    }

    /// The YAML source: as sent, or imported from a draft (the draft's images joining those
    /// sent), with the importer's notes.
    pub fn source(self) -> Result<(Source, Vec<String>), ApiError> {
        if self.kind == InputKind::Yaml {
            let source = Source::new(self.name.clone(), self.text()?).with_images(self.images);
            return Ok((source, Vec::new()));
        }
        let Input {
            name,
            bytes,
            mut images,
            ..
        } = self;
        let imported = crate::import::from_bytes(bytes, &name, Kind::Auto)?;
        images.extend(imported.files);
        Ok((
            Source::new(name, imported.yaml).with_images(images),
            imported.notes,
        ))
    }

    /// The draft imported.
    pub fn import(self) -> Result<crate::import::Imported, ApiError> {
        Ok(crate::import::from_bytes(
            self.bytes,
            &self.name,
            Kind::Auto,
        )?)
    }
}

fn default_name(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Yaml => "source.yaml",
        InputKind::Text => "draft.txt",
        InputKind::Docx => "draft.docx",
    }
}

fn unsupported(media_type: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!("a body of type `{media_type}` is neither a source nor a draft"),
    )
    .hint(format!(
        "send `application/yaml` (a source), `text/plain` (a draft to import), `{DOCX_TYPE}` (a Word draft), or `multipart/form-data` with a part `source` and the images"
    ))
}

fn rejected(status: StatusCode, reason: String) -> ApiError {
    let error = ApiError::new(status, reason);
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        error.hint("send a smaller body, or start the server with a larger --max-body")
    } else {
        error
    }
}
