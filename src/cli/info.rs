//! `gongwen fonts`, `gongwen templates`, `gongwen new`.

use std::collections::BTreeSet;
use std::path::Path;

use gongwen::fonts::{FontBook, FontOptions};
use gongwen::template::{Role, Template};
use gongwen::{Error, Source};

/// A role's name as the template and the standard call it.
fn role_name(role: Role) -> String {
    match role {
        Role::Title => "title 标题".into(),
        Role::Subtitle => "subtitle 副标题".into(),
        Role::Speaker => "speaker 署名日期".into(),
        Role::Salutation => "salutation 称谓".into(),
        Role::Body => "body 正文".into(),
        Role::Level(n) => format!(
            "level{n} {}级标题",
            ["一", "二", "三", "四"][(n as usize - 1).min(3)]
        ),
        Role::Lead => "lead 主题句".into(),
        Role::PageNumber => "page_number 页码".into(),
        Role::Fallback => "fallback 后备".into(),
        Role::Mark => "mark 发文机关标志".into(),
        Role::HeaderField => "header_field 份号".into(),
        Role::HeaderEmphasis => "header_emphasis 密级/紧急程度".into(),
        Role::SignerName => "signer_name 签发人".into(),
        Role::Imprint => "imprint 版记".into(),
    }
}

/// A built-in template by name, or a template file.
fn template(name: &str) -> Result<Template, Error> {
    if let Some(t) = Template::builtin(name) {
        return Ok(t);
    }
    let path = Path::new(name);
    if path.exists() {
        let text = gongwen::read_text(path, gongwen::Limits::DEFAULT_MAX_INPUT_BYTES)?;
        return Template::parse(name, &text);
    }
    Err(Error::Usage(format!(
        "no built-in template or file `{name}`; the built-in templates are {}",
        builtin_names().join(", ")
    )))
}

fn builtin_names() -> Vec<&'static str> {
    gongwen::template::BUILTIN.iter().map(|(n, _)| *n).collect()
}

/// Which face each role resolves to; with a source, which of its characters each face covers.
pub fn fonts(name: Option<&str>, check: Option<&Path>, opts: &FontOptions) -> Result<(), Error> {
    let source = check
        .map(|p| Source::read(p, gongwen::Limits::DEFAULT_MAX_INPUT_BYTES))
        .transpose()?;
    let parsed = source
        .as_ref()
        .map(|s| gongwen::source::parse(&s.name, &s.text))
        .transpose()?;
    let t = match (name, &parsed) {
        (Some(n), _) => template(n)?,
        (None, Some(src)) => src.builtin_template(),
        (None, None) => Template::builtin("speech").expect("the speech template is built in"),
    };
    let book = FontBook::load(&t, opts)?;
    // Written whole at the end: a reader that stops early (`| head`) is not an error.
    let mut out = String::new();
    let mut say = |line: String| {
        out.push_str(&line);
        out.push('\n');
    };
    say(format!("template {}", t.name));
    for role in Role::ALL {
        if role != Role::Fallback && t.roles.get(role).is_none() && role != Role::Body {
            continue; // a role the template leaves out is set like the body
        }
        let face = book.primary(role);
        say(format!(
            "  {:<28} {:>5} pt  {} ({})",
            role_name(role),
            book.size(role),
            face.postscript_name,
            face.source
        ));
    }
    let (Some(source), Some(parsed)) = (source, parsed) else {
        return super::stdout(out.as_bytes());
    };
    let doc = gongwen::source::to_model(&source.name, &source.text, parsed, &t.numbering)?;
    let layout = gongwen::layout::layout(&doc, &t, &book);
    let chars: BTreeSet<char> = layout
        .pages
        .iter()
        .flat_map(|p| p.runs.iter().flat_map(|r| r.text.chars()))
        .filter(|c| !c.is_whitespace())
        .collect();
    say(format!(
        "{}: {} different characters",
        source.name,
        chars.len()
    ));
    for (id, face) in book.faces.iter().enumerate() {
        let covered = chars
            .iter()
            .filter(|&&c| book.glyph_in(id, c).is_some())
            .count();
        say(format!(
            "  {:<40} covers {covered} of {}",
            face.postscript_name,
            chars.len()
        ));
    }
    if layout.missing.is_empty() {
        say("  every character has a glyph".to_string());
    }
    for (c, origin) in &layout.missing {
        say(format!(
            "  no font has '{c}' (U+{:04X}) at {}:{}:{}",
            *c as u32, source.name, origin.line, origin.column
        ));
    }
    super::stdout(out.as_bytes())
}

/// `templates`: the built-in templates with their first comment line; `templates show NAME`.
pub fn templates(show: Option<&str>) -> Result<(), Error> {
    if let Some(name) = show {
        let text = gongwen::template::BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| *text)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "no built-in template `{name}`; they are {}",
                    builtin_names().join(", ")
                ))
            })?;
        return super::stdout(text.as_bytes());
    }
    let mut out = String::new();
    let mut say = |line: String| {
        out.push_str(&line);
        out.push('\n');
    };
    for (name, text) in gongwen::template::BUILTIN {
        let about = text
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches('#')
            .trim();
        say(format!("{name:<8} {about}"));
    }
    say(
        "\n`gongwen templates show NAME > my.yaml` prints one to start from; use it with --template my.yaml."
            .to_string(),
    );
    super::stdout(out.as_bytes())
}

/// `new KIND [FILE]`: a starter source, to a new file or standard output.
pub fn new(kind: gongwen::starter::Kind, file: Option<&Path>) -> Result<(), Error> {
    let text = gongwen::starter::starter(kind);
    let Some(path) = file else {
        return super::stdout(text.as_bytes());
    };
    if path.exists() {
        return Err(Error::Usage(format!(
            "{} exists; gongwen new writes only new files",
            path.display()
        )));
    }
    gongwen::write_atomic(path, text.as_bytes())?;
    eprintln!(
        "wrote {}; render it with: gongwen render {}",
        path.display(),
        path.display()
    );
    eprintln!("for completion in your editor: gongwen schema > gongwen.schema.json (beside it)");
    Ok(())
}

/// The fontconfig file that sets the standard families in the bundled fonts.
const FONTCONFIG: &str = include_str!("../../fonts/fontconfig/60-gongwen.conf");

/// A folder from an XDG variable, or the default under the home folder.
fn xdg(var: &str, default: &str) -> Result<std::path::PathBuf, Error> {
    if let Some(dir) = std::env::var_os(var).filter(|d| !d.is_empty()) {
        return Ok(dir.into());
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| std::path::PathBuf::from(h).join(default))
        .ok_or_else(|| {
            Error::Usage(format!(
                "neither {var} nor HOME is set: nowhere to install the fonts"
            ))
        })
}

/// `gongwen fonts --install`: the bundled fonts into the user's font folder, the fontconfig
/// file into the user's fontconfig folder, and the font cache refreshed.
pub fn install_fonts() -> Result<(), Error> {
    let fonts = xdg("XDG_DATA_HOME", ".local/share")?.join("fonts/gongwen");
    let conf = xdg("XDG_CONFIG_HOME", ".config")?.join("fontconfig/conf.d");
    for dir in [&fonts, &conf] {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io {
            action: "create the folder",
            path: dir.clone(),
            source: e,
        })?;
    }
    for b in gongwen::fonts::BUNDLED.iter() {
        gongwen::write_atomic(&fonts.join(b.file), b.data)?;
    }
    let conf = conf.join("60-gongwen.conf");
    gongwen::write_atomic(&conf, FONTCONFIG.as_bytes())?;
    eprintln!(
        "installed {} fonts in {}",
        gongwen::fonts::BUNDLED.len(),
        fonts.display()
    );
    eprintln!("installed {}", conf.display());
    match std::process::Command::new("fc-cache")
        .arg("-f")
        .arg(&fonts)
        .status()
    {
        Ok(s) if s.success() => eprintln!("font cache refreshed (fc-cache)"),
        _ => eprintln!(
            "fc-cache did not run: restart LibreOffice or WPS, or log in again, to see the fonts"
        ),
    }
    Ok(())
}
