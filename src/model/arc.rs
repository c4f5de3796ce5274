//! Great-circle arcs between two places, densified so that they draw as curves on Mercator.

use geo::{Distance, Haversine, InterpolatePoint, Point};

/// Densifies the shortest great-circle path from `from` to `to` (both `[lon, lat]` in degrees)
/// into points at most `max_step_km` apart. Longitudes are unwrapped so that consecutive points
/// never jump by more than 180°: an arc across the Pacific continues past ±180 instead of
/// streaking back across the whole map.
pub fn great_circle(from: [f64; 2], to: [f64; 2], max_step_km: f64) -> Vec<[f64; 2]> {
    let start = Point::new(from[0], from[1]);
    let end = Point::new(to[0], to[1]);
    let distance_km = Haversine.distance(start, end) / 1000.0;
    let steps = (distance_km / max_step_km.max(1.0)).ceil().max(1.0) as usize;
    let mut points = Vec::with_capacity(steps + 1);
    let mut previous_lon = from[0];
    for step in 0..=steps {
        let ratio = step as f64 / steps as f64;
        let point = Haversine.point_at_ratio_between(start, end, ratio);
        let mut lon = point.x();
        while lon - previous_lon > 180.0 {
            lon -= 360.0;
        }
        while lon - previous_lon < -180.0 {
            lon += 360.0;
        }
        previous_lon = lon;
        points.push([lon, point.y()]);
    }
    points
}

/// The point halfway along the great circle, where a tension's marker sits.
pub fn great_circle_midpoint(from: [f64; 2], to: [f64; 2]) -> [f64; 2] {
    let mid = Haversine.point_at_ratio_between(
        Point::new(from[0], from[1]),
        Point::new(to[0], to[1]),
        0.5,
    );
    [mid.x(), mid.y()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arc_starts_and_ends_at_its_endpoints() {
        let arc = great_circle([27.56, 53.9], [21.01, 52.23], 50.0);
        let first = arc[0];
        let last = arc[arc.len() - 1];
        assert!((first[0] - 27.56).abs() < 1e-9 && (first[1] - 53.9).abs() < 1e-9);
        assert!((last[0] - 21.01).abs() < 1e-9 && (last[1] - 52.23).abs() < 1e-9);
        assert!(arc.len() > 5);
    }

    #[test]
    fn an_arc_across_the_pacific_does_not_jump_across_the_map() {
        let arc = great_circle([170.0, 60.0], [-170.0, 60.0], 100.0);
        assert!(arc.windows(2).all(|w| (w[1][0] - w[0][0]).abs() < 10.0));
        assert!((arc[arc.len() - 1][0] - 190.0).abs() < 1e-9);
    }

    #[test]
    fn moscow_to_washington_bends_north_of_both() {
        let mid = great_circle_midpoint([37.6, 55.75], [-77.04, 38.9]);
        assert!(mid[1] > 60.0, "midpoint latitude {}", mid[1]);
    }
}
