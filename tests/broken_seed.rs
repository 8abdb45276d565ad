//! A deliberately broken copy of a seed page (a wrong type in the example, an undocumented
//! property) makes the generated example tests fail, with a message naming the page, line and
//! property. Runs `cargo test` on a freshly generated crate.

use std::path::{Path, PathBuf};
use std::process::Command;

use graphdoc_workspace_tests::copy_dir;

fn generate_and_test(docs: &Path, out: &Path) -> (bool, String) {
    let model = graphdoc::read_docs(&[docs.to_path_buf()]);
    let opts = graphdoc::emit::Options {
        crate_name: "broken-bindings".into(),
        ..Default::default()
    };
    let output = graphdoc::emit::generate(&model, &opts).unwrap();
    let mut files = output.files.clone();
    // A standalone crate, outside our workspace.
    let toml = files.get_mut("Cargo.toml").unwrap();
    toml.push_str("\n[workspace]\n");
    graphdoc::write::write_files(out, &files, true).unwrap();
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-target");
    let res = Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--no-fail-fast"])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    let text =
        String::from_utf8_lossy(&res.stdout).into_owned() + &String::from_utf8_lossy(&res.stderr);
    (res.status.success(), text)
}

#[test]
fn broken_seed_fails_example_tests_readably() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("broken-seed");
    let _ = std::fs::remove_dir_all(&work);
    let docs = work.join("docs");
    copy_dir(&root.join("docs-input"), &docs);
    let page = docs.join("beta/api/intune-onboarding-vpptoken-synclicenses.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let broken = text
        .replace(
            "\"automaticallyUpdateApps\": true,",
            "\"automaticallyUpdateApps\": \"yes\",",
        )
        .replace(
            "\"token\": \"Token value\",",
            "\"token\": \"Token value\",\n    \"undocumentedProperty\": 1,",
        );
    assert_ne!(text, broken, "the seed changed; update this test's edits");
    std::fs::write(&page, &broken).unwrap();

    let (ok, out) = generate_and_test(&docs, &work.join("crate"));
    assert!(!ok, "example tests passed on a broken page:\n{out}");
    assert!(
        out.contains("beta/api/intune-onboarding-vpptoken-synclicenses.md:61"),
        "no page:line in:\n{out}"
    );
    assert!(
        out.contains("invalid type: string \"yes\", expected a boolean"),
        "wrong-type message missing:\n{out}"
    );

    // The undocumented property alone: reported by name.
    std::fs::write(
        &page,
        text.replace(
            "\"token\": \"Token value\",",
            "\"token\": \"Token value\",\n    \"undocumentedProperty\": 1,",
        ),
    )
    .unwrap();
    let (ok, out) = generate_and_test(&docs, &work.join("crate"));
    assert!(
        !ok,
        "example tests passed with an undocumented property:\n{out}"
    );
    assert!(
        out.contains("properties the type does not define: $.undocumentedProperty"),
        "{out}"
    );

    // And the untouched page passes.
    std::fs::write(&page, &text).unwrap();
    let (ok, out) = generate_and_test(&docs, &work.join("crate"));
    assert!(ok, "the intact seed fails:\n{out}");
}
