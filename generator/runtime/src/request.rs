//! The sans-IO request: built by a generated endpoint function, turned into an
//! [`http::Request`], and used again to read the answer into the typed response.

use std::marker::PhantomData;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ErrorMeta;
use crate::{Endpoint, Error, GraphError, Page};

const JSON: &str = "application/json";

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
    /// The body is content (a file, `$value`, a report): the value is [`Bytes`].
    Bytes,
    /// The body is a number in plain text (`$count`).
    Count,
}

/// Content as bytes: a file's content, a `$value`, a report. Deserializes from the raw body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("content bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Bytes, E> {
                Ok(Bytes(v.as_bytes().to_vec()))
            }
            // Bytes written to JSON are an array of numbers.
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Bytes, A::Error> {
                let mut out = Vec::new();
                while let Some(b) = seq.next_element::<u8>()? {
                    out.push(b);
                }
                Ok(Bytes(out))
            }
        }
        d.deserialize_byte_buf(V)
    }
}

impl crate::Strict for Bytes {
    fn unknown_fields(&self, _: &str, _: &mut Vec<String>) {}
}

/// A function parameter's value as OData writes it in a URL: strings (and enum members) between
/// single quotes, a quote inside doubled; numbers and booleans bare. [`Argument::raw`] takes a
/// literal as it is (a GUID, a date, `null`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument(String);

impl Argument {
    /// A literal written as given.
    pub fn raw(literal: impl Into<String>) -> Self {
        Argument(literal.into())
    }
}

impl From<&str> for Argument {
    fn from(s: &str) -> Self {
        Argument(format!("'{}'", s.replace('\'', "''")))
    }
}

impl From<String> for Argument {
    fn from(s: String) -> Self {
        Argument::from(s.as_str())
    }
}

macro_rules! bare_arguments {
    ($($t:ty),*) => {$(
        impl From<$t> for Argument {
            fn from(v: $t) -> Self {
                Argument(v.to_string())
            }
        }
    )*};
}
bare_arguments!(bool, i32, i64, u32, u64, f64);

/// A successful response with its head.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// HTTP status.
    pub status: u16,
    /// Response headers.
    pub headers: http::HeaderMap,
    /// The typed value.
    pub value: T,
}

/// A request to one endpoint, built without doing any I/O; `T` is the typed response.
#[derive(Debug, Clone)]
pub struct ApiRequest<T> {
    endpoint: &'static Endpoint,
    path: String,
    url: Option<String>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Result<Vec<u8>, String>>,
    content_type: &'static str,
    shape: Shape,
    response: PhantomData<fn() -> T>,
}

impl<T> ApiRequest<T> {
    /// Used by generated endpoint functions.
    #[doc(hidden)]
    pub fn new(
        endpoint: &'static Endpoint,
        path: String,
        body: Option<Result<Vec<u8>, String>>,
        shape: Shape,
    ) -> Self {
        ApiRequest {
            endpoint,
            path,
            url: None,
            query: Vec::new(),
            headers: Vec::new(),
            body,
            content_type: JSON,
            shape,
            response: PhantomData,
        }
    }

    /// The same request sending `content` as its body (content uploads: `PUT …/content`),
    /// with its media type.
    pub fn with_content(mut self, content: impl Into<Vec<u8>>, content_type: &'static str) -> Self {
        self.body = Some(Ok(content.into()));
        self.content_type = content_type;
        self
    }

    /// The same request with the body of another type: used by generated example tests
    /// whose page documents the operation with a body type of its own.
    #[doc(hidden)]
    pub fn with_body<B: Serialize>(mut self, body: &B) -> Self {
        self.body = to_body(body);
        self
    }

    /// The same request read as another type: used by generated example tests whose page
    /// documents the operation with a type of its own.
    #[doc(hidden)]
    pub fn retype<U>(self, shape: Shape) -> ApiRequest<U> {
        let ApiRequest {
            endpoint,
            path,
            url,
            query,
            headers,
            body,
            content_type,
            ..
        } = self;
        ApiRequest {
            endpoint,
            path,
            url,
            query,
            headers,
            body,
            content_type,
            shape,
            response: PhantomData,
        }
    }

    /// The same request sent to an absolute link instead of its path: an `@odata.nextLink`, or
    /// a saved `@odata.deltaLink` to resume a delta query from.
    pub fn at(mut self, link: &str) -> Self {
        self.url = Some(link.to_string());
        self.query.clear();
        self
    }

    /// How the response body maps to `T`.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The URL relative to the version (`/users/1?$select=id`), as a `$batch` item names it;
    /// a request sent to an absolute link keeps what follows the version.
    pub fn relative_url(&self) -> String {
        let mut url = match &self.url {
            Some(u) => {
                let v = format!("/{}/", self.endpoint.version);
                u.find(&v)
                    .map_or(u.clone(), |i| u[i + v.len() - 1..].to_string())
            }
            None => self.path.clone(),
        };
        let q = self.query_string();
        if !q.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&q);
        }
        url
    }

    /// The body and its media type, if the request has one (an error if it could not be
    /// serialized).
    pub fn body_with_type(&self) -> Result<Option<(&[u8], &'static str)>, Error> {
        match &self.body {
            Some(Ok(b)) => Ok(Some((b, self.content_type))),
            Some(Err(e)) => Err(Error::Request(e.clone())),
            None => Ok(None),
        }
    }

    /// The endpoint this request calls.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// HTTP method.
    pub fn method(&self) -> http::Method {
        http::Method::from_bytes(self.endpoint.method.as_bytes()).unwrap_or(http::Method::GET)
    }

    /// The encoded path after the version, e.g. `/users/a%20b`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Adds an optional parameter to the function call that ends the path, as OData writes it:
    /// `…/delta` becomes `…/delta(token='x')`, `…/range(address='A1')` becomes
    /// `…/range(address='A1',valuesOnly=true)`. The endpoint's docs name the optional
    /// parameters; strings are quoted (see [`Argument`]). A request sent to an absolute link
    /// ([`ApiRequest::at`]) keeps the link as it is.
    pub fn argument(mut self, name: &str, value: impl Into<Argument>) -> Self {
        let arg = format!("{}={}", encode(name, PATH), encode(&value.into().0, PATH));
        let last = self.path.rsplit('/').next().unwrap_or("");
        if self.path.ends_with("()") {
            self.path.insert_str(self.path.len() - 1, &arg);
        } else if self.path.ends_with(')') && last.contains('(') {
            self.path
                .insert_str(self.path.len() - 1, &format!(",{arg}"));
        } else {
            self.path.push_str(&format!("({arg})"));
        }
        self
    }

    /// Sets a query option (`$select`, `$filter`, or any other), replacing an earlier value.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.retain(|(k, _)| k != name);
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    /// Sets a request header, replacing an earlier value (names compare without case).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The headers set on this request.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// `$select`: only these properties.
    pub fn select(self, properties: &[&str]) -> Self {
        self.query("$select", &properties.join(","))
    }

    /// `$expand`: related entities to include (`manager`, `members($select=id)`).
    pub fn expand(self, expand: &str) -> Self {
        self.query("$expand", expand)
    }

    /// `$filter`: an OData filter expression (`startswith(displayName,'a')`).
    pub fn filter(self, filter: &str) -> Self {
        self.query("$filter", filter)
    }

    /// `$orderby`: `displayName desc`.
    pub fn order_by(self, order: &str) -> Self {
        self.query("$orderby", order)
    }

    /// `$top`: the page size.
    pub fn top(self, n: u32) -> Self {
        self.query("$top", &n.to_string())
    }

    /// `$skip`: items to skip.
    pub fn skip(self, n: u32) -> Self {
        self.query("$skip", &n.to_string())
    }

    /// `$search` (quoted as Graph wants: `"displayName:room"`). Directory objects answer it
    /// only to advanced queries, so this also sends `ConsistencyLevel: eventual`.
    pub fn search(self, search: &str) -> Self {
        let quoted = if search.starts_with('"') {
            search.to_string()
        } else {
            format!("\"{search}\"")
        };
        self.query("$search", &quoted).consistency_eventual()
    }

    /// `$count=true`: the total in `Page::count`. Also sends `ConsistencyLevel: eventual`,
    /// which directory objects require for it.
    pub fn count(self) -> Self {
        self.query("$count", "true").consistency_eventual()
    }

    /// `ConsistencyLevel: eventual`, for advanced queries on directory objects.
    pub fn consistency_eventual(self) -> Self {
        self.header("ConsistencyLevel", "eventual")
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
            None => format!(
                "{}/{}{}",
                base_url.trim_end_matches('/'),
                self.endpoint.version,
                self.path
            ),
        };
        let q = self.query_string();
        if !q.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&q);
        }
        url
    }

    /// An `http::Request` for `base_url`, with the headers set; the body is JSON when the
    /// endpoint takes one (or the content given to [`ApiRequest::with_content`]).
    pub fn to_http(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, Error> {
        let mut b = http::Request::builder()
            .method(self.method())
            .uri(self.url(base_url));
        for (k, v) in &self.headers {
            b = b.header(k.as_str(), v.as_str());
        }
        let body = match &self.body {
            Some(Ok(body)) => {
                b = b.header("Content-Type", self.content_type);
                body.clone()
            }
            Some(Err(e)) => return Err(Error::Request(e.clone())),
            None => Vec::new(),
        };
        b.body(body).map_err(|e| Error::Request(e.to_string()))
    }
}

#[derive(serde::Deserialize)]
struct ErrorBody {
    error: GraphError,
}

/// `{"value": …}`, read in one pass; other members are skipped.
#[derive(serde::Deserialize)]
struct Wrapped<T> {
    value: T,
}

impl<T: DeserializeOwned> ApiRequest<T> {
    /// Parses a response to this request, from its status and body, into the typed value, or
    /// an [`Error`] (Graph's error body, a redirect, a body that does not fit).
    pub fn parse_response(&self, status: u16, body: &[u8]) -> Result<T, Error> {
        self.parse(status, &http::HeaderMap::new(), body)
    }

    /// Parses an `http::Response`: as [`ApiRequest::parse_response`], and errors carry the
    /// head's request ids and `Retry-After`.
    pub fn parse_http<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Result<T, Error> {
        self.parse(
            response.status().as_u16(),
            response.headers(),
            response.body().as_ref(),
        )
    }

    /// Parses an `http::Response` and keeps its head: the value with its status and headers.
    pub fn parse_http_with_head<B: AsRef<[u8]>>(
        &self,
        response: http::Response<B>,
    ) -> Result<Response<T>, Error> {
        let value = self.parse_http(&response)?;
        let (parts, _) = response.into_parts();
        Ok(Response {
            status: parts.status.as_u16(),
            headers: parts.headers,
            value,
        })
    }

    fn parse(&self, status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<T, Error> {
        if (300..400).contains(&status) {
            if let Some(location) = headers
                .get(http::header::LOCATION)
                .and_then(|l| l.to_str().ok())
            {
                return Err(Error::Redirect {
                    status,
                    location: location.to_string(),
                });
            }
        }
        if !(200..300).contains(&status) {
            return Err(match serde_json::from_slice::<ErrorBody>(body) {
                Ok(e) => Error::Graph {
                    status,
                    meta: Box::new(ErrorMeta::from_headers(
                        headers,
                        e.error.inner_error.as_ref(),
                    )),
                    error: e.error,
                },
                Err(_) => Error::Status {
                    status,
                    body: String::from_utf8_lossy(body).into_owned(),
                    meta: Box::new(ErrorMeta::from_headers(headers, None)),
                },
            });
        }
        if status == 204 || body.iter().all(u8::is_ascii_whitespace) {
            return read_empty(self.shape, status);
        }
        read_body(self.shape, body)
    }
}

/// An answer without a body (`204 No Content`, or an empty one): `()`, or `None` where the
/// documented value is an `Option` (the service sends the object only when asked with
/// `Prefer: return=representation`); empty content for bytes.
fn read_empty<T: DeserializeOwned>(shape: Shape, status: u16) -> Result<T, Error> {
    use serde::de::value::{Error as ValueError, UnitDeserializer};
    if matches!(shape, Shape::Bytes) {
        return read_body(shape, &[]);
    }
    T::deserialize(UnitDeserializer::<ValueError>::new()).map_err(|e| {
        Error::Request(format!(
            "the response has no body (status {status}) where one was documented: {e}"
        ))
    })
}

/// Whether the body is a JSON object with a `value` member.
fn has_value_member(body: &[u8]) -> bool {
    serde_json::from_slice::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(body)
        .is_ok_and(|m| m.contains_key("value"))
}

/// Reads a success body of `shape` straight into `T` (`$batch` items and uploads read theirs).
#[doc(hidden)]
pub fn read_success<T: DeserializeOwned>(shape: Shape, body: &[u8]) -> Result<T, Error> {
    read_body(shape, body)
}

/// Reads a success body of `shape` straight into `T`, in one pass (no `serde_json::Value` in
/// between).
fn read_body<T: DeserializeOwned>(shape: Shape, body: &[u8]) -> Result<T, Error> {
    use serde::de::value::{
        BytesDeserializer, Error as ValueError, I64Deserializer, UnitDeserializer,
    };
    let plain =
        |e: ValueError| Error::Request(format!("the response is not the documented content: {e}"));
    match shape {
        Shape::NoContent => T::deserialize(UnitDeserializer::<ValueError>::new()).map_err(plain),
        Shape::Bytes => T::deserialize(BytesDeserializer::<ValueError>::new(body)).map_err(plain),
        Shape::Count => {
            let text = String::from_utf8_lossy(body);
            let n: i64 = text.trim().parse().map_err(|_| {
                Error::Request(format!("`$count` answered `{}`, not a number", text.trim()))
            })?;
            T::deserialize(I64Deserializer::<ValueError>::new(n)).map_err(plain)
        }
        // Bodies without a `value` member are read whole.
        Shape::ValueWrapped => match serde_json::from_slice::<Wrapped<T>>(body) {
            Ok(w) => Ok(w.value),
            // A `value` that does not fit is the error; only a body without one is read whole.
            Err(e) if has_value_member(body) => Err(Error::Json(e)),
            Err(e) => serde_json::from_slice(body).map_err(|_| Error::Json(e)),
        },
        Shape::Plain | Shape::Collection => serde_json::from_slice(body).map_err(Error::Json),
    }
}

impl<T> ApiRequest<Page<T>> {
    /// The request for the page after `page`, following its `@odata.nextLink`.
    pub fn next_page(&self, page: &Page<T>) -> Option<Self> {
        let link = page.next_link.as_ref()?;
        let mut next = ApiRequest::new(self.endpoint, self.path.clone(), None, self.shape);
        next.url = Some(link.clone());
        // ConsistencyLevel and the like hold for every page.
        next.headers = self.headers.clone();
        Some(next)
    }
}

/// Path segments keep OData's key syntax (`(id='…')`, `$value`, `:`) readable.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'@')
    .remove(b'$')
    .remove(b':')
    .remove(b'=')
    .remove(b',');
const PATH_KEEP_SLASH: &AsciiSet = &PATH.remove(b'/');
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',');

fn encode(s: &str, set: &'static AsciiSet) -> String {
    percent_encoding::utf8_percent_encode(s, set).to_string()
}

/// A request path: `pieces` (one more than `params`) with the percent-encoded parameters
/// between them. One call instead of a statement per piece keeps each endpoint function, of
/// which there are thousands, short to generate and to compile.
#[doc(hidden)]
pub fn path(pieces: &[&str], params: &[&str]) -> String {
    drive_path(pieces, params, &[])
}

/// [`path`] where the parameters flagged in `keep_slash` (inside `:/…:` drive paths) keep
/// their `/`.
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
        Ok(serde_json::Value::Null) => None,
        Ok(v) => Some(serde_json::to_vec(&v).map_err(|e| e.to_string())),
        Err(e) => Some(Err(e.to_string())),
    }
}

/// Reads a typed value from JSON: the one deserializer every generated type is used with.
#[doc(hidden)]
pub fn from_value<T: DeserializeOwned>(v: serde_json::Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(v)
}

/// Writes a typed value as JSON: the one serializer every generated type is used with.
#[doc(hidden)]
pub fn to_value<T: Serialize>(v: &T) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(v)
}

/// The type name in a value's `@odata.type` as the docs name it: without `microsoft.graph.`,
/// with a sub-namespace (`#microsoft.graph.user` → `user`,
/// `#microsoft.graph.callRecords.session` → `callRecords.session`).
#[doc(hidden)]
pub fn odata_type(v: &serde_json::Value) -> Option<&str> {
    let t = v.get("@odata.type")?.as_str()?.trim_start_matches('#');
    let prefix = "microsoft.graph.";
    match t.get(..prefix.len()) {
        Some(p) if p.eq_ignore_ascii_case(prefix) => Some(&t[prefix.len()..]),
        _ => Some(t),
    }
}

/// The body of an endpoint function: `request!(ENDPOINT, Shape, [pieces], [params] keep
/// [flags], body)` builds the [`ApiRequest`], its path by [`path`] (or, with the `keep`
/// flags of parameters inside `:/…:`, [`drive_path`]); `keep` and the body are optional, and
/// `content c` sends the bytes `c` instead of a JSON body. A macro for the reason
/// [`endpoint!`](crate::endpoint) is one.
#[doc(hidden)]
#[macro_export]
macro_rules! request {
    (@make $e:ident, $shape:ident, $path:expr) => {
        $crate::ApiRequest::new(&$e, $path, ::std::option::Option::None, $crate::Shape::$shape)
    };
    (@make $e:ident, $shape:ident, $path:expr, $b:ident) => {
        $crate::ApiRequest::new(&$e, $path, $crate::to_body($b), $crate::Shape::$shape)
    };
    (@make $e:ident, $shape:ident, $path:expr, content $c:ident) => {
        $crate::ApiRequest::new(&$e, $path, ::std::option::Option::None, $crate::Shape::$shape)
            .with_content($c.to_vec(), "application/octet-stream")
    };
    (
        $e:ident, $shape:ident, [$($piece:literal),* $(,)?], [$($param:ident),* $(,)?]
        $(, $($body:ident)+)? $(,)?
    ) => {
        $crate::request!(
            @make $e, $shape, $crate::path(&[$($piece),*], &[$($param),*]) $(, $($body)+)?
        )
    };
    (
        $e:ident, $shape:ident, [$($piece:literal),* $(,)?], [$($param:ident),* $(,)?]
        keep [$($k:literal),* $(,)?] $(, $($body:ident)+)? $(,)?
    ) => {
        $crate::request!(
            @make $e, $shape, $crate::drive_path(&[$($piece),*], &[$($param),*], &[$($k),*])
            $(, $($body)+)?
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    static USER: Endpoint = crate::endpoint! {
        name = "users::get", version = "v1.0", method = "GET", path = "/users/{id}",
        delegated_work = [], delegated_personal = [], application = [], source = "user-get.md",
    };
    static SEND: Endpoint = crate::endpoint! {
        name = "me::send_mail", version = "v1.0", method = "POST", path = "/me/sendMail",
        delegated_work = [], delegated_personal = [], application = [], source = "user-sendmail.md",
    };

    fn get_user(id: &str) -> ApiRequest<serde_json::Value> {
        crate::request!(USER, Plain, ["/users/", ""], [id])
    }

    #[test]
    fn parameters_are_percent_encoded_and_odata_syntax_is_kept() {
        assert_eq!(get_user("a b/c").path(), "/users/a%20b%2Fc");
        assert_eq!(get_user("x@y.com").path(), "/users/x@y.com");
        let p = path(&["/apps(appId='", "')"], &["ü'"]);
        assert_eq!(p, "/apps(appId='%C3%BC'')");
        assert_eq!(
            drive_path(
                &["/me/drive/root:/", ":/content"],
                &["a dir/f.txt"],
                &[true]
            ),
            "/me/drive/root:/a%20dir/f.txt:/content"
        );
    }

    #[test]
    fn urls_carry_version_and_encoded_query() {
        let req = get_user("1")
            .query("$select", "id,displayName")
            .query("$filter", "a eq 'b c'");
        assert_eq!(
            req.url("https://graph.microsoft.com/"),
            "https://graph.microsoft.com/v1.0/users/1?$select=id,displayName&$filter=a%20eq%20'b%20c'"
        );
        let http = req.to_http("https://graph.microsoft.us").unwrap();
        assert_eq!(http.method(), http::Method::GET);
        assert!(http.headers().get("content-type").is_none());
        assert!(http.body().is_empty());
    }

    #[test]
    fn a_body_is_json_and_sets_its_content_type() {
        let body = serde_json::json!({"message": {"subject": "hi"}});
        let req: ApiRequest<()> = {
            let body = &body;
            crate::request!(SEND, NoContent, ["/me/sendMail"], [], body)
        };
        let http = req.to_http("http://localhost").unwrap();
        assert_eq!(http.headers()["content-type"], "application/json");
        let sent: serde_json::Value = serde_json::from_slice(http.body()).unwrap();
        assert_eq!(sent, body);
        assert_eq!(req.parse_response(202, b"").unwrap(), ());
    }

    #[test]
    fn optional_function_arguments_join_the_call_that_ends_the_path() {
        let id = "d 1";
        let delta: ApiRequest<serde_json::Value> =
            crate::request!(USER, Plain, ["/drives/", "/root/delta"], [id]);
        assert_eq!(
            delta.clone().argument("token", "a'b c").path(),
            "/drives/d%201/root/delta(token='a''b%20c')"
        );
        let range: ApiRequest<serde_json::Value> =
            crate::request!(USER, Plain, ["/sheets/", "/range(address='A1')"], [id]);
        assert_eq!(
            range.argument("valuesOnly", true).argument("n", 3).path(),
            "/sheets/d%201/range(address='A1',valuesOnly=true,n=3)"
        );
        let empty: ApiRequest<serde_json::Value> = crate::request!(
            USER,
            Plain,
            ["/me/calendar/allowedCalendarSharingRoles()"],
            []
        );
        assert_eq!(
            empty.argument("User", Argument::raw("null")).path(),
            "/me/calendar/allowedCalendarSharingRoles(User=null)"
        );
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Plan {
        title: String,
    }

    #[test]
    fn an_optional_value_is_none_without_a_body_and_a_required_one_is_an_error() {
        static PATCH: Endpoint = crate::endpoint! {
            name = "planner::plans::update", version = "v1.0", method = "PATCH",
            path = "/planner/plans/{id}", delegated_work = [], delegated_personal = [],
            application = [], source = "plannerplan-update.md",
        };
        let id = "1";
        let optional: ApiRequest<Option<Plan>> =
            crate::request!(PATCH, Plain, ["/planner/plans/", ""], [id]);
        // `Prefer: return=representation` asked: 200 and the object; not asked: 204.
        let plan = optional.parse_response(200, br#"{"title": "t"}"#).unwrap();
        assert_eq!(plan, Some(Plan { title: "t".into() }));
        assert_eq!(optional.parse_response(204, b"").unwrap(), None);
        assert_eq!(optional.parse_response(200, b"  ").unwrap(), None);
        let required: ApiRequest<Plan> = optional.retype(Shape::Plain);
        match required.parse_response(204, b"") {
            Err(Error::Request(m)) => assert!(m.contains("no body (status 204)"), "{m}"),
            other => panic!("{other:?}"),
        }
        let wrapped: ApiRequest<Option<String>> = required.retype(Shape::ValueWrapped);
        assert_eq!(wrapped.parse_response(204, b"").unwrap(), None);
        assert_eq!(
            wrapped.parse_response(200, br#"{"value": "x"}"#).unwrap(),
            Some("x".to_string())
        );
    }

    #[test]
    fn graph_errors_and_bare_statuses_are_told_apart() {
        let req = get_user("1");
        let body = br#"{"error": {"code": "Request_ResourceNotFound", "message": "gone"}}"#;
        match req.parse_response(404, body) {
            Err(Error::Graph {
                status: 404, error, ..
            }) => {
                assert_eq!(error.code, "Request_ResourceNotFound")
            }
            other => panic!("{other:?}"),
        }
        match req.parse_response(502, b"<html>bad gateway</html>") {
            Err(Error::Status {
                status: 502, body, ..
            }) => assert!(body.contains("bad gateway")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            req.parse_response(200, b"{not json"),
            Err(Error::Json(_))
        ));
    }

    #[test]
    fn value_wrapped_bodies_are_unwrapped() {
        let req: ApiRequest<Vec<String>> = get_user("1").retype(Shape::ValueWrapped);
        assert_eq!(
            req.parse_response(200, br#"{"value": ["a", "b"]}"#)
                .unwrap(),
            ["a", "b"]
        );
    }

    /// A collection call answered with one object is an error that names the shape expected
    /// and the members found; an empty page reads as an empty page.
    #[test]
    fn one_object_where_a_page_is_expected_is_a_shape_error() {
        let req: ApiRequest<Page<serde_json::Value>> = get_user("1").retype(Shape::Collection);
        match req.parse_response(200, br#"{"@odata.context": "x", "id": "1", "displayName": "A"}"#) {
            Err(Error::Json(e)) => assert!(
                e.to_string().contains(
                    "expected a page of a collection (a `value` array), found one object (displayName, id)"
                ),
                "{e}"
            ),
            other => panic!("{other:?}"),
        }
        let empty = req.parse_response(200, br#"{"value": []}"#).unwrap();
        assert!(empty.value.is_empty());
    }

    /// A page's error example (`422` with Graph's error body) checks as that error; an error
    /// status without Graph's body, or a success, does not.
    #[test]
    fn error_examples_check_as_graph_errors() {
        let req = get_user("1");
        let graph = r#"{"error": {"code": "Request_UnprocessableEntity", "message": "bad"}}"#;
        assert_eq!(crate::testing::check_response(&req, 422, graph), Ok(()));
        let err = crate::testing::check_response(&req, 422, "<html>no</html>").unwrap_err();
        assert!(err.contains("without Graph's error body"), "{err}");
        assert!(crate::testing::check_response(&req, 200, r#"{"id": "1"}"#).is_ok());
    }

    #[test]
    fn the_next_page_follows_the_next_link_verbatim() {
        let req: ApiRequest<Page<serde_json::Value>> = get_user("1").retype(Shape::Collection);
        let page = req
            .parse_response(200, br#"{"value": [1], "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X%2B1"}"#)
            .unwrap();
        let next = req.next_page(&page).unwrap();
        assert_eq!(
            next.url("https://ignored"),
            "https://graph.microsoft.com/v1.0/users?$skiptoken=X%2B1"
        );
        let last = next.parse_response(200, br#"{"value": []}"#).unwrap();
        assert!(next.next_page(&last).is_none());
    }

    #[test]
    fn odata_options_are_typed_and_advanced_queries_send_consistency_level() {
        let req = get_user("1")
            .select(&["id", "displayName"])
            .filter("startswith(displayName,'a')")
            .top(5)
            .top(10)
            .count()
            .header("client-request-id", "c-1");
        assert_eq!(
            req.query_string(),
            "$select=id,displayName&$filter=startswith(displayName,'a')&$top=10&$count=true"
        );
        let http = req.to_http("https://graph.microsoft.com").unwrap();
        assert_eq!(http.headers()["consistencylevel"], "eventual");
        assert_eq!(http.headers()["client-request-id"], "c-1");
        let search = get_user("1").search("displayName:room");
        assert_eq!(search.query_string(), "$search=%22displayName%3Aroom%22");
        assert_eq!(
            search.headers(),
            [("ConsistencyLevel".to_string(), "eventual".to_string())]
        );
        // Every page of an advanced query is one.
        let pages: ApiRequest<Page<serde_json::Value>> =
            get_user("1").count().retype(Shape::Collection);
        let page = pages
            .parse_response(
                200,
                br#"{"value": [], "@odata.nextLink": "https://x/next"}"#,
            )
            .unwrap();
        assert_eq!(pages.next_page(&page).unwrap().headers().len(), 1);
    }

    #[test]
    fn errors_carry_request_ids_and_retry_after_from_the_head() {
        let req = get_user("1");
        let throttled = http::Response::builder()
            .status(429)
            .header("Retry-After", "7")
            .header("request-id", "r-1")
            .header("client-request-id", "c-1")
            .body(br#"{"error": {"code": "TooManyRequests", "message": "slow down"}}"#.to_vec())
            .unwrap();
        let e = req.parse_http(&throttled).unwrap_err();
        assert!(e.is_retryable());
        assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(7)));
        let meta = e.meta().unwrap();
        assert_eq!(meta.request_id.as_deref(), Some("r-1"));
        assert_eq!(meta.client_request_id.as_deref(), Some("c-1"));
        assert!(e.to_string().contains("request-id r-1"), "{e}");
        // The error body's innerError names the request when the head does not.
        let body = br#"{"error": {"code": "NotFound", "message": "no", "innerError": {"request-id": "r-2"}}}"#;
        let e = req.parse_response(404, body).unwrap_err();
        assert_eq!(e.meta().unwrap().request_id.as_deref(), Some("r-2"));
        assert!(!e.is_retryable());
    }

    #[test]
    fn a_redirect_names_its_location_and_success_keeps_its_head() {
        let req = get_user("1");
        let moved = http::Response::builder()
            .status(302)
            .header("Location", "https://download.example/f?sig=1")
            .body(Vec::new())
            .unwrap();
        match req.parse_http(&moved) {
            Err(Error::Redirect {
                status: 302,
                location,
            }) => assert_eq!(location, "https://download.example/f?sig=1"),
            other => panic!("{other:?}"),
        }
        let ok = http::Response::builder()
            .status(200)
            .header("ETag", "W/1")
            .body(br#"{"id": "1"}"#.to_vec())
            .unwrap();
        let r = req.parse_http_with_head(ok).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.headers["etag"], "W/1");
        assert_eq!(r.value["id"], "1");
    }

    #[test]
    fn content_is_bytes_and_count_is_a_number() {
        let content: ApiRequest<Bytes> = get_user("1").retype(Shape::Bytes);
        assert_eq!(
            content.parse_response(200, b"a,b\n1,2\n").unwrap(),
            Bytes(b"a,b\n1,2\n".to_vec())
        );
        let count: ApiRequest<i64> = get_user("1").retype(Shape::Count);
        assert_eq!(count.parse_response(200, b" 42\n").unwrap(), 42);
        assert!(count.parse_response(200, b"many").is_err());
        let upload = get_user("1").with_content(b"hello".to_vec(), "text/plain");
        let http = upload.to_http("http://x").unwrap();
        assert_eq!(http.headers()["content-type"], "text/plain");
        assert_eq!(http.body(), b"hello");
    }

    #[test]
    fn value_wrapped_bodies_are_read_in_one_pass_and_other_members_skipped() {
        let req: ApiRequest<Vec<String>> = get_user("1").retype(Shape::ValueWrapped);
        let body = br#"{"@odata.context": "x", "value": ["a"], "more": {"deep": [1, 2]}}"#;
        assert_eq!(req.parse_response(200, body).unwrap(), ["a"]);
        // A body that is itself the value is read whole.
        assert_eq!(req.parse_response(200, br#"["b"]"#).unwrap(), ["b"]);
        assert!(matches!(
            req.parse_response(200, br#"{"value": 3}"#),
            Err(Error::Json(_))
        ));
    }

    #[test]
    fn odata_type_keeps_the_sub_namespace() {
        let v = serde_json::json!({"@odata.type": "#microsoft.graph.callRecords.session"});
        assert_eq!(odata_type(&v), Some("callRecords.session"));
        let v = serde_json::json!({"@odata.type": "#Microsoft.Graph.user"});
        assert_eq!(odata_type(&v), Some("user"));
        assert_eq!(odata_type(&serde_json::json!({})), None);
    }
}
