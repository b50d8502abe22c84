//! Access tokens that must be refused, one test per way of getting it wrong.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, Header};
use serde_json::{Value, json};

use super::*;
use crate::config::{JwtAlgorithm, JwtConfig};

/// Test-only Ed25519 key pair (generated for these tests; signs nothing real).
const ED_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIG/wZwzWI0nGUsCI0r2Oo0WvleWkQsSYST+7ieqe7AQc
-----END PRIVATE KEY-----
";
const ED_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAlNFMYRyIWAYVOWUWbcg1N+jHs9ElZ79J+k3lUjUpNIU=
-----END PUBLIC KEY-----
";
/// The public key of a different pair.
const ED_OTHER_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA5pVOalPUHswL/tLzkQlfE31eFMFweti9Eb8uEKXR3Uo=
-----END PUBLIC KEY-----
";
const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef-test";

fn config(algorithm: JwtAlgorithm) -> JwtConfig {
    JwtConfig {
        algorithm,
        secret: None,
        private_key_file: None,
        public_key_file: None,
        issuer: "community-hub".into(),
        audience: "community-hub".into(),
        access_ttl: Duration::from_secs(900),
        refresh_ttl: Duration::from_secs(86_400),
    }
}

fn hs256() -> JwtKeys {
    JwtKeys::hs256(&config(JwtAlgorithm::HS256), SECRET).unwrap()
}

fn eddsa() -> JwtKeys {
    JwtKeys::asymmetric(
        &config(JwtAlgorithm::EdDSA),
        ED_PRIVATE.as_bytes(),
        ED_PUBLIC.as_bytes(),
    )
    .unwrap()
}

fn now() -> i64 {
    jsonwebtoken::get_current_timestamp() as i64
}

fn claims() -> Value {
    json!({
        "iss": "community-hub", "aud": "community-hub", "sub": "user:7",
        "exp": now() + 600, "nbf": now(), "iat": now(), "jti": "abc", "ver": 3,
    })
}

fn header(alg: Algorithm) -> Header {
    let mut header = Header::new(alg);
    header.typ = Some("at+jwt".into());
    header
}

fn with(mut claims: Value, key: &str, value: Value) -> Value {
    claims[key] = value;
    claims
}

fn without(mut claims: Value, key: &str) -> Value {
    claims.as_object_mut().unwrap().remove(key);
    claims
}

fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

#[track_caller]
fn refused(keys: &JwtKeys, token: &str) {
    assert!(keys.verify(token).is_err(), "accepted: {token}");
}

#[test]
fn issued_tokens_verify_with_subject_and_version() {
    for keys in [hs256(), eddsa()] {
        let token = keys.issue(Subject::Client(4), 2).unwrap();
        let verified = keys.verify(&token.token).unwrap();
        assert_eq!(verified.subject, Subject::Client(4));
        assert_eq!(verified.version, 2);
        assert!(token.expires_at > Utc::now());
    }
}

#[test]
fn a_hand_made_token_with_every_claim_verifies() {
    let keys = hs256();
    let token = keys.sign_raw(&header(Algorithm::HS256), &claims());
    let verified = keys.verify(&token).unwrap();
    assert_eq!(verified.subject, Subject::User(7));
}

#[test]
fn alg_none_is_refused() {
    for alg in ["none", "None", "NONE"] {
        let head = json!({ "alg": alg, "typ": "at+jwt" });
        let token = format!("{}.{}.", b64(&head), b64(&claims()));
        refused(&hs256(), &token);
        refused(&eddsa(), &token);
    }
}

#[test]
fn hs256_signed_with_the_public_key_is_refused_by_an_eddsa_verifier() {
    let confused = JwtKeys::hs256(&config(JwtAlgorithm::HS256), ED_PUBLIC.as_bytes()).unwrap();
    let token = confused.sign_raw(&header(Algorithm::HS256), &claims());
    refused(&eddsa(), &token);
}

#[test]
fn a_token_signed_with_another_key_is_refused() {
    let other = JwtKeys::hs256(&config(JwtAlgorithm::HS256), &[7u8; 32]).unwrap();
    refused(&hs256(), &other.issue(Subject::User(1), 0).unwrap().token);
    let eddsa_other = JwtKeys::asymmetric(
        &config(JwtAlgorithm::EdDSA),
        ED_PRIVATE.as_bytes(),
        ED_OTHER_PUBLIC.as_bytes(),
    );
    assert!(eddsa_other.is_err(), "a mismatched key pair must not start");
}

#[test]
fn a_tampered_payload_is_refused() {
    for keys in [hs256(), eddsa()] {
        let token = keys.issue(Subject::User(7), 0).unwrap().token;
        let parts: Vec<&str> = token.split('.').collect();
        let forged = with(claims(), "sub", json!("user:1"));
        refused(
            &keys,
            &format!("{}.{}.{}", parts[0], b64(&forged), parts[2]),
        );
    }
}

#[test]
fn expiry_is_enforced_beyond_30_seconds_of_leeway() {
    let keys = hs256();
    let at = |exp: i64| {
        let claims = with(claims(), "exp", json!(exp));
        let claims = with(claims, "nbf", json!(exp - 600));
        with(claims, "iat", json!(exp - 600))
    };
    let head = header(Algorithm::HS256);
    assert!(keys.verify(&keys.sign_raw(&head, &at(now() - 10))).is_ok());
    refused(&keys, &keys.sign_raw(&head, &at(now() - 31)));
    refused(&keys, &keys.sign_raw(&head, &at(now() - 3600)));
}

#[test]
fn not_before_and_issued_at_in_the_future_are_refused() {
    let keys = hs256();
    let head = header(Algorithm::HS256);
    refused(
        &keys,
        &keys.sign_raw(&head, &with(claims(), "nbf", json!(now() + 120))),
    );
    refused(
        &keys,
        &keys.sign_raw(&head, &with(claims(), "iat", json!(now() + 120))),
    );
}

#[test]
fn wrong_or_missing_issuer_audience_or_subject_is_refused() {
    let keys = hs256();
    let head = header(Algorithm::HS256);
    let bad = [
        with(claims(), "iss", json!("someone-else")),
        with(claims(), "aud", json!("another-api")),
        with(claims(), "aud", json!(["another-api"])),
        with(claims(), "sub", json!("admin")),
        with(claims(), "sub", json!("user:0")),
        with(claims(), "sub", json!("group:3")),
        with(claims(), "jti", json!("")),
    ];
    for claims in bad {
        refused(&keys, &keys.sign_raw(&head, &claims));
    }
    for claim in ["iss", "aud", "sub", "exp", "nbf", "iat", "jti", "ver"] {
        let token = keys.sign_raw(&head, &without(claims(), claim));
        assert!(keys.verify(&token).is_err(), "missing {claim} accepted");
    }
}

#[test]
fn exp_as_a_string_is_refused() {
    let keys = hs256();
    let claims = with(claims(), "exp", json!((now() + 600).to_string()));
    refused(&keys, &keys.sign_raw(&header(Algorithm::HS256), &claims));
}

#[test]
fn a_token_without_the_access_token_type_is_refused() {
    let keys = hs256();
    let mut jwt = header(Algorithm::HS256);
    jwt.typ = Some("JWT".into());
    refused(&keys, &keys.sign_raw(&jwt, &claims()));
    jwt.typ = None;
    refused(&keys, &keys.sign_raw(&jwt, &claims()));
}

#[test]
fn oversized_tokens_are_refused_before_parsing() {
    let keys = hs256();
    let padded = with(claims(), "pad", json!("x".repeat(MAX_TOKEN_BYTES)));
    let token = keys.sign_raw(&header(Algorithm::HS256), &padded);
    let err = keys.verify(&token).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
}

#[test]
fn jwks_publishes_the_public_key_only_for_asymmetric_keys() {
    assert_eq!(hs256().jwks(), json!({ "keys": [] }));
    let jwks = eddsa().jwks();
    let key = &jwks["keys"][0];
    assert_eq!(key["kty"], "OKP");
    assert_eq!(key["crv"], "Ed25519");
    assert_eq!(key["use"], "sig");
    assert!(key["kid"].is_string());
    assert!(key.get("d").is_none(), "private part published: {key}");
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 1);
}

#[test]
fn short_secrets_are_refused() {
    assert!(JwtKeys::hs256(&config(JwtAlgorithm::HS256), b"too short").is_err());
}
