//! Emission: model → plan → Rust files of a complete crate. Code is built with `quote!`,
//! parsed by syn and formatted by prettyplease; nothing here reads markdown.

pub mod docs;
pub mod endpoints;
pub mod example_tests;
pub mod index;
pub mod types;

use std::collections::BTreeMap;
use std::fmt;

use proc_macro2::TokenStream;
use quote::quote;

use crate::diag::{Code, Diagnostic};
use crate::model::{ApiVersion, Model};
pub use crate::plan::Filter;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Package name of the generated crate.
    pub crate_name: String,
    /// Versions and operations to include.
    pub filter: Filter,
    /// Where the generated crate gets `graphdoc-runtime`.
    pub runtime: RuntimeDep,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "graph-bindings".to_string(),
            filter: Filter::default(),
            runtime: RuntimeDep::Vendor,
        }
    }
}

/// Where a generated crate gets `graphdoc-runtime`, the code its types and functions call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDep {
    /// A path dependency, as written into `Cargo.toml` (relative to the generated crate).
    Path(String),
    /// A crates.io dependency of this version requirement.
    Version(String),
    /// A copy of the runtime's source in `graphdoc-runtime/` beside the crate's `src/`, as a
    /// path dependency: the output builds on its own, offline.
    Vendor,
}

/// The directory, inside a generated crate, that holds its vendored runtime.
pub const VENDOR_DIR: &str = "graphdoc-runtime";

/// Builds one item (or a few that belong together) of a file as syntax trees: its code from
/// `quote!`, parsed, and its doc comments attached as trees ([`docs::syn_attrs`]), since
/// tokenizing and parsing some 150,000 doc lines was a third of the emission's time. Syntax
/// trees are not `Send`, so parts are closures over the plan, called on the thread that
/// renders them.
pub type Part<'a> = Box<dyn Fn() -> syn::Result<Vec<syn::Item>> + Sync + 'a>;

/// A file's inner attributes and module docs, as tokens.
pub type Header<'a> = Box<dyn Fn() -> TokenStream + Sync + 'a>;

/// The items of tokens that hold no docs to attach.
pub fn items(tokens: TokenStream) -> syn::Result<Vec<syn::Item>> {
    Ok(syn::parse2::<syn::File>(tokens)?.items)
}

/// A generated file as its header (inner attributes, module docs) and its parts in order, so
/// big files can be built and formatted in chunks: parallel, and never one syntax tree for
/// twenty megabytes of code.
pub struct FileParts<'a> {
    /// Inner attributes and docs.
    pub header: Header<'a>,
    /// Items, in file order.
    pub items: Vec<Part<'a>>,
}

impl FileParts<'_> {
    /// The whole file as one token stream.
    pub fn tokens(&self) -> syn::Result<TokenStream> {
        let mut out = (self.header)();
        for part in &self.items {
            for item in part()? {
                out.extend(quote::ToTokens::into_token_stream(item));
            }
        }
        Ok(out)
    }
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Types emitted, all versions.
    pub types: usize,
    /// Endpoint functions emitted, all versions.
    pub endpoints: usize,
    /// Items skipped or degraded (each has a diagnostic).
    pub skipped: usize,
    /// Examples turned into tests.
    pub examples: usize,
}

/// A generated crate: file paths (relative to the crate root, `/`-separated) and their bytes.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// Files, sorted by path.
    pub files: BTreeMap<String, String>,
    /// Findings of planning.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts.
    pub stats: Stats,
    /// The pages an include/exclude selection kept (`None`: all): findings about other pages
    /// are not the output's.
    pub sources: Option<std::collections::BTreeSet<String>>,
}

/// Why emission stopped.
#[derive(Debug)]
pub enum EmitError {
    /// A generated file did not parse (a graphdoc bug, reported with the file).
    Syntax {
        /// The generated file.
        file: String,
        /// syn's message.
        message: String,
    },
    /// The filter's include/exclude named no workload or area of the docs.
    Selection {
        /// The names that match nothing.
        unknown: Vec<String>,
        /// Every workload and area name there is.
        known: Vec<String>,
    },
}

impl From<crate::plan::select::UnknownSelection> for EmitError {
    fn from(e: crate::plan::select::UnknownSelection) -> Self {
        EmitError::Selection {
            unknown: e.unknown,
            known: e.known,
        }
    }
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmitError::Syntax { file, message } => {
                write!(f, "generated `{file}` does not parse: {message}")
            }
            EmitError::Selection { unknown, known } => write!(
                f,
                "no workload or area is named {}; the docs have: {}",
                unknown.join(", "),
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for EmitError {}

impl EmitError {
    /// The error of generated code of `file` that syn could not parse.
    fn syn(file: &str) -> impl Fn(syn::Error) -> EmitError + '_ {
        move |e| EmitError::Syntax {
            file: file.to_string(),
            message: e.to_string(),
        }
    }

    /// Formatted chunks of `file` that do not fit the module they belong in.
    fn layout(file: &str) -> EmitError {
        EmitError::Syntax {
            file: file.to_string(),
            message: "a formatted chunk does not fit its module (a graphdoc bug)".into(),
        }
    }
}

/// Formats items with prettyplease, as a file of their own.
pub fn format_items(items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

/// The header of every generated Rust file.
pub const HEADER: &str =
    "// @generated by graphdoc from the Microsoft Graph docs. Do not edit: regenerate instead.\n\n";

/// Parses and formats a file's tokens.
pub fn render(file: &str, tokens: TokenStream) -> Result<String, EmitError> {
    Ok(format!("{HEADER}{}", unparse(file, tokens)?))
}

/// Parts per formatting task: small enough to balance the cores and keep each syntax tree
/// small, big enough that the per-task cost stays negligible.
const CHUNK: usize = 48;

/// One file, or one module of the single-file form, to render from parts.
struct Job<'a> {
    /// The file, for messages.
    path: String,
    /// Header and items.
    parts: FileParts<'a>,
    /// The `pub mod`s the parts sit in, outermost first (the single-file form); empty for a
    /// file of their own.
    nest: Vec<String>,
}

/// The item that stands where a module's parts go, in a skeleton or a wrapper.
fn marker() -> syn::Item {
    syn::parse_quote!(graphdoc_parts!();)
}

/// Splits formatted text at its marker lines: `n` markers give `n + 1` pieces.
fn split_at_markers(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.len();
        if line.trim() == "graphdoc_parts!();" {
            pieces.push(at);
            pieces.push(end);
        }
        at = end;
    }
    let mut bounds = vec![0];
    bounds.extend(pieces);
    bounds.push(text.len());
    bounds.chunks(2).map(|b| &text[b[0]..b[1]]).collect()
}

/// `items` inside `pub mod a { pub mod b { … } }` for `nest = [a, b]`, with `inner` (the
/// innermost module's `//!` docs) first inside it.
fn nest_items(
    nest: &[String],
    inner: Vec<syn::Attribute>,
    items: Vec<syn::Item>,
) -> Vec<syn::Item> {
    let mut inner = Some(inner);
    nest.iter().rev().fold(items, |items, name| {
        let id = crate::naming::ident(name);
        let mut m: syn::ItemMod = syn::parse_quote!(pub mod #id {});
        m.attrs = inner.take().unwrap_or_default();
        m.content = Some((Default::default(), items));
        vec![syn::Item::Mod(m)]
    })
}

/// Renders files (or modules) given as parts: every chunk of every job is one parallel task;
/// the chunks of a job are joined in order, so the text does not depend on scheduling. A
/// file's header is a task of its own; a nested module's header and chunks are each formatted
/// inside the module's `pub mod`s, and the wrappers' lines are cut away again, which leaves the
/// text that formatting the whole file gives (items are formatted one by one at their
/// indentation).
fn render_parts(jobs: &[Job<'_>], chunk: usize) -> Result<Vec<String>, EmitError> {
    use rayon::prelude::*;
    // What each nested job's wrapper prints before and after its items.
    let wrappers: Vec<Option<(String, String)>> = jobs
        .iter()
        .map(|j| {
            if j.nest.is_empty() {
                return Ok(None);
            }
            let text = format_items(nest_items(&j.nest, Vec::new(), vec![marker()]));
            match split_at_markers(&text)[..] {
                [pre, post] => Ok(Some((pre.to_string(), post.to_string()))),
                _ => Err(EmitError::layout(&j.path)),
            }
        })
        .collect::<Result<_, _>>()?;
    let tasks: Vec<(usize, Option<std::ops::Range<usize>>)> = jobs
        .iter()
        .enumerate()
        .flat_map(|(j, job)| {
            let n = job.parts.items.len();
            let nested = !job.nest.is_empty();
            // A file's header is a task of its own; a nested module's goes with its first
            // chunk, so such a module has one chunk even without items.
            let header = (!nested).then_some((j, None));
            let end = if nested { n.max(1) } else { n };
            let chunks = (0..end)
                .step_by(chunk)
                .map(move |at| (j, Some(at..(at + chunk).min(n))));
            header.into_iter().chain(chunks)
        })
        .collect();
    let texts: Vec<Result<String, EmitError>> = tasks
        .par_iter()
        .map(|(j, range)| {
            let job = &jobs[*j];
            let path = job.path.as_str();
            let Some(r) = range else {
                return render(path, (job.parts.header)());
            };
            let mut items = Vec::new();
            let mut inner = Vec::new();
            if r.start == 0 && !job.nest.is_empty() {
                let header: syn::File =
                    syn::parse2((job.parts.header)()).map_err(EmitError::syn(path))?;
                (inner, items) = (header.attrs, header.items);
            }
            for part in &job.parts.items[r.clone()] {
                items.extend(part().map_err(EmitError::syn(path))?);
            }
            // A module that only holds modules has nothing of its own to print.
            if items.is_empty() && inner.is_empty() {
                return Ok(String::new());
            }
            let Some((pre, post)) = &wrappers[*j] else {
                return Ok(format_items(items));
            };
            let text = format_items(nest_items(&job.nest, inner, items));
            text.strip_prefix(pre.as_str())
                .and_then(|t| t.strip_suffix(post.as_str()))
                .map(str::to_string)
                .ok_or_else(|| EmitError::layout(path))
        })
        .collect();
    let texts = texts.into_iter().collect::<Result<Vec<_>, _>>()?;
    // Each file's text allocated once at its length: growing a 13 MB string by doubling
    // copied it and touched fresh pages again and again.
    let mut len = vec![0; jobs.len()];
    for ((j, _), text) in tasks.iter().zip(&texts) {
        len[*j] += text.len();
    }
    let mut out: Vec<String> = len.into_iter().map(String::with_capacity).collect();
    for ((j, _), text) in tasks.iter().zip(texts) {
        out[*j].push_str(&text);
    }
    Ok(out)
}

/// Formats items without the generated-file header (a chunk of a bigger file).
fn unparse(file: &str, tokens: TokenStream) -> Result<String, EmitError> {
    let parsed: syn::File = syn::parse2(tokens).map_err(EmitError::syn(file))?;
    Ok(prettyplease::unparse(&parsed))
}

/// The module name of a version.
pub fn version_module(v: ApiVersion) -> &'static str {
    match v {
        ApiVersion::V1 => "v1_0",
        ApiVersion::Beta => "beta",
    }
}

/// Generates the crate for a model.
pub fn generate(model: &Model, opts: &Options) -> Result<Output, EmitError> {
    let mut plan = crate::plan::plan(model, &opts.filter);
    crate::plan::select::select(&mut plan, &opts.filter)?;
    let mut files = BTreeMap::new();
    let mut stats = Stats::default();
    let mut mods = Vec::new();
    // The big files are built and formatted in chunks of parts, all chunks of all files in
    // parallel; tokens are made inside each task (proc-macro2 tokens are not Send) from the
    // plan, which is plain shared data.
    let lib = opts.crate_name.replace('-', "_");
    let mut jobs: Vec<Job<'_>> = Vec::new();
    // Files made of a skeleton and the modules' parts: (path, skeleton text, their jobs).
    let mut spliced: Vec<(String, String, std::ops::Range<usize>)> = Vec::new();
    for vp in &plan.versions {
        let m = version_module(vp.version);
        stats.types += vp.types.len();
        stats.endpoints += vp.endpoints.len();
        stats.examples += vp.endpoints.iter().map(|e| e.examples.len()).sum::<usize>();
        let gate = crate::plan::features::Gate { on: true };
        let path = format!("src/{m}/endpoints.rs");
        let tree = endpoints::module_tree(&vp.endpoints);
        let mut skeleton = endpoints::endpoints_header();
        skeleton.extend(endpoints::nest_modules(
            &tree,
            &mut |_| quote!(graphdoc_parts!();),
        ));
        let start = jobs.len();
        for (module, eps) in &tree {
            jobs.push(Job {
                path: path.clone(),
                parts: endpoints::module_parts(eps, vp.version, gate),
                nest: module.clone(),
            });
        }
        spliced.push((path.clone(), render(&path, skeleton)?, start..jobs.len()));
        for (path, parts) in [
            (
                format!("src/{m}/types.rs"),
                types::types_parts(&vp.types, gate),
            ),
            (
                format!("tests/examples_{m}.rs"),
                example_tests::example_test_parts(vp, m, &lib),
            ),
        ] {
            let nest = Vec::new();
            jobs.push(Job { path, parts, nest });
        }
        let doc = format!(
            " Microsoft Graph `{}`: types and endpoint functions.",
            vp.version.as_str()
        );
        files.insert(
            format!("src/{m}/mod.rs"),
            render(
                m,
                quote! {
                    #![doc = #doc]
                    pub mod endpoints;
                    pub mod types;
                    pub use endpoints::*;
                },
            )?,
        );
        mods.push(m);
    }
    let texts = render_parts(&jobs, CHUNK)?;
    for (path, skeleton, range) in &spliced {
        files.insert(path.clone(), splice(path, skeleton, &texts[range.clone()])?);
    }
    let in_spliced = |i: usize| spliced.iter().any(|(_, _, r)| r.contains(&i));
    for (i, (job, text)) in jobs.iter().zip(texts).enumerate() {
        if !in_spliced(i) {
            files.insert(job.path.clone(), text);
        }
    }
    let mod_ids = mods.iter().map(|m| crate::naming::ident(m));
    let features = mods.iter().map(|m| m.to_string());
    files.insert(
        "src/lib.rs".into(),
        render(
            "src/lib.rs",
            quote! {
                //! Typed Microsoft Graph bindings generated by graphdoc from the docs pages.
                //!
                //! Each version is a module behind a cargo feature of the same name. Endpoint
                //! functions build sans-IO [`ApiRequest`]s; send them with any HTTP client and
                //! parse the answer with [`ApiRequest::parse_response`].
                //!
                //! # Finding a function
                //!
                //! There is one function per HTTP operation (method and path), however many
                //! pages document it. The path's literal segments are modules (`/me/…` is `me`,
                //! a cast `microsoft.graph.group` is `as_group`); path parameters are the
                //! arguments, in path order. In the last module the call is named by what it
                //! does: `list` (GET of a collection), `get`, `create` (POST to a collection),
                //! `update` (PATCH), `replace` (PUT; `upload` for `content`), `delete`, an
                //! action's or function's own name (`send_mail`, `delta`), `add_ref`,
                //! `remove_ref` and `get_ref` for `$ref`, `get_value` for `$value`, `count` for
                //! `$count`. So `GET /users/{id}/messages` is `v1_0::users::messages::list(user_id)`
                //! and `POST /me/sendMail` is `v1_0::me::send_mail(&body)`, with its body type
                //! `v1_0::me::SendMailBody` beside it. Where two operations would share a name,
                //! the one whose path ends in parameters is `…_by_<parameters>`, then the
                //! method is added. Names depend on the method and path alone, so new pages
                //! add functions without renaming existing ones.
                #![allow(clippy::all)]
                // Generated code is formatted by prettyplease; rustfmt must leave it byte-identical.
                #![cfg_attr(rustfmt, rustfmt::skip)]
                /// The runtime the generated code calls (`graphdoc-runtime`), re-exported:
                /// requests, responses, pages, errors, permissions, the `client` feature's `Client`.
                pub use ::graphdoc_runtime as runtime;
                pub use ::graphdoc_runtime::*;
                #( #[cfg(feature = #features)] #[rustfmt::skip] pub mod #mod_ids; )*
            },
        )?,
    );
    if opts.runtime == RuntimeDep::Vendor {
        for (path, text) in graphdoc_runtime::source() {
            files.insert(format!("{VENDOR_DIR}/{path}"), text.to_string());
        }
    }
    let workloads: std::collections::BTreeSet<String> = plan
        .versions
        .iter()
        .flat_map(|vp| {
            vp.endpoints
                .iter()
                .flat_map(|e| e.features.iter().cloned())
                .chain(vp.types.iter().flat_map(|t| t.features.iter().cloned()))
        })
        .collect();
    let groups = crate::plan::features::area_groups(
        plan.versions.iter().flat_map(|vp| &vp.endpoints),
        plan.versions.iter().flat_map(|vp| &vp.types),
    );
    files.insert(
        "Cargo.toml".into(),
        cargo_toml(&opts.crate_name, &opts.runtime, &mods, &workloads, &groups),
    );
    stats.skipped = plan
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::UnknownType | Code::DuplicateType | Code::LocaleConflict
            )
        })
        .count();
    Ok(Output {
        files,
        diagnostics: plan.diagnostics,
        stats,
        sources: plan.sources,
    })
}

/// `Cargo.toml` of the generated crate (TOML, not Rust: written from data, values quoted by
/// serde_json). Features: one per version, one per workload, `full` for every workload.
fn cargo_toml(
    name: &str,
    runtime: &RuntimeDep,
    mods: &[&str],
    workloads: &std::collections::BTreeSet<String>,
    groups: &std::collections::BTreeMap<String, Vec<String>>,
) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"graph-bindings\"".into());
    let list = |items: &mut dyn Iterator<Item = &str>| items.map(q).collect::<Vec<_>>().join(", ");
    let mut t = String::new();
    t.push_str("# @generated by graphdoc. Do not edit: regenerate instead.\n");
    t.push_str(&format!(
        "[package]\nname = {}\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n",
        q(name)
    ));
    // The library has no unit tests or doctests of its own: skip building it twice under `cargo test`.
    t.push_str("[lib]\ntest = false\ndoctest = false\n\n");
    t.push_str(
        "# Versions are modules; workloads (the pages' ms.prod) select endpoints and the types\n",
    );
    t.push_str("# they reach. `default-features = false, features = [\"v1_0\", \"intune\"]` builds one workload;\n");
    t.push_str("# a workload whose pages are named `<workload>-<area>-…` has a feature per area\n");
    t.push_str("# (`intune-apps`), and its own feature enables them all.\n");
    t.push_str("[features]\n");
    let defaults: Vec<&str> = mods.iter().copied().chain(["full"]).collect();
    t.push_str(&format!(
        "default = [{}]\n",
        list(&mut defaults.iter().copied())
    ));
    t.push_str(&format!(
        "full = [{}]\n",
        list(&mut workloads.iter().map(String::as_str))
    ));
    t.push_str("# An async client (reqwest); `rustls` adds HTTPS.\n");
    t.push_str("client = [\"graphdoc-runtime/client\"]\nrustls = [\"client\", \"graphdoc-runtime/rustls\"]\n");
    for m in mods {
        t.push_str(&format!("{m} = []\n"));
    }
    let mut all: std::collections::BTreeSet<&str> = workloads.iter().map(String::as_str).collect();
    all.extend(groups.keys().map(String::as_str));
    for w in all {
        let areas = groups.get(w).map(Vec::as_slice).unwrap_or_default();
        t.push_str(&format!(
            "{} = [{}]\n",
            q(w),
            list(&mut areas.iter().map(String::as_str))
        ));
    }
    let dep = match runtime {
        RuntimeDep::Path(p) => format!("{{ path = {} }}", q(p)),
        RuntimeDep::Version(v) => q(v),
        RuntimeDep::Vendor => format!("{{ path = {} }}", q(VENDOR_DIR)),
    };
    t.push_str(
        "\n# Everything the generated code calls, and the crates its API uses (re-exported).\n",
    );
    t.push_str(&format!("[dependencies]\ngraphdoc-runtime = {dep}\n"));
    t
}

/// The name of [`generate_single_file`]'s file.
pub const SINGLE_FILE: &str = "graphdoc.rs";

/// One file for `include!` in any module of a crate (the `build.rs` route), which depends on
/// `graphdoc-runtime`: every selected version as inline modules, no features.
///
/// The output's one file is `graphdoc.rs`.
pub fn generate_single_file(model: &Model, opts: &Options) -> Result<Output, EmitError> {
    let mut plan = crate::plan::plan(model, &opts.filter);
    crate::plan::select::select(&mut plan, &opts.filter)?;
    let mut stats = Stats::default();
    let gate = crate::plan::features::Gate { on: false };
    let mut jobs = Vec::new();
    let mut modules = Vec::new();
    for vp in &plan.versions {
        stats.types += vp.types.len();
        stats.endpoints += vp.endpoints.len();
        let m = version_module(vp.version);
        let nest = |inner: &str| vec![m.to_string(), inner.to_string()];
        let path = "graphdoc.rs".to_string();
        jobs.push(Job {
            path: path.clone(),
            parts: types::types_parts(&vp.types, gate),
            nest: nest("types"),
        });
        let tree = endpoints::module_tree(&vp.endpoints);
        for (module, eps) in &tree {
            let mut nest = nest("endpoints");
            nest.extend(module.iter().cloned());
            jobs.push(Job {
                path: path.clone(),
                parts: endpoints::module_parts(eps, vp.version, gate),
                nest,
            });
        }
        let mut eps = endpoints::endpoints_header();
        eps.extend(endpoints::nest_modules(
            &tree,
            &mut |_| quote!(graphdoc_parts!();),
        ));
        modules.push((crate::naming::ident(m), eps));
    }
    // The file around the modules' parts, a marker where each module's parts go; the parts are
    // built and formatted in chunks on all cores, as `generate` does.
    let mark = quote!(graphdoc_parts!(););
    let skeleton = render(
        "graphdoc.rs",
        single_file_layout(
            modules
                .iter()
                .map(|(m, eps)| (m, mark.clone(), eps.clone())),
        ),
    )?;
    let bodies = render_parts(&jobs, CHUNK)?;
    let text = splice("graphdoc.rs", &skeleton, &bodies)?;
    Ok(Output {
        files: BTreeMap::from([(SINGLE_FILE.to_string(), text)]),
        diagnostics: plan.diagnostics,
        stats,
        sources: plan.sources,
    })
}

/// A skeleton's marker lines replaced by the bodies, in order.
fn splice(path: &str, skeleton: &str, bodies: &[String]) -> Result<String, EmitError> {
    let pieces = split_at_markers(skeleton);
    if pieces.len() != bodies.len() + 1 {
        return Err(EmitError::layout(path));
    }
    let mut text =
        String::with_capacity(skeleton.len() + bodies.iter().map(String::len).sum::<usize>());
    for (piece, body) in pieces
        .iter()
        .zip(bodies.iter().map(String::as_str).chain([""]))
    {
        text.push_str(piece);
        text.push_str(body);
    }
    Ok(text)
}

/// The single file: the runtime re-exported, then per version `pub mod <version> { pub mod types { … }
/// pub mod endpoints { … } }` around the given types and endpoints.
fn single_file_layout<'a>(
    versions: impl Iterator<Item = (&'a syn::Ident, TokenStream, TokenStream)>,
) -> TokenStream {
    let versions = versions.map(|(m, types, endpoints)| {
        quote! {
            pub mod #m {
                pub mod types { #types }
                pub mod endpoints { #endpoints }
                pub use endpoints::*;
            }
        }
    });
    quote! {
        pub use ::graphdoc_runtime::*;
        #(#versions)*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Formatting chunk by chunk gives the bytes formatting the whole file gives.
    #[test]
    fn chunked_rendering_matches_whole_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pages/users");
        let model = crate::read::read_docs(&[root, "../docs-input".into()]);
        let plan = crate::plan::plan(&model, &Default::default());
        let mut jobs = Vec::new();
        for vp in &plan.versions {
            let gate = crate::plan::features::Gate { on: true };
            for (path, parts) in [
                ("types", types::types_parts(&vp.types, gate)),
                ("tests", example_tests::example_test_parts(vp, "v1_0", "k")),
            ] {
                let (path, nest) = (path.to_string(), Vec::new());
                jobs.push(Job { path, parts, nest });
            }
        }
        assert!(
            jobs.iter().any(|j| j.parts.items.len() > 3),
            "too small to chunk"
        );
        for chunk in [1, 2, 3] {
            for (job, text) in jobs.iter().zip(render_parts(&jobs, chunk).unwrap()) {
                let whole = render(&job.path, job.parts.tokens().unwrap()).unwrap();
                assert_eq!(text, whole, "{} in chunks of {chunk}", job.path);
            }
        }
    }

    /// A version's `endpoints.rs`, its modules formatted one by one in chunks and spliced into
    /// the skeleton of nested modules, is the file formatting it whole gives.
    #[test]
    fn spliced_endpoint_modules_match_the_whole_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pages/users");
        let model = crate::read::read_docs(&[root, "../docs-input".into()]);
        let out = generate(&model, &Default::default()).unwrap();
        let plan = crate::plan::plan(&model, &Default::default());
        let gate = crate::plan::features::Gate { on: true };
        for vp in &plan.versions {
            let path = format!("src/{}/endpoints.rs", version_module(vp.version));
            let tokens = endpoints::endpoints_file(&vp.endpoints, vp.version, gate).unwrap();
            let whole = render(&path, tokens).unwrap();
            // Modules nest: at least one module holds another.
            assert!(whole.contains("{\n    pub mod "), "{whole}");
            assert_eq!(out.files[&path], whole, "{path}");
        }
    }

    /// The single file, its modules formatted in chunks inside their `pub mod`s, is the file
    /// formatting it whole gives.
    #[test]
    fn single_file_in_chunks_matches_the_whole_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pages/users");
        let model = crate::read::read_docs(&[root, "../docs-input".into()]);
        let out = generate_single_file(&model, &Default::default()).unwrap();
        let text = &out.files[SINGLE_FILE];
        let plan = crate::plan::plan(&model, &Default::default());
        let gate = crate::plan::features::Gate { on: false };
        let versions: Vec<_> = plan
            .versions
            .iter()
            .map(|vp| {
                (
                    crate::naming::ident(version_module(vp.version)),
                    types::types_file(&vp.types, gate).unwrap(),
                    endpoints::endpoints_file(&vp.endpoints, vp.version, gate).unwrap(),
                )
            })
            .collect();
        let whole = render(
            "graphdoc.rs",
            single_file_layout(versions.iter().map(|(m, t, e)| (m, t.clone(), e.clone()))),
        )
        .unwrap();
        assert!(plan.versions.len() == 2 && text.matches("pub mod types {").count() == 2);
        assert_eq!(*text, whole);
        // Chunks of one part each: every join between chunks is exercised.
        let vp = &plan.versions[0];
        let job = Job {
            path: "x".into(),
            parts: types::types_parts(&vp.types, gate),
            nest: vec!["v".to_string(), "types".to_string()],
        };
        assert!(job.parts.items.len() > 3, "too small to chunk");
        let types = types::types_file(&vp.types, gate).unwrap();
        let whole = format_items(vec![
            syn::parse_quote!(pub mod v { pub mod types { #types } }),
        ]);
        let body = render_parts(std::slice::from_ref(&job), 1)
            .unwrap()
            .remove(0);
        assert_eq!(
            whole,
            format!("pub mod v {{\n    pub mod types {{\n{body}    }}\n}}\n")
        );
    }
}
