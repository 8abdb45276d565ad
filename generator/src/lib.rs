//! graphdoc: reads the Microsoft Graph REST API reference (markdown pages) into one model of
//! operations, types, permissions and examples, and emits typed Rust bindings from it.
//!
//! The pipeline is [`read`] (pages → [`model::Model`]) → [`emit`] (model → plan → Rust files)
//! → [`write`]; each stage reads only the previous stage's plain data.

pub mod builder;
pub mod check;
pub mod config;
pub mod diag;
pub mod diff;
pub mod emit;
#[doc(hidden)]
pub mod fuzz;
pub mod link;
pub mod mock;
pub mod model;
pub mod naming;
pub mod plan;
pub mod read;
pub mod render;
pub mod write;

pub use builder::Builder;
pub use config::Config;
pub use model::Model;
pub use read::read_docs;
