//! `generated/` is exactly graphdoc's output for `docs-input/`: any byte of drift fails, and
//! the message says how to regenerate.

use std::path::Path;

const REGENERATE: &str =
    "cargo run --release -p graphdoc -- generate --docs docs-input --out generated --crate-name graphdoc-generated";

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// What README's command computes: the same `Config`, for the same output directory (which
/// decides the runtime dependency: a path inside this workspace).
fn output() -> graphdoc::emit::Output {
    let mut config = graphdoc::Config::new();
    config
        .docs(root().join("docs-input"))
        .crate_name("graphdoc-generated");
    let model = config.read(&|_, _| {}).expect("docs-input reads");
    config
        .emit_crate(&model, &root().join("generated"))
        .expect("generation succeeds")
}

#[test]
fn generated_dir_matches_docs_input() {
    let out = output();
    let dir = root().join("generated");
    let mut drift = Vec::new();
    for (rel, contents) in &out.files {
        match std::fs::read_to_string(dir.join(rel)) {
            Ok(on_disk) if on_disk == *contents => {}
            Ok(_) => drift.push(format!("{rel} differs")),
            Err(_) => drift.push(format!("{rel} is missing")),
        }
    }
    // Nothing else may sit in generated/ but graphdoc's marker.
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "target") {
                    stack.push(p);
                }
                continue;
            }
            let rel = p
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel != graphdoc::write::MARKER && !out.files.contains_key(&rel) {
                drift.push(format!("{rel} is not graphdoc output"));
            }
        }
    }
    assert!(
        drift.is_empty(),
        "generated/ has drifted from docs-input/: {drift:?}\nfix with: {REGENERATE}"
    );
}

#[test]
fn generation_is_deterministic() {
    let a = output();
    let b = output();
    assert_eq!(a.files, b.files);
    // Thread count does not matter either.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let c = pool.install(output);
    assert_eq!(a.files, c.files);
}

#[test]
fn seed_bindings_have_the_promised_items() {
    let out = output();
    for v in ["beta", "v1_0"] {
        let eps = &out.files[&format!("src/{v}/endpoints.rs")];
        // In the modules of its path, the type three modules up (vpp_tokens, device_app_management,
        // endpoints).
        assert!(
            eps.contains("pub mod device_app_management {\n    pub mod vpp_tokens {\n"),
            "{v}: {eps}"
        );
        assert!(eps.contains("pub fn sync_licenses(\n            vpp_token_id: &str,\n        ) -> ::graphdoc_runtime::ApiRequest<super::super::super::types::VppToken>"), "{v}: {eps}");
        assert!(
            eps.contains("pub const SYNC_LICENSES: ::graphdoc_runtime::Endpoint"),
            "{v}"
        );
        assert!(
            eps.contains("\"DeviceManagementServiceConfig.ReadWrite.All\""),
            "{v}"
        );
        let types = &out.files[&format!("src/{v}/types.rs")];
        for t in [
            "pub struct VppToken",
            "pub enum VppTokenAccountType",
            "pub enum VppTokenState",
            "pub enum VppTokenSyncStatus",
        ] {
            assert!(types.contains(t), "{v} lacks {t}");
        }
        // `id` comes from the base type `entity`.
        let vpp_token = types
            .split("pub struct VppToken {")
            .nth(1)
            .and_then(|rest| rest.split("\n}\n").next())
            .unwrap_or_default();
        assert!(
            vpp_token.contains("pub id: Option<String>,"),
            "{v}: inherited id missing"
        );
    }
    assert!(out.files["src/beta/types.rs"]
        .contains("pub token_action_results: Option<Vec<VppTokenActionResult>>,"));
    assert!(
        !out.files["src/v1_0/types.rs"].contains("token_action_results"),
        "v1.0 documents no tokenActionResults"
    );
}
