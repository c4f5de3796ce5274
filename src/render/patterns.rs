//! Fill patterns (dots, hatching) that tell statuses apart without relying on colour.

use egui::{Pos2, Shape, Stroke, pos2, vec2};

use super::view::MercatorView;
use crate::model::mercator::MercatorPoint;
use crate::model::{Country, Detail};

/// Which pattern to lay over a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    Dots,
    /// Short strokes rising to the right.
    Hatch,
    /// Short strokes falling to the right.
    BackHatch,
}

/// Pattern cells are this far apart on screen.
pub const PATTERN_SPACING_PX: f32 = 9.0;

/// Screen positions of a grid anchored to the map (so it pans with it) that fall inside the
/// country and on screen.
pub fn grid_points_inside(country: &Country, view: &MercatorView, spacing_px: f32) -> Vec<Pos2> {
    let screen = view.screen_rect();
    let polygons = country.polygons(Detail::Fine);
    let mut points = Vec::new();
    for part in &country.mesh(view.detail()).parts {
        let bbox = &part.bbox_in_mercator;
        let min = view.to_screen(MercatorPoint::new(bbox.min[0], bbox.min[1]));
        let max = view.to_screen(MercatorPoint::new(bbox.max[0], bbox.max[1]));
        let rect = egui::Rect::from_two_pos(min, max).intersect(screen);
        if !rect.is_positive() || rect.width().max(rect.height()) < spacing_px {
            continue;
        }
        let origin = view.to_screen(MercatorPoint::new(0.0, 0.0));
        let first =
            |low: f32, origin: f32| origin + ((low - origin) / spacing_px).ceil() * spacing_px;
        let mut y = first(rect.min.y, origin.y);
        let mut row = 0;
        while y <= rect.max.y {
            // Every other row is shifted half a cell, which reads as a pattern, not a grid.
            let shift = if row % 2 == 1 { spacing_px / 2.0 } else { 0.0 };
            let mut x = first(rect.min.x, origin.x) + shift;
            while x <= rect.max.x {
                let [lon, lat] = view.screen_to_lon_lat(pos2(x, y));
                if polygons.iter().any(|polygon| polygon.contains(lon, lat)) {
                    points.push(pos2(x, y));
                }
                x += spacing_px;
            }
            y += spacing_px;
            row += 1;
        }
    }
    points
}

/// The shapes of a pattern at the given grid points.
pub fn pattern_shapes(pattern: Pattern, points: &[Pos2], stroke: Stroke, shapes: &mut Vec<Shape>) {
    let half = PATTERN_SPACING_PX * 0.3;
    for &point in points {
        shapes.push(match pattern {
            Pattern::Dots => Shape::circle_filled(point, stroke.width * 1.2, stroke.color),
            Pattern::Hatch => Shape::line_segment(
                [point - vec2(half, -half), point + vec2(half, -half)],
                stroke,
            ),
            Pattern::BackHatch => {
                Shape::line_segment([point - vec2(half, half), point + vec2(half, half)], stroke)
            }
        });
    }
}
