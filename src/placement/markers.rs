//! Where tension markers sit at a zoom: on their arcs, apart from each other and off the
//! smallest countries the article names, so that every marker and every such country stays
//! clickable. Computed once per zoom and date, in time linear in the number of tensions.

use std::collections::HashMap;

use crate::layers::TensionArc;
use crate::model::mercator::MercatorPoint;

/// How far along its arc a marker may sit, tried in this order: the middle first, then
/// alternately either side of it.
const RATIOS: [f64; 11] = [
    0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9,
];

/// Markers at a zoom of `pixels_per_unit` Mercator units, at least `spacing_px` apart where
/// their arcs allow and at least `spacing_px` from every point of `keep_clear`.
pub fn declutter_markers(
    tensions: &[TensionArc],
    pixels_per_unit: f64,
    spacing_px: f64,
    keep_clear: &[MercatorPoint],
) -> Vec<MercatorPoint> {
    let spacing = spacing_px / pixels_per_unit.max(f64::MIN_POSITIVE);
    let mut grid = Grid::new(spacing);
    let mut clear = Grid::new(spacing);
    for &point in keep_clear {
        clear.insert(point);
    }
    let mut markers = Vec::with_capacity(tensions.len());
    for tension in tensions {
        let candidates = candidates(tension);
        let free = candidates
            .iter()
            .copied()
            .find(|&p| grid.nearest_within(p) && clear.nearest_within(p));
        let free = free.or_else(|| candidates.iter().copied().find(|&p| grid.nearest_within(p)));
        // With no room left on its arc a marker stays in the middle, over the others; it is
        // not recorded, so that crowds cost no more than a lone marker.
        match free {
            Some(point) => {
                grid.insert(point);
                markers.push(point);
            }
            None => markers.push(tension.marker),
        }
    }
    markers
}

/// The places along a tension's arcs its marker may take, best first.
fn candidates(tension: &TensionArc) -> Vec<MercatorPoint> {
    let mut points = vec![tension.marker];
    for arc in &tension.arcs {
        if arc.is_empty() {
            continue;
        }
        let last = (arc.len() - 1) as f64;
        points.extend(
            RATIOS
                .iter()
                .map(|ratio| arc[(last * ratio).round() as usize]),
        );
    }
    points
}

/// Points hashed into square cells of the spacing, so that the neighbours of a point are found
/// in the nine cells around it.
struct Grid {
    cell: f64,
    cells: HashMap<(i64, i64), Vec<MercatorPoint>>,
}

impl Grid {
    fn new(cell: f64) -> Self {
        Self {
            cell: if cell.is_finite() && cell > 0.0 {
                cell
            } else {
                1.0
            },
            cells: HashMap::new(),
        }
    }

    fn key(&self, p: MercatorPoint) -> (i64, i64) {
        (
            (p.x / self.cell).floor() as i64,
            (p.y / self.cell).floor() as i64,
        )
    }

    fn insert(&mut self, p: MercatorPoint) {
        let key = self.key(p);
        self.cells.entry(key).or_default().push(p);
    }

    /// Whether no point lies closer to `p` than the spacing.
    fn nearest_within(&self, p: MercatorPoint) -> bool {
        let (cx, cy) = self.key(p);
        let spacing_sq = self.cell * self.cell;
        (cx - 1..=cx + 1).all(|x| {
            (cy - 1..=cy + 1).all(|y| {
                self.cells.get(&(x, y)).is_none_or(|points| {
                    points.iter().all(|q| {
                        let (dx, dy) = (p.x - q.x, p.y - q.y);
                        dx * dx + dy * dy >= spacing_sq
                    })
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::TensionKind;

    fn tension(index: usize, from: (f64, f64), to: (f64, f64)) -> TensionArc {
        let arc: Vec<MercatorPoint> = (0..=20)
            .map(|i| {
                let t = i as f64 / 20.0;
                MercatorPoint::new(from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t)
            })
            .collect();
        TensionArc {
            tension_index: index,
            id: format!("t{index}"),
            kind: TensionKind::Influence,
            proposed: false,
            marker: arc[10],
            arcs: vec![arc],
        }
    }

    #[test]
    fn markers_of_tensions_on_one_arc_are_spread_apart() {
        let tensions: Vec<TensionArc> = (0..4)
            .map(|i| tension(i, (0.50, 0.30), (0.56, 0.30)))
            .collect();
        let ppu = 256.0 * 2f64.powi(4);
        let markers = declutter_markers(&tensions, ppu, 16.0, &[]);
        for (i, a) in markers.iter().enumerate() {
            for b in &markers[i + 1..] {
                let distance_px = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt() * ppu;
                assert!(distance_px >= 16.0 - 1e-9, "{distance_px}");
            }
        }
    }

    #[test]
    fn a_marker_moves_off_a_place_to_keep_clear() {
        let tensions = vec![tension(0, (0.50, 0.30), (0.56, 0.30))];
        let ppu = 256.0 * 2f64.powi(4);
        let middle = tensions[0].marker;
        let markers = declutter_markers(&tensions, ppu, 16.0, &[middle]);
        assert_ne!(markers[0], middle);
    }

    #[test]
    fn twenty_thousand_markers_on_one_arc_are_placed_without_comparing_every_pair() {
        let tensions: Vec<TensionArc> = (0..20_000)
            .map(|i| tension(i, (0.50, 0.30), (0.56, 0.30)))
            .collect();
        let markers = declutter_markers(&tensions, 4096.0, 16.0, &[]);
        assert_eq!(markers.len(), 20_000);
    }
}
