// An action's body is its generated parameter struct, not any JSON.
fn main() {
    let body = serde_json::json!({"notifyManagedDevices": true});
    let _ = graphdoc_generated::beta::device_app_management::vpp_tokens::revoke_licenses("token-id", &body);
}
