//! The API is HTTP operations, not pages: the endpoints planned from every page are merged into
//! one per (method, canonical path), and each is named by its path, so a name never depends on
//! which pages document it or in what order.
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
//! **Names.** Literal segments become modules (`/users/{id}/mailFolders/{id}/messages` →
//! `users::mail_folders::messages`; `/me/…` → `me::…`; a type cast `microsoft.graph.group` →
//! `as_group`), and in the last module the function is named by what the call does: `list`
//! (GET of a collection), `get`, `create` (POST to a collection), `update` (PATCH), `replace`
//! (PUT; `upload` for `content`), `delete`, an action's or function's own name (`send_mail`,
//! `delta`), `add_ref`/`remove_ref`/`get_ref` for `$ref`, `get_value` for `$value`, `count` for
//! `$count`. Where two operations still land on one name, those whose last segment carries
//! parameters take `_by_<parameters>` (`get_by_item_path`), then the method is added
//! (`sync_post`), and only then a short hash of the canonical path — never a number that depends
//! on page order, and each such case has a `name-collision` diagnostic.

use std::collections::{BTreeMap, BTreeSet};

use super::plan::{BodyPlan, EndpointPlan, PageRef, PathPiece, Shape, TypeRef};
use crate::diag::Diagnostic;
use crate::naming;

/// The path of an endpoint with `{}` for each parameter, as the documented path spells its
/// literals, key forms unified (`items(id='{}')` → `items/{}`) and no trailing `/`.
pub fn shape(pieces: &[PathPiece]) -> String {
    let mut s = String::new();
    for p in pieces {
        match p {
            PathPiece::Lit(l) => s.push_str(l),
            PathPiece::Param { .. } => s.push_str("{}"),
        }
    }
    let mut out = String::with_capacity(s.len());
    for (i, seg) in s.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&unify_key(seg));
    }
    while out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

/// `items(id='{}')`, `items('{}')`, `items({})` → `items/{}`: one key, written three ways.
fn unify_key(seg: &str) -> String {
    let Some((name, arg)) = seg.strip_suffix(')').and_then(|s| s.split_once('(')) else {
        return seg.to_string();
    };
    let arg = arg.strip_prefix("id=").unwrap_or(arg);
    let bare = arg
        .strip_prefix('\'')
        .and_then(|a| a.strip_suffix('\''))
        .unwrap_or(arg);
    if bare == "{}" && !name.is_empty() && !name.contains('{') {
        format!("{name}/{{}}")
    } else {
        seg.to_string()
    }
}

/// The key an operation is one of: method and canonical path, literals in lower case.
pub fn key(method: &str, pieces: &[PathPiece]) -> (String, String) {
    (
        method.to_ascii_uppercase(),
        shape(pieces).to_ascii_lowercase(),
    )
}

/// How primary a page is among those documenting one operation (lowest first).
fn rank(e: &EndpointPlan) -> (bool, bool, usize, usize, &str) {
    (
        !e.documented,
        e.query_variant,
        e.operation.split('-').count(),
        e.operation.len(),
        e.source.as_str(),
    )
}

/// Merges the endpoints planned page by page into one per operation, in key order. Where the
/// pages name different response or body types (Intune documents one page per derived type),
/// `common` gives the nearest type they derive from, read polymorphically; pages that show a
/// query variant of the call have no say in it.
pub fn merge(
    endpoints: Vec<EndpointPlan>,
    common: &dyn Fn(&[&TypeRef]) -> Option<TypeRef>,
) -> Vec<EndpointPlan> {
    let mut groups: BTreeMap<(String, String), Vec<EndpointPlan>> = BTreeMap::new();
    for e in endpoints {
        groups.entry(key(&e.method, &e.pieces)).or_default().push(e);
    }
    groups
        .into_values()
        .map(|mut group| {
            group.sort_by(|a, b| rank(a).cmp(&rank(b)));
            // The types of the pages that document the call itself: a query variant
            // (`GET /users?$expand=manager` answers with directory objects) does not retype it.
            let plain = |e: &&EndpointPlan| e.documented && !e.query_variant;
            let pool: Vec<&EndpointPlan> = if group.iter().any(|e| plain(&e)) {
                group.iter().filter(plain).collect()
            } else {
                group.iter().collect()
            };
            let responses: Vec<&TypeRef> =
                distinct(pool.iter().filter_map(|e| e.response.ty.as_ref()));
            let response = (responses.len() > 1).then(|| common(&responses)).flatten();
            let bodies: Vec<&TypeRef> = distinct(pool.iter().filter_map(|e| match &e.body {
                BodyPlan::Type(t) => Some(t),
                _ => None,
            }));
            let body = (bodies.len() > 1).then(|| common(&bodies)).flatten();
            let mut it = group.into_iter();
            let mut primary = it.next().expect("groups are never empty");
            // The primary page's own examples keep its own types where the operation's change.
            let own_response = primary.response.clone();
            if let (Some(t), Some(_)) = (response, &primary.response.ty) {
                primary.response.ty = Some(t);
            }
            let own_body = primary.body.clone();
            // A body table of the primary page's own (not quite the resource's) gives way to the
            // common type of the others' resource bodies too: one body for every page's example.
            if let (Some(t), BodyPlan::Type(_) | BodyPlan::Params { .. }) = (body, &primary.body) {
                primary.body = BodyPlan::Type(t);
            }
            let retyped = own_response != primary.response;
            // The primary page's own body, where it gave way: a type, or its table kept hidden.
            let (body_as, page_body) = match own_body {
                b if b == primary.body => (None, None),
                BodyPlan::Type(t) => (Some(t), None),
                b @ BodyPlan::Params { .. } => {
                    primary.page_bodies.push(b);
                    (None, Some(primary.page_bodies.len() - 1))
                }
                BodyPlan::None | BodyPlan::Content => (None, None),
            };
            for ex in &mut primary.examples {
                if retyped {
                    ex.response_as = Some(own_response.clone());
                }
                ex.body_as = body_as.clone();
                ex.page_body = page_body;
            }
            for other in it {
                let p = &mut primary.permissions;
                for (to, from) in [
                    (&mut p.delegated_work, other.permissions.delegated_work),
                    (
                        &mut p.delegated_personal,
                        other.permissions.delegated_personal,
                    ),
                    (&mut p.application, other.permissions.application),
                ] {
                    for scope in from {
                        if !to.contains(&scope) {
                            to.push(scope);
                        }
                    }
                }
                if !primary.path_forms.contains(&other.path) {
                    primary.path_forms.push(other.path);
                }
                for o in other.query_options {
                    if let Err(at) = primary.query_options.binary_search(&o) {
                        primary.query_options.insert(at, o);
                    }
                }
                for page in other.pages {
                    if !primary.pages.contains(&page) {
                        primary.pages.push(page);
                    }
                }
                // The other page's examples, with their arguments for the primary's parameters
                // (the same number: the paths are one canonical path), checked against their
                // own page's response where it differs.
                let own = (other.response != primary.response).then_some(other.response);
                let (own_body, page_body) = match other.body {
                    BodyPlan::Type(t) if primary.body != BodyPlan::Type(t.clone()) => {
                        (Some(t), None)
                    }
                    b @ BodyPlan::Params { .. } if primary.body != b => {
                        let at = primary.page_bodies.iter().position(|x| *x == b);
                        let at = at.unwrap_or_else(|| {
                            primary.page_bodies.push(b);
                            primary.page_bodies.len() - 1
                        });
                        (None, Some(at))
                    }
                    _ => (None, None),
                };
                primary
                    .examples
                    .extend(other.examples.into_iter().map(|mut ex| {
                        ex.response_as = own.clone();
                        ex.body_as = own_body.clone();
                        ex.page_body = page_body;
                        ex
                    }));
            }
            for (i, ex) in primary.examples.iter_mut().enumerate() {
                ex.index = i + 1;
            }
            primary
        })
        .collect()
}

/// The distinct items, in first-seen order.
fn distinct<'a, T: PartialEq>(items: impl Iterator<Item = &'a T>) -> Vec<&'a T> {
    let mut out: Vec<&T> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// One segment of a canonical path, for naming.
enum Seg<'a> {
    /// A literal navigation segment (`messages`, `root:`).
    Lit(&'a str),
    /// A parameter (`{}`).
    Param,
    /// A drive path's addressing parameter (`root:/{}:`, `items/{}:/{}:`).
    DrivePath,
    /// A function call with its arguments (`getX(period='{}')`).
    Call(&'a str),
    /// `$ref`, `$value`, `$count`…
    Special(&'a str),
    /// A type cast (`microsoft.graph.group`): the type's name.
    Cast(&'a str),
}

fn segments(shape: &str) -> Vec<(Seg<'_>, usize)> {
    shape
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let params = s.matches("{}").count();
            let seg = if s.starts_with('{') && s.ends_with(':') {
                Seg::DrivePath
            } else if s.starts_with('{') {
                Seg::Param
            } else if let Some(rest) = s.strip_prefix('$') {
                Seg::Special(rest)
            } else if let Some((name, _)) = s.split_once('(') {
                Seg::Call(name.trim_matches(':'))
            } else if s.len() > 16 && s[..16].eq_ignore_ascii_case("microsoft.graph.") {
                Seg::Cast(s.rsplit('.').next().unwrap_or(s))
            } else {
                Seg::Lit(s.split('{').next().unwrap_or(s).trim_matches(':'))
            };
            (seg, params)
        })
        .collect()
}

/// A module name for a path word: snake case, never `types` or `endpoints` (the version's own
/// modules).
fn module_word(word: &str) -> String {
    let w = naming::snake_text(word);
    match w.as_str() {
        "types" | "endpoints" => format!("{w}_"),
        _ => w,
    }
}

/// Whether a literal last segment is an action or function rather than a navigation: the page
/// says so (title, parentheses, parameters in the URL), or a POST sends no body or a parameters
/// body and does not answer 201 Created, or a GET is `delta` or `getSomething`.
fn is_call(e: &EndpointPlan, word: &str) -> bool {
    if e.action {
        return true;
    }
    match e.method.as_str() {
        "POST" => match &e.body {
            BodyPlan::None | BodyPlan::Content => true,
            BodyPlan::Params { .. } => e.response.status != 201,
            BodyPlan::Type(_) => false,
        },
        "GET" => {
            word == "delta"
                || word
                    .strip_prefix("get")
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
        }
        _ => false,
    }
}

/// The module path and base function name of an endpoint, and how many of its parameters
/// sit at the end of its path: in its last segment and in the parameter segments right before
/// it (what `_by_…` names on a collision).
fn base_name(e: &EndpointPlan) -> (Vec<String>, String, usize) {
    let shape = shape(&e.pieces);
    let segs = segments(&shape);
    let mut module: Vec<String> = Vec::new();
    // A drive path's `:/{path}:` is one module level, `path`, however many segments it spans.
    let push = |module: &mut Vec<String>, s: &Seg<'_>| {
        let w = match s {
            Seg::Lit(w) | Seg::Call(w) | Seg::Special(w) => module_word(w),
            Seg::Cast(t) => format!("as_{}", naming::snake(t)),
            Seg::DrivePath if module.last().is_some_and(|l| l == "path") => return,
            Seg::DrivePath => "path".to_string(),
            Seg::Param => return,
        };
        module.push(w);
    };
    let Some(((last, last_params), init)) = segs.split_last() else {
        return (vec!["root".into()], verb(e, false).into(), 0);
    };
    for (s, _) in init {
        push(&mut module, s);
    }
    let tail = last_params
        + init
            .iter()
            .rev()
            .take_while(|(s, _)| matches!(s, Seg::Param | Seg::DrivePath))
            .map(|(_, n)| n)
            .sum::<usize>();
    let name = match last {
        Seg::Param => verb(e, false).to_string(),
        Seg::DrivePath => {
            push(&mut module, last);
            verb(e, false).to_string()
        }
        Seg::Special(s) => match (s.to_ascii_lowercase().as_str(), e.method.as_str()) {
            ("ref", "POST") => "add_ref".into(),
            ("ref", "DELETE") => "remove_ref".into(),
            ("ref", "PUT") => "set_ref".into(),
            ("ref", _) => "get_ref".into(),
            ("value", "PUT") => "upload_value".into(),
            ("value", "GET") => "get_value".into(),
            ("value", m) => format!("{}_value", m.to_ascii_lowercase()),
            ("count", _) => "count".into(),
            _ => naming::snake_text(s),
        },
        Seg::Call(f) => naming::snake_text(f),
        Seg::Lit(w) if is_call(e, w) => naming::snake_text(w),
        Seg::Lit(_) | Seg::Cast(_) => {
            push(&mut module, last);
            let content = matches!(last, Seg::Lit(w) if w.eq_ignore_ascii_case("content"));
            verb(e, content).to_string()
        }
    };
    if module.is_empty() {
        module.push("root".into());
    }
    (module, name, tail.min(e.params.len()))
}

/// The function name of a call on a resource or collection.
fn verb(e: &EndpointPlan, content: bool) -> &'static str {
    match (e.method.as_str(), e.response.shape) {
        ("GET", Shape::Collection) => "list",
        ("GET", _) => "get",
        ("POST", _) => "create",
        ("PATCH", _) => "update",
        ("PUT", _) if content => "upload",
        ("PUT", _) => "replace",
        ("DELETE", _) => "delete",
        _ => "call",
    }
}

/// A stable short hash of text (FNV-1a), for the last-resort name qualifier.
fn short_hash(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{:06x}", h & 0x00ff_ffff)
}

/// Names every endpoint (`module`, `rust`, `const_name`) by its path; see the module docs for
/// the rules. Names depend only on each endpoint's own method and path (and, on a collision,
/// on the set of operations sharing the name), never on page names or order.
pub fn name(endpoints: &mut [EndpointPlan], diags: &mut Vec<Diagnostic>) {
    let mut names: Vec<(Vec<String>, String)> = Vec::with_capacity(endpoints.len());
    let mut tail_params = Vec::with_capacity(endpoints.len());
    for e in endpoints.iter() {
        let (module, name, n) = base_name(e);
        names.push((module, name));
        tail_params.push(n);
    }
    // Round 1: endpoints whose last segment carries parameters say which (`get_by_item_path`).
    // Round 2: the method. Round 3: a hash of the canonical path.
    for round in 1..=3 {
        let mut count: BTreeMap<&(Vec<String>, String), usize> = BTreeMap::new();
        for n in &names {
            *count.entry(n).or_default() += 1;
        }
        let clashing: BTreeSet<usize> =
            (0..names.len()).filter(|&i| count[&names[i]] > 1).collect();
        if clashing.is_empty() {
            break;
        }
        for i in clashing {
            let e = &endpoints[i];
            let suffix = match round {
                1 if tail_params[i] > 0 => {
                    let ps: Vec<&str> = e.params[e.params.len() - tail_params[i]..]
                        .iter()
                        .map(|p| p.rust.trim_start_matches("r#"))
                        .collect();
                    format!("by_{}", ps.join("_and_"))
                }
                1 => continue,
                2 => e.method.to_ascii_lowercase(),
                _ => {
                    let (method, path) = key(&e.method, &e.pieces);
                    let h = short_hash(&format!("{method} {path}"));
                    diags.push(crate::diag::Diagnostic::new(
                        e.source.clone(),
                        1,
                        crate::diag::Code::NameCollision,
                        format!(
                            "`{} {}` and another operation both name `{}`; this one is `{}_{h}`",
                            e.method,
                            e.path,
                            names[i].0.join("::") + "::" + &names[i].1,
                            names[i].1
                        ),
                    ));
                    h
                }
            };
            let n = &mut names[i].1;
            n.push('_');
            n.push_str(&suffix);
        }
    }
    for (e, (module, name)) in endpoints.iter_mut().zip(names) {
        e.module = module;
        e.const_name = name.to_ascii_uppercase();
        e.rust = name;
    }
}

/// The pages of an endpoint as the function's docs name them.
pub fn page_list(pages: &[PageRef]) -> String {
    pages
        .iter()
        .map(|p| format!("`{}`", p.source))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(path: &str) -> Vec<PathPiece> {
        super::super::plan::template(&crate::read::http::parse_path("GET", path, 1)).0
    }

    #[test]
    fn canonical_paths_unify_parameter_names_and_key_forms() {
        let k = |p: &str| key("get", &pieces(p));
        assert_eq!(k("/users/{id}"), k("/users/{id | userPrincipalName}"));
        assert_eq!(k("/users/{user-id}/"), k("/Users/{id}"));
        assert_eq!(k("/items(id='{id}')"), k("/items/{item-id}"));
        assert_eq!(k("/items('{id}')"), k("/items/{id}"));
        assert_ne!(k("/users/{id}"), k("/users"));
        assert_ne!(k("/users/{id}"), key("PATCH", &pieces("/users/{id}")));
        assert_eq!(k("/users/{id}").1, "/users/{}");
        // A function's named argument is not a key.
        assert_eq!(
            shape(&pieces("/reports/getX(period='{period}')")),
            "/reports/getX(period='{}')"
        );
    }

    #[test]
    fn segments_classify() {
        let segs = segments("/me/drive/root:/{}:/content/$value/microsoft.graph.user/f(a={})");
        let kinds: Vec<String> = segs
            .iter()
            .map(|(s, n)| match s {
                Seg::Lit(w) => format!("lit {w}"),
                Seg::Param => format!("param {n}"),
                Seg::DrivePath => format!("drive path {n}"),
                Seg::Call(f) => format!("call {f} {n}"),
                Seg::Special(s) => format!("special {s}"),
                Seg::Cast(t) => format!("cast {t}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "lit me",
                "lit drive",
                "lit root",
                "drive path 1",
                "lit content",
                "special value",
                "cast user",
                "call f 1"
            ]
        );
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(short_hash("GET /a"), short_hash("GET /a"));
        assert_ne!(short_hash("GET /a"), short_hash("GET /b"));
        assert_eq!(short_hash("").len(), 6);
    }
}
