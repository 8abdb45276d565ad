//! Helpers shared by the workspace tests.

use std::path::Path;

/// Copies a directory tree (files and directories only).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// `../shared/corpus/<sub>` beside the project (`sub` may be empty), or `None` with a printed
/// notice naming the test that is skipped: a user's fresh clone has no corpus.
pub fn corpus(sub: &str, skipped: &str) -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(sub);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("NOTICE: {} is absent; {skipped} skipped", p.display());
        None
    }
}
