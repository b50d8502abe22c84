//! Eligibility for a service item: every rule the item sets must hold (combined with
//! AND); ages are completed years on the order date in Asia/Shanghai.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Asia::Shanghai;

use crate::domain::age::age_on;

/// What an item asks of a resident; `None`/`false` means no such rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    pub min_age: Option<i32>,
    /// Under this age (children's services).
    pub max_age_exclusive: Option<i32>,
    pub living_alone: bool,
    pub disability: bool,
    pub low_income: bool,
}

/// The facts about a resident the rules look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    pub birth_date: NaiveDate,
    pub living_alone: bool,
    pub disabled: bool,
    pub low_income: bool,
}

/// The first rule that fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ineligible {
    TooYoung { min_age: i32 },
    TooOld { max_age_exclusive: i32 },
    NotLivingAlone,
    NoDisability,
    NotLowIncome,
}

/// Whether a resident with `facts`, ordering at `at`, meets `rules`.
pub fn check(rules: &Rules, facts: &Facts, at: DateTime<Utc>) -> Result<(), Ineligible> {
    let age = age_on(facts.birth_date, at.with_timezone(&Shanghai).date_naive());
    if let Some(min_age) = rules.min_age.filter(|min| age < *min) {
        return Err(Ineligible::TooYoung { min_age });
    }
    if let Some(max) = rules.max_age_exclusive.filter(|max| age >= *max) {
        return Err(Ineligible::TooOld {
            max_age_exclusive: max,
        });
    }
    if rules.living_alone && !facts.living_alone {
        return Err(Ineligible::NotLivingAlone);
    }
    if rules.disability && !facts.disabled {
        return Err(Ineligible::NoDisability);
    }
    if rules.low_income && !facts.low_income {
        return Err(Ineligible::NotLowIncome);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn facts(birth: (i32, u32, u32)) -> Facts {
        Facts {
            birth_date: NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2).unwrap(),
            living_alone: true,
            disabled: false,
            low_income: true,
        }
    }

    fn sixty_plus() -> Rules {
        Rules {
            min_age: Some(60),
            ..Default::default()
        }
    }

    #[test]
    fn the_sixtieth_birthday_begins_at_shanghai_midnight() {
        // 2026-06-14 16:00 UTC is 2026-06-15 00:00 in Shanghai.
        let midnight = Utc.with_ymd_and_hms(2026, 6, 14, 16, 0, 0).unwrap();
        let before = Utc.with_ymd_and_hms(2026, 6, 14, 15, 59, 59).unwrap();
        let born = facts((1966, 6, 15));
        assert_eq!(check(&sixty_plus(), &born, midnight), Ok(()));
        assert_eq!(
            check(&sixty_plus(), &born, before),
            Err(Ineligible::TooYoung { min_age: 60 })
        );
    }

    #[test]
    fn a_child_service_ends_on_the_fourteenth_birthday() {
        let rules = Rules {
            max_age_exclusive: Some(14),
            ..Default::default()
        };
        let at = Utc.with_ymd_and_hms(2026, 6, 15, 4, 0, 0).unwrap();
        assert_eq!(check(&rules, &facts((2012, 6, 16)), at), Ok(()));
        assert!(check(&rules, &facts((2012, 6, 15)), at).is_err());
    }

    #[test]
    fn combined_rules_must_all_hold() {
        let at = Utc.with_ymd_and_hms(2026, 6, 15, 4, 0, 0).unwrap();
        let rules = Rules {
            min_age: Some(60),
            living_alone: true,
            low_income: true,
            disability: true,
            ..Default::default()
        };
        let mut elder = facts((1950, 1, 1));
        assert_eq!(check(&rules, &elder, at), Err(Ineligible::NoDisability));
        elder.disabled = true;
        assert_eq!(check(&rules, &elder, at), Ok(()));
        elder.living_alone = false;
        assert_eq!(check(&rules, &elder, at), Err(Ineligible::NotLivingAlone));
    }
}
