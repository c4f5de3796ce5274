//! The pole of inaccessibility of a polygon: the inside point farthest from its edges, where
//! a name stands best. Found by subdividing square cells, most promising first, until no
//! cell can hold a point better than the best by more than the precision asked for.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A point inside a polygon and its distance to the nearest edge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pole {
    pub point: [f64; 2],
    pub distance: f64,
}

/// The pole of `rings` (the first outer, the others holes, even-odd), to within `precision`
/// in the rings' units, looking at no more than `max_cells` cells (so that a pathological
/// outline costs a bounded time: the best point found by then is returned); `None` for rings
/// with no area.
pub fn pole_of_inaccessibility(
    rings: &[Vec<[f64; 2]>],
    precision: f64,
    max_cells: usize,
) -> Option<Pole> {
    let outer = rings.first().filter(|ring| ring.len() >= 3)?;
    let (mut min, mut max) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in outer {
        for axis in 0..2 {
            min[axis] = min[axis].min(p[axis]);
            max[axis] = max[axis].max(p[axis]);
        }
    }
    let (width, height) = (max[0] - min[0], max[1] - min[1]);
    let size = width.min(height);
    if !size.is_finite() || size <= 0.0 {
        return None;
    }
    let precision = precision.max(size * 1e-4);
    let half = size / 2.0;
    let mut queue = BinaryHeap::new();
    let mut x = min[0];
    while x < max[0] {
        let mut y = min[1];
        while y < max[1] {
            queue.push(Cell::new([x + half, y + half], half, rings));
            y += size;
        }
        x += size;
    }
    let centroid = Cell::new(
        area_centroid(outer).unwrap_or([min[0] + width / 2.0, min[1] + height / 2.0]),
        0.0,
        rings,
    );
    let middle = Cell::new([min[0] + width / 2.0, min[1] + height / 2.0], 0.0, rings);
    let mut best = if middle.distance > centroid.distance {
        middle
    } else {
        centroid
    };
    let mut cells = queue.len();
    while let Some(cell) = queue.pop() {
        if cell.distance > best.distance {
            best = cell;
        }
        if cell.potential - best.distance <= precision || cells >= max_cells {
            continue;
        }
        let h = cell.half / 2.0;
        for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
            queue.push(Cell::new(
                [cell.center[0] + dx, cell.center[1] + dy],
                h,
                rings,
            ));
        }
        cells += 4;
    }
    (best.distance > 0.0).then_some(Pole {
        point: best.center,
        distance: best.distance,
    })
}

/// A square cell: its centre's signed distance to the outline (positive inside) and the most
/// any point in it could have.
#[derive(Clone, Copy)]
struct Cell {
    center: [f64; 2],
    half: f64,
    distance: f64,
    potential: f64,
}

impl Cell {
    fn new(center: [f64; 2], half: f64, rings: &[Vec<[f64; 2]>]) -> Self {
        let distance = signed_distance(center, rings);
        Self {
            center,
            half,
            distance,
            potential: distance + half * std::f64::consts::SQRT_2,
        }
    }
}

impl PartialEq for Cell {
    fn eq(&self, other: &Self) -> bool {
        self.potential == other.potential
    }
}
impl Eq for Cell {}
impl PartialOrd for Cell {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Cell {
    fn cmp(&self, other: &Self) -> Ordering {
        self.potential.total_cmp(&other.potential)
    }
}

/// The distance from `p` to the nearest edge, positive inside the rings (even-odd).
fn signed_distance(p: [f64; 2], rings: &[Vec<[f64; 2]>]) -> f64 {
    let mut inside = false;
    let mut nearest_sq = f64::INFINITY;
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            if (a[1] > p[1]) != (b[1] > p[1])
                && p[0] < a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            {
                inside = !inside;
            }
            nearest_sq = nearest_sq.min(segment_distance_sq(p, a, b));
        }
    }
    let distance = nearest_sq.sqrt();
    if inside { distance } else { -distance }
}

fn segment_distance_sq(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length_sq = dx * dx + dy * dy;
    let t = if length_sq > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
    x * x + y * y
}

fn area_centroid(ring: &[[f64; 2]]) -> Option<[f64; 2]> {
    let n = ring.len();
    let (mut area, mut x, mut y) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        let cross = a[0] * b[1] - b[0] * a[1];
        area += cross;
        x += (a[0] + b[0]) * cross;
        y += (a[1] + b[1]) * cross;
    }
    (area.abs() > 0.0).then(|| [x / (3.0 * area), y / (3.0 * area)])
}

/// `ring` cut to the box `min`..`max` (Sutherland-Hodgman: one half-plane at a time).
pub fn clip_ring(ring: &[[f64; 2]], min: [f64; 2], max: [f64; 2]) -> Vec<[f64; 2]> {
    let mut points = ring.to_vec();
    for (axis, bound, keep_below) in [
        (0, min[0], false),
        (0, max[0], true),
        (1, min[1], false),
        (1, max[1], true),
    ] {
        if points.is_empty() {
            break;
        }
        let inside = |p: &[f64; 2]| {
            if keep_below {
                p[axis] <= bound
            } else {
                p[axis] >= bound
            }
        };
        let mut kept = Vec::with_capacity(points.len() + 4);
        for i in 0..points.len() {
            let (a, b) = (points[i], points[(i + 1) % points.len()]);
            if inside(&a) {
                kept.push(a);
            }
            if inside(&a) != inside(&b) {
                let t = (bound - a[axis]) / (b[axis] - a[axis]);
                kept.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
            }
        }
        points = kept;
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pole_of_a_square_is_its_middle() {
        let square = vec![vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]];
        let Some(pole) = pole_of_inaccessibility(&square, 0.01, 4_000) else {
            panic!("a square has a pole");
        };
        assert!((pole.point[0] - 5.0).abs() < 0.1 && (pole.point[1] - 5.0).abs() < 0.1);
        assert!((pole.distance - 5.0).abs() < 0.1);
    }

    #[test]
    fn the_pole_of_an_l_lies_inside_the_l_not_at_its_bounding_box_middle() {
        let l = vec![vec![
            [0.0, 0.0],
            [10.0, 0.0],
            [10.0, 2.0],
            [2.0, 2.0],
            [2.0, 10.0],
            [0.0, 10.0],
        ]];
        let Some(pole) = pole_of_inaccessibility(&l, 0.01, 4_000) else {
            panic!("an L has a pole");
        };
        assert!(signed_distance(pole.point, &l) > 0.9, "{pole:?}");
    }

    #[test]
    fn a_hole_keeps_the_pole_out() {
        let ring = vec![
            vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]],
            vec![[3.0, 3.0], [7.0, 3.0], [7.0, 7.0], [3.0, 7.0]],
        ];
        let Some(pole) = pole_of_inaccessibility(&ring, 0.01, 4_000) else {
            panic!("a ring has a pole");
        };
        assert!(signed_distance(pole.point, &ring) > 0.0);
        assert!(!(3.0..=7.0).contains(&pole.point[0]) || !(3.0..=7.0).contains(&pole.point[1]));
    }

    #[test]
    fn a_ring_clipped_to_a_box_stays_in_the_box() {
        let ring = [[-5.0, -5.0], [15.0, -5.0], [15.0, 15.0], [-5.0, 15.0]];
        let clipped = clip_ring(&ring, [0.0, 0.0], [10.0, 10.0]);
        assert_eq!(clipped.len(), 4);
        assert!(
            clipped
                .iter()
                .all(|p| (0.0..=10.0).contains(&p[0]) && (0.0..=10.0).contains(&p[1]))
        );
    }
}
