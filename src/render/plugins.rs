//! The map's layers as walkers plugins: group fills, NATO neighbours, tension arcs, labels.
//! Each draws from the view model ([`crate::layers::MapLayers`]) and the cached meshes.

use std::cell::RefCell;
use std::collections::BTreeMap;

use egui::{Align2, Color32, FontId, Mesh, Rect, Response, Shape, Stroke, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::countries::{
    CountryFill, CountryOutline, Dash, fill_mesh, outline_shapes, pattern_mesh,
};
use super::gpu_map::{GpuDrawing, MapDraws, NEIGHBOURS_LAYER, group_layer};
use super::patterns::{Pattern, PatternTextures};
use super::shape_cache::{GroupInputs, MapShapeCaches};
use super::style::*;
use super::view::MercatorView;
use crate::layers::{GroupLayer, TensionArc};
use crate::model::geo::LonLat;
use crate::model::mercator::MercatorPoint;
use crate::model::scenario::{GroupKind, Status, TensionKind};
use crate::model::{CountryId, World};

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

/// The badges of the given groups' members, per country in the groups' order, for the labels
/// to draw beside the names.
pub fn member_badges<'a>(
    groups: impl IntoIterator<Item = (&'a GroupLayer, Color32)>,
) -> Vec<(CountryId, Vec<MemberBadge>)> {
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

/// The tensions' arcs, under the labels.
pub struct TensionArcsPlugin<'a> {
    pub tensions: &'a [TensionArc],
    /// The highlighted tensions' ids.
    pub selected: Vec<&'a str>,
    pub palette: Palette,
}

impl Plugin for TensionArcsPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        paint_layer(ui, projector, |_, view, shapes| {
            for copy in view.world_copies() {
                arc_shapes(&copy, self.tensions, &self.selected, &self.palette, shapes);
            }
        });
    }
}

/// The tensions' clickable markers, above the labels, where the map placed them.
pub struct TensionMarkersPlugin<'a> {
    pub tensions: &'a [TensionArc],
    /// Each tension's marker, in the order of `tensions`.
    pub markers: &'a [MercatorPoint],
    /// The highlighted tensions' ids.
    pub selected: Vec<&'a str>,
    pub palette: Palette,
}

impl Plugin for TensionMarkersPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        paint_layer(ui, projector, |_, view, shapes| {
            for copy in view.world_copies() {
                marker_shapes(
                    &copy,
                    self.tensions,
                    self.markers,
                    &self.selected,
                    &self.palette,
                    shapes,
                );
            }
        });
    }
}

fn arc_shapes(
    view: &MercatorView,
    tensions: &[TensionArc],
    selected: &[&str],
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) {
    let clip = view.screen_rect().expand(50.0);
    for tension in tensions {
        let (dash, width) = tension_dash(tension.kind);
        let is_selected = selected.contains(&tension.id.as_str());
        let width = if is_selected { width + 1.5 } else { width };
        let color = tension_color(palette, selected, is_selected);
        for arc in &tension.arcs {
            let points: Vec<egui::Pos2> = arc.iter().map(|p| view.to_screen(*p)).collect();
            if !points.iter().any(|p| clip.contains(*p)) {
                continue;
            }
            shapes.push(Shape::line(
                points.clone(),
                Stroke::new(width + 2.5, palette.label_halo),
            ));
            let stroke = Stroke::new(width, color);
            match dash {
                Dash::Solid => shapes.push(Shape::line(points, stroke)),
                Dash::Dashed(dash, gap) => {
                    shapes.extend(Shape::dashed_line(&points, stroke, dash, gap))
                }
            }
        }
    }
}

/// A tension's ink: faded beside highlighted ones, so that those stand out.
fn tension_color(palette: &Palette, selected: &[&str], is_selected: bool) -> egui::Color32 {
    if selected.is_empty() || is_selected {
        palette.tension
    } else {
        palette.tension.gamma_multiply(UNSELECTED_TENSION_ALPHA)
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
        let color = tension_color(palette, selected, is_selected);
        shapes.push(Shape::circle_filled(center, radius, color));
        shapes.push(Shape::circle_stroke(
            center,
            radius,
            Stroke::new(if is_selected { 3.0 } else { 1.5 }, palette.label_halo),
        ));
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

/// Country names and capitals, where the zoom leaves room, never overlapping.
pub struct LabelsPlugin<'a> {
    pub world: &'a World,
    /// Every country in the order labels are placed, from [`label_order`].
    pub order: &'a [CountryId],
    /// Countries the article speaks of, whose labels may overhang their borders.
    pub priority: &'a [CountryId],
    /// Tension markers drawn above the labels, which no label may hide.
    pub markers: &'a [MercatorPoint],
    /// Badges drawn beside the names, from [`member_badges`].
    pub badges: &'a [(CountryId, Vec<MemberBadge>)],
    /// Whether names and capitals are drawn, or only the badges.
    pub show_names: bool,
    pub palette: Palette,
    /// The shapes placed in an earlier frame, reused while nothing they depend on changed.
    pub cache: &'a RefCell<LabelCache>,
}

/// Labels placed for one view: placing them compares every label with those already placed,
/// so it is done when the view, the markers or the theme change, not every frame.
#[derive(Default)]
pub struct LabelCache {
    key: Option<LabelKey>,
    /// The badges the labels were placed with.
    badges: Vec<(CountryId, Vec<MemberBadge>)>,
    shapes: Vec<Shape>,
    labelled: Vec<CountryId>,
    badged: Vec<CountryId>,
    /// Each group's badges, painted by that group's [`GroupBadgesPlugin`].
    badge_shapes: BTreeMap<usize, Vec<Shape>>,
}

impl LabelCache {
    /// The countries whose names were placed for the last view.
    pub fn labelled(&self) -> &[CountryId] {
        &self.labelled
    }

    /// The countries whose badges were placed for the last view.
    pub fn badged(&self) -> &[CountryId] {
        &self.badged
    }
}

/// Everything label placement depends on, compared exactly; with the badges, which the cache
/// keeps apart so that a frame compares them without copying them.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LabelKey {
    center: MercatorPoint,
    zoom: f64,
    screen: Rect,
    ink: Color32,
    order: *const CountryId,
    markers: *const MercatorPoint,
    marker_count: usize,
    show_names: bool,
}

impl Plugin for LabelsPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        paint_layer(ui, projector, |ui, view, shapes| {
            let key = LabelKey {
                center: view.center(),
                zoom: view.zoom(),
                screen: view.screen_rect(),
                ink: self.palette.label,
                order: self.order.as_ptr(),
                markers: self.markers.as_ptr(),
                marker_count: self.markers.len(),
                show_names: self.show_names,
            };
            let mut cache = self.cache.borrow_mut();
            if cache.key != Some(key) || cache.badges != self.badges {
                *cache = LabelCache::default();
                self.label_shapes(ui, view, &mut cache);
                cache.key = Some(key);
                cache.badges = self.badges.to_vec();
            }
            shapes.extend(cache.shapes.iter().cloned());
        });
    }
}

/// The order labels are placed in: the article's countries first, smallest first, then the
/// rest, largest first, so that when names compete for room the ones that matter win. It depends only on the world
/// and the scenario, so the App computes it once.
pub fn label_order(world: &World, priority: &[CountryId]) -> Vec<CountryId> {
    let mut rest: Vec<&crate::model::Country> = world
        .countries()
        .iter()
        .filter(|country| !priority.contains(&country.id()))
        .collect();
    rest.sort_by(|a, b| b.area().total_cmp(&a.area()));
    // Among the article's countries the smallest choose first: a large country has room for
    // its name in many places, Armenia between its neighbours in few.
    let mut first: Vec<&crate::model::Country> =
        priority.iter().map(|&id| world.country(id)).collect();
    first.sort_by(|a, b| a.area().total_cmp(&b.area()));
    first
        .iter()
        .chain(rest.iter())
        .map(|country| country.id())
        .collect()
}

/// Where an article country's name may go, in units of its own size, when its middle is taken.
/// Only places where the name still touches the country count, so a
/// name never reads as its neighbour's.
pub(crate) const PRIORITY_LABEL_SHIFTS: [egui::Vec2; 13] = [
    egui::vec2(0.0, 0.0),
    egui::vec2(0.0, -0.9),
    egui::vec2(0.0, 0.9),
    egui::vec2(0.6, 0.0),
    egui::vec2(-0.6, 0.0),
    egui::vec2(0.6, -0.9),
    egui::vec2(-0.6, -0.9),
    egui::vec2(0.6, 0.9),
    egui::vec2(-0.6, 0.9),
    egui::vec2(0.0, -1.8),
    egui::vec2(0.0, 1.8),
    egui::vec2(1.1, 0.0),
    egui::vec2(-1.1, 0.0),
];

/// Capitals are shown from this zoom on (article countries one level earlier).
const CAPITALS_FROM_ZOOM: f64 = 4.5;

impl LabelsPlugin<'_> {
    fn label_shapes(&self, ui: &Ui, view: &MercatorView, placed: &mut LabelCache) {
        let LabelCache {
            shapes,
            labelled,
            badged,
            badge_shapes,
            ..
        } = placed;
        let (world, order, priority, markers, palette) = (
            self.world,
            self.order,
            self.priority,
            self.markers,
            &self.palette,
        );
        let screen = view.screen_rect();
        let mut taken: Vec<Rect> = markers
            .iter()
            .map(|&marker| {
                Rect::from_center_size(
                    view.to_screen(marker),
                    egui::Vec2::splat(2.0 * TENSION_MARKER_PICK_RADIUS_PX),
                )
            })
            .collect();
        let painter = ui.painter();
        let free = |rect: Rect, taken: &[Rect]| {
            screen.contains_rect(rect) && !taken.iter().any(|other| other.intersects(rect))
        };
        let copies: Vec<MercatorView> = view.world_copies().collect();
        for &id in order {
            let country = world.country(id);
            let is_priority = priority.contains(&id);
            let LonLat { lon, lat } = country.label_point();
            // The copy of the world in which this country's label point is on screen, if any.
            let Some((view, anchor)) = copies
                .iter()
                .map(|copy| (copy, copy.lon_lat_to_screen(lon, lat)))
                .find(|(_, anchor)| screen.contains(*anchor))
            else {
                continue;
            };
            let badges = self
                .badges
                .binary_search_by_key(&id, |(country, _)| *country)
                .map_or(&[][..], |at| &self.badges[at].1[..]);
            let galley = painter.layout_no_wrap(
                country.name().to_string(),
                FontId::proportional(LABEL_FONT_SIZE),
                palette.label,
            );
            // Other countries' names must fit inside them; the article's countries are named
            // however small they are on screen, wherever their name finds room. A badge goes
            // where the name would have gone when the name has no room.
            let name_fits = is_priority || galley.size().x <= country_width_px(country, view) * 0.9;
            let show_name = self.show_names && name_fits;
            if !show_name && badges.is_empty() {
                continue;
            }
            let name_size = if show_name {
                galley.size()
            } else {
                egui::Vec2::ZERO
            };
            let size = label_with_badges_size(name_size, badges.len());
            let centered = Align2::CENTER_CENTER.anchor_size(anchor, size).expand(2.0);
            // The article's countries may move their name just off a marker or a neighbour's
            // name rather than lose it.
            let shifts: &[egui::Vec2] = if is_priority {
                &PRIORITY_LABEL_SHIFTS
            } else {
                &[egui::Vec2::ZERO]
            };
            let own_area = country_screen_rect(country, view);
            let Some(rect) = shifts
                .iter()
                .map(|shift| centered.translate(*shift * centered.size()))
                .find(|rect| free(*rect, &taken) && rect.intersects(own_area))
            else {
                continue;
            };
            taken.push(rect);
            let inner = rect.shrink(2.0);
            if show_name {
                labelled.push(id);
                halo_text(
                    shapes,
                    painter,
                    inner.left_center(),
                    Align2::LEFT_CENTER,
                    country.name(),
                    LABEL_FONT_SIZE,
                    palette,
                );
            }
            if !badges.is_empty() {
                badged.push(id);
            }
            badge_row_shapes(
                badges,
                inner.right_center(),
                palette.label_halo,
                badge_shapes,
            );
            if !show_name {
                continue;
            }

            let capitals_zoom = CAPITALS_FROM_ZOOM - if is_priority { 1.0 } else { 0.0 };
            if view.zoom() < capitals_zoom {
                continue;
            }
            if let Some(capital) = country.capital() {
                capital_shapes(capital, view, painter, palette, &mut taken, shapes);
            }
        }
    }
}

/// The size of a name followed by a row of badges.
pub(crate) fn label_with_badges_size(name: egui::Vec2, badges: usize) -> egui::Vec2 {
    if badges == 0 {
        return name;
    }
    let gap = if name.x > 0.0 { BADGE_GAP_PX } else { 0.0 };
    let row = badges as f32 * (2.0 * BADGE_RADIUS_PX + BADGE_GAP_PX) - BADGE_GAP_PX;
    egui::vec2(name.x + gap + row, name.y.max(2.0 * BADGE_RADIUS_PX))
}

/// A row of badges ending at `right_center`, each with a halo that keeps it readable on any
/// fill, filed under its group.
fn badge_row_shapes(
    badges: &[MemberBadge],
    right_center: egui::Pos2,
    halo: Color32,
    shapes: &mut BTreeMap<usize, Vec<Shape>>,
) {
    let step = 2.0 * BADGE_RADIUS_PX + BADGE_GAP_PX;
    for (i, member) in badges.iter().rev().enumerate() {
        let center = right_center - egui::vec2(BADGE_RADIUS_PX + i as f32 * step, 0.0);
        let group_shapes = shapes.entry(member.group_index).or_default();
        badge_shapes(member.badge, center, BADGE_RADIUS_PX, halo, group_shapes);
    }
}

/// One group's badges, where the labels placed them this frame: a plugin of its own so that
/// the group's layer switch and shape count cover them.
pub struct GroupBadgesPlugin<'a> {
    pub group_index: usize,
    /// Filled by the [`LabelsPlugin`], which runs before.
    pub cache: &'a RefCell<LabelCache>,
}

impl Plugin for GroupBadgesPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, _: &Projector, _: &MapMemory) {
        if let Some(shapes) = self.cache.borrow().badge_shapes.get(&self.group_index) {
            ui.painter().extend(shapes.iter().cloned());
        }
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

/// A capital's dot and name, where neither hides a label or marker already placed.
fn capital_shapes(
    capital: &crate::model::Capital,
    view: &MercatorView,
    painter: &egui::Painter,
    palette: &Palette,
    taken: &mut Vec<Rect>,
    shapes: &mut Vec<Shape>,
) {
    let screen = view.screen_rect();
    let free = |rect: Rect, taken: &[Rect]| {
        screen.contains_rect(rect) && !taken.iter().any(|other| other.intersects(rect))
    };
    let dot = view.lon_lat_to_screen(capital.lon, capital.lat);
    let galley = painter.layout_no_wrap(
        capital.name.clone(),
        FontId::proportional(CAPITAL_FONT_SIZE),
        palette.label,
    );
    let dot_rect =
        Rect::from_center_size(dot, egui::Vec2::splat(2.0 * (CAPITAL_DOT_RADIUS_PX + 0.5)));
    if !free(dot_rect, taken) {
        return;
    }
    // The name goes right of the dot, or left, above or below when that is taken.
    let sides = [
        (Align2::LEFT_CENTER, CAPITAL_LABEL_OFFSET),
        (Align2::RIGHT_CENTER, -CAPITAL_LABEL_OFFSET),
        (Align2::CENTER_BOTTOM, -CAPITAL_LABEL_OFFSET.yx()),
        (Align2::CENTER_TOP, CAPITAL_LABEL_OFFSET.yx()),
    ];
    let Some((align, offset, text_rect)) = sides.into_iter().find_map(|(align, offset)| {
        let rect = align.anchor_size(dot + offset, galley.size()).expand(1.0);
        free(rect, taken).then_some((align, offset, rect))
    }) else {
        return;
    };
    taken.push(text_rect);
    taken.push(dot_rect);
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
    halo_text(
        shapes,
        painter,
        dot + offset,
        align,
        &capital.name,
        CAPITAL_FONT_SIZE,
        palette,
    );
}

/// Where a country's largest part lies on screen.
fn country_screen_rect(country: &crate::model::Country, view: &MercatorView) -> Rect {
    let mesh = country.mesh(view.detail());
    let Some(bbox) = mesh
        .parts
        .iter()
        .map(|part| part.bbox_in_mercator)
        .max_by(|a, b| {
            let area =
                |b: &crate::model::BoundingBox| (b.max[0] - b.min[0]) * (b.max[1] - b.min[1]);
            area(a).total_cmp(&area(b))
        })
    else {
        return Rect::NOTHING;
    };
    Rect::from_two_pos(
        view.to_screen(MercatorPoint::new(bbox.min[0], bbox.min[1])),
        view.to_screen(MercatorPoint::new(bbox.max[0], bbox.max[1])),
    )
}

fn country_width_px(country: &crate::model::Country, view: &MercatorView) -> f32 {
    let mesh = country.mesh(view.detail());
    mesh.parts
        .iter()
        .map(|part| {
            let bbox = &part.bbox_in_mercator;
            ((bbox.max[0] - bbox.min[0]) * view.pixels_per_unit()) as f32
        })
        .fold(0.0, f32::max)
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
