//! Random values from the operating system's CSPRNG (`getrandom`): opaque tokens,
//! token ids, refresh-token families, generated secrets and passwords.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// `n` random bytes.
pub fn bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    // Without an OS random source nothing here can be made safely: stop rather than
    // hand out guessable tokens.
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    buf
}

/// `n` random bytes as unpadded base64url (43 characters for 32 bytes).
pub fn token(n: usize) -> String {
    URL_SAFE_NO_PAD.encode(bytes(n))
}

/// 16 random bytes as 32 lower-case hex digits.
pub fn hex_id() -> String {
    hex(&bytes(16))
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, byte| {
            let _ = write!(out, "{byte:02x}");
            out
        })
}
