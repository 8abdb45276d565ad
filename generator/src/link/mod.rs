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

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic};
use crate::model::{ApiVersion, Model, Operation};

/// Operations documented differently by two locales (`locale-conflict` findings).
pub fn locale_conflicts(model: &Model) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for version in [ApiVersion::V1, ApiVersion::Beta] {
        pick_operations(model, version, &mut diags);
    }
    diags
}

/// The operations the bindings of a version are made from: one per page name, English first
/// (other locales' copies only feed `locale-conflict` findings).
pub fn bound_operations(model: &Model, version: ApiVersion) -> Vec<&Operation> {
    pick_operations(model, version, &mut Vec::new())
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
