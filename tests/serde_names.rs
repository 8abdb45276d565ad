//! The generated structs name fields with `#[serde(rename_all = "camelCase")]` and write a
//! `rename` only where `graphdoc::naming::serde_camel` says serde's rule misses the docs name;
//! this pins that function to serde's real behaviour for the identifier shapes naming makes.

use serde::Serialize;

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
#[allow(non_snake_case)]
struct Shapes {
    display_name: u8,
    id: u8,
    i_os_version: u8,
    ipv4_address: u8,
    _3d_model: u8,
    r#type: u8,
    r#loop: u8,
    self_: u8,
    value_2: u8,
    x_u4e2d_name: u8,
    a__b: u8,
    trailing_: u8,
}

#[test]
fn serde_camel_is_serdes_rule() {
    let idents = [
        "display_name",
        "id",
        "i_os_version",
        "ipv4_address",
        "_3d_model",
        "r#type",
        "r#loop",
        "self_",
        "value_2",
        "x_u4e2d_name",
        "a__b",
        "trailing_",
    ];
    // A struct serializes its fields in declaration order: `{"displayName":0,"id":0,…}`.
    let text = serde_json::to_string(&Shapes::default()).unwrap();
    let theirs: Vec<&str> = text
        .trim_matches(['{', '}'])
        .split(",")
        .map(|kv| kv.trim_end_matches(":0").trim_matches('"'))
        .collect();
    let ours: Vec<String> = idents
        .iter()
        .map(|i| graphdoc::naming::serde_camel(i))
        .collect();
    assert_eq!(ours, theirs);
}
