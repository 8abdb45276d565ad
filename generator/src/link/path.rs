//! Paths: the templates an operation's pages document (and the calls its examples make), the
//! canonical form operations are keyed by, and matching concrete example URLs against them.

use super::examples::example_sends_json_with;
use crate::model::{Operation, Part, RequestBody};
use crate::naming::{self, Scope};

/// A piece of a request path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPiece {
    /// Literal text.
    Lit(String),
    /// A parameter: index into the endpoint's params; `keep_slash` inside `:/…:` drive paths.
    Param {
        /// Index into [`EndpointPlan::params`].
        index: usize,
        /// Whether `/` is left unencoded.
        keep_slash: bool,
    },
}

/// A path parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamPlan {
    /// The placeholder as written (`{id | userPrincipalName}` → `id | userPrincipalName`).
    pub wire: String,
    /// Rust identifier text.
    pub rust: String,
}

/// One endpoint template of an operation: a documented path, or a call the examples make.
#[derive(Debug, Clone)]
pub struct Template {
    /// HTTP method as documented.
    pub method: String,
    /// The path as documented (for a call only the examples show, with its arguments).
    pub path: String,
    /// Path template.
    pub pieces: Vec<PathPiece>,
    /// Path parameters, in order.
    pub params: Vec<ParamPlan>,
    /// Whether the Request body parameters went into the URL (see [`endpoint_template`]).
    pub in_url: bool,
    /// Whether the HTTP request section lists the path (else only an example shows it).
    pub documented: bool,
    /// Whether the documented line adds a query string (`GET /users?$expand=manager`): the
    /// page shows a variant of the call, not the call itself.
    pub query_variant: bool,
}

/// The templates of an operation's endpoints: one per documented path, then one per function
/// call that examples make with arguments the HTTP request section leaves out
/// (`worksheets/{id|name}/UsedRange` called as `UsedRange(valuesOnly=true)`): the function
/// takes them, and the endpoint that builds the example's call is the one users need.
pub fn endpoint_templates(op: &Operation) -> Vec<Template> {
    let mut out: Vec<Template> = op
        .paths
        .iter()
        .map(|p| {
            let (pieces, params, in_url) = endpoint_template(op, p);
            Template {
                method: p.method.clone(),
                path: p.path.clone(),
                pieces,
                params,
                in_url,
                documented: true,
                query_variant: p.query.as_deref().is_some_and(|q| !q.trim().is_empty()),
            }
        })
        .collect();
    for r in op.examples.iter().filter_map(|e| e.request.as_ref()) {
        let path = canonical_path(&r.path);
        let matches = |t: &Template| {
            t.method.eq_ignore_ascii_case(&r.method) && match_path(&t.pieces, &path).is_some()
        };
        if out.iter().any(matches) {
            continue;
        }
        if let Some(v) = out
            .iter()
            .find_map(|t| signed_in_user(t).filter(|v| matches(v)))
        {
            out.push(v);
            continue;
        }
        let Some((head, call)) = path.rsplit_once('/').filter(|(_, c)| c.ends_with(')')) else {
            continue;
        };
        let Some((function, _)) = call.split_once('(') else {
            continue;
        };
        let bare = format!("{head}/{function}");
        let variant = out.iter().find_map(|t| {
            let Some(PathPiece::Lit(last)) = t.pieces.last() else {
                return None;
            };
            if !t.method.eq_ignore_ascii_case(&r.method)
                || t.in_url
                || !last.ends_with(&format!("/{function}"))
                || match_path(&t.pieces, &bare).is_none()
            {
                return None;
            }
            let mut pieces = t.pieces.clone();
            if let Some(PathPiece::Lit(l)) = pieces.last_mut() {
                l.truncate(l.len() - function.len());
            }
            let mut params = t.params.clone();
            call_args(call, &mut pieces, &mut params, &mut param_scope(&t.params));
            // A call whose arguments are not `name=value` pairs stays a path mismatch.
            (params.len() > t.params.len()).then(|| Template {
                method: t.method.clone(),
                path: pieces_text(&pieces, &params),
                pieces,
                params,
                in_url: false,
                documented: false,
                query_variant: false,
            })
        });
        if let Some(v) = variant.filter(|v| matches(v)) {
            out.push(v);
        }
    }
    out
}

/// The template of an endpoint: [`template`], plus the parameters of a function whose HTTP
/// request section shows no `(…)` while its Request body section lists parameters (the Intune
/// pages: `GET /deviceManagement/getSuggestedEnrollmentLimit` with an `enrollmentType` table,
/// called as `getSuggestedEnrollmentLimit(enrollmentType='…')`). A GET sends no body, so those
/// parameters go in the URL, as OData writes them: strings and enum members quoted, other
/// primitives bare. The flag says whether that happened (the endpoint then takes no body).
pub fn endpoint_template(
    op: &Operation,
    p: &crate::model::HttpPath,
) -> (Vec<PathPiece>, Vec<ParamPlan>, bool) {
    let (mut pieces, mut params) = template(p);
    let RequestBody::Parameters { parameters, .. } = &op.request_body else {
        return (pieces, params, false);
    };
    let last = p.path.rsplit('/').next().unwrap_or("");
    // A GET whose example sends the parameters as a JSON body (the workbook `range/Cell`
    // pages) keeps them as a body: the example is what the service was shown to accept.
    let function = p.method.eq_ignore_ascii_case("GET")
        && !example_sends_json_with(op, "GET")
        && !parameters.is_empty()
        && !last.contains('(')
        && !last.starts_with('{')
        && parameters.iter().all(|q| !q.collection);
    if !function {
        return (pieces, params, false);
    }
    let mut scope = param_scope(&params);
    push_lit(&mut pieces, "(");
    for (i, q) in parameters.iter().enumerate() {
        let quoted = q.type_name == "Edm.String" || !q.type_name.starts_with("Edm.");
        push_call_arg(&mut pieces, &mut params, &mut scope, i, &q.name, quoted);
    }
    push_lit(&mut pieces, ")");
    (pieces, params, true)
}

/// The names an endpoint function's parameters can take next to `params`: not theirs, nor
/// `body` (the function's body argument).
pub(crate) fn param_scope(params: &[ParamPlan]) -> Scope {
    let mut scope = Scope::with_reserved(&["body"]);
    for p in params {
        scope.claim(p.rust.clone());
    }
    scope
}

/// The `i`-th argument `name=value` of a function call in a path, its value a parameter
/// (between quotes when `quoted`).
pub(crate) fn push_call_arg(
    pieces: &mut Vec<PathPiece>,
    params: &mut Vec<ParamPlan>,
    scope: &mut Scope,
    i: usize,
    name: &str,
    quoted: bool,
) {
    let q = if quoted { "'" } else { "" };
    push_lit(
        pieces,
        &format!("{}{name}={q}", if i > 0 { "," } else { "" }),
    );
    pieces.push(PathPiece::Param {
        index: params.len(),
        keep_slash: false,
    });
    params.push(ParamPlan {
        wire: name.to_string(),
        rust: scope.claim(naming::snake_text(name)),
    });
    if quoted {
        push_lit(pieces, q);
    }
}

/// A literal segment; in a function call written with sample values (`filterByCurrentUser(on=
/// 'parameterValue')`, `columnsAfter(count=n)`), each value becomes a parameter, quoted as
/// written, since the call takes whatever value the caller gives.
pub(crate) fn call_args(
    t: &str,
    pieces: &mut Vec<PathPiece>,
    params: &mut Vec<ParamPlan>,
    scope: &mut Scope,
) {
    let call = t
        .strip_suffix(')')
        .and_then(|s| s.split_once('('))
        .filter(|(name, args)| {
            !name.is_empty()
                && args.split(',').all(|kv| {
                    kv.split_once('=')
                        .is_some_and(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
                })
        });
    let Some((name, args)) = call else {
        push_lit(pieces, t);
        return;
    };
    push_lit(pieces, &format!("{name}("));
    for (i, kv) in args.split(',').enumerate() {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        let v = v.trim();
        let quoted = v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'');
        push_call_arg(pieces, params, scope, i, k.trim(), quoted);
    }
    push_lit(pieces, ")");
}

/// The path template and parameter names of one path.
pub fn template(p: &crate::model::HttpPath) -> (Vec<PathPiece>, Vec<ParamPlan>) {
    let mut pieces = Vec::new();
    let mut params = Vec::new();
    let mut scope = param_scope(&[]);
    let mut prev_literal: Option<String> = None;
    for seg in &p.segments {
        push_lit(&mut pieces, "/");
        let drive = seg.is_drive_path();
        for part in &seg.parts {
            match part {
                Part::Text(t) if seg.parts.len() == 1 => {
                    call_args(t, &mut pieces, &mut params, &mut scope)
                }
                Part::Text(t) => push_lit(&mut pieces, t),
                Part::Param(param) => {
                    let primary = param.names.first().map(String::as_str).unwrap_or("param");
                    let generic =
                        matches!(primary.to_ascii_lowercase().as_str(), "id" | "key" | "name");
                    let name = match (&prev_literal, generic) {
                        (Some(prev), true) => {
                            format!("{}_{}", naming::singular(prev), naming::snake(primary))
                        }
                        _ => naming::snake(primary),
                    };
                    pieces.push(PathPiece::Param {
                        index: params.len(),
                        keep_slash: drive,
                    });
                    params.push(ParamPlan {
                        wire: param.raw.clone(),
                        rust: scope.claim(naming::snake_text(&name)),
                    });
                }
            }
        }
        if let [Part::Text(t)] = seg.parts.as_slice() {
            prev_literal = Some(naming::snake(t.split('(').next().unwrap_or(t)));
        }
    }
    (pieces, params)
}

/// An example path in the form the endpoint functions build: OData key segments
/// `messageRules('AQAAAJ5dZp8=')` or `items(42)` become `messageRules/AQAAAJ5dZp8=` and
/// `items/42` (the same resource), and a trailing `/` goes (Graph ignores it).
pub fn canonical_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    // Inside a drive path `root:/a/b(1):` every name is a file name, never a key.
    let drive = path.contains(":/");
    for (i, seg) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let key = seg
            .strip_suffix(')')
            .and_then(|s| s.split_once('('))
            .filter(|(name, _)| {
                !drive
                    && !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
            .and_then(|(name, arg)| {
                let quoted = arg
                    .strip_prefix('\'')
                    .and_then(|a| a.strip_suffix('\''))
                    .filter(|a| !a.is_empty() && !a.contains('\''));
                let number =
                    (!arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit())).then_some(arg);
                quoted.or(number).map(|k| (name, k))
            });
        match key {
            Some((name, k)) => {
                out.push_str(name);
                out.push('/');
                out.push_str(k);
            }
            None => out.push_str(seg),
        }
    }
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

/// Matches a concrete path against a template; returns the parameter values in order.
/// Literals compare case-insensitively (Graph paths are case-insensitive).
pub fn match_path(pieces: &[PathPiece], path: &str) -> Option<Vec<String>> {
    fn go(pieces: &[PathPiece], rest: &str, out: &mut Vec<String>) -> bool {
        match pieces.split_first() {
            None => rest.is_empty() || rest == "/",
            Some((PathPiece::Lit(l), tail)) => {
                rest.len() >= l.len()
                    && rest.is_char_boundary(l.len())
                    && rest[..l.len()].eq_ignore_ascii_case(l)
                    && go(tail, &rest[l.len()..], out)
            }
            Some((PathPiece::Param { keep_slash, .. }, tail)) => {
                // Try every end position; parameters never span `/` unless in a drive path.
                for (end, c) in rest.char_indices().skip(1).chain([(rest.len(), ' ')]) {
                    if end > 0 {
                        out.push(rest[..end].to_string());
                        if go(tail, &rest[end..], out) {
                            return true;
                        }
                        out.pop();
                    }
                    if c == '/' && !keep_slash {
                        break;
                    }
                }
                false
            }
        }
    }
    let mut out = Vec::new();
    go(pieces, path, &mut out).then_some(out)
}

/// `/users/{id}/…` as `/me/…`: Graph's alias for the signed-in user, which examples use where
/// the page lists only the `/users/{id}` form (`user-getmembergroups`).
pub(crate) fn signed_in_user(t: &Template) -> Option<Template> {
    let [PathPiece::Lit(users), PathPiece::Param { index, .. }, rest @ ..] = t.pieces.as_slice()
    else {
        return None;
    };
    if !users.eq_ignore_ascii_case("/users/")
        || rest
            .first()
            .is_some_and(|p| !matches!(p, PathPiece::Lit(l) if l.starts_with('/')))
    {
        return None;
    }
    let mut pieces = vec![PathPiece::Lit("/me".into())];
    for p in rest {
        match p {
            PathPiece::Lit(l) => push_lit(&mut pieces, l),
            PathPiece::Param {
                index: i,
                keep_slash,
            } => pieces.push(PathPiece::Param {
                index: i - usize::from(i > index),
                keep_slash: *keep_slash,
            }),
        }
    }
    let mut params = t.params.clone();
    params.remove(*index);
    Some(Template {
        method: t.method.clone(),
        path: pieces_text(&pieces, &params),
        pieces,
        params,
        in_url: t.in_url,
        documented: false,
        query_variant: false,
    })
}

/// A template as a documented path: literals, and `{name}` for each parameter.
pub(crate) fn pieces_text(pieces: &[PathPiece], params: &[ParamPlan]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            PathPiece::Lit(l) => l.clone(),
            PathPiece::Param { index, .. } => format!("{{{}}}", params[*index].wire),
        })
        .collect()
}

/// Appends literal text, merging with a preceding literal.
pub(crate) fn push_lit(pieces: &mut Vec<PathPiece>, text: &str) {
    match pieces.last_mut() {
        Some(PathPiece::Lit(l)) => l.push_str(text),
        _ => pieces.push(PathPiece::Lit(text.to_string())),
    }
}

/// The path of an endpoint with `{}` for each parameter, as the documented path spells its
/// literals, key forms unified (`items(id='{}')` → `items/{}`) and no trailing `/`.
pub fn shape(pieces: &[PathPiece]) -> String {
    let mut s = String::new();
    for p in pieces {
        match p {
            PathPiece::Lit(l) => s.push_str(l),
            PathPiece::Param { .. } => s.push_str("{}"),
        }
    }
    let mut out = String::with_capacity(s.len());
    for (i, seg) in s.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&unify_key(seg));
    }
    while out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

/// `items(id='{}')`, `items('{}')`, `items({})` → `items/{}`: one key, written three ways.
pub(crate) fn unify_key(seg: &str) -> String {
    let Some((name, arg)) = seg.strip_suffix(')').and_then(|s| s.split_once('(')) else {
        return seg.to_string();
    };
    let arg = arg.strip_prefix("id=").unwrap_or(arg);
    let bare = arg
        .strip_prefix('\'')
        .and_then(|a| a.strip_suffix('\''))
        .unwrap_or(arg);
    if bare == "{}" && !name.is_empty() && !name.contains('{') {
        format!("{name}/{{}}")
    } else {
        seg.to_string()
    }
}

/// The key an operation is one of: method and canonical path, literals in lower case.
pub fn key(method: &str, pieces: &[PathPiece]) -> (String, String) {
    (
        method.to_ascii_uppercase(),
        shape(pieces).to_ascii_lowercase(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(path: &str) -> Vec<PathPiece> {
        template(&crate::read::http::parse_path("GET", path, 1)).0
    }

    #[test]
    fn canonical_paths_unify_parameter_names_and_key_forms() {
        let k = |p: &str| key("get", &pieces(p));
        assert_eq!(k("/users/{id}"), k("/users/{id | userPrincipalName}"));
        assert_eq!(k("/users/{user-id}/"), k("/Users/{id}"));
        assert_eq!(k("/items(id='{id}')"), k("/items/{item-id}"));
        assert_eq!(k("/items('{id}')"), k("/items/{id}"));
        assert_ne!(k("/users/{id}"), k("/users"));
        assert_ne!(k("/users/{id}"), key("PATCH", &pieces("/users/{id}")));
        assert_eq!(k("/users/{id}").1, "/users/{}");
        // A function's named argument is not a key.
        assert_eq!(
            shape(&pieces("/reports/getX(period='{period}')")),
            "/reports/getX(period='{}')"
        );
    }

    #[test]
    fn function_parameters_from_the_body_table_go_in_the_url() {
        use crate::model::{Property, RequestBody};
        let prop = |name: &str, ty: &str| Property {
            name: name.into(),
            type_name: ty.into(),
            collection: false,
            description: String::new(),
            line: 1,
            link: None,
            values: Vec::new(),
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let mut op = crate::read::read_docs(&[root]).operations.remove(0);
        op.request_body = RequestBody::Parameters {
            parameters: vec![
                prop("enrollmentType", "Edm.String"),
                prop("count", "Edm.Int32"),
            ],
            represents: None,
        };
        let get = crate::read::http::parse_path("GET", "/deviceManagement/getLimit", 1);
        let (pieces, params, in_url) = endpoint_template(&op, &get);
        assert!(in_url);
        assert_eq!(
            params.iter().map(|p| p.rust.as_str()).collect::<Vec<_>>(),
            ["enrollment_type", "count"]
        );
        assert_eq!(
            match_path(
                &pieces,
                "/deviceManagement/getLimit(enrollmentType='ios',count=5)"
            ),
            Some(vec!["ios".to_string(), "5".to_string()])
        );
        // A POST action keeps its JSON body; a path that spells its parameters is left alone.
        let post = crate::read::http::parse_path("POST", "/deviceManagement/doIt", 1);
        assert!(!endpoint_template(&op, &post).2);
        let spelled = crate::read::http::parse_path("GET", "/x/f(count={count})", 1);
        assert!(!endpoint_template(&op, &spelled).2);
        // A GET whose example sends the parameters as JSON keeps them as its body.
        let mut with_body = op.clone();
        with_body.examples[0].request = Some(crate::model::ExampleRequest {
            method: "GET".into(),
            body: crate::model::Body::Json(crate::model::Json::parse(r#"{"count":1}"#).unwrap()),
            ..with_body.examples[0].request.clone().unwrap()
        });
        assert!(!endpoint_template(&with_body, &get).2);
        op.request_body = RequestBody::None;
        assert!(!endpoint_template(&op, &get).2);
    }

    #[test]
    fn sample_values_of_function_calls_are_parameters() {
        let p = crate::read::http::parse_path(
            "GET",
            "/x/filterByCurrentUser(on='parameterValue')/range/columnsAfter(count=n)",
            1,
        );
        let (pieces, params) = template(&p);
        assert_eq!(
            params.iter().map(|p| p.rust.as_str()).collect::<Vec<_>>(),
            ["on", "count"]
        );
        assert_eq!(
            match_path(
                &pieces,
                "/x/filterByCurrentUser(on='reviewer')/range/columnsAfter(count=2)"
            ),
            Some(vec!["reviewer".to_string(), "2".to_string()])
        );
        // Not calls: left literal.
        for lit in [
            "/me/calendar/getSchedule()",
            "/a/b(x)",
            "/drive/root:/f(1).txt:",
        ] {
            let p = crate::read::http::parse_path("GET", lit, 1);
            assert!(template(&p).1.is_empty(), "{lit}");
        }
    }

    #[test]
    fn example_paths_in_canonical_form() {
        assert_eq!(
            canonical_path("/me/mailfolders/inbox/messagerules('AQAAAJ5dZp8=')"),
            "/me/mailfolders/inbox/messagerules/AQAAAJ5dZp8="
        );
        assert_eq!(canonical_path("/items(42)/children/"), "/items/42/children");
        // Functions and their parameters are not keys.
        for kept in [
            "/reports/getOffice365ActiveUserDetail(period='D7')",
            "/me/calendar/getSchedule()",
            "/drive/root:/a(1).txt:",
            "/drive/root:/f/b(1):/content",
            "/",
        ] {
            assert_eq!(canonical_path(kept), kept);
        }
    }

    #[test]
    fn paths_match_templates() {
        let p =
            crate::read::http::parse_path("GET", "/groups/{id}/members/{id}/root:/{item-path}:", 1);
        let (pieces, params) = template(&p);
        assert_eq!(
            params.iter().map(|p| p.rust.as_str()).collect::<Vec<_>>(),
            ["group_id", "member_id", "item_path"]
        );
        assert_eq!(
            match_path(&pieces, "/groups/g1/members/m 2/root:/a/b.txt:"),
            Some(vec![
                "g1".to_string(),
                "m 2".to_string(),
                "a/b.txt".to_string()
            ])
        );
        assert_eq!(match_path(&pieces, "/groups/g1/members/m/x/root:/a:"), None);
        assert_eq!(
            match_path(&pieces, "/GROUPS/g/Members/m/root:/f:"),
            Some(vec!["g".into(), "m".into(), "f".into()])
        );
    }
}
