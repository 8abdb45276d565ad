//! Fuzzing support (used by `examples/fuzz.rs` and the regression tests): a deterministic
//! mutator over real pages and the two targets, the reader and generation.

use std::path::Path;

use crate::diag::Sink;
use crate::read::page::{read_page, Includes};

/// Includes for fuzzing: even-length targets resolve to a permissions table, odd ones fail.
pub struct FuzzIncludes;

impl Includes for FuzzIncludes {
    fn load(&self, _: &str, target: &str) -> Result<(String, String), String> {
        // An include of any page resolves to a permissions table, so include handling is fuzzed too.
        if target.len() % 2 == 0 {
            Ok((
                "|Permission type|Permissions|\n|:--|:--|\n|Application|A.B|\n".into(),
                "inc.md".into(),
            ))
        } else {
            Err("missing".into())
        }
    }
}

/// xorshift64*: deterministic per seed, so a run can be replayed.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

const TOKENS: &[&str] = &[
    "|",
    "\n|",
    "|:---|",
    "```",
    "```http\n",
    "```json\n",
    "\n```\n",
    "<!--",
    "-->",
    "<!-- { \"blockType\": \"response\" } -->\n",
    "<!-- { \"blockType\": \"request\", \"name\": \"x\" } -->\n",
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\n## ",
    "\n# ",
    "\n### ",
    "[!INCLUDE [permissions-table](",
    ")]",
    "](",
    "{id}",
    "{id | name}",
    "/",
    ":/",
    "HTTP/1.1 200 OK\n",
    "GET /",
    "POST https://graph.microsoft.com/beta/",
    "\n---\n",
    "doc_type: apiPageType\n",
    "doc_type: resourcePageType\n",
    "<a name=\"x\"></a>",
    "\u{0}",
    "\u{feff}",
    "委派（工作或学校帐户）",
    "Delegated (work or school account)",
    "Not supported.",
    "\\",
    "*",
    "`",
    "\n\n",
    "    ",
    "\t",
    "Edm.String",
    "collection",
    "Inherits from [x](x.md)",
    "@odata.type",
];

/// One mutated input from `input` (tokens, flips, deletions, splices from `pool`, repeats).
pub fn mutate(rng: &mut Rng, input: &[u8], pool: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                out.splice(at..at, t.iter().copied());
            }
            3 if !out.is_empty() => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            4 => {
                let other = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let s = rng.below(other.len());
                    let e = (s + rng.below(400)).min(other.len());
                    out.splice(at..at, other[s..e].iter().copied());
                }
            }
            5 => {
                // Repeat a chunk: deep nesting and long lines.
                let s = rng.below(out.len().max(1));
                let e = (s + 1 + rng.below(8)).min(out.len());
                let chunk: Vec<u8> = out.get(s..e).unwrap_or(b"[").to_vec();
                for _ in 0..rng.below(200) {
                    out.splice(at..at, chunk.iter().copied());
                }
            }
            _ => out.truncate(at),
        }
    }
    out.truncate(1 << 20);
    out
}

/// Seed inputs: `tests/fuzz/seeds`, `docs-input`, `tests/pages`, and the zh-CN corpus sample when present.
pub fn seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut dirs = vec![
        root.join("tests/fuzz/seeds"),
        root.join("docs-input"),
        root.join("tests/pages"),
    ];
    let corpus = root.join("../shared/corpus/zh-sample");
    if corpus.is_dir() {
        dirs.push(corpus);
    }
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if let Ok(b) = std::fs::read(&p) {
                out.push(b);
            }
        }
    }
    out.sort();
    out
}

/// Feeds one input to the reader (`read`) or to reading, planning, emitting and checking (`generate`).
pub fn run_one(target: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut sink = Sink::new("fuzz/v1.0/api/page.md");
    let page = read_page("fuzz/v1.0/api/page.md", &text, &FuzzIncludes, &mut sink);
    if target == "generate" {
        let mut model = crate::Model::default();
        model.operations.extend(page.operation);
        model.types.extend(page.types);
        let opts = crate::emit::Options::default();
        let out = crate::emit::generate(&model, &opts).expect("generated code parses");
        std::hint::black_box(out);
        let _ = crate::check::check(&model, &|_| Some(text.to_string()));
    }
}
