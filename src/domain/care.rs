//! The rules of a care profile (关爱档案): the elderly part only for residents of 60 and
//! over, the child part only for those under 18 (ages in Asia/Shanghai); an ability
//! assessment (GB/T 42195) has a level 0–4, a date not in the future and dimension
//! grades 0–3; a disability has both a type and a grade 1–4; contacts are a name with
//! a valid mobile number.

use chrono::NaiveDate;

use entity::care_profile::{DisabilityType, LivingArrangement};

use super::age::age_on;
use super::phone::Phone;
use super::tags::{ADULT_AGE, ELDERLY_AGE};

/// A named person with a phone (a contact, a guardian).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub phone: String,
}

/// An ability assessment (能力评估).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub level: i32,
    pub assessed_on: NaiveDate,
    /// Daily living, cognition, perception and communication, social participation.
    pub dimensions: [i32; 4],
}

/// The elderly part of a profile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ElderlyCare {
    pub living_arrangement: Option<LivingArrangement>,
    pub assessment: Option<Assessment>,
    pub disability: Option<(DisabilityType, i32)>,
    pub regular_contact: Option<Contact>,
    pub emergency_contact: Option<Contact>,
}

/// The child part of a profile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChildCare {
    pub left_behind: bool,
    pub guardian: Option<Contact>,
    pub guardian_relation: Option<String>,
    pub school: Option<String>,
}

/// A whole profile as entered; upserting replaces what was stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CareInput {
    pub elderly: Option<ElderlyCare>,
    pub child: Option<ChildCare>,
}

/// Checks `input` for a resident born on `birth`; contacts come back normalised.
pub fn validate(
    mut input: CareInput,
    birth: NaiveDate,
    today: NaiveDate,
) -> Result<CareInput, String> {
    let age = age_on(birth, today);
    if input.elderly.is_none() && input.child.is_none() {
        return Err("a care profile has an elderly or a child part".to_owned());
    }
    if let Some(elderly) = &mut input.elderly {
        if age < ELDERLY_AGE as i32 {
            return Err(format!(
                "the elderly part is for residents of {ELDERLY_AGE} and over"
            ));
        }
        if let Some(assessment) = &elderly.assessment {
            check_assessment(assessment, today)?;
        }
        if let Some((_, grade)) = elderly.disability
            && !(1..=4).contains(&grade)
        {
            return Err("a disability grade is 1 to 4".to_owned());
        }
        for contact in [&mut elderly.regular_contact, &mut elderly.emergency_contact]
            .into_iter()
            .flatten()
        {
            normalise(contact)?;
        }
    }
    if let Some(child) = &mut input.child {
        if age >= ADULT_AGE as i32 {
            return Err(format!("the child part is for residents under {ADULT_AGE}"));
        }
        if let Some(guardian) = &mut child.guardian {
            normalise(guardian)?;
        }
        child.guardian_relation = short(child.guardian_relation.take(), 32, "guardianRelation")?;
        child.school = short(child.school.take(), 128, "school")?;
    }
    Ok(input)
}

fn check_assessment(assessment: &Assessment, today: NaiveDate) -> Result<(), String> {
    if !(0..=4).contains(&assessment.level) {
        return Err("an ability level is 0 (intact) to 4 (total loss)".to_owned());
    }
    if assessment.assessed_on > today {
        return Err("an assessment is not dated in the future".to_owned());
    }
    if assessment
        .dimensions
        .iter()
        .any(|grade| !(0..=3).contains(grade))
    {
        return Err("a dimension grade is 0 to 3".to_owned());
    }
    Ok(())
}

fn normalise(contact: &mut Contact) -> Result<(), String> {
    let name = contact.name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err("a contact's name is 1 to 64 characters".to_owned());
    }
    contact.name = name.to_owned();
    contact.phone = Phone::parse(&contact.phone)
        .map_err(|_| "a contact's phone is a mainland mobile number".to_owned())?
        .into_string();
    Ok(())
}

fn short(text: Option<String>, max: usize, field: &str) -> Result<Option<String>, String> {
    let Some(text) = text else { return Ok(None) };
    let text = text.trim();
    if text.is_empty() || text.chars().count() > max {
        return Err(format!("`{field}` is 1 to {max} characters"));
    }
    Ok(Some(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn elderly() -> CareInput {
        CareInput {
            elderly: Some(ElderlyCare {
                living_arrangement: Some(LivingArrangement::LivingAlone),
                emergency_contact: Some(Contact {
                    name: " 李四 ".to_owned(),
                    phone: "+86 138-1234-5678".to_owned(),
                }),
                ..Default::default()
            }),
            child: None,
        }
    }

    fn child() -> CareInput {
        CareInput {
            elderly: None,
            child: Some(ChildCare {
                left_behind: true,
                ..Default::default()
            }),
        }
    }

    #[test]
    fn the_elderly_part_starts_on_the_sixtieth_birthday() {
        let today = d(2026, 6, 15);
        let valid = validate(elderly(), d(1966, 6, 15), today).unwrap();
        let contact = valid.elderly.unwrap().emergency_contact.unwrap();
        assert_eq!(
            (contact.name.as_str(), contact.phone.as_str()),
            ("李四", "13812345678")
        );
        assert!(validate(elderly(), d(1966, 6, 16), today).is_err());
    }

    #[test]
    fn the_child_part_ends_on_the_eighteenth_birthday() {
        let today = d(2026, 6, 15);
        assert!(validate(child(), d(2008, 6, 16), today).is_ok());
        assert!(validate(child(), d(2008, 6, 15), today).is_err());
        assert!(validate(CareInput::default(), d(2008, 6, 16), today).is_err());
    }

    fn assessed(level: i32, assessed_on: NaiveDate, dimensions: [i32; 4]) -> Assessment {
        Assessment {
            level,
            assessed_on,
            dimensions,
        }
    }

    #[test]
    fn assessments_disabilities_and_contacts_are_checked() {
        let today = d(2026, 6, 15);
        let birth = d(1950, 1, 1);
        let with = |change: fn(&mut ElderlyCare)| {
            let mut input = elderly();
            change(input.elderly.as_mut().unwrap());
            validate(input, birth, today)
        };
        assert!(with(|e| e.assessment = Some(assessed(2, d(2026, 6, 15), [0, 1, 2, 3]))).is_ok());
        assert!(with(|e| e.assessment = Some(assessed(5, d(2026, 6, 1), [0; 4]))).is_err());
        assert!(with(|e| e.assessment = Some(assessed(1, d(2026, 6, 16), [0; 4]))).is_err());
        assert!(with(|e| e.assessment = Some(assessed(1, d(2026, 6, 1), [0, 4, 0, 0]))).is_err());
        assert!(with(|e| e.disability = Some((DisabilityType::Visual, 0))).is_err());
        assert!(with(|e| e.disability = Some((DisabilityType::Visual, 4))).is_ok());
        assert!(
            with(|e| e.regular_contact = Some(Contact {
                name: "王".into(),
                phone: "12345".into()
            }))
            .is_err()
        );
        assert!(
            with(|e| e.regular_contact = Some(Contact {
                name: " ".into(),
                phone: "13812345678".into()
            }))
            .is_err()
        );
    }
}
