//! What a change to a member's liaison households (党员联系户) amounts to: the wanted
//! set replaces the current one, each household named once and no more than the
//! configured maximum; households kept stay as they are (their start day is history),
//! the others end and the new ones start.

use std::collections::BTreeSet;

/// The households whose liaison ends and those whose liaison starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub end: Vec<i32>,
    pub start: Vec<i32>,
}

/// Plans the change from `current` to `wanted`, refusing a household named twice or a
/// set larger than `max`.
pub fn plan(current: &[i32], wanted: &[i32], max: u32) -> Result<Plan, String> {
    let wanted_set: BTreeSet<i32> = wanted.iter().copied().collect();
    if wanted_set.len() != wanted.len() {
        return Err("`householdIds` names a household twice".to_owned());
    }
    if wanted_set.len() > max as usize {
        return Err(format!(
            "a member looks after at most {max} households; {} were given",
            wanted_set.len()
        ));
    }
    let current: BTreeSet<i32> = current.iter().copied().collect();
    Ok(Plan {
        end: current.difference(&wanted_set).copied().collect(),
        start: wanted_set.difference(&current).copied().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_households_neither_end_nor_start() {
        let plan = plan(&[1, 2, 3], &[3, 4], 10).unwrap();
        assert_eq!(plan.end, vec![1, 2]);
        assert_eq!(plan.start, vec![4]);
    }

    #[test]
    fn duplicates_and_too_many_are_refused() {
        assert!(plan(&[], &[1, 1], 10).is_err());
        assert!(plan(&[], &[1, 2, 3], 2).is_err());
        assert!(plan(&[], &[1, 2], 2).is_ok());
        assert_eq!(plan(&[5], &[], 2).unwrap().end, vec![5]);
    }
}
