//! The link stage: the model's pages resolved into the API that planning and the tools read.
//!
//! The API is HTTP operations, not pages: the endpoints of every page are merged into one per
//! (version, method, canonical path), and each is named by its path (see [`crate::plan::names`]),
//! so a name never depends on which pages document it or in what order.
//!
//! **Canonical path.** Parameters count by position only (`{id}`, `{user-id}` and
//! `{id | userPrincipalName}` are one parameter), key forms are unified (`items(id='{id}')`,
//! `items('{id}')` and `items/{id}` are one path), literals compare case-insensitively (Graph
//! paths do), and the query string is never part of a path. A page that documents
//! `GET /users?$expand=manager` documents GET /users.
//!
//! **Merging.** All pages of an operation stay listed. The primary page, whose description,
//! request body and response the function takes, is the most generic one: a page whose HTTP
//! request section lists the path beats one whose examples alone show it, a page that lists it
//! without a query string beats one that lists a variant (`GET /me/messages?$expand=…` on an
//! extended-property page), then the page name with
//! the fewest words (`user-list` over `user-list-manager` and `intune-devices-user-list`), then the
//! shorter name, then the source path. Permissions are the union, the primary page's first (least
//! privileged first within each page); examples come from every page; the operation is compiled
//! when the feature of any of its pages is enabled.
//!

pub mod examples;
pub mod infer;
pub mod path;
pub mod types;
pub mod walk;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Code, Diagnostic};
use crate::model::{ApiVersion, Model, Operation, RequestBody, TypeDef};
use path::{endpoint_templates, key, Template};
use types::{most_shared_base, repeated_resource, type_chain};

/// The resolved API of a model: what planning, `check`, `diff` and `mock` read.
#[derive(Debug)]
pub struct Api<'m> {
    /// The model it was linked from.
    pub model: &'m Model,
    /// Per version, v1.0 first; a version without pages is left out.
    pub versions: Vec<Version<'m>>,
    /// What linking found: locale conflicts, duplicate types, inferred types.
    pub diagnostics: Vec<Diagnostic>,
}

/// One version of the API.
#[derive(Debug)]
pub struct Version<'m> {
    /// `v1.0` or `beta`.
    pub version: ApiVersion,
    /// The pages the version is made from: one per page name, English first (other locales'
    /// copies only feed `locale-conflict` findings).
    pub pages: Vec<&'m Operation>,
    /// Documented types, one per name (case-insensitive, by lowercase name), English first.
    pub documented: BTreeMap<String, &'m TypeDef>,
    /// Types no page defines, inferred from the pages' examples. One that shares an operation
    /// with documented types derives from their common base.
    pub inferred: Vec<TypeDef>,
    /// The operations that several pages document, each with its own type (Intune writes a
    /// page per derived type): each set of lowercase type names (responses and bodies apart).
    pub shared: Vec<Vec<String>>,
    /// The operations, by (method, canonical path), in key order.
    pub operations: Vec<Linked<'m>>,
}

/// One operation: a method and canonical path, and every page form that documents it.
#[derive(Debug)]
pub struct Linked<'m> {
    /// Upper-case method.
    pub method: String,
    /// Canonical path: parameters as `{}`, literals in lower case.
    pub canonical_path: String,
    /// The pages' forms of the call, the primary first (see [`rank`]).
    pub forms: Vec<Form<'m>>,
}

/// One page's form of an operation.
#[derive(Debug)]
pub struct Form<'m> {
    /// The page.
    pub page: &'m Operation,
    /// The path as it writes it.
    pub template: Template,
}

/// How primary a page's form of an operation is (lowest first): a page whose HTTP request
/// section lists the path, then one without a query variant, then the page name with the
/// fewest words, the shorter name, the source path.
pub fn rank<'a>(
    documented: bool,
    query_variant: bool,
    page: &str,
    source: &'a str,
) -> (bool, bool, usize, usize, &'a str) {
    (
        !documented,
        query_variant,
        page.split('-').count(),
        page.len(),
        source,
    )
}

/// Links every version of `model`.
pub fn link(model: &Model) -> Api<'_> {
    link_versions(model, &[ApiVersion::V1, ApiVersion::Beta])
}

/// Links the given versions of `model` (in parallel; the result never depends on scheduling).
pub fn link_versions<'m>(model: &'m Model, versions: &[ApiVersion]) -> Api<'m> {
    use rayon::prelude::*;
    let linked: Vec<(Option<Version>, Vec<Diagnostic>)> = versions
        .par_iter()
        .map(|&v| {
            let mut diags = Vec::new();
            let pages = pick_operations(model, v, &mut diags);
            let lv = (!pages.is_empty()).then(|| link_version(model, v, pages, &mut diags));
            (lv, diags)
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut out = Vec::new();
    for (v, d) in linked {
        out.extend(v);
        diagnostics.extend(d);
    }
    diagnostics.sort();
    diagnostics.dedup();
    Api {
        model,
        versions: out,
        diagnostics,
    }
}

fn link_version<'m>(
    model: &'m Model,
    version: ApiVersion,
    pages: Vec<&'m Operation>,
    diags: &mut Vec<Diagnostic>,
) -> Version<'m> {
    let mut inferred = infer::infer_missing(model, &pages, version);
    let mut by_key: BTreeMap<(String, String), Vec<Form<'m>>> = BTreeMap::new();
    let mut typed: BTreeMap<(String, String, bool), BTreeSet<String>> = BTreeMap::new();
    for &op in &pages {
        let body = match &op.request_body {
            RequestBody::Type { type_name } => Some(type_name.clone()),
            _ => repeated_resource(model, op).map(|t| t.name.clone()),
        };
        for t in endpoint_templates(op) {
            let (method, path) = key(&t.method, &t.pieces);
            if t.documented && !t.query_variant {
                for (is_body, name) in [(false, &op.response.type_name), (true, &body)] {
                    if let Some(n) = name {
                        let k = (method.clone(), path.clone(), is_body);
                        typed.entry(k).or_default().insert(n.to_ascii_lowercase());
                    }
                }
            }
            by_key.entry((method, path)).or_default().push(Form {
                page: op,
                template: t,
            });
        }
    }
    let shared: Vec<Vec<String>> = typed
        .into_values()
        .filter(|n| n.len() > 1)
        .map(|n| n.into_iter().collect())
        .collect();
    // A type inferred from a page's examples (its resource page is missing) that shares an
    // operation with documented types derives from their common base, so it is read as one of
    // them.
    let documented_chain = |key: &str| type_chain(model, key, model.find_type(version, key));
    for names in &shared {
        let keys: Vec<&str> = names.iter().map(String::as_str).collect();
        let Some(base) = most_shared_base(&keys, &documented_chain) else {
            continue;
        };
        let base_name = model.find_type(version, &base).map(|t| t.name.clone());
        for t in inferred
            .iter_mut()
            .filter(|t| t.base.is_none() && names.contains(&t.name.to_ascii_lowercase()))
        {
            t.base = base_name.clone();
        }
    }
    for t in &inferred {
        diags.push(Diagnostic::new(
            &t.source,
            1,
            Code::InferredType,
            format!(
                "type `{}` is inferred from the examples: no resource page defines it",
                t.name
            ),
        ));
    }
    let documented = choose_types(model, version, diags);
    let operations = by_key
        .into_iter()
        .map(|((method, canonical_path), mut forms)| {
            forms.sort_by(|a, b| {
                let r = |f: &Form<'m>| {
                    rank(
                        f.template.documented,
                        f.template.query_variant,
                        &f.page.name,
                        &f.page.source,
                    )
                };
                r(a).cmp(&r(b))
            });
            Linked {
                method,
                canonical_path,
                forms,
            }
        })
        .collect();
    Version {
        version,
        pages,
        documented,
        inferred,
        shared,
        operations,
    }
}

/// One documented type per name (case-insensitive), English first; a second definition in the
/// same locale is a `duplicate-type` finding.
fn choose_types<'m>(
    model: &'m Model,
    version: ApiVersion,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, &'m TypeDef> {
    let mut candidates: Vec<&TypeDef> = model
        .types
        .iter()
        .filter(|t| t.version == version)
        .collect();
    candidates.sort_by_key(|t| locale_rank(&t.locale, &t.source));
    let mut chosen: BTreeMap<String, &TypeDef> = BTreeMap::new();
    for t in candidates {
        let key = t.name.to_ascii_lowercase();
        if let Some(first) = chosen.get(&key) {
            if first.locale != t.locale {
                twin_fills(first, t, diags);
            }
            if first.locale == t.locale {
                diags.push(Diagnostic::new(
                    &t.source,
                    t.line,
                    Code::DuplicateType,
                    format!(
                        "type `{}` is also defined by `{}`; that definition is used",
                        t.name, first.source
                    ),
                ));
            }
            continue;
        }
        chosen.insert(key, t);
    }
    chosen
}

/// A note on a translated type page for the properties its English twin (`first`, the one
/// bound) types and it lacks: rows it could not read, or of another docs revision.
fn twin_fills(first: &TypeDef, t: &TypeDef, diags: &mut Vec<Diagnostic>) {
    let has = |name: &str| {
        t.properties
            .iter()
            .chain(&t.relationships)
            .any(|p| p.name.eq_ignore_ascii_case(name))
    };
    let filled: Vec<String> = first
        .properties
        .iter()
        .chain(&first.relationships)
        .filter(|p| !has(&p.name))
        .map(|p| format!("`{}` ({})", p.name, p.type_name))
        .collect();
    if filled.is_empty() {
        return;
    }
    let mut list = filled[..filled.len().min(5)].join(", ");
    if filled.len() > 5 {
        list.push_str(&format!(" and {} more", filled.len() - 5));
    }
    diags.push(Diagnostic::new(
        &t.source,
        t.line,
        Code::FilledFromTwin,
        format!(
            "`{}` lacks {list}, which `{}` ({}) types; the binding follows that page",
            t.name, first.source, first.locale
        ),
    ));
}

impl<'m> Api<'m> {
    /// The linked version `v`, if it has pages.
    pub fn version(&self, v: ApiVersion) -> Option<&Version<'m>> {
        self.versions.iter().find(|lv| lv.version == v)
    }

    /// The type named `name` (case-insensitive) in `v`: see [`Version::find_type`].
    pub fn find_type(&self, v: ApiVersion, name: &str) -> Option<&TypeDef> {
        self.version(v)?.find_type(self.model, name)
    }
}

impl Version<'_> {
    /// The type named `name` (case-insensitive): documented, else inferred; for a qualified
    /// name no page of its namespace defines, its unqualified name's.
    pub fn find_type<'s>(&'s self, model: &'s Model, name: &str) -> Option<&'s TypeDef> {
        let find = |name: &str| {
            self.documented
                .get(&name.to_ascii_lowercase())
                .copied()
                .or_else(|| {
                    self.inferred
                        .iter()
                        .find(|t| t.name.eq_ignore_ascii_case(name))
                })
        };
        find(name)
            .or_else(|| crate::model::unqualified(name).and_then(find))
            .or_else(|| find(&model.find_type(self.version, name)?.name))
    }

    /// Every type of the version, by lowercase name: the documented ones, then the inferred.
    pub fn types(&self) -> BTreeMap<String, &TypeDef> {
        let mut all: BTreeMap<String, &TypeDef> = self
            .documented
            .iter()
            .map(|(k, t)| (k.clone(), *t))
            .collect();
        for t in &self.inferred {
            all.entry(t.name.to_ascii_lowercase()).or_insert(t);
        }
        all
    }
}

/// English first, then by source: the page that wins when two locales document one thing.
pub(crate) fn locale_rank(locale: &str, source: &str) -> (bool, String) {
    (!locale.eq_ignore_ascii_case("en-US"), source.to_string())
}

/// One operation per page name; other locales' copies are checked against it.
pub(crate) fn pick_operations<'m>(
    model: &'m Model,
    version: ApiVersion,
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'m Operation> {
    let mut by_name: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in model.operations.iter().filter(|o| o.version == version) {
        by_name.entry(op.name.as_str()).or_default().push(op);
    }
    let mut out = Vec::new();
    for (_, mut ops) in by_name {
        ops.sort_by_key(|o| locale_rank(&o.locale, &o.source));
        let first = ops[0];
        for other in &ops[1..] {
            let same = other.method == first.method
                && other
                    .paths
                    .iter()
                    .map(|p| &p.path)
                    .eq(first.paths.iter().map(|p| &p.path))
                && other
                    .response
                    .type_name
                    .as_deref()
                    .map(str::to_ascii_lowercase)
                    == first
                        .response
                        .type_name
                        .as_deref()
                        .map(str::to_ascii_lowercase);
            if !same {
                diags.push(Diagnostic::new(&other.source, other.line, Code::LocaleConflict,
                    format!("`{}` differs from `{}` (method, paths or response type); the binding follows `{}`", other.source, first.source, first.source)));
            }
        }
        out.push(first);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, locale: &str, http: &str, response: &str) -> String {
        format!(
            "---\ntitle: \"{title}\"\nms.prod: \"users\"\nms.contentlocale: {locale}\ndoc_type: apiPageType\n---\n\n# {title}\n\n## HTTP request\n``` http\n{http}\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [{response}](../resources/{response}.md) object in the response body.\n"
        )
    }

    fn resource(name: &str, locale: &str, property: &str) -> String {
        format!(
            "---\ntitle: \"{name} resource type\"\nms.contentlocale: {locale}\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| {property} | String | A property. |\n"
        )
    }

    /// Pages documenting one path (in any key form, with a query variant) are one operation,
    /// the workload's own page primary; a translation that differs is a locale conflict and
    /// never wins over English, for operations and for types alike.
    #[test]
    fn pages_link_into_operations_and_english_wins() {
        let dir = std::env::temp_dir().join(format!("graphdoc-link-{}", std::process::id()));
        let api_dir = dir.join("v1.0/api");
        let res = dir.join("v1.0/resources");
        std::fs::create_dir_all(&api_dir).unwrap();
        std::fs::create_dir_all(&res).unwrap();
        let files = [
            (
                api_dir.join("user-get.md"),
                page(
                    "Get user",
                    "en-US",
                    "GET /users/{id | userPrincipalName}",
                    "user",
                ),
            ),
            (
                api_dir.join("intune-devices-user-get.md"),
                page("Get user", "en-US", "GET /users/{usersId}", "user"),
            ),
            (
                api_dir.join("user-list-manager.md"),
                page(
                    "List manager",
                    "en-US",
                    "GET /users/{id}?$expand=manager",
                    "user",
                ),
            ),
            (
                api_dir.join("user-get.zh-cn.md"),
                page("获取用户", "zh-CN", "GET /users/{id}/other", "user"),
            ),
            (
                res.join("user.md"),
                resource("user", "en-US", "displayName"),
            ),
            (
                res.join("user.zh-cn.md"),
                resource("user", "zh-CN", "显示名称"),
            ),
        ];
        for (path, text) in &files {
            std::fs::write(path, text).unwrap();
        }
        let model = crate::read::read_docs(std::slice::from_ref(&dir));
        std::fs::remove_dir_all(&dir).ok();
        let api = link(&model);
        let v1 = api.version(ApiVersion::V1).expect("v1.0 is linked");
        assert_eq!(v1.pages.len(), 3, "one page per name, English first");
        assert!(v1.pages.iter().all(|p| p.locale == "en-US"));
        let get: Vec<&Linked> = v1
            .operations
            .iter()
            .filter(|o| o.method == "GET" && o.canonical_path == "/users/{}")
            .collect();
        assert_eq!(get.len(), 1, "{:?}", v1.operations);
        let pages: Vec<&str> = get[0].forms.iter().map(|f| f.page.name.as_str()).collect();
        assert_eq!(
            pages,
            ["user-get", "intune-devices-user-get", "user-list-manager"]
        );
        assert!(api
            .diagnostics
            .iter()
            .any(|d| d.code == Code::LocaleConflict && d.file.ends_with("user-get.zh-cn.md")));
        let user = api
            .find_type(ApiVersion::V1, "User")
            .expect("user is linked");
        assert_eq!(user.locale, "en-US");
        assert_eq!(user.properties[0].name, "displayName");
        // The translated page's unreadable name: the English twin fills it in, and says so.
        let filled: Vec<&Diagnostic> = api
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::FilledFromTwin)
            .collect();
        assert_eq!(filled.len(), 1, "{filled:?}");
        assert!(filled[0].file.ends_with("user.zh-cn.md"));
        assert!(
            filled[0].message.contains("lacks `displayName`")
                && filled[0].message.contains("user.md` (en-US)"),
            "{}",
            filled[0].message
        );
    }
}
