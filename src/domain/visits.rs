//! What a visit record (走访记录) must look like before it is written: it happened
//! (not in the future, not absurdly long ago), it reached at least one household and
//! at most a day's round, and every finding carries a note.

use chrono::{DateTime, Duration, Utc};

use entity::visit_finding::Duty;

use super::requests::intake;

/// A working day's round at most; more is a data-entry mistake.
pub const MAX_HOUSEHOLDS: usize = 50;
pub const MAX_FINDINGS: usize = 20;
pub const MAX_FINDING_NOTE_CHARS: usize = 2000;
/// Visits are recorded soon after they happen; older ones are back-filled by import.
pub const MAX_AGE_DAYS: i64 = 90;

/// One finding as entered.
#[derive(Clone, Debug)]
pub struct FindingInput {
    pub duty: Duty,
    pub note: String,
}

/// A visit with its households deduplicated and its notes trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidVisit {
    pub visited_at: DateTime<Utc>,
    pub households: Vec<i32>,
    pub findings: Vec<(Duty, String)>,
}

/// Checks a visit as entered at `now`.
pub fn validate(
    visited_at: DateTime<Utc>,
    households: &[i32],
    findings: &[FindingInput],
    now: DateTime<Utc>,
) -> Result<ValidVisit, String> {
    if visited_at > now {
        return Err("`visitedAt` must not be in the future".to_owned());
    }
    if visited_at < now - Duration::days(MAX_AGE_DAYS) {
        return Err(format!(
            "`visitedAt` must be within the last {MAX_AGE_DAYS} days"
        ));
    }
    let mut unique = households.to_vec();
    unique.sort_unstable();
    unique.dedup();
    if unique.is_empty() || unique.len() > MAX_HOUSEHOLDS {
        return Err(format!("a visit reaches 1 to {MAX_HOUSEHOLDS} households"));
    }
    if findings.len() > MAX_FINDINGS {
        return Err(format!("a visit records at most {MAX_FINDINGS} findings"));
    }
    let findings = findings
        .iter()
        .map(|finding| {
            intake::text("note", &finding.note, MAX_FINDING_NOTE_CHARS)
                .map(|note| (finding.duty, note))
        })
        .collect::<Result<_, _>>()?;
    Ok(ValidVisit {
        visited_at,
        households: unique,
        findings,
    })
}

/// The grid path (`district/street/community/grid/`) of a path at or below a grid.
pub fn grid_path(path: &str) -> Option<&str> {
    let end = path.match_indices('/').nth(3)?.0;
    Some(&path[..=end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours_ago: i64) -> DateTime<Utc> {
        now() - Duration::hours(hours_ago)
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z")
            .unwrap()
            .to_utc()
    }

    fn finding(note: &str) -> FindingInput {
        FindingInput {
            duty: Duty::CollectSentiment,
            note: note.to_owned(),
        }
    }

    #[test]
    fn a_visit_in_the_past_with_households_and_notes_is_valid() {
        let valid = validate(at(2), &[5, 3, 5], &[finding(" leak ")], now()).unwrap();
        assert_eq!(valid.households, vec![3, 5]);
        assert_eq!(
            valid.findings,
            vec![(Duty::CollectSentiment, "leak".to_owned())]
        );
    }

    #[test]
    fn a_visit_in_the_future_is_refused() {
        assert!(validate(at(-1), &[1], &[], now()).is_err());
    }

    #[test]
    fn a_visit_long_ago_is_refused() {
        assert!(validate(at(24 * 91), &[1], &[], now()).is_err());
    }

    #[test]
    fn a_visit_needs_households_and_not_too_many() {
        assert!(validate(at(1), &[], &[], now()).is_err());
        let many: Vec<i32> = (1..=51).collect();
        assert!(validate(at(1), &many, &[], now()).is_err());
    }

    #[test]
    fn an_empty_finding_note_is_refused() {
        assert!(validate(at(1), &[1], &[finding("  ")], now()).is_err());
    }

    #[test]
    fn the_grid_path_is_the_first_four_levels() {
        assert_eq!(grid_path("1/2/3/4/5/6/7/"), Some("1/2/3/4/"));
        assert_eq!(grid_path("1/2/3/4/"), Some("1/2/3/4/"));
        assert_eq!(grid_path("1/2/3/"), None);
    }
}
