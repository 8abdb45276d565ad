//! Everyday Graph tasks, end to end: the generated bindings and the runtime's client against
//! `graphdoc mock` serving docs-input/'s examples (127.0.0.1 only). Each test asserts what the
//! client sent, as the mock recorded it, as well as what it read.

use std::path::Path;

use graphdoc::mock::{MockServer, Recorded, MOCK_CONTENT};
use graphdoc_generated::v1_0::{self, types};
use graphdoc_generated::{Batch, Client, Error, RetryPolicy, Update, Upload, CHUNK_UNIT};

fn server() -> MockServer {
    let model = graphdoc::read_docs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")]);
    MockServer::start(&model, 0).expect("the mock starts")
}

fn client(server: &MockServer) -> Client {
    Client::new(server.base_url(), "test-token")
}

/// The requests whose path (after the version) starts with `prefix`.
fn sent(server: &MockServer, prefix: &str) -> Vec<Recorded> {
    server
        .requests()
        .into_iter()
        .filter(|r| {
            let path = r.url.split('?').next().unwrap_or("");
            path.strip_prefix("/v1.0")
                .unwrap_or(path)
                .starts_with(prefix)
        })
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn list_users_with_query_options_across_pages() {
    let server = server();
    let client = client(&server);
    let req = v1_0::users::list()
        .select(&["id", "displayName"])
        .filter("startswith(displayName,'A')")
        .top(2)
        .count();
    let first = client.send(&req).await.unwrap();
    assert_eq!(first.value.len(), 2);
    assert_eq!(first.count, Some(3));
    assert!(first.next_link.is_some());
    let all = client.all_pages(req).await.unwrap();
    let names: Vec<_> = all
        .iter()
        .filter_map(|u| u.display_name.as_deref())
        .collect();
    assert_eq!(names, ["Adele Vance", "Alex Wilber", "Allan Deyoung"]);
    let calls = sent(&server, "/users");
    assert_eq!(calls.len(), 3, "one page, then two pages: {calls:?}");
    for c in &calls {
        // The advanced query's header goes with every page, and so does the token.
        assert_eq!(c.header("consistencylevel"), Some("eventual"), "{c:?}");
        assert_eq!(c.header("authorization"), Some("Bearer test-token"));
        assert!(
            c.url.contains("$top=2") && c.url.contains("$count=true"),
            "{}",
            c.url
        );
    }
    assert!(
        calls[0].url.contains("$select=id,displayName"),
        "{}",
        calls[0].url
    );
    assert!(calls[2].url.contains("$skiptoken=2"), "{}", calls[2].url);
}

#[tokio::test(flavor = "current_thread")]
async fn users_as_a_stream_one_page_at_a_time() {
    use graphdoc_generated::runtime::futures_core::Stream;
    let server = server();
    let mut stream = client(&server).stream(v1_0::users::list().top(1));
    let mut names = Vec::new();
    while let Some(user) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut stream).poll_next(cx)).await
    {
        names.extend(user.unwrap().display_name);
        // Pages are fetched as the items are taken, not ahead.
        assert_eq!(sent(&server, "/users").len(), names.len());
    }
    assert_eq!(names, ["Adele Vance", "Alex Wilber", "Allan Deyoung"]);
}

#[tokio::test(flavor = "current_thread")]
async fn get_me_send_mail_and_create_an_event() {
    let server = server();
    let client = client(&server);
    let me = client.send(&v1_0::me::get()).await.unwrap();
    assert_eq!(me.display_name.as_deref(), Some("Adele Vance"));
    assert_eq!(
        me.business_phones,
        Some(vec!["+1 425 555 0109".to_string()])
    );

    let mail = v1_0::me::SendMailBody {
        message: Some(types::Message {
            subject: Some("Meet for lunch?".into()),
            body: Some(types::ItemBody {
                content_type: Some(types::BodyType::Text),
                content: Some("The new cafeteria is open.".into()),
                ..Default::default()
            }),
            to_recipients: Some(vec![types::Recipient {
                email_address: Some(types::EmailAddress {
                    address: Some("AlexW@contoso.com".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }]),
            ..Default::default()
        }),
        save_to_sent_items: Some(false),
        ..Default::default()
    };
    let accepted = client
        .send_with_head(&v1_0::me::send_mail(&mail))
        .await
        .unwrap();
    assert_eq!(accepted.status, 202);
    let posted = &sent(&server, "/me/sendMail")[0];
    assert_eq!(posted.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&posted.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"message": {"subject": "Meet for lunch?", "body": {"content": "The new cafeteria is open.", "contentType": "text"}, "toRecipients": [{"emailAddress": {"address": "AlexW@contoso.com"}}]}, "saveToSentItems": false})
    );

    let event = types::Event {
        subject: Some("Plan summer company picnic".into()),
        start: Some(types::DateTimeTimeZone {
            date_time: Some("2026-12-15T12:00:00".into()),
            time_zone: Some("Pacific Standard Time".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let created = client
        .send_with_head(&v1_0::me::events::create(&event))
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    assert_eq!(created.value.id.as_deref(), Some("AAMkAGIAAAoZDOFAAA="));
}

#[tokio::test(flavor = "current_thread")]
async fn a_patch_sets_one_property_and_clears_another() {
    let server = server();
    let client = client(&server);
    let mut patch = types::User {
        job_title: Some("Store Manager".into()), // set
        ..Default::default()
    };
    patch.set_null(|u| &mut u.mobile_phone); // clear
    client
        .send(&v1_0::users::update(
            "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
            &patch,
        ))
        .await
        .unwrap();
    let patched = &sent(&server, "/users/87d349ed")[0];
    assert_eq!(patched.method, "PATCH");
    assert_eq!(
        patched.body,
        br#"{"jobTitle":"Store Manager","mobilePhone":null}"#.to_vec()
    );
}

#[tokio::test(flavor = "current_thread")]
async fn intune_sync_licenses() {
    let server = server();
    let token = client(&server)
        .send(&graphdoc_generated::beta::device_app_management::vpp_tokens::sync_licenses("t-1"))
        .await
        .unwrap();
    assert_eq!(
        token.id.as_deref(),
        Some("9ceb2f92-2f92-9ceb-922f-eb9c922feb9c")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_404_carries_its_code_and_request_id() {
    let server = server();
    server.fail("GET", "/users/nobody", 404, 1, None);
    let err = client(&server)
        .send(&v1_0::users::get("nobody").header("client-request-id", "c-42"))
        .await
        .unwrap_err();
    match &err {
        Error::Graph {
            status: 404,
            error,
            meta,
        } => {
            assert_eq!(error.code, "Request_ResourceNotFound");
            assert!(meta
                .request_id
                .as_deref()
                .is_some_and(|id| id.starts_with("mock-request-")));
            assert_eq!(meta.client_request_id.as_deref(), Some("c-42"));
        }
        other => panic!("{other:?}"),
    }
    assert!(!err.is_retryable());
}

#[tokio::test(flavor = "current_thread")]
async fn a_429_is_retried_after_its_retry_after_then_succeeds() {
    let server = server();
    server.fail("GET", "/me", 429, 1, Some(1));
    let started = std::time::Instant::now();
    let me = client(&server).send(&v1_0::me::get()).await.unwrap();
    assert_eq!(me.display_name.as_deref(), Some("Adele Vance"));
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    assert_eq!(sent(&server, "/me").len(), 2);
    // With retries off, the 429 comes back with its Retry-After.
    server.fail("GET", "/me", 429, 1, Some(7));
    let once = client(&server).retry_policy(RetryPolicy {
        max_attempts: 1,
        ..Default::default()
    });
    let err = once.send(&v1_0::me::get()).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(7)));
}

#[tokio::test(flavor = "current_thread")]
async fn a_download_follows_the_302_without_the_token() {
    let server = server();
    let content = client(&server)
        .send(&v1_0::me::drive::items::content::get(
            "01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K",
        ))
        .await
        .unwrap();
    assert_eq!(content.0, MOCK_CONTENT);
    let calls = server.requests();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].header("authorization"), Some("Bearer test-token"));
    assert!(calls[1].url.starts_with("/_download/"));
    assert_eq!(
        calls[1].header("authorization"),
        None,
        "the token went to the download host"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_batch_with_one_throttled_item() {
    let server = server();
    server.fail("GET", "/me", 429, 1, Some(1));
    let mut batch = Batch::new();
    let me = batch.add(&v1_0::me::get()).unwrap();
    let users = batch.add(&v1_0::users::list().top(1)).unwrap();
    let answers = client(&server).batch(&batch).await.unwrap();
    assert_eq!(
        answers.get(&me).unwrap().display_name.as_deref(),
        Some("Adele Vance")
    );
    assert_eq!(answers.get(&users).unwrap().value.len(), 1);
    let posts = sent(&server, "/$batch");
    assert_eq!(posts.len(), 2, "the throttled item is sent again");
    let again: serde_json::Value = serde_json::from_slice(&posts[1].body).unwrap();
    assert_eq!(again["requests"].as_array().map(Vec::len), Some(1));
    assert_eq!(again["requests"][0]["url"], "/me");
}

#[tokio::test(flavor = "current_thread")]
async fn a_delta_round_then_a_resumed_one() {
    let server = server();
    let client = client(&server);
    let round = client.delta(v1_0::users::delta().top(1)).await.unwrap();
    assert_eq!(round.changes.len(), 2, "two pages of one");
    let link = round.delta_link.expect("the last page has a deltaLink");
    assert!(link.contains("$deltatoken="), "{link}");
    let next = client.delta(v1_0::users::delta().at(&link)).await.unwrap();
    assert!(next.delta_link.is_some());
    let resumed = sent(&server, "/users/delta").pop().unwrap();
    assert!(resumed.url.contains("$deltatoken="), "{}", resumed.url);
}

#[tokio::test(flavor = "current_thread")]
async fn a_large_upload_fails_midway_and_resumes() {
    let server = server();
    let client = client(&server).retry_policy(RetryPolicy {
        max_attempts: 2,
        ..Default::default()
    });
    let session = client
        .send(&v1_0::me::drive::items::path::create_upload_session(
            "parent-1",
            "report.csv",
        ))
        .await
        .unwrap();
    let url = session.upload_url.expect("the session has an upload URL");
    let content: Vec<u8> = (0..CHUNK_UNIT * 2 + 1000)
        .map(|i| (i % 251) as u8)
        .collect();
    let mut upload = Upload::new(&url, &content, CHUNK_UNIT).unwrap();
    // The second chunk fails more often than the client retries.
    let path = url
        .split_once("/_upload/")
        .map(|(_, id)| format!("/_upload/{id}"))
        .unwrap();
    let mut first_chunk_done = false;
    while !first_chunk_done {
        let req = upload.next_request().unwrap();
        let resp = reqwest::Client::new()
            .put(req.uri().to_string())
            .headers(req.headers().clone())
            .body(req.body().clone())
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        let body = resp.bytes().await.unwrap();
        upload.read_response(status, &body).unwrap();
        first_chunk_done = upload.offset() == CHUNK_UNIT;
    }
    server.fail("PUT", &path, 503, 2, Some(0));
    assert!(client.upload(&mut upload).await.is_err());
    let item = client.resume_upload(&mut upload).await.unwrap();
    assert_eq!(item["size"], content.len());
    let puts: Vec<Recorded> = server
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect();
    assert!(
        puts.iter().all(|p| p.header("authorization").is_none()),
        "upload URLs take no token"
    );
    let status_checks = server
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.url == path)
        .count();
    assert_eq!(status_checks, 1, "the resume asked where to start");
}
