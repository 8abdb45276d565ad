//! The model: plain data read from docs pages, consumed by emission and checking.
//!
//! Every collection is ordered deterministically (sorted by version, name and source once the
//! whole docs set is read), so the same pages always give the same model whatever the file
//! order or thread count. Field names serialize in camelCase; this is the `graphdoc model` JSON.

use serde::Serialize;

use crate::diag::Diagnostic;

mod edm;
pub use edm::Edm;

/// Everything read from one or more docs trees.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Model {
    /// API operations, one per `apiPageType` page.
    pub operations: Vec<Operation>,
    /// Entity, complex and enum types from resource and enum pages.
    pub types: Vec<TypeDef>,
    /// Everything the reader could not fully understand, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages read, by doc type, for summaries.
    pub pages: PageCounts,
}

/// How many pages of each kind were read.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PageCounts {
    /// All markdown pages read.
    pub total: usize,
    /// `apiPageType` pages.
    pub api: usize,
    /// `resourcePageType` pages.
    pub resource: usize,
    /// `enumPageType` pages.
    pub enumeration: usize,
    /// Pages of any other doc type (conceptual, overview…), read but not modelled.
    pub other: usize,
}

/// The Graph API version a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ApiVersion {
    /// `v1.0`
    #[serde(rename = "v1.0")]
    V1,
    /// `beta`
    #[serde(rename = "beta")]
    Beta,
}

impl ApiVersion {
    /// The version as it appears in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

/// Where a model item came from: a page (path relative to its docs root) and a 1-based line.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// Path relative to the docs root, with `/` separators.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
}

/// One documented operation (one `apiPageType` page).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// API version.
    pub version: ApiVersion,
    /// The page's stem with any version/locale suffix removed, e.g. `user-get`.
    pub name: String,
    /// Page path relative to the docs root.
    pub source: String,
    /// Page title from the front matter.
    pub title: String,
    /// Page description from the front matter.
    pub description: String,
    /// Locale, e.g. `en-US`, `zh-CN`.
    pub locale: String,
    /// `ms.prod` of the page (the workload), if any.
    pub workload: Option<String>,
    /// HTTP method in upper case (`GET`, `POST`…), from the first request path.
    pub method: String,
    /// Every documented alternative path, in page order.
    pub paths: Vec<HttpPath>,
    /// Permissions required to call the operation: every table's (and include's) together,
    /// least privileged first within each.
    pub permissions: Option<Permissions>,
    /// Each table or per-resource row on its own, where the page has more than one set.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub permission_sets: Vec<PermissionSet>,
    /// Documented request headers.
    pub request_headers: Vec<Header>,
    /// OData query options the page's query parameters section names (`$select`, `$filter`…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    /// What the request body carries.
    pub request_body: RequestBody,
    /// A function's optional parameters (`## Function parameters` rows that say "optional",
    /// such as delta's `token`): not in its URL unless the caller adds them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional_parameters: Vec<Property>,
    /// The documented success response.
    pub response: Response,
    /// Example requests and responses, in page order.
    pub examples: Vec<Example>,
    /// Line of the HTTP request block.
    pub line: usize,
}

/// One documented request path, e.g. `/users/{id | userPrincipalName}/photo/$value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpPath {
    /// The method on this path's line (may differ from the operation's first method).
    pub method: String,
    /// The path as written, without the query string.
    pub path: String,
    /// The query string as written (without `?`), if any.
    pub query: Option<String>,
    /// Path segments, in order.
    pub segments: Vec<Segment>,
    /// Line of the path in the page.
    pub line: usize,
}

impl HttpPath {
    /// The path parameters, in order of appearance (a repeated name appears twice).
    pub fn parameters(&self) -> impl Iterator<Item = &PathParam> {
        self.segments
            .iter()
            .flat_map(|s| s.parts.iter())
            .filter_map(|p| match p {
                Part::Param(p) => Some(p),
                Part::Text(_) => None,
            })
    }
}

/// A segment of a request path (between `/`), e.g. `users`, `{id}`, `range(address='{address}')`
/// or a drive path `root:/{item-path}:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    /// Literal text and parameters, in order (`Segment::text` gives the segment as written).
    pub parts: Vec<Part>,
}

impl Segment {
    /// The segment as written, e.g. `range(address='{address}')`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Param(p) => {
                    out.push('{');
                    out.push_str(&p.raw);
                    out.push('}');
                }
            }
        }
        out
    }

    /// Whether this is a drive path segment such as `root:/{item-path}:`.
    pub fn is_drive_path(&self) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p, Part::Text(t) if t.contains(":/")))
    }
}

/// A piece of a path segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Part {
    /// Literal text.
    Text(String),
    /// A `{…}` parameter.
    Param(PathParam),
}

/// A path parameter such as `{id | userPrincipalName}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PathParam {
    /// The placeholder as written between the braces, trimmed.
    pub raw: String,
    /// Alternative names (`id | userPrincipalName` gives two), first is the primary name.
    pub names: Vec<String>,
}

/// Permissions of an operation; each list holds scope names, least privileged first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: Vec<String>,
    /// Delegated (personal Microsoft account).
    pub delegated_personal: Vec<String>,
    /// Application.
    pub application: Vec<String>,
}

impl Permissions {
    /// Adds `other`'s permissions that `self` lacks, after its own (least privileged first
    /// within each source).
    pub fn merge(&mut self, other: &Permissions) {
        for (mine, theirs) in [
            (&mut self.delegated_work, &other.delegated_work),
            (&mut self.delegated_personal, &other.delegated_personal),
            (&mut self.application, &other.application),
        ] {
            for p in theirs {
                if !mine.contains(p) {
                    mine.push(p.clone());
                }
            }
        }
    }

    /// Whether no kind of token is supported.
    pub fn is_empty(&self) -> bool {
        self.delegated_work.is_empty()
            && self.delegated_personal.is_empty()
            && self.application.is_empty()
    }
}

/// Permissions that apply to part of an operation: one table of a page with several (each for
/// a scenario: "Permissions acting on other users", "Permissions for chat"), or one row of a
/// per-resource table (`| [event](…) | Calendars.Read | … |`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionSet {
    /// What the docs say the set applies to: the table's heading, or the row's resource cell
    /// (`chatMessage (/chats/{id}/messages)`); empty for a table under no heading of its own.
    pub applies_to: String,
    /// The resource type a per-resource row links (`event`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The set's permissions. A requirement of several scopes at once is one entry,
    /// `A and B`.
    pub permissions: Permissions,
}

/// A documented request header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// Header name as written (translated names such as `接受` are mapped back to `Accept`).
    pub name: String,
    /// Value or description.
    pub value: String,
}

/// What a request body carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum RequestBody {
    /// No body (or the section says not to supply one).
    None,
    /// A JSON representation of a documented type.
    Type {
        /// The type, e.g. `user`.
        #[serde(rename = "type")]
        type_name: String,
    },
    /// Named parameters (actions, updates), from a Parameter/Property | Type | Description table.
    Parameters {
        /// The parameters, in table order.
        parameters: Vec<Property>,
        /// The type the section says the body represents ("supply a JSON representation of
        /// the X object" before the table, as create and update pages say), if it names one.
        #[serde(skip_serializing_if = "Option::is_none")]
        represents: Option<String>,
    },
    /// A body whose shape the page does not document in a readable way.
    Unknown,
}

/// The documented success response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// Status code, e.g. 200, 201, 204.
    pub status: Option<u16>,
    /// Returned type (bare name such as `vppToken`, or `Edm.String`), if any.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// Whether a collection of `type` is returned.
    pub collection: bool,
    /// Other success statuses the section names beside `status`: "returns `204 No Content`…
    /// with `Prefer: return=representation`, `200 OK` and the updated object".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<u16>,
    /// The page the type link points to, relative to the docs root, if the response names one.
    pub link: Option<String>,
    /// Whether the type is a name in the prose, not a link: kept only where a page defines it.
    /// Internal to reading.
    #[serde(skip)]
    pub unlinked: bool,
}

/// One example: a request and the response that follows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Example {
    /// The annotation's `name`, if any.
    pub name: Option<String>,
    /// The example request, if the page shows one.
    pub request: Option<ExampleRequest>,
    /// The example response, if the page shows one.
    pub response: Option<ExampleResponse>,
}

/// An example request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleRequest {
    /// HTTP method.
    pub method: String,
    /// URL as written.
    pub url: String,
    /// Version from the URL, if the URL is absolute.
    pub version: Option<ApiVersion>,
    /// Path after the version, e.g. `/users/{id}`.
    pub path: String,
    /// Query string, without `?`.
    pub query: Option<String>,
    /// Headers, in order.
    pub headers: Vec<Header>,
    /// The body.
    pub body: Body,
    /// Line of the request line.
    pub line: usize,
}

/// An example response.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleResponse {
    /// Status code from the status line (absent when the block has no status line).
    pub status: Option<u16>,
    /// Headers, in order.
    pub headers: Vec<Header>,
    /// The body.
    pub body: Body,
    /// Annotation `truncated`.
    pub truncated: bool,
    /// Annotation `@odata.type`.
    pub odata_type: Option<String>,
    /// Annotation `isCollection`.
    pub is_collection: bool,
    /// Line of the status line.
    pub line: usize,
}

/// An example body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum Body {
    /// No body.
    None,
    /// A valid JSON body.
    Json(Json),
    /// A body that is not valid JSON (a diagnostic says why), or not JSON at all.
    Text(String),
}

/// A JSON document checked at read time and kept as the docs wrote it (key order, number
/// spelling); [`Json::value`] builds the tree when a consumer needs one. Keeping text instead of
/// trees keeps the model a fraction of the size and reading close to the markdown parse.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Json(Box<serde_json::value::RawValue>);

impl Json {
    /// Checks `text` and keeps it (surrounding whitespace trimmed).
    pub fn parse(text: &str) -> Result<Json, serde_json::Error> {
        let raw = match serde_json::from_str::<&serde_json::value::RawValue>(text) {
            Ok(raw) => raw,
            // The checking pass words some errors vaguely ("key must be a string" for a
            // trailing comma); the tree builder names them.
            Err(e) => {
                return Err(serde_json::from_str::<serde_json::Value>(text)
                    .err()
                    .unwrap_or(e))
            }
        };
        // The checking pass has no nesting limit; the tree builder stops at 128 levels. Deep
        // documents go to the tree builder, so what passes here always builds.
        // Counting brackets is branch-free and vectorizes; only a document with that many
        // gets the exact (stateful) nesting scan.
        let brackets = raw
            .get()
            .bytes()
            .filter(|&b| b == b'[' || b == b'{')
            .count();
        if brackets > 100 && nesting(raw.get()) > 100 {
            return serde_json::from_str::<serde_json::Value>(text).map(Json::from);
        }
        Ok(Json(raw.to_owned()))
    }

    /// The JSON text as written.
    pub fn text(&self) -> &str {
        self.0.get()
    }

    /// The JSON as a tree. The text was checked when read, so this does not fail.
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or(serde_json::Value::Null)
    }
}

/// The deepest nesting of arrays and objects in a JSON text (brackets inside strings aside).
fn nesting(text: &str) -> usize {
    let (mut depth, mut max, mut in_str, mut escaped) = (0usize, 0usize, false, false);
    for &b in text.as_bytes() {
        if in_str {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

impl From<serde_json::Value> for Json {
    fn from(v: serde_json::Value) -> Json {
        Json(serde_json::value::to_raw_value(&v).expect("a Value always serializes"))
    }
}

/// Equal when the documents are equal as JSON (whitespace and key order aside).
impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        self.text() == other.text() || self.value() == other.value()
    }
}

/// Whether a JSON key is an OData annotation (`@odata.type`, `prop@odata.nextLink`) rather
/// than a property: the walks over example JSON skip these.
pub fn is_annotation(key: &str) -> bool {
    key.starts_with('@') || key.contains("@odata.")
}

/// What kind of type a [`TypeDef`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    /// Has a key (`keyProperty` or an `id`), addressable by URL.
    Entity,
    /// A structured value without identity.
    Complex,
    /// An enumeration.
    Enum,
}

/// An entity, complex or enum type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeDef {
    /// API version.
    pub version: ApiVersion,
    /// Bare type name, e.g. `vppToken`.
    pub name: String,
    /// Entity, complex or enum.
    pub kind: TypeKind,
    /// Base type by bare name, e.g. `entity`.
    pub base: Option<String>,
    /// Page path relative to the docs root.
    pub source: String,
    /// Line of the definition (the property or member table).
    pub line: usize,
    /// Description from the front matter.
    pub description: String,
    /// `ms.prod` of the page (the workload), if any.
    pub workload: Option<String>,
    /// Locale of the page.
    pub locale: String,
    /// Structural properties, in table order.
    pub properties: Vec<Property>,
    /// Navigation properties (relationships), in table order.
    pub relationships: Vec<Property>,
    /// Enum members, in table order.
    pub members: Vec<EnumMember>,
    /// Whether the enum is a flags enum.
    pub flags: bool,
    /// The JSON representation block, if the page has one.
    pub json: Option<Json>,
    /// An open type (`"openType": true`): instances may carry members the page does not list.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// Types the page's prose names as derived from this one ("a base class; the derived types
    /// are [a](…), [b](…)"): reading gives them this base where their own pages name none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<String>,
    /// An open type used as a dictionary: the type of every member's value, as its page says
    /// ("their values must be [checklistItem](…) objects", "their values being the `true`
    /// boolean").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<String>,
}

/// A property, relationship or action parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// Wire name, e.g. `displayName`.
    pub name: String,
    /// `Edm.*` for primitives, else a bare type name such as `vppTokenState`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Whether the value is a collection.
    pub collection: bool,
    /// Description cell text.
    pub description: String,
    /// Line of the table row.
    pub line: usize,
    /// The page the type cell links (relative to the docs root, no fragment): the type is the
    /// one that page defines, whatever the link text says. Internal to reading.
    #[serde(skip)]
    pub link: Option<String>,
    /// The values a `### <property> property values` table lists for it (a string property
    /// documented with allowed values rather than an enum type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<EnumMember>,
}

/// An enum member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumMember {
    /// Wire name, e.g. `inProgress`.
    pub name: String,
    /// Numeric value if documented.
    pub value: Option<i64>,
    /// Description cell text.
    pub description: String,
}

impl Model {
    /// The first type named `name` (case-insensitive) in `version`; for a qualified name that no
    /// page of its namespace defines, the type of its unqualified name; for a bare name no page
    /// of `microsoft.graph` defines, the one sub-namespace type of that name.
    pub fn find_type(&self, version: ApiVersion, name: &str) -> Option<&TypeDef> {
        self.find_exact_type(version, name)
            .or_else(|| unqualified(name).and_then(|bare| self.find_exact_type(version, bare)))
            .or_else(|| {
                // A bare name that only one sub-namespace defines (an ediscovery page writing
                // `reviewSetQuery`) is that type.
                let mut found = self.types.iter().filter(|t| {
                    t.version == version
                        && unqualified(&t.name).is_some_and(|n| n.eq_ignore_ascii_case(name))
                        && !name.contains('.')
                });
                let first = found.next()?;
                found
                    .all(|t| t.name.eq_ignore_ascii_case(&first.name))
                    .then_some(first)
            })
    }

    /// [`Model::find_type`] without the fallback to the unqualified name.
    fn find_exact_type(&self, version: ApiVersion, name: &str) -> Option<&TypeDef> {
        // Types are sorted by (version, name): an exact-case name is a binary search away; other
        // casings fall back to a scan.
        let at = self
            .types
            .partition_point(|t| (t.version, t.name.as_str()) < (version, name));
        match self.types.get(at) {
            Some(t) if t.version == version && t.name == name => Some(t),
            _ => self
                .types
                .iter()
                .find(|t| t.version == version && t.name.eq_ignore_ascii_case(name)),
        }
    }

    /// The base chain of a type, nearest first, stopping at unknown bases and cycles.
    pub fn ancestors<'a>(&'a self, t: &'a TypeDef) -> Vec<&'a TypeDef> {
        let mut out: Vec<&TypeDef> = Vec::new();
        let mut cur = t;
        while let Some(base) = cur.base.as_deref() {
            match self.find_type(t.version, base) {
                Some(b) if !std::ptr::eq(b, t) && !out.iter().any(|o| std::ptr::eq(*o, b)) => {
                    out.push(b);
                    cur = b;
                }
                _ => break,
            }
        }
        out
    }

    /// A type's own properties followed by inherited ones (nearest base first); a property
    /// redeclared by a derived type hides the base's.
    pub fn all_properties<'a>(&'a self, t: &'a TypeDef) -> Vec<&'a Property> {
        self.collect(t, |t| &t.properties)
    }

    /// All properties, then all relationships (navigation properties, present under
    /// `$expand`), own before inherited.
    pub fn all_members<'a>(&'a self, t: &'a TypeDef) -> Vec<&'a Property> {
        let mut out = self.all_properties(t);
        for r in self.collect(t, |t| &t.relationships) {
            if !out.iter().any(|o| o.name == r.name) {
                out.push(r);
            }
        }
        out
    }

    fn collect<'a>(
        &'a self,
        t: &'a TypeDef,
        f: impl Fn(&'a TypeDef) -> &'a Vec<Property>,
    ) -> Vec<&'a Property> {
        let mut out: Vec<&Property> = f(t).iter().collect();
        for b in self.ancestors(t) {
            for p in f(b) {
                if !out.iter().any(|o| o.name == p.name) {
                    out.push(p);
                }
            }
        }
        out
    }
}

/// A type name as the model keys it: the `microsoft.graph.` prefix goes, a sub-namespace stays
/// (`#microsoft.graph.vppToken` → `vppToken`, `microsoft.graph.callRecords.session` →
/// `callRecords.session`), so types of sub-namespaces never merge with same-named ones.
pub fn bare_name(s: &str) -> &str {
    let s = s.trim().trim_start_matches('#');
    for ns in ["microsoft.graph.", "Microsoft.Graph.", "graph."] {
        if let Some(rest) = s.strip_prefix(ns) {
            return rest;
        }
    }
    s
}

/// The item type a `Collection(x)` names (`collection(x)` too), as type cells and example
/// annotations write it; `None` for a name that is no collection.
pub fn collection_item(name: &str) -> Option<&str> {
    name.strip_prefix("Collection(")
        .or_else(|| name.strip_prefix("collection("))
        .map(|inner| inner.trim_end_matches(')'))
}

/// The name without its sub-namespace (`callRecords.session` → `session`), for a reference
/// whose namespace has no page of that type (`microsoft.graph.security.alert` where `alert` is
/// documented in `microsoft.graph`); `None` for a name without one.
pub fn unqualified(name: &str) -> Option<&str> {
    name.rsplit_once('.')
        .map(|(_, n)| n)
        .filter(|n| !n.is_empty())
}

/// The sub-namespace of a type name (`callRecords.session` → `callRecords`).
pub fn namespace_of(name: &str) -> Option<&str> {
    name.rsplit_once('.').map(|(ns, _)| ns)
}

/// `%20` → ` ` in a URL the docs wrote (invalid escapes are kept as written).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_keep_their_sub_namespace() {
        assert_eq!(bare_name("#microsoft.graph.user"), "user");
        assert_eq!(
            bare_name("microsoft.graph.callRecords.session"),
            "callRecords.session"
        );
        assert_eq!(unqualified("callRecords.session"), Some("session"));
        assert_eq!(unqualified("session"), None);
        assert_eq!(namespace_of("callRecords.session"), Some("callRecords"));
        let t = |name: &str| TypeDef {
            version: ApiVersion::V1,
            name: name.into(),
            kind: TypeKind::Complex,
            base: None,
            source: format!("{name}.md"),
            line: 1,
            description: String::new(),
            workload: None,
            locale: "en-US".into(),
            properties: Vec::new(),
            relationships: Vec::new(),
            members: Vec::new(),
            flags: false,
            open: false,
            json: None,
            derived: Vec::new(),
            values: None,
        };
        let mut types = vec![
            t("alert"),
            t("callRecords.session"),
            t("endpoint"),
            t("callRecords.endpoint"),
        ];
        types.sort_by(|a, b| a.name.cmp(&b.name));
        let m = Model {
            types,
            ..Model::default()
        };
        let found = |n: &str| m.find_type(ApiVersion::V1, n).map(|t| t.name.as_str());
        // Qualified and bare names are different types.
        assert_eq!(found("endpoint"), Some("endpoint"));
        assert_eq!(found("callRecords.Endpoint"), Some("callRecords.endpoint"));
        // A namespace without a page of the type falls back to the unqualified name...
        assert_eq!(found("security.alert"), Some("alert"));
        // ...and a bare name only one sub-namespace defines is that type.
        assert_eq!(found("session"), Some("callRecords.session"));
        assert_eq!(found("nothing"), None);
    }

    #[test]
    fn json_keeps_text_and_builds_tree() {
        let j = Json::parse(" {\"b\": 1, \"a\": [\"]\", {\"c\": \"\\\"{\"}]} ").expect("valid");
        // Kept as written: key order and spelling survive (the mock serves it verbatim).
        assert_eq!(j.text(), "{\"b\": 1, \"a\": [\"]\", {\"c\": \"\\\"{\"}]}");
        assert_eq!(j.value()["a"][1]["c"], "\"{");
        assert_eq!(j, Json::from(j.value()));
        assert_eq!(nesting(j.text()), 3);
    }

    #[test]
    fn json_rejects_what_the_tree_builder_rejects() {
        let trailing = Json::parse("{\"a\": 1,}").expect_err("trailing comma");
        assert!(
            trailing.to_string().contains("trailing comma"),
            "{trailing}"
        );
        assert!(Json::parse("[1] x").is_err());
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let err = Json::parse(&deep).expect_err("too deep for a tree");
        assert!(err.to_string().contains("recursion limit"), "{err}");
        let fine = format!("{}{}", "[".repeat(120), "]".repeat(120));
        assert_eq!(
            Json::parse(&fine).map(|j| j.value().is_array()).ok(),
            Some(true)
        );
    }
}
