//! The plan's data: what will become Rust, as plain values the emitters translate into tokens.

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
pub use crate::link::path::{ParamPlan, PathPiece};
use crate::model::{ApiVersion, Edm, PermissionSet, Permissions};

/// Which pages and versions to bind.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Versions to emit (all when empty).
    pub versions: Vec<ApiVersion>,
    /// Workloads or areas to bind, by exact cargo feature name (all when empty); applied to the
    /// planned API by [`super::select`].
    pub include: Vec<String>,
    /// Workloads or areas to leave out, by exact cargo feature name.
    pub exclude: Vec<String>,
    /// Also bind properties that only the examples show, as JSON fields (see
    /// [`super::example_fields`]). Off by default: the bindings are the property tables, and an
    /// example with a property they lack fails its generated test.
    pub example_fields: bool,
}

impl Filter {
    pub(crate) fn keeps_version(&self, v: ApiVersion) -> bool {
        self.versions.is_empty() || self.versions.contains(&v)
    }
}

/// A reference to a type from a field, body or response.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// A primitive.
    Prim(Edm),
    /// A generated struct or enum, by Rust name.
    Named(String),
    /// Unknown to the docs set: kept as JSON.
    Json,
}

/// One struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPlan {
    /// Wire name.
    pub wire: String,
    /// Rust identifier text.
    pub rust: String,
    /// Type.
    pub ty: TypeRef,
    /// A collection of `ty`.
    pub collection: bool,
    /// Boxed to break a cycle.
    pub boxed: bool,
    /// Doc text.
    pub doc: String,
}

/// One enum variant.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantPlan {
    /// Wire name.
    pub wire: String,
    /// Rust identifier text.
    pub rust: String,
    /// Doc text.
    pub doc: String,
}

/// What a generated type is.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeBody {
    /// A struct with all properties (inherited ones included).
    Struct {
        /// Fields, own first, then inherited.
        fields: Vec<FieldPlan>,
        /// Rust name of the captured-extras field.
        extras: String,
    },
    /// A base type or any of its derived types, chosen by `@odata.type`.
    Poly {
        /// Rust name of the base struct (the fallback variant).
        base: String,
        /// Derived types: wire name (as in `@odata.type`) and Rust name (variant and struct).
        variants: Vec<VariantPlan>,
    },
    /// A string enum with a catch-all variant.
    Enum {
        /// Documented members.
        variants: Vec<VariantPlan>,
        /// Rust name of the catch-all variant.
        other: String,
    },
}

/// One generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypePlan {
    /// Docs name, e.g. `vppToken`.
    pub wire: String,
    /// Rust name, e.g. `VppToken`.
    pub rust: String,
    /// Base type's Rust name, for docs.
    pub base: Option<String>,
    /// Doc text.
    pub doc: String,
    /// Source page.
    pub source: String,
    /// Struct or enum.
    pub body: TypeBody,
    /// Workload of the source page.
    pub workload: Option<String>,
    /// Cargo features that compile this type (any of them).
    pub features: BTreeSet<String>,
    /// An open type (or derived from one): members beyond its fields are its own, kept in the
    /// extras and not reported by `Strict`.
    pub open: bool,
}

/// The request body an endpoint takes.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyPlan {
    /// No body.
    None,
    /// A generated or known type.
    Type(TypeRef),
    /// Content bytes (`PUT …/content`, `…/$value`): the function takes `&[u8]`.
    Content,
    /// A generated parameters struct (fields as in a TypeBody::Struct).
    Params {
        /// Rust name of the struct.
        rust: String,
        /// Fields.
        fields: Vec<FieldPlan>,
        /// Rust name of the captured-extras field.
        extras: String,
    },
}

/// How the response body maps to the returned type: the runtime's own enum, so the plan and the
/// generated `request!(…, Shape, …)` calls name the same variants.
pub use graphdoc_runtime::Shape;

/// The documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponsePlan {
    /// Element type (`None` for no content).
    pub ty: Option<TypeRef>,
    /// How the body wraps it.
    pub shape: Shape,
    /// Documented status (of the answer with a body, where there are two).
    pub status: u16,
    /// The service may also answer `204 No Content` (without `Prefer: return=representation`,
    /// or where the prose and the examples disagree): the value is an `Option`. Set only for
    /// a typed value (plain, wrapped or a page), never for bytes, counts or no content.
    pub optional: bool,
}

/// An optional parameter of a function: left out of the URL unless the caller adds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionalArgument {
    /// The parameter's name in the call (`token`).
    pub wire: String,
    /// Its documented type, without `Edm.` (`String`, `Boolean`, `vppTokenState`).
    pub type_name: String,
}

/// A page that documents an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRef {
    /// Page name (`user-list`).
    pub operation: String,
    /// Page path relative to its docs root.
    pub source: String,
    /// The page's workload (`ms.prod`).
    pub workload: Option<String>,
}

/// One endpoint function: one operation (method and canonical path), however many pages
/// document it (see [`super::resolve`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointPlan {
    /// Modules of the function below the version's endpoints, from the path's literal segments
    /// (`["users", "messages"]`).
    pub module: Vec<String>,
    /// Function name within its module.
    pub rust: String,
    /// Name of the const describing it.
    pub const_name: String,
    /// Operation (page) name of the primary page.
    pub operation: String,
    /// HTTP method, upper case.
    pub method: String,
    /// The path as documented (the primary page's form).
    pub path: String,
    /// Every form the pages write the path in (`{id}`, `{user-id}`…), the primary's first.
    pub path_forms: Vec<String>,
    /// Path template.
    pub pieces: Vec<PathPiece>,
    /// Path parameters, in order.
    pub params: Vec<ParamPlan>,
    /// Request body.
    pub body: BodyPlan,
    /// Response.
    pub response: ResponsePlan,
    /// OData query options the pages name (`$select`, `$filter`…), sorted.
    pub query_options: Vec<String>,
    /// A function's optional parameters, which the caller adds with `.argument(…)`.
    pub optional_arguments: Vec<OptionalArgument>,
    /// Permissions: where the page gives them per resource, those of the resources the path
    /// goes through (all of them when it goes through none).
    pub permissions: Permissions,
    /// The pages' permissions by scenario, area or resource, where they give more than one set.
    pub permission_sets: Vec<PermissionSet>,
    /// Title and description for docs.
    pub doc: String,
    /// Primary source page.
    pub source: String,
    /// Workload of the primary page.
    pub workload: Option<String>,
    /// Every page that documents the operation, the primary first.
    pub pages: Vec<PageRef>,
    /// Whether an HTTP request section lists the path (else only an example shows it).
    pub documented: bool,
    /// Whether that section adds a query string to it (a variant of the call, such as
    /// `GET /users?$expand=manager`).
    pub query_variant: bool,
    /// An OData action or function: named after its last segment, without a verb.
    pub action: bool,
    /// The pages' examples whose request matches this path (or, without a request, the first path).
    pub examples: Vec<ExampleCase>,
    /// The cargo features of the pages' workloads: any of them compiles the endpoint.
    pub features: BTreeSet<String>,
    /// Parameters bodies that other pages of the operation document instead of its own body
    /// (each a [`BodyPlan::Params`]): emitted hidden, for those pages' example tests.
    pub page_bodies: Vec<BodyPlan>,
}

/// One example of an endpoint, as data for a generated test.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleCase {
    /// Position among the operation's examples (1-based), for test names.
    pub index: usize,
    /// The page the example is on.
    pub source: String,
    /// The response the example's own page documents, where it differs from the operation's
    /// (a page per derived type): the example is checked against it.
    pub response_as: Option<ResponsePlan>,
    /// Likewise the request body type its page documents, where it differs.
    pub body_as: Option<TypeRef>,
    /// Or the index, in [`EndpointPlan::page_bodies`], of its page's own parameters body.
    pub page_body: Option<usize>,
    /// Line of the example response (or request) in the page.
    pub line: usize,
    /// Path parameter values taken from the example request URL, by parameter.
    pub args: Vec<String>,
    /// Example request: method, path and query as written, and the JSON body if any.
    pub request: Option<(String, String, Option<String>, Option<crate::model::Json>)>,
    /// Example response: status and valid JSON body (absent when the body is empty or not JSON).
    pub response: Option<(u16, crate::model::Json)>,
    /// Whether the response is marked truncated.
    pub truncated: bool,
    /// Whether the request goes to Graph (not, say, a change notification the service sends to an app).
    pub graph_request: bool,
}

/// Everything generated for one API version.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionPlan {
    /// Version.
    pub version: ApiVersion,
    /// Types, sorted by Rust name.
    pub types: Vec<TypePlan>,
    /// Endpoints, sorted by Rust name.
    pub endpoints: Vec<EndpointPlan>,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Per version, v1.0 first.
    pub versions: Vec<VersionPlan>,
    /// Items skipped or guessed, each with a reason.
    pub diagnostics: Vec<Diagnostic>,
    /// The pages a selection kept (see [`super::select`]); `None` when nothing was left out.
    pub sources: Option<BTreeSet<String>>,
}
