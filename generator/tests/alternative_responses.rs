//! Responses the docs describe two ways, and primitives named in prose: a write that answers
//! `204 No Content` unless asked with `Prefer: return=representation` (then `200 OK` and the
//! object) returns an `Option`; so does one whose example contradicts its prose (and `check`
//! says so); "a String in the response body" is a string. The mock answers as the service
//! does. Pages are written by the test.

use graphdoc::diag::Code;
use graphdoc::mock::{Mock, Recorded};

mod common;

const PLAN: &str = "---\ntitle: \"plannerPlan resource type\"\ndoc_type: resourcePageType\n---\n\n# plannerPlan resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|The id.|\n|title|String|The title.|\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.plannerPlan\" } -->\n```json\n{\n  \"id\": \"String\",\n  \"title\": \"String\"\n}\n```\n";

/// An update page: `response` is the Response section's prose, `request_headers` go in the
/// example request, `answer` is the example's status line and body.
fn update(name: &str, path: &str, response: &str, request_headers: &str, answer: &str) -> String {
    format!(
        "---\ntitle: \"{name}\"\nms.prod: \"planner\"\ndoc_type: apiPageType\n---\n\n# {name}\n\n## HTTP request\n\n```http\nPATCH {path}\n```\n\n## Request body\n\nIn the request body, supply the values for relevant fields that should be updated.\n\n|Property|Type|Description|\n|:--|:--|:--|\n|title|String|The title.|\n\n## Response\n\n{response}\n\n## Example\n\n### Request\n<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\nPATCH https://graph.microsoft.com/v1.0{example}\nContent-type: application/json\n{request_headers}\n{{\"title\": \"t\"}}\n```\n\n### Response\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.plannerPlan\" }} -->\n```http\n{answer}\n```\n",
        example = path.replace("{id}", "p-1"),
    )
}

const FUNCTION: &str = "---\ntitle: \"getFileVaultKey function\"\nms.prod: \"intune\"\ndoc_type: apiPageType\n---\n\n# getFileVaultKey function\n\n## HTTP Request\n``` http\nGET /deviceManagement/managedDevices/{managedDeviceId}/getFileVaultKey\n```\n\n## Response\nIf successful, this function returns a `200 OK` response code and a String in the response body.\n\n## Example\n\n### Request\n``` http\nGET https://graph.microsoft.com/v1.0/deviceManagement/managedDevices/d-1/getFileVaultKey\n```\n\n### Response\n``` http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"value\": \"Get File Vault Key value\"\n}\n```\n";

fn docs(name: &str) -> graphdoc::Model {
    let body =
        "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"p-1\", \"title\": \"t\"}";
    let pages = [
        (
            "plannerplan-update",
            update(
                "plannerplan-update",
                "/planner/plans/{id}",
                "If successful, this method returns `204 No Content` response and empty content. If the request specifies `Prefer` header with `return=representation` preference, then this method returns a `200 OK` response code and an updated [plannerPlan](../resources/plannerplan.md) object in the response body.",
                "Prefer: return=representation\n",
                body,
            ),
        ),
        (
            // The prose promises no body, the example shows one.
            "plannerdraft-update",
            update(
                "plannerdraft-update",
                "/planner/drafts/{id}",
                "If successful, this method returns a `204 No Content` response code.",
                "",
                body,
            ),
        ),
        (
            // One status, one answer: the object every time.
            "plannerboard-update",
            update(
                "plannerboard-update",
                "/planner/boards/{id}",
                "If successful, this method returns a `200 OK` response code and an updated [plannerPlan](../resources/plannerplan.md) object in the response body.",
                "",
                body,
            ),
        ),
        (
            "plannerarchive-update",
            update(
                "plannerarchive-update",
                "/planner/archives/{id}",
                "If successful, this method returns a `204 No Content` response code.",
                "",
                "HTTP/1.1 204 No Content",
            ),
        ),
        (
            "intune-devices-manageddevice-getfilevaultkey",
            FUNCTION.to_string(),
        ),
    ];
    let mut files: Vec<(String, String)> = pages
        .into_iter()
        .map(|(name, text)| (format!("v1.0/api/{name}.md"), text))
        .collect();
    files.push(("v1.0/resources/plannerplan.md".into(), PLAN.into()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    common::read_pages(&format!("alt-{name}"), &files)
}

#[test]
fn alternative_responses_are_optional_and_primitives_in_prose_are_typed() {
    let model = docs("plan");
    let plan_update = model
        .operations
        .iter()
        .find(|o| o.source.ends_with("plannerplan-update.md"))
        .unwrap();
    assert_eq!(plan_update.response.status, Some(204));
    assert_eq!(plan_update.response.alternatives, [200]);

    let index = graphdoc::emit::index::resolved(&model, &Default::default());
    let response = |page: &str| {
        index
            .iter()
            .find(|o| o.pages[0].ends_with(page))
            .unwrap_or_else(|| panic!("{page} is not in the index"))
            .response
            .clone()
    };
    assert_eq!(
        response("plannerplan-update.md"),
        "Option<v1_0::types::PlannerPlan>"
    );
    // The example's own type decides where the prose names none.
    assert_eq!(
        response("plannerdraft-update.md"),
        "Option<v1_0::types::PlannerPlan>"
    );
    assert_eq!(
        response("plannerboard-update.md"),
        "v1_0::types::PlannerPlan"
    );
    assert_eq!(response("plannerarchive-update.md"), "()");
    assert_eq!(
        response("intune-devices-manageddevice-getfilevaultkey.md"),
        "String"
    );

    // The generated functions say the same, and parse `{"value": …}` into the string.
    let out = graphdoc::emit::generate(&model, &Default::default()).unwrap();
    let endpoints = &out.files["src/v1_0/endpoints.rs"];
    assert!(
        endpoints.contains("::core::option::Option<super::super::super::types::PlannerPlan>"),
        "{endpoints}"
    );
    assert!(endpoints.contains("ValueWrapped"), "{endpoints}");

    // Only the contradiction is a finding.
    let findings = graphdoc::check::check(&model, &|_| None);
    let status: Vec<_> = findings
        .iter()
        .filter(|d| d.code == Code::ResponseStatusMismatch)
        .collect();
    assert_eq!(status.len(), 1, "{status:#?}");
    assert!(status[0].file.ends_with("plannerdraft-update.md"));
    assert!(
        status[0].message.contains("answers 200") && status[0].message.contains("names 204"),
        "{}",
        status[0].message
    );
}

fn patch(
    mock: &mut Mock,
    url: &str,
    prefer: Option<&str>,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let a = mock.handle(
        "http://mock",
        Recorded {
            method: "PATCH".into(),
            url: url.into(),
            headers: prefer
                .map(|p| vec![("prefer".to_string(), p.to_string())])
                .unwrap_or_default(),
            body: br#"{"title": "t"}"#.to_vec(),
        },
    );
    (a.status, a.headers, a.body)
}

#[test]
fn the_mock_honours_prefer_as_the_service_does() {
    let mut mock = Mock::new(&docs("mock"));
    // Shown only to `Prefer: return=representation`: without it, no content.
    let (status, _, body) = patch(&mut mock, "/v1.0/planner/plans/p-2", None);
    assert_eq!((status, body.len()), (204, 0));
    let (status, headers, body) = patch(
        &mut mock,
        "/v1.0/planner/plans/p-2",
        Some("return=representation"),
    );
    assert_eq!(status, 200);
    assert!(headers
        .iter()
        .any(|(k, v)| k == "Preference-Applied" && v == "return=representation"));
    let plan: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(plan["title"], "t");
    // An answer with a body is dropped for `return=minimal`, and kept otherwise.
    let (status, _, body) = patch(&mut mock, "/v1.0/planner/boards/b-1", None);
    assert_eq!(status, 200);
    assert!(!body.is_empty());
    let (status, headers, body) = patch(
        &mut mock,
        "/v1.0/planner/boards/b-1",
        Some("return=minimal"),
    );
    assert_eq!((status, body.len()), (204, 0));
    assert!(headers
        .iter()
        .any(|(k, v)| k == "Preference-Applied" && v == "return=minimal"));
}
