//! Types pass: each chosen docs type becomes a struct or enum plan (inherited fields flattened),
//! and fields that close a reference cycle are boxed.

use std::collections::{BTreeMap, BTreeSet};

use super::ir::*;
use crate::diag::{Code, Diagnostic};
use crate::model::{Model, Property, TypeDef, TypeKind};
use crate::naming::{self, Scope};

/// The plan of one chosen type (`rust_names` holds its name, by lowercase docs name): an
/// enum's variants or a struct's fields (inherited ones too).
pub(crate) fn plan_type(
    model: &Model,
    t: &TypeDef,
    rust_names: &BTreeMap<String, String>,
    resolve: &dyn Fn(&str) -> Option<TypeRef>,
    diags: &mut Vec<Diagnostic>,
) -> TypePlan {
    let body = match t.kind {
        TypeKind::Enum => {
            let mut vs = Scope::default();
            let mut wires = BTreeSet::new();
            let mut variants = Vec::new();
            for m in &t.members {
                if !wires.insert(m.name.as_str()) {
                    diags.push(Diagnostic::new(
                        &t.source,
                        t.line,
                        Code::DuplicateMember,
                        format!(
                            "enum `{}` lists member `{}` twice; the first is used",
                            t.name, m.name
                        ),
                    ));
                    continue;
                }
                variants.push(VariantPlan {
                    wire: m.name.clone(),
                    rust: vs.claim(naming::camel_text(&m.name)),
                    doc: m.description.clone(),
                });
            }
            TypeBody::Enum {
                variants,
                other: vs.claim("Other".to_string()),
            }
        }
        _ => {
            let props = model.all_members(t);
            let fields = plan_fields(&props, resolve, &t.source, diags);
            TypeBody::Struct {
                extras: extras_name(&fields),
                fields,
            }
        }
    };
    let open = t.open || model.ancestors(t).iter().any(|a| a.open);
    let mut doc = t.description.clone();
    if open && t.kind != TypeKind::Enum {
        doc.push_str("\n\nAn open type: an instance may carry properties beyond these fields; they are kept in the extras map.");
    }
    TypePlan {
        wire: t.name.clone(),
        rust: rust_names[&t.name.to_ascii_lowercase()].clone(),
        base: t
            .base
            .as_deref()
            .and_then(|b| rust_names.get(&b.to_ascii_lowercase()).cloned()),
        doc,
        source: t.source.clone(),
        body,
        workload: t.workload.clone(),
        features: BTreeSet::new(),
        open,
    }
}

pub(crate) fn plan_fields(
    props: &[&Property],
    resolve: &dyn Fn(&str) -> Option<TypeRef>,
    source: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<FieldPlan> {
    let mut scope = Scope::with_reserved(&["odata_type"]);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for p in props {
        // `@odata.type` is its own field on every struct.
        if p.name.starts_with("@odata") || !seen.insert(p.name.clone()) {
            continue;
        }
        let ty = resolve(&p.type_name).unwrap_or_else(|| {
            diags.push(Diagnostic::new(source, p.line, Code::UnknownType,
                format!("property `{}` has type `{}` which no page in the docs set defines; it is kept as JSON", p.name, p.type_name)));
            TypeRef::Json
        });
        out.push(FieldPlan {
            wire: p.name.clone(),
            rust: scope.claim(naming::snake_text(&p.name)),
            ty,
            collection: p.collection,
            boxed: false,
            doc: if p.values.is_empty() {
                p.description.clone()
            } else {
                let values: Vec<String> =
                    p.values.iter().map(|v| format!("`{}`", v.name)).collect();
                format!("{}\n\nValues: {}.", p.description, values.join(", "))
            },
        });
    }
    out
}

/// The captured-extras field's name: `extra`, unless a property already has it.
pub(crate) fn extras_name(fields: &[FieldPlan]) -> String {
    let mut scope = Scope::default();
    for f in fields {
        scope.claim(f.rust.clone());
    }
    scope.claim("extra".to_string())
}

/// Boxes struct fields that close a cycle of non-collection references (Tarjan SCCs); edges
/// from `Any*` enums to their variants count for cycles, but only fields can be boxed.
pub(crate) fn mark_boxed(types: &mut [TypePlan]) {
    let index = type_index(types);
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match &t.body {
            TypeBody::Struct { fields, .. } => fields
                .iter()
                .filter(|f| !f.collection)
                .filter_map(|f| match &f.ty {
                    TypeRef::Named(n) => index.get(n).copied(),
                    _ => None,
                })
                .collect(),
            TypeBody::Poly { base, variants } => std::iter::once(base)
                .chain(variants.iter().map(|v| &v.rust))
                .filter_map(|n| index.get(n).copied())
                .collect(),
            TypeBody::Enum { .. } => Vec::new(),
        })
        .collect();
    let comp = tarjan(&edges);
    for (i, t) in types.iter_mut().enumerate() {
        if let TypeBody::Struct { fields, .. } = &mut t.body {
            for f in fields.iter_mut().filter(|f| !f.collection) {
                if let TypeRef::Named(n) = &f.ty {
                    if let Some(&j) = index.get(n) {
                        f.boxed = comp[i] == comp[j];
                    }
                }
            }
        }
    }
}

/// Position of each type by Rust name.
pub fn type_index(types: &[TypePlan]) -> BTreeMap<String, usize> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.rust.clone(), i))
        .collect()
}

/// Strongly connected components; returns the component id of each node.
pub(crate) fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let (mut index, mut low, mut comp) = (vec![usize::MAX; n], vec![0; n], vec![usize::MAX; n]);
    let (mut stack, mut on_stack, mut next, mut ncomp) = (Vec::new(), vec![false; n], 0, 0);
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // Iterative DFS: (node, next edge to visit).
        let mut work = vec![(root, 0usize)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if let Some(&w) = edges[v].get(*ei) {
                *ei += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(u, _)) = work.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = ncomp;
                        if w == v {
                            break;
                        }
                    }
                    ncomp += 1;
                }
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scc_marks_cycles_only() {
        // 0 → 1 → 0 is a cycle; 2 → 0 is not part of it; 3 → 3 is a self-loop.
        let c = tarjan(&[vec![1], vec![0], vec![0], vec![3]]);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[2], c[0]);
        assert_ne!(c[3], c[0]);
    }
}
