//! The land under every layer: sea, every country's land fill and borders, drawn with no tiles.

use egui::{Mesh, Response, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::countries::{CountryFill, CountryOutline, Dash, fill_mesh, outline_shapes};
use super::style::Palette;
use super::view::MercatorView;
use crate::model::World;

/// How much of a fill is kept over online tiles, so the tiles show through.
pub const TRANSLUCENT_OVER_TILES: f32 = 0.35;

pub struct LandPlugin<'a> {
    pub world: &'a World,
    pub palette: Palette,
    /// Over online tiles: no sea, and land a veil the tiles show through.
    pub over_tiles: bool,
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
        let mut shapes = Vec::new();
        land_shapes(self.world, &view, &palette, &mut shapes);
        painter.extend(shapes);
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

/// Every country's borders.
pub fn border_shapes(
    world: &World,
    view: &MercatorView,
    palette: &Palette,
    shapes: &mut Vec<egui::Shape>,
) {
    outline_shapes(
        world,
        view,
        world.countries().iter().map(|country| CountryOutline {
            country: country.id(),
            stroke: palette.border_stroke(),
            dash: Dash::Solid,
        }),
        shapes,
    );
}
