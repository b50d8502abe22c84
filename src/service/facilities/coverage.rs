//! `facilityCoverage`: per area, the share of households within some minutes' walk of
//! each essential facility type. One grouped statement counts the households of each
//! of the area's buildings; one more reads the open facilities the viewer sees inside
//! the box every building's walk reaches; [`covered`] decides with the exact estimate.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, JoinType, QueryFilter, QuerySelect,
    RelationTrait, Select,
};

use entity::facility::{self, FacilityStatus, FacilityType};
use entity::{building, household, unit};

use crate::access::{self, Viewer, under_path};
use crate::domain::facilities::coverage::{Homes, covered};
use crate::domain::facilities::walking::{BoundingBox, GeoPoint};
use crate::error::AppResult;

/// What the coverage of one area comes to.
pub struct Coverage {
    pub households: u64,
    /// Households covered, per type asked for.
    pub covered: Vec<(FacilityType, u64)>,
}

/// The coverage under `area_path` for `types` within `minutes`, as far as `viewer`
/// sees (households and facilities both).
pub async fn facility_coverage(
    db: &DatabaseConnection,
    viewer: &Viewer,
    area_path: &str,
    minutes: f64,
    types: &[FacilityType],
) -> AppResult<Coverage> {
    let rows: Vec<(Option<f64>, Option<f64>, i64)> = access::visible::<household::Entity>(viewer)
        .filter(under_path(household::Column::Path, area_path))
        .join(JoinType::InnerJoin, household::Relation::Unit.def())
        .join(JoinType::InnerJoin, unit::Relation::Building.def())
        .select_only()
        .column(building::Column::Latitude)
        .column(building::Column::Longitude)
        .column_as(
            Expr::col((household::Entity, household::Column::Id)).count(),
            "households",
        )
        .group_by(building::Column::Id)
        .group_by(building::Column::Latitude)
        .group_by(building::Column::Longitude)
        .into_tuple()
        .all(db)
        .await?;
    let homes: Vec<Homes> = rows
        .into_iter()
        .map(|(latitude, longitude, households)| Homes {
            place: latitude
                .zip(longitude)
                .and_then(|(la, lo)| GeoPoint::new(la, lo)),
            households: u64::try_from(households).unwrap_or(0),
        })
        .collect();
    let households = homes.iter().map(|home| home.households).sum();
    let facilities = access::visible::<facility::Entity>(viewer);
    let places = places_within_reach(db, facilities, &homes, minutes, types).await?;
    Ok(Coverage {
        households,
        covered: covered(&homes, &places, types, minutes),
    })
}

/// The open facilities of `types` among `facilities` inside the box every one of
/// `homes`' walks of `minutes` reaches (none when no home is placed); the caller
/// decides which facilities a viewer counts, the dashboard's coverage uses it too.
pub(crate) async fn places_within_reach(
    db: &impl ConnectionTrait,
    facilities: Select<facility::Entity>,
    homes: &[Homes],
    minutes: f64,
    types: &[FacilityType],
) -> AppResult<Vec<(FacilityType, GeoPoint)>> {
    let Some(reach) = reach(homes, minutes) else {
        return Ok(Vec::new());
    };
    use facility::Column;
    Ok(facilities
        .filter(Column::Status.eq(FacilityStatus::Open))
        .filter(Column::FacilityType.is_in(types.iter().copied()))
        .filter(Column::Latitude.between(reach.min_latitude, reach.max_latitude))
        .filter(Column::Longitude.between(reach.min_longitude, reach.max_longitude))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some((
                row.facility_type,
                GeoPoint::new(row.latitude, row.longitude)?,
            ))
        })
        .collect())
}

/// The box holding every building's walking box; `None` when no building is placed.
fn reach(homes: &[Homes], minutes: f64) -> Option<BoundingBox> {
    homes
        .iter()
        .filter_map(|home| home.place)
        .map(|place| place.walking_box(minutes))
        .reduce(|a, b| BoundingBox {
            min_latitude: a.min_latitude.min(b.min_latitude),
            max_latitude: a.max_latitude.max(b.max_latitude),
            min_longitude: a.min_longitude.min(b.min_longitude),
            max_longitude: a.max_longitude.max(b.max_longitude),
        })
}
