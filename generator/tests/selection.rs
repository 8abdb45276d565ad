//! `--include` / `--exclude` / `--version` (and the same `Config` options behind `Builder`):
//! exact workload or area names, the output holding what the full crate compiles with those
//! features, and a clear refusal of names the docs do not have.

mod common;

use std::collections::BTreeSet;

use common::{graphdoc, root, stderr};

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("graphdoc-select-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// The structs and enums a file defines; with `feature`, only those its `cfg` line names.
fn type_names(text: &str, feature: Option<&str>) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut cfg = "";
    for line in text.lines().map(str::trim) {
        if line.starts_with("#[cfg(") {
            cfg = line;
        } else if let Some(rest) = line
            .strip_prefix("pub struct ")
            .or(line.strip_prefix("pub enum "))
        {
            if feature.is_none_or(|f| cfg.contains(&format!("\"{f}\""))) {
                names.insert(
                    rest.split([' ', '{', '('])
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                );
            }
        }
    }
    names
}

fn read(p: &std::path::Path) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

#[test]
fn an_area_keeps_its_endpoints_and_the_types_they_reach_only() {
    let out = scratch("area");
    let o = out.to_str().unwrap();
    let r = graphdoc(&[
        "generate",
        "--docs",
        "docs-input",
        "--out",
        o,
        "--include",
        "intune-onboarding",
        "--version",
        "beta",
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    let toml = read(&out.join("Cargo.toml"));
    assert!(toml.contains("full = [\"intune-onboarding\"]"), "{toml}");
    // Features of what was left out are not declared, and no cfg names them.
    assert!(!toml.contains("microsoft-identity-platform"), "{toml}");
    assert!(!toml.contains("v1_0 = []"), "{toml}");
    assert!(!out.join("src/v1_0").exists());
    let types = read(&out.join("src/beta/types.rs"));
    assert!(types.contains("pub struct VppToken {"));
    assert!(types.contains("pub enum VppTokenState"));
    // `entity` is compiled only by the identity workload in the full crate.
    assert!(!types.contains("pub struct Entity {"), "{types}");
    assert!(!types.contains("feature = \"intune-shared\""));
    let eps = read(&out.join("src/beta/endpoints.rs"));
    assert!(eps.contains("pub fn sync_licenses("));
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn a_workload_names_all_its_areas_and_exclude_takes_one_back() {
    let build = |args: &[&str]| {
        let mut config = graphdoc::Config::new();
        config.docs(root().join("docs-input"));
        for a in args {
            match a.split_once(':') {
                Some(("in", n)) => config.include(n),
                Some(("ex", n)) => config.exclude(n),
                _ => unreachable!(),
            };
        }
        let model = config.read(&|_, _| {}).unwrap();
        config.emit_crate(&model, &scratch("unused"))
    };
    let all = build(&["in:intune"]).unwrap();
    let toml = &all.files["Cargo.toml"];
    assert!(
        toml.contains("\"intune\" = [\"intune-onboarding\", \"intune-shared\"]"),
        "{toml}"
    );
    assert!(!toml.contains("microsoft-identity-platform"), "{toml}");
    // Excluding the only area with endpoints leaves types alone to bind: the shared enums.
    let shared = build(&["in:intune", "ex:intune-onboarding"]).unwrap();
    assert_eq!(shared.stats.endpoints, 0);
    assert!(shared.stats.types > 0);
    assert!(!shared.files["Cargo.toml"].contains("intune-onboarding"));
    // Excluding everything included is refused, nothing to bind.
    let none = build(&["in:intune-onboarding", "ex:intune-onboarding"]).unwrap_err();
    assert!(
        matches!(
            none,
            graphdoc::config::Error::NothingToBind { filtered: true, .. }
        ),
        "{none}"
    );
}

#[test]
fn unknown_names_are_refused_with_the_names_there_are_and_nothing_is_written() {
    let out = scratch("unknown");
    let o = out.to_str().unwrap();
    // A substring of a real name is not a name.
    let r = graphdoc(&[
        "generate",
        "--docs",
        "docs-input",
        "--out",
        o,
        "--include",
        "intune-onb",
    ]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    let e = stderr(&r);
    assert!(e.contains("`intune-onb`"), "{e}");
    assert!(
        e.contains("intune-onboarding") && e.contains("microsoft-identity-platform"),
        "{e}"
    );
    assert!(e.contains("nothing was written"), "{e}");
    assert!(!out.exists());
    // The build.rs route says the same.
    std::fs::create_dir_all(&out).unwrap();
    let err = graphdoc::Builder::new()
        .docs(root().join("docs-input"))
        .exclude("planner")
        .out_dir(&out)
        .generate()
        .unwrap_err();
    assert!(
        matches!(err, graphdoc::config::Error::UnknownSelection { .. }),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn the_build_rs_file_holds_what_the_cli_crate_compiles_with_the_same_features() {
    let mut config = graphdoc::Config::new();
    config
        .docs(root().join("docs-input"))
        .include("intune-onboarding");
    let model = config.read(&|_, _| {}).unwrap();
    let opts = |filter| graphdoc::emit::Options {
        filter,
        ..Default::default()
    };
    let single =
        graphdoc::emit::generate_single_file(&model, &opts(config.filter().clone())).unwrap();
    let full = graphdoc::emit::generate(&model, &opts(Default::default())).unwrap();
    // Every struct and enum of the full crate that the feature compiles, and no other.
    let mut from_full = type_names(&full.files["src/beta/types.rs"], Some("intune-onboarding"));
    from_full.extend(type_names(
        &full.files["src/v1_0/types.rs"],
        Some("intune-onboarding"),
    ));
    let from_single: BTreeSet<String> =
        type_names(&single.files[graphdoc::emit::SINGLE_FILE], None)
            .into_iter()
            .filter(|n| !n.ends_with("Body"))
            .collect();
    assert!(!from_full.is_empty());
    assert_eq!(from_single, from_full);
}
