//! The application: owns the world, the scenario, the map's memory and the UI state; draws
//! each frame and applies the actions the frame produced.

use std::cell::RefCell;
use std::sync::Arc;

use egui::{Key, Mesh, Pos2, Shape, Stroke};
use walkers::{Map, MapMemory, lon_lat};

use crate::model::date::Date;
use crate::model::mercator;
use crate::model::scenario::{GroupKind, Scenario};
use crate::model::{BoundingBox, CountryId, Detail, World};
use crate::render::base_map::BaseMapPlugin;
use crate::render::countries::{CountryFill, CountryOutline, Dash, fill_mesh, outline_shapes};
use crate::render::layers::{LayerId, MapLayers};
use crate::render::plugins::{
    GroupPlugin, LabelsPlugin, NeighboursPlugin, PaintLog, TensionsPlugin, tension_at,
};
use crate::render::style::{Palette, SELECTION_OUTLINE_WIDTH_PX};
use crate::render::view::MercatorView;
use crate::ui::details::details_ui;
use crate::ui::excerpts::excerpts_ui;
use crate::ui::help::help_ui;
use crate::ui::legend::{layer_shortcut, layer_state_key, legend_ui};
use crate::ui::reader::reader_ui;
use crate::ui::status_bar::status_bar_ui;
use crate::ui::{Action, PanelContext, Selection, UiState};

/// Where the map opens: Eurasia, from Europe to the Pacific, fitted to the window.
pub const EURASIA_CENTER: [f64; 2] = [62.0, 50.0];
pub const EURASIA_ZOOM: f64 = 2.6;
/// West, south, east, north in degrees: Lisbon to Kamchatka, the Arabian Sea to the Arctic coast.
const EURASIA_EXTENT: [f64; 4] = [-10.0, 12.0, 150.0, 72.0];
/// Fitting never zooms closer than this, so a small country keeps its surroundings.
const MAX_FIT_ZOOM: f64 = 6.5;
/// Room left around what is fitted, as a factor of its size.
const FIT_MARGIN: f64 = 1.15;

pub struct App {
    world: Arc<World>,
    scenario: Arc<Scenario>,
    date: Date,
    layers: MapLayers,
    /// Countries the article speaks of, labelled before the others.
    article_countries: Vec<CountryId>,
    state: UiState,
    map_memory: MapMemory,
    selection: Selection,
    hovered: Option<CountryId>,
    last_view: Option<MercatorView>,
    paint_log: RefCell<PaintLog>,
    title_sent: bool,
    /// A Mercator extent to fit once the map's size is known.
    pending_fit: Option<BoundingBox>,
}

impl App {
    pub fn new(world: Arc<World>, scenario: Arc<Scenario>) -> Self {
        let date = scenario.date();
        let layers = MapLayers::build(&world, &scenario, date);
        let article_countries = scenario
            .data()
            .mentions
            .iter()
            .filter_map(|mention| world.by_code(&mention.country).map(|c| c.id()))
            .collect();
        let mut map_memory = MapMemory::default();
        map_memory.center_at(lon_lat(EURASIA_CENTER[0], EURASIA_CENTER[1]));
        // Within walkers' valid zoom range, so this cannot fail.
        let _ = map_memory.set_zoom(EURASIA_ZOOM);
        Self {
            world,
            scenario,
            date,
            layers,
            article_countries,
            state: UiState::default(),
            map_memory,
            selection: Selection::None,
            hovered: None,
            last_view: None,
            paint_log: RefCell::new(PaintLog::default()),
            title_sent: false,
            pending_fit: Some(lon_lat_extent(EURASIA_EXTENT)),
        }
    }

    pub fn world(&self) -> &World {
        &self.world
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn date(&self) -> Date {
        self.date
    }
    pub fn layers(&self) -> &MapLayers {
        &self.layers
    }
    pub fn selection(&self) -> &Selection {
        &self.selection
    }
    pub fn state(&self) -> &UiState {
        &self.state
    }
    pub fn map_memory(&self) -> &MapMemory {
        &self.map_memory
    }
    pub fn map_memory_mut(&mut self) -> &mut MapMemory {
        &mut self.map_memory
    }
    /// Shapes each layer painted in the last frame.
    pub fn painted(&self) -> PaintLog {
        self.paint_log.borrow().clone()
    }
    /// The map's view in the last frame.
    pub fn last_view(&self) -> Option<&MercatorView> {
        self.last_view.as_ref()
    }
    /// Where a place was on screen in the last frame.
    pub fn screen_position_of(&self, lon: f64, lat: f64) -> Option<Pos2> {
        self.last_view.map(|view| view.lon_lat_to_screen(lon, lat))
    }
    pub fn is_layer_visible(&self, layer: LayerId) -> bool {
        self.state.is_visible(&layer_state_key(&self.layers, layer))
    }

    /// The window title: the app and the article it shows.
    pub fn title(&self) -> String {
        format!("alliance-map — {}", self.scenario.meta().title)
    }

    /// Draws one frame into `ui`; the same entry point serves the window and the tests.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if !self.title_sent {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.title_sent = true;
        }
        let mut actions = self.keyboard_actions(ui.ctx());
        let palette = Palette::for_theme(ui.visuals().dark_mode);
        self.paint_log.borrow_mut().shapes.clear();
        {
            let context = PanelContext {
                world: &self.world,
                scenario: &self.scenario,
                layers: &self.layers,
                selection: &self.selection,
                state: &self.state,
                date: self.date,
                palette,
            };
            egui::Panel::top("top_bar").show(ui, |ui| {
                top_bar_ui(ui, &context, &mut actions);
            });
            egui::Panel::bottom("status_bar").show(ui, |ui| {
                status_bar_ui(ui, &context);
            });
            if self.state.show_excerpts {
                egui::Panel::left("excerpts")
                    .resizable(true)
                    .default_size(320.0)
                    .show(ui, |ui| excerpts_ui(ui, &context, &mut actions));
            }
            egui::Panel::right("legend_and_details")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            legend_ui(ui, &context, &mut actions);
                            ui.separator();
                            details_ui(ui, &context, &mut actions);
                        });
                });
            let mut help_open = self.state.show_help;
            egui::Window::new("Help")
                .open(&mut help_open)
                .default_width(420.0)
                .show(ui.ctx(), |ui| help_ui(ui, &context));
            if help_open != self.state.show_help {
                actions.push(Action::SetHelpOpen(help_open));
            }
            let mut reader_open = self.state.show_reader;
            egui::Window::new("Read the article")
                .open(&mut reader_open)
                .default_size([560.0, 620.0])
                .show(ui.ctx(), |ui| reader_ui(ui, &context));
            if reader_open != self.state.show_reader {
                actions.push(Action::SetReaderOpen(reader_open));
            }
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.map_ui(ui, &palette, &mut actions);
        });
        for action in actions {
            self.apply(action);
        }
        if self.last_view.is_some()
            && let Some(extent) = self.pending_fit.take()
        {
            self.fit_map_to(&extent);
            ui.ctx().request_repaint();
        }
    }

    fn keyboard_actions(&self, ctx: &egui::Context) -> Vec<Action> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        let mut actions = Vec::new();
        ctx.input(|input| {
            if input.key_pressed(Key::Escape) {
                actions.push(Action::ClearSelection);
            }
            if input.key_pressed(Key::F1) || input.key_pressed(Key::Questionmark) {
                actions.push(Action::SetHelpOpen(!self.state.show_help));
            }
            for (position, layer) in self.layers.layer_ids().into_iter().enumerate() {
                if layer_shortcut(position).is_some_and(|key| input.key_pressed(key)) {
                    actions.push(Action::ToggleLayer(layer));
                }
            }
        });
        actions
    }

    fn map_ui(&mut self, ui: &mut egui::Ui, palette: &Palette, actions: &mut Vec<Action>) {
        let visible = |layer: LayerId| self.state.is_visible(&layer_state_key(&self.layers, layer));
        let mut map = Map::new(
            None,
            &mut self.map_memory,
            lon_lat(EURASIA_CENTER[0], EURASIA_CENTER[1]),
        )
        .with_plugin(BaseMapPlugin {
            world: &self.world,
            palette: *palette,
        });
        // Alliances are filled first so that unions' dots and the axis' hatching lie on top.
        let kind_order = |kind: GroupKind| match kind {
            GroupKind::Alliance => 0,
            GroupKind::EconomicUnion => 1,
            GroupKind::Informal => 2,
        };
        let mut groups: Vec<_> = self.layers.groups.iter().collect();
        groups.sort_by_key(|group| kind_order(group.kind));
        for group in groups {
            if visible(LayerId::Group(group.group_index)) {
                map = map.with_plugin(GroupPlugin {
                    world: &self.world,
                    layer: group,
                    color: palette.group_color(group.group_index),
                    log: &self.paint_log,
                });
            }
        }
        if visible(LayerId::Neighbours) {
            map = map.with_plugin(NeighboursPlugin {
                world: &self.world,
                countries: &self.layers.neighbours,
                color: palette.nato_neighbour,
                log: &self.paint_log,
            });
        }
        if visible(LayerId::Labels) {
            map = map.with_plugin(LabelsPlugin {
                world: &self.world,
                priority: &self.article_countries,
                palette: *palette,
                log: &self.paint_log,
            });
        }
        let tensions_visible = visible(LayerId::Tensions);
        let selected_tension = match self.selection {
            Selection::Tension(index) => self
                .scenario
                .data()
                .tensions
                .get(index)
                .map(|t| t.id.as_str()),
            _ => None,
        };
        if tensions_visible {
            map = map.with_plugin(TensionsPlugin {
                tensions: &self.layers.tensions,
                selected: selected_tension,
                palette: *palette,
                log: &self.paint_log,
            });
        }
        let world = &self.world;
        let scenario = &self.scenario;
        let layers = &self.layers;
        let selection = &self.selection;
        let date = self.date;
        let inner = map.show(ui, |ui, response, projector, _| {
            let view = MercatorView::from_projector(projector);
            let pointer = response.hover_pos();
            let marker = pointer
                .filter(|_| tensions_visible)
                .and_then(|pos| tension_at(&view, &layers.tensions, pos));
            let hovered = match (pointer, marker) {
                (Some(pos), None) => {
                    let [lon, lat] = view.screen_to_lon_lat(pos);
                    world.country_at(lon, lat).map(|country| country.id())
                }
                _ => None,
            };
            if response.clicked() {
                actions.push(match (marker, hovered) {
                    (Some(index), _) => Action::SelectTension(layers.tensions[index].tension_index),
                    (None, Some(country)) => Action::SelectCountry(country),
                    (None, None) => Action::ClearSelection,
                });
            }
            let mut shapes = Vec::new();
            highlight_shapes(
                world,
                &view,
                hovered,
                selection.countries(),
                palette,
                &mut shapes,
            );
            ui.painter().extend(shapes);
            if marker.is_some() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
            let tooltip = match (marker, hovered) {
                (Some(index), _) => scenario
                    .data()
                    .tensions
                    .get(layers.tensions[index].tension_index)
                    .map(|tension| format!("{}\n(click for the quotes)", tension.summary)),
                (None, Some(country)) => Some(country_tooltip(world, scenario, country, date)),
                (None, None) => None,
            };
            (view, hovered, tooltip)
        });
        let (view, hovered, tooltip) = inner.inner;
        if let Some(text) = tooltip
            && !inner.response.dragged()
        {
            inner.response.on_hover_text_at_pointer(text);
        }
        self.last_view = Some(view);
        self.hovered = hovered;
    }

    /// Applies one action; the only place the selection, layers and windows change.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SelectCountry(country) => self.selection = Selection::Country(country),
            Action::SelectTension(index) => self.selection = Selection::Tension(index),
            Action::SelectExcerpt(index) => {
                let Some(excerpt) = self.scenario.data().excerpts.get(index) else {
                    return;
                };
                let countries: Vec<CountryId> = excerpt
                    .countries
                    .iter()
                    .filter_map(|code| self.world.by_code(code).map(|c| c.id()))
                    .collect();
                let mut extent = BoundingBox::EMPTY;
                for &country in &countries {
                    extent = extent.union(&mainland_extent(&self.world, country));
                }
                for actor in excerpt
                    .actors
                    .iter()
                    .filter_map(|id| self.scenario.actor(id))
                {
                    let point = mercator::project(actor.lon, actor.lat);
                    extent.include([point.x, point.y]);
                }
                self.fit_map_to(&extent);
                self.selection = Selection::Excerpt { index, countries };
            }
            Action::ClearSelection => self.selection = Selection::None,
            Action::ToggleLayer(layer) => {
                self.state.toggle(layer_state_key(&self.layers, layer));
            }
            Action::SetReaderOpen(open) => self.state.show_reader = open,
            Action::SetHelpOpen(open) => self.state.show_help = open,
        }
    }

    /// Centres and zooms the map so the Mercator extent fills most of the map's area.
    fn fit_map_to(&mut self, extent: &BoundingBox) {
        if extent.is_empty() {
            return;
        }
        let screen =
            self.last_view
                .map(|view| view.screen_rect())
                .unwrap_or(egui::Rect::from_min_size(
                    Pos2::ZERO,
                    egui::vec2(800.0, 600.0),
                ));
        let width = (extent.max[0] - extent.min[0]).max(1e-4) * FIT_MARGIN;
        let height = (extent.max[1] - extent.min[1]).max(1e-4) * FIT_MARGIN;
        let pixels_per_unit = (screen.width() as f64 / width).min(screen.height() as f64 / height);
        let zoom = (pixels_per_unit / 256.0).log2().clamp(1.0, MAX_FIT_ZOOM);
        let center = mercator::MercatorPoint::new(
            (extent.min[0] + extent.max[0]) / 2.0,
            (extent.min[1] + extent.max[1]) / 2.0,
        );
        let (lon, lat) = mercator::unproject(center);
        self.map_memory.center_at(lon_lat(lon, lat));
        let _ = self.map_memory.set_zoom(zoom);
    }
}

/// The Mercator extent of a west, south, east, north box in degrees.
fn lon_lat_extent([west, south, east, north]: [f64; 4]) -> BoundingBox {
    let mut extent = BoundingBox::EMPTY;
    for (lon, lat) in [(west, south), (east, north)] {
        let point = mercator::project(lon, lat);
        extent.include([point.x, point.y]);
    }
    extent
}

/// The Mercator extent of a country's largest polygon: fitting Russia should show Russia, not
/// the whole width of the map its Chukotka tip reaches across.
fn mainland_extent(world: &World, country: CountryId) -> BoundingBox {
    let mesh = world.country(country).mesh(Detail::Fine);
    mesh.parts
        .iter()
        .map(|part| part.bbox_in_mercator)
        .max_by(|a, b| {
            let area = |b: &BoundingBox| (b.max[0] - b.min[0]) * (b.max[1] - b.min[1]);
            area(a).total_cmp(&area(b))
        })
        .unwrap_or(BoundingBox::EMPTY)
}

fn highlight_shapes(
    world: &World,
    view: &MercatorView,
    hovered: Option<CountryId>,
    selected: &[CountryId],
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) {
    if let Some(country) = hovered {
        let mut mesh = Mesh::default();
        fill_mesh(
            world,
            view,
            [CountryFill {
                country,
                color: palette.hover,
            }],
            &mut mesh,
        );
        shapes.push(Shape::mesh(mesh));
    }
    outline_shapes(
        world,
        view,
        selected.iter().map(|&country| CountryOutline {
            country,
            stroke: Stroke::new(SELECTION_OUTLINE_WIDTH_PX, palette.selection),
            dash: Dash::Solid,
        }),
        shapes,
    );
}

fn country_tooltip(world: &World, scenario: &Scenario, country: CountryId, date: Date) -> String {
    let country = world.country(country);
    let mut lines = vec![country.name().to_string()];
    for group in &scenario.data().groups {
        if let Some(status) = scenario.status(country.iso_a3(), &group.id, date) {
            lines.push(format!("{}: {}", group.id, status.label()));
        }
    }
    lines.join("\n")
}

fn top_bar_ui(ui: &mut egui::Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("View", |ui| {
            if ui.button("Read the article").clicked() {
                actions.push(Action::SetReaderOpen(true));
            }
            if ui.button("Help (F1)").clicked() {
                actions.push(Action::SetHelpOpen(true));
            }
        });
        ui.separator();
        ui.label(egui::RichText::new(&context.scenario.meta().title).strong());
    });
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
