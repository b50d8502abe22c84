//! Opening hours of a facility: per weekday, any number of periods, none overlapping.

/// One period on one weekday, in minutes after midnight (local time), `opens < closes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpeningPeriod {
    /// 1 = Monday … 7 = Sunday (ISO 8601).
    pub weekday: u8,
    pub opens_at: u16,
    pub closes_at: u16,
}

/// Why a set of opening hours was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoursError {
    WeekdayOutOfRange(u8),
    /// Closes at or before it opens, or past midnight.
    EmptyOrInverted(OpeningPeriod),
    Overlap(OpeningPeriod, OpeningPeriod),
}

/// The periods sorted by weekday and time, or why they cannot stand together. Periods
/// that only touch (12:00 closes, 12:00 opens) do not overlap.
pub fn validate(mut periods: Vec<OpeningPeriod>) -> Result<Vec<OpeningPeriod>, HoursError> {
    for period in &periods {
        if !(1..=7).contains(&period.weekday) {
            return Err(HoursError::WeekdayOutOfRange(period.weekday));
        }
        if period.opens_at >= period.closes_at || period.closes_at > 24 * 60 {
            return Err(HoursError::EmptyOrInverted(*period));
        }
    }
    periods.sort_by_key(|period| (period.weekday, period.opens_at));
    for pair in periods.windows(2) {
        let (earlier, later) = (pair[0], pair[1]);
        if earlier.weekday == later.weekday && later.opens_at < earlier.closes_at {
            return Err(HoursError::Overlap(earlier, later));
        }
    }
    Ok(periods)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(weekday: u8, opens: (u16, u16), closes: (u16, u16)) -> OpeningPeriod {
        OpeningPeriod {
            weekday,
            opens_at: opens.0 * 60 + opens.1,
            closes_at: closes.0 * 60 + closes.1,
        }
    }

    #[test]
    fn touching_periods_and_other_days_are_fine() {
        let hours = vec![
            period(1, (14, 0), (18, 0)),
            period(1, (8, 30), (14, 0)),
            period(2, (9, 0), (17, 0)),
        ];
        let sorted = validate(hours).unwrap();
        assert_eq!(sorted[0], period(1, (8, 30), (14, 0)));
    }

    #[test]
    fn overlapping_periods_on_one_day_are_refused() {
        let hours = vec![period(3, (8, 0), (12, 0)), period(3, (11, 30), (13, 0))];
        assert!(matches!(validate(hours), Err(HoursError::Overlap(_, _))));
        let nested = vec![period(3, (8, 0), (18, 0)), period(3, (9, 0), (10, 0))];
        assert!(matches!(validate(nested), Err(HoursError::Overlap(_, _))));
    }

    #[test]
    fn empty_inverted_or_out_of_range_periods_are_refused() {
        let inverted = period(1, (18, 0), (8, 0));
        assert_eq!(
            validate(vec![inverted]),
            Err(HoursError::EmptyOrInverted(inverted))
        );
        let empty = period(1, (9, 0), (9, 0));
        assert!(validate(vec![empty]).is_err());
        let late = OpeningPeriod {
            weekday: 1,
            opens_at: 600,
            closes_at: 1441,
        };
        assert!(validate(vec![late]).is_err());
        let sunday_plus = period(8, (9, 0), (10, 0));
        assert_eq!(
            validate(vec![sunday_plus]),
            Err(HoursError::WeekdayOutOfRange(8))
        );
    }
}
