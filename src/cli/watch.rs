//! `gongwen watch`: render again on every save.

use std::path::Path;
use std::time::Duration;

use gongwen::Error;
use notify::{EventKind, RecursiveMode, Watcher};

/// Renders `input`, then again each time it changes, until interrupted. A failed render prints
/// its error and leaves the last good output in place (outputs are replaced only whole).
pub fn watch(input: &Path, job: &super::render::Job) -> Result<(), Error> {
    if input.as_os_str() == "-" {
        return Err(Error::Usage(
            "watch needs a file, not standard input".into(),
        ));
    }
    let say = |line: String| eprintln!("{line}");
    let render = || {
        if let Err(e) = super::render::render_one(input, job, &say) {
            eprintln!("{}", e.render(super::color()));
        }
    };
    // A missing input is an error now, not a silent wait.
    std::fs::metadata(input).map_err(|e| Error::Io {
        action: "read",
        path: input.to_path_buf(),
        source: e,
    })?;
    render();
    let failed = |e: notify::Error| Error::Io {
        action: "watch",
        path: input.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(failed)?;
    // The folder, not the file: editors save by writing a new file and renaming it over.
    let dir = match input.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    watcher
        .watch(dir, RecursiveMode::NonRecursive)
        .map_err(failed)?;
    eprintln!("watching {} (Ctrl-C stops)", input.display());
    let name = input.file_name();
    while let Ok(event) = rx.recv() {
        let Ok(event) = event else { continue };
        let ours = event.paths.iter().any(|p| p.file_name() == name);
        if !ours || matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        // Let the editor finish; one render for a burst of events.
        std::thread::sleep(Duration::from_millis(100));
        while rx.try_recv().is_ok() {}
        if input.exists() {
            render();
        }
    }
    Ok(())
}
