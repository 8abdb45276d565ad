//! Enum values in examples: a member written in another case is its own finding (a warning: the
//! bindings read it as the member), a value outside the members an error; the enums of a
//! multi-enum page (`enums.md`) are read and checked like any other. Pages are written by the
//! test.

use graphdoc::diag::{Code, Severity};

mod common;

const ENUMS: &str = "---\ntitle: \"Enum values\"\ndoc_type: enumPageType\n---\n\n# Enum values\n\nNamespace: microsoft.graph\n\n### bodyType values\n\n| Member\n|:--------------\n| text\n| html\n\n### importance values\n\n| Member\n|:--------------\n| low\n| high\n";

const ITEM: &str = "---\ntitle: \"itemBody resource type\"\ndoc_type: resourcePageType\n---\n\n# itemBody resource type\n\nA body.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|content|String|The content.|\n|contentType|[bodyType](enums.md#bodytype-values)|The type.|\n|importance|importance|How important.|\n";

fn page(body: &str) -> String {
    format!("---\ntitle: \"Get body\"\nms.prod: \"outlook\"\ndoc_type: apiPageType\n---\n\n# Get body\n\n## HTTP request\n\n```http\nGET /me/body\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and an [itemBody](../resources/itembody.md) object in the response body.\n\n## Example\n\n### Request\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_body\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/me/body\n```\n\n### Response\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n")
}

#[test]
fn case_only_members_are_warnings_and_unknown_ones_errors() {
    let page = page(r#"{"content": "<p>hi</p>", "contentType": "HTML", "importance": "urgent"}"#);
    let model = common::read_pages(
        "enums",
        &[
            ("v1.0/resources/enums.md", ENUMS),
            ("v1.0/resources/itembody.md", ITEM),
            ("v1.0/api/itembody-get.md", &page),
        ],
    );
    let enums: Vec<&str> = model
        .types
        .iter()
        .filter(|t| t.source.ends_with("enums.md"))
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(enums, ["bodyType", "importance"]);
    assert!(!model
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UnnamedType));
    let found: Vec<(Code, Severity, String)> = graphdoc::check::check(&model, &|_| None)
        .into_iter()
        .filter(|d| d.file.ends_with("itembody-get.md") && d.code != Code::MissingPermissions)
        .map(|d| (d.code, d.severity, d.message))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().any(|(c, s, m)| *c == Code::ExampleMemberCase
        && *s == Severity::Warning
        && m.contains("`HTML` is the member `html`")));
    assert!(found
        .iter()
        .any(|(c, s, m)| *c == Code::ExampleUnknownMember
            && *s == Severity::Error
            && m.contains("`urgent`")));
}
