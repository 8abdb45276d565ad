//! The docs linter behind `graphdoc check`: the reader's diagnostics plus checks of every
//! example against the documented types (undocumented properties, values that contradict the
//! documented type, unknown enum members), Content-Length headers, operations without examples,
//! and conflicting duplicates across locales.

use crate::diag::{Code, Diagnostic};
use crate::link::walk::{self, primitive_problem, Visit, Walker};
use crate::link::{self, Api};
use crate::model::{
    ApiVersion, Body, Edm, Header, Model, Operation, Property, RequestBody, TypeDef,
};

/// Runs every check; returns all findings (reader diagnostics included), sorted by file and line.
/// `source` returns a page's text by its path relative to the docs root, so example findings can
/// point at the property's own line; without it they point at the example's first line.
pub fn check(model: &Model, source: &dyn Fn(&str) -> Option<String>) -> Vec<Diagnostic> {
    check_api(&link::link(model), source)
}

/// [`check`] on an API already linked. Examples are walked against the linked types: the
/// documented ones, English first, then those inferred for types without a page, exactly as
/// the bindings type them.
pub fn check_api(api: &Api, source: &dyn Fn(&str) -> Option<String>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = api.model.diagnostics.clone();
    // Every page is linted, translated copies too (not only the pages the API is made from).
    for op in &api.model.operations {
        let start = out.len();
        check_operation(api, op, &mut out);
        if out.len() > start {
            if let Some(text) = source(&op.source) {
                refine_lines(&text, &mut out[start..]);
            }
        }
    }
    out.extend(misspelled_scopes(api.model, source));
    out.extend(json_representation_mismatches(api.model, source));
    // Conflicting duplicates across locales, and what a twin fills in, come from linking.
    out.extend(
        api.diagnostics
            .iter()
            .filter(|d| matches!(d.code, Code::LocaleConflict | Code::FilledFromTwin))
            .cloned(),
    );
    out.sort();
    out.dedup();
    out
}

/// What is wrong with the version an example request calls, if anything: another version than
/// the page's, or a first segment that is no version (`/v1/`).
fn wrong_version(page: ApiVersion, r: &crate::model::ExampleRequest) -> Option<String> {
    if let Some(v) = r.version {
        return (v != page).then(|| {
            format!(
                "example request calls `/{}/` on a {} page",
                v.as_str(),
                page.as_str()
            )
        });
    }
    let rest = r.url.split_once("graph.microsoft.com/")?.1;
    let first = rest.split(['/', '?']).next().unwrap_or_default();
    let looks_versioned =
        first.starts_with('v') && first[1..].starts_with(|c: char| c.is_ascii_digit());
    looks_versioned.then(|| {
        format!(
            "example request calls `/{first}/`, which is no API version (the page documents {})",
            page.as_str()
        )
    })
}

/// The first line at or after `from` (1-based) of `text` that contains `needle`.
fn line_of(text: &str, needle: &str, from: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
}

/// Scopes that look misspelled, one finding per page that uses one. Two signs, both needing a
/// part of the scope that no other scope has (a typo is unique; `Mail.Send` and `Mail.Read` are
/// both real): a segment found in no other scope and a more used scope within two edits
/// (`Group.Read.WriteAll` → `Group.ReadWrite.All`), or a word found in no other scope within two
/// edits of a word other scopes share (`Priviliged` → `Privileged`).
fn misspelled_scopes(model: &Model, source: &dyn Fn(&str) -> Option<String>) -> Vec<Diagnostic> {
    use std::collections::BTreeMap;
    // Pages per scope, by source (English pages: translations repeat them).
    let mut pages: BTreeMap<&str, BTreeMap<&str, &Operation>> = BTreeMap::new();
    for op in model
        .operations
        .iter()
        .filter(|o| o.locale.eq_ignore_ascii_case("en-US"))
    {
        let Some(p) = &op.permissions else { continue };
        for entry in p
            .delegated_work
            .iter()
            .chain(&p.delegated_personal)
            .chain(&p.application)
        {
            for scope in entry.split(" and ") {
                pages.entry(scope).or_default().insert(&op.source, op);
            }
        }
    }
    // In how many distinct scopes each segment and each word occurs.
    let mut segments: BTreeMap<&str, usize> = BTreeMap::new();
    let mut words: BTreeMap<&str, usize> = BTreeMap::new();
    for scope in pages.keys() {
        for seg in scope.split('.') {
            *segments.entry(seg).or_default() += 1;
            for w in camel_words(seg) {
                *words.entry(w).or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (scope, users) in &pages {
        let n = users.len();
        let unique_segment = scope.split('.').any(|seg| segments[seg] == 1);
        let by_scope = unique_segment
            .then(|| {
                pages
                    .iter()
                    .filter(|(c, p)| *c != scope && p.len() > n)
                    .filter(|(c, _)| c.len().abs_diff(scope.len()) <= 2)
                    .filter(|(c, _)| edit_distance(scope, c, 2) <= 2 && !plural_pair(scope, c))
                    .max_by_key(|(c, p)| (p.len(), std::cmp::Reverse(**c)))
                    .map(|(c, _)| c.to_string())
            })
            .flatten();
        let by_word = || {
            scope.split('.').flat_map(camel_words).find_map(|w| {
                if words[w] != 1 || w.len() < 5 {
                    return None;
                }
                let fix = words
                    .iter()
                    .filter(|(v, m)| **m >= 3 && **v != w && v.len().abs_diff(w.len()) <= 2)
                    .filter(|(v, _)| edit_distance(w, v, 2) <= 2 && !plural_pair(w, v))
                    .max_by_key(|(v, m)| (**m, std::cmp::Reverse(**v)))?;
                Some(scope.replacen(w, fix.0, 1))
            })
        };
        let Some(likely) = by_scope.or_else(by_word) else {
            continue;
        };
        for op in users.values() {
            let text = source(&op.source);
            let line = text
                .as_deref()
                .and_then(|t| line_of(t, scope, 1))
                .unwrap_or(op.line);
            out.push(Diagnostic::new(
                &op.source,
                line,
                Code::MisspelledScope,
                format!(
                    "`{scope}` looks misspelled; did you mean `{likely}`? ({n} page(s) use `{scope}`)"
                ),
            ));
        }
    }
    out
}

/// Whether two names differ only by one `s` (`APIConnector`/`APIConnectors`): Graph has both
/// singular and plural scope families, so such a pair says nothing about which is wrong.
fn plural_pair(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    long.len() == short.len() + 1
        && long
            .char_indices()
            .any(|(i, c)| c == 's' && long[..i] == short[..i] && long[i + 1..] == short[i..])
}

/// The words of a camel-case name (`PrivilegedOperations` → `Privileged`, `Operations`).
fn camel_words(s: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = s
        .char_indices()
        .filter(|(i, c)| *i == 0 || c.is_ascii_uppercase())
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    (0..starts.len().saturating_sub(1))
        .map(move |k| &s[starts[k]..starts[k + 1]])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
}

/// Optimal string alignment distance (edits, with adjacent transpositions), or `limit + 1`
/// once it must exceed `limit`.
fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
            best = best.min(d);
        }
        if best > limit {
            return limit + 1;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Keys of a resource page's JSON representation that its property and relationship tables
/// (inherited members included) do not list. English pages only: translations rename table
/// rows, which the translation checks report.
fn json_representation_mismatches(
    model: &Model,
    source: &dyn Fn(&str) -> Option<String>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for t in model
        .types
        .iter()
        .filter(|t| t.locale.eq_ignore_ascii_case("en-US"))
    {
        let Some(json) = &t.json else { continue };
        let value = json.value();
        let Some(obj) = value.as_object() else {
            continue;
        };
        let members = model.all_members(t);
        let text = source(&t.source);
        for key in obj
            .keys()
            .filter(|k| !k.starts_with('@') && !k.contains("@odata"))
        {
            if members.iter().any(|m| m.name == *key) {
                continue;
            }
            let near = members
                .iter()
                .map(|m| m.name.as_str())
                .filter(|m| edit_distance(m, key, 3) <= 3)
                .min_by_key(|m| edit_distance(m, key, 3));
            let line = text
                .as_deref()
                .and_then(|tx| line_of(tx, &format!("\"{key}\""), t.line))
                .unwrap_or(t.line);
            let hint = near
                .map(|m| format!(" (the table has `{m}`)"))
                .unwrap_or_default();
            out.push(Diagnostic::new(
                &t.source,
                line,
                Code::JsonRepresentationMismatch,
                format!(
                    "`{key}` is in the JSON representation of {} but not in its property table{hint}",
                    t.name
                ),
            ));
        }
    }
    out
}

/// Moves example findings to the line of the property they name (`$.a.b` → the first `"b"` at
/// or after the example's line).
fn refine_lines(text: &str, found: &mut [Diagnostic]) {
    let lines: Vec<&str> = text.lines().collect();
    for d in found
        .iter_mut()
        .filter(|d| d.code.as_str().starts_with("example-"))
    {
        let Some(key) =
            d.message
                .split('`')
                .nth(1)
                .and_then(|p| match p.strip_suffix(".@odata.type") {
                    Some(_) => Some("@odata.type"),
                    None => p.rsplit('.').next(),
                })
        else {
            continue;
        };
        // The key as written (`principalIds[]` is a key of its own), else without an index
        // (`items[0]`).
        let find = |key: &str| {
            let needle = format!("\"{key}\"");
            lines
                .iter()
                .enumerate()
                .skip(d.line.saturating_sub(1))
                .find(|(_, l)| l.contains(&needle))
                .map(|(i, _)| i)
        };
        if let Some(i) = find(key).or_else(|| find(key.split('[').next().unwrap_or(key))) {
            d.line = i + 1;
        }
    }
}

fn push(out: &mut Vec<Diagnostic>, op: &Operation, line: usize, code: Code, message: String) {
    out.push(Diagnostic::new(&op.source, line, code, message));
}

fn check_operation(types: &Api, op: &Operation, out: &mut Vec<Diagnostic>) {
    if op.examples.is_empty() {
        push(
            out,
            op,
            op.line,
            Code::MissingExample,
            format!("operation `{}` has no example", op.name),
        );
    }
    let Some(version) = types.version(op.version) else {
        return;
    };
    let response_type = op
        .response
        .type_name
        .as_deref()
        .and_then(|n| version.find_type(types.model, n));
    let templates = link::path::endpoint_templates(op);
    if matches!(op.request_body, RequestBody::None) && link::examples::example_sends_json(op) {
        push(
            out,
            op,
            op.line,
            Code::MissingRequestBody,
            "the example request sends a JSON body but the page has no Request body section".into(),
        );
    }
    for ex in &op.examples {
        if let Some(r) = &ex.request {
            check_content_length(op, &r.headers, &r.body, r.line, out);
            let path = link::path::canonical_path(&r.path);
            let matched = templates.iter().find(|t| {
                t.method.eq_ignore_ascii_case(&r.method)
                    && link::path::match_path(&t.pieces, &path).is_some()
            });
            // Relative URLs (`GET /me`) are Graph requests too; absolute non-Graph URLs are not.
            let to_graph = r.version.is_some() || !r.url.starts_with("http");
            if let Some(problem) = wrong_version(op.version, r) {
                push(out, op, r.line, Code::ExampleWrongVersion, problem);
            }
            if let Some(t) = matched.filter(|t| !t.documented) {
                push(
                    out,
                    op,
                    r.line,
                    Code::ExampleUndocumentedPath,
                    format!(
                        "example request `{} {}` follows `{}`, which the HTTP request section does not list (the bindings have a function for it)",
                        r.method, r.path, t.path
                    ),
                );
            }
            if matched.is_none() && to_graph {
                push(
                    out,
                    op,
                    r.line,
                    Code::ExamplePathMismatch,
                    format!(
                        "example request `{} {}` matches none of the documented paths",
                        r.method, r.path
                    ),
                );
            }
        }
        if let Some(Body::Json(body)) = ex.request.as_ref().map(|r| &r.body) {
            let body = &body.value();
            let line = ex.request.as_ref().map(|r| r.line).unwrap_or(op.line);
            let mut findings = Findings {
                model: types.model,
                op,
                line,
                out: &mut *out,
            };
            let mut walker = Walker {
                types: version,
                model: types.model,
                visit: &mut findings,
            };
            // A table that repeats its resource's properties is that resource, as in the bindings.
            let reused = link::types::repeated_resource(types.model, op);
            match (&op.request_body, reused) {
                (RequestBody::Type { type_name }, _) => walker.value(body, type_name, false, "$"),
                (RequestBody::Parameters { .. }, Some(t)) => {
                    walker.value(body, &t.name, false, "$")
                }
                (RequestBody::Parameters { parameters, .. }, None) => {
                    let members: Vec<&Property> = parameters.iter().collect();
                    walker.members(body, None, &members, "the request body", "$");
                }
                _ => {}
            }
        }
        let Some(resp) = &ex.response else { continue };
        check_content_length(op, &resp.headers, &resp.body, resp.line, out);
        check_status(op, resp, out);
        let Body::Json(body) = &resp.body else {
            continue;
        };
        let body = &body.value();
        let shape_mismatch = response_type.and_then(|t| {
            if op.response.collection {
                if link::examples::is_value_wrapper(Some(body)) {
                    return Some(format!(
                        "returns a collection of {} but the example's `value` is one object",
                        t.name
                    ));
                }
                link::examples::is_single_object(Some(body)).then(|| {
                    format!(
                        "returns a collection of {} but the example is one object",
                        t.name
                    )
                })
            } else {
                link::examples::is_collection_page(Some(body)).then(|| {
                    format!(
                        "returns one {} but the example is a collection (`value` array)",
                        t.name
                    )
                })
            }
        });
        if let Some(what) = shape_mismatch {
            push(
                out,
                op,
                resp.line,
                Code::ResponseCollectionMismatch,
                format!("the Response section {what}"),
            );
        }
        for k in walk::stray_page_keys(body) {
            push(
                out,
                op,
                resp.line,
                Code::ExampleUndocumentedProperty,
                format!(
                    "`$.{k}` is not part of a collection page (`value` and `@odata.*` annotations)"
                ),
            );
        }
        // Collections and `{"value": …}` unwrap down to values of the documented type.
        let values = walk::values(body);
        let mut findings = Findings {
            model: types.model,
            op,
            line: resp.line,
            out: &mut *out,
        };
        let mut walker = Walker {
            types: version,
            model: types.model,
            visit: &mut findings,
        };
        // The example's own type (`@odata.type`, annotation, URL cast) decides, else the page's.
        let own = link::examples::own_type(version, types.model, op, ex);
        if let Some(t) = own.or(response_type) {
            for v in values {
                walker.value(v, &t.name, false, "$");
            }
        } else if let Some(prim) = op
            .response
            .type_name
            .as_deref()
            .and_then(Edm::parse)
            .or_else(|| link::examples::own_primitive(op, ex))
        {
            // A documented primitive ("String collection"): the example must be one too
            // (`getByIds` documents strings, its example and the service send objects).
            let at = if body.get("value").is_some() {
                "$.value"
            } else {
                "$"
            };
            for (i, v) in values.iter().enumerate() {
                if let Some(problem) = primitive_problem(prim, v) {
                    walker.report(
                        Code::ExampleTypeMismatch,
                        format!(
                            "`{at}[{i}]` is documented as {} but the example has {problem}",
                            prim.name()
                        ),
                    );
                    break;
                }
            }
        }
    }
}

/// A success status in an example that the Response section does not name (it names at least
/// one): whether a body comes back is then the reader's guess.
fn check_status(op: &Operation, resp: &crate::model::ExampleResponse, out: &mut Vec<Diagnostic>) {
    if resp.status == Some(204) && !matches!(resp.body, Body::None) {
        push(
            out,
            op,
            resp.line,
            Code::ResponseStatusMismatch,
            "the example answers 204 No Content but shows a body, which a 204 never has".into(),
        );
        return;
    }
    let (Some(documented), Some(shown)) = (op.response.status, resp.status) else {
        return;
    };
    let named: Vec<u16> = std::iter::once(documented)
        .chain(op.response.alternatives.iter().copied())
        .collect();
    // Only whether a body comes back matters to a caller: `200` shown for `201` is not reported.
    let no_body = |s: u16| s == 204;
    if !(200..300).contains(&shown) || !(200..300).contains(&documented) {
        return;
    }
    if !named.iter().any(|s| no_body(*s) == no_body(shown)) {
        let all: Vec<String> = named.iter().map(u16::to_string).collect();
        push(
            out,
            op,
            resp.line,
            Code::ResponseStatusMismatch,
            format!(
                "the example answers {shown} but the Response section names {}",
                all.join(" and ")
            ),
        );
    }
}

fn check_content_length(
    op: &Operation,
    headers: &[Header],
    body: &Body,
    line: usize,
    out: &mut Vec<Diagnostic>,
) {
    let Some(h) = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))
    else {
        return;
    };
    let Ok(declared) = h.value.trim().parse::<usize>() else {
        return;
    };
    // Bodies are compared as written (pretty-printed JSON re-serialized the same way is not
    // what was measured), so only the raw text length is meaningful: compact JSON length.
    let actual = match body {
        Body::Json(v) => v.value().to_string().len(),
        Body::Text(t) => t.len(),
        Body::None => 0,
    };
    if actual == 0 && declared > 0 || declared.abs_diff(actual) * 2 > declared.max(actual) {
        push(
            out,
            op,
            line,
            Code::ContentLengthMismatch,
            format!("Content-Length says {declared} bytes but the body has about {actual}"),
        );
    }
}

/// Turns what a walk meets into findings on an example's line.
struct Findings<'a> {
    model: &'a Model,
    op: &'a Operation,
    line: usize,
    out: &'a mut Vec<Diagnostic>,
}

impl Visit for Findings<'_> {
    fn problem(&mut self, code: Code, message: String) {
        push(self.out, self.op, self.line, code, message);
    }

    fn undocumented(&mut self, owner: Option<&TypeDef>, what: &str, path: &str, key: &str) {
        // An open type (or one derived from one) may carry members its page does not list:
        // worth a look, not a defect.
        let open = owner.is_some_and(|t| t.open || self.model.ancestors(t).iter().any(|a| a.open));
        let d = Diagnostic::new(
            &self.op.source,
            self.line,
            Code::ExampleUndocumentedProperty,
            if open {
                format!("`{path}.{key}` is not a documented property of {what}, an open type (its instances may carry members the page does not list)")
            } else {
                format!("`{path}.{key}` is not a documented property of {what}")
            },
        );
        self.out.push(if open {
            d.with_severity(crate::diag::Severity::Note)
        } else {
            d
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types without a page are inferred from the pages the bindings are made from (English
    /// first): a property only another locale's copy shows is not in the bindings, so `check`
    /// reports it there.
    #[test]
    fn inference_follows_the_bound_locale() {
        let page = |locale: &str, body: &str| {
            format!(
                "---\ntitle: \"Get gizmo\"\nms.contentlocale: {locale}\ndoc_type: apiPageType\n---\n\n# Get gizmo\n\n\
                 ## HTTP request\n```http\nGET /gizmo\n```\n\n## Response\nReturns a [gizmo](../resources/gizmo.md) object.\n\n\
                 ## Example\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_gizmo\" }} -->\n```http\nGET https://graph.microsoft.com/beta/gizmo\n```\n\n\
                 <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.gizmo\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{body}\n```\n"
            )
        };
        let (en, zh) = (
            page("en-US", r#"{"size": 1}"#),
            page("zh-CN", r#"{"size": 1, "colour": "red"}"#),
        );
        let model = crate::read::read_test_pages(
            "locales",
            &[
                ("beta/api/gizmo-get.md", &en),
                ("beta/api/gizmo-get.zh-cn.md", &zh),
            ],
        );
        assert_eq!(model.operations.len(), 2, "{:?}", model.diagnostics);
        let found: Vec<(String, Code)> = check(&model, &|_| None)
            .into_iter()
            .filter(|d| d.code == "example-undocumented-property")
            .map(|d| (d.file, d.code))
            .collect();
        assert_eq!(
            found,
            vec![(
                "beta/api/gizmo-get.zh-cn.md".to_string(),
                Code::ExampleUndocumentedProperty
            )]
        );
    }

    /// Prose that says "collection" over an example whose `value` is one object: the example's
    /// shape wins in the bindings (a wrapped object) and check reports the contradiction.
    #[test]
    fn a_wrapped_object_under_collection_prose_is_reported_and_bound_as_wrapped() {
        let model = crate::read::read_test_pages(
            "wrapped",
            &[
                ("v1.0/resources/gizmo.md", "---\ntitle: x\ndoc_type: resourcePageType\n---\n\n# gizmo resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|size|Int32|Size.|\n"),
                ("v1.0/api/gizmo-list.md", "---\ntitle: \"List gizmos\"\ndoc_type: apiPageType\n---\n\n# List gizmos\n\n## HTTP request\n```http\nGET /gizmos\n```\n\n## Response\nReturns a collection of [gizmo](../resources/gizmo.md) objects.\n\n## Example\n<!-- { \"blockType\": \"request\", \"name\": \"list\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/gizmos\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"value\": {\"size\": 1}}\n```\n"),
            ],
        );
        let found: Vec<String> = check(&model, &|_| None)
            .into_iter()
            .filter(|d| d.code == Code::ResponseCollectionMismatch)
            .map(|d| d.message)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`value` is one object"), "{}", found[0]);
        let plan = crate::plan::plan(&model, &crate::plan::Filter::default());
        let e = &plan.versions[0].endpoints[0];
        assert_eq!(e.response.shape, crate::plan::Shape::ValueWrapped);
    }

    /// A page without a Response section (site-get.md) is typed by what its example names,
    /// in the bindings and in check alike.
    #[test]
    fn a_page_without_a_response_type_is_typed_by_its_example() {
        let model = crate::read::read_test_pages(
            "shown",
            &[
                ("v1.0/resources/gizmo.md", "---\ntitle: x\ndoc_type: resourcePageType\n---\n\n# gizmo resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|size|Int32|Size.|\n"),
                ("v1.0/api/gizmo-get.md", "---\ntitle: \"Get gizmo\"\ndoc_type: apiPageType\n---\n\n# Get gizmo\n\n## HTTP request\n```http\nGET /gizmo\n```\n\n## Example\n<!-- { \"blockType\": \"request\", \"name\": \"get\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/gizmo\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.gizmo\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"size\": 1, \"colour\": \"red\"}\n```\n"),
            ],
        );
        let found: Vec<String> = check(&model, &|_| None)
            .into_iter()
            .filter(|d| d.code == Code::ExampleUndocumentedProperty)
            .map(|d| d.message)
            .collect();
        assert_eq!(found, ["`$.colour` is not a documented property of gizmo"]);
        let plan = crate::plan::plan(&model, &crate::plan::Filter::default());
        let e = &plan.versions[0].endpoints[0];
        assert_eq!(
            e.response.ty,
            Some(crate::plan::TypeRef::Named("Gizmo".into()))
        );
        assert_eq!(e.response.shape, crate::plan::Shape::Plain);
    }

    /// An annotation `Collection(microsoft.graph.x)` names the items' type (driveitem-search).
    #[test]
    fn a_collection_annotation_names_the_items_type() {
        let model = crate::read::read_test_pages(
            "collection-annotation",
            &[
                ("v1.0/resources/gizmo.md", "---\ntitle: x\ndoc_type: resourcePageType\n---\n\n# gizmo resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|size|Int32|Size.|\n"),
                ("v1.0/api/gizmo-search.md", "---\ntitle: \"Search gizmos\"\ndoc_type: apiPageType\n---\n\n# Search gizmos\n\n## HTTP request\n```http\nGET /gizmos/search(q='{q}')\n```\n\n## Example\n<!-- { \"blockType\": \"request\", \"name\": \"search\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/gizmos/search(q='a')\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.gizmo)\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"value\": [{\"size\": \"big\"}]}\n```\n"),
            ],
        );
        let found: Vec<String> = check(&model, &|_| None)
            .into_iter()
            .filter(|d| d.code == Code::ExampleTypeMismatch)
            .map(|d| d.message)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("size"), "{}", found[0]);
        let plan = crate::plan::plan(&model, &crate::plan::Filter::default());
        let e = &plan.versions[0].endpoints[0];
        assert_eq!(
            e.response.ty,
            Some(crate::plan::TypeRef::Named("Gizmo".into()))
        );
        assert_eq!(e.response.shape, crate::plan::Shape::Collection);
    }

    /// An example is checked against the type it names (its block annotation here), not the
    /// page's response type; members an open type's page does not list are notes.
    #[test]
    fn examples_are_checked_as_their_own_type_and_open_types_allow_more() {
        let resource = |name: &str, open: bool, props: &str| {
            format!(
                "---\ntitle: x\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n{props}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"openType\": {open}, \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{{}}\n```\n"
            )
        };
        let (extension, note) = (
            resource("extension", true, "|id|String|Id.|"),
            resource("note", false, "|id|String|Id.|\n|body|String|Text.|"),
        );
        let page = "---\ntitle: \"Get extension\"\ndoc_type: apiPageType\n---\n\n# Get extension\n\n## HTTP request\n```http\nGET /extensions/{id}\n```\n\n## Response\nReturns an [extension](../resources/extension.md) object.\n\n## Example\n<!-- { \"blockType\": \"request\", \"name\": \"get_1\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/extensions/1\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.extension\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"id\": \"1\", \"colour\": \"red\"}\n```\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_2\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/extensions/2\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.note\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"id\": \"2\", \"body\": \"hi\", \"size\": 3}\n```\n";
        let model = crate::read::read_test_pages(
            "own",
            &[
                ("v1.0/resources/extension.md", &extension),
                ("v1.0/resources/note.md", &note),
                ("v1.0/api/extension-get.md", page),
            ],
        );
        let found: Vec<(crate::diag::Severity, String)> = check(&model, &|_| None)
            .into_iter()
            .filter(|d| d.code == Code::ExampleUndocumentedProperty)
            .map(|d| (d.severity, d.message))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        // The open type's extra member: a note.
        assert_eq!(found[0].0, crate::diag::Severity::Note);
        assert!(found[0].1.contains("`$.colour`") && found[0].1.contains("open type"));
        // The second example is annotated `note`: `body` is its own, `size` is not.
        assert_eq!(found[1].0, crate::diag::Severity::Warning);
        assert!(
            found[1]
                .1
                .contains("`$.size` is not a documented property of note"),
            "{}",
            found[1].1
        );
        // Its generated test reads it as a note too; the first keeps the endpoint's type.
        let plan = crate::plan::plan(&model, &crate::plan::Filter::default());
        let ex = &plan.versions[0].endpoints[0].examples;
        assert_eq!(ex[0].response_as, None);
        let own = ex[1].response_as.as_ref().and_then(|r| r.ty.clone());
        assert_eq!(own, Some(crate::plan::TypeRef::Named("Note".into())));
    }

    /// A request body whose table repeats its resource is checked as the resource, as the
    /// bindings read it: a resource property the create table leaves out is no finding; a
    /// property the resource lacks is.
    #[test]
    fn repeated_resource_bodies_are_checked_as_the_resource() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pages/bodies");
        let mut model = crate::read::read_docs(&[root]);
        let findings = |model: &Model| -> Vec<(Code, String)> {
            check(model, &|_| None)
                .into_iter()
                .filter(|d| {
                    d.file.ends_with("gadget-create.md") && d.code.as_str().starts_with("example")
                })
                .map(|d| (d.code, d.message))
                .collect()
        };
        assert_eq!(findings(&model), vec![]);
        let create = model
            .operations
            .iter_mut()
            .find(|o| o.name == "gadget-create")
            .unwrap();
        let ex = create.examples[0].request.as_mut().unwrap();
        ex.body = crate::model::Body::Json(
            crate::model::Json::parse(r#"{"displayName":"a","colour":"red"}"#).unwrap(),
        );
        let found = findings(&model);
        assert!(found.iter().any(|(_, m)| m.contains("colour")), "{found:?}");
    }
}
