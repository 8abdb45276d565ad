//! What the docs say about an endpoint: its method, path and the permissions it accepts.

/// The kind of access token a caller holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Delegated, work or school account.
    DelegatedWork,
    /// Delegated, personal Microsoft account.
    DelegatedPersonal,
    /// Application (app-only).
    Application,
}

/// Permissions an endpoint accepts, least privileged first; any one of a list suffices. An
/// entry of scopes required together is written `A and B`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: &'static [&'static str],
    /// Delegated (personal Microsoft account).
    pub delegated_personal: &'static [&'static str],
    /// Application.
    pub application: &'static [&'static str],
}

impl Permissions {
    /// The permissions accepted for a kind of token.
    pub fn for_kind(&self, kind: TokenKind) -> &'static [&'static str] {
        match kind {
            TokenKind::DelegatedWork => self.delegated_work,
            TokenKind::DelegatedPersonal => self.delegated_personal,
            TokenKind::Application => self.application,
        }
    }

    /// Whether a token of `kind` granted `scopes` may call the endpoint: it holds one entry
    /// of the list, every scope of an `A and B` entry (scopes compare without regard to case,
    /// as Entra ID compares them).
    pub fn allows(&self, kind: TokenKind, scopes: &[&str]) -> bool {
        self.for_kind(kind).iter().any(|p| {
            p.split(" and ")
                .all(|need| scopes.iter().any(|s| s.eq_ignore_ascii_case(need.trim())))
        })
    }

    /// The least privileged permission for a kind of token, if the kind is supported.
    pub fn least_privileged(&self, kind: TokenKind) -> Option<&'static str> {
        self.for_kind(kind).first().copied()
    }
}

/// What the docs say about one endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoint {
    /// The function's path below its version module (`users::messages::list`).
    pub name: &'static str,
    /// API version in URLs: `v1.0` or `beta`.
    pub version: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template as documented.
    pub path: &'static str,
    /// Permissions.
    pub permissions: Permissions,
    /// The docs page the endpoint was generated from.
    pub source: &'static str,
}

/// An [`Endpoint`] from what the docs say, in the fields' order: `endpoint! { name = "…",
/// version = "…", method = "…", path = "…", delegated_work = […], delegated_personal = […],
/// application = […], source = "…" }`. A macro rather than a struct literal: a crate holds
/// thousands, and the generator parses and formats a macro's tokens far faster than an
/// expression, while rustc sees the same literal.
#[doc(hidden)]
#[macro_export]
macro_rules! endpoint {
    (
        name = $n:literal, version = $v:literal, method = $m:literal, path = $p:literal,
        delegated_work = [$($dw:literal),* $(,)?], delegated_personal = [$($dp:literal),* $(,)?],
        application = [$($a:literal),* $(,)?], source = $s:literal $(,)?
    ) => {
        $crate::Endpoint {
            name: $n,
            version: $v,
            method: $m,
            path: $p,
            permissions: $crate::Permissions {
                delegated_work: &[$($dw),*],
                delegated_personal: &[$($dp),*],
                application: &[$($a),*],
            },
            source: $s,
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYNC: Endpoint = crate::endpoint! {
        name = "vpp_tokens::sync_licenses", version = "v1.0", method = "POST",
        path = "/deviceAppManagement/vppTokens/{id}/syncLicenses",
        delegated_work = ["DeviceManagementServiceConfig.ReadWrite.All"],
        delegated_personal = [],
        application = ["DeviceManagementServiceConfig.ReadWrite.All", "Directory.ReadWrite.All"],
        source = "v1.0/api/intune-onboarding-vpptoken-synclicenses.md",
    };

    #[test]
    fn any_listed_scope_allows_the_call_in_any_case() {
        let p = SYNC.permissions;
        assert!(p.allows(TokenKind::Application, &["directory.readwrite.all"]));
        assert!(!p.allows(TokenKind::Application, &["Directory.Read.All"]));
        assert!(!p.allows(
            TokenKind::DelegatedPersonal,
            &["DeviceManagementServiceConfig.ReadWrite.All"]
        ));
    }

    #[test]
    fn scopes_required_together_must_all_be_granted() {
        let p = Permissions {
            delegated_work: &[
                "User.ReadBasic.All and GroupMember.Read.All",
                "Directory.Read.All",
            ],
            delegated_personal: &[],
            application: &[],
        };
        let k = TokenKind::DelegatedWork;
        assert!(!p.allows(k, &["User.ReadBasic.All"]));
        assert!(p.allows(k, &["groupmember.read.all", "User.ReadBasic.All"]));
        assert!(p.allows(k, &["Directory.Read.All"]));
    }

    #[test]
    fn the_least_privileged_permission_is_the_first_listed() {
        let p = SYNC.permissions;
        assert_eq!(
            p.least_privileged(TokenKind::Application),
            Some("DeviceManagementServiceConfig.ReadWrite.All")
        );
        assert_eq!(p.least_privileged(TokenKind::DelegatedPersonal), None);
    }
}
