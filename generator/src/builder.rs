//! The `build.rs` route: [`Builder`] reads docs pages and writes one file of bindings into
//! `OUT_DIR` for `include!`, rerunning only when an input page changes.

use std::path::PathBuf;

use crate::emit::{self, Filter, Stats};
use crate::model::ApiVersion;

/// Generates bindings from `build.rs`.
///
/// In `build.rs`:
///
/// ```no_run
/// let result = graphdoc::Builder::new()
///     .docs("docs")
///     .version(graphdoc::model::ApiVersion::V1)
///     .include("intune")
///     .generate();
/// if let Err(e) = result {
///     eprintln!("{e}");
///     std::process::exit(1);
/// }
/// ```
///
/// and in `src/lib.rs`: `include!(concat!(env!("OUT_DIR"), "/graphdoc.rs"));`
#[derive(Debug, Clone, Default)]
pub struct Builder {
    docs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    filter: Filter,
    strict: bool,
}

/// What a [`Builder::generate`] run did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The file written (or left unchanged).
    pub file: PathBuf,
    /// Whether its bytes changed.
    pub changed: bool,
    /// Counts.
    pub stats: Stats,
    /// Warnings and errors from reading and planning.
    pub warnings: Vec<crate::diag::Diagnostic>,
}

impl Builder {
    /// A builder with no docs directories.
    pub fn new() -> Self {
        Builder::default()
    }

    /// Adds a docs directory to read.
    ///
    /// ```
    /// let mut b = graphdoc::Builder::new();
    /// b.docs("docs/api-reference");
    /// ```
    pub fn docs(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.docs.push(dir.into());
        self
    }

    /// Restricts generation to one API version (repeat for several; all by default).
    ///
    /// ```
    /// graphdoc::Builder::new().version(graphdoc::model::ApiVersion::Beta);
    /// ```
    pub fn version(&mut self, v: ApiVersion) -> &mut Self {
        self.filter.versions.push(v);
        self
    }

    /// Keeps only operations whose page name contains `pattern` or whose workload (`ms.prod`) is it.
    ///
    /// ```
    /// graphdoc::Builder::new().include("intune");
    /// ```
    pub fn include(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.filter.include.push(pattern.into());
        self
    }

    /// Drops operations whose page name contains `pattern` or whose workload is it.
    ///
    /// ```
    /// graphdoc::Builder::new().exclude("deprecated");
    /// ```
    pub fn exclude(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.filter.exclude.push(pattern.into());
        self
    }

    /// Also bind properties that only the docs' examples show, as JSON fields (off by
    /// default: the bindings are what the property tables document).
    pub fn example_fields(&mut self, on: bool) -> &mut Self {
        self.filter.example_fields = on;
        self
    }

    /// Where to write (default: `OUT_DIR`).
    ///
    /// ```
    /// graphdoc::Builder::new().out_dir("target/bindings");
    /// ```
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// File name inside the output directory (default `graphdoc.rs`).
    ///
    /// ```
    /// graphdoc::Builder::new().file_name("graph.rs");
    /// ```
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// Fails the build on warnings, not only on errors.
    ///
    /// ```
    /// graphdoc::Builder::new().strict(true);
    /// ```
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// Reads the docs, writes the bindings (only if their bytes changed) and prints
    /// `cargo:rerun-if-changed` for every input. Returns a readable report on failure.
    pub fn generate(&self) -> Result<BuildReport, String> {
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or(
                "graphdoc: OUT_DIR is not set (not in build.rs?) and no out_dir was given",
            )?,
        };
        let mut sink = crate::diag::Sink::new("");
        for d in &self.docs {
            // Directories too, so added or removed pages rerun the build (and a directory
            // created after a failed build reruns it).
            println!("cargo:rerun-if-changed={}", d.display());
        }
        let files = crate::read::find_all_pages(&self.docs, &mut sink)
            .map_err(|e| format!("graphdoc: {e}; nothing was written"))?;
        for f in &files {
            println!("cargo:rerun-if-changed={}", f.path.display());
        }
        let model = crate::read::read_files(&files, sink);
        let opts = emit::Options {
            filter: self.filter.clone(),
            ..Default::default()
        };
        let (text, plan_diags, stats) =
            emit::generate_single_file(&model, &opts).map_err(|e| e.to_string())?;
        if stats.types + stats.endpoints == 0 {
            return Err(format!(
                "graphdoc: the {} pages read document no operation or type to bind{}; nothing was written",
                model.pages.total,
                if self.filter.include.is_empty() && self.filter.exclude.is_empty() && self.filter.versions.is_empty() {
                    ""
                } else {
                    " with the versions and include/exclude filters given"
                }
            ));
        }
        let warnings: Vec<_> = model
            .diagnostics
            .iter()
            .chain(&plan_diags)
            .filter(|d| d.severity >= crate::diag::Severity::Warning)
            .cloned()
            .collect();
        let failing: Vec<String> = warnings
            .iter()
            .filter(|d| self.strict || d.severity == crate::diag::Severity::Error)
            .map(|d| d.to_string())
            .collect();
        if !failing.is_empty() {
            return Err(format!(
                "graphdoc: {} problem(s) in the docs:\n{}",
                failing.len(),
                failing.join("\n")
            ));
        }
        let file = out_dir.join(self.file_name.as_deref().unwrap_or("graphdoc.rs"));
        let changed = !std::fs::read(&file).is_ok_and(|old| old == text.as_bytes());
        if changed {
            crate::write::write_atomic(&file, text.as_bytes()).map_err(|e| e.to_string())?;
        }
        Ok(BuildReport {
            file,
            changed,
            stats,
            warnings,
        })
    }
}
