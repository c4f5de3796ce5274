//! Great-circle arcs between two places, densified so that they draw as curves on Mercator.

use geo::{Distance, Haversine, InterpolatePoint, Point};

use super::geo::{LonLat, unwrap_longitude};

/// Densifies the shortest great-circle path from `from` to `to` into points at most
/// `max_step_km` apart. Longitudes are unwrapped so that consecutive points
/// never jump by more than 180°: an arc across the Pacific continues past ±180 instead of
/// streaking back across the whole map.
pub fn great_circle(from: LonLat, to: LonLat, max_step_km: f64) -> Vec<LonLat> {
    let start = Point::new(from.lon, from.lat);
    let end = Point::new(to.lon, to.lat);
    let distance_km = Haversine.distance(start, end) / 1000.0;
    let steps = (distance_km / max_step_km.max(1.0)).ceil().max(1.0) as usize;
    let mut points = Vec::with_capacity(steps + 1);
    let mut previous_lon = from.lon;
    for step in 0..=steps {
        let ratio = step as f64 / steps as f64;
        let point = Haversine.point_at_ratio_between(start, end, ratio);
        let lon = unwrap_longitude(point.x(), previous_lon);
        previous_lon = lon;
        points.push(LonLat::new(lon, point.y()));
    }
    points
}

/// The point halfway along the great circle, where a tension's marker sits.
pub fn great_circle_midpoint(from: LonLat, to: LonLat) -> LonLat {
    let mid = Haversine.point_at_ratio_between(
        Point::new(from.lon, from.lat),
        Point::new(to.lon, to.lat),
        0.5,
    );
    LonLat::new(mid.x(), mid.y())
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

    #[test]
    fn moscow_to_washington_bends_north_of_both() {
        let mid = great_circle_midpoint(LonLat::new(37.6, 55.75), LonLat::new(-77.04, 38.9));
        assert!(mid.lat > 60.0, "midpoint latitude {}", mid.lat);
    }
}
