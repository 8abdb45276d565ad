//! The generated API compiles for intended use and refuses misuse.

#[test]
fn generated_api() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
