//! The resolved API as an index (`graphdoc model --resolved`): one entry per operation, with
//! the pages behind it and the Rust items the generated crate has for it, for editors, docs
//! search and other tools. It is computed from the same plan the crate is emitted from.

use serde::Serialize;

use super::version_module;
use crate::model::{Model, Permissions};
use crate::plan::{plan, BodyPlan, EndpointPlan, Filter, Shape, TypeRef};

/// One operation of the resolved API.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedOperation {
    /// `v1.0` or `beta`.
    pub version: &'static str,
    /// HTTP method.
    pub method: String,
    /// The canonical path: parameters as `{}`, literals in lower case.
    pub canonical_path: String,
    /// Every form the pages write the path in, the primary page's first.
    pub paths: Vec<String>,
    /// The pages that document the operation, the primary page first.
    pub pages: Vec<String>,
    /// Permissions of all its pages, least privileged first.
    pub permissions: Permissions,
    /// The pages' workloads (`ms.prod`), where given.
    pub workloads: Vec<String>,
    /// The cargo features that compile its function (any of them).
    pub features: Vec<String>,
    /// The function's full path in the generated crate (`v1_0::users::list`).
    pub function: String,
    /// Its arguments, in order (`body` last where it takes one).
    pub arguments: Vec<String>,
    /// The Rust type of the request body, if any.
    pub body: Option<String>,
    /// The Rust type `parse_response` returns.
    pub response: String,
}

/// A type as Rust code writes it, from the crate root.
fn rust_type(t: &TypeRef, version: &str) -> String {
    match t {
        TypeRef::Named(n) => format!("{version}::types::{n}"),
        TypeRef::Json => "serde_json::Value".to_string(),
        TypeRef::Prim(_) => super::types::type_ref(t, &proc_macro2::TokenStream::new())
            .to_string()
            .replace(' ', ""),
    }
}

fn entry(e: &EndpointPlan, version: crate::model::ApiVersion) -> ResolvedOperation {
    let m = version_module(version);
    let module = format!("{m}::{}", e.module.join("::"));
    let mut arguments: Vec<String> = e.params.iter().map(|p| p.rust.clone()).collect();
    let body = match &e.body {
        BodyPlan::None => None,
        BodyPlan::Content => Some("&[u8]".to_string()),
        BodyPlan::Type(t) => Some(rust_type(t, m)),
        BodyPlan::Params { rust, .. } => Some(format!("{module}::{rust}")),
    };
    if let Some(b) = &body {
        arguments.push(if b == "&[u8]" { "content" } else { "body" }.into());
    }
    let response = match (&e.response.ty, e.response.shape) {
        (_, Shape::Bytes) => "Bytes".to_string(),
        (_, Shape::Count) => "i64".to_string(),
        (_, Shape::NoContent) | (None, _) => "()".to_string(),
        (Some(t), Shape::Collection) => format!("Page<{}>", rust_type(t, m)),
        (Some(t), _) => rust_type(t, m),
    };
    // The plan marks only typed values optional (never bytes, counts or no content).
    let response = if e.response.optional {
        format!("Option<{response}>")
    } else {
        response
    };
    let mut workloads: Vec<String> = e.pages.iter().filter_map(|p| p.workload.clone()).collect();
    workloads.sort();
    workloads.dedup();
    ResolvedOperation {
        version: version.as_str(),
        method: e.method.clone(),
        canonical_path: crate::link::path::key(&e.method, &e.pieces).1,
        paths: e.path_forms.clone(),
        pages: e.pages.iter().map(|p| p.source.clone()).collect(),
        permissions: e.permissions.clone(),
        workloads,
        features: e.features.iter().cloned().collect(),
        function: format!("{module}::{}", e.rust.trim_start_matches("r#")),
        arguments,
        body,
        response,
    }
}

/// The resolved operations of a model under a filter, in version, module and name order.
pub fn resolved(model: &Model, filter: &Filter) -> Vec<ResolvedOperation> {
    plan(model, filter)
        .versions
        .iter()
        .flat_map(|vp| vp.endpoints.iter().map(|e| entry(e, vp.version)))
        .collect()
}
