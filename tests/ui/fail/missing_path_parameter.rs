// Every path parameter is a required argument.
fn main() {
    let _ = graphdoc_generated::beta::sync_licenses();
}
