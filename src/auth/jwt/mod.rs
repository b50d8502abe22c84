//! Access tokens: short-lived JWTs, signed and checked as RFC 8725 asks.
//!
//! One algorithm, fixed by configuration, is accepted (the header's `alg` never chooses
//! the key); the header must say `typ: at+jwt` (RFC 9068); `iss`, `aud`, `sub`, `exp`,
//! `nbf`, `iat`, `jti` and `ver` must all be present and right; 30 s of clock leeway;
//! tokens over 8 KiB are refused before they are parsed. Times are wall-clock (the
//! library checks against the system time), never the hub's pinnable [`Clock`].
//!
//! [`Clock`]: crate::domain::clock::Clock

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::jwk::{Jwk, PublicKeyUse, ThumbprintHash};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::config::{JwtAlgorithm, JwtConfig};
use crate::error::{AppError, AppResult};

/// The `typ` header of an access token (RFC 9068).
pub const TOKEN_TYPE: &str = "at+jwt";
/// Longest token looked at.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;
/// Clock skew tolerated on `exp`, `nbf` and `iat`.
pub const LEEWAY_SECS: u64 = 30;

/// Who a token is about: `user:ID` or `client:ID` in the `sub` claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    User(i32),
    Client(i32),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::User(id) => write!(f, "user:{id}"),
            Subject::Client(id) => write!(f, "client:{id}"),
        }
    }
}

impl Subject {
    pub fn parse(sub: &str) -> Option<Subject> {
        let (kind, id) = sub.split_once(':')?;
        let id: i32 = id.parse().ok().filter(|id| *id > 0)?;
        match kind {
            "user" => Some(Subject::User(id)),
            "client" => Some(Subject::Client(id)),
            _ => None,
        }
    }
}

/// The claims of an access token; every one is required.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: String,
    exp: u64,
    nbf: u64,
    iat: u64,
    jti: String,
    /// The account's `token_version` when the token was issued.
    ver: i32,
}

/// A signed access token and when it stops working.
#[derive(Clone, Debug)]
pub struct AccessToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// What a valid token says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified {
    pub subject: Subject,
    pub version: i32,
    /// When the token stops working (a WebSocket opened with it closes then).
    pub expires_at: DateTime<Utc>,
}

/// Why a token was refused (for logs and tests; clients only hear "invalid token").
#[derive(Debug, thiserror::Error)]
#[error("token rejected: {0}")]
pub struct Rejected(String);

/// The signing and verifying keys, with the validation rules fixed at start-up.
pub struct JwtKeys {
    algorithm: Algorithm,
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    key_id: Option<String>,
    issuer: String,
    audience: String,
    ttl: Duration,
    jwks: serde_json::Value,
}

impl JwtKeys {
    /// Keys as configured. HS256 without a secret gets a random per-process one (demo
    /// and tests only: `serve` refuses that outside demo mode).
    pub fn from_config(config: &JwtConfig) -> AppResult<JwtKeys> {
        match config.algorithm {
            JwtAlgorithm::HS256 => match &config.secret {
                Some(secret) => JwtKeys::hs256(config, secret.expose().as_bytes()),
                None => {
                    tracing::warn!(
                        "JWT_SECRET not set: signing with a random per-process key; \
                         tokens will not survive a restart"
                    );
                    JwtKeys::hs256(config, &super::random::bytes(32))
                }
            },
            JwtAlgorithm::EdDSA | JwtAlgorithm::RS256 => {
                let read = |key: &str, path: &Option<std::path::PathBuf>| {
                    let path = path
                        .as_deref()
                        .ok_or_else(|| config_error(key, "not set"))?;
                    std::fs::read(path).map_err(|err| {
                        config_error(key, &format!("cannot read {}: {err}", path.display()))
                    })
                };
                let private = read("JWT_PRIVATE_KEY_FILE", &config.private_key_file)?;
                let public = read("JWT_PUBLIC_KEY_FILE", &config.public_key_file)?;
                JwtKeys::asymmetric(config, &private, &public)
            }
        }
    }

    /// HS256 keys from a secret of at least 32 bytes.
    pub fn hs256(config: &JwtConfig, secret: &[u8]) -> AppResult<JwtKeys> {
        if secret.len() < crate::config::MIN_HS256_SECRET_BYTES {
            return Err(config_error("JWT_SECRET", "must be at least 32 bytes"));
        }
        let encoding = EncodingKey::from_secret(secret);
        let decoding = DecodingKey::from_secret(secret);
        Ok(JwtKeys::assemble(
            config,
            Algorithm::HS256,
            encoding,
            decoding,
            None,
        ))
    }

    /// EdDSA or RS256 keys from PEM: PKCS#8 private key, SPKI public key.
    pub fn asymmetric(config: &JwtConfig, private: &[u8], public: &[u8]) -> AppResult<JwtKeys> {
        let bad = |key, err: jsonwebtoken::errors::Error| config_error(key, &err.to_string());
        let (algorithm, encoding, decoding) = match config.algorithm {
            JwtAlgorithm::EdDSA => (
                Algorithm::EdDSA,
                EncodingKey::from_ed_pem(private).map_err(|e| bad("JWT_PRIVATE_KEY_FILE", e))?,
                DecodingKey::from_ed_pem(public).map_err(|e| bad("JWT_PUBLIC_KEY_FILE", e))?,
            ),
            JwtAlgorithm::RS256 => (
                Algorithm::RS256,
                EncodingKey::from_rsa_pem(private).map_err(|e| bad("JWT_PRIVATE_KEY_FILE", e))?,
                DecodingKey::from_rsa_pem(public).map_err(|e| bad("JWT_PUBLIC_KEY_FILE", e))?,
            ),
            JwtAlgorithm::HS256 => {
                return Err(config_error("JWT_ALGORITHM", "HS256 takes a secret"));
            }
        };
        let mut jwk = Jwk::from_encoding_key(&encoding, algorithm)
            .map_err(|e| bad("JWT_PRIVATE_KEY_FILE", e))?;
        let kid = jwk
            .thumbprint(ThumbprintHash::SHA256)
            .map_err(|e| bad("JWT_PRIVATE_KEY_FILE", e))?;
        jwk.common.key_id = Some(kid);
        jwk.common.public_key_use = Some(PublicKeyUse::Signature);
        let keys = JwtKeys::assemble(config, algorithm, encoding, decoding, Some(jwk));
        keys.check_pair()?;
        Ok(keys)
    }

    fn assemble(
        config: &JwtConfig,
        algorithm: Algorithm,
        encoding: EncodingKey,
        decoding: DecodingKey,
        jwk: Option<Jwk>,
    ) -> JwtKeys {
        let mut validation = Validation::new(algorithm);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        validation.set_issuer(&[&config.issuer]);
        validation.set_audience(&[&config.audience]);
        JwtKeys {
            algorithm,
            encoding,
            decoding,
            validation,
            key_id: jwk.as_ref().and_then(|jwk| jwk.common.key_id.clone()),
            issuer: config.issuer.clone(),
            audience: config.audience.clone(),
            ttl: config.access_ttl,
            jwks: json!({ "keys": jwk.into_iter().collect::<Vec<_>>() }),
        }
    }

    /// A private key that does not match the public key would issue tokens nobody
    /// accepts: find out at start-up.
    fn check_pair(&self) -> AppResult<()> {
        let probe = self.issue(Subject::User(1), 0)?;
        self.verify(&probe.token)
            .map(|_| ())
            .map_err(|_| config_error("JWT_PUBLIC_KEY_FILE", "does not match JWT_PRIVATE_KEY_FILE"))
    }

    /// A fresh access token for `subject` at account version `version`.
    pub fn issue(&self, subject: Subject, version: i32) -> AppResult<AccessToken> {
        self.issue_lasting(subject, version, self.ttl)
    }

    /// A token that lasts `ttl`, which the caller keeps within the configured one.
    pub fn issue_lasting(
        &self,
        subject: Subject,
        version: i32,
        ttl: std::time::Duration,
    ) -> AppResult<AccessToken> {
        let now = jsonwebtoken::get_current_timestamp();
        let exp = now + ttl.min(self.ttl).as_secs();
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: subject.to_string(),
            exp,
            nbf: now,
            iat: now,
            jti: super::random::hex_id(),
            ver: version,
        };
        let token = jsonwebtoken::encode(&self.header(), &claims, &self.encoding)
            .map_err(|err| AppError::Internal(format!("signing a token: {err}")))?;
        let expires_at = DateTime::from_timestamp(exp as i64, 0)
            .ok_or_else(|| AppError::Internal("token expiry out of range".into()))?;
        Ok(AccessToken { token, expires_at })
    }

    fn header(&self) -> Header {
        let mut header = Header::new(self.algorithm);
        header.typ = Some(TOKEN_TYPE.to_owned());
        header.kid = self.key_id.clone();
        header
    }

    /// The subject and account version of a valid token.
    pub fn verify(&self, token: &str) -> Result<Verified, Rejected> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(Rejected("token too large".into()));
        }
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|err| Rejected(format!("{:?}", err.kind())))?;
        if data.header.typ.as_deref() != Some(TOKEN_TYPE) {
            return Err(Rejected("typ is not at+jwt".into()));
        }
        let claims = data.claims;
        if claims.iat > jsonwebtoken::get_current_timestamp() + LEEWAY_SECS {
            return Err(Rejected("issued in the future".into()));
        }
        if claims.jti.is_empty() {
            return Err(Rejected("empty jti".into()));
        }
        let subject = Subject::parse(&claims.sub).ok_or_else(|| Rejected("bad sub".into()))?;
        let expires_at = DateTime::from_timestamp(claims.exp as i64, 0)
            .ok_or_else(|| Rejected("exp out of range".into()))?;
        Ok(Verified {
            subject,
            version: claims.ver,
            expires_at,
        })
    }

    /// The JWK set to publish: the public key for EdDSA/RS256, nothing for HS256.
    pub fn jwks(&self) -> serde_json::Value {
        self.jwks.clone()
    }

    /// Signs arbitrary claims with this key (tests craft bad tokens with it).
    #[cfg(test)]
    fn sign_raw(&self, header: &Header, claims: &serde_json::Value) -> String {
        jsonwebtoken::encode(header, claims, &self.encoding).unwrap()
    }
}

fn config_error(key: &str, message: &str) -> AppError {
    AppError::Internal(format!("configuration: {key}: {message}"))
}

#[cfg(test)]
mod tests;
