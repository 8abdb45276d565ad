//! The docs' "Optional query parameters" section: the OData options it names (in prose or in a
//! table, whole words only) reach the model and each function's rustdoc.

mod common;

#[test]
fn named_options_reach_the_model_and_the_rustdoc() {
    let model = common::read_pages(
        "query-options",
        &[(
            "v1.0/api/group-list.md",
            "---\ntitle: \"List groups\"\nms.prod: \"groups\"\ndoc_type: apiPageType\n---\n\n# List groups\n\n\
## HTTP request\n``` http\nGET /groups\n```\n\n\
## Optional query parameters\nThis method supports the `$filter` and `$select` OData query parameters, and pages with `$skipToken`.\n\n\
|Name|Description|\n|:---|:---|\n|$orderby|Sorts the groups.|\n\n\
## Response\nIf successful, this method returns a `200 OK` response code.\n",
        )],
    );
    assert_eq!(
        model.operations[0].query_options,
        ["$filter", "$orderby", "$select"],
        "`$skipToken` is not `$skip`"
    );
    let out = graphdoc::emit::generate(&model, &Default::default()).unwrap();
    let eps = &out.files["src/v1_0/endpoints.rs"];
    assert!(
        eps.contains("Query options the docs name: `$filter` (`.filter(…)`), `$orderby` (`.order_by(…)`), `$select` (`.select(…)`)."),
        "{eps}"
    );
}
