//! `graphdoc model --resolved` is the index of the generated crate: every entry names a function
//! that exists with those arguments and that return type, and every function has an entry.

use std::path::{Path, PathBuf};

use quote::ToTokens;

fn roots() -> Vec<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    vec![here.join("tests/pages/users"), here.join("docs-input")]
}

/// The functions of an endpoints file: (path below the version, argument names, return type).
fn functions(file: &syn::File) -> Vec<(String, Vec<String>, String)> {
    fn walk(items: &[syn::Item], prefix: &str, out: &mut Vec<(String, Vec<String>, String)>) {
        for item in items {
            match item {
                syn::Item::Mod(m) => {
                    let name = format!("{prefix}{}::", m.ident.unraw());
                    if let Some((_, inner)) = &m.content {
                        walk(inner, &name, out);
                    }
                }
                syn::Item::Fn(f) => {
                    let args = f
                        .sig
                        .inputs
                        .iter()
                        .filter_map(|a| match a {
                            syn::FnArg::Typed(p) => Some(p.pat.to_token_stream().to_string()),
                            syn::FnArg::Receiver(_) => None,
                        })
                        .collect();
                    let ret = f.sig.output.to_token_stream().to_string().replace(' ', "");
                    out.push((format!("{prefix}{}", f.sig.ident.unraw()), args, ret));
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&file.items, "", &mut out);
    out
}

use syn::ext::IdentExt as _;

#[test]
fn the_index_matches_the_generated_crate() {
    let model = graphdoc::read_docs(&roots());
    let index = graphdoc::emit::index::resolved(&model, &Default::default());
    let out = graphdoc::emit::generate(&model, &Default::default()).unwrap();
    let mut fns = Vec::new();
    for v in ["v1_0", "beta"] {
        let text = &out.files[&format!("src/{v}/endpoints.rs")];
        let file = syn::parse_file(text).unwrap();
        for (path, args, ret) in functions(&file) {
            fns.push((format!("{v}::{path}"), args, ret));
        }
    }
    assert_eq!(index.len(), fns.len(), "one entry per function");
    for op in &index {
        let Some((_, args, ret)) = fns.iter().find(|(p, ..)| *p == op.function) else {
            panic!("{} is not in the crate", op.function);
        };
        assert_eq!(args, &op.arguments, "{}", op.function);
        // The return type names the same type (the crate writes it relative to the module).
        let last = op
            .response
            .rsplit("::")
            .next()
            .unwrap()
            .trim_end_matches('>');
        assert!(
            ret.contains(last),
            "{}: {ret} vs {}",
            op.function,
            op.response
        );
        assert!(!op.pages.is_empty() && !op.paths.is_empty());
    }
    let list = index
        .iter()
        .find(|o| o.function == "v1_0::users::list")
        .expect("users::list");
    assert_eq!(list.method, "GET");
    assert_eq!(list.canonical_path, "/users");
    assert_eq!(list.response, "Page<v1_0::types::User>");
    assert_eq!(list.pages, ["v1.0/api/user-list.md"]);
    let get = index
        .iter()
        .find(|o| o.function == "v1_0::users::get")
        .expect("users::get");
    assert_eq!(get.canonical_path, "/users/{}");
    assert_eq!(get.arguments, ["user_id"]);
    let sync = index
        .iter()
        .find(|o| o.function == "beta::device_app_management::vpp_tokens::sync_licenses")
        .expect("sync_licenses");
    assert_eq!(sync.response, "beta::types::VppToken");
    assert_eq!(
        sync.permissions.application,
        [
            "DeviceManagementServiceConfig.ReadWrite.All",
            "DeviceManagementConfiguration.ReadWrite.All"
        ]
    );
}

#[test]
fn the_cli_prints_the_index() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .args(["model", "--docs", "docs-input", "--resolved"])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ops = v.as_array().unwrap();
    let model = graphdoc::read_docs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")]);
    assert_eq!(
        ops.len(),
        graphdoc::emit::index::resolved(&model, &Default::default()).len()
    );
    assert!(ops.iter().any(|o| o["function"] == "v1_0::users::list"));
    for op in ops {
        for k in [
            "version",
            "method",
            "canonicalPath",
            "paths",
            "pages",
            "permissions",
            "function",
            "arguments",
            "response",
        ] {
            assert!(op.get(k).is_some(), "{k} missing in {op}");
        }
    }
}
