//! graphdoc: reads the Microsoft Graph REST API reference (markdown pages) into one model of
//! operations, types, permissions and examples, and emits typed Rust bindings from it.
//!
//! The pipeline is `read` (pages → [`model::Model`]) → emit → check; each stage reads only the
//! previous stage's plain data.

pub mod diag;
pub mod model;
pub mod read;

pub use model::Model;
pub use read::read_docs;
