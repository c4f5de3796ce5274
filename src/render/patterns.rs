//! Fill patterns (dots, hatching) that tell statuses apart without relying on colour. On the
//! map they are repeating textures laid over the country meshes, so a pattern costs no more
//! than a fill; the legend draws the same patterns as shapes.
//!
//! A pattern belongs to the map, not to the screen: its period is a fixed distance on the map
//! within one zoom level, so it pans and grows with the map, and halves at each whole zoom
//! level so that it never grows coarse. Halving keeps every line or dot already drawn and adds
//! new ones between them, so the change reads as more detail rather than a jump.

use egui::{Color32, ColorImage, Pos2, Shape, Stroke, TextureHandle, TextureOptions, vec2};

use super::view::MercatorView;
use crate::model::mercator::MercatorPoint;

/// Which pattern to lay over a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    Dots,
    /// Strokes rising to the right.
    Hatch,
    /// Strokes falling to the right.
    BackHatch,
}

/// A pattern repeats this often on screen at a whole zoom level, and twice as far apart just
/// before the next. A power of two, so that the world's width is a whole number of periods and
/// the world's copies east and west carry the same pattern.
pub const PATTERN_SPACING_PX: f32 = 8.0;
/// The pattern textures' size in texels: one repeat, fine enough for the period's largest
/// size on a high-density screen, so that a pattern is never drawn with visible texels.
const TEXTURE_SIZE: usize = 32;

/// Where one frame's patterns repeat: texture coordinates for screen positions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PatternGrid {
    /// A screen position where every pattern starts a repeat.
    anchor: Pos2,
    period_px: f32,
}

impl PatternGrid {
    /// The grid for a view: anchored to the map's origin and repeating every
    /// [`PATTERN_SPACING_PX`] scaled by the zoom's fraction above its whole level.
    pub fn for_view(view: &MercatorView) -> Self {
        let period_px = PATTERN_SPACING_PX * 2f32.powf(view.zoom().rem_euclid(1.0) as f32);
        // The origin moved by whole periods to near the screen keeps texture coordinates small
        // and precise at any zoom.
        let origin = view.to_screen(MercatorPoint::new(0.0, 0.0));
        let center = view.screen_rect().center();
        let anchor = Pos2::new(
            origin.x + ((center.x - origin.x) / period_px).floor() * period_px,
            origin.y + ((center.y - origin.y) / period_px).floor() * period_px,
        );
        Self { anchor, period_px }
    }

    /// How far apart, in points, the pattern repeats.
    #[cfg(test)]
    fn period_px(&self) -> f32 {
        self.period_px
    }

    /// The texture coordinate at a screen position: one unit per period.
    pub fn uv(&self, pos_in_screen: Pos2) -> Pos2 {
        Pos2::new(
            (pos_in_screen.x - self.anchor.x) / self.period_px,
            (pos_in_screen.y - self.anchor.y) / self.period_px,
        )
    }
}

/// White patterns on transparent, tinted by the vertex colour when drawn.
#[derive(Clone)]
pub struct PatternTextures {
    dots: TextureHandle,
    hatch: TextureHandle,
    back_hatch: TextureHandle,
}

impl PatternTextures {
    pub fn new(ctx: &egui::Context) -> Self {
        let load = |name: &str, pattern: Pattern| {
            ctx.load_texture(name, pattern_image(pattern), TextureOptions::LINEAR_REPEAT)
        };
        Self {
            dots: load("pattern-dots", Pattern::Dots),
            hatch: load("pattern-hatch", Pattern::Hatch),
            back_hatch: load("pattern-back-hatch", Pattern::BackHatch),
        }
    }

    pub fn texture(&self, pattern: Pattern) -> egui::TextureId {
        match pattern {
            Pattern::Dots => self.dots.id(),
            Pattern::Hatch => self.hatch.id(),
            Pattern::BackHatch => self.back_hatch.id(),
        }
    }
}

/// One repeat of a pattern, seamless at its edges.
fn pattern_image(pattern: Pattern) -> ColorImage {
    let size = TEXTURE_SIZE as f32;
    let pixels = (0..TEXTURE_SIZE * TEXTURE_SIZE)
        .map(|i| {
            let (x, y) = (
                (i % TEXTURE_SIZE) as f32 + 0.5,
                (i / TEXTURE_SIZE) as f32 + 0.5,
            );
            // Marks are sized in parts of the period, so they grow with it like the map does.
            let distance = match pattern {
                Pattern::Dots => {
                    ((x - size / 2.0).powi(2) + (y - size / 2.0).powi(2)).sqrt() - 0.18 * size
                }
                Pattern::Hatch => {
                    wrapped_distance(x + y, size) / std::f32::consts::SQRT_2 - 0.07 * size
                }
                Pattern::BackHatch => {
                    wrapped_distance(x - y, size) / std::f32::consts::SQRT_2 - 0.07 * size
                }
            };
            let coverage = (0.5 - distance).clamp(0.0, 1.0);
            Color32::from_white_alpha((coverage * 255.0) as u8)
        })
        .collect();
    ColorImage::new([TEXTURE_SIZE, TEXTURE_SIZE], pixels)
}

/// Distance from `value` to the nearest multiple of `period`.
fn wrapped_distance(value: f32, period: f32) -> f32 {
    let r = value.rem_euclid(period);
    r.min(period - r)
}

/// The shapes of a pattern at the given points, for small previews such as the legend's.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::geo::LonLat;
    use egui::{Rect, pos2};

    fn view(lon: f64, lat: f64, zoom: f64) -> MercatorView {
        let screen = Rect::from_min_max(pos2(0.0, 0.0), pos2(800.0, 600.0));
        MercatorView::new(LonLat::new(lon, lat), zoom, screen)
    }

    /// Where a place is within one repeat of the pattern, in parts of the period.
    fn phase(view: &MercatorView, lon: f64, lat: f64) -> (f32, f32) {
        let uv = PatternGrid::for_view(view).uv(view.lon_lat_to_screen(lon, lat));
        (uv.x.rem_euclid(1.0), uv.y.rem_euclid(1.0))
    }

    fn assert_same_phase(a: (f32, f32), b: (f32, f32)) {
        let close = |x: f32, y: f32| {
            let d = (x - y).abs();
            d.min(1.0 - d) < 1e-3
        };
        assert!(close(a.0, b.0) && close(a.1, b.1), "{a:?} vs {b:?}");
    }

    #[test]
    fn a_pattern_stays_on_its_place_when_the_map_pans() {
        let yerevan = (44.5, 40.2);
        let before = phase(&view(44.0, 40.0, 6.3), yerevan.0, yerevan.1);
        let after = phase(&view(45.7, 41.1, 6.3), yerevan.0, yerevan.1);
        assert_same_phase(before, after);
    }

    #[test]
    fn a_pattern_grows_with_the_map_within_a_zoom_level() {
        let period = |zoom| {
            let view = view(44.0, 40.0, zoom);
            PatternGrid::for_view(&view).period_px() as f64 / view.pixels_per_unit()
        };
        let same = |a: f64, b: f64| (a / b - 1.0).abs() < 1e-5;
        // The same distance on the map at any zoom within a level ...
        assert!(same(period(6.1), period(6.8)));
        // ... and half as far at the next, so that it never grows coarse on screen.
        assert!(same(period(7.1) * 2.0, period(6.1)));
        let on_screen = |zoom| PatternGrid::for_view(&view(44.0, 40.0, zoom)).period_px();
        assert!((PATTERN_SPACING_PX..2.0 * PATTERN_SPACING_PX).contains(&on_screen(6.99)));
    }

    #[test]
    fn the_next_zoom_level_keeps_every_mark_of_the_last() {
        // A mark at a whole period of the coarser grid is at a whole period of the finer one.
        let zoomed_out = view(44.0, 40.0, 6.999_999);
        let zoomed_in = view(44.0, 40.0, 7.0);
        let (lon, lat) = (44.25, 40.15);
        let coarse = phase(&zoomed_out, lon, lat);
        let fine = phase(&zoomed_in, lon, lat);
        let doubled = (
            (coarse.0 * 2.0).rem_euclid(1.0),
            (coarse.1 * 2.0).rem_euclid(1.0),
        );
        assert_same_phase(doubled, fine);
    }
}
