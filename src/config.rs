//! Typed configuration, read once at start-up from an optional TOML file and then the
//! environment (the environment wins), and validated before anything starts.

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

mod rate_limits;
mod serving;
pub use rate_limits::{BucketLimit, RateLimitConfig};
pub use serving::{QueryLimits, ServingConfig};

/// A value that must never be printed (database URLs carry passwords).
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://FILE?mode=rwc` or `postgres://…`.
    pub database_url: Secret,
    pub listen_addr: SocketAddr,
    /// Maximum connections in the database pool.
    pub db_max_connections: u32,
    /// PostgreSQL cancels a statement running longer (`statement_timeout`).
    pub db_statement_timeout: Duration,
    /// How long a request waits for a pooled connection (or a new one to open).
    pub db_acquire_timeout: Duration,
    /// PostgreSQL's `max_parallel_workers_per_gather` for the hub's sessions.
    pub db_parallel_workers: u32,
    /// Page size when a connection is asked for without `first`/`last`.
    pub default_page_size: u64,
    /// Largest `first`/`last` accepted.
    pub max_page_size: u64,
    /// Dashboard counts of fewer people than this are suppressed for viewers who could
    /// not list those people (API clients).
    pub small_cell_threshold: u64,
    /// How long a DataLoader collects keys before it sends one batched statement.
    pub dataloader_delay: Duration,
    /// Demo mode: GraphiQL on `GET /graphql` and demo data on request.
    pub demo: bool,
    /// How access and refresh tokens are signed, checked and how long they live.
    pub jwt: JwtConfig,
    /// Password of the demo accounts; a random one is printed at start when unset.
    pub demo_password: Option<Secret>,
    /// Body, batch and query limits, load shedding, timeouts, CORS, shutdown.
    pub serving: ServingConfig,
    /// Token buckets per user, client and address; sign-in attempts.
    pub rate_limits: RateLimitConfig,
    /// `*.graphql` files registered as trusted documents when `serve` starts.
    pub trusted_documents_dir: Option<PathBuf>,
    /// When the ticker expires volunteer points (`POINTS_EXPIRY`: `never`, the
    /// default, `months:N` or `year-end`).
    pub points_expiry: crate::domain::points_expiry::ExpiryRule,
    /// How many households one party member looks after at most (党员联系户).
    pub liaison_max_households: u32,
}

/// Signing of access tokens (JWT) and lifetimes of tokens.
#[derive(Clone, Debug)]
pub struct JwtConfig {
    pub algorithm: JwtAlgorithm,
    /// HS256 key, at least 32 bytes. Outside demo mode it must be set (see
    /// [`Config::require_production_keys`]); otherwise a random one is made per process.
    pub secret: Option<Secret>,
    /// PEM private key (PKCS#8) for EdDSA and RS256.
    pub private_key_file: Option<PathBuf>,
    /// PEM public key (SPKI) for EdDSA and RS256.
    pub public_key_file: Option<PathBuf>,
    pub issuer: String,
    pub audience: String,
    /// Lifetime of access tokens, at most 15 minutes.
    pub access_ttl: Duration,
    /// Lifetime of refresh tokens.
    pub refresh_ttl: Duration,
}

/// The one algorithm access tokens are signed with; tokens of any other are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JwtAlgorithm {
    HS256,
    EdDSA,
    RS256,
}

/// The shortest HS256 key accepted (RFC 7518 §3.2: at least the hash size).
pub const MIN_HS256_SECRET_BYTES: usize = 32;

/// The file layout: every key optional, same names as the environment in lower case.
/// (`deny_unknown_fields` does not combine with `flatten`: `unknown` collects the rest.)
#[derive(Debug, Default, Deserialize)]
struct FileConfig {
    database_url: Option<Secret>,
    listen_addr: Option<String>,
    db_max_connections: Option<u32>,
    db_statement_timeout_ms: Option<u64>,
    db_acquire_timeout_ms: Option<u64>,
    db_parallel_workers: Option<u32>,
    default_page_size: Option<u64>,
    max_page_size: Option<u64>,
    small_cell_threshold: Option<u64>,
    dataloader_delay_ms: Option<u64>,
    jwt_algorithm: Option<String>,
    jwt_secret: Option<Secret>,
    jwt_private_key_file: Option<PathBuf>,
    jwt_public_key_file: Option<PathBuf>,
    jwt_issuer: Option<String>,
    jwt_audience: Option<String>,
    access_token_ttl_secs: Option<u64>,
    refresh_token_ttl_secs: Option<u64>,
    demo_password: Option<Secret>,
    trusted_documents_dir: Option<PathBuf>,
    points_expiry: Option<String>,
    liaison_max_households: Option<u32>,
    #[serde(flatten)]
    serving: serving::ServingFile,
    #[serde(flatten)]
    rate_limits: rate_limits::RateLimitFile,
    #[serde(flatten)]
    unknown: HashMap<String, toml::Value>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("config file {path}: {message}")]
    Parse { path: String, message: String },
    #[error("{key}: {message}")]
    Invalid { key: &'static str, message: String },
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://community-hub.db?mode=rwc";

impl Config {
    /// Reads `file` (if any), then overrides from `env`, then validates.
    pub fn load(file: Option<&Path>, env: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let mut from_file = match file {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        let jwt = jwt_config(env, &mut from_file)?;
        let serving = ServingConfig::load(env, std::mem::take(&mut from_file.serving))?;
        let rate_limits = RateLimitConfig::load(
            env,
            std::mem::take(&mut from_file.rate_limits),
            serving.limits.max_complexity,
        )?;
        let database_url = env
            .get("DATABASE_URL")
            .map(Secret::new)
            .or(from_file.database_url)
            .unwrap_or_else(|| Secret::new(DEFAULT_DATABASE_URL));
        let listen_addr = env
            .get("LISTEN_ADDR")
            .cloned()
            .or(from_file.listen_addr)
            .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let config = Config {
            database_url: normalise_database_url(database_url)?,
            listen_addr: listen_addr.parse().map_err(|_| ConfigError::Invalid {
                key: "LISTEN_ADDR",
                message: format!("`{listen_addr}` is not an address like 127.0.0.1:8080"),
            })?,
            db_max_connections: number(
                env,
                "DB_MAX_CONNECTIONS",
                from_file.db_max_connections,
                16,
            )?,
            db_statement_timeout: Duration::from_millis(number(
                env,
                "DB_STATEMENT_TIMEOUT_MS",
                from_file.db_statement_timeout_ms,
                5_000,
            )?),
            db_acquire_timeout: Duration::from_millis(number(
                env,
                "DB_ACQUIRE_TIMEOUT_MS",
                from_file.db_acquire_timeout_ms,
                3_000,
            )?),
            // None: the hub already runs a request's independent statements at once,
            // one pooled connection each (a dashboard's groups), so parallel workers
            // would only compete with them for the same cores (bench/README.md).
            db_parallel_workers: number(
                env,
                "DB_PARALLEL_WORKERS",
                from_file.db_parallel_workers,
                0,
            )?,
            default_page_size: number(env, "DEFAULT_PAGE_SIZE", from_file.default_page_size, 20)?,
            max_page_size: number(env, "MAX_PAGE_SIZE", from_file.max_page_size, 100)?,
            small_cell_threshold: number(
                env,
                "SMALL_CELL_THRESHOLD",
                from_file.small_cell_threshold,
                5,
            )?,
            // 0: batches close on polls of their request (graphql/batches.rs), so a
            // timer adds only latency (bench/ (a): 2 ms per level).
            dataloader_delay: Duration::from_millis(number(
                env,
                "DATALOADER_DELAY_MS",
                from_file.dataloader_delay_ms,
                0,
            )?),
            demo: false,
            jwt,
            demo_password: env
                .get("DEMO_PASSWORD")
                .map(Secret::new)
                .or(from_file.demo_password),
            serving,
            rate_limits,
            trusted_documents_dir: env
                .get("TRUSTED_DOCUMENTS_DIR")
                .map(PathBuf::from)
                .or(from_file.trusted_documents_dir),
            points_expiry: points_expiry(env, from_file.points_expiry.as_deref())?,
            liaison_max_households: number(
                env,
                "LIAISON_MAX_HOUSEHOLDS",
                from_file.liaison_max_households,
                10,
            )?,
        };
        config.validate()
    }

    /// Refuses to serve real traffic with a per-process random signing key: tokens
    /// would fail after a restart and on every other instance.
    pub fn require_production_keys(&self) -> Result<(), ConfigError> {
        if self.jwt.algorithm == JwtAlgorithm::HS256 && self.jwt.secret.is_none() {
            return Err(ConfigError::Invalid {
                key: "JWT_SECRET",
                message: format!(
                    "required outside demo mode: at least {MIN_HS256_SECRET_BYTES} random \
                     bytes (e.g. `openssl rand -base64 48`), the same on every instance"
                ),
            });
        }
        Ok(())
    }

    fn validate(self) -> Result<Self, ConfigError> {
        let invalid = |key, message: &str| ConfigError::Invalid {
            key,
            message: message.to_owned(),
        };
        if self.db_max_connections == 0 {
            return Err(invalid("DB_MAX_CONNECTIONS", "must be at least 1"));
        }
        if self.db_statement_timeout.is_zero() {
            return Err(invalid("DB_STATEMENT_TIMEOUT_MS", "must be at least 1"));
        }
        if self.db_acquire_timeout.is_zero() {
            return Err(invalid("DB_ACQUIRE_TIMEOUT_MS", "must be at least 1"));
        }
        if !(2..=100).contains(&self.small_cell_threshold) {
            return Err(invalid("SMALL_CELL_THRESHOLD", "must be between 2 and 100"));
        }
        if self.max_page_size == 0 || self.max_page_size > 1000 {
            return Err(invalid("MAX_PAGE_SIZE", "must be between 1 and 1000"));
        }
        if self.default_page_size == 0 || self.default_page_size > self.max_page_size {
            return Err(invalid(
                "DEFAULT_PAGE_SIZE",
                "must be between 1 and MAX_PAGE_SIZE",
            ));
        }
        if self.dataloader_delay > Duration::from_millis(100) {
            return Err(invalid("DATALOADER_DELAY_MS", "must be at most 100"));
        }
        if !(1..=100).contains(&self.liaison_max_households) {
            return Err(invalid(
                "LIAISON_MAX_HOUSEHOLDS",
                "must be between 1 and 100",
            ));
        }
        self.jwt.validate()?;
        Ok(self)
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.expose().starts_with("sqlite:")
    }
}

impl JwtConfig {
    fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |key, message: &str| ConfigError::Invalid {
            key,
            message: message.to_owned(),
        };
        let secs = |ttl: Duration| ttl.as_secs();
        if !(60..=900).contains(&secs(self.access_ttl)) {
            return Err(invalid(
                "ACCESS_TOKEN_TTL_SECS",
                "must be between 60 and 900 (15 minutes)",
            ));
        }
        if !(secs(self.access_ttl)..=90 * 86_400).contains(&secs(self.refresh_ttl)) {
            return Err(invalid(
                "REFRESH_TOKEN_TTL_SECS",
                "must be between ACCESS_TOKEN_TTL_SECS and 7776000 (90 days)",
            ));
        }
        if self.issuer.is_empty() {
            return Err(invalid("JWT_ISSUER", "must not be empty"));
        }
        if self.audience.is_empty() {
            return Err(invalid("JWT_AUDIENCE", "must not be empty"));
        }
        match self.algorithm {
            JwtAlgorithm::HS256 => {
                if let Some(secret) = &self.secret
                    && secret.expose().len() < MIN_HS256_SECRET_BYTES
                {
                    return Err(invalid(
                        "JWT_SECRET",
                        "must be at least 32 bytes (e.g. `openssl rand -base64 48`)",
                    ));
                }
                if self.private_key_file.is_some() || self.public_key_file.is_some() {
                    return Err(invalid(
                        "JWT_PRIVATE_KEY_FILE",
                        "key files are for EdDSA and RS256; HS256 uses JWT_SECRET",
                    ));
                }
            }
            JwtAlgorithm::EdDSA | JwtAlgorithm::RS256 => {
                if self.private_key_file.is_none() {
                    return Err(invalid(
                        "JWT_PRIVATE_KEY_FILE",
                        "required for EdDSA and RS256",
                    ));
                }
                if self.public_key_file.is_none() {
                    return Err(invalid(
                        "JWT_PUBLIC_KEY_FILE",
                        "required for EdDSA and RS256",
                    ));
                }
            }
        }
        Ok(())
    }
}

fn jwt_config(
    env: &HashMap<String, String>,
    file: &mut FileConfig,
) -> Result<JwtConfig, ConfigError> {
    let algorithm = match text(env, "JWT_ALGORITHM", file.jwt_algorithm.take()) {
        None => JwtAlgorithm::HS256,
        Some(name) => match name.trim() {
            "HS256" => JwtAlgorithm::HS256,
            "EdDSA" => JwtAlgorithm::EdDSA,
            "RS256" => JwtAlgorithm::RS256,
            other => {
                return Err(ConfigError::Invalid {
                    key: "JWT_ALGORITHM",
                    message: format!("`{other}` is not one of HS256, EdDSA, RS256"),
                });
            }
        },
    };
    let path = |key, from_file: Option<PathBuf>| env.get(key).map(PathBuf::from).or(from_file);
    Ok(JwtConfig {
        algorithm,
        secret: env
            .get("JWT_SECRET")
            .map(Secret::new)
            .or(file.jwt_secret.take()),
        private_key_file: path("JWT_PRIVATE_KEY_FILE", file.jwt_private_key_file.take()),
        public_key_file: path("JWT_PUBLIC_KEY_FILE", file.jwt_public_key_file.take()),
        issuer: text(env, "JWT_ISSUER", file.jwt_issuer.take())
            .unwrap_or_else(|| "community-hub".to_owned()),
        audience: text(env, "JWT_AUDIENCE", file.jwt_audience.take())
            .unwrap_or_else(|| "community-hub".to_owned()),
        access_ttl: Duration::from_secs(number(
            env,
            "ACCESS_TOKEN_TTL_SECS",
            file.access_token_ttl_secs,
            900,
        )?),
        refresh_ttl: Duration::from_secs(number(
            env,
            "REFRESH_TOKEN_TTL_SECS",
            file.refresh_token_ttl_secs,
            14 * 86_400,
        )?),
    })
}

fn text(env: &HashMap<String, String>, key: &str, from_file: Option<String>) -> Option<String> {
    env.get(key).cloned().or(from_file)
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: shown.clone(),
        source,
    })?;
    let parsed: FileConfig = toml::from_str(&text).map_err(|err| ConfigError::Parse {
        path: shown.clone(),
        message: err.message().to_owned(),
    })?;
    match parsed.unknown.keys().next() {
        Some(key) => Err(ConfigError::Parse {
            path: shown,
            message: format!("unknown key `{key}`"),
        }),
        None => Ok(parsed),
    }
}

fn points_expiry(
    env: &HashMap<String, String>,
    from_file: Option<&str>,
) -> Result<crate::domain::points_expiry::ExpiryRule, ConfigError> {
    let raw = env.get("POINTS_EXPIRY").map(String::as_str).or(from_file);
    crate::domain::points_expiry::ExpiryRule::parse(raw.unwrap_or("never")).map_err(|message| {
        ConfigError::Invalid {
            key: "POINTS_EXPIRY",
            message,
        }
    })
}

fn number<T: std::str::FromStr + Copy>(
    env: &HashMap<String, String>,
    key: &'static str,
    from_file: Option<T>,
    default: T,
) -> Result<T, ConfigError> {
    match env.get(key) {
        Some(raw) => raw.trim().parse().map_err(|_| ConfigError::Invalid {
            key,
            message: format!("`{raw}` is not a whole number"),
        }),
        None => Ok(from_file.unwrap_or(default)),
    }
}

/// Accepts `sqlite:` and `postgres(ql):` URLs; a SQLite file is created when missing.
fn normalise_database_url(url: Secret) -> Result<Secret, ConfigError> {
    let raw = url.expose();
    if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
        return Ok(url);
    }
    if let Some(rest) = raw.strip_prefix("sqlite:") {
        if rest.contains("mode=") {
            return Ok(url);
        }
        let separator = if rest.contains('?') { '&' } else { '?' };
        return Ok(Secret::new(format!("{raw}{separator}mode=rwc")));
    }
    Err(ConfigError::Invalid {
        key: "DATABASE_URL",
        message: "must start with sqlite: or postgres://".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_to_a_sqlite_file_in_the_working_directory() {
        let config = Config::load(None, &env(&[])).unwrap();
        assert_eq!(config.database_url.expose(), DEFAULT_DATABASE_URL);
        assert_eq!(config.listen_addr.to_string(), "127.0.0.1:8080");
    }

    #[test]
    fn sqlite_urls_get_create_mode() {
        let config = Config::load(None, &env(&[("DATABASE_URL", "sqlite://x.db")])).unwrap();
        assert_eq!(config.database_url.expose(), "sqlite://x.db?mode=rwc");
    }

    #[test]
    fn rejects_bad_values_with_the_key_named() {
        let err = Config::load(None, &env(&[("LISTEN_ADDR", "nowhere")])).unwrap_err();
        assert!(err.to_string().starts_with("LISTEN_ADDR"), "{err}");
        let err = Config::load(None, &env(&[("DATABASE_URL", "mysql://x")])).unwrap_err();
        assert!(err.to_string().starts_with("DATABASE_URL"), "{err}");
    }

    #[test]
    fn secrets_never_print() {
        let config = Config::load(
            None,
            &env(&[
                ("DATABASE_URL", "postgres://u:hunter2@h/db"),
                ("JWT_SECRET", "correct-horse-battery-staple-0123456789"),
            ]),
        )
        .unwrap();
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"));
        assert!(!shown.contains("correct-horse"));
    }

    #[test]
    fn signing_keys_are_required_outside_demo_mode() {
        let config = Config::load(None, &env(&[])).unwrap();
        let err = config.require_production_keys().unwrap_err();
        assert!(err.to_string().starts_with("JWT_SECRET"), "{err}");
        let config = Config::load(None, &env(&[("JWT_SECRET", &"k".repeat(32))])).unwrap();
        config.require_production_keys().unwrap();
    }

    #[test]
    fn serving_limits_have_documented_defaults_and_are_checked() {
        let serving = Config::load(None, &env(&[])).unwrap().serving;
        assert_eq!(serving.max_body_bytes, 256 * 1024);
        assert_eq!(serving.max_batch_size, 0);
        assert_eq!(serving.limits.max_depth, 10);
        assert_eq!(serving.limits.max_recursive_depth, 32);
        assert_eq!(serving.limits.max_aliases, 15);
        assert_eq!(serving.request_timeout, Duration::from_secs(10));
        assert!(serving.cors_allowed_origins.is_empty());
        for (pairs, key) in [
            (vec![("MAX_BATCH_SIZE", "11")], "MAX_BATCH_SIZE"),
            (vec![("CORS_ALLOWED_ORIGINS", "*")], "CORS_ALLOWED_ORIGINS"),
            (vec![("MAX_QUERY_DEPTH", "0")], "MAX_QUERY_DEPTH"),
        ] {
            let err = Config::load(None, &env(&pairs)).unwrap_err();
            assert!(err.to_string().starts_with(key), "{err}");
        }
    }

    #[test]
    fn config_files_take_serving_keys_and_refuse_unknown_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hub.toml");
        std::fs::write(
            &path,
            "max_batch_size = 5\ncors_allowed_origins = [\"https://a.example\"]\n",
        )
        .unwrap();
        let config = Config::load(Some(&path), &env(&[])).unwrap();
        assert_eq!(config.serving.max_batch_size, 5);
        assert_eq!(config.serving.cors_allowed_origins, ["https://a.example"]);
        std::fs::write(&path, "max_batch = 5\n").unwrap();
        let err = Config::load(Some(&path), &env(&[])).unwrap_err();
        assert!(err.to_string().contains("max_batch"), "{err}");
    }

    #[test]
    fn weak_or_incomplete_signing_settings_are_refused() {
        for (pairs, key) in [
            (vec![("JWT_SECRET", "short")], "JWT_SECRET"),
            (vec![("JWT_ALGORITHM", "none")], "JWT_ALGORITHM"),
            (vec![("JWT_ALGORITHM", "EdDSA")], "JWT_PRIVATE_KEY_FILE"),
            (
                vec![("ACCESS_TOKEN_TTL_SECS", "3600")],
                "ACCESS_TOKEN_TTL_SECS",
            ),
        ] {
            let err = Config::load(None, &env(&pairs)).unwrap_err();
            assert!(err.to_string().starts_with(key), "{err}");
        }
    }
}
