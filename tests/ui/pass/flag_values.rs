// Flag-enum combinations (`a,b`) are documented values when every part is a member; anything
// else is still reported by the strict walk the example tests use.
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
    assert_eq!(unknown("\"Valid\"").len(), 1, "members are case-sensitive");
}
