//! Diagnostics: what graphdoc could not fully understand, with file and line.

use serde::Serialize;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational: nothing is lost.
    Note,
    /// Something was skipped or guessed.
    Warning,
    /// The page contradicts itself or cannot be used.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding about one place in the docs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    /// Page path relative to its docs root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// Severity.
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `invalid-example-json`.
    pub code: &'static str,
    /// One-line human message.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A finding about no file (a docs root, the run) has no location; one about a whole
        // file (line 0) names the file alone.
        match (self.file.as_str(), self.line) {
            ("", _) => {}
            (file, 0) => write!(f, "{file}: ")?,
            (file, line) => write!(f, "{file}:{line}: ")?,
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

/// Collects diagnostics for one page.
#[derive(Debug, Default)]
pub struct Sink {
    file: String,
    /// Collected diagnostics.
    pub items: Vec<Diagnostic>,
}

impl Sink {
    /// A sink for `file` (path relative to the docs root).
    pub fn new(file: impl Into<String>) -> Self {
        Sink {
            file: file.into(),
            items: Vec::new(),
        }
    }

    /// The file this sink reports on.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Records a finding.
    pub fn push(
        &mut self,
        line: usize,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            file: self.file.clone(),
            line,
            severity,
            code,
            message: message.into(),
        });
    }

    /// Records a warning.
    pub fn warn(&mut self, line: usize, code: &'static str, message: impl Into<String>) {
        self.push(line, Severity::Warning, code, message);
    }

    /// Records a note.
    pub fn note(&mut self, line: usize, code: &'static str, message: impl Into<String>) {
        self.push(line, Severity::Note, code, message);
    }

    /// Records an error.
    pub fn error(&mut self, line: usize, code: &'static str, message: impl Into<String>) {
        self.push(line, Severity::Error, code, message);
    }
}
