//! The web page's files, built into the binary: nothing is fetched from elsewhere.

use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use super::Server;

/// Each file: its path, media type and contents.
const FILES: [(&str, &str, &str); 4] = [
    (
        "/",
        "text/html; charset=utf-8",
        include_str!("../../web/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/app.js"),
    ),
    (
        "/app.css",
        "text/css; charset=utf-8",
        include_str!("../../web/app.css"),
    ),
    (
        "/editor.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/editor/dist/editor.js"),
    ),
];

/// `/` and its scripts and style.
pub fn routes() -> Router<Arc<Server>> {
    FILES
        .iter()
        .fold(Router::new(), |router, &(path, media_type, body)| {
            let headers = [
                (header::CONTENT_TYPE, media_type),
                (header::CACHE_CONTROL, "no-cache"),
            ];
            router.route(
                path,
                get(move || async move { (headers, body).into_response() }),
            )
        })
}
