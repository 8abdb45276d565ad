//! Diagnostics: what graphdoc could not fully understand, with file and line, and the one table
//! of finding codes (each with its severity, hint and explanation).

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

/// Declares the finding codes: each with its kebab-case name, default severity, one-line hint and
/// explanation (what it means, an example, the fix), so one table serves the reader, the planner,
/// `check`, the renderers and `graphdoc check --explain`.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal, $sev:ident,
        hint: $hint:literal, explain: $explain:literal;)*) => {
        /// A finding's code: stable across releases, printed in kebab case (`example-type-mismatch`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The kebab-case name (`invalid-example-json`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity a finding with this code has unless its reporter says otherwise.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// A one-line fix.
            pub fn hint(self) -> &'static str {
                match self { $(Code::$variant => $hint,)* }
            }

            /// What the finding means, an example of it, and the fix (`graphdoc check --explain`).
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explain,)* }
            }
        }
    };
}

codes! {
    /// A `--docs` path is missing or not a directory.
    NoDocsDir = "no-docs-dir", Error,
        hint: "pass an existing docs directory (the folder holding api-reference/ or its pages)",
        explain: "A docs root given to graphdoc does not exist or is a file.\n\nExample: `graphdoc generate --docs ../docs-inptu` (a typo).\n\nFix: name the directory that holds the pages; nothing is written until it is read.";
    /// A directory under a docs root cannot be listed.
    UnreadableDir = "unreadable-dir", Error,
        hint: "check the directory's permissions",
        explain: "A directory under a docs root could not be listed (permissions, I/O error). Its pages are not read.\n\nFix: make the directory readable.";
    /// A page cannot be read.
    UnreadableFile = "unreadable-file", Error,
        hint: "check the file's permissions",
        explain: "A page could not be read. The other pages are read as usual.\n\nFix: make the file readable.";
    /// A page that is not UTF-8.
    NotUtf8 = "not-utf8", Warning,
        hint: "save the page as UTF-8",
        explain: "The page is not valid UTF-8. It is read with the invalid bytes replaced, so names or values near them may be wrong.\n\nFix: save the page as UTF-8.";
    /// A symlinked directory is not followed.
    SymlinkSkipped = "symlink-skipped", Note,
        hint: "link the pages themselves, or pass the target as a docs root",
        explain: "Symlinked directories are not followed, so a link loop can never hang a run. Symlinked pages are read.\n\nFix: pass the link's target as another `--docs` root if its pages belong in the set.";
    /// A page has no YAML front matter.
    NoFrontMatter = "no-front-matter", Note,
        hint: "start the page with a --- front matter block (title, description, ms.prod, doc_type)",
        explain: "The page does not start with a `---` YAML block, so its workload and doc type are unknown.\n\nExample: a page that begins with `# Get user`.\n\nFix: add the front matter the docs use (`title`, `description`, `ms.prod`, `doc_type`).";
    /// `doc_type` names another kind of page than the page is.
    DocTypeMismatch = "doc-type-mismatch", Warning,
        hint: "set doc_type in the front matter to what the page documents",
        explain: "The front matter's `doc_type` says the page is one kind (apiPageType, resourcePageType, enumPageType) but its content is another.\n\nExample: `doc_type: resourcePageType` on a page with an HTTP request section.\n\nFix: set `doc_type` to what the page documents.";
    /// A section heading graphdoc does not know.
    UnknownSection = "unknown-section", Note,
        hint: "use a standard heading (HTTP request, Request body, Response…) or an <a name> anchor",
        explain: "A `##` section is neither a standard heading (in any locale) nor a known anchor, so its content is not read.\n\nFix: use the standard heading or add the standard `<a name=\"…\">` anchor.";
    /// The page's path names no API version.
    UnknownVersion = "unknown-version", Warning,
        hint: "keep API pages under api-reference/v1.0 or api-reference/beta",
        explain: "The page is not under a `v1.0` or `beta` directory, so it is bound to no version.\n\nFix: move the page under `api-reference/v1.0/…` or `api-reference/beta/…`.";
    /// An API page without an HTTP request block.
    MissingHttpRequest = "missing-http-request", Warning,
        hint: "add an ```http block with `METHOD /path` under HTTP request",
        explain: "An API page has no readable HTTP request section, so it documents no operation.\n\nExample: the section shows the path in prose only.\n\nFix: add a fenced ```http block with lines such as `GET /users/{id}`.";
    /// A line in the HTTP request block is not `METHOD /path`.
    UnreadableRequestLine = "unreadable-request-line", Note,
        hint: "write each request line as `METHOD /path`",
        explain: "A line of the HTTP request block is neither `METHOD /path` nor a header; it is skipped.\n\nFix: write `METHOD /path` (one per line) and move prose out of the block.";
    /// An API page without permissions.
    MissingPermissions = "missing-permissions", Warning,
        hint: "add a permissions table (Permission type | Permissions)",
        explain: "The page documents an operation but no permissions table or permissions include was found, so the binding lists no scopes.\n\nFix: add the Permissions section with its table (or the `[!INCLUDE [permissions-table](…)]` include).";
    /// An operation without permissions reaches the bindings.
    NoPermissions = "no-permissions", Note,
        hint: "add a permissions table (Permission type | Permissions)",
        explain: "The operation's function documents no permission scopes, because no page that documents it has a readable permissions table.\n\nFix: add the permissions table to the page.";
    /// A permissions table cell that is not a list of scopes.
    UnreadablePermission = "unreadable-permission", Warning,
        hint: "list bare scope names separated by commas; move notes out of the table",
        explain: "A permissions cell holds something other than scope names (prose, a sentence, an unknown row type).\n\nExample: `| Delegated (work or school account) | See the note below |`.\n\nFix: list bare scope names separated by commas and move notes below the table.";
    /// An `[!INCLUDE]` that names a missing file.
    DanglingInclude = "dangling-include", Warning,
        hint: "fix the include path, relative to the page",
        explain: "An `[!INCLUDE […](path)]` names a file that is not in the docs set.\n\nFix: correct the path (it is relative to the page).";
    /// A property whose type cell cannot be read.
    UnreadableType = "unreadable-type", Warning,
        hint: "give the property a type such as String, Int32 or a linked resource",
        explain: "A property table row's Type cell names no Edm primitive and no type. The property is bound as JSON.\n\nExample: `| displayName | | The name. |`.\n\nFix: give the type (String, Int32, DateTimeOffset, a linked resource, `X collection`).";
    /// A link that should name a type leads to no type page.
    UnresolvableTypeLink = "unresolvable-type-link", Warning,
        hint: "point the link at an existing resource page",
        explain: "A type written as a link (`[user](user.md)`) leads to no resource, complex or enum page of the docs set.\n\nFix: point the link at the resource page, or fix the file name.";
    /// A link whose target differs from a page only in case.
    LinkCaseMismatch = "link-case-mismatch", Note,
        hint: "spell the link's file name as the page's (file names are case-sensitive on most hosts)",
        explain: "A type link names a page that exists only under another casing (`ediscovery-tagOperation.md` for `ediscovery-tagoperation.md`). graphdoc reads the page it means; a case-sensitive web host would not find it.\n\nFix: spell the file name exactly as the page's.";
    /// A `<!-- { … } -->` annotation that is not valid JSON.
    MalformedAnnotation = "malformed-annotation", Note,
        hint: "make the <!-- { … } --> annotation valid JSON",
        explain: "An example's `<!-- { \"blockType\": … } -->` annotation is not valid JSON, so what it says (truncated, the example's type) is lost.\n\nFix: make the annotation valid JSON.";
    /// An example block that cannot be read.
    UnreadableExample = "unreadable-example", Warning,
        hint: "put the request line and headers, a blank line, then the body in the ```http block",
        explain: "An example block has no readable request or response line.\n\nFix: start an example request with `METHOD URL` and a response with `HTTP/1.1 STATUS`.";
    /// A resource or enum page whose title names no type.
    UnnamedType = "unnamed-type", Warning,
        hint: "title the page `X resource type` or `X enum type`",
        explain: "A resource or enum page's title does not say which type it defines.\n\nFix: title it `<name> resource type` (or `enum type`).";
    /// A table graphdoc cannot read.
    UnreadableTable = "unreadable-table", Warning,
        hint: "use the standard columns (Property | Type | Description, Member | Value | Description)",
        explain: "A property or member table has columns graphdoc does not recognise, so its rows are not read.\n\nFix: use the standard column headers.";
    /// A property table row whose name was translated (`说明` for `description`).
    TranslatedName = "translated-name", Warning,
        hint: "keep property names in the wire form (`description`), translate only the description",
        explain: "A translated page renamed a property in its table (`说明` where the wire name is `description`). graphdoc takes the name from the page's JSON representation when it can tell which key it is (a note says so); otherwise the property keeps the translated name and the bindings cannot read it.\n\nFix: keep the wire names untranslated in the Property column.";
    /// A `### x property values` table for a property its page's type does not have.
    ValuesWithoutProperty = "values-without-property", Note,
        hint: "put the values table on the page of the type that has the property, or fix the heading's name",
        explain: "A `### <property> property values` table lists the allowed values of a property of the page's type, but the type has no property of that name, so the values document nothing in the bindings.\n\nExample: fileStorageContainer.md lists `### roles property values`, but `roles` is a property of permission, linked from the Relationships table.\n\nFix: move the table to the page of the type that has the property, or correct the name in the heading.";
    /// A resource page's JSON representation that is not valid JSON.
    InvalidResourceJson = "invalid-resource-json", Note,
        hint: "make the JSON representation block valid JSON (placeholders as strings)",
        explain: "The resource page's JSON representation block is not valid JSON, so it cannot fill in what the property table leaves out.\n\nFix: make it valid JSON; write placeholders as strings.";
    /// A resource page without properties.
    NoProperties = "no-properties", Warning,
        hint: "add a Properties section with a Property | Type | Description table",
        explain: "A resource page has no readable Properties table, so its type is bound with no fields.\n\nFix: add a Properties section with a `Property | Type | Description` table.";
    /// Two pages define one type; their properties are merged.
    MergedType = "merged-type", Note,
        hint: "keep one resource page per type",
        explain: "Two resource pages of one version define the same type. graphdoc merges their properties into the first.\n\nFix: keep one page per type, or rename one.";
    /// A type's base is named only by the base type's page.
    BaseFromProse = "base-from-prose", Note,
        hint: "say \"Inherits from [base](base.md)\" on the derived type's page too",
        explain: "A resource page names types derived from it (\"This is a base class; the derived types are [educationFeedbackOutcome](…), …\") and the derived type's own page names no base. graphdoc takes the base page's word: the derived type inherits its properties, and responses of the base type read it.\n\nFix: add \"Inherits from [educationOutcome](educationoutcome.md).\" to the derived type's page, or a `baseType` to its resource annotation.";
    /// A translated page lacks properties its English twin types; the twin's are bound.
    FilledFromTwin = "filled-from-twin", Note,
        hint: "fix the translated rows (a type or name the reader could not read), or re-translate the page",
        explain: "A type is documented in two locales, and the translated page lacks properties that the English twin has: rows whose type or name the reader could not read (`双精度`-style words it does not know, translated names the JSON representation does not settle) or rows of another docs revision. The binding follows the English twin, which types them.\n\nExample: a zh-CN `plannerTask` page whose `dueDateTime` row says `日期时间偏移` beside an English twin typing it `DateTimeOffset`.\n\nFix: correct the translated rows.";
    /// Two pages of one locale define one type; only the first is used.
    DuplicateType = "duplicate-type", Warning,
        hint: "keep one resource page per type",
        explain: "Two pages of the same locale define one type name; the first (by path) is used.\n\nFix: remove or rename the duplicate.";
    /// An enum with a repeated member.
    DuplicateMember = "duplicate-member", Warning,
        hint: "list each enum member once",
        explain: "An enum table lists a member twice (after casing). The first is used.\n\nFix: remove the repeated row.";
    /// A type that is named but has no page.
    UnknownType = "unknown-type", Warning,
        hint: "add a resource page for the type, or link an existing one",
        explain: "A property, body or response names a type that no page of the docs set defines. It is bound as JSON.\n\nFix: add the resource page or correct the name.";
    /// A type inferred from examples.
    InferredType = "inferred-type", Note,
        hint: "add a resource page for the type",
        explain: "No resource page defines the type, so graphdoc infers it from the examples' JSON.\n\nFix: add the resource page.";
    /// A translated page that differs from its English original.
    LocaleConflict = "locale-conflict", Warning,
        hint: "bring the translated page up to date with the English one",
        explain: "A page in another locale documents the operation with another method, paths or response type than the English page. The bindings follow the English page.\n\nFix: update the translation.";
    /// Two operations whose paths give one function name.
    NameCollision = "name-collision", Warning,
        hint: "two operations' paths give one function name: report it to graphdoc, whose naming rules missed a case",
        explain: "Two operations land on one function name after every documented rule; a hash of the path separates them.\n\nFix: report it (graphdoc's naming rules missed a case).";
    /// A property only examples show (bound with --example-fields).
    ExampleOnlyProperty = "example-only-property", Note,
        hint: "document the property in the resource page",
        explain: "With `--example-fields`, a property that only examples show is bound as a JSON field.\n\nFix: document it in the resource page's property table.";
    /// An example body that is not valid JSON.
    InvalidExampleJson = "invalid-example-json", Warning,
        hint: "fix the JSON syntax (trailing commas, comments, unquoted placeholders)",
        explain: "An example request or response body is not valid JSON. It is not checked and gets no test.\n\nExample: `{\"id\": \"1\",}` (a trailing comma), `{ \"id\": ... }`.\n\nFix: make it valid JSON.";
    /// An example property that the type does not document.
    ExampleUndocumentedProperty = "example-undocumented-property", Warning,
        hint: "document the property in the resource page, or remove it from the example",
        explain: "An example has a property its documented type does not list.\n\nExample: a user response with `\"employeeCode\"` that user.md does not list.\n\nFix: add the property to the resource page, or remove or correct it in the example.";
    /// An example value that contradicts its documented type.
    ExampleTypeMismatch = "example-type-mismatch", Error,
        hint: "make the example value match the documented type, or correct the type in the resource page",
        explain: "An example value does not fit its documented type: a string where Int32 is documented, an object where a collection is, a malformed date.\n\nExample: `\"createdDateTime\": \"yesterday\"` for DateTimeOffset.\n\nFix: correct the example value or the documented type.";
    /// An example enum value that is not a member.
    ExampleUnknownMember = "example-unknown-member", Error,
        hint: "add the member to the enum page, or use a documented member in the example",
        explain: "An example gives an enum property a value that is not one of its documented members.\n\nFix: add the member to the enum page, or use a documented one.";
    /// An enum value that is a documented member but for case.
    ExampleMemberCase = "example-member-case", Warning,
        hint: "spell the member as its enum table does (or correct the table, if the service spells it the other way)",
        explain: "An example gives an enum property a value that matches a documented member only when case is ignored: `HTML` where the bodyType table lists `html`. The bindings read it as that member (and write the table's spelling back), so nothing fails; the docs still disagree with themselves.\n\nFix: use one spelling, the one the service sends.";
    /// An example URL that follows no documented path.
    ExamplePathMismatch = "example-path-mismatch", Warning,
        hint: "make the example URL follow one of the documented paths",
        explain: "An example request's URL matches none of the paths the HTTP request section documents.\n\nExample: the page documents `GET /users/{id}` and the example calls `GET /user/{id}`.\n\nFix: correct the URL, or document the path.";
    /// An example URL that calls an undocumented form of the path.
    ExampleUndocumentedPath = "example-undocumented-path", Note,
        hint: "list the path (with its arguments) in the HTTP request section",
        explain: "An example calls a form of the operation (function arguments, /me for /users/{id}) that the HTTP request section does not list.\n\nFix: list the form in the HTTP request section.";
    /// An example request that calls another API version than its page documents.
    ExampleWrongVersion = "example-wrong-version", Warning,
        hint: "call the page's own version in the example URL (/v1.0/ on a v1.0 page, /beta/ on a beta page)",
        explain: "An example request calls another version than the page's (`https://graph.microsoft.com/beta/…` on a v1.0 page), or a path that is no version at all (`/v1/…`). Readers copy examples; a v1.0 page's example that calls beta teaches a call with other behaviour.\n\nExample: onlinemeeting-get.md (v1.0) calls `GET https://graph.microsoft.com/v1/me/onlineMeetings`.\n\nFix: call the page's version.";
    /// A permission scope that looks like a misspelling of a common one.
    MisspelledScope = "misspelled-scope", Warning,
        hint: "use the scope's exact name (see the permissions reference)",
        explain: "A scope that few pages use is within two edits of one that many pages use, so it is most likely a misspelling; a caller who requests it gets a token that cannot call the API.\n\nExample: `DeviceManagementManagedDevices.PriviligedOperation.All` for `DeviceManagementManagedDevices.PrivilegedOperations.All`; `Group.Read.WriteAll` for `Group.ReadWrite.All`.\n\nFix: correct the scope name.";
    /// A resource page whose JSON representation names a property its table does not.
    JsonRepresentationMismatch = "json-representation-mismatch", Warning,
        hint: "make the property table and the JSON representation list the same properties",
        explain: "A resource page's JSON representation block has a key that its property and relationship tables (inherited ones included) do not list. One of the two is wrong, usually a renamed property.\n\nExample: group.md's JSON representation has `isAssignableRole`, its table `isAssignableToRole`.\n\nFix: correct the JSON representation or add the property to the table.";
    /// A Content-Length header that is not the body's length.
    ContentLengthMismatch = "content-length-mismatch", Note,
        hint: "update Content-Length to the body's byte length, or drop the header",
        explain: "An example's `Content-Length` header differs from the byte length of its body.\n\nFix: update the header or drop it.";
    /// Collection-ness disagrees between the prose and the example.
    ResponseCollectionMismatch = "response-collection-mismatch", Warning,
        hint: "say the response is a collection (`… collection in the response body`), or show one object in the example",
        explain: "The Response section says one object and the example shows a `value` array, or the reverse.\n\nFix: make the prose and the example agree.";
    /// An example answers with a success status the Response section does not name.
    ResponseStatusMismatch = "response-status-mismatch", Warning,
        hint: "name every success status in the Response section (and when each is sent), or correct the example's status line",
        explain: "An example response's status is a success the Response section never names: the prose says `204 No Content` and the example shows `200 OK` with the object, or the reverse. Callers cannot tell whether a body comes back; the binding returns an `Option` (`None` for `204`) so neither answer fails.\n\nExample: microsoftauthenticatorauthenticationmethodconfiguration-update.md says \"returns a `204 No Content` response code\" and its example is `HTTP/1.1 200 OK` with the configuration.\n\nFix: say when each status is sent (`Prefer: return=representation` answers `200 OK` with the updated object), or correct the example.";
    /// An operation without examples.
    MissingExample = "missing-example", Note,
        hint: "add a request and response example",
        explain: "The page has no Example section with a request and a response, so the binding gets no test.\n\nFix: add an example.";
    /// A POST/PUT/PATCH whose page documents no body.
    MissingRequestBody = "missing-request-body", Warning,
        hint: "add a Request body section that names the body's type or lists its parameters",
        explain: "A POST, PUT or PATCH page's example sends a body but the page documents none.\n\nFix: add a Request body section that names the type or lists the parameters.";
    /// A body that only an example shows.
    UndocumentedRequestBody = "undocumented-request-body", Note,
        hint: "add a Request body section that names the body's type or lists its parameters",
        explain: "The operation takes a JSON body that only its examples show; the binding takes JSON.\n\nFix: document the body.";
}

impl Code {
    /// The code named `name` (kebab case).
    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

// Ordered by name, so sorted findings read alphabetically by code (as they did as strings).
impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
    /// Stable code, printed in kebab case (`invalid-example-json`).
    pub code: Code,
    /// One-line human message.
    pub message: String,
}

impl Diagnostic {
    /// A finding with its code's severity.
    pub fn new(
        file: impl Into<String>,
        line: usize,
        code: Code,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            severity: code.severity(),
            code,
            message: message.into(),
        }
    }

    /// The same finding at another severity (where context makes it more or less serious than
    /// its code usually is).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
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

    /// Records a finding with its code's severity.
    pub fn report(&mut self, line: usize, code: Code, message: impl Into<String>) {
        self.items
            .push(Diagnostic::new(self.file.clone(), line, code, message));
    }

    /// Records a finding at a severity other than its code's.
    pub fn push(
        &mut self,
        line: usize,
        severity: Severity,
        code: Code,
        message: impl Into<String>,
    ) {
        self.items
            .push(Diagnostic::new(self.file.clone(), line, code, message).with_severity(severity));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_names_with_explanations() {
        let mut seen = std::collections::BTreeSet::new();
        for &c in Code::ALL {
            let n = c.as_str();
            assert!(seen.insert(n), "{n} twice");
            assert!(
                n.split('-').count() > 1
                    && n.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{n} is not kebab case"
            );
            assert_eq!(Code::parse(n), Some(c));
            assert!(c.explanation().contains("Fix:"), "{n}");
            assert!(!c.hint().is_empty());
        }
        assert_eq!(Code::parse("no-such-code"), None);
    }

    #[test]
    fn findings_take_their_codes_severity_unless_told() {
        let d = Diagnostic::new("a.md", 3, Code::ExampleTypeMismatch, "x");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.with_severity(Severity::Note).severity, Severity::Note);
        assert_eq!(
            serde_json::to_value(Code::InvalidExampleJson).unwrap(),
            "invalid-example-json"
        );
    }
}
