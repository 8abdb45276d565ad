//! Merge pass: the endpoints planned page by page become one per operation (see
//! [`crate::link`] for the canonical path they are keyed by).
//!
//! **Merging.** All pages of an operation stay listed. The primary page, whose description,

use std::collections::BTreeMap;

use super::ir::*;
use crate::link::path::key;

/// How primary a page is among those documenting one operation (lowest first).
pub(crate) fn rank(e: &EndpointPlan) -> (bool, bool, usize, usize, &str) {
    crate::link::rank(e.documented, e.query_variant, &e.operation, &e.source)
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
                // An example that documents a type of its own keeps it.
                if retyped && ex.response_as.is_none() {
                    ex.response_as = Some(own_response.clone());
                }
                ex.body_as = body_as.clone();
                ex.page_body = page_body;
            }
            for other in it {
                primary.permissions.merge(&other.permissions);
                for set in other.permission_sets {
                    if !primary.permission_sets.contains(&set) {
                        primary.permission_sets.push(set);
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
                        ex.response_as = ex.response_as.take().or_else(|| own.clone());
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
pub(crate) fn distinct<'a, T: PartialEq>(items: impl Iterator<Item = &'a T>) -> Vec<&'a T> {
    let mut out: Vec<&T> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}
