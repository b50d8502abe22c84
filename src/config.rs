//! Typed configuration, read once at start-up from an optional TOML file and then the
//! environment (the environment wins), and validated before anything starts.

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

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
    /// Page size when a connection is asked for without `first`/`last`.
    pub default_page_size: u64,
    /// Largest `first`/`last` accepted.
    pub max_page_size: u64,
    /// How long a DataLoader collects keys before it sends one batched statement.
    pub dataloader_delay: Duration,
    /// Demo mode: GraphiQL on `GET /graphql` and demo data on request.
    pub demo: bool,
}

/// The file layout: every key optional, same names as the environment in lower case.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<Secret>,
    listen_addr: Option<String>,
    db_max_connections: Option<u32>,
    default_page_size: Option<u64>,
    max_page_size: Option<u64>,
    dataloader_delay_ms: Option<u64>,
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
        let from_file = match file {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
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
            default_page_size: number(env, "DEFAULT_PAGE_SIZE", from_file.default_page_size, 20)?,
            max_page_size: number(env, "MAX_PAGE_SIZE", from_file.max_page_size, 100)?,
            dataloader_delay: Duration::from_millis(number(
                env,
                "DATALOADER_DELAY_MS",
                from_file.dataloader_delay_ms,
                2,
            )?),
            demo: false,
        };
        config.validate()
    }

    fn validate(self) -> Result<Self, ConfigError> {
        let invalid = |key, message: &str| ConfigError::Invalid {
            key,
            message: message.to_owned(),
        };
        if self.db_max_connections == 0 {
            return Err(invalid("DB_MAX_CONNECTIONS", "must be at least 1"));
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
        Ok(self)
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.expose().starts_with("sqlite:")
    }
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: shown.clone(),
        source,
    })?;
    toml::from_str(&text).map_err(|err| ConfigError::Parse {
        path: shown,
        message: err.message().to_owned(),
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
        let config =
            Config::load(None, &env(&[("DATABASE_URL", "postgres://u:hunter2@h/db")])).unwrap();
        assert!(!format!("{config:?}").contains("hunter2"));
    }
}
