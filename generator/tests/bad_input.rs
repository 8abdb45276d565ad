//! Bad input to every verb: a clear message, a non-zero exit, and not one file changed.
//! Each case starts from an already generated crate, which must come out byte-identical.

use std::collections::BTreeMap;
mod common;

use common::*;
use std::path::{Path, PathBuf};

/// A scratch directory of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("graphdoc-bad-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// A crate generated from docs-input in `dir/good`.
fn good_crate(dir: &Path) -> PathBuf {
    let good = dir.join("good");
    let o = graphdoc(&[
        "generate",
        "--docs",
        "docs-input",
        "--out",
        good.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    good
}

/// Runs `generate` into an existing good crate with the given extra arguments and asserts it
/// fails with `expect` in its message and leaves the crate as it was.
fn generate_fails_and_keeps(dir: &Path, docs: &str, extra: &[&str], expect: &str) -> String {
    let good = good_crate(dir);
    let before = snapshot(&good);
    let mut args = vec!["generate", "--docs", docs, "--out", good.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = graphdoc(&args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(expect), "{args:?}: {err}");
    assert!(!err.contains(":0:"), "a location-less message: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_eq!(snapshot(&good), before, "{args:?} changed the crate");
    assert!(o.stdout.is_empty() || !String::from_utf8_lossy(&o.stdout).contains("written"));
    err
}

#[test]
fn a_mistyped_docs_path_wipes_nothing() {
    let d = scratch("typo");
    let err = generate_fails_and_keeps(&d, "docs-inptu", &[], "does not exist");
    assert!(err.contains("docs-inptu"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!err.contains("--strict"), "blames a flag not given: {err}");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn a_file_as_docs_is_refused() {
    let d = scratch("file");
    generate_fails_and_keeps(&d, "README.md", &[], "is not a directory");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn an_empty_docs_directory_is_refused() {
    let d = scratch("empty");
    let empty = d.join("empty-docs");
    std::fs::create_dir_all(empty.join("includes")).unwrap();
    std::fs::write(empty.join("includes/x.md"), "not a page").unwrap();
    generate_fails_and_keeps(&d, empty.to_str().unwrap(), &[], "holds no `.md` pages");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn docs_with_nothing_to_bind_are_refused() {
    let d = scratch("nothing");
    let docs = d.join("prose");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("overview.md"), "# Overview\n\nJust prose.\n").unwrap();
    generate_fails_and_keeps(
        &d,
        docs.to_str().unwrap(),
        &[],
        "document no operation or type to bind",
    );
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn bad_crate_names_are_refused_before_reading() {
    let d = scratch("names");
    for name in ["1graph", "my.graph", "My Graph!", "", "type"] {
        let err = generate_fails_and_keeps(
            &d,
            "docs-input",
            &["--crate-name", name],
            "invalid crate name",
        );
        assert!(err.contains(&format!("`{name}`")), "{err}");
    }
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn force_names_the_files_it_replaces() {
    let d = scratch("force");
    let out = d.join("mine");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    std::fs::write(out.join("src/lib.rs"), "// my code\n").unwrap();
    std::fs::write(out.join("notes.txt"), "keep me").unwrap();
    let o = graphdoc(&[
        "generate",
        "--docs",
        "docs-input",
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("replaced 2 file(s)")
            && err.contains("Cargo.toml")
            && err.contains("src/lib.rs"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "keep me"
    );
    // A second run replaces nothing of the user's: the files are graphdoc's now.
    let again = graphdoc(&[
        "generate",
        "--docs",
        "docs-input",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(!stderr(&again).contains("replaced"), "{}", stderr(&again));
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn every_verb_fails_clearly_on_missing_or_empty_docs() {
    let d = scratch("verbs");
    let empty = d.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let empty = empty.to_str().unwrap();
    for bad in ["/nonexistent/graphdoc-docs", "README.md", empty] {
        for args in [
            vec!["model", "--docs", bad],
            vec!["check", "--docs", bad],
            vec!["diff", bad, "docs-input"],
            vec!["diff", "docs-input", bad],
            vec!["mock", "--docs", bad],
        ] {
            let o = graphdoc(&args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.starts_with("error: "), "{args:?}: {err}");
            assert!(err.contains(bad), "{args:?} does not name the path: {err}");
            assert!(!err.contains(":0:"), "{args:?}: {err}");
            assert!(
                !String::from_utf8_lossy(&o.stdout).contains("no API changes"),
                "{args:?}"
            );
        }
    }
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn mock_without_examples_does_not_serve() {
    let d = scratch("mock");
    std::fs::write(d.join("overview.md"), "# Overview\n").unwrap();
    let o = graphdoc(&["mock", "--docs", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no example responses"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn diagnostics_without_a_place_have_no_location() {
    use graphdoc::diag::{Code, Diagnostic};
    let d = |file: &str, line| Diagnostic::new(file, line, Code::NoDocsDir, "m");
    assert_eq!(d("", 0).to_string(), "error[no-docs-dir]: m");
    assert_eq!(d("a.md", 0).to_string(), "a.md: error[no-docs-dir]: m");
    assert_eq!(d("a.md", 3).to_string(), "a.md:3: error[no-docs-dir]: m");
}

#[test]
fn the_builder_refuses_missing_and_empty_docs() {
    let d = scratch("builder");
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let empty = d.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    for docs in [d.join("missing"), empty] {
        let e = graphdoc::Builder::new()
            .docs(&docs)
            .out_dir(&out)
            .generate()
            .expect_err("must fail");
        assert!(e.to_string().contains("nothing was written"), "{e}");
    }
    // Docs whose filters keep nothing.
    let e = graphdoc::Builder::new()
        .docs(root().join("docs-input"))
        .version(graphdoc::model::ApiVersion::V1)
        .include("microsoft-identity-platform")
        .exclude("microsoft-identity-platform")
        .out_dir(&out)
        .generate()
        .expect_err("must fail");
    assert!(e.to_string().contains("no operation or type"), "{e}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    std::fs::remove_dir_all(&d).ok();
}
