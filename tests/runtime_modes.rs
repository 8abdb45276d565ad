//! A generated crate builds without a single warning (`-D warnings`) and passes its example
//! tests in both runtime modes: vendored (the default outside this workspace: the runtime's
//! source copied beside `src/`, nothing to fetch that a fresh machine lacks) and as a path
//! dependency (the default inside it). Cargo runs `--offline`: the crates the runtime uses are
//! the workspace's, already in cargo's cache.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Generates docs-input/ into `out` with the default runtime mode for that directory.
fn generate(out: &Path) -> graphdoc::config::Report {
    let _ = std::fs::remove_dir_all(out);
    let mut config = graphdoc::Config::new();
    config
        .docs(root().join("docs-input"))
        .crate_name("warning-free-bindings");
    let report = config.generate(out, false).expect("generates");
    // A crate of its own, not a member of whatever workspace holds the directory.
    let toml = out.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[workspace]\n");
    std::fs::write(&toml, text).unwrap();
    report
}

fn cargo_test_denying_warnings(dir: &Path) {
    let res = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--quiet", "--all-targets"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("warning-free-target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .output()
        .expect("cargo runs");
    let text =
        String::from_utf8_lossy(&res.stdout).into_owned() + &String::from_utf8_lossy(&res.stderr);
    assert!(
        res.status.success(),
        "{} does not build warning-free or its tests fail:\n{text}",
        dir.display()
    );
    assert!(!text.contains("warning:"), "{text}");
}

#[test]
fn a_crate_outside_the_workspace_vendors_its_runtime_and_builds_warning_free() {
    let out = std::env::temp_dir().join(format!("graphdoc-vendored-{}", std::process::id()));
    let report = generate(&out);
    let toml = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        toml.contains("graphdoc-runtime = { path = \"graphdoc-runtime\" }"),
        "{toml}"
    );
    // Every file of the runtime is there, and graphdoc owns it (a later run may remove it).
    for (path, text) in graphdoc_runtime::source() {
        let copy = out.join("graphdoc-runtime").join(path);
        assert_eq!(&std::fs::read_to_string(&copy).unwrap(), text, "{path}");
        assert!(report
            .write
            .written
            .contains(&format!("graphdoc-runtime/{path}")));
    }
    cargo_test_denying_warnings(&out);
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn a_crate_inside_the_workspace_uses_the_runtime_by_path_and_builds_warning_free() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("warning-free-path");
    generate(&out);
    let toml = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        toml.contains("graphdoc-runtime = { path = \"../../../generator/runtime\" }"),
        "{toml}"
    );
    assert!(!out.join("graphdoc-runtime").exists());
    cargo_test_denying_warnings(&out);
}
