//! The `build.rs` route: [`Builder`] reads docs pages and writes one file of bindings into
//! `OUT_DIR` for `include!`, rerunning only when an input page changes. It is a [`Config`] with
//! an output file; the CLI's `generate` runs the same `Config`.

use std::path::PathBuf;

use crate::config::{self, Config, FileReport};
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
///     eprintln!("graphdoc: {e}");
///     std::process::exit(1);
/// }
/// ```
///
/// in `src/lib.rs` (or inside any module): `include!(concat!(env!("OUT_DIR"), "/graphdoc.rs"));`,
/// and in `Cargo.toml` the runtime the bindings call: `graphdoc-runtime` (by path until it is
/// published).
#[derive(Debug, Clone, Default)]
pub struct Builder {
    config: Config,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
}

/// What a [`Builder::generate`] run did.
pub type BuildReport = FileReport;

impl Builder {
    /// A builder with no docs directories.
    pub fn new() -> Self {
        Builder::default()
    }

    /// The configuration behind the builder, for options that have no shortcut here.
    pub fn config(&mut self) -> &mut Config {
        &mut self.config
    }

    /// Adds a docs directory to read.
    ///
    /// ```
    /// let mut b = graphdoc::Builder::new();
    /// b.docs("docs/api-reference");
    /// ```
    pub fn docs(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.config.docs(dir);
        self
    }

    /// Restricts generation to one API version (repeat for several; all by default).
    ///
    /// ```
    /// graphdoc::Builder::new().version(graphdoc::model::ApiVersion::Beta);
    /// ```
    pub fn version(&mut self, v: ApiVersion) -> &mut Self {
        self.config.version(v);
        self
    }

    /// Binds only a workload or area, named exactly as the cargo features of the CLI's crate
    /// (`users`, `intune`, `intune-apps`); see [`Config::include`].
    ///
    /// ```
    /// graphdoc::Builder::new().include("intune");
    /// ```
    pub fn include(&mut self, name: impl Into<String>) -> &mut Self {
        self.config.include(name);
        self
    }

    /// Leaves out a workload or area; see [`Config::exclude`].
    ///
    /// ```
    /// graphdoc::Builder::new().exclude("intune-apps");
    /// ```
    pub fn exclude(&mut self, name: impl Into<String>) -> &mut Self {
        self.config.exclude(name);
        self
    }

    /// Also bind properties that only the docs' examples show, as JSON fields (off by
    /// default: the bindings are what the property tables document).
    pub fn example_fields(&mut self, on: bool) -> &mut Self {
        self.config.example_fields(on);
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
        self.config.strict(strict);
        self
    }

    /// Reads the docs, writes the bindings (only if their bytes changed) and prints
    /// `cargo:rerun-if-changed` for every input. On failure nothing is written.
    pub fn generate(&self) -> Result<BuildReport, config::Error> {
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(config::Error::NoOutDir)?,
        };
        for d in self.config.docs_roots() {
            // Directories too, so added or removed pages rerun the build (and a directory
            // created after a failed build reruns it).
            println!("cargo:rerun-if-changed={}", d.display());
        }
        // The pages are found once: for cargo's rerun list and for reading.
        let mut sink = crate::diag::Sink::new("");
        let files = crate::read::find_all_pages(self.config.docs_roots(), &mut sink)
            .map_err(config::Error::Docs)?;
        for f in &files {
            println!("cargo:rerun-if-changed={}", f.path.display());
        }
        let model = crate::read::read_files(&files, sink);
        let file = out_dir.join(
            self.file_name
                .as_deref()
                .unwrap_or(crate::emit::SINGLE_FILE),
        );
        self.config.write_file(&model, file)
    }
}
