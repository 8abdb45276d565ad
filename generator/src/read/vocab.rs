//! The docs' vocabulary in every locale we read: section headings, permission row labels,
//! type words and header names. English and zh-CN are covered; anchors (`<a name="…">`) are never
//! translated, so they are tried first and this table is the fallback.

/// What a `##` section of a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Permissions (also "Prerequisites", which holds the permissions table).
    Permissions,
    /// The ```http block(s) with method and path.
    HttpRequest,
    /// Request headers table.
    RequestHeaders,
    /// Request body.
    RequestBody,
    /// Response.
    Response,
    /// Examples.
    Examples,
    /// Resource properties.
    Properties,
    /// Resource relationships.
    Relationships,
    /// JSON representation of a resource.
    JsonRepresentation,
    /// Enum members.
    Members,
    /// Methods table of a resource.
    Methods,
    /// Path, query or function parameters.
    Parameters,
    /// A section the docs commonly have that carries nothing we model.
    Prose,
}

/// Classifies a section by its anchor or English heading, normalized to a slug.
pub fn section_from_slug(slug: &str) -> Option<SectionKind> {
    use SectionKind::*;
    Some(match slug {
        "permissions" | "prerequisites" => Permissions,
        "http-request" | "http-requests" => HttpRequest,
        "request-headers" | "optional-request-headers" | "request-header" => RequestHeaders,
        "request-body" => RequestBody,
        "response" | "responses" | "response-body" => Response,
        "properties" => Properties,
        "relationships" => Relationships,
        "json-representation" => JsonRepresentation,
        "members" | "enum-members" => Members,
        "methods" => Methods,
        "path-parameters"
        | "query-parameters"
        | "optional-query-parameters"
        | "function-parameters"
        | "parameters"
        | "request-parameters" => Parameters,
        s if s.starts_with("example") => Examples,
        s if s.ends_with("-properties") => Properties,
        "see-also" | "remarks" | "error-responses" | "errors" | "error-handling" | "what's-new"
        | "whats-new" | "next-steps" | "reports" | "authorization" | "common-use-cases"
        | "derived-types" | "notes" | "limitations" | "overview" | "known-issues" => Prose,
        _ => return None,
    })
}

/// Classifies a translated (zh-CN) heading.
pub fn section_from_translated(text: &str) -> Option<SectionKind> {
    use SectionKind::*;
    let t = text.trim();
    Some(match t {
        "权限" => Permissions,
        "先决条件" => Permissions,
        "HTTP 请求" | "HTTP请求" => HttpRequest,
        "请求标头" | "请求头" | "可选的请求标头" => RequestHeaders,
        "请求正文" => RequestBody,
        "响应" => Response,
        "属性" => Properties,
        "关系" => Relationships,
        "JSON 表示形式" | "JSON 表示" => JsonRepresentation,
        "成员" => Members,
        "方法" => Methods,
        "可选的查询参数" | "查询参数" | "函数参数" | "参数" | "路径参数" => {
            Parameters
        }
        "另请参阅" | "错误" | "备注" => Prose,
        t if t.starts_with("示例") => Examples,
        _ => return None,
    })
}

/// Turns a heading into a slug like the docs' anchors: lower case, spaces to dashes.
pub fn slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    slug_into(text, &mut s);
    s
}

/// [`slug`] into a buffer the caller reuses (one per page, not one per heading).
pub fn slug_into(text: &str, s: &mut String) {
    s.clear();
    for w in text.split_whitespace() {
        if !s.is_empty() {
            s.push('-');
        }
        s.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// The three permission kinds, as rows of a permissions table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionKind {
    /// Delegated (work or school account).
    DelegatedWork,
    /// Delegated (personal Microsoft account).
    DelegatedPersonal,
    /// Application.
    Application,
}

/// Recognizes a permissions table row label in English or zh-CN.
pub fn permission_kind(label: &str) -> Option<PermissionKind> {
    let l = label.trim();
    let delegated =
        starts_with_ignore_case(l, "delegated") || l.starts_with("委派") || l.starts_with("委托");
    if delegated {
        if contains_ignore_case(l, "personal")
            || l.contains("个人")
            || contains_ignore_case(l, "microsoft account)")
        {
            Some(PermissionKind::DelegatedPersonal)
        } else {
            Some(PermissionKind::DelegatedWork)
        }
    } else if l.eq_ignore_ascii_case("application")
        || starts_with_ignore_case(l, "application ")
        || starts_with_ignore_case(l, "application(")
        || l.starts_with("应用程序")
        || l == "应用"
    {
        Some(PermissionKind::Application)
    } else {
        None
    }
}

/// Whether a permissions cell says there are none ("Not supported.", 不支持…).
pub fn means_none(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches(['.', '。', ' ']);
    [
        "",
        "not supported",
        "not applicable",
        "not available",
        "none",
        "n/a",
        "na",
        "-",
        "不支持",
        "不适用",
        "无",
    ]
    .iter()
    .any(|w| c.eq_ignore_ascii_case(w))
}

/// `needle` (ASCII) occurs in `hay`, ignoring ASCII case: no lowercased copy per table cell.
pub fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `hay` starts with `prefix` (ASCII), ignoring ASCII case.
pub fn starts_with_ignore_case(hay: &str, prefix: &str) -> bool {
    hay.as_bytes()
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Maps a translated header name (接受) back to the HTTP header (Accept).
pub fn header_name(name: &str) -> &str {
    match name.trim() {
        "接受" => "Accept",
        "授权" => "Authorization",
        "内容类型" => "Content-Type",
        "首选" => "Prefer",
        other => other,
    }
}

/// Maps translated type words (字符串, 布尔值, 集合) to the English ones.
pub fn type_word(word: &str) -> &str {
    match word {
        // Primitive names as machine translation writes them (zh-CN).
        "字符串" => "String",
        "布尔值" | "布尔" => "Boolean",
        "字节" => "Byte",
        "流" => "Stream",
        "二进制" => "Binary",
        "整数" | "整型" | "Int32 整数" => "Int32",
        "长整型" | "长整数" => "Int64",
        "双精度" | "双精度型" | "双精度浮点数" => "Double",
        "单精度" | "单精度型" => "Single",
        "十进制" | "小数" => "Decimal",
        "日期" => "Date",
        "日期时间" | "日期时间偏移" => "DateTimeOffset",
        "一天中的时间" | "时间" => "TimeOfDay",
        "持续时间" | "期限" | "时长" => "Duration",
        "集合" => "collection",
        "无" => "None",
        other => other,
    }
}

/// Words that mean "a collection of" in the response prose. `collection` counts as a word
/// only: type names such as `appLogCollectionRequest` in the same sentence do not.
pub fn mentions_collection(text: &str) -> bool {
    let l = text.to_lowercase();
    let word = |w: &str| {
        l.match_indices(w).any(|(i, _)| {
            let before = l[..i].chars().next_back();
            let after = l[i + w.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric())
                && !after.is_some_and(|c| c.is_alphanumeric() && c != 's')
        })
    };
    word("collection") || l.contains("集合") || l.contains("array of") || l.contains("list of")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_by_slug_and_translation() {
        assert_eq!(
            section_from_slug(&slug("HTTP Request")),
            Some(SectionKind::HttpRequest)
        );
        assert_eq!(
            section_from_slug("example-1:-get-a-user"),
            Some(SectionKind::Examples)
        );
        assert_eq!(
            section_from_translated("请求正文"),
            Some(SectionKind::RequestBody)
        );
        assert_eq!(
            section_from_translated("先决条件"),
            Some(SectionKind::Permissions)
        );
        assert_eq!(section_from_slug("something-else"), None);
    }

    #[test]
    fn permission_labels() {
        use PermissionKind::*;
        assert_eq!(
            permission_kind("Delegated (work or school account)"),
            Some(DelegatedWork)
        );
        assert_eq!(
            permission_kind("Delegated (personal Microsoft account)"),
            Some(DelegatedPersonal)
        );
        assert_eq!(
            permission_kind("委派（个人 Microsoft 帐户） "),
            Some(DelegatedPersonal)
        );
        assert_eq!(
            permission_kind("委派（工作或学校帐户）"),
            Some(DelegatedWork)
        );
        assert_eq!(permission_kind("应用程序"), Some(Application));
        assert_eq!(permission_kind("Application"), Some(Application));
        assert_eq!(permission_kind("displayName"), None);
        assert!(means_none("Not supported."));
        assert!(means_none("不支持。"));
        assert!(!means_none("User.Read"));
    }

    #[test]
    fn translated_words() {
        assert_eq!(header_name("接受"), "Accept");
        assert_eq!(type_word("布尔值"), "Boolean");
        assert!(mentions_collection("[vppToken](x) 集合"));
        assert!(mentions_collection("a collection of [user](x) objects"));
        assert!(mentions_collection(
            "[user](x) collection in the response body"
        ));
        assert!(!mentions_collection(
            "a [appLogCollectionRequest](x) object"
        ));
        assert!(!mentions_collection(
            "a [configManagerCollection](x) object"
        ));
    }
}
