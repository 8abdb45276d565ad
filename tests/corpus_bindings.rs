//! Bindings for the whole English corpus: generated, compiled, and their example tests run
//! (skipped with a notice where `../shared/corpus` is absent). Prints examples tried, passed,
//! and failed by reason: a docs defect that `graphdoc check` reports on the same example, or a
//! generator gap (no such finding).
//!
//! The floors asserted here are the rates reached so far, so a regression fails CI; every
//! failure must be explained by a check finding.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A test added to the default corpus crate: the functions issue #15 promises, with their types.
const USAGE: &str = r#"
use graph_bindings::{beta, v1_0, ApiRequest, Page};

#[test]
fn operations_are_named_by_their_paths() {
    let _: ApiRequest<Page<v1_0::types::User>> = v1_0::users::list();
    let _: ApiRequest<v1_0::types::User> = v1_0::users::get("user-id");
    let _: ApiRequest<v1_0::types::User> = v1_0::me::get();
    let _: ApiRequest<()> = v1_0::me::send_mail(&v1_0::me::SendMailBody::default());
    let _: ApiRequest<Page<v1_0::types::Message>> = v1_0::me::messages::list();
    assert_eq!(v1_0::users::list().path(), "/users");
    assert_eq!(v1_0::users::get("a b").path(), "/users/a%20b");
}

#[test]
fn sub_namespace_types_have_modules_of_their_own() {
    let _: ApiRequest<v1_0::types::call_records::CallRecord> =
        v1_0::communications::call_records::get("id");
    let s = v1_0::types::call_records::MediaStream::default();
    assert!(s.average_jitter.is_none());
    // beta documents `microsoft.graph.mediaStream` and `microsoft.graph.callRecords.mediaStream`:
    // two types, no longer one struct with both property sets.
    let (a, b) = (
        beta::types::MediaStream::default(),
        beta::types::call_records::MediaStream::default(),
    );
    assert_eq!(a.odata_type, b.odata_type);
}
"#;

/// Response and request pass-rate floors of the default (strict) bindings.
const STRICT_FLOORS: (f64, f64) = (0.86, 0.93);
/// The same with `--example-fields` (properties only the examples show bound as JSON). The
/// response floor was 0.96 until 2026-12-04, when 63 operations whose pages name no response
/// type came to be typed by their examples: those examples, trivially read as JSON before, are
/// now checked (4,393 of 4,577 pass, 95.98%; each failure is on an example check reports).
/// 0.955 until the third sitting of 2026-12-04, when the 404 enums of the multi-enum pages
/// (`enums.md`) were read: examples that give them placeholders (`status-value`) or objects are
/// now checked against them (4,349 pass, 95.0%; every failure is on an example check reports).
const EXAMPLE_FIELDS_FLOORS: (f64, f64) = (0.945, 0.95);

struct Outcome {
    name: String,
    passed: bool,
    file: Option<String>,
    /// The line the failure names: the example's response (or request) line.
    line: Option<usize>,
    message: String,
}

impl Outcome {
    /// `name: file message`, as the failure lists print it.
    fn summary(&self) -> String {
        format!(
            "{}: {} {}",
            self.name,
            self.file.as_deref().unwrap_or("?"),
            self.message
        )
    }
}

/// The examples of every page, by file: the first line of each (its request or response,
/// whichever comes first), sorted. An example runs from its first line to the next one's.
struct ExampleSpans(BTreeMap<String, Vec<usize>>);

impl ExampleSpans {
    fn of(model: &graphdoc::model::Model) -> Self {
        let mut by_file: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for op in &model.operations {
            let starts = by_file.entry(op.source.clone()).or_default();
            for ex in &op.examples {
                let lines = ex.request.as_ref().map(|r| r.line).into_iter();
                let first = lines.chain(ex.response.as_ref().map(|r| r.line)).min();
                starts.extend(first);
            }
        }
        for starts in by_file.values_mut() {
            starts.sort_unstable();
            starts.dedup();
        }
        ExampleSpans(by_file)
    }

    /// The example holding `line` of `file`: the start of the last one at or before it.
    fn example_at(&self, file: &str, line: usize) -> Option<usize> {
        let starts = self.0.get(file)?;
        let i = starts.partition_point(|s| *s <= line);
        i.checked_sub(1).map(|i| starts[i])
    }
}

/// Parses libtest's stdout, binary by binary (each starts with `running N tests`): results, then
/// `---- name stdout ----` blocks with `file:line: message`. Names are qualified by binary, since
/// both versions have a `sync_licenses_1_response`.
fn outcomes(out: &str) -> Vec<Outcome> {
    let mut all = Vec::new();
    // Each test binary's stdout starts with `running N tests`.
    for (binary, section) in out.split("\nrunning ").skip(1).enumerate() {
        let mut results: BTreeMap<String, bool> = BTreeMap::new();
        for l in section.lines() {
            if let Some(rest) = l.strip_prefix("test ") {
                if let Some((name, status)) = rest.rsplit_once(" ... ") {
                    results.insert(name.to_string(), status.trim() == "ok");
                }
            }
        }
        let mut messages: BTreeMap<String, (Option<String>, Option<usize>, String)> =
            BTreeMap::new();
        let mut current: Option<String> = None;
        for l in section.lines() {
            if let Some(n) = l
                .strip_prefix("---- ")
                .and_then(|r| r.strip_suffix(" stdout ----"))
            {
                current = Some(n.to_string());
            } else if let Some(n) = &current {
                if l.contains(".md:") && !l.starts_with("thread") {
                    let (loc, msg) = l.split_once(": ").unwrap_or((l, ""));
                    let (file, line) = match loc.rsplit_once(':') {
                        Some((f, l)) => (Some(f.to_string()), l.parse().ok()),
                        None => (None, None),
                    };
                    messages.insert(n.clone(), (file, line, msg.to_string()));
                    current = None;
                }
            }
        }
        for (name, passed) in results {
            let (file, line, message) =
                messages
                    .remove(&name)
                    .unwrap_or((None, None, String::new()));
            all.push(Outcome {
                name: format!("{binary}::{name}"),
                passed,
                file,
                line,
                message,
            });
        }
    }
    all
}

fn reason(msg: &str) -> &'static str {
    if msg.contains("properties the type does not define") {
        "undefined properties"
    } else if msg.contains("does not deserialize") || msg.contains("does not fit the request type")
    {
        "value does not fit the type"
    } else if msg.contains("round trip") {
        "round trip"
    } else if msg.starts_with("path ") || msg.starts_with("method ") || msg.starts_with("query ") {
        "request line differs"
    } else if msg.contains("body") {
        "request body differs"
    } else {
        "other"
    }
}

/// The examples `graphdoc check` reports a defect on: findings about examples
/// (`example-*`, invalid JSON, a response of the wrong shape), notes aside (not defects:
/// `example-undocumented-path` says the bindings have the call), placed by line in the
/// example that holds them (from its request to the next example).
fn defects_of(model: &graphdoc::model::Model, corpus: &Path) -> (ExampleSpans, Defects) {
    let findings = graphdoc::check::check(model, &|f| std::fs::read_to_string(corpus.join(f)).ok());
    let spans = ExampleSpans::of(model);
    let defects = findings
        .iter()
        .filter(|d| {
            d.code.as_str().starts_with("example-")
                || d.code == "invalid-example-json"
                || d.code == "response-collection-mismatch"
        })
        .filter(|d| d.severity != graphdoc::diag::Severity::Note)
        .filter_map(|d| Some((d.file.clone(), spans.example_at(&d.file, d.line)?)))
        .collect();
    (spans, defects)
}

/// Runs `cargo test` in a generated crate, its builds in the shared corpus target directory.
fn cargo_test(out_dir: &Path, tmp: &Path) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(["test", "--no-fail-fast", "--", "--test-threads", "2"])
        .current_dir(out_dir)
        .env("CARGO_TARGET_DIR", tmp.join("corpus-target"))
        // Incremental state for ~1M lines is tens of GB over a few runs, and a one-off build
        // gains nothing from it.
        .env("CARGO_INCREMENTAL", "0")
        .env("RUST_BACKTRACE", "0")
        // No debug info: it would double the time and memory of building ~1M lines.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_PROFILE_TEST_DEBUG", "0")
        .output()
        .expect("cargo runs")
}

/// Whether a failed example test is explained: `check` reports a finding on that example.
fn explained(o: &Outcome, spans: &ExampleSpans, defects: &Defects) -> bool {
    o.file
        .as_deref()
        .zip(o.line)
        .and_then(|(f, l)| Some((f.to_string(), spans.example_at(f, l)?)))
        .is_some_and(|e| defects.contains(&e))
}

#[test]
fn corpus_bindings_compile_and_pass_examples() {
    let Some(corpus) = graphdoc_workspace_tests::corpus("en", "corpus bindings test") else {
        return;
    };
    let model = graphdoc::read_docs(std::slice::from_ref(&corpus));
    let (spans, defects) = defects_of(&model, &corpus);
    // The default bindings (the property tables, strictly), then with `--example-fields`.
    for (mode, example_fields, floors) in [
        ("tables only (default)", false, STRICT_FLOORS),
        ("--example-fields", true, EXAMPLE_FIELDS_FLOORS),
    ] {
        println!("== {mode}");
        run(&model, &spans, &defects, example_fields, floors);
    }
}

/// Current docs (`../shared/corpus/modern-sample`, 30 pages of 2024–2026): the bindings compile
/// and every example test passes or fails on an example that `graphdoc check` reports (issue
/// #18).
#[test]
fn modern_sample_bindings_pass_or_are_reported() {
    let Some(corpus) =
        graphdoc_workspace_tests::corpus("modern-sample", "modern-sample bindings test")
    else {
        return;
    };
    let model = graphdoc::read_docs(std::slice::from_ref(&corpus));
    let (spans, defects) = defects_of(&model, &corpus);
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let out_dir = tmp.join("modern-bindings");
    let opts = graphdoc::emit::Options {
        crate_name: "modern-bindings".into(),
        filter: Default::default(),
        runtime: graphdoc::Config::new().runtime_for(&out_dir),
    };
    let mut files = graphdoc::emit::generate(&model, &opts)
        .expect("generates")
        .files;
    files
        .get_mut("Cargo.toml")
        .unwrap()
        .push_str("\n[workspace]\n");
    graphdoc::write::write_files(&out_dir, &files, true).expect("writes");
    let res = cargo_test(&out_dir, &tmp);
    let stdout = format!("\n{}", String::from_utf8_lossy(&res.stdout));
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(
        !stderr.contains("could not compile"),
        "the modern-sample bindings do not compile:\n{stderr}"
    );
    let all = outcomes(&stdout);
    let examples: Vec<&Outcome> = all
        .iter()
        .filter(|o| o.name.ends_with("_response") || o.name.ends_with("_request"))
        .collect();
    let passed = examples.iter().filter(|o| o.passed).count();
    println!(
        "modern-sample example tests: {} tried, {passed} passed",
        examples.len()
    );
    let unexplained: Vec<String> = examples
        .iter()
        .filter(|o| !o.passed && !explained(o, &spans, &defects))
        .map(|o| o.summary())
        .collect();
    for u in &unexplained {
        println!("  unexplained: {}", &u[..u.len().min(300)]);
    }
    assert!(
        examples.len() >= 40,
        "too few example tests ran: {}",
        examples.len()
    );
    assert!(
        unexplained.is_empty(),
        "{} modern-sample failures that no check finding on the example explains",
        unexplained.len()
    );
}

/// The build.rs route's one file, for the same selections as the feature checks above
/// (`Config` include/exclude and versions), included inside a module of a crate that depends on
/// the runtime alone: whatever a selection keeps, what it reaches is kept too.
fn build_rs_selections_compile(model: &graphdoc::model::Model, tmp: &Path) {
    use graphdoc::model::ApiVersion::{Beta, V1};
    let dir = tmp.join("corpus-build-rs");
    let runtime = graphdoc::Config::new().runtime_for(&dir);
    let graphdoc::emit::RuntimeDep::Path(runtime) = runtime else {
        panic!("inside the workspace the runtime is a path: {runtime:?}");
    };
    for (versions, include) in [
        (&[V1, Beta][..], "intune"),
        (&[V1, Beta][..], "intune-apps"),
        (&[V1][..], "users"),
    ] {
        let mut config = graphdoc::Config::new();
        config.include(include);
        for v in versions {
            config.version(*v);
        }
        let out = config
            .emit_file(model)
            .expect("the selection binds something");
        let files = BTreeMap::from([
            (
                "Cargo.toml".to_string(),
                format!(
                    "[package]\nname = \"corpus-build-rs\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ngraphdoc-runtime = {{ path = {runtime:?} }}\n\n[workspace]\n"
                ),
            ),
            (
                "src/lib.rs".to_string(),
                "pub mod graph {\n    include!(\"graphdoc.rs\");\n}\n".to_string(),
            ),
            (
                "src/graphdoc.rs".to_string(),
                out.files[graphdoc::emit::SINGLE_FILE].clone(),
            ),
        ]);
        graphdoc::write::write_files(&dir, &files, true).expect("writes");
        let started = std::time::Instant::now();
        let res = Command::new(env!("CARGO"))
            .args(["check", "--lib"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", tmp.join("corpus-target"))
            .env("CARGO_INCREMENTAL", "0")
            .output()
            .expect("cargo runs");
        let err = String::from_utf8_lossy(&res.stderr);
        assert!(
            res.status.success(),
            "the build.rs output for {include} ({versions:?}) does not compile:\n{}",
            &err[..err.len().min(20_000)]
        );
        assert!(!err.contains("warning"), "{err}");
        println!(
            "build.rs output for {include} ({versions:?}): {} types, {} endpoints, checked in {:.1?}",
            out.stats.types,
            out.stats.endpoints,
            started.elapsed()
        );
    }
}

/// The examples (file, first line) that `check` reports a defect on.
type Defects = BTreeSet<(String, usize)>;

fn run(
    model: &graphdoc::model::Model,
    spans: &ExampleSpans,
    defects: &Defects,
    example_fields: bool,
    (response_floor, request_floor): (f64, f64),
) {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let out_dir = tmp.join(if example_fields {
        "corpus-bindings-example-fields"
    } else {
        "corpus-bindings"
    });
    // Two package names: both crates share one target directory, and cargo must not take one
    // crate's build for the other's (same name and version hash the same).
    let opts = graphdoc::emit::Options {
        crate_name: if example_fields {
            "graph-bindings-example-fields".into()
        } else {
            "graph-bindings".into()
        },
        filter: graphdoc::plan::Filter {
            example_fields,
            ..Default::default()
        },
        // Inside this workspace: the runtime by path, built once for both crates.
        runtime: graphdoc::Config::new().runtime_for(&out_dir),
    };
    let output = graphdoc::emit::generate(model, &opts).expect("generates");
    println!(
        "generated {} types, {} endpoints, {} examples; {} skipped items, each with a diagnostic",
        output.stats.types, output.stats.endpoints, output.stats.examples, output.stats.skipped
    );
    let mut files = output.files.clone();
    if !example_fields {
        // The calls users look for first, with the types they return, compile against the
        // corpus crate (one function per operation, named by its path).
        files.insert("tests/usage.rs".into(), USAGE.into());
    }
    files
        .get_mut("Cargo.toml")
        .unwrap()
        .push_str("\n[workspace]\n");
    graphdoc::write::write_files(&out_dir, &files, true).expect("writes");

    let started = std::time::Instant::now();
    let res = cargo_test(&out_dir, &tmp);
    let stdout = format!("\n{}", String::from_utf8_lossy(&res.stdout));
    let text = format!("{stdout}{}", String::from_utf8_lossy(&res.stderr));
    println!(
        "cargo test of the corpus crate took {:.0?}",
        started.elapsed()
    );
    assert!(
        !text.contains("could not compile"),
        "the corpus bindings do not compile:\n{}",
        &text[..text.len().min(20_000)]
    );

    // One workload alone compiles too, and one area of it (features are cut along
    // reachability, nothing dangles).
    if !example_fields {
        for features in ["v1_0,beta,intune", "v1_0,beta,intune-apps", "v1_0,users"] {
            let one = Command::new(env!("CARGO"))
                .args([
                    "check",
                    "--lib",
                    "--no-default-features",
                    "--features",
                    features,
                ])
                .current_dir(&out_dir)
                .env("CARGO_TARGET_DIR", tmp.join("corpus-target"))
                .env("CARGO_INCREMENTAL", "0")
                .output()
                .expect("cargo runs");
            assert!(
                one.status.success(),
                "`{features}` alone does not compile:\n{}",
                String::from_utf8_lossy(&one.stderr)
            );
        }
        build_rs_selections_compile(model, &tmp);
    }

    let all = outcomes(&stdout);
    if !example_fields {
        let usage: Vec<&Outcome> = all
            .iter()
            .filter(|o| o.name.ends_with("::operations_are_named_by_their_paths"))
            .collect();
        assert!(
            usage.len() == 1 && usage[0].passed,
            "the usage test did not pass: {:?}",
            usage.iter().map(|o| &o.message).collect::<Vec<_>>()
        );
    }
    let mut table: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    let mut unexplained = Vec::new();
    let mut below = Vec::new();
    for kind in ["response", "request"] {
        let of_kind: Vec<&Outcome> = all
            .iter()
            .filter(|o| o.name.ends_with(&format!("_{kind}")))
            .collect();
        let passed = of_kind.iter().filter(|o| o.passed).count();
        let rate = passed as f64 / of_kind.len().max(1) as f64;
        println!(
            "{kind} examples: {} tried, {passed} passed ({:.1}%)",
            of_kind.len(),
            rate * 100.0
        );
        for o in of_kind.iter().filter(|o| !o.passed) {
            let explained = explained(o, spans, defects);
            let class = if explained {
                "docs defect (check)"
            } else {
                "generator gap"
            };
            *table.entry((kind, class, reason(&o.message))).or_default() += 1;
            if !explained {
                unexplained.push(o.summary());
            }
        }
        let floor = if kind == "response" {
            response_floor
        } else {
            request_floor
        };
        assert!(
            of_kind.len() > 1000,
            "too few {kind} examples ran: {}",
            of_kind.len()
        );
        if rate < floor {
            below.push(format!(
                "{kind} pass rate {:.1}% fell below {:.1}%",
                rate * 100.0,
                floor * 100.0
            ));
        }
    }
    println!("failures by kind, class and reason:");
    for ((kind, class, why), n) in &table {
        println!("  {kind:<8} {class:<20} {why:<28} {n:>6}");
    }
    println!("unexplained failures: {}", unexplained.len());
    for u in unexplained.iter().take(40) {
        println!("  {}", &u[..u.len().min(300)]);
    }
    // Rates are asserted once the failures are listed, so a fall shows what fails.
    assert!(below.is_empty(), "{}", below.join("; "));
    // Every failure must be a docs defect that `graphdoc check` reports on that example.
    assert!(
        unexplained.is_empty(),
        "{} failures that no check finding explains (listed above)",
        unexplained.len()
    );
}
