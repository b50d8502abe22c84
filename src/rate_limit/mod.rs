//! Rate limits as token buckets. A request's GraphQL operation takes its estimated cost
//! from the bucket of who sent it (a user, an API client, or the address of an
//! anonymous caller); sign-in attempts take one token from the bucket of the account
//! name and one from that of the address. An empty bucket refuses with
//! `RATE_LIMITED` and the seconds until enough tokens are back.
//!
//! With `REDIS_URL` the buckets live in Redis, so every instance draws on the same
//! ones; without it, or while Redis does not answer, each instance keeps its own.

mod local;
mod quota;
mod redis_buckets;

use crate::access::audit::RequestMeta;
use crate::access::{PrincipalKind, Viewer};
use crate::config::{BucketLimit, RateLimitConfig};
use crate::error::{AppError, AppResult};

/// The answer of a bucket.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Take {
    Granted,
    /// Not enough tokens: this many seconds until there will be.
    Refused {
        retry_after_secs: u64,
    },
}

pub struct RateLimiter {
    config: RateLimitConfig,
    local: local::Buckets,
    quotas: quota::Counts,
    redis: Option<redis_buckets::RedisBuckets>,
}

/// What a sign-in attempt names: the account it is for.
pub enum SignIn<'a> {
    User(&'a str),
    Client(&'a str),
}

impl RateLimiter {
    pub fn new(config: &RateLimitConfig) -> AppResult<Self> {
        let redis = match &config.redis_url {
            Some(url) => Some(redis_buckets::RedisBuckets::new(
                url.expose(),
                &config.redis_prefix,
            )?),
            None => None,
        };
        Ok(RateLimiter {
            config: config.clone(),
            local: local::Buckets::default(),
            quotas: quota::Counts::default(),
            redis,
        })
    }

    /// Takes `cost` from the bucket of whoever sent the request.
    pub async fn take_cost(&self, viewer: &Viewer, meta: &RequestMeta, cost: u64) -> AppResult<()> {
        if !self.config.enabled {
            return Ok(());
        }
        let (key, limit) = match viewer {
            Viewer::System => return Ok(()),
            Viewer::Principal(principal) => match principal.kind {
                PrincipalKind::Client => {
                    (format!("cost:client:{}", principal.id), self.config.client)
                }
                PrincipalKind::User => (format!("cost:user:{}", principal.id), self.config.user),
            },
            Viewer::Anonymous => (format!("cost:ip:{}", address(meta)), self.config.anonymous),
        };
        self.take(&key, limit, cost.max(1)).await?;
        match viewer
            .principal()
            .and_then(|principal| principal.daily_quota)
        {
            Some(quota) => self.count_against(&key, quota).await,
            None => Ok(()),
        }
    }

    /// Counts one operation against a client's daily quota.
    async fn count_against(&self, key: &str, quota: u64) -> AppResult<()> {
        let (day, left) = quota::day(chrono::Utc::now());
        let key = format!("quota:{key}:{day}");
        let shared = match &self.redis {
            Some(redis) => redis.count(&key, left + 3_600).await,
            None => None,
        };
        let count = shared.unwrap_or_else(|| self.quotas.add(&key, &day));
        if count > quota {
            return Err(AppError::RateLimited {
                retry_after_secs: left,
            });
        }
        Ok(())
    }

    /// Takes one attempt from the account's bucket and one from the address's.
    pub async fn take_sign_in(&self, attempt: SignIn<'_>, meta: &RequestMeta) -> AppResult<()> {
        if !self.config.enabled {
            return Ok(());
        }
        let account = match attempt {
            SignIn::User(name) => format!("signin:user:{name}"),
            SignIn::Client(id) => format!("signin:client:{id}"),
        };
        let address = format!("signin:ip:{}", address(meta));
        self.take(&address, self.config.sign_in_address, 1).await?;
        self.take(&account, self.config.sign_in_account, 1).await
    }

    async fn take(&self, key: &str, limit: BucketLimit, cost: u64) -> AppResult<()> {
        let cost = cost.min(limit.burst);
        let shared = match &self.redis {
            Some(redis) => redis.take(key, limit, cost).await,
            None => None,
        };
        // Redis unreachable: each instance limits on its own rather than not at all.
        let taken = match shared {
            Some(taken) => taken,
            None => self.local.take(key, limit, cost),
        };
        match taken {
            Take::Granted => Ok(()),
            Take::Refused { retry_after_secs } => Err(AppError::RateLimited { retry_after_secs }),
        }
    }
}

/// The caller's address, as the connection saw it (a proxy in front would need to
/// be trusted explicitly before its `X-Forwarded-For` could count).
fn address(meta: &RequestMeta) -> &str {
    meta.client_ip.as_deref().unwrap_or("unknown")
}
