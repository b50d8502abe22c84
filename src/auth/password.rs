//! Password (and client secret) hashing with Argon2id, default parameters (m = 19 MiB,
//! t = 2, p = 1: the OWASP baseline), stored as PHC strings.
//!
//! Hashing takes tens of milliseconds of CPU on purpose, so the async wrappers run it on
//! the blocking pool. Checking a credential of an account that does not exist still
//! spends one verification, so response times do not reveal which usernames exist.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::{AppError, AppResult};

/// Longest password or secret accepted; longer input is refused before hashing.
pub const MAX_LEN: usize = 1024;

/// The PHC string of `password`, with a fresh random salt.
pub fn hash(password: &str) -> AppResult<String> {
    if password.len() > MAX_LEN {
        return Err(AppError::bad_input("password too long"));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|err| AppError::Internal(format!("argon2 hash: {err}")))
}

/// Whether `password` matches `stored`. With no stored hash (unknown account) the
/// password is checked against a dummy hash, so the answer takes as long and is `false`.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let known = stored.is_some();
    let phc = stored.unwrap_or_else(|| dummy_hash());
    let Ok(parsed) = PasswordHash::new(phc) else {
        tracing::error!("stored password hash is not a PHC string");
        return false;
    };
    let password = if password.len() > MAX_LEN {
        ""
    } else {
        password
    };
    let matches = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    known && matches
}

/// [`hash`] on the blocking pool.
pub async fn hash_blocking(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|err| AppError::Internal(format!("hash task: {err}")))?
}

/// [`verify`] on the blocking pool.
pub async fn verify_blocking(password: String, stored: Option<String>) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || verify(&password, stored.as_deref()))
        .await
        .map_err(|err| AppError::Internal(format!("verify task: {err}")))
}

/// A hash of a random password, made once, with the same parameters as real ones.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let password = super::random::token(16);
        hash(&password).expect("hashing a short random password cannot fail")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery staple").unwrap();
        assert!(stored.starts_with("$argon2id$v=19$"), "{stored}");
        assert!(verify("correct horse battery staple", Some(&stored)));
        assert!(!verify("correct horse battery stapl", Some(&stored)));
        assert!(!verify("", Some(&stored)));
    }

    #[test]
    fn salts_differ_so_hashes_differ() {
        assert_ne!(hash("same").unwrap(), hash("same").unwrap());
    }

    #[test]
    fn unknown_accounts_and_garbage_hashes_never_verify() {
        assert!(!verify("anything", None));
        assert!(!verify("anything", Some("not a phc string")));
    }

    #[test]
    fn overlong_passwords_are_refused() {
        let long = "x".repeat(MAX_LEN + 1);
        assert!(hash(&long).is_err());
        let stored = hash(&"x".repeat(MAX_LEN)).unwrap();
        assert!(!verify(&long, Some(&stored)));
    }
}
