//! What a dual report (双报到) must look like: a volunteer post named in a few words,
//! a registration day not in the future, and hours served recorded in tenths of an hour,
//! more than none and at most a day at a time, on a day of the registration.

use chrono::NaiveDate;

/// The longest volunteer post name.
pub const MAX_POST_CHARS: usize = 64;
/// The most hours one recording may hold.
pub const MAX_HOURS: f64 = 24.0;

/// The volunteer post as stored: trimmed, not empty, not too long.
pub fn volunteer_post(post: Option<&str>) -> Result<Option<String>, String> {
    let Some(post) = post.map(str::trim) else {
        return Ok(None);
    };
    if post.is_empty() || post.chars().count() > MAX_POST_CHARS {
        return Err(format!(
            "`volunteerPost` must have 1 to {MAX_POST_CHARS} characters"
        ));
    }
    Ok(Some(post.to_owned()))
}

/// Checks the registration day.
pub fn validate_registered(registered_on: NaiveDate, today: NaiveDate) -> Result<(), String> {
    if registered_on > today {
        return Err("`registeredOn` must not be in the future".to_owned());
    }
    Ok(())
}

/// `hours` in tenths: positive, at most [`MAX_HOURS`], with at most one decimal.
pub fn tenths(hours: f64) -> Result<i32, String> {
    let scaled = hours * 10.0;
    let rounded = scaled.round();
    if !hours.is_finite() || hours <= 0.0 || hours > MAX_HOURS || (scaled - rounded).abs() > 1e-6 {
        return Err(format!(
            "`hours` must be more than 0 and at most {MAX_HOURS}, in tenths of an hour"
        ));
    }
    Ok(rounded as i32)
}

/// Checks the day hours were served: within the registration and not in the future.
pub fn validate_served(
    served_on: NaiveDate,
    registered_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    if served_on > today {
        return Err("`servedOn` must not be in the future".to_owned());
    }
    if served_on < registered_on {
        return Err("`servedOn` must not be before the registration".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_positive_bounded_tenths() {
        assert_eq!(tenths(1.5), Ok(15));
        assert_eq!(tenths(24.0), Ok(240));
        assert_eq!(tenths(0.1), Ok(1));
        for bad in [0.0, -1.0, 24.1, 1.25, f64::NAN, f64::INFINITY] {
            assert!(tenths(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn posts_are_trimmed_and_bounded() {
        assert_eq!(
            volunteer_post(Some(" 楼道志愿者 ")),
            Ok(Some("楼道志愿者".into()))
        );
        assert_eq!(volunteer_post(None), Ok(None));
        assert!(volunteer_post(Some("  ")).is_err());
        assert!(volunteer_post(Some(&"x".repeat(65))).is_err());
    }
}
