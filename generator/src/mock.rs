//! A mock Graph service that answers with the docs' own examples, on 127.0.0.1 only: a request
//! matches an example by method and path (literally, else through the most specific of the
//! operations' documented path templates), and gets that example's status, headers and body.
//!
//! Beyond the examples it behaves as clients need to be tested against: collections page with
//! `$top`/`$skiptoken` and nextLinks (delta functions end on a deltaLink), `$count=true` counts,
//! faults come on demand ([`Mock::fail`]: 429 with `Retry-After`, 503, 404…), content downloads
//! answer 302 to a second URL, `$batch` answers each item, upload sessions take ranged `PUT`s,
//! every answer carries a `request-id`, `Prefer: return=minimal` and `return=representation`
//! are honoured as the service honours them (an example shown with the latter answers `204`
//! without it), and every request is recorded ([`Mock::requests`]).

use std::collections::BTreeMap;
#[cfg(feature = "mock-server")]
use std::net::SocketAddr;
#[cfg(feature = "mock-server")]
use std::sync::atomic::{AtomicBool, Ordering};
#[cfg(feature = "mock-server")]
use std::sync::{Arc, Mutex};
#[cfg(feature = "mock-server")]
use std::thread::JoinHandle;

use crate::link::path::{canonical_path, match_path, PathPiece};
use crate::link::Api;
use crate::model::percent_decode as decode;
use crate::model::{ApiVersion, Body, ExampleRequest, ExampleResponse, Model, Operation};

/// One canned answer: an example response of the docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Response headers.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

/// Routes built from a model.
#[derive(Debug, Default)]
pub struct Routes {
    /// (version, method, decoded path) → answer, from example requests.
    exact: BTreeMap<(String, String, String), Answer>,
    /// (version, method, template, answer) from the operations' documented paths.
    templates: Vec<(String, String, Vec<PathPiece>, Answer)>,
}

impl Routes {
    /// Routes for every example that has a response, from the linked API of `model`.
    pub fn from_model(model: &Model) -> Routes {
        Routes::from_api(&crate::link::link(model))
    }

    /// Routes for every example that has a response: each example request's own URL, and one
    /// template per operation (every form the pages write its path in), answered by the
    /// primary page's example for that form, else by the first example of any of its pages.
    /// Pages are taken primary first, so where two pages show one URL the primary's answer wins.
    pub fn from_api(api: &Api) -> Routes {
        let mut routes = Routes::default();
        for lv in &api.versions {
            let version = lv.version.as_str().to_string();
            for linked in &lv.operations {
                let mut fallback = None;
                let mut per_form = Vec::new();
                for form in &linked.forms {
                    let op = form.page;
                    let mut own = None;
                    for ex in &op.examples {
                        let Some(resp) = &ex.response else { continue };
                        let answer = answer_of(op, ex.request.as_ref(), resp);
                        if let Some(req) = &ex.request {
                            let v = req
                                .version
                                .map(ApiVersion::as_str)
                                .unwrap_or(op.version.as_str())
                                .to_string();
                            routes
                                .exact
                                .entry((
                                    v,
                                    req.method.to_ascii_uppercase(),
                                    decode(&req.path).to_ascii_lowercase(),
                                ))
                                .or_insert_with(|| answer.clone());
                            let path = canonical_path(&req.path);
                            if own.is_none()
                                && req.method.eq_ignore_ascii_case(&linked.method)
                                && match_path(&form.template.pieces, &path).is_some()
                            {
                                own = Some(answer.clone());
                            }
                        }
                        fallback.get_or_insert(answer);
                    }
                    per_form.push((form, own));
                }
                // Each form of the path is routed once: the first (most primary) page's wins.
                let mut seen = Vec::new();
                for (form, own) in per_form {
                    let pieces = &form.template.pieces;
                    if seen.contains(&pieces) {
                        continue;
                    }
                    if let Some(answer) = own.or_else(|| fallback.clone()) {
                        seen.push(pieces);
                        routes.templates.push((
                            version.clone(),
                            linked.method.clone(),
                            pieces.clone(),
                            answer,
                        ));
                    }
                }
            }
        }
        routes
    }

    /// The answer for a request (method and URL path with query), if an example fits: what
    /// the server sends, available without one.
    pub fn answer(&self, method: &str, url: &str) -> Option<&Answer> {
        let path = url.split('?').next().unwrap_or(url);
        let path = decode(path);
        let (version, rest) = ["/v1.0", "/beta"]
            .iter()
            .find_map(|v| path.strip_prefix(v).map(|r| (&v[1..], r)))?;
        let method = method.to_ascii_uppercase();
        if let Some(a) = self.exact.get(&(
            version.to_string(),
            method.clone(),
            rest.to_ascii_lowercase(),
        )) {
            return Some(a);
        }
        // The most specific template wins: `getLicensesForApp(bundleId='x')` is the function's,
        // not the `{id}` route's (most literal characters, then the first documented).
        let literal = |t: &[PathPiece]| -> usize {
            t.iter()
                .map(|p| match p {
                    PathPiece::Lit(l) => l.len(),
                    PathPiece::Param { .. } => 0,
                })
                .sum()
        };
        self.templates
            .iter()
            .filter(|(v, m, t, _)| v == version && *m == method && match_path(t, rest).is_some())
            .max_by_key(|(_, _, t, _)| (literal(t), std::cmp::Reverse(t.len())))
            .map(|(_, _, _, a)| a)
    }

    /// Number of routes, for the startup line.
    pub fn len(&self) -> usize {
        self.exact.len() + self.templates.len()
    }

    /// Whether there are no routes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A request as the mock received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// Method.
    pub method: String,
    /// URL path and query, as sent.
    pub url: String,
    /// Headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Recorded {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A fault to answer instead of the example.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fault {
    method: String,
    path: String,
    status: u16,
    times: usize,
    retry_after: Option<u64>,
}

/// The mock service's logic, without a socket: routes, faults, paging, uploads, the record.
#[derive(Debug, Default)]
pub struct Mock {
    routes: Routes,
    faults: Vec<Fault>,
    requests: Vec<Recorded>,
    uploads: BTreeMap<usize, (Vec<u8>, usize)>,
    served: usize,
}

/// Bytes served for a content download that has no example body.
pub const MOCK_CONTENT: &[u8] = b"graphdoc mock content\n";

impl Mock {
    /// A mock of `model`'s examples.
    pub fn new(model: &Model) -> Mock {
        Mock {
            routes: Routes::from_model(model),
            ..Default::default()
        }
    }

    /// The routes.
    pub fn routes(&self) -> &Routes {
        &self.routes
    }

    /// Answers the next `times` requests of `method` to `path` (after the version, compared
    /// decoded and without case; `*` for any method) with `status` and a Graph error body, and
    /// `Retry-After` when given.
    pub fn fail(
        &mut self,
        method: &str,
        path: &str,
        status: u16,
        times: usize,
        retry_after: Option<u64>,
    ) {
        self.faults.push(Fault {
            method: method.to_ascii_uppercase(),
            path: path.to_ascii_lowercase(),
            status,
            times,
            retry_after,
        });
    }

    /// Every request received, in order.
    pub fn requests(&self) -> &[Recorded] {
        &self.requests
    }

    /// Answers one request; `base_url` is where the mock is served (for links it hands out).
    pub fn handle(&mut self, base_url: &str, req: Recorded) -> Answer {
        self.requests.push(req.clone());
        self.served += 1;
        let mut answer = self.answer(base_url, &req);
        answer
            .headers
            .push(("request-id".into(), format!("mock-request-{}", self.served)));
        if let Some(c) = req.header("client-request-id") {
            answer
                .headers
                .push(("client-request-id".into(), c.to_string()));
        }
        answer
    }

    fn answer(&mut self, base_url: &str, req: &Recorded) -> Answer {
        let (path, query) = req.url.split_once('?').unwrap_or((&req.url, ""));
        let path = decode(path);
        let method = req.method.to_ascii_uppercase();
        if let Some(rest) = path.strip_prefix("/_download/") {
            let body = rest
                .parse::<usize>()
                .ok()
                .and_then(|n| self.uploads.get(&n))
                .map_or(MOCK_CONTENT.to_vec(), |(b, _)| b.clone());
            return Answer {
                status: 200,
                headers: vec![("Content-Type".into(), "application/octet-stream".into())],
                body,
            };
        }
        if let Some(id) = path.strip_prefix("/_upload/").and_then(|n| n.parse().ok()) {
            if let Some(fault) = self.take_fault(&method, &path) {
                return fault;
            }
            return self.upload(id, &method, req);
        }
        let Some((version, rest)) = ["/v1.0", "/beta"]
            .iter()
            .find_map(|v| path.strip_prefix(v).map(|r| (&v[1..], r.to_string())))
        else {
            return not_found(&req.method, &req.url);
        };
        if let Some(fault) = self.take_fault(&method, &rest) {
            return fault;
        }
        if method == "POST" && rest.eq_ignore_ascii_case("/$batch") {
            return self.batch(base_url, version, req);
        }
        let last = rest.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
        if method == "GET" && (last == "content" || last == "$value") {
            return Answer {
                status: 302,
                headers: vec![("Location".into(), format!("{base_url}/_download/content"))],
                body: Vec::new(),
            };
        }
        if method == "POST" && last == "createuploadsession" {
            let id = self.uploads.len() + 1;
            self.uploads.insert(id, (Vec::new(), 0));
            let body = serde_json::json!({
                "uploadUrl": format!("{base_url}/_upload/{id}"),
                "expirationDateTime": "2030-01-01T00:00:00Z",
                "nextExpectedRanges": ["0-"],
            });
            return json_answer(200, &body);
        }
        let Some(answer) = self.routes.answer(&method, &req.url).cloned() else {
            return not_found(&req.method, &req.url);
        };
        if let Some(minimal) = prefer(&answer, req) {
            return minimal;
        }
        page(answer, base_url, &path, query, last.starts_with("delta"))
    }

    fn take_fault(&mut self, method: &str, path: &str) -> Option<Answer> {
        let path = path.to_ascii_lowercase();
        let f = self.faults.iter_mut().find(|f| {
            f.times > 0 && (f.method == "*" || f.method == method) && path.starts_with(&f.path)
        })?;
        f.times -= 1;
        let code = match f.status {
            429 => "TooManyRequests",
            503 => "ServiceUnavailable",
            404 => "Request_ResourceNotFound",
            _ => "MockFault",
        };
        let mut a = json_answer(
            f.status,
            &serde_json::json!({"error": {"code": code, "message": format!("mock fault {} on {path}", f.status)}}),
        );
        if let Some(s) = f.retry_after {
            a.headers.push(("Retry-After".into(), s.to_string()));
        }
        Some(a)
    }

    /// Ranged `PUT`s into an upload session; `GET` says what it still expects.
    fn upload(&mut self, id: usize, method: &str, req: &Recorded) -> Answer {
        let Some((data, total)) = self.uploads.get_mut(&id) else {
            return not_found(method, &req.url);
        };
        if method == "PUT" {
            // `bytes 0-327679/700000`
            let range = req.header("content-range").unwrap_or("");
            let parsed = range.strip_prefix("bytes ").and_then(|r| {
                let (span, all) = r.split_once('/')?;
                let (a, b) = span.split_once('-')?;
                Some((
                    a.parse::<usize>().ok()?,
                    b.parse::<usize>().ok()?,
                    all.parse::<usize>().ok()?,
                ))
            });
            let Some((start, end, all)) =
                parsed.filter(|(a, b, _)| a <= b && b - a + 1 == req.body.len())
            else {
                return json_answer(
                    400,
                    &serde_json::json!({"error": {"code": "InvalidRange", "message": range}}),
                );
            };
            if start != data.len() {
                return json_answer(
                    416,
                    &serde_json::json!({"error": {"code": "InvalidRange", "message": format!("expected {}-", data.len())}}),
                );
            }
            data.extend_from_slice(&req.body);
            *total = all;
            if end + 1 < all {
                return json_answer(
                    202,
                    &serde_json::json!({"nextExpectedRanges": [format!("{}-", data.len())]}),
                );
            }
            return json_answer(
                201,
                &serde_json::json!({"id": format!("uploaded-{id}"), "size": all}),
            );
        }
        if data.len() == *total && *total > 0 {
            return json_answer(
                201,
                &serde_json::json!({"id": format!("uploaded-{id}"), "size": total}),
            );
        }
        json_answer(
            200,
            &serde_json::json!({"nextExpectedRanges": [format!("{}-", data.len())]}),
        )
    }

    /// Each item answered as if sent alone.
    fn batch(&mut self, base_url: &str, version: &str, req: &Recorded) -> Answer {
        let Ok(body) = serde_json::from_slice::<serde_json::Value>(&req.body) else {
            return json_answer(
                400,
                &serde_json::json!({"error": {"code": "BadRequest", "message": "the batch is not JSON"}}),
            );
        };
        let mut responses = Vec::new();
        for item in body["requests"].as_array().into_iter().flatten() {
            let url = item["url"].as_str().unwrap_or("");
            let headers = item["headers"]
                .as_object()
                .map(|h| {
                    h.iter()
                        .map(|(k, v)| {
                            (k.to_ascii_lowercase(), v.as_str().unwrap_or("").to_string())
                        })
                        .collect()
                })
                .unwrap_or_default();
            let inner = Recorded {
                method: item["method"].as_str().unwrap_or("GET").to_string(),
                url: format!("/{version}{url}"),
                headers,
                body: item
                    .get("body")
                    .map(|b| b.to_string().into_bytes())
                    .unwrap_or_default(),
            };
            let a = self.handle(base_url, inner);
            let body: serde_json::Value =
                serde_json::from_slice(&a.body).unwrap_or(serde_json::Value::Null);
            let headers: serde_json::Map<String, serde_json::Value> = a
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            responses.push(serde_json::json!({"id": item["id"], "status": a.status, "headers": headers, "body": body}));
        }
        json_answer(200, &serde_json::json!({"responses": responses}))
    }
}

/// An example response as the server sends it. Where the example asked for it with `Prefer:
/// return=representation`, the answer says `Preference-Applied`, as the service does, and is
/// sent only to requests that ask for it too.
fn answer_of(op: &Operation, req: Option<&ExampleRequest>, resp: &ExampleResponse) -> Answer {
    let body = match &resp.body {
        Body::Json(v) => v.text().as_bytes().to_vec(),
        Body::Text(t) => t.clone().into_bytes(),
        Body::None => Vec::new(),
    };
    let mut headers: Vec<(String, String)> = resp
        .headers
        .iter()
        // Lengths in the docs are often wrong; the server computes its own.
        .filter(|h| !h.name.eq_ignore_ascii_case("content-length"))
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect();
    if matches!(resp.body, Body::Json(_))
        && !headers
            .iter()
            .any(|h| h.0.eq_ignore_ascii_case("content-type"))
    {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    let asked = req.is_some_and(|r| {
        r.headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case("prefer")
                && h.value
                    .to_ascii_lowercase()
                    .contains("return=representation")
        })
    });
    if asked && !body.is_empty() {
        headers.push((PREFERENCE_APPLIED.into(), REPRESENTATION.into()));
    }
    Answer {
        status: resp.status.or(op.response.status).unwrap_or(200),
        headers,
        body,
    }
}

const PREFERENCE_APPLIED: &str = "Preference-Applied";
const REPRESENTATION: &str = "return=representation";

/// `204 No Content` where the request's `Prefer` header calls for it: an answer the docs show
/// only to `Prefer: return=representation` when the request does not ask for it, and a write's
/// answer with a body to `Prefer: return=minimal`.
fn prefer(answer: &Answer, req: &Recorded) -> Option<Answer> {
    let prefer = req.header("prefer").unwrap_or("").to_ascii_lowercase();
    let shown_when_asked = answer
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case(PREFERENCE_APPLIED) && v == REPRESENTATION);
    let write = matches!(
        req.method.to_ascii_uppercase().as_str(),
        "POST" | "PATCH" | "PUT"
    );
    let minimal = prefer.contains("return=minimal");
    let success_with_body = (200..300).contains(&answer.status) && !answer.body.is_empty();
    let no_content = shown_when_asked && !prefer.contains(REPRESENTATION)
        || minimal && write && success_with_body;
    no_content.then(|| Answer {
        status: 204,
        headers: if minimal {
            vec![(PREFERENCE_APPLIED.into(), "return=minimal".into())]
        } else {
            Vec::new()
        },
        body: Vec::new(),
    })
}

fn json_answer(status: u16, body: &serde_json::Value) -> Answer {
    Answer {
        status,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.to_string().into_bytes(),
    }
}

fn not_found(method: &str, url: &str) -> Answer {
    json_answer(
        404,
        &serde_json::json!({"error": {"code": "MockNoExample", "message": format!("no example for {method} {url}")}}),
    )
}

/// A collection answer cut to the page `$top` and `$skiptoken` ask for, with a nextLink while
/// items remain; a delta function's last page carries a deltaLink; `$count=true` counts.
fn page(mut answer: Answer, base_url: &str, path: &str, query: &str, delta: bool) -> Answer {
    let Ok(serde_json::Value::Object(mut body)) =
        serde_json::from_slice::<serde_json::Value>(&answer.body)
    else {
        return answer;
    };
    let Some(serde_json::Value::Array(items)) = body.get("value").cloned() else {
        return answer;
    };
    let params: BTreeMap<String, String> = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (decode(k).to_ascii_lowercase(), decode(v)))
        .collect();
    let skip: usize = params
        .get("$skiptoken")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let top: usize = params
        .get("$top")
        .and_then(|s| s.parse().ok())
        .unwrap_or(items.len().max(1));
    let end = (skip + top).min(items.len());
    body.insert(
        "value".into(),
        serde_json::Value::Array(items[skip.min(end)..end].to_vec()),
    );
    body.remove("@odata.nextLink");
    body.remove("@odata.deltaLink");
    if params.get("$count").is_some_and(|c| c == "true") {
        body.insert("@odata.count".into(), items.len().into());
    }
    let mut q: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.to_ascii_lowercase().starts_with("$skiptoken="))
        .map(str::to_string)
        .collect();
    if end < items.len() {
        q.push(format!("$skiptoken={end}"));
        body.insert(
            "@odata.nextLink".into(),
            format!("{base_url}{path}?{}", q.join("&")).into(),
        );
    } else if delta {
        body.insert(
            "@odata.deltaLink".into(),
            format!("{base_url}{path}?$deltatoken=mock-{}", items.len()).into(),
        );
    }
    answer.body = serde_json::Value::Object(body).to_string().into_bytes();
    answer
}

/// A running mock server; stops when dropped (feature `mock-server`, part of `cli`).
#[cfg(feature = "mock-server")]
pub struct MockServer {
    addr: SocketAddr,
    mock: Arc<Mutex<Mock>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

#[cfg(feature = "mock-server")]
impl MockServer {
    /// Starts serving `model`'s examples on 127.0.0.1 (`port` 0 picks a free one).
    pub fn start(model: &Model, port: u16) -> std::io::Result<MockServer> {
        MockServer::serve(Mock::new(model), port)
    }

    /// Serves a [`Mock`] already built (its routes counted, say) on `127.0.0.1:port`.
    pub fn serve(mock: Mock, port: u16) -> std::io::Result<MockServer> {
        let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| std::io::Error::other("no IP address"))?;
        let mock = Arc::new(Mutex::new(mock));
        let stop = Arc::new(AtomicBool::new(false));
        let (flag, shared) = (stop.clone(), mock.clone());
        let base_url = format!("http://{addr}");
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                let Ok(Some(mut req)) = server.recv_timeout(std::time::Duration::from_millis(50))
                else {
                    continue;
                };
                let mut body = Vec::new();
                let _ = std::io::Read::read_to_end(req.as_reader(), &mut body);
                let recorded = Recorded {
                    method: req.method().as_str().to_string(),
                    url: req.url().to_string(),
                    headers: req
                        .headers()
                        .iter()
                        .map(|h| {
                            (
                                h.field.as_str().as_str().to_ascii_lowercase(),
                                h.value.as_str().to_string(),
                            )
                        })
                        .collect(),
                    body,
                };
                let answer = match shared.lock() {
                    Ok(mut m) => m.handle(&base_url, recorded),
                    Err(_) => not_found("", ""),
                };
                let mut r =
                    tiny_http::Response::from_data(answer.body).with_status_code(answer.status);
                for (k, v) in &answer.headers {
                    if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                        r.add_header(h);
                    }
                }
                let _ = req.respond(r);
            }
        });
        Ok(MockServer {
            addr,
            mock,
            stop,
            thread: Some(thread),
        })
    }

    /// The address served, e.g. `127.0.0.1:43123`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give a client, e.g. `http://127.0.0.1:43123`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Injects a fault ([`Mock::fail`]).
    pub fn fail(
        &self,
        method: &str,
        path: &str,
        status: u16,
        times: usize,
        retry_after: Option<u64>,
    ) {
        if let Ok(mut m) = self.mock.lock() {
            m.fail(method, path, status, times, retry_after);
        }
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.mock
            .lock()
            .map(|m| m.requests().to_vec())
            .unwrap_or_default()
    }

    /// Number of routes, for the startup line.
    pub fn routes(&self) -> usize {
        self.mock.lock().map(|m| m.routes().len()).unwrap_or(0)
    }

    /// Blocks until the server thread ends (it runs until the process is stopped).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(feature = "mock-server")]
impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
