//! The linter's checks for defects the docs reader does not stumble on: misspelled permission
//! scopes, resource pages whose JSON representation and property table disagree, and example
//! requests that call another API version than their page. Pages are written by the test.

use graphdoc::diag::Code;

fn api_page(name: &str, scopes: &str, example_url: &str) -> String {
    format!(
        "---\ntitle: \"{name}\"\nms.prod: \"gizmos\"\ndoc_type: apiPageType\n---\n\n# {name}\n\n## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n|Delegated (work or school account)|{scopes}|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|{scopes}|\n\n## HTTP request\n\n```http\nGET /gizmos/{{id}}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [gizmo](../resources/gizmo.md) object in the response body.\n\n## Example\n\n### Request\n<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\nGET {example_url}\n```\n\n### Response\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"id\": \"1\", \"color\": \"red\"}}\n```\n"
    )
}

const GIZMO: &str = "---\ntitle: \"gizmo resource type\"\ndoc_type: resourcePageType\n---\n\n# gizmo resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|The id.|\n|color|String|The color.|\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gizmo\" } -->\n```json\n{\n  \"id\": \"String\",\n  \"colour\": \"String\"\n}\n```\n";

#[test]
fn misspelled_scopes_json_mismatches_and_wrong_versions_are_found() {
    let dir = std::env::temp_dir().join(format!("graphdoc-lint19-{}", std::process::id()));
    let api = dir.join("v1.0/api");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::create_dir_all(dir.join("v1.0/resources")).unwrap();
    std::fs::write(dir.join("v1.0/resources/gizmo.md"), GIZMO).unwrap();
    let v1 = "https://graph.microsoft.com/v1.0/gizmos/1";
    let pages = [
        // A segment no other scope has, two edits from a scope four pages use.
        (
            "gizmo-get",
            "Gizmo.Read.WriteAll",
            "https://graph.microsoft.com/beta/gizmos/1",
        ),
        ("gizmo-peek", "Gizmo.ReadWrite.All", v1),
        ("gizmo-poke", "Gizmo.ReadWrite.All", v1),
        ("gizmo-prod", "Gizmo.ReadWrite.All", v1),
        ("gizmo-spin", "Gizmo.ReadWrite.All", v1),
        // A word no other scope has, two edits from a word three scopes share.
        (
            "gizmo-wipe",
            "Gizmo.PriviligedOps.All",
            "https://graph.microsoft.com/v1/gizmos/1",
        ),
        (
            "gizmo-lock",
            "Widget.PrivilegedOps.All, Thing.PrivilegedOps.All, Other.PrivilegedOps.All",
            v1,
        ),
        // Real scope pairs a letter or two apart are not typos: Send and Read both recur,
        // and singular/plural families both exist.
        ("gizmo-send", "Gizmo.Send, Widget.Send, Gizmos.Read", v1),
        ("gizmo-read", "Gizmo.Read, Gizmos.Read", v1),
    ];
    for (name, scopes, url) in pages {
        std::fs::write(api.join(format!("{name}.md")), api_page(name, scopes, url)).unwrap();
    }
    let model = graphdoc::read_docs(std::slice::from_ref(&dir));
    let source = |file: &str| std::fs::read_to_string(dir.join(file)).ok();
    let findings = graphdoc::check::check(&model, &source);
    std::fs::remove_dir_all(&dir).ok();
    let of = |code: Code| -> Vec<(String, usize, String)> {
        findings
            .iter()
            .filter(|d| d.code == code)
            .map(|d| (d.file.clone(), d.line, d.message.clone()))
            .collect()
    };
    let scopes = of(Code::MisspelledScope);
    assert_eq!(scopes.len(), 2, "{scopes:#?}");
    assert!(scopes[0].0.ends_with("gizmo-get.md"));
    assert!(
        scopes[0].2.contains("did you mean `Gizmo.ReadWrite.All`"),
        "{scopes:?}"
    );
    // Pointed at the table row that names it.
    assert_eq!(scopes[0].1, 13, "{scopes:?}");
    assert!(scopes[1].0.ends_with("gizmo-wipe.md"));
    assert!(
        scopes[1].2.contains("`Gizmo.PrivilegedOps.All`"),
        "{scopes:?}"
    );

    let json = of(Code::JsonRepresentationMismatch);
    assert_eq!(json.len(), 1, "{json:#?}");
    assert_eq!(json[0].1, 20, "{json:?}");
    assert!(json[0].2.contains("`colour`") && json[0].2.contains("the table has `color`"));

    let versions = of(Code::ExampleWrongVersion);
    let files: Vec<&str> = versions.iter().map(|v| v.0.as_str()).collect();
    assert_eq!(
        files,
        ["v1.0/api/gizmo-get.md", "v1.0/api/gizmo-wipe.md"],
        "{versions:#?}"
    );
    assert!(versions[0].2.contains("`/beta/` on a v1.0 page"));
    assert!(versions[1].2.contains("`/v1/`, which is no API version"));
}
