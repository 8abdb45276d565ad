//! One configuration behind the CLI's `generate` and the `build.rs` [`crate::Builder`]: what to
//! read, what to bind, and where the output gets its runtime. The same `Config` gives the same
//! code whichever entry point runs it.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::emit::{self, EmitError, Filter, Output, RuntimeDep};
use crate::model::{ApiVersion, Model};
use crate::read::DocsError;
use crate::write::{WriteError, WriteReport};

/// What to generate, prost-build style: `&mut Self` setters, then [`Config::generate`] for a
/// crate or [`Config::generate_file`] for one `include!` file.
///
/// ```no_run
/// let report = graphdoc::Config::new()
///     .docs("docs/api-reference")
///     .version(graphdoc::model::ApiVersion::V1)
///     .include("users")
///     .crate_name("graph-users")
///     .generate("graph-users", false)?;
/// println!("{} files written", report.write.written.len());
/// # Ok::<(), graphdoc::config::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    docs: Vec<PathBuf>,
    filter: Filter,
    crate_name: String,
    runtime: Option<RuntimeDep>,
    strict: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            docs: Vec::new(),
            filter: Filter::default(),
            crate_name: "graph-bindings".into(),
            runtime: None,
            strict: false,
        }
    }
}

/// Why generation stopped. In every case nothing was written.
#[derive(Debug)]
pub enum Error {
    /// The crate name is not a valid package name.
    CrateName(String),
    /// The docs roots are missing, not directories, or hold no page.
    Docs(DocsError),
    /// The pages read bind no operation and no type (with the filters given, if any).
    NothingToBind {
        /// Pages read.
        pages: usize,
        /// Whether versions or include/exclude narrowed the selection.
        filtered: bool,
    },
    /// `include` or `exclude` named no workload or area of the docs.
    UnknownSelection {
        /// The names that match nothing.
        unknown: Vec<String>,
        /// Every workload and area name the docs have.
        known: Vec<String>,
    },
    /// Emission failed (a graphdoc bug, named with the file).
    Emit(EmitError),
    /// The docs have errors (or warnings, when strict): the `build.rs` route refuses them.
    Findings(Vec<Diagnostic>),
    /// Writing failed or was refused.
    Write(WriteError),
    /// A `build.rs` run without `OUT_DIR` and without an output directory.
    NoOutDir,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::CrateName(e) => write!(f, "{e}"),
            Error::Docs(e) => write!(f, "{e}; nothing was written"),
            Error::NothingToBind { pages, filtered } => write!(
                f,
                "the {pages} pages read document no operation or type to bind{}; nothing was written",
                if *filtered {
                    " with the versions and include/exclude filters given"
                } else {
                    ""
                }
            ),
            Error::UnknownSelection { unknown, known } => write!(
                f,
                "no workload or area is named {}; the docs have: {}; nothing was written",
                unknown
                    .iter()
                    .map(|u| format!("`{u}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                known.join(", ")
            ),
            Error::Emit(e) => write!(f, "{e}"),
            Error::Findings(d) => {
                write!(f, "{} problem(s) in the docs; nothing was written:", d.len())?;
                for d in d {
                    write!(f, "\n{d}")?;
                }
                Ok(())
            }
            Error::Write(e) => write!(f, "{e}"),
            Error::NoOutDir => write!(
                f,
                "OUT_DIR is not set (not in build.rs?) and no output directory was given; nothing was written"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Write(e) => Some(e),
            _ => None,
        }
    }
}

/// What [`Config::generate`] did.
#[derive(Debug)]
pub struct Report {
    /// The model read (pages, operations, types, reading findings).
    pub model: Model,
    /// The generated files, planning findings and counts.
    pub output: Output,
    /// What the write did.
    pub write: WriteReport,
}

/// What [`Config::generate_file`] did.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file written (or left unchanged).
    pub file: PathBuf,
    /// Whether its bytes changed.
    pub changed: bool,
    /// Counts.
    pub stats: emit::Stats,
    /// Warnings and errors from reading and planning.
    pub warnings: Vec<Diagnostic>,
}

impl Config {
    /// A configuration with no docs roots, every version and workload, and the default crate
    /// name `graph-bindings`.
    pub fn new() -> Self {
        Config::default()
    }

    /// Adds a docs directory to read (repeatable).
    pub fn docs(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.docs.push(dir.into());
        self
    }

    /// Restricts generation to an API version (repeat for several; all by default).
    pub fn version(&mut self, v: ApiVersion) -> &mut Self {
        self.filter.versions.push(v);
        self
    }

    /// Binds only the given workload or area (repeatable): exactly a cargo feature name of the
    /// full crate, such as `users`, `intune` (all its areas) or `intune-apps`. The output holds
    /// what the full crate compiles with those features.
    pub fn include(&mut self, name: impl Into<String>) -> &mut Self {
        self.filter.include.push(name.into());
        self
    }

    /// Leaves out a workload or area (repeatable), named as for [`Config::include`].
    pub fn exclude(&mut self, name: impl Into<String>) -> &mut Self {
        self.filter.exclude.push(name.into());
        self
    }

    /// Also binds properties that only the docs' examples show, as JSON fields (off by default:
    /// the bindings are what the property tables document).
    pub fn example_fields(&mut self, on: bool) -> &mut Self {
        self.filter.example_fields = on;
        self
    }

    /// Package name of a generated crate (default `graph-bindings`).
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = name.into();
        self
    }

    /// Where a generated crate gets `graphdoc-runtime`. By default: a path dependency when the
    /// output is inside the graphdoc workspace that built this program, otherwise a vendored
    /// copy (until the runtime is published), so the output builds on a fresh machine.
    pub fn runtime(&mut self, runtime: RuntimeDep) -> &mut Self {
        self.runtime = Some(runtime);
        self
    }

    /// Copies the runtime's source into the generated crate ([`RuntimeDep::Vendor`]).
    pub fn vendor_runtime(&mut self, on: bool) -> &mut Self {
        if on {
            self.runtime = Some(RuntimeDep::Vendor);
        } else if self.runtime == Some(RuntimeDep::Vendor) {
            self.runtime = None;
        }
        self
    }

    /// Treats warnings in the docs as failures, not only errors.
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// The docs roots.
    pub fn docs_roots(&self) -> &[PathBuf] {
        &self.docs
    }

    /// Whether warnings fail.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// Versions and include/exclude, as the planner takes them.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Checks what can be refused before anything is read.
    pub fn validate(&self) -> Result<(), Error> {
        crate::naming::validate_crate_name(&self.crate_name).map_err(Error::CrateName)
    }

    /// Reads the docs roots, reporting progress as (pages done, pages in all).
    pub fn read(&self, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<Model, Error> {
        crate::read::read_roots(&self.docs, progress).map_err(Error::Docs)
    }

    /// The generated crate for `model`, to be written into `out_dir` (which decides the default
    /// runtime dependency).
    pub fn emit_crate(&self, model: &Model, out_dir: &Path) -> Result<Output, Error> {
        let opts = emit::Options {
            crate_name: self.crate_name.clone(),
            filter: self.filter.clone(),
            runtime: self.runtime_for(out_dir),
        };
        let output = emit::generate(model, &opts).map_err(|e| self.emit_error(e))?;
        self.check_bound(model, output.stats.types + output.stats.endpoints)?;
        Ok(output)
    }

    /// Reads the docs and writes the crate into `out_dir` (files graphdoc did not write are
    /// replaced only with `force`). Findings are in the report; they never stop a crate.
    pub fn generate(&self, out_dir: impl AsRef<Path>, force: bool) -> Result<Report, Error> {
        let out_dir = out_dir.as_ref();
        self.validate()?;
        let model = self.read(&|_, _| {})?;
        let output = self.emit_crate(&model, out_dir)?;
        let write =
            crate::write::write_files(out_dir, &output.files, force).map_err(Error::Write)?;
        Ok(Report {
            model,
            output,
            write,
        })
    }

    /// The one file for `include!` (the `build.rs` route) for `model`: the output's only file
    /// is [`emit::SINGLE_FILE`].
    pub fn emit_file(&self, model: &Model) -> Result<Output, Error> {
        let opts = emit::Options {
            crate_name: self.crate_name.clone(),
            filter: self.filter.clone(),
            runtime: RuntimeDep::Vendor,
        };
        let output = emit::generate_single_file(model, &opts).map_err(|e| self.emit_error(e))?;
        self.check_bound(model, output.stats.types + output.stats.endpoints)?;
        Ok(output)
    }

    /// Reads the docs and writes one file for `include!` (the `build.rs` route), only if its
    /// bytes changed. Refuses docs with errors (or warnings, when strict).
    pub fn generate_file(&self, file: impl AsRef<Path>) -> Result<FileReport, Error> {
        let model = self.read(&|_, _| {})?;
        self.write_file(&model, file)
    }

    /// Writes the one file for `include!` for `model` (read by [`Config::read`] or from the
    /// pages the caller found), only if its bytes changed; refuses docs with errors (or
    /// warnings, when strict).
    pub fn write_file(&self, model: &Model, file: impl AsRef<Path>) -> Result<FileReport, Error> {
        let file = file.as_ref();
        let output = self.emit_file(model)?;
        let warnings: Vec<Diagnostic> = findings(model, &output)
            .filter(|d| d.severity >= Severity::Warning)
            .cloned()
            .collect();
        let failing: Vec<Diagnostic> = warnings
            .iter()
            .filter(|d| self.strict || d.severity == Severity::Error)
            .cloned()
            .collect();
        if !failing.is_empty() {
            return Err(Error::Findings(failing));
        }
        let text = &output.files[emit::SINGLE_FILE];
        let changed = !std::fs::read(file).is_ok_and(|old| old == text.as_bytes());
        if changed {
            crate::write::write_atomic(file, text.as_bytes()).map_err(Error::Write)?;
        }
        Ok(FileReport {
            file: file.to_path_buf(),
            changed,
            stats: output.stats,
            warnings,
        })
    }

    fn emit_error(&self, e: EmitError) -> Error {
        match e {
            EmitError::Selection { unknown, known } => Error::UnknownSelection { unknown, known },
            e => Error::Emit(e),
        }
    }

    fn check_bound(&self, model: &Model, bound: usize) -> Result<(), Error> {
        if bound > 0 {
            return Ok(());
        }
        let f = &self.filter;
        Err(Error::NothingToBind {
            pages: model.pages.total,
            filtered: !(f.versions.is_empty() && f.include.is_empty() && f.exclude.is_empty()),
        })
    }

    /// The runtime dependency of output written to `out_dir`: the configured one, else a path
    /// to this workspace's runtime when `out_dir` is inside the workspace, else vendored.
    pub fn runtime_for(&self, out_dir: &Path) -> RuntimeDep {
        if let Some(r) = &self.runtime {
            return match r {
                RuntimeDep::Path(p) => RuntimeDep::Path(
                    relative_path(Path::new(p), out_dir).unwrap_or_else(|| p.clone()),
                ),
                r => r.clone(),
            };
        }
        let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        let Some(workspace) = runtime.parent().and_then(Path::parent) else {
            return RuntimeDep::Vendor;
        };
        match (absolute(out_dir), absolute(workspace)) {
            (Some(out), Some(ws)) if runtime.is_dir() && out.starts_with(&ws) => {
                relative_path(&runtime, out_dir).map_or(RuntimeDep::Vendor, RuntimeDep::Path)
            }
            _ => RuntimeDep::Vendor,
        }
    }
}

/// The findings of reading and planning that concern the output: with a selection, those of
/// the pages it kept (and those of no page).
pub fn findings<'a>(model: &'a Model, output: &'a Output) -> impl Iterator<Item = &'a Diagnostic> {
    model
        .diagnostics
        .iter()
        .filter(|d| {
            output
                .sources
                .as_ref()
                .is_none_or(|s| d.file.is_empty() || s.contains(&d.file))
        })
        .chain(&output.diagnostics)
}

/// `p` made absolute and free of `.`/`..` and symlinks as far as it exists (the output
/// directory may not exist yet).
fn absolute(p: &Path) -> Option<PathBuf> {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(p)
    };
    let mut existing = p.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(n) => out.push(n),
                    _ => {}
                }
            }
            return Some(out);
        }
        rest.push(existing.components().next_back()?);
        existing = existing.parent()?;
    }
}

/// `target` relative to `base` (both made absolute), `/`-separated, as Cargo.toml paths are.
fn relative_path(target: &Path, base: &Path) -> Option<String> {
    let (t, b) = (absolute(target)?, absolute(base)?);
    let (tc, bc): (Vec<_>, Vec<_>) = (t.components().collect(), b.components().collect());
    let common = tc.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return None;
    }
    let mut parts: Vec<String> = vec!["..".to_string(); bc.len() - common];
    parts.extend(
        tc[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_to_the_common_ancestor() {
        let root = std::env::temp_dir().join(format!("graphdoc-config-{}", std::process::id()));
        let a = root.join("ws/generator/runtime");
        std::fs::create_dir_all(&a).unwrap();
        // The base need not exist yet.
        let b = root.join("ws/target/tmp/out");
        assert_eq!(
            relative_path(&a, &b).as_deref(),
            Some("../../../generator/runtime")
        );
        assert_eq!(
            relative_path(&a, &root.join("ws/generated")).as_deref(),
            Some("../generator/runtime")
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn output_inside_the_workspace_uses_its_runtime_and_outside_vendors_it() {
        let ws = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let c = Config::new();
        assert_eq!(
            c.runtime_for(&ws.join("generated")),
            RuntimeDep::Path("../generator/runtime".into())
        );
        let outside = std::env::temp_dir().join("graphdoc-elsewhere/bindings");
        if !absolute(&outside)
            .unwrap()
            .starts_with(absolute(ws).unwrap())
        {
            assert_eq!(c.runtime_for(&outside), RuntimeDep::Vendor);
        }
        let mut pinned = Config::new();
        pinned.runtime(RuntimeDep::Version("0.1".into()));
        assert_eq!(
            pinned.runtime_for(&ws.join("generated")),
            RuntimeDep::Version("0.1".into())
        );
        pinned.vendor_runtime(true);
        assert_eq!(
            pinned.runtime_for(&ws.join("generated")),
            RuntimeDep::Vendor
        );
    }
}
