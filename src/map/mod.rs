//! The map as a component: walkers' map with our layers, its own memory of where it looks,
//! flights and fitting, the online tiles, and picking what is under the pointer. Like the
//! panels it reads a context and returns actions; the App applies them.

pub mod annotations;
pub mod navigation;
pub mod pick;
pub mod placed;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use egui::Ui;
use walkers::{Map, MapMemory, Plugin, Projector, lon_lat};

use self::annotations::{
    date_badge_ui, drop_hint_ui, highlight_shapes, hover_text, map_controls_ui, reserved_rects,
    scale_bar_ui, selected_territory_shapes,
};
use self::navigation::{Flight, fitted_view, jump_to, pan_by, set_zoom, zoom_around};
use self::pick::{Hit, Pickable, pick};
use self::placed::{PlacementCell, egui_measure};
use crate::layers::{GroupLayer, LayerId, MapLayers, OverlayId};
use crate::model::date::Date;
use crate::model::geo::wrap_longitude;
use crate::model::mercator::{self, MercatorPoint};
use crate::model::scenario::{GroupKind, Scenario};
use crate::model::territory::Territories;
use crate::model::{BoundingBox, CountryId, World};
use crate::placement::{Placement, PlacementInput};
use crate::render::gpu_map::{GpuDrawing, GpuMap, GpuTarget};
use crate::render::land::LandPlugin;
use crate::render::online_tiles::{self, OnlineTiles};
use crate::render::overlays::OverlayPlugin;
use crate::render::patterns::PatternTextures;
use crate::render::plugins::{
    GroupBadgesPlugin, GroupPlugin, LabelsPlugin, MemberBadge, MentionedPlugin, NeighboursPlugin,
    PlacementFor, TensionArcsPlugin, TensionMarkersPlugin, member_badges,
};
use crate::render::shape_cache::MapShapeCaches;
use crate::render::style::{
    DATE_BADGE_FONT_SIZE, Palette, SCALE_BAR_FONT_SIZE, TILE_FILL_ALPHA, TerritoryLook,
};
use crate::render::territories::TerritoriesPlugin;
use crate::render::view::{
    FINE_DETAIL_FROM_ZOOM, FINEST_DETAIL_FROM_ZOOM, MercatorView, TILE_SIZE_PX,
};
use crate::session::EditAction;
use crate::session::layer_state_key;
use crate::session::settings::{SavedView, UiState};
use crate::session::{Action, OverlayEntry, Selection};

/// How far the wheel scrolls, in points, to zoom one level: a notch of a mouse wheel (50
/// points) zooms a quarter of a level, smoothly over a few frames.
const WHEEL_POINTS_PER_ZOOM_LEVEL: f64 = 200.0;

/// A layer of the map as drawn: one of the scenario's layers or an overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MapLayer {
    Layer(LayerId),
    Overlay(OverlayId),
    /// The marks of what is selected: outlines of countries and of a contested territory.
    Selection,
}

impl From<LayerId> for MapLayer {
    fn from(layer: LayerId) -> Self {
        MapLayer::Layer(layer)
    }
}

impl From<OverlayId> for MapLayer {
    fn from(overlay: OverlayId) -> Self {
        MapLayer::Overlay(overlay)
    }
}

/// What the map reads for one frame, borrowed from the App.
pub struct MapContext<'a> {
    pub world: &'a Arc<World>,
    pub scenario: &'a Scenario,
    pub layers: &'a MapLayers,
    pub overlays: &'a [OverlayEntry],
    pub selection: &'a Selection,
    pub state: &'a UiState,
    pub date: Date,
    pub palette: Palette,
    /// Every country in the order labels are placed.
    pub label_order: &'a [CountryId],
    /// Countries the scenario speaks of and its tensions' parties, named before the others.
    pub first_countries: &'a [CountryId],
    /// Those of them named beside themselves on a leader line when too small.
    pub beside_countries: &'a [CountryId],
    /// Contested territories, drawn and picked for the date.
    pub territories: &'a Territories,
    /// While a tension is being made, the countries picked as its parties so far (outlined
    /// like a selection); a click then picks a party (or places an actor) instead of selecting.
    pub picking: Option<&'a [CountryId]>,
}

impl MapContext<'_> {
    fn is_visible(&self, layer: LayerId) -> bool {
        self.state.is_visible(&layer_state_key(self.layers, layer))
    }
}

/// The map's own state between frames.
pub struct WorldMap {
    memory: MapMemory,
    last_view: Option<MercatorView>,
    flight: Option<Flight>,
    /// A Mercator extent to fit once the map's size is known.
    pending_fit: Option<BoundingBox>,
    /// The extent the view was last fitted to, until the reader moves the map: while it is
    /// set, a window that changes size is fitted again.
    fitted: Option<BoundingBox>,
    /// Created the first time the reader turns the online tiles on.
    online_tiles: Option<OnlineTiles>,
    tiles_failed: bool,
    /// Loaded on the first frame, when there is a context to load textures into.
    patterns: Option<PatternTextures>,
    /// How many shapes each layer painted in the last frame: what the legend switches do,
    /// observable from outside.
    painted: RefCell<BTreeMap<MapLayer, usize>>,
    /// Names, badges, markers and arcs placed for the last view.
    placement: PlacementCell,
    /// The land's and the groups' shapes for the last view, reused while it stays.
    shape_caches: RefCell<MapShapeCaches>,
    /// Where the renderer is wgpu: the land and the alliances drawn from geometry on the GPU.
    gpu: Option<GpuMap>,
}

impl Default for WorldMap {
    fn default() -> Self {
        Self::new()
    }
}

impl WorldMap {
    pub fn new() -> Self {
        Self {
            memory: MapMemory::default(),
            last_view: None,
            flight: None,
            pending_fit: None,
            fitted: None,
            online_tiles: None,
            tiles_failed: false,
            patterns: None,
            painted: RefCell::default(),
            placement: RefCell::default(),
            shape_caches: RefCell::default(),
            gpu: None,
        }
    }

    /// Draws the land, the borders and the alliances' fills through the GPU from now on,
    /// into the renderer's `target`.
    pub fn draw_on_gpu(&mut self, target: GpuTarget) {
        self.gpu = Some(GpuMap::new(target));
    }
    /// Whether the map draws through the GPU.
    pub fn draws_on_gpu(&self) -> bool {
        self.gpu.is_some()
    }
    /// How many times a layer was drawn through the GPU rather than as egui meshes.
    pub fn gpu_layers_drawn(&self) -> usize {
        self.gpu.as_ref().map_or(0, GpuMap::layers_drawn)
    }
    /// Builds the GPU geometry of the level the view draws now, so that the next frame draws
    /// through the GPU (for tests and benchmarks, which do not wait for its thread).
    pub fn prepare_gpu_geometry(&self, world: &Arc<World>) {
        if let (Some(gpu), Some(view)) = (&self.gpu, &self.last_view) {
            gpu.geometry_now(world, view.detail());
        }
    }

    pub fn memory(&self) -> &MapMemory {
        &self.memory
    }
    pub fn memory_mut(&mut self) -> &mut MapMemory {
        &mut self.memory
    }
    /// The map's view in the last frame.
    pub fn last_view(&self) -> Option<&MercatorView> {
        self.last_view.as_ref()
    }
    /// How many shapes a layer painted in the last frame.
    pub fn painted(&self, layer: MapLayer) -> usize {
        self.painted.borrow().get(&layer).copied().unwrap_or(0)
    }
    /// How many times the land's and the groups' shapes were built rather than reused.
    pub fn shape_builds(&self) -> usize {
        self.shape_caches.borrow().builds()
    }
    /// Drops the shapes kept for the last view, so that the next frame builds them all: the
    /// benchmarks' baseline, every frame as it was before the shapes were kept.
    pub fn forget_shapes(&mut self) {
        *self.shape_caches.get_mut() = MapShapeCaches::default();
    }
    /// The countries whose names the map shows in the last frame's view.
    pub fn labelled_countries(&self) -> Vec<CountryId> {
        self.placement.borrow().last().named_countries()
    }

    /// Places every name again on every moving frame too, rather than carrying the last
    /// placement along with the map until it stops: the benchmarks' baseline.
    pub fn place_names_on_every_moving_frame(&mut self) {
        self.placement.get_mut().place_every_view();
    }

    /// Everything placed for the last frame's view: names, badges, markers and arcs.
    pub fn placement(&self) -> std::rc::Rc<Placement> {
        self.placement.borrow().last()
    }

    /// How many times the names were placed rather than reused.
    pub fn placements(&self) -> usize {
        self.placement.borrow().placements()
    }

    /// The countries whose membership badges were placed in the last frame.
    pub fn badged_countries(&self) -> Vec<CountryId> {
        self.placement.borrow().last().badged_countries()
    }

    /// Where the tension markers were on screen in the last frame, in the order of the
    /// layers' tensions; empty while the tensions are hidden.
    pub fn marker_positions(&self) -> Vec<egui::Pos2> {
        match self.last_view {
            Some(view) => self
                .placement
                .borrow()
                .last()
                .markers
                .iter()
                .map(|&p| view.to_screen(p))
                .collect(),
            None => Vec::new(),
        }
    }
    pub fn tiles_failed(&self) -> bool {
        self.tiles_failed
    }

    /// Where the map looks, to save.
    pub fn saved_view(&self) -> Option<SavedView> {
        self.last_view.map(|view| {
            let center = view.center_position();
            SavedView {
                lon: center.x(),
                lat: center.y(),
                zoom: self.memory.zoom(),
            }
        })
    }

    /// Looks where a saved view looked.
    pub fn restore(&mut self, view: SavedView) {
        self.flight = None;
        self.pending_fit = None;
        self.fitted = None;
        self.memory.center_at(lon_lat(view.lon, view.lat));
        set_zoom(&mut self.memory, view.zoom);
    }

    /// Fits a Mercator extent to the map at once, as soon as the map's size is known.
    pub fn fit(&mut self, extent: BoundingBox) {
        self.flight = None;
        self.pending_fit = Some(extent);
    }

    /// Starts a flight from the current view to one that fits `extent`.
    pub fn fly_to(&mut self, extent: &BoundingBox) {
        self.fly_to_above(extent, 0.0);
    }

    /// Starts a flight to a view that fits `extent` into the map above its bottom
    /// `covered_px` points, where something (a caption) lies over the map.
    pub fn fly_to_above(&mut self, extent: &BoundingBox, covered_px: f32) {
        let screen = self.screen_rect();
        let mut clear = screen;
        clear.max.y = (screen.max.y - covered_px).max(screen.min.y + screen.height() * 0.4);
        let Some((center, to_zoom)) = fitted_view(extent, clear) else {
            return;
        };
        // The extent's middle sits in the middle of the clear part, above the map's middle.
        let pixels_per_unit = TILE_SIZE_PX * 2f64.powf(to_zoom);
        let below = f64::from(screen.center().y - clear.center().y) / pixels_per_unit;
        let to = MercatorPoint::new(center.x, center.y + below);
        self.fitted = None;
        let from = self.last_view.map_or(to, |view| {
            let center = view.center_position();
            mercator::project(center.x(), center.y())
        });
        self.flight = Some(Flight::new(from, self.memory.zoom(), to, to_zoom));
    }

    /// Zooms by `levels` around the middle of the map.
    pub fn zoom_by(&mut self, levels: f64) {
        if let Some(view) = self.last_view {
            self.flight = None;
            self.fitted = None;
            zoom_around(&mut self.memory, &view, levels, view.screen_rect().center());
        }
    }

    /// Moves the map by a distance on screen.
    pub fn pan_by(&mut self, distance: egui::Vec2) {
        if let Some(view) = self.last_view {
            self.flight = None;
            self.fitted = None;
            pan_by(&mut self.memory, &view, distance);
        }
    }

    /// Zooms with the wheel or a pinch around the pointer, in small steps, before walkers sees
    /// the input; walkers' own wheel handling (pan, or zoom only with Ctrl) is off. A wheel
    /// over a window above the map scrolls that window instead.
    fn wheel_zoom(&mut self, ui: &Ui) {
        let Some(view) = self.last_view else {
            return;
        };
        let (pointer, scroll, pinch) = ui.input(|i| {
            (
                i.pointer.latest_pos(),
                i.smooth_scroll_delta.y,
                i.zoom_delta(),
            )
        });
        let Some(pointer) = pointer.filter(|p| view.screen_rect().contains(*p)) else {
            return;
        };
        let over_map = ui
            .ctx()
            .layer_id_at(pointer)
            .is_none_or(|layer| layer.order == egui::Order::Background);
        let levels = f64::from(scroll) / WHEEL_POINTS_PER_ZOOM_LEVEL + f64::from(pinch).log2();
        if !over_map || levels.abs() < 1e-6 {
            return;
        }
        self.flight = None;
        self.fitted = None;
        zoom_around(&mut self.memory, &view, levels, pointer);
        ui.ctx()
            .input_mut(|i| i.smooth_scroll_delta = egui::Vec2::ZERO);
    }

    /// Starts preparing the 1:50m border network and the 1:10m boundaries a zoom level before
    /// they are needed, and shows them once ready; until then the 1:50m boundaries stay on
    /// screen at 1:10m's zooms.
    fn prepare_detail(&self, ctx: &egui::Context, world: &World) {
        if self.memory.zoom() >= FINE_DETAIL_FROM_ZOOM - 1.0 {
            let ctx = ctx.clone();
            world.request_fine_borders(move || ctx.request_repaint());
        }
        if self.memory.zoom() >= FINEST_DETAIL_FROM_ZOOM - 1.0 {
            let ctx = ctx.clone();
            world.request_finest(move || ctx.request_repaint());
        }
        if world.poll_finest() {
            ctx.request_repaint();
        }
    }

    /// Forgets tiles that failed, so that turning them on tries afresh.
    pub fn restart_online_tiles(&mut self) {
        self.online_tiles = None;
        self.tiles_failed = false;
    }

    /// From now on the offline map is drawn as usual until the tiles are restarted.
    pub fn mark_tiles_failed(&mut self) {
        self.tiles_failed = true;
    }

    fn screen_rect(&self) -> egui::Rect {
        self.last_view.map_or(
            egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0)),
            |view| view.screen_rect(),
        )
    }

    /// Draws the map filling `ui` and pushes what the reader asked for.
    pub fn ui(&mut self, ui: &mut Ui, context: &MapContext<'_>, actions: &mut Vec<Action>) {
        self.advance_flight(ui.ctx());
        self.wheel_zoom(ui);
        self.wrap_center();
        self.apply_pending_fit(ui.available_rect_before_wrap());
        self.painted.get_mut().clear();
        self.prepare_detail(ui.ctx(), context.world);
        let over_tiles =
            context.state.online_tiles && online_tiles::AVAILABLE && !self.tiles_failed;
        if over_tiles && self.online_tiles.is_none() {
            self.online_tiles = Some(OnlineTiles::new(ui.ctx()));
        }
        let patterns = self
            .patterns
            .get_or_insert_with(|| PatternTextures::new(ui.ctx()))
            .clone();
        let tiles = self
            .online_tiles
            .as_mut()
            .filter(|_| over_tiles)
            .map(|tiles| tiles.tiles_mut() as &mut dyn walkers::Tiles);
        let default_center = self
            .last_view
            .map_or(lon_lat(0.0, 0.0), |view| view.center_position());
        let map = Map::new(tiles, &mut self.memory, default_center)
            .zoom_gesture(false)
            .panning(false)
            .double_click_to_zoom(false);
        let badges = visible_badges(context);
        let cell = &self.placement;
        let placed = |ui: &Ui, view: &MercatorView| placement_for(context, &badges, cell, ui, view);
        let plugins = LayerPlugins {
            context,
            patterns: &patterns,
            painted: &self.painted,
            placed: &placed,
            shape_caches: &self.shape_caches,
            gpu: self.gpu.as_ref().map(|map| GpuDrawing {
                map,
                world: context.world,
            }),
            badges: &badges,
            over_tiles,
        };
        let painted = &self.painted;
        let map = plugins.add_to(map);
        let inner = map.show(ui, |ui, response, projector, _| {
            let view = MercatorView::from_projector(projector);
            let placement = placed(ui, &view);
            let hit = response.hover_pos().map_or(Hit::Nothing, |pointer| {
                pick(&view, &pickable(context, &placement), pointer)
            });
            if response.clicked() {
                actions.push(click_action(context, &view, response, hit));
            }
            let double_click = double_click_zoom(ui, response);
            highlights_ui(ui, context, &view, hit, painted);
            furniture_ui(ui, context, &view, actions);
            if context.picking.is_some() && response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
            } else if hit.is_clickable_symbol() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
            (view, hit, double_click)
        });
        let (view, hit, double_click) = inner.inner;
        if inner.response.dragged() {
            self.fitted = None;
        }
        if let Some((pointer, levels)) = double_click {
            self.flight = None;
            self.fitted = None;
            zoom_around(&mut self.memory, &view, levels, pointer);
        }
        if let Some(text) = hover_text(context, hit)
            && !inner.response.dragged()
        {
            inner.response.on_hover_text_at_pointer(text);
        }
        self.finish_frame(ui, view, over_tiles, actions);
    }

    /// What follows drawing: the drop hint, the tiles' verdict, and fitting once the map's
    /// size is known (again when the window's size changed before the reader moved the map).
    fn finish_frame(
        &mut self,
        ui: &Ui,
        view: MercatorView,
        over_tiles: bool,
        actions: &mut Vec<Action>,
    ) {
        if ui.ctx().input(|i| !i.raw.hovered_files.is_empty()) {
            drop_hint_ui(ui, &view);
        }
        if over_tiles {
            self.judge_tiles(ui.ctx(), &view, actions);
        }
        let resized = self
            .last_view
            .is_some_and(|last| last.screen_rect().size() != view.screen_rect().size());
        self.last_view = Some(view);
        if resized && self.pending_fit.is_none() {
            self.pending_fit = self.fitted;
        }
        if self.pending_fit.is_some() {
            ui.ctx().request_repaint();
        }
    }

    /// Fits a pending extent to the rectangle the map is about to fill, before the frame
    /// draws: the first frame shows the fitted view rather than walkers' default (zoom 16
    /// at 0° 0°), which drew Africa at 1:50m and prepared 1:10m for nothing at every start.
    fn apply_pending_fit(&mut self, map_rect: egui::Rect) {
        let Some(extent) = self.pending_fit else {
            return;
        };
        if let Some((center, zoom)) = fitted_view(&extent, map_rect) {
            jump_to(&mut self.memory, center, zoom);
            self.pending_fit = None;
            self.fitted = Some(extent);
        }
    }

    /// Asks for the offline map once no tile has come in time.
    fn judge_tiles(&mut self, ctx: &egui::Context, view: &MercatorView, actions: &mut Vec<Action>) {
        let Some(tiles) = self.online_tiles.as_mut() else {
            return;
        };
        if !tiles.has_loaded() {
            // Come back to judge the tiles even if the reader does nothing meanwhile.
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
        if tiles.has_failed(view, ctx.input(|i| i.time)) {
            actions.push(Action::OnlineTilesFailed);
        }
    }

    fn advance_flight(&mut self, ctx: &egui::Context) {
        let Some(flight) = self.flight.as_mut() else {
            return;
        };
        let (center, zoom, arrived) = flight.at(ctx.input(|i| i.time));
        jump_to(&mut self.memory, center, zoom);
        if arrived {
            self.flight = None;
        }
        ctx.request_repaint();
    }

    /// walkers lets the map be dragged round the world without end; bring the centre back
    /// within ±180° so that the world's copies are always drawn around it.
    fn wrap_center(&mut self) {
        if let Some(center) = self.memory.detached()
            && center.x().abs() > 180.0
        {
            let lon = wrap_longitude(center.x());
            self.memory.center_at(lon_lat(lon, center.y()));
        }
    }

    /// Where a Mercator point was on screen in the last frame.
    pub fn screen_position_of(&self, point: MercatorPoint) -> Option<egui::Pos2> {
        self.last_view.map(|view| view.to_screen(point))
    }
}

/// What can be picked this frame: hidden tensions and overlays cannot.
fn pickable<'a>(context: &'a MapContext<'_>, placement: &'a Placement) -> Pickable<'a> {
    let shown = context.is_visible(LayerId::Tensions);
    Pickable {
        world: context.world,
        tensions: if shown { &context.layers.tensions } else { &[] },
        markers: if shown { &placement.markers } else { &[] },
        placement,
        overlays: context.overlays,
        territories: context
            .is_visible(LayerId::Territories)
            .then_some((context.territories, context.date)),
    }
}

/// The placement for this frame's `view`, from the map's cell: placed again only when
/// anything it depends on changed.
fn placement_for(
    context: &MapContext<'_>,
    badges: &[(CountryId, Vec<MemberBadge>)],
    cell: &PlacementCell,
    ui: &Ui,
    view: &MercatorView,
) -> std::rc::Rc<Placement> {
    let measure = egui_measure(ui);
    let tensions_shown = context.is_visible(LayerId::Tensions);
    let mut date_lines = vec![(context.date.long_form(), DATE_BADGE_FONT_SIZE)];
    if tensions_shown && context.date != context.scenario.date() {
        date_lines.push((
            format!(
                "Tensions as stated on {}",
                context.scenario.date().long_form()
            ),
            SCALE_BAR_FONT_SIZE,
        ));
    }
    let reserved = reserved_rects(view, &date_lines, &measure);
    let input = PlacementInput {
        world: context.world,
        view: *view,
        order: context.label_order,
        first: context.first_countries,
        beside: context.beside_countries,
        show_names: context.is_visible(LayerId::Labels),
        badges,
        tensions: if tensions_shown {
            &context.layers.tensions
        } else {
            &[]
        },
        date: context.date,
        territories: context
            .is_visible(LayerId::Territories)
            .then_some(context.territories),
        reserved: &reserved,
    };
    let mut placement = cell.borrow_mut();
    let placed = placement.for_input(
        &input,
        context.layers.revision,
        &measure,
        ui.ctx().cumulative_frame_nr(),
    );
    if placement.is_carried() {
        ui.ctx().request_repaint();
    }
    placed
}

/// The scenario's groups whose layers are switched on, in the scenario's order.
fn visible_groups<'a>(context: &'a MapContext<'_>) -> impl Iterator<Item = &'a GroupLayer> {
    context
        .layers
        .groups
        .iter()
        .filter(|group| context.is_visible(LayerId::Group(group.group_index)))
}

/// The badges the visible groups give their members.
fn visible_badges(context: &MapContext<'_>) -> Vec<(CountryId, Vec<MemberBadge>)> {
    member_badges(visible_groups(context).map(|group| (group, context.palette.group_color(group))))
}

/// The groups that have a badge on the map, each once.
fn badge_groups(badges: &[(CountryId, Vec<MemberBadge>)]) -> BTreeSet<usize> {
    badges
        .iter()
        .flat_map(|(_, badges)| badges.iter().map(|member| member.group_index))
        .collect()
}

/// What the layers' plugins are made from in one frame.
struct LayerPlugins<'c> {
    context: &'c MapContext<'c>,
    patterns: &'c PatternTextures,
    painted: &'c RefCell<BTreeMap<MapLayer, usize>>,
    /// Where names, badges, markers and arcs stand in a view.
    placed: &'c PlacementFor<'c>,
    shape_caches: &'c RefCell<MapShapeCaches>,
    gpu: Option<GpuDrawing<'c>>,
    /// Badges beside the names, from [`visible_badges`].
    badges: &'c [(CountryId, Vec<MemberBadge>)],
    over_tiles: bool,
}

impl<'c> LayerPlugins<'c> {
    /// walkers' map with a plugin for each visible layer, bottom to top: land, group fills,
    /// a draft's mentions, neighbours, overlays, labels, tensions.
    fn add_to<'a, 'b>(&self, mut map: Map<'a, 'b, 'c>) -> Map<'a, 'b, 'c> {
        let context = self.context;
        let (palette, world) = (context.palette, context.world);
        map = map.with_plugin(LandPlugin {
            world,
            palette,
            over_tiles: self.over_tiles,
            caches: self.shape_caches,
            gpu: self.gpu,
        });
        map = self.add_groups(map);
        map = self.add_context_layers(map);
        map = self.add_overlays(map);
        self.add_tensions_and_names(map)
    }

    /// Over the groups' fills: a draft's mentions, the neighbours and contested territories.
    fn add_context_layers<'a, 'b>(&self, mut map: Map<'a, 'b, 'c>) -> Map<'a, 'b, 'c> {
        let context = self.context;
        let (palette, world) = (context.palette, context.world);
        // Over the groups' fills: what a draft's article names is what the draft is for.
        if context.is_visible(LayerId::Mentioned) && !context.layers.mentioned.is_empty() {
            let plugin = MentionedPlugin {
                world,
                counts: &context.layers.mentioned,
                palette,
            };
            map = map.with_plugin(self.counted(LayerId::Mentioned, plugin));
        }
        if context.is_visible(LayerId::Neighbours) {
            let plugin = NeighboursPlugin {
                world,
                countries: &context.layers.neighbours,
                color: palette.neighbour,
                gpu: self.gpu,
            };
            map = map.with_plugin(self.counted(LayerId::Neighbours, plugin));
        }
        if context.is_visible(LayerId::Territories) {
            let plugin = TerritoriesPlugin {
                territories: context.territories,
                date: context.date,
                patterns: self.patterns,
                look: TerritoryLook::for_theme(palette.dark),
            };
            map = map.with_plugin(self.counted(LayerId::Territories, plugin));
        }
        map
    }

    /// The tensions' arcs under the names, the names and badges, then the tensions' markers
    /// on top.
    fn add_tensions_and_names<'a, 'b>(&self, mut map: Map<'a, 'b, 'c>) -> Map<'a, 'b, 'c> {
        let context = self.context;
        let palette = context.palette;
        let tensions_visible = context.is_visible(LayerId::Tensions);
        let selected: Vec<&str> = context
            .selection
            .tensions()
            .iter()
            .filter_map(|&index| context.scenario.data().tensions.get(index))
            .map(|tension| tension.id.as_str())
            .collect();
        let tensions: &[_] = if tensions_visible {
            &context.layers.tensions
        } else {
            &[]
        };
        let tension_palette = if context.date == context.scenario.date() {
            palette
        } else {
            palette.with_faded_tensions()
        };
        // Arcs go under the names, which keep their halo over them; markers on top.
        if tensions_visible {
            let plugin = TensionArcsPlugin {
                tensions,
                placed: self.placed,
                selected: selected.clone(),
                palette: tension_palette,
            };
            map = map.with_plugin(self.counted(LayerId::Tensions, plugin));
        }
        let show_names = context.is_visible(LayerId::Labels);
        if show_names || !self.badges.is_empty() {
            let plugin = LabelsPlugin {
                placed: self.placed,
                palette,
            };
            map = map.with_plugin(self.counted(LayerId::Labels, plugin));
            for group_index in badge_groups(self.badges) {
                let plugin = GroupBadgesPlugin {
                    group_index,
                    placed: self.placed,
                    halo: palette.label_halo,
                };
                map = map.with_plugin(self.counted(LayerId::Group(group_index), plugin));
            }
        }
        if tensions_visible {
            let plugin = TensionMarkersPlugin {
                tensions,
                placed: self.placed,
                selected,
                palette: tension_palette,
            };
            map = map.with_plugin(self.counted(LayerId::Tensions, plugin));
        }
        map
    }

    /// The alliances' fills and statuses. Other groups show as badges beside the names.
    fn add_groups<'a, 'b>(&self, mut map: Map<'a, 'b, 'c>) -> Map<'a, 'b, 'c> {
        let context = self.context;
        let fill_alpha = if self.over_tiles {
            TILE_FILL_ALPHA
        } else {
            1.0
        };
        for group in visible_groups(context).filter(|group| group.kind == GroupKind::Alliance) {
            let plugin = GroupPlugin {
                world: context.world,
                layer: group,
                color: context
                    .palette
                    .group_color(group)
                    .gamma_multiply(fill_alpha),
                patterns: self.patterns,
                caches: self.shape_caches,
                gpu: self.gpu,
            };
            map = map.with_plugin(self.counted(LayerId::Group(group.group_index), plugin));
        }
        map
    }

    /// The reader's overlays, the last opened on top.
    fn add_overlays<'a, 'b>(&self, mut map: Map<'a, 'b, 'c>) -> Map<'a, 'b, 'c> {
        let context = self.context;
        for (index, entry) in context.overlays.iter().enumerate() {
            if !entry.visible {
                continue;
            }
            let selected_feature = match *context.selection {
                Selection::OverlayFeature { overlay, feature } if overlay.0 == index => {
                    Some(feature)
                }
                _ => None,
            };
            let plugin = OverlayPlugin {
                overlay: &entry.overlay,
                color: context.palette.overlay_color(entry.color_index),
                halo: context.palette.label_halo,
                selected_feature,
                palette: context.palette,
            };
            map = map.with_plugin(self.counted(OverlayId(index), plugin));
        }
        map
    }

    fn counted(&self, layer: impl Into<MapLayer>, plugin: impl Plugin + 'c) -> Counted<'c> {
        Counted {
            layer: layer.into(),
            plugin: Box::new(plugin),
            painted: self.painted,
        }
    }
}

/// A layer's plugin, counting the shapes it paints: the one place where what each layer drew
/// is recorded.
struct Counted<'a> {
    layer: MapLayer,
    plugin: Box<dyn Plugin + 'a>,
    painted: &'a RefCell<BTreeMap<MapLayer, usize>>,
}

impl Plugin for Counted<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &egui::Response,
        projector: &Projector,
        memory: &MapMemory,
    ) {
        let shapes_so_far = |ui: &Ui| {
            ui.ctx().graphics(|layers| {
                layers
                    .get(ui.layer_id())
                    .map_or(0, |list| list.next_idx().0)
            })
        };
        let before = shapes_so_far(ui);
        self.plugin.run(ui, response, projector, memory);
        let drawn = shapes_so_far(ui).saturating_sub(before);
        *self.painted.borrow_mut().entry(self.layer).or_default() += drawn;
    }
}

/// What a click on the map asks for: the place itself while a tension's party is being
/// picked, else what is under the pointer.
fn click_action(
    context: &MapContext<'_>,
    view: &MercatorView,
    response: &egui::Response,
    hit: Hit,
) -> Action {
    match response.hover_pos().filter(|_| context.picking.is_some()) {
        Some(pointer) => {
            let place = view.screen_to_lon_lat(pointer);
            Action::Editing(EditAction::PickAt {
                lon: place.lon,
                lat: place.lat,
            })
        }
        None => hit.click_action(),
    }
}

/// Where a double click zooms and by how much: in, or out with Shift.
fn double_click_zoom(ui: &Ui, response: &egui::Response) -> Option<(egui::Pos2, f64)> {
    let pointer = response
        .double_clicked()
        .then(|| response.hover_pos())
        .flatten()?;
    let out = ui.input(|i| i.modifiers.shift);
    Some((pointer, if out { -1.0 } else { 1.0 }))
}

/// The hovered country, the outlined ones (selected, or picked for a tension) and a selected
/// territory, drawn over the map and counted as the selection layer's marks.
fn highlights_ui(
    ui: &Ui,
    context: &MapContext<'_>,
    view: &MercatorView,
    hit: Hit,
    painted: &RefCell<BTreeMap<MapLayer, usize>>,
) {
    let hovered = match hit {
        Hit::Country(country) => Some(country),
        _ => None,
    };
    let outlined = context.picking.unwrap_or(context.selection.countries());
    let mut highlights = highlight_shapes(context.world, view, hovered, outlined, &context.palette);
    let mut marks = outlined.len();
    if let Selection::Territory(index) = context.selection
        && let Some(territory) = context.territories.all().get(*index)
    {
        let before = highlights.len();
        highlights.extend(selected_territory_shapes(territory, view, &context.palette));
        marks += highlights.len() - before;
    }
    *painted.borrow_mut().entry(MapLayer::Selection).or_default() += marks;
    ui.painter().extend(highlights);
}

/// The date badge, the scale bar and the zoom buttons over the map.
fn furniture_ui(
    ui: &mut Ui,
    context: &MapContext<'_>,
    view: &MercatorView,
    actions: &mut Vec<Action>,
) {
    let stated_on = (context.is_visible(LayerId::Tensions)
        && context.date != context.scenario.date())
    .then(|| context.scenario.date());
    date_badge_ui(ui, view, context.date, stated_on, &context.palette);
    scale_bar_ui(ui, view, &context.palette);
    map_controls_ui(ui, view, actions);
}
