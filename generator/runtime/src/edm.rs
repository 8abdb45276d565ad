//! The Rust types of the Edm primitives that need more than a Rust primitive: generated
//! types name them here, so a generated crate needs no dependency but this one.

use serde::{Deserialize, Serialize};

/// `Edm.DateTimeOffset`: a timestamp with its offset, as written.
pub type DateTimeOffset = chrono::DateTime<chrono::FixedOffset>;
/// `Edm.Date`: a calendar date.
pub type Date = chrono::NaiveDate;
/// `Edm.TimeOfDay`: a time without a date.
pub type TimeOfDay = chrono::NaiveTime;
/// `Edm.Guid`.
pub type Guid = uuid::Uuid;
/// A JSON value of a type the docs do not give.
pub type Json = serde_json::Value;

/// `Edm.Binary`: bytes, base64 in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Base64(pub Vec<u8>);

impl Serialize for Base64 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use base64::Engine as _;
        let s = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(s.trim())
            .map(Base64)
            .map_err(serde::de::Error::custom)
    }
}

/// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`, kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IsoDuration(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_rejects_garbage() {
        let b: Base64 = serde_json::from_str(r#""aGVsbG8=""#).unwrap();
        assert_eq!(b.0, b"hello");
        assert_eq!(serde_json::to_string(&b).unwrap(), r#""aGVsbG8=""#);
        assert!(serde_json::from_str::<Base64>(r#""not base64!""#).is_err());
    }

    #[test]
    fn timestamps_keep_their_offset() {
        let t: DateTimeOffset =
            serde_json::from_str(r#""2016-12-31T23:57:57.2481234-08:00""#).unwrap();
        assert_eq!(t.offset().local_minus_utc(), -8 * 3600);
    }
}
