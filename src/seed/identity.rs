//! Synthetic identity documents: valid, unique ID numbers and plausible phone numbers.
//!
//! An ID number is unique when its (region code, sequence) pair is, whatever the birth
//! date. Resident ids are scrambled by a bijection onto 0..CAPACITY, then split into a
//! region code (31 provinces × 25 cities × 30 counties) and one of 500 sequences of the
//! resident's gender, so no two residents ever share a number, by construction.

use chrono::NaiveDate;

use super::names::{PHONE_SECOND_DIGITS, PROVINCES};
use super::rng::Rng;
use crate::domain::id_number::check_char;

const CITIES: u32 = 25;
const COUNTIES: u32 = 30;
const REGIONS: u32 = PROVINCES.len() as u32 * CITIES * COUNTIES;
/// Sequences per region and gender: 100 leading pairs × 5 final digits of one parity.
const SEQUENCES: u32 = 500;
/// Resident ids `1..=CAPACITY` get distinct ID numbers.
pub const CAPACITY: u32 = REGIONS * SEQUENCES;
/// Prime and coprime to CAPACITY (2^3·3·5^6·31), so multiplying by it permutes
/// 0..CAPACITY; neighbours in a household then come from different regions.
const SCRAMBLE: u64 = 7919;

/// The ID number of resident `resident_id` (1..=CAPACITY).
pub fn id_number(resident_id: i32, birth: NaiveDate, female: bool) -> String {
    let scrambled = scramble(resident_id);
    let region = scrambled % REGIONS;
    let slot = scrambled / REGIONS;
    let province = PROVINCES[(region / (CITIES * COUNTIES)) as usize];
    let city = region / COUNTIES % CITIES + 1;
    let county = region % COUNTIES + 1;
    // The 17th digit is odd for men and even for women.
    let sequence = slot / 5 * 10 + slot % 5 * 2 + u32::from(!female);
    let first17 = format!(
        "{province}{city:02}{county:02}{}{sequence:03}",
        birth.format("%Y%m%d")
    );
    let check = check_char(&first17);
    format!("{first17}{check}")
}

fn scramble(resident_id: i32) -> u32 {
    debug_assert!(resident_id >= 1 && resident_id as u32 <= CAPACITY);
    ((resident_id as u64 - 1) * SCRAMBLE % u64::from(CAPACITY)) as u32
}

/// An eleven-digit mobile number.
pub fn phone(rng: &mut Rng) -> String {
    let second = rng.pick(&PHONE_SECOND_DIGITS);
    let rest = rng.below(1_000_000_000);
    format!("1{second}{rest:09}")
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::id_number::IdNumber;

    #[test]
    fn capacity_covers_the_city_scale_at_five_per_household() {
        let city = crate::seed::Scale::City.shape();
        assert!(city.households() * 5 <= u64::from(CAPACITY));
    }

    #[test]
    fn scrambling_is_a_permutation_of_the_whole_range() {
        let mut seen = vec![0u64; CAPACITY.div_ceil(64) as usize];
        for id in 1..=CAPACITY as i32 {
            let n = scramble(id) as usize;
            assert!(
                seen[n / 64] & (1 << (n % 64)) == 0,
                "collision at resident {id}"
            );
            seen[n / 64] |= 1 << (n % 64);
        }
    }

    #[test]
    fn ids_are_valid_and_unique_even_with_one_shared_birth_date() {
        let birth = NaiveDate::from_ymd_opt(1980, 6, 15).unwrap();
        let mut seen = HashSet::new();
        for id in (1..=1_000_000).chain(CAPACITY as i32 - 1000..=CAPACITY as i32) {
            let female = id % 3 == 0;
            let number = id_number(id, birth, female);
            if id % 997 == 0 {
                let parsed = IdNumber::parse(&number).unwrap();
                assert_eq!(parsed.birth_date(), birth);
                assert_eq!(parsed.is_female(), female);
            }
            assert!(seen.insert(number), "duplicate for resident {id}");
        }
    }
}
