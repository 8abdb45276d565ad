//! Replays every input the fuzzer saved (`tests/fuzz/regressions/`), and runs a short,
//! deterministic fuzz pass of both targets: no panic on any of them.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use graphdoc::fuzz::{mutate, run_one, seeds, Rng};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

#[test]
fn saved_findings_no_longer_fail() {
    let dir = root().join("tests/fuzz/regressions");
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == "README.md") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        for target in ["read", "generate"] {
            let r = catch_unwind(AssertUnwindSafe(|| run_one(target, &bytes)));
            assert!(r.is_ok(), "{} panics on {}", target, p.display());
        }
    }
}

#[test]
fn short_fuzz_pass() {
    let pool = seeds(root());
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for i in 0..4000 {
        let base = &pool[rng.below(pool.len())];
        let input = mutate(&mut rng, base, &pool);
        let target = if i % 20 == 0 { "generate" } else { "read" };
        let r = catch_unwind(AssertUnwindSafe(|| run_one(target, &input)));
        assert!(
            r.is_ok(),
            "{target} panics on input {i}:\n{}",
            String::from_utf8_lossy(&input)
        );
    }
}
