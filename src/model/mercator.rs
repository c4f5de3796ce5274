//! Web-Mercator helpers in the unit square that walkers projects to (x and y in 0..=1 at zoom 0).

use std::f64::consts::PI;

use super::geo::LonLat;

/// The latitude at which Web Mercator becomes a square; beyond it the projection is clamped.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// A point in normalised Web-Mercator space: x grows east from -180° (0.0) to 180° (1.0),
/// y grows south from the top of the square (0.0) to its bottom (1.0), as on screen.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct MercatorPoint {
    pub x: f64,
    pub y: f64,
}

impl MercatorPoint {
    pub fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// The straight-line distance to `other`, in Mercator units.
    pub fn distance(self, other: MercatorPoint) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// Projects a longitude and latitude in degrees; latitudes beyond ±85.05° are clamped.
pub fn project(lon: f64, lat: f64) -> MercatorPoint {
    let lat = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - lat.tan().asinh() / PI) / 2.0;
    MercatorPoint { x, y }
}

/// The inverse of [`project`]: degrees of longitude and latitude.
pub fn unproject(point: MercatorPoint) -> LonLat {
    let lon = point.x * 360.0 - 180.0;
    let lat = ((1.0 - 2.0 * point.y) * PI).sinh().atan().to_degrees();
    LonLat::new(lon, lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projecting_then_unprojecting_returns_the_same_place() {
        for (lon, lat) in [(0.0, 0.0), (37.6, 55.7), (-179.9, -60.0), (179.9, 84.0)] {
            let back = unproject(project(lon, lat));
            assert!((lon - back.lon).abs() < 1e-9 && (lat - back.lat).abs() < 1e-9);
        }
    }

    #[test]
    fn the_equator_and_greenwich_meet_at_the_centre_of_the_square() {
        let centre = project(0.0, 0.0);
        assert!((centre.x - 0.5).abs() < 1e-12 && (centre.y - 0.5).abs() < 1e-12);
    }
}
