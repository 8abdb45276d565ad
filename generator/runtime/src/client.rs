//! A ready async client (cargo feature `client`; add `rustls` for HTTPS): sends the sans-IO
//! requests with reqwest and a bearer token.

use serde::de::DeserializeOwned;

use crate::{ApiRequest, Error, Page};

/// Sends [`ApiRequest`]s with reqwest and a bearer token.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    token: String,
}

impl Client {
    /// A client for `base_url` (`https://graph.microsoft.com`, a national cloud such as
    /// `https://graph.microsoft.us`, or a mock) with a bearer token.
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Self {
        Client {
            http: reqwest::Client::new(),
            base_url: base_url.into(),
            token: token.into(),
        }
    }

    /// Sends a request and parses the typed response.
    pub async fn send<T: DeserializeOwned>(&self, req: &ApiRequest<T>) -> Result<T, Error> {
        let r = req.to_http(&self.base_url)?;
        let method = reqwest::Method::from_bytes(r.method().as_str().as_bytes())
            .map_err(|e| Error::Request(e.to_string()))?;
        let mut b = self
            .http
            .request(method, r.uri().to_string())
            .bearer_auth(&self.token);
        for (k, v) in r.headers() {
            b = b.header(k.as_str(), v.as_bytes());
        }
        let resp = b
            .body(r.into_body())
            .send()
            .await
            .map_err(|e| Error::Request(e.to_string()))?;
        let status = resp.status().as_u16();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| Error::Request(e.to_string()))?;
        req.parse_response(status, &bytes)
    }

    /// Sends a collection request and follows `@odata.nextLink` to the end.
    pub async fn all_pages<T: DeserializeOwned>(
        &self,
        req: ApiRequest<Page<T>>,
    ) -> Result<Vec<T>, Error> {
        let mut out = Vec::new();
        let mut next = Some(req);
        while let Some(r) = next {
            let page = self.send(&r).await?;
            next = r.next_page(&page);
            out.extend(page.value);
        }
        Ok(out)
    }
}
