//! The walking-distance estimate behind the 15-minute living circle (15分钟生活圈):
//! the great-circle distance between two points, lengthened by a detour factor, at a
//! walking pace. Good enough to plan with; no road network needed.

/// Mean Earth radius (IUGG), in metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Streets are not straight lines: in Chinese residential districts (gated compounds,
/// few through paths) the walked route is about 1.3 times the straight line, the
/// factor planning studies of the living circle use.
pub const DETOUR_FACTOR: f64 = 1.3;

/// Metres walked per minute: 4.8 km/h, a pace the elderly residents the circle is
/// planned for can keep (the planning standard GB 50180 assumes 15 minutes ≈ 1 km
/// straight-line; 1.3 × 1000 m / 15 min ≈ 87 m/min, and we stay slightly slower).
pub const WALKING_METRES_PER_MINUTE: f64 = 80.0;

/// A point in WGS-84 degrees, checked to lie on the globe.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoPoint {
    latitude: f64,
    longitude: f64,
}

impl GeoPoint {
    /// `None` when a coordinate is out of range or not a number.
    pub fn new(latitude: f64, longitude: f64) -> Option<Self> {
        let valid = (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude);
        valid.then_some(GeoPoint {
            latitude,
            longitude,
        })
    }

    pub fn latitude(self) -> f64 {
        self.latitude
    }

    pub fn longitude(self) -> f64 {
        self.longitude
    }

    /// Great-circle distance in metres (haversine).
    pub fn straight_line_metres(self, other: GeoPoint) -> f64 {
        let (lat1, lat2) = (self.latitude.to_radians(), other.latitude.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.longitude - self.longitude).to_radians();
        let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
    }

    /// Estimated walking time to `other`, in minutes.
    pub fn walking_minutes(self, other: GeoPoint) -> f64 {
        self.straight_line_metres(other) * DETOUR_FACTOR / WALKING_METRES_PER_MINUTE
    }

    /// The latitude/longitude box holding every point within `minutes` of walk: the
    /// cheap prefilter an index range scan answers before the exact estimate.
    pub fn walking_box(self, minutes: f64) -> BoundingBox {
        let radius = minutes * WALKING_METRES_PER_MINUTE / DETOUR_FACTOR;
        let dlat = (radius / EARTH_RADIUS_M).to_degrees();
        // Degrees of longitude shrink with the cosine of latitude; near the poles the
        // box spans every longitude.
        let cos = self.latitude.to_radians().cos();
        let dlon = if cos < 1e-6 { 360.0 } else { dlat / cos };
        let (min_longitude, max_longitude) = if dlon >= 180.0 {
            (-180.0, 180.0)
        } else {
            (
                (self.longitude - dlon).max(-180.0),
                (self.longitude + dlon).min(180.0),
            )
        };
        BoundingBox {
            min_latitude: (self.latitude - dlat).max(-90.0),
            max_latitude: (self.latitude + dlat).min(90.0),
            min_longitude,
            max_longitude,
        }
    }
}

/// A latitude/longitude range (degrees), both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoundingBox {
    pub min_latitude: f64,
    pub max_latitude: f64,
    pub min_longitude: f64,
    pub max_longitude: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(latitude: f64, longitude: f64) -> GeoPoint {
        GeoPoint::new(latitude, longitude).unwrap()
    }

    #[test]
    fn one_thousandth_of_a_degree_of_latitude_is_about_111_metres() {
        // 2π × 6 371 008.8 m / 360 / 1000 = 111.195 m.
        let metres = point(39.9, 116.4).straight_line_metres(point(39.901, 116.4));
        assert!((metres - 111.195).abs() < 0.01, "{metres}");
    }

    #[test]
    fn longitude_degrees_shrink_with_latitude() {
        // At 39.9°N: 111.195 m × cos(39.9°) = 111.195 × 0.767165 = 85.305 m.
        let metres = point(39.9, 116.4).straight_line_metres(point(39.9, 116.401));
        assert!((metres - 85.305).abs() < 0.01, "{metres}");
    }

    #[test]
    fn walking_minutes_apply_the_detour_and_the_pace() {
        // 0.008° of latitude = 889.56 m; × 1.3 = 1156.43 m; ÷ 80 m/min = 14.455 min.
        let minutes = point(39.9, 116.4).walking_minutes(point(39.908, 116.4));
        assert!((minutes - 14.455).abs() < 0.001, "{minutes}");
        // 0.009° = 1000.76 m → 16.26 min: outside the circle.
        assert!(point(39.9, 116.4).walking_minutes(point(39.909, 116.4)) > 15.0);
    }

    #[test]
    fn the_box_holds_every_point_within_reach() {
        let home = point(39.9, 116.4);
        let bounds = home.walking_box(15.0);
        // 15 min × 80 / 1.3 = 923.08 m = 0.0083016° of latitude.
        assert!((bounds.max_latitude - 39.9 - 0.0083016).abs() < 1e-6);
        let east = point(39.9, bounds.max_longitude);
        assert!((home.walking_minutes(east) - 15.0).abs() < 0.01);
    }

    #[test]
    fn coordinates_off_the_globe_are_refused() {
        assert!(GeoPoint::new(90.5, 0.0).is_none());
        assert!(GeoPoint::new(0.0, -180.1).is_none());
        assert!(GeoPoint::new(f64::NAN, 0.0).is_none());
        assert!(GeoPoint::new(-90.0, 180.0).is_some());
    }

    #[test]
    fn the_box_near_a_pole_spans_every_longitude() {
        let bounds = point(90.0, 10.0).walking_box(15.0);
        assert_eq!(
            (bounds.min_longitude, bounds.max_longitude),
            (-180.0, 180.0)
        );
        assert_eq!(bounds.max_latitude, 90.0);
    }
}
