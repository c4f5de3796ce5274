//! Places on the globe in degrees, and the rules every file's coordinates keep.

use serde::{Deserialize, Serialize};

/// A place in degrees: longitude east and latitude north (WGS 84), as GeoJSON orders them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// Whether both numbers are finite and within ±180° and ±90°.
    ///
    /// # Examples
    /// ```
    /// use alliance_map::model::geo::LonLat;
    /// assert!(LonLat::new(44.51, 40.18).is_valid());
    /// assert!(!LonLat::new(200.0, 0.0).is_valid());
    /// assert!(!LonLat::new(f64::NAN, 0.0).is_valid());
    /// ```
    pub fn is_valid(self) -> bool {
        self.lon.is_finite()
            && self.lat.is_finite()
            && self.lon.abs() <= 180.0
            && self.lat.abs() <= 90.0
    }

    /// The same place with its longitude brought within ±180°.
    pub fn wrapped(self) -> Self {
        Self::new(wrap_longitude(self.lon), self.lat)
    }

    pub fn to_array(self) -> [f64; 2] {
        [self.lon, self.lat]
    }
}

impl From<[f64; 2]> for LonLat {
    fn from([lon, lat]: [f64; 2]) -> Self {
        Self::new(lon, lat)
    }
}

/// `lon` moved by whole turns to lie within 180° of `previous`, so that a line drawn from one
/// to the other never streaks the long way round the map.
pub fn unwrap_longitude(lon: f64, previous: f64) -> f64 {
    let turns = ((lon - previous) / 360.0).round();
    lon - turns * 360.0
}

/// Makes consecutive longitudes of a line or ring continuous (a ring across the 180° line gets
/// longitudes past ±180) so that it is drawn as one piece. Linear in the number of points,
/// however many times the line circles the globe.
pub fn unwrap_longitudes(points: &mut [[f64; 2]]) {
    for i in 1..points.len() {
        points[i][0] = unwrap_longitude(points[i][0], points[i - 1][0]);
    }
}

/// A longitude brought within ±180°: the map repeats east and west, a place has one name.
pub fn wrap_longitude(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_across_the_180th_meridian_continues_past_it() {
        let mut line = [[179.0, 0.0], [-179.0, 0.0], [-178.0, 1.0]];
        unwrap_longitudes(&mut line);
        assert_eq!(line, [[179.0, 0.0], [181.0, 0.0], [182.0, 1.0]]);
    }

    #[test]
    fn a_line_circling_the_globe_many_times_keeps_every_step_short() {
        let mut line: Vec<[f64; 2]> = (0..4000)
            .map(|i| [((i * 7) % 360) as f64 - 180.0, 0.0])
            .collect();
        unwrap_longitudes(&mut line);
        assert!(line.windows(2).all(|w| (w[1][0] - w[0][0]).abs() <= 180.0));
        assert!(line[line.len() - 1][0] > 20_000.0);
    }

    #[test]
    fn unwrapping_a_400k_point_line_circling_the_globe_leaves_no_jump_over_180_degrees() {
        let mut line: Vec<[f64; 2]> = (0..400_000)
            .map(|i| [((i * 7) % 360) as f64 - 180.0, 0.0])
            .collect();
        unwrap_longitudes(&mut line);
        assert!(line.windows(2).all(|w| (w[1][0] - w[0][0]).abs() <= 180.0));
        assert!(line[line.len() - 1][0] > 2_000_000.0);
    }

    #[test]
    fn wrapping_brings_a_longitude_back_within_a_turn() {
        assert_eq!(LonLat::new(190.0, 5.0).wrapped(), LonLat::new(-170.0, 5.0));
        assert_eq!(LonLat::new(-540.0, 5.0).wrapped(), LonLat::new(-180.0, 5.0));
    }
}
