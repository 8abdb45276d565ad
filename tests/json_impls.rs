//! The generated types' JSON impls (the runtime's `graph_object!` and `graph_enum!`, which
//! replaced serde's derives to cut build time) read and write what the derives did: fields by
//! wire name in declaration order, absent and `null` members as `None`, other members kept in
//! the extras map, unknown enum members kept and reported.

use graphdoc_generated::v1_0::types::{VppToken, VppTokenState};
use graphdoc_generated::Strict;

#[test]
fn objects_read_and_write_by_wire_name() {
    let text = r##"{"surprise":{"a":1},"state":"valid","appleId":null,"organizationName":"Contoso","id":"1","@odata.type":"#microsoft.graph.vppToken"}"##;
    let t: VppToken = serde_json::from_str(text).unwrap();
    assert_eq!(t.organization_name.as_deref(), Some("Contoso"));
    assert_eq!(t.state, Some(VppTokenState::Valid));
    assert_eq!(t.apple_id, None);
    assert_eq!(t.extra.keys().collect::<Vec<_>>(), ["surprise"]);
    // Written back in declaration order, absent and null fields left out, extras last.
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.vppToken","id":"1","organizationName":"Contoso","state":"valid","surprise":{"a":1}}"##
    );
    let mut found = Vec::new();
    t.unknown_fields("$", &mut found);
    assert_eq!(found, ["$.surprise"]);
    // A repeated member: the last wins, as in serde_json's own maps.
    let t: VppToken = serde_json::from_str(r#"{"id":"1","id":"2"}"#).unwrap();
    assert_eq!(t.id.as_deref(), Some("2"));
    // Not an object, or a member of the wrong type: errors, with serde_json's message.
    assert!(serde_json::from_str::<VppToken>("[1]").is_err());
    let e = serde_json::from_str::<VppToken>(r#"{"automaticallyUpdateApps":"yes"}"#).unwrap_err();
    assert!(e.to_string().contains("expected a boolean"), "{e}");
    // An empty object is the default value.
    assert_eq!(
        serde_json::from_str::<VppToken>("{}").unwrap(),
        VppToken::default()
    );
}

#[test]
fn enums_keep_and_report_unknown_members() {
    let s: VppTokenState = serde_json::from_str(r#""assignedToExternalMDM""#).unwrap();
    assert_eq!(s, VppTokenState::AssignedToExternalMdm);
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#""assignedToExternalMDM""#
    );
    let other: VppTokenState = serde_json::from_str(r#""brandNew""#).unwrap();
    assert_eq!(other, VppTokenState::Other("brandNew".into()));
    assert_eq!(serde_json::to_string(&other).unwrap(), r#""brandNew""#);
    let mut found = Vec::new();
    other.unknown_fields("$.state", &mut found);
    assert_eq!(found, ["$.state: `brandNew` is not a documented member"]);
    assert!(serde_json::from_str::<VppTokenState>("3").is_err());
}
