//! A mutation fuzzer for the reader and for generation (stable Rust, no sanitizer runtime).
//!
//! ```sh
//! cargo run --release -p graphdoc --example fuzz -- --target read --seconds 600
//! cargo run --release -p graphdoc --example fuzz -- --target generate --seconds 600
//! ```
//!
//! Inputs start from `tests/fuzz/seeds/` and `docs-input/` (and `../shared/corpus` pages when
//! present); each is mutated (byte flips, markdown and JSON tokens, splices, truncation) and fed
//! to the reader (`read`) or to reading + planning + emitting (`generate`). A panic, or one input
//! taking more than 2 s, is a finding: the input is saved to `tests/fuzz/regressions/`, which a
//! test replays on every run.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use graphdoc::fuzz::{mutate, run_one, seeds, Rng};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let target = arg("--target").unwrap_or_else(|| "read".into());
    let seconds: u64 = arg("--seconds").and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = arg("--seed")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let pool = seeds(&root);
    assert!(!pool.is_empty(), "no seed inputs");
    let regressions = root.join("tests/fuzz/regressions");
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let (start, mut runs, mut findings) = (Instant::now(), 0u64, 0u64);
    let mut slowest = Duration::ZERO;
    while start.elapsed() < Duration::from_secs(seconds) {
        let base = &pool[rng.below(pool.len())];
        let input = mutate(&mut rng, base, &pool);
        let t = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| run_one(&target, &input)));
        let took = t.elapsed();
        slowest = slowest.max(took);
        runs += 1;
        if result.is_err() || took > Duration::from_secs(2) {
            findings += 1;
            std::fs::create_dir_all(&regressions).ok();
            let name = format!(
                "{target}-{runs}-{}.md",
                if result.is_err() { "panic" } else { "slow" }
            );
            std::fs::write(regressions.join(&name), &input).ok();
            eprintln!("finding: {name} ({took:?})");
        }
    }
    println!(
        "fuzz {target}: {runs} inputs in {:.0} s from {} seeds, {findings} findings, slowest input {:?}",
        start.elapsed().as_secs_f64(),
        pool.len(),
        slowest
    );
    if findings > 0 {
        std::process::exit(1);
    }
}
