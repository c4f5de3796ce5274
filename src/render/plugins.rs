//! The map's layers as walkers plugins: group fills, NATO neighbours, tension arcs, labels.
//! Names, badges, markers and arcs are drawn where [`crate::placement`] put them.
//! Each draws from the view model ([`crate::layers::MapLayers`]) and the cached meshes.

use std::cell::RefCell;
use std::rc::Rc;

use egui::{Align2, Color32, FontId, Mesh, Response, Shape, Stroke, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::countries::{
    CountryFill, CountryOutline, Dash, fill_mesh, outline_shapes, pattern_mesh,
};
use super::gpu_map::{GpuDrawing, MapDraws, NEIGHBOURS_LAYER, group_layer};
use super::patterns::{Pattern, PatternTextures};
use super::shape_cache::{GroupInputs, MapShapeCaches};
use super::style::{
    BADGE_RADIUS_PX, BADGE_RIM_PX, CAPITAL_DOT_RADIUS_PX, GROUP_OUTLINE_WIDTH_PX, MEMBER_ALPHA,
    MEMBER_BORDER_COLOR, MEMBER_BORDER_WIDTH_PX, NEIGHBOUR_OUTLINE_WIDTH_PX, PARTIAL_STATUS_ALPHA,
    PROPOSED_RING_WIDTH_PX, PROPOSED_TENSION_THINNING_PX, Palette, TENSION_MARKER_PICK_RADIUS_PX,
    TENSION_MARKER_RADIUS_PX, TENSION_WIDTH_PX, TerritoryLook, UNSELECTED_TENSION_ALPHA,
};
use super::view::MercatorView;
use crate::layers::{GroupLayer, TensionArc};
use crate::model::mercator::MercatorPoint;
use crate::model::scenario::{GroupKind, Status, TensionKind};
use crate::model::{CountryId, World};
use crate::placement::{Named, Placement};

/// What every layer plugin does around building its shapes: take walkers' view of the frame
/// and paint the shapes in one batch.
pub(crate) fn paint_layer(
    ui: &mut Ui,
    projector: &Projector,
    build: impl FnOnce(&Ui, &MercatorView, &mut Vec<Shape>),
) {
    let view = MercatorView::from_projector(projector);
    let mut shapes = Vec::new();
    build(ui, &view, &mut shapes);
    ui.painter().extend(shapes);
}

/// What a group member looks like for its status. One encoding serves every combination of
/// memberships, so that they never stack into an unreadable blot: an alliance fills the
/// country (each country has at most one alliance at a time), its partial statuses add
/// hatching and a dashed outline, and every other kind of group marks the country with a
/// badge beside its name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StatusLook {
    pub fill: Option<Color32>,
    pub pattern: Option<Pattern>,
    pub dash: Option<Dash>,
    pub badge: Option<Badge>,
}

/// A small mark beside a country's name for its membership of a group that is not an alliance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Badge {
    pub shape: BadgeShape,
    pub color: Color32,
    /// Full members get a filled badge, other statuses (observer, suspended) a hollow one.
    pub filled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BadgeShape {
    /// An economic union.
    Circle,
    /// An informal group.
    Diamond,
}

pub fn status_look(kind: GroupKind, status: Status, color: Color32) -> StatusLook {
    let nothing = StatusLook {
        fill: None,
        pattern: None,
        dash: None,
        badge: None,
    };
    let shape = match kind {
        GroupKind::Alliance => None,
        GroupKind::EconomicUnion => Some(BadgeShape::Circle),
        GroupKind::Organisation | GroupKind::Informal => Some(BadgeShape::Diamond),
    };
    if let Some(shape) = shape {
        return StatusLook {
            badge: (status != Status::Former).then_some(Badge {
                shape,
                color,
                filled: status == Status::Member,
            }),
            ..nothing
        };
    }
    let partial = Some(color.gamma_multiply_u8(PARTIAL_STATUS_ALPHA));
    match status {
        Status::Member => StatusLook {
            fill: Some(color.gamma_multiply_u8(MEMBER_ALPHA)),
            ..nothing
        },
        Status::Suspended => StatusLook {
            fill: partial,
            pattern: Some(Pattern::Hatch),
            dash: Some(Dash::Dashed(8.0, 4.0)),
            ..nothing
        },
        Status::Frozen => StatusLook {
            fill: partial,
            pattern: Some(Pattern::BackHatch),
            dash: Some(Dash::Dashed(3.0, 3.0)),
            ..nothing
        },
        Status::Observer => StatusLook {
            pattern: Some(Pattern::Dots),
            dash: Some(Dash::Dashed(3.0, 3.0)),
            ..nothing
        },
        // Part of the way to membership: an observer's dots on a member's lighter fill.
        Status::Associate => StatusLook {
            fill: partial,
            pattern: Some(Pattern::Dots),
            dash: Some(Dash::Dashed(3.0, 3.0)),
            ..nothing
        },
        Status::Former => StatusLook {
            dash: Some(Dash::Dashed(2.0, 4.0)),
            ..nothing
        },
    }
}

/// One group's badge on one of its members.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MemberBadge {
    pub group_index: usize,
    pub badge: Badge,
}

/// The badges of the given groups' members, per country, economic unions before informal
/// groups and otherwise in the groups' order, for the labels to draw beside the names.
pub fn member_badges<'a>(
    groups: impl IntoIterator<Item = (&'a GroupLayer, Color32)>,
) -> Vec<(CountryId, Vec<MemberBadge>)> {
    let mut groups: Vec<(&GroupLayer, Color32)> = groups.into_iter().collect();
    groups.sort_by_key(|(group, _)| group.kind != GroupKind::EconomicUnion);
    let mut badges: Vec<(CountryId, Vec<MemberBadge>)> = Vec::new();
    for (group, color) in groups {
        for &(country, status) in &group.countries {
            let Some(badge) = status_look(group.kind, status, color).badge else {
                continue;
            };
            let badge = MemberBadge {
                group_index: group.group_index,
                badge,
            };
            match badges.binary_search_by_key(&country, |(id, _)| *id) {
                Ok(at) => badges[at].1.push(badge),
                Err(at) => badges.insert(at, (country, vec![badge])),
            }
        }
    }
    badges
}

/// One group's members, coloured and patterned by status.
pub struct GroupPlugin<'a> {
    pub world: &'a World,
    pub layer: &'a GroupLayer,
    pub color: Color32,
    pub patterns: &'a PatternTextures,
    /// The group's shapes from an earlier frame, painted again while the view, the members on
    /// the date and the colour are the same.
    pub caches: &'a RefCell<MapShapeCaches>,
    /// Draws the fills and the members' borders through the GPU, where the renderer is wgpu.
    pub gpu: Option<GpuDrawing<'a>>,
}

impl Plugin for GroupPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        let view = MercatorView::from_projector(projector);
        let inputs = GroupInputs {
            kind: self.layer.kind,
            countries: self.layer.countries.clone(),
            color: self.color,
            textures: [Pattern::Dots, Pattern::Hatch, Pattern::BackHatch]
                .map(|pattern| self.patterns.texture(pattern)),
        };
        let layer_key = group_layer(self.layer.group_index);
        let draws = self
            .gpu
            .and_then(|gpu| gpu.draws(layer_key, &view, ui.ctx()));
        if let Some(mut draws) = draws {
            let looks = status_looks(self.layer, self.color);
            group_fill_draws(&view, &looks, &mut draws);
            ui.painter().add(draws.into_shape(view.screen_rect()));
            let mut caches = self.caches.borrow_mut();
            let cache = caches
                .group_marks
                .entry(self.layer.group_index)
                .or_default();
            let marks = cache.shapes(self.world, &view, inputs, |built| {
                group_mark_shapes(self.world, &view, &looks, self.color, self.patterns, built);
            });
            ui.painter().extend(marks.iter().cloned());
            return;
        }
        paint_layer(ui, projector, |_, view, shapes| {
            let mut caches = self.caches.borrow_mut();
            let cache = caches.groups.entry(self.layer.group_index).or_default();
            let cached = cache.shapes(self.world, view, inputs, |built| {
                group_shapes(
                    self.world,
                    view,
                    self.layer,
                    self.color,
                    self.patterns,
                    built,
                );
            });
            shapes.extend(cached.iter().cloned());
        });
    }
}

pub fn group_shapes(
    world: &World,
    view: &MercatorView,
    layer: &GroupLayer,
    color: Color32,
    patterns: &PatternTextures,
    shapes: &mut Vec<Shape>,
) {
    let looks = status_looks(layer, color);
    let mut fills = Mesh::default();
    fill_mesh(world, view, member_fills(&looks), &mut fills);
    if !fills.is_empty() {
        shapes.push(Shape::mesh(fills));
    }
    outline_shapes(world, view, member_borders(&looks), shapes);
    group_mark_shapes(world, view, &looks, color, patterns, shapes);
}

/// Each member of a group with how its status looks.
fn status_looks(layer: &GroupLayer, color: Color32) -> Vec<(CountryId, StatusLook)> {
    layer
        .countries
        .iter()
        .map(|&(country, status)| (country, status_look(layer.kind, status, color)))
        .collect()
}

/// The members' fills.
fn member_fills(looks: &[(CountryId, StatusLook)]) -> impl Iterator<Item = CountryFill> + '_ {
    looks.iter().filter_map(|(country, look)| {
        look.fill.map(|color| CountryFill {
            country: *country,
            color,
        })
    })
}

/// The fill covers the land's borders: they are drawn again over it, so that neighbouring
/// members stay told apart.
fn member_borders(looks: &[(CountryId, StatusLook)]) -> impl Iterator<Item = CountryOutline> + '_ {
    looks
        .iter()
        .filter(|(_, look)| look.fill.is_some())
        .map(|(country, _)| CountryOutline {
            country: *country,
            stroke: Stroke::new(MEMBER_BORDER_WIDTH_PX, MEMBER_BORDER_COLOR),
            dash: Dash::Solid,
        })
}

/// The members' fills and borders as GPU draws.
fn group_fill_draws(view: &MercatorView, looks: &[(CountryId, StatusLook)], draws: &mut MapDraws) {
    draws.fill(view, member_fills(looks));
    draws.outlines(
        view,
        Stroke::new(MEMBER_BORDER_WIDTH_PX, MEMBER_BORDER_COLOR),
        member_borders(looks).map(|outline| outline.country),
    );
}

/// What marks a partial status over the fill: the pattern, then the dashed outline.
fn group_mark_shapes(
    world: &World,
    view: &MercatorView,
    looks: &[(CountryId, StatusLook)],
    color: Color32,
    patterns: &PatternTextures,
    shapes: &mut Vec<Shape>,
) {
    for pattern in [Pattern::Dots, Pattern::Hatch, Pattern::BackHatch] {
        let mut mesh = Mesh::with_texture(patterns.texture(pattern));
        pattern_mesh(
            world,
            view,
            looks
                .iter()
                .filter(|(_, look)| look.pattern == Some(pattern))
                .map(|(country, _)| CountryFill {
                    country: *country,
                    color,
                }),
            &mut mesh,
        );
        if !mesh.is_empty() {
            shapes.push(Shape::mesh(mesh));
        }
    }
    outline_shapes(
        world,
        view,
        looks.iter().filter_map(|(country, look)| {
            look.dash.map(|dash| CountryOutline {
                country: *country,
                stroke: Stroke::new(GROUP_OUTLINE_WIDTH_PX, color),
                dash,
            })
        }),
        shapes,
    );
}

/// Countries a drafted article names, shaded by how often.
pub struct MentionedPlugin<'a> {
    pub world: &'a World,
    pub counts: &'a [(CountryId, usize)],
    pub palette: Palette,
}

impl Plugin for MentionedPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        let most = self.counts.iter().map(|(_, n)| *n).max().unwrap_or(1);
        paint_layer(ui, projector, |_, view, shapes| {
            let mut fills = Mesh::default();
            fill_mesh(
                self.world,
                view,
                self.counts.iter().map(|&(country, count)| CountryFill {
                    country,
                    color: self.palette.mentioned_fill(count, most),
                }),
                &mut fills,
            );
            if !fills.is_empty() {
                shapes.push(Shape::mesh(fills));
            }
        });
    }
}

/// A thick outline round the members of one group that border the other (NATO neighbours).
pub struct NeighboursPlugin<'a> {
    pub world: &'a World,
    pub countries: &'a [CountryId],
    pub color: Color32,
    /// Draws the outlines through the GPU, where the renderer is wgpu.
    pub gpu: Option<GpuDrawing<'a>>,
}

impl Plugin for NeighboursPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        let view = MercatorView::from_projector(projector);
        let draws = self
            .gpu
            .and_then(|gpu| gpu.draws(NEIGHBOURS_LAYER, &view, ui.ctx()));
        if let Some(mut draws) = draws {
            let stroke = Stroke::new(NEIGHBOUR_OUTLINE_WIDTH_PX, self.color);
            draws.outlines(&view, stroke, self.countries.iter().copied());
            ui.painter().add(draws.into_shape(view.screen_rect()));
            return;
        }
        paint_layer(ui, projector, |_, view, shapes| {
            outline_shapes(
                self.world,
                view,
                self.countries.iter().map(|&country| CountryOutline {
                    country,
                    stroke: Stroke::new(NEIGHBOUR_OUTLINE_WIDTH_PX, self.color),
                    dash: Dash::Solid,
                }),
                shapes,
            );
        });
    }
}

/// How a tension kind is drawn: dash pattern and width, so kinds differ without colour.
pub fn tension_dash(kind: TensionKind) -> (Dash, f32) {
    match kind {
        TensionKind::MissileDefence => (Dash::Solid, TENSION_WIDTH_PX + 0.8),
        TensionKind::MilitaryPresence => (Dash::Dashed(12.0, 5.0), TENSION_WIDTH_PX),
        TensionKind::RegionalRivalry => (Dash::Dashed(3.0, 4.0), TENSION_WIDTH_PX + 0.6),
        TensionKind::Influence => (Dash::Dashed(18.0, 4.0), TENSION_WIDTH_PX - 0.6),
        TensionKind::ArmsRace => (Dash::Dashed(6.0, 3.0), TENSION_WIDTH_PX + 0.8),
        TensionKind::ArmedConflict => (Dash::Solid, TENSION_WIDTH_PX - 0.6),
        TensionKind::Instability => (Dash::Dashed(2.0, 7.0), TENSION_WIDTH_PX + 0.8),
    }
}

/// The shape of a tension's marker: with the line's dashes, what tells a tension's kind
/// apart without its colour (two kinds are solid lines; no two kinds share a shape).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerShape {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    Hexagon,
    /// A rectangle twice as wide as it is high.
    Bar,
}

pub fn tension_marker_shape(kind: TensionKind) -> MarkerShape {
    match kind {
        TensionKind::MissileDefence => MarkerShape::TriangleUp,
        TensionKind::MilitaryPresence => MarkerShape::Square,
        TensionKind::RegionalRivalry => MarkerShape::Diamond,
        TensionKind::Influence => MarkerShape::Circle,
        TensionKind::ArmsRace => MarkerShape::TriangleDown,
        TensionKind::ArmedConflict => MarkerShape::Hexagon,
        TensionKind::Instability => MarkerShape::Bar,
    }
}

/// The corners of a marker of `shape` round `center`, sized to cover about as much as a
/// circle of `radius`; `None` for the circle itself.
pub fn marker_corners(
    shape: MarkerShape,
    center: egui::Pos2,
    radius: f32,
) -> Option<Vec<egui::Pos2>> {
    let at = |points: &[(f32, f32)], scale: f32| {
        points
            .iter()
            .map(|&(x, y)| center + egui::vec2(x, y) * radius * scale)
            .collect()
    };
    let sqrt3 = 3f32.sqrt() / 2.0;
    match shape {
        MarkerShape::Circle => None,
        MarkerShape::Square => Some(at(
            &[(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)],
            0.9,
        )),
        MarkerShape::Diamond => Some(at(
            &[(0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)],
            1.25,
        )),
        MarkerShape::TriangleUp => Some(at(&[(0.0, -1.0), (sqrt3, 0.5), (-sqrt3, 0.5)], 1.35)),
        MarkerShape::TriangleDown => Some(at(&[(sqrt3, -0.5), (0.0, 1.0), (-sqrt3, -0.5)], 1.35)),
        MarkerShape::Hexagon => Some(at(
            &[
                (1.0, 0.0),
                (0.5, sqrt3),
                (-0.5, sqrt3),
                (-1.0, 0.0),
                (-0.5, -sqrt3),
                (0.5, -sqrt3),
            ],
            1.05,
        )),
        MarkerShape::Bar => Some(at(
            &[(-1.3, -0.6), (1.3, -0.6), (1.3, 0.6), (-1.3, 0.6)],
            1.0,
        )),
    }
}

/// A tension's marker as egui shapes: filled in `fill`, rimmed in `rim`.
pub fn marker_shape_shapes(
    shape: MarkerShape,
    center: egui::Pos2,
    radius: f32,
    fill: Color32,
    rim: Stroke,
    shapes: &mut Vec<Shape>,
) {
    match marker_corners(shape, center, radius) {
        None => {
            shapes.push(Shape::circle_filled(center, radius, fill));
            shapes.push(Shape::circle_stroke(center, radius, rim));
        }
        Some(corners) => shapes.push(Shape::convex_polygon(corners, fill, rim)),
    }
}

/// The placement of names, badges, markers and arcs for a view: worked out once per view by
/// [`crate::placement`] and shared by every plugin that draws part of it.
pub type PlacementFor<'a> = dyn Fn(&Ui, &MercatorView) -> Rc<Placement> + 'a;

/// The tensions' arcs, under the labels, cut where they would run under a name.
pub struct TensionArcsPlugin<'a> {
    pub tensions: &'a [TensionArc],
    pub placed: &'a PlacementFor<'a>,
    /// The highlighted tensions' ids.
    pub selected: Vec<&'a str>,
    pub palette: Palette,
}

impl Plugin for TensionArcsPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        paint_layer(ui, projector, |ui, view, shapes| {
            let placement = (self.placed)(ui, view);
            arc_shapes(
                &placement,
                self.tensions,
                &self.selected,
                &self.palette,
                shapes,
            );
        });
    }
}

/// The tensions' clickable markers, above the labels, where the placement put them.
pub struct TensionMarkersPlugin<'a> {
    pub tensions: &'a [TensionArc],
    pub placed: &'a PlacementFor<'a>,
    /// The highlighted tensions' ids.
    pub selected: Vec<&'a str>,
    pub palette: Palette,
}

impl Plugin for TensionMarkersPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        paint_layer(ui, projector, |ui, view, shapes| {
            let placement = (self.placed)(ui, view);
            for copy in view.world_copies() {
                marker_shapes(
                    &copy,
                    self.tensions,
                    &placement.markers,
                    &self.selected,
                    &self.palette,
                    shapes,
                );
            }
        });
    }
}

fn arc_shapes(
    placement: &Placement,
    tensions: &[TensionArc],
    selected: &[&str],
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) {
    for arc in &placement.arcs {
        let Some(tension) = tensions.get(arc.tension) else {
            continue;
        };
        let (dash, width) = tension_dash(tension.kind);
        let is_selected = selected.contains(&tension.id.as_str());
        let width = if is_selected { width + 1.5 } else { width };
        let width = if tension.proposed {
            width - PROPOSED_TENSION_THINNING_PX
        } else {
            width
        };
        let color = tension_color(palette, selected, is_selected, tension.proposed);
        for piece in &arc.pieces {
            shapes.push(Shape::line(
                piece.clone(),
                Stroke::new(width + 2.5, palette.label_halo),
            ));
            let stroke = Stroke::new(width, color);
            match dash {
                Dash::Solid => shapes.push(Shape::line(piece.clone(), stroke)),
                Dash::Dashed(dash, gap) => {
                    shapes.extend(Shape::dashed_line(piece, stroke, dash, gap))
                }
            }
        }
    }
}

/// A tension's ink: faded beside highlighted ones, so that those stand out, and lighter while
/// it is only proposed.
fn tension_color(
    palette: &Palette,
    selected: &[&str],
    is_selected: bool,
    proposed: bool,
) -> egui::Color32 {
    let color = if proposed {
        palette.proposed_tension()
    } else {
        palette.tension
    };
    if selected.is_empty() || is_selected {
        color
    } else {
        color.gamma_multiply(UNSELECTED_TENSION_ALPHA)
    }
}

/// A tension marker of `shape`: filled and rimmed with `halo` for an accepted tension, hollow
/// (its outline in `color` over a wider halo) for a proposed one.
pub fn tension_marker_shapes(
    shape: MarkerShape,
    center: egui::Pos2,
    radius: f32,
    color: egui::Color32,
    halo: Stroke,
    proposed: bool,
    shapes: &mut Vec<Shape>,
) {
    if proposed {
        let under = Stroke::new(halo.width + PROPOSED_RING_WIDTH_PX, halo.color);
        for rim in [under, Stroke::new(PROPOSED_RING_WIDTH_PX, color)] {
            marker_shape_shapes(shape, center, radius, Color32::TRANSPARENT, rim, shapes);
        }
    } else {
        marker_shape_shapes(shape, center, radius, color, halo, shapes);
    }
}

fn marker_shapes(
    view: &MercatorView,
    tensions: &[TensionArc],
    markers: &[MercatorPoint],
    selected: &[&str],
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) {
    let clip = view.screen_rect().expand(50.0);
    for (tension, &marker) in tensions.iter().zip(markers) {
        let center = view.to_screen(marker);
        if !clip.contains(center) {
            continue;
        }
        let is_selected = selected.contains(&tension.id.as_str());
        let radius = TENSION_MARKER_RADIUS_PX + if is_selected { 2.5 } else { 0.0 };
        let color = tension_color(palette, selected, is_selected, tension.proposed);
        tension_marker_shapes(
            tension_marker_shape(tension.kind),
            center,
            radius,
            color,
            Stroke::new(if is_selected { 3.0 } else { 1.5 }, palette.label_halo),
            tension.proposed,
            shapes,
        );
    }
}

/// The marker under a screen position, if any, in whichever copy of the world: its index in
/// `markers`.
pub fn tension_at(
    view: &MercatorView,
    markers: &[MercatorPoint],
    pos: egui::Pos2,
) -> Option<usize> {
    let copies: Vec<MercatorView> = view.world_copies().collect();
    markers
        .iter()
        .enumerate()
        .flat_map(|(i, &marker)| {
            copies
                .iter()
                .map(move |copy| (i, copy.to_screen(marker).distance(pos)))
        })
        .filter(|(_, distance)| *distance <= TENSION_MARKER_PICK_RADIUS_PX)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Country names, capitals, contested territories' names and leader lines, where the
/// placement put them.
pub struct LabelsPlugin<'a> {
    pub placed: &'a PlacementFor<'a>,
    pub palette: Palette,
}

impl Plugin for LabelsPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        paint_layer(ui, projector, |ui, view, shapes| {
            let placement = (self.placed)(ui, view);
            name_shapes(&placement, ui.painter(), &self.palette, shapes);
        });
    }
}

/// The shapes of every placed name: leader lines first, then capitals' dots, then the words.
fn name_shapes(
    placement: &Placement,
    painter: &egui::Painter,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) {
    for name in &placement.names {
        if let Some([from, to]) = name.leader {
            shapes.push(Shape::line_segment(
                [from, to],
                Stroke::new(3.0, palette.label_halo),
            ));
            shapes.push(Shape::line_segment(
                [from, to],
                Stroke::new(1.0, palette.label),
            ));
            shapes.push(Shape::circle_filled(from, 2.0, palette.label));
        }
    }
    for &(_, dot) in &placement.capital_dots {
        shapes.push(Shape::circle_filled(
            dot,
            CAPITAL_DOT_RADIUS_PX + 1.0,
            palette.label_halo,
        ));
        shapes.push(Shape::circle_filled(
            dot,
            CAPITAL_DOT_RADIUS_PX,
            palette.capital,
        ));
    }
    let territory = TerritoryLook::for_theme(palette.dark);
    for name in &placement.names {
        if let Named::Territory(_) = name.named {
            let galley = painter.layout_no_wrap(
                name.text.clone(),
                FontId::proportional(name.size_px),
                territory.outline,
            );
            shapes.push(Shape::rect_filled(
                name.rect.expand(1.5),
                3.0,
                territory.halo,
            ));
            shapes.push(Shape::galley(name.rect.min, galley, territory.outline));
        } else {
            halo_text(
                shapes,
                painter,
                name.rect.left_center(),
                Align2::LEFT_CENTER,
                &name.text,
                name.size_px,
                palette,
            );
        }
    }
}

/// One group's badges, where the placement put them: a plugin of its own so that the group's
/// layer switch and shape count cover them.
pub struct GroupBadgesPlugin<'a> {
    pub group_index: usize,
    pub placed: &'a PlacementFor<'a>,
    pub halo: Color32,
}

impl Plugin for GroupBadgesPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        paint_layer(ui, projector, |ui, view, shapes| {
            let placement = (self.placed)(ui, view);
            for placed in &placement.badges {
                if placed.member.group_index == self.group_index {
                    badge_shapes(
                        placed.member.badge,
                        placed.center,
                        BADGE_RADIUS_PX,
                        self.halo,
                        shapes,
                    );
                }
            }
        });
    }
}

/// One badge centred on `center`: its shape, filled or hollow, over a halo.
pub fn badge_shapes(
    badge: Badge,
    center: egui::Pos2,
    radius: f32,
    halo: Color32,
    shapes: &mut Vec<Shape>,
) {
    let outline = |radius: f32| -> Vec<egui::Pos2> {
        match badge.shape {
            BadgeShape::Circle => Vec::new(),
            BadgeShape::Diamond => vec![
                center + egui::vec2(0.0, -radius),
                center + egui::vec2(radius, 0.0),
                center + egui::vec2(0.0, radius),
                center + egui::vec2(-radius, 0.0),
            ],
        }
    };
    let (fill, ink) = if badge.filled {
        (badge.color, Stroke::new(BADGE_RIM_PX, halo))
    } else {
        (halo, Stroke::new(BADGE_RIM_PX, badge.color))
    };
    match badge.shape {
        BadgeShape::Circle => {
            shapes.push(Shape::circle_filled(center, radius + BADGE_RIM_PX, halo));
            shapes.push(Shape::Circle(egui::epaint::CircleShape {
                center,
                radius,
                fill,
                stroke: ink,
            }));
        }
        BadgeShape::Diamond => {
            // A diamond's corners reach as far as a circle's edge, so it looks smaller: grow it.
            let radius = radius * 1.25;
            shapes.push(Shape::convex_polygon(
                outline(radius + BADGE_RIM_PX * 1.4),
                halo,
                Stroke::NONE,
            ));
            shapes.push(Shape::convex_polygon(outline(radius), fill, ink));
        }
    }
}

/// Text with a thin outline in the halo colour, readable over any fill: laid out once, drawn
/// four times offset in the halo colour and once on top.
pub(crate) fn halo_text(
    shapes: &mut Vec<Shape>,
    painter: &egui::Painter,
    pos: egui::Pos2,
    anchor: Align2,
    text: &str,
    size: f32,
    palette: &Palette,
) {
    let galley =
        painter.layout_no_wrap(text.to_string(), FontId::proportional(size), palette.label);
    let top_left = anchor.anchor_size(pos, galley.size()).min;
    for offset in [
        egui::vec2(-1.0, 0.0),
        egui::vec2(1.0, 0.0),
        egui::vec2(0.0, -1.0),
        egui::vec2(0.0, 1.0),
    ] {
        shapes.push(Shape::galley_with_override_text_color(
            top_left + offset,
            galley.clone(),
            palette.label_halo,
        ));
    }
    shapes.push(Shape::galley(top_left, galley, palette.label));
}
