//! What the CLI tests share: running the built `graphdoc` from the workspace root.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root, where the tests run the CLI.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `graphdoc` with `args` in the workspace root, output captured (a pipe, as in CI).
pub fn graphdoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Reads pages written by a test: each `(path under the docs root, text)` goes into a fresh
/// temporary docs root (named after `tag` and the process), which is removed after reading.
pub fn read_pages(tag: &str, pages: &[(&str, &str)]) -> graphdoc::Model {
    let dir = std::env::temp_dir().join(format!("graphdoc-{tag}-{}", std::process::id()));
    for (path, text) in pages {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("a page path has a directory")).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let model = graphdoc::read_docs(std::slice::from_ref(&dir));
    std::fs::remove_dir_all(&dir).ok();
    model
}
