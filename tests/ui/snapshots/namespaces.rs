// The `namespaces` snapshot compiles: a sub-namespace's types live in a module of their own,
// apart from same-named `microsoft.graph` types, and `@odata.type` picks them by full name.
#![allow(dead_code)]
include!("../../snapshots/namespaces.rs");

use v1_0::types::{self, call_records};

fn main() {
    let body = br##"{
        "id": "s1",
        "caller": {"@odata.type": "#microsoft.graph.callRecords.participantEndpoint", "userAgent": "Teams", "feedback": "good"},
        "streams": [{"streamId": "1", "packetUtilization": 120}],
        "rootStream": {"sourceId": "x", "mediaType": "audio"}
    }"##;
    let session: call_records::Session = v1_0::communications::call_records::sessions::get("r1", "s1")
        .parse_response(200, body)
        .unwrap();
    match session.caller.unwrap() {
        call_records::AnyEndpoint::CallRecordsParticipantEndpoint(p) => {
            assert_eq!(p.feedback.as_deref(), Some("good"))
        }
        other => panic!("read as {other:?}"),
    }
    let stream: &call_records::MediaStream = &session.streams.as_ref().unwrap()[0];
    assert_eq!(stream.packet_utilization, Some(120));
    let root: types::MediaStream = session.root_stream.unwrap();
    assert_eq!(root.media_type.as_deref(), Some("audio"));
    // The root namespace's endpoint is another type.
    let _: types::Endpoint2 = types::Endpoint2 { capability: None, ..Default::default() };
}
