// Every path parameter is a required argument.
fn main() {
    let _ = graphdoc_generated::beta::device_app_management::vpp_tokens::sync_licenses();
}
