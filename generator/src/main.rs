//! The `graphdoc` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Typed Rust bindings and a docs linter from the Microsoft Graph REST API reference.
#[derive(Parser)]
#[command(name = "graphdoc", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Summary,
}

#[derive(Subcommand)]
enum Command {
    /// Read docs pages and print the model (operations, types, diagnostics).
    ///
    /// Example: graphdoc model --docs docs-input --format json
    Model {
        /// Docs directories to read (repeatable).
        #[arg(long = "docs", required = true, num_args = 1..)]
        docs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Model { docs, format } => {
            let model = graphdoc::read_docs(&docs);
            match format {
                Format::Json => match serde_json::to_string_pretty(&model) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        eprintln!("error: cannot serialize the model: {e}");
                        return ExitCode::FAILURE;
                    }
                },
                Format::Summary => {
                    println!(
                        "pages: {} (api {}, resource {}, enum {}, other {})",
                        model.pages.total,
                        model.pages.api,
                        model.pages.resource,
                        model.pages.enumeration,
                        model.pages.other
                    );
                    println!("operations: {}", model.operations.len());
                    println!("types: {}", model.types.len());
                    println!("diagnostics: {}", model.diagnostics.len());
                }
            }
            ExitCode::SUCCESS
        }
    }
}

// The reader allocates many small strings and JSON values across threads; mimalloc
// roughly halves the time glibc's allocator spends on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
