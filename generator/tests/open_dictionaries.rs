//! An open type used as a dictionary (plannerChecklistItems: GUIDs as member names, values of
//! one type) has each member checked against that value type, whether the page says it in its
//! annotation or only in prose. Pages are written by the test.

use graphdoc::diag::Code;

mod common;

const ITEMS: &str = "---\ntitle: \"plannerChecklistItems resource type\"\ndoc_type: resourcePageType\n---\n\n# plannerChecklistItems resource type\n\nThe checklist of a task.\n\n## Properties\nProperties of an Open Type can be defined by the client. In this case, the client should provide **GUIDs** as properties and their values must be [checklistItem](plannerchecklistitem.md) objects. To remove an item, set the value to `null`.\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.plannerChecklistItems\" } -->\n```json\n{}\n```\n";

const ITEM: &str = "---\ntitle: \"plannerChecklistItem resource type\"\ndoc_type: resourcePageType\n---\n\n# plannerChecklistItem resource type\n\nAn item.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|isChecked|Boolean|Done.|\n|title|String|The title.|\n";

fn get_page(body: &str) -> String {
    format!("---\ntitle: \"Get checklist\"\nms.prod: \"planner\"\ndoc_type: apiPageType\n---\n\n# Get checklist\n\n## HTTP request\n\n```http\nGET /planner/tasks/{{id}}/checklist\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [plannerChecklistItems](../resources/plannerchecklistitems.md) object in the response body.\n\n## Example\n\n### Request\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_checklist\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/planner/tasks/t-1/checklist\n```\n\n### Response\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n")
}

fn findings(body: &str) -> Vec<graphdoc::diag::Diagnostic> {
    let page = get_page(body);
    let model = common::read_pages(
        &format!("dict-{}", body.len()),
        &[
            ("v1.0/resources/plannerchecklistitems.md", ITEMS),
            ("v1.0/resources/plannerchecklistitem.md", ITEM),
            ("v1.0/api/plannertask-get-checklist.md", &page),
        ],
    );
    let items = model
        .types
        .iter()
        .find(|t| t.name == "plannerChecklistItems")
        .unwrap();
    assert!(items.open, "the prose says it is an open type");
    assert_eq!(items.values.as_deref(), Some("plannerChecklistItem"));
    graphdoc::check::check(&model, &|_| None)
        .into_iter()
        .filter(|d| d.file.ends_with("plannertask-get-checklist.md"))
        .filter(|d| d.code != Code::MissingPermissions)
        .collect()
}

#[test]
fn dictionary_members_are_checked_against_the_value_type() {
    let good = findings(
        r#"{"95e27074-6c4a-447a-aa24-9d718a0b86fa": {"isChecked": true, "title": "Buy"}}"#,
    );
    assert!(good.is_empty(), "{good:#?}");
    let bad = findings(
        r#"{"95e27074-6c4a-447a-aa24-9d718a0b86fa": {"isChecked": "yes", "titel": "Buy"}}"#,
    );
    let codes: Vec<Code> = bad.iter().map(|d| d.code).collect();
    assert!(codes.contains(&Code::ExampleTypeMismatch), "{bad:#?}");
    assert!(
        bad.iter()
            .any(|d| d.code == Code::ExampleUndocumentedProperty && d.message.contains("titel")),
        "{bad:#?}"
    );
}
