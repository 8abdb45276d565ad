//! Generated structs and enums as JSON: the generic code behind `graph_object!` and
//! `graph_enum!`, and the [`Strict`] walk that finds properties a type does not define.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;

/// A JSON object's members: the type of a generated struct's map of the properties the docs
/// do not define.
pub type JsonObject = BTreeMap<String, serde_json::Value>;

/// Finds properties a value carries that its type does not define. Example tests assert this
/// finds nothing, so no documented property is dropped silently.
pub trait Strict {
    /// Appends `path.property` for every undefined property and `path: member` for every enum
    /// value outside the documented members.
    fn unknown_fields(&self, path: &str, out: &mut Vec<String>);
}

/// Reports the keys of an extras map, `@odata.*` annotations aside.
#[doc(hidden)]
pub fn report_extras(extra: &JsonObject, path: &str, out: &mut Vec<String>) {
    for k in extra.keys() {
        if !k.starts_with('@') && !k.contains("@odata.") {
            out.push(format!("{path}.{k}"));
        }
    }
}

/// A generated struct as a JSON object: its members by wire name and its extras map.
/// `graph_object!` implements it from the fields' wire names, and the struct's `Serialize`,
/// `Deserialize` and [`Strict`] call the generic code below: serde's derives emit some thirty
/// lines a field, and type-checking those was most of a generated crate's build time; here a
/// field is a line in each of two methods. The JSON is the same: members written in field
/// order, absent ones skipped; read in one pass, each member by its wire name (a repeated
/// one: the last wins), others into the extras map.
#[doc(hidden)]
pub trait Object: Default {
    /// Writes the present fields, in order, then the extras.
    fn write_members<M: serde::ser::SerializeMap>(
        &self,
        m: &mut M,
        state: &mut WriteState<M::Error>,
    ) -> Result<(), M::Error>;
    /// Reads the value of member `key` into its field, or into the extras.
    fn read_member<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        key: String,
        map: &mut A,
    ) -> Result<(), A::Error>;
    /// The `Strict` walk: extras, then fields of generated types.
    fn walk(&self, path: &str, out: &mut Vec<String>);
    /// The extras map.
    fn extras_mut(&mut self) -> &mut JsonObject;
}

/// What writing a struct's members has done so far: the first error, the members written (so
/// an extra entry cannot repeat one), and, when locating a field by its address, its name.
#[doc(hidden)]
pub struct WriteState<E> {
    result: Result<(), E>,
    written: Vec<&'static str>,
    target: *const u8,
    found: Option<&'static str>,
}

impl<E> WriteState<E> {
    fn new(target: *const u8) -> Self {
        WriteState {
            result: Ok(()),
            written: Vec::new(),
            target,
            found: None,
        }
    }
}

/// Writes a generated struct as a JSON object.
#[doc(hidden)]
pub fn write_object<T: Object, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap as _;
    let mut m = s.serialize_map(None)?;
    v.write_members(&mut m, &mut WriteState::new(std::ptr::null()))?;
    m.end()
}

/// Writes member `key` when the field is present (and notes the field's name when its address
/// is the one being located).
#[doc(hidden)]
pub fn write_member<M: serde::ser::SerializeMap, T: Serialize>(
    m: &mut M,
    state: &mut WriteState<M::Error>,
    key: &'static str,
    v: &Option<T>,
) {
    if std::ptr::eq(v as *const Option<T> as *const u8, state.target) {
        state.found = Some(key);
    }
    if let (Ok(()), Some(v)) = (&state.result, v) {
        state.result = m.serialize_entry(key, v);
        state.written.push(key);
    }
}

/// Writes the extras map's members, unless writing the fields failed. An extra member named as
/// one of the type's `fields` is the field's explicit `null` (from [`Update::set_null`]) when
/// the field was not written and the member is `null`; anything else is an error, not a second
/// member or a silent override.
#[doc(hidden)]
pub fn write_extras<M: serde::ser::SerializeMap>(
    m: &mut M,
    state: &mut WriteState<M::Error>,
    extras: &JsonObject,
    fields: &[&str],
) -> Result<(), M::Error> {
    std::mem::replace(&mut state.result, Ok(()))?;
    for (k, v) in extras {
        if fields.contains(&k.as_str()) && (state.written.contains(&k.as_str()) || !v.is_null()) {
            return Err(serde::ser::Error::custom(format_args!(
                "`{k}` is both a typed field and an entry of `extra`; set the field, or clear it with set_null"
            )));
        }
        m.serialize_entry(k, v)?;
    }
    Ok(())
}

/// A map that keeps nothing: writing a struct into it finds a field's name by its address.
struct Locate;

impl serde::ser::SerializeMap for Locate {
    type Ok = ();
    type Error = serde::de::value::Error;
    fn serialize_key<K: Serialize + ?Sized>(&mut self, _: &K) -> Result<(), Self::Error> {
        Ok(())
    }
    fn serialize_value<V: Serialize + ?Sized>(&mut self, _: &V) -> Result<(), Self::Error> {
        Ok(())
    }
    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// Sending `null` for a property (a PATCH that clears it), by the field, typed: no strings, no
/// JSON values. Implemented for every generated struct.
///
/// ```ignore
/// let mut patch = types::User::default();
/// patch.job_title = Some("Store Manager".into()); // set
/// patch.set_null(|u| &mut u.mobile_phone);          // clear: `"mobilePhone": null`
/// ```
pub trait Update: Object {
    /// Sends `null` for the field `field` returns (and unsets it): absent, `null` or a value,
    /// each property's three states.
    fn set_null<T>(&mut self, field: impl FnOnce(&mut Self) -> &mut Option<T>) -> &mut Self {
        let at = {
            let slot = field(self);
            *slot = None;
            slot as *const Option<T> as *const u8
        };
        let mut state = WriteState::new(at);
        // Walking the members with a map that keeps nothing names the field at that address.
        let _ = self.write_members(&mut Locate, &mut state);
        if let Some(wire) = state.found {
            self.extras_mut()
                .insert(wire.to_string(), serde_json::Value::Null);
        }
        self
    }
}

impl<T: Object> Update for T {}

/// Reads a member's value into its field.
#[doc(hidden)]
pub fn read_value<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut T,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Reads a member the docs do not define into the extras map.
#[doc(hidden)]
pub fn read_extra<'de, A: serde::de::MapAccess<'de>>(
    map: &mut A,
    key: String,
    extras: &mut JsonObject,
) -> Result<(), A::Error> {
    extras.insert(key, map.next_value()?);
    Ok(())
}

/// The documented member a wire value names: itself, else the one member it matches but for
/// case (the docs' tables and the service disagree on case now and then: `Unknown` documented,
/// `unknown` sent); `None` for a value outside the members. One scan, not code per enum.
#[doc(hidden)]
pub fn member_spelling(v: &str, members: &[&'static str]) -> Option<&'static str> {
    if let Some(m) = members.iter().find(|m| **m == v) {
        return Some(m);
    }
    let mut folded = members.iter().filter(|m| m.eq_ignore_ascii_case(v));
    match (folded.next(), folded.next()) {
        (Some(m), None) => Some(m),
        _ => None,
    }
}

/// Reports a value of an enum that is none of its documented `members` (a flag enum's `a,b`
/// is fine when every part is one).
#[doc(hidden)]
pub fn report_member(v: &str, members: &[&str], path: &str, out: &mut Vec<String>) {
    if !v.split(',').all(|p| members.contains(&p.trim())) {
        out.push(format!("{path}: `{v}` is not a documented member"));
    }
}

/// Reports the undefined properties inside a field of a generated type.
#[doc(hidden)]
pub fn walk_member<T: Strict>(v: &T, path: &str, key: &str, out: &mut Vec<String>) {
    v.unknown_fields(&format!("{path}.{key}"), out);
}

/// The message for an object of type `full` (its `type_name`) given a body whose only member
/// is `value`; not generic, so no code is made per generated type.
fn shape_error(full: &str, value: &serde_json::Value) -> String {
    let found = if value.is_array() {
        "a page of a collection (a `value` array)"
    } else {
        "a `value` wrapper"
    };
    format!(
        "expected one {} object, found {found}: the response is not of the documented shape",
        short_type_name(full)
    )
}

/// A type's name without its module paths (`User`, `Page<User>`), for messages.
pub(crate) fn short_type_name(full: &str) -> String {
    let mut out = String::new();
    // Each path inside the name (generic arguments too) keeps its last segment.
    let mut word = String::new();
    for c in full.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            out.push_str(word.rsplit("::").next().unwrap_or(""));
            word.clear();
            out.push(c);
        }
    }
    out.push_str(word.rsplit("::").next().unwrap_or(""));
    out
}

/// Reads a generated struct from a JSON object, member by member. An object whose only member
/// is a `value` the type does not have (a page, or a `value` wrapper) is an error naming the
/// expected shape: taken as the type, every property would be missing and the data lost in
/// the extras.
#[doc(hidden)]
pub fn read_object<'de, T: Object, D: serde::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    struct Members<T>(PhantomData<T>);
    impl<'de, T: Object> serde::de::Visitor<'de> for Members<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut out = T::default();
            // Whether `value` is the only member besides `@` annotations: a collection page or
            // a `value` wrapper, when the type has no `value` of its own.
            let (mut value, mut others) = (false, false);
            while let Some(key) = map.next_key::<String>()? {
                if key == "value" {
                    value = true;
                } else if !key.starts_with('@') {
                    others = true;
                }
                out.read_member(key, &mut map)?;
            }
            if value && !others {
                if let Some(v) = out.extras_mut().get("value") {
                    return Err(serde::de::Error::custom(shape_error(
                        std::any::type_name::<T>(),
                        v,
                    )));
                }
            }
            Ok(out)
        }
    }
    d.deserialize_map(Members(PhantomData))
}

/// Implements [`Object`] for a generated struct from its fields' wire names, with the
/// struct's `Serialize`, `Deserialize` and [`Strict`]:
/// `Name { field = "wireName", … } extras [fields of generated types]`, then `open` for an
/// open type, whose extras `Strict` does not report.
#[doc(hidden)]
#[macro_export]
macro_rules! graph_object {
    (
        $t:ident { $($f:ident = $w:literal),* $(,)? } $extra:ident
        [$($n:ident = $nw:literal),* $(,)?] $($open:ident)?
    ) => {
        impl $crate::Object for $t {
            fn write_members<M: $crate::serde::ser::SerializeMap>(
                &self,
                m: &mut M,
                s: &mut $crate::WriteState<M::Error>,
            ) -> ::std::result::Result<(), M::Error> {
                $($crate::write_member(m, s, $w, &self.$f);)*
                $crate::write_extras(m, s, &self.$extra, &[$($w),*])
            }
            fn read_member<'de, A: $crate::serde::de::MapAccess<'de>>(
                &mut self,
                key: ::std::string::String,
                map: &mut A,
            ) -> ::std::result::Result<(), A::Error> {
                match key.as_str() {
                    $($w => $crate::read_value(map, &mut self.$f),)*
                    _ => $crate::read_extra(map, key, &mut self.$extra),
                }
            }
            #[inline]
            fn walk(&self, path: &str, out: &mut ::std::vec::Vec<::std::string::String>) {
                // An open type (`… open`): members beyond the fields are its own.
                if <[&str]>::is_empty(&[$(stringify!($open))?]) {
                    $crate::report_extras(&self.$extra, path, out);
                }
                $($crate::walk_member(&self.$n, path, $nw, out);)*
            }
            #[inline]
            fn extras_mut(&mut self) -> &mut $crate::JsonObject {
                &mut self.$extra
            }
        }
        $crate::object_impls!($t);
    };
}

/// `Serialize`, `Deserialize` and [`Strict`] of an [`Object`], by the generic code. The
/// non-generic methods are `#[inline]`, like the endpoint functions: machine code is made only
/// for what a user's crate calls, not for all of Graph.
#[doc(hidden)]
#[macro_export]
macro_rules! object_impls {
    ($t:ident) => {
        impl $crate::serde::Serialize for $t {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::write_object(self, s)
            }
        }
        impl<'de> $crate::serde::Deserialize<'de> for $t {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::read_object(d)
            }
        }
        impl $crate::Strict for $t {
            #[inline]
            fn unknown_fields(&self, path: &str, out: &mut ::std::vec::Vec<::std::string::String>) {
                $crate::Object::walk(self, path, out)
            }
        }
    };
}

/// Serialization, deserialization and [`Strict`] of a generated enum, from its members' wire
/// names: `Name, Other { Member = "member", … }`. A value that names a member but for case
/// reads as that member; a value outside the members is kept in the catch-all variant, and
/// reported by `Strict`; flag enums send combinations (`a,b`), documented when every part is.
#[doc(hidden)]
#[macro_export]
macro_rules! graph_enum {
    ($t:ident, $other:ident { $($v:ident = $w:literal),* $(,)? }) => {
        impl $crate::serde::Serialize for $t {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(match self {
                    $(Self::$v => $w,)*
                    Self::$other(v) => v,
                })
            }
        }
        impl<'de> $crate::serde::Deserialize<'de> for $t {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::string::String as $crate::serde::Deserialize>::deserialize(d)?;
                ::std::result::Result::Ok(match $crate::member_spelling(&s, &[$($w),*]) {
                    $(::std::option::Option::Some($w) => Self::$v,)*
                    _ => Self::$other(s),
                })
            }
        }
        impl $crate::Strict for $t {
            // An enum the docs give no members is only its catch-all.
            #[inline]
            #[allow(irrefutable_let_patterns)]
            fn unknown_fields(&self, path: &str, out: &mut ::std::vec::Vec<::std::string::String>) {
                if let Self::$other(v) = self {
                    $crate::report_member(v, &[$($w),*], path, out);
                }
            }
        }
    };
}

/// Values that hold no properties of their own.
macro_rules! leaf {
    ($($t:ty),*) => {
        $(impl Strict for $t {
            fn unknown_fields(&self, _: &str, _: &mut Vec<String>) {}
        })*
    };
}

leaf!(
    String,
    bool,
    i8,
    u8,
    i16,
    i32,
    i64,
    f32,
    f64,
    (),
    serde_json::Value,
    crate::edm::Guid,
    crate::edm::DateTimeOffset,
    crate::edm::Date,
    crate::edm::TimeOfDay,
    crate::Base64,
    crate::IsoDuration
);

impl<T: Strict> Strict for Option<T> {
    fn unknown_fields(&self, path: &str, out: &mut Vec<String>) {
        if let Some(v) = self {
            v.unknown_fields(path, out);
        }
    }
}

impl<T: Strict> Strict for Box<T> {
    fn unknown_fields(&self, path: &str, out: &mut Vec<String>) {
        (**self).unknown_fields(path, out);
    }
}

impl<T: Strict> Strict for Vec<T> {
    fn unknown_fields(&self, path: &str, out: &mut Vec<String>) {
        for (i, v) in self.iter().enumerate() {
            v.unknown_fields(&format!("{path}[{i}]"), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the generator emits for an enum, by hand.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum State {
        Valid,
        Expired,
        Other(String),
    }
    crate::graph_enum!(State, Other { Valid = "valid", Expired = "expired" });

    /// An enum whose page lists no members: only the catch-all.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Empty {
        Other(String),
    }
    crate::graph_enum!(Empty, Other {});

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Token {
        id: Option<String>,
        state: Option<State>,
        tags: Option<Vec<State>>,
        extra: JsonObject,
    }
    crate::graph_object!(Token { id = "id", state = "state", tags = "tags" } extra [state = "state", tags = "tags"]);

    #[test]
    fn enum_members_read_by_wire_name_then_but_for_case() {
        let read = |s: &str| serde_json::from_value::<State>(serde_json::json!(s)).unwrap();
        assert_eq!(read("valid"), State::Valid);
        // The docs' `valid` sent as `Valid`: still the member, written back as documented.
        assert_eq!(read("Valid"), State::Valid);
        assert_eq!(serde_json::to_value(read("VALID")).unwrap(), "valid");
        assert_eq!(read("expiredd"), State::Other("expiredd".into()));
        // Two members that differ only in case: only an exact match picks one.
        assert_eq!(member_spelling("ios", &["iOS", "IOS"]), None);
        assert_eq!(member_spelling("IOS", &["iOS", "IOS"]), Some("IOS"));
    }

    #[test]
    fn objects_read_by_wire_name_and_keep_what_they_do_not_define() {
        let t: Token = serde_json::from_str(
            r#"{"id": "1", "state": "valid", "tags": ["expired", "new"], "colour": 3, "@odata.etag": "x"}"#,
        )
        .unwrap();
        assert_eq!(t.id.as_deref(), Some("1"));
        assert_eq!(t.state, Some(State::Valid));
        assert_eq!(
            t.tags,
            Some(vec![State::Expired, State::Other("new".into())])
        );
        let mut unknown = Vec::new();
        t.unknown_fields("$", &mut unknown);
        assert_eq!(
            unknown,
            ["$.colour", "$.tags[1]: `new` is not a documented member"]
        );
        // Fields in order, absent ones skipped, extras last.
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"id":"1","state":"valid","tags":["expired","new"],"@odata.etag":"x","colour":3}"#
        );
    }

    /// An open type: what its fields do not hold is its own, not a defect.
    #[derive(Debug, Clone, PartialEq, Default)]
    struct Bag {
        id: Option<String>,
        extra: JsonObject,
    }
    crate::graph_object!(Bag { id = "id" } extra [] open);

    #[test]
    fn open_types_keep_their_extra_members_without_reporting_them() {
        let b: Bag = serde_json::from_str(r#"{"id": "1", "3f2a": {"title": "x"}}"#).unwrap();
        assert_eq!(b.extra["3f2a"]["title"], "x");
        let mut unknown = Vec::new();
        b.unknown_fields("$", &mut unknown);
        assert!(unknown.is_empty(), "{unknown:?}");
        let t: Token = serde_json::from_str(r#"{"id": "1", "3f2a": 1}"#).unwrap();
        t.unknown_fields("$", &mut unknown);
        assert_eq!(unknown, ["$.3f2a"]);
    }

    /// A type with a `value` property of its own (`stringSettingInstance`).
    #[derive(Debug, Clone, PartialEq, Default)]
    struct Setting {
        value: Option<String>,
        extra: JsonObject,
    }
    crate::graph_object!(Setting { value = "value" } extra []);

    /// One object expected, a page (or a `value` wrapper) found: an error naming both shapes,
    /// not a value with every field missing and the data in its extras.
    #[test]
    fn a_page_where_one_object_is_expected_is_a_shape_error() {
        let err =
            serde_json::from_str::<Token>(r#"{"@odata.context": "x", "value": [{"id": "1"}]}"#)
                .unwrap_err()
                .to_string();
        assert!(
            err.contains("expected one Token object, found a page of a collection"),
            "{err}"
        );
        let err = serde_json::from_str::<Token>(r#"{"value": {"id": "1"}}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("found a `value` wrapper"), "{err}");
        // An object that has more than `value`, or a type whose own property `value` is, reads.
        let t: Token = serde_json::from_str(r#"{"id": "1", "value": [1]}"#).unwrap();
        assert_eq!(t.extra["value"], serde_json::json!([1]));
        let s: Setting = serde_json::from_str(r#"{"@odata.context": "x", "value": "on"}"#).unwrap();
        assert_eq!(s.value.as_deref(), Some("on"));
        assert_eq!(
            super::short_type_name(std::any::type_name::<crate::Page<Token>>()),
            "Page<Token>"
        );
    }

    #[test]
    fn an_extra_member_named_as_a_field_is_an_error_not_an_override() {
        let mut t = Token {
            id: Some("1".into()),
            ..Default::default()
        };
        t.extra.insert("id".into(), serde_json::json!("2"));
        let err = serde_json::to_string(&t).unwrap_err();
        assert!(
            err.to_string().contains("`id` is both a typed field"),
            "{err}"
        );
        // Nor a null over a set field.
        t.extra.insert("id".into(), serde_json::Value::Null);
        assert!(serde_json::to_string(&t).is_err());
        t.extra.clear();
        t.extra.insert("colour".into(), serde_json::json!("red"));
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"id":"1","colour":"red"}"#
        );
    }

    #[test]
    fn a_patch_sets_some_properties_clears_others_and_leaves_the_rest_out() {
        let mut patch = Token {
            state: Some(State::Expired),
            id: Some("gone".into()),
            ..Default::default()
        };
        patch.set_null(|t| &mut t.id).set_null(|t| &mut t.tags);
        assert_eq!(patch.id, None);
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            r#"{"state":"expired","id":null,"tags":null}"#
        );
        // Setting the field again after clearing it is a contradiction, reported.
        patch.id = Some("back".into());
        assert!(serde_json::to_string(&patch).is_err());
    }

    #[test]
    fn flag_combinations_of_documented_members_are_documented() {
        let mut out = Vec::new();
        report_member("valid, expired", &["valid", "expired"], "$", &mut out);
        assert!(out.is_empty());
        report_member("valid,gone", &["valid", "expired"], "$", &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn an_enum_without_members_keeps_every_value() {
        let e: Empty = serde_json::from_str(r#""anything""#).unwrap();
        assert_eq!(e, Empty::Other("anything".into()));
        assert_eq!(serde_json::to_string(&e).unwrap(), r#""anything""#);
        let mut out = Vec::new();
        e.unknown_fields("$.kind", &mut out);
        assert_eq!(out, ["$.kind: `anything` is not a documented member"]);
    }

    #[test]
    fn a_struct_is_a_json_object_and_nothing_else() {
        let err = serde_json::from_str::<Token>("[1]").unwrap_err();
        assert!(err.to_string().contains("a JSON object"), "{err}");
    }
}
