//! What a party membership must look like: a member joined on a real day, not in the
//! future, not before the Party was founded, and (for a resident whose birth date is
//! known) at eighteen or older; a transfer goes to another organisation, dated between
//! joining and today.

use chrono::{Datelike, NaiveDate};

/// The founding of the Party (1921-07-01): no membership is older.
pub fn founding() -> NaiveDate {
    NaiveDate::from_ymd_opt(1921, 7, 1).unwrap_or(NaiveDate::MIN)
}

/// The minimum age to join.
pub const JOINING_AGE: i32 = 18;

/// Checks the day a member joined; `born` when the person's birth date is known.
pub fn validate_joined(
    joined_on: NaiveDate,
    born: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), String> {
    if joined_on > today {
        return Err("`joinedOn` must not be in the future".to_owned());
    }
    if joined_on < founding() {
        return Err("`joinedOn` must not be before 1921-07-01".to_owned());
    }
    if let Some(born) = born {
        let adult = born
            .with_year(born.year() + JOINING_AGE)
            .unwrap_or_else(|| born + chrono::Duration::days(365 * 18 + 5));
        if joined_on < adult {
            return Err(format!("a member joins at {JOINING_AGE} or older"));
        }
    }
    Ok(())
}

/// Checks a transfer from organisation `from` to `to` on `on`.
pub fn validate_transfer(
    from: i32,
    to: i32,
    joined_on: NaiveDate,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    if from == to {
        return Err("a transfer goes to another organisation".to_owned());
    }
    if on < joined_on || on > today {
        return Err("`transferredOn` must lie between joining and today".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_member_joins_as_an_adult_in_the_past() {
        let today = day("2026-06-15");
        let born = Some(day("1990-05-01"));
        assert!(validate_joined(day("2010-07-01"), born, today).is_ok());
        assert!(validate_joined(day("2007-07-01"), born, today).is_err());
        assert!(validate_joined(day("2026-06-16"), born, today).is_err());
        assert!(validate_joined(day("1920-01-01"), None, today).is_err());
    }

    #[test]
    fn a_transfer_goes_elsewhere_between_joining_and_today() {
        let today = day("2026-06-15");
        let joined = day("2010-07-01");
        assert!(validate_transfer(1, 2, joined, day("2026-01-01"), today).is_ok());
        assert!(validate_transfer(1, 1, joined, day("2026-01-01"), today).is_err());
        assert!(validate_transfer(1, 2, joined, day("2009-01-01"), today).is_err());
        assert!(validate_transfer(1, 2, joined, day("2026-07-01"), today).is_err());
    }
}
