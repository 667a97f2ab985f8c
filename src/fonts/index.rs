//! The index of installed fonts: which file holds which family, kept between runs.
//!
//! Scanning the system's fonts opens and parses every font file (tens of milliseconds, more on a
//! machine with many CJK collections), while a render needs the answer only for the few families
//! its template names. So the scan's result is kept in a small text file in the user's cache
//! folder, with the modification time of every font folder it saw; the next run reads it back
//! when no folder has changed (a font added, removed or replaced changes its folder's time), and
//! scans again otherwise. Without a cache folder, or when the file cannot be read or written, it
//! simply scans.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// One face in an index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedFace {
    /// The font file.
    pub path: PathBuf,
    /// Index in a collection.
    pub index: u32,
    /// Family names, in every language the font gives.
    pub families: Vec<String>,
    /// PostScript name.
    pub postscript_name: String,
    /// Upright (not italic or oblique).
    pub upright: bool,
    /// Weight, 100–900.
    pub weight: u16,
}

/// The index's file format; a file of another version is ignored.
const HEADER: &str = "gongwen font index 1";

/// The faces of the fonts installed on the system, from the cache when it is current.
pub fn system() -> Vec<IndexedFace> {
    let cache = cache_file();
    if let Some(faces) = cache.as_deref().and_then(read_current) {
        return faces;
    }
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let faces = faces_of(&db);
    if let Some(file) = cache {
        // A cache that cannot be written costs the next run a scan, nothing more.
        let _ = write(&file, &faces);
    }
    faces
}

/// The faces of the fonts in some folders or files (`--font-path`), scanned each time. A path
/// that does not exist, or a file that is not a font, is an error: the user named it.
pub fn folders(paths: &[PathBuf]) -> Result<Vec<IndexedFace>, crate::Error> {
    let mut db = fontdb::Database::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| crate::Error::Io {
            action: "read the font path",
            path: p.clone(),
            source: e,
        })?;
        if meta.is_dir() {
            db.load_fonts_dir(p);
            continue;
        }
        // A FIFO or a device would hang the read or never end it.
        if !meta.is_file() {
            return Err(crate::Error::Font(format!(
                "{} is not a regular file or a folder (a FIFO, a socket or a device): give a font file or a folder of them",
                p.display()
            )));
        }
        let before = db.len();
        db.load_font_file(p).map_err(|e| crate::Error::Io {
            action: "read the font",
            path: p.clone(),
            source: e,
        })?;
        if db.len() == before {
            return Err(crate::Error::Font(format!(
                "{} is not a font gongwen can read (TrueType, OpenType or a collection of them)",
                p.display()
            )));
        }
    }
    Ok(faces_of(&db))
}

fn faces_of(db: &fontdb::Database) -> Vec<IndexedFace> {
    let mut faces: Vec<IndexedFace> = db
        .faces()
        .filter_map(|f| {
            let path = match &f.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                fontdb::Source::Binary(_) => return None,
            };
            Some(IndexedFace {
                path,
                index: f.index,
                families: f.families.iter().map(|(n, _)| n.clone()).collect(),
                postscript_name: f.post_script_name.clone(),
                upright: f.style == fontdb::Style::Normal,
                weight: f.weight.0,
            })
        })
        .collect();
    // The scan's order depends on the file system; the index's does not.
    faces.sort_by(|a, b| (&a.path, a.index).cmp(&(&b.path, b.index)));
    faces
}

/// `$XDG_CACHE_HOME/gongwen/`, `~/.cache/gongwen/` (`%LOCALAPPDATA%\gongwen\` on Windows,
/// `~/Library/Caches/gongwen/` on macOS); `GONGWEN_CACHE_DIR` overrides; `GONGWEN_CACHE_DIR=`
/// (empty) turns the cache off.
fn cache_file() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let dir = match std::env::var_os("GONGWEN_CACHE_DIR") {
        Some(d) if d.is_empty() => return None,
        Some(d) => PathBuf::from(d),
        None if cfg!(windows) => PathBuf::from(var("LOCALAPPDATA")?).join("gongwen"),
        None if cfg!(target_os = "macos") => {
            PathBuf::from(var("HOME")?).join("Library/Caches/gongwen")
        }
        None => match var("XDG_CACHE_HOME") {
            Some(d) => PathBuf::from(d).join("gongwen"),
            None => PathBuf::from(var("HOME")?).join(".cache/gongwen"),
        },
    };
    Some(dir.join("system-fonts.tsv"))
}

/// The folders fonts are installed in, where they exist or may appear.
fn roots() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut roots: Vec<PathBuf> = Vec::new();
    if cfg!(windows) {
        let system = std::env::var_os("SYSTEMROOT").unwrap_or_else(|| "C:\\Windows".into());
        roots.push(PathBuf::from(system).join("Fonts"));
        if let Some(p) = std::env::var_os("USERPROFILE") {
            roots.push(PathBuf::from(p).join("AppData\\Local\\Microsoft\\Windows\\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        roots.extend(["/Library/Fonts", "/System/Library/Fonts"].map(PathBuf::from));
        roots.extend(home.iter().map(|h| h.join("Library/Fonts")));
    } else {
        roots.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
        if let Some(h) = &home {
            roots.push(h.join(".fonts"));
            roots.push(match std::env::var_os("XDG_DATA_HOME") {
                Some(d) if !d.is_empty() => PathBuf::from(d).join("fonts"),
                _ => h.join(".local/share/fonts"),
            });
        }
    }
    roots
}

/// A folder's modification time in nanoseconds, or `None` when it does not exist.
fn stamp(dir: &Path) -> Option<u128> {
    let modified = std::fs::metadata(dir).ok()?.modified().ok()?;
    Some(modified.duration_since(UNIX_EPOCH).ok()?.as_nanos())
}

/// Every folder whose change could mean a changed set of fonts: the roots (existing or not),
/// each font's folder outside them, and every folder under these.
fn folders_to_watch(faces: &[IndexedFace]) -> Vec<PathBuf> {
    let mut roots = roots();
    for f in faces {
        if let Some(dir) = f.path.parent()
            && !roots.iter().any(|r| dir.starts_with(r))
        {
            roots.push(dir.to_path_buf());
        }
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    while let Some(dir) = roots.pop() {
        if dirs.contains(&dir) {
            continue;
        }
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    roots.push(e.path());
                }
            }
        }
        dirs.push(dir);
    }
    dirs.sort();
    dirs
}

fn write(file: &Path, faces: &[IndexedFace]) -> Result<(), crate::Error> {
    use std::fmt::Write as _;
    let clean = |s: &str| !s.contains(['\t', '\n', '\r', '\u{1f}']);
    let mut out = format!("{HEADER}\n");
    for dir in folders_to_watch(faces) {
        let Some(d) = dir.to_str().filter(|d| clean(d)) else {
            return Ok(()); // a name the format cannot hold: no cache
        };
        let time = stamp(&dir).map_or("-".to_string(), |t| t.to_string());
        let _ = writeln!(out, "D\t{time}\t{d}");
    }
    for f in faces {
        let (Some(path), true) = (
            f.path.to_str().filter(|p| clean(p)),
            f.families.iter().all(|n| clean(n)) && clean(&f.postscript_name),
        ) else {
            return Ok(());
        };
        let _ = writeln!(
            out,
            "F\t{}\t{}\t{}\t{}\t{}\t{path}",
            f.index,
            u8::from(f.upright),
            f.weight,
            f.postscript_name,
            f.families.join("\u{1f}"),
        );
    }
    let dir = file.parent().expect("a file in a folder");
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::Io {
        action: "create the cache folder",
        path: dir.to_path_buf(),
        source: e,
    })?;
    crate::write_atomic(file, out.as_bytes())
}

/// The cached faces, if the cache exists, parses, and no folder it watched has changed.
fn read_current(file: &Path) -> Option<Vec<IndexedFace>> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let mut faces = Vec::new();
    for line in lines {
        let mut cols = line.split('\t');
        match cols.next()? {
            "D" => {
                let (time, dir) = (cols.next()?, Path::new(cols.next()?));
                let now = stamp(dir).map_or("-".to_string(), |t| t.to_string());
                if now != time {
                    return None;
                }
            }
            "F" => {
                let index = cols.next()?.parse().ok()?;
                let upright = cols.next()? == "1";
                let weight = cols.next()?.parse().ok()?;
                let postscript_name = cols.next()?.to_string();
                let families = cols.next()?.split('\u{1f}').map(String::from).collect();
                let path = PathBuf::from(cols.next()?);
                faces.push(IndexedFace {
                    path,
                    index,
                    families,
                    postscript_name,
                    upright,
                    weight,
                });
            }
            _ => return None,
        }
    }
    Some(faces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(path: &Path) -> IndexedFace {
        IndexedFace {
            path: path.to_path_buf(),
            index: 0,
            families: vec!["仿宋_GB2312".into(), "FangSong_GB2312".into()],
            postscript_name: "FangSong_GB2312".into(),
            upright: true,
            weight: 400,
        }
    }

    #[test]
    fn the_index_reads_back_until_a_font_folder_changes() {
        let tmp = std::env::temp_dir().join(format!("gongwen-index-{}", std::process::id()));
        let fonts = tmp.join("fonts");
        std::fs::create_dir_all(&fonts).unwrap();
        let faces = vec![face(&fonts.join("fs.ttf"))];
        let file = tmp.join("cache/system-fonts.tsv");
        write(&file, &faces).unwrap();
        assert_eq!(read_current(&file), Some(faces));
        // A font added to the folder: its time changes, and the index is stale.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(fonts.join("new.ttf"), b"").unwrap();
        assert_eq!(read_current(&file), None);
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn an_index_of_another_version_or_broken_is_ignored() {
        let tmp = std::env::temp_dir().join(format!("gongwen-index-bad-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        let file = tmp.join("system-fonts.tsv");
        std::fs::write(&file, "gongwen font index 0\n").unwrap();
        assert_eq!(read_current(&file), None);
        std::fs::write(&file, format!("{HEADER}\nF\tx\n")).unwrap();
        assert_eq!(read_current(&file), None);
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
