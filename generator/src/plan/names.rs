//! Names pass: every function is named by its path, so a name never depends on which pages
//! document it or in what order.
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

use super::ir::*;
use crate::diag::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};

use crate::link::path::{key, shape};
use crate::naming;

/// One segment of a canonical path, for naming.
pub(crate) enum Seg<'a> {
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

pub(crate) fn segments(shape: &str) -> Vec<(Seg<'_>, usize)> {
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

/// Whether a literal last segment is an action or function rather than a navigation: the page
/// says so (title, parentheses, parameters in the URL), or a POST sends no body or a parameters
/// body and does not answer 201 Created, or a GET is `delta` or `getSomething`.
pub(crate) fn is_call(e: &EndpointPlan, word: &str) -> bool {
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
pub(crate) fn base_name(e: &EndpointPlan) -> (Vec<String>, String, usize) {
    let shape = shape(&e.pieces);
    let segs = segments(&shape);
    let mut module: Vec<String> = Vec::new();
    // A drive path's `:/{path}:` is one module level, `path`, however many segments it spans.
    let push = |module: &mut Vec<String>, s: &Seg<'_>| {
        let w = match s {
            Seg::Lit(w) | Seg::Call(w) | Seg::Special(w) => naming::module_word(w),
            Seg::Cast(t) => naming::cast_module(t),
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
        Seg::Special(s) => naming::special_segment(s, &e.method),
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

/// The function name of a call on a resource or collection ([`naming::verb`]).
pub(crate) fn verb(e: &EndpointPlan, content: bool) -> &'static str {
    naming::verb(&e.method, e.response.shape == Shape::Collection, content)
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
                    let h = naming::short_hash(&format!("{method} {path}"));
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

/// Names each parameters struct after its function, in the function's module:
/// `send_mail` → `SendMailBody` (function names are unique within a module, so these are).
pub(crate) fn name_bodies(eps: &mut [EndpointPlan]) {
    for e in eps.iter_mut() {
        if let BodyPlan::Params { rust, .. } = &mut e.body {
            *rust = naming::body_struct(&e.rust, None);
        }
        for (i, b) in e.page_bodies.iter_mut().enumerate() {
            if let BodyPlan::Params { rust, .. } = b {
                *rust = naming::body_struct(&e.rust, Some(i + 2));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(naming::short_hash("GET /a"), naming::short_hash("GET /a"));
        assert_ne!(naming::short_hash("GET /a"), naming::short_hash("GET /b"));
        assert_eq!(naming::short_hash("").len(), 6);
    }
}
