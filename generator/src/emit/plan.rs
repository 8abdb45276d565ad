//! The binding plan: what will become Rust, decided for the whole model before any code is
//! emitted. Validation (duplicate types and operations, locale conflicts, unknown type
//! references) and naming (Rust names beside wire names, unique within each scope) happen here,
//! so the emitters only translate plain data into tokens.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{
    percent_decode, ApiVersion, Body, Edm, Model, Operation, Part, Permissions, Property,
    RequestBody, TypeDef, TypeKind,
};
use crate::naming::{self, Scope};

/// Names the generated modules use unqualified: the runtime's re-exports and the prelude types
/// fields are written with (`Option<String>`), so no generated type may shadow them.
const RESERVED_TYPES: &[&str] = &[
    "Page",
    "Error",
    "GraphError",
    "Endpoint",
    "ApiRequest",
    "Option",
    "String",
    "Vec",
    "Box",
];

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
    fn keeps_version(&self, v: ApiVersion) -> bool {
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
}

/// A piece of a request path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPiece {
    /// Literal text.
    Lit(String),
    /// A parameter: index into the endpoint's params; `keep_slash` inside `:/…:` drive paths.
    Param {
        /// Index into [`EndpointPlan::params`].
        index: usize,
        /// Whether `/` is left unencoded.
        keep_slash: bool,
    },
}

/// A path parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamPlan {
    /// The placeholder as written (`{id | userPrincipalName}` → `id | userPrincipalName`).
    pub wire: String,
    /// Rust identifier text.
    pub rust: String,
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
    /// Documented status.
    pub status: u16,
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
    /// Permissions.
    pub permissions: Permissions,
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

fn diag(out: &mut Vec<Diagnostic>, file: &str, line: usize, code: Code, msg: String) {
    out.push(Diagnostic::new(file, line, code, msg));
}

/// Builds the plan from a model.
pub fn plan(model: &Model, filter: &Filter) -> Plan {
    // Versions share nothing: planned in parallel, gathered in version order.
    let kept: Vec<ApiVersion> = [ApiVersion::V1, ApiVersion::Beta]
        .into_iter()
        .filter(|v| filter.keeps_version(*v))
        .collect();
    let mut diags = Vec::new();
    let versions = par_map_diags(&kept, &mut diags, |&version, diags| {
        let ops = pick_operations(model, version, diags);
        (!ops.is_empty()).then(|| plan_version(model, version, &ops, filter, diags))
    })
    .into_iter()
    .flatten()
    .collect();
    diags.sort();
    diags.dedup();
    Plan {
        versions,
        diagnostics: diags,
        sources: None,
    }
}

/// `f` over every item in parallel, each call with diagnostics of its own: the results in item
/// order, the diagnostics appended in item order, so the plan never depends on scheduling.
fn par_map_diags<T: Sync, R: Send>(
    items: &[T],
    diags: &mut Vec<Diagnostic>,
    f: impl Fn(&T, &mut Vec<Diagnostic>) -> R + Sync,
) -> Vec<R> {
    use rayon::prelude::*;
    let done: Vec<(R, Vec<Diagnostic>)> = items
        .par_iter()
        .map(|item| {
            let mut d = Vec::new();
            let r = f(item, &mut d);
            (r, d)
        })
        .collect();
    done.into_iter()
        .map(|(r, d)| {
            diags.extend(d);
            r
        })
        .collect()
}

/// Operations documented differently by two locales (`locale-conflict` findings).
pub fn locale_conflicts(model: &Model) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for version in [ApiVersion::V1, ApiVersion::Beta] {
        pick_operations(model, version, &mut diags);
    }
    diags
}

/// The operations the bindings of a version are made from: one per page name, English first
/// (other locales' copies only feed `locale-conflict` findings).
pub fn bound_operations(model: &Model, version: ApiVersion) -> Vec<&Operation> {
    pick_operations(model, version, &mut Vec::new())
}

/// English first, then by source: the page that wins when two locales document one thing.
fn locale_rank(locale: &str, source: &str) -> (bool, String) {
    (!locale.eq_ignore_ascii_case("en-US"), source.to_string())
}

/// One operation per page name; other locales' copies are checked against it.
fn pick_operations<'m>(
    model: &'m Model,
    version: ApiVersion,
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'m Operation> {
    let mut by_name: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in model.operations.iter().filter(|o| o.version == version) {
        by_name.entry(op.name.as_str()).or_default().push(op);
    }
    let mut out = Vec::new();
    for (_, mut ops) in by_name {
        ops.sort_by_key(|o| locale_rank(&o.locale, &o.source));
        let first = ops[0];
        for other in &ops[1..] {
            let same = other.method == first.method
                && other
                    .paths
                    .iter()
                    .map(|p| &p.path)
                    .eq(first.paths.iter().map(|p| &p.path))
                && other
                    .response
                    .type_name
                    .as_deref()
                    .map(str::to_ascii_lowercase)
                    == first
                        .response
                        .type_name
                        .as_deref()
                        .map(str::to_ascii_lowercase);
            if !same {
                diag(diags, &other.source, other.line, Code::LocaleConflict,
                    format!("`{}` differs from `{}` (method, paths or response type); the binding follows `{}`", other.source, first.source, first.source));
            }
        }
        out.push(first);
    }
    out
}

fn plan_version(
    model: &Model,
    version: ApiVersion,
    ops: &[&Operation],
    filter: &Filter,
    diags: &mut Vec<Diagnostic>,
) -> VersionPlan {
    // Types: one per name (case-insensitive), English first.
    let mut inferred = super::infer::infer_missing(model, ops, version);
    // The operations that several pages document, each with its own type (Intune writes a page
    // per derived type): the types of each, by operation (responses and bodies apart).
    let mut by_key: BTreeMap<(String, String, bool), BTreeSet<String>> = BTreeMap::new();
    for op in ops {
        let body = match &op.request_body {
            RequestBody::Type { type_name } => Some(type_name.clone()),
            _ => repeated_resource(model, op).map(|t| t.name.clone()),
        };
        for t in endpoint_templates(op)
            .iter()
            .filter(|t| t.documented && !t.query_variant)
        {
            let (method, path) = super::resolve::key(&t.method, &t.pieces);
            for (is_body, name) in [(false, &op.response.type_name), (true, &body)] {
                if let Some(n) = name {
                    let k = (method.clone(), path.clone(), is_body);
                    by_key.entry(k).or_default().insert(n.to_ascii_lowercase());
                }
            }
        }
    }
    let shared: Vec<Vec<String>> = by_key
        .into_values()
        .filter(|n| n.len() > 1)
        .map(|n| n.into_iter().collect())
        .collect();
    // A type inferred from a page's examples (its resource page is missing) that shares an
    // operation with documented types derives from their common base, so it is read as one of
    // them.
    let documented_chain = |key: &str| type_chain(model, key, model.find_type(version, key));
    for names in &shared {
        let keys: Vec<&str> = names.iter().map(String::as_str).collect();
        let Some(base) = most_shared_base(&keys, &documented_chain) else {
            continue;
        };
        let base_name = model.find_type(version, &base).map(|t| t.name.clone());
        for t in inferred
            .iter_mut()
            .filter(|t| t.base.is_none() && names.contains(&t.name.to_ascii_lowercase()))
        {
            t.base = base_name.clone();
        }
    }
    for t in &inferred {
        diag(
            diags,
            &t.source,
            1,
            Code::InferredType,
            format!(
                "type `{}` is inferred from the examples: no resource page defines it",
                t.name
            ),
        );
    }
    let mut chosen: BTreeMap<String, &TypeDef> = BTreeMap::new();
    let mut candidates: Vec<&TypeDef> = model
        .types
        .iter()
        .filter(|t| t.version == version)
        .collect();
    candidates.sort_by_key(|t| locale_rank(&t.locale, &t.source));
    candidates.extend(&inferred);
    for t in candidates {
        let key = t.name.to_ascii_lowercase();
        if let Some(first) = chosen.get(&key) {
            if first.locale == t.locale {
                diag(
                    diags,
                    &t.source,
                    t.line,
                    Code::DuplicateType,
                    format!(
                        "type `{}` is also defined by `{}`; that definition is used",
                        t.name, first.source
                    ),
                );
            }
            continue;
        }
        chosen.insert(key, t);
    }
    // Rust names for types, in name order so the result never depends on page order.
    let mut scope = Scope::with_reserved(RESERVED_TYPES);
    let rust_names: BTreeMap<String, String> = chosen
        .iter()
        .map(|(key, t)| (key.clone(), scope.claim(naming::camel_text(&t.name))))
        .collect();
    // Polymorphism: a base type that some referenced position uses and that has derived types
    // is referenced through `Any<Base>`, which picks the derived struct by `@odata.type`.
    let chain = |key: &str| type_chain(model, key, chosen.get(key).copied());
    let common_base = |keys: &[&str]| most_shared_base(keys, &chain);
    let mut referenced = referenced_names(model, &chosen, ops);
    // Operations documented with several types are read through their common base: it is
    // referenced too.
    for names in &shared {
        let keys: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| chosen.contains_key(*n))
            .collect();
        if keys.len() > 1 {
            referenced.extend(common_base(&keys));
        }
    }
    let mut derived: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for t in chosen.values().filter(|t| t.kind != TypeKind::Enum) {
        for a in model.ancestors(t) {
            let key = a.name.to_ascii_lowercase();
            if chosen.contains_key(&key) && referenced.contains(&key) {
                derived.entry(key).or_default().push((
                    t.name.clone(),
                    rust_names[&t.name.to_ascii_lowercase()].clone(),
                ));
            }
        }
    }
    let any_names: BTreeMap<String, String> = derived
        .keys()
        .map(|k| (k.clone(), scope.claim(format!("Any{}", rust_names[k]))))
        .collect();
    let resolve = |name: &str| -> Option<TypeRef> {
        if let Some(p) = Edm::parse(name) {
            return Some(TypeRef::Prim(p));
        }
        let key = name.to_ascii_lowercase();
        any_names
            .get(&key)
            .or_else(|| rust_names.get(&key))
            .map(|r| TypeRef::Named(r.clone()))
    };

    // Each type is planned on its own, in parallel; gathered in name order.
    let chosen_defs: Vec<&TypeDef> = chosen.values().copied().collect();
    let mut types = par_map_diags(&chosen_defs, diags, |t, d| {
        plan_type(model, t, &rust_names, &resolve, d)
    });
    for (key, mut variants) in derived {
        variants.sort();
        let base = &chosen[&key];
        types.push(TypePlan {
            wire: base.name.clone(),
            rust: any_names[&key].clone(),
            base: None,
            doc: format!(
                "A `{}` or any type derived from it, chosen by `@odata.type` when reading.",
                base.name
            ),
            source: base.source.clone(),
            body: TypeBody::Poly {
                base: rust_names[&key].clone(),
                variants: variants
                    .into_iter()
                    .map(|(wire, rust)| VariantPlan {
                        wire,
                        rust,
                        doc: String::new(),
                    })
                    .collect(),
            },
            workload: base.workload.clone(),
            features: BTreeSet::new(),
        });
    }
    mark_boxed(&mut types);

    let reuse = |op: &Operation| repeated_resource(model, op).and_then(|t| resolve(&t.name));
    let endpoints = plan_endpoints(ops, &resolve, &reuse, diags);
    // The nearest type a set of named types all are (themselves or a base), `Any<…>` where the
    // base has derived types in use.
    let key_of: BTreeMap<&str, &str> = rust_names
        .iter()
        .chain(&any_names)
        .map(|(k, r)| (r.as_str(), k.as_str()))
        .collect();
    let common = |refs: &[&TypeRef]| -> Option<TypeRef> {
        let keys: Vec<&str> = refs
            .iter()
            .map(|r| match r {
                TypeRef::Named(n) => key_of.get(n.as_str()).copied(),
                _ => None,
            })
            .collect::<Option<_>>()?;
        resolve(&common_base(&keys)?)
    };
    let mut endpoints = super::resolve::merge(endpoints, &common);
    super::resolve::name(&mut endpoints, diags);
    name_bodies(&mut endpoints);
    endpoints.sort_by(|a, b| (&a.module, &a.rust).cmp(&(&b.module, &b.rust)));
    types.sort_by(|a, b| a.rust.cmp(&b.rust));
    if filter.example_fields {
        super::example_fields::add(&mut types, &mut endpoints, diags);
    }
    super::features::assign(&mut types, &mut endpoints);
    VersionPlan {
        version,
        types,
        endpoints,
    }
}

/// A type's lowercase name followed by its bases' (none when `t`, its definition, is unknown).
fn type_chain(model: &Model, key: &str, t: Option<&TypeDef>) -> Vec<String> {
    let mut out = vec![key.to_string()];
    if let Some(t) = t {
        out.extend(
            model
                .ancestors(t)
                .iter()
                .map(|a| a.name.to_ascii_lowercase()),
        );
    }
    out
}

/// The base most of a set of types (lowercase names) share, given each one's chain (itself,
/// then its bases), other than `entity` (the root of nearly everything says nothing): a page
/// whose type's base page is missing (a broken chain) must not leave the rest without their
/// common base. `None` unless two or more share it.
fn most_shared_base(keys: &[&str], chain: &dyn Fn(&str) -> Vec<String>) -> Option<String> {
    let chains: Vec<Vec<String>> = keys.iter().map(|k| chain(k)).collect();
    let mut best: Option<(usize, &str)> = None;
    for c in chains.iter().flatten().filter(|c| *c != "entity") {
        let n = chains.iter().filter(|ch| ch.contains(c)).count();
        if best.is_none_or(|(bn, _)| n > bn) {
            best = Some((n, c));
        }
    }
    best.filter(|(n, _)| *n >= 2).map(|(_, c)| c.to_string())
}

/// Lower-case names of the types that fields, responses and bodies refer to.
fn referenced_names(
    model: &Model,
    chosen: &BTreeMap<String, &TypeDef>,
    ops: &[&Operation],
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in chosen.values() {
        for p in model.all_members(t) {
            out.insert(p.type_name.to_ascii_lowercase());
        }
    }
    for op in ops {
        if let Some(t) = &op.response.type_name {
            out.insert(t.to_ascii_lowercase());
        }
        match &op.request_body {
            RequestBody::Type { type_name } => {
                out.insert(type_name.to_ascii_lowercase());
            }
            RequestBody::Parameters {
                parameters,
                represents,
            } => {
                out.extend(parameters.iter().map(|p| p.type_name.to_ascii_lowercase()));
                out.extend(represents.iter().map(|t| t.to_ascii_lowercase()));
            }
            _ => {}
        }
    }
    out
}

/// The plan of one chosen type (`rust_names` holds its name, by lowercase docs name): an
/// enum's variants or a struct's fields (inherited ones too).
fn plan_type(
    model: &Model,
    t: &TypeDef,
    rust_names: &BTreeMap<String, String>,
    resolve: &dyn Fn(&str) -> Option<TypeRef>,
    diags: &mut Vec<Diagnostic>,
) -> TypePlan {
    let body = match t.kind {
        TypeKind::Enum => {
            let mut vs = Scope::default();
            let mut wires = BTreeSet::new();
            let mut variants = Vec::new();
            for m in &t.members {
                if !wires.insert(m.name.as_str()) {
                    diag(
                        diags,
                        &t.source,
                        t.line,
                        Code::DuplicateMember,
                        format!(
                            "enum `{}` lists member `{}` twice; the first is used",
                            t.name, m.name
                        ),
                    );
                    continue;
                }
                variants.push(VariantPlan {
                    wire: m.name.clone(),
                    rust: vs.claim(naming::camel_text(&m.name)),
                    doc: m.description.clone(),
                });
            }
            TypeBody::Enum {
                variants,
                other: vs.claim("Other".to_string()),
            }
        }
        _ => {
            let props = model.all_members(t);
            let fields = plan_fields(&props, resolve, &t.source, diags);
            TypeBody::Struct {
                extras: extras_name(&fields),
                fields,
            }
        }
    };
    TypePlan {
        wire: t.name.clone(),
        rust: rust_names[&t.name.to_ascii_lowercase()].clone(),
        base: t
            .base
            .as_deref()
            .and_then(|b| rust_names.get(&b.to_ascii_lowercase()).cloned()),
        doc: t.description.clone(),
        source: t.source.clone(),
        body,
        workload: t.workload.clone(),
        features: BTreeSet::new(),
    }
}

fn plan_fields(
    props: &[&Property],
    resolve: &dyn Fn(&str) -> Option<TypeRef>,
    source: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<FieldPlan> {
    let mut scope = Scope::with_reserved(&["odata_type"]);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for p in props {
        // `@odata.type` is its own field on every struct.
        if p.name.starts_with("@odata") || !seen.insert(p.name.clone()) {
            continue;
        }
        let ty = resolve(&p.type_name).unwrap_or_else(|| {
            diag(diags, source, p.line, Code::UnknownType,
                format!("property `{}` has type `{}` which no page in the docs set defines; it is kept as JSON", p.name, p.type_name));
            TypeRef::Json
        });
        out.push(FieldPlan {
            wire: p.name.clone(),
            rust: scope.claim(naming::snake_text(&p.name)),
            ty,
            collection: p.collection,
            boxed: false,
            doc: p.description.clone(),
        });
    }
    out
}

/// The captured-extras field's name: `extra`, unless a property already has it.
fn extras_name(fields: &[FieldPlan]) -> String {
    let mut scope = Scope::default();
    for f in fields {
        scope.claim(f.rust.clone());
    }
    scope.claim("extra".to_string())
}

/// Boxes struct fields that close a cycle of non-collection references (Tarjan SCCs); edges
/// from `Any*` enums to their variants count for cycles, but only fields can be boxed.
fn mark_boxed(types: &mut [TypePlan]) {
    let index = type_index(types);
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match &t.body {
            TypeBody::Struct { fields, .. } => fields
                .iter()
                .filter(|f| !f.collection)
                .filter_map(|f| match &f.ty {
                    TypeRef::Named(n) => index.get(n).copied(),
                    _ => None,
                })
                .collect(),
            TypeBody::Poly { base, variants } => std::iter::once(base)
                .chain(variants.iter().map(|v| &v.rust))
                .filter_map(|n| index.get(n).copied())
                .collect(),
            TypeBody::Enum { .. } => Vec::new(),
        })
        .collect();
    let comp = tarjan(&edges);
    for (i, t) in types.iter_mut().enumerate() {
        if let TypeBody::Struct { fields, .. } = &mut t.body {
            for f in fields.iter_mut().filter(|f| !f.collection) {
                if let TypeRef::Named(n) = &f.ty {
                    if let Some(&j) = index.get(n) {
                        f.boxed = comp[i] == comp[j];
                    }
                }
            }
        }
    }
}

/// Position of each type by Rust name.
pub fn type_index(types: &[TypePlan]) -> BTreeMap<String, usize> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.rust.clone(), i))
        .collect()
}

/// Strongly connected components; returns the component id of each node.
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let (mut index, mut low, mut comp) = (vec![usize::MAX; n], vec![0; n], vec![usize::MAX; n]);
    let (mut stack, mut on_stack, mut next, mut ncomp) = (Vec::new(), vec![false; n], 0, 0);
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // Iterative DFS: (node, next edge to visit).
        let mut work = vec![(root, 0usize)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if let Some(&w) = edges[v].get(*ei) {
                *ei += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(u, _)) = work.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = ncomp;
                        if w == v {
                            break;
                        }
                    }
                    ncomp += 1;
                }
            }
        }
    }
    comp
}

/// The documented type whose property table a Request body table repeats: the section says
/// the body is "a JSON representation of the X object" and every row is a property of X with
/// X's type for it. Create and update pages do this (Intune's repeat whole resource tables);
/// their endpoints take X itself, one type instead of a copy per page, and `check` walks such
/// bodies as X.
pub fn repeated_resource<'m>(model: &'m Model, op: &Operation) -> Option<&'m TypeDef> {
    let RequestBody::Parameters {
        parameters,
        represents: Some(name),
    } = &op.request_body
    else {
        return None;
    };
    let t = model.find_type(op.version, name)?;
    if t.kind == TypeKind::Enum {
        return None;
    }
    let members = model.all_members(t);
    let norm = |s: &str| {
        let s = s.trim().to_ascii_lowercase();
        match s.strip_prefix("microsoft.graph.") {
            Some(rest) => rest.to_string(),
            None => s,
        }
    };
    let mut rows = parameters
        .iter()
        .filter(|p| !p.name.starts_with('@'))
        .peekable();
    rows.peek()?;
    rows.all(|p| {
        members.iter().any(|m| {
            m.name == p.name
                && m.collection == p.collection
                && norm(&m.type_name) == norm(&p.type_name)
        })
    })
    .then_some(t)
}

fn plan_endpoints(
    ops: &[&Operation],
    resolve: &(dyn Fn(&str) -> Option<TypeRef> + Sync),
    reuse: &(dyn Fn(&Operation) -> Option<TypeRef> + Sync),
    diags: &mut Vec<Diagnostic>,
) -> Vec<EndpointPlan> {
    // Operations are planned independently (beta's are most of the plan's time), in parallel.
    par_map_diags(ops, diags, |op, d| plan_operation(op, resolve, reuse, d))
        .into_iter()
        .flatten()
        .collect()
}

/// The endpoints of one operation: one per documented path, examples attached.
fn plan_operation(
    op: &Operation,
    resolve: &dyn Fn(&str) -> Option<TypeRef>,
    reuse: &dyn Fn(&Operation) -> Option<TypeRef>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<EndpointPlan> {
    let mut out = Vec::new();
    let response = plan_response(op, resolve, diags);
    let body = match (&op.request_body, reuse(op)) {
            (RequestBody::Parameters { .. }, Some(t)) => BodyPlan::Type(t),
            // No Request body section, yet the example sends JSON: the page left the section
            // out (check says so); the endpoint takes the body as JSON rather than drop it.
            (RequestBody::None, _) if example_sends_json(op) => {
                diag(diags, &op.source, op.line, Code::UndocumentedRequestBody,
                    "the page has no Request body section but its example sends JSON; the body is JSON".to_string());
                BodyPlan::Type(TypeRef::Json)
            }
            (RequestBody::None, _) => BodyPlan::None,
            (RequestBody::Unknown, _) => BodyPlan::Type(TypeRef::Json),
            (RequestBody::Type { type_name }, _) => BodyPlan::Type(resolve(type_name).unwrap_or_else(|| {
                // A JSON body loses nothing the caller sends: a note, not a warning.
                diags.push(Diagnostic::new(&op.source, op.line, Code::UnknownType,
                    format!("request body type `{type_name}` is not defined in the docs set; the body is JSON")).with_severity(Severity::Note));
                TypeRef::Json
            })),
            (RequestBody::Parameters { parameters, .. }, None) => {
                let refs: Vec<&Property> = parameters.iter().collect();
                let fields = plan_fields(&refs, resolve, &op.source, diags);
                BodyPlan::Params {
                    rust: String::new(), // named after the endpoint, once endpoints have names
                    extras: extras_name(&fields),
                    fields,
                }
            }
        };
    let doc = if op.description.is_empty() {
        op.title.clone()
    } else {
        op.description.clone()
    };
    let title = op.title.trim().to_lowercase();
    let titled_action = ["action", "function", "操作", "函数"]
        .iter()
        .any(|w| title.ends_with(w));
    for Template {
        method,
        path,
        pieces,
        params,
        in_url,
        documented,
        query_variant,
    } in endpoint_templates(op)
    {
        let last = path.rsplit('/').next().unwrap_or("");
        let action = !last.starts_with('{') && (titled_action || last.contains('(') || in_url);
        let (response, body) = content_of(&method, &path, &response, &body);
        out.push(EndpointPlan {
            module: Vec::new(),
            rust: String::new(),
            const_name: String::new(),
            operation: op.name.clone(),
            method,
            path_forms: vec![path.clone()],
            path,
            pieces,
            params,
            body: if in_url { BodyPlan::None } else { body },
            response,
            query_options: op.query_options.clone(),
            permissions: op.permissions.clone().unwrap_or_default(),
            doc: doc.clone(),
            source: op.source.clone(),
            workload: op.workload.clone(),
            pages: vec![PageRef {
                operation: op.name.clone(),
                source: op.source.clone(),
                workload: op.workload.clone(),
            }],
            documented,
            query_variant,
            action,
            examples: Vec::new(),
            features: BTreeSet::new(),
            page_bodies: Vec::new(),
        });
    }
    attach_examples(op, &mut out);
    if op.permissions.is_none() {
        diag(
            diags,
            &op.source,
            op.line,
            Code::NoPermissions,
            format!(
                "`{}` documents no permissions; its endpoints carry an empty list",
                op.name
            ),
        );
    }
    out
}

/// What a path says about its content, over what its page says: a `GET` of `…/content`,
/// `…/$value` or a report (no documented type: a CSV behind a redirect) returns bytes, one of
/// `…/$count` a number; a `PUT` or `PATCH` of content sends bytes.
fn content_of(
    method: &str,
    path: &str,
    response: &ResponsePlan,
    body: &BodyPlan,
) -> (ResponsePlan, BodyPlan) {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let content = last.eq_ignore_ascii_case("content") || last.eq_ignore_ascii_case("$value");
    let bytes = |shape| ResponsePlan {
        ty: None,
        shape,
        status: response.status,
    };
    match method {
        "GET" if content => (bytes(Shape::Bytes), body.clone()),
        "GET" if last.eq_ignore_ascii_case("$count") => (bytes(Shape::Count), body.clone()),
        "GET" if response.ty.is_none() && path.starts_with("/reports/") => {
            (bytes(Shape::Bytes), body.clone())
        }
        "PUT" | "PATCH" if content => (response.clone(), BodyPlan::Content),
        _ => (response.clone(), body.clone()),
    }
}

fn plan_response(
    op: &Operation,
    resolve: &dyn Fn(&str) -> Option<TypeRef>,
    diags: &mut Vec<Diagnostic>,
) -> ResponsePlan {
    let status = op.response.status.unwrap_or(200);
    let example_body = op
        .examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .find_map(|r| match &r.body {
            Body::Json(v) => Some(v.value()),
            _ => None,
        });
    let example_body = example_body.as_ref();
    let Some(name) = op.response.type_name.as_deref().filter(|_| status != 204) else {
        return ResponsePlan {
            ty: None,
            shape: if status == 204 || example_body.is_none() {
                Shape::NoContent
            } else {
                Shape::Plain
            },
            status,
        }
        .with_fallback(example_body);
    };
    let ty = resolve(name).unwrap_or_else(|| {
        diag(
            diags,
            &op.source,
            op.line,
            Code::UnknownType,
            format!("response type `{name}` is not defined in the docs set; the response is JSON"),
        );
        TypeRef::Json
    });
    // The prose often says "returns a user object" over an example that is a page of users:
    // the example shows what the service sends (`graphdoc check` reports the prose).
    let shape = if is_collection_page(example_body)
        || op.response.collection && !is_single_object(example_body)
    {
        Shape::Collection
    } else if is_value_wrapper(example_body)
        || matches!(ty, TypeRef::Prim(_)) && example_body.is_some_and(|b| b.get("value").is_some())
    {
        Shape::ValueWrapped
    } else {
        Shape::Plain
    };
    ResponsePlan {
        ty: Some(ty),
        shape,
        status,
    }
}

impl ResponsePlan {
    /// A response the page types nowhere but whose example has a body: keep it as JSON.
    fn with_fallback(mut self, example: Option<&serde_json::Value>) -> Self {
        if self.shape == Shape::Plain && example.is_some() {
            self.ty = Some(TypeRef::Json);
        }
        self
    }
}

/// The `value` of a body that is `{"value": …}` plus `@odata.*` annotations and nothing else.
fn wrapped_value(body: Option<&serde_json::Value>) -> Option<&serde_json::Value> {
    let obj = body?.as_object()?;
    let value = obj.get("value")?;
    obj.keys()
        .all(|k| k == "value" || k.starts_with("@odata"))
        .then_some(value)
}

/// `{"value": [...]}` (plus `@odata.*` annotations) with nothing else: a page of a collection.
pub fn is_collection_page(body: Option<&serde_json::Value>) -> bool {
    wrapped_value(body).is_some_and(|v| v.is_array())
}

/// An example body that is one object, not a page (`chat-get`: the prose says "a collection of
/// chat objects", the example and the service return one chat).
pub fn is_single_object(body: Option<&serde_json::Value>) -> bool {
    body.and_then(|b| b.as_object())
        .is_some_and(|o| !o.contains_key("value") && o.keys().any(|k| !k.starts_with('@')))
}

/// `{"value": {...}}` (plus `@odata.*` annotations) with nothing else.
fn is_value_wrapper(body: Option<&serde_json::Value>) -> bool {
    wrapped_value(body).is_some_and(|v| !v.is_array())
}

/// Whether an example request of a POST, PUT or PATCH carries a JSON body.
pub fn example_sends_json(op: &Operation) -> bool {
    ["POST", "PUT", "PATCH"]
        .iter()
        .any(|m| example_sends_json_with(op, m))
}

/// Whether an example request with this method carries a JSON body.
fn example_sends_json_with(op: &Operation, method: &str) -> bool {
    op.examples
        .iter()
        .filter_map(|e| e.request.as_ref())
        .any(|r| matches!(r.body, Body::Json(_)) && r.method.eq_ignore_ascii_case(method))
}

/// One endpoint template of an operation: a documented path, or a call the examples make.
pub struct Template {
    /// HTTP method as documented.
    pub method: String,
    /// The path as documented (for a call only the examples show, with its arguments).
    pub path: String,
    /// Path template.
    pub pieces: Vec<PathPiece>,
    /// Path parameters, in order.
    pub params: Vec<ParamPlan>,
    /// Whether the Request body parameters went into the URL (see [`endpoint_template`]).
    pub in_url: bool,
    /// Whether the HTTP request section lists the path (else only an example shows it).
    pub documented: bool,
    /// Whether the documented line adds a query string (`GET /users?$expand=manager`): the
    /// page shows a variant of the call, not the call itself.
    pub query_variant: bool,
}

/// The templates of an operation's endpoints: one per documented path, then one per function
/// call that examples make with arguments the HTTP request section leaves out
/// (`worksheets/{id|name}/UsedRange` called as `UsedRange(valuesOnly=true)`): the function
/// takes them, and the endpoint that builds the example's call is the one users need.
pub fn endpoint_templates(op: &Operation) -> Vec<Template> {
    let mut out: Vec<Template> = op
        .paths
        .iter()
        .map(|p| {
            let (pieces, params, in_url) = endpoint_template(op, p);
            Template {
                method: p.method.clone(),
                path: p.path.clone(),
                pieces,
                params,
                in_url,
                documented: true,
                query_variant: p.query.as_deref().is_some_and(|q| !q.trim().is_empty()),
            }
        })
        .collect();
    for r in op.examples.iter().filter_map(|e| e.request.as_ref()) {
        let path = canonical_path(&r.path);
        let matches = |t: &Template| {
            t.method.eq_ignore_ascii_case(&r.method) && match_path(&t.pieces, &path).is_some()
        };
        if out.iter().any(matches) {
            continue;
        }
        if let Some(v) = out
            .iter()
            .find_map(|t| signed_in_user(t).filter(|v| matches(v)))
        {
            out.push(v);
            continue;
        }
        let Some((head, call)) = path.rsplit_once('/').filter(|(_, c)| c.ends_with(')')) else {
            continue;
        };
        let Some((function, _)) = call.split_once('(') else {
            continue;
        };
        let bare = format!("{head}/{function}");
        let variant = out.iter().find_map(|t| {
            let Some(PathPiece::Lit(last)) = t.pieces.last() else {
                return None;
            };
            if !t.method.eq_ignore_ascii_case(&r.method)
                || t.in_url
                || !last.ends_with(&format!("/{function}"))
                || match_path(&t.pieces, &bare).is_none()
            {
                return None;
            }
            let mut pieces = t.pieces.clone();
            if let Some(PathPiece::Lit(l)) = pieces.last_mut() {
                l.truncate(l.len() - function.len());
            }
            let mut params = t.params.clone();
            call_args(call, &mut pieces, &mut params, &mut param_scope(&t.params));
            // A call whose arguments are not `name=value` pairs stays a path mismatch.
            (params.len() > t.params.len()).then(|| Template {
                method: t.method.clone(),
                path: pieces_text(&pieces, &params),
                pieces,
                params,
                in_url: false,
                documented: false,
                query_variant: false,
            })
        });
        if let Some(v) = variant.filter(|v| matches(v)) {
            out.push(v);
        }
    }
    out
}

/// The template of an endpoint: [`template`], plus the parameters of a function whose HTTP
/// request section shows no `(…)` while its Request body section lists parameters (the Intune
/// pages: `GET /deviceManagement/getSuggestedEnrollmentLimit` with an `enrollmentType` table,
/// called as `getSuggestedEnrollmentLimit(enrollmentType='…')`). A GET sends no body, so those
/// parameters go in the URL, as OData writes them: strings and enum members quoted, other
/// primitives bare. The flag says whether that happened (the endpoint then takes no body).
pub fn endpoint_template(
    op: &Operation,
    p: &crate::model::HttpPath,
) -> (Vec<PathPiece>, Vec<ParamPlan>, bool) {
    let (mut pieces, mut params) = template(p);
    let RequestBody::Parameters { parameters, .. } = &op.request_body else {
        return (pieces, params, false);
    };
    let last = p.path.rsplit('/').next().unwrap_or("");
    // A GET whose example sends the parameters as a JSON body (the workbook `range/Cell`
    // pages) keeps them as a body: the example is what the service was shown to accept.
    let function = p.method.eq_ignore_ascii_case("GET")
        && !example_sends_json_with(op, "GET")
        && !parameters.is_empty()
        && !last.contains('(')
        && !last.starts_with('{')
        && parameters.iter().all(|q| !q.collection);
    if !function {
        return (pieces, params, false);
    }
    let mut scope = param_scope(&params);
    push_lit(&mut pieces, "(");
    for (i, q) in parameters.iter().enumerate() {
        let quoted = q.type_name == "Edm.String" || !q.type_name.starts_with("Edm.");
        push_call_arg(&mut pieces, &mut params, &mut scope, i, &q.name, quoted);
    }
    push_lit(&mut pieces, ")");
    (pieces, params, true)
}

/// The names an endpoint function's parameters can take next to `params`: not theirs, nor
/// `body` (the function's body argument).
fn param_scope(params: &[ParamPlan]) -> Scope {
    let mut scope = Scope::with_reserved(&["body"]);
    for p in params {
        scope.claim(p.rust.clone());
    }
    scope
}

/// The `i`-th argument `name=value` of a function call in a path, its value a parameter
/// (between quotes when `quoted`).
fn push_call_arg(
    pieces: &mut Vec<PathPiece>,
    params: &mut Vec<ParamPlan>,
    scope: &mut Scope,
    i: usize,
    name: &str,
    quoted: bool,
) {
    let q = if quoted { "'" } else { "" };
    push_lit(
        pieces,
        &format!("{}{name}={q}", if i > 0 { "," } else { "" }),
    );
    pieces.push(PathPiece::Param {
        index: params.len(),
        keep_slash: false,
    });
    params.push(ParamPlan {
        wire: name.to_string(),
        rust: scope.claim(naming::snake_text(name)),
    });
    if quoted {
        push_lit(pieces, q);
    }
}

/// A literal segment; in a function call written with sample values (`filterByCurrentUser(on=
/// 'parameterValue')`, `columnsAfter(count=n)`), each value becomes a parameter, quoted as
/// written, since the call takes whatever value the caller gives.
fn call_args(t: &str, pieces: &mut Vec<PathPiece>, params: &mut Vec<ParamPlan>, scope: &mut Scope) {
    let call = t
        .strip_suffix(')')
        .and_then(|s| s.split_once('('))
        .filter(|(name, args)| {
            !name.is_empty()
                && args.split(',').all(|kv| {
                    kv.split_once('=')
                        .is_some_and(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
                })
        });
    let Some((name, args)) = call else {
        push_lit(pieces, t);
        return;
    };
    push_lit(pieces, &format!("{name}("));
    for (i, kv) in args.split(',').enumerate() {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        let v = v.trim();
        let quoted = v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'');
        push_call_arg(pieces, params, scope, i, k.trim(), quoted);
    }
    push_lit(pieces, ")");
}

/// The path template and parameter names of one path.
pub fn template(p: &crate::model::HttpPath) -> (Vec<PathPiece>, Vec<ParamPlan>) {
    let mut pieces = Vec::new();
    let mut params = Vec::new();
    let mut scope = param_scope(&[]);
    let mut prev_literal: Option<String> = None;
    for seg in &p.segments {
        push_lit(&mut pieces, "/");
        let drive = seg.is_drive_path();
        for part in &seg.parts {
            match part {
                Part::Text(t) if seg.parts.len() == 1 => {
                    call_args(t, &mut pieces, &mut params, &mut scope)
                }
                Part::Text(t) => push_lit(&mut pieces, t),
                Part::Param(param) => {
                    let primary = param.names.first().map(String::as_str).unwrap_or("param");
                    let generic =
                        matches!(primary.to_ascii_lowercase().as_str(), "id" | "key" | "name");
                    let name = match (&prev_literal, generic) {
                        (Some(prev), true) => {
                            format!("{}_{}", singular(prev), naming::snake(primary))
                        }
                        _ => naming::snake(primary),
                    };
                    pieces.push(PathPiece::Param {
                        index: params.len(),
                        keep_slash: drive,
                    });
                    params.push(ParamPlan {
                        wire: param.raw.clone(),
                        rust: scope.claim(naming::snake_text(&name)),
                    });
                }
            }
        }
        if let [Part::Text(t)] = seg.parts.as_slice() {
            prev_literal = Some(naming::snake(t.split('(').next().unwrap_or(t)));
        }
    }
    (pieces, params)
}

/// Gives each of the operation's examples to the endpoint whose path template matches its
/// request URL (the first endpoint when none does, or when there is no request).
fn attach_examples(op: &Operation, eps: &mut [EndpointPlan]) {
    if eps.is_empty() {
        return;
    }
    for (i, ex) in op.examples.iter().enumerate() {
        let req = ex.request.as_ref();
        let path = req.map(|r| canonical_path(&r.path));
        let matched = req.zip(path.as_deref()).and_then(|(r, path)| {
            eps.iter().enumerate().find_map(|(j, e)| {
                (e.method.eq_ignore_ascii_case(&r.method))
                    // The endpoint encodes its arguments: pass the example's values decoded
                    // (`19%3Aabc%40thread.skype` is the id `19:abc@thread.skype`).
                    .then(|| match_path(&e.pieces, path))
                    .flatten()
                    .map(|args| (j, args.iter().map(|a| percent_decode(a)).collect()))
            })
        });
        let (j, args) = matched.unwrap_or_else(|| {
            (
                0,
                eps[0]
                    .params
                    .iter()
                    .map(|p| format!("{{{}}}", p.wire))
                    .collect(),
            )
        });
        let to_graph = req.is_none_or(|r| r.version.is_some() || !r.url.starts_with("http"));
        let response = ex
            .response
            .as_ref()
            .filter(|_| to_graph)
            .and_then(|r| match &r.body {
                Body::Json(v) => Some((r.status.unwrap_or(200), v.clone())),
                _ => None,
            });
        let request = req.map(|r| {
            let body = match &r.body {
                Body::Json(v) => Some(v.clone()),
                _ => None,
            };
            let path = path.clone().unwrap_or_else(|| r.path.clone());
            (r.method.clone(), path, r.query.clone(), body)
        });
        let line = ex
            .response
            .as_ref()
            .map(|r| r.line)
            .or(req.map(|r| r.line))
            .unwrap_or(op.line);
        eps[j].examples.push(ExampleCase {
            index: i + 1,
            source: op.source.clone(),
            response_as: None,
            body_as: None,
            page_body: None,
            line,
            args,
            request,
            response,
            truncated: ex.response.as_ref().is_some_and(|r| r.truncated),
            graph_request: req.is_some_and(|r| r.version.is_some() || !r.url.starts_with("http")),
        });
    }
}

/// An example path in the form the endpoint functions build: OData key segments
/// `messageRules('AQAAAJ5dZp8=')` or `items(42)` become `messageRules/AQAAAJ5dZp8=` and
/// `items/42` (the same resource), and a trailing `/` goes (Graph ignores it).
pub fn canonical_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    // Inside a drive path `root:/a/b(1):` every name is a file name, never a key.
    let drive = path.contains(":/");
    for (i, seg) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let key = seg
            .strip_suffix(')')
            .and_then(|s| s.split_once('('))
            .filter(|(name, _)| {
                !drive
                    && !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
            .and_then(|(name, arg)| {
                let quoted = arg
                    .strip_prefix('\'')
                    .and_then(|a| a.strip_suffix('\''))
                    .filter(|a| !a.is_empty() && !a.contains('\''));
                let number =
                    (!arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit())).then_some(arg);
                quoted.or(number).map(|k| (name, k))
            });
        match key {
            Some((name, k)) => {
                out.push_str(name);
                out.push('/');
                out.push_str(k);
            }
            None => out.push_str(seg),
        }
    }
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

/// Matches a concrete path against a template; returns the parameter values in order.
/// Literals compare case-insensitively (Graph paths are case-insensitive).
pub fn match_path(pieces: &[PathPiece], path: &str) -> Option<Vec<String>> {
    fn go(pieces: &[PathPiece], rest: &str, out: &mut Vec<String>) -> bool {
        match pieces.split_first() {
            None => rest.is_empty() || rest == "/",
            Some((PathPiece::Lit(l), tail)) => {
                rest.len() >= l.len()
                    && rest.is_char_boundary(l.len())
                    && rest[..l.len()].eq_ignore_ascii_case(l)
                    && go(tail, &rest[l.len()..], out)
            }
            Some((PathPiece::Param { keep_slash, .. }, tail)) => {
                // Try every end position; parameters never span `/` unless in a drive path.
                for (end, c) in rest.char_indices().skip(1).chain([(rest.len(), ' ')]) {
                    if end > 0 {
                        out.push(rest[..end].to_string());
                        if go(tail, &rest[end..], out) {
                            return true;
                        }
                        out.pop();
                    }
                    if c == '/' && !keep_slash {
                        break;
                    }
                }
                false
            }
        }
    }
    let mut out = Vec::new();
    go(pieces, path, &mut out).then_some(out)
}

/// `/users/{id}/…` as `/me/…`: Graph's alias for the signed-in user, which examples use where
/// the page lists only the `/users/{id}` form (`user-getmembergroups`).
fn signed_in_user(t: &Template) -> Option<Template> {
    let [PathPiece::Lit(users), PathPiece::Param { index, .. }, rest @ ..] = t.pieces.as_slice()
    else {
        return None;
    };
    if !users.eq_ignore_ascii_case("/users/")
        || rest
            .first()
            .is_some_and(|p| !matches!(p, PathPiece::Lit(l) if l.starts_with('/')))
    {
        return None;
    }
    let mut pieces = vec![PathPiece::Lit("/me".into())];
    for p in rest {
        match p {
            PathPiece::Lit(l) => push_lit(&mut pieces, l),
            PathPiece::Param {
                index: i,
                keep_slash,
            } => pieces.push(PathPiece::Param {
                index: i - usize::from(i > index),
                keep_slash: *keep_slash,
            }),
        }
    }
    let mut params = t.params.clone();
    params.remove(*index);
    Some(Template {
        method: t.method.clone(),
        path: pieces_text(&pieces, &params),
        pieces,
        params,
        in_url: t.in_url,
        documented: false,
        query_variant: false,
    })
}

/// A template as a documented path: literals, and `{name}` for each parameter.
fn pieces_text(pieces: &[PathPiece], params: &[ParamPlan]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            PathPiece::Lit(l) => l.clone(),
            PathPiece::Param { index, .. } => format!("{{{}}}", params[*index].wire),
        })
        .collect()
}

/// Appends literal text, merging with a preceding literal.
fn push_lit(pieces: &mut Vec<PathPiece>, text: &str) {
    match pieces.last_mut() {
        Some(PathPiece::Lit(l)) => l.push_str(text),
        _ => pieces.push(PathPiece::Lit(text.to_string())),
    }
}

/// `groups` → `group`; a crude singular for parameter names only.
fn singular(word: &str) -> &str {
    if let Some(s) = word.strip_suffix("ies") {
        return s; // policies → polic: still distinct; good enough for a prefix
    }
    match word.strip_suffix('s') {
        Some(s) if !s.ends_with('s') && !s.is_empty() => s,
        _ => word,
    }
}

/// Names each parameters struct after its function, in the function's module:
/// `send_mail` → `SendMailBody` (function names are unique within a module, so these are).
fn name_bodies(eps: &mut [EndpointPlan]) {
    for e in eps.iter_mut() {
        let name = format!(
            "{}Body",
            naming::camel_text(e.rust.trim_start_matches("r#"))
        );
        if let BodyPlan::Params { rust, .. } = &mut e.body {
            *rust = name.clone();
        }
        for (i, b) in e.page_bodies.iter_mut().enumerate() {
            if let BodyPlan::Params { rust, .. } = b {
                *rust = format!("{name}Of{}", i + 2);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body table that repeats its resource's properties (same names, types, collections)
    /// is the resource; one that adds a parameter or retypes a property stays its own struct.
    #[test]
    fn body_tables_that_repeat_the_resource_are_the_resource() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pages/bodies");
        let model = crate::read::read_docs(&[root]);
        let plan = plan(&model, &Filter::default());
        let body = |op: &str| {
            plan.versions[0]
                .endpoints
                .iter()
                .find(|e| e.operation == op)
                .map(|e| e.body.clone())
                .unwrap_or_else(|| panic!("no endpoint for {op}"))
        };
        assert_eq!(
            body("gadget-create"),
            BodyPlan::Type(TypeRef::Named("Gadget".into()))
        );
        for op in ["gadget-update", "gadget-polish"] {
            assert!(
                matches!(body(op), BodyPlan::Params { .. }),
                "{op}: {:?}",
                body(op)
            );
        }
        let op = |name: &str| model.operations.iter().find(|o| o.name == name).unwrap();
        assert!(repeated_resource(&model, op("gadget-create")).is_some());
        assert!(repeated_resource(&model, op("gadget-update")).is_none());
    }

    #[test]
    fn scc_marks_cycles_only() {
        // 0 → 1 → 0 is a cycle; 2 → 0 is not part of it; 3 → 3 is a self-loop.
        let c = tarjan(&[vec![1], vec![0], vec![0], vec![3]]);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[2], c[0]);
        assert_ne!(c[3], c[0]);
    }

    #[test]
    fn function_parameters_from_the_body_table_go_in_the_url() {
        use crate::model::{Property, RequestBody};
        let prop = |name: &str, ty: &str| Property {
            name: name.into(),
            type_name: ty.into(),
            collection: false,
            description: String::new(),
            line: 1,
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let mut op = crate::read::read_docs(&[root]).operations.remove(0);
        op.request_body = RequestBody::Parameters {
            parameters: vec![
                prop("enrollmentType", "Edm.String"),
                prop("count", "Edm.Int32"),
            ],
            represents: None,
        };
        let get = crate::read::http::parse_path("GET", "/deviceManagement/getLimit", 1);
        let (pieces, params, in_url) = endpoint_template(&op, &get);
        assert!(in_url);
        assert_eq!(
            params.iter().map(|p| p.rust.as_str()).collect::<Vec<_>>(),
            ["enrollment_type", "count"]
        );
        assert_eq!(
            match_path(
                &pieces,
                "/deviceManagement/getLimit(enrollmentType='ios',count=5)"
            ),
            Some(vec!["ios".to_string(), "5".to_string()])
        );
        // A POST action keeps its JSON body; a path that spells its parameters is left alone.
        let post = crate::read::http::parse_path("POST", "/deviceManagement/doIt", 1);
        assert!(!endpoint_template(&op, &post).2);
        let spelled = crate::read::http::parse_path("GET", "/x/f(count={count})", 1);
        assert!(!endpoint_template(&op, &spelled).2);
        // A GET whose example sends the parameters as JSON keeps them as its body.
        let mut with_body = op.clone();
        with_body.examples[0].request = Some(crate::model::ExampleRequest {
            method: "GET".into(),
            body: crate::model::Body::Json(crate::model::Json::parse(r#"{"count":1}"#).unwrap()),
            ..with_body.examples[0].request.clone().unwrap()
        });
        assert!(!endpoint_template(&with_body, &get).2);
        op.request_body = RequestBody::None;
        assert!(!endpoint_template(&op, &get).2);
    }

    #[test]
    fn examples_add_calls_the_http_section_leaves_out() {
        use crate::model::{Body, Example, ExampleRequest};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let mut op = crate::read::read_docs(&[root]).operations.remove(0);
        let request = |method: &str, path: &str| Example {
            name: None,
            request: Some(ExampleRequest {
                method: method.into(),
                url: format!("https://graph.microsoft.com/v1.0{path}"),
                version: Some(crate::model::ApiVersion::V1),
                path: path.into(),
                query: None,
                headers: Vec::new(),
                body: Body::None,
                line: 1,
            }),
            response: None,
        };
        op.paths = vec![
            crate::read::http::parse_path("GET", "/users/{id | userPrincipalName}/drive", 1),
            crate::read::http::parse_path(
                "GET",
                "/users/{id}/workbook/worksheets/{id|name}/UsedRange",
                1,
            ),
        ];
        op.request_body = crate::model::RequestBody::None;
        op.examples = vec![
            request("GET", "/me/drive"),
            request(
                "GET",
                "/users/a/workbook/worksheets/Sheet1/UsedRange(valuesOnly=true)",
            ),
            // Neither a documented path nor a call of one: stays unmatched.
            request("GET", "/me/drives"),
            request(
                "GET",
                "/users/a/workbook/worksheets/Sheet1/Other(valuesOnly=true)",
            ),
        ];
        let templates = endpoint_templates(&op);
        let paths: Vec<&str> = templates.iter().map(|t| t.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/users/{id | userPrincipalName}/drive",
                "/users/{id}/workbook/worksheets/{id|name}/UsedRange",
                "/me/drive",
                "/users/{id}/workbook/worksheets/{id|name}/UsedRange(valuesOnly={valuesOnly})",
            ]
        );
        assert!(templates[2].params.is_empty());
        assert_eq!(
            templates.iter().map(|t| t.documented).collect::<Vec<_>>(),
            [true, true, false, false]
        );
        assert_eq!(
            match_path(
                &templates[3].pieces,
                "/users/a/workbook/worksheets/Sheet1/UsedRange(valuesOnly=true)"
            ),
            Some(vec!["a".into(), "Sheet1".into(), "true".into()])
        );
        // The variants are endpoints with the examples attached.
        let eps = plan_endpoints(&[&op], &|_| None, &|_| None, &mut Vec::new());
        assert_eq!(eps.len(), 4);
        assert_eq!(eps[2].examples.len(), 1);
        assert_eq!(eps[3].examples[0].args, ["a", "Sheet1", "true"]);
    }

    #[test]
    fn sample_values_of_function_calls_are_parameters() {
        let p = crate::read::http::parse_path(
            "GET",
            "/x/filterByCurrentUser(on='parameterValue')/range/columnsAfter(count=n)",
            1,
        );
        let (pieces, params) = template(&p);
        assert_eq!(
            params.iter().map(|p| p.rust.as_str()).collect::<Vec<_>>(),
            ["on", "count"]
        );
        assert_eq!(
            match_path(
                &pieces,
                "/x/filterByCurrentUser(on='reviewer')/range/columnsAfter(count=2)"
            ),
            Some(vec!["reviewer".to_string(), "2".to_string()])
        );
        // Not calls: left literal.
        for lit in [
            "/me/calendar/getSchedule()",
            "/a/b(x)",
            "/drive/root:/f(1).txt:",
        ] {
            let p = crate::read::http::parse_path("GET", lit, 1);
            assert!(template(&p).1.is_empty(), "{lit}");
        }
    }

    #[test]
    fn example_paths_in_canonical_form() {
        assert_eq!(
            canonical_path("/me/mailfolders/inbox/messagerules('AQAAAJ5dZp8=')"),
            "/me/mailfolders/inbox/messagerules/AQAAAJ5dZp8="
        );
        assert_eq!(canonical_path("/items(42)/children/"), "/items/42/children");
        // Functions and their parameters are not keys.
        for kept in [
            "/reports/getOffice365ActiveUserDetail(period='D7')",
            "/me/calendar/getSchedule()",
            "/drive/root:/a(1).txt:",
            "/drive/root:/f/b(1):/content",
            "/",
        ] {
            assert_eq!(canonical_path(kept), kept);
        }
    }

    #[test]
    fn paths_match_templates() {
        let p =
            crate::read::http::parse_path("GET", "/groups/{id}/members/{id}/root:/{item-path}:", 1);
        let (pieces, params) = template(&p);
        assert_eq!(
            params.iter().map(|p| p.rust.as_str()).collect::<Vec<_>>(),
            ["group_id", "member_id", "item_path"]
        );
        assert_eq!(
            match_path(&pieces, "/groups/g1/members/m 2/root:/a/b.txt:"),
            Some(vec![
                "g1".to_string(),
                "m 2".to_string(),
                "a/b.txt".to_string()
            ])
        );
        assert_eq!(match_path(&pieces, "/groups/g1/members/m/x/root:/a:"), None);
        assert_eq!(
            match_path(&pieces, "/GROUPS/g/Members/m/root:/f:"),
            Some(vec!["g".into(), "m".into(), "f".into()])
        );
    }
}
