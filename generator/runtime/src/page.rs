//! A page of a collection, as Graph sends it.

use serde::{Deserialize, Serialize};

use crate::{JsonObject, Strict};

/// A page of a collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items.
    #[serde(default = "Vec::new")]
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

impl<T: Strict> Strict for Page<T> {
    fn unknown_fields(&self, path: &str, out: &mut Vec<String>) {
        crate::report_extras(&self.extra, path, out);
        self.value.unknown_fields(&format!("{path}.value"), out);
    }
}
