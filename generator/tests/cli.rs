//! The `graphdoc` command line as a user runs it, with output going to a pipe.

mod common;

use common::*;

#[test]
fn check_finds_example_defects_and_fails() {
    let o = graphdoc(&["check", "--docs", "tests/lint-pages/lint"]);
    assert_eq!(o.status.code(), Some(1), "errors must fail the run");
    let out = stdout(&o);
    assert!(!out.contains('\x1b'), "no colors in a pipe");
    for (code, line) in [
        ("example-type-mismatch", "v1.0/api/widget-get.md:39"),
        ("example-type-mismatch", "v1.0/api/widget-get.md:40"),
        ("example-unknown-member", "v1.0/api/widget-get.md:41"),
        ("example-undocumented-property", "v1.0/api/widget-get.md:42"),
        ("missing-permissions", "v1.0/api/widget-delete.md:1"),
        ("content-length-mismatch", "v1.0/api/widget-get.md:33"),
        ("response-collection-mismatch", "v1.0/api/widget-list.md:33"),
        // The response type has no page, yet a nested value names a documented type.
        ("unresolvable-type-link", "v1.0/api/widget-stats.md:19"),
        ("example-unknown-member", "v1.0/api/widget-stats.md:42"),
        // A derived type's name with the wrong case reads as the base type.
        ("example-type-mismatch", "v1.0/api/widget-best.md:37"),
        (
            "example-undocumented-property",
            "v1.0/api/widget-best.md:39",
        ),
    ] {
        let found = out
            .split("\n\n")
            .any(|block| block.contains(&format!("[{code}]")) && block.contains(line));
        assert!(found, "no {code} at {line} in:\n{out}");
    }
    assert!(out.contains("5 errors, 5 warnings, 3 notes"), "{out}");
}

/// `graphdoc check --format json` on the lint pages, parsed.
fn lint_pages_json() -> serde_json::Value {
    let o = graphdoc(&[
        "check",
        "--docs",
        "tests/lint-pages/lint",
        "--format",
        "json",
    ]);
    serde_json::from_slice(&o.stdout).expect("JSON")
}

#[test]
fn check_json_is_machine_readable() {
    let v = lint_pages_json();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 13);
    for i in items {
        for k in ["file", "line", "severity", "code", "message", "hint"] {
            assert!(i.get(k).is_some(), "{k} missing in {i}");
        }
    }
}

#[test]
fn check_passes_clean_docs_even_strict() {
    let o = graphdoc(&["check", "--docs", "docs-input", "--strict"]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn generate_twice_rewrites_nothing_and_respects_foreign_dirs() {
    let out = std::env::temp_dir().join(format!("graphdoc-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let out_s = out.to_str().unwrap();
    let first = graphdoc(&["generate", "--docs", "docs-input", "--out", out_s]);
    assert!(first.status.success());
    let second = graphdoc(&["generate", "--docs", "docs-input", "--out", out_s]);
    assert!(
        stdout(&second).contains("files: 0 written"),
        "{}",
        stdout(&second)
    );

    let foreign = out.join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
    let refused = graphdoc(&[
        "generate",
        "--docs",
        "docs-input",
        "--out",
        foreign.to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(foreign.join("keep.txt")).unwrap(),
        "mine"
    );
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn model_prints_json() {
    let o = graphdoc(&["model", "--docs", "docs-input"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let model = graphdoc::read_docs(&[root().join("docs-input")]);
    assert_eq!(
        v["operations"].as_array().unwrap().len(),
        model.operations.len()
    );
    assert!(v["operations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["name"] == "intune-onboarding-vpptoken-synclicenses"));
}

#[test]
fn generate_strict_fails_on_warnings_but_default_keeps_going() {
    let out = std::env::temp_dir().join(format!("graphdoc-strict-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = out.to_str().unwrap();
    let lenient = graphdoc(&["generate", "--docs", "tests/lint-pages/lint", "--out", o]);
    assert!(
        lenient.status.success(),
        "{}",
        String::from_utf8_lossy(&lenient.stderr)
    );
    let strict = graphdoc(&[
        "generate",
        "--docs",
        "tests/lint-pages/lint",
        "--out",
        o,
        "--strict",
    ]);
    assert_eq!(strict.status.code(), Some(1));
    let err = String::from_utf8_lossy(&strict.stderr);
    assert!(err.contains("warning[missing-permissions]"), "{err}");
    assert!(
        !err.contains('\x1b'),
        "no terminal codes when stderr is a pipe"
    );
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn closing_summary_is_plain_in_a_pipe() {
    let out = std::env::temp_dir().join(format!("graphdoc-summary-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = graphdoc(&[
        "generate",
        "--docs",
        "docs-input",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = stdout(&o);
    // The counts the library gives for the same docs and output directory.
    let mut config = graphdoc::Config::new();
    config.docs(root().join("docs-input"));
    let model = config.read(&|_, _| {}).unwrap();
    let output = config.emit_crate(&model, &out).unwrap();
    let read = format!(
        "read {} pages ({} operations, {} types) from docs-input\n",
        model.pages.total,
        model.operations.len(),
        model.types.len()
    );
    assert!(text.starts_with(&read), "{text}");
    let generated = format!(
        "generated {} types, {} endpoints",
        output.stats.types, output.stats.endpoints
    );
    assert!(text.contains(&generated), "{text}");
    assert!(
        text.contains("findings: 0 errors, 0 warnings, 0 notes"),
        "{text}"
    );
    assert!(
        !text.contains('\r') && !text.contains('\x1b'),
        "progress output leaked into a pipe"
    );
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn help_has_examples() {
    for cmd in ["generate", "model", "check", "diff"] {
        let o = graphdoc(&[cmd, "--help"]);
        assert!(
            stdout(&o).contains("Example"),
            "`graphdoc {cmd} --help` shows no example"
        );
    }
}

#[test]
fn check_explains_every_code_it_reports() {
    // Every finding the lint pages produce has an explanation with an example or a fix.
    let v = lint_pages_json();
    let mut codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    codes.sort();
    codes.dedup();
    assert!(codes.len() > 3, "{codes:?}");
    for code in codes {
        let e = graphdoc(&["check", "--explain", code]);
        assert!(e.status.success(), "{code}: {}", stderr(&e));
        let text = stdout(&e);
        assert!(text.starts_with(code), "{text}");
        assert!(text.contains("Fix:"), "{code} explains no fix:\n{text}");
    }
    let bad = graphdoc(&["check", "--explain", "example-typo"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("example-type-mismatch"),
        "{}",
        stderr(&bad)
    );
}
