// The generated API used as intended: typed path parameters, typed bodies, typed responses.
use graphdoc_generated::{beta, v1_0, TokenKind};

fn main() {
    let req = v1_0::device_app_management::vpp_tokens::sync_licenses("token-id");
    let _http: http::Request<Vec<u8>> = req.to_http("https://graph.microsoft.com").unwrap();
    let token: Result<v1_0::types::VppToken, _> = req.parse_response(200, b"{}");
    let _ = token;

    let body = beta::device_app_management::vpp_tokens::RevokeLicensesBody {
        notify_managed_devices: Some(true),
        ..Default::default()
    };
    let revoke = beta::device_app_management::vpp_tokens::revoke_licenses("token-id", &body);
    let done: Result<(), _> = revoke.parse_response(204, b"");
    let _ = done;

    let can = beta::device_app_management::vpp_tokens::REVOKE_LICENSES.permissions.allows(TokenKind::Application, &["DeviceManagementServiceConfig.ReadWrite.All"]);
    let _ = can;
}
