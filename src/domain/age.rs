//! Ages in whole years, and the birth-date bounds that turn an age range into an
//! indexable date range.

use chrono::{Datelike, Months, NaiveDate};

/// Completed years on `today`. Someone born on 29 February turns a year older on
/// 1 March in common years.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// The latest birth date of someone at least `years` old on `today`.
pub fn born_on_or_before_for_age(today: NaiveDate, years: u32) -> NaiveDate {
    let bound = today
        .checked_sub_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MIN);
    // checked_sub_months clamps 29 Feb to 28 Feb; someone born on 29 Feb is not yet
    // `years` old on 28 Feb of a common year.
    if bound.month() == 2 && bound.day() == 28 && today.month() == 2 && today.day() == 29 {
        return bound.succ_opt().unwrap_or(bound);
    }
    bound
}

/// The earliest birth date of someone at most `years` old on `today`.
pub fn born_after_for_age(today: NaiveDate, years: u32) -> NaiveDate {
    born_on_or_before_for_age(today, years.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(d(1960, 5, 10), d(2020, 5, 9)), 59);
        assert_eq!(age_on(d(1960, 5, 10), d(2020, 5, 10)), 60);
    }

    #[test]
    fn leap_day_birthdays_turn_on_first_of_march() {
        assert_eq!(age_on(d(2000, 2, 29), d(2018, 2, 28)), 17);
        assert_eq!(age_on(d(2000, 2, 29), d(2018, 3, 1)), 18);
    }

    #[test]
    fn bounds_agree_with_age_on() {
        let today = d(2026, 11, 23);
        for birth in [
            d(1966, 11, 23),
            d(1966, 11, 24),
            d(1966, 11, 22),
            d(2008, 2, 29),
        ] {
            let at_least_60 = birth <= born_on_or_before_for_age(today, 60);
            assert_eq!(at_least_60, age_on(birth, today) >= 60, "{birth}");
            let at_most_17 = birth > born_after_for_age(today, 17);
            assert_eq!(at_most_17, age_on(birth, today) <= 17, "{birth}");
        }
    }

    #[test]
    fn leap_day_bound_on_a_leap_day() {
        let today = d(2028, 2, 29);
        let born = d(2010, 2, 28);
        assert_eq!(
            born <= born_on_or_before_for_age(today, 18),
            age_on(born, today) >= 18
        );
    }
}
