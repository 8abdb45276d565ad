//! What graphdoc's generated Microsoft Graph bindings call.
//!
//! A generated crate holds types and endpoint functions; this crate holds the code they
//! share, written and tested once:
//!
//! - [`ApiRequest`]: a sans-IO request. An endpoint function builds it; [`ApiRequest::to_http`]
//!   turns it into an [`http::Request`] for any HTTP client, and
//!   [`ApiRequest::parse_response`] reads the answer into the typed response or an [`Error`]
//!   (Graph's own error body as [`GraphError`]).
//! - [`Page`]: a page of a collection, and [`ApiRequest::next_page`] to follow it.
//! - [`Batch`]: up to 20 typed requests in one `$batch`; [`Upload`]: large files in ranged
//!   chunks, resumable.
//! - [`Endpoint`] and [`Permissions`]: what the docs say about each operation.
//! - [`edm`]: the Rust types of the Edm primitives.
//! - [`Strict`]: finds properties a value carries that its type does not define (the
//!   generated example tests assert it finds none).
//! - `Client` (feature `client`, `rustls` for HTTPS): a small async client on reqwest.
//!
//! The crates that appear in the generated API are re-exported ([`chrono`], [`uuid`],
//! [`serde`], [`serde_json`], [`http`]), so a generated crate depends on this crate alone.
//!
//! The macros (`graph_object!`, `graph_enum!`, `endpoint!`, `request!`) are for generated code
//! and reach everything through `$crate`, so generated code works wherever it is included,
//! in any module.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod batch;
pub mod edm;
mod error;
mod object;
mod page;
mod permissions;
mod request;
pub mod testing;
mod upload;

#[cfg(feature = "client")]
mod client;

pub use chrono;
#[cfg(feature = "client")]
pub use futures_core;
pub use http;
pub use serde;
pub use serde_json;
pub use uuid;

pub use batch::{Batch, BatchId, BatchResponses, ItemResponse, MAX_BATCH};
#[cfg(feature = "client")]
pub use client::{
    clouds, BoxError, BoxFuture, Client, Delta, ItemStream, Items, RetryPolicy, StaticToken,
    TokenProvider,
};
pub use edm::{Base64, IsoDuration};
pub use error::{Error, ErrorMeta, GraphError};
#[doc(hidden)]
pub use object::{
    member_spelling, read_extra, read_object, read_value, report_extras, report_member,
    walk_member, write_extras, write_member, write_object, Object, WriteState,
};
pub use object::{JsonObject, Strict, Update};
pub use page::Page;
pub use permissions::{Endpoint, Permissions, TokenKind};
#[doc(hidden)]
pub use request::{drive_path, from_value, odata_type, path, read_success, to_body, to_value};
pub use request::{ApiRequest, Argument, Bytes, Response, Shape};
pub use upload::{Upload, UploadState, CHUNK_UNIT, MAX_CHUNK};

/// This crate's own files (path inside the crate, contents), for output that carries the
/// runtime with it: graphdoc writes them beside a generated crate that vendors its runtime.
pub fn source() -> &'static [(&'static str, &'static str)] {
    &[
        ("Cargo.toml", include_str!("../Cargo.toml")),
        ("README.md", include_str!("../README.md")),
        ("benches/parse.rs", include_str!("../benches/parse.rs")),
        ("src/lib.rs", include_str!("lib.rs")),
        ("src/batch.rs", include_str!("batch.rs")),
        ("src/client.rs", include_str!("client.rs")),
        ("src/edm.rs", include_str!("edm.rs")),
        ("src/error.rs", include_str!("error.rs")),
        ("src/object.rs", include_str!("object.rs")),
        ("src/page.rs", include_str!("page.rs")),
        ("src/permissions.rs", include_str!("permissions.rs")),
        ("src/request.rs", include_str!("request.rs")),
        ("src/testing.rs", include_str!("testing.rs")),
        ("src/upload.rs", include_str!("upload.rs")),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_vendored_source_is_every_file_of_the_crate() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| format!("src/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = super::source()
            .iter()
            .map(|(p, _)| p.to_string())
            .filter(|p| p.starts_with("src/"))
            .collect();
        listed.sort();
        assert_eq!(listed, on_disk);
    }
}
