// The response type is the documented one: a vppToken is not a string.
fn main() {
    let req = graphdoc_generated::v1_0::device_app_management::vpp_tokens::sync_licenses("token-id");
    let _: Result<String, _> = req.parse_response(200, b"{}");
}
