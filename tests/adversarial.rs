//! Hostile and broken pages (`pages/adversarial`, plus a few made here: deeply nested and very
//! large JSON, a symlink loop) give compiling code with the documented serde names, or a
//! diagnostic; never a panic, a hang, or code the docs did not describe. The pages' bindings are
//! also compiled and run by the snapshot tests.

use std::path::{Path, PathBuf};

use graphdoc_workspace_tests::copy_dir;

fn hostile_docs(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("adversarial-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("pages/adversarial"),
        &dir,
    );
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    let big: Vec<String> = (0..20_000)
        .map(|i| format!("{{\"id\": \"{i}\", \"v\": \"{}\"}}", "x".repeat(40)))
        .collect();
    let page = format!(
        "---\ntitle: \"Deep JSON\"\ndoc_type: apiPageType\n---\n\n# Deep\n\n## HTTP request\n```http\nGET /deep\n```\n\n## Example\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{deep}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{{\"value\": [{}]}}\n```\n",
        big.join(",")
    );
    std::fs::write(dir.join("v1.0/api/deep-json.md"), page).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", dir.join("v1.0/api/loop")).unwrap();
    dir
}

fn has(model: &graphdoc::Model, file: &str, code: &str) -> bool {
    model
        .diagnostics
        .iter()
        .any(|d| d.file == file && d.code == code)
}

#[test]
fn broken_pages_give_diagnostics() {
    let model = graphdoc::read_docs(&[hostile_docs("diagnostics")]);
    assert!(has(&model, "v1.0/api/broken-bytes.md", "not-utf8"));
    assert!(model
        .diagnostics
        .iter()
        .any(|d| d.file == "v1.0/api/broken-bytes.md"
            && d.code == "invalid-example-json"
            && d.line == 18));
    assert!(model
        .diagnostics
        .iter()
        .any(|d| d.file == "v1.0/api/deep-json.md" && d.message.contains("recursion limit")));
    #[cfg(unix)]
    assert!(has(&model, "v1.0/api/loop", "symlink-skipped"));
    assert!(has(
        &model,
        "v1.0/api/hostile-self-include.md",
        "missing-permissions"
    ));
    // The large example is read whole.
    let deep = model
        .operations
        .iter()
        .find(|o| o.name == "deep-json")
        .unwrap();
    let big = deep
        .examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .find_map(|r| match &r.body {
            graphdoc::model::Body::Json(v) => v.value()["value"].as_array().map(|a| a.len()),
            _ => None,
        });
    assert_eq!(big, Some(20_000));
    // Two pages document `GET /hostiles/{id}/children/{id}`: one function, both pages named.
    let plan = graphdoc::plan::plan(&model, &Default::default());
    let same: Vec<_> = plan.versions[0]
        .endpoints
        .iter()
        .filter(|e| e.method == "GET" && e.path == "/hostiles/{id}/children/{id}")
        .collect();
    assert_eq!(same.len(), 1);
    let pages: Vec<&str> = same[0].pages.iter().map(|p| p.source.as_str()).collect();
    assert_eq!(
        pages,
        ["v1.0/api/hostile-get.md", "v1.0/api/hostile-duplicate.md"]
    );
}

#[test]
fn hostile_names_keep_their_wire_names_and_inject_nothing() {
    let model = graphdoc::read_docs(&[hostile_docs("names")]);
    let out = graphdoc::emit::generate_single_file(&model, &Default::default()).unwrap();
    let text = &out.files[graphdoc::emit::SINGLE_FILE];
    let file = syn::parse_file(text).expect("generated code parses");
    // The name every field is read and written by.
    let wires = serde_names(&file.items);
    for wire in [
        "type",
        "self",
        "Self",
        "crate",
        "3dModel",
        "name",
        "Name",
        "display name",
        "名称",
        "a::b",
        "quote\"d",
        "#[attr]",
        "async",
        "gen",
        "_",
        "extra",
        "odata_type",
        "child",
    ] {
        assert!(wires.contains(wire), "no serde name `{wire}` in {wires:?}");
    }
    for field in [
        "pub r#type:",
        "pub self_:",
        "pub self_2:",
        "pub _3d_model:",
        "pub name:",
        "pub name_2:",
        "pub u540d_u79f0:",
        "pub r#async:",
        "pub r#gen:",
        "pub extra:",
        "pub odata_type_2:",
        "pub child:",
    ] {
        assert!(text.contains(field), "no field `{field}`");
    }
    // Every attribute in the output is one graphdoc writes: descriptions cannot smuggle in others.
    let mut seen = std::collections::BTreeSet::new();
    let allowed = [
        "doc",
        "serde",
        "derive",
        "cfg",
        "allow",
        "rustfmt",
        "non_exhaustive",
        "inline",
        "track_caller",
    ];
    fn walk(items: &[syn::Item], seen: &mut std::collections::BTreeSet<String>) {
        use quote::ToTokens;
        for item in items {
            let tokens = item.to_token_stream().to_string();
            for part in tokens.split("# [").skip(1) {
                let name: String = part
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                seen.insert(name);
            }
            if let syn::Item::Mod(m) = item {
                if let Some((_, inner)) = &m.content {
                    walk(inner, seen);
                }
            }
        }
    }
    walk(&file.items, &mut seen);
    for a in &seen {
        assert!(
            allowed.contains(&a.as_str()),
            "unexpected attribute `{a}` in the output"
        );
    }
    // Hostile text survives only inside string literals: no `<script>` outside docs.
    assert!(!text
        .lines()
        .any(|l| l.contains("<script>") && !l.trim_start().starts_with("///")));
}

/// Every field's wire name in the generated items (nested modules included): the
/// `field = "wireName"` pairs each struct's `graph_object!` reads and writes it by.
fn serde_names(items: &[syn::Item]) -> std::collections::BTreeSet<String> {
    use quote::ToTokens;
    let mut out = std::collections::BTreeSet::new();
    for item in items {
        match item {
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    out.extend(serde_names(inner));
                }
            }
            syn::Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident == "graph_object")
                    == Some(true) =>
            {
                let fields = m.mac.tokens.clone().into_iter().find_map(|t| match t {
                    proc_macro2::TokenTree::Group(g)
                        if g.delimiter() == proc_macro2::Delimiter::Brace =>
                    {
                        Some(g.stream())
                    }
                    _ => None,
                });
                for t in fields.into_iter().flatten() {
                    if let proc_macro2::TokenTree::Literal(l) = t {
                        let lit: syn::LitStr = syn::parse2(l.into_token_stream()).unwrap();
                        out.insert(lit.value());
                    }
                }
            }
            _ => {}
        }
    }
    out
}
