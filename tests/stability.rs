//! Names are stable when the docs change: a page that documents an existing path from another
//! workload, and a page with a new path, add and change nothing else in the generated API.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use graphdoc::plan::{plan, BodyPlan, EndpointPlan, TypeRef};

fn dir(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Each endpoint's Rust signature by its function path: parameters, body and response.
fn api(roots: &[PathBuf]) -> BTreeMap<String, String> {
    let model = graphdoc::read_docs(roots);
    let p = plan(&model, &Default::default());
    let mut out = BTreeMap::new();
    for vp in &p.versions {
        for e in &vp.endpoints {
            let path = format!(
                "{}::{}::{}",
                vp.version.as_str(),
                e.module.join("::"),
                e.rust
            );
            let sig = signature(e);
            assert!(out.insert(path.clone(), sig).is_none(), "{path} twice");
        }
    }
    out
}

fn signature(e: &EndpointPlan) -> String {
    let ty = |t: &TypeRef| format!("{t:?}");
    let body = match &e.body {
        BodyPlan::None => "none".to_string(),
        BodyPlan::Content => "content".to_string(),
        BodyPlan::Type(t) => ty(t),
        BodyPlan::Params { rust, fields, .. } => format!(
            "{rust}{{{}}}",
            fields
                .iter()
                .map(|f| format!("{}: {}", f.rust, ty(&f.ty)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let params: Vec<&str> = e.params.iter().map(|p| p.rust.as_str()).collect();
    format!(
        "{} ({}) body {body} -> {:?} {:?}",
        e.method,
        params.join(", "),
        e.response.shape,
        e.response.ty.as_ref().map(ty)
    )
}

#[test]
fn added_pages_only_add() {
    let old_roots = [dir("pages/users")];
    let new_roots = [dir("pages/users"), dir("pages-stability/added")];
    let old = api(&old_roots);
    let new = api(&new_roots);
    for (path, sig) in &old {
        assert_eq!(new.get(path), Some(sig), "{path} changed");
    }
    let added: Vec<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
    // The Intune copy of GET /users adds no function; the new path adds one.
    assert_eq!(added, ["v1.0::users::direct_reports::list"]);

    // The Intune page is merged into GET /users: listed, its scopes and feature added.
    let model = graphdoc::read_docs(&new_roots);
    let p = plan(&model, &Default::default());
    let list = p.versions[0]
        .endpoints
        .iter()
        .find(|e| e.module == ["users"] && e.rust == "list")
        .expect("users::list");
    let pages: Vec<&str> = list.pages.iter().map(|p| p.operation.as_str()).collect();
    assert_eq!(pages, ["user-list", "intune-devices-user-list"]);
    assert_eq!(
        list.permissions.application,
        ["User.Read.All", "DeviceManagementManagedDevices.Read.All"]
    );
    assert!(list.features.contains("users") && list.features.contains("intune-devices"));
    assert_eq!(list.examples.len(), 2, "both pages' examples are tests");

    // `graphdoc diff` sees only compatible changes.
    let old_model = graphdoc::read_docs(&old_roots);
    let changes = graphdoc::diff::diff(&old_model, &model, Default::default());
    assert!(!changes.is_empty());
    for c in &changes {
        assert_eq!(c.impact, graphdoc::diff::Impact::Compatible, "{c:?}");
    }
    // The Rust consequence: one function added, named and typed.
    let functions: Vec<_> = changes.iter().filter(|c| c.kind == "function").collect();
    assert_eq!(functions.len(), 1, "{functions:?}");
    assert_eq!(functions[0].item, "v1_0::users::direct_reports::list");
    assert!(
        functions[0]
            .what
            .starts_with("added: fn(user_id) -> Page<v1_0::types::"),
        "{}",
        functions[0].what
    );
}

/// Page order and file names never pick a name: the same pages read from roots given in
/// the other order give the same API.
#[test]
fn root_order_does_not_matter() {
    let a = api(&[dir("pages/users"), dir("pages-stability/added")]);
    let b = api(&[dir("pages-stability/added"), dir("pages/users")]);
    assert_eq!(a, b);
}

/// No function name carries a collision number, and each (version, method, canonical path)
/// has one function, on the whole English corpus.
#[test]
fn corpus_has_one_function_per_operation() {
    let Some(root) = graphdoc_workspace_tests::corpus("en", "one-function-per-operation test")
    else {
        return;
    };
    let model = graphdoc::read_docs(&[root]);
    let p = plan(&model, &Default::default());
    let mut keys = BTreeMap::new();
    let mut names = BTreeMap::new();
    let mut total = 0;
    for vp in &p.versions {
        for e in &vp.endpoints {
            total += 1;
            let key = graphdoc::link::path::key(&e.method, &e.pieces);
            let name = format!(
                "{}::{}::{}",
                vp.version.as_str(),
                e.module.join("::"),
                e.rust
            );
            assert!(
                keys.insert((vp.version, key.clone()), name.clone())
                    .is_none(),
                "{key:?} has two functions"
            );
            assert!(names.insert(name.clone(), key).is_none(), "{name} twice");
            let last = e.rust.rsplit('_').next().unwrap_or("");
            assert!(
                !last.bytes().all(|b| b.is_ascii_digit()),
                "{name} ends in a number"
            );
        }
    }
    // Features are workloads and their areas, never a verb or a word of a file name.
    let features: std::collections::BTreeSet<&str> = p
        .versions
        .iter()
        .flat_map(|vp| {
            vp.endpoints
                .iter()
                .flat_map(|e| &e.features)
                .chain(vp.types.iter().flat_map(|t| &t.features))
        })
        .map(String::as_str)
        .collect();
    for f in &features {
        for verb in [
            "get", "list", "post", "send", "create", "update", "delete", "filter",
        ] {
            assert!(
                *f != verb && !f.ends_with(&format!("-{verb}")),
                "feature `{f}` is named after a verb"
            );
        }
    }
    for page_word in [
        "driveitem",
        "singlevaluelegacyextendedproperty",
        "user",
        "message",
    ] {
        assert!(!features.contains(page_word), "feature `{page_word}`");
    }
    println!(
        "{total} functions, one per operation; {} features",
        features.len()
    );
    assert!(total > 7000, "{total}");
    // The calls users look for first.
    for want in [
        "v1.0::users::list",
        "v1.0::users::get",
        "v1.0::me::get",
        "v1.0::me::send_mail",
        "v1.0::me::messages::list",
        "v1.0::users::send_mail",
    ] {
        assert!(names.contains_key(want), "{want} missing");
    }
}

/// Current docs name the workload in `ms.subservice`; a page with none takes its resource's,
/// never a word of its file name.
#[test]
fn features_come_from_workloads_not_file_names() {
    let dir = std::env::temp_dir().join(format!("graphdoc-features-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let api = dir.join("v1.0/api");
    let res = dir.join("v1.0/resources");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::create_dir_all(&res).unwrap();
    std::fs::write(
        res.join("gizmo.md"),
        "---\ntitle: \"gizmo resource type\"\nms.prod: \"gadgets\"\ndoc_type: resourcePageType\n---\n# gizmo resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|x|\n",
    )
    .unwrap();
    let op = |front: &str, path: &str| {
        format!("---\ntitle: \"Get gizmo\"\n{front}doc_type: apiPageType\n---\n# Get gizmo\n\n## HTTP request\n```http\nGET {path}\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [gizmo](../resources/gizmo.md) object.\n")
    };
    // Modern front matter: no ms.prod, an ms.subservice.
    std::fs::write(
        api.join("gizmo-get.md"),
        op("ms.subservice: \"entra-users\"\n", "/gizmos/{id}"),
    )
    .unwrap();
    // No workload at all: the resource's (`gadgets`), not `send` from the file name.
    std::fs::write(
        api.join("send-gizmo.md"),
        op("ms.prod: \"\"\n", "/gizmos/{id}/twin"),
    )
    .unwrap();
    let model = graphdoc::read_docs(std::slice::from_ref(&dir));
    let p = plan(&model, &Default::default());
    let features = |path: &str| {
        p.versions[0]
            .endpoints
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.features.iter().cloned().collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    assert_eq!(features("/gizmos/{id}"), ["entra-users"]);
    assert_eq!(features("/gizmos/{id}/twin"), ["gadgets"]);
    std::fs::remove_dir_all(&dir).ok();
}
