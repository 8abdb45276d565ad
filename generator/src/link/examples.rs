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
