//! Tension arcs on screen, cut where they would run under a name, so that no arc crosses a
//! word: the gap reads as the arc passing beneath the name's halo.

use egui::{Pos2, Rect};

use super::PlacedArc;
use crate::layers::TensionArc;
use crate::render::view::MercatorView;

/// How far off screen an arc's piece may run and still be kept, in pixels.
const OFF_SCREEN_PX: f32 = 50.0;

/// Each tension's arcs in every copy of the world on screen, with the stretches under
/// `names` taken out.
pub fn gapped_arcs(
    tensions: &[TensionArc],
    copies: &[MercatorView],
    names: &[Rect],
) -> Vec<PlacedArc> {
    tensions
        .iter()
        .enumerate()
        .map(|(tension, arc)| {
            let mut pieces = Vec::new();
            for copy in copies {
                let clip = copy.screen_rect().expand(OFF_SCREEN_PX);
                for line in &arc.arcs {
                    let points: Vec<Pos2> = line.iter().map(|p| copy.to_screen(*p)).collect();
                    if !points.iter().any(|p| clip.contains(*p)) {
                        continue;
                    }
                    pieces.extend(cut_under(&points, names));
                }
            }
            PlacedArc { tension, pieces }
        })
        .collect()
}

/// A polyline without its stretches inside any of `rects`, as the pieces left.
pub fn cut_under(points: &[Pos2], rects: &[Rect]) -> Vec<Vec<Pos2>> {
    let mut pieces: Vec<Vec<Pos2>> = Vec::new();
    let mut current: Vec<Pos2> = Vec::new();
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let bounds = Rect::from_two_pos(a, b);
        let mut hidden: Vec<(f32, f32)> = rects
            .iter()
            .filter(|rect| rect.intersects(bounds))
            .filter_map(|rect| inside_interval(a, b, *rect))
            .collect();
        hidden.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut t = 0.0;
        for (enter, leave) in hidden {
            if enter > t {
                if current.is_empty() {
                    current.push(a.lerp(b, t));
                }
                current.push(a.lerp(b, enter));
            }
            if current.len() >= 2 {
                pieces.push(std::mem::take(&mut current));
            } else {
                current.clear();
            }
            t = t.max(leave);
        }
        if t < 1.0 {
            if current.is_empty() {
                current.push(a.lerp(b, t));
            }
            current.push(b);
        }
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces
}

/// The stretch of the segment `a`..`b` inside `rect`, as fractions of its length
/// (Liang-Barsky), if any.
fn inside_interval(a: Pos2, b: Pos2, rect: Rect) -> Option<(f32, f32)> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut enter, mut leave) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-dx, a.x - rect.min.x),
        (dx, rect.max.x - a.x),
        (-dy, a.y - rect.min.y),
        (dy, rect.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                enter = enter.max(r);
            } else {
                leave = leave.min(r);
            }
        }
    }
    (enter < leave).then_some((enter, leave))
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn a_line_through_a_name_is_cut_in_two_outside_it() {
        let name = Rect::from_min_max(pos2(40.0, -5.0), pos2(60.0, 5.0));
        let pieces = cut_under(&[pos2(0.0, 0.0), pos2(100.0, 0.0)], &[name]);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        assert!((pieces[0][1].x - 40.0).abs() < 1e-3);
        assert!((pieces[1][0].x - 60.0).abs() < 1e-3);
    }

    #[test]
    fn a_line_clear_of_every_name_is_kept_whole() {
        let name = Rect::from_min_max(pos2(40.0, 10.0), pos2(60.0, 20.0));
        let line = [pos2(0.0, 0.0), pos2(50.0, 0.0), pos2(100.0, 0.0)];
        assert_eq!(cut_under(&line, &[name]), vec![line.to_vec()]);
    }

    #[test]
    fn no_piece_runs_inside_a_name() {
        let names = [
            Rect::from_min_max(pos2(10.0, -3.0), pos2(20.0, 3.0)),
            Rect::from_min_max(pos2(15.0, -3.0), pos2(30.0, 3.0)),
        ];
        let line: Vec<Pos2> = (0..=10).map(|i| pos2(i as f32 * 5.0, 0.0)).collect();
        for piece in cut_under(&line, &names) {
            for pair in piece.windows(2) {
                let middle = pair[0].lerp(pair[1], 0.5);
                assert!(
                    !names.iter().any(|r| r.shrink(0.01).contains(middle)),
                    "{piece:?}"
                );
            }
        }
    }
}
