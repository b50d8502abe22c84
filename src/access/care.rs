//! Care profiles (关爱档案) under the access policy: who records them, and how each of
//! their fields reaches a viewer. The whole profile is about health, disability or a
//! special group, so its assessment, disability and left-behind facts are S3; living
//! arrangement and contacts are S2; everything about a child under 14 is S3; the
//! emergency contact's phone is masked unless the viewer sees S3 in full.

use chrono::NaiveDate;

use entity::care_profile::{self, DisabilityType, LivingArrangement};

use super::pii::{Lens, PROTECTED_CHILD_AGE, mask_name, mask_phone};
use super::policy::PiiClass;
use super::roles::Role;
use super::viewer::{PrincipalKind, Viewer};
use crate::domain::age::age_on;

/// Whether `viewer` may record the care profile of a resident at `resident_path`: the
/// front line (grid workers, grid leaders) and community staff over that resident.
pub fn may_record(viewer: &Viewer, resident_path: &str) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => {
            principal.kind == PrincipalKind::User
                && principal.grants.iter().any(|grant| {
                    matches!(
                        grant.role,
                        Role::CommunityStaff | Role::GridWorker | Role::GridLeader
                    ) && super::path_is_under(resident_path, &grant.area.path)
                })
        }
    }
}

/// A care profile as the viewer may see it.
pub struct CareView<'a> {
    model: &'a care_profile::Model,
    lens: Lens,
    young_child: bool,
}

impl<'a> CareView<'a> {
    pub fn new(
        viewer: &Viewer,
        model: &'a care_profile::Model,
        birth_date: NaiveDate,
        today: NaiveDate,
    ) -> Self {
        let is_self = viewer
            .principal()
            .is_some_and(|principal| principal.resident_id == Some(model.resident_id));
        CareView {
            lens: Lens::for_row(viewer, &model.area_path, is_self),
            young_child: age_on(birth_date, today) < PROTECTED_CHILD_AGE,
            model,
        }
    }

    /// S2, or S3 about a child under 14.
    fn personal(&self) -> bool {
        self.lens.shows(if self.young_child {
            PiiClass::S3
        } else {
            PiiClass::S2
        })
    }

    fn sensitive(&self) -> bool {
        self.lens.shows(PiiClass::S3)
    }

    pub fn living_arrangement(&self) -> Option<LivingArrangement> {
        self.model.living_arrangement.filter(|_| self.personal())
    }

    /// Level, date and the four dimension grades, or nothing.
    pub fn assessment(&self) -> Option<(i32, NaiveDate, [Option<i32>; 4])> {
        let m = self.model;
        let dimensions = [
            m.daily_living,
            m.cognition,
            m.perception_communication,
            m.social_participation,
        ];
        m.ability_level
            .zip(m.assessed_on)
            .filter(|_| self.sensitive())
            .map(|(level, on)| (level, on, dimensions))
    }

    pub fn disability(&self) -> Option<(DisabilityType, i32)> {
        self.model
            .disability_type
            .zip(self.model.disability_grade)
            .filter(|_| self.sensitive())
    }

    /// The regular contact: name and phone, masked like a resident's.
    pub fn regular_contact(&self) -> Option<(String, String)> {
        let name = self.model.regular_contact_name.as_deref()?;
        let phone = self.model.regular_contact_phone.as_deref()?;
        Some(self.contact(name, phone, self.personal()))
    }

    /// The emergency contact: the phone in full only to those who see S3.
    pub fn emergency_contact(&self) -> Option<(String, String)> {
        let name = self.model.emergency_contact_name.as_deref()?;
        let phone = self.model.emergency_contact_phone.as_deref()?;
        Some(self.contact(name, phone, self.sensitive()))
    }

    pub fn left_behind(&self) -> Option<bool> {
        self.model.left_behind.filter(|_| self.sensitive())
    }

    pub fn guardian(&self) -> Option<(String, String)> {
        let name = self.model.guardian_name.as_deref()?;
        let phone = self.model.guardian_phone.as_deref()?;
        Some(self.contact(name, phone, self.personal()))
    }

    pub fn guardian_relation(&self) -> Option<String> {
        self.model
            .guardian_relation
            .clone()
            .filter(|_| self.personal())
    }

    pub fn school(&self) -> Option<String> {
        self.model.school.clone().filter(|_| self.personal())
    }

    fn contact(&self, name: &str, phone: &str, full_phone: bool) -> (String, String) {
        let name = if self.personal() {
            name.to_owned()
        } else {
            mask_name(name)
        };
        let phone = if full_phone {
            phone.to_owned()
        } else {
            mask_phone(phone)
        };
        (name, phone)
    }
}

#[cfg(test)]
#[path = "care_tests.rs"]
mod tests;
