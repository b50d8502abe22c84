//! The share of an area's households that live within some minutes' walk of each
//! essential facility type (15分钟生活圈覆盖率). A household is covered when its
//! building reaches a facility of the type by [`GeoPoint::walking_minutes`]; the
//! households of buildings without coordinates are counted, never covered.

use entity::facility::FacilityType;

use super::walking::GeoPoint;

/// The facility types every home should reach: party-mass service centres, minors'
/// activity rooms, civilisation practice stations and elderly canteens.
pub const ESSENTIAL: [FacilityType; 4] = [
    FacilityType::PartyMassServiceCenter,
    FacilityType::MinorsActivityRoom,
    FacilityType::CivilisationPracticeStation,
    FacilityType::ElderlyCanteen,
];

/// A building and how many households live in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Homes {
    pub place: Option<GeoPoint>,
    pub households: u64,
}

/// Households covered, per type in the order of `types`.
pub fn covered(
    homes: &[Homes],
    facilities: &[(FacilityType, GeoPoint)],
    types: &[FacilityType],
    minutes: f64,
) -> Vec<(FacilityType, u64)> {
    types
        .iter()
        .map(|kind| {
            let of_kind: Vec<GeoPoint> = facilities
                .iter()
                .filter(|(other, _)| other == kind)
                .map(|(_, at)| *at)
                .collect();
            (*kind, households_reaching(homes, &of_kind, minutes))
        })
        .collect()
}

/// Households within `minutes` of any of `facilities`, whatever its type (the
/// dashboard's 15-minute coverage: the caller picks the types).
pub fn covered_by_any(
    homes: &[Homes],
    facilities: &[(FacilityType, GeoPoint)],
    minutes: f64,
) -> u64 {
    let places: Vec<GeoPoint> = facilities.iter().map(|(_, at)| *at).collect();
    households_reaching(homes, &places, minutes)
}

/// The households of the placed homes within `minutes` of one of `places`.
fn households_reaching(homes: &[Homes], places: &[GeoPoint], minutes: f64) -> u64 {
    homes
        .iter()
        .filter(|home| {
            home.place.is_some_and(|place| {
                places
                    .iter()
                    .any(|at| place.walking_minutes(*at) <= minutes)
            })
        })
        .map(|home| home.households)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(latitude: f64) -> Option<GeoPoint> {
        GeoPoint::new(latitude, 116.4)
    }

    /// Two placed buildings 0.017° apart (6 and 4 households) and one without a place.
    fn three_buildings() -> [Homes; 3] {
        [
            Homes {
                place: at(39.9),
                households: 6,
            },
            Homes {
                place: at(39.917),
                households: 4,
            },
            Homes {
                place: None,
                households: 3,
            },
        ]
    }

    #[test]
    fn a_building_counts_its_households_for_each_type_it_reaches() {
        // 0.008° of latitude is 14.455 minutes' walk, 0.009° is 16.26.
        let homes = three_buildings();
        let canteen = (FacilityType::ElderlyCanteen, at(39.908).unwrap());
        let room = (FacilityType::MinorsActivityRoom, at(39.892).unwrap());
        let types = [
            FacilityType::ElderlyCanteen,
            FacilityType::MinorsActivityRoom,
            FacilityType::HealthStation,
        ];
        let found = covered(&homes, &[canteen, room], &types, 15.0);
        assert_eq!(
            found,
            vec![
                (FacilityType::ElderlyCanteen, 6),
                (FacilityType::MinorsActivityRoom, 6),
                (FacilityType::HealthStation, 0),
            ]
        );
        // Moved 0.001° north, the canteen is 0.009° from the first building (out of
        // reach) and 0.008° from the second (in reach).
        let moved = (FacilityType::ElderlyCanteen, at(39.909).unwrap());
        let found = covered(&homes, &[moved], &types[..1], 15.0);
        assert_eq!(found, vec![(FacilityType::ElderlyCanteen, 4)]);
    }

    #[test]
    fn a_household_is_covered_once_whichever_type_it_reaches() {
        let homes = three_buildings();
        // Both reach the first building only; the second is 0.017° from the room.
        let canteen = (FacilityType::ElderlyCanteen, at(39.908).unwrap());
        let room = (FacilityType::MinorsActivityRoom, at(39.892).unwrap());
        assert_eq!(covered_by_any(&homes, &[canteen, room], 15.0), 6);
        let north = (FacilityType::HealthStation, at(39.917).unwrap());
        assert_eq!(covered_by_any(&homes, &[canteen, north], 15.0), 10);
        assert_eq!(covered_by_any(&homes, &[], 15.0), 0);
    }
}
