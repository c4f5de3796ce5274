//! Fill patterns (dots, hatching) that tell statuses apart without relying on colour. On the
//! map they are small repeating textures laid over the country meshes, so a pattern costs no
//! more than a fill; the legend draws the same patterns as shapes.

use egui::{Color32, ColorImage, Pos2, Shape, Stroke, TextureHandle, TextureOptions, vec2};

/// Which pattern to lay over a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    Dots,
    /// Strokes rising to the right.
    Hatch,
    /// Strokes falling to the right.
    BackHatch,
}

/// A pattern repeats this often on screen.
pub const PATTERN_SPACING_PX: f32 = 9.0;
/// The pattern textures' size in texels: one repeat, drawn at twice the screen density.
const TEXTURE_SIZE: usize = 18;

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
            let distance = match pattern {
                Pattern::Dots => ((x - size / 2.0).powi(2) + (y - size / 2.0).powi(2)).sqrt() - 3.4,
                Pattern::Hatch => wrapped_distance(x + y, size) / std::f32::consts::SQRT_2 - 1.3,
                Pattern::BackHatch => {
                    wrapped_distance(x - y, size) / std::f32::consts::SQRT_2 - 1.3
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
