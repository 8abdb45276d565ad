//! Incremental regeneration: unchanged docs rewrite nothing (mtimes stay, so cargo rebuilds
//! nothing); one edited page rewrites only the files it affects.

use std::path::{Path, PathBuf};

use graphdoc_workspace_tests::copy_dir;

fn generate(docs: &Path, out: &Path) -> graphdoc::write::WriteReport {
    let model = graphdoc::read_docs(&[docs.to_path_buf()]);
    let output = graphdoc::emit::generate(&model, &Default::default()).unwrap();
    graphdoc::write::write_files(out, &output.files, false).unwrap()
}

fn mtimes(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.clone(),
                    std::fs::metadata(&p).unwrap().modified().unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn unchanged_docs_rewrite_nothing_and_one_page_rewrites_its_files() {
    let work = std::env::temp_dir().join(format!("graphdoc-incremental-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let docs = work.join("docs");
    let out = work.join("out");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input"),
        &docs,
    );

    let first = generate(&docs, &out);
    assert!(!first.written.is_empty());
    let before = mtimes(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = generate(&docs, &out);
    assert!(
        second.written.is_empty() && second.removed.is_empty(),
        "{second:?}"
    );
    assert_eq!(mtimes(&out), before, "an unchanged run touched files");

    // Edit one beta page's description: only the beta endpoint file changes.
    let page = docs.join("beta/api/intune-onboarding-vpptoken-revokelicenses.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("Revokes the licenses", "Revokes every license"),
    )
    .unwrap();
    let third = generate(&docs, &out);
    assert_eq!(third.written, ["src/beta/endpoints.rs"], "{third:?}");

    // A new property on a v1.0 resource: v1.0 types (and nothing of beta) change.
    let res = docs.join("v1.0/resources/intune-onboarding-vpptoken.md");
    let text = std::fs::read_to_string(&res).unwrap();
    std::fs::write(
        &res,
        text.replace(
            "|countryOrRegion|String|",
            "|locationName|String|令牌的位置。|\n|countryOrRegion|String|",
        ),
    )
    .unwrap();
    let fourth = generate(&docs, &out);
    assert_eq!(fourth.written, ["src/v1_0/types.rs"], "{fourth:?}");
    std::fs::remove_dir_all(&work).ok();
}
