//! The rules of a service item as registered: a code of capitals, digits and `_`, a
//! name, prices in fen that are never negative with a subsidy no larger than the
//! price, sensible age bounds, and at least one provider type.

use entity::service_enums::{ProviderType, TargetGroup};

use super::eligibility::Rules;

/// An item as asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewItem {
    pub code: String,
    pub name: String,
    pub target_group: TargetGroup,
    pub rules: Rules,
    pub price_cents: i32,
    pub subsidy_cents: i32,
    pub provider_types: Vec<ProviderType>,
}

/// Checks `item`; the code and name come back trimmed.
pub fn validate(mut item: NewItem) -> Result<NewItem, String> {
    item.code = item.code.trim().to_owned();
    item.name = item.name.trim().to_owned();
    let code_ok = (2..=32).contains(&item.code.len())
        && item
            .code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !code_ok {
        return Err("`code` is 2 to 32 capitals, digits or `_`".to_owned());
    }
    if item.name.is_empty() || item.name.chars().count() > 64 {
        return Err("`name` is 1 to 64 characters".to_owned());
    }
    if item.price_cents < 0 || item.subsidy_cents < 0 {
        return Err("a price or subsidy is never negative".to_owned());
    }
    if item.subsidy_cents > item.price_cents {
        return Err("the subsidy is at most the price".to_owned());
    }
    let rules = item.rules;
    if rules.min_age.is_some_and(|age| !(0..=150).contains(&age))
        || rules
            .max_age_exclusive
            .is_some_and(|age| !(1..=150).contains(&age))
    {
        return Err("an age bound is 0 to 150".to_owned());
    }
    if let (Some(min), Some(max)) = (rules.min_age, rules.max_age_exclusive)
        && min >= max
    {
        return Err("`minAge` must be below `maxAgeExclusive`".to_owned());
    }
    item.provider_types.sort_by_key(|kind| *kind as u8);
    item.provider_types.dedup();
    if item.provider_types.is_empty() {
        return Err("at least one provider type".to_owned());
    }
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meals() -> NewItem {
        NewItem {
            code: " MEAL_AID ".to_owned(),
            name: "助餐服务".to_owned(),
            target_group: TargetGroup::Elderly,
            rules: Rules {
                min_age: Some(60),
                ..Default::default()
            },
            price_cents: 1500,
            subsidy_cents: 500,
            provider_types: vec![ProviderType::SocialOrganisation],
        }
    }

    #[test]
    fn a_well_formed_item_is_trimmed() {
        assert_eq!(validate(meals()).unwrap().code, "MEAL_AID");
    }

    #[test]
    fn prices_ages_codes_and_providers_are_checked() {
        let with = |change: fn(&mut NewItem)| {
            let mut item = meals();
            change(&mut item);
            validate(item)
        };
        assert!(with(|i| i.price_cents = -1).is_err());
        assert!(with(|i| i.subsidy_cents = -1).is_err());
        assert!(with(|i| i.subsidy_cents = 1501).is_err());
        assert!(with(|i| i.subsidy_cents = 1500).is_ok());
        assert!(with(|i| i.rules.max_age_exclusive = Some(60)).is_err());
        assert!(with(|i| i.rules.min_age = Some(-1)).is_err());
        assert!(with(|i| i.code = "meal".to_owned()).is_err());
        assert!(with(|i| i.provider_types.clear()).is_err());
        assert!(with(|i| i.name = " ".to_owned()).is_err());
    }
}
