//! Helpers for the generated example tests: an example response read into the typed
//! value, checked for undefined properties and round-tripped; an example request compared
//! with the one an endpoint function builds.

use crate::{ApiRequest, Strict};
use serde::{de::DeserializeOwned, Serialize};
/// Parses an example response with the request's endpoint, then checks that no
/// property was left undefined and that the value survives a serialize/deserialize
/// round trip (values compared typed: timestamps as instants).
pub fn check_response<T>(req: &ApiRequest<T>, status: u16, body: &str) -> Result<(), String>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug + Strict,
{
    // An error the page documents (`422` with Graph's error body) is read as that error.
    if status >= 400 {
        return match req.parse_response(status, body.as_bytes()) {
            Err(crate::Error::Graph { .. }) => Ok(()),
            Err(e) => Err(format!(
                "the example is an error response without Graph's error body: {e}"
            )),
            Ok(_) => Err(format!("status {status} was read as a success")),
        };
    }
    let value = req
        .parse_response(status, body.as_bytes())
        .map_err(|e| format!("example does not deserialize into the response type: {e}"))?;
    let mut unknown = Vec::new();
    value.unknown_fields("$", &mut unknown);
    if !unknown.is_empty() {
        return Err(format!(
            "example has properties the type does not define: {}",
            unknown.join(", ")
        ));
    }
    let json = crate::to_value(&value).map_err(|e| format!("cannot serialize: {e}"))?;
    let again: T = crate::from_value(json.clone())
        .map_err(|e| format!("serialized value does not read back: {e}: {json}"))?;
    if again != value {
        return Err(format!(
            "value changed in a round trip:\n before: {value:?}\n after: {again:?}"
        ));
    }
    Ok(())
}
/// [`check_response`] in a generated test: panics naming the example's page and line.
#[track_caller]
pub fn response_example<T>(at: &str, req: &ApiRequest<T>, status: u16, body: &str)
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug + Strict,
{
    if let Err(e) = check_response(req, status, body) {
        panic!("{at}: {e}");
    }
}
/// [`check_request`] in a generated test: panics naming the example's page and line.
#[track_caller]
pub fn request_example<T>(
    at: &str,
    req: &ApiRequest<T>,
    method: &str,
    path: &str,
    query: &str,
    body: Option<&str>,
) {
    if let Err(e) = check_request(req, method, path, query, body) {
        panic!("{at}: {e}");
    }
}
/// An example request body read into the endpoint's body type; panics, naming the
/// example's page and line, when it does not fit or has undefined properties.
#[track_caller]
pub fn example_body<B: DeserializeOwned + Strict>(at: &str, json: &str) -> B {
    let body: B = serde_json::from_str::<serde_json::Value>(json)
        .and_then(crate::from_value)
        .unwrap_or_else(|e| panic!("{at}: example body does not fit the request type: {e}"));
    let mut unknown = Vec::new();
    body.unknown_fields("$", &mut unknown);
    assert!(
        unknown.is_empty(),
        "{at}: example body has properties the type does not define: {unknown:?}"
    );
    body
}
fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}
/// Drops `null` members: an absent optional property serializes as nothing.
fn without_nulls(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(o) => serde_json::Value::Object(
            o.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        serde_json::Value::Array(a) => {
            serde_json::Value::Array(a.into_iter().map(without_nulls).collect())
        }
        other => other,
    }
}
/// Checks that a request built by an endpoint function is the example request: same
/// method, path and query (compared decoded) and the same JSON body.
pub fn check_request<T>(
    req: &ApiRequest<T>,
    method: &str,
    path: &str,
    query: &str,
    body: Option<&str>,
) -> Result<(), String> {
    if !req.method().as_str().eq_ignore_ascii_case(method) {
        return Err(format!("method {} instead of {method}", req.method()));
    }
    if !decode(req.path()).eq_ignore_ascii_case(&decode(path)) {
        return Err(format!("path `{}` instead of `{path}`", decode(req.path())));
    }
    let q = |s: &str| decode(&s.trim_matches('&').replace('+', " "));
    if q(&req.query_string()) != q(query) {
        return Err(format!(
            "query `{}` instead of `{query}`",
            decode(&req.query_string())
        ));
    }
    match (body, req.body()) {
        (None, None) => Ok(()),
        (Some(expected), Some(actual)) => {
            let e: serde_json::Value = serde_json::from_str(expected).map_err(|e| e.to_string())?;
            let a: serde_json::Value = serde_json::from_slice(actual).map_err(|e| e.to_string())?;
            if same_json(&without_nulls(e.clone()), &without_nulls(a.clone())) {
                Ok(())
            } else {
                Err(format!("body {a} instead of {e}"))
            }
        }
        (Some(_), None) => Err("the endpoint sends no body but the example has one".into()),
        // An endpoint that sends content gets none in a test whose example shows bytes the docs
        // cannot hold as JSON (a photo): nothing to compare.
        (None, Some(actual)) if actual == b"{}" || actual.is_empty() => Ok(()),
        (None, Some(_)) => Err("the endpoint sends a body but the example has none".into()),
    }
}
/// JSON equality where timestamps compare as instants, GUIDs as UUIDs (any case) and
/// numbers as numbers (to `f32` precision, the narrowest documented float).
pub fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (a, b) {
        (V::String(x), V::String(y)) => {
            let time = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M:%S%.f");
            x == y
                || matches!(
                    (chrono::DateTime::parse_from_rfc3339(x),
                    chrono::DateTime::parse_from_rfc3339(y)), (Ok(p), Ok(q)) if p
                    == q
                )
                || matches!((time(x), time(y)), (Ok(p), Ok(q)) if p == q)
                || matches!(
                    (uuid::Uuid::try_parse(x), uuid::Uuid::try_parse(y)), (Ok(p),
                    Ok(q)) if p == q
                )
        }
        (V::Number(x), V::Number(y)) => {
            x == y || x.as_f64().map(|v| v as f32) == y.as_f64().map(|v| v as f32)
        }
        (V::Array(x), V::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (V::Object(x), V::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
