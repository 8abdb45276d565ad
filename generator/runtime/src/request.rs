//! The sans-IO request: built by a generated endpoint function, turned into an
//! [`http::Request`], and used again to read the answer into the typed response.

use std::marker::PhantomData;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{Endpoint, Error, GraphError, Page};

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
            body,
            shape,
            response: PhantomData,
        }
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
            body,
            ..
        } = self;
        ApiRequest {
            endpoint,
            path,
            url,
            query,
            body,
            shape,
            response: PhantomData,
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

    /// An `http::Request` for `base_url`; the body is JSON when the endpoint takes one.
    pub fn to_http(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, Error> {
        let mut b = http::Request::builder()
            .method(self.method())
            .uri(self.url(base_url));
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

#[derive(serde::Deserialize)]
struct ErrorBody {
    error: GraphError,
}

impl<T: DeserializeOwned> ApiRequest<T> {
    /// Parses a response to this request into the typed value, or Graph's error.
    pub fn parse_response(&self, status: u16, body: &[u8]) -> Result<T, Error> {
        if !(200..300).contains(&status) {
            return Err(match serde_json::from_slice::<ErrorBody>(body) {
                Ok(e) => Error::Graph {
                    status,
                    error: e.error,
                },
                Err(_) => Error::Status {
                    status,
                    body: String::from_utf8_lossy(body).into_owned(),
                },
            });
        }
        let v: serde_json::Value = match self.shape {
            Shape::NoContent => serde_json::Value::Null,
            _ => serde_json::from_slice(body).map_err(Error::Json)?,
        };
        let v = match (self.shape, v) {
            (Shape::ValueWrapped, serde_json::Value::Object(mut o)) if o.contains_key("value") => {
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

/// The bare type name in a value's `@odata.type` (`#microsoft.graph.user` → `user`).
#[doc(hidden)]
pub fn odata_type(v: &serde_json::Value) -> Option<&str> {
    let t = v.get("@odata.type")?.as_str()?;
    t.trim_start_matches('#').rsplit('.').next()
}

/// The body of an endpoint function: `request!(ENDPOINT, Shape, [pieces], [params] keep
/// [flags], body)` builds the [`ApiRequest`], its path by [`path`] (or, with the `keep`
/// flags of parameters inside `:/…:`, [`drive_path`]); `keep` and `body` are optional. A
/// macro for the reason [`endpoint!`](crate::endpoint) is one.
#[doc(hidden)]
#[macro_export]
macro_rules! request {
    (@body) => {
        ::std::option::Option::None
    };
    (@body $b:ident) => {
        $crate::to_body($b)
    };
    (
        $e:ident, $shape:ident, [$($piece:literal),* $(,)?], [$($param:ident),* $(,)?]
        $(, $body:ident)? $(,)?
    ) => {
        $crate::ApiRequest::new(
            &$e,
            $crate::path(&[$($piece),*], &[$($param),*]),
            $crate::request!(@body $($body)?),
            $crate::Shape::$shape,
        )
    };
    (
        $e:ident, $shape:ident, [$($piece:literal),* $(,)?], [$($param:ident),* $(,)?]
        keep [$($k:literal),* $(,)?] $(, $body:ident)? $(,)?
    ) => {
        $crate::ApiRequest::new(
            &$e,
            $crate::drive_path(&[$($piece),*], &[$($param),*], &[$($k),*]),
            $crate::request!(@body $($body)?),
            $crate::Shape::$shape,
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
    fn graph_errors_and_bare_statuses_are_told_apart() {
        let req = get_user("1");
        let body = br#"{"error": {"code": "Request_ResourceNotFound", "message": "gone"}}"#;
        match req.parse_response(404, body) {
            Err(Error::Graph { status: 404, error }) => {
                assert_eq!(error.code, "Request_ResourceNotFound")
            }
            other => panic!("{other:?}"),
        }
        match req.parse_response(502, b"<html>bad gateway</html>") {
            Err(Error::Status { status: 502, body }) => assert!(body.contains("bad gateway")),
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
    fn odata_type_is_the_bare_name() {
        let v = serde_json::json!({"@odata.type": "#microsoft.graph.callRecords.session"});
        assert_eq!(odata_type(&v), Some("session"));
        assert_eq!(odata_type(&serde_json::json!({})), None);
    }
}
