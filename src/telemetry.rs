//! Logging set-up. Log lines carry ids and codes, never tokens or personal data.

use tracing_subscriber::EnvFilter;

/// Human-readable logs by default; `RUST_LOG` picks the levels.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
