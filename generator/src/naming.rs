//! The one place Rust identifiers are made from docs names: casing, keywords of every edition,
//! leading digits, non-ASCII, empty names and deterministic de-duplication. Every identifier
//! graphdoc emits passes through here; the wire name is kept beside it for serde.

use std::collections::BTreeSet;

use proc_macro2::Ident;
use quote::format_ident;

/// Keywords that can be used as raw identifiers (`r#type`), all editions.
const RAW_OK: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers: these get a trailing underscore.
const NO_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits a docs name into lower-case words: `vppTokenId` → `vpp token id`,
/// `site-id` → `site id`, `HTTPRequest2` → `http request2`. Non-ASCII characters become
/// `uXXXX` words so that distinct names stay distinct.
pub fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = c.is_ascii_uppercase()
                && prev.is_some_and(|p| {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                });
            if boundary && !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            cur.push(c.to_ascii_lowercase());
        } else {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            if !c.is_ascii() && !c.is_whitespace() {
                words.push(format!("u{:04x}", c as u32));
            }
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// `snake_case` text for a docs name (not yet a safe identifier; see [`field_ident`]).
pub fn snake(name: &str) -> String {
    words(name).join("_")
}

/// `UpperCamelCase` text for a docs name.
pub fn camel(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// Makes text a valid identifier: empty → `fallback`, leading digit → `_` prefix (snake) or
/// `N` prefix (camel), keywords → raw or suffixed.
fn make_ident(text: String, fallback: &str, camel_case: bool) -> String {
    let mut s = if text.is_empty() {
        fallback.to_string()
    } else {
        text
    };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, if camel_case { "N" } else { "_" });
    }
    s
}

/// Turns identifier text into an [`Ident`], as `r#kw` for keywords and `kw_` where raw is not allowed.
pub fn ident(text: &str) -> Ident {
    if NO_RAW.contains(&text) {
        format_ident!("{}_", text)
    } else if RAW_OK.contains(&text) {
        Ident::new_raw(text, proc_macro2::Span::call_site())
    } else {
        format_ident!("{}", text)
    }
}

/// Text of a snake_case identifier (field, function, parameter, module) for a docs name.
pub fn snake_text(name: &str) -> String {
    make_ident(snake(name), "value", false)
}

/// Text of an UpperCamelCase identifier (type, variant) for a docs name.
pub fn camel_text(name: &str) -> String {
    let s = make_ident(camel(name), "Value", true);
    if NO_RAW.contains(&s.as_str()) || s == "Self" {
        format!("{s}_")
    } else {
        s
    }
}

/// The snake_case identifier for a docs name.
pub fn field_ident(name: &str) -> Ident {
    ident(&snake_text(name))
}

/// The UpperCamelCase identifier for a docs name.
pub fn type_ident(name: &str) -> Ident {
    ident(&camel_text(name))
}

/// The SCREAMING_SNAKE_CASE identifier for a docs name (consts).
pub fn const_ident(name: &str) -> Ident {
    ident(&snake_text(name).to_ascii_uppercase())
}

/// Names cargo or rustc refuse for a package: the standard crates, and the names Windows
/// keeps for devices (a package directory named `con` cannot be made there).
const RESERVED_CRATE_NAMES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "proc_macro",
    "proc-macro",
    "test",
    "build",
    "deps",
    "examples",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// Checks a package name for the generated crate the way cargo does (and crates.io's length
/// limit), so a bad `--crate-name` is a message before anything is read or written, never a
/// panic while emitting `use my_crate::…`. The library name is the package name with `-` as `_`.
pub fn validate_crate_name(name: &str) -> Result<(), String> {
    let problem = if name.is_empty() {
        Some("it is empty".to_string())
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        Some(format!(
            "`{c}` is not allowed (use ASCII letters, digits, `-` and `_`)"
        ))
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("it must start with an ASCII letter".to_string())
    } else if name.len() > 64 {
        Some("it is longer than 64 characters".to_string())
    } else {
        let lib = name.replace('-', "_");
        if RAW_OK.contains(&lib.as_str()) || NO_RAW.contains(&lib.as_str()) {
            Some(format!("`{lib}` is a Rust keyword"))
        } else if RESERVED_CRATE_NAMES.contains(&name.to_ascii_lowercase().as_str()) {
            Some("it is reserved by Rust, cargo or Windows".to_string())
        } else {
            None
        }
    };
    match problem {
        Some(why) => Err(format!("invalid crate name `{name}`: {why}")),
        None => Ok(()),
    }
}

/// Hands out unique identifier texts within one scope, in call order: the first holder of a
/// name keeps it, later ones get `_2`, `_3`… (camel: `2`, `3`). Reserved names are never handed out.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Claims `text` or the first free numbered variant of it.
    pub fn claim(&mut self, text: String) -> String {
        if self.taken.insert(text.clone()) {
            return text;
        }
        let sep = if text.starts_with(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{text}{sep}{n}"))
            .find(|cand| self.taken.insert(cand.clone()))
            .expect("an unbounded range always yields a free name")
    }

    /// Whether `text` is taken.
    pub fn contains(&self, text: &str) -> bool {
        self.taken.contains(text)
    }
}

// ---- Names of generated items: reserved type names, modules, functions, features ----

/// The cargo feature of a page: its workload's ([`workload_feature`]), or, for a page named
/// `<workload>-<area>-…` (the Intune pages: `intune-apps-mobileapp-get`), the area's
/// `<workload>-<area>`. Intune is half of the reference; its areas are the units users pick,
/// and the workload's own feature enables them all.
pub fn feature_name(workload: Option<&str>, page: &str) -> String {
    let group = workload_feature(workload);
    let page = page.to_ascii_lowercase();
    let area = page
        .strip_prefix(&group)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.split_once('-'))
        .map(|(area, _)| area)
        .filter(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_alphanumeric()))
        // `planner-list-…`, `onenote-post-…`: a verb is not an area.
        .filter(|a| !VERBS.contains(a));
    match area {
        Some(area) if workload.is_some_and(|w| !w.trim().is_empty()) => format!("{group}-{area}"),
        _ => group,
    }
}

/// Words of page names that say what a page does, not what it is about.
pub const VERBS: &[&str] = &[
    "get", "list", "post", "create", "update", "delete", "send", "filter", "add", "remove", "put",
    "patch", "upsert", "delta",
];

/// The feature of pages whose workload nothing tells: never a word of a file name.
pub const OTHER: &str = "other";

/// A cargo feature name for a workload (`ms.prod`, `ms.subservice` or the resource's): lower
/// case, `[a-z0-9_-]` only; [`OTHER`] without one.
pub fn workload_feature(workload: Option<&str>) -> String {
    let raw = match workload.filter(|w| !w.trim().is_empty()) {
        Some(w) => w.to_string(),
        None => OTHER.to_string(),
    };
    let mut f: String = raw
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if f.is_empty() || !f.starts_with(|c: char| c.is_ascii_alphabetic()) {
        f.insert_str(0, "w-");
    }
    // Names the generated crate uses for itself.
    if matches!(
        f.as_str(),
        "full" | "default" | "v1_0" | "beta" | "client" | "rustls"
    ) {
        f.push_str("-workload");
    }
    f
}

/// Names the generated modules use unqualified: the runtime's re-exports and the prelude types
/// fields are written with (`Option<String>`), so no generated type may shadow them.
pub const RESERVED_TYPES: &[&str] = &[
    "Page",
    "Error",
    "GraphError",
    "Endpoint",
    "ApiRequest",
    "Option",
    "String",
    "Vec",
    "Box",
];

/// `groups` → `group`; a crude singular for parameter names only.
pub fn singular(word: &str) -> &str {
    if let Some(s) = word.strip_suffix("ies") {
        return s; // policies → polic: still distinct; good enough for a prefix
    }
    match word.strip_suffix('s') {
        Some(s) if !s.ends_with('s') && !s.is_empty() => s,
        _ => word,
    }
}

/// A module name for a path word: snake case, never `types` or `endpoints` (the version's own
/// modules).
pub fn module_word(word: &str) -> String {
    let w = snake_text(word);
    match w.as_str() {
        "types" | "endpoints" => format!("{w}_"),
        _ => w,
    }
}

/// A stable short hash of text (FNV-1a), for the last-resort name qualifier.
pub fn short_hash(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{:06x}", h & 0x00ff_ffff)
}

/// The function name of a call on a resource or collection, by method: `list` (a GET that
/// answers a collection), `get`, `create`, `update`, `upload` (a PUT of content), `replace`,
/// `delete`; `call` otherwise.
pub fn verb(method: &str, collection: bool, content: bool) -> &'static str {
    match method {
        "GET" if collection => "list",
        "GET" => "get",
        "POST" => "create",
        "PATCH" => "update",
        "PUT" if content => "upload",
        "PUT" => "replace",
        "DELETE" => "delete",
        _ => "call",
    }
}

/// The function name of a call on an OData special segment (`$ref`, `$value`, `$count`, given
/// without the `$`): `add_ref`, `remove_ref`, `set_ref`, `get_ref`; `get_value`,
/// `upload_value`, `<method>_value`; `count`.
pub fn special_segment(segment: &str, method: &str) -> String {
    match (segment.to_ascii_lowercase().as_str(), method) {
        ("ref", "POST") => "add_ref".into(),
        ("ref", "DELETE") => "remove_ref".into(),
        ("ref", "PUT") => "set_ref".into(),
        ("ref", _) => "get_ref".into(),
        ("value", "PUT") => "upload_value".into(),
        ("value", "GET") => "get_value".into(),
        ("value", m) => format!("{}_value", m.to_ascii_lowercase()),
        ("count", _) => "count".into(),
        _ => snake_text(segment),
    }
}

/// The module of a type-cast segment (`microsoft.graph.group` → `as_group`).
pub fn cast_module(type_name: &str) -> String {
    format!("as_{}", snake(type_name))
}

/// The parameters struct of a function (`send_mail` → `SendMailBody`), and of the `n`-th other
/// page's body of it (`SendMailBodyOf2`).
pub fn body_struct(function: &str, n: Option<usize>) -> String {
    let base = format!("{}Body", camel_text(function.trim_start_matches("r#")));
    match n {
        Some(n) => format!("{base}Of{n}"),
        None => base,
    }
}

/// The module of a sub-namespace's types (`callRecords` → `call_records`; `""` for the root
/// namespace). Never a name the version's `types` module holds otherwise (types are camel case).
pub fn type_module(namespace: &str) -> String {
    if namespace.is_empty() {
        String::new()
    } else {
        snake_text(namespace)
    }
}

/// The polymorphic reader of a base type (`DirectoryObject` → `AnyDirectoryObject`).
pub fn any_type(base: &str) -> String {
    format!("Any{base}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        assert_eq!(snake("vppTokenId"), "vpp_token_id");
        assert_eq!(snake("site-id"), "site_id");
        assert_eq!(snake("id | userPrincipalName"), "id_user_principal_name");
        assert_eq!(snake("HTTPRequest"), "http_request");
        assert_eq!(snake("assignedToExternalMDM"), "assigned_to_external_mdm");
        assert_eq!(camel("vppTokenState"), "VppTokenState");
        assert_eq!(camel("inProgress"), "InProgress");
        assert_eq!(camel("iosVppApp"), "IosVppApp");
        assert_eq!(
            camel("windows10XVpnConfiguration"),
            "Windows10XVpnConfiguration"
        );
    }

    /// Every keyword of every edition becomes a usable identifier.
    #[test]
    fn every_keyword() {
        for kw in RAW_OK.iter().chain(NO_RAW) {
            let id = field_ident(kw).to_string();
            // The identifier must work as a field name and a function name.
            let item = format!("struct S {{ {id}: u8 }} fn {id}() {{}}");
            assert!(syn::parse_file(&item).is_ok(), "{kw} → {id}");
        }
        assert_eq!(field_ident("type").to_string(), "r#type");
        assert_eq!(field_ident("self").to_string(), "self_");
        assert_eq!(field_ident("_").to_string(), "value");
        assert_eq!(type_ident("self").to_string(), "Self_");
        assert_eq!(type_ident("Self").to_string(), "Self_");
        assert_eq!(type_ident("crate").to_string(), "Crate");
    }

    #[test]
    fn crate_names_as_cargo_takes_them() {
        for ok in [
            "graph-bindings",
            "my_graph",
            "g",
            "Graph2",
            "graphdoc-generated",
        ] {
            assert_eq!(validate_crate_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "1graph",
            "my.graph",
            "My Graph!",
            "-x",
            "_x",
            "type",
            "self",
            "std",
            "con",
            "grä",
            &"a".repeat(65),
        ] {
            let e = validate_crate_name(bad).expect_err(bad);
            assert!(e.starts_with("invalid crate name"), "{bad}: {e}");
        }
    }

    #[test]
    fn digits_empty_and_unicode() {
        assert_eq!(field_ident("3dModel").to_string(), "_3d_model");
        assert_eq!(type_ident("3dModel").to_string(), "N3dModel");
        assert_eq!(field_ident("").to_string(), "value");
        assert_eq!(field_ident("名称").to_string(), "u540d_u79f0");
        assert_eq!(field_ident("a b::c\"#[").to_string(), "a_b_c");
        // Identifiers that differ only by case become distinct after de-duplication.
        let mut scope = Scope::default();
        assert_eq!(scope.claim(snake_text("Name")), "name");
        assert_eq!(scope.claim(snake_text("name")), "name_2");
        let mut types = Scope::with_reserved(&["Page"]);
        assert_eq!(types.claim(camel_text("page")), "Page2");
    }

    #[test]
    fn feature_names() {
        assert_eq!(feature_name(Some("intune"), "x"), "intune");
        assert_eq!(
            feature_name(Some("Microsoft Identity"), "x"),
            "microsoft-identity"
        );
        // Never a word of the file name, never a verb.
        assert_eq!(feature_name(None, "user-get"), "other");
        assert_eq!(
            feature_name(Some("planner"), "planner-list-tasks"),
            "planner"
        );
        assert_eq!(
            feature_name(Some("onenote"), "onenote-post-pages"),
            "onenote"
        );
        assert_eq!(feature_name(Some("beta"), "x"), "beta-workload");
        assert_eq!(feature_name(Some("3d"), "x"), "w-3d");
        // Areas of a workload whose pages are named after it.
        assert_eq!(
            feature_name(Some("intune"), "intune-apps-mobileapp-get"),
            "intune-apps"
        );
        assert_eq!(
            feature_name(Some("intune"), "Intune-DeviceConfig-x"),
            "intune-deviceconfig"
        );
        assert_eq!(feature_name(Some("intune"), "intune-apps"), "intune");
        assert_eq!(feature_name(Some("intune"), "user-get"), "intune");
        assert_eq!(feature_name(None, "intune-apps-mobileapp-get"), "other");
    }
}
