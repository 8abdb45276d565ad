//! Writing a generated crate safely: only into a directory graphdoc created (marked by
//! `.graphdoc-output`) unless forced, each file atomically (temp file + rename), only when its
//! bytes changed (so mtimes and cargo's fingerprints stay put), and removing only files that an
//! earlier run recorded as its own.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The marker file listing what graphdoc wrote.
pub const MARKER: &str = ".graphdoc-output";

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written (new or changed), relative paths.
    pub written: Vec<String>,
    /// Files left alone because their bytes were already right.
    pub unchanged: Vec<String>,
    /// Files from an earlier run that this output no longer has, removed.
    pub removed: Vec<String>,
    /// Files graphdoc did not write before that were overwritten (only with `force`).
    pub replaced: Vec<String>,
}

/// Why a write was refused or failed.
#[derive(Debug)]
pub enum WriteError {
    /// The directory has files and no marker: it is not graphdoc's to write into.
    NotOurs(PathBuf),
    /// Files that graphdoc did not write would be overwritten (without `force`).
    WouldReplace(PathBuf, Vec<String>),
    /// A file path in the output would leave the directory.
    BadPath(String),
    /// I/O failure, with the path.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotOurs(p) => write!(
                f,
                "`{}` is not empty and was not created by graphdoc (no {MARKER}); pass --force to write into it",
                p.display()
            ),
            WriteError::WouldReplace(dir, files) => write!(
                f,
                "`{}` has files graphdoc did not write that this run would replace: {}; pass --force to replace them",
                dir.display(),
                files.join(", ")
            ),
            WriteError::BadPath(p) => write!(f, "refusing to write outside the output directory: `{p}`"),
            WriteError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_err(p: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(p.to_path_buf(), e)
}

/// The temp file a write of `path` goes through (beside it, so the rename stays on one disk).
pub fn temp_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.graphdoc-tmp-{}", std::process::id()))
}

/// Writes `bytes` to the temp file of `path` and syncs it; returns the temp path.
fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(WriteError::Io(path.to_path_buf(), e))
        }
    }
}

/// Writes `bytes` to `path` through a temp file in the same directory and a rename, so a reader
/// (or a run killed half-way) sees the old file or the new one, never a torn one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let tmp = stage(path, bytes)?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        WriteError::Io(path.to_path_buf(), e)
    })
}

fn safe_rel(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty()
        && p.is_relative()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Writes `files` (relative path → contents) under `dir`.
pub fn write_files<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = (&'a String, &'a String)>,
    force: bool,
) -> Result<WriteReport, WriteError> {
    let marker = dir.join(MARKER);
    let previous: BTreeSet<String> = match fs::read_to_string(&marker) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_string)
            .collect(),
        Err(_) => {
            let non_empty = fs::read_dir(dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(false);
            if non_empty && !force {
                return Err(WriteError::NotOurs(dir.to_path_buf()));
            }
            BTreeSet::new()
        }
    };
    let mut report = WriteReport::default();
    let mut current = BTreeSet::new();
    let files: Vec<(&String, &String)> = files.into_iter().collect();
    for (rel, _) in &files {
        if !safe_rel(rel) {
            return Err(WriteError::BadPath((*rel).clone()));
        }
    }
    // Files graphdoc did not write are replaced only when forced, and always named.
    let foreign: Vec<String> = files
        .iter()
        .filter(|(rel, contents)| {
            !previous.contains(*rel)
                && fs::read(dir.join(rel)).is_ok_and(|old| old != contents.as_bytes())
        })
        .map(|(rel, _)| (*rel).clone())
        .collect();
    if !foreign.is_empty() && !force {
        return Err(WriteError::WouldReplace(dir.to_path_buf(), foreign));
    }
    report.replaced = foreign;
    // Only now, with every check passed, does anything touch the disk.
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    // The marker first lists the union, so an interrupted run still knows every file it may own.
    let union: BTreeSet<&str> = previous
        .iter()
        .map(String::as_str)
        .chain(files.iter().map(|(r, _)| r.as_str()))
        .collect();
    write_marker(&marker, union.into_iter())?;
    // Two phases, so a failure (or a kill) while writing leaves the previous output whole:
    // first every changed file goes to a temp file beside its target; only when all of them are
    // on disk are they renamed into place, which is quick and all but never fails.
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (rel, contents) in files {
        current.insert(rel.clone());
        let path = dir.join(rel);
        if fs::read(&path).is_ok_and(|old| old == contents.as_bytes()) {
            report.unchanged.push(rel.clone());
            continue;
        }
        match stage(&path, contents.as_bytes()) {
            Ok(tmp) => staged.push((tmp, path)),
            Err(e) => {
                for (tmp, _) in &staged {
                    let _ = fs::remove_file(tmp);
                }
                return Err(e);
            }
        }
        report.written.push(rel.clone());
    }
    for (tmp, path) in &staged {
        fs::rename(tmp, path).map_err(io_err(path))?;
    }
    for stale in previous.difference(&current) {
        if safe_rel(stale) {
            let p = dir.join(stale);
            if p.is_file() {
                fs::remove_file(&p).map_err(io_err(&p))?;
                report.removed.push(stale.clone());
            }
        }
    }
    write_marker(&marker, current.iter().map(String::as_str))?;
    Ok(report)
}

fn write_marker<'a>(marker: &Path, files: impl Iterator<Item = &'a str>) -> Result<(), WriteError> {
    let mut text = String::from("# Files written by graphdoc; it removes only these.\n");
    for f in files {
        text.push_str(f);
        text.push('\n');
    }
    if fs::read_to_string(marker).is_ok_and(|old| old == text) {
        return Ok(());
    }
    write_atomic(marker, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("graphdoc-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn refuses_foreign_dirs_and_keeps_foreign_files() {
        let d = tmp("foreign");
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("mine.txt"), "user data").unwrap();
        let out = files(&[("src/lib.rs", "x")]);
        assert!(matches!(
            write_files(&d, &out, false),
            Err(WriteError::NotOurs(_))
        ));
        // Forced: writes, and a later run that drops a file removes only its own files.
        write_files(&d, &out, true).unwrap();
        let r = write_files(&d, &files(&[("src/other.rs", "y")]), false).unwrap();
        assert_eq!(r.removed, ["src/lib.rs"]);
        assert_eq!(fs::read_to_string(d.join("mine.txt")).unwrap(), "user data");
        fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let d = tmp("unchanged");
        let out = files(&[("a.rs", "1"), ("b/c.rs", "2")]);
        let r1 = write_files(&d, &out, false).unwrap();
        assert_eq!(r1.written.len(), 2);
        let mtime = fs::metadata(d.join("a.rs")).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let r2 = write_files(&d, &files(&[("a.rs", "1"), ("b/c.rs", "3")]), false).unwrap();
        assert_eq!(r2.written, ["b/c.rs"]);
        assert_eq!(r2.unchanged, ["a.rs"]);
        assert_eq!(
            fs::metadata(d.join("a.rs")).unwrap().modified().unwrap(),
            mtime
        );
        fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn a_failure_between_writes_leaves_the_previous_output_whole() {
        let d = tmp("interrupted");
        let old = files(&[("a.rs", "old a"), ("b.rs", "old b"), ("c.rs", "old c")]);
        write_files(&d, &old, false).unwrap();
        // The second file cannot be staged (a directory sits where its temp file goes): the run
        // fails after `a.rs` was already staged.
        fs::create_dir_all(temp_path(&d.join("b.rs"))).unwrap();
        let new = files(&[("a.rs", "new a"), ("b.rs", "new b"), ("c.rs", "new c")]);
        assert!(matches!(
            write_files(&d, &new, false),
            Err(WriteError::Io(..))
        ));
        for (f, text) in [("a.rs", "old a"), ("b.rs", "old b"), ("c.rs", "old c")] {
            assert_eq!(fs::read_to_string(d.join(f)).unwrap(), text, "{f} changed");
        }
        assert!(
            !temp_path(&d.join("a.rs")).exists(),
            "staged temp files are cleaned up"
        );
        // Once the obstacle is gone, the next run completes.
        fs::remove_dir_all(temp_path(&d.join("b.rs"))).unwrap();
        assert_eq!(write_files(&d, &new, false).unwrap().written.len(), 3);
        fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn files_graphdoc_did_not_write_are_replaced_only_when_forced_and_named() {
        let d = tmp("replace");
        write_files(&d, &files(&[("src/lib.rs", "generated")]), false).unwrap();
        // The user adds a file where the next output puts one of its own.
        fs::write(d.join("Cargo.toml"), "user's manifest").unwrap();
        let next = files(&[("src/lib.rs", "generated"), ("Cargo.toml", "[package]")]);
        match write_files(&d, &next, false) {
            Err(WriteError::WouldReplace(_, list)) => assert_eq!(list, ["Cargo.toml"]),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            fs::read_to_string(d.join("Cargo.toml")).unwrap(),
            "user's manifest"
        );
        let r = write_files(&d, &next, true).unwrap();
        assert_eq!(r.replaced, ["Cargo.toml"]);
        // Once written, the file is graphdoc's: later runs replace it without asking.
        let again = files(&[("src/lib.rs", "generated"), ("Cargo.toml", "[package]\n")]);
        assert!(write_files(&d, &again, false).unwrap().replaced.is_empty());
        fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn a_refused_write_creates_no_directory() {
        let d = tmp("refused");
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("mine.txt"), "x").unwrap();
        let inner = d.join("sub");
        fs::create_dir_all(&inner).unwrap();
        fs::write(inner.join("a.rs"), "user").unwrap();
        fs::write(inner.join(MARKER), "# Files written by graphdoc\n").unwrap();
        assert!(write_files(&inner, &files(&[("a.rs", "gen"), ("b/c.rs", "gen")]), false).is_err());
        assert!(!inner.join("b").exists());
        fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn hostile_paths_are_refused() {
        let d = tmp("hostile");
        for bad in ["../escape.rs", "/abs.rs", ""] {
            let r = write_files(&d, &files(&[(bad, "x")]), false);
            assert!(matches!(r, Err(WriteError::BadPath(_))), "{bad}");
        }
        fs::remove_dir_all(&d).ok();
    }
}
