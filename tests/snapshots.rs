//! Snapshots of emitted code for representative pages under `pages/`: each directory's bindings
//! (the single-file `build.rs` form) must equal `snapshots/<dir>.rs`, and every snapshot must
//! compile (trybuild, `ui/snapshots/`). Set `UPDATE_SNAPSHOTS=1` to rewrite them after an
//! intended change, and review the diff.

use std::path::Path;

fn dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn emitted_code_matches_snapshots() {
    let mut mismatched = Vec::new();
    let mut seen = 0;
    let mut pages: Vec<_> = std::fs::read_dir(dir().join("pages"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    pages.sort();
    for page_dir in pages.iter().filter(|p| p.is_dir()) {
        let name = page_dir.file_name().unwrap().to_string_lossy().into_owned();
        let model = graphdoc::read_docs(std::slice::from_ref(page_dir));
        let out = graphdoc::emit::generate_single_file(&model, &Default::default()).unwrap();
        let text = &out.files[graphdoc::emit::SINGLE_FILE];
        let snap = dir().join("snapshots").join(format!("{name}.rs"));
        seen += 1;
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&snap, text).unwrap();
            continue;
        }
        match std::fs::read_to_string(&snap) {
            Ok(old) if old == *text => {}
            _ => mismatched.push(name),
        }
    }
    assert!(seen > 0, "no page directories under pages/");
    assert!(
        mismatched.is_empty(),
        "snapshots differ for {mismatched:?}; rerun with UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

#[test]
fn snapshots_compile() {
    let t = trybuild::TestCases::new();
    t.pass("ui/snapshots/*.rs");
}
