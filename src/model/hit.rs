//! Which country is at a place: an R-tree over polygon bounding boxes, then an exact test.

use rstar::{AABB, RTree, primitives::GeomWithData, primitives::Rectangle};

use super::polygon::Polygon;
use super::world::CountryId;

type Entry = GeomWithData<Rectangle<[f64; 2]>, (CountryId, u32)>;

/// Spatial index of every polygon of every country at full detail.
#[derive(Debug)]
pub struct HitIndex {
    tree: RTree<Entry>,
}

impl HitIndex {
    pub fn build<'a>(countries: impl Iterator<Item = (CountryId, &'a [Polygon])>) -> Self {
        let entries = countries
            .flat_map(|(country, polygons)| {
                polygons.iter().enumerate().map(move |(i, polygon)| {
                    let bbox = polygon.bbox();
                    let rect = Rectangle::from_corners(bbox.min, bbox.max);
                    GeomWithData::new(rect, (country, i as u32))
                })
            })
            .collect();
        Self {
            tree: RTree::bulk_load(entries),
        }
    }

    /// The country whose polygon (holes respected) contains the point, if any.
    pub fn country_at<'w>(
        &self,
        lon: f64,
        lat: f64,
        polygons_of: impl Fn(CountryId) -> &'w [Polygon],
    ) -> Option<CountryId> {
        let point = [lon, lat];
        self.tree
            .locate_in_envelope_intersecting(AABB::from_point(point))
            .find(|entry| {
                let (country, polygon) = entry.data;
                polygons_of(country)
                    .get(polygon as usize)
                    .is_some_and(|polygon| polygon.contains(lon, lat))
            })
            .map(|entry| entry.data.0)
    }

    /// The country with a polygon edge nearest the point, and that distance in kilometres, if
    /// any lies within `within_km`: for a place just off a coast that the boundaries have
    /// generalised (a capital on a harbour can fall a few hundred metres out to sea at 1:10m).
    pub fn nearest_within<'w>(
        &self,
        lon: f64,
        lat: f64,
        within_km: f64,
        polygons_of: impl Fn(CountryId) -> &'w [Polygon],
    ) -> Option<(CountryId, f64)> {
        let km_per_degree_lon = KM_PER_DEGREE * lat.to_radians().cos().max(0.01);
        let reach = [within_km / km_per_degree_lon, within_km / KM_PER_DEGREE];
        let around = AABB::from_corners(
            [lon - reach[0], lat - reach[1]],
            [lon + reach[0], lat + reach[1]],
        );
        self.tree
            .locate_in_envelope_intersecting(around)
            .filter_map(|entry| {
                let (country, polygon) = entry.data;
                let polygon = polygons_of(country).get(polygon as usize)?;
                Some((country, km_to_edge(polygon, lon, lat)))
            })
            .filter(|(_, distance)| *distance <= within_km)
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// How far the place lies from the nearest edge of `polygon`, in kilometres east and north of
/// it: fair at the few kilometres a coast's generalisation puts a harbour out to sea.
pub fn km_to_edge(polygon: &Polygon, lon: f64, lat: f64) -> f64 {
    let km_per_degree_lon = KM_PER_DEGREE * lat.to_radians().cos().max(0.01);
    let to_km = |[x, y]: [f64; 2]| [(x - lon) * km_per_degree_lon, (y - lat) * KM_PER_DEGREE];
    polygon
        .rings()
        .iter()
        .flat_map(|ring| (0..ring.len()).map(move |i| (ring[i], ring[(i + 1) % ring.len()])))
        .map(|(a, b)| distance_to_origin(to_km(a), to_km(b)))
        .fold(f64::INFINITY, f64::min)
}

/// Kilometres in a degree of latitude (and of longitude at the equator), on the mean sphere.
const KM_PER_DEGREE: f64 = 111.195;

/// The distance from the origin to the segment from `a` to `b`, in their units.
fn distance_to_origin(a: [f64; 2], b: [f64; 2]) -> f64 {
    let along = [b[0] - a[0], b[1] - a[1]];
    let length_squared = along[0] * along[0] + along[1] * along[1];
    let t = if length_squared > 0.0 {
        (-(a[0] * along[0] + a[1] * along[1]) / length_squared).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let nearest = [a[0] + t * along[0], a[1] + t * along[1]];
    nearest[0].hypot(nearest[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_distance_to_a_segment_is_to_its_nearest_point_or_end() {
        assert_eq!(
            distance_to_origin([-1.0, 2.0], [1.0, 2.0]),
            2.0,
            "beside the middle"
        );
        assert_eq!(
            distance_to_origin([3.0, 4.0], [6.0, 8.0]),
            5.0,
            "beyond an end"
        );
        assert_eq!(distance_to_origin([3.0, 4.0], [3.0, 4.0]), 5.0, "a point");
    }
}
