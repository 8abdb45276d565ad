// The adversarial pages' bindings compile, and hostile property names map to their wire names.
#![allow(dead_code)]
include!("../../snapshots/adversarial.rs");

fn main() {
    let body = br##"{"type": "t", "self": "s", "Self": "S", "display name": "d", "\u540d\u79f0": "u", "#[attr]": "h", "_": "x", "odata_type": "o", "child": {"type": "nested"}}"##;
    let h: v1_0::types::Hostile = v1_0::hostiles::children::get_by_children_id(
        "a", "b").parse_response(200, body).unwrap();
    assert_eq!(h.r#type.as_deref(), Some("t"));
    assert_eq!(h.self_.as_deref(), Some("s"));
    assert_eq!(h.self_2.as_deref(), Some("S"));
    assert_eq!(h.display_name.as_deref(), Some("d"));
    assert_eq!(h.u540d_u79f0.as_deref(), Some("u"));
    assert_eq!(h.attr.as_deref(), Some("h"));
    assert_eq!(h.value.as_deref(), Some("x"));
    assert_eq!(h.odata_type_2.as_deref(), Some("o"));
    assert_eq!(h.child.unwrap().r#type.as_deref(), Some("nested"));
    assert_eq!(h.extra, None);
    assert!(h.extra_2.is_empty(), "every property has a field: {:?}", h.extra_2);
}
