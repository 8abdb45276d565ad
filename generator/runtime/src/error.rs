//! Graph's error body and everything else that can go wrong with a request.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

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
    #[serde(
        rename = "innerError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<serde_json::Value>,
    /// Nested errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<serde_json::Value>,
}

/// What a failed response's head says: the ids to quote to Microsoft support, and how long to
/// wait before trying again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorMeta {
    /// `request-id` (from the headers, else the error body's `innerError`).
    pub request_id: Option<String>,
    /// `client-request-id`, echoed by the service.
    pub client_request_id: Option<String>,
    /// `Retry-After`, in seconds (429 and 503 carry it).
    pub retry_after: Option<Duration>,
    /// All response headers.
    pub headers: http::HeaderMap,
}

impl ErrorMeta {
    /// Reads the head of a response; `inner` is the error body's `innerError`, if any.
    pub fn from_headers(headers: &http::HeaderMap, inner: Option<&serde_json::Value>) -> Self {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let inner_id = |key: &str| {
            inner
                .and_then(|i| i.get(key))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        ErrorMeta {
            request_id: header("request-id").or_else(|| inner_id("request-id")),
            client_request_id: header("client-request-id")
                .or_else(|| inner_id("client-request-id")),
            retry_after: retry_after(headers),
            headers: headers.clone(),
        }
    }
}

/// A response's `Retry-After`, in seconds (the form Graph sends).
pub(crate) fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    headers
        .get(http::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .map(Duration::from_secs)
}

/// Everything that can go wrong with a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with its error body.
    Graph {
        /// HTTP status.
        status: u16,
        /// The error.
        error: GraphError,
        /// Request ids and `Retry-After`.
        meta: Box<ErrorMeta>,
    },
    /// A non-success status without a Graph error body.
    Status {
        /// HTTP status.
        status: u16,
        /// Body text.
        body: String,
        /// Request ids and `Retry-After`.
        meta: Box<ErrorMeta>,
    },
    /// A redirect (3xx) to `location`: content downloads answer `302` with a short-lived URL on
    /// another host, to be fetched without the Graph token.
    Redirect {
        /// HTTP status.
        status: u16,
        /// The `Location` header.
        location: String,
    },
    /// The body did not match the documented type.
    Json(serde_json::Error),
    /// The request could not be built.
    Request(String),
    /// Sending failed (connection, TLS, timeout…), with the cause as [`std::error::Error::source`].
    Transport(Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    /// The HTTP status of a response error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Graph { status, .. }
            | Error::Status { status, .. }
            | Error::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The response head of a Graph or status error.
    pub fn meta(&self) -> Option<&ErrorMeta> {
        match self {
            Error::Graph { meta, .. } | Error::Status { meta, .. } => Some(meta),
            _ => None,
        }
    }

    /// How long the service asked to wait (`Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.meta().and_then(|m| m.retry_after)
    }

    /// Whether trying again may succeed: throttling (429) and unavailability (503, 504).
    pub fn is_retryable(&self) -> bool {
        matches!(self.status(), Some(429 | 503 | 504))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph {
                status,
                error,
                meta,
            } => {
                write!(f, "Graph error {status} {}: {}", error.code, error.message)?;
                if let Some(id) = &meta.request_id {
                    write!(f, " (request-id {id})")?;
                }
                Ok(())
            }
            Error::Status { status, body, .. } => write!(f, "HTTP {status}: {body}"),
            Error::Redirect { status, location } => {
                write!(f, "HTTP {status}: redirected to {location}")
            }
            Error::Json(e) => write!(f, "response does not match the documented type: {e}"),
            Error::Request(e) => write!(f, "request cannot be built: {e}"),
            Error::Transport(e) => {
                // The whole chain: "error sending request" alone does not tell a refused
                // connection from a TLS handshake with a plain-HTTP port.
                write!(f, "request failed: {e}")?;
                let mut cause = e.source();
                while let Some(c) = cause {
                    write!(f, ": {c}")?;
                    cause = c.source();
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Json(e) => Some(e),
            Error::Transport(e) => Some(&**e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);
    impl fmt::Display for Layer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    #[test]
    fn transport_errors_show_and_keep_their_causes() {
        let refused = Error::Transport(Box::new(Layer(
            "error sending request",
            Some(Box::new(Layer(
                "tcp connect error",
                Some(Box::new(Layer("Connection refused", None))),
            ))),
        )));
        assert_eq!(
            refused.to_string(),
            "request failed: error sending request: tcp connect error: Connection refused"
        );
        let source = std::error::Error::source(&refused).unwrap();
        assert_eq!(source.to_string(), "error sending request");
        assert!(source.source().is_some());
    }
}
