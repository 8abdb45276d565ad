// How example tests compare JSON: values, not spellings. Timestamps are instants, GUIDs are
// UUIDs in any case, numbers are numbers; anything else must be equal.
use graphdoc_generated::testing::same_json;
use serde_json::json;

fn main() {
    assert!(same_json(
        &json!({"t": "2021-06-30T08:30:00Z"}),
        &json!({"t": "2021-06-30T10:30:00+02:00"})
    ));
    assert!(same_json(
        &json!({"id": "7E163156-7762-4BEB-A1C6-729EA81755A7"}),
        &json!({"id": "7e163156-7762-4beb-a1c6-729ea81755a7"})
    ));
    assert!(!same_json(
        &json!({"id": "7e163156-7762-4beb-a1c6-729ea81755a7"}),
        &json!({"id": "7e163156-7762-4beb-a1c6-729ea81755a8"})
    ));
    assert!(!same_json(&json!({"s": "ABC"}), &json!({"s": "abc"})), "other strings keep their case");
    assert!(same_json(&json!([1.0]), &json!([1])));
    assert!(same_json(&json!(4.666666666666667), &json!(4.666666507720947)), "Single precision");
    assert!(!same_json(&json!(4.66), &json!(4.67)));
    assert!(!same_json(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
}
