//! The support code every generated crate carries (`src/runtime.rs`): the sans-IO request
//! type, response parsing, Graph's error body, pages, permissions, and the `Strict` walk that
//! example tests use to find properties the types do not define.

use proc_macro2::TokenStream;
use quote::quote;

/// Tokens of `src/runtime.rs`; `with_client` adds the reqwest client behind the `client`
/// feature (the single-file `build.rs` form has no features, so it leaves it out).
pub fn runtime(with_client: bool) -> TokenStream {
    let client = if with_client {
        client()
    } else {
        TokenStream::new()
    };
    quote! {

        //! Support code shared by the generated types and endpoints.

        use ::std::collections::BTreeMap;
        use ::std::fmt;
        use ::std::marker::PhantomData;

        use ::serde::de::DeserializeOwned;
        use ::serde::{Deserialize, Serialize};

        /// The kind of access token a caller holds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum TokenKind {
            /// Delegated, work or school account.
            DelegatedWork,
            /// Delegated, personal Microsoft account.
            DelegatedPersonal,
            /// Application (app-only).
            Application,
        }

        /// Permissions an endpoint accepts, least privileged first; any one of a list suffices.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Permissions {
            /// Delegated (work or school account).
            pub delegated_work: &'static [&'static str],
            /// Delegated (personal Microsoft account).
            pub delegated_personal: &'static [&'static str],
            /// Application.
            pub application: &'static [&'static str],
        }

        impl Permissions {
            /// The permissions accepted for a kind of token.
            pub fn for_kind(&self, kind: TokenKind) -> &'static [&'static str] {
                match kind {
                    TokenKind::DelegatedWork => self.delegated_work,
                    TokenKind::DelegatedPersonal => self.delegated_personal,
                    TokenKind::Application => self.application,
                }
            }

            /// Whether a token of `kind` granted `scopes` may call the endpoint.
            pub fn allows(&self, kind: TokenKind, scopes: &[&str]) -> bool {
                self.for_kind(kind)
                    .iter()
                    .any(|p| scopes.iter().any(|s| s.eq_ignore_ascii_case(p)))
            }

            /// The least privileged permission for a kind of token, if the kind is supported.
            pub fn least_privileged(&self, kind: TokenKind) -> Option<&'static str> {
                self.for_kind(kind).first().copied()
            }
        }

        /// What the docs say about one endpoint.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Endpoint {
            /// Function name.
            pub name: &'static str,
            /// API version in URLs: `v1.0` or `beta`.
            pub version: &'static str,
            /// HTTP method.
            pub method: &'static str,
            /// Path template as documented.
            pub path: &'static str,
            /// Permissions.
            pub permissions: Permissions,
            /// The docs page the endpoint was generated from.
            pub source: &'static str,
        }

        /// How a response body maps to the returned type.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Shape {
            /// The body is the value.
            Plain,
            /// The body is `{"value": …}`.
            ValueWrapped,
            /// The body is a page of values.
            Collection,
            /// No body; the value is `()`.
            NoContent,
        }

        /// A request to one endpoint, built without doing any I/O; `T` is the typed response.
        #[derive(Debug, Clone)]
        pub struct ApiRequest<T> {
            endpoint: &'static Endpoint,
            path: String,
            url: Option<String>,
            query: Vec<(String, String)>,
            body: Option<Result<Vec<u8>, String>>,
            shape: Shape,
            response: PhantomData<fn() -> T>,
        }

        impl<T> ApiRequest<T> {
            /// Used by generated endpoint functions.
            #[doc(hidden)]
            pub fn new(endpoint: &'static Endpoint, path: String, body: Option<Result<Vec<u8>, String>>, shape: Shape) -> Self {
                ApiRequest { endpoint, path, url: None, query: Vec::new(), body, shape, response: PhantomData }
            }

            /// The same request with the body of another type: used by generated example tests
            /// whose page documents the operation with a body type of its own.
            #[doc(hidden)]
            pub fn with_body<B: Serialize>(mut self, body: &B) -> Self {
                self.body = to_body(body);
                self
            }

            /// The same request read as another type: used by generated example tests whose
            /// page documents the operation with a type of its own.
            #[doc(hidden)]
            pub fn retype<U>(self, shape: Shape) -> ApiRequest<U> {
                let ApiRequest { endpoint, path, url, query, body, .. } = self;
                ApiRequest { endpoint, path, url, query, body, shape, response: PhantomData }
            }

            /// The endpoint this request calls.
            pub fn endpoint(&self) -> &'static Endpoint {
                self.endpoint
            }

            /// HTTP method.
            pub fn method(&self) -> ::http::Method {
                ::http::Method::from_bytes(self.endpoint.method.as_bytes()).unwrap_or(::http::Method::GET)
            }

            /// The encoded path after the version, e.g. `/users/a%20b`.
            pub fn path(&self) -> &str {
                &self.path
            }

            /// Adds a query option such as `$select` or `$filter`.
            pub fn query(mut self, name: &str, value: &str) -> Self {
                self.query.push((name.to_string(), value.to_string()));
                self
            }

            /// The encoded query string, without `?` (empty when there is none).
            pub fn query_string(&self) -> String {
                self.query
                    .iter()
                    .map(|(k, v)| format!("{}={}", encode(k, QUERY), encode(v, QUERY)))
                    .collect::<Vec<_>>()
                    .join("&")
            }

            /// The JSON body, if any.
            pub fn body(&self) -> Option<&[u8]> {
                match &self.body {
                    Some(Ok(b)) => Some(b),
                    _ => None,
                }
            }

            /// The full URL under `base_url` (e.g. `https://graph.microsoft.com`, or a national cloud).
            pub fn url(&self, base_url: &str) -> String {
                let mut url = match &self.url {
                    Some(u) => u.clone(),
                    None => format!("{}/{}{}", base_url.trim_end_matches('/'), self.endpoint.version, self.path),
                };
                let q = self.query_string();
                if !q.is_empty() {
                    url.push(if url.contains('?') { '&' } else { '?' });
                    url.push_str(&q);
                }
                url
            }

            /// An `http::Request` for `base_url`; the body is JSON when the endpoint takes one.
            pub fn to_http(&self, base_url: &str) -> Result<::http::Request<Vec<u8>>, Error> {
                let mut b = ::http::Request::builder().method(self.method()).uri(self.url(base_url));
                let body = match &self.body {
                    Some(Ok(body)) => {
                        b = b.header("Content-Type", "application/json");
                        body.clone()
                    }
                    Some(Err(e)) => return Err(Error::Request(e.clone())),
                    None => Vec::new(),
                };
                b.body(body).map_err(|e| Error::Request(e.to_string()))
            }
        }

        impl<T: DeserializeOwned> ApiRequest<T> {
            /// Parses a response to this request into the typed value, or Graph's error.
            pub fn parse_response(&self, status: u16, body: &[u8]) -> Result<T, Error> {
                if !(200..300).contains(&status) {
                    return Err(match ::serde_json::from_slice::<ErrorBody>(body) {
                        Ok(e) => Error::Graph { status, error: e.error },
                        Err(_) => Error::Status { status, body: String::from_utf8_lossy(body).into_owned() },
                    });
                }
                // Typed values are read from a `serde_json::Value` only: one deserializer per
                // type keeps the monomorphized code of large bindings down by half.
                let v: ::serde_json::Value = match self.shape {
                    Shape::NoContent => ::serde_json::Value::Null,
                    _ => ::serde_json::from_slice(body).map_err(Error::Json)?,
                };
                let v = match (self.shape, v) {
                    (Shape::ValueWrapped, ::serde_json::Value::Object(mut o)) if o.contains_key("value") => {
                        o.remove("value").unwrap_or_default()
                    }
                    (_, v) => v,
                };
                from_value(v).map_err(Error::Json)
            }
        }

        impl<T> ApiRequest<Page<T>> {
            /// The request for the page after `page`, following its `@odata.nextLink`.
            pub fn next_page(&self, page: &Page<T>) -> Option<Self> {
                let link = page.next_link.as_ref()?;
                let mut next = ApiRequest::new(self.endpoint, self.path.clone(), None, self.shape);
                next.url = Some(link.clone());
                Some(next)
            }
        }

        /// A page of a collection.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct Page<T> {
            /// The items.
            #[serde(default = "Vec::new")]
            pub value: Vec<T>,
            /// Link to the next page.
            #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
            pub next_link: Option<String>,
            /// Link to the delta query state, for delta functions.
            #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
            pub delta_link: Option<String>,
            /// OData context URL.
            #[serde(rename = "@odata.context", default, skip_serializing_if = "Option::is_none")]
            pub context: Option<String>,
            /// Total count, with `$count=true`.
            #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
            pub count: Option<i64>,
            /// Anything else in the page object.
            #[serde(flatten)]
            pub extra: BTreeMap<String, ::serde_json::Value>,
        }

        /// Graph's error object.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct GraphError {
            /// Error code, e.g. `Request_ResourceNotFound`.
            #[serde(default)]
            pub code: String,
            /// Human-readable message.
            #[serde(default)]
            pub message: String,
            /// Service details (request id, date…).
            #[serde(rename = "innerError", default, skip_serializing_if = "Option::is_none")]
            pub inner_error: Option<::serde_json::Value>,
            /// Nested errors.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub details: Vec<::serde_json::Value>,
        }

        #[derive(Deserialize)]
        struct ErrorBody {
            error: GraphError,
        }

        /// Everything that can go wrong with a request.
        #[derive(Debug)]
        pub enum Error {
            /// Graph answered with its error body.
            Graph {
                /// HTTP status.
                status: u16,
                /// The error.
                error: GraphError,
            },
            /// A non-success status without a Graph error body.
            Status {
                /// HTTP status.
                status: u16,
                /// Body text.
                body: String,
            },
            /// The body did not match the documented type.
            Json(::serde_json::Error),
            /// The request could not be built or sent.
            Request(String),
        }

        impl fmt::Display for Error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Error::Graph { status, error } => write!(f, "Graph error {status} {}: {}", error.code, error.message),
                    Error::Status { status, body } => write!(f, "HTTP {status}: {body}"),
                    Error::Json(e) => write!(f, "response does not match the documented type: {e}"),
                    Error::Request(e) => write!(f, "request failed: {e}"),
                }
            }
        }

        impl ::std::error::Error for Error {}

        const PATH: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
            .remove(b'-').remove(b'.').remove(b'_').remove(b'~')
            .remove(b'\'').remove(b'(').remove(b')').remove(b'@').remove(b'$').remove(b':').remove(b'=').remove(b',');
        const PATH_KEEP_SLASH: &::percent_encoding::AsciiSet = &PATH.remove(b'/');
        const QUERY: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
            .remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'$').remove(b'\'').remove(b'(').remove(b')').remove(b',');

        fn encode(s: &str, set: &'static ::percent_encoding::AsciiSet) -> String {
            ::percent_encoding::utf8_percent_encode(s, set).to_string()
        }

        /// The bare type name in a value's `@odata.type` (`#microsoft.graph.user` → `user`).
        #[doc(hidden)]
        pub fn odata_type(v: &::serde_json::Value) -> Option<&str> {
            let t = v.get("@odata.type")?.as_str()?;
            t.trim_start_matches('#').rsplit('.').next()
        }

        /// A request path: `pieces` (one more than `params`) with the percent-encoded
        /// parameters between them. One call instead of a statement per piece keeps each
        /// endpoint function, of which there are thousands, short to generate and to compile.
        #[doc(hidden)]
        pub fn path(pieces: &[&str], params: &[&str]) -> String {
            drive_path(pieces, params, &[])
        }

        /// [`path`] where the parameters flagged in `keep_slash` (inside `:/…:` drive paths)
        /// keep their `/`.
        #[doc(hidden)]
        pub fn drive_path(pieces: &[&str], params: &[&str], keep_slash: &[bool]) -> String {
            let mut out = String::new();
            for (i, piece) in pieces.iter().enumerate() {
                out.push_str(piece);
                if let Some(value) = params.get(i) {
                    let keep = keep_slash.get(i).copied().unwrap_or(false);
                    out.push_str(&encode(value, if keep { PATH_KEEP_SLASH } else { PATH }));
                }
            }
            out
        }

        /// Serializes a request body (through `serde_json::Value`, like every typed value).
        #[doc(hidden)]
        pub fn to_body<B: Serialize>(body: &B) -> Option<Result<Vec<u8>, String>> {
            match to_value(body) {
                // `null` (an untyped body left empty) sends no body.
                Ok(::serde_json::Value::Null) => None,
                Ok(v) => Some(::serde_json::to_vec(&v).map_err(|e| e.to_string())),
                Err(e) => Some(Err(e.to_string())),
            }
        }

        /// Reads a typed value from JSON: the one deserializer every generated type is used with.
        #[doc(hidden)]
        pub fn from_value<T: DeserializeOwned>(v: ::serde_json::Value) -> Result<T, ::serde_json::Error> {
            ::serde_json::from_value(v)
        }

        /// Writes a typed value as JSON: the one serializer every generated type is used with.
        #[doc(hidden)]
        pub fn to_value<T: Serialize>(v: &T) -> Result<::serde_json::Value, ::serde_json::Error> {
            ::serde_json::to_value(v)
        }

        /// `Edm.Binary`: bytes, base64 in JSON.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
        pub struct Base64(pub Vec<u8>);

        impl Serialize for Base64 {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ::base64::Engine as _;
                s.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(&self.0))
            }
        }

        impl<'de> Deserialize<'de> for Base64 {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                use ::base64::Engine as _;
                let s = String::deserialize(d)?;
                ::base64::engine::general_purpose::STANDARD
                    .decode(s.trim())
                    .map(Base64)
                    .map_err(::serde::de::Error::custom)
            }
        }

        /// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`, kept as written.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct IsoDuration(pub String);

        /// Finds properties a value carries that its type does not define. Example tests assert
        /// this finds nothing, so no documented property is dropped silently.
        pub trait Strict {
            /// Appends `path.property` for every undefined property and `path: member` for every
            /// enum value outside the documented members.
            fn unknown_fields(&self, path: &str, out: &mut Vec<String>);
        }

        /// Reports the keys of an extras map, `@odata.*` annotations aside.
        #[doc(hidden)]
        pub fn report_extras(extra: &BTreeMap<String, ::serde_json::Value>, path: &str, out: &mut Vec<String>) {
            for k in extra.keys() {
                if !k.starts_with('@') && !k.contains("@odata.") {
                    out.push(format!("{path}.{k}"));
                }
            }
        }

        /// A JSON object's members: the type of a generated struct's map of the properties the
        /// docs do not define.
        pub type JsonObject = BTreeMap<String, ::serde_json::Value>;

        /// A generated struct as a JSON object: its members by wire name and its extras map.
        /// `graph_object!` implements it from the fields' wire names, and the struct's
        /// `Serialize`, `Deserialize` and [`Strict`] call the generic code below: serde's derives
        /// emit some thirty lines a field, and type-checking those was most of the generated
        /// crate's build time; here a field is a line in each of two methods. The JSON is the
        /// same: members written in field order, absent ones skipped; read in one pass, each
        /// member by its wire name (a repeated one: the last wins), others into the extras map.
        #[doc(hidden)]
        pub trait Object: Default {
            /// Writes the present fields, in order, then the extras.
            fn write_members<M: ::serde::ser::SerializeMap>(&self, m: &mut M) -> Result<(), M::Error>;
            /// Reads the value of member `key` into its field, or into the extras.
            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(&mut self, key: String, map: &mut A) -> Result<(), A::Error>;
            /// The `Strict` walk: extras, then fields of generated types.
            fn walk(&self, path: &str, out: &mut Vec<String>);
        }

        /// Writes a generated struct as a JSON object.
        #[doc(hidden)]
        pub fn write_object<T: Object, S: ::serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
            use ::serde::ser::SerializeMap as _;
            let mut m = s.serialize_map(None)?;
            v.write_members(&mut m)?;
            m.end()
        }

        /// Writes member `key` when the field is present.
        #[doc(hidden)]
        pub fn write_member<M: ::serde::ser::SerializeMap, T: Serialize>(m: &mut M, r: &mut Result<(), M::Error>, key: &str, v: &Option<T>) {
            if let (Ok(()), Some(v)) = (&r, v) {
                *r = m.serialize_entry(key, v);
            }
        }

        /// Writes the extras map's members, unless writing the fields failed.
        #[doc(hidden)]
        pub fn write_extras<M: ::serde::ser::SerializeMap>(m: &mut M, r: Result<(), M::Error>, extras: &JsonObject) -> Result<(), M::Error> {
            r?;
            extras.iter().try_for_each(|(k, v)| m.serialize_entry(k, v))
        }

        /// Reads a member's value into its field.
        #[doc(hidden)]
        pub fn read_value<'de, A: ::serde::de::MapAccess<'de>, T: ::serde::Deserialize<'de>>(map: &mut A, slot: &mut T) -> Result<(), A::Error> {
            *slot = map.next_value()?;
            Ok(())
        }

        /// Reads a member the docs do not define into the extras map.
        #[doc(hidden)]
        pub fn read_extra<'de, A: ::serde::de::MapAccess<'de>>(map: &mut A, key: String, extras: &mut JsonObject) -> Result<(), A::Error> {
            extras.insert(key, map.next_value()?);
            Ok(())
        }

        /// Reports a value of an enum that is none of its documented `members` (a flag enum's
        /// `a,b` is fine when every part is one).
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

        /// Reads a generated struct from a JSON object, member by member.
        #[doc(hidden)]
        pub fn read_object<'de, T: Object, D: ::serde::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
            struct Members<T>(PhantomData<T>);
            impl<'de, T: Object> ::serde::de::Visitor<'de> for Members<T> {
                type Value = T;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
                    let mut out = T::default();
                    while let Some(key) = map.next_key::<String>()? {
                        out.read_member(key, &mut map)?;
                    }
                    Ok(out)
                }
            }
            d.deserialize_map(Members(PhantomData))
        }

        /// An [`Endpoint`] from what the docs say, in the fields' order: `endpoint! { name =
        /// "…", version = "…", method = "…", path = "…", delegated_work = […],
        /// delegated_personal = […], application = […], source = "…" }`. A macro rather than a
        /// struct literal: a crate holds thousands, and the generator parses and formats a
        /// macro's tokens far faster than an expression, while rustc sees the same literal.
        #[doc(hidden)]
        macro_rules! endpoint {
            (
                name = $n:literal, version = $v:literal, method = $m:literal, path = $p:literal,
                delegated_work = [$($dw:literal),* $(,)?], delegated_personal = [$($dp:literal),* $(,)?],
                application = [$($a:literal),* $(,)?], source = $s:literal $(,)?
            ) => {
                crate::Endpoint {
                    name: $n,
                    version: $v,
                    method: $m,
                    path: $p,
                    permissions: crate::Permissions {
                        delegated_work: &[$($dw),*],
                        delegated_personal: &[$($dp),*],
                        application: &[$($a),*],
                    },
                    source: $s,
                }
            };
        }
        #[doc(hidden)]
        pub(crate) use endpoint;

        /// The body of an endpoint function: `request!(ENDPOINT, Shape, [pieces], [params]
        /// keep [flags], body)` builds the [`ApiRequest`], its path by [`path`] (or, with the
        /// `keep` flags of parameters inside `:/…:`, [`drive_path`]); `keep` and `body` are
        /// optional. A macro for the reason [`endpoint!`] is one.
        #[doc(hidden)]
        macro_rules! request {
            (@body) => { None };
            (@body $b:ident) => { crate::to_body($b) };
            ($e:ident, $shape:ident, [$($piece:literal),* $(,)?], [$($param:ident),* $(,)?] $(, $body:ident)? $(,)?) => {
                crate::ApiRequest::new(
                    &$e,
                    crate::path(&[$($piece),*], &[$($param),*]),
                    crate::request!(@body $($body)?),
                    crate::Shape::$shape,
                )
            };
            ($e:ident, $shape:ident, [$($piece:literal),* $(,)?], [$($param:ident),* $(,)?] keep [$($k:literal),* $(,)?] $(, $body:ident)? $(,)?) => {
                crate::ApiRequest::new(
                    &$e,
                    crate::drive_path(&[$($piece),*], &[$($param),*], &[$($k),*]),
                    crate::request!(@body $($body)?),
                    crate::Shape::$shape,
                )
            };
        }
        #[doc(hidden)]
        pub(crate) use request;

        /// Implements [`Object`] for a generated struct from its fields' wire names, with the
        /// struct's `Serialize`, `Deserialize` and [`Strict`]:
        /// `Name { field = "wireName", … } extras [fields of generated types]`.
        #[doc(hidden)]
        macro_rules! graph_object {
            ($t:ident { $($f:ident = $w:literal),* $(,)? } $extra:ident [$($n:ident = $nw:literal),* $(,)?]) => {
                // One plain call a field in each method: a `?` or a `format!` a field, expanded in
                // thousands of structs, made the all-features build 29% longer (borrow checking).
                impl crate::Object for $t {
                    fn write_members<M: ::serde::ser::SerializeMap>(&self, m: &mut M) -> ::std::result::Result<(), M::Error> {
                        let mut r = Ok(());
                        $( crate::write_member(m, &mut r, $w, &self.$f); )*
                        crate::write_extras(m, r, &self.$extra)
                    }
                    fn read_member<'de, A: ::serde::de::MapAccess<'de>>(&mut self, key: ::std::string::String, map: &mut A) -> ::std::result::Result<(), A::Error> {
                        match key.as_str() {
                            $( $w => crate::read_value(map, &mut self.$f), )*
                            _ => crate::read_extra(map, key, &mut self.$extra),
                        }
                    }
                    #[inline]
                    fn walk(&self, path: &str, out: &mut ::std::vec::Vec<::std::string::String>) {
                        crate::report_extras(&self.$extra, path, out);
                        $( crate::walk_member(&self.$n, path, $nw, out); )*
                    }
                }
                crate::object_impls!($t);
            };
        }
        #[doc(hidden)]
        pub(crate) use graph_object;

        /// `Serialize`, `Deserialize` and [`Strict`] of an [`Object`], by the generic code. The
        /// non-generic methods are `#[inline]`, like the endpoint functions: machine code is
        /// made only for what a user's crate calls, not for all of Graph.
        #[doc(hidden)]
        macro_rules! object_impls {
            ($t:ident) => {
                impl ::serde::Serialize for $t {
                    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                        crate::write_object(self, s)
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for $t {
                    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        crate::read_object(d)
                    }
                }
                impl crate::Strict for $t {
                    #[inline]
                    fn unknown_fields(&self, path: &str, out: &mut ::std::vec::Vec<::std::string::String>) {
                        crate::Object::walk(self, path, out)
                    }
                }
            };
        }
        #[doc(hidden)]
        pub(crate) use object_impls;

        /// Serialization, deserialization and [`Strict`] of a generated enum, from its members'
        /// wire names: `Name, Other { Member = "member", … }`. A value outside the members is
        /// kept in the catch-all variant, and reported by `Strict`; flag enums send
        /// combinations (`a,b`), documented when every part is.
        #[doc(hidden)]
        macro_rules! graph_enum {
            ($t:ident, $other:ident { $($v:ident = $w:literal),* $(,)? }) => {
                impl ::serde::Serialize for $t {
                    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                        s.serialize_str(match self { $( Self::$v => $w, )* Self::$other(v) => v })
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for $t {
                    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        let s = <::std::string::String as ::serde::Deserialize>::deserialize(d)?;
                        Ok(match s.as_str() { $( $w => Self::$v, )* _ => Self::$other(s) })
                    }
                }
                impl crate::Strict for $t {
                    #[inline]
                    fn unknown_fields(&self, path: &str, out: &mut ::std::vec::Vec<::std::string::String>) {
                        if let Self::$other(v) = self {
                            crate::report_member(v, &[$($w),*], path, out);
                        }
                    }
                }
            };
        }
        #[doc(hidden)]
        pub(crate) use graph_enum;

        macro_rules! leaf {
            ($($t:ty),*) => {$(
                impl Strict for $t {
                    fn unknown_fields(&self, _: &str, _: &mut Vec<String>) {}
                }
            )*};
        }
        leaf!(String, bool, i8, u8, i16, i32, i64, f32, f64, (), ::serde_json::Value, ::uuid::Uuid,
            ::chrono::DateTime<::chrono::FixedOffset>, ::chrono::NaiveDate, ::chrono::NaiveTime, Base64, IsoDuration);

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

        /// Helpers for the generated example tests.
        #[doc(hidden)]
        pub mod testing {
            use super::{ApiRequest, Strict};
            use ::serde::{de::DeserializeOwned, Serialize};

            /// Parses an example response with the request's endpoint, then checks that no
            /// property was left undefined and that the value survives a serialize/deserialize
            /// round trip (values compared typed: timestamps as instants).
            pub fn check_response<T>(req: &ApiRequest<T>, status: u16, body: &str) -> Result<(), String>
            where
                T: DeserializeOwned + Serialize + PartialEq + ::std::fmt::Debug + Strict,
            {
                let value = req
                    .parse_response(status, body.as_bytes())
                    .map_err(|e| format!("example does not deserialize into the response type: {e}"))?;
                let mut unknown = Vec::new();
                value.unknown_fields("$", &mut unknown);
                if !unknown.is_empty() {
                    return Err(format!("example has properties the type does not define: {}", unknown.join(", ")));
                }
                let json = super::to_value(&value).map_err(|e| format!("cannot serialize: {e}"))?;
                let again: T = super::from_value(json.clone()).map_err(|e| format!("serialized value does not read back: {e}: {json}"))?;
                if again != value {
                    return Err(format!("value changed in a round trip:\n before: {value:?}\n after: {again:?}"));
                }
                Ok(())
            }

            /// [`check_response`] in a generated test: panics naming the example's page and line.
            #[track_caller]
            pub fn response_example<T>(at: &str, req: &ApiRequest<T>, status: u16, body: &str)
            where
                T: DeserializeOwned + Serialize + PartialEq + ::std::fmt::Debug + Strict,
            {
                if let Err(e) = check_response(req, status, body) {
                    panic!("{at}: {e}");
                }
            }

            /// [`check_request`] in a generated test: panics naming the example's page and line.
            #[track_caller]
            pub fn request_example<T>(at: &str, req: &ApiRequest<T>, method: &str, path: &str, query: &str, body: Option<&str>) {
                if let Err(e) = check_request(req, method, path, query, body) {
                    panic!("{at}: {e}");
                }
            }

            /// An example request body read into the endpoint's body type; panics, naming the
            /// example's page and line, when it does not fit or has undefined properties.
            #[track_caller]
            pub fn example_body<B: DeserializeOwned + Strict>(at: &str, json: &str) -> B {
                let body: B = ::serde_json::from_str::<::serde_json::Value>(json)
                    .and_then(super::from_value)
                    .unwrap_or_else(|e| panic!("{at}: example body does not fit the request type: {e}"));
                let mut unknown = Vec::new();
                body.unknown_fields("$", &mut unknown);
                assert!(unknown.is_empty(), "{at}: example body has properties the type does not define: {unknown:?}");
                body
            }

            fn decode(s: &str) -> String {
                ::percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
            }

            /// Drops `null` members: an absent optional property serializes as nothing.
            fn without_nulls(v: ::serde_json::Value) -> ::serde_json::Value {
                match v {
                    ::serde_json::Value::Object(o) => ::serde_json::Value::Object(
                        o.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect(),
                    ),
                    ::serde_json::Value::Array(a) => ::serde_json::Value::Array(a.into_iter().map(without_nulls).collect()),
                    other => other,
                }
            }

            /// Checks that a request built by an endpoint function is the example request: same
            /// method, path and query (compared decoded) and the same JSON body.
            pub fn check_request<T>(req: &ApiRequest<T>, method: &str, path: &str, query: &str, body: Option<&str>) -> Result<(), String> {
                if !req.method().as_str().eq_ignore_ascii_case(method) {
                    return Err(format!("method {} instead of {method}", req.method()));
                }
                if !decode(req.path()).eq_ignore_ascii_case(&decode(path)) {
                    return Err(format!("path `{}` instead of `{path}`", decode(req.path())));
                }
                // `+` is a space in query strings.
                // A stray leading or trailing `&` in the docs changes nothing on the wire.
                let q = |s: &str| decode(&s.trim_matches('&').replace('+', " "));
                if q(&req.query_string()) != q(query) {
                    return Err(format!("query `{}` instead of `{query}`", decode(&req.query_string())));
                }
                match (body, req.body()) {
                    (None, None) => Ok(()),
                    (Some(expected), Some(actual)) => {
                        let e: ::serde_json::Value = ::serde_json::from_str(expected).map_err(|e| e.to_string())?;
                        let a: ::serde_json::Value = ::serde_json::from_slice(actual).map_err(|e| e.to_string())?;
                        if same_json(&without_nulls(e.clone()), &without_nulls(a.clone())) {
                            Ok(())
                        } else {
                            Err(format!("body {a} instead of {e}"))
                        }
                    }
                    (Some(_), None) => Err("the endpoint sends no body but the example has one".into()),
                    // An action whose parameters are all optional sends `{}` when none is given.
                    (None, Some(actual)) if actual == b"{}" => Ok(()),
                    (None, Some(_)) => Err("the endpoint sends a body but the example has none".into()),
                }
            }

            /// JSON equality where timestamps compare as instants, GUIDs as UUIDs (any case) and
            /// numbers as numbers (to `f32` precision, the narrowest documented float).
            pub fn same_json(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
                use ::serde_json::Value as V;
                match (a, b) {
                    (V::String(x), V::String(y)) => {
                        let time = |s: &str| ::chrono::NaiveTime::parse_from_str(s, "%H:%M:%S%.f");
                        x == y
                            || matches!(
                                (::chrono::DateTime::parse_from_rfc3339(x), ::chrono::DateTime::parse_from_rfc3339(y)),
                                (Ok(p), Ok(q)) if p == q
                            )
                            || matches!((time(x), time(y)), (Ok(p), Ok(q)) if p == q)
                            || matches!(
                                (::uuid::Uuid::try_parse(x), ::uuid::Uuid::try_parse(y)),
                                (Ok(p), Ok(q)) if p == q
                            )
                    }
                    // Edm.Single values are `f32`: a documented Single written with more digits
                    // than `f32` holds reads back rounded.
                    (V::Number(x), V::Number(y)) => {
                        x == y || x.as_f64().map(|v| v as f32) == y.as_f64().map(|v| v as f32)
                    }
                    (V::Array(x), V::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q)),
                    (V::Object(x), V::Object(y)) => {
                        x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
                    }
                    _ => a == b,
                }
            }
        }

        impl<T: Strict> Strict for Page<T> {
            fn unknown_fields(&self, path: &str, out: &mut Vec<String>) {
                report_extras(&self.extra, path, out);
                self.value.unknown_fields(&format!("{path}.value"), out);
            }
        }

        #client
    }
}

/// The async client, compiled with the generated crate's `client` feature.
fn client() -> TokenStream {
    quote! {
        /// A ready async client (cargo feature `client`; add `rustls` for HTTPS): sends the
        /// sans-IO requests with reqwest and a bearer token.
        #[cfg(feature = "client")]
        #[derive(Debug, Clone)]
        pub struct Client {
            http: ::reqwest::Client,
            base_url: String,
            token: String,
        }

        #[cfg(feature = "client")]
        impl Client {
            /// A client for `base_url` (`https://graph.microsoft.com`, a national cloud such as
            /// `https://graph.microsoft.us`, or a mock) with a bearer token.
            pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Self {
                Client { http: ::reqwest::Client::new(), base_url: base_url.into(), token: token.into() }
            }

            /// Sends a request and parses the typed response.
            pub async fn send<T: DeserializeOwned>(&self, req: &ApiRequest<T>) -> Result<T, Error> {
                let r = req.to_http(&self.base_url)?;
                let method = ::reqwest::Method::from_bytes(r.method().as_str().as_bytes()).map_err(|e| Error::Request(e.to_string()))?;
                let mut b = self.http.request(method, r.uri().to_string()).bearer_auth(&self.token);
                for (k, v) in r.headers() {
                    b = b.header(k.as_str(), v.as_bytes());
                }
                let resp = b.body(r.into_body()).send().await.map_err(|e| Error::Request(e.to_string()))?;
                let status = resp.status().as_u16();
                let bytes = resp.bytes().await.map_err(|e| Error::Request(e.to_string()))?;
                req.parse_response(status, &bytes)
            }

            /// Sends a collection request and follows `@odata.nextLink` to the end.
            pub async fn all_pages<T: DeserializeOwned>(&self, req: ApiRequest<Page<T>>) -> Result<Vec<T>, Error> {
                let mut out = Vec::new();
                let mut next = Some(req);
                while let Some(r) = next {
                    let page = self.send(&r).await?;
                    next = r.next_page(&page);
                    out.extend(page.value);
                }
                Ok(out)
            }
        }

    }
}
