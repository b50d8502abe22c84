//! The 18-character resident ID number (居民身份证号码, GB 11643-1999): a six-digit
//! region code, the birth date as YYYYMMDD, a three-digit sequence whose last digit is
//! odd for men and even for women, and an ISO 7064 MOD 11-2 check character.
//!
//! An ID number is personal data: error messages say what is wrong, never the value.

use std::fmt;

use chrono::NaiveDate;

use crate::error::{AppError, AppResult};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// A valid, normalised resident ID number (upper-case check character).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdNumber(String);

/// The check character for the first seventeen digits.
///
/// # Panics
/// When `first17` is not seventeen ASCII digits: callers build it themselves.
pub fn check_char(first17: &str) -> char {
    let bytes = first17.as_bytes();
    assert!(
        bytes.len() == 17 && bytes.iter().all(u8::is_ascii_digit),
        "check_char needs seventeen digits"
    );
    let sum: u32 = bytes
        .iter()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    char::from(CHECK_CHARS[(sum % 11) as usize])
}

impl IdNumber {
    /// Parses an ID number typed by a person: surrounding spaces are ignored and a
    /// lower-case `x` is accepted.
    pub fn parse(raw: &str) -> AppResult<IdNumber> {
        let value = raw.trim().to_ascii_uppercase();
        let bytes = value.as_bytes();
        if bytes.len() != 18 {
            return Err(AppError::bad_input("an ID number has 18 characters"));
        }
        let (body, last) = bytes.split_at(17);
        if !body.iter().all(u8::is_ascii_digit) || !(last[0].is_ascii_digit() || last[0] == b'X') {
            return Err(AppError::bad_input(
                "an ID number is 17 digits followed by a digit or X",
            ));
        }
        if birth_date_of(&value).is_none() {
            return Err(AppError::bad_input(
                "the ID number holds no valid birth date",
            ));
        }
        if check_char(&value[..17]) != char::from(last[0]) {
            return Err(AppError::bad_input(
                "the ID number's check character is wrong",
            ));
        }
        Ok(IdNumber(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The birth date embedded at characters 7-14.
    pub fn birth_date(&self) -> NaiveDate {
        birth_date_of(&self.0).expect("checked by parse")
    }

    /// The 17th digit is even for women.
    pub fn is_female(&self) -> bool {
        (self.0.as_bytes()[16] - b'0').is_multiple_of(2)
    }
}

fn birth_date_of(value: &str) -> Option<NaiveDate> {
    let digits = value.get(6..14)?;
    let year = digits[..4].parse().ok()?;
    let month = digits[4..6].parse().ok()?;
    let day = digits[6..].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

// Debug output shows only the region and the check character, so a logged struct that
// holds an ID number does not leak it.
impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({}***********{})", &self.0[..6], &self.0[17..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 11010519491231002 with its check character: the standard's own example.
    const VALID: &str = "11010519491231002X";

    fn message_of(raw: &str) -> String {
        IdNumber::parse(raw).unwrap_err().to_string()
    }

    #[test]
    fn check_char_matches_the_standard_example() {
        assert_eq!(check_char("11010519491231002"), 'X');
        assert_eq!(check_char("44052418800101001"), '4');
    }

    #[test]
    fn a_valid_number_parses_with_its_facts() {
        let id = IdNumber::parse(VALID).unwrap();
        assert_eq!(id.as_str(), VALID);
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert!(id.is_female());
        assert!(!IdNumber::parse("440524188001010014").unwrap().is_female());
    }

    #[test]
    fn lower_case_x_and_spaces_are_normalised() {
        let id = IdNumber::parse("  11010519491231002x ").unwrap();
        assert_eq!(id.as_str(), VALID);
    }

    #[test]
    fn bad_inputs_are_rejected_without_echoing_them() {
        let cases = [
            ("110105194912310021", "check character"),
            ("110105194902300015", "birth date"),
            ("11010519491231002", "18 characters"),
            ("1101051949123100XX", "17 digits"),
            ("11010A19491231002X", "17 digits"),
        ];
        for (raw, expected) in cases {
            let message = message_of(raw);
            assert!(message.contains(expected), "{raw}: {message}");
            assert!(!message.contains(&raw[..10]), "{message} echoes the input");
        }
    }

    #[test]
    fn debug_output_masks_the_number() {
        let id = IdNumber::parse(VALID).unwrap();
        assert_eq!(format!("{id:?}"), "IdNumber(110105***********X)");
    }
}
