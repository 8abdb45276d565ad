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
}
