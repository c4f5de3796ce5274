//! Contested territories on the map for a date: an occupation hatching and a dashed outline
//! over whatever the recognised state's fill is underneath, or a ringed marker for a territory
//! without an outline.
//!
//! How an occupied territory is drawn, and why: the fill underneath stays the recognised state's
//! (memberships follow de jure borders, so an alliance's colour never spreads onto ground its
//! member holds but is not recognised to own), and the hatching says "held by someone else"
//! without choosing a colour for the holder. Occupied and annexed territories get a cross-hatch,
//! breakaway and disputed ones a single back-hatch, so the two read apart without colour.

use egui::{Mesh, Pos2, Response, Shape, Stroke, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::countries::{append_dashed_strokes, append_pattern_mesh, append_strokes};
use super::patterns::{Pattern, PatternTextures};
use super::style::{
    TERRITORY_DASH_PX, TERRITORY_HALO_WIDTH_PX, TERRITORY_MARKER_RADIUS_PX,
    TERRITORY_OUTLINE_WIDTH_PX, TERRITORY_PICK_RADIUS_PX, TerritoryLook,
};
use super::view::MercatorView;
use crate::model::date::Date;
use crate::model::strokes::Strokes;
use crate::model::territory::{Territories, Territory, TerritoryStatus};

/// The territories contested on one date, drawn over the country fills.
pub struct TerritoriesPlugin<'a> {
    pub territories: &'a Territories,
    pub date: Date,
    pub patterns: &'a PatternTextures,
    pub look: TerritoryLook,
}

impl Plugin for TerritoriesPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        let view = MercatorView::from_projector(projector);
        let mut shapes = Vec::new();
        territory_shapes(
            self.territories,
            self.date,
            &view,
            self.patterns,
            self.look,
            &mut shapes,
        );
        ui.painter().extend(shapes);
    }
}

/// The patterns a status is hatched with.
pub fn territory_patterns(status: TerritoryStatus) -> &'static [Pattern] {
    match status {
        TerritoryStatus::Occupied | TerritoryStatus::Annexed => {
            &[Pattern::Hatch, Pattern::BackHatch]
        }
        TerritoryStatus::Breakaway | TerritoryStatus::Disputed => &[Pattern::BackHatch],
    }
}

/// Appends the shapes of every territory contested on `date` that shows in the view: hatching,
/// outline with its halo; a marker for a territory without an outline (their names are
/// placed with every other name, by [`crate::placement`]).
pub fn territory_shapes(
    territories: &Territories,
    date: Date,
    view: &MercatorView,
    patterns: &PatternTextures,
    look: TerritoryLook,
    shapes: &mut Vec<Shape>,
) {
    let detail = view.detail();
    let active: Vec<_> = territories.active(date).collect();
    for pattern in [Pattern::Hatch, Pattern::BackHatch] {
        let mut mesh = Mesh::with_texture(patterns.texture(pattern));
        for (territory, period) in &active {
            if territory.has_outline() && territory_patterns(period.status).contains(&pattern) {
                append_pattern_mesh(territory.mesh(detail), view, look.hatch, &mut mesh);
            }
        }
        if !mesh.is_empty() {
            shapes.push(Shape::mesh(mesh));
        }
    }
    let halo = Stroke::new(TERRITORY_HALO_WIDTH_PX, look.halo);
    let ink = Stroke::new(TERRITORY_OUTLINE_WIDTH_PX, look.outline);
    for (territory, _) in &active {
        if territory.has_outline() {
            outline(territory.strokes(detail), view, halo, ink, shapes);
            continue;
        }
        let [lon, lat] = territory.label_point();
        for copy in view.world_copies() {
            let at = copy.lon_lat_to_screen(lon, lat);
            if view.screen_rect().expand(100.0).contains(at) {
                shapes.push(Shape::circle_filled(
                    at,
                    TERRITORY_MARKER_RADIUS_PX,
                    look.halo,
                ));
                shapes.push(Shape::circle_stroke(at, TERRITORY_MARKER_RADIUS_PX, ink));
            }
        }
    }
}

/// The territory whose marker (for a territory without an outline) is under the pointer, for
/// clicks and tooltips; territories with an outline are picked by [`Territories::at`].
pub fn territory_marker_at<'t>(
    territories: &'t Territories,
    date: Date,
    view: &MercatorView,
    pos_in_screen: Pos2,
) -> Option<&'t Territory> {
    territories
        .active(date)
        .filter(|(territory, _)| !territory.has_outline())
        .find(|(territory, _)| {
            let [lon, lat] = territory.label_point();
            view.world_copies().any(|copy| {
                copy.lon_lat_to_screen(lon, lat).distance(pos_in_screen) <= TERRITORY_PICK_RADIUS_PX
            })
        })
        .map(|(territory, _)| territory)
}

/// A dashed outline over a solid halo, so that it reads over light and dark fills alike.
fn outline(
    strokes: &Strokes,
    view: &MercatorView,
    halo: Stroke,
    ink: Stroke,
    shapes: &mut Vec<Shape>,
) {
    let (mut under, mut over) = (Mesh::default(), Mesh::default());
    append_strokes(strokes, view, halo, &mut under);
    append_dashed_strokes(strokes, view, ink, TERRITORY_DASH_PX, &mut over);
    shapes.extend(
        [under, over]
            .into_iter()
            .filter(|mesh| !mesh.is_empty())
            .map(Shape::mesh),
    );
}
