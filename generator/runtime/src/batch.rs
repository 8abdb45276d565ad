//! `$batch`, sans-IO: up to 20 typed requests in one JSON request, each answer read by its own
//! request's type and matched by id.

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::{ApiRequest, Error, Shape};

/// The most requests one `$batch` may hold.
pub const MAX_BATCH: usize = 20;

/// A batch of requests of one API version.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    version: Option<&'static str>,
    items: Vec<Value>,
}

/// A request's place in a [`Batch`], typed by its response.
#[derive(Debug)]
pub struct BatchId<T> {
    id: String,
    shape: Shape,
    response: PhantomData<fn() -> T>,
}

impl<T> Clone for BatchId<T> {
    fn clone(&self) -> Self {
        BatchId {
            id: self.id.clone(),
            shape: self.shape,
            response: PhantomData,
        }
    }
}

impl<T> BatchId<T> {
    /// The item's id in the batch.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Batch::default()
    }

    /// Number of requests.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the batch holds no request.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds a request; its answer is read with [`BatchResponses::get`].
    pub fn add<T>(&mut self, req: &ApiRequest<T>) -> Result<BatchId<T>, Error> {
        self.add_after(req, &[])
    }

    /// Adds a request that runs only after the items `after` succeeded (`dependsOn`).
    pub fn add_after<T>(
        &mut self,
        req: &ApiRequest<T>,
        after: &[&str],
    ) -> Result<BatchId<T>, Error> {
        if self.items.len() >= MAX_BATCH {
            return Err(Error::Request(format!(
                "a $batch holds at most {MAX_BATCH} requests"
            )));
        }
        let version = req.endpoint().version;
        match self.version {
            Some(v) if v != version => {
                return Err(Error::Request(format!(
                    "a $batch is sent to one version: {v}, not {version}"
                )))
            }
            _ => self.version = Some(version),
        }
        let id = (self.items.len() + 1).to_string();
        let mut item =
            json!({"id": id, "method": req.method().as_str(), "url": req.relative_url()});
        let mut headers: BTreeMap<String, String> = req.headers().iter().cloned().collect();
        if let Some((body, content_type)) = req.body_with_type()? {
            item["body"] = match serde_json::from_slice::<Value>(body) {
                Ok(v) if content_type == "application/json" => v,
                // Other content travels base64-encoded.
                _ => {
                    use base64::Engine as _;
                    Value::String(base64::engine::general_purpose::STANDARD.encode(body))
                }
            };
            headers.insert("Content-Type".into(), content_type.into());
        }
        if !headers.is_empty() {
            item["headers"] = json!(headers);
        }
        if !after.is_empty() {
            item["dependsOn"] = json!(after);
        }
        self.items.push(item);
        Ok(BatchId {
            id,
            shape: req.shape(),
            response: PhantomData,
        })
    }

    /// The same batch with only the items `ids` (to send throttled items again).
    pub fn only(&self, ids: &[String]) -> Batch {
        Batch {
            version: self.version,
            items: self
                .items
                .iter()
                .filter(|i| {
                    i["id"]
                        .as_str()
                        .is_some_and(|id| ids.iter().any(|x| x == id))
                })
                .cloned()
                .map(|mut i| {
                    // A dependency answered in an earlier round is not in this one.
                    if let Some(deps) = i.get_mut("dependsOn").and_then(Value::as_array_mut) {
                        deps.retain(|d| d.as_str().is_some_and(|d| ids.iter().any(|x| x == d)));
                    }
                    i
                })
                .collect(),
        }
    }

    /// The `POST /{version}/$batch` request under `base_url`.
    pub fn to_http(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, Error> {
        let version = self
            .version
            .ok_or_else(|| Error::Request("an empty $batch".into()))?;
        let body = serde_json::to_vec(&json!({"requests": self.items})).map_err(Error::Json)?;
        http::Request::post(format!(
            "{}/{version}/$batch",
            base_url.trim_end_matches('/')
        ))
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|e| Error::Request(e.to_string()))
    }

    /// Reads the `$batch` answer.
    pub fn parse_response(&self, status: u16, body: &[u8]) -> Result<BatchResponses, Error> {
        let req: ApiRequest<BatchBody> =
            crate::ApiRequest::new(&BATCH, String::new(), None, Shape::Plain);
        let parsed = req.parse_response(status, body)?;
        let mut items = BTreeMap::new();
        for r in parsed.responses {
            let mut headers = http::HeaderMap::new();
            for (k, v) in &r.headers {
                if let (Ok(k), Ok(v)) = (
                    http::HeaderName::from_bytes(k.as_bytes()),
                    http::HeaderValue::from_str(v),
                ) {
                    headers.insert(k, v);
                }
            }
            let body = match r.body {
                None => Vec::new(),
                Some(Value::String(s)) if !is_json_type(&headers) => {
                    use base64::Engine as _;
                    base64::engine::general_purpose::STANDARD
                        .decode(&s)
                        .unwrap_or_else(|_| s.into_bytes())
                }
                Some(v) => serde_json::to_vec(&v).map_err(Error::Json)?,
            };
            items.insert(
                r.id,
                ItemResponse {
                    status: r.status,
                    headers,
                    body,
                },
            );
        }
        Ok(BatchResponses { items })
    }
}

fn is_json_type(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.contains("json"))
}

static BATCH: crate::Endpoint = crate::endpoint! {
    name = "batch", version = "", method = "POST", path = "/$batch",
    delegated_work = [], delegated_personal = [], application = [], source = "",
};

#[derive(serde::Deserialize)]
struct BatchBody {
    #[serde(default)]
    responses: Vec<RawItem>,
}

#[derive(serde::Deserialize)]
struct RawItem {
    id: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<Value>,
}

/// One item's answer in a `$batch` response.
#[derive(Debug, Clone)]
pub struct ItemResponse {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: http::HeaderMap,
    /// Body bytes.
    pub body: Vec<u8>,
}

/// The answers of a `$batch`, by item id.
#[derive(Debug, Clone, Default)]
pub struct BatchResponses {
    items: BTreeMap<String, ItemResponse>,
}

impl BatchResponses {
    /// The typed answer of an item (its error when the item failed; `Error::Request` when the
    /// batch has no answer for it).
    pub fn get<T: DeserializeOwned>(&self, id: &BatchId<T>) -> Result<T, Error> {
        let r = self
            .items
            .get(&id.id)
            .ok_or_else(|| Error::Request(format!("no answer for $batch item {}", id.id)))?;
        let head = http::Response::builder().status(r.status);
        let mut response = head
            .body(r.body.clone())
            .map_err(|e| Error::Request(e.to_string()))?;
        *response.headers_mut() = r.headers.clone();
        let req: ApiRequest<T> = crate::ApiRequest::new(&BATCH, String::new(), None, id.shape);
        req.parse_http(&response)
    }

    /// An item's raw answer.
    pub fn raw(&self, id: &str) -> Option<&ItemResponse> {
        self.items.get(id)
    }

    /// Items answered 429, 503 or 504, with their `Retry-After`.
    pub fn throttled(&self) -> Vec<(String, Option<Duration>)> {
        self.items
            .iter()
            .filter(|(_, r)| matches!(r.status, 429 | 503 | 504))
            .map(|(id, r)| (id.clone(), crate::error::retry_after(&r.headers)))
            .collect()
    }

    /// Takes the answers of `later` (a retry round) over these.
    pub fn merge(&mut self, later: BatchResponses) {
        self.items.extend(later.items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static ME: crate::Endpoint = crate::endpoint! {
        name = "me::get", version = "v1.0", method = "GET", path = "/me",
        delegated_work = [], delegated_personal = [], application = [], source = "",
    };
    static SEND: crate::Endpoint = crate::endpoint! {
        name = "me::send_mail", version = "v1.0", method = "POST", path = "/me/sendMail",
        delegated_work = [], delegated_personal = [], application = [], source = "",
    };

    #[test]
    fn items_are_typed_matched_by_id_and_throttled_ones_found() {
        let me: ApiRequest<Value> = crate::request!(ME, Plain, ["/me"], []);
        let body = json!({"message": {"subject": "hi"}});
        let send: ApiRequest<()> = {
            let body = &body;
            crate::request!(SEND, NoContent, ["/me/sendMail"], [], body)
        };
        let mut batch = Batch::new();
        let a = batch.add(&me.clone().select(&["id"])).unwrap();
        let b = batch.add_after(&send, &[a.id()]).unwrap();
        let http = batch.to_http("https://graph.microsoft.com").unwrap();
        assert_eq!(http.uri(), "https://graph.microsoft.com/v1.0/$batch");
        let sent: Value = serde_json::from_slice(http.body()).unwrap();
        assert_eq!(sent["requests"][0]["url"], "/me?$select=id");
        assert_eq!(sent["requests"][1]["body"], body);
        assert_eq!(sent["requests"][1]["dependsOn"], json!(["1"]));
        let answer = json!({"responses": [
            {"id": "2", "status": 429, "headers": {"Retry-After": "3"}, "body": {"error": {"code": "TooManyRequests", "message": "x"}}},
            {"id": "1", "status": 200, "body": {"id": "me-1"}}
        ]});
        let r = batch
            .parse_response(200, &serde_json::to_vec(&answer).unwrap())
            .unwrap();
        assert_eq!(r.get(&a).unwrap()["id"], "me-1");
        assert!(r.get(&b).unwrap_err().is_retryable());
        assert_eq!(
            r.throttled(),
            [("2".to_string(), Some(Duration::from_secs(3)))]
        );
        // The retry round holds the throttled item alone, its answered dependency dropped.
        let again = batch.only(&["2".to_string()]);
        assert_eq!(again.len(), 1);
        let sent: Value =
            serde_json::from_slice(again.to_http("http://x").unwrap().body()).unwrap();
        assert_eq!(sent["requests"][0]["dependsOn"], json!([]));
    }

    #[test]
    fn a_batch_is_bounded_and_of_one_version() {
        let me: ApiRequest<Value> = crate::request!(ME, Plain, ["/me"], []);
        let mut batch = Batch::new();
        for _ in 0..MAX_BATCH {
            batch.add(&me).unwrap();
        }
        assert!(batch.add(&me).is_err());
        assert!(Batch::new().to_http("http://x").is_err());
    }
}
