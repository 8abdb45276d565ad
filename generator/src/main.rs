//! The `graphdoc` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// `println!` that ends the program quietly when stdout is closed (`graphdoc … | head`).
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// Typed Rust bindings and a docs linter from the Microsoft Graph REST API reference.
#[derive(Parser)]
#[command(name = "graphdoc", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Summary,
}

/// `--fault "METHOD PATH STATUS [TIMES [RETRY_AFTER]]"`.
#[derive(Clone, Debug)]
struct FaultArg {
    method: String,
    path: String,
    status: u16,
    times: usize,
    retry_after: Option<u64>,
}

fn parse_fault(s: &str) -> Result<FaultArg, String> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let num = |i: usize, what: &str| -> Result<Option<u64>, String> {
        parts
            .get(i)
            .map(|p| {
                p.parse::<u64>()
                    .map_err(|_| format!("{what} `{p}` is not a number"))
            })
            .transpose()
    };
    match parts.as_slice() {
        [method, path, _, ..] if parts.len() <= 5 => Ok(FaultArg {
            method: method.to_string(),
            path: path.to_string(),
            status: num(2, "STATUS")?
                .and_then(|n| u16::try_from(n).ok())
                .filter(|n| (100..600).contains(n))
                .ok_or("STATUS must be an HTTP status")?,
            times: num(3, "TIMES")?.unwrap_or(1) as usize,
            retry_after: num(4, "RETRY_AFTER")?,
        }),
        _ => Err("expected \"METHOD PATH STATUS [TIMES [RETRY_AFTER]]\"".into()),
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum VersionArg {
    #[value(name = "v1.0")]
    V1,
    Beta,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the docs' examples on 127.0.0.1 as a mock Graph service.
    ///
    /// Example: graphdoc mock --docs docs-input --port 8080
    ///          curl -X POST http://127.0.0.1:8080/beta/deviceAppManagement/vppTokens/x/syncLicenses
    Mock {
        /// Docs directories to read (repeatable).
        #[arg(long = "docs", required = true, num_args = 1..)]
        docs: Vec<PathBuf>,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Answer requests with a fault: "METHOD PATH STATUS [TIMES [RETRY_AFTER]]", e.g.
        /// "GET /me 429 2 1" (the next two GETs under /me get 429 with Retry-After: 1); PATH
        /// follows the version; `*` is any method. Repeatable.
        #[arg(long = "fault", value_parser = parse_fault)]
        faults: Vec<FaultArg>,
    },
    /// Compare two docs trees (or two git revisions of one docs repo): API changes, classed as
    /// breaking or compatible for the generated Rust API.
    ///
    /// Examples: graphdoc diff old-docs new-docs
    ///           graphdoc diff --repo ../microsoft-graph-docs v1.2.0 main --format markdown
    Diff {
        /// Old docs directory (or git revision with --repo).
        old: String,
        /// New docs directory (or git revision with --repo).
        new: String,
        /// A git repository: OLD and NEW are revisions in it.
        #[arg(long)]
        repo: Option<PathBuf>,
        /// Match operations and types across versions (compare a beta page with a v1.0 one).
        #[arg(long)]
        ignore_version: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
    },
    /// Lint docs pages: examples against documented types, permissions, links, JSON.
    ///
    /// Exits with status 1 when errors are found (or warnings, with --strict).
    /// Example: graphdoc check --docs ../docs/api-reference --format json
    Check {
        /// Docs directories to read (repeatable).
        #[arg(long = "docs", required_unless_present = "explain", num_args = 1..)]
        docs: Vec<PathBuf>,
        /// Explain a finding code (what it means, an example, the fix) instead of checking.
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// Print only the summary table.
        #[arg(long)]
        summary_only: bool,
    },
    /// Generate a crate of typed bindings from docs pages.
    ///
    /// Example: graphdoc generate --docs docs-input --out generated
    Generate {
        /// Docs directories to read (repeatable).
        #[arg(long = "docs", required = true, num_args = 1..)]
        docs: Vec<PathBuf>,
        /// Output directory for the crate.
        #[arg(long)]
        out: PathBuf,
        /// Package name of the generated crate.
        #[arg(long, default_value = "graph-bindings")]
        crate_name: String,
        /// Write into a non-empty directory graphdoc did not create.
        #[arg(long)]
        force: bool,
        /// Fail (exit 1) when the docs have warnings, not only errors; the files are still written.
        #[arg(long)]
        strict: bool,
        /// List every warning, not only the first 20.
        #[arg(long)]
        verbose: bool,
        /// Also bind properties that only the docs' examples show (not the property tables),
        /// as JSON fields; `graphdoc check` still reports each one.
        #[arg(long)]
        example_fields: bool,
        /// Bind only this API version (repeatable; all by default).
        #[arg(long = "version", value_enum)]
        versions: Vec<VersionArg>,
        /// Bind only this workload or area, named exactly as the full crate's cargo features
        /// (`users`, `intune`, `intune-apps`); repeatable.
        #[arg(long)]
        include: Vec<String>,
        /// Leave out this workload or area (repeatable).
        #[arg(long)]
        exclude: Vec<String>,
        /// Copy graphdoc-runtime's source into the crate (`graphdoc-runtime/`), so it builds on
        /// its own. The default outside graphdoc's workspace.
        #[arg(long, conflicts_with_all = ["runtime_path", "runtime_version"])]
        vendor_runtime: bool,
        /// Depend on graphdoc-runtime at this directory.
        #[arg(long, conflicts_with = "runtime_version")]
        runtime_path: Option<PathBuf>,
        /// Depend on graphdoc-runtime from crates.io with this version requirement.
        #[arg(long)]
        runtime_version: Option<String>,
    },
    /// Read docs pages and print the model (operations, types, diagnostics).
    ///
    /// Example: graphdoc model --docs docs-input --format json
    ///          graphdoc model --docs docs-input --resolved
    Model {
        /// Docs directories to read (repeatable).
        #[arg(long = "docs", required = true, num_args = 1..)]
        docs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Print the resolved API instead: one entry per operation (method and canonical
        /// path) with its pages, permissions, and the generated function and types.
        #[arg(long)]
        resolved: bool,
    },
}

/// `graphdoc check --explain CODE`, rustc-style.
fn explain_code(name: &str) -> ExitCode {
    use graphdoc::diag::Code;
    match Code::parse(name.trim()) {
        Some(code) => {
            out!(
                "{code} ({} by default)\n\n{}\n\nIn short: {}",
                code.severity(),
                code.explanation(),
                code.hint()
            );
            ExitCode::SUCCESS
        }
        None => {
            let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            eprintln!(
                "error: `{name}` is not a finding code; the codes are: {}",
                names.join(", ")
            );
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Mock { docs, port, faults } => {
            let model = match read(&docs) {
                Ok(m) => m,
                Err(code) => return code,
            };
            // Built once: the routes are counted before a port is taken.
            let mock = graphdoc::mock::Mock::new(&model);
            let routes = mock.routes().len();
            if routes == 0 {
                eprintln!(
                    "error: the docs under {} have no example responses to serve",
                    show_paths(&docs)
                );
                return ExitCode::from(2);
            }
            match graphdoc::mock::MockServer::serve(mock, port) {
                Ok(server) => {
                    for f in &faults {
                        server.fail(&f.method, &f.path, f.status, f.times, f.retry_after);
                    }
                    out!(
                        "serving {routes} example routes on {} (Ctrl-C stops)",
                        server.base_url()
                    );
                    server.wait();
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Diff {
            old,
            new,
            repo,
            ignore_version,
            format,
        } => {
            let (old_dir, new_dir, _guard) = match &repo {
                Some(r) => match (checkout(r, &old), checkout(r, &new)) {
                    (Ok(a), Ok(b)) => (a.clone(), b.clone(), Some((a, b))),
                    (Err(e), _) | (_, Err(e)) => {
                        eprintln!("error: {e}");
                        return ExitCode::FAILURE;
                    }
                },
                None => (PathBuf::from(&old), PathBuf::from(&new), None),
            };
            let a = read(std::slice::from_ref(&old_dir));
            let b = read(std::slice::from_ref(&new_dir));
            if let Some((x, y)) = &_guard {
                let _ = std::fs::remove_dir_all(x);
                let _ = std::fs::remove_dir_all(y);
            }
            let (a, b) = match (a, b) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(code), _) | (_, Err(code)) => return code,
            };
            let changes =
                graphdoc::diff::diff(&a, &b, graphdoc::diff::DiffOptions { ignore_version });
            match format {
                DiffFormat::Text => out!("{}", graphdoc::diff::report(&changes).trim_end()),
                DiffFormat::Markdown => out!("{}", graphdoc::diff::markdown(&changes).trim_end()),
                DiffFormat::Json => out!(
                    "{}",
                    serde_json::to_string_pretty(&changes).unwrap_or_default()
                ),
            }
            ExitCode::SUCCESS
        }
        Command::Check {
            docs,
            explain,
            format,
            strict,
            summary_only,
        } => {
            use std::io::IsTerminal;
            if let Some(name) = explain {
                return explain_code(&name);
            }
            let model = match read(&docs) {
                Ok(m) => m,
                Err(code) => return code,
            };
            let source = |file: &str| {
                docs.iter()
                    .find_map(|d| std::fs::read_to_string(d.join(file)).ok())
            };
            let findings = graphdoc::check::check(&model, &source);
            match format {
                CheckFormat::Json => out!("{}", graphdoc::render::json(&findings)),
                CheckFormat::Human => {
                    let color = std::io::stdout().is_terminal();
                    if !summary_only {
                        for f in &findings {
                            out!("{}", graphdoc::render::human(f, &docs, color));
                        }
                    }
                    out!("{}", graphdoc::render::summary(&findings).trim_end());
                }
            }
            let limit = if strict {
                graphdoc::diag::Severity::Warning
            } else {
                graphdoc::diag::Severity::Error
            };
            if findings.iter().any(|f| f.severity >= limit) {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Generate {
            docs,
            out,
            crate_name,
            force,
            strict,
            verbose,
            example_fields,
            versions,
            include,
            exclude,
            vendor_runtime,
            runtime_path,
            runtime_version,
        } => {
            let started = std::time::Instant::now();
            let mut config = graphdoc::Config::new();
            for d in &docs {
                config.docs(d);
            }
            for v in versions {
                config.version(match v {
                    VersionArg::V1 => graphdoc::model::ApiVersion::V1,
                    VersionArg::Beta => graphdoc::model::ApiVersion::Beta,
                });
            }
            for i in include {
                config.include(i);
            }
            for e in exclude {
                config.exclude(e);
            }
            config
                .crate_name(crate_name)
                .example_fields(example_fields)
                .strict(strict)
                .vendor_runtime(vendor_runtime);
            if let Some(p) = runtime_path {
                config.runtime(graphdoc::emit::RuntimeDep::Path(p.display().to_string()));
            }
            if let Some(v) = runtime_version {
                config.runtime(graphdoc::emit::RuntimeDep::Version(v));
            }
            // Everything that can be refused is refused before anything is read or written.
            if let Err(e) = config.validate() {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
            let progress = Progress::new();
            let model = config.read(&|d, t| progress.tick("reading pages", d, t));
            progress.clear();
            let model = match model {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let output = match config.emit_crate(&model, &out) {
                Ok(o) => o,
                Err(e @ graphdoc::config::Error::Emit(_)) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
                Err(e) => {
                    if let graphdoc::config::Error::NothingToBind { .. } = e {
                        for d in &model.diagnostics {
                            if d.severity >= graphdoc::diag::Severity::Warning {
                                eprintln!("{d}");
                            }
                        }
                    }
                    eprintln!("error: {e} (docs: {})", show_paths(&docs));
                    return ExitCode::from(2);
                }
            };
            let findings: Vec<&graphdoc::diag::Diagnostic> =
                graphdoc::config::findings(&model, &output).collect();
            let shown = findings
                .iter()
                .filter(|d| d.severity >= graphdoc::diag::Severity::Warning);
            let limit = if verbose { usize::MAX } else { 20 };
            let mut hidden = 0;
            for (i, d) in shown.enumerate() {
                if i < limit {
                    eprintln!("{d}");
                } else {
                    hidden += 1;
                }
            }
            if hidden > 0 {
                eprintln!("… and {hidden} more warnings (--verbose lists them all; `graphdoc check` explains them)");
            }
            let report = match graphdoc::write::write_files(&out, &output.files, force) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            if !report.replaced.is_empty() {
                eprintln!(
                    "replaced {} file(s) graphdoc had not written (--force): {}",
                    report.replaced.len(),
                    report.replaced.join(", ")
                );
            }
            let count = |sev| findings.iter().filter(|d| d.severity == sev).count();
            use graphdoc::diag::Severity::*;
            out!(
                "read {} pages ({} operations, {} types) from {}",
                model.pages.total,
                model.operations.len(),
                model.types.len(),
                show_paths(&docs)
            );
            out!(
                "generated {} types, {} endpoints, tests for {} examples; {} items skipped or degraded, each with a diagnostic",
                output.stats.types, output.stats.endpoints, output.stats.examples, output.stats.skipped
            );
            out!(
                "findings: {} errors, {} warnings, {} notes",
                count(Error),
                count(Warning),
                count(Note)
            );
            out!(
                "files: {} written, {} unchanged, {} removed in {} ({:.2}s)",
                report.written.len(),
                report.unchanged.len(),
                report.removed.len(),
                out.display(),
                started.elapsed().as_secs_f64()
            );
            let worst = if strict { Warning } else { Error };
            let failed = findings.iter().any(|d| d.severity >= worst);
            // The process ends here: freeing the model's million small allocations one by one
            // would only delay the exit.
            drop(findings);
            std::mem::forget((model, output));
            if failed {
                if strict {
                    eprintln!("error: the docs have warnings or errors (--strict); the bindings were written");
                } else {
                    eprintln!("error: the docs have errors; the bindings were written");
                }
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Command::Model {
            docs,
            format,
            resolved,
        } => {
            let model = match read(&docs) {
                Ok(m) => m,
                Err(code) => return code,
            };
            if resolved {
                let index = graphdoc::emit::index::resolved(&model, &Default::default());
                match format {
                    Format::Json => match serde_json::to_string_pretty(&index) {
                        Ok(s) => out!("{s}"),
                        Err(e) => {
                            eprintln!("error: cannot serialize the index: {e}");
                            return ExitCode::FAILURE;
                        }
                    },
                    Format::Summary => out!("operations: {}", index.len()),
                }
                return ExitCode::SUCCESS;
            }
            match format {
                Format::Json => match serde_json::to_string_pretty(&model) {
                    Ok(s) => out!("{s}"),
                    Err(e) => {
                        eprintln!("error: cannot serialize the model: {e}");
                        return ExitCode::FAILURE;
                    }
                },
                Format::Summary => {
                    out!(
                        "pages: {} (api {}, resource {}, enum {}, other {})",
                        model.pages.total,
                        model.pages.api,
                        model.pages.resource,
                        model.pages.enumeration,
                        model.pages.other
                    );
                    out!("operations: {}", model.operations.len());
                    out!("types: {}", model.types.len());
                    out!("diagnostics: {}", model.diagnostics.len());
                }
            }
            ExitCode::SUCCESS
        }
    }
}

// The reader allocates many small strings and JSON values across threads; mimalloc
// roughly halves the time glibc's allocator spends on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Reads the docs roots for a verb; a root that is missing, not a directory or without pages
/// is reported and ends the verb (exit status 2) before it does anything.
fn read(docs: &[PathBuf]) -> Result<graphdoc::Model, ExitCode> {
    graphdoc::read::read_roots(docs, &|_, _| {}).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}

/// The docs roots as the user gave them, for messages.
fn show_paths(docs: &[PathBuf]) -> String {
    docs.iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Extracts a git revision of `repo` into a temporary directory (`git archive | tar -x`).
fn checkout(repo: &std::path::Path, rev: &str) -> Result<PathBuf, String> {
    use std::process::{Command, Stdio};
    let safe: String = rev
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let dir = std::env::temp_dir().join(format!("graphdoc-rev-{}-{safe}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["archive", "--format=tar", rev])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let stdout = archive.stdout.take().ok_or("git archive gave no output")?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(&dir)
        .stdin(stdout)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    let git = archive.wait().map_err(|e| e.to_string())?;
    if !git.success() || !tar.success() {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(format!("cannot check out `{rev}` of {}", repo.display()));
    }
    Ok(dir)
}

/// A one-line progress display on stderr, only when stderr is a terminal.
struct Progress {
    on: bool,
    last: std::sync::Mutex<std::time::Instant>,
}

impl Progress {
    fn new() -> Self {
        use std::io::IsTerminal;
        Progress {
            on: std::io::stderr().is_terminal(),
            last: std::sync::Mutex::new(std::time::Instant::now()),
        }
    }

    fn tick(&self, what: &str, done: usize, total: usize) {
        if !self.on {
            return;
        }
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        if done == total || last.elapsed().as_millis() >= 80 {
            *last = std::time::Instant::now();
            let width = 30;
            let filled = (done * width).checked_div(total).unwrap_or(width);
            eprint!(
                "\r{what} [{}{}] {done}/{total}",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
        }
    }

    fn clear(&self) {
        if self.on {
            eprint!("\r\x1b[K");
        }
    }
}
