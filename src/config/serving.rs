//! Limits and behaviour of the serving path: HTTP body and batch sizes, GraphQL query
//! limits, load shedding, timeouts, CORS and shutdown. Parsed with the rest of
//! [`Config`](super::Config); every key has a default and is checked here.

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;

use super::{ConfigError, number, text};

/// Limits a GraphQL document must pass before any resolver or SQL runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryLimits {
    /// Characters of query text, checked before parsing.
    pub max_chars: usize,
    /// Levels of the graph; connection plumbing (`edges`, `node`, `nodes`) is free.
    pub max_depth: usize,
    /// Nesting of selection sets of any kind (fragments included): guards the parser's
    /// and validator's stacks.
    pub max_recursive_depth: usize,
    /// Estimated cost: each field 1, a connection `first`/`last` (else the largest
    /// page) times its selection.
    pub max_complexity: u64,
    pub max_aliases: u64,
    pub max_directives: u64,
}

/// The HTTP side of serving.
#[derive(Clone, Debug)]
pub struct ServingConfig {
    /// Largest raw request body, chunked bodies included.
    pub max_body_bytes: usize,
    /// Largest JSON-array batch; 0 turns batching off.
    pub max_batch_size: usize,
    /// GraphQL requests executing at once; more are shed with 503.
    pub max_concurrent_requests: usize,
    pub request_timeout: Duration,
    /// How long a client may take to send a request's headers (slow clients are cut off).
    pub header_read_timeout: Duration,
    /// Origins allowed by CORS; empty means no cross-origin access.
    pub cors_allowed_origins: Vec<String>,
    /// After a shutdown signal: how long `/readyz` says 503 while still serving, so
    /// load balancers stop sending traffic before the listener closes.
    pub shutdown_delay: Duration,
    /// After the listener closes: how long in-flight requests may take to finish.
    pub shutdown_timeout: Duration,
    pub limits: QueryLimits,
}

/// The file keys of this part (same names as the environment, lower case).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ServingFile {
    max_body_bytes: Option<usize>,
    max_batch_size: Option<usize>,
    max_concurrent_requests: Option<usize>,
    request_timeout_secs: Option<u64>,
    header_read_timeout_secs: Option<u64>,
    cors_allowed_origins: Option<Vec<String>>,
    shutdown_delay_ms: Option<u64>,
    shutdown_timeout_secs: Option<u64>,
    max_query_chars: Option<usize>,
    max_query_depth: Option<usize>,
    max_recursive_depth: Option<usize>,
    max_query_complexity: Option<u64>,
    max_aliases: Option<u64>,
    max_directives: Option<u64>,
}

pub const MAX_BATCH_SIZE: usize = 10;

impl ServingConfig {
    pub(super) fn load(
        env: &HashMap<String, String>,
        file: ServingFile,
    ) -> Result<Self, ConfigError> {
        let origins = match text(env, "CORS_ALLOWED_ORIGINS", None) {
            Some(list) => list
                .split(',')
                .map(|origin| origin.trim().to_owned())
                .filter(|origin| !origin.is_empty())
                .collect(),
            None => file.cors_allowed_origins.unwrap_or_default(),
        };
        let limits = QueryLimits {
            max_chars: number(env, "MAX_QUERY_CHARS", file.max_query_chars, 10_000)?,
            max_depth: number(env, "MAX_QUERY_DEPTH", file.max_query_depth, 10)?,
            max_recursive_depth: number(env, "MAX_RECURSIVE_DEPTH", file.max_recursive_depth, 32)?,
            max_complexity: number(
                env,
                "MAX_QUERY_COMPLEXITY",
                file.max_query_complexity,
                250_000,
            )?,
            max_aliases: number(env, "MAX_ALIASES", file.max_aliases, 15)?,
            max_directives: number(env, "MAX_DIRECTIVES", file.max_directives, 20)?,
        };
        let serving = ServingConfig {
            max_body_bytes: number(env, "MAX_BODY_BYTES", file.max_body_bytes, 256 * 1024)?,
            max_batch_size: number(env, "MAX_BATCH_SIZE", file.max_batch_size, 0)?,
            max_concurrent_requests: number(
                env,
                "MAX_CONCURRENT_REQUESTS",
                file.max_concurrent_requests,
                128,
            )?,
            request_timeout: Duration::from_secs(number(
                env,
                "REQUEST_TIMEOUT_SECS",
                file.request_timeout_secs,
                10,
            )?),
            header_read_timeout: Duration::from_secs(number(
                env,
                "HEADER_READ_TIMEOUT_SECS",
                file.header_read_timeout_secs,
                5,
            )?),
            cors_allowed_origins: origins,
            shutdown_delay: Duration::from_millis(number(
                env,
                "SHUTDOWN_DELAY_MS",
                file.shutdown_delay_ms,
                5_000,
            )?),
            shutdown_timeout: Duration::from_secs(number(
                env,
                "SHUTDOWN_TIMEOUT_SECS",
                file.shutdown_timeout_secs,
                30,
            )?),
            limits,
        };
        serving.validate()
    }

    fn validate(self) -> Result<Self, ConfigError> {
        let invalid = |key, message: &str| ConfigError::Invalid {
            key,
            message: message.to_owned(),
        };
        if self.max_body_bytes < 1024 {
            return Err(invalid("MAX_BODY_BYTES", "must be at least 1024"));
        }
        if self.max_batch_size > MAX_BATCH_SIZE {
            return Err(invalid("MAX_BATCH_SIZE", "must be between 0 (off) and 10"));
        }
        if self.max_concurrent_requests == 0 {
            return Err(invalid("MAX_CONCURRENT_REQUESTS", "must be at least 1"));
        }
        if self.request_timeout.is_zero() {
            return Err(invalid("REQUEST_TIMEOUT_SECS", "must be at least 1"));
        }
        if self.header_read_timeout.is_zero() {
            return Err(invalid("HEADER_READ_TIMEOUT_SECS", "must be at least 1"));
        }
        if self.shutdown_timeout.is_zero() {
            return Err(invalid("SHUTDOWN_TIMEOUT_SECS", "must be at least 1"));
        }
        if let Some(origin) = self
            .cors_allowed_origins
            .iter()
            .find(|origin| !(origin.starts_with("https://") || origin.starts_with("http://")))
        {
            return Err(ConfigError::Invalid {
                key: "CORS_ALLOWED_ORIGINS",
                message: format!(
                    "`{origin}` is not an origin like https://app.example.org (`*` is never allowed)"
                ),
            });
        }
        let limits = &self.limits;
        for (key, value) in [
            ("MAX_QUERY_CHARS", limits.max_chars as u64),
            ("MAX_QUERY_DEPTH", limits.max_depth as u64),
            ("MAX_RECURSIVE_DEPTH", limits.max_recursive_depth as u64),
            ("MAX_QUERY_COMPLEXITY", limits.max_complexity),
        ] {
            if value == 0 {
                return Err(invalid(key, "must be at least 1"));
            }
        }
        Ok(self)
    }
}
