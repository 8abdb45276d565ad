//! Operations pass: each page's endpoints (one per path template), their bodies and responses
//! (content and counts by path), and the page's examples attached to the endpoint they call.

use std::collections::BTreeSet;

use super::ir::*;
use super::par_map_diags;
use super::types::{extras_name, plan_fields};
use crate::diag::{Code, Diagnostic, Severity};
use crate::link::examples::{
    example_sends_json, is_collection_page, is_single_object, is_value_wrapper,
};
use crate::link::path::{canonical_path, endpoint_templates, match_path, Template};
use crate::model::{percent_decode, Body, Example, Operation, Permissions, Property, RequestBody};

pub(crate) fn plan_endpoints(
    ops: &[&Operation],
    resolve: &(dyn Fn(&str) -> Option<TypeRef> + Sync),
    reuse: &(dyn Fn(&Operation) -> Option<TypeRef> + Sync),
    own: &(dyn Fn(&Operation, &Example) -> Option<TypeRef> + Sync),
    diags: &mut Vec<Diagnostic>,
) -> Vec<EndpointPlan> {
    // Operations are planned independently (beta's are most of the plan's time), in parallel.
    par_map_diags(ops, diags, |op, d| {
        plan_operation(op, resolve, reuse, own, d)
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The endpoints of one operation: one per documented path, examples attached (`own` gives
/// the type an example documents itself as, see [`crate::link::examples::own_type`]).
pub(crate) fn plan_operation(
    op: &Operation,
    resolve: &dyn Fn(&str) -> Option<TypeRef>,
    reuse: &dyn Fn(&Operation) -> Option<TypeRef>,
    own: &dyn Fn(&Operation, &Example) -> Option<TypeRef>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<EndpointPlan> {
    let mut out = Vec::new();
    // A page that names no response type is typed by what its examples name (`own`).
    let shown = || {
        op.examples
            .iter()
            .filter(|e| {
                e.response
                    .as_ref()
                    .is_some_and(|r| matches!(r.body, Body::Json(_)))
            })
            .find_map(|e| own(op, e))
    };
    let response = plan_response(op, resolve, &shown, diags);
    let body = match (&op.request_body, reuse(op)) {
            (RequestBody::Parameters { .. }, Some(t)) => BodyPlan::Type(t),
            // No Request body section, yet the example sends JSON: the page left the section
            // out (check says so); the endpoint takes the body as JSON rather than drop it.
            (RequestBody::None, _) if example_sends_json(op) => {
                diags.push(Diagnostic::new(&op.source, op.line, Code::UndocumentedRequestBody,
                    "the page has no Request body section but its example sends JSON; the body is JSON".to_string()));
                BodyPlan::Type(TypeRef::Json)
            }
            (RequestBody::None, _) => BodyPlan::None,
            (RequestBody::Unknown, _) => BodyPlan::Type(TypeRef::Json),
            (RequestBody::Type { type_name }, _) => BodyPlan::Type(resolve(type_name).unwrap_or_else(|| {
                // A JSON body loses nothing the caller sends: a note, not a warning.
                diags.push(Diagnostic::new(&op.source, op.line, Code::UnknownType,
                    format!("request body type `{type_name}` is not defined in the docs set; the body is JSON")).with_severity(Severity::Note));
                TypeRef::Json
            })),
            (RequestBody::Parameters { parameters, .. }, None) => {
                let refs: Vec<&Property> = parameters.iter().collect();
                let fields = plan_fields(&refs, resolve, &op.source, diags);
                BodyPlan::Params {
                    rust: String::new(), // named after the endpoint, once endpoints have names
                    extras: extras_name(&fields),
                    fields,
                }
            }
        };
    let doc = if op.description.is_empty() {
        op.title.clone()
    } else {
        op.description.clone()
    };
    let title = op.title.trim().to_lowercase();
    let titled_action = ["action", "function", "操作", "函数"]
        .iter()
        .any(|w| title.ends_with(w));
    for Template {
        method,
        path,
        pieces,
        params,
        in_url,
        documented,
        query_variant,
    } in endpoint_templates(op)
    {
        let last = path.rsplit('/').next().unwrap_or("");
        let action = !last.starts_with('{') && (titled_action || last.contains('(') || in_url);
        let (response, body) = content_of(&method, &path, &response, &body);
        let permissions = permissions_at(op, &path);
        let get = method == "GET";
        out.push(EndpointPlan {
            module: Vec::new(),
            rust: String::new(),
            const_name: String::new(),
            operation: op.name.clone(),
            method,
            path_forms: vec![path.clone()],
            path,
            pieces,
            params,
            body: if in_url { BodyPlan::None } else { body },
            response,
            query_options: op.query_options.clone(),
            optional_arguments: if get {
                op.optional_parameters
                    .iter()
                    .map(|p| OptionalArgument {
                        wire: p.name.clone(),
                        type_name: p.type_name.trim_start_matches("Edm.").to_string(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            permissions,
            permission_sets: op.permission_sets.clone(),
            doc: doc.clone(),
            source: op.source.clone(),
            workload: op.workload.clone(),
            pages: vec![PageRef {
                operation: op.name.clone(),
                source: op.source.clone(),
                workload: op.workload.clone(),
            }],
            documented,
            query_variant,
            action,
            examples: Vec::new(),
            features: BTreeSet::new(),
            page_bodies: Vec::new(),
        });
    }
    attach_examples(op, &mut out, own);
    // One Response section for several calls (drive-get-specialfolder.md documents a folder and
    // its `children`): a call whose own examples are all pages of a collection returns one.
    for e in &mut out {
        let bodies: Vec<serde_json::Value> = e
            .examples
            .iter()
            .filter_map(|x| x.response.as_ref().map(|(_, b)| b.value()))
            .collect();
        if e.response.shape == Shape::Plain
            && e.response.ty.is_some()
            && !bodies.is_empty()
            && bodies.iter().all(|b| is_collection_page(Some(b)))
        {
            e.response.shape = Shape::Collection;
        }
    }
    if op.permissions.is_none() {
        diags.push(Diagnostic::new(
            &op.source,
            op.line,
            Code::NoPermissions,
            format!(
                "`{}` documents no permissions; its endpoints carry an empty list",
                op.name
            ),
        ));
    }
    out
}

/// The permissions of an operation's endpoint at `path`. Where its page gives them per
/// resource (`| [event](…) | Calendars.Read |…`), the rows of the resources the path goes
/// through (`/me/events/{id}/attachments` → event); where it goes through none of them
/// (`/subscriptions/{id}`), or the page has no such rows, all of the operation's.
fn permissions_at(op: &Operation, path: &str) -> Permissions {
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .map(|s| s.split('(').next().unwrap_or(s).to_ascii_lowercase())
        .collect();
    let through = |resource: &str| {
        let r = resource.to_ascii_lowercase();
        let plural_y = r.strip_suffix('y').map(|stem| format!("{stem}ies"));
        segments.iter().any(|s| {
            *s == r
                || s.strip_suffix('s') == Some(r.as_str())
                || s.strip_suffix("es") == Some(r.as_str())
                || plural_y.as_deref() == Some(s.as_str())
        })
    };
    let mut at = Permissions::default();
    for set in &op.permission_sets {
        if set.resource.as_deref().is_some_and(through) {
            at.merge(&set.permissions);
        }
    }
    if at.is_empty() {
        op.permissions.clone().unwrap_or_default()
    } else {
        at
    }
}

/// What a path says about its content, over what its page says: a `GET` of `…/content`,
/// `…/$value` or a report (no documented type: a CSV behind a redirect) returns bytes, one of
/// `…/$count` a number; a `PUT` or `PATCH` of content sends bytes.
pub(crate) fn content_of(
    method: &str,
    path: &str,
    response: &ResponsePlan,
    body: &BodyPlan,
) -> (ResponsePlan, BodyPlan) {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let content = last.eq_ignore_ascii_case("content") || last.eq_ignore_ascii_case("$value");
    let bytes = |shape| ResponsePlan {
        ty: None,
        shape,
        status: response.status,
        optional: false,
    };
    match method {
        "GET" if content => (bytes(Shape::Bytes), body.clone()),
        "GET" if last.eq_ignore_ascii_case("$count") => (bytes(Shape::Count), body.clone()),
        "GET" if response.ty.is_none() && path.starts_with("/reports/") => {
            (bytes(Shape::Bytes), body.clone())
        }
        "PUT" | "PATCH" if content => (response.clone(), BodyPlan::Content),
        _ => (response.clone(), body.clone()),
    }
}

pub(crate) fn plan_response(
    op: &Operation,
    resolve: &dyn Fn(&str) -> Option<TypeRef>,
    shown: &dyn Fn() -> Option<TypeRef>,
    diags: &mut Vec<Diagnostic>,
) -> ResponsePlan {
    let documented = op.response.status.unwrap_or(200);
    let responses = || op.examples.iter().filter_map(|e| e.response.as_ref());
    let example_body = responses().find_map(|r| match &r.body {
        Body::Json(v) => Some(v.value()),
        _ => None,
    });
    let example_body = example_body.as_ref();
    // A status with a body: the first the prose names, else one an example shows with JSON.
    let with_body = std::iter::once(documented)
        .chain(op.response.alternatives.iter().copied())
        .find(|s| *s != 204)
        .or_else(|| {
            responses()
                .filter(|r| matches!(r.body, Body::Json(_)))
                .find_map(|r| r.status.filter(|s| (200..300).contains(s) && *s != 204))
        });
    // The service may answer either way: the prose names both (`Prefer:
    // return=representation`), or the prose and the examples disagree (`check` says so).
    let no_content = documented == 204
        || op.response.alternatives.contains(&204)
        || responses().any(|r| r.status == Some(204));
    let Some(status) = with_body else {
        return ResponsePlan {
            ty: None,
            shape: Shape::NoContent,
            status: 204,
            optional: false,
        };
    };
    let ty = match op.response.type_name.as_deref() {
        Some(name) => Some(resolve(name).unwrap_or_else(|| {
            diags.push(Diagnostic::new(
                &op.source,
                op.line,
                Code::UnknownType,
                format!(
                    "response type `{name}` is not defined in the docs set; the response is JSON"
                ),
            ));
            TypeRef::Json
        })),
        None => shown(),
    };
    let Some(ty) = ty else {
        return ResponsePlan {
            ty: None,
            shape: if documented == 204 || example_body.is_none() {
                Shape::NoContent
            } else {
                Shape::Plain
            },
            status: if documented == 204 { 204 } else { status },
            optional: false,
        }
        .with_fallback(example_body);
    };
    if documented == 204 && example_body.is_none() && op.response.alternatives.is_empty() {
        // "204 No Content" and nothing shown: a type the prose mentions is not sent.
        return ResponsePlan {
            ty: None,
            shape: Shape::NoContent,
            status: 204,
            optional: false,
        };
    }
    let shape = shape_of(op, &ty, example_body);
    ResponsePlan {
        optional: no_content && !matches!(shape, Shape::Bytes),
        shape,
        ty: Some(ty),
        status,
    }
}

/// How a response of `ty` is wrapped. The prose often says "returns a user object" over an
/// example that is a page of users: the example shows what the service sends (`graphdoc
/// check` reports the prose). A `{"value": {…}}` example of a "collection"
/// (agentuser-list.md) is one wrapped object.
fn shape_of(op: &Operation, ty: &TypeRef, example_body: Option<&serde_json::Value>) -> Shape {
    if is_collection_page(example_body)
        || op.response.collection
            && !is_single_object(example_body)
            && !is_value_wrapper(example_body)
    {
        Shape::Collection
    } else if is_value_wrapper(example_body)
        || matches!(ty, TypeRef::Prim(_)) && example_body.is_some_and(|b| b.get("value").is_some())
    {
        Shape::ValueWrapped
    } else if *ty == TypeRef::Prim(crate::model::Edm::Stream) {
        // A stream not shown as `{"value": "…"}` JSON is the content itself.
        Shape::Bytes
    } else {
        Shape::Plain
    }
}

impl ResponsePlan {
    /// A response the page types nowhere but whose example has a body: keep it as JSON.
    fn with_fallback(mut self, example: Option<&serde_json::Value>) -> Self {
        if self.shape == Shape::Plain && example.is_some() {
            self.ty = Some(TypeRef::Json);
        }
        self
    }
}

/// Gives each of the operation's examples to the endpoint whose path template matches its
/// request URL (the first endpoint when none does, or when there is no request). An example
/// that documents a type of its own (`own`) is read as that type, in the shape its body has.
pub(crate) fn attach_examples(
    op: &Operation,
    eps: &mut [EndpointPlan],
    own: &dyn Fn(&Operation, &Example) -> Option<TypeRef>,
) {
    if eps.is_empty() {
        return;
    }
    for (i, ex) in op.examples.iter().enumerate() {
        let req = ex.request.as_ref();
        let path = req.map(|r| canonical_path(&r.path));
        let matched = req.zip(path.as_deref()).and_then(|(r, path)| {
            eps.iter().enumerate().find_map(|(j, e)| {
                (e.method.eq_ignore_ascii_case(&r.method))
                    // The endpoint encodes its arguments: pass the example's values decoded
                    // (`19%3Aabc%40thread.skype` is the id `19:abc@thread.skype`).
                    .then(|| match_path(&e.pieces, path))
                    .flatten()
                    .map(|args| (j, args.iter().map(|a| percent_decode(a)).collect()))
            })
        });
        let (j, args) = matched.unwrap_or_else(|| {
            (
                0,
                eps[0]
                    .params
                    .iter()
                    .map(|p| format!("{{{}}}", p.wire))
                    .collect(),
            )
        });
        let to_graph = req.is_none_or(|r| r.version.is_some() || !r.url.starts_with("http"));
        let response = ex
            .response
            .as_ref()
            .filter(|_| to_graph)
            .and_then(|r| match &r.body {
                Body::Json(v) => Some((r.status.unwrap_or(200), v.clone())),
                _ => None,
            });
        let request = req.map(|r| {
            let body = match &r.body {
                Body::Json(v) => Some(v.clone()),
                _ => None,
            };
            let path = path.clone().unwrap_or_else(|| r.path.clone());
            (r.method.clone(), path, r.query.clone(), body)
        });
        let line = ex
            .response
            .as_ref()
            .map(|r| r.line)
            .or(req.map(|r| r.line))
            .unwrap_or(op.line);
        // A `204` example is no content whatever it shows (check reports a body on one).
        let response_as = response
            .as_ref()
            .filter(|(status, _)| *status != 204)
            .and_then(|(status, body)| {
                let body = body.value();
                let shape = if is_collection_page(Some(&body)) {
                    Shape::Collection
                } else if is_value_wrapper(Some(&body)) {
                    Shape::ValueWrapped
                } else {
                    Shape::Plain
                };
                Some(ResponsePlan {
                    ty: Some(own(op, ex)?),
                    shape,
                    status: *status,
                    optional: false,
                })
            });
        eps[j].examples.push(ExampleCase {
            index: i + 1,
            source: op.source.clone(),
            response_as,
            body_as: None,
            page_body: None,
            line,
            args,
            request,
            response,
            truncated: ex.response.as_ref().is_some_and(|r| r.truncated),
            graph_request: req.is_some_and(|r| r.version.is_some() || !r.url.starts_with("http")),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_add_calls_the_http_section_leaves_out() {
        use crate::model::{Body, Example, ExampleRequest};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let mut op = crate::read::read_docs(&[root]).operations.remove(0);
        let request = |method: &str, path: &str| Example {
            name: None,
            request: Some(ExampleRequest {
                method: method.into(),
                url: format!("https://graph.microsoft.com/v1.0{path}"),
                version: Some(crate::model::ApiVersion::V1),
                path: path.into(),
                query: None,
                headers: Vec::new(),
                body: Body::None,
                line: 1,
            }),
            response: None,
        };
        op.paths = vec![
            crate::read::http::parse_path("GET", "/users/{id | userPrincipalName}/drive", 1),
            crate::read::http::parse_path(
                "GET",
                "/users/{id}/workbook/worksheets/{id|name}/UsedRange",
                1,
            ),
        ];
        op.request_body = crate::model::RequestBody::None;
        op.examples = vec![
            request("GET", "/me/drive"),
            request(
                "GET",
                "/users/a/workbook/worksheets/Sheet1/UsedRange(valuesOnly=true)",
            ),
            // Neither a documented path nor a call of one: stays unmatched.
            request("GET", "/me/drives"),
            request(
                "GET",
                "/users/a/workbook/worksheets/Sheet1/Other(valuesOnly=true)",
            ),
        ];
        let templates = endpoint_templates(&op);
        let paths: Vec<&str> = templates.iter().map(|t| t.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/users/{id | userPrincipalName}/drive",
                "/users/{id}/workbook/worksheets/{id|name}/UsedRange",
                "/me/drive",
                "/users/{id}/workbook/worksheets/{id|name}/UsedRange(valuesOnly={valuesOnly})",
            ]
        );
        assert!(templates[2].params.is_empty());
        assert_eq!(
            templates.iter().map(|t| t.documented).collect::<Vec<_>>(),
            [true, true, false, false]
        );
        assert_eq!(
            match_path(
                &templates[3].pieces,
                "/users/a/workbook/worksheets/Sheet1/UsedRange(valuesOnly=true)"
            ),
            Some(vec!["a".into(), "Sheet1".into(), "true".into()])
        );
        // The variants are endpoints with the examples attached.
        let eps = plan_endpoints(&[&op], &|_| None, &|_| None, &|_, _| None, &mut Vec::new());
        assert_eq!(eps.len(), 4);
        assert_eq!(eps[2].examples.len(), 1);
        assert_eq!(eps[3].examples[0].args, ["a", "Sheet1", "true"]);
    }

    /// A page that gives permissions per resource: each endpoint carries the rows of the
    /// resources its path goes through, all of them where it goes through none.
    #[test]
    fn per_resource_permissions_follow_the_path() {
        struct NoIncludes;
        impl crate::read::page::Includes for NoIncludes {
            fn load(&self, _: &str, target: &str) -> Result<(String, String), String> {
                Err(format!("no {target}"))
            }
        }
        let page = "---\ntitle: Get attachment\ndoc_type: apiPageType\n---\n\n# Get attachment\n\n## Permissions\n\n| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n| [event](../resources/event.md) | Calendars.Read | Calendars.Read | Calendars.Read |\n| [post](../resources/post.md) | Group.Read.All | Not supported | Not supported |\n\n## HTTP request\n\n```http\nGET /me/events/{id}/attachments/{id}\nGET /groups/{id}/threads/{id}/posts/{id}/attachments/{id}\nGET /attachments/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n";
        let mut sink = crate::diag::Sink::new("v1.0/api/attachment-get.md");
        let out = crate::read::page::read_page(
            "v1.0/api/attachment-get.md",
            page,
            &NoIncludes,
            &mut sink,
        );
        let op = out.operation.expect("an operation");
        assert_eq!(op.permission_sets.len(), 2, "{:?}", sink.items);
        let eps = plan_endpoints(&[&op], &|_| None, &|_| None, &|_, _| None, &mut Vec::new());
        let at = |path: &str| {
            let e = eps.iter().find(|e| e.path == path).expect(path);
            (
                e.permissions.delegated_work.clone(),
                e.permissions.application.clone(),
            )
        };
        assert_eq!(
            at("/me/events/{id}/attachments/{id}"),
            (
                vec!["Calendars.Read".to_string()],
                vec!["Calendars.Read".to_string()]
            )
        );
        assert_eq!(
            at("/groups/{id}/threads/{id}/posts/{id}/attachments/{id}"),
            (vec!["Group.Read.All".to_string()], vec![])
        );
        assert_eq!(
            at("/attachments/{id}").0,
            ["Calendars.Read", "Group.Read.All"]
        );
    }
}
