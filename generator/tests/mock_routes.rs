//! The mock's logic without a socket: a function called with arguments goes to the function's
//! route, not to the `{id}` route beside it; collections page; faults come and go on demand.

use graphdoc::mock::{Mock, Recorded};

mod common;

fn page(name: &str, http: &str, example_path: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{name}\"\nms.prod: \"intune\"\ndoc_type: apiPageType\n---\n\n# {name}\n\n## HTTP request\n``` http\n{http}\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code.\n\n## Example\n\n### Request\n<!-- {{\"blockType\": \"request\", \"name\": \"{name}\"}} -->\n``` http\nGET https://graph.microsoft.com/v1.0{example_path}\n```\n\n### Response\n<!-- {{\"blockType\": \"response\"}} -->\n``` http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
    )
}

fn mock(name: &str) -> Mock {
    let get = page("app-get", "GET /apps/{id}", "/apps/a-1", r#"{"id": "a-1"}"#);
    let licenses = page(
        "app-getlicensesforapp",
        "GET /apps/getLicensesForApp(bundleId='{bundleId}')",
        "/apps/getLicensesForApp(bundleId='com.contoso.app')",
        r#"{"value": [{"license": 1}, {"license": 2}, {"license": 3}]}"#,
    );
    let model = common::read_pages(
        &format!("mock-{name}"),
        &[
            ("v1.0/api/app-get.md", &get),
            ("v1.0/api/app-getlicensesforapp.md", &licenses),
        ],
    );
    Mock::new(&model)
}

fn get(mock: &mut Mock, url: &str) -> (u16, serde_json::Value) {
    let a = mock.handle(
        "http://mock",
        Recorded {
            method: "GET".into(),
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
        },
    );
    (
        a.status,
        serde_json::from_slice(&a.body).unwrap_or_default(),
    )
}

#[test]
fn a_function_call_with_other_arguments_goes_to_the_function() {
    let mut m = mock("function");
    let (status, body) = get(&mut m, "/v1.0/apps/getLicensesForApp(bundleId='x')");
    assert_eq!(status, 200);
    assert!(
        body["value"].is_array(),
        "the {{id}} route answered: {body}"
    );
    let (_, app) = get(&mut m, "/v1.0/apps/some-other-id");
    assert_eq!(app["id"], "a-1");
}

#[test]
fn collections_page_and_faults_come_and_go() {
    let mut m = mock("paging");
    let url = "/v1.0/apps/getLicensesForApp(bundleId='x')?$top=2&$count=true";
    let (_, first) = get(&mut m, url);
    assert_eq!(first["value"].as_array().map(Vec::len), Some(2));
    assert_eq!(first["@odata.count"], 3);
    let next = first["@odata.nextLink"].as_str().unwrap().to_string();
    let (_, second) = get(&mut m, next.strip_prefix("http://mock").unwrap());
    assert_eq!(second["value"], serde_json::json!([{"license": 3}]));
    assert!(second.get("@odata.nextLink").is_none());

    m.fail("GET", "/apps/a", 503, 1, Some(2));
    let a = m.handle(
        "http://mock",
        Recorded {
            method: "GET".into(),
            url: "/v1.0/apps/a-1".into(),
            headers: vec![("client-request-id".into(), "c-1".into())],
            body: Vec::new(),
        },
    );
    assert_eq!(a.status, 503);
    assert!(a
        .headers
        .contains(&("Retry-After".to_string(), "2".to_string())));
    assert!(a
        .headers
        .contains(&("client-request-id".to_string(), "c-1".to_string())));
    assert!(a.headers.iter().any(|(k, _)| k == "request-id"));
    assert_eq!(
        get(&mut m, "/v1.0/apps/a-1").0,
        200,
        "the fault was for one request"
    );
    assert_eq!(m.requests().len(), 4);
}

/// Two pages document GET /apps/{id}: the route answers with the primary page's example (the
/// workload's own `app-get`, not a copy with a longer name), whatever the copy is called and so
/// wherever it sorts.
#[test]
fn an_operation_documented_twice_answers_with_its_primary_page() {
    for copy in ["a-copy-app-get", "z-copy-app-get"] {
        let primary = page(
            "app-get",
            "GET /apps/{id}",
            "/apps/a-1",
            r#"{"id": "primary"}"#,
        );
        let other = page(copy, "GET /apps/{app-id}", "/apps/a-2", r#"{"id": "copy"}"#);
        let copy_path = format!("v1.0/api/{copy}.md");
        let model = common::read_pages(
            &format!("mock-{copy}"),
            &[("v1.0/api/app-get.md", &primary), (&copy_path, &other)],
        );
        let mut m = Mock::new(&model);
        // One route per operation and form, plus each example's own URL.
        assert_eq!(m.routes().len(), 3, "{copy}");
        assert_eq!(get(&mut m, "/v1.0/apps/other").1["id"], "primary", "{copy}");
        // An example's own URL still answers with that example.
        assert_eq!(get(&mut m, "/v1.0/apps/a-2").1["id"], "copy", "{copy}");
    }
}
