//! One page → model items. Sections are found by `<a name>` anchor, else English heading, else
//! translated heading; tables and code blocks are also recognized by shape, so a page whose
//! headings we cannot read still gives its permissions, requests and examples.

use super::frontmatter::FrontMatter;
use super::http;
use super::markdown::{self, Annotation, Block, Cell, Link, Row};
use super::permissions;
use super::typeref::{bare_name, link_stem, read_type};
use super::vocab::{self, SectionKind};
use crate::diag::{Code, Severity, Sink};
use crate::model::*;

/// What reading one page produced.
#[derive(Debug, Default)]
pub struct PageOutput {
    /// The operation, for API pages.
    pub operation: Option<Operation>,
    /// Types, for resource and enum pages (a resource page may also define enums).
    pub types: Vec<TypeDef>,
    /// `doc_type` as normalized.
    pub doc_type: Option<String>,
}

/// Loads include files for a page: given a link target relative to the page, returns the text.
pub trait Includes {
    /// Returns the included file's text and its path relative to the docs root, or an error message.
    fn load(&self, page: &str, target: &str) -> Result<(String, String), String>;
}

/// Everything known about the page being read.
struct Ctx<'a> {
    rel: &'a str,
    /// The page's sub-namespace (`callRecords`), from its `Namespace:` line.
    ns: Option<String>,
    fm: FrontMatter<'a>,
    blocks: Vec<Block<'a>>,
    /// Section kind of each block (None before the first `##`, or for unknown sections).
    kinds: Vec<Option<SectionKind>>,
}

/// Reads one page. `rel` is the page path relative to its docs root (with `/`).
pub fn read_page(rel: &str, text: &str, includes: &dyn Includes, sink: &mut Sink) -> PageOutput {
    let text = markdown::mend_table_delimiters(text);
    let parsed = markdown::parse(&text);
    let fm = parsed
        .front_matter
        .as_ref()
        .map(|(t, _)| FrontMatter::parse(t))
        .unwrap_or_default();
    if parsed.front_matter.is_none() {
        sink.report(
            1,
            Code::NoFrontMatter,
            "page has no front matter; doc type guessed from content",
        );
    }
    let kinds = classify_sections(&parsed.blocks, sink);
    let ctx = Ctx {
        rel,
        ns: page_namespace(&parsed.blocks),
        fm,
        blocks: parsed.blocks,
        kinds,
    };
    let declared = ctx.fm.doc_type().map(str::to_string);
    let guessed = guess_doc_type(&ctx);
    // Pages whose doc_type contradicts their content (an API page marked as a resource) are
    // read for what they contain.
    let doc_type = match (&declared, &guessed) {
        (Some(d), Some(g)) if is_model_type(d) && d != g => {
            sink.report(
                1,
                Code::DocTypeMismatch,
                format!("doc_type is `{d}` but the page reads as `{g}`"),
            );
            guessed
        }
        (Some(_), _) => declared,
        (None, _) => guessed,
    };
    let mut out = PageOutput {
        doc_type: doc_type.clone(),
        ..PageOutput::default()
    };
    match doc_type.as_deref() {
        Some("apiPageType") => out.operation = read_operation(&ctx, includes, sink),
        Some("resourcePageType") => out.types = read_resource(&ctx, sink),
        Some("enumPageType") => out.types = read_enum_page(&ctx, sink),
        _ => {}
    }
    // Types of a sub-namespace page are that namespace's (`callRecords.mediaStream`), never
    // merged with the same name in `microsoft.graph`.
    if let Some(ns) = &ctx.ns {
        for t in &mut out.types {
            if !t.name.contains('.') {
                t.name = format!("{ns}.{}", t.name);
            }
        }
    }
    out
}

/// `Namespace: microsoft.graph.callRecords` under the title → `callRecords`; `None` for
/// `microsoft.graph` itself (or a page that names none).
fn page_namespace<'t>(blocks: &[Block<'t>]) -> Option<String> {
    blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Heading { level: 2.., .. }))
        .find_map(|b| match b {
            Block::Paragraph { text, .. } => {
                let t = text.trim();
                let rest = ["Namespace:", "Namespace：", "命名空间:", "命名空间："]
                    .iter()
                    .find_map(|p| t.strip_prefix(p))?;
                sub_namespace(rest.split_whitespace().next()?)
            }
            _ => None,
        })
}

/// `microsoft.graph.callRecords` → `callRecords`; `None` for `microsoft.graph` (and `graph.`).
pub(crate) fn sub_namespace(qualified: &str) -> Option<String> {
    let q = qualified.trim().trim_matches(['`', '*', '.']);
    let rest = q
        .strip_prefix("microsoft.graph")
        .or_else(|| q.strip_prefix("Microsoft.Graph"))?;
    let ns = rest.trim_start_matches('.');
    // `microsoft.graph.ediscovery.ediscovery` (a typo on one page) is `ediscovery`.
    let ns = ns.split('.').next()?;
    (!ns.is_empty() && ns.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| ns.to_string())
}

fn is_model_type(d: &str) -> bool {
    matches!(d, "apiPageType" | "resourcePageType" | "enumPageType")
}

fn guess_doc_type(ctx: &Ctx) -> Option<String> {
    let has = |k| ctx.kinds.contains(&Some(k));
    if has(SectionKind::HttpRequest) && !has(SectionKind::Properties) {
        Some("apiPageType".into())
    } else if has(SectionKind::Properties) || has(SectionKind::JsonRepresentation) {
        Some("resourcePageType".into())
    } else if has(SectionKind::Members) {
        Some("enumPageType".into())
    } else {
        None
    }
}

/// Gives each block the kind of the `##` section it is in.
fn classify_sections(blocks: &[Block], sink: &mut Sink) -> Vec<Option<SectionKind>> {
    let mut kinds = Vec::with_capacity(blocks.len());
    let mut current = None;
    let mut slug = String::new();
    // A heading's section: by its slug in English, else by its translated text.
    let mut by_heading = |text: &str| {
        vocab::slug_into(text, &mut slug);
        vocab::section_from_slug(&slug).or_else(|| vocab::section_from_translated(text))
    };
    for b in blocks {
        // Some pages put `### Request body` under `## HTTP request`: a third-level heading
        // switches section when it names one of the request's parts (never an example's
        // `### Request` / `### Response`, which stay in the example).
        if let Block::Heading {
            level: 3,
            text,
            tab: false,
            ..
        } = b
        {
            let kind = by_heading(text);
            // drive-get.md documents one call per `## Get …` section, each with a `### HTTP
            // request`: every one of them is a path of the operation.
            if matches!(
                kind,
                Some(
                    SectionKind::RequestBody
                        | SectionKind::RequestHeaders
                        | SectionKind::HttpRequest
                )
            ) && current != Some(SectionKind::Examples)
            {
                current = kind;
            }
        }
        if let Block::Heading {
            level: 2,
            text,
            anchor,
            tab: false,
            line,
        } = b
        {
            current = anchor
                .as_deref()
                .and_then(|a| vocab::section_from_slug(&a.to_lowercase()))
                .or_else(|| by_heading(text));
            if current.is_none() {
                sink.report(
                    *line,
                    Code::UnknownSection,
                    format!("section `{text}` is not one graphdoc reads"),
                );
            }
        }
        kinds.push(current);
    }
    kinds
}

impl Ctx<'_> {
    /// The page's sub-namespace, if it declares one.
    fn namespace(&self) -> Option<&str> {
        self.ns.as_deref()
    }

    fn in_section(&self, kind: SectionKind) -> impl Iterator<Item = &Block<'_>> {
        self.blocks
            .iter()
            .zip(&self.kinds)
            .filter(move |(_, k)| **k == Some(kind))
            .map(|(b, _)| b)
    }

    fn first_table(&self, kind: SectionKind) -> Option<(&[Row<'_>], usize)> {
        self.in_section(kind).find_map(|b| match b {
            Block::Table { rows, line } => Some((rows.as_slice(), *line)),
            _ => None,
        })
    }

    fn title(&self) -> String {
        self.fm
            .get("title")
            .map(str::to_string)
            .or_else(|| {
                self.blocks.iter().find_map(|b| match b {
                    Block::Heading {
                        level: 1,
                        text,
                        tab: false,
                        ..
                    } => Some(text.to_string()),
                    _ => None,
                })
            })
            .unwrap_or_default()
    }

    fn locale(&self) -> String {
        if let Some(l) = self.fm.get("ms.contentlocale") {
            return l.to_string();
        }
        let lower = self.rel.to_ascii_lowercase();
        for (hint, loc) in [
            (".zh-cn.", "zh-CN"),
            ("/zh-cn/", "zh-CN"),
            (".en-us.", "en-US"),
        ] {
            if lower.contains(hint) {
                return loc.to_string();
            }
        }
        let cjk = self.blocks.iter().any(|b| match b {
            Block::Heading { text, .. } => {
                text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            }
            _ => false,
        });
        if cjk { "zh-CN" } else { "en-US" }.to_string()
    }

    /// `ms.prod`; current docs dropped it for `ms.subservice` (and `ms.service`).
    fn workload(&self) -> Option<String> {
        ["ms.prod", "ms.subservice", "ms.service"]
            .iter()
            .find_map(|k| self.fm.get(k).filter(|p| !p.trim().is_empty()))
            .map(str::to_string)
    }
}

/// Version from the page path (`/v1.0/`, `/beta/`, `.beta.`), else the given URL versions.
fn version_of(rel: &str, urls: impl IntoIterator<Item = Option<ApiVersion>>) -> Option<ApiVersion> {
    let lower = rel.to_ascii_lowercase();
    for part in lower.split('/') {
        match part {
            "v1.0" => return Some(ApiVersion::V1),
            "beta" => return Some(ApiVersion::Beta),
            _ => {}
        }
    }
    if let Some(v) = urls.into_iter().flatten().next() {
        return Some(v);
    }
    let file = lower.rsplit('/').next().unwrap_or(&lower);
    if file.contains(".v1.0.") {
        Some(ApiVersion::V1)
    } else if file.contains(".beta.") {
        Some(ApiVersion::Beta)
    } else {
        None
    }
}

/// [`version_of`], or an `unknown-version` warning.
fn page_version(
    rel: &str,
    urls: impl IntoIterator<Item = Option<ApiVersion>>,
    sink: &mut Sink,
) -> Option<ApiVersion> {
    let v = version_of(rel, urls);
    if v.is_none() {
        sink.report(
            1,
            Code::UnknownVersion,
            "cannot tell whether this page documents v1.0 or beta",
        );
    }
    v
}

/// The page's name: its stem, minus a `.beta.en-us`-style version/locale suffix.
pub fn page_name(rel: &str) -> String {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let mut parts: Vec<&str> = stem.split('.').collect();
    while parts.len() > 1 {
        let last = parts[parts.len() - 1].to_ascii_lowercase();
        let is_locale = last.len() == 5 && last.as_bytes()[2] == b'-';
        if is_locale || last == "beta" || last == "0" || last == "v1" {
            parts.pop();
        } else {
            break;
        }
    }
    parts.join(".")
}

fn read_operation(ctx: &Ctx, includes: &dyn Includes, sink: &mut Sink) -> Option<Operation> {
    let paths = request_paths(ctx, sink);
    let examples = read_examples(ctx, sink);
    let urls = examples
        .iter()
        .filter_map(|e| e.request.as_ref())
        .map(|r| r.version);
    let version = page_version(ctx.rel, urls, sink)?;
    let paths = if paths.is_empty() {
        // No readable HTTP request section: fall back to the first example request's path.
        let fallback: Vec<HttpPath> = examples
            .iter()
            .filter_map(|e| e.request.as_ref())
            .take(1)
            .map(|r| http::parse_path(&r.method, &r.path, r.line))
            .collect();
        let line = fallback.first().map(|p| p.line).unwrap_or(1);
        sink.report(
            line,
            Code::MissingHttpRequest,
            if fallback.is_empty() {
                "no HTTP request block with a method and path".to_string()
            } else {
                "no HTTP request block; the path is taken from the first example".to_string()
            },
        );
        fallback
    } else {
        paths
    };
    let first = paths.first()?;
    let (permissions, permission_sets) = read_permissions(ctx, includes, sink);
    let (request_body, optional_parameters) = read_request_body(ctx, sink);
    Some(Operation {
        version,
        name: page_name(ctx.rel),
        source: ctx.rel.to_string(),
        title: ctx.title(),
        description: description(ctx),
        locale: ctx.locale(),
        workload: ctx.workload(),
        method: first.method.clone(),
        line: first.line,
        permissions,
        permission_sets,
        request_headers: read_headers(ctx),
        query_options: query_options(ctx),
        request_body,
        optional_parameters,
        response: read_response(ctx, sink),
        examples,
        paths,
    })
}

/// The OData query options (`$select`, `$filter`…) a page's query parameters section names, in
/// its prose or its table, sorted.
fn query_options(ctx: &Ctx) -> Vec<String> {
    const OPTIONS: [&str; 8] = [
        "$count", "$expand", "$filter", "$orderby", "$search", "$select", "$skip", "$top",
    ];
    let mut found = std::collections::BTreeSet::new();
    let mut scan = |text: &str| {
        for o in OPTIONS {
            // Whole words only: `$skip` is not `$skipToken`.
            let named = text.match_indices(o).any(|(i, _)| {
                !text[i + o.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
            });
            if named {
                found.insert(o);
            }
        }
    };
    for b in ctx.in_section(SectionKind::Parameters) {
        match b {
            Block::Paragraph { text, .. } => scan(text),
            Block::Table { rows, .. } => rows
                .iter()
                .flat_map(|r| &r.cells)
                .for_each(|c| scan(&c.text)),
            _ => {}
        }
    }
    found.into_iter().map(str::to_string).collect()
}

/// Request lines from the HTTP request section; else from un-annotated blocks outside examples.
fn request_paths(ctx: &Ctx, sink: &mut Sink) -> Vec<HttpPath> {
    let from = |blocks: &mut dyn Iterator<Item = &Block>, sink: &mut Sink| {
        let mut out: Vec<HttpPath> = Vec::new();
        for b in blocks {
            let Block::Code {
                text,
                line,
                lang,
                annotation,
                ..
            } = b
            else {
                continue;
            };
            // A response shown under a `### HTTP request` heading's section is not a request.
            let response = annotation
                .as_ref()
                .and_then(|a| a.block_type.as_deref())
                .is_some_and(|t| t == "response")
                || text.trim_start().starts_with("HTTP/");
            if response {
                continue;
            }
            if !matches!(
                lang.as_str(),
                "http" | "" | "msgraph-interactive" | "https" | "rest"
            ) {
                continue;
            }
            for (i, l) in text.lines().enumerate() {
                if let Some((m, target)) = http::request_line(l) {
                    let p = http::parse_path(m, target, line + i);
                    if !out.iter().any(|o| o.method == p.method && o.path == p.path) {
                        out.push(p);
                    }
                } else if !l.trim().is_empty() && !l.contains(':') {
                    sink.report(
                        line + i,
                        Code::UnreadableRequestLine,
                        format!("`{}` is not `METHOD /path`", l.trim()),
                    );
                }
            }
        }
        out
    };
    let mut section = ctx.in_section(SectionKind::HttpRequest);
    let found = from(&mut section, sink);
    if !found.is_empty() {
        return found;
    }
    let mut elsewhere = ctx
        .blocks
        .iter()
        .zip(&ctx.kinds)
        .filter(|(b, k)| {
            **k != Some(SectionKind::Examples)
                && matches!(b, Block::Code { annotation, .. }
                    if annotation.as_ref().and_then(|a| a.block_type.as_deref()) != Some("request")
                        && annotation.as_ref().and_then(|a| a.block_type.as_deref()) != Some("response"))
        })
        .map(|(b, _)| b);
    let mut quiet = Sink::new(sink.file());
    from(&mut elsewhere, &mut quiet)
}

/// Every permissions table of the page, in page order: those in the page and those of its
/// permission includes (`[!INCLUDE [permissions-table](../includes/permissions/….md)]`), each
/// named by the `###` heading it sits under ("Permissions for chat"), and each row of a
/// per-resource table on its own. The operation's permissions are all of them together; the
/// sets are kept when there is more than one.
fn read_permissions(
    ctx: &Ctx,
    includes: &dyn Includes,
    sink: &mut Sink,
) -> (Option<Permissions>, Vec<PermissionSet>) {
    let mut sets: Vec<PermissionSet> = Vec::new();
    let mut heading = String::new();
    let mut any_table = false;
    // A permissions include that cannot be read has its own finding; no second one.
    let mut dangling = false;
    for b in &ctx.blocks {
        match b {
            Block::Heading { level, text, .. } => {
                heading = if *level >= 3 {
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                } else {
                    String::new()
                };
            }
            Block::Table { rows, .. } => {
                any_table |= table_sets(rows, &heading, sink, &mut sets);
            }
            Block::Include {
                label,
                target,
                line,
            } if is_permissions_include(label, target) => match includes.load(ctx.rel, target) {
                Ok((text, inc_rel)) => {
                    let parsed = markdown::parse(&text);
                    let mut inc_sink = Sink::new(inc_rel);
                    let mut found = false;
                    for b in &parsed.blocks {
                        if let Block::Table { rows, .. } = b {
                            found |= table_sets(rows, &heading, &mut inc_sink, &mut sets);
                        }
                    }
                    sink.items.extend(inc_sink.items);
                    any_table |= found;
                    if !found {
                        sink.report(
                            *line,
                            Code::MissingPermissions,
                            format!("included file `{target}` has no permissions table"),
                        );
                    }
                }
                Err(e) => {
                    dangling = true;
                    sink.report(
                        *line,
                        Code::DanglingInclude,
                        format!("include `{target}`: {e}"),
                    )
                }
            },
            _ => {}
        }
    }
    if !any_table && dangling {
        return (None, Vec::new());
    }
    if !any_table {
        let line = ctx
            .blocks
            .iter()
            .zip(&ctx.kinds)
            .find(|(_, k)| **k == Some(SectionKind::Permissions))
            .map(|(b, _)| block_line(b))
            .unwrap_or(1);
        sink.report(line, Code::MissingPermissions, "no permissions table");
        return (None, Vec::new());
    }
    let mut all = Permissions::default();
    for set in &sets {
        all.merge(&set.permissions);
    }
    // One table on its own says nothing the operation's permissions do not.
    if sets.len() == 1 && sets[0].resource.is_none() {
        sets.clear();
    }
    (Some(all), sets)
}

/// An include that holds a permissions table: the docs' `permissions-table` label or a file
/// under `includes/permissions/` (not a prose include labelled `app-permissions`).
fn is_permissions_include(label: &str, target: &str) -> bool {
    label.trim().eq_ignore_ascii_case("permissions-table") || target.contains("/permissions/")
}

/// Adds the sets of one table, if it is a permissions table (either shape); says whether it was.
fn table_sets(rows: &[Row], heading: &str, sink: &mut Sink, sets: &mut Vec<PermissionSet>) -> bool {
    if permissions::is_permissions_table(rows) {
        let (all, areas) = permissions::read_table(rows, sink);
        sets.push(PermissionSet {
            applies_to: heading.to_string(),
            resource: None,
            permissions: all,
        });
        sets.extend(areas);
        true
    } else if permissions::is_resource_table(rows) {
        sets.extend(permissions::read_resource_table(rows, sink));
        true
    } else {
        false
    }
}

fn block_line(b: &Block) -> usize {
    match b {
        Block::Heading { line, .. }
        | Block::Paragraph { line, .. }
        | Block::Table { line, .. }
        | Block::Code { line, .. }
        | Block::Include { line, .. } => *line,
    }
}

fn read_headers(ctx: &Ctx) -> Vec<Header> {
    ctx.first_table(SectionKind::RequestHeaders)
        .map(|(rows, _)| {
            rows.iter()
                .skip(1)
                .filter_map(|r| {
                    let name = r.cells.first()?.text.trim();
                    (!name.is_empty()).then(|| Header {
                        name: vocab::header_name(name).to_string(),
                        value: r
                            .cells
                            .get(1)
                            .map(|c| c.text.to_string())
                            .unwrap_or_default(),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `Name | Value | Description`, where Value holds the parameter's type.
fn value_typed(rows: &[Row]) -> bool {
    rows.first()
        .is_some_and(|h| h.cells.len() >= 3 && h.cells[1].text.trim().eq_ignore_ascii_case("value"))
}

/// Whether a table header looks like `Name | Type | Description` in any locale.
fn is_property_table(rows: &[Row]) -> bool {
    let Some(head) = rows.first() else {
        return false;
    };
    head.cells.len() >= 2 && {
        let t = head.cells[1].text.to_lowercase();
        t.starts_with("type") || t.ends_with(" type") || t.contains("类型")
    }
}

/// Reads a `Name | Type | Description` table into properties; rows without a readable type get
/// an `unreadable-type` diagnostic. On a page of sub-namespace `ns`, a type written bare but
/// linked to a page of that namespace (`[externalItem](externalconnectors-externalitem.md)`)
/// is the namespace's.
fn read_properties(rows: &[Row], rel: &str, ns: Option<&str>, sink: &mut Sink) -> Vec<Property> {
    let mut out = Vec::new();
    for r in rows.iter().skip(1) {
        let Some(name_cell) = r.cells.first() else {
            continue;
        };
        let name = property_name(name_cell);
        if name.is_empty() || is_group_label(r) {
            continue;
        }
        let empty = Cell::default();
        let type_cell = r.cells.get(1).unwrap_or(&empty);
        match read_type(type_cell) {
            Some((type_name, collection)) => out.push(Property {
                type_name: {
                    let stem = type_cell.links.first().and_then(|l| link_stem(&l.url));
                    qualify(ns, type_name, stem.as_deref())
                },
                name,
                collection,
                description: r
                    .cells
                    .get(2)
                    .map(|c| c.text.to_string())
                    .unwrap_or_default(),
                line: r.line,
                // A link to a whole page (not an anchor in it) names the type that page defines.
                link: type_cell
                    .links
                    .first()
                    .filter(|l| !l.url.contains('#'))
                    .and_then(|l| resolve_rel(rel, &l.url)),
                values: Vec::new(),
            }),
            None => sink.report(
                r.line,
                Code::UnreadableType,
                format!(
                    "property `{name}` has no readable type (`{}`)",
                    type_cell.text
                ),
            ),
        }
    }
    out
}

/// A type name written bare on a page of sub-namespace `ns`, linked to a page of that namespace
/// (`[externalItem](externalconnectors-externalitem.md)` on an externalConnectors page): the
/// namespace's type.
fn qualify(ns: Option<&str>, name: String, stem: Option<&str>) -> String {
    match ns {
        Some(ns) if !name.contains('.') && name.starts_with(|c: char| c.is_ascii_alphabetic()) => {
            let prefix = format!("{}-", ns.to_ascii_lowercase());
            if stem.is_some_and(|s| s.to_ascii_lowercase().starts_with(&prefix)) {
                format!("{ns}.{name}")
            } else {
                name
            }
        }
        _ => name,
    }
}

/// Whether the first header cell says the rows are properties (not methods or derived types).
fn names_properties(rows: &[Row]) -> bool {
    rows.first().and_then(|h| h.cells.first()).is_some_and(|c| {
        let t = c.text.to_lowercase();
        t.starts_with("property") || t == "name" || t.contains("属性") || t.contains("名称")
    })
}

/// A property name cell: `**name**`, `` `name` ``, `name (deprecated)` → the name. Names are
/// otherwise kept whole (even `display name` or `_`), so the serde rename is the documented text.
/// A property name cell: `**name**`, `` `name` ``, `name (deprecated)` → the name. Names are
/// otherwise kept whole (even `display name` or `_`), so the serde rename is the documented text.
/// A one-cell row that labels the rows under it (`|**Onboarding**|`, Intune's workflow groups):
/// only its first cell has text, and that text is a short label, not a property name (words,
/// a hyphen or a capital first letter) nor a sentence broken out of a cell above.
fn is_group_label(r: &Row) -> bool {
    let Some((first, rest)) = r.cells.split_first() else {
        return false;
    };
    if rest.iter().any(|c| !c.text.trim().is_empty()) {
        return false;
    }
    let raw = first.text.trim();
    let t = raw.trim_matches(|c: char| c == '*' || c.is_whitespace());
    let words = t.split_whitespace().count();
    // Bold all through, as some tables keep it (`**Onboarding**`): a label as written.
    let bold = raw.starts_with("**") && raw.ends_with("**") && words <= 6;
    let label_like = (t.contains([' ', '-']) || t.starts_with(|c: char| c.is_uppercase()))
        && words <= 4
        && !t.contains(['.', ':', ',', '\'', '"', '=']);
    !t.is_empty() && (bold || label_like)
}

fn property_name(cell: &Cell) -> String {
    let t = cell.text.split(['(', '（']).next().unwrap_or("").trim();
    let t = t.trim_matches(|c: char| matches!(c, '*' | '`')).trim();
    // `_name_` is emphasis; a lone `_` is a name.
    let t = match t.strip_prefix('_').and_then(|r| r.strip_suffix('_')) {
        Some(inner) if !inner.is_empty() => inner,
        _ => t,
    };
    t.to_string()
}

/// What the request body carries, and the optional parameters of a function (which the call
/// may leave out: they are not part of its URL).
fn read_request_body(ctx: &Ctx, sink: &mut Sink) -> (RequestBody, Vec<Property>) {
    let mut saw_section = false;
    let mut link: Option<&Link> = None;
    let mut says_none = false;
    let mut represents = None;
    for b in ctx.in_section(SectionKind::RequestBody) {
        saw_section = true;
        match b {
            // `Name | Value | Description` tables (driveItem copy) put the type under Value.
            Block::Table { rows, .. } if is_property_table(rows) || value_typed(rows) => {
                let body = RequestBody::Parameters {
                    parameters: read_properties(rows, ctx.rel, ctx.namespace(), sink),
                    represents,
                };
                return (body, Vec::new());
            }
            Block::Paragraph { text, links, .. } => {
                if represents.is_none() {
                    represents = represented_type(text);
                }
                let l = text.to_lowercase();
                if l.contains("do not supply")
                    || l.contains("don't supply")
                    || l.contains("no request body")
                    || l.contains("not supply a request body")
                    || text.contains("请勿提供")
                    || text.contains("不要提供")
                {
                    says_none = true;
                }
                if link.is_none() {
                    link = links.iter().find(|l| is_resource_link(&l.url));
                }
            }
            _ => {}
        }
    }
    if says_none || !saw_section {
        // A function's parameters have a section of their own in current docs
        // (adhoccall-getallrecordings.md: `## Function parameters`); the path stage puts them
        // in the URL of a GET.
        // Only the required ones: an optional parameter (delta's `token`) may be left out of
        // the call, which a function taking every parameter could no longer make.
        if let Some(rows) = function_parameters(ctx) {
            let (required, optional): (Vec<Property>, Vec<Property>) =
                read_properties(rows, ctx.rel, ctx.namespace(), sink)
                    .into_iter()
                    .partition(|p| {
                        let d = p.description.to_ascii_lowercase();
                        !d.contains("optional") || d.contains("required")
                    });
            if !required.is_empty() {
                let body = RequestBody::Parameters {
                    parameters: required,
                    represents: None,
                };
                return (body, optional);
            }
            return (RequestBody::None, optional);
        }
        return (RequestBody::None, Vec::new());
    }
    let body = match link.and_then(type_from_link) {
        Some((name, stem)) => RequestBody::Type {
            type_name: qualify(ctx.namespace(), name, stem.as_deref()),
        },
        None => RequestBody::Unknown,
    };
    (body, Vec::new())
}

/// The table of a `## Function parameters` section (`函数参数`), if it has a Type column.
fn function_parameters<'c>(ctx: &'c Ctx) -> Option<&'c [Row<'c>]> {
    let mut under = false;
    for b in &ctx.blocks {
        match b {
            Block::Heading { text, anchor, .. } => {
                let t = text.to_lowercase();
                under = t.contains("function parameters")
                    || text.contains("函数参数")
                    || anchor.as_deref() == Some("function-parameters");
            }
            Block::Table { rows, .. } if under && is_property_table(rows) => return Some(rows),
            _ => {}
        }
    }
    None
}

/// The type a body paragraph names in plain text: "supply a JSON representation for the
/// `X` object" (en), "提供 X 对象的 JSON 表示形式" (zh). A name, not a checked type: the plan
/// uses it only when it is a documented type whose properties the table repeats.
fn represented_type(text: &str) -> Option<String> {
    let is_name = |w: &&str| {
        w.starts_with(|c: char| c.is_ascii_alphabetic())
            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
    };
    let clean = |w: &str| {
        w.trim_matches(|c: char| matches!(c, '*' | '`' | '[' | ']'))
            .to_string()
    };
    if let Some(at) = text.find("JSON representation") {
        let rest = &text[at + "JSON representation".len()..];
        let mut words = rest.split_whitespace().map(clean);
        let name = words.find(|w| !matches!(w.as_str(), "of" | "for" | "the" | "a" | "an"))?;
        let next = words.next().unwrap_or_default();
        return (is_name(&name.as_str())
            && matches!(
                next.trim_end_matches(['.', ',']),
                "object" | "resource" | "entity"
            ))
        .then_some(name);
    }
    let (before, _) = text.split_once("对象")?;
    if !text.contains("JSON") {
        return None;
    }
    let name = clean(before.split_whitespace().last()?);
    is_name(&name.as_str()).then_some(name)
}

fn is_resource_link(url: &str) -> bool {
    url.ends_with(".md") || url.contains(".md#")
}

/// Type name (and target stem) from a link to a resource page.
fn type_from_link(l: &Link) -> Option<(String, Option<String>)> {
    let stem = link_stem(&l.url);
    let text = l.text.trim().trim_matches(['*', '`', '_']);
    let ident = !text.is_empty()
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    if ident {
        return Some((bare_name(text).to_string(), stem));
    }
    stem.clone().map(|s| (s, stem))
}

fn read_response(ctx: &Ctx, sink: &mut Sink) -> Response {
    let mut resp = Response {
        status: None,
        type_name: None,
        collection: false,
        alternatives: Vec::new(),
        link: None,
        unlinked: false,
    };
    for b in ctx.in_section(SectionKind::Response) {
        let Block::Paragraph { text, links, line } = b else {
            continue;
        };
        for status in find_statuses(text) {
            if resp.status.is_none() {
                resp.status = Some(status);
            } else if resp.status != Some(status)
                && (200..300).contains(&status)
                && !resp.alternatives.contains(&status)
            {
                resp.alternatives.push(status);
            }
        }
        if resp.type_name.is_none() {
            if let Some(l) = links
                .iter()
                .find(|l| is_resource_link(&l.url) && !l.url.contains("/concepts/"))
            {
                if let Some((name, stem)) = type_from_link(l) {
                    resp.type_name = Some(qualify(ctx.namespace(), name, stem.as_deref()));
                    resp.collection = vocab::mentions_collection(text);
                    resp.link = resolve_rel(ctx.rel, &l.url);
                    if resp.link.is_none() {
                        sink.push(
                            *line,
                            Severity::Note,
                            Code::UnresolvableTypeLink,
                            format!("response type link `{}` points outside the docs", l.url),
                        );
                    }
                }
            }
        }
    }
    if resp.type_name.is_none() {
        // No linked type: "a String collection object" (`checkMemberGroups`) is a list of a
        // primitive, "a String in the response body" one.
        if let Some((name, collection)) =
            ctx.in_section(SectionKind::Response).find_map(|b| match b {
                Block::Paragraph { text, .. } => primitive_response(text),
                _ => None,
            })
        {
            resp.type_name = Some(name);
            resp.collection = collection;
        }
    }
    if resp.type_name.is_none() {
        // An unlinked name: "the newly created **chat** resource". Only a name: reading keeps
        // it when some page defines that type (`read::link`), and drops it otherwise.
        if let Some((name, text)) = ctx.in_section(SectionKind::Response).find_map(|b| match b {
            Block::Paragraph { text, .. } => named_resource(text).map(|n| (n, text)),
            _ => None,
        }) {
            resp.collection = vocab::mentions_collection(text);
            resp.type_name = Some(name);
            resp.unlinked = true;
        }
    }
    if resp.status.is_none() {
        // Fall back to the first example response's status line.
        resp.status = ctx.in_section(SectionKind::Examples).find_map(|b| match b {
            Block::Code { text, .. } => text.lines().next().and_then(http::status_line),
            _ => None,
        });
    }
    resp
}

/// The name before "resource", "object" or "entity" in response prose ("the newly created
/// chat resource"), when it is an identifier and not a common word.
fn named_resource(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .map(|w| w.trim_matches(['`', '*', '_', '.']))
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|w| {
        let noun = w[1].to_ascii_lowercase();
        let name = w[0];
        (matches!(
            noun.as_str(),
            "resource" | "resources" | "object" | "objects" | "entity" | "entities"
        ) && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
            && !matches!(
                name.to_ascii_lowercase().as_str(),
                "json"
                    | "the"
                    | "a"
                    | "an"
                    | "new"
                    | "created"
                    | "updated"
                    | "response"
                    | "error"
                    | "same"
                    | "this"
                    | "that"
                    | "requested"
                    | "specified"
                    | "collection"
            ))
        .then(|| name.to_string())
    })
}

/// A primitive named in prose, and whether a collection of it: "a String collection object"
/// (`checkMemberGroups`), "a String in the response body" (Intune's functions), "a Boolean
/// value `true`". `Edm.Untyped` ("an object in the response body") says nothing.
fn primitive_response(text: &str) -> Option<(String, bool)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | '。' | '，'))
        .map(|w| w.trim_matches(['`', '*', '_']))
        .filter(|w| !w.is_empty())
        .collect();
    // zh-CN: "此函数会在响应正文中返回 `200 OK` 响应代码和一个 Int32".
    let zh_body = text.contains("响应正文");
    (0..words.len()).find_map(|i| {
        let prim =
            crate::model::Edm::from_word(words[i]).filter(|e| *e != crate::model::Edm::Untyped)?;
        let next = |k: usize| words.get(i + k).map(|w| w.to_ascii_lowercase());
        let after_a = i > 0 && words[i - 1].ends_with("一个");
        let collection = match next(1).as_deref() {
            Some("collection" | "集合") => true,
            Some("value" | "values") => false,
            Some("in")
                if next(2).as_deref() == Some("the") && next(3).as_deref() == Some("response") =>
            {
                false
            }
            _ if zh_body && after_a => false,
            _ => return None,
        };
        Some((prim.name().to_string(), collection))
    })
}

/// `200 OK`-style statuses in prose, in order.
fn find_statuses(text: &str) -> Vec<u16> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for i in 0..bytes.len().saturating_sub(3) {
        let d = &bytes[i..i + 3];
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let boundary_after = bytes.get(i + 3).is_none_or(|c| *c == b' ' || *c == b'`');
        if d.iter().all(u8::is_ascii_digit)
            && boundary_before
            && boundary_after
            && (b'1'..=b'5').contains(&d[0])
        {
            let rest = &text[i + 3..];
            let next = rest.trim_start_matches([' ']).chars().next();
            if next.is_some_and(|c| c.is_ascii_uppercase()) || rest.starts_with('`') {
                out.extend(
                    std::str::from_utf8(d)
                        .ok()
                        .and_then(|d| d.parse::<u16>().ok()),
                );
            }
        }
    }
    out
}

/// Resolves a link relative to the page into a path relative to the docs root.
pub fn resolve_rel(page: &str, url: &str) -> Option<String> {
    let url = url.split(['#', '?']).next()?;
    if url.contains("://") || url.starts_with('/') || url.is_empty() {
        return None;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in url.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn read_examples(ctx: &Ctx, sink: &mut Sink) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for (b, k) in ctx.blocks.iter().zip(&ctx.kinds) {
        let Block::Code {
            lang,
            text,
            annotation,
            line,
        } = b
        else {
            continue;
        };
        let bt = annotation.as_ref().and_then(|a| a.block_type.as_deref());
        if let Some(a) = annotation.as_ref().filter(|a| a.malformed) {
            sink.report(
                a.line,
                Code::MalformedAnnotation,
                "example annotation is not valid JSON; fields recovered",
            );
        }
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let in_examples = *k == Some(SectionKind::Examples);
        let is_request = bt == Some("request")
            || (bt.is_none() && in_examples && http::request_line(first).is_some());
        let is_response = bt == Some("response")
            || (bt.is_none() && in_examples && http::status_line(first).is_some());
        if is_request {
            if let Some(r) = example_request(text, *line, sink) {
                out.push(Example {
                    name: annotation.as_ref().and_then(|a| a.name.clone()),
                    request: Some(r),
                    response: None,
                });
            } else if bt == Some("request") {
                sink.report(
                    *line,
                    Code::UnreadableExample,
                    "request example has no `METHOD url` line",
                );
            }
        } else if is_response {
            let resp = example_response(text, *line, annotation.as_deref(), lang, sink);
            match out.last_mut() {
                Some(e) if e.response.is_none() => e.response = Some(resp),
                _ => out.push(Example {
                    name: annotation.as_ref().and_then(|a| a.name.clone()),
                    request: None,
                    response: Some(resp),
                }),
            }
        }
    }
    out
}

fn example_request(text: &str, line: usize, sink: &mut Sink) -> Option<ExampleRequest> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    let (method, target) = http::request_line(lines[start])?;
    let (version, rest) = http::split_url(target);
    let path = http::parse_path(method, rest, line + start);
    let msg = http::message(&lines[start + 1..], line + start + 1, sink);
    Some(ExampleRequest {
        method: method.to_string(),
        url: target.to_string(),
        version,
        path: path.path,
        query: path.query,
        headers: msg.headers,
        body: msg.body,
        line: line + start,
    })
}

fn example_response(
    text: &str,
    line: usize,
    ann: Option<&Annotation>,
    lang: &str,
    sink: &mut Sink,
) -> ExampleResponse {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let status = lines.get(start).and_then(|l| http::status_line(l));
    let msg = if status.is_some() {
        http::message(&lines[start + 1..], line + start + 1, sink)
    } else if lang == "json"
        || lines
            .get(start)
            .is_some_and(|l| l.trim_start().starts_with(['{', '[']))
    {
        // A bare JSON body: no status line and no headers; a leading blank line ends the headers.
        let with_blank: Vec<&str> = std::iter::once("").chain(lines.iter().copied()).collect();
        http::message(&with_blank, line.saturating_sub(1), sink)
    } else {
        http::message(&lines[start..], line + start, sink)
    };
    ExampleResponse {
        status,
        headers: msg.headers,
        body: msg.body,
        truncated: ann.is_some_and(|a| a.truncated),
        odata_type: ann
            .and_then(|a| a.odata_type.as_deref())
            .map(|t| bare_name(t).to_string()),
        is_collection: ann.is_some_and(|a| a.is_collection),
        line: line + start,
    }
}

fn read_resource(ctx: &Ctx, sink: &mut Sink) -> Vec<TypeDef> {
    let resource_ann = ctx.blocks.iter().find_map(|b| match b {
        Block::Code {
            annotation: Some(a),
            text,
            ..
        } if a.block_type.as_deref() == Some("resource") => Some((a, text)),
        _ => None,
    });
    let name = resource_ann
        .and_then(|(a, _)| a.odata_type.as_deref())
        .map(|t| bare_name(t).to_string())
        .or_else(|| type_title(ctx));
    let Some(name) = name else {
        sink.report(
            1,
            Code::UnnamedType,
            "resource page names no type (no @odata.type and no title)",
        );
        return Vec::new();
    };
    let Some(version) = page_version(ctx.rel, std::iter::empty(), sink) else {
        return Vec::new();
    };
    // The Properties section's table; else, by shape, a `Property | Type | …` table anywhere.
    let table = ctx.first_table(SectionKind::Properties).or_else(|| {
        ctx.blocks.iter().find_map(|b| match b {
            Block::Table { rows, line } if is_property_table(rows) && names_properties(rows) => {
                Some((rows.as_slice(), *line))
            }
            _ => None,
        })
    });
    let (properties, line) = match table {
        Some((rows, line)) if is_property_table(rows) => {
            (read_properties(rows, ctx.rel, ctx.namespace(), sink), line)
        }
        Some((_, line)) => {
            sink.report(
                line,
                Code::UnreadableTable,
                "properties table has no Type column",
            );
            (Vec::new(), line)
        }
        None => (Vec::new(), 1),
    };
    let relationships = ctx
        .first_table(SectionKind::Relationships)
        .filter(|(rows, _)| is_property_table(rows))
        .map(|(rows, _)| read_properties(rows, ctx.rel, ctx.namespace(), sink))
        .unwrap_or_default();
    let base = resource_ann
        .and_then(|(a, _)| a.base_type.as_deref())
        .map(|b| bare_name(b).to_string())
        .or_else(|| inherits_from(ctx));
    let json = resource_ann.and_then(|(a, text)| match crate::model::Json::parse(text.trim()) {
        Ok(v) => Some(v),
        Err(e) => {
            sink.report(
                a.line,
                Code::InvalidResourceJson,
                format!("JSON representation is not valid JSON: {e}"),
            );
            None
        }
    });
    let mut properties = properties;
    if let Some(json) = &json {
        name_translated_properties(&mut properties, json, &name, sink);
    }
    let keyed = resource_ann.is_some_and(|(a, _)| a.key_property.is_some());
    let complex = resource_ann.is_some_and(|(a, _)| a.is_complex);
    let kind = if !complex && (keyed || base.as_deref() == Some("entity") || name == "entity") {
        TypeKind::Entity
    } else {
        TypeKind::Complex
    };
    let has_section = table.is_some() || ctx.in_section(SectionKind::Properties).next().is_some();
    // An abstract base ("This is an abstract class…", "a base class; the derived types are…")
    // may have no properties of its own.
    if properties.is_empty() && relationships.is_empty() && !has_section && !says_abstract(ctx) {
        sink.report(
            line,
            Code::NoProperties,
            format!("resource `{name}` has no Properties section"),
        );
    }
    let derived = derived_named(ctx, &name);
    // Beta's planner pages say it only in prose: "Properties of an Open Type can be defined by
    // the client".
    let open = resource_ann.is_some_and(|(a, _)| a.open_type)
        || prose_says(ctx, &["of an open type", "this open type"]);
    let values = if open { dictionary_values(ctx) } else { None };
    let mut types = vec![TypeDef {
        values,
        version,
        name,
        kind,
        derived,
        base,
        source: ctx.rel.to_string(),
        line,
        description: description(ctx),
        workload: ctx.workload(),
        locale: ctx.locale(),
        properties,
        relationships,
        members: Vec::new(),
        flags: false,
        json,
        open,
    }];
    let tables = embedded_enums(ctx, version);
    for (name, values, line) in tables.properties {
        let t = &mut types[0];
        let owner = t.name.clone();
        match t
            .properties
            .iter_mut()
            .chain(t.relationships.iter_mut())
            .find(|p| p.name.eq_ignore_ascii_case(&name))
        {
            Some(p) => p.values = values,
            None => sink.report(
                line,
                Code::ValuesWithoutProperty,
                format!("the `{name} property values` table names no property of `{owner}`; its values are not attached"),
            ),
        }
    }
    types.extend(tables.enums);
    types
}

/// The top-level keys of a JSON object in the order written (`@` annotations left out).
fn json_keys_in_order(text: &str) -> Vec<String> {
    struct Keys;
    impl<'de> serde::de::Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(k) = map.next_key::<String>()? {
                map.next_value::<serde::de::IgnoredAny>()?;
                if !k.starts_with('@') {
                    keys.push(k);
                }
            }
            Ok(keys)
        }
    }
    use serde::Deserializer as _;
    serde_json::Deserializer::from_str(text)
        .deserialize_map(Keys)
        .unwrap_or_default()
}

/// Translated property names (`说明` for `description`, `状态` for `state`) take the name the
/// page's JSON representation gives: the keys no other row names, in table order, when there
/// are as many of them as translated names. A note says so; a name left unknown is a warning.
fn name_translated_properties(
    properties: &mut [Property],
    json: &crate::model::Json,
    owner: &str,
    sink: &mut Sink,
) {
    // Wire names are ASCII (`@odata.etag` included): a name with other letters was translated.
    let translated = |p: &Property| !p.name.is_ascii();
    let count = properties.iter().filter(|p| translated(p)).count();
    if count == 0 {
        return;
    }
    let keys = json_keys_in_order(json.text());
    let unclaimed: Vec<&String> = keys
        .iter()
        .filter(|k| !properties.iter().any(|p| p.name.eq_ignore_ascii_case(k)))
        .collect();
    if unclaimed.len() != count {
        for p in properties.iter().filter(|p| translated(p)) {
            sink.report(
                p.line,
                Code::TranslatedName,
                format!("property `{}` of `{owner}` has a translated name the JSON representation does not settle; it is kept as written", p.name),
            );
        }
        return;
    }
    let mut names = unclaimed.into_iter();
    for p in properties.iter_mut().filter(|p| translated(p)) {
        let Some(name) = names.next() else { break };
        sink.push(
            p.line,
            crate::diag::Severity::Note,
            Code::TranslatedName,
            format!(
                "property `{}` of `{owner}` is `{name}`, as the JSON representation names it",
                p.name
            ),
        );
        p.name = name.clone();
    }
}

/// Whether some paragraph of the page says one of `phrases` (lowercase), in any case.
fn prose_says(ctx: &Ctx, phrases: &[&str]) -> bool {
    ctx.blocks.iter().any(|b| match b {
        Block::Paragraph { text, .. } => {
            let t = text.to_lowercase();
            phrases.iter().any(|w| t.contains(w))
        }
        _ => false,
    })
}

/// Whether the page's prose calls its type abstract or a base class.
fn says_abstract(ctx: &Ctx) -> bool {
    prose_says(ctx, &["abstract", "base class", "base type", "抽象"])
}

/// The page's description: the front matter's, unless the docs tooling cut it mid-sentence
/// (send-device-command.md: "…For an AppService call, specify the"), when the page's
/// paragraph it was cut from gives the whole text.
fn description(ctx: &Ctx) -> String {
    let fm = ctx.fm.get("description").unwrap_or_default().trim();
    let whole = fm.ends_with(['.', '!', '?', ')', ':', '。', '！', '？', '）', '：']);
    if fm.is_empty() || whole {
        return fm.to_string();
    }
    // Emphasis and code marks differ between the front matter and the rendered paragraph.
    let words = |s: &str| -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(['*', '_', '`'], "")
    };
    let cut = words(fm);
    ctx.blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph { text, .. } => {
                let full = words(text);
                (full.len() > cut.len() && full.starts_with(&cut))
                    .then(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
            }
            _ => None,
        })
        .unwrap_or_else(|| fm.to_string())
}

/// The types a base page's prose names as derived from it: the links after "derived types",
/// "base type for", "base resource for" or "inherited by" in a paragraph of the
/// introduction, and in the list such a paragraph opens with a colon ("Supported derived
/// types:") or a `Derived types` section holds.
fn derived_named(ctx: &Ctx, own: &str) -> Vec<String> {
    // Not "base class for": "a base class for defining users who … [accessReviewScheduleDefinition]"
    // links a type that uses it.
    const PHRASES: [&str; 5] = [
        "derived type",
        "base type for",
        "base resource for",
        "inherited by",
        "派生类型",
    ];
    let mut out: Vec<String> = Vec::new();
    let mut take = |links: &[Link], after: &str| {
        for l in links {
            if !is_resource_link(&l.url) || l.url.contains("/api/") || !after.contains(&*l.text) {
                continue;
            }
            if let Some((name, _)) = type_from_link(l) {
                if !name.eq_ignore_ascii_case(own) && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    };
    // Under a `Derived types` heading every link counts; after a sentence ending in a colon,
    // the list or table that follows (list items are flattened to paragraphs that start with
    // their link; a table names them in its first column).
    let mut section = false;
    let mut listing = false;
    let mut intro = true;
    for b in &ctx.blocks {
        match b {
            Block::Heading { level, text, .. } => {
                if *level == 2 {
                    intro = false;
                }
                section = text.to_lowercase().contains("derived types");
                listing = false;
            }
            Block::Paragraph { text, links, .. } if section => take(links, text),
            Block::Table { rows, .. } if section || listing => {
                for c in rows.iter().skip(1).filter_map(|r| r.cells.first()) {
                    take(&c.links, &c.text);
                }
                listing = false;
            }
            Block::Paragraph { text, links, .. } if listing => {
                let starts = |l: &Link| {
                    text.trim_start_matches(|c: char| c.is_whitespace() || c == '*')
                        .starts_with(&*l.text)
                };
                if links.first().is_some_and(starts) {
                    take(links, text);
                } else {
                    listing = false;
                }
            }
            Block::Paragraph { text, links, .. } if intro => {
                let lower = text.to_lowercase();
                if let Some(at) = PHRASES.iter().find_map(|p| lower.find(p)) {
                    take(links, text.get(at..).unwrap_or(text));
                    listing = text.trim_end().ends_with(':');
                }
            }
            _ => listing = false,
        }
    }
    out
}

/// The value type of an open type's members where its page says what they must be: a linked
/// or bold type after "values must be" / "must be set to" (plannerChecklistItems,
/// plannerAssignments), or `true` / boolean after "values being" (plannerAppliedCategories).
fn dictionary_values(ctx: &Ctx) -> Option<String> {
    const PHRASES: [&str; 4] = [
        "values must be",
        "must be set to",
        "values being",
        "value being",
    ];
    ctx.blocks.iter().find_map(|b| {
        let Block::Paragraph { text, links, .. } = b else {
            return None;
        };
        let lower = text.to_lowercase();
        let at = PHRASES
            .iter()
            .find_map(|p| lower.find(p).map(|i| i + p.len()))?;
        let after = text.get(at..)?;
        let window: String = after.chars().take(60).collect();
        if let Some(l) = links
            .iter()
            .filter(|l| is_resource_link(&l.url))
            .find(|l| window.contains(&*l.text))
        {
            // The page linked, not the link's text: "[checklistItem](plannerchecklistitem.md)"
            // (spelled as its type by `bases_from_prose`).
            return type_from_link(l).map(|(n, stem)| stem.unwrap_or(n));
        }
        let lower_window = window.to_lowercase();
        let first = lower_window.trim_start().trim_start_matches('`');
        if lower_window.contains("boolean") || first.starts_with("true") {
            return Some("Edm.Boolean".to_string());
        }
        // A bold name followed by "object": `a **plannerAssignment** object`.
        named_resource(&window)
    })
}

/// `Inherits from [x](…)` / `继承自 [x](…)`, or the `Inherited from [x]` notes of property rows.
fn inherits_from(ctx: &Ctx) -> Option<String> {
    ctx.blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Heading { level: 2, .. }))
        .find_map(|b| match b {
            Block::Paragraph { text, links, .. } => {
                let l = text.to_lowercase();
                // "Inherits from [x]", "Inherited from [x] entity", "derived from [x]", 继承自.
                let at = ["inherits from", "inherited from", "derived from", "继承自"]
                    .iter()
                    .find_map(|p| l.find(p))?;
                // The first link after the phrase (a paragraph may link other types first).
                // (A byte offset of the lowercase copy: `get` keeps a rare non-ASCII shift safe.)
                let after = text.get(at..).unwrap_or(text);
                // The link that starts first after it (the longer of two that start together:
                // "Domain" inside "DomainDnsRecord").
                links
                    .iter()
                    .filter(|k| !k.text.is_empty())
                    .filter_map(|k| after.find(&*k.text).map(|i| (i, k)))
                    .min_by_key(|(i, k)| (*i, std::cmp::Reverse(k.text.len())))
                    .map(|(_, k)| k)
                    .and_then(type_from_link)
                    .map(|(n, _)| n)
            }
            _ => None,
        })
}

/// The type a title names: `vppToken resource type`, `vppToken 资源类型`, or a lone identifier.
/// Overview pages mislabelled as resources (`Use the security API`) name none.
fn type_title(ctx: &Ctx) -> Option<String> {
    let h1 = ctx.blocks.iter().find_map(|b| match b {
        Block::Heading {
            level: 1,
            text,
            tab: false,
            ..
        } => Some(text.to_string()),
        _ => None,
    });
    [h1, ctx.fm.get("title").map(str::to_string)]
        .into_iter()
        .flatten()
        .find_map(|t| {
            let words = t.split_whitespace().count();
            let typed = t.to_lowercase().contains(" type") || t.contains("类型");
            (words == 1 || typed).then(|| title_name(&t)).flatten()
        })
}

/// `vppTokenState enum type` → `vppTokenState`.
fn title_name(title: &str) -> Option<String> {
    let w = title.split_whitespace().next()?;
    let w = w.trim_matches(['`', '*']);
    (w.starts_with(|c: char| c.is_ascii_alphabetic())
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'))
    .then(|| bare_name(w).to_string())
}

fn is_member_table(rows: &[Row]) -> bool {
    rows.first().and_then(|h| h.cells.first()).is_some_and(|c| {
        let t = c.text.to_lowercase();
        matches!(
            t.as_str(),
            "member" | "members" | "name" | "value" | "成员" | "名称" | "值" | "enum value"
        )
    })
}

fn read_members(rows: &[Row]) -> Vec<EnumMember> {
    let head = rows
        .first()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text.to_lowercase())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    // `Value | Description` tables put the member name first; `Member | Value | Description` have a number second.
    let value_col = head
        .iter()
        .skip(1)
        .position(|h| h == "value" || h == "值")
        .map(|i| i + 1);
    rows.iter()
        .skip(1)
        .filter_map(|r| {
            let name = property_name(r.cells.first()?);
            if name.is_empty() {
                return None;
            }
            Some(EnumMember {
                name,
                value: value_col
                    .and_then(|c| r.cells.get(c))
                    .and_then(|c| c.text.trim().parse().ok()),
                description: r
                    .cells
                    .last()
                    .filter(|_| r.cells.len() > 1)
                    .map(|c| c.text.to_string())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

fn read_enum_page(ctx: &Ctx, sink: &mut Sink) -> Vec<TypeDef> {
    let Some(name) = type_title(ctx) else {
        // The standard multi-enum pages (`enums.md`, `enums-callrecords.md`): one `### x values`
        // heading and member table per enum.
        let several = read_enum_sections(ctx, sink);
        if several.is_empty() {
            sink.report(1, Code::UnnamedType, "enum page title names no type");
        }
        return several;
    };
    let Some(version) = page_version(ctx.rel, std::iter::empty(), sink) else {
        return Vec::new();
    };
    let table = ctx.first_table(SectionKind::Members).or_else(|| {
        ctx.blocks.iter().find_map(|b| match b {
            Block::Table { rows, line } if is_member_table(rows) => Some((rows.as_slice(), *line)),
            _ => None,
        })
    });
    let Some((rows, line)) = table else {
        sink.report(
            1,
            Code::UnreadableTable,
            format!("enum `{name}` has no members table"),
        );
        return Vec::new();
    };
    let members = read_members(rows);
    let flags = ctx.blocks.iter().any(
        |b| matches!(b, Block::Paragraph { text, .. } if text.to_lowercase().contains("flag")),
    );
    vec![enum_type(ctx, version, name, line, members, flags)]
}

/// Every `## x values` / `### x values` heading followed by a member table, as enum `x`.
fn read_enum_sections(ctx: &Ctx, sink: &mut Sink) -> Vec<TypeDef> {
    let Some(version) = page_version(ctx.rel, std::iter::empty(), sink) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    for b in &ctx.blocks {
        match b {
            Block::Heading { text, .. } => {
                let t = text.trim();
                pending = t
                    .strip_suffix(" values")
                    .or_else(|| t.strip_suffix(" 值"))
                    .map(str::trim)
                    .filter(|n| {
                        n.starts_with(|c: char| c.is_ascii_alphabetic())
                            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
                    })
                    .map(|n| bare_name(n).to_string());
            }
            Block::Table { rows, line } if is_member_table(rows) => {
                if let Some(name) = pending.take() {
                    out.push(enum_type(
                        ctx,
                        version,
                        name,
                        *line,
                        read_members(rows),
                        false,
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

fn enum_type(
    ctx: &Ctx,
    version: ApiVersion,
    name: String,
    line: usize,
    members: Vec<EnumMember>,
    flags: bool,
) -> TypeDef {
    TypeDef {
        version,
        name,
        kind: TypeKind::Enum,
        base: None,
        source: ctx.rel.to_string(),
        line,
        description: description(ctx),
        workload: ctx.workload(),
        locale: ctx.locale(),
        properties: Vec::new(),
        relationships: Vec::new(),
        members,
        flags,
        json: None,
        open: false,
        derived: Vec::new(),
        values: None,
    }
}

/// Enum tables inside resource pages, under a `### xxx values` heading.
/// Values tables inside a resource page: a `### xxx values` heading over a member table.
struct ValueTables {
    /// Enum types (`### status values`).
    enums: Vec<TypeDef>,
    /// Allowed values of a property (`### roles property values`): property name, values,
    /// table line.
    properties: Vec<(String, Vec<EnumMember>, usize)>,
}

/// Enum tables inside resource pages, under a `### xxx values` heading; a `### xxx property
/// values` table lists the values of property `xxx`, not a type.
fn embedded_enums(ctx: &Ctx, version: ApiVersion) -> ValueTables {
    let mut out = ValueTables {
        enums: Vec::new(),
        properties: Vec::new(),
    };
    // The heading's name, and whether it names a property.
    let mut heading: Option<(String, bool)> = None;
    for b in &ctx.blocks {
        match b {
            Block::Heading { level, text, .. } if *level >= 3 => {
                let lower = text.to_lowercase();
                heading = match lower.strip_suffix(" property values") {
                    Some(_) => text
                        .split_whitespace()
                        .next()
                        .map(|n| (n.trim_matches(['*', '`']).to_string(), true)),
                    None => lower
                        .strip_suffix(" values")
                        .or_else(|| lower.strip_suffix(" enum values"))
                        .and_then(|_| title_name(text))
                        .map(|n| (n, false)),
                };
            }
            Block::Heading { .. } => heading = None,
            Block::Table { rows, line } if is_member_table(rows) => match heading.take() {
                Some((name, true)) => out.properties.push((name, read_members(rows), *line)),
                Some((name, false)) => out.enums.push(enum_type(
                    ctx,
                    version,
                    name,
                    *line,
                    read_members(rows),
                    false,
                )),
                None => {}
            },
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages read on their own: no include resolves.
    struct NoIncludes;
    impl Includes for NoIncludes {
        fn load(&self, _: &str, t: &str) -> Result<(String, String), String> {
            Err(t.to_string())
        }
    }

    #[test]
    fn sub_namespaces_are_read_from_the_namespace_line() {
        assert_eq!(sub_namespace("microsoft.graph"), None);
        assert_eq!(sub_namespace("microsoft.graph."), None);
        assert_eq!(
            sub_namespace("`microsoft.graph.callRecords`"),
            Some("callRecords".into())
        );
        assert_eq!(
            sub_namespace("microsoft.graph.ediscovery.ediscovery"),
            Some("ediscovery".into())
        );
        assert_eq!(sub_namespace("contoso.things"), None);
        // Bare names linked to a page of the namespace are the namespace's.
        let q =
            |name: &str, stem: &str| qualify(Some("externalConnectors"), name.into(), Some(stem));
        assert_eq!(
            q("externalItem", "externalconnectors-externalitem"),
            "externalConnectors.externalItem"
        );
        assert_eq!(q("identitySet", "identityset"), "identitySet");
        assert_eq!(q("Edm.String", "externalconnectors-x"), "Edm.String");
    }

    #[test]
    fn page_names_drop_version_and_locale() {
        assert_eq!(
            page_name("a/intune-x-synclicenses.beta.en-us.md"),
            "intune-x-synclicenses"
        );
        assert_eq!(
            page_name("intune-x-synclicenses.v1.0.zh-cn.md"),
            "intune-x-synclicenses"
        );
        assert_eq!(page_name("v1.0/api/user-get.md"), "user-get");
    }

    #[test]
    fn versions() {
        assert_eq!(
            version_of("en/api-reference/v1.0/api/x.md", []),
            Some(ApiVersion::V1)
        );
        assert_eq!(
            version_of("x.beta.en-us.md", [None]),
            Some(ApiVersion::Beta)
        );
        assert_eq!(
            version_of("x.md", [Some(ApiVersion::V1)]),
            Some(ApiVersion::V1)
        );
        assert_eq!(version_of("x.md", []), None);
    }

    /// The standard multi-enum pages: each `### x values` heading with its member table is an
    /// enum, in the page's namespace; the page itself names no type and is no finding.
    #[test]
    fn multi_enum_pages_give_one_enum_per_section() {
        let page = "---\ntitle: Call records enum values\ndoc_type: enumPageType\n---\n\n# Call records enum values\n\nNamespace: microsoft.graph.callRecords\n\n### callType values\n\n| Member\n|:--------------\n| unknown\n| groupCall\n\n### clientPlatform values\n\n| Member\n|:--------------\n| windows\n| macOS\n";
        let mut sink = Sink::new("v1.0/resources/enums-callrecords.md");
        let out = read_page(
            "v1.0/resources/enums-callrecords.md",
            page,
            &NoIncludes,
            &mut sink,
        );
        assert!(sink.items.is_empty(), "{:?}", sink.items);
        let enums: Vec<(&str, usize)> = out
            .types
            .iter()
            .map(|t| (t.name.as_str(), t.members.len()))
            .collect();
        assert_eq!(
            enums,
            [
                ("callRecords.callType", 2),
                ("callRecords.clientPlatform", 2)
            ]
        );
        assert!(out.types.iter().all(|t| t.kind == TypeKind::Enum));
    }

    /// "Inherited from [X] entity" in the introduction names the base, the link after the phrase
    /// (not an earlier one, nor one whose text is a prefix of it).
    #[test]
    fn the_prose_names_the_base_type() {
        let page = "---\ntitle: x\ndoc_type: resourcePageType\n---\n\n# domainDnsUnavailableRecord resource type\n\nFor a [Domain](domain.md) entity, when no record can be made, this one is returned. Inherited from [DomainDnsRecord](domaindnsrecord.md) entity.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|description|String|Why.|\n";
        let mut sink = Sink::new("beta/resources/domaindnsunavailablerecord.md");
        let out = read_page(
            "beta/resources/domaindnsunavailablerecord.md",
            page,
            &NoIncludes,
            &mut sink,
        );
        assert_eq!(out.types[0].base.as_deref(), Some("DomainDnsRecord"));
    }

    /// A base page's prose names its derived types: in a sentence, in the list a sentence opens
    /// with a colon, or in a `Derived types` section; a type the prose only uses is not one.
    #[test]
    fn the_prose_of_a_base_page_names_its_derived_types() {
        let derived = |intro: &str| {
            let page = format!("---\ntitle: x\ndoc_type: resourcePageType\n---\n\n# educationOutcome resource type\n\n{intro}\n\n## Properties\nNone.\n\n## JSON representation\n");
            let mut sink = Sink::new("v1.0/resources/educationoutcome.md");
            let out = read_page(
                "v1.0/resources/educationoutcome.md",
                &page,
                &NoIncludes,
                &mut sink,
            );
            out.types[0].derived.clone()
        };
        assert_eq!(
            derived("The result of grading an [assignment](educationassignment.md). This is a base class; the derived types are [educationFeedbackOutcome](educationfeedbackoutcome.md) and [educationPointsOutcome](educationpointsoutcome.md). See [the overview](../api/overview.md)."),
            ["educationFeedbackOutcome", "educationPointsOutcome"]
        );
        assert_eq!(
            derived("A base for outcomes. Supported derived types:\n\n- [educationRubricOutcome](educationrubricoutcome.md)\n- [educationPointsOutcome](educationpointsoutcome.md)\n\nUsed by [educationSubmission](educationsubmission.md)."),
            ["educationRubricOutcome", "educationPointsOutcome"]
        );
        assert_eq!(
            derived("An outcome.\n\n### Derived types\n\n|Type|Description|\n|:--|:--|\n|[educationFeedbackOutcome](educationfeedbackoutcome.md)|Text.|"),
            ["educationFeedbackOutcome"]
        );
        assert_eq!(
            derived("A risk event. It is the base type for each specific risk event type:\n\n|Event type|Description|\n|:--|:--|\n|[malwareRiskEvent](malwareriskevent.md)|Malware.|\n\nSee [the docs](/azure/overview)."),
            ["malwareRiskEvent"]
        );
        assert!(derived("Represents a base class for defining users who receive notifications on [accessReviewScheduleDefinition](accessreviewscheduledefinition.md) objects.").is_empty());
    }

    /// A front-matter description the docs tooling cut mid-sentence is completed from the
    /// paragraph it was cut from; a whole one is kept as written.
    #[test]
    fn cut_descriptions_are_completed_from_the_page() {
        let page = |fm: &str| {
            format!("---\ntitle: x\ndescription: \"{fm}\"\ndoc_type: resourcePageType\n---\n\n# gadget resource type\n\nTwo commands are supported. For an *AppService* call, specify the\n*type* and *payload* parameters.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Id.|\n")
        };
        let read = |fm: &str| {
            let mut sink = Sink::new("beta/resources/gadget.md");
            let out = read_page(
                "beta/resources/gadget.md",
                &page(fm),
                &NoIncludes,
                &mut sink,
            );
            out.types[0].description.clone()
        };
        assert_eq!(
            read("Two commands are supported. For an *AppService* call, specify the "),
            "Two commands are supported. For an AppService call, specify the type and payload parameters."
        );
        assert_eq!(read("Gadgets are small."), "Gadgets are small.");
        // Cut, but from no paragraph of the page: kept as written.
        assert_eq!(read("Something else, cut"), "Something else, cut");
    }

    /// A `### x property values` table gives property `x` its values (listed in its docs and
    /// checked in examples); it is no enum type. One for a property the type lacks is a note.
    #[test]
    fn property_values_tables_attach_to_their_property() {
        let page = "---\ntitle: x\ndoc_type: resourcePageType\n---\n\n# container resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|role|String|The role.|\n|state|containerState|The state.|\n\n### role property values\n\n|Value|Description|\n|:--|:--|\n|reader|Reads.|\n|writer|Writes.|\n\n### containerState values\n\n|Member|Description|\n|:--|:--|\n|active|On.|\n\n### roles property values\n\n|Value|Description|\n|:--|:--|\n|owner|Owns.|\n";
        let mut sink = Sink::new("v1.0/resources/container.md");
        let out = read_page("v1.0/resources/container.md", page, &NoIncludes, &mut sink);
        let names: Vec<&str> = out.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["container", "containerState"]);
        let role = &out.types[0].properties[0];
        let values: Vec<&str> = role.values.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(values, ["reader", "writer"]);
        let notes: Vec<String> = sink
            .items
            .into_iter()
            .filter(|d| d.code == Code::ValuesWithoutProperty)
            .map(|d| d.message)
            .collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("`roles property values`"));
    }

    /// One-cell bold rows group the rows of a property table; they are not properties and
    /// not unreadable ones. A property row without a type still is.
    #[test]
    fn group_label_rows_in_property_tables_are_skipped() {
        let page = "---\ntitle: x\ndoc_type: resourcePageType\n---\n\n# deviceThing resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Id.|\n|**Onboarding**|\n|**Mobile app management (MAM)**|\n|brand|String|Brand.|\n|&nbsp; **Device management**|||\n|On-boarding|\n|state||No type.|\n";
        let mut sink = Sink::new("beta/resources/devicething.md");
        let out = read_page(
            "beta/resources/devicething.md",
            page,
            &NoIncludes,
            &mut sink,
        );
        let names: Vec<&str> = out.types[0]
            .properties
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["id", "brand"]);
        let unreadable: Vec<&str> = sink
            .items
            .iter()
            .filter(|d| d.code == Code::UnreadableType)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(unreadable.len(), 1, "{unreadable:?}");
        assert!(unreadable[0].contains("`state`"));
    }

    /// A page that calls its type abstract may list no properties; any other such page is
    /// reported.
    #[test]
    fn empty_abstract_types_are_not_reported() {
        let findings = |intro: &str| {
            let page = format!("---\ntitle: x\ndoc_type: resourcePageType\n---\n\n# meetingThing resource type\n\n{intro}\n\n## Methods\n\nNone.\n");
            let mut sink = Sink::new("beta/resources/meetingthing.md");
            read_page(
                "beta/resources/meetingthing.md",
                &page,
                &NoIncludes,
                &mut sink,
            );
            sink.items
                .iter()
                .filter(|d| d.code == Code::NoProperties)
                .count()
        };
        assert_eq!(
            findings("This is an abstract class that contains meeting information."),
            0
        );
        assert_eq!(
            findings("The result of grading. This is a base class; the derived types are listed."),
            0
        );
        assert_eq!(findings("Represents a meeting thing."), 1);
    }

    /// Translated property names take the JSON representation's key that no other row names;
    /// a prose link names its type after the target page's file, area prefix aside.
    #[test]
    fn translated_property_names_come_from_the_json_representation() {
        let page = "---\ntitle: x\nms.contentlocale: zh-CN\ndoc_type: resourcePageType\n---\n\n# deviceCategory 资源类型\n\n## 属性\n\n|属性|类型|说明|\n|:--|:--|:--|\n|id|字符串|标识符。|\n|说明|String|说明。|\n|state|[支持](../resources/intune-onboarding-enablement.md)|状态。|\n\n## JSON 表示形式\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.deviceCategory\" } -->\n```json\n{\"@odata.type\": \"#microsoft.graph.deviceCategory\", \"id\": \"String\", \"description\": \"String\", \"state\": \"String\"}\n```\n";
        let mut sink = Sink::new("v1.0/resources/intune-onboarding-devicecategory.md");
        let out = read_page(
            "v1.0/resources/intune-onboarding-devicecategory.md",
            page,
            &NoIncludes,
            &mut sink,
        );
        let props: Vec<(&str, &str)> = out.types[0]
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.type_name.as_str()))
            .collect();
        assert_eq!(
            props,
            [
                ("id", "Edm.String"),
                ("description", "Edm.String"),
                ("state", "enablement")
            ]
        );
        let notes: Vec<&crate::diag::Diagnostic> = sink
            .items
            .iter()
            .filter(|d| d.code == Code::TranslatedName)
            .collect();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].severity, crate::diag::Severity::Note);
    }

    #[test]
    fn types_a_body_paragraph_represents() {
        let en = "In the request body, supply a JSON representation for the iosLobApp object.";
        assert_eq!(represented_type(en), Some("iosLobApp".into()));
        assert_eq!(
            represented_type("supply a JSON representation of the **user** object."),
            Some("user".into())
        );
        let zh = "在请求正文中，提供 iosLobApp 对象的 JSON 表示形式。";
        assert_eq!(represented_type(zh), Some("iosLobApp".into()));
        // Not a type: the words after "representation" name no object.
        assert_eq!(
            represented_type("supply a JSON representation of the properties to update."),
            None
        );
        assert_eq!(
            represented_type("In the request body, supply the values."),
            None
        );
    }

    #[test]
    fn primitives_named_in_prose() {
        let read = primitive_response;
        let pair = |n: &str, c: bool| Some((n.to_string(), c));
        assert_eq!(
            read("returns a `200 OK` response code and a String in the response body."),
            pair("Edm.String", false)
        );
        assert_eq!(
            read("returns a `200 OK` response code and a Boolean value `true`"),
            pair("Edm.Boolean", false)
        );
        assert_eq!(
            read("returns a String collection object"),
            pair("Edm.String", true)
        );
        assert_eq!(
            read("此函数会在响应正文中返回 `200 OK` 响应代码和一个 Int32。"),
            pair("Edm.Int32", false)
        );
        // An object says nothing; a word that happens to be a type name in other prose neither.
        assert_eq!(read("returns an object in the response body"), None);
        assert_eq!(read("the date on which the string was set"), None);
    }

    #[test]
    fn statuses_in_prose() {
        assert_eq!(find_statuses("returns a `200 OK` response code"), [200]);
        assert_eq!(find_statuses("返回 `204 No Content` 响应代码"), [204]);
        assert!(find_statuses("up to 1000 items").is_empty());
        assert_eq!(
            find_statuses("`204 No Content`; with `Prefer`, 200 OK and the object"),
            [204, 200]
        );
    }

    #[test]
    fn relative_links() {
        assert_eq!(
            resolve_rel("v1.0/api/x.md", "../resources/user.md"),
            Some("v1.0/resources/user.md".into())
        );
        assert_eq!(resolve_rel("x.md", "../../y.md"), None);
        assert_eq!(resolve_rel("x.md", "https://a/b.md"), None);
    }
}
