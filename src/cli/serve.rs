//! `gongwen serve`: the web page and the HTTP API on an address, until interrupted.

use gongwen::Error;
use gongwen::serve::Config;

use super::args::ServeArgs;
use super::mib;

pub(crate) fn serve(args: ServeArgs) -> Result<(), Error> {
    if !args.addr.ip().is_loopback() && args.token.is_none() {
        return Err(Error::Usage(format!(
            "listening on {} reaches beyond this machine: give --token (or GONGWEN_TOKEN) so \
             the API asks for it, and put a reverse proxy with TLS in front (README)",
            args.addr
        )));
    }
    let defaults = Config::default();
    let config = Config {
        fonts: args.fonts.options(),
        source_date: super::render::source_date_epoch()?,
        limits: gongwen::Limits {
            max_pages: args.max_pages,
            ..gongwen::Limits::default()
        },
        max_body: mib(args.max_body),
        workers: args.workers.unwrap_or(defaults.workers).max(1),
        queue: args.queue,
        time_limit: std::time::Duration::from_secs(args.time_limit),
        token: args.token,
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| io_error("start the server", e))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| io_error("listen", e))?;
        let addr = listener.local_addr().map_err(|e| io_error("listen", e))?;
        let url = format!("http://{addr}/");
        eprintln!("gongwen: serving {url} (Ctrl-C stops)");
        if args.open {
            open_in_browser(&url);
        }
        gongwen::serve::serve(listener, config)
            .await
            .map_err(|e| io_error("serve", e))
    })
}

fn io_error(action: &'static str, source: std::io::Error) -> Error {
    Error::Io {
        action,
        path: std::path::PathBuf::from("(network)"),
        source,
    }
}

/// Opens `url` in the default browser; says so if it cannot.
fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = opener {
        eprintln!("gongwen: could not open a browser ({e}): open {url} yourself");
    }
}
