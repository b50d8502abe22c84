//! Rate-limit settings: token buckets per signed-in user, per API client and per
//! address of anonymous callers (counting each operation's estimated cost), and the
//! stricter buckets of sign-in attempts per account and per address. Shared through
//! Redis when `REDIS_URL` is set.

use std::collections::HashMap;

use serde::Deserialize;

use super::{ConfigError, Secret, number, text};

/// A token bucket: holds at most `burst` tokens and gains `per_minute` a minute.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BucketLimit {
    pub burst: u64,
    pub per_minute: u64,
}

impl BucketLimit {
    pub fn per_second(&self) -> f64 {
        self.per_minute as f64 / 60.0
    }
}

#[derive(Clone, Debug)]
pub struct RateLimitConfig {
    /// Off only for benchmarks and tests that are not about rate limits.
    pub enabled: bool,
    /// Operation cost of a signed-in user's requests.
    pub user: BucketLimit,
    /// Operation cost of an API client's requests (an app serves many people).
    pub client: BucketLimit,
    /// Operation cost of anonymous requests, per address.
    pub anonymous: BucketLimit,
    /// Sign-in attempts (`login`, `clientToken`) per account name.
    pub sign_in_account: BucketLimit,
    /// Sign-in attempts per address.
    pub sign_in_address: BucketLimit,
    /// Shares the buckets between instances; in-process buckets without it.
    pub redis_url: Option<Secret>,
    /// Prefix of every Redis key, so several deployments can share one Redis.
    pub redis_prefix: String,
}

/// The file keys of this part (same names as the environment, lower case).
#[derive(Debug, Default, Deserialize)]
pub(super) struct RateLimitFile {
    rate_limits: Option<String>,
    rate_limit_user_burst: Option<u64>,
    rate_limit_user_per_minute: Option<u64>,
    rate_limit_client_burst: Option<u64>,
    rate_limit_client_per_minute: Option<u64>,
    rate_limit_anonymous_burst: Option<u64>,
    rate_limit_anonymous_per_minute: Option<u64>,
    sign_in_account_burst: Option<u64>,
    sign_in_account_per_minute: Option<u64>,
    sign_in_address_burst: Option<u64>,
    sign_in_address_per_minute: Option<u64>,
    redis_url: Option<Secret>,
    redis_prefix: Option<String>,
}

impl RateLimitConfig {
    /// `max_complexity` is the most one operation may cost: a cost bucket smaller than
    /// that would refuse some valid operations for ever.
    pub(super) fn load(
        env: &HashMap<String, String>,
        file: RateLimitFile,
        max_complexity: u64,
    ) -> Result<Self, ConfigError> {
        // (key, value in the file, default) of a bucket's burst and of its rate.
        type Setting = (&'static str, Option<u64>, u64);
        let bucket = |(burst_key, burst_file, burst): Setting,
                      (rate_key, rate_file, rate): Setting| {
            let limit = BucketLimit {
                burst: number(env, burst_key, burst_file, burst)?,
                per_minute: number(env, rate_key, rate_file, rate)?,
            };
            if limit.burst == 0 || limit.per_minute == 0 {
                return Err(ConfigError::Invalid {
                    key: burst_key,
                    message: "burst and rate must be at least 1 (RATE_LIMITS=off turns limits off)"
                        .into(),
                });
            }
            Ok(limit)
        };
        let enabled = match text(env, "RATE_LIMITS", file.rate_limits).as_deref() {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    key: "RATE_LIMITS",
                    message: format!("`{other}` is neither `on` nor `off`"),
                });
            }
        };
        let cost = |burst: Setting, rate: Setting| {
            let limit = bucket(burst, rate)?;
            if limit.burst < max_complexity {
                return Err(ConfigError::Invalid {
                    key: burst.0,
                    message: format!(
                        "must hold the costliest operation allowed (MAX_QUERY_COMPLEXITY = {max_complexity})"
                    ),
                });
            }
            Ok(limit)
        };
        let config = RateLimitConfig {
            enabled,
            user: cost(
                (
                    "RATE_LIMIT_USER_BURST",
                    file.rate_limit_user_burst,
                    max_complexity.max(250_000),
                ),
                (
                    "RATE_LIMIT_USER_PER_MINUTE",
                    file.rate_limit_user_per_minute,
                    1_500_000,
                ),
            )?,
            client: cost(
                (
                    "RATE_LIMIT_CLIENT_BURST",
                    file.rate_limit_client_burst,
                    max_complexity.max(1_000_000),
                ),
                (
                    "RATE_LIMIT_CLIENT_PER_MINUTE",
                    file.rate_limit_client_per_minute,
                    6_000_000,
                ),
            )?,
            anonymous: bucket(
                (
                    "RATE_LIMIT_ANONYMOUS_BURST",
                    file.rate_limit_anonymous_burst,
                    1_000,
                ),
                (
                    "RATE_LIMIT_ANONYMOUS_PER_MINUTE",
                    file.rate_limit_anonymous_per_minute,
                    6_000,
                ),
            )?,
            sign_in_account: bucket(
                ("SIGN_IN_ACCOUNT_BURST", file.sign_in_account_burst, 5),
                (
                    "SIGN_IN_ACCOUNT_PER_MINUTE",
                    file.sign_in_account_per_minute,
                    5,
                ),
            )?,
            sign_in_address: bucket(
                ("SIGN_IN_ADDRESS_BURST", file.sign_in_address_burst, 20),
                (
                    "SIGN_IN_ADDRESS_PER_MINUTE",
                    file.sign_in_address_per_minute,
                    20,
                ),
            )?,
            redis_url: env.get("REDIS_URL").map(Secret::new).or(file.redis_url),
            redis_prefix: text(env, "REDIS_PREFIX", file.redis_prefix)
                .unwrap_or_else(|| "hub:".to_owned()),
        };
        if let Some(url) = &config.redis_url
            && !(url.expose().starts_with("redis://") || url.expose().starts_with("rediss://"))
        {
            return Err(ConfigError::Invalid {
                key: "REDIS_URL",
                message: "must be a redis:// URL".into(),
            });
        }
        Ok(config)
    }
}
