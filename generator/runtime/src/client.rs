//! A ready async client (cargo feature `client`; add `rustls` for HTTPS): sends the sans-IO
//! requests with reqwest, with a bearer token from a [`TokenProvider`], retrying throttled
//! requests, following content redirects without the token, paging, delta rounds, `$batch`
//! and large uploads.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::{ApiRequest, Batch, BatchResponses, Error, Page, Response, Upload, UploadState};

/// The Graph endpoints of the national clouds: the `base_url` of a [`Client`].
pub mod clouds {
    /// The global service.
    pub const GLOBAL: &str = "https://graph.microsoft.com";
    /// US Government L4.
    pub const US_GOV_L4: &str = "https://graph.microsoft.us";
    /// US Government L5 (DoD).
    pub const US_GOV_L5_DOD: &str = "https://dod-graph.microsoft.us";
    /// Microsoft Graph China, operated by 21Vianet.
    pub const CHINA: &str = "https://microsoftgraph.chinacloudapi.cn";
}

/// A boxed error from a token provider or the transport.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A boxed future, as [`TokenProvider`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where bearer tokens come from. Called before every request: cache and refresh inside.
///
/// With the `azure_identity` crate, wrap a credential:
/// `Box::pin(async move { Ok(cred.get_token(&["https://graph.microsoft.com/.default"], None).await?.token.secret().to_string()) })`.
pub trait TokenProvider: Send + Sync {
    /// A token valid now.
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>>;
}

/// A fixed token.
#[derive(Debug, Clone)]
pub struct StaticToken(pub String);

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>> {
        let t = self.0.clone();
        Box::pin(async move { Ok(t) })
    }
}

/// How throttled (429) and unavailable (503, 504) requests are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1: no retry).
    pub max_attempts: u32,
    /// The most time spent waiting between attempts, in all.
    pub max_total_delay: Duration,
    /// The wait before the first retry when the service gives no `Retry-After`; doubled each
    /// time.
    pub base_delay: Duration,
}

impl RetryPolicy {
    /// The wait before retry number `attempt` (1 for the first): the service's `Retry-After`,
    /// else the base delay doubled for each earlier retry.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        retry_after.unwrap_or(self.base_delay * 2u32.saturating_pow(attempt.saturating_sub(1)))
    }
}

impl Default for RetryPolicy {
    /// Kiota's defaults: 3 tries, 180 s in all, 3 s without `Retry-After`.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            max_total_delay: Duration::from_secs(180),
            base_delay: Duration::from_secs(3),
        }
    }
}

/// The changes of a delta round and the link to resume from.
#[derive(Debug, Clone)]
pub struct Delta<T> {
    /// Items changed since the last round (all of them in the first).
    pub changes: Vec<T>,
    /// The `@odata.deltaLink` to pass to [`ApiRequest::at`] next time.
    pub delta_link: Option<String>,
}

/// Sends [`ApiRequest`]s.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    tokens: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `base_url` (a [`clouds`] constant, or a mock) with a fixed bearer token.
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Self {
        Client::with_tokens(base_url, StaticToken(token.into()))
    }

    /// A client whose tokens come from `tokens` (refreshing as it needs).
    pub fn with_tokens(base_url: impl Into<String>, tokens: impl TokenProvider + 'static) -> Self {
        // Redirects are followed here, not by reqwest, so the token never goes to another host.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Client {
            http,
            base_url: base_url.into(),
            tokens: Arc::new(tokens),
            retry: RetryPolicy::default(),
        }
    }

    /// Sends with this reqwest client (proxies, timeouts, TLS roots…). Build it with
    /// `redirect(reqwest::redirect::Policy::none())` so that this client follows redirects
    /// itself; reqwest's own policy also drops `Authorization` on a redirect to another host.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    /// How throttled requests are retried.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sends a request and parses the typed response.
    pub async fn send<T: DeserializeOwned>(&self, req: &ApiRequest<T>) -> Result<T, Error> {
        Ok(self.send_with_head(req).await?.value)
    }

    /// Sends a request; the typed response with its status and headers.
    pub async fn send_with_head<T: DeserializeOwned>(
        &self,
        req: &ApiRequest<T>,
    ) -> Result<Response<T>, Error> {
        let mut response = self.exchange(req.to_http(&self.base_url)?, true).await?;
        // A content download answers 302 with a URL on another host, pre-authorized: fetched
        // without the token.
        if response.status().is_redirection() && req.method() == http::Method::GET {
            if let Some(location) = response
                .headers()
                .get(http::header::LOCATION)
                .and_then(|l| l.to_str().ok())
            {
                let get = http::Request::get(location)
                    .body(Vec::new())
                    .map_err(|e| Error::Request(e.to_string()))?;
                response = self.exchange(get, false).await?;
            }
        }
        req.parse_http_with_head(response)
    }

    /// Sends a collection request and follows `@odata.nextLink` to the end.
    pub async fn all_pages<T: DeserializeOwned>(
        &self,
        req: ApiRequest<Page<T>>,
    ) -> Result<Vec<T>, Error> {
        let mut items = self.items(req);
        let mut out = Vec::new();
        while let Some(item) = items.next().await {
            out.push(item?);
        }
        Ok(out)
    }

    /// The items of a collection as a [`futures_core::Stream`], pages fetched as they are
    /// needed (with `futures::StreamExt`: `while let Some(user) = stream.next().await`).
    pub fn stream<T: DeserializeOwned + Send + 'static>(
        &self,
        req: ApiRequest<Page<T>>,
    ) -> ItemStream<T> {
        ItemStream {
            client: self.clone(),
            next: Some(req),
            buffer: Vec::new().into_iter(),
            pending: None,
        }
    }

    /// The items of a collection one at a time, fetching pages as they are needed.
    pub fn items<T: DeserializeOwned>(&self, req: ApiRequest<Page<T>>) -> Items<'_, T> {
        Items {
            client: self,
            next: Some(req),
            buffer: Vec::new().into_iter(),
        }
    }

    /// One delta round: follows nextLinks until the page with the deltaLink. The first round
    /// starts from a delta function (`users::delta()`); later ones from
    /// `users::delta().at(&delta_link)`.
    pub async fn delta<T: DeserializeOwned>(
        &self,
        req: ApiRequest<Page<T>>,
    ) -> Result<Delta<T>, Error> {
        let mut changes = Vec::new();
        let mut next = Some(req);
        let mut delta_link = None;
        while let Some(r) = next {
            let page = self.send(&r).await?;
            next = r.next_page(&page);
            delta_link = page.delta_link.clone().or(delta_link);
            changes.extend(page.value);
        }
        Ok(Delta {
            changes,
            delta_link,
        })
    }

    /// Sends a `$batch`; items answered 429/503/504 are sent again (in a batch of their own,
    /// after the longest `Retry-After`) within the retry policy.
    pub async fn batch(&self, batch: &Batch) -> Result<BatchResponses, Error> {
        let mut answers = self.batch_once(batch).await?;
        let mut waited = Duration::ZERO;
        for attempt in 1..self.retry.max_attempts {
            let throttled = answers.throttled();
            if throttled.is_empty() {
                break;
            }
            let delay = self
                .retry
                .delay(attempt, throttled.iter().filter_map(|(_, d)| *d).max());
            if waited + delay > self.retry.max_total_delay {
                break;
            }
            tokio::time::sleep(delay).await;
            waited += delay;
            let ids: Vec<String> = throttled.into_iter().map(|(id, _)| id).collect();
            let again = self.batch_once(&batch.only(&ids)).await?;
            answers.merge(again);
        }
        Ok(answers)
    }

    async fn batch_once(&self, batch: &Batch) -> Result<BatchResponses, Error> {
        let response = self.exchange(batch.to_http(&self.base_url)?, true).await?;
        batch.parse_response(response.status().as_u16(), response.body())
    }

    /// Uploads the rest of `upload` chunk by chunk; the created item when done. After a failure,
    /// call [`Client::resume_upload`] with the same `upload`.
    pub async fn upload(&self, upload: &mut Upload<'_>) -> Result<serde_json::Value, Error> {
        while let Some(req) = upload.next_request() {
            let response = self.exchange(req, false).await?;
            if let UploadState::Done(item) =
                upload.read_response(response.status().as_u16(), response.body())?
            {
                return Ok(item);
            }
        }
        Err(Error::Request(
            "the upload ended without the created item".into(),
        ))
    }

    /// Asks the upload session which bytes it still expects, then uploads them.
    pub async fn resume_upload(&self, upload: &mut Upload<'_>) -> Result<serde_json::Value, Error> {
        let response = self.exchange(upload.status_request(), false).await?;
        if let UploadState::Done(item) =
            upload.read_response(response.status().as_u16(), response.body())?
        {
            return Ok(item);
        }
        self.upload(upload).await
    }

    /// One HTTP exchange, retried while the service throttles (429) or is unavailable (503,
    /// 504), honouring `Retry-After`, within the retry policy. `auth`: send the bearer token.
    async fn exchange(
        &self,
        req: http::Request<Vec<u8>>,
        auth: bool,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let mut waited = Duration::ZERO;
        let mut attempt = 1;
        loop {
            let response = self.exchange_once(&req, auth).await?;
            let status = response.status().as_u16();
            if !matches!(status, 429 | 503 | 504) || attempt >= self.retry.max_attempts {
                return Ok(response);
            }
            let delay = self
                .retry
                .delay(attempt, crate::error::retry_after(response.headers()));
            if waited + delay > self.retry.max_total_delay {
                return Ok(response);
            }
            tokio::time::sleep(delay).await;
            waited += delay;
            attempt += 1;
        }
    }

    async fn exchange_once(
        &self,
        req: &http::Request<Vec<u8>>,
        auth: bool,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let method = reqwest::Method::from_bytes(req.method().as_str().as_bytes())
            .map_err(|e| Error::Request(e.to_string()))?;
        let mut b = self.http.request(method, req.uri().to_string());
        for (k, v) in req.headers() {
            b = b.header(k.as_str(), v.as_bytes());
        }
        if auth {
            let token = self.tokens.token().await.map_err(Error::Transport)?;
            b = b.bearer_auth(token);
        }
        let resp = b
            .body(req.body().clone())
            .send()
            .await
            .map_err(|e| Error::Transport(Box::new(e)))?;
        let mut out = http::Response::builder().status(resp.status().as_u16());
        for (k, v) in resp.headers() {
            out = out.header(k.as_str(), v.as_bytes());
        }
        let body = resp
            .bytes()
            .await
            .map_err(|e| Error::Transport(Box::new(e)))?;
        out.body(body.to_vec())
            .map_err(|e| Error::Request(e.to_string()))
    }
}

/// The items of a collection, pages fetched as needed ([`Client::items`]).
pub struct Items<'c, T> {
    client: &'c Client,
    next: Option<ApiRequest<Page<T>>>,
    buffer: std::vec::IntoIter<T>,
}

impl<T: DeserializeOwned> Items<'_, T> {
    /// The next item, `None` after the last page.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Some(Ok(item));
            }
            let req = self.next.take()?;
            match self.client.send(&req).await {
                Ok(page) => {
                    self.next = req.next_page(&page);
                    self.buffer = page.value.into_iter();
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

type PageFuture<T> = BoxFuture<'static, Result<(Page<T>, ApiRequest<Page<T>>), Error>>;

/// The items of a collection as a stream ([`Client::stream`]).
pub struct ItemStream<T> {
    client: Client,
    next: Option<ApiRequest<Page<T>>>,
    buffer: std::vec::IntoIter<T>,
    pending: Option<PageFuture<T>>,
}

impl<T: DeserializeOwned + Send + 'static> futures_core::Stream for ItemStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::task::Poll;
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            if this.pending.is_none() {
                let Some(req) = this.next.take() else {
                    return Poll::Ready(None);
                };
                let client = this.client.clone();
                this.pending = Some(Box::pin(async move {
                    let page = client.send(&req).await?;
                    Ok((page, req))
                }));
            }
            let Some(fut) = this.pending.as_mut() else {
                return Poll::Ready(None);
            };
            match fut.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => {
                    this.pending = None;
                    match result {
                        Ok((page, req)) => {
                            this.next = req.next_page(&page);
                            this.buffer = page.value.into_iter();
                        }
                        Err(e) => return Poll::Ready(Some(Err(e))),
                    }
                }
            }
        }
    }
}

impl<T> Unpin for ItemStream<T> {}
