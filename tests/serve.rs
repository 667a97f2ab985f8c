//! `gongwen serve`'s HTTP API, called as an office system would: the same bytes as the CLI,
//! JSON errors with their places, limits answered with their statuses.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use gongwen::serve::{Config, router};

fn config() -> Config {
    Config {
        fonts: common::options().fonts,
        ..Config::default()
    }
}

fn speech() -> String {
    std::fs::read_to_string(common::examples().join("speech.yaml")).unwrap()
}

async fn call(config: Config, request: Request<Body>) -> (StatusCode, Vec<u8>, header::HeaderMap) {
    let response = router(config).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, body, headers)
}

fn post(uri: &str, media_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, media_type)
        .body(body.into())
        .unwrap()
}

fn error_of(body: &[u8]) -> serde_json::Value {
    let json: serde_json::Value = serde_json::from_slice(body).expect("a JSON error");
    json["error"].clone()
}

#[tokio::test]
async fn the_api_renders_the_speech_byte_identical_to_the_library_and_the_cli() {
    let opts = common::options();
    let source = gongwen::Source::new("speech.yaml", speech());
    let direct = gongwen::render(&source, &opts).unwrap();
    for (format, want) in [("pdf", direct.pdf.unwrap()), ("docx", direct.docx.unwrap())] {
        let request = post(
            &format!("/api/render?format={format}"),
            "application/yaml",
            speech(),
        );
        let (status, body, headers) = call(config(), request).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        assert_eq!(headers["x-pages"], "10");
        assert!(body == want, "{format}: not the library's bytes");
    }
}

#[tokio::test]
async fn a_malformed_source_gets_a_400_with_its_line_and_column() {
    let broken = speech().replacen("body:", "body: [", 1);
    let (status, body, _) = call(config(), post("/api/render", "application/yaml", broken)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let error = error_of(&body);
    assert!(error["line"].as_u64().unwrap() > 1, "{error}");
    assert!(error["column"].as_u64().is_some(), "{error}");
    assert!(!error["message"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn a_body_over_the_limit_gets_a_413_and_an_unknown_type_a_415() {
    let big = vec![b'#'; 50 << 20];
    let (status, body, _) = call(config(), post("/api/render", "application/yaml", big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        error_of(&body)["hint"]
            .as_str()
            .unwrap()
            .contains("--max-body")
    );
    let (status, _, _) = call(config(), post("/api/render", "image/gif", "GIF89a")).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn with_a_token_the_api_asks_for_it_and_the_health_check_does_not() {
    let guarded = || Config {
        token: Some("s3cret".into()),
        ..config()
    };
    let (status, _, _) = call(guarded(), post("/api/check", "application/yaml", speech())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let request = Request::post("/api/check")
        .header(header::CONTENT_TYPE, "application/yaml")
        .header(header::AUTHORIZATION, "Bearer s3cret")
        .body(Body::from(speech()))
        .unwrap();
    let (status, _, _) = call(guarded(), request).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = call(
        guarded(),
        Request::get("/healthz").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_seal_comes_with_the_request_as_a_part_of_a_form_never_from_the_server_s_disk() {
    let request_yaml = std::fs::read_to_string(common::examples().join("request.yaml")).unwrap();
    // Named but not sent: an error, though examples/seal.png is on this disk.
    let (status, body, _) = call(
        config(),
        post("/api/render", "application/yaml", request_yaml.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        error_of(&body)["message"]
            .as_str()
            .unwrap()
            .contains("seal.png")
    );
    let seal = std::fs::read(common::examples().join("seal.png")).unwrap();
    let boundary = "gongwen-test-boundary";
    let mut form = Vec::new();
    for (name, file, media_type, bytes) in [
        (
            "source",
            "request.yaml",
            "application/yaml",
            request_yaml.as_bytes(),
        ),
        ("seal", "seal.png", "image/png", seal.as_slice()),
    ] {
        form.extend(format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: {media_type}\r\n\r\n"
        ).as_bytes());
        form.extend(bytes);
        form.extend(b"\r\n");
    }
    form.extend(format!("--{boundary}--\r\n").as_bytes());
    let request = post(
        "/api/render?format=pdf",
        &format!("multipart/form-data; boundary={boundary}"),
        form,
    );
    let (status, body, _) = call(config(), request).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let opts = common::options();
    let source = gongwen::Source::new("request.yaml", request_yaml).in_dir(common::examples());
    assert!(body == gongwen::render(&source, &opts).unwrap().pdf.unwrap());
}

#[tokio::test]
async fn a_draft_is_imported_and_checked_and_previewed_a_picture_a_page() {
    let draft = std::fs::read_to_string(
        common::examples().join("../tests/data/import/speech-one-line.txt"),
    )
    .unwrap();
    let (status, body, _) = call(config(), post("/api/import", "text/plain", draft.clone())).await;
    assert_eq!(status, StatusCode::OK);
    let imported: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(imported["yaml"].as_str().unwrap().contains("salutation:"));
    // PNG pages as data URLs unless SVG is asked for; the same number of pages either way.
    let mut counts = Vec::new();
    for (query, start) in [("", "data:image/png;base64,"), ("?pictures=svg", "<?xml")] {
        let request = post(&format!("/api/preview{query}"), "text/plain", draft.clone());
        let (status, body, _) = call(config(), request).await;
        assert_eq!(status, StatusCode::OK);
        let preview: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let pages = preview["pages"].as_array().unwrap();
        assert!(
            pages.iter().all(|p| p.as_str().unwrap().starts_with(start)),
            "{query}"
        );
        counts.push(pages.len());
    }
    assert!(counts[0] > 0 && counts[0] == counts[1], "{counts:?}");
    let (status, body, _) = call(
        config(),
        post(
            "/api/check",
            "application/yaml",
            "title: 关于x的通知\nbody: [正文。]\n",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let findings: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(findings["findings"].as_array().is_some());
}

/// 100 requests at once on a real socket, two render slots: every one is answered, each
/// with the speech's PDF.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_parallel_requests_are_all_answered() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let config = Config {
            workers: 2,
            ..config()
        };
        axum::serve(listener, router(config)).await.unwrap();
    });
    let source = speech();
    let mut clients = Vec::new();
    for _ in 0..100 {
        let source = source.clone();
        clients.push(tokio::task::spawn_blocking(move || {
            post_over_tcp(addr, &source)
        }));
    }
    for client in clients {
        let (status, body) = client.await.unwrap();
        assert_eq!(status, 200);
        assert!(body.starts_with(b"%PDF-"));
    }
    server.abort();
}

/// A plain HTTP/1.1 POST of a YAML source to /api/render over TCP: the status and the body.
fn post_over_tcp(addr: std::net::SocketAddr, source: &str) -> (u16, Vec<u8>) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST /api/render?format=pdf HTTP/1.1\r\nHost: test\r\nContent-Type: application/yaml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{source}",
        source.len()
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let head_end = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..head_end]).to_string();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, response[head_end + 4..].to_vec())
}

/// The page and everything it loads come from the binary.
#[tokio::test]
async fn the_page_and_its_scripts_are_served_from_the_binary() {
    for (path, media_type, holds) in [
        ("/", "text/html", "公文排版"),
        ("/app.js", "text/javascript", "/api/preview"),
        ("/app.css", "text/css", "#pages"),
        ("/editor.js", "text/javascript", "GongwenEditor"),
    ] {
        let (status, body, headers) =
            call(config(), Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(media_type)
        );
        assert!(String::from_utf8_lossy(&body).contains(holds), "{path}");
    }
}

fn notice() -> String {
    std::fs::read_to_string(common::examples().join("notice.yaml")).unwrap()
}

#[tokio::test]
async fn the_api_numbers_copies_marks_drafts_and_writes_pdf_a_as_the_library_does() {
    // Copies bound in one PDF: the library's bytes.
    let opts = gongwen::Options {
        draft: Some(gongwen::model::Draft {
            text: "征求意见稿".into(),
            watermark: true,
        }),
        pdf_standards: vec![gongwen::render::pdf::PdfStandard::A2b],
        ..common::options()
    };
    let source = gongwen::Source::new("notice.yaml", notice());
    let want = gongwen::copies::render_copies(&source, &opts, &[1, 2, 3], true)
        .unwrap()
        .merged
        .unwrap();
    let uri = "/api/render?format=pdf&copies=1-3&draft=%E5%BE%81%E6%B1%82%E6%84%8F%E8%A7%81%E7%A8%BF&watermark=true&pdf_standard=a-2b";
    let (status, body, _) = call(config(), post(uri, "application/yaml", notice())).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert!(body == want, "not the library's bytes");
    // A PDF a copy, zipped.
    let uri = "/api/render?format=zip&copies=7,9";
    let (status, body, _) = call(config(), post(uri, "application/yaml", notice())).await;
    assert_eq!(status, StatusCode::OK);
    let zip = zip::ZipArchive::new(std::io::Cursor::new(body)).unwrap();
    let names: Vec<&str> = zip.file_names().collect();
    assert_eq!(names, ["document-000007.pdf", "document-000009.pdf"]);
    // Asked wrongly: a 400 that says how.
    for uri in [
        "/api/render?format=pdf&copies=3-1",
        "/api/render?format=docx&copies=1-3",
        "/api/render?format=pdf&copies=1-301",
        "/api/render?format=pdf&pdf_standard=a-9z",
    ] {
        let (status, body, _) = call(config(), post(uri, "application/yaml", notice())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(error_of(&body)["hint"].as_str().is_some(), "{uri}");
    }
}

#[tokio::test]
async fn the_api_writes_the_ofd_the_library_writes() {
    let opts = gongwen::Options {
        formats: gongwen::Formats {
            ofd: true,
            ..gongwen::Formats::default()
        },
        ..common::options()
    };
    let want = gongwen::render(&gongwen::Source::new("notice.yaml", notice()), &opts)
        .unwrap()
        .ofd
        .unwrap();
    let request = post("/api/render?format=ofd", "application/yaml", notice());
    let (status, body, headers) = call(config(), request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/ofd");
    assert!(body == want, "not the library's bytes");
}
