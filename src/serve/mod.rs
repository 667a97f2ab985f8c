//! `gongwen serve`: the web page and the HTTP API, over the same library calls as the CLI.
//! Stateless: every request carries its source and images, so replicas behind any load
//! balancer answer alike.
//!
//! - `body`: a request's body as a source or a draft, and its images;
//! - `api`: the handlers;
//! - `slots`: as many renders at once as cores, a bounded queue, a time limit;
//! - `error`: JSON errors with the source's line and column;
//! - `page`: the web page's files, built into the binary.

mod api;
mod body;
mod error;
mod page;
mod slots;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};

pub use body::DOCX_TYPE;
use error::ApiError;

use crate::fonts::FontOptions;
use crate::{Formats, Limits, Options};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where fonts come from (as `render`'s flags say).
    pub fonts: FontOptions,
    /// The date in the metadata (`SOURCE_DATE_EPOCH`), as `render` writes it.
    pub source_date: Option<i64>,
    /// Bounds on a document (pages; the body's size is `max_body`).
    pub limits: Limits,
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// Renders at once; more wait.
    pub workers: usize,
    /// Renders that may wait; past them a 503.
    pub queue: usize,
    /// The longest a render may take before the request gets a 503.
    pub time_limit: Duration,
    /// The bearer token `/api/` asks for, if any.
    pub token: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            fonts: FontOptions::default(),
            source_date: None,
            limits: Limits::default(),
            max_body: 32 << 20,
            workers: std::thread::available_parallelism().map_or(2, usize::from),
            queue: 256,
            time_limit: Duration::from_secs(60),
            token: None,
        }
    }
}

/// What every request shares.
pub struct Server {
    config: Config,
    slots: slots::Slots,
}

impl Server {
    /// Options for a render in `formats`, as the CLI's `render` would have them.
    fn options(&self, formats: Formats) -> Options {
        Options {
            fonts: self.config.fonts.clone(),
            formats,
            limits: Limits {
                max_input_bytes: self.config.max_body,
                ..self.config.limits
            },
            source_date: self.config.source_date,
            ..Options::default()
        }
    }
}

/// The routes: the page at `/`, the API under `/api/`, `/healthz`.
pub fn router(config: Config) -> Router {
    let max_body = config.max_body;
    let server = Arc::new(Server {
        slots: slots::Slots::new(config.workers, config.queue, config.time_limit),
        config,
    });
    let api = Router::new()
        .route("/render", post(api::render))
        .route("/import", post(api::import))
        .route("/check", post(api::check))
        .route("/preview", post(api::preview))
        .route("/schema", get(api::schema))
        .route("/starter", get(api::starter))
        .layer(axum::middleware::from_fn_with_state(
            server.clone(),
            authorise,
        ))
        .layer(DefaultBodyLimit::max(max_body));
    Router::new()
        .nest("/api", api)
        .route("/healthz", get(api::health))
        .merge(page::routes())
        .with_state(server)
}

/// With a token set, an API request must bring it: `Authorization: Bearer TOKEN`.
async fn authorise(
    State(server): State<Arc<Server>>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if let Some(token) = &server.config.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if given.map(str::as_bytes) != Some(token.as_bytes()) {
            return Err(
                ApiError::new(StatusCode::UNAUTHORIZED, "this server asks for a token").hint(
                    "send `Authorization: Bearer TOKEN`, the token the server was started with",
                ),
            );
        }
    }
    Ok(next.run(request).await)
}

/// Serves on `listener` until interrupted (Ctrl-C), finishing the requests under way.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, router(config))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
