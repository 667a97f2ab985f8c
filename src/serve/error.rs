//! An API error: its HTTP status and a JSON body with the message and, for a source's error,
//! the file, line and column, and a hint.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::Error;

/// What a request gets back when it fails.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub file: Option<String>,
    pub position: Option<(usize, usize)>,
    pub hint: Option<String>,
}

impl ApiError {
    /// An error with a status and a message only.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            file: None,
            position: None,
            hint: None,
        }
    }

    /// The same error with a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> ApiError {
        self.hint = Some(hint.into());
        self
    }
}

impl From<Error> for ApiError {
    /// A source's or a template's error keeps its place; what the input asks beyond a limit is
    /// a 413; what fails inside gongwen a 500; the rest (the input is wrong) a 400.
    fn from(error: Error) -> ApiError {
        let status = match &error {
            Error::Limit { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Font(_)
            | Error::Pdf(_)
            | Error::Docx(_)
            | Error::Picture(_)
            | Error::Io { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        match error {
            Error::Source(e) | Error::Template(e) => ApiError {
                status,
                message: e.message,
                file: Some(e.file),
                position: e.position,
                hint: e.hint,
            },
            // The server's own files are none of the client's business: the reason only.
            Error::Io { action, source, .. } => {
                ApiError::new(status, format!("could not {action} a file: {source}"))
            }
            other => ApiError::new(status, other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": {
                "message": self.message,
                "file": self.file,
                "line": self.position.map(|p| p.0),
                "column": self.position.map(|p| p.1),
                "hint": self.hint,
            }
        });
        (self.status, axum::Json(body)).into_response()
    }
}
