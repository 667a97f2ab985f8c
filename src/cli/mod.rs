//! The commands beyond `render`, `import` and `check`: information (`fonts`, `templates`, `new`)
//! and `watch`.

pub mod import;
pub mod info;
pub mod watch;
