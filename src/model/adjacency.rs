//! Land-border adjacency derived from the geometry: countries that share a boundary edge.

use std::collections::HashMap;

use super::polygon::Polygon;
use super::world::CountryId;

/// Coordinates are snapped to this grid (in degrees) so that the two sides of a shared border,
/// which come from one topological arc, compare equal.
const SNAP_DEGREES: f64 = 1e-6;

type SnappedPoint = (i64, i64);

fn snap(point: [f64; 2]) -> SnappedPoint {
    (
        (point[0] / SNAP_DEGREES).round() as i64,
        (point[1] / SNAP_DEGREES).round() as i64,
    )
}

/// Lists, for every country, the countries it shares at least one boundary edge with. Edges
/// lying on the antimeridian are cuts made for the map, not borders, and are ignored.
pub fn land_neighbours<'a>(
    countries: impl Iterator<Item = (CountryId, &'a [Polygon])>,
    country_count: usize,
) -> Vec<Vec<CountryId>> {
    let mut owners: HashMap<(SnappedPoint, SnappedPoint), CountryId> = HashMap::new();
    let mut neighbours: Vec<Vec<CountryId>> = vec![Vec::new(); country_count];
    for (country, polygons) in countries {
        for ring in polygons.iter().flat_map(|polygon| polygon.rings()) {
            for (i, &a) in ring.iter().enumerate() {
                let b = ring[(i + 1) % ring.len()];
                if a[0].abs() == 180.0 && b[0].abs() == 180.0 {
                    continue;
                }
                let (a, b) = (snap(a), snap(b));
                let key = if a <= b { (a, b) } else { (b, a) };
                match owners.get(&key) {
                    Some(&other) if other != country => {
                        neighbours[country.index()].push(other);
                        neighbours[other.index()].push(country);
                    }
                    Some(_) => {}
                    None => {
                        owners.insert(key, country);
                    }
                }
            }
        }
    }
    for list in &mut neighbours {
        list.sort_unstable();
        list.dedup();
    }
    neighbours
}
