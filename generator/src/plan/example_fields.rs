//! Fields for properties that the docs' examples show but the property tables lack.
//!
//! A page's example is documentation too: when a response example carries `publicUrl` and the
//! resource's table does not, the service sends it, and a user should be able to read it. Each
//! such property becomes a field typed as JSON (`serde_json::Value`: the docs give no type),
//! named in its doc comment as seen only in an example, and `graphdoc check` still reports the
//! page (`example-undocumented-property`). Opt-in: `Filter::example_fields`.
//!

use std::collections::BTreeMap;

use super::ir::{BodyPlan, EndpointPlan, FieldPlan, Shape, TypeBody, TypePlan, TypeRef};
use super::types::type_index;
use crate::diag::Diagnostic;
use crate::link::walk::{self, Visit, Walker};
use crate::link::Version;
use crate::model::{is_annotation, Model, TypeDef};
use crate::naming::{self, Scope};

/// Where a property was first seen: page and line of the example.
type Seen = (String, usize);

/// Collects, per owning docs type (lowercase name), the properties no member documents.
struct Unheld<'s> {
    found: &'s mut BTreeMap<(String, String), Seen>,
    seen: &'s Seen,
}

impl Visit for Unheld<'_> {
    fn undocumented(&mut self, owner: Option<&TypeDef>, _: &str, _: &str, key: &str) {
        if let Some(t) = owner {
            self.found
                .entry((t.name.to_ascii_lowercase(), key.to_string()))
                .or_insert_with(|| self.seen.clone());
        }
    }
}

/// Adds the example-only properties to the types and parameter bodies of one version. The
/// examples are walked by the link stage's [`walk`], from the planned response and body types
/// (an endpoint of several pages reads its examples as their common base): each property
/// lands on the struct that would otherwise have captured it as an extra.
pub fn add(
    api: &Version,
    model: &Model,
    types: &mut [TypePlan],
    endpoints: &mut [EndpointPlan],
    diags: &mut Vec<Diagnostic>,
) {
    let index = type_index(types);
    // The docs name a planned type reads as (an `Any<Base>`: the base, dispatched by the walk).
    let docs_name = |ty: &TypeRef| -> Option<String> {
        match ty {
            TypeRef::Named(rust) => index.get(rust).map(|&i| types[i].wire.clone()),
            TypeRef::Prim(p) => Some(p.name().to_string()),
            TypeRef::Json => None,
        }
    };
    let mut on_types: BTreeMap<(String, String), Seen> = BTreeMap::new();
    let mut on_bodies: BTreeMap<(usize, String), Seen> = BTreeMap::new();
    for (ei, e) in endpoints.iter().enumerate() {
        for ex in &e.examples {
            let seen = (ex.source.clone(), ex.line);
            let mut unheld = Unheld {
                found: &mut on_types,
                seen: &seen,
            };
            let mut walker = Walker {
                types: api,
                model,
                visit: &mut unheld,
            };
            let response = e.response.ty.as_ref().and_then(&docs_name);
            let json = matches!(
                e.response.shape,
                Shape::Plain | Shape::ValueWrapped | Shape::Collection
            );
            if let (Some((_, body)), Some(ty), true) = (&ex.response, response, json) {
                let body = &body.value();
                for item in walk::values(body) {
                    walker.value(item, &ty, false, "$");
                }
            }
            let Some((_, _, _, Some(body))) = ex.request.as_ref().filter(|_| ex.graph_request)
            else {
                continue;
            };
            let body = &body.value();
            match &e.body {
                BodyPlan::Content | BodyPlan::None => {}
                BodyPlan::Type(ty) => {
                    if let Some(ty) = docs_name(ty) {
                        walker.value(body, &ty, false, "$");
                    }
                }
                // The parameters are the plan's own fields; what they hold is walked as docs types.
                BodyPlan::Params { fields, .. } => {
                    for (k, child) in body.as_object().into_iter().flatten() {
                        match fields.iter().find(|f| f.wire == *k) {
                            Some(f) => {
                                if let Some(ty) = docs_name(&f.ty) {
                                    walker.value(child, &ty, f.collection, "$");
                                }
                            }
                            None if is_annotation(k) => {}
                            None => {
                                on_bodies.entry((ei, k.clone())).or_insert(seen.clone());
                            }
                        }
                    }
                }
            }
        }
    }
    // Each docs type's struct (an `Any<Base>` shares its base's docs name but holds no fields).
    let structs: BTreeMap<String, usize> = types
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.body, TypeBody::Struct { .. }))
        .map(|(i, t)| (t.wire.to_ascii_lowercase(), i))
        .collect();
    for ((owner, wire), seen) in on_types {
        let Some(&ti) = structs.get(&owner) else {
            continue;
        };
        let t = &mut types[ti];
        if let TypeBody::Struct { fields, extras } = &mut t.body {
            push_field(fields, extras, wire, &seen, &t.source, diags);
        }
    }
    for ((ei, wire), seen) in on_bodies {
        let source = endpoints[ei].source.clone();
        if let BodyPlan::Params { fields, extras, .. } = &mut endpoints[ei].body {
            push_field(fields, extras, wire, &seen, &source, diags);
        }
    }
}

fn push_field(
    fields: &mut Vec<FieldPlan>,
    extras: &str,
    wire: String,
    (page, line): &Seen,
    owner_source: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut taken: Vec<&str> = fields.iter().map(|f| f.rust.as_str()).collect();
    taken.extend(["odata_type", extras]);
    let rust = Scope::with_reserved(&taken).claim(naming::snake_text(&wire));
    diags.push(crate::diag::Diagnostic::new(page.clone(), *line, crate::diag::Code::ExampleOnlyProperty, format!(
            "`{wire}` is not in the property table of `{owner_source}`; it is bound as JSON because the example shows it"
        )));
    fields.push(FieldPlan {
        doc: format!(
            "Not in the docs' property table: shown by the example at `{page}:{line}`, so kept as JSON."
        ),
        wire,
        rust,
        ty: TypeRef::Json,
        collection: false,
        boxed: false,
    });
}

#[cfg(test)]
mod tests {
    use crate::plan::{plan, Filter, TypeBody, TypeRef};

    /// The seed with an undocumented property in its response example: the property becomes a
    /// JSON field of the response type only when asked, with a note pointing at the example.
    #[test]
    fn example_only_properties_become_json_fields_on_request() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let mut model = crate::read::read_docs(&[root]);
        let op = model
            .operations
            .iter_mut()
            .find(|o| {
                o.version == crate::model::ApiVersion::Beta && o.name.ends_with("synclicenses")
            })
            .expect("seed operation");
        let resp = op.examples[0].response.as_mut().expect("example response");
        let crate::model::Body::Json(body) = &resp.body else {
            panic!("seed example is JSON")
        };
        let mut v = body.value();
        v["value"]["seenOnlyHere"] = serde_json::json!({"a": 1});
        resp.body = crate::model::Body::Json(v.into());

        let field = |example_fields: bool| {
            let p = plan(
                &model,
                &Filter {
                    example_fields,
                    ..Default::default()
                },
            );
            let beta = p
                .versions
                .iter()
                .find(|v| v.version == crate::model::ApiVersion::Beta)
                .unwrap();
            let t = beta
                .types
                .iter()
                .find(|t| t.wire == "vppToken")
                .expect("vppToken");
            let TypeBody::Struct { fields, .. } = &t.body else {
                panic!("struct")
            };
            let f = fields.iter().find(|f| f.wire == "seenOnlyHere").cloned();
            (f, p.diagnostics)
        };
        let (none, _) = field(false);
        assert!(none.is_none(), "strict by default");
        let (some, diags) = field(true);
        let f = some.expect("bound with example_fields");
        assert_eq!((f.rust.as_str(), &f.ty), ("seen_only_here", &TypeRef::Json));
        assert!(
            f.doc
                .contains("intune-onboarding-vpptoken-synclicenses.md:"),
            "{}",
            f.doc
        );
        assert!(diags
            .iter()
            .any(|d| d.code == "example-only-property" && d.message.contains("seenOnlyHere")));
    }

    /// The walk picks a derived type by its full `@odata.type` name, sub-namespace included,
    /// as the generated `Any*` enums do: an example-only property of a
    /// `#microsoft.graph.callRecords.participantEndpoint` lands on that struct, not on the
    /// base `callRecords.endpoint` it is declared as.
    #[test]
    fn example_only_properties_follow_namespaced_derived_types() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pages/namespaces");
        let mut model = crate::read::read_docs(&[root]);
        let op = model
            .operations
            .iter_mut()
            .find(|o| o.name == "callrecords-session-get")
            .expect("session page");
        let resp = op.examples[0].response.as_mut().expect("example response");
        let crate::model::Body::Json(body) = &resp.body else {
            panic!("JSON example")
        };
        let mut v = body.value();
        v["caller"]["region"] = serde_json::json!("emea");
        resp.body = crate::model::Body::Json(v.into());
        let p = plan(
            &model,
            &Filter {
                example_fields: true,
                ..Default::default()
            },
        );
        let holders: Vec<&str> = p.versions[0]
            .types
            .iter()
            .filter(|t| match &t.body {
                TypeBody::Struct { fields, .. } => fields.iter().any(|f| f.wire == "region"),
                _ => false,
            })
            .map(|t| t.wire.as_str())
            .collect();
        assert_eq!(holders, ["callRecords.participantEndpoint"]);
    }
}
