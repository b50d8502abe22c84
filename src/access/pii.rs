//! Personal-information masking: the one mechanism that decides how a resident's or a
//! household's personal fields reach a viewer. The schema has the same shape for every
//! role; what changes is whether a value arrives whole, masked, or as null.

use chrono::NaiveDate;

use entity::{household, party_member, resident};

use super::policy::{self, Disclosure, PiiClass};
use super::request_actions::{RequestFacts, is_dispatcher};
use super::viewer::PrincipalKind;
use super::viewer::Viewer;
use crate::domain::age::age_on;
use crate::domain::tags::{ADULT_AGE, ELDERLY_AGE, ResidentTag};

/// Under this age everything about a child is S3 (Asia/Shanghai time).
pub const PROTECTED_CHILD_AGE: i32 = 14;

/// How one row's S2 and S3 fields are disclosed to the viewer.
#[derive(Clone, Copy, Debug)]
pub struct Lens {
    s2: Disclosure,
    s3: Disclosure,
}

impl Lens {
    /// The lens for a row at `row_path`; `is_self` when the row is the viewer's own
    /// resident record.
    pub fn for_row(viewer: &Viewer, row_path: &str, is_self: bool) -> Lens {
        match viewer {
            Viewer::System => Lens::FULL,
            Viewer::Anonymous => Lens::MASKED,
            Viewer::Principal(_) if is_self => Lens::FULL,
            Viewer::Principal(principal) => {
                let (s2, s3) = policy::disclosures(principal, row_path);
                Lens { s2, s3 }
            }
        }
    }

    const FULL: Lens = Lens {
        s2: Disclosure::Full,
        s3: Disclosure::Full,
    };
    const MASKED: Lens = Lens {
        s2: Disclosure::Masked,
        s3: Disclosure::Masked,
    };

    pub fn shows(self, class: PiiClass) -> bool {
        match class {
            PiiClass::S2 => self.s2 == Disclosure::Full,
            PiiClass::S3 => self.s3 == Disclosure::Full,
        }
    }
}

/// A resident as the viewer may see them.
pub struct ResidentView<'a> {
    model: &'a resident::Model,
    lens: Lens,
    age: i32,
}

impl<'a> ResidentView<'a> {
    pub fn new(viewer: &Viewer, model: &'a resident::Model, today: NaiveDate) -> Self {
        let is_self = viewer
            .principal()
            .is_some_and(|principal| principal.resident_id == Some(model.id));
        ResidentView {
            lens: Lens::for_row(viewer, &model.area_path, is_self),
            age: age_on(model.birth_date, today),
            model,
        }
    }

    /// Name, phone, birth date and household facts are S2, but S3 for a child under 14.
    fn personal(&self) -> PiiClass {
        if self.age < PROTECTED_CHILD_AGE {
            PiiClass::S3
        } else {
            PiiClass::S2
        }
    }

    fn shows_personal(&self) -> bool {
        self.lens.shows(self.personal())
    }

    pub fn name(&self) -> String {
        if self.shows_personal() {
            self.model.name.clone()
        } else {
            mask_name(&self.model.name)
        }
    }

    pub fn phone(&self) -> Option<String> {
        let phone = self.model.phone.as_deref()?;
        Some(if self.shows_personal() {
            phone.to_owned()
        } else {
            mask_phone(phone)
        })
    }

    pub fn id_number(&self) -> String {
        if self.lens.shows(PiiClass::S3) {
            self.model.id_number.clone()
        } else {
            mask_id_number(&self.model.id_number)
        }
    }

    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.shows_personal().then_some(self.model.birth_date)
    }

    pub fn age(&self) -> Option<i32> {
        self.shows_personal().then_some(self.age)
    }

    /// Always shown: a band is what a role that may not see the birth date needs.
    pub fn age_band(&self) -> &'static str {
        age_band(self.age)
    }

    /// Shown only with the household's composition (S2).
    pub fn shows_household_facts(&self) -> bool {
        self.shows_personal()
    }

    /// Age tags always; other tags by their class; nothing more about a young child.
    pub fn tags(&self) -> Vec<ResidentTag> {
        let derived = if self.age >= ELDERLY_AGE as i32 {
            Some(ResidentTag::Elderly)
        } else if self.age < ADULT_AGE as i32 {
            Some(ResidentTag::Child)
        } else {
            None
        };
        let stored = ResidentTag::from_bits(self.model.tags).filter(|tag| {
            let class = if self.age < PROTECTED_CHILD_AGE {
                PiiClass::S3
            } else {
                tag_class(*tag)
            };
            self.lens.shows(class)
        });
        derived.into_iter().chain(stored).collect()
    }
}

/// A household as the viewer may see it: the room (and the code that embeds it) is S2.
pub struct HouseholdView<'a> {
    model: &'a household::Model,
    lens: Lens,
}

impl<'a> HouseholdView<'a> {
    pub fn new(viewer: &Viewer, model: &'a household::Model) -> Self {
        HouseholdView {
            lens: Lens::for_row(viewer, &model.path, false),
            model,
        }
    }

    pub fn room(&self) -> Option<String> {
        self.lens
            .shows(PiiClass::S2)
            .then(|| self.model.room.clone())
    }

    pub fn code(&self) -> String {
        if self.lens.shows(PiiClass::S2) {
            self.model.code.clone()
        } else {
            // The last four digits are the room.
            let keep = self.model.code.len().saturating_sub(4);
            format!("{}****", &self.model.code[..keep])
        }
    }

    pub fn registered_address(&self) -> Option<String> {
        self.model
            .registered_address
            .clone()
            .filter(|_| self.lens.shows(PiiClass::S2))
    }
}

/// A party member as the viewer may see them: membership is S2, like a resident's
/// name, except that a member who shows their identity (亮身份) shows their name to
/// everyone who reaches the row.
pub struct PartyMemberView<'a> {
    model: &'a party_member::Model,
    lens: Lens,
}

impl<'a> PartyMemberView<'a> {
    pub fn new(viewer: &Viewer, model: &'a party_member::Model) -> Self {
        let is_self = viewer.principal().is_some_and(|principal| {
            (principal.kind == PrincipalKind::User && model.user_id == Some(principal.id))
                || (model.resident_id.is_some() && principal.resident_id == model.resident_id)
        });
        PartyMemberView {
            lens: Lens::for_row(viewer, &model.area_path, is_self),
            model,
        }
    }

    pub fn name(&self) -> String {
        if self.model.shows_identity || self.lens.shows(PiiClass::S2) {
            self.model.name.clone()
        } else {
            mask_name(&self.model.name)
        }
    }

    pub fn joined_on(&self) -> Option<NaiveDate> {
        self.lens
            .shows(PiiClass::S2)
            .then_some(self.model.joined_on)
    }

    /// Whether the links to the person's records (resident, account) are shown.
    pub fn shows_person(&self) -> bool {
        self.lens.shows(PiiClass::S2)
    }
}

/// An anonymous reporter's contact on a request at `row_path`, as the viewer may see it:
/// S2, like a resident's name and phone. `is_own` when the viewer reported it.
pub fn contact(
    viewer: &Viewer,
    row_path: &str,
    is_own: bool,
    name: &str,
    phone: &str,
) -> (String, String) {
    if Lens::for_row(viewer, row_path, is_own).shows(PiiClass::S2) {
        (name.to_owned(), phone.to_owned())
    } else {
        (mask_name(name), mask_phone(phone))
    }
}

/// A co-building unit's contact person at `row_path`, as the viewer may see them: S2,
/// like an anonymous reporter's contact.
pub fn unit_contact(
    viewer: &Viewer,
    row_path: &str,
    name: Option<&str>,
    phone: Option<&str>,
) -> (Option<String>, Option<String>) {
    if Lens::for_row(viewer, row_path, false).shows(PiiClass::S2) {
        (name.map(str::to_owned), phone.map(str::to_owned))
    } else {
        (name.map(mask_name), phone.map(mask_phone))
    }
}

/// Whether the viewer reads the details (description, attachments, reporter, contact)
/// of a request of a sensitive category (social assistance, elderly care: S3 by
/// nature). Only those who handle it do: its reporter, its assignee, and dispatchers at
/// its level or above. Everyone else in scope sees that it exists, not what it says.
pub fn shows_request_details(viewer: &Viewer, facts: RequestFacts<'_>, sensitive: bool) -> bool {
    if !sensitive {
        return true;
    }
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => {
            let me = Some(principal.id);
            principal.kind == PrincipalKind::User
                && (facts.reporter == me
                    || facts.assignee == me
                    || is_dispatcher(principal, facts.area_path, facts.level))
        }
    }
}

/// The class of a stored tag: special groups are S3, living arrangements S2.
pub fn tag_class(tag: ResidentTag) -> PiiClass {
    match tag {
        ResidentTag::LivingAlone | ResidentTag::EmptyNest | ResidentTag::Veteran => PiiClass::S2,
        _ => PiiClass::S3,
    }
}

/// Whether the viewer may filter or order on a field of `class`: only when it sees that
/// class in full on every row it reaches, so a masked value cannot be probed.
pub fn may_filter(viewer: &Viewer, class: PiiClass) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => policy::full_everywhere(principal, class),
    }
}

/// `张三丰` → `张**`.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    let first: String = chars.next().into_iter().collect();
    first + &"*".repeat(chars.count().max(1))
}

/// `13812345678` → `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone, 3, 4)
}

/// `110105194912310021` → `110***********0021`.
pub fn mask_id_number(id: &str) -> String {
    mask_middle(id, 3, 4)
}

fn mask_middle(value: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let middle = chars.len() - head - tail;
    chars[..head].iter().collect::<String>()
        + &"*".repeat(middle)
        + &chars[chars.len() - tail..].iter().collect::<String>()
}

/// Age bands as shown instead of a birth date.
pub fn age_band(age: i32) -> &'static str {
    match age {
        ..=13 => "0-13",
        14..=17 => "14-17",
        18..=29 => "18-29",
        30..=39 => "30-39",
        40..=49 => "40-49",
        50..=59 => "50-59",
        60..=69 => "60-69",
        70..=79 => "70-79",
        _ => "80+",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_the_agreed_shape() {
        assert_eq!(mask_name("张三丰"), "张**");
        assert_eq!(mask_name("王"), "王*");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_id_number("11010519491231002X"), "110***********002X");
    }

    #[test]
    fn bands_cover_every_age() {
        assert_eq!(age_band(13), "0-13");
        assert_eq!(age_band(14), "14-17");
        assert_eq!(age_band(60), "60-69");
        assert_eq!(age_band(101), "80+");
    }
}
