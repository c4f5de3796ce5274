//! Outlines as cached geometry: polylines in Mercator space with a miter normal at every
//! point, cut into short runs with their extents. A frame widens them by moving each point
//! along its normal by half the line's width in pixels, so nothing is re-joined or re-mitred
//! per frame, and only the runs on screen are touched.

use std::ops::Range;

use super::mercator::MercatorPoint;
use super::mesh::ShapeMesh;
use super::polygon::BoundingBox;

/// Segments per run: short enough that a run mostly off screen costs little, long enough that
/// the per-run test stays cheap.
const SEGMENTS_PER_RUN: usize = 32;

/// How far a miter may reach, in half-widths, before it is cut short (sharp spikes of the
/// coast would otherwise shoot out needles).
const MITER_LIMIT: f64 = 2.0;

/// Polylines ready to be widened: points, their normals and the runs they are cut into.
#[derive(Clone, Debug, Default)]
pub struct Strokes {
    pub points: Vec<MercatorPoint>,
    /// The miter at each point: the unit normal of the line there, lengthened so that both
    /// edges of a widened line stay parallel to the segments. Points right of the direction
    /// of travel (in Mercator's y-down plane, as on screen).
    pub normals: Vec<[f32; 2]>,
    pub runs: Vec<StrokeRun>,
}

/// A stretch of one polyline: consecutive points of [`Strokes::points`]; neighbouring runs
/// of a line share their joining point.
#[derive(Clone, Debug)]
pub struct StrokeRun {
    pub points: Range<u32>,
    pub bbox: BoundingBox,
    /// The larger side of the extent of the polygon the line outlines, so that a frame can
    /// leave out polygons too small to show (islands of a pixel) as a whole, and only them.
    pub line_extent: f64,
    /// Whether the line is a border between two shapes of a network (not a coast).
    pub shared: bool,
    /// How far along its line the run starts, in Mercator units: a dashed line's dashes
    /// keep their places on the map whichever runs are on screen.
    pub along: f64,
}

/// One polyline to make strokes of.
pub struct Line {
    pub points: Vec<MercatorPoint>,
    /// Whether it returns to its first point.
    pub closed: bool,
    /// Whether two shapes share it.
    pub shared: bool,
    /// The larger side of the extent of the polygon it outlines.
    pub polygon_extent: f64,
}

impl Strokes {
    /// Strokes along polylines.
    pub fn from_lines(lines: impl IntoIterator<Item = Line>) -> Self {
        let mut lines: Vec<Line> = lines.into_iter().collect();
        for line in &mut lines {
            line.points.dedup();
            if line.closed && line.points.len() > 2 && line.points.first() == line.points.last() {
                line.points.pop();
            }
        }
        lines.retain(|line| line.points.len() >= 2);
        // Sized exactly up front: at 1:10m these buffers are tens of megabytes, and growing
        // them by doubling would leave up to half of that allocated and unused.
        let points: usize = lines.iter().map(Line::stroke_points).sum();
        let runs: usize = lines
            .iter()
            .map(|line| (line.stroke_points() - 1).div_ceil(SEGMENTS_PER_RUN))
            .sum();
        let mut strokes = Strokes {
            points: Vec::with_capacity(points),
            normals: Vec::with_capacity(points),
            runs: Vec::with_capacity(runs),
        };
        for line in &lines {
            strokes.push_line(line);
        }
        strokes
    }

    /// The bytes the strokes hold on the heap.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.points.capacity() * size_of::<MercatorPoint>()
            + self.normals.capacity() * size_of::<[f32; 2]>()
            + self.runs.capacity() * size_of::<StrokeRun>()
    }

    /// Every ring of a shape, broken where it runs along the antimeridian (a cut made for
    /// the flat map, not a border).
    pub fn outlining(shape: &ShapeMesh) -> Self {
        let mut lines = Vec::new();
        for_each_ring(shape, |ring, extent| {
            push_ring_lines(ring, |_| true, (false, extent), &mut lines);
        });
        Self::from_lines(lines)
    }

    /// The border network of many shapes: every edge once, though two neighbours both have
    /// it. An edge shared by two shapes is drawn by the first of them, in lines marked
    /// shared; the rest of each ring (coasts) by its own shape.
    pub fn network<'a>(shapes: impl IntoIterator<Item = &'a ShapeMesh>) -> Self {
        let shapes: Vec<&ShapeMesh> = shapes.into_iter().collect();
        let edges = EdgeOwners::of(&shapes).owner_and_count;
        let mut lines = Vec::new();
        let mut walked = 0;
        for (owner, shape) in shapes.iter().enumerate() {
            for_each_ring(shape, |ring, extent| {
                let ring_edges = &edges[walked..walked + ring.len()];
                walked += ring.len();
                let border_drawn_here = |edge: usize| {
                    let (first, count) = ring_edges[edge];
                    first == owner as u32 && count > 1
                };
                push_ring_lines(ring, border_drawn_here, (true, extent), &mut lines);
                let coast = |edge: usize| ring_edges[edge].1 == 1;
                push_ring_lines(ring, coast, (false, extent), &mut lines);
            });
        }
        Self::from_lines(lines)
    }

    /// How many segments the runs hold.
    pub fn segment_count(&self) -> usize {
        self.runs
            .iter()
            .map(|run| run.points.len().saturating_sub(1))
            .sum()
    }

    fn push_line(&mut self, line: &Line) {
        let (closed, shared, line_extent) = (line.closed, line.shared, line.polygon_extent);
        let line = &line.points;
        let n = line.len();
        let first = self.points.len();
        for i in 0..n {
            let before = if i > 0 {
                Some(line[i - 1])
            } else if closed {
                Some(line[n - 1])
            } else {
                None
            };
            let after = if i + 1 < n {
                Some(line[i + 1])
            } else if closed {
                Some(line[0])
            } else {
                None
            };
            self.points.push(line[i]);
            self.normals.push(miter(before, line[i], after));
        }
        if closed {
            self.points.push(line[0]);
            self.normals.push(self.normals[first]);
        }
        let last = self.points.len() - 1;
        let mut start = first;
        let mut along = 0.0;
        while start < last {
            let end = (start + SEGMENTS_PER_RUN).min(last);
            let bbox = extent_of(&self.points[start..=end]);
            self.runs.push(StrokeRun {
                points: start as u32..end as u32 + 1,
                bbox,
                line_extent,
                shared,
                along,
            });
            along += self.points[start..=end]
                .windows(2)
                .map(|pair| pair[0].distance(pair[1]))
                .sum::<f64>();
            start = end;
        }
    }
}

fn extent_of(points: &[MercatorPoint]) -> BoundingBox {
    let mut bbox = BoundingBox::EMPTY;
    for point in points {
        bbox.include([point.x, point.y]);
    }
    bbox
}

/// An undirected edge, by the exact bits of its ends: neighbours' rings come from the same
/// source positions, so a shared edge has the very same ends in both.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct EdgeKey([u64; 4]);

impl EdgeKey {
    fn new(a: MercatorPoint, b: MercatorPoint) -> Self {
        let a = [a.x.to_bits(), a.y.to_bits()];
        let b = [b.x.to_bits(), b.y.to_bits()];
        let (p, q) = if a <= b { (a, b) } else { (b, a) };
        EdgeKey([p[0], p[1], q[0], q[1]])
    }
}

/// For every ring edge of a set of shapes, in the order [`for_each_ring`] walks them: the
/// first shape that has the edge and how many rings do. Found by sorting the edges once,
/// rather than with a hash map of a million edges whose spare buckets would double the
/// memory this takes at 1:10m.
struct EdgeOwners {
    /// Indexed by the edge's position in the walk.
    owner_and_count: Vec<(u32, u32)>,
}

impl EdgeOwners {
    fn of(shapes: &[&ShapeMesh]) -> Self {
        let mut edge_count = 0;
        for shape in shapes {
            for_each_ring(shape, |ring, _| edge_count += ring.len());
        }
        let mut walked: Vec<(EdgeKey, u32, u32)> = Vec::with_capacity(edge_count);
        for (owner, shape) in shapes.iter().enumerate() {
            for_each_ring(shape, |ring, _| {
                for (a, b) in ring_edges(ring) {
                    let position = walked.len() as u32;
                    walked.push((EdgeKey::new(a, b), owner as u32, position));
                }
            });
        }
        let mut owner_and_count = vec![(0, 0); walked.len()];
        // Sorted, an edge's entries lie together with its first owner first.
        walked.sort_unstable();
        for same_edge in walked.chunk_by(|x, y| x.0 == y.0) {
            let first_owner = same_edge[0].1;
            for &(_, _, position) in same_edge {
                owner_and_count[position as usize] = (first_owner, same_edge.len() as u32);
            }
        }
        EdgeOwners { owner_and_count }
    }
}

impl Line {
    /// How many points the line's stroke has: a closed line returns to its first point.
    fn stroke_points(&self) -> usize {
        self.points.len() + usize::from(self.closed)
    }
}

/// Each ring of a shape, with the larger side of its polygon's extent.
fn for_each_ring(shape: &ShapeMesh, mut each: impl FnMut(&[MercatorPoint], f64)) {
    for part in &shape.parts {
        let bbox = &part.bbox_in_mercator;
        let extent = (bbox.max[0] - bbox.min[0]).max(bbox.max[1] - bbox.min[1]);
        for ring in &part.rings {
            each(&shape.vertices[ring.clone()], extent);
        }
    }
}

/// A ring's edges, the closing one included.
fn ring_edges(ring: &[MercatorPoint]) -> impl Iterator<Item = (MercatorPoint, MercatorPoint)> + '_ {
    let n = ring.len();
    (0..n).map(move |i| (ring[i], ring[(i + 1) % n]))
}

/// Edges along the antimeridian are cuts made for the flat map, not borders.
pub fn on_antimeridian(a: MercatorPoint, b: MercatorPoint) -> bool {
    (a.x == 0.0 && b.x == 0.0) || (a.x == 1.0 && b.x == 1.0)
}

/// The stretches of a ring made of edges that `keep` accepts by their index in the ring (and
/// that are not cuts at the antimeridian), as open lines marked shared or not, with the
/// extent of the ring's polygon; the whole ring as one closed line when every edge is kept.
fn push_ring_lines(
    ring: &[MercatorPoint],
    keep: impl Fn(usize) -> bool,
    (shared, polygon_extent): (bool, f64),
    lines: &mut Vec<Line>,
) {
    let n = ring.len();
    let kept: Vec<bool> = ring_edges(ring)
        .enumerate()
        .map(|(edge, (a, b))| keep(edge) && !on_antimeridian(a, b))
        .collect();
    let Some(gap) = kept.iter().position(|k| !k) else {
        lines.push(Line {
            points: ring.to_vec(),
            closed: true,
            shared,
            polygon_extent,
        });
        return;
    };
    // Walk once round the ring from just after a gap, so every stretch is found whole.
    let mut line: Vec<MercatorPoint> = Vec::new();
    for step in 1..=n {
        let edge = (gap + step) % n;
        if kept[edge] {
            if line.is_empty() {
                line.push(ring[edge]);
            }
            line.push(ring[(edge + 1) % n]);
        } else if !line.is_empty() {
            lines.push(Line {
                points: std::mem::take(&mut line),
                closed: false,
                shared,
                polygon_extent,
            });
        }
    }
    if !line.is_empty() {
        lines.push(Line {
            points: line,
            closed: false,
            shared,
            polygon_extent,
        });
    }
}

fn miter(
    before: Option<MercatorPoint>,
    at: MercatorPoint,
    after: Option<MercatorPoint>,
) -> [f32; 2] {
    let normal_of = |a: MercatorPoint, b: MercatorPoint| {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let length = (dx * dx + dy * dy).sqrt();
        if length > 0.0 {
            [-dy / length, dx / length]
        } else {
            [0.0, 0.0]
        }
    };
    let normal = match (before, after) {
        (Some(b), Some(a)) => {
            let (n0, n1) = (normal_of(b, at), normal_of(at, a));
            let sum = [n0[0] + n1[0], n0[1] + n1[1]];
            let length = (sum[0] * sum[0] + sum[1] * sum[1]).sqrt();
            if length < 1e-9 {
                n1
            } else {
                let unit = [sum[0] / length, sum[1] / length];
                let cos = unit[0] * n1[0] + unit[1] * n1[1];
                let scale = (1.0 / cos.max(1e-9)).min(MITER_LIMIT);
                [unit[0] * scale, unit[1] * scale]
            }
        }
        (Some(b), None) => normal_of(b, at),
        (None, Some(a)) => normal_of(at, a),
        (None, None) => [0.0, 0.0],
    };
    [normal[0] as f32, normal[1] as f32]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, side: f64) -> Vec<MercatorPoint> {
        [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
            .iter()
            .map(|&(x, y)| MercatorPoint::new(x0 + x * side, y0 + y * side))
            .collect()
    }

    fn shape(rings: &[Vec<MercatorPoint>]) -> ShapeMesh {
        let mut mesh = ShapeMesh::default();
        for ring in rings {
            let start = mesh.vertices.len();
            mesh.vertices.extend_from_slice(ring);
            mesh.parts.push(super::super::mesh::MeshPart {
                triangles: 0..0,
                rings: std::iter::once(start..mesh.vertices.len()).collect(),
                bbox_in_mercator: BoundingBox::EMPTY,
                pieces: 0..0,
            });
        }
        mesh
    }

    #[test]
    fn a_border_shared_by_two_squares_is_drawn_once() {
        let left = square(0.1, 0.1, 0.1);
        // The right square walks the shared edge the other way, as a neighbour's ring does.
        let right = vec![
            MercatorPoint::new(0.2, 0.1),
            MercatorPoint::new(0.3, 0.1),
            MercatorPoint::new(0.3, 0.2),
            MercatorPoint::new(0.2, 0.2),
        ];
        let (a, b) = (shape(&[left]), shape(&[right]));
        let network = Strokes::network([&a, &b]);
        assert_eq!(network.segment_count(), 7, "8 edges, one of them shared");
        let shared: Vec<&StrokeRun> = network.runs.iter().filter(|run| run.shared).collect();
        assert_eq!(shared.len(), 1);
        assert_eq!(shared[0].points.len(), 2, "the one shared edge");
        let separately = Strokes::outlining(&a).runs.len() + Strokes::outlining(&b).runs.len();
        assert!(separately >= 2);
        assert_eq!(Strokes::outlining(&a).segment_count(), 4);
    }

    #[test]
    fn strokes_are_allocated_to_their_exact_size() {
        let (a, b) = (
            shape(&[square(0.1, 0.1, 0.1), square(0.5, 0.5, 0.1)]),
            shape(&[square(0.2, 0.1, 0.1)]),
        );
        for strokes in [Strokes::network([&a, &b]), Strokes::outlining(&a)] {
            assert_eq!(strokes.points.capacity(), strokes.points.len());
            assert_eq!(strokes.normals.capacity(), strokes.normals.len());
            assert_eq!(strokes.runs.capacity(), strokes.runs.len());
        }
    }

    #[test]
    fn a_square_outline_has_unit_normals_on_its_sides_and_long_miters_at_its_corners() {
        let strokes = Strokes::outlining(&shape(&[square(0.2, 0.2, 0.5)]));
        assert_eq!(strokes.points.len(), 5, "closed: back to the first point");
        let corner = strokes.normals[1];
        let length = (corner[0] * corner[0] + corner[1] * corner[1]).sqrt();
        assert!((length - std::f32::consts::SQRT_2).abs() < 1e-6, "{length}");
        assert_eq!(strokes.normals[0], strokes.normals[4]);
    }

    #[test]
    fn long_lines_are_cut_into_runs_that_share_their_joints() {
        let line: Vec<MercatorPoint> = (0..100)
            .map(|i| MercatorPoint::new(i as f64 / 100.0, 0.5))
            .collect();
        let strokes = Strokes::from_lines([Line {
            points: line,
            closed: false,
            shared: false,
            polygon_extent: 1.0,
        }]);
        assert_eq!(strokes.segment_count(), 99);
        for pair in strokes.runs.windows(2) {
            assert_eq!(pair[0].points.end - 1, pair[1].points.start);
        }
    }

    #[test]
    fn edges_along_the_antimeridian_are_left_out() {
        let ring = vec![
            MercatorPoint::new(0.9, 0.1),
            MercatorPoint::new(1.0, 0.1),
            MercatorPoint::new(1.0, 0.2),
            MercatorPoint::new(0.9, 0.2),
        ];
        let strokes = Strokes::outlining(&shape(&[ring]));
        assert_eq!(strokes.segment_count(), 3);
    }
}
