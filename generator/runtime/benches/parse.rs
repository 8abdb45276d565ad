//! One-pass parsing against serde's derives: a 10 MB page of 20,000 objects read by
//! `ApiRequest::parse_response` into structs built by `graph_object!` (as generated crates
//! are), by `serde_json::from_slice` into the same structs with serde derives, and the old way
//! (a `serde_json::Value` tree, then the struct). Prints the best of 15 rounds of each.
//!
//! `cargo bench -p graphdoc-runtime --bench parse`

use std::time::{Duration, Instant};

use graphdoc_runtime::{ApiRequest, JsonObject, Page, Shape};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Token {
    pub odata_type: Option<String>,
    pub id: Option<String>,
    pub organization_name: Option<String>,
    pub apple_id: Option<String>,
    pub expiration_date_time: Option<graphdoc_runtime::edm::DateTimeOffset>,
    pub last_sync_date_time: Option<graphdoc_runtime::edm::DateTimeOffset>,
    pub token: Option<String>,
    pub state: Option<String>,
    pub automatically_update_apps: Option<bool>,
    pub country_or_region: Option<String>,
    pub seats: Option<i32>,
    pub extra: JsonObject,
}
graphdoc_runtime::graph_object!(Token {
    odata_type = "@odata.type", id = "id", organization_name = "organizationName",
    apple_id = "appleId", expiration_date_time = "expirationDateTime",
    last_sync_date_time = "lastSyncDateTime", token = "token", state = "state",
    automatically_update_apps = "automaticallyUpdateApps", country_or_region = "countryOrRegion",
    seats = "seats"
} extra []);

#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenDerived {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub id: Option<String>,
    pub organization_name: Option<String>,
    pub apple_id: Option<String>,
    pub expiration_date_time: Option<graphdoc_runtime::edm::DateTimeOffset>,
    pub last_sync_date_time: Option<graphdoc_runtime::edm::DateTimeOffset>,
    pub token: Option<String>,
    pub state: Option<String>,
    pub automatically_update_apps: Option<bool>,
    pub country_or_region: Option<String>,
    pub seats: Option<i32>,
    #[serde(flatten)]
    pub extra: JsonObject,
}

#[derive(serde::Deserialize)]
struct PageDerived {
    value: Vec<TokenDerived>,
}

static LIST: graphdoc_runtime::Endpoint = graphdoc_runtime::endpoint! {
    name = "vpp_tokens::list", version = "v1.0", method = "GET", path = "/vppTokens",
    delegated_work = [], delegated_personal = [], application = [], source = "bench",
};

fn page() -> Vec<u8> {
    let items: Vec<serde_json::Value> = (0..20_000)
        .map(|i| {
            serde_json::json!({
                "@odata.type": "#microsoft.graph.vppToken",
                "id": format!("9ceb2f92-2f92-9ceb-922f-{i:012}"),
                "organizationName": "Contoso Organization Name value with some length",
                "appleId": "apple.id.value@contoso.example.com",
                "expirationDateTime": "2016-12-31T23:57:57.2481234-08:00",
                "lastSyncDateTime": "2017-01-01T00:02:49.3205976-08:00",
                "token": "Token value that is fairly long to look like a real token string xxxxxxxx",
                "state": "valid",
                "automaticallyUpdateApps": true,
                "countryOrRegion": "Country Or Region value",
                "seats": i,
                "notInTheDocs": {"a": [1, 2, 3]}
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({"@odata.context": "x", "value": items})).unwrap()
}

fn best(mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut n = 0;
    for _ in 0..15 {
        let t = Instant::now();
        n = f();
        best = best.min(t.elapsed());
    }
    (best, n)
}

fn main() {
    let body = page();
    let req: ApiRequest<Page<Token>> =
        ApiRequest::new(&LIST, "/vppTokens".into(), None, Shape::Collection);
    let (one_pass, n1) = best(|| req.parse_response(200, &body).unwrap().value.len());
    let (derived, n2) = best(|| {
        serde_json::from_slice::<PageDerived>(&body)
            .unwrap()
            .value
            .len()
    });
    let (two_pass, n3) = best(|| {
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        serde_json::from_value::<Page<Token>>(v)
            .unwrap()
            .value
            .len()
    });
    assert!(n1 == 20_000 && n2 == n1 && n3 == n1);
    println!("page of {} objects, {:.1} MB", n1, body.len() as f64 / 1e6);
    println!("one pass (generated structs):  {:>8.1?}", one_pass);
    println!("serde derives, same structs:   {:>8.1?}", derived);
    println!("two passes (Value, then type): {:>8.1?}", two_pass);
    println!(
        "one pass / derives = {:.2}x, two passes / derives = {:.2}x",
        one_pass.as_secs_f64() / derived.as_secs_f64(),
        two_pass.as_secs_f64() / derived.as_secs_f64()
    );
}
