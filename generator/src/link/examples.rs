//! What an example body shows about its response's shape (a page of a collection, one object, a
//! `value` wrapper) and whether example requests send JSON: read the same way by planning,
//! inference and `check`.

use crate::model::{Body, Operation};

/// The `value` of a body that is `{"value": …}` plus `@odata.*` annotations and nothing else.
pub(crate) fn wrapped_value(body: Option<&serde_json::Value>) -> Option<&serde_json::Value> {
    let obj = body?.as_object()?;
    let value = obj.get("value")?;
    obj.keys()
        .all(|k| k == "value" || k.starts_with("@odata"))
        .then_some(value)
}

/// `{"value": [...]}` (plus `@odata.*` annotations) with nothing else: a page of a collection.
pub fn is_collection_page(body: Option<&serde_json::Value>) -> bool {
    wrapped_value(body).is_some_and(|v| v.is_array())
}

/// An example body that is one object, not a page (`chat-get`: the prose says "a collection of
/// chat objects", the example and the service return one chat).
pub fn is_single_object(body: Option<&serde_json::Value>) -> bool {
    body.and_then(|b| b.as_object())
        .is_some_and(|o| !o.contains_key("value") && o.keys().any(|k| !k.starts_with('@')))
}

/// `{"value": {...}}` (plus `@odata.*` annotations) with nothing else.
pub(crate) fn is_value_wrapper(body: Option<&serde_json::Value>) -> bool {
    wrapped_value(body).is_some_and(|v| !v.is_array())
}

/// Whether an example request of a POST, PUT or PATCH carries a JSON body.
pub fn example_sends_json(op: &Operation) -> bool {
    ["POST", "PUT", "PATCH"]
        .iter()
        .any(|m| example_sends_json_with(op, m))
}

/// Whether an example request with this method carries a JSON body.
pub(crate) fn example_sends_json_with(op: &Operation, method: &str) -> bool {
    op.examples
        .iter()
        .filter_map(|e| e.request.as_ref())
        .any(|r| matches!(r.body, Body::Json(_)) && r.method.eq_ignore_ascii_case(method))
}

/// The type an example response documents itself as, where that is not its page's response
/// type: the body's `@odata.type` (of the object, or of a page's first item), else the
/// block's `@odata.type` annotation, else a type cast ending the request URL
/// (`/memberOf/microsoft.graph.group`); the first of these that names a type of the version
/// decides. `None` when it is the page's own type, when the body's `@odata.type` names a type
/// derived from it (read through the base, as the bindings read it), or when the page names a
/// response type no page defines (or a primitive). A page that names no response type at all
/// (site-get.md has no Response section) is typed by its examples this way.
pub fn own_type<'v>(
    version: &'v super::Version,
    model: &'v crate::model::Model,
    op: &Operation,
    ex: &crate::model::Example,
) -> Option<&'v crate::model::TypeDef> {
    let resp = ex.response.as_ref()?;
    let declared = match op.response.type_name.as_deref() {
        Some(n) => Some(version.find_type(model, n)?),
        None => None,
    };
    let body = match &resp.body {
        Body::Json(j) => Some(j.value()),
        _ => None,
    };
    // The values' `@odata.type`, when they all name one (a delta page of users, groups and
    // contacts is none of them).
    let in_body = body.as_ref().and_then(|b| {
        let mut names = super::walk::values(b)
            .into_iter()
            .map(|v| v.get("@odata.type").and_then(|t| t.as_str()));
        let first = names.next()??;
        names.all(|n| n == Some(first)).then(|| first.to_string())
    });
    let cast = ex
        .request
        .as_ref()
        .and_then(|r| r.path.trim_end_matches('/').rsplit('/').next())
        .filter(|s| s.starts_with("microsoft.graph."))
        .map(str::to_string);
    let named = [
        (in_body, true),
        (resp.odata_type.clone(), false),
        (cast, false),
    ];
    let (t, from_body) = named.into_iter().find_map(|(n, from_body)| {
        let n = n?;
        // `"@odata.type": "Collection(microsoft.graph.driveItem)"` names the items' type.
        let n = crate::model::bare_name(crate::model::collection_item(&n).unwrap_or(&n));
        let t = version.find_type(model, n)?;
        // The service and the bindings match `@odata.type` by its exact name: a miscased one
        // is the walk's finding, not the example's type.
        (!from_body || t.name == n).then_some((t, from_body))
    })?;
    if t.kind == crate::model::TypeKind::Enum {
        return None;
    }
    let Some(declared) = declared else {
        return Some(t);
    };
    let same = |a: &crate::model::TypeDef| a.name.eq_ignore_ascii_case(&declared.name);
    if same(t) || (from_body && model.ancestors(t).iter().any(|a| same(a))) {
        return None;
    }
    Some(t)
}

/// The primitive an example response of a page that names no response type annotates itself
/// as (`"@odata.type": "Edm.String"` on chart-image.md, `"string"`): `Edm.Untyped` and types
/// of the `microsoft.graph` namespace aside.
pub fn own_primitive(op: &Operation, ex: &crate::model::Example) -> Option<crate::model::Edm> {
    if op.response.type_name.is_some() {
        return None;
    }
    let name = ex.response.as_ref()?.odata_type.as_deref()?;
    let name = crate::model::collection_item(name)
        .unwrap_or(name)
        .trim_start_matches('#');
    if name.contains("graph.") {
        return None;
    }
    crate::model::Edm::from_word(name).filter(|e| *e != crate::model::Edm::Untyped)
}
