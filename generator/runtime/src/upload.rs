//! Large-file upload, sans-IO: after `createUploadSession` gives an upload URL, the content goes
//! up in ranged `PUT`s whose sizes are multiples of 320 KiB; after a failure the session's status
//! says which bytes the service still expects, and the upload resumes there.

use serde_json::Value;

use crate::Error;

/// Chunk sizes must be multiples of this (320 KiB).
pub const CHUNK_UNIT: usize = 320 * 1024;

/// The largest chunk the service takes (60 MiB, rounded down to the unit).
pub const MAX_CHUNK: usize = 60 * 1024 * 1024 / CHUNK_UNIT * CHUNK_UNIT;

/// An upload in progress.
#[derive(Debug, Clone)]
pub struct Upload<'a> {
    url: String,
    content: &'a [u8],
    chunk: usize,
    next: usize,
}

/// Where an upload stands after a response.
#[derive(Debug, Clone, PartialEq)]
pub enum UploadState {
    /// More bytes to send, from this offset.
    Continue(usize),
    /// The service holds the whole content: the created item.
    Done(Value),
}

impl<'a> Upload<'a> {
    /// An upload of `content` to a session's `uploadUrl`, in chunks of `chunk` bytes (a
    /// multiple of [`CHUNK_UNIT`], at most [`MAX_CHUNK`]).
    pub fn new(upload_url: &str, content: &'a [u8], chunk: usize) -> Result<Self, Error> {
        if chunk == 0 || chunk % CHUNK_UNIT != 0 || chunk > MAX_CHUNK {
            return Err(Error::Request(format!(
                "upload chunks are multiples of {CHUNK_UNIT} bytes up to {MAX_CHUNK}, not {chunk}"
            )));
        }
        Ok(Upload {
            url: upload_url.to_string(),
            content,
            chunk,
            next: 0,
        })
    }

    /// The offset of the next byte to send.
    pub fn offset(&self) -> usize {
        self.next
    }

    /// The next ranged `PUT`, if bytes remain. Upload URLs carry their own authorization: the
    /// request has no `Authorization` header, and must not get one.
    pub fn next_request(&self) -> Option<http::Request<Vec<u8>>> {
        if self.next >= self.content.len() && !(self.content.is_empty() && self.next == 0) {
            return None;
        }
        let end = (self.next + self.chunk).min(self.content.len());
        let total = self.content.len();
        let range = if total == 0 {
            "bytes */0".to_string()
        } else {
            format!("bytes {}-{}/{total}", self.next, end - 1)
        };
        http::Request::put(&self.url)
            .header("Content-Range", range)
            .header("Content-Length", end - self.next)
            .body(self.content[self.next..end].to_vec())
            .ok()
    }

    /// Reads the answer to [`Upload::next_request`] (or to [`Upload::status_request`]).
    pub fn read_response(&mut self, status: u16, body: &[u8]) -> Result<UploadState, Error> {
        let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        // A session's status (200) and a chunk's receipt (202) name the ranges still expected;
        // the created item (200 or 201) does not.
        let expected = next_expected(&v).filter(|_| v.get("id").is_none());
        match (status, expected) {
            (200..=202, Some(next)) => {
                self.next = next.min(self.content.len());
                Ok(UploadState::Continue(self.next))
            }
            (200 | 201, None) => {
                self.next = self.content.len();
                Ok(UploadState::Done(v))
            }
            (202, None) => Err(Error::Request(
                "the upload session answered 202 without nextExpectedRanges".into(),
            )),
            _ => {
                let req: crate::ApiRequest<Value> =
                    crate::ApiRequest::new(&UPLOAD, String::new(), None, crate::Shape::Plain);
                Err(req
                    .parse_response(status, body)
                    .err()
                    .unwrap_or_else(|| Error::Request(format!("the upload answered {status}"))))
            }
        }
    }

    /// The session's status (`GET uploadUrl`): after a failure, its answer (read with
    /// [`Upload::read_response`]) says where to resume.
    pub fn status_request(&self) -> http::Request<Vec<u8>> {
        http::Request::get(&self.url)
            .body(Vec::new())
            .unwrap_or_default()
    }
}

static UPLOAD: crate::Endpoint = crate::endpoint! {
    name = "upload", version = "", method = "PUT", path = "",
    delegated_work = [], delegated_personal = [], application = [], source = "",
};

/// The start of the first range in `nextExpectedRanges` (`["26-", "40-50"]` → 26).
fn next_expected(v: &Value) -> Option<usize> {
    v.get("nextExpectedRanges")?
        .as_array()?
        .iter()
        .filter_map(|r| r.as_str()?.split('-').next()?.trim().parse().ok())
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_ranged_and_resume_where_the_service_says() {
        let content: Vec<u8> = (0..(CHUNK_UNIT * 2 + 10)).map(|i| i as u8).collect();
        assert!(Upload::new("https://up/1", &content, 1000).is_err());
        let mut up = Upload::new("https://up/1", &content, CHUNK_UNIT).unwrap();
        let first = up.next_request().unwrap();
        assert_eq!(
            first.headers()["content-range"],
            format!("bytes 0-{}/{}", CHUNK_UNIT - 1, content.len())
        );
        assert!(first.headers().get("authorization").is_none());
        let state = up
            .read_response(
                202,
                format!(r#"{{"nextExpectedRanges": ["{CHUNK_UNIT}-"]}}"#).as_bytes(),
            )
            .unwrap();
        assert_eq!(state, UploadState::Continue(CHUNK_UNIT));
        // The second chunk failed; the status says the service has only the first 100 bytes.
        assert!(up.read_response(503, b"").is_err());
        assert_eq!(up.status_request().method(), http::Method::GET);
        // The session's status is a 200 that names what it still expects.
        up.read_response(
            200,
            br#"{"uploadUrl": "https://up/1", "nextExpectedRanges": ["100-"]}"#,
        )
        .unwrap();
        let resumed = up.next_request().unwrap();
        assert_eq!(
            resumed.headers()["content-range"],
            format!("bytes 100-{}/{}", 100 + CHUNK_UNIT - 1, content.len())
        );
        assert_eq!(resumed.body()[0], 100);
        let done = up.read_response(201, br#"{"id": "item-1"}"#).unwrap();
        assert_eq!(done, UploadState::Done(serde_json::json!({"id": "item-1"})));
        assert!(up.next_request().is_none());
    }
}
