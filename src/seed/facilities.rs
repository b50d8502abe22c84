//! Demo facilities (阵地): five per community, placed around the community's centre
//! (where its buildings are scattered, ±0.004°) so that the 15-minute living circle has
//! both answers: most buildings reach most facilities, the health station lies to the
//! north, out of reach of the southern buildings.

use chrono::{DateTime, Utc};
use entity::community;
use entity::facility::{self, FacilityStatus, FacilityType};

use super::generate::Ids;

/// Type, name suffix, offset from the centre (0.0001° units, north and east), capacity.
const LAYOUT: [(FacilityType, &str, (i32, i32), i32); 5] = [
    (
        FacilityType::PartyMassServiceCenter,
        "党群服务中心",
        (0, 0),
        120,
    ),
    (FacilityType::ElderlyCanteen, "老年食堂", (30, -20), 60),
    (
        FacilityType::MinorsActivityRoom,
        "未成年人活动室",
        (-25, 35),
        40,
    ),
    (
        FacilityType::CivilisationPracticeStation,
        "新时代文明实践站",
        (0, 60),
        80,
    ),
    (FacilityType::HealthStation, "社区卫生服务站", (120, 0), 30),
];

/// The facilities of `community`, whose buildings lie around `centre`.
pub fn for_community(
    ids: &mut Ids,
    community: &community::Model,
    address: &str,
    centre: (i32, i32),
) -> Vec<facility::Model> {
    // A fixed registration time keeps the dataset identical from run to run.
    let registered: DateTime<Utc> = DateTime::from_timestamp(1_764_547_200, 0).unwrap_or_default();
    LAYOUT
        .iter()
        .map(|(facility_type, suffix, (north, east), capacity)| {
            ids.facility += 1;
            facility::Model {
                id: ids.facility,
                name: format!("{}{suffix}", community.name),
                facility_type: *facility_type,
                address: format!("{address}{suffix}"),
                area_kind: "community".to_owned(),
                area_id: community.id,
                area_path: community.path.clone(),
                latitude: f64::from(centre.0 + north) / 10_000.0,
                longitude: f64::from(centre.1 + east) / 10_000.0,
                capacity: *capacity,
                manager_user_id: None,
                status: FacilityStatus::Open,
                created_at: registered,
                updated_at: registered,
                version: 1,
            }
        })
        .collect()
}
