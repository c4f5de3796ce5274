//! Polygons in longitude/latitude with holes, their bounding boxes and a fast point-in-polygon test.

/// An axis-aligned box in degrees (or any planar coordinates).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoundingBox {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl BoundingBox {
    pub const EMPTY: BoundingBox = BoundingBox {
        min: [f64::INFINITY, f64::INFINITY],
        max: [f64::NEG_INFINITY, f64::NEG_INFINITY],
    };

    pub fn of_points<'a>(points: impl IntoIterator<Item = &'a [f64; 2]>) -> Self {
        let mut bbox = Self::EMPTY;
        for point in points {
            bbox.include(*point);
        }
        bbox
    }

    pub fn include(&mut self, point: [f64; 2]) {
        self.min[0] = self.min[0].min(point[0]);
        self.min[1] = self.min[1].min(point[1]);
        self.max[0] = self.max[0].max(point[0]);
        self.max[1] = self.max[1].max(point[1]);
    }

    pub fn union(&self, other: &BoundingBox) -> BoundingBox {
        BoundingBox {
            min: [self.min[0].min(other.min[0]), self.min[1].min(other.min[1])],
            max: [self.max[0].max(other.max[0]), self.max[1].max(other.max[1])],
        }
    }

    pub fn contains(&self, point: [f64; 2]) -> bool {
        point[0] >= self.min[0]
            && point[0] <= self.max[0]
            && point[1] >= self.min[1]
            && point[1] <= self.max[1]
    }

    pub fn intersects(&self, other: &BoundingBox) -> bool {
        self.min[0] <= other.max[0]
            && self.max[0] >= other.min[0]
            && self.min[1] <= other.max[1]
            && self.max[1] >= other.min[1]
    }

    pub fn is_empty(&self) -> bool {
        self.min[0] > self.max[0] || self.min[1] > self.max[1]
    }

    pub fn center(&self) -> [f64; 2] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }
}

/// A polygon: its first ring is the outer boundary, the others are holes. Rings are stored
/// without the closing point repeated.
#[derive(Clone, Debug)]
pub struct Polygon {
    rings: Vec<Vec<[f64; 2]>>,
    bbox: BoundingBox,
    /// Built on the first point test: coarse shapes that are only drawn never need it.
    bands: std::sync::OnceLock<EdgeBands>,
}

impl Polygon {
    /// Builds a polygon from rings; a closing point equal to the first is dropped.
    pub fn new(rings: Vec<Vec<[f64; 2]>>) -> Self {
        let rings: Vec<Vec<[f64; 2]>> = rings
            .into_iter()
            .map(|mut ring| {
                if ring.len() > 1 && ring.first() == ring.last() {
                    ring.pop();
                }
                ring
            })
            .collect();
        let bbox = rings
            .first()
            .map(BoundingBox::of_points)
            .unwrap_or(BoundingBox::EMPTY);
        Self {
            rings,
            bbox,
            bands: std::sync::OnceLock::new(),
        }
    }

    pub fn rings(&self) -> &[Vec<[f64; 2]>] {
        &self.rings
    }

    /// The bytes the polygon holds on the heap, its point-test index included once built.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let points: usize = self.rings.iter().map(Vec::capacity).sum();
        let bands = self.bands.get().map_or(0, |bands| {
            bands.offsets.capacity() * size_of::<u32>() + bands.edges.capacity() * size_of::<Edge>()
        });
        self.rings.capacity() * size_of::<Vec<[f64; 2]>>() + points * size_of::<[f64; 2]>() + bands
    }

    pub fn bbox(&self) -> &BoundingBox {
        &self.bbox
    }

    /// Area in square degrees with holes subtracted (sign ignored).
    pub fn area(&self) -> f64 {
        let mut rings = self.rings.iter();
        let outer = rings
            .next()
            .map(|ring| signed_area(ring).abs())
            .unwrap_or(0.0);
        outer - rings.map(|ring| signed_area(ring).abs()).sum::<f64>()
    }

    /// Even-odd point-in-polygon test that only looks at the edges in the point's latitude band.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        if !self.bbox.contains([lon, lat]) {
            return false;
        }
        self.bands
            .get_or_init(|| EdgeBands::new(&self.rings, &self.bbox))
            .edges_at(lat)
            .iter()
            .filter(|edge| edge.crosses_ray_from(lon, lat))
            .count()
            % 2
            == 1
    }

    /// The textbook even-odd test over every edge of every ring; kept as the benchmark baseline
    /// and as the reference that [`Polygon::contains`] is tested against.
    pub fn contains_scanning_every_edge(&self, lon: f64, lat: f64) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            for (i, a) in ring.iter().enumerate() {
                let b = ring[(i + 1) % ring.len()];
                if Edge::new(*a, b).crosses_ray_from(lon, lat) {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

impl Polygon {
    /// A point well inside the polygon for a label: the middle of the widest inside stretch
    /// along a few parallels through its middle half.
    pub fn label_point(&self) -> [f64; 2] {
        let (low, high) = (self.bbox.min[1], self.bbox.max[1]);
        let mut best = (f64::NEG_INFINITY, self.bbox.center());
        for step in 1..8 {
            let lat = low + (high - low) * (0.25 + 0.5 * step as f64 / 8.0);
            let mut crossings: Vec<f64> = self
                .rings
                .iter()
                .flat_map(|ring| {
                    (0..ring.len()).filter_map(move |i| {
                        let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                        ((a[1] > lat) != (b[1] > lat))
                            .then(|| a[0] + (lat - a[1]) * (b[0] - a[0]) / (b[1] - a[1]))
                    })
                })
                .collect();
            crossings.sort_by(f64::total_cmp);
            for pair in crossings.chunks_exact(2) {
                let width = pair[1] - pair[0];
                if width > best.0 {
                    best = (width, [(pair[0] + pair[1]) / 2.0, lat]);
                }
            }
        }
        best.1
    }
}

/// Twice-signed shoelace area divided by two: positive for counter-clockwise rings.
pub fn signed_area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut sum = 0.0;
    for i in 0..n {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        sum += a[0] * b[1] - b[0] * a[1];
    }
    sum / 2.0
}

#[derive(Clone, Copy, Debug)]
struct Edge {
    a: [f64; 2],
    b: [f64; 2],
}

impl Edge {
    fn new(a: [f64; 2], b: [f64; 2]) -> Self {
        Self { a, b }
    }

    /// Whether a ray from the point towards +longitude crosses this edge (half-open in latitude so
    /// that a vertex on the ray is counted once).
    fn crosses_ray_from(&self, lon: f64, lat: f64) -> bool {
        let (a, b) = (self.a, self.b);
        if (a[1] > lat) == (b[1] > lat) {
            return false;
        }
        let lon_at_lat = a[0] + (lat - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
        lon < lon_at_lat
    }
}

/// Edges bucketed by latitude so a point test touches a handful of edges instead of all of them.
#[derive(Clone, Debug)]
struct EdgeBands {
    min_lat: f64,
    band_height: f64,
    /// Band `k` holds `edges[offsets[k]..offsets[k + 1]]`.
    offsets: Vec<u32>,
    edges: Vec<Edge>,
}

/// Few enough edges per band that a test is a short scan, few enough bands to stay small.
const EDGES_PER_BAND: usize = 4;
const MAX_BANDS: usize = 4096;
/// On average an edge may sit in this many bands before the bands are made taller.
const MAX_BANDS_PER_EDGE: usize = 8;

impl EdgeBands {
    fn new(rings: &[Vec<[f64; 2]>], bbox: &BoundingBox) -> Self {
        let all_edges: Vec<Edge> = rings
            .iter()
            .flat_map(|ring| {
                (0..ring.len()).map(move |i| Edge::new(ring[i], ring[(i + 1) % ring.len()]))
            })
            .collect();
        let mut band_count = (all_edges.len() / EDGES_PER_BAND).clamp(1, MAX_BANDS);
        let height = bbox.max[1] - bbox.min[1];
        if bbox.is_empty() || height <= 0.0 {
            return Self {
                min_lat: 0.0,
                band_height: 1.0,
                offsets: vec![0, all_edges.len() as u32],
                edges: all_edges,
            };
        }
        // Tall edges sit in many bands; a shape made of them (a zigzag across the whole
        // height) would need edges x bands entries, so such shapes get fewer, taller bands.
        let spans = |band_count: usize| {
            let band_height = height / band_count as f64;
            let band_of =
                move |lat: f64| (((lat - bbox.min[1]) / band_height) as usize).min(band_count - 1);
            move |edge: &Edge| {
                let (low, high) = if edge.a[1] < edge.b[1] {
                    (edge.a[1], edge.b[1])
                } else {
                    (edge.b[1], edge.a[1])
                };
                band_of(low)..=band_of(high)
            }
        };
        let budget = all_edges.len() * MAX_BANDS_PER_EDGE + MAX_BANDS;
        while band_count > 1
            && all_edges
                .iter()
                .map(|edge| spans(band_count)(edge).count())
                .sum::<usize>()
                > budget
        {
            band_count /= 2;
        }
        let band_height = height / band_count as f64;
        let span = spans(band_count);
        // A counting sort: count each band's edges, turn counts into offsets, then fill, so the
        // bands share one allocation.
        let mut offsets = vec![0u32; band_count + 1];
        for edge in &all_edges {
            for band in span(edge) {
                offsets[band + 1] += 1;
            }
        }
        for band in 0..band_count {
            offsets[band + 1] += offsets[band];
        }
        let mut next: Vec<u32> = offsets[..band_count].to_vec();
        let mut edges = vec![Edge::new([0.0; 2], [0.0; 2]); offsets[band_count] as usize];
        for edge in &all_edges {
            for band in span(edge) {
                edges[next[band] as usize] = *edge;
                next[band] += 1;
            }
        }
        Self {
            min_lat: bbox.min[1],
            band_height,
            offsets,
            edges,
        }
    }

    fn edges_at(&self, lat: f64) -> &[Edge] {
        let band_count = self.offsets.len() - 1;
        let band = ((lat - self.min_lat) / self.band_height).max(0.0) as usize;
        let band = band.min(band_count - 1);
        &self.edges[self.offsets[band] as usize..self.offsets[band + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_with_hole() -> Polygon {
        Polygon::new(vec![
            vec![
                [0.0, 0.0],
                [10.0, 0.0],
                [10.0, 10.0],
                [0.0, 10.0],
                [0.0, 0.0],
            ],
            vec![[4.0, 4.0], [4.0, 6.0], [6.0, 6.0], [6.0, 4.0]],
        ])
    }

    #[test]
    fn a_point_in_the_hole_is_outside() {
        let polygon = square_with_hole();
        assert!(polygon.contains(2.0, 2.0));
        assert!(!polygon.contains(5.0, 5.0));
        assert!(!polygon.contains(11.0, 5.0));
    }

    #[test]
    fn banded_and_scanning_tests_agree_everywhere() {
        let polygon = square_with_hole();
        for i in -5..=25 {
            for j in -5..=25 {
                let (lon, lat) = (i as f64 * 0.53, j as f64 * 0.47);
                assert_eq!(
                    polygon.contains(lon, lat),
                    polygon.contains_scanning_every_edge(lon, lat),
                    "at {lon},{lat}"
                );
            }
        }
    }

    #[test]
    fn area_subtracts_holes() {
        assert!((square_with_hole().area() - 96.0).abs() < 1e-12);
    }
}
