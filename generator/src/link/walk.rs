//! One walk of example JSON against the linked types, shared by `check` (findings) and the
//! plan's `--example-fields` pass (properties no field holds), which read what it meets
//! through [`Visit`]; inference takes the same unwrapped values ([`values`]). So all agree on
//! how a body unwraps, which derived type an `@odata.type` selects and which members a type
//! has (inherited ones included).

use serde_json::Value;

use super::infer::{is_date, is_guid, is_time_of_day, is_timestamp};
use super::Version;
use crate::diag::Code;
use crate::model::{Edm, Model, Property, TypeDef, TypeKind};

/// What a walk tells its user. Every method does nothing by default.
pub trait Visit {
    /// A value contradicts its documented type (`example-type-mismatch`), or names no member
    /// of its enum (`example-unknown-member`).
    fn problem(&mut self, code: Code, message: String) {
        let _ = (code, message);
    }
    /// `path.key` is no documented member of `owner` (`None`: of a request's parameters);
    /// `what` names the owner for messages.
    fn undocumented(&mut self, owner: Option<&TypeDef>, what: &str, path: &str, key: &str) {
        let _ = (owner, what, path, key);
    }
}

/// The values of a documented type in an example body: the items of a collection page
/// (`{"value": [...]}`), the object of a `{"value": {...}}` wrapper (`@odata.*` annotations
/// aside), else the body itself.
pub fn values(body: &Value) -> Vec<&Value> {
    match body.get("value") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v)
            if body
                .as_object()
                .is_some_and(|o| o.keys().all(|k| k == "value" || k.starts_with('@'))) =>
        {
            vec![v]
        }
        _ => vec![body],
    }
}

/// Keys of a collection page other than `value` and `@odata.*` annotations: a page holds
/// nothing else (`odata.context` without its `@` is a typo the bindings cannot place).
pub fn stray_page_keys(body: &Value) -> Vec<&str> {
    if !matches!(body.get("value"), Some(Value::Array(_))) {
        return Vec::new();
    }
    body.as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k.as_str())
        .filter(|k| *k != "value" && !crate::model::is_annotation(k))
        .collect()
}

/// Walks example values against the types of one linked version, telling `visit` what it meets.
pub struct Walker<'a, V: Visit + ?Sized> {
    /// The version whose types the values are read as.
    pub types: &'a Version<'a>,
    /// The model, for bases and inherited members.
    pub model: &'a Model,
    /// Told of every finding.
    pub visit: &'a mut V,
}

impl<V: Visit + ?Sized> Walker<'_, V> {
    /// Reports a value that contradicts its type.
    pub fn report(&mut self, code: Code, message: String) {
        self.visit.problem(code, message);
    }

    /// Walks `v` as a `type_name` (a collection of them when `collection`) found at `path`.
    pub fn value(&mut self, v: &Value, type_name: &str, collection: bool, path: &str) {
        if v.is_null() {
            return;
        }
        if collection {
            match v {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(item, type_name, false, &format!("{path}[{i}]"));
                    }
                }
                _ => self.report(
                    Code::ExampleTypeMismatch,
                    format!(
                        "`{path}` should be a collection of {type_name}, the example has {}",
                        kind(v)
                    ),
                ),
            }
            return;
        }
        if let Some(prim) = Edm::parse(type_name) {
            if let Some(problem) = primitive_problem(prim, v) {
                self.report(
                    Code::ExampleTypeMismatch,
                    format!("`{path}` is documented as {type_name} but the example has {problem}"),
                );
            }
            return;
        }
        let Some(t) = self.types.find_type(self.model, type_name) else {
            return;
        };
        match t.kind {
            TypeKind::Enum => self.enum_value(t, v, path),
            _ => self.object(t, v, path),
        }
    }

    fn enum_value(&mut self, t: &TypeDef, v: &Value, path: &str) {
        let Some(s) = v.as_str() else {
            self.report(
                Code::ExampleTypeMismatch,
                format!(
                    "`{path}` is the enum {} but the example has {}",
                    t.name,
                    kind(v)
                ),
            );
            return;
        };
        if t.members.is_empty() {
            return;
        }
        // Flag enums carry comma-separated members. The bindings read a member written in
        // another case as that member, but the docs still disagree with themselves.
        for part in s.split(',').map(str::trim) {
            if t.members.iter().any(|m| m.name == part) {
                continue;
            }
            match t.members.iter().find(|m| m.name.eq_ignore_ascii_case(part)) {
                Some(m) => self.report(
                    Code::ExampleMemberCase,
                    format!(
                        "`{path}` = `{part}` is the member `{}` of {} but for case",
                        m.name, t.name
                    ),
                ),
                None => self.report(
                    Code::ExampleUnknownMember,
                    format!("`{path}` = `{part}` is not a member of {}", t.name),
                ),
            }
        }
    }

    fn object(&mut self, t: &TypeDef, v: &Value, path: &str) {
        let Some(obj) = v.as_object() else {
            self.report(
                Code::ExampleTypeMismatch,
                format!(
                    "`{path}` is documented as {} but the example has {}",
                    t.name,
                    kind(v)
                ),
            );
            return;
        };
        // A derived type named by `@odata.type` brings its own properties, when its page says
        // it derives from `t` (the bindings read only those as `t`'s variants).
        let odata_type = obj
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(crate::model::bare_name);
        let named = odata_type
            .and_then(|n| self.types.find_type(self.model, n).map(|d| (n, d)))
            .filter(|(_, d)| d.kind != TypeKind::Enum && !d.name.eq_ignore_ascii_case(&t.name))
            .and_then(|(n, d)| {
                // Type names are case-sensitive: the bindings read a miscased one as the base.
                if n == d.name {
                    return Some(d);
                }
                let message = if n.eq_ignore_ascii_case(&d.name) {
                    format!(
                        "`{path}.@odata.type` names `{n}`, but the type is spelled `{}` (names are case-sensitive)",
                        d.name
                    )
                } else {
                    // `#microsoft.education.assignments.api.x`: a service-internal name.
                    format!(
                        "`{path}.@odata.type` names `{n}`, which is not the Graph name of `{}` (`#microsoft.graph.{}`)",
                        d.name, d.name
                    )
                };
                self.report(Code::ExampleTypeMismatch, message);
                None
            });
        let derived = named.filter(|d| {
            self.model
                .ancestors(d)
                .iter()
                .any(|a| a.name.eq_ignore_ascii_case(&t.name))
        });
        let actual = derived.unwrap_or(t);
        let what = match named.filter(|_| derived.is_none()) {
            Some(d) => format!(
                "{} (the example's `@odata.type` {} is not documented as derived from it)",
                t.name, d.name
            ),
            None => actual.name.clone(),
        };
        let members = self.model.all_members(actual);
        self.members(v, Some(actual), &members, &what, path);
    }

    /// A string property whose page lists its values (`### roles property values`): each
    /// string the example gives must be one of them.
    fn listed_values(&mut self, p: &Property, v: &Value, path: &str) {
        if p.values.is_empty() {
            return;
        }
        let strings: Vec<&str> = match v {
            Value::String(s) => vec![s],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        for s in strings {
            if !p.values.iter().any(|m| m.name == s) {
                self.report(
                    Code::ExampleUnknownMember,
                    format!(
                        "`{path}` = `{s}` is not one of the values the page lists for `{}`",
                        p.name
                    ),
                );
            }
        }
    }

    /// Walks an object's properties against documented members: those of `owner`, or a
    /// request's parameters when `owner` is `None` (`what` names the owner in messages).
    pub fn members(
        &mut self,
        v: &Value,
        owner: Option<&TypeDef>,
        members: &[&Property],
        what: &str,
        path: &str,
    ) {
        let Some(obj) = v.as_object() else {
            self.report(
                Code::ExampleTypeMismatch,
                format!(
                    "`{path}` should be an object ({what}) but the example has {}",
                    kind(v)
                ),
            );
            return;
        };
        // A type that documents no property at all (an abstract base whose derived type has no
        // page) cannot hold any: every property of the example is undocumented.
        for (k, child) in obj {
            if crate::model::is_annotation(k) {
                continue;
            }
            match members.iter().find(|p| p.name == *k) {
                Some(p) => {
                    let (ty, coll) = (p.type_name.clone(), p.collection);
                    self.value(child, &ty, coll, &format!("{path}.{k}"));
                    self.listed_values(p, child, &format!("{path}.{k}"));
                }
                // An open type used as a dictionary: each member is a value of its type.
                None => match owner.filter(|o| o.open).and_then(|o| o.values.as_deref()) {
                    Some(values) => self.value(child, values, false, &format!("{path}.{k}")),
                    None => self.visit.undocumented(owner, what, path, k),
                },
            }
        }
    }
}

fn is_base64(s: &str) -> bool {
    let s = s.trim();
    s.len() % 4 == 0
        && s.trim_end_matches('=')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        && s.len() - s.trim_end_matches('=').len() <= 2
}

pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What is wrong with a value for a primitive type, if anything. Graph writes Int64 and Decimal
/// as strings in some payloads, so numeric strings are accepted there.
pub(crate) fn primitive_problem(prim: Edm, v: &Value) -> Option<String> {
    use Edm::*;
    let bad = |what: &str| Some(what.to_string());
    match (prim, v) {
        (String, Value::String(_)) => None,
        (Boolean, Value::Bool(_)) => None,
        (Int16 | Int32 | Int64 | Byte | SByte, Value::Number(n)) if n.is_i64() || n.is_u64() => {
            None
        }
        (Int64 | Decimal, Value::String(s)) if s.parse::<f64>().is_ok() => None,
        (Single | Double | Decimal, Value::Number(_)) => None,
        (Single | Double, Value::String(s)) if matches!(s.as_str(), "NaN" | "INF" | "-INF") => None,
        (Guid, Value::String(s)) if is_guid(s) => None,
        (Guid, Value::String(s)) => bad(&format!("`{s}`, not a GUID")),
        (DateTimeOffset, Value::String(s)) if is_timestamp(s) => None,
        (DateTimeOffset, Value::String(s)) => bad(&format!("`{s}`, not an RFC 3339 timestamp")),
        (Binary, Value::String(s)) if !is_base64(s) => bad(&format!("`{s}`, not base64")),
        (Date, Value::String(s)) if !is_date(s) => bad(&format!("`{s}`, not a date (YYYY-MM-DD)")),
        (TimeOfDay, Value::String(s)) if !is_time_of_day(s) => {
            bad(&format!("`{s}`, not a time of day (HH:MM:SS)"))
        }
        (Date | TimeOfDay | Duration | Binary | Stream, Value::String(_)) => None,
        (Untyped, _) => None,
        (_, v) => bad(kind(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn primitives() {
        assert_eq!(primitive_problem(Edm::Int32, &json!(3)), None);
        assert_eq!(
            primitive_problem(Edm::Int32, &json!("3")).as_deref(),
            Some("a string")
        );
        assert_eq!(primitive_problem(Edm::Int64, &json!("3")), None);
        assert!(primitive_problem(Edm::DateTimeOffset, &json!("yesterday")).is_some());
        assert_eq!(
            primitive_problem(
                Edm::DateTimeOffset,
                &json!("2016-12-31T23:57:57.2481234-08:00")
            ),
            None
        );
        assert!(primitive_problem(Edm::Guid, &json!("Guid value")).is_some());
        assert_eq!(primitive_problem(Edm::Boolean, &json!(true)), None);
        assert_eq!(primitive_problem(Edm::Binary, &json!("aGVsbG8=")), None);
        assert_eq!(primitive_problem(Edm::Date, &json!("2021-06-30")), None);
        assert!(primitive_problem(Edm::Date, &json!("Date")).is_some());
        assert_eq!(
            primitive_problem(Edm::TimeOfDay, &json!("08:30:00.0000000")),
            None
        );
        assert!(primitive_problem(Edm::TimeOfDay, &json!("8:30")).is_some());
        assert!(primitive_problem(Edm::DateTimeOffset, &json!("2021-06-30T08:30Z")).is_some());
        assert!(primitive_problem(Edm::Binary, &json!("Binary value.")).is_some());
    }

    /// A page, a wrapped value and a plain body unwrap to the values of the type; only a
    /// page's own keys besides `value` and annotations are stray.
    #[test]
    fn bodies_unwrap_to_values() {
        let page =
            json!({"@odata.context": "x", "value": [{"a": 1}, {"a": 2}], "odata.nextLink": "y"});
        assert_eq!(values(&page).len(), 2);
        assert_eq!(stray_page_keys(&page), ["odata.nextLink"]);
        let wrapped = json!({"@odata.context": "x", "value": {"a": 1}});
        assert_eq!(values(&wrapped), [&json!({"a": 1})]);
        // A type with a `value` property is not a wrapper.
        let own = json!({"id": "1", "value": "text"});
        assert_eq!(values(&own), [&own]);
        assert!(stray_page_keys(&own).is_empty());
    }
}
