//! HTTP text inside code blocks: the request lines of the "HTTP request" section, request paths
//! (parameters, OData keys, `:/path:` segments), and example requests and responses.

use crate::diag::Sink;
use crate::model::{ApiVersion, Body, Header, HttpPath, Part, PathParam, Segment};

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Splits `METHOD target [HTTP/1.1]` into method and target, if the line has that shape.
pub fn request_line(line: &str) -> Option<(&'static str, &str)> {
    let line = line.trim();
    let (m, rest) = line.split_once(char::is_whitespace)?;
    let method = METHODS.iter().find(|k| k.eq_ignore_ascii_case(m))?;
    let mut target = rest.trim();
    if let Some(t) = target.strip_suffix("HTTP/1.1") {
        target = t.trim_end();
    }
    if target.starts_with('/') || target.starts_with("http") || target.starts_with('{') {
        return Some((method, target));
    }
    // `GET me/devices`: a path missing its leading slash still reads as a path when its first
    // word has a path shape (not prose such as `GET the user`).
    let word = target.split_whitespace().next().unwrap_or("");
    let path_like = word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word.contains(['/', '(', '?'])
        && !word.ends_with(['.', ',']);
    path_like.then_some((method, target))
}

/// Splits an absolute Graph URL into version and the rest; relative targets keep no version.
pub fn split_url(target: &str) -> (Option<ApiVersion>, &str) {
    let rest = target
        .strip_prefix("https://")
        .or_else(|| target.strip_prefix("http://"));
    let Some(rest) = rest else {
        return (None, target);
    };
    let after_host = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    for (prefix, v) in [("/v1.0", ApiVersion::V1), ("/beta", ApiVersion::Beta)] {
        if let Some(p) = after_host.strip_prefix(prefix) {
            if p.is_empty() || p.starts_with(['/', '?']) {
                return (Some(v), if p.is_empty() { "/" } else { p });
            }
        }
    }
    (None, after_host)
}

/// Finds the `?` that starts the query, outside `{…}` and quotes.
fn query_start(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '\'' => quoted = !quoted,
            '?' if depth == 0 && !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// Parses a request path such as `/users/{id | userPrincipalName}/drive/root:/{item-path}:/content?$select=x`.
pub fn parse_path(method: &str, target: &str, line: usize) -> HttpPath {
    let (_, rest) = split_url(target);
    let (path, query) = match query_start(rest) {
        Some(i) => (&rest[..i], Some(rest[i + 1..].to_string())),
        None => (rest, None),
    };
    let path = path.trim();
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    HttpPath {
        method: method.to_string(),
        segments: segments(&path),
        path,
        query: query.filter(|q| !q.is_empty()),
        line,
    }
}

/// Splits a path into segments; `:/…:` drive paths stay one segment, and so does any `/`
/// inside braces or parentheses.
fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let bytes = path.as_bytes();
    let mut start = 0;
    let mut depth = 0i32;
    let mut in_colon = false;
    // Every delimiter is ASCII, so byte positions are char boundaries.
    for (i, &c) in bytes.iter().enumerate() {
        match c {
            b'{' | b'(' => depth += 1,
            b'}' | b')' => depth -= 1,
            b':' if depth <= 0 => {
                // `root:/path:` opens with `:/` and closes at the next `:`.
                if in_colon {
                    in_colon = false;
                } else if bytes.get(i + 1) == Some(&b'/') {
                    in_colon = true;
                }
            }
            b'/' if depth <= 0 && !in_colon => {
                if i > start {
                    out.push(segment(&path[start..i]));
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if path.len() > start {
        out.push(segment(&path[start..]));
    }
    out
}

fn segment(text: &str) -> Segment {
    // Text and parameter alternate: sized exactly (most segments are one literal).
    let params = text.bytes().filter(|&b| b == b'{').count();
    let mut parts = Vec::with_capacity(2 * params + 1);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            break;
        };
        if open > 0 {
            parts.push(Part::Text(rest[..open].to_string()));
        }
        parts.push(Part::Param(param(&rest[open + 1..close])));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_string()));
    }
    Segment { parts }
}

fn param(raw: &str) -> PathParam {
    let names: Vec<String> = raw
        .split(['|', ','])
        .map(|n| n.trim().trim_matches(['\'', '"']).to_string())
        .filter(|n| !n.is_empty())
        .collect();
    PathParam {
        raw: raw.trim().to_string(),
        names: if names.is_empty() {
            vec!["param".to_string()]
        } else {
            names
        },
    }
}

/// Headers and body of an HTTP message after its first line.
pub struct Message {
    /// Headers in order.
    pub headers: Vec<Header>,
    /// Body.
    pub body: Body,
}

/// Reads headers up to the first blank line, then the body. `first_line` is the page line of
/// `lines[0]`; invalid JSON gives an `invalid-example-json` diagnostic at the error's line.
pub fn message(lines: &[&str], first_line: usize, sink: &mut Sink) -> Message {
    let mut headers = Vec::new();
    // Blank lines right after the request line (common in the docs) do not end the headers.
    let mut i = lines.iter().take_while(|l| l.trim().is_empty()).count();
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            i += 1;
            break;
        }
        match l.split_once(':') {
            Some((name, value))
                if !name.is_empty() && !name.contains(['{', '"', ' ']) && !l.starts_with('{') =>
            {
                headers.push(Header {
                    name: name.trim().to_string(),
                    value: value.trim().to_string(),
                });
                i += 1;
            }
            // No blank line between headers and body: the body starts here.
            _ => break,
        }
    }
    let body_lines = &lines[i.min(lines.len())..];
    let body_text = body_lines.join("\n");
    let trimmed = body_text.trim();
    let body = if trimmed.is_empty() {
        Body::None
    } else if trimmed.starts_with(['{', '[']) {
        match crate::model::Json::parse(trimmed) {
            Ok(v) => Body::Json(v),
            Err(e) => {
                let lead = body_text.len() - body_text.trim_start().len();
                let lead_lines = body_text[..lead].matches('\n').count();
                sink.report(
                    first_line + i + lead_lines + e.line().saturating_sub(1),
                    crate::diag::Code::InvalidExampleJson,
                    format!("example body is not valid JSON: {e}"),
                );
                Body::Text(trimmed.to_string())
            }
        }
    } else {
        Body::Text(trimmed.to_string())
    };
    Message { headers, body }
}

pub use crate::model::percent_decode;

/// Parses `HTTP/1.1 200 OK` into the status code.
pub fn status_line(line: &str) -> Option<u16> {
    let rest = line.trim().strip_prefix("HTTP/")?;
    let code = rest.split_whitespace().nth(1)?;
    code.parse().ok().filter(|c| (100..600).contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(p: &HttpPath) -> Vec<Vec<String>> {
        p.parameters().map(|p| p.names.clone()).collect()
    }

    #[test]
    fn request_lines() {
        assert_eq!(request_line("POST /a/{b}/c"), Some(("POST", "/a/{b}/c")));
        assert_eq!(
            request_line("get https://graph.microsoft.com/v1.0/me HTTP/1.1"),
            Some(("GET", "https://graph.microsoft.com/v1.0/me"))
        );
        assert_eq!(request_line("Content-Type: application/json"), None);
        assert_eq!(request_line("GET the user"), None);
        assert_eq!(request_line("GET me/devices"), Some(("GET", "me/devices")));
        assert_eq!(
            parse_path("GET", "me/devices/{id}", 1).path,
            "/me/devices/{id}"
        );
    }

    #[test]
    fn urls_split_version() {
        assert_eq!(
            split_url("https://graph.microsoft.com/beta/users?$top=1"),
            (Some(ApiVersion::Beta), "/users?$top=1")
        );
        assert_eq!(
            split_url("https://graph.microsoft.com/v1.0"),
            (Some(ApiVersion::V1), "/")
        );
        assert_eq!(split_url("/me"), (None, "/me"));
    }

    #[test]
    fn paths_with_alternatives_repeats_keys_and_drive_paths() {
        let p = parse_path("GET", "/users/{id | userPrincipalName}", 1);
        assert_eq!(
            names(&p),
            [vec!["id".to_string(), "userPrincipalName".to_string()]]
        );

        let p = parse_path("GET", "/groups/{id}/members/{id}", 1);
        assert_eq!(names(&p).len(), 2);

        let p = parse_path(
            "GET",
            "/sites/{site-id}/drive/root:/{item-path}:/content?$select=id",
            1,
        );
        assert_eq!(p.query.as_deref(), Some("$select=id"));
        let texts: Vec<_> = p.segments.iter().map(|s| s.text()).collect();
        let drives: Vec<_> = p.segments.iter().map(|s| s.is_drive_path()).collect();
        assert_eq!(drives, [false, false, false, true, false]);
        assert_eq!(
            texts,
            [
                "sites",
                "{site-id}",
                "drive",
                "root:/{item-path}:",
                "content"
            ]
        );
        assert_eq!(
            names(&p),
            [vec!["site-id".to_string()], vec!["item-path".to_string()]]
        );

        let p = parse_path("GET", "/reports/getX(period='{period_value}',date={d})", 1);
        assert_eq!(p.segments.len(), 2);
        assert_eq!(names(&p).len(), 2);
        assert_eq!(
            p.segments[1].parts[0],
            Part::Text("getX(period='".to_string())
        );
    }

    #[test]
    fn message_with_invalid_json_reports_line() {
        let text = "Content-Type: application/json\n\n{\n  \"a\": 1,\n  \"b\": ,\n}";
        let lines: Vec<&str> = text.lines().collect();
        let mut sink = Sink::new("p.md");
        let m = message(&lines, 10, &mut sink);
        assert_eq!(m.headers.len(), 1);
        assert!(matches!(m.body, Body::Text(_)));
        assert_eq!(sink.items[0].code, "invalid-example-json");
        assert_eq!(sink.items[0].line, 14);
    }

    #[test]
    fn blank_line_after_the_request_line() {
        let lines = ["", "Content-type: application/json", "", "{\"a\": 1}"];
        let mut sink = Sink::new("p.md");
        let m = message(&lines, 1, &mut sink);
        assert_eq!(m.headers.len(), 1);
        assert_eq!(m.body, Body::Json(serde_json::json!({"a": 1}).into()));
    }

    #[test]
    fn message_without_blank_line() {
        let lines = ["Content-type: application/json", "{\"a\": [1]}"];
        let mut sink = Sink::new("p.md");
        let m = message(&lines, 1, &mut sink);
        assert_eq!(m.headers.len(), 1);
        assert_eq!(m.body, Body::Json(serde_json::json!({"a": [1]}).into()));
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_line("HTTP/1.1 204 No Content"), Some(204));
        assert_eq!(status_line("HTTP/1.1 OK"), None);
    }
}
