//! `graphdoc diff`: what changed between two docs trees, classed by what it does to the
//! generated Rust API. Types include those inferred from examples, so two pages without
//! resource pages still compare by their example fields.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{ApiVersion, Model, Operation, Property, TypeDef, TypeKind};

/// Whether a change breaks code written against the old bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Existing code keeps compiling and working.
    Compatible,
    /// Existing code may stop compiling, or calls may be refused.
    Breaking,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// Breaking or not.
    pub impact: Impact,
    /// What changed: `operation`, `path`, `response`, `permission`, `type`, `property`, `member`.
    pub kind: &'static str,
    /// The item, e.g. `beta user-get` or `v1.0 vppToken.state`.
    pub item: String,
    /// What happened, e.g. `added`, `removed`, `type Edm.String → Edm.Int32`.
    pub what: String,
}

/// Options for comparing.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffOptions {
    /// Match operations and types by name across versions (to compare a beta page with a v1.0 one).
    pub ignore_version: bool,
}

fn version_label(v: ApiVersion, opts: DiffOptions) -> &'static str {
    if opts.ignore_version {
        "*"
    } else {
        v.as_str()
    }
}

fn key(v: ApiVersion, name: &str, opts: DiffOptions) -> (String, String) {
    (
        version_label(v, opts).to_string(),
        name.to_ascii_lowercase(),
    )
}

/// Compares two models.
pub fn diff(old: &Model, new: &Model, opts: DiffOptions) -> Vec<Change> {
    let mut out = Vec::new();
    // Both sides as linked: the pages the API is made from (English first) and its types,
    // documented and inferred, as the bindings see them.
    let (old_api, new_api) = (crate::link::link(old), crate::link::link(new));
    let ops = |api: &crate::link::Api| -> BTreeMap<(String, String), Operation> {
        api.versions
            .iter()
            .flat_map(|lv| &lv.pages)
            .map(|o| (key(o.version, &o.name, opts), (*o).clone()))
            .collect()
    };
    let (old_ops, new_ops) = (ops(&old_api), ops(&new_api));
    for (k, o) in &old_ops {
        let label = format!("{} {}", k.0, o.name);
        match new_ops.get(k) {
            None => out.push(change(Impact::Breaking, "operation", &label, "removed")),
            Some(n) => operation_changes(o, n, &label, &mut out),
        }
    }
    for (k, n) in &new_ops {
        if !old_ops.contains_key(k) {
            out.push(change(
                Impact::Compatible,
                "operation",
                &format!("{} {}", k.0, n.name),
                "added",
            ));
        }
    }
    let types = |api: &crate::link::Api| -> BTreeMap<(String, String), TypeDef> {
        let mut map = BTreeMap::new();
        for lv in &api.versions {
            for t in lv.types().into_values() {
                map.entry(key(t.version, &t.name, opts))
                    .or_insert_with(|| t.clone());
            }
        }
        map
    };
    let (old_types, new_types) = (types(&old_api), types(&new_api));
    for (k, o) in &old_types {
        let label = format!("{} {}", k.0, o.name);
        match new_types.get(k) {
            None => out.push(change(Impact::Breaking, "type", &label, "removed")),
            Some(n) => type_changes(old, new, o, n, &label, &mut out),
        }
    }
    for (k, n) in &new_types {
        if !old_types.contains_key(k) {
            out.push(change(
                Impact::Compatible,
                "type",
                &format!("{} {}", k.0, n.name),
                "added",
            ));
        }
    }
    if !opts.ignore_version {
        rust_api_changes(old, new, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn change(impact: Impact, kind: &'static str, item: &str, what: impl Into<String>) -> Change {
    Change {
        impact,
        kind,
        item: item.to_string(),
        what: what.into(),
    }
}

fn operation_changes(o: &Operation, n: &Operation, label: &str, out: &mut Vec<Change>) {
    let paths = |op: &Operation| -> BTreeSet<String> {
        op.paths
            .iter()
            .map(|p| format!("{} {}", p.method, p.path))
            .collect()
    };
    let (op_, np) = (paths(o), paths(n));
    for p in op_.difference(&np) {
        out.push(change(
            Impact::Breaking,
            "path",
            label,
            format!("removed `{p}`"),
        ));
    }
    for p in np.difference(&op_) {
        out.push(change(
            Impact::Compatible,
            "path",
            label,
            format!("added `{p}`"),
        ));
    }
    let resp = |op: &Operation| {
        (
            op.response
                .type_name
                .clone()
                .map(|t| t.to_ascii_lowercase()),
            op.response.collection,
        )
    };
    if resp(o) != resp(n) {
        let show = |op: &Operation| {
            let t = op
                .response
                .type_name
                .clone()
                .unwrap_or_else(|| "nothing".into());
            if op.response.collection {
                format!("{t} collection")
            } else {
                t
            }
        };
        out.push(change(
            Impact::Breaking,
            "response",
            label,
            format!("{} → {}", show(o), show(n)),
        ));
    }
    let perms = |op: &Operation| -> Vec<(&'static str, BTreeSet<String>)> {
        let p = op.permissions.clone().unwrap_or_default();
        vec![
            (
                "delegated (work or school)",
                p.delegated_work.into_iter().collect(),
            ),
            (
                "delegated (personal)",
                p.delegated_personal.into_iter().collect(),
            ),
            ("application", p.application.into_iter().collect()),
        ]
    };
    for ((kind, before), (_, after)) in perms(o).into_iter().zip(perms(n)) {
        for p in before.difference(&after) {
            // Tokens granted only this scope can no longer call the endpoint.
            out.push(change(
                Impact::Breaking,
                "permission",
                label,
                format!("{kind}: removed {p}"),
            ));
        }
        for p in after.difference(&before) {
            out.push(change(
                Impact::Compatible,
                "permission",
                label,
                format!("{kind}: added {p}"),
            ));
        }
    }
}

fn type_changes(
    old: &Model,
    new: &Model,
    o: &TypeDef,
    n: &TypeDef,
    label: &str,
    out: &mut Vec<Change>,
) {
    if (o.kind == TypeKind::Enum) != (n.kind == TypeKind::Enum) {
        out.push(change(
            Impact::Breaking,
            "type",
            label,
            "changed between enum and structured type",
        ));
        return;
    }
    if o.kind == TypeKind::Enum {
        let members = |t: &TypeDef| -> BTreeSet<String> {
            t.members.iter().map(|m| m.name.clone()).collect()
        };
        let (om, nm) = (members(o), members(n));
        for m in om.difference(&nm) {
            out.push(change(
                Impact::Breaking,
                "member",
                label,
                format!("removed `{m}`"),
            ));
        }
        // Generated enums are non_exhaustive with a catch-all, so new members break nothing.
        for m in nm.difference(&om) {
            out.push(change(
                Impact::Compatible,
                "member",
                label,
                format!("added `{m}`"),
            ));
        }
        return;
    }
    let props = |m: &Model, t: &TypeDef| -> BTreeMap<String, Property> {
        m.all_members(t)
            .into_iter()
            .map(|p| (p.name.clone(), p.clone()))
            .collect()
    };
    // Inferred types are not in the model; their own properties are all they have.
    let (op, np) = (props(old, o), props(new, n));
    for (name, p) in &op {
        match np.get(name) {
            None => out.push(change(
                Impact::Breaking,
                "property",
                &format!("{label}.{name}"),
                "removed",
            )),
            Some(q)
                if !q.type_name.eq_ignore_ascii_case(&p.type_name)
                    || q.collection != p.collection =>
            {
                let show = |p: &Property| {
                    if p.collection {
                        format!("{} collection", p.type_name)
                    } else {
                        p.type_name.clone()
                    }
                };
                out.push(change(
                    Impact::Breaking,
                    "property",
                    &format!("{label}.{name}"),
                    format!("type {} → {}", show(p), show(q)),
                ));
            }
            Some(_) => {}
        }
    }
    for name in np.keys().filter(|k| !op.contains_key(*k)) {
        out.push(change(
            Impact::Compatible,
            "property",
            &format!("{label}.{name}"),
            "added",
        ));
    }
}

/// What the changes do to the generated Rust API: functions added, removed, or called or
/// answered differently (`kind` `function`), from the resolved index of each side.
fn rust_api_changes(old: &Model, new: &Model, out: &mut Vec<Change>) {
    use crate::emit::index::{resolved, ResolvedOperation};
    let index = |m: &Model| -> BTreeMap<String, ResolvedOperation> {
        resolved(m, &Default::default())
            .into_iter()
            .map(|o| (o.function.clone(), o))
            .collect()
    };
    let (a, b) = (index(old), index(new));
    let call = |o: &ResolvedOperation| {
        format!(
            "fn({}){} -> {}",
            o.arguments.join(", "),
            o.body
                .as_deref()
                .map(|t| format!(" body {t}"))
                .unwrap_or_default(),
            o.response
        )
    };
    for (f, o) in &a {
        match b.get(f) {
            None => out.push(change(Impact::Breaking, "function", f, "removed")),
            Some(n) if call(o) != call(n) => out.push(change(
                Impact::Breaking,
                "function",
                f,
                format!("{} → {}", call(o), call(n)),
            )),
            Some(_) => {}
        }
    }
    for (f, n) in &b {
        if !a.contains_key(f) {
            out.push(change(
                Impact::Compatible,
                "function",
                f,
                format!("added: {}", call(n)),
            ));
        }
    }
}

/// A plain-text report, breaking changes first.
pub fn report(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no API changes\n".to_string();
    }
    let mut s = String::new();
    for impact in [Impact::Breaking, Impact::Compatible] {
        let of: Vec<&Change> = changes.iter().filter(|c| c.impact == impact).collect();
        if of.is_empty() {
            continue;
        }
        let title = if impact == Impact::Breaking {
            "Breaking changes"
        } else {
            "Compatible changes"
        };
        let _ = writeln!(s, "{title} ({}):", of.len());
        for c in of {
            let _ = writeln!(s, "  {:<10} {:<50} {}", c.kind, c.item, c.what);
        }
    }
    s
}

/// Markdown for release notes.
pub fn markdown(changes: &[Change]) -> String {
    let mut s = String::from("# API changes\n\n");
    if changes.is_empty() {
        s.push_str("No changes.\n");
        return s;
    }
    for impact in [Impact::Breaking, Impact::Compatible] {
        let of: Vec<&Change> = changes.iter().filter(|c| c.impact == impact).collect();
        if of.is_empty() {
            continue;
        }
        let title = if impact == Impact::Breaking {
            "Breaking"
        } else {
            "Compatible"
        };
        let _ = writeln!(s, "## {title}\n\n| kind | item | change |\n|---|---|---|");
        for c in of {
            let esc = |t: &str| t.replace('|', "\\|");
            let _ = writeln!(s, "| {} | `{}` | {} |", c.kind, esc(&c.item), esc(&c.what));
        }
        s.push('\n');
    }
    s
}
