//! Types inferred from example JSON, for responses whose type no resource page in the docs
//! set defines: strings that are RFC 3339 timestamps, GUIDs or dates get those types; numbers,
//! booleans, nested objects and arrays are followed. Resource pages always win over inference.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::{bare_name, ApiVersion, Body, Edm, Operation, Property, TypeDef, TypeKind};

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && is_digits(&s[..4])
        && is_digits(&s[5..7])
        && is_digits(&s[8..])
}

/// `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)`.
pub fn is_timestamp(s: &str) -> bool {
    let Some((date, time)) = s.split_once('T') else {
        return false;
    };
    if !is_date(date) {
        return false;
    }
    let (clock, zone_ok) = if let Some(c) = time.strip_suffix('Z') {
        (c, true)
    } else if let Some(i) = time.rfind(['+', '-']) {
        let z = &time[i + 1..];
        (
            &time[..i],
            z.len() == 5 && z.as_bytes()[2] == b':' && is_digits(&z[..2]) && is_digits(&z[3..]),
        )
    } else {
        (time, false)
    };
    zone_ok && is_time_of_day(clock)
}

/// `HH:MM:SS[.f…]`: RFC 3339 (and the runtime's parser) require the seconds.
pub fn is_time_of_day(s: &str) -> bool {
    let (hms, frac) = s.split_once('.').unwrap_or((s, "0"));
    is_digits(frac)
        && hms.split(':').count() == 3
        && hms.split(':').all(|p| p.len() == 2 && is_digits(p))
}

/// `8-4-4-4-12` hex digits.
pub fn is_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Collects inferred types by lower-case name.
struct Inferrer<'a> {
    is_known: &'a dyn Fn(&str) -> bool,
    version: ApiVersion,
    source: &'a str,
    workload: Option<String>,
    types: BTreeMap<String, TypeDef>,
}

impl Inferrer<'_> {
    /// Infers `name` from an object, merging with what earlier examples showed.
    fn object(&mut self, name: &str, obj: &serde_json::Map<String, Value>) -> String {
        // A nested value of a type the docs define is that type. Otherwise the inferred type is
        // named after where it sits (`vppTokenTokenActionResults`), never after its
        // `@odata.type`: one example must not define a type every other page refers to.
        if let Some(t) = obj
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(bare_name)
        {
            if (self.is_known)(t) {
                return t.to_string();
            }
        }
        let name = name.to_string();
        let mut props = Vec::new();
        for (k, v) in obj {
            if crate::model::is_annotation(k) {
                continue;
            }
            let child = format!("{name}{}", crate::naming::camel(k));
            if let Some((type_name, collection)) = self.value(&child, v) {
                props.push(Property {
                    name: k.clone(),
                    type_name,
                    collection,
                    description: String::new(),
                    line: 0,
                    link: None,
                    values: Vec::new(),
                });
            }
        }
        let key = name.to_ascii_lowercase();
        let entry = self.types.entry(key).or_insert_with(|| TypeDef {
            version: self.version,
            name: name.clone(),
            kind: TypeKind::Complex,
            base: None,
            source: self.source.to_string(),
            line: 0,
            description: format!(
                "Inferred from the examples of `{}`; no resource page defines it.",
                self.source
            ),
            workload: self.workload.clone(),
            locale: "en-US".into(),
            properties: Vec::new(),
            relationships: Vec::new(),
            members: Vec::new(),
            flags: false,
            open: false,
            json: None,
            derived: Vec::new(),
            values: None,
        });
        for p in props {
            match entry.properties.iter_mut().find(|e| e.name == p.name) {
                // `null` or `[]` said nothing of the type; a value in another example does.
                Some(e) if e.type_name == UNSEEN => *e = p,
                Some(_) if p.type_name == UNSEEN => {}
                // Another example showed the property with another type: widen to one that
                // holds both (a GUID in one example and `"any"` in the next is a string).
                Some(e) if e.type_name != p.type_name || e.collection != p.collection => {
                    e.type_name = widen(&e.type_name, &p.type_name);
                    if e.collection != p.collection {
                        e.type_name = Edm::Untyped.name().into();
                    }
                }
                Some(_) => {}
                None => entry.properties.push(p),
            }
        }
        name
    }

    /// The type of a value; [`UNSEEN`] for `null` and empty arrays (nothing to infer from,
    /// but the property exists: the bindings must hold it).
    fn value(&mut self, name: &str, v: &Value) -> Option<(String, bool)> {
        Some(match v {
            Value::Null => (UNSEEN.into(), false),
            Value::Array(items) if items.iter().all(Value::is_null) => (UNSEEN.into(), true),
            Value::Bool(_) => (Edm::Boolean.name().into(), false),
            Value::Number(n) if n.is_f64() => (Edm::Double.name().into(), false),
            Value::Number(n) => {
                let fits = n.as_i64().is_some_and(|i| i32::try_from(i).is_ok());
                (
                    if fits { Edm::Int32 } else { Edm::Int64 }.name().into(),
                    false,
                )
            }
            Value::String(s) if is_timestamp(s) => (Edm::DateTimeOffset.name().into(), false),
            Value::String(s) if is_guid(s) => (Edm::Guid.name().into(), false),
            Value::String(s) if is_date(s) => (Edm::Date.name().into(), false),
            Value::String(_) => (Edm::String.name().into(), false),
            Value::Array(items) => {
                let first = items.iter().find(|i| !i.is_null())?;
                let mut t = None;
                for item in items.iter().filter(|i| i.is_object()) {
                    t = self.value(name, item);
                }
                (t.or_else(|| self.value(name, first))?.0, true)
            }
            Value::Object(o) => (self.object(name, o), false),
        })
    }
}

/// The type of a property whose examples show only `null` or `[]`, until one shows a value;
/// JSON if none does.
const UNSEEN: &str = "?";

/// Properties no example showed a value of are JSON.
fn settle(types: &mut BTreeMap<String, TypeDef>) {
    for p in types.values_mut().flat_map(|t| t.properties.iter_mut()) {
        if p.type_name == UNSEEN {
            p.type_name = Edm::Untyped.name().into();
        }
    }
}

/// The narrowest inferred type that holds values of both `a` and `b`.
fn widen(a: &str, b: &str) -> String {
    use Edm::*;
    let (x, y) = (Edm::parse(a), Edm::parse(b));
    let stringy = |t: Option<Edm>| matches!(t, Some(String | Guid | DateTimeOffset | Date));
    let rank = |t: Option<Edm>| match t {
        Some(Int32) => Some(0),
        Some(Int64) => Some(1),
        Some(Double) => Some(2),
        _ => None,
    };
    if a == b {
        a.to_string()
    } else if stringy(x) && stringy(y) {
        String.name().into()
    } else if let (Some(p), Some(q)) = (rank(x), rank(y)) {
        if p >= q { a } else { b }.to_string()
    } else {
        // Objects of two shapes, or a number and a string: only JSON holds both.
        Untyped.name().into()
    }
}

/// Types inferred for `version`'s operations whose response type no page of `model` defines.
pub fn infer_missing(
    model: &crate::model::Model,
    ops: &[&Operation],
    version: ApiVersion,
) -> Vec<TypeDef> {
    let known: std::collections::BTreeSet<String> = model
        .types
        .iter()
        .filter(|t| t.version == version)
        .map(|t| t.name.to_ascii_lowercase())
        .collect();
    infer(ops, version, &|n: &str| {
        known.contains(&n.to_ascii_lowercase())
    })
}

/// Types inferred for operations whose response or request body type `is_known` does not know.
pub fn infer(
    ops: &[&Operation],
    version: ApiVersion,
    is_known: &dyn Fn(&str) -> bool,
) -> Vec<TypeDef> {
    let mut all: BTreeMap<String, TypeDef> = BTreeMap::new();
    fn unknown<'o>(n: Option<&'o str>, is_known: &dyn Fn(&str) -> bool) -> Option<&'o str> {
        n.filter(|n| !n.starts_with("Edm.") && !is_known(n))
    }
    for op in ops {
        let response = unknown(op.response.type_name.as_deref(), is_known);
        // A body of a type without a page shows properties too (`channel-post`'s `members`).
        let request = match &op.request_body {
            crate::model::RequestBody::Type { type_name } => unknown(Some(type_name), is_known),
            _ => None,
        };
        if response.is_none() && request.is_none() {
            continue;
        }
        let mut inf = Inferrer {
            is_known,
            version,
            source: &op.source,
            workload: op.workload.clone(),
            types: std::mem::take(&mut all),
        };
        let bodies = op.examples.iter().flat_map(|e| {
            let resp = e.response.as_ref().map(|r| &r.body).zip(response);
            let req = e.request.as_ref().map(|r| &r.body).zip(request);
            resp.into_iter().chain(req)
        });
        for (body, name) in bodies {
            let Body::Json(body) = body else { continue };
            let body = body.value();
            // Collections and `{"value": …}` unwrap as `check` and the bindings read them.
            for item in super::walk::values(&body) {
                if let Value::Object(o) = item {
                    // The documented name wins over the example's `@odata.type`.
                    let mut o = o.clone();
                    o.remove("@odata.type");
                    inf.object(name, &o);
                }
            }
        }
        all = inf.types;
    }
    settle(&mut all);
    all.into_values().filter(|t| !is_known(&t.name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_shapes() {
        assert_eq!(widen("Edm.Guid", "Edm.String"), "Edm.String");
        assert_eq!(widen("Edm.Int32", "Edm.Double"), "Edm.Double");
        assert_eq!(widen("Edm.Int64", "Edm.Int32"), "Edm.Int64");
        assert_eq!(widen("Edm.Int32", "Edm.String"), "Edm.Untyped");
        assert_eq!(widen("vppTokenX", "Edm.String"), "Edm.Untyped");
        assert!(is_timestamp("2016-12-31T23:57:57.2481234-08:00"));
        assert!(is_timestamp("2021-01-01T00:00:00Z"));
        assert!(!is_timestamp("2021-01-01"));
        assert!(!is_timestamp("2021-01-01T00:00:00"));
        assert!(is_guid("9ceb2f92-2f92-9ceb-922f-eb9c922feb9c"));
        assert!(!is_guid("9ceb2f92-2f92-9ceb-922f"));
        assert!(is_date("2021-03-04"));
    }

    #[test]
    fn nested_inference() {
        let v: Value = serde_json::json!({
            "id": "9ceb2f92-2f92-9ceb-922f-eb9c922feb9c",
            "when": "2016-12-31T23:57:57.2481234-08:00",
            "count": 3,
            "big": 9_000_000_000i64,
            "ok": true,
            "tags": ["a"],
            "results": [{"@odata.type": "microsoft.graph.result", "name": "x"}],
            "nothing": null
        });
        let mut inf = Inferrer {
            is_known: &|_| false,
            version: ApiVersion::Beta,
            source: "p.md",
            workload: None,
            types: BTreeMap::new(),
        };
        inf.object("thing", v.as_object().unwrap());
        // A later example shows a value where the first had `null` or `[]`.
        let later = serde_json::json!({"nothing": null, "later": "x", "none": []});
        inf.object("thing", later.as_object().unwrap());
        let again = serde_json::json!({"later": null, "none": [1]});
        inf.object("thing", again.as_object().unwrap());
        settle(&mut inf.types);
        let t = &inf.types["thing"];
        let get = |n: &str| {
            t.properties
                .iter()
                .find(|p| p.name == n)
                .map(|p| (p.type_name.as_str(), p.collection))
        };
        assert_eq!(get("id"), Some(("Edm.Guid", false)));
        assert_eq!(get("when"), Some(("Edm.DateTimeOffset", false)));
        assert_eq!(get("count"), Some(("Edm.Int32", false)));
        assert_eq!(get("big"), Some(("Edm.Int64", false)));
        assert_eq!(get("tags"), Some(("Edm.String", true)));
        assert_eq!(get("results"), Some(("thingResults", true)));
        assert_eq!(get("nothing"), Some(("Edm.Untyped", false)));
        assert_eq!(get("later"), Some(("Edm.String", false)));
        assert_eq!(get("none"), Some(("Edm.Int32", true)));
        assert!(inf.types.contains_key("thingresults"));
    }
}
