//! The binding plan: what will become Rust, decided for the whole linked API before any code is
//! emitted, one pass per concern (typify-style): [`types`], [`operations`], [`merge`],
//! [`names`], [`example_fields`], [`features`], then [`select`] for include/exclude. Each pass
//! reads and writes the plain data of [`ir`]; this driver runs them in order, so the emitters
//! only translate plain data into tokens.

pub mod example_fields;
pub mod features;
pub mod ir;
pub mod merge;
pub mod names;
pub mod operations;
pub mod select;
pub mod types;

use std::collections::{BTreeMap, BTreeSet};

pub use ir::*;

use crate::diag::Diagnostic;
use crate::link::types::{most_shared_base, referenced_names, repeated_resource, type_chain};
use crate::link::{Api, Version};
use crate::model::{ApiVersion, Edm, Model, Operation, TypeDef, TypeKind};
use crate::naming::{self, Scope};

/// Builds the plan from a model: links the versions `filter` keeps, then plans them.
pub fn plan(model: &Model, filter: &Filter) -> Plan {
    let kept: Vec<ApiVersion> = [ApiVersion::V1, ApiVersion::Beta]
        .into_iter()
        .filter(|v| filter.keeps_version(*v))
        .collect();
    plan_api(&crate::link::link_versions(model, &kept), filter)
}

/// Builds the plan of a linked API.
pub fn plan_api(api: &Api, filter: &Filter) -> Plan {
    // Versions share nothing: planned in parallel, gathered in version order.
    let kept: Vec<&Version> = api
        .versions
        .iter()
        .filter(|v| filter.keeps_version(v.version))
        .collect();
    let mut diags = api.diagnostics.clone();
    let versions = par_map_diags(&kept, &mut diags, |lv, diags| {
        plan_version(lv, api.model, filter, diags)
    });
    diags.sort();
    diags.dedup();
    Plan {
        versions,
        diagnostics: diags,
        sources: None,
    }
}

/// `f` over every item in parallel, each call with diagnostics of its own: the results in item
/// order, the diagnostics appended in item order, so the plan never depends on scheduling.
pub(crate) fn par_map_diags<T: Sync, R: Send>(
    items: &[T],
    diags: &mut Vec<Diagnostic>,
    f: impl Fn(&T, &mut Vec<Diagnostic>) -> R + Sync,
) -> Vec<R> {
    use rayon::prelude::*;
    let done: Vec<(R, Vec<Diagnostic>)> = items
        .par_iter()
        .map(|item| {
            let mut d = Vec::new();
            let r = f(item, &mut d);
            (r, d)
        })
        .collect();
    done.into_iter()
        .map(|(r, d)| {
            diags.extend(d);
            r
        })
        .collect()
}

/// Type names claimed per module: `microsoft.graph`'s in the version's `types`, each
/// sub-namespace's in a module of its own (`types::call_records`), every module with the
/// reserved names held back (their items use `Option`, `String`… unqualified too).
#[derive(Default)]
struct TypeScopes {
    /// By lowercase namespace (`""` for the root): the module name and its names.
    modules: BTreeMap<String, (String, Scope)>,
}

impl TypeScopes {
    /// The Rust path (from `types`) of type `docs_name`, its last part `name` of the type's
    /// unqualified docs name.
    fn claim(&mut self, docs_name: &str, name: impl Fn(&str) -> String) -> String {
        let (ns, bare) = match crate::model::namespace_of(docs_name) {
            Some(ns) => (
                ns,
                crate::model::unqualified(docs_name).unwrap_or(docs_name),
            ),
            None => ("", docs_name),
        };
        let (module, scope) = self
            .modules
            .entry(ns.to_ascii_lowercase())
            .or_insert_with(|| {
                (
                    naming::type_module(ns),
                    Scope::with_reserved(naming::RESERVED_TYPES),
                )
            });
        let claimed = scope.claim(name(bare));
        if module.is_empty() {
            claimed
        } else {
            format!("{module}::{claimed}")
        }
    }
}

pub(crate) fn plan_version(
    api: &Version,
    model: &Model,
    filter: &Filter,
    diags: &mut Vec<Diagnostic>,
) -> VersionPlan {
    let version = api.version;
    let ops = &api.pages;
    let shared = &api.shared;
    let chosen = api.types();
    // Rust names for types, in name order so the result never depends on page order; a
    // sub-namespace's types are named in a module of their own (`call_records::Session`).
    let mut scopes = TypeScopes::default();
    let rust_names: BTreeMap<String, String> = chosen
        .iter()
        .map(|(key, t)| (key.clone(), scopes.claim(&t.name, naming::camel_text)))
        .collect();
    // Polymorphism: a base type that some referenced position uses and that has derived types
    // is referenced through `Any<Base>`, which picks the derived struct by `@odata.type`.
    let chain = |key: &str| type_chain(model, key, chosen.get(key).copied());
    let common_base = |keys: &[&str]| most_shared_base(keys, &chain);
    let mut referenced = referenced_names(model, &chosen, ops);
    // A qualified reference that resolves to its unqualified name references that type.
    let fallbacks: Vec<String> = referenced
        .iter()
        .filter(|n| !chosen.contains_key(*n))
        .filter_map(|n| crate::model::unqualified(n).map(str::to_string))
        .collect();
    referenced.extend(fallbacks);
    // Operations documented with several types are read through their common base: it is
    // referenced too.
    for names in shared {
        let keys: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| chosen.contains_key(*n))
            .collect();
        if keys.len() > 1 {
            referenced.extend(common_base(&keys));
        }
    }
    let mut derived: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for t in chosen.values().filter(|t| t.kind != TypeKind::Enum) {
        for a in model.ancestors(t) {
            let key = a.name.to_ascii_lowercase();
            if chosen.contains_key(&key) && referenced.contains(&key) {
                derived.entry(key).or_default().push((
                    t.name.clone(),
                    rust_names[&t.name.to_ascii_lowercase()].clone(),
                ));
            }
        }
    }
    let any_names: BTreeMap<String, String> = derived
        .keys()
        .map(|k| {
            let base = &chosen[k].name;
            (
                k.clone(),
                scopes.claim(base, |n| naming::any_type(&naming::camel_text(n))),
            )
        })
        .collect();
    let resolve = |name: &str| -> Option<TypeRef> {
        if let Some(p) = Edm::parse(name) {
            return Some(TypeRef::Prim(p));
        }
        let find = |name: &str| {
            let key = name.to_ascii_lowercase();
            any_names
                .get(&key)
                .or_else(|| rust_names.get(&key))
                .map(|r| TypeRef::Named(r.clone()))
        };
        find(name)
            .or_else(|| crate::model::unqualified(name).and_then(find))
            .or_else(|| find(&model.find_type(version, name)?.name))
    };

    // Each type is planned on its own, in parallel; gathered in name order.
    let chosen_defs: Vec<&TypeDef> = chosen.values().copied().collect();
    let mut types = par_map_diags(&chosen_defs, diags, |t, d| {
        types::plan_type(model, t, &rust_names, &resolve, d)
    });
    for (key, mut variants) in derived {
        variants.sort();
        let base = &chosen[&key];
        types.push(TypePlan {
            wire: base.name.clone(),
            rust: any_names[&key].clone(),
            base: None,
            doc: format!(
                "A `{}` or any type derived from it, chosen by `@odata.type` when reading.",
                base.name
            ),
            source: base.source.clone(),
            body: TypeBody::Poly {
                base: rust_names[&key].clone(),
                variants: variants
                    .into_iter()
                    .map(|(wire, rust)| VariantPlan {
                        wire,
                        rust,
                        doc: String::new(),
                    })
                    .collect(),
            },
            workload: base.workload.clone(),
            features: BTreeSet::new(),
            open: false,
        });
    }
    types::mark_boxed(&mut types);

    let reuse = |op: &Operation| repeated_resource(model, op).and_then(|t| resolve(&t.name));
    let own = |op: &Operation, ex: &crate::model::Example| {
        crate::link::examples::own_type(api, model, op, ex)
            .and_then(|t| resolve(&t.name))
            .or_else(|| crate::link::examples::own_primitive(op, ex).map(TypeRef::Prim))
    };
    let endpoints = operations::plan_endpoints(ops, &resolve, &reuse, &own, diags);
    // The nearest type a set of named types all are (themselves or a base), `Any<…>` where the
    // base has derived types in use.
    let key_of: BTreeMap<&str, &str> = rust_names
        .iter()
        .chain(&any_names)
        .map(|(k, r)| (r.as_str(), k.as_str()))
        .collect();
    let common = |refs: &[&TypeRef]| -> Option<TypeRef> {
        let keys: Vec<&str> = refs
            .iter()
            .map(|r| match r {
                TypeRef::Named(n) => key_of.get(n.as_str()).copied(),
                _ => None,
            })
            .collect::<Option<_>>()?;
        resolve(&common_base(&keys)?)
    };
    let mut endpoints = merge::merge(endpoints, &common);
    names::name(&mut endpoints, diags);
    names::name_bodies(&mut endpoints);
    endpoints.sort_by(|a, b| (&a.module, &a.rust).cmp(&(&b.module, &b.rust)));
    types.sort_by(|a, b| a.rust.cmp(&b.rust));
    if filter.example_fields {
        example_fields::add(api, model, &mut types, &mut endpoints, diags);
    }
    features::assign(&mut types, &mut endpoints);
    VersionPlan {
        version,
        types,
        endpoints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body table that repeats its resource's properties (same names, types, collections)
    /// is the resource; one that adds a parameter or retypes a property stays its own struct.
    #[test]
    fn body_tables_that_repeat_the_resource_are_the_resource() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pages/bodies");
        let model = crate::read::read_docs(&[root]);
        let plan = plan(&model, &Filter::default());
        let body = |op: &str| {
            plan.versions[0]
                .endpoints
                .iter()
                .find(|e| e.operation == op)
                .map(|e| e.body.clone())
                .unwrap_or_else(|| panic!("no endpoint for {op}"))
        };
        assert_eq!(
            body("gadget-create"),
            BodyPlan::Type(TypeRef::Named("Gadget".into()))
        );
        for op in ["gadget-update", "gadget-polish"] {
            assert!(
                matches!(body(op), BodyPlan::Params { .. }),
                "{op}: {:?}",
                body(op)
            );
        }
        let op = |name: &str| model.operations.iter().find(|o| o.name == name).unwrap();
        assert!(repeated_resource(&model, op("gadget-create")).is_some());
        assert!(repeated_resource(&model, op("gadget-update")).is_none());
    }
}
