//! Reading benchmark: pulldown-cmark alone vs `graphdoc model` over the same pages, both on all
//! cores. Run: `cargo bench -p graphdoc --bench read [-- DOCS_DIR]` (default `../shared/corpus/en`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;

/// Rounds of the read figures (pulldown, blocks, model).
const ROUNDS: usize = 10;

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        last = Some(v);
    }
    (best, last.expect("at least one run"))
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/corpus/en"
            ))
        });
    if !dir.is_dir() {
        println!("NOTICE: {} is absent; nothing to bench", dir.display());
        return;
    }
    let mut sink = graphdoc::diag::Sink::new("");
    let files = graphdoc::read::find_pages(&dir, &mut sink);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "pages: {} ({:.1} MB) under {}, threads: {}",
        files.len(),
        bytes as f64 / 1e6,
        dir.display(),
        rayon::current_num_threads()
    );

    // Baseline: read each file and run pulldown-cmark over it with the reader's options.
    let pulldown = || {
        files
            .par_iter()
            .map(|f| {
                let text = std::fs::read_to_string(&f.path).unwrap_or_default();
                let mut opts = Options::empty();
                opts.insert(Options::ENABLE_TABLES);
                opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
                Parser::new_ext(&text, opts).into_offset_iter().count()
            })
            .sum::<usize>()
    };
    // Stage figure: the reader's block pass alone (pulldown-cmark events → blocks).
    let block_pass = || {
        files
            .par_iter()
            .map(|f| {
                let text = std::fs::read_to_string(&f.path).unwrap_or_default();
                graphdoc::read::markdown::parse(&text).blocks.len()
            })
            .sum::<usize>()
    };
    let read = || graphdoc::read::read_files(&files, graphdoc::diag::Sink::new(""));
    // The three are timed in turns, round after round, so a slow spell of the machine hits
    // all of them alike; each figure is its best round.
    let (mut base, mut blocks, mut ours) = (Duration::MAX, Duration::MAX, Duration::MAX);
    let (mut events, mut nblocks, mut model) = (0, 0, None);
    for _ in 0..ROUNDS {
        let (t, v) = best_of(1, pulldown);
        (base, events) = (base.min(t), v);
        let (t, v) = best_of(1, block_pass);
        (blocks, nblocks) = (blocks.min(t), v);
        let (t, v) = best_of(1, read);
        ours = ours.min(t);
        model = Some(v);
    }
    let model = model.expect("at least one round");
    println!(
        "pulldown-cmark alone : {:>8.1} ms ({events} events)",
        base.as_secs_f64() * 1e3
    );
    println!(
        "  of which blocks    : {:>8.1} ms ({nblocks} blocks)",
        blocks.as_secs_f64() * 1e3
    );
    println!(
        "graphdoc model       : {:>8.1} ms ({} operations, {} types, {} diagnostics)",
        ours.as_secs_f64() * 1e3,
        model.operations.len(),
        model.types.len(),
        model.diagnostics.len()
    );
    println!(
        "ratio model/parse    : {:>8.2}x",
        ours.as_secs_f64() / base.as_secs_f64()
    );

    // Generation: read + plan + emit + format, all in memory (writing is measured by the CLI).
    let opts = graphdoc::emit::Options::default();
    let (plan_t, _) = best_of(5, || graphdoc::plan::plan(&model, &opts.filter));
    let generate = || {
        let m = graphdoc::read::read_files(&files, graphdoc::diag::Sink::new(""));
        graphdoc::emit::generate(&m, &opts).expect("generates")
    };
    let (gen, out) = best_of(5, generate);
    let bytes: usize = out.files.values().map(String::len).sum();
    println!(
        "  of which plan      : {:>8.1} ms",
        plan_t.as_secs_f64() * 1e3
    );
    let (trees_t, pp_cpu) = emit_stages(&model, &opts);
    let pp_wall = pp_cpu / rayon::current_num_threads() as u32;
    println!(
        "  emit stages        : {:>8.1} ms syntax trees (quote! and syn, docs as trees), prettyplease {:.1} ms CPU (~{:.1} ms on {} threads)",
        trees_t.as_secs_f64() * 1e3,
        pp_cpu.as_secs_f64() * 1e3,
        pp_wall.as_secs_f64() * 1e3,
        rayon::current_num_threads()
    );
    println!(
        "graphdoc generate    : {:>8.1} ms ({} types, {} endpoints, {:.1} MB of Rust)",
        gen.as_secs_f64() * 1e3,
        out.stats.types,
        out.stats.endpoints,
        bytes as f64 / 1e6
    );
    println!(
        "ratio generate/parse : {:>8.2}x",
        gen.as_secs_f64() / base.as_secs_f64()
    );
    // What no emitter that formats every byte with prettyplease can go below: the model plus
    // prettyplease alone over the output's syntax trees (no plan, no quote!, no syn parse).
    let floor = ours + pp_wall;
    println!(
        "  floor (model + pp) : {:>8.1} ms = {:.2}x parse",
        floor.as_secs_f64() * 1e3,
        floor.as_secs_f64() / base.as_secs_f64()
    );
    // Scaling with cores: the same generation on one thread.
    if rayon::current_num_threads() > 1 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a one-thread pool");
        let (one, _) = pool.install(|| best_of(2, generate));
        println!(
            "generate on 1 thread : {:>8.1} ms = {:.2}x the time on {} threads",
            one.as_secs_f64() * 1e3,
            one.as_secs_f64() / gen.as_secs_f64(),
            rayon::current_num_threads()
        );
    }
    if let Some(mb) = peak_rss_mb() {
        println!("peak memory          : {mb:>8.1} MB");
    }
}

/// Emission's stages over the big files' parts, in chunks on all cores as `generate` renders
/// them: the wall time to build the syntax trees (quote!, syn, doc trees), and prettyplease's
/// time over those trees, timed inside each task and summed (CPU time, so a noisy core cannot
/// make it vanish in a difference of two wall times).
fn emit_stages(model: &graphdoc::Model, opts: &graphdoc::emit::Options) -> (Duration, Duration) {
    use graphdoc::emit::{endpoints, example_tests, types};
    use graphdoc::plan::{self, features::Gate};
    let plan = plan::plan(model, &opts.filter);
    let gate = Gate { on: true };
    let mut files = Vec::new();
    for vp in &plan.versions {
        files.push(types::types_parts(&vp.types, gate));
        for (_, eps) in endpoints::module_tree(&vp.endpoints) {
            files.push(endpoints::module_parts(&eps, vp.version, gate));
        }
        files.push(example_tests::example_test_parts(vp, "v", "c"));
    }
    let parts: Vec<_> = files.iter().flat_map(|f| f.items.iter()).collect();
    let items = |c: &[&graphdoc::emit::Part<'_>]| -> Vec<syn::Item> {
        c.iter().flat_map(|p| p().unwrap_or_default()).collect()
    };
    let (trees, _) = best_of(3, || {
        parts.par_chunks(48).map(|c| items(c).len()).sum::<usize>()
    });
    let pp = (0..3)
        .map(|_| {
            parts
                .par_chunks(48)
                .map(|c| {
                    let items = items(c);
                    let t = Instant::now();
                    std::hint::black_box(graphdoc::emit::format_items(items));
                    t.elapsed()
                })
                .sum::<Duration>()
        })
        .min()
        .expect("three runs");
    (trees, pp)
}

// Same allocator as the CLI, for both measurements.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
