//! Mainland China mobile numbers (手机号), normalised to eleven digits.
//!
//! People write them as `13812345678`, `138-1234-5678` or `+86 138 1234 5678`; all
//! become `13812345678`. A phone number is personal data: errors never echo it.

use std::fmt;

use crate::error::{AppError, AppResult};

/// A mainland mobile number: eleven digits, `1` then `3`-`9`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Accepts spaces, dashes and an optional `+86`/`86`/`0086` country prefix.
    pub fn parse(raw: &str) -> AppResult<Phone> {
        let compact: String = raw
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
            .collect();
        let without_plus = compact.strip_prefix('+').unwrap_or(&compact);
        if !without_plus.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::bad_input(
                "a phone number holds only digits, spaces, dashes and a leading +86",
            ));
        }
        let digits = match without_plus.len() {
            15 if without_plus.starts_with("0086") => &without_plus[4..],
            13 if without_plus.starts_with("86") => &without_plus[2..],
            _ => without_plus,
        };
        let bytes = digits.as_bytes();
        if bytes.len() != 11 {
            return Err(AppError::bad_input("a mobile number has 11 digits"));
        }
        if bytes[0] != b'1' || !(b'3'..=b'9').contains(&bytes[1]) {
            return Err(AppError::bad_input("a mobile number starts with 13 to 19"));
        }
        Ok(Phone(digits.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

// Debug output keeps the carrier prefix and the last four digits (the usual masking),
// so a logged struct that holds a phone does not leak it.
impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({}****{})", &self.0[..3], &self.0[7..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_spellings_normalise_to_eleven_digits() {
        for raw in [
            "13812345678",
            " 138-1234-5678 ",
            "+86 138-1234-5678",
            "86 13812345678",
            "+8613812345678",
            "0086 138 1234 5678",
        ] {
            assert_eq!(Phone::parse(raw).unwrap().as_str(), "13812345678", "{raw}");
        }
    }

    #[test]
    fn bad_numbers_are_rejected_without_echoing_them() {
        let cases = [
            ("1381234567", "11 digits"),
            ("138123456789", "11 digits"),
            ("12812345678", "13 to 19"),
            ("23812345678", "13 to 19"),
            ("138abcd5678", "only digits"),
            ("", "11 digits"),
        ];
        for (raw, expected) in cases {
            let message = Phone::parse(raw).unwrap_err().to_string();
            assert!(message.contains(expected), "{raw}: {message}");
            assert!(
                raw.len() < 4 || !message.contains(&raw[..4]),
                "{message} echoes input"
            );
        }
    }

    #[test]
    fn debug_output_masks_the_middle() {
        let phone = Phone::parse("13812345678").unwrap();
        assert_eq!(format!("{phone:?}"), "Phone(138****5678)");
    }
}
