//! Include/exclude by workload or area: the plan narrowed to the endpoints and types that the
//! full crate compiles with the named cargo features, so a `build.rs` (which has no features)
//! or a narrowed crate holds exactly what the full crate would build for that selection.

use std::collections::{BTreeMap, BTreeSet};

use super::features;
use super::ir::{Filter, Plan, TypeBody};

/// Include/exclude names that match no workload or area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelection {
    /// The names that match nothing.
    pub unknown: Vec<String>,
    /// Every workload and area name there is.
    pub known: Vec<String>,
}

/// Narrows `plan` to `filter.include` (all when empty) minus `filter.exclude`. Names are exact
/// feature names: a workload (`users`, `intune`, which also names all its areas) or an area
/// (`intune-apps`). An item stays when one of its features is selected; its features narrow
/// to the selected ones, so the gates name only features the crate declares.
pub fn select(plan: &mut Plan, filter: &Filter) -> Result<(), UnknownSelection> {
    if filter.include.is_empty() && filter.exclude.is_empty() {
        return Ok(());
    }
    let groups = features::area_groups(
        plan.versions.iter().flat_map(|vp| &vp.endpoints),
        plan.versions.iter().flat_map(|vp| &vp.types),
    );
    let mut known: BTreeSet<String> = plan
        .versions
        .iter()
        .flat_map(|vp| {
            vp.endpoints
                .iter()
                .flat_map(|e| e.features.iter())
                .chain(vp.types.iter().flat_map(|t| t.features.iter()))
        })
        .cloned()
        .collect();
    known.extend(groups.keys().cloned());
    let unknown: Vec<String> = filter
        .include
        .iter()
        .chain(&filter.exclude)
        .filter(|n| !known.contains(n.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(UnknownSelection {
            unknown,
            known: known.into_iter().collect(),
        });
    }
    let expand = |names: &[String]| -> BTreeSet<String> {
        names
            .iter()
            .flat_map(|n| {
                std::iter::once(n.clone()).chain(groups.get(n).into_iter().flatten().cloned())
            })
            .collect()
    };
    let (include, exclude) = (expand(&filter.include), expand(&filter.exclude));
    let chosen =
        |f: &String| (filter.include.is_empty() || include.contains(f)) && !exclude.contains(f);
    let mut kept_sources = BTreeSet::new();
    // An item without features has no gate: the full crate always compiles it.
    let narrow = |features: &mut BTreeSet<String>| {
        let always = features.is_empty();
        features.retain(|f| chosen(f));
        always || !features.is_empty()
    };
    for vp in &mut plan.versions {
        vp.endpoints.retain_mut(|e| narrow(&mut e.features));
        vp.types.retain_mut(|t| narrow(&mut t.features));
        // A derived type's variant goes with its type.
        let kept: BTreeMap<String, ()> = vp.types.iter().map(|t| (t.rust.clone(), ())).collect();
        for t in &mut vp.types {
            if let TypeBody::Poly { variants, .. } = &mut t.body {
                variants.retain(|v| kept.contains_key(&v.rust));
            }
        }
        kept_sources.extend(vp.types.iter().map(|t| t.source.clone()));
        kept_sources.extend(
            vp.endpoints
                .iter()
                .flat_map(|e| e.pages.iter().map(|p| p.source.clone())),
        );
    }
    plan.versions
        .retain(|vp| !vp.endpoints.is_empty() || !vp.types.is_empty());
    // Findings about pages left out are not this selection's.
    plan.diagnostics
        .retain(|d| d.file.is_empty() || kept_sources.contains(&d.file));
    plan.sources = Some(kept_sources);
    Ok(())
}
