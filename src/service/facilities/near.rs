//! `facilitiesNear`: the visible open facilities within some minutes' walk of a
//! building. The indexed latitude/longitude box narrows the rows in SQL; the exact
//! estimate ([`GeoPoint::walking_minutes`]) decides.

use sea_orm::{ColumnTrait, QueryFilter};

use entity::{building, facility};

use crate::access;
use crate::domain::facilities::walking::GeoPoint;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;

/// A facility and how far it is.
pub struct Nearby {
    pub facility: facility::Model,
    pub straight_line_metres: f64,
    pub walking_minutes: f64,
}

/// Nearest first; ties by id. A building without coordinates has no circle.
pub async fn facilities_near(
    request: &RequestContext,
    building: &building::Model,
    minutes: f64,
    types: Option<Vec<facility::FacilityType>>,
) -> AppResult<Vec<Nearby>> {
    let Some(home) = building
        .latitude
        .zip(building.longitude)
        .and_then(|(latitude, longitude)| GeoPoint::new(latitude, longitude))
    else {
        return Ok(Vec::new());
    };
    let bounds = home.walking_box(minutes);
    use facility::Column;
    let mut select = access::visible::<facility::Entity>(&request.viewer)
        .filter(Column::Status.eq(facility::FacilityStatus::Open))
        .filter(Column::Latitude.between(bounds.min_latitude, bounds.max_latitude))
        .filter(Column::Longitude.between(bounds.min_longitude, bounds.max_longitude));
    if let Some(types) = types {
        select = select.filter(Column::FacilityType.is_in(types));
    }
    let rows = select.all(&request.db).await?;
    let mut near: Vec<Nearby> = rows
        .into_iter()
        .filter_map(|facility| {
            let place = GeoPoint::new(facility.latitude, facility.longitude)?;
            let walking_minutes = home.walking_minutes(place);
            (walking_minutes <= minutes).then(|| Nearby {
                straight_line_metres: home.straight_line_metres(place),
                walking_minutes,
                facility,
            })
        })
        .collect();
    near.sort_by(|a, b| {
        a.walking_minutes
            .total_cmp(&b.walking_minutes)
            .then(a.facility.id.cmp(&b.facility.id))
    });
    Ok(near)
}
