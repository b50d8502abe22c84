use super::*;

/// Asia/Shanghai wall time as UTC.
fn cst(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn hours(amount: i32) -> Limit {
    Limit {
        unit: LimitUnit::Hours,
        amount,
    }
}

fn working_days(amount: i32) -> Limit {
    Limit {
        unit: LimitUnit::WorkingDays,
        amount,
    }
}

#[test]
fn hour_limits_turn_yellow_at_three_quarters_and_red_at_the_limit() {
    let start = cst(2026, 6, 15, 12);
    let window = window(start, hours(4), &Calendar::default());
    assert_eq!(window.warn, cst(2026, 6, 15, 15));
    assert_eq!(window.due, cst(2026, 6, 15, 16));
    let at = |h| state(cst(2026, 6, 15, h), window.warn, window.due);
    assert_eq!(at(14), SlaState::Normal);
    assert_eq!(at(15), SlaState::Yellow);
    assert_eq!(at(16), SlaState::Red);
}

#[test]
fn working_days_skip_the_weekend() {
    // Friday noon plus one working day is Monday noon.
    let window = window(cst(2026, 6, 12, 12), working_days(1), &Calendar::default());
    assert_eq!(window.due, cst(2026, 6, 15, 12));
    assert_eq!(window.warn, cst(2026, 6, 15, 6));
}

#[test]
fn working_days_skip_holidays_and_count_make_up_days() {
    let holiday = NaiveDate::from_ymd_opt(2026, 6, 19).unwrap();
    let make_up = NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
    let calendar = Calendar::new([(holiday, false), (make_up, true)]);
    // Thursday noon + 1 working day: Friday is off, Saturday is worked → Saturday noon.
    let window = window(cst(2026, 6, 18, 12), working_days(1), &calendar);
    assert_eq!(window.due, cst(2026, 6, 20, 12));
}

#[test]
fn a_deadline_started_on_a_day_off_runs_from_the_next_working_day() {
    let window = window(cst(2026, 6, 13, 9), working_days(1), &Calendar::default());
    assert_eq!(window.due, cst(2026, 6, 16, 0));
}
