//! A page of a collection, as Graph sends it.

use serde::{Deserialize, Serialize};

use crate::{JsonObject, Strict};

/// A page of a collection. Reading one from a body without a `value` member (one object) is
/// an error that says so: the service sends a page, even an empty one, as `{"value": []}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The items.
    pub value: Vec<T>,
    /// Link to the next page.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// Link to the delta query state, for delta functions.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// OData context URL.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<String>,
    /// Total count, with `$count=true`.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<i64>,
    /// Anything else in the page object.
    #[serde(flatten)]
    pub extra: JsonObject,
}

/// What a page body holds, `value` optional so its absence gets a message of its own.
#[derive(Deserialize)]
struct PageBody<T> {
    value: Option<Vec<T>>,
    #[serde(rename = "@odata.nextLink", default)]
    next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", default)]
    delta_link: Option<String>,
    #[serde(rename = "@odata.context", default)]
    context: Option<String>,
    #[serde(rename = "@odata.count", default)]
    count: Option<i64>,
    #[serde(flatten)]
    extra: JsonObject,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let b = PageBody::<T>::deserialize(d)?;
        let Some(value) = b.value else {
            let mut keys: Vec<&str> = b.extra.keys().map(String::as_str).take(4).collect();
            if b.extra.len() > keys.len() {
                keys.push("…");
            }
            return Err(serde::de::Error::custom(format!(
                "expected a page of a collection (a `value` array), found one object ({}): the response is not of the documented shape",
                if keys.is_empty() { "no members".to_string() } else { keys.join(", ") }
            )));
        };
        Ok(Page {
            value,
            next_link: b.next_link,
            delta_link: b.delta_link,
            context: b.context,
            count: b.count,
            extra: b.extra,
        })
    }
}

impl<T: Strict> Strict for Page<T> {
    fn unknown_fields(&self, path: &str, out: &mut Vec<String>) {
        crate::report_extras(&self.extra, path, out);
        self.value.unknown_fields(&format!("{path}.value"), out);
    }
}
