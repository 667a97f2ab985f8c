//! The HTTP API: render, import, check, the page's preview, the schema, starters, health.

use std::io::Write;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::Server;
use super::body::{DOCX_TYPE, Input, InputKind};
use super::error::ApiError;
use crate::{Formats, Output, Pictures};

/// What `/api/render` is asked for.
#[derive(Debug, Deserialize)]
pub struct RenderQuery {
    /// pdf (the default), docx, svg, png or zip.
    format: Option<String>,
    /// With png: the page (from 1; the first unless told), or `all`: every page, zipped.
    page: Option<String>,
    /// With png: all pages in one long image.
    #[serde(default)]
    long_image: bool,
    /// With png: dots per inch (150 unless told).
    dpi: Option<f32>,
    /// With png and long_image: the width in pixels (1080 unless told).
    width: Option<u32>,
    /// PDF standards, comma separated: a-2b, a-2u, a-3b, ua-1.
    pdf_standard: Option<String>,
    /// A draft mark in place of the source's: 征求意见稿 ….
    draft: Option<String>,
    /// With draft: a watermark on every page.
    #[serde(default)]
    watermark: bool,
    /// Numbered copies, "1-50" or "1,3,7-9": with format=pdf one PDF of all of them (each from
    /// an odd page), with format=zip a PDF a copy.
    copies: Option<String>,
}

/// The most copies one request numbers: the answer holds them all (a zip of 300 copies of the
/// notice is about 45 MB).
const MOST_COPIES: usize = 300;

impl RenderQuery {
    /// The PDF standards asked for.
    fn standards(&self) -> Result<Vec<crate::render::pdf::PdfStandard>, ApiError> {
        let Some(list) = &self.pdf_standard else {
            return Ok(Vec::new());
        };
        list.split(',')
            .map(|name| {
                crate::render::pdf::PdfStandard::from_name(name.trim()).ok_or_else(|| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        format!("no PDF standard `{name}`"),
                    )
                    .hint("pdf_standard=a-2b, a-2u, a-3b or ua-1 (a PDF/A part and ua-1 may go together)")
                })
            })
            .collect()
    }

    /// The draft mark asked for.
    fn draft(&self) -> Option<crate::model::Draft> {
        let text = self.draft.as_deref()?.trim();
        (!text.is_empty()).then(|| crate::model::Draft {
            text: text.to_string(),
            watermark: self.watermark,
        })
    }

    /// The copy numbers asked for.
    fn copies(&self, format: Format) -> Result<Option<Vec<u32>>, ApiError> {
        let Some(list) = &self.copies else {
            return Ok(None);
        };
        if !matches!(format, Format::Pdf | Format::Zip) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "numbered copies are PDF".to_string(),
            )
            .hint("copies with format=pdf (one PDF of all) or format=zip (a PDF a copy)"));
        }
        crate::copies::parse_copy_numbers(list, MOST_COPIES)
            .map(Some)
            .map_err(|why| {
                ApiError::new(StatusCode::BAD_REQUEST, format!("copies={list}: {why}"))
                    .hint("copies=1-50 or copies=1,3,7-9")
            })
    }
}

/// The formats `/api/render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Docx,
    Svg,
    Png,
    Zip,
    Ofd,
}

impl Format {
    fn parse(name: Option<&str>) -> Result<Format, ApiError> {
        match name.unwrap_or("pdf") {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            "svg" => Ok(Format::Svg),
            "png" => Ok(Format::Png),
            "zip" => Ok(Format::Zip),
            "ofd" => Ok(Format::Ofd),
            other => Err(
                ApiError::new(StatusCode::BAD_REQUEST, format!("no format `{other}`"))
                    .hint("format=pdf, docx, ofd, svg, png or zip"),
            ),
        }
    }

    fn formats(self) -> Formats {
        Formats {
            pdf: matches!(self, Format::Pdf | Format::Zip),
            docx: matches!(self, Format::Docx | Format::Zip),
            svg: self == Format::Svg,
            png: matches!(self, Format::Png | Format::Zip),
            ofd: self == Format::Ofd,
        }
    }
}

/// `POST /api/render?format=…`: the source (or a draft, imported first) rendered. PDF, DOCX
/// and a PNG page or the long image come as themselves; SVG as JSON, a string a page; zip as
/// the PDF, the DOCX and the PNG pages in one archive.
pub async fn render(
    State(server): State<Arc<Server>>,
    Query(query): Query<RenderQuery>,
    request: Request,
) -> Result<Response, ApiError> {
    let format = Format::parse(query.format.as_deref())?;
    let copies = query.copies(format)?;
    let input = Input::read(request).await?;
    let pictures = pictures(&query)?;
    let mut options = server.options(format.formats());
    options.pictures = pictures;
    options.pdf_standards = query.standards()?;
    options.draft = query.draft();
    if let Some(numbers) = copies {
        return numbered_copies(&server, input, options, numbers, format).await;
    }
    let out = server
        .slots
        .run(move || -> Result<Output, ApiError> {
            let (source, _) = input.source()?;
            Ok(crate::render(&source, &options)?)
        })
        .await??;
    respond(format, &query, out)
}

/// Numbered copies: one PDF of all (format=pdf), or a zip of a PDF a copy.
async fn numbered_copies(
    server: &Server,
    input: Input,
    options: crate::Options,
    numbers: Vec<u32>,
    format: Format,
) -> Result<Response, ApiError> {
    let merge = format == Format::Pdf;
    let copies = server
        .slots
        .run(move || -> Result<crate::copies::Copies, ApiError> {
            let (source, _) = input.source()?;
            Ok(crate::copies::render_copies(
                &source, &options, &numbers, merge,
            )?)
        })
        .await??;
    Ok(match copies.merged {
        Some(pdf) => file("application/pdf", "copies.pdf", pdf),
        None => {
            let entries: Vec<(String, &[u8])> = copies
                .pdfs
                .iter()
                .map(|(n, pdf)| {
                    let name = format!("document-{}.pdf", crate::copies::copy_number_text(*n));
                    (name, pdf.as_slice())
                })
                .collect();
            file("application/zip", "copies.zip", zip_of(&entries)?)
        }
    })
}

fn pictures(query: &RenderQuery) -> Result<Pictures, ApiError> {
    let dpi = query.dpi.unwrap_or(crate::render::picture::DEFAULT_DPI);
    if !(10.0..=1200.0).contains(&dpi) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("dpi={dpi} is out of range"),
        )
        .hint("dpi from 10 to 1200"));
    }
    let width = query
        .width
        .unwrap_or(crate::render::picture::DEFAULT_LONG_WIDTH);
    if !(100..=10_000).contains(&width) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("width={width} is out of range"),
        )
        .hint("width from 100 to 10000 pixels"));
    }
    Ok(Pictures {
        dpi,
        long_image_width: query.long_image.then_some(width),
    })
}

fn respond(format: Format, query: &RenderQuery, out: Output) -> Result<Response, ApiError> {
    let pages = out.pages.to_string();
    let response = match format {
        Format::Pdf => file(
            "application/pdf",
            "document.pdf",
            out.pdf.unwrap_or_default(),
        ),
        Format::Docx => file(DOCX_TYPE, "document.docx", out.docx.unwrap_or_default()),
        Format::Svg => Json(json!({
            "pages": out.svg.as_deref().unwrap_or_default(),
            "warnings": warnings(&out),
        }))
        .into_response(),
        Format::Png if query.page.as_deref() == Some("all") => {
            file("application/zip", "document-png.zip", archive(&out)?)
        }
        Format::Png => {
            let images = out.png.unwrap_or_default();
            let asked = query.page.as_deref().unwrap_or("1");
            let index = asked
                .parse::<usize>()
                .ok()
                .filter(|&i| (1..=images.len()).contains(&i));
            let Some(index) = index else {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!("page={asked}: the document has {} pages", out.pages),
                )
                .hint("page=1 to the last, or page=all for a zip of every page"));
            };
            let name = if query.long_image {
                "document.png".to_string()
            } else {
                format!("document-{index}.png")
            };
            file(
                "image/png",
                &name,
                images.into_iter().nth(index - 1).unwrap_or_default(),
            )
        }
        Format::Zip => file("application/zip", "document.zip", archive(&out)?),
        Format::Ofd => file(
            "application/ofd",
            "document.ofd",
            out.ofd.unwrap_or_default(),
        ),
    };
    let mut response = response;
    if let Ok(value) = pages.parse() {
        response.headers_mut().insert("x-pages", value);
    }
    Ok(response)
}

fn file(media_type: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// What the output holds of the PDF, the DOCX and the PNG pages, in one zip.
fn archive(out: &Output) -> Result<Vec<u8>, ApiError> {
    let mut entries: Vec<(String, &[u8])> = Vec::new();
    if let Some(pdf) = &out.pdf {
        entries.push(("document.pdf".into(), pdf));
    }
    if let Some(docx) = &out.docx {
        entries.push(("document.docx".into(), docx));
    }
    for (i, png) in out.png.iter().flatten().enumerate() {
        entries.push((format!("document-{}.png", i + 1), png));
    }
    zip_of(&entries)
}

/// Files in a zip, stored (PDF, DOCX and PNG are compressed already).
fn zip_of(entries: &[(String, &[u8])]) -> Result<Vec<u8>, ApiError> {
    let fail = |e: &dyn std::fmt::Display| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("writing the zip: {e}"),
        )
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), stored)
            .map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

/// The render's warnings, each as a message with its place.
fn warnings(out: &Output) -> Vec<Value> {
    let missing = out.warnings.iter().map(|w| {
        json!({
            "message": format!("no font has the character {:?} (U+{:04X})", w.ch, u32::from(w.ch)),
            "line": w.at.position.map(|p| p.0),
            "column": w.at.position.map(|p| p.1),
        })
    });
    let source = out.source_warnings.iter().map(|w| {
        json!({
            "message": w.message,
            "line": w.position.map(|p| p.0),
            "column": w.position.map(|p| p.1),
            "hint": w.hint,
        })
    });
    missing.chain(source).collect()
}

/// `POST /api/import`: a draft (text or a Word document) as a YAML source, with what the
/// importer dropped and noted, and the images it found (base64), which the source names.
pub async fn import(
    State(server): State<Arc<Server>>,
    request: Request,
) -> Result<Response, ApiError> {
    let input = Input::read(request).await?;
    let imported = server.slots.run(move || input.import()).await??;
    let dropped: Vec<Value> = imported
        .dropped
        .iter()
        .map(|d| json!({ "line": d.line, "text": d.text, "reason": d.reason }))
        .collect();
    let images: Vec<Value> = imported
        .files
        .iter()
        .map(|(name, bytes)| json!({ "name": name, "base64": base64_of(bytes) }))
        .collect();
    Ok(Json(json!({
        "yaml": imported.yaml,
        "dropped": dropped,
        "notes": imported.notes,
        "images": images,
    }))
    .into_response())
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `POST /api/check`: the findings of `gongwen check` for a YAML source (its page audit
/// included) or a draft's text.
pub async fn check(
    State(server): State<Arc<Server>>,
    request: Request,
) -> Result<Response, ApiError> {
    let input = Input::read(request).await?;
    let options = server.options(Formats::default());
    let findings = server
        .slots
        .run(move || -> Result<Vec<Value>, ApiError> {
            let text = input.text()?;
            let yaml = input.kind == InputKind::Yaml;
            let laid = if yaml {
                let source =
                    crate::Source::new(input.name, text.as_str()).with_images(input.images);
                Some(crate::lay_out(&source, &options)?)
            } else {
                None
            };
            let findings = crate::lint::findings(&text, yaml, laid.as_ref());
            Ok(findings.iter().map(crate::lint::Finding::to_json).collect())
        })
        .await??;
    Ok(Json(json!({ "findings": findings })).into_response())
}

/// What `/api/preview` is asked for.
#[derive(Debug, Deserialize)]
pub struct PreviewQuery {
    /// The pages as `png` (the default: quick for a browser to show) or `svg`.
    pictures: Option<String>,
    /// With png: dots per inch (96, a screen's, unless told; twice that for a sharp screen).
    dpi: Option<f32>,
}

/// `POST /api/preview` (the page's): one layout, drawn as pictures and audited, with the
/// source's findings and the render's warnings; a source's error is a 400 with its place.
/// Pages come as PNG data URLs (10 SVG pages of the speech took a browser 350 ms to decode,
/// PNG pages at a screen's resolution a tenth of that) or, asked for, as SVG documents.
pub async fn preview(
    State(server): State<Arc<Server>>,
    Query(query): Query<PreviewQuery>,
    request: Request,
) -> Result<Response, ApiError> {
    let svg = match query.pictures.as_deref().unwrap_or("png") {
        "png" => false,
        "svg" => true,
        other => {
            return Err(
                ApiError::new(StatusCode::BAD_REQUEST, format!("no pictures `{other}`"))
                    .hint("pictures=png or svg"),
            );
        }
    };
    let dpi = query.dpi.unwrap_or(96.0);
    if !(10.0..=600.0).contains(&dpi) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("dpi={dpi} is out of range"),
        )
        .hint("dpi from 10 to 600"));
    }
    let input = Input::read(request).await?;
    let mut options = server.options(Formats {
        svg,
        png: !svg,
        ..Formats::default()
    });
    options.pictures.dpi = dpi;
    let body = server
        .slots
        .run(move || -> Result<Value, ApiError> {
            let (source, notes) = input.source()?;
            let laid = crate::lay_out(&source, &options)?;
            let findings = crate::lint::findings(&source.text, true, Some(&laid));
            let out = crate::draw(laid, &options)?;
            let pages: Vec<String> = match (&out.svg, &out.png) {
                (Some(svg), _) => svg.clone(),
                (_, Some(png)) => png
                    .iter()
                    .map(|p| format!("data:image/png;base64,{}", base64_of(p)))
                    .collect(),
                _ => Vec::new(),
            };
            Ok(json!({
                "pages": pages,
                "findings": findings.iter().map(crate::lint::Finding::to_json).collect::<Vec<_>>(),
                "warnings": warnings(&out),
                "notes": notes,
            }))
        })
        .await??;
    Ok(Json(body).into_response())
}

/// `GET /api/schema`: the source's JSON Schema.
pub async fn schema() -> Response {
    (
        [(header::CONTENT_TYPE, "application/schema+json")],
        crate::source::schema_json(),
    )
        .into_response()
}

/// What `/api/starter` is asked for.
#[derive(Debug, Deserialize)]
pub struct StarterQuery {
    /// speech, notice, request, minutes, order or letter.
    kind: String,
}

/// `GET /api/starter?kind=notice`: a starter source of a kind (what `gongwen new` writes).
pub async fn starter(Query(query): Query<StarterQuery>) -> Result<Response, ApiError> {
    use clap::ValueEnum;
    let kind = crate::starter::Kind::from_str(&query.kind, true).map_err(|_| {
        ApiError::new(StatusCode::BAD_REQUEST, format!("no kind `{}`", query.kind))
            .hint("kind=speech, notice, request, minutes, order or letter")
    })?;
    Ok((
        [(header::CONTENT_TYPE, "application/yaml; charset=utf-8")],
        crate::starter::starter(kind),
    )
        .into_response())
}

/// `GET /healthz`.
pub async fn health() -> &'static str {
    "ok\n"
}
