//! The two seed pages in `docs-input/` read as the same syncLicenses operation, one per version.

use std::path::Path;

use graphdoc::model::{ApiVersion, Body, Model, Operation, RequestBody};

fn model() -> Model {
    graphdoc::read_docs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")])
}

fn sync_licenses(m: &Model, v: ApiVersion) -> &Operation {
    m.operations
        .iter()
        .find(|o| o.version == v && o.name == "intune-onboarding-vpptoken-synclicenses")
        .unwrap_or_else(|| panic!("no syncLicenses operation for {v:?}"))
}

#[test]
fn both_seeds_give_sync_licenses() {
    let m = model();
    for (v, locale, perms) in [
        (
            ApiVersion::Beta,
            "en-US",
            &[
                "DeviceManagementServiceConfig.ReadWrite.All",
                "DeviceManagementConfiguration.ReadWrite.All",
            ][..],
        ),
        (
            ApiVersion::V1,
            "zh-CN",
            &["DeviceManagementServiceConfig.ReadWrite.All"][..],
        ),
    ] {
        let op = sync_licenses(&m, v);
        assert_eq!(op.locale, locale);
        assert_eq!(op.method, "POST");
        assert_eq!(op.paths.len(), 1);
        assert_eq!(
            op.paths[0].path,
            "/deviceAppManagement/vppTokens/{vppTokenId}/syncLicenses"
        );
        let params: Vec<_> = op.paths[0].parameters().map(|p| p.names.clone()).collect();
        assert_eq!(params, [vec!["vppTokenId".to_string()]]);
        assert_eq!(op.response.status, Some(200));
        assert_eq!(op.response.type_name.as_deref(), Some("vppToken"));
        assert!(!op.response.collection);
        assert_eq!(op.request_body, RequestBody::None);
        let p = op.permissions.as_ref().expect("permissions");
        assert_eq!(p.delegated_work, perms);
        assert!(p.delegated_personal.is_empty());
        assert_eq!(p.application, perms);
        assert!(op
            .request_headers
            .iter()
            .any(|h| h.name == "Accept" && h.value == "application/json"));

        assert_eq!(op.examples.len(), 1);
        let ex = &op.examples[0];
        let req = ex.request.as_ref().expect("example request");
        assert_eq!(req.version, Some(v));
        assert_eq!(req.method, "POST");
        let resp = ex.response.as_ref().expect("example response");
        assert_eq!(resp.status, Some(200));
        let Body::Json(body) = &resp.body else {
            panic!("response body is not JSON")
        };
        let body = body.value();
        assert_eq!(body["value"]["@odata.type"], "#microsoft.graph.vppToken");
        assert_eq!(body["value"]["state"], "valid");
    }
}

#[test]
fn versions_come_from_example_urls_when_the_path_says_nothing() {
    // The seeds as shipped (file names carry no directory version): read from a flat copy.
    let dir = std::env::temp_dir().join(format!("graphdoc-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    std::fs::copy(
        root.join("beta/api/intune-onboarding-vpptoken-synclicenses.md"),
        dir.join("a.md"),
    )
    .unwrap();
    std::fs::copy(
        root.join("v1.0/api/intune-onboarding-vpptoken-synclicenses.md"),
        dir.join("b.md"),
    )
    .unwrap();
    let m = graphdoc::read_docs(std::slice::from_ref(&dir));
    std::fs::remove_dir_all(&dir).ok();
    let v: Vec<_> = m
        .operations
        .iter()
        .map(|o| (o.source.as_str(), o.version, o.locale.as_str()))
        .collect();
    assert_eq!(
        v,
        [
            ("b.md", ApiVersion::V1, "zh-CN"),
            ("a.md", ApiVersion::Beta, "en-US")
        ]
    );
}

#[test]
fn model_json_has_the_documented_shape() {
    let m = model();
    let j = serde_json::to_value(&m).unwrap();
    let op = &j["operations"][0];
    for key in [
        "version",
        "name",
        "source",
        "method",
        "paths",
        "permissions",
        "requestBody",
        "response",
        "examples",
    ] {
        assert!(op.get(key).is_some(), "operation JSON lacks `{key}`");
    }
    for key in ["delegatedWork", "delegatedPersonal", "application"] {
        assert!(
            op["permissions"][key].is_array(),
            "permissions JSON lacks `{key}`"
        );
    }
    for key in ["status", "type", "collection"] {
        assert!(
            op["response"].get(key).is_some(),
            "response JSON lacks `{key}`"
        );
    }
    assert!(j["types"].is_array() && j["diagnostics"].is_array());
}
