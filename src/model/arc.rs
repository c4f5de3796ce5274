//! Great-circle arcs between two places, densified so that they draw as curves on Mercator.

use super::geo::{LonLat, unwrap_longitude};

/// The Earth's mean radius (IUGG), of the sphere the arcs are drawn on.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The great-circle distance between two places, in kilometres.
pub fn distance_km(from: LonLat, to: LonLat) -> f64 {
    dot(to_vector(from), to_vector(to)).clamp(-1.0, 1.0).acos() * EARTH_RADIUS_KM
}

/// Densifies the shortest great-circle path from `from` to `to` into points at most
/// `max_step_km` apart. Longitudes are unwrapped so that consecutive points
/// never jump by more than 180°: an arc across the Pacific continues past ±180 instead of
/// streaking back across the whole map.
///
/// Two antipodal places have no shortest great circle (every one through them is as short),
/// and interpolating between them is undefined, which once drew zigzags with longitudes
/// down to -691. For them, and for places so nearly opposite that the interpolation loses its
/// precision, the arc leaves `from` heading due east: that circle stays as far from the poles
/// as `from` is, so it never crosses one, and its longitudes grow steadily by 180°. From a
/// pole, where east means nothing, it follows the meridian of `to`.
pub fn great_circle(from: LonLat, to: LonLat, max_step_km: f64) -> Vec<LonLat> {
    let (a, b) = (to_vector(from), to_vector(to));
    let cos_angle = dot(a, b).clamp(-1.0, 1.0);
    let angle = cos_angle.acos();
    let steps = (angle * EARTH_RADIUS_KM / max_step_km.max(1.0))
        .ceil()
        .clamp(1.0, 100_000.0) as usize;
    // Along the circle from `a` in the direction `towards` (a unit vector square to `a`).
    let towards = if angle.sin() < NEARLY_OPPOSITE {
        antipodal_direction(a, to)
    } else {
        let off = [
            b[0] - cos_angle * a[0],
            b[1] - cos_angle * a[1],
            b[2] - cos_angle * a[2],
        ];
        normalized(off)
    };
    let mut points = Vec::with_capacity(steps + 1);
    let mut previous_lon = from.lon;
    points.push(from);
    for step in 1..steps {
        let turned = angle * step as f64 / steps as f64;
        let (sin, cos) = turned.sin_cos();
        let p = [
            cos * a[0] + sin * towards[0],
            cos * a[1] + sin * towards[1],
            cos * a[2] + sin * towards[2],
        ];
        let place = to_lon_lat(p);
        let lon = unwrap_longitude(place.lon, previous_lon);
        previous_lon = lon;
        points.push(LonLat::new(lon, place.lat));
    }
    if steps >= 1 && from != to {
        points.push(LonLat::new(unwrap_longitude(to.lon, previous_lon), to.lat));
    } else if steps >= 1 {
        points.push(from);
    }
    points
}

/// Below this sine of the angle between two places, they count as opposite.
const NEARLY_OPPOSITE: f64 = 1e-9;

fn to_vector(place: LonLat) -> [f64; 3] {
    let (lon, lat) = (place.lon.to_radians(), place.lat.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn to_lon_lat(v: [f64; 3]) -> LonLat {
    let lat = v[2].clamp(-1.0, 1.0).asin().to_degrees();
    let lon = v[1].atan2(v[0]).to_degrees();
    LonLat::new(lon, lat)
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn normalized(v: [f64; 3]) -> [f64; 3] {
    let length = dot(v, v).sqrt();
    if length == 0.0 || !length.is_finite() {
        return [1.0, 0.0, 0.0];
    }
    [v[0] / length, v[1] / length, v[2] / length]
}

/// The direction to leave `a` in towards its antipode: due east, or from a pole along the
/// meridian of `to`.
fn antipodal_direction(a: [f64; 3], to: LonLat) -> [f64; 3] {
    // East at `a` is the north axis crossed with `a`.
    let east = [-a[1], a[0], 0.0];
    if dot(east, east).sqrt() > 1e-9 {
        return normalized(east);
    }
    // From either pole, moving towards the equator at `to`'s longitude keeps to its meridian.
    let lon = to.lon.to_radians();
    [lon.cos(), lon.sin(), 0.0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arc_starts_and_ends_at_its_endpoints() {
        let arc = great_circle(LonLat::new(27.56, 53.9), LonLat::new(21.01, 52.23), 50.0);
        let first = arc[0];
        let last = arc[arc.len() - 1];
        assert!((first.lon - 27.56).abs() < 1e-9 && (first.lat - 53.9).abs() < 1e-9);
        assert!((last.lon - 21.01).abs() < 1e-9 && (last.lat - 52.23).abs() < 1e-9);
        assert!(arc.len() > 5);
    }

    #[test]
    fn an_arc_across_the_pacific_does_not_jump_across_the_map() {
        let arc = great_circle(LonLat::new(170.0, 60.0), LonLat::new(-170.0, 60.0), 100.0);
        assert!(arc.windows(2).all(|w| (w[1].lon - w[0].lon).abs() < 10.0));
        assert!((arc[arc.len() - 1].lon - 190.0).abs() < 1e-9);
    }

    fn assert_continuous(arc: &[LonLat]) {
        for w in arc.windows(2) {
            assert!(
                (w[1].lon - w[0].lon).abs() < 20.0 && (w[1].lat - w[0].lat).abs() < 20.0,
                "a jump from {:?} to {:?}",
                w[0],
                w[1]
            );
        }
    }

    #[test]
    fn an_arc_between_antipodes_is_a_steady_great_circle_east() {
        for (from, to) in [
            (LonLat::new(0.0, 0.0), LonLat::new(180.0, 0.0)),
            (LonLat::new(37.6, 55.75), LonLat::new(-142.4, -55.75)),
            (LonLat::new(-77.0, 38.9), LonLat::new(103.0, -38.9000000001)),
            (LonLat::new(10.0, -30.0), LonLat::new(-170.0, 30.0)),
        ] {
            let arc = great_circle(from, to, 60.0);
            assert_continuous(&arc);
            assert!(arc.iter().all(|p| p.lon.is_finite() && p.lat.is_finite()));
            assert!(
                arc.iter().all(|p| (p.lon - from.lon).abs() <= 360.0),
                "{arc:?}"
            );
            let last = arc[arc.len() - 1];
            assert!((last.lat - to.lat).abs() < 1e-6);
            let turns = (last.lon - to.lon) / 360.0;
            assert!(
                (turns - turns.round()).abs() < 1e-9,
                "{last:?} is not {to:?}"
            );
            // Every point is on one great circle: the same plane through the centre.
            let (a, m) = (to_vector(arc[0]), to_vector(arc[arc.len() / 3]));
            let normal = [
                a[1] * m[2] - a[2] * m[1],
                a[2] * m[0] - a[0] * m[2],
                a[0] * m[1] - a[1] * m[0],
            ];
            for p in &arc {
                assert!(
                    dot(normal, to_vector(*p)).abs() < 1e-6,
                    "{p:?} is off the circle"
                );
            }
        }
    }

    #[test]
    fn an_arc_from_a_pole_to_the_other_follows_one_meridian() {
        let arc = great_circle(LonLat::new(0.0, 90.0), LonLat::new(45.0, -90.0), 100.0);
        assert_continuous(&arc[1..arc.len() - 1]);
        assert!(
            arc[1..arc.len() - 1]
                .iter()
                .all(|p| (p.lon - 45.0).abs() < 1e-6)
        );
    }

    #[test]
    fn moscow_to_washington_bends_north_of_both() {
        let arc = great_circle(LonLat::new(37.6, 55.75), LonLat::new(-77.04, 38.9), 10.0);
        let northmost = arc.iter().map(|p| p.lat).fold(f64::MIN, f64::max);
        assert!(northmost > 60.0, "the arc reaches {northmost}° north");
    }

    #[test]
    fn moscow_to_minsk_is_about_675_km() {
        let km = distance_km(LonLat::new(37.618, 55.756), LonLat::new(27.567, 53.9));
        assert!((km - 675.0).abs() < 10.0, "{km}");
    }

    #[test]
    fn the_steps_follow_the_distance_on_the_earth() {
        // Moscow to Minsk is about 675 km: at most 50 km a step, 14 steps and 15 points.
        let arc = great_circle(LonLat::new(37.618, 55.756), LonLat::new(27.567, 53.9), 50.0);
        assert_eq!(arc.len(), 15);
        // A quarter of the equator is 10,008 km.
        let quarter = great_circle(LonLat::new(0.0, 0.0), LonLat::new(90.0, 0.0), 1000.0);
        assert_eq!(quarter.len(), 12);
    }
}
