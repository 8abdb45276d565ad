//! Reading docs trees into the [`Model`]: find pages, read each in parallel, then link and sort.

pub mod frontmatter;
pub mod http;
pub mod markdown;
pub mod page;
pub mod permissions;
pub mod typeref;
pub mod vocab;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Code, Sink};
use crate::model::{Model, Operation};
use page::{read_page, Includes, PageOutput};

/// A page found under a docs root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageFile {
    /// Path relative to the root, `/`-separated (the model's `source`).
    pub rel: String,
    /// Absolute or caller-relative path to read.
    pub path: PathBuf,
    /// The docs root this page was found under.
    pub root: PathBuf,
}

/// Directories that hold include fragments and snippets, not pages.
const NOT_PAGES: &[&str] = &["includes", "snippets", ".git", "node_modules"];

/// Finds every `.md` page under `root`, sorted by relative path. Symlinked directories are not
/// followed (a symlink loop cannot hang us); problems become diagnostics.
pub fn find_pages(root: &Path, sink: &mut Sink) -> Vec<PageFile> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                sink.report(
                    0,
                    Code::UnreadableDir,
                    format!("cannot read `{}`: {e}", dir.display()),
                );
                continue;
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_symlink() {
                match std::fs::metadata(entry.path()) {
                    Ok(m) if m.is_file() && name.ends_with(".md") => {}
                    Ok(m) if m.is_dir() => {
                        sink.items.push(crate::diag::Diagnostic::new(
                            rel.clone(),
                            0,
                            crate::diag::Code::SymlinkSkipped,
                            "symlinked directory is not followed (a loop would never end)",
                        ));
                        continue;
                    }
                    _ => continue,
                }
            } else if ft.is_dir() {
                if !NOT_PAGES.contains(&name.as_str()) {
                    stack.push((entry.path(), rel));
                }
                continue;
            }
            if name.ends_with(".md") {
                out.push(PageFile {
                    rel,
                    path: entry.path(),
                    root: root.to_path_buf(),
                });
            }
        }
    }
    out.sort();
    out
}

/// Loads `[!INCLUDE]` targets from disk, confined to the page's docs root.
struct FsIncludes<'a> {
    root: &'a Path,
}

impl Includes for FsIncludes<'_> {
    fn load(&self, page: &str, target: &str) -> Result<(String, String), String> {
        let rel = page::resolve_rel(page, target)
            .ok_or_else(|| "points outside the docs root".to_string())?;
        let path = self.root.join(&rel);
        match std::fs::read(&path) {
            Ok(bytes) => Ok((String::from_utf8_lossy(&bytes).into_owned(), rel)),
            Err(e) => Err(format!("cannot read `{rel}`: {e}")),
        }
    }
}

/// Reads one page file: never panics; unreadable files become diagnostics.
pub fn read_file(file: &PageFile) -> (PageOutput, Sink) {
    thread_local! {
        // One read buffer per worker: pages are read one after another, and nothing of the
        // page text outlives `read_page` (the model owns what it keeps).
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut sink = Sink::new(file.rel.clone());
    BUF.with_borrow_mut(|whole| {
        let len = match std::fs::File::open(&file.path).and_then(|mut f| fill(&mut f, whole)) {
            Ok(len) => len,
            Err(e) => {
                sink.report(0, Code::UnreadableFile, format!("cannot read: {e}"));
                return (PageOutput::default(), sink);
            }
        };
        let buf = &whole[..len];
        let includes = FsIncludes { root: &file.root };
        let out = match std::str::from_utf8(buf) {
            Ok(text) => read_page(&file.rel, text, &includes, &mut sink),
            Err(_) => {
                sink.report(
                    0,
                    Code::NotUtf8,
                    "page is not valid UTF-8; invalid bytes replaced",
                );
                let text = String::from_utf8_lossy(buf).into_owned();
                read_page(&file.rel, &text, &includes, &mut sink)
            }
        };
        (out, sink)
    })
}

/// Reads `f` to its end into `buf` (kept initialized and grown as needed, never shrunk);
/// returns the length read. Unlike `read_to_end` it asks the file system for no size: most
/// pages fit the buffer a worker already has, so a page costs two reads.
fn fill(f: &mut impl std::io::Read, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut len = 0;
    loop {
        if len == buf.len() {
            buf.resize((buf.len() * 2).max(64 * 1024), 0);
        }
        match f.read(&mut buf[len..]) {
            Ok(0) => return Ok(len),
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Why a set of docs directories cannot be read at all (as opposed to a page that cannot be
/// read, which is a diagnostic): the verbs stop on these before they write anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocsError {
    /// No docs directory was given.
    NoRoots,
    /// The path does not exist.
    NotFound(PathBuf),
    /// The path exists but is not a directory.
    NotADirectory(PathBuf),
    /// The directory holds no `.md` page (outside `includes/` and `snippets/`).
    NoPages(PathBuf),
}

impl std::fmt::Display for DocsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocsError::NoRoots => f.write_str("no docs directory given"),
            DocsError::NotFound(p) => write!(f, "docs directory `{}` does not exist", p.display()),
            DocsError::NotADirectory(p) => {
                write!(f, "docs path `{}` is not a directory", p.display())
            }
            DocsError::NoPages(p) => write!(
                f,
                "docs directory `{}` holds no `.md` pages (includes/ and snippets/ are not pages)",
                p.display()
            ),
        }
    }
}

impl std::error::Error for DocsError {}

/// Finds the pages of every root, failing when a root is missing, not a directory, or holds
/// no page: a mistyped path must never read as "the API is empty".
pub fn find_all_pages(roots: &[PathBuf], sink: &mut Sink) -> Result<Vec<PageFile>, DocsError> {
    if roots.is_empty() {
        return Err(DocsError::NoRoots);
    }
    let mut files = Vec::new();
    for root in roots {
        match std::fs::metadata(root) {
            Err(_) => return Err(DocsError::NotFound(root.clone())),
            Ok(m) if !m.is_dir() => return Err(DocsError::NotADirectory(root.clone())),
            Ok(_) => {}
        }
        let pages = find_pages(root, sink);
        if pages.is_empty() {
            return Err(DocsError::NoPages(root.clone()));
        }
        files.extend(pages);
    }
    Ok(files)
}

/// [`read_docs_with_progress`] for the verbs: fails on roots that cannot be docs
/// ([`find_all_pages`]) instead of reading them as an empty API.
pub fn read_roots(
    roots: &[PathBuf],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Model, DocsError> {
    let mut sink = Sink::new("");
    let files = find_all_pages(roots, &mut sink)?;
    Ok(read_files_with_progress(&files, sink, progress))
}

/// Reads every page under the given roots into one model. Output does not depend on thread
/// count or directory order.
pub fn read_docs(roots: &[PathBuf]) -> Model {
    read_docs_with_progress(roots, &|_, _| {})
}

/// [`read_docs`], calling `progress(done, total)` as pages are read (from any thread).
pub fn read_docs_with_progress(
    roots: &[PathBuf],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Model {
    let mut sink = Sink::new("");
    let mut files = Vec::new();
    for root in roots {
        if !root.is_dir() {
            sink.report(
                0,
                Code::NoDocsDir,
                format!("`{}` is not a directory", root.display()),
            );
            continue;
        }
        files.extend(find_pages(root, &mut sink));
    }
    read_files_with_progress(&files, sink, progress)
}

/// Reads the given page files into one model.
pub fn read_files(files: &[PageFile], sink: Sink) -> Model {
    read_files_with_progress(files, sink, &|_, _| {})
}

/// [`read_files`] with a progress callback.
pub fn read_files_with_progress(
    files: &[PageFile],
    mut sink: Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Model {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let outputs: Vec<(PageOutput, Sink)> = files
        .par_iter()
        .map(|f| {
            let out = read_file(f);
            progress(
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
                files.len(),
            );
            out
        })
        .collect();
    let mut model = Model::default();
    model.pages.total = files.len();
    let ops = outputs
        .iter()
        .filter(|(o, _)| o.operation.is_some())
        .count();
    model.operations.reserve(ops);
    let types = outputs.iter().map(|(o, _)| o.types.len()).sum();
    model.types.reserve(types);
    let mut diagnostics = Vec::with_capacity(outputs.iter().map(|(_, s)| s.items.len()).sum());
    for (out, page_sink) in outputs {
        match out.doc_type.as_deref() {
            Some("apiPageType") => model.pages.api += 1,
            Some("resourcePageType") => model.pages.resource += 1,
            Some("enumPageType") => model.pages.enumeration += 1,
            _ => model.pages.other += 1,
        }
        model.operations.extend(out.operation);
        model.types.extend(out.types);
        diagnostics.extend(page_sink.items);
    }
    rayon::join(
        || diagnostics.par_sort(),
        || {
            // Pages in file order, so merging never depends on thread scheduling.
            link(&mut model, &mut sink);
            merge_duplicate_types(&mut model, &mut sink);
            bases_from_prose(&mut model, &mut sink);
            // Stable parallel sorts: the same order as a sequential sort.
            let (ops, types) = (&mut model.operations, &mut model.types);
            rayon::join(
                || {
                    ops.par_sort_by(|a, b| {
                        (a.version, &a.name, &a.source).cmp(&(b.version, &b.name, &b.source))
                    })
                },
                || {
                    types.par_sort_by(|a, b| {
                        (a.version, &a.name, &a.source).cmp(&(b.version, &b.name, &b.source))
                    })
                },
            );
        },
    );
    // A sorted run plus the few diagnostics of linking and merging: the sort sees the run.
    diagnostics.append(&mut sink.items);
    diagnostics.sort();
    diagnostics.dedup();
    model.diagnostics = diagnostics;
    model
}

/// Merges pages of one locale that define the same type (the docs have Intune pages that
/// document a few `user` properties beside `user.md`): the page named after the type, else the
/// one with most properties, is the primary; the others add the properties it lacks.
fn merge_duplicate_types(model: &mut Model, sink: &mut Sink) {
    // Hashed grouping (a tree keyed by strings chases a pointer per comparison); the few
    // duplicate groups are then sorted so merging runs in one order whatever the hashing.
    let mut groups: HashMap<(crate::model::ApiVersion, String, &str), Vec<usize>> =
        HashMap::with_capacity(model.types.len());
    for (i, t) in model.types.iter().enumerate() {
        groups
            .entry((t.version, t.name.to_ascii_lowercase(), t.locale.as_str()))
            .or_default()
            .push(i);
    }
    let mut dups: Vec<((crate::model::ApiVersion, String), Vec<usize>)> = groups
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|((v, n, _), idx)| ((v, n), idx))
        .collect();
    dups.sort_by(|a, b| (&a.0, a.1.first()).cmp(&(&b.0, b.1.first())));
    let mut drop = vec![false; model.types.len()];
    for ((_, name), mut idx) in dups {
        let named = |i: &usize| {
            let stem = page::page_name(&model.types[*i].source).to_ascii_lowercase();
            stem != name && !stem.ends_with(&format!("-{name}"))
        };
        idx.sort_by_key(|&i| {
            (
                named(&i),
                std::cmp::Reverse(model.types[i].properties.len()),
                model.types[i].source.clone(),
            )
        });
        let (first, rest) = (idx[0], &idx[1..]);
        for &j in rest {
            let other = model.types[j].clone();
            let primary = &mut model.types[first];
            for p in other.properties {
                if !primary.properties.iter().any(|q| q.name == p.name) {
                    primary.properties.push(p);
                }
            }
            for r in other.relationships {
                if !primary.relationships.iter().any(|q| q.name == r.name) {
                    primary.relationships.push(r);
                }
            }
            for m in other.members {
                if !primary.members.iter().any(|q| q.name == m.name) {
                    primary.members.push(m);
                }
            }
            if primary.base.is_none() {
                primary.base = other.base;
            }
            drop[j] = true;
            let primary_source = primary.source.clone();
            sink.items.push(crate::diag::Diagnostic::new(
                other.source,
                other.line,
                crate::diag::Code::MergedType,
                format!(
                    "`{}` is also defined by `{primary_source}`; the properties are merged there",
                    other.name
                ),
            ));
        }
    }
    let mut i = 0;
    model.types.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// Gives the types a base page names as derived from it ("the derived types are …") that
/// base, where their own pages name none; a note says so. Spells dictionary value types as
/// their types are spelled.
fn bases_from_prose(model: &mut Model, sink: &mut Sink) {
    // Most docs sets name a handful of these: no index to build for none.
    if !model
        .types
        .iter()
        .any(|t| !t.derived.is_empty() || t.values.is_some())
    {
        return;
    }
    let mut index: HashMap<(crate::model::ApiVersion, String), Vec<usize>> = HashMap::new();
    for (i, t) in model.types.iter().enumerate() {
        index
            .entry((t.version, t.name.to_ascii_lowercase()))
            .or_default()
            .push(i);
    }
    let named: Vec<(crate::model::ApiVersion, String, String)> = model
        .types
        .iter()
        .flat_map(|t| {
            t.derived
                .iter()
                .map(|d| (t.version, t.name.clone(), d.clone()))
        })
        .collect();
    // Dictionary value types named by a linked page's stem take the type's spelling.
    for i in 0..model.types.len() {
        let t = &model.types[i];
        let Some(values) = t.values.as_deref() else {
            continue;
        };
        if let Some(v) = index.get(&(t.version, values.to_ascii_lowercase())) {
            model.types[i].values = Some(model.types[v[0]].name.clone());
        }
    }
    for (version, base, derived) in named {
        // Never a cycle: skip a "derived" type the base already derives from.
        let cycle = base.eq_ignore_ascii_case(&derived)
            || index
                .get(&(version, base.to_ascii_lowercase()))
                .and_then(|v| v.first())
                .is_some_and(|&b| {
                    model
                        .ancestors(&model.types[b])
                        .iter()
                        .any(|a| a.name.eq_ignore_ascii_case(&derived))
                });
        if cycle {
            continue;
        }
        for &i in index
            .get(&(version, derived.to_ascii_lowercase()))
            .map_or(&[][..], Vec::as_slice)
        {
            let t = &mut model.types[i];
            if t.base.is_some() || t.kind == crate::model::TypeKind::Enum {
                continue;
            }
            t.base = Some(base.clone());
            sink.items.push(crate::diag::Diagnostic::new(
                t.source.clone(),
                t.line,
                crate::diag::Code::BaseFromProse,
                format!(
                    "`{}` derives from `{base}` as `{base}`'s page says; its own page names no base",
                    t.name
                ),
            ));
        }
    }
}

/// Resolves response type links to the type their target page defines, and reports links
/// that lead nowhere.
fn link(model: &mut Model, sink: &mut Sink) {
    // A resource page's first type is the resource; enums embedded in it come after.
    // Hashed: one probe per operation instead of a dozen string comparisons in cold memory.
    let mut by_source: HashMap<&str, usize> = HashMap::with_capacity(model.types.len());
    for (i, t) in model.types.iter().enumerate() {
        by_source.entry(t.source.as_str()).or_insert(i);
    }
    let resource = |link: &str| by_source.get(link).map(|&i| &model.types[i]);
    // Case-only misspellings of a page (`ediscovery-tagOperation.md`): Linux hosts them nowhere,
    // but a reader finds the page, and so do we, with a note.
    let by_lower: HashMap<String, usize> = by_source
        .iter()
        .map(|(k, &i)| (k.to_ascii_lowercase(), i))
        .collect();
    // Only dangling links need the names, and they are few: built on first use.
    let names = std::cell::OnceCell::new();
    let known = |version, name: &str| {
        let names: &std::collections::BTreeSet<(crate::model::ApiVersion, String)> = names
            .get_or_init(|| {
                model
                    .types
                    .iter()
                    .map(|t| (t.version, t.name.to_ascii_lowercase()))
                    .collect()
            });
        names.contains(&(version, name.to_ascii_lowercase()))
    };
    let mut fixes: Vec<(usize, String)> = Vec::new();
    let mut untyped: Vec<usize> = Vec::new();
    for (i, op) in model.operations.iter().enumerate() {
        let Some(link) = op.response.link.as_deref() else {
            continue;
        };
        if let Some(t) = resource(link) {
            if op.response.type_name.as_deref() != Some(t.name.as_str()) {
                fixes.push((i, t.name.clone()));
            }
        } else if let Some(&j) = by_lower.get(&link.to_ascii_lowercase()) {
            let t = &model.types[j];
            sink.items.push(crate::diag::Diagnostic::new(
                op.source.clone(),
                op.line,
                crate::diag::Code::LinkCaseMismatch,
                format!(
                    "response type link `{link}` differs only in case from `{}`; it is read as `{}`",
                    t.source, t.name
                ),
            ));
            fixes.push((i, t.name.clone()));
        } else if !model.types.is_empty() {
            let known = op
                .response
                .type_name
                .as_ref()
                .is_some_and(|n| known(op.version, n));
            if !known && link.contains("/api/") {
                // A link to an API page ("see the operation's page") is not a type link: the
                // response names no type (and the page no missing one).
                untyped.push(i);
            } else if !known {
                push_dangling(sink, op, link);
            }
        }
    }
    for (i, name) in fixes {
        model.operations[i].response.type_name = Some(name);
    }
    for i in untyped {
        let r = &mut model.operations[i].response;
        r.type_name = None;
        r.collection = false;
        r.link = None;
    }
    // A response type named in prose without a link stays only where a page defines it.
    let unverified: Vec<usize> = model
        .operations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.response.unlinked)
        .filter(|(_, o)| {
            o.response
                .type_name
                .as_deref()
                .is_some_and(|n| !n.starts_with("Edm.") && !known(o.version, n))
        })
        .map(|(i, _)| i)
        .collect();
    for i in unverified {
        model.operations[i].response.type_name = None;
        model.operations[i].response.collection = false;
    }
    // Property types written as links whose text names no type are the type their page
    // defines (`formatProtection` for `workbookFormatProtection`, `支持` for `enablement`).
    let target = |link: &str| {
        by_source
            .get(link)
            .or_else(|| by_lower.get(&link.to_ascii_lowercase()))
            .map(|&i| model.types[i].name.clone())
    };
    let mut prop_fixes: Vec<(usize, bool, usize, String)> = Vec::new();
    for (ti, t) in model.types.iter().enumerate() {
        for (rel, list) in [(false, &t.properties), (true, &t.relationships)] {
            for (pi, p) in list.iter().enumerate() {
                // Primitives stay, and so does a link text that names a type of its own (the
                // page and the link disagree: `check` reads it as written).
                // A qualified text (`NAV.PostalAddress`) names a type of another model.
                if p.type_name.starts_with("Edm.")
                    || p.type_name.contains('.')
                    || known(t.version, &p.type_name)
                {
                    continue;
                }
                let Some(name) = p.link.as_deref().and_then(target) else {
                    continue;
                };
                if !name.eq_ignore_ascii_case(&p.type_name) {
                    prop_fixes.push((ti, rel, pi, name));
                }
            }
        }
    }
    for (ti, rel, pi, name) in prop_fixes {
        let t = &mut model.types[ti];
        let list = if rel {
            &mut t.relationships
        } else {
            &mut t.properties
        };
        list[pi].type_name = name;
    }
}

fn push_dangling(sink: &mut Sink, op: &Operation, link: &str) {
    sink.items.push(crate::diag::Diagnostic::new(
        op.source.clone(),
        op.line,
        crate::diag::Code::UnresolvableTypeLink,
        format!("response type link `{link}` is not a resource page in the docs set"),
    ));
}

/// Reads pages written by a test: each `(path under the docs root, text)` goes into a fresh
/// temporary docs root (named after `tag`), removed after reading.
#[cfg(test)]
pub(crate) fn read_test_pages(tag: &str, pages: &[(&str, &str)]) -> Model {
    let dir = std::env::temp_dir().join(format!("graphdoc-{tag}-{}", std::process::id()));
    for (path, text) in pages {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("a page path has a directory")).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let model = read_docs(std::slice::from_ref(&dir));
    std::fs::remove_dir_all(&dir).ok();
    model
}

#[cfg(test)]
mod tests {
    /// A reader that hands out at most 1000 bytes a call.
    struct Trickle<'a>(&'a [u8]);

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = out.len().min(self.0.len()).min(1000);
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// A response that links an API page names no type and is no dangling type link; one that
    /// links a missing resource page is; one whose file name differs only in case resolves.
    #[test]
    fn response_links_to_api_pages_are_not_type_links() {
        let page = |target: &str| {
            format!("---\ntitle: Copy\ndoc_type: apiPageType\n---\n# Copy\n\n## HTTP request\n```http\nPOST /gizmos/{{id}}/copy\n```\n\n## Response\nIf successful, this method returns a `202 Accepted` response code and a [copyOperation]({target}) object.\n")
        };
        let (copy, moved, get) = (
            page("gizmo-operation-get.md"),
            page("../resources/copyoperation.md"),
            page("../resources/Gizmo.md"),
        );
        let model = super::read_test_pages(
            "links",
            &[
                ("v1.0/resources/gizmo.md", "---\ntitle: gizmo resource type\ndoc_type: resourcePageType\n---\n# gizmo resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|x|\n"),
                ("v1.0/api/gizmo-copy.md", &copy),
                ("v1.0/api/gizmo-move.md", &moved),
                ("v1.0/api/gizmo-get.md", &get),
            ],
        );
        let op = |n: &str| model.operations.iter().find(|o| o.name == n).unwrap();
        assert_eq!(op("gizmo-copy").response.type_name, None);
        assert_eq!(op("gizmo-get").response.type_name.as_deref(), Some("gizmo"));
        let codes: Vec<(&str, crate::diag::Code)> = model
            .diagnostics
            .iter()
            .filter(|d| d.file.starts_with("v1.0/api"))
            .filter(|d| d.code.as_str().contains("link"))
            .map(|d| (d.file.as_str(), d.code))
            .collect();
        assert_eq!(
            codes,
            [
                ("v1.0/api/gizmo-get.md", crate::diag::Code::LinkCaseMismatch),
                (
                    "v1.0/api/gizmo-move.md",
                    crate::diag::Code::UnresolvableTypeLink
                ),
            ]
        );
    }

    #[test]
    fn fill_reads_whole_files_into_a_reused_buffer() {
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut buf = Vec::new();
        let n = super::fill(&mut Trickle(&big), &mut buf).unwrap();
        assert_eq!(&buf[..n], &big[..]);
        // A shorter file next: only its bytes count, whatever the buffer held before.
        let n = super::fill(&mut Trickle(b"short page"), &mut buf).unwrap();
        assert_eq!(&buf[..n], b"short page");
        let n = super::fill(&mut Trickle(b""), &mut buf).unwrap();
        assert_eq!(n, 0);
    }
}
