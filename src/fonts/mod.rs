//! Fonts: resolving each role's family list to faces (`--font-path`, bundled, system), and
//! looking up glyphs with per-glyph fallback.
//!
//! The bundled faces are compiled into the binary, so rendering needs no installed font.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::Error;
use crate::template::{Role, Template};

pub mod index;

/// Font bytes: borrowed from the binary, or read from a file.
#[derive(Clone)]
pub enum FontBytes {
    /// Bundled, compiled in.
    Static(&'static [u8]),
    /// A font file mapped into memory: only the pages a render reads are loaded, never a copy.
    Mapped(Arc<memmap2::Mmap>),
}

impl FontBytes {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            FontBytes::Static(s) => s,
            FontBytes::Mapped(m) => m,
        }
    }
}

impl std::fmt::Debug for FontBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontBytes({} bytes)", self.as_slice().len())
    }
}

/// A font bundled with gongwen: its file name, the names a template may call it by, and bytes.
pub struct Bundled {
    /// File name in `fonts/`.
    pub file: &'static str,
    /// Family names (compared ignoring case, spaces, hyphens and underscores).
    pub names: &'static [&'static str],
    /// The font file.
    pub data: &'static [u8],
}

/// The fonts in `fonts/` (see fonts/README.md for their sources and licences).
pub const BUNDLED: [Bundled; 6] = [
    Bundled {
        file: "FandolSong-Regular.otf",
        names: &["FandolSong", "FandolSong-Regular"],
        data: include_bytes!("../../fonts/FandolSong-Regular.otf"),
    },
    Bundled {
        file: "FandolSong-Bold.otf",
        names: &["FandolSong-Bold", "FandolSong Bold"],
        data: include_bytes!("../../fonts/FandolSong-Bold.otf"),
    },
    Bundled {
        file: "FandolFang-Regular.otf",
        names: &["FandolFang", "FandolFang-Regular"],
        data: include_bytes!("../../fonts/FandolFang-Regular.otf"),
    },
    Bundled {
        file: "FandolHei-Regular.otf",
        names: &["FandolHei", "FandolHei-Regular"],
        data: include_bytes!("../../fonts/FandolHei-Regular.otf"),
    },
    Bundled {
        file: "FandolKai-Regular.otf",
        names: &["FandolKai", "FandolKai-Regular"],
        data: include_bytes!("../../fonts/FandolKai-Regular.otf"),
    },
    Bundled {
        file: "NotoSerifCJKsc-Regular-subset.otf",
        names: &["Noto Serif CJK SC", "NotoSerifCJKsc-Regular"],
        data: include_bytes!("../../fonts/NotoSerifCJKsc-Regular-subset.otf"),
    },
];

/// Where a face came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaceSource {
    /// Bundled with gongwen (file name in `fonts/`).
    Bundled(&'static str),
    /// Installed on the system.
    System(PathBuf),
    /// Found in a `--font-path` folder.
    FontPath(PathBuf),
}

impl std::fmt::Display for FaceSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FaceSource::Bundled(file) => write!(f, "bundled fonts/{file}"),
            FaceSource::System(p) => write!(f, "system {}", p.display()),
            FaceSource::FontPath(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A loaded face.
#[derive(Debug, Clone)]
pub struct Face {
    /// The family name it was asked for by.
    pub family: String,
    /// The face's own PostScript name.
    pub postscript_name: String,
    /// The family name the face declares (typographic family, else legacy family): what Word
    /// and LibreOffice call it.
    pub declared_family: String,
    /// A bold face (OS/2 bold flag or weight 600 and up): Word asks for it as the family plus bold.
    pub bold: bool,
    /// Where it came from.
    pub source: FaceSource,
    /// The font file.
    pub data: FontBytes,
    /// Index in a collection.
    pub index: u32,
    /// Font units per em.
    pub units_per_em: f32,
}

/// Index of a face in a [`FontBook`].
pub type FaceId = usize;

/// A glyph found for a character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlyphInfo {
    /// Which face.
    pub face: FaceId,
    /// Glyph id in that face.
    pub glyph: u16,
    /// Advance width, in ems.
    pub advance: f32,
}

/// Where to look for fonts besides the bundled ones.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// Look at fonts installed on the system (off in tests, so results do not depend on the machine).
    pub system: bool,
    /// Extra folders (or font files) to search.
    pub font_paths: Vec<PathBuf>,
    /// Name in the DOCX the faces the layout used (FandolFang …) instead of each role's standard
    /// family, the template's first (仿宋_GB2312 …).
    pub docx_faces: bool,
}

/// The faces a document uses, by role.
#[derive(Debug)]
pub struct FontBook {
    /// All faces, indexed by [`FaceId`].
    pub faces: Vec<Face>,
    chains: HashMap<Role, Vec<FaceId>>,
    sizes: HashMap<Role, f32>,
    /// Glyphs looked up so far, by face and character: parsing a face's tables for every
    /// character made layout cost grow with the text's length, not its alphabet.
    glyphs: std::sync::Mutex<HashMap<(FaceId, char), Option<GlyphInfo>>>,
    /// See [`FontOptions::docx_faces`].
    pub docx_faces: bool,
}

fn key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Looks families up: in the `--font-path` folders, then among the bundled fonts, then among the
/// installed ones. Bundled before installed, so that a family gongwen ships renders the same on
/// every machine; the system's fonts are indexed only when a template names a family that is not
/// bundled, once per process (and kept between runs, see [`index`]).
struct Finder {
    system: bool,
    paths: Vec<index::IndexedFace>,
}

/// The fonts installed on the system, indexed once per process (a batch renders many files).
fn system_fonts() -> &'static [index::IndexedFace] {
    static SYSTEM: std::sync::OnceLock<Vec<index::IndexedFace>> = std::sync::OnceLock::new();
    SYSTEM.get_or_init(index::system)
}

impl Finder {
    fn new(opts: &FontOptions) -> Result<Finder, Error> {
        Ok(Finder {
            system: opts.system,
            paths: if opts.font_paths.is_empty() {
                Vec::new()
            } else {
                index::folders(&opts.font_paths)?
            },
        })
    }

    fn find(&self, family: &str) -> Result<Option<Face>, Error> {
        if let Some(face) = find_in(&self.paths, family, false)? {
            return Ok(Some(face));
        }
        let k = key(family);
        if let Some(b) = BUNDLED.iter().find(|b| b.names.iter().any(|n| key(n) == k)) {
            return Ok(face_from(
                family,
                FaceSource::Bundled(b.file),
                FontBytes::Static(b.data),
                0,
            ));
        }
        if self.system {
            return find_in(system_fonts(), family, true);
        }
        Ok(None)
    }
}

fn find_in(
    faces: &[index::IndexedFace],
    family: &str,
    system: bool,
) -> Result<Option<Face>, Error> {
    let k = key(family);
    let rank = |f: &index::IndexedFace| (!f.upright, (f.weight as i32 - 400).abs());
    let mut found: Vec<&index::IndexedFace> = faces
        .iter()
        .filter(|f| f.families.iter().any(|n| key(n) == k) || key(&f.postscript_name) == k)
        .collect();
    found.sort_by_key(|f| rank(f));
    let Some(&first) = found.first() else {
        return Ok(None);
    };
    // Faces the index cannot tell apart are told apart by the font's bold bit: FandolSong-Bold
    // declares weight 400 like FandolSong-Regular, and a role wants the regular face.
    let mut chosen = None;
    for info in found.into_iter().take_while(|f| rank(f) == rank(first)) {
        let face = open_face(info, family, system)?;
        if !face.bold {
            return Ok(Some(face));
        }
        chosen.get_or_insert(face);
    }
    Ok(chosen)
}

fn open_face(info: &index::IndexedFace, family: &str, system: bool) -> Result<Face, Error> {
    let path = &info.path;
    let cannot =
        |e: &dyn std::fmt::Display| Error::Font(format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    // SAFETY: the map is read-only; a font file changed while gongwen runs could make the
    // glyphs read wrong, as with every program that maps fonts (fontdb and browsers do too).
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| cannot(&e))?;
    let source = if system {
        FaceSource::System(path.clone())
    } else {
        FaceSource::FontPath(path.clone())
    };
    face_from(family, source, FontBytes::Mapped(Arc::new(map)), info.index)
        .ok_or_else(|| Error::Font(format!("{} is not a font gongwen can read", path.display())))
}

fn face_from(family: &str, source: FaceSource, data: FontBytes, index: u32) -> Option<Face> {
    let parsed = ttf_parser::Face::parse(data.as_slice(), index).ok()?;
    let name = |id: u16| {
        parsed
            .names()
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            // English first: the name Word's and LibreOffice's font lists match.
            .min_by_key(|n| n.language_id != 0x0409)
            .and_then(|n| n.to_string())
    };
    let postscript_name = name(ttf_parser::name_id::POST_SCRIPT_NAME).unwrap_or_default();
    let declared_family = name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
        .or_else(|| name(ttf_parser::name_id::FAMILY))
        .unwrap_or_else(|| family.to_string());
    let bold = parsed.is_bold() || parsed.weight().to_number() >= 600;
    let units_per_em = f32::from(parsed.units_per_em());
    Some(Face {
        family: family.to_string(),
        postscript_name,
        declared_family,
        bold,
        source,
        data,
        index,
        units_per_em,
    })
}

impl FontBook {
    /// Resolve every role of a template.
    pub fn load(template: &Template, opts: &FontOptions) -> Result<FontBook, Error> {
        let finder = Finder::new(opts)?;
        let mut faces: Vec<Face> = Vec::new();
        let mut by_family: HashMap<String, Option<FaceId>> = HashMap::new();
        let mut resolve = |family: &str, faces: &mut Vec<Face>| -> Result<Option<FaceId>, Error> {
            if let Some(id) = by_family.get(&key(family)) {
                return Ok(*id);
            }
            let id = match finder.find(family)? {
                Some(face) => {
                    // The same file under two names is one face.
                    match faces
                        .iter()
                        .position(|f| f.source == face.source && f.index == face.index)
                    {
                        Some(i) => Some(i),
                        None => {
                            faces.push(face);
                            Some(faces.len() - 1)
                        }
                    }
                }
                None => None,
            };
            by_family.insert(key(family), id);
            Ok(id)
        };
        let mut chains = HashMap::new();
        let mut sizes = HashMap::new();
        let mut fallback = Vec::new();
        for family in &template.roles.fallback.families {
            if let Some(id) = resolve(family, &mut faces)? {
                fallback.push(id);
            }
        }
        for role in Role::ALL {
            // A role the template leaves out (the 文件格式 roles in a speech template) is set
            // like the body.
            let spec = template.roles.get(role).unwrap_or(&template.roles.body);
            let mut chain = Vec::new();
            for family in &spec.families {
                if let Some(id) = resolve(family, &mut faces)?
                    && !chain.contains(&id)
                {
                    chain.push(id);
                }
            }
            if chain.is_empty() {
                return Err(Error::Font(format!(
                    "no font found for role `{}`: none of {} is installed, in --font-path or bundled",
                    role.name(),
                    spec.families.join(", ")
                )));
            }
            for id in &fallback {
                if !chain.contains(id) {
                    chain.push(*id);
                }
            }
            chains.insert(role, chain);
            sizes.insert(role, spec.size.0);
        }
        Ok(FontBook {
            docx_faces: opts.docx_faces,
            faces,
            chains,
            sizes,
            glyphs: Default::default(),
        })
    }

    /// The faces of a role, most wanted first, ending with the fallback.
    pub fn chain(&self, role: Role) -> &[FaceId] {
        &self.chains[&role]
    }

    /// The primary face of a role.
    pub fn primary(&self, role: Role) -> &Face {
        &self.faces[self.chains[&role][0]]
    }

    /// The size of a role in points.
    pub fn size(&self, role: Role) -> f32 {
        self.sizes[&role]
    }

    /// The glyph for `ch` in the first face of the role's chain that has it.
    pub fn glyph(&self, role: Role, ch: char) -> Option<GlyphInfo> {
        self.chain(role)
            .iter()
            .find_map(|&id| self.glyph_in(id, ch))
    }

    /// The glyph for `ch` in one face.
    pub fn glyph_in(&self, id: FaceId, ch: char) -> Option<GlyphInfo> {
        let mut cache = self.glyphs.lock().unwrap_or_else(|e| e.into_inner());
        *cache.entry((id, ch)).or_insert_with(|| self.lookup(id, ch))
    }

    fn lookup(&self, id: FaceId, ch: char) -> Option<GlyphInfo> {
        let face = &self.faces[id];
        let parsed = ttf_parser::Face::parse(face.data.as_slice(), face.index).ok()?;
        let gid = parsed.glyph_index(ch)?;
        let adv = parsed.glyph_hor_advance(gid).unwrap_or(0);
        Some(GlyphInfo {
            face: id,
            glyph: gid.0,
            advance: f32::from(adv) / face.units_per_em,
        })
    }

    /// The advance of `ch` in the role's fonts at the role's size, in points (an em for a
    /// character no font has: the .notdef box the layout draws).
    pub fn advance(&self, role: Role, ch: char) -> f32 {
        let size = self.size(role);
        self.glyph(role, ch).map_or(size, |g| g.advance * size)
    }

    /// The natural width of a text in a role, in points.
    pub fn width(&self, role: Role, text: &str) -> f32 {
        text.chars().map(|c| self.advance(role, c)).sum()
    }

    /// The .notdef glyph of the role's primary face, drawn for characters no font has.
    pub fn notdef(&self, role: Role) -> GlyphInfo {
        GlyphInfo {
            face: self.chains[&role][0],
            glyph: 0,
            advance: 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> FontBook {
        FontBook::load(
            &Template::builtin("speech").unwrap(),
            &FontOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn roles_resolve_to_bundled_faces_without_system_fonts() {
        let b = book();
        assert_eq!(
            b.primary(Role::Body).source,
            FaceSource::Bundled("FandolFang-Regular.otf")
        );
        assert_eq!(
            b.primary(Role::Title).source,
            FaceSource::Bundled("FandolSong-Bold.otf")
        );
        assert_eq!(
            b.primary(Role::Level(1)).source,
            FaceSource::Bundled("FandolHei-Regular.otf")
        );
        assert_eq!(
            b.primary(Role::Lead).source,
            FaceSource::Bundled("FandolKai-Regular.otf")
        );
    }

    #[test]
    fn a_character_fandol_lacks_falls_back_to_noto() {
        let b = book();
        let body = b.chain(Role::Body)[0];
        assert!(
            b.glyph_in(body, '镕').is_none(),
            "FandolFang has no 镕 (U+9555)"
        );
        let g = b.glyph(Role::Body, '镕').expect("the fallback covers 镕");
        assert_eq!(
            b.faces[g.face].source,
            FaceSource::Bundled("NotoSerifCJKsc-Regular-subset.otf")
        );
        assert_eq!(b.primary(Role::Body).declared_family, "FandolFang");
        assert_eq!(
            (
                b.primary(Role::Title).declared_family.as_str(),
                b.primary(Role::Title).bold
            ),
            ("FandolSong", true)
        );
        let g = b.glyph(Role::Body, '政').unwrap();
        assert_eq!(g.face, body);
        assert!((g.advance - 1.0).abs() < 1e-6);
    }

    #[test]
    fn a_character_in_no_font_is_none() {
        assert!(book().glyph(Role::Body, '\u{10FFFD}').is_none());
    }

    #[test]
    fn a_family_in_a_font_path_wins_over_bundled() {
        let dir = std::env::temp_dir().join(format!("gongwen-fontpath-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("kai.otf"), BUNDLED[4].data).unwrap();
        let mut t = Template::builtin("speech").unwrap();
        t.roles.body.families = vec!["FandolKai".into()];
        let b = FontBook::load(
            &t,
            &FontOptions {
                system: false,
                font_paths: vec![dir.clone()],
                docx_faces: false,
            },
        )
        .unwrap();
        assert_eq!(
            b.primary(Role::Body).source,
            FaceSource::FontPath(dir.join("kai.otf"))
        );
        // Mapped, not copied into memory.
        assert!(matches!(b.primary(Role::Body).data, FontBytes::Mapped(_)));
        // The other roles still find their bundled faces.
        assert!(matches!(
            b.primary(Role::Title).source,
            FaceSource::Bundled(_)
        ));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_font_path_family_gives_its_regular_face_before_its_bold_one() {
        // FandolSong-Bold declares weight 400, as FandolSong-Regular does, and sorts first.
        let dir = std::env::temp_dir().join(format!("gongwen-song-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let data = |file: &str| BUNDLED.iter().find(|b| b.file == file).unwrap().data;
        std::fs::write(dir.join("a.otf"), data("FandolSong-Bold.otf")).unwrap();
        std::fs::write(dir.join("b.otf"), data("FandolSong-Regular.otf")).unwrap();
        let b = FontBook::load(
            &Template::builtin("speech").unwrap(),
            &FontOptions {
                system: false,
                font_paths: vec![dir.clone()],
                docx_faces: false,
            },
        )
        .unwrap();
        let numbers = b.primary(Role::PageNumber);
        assert_eq!(numbers.source, FaceSource::FontPath(dir.join("b.otf")));
        assert!(!numbers.bold);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn an_unknown_family_list_is_an_error() {
        let mut t = Template::builtin("speech").unwrap();
        t.roles.body.families = vec!["No Such Font".into()];
        let e = FontBook::load(&t, &FontOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("body") && e.contains("No Such Font"), "{e}");
    }
}
