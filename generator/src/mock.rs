//! A mock Graph service that answers with the docs' own examples, on 127.0.0.1 only: a request
//! matches an example by method and path (literally, else through the operation's documented
//! path templates), and gets that example's status, headers and body.

use std::collections::BTreeMap;
#[cfg(feature = "mock-server")]
use std::net::SocketAddr;
#[cfg(feature = "mock-server")]
use std::sync::atomic::{AtomicBool, Ordering};
#[cfg(feature = "mock-server")]
use std::sync::Arc;
#[cfg(feature = "mock-server")]
use std::thread::JoinHandle;

use crate::emit::plan::{match_path, template, PathPiece};
use crate::model::percent_decode as decode;
use crate::model::{ApiVersion, Body, Model};

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
    /// Routes for every example that has a response.
    pub fn from_model(model: &Model) -> Routes {
        let mut routes = Routes::default();
        for op in &model.operations {
            let version = op.version.as_str().to_string();
            let mut first_answer = None;
            for ex in &op.examples {
                let Some(resp) = &ex.response else { continue };
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
                let answer = Answer {
                    status: resp.status.or(op.response.status).unwrap_or(200),
                    headers,
                    body,
                };
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
                }
                first_answer.get_or_insert(answer);
            }
            if let Some(answer) = first_answer {
                for p in &op.paths {
                    routes.templates.push((
                        version.clone(),
                        p.method.to_ascii_uppercase(),
                        template(p).0,
                        answer.clone(),
                    ));
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
        self.templates
            .iter()
            .find(|(v, m, t, _)| v == version && *m == method && match_path(t, rest).is_some())
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

/// A running mock server; stops when dropped (feature `mock-server`, part of `cli`).
#[cfg(feature = "mock-server")]
pub struct MockServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

#[cfg(feature = "mock-server")]
impl MockServer {
    /// Starts serving `model`'s examples on 127.0.0.1 (`port` 0 picks a free one).
    pub fn start(model: &Model, port: u16) -> std::io::Result<MockServer> {
        let routes = Routes::from_model(model);
        let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| std::io::Error::other("no IP address"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                let Ok(Some(req)) = server.recv_timeout(std::time::Duration::from_millis(50))
                else {
                    continue;
                };
                let answer = routes.answer(req.method().as_str(), req.url()).cloned();
                let response = match answer {
                    Some(a) => {
                        let mut r =
                            tiny_http::Response::from_data(a.body).with_status_code(a.status);
                        for (k, v) in &a.headers {
                            if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes())
                            {
                                r.add_header(h);
                            }
                        }
                        r
                    }
                    None => {
                        let body = serde_json::json!({"error": {"code": "MockNoExample", "message": format!("no example for {} {}", req.method(), req.url())}});
                        tiny_http::Response::from_data(body.to_string().into_bytes())
                            .with_status_code(404)
                    }
                };
                let _ = req.respond(response);
            }
        });
        Ok(MockServer {
            addr,
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
