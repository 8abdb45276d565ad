//! graphdoc as a library (a build-dependency) pulls in none of the command line's crates.

#[test]
fn the_library_without_default_features_has_no_cli_dependencies() {
    let tree = |features: &[&str]| {
        let out = std::process::Command::new(env!("CARGO"))
            .args([
                "tree",
                "--offline",
                "-p",
                "graphdoc",
                "-e",
                "normal",
                "--prefix",
                "none",
            ])
            .args(features)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split(' ').next().map(str::to_string))
            .collect::<std::collections::BTreeSet<String>>()
    };
    let cli = ["clap", "tiny_http", "mimalloc"];
    let lib = tree(&["--no-default-features"]);
    for c in cli {
        assert!(!lib.contains(c), "{c} in the library's tree");
    }
    assert!(
        lib.contains("graphdoc-runtime") && lib.contains("syn"),
        "{lib:?}"
    );
    // The binary's default build does have them: the test reads the tree it means to.
    let full = tree(&[]);
    for c in cli {
        assert!(full.contains(c), "{c} missing from the default tree");
    }
}
