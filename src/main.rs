//! The `community-hub` binary: parse the command line, set up logging, run.

use std::process::ExitCode;

use clap::Parser;

// See Cargo.toml: cheaper than the system allocator for the server's many small
// allocations. Only the binary: tests and the library keep the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = community_hub::cli::Cli::parse();
    let env: std::collections::HashMap<String, String> = std::env::vars().collect();
    let otlp = env.get("OTEL_EXPORTER_OTLP_ENDPOINT").map(String::as_str);
    let _telemetry = community_hub::telemetry::init(cli.log_json, otlp);
    match community_hub::cli::run(cli, &env).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
