//! The unified social credit code (统一社会信用代码, GB 32100-2015): eighteen characters
//! from a 31-character alphabet (the digits and the capitals without I, O, Z, S, V).
//!
//! - 1: registration authority (登记管理部门), 2: entity type (机构类别);
//! - 3–8: the administrative division code (GB/T 2260), six digits;
//! - 9–17: the organisation code (组织机构代码, GB 11714): eight characters and a check
//!   character (a digit or `X`), weights 3 7 9 10 5 8 4 2 modulo 11;
//! - 18: the check character, weights 3^(i-1) mod 31 modulo 31.
//!
//! Input is trimmed and upper-cased; anything else is refused with the reason.

use std::fmt;

/// The code alphabet; a character's value is its index.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of the first 17 characters (3^(i-1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// Weights of the eight body characters of a GB 11714 organisation code.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// A valid unified social credit code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

impl CreditCode {
    /// Checks `raw` against GB 32100 and GB 11714; the error says which rule failed.
    pub fn parse(raw: &str) -> Result<CreditCode, String> {
        let code = raw.trim().to_ascii_uppercase();
        let bytes = code.as_bytes();
        if bytes.len() != 18 {
            return Err("a unified social credit code has 18 characters".to_owned());
        }
        let values = bytes
            .iter()
            .map(|byte| value(*byte))
            .collect::<Option<Vec<u32>>>()
            .ok_or("a unified social credit code uses 0-9 and A-Y without I, O, Z, S, V")?;
        if !bytes[2..8].iter().all(u8::is_ascii_digit) {
            return Err("characters 3 to 8 (the division code) are digits".to_owned());
        }
        if !organisation_code_valid(&bytes[8..17]) {
            return Err("characters 9 to 17 are not a valid organisation code (GB 11714)".into());
        }
        if check_value(&values[..17]) != values[17] {
            return Err("the check character (the 18th) does not match (GB 32100)".to_owned());
        }
        Ok(CreditCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn value(byte: u8) -> Option<u32> {
    ALPHABET
        .iter()
        .position(|c| *c == byte)
        .map(|index| index as u32)
}

/// The value of the 18th character for the first seventeen.
fn check_value(values: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

/// GB 11714: digits count as themselves, letters A–Z as 10–35; the check is
/// `11 - sum mod 11`, written `X` for 10 and `0` for 11.
fn organisation_code_valid(code: &[u8]) -> bool {
    let org_value = |byte: u8| match byte {
        b'0'..=b'9' => Some(u32::from(byte - b'0')),
        b'A'..=b'Z' => Some(u32::from(byte - b'A') + 10),
        _ => None,
    };
    let Some(body) = code[..8]
        .iter()
        .map(|b| org_value(*b))
        .collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    let sum: u32 = body.iter().zip(ORG_WEIGHTS).map(|(v, w)| v * w).sum();
    let expected = match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        digit => b'0' + digit as u8,
    };
    code[8] == expected
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The standard's own example, and the codes of well-known enterprises.
    const VALID: [&str; 5] = [
        "91350100M000100Y43",
        "914403001922038216",
        "9144030071526726XG",
        "91110000802100433B",
        "91330100716105852F",
    ];

    #[test]
    fn real_codes_are_valid() {
        for code in VALID {
            assert_eq!(CreditCode::parse(code).unwrap().as_str(), code);
        }
    }

    #[test]
    fn input_is_trimmed_and_upper_cased() {
        let code = CreditCode::parse(" 9144030071526726xg ").unwrap();
        assert_eq!(code.as_str(), "9144030071526726XG");
    }

    #[test]
    fn a_wrong_length_is_refused() {
        assert!(CreditCode::parse("91350100M000100Y4").is_err());
        assert!(CreditCode::parse("91350100M000100Y433").is_err());
        assert!(CreditCode::parse("").is_err());
    }

    #[test]
    fn letters_outside_the_alphabet_are_refused() {
        for bad in ['I', 'O', 'Z', 'S', 'V', '-', '中'] {
            let code = format!("91350100M000100Y4{bad}");
            let err = CreditCode::parse(&code).unwrap_err();
            assert!(
                err.contains("18 characters") || err.contains("without"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_division_code_with_letters_is_refused() {
        let err = CreditCode::parse("9135A100M000100Y43").unwrap_err();
        assert!(err.contains("division"), "{err}");
    }

    #[test]
    fn a_broken_organisation_code_is_refused() {
        // The organisation code's check character 4 changed to 5.
        let err = CreditCode::parse("91350100M000100Y53").unwrap_err();
        assert!(err.contains("GB 11714"), "{err}");
    }

    #[test]
    fn a_wrong_check_character_is_refused() {
        for code in VALID {
            let mut bytes = code.as_bytes().to_vec();
            bytes[17] = if bytes[17] == b'0' { b'1' } else { b'0' };
            let err = CreditCode::parse(std::str::from_utf8(&bytes).unwrap()).unwrap_err();
            assert!(err.contains("check character"), "{err}");
        }
    }

    #[test]
    fn the_check_is_computed_over_all_seventeen() {
        let values: Vec<u32> = b"91350100M000100Y4"
            .iter()
            .map(|b| value(*b).unwrap())
            .collect();
        assert_eq!(ALPHABET[check_value(&values) as usize], b'3');
    }
}
