//! The `community-hub` binary: parse the command line, set up logging, run.

use std::process::ExitCode;

use clap::Parser;

// See Cargo.toml: cheaper than the system allocator for the server's many small
// allocations. Only the binary: tests and the library keep the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's `mi_option_set` (mimalloc.h, v2); `mimalloc` links the library in but
// binds its options only behind a feature that pulls in another crate for one call.
// The crate's one exception to `unsafe_code` (Cargo.toml): a C call that sets a number.
#[allow(unsafe_code)]
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay`: its place in mimalloc.h's `mi_option_e` (v2), stable there.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Freed memory goes back to the OS after a second unused instead of mimalloc's 10 ms.
/// A large answer ((b): 750 KB of JSON, ~10,000 values) frees pages that the next
/// request takes again at once: given back after 10 ms, each came back as a page fault
/// and a zeroed page, ~10 % of (b)'s server CPU (bench/README.md). After a second idle
/// the memory is still returned. `MIMALLOC_PURGE_DELAY` in the environment still wins.
#[allow(unsafe_code)]
fn keep_freed_memory_a_second() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one of mimalloc's integer options; valid at any time.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
    }
}

fn main() -> ExitCode {
    keep_freed_memory_a_second();
    run()
}

#[tokio::main]
async fn run() -> ExitCode {
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
