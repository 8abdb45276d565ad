//! A `## Function parameters` table (current docs): required parameters are the function's
//! arguments and part of its URL; optional ones are left out of the URL and named in the
//! function's docs, to be added with `.argument(name, value)`. Pages are written by the test.

mod common;

const PAGE: &str = "---\ntitle: \"adhocCall: getAllRecordings\"\nms.prod: \"cloud-communications\"\ndoc_type: apiPageType\n---\n\n# adhocCall: getAllRecordings\n\n## HTTP request\n\n```http\nGET /users/{usersId}/adhocCalls/getAllRecordings\n```\n\n## Function parameters\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n|userId|String|The user. Required.|\n|startDateTime|DateTimeOffset|Optional. Earliest start.|\n|top|Int32|Optional. Page size.|\n\n## Request body\n\nDon't supply a request body for this method.\n\n## Response\n\nIf successful, this function returns a `200 OK` response code and a String collection in the response body.\n";

#[test]
fn required_parameters_are_arguments_and_optional_ones_are_documented() {
    let model = common::read_pages(
        "fnparams",
        &[("v1.0/api/adhoccall-getallrecordings.md", PAGE)],
    );
    let op = &model.operations[0];
    let optional: Vec<&str> = op
        .optional_parameters
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(optional, ["startDateTime", "top"]);

    let index = graphdoc::emit::index::resolved(&model, &Default::default());
    assert_eq!(index.len(), 1);
    assert_eq!(index[0].arguments, ["users_id", "user_id"]);
    let out = graphdoc::emit::generate(&model, &Default::default()).unwrap();
    let endpoints = &out.files["src/v1_0/endpoints.rs"];
    assert!(
        endpoints.contains("getAllRecordings(userId='"),
        "{endpoints}"
    );
    assert!(!endpoints.contains("top="), "{endpoints}");
    assert!(
        endpoints.contains(
            "Optional function parameters, added with `.argument(name, value)`: `startDateTime` (DateTimeOffset), `top` (Int32)."
        ),
        "{endpoints}"
    );
}
