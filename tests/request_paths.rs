//! Endpoint functions build their path with the runtime's `path`/`drive_path`: literal pieces
//! kept as written, parameters percent-encoded between them (`/` too, except inside the
//! `:/…:` of a drive path).

use graphdoc_generated::{drive_path, path, v1_0};

#[test]
fn parameters_are_encoded_between_the_pieces() {
    assert_eq!(
        path(&["/users/", "/x('", "')"], &["a b/c", "ü?"]),
        "/users/a%20b%2Fc/x('%C3%BC%3F')"
    );
    // Two parameters that meet, and one that ends the path.
    assert_eq!(path(&["/a/", "", ""], &["1", "2"]), "/a/12");
    assert_eq!(path(&["/me"], &[]), "/me");
}

#[test]
fn drive_paths_keep_the_slashes_of_flagged_parameters() {
    assert_eq!(
        drive_path(
            &["/drives/", "/root:/", ":/children"],
            &["b!x/y", "Docs/Q1 report.docx"],
            &[false, true]
        ),
        "/drives/b%21x%2Fy/root:/Docs/Q1%20report.docx:/children"
    );
}

#[test]
fn generated_endpoints_build_their_path() {
    let req = v1_0::device_app_management::vpp_tokens::sync_licenses("token/1");
    assert_eq!(
        req.path(),
        "/deviceAppManagement/vppTokens/token%2F1/syncLicenses"
    );
}
