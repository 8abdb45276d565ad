//! Fields for properties that the docs' examples show but the property tables lack.
//!
//! A page's example is documentation too: when a response example carries `publicUrl` and the
//! resource's table does not, the service sends it, and a user should be able to read it. Each
//! such property becomes a field typed as JSON (`serde_json::Value`: the docs give no type),
//! named in its doc comment as seen only in an example, and `graphdoc check` still reports the
//! page (`example-undocumented-property`). Opt-in: `Filter::example_fields`.
//!
//! The walk follows the plan's own types (what the generated code deserializes into), so a
//! property lands on the struct that would otherwise have captured it as an extra.

use std::collections::BTreeMap;

use serde_json::Value;

use super::ir::{BodyPlan, EndpointPlan, FieldPlan, Shape, TypeBody, TypePlan, TypeRef};
use super::types::type_index;
use crate::diag::Diagnostic;
use crate::model::is_annotation;
use crate::naming::{self, Scope};

/// Where a property was first seen: page and line of the example.
type Seen = (String, usize);

/// Adds the example-only properties to the types and parameter bodies of one version.
pub fn add(types: &mut [TypePlan], endpoints: &mut [EndpointPlan], diags: &mut Vec<Diagnostic>) {
    let index = type_index(types);
    let mut on_types: BTreeMap<(usize, String), Seen> = BTreeMap::new();
    let mut on_bodies: BTreeMap<(usize, String), Seen> = BTreeMap::new();
    for (ei, e) in endpoints.iter().enumerate() {
        for ex in &e.examples {
            let seen = (ex.source.clone(), ex.line);
            let mut walk = Walk {
                types,
                index: &index,
                found: &mut on_types,
                seen: &seen,
            };
            if let (Some((_, body)), Some(ty)) = (&ex.response, &e.response.ty) {
                let body = &body.value();
                let items: Vec<&Value> = match e.response.shape {
                    Shape::Collection => match body.get("value") {
                        Some(Value::Array(items)) => items.iter().collect(),
                        _ => Vec::new(),
                    },
                    Shape::ValueWrapped => body.get("value").into_iter().collect(),
                    Shape::Plain => vec![body],
                    Shape::NoContent | Shape::Bytes | Shape::Count => Vec::new(),
                };
                for item in items {
                    walk.value(item, ty, false);
                }
            }
            let Some((_, _, _, Some(body))) = ex.request.as_ref().filter(|_| ex.graph_request)
            else {
                continue;
            };
            let body = &body.value();
            match &e.body {
                BodyPlan::Content => {}
                BodyPlan::Type(ty) => walk.value(body, ty, false),
                BodyPlan::Params { fields, .. } => {
                    if let Some(obj) = body.as_object() {
                        for (k, child) in obj {
                            match fields.iter().find(|f| f.wire == *k) {
                                Some(f) => walk.value(child, &f.ty, f.collection),
                                None if is_annotation(k) => {}
                                None => {
                                    on_bodies.entry((ei, k.clone())).or_insert(seen.clone());
                                }
                            }
                        }
                    }
                }
                BodyPlan::None => {}
            }
        }
    }
    for ((ti, wire), seen) in on_types {
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

/// Walks example JSON through the planned types, collecting properties no field holds.
struct Walk<'a> {
    types: &'a [TypePlan],
    index: &'a BTreeMap<String, usize>,
    found: &'a mut BTreeMap<(usize, String), Seen>,
    seen: &'a Seen,
}

impl Walk<'_> {
    fn value(&mut self, v: &Value, ty: &TypeRef, collection: bool) {
        if collection {
            if let Value::Array(items) = v {
                for item in items {
                    self.value(item, ty, false);
                }
            }
            return;
        }
        let TypeRef::Named(rust) = ty else { return };
        let Some(&ti) = self.index.get(rust) else {
            return;
        };
        let Value::Object(obj) = v else { return };
        match &self.types[ti].body {
            TypeBody::Struct { fields, .. } => {
                for (k, child) in obj {
                    match fields.iter().find(|f| f.wire == *k) {
                        Some(f) => {
                            let (fty, coll) = (f.ty.clone(), f.collection);
                            self.value(child, &fty, coll);
                        }
                        None if is_annotation(k) => {}
                        None => {
                            self.found
                                .entry((ti, k.clone()))
                                .or_insert_with(|| self.seen.clone());
                        }
                    }
                }
            }
            // The generated `Any*` enum picks the variant named by `@odata.type`, else the base.
            TypeBody::Poly { base, variants } => {
                let named = obj
                    .get("@odata.type")
                    .and_then(Value::as_str)
                    .and_then(|t| t.trim_start_matches('#').rsplit('.').next())
                    .and_then(|n| variants.iter().find(|v| v.wire == n));
                let pick = named
                    .map(|v| v.rust.clone())
                    .unwrap_or_else(|| base.clone());
                self.value(v, &TypeRef::Named(pick), false);
            }
            TypeBody::Enum { .. } => {}
        }
    }
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
}
