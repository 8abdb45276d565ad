//! Graph's error body and everything else that can go wrong with a request.

use std::fmt;

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
    Json(serde_json::Error),
    /// The request could not be built or sent.
    Request(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph { status, error } => {
                write!(f, "Graph error {status} {}: {}", error.code, error.message)
            }
            Error::Status { status, body } => write!(f, "HTTP {status}: {body}"),
            Error::Json(e) => write!(f, "response does not match the documented type: {e}"),
            Error::Request(e) => write!(f, "request failed: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Json(e) => Some(e),
            _ => None,
        }
    }
}
