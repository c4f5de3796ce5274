//! The base map plugin: sea, every country's land fill and borders, with no tiles.

use egui::{Mesh, Response, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::countries::{CountryFill, CountryOutline, Dash, fill_mesh, outline_shapes};
use super::style::Palette;
use super::view::MercatorView;
use crate::model::World;

pub struct BaseMapPlugin<'a> {
    pub world: &'a World,
    pub palette: Palette,
}

impl Plugin for BaseMapPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        let view = MercatorView::from_projector(projector);
        let painter = ui.painter();
        painter.rect_filled(view.screen_rect(), 0.0, self.palette.sea);
        let mut shapes = Vec::new();
        base_map_shapes(self.world, &view, &self.palette, &mut shapes);
        painter.extend(shapes);
    }
}

/// Everything the base map draws in one frame: the land as one mesh, then the borders.
pub fn base_map_shapes(
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
