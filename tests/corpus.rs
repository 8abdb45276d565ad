//! Corpus-scale checks of the reader over `../shared/corpus` (skipped with a notice when absent).
//!
//! Rates are computed per page by its declared `doc_type`, so a page the reader silently
//! drops counts against us.

use std::path::{Path, PathBuf};

use graphdoc::diag::Sink;
use graphdoc::model::{Model, TypeKind};
use graphdoc::read::{self, frontmatter::FrontMatter, permissions::is_scope, PageFile};

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("NOTICE: {} is absent; corpus tests skipped", p.display());
        None
    }
}

fn declared_doc_type(file: &PageFile) -> Option<String> {
    let text = std::fs::read_to_string(&file.path).ok()?;
    let body = text.strip_prefix("---")?;
    let end = body.find("\n---")?;
    FrontMatter::parse(&body[..end])
        .doc_type()
        .map(str::to_string)
}

struct Rates {
    api: usize,
    api_ok: usize,
    resource: usize,
    resource_ok: usize,
    failures: Vec<String>,
}

/// Reads every page of `root`, checking each against its declared doc type.
fn rates(root: &Path) -> (Rates, Model) {
    let mut sink = Sink::new("");
    let files = read::find_pages(root, &mut sink);
    let model = read::read_files(&files, Sink::new(""));
    let mut r = Rates {
        api: 0,
        api_ok: 0,
        resource: 0,
        resource_ok: 0,
        failures: Vec::new(),
    };
    for f in &files {
        match declared_doc_type(f).as_deref() {
            Some("apiPageType") => {
                r.api += 1;
                let ok = model.operations.iter().any(|o| {
                    o.source == f.rel
                        && !o.method.is_empty()
                        && !o.paths.is_empty()
                        && o.paths.iter().all(|p| p.path.starts_with('/'))
                });
                if ok {
                    r.api_ok += 1
                } else {
                    r.failures.push(format!("api: {}", f.rel))
                }
            }
            Some("resourcePageType") => {
                r.resource += 1;
                // A type whose properties were read: own or inherited ones, or a Properties
                // section that documents none (abstract bases such as `educationOutcome`).
                let unread = model.diagnostics.iter().any(|d| {
                    d.file == f.rel
                        && matches!(
                            d.code.as_str(),
                            "no-properties" | "unreadable-table" | "unnamed-type"
                        )
                });
                // A page whose type another page also defines was read and merged there.
                let merged = model
                    .diagnostics
                    .iter()
                    .any(|d| d.file == f.rel && d.code == "merged-type");
                let ok = merged
                    || model.types.iter().any(|t| {
                        t.source == f.rel
                            && t.kind != TypeKind::Enum
                            && (!model.all_properties(t).is_empty()
                                || !t.relationships.is_empty()
                                || !unread)
                    });
                if ok {
                    r.resource_ok += 1
                } else {
                    r.failures.push(format!("resource: {}", f.rel))
                }
            }
            _ => {}
        }
    }
    (r, model)
}

fn assert_rates(name: &str, r: &Rates, model: &Model) {
    let api_rate = r.api_ok as f64 / r.api.max(1) as f64;
    let res_rate = r.resource_ok as f64 / r.resource.max(1) as f64;
    println!(
        "{name}: apiPageType {}/{} = {:.2}% with method+path; resourcePageType {}/{} = {:.2}% with properties",
        r.api_ok, r.api, api_rate * 100.0, r.resource_ok, r.resource, res_rate * 100.0
    );
    for f in r.failures.iter().take(40) {
        println!("  not read: {f}");
    }
    assert!(r.api > 0 && r.resource > 0, "{name}: no pages found");
    assert!(
        api_rate >= 0.99,
        "{name}: only {:.2}% of API pages give an operation",
        api_rate * 100.0
    );
    assert!(
        res_rate >= 0.99,
        "{name}: only {:.2}% of resource pages give a type with properties",
        res_rate * 100.0
    );
    let mut scopes = 0;
    for op in &model.operations {
        if let Some(p) = &op.permissions {
            for s in p
                .delegated_work
                .iter()
                .chain(&p.delegated_personal)
                .chain(&p.application)
            {
                scopes += 1;
                assert!(is_scope(s), "{}: `{s}` is not a scope name", op.source);
            }
        }
    }
    println!("{name}: {scopes} permission entries, all well-formed scope names");
}

#[test]
fn english_corpus_rates() {
    let Some(c) = corpus() else { return };
    let (r, model) = rates(&c.join("en"));
    assert_rates("en", &r, &model);
}

#[test]
fn zh_sample_rates() {
    let Some(c) = corpus() else { return };
    let (r, model) = rates(&c.join("zh-sample"));
    assert_rates("zh-sample", &r, &model);
}

/// zh-CN pages whose English twin has the same HTTP block read the same.
#[test]
fn zh_pages_match_english_twins() {
    let Some(c) = corpus() else { return };
    let en = read::read_docs(&[c.join("en")]);
    let zh = read::read_docs(&[c.join("zh-sample")]);
    let (mut compared, mut mismatched) = (0, Vec::new());
    for z in &zh.operations {
        let Some(e) = en.operations.iter().find(|e| e.source == z.source) else {
            continue;
        };
        let same_block = e
            .paths
            .iter()
            .map(|p| (&p.method, &p.path))
            .eq(z.paths.iter().map(|p| (&p.method, &p.path)));
        if !same_block {
            continue; // the translation is of a different docs revision
        }
        if e.response.link != z.response.link {
            // The translation links another resource: a different docs revision, not a reader difference.
            println!(
                "  revision differs: {} links {:?} (en) vs {:?} (zh)",
                z.source, e.response.link, z.response.link
            );
            continue;
        }
        compared += 1;
        let resp = |o: &graphdoc::model::Operation| {
            (
                o.response.type_name.clone().map(|t| t.to_ascii_lowercase()),
                o.response.collection,
            )
        };
        if e.method != z.method || resp(e) != resp(z) {
            mismatched.push(format!(
                "{}: en {:?} {:?} vs zh {:?} {:?}",
                z.source,
                e.method,
                resp(e),
                z.method,
                resp(z)
            ));
        }
    }
    println!(
        "zh/en twins compared: {compared}, mismatched: {}",
        mismatched.len()
    );
    for m in &mismatched {
        println!("  {m}");
    }
    assert!(compared >= 100, "too few twins compared ({compared})");
    assert!(mismatched.is_empty(), "{} twins differ", mismatched.len());
}

/// Generation over the whole English corpus gives the same files and diagnostics on one
/// thread as on all cores (the reader, the plan and emission all work in parallel).
#[test]
fn corpus_generation_does_not_depend_on_threads() {
    let Some(c) = corpus() else { return };
    let generate = || {
        let model = read::read_docs(&[c.join("en")]);
        let out = graphdoc::emit::generate(&model, &graphdoc::emit::Options::default())
            .expect("generates");
        (out.files, out.diagnostics)
    };
    let (files, diags) = generate();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let (files1, diags1) = one.install(generate);
    assert!(files.len() > 5 && !diags.is_empty());
    for (path, text) in &files {
        assert!(
            files1.get(path) == Some(text),
            "{path} differs on one thread"
        );
    }
    assert_eq!(files.len(), files1.len());
    assert!(diags == diags1, "diagnostics differ on one thread");
}
