//! Token buckets in Redis, shared by every instance. One Lua script reads, refills and
//! takes atomically, on Redis's own clock, so instances with skewed clocks agree.

use std::time::Duration;

use redis::Script;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::sync::OnceCell;

use super::Take;
use crate::config::BucketLimit;
use crate::error::{AppError, AppResult};

/// KEYS[1]: the bucket; ARGV: burst, tokens per second, cost. Returns {granted, wait
/// in ms}. Idle buckets expire once they would be full again.
const TAKE: &str = r"
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local granted = 0
local wait_ms = 0
if tokens >= cost then
  tokens = tokens - cost
  granted = 1
else
  wait_ms = math.ceil((cost - tokens) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.6f', now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return {granted, wait_ms}
";

/// KEYS[1]: a counter; ARGV[1]: its lifetime in seconds, set when it is created.
const COUNT: &str = r"
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
";

/// How long one bucket call may take before the instance limits on its own.
const TIMEOUT: Duration = Duration::from_millis(250);

pub struct RedisBuckets {
    client: redis::Client,
    /// Connected on first use, so a server starts while Redis is still down.
    connection: OnceCell<ConnectionManager>,
    prefix: String,
    script: Script,
    count: Script,
}

impl RedisBuckets {
    pub fn new(url: &str, prefix: &str) -> AppResult<Self> {
        let client = redis::Client::open(url)
            .map_err(|_| AppError::Internal("REDIS_URL is not a valid Redis URL".into()))?;
        Ok(RedisBuckets {
            client,
            connection: OnceCell::new(),
            prefix: prefix.to_owned(),
            script: Script::new(TAKE),
            count: Script::new(COUNT),
        })
    }

    /// The bucket's answer, or `None` when Redis did not give one in time.
    pub async fn take(&self, key: &str, limit: BucketLimit, cost: u64) -> Option<Take> {
        answer_in_time("rate limit", self.try_take(key, limit, cost)).await
    }

    /// Adds one to the counter `key` (created with `ttl_secs` to live); the count, or
    /// `None` when Redis did not answer in time.
    pub async fn count(&self, key: &str, ttl_secs: u64) -> Option<u64> {
        let counted = async {
            let mut connection = self.connection().await?.clone();
            let count: u64 = self
                .count
                .key(format!("{}{key}", self.prefix))
                .arg(ttl_secs)
                .invoke_async(&mut connection)
                .await?;
            Ok::<_, redis::RedisError>(count)
        };
        answer_in_time("quota", counted).await
    }

    async fn connection(&self) -> redis::RedisResult<&ConnectionManager> {
        self.connection
            .get_or_try_init(|| {
                let config = ConnectionManagerConfig::new()
                    .set_connection_timeout(Some(TIMEOUT))
                    .set_response_timeout(Some(TIMEOUT));
                ConnectionManager::new_with_config(self.client.clone(), config)
            })
            .await
    }

    async fn try_take(&self, key: &str, limit: BucketLimit, cost: u64) -> redis::RedisResult<Take> {
        let connection = self.connection().await?;
        let (granted, wait_ms): (i64, i64) = self
            .script
            .key(format!("{}{key}", self.prefix))
            .arg(limit.burst)
            .arg(limit.per_second())
            .arg(cost)
            .invoke_async(&mut connection.clone())
            .await?;
        Ok(if granted == 1 {
            Take::Granted
        } else {
            Take::Refused {
                retry_after_secs: (wait_ms.max(1) as u64).div_ceil(1000),
            }
        })
    }
}

/// What Redis answered within [`TIMEOUT`]; `None` (logged) when it failed or was slow,
/// and the caller falls back to counting in process.
async fn answer_in_time<T>(
    what: &str,
    call: impl Future<Output = redis::RedisResult<T>>,
) -> Option<T> {
    match tokio::time::timeout(TIMEOUT, call).await {
        Ok(Ok(answer)) => Some(answer),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "{what}: Redis failed; counting in process");
            None
        }
        Err(_) => {
            tracing::warn!("{what}: Redis timed out; counting in process");
            None
        }
    }
}
