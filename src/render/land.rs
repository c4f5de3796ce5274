//! The land under every layer: sea, every country's land fill and borders, drawn with no tiles.

use std::cell::RefCell;

use egui::{Mesh, Response, Stroke, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::countries::{
    CountryFill, CountryOutline, Dash, append_strokes_where, fill_mesh, outlined_parts,
    push_ring_outline,
};
use super::gpu_map::{GpuDrawing, LAND_LAYER, MapDraws};
use super::shape_cache::{LandInputs, MapShapeCaches};
use super::style::{MIN_OUTLINED_PART_PX, Palette};
use super::view::MercatorView;
use crate::model::World;

/// How much of a fill is kept over online tiles, so the tiles show through.
pub const TRANSLUCENT_OVER_TILES: f32 = 0.35;

pub struct LandPlugin<'a> {
    pub world: &'a World,
    pub palette: Palette,
    /// Over online tiles: no sea, and land a veil the tiles show through.
    pub over_tiles: bool,
    /// The land's shapes from an earlier frame, painted again while the view is the same.
    pub caches: &'a RefCell<MapShapeCaches>,
    /// Draws the land and its borders through the GPU, where the renderer is wgpu.
    pub gpu: Option<GpuDrawing<'a>>,
}

impl Plugin for LandPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        let view = MercatorView::from_projector(projector);
        let painter = ui.painter();
        let mut palette = self.palette;
        if self.over_tiles {
            palette.land = palette.land.gamma_multiply(TRANSLUCENT_OVER_TILES);
        } else {
            painter.rect_filled(view.screen_rect(), 0.0, palette.sea);
        }
        let draws = self
            .gpu
            .and_then(|gpu| gpu.draws(LAND_LAYER, &view, ui.ctx()));
        if let Some(mut draws) = draws {
            land_draws(self.world, &view, &palette, &mut draws);
            painter.add(draws.into_shape(view.screen_rect()));
            return;
        }
        let inputs = LandInputs {
            palette,
            over_tiles: self.over_tiles,
        };
        let mut caches = self.caches.borrow_mut();
        let shapes = caches.land.shapes(self.world, &view, inputs, |shapes| {
            land_shapes(self.world, &view, &palette, shapes);
        });
        painter.extend(shapes.iter().cloned());
    }
}

/// Everything the base map draws in one frame: the land as one mesh, then the borders.
pub fn land_shapes(
    world: &World,
    view: &MercatorView,
    palette: &Palette,
    shapes: &mut Vec<egui::Shape>,
) {
    let mut land = Mesh::default();
    fill_mesh(
        world,
        view,
        world.countries().iter().map(|country| CountryFill {
            country: country.id(),
            color: palette.land,
        }),
        &mut land,
    );
    shapes.push(egui::Shape::mesh(land));
    border_shapes(world, view, palette, shapes);
}

/// What [`land_shapes`] draws, as GPU draws.
pub fn land_draws(world: &World, view: &MercatorView, palette: &Palette, draws: &mut MapDraws) {
    draws.fill(
        view,
        world.countries().iter().map(|country| CountryFill {
            country: country.id(),
            color: palette.land,
        }),
    );
    let stroke = palette.border_stroke();
    draws.borders(view, stroke, |shared| !shared);
    draws.borders(view, drawn_twice(stroke), |shared| shared);
}

/// Every country's borders and coasts, each drawn once from the cached border network.
pub fn border_shapes(
    world: &World,
    view: &MercatorView,
    palette: &Palette,
    shapes: &mut Vec<egui::Shape>,
) {
    let mut borders = Mesh::default();
    let network = world.borders(view.detail());
    let stroke = palette.border_stroke();
    append_strokes_where(network, view, stroke, |run| !run.shared, &mut borders);
    let shared = drawn_twice(stroke);
    append_strokes_where(network, view, shared, |run| run.shared, &mut borders);
    shapes.push(egui::Shape::mesh(borders));
}

/// A stroke as heavy as `stroke` drawn twice over itself: land borders keep the weight they
/// had when both neighbours drew them, now that they are drawn once. A line thinner than a
/// pixel covers its pixel by its width, so twice covers `1 - (1 - w)²` of it.
fn drawn_twice(stroke: Stroke) -> Stroke {
    let cover = stroke.width.min(1.0);
    let twice = 1.0 - (1.0 - cover) * (1.0 - cover);
    Stroke::new(stroke.width.max(twice), stroke.color)
}

/// Every country's borders as egui lines, one closed line per ring and country, so a border
/// is drawn by both neighbours: the way borders were drawn before the border network, kept
/// as the benchmarks' baseline.
pub fn border_lines(
    world: &World,
    view: &MercatorView,
    palette: &Palette,
    shapes: &mut Vec<egui::Shape>,
) {
    let detail = view.detail();
    let min_extent = MIN_OUTLINED_PART_PX as f64 / view.pixels_per_unit();
    for country in world.countries() {
        let shape = country.mesh(detail);
        for copy in view.world_copies() {
            for part in outlined_parts(shape, &copy, min_extent) {
                for ring in &part.rings {
                    let points = &shape.vertices[ring.clone()];
                    push_ring_outline(
                        points,
                        &copy,
                        CountryOutline {
                            country: country.id(),
                            stroke: palette.border_stroke(),
                            dash: Dash::Solid,
                        },
                        shapes,
                    );
                }
            }
        }
    }
}
