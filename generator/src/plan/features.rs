//! Cargo features per workload: each endpoint belongs to its pages' workloads (`ms.prod`, else
//! the page-name prefix); each type is compiled when a workload that reaches it is enabled (or
//! its own page's workload). Reachability follows fields, bodies and responses; `Any*` enums
//! reach only their base, and each derived variant carries its own type's `cfg`.

use std::collections::{BTreeMap, BTreeSet};

use super::ir::{BodyPlan, EndpointPlan, TypeBody, TypePlan, TypeRef};
use crate::naming::{feature_name, workload_feature};

/// The workloads split into areas, each with its areas' features (sorted): the workload's
/// feature enables them all. Areas come from the endpoints' pages and the types' own pages.
pub fn area_groups<'a>(
    endpoints: impl IntoIterator<Item = &'a EndpointPlan>,
    types: impl IntoIterator<Item = &'a TypePlan>,
) -> BTreeMap<String, Vec<String>> {
    let pages = endpoints
        .into_iter()
        .flat_map(|e| &e.pages)
        .map(|p| (p.workload.as_deref(), p.operation.as_str()))
        .chain(
            types
                .into_iter()
                .map(|t| (t.workload.as_deref(), page_name(&t.source))),
        )
        .filter(|(w, _)| w.is_some_and(|w| !w.trim().is_empty()));
    let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (workload, page) in pages {
        let (group, area) = (workload_feature(workload), feature_name(workload, page));
        if group != area {
            groups.entry(group).or_default().insert(area);
        }
    }
    groups
        .into_iter()
        .map(|(g, areas)| (g, areas.into_iter().collect()))
        .collect()
}

/// `intune-apps-mobileapp` of `api-reference/beta/resources/intune-apps-mobileapp.md`.
fn page_name(source: &str) -> &str {
    let file = source.rsplit(['/', '\\']).next().unwrap_or(source);
    file.strip_suffix(".md").unwrap_or(file)
}

fn refs_of(ty: &TypeRef, out: &mut Vec<String>) {
    if let TypeRef::Named(n) = ty {
        out.push(n.clone());
    }
}

/// Fills `TypePlan::features` and `EndpointPlan::features`.
pub fn assign(types: &mut [TypePlan], endpoints: &mut [EndpointPlan]) {
    let index = super::types::type_index(types);
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            let mut names = Vec::new();
            match &t.body {
                TypeBody::Struct { fields, .. } => {
                    fields.iter().for_each(|f| refs_of(&f.ty, &mut names))
                }
                TypeBody::Poly { base, .. } => names.push(base.clone()),
                TypeBody::Enum { .. } => {}
            }
            names.iter().filter_map(|n| index.get(n).copied()).collect()
        })
        .collect();
    // A type's own page workload (`ms.prod`) enables it too; a type without one is compiled
    // when something reaches it, or always when nothing does (no `cfg`).
    let mut sets: Vec<BTreeSet<String>> = types
        .iter()
        .map(
            |t| match t.workload.as_deref().filter(|w| !w.trim().is_empty()) {
                Some(w) => BTreeSet::from([feature_name(Some(w), page_name(&t.source))]),
                None => BTreeSet::new(),
            },
        )
        .collect();
    // A page without a workload takes its resource's: the response type's page, else the body's.
    let workload_of = |t: Option<&TypeRef>| match t {
        Some(TypeRef::Named(n)) => index.get(n).and_then(|&i| types[i].workload.clone()),
        _ => None,
    };
    for e in endpoints.iter_mut() {
        let body = match &e.body {
            BodyPlan::Type(t) => Some(t),
            _ => None,
        };
        let resource = workload_of(e.response.ty.as_ref()).or_else(|| workload_of(body));
        e.features = e
            .pages
            .iter()
            .map(|p| {
                let w = p.workload.as_deref().or(resource.as_deref());
                feature_name(w, &p.operation)
            })
            .collect();
        let mut roots = Vec::new();
        if let Some(t) = &e.response.ty {
            refs_of(t, &mut roots);
        }
        match &e.body {
            BodyPlan::Type(t) => refs_of(t, &mut roots),
            BodyPlan::Params { fields, .. } => {
                fields.iter().for_each(|f| refs_of(&f.ty, &mut roots))
            }
            BodyPlan::None | BodyPlan::Content => {}
        }
        for r in roots {
            if let Some(&i) = index.get(&r) {
                sets[i].extend(e.features.iter().cloned());
            }
        }
    }
    // Propagate until nothing changes: every type's features flow to what it references.
    let mut work: Vec<usize> = (0..types.len()).collect();
    while let Some(i) = work.pop() {
        let from = sets[i].clone();
        for &j in &edges[i] {
            let before = sets[j].len();
            sets[j].extend(from.iter().cloned());
            if sets[j].len() != before {
                work.push(j);
            }
        }
    }
    // A type with no feature is always compiled, so everything it reaches must be too.
    let mut always: Vec<bool> = sets.iter().map(BTreeSet::is_empty).collect();
    let mut work: Vec<usize> = (0..types.len()).filter(|&i| always[i]).collect();
    while let Some(i) = work.pop() {
        for &j in &edges[i] {
            if !always[j] {
                always[j] = true;
                work.push(j);
            }
        }
    }
    for ((t, s), a) in types.iter_mut().zip(sets).zip(always) {
        t.features = if a { BTreeSet::new() } else { s };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_are_file_stems() {
        assert_eq!(
            page_name("api-reference/beta/resources/intune-apps-x.md"),
            "intune-apps-x"
        );
    }

    #[test]
    fn workloads_enable_their_areas() {
        let ty = |source: &str, workload: Option<&str>| TypePlan {
            wire: "t".into(),
            rust: "T".into(),
            base: None,
            doc: String::new(),
            source: source.into(),
            body: TypeBody::Enum {
                variants: Vec::new(),
                other: "Other".into(),
            },
            workload: workload.map(Into::into),
            features: BTreeSet::new(),
            open: false,
        };
        // An area only a type page names is enabled by its workload too.
        let types = [
            ty("beta/resources/intune-books-ebook.md", Some("intune")),
            ty("beta/resources/intune-apps-mobileapp.md", Some("intune")),
            ty("beta/resources/intune-apps-mobileapptwo.md", Some("intune")),
            ty("beta/resources/user.md", Some("users")),
            ty("beta/resources/intune-rbac-role.md", None),
        ];
        let groups = area_groups([], &types);
        assert_eq!(
            groups.into_iter().collect::<Vec<_>>(),
            [(
                "intune".to_string(),
                vec!["intune-apps".to_string(), "intune-books".to_string()]
            )]
        );
    }
}

/// Emits `#[cfg(feature = …)]` gates, or nothing (the single-file `build.rs` form has no features).
#[derive(Debug, Clone, Copy)]
pub struct Gate {
    /// Whether gates are emitted.
    pub on: bool,
}

impl Gate {
    /// `#[cfg(any(feature = "a", …))]` for a set of features.
    pub fn any(&self, features: &BTreeSet<String>) -> proc_macro2::TokenStream {
        if !self.on || features.is_empty() {
            return proc_macro2::TokenStream::new();
        }
        let fs = features.iter();
        if features.len() == 1 {
            quote::quote!(#[cfg(feature = #(#fs)*)])
        } else {
            quote::quote!(#[cfg(any(#(feature = #fs),*))])
        }
    }

    /// `#[cfg(feature = "f")]`.
    pub fn one(&self, feature: &str) -> proc_macro2::TokenStream {
        if !self.on || feature.is_empty() {
            return proc_macro2::TokenStream::new();
        }
        quote::quote!(#[cfg(feature = #feature)])
    }
}
