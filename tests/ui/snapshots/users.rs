// The `users` snapshot compiles, and its API works as the pages describe.
#![allow(dead_code)]
include!("../../snapshots/users.rs");

fn main() {
    let req = v1_0::users::get("a b");
    assert_eq!(req.path(), "/users/a%20b");
    let page: Page<v1_0::types::User> = v1_0::users::list()
        .parse_response(200, br#"{"value": [{"id": "1", "manager": {"id": "2"}}]}"#)
        .unwrap();
    assert_eq!(page.value[0].manager.as_ref().unwrap().id.as_deref(), Some("2"));
}
