//! Types as the API uses them: inheritance chains, the nearest common base of the types several
//! pages give one operation, bodies that repeat a resource, the types operations refer to.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Model, Operation, RequestBody, TypeDef, TypeKind};

/// A type's lowercase name followed by its bases' (none when `t`, its definition, is unknown).
pub(crate) fn type_chain(model: &Model, key: &str, t: Option<&TypeDef>) -> Vec<String> {
    let mut out = vec![key.to_string()];
    if let Some(t) = t {
        out.extend(
            model
                .ancestors(t)
                .iter()
                .map(|a| a.name.to_ascii_lowercase()),
        );
    }
    out
}

/// The base most of a set of types (lowercase names) share, given each one's chain (itself,
/// then its bases), other than `entity` (the root of nearly everything says nothing): a page
/// whose type's base page is missing (a broken chain) must not leave the rest without their
/// common base. `None` unless two or more share it.
pub(crate) fn most_shared_base(
    keys: &[&str],
    chain: &dyn Fn(&str) -> Vec<String>,
) -> Option<String> {
    let chains: Vec<Vec<String>> = keys.iter().map(|k| chain(k)).collect();
    let mut best: Option<(usize, &str)> = None;
    for c in chains.iter().flatten().filter(|c| *c != "entity") {
        let n = chains.iter().filter(|ch| ch.contains(c)).count();
        if best.is_none_or(|(bn, _)| n > bn) {
            best = Some((n, c));
        }
    }
    best.filter(|(n, _)| *n >= 2).map(|(_, c)| c.to_string())
}

/// Lower-case names of the types that fields, responses and bodies refer to.
pub(crate) fn referenced_names(
    model: &Model,
    chosen: &BTreeMap<String, &TypeDef>,
    ops: &[&Operation],
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in chosen.values() {
        for p in model.all_members(t) {
            out.insert(p.type_name.to_ascii_lowercase());
        }
    }
    for op in ops {
        if let Some(t) = &op.response.type_name {
            out.insert(t.to_ascii_lowercase());
        }
        match &op.request_body {
            RequestBody::Type { type_name } => {
                out.insert(type_name.to_ascii_lowercase());
            }
            RequestBody::Parameters {
                parameters,
                represents,
            } => {
                out.extend(parameters.iter().map(|p| p.type_name.to_ascii_lowercase()));
                out.extend(represents.iter().map(|t| t.to_ascii_lowercase()));
            }
            _ => {}
        }
    }
    out
}

/// The documented type whose property table a Request body table repeats: the section says
/// the body is "a JSON representation of the X object" and every row is a property of X with
/// X's type for it. Create and update pages do this (Intune's repeat whole resource tables);
/// their endpoints take X itself, one type instead of a copy per page, and `check` walks such
/// bodies as X.
pub fn repeated_resource<'m>(model: &'m Model, op: &Operation) -> Option<&'m TypeDef> {
    let RequestBody::Parameters {
        parameters,
        represents: Some(name),
    } = &op.request_body
    else {
        return None;
    };
    let t = model.find_type(op.version, name)?;
    if t.kind == TypeKind::Enum {
        return None;
    }
    let members = model.all_members(t);
    let norm = |s: &str| {
        let s = s.trim().to_ascii_lowercase();
        match s.strip_prefix("microsoft.graph.") {
            Some(rest) => rest.to_string(),
            None => s,
        }
    };
    let mut rows = parameters
        .iter()
        .filter(|p| !p.name.starts_with('@'))
        .peekable();
    rows.peek()?;
    rows.all(|p| {
        members.iter().any(|m| {
            m.name == p.name
                && m.collection == p.collection
                && norm(&m.type_name) == norm(&p.type_name)
        })
    })
    .then_some(t)
}
