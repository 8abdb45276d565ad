//! Rendering findings for people (rustc-style, with the source line) and for CI (JSON), and the
//! summary table of finding codes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diag::{Diagnostic, Severity};

/// Renders one finding like rustc: header, location, the source line, and a help line.
/// `roots` are the docs directories, to find the page text.
pub fn human(d: &Diagnostic, roots: &[PathBuf], color: bool) -> String {
    let (c, bold, reset) = if color {
        let c = match d.severity {
            Severity::Error => "\x1b[1;31m",
            Severity::Warning => "\x1b[1;33m",
            Severity::Note => "\x1b[1;36m",
        };
        (c, "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{c}{}[{}]{reset}{bold}: {}{reset}",
        d.severity, d.code, d.message
    );
    match (d.file.as_str(), d.line) {
        ("", _) => {}
        (file, 0) => {
            let _ = writeln!(s, "  --> {file}");
        }
        (file, line) => {
            let _ = writeln!(s, "  --> {file}:{line}");
        }
    }
    let source = roots
        .iter()
        .find_map(|r| std::fs::read_to_string(r.join(&d.file)).ok());
    if let Some(line) = source
        .as_deref()
        .and_then(|t| t.lines().nth(d.line.saturating_sub(1)))
        .filter(|_| d.line > 0)
    {
        let n = d.line.to_string();
        let pad = " ".repeat(n.len());
        let shown: String = line.chars().take(160).collect();
        let _ = writeln!(s, "{pad} |");
        let _ = writeln!(s, "{n} | {shown}");
        let width = shown.trim_end().chars().count();
        let lead = shown.chars().take_while(|c| c.is_whitespace()).count();
        let _ = writeln!(
            s,
            "{pad} | {}{c}{}{reset}",
            " ".repeat(lead),
            "^".repeat(width.saturating_sub(lead).max(1))
        );
    }
    let _ = writeln!(s, "   = help: {}", d.code.hint());
    s
}

/// Findings as JSON for CI: an array of `{file, line, severity, code, message, hint}`.
pub fn json(findings: &[Diagnostic]) -> String {
    let items: Vec<serde_json::Value> = findings
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file, "line": d.line, "severity": d.severity, "code": d.code,
                "message": d.message, "hint": d.code.hint(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

/// A table of finding codes × counts by severity.
pub fn summary(findings: &[Diagnostic]) -> String {
    let mut counts: BTreeMap<(crate::diag::Code, Severity), usize> = BTreeMap::new();
    for d in findings {
        *counts.entry((d.code, d.severity)).or_default() += 1;
    }
    let width = counts
        .keys()
        .map(|(c, _)| c.as_str().len())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut s = format!("{:<width$}  {:>8}  {:>7}\n", "code", "severity", "count");
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| {
        b.0 .1
            .cmp(&a.0 .1)
            .then(b.1.cmp(&a.1))
            .then(a.0 .0.cmp(&b.0 .0))
    });
    for ((code, sev), n) in rows {
        let _ = writeln!(s, "{code:<width$}  {:>8}  {n:>7}", sev.to_string());
    }
    let by = |sev| findings.iter().filter(|d| d.severity == sev).count();
    let _ = writeln!(
        s,
        "{} errors, {} warnings, {} notes",
        by(Severity::Error),
        by(Severity::Warning),
        by(Severity::Note)
    );
    s
}
