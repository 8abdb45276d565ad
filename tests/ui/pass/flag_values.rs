// Flag-enum combinations (`a,b`) are documented values when every part is a member; a member
// written in another case reads as that member; anything else is still reported by the strict
// walk the example tests use.
use graphdoc_generated::v1_0::types::VppTokenState;
use graphdoc_generated::Strict;

fn unknown(json: &str) -> Vec<String> {
    let v: VppTokenState = serde_json::from_str(json).expect("any string deserializes");
    let mut out = Vec::new();
    v.unknown_fields("$", &mut out);
    out
}

fn main() {
    assert!(unknown("\"valid\"").is_empty());
    assert!(unknown("\"valid,expired\"").is_empty());
    assert!(unknown("\"valid, expired\"").is_empty());
    assert_eq!(unknown("\"valid,bogus\"").len(), 1);
    assert!(unknown("\"Valid\"").is_empty(), "a member but for case is that member");
    let v: VppTokenState = serde_json::from_str("\"Valid\"").unwrap();
    assert!(matches!(v, VppTokenState::Valid));
    assert_eq!(serde_json::to_string(&v).unwrap(), "\"valid\"");
}
