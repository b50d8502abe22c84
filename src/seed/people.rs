//! The residents of one household: a plausible family (composition, ages, genders,
//! surnames), then each person's own details (name, ID number, phone, tags).
//!
//! Ages are taken on the fixed [`REFERENCE_DATE`], never "today", so the dataset is the
//! same whenever it is loaded; the mix aims at a Beijing district: about 20% aged 60+,
//! 5% aged 80+ and 15% under 18.

use chrono::{Datelike, Days, NaiveDate};
use entity::enums::{Gender, HouseholdRelation as Relation};
use entity::{household, resident};

use super::identity;
use super::names::{FEMALE_GIVEN, MALE_GIVEN, SURNAMES};
use super::rng::{Rng, Stream};
use crate::domain::tags::ResidentTag as Tag;

/// The day ages are computed against.
pub const REFERENCE_DATE: NaiveDate = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();

/// One family member before they get a name.
struct Member {
    relation: Relation,
    age: i32,
    female: bool,
    /// Takes the family surname (else a surname of their own, as spouses keep theirs).
    family_name: bool,
}

fn member(relation: Relation, age: i32, female: bool, family_name: bool) -> Member {
    Member {
        relation,
        age: age.clamp(0, 100),
        female,
        family_name,
    }
}

/// A household of one to five people, about 2.5 on average.
fn family(rng: &mut Rng) -> Vec<Member> {
    let size = rng.weighted(&[20, 30, 30, 12, 8]) + 1;
    let head_female = rng.chance(300);
    let mut people = Vec::with_capacity(size);
    let head_age = match (size, rng.below(100)) {
        (1, 0..=24) => rng.between(60, 79),
        (1, 25..=33) => rng.between(80, 96),
        (1, _) => rng.between(22, 59),
        (2, 0..=34) => rng.between(60, 92),
        (3, 0..=14) => rng.between(58, 76), // grandparents raising a grandchild
        _ => rng.between(27, 56),
    };
    people.push(member(Relation::Head, head_age, head_female, true));
    if size >= 2 {
        let spouse_age = head_age + rng.between(-4, 4);
        people.push(member(Relation::Spouse, spouse_age, !head_female, false));
    }
    let grandparents = size == 3 && head_age >= 58;
    for _ in 2..size {
        let kind = if grandparents {
            3
        } else {
            rng.weighted(&[70, 30])
        };
        let relation_age = match kind {
            0 => (
                Relation::Child,
                (head_age - rng.between(24, 34)).max(rng.between(0, 4)),
            ),
            1 => (Relation::Parent, head_age + rng.between(24, 32)),
            _ => (Relation::Grandchild, rng.between(2, 15)),
        };
        people.push(member(
            relation_age.0,
            relation_age.1,
            rng.chance(490),
            kind != 1,
        ));
    }
    people
}

/// Appends the residents of `household`, numbering them after `last_id`.
pub fn add_residents(
    seed: u64,
    household_rng: &mut Rng,
    household: &household::Model,
    last_id: &mut i32,
    out: &mut Vec<resident::Model>,
) {
    let family = family(household_rng);
    let surname = surname(household_rng);
    let all_elderly = family.iter().all(|m| m.age >= 60);
    let low_income = household_rng.chance(30);
    let moved_in = date_between(
        household_rng,
        NaiveDate::from_ymd_opt(1985, 1, 1).unwrap(),
        40 * 365,
    );
    for member in &family {
        *last_id += 1;
        let mut rng = Rng::new(seed, Stream::Resident, *last_id);
        let birth = birth_date(&mut rng, member.age);
        let mut tags = Vec::new();
        if member.age >= 60 && family.len() == 1 {
            tags.push(Tag::LivingAlone);
        }
        if member.age >= 60 && all_elderly {
            tags.push(Tag::EmptyNest);
        }
        if member.relation == Relation::Grandchild && rng.chance(500) {
            tags.push(Tag::LeftBehindChild);
        }
        push_random_tags(&mut rng, member, low_income, &mut tags);
        let surname = if member.family_name {
            surname
        } else {
            self::surname(&mut rng)
        };
        out.push(resident::Model {
            id: *last_id,
            household_id: household.id,
            area_path: household.path.clone(),
            name: format!("{surname}{}", given_name(&mut rng, member.female)),
            gender: if member.female {
                Gender::Female
            } else {
                Gender::Male
            },
            birth_date: birth,
            id_number: identity::id_number(*last_id, birth, member.female),
            phone: has_phone(&mut rng, member.age).then(|| identity::phone(&mut rng)),
            relation: member.relation,
            tags: Tag::bits_of(&tags),
            is_party_member: member.age >= 18
                && rng.chance(if member.age >= 60 { 130 } else { 85 }),
            moved_in_on: Some(moved_in.max(birth)),
            moved_out_on: rng
                .chance(10)
                .then(|| date_between(&mut rng, moved_in.max(birth), 365).min(REFERENCE_DATE)),
        });
    }
}

fn push_random_tags(rng: &mut Rng, member: &Member, low_income: bool, tags: &mut Vec<Tag>) {
    let adult = member.age >= 18;
    let odds = [
        (Tag::Disabled, 20),
        (Tag::LowIncome, if low_income { 1000 } else { 0 }),
        (
            Tag::Veteran,
            if adult && !member.female && member.age >= 30 {
                55
            } else {
                0
            },
        ),
        (Tag::SpecialCare, 4),
        (Tag::SeriouslyIll, if member.age >= 40 { 15 } else { 3 }),
        (
            Tag::Unemployed,
            if adult && member.age < 60 { 40 } else { 0 },
        ),
    ];
    for (tag, per_mille) in odds {
        if rng.chance(per_mille) {
            tags.push(tag);
        }
    }
}

fn surname(rng: &mut Rng) -> &'static str {
    let weights = SURNAMES.map(|(_, weight)| weight);
    SURNAMES[rng.weighted(&weights)].0
}

fn given_name(rng: &mut Rng, female: bool) -> String {
    let pool: &[&str] = if female { &FEMALE_GIVEN } else { &MALE_GIVEN };
    let first = rng.pick(pool);
    if rng.chance(300) {
        (*first).to_owned()
    } else {
        format!("{first}{}", rng.pick(pool))
    }
}

/// A birth date at which the person is exactly `age` on the reference date.
fn birth_date(rng: &mut Rng, age: i32) -> NaiveDate {
    let year = REFERENCE_DATE.year() - 1 - age;
    let earliest = NaiveDate::from_ymd_opt(year, 1, 2).unwrap();
    // Up to 30 December, so nobody is born on the reference date itself.
    date_between(rng, earliest, 362)
}

fn date_between(rng: &mut Rng, earliest: NaiveDate, span_days: u32) -> NaiveDate {
    earliest + Days::new(u64::from(rng.below(span_days + 1)))
}

/// Most adults give a mobile number; children and some of the very old have none.
fn has_phone(rng: &mut Rng, age: i32) -> bool {
    match age {
        ..16 => false,
        16..80 => rng.chance(960),
        _ => rng.chance(600),
    }
}
