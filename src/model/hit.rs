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
}
