//! Generates the Intune bindings of docs-input/ into OUT_DIR.

fn main() {
    let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs-input");
    match graphdoc::Builder::new()
        .docs(docs)
        .include("intune")
        .generate()
    {
        Ok(report) => {
            for w in &report.warnings {
                println!("cargo:warning={w}");
            }
        }
        Err(e) => {
            eprintln!("graphdoc: {e}");
            std::process::exit(1);
        }
    }
}
