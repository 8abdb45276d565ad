// revokeLicenses is documented for beta only: v1_0 has no such endpoint.
fn main() {
    let body = graphdoc_generated::beta::endpoints::RevokeLicensesBody::default();
    let _ = graphdoc_generated::v1_0::revoke_licenses("token-id", &body);
}
