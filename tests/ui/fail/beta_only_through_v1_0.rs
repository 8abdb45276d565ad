// revokeLicenses is documented for beta only: v1_0 has no such endpoint.
fn main() {
    let body = graphdoc_generated::beta::device_app_management::vpp_tokens::RevokeLicensesBody::default();
    let _ = graphdoc_generated::v1_0::device_app_management::vpp_tokens::revoke_licenses("token-id", &body);
}
