//! The application: owns the world, the scenario, the map's memory, the UI state and what the
//! reader opened; draws each frame and applies the actions the frame produced.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Key, Mesh, Modifiers, Pos2, Shape, Stroke};
use walkers::{Map, MapMemory, lon_lat};

use crate::model::date::Date;
use crate::model::mercator::{self, MercatorPoint};
use crate::model::open::{OpenError, OpenJob, Opened};
use crate::model::scenario::{GroupKind, Scenario};
use crate::model::search::{SearchIndex, Suggestion};
use crate::model::{BoundingBox, CountryId, Detail, World};
use crate::render::base_map::BaseMapPlugin;
use crate::render::basemap::{self, OnlineBasemap};
use crate::render::countries::{CountryFill, CountryOutline, Dash, fill_mesh, outline_shapes};
use crate::render::layers::{LayerId, MapLayers};
use crate::render::overlays::{OverlayPlugin, overlay_feature_at};
use crate::render::patterns::PatternTextures;
use crate::render::plugins::{
    GroupPlugin, LabelsPlugin, NeighboursPlugin, PaintLog, TensionsPlugin, label_order, tension_at,
};
use crate::render::style::{Palette, SELECTION_OUTLINE_WIDTH_PX};
use crate::render::view::MercatorView;
use crate::ui::details::details_ui;
use crate::ui::excerpts::excerpts_ui;
use crate::ui::file_dialog::{FileDialog, file_dialog_ui};
use crate::ui::help::help_ui;
use crate::ui::legend::{layer_shortcut, layer_state_key, legend_ui};
use crate::ui::messages::{Level, Message, messages_ui};
use crate::ui::reader::reader_ui;
use crate::ui::state::{DateChoice, STORAGE_KEY, SavedView, ThemeChoice};
use crate::ui::status_bar::status_bar_ui;
use crate::ui::top_bar::{SearchState, slider_start, top_bar_ui};
use crate::ui::{Action, OpenedArticle, OverlayEntry, PanelContext, Selection, UiState};

/// Where the map opens: Eurasia, from Europe to the Pacific, fitted to the window.
pub const EURASIA_CENTER: [f64; 2] = [62.0, 50.0];
pub const EURASIA_ZOOM: f64 = 2.6;
/// West, south, east, north in degrees: from Europe to the Pacific, the Middle East to the Arctic
/// coast, so that the CSTO and its neighbours fill the map.
const EURASIA_EXTENT: [f64; 4] = [0.0, 25.0, 140.0, 72.0];
/// Fitting never zooms closer than this, so a small country keeps its surroundings.
const MAX_FIT_ZOOM: f64 = 6.5;
/// Room left around what is fitted, as a factor of its size.
const FIT_MARGIN: f64 = 1.15;
/// How long the map takes to fly to a place.
const FLIGHT_SECS: f64 = 0.7;
/// How many of a file's warnings a message lists before summing up the rest.
const WARNINGS_SHOWN: usize = 5;

/// An animated move of the map from one view to another.
#[derive(Clone, Copy, Debug)]
struct Flight {
    from: MercatorPoint,
    to: MercatorPoint,
    from_zoom: f64,
    to_zoom: f64,
    started_secs: Option<f64>,
}

pub struct App {
    world: Arc<World>,
    scenario: Arc<Scenario>,
    date: Date,
    layers: MapLayers,
    changes: Vec<(Date, String)>,
    /// Countries the article speaks of, labelled before the others.
    article_countries: Vec<CountryId>,
    /// Every country in the order labels are placed.
    label_order: Vec<CountryId>,
    search_index: SearchIndex,
    search: SearchState,
    state: UiState,
    map_memory: MapMemory,
    selection: Selection,
    last_view: Option<MercatorView>,
    paint_log: RefCell<PaintLog>,
    title_sent: bool,
    applied_theme: Option<ThemeChoice>,
    /// A Mercator extent to fit once the map's size is known.
    pending_fit: Option<BoundingBox>,
    flight: Option<Flight>,
    overlays: Vec<OverlayEntry>,
    /// How many overlays were ever opened, to give each a colour of its own.
    overlays_opened: usize,
    opened_article: Option<OpenedArticle>,
    messages: Vec<Message>,
    jobs: Vec<OpenJob>,
    file_dialog: FileDialog,
    /// Created the first time the reader turns the online basemap on.
    basemap: Option<OnlineBasemap>,
    tiles_failed: bool,
    tiles_failure_reported: bool,
    /// Loaded on the first frame, when there is a context to load textures into.
    patterns: Option<PatternTextures>,
}

impl App {
    /// An app showing `scenario` at its article date, over Eurasia.
    pub fn new(world: Arc<World>, scenario: Arc<Scenario>) -> Self {
        Self::with_state(world, scenario, UiState::default())
    }

    /// An app restored from eframe's storage; settings that cannot be read give defaults and
    /// a message saying so.
    pub fn with_storage(
        world: Arc<World>,
        scenario: Arc<Scenario>,
        storage: Option<&dyn eframe::Storage>,
    ) -> Self {
        let saved = storage.and_then(|storage| storage.get_string(STORAGE_KEY));
        let (state, warning) = UiState::from_saved(saved.as_deref());
        let mut app = Self::with_state(world, scenario, state);
        if let Some(warning) = warning {
            app.messages.push(Message::new(Level::Warning, warning));
        }
        app
    }

    fn with_state(world: Arc<World>, scenario: Arc<Scenario>, state: UiState) -> Self {
        let mut map_memory = MapMemory::default();
        map_memory.center_at(lon_lat(EURASIA_CENTER[0], EURASIA_CENTER[1]));
        // Within walkers' valid zoom range, so this cannot fail.
        let _ = map_memory.set_zoom(EURASIA_ZOOM);
        let pending_fit = match state.view {
            Some(view) => {
                map_memory.center_at(lon_lat(view.lon, view.lat));
                let _ = map_memory.set_zoom(view.zoom);
                None
            }
            None => Some(lon_lat_extent(EURASIA_EXTENT)),
        };
        let date = resolve_date(state.date, &scenario);
        let mut app = Self {
            layers: MapLayers::build(&world, &scenario, date),
            changes: Vec::new(),
            article_countries: Vec::new(),
            label_order: Vec::new(),
            search_index: SearchIndex::build(&world, Some(&scenario)),
            search: SearchState::default(),
            world,
            scenario,
            date,
            state,
            map_memory,
            selection: Selection::None,
            last_view: None,
            paint_log: RefCell::new(PaintLog::default()),
            title_sent: false,
            applied_theme: None,
            pending_fit,
            flight: None,
            overlays: Vec::new(),
            overlays_opened: 0,
            opened_article: None,
            messages: Vec::new(),
            jobs: Vec::new(),
            file_dialog: FileDialog::default(),
            basemap: None,
            tiles_failed: false,
            tiles_failure_reported: false,
            patterns: None,
        };
        app.scenario_changed();
        app
    }

    /// Recomputes what depends on the scenario alone.
    fn scenario_changed(&mut self) {
        self.changes = self.scenario.membership_changes(&self.world);
        self.article_countries = self
            .scenario
            .data()
            .mentions
            .iter()
            .filter_map(|mention| self.world.by_code(&mention.country).map(|c| c.id()))
            .collect();
        self.label_order = label_order(&self.world, &self.article_countries);
        self.search_index = SearchIndex::build(&self.world, Some(&self.scenario));
        self.date = resolve_date(self.state.date, &self.scenario);
        self.layers = MapLayers::build(&self.world, &self.scenario, self.date);
        self.selection = Selection::None;
        self.search = SearchState::default();
        self.title_sent = false;
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
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }
    pub fn overlays(&self) -> &[OverlayEntry] {
        &self.overlays
    }
    pub fn opened_article(&self) -> Option<&OpenedArticle> {
        self.opened_article.as_ref()
    }
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.search.suggestions
    }
    /// Whether files are still being read in the background.
    pub fn is_loading(&self) -> bool {
        !self.jobs.is_empty()
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
        match layer {
            LayerId::Overlay(index) => self.overlays.get(index).is_some_and(|o| o.visible),
            _ => self.state.is_visible(&layer_state_key(&self.layers, layer)),
        }
    }

    /// The window title: the app and the article it shows.
    pub fn title(&self) -> String {
        format!("alliance-map — {}", self.scenario.meta().title)
    }

    /// The state to save: the UI state with the current view.
    pub fn saved_state(&self) -> UiState {
        let mut state = self.state.clone();
        state.view = self.last_view.map(|view| {
            let center = view.center_position();
            SavedView {
                lon: center.x(),
                lat: center.y(),
                zoom: self.map_memory.zoom(),
            }
        });
        state
    }

    /// Starts opening files in the background; what they hold arrives in a later frame.
    pub fn open_paths(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        for path in paths {
            self.jobs
                .push(OpenJob::start(path, Arc::clone(&self.world)));
        }
    }

    /// Draws one frame into `ui`; the same entry point serves the window and the tests.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.title_sent = true;
        }
        if self.applied_theme != Some(self.state.theme) {
            ctx.set_theme(self.state.theme.preference());
            self.applied_theme = Some(self.state.theme);
        }
        self.advance_flight(&ctx);
        self.wrap_map_center();
        self.receive_opened_files(&ctx);
        self.receive_dropped_files(&ctx);

        let mut actions = self.keyboard_actions(&ctx);
        let palette = Palette::for_theme(ui.visuals().dark_mode);
        self.paint_log.borrow_mut().shapes.clear();
        {
            let context = PanelContext {
                world: &self.world,
                scenario: &self.scenario,
                layers: &self.layers,
                overlays: &self.overlays,
                opened_article: self.opened_article.as_ref(),
                selection: &self.selection,
                state: &self.state,
                date: self.date,
                changes: &self.changes,
                tiles_failed: self.tiles_failed,
                palette,
            };
            egui::Panel::top("top_bar").show(ui, |ui| {
                top_bar_ui(
                    ui,
                    &context,
                    &mut self.search,
                    &self.search_index,
                    &mut actions,
                );
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
                .show(&ctx, |ui| help_ui(ui, &context));
            if help_open != self.state.show_help {
                actions.push(Action::SetHelpOpen(help_open));
            }
            let mut reader_open = self.state.show_reader;
            egui::Window::new("Read the article")
                .open(&mut reader_open)
                .default_size([560.0, 620.0])
                .show(&ctx, |ui| reader_ui(ui, &context));
            if reader_open != self.state.show_reader {
                actions.push(Action::SetReaderOpen(reader_open));
            }
        }
        file_dialog_ui(&ctx, &mut self.file_dialog, &mut actions);
        let patterns = self
            .patterns
            .get_or_insert_with(|| PatternTextures::new(&ctx))
            .clone();
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.loading_ui(ui);
            messages_ui(ui, &self.messages, &mut actions);
            self.map_ui(ui, &palette, &patterns, &mut actions);
        });
        for action in actions {
            self.apply(action, &ctx);
        }
        if self.last_view.is_some()
            && let Some(extent) = self.pending_fit.take()
        {
            if let Some((center, zoom)) = self.fitted_view(&extent) {
                self.jump_to(center, zoom);
            }
            ctx.request_repaint();
        }
    }

    fn keyboard_actions(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        if ctx.input_mut(|input| input.consume_key(Modifiers::COMMAND, Key::F)) {
            self.search.focus_requested = true;
        }
        if ctx.egui_wants_keyboard_input() {
            return actions;
        }
        // Stepping back from the middle of a month lands on its first day, not a month earlier.
        let month = |months: i32| {
            let months = if months < 0 && self.date.day() != 1 {
                months + 1
            } else {
                months
            };
            Action::SetDate(DateChoice::Fixed(self.date.first_of_month_plus(months)))
        };
        ctx.input(|input| {
            if input.key_pressed(Key::Escape) {
                actions.push(Action::ClearSelection);
            }
            if input.key_pressed(Key::F1) || input.key_pressed(Key::Questionmark) {
                actions.push(Action::SetHelpOpen(!self.state.show_help));
            }
            for (key, months) in [
                (Key::Comma, -1),
                (Key::Period, 1),
                (Key::PageUp, 12),
                (Key::PageDown, -12),
            ] {
                if input.key_pressed(key) {
                    actions.push(month(months));
                }
            }
            for (position, layer) in self.layers.layer_ids().into_iter().enumerate() {
                if layer_shortcut(position).is_some_and(|key| input.key_pressed(key)) {
                    actions.push(Action::ToggleLayer(layer));
                }
            }
        });
        actions
    }

    fn loading_ui(&self, ui: &mut egui::Ui) {
        for job in &self.jobs {
            let name = file_name(&job.path);
            let megabytes = |bytes: u64| bytes as f64 / 1e6;
            ui.horizontal(|ui| {
                ui.spinner();
                if job.total_bytes > 0 {
                    let fraction = job.bytes_read() as f32 / job.total_bytes as f32;
                    ui.add(
                        egui::ProgressBar::new(fraction.min(1.0))
                            .desired_width(160.0)
                            .text(format!(
                                "{:.1} of {:.1} MB",
                                megabytes(job.bytes_read()),
                                megabytes(job.total_bytes)
                            )),
                    );
                }
                ui.label(format!("Opening {name}…"));
            });
        }
    }

    fn map_ui(
        &mut self,
        ui: &mut egui::Ui,
        palette: &Palette,
        patterns: &PatternTextures,
        actions: &mut Vec<Action>,
    ) {
        let visible = |layer: LayerId| self.state.is_visible(&layer_state_key(&self.layers, layer));
        // Once tiles have failed, the offline map is drawn as usual until the reader retries.
        let over_tiles = self.state.online_tiles && basemap::AVAILABLE && !self.tiles_failed;
        if over_tiles && self.basemap.is_none() {
            self.basemap = Some(OnlineBasemap::new(ui.ctx()));
        }
        let tiles = self
            .basemap
            .as_mut()
            .filter(|_| over_tiles)
            .map(|basemap| basemap.tiles_mut() as &mut dyn walkers::Tiles);
        let mut map = Map::new(
            tiles,
            &mut self.map_memory,
            lon_lat(EURASIA_CENTER[0], EURASIA_CENTER[1]),
        )
        .with_plugin(BaseMapPlugin {
            world: &self.world,
            palette: *palette,
            over_tiles,
        });
        let fill_alpha = if over_tiles { 0.7 } else { 1.0 };
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
                    color: palette
                        .group_color(group.group_index)
                        .gamma_multiply(fill_alpha),
                    patterns,
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
        for (index, entry) in self.overlays.iter().enumerate() {
            if entry.visible {
                let selected_feature = match self.selection {
                    Selection::OverlayFeature { overlay, feature } if overlay == index => {
                        Some(feature)
                    }
                    _ => None,
                };
                map = map.with_plugin(OverlayPlugin {
                    overlay: &entry.overlay,
                    index,
                    color: palette.overlay_color(entry.color_index),
                    halo: palette.label_halo,
                    selected_feature,
                    log: &self.paint_log,
                });
            }
        }
        if visible(LayerId::Labels) {
            let markers: &[_] = if visible(LayerId::Tensions) {
                &self.layers.tensions
            } else {
                &[]
            };
            map = map.with_plugin(LabelsPlugin {
                world: &self.world,
                order: &self.label_order,
                priority: &self.article_countries,
                markers,
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
        let overlays = &self.overlays;
        let selection = &self.selection;
        let date = self.date;
        let inner = map.show(ui, |ui, response, projector, _| {
            let view = MercatorView::from_projector(projector);
            let pointer = response.hover_pos();
            let marker = pointer
                .filter(|_| tensions_visible)
                .and_then(|pos| tension_at(&view, &layers.tensions, pos));
            let overlay_feature = pointer.filter(|_| marker.is_none()).and_then(|pos| {
                overlays
                    .iter()
                    .enumerate()
                    .rev()
                    .find_map(|(index, entry)| {
                        entry
                            .visible
                            .then(|| overlay_feature_at(&view, &entry.overlay, pos))
                            .flatten()
                            .map(|feature| (index, feature))
                    })
            });
            let hovered = match (pointer, marker, overlay_feature) {
                (Some(pos), None, None) => {
                    let [lon, lat] = view.screen_to_lon_lat(pos);
                    world.country_at(lon, lat).map(|country| country.id())
                }
                _ => None,
            };
            if response.clicked() {
                actions.push(match (marker, overlay_feature, hovered) {
                    (Some(index), _, _) => {
                        Action::SelectTension(layers.tensions[index].tension_index)
                    }
                    (None, Some((overlay, feature)), _) => {
                        Action::SelectOverlayFeature { overlay, feature }
                    }
                    (None, None, Some(country)) => Action::SelectCountry(country),
                    (None, None, None) => Action::ClearSelection,
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
            date_badge(ui, &view, date, palette);
            if marker.is_some() || overlay_feature.is_some() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
            let tooltip = match (marker, overlay_feature, hovered) {
                (Some(index), _, _) => scenario
                    .data()
                    .tensions
                    .get(layers.tensions[index].tension_index)
                    .map(|tension| format!("{}\n(click for the quotes)", tension.summary)),
                (None, Some((overlay, feature)), _) => overlays[overlay]
                    .overlay
                    .features
                    .get(feature)
                    .map(|f| format!("{}\n(click for its properties)", f.title())),
                (None, None, Some(country)) => {
                    Some(country_tooltip(world, scenario, country, date))
                }
                (None, None, None) => None,
            };
            (view, tooltip)
        });
        let (view, tooltip) = inner.inner;
        if let Some(text) = tooltip
            && !inner.response.dragged()
        {
            inner.response.on_hover_text_at_pointer(text);
        }
        if ui.ctx().input(|i| !i.raw.hovered_files.is_empty()) {
            ui.painter().rect_filled(
                view.screen_rect(),
                0.0,
                egui::Color32::from_black_alpha(120),
            );
            ui.painter().text(
                view.screen_rect().center(),
                egui::Align2::CENTER_CENTER,
                "Drop to open: a scenario, a GeoJSON overlay or an article",
                egui::FontId::proportional(20.0),
                egui::Color32::WHITE,
            );
        }
        if over_tiles && let Some(basemap) = self.basemap.as_mut() {
            if !basemap.has_loaded() {
                // Come back to judge the tiles even if the reader does nothing meanwhile.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs(1));
            }
            self.tiles_failed = basemap.has_failed(&view, ui.ctx().input(|i| i.time));
        }
        if self.tiles_failed && !self.tiles_failure_reported {
            self.tiles_failure_reported = true;
            self.messages.push(Message::new(
                Level::Warning,
                "Online map tiles could not be loaded (offline, or the tile server refused); the map keeps working without them.",
            ));
        }
        self.last_view = Some(view);
    }

    /// Applies one action; the only place the selection, layers, date and windows change.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::SelectCountry(country) => self.selection = Selection::Country(country),
            Action::FlyToCountry(country) => {
                self.selection = Selection::Country(country);
                let extent = mainland_extent(&self.world, country);
                self.fly_to(&extent);
            }
            Action::SelectTension(index) => self.selection = Selection::Tension(index),
            Action::SelectExcerpt(index) => self.select_excerpt(index),
            Action::SelectOverlayFeature { overlay, feature } => {
                self.selection = Selection::OverlayFeature { overlay, feature }
            }
            Action::ClearSelection => self.selection = Selection::None,
            Action::ToggleLayer(LayerId::Overlay(index)) => {
                if let Some(entry) = self.overlays.get_mut(index) {
                    entry.visible = !entry.visible;
                }
            }
            Action::ToggleLayer(layer) => {
                self.state.toggle(layer_state_key(&self.layers, layer));
            }
            Action::RemoveOverlay(index) => {
                if index < self.overlays.len() {
                    self.overlays.remove(index);
                    if matches!(self.selection, Selection::OverlayFeature { .. }) {
                        self.selection = Selection::None;
                    }
                }
            }
            Action::SetDate(choice) => self.set_date(choice),
            Action::SetTheme(theme) => self.state.theme = theme,
            Action::SetReaderOpen(open) => self.state.show_reader = open,
            Action::SetHelpOpen(open) => self.state.show_help = open,
            Action::SetExcerptsOpen(open) => self.state.show_excerpts = open,
            Action::SetOnlineTiles(on) => {
                self.state.online_tiles = on;
                if on {
                    // A fresh start: the reader may have come back online.
                    self.basemap = None;
                    self.tiles_failed = false;
                    self.tiles_failure_reported = false;
                }
            }
            Action::ResetView => {
                self.flight = None;
                self.pending_fit = Some(lon_lat_extent(EURASIA_EXTENT));
            }
            Action::ResetAll => {
                let recent = std::mem::take(&mut self.state.recent_files);
                self.state = UiState {
                    recent_files: recent,
                    ..UiState::default()
                };
                self.selection = Selection::None;
                self.set_date(DateChoice::Article);
                self.flight = None;
                self.pending_fit = Some(lon_lat_extent(EURASIA_EXTENT));
            }
            Action::ShowOpenDialog => self.file_dialog.show(),
            Action::OpenFiles(paths) => self.open_paths(paths),
            Action::OpenBundledScenario => match Scenario::load_bundled(&self.world) {
                Ok(scenario) => {
                    self.scenario = Arc::new(scenario);
                    self.scenario_changed();
                }
                Err(error) => self
                    .messages
                    .push(Message::new(Level::Error, error.to_string())),
            },
            Action::DismissMessage(index) => {
                if index < self.messages.len() {
                    self.messages.remove(index);
                }
            }
        }
        ctx.request_repaint();
    }

    fn set_date(&mut self, choice: DateChoice) {
        let choice = match choice {
            DateChoice::Fixed(date) => {
                let earliest = slider_start().min(self.scenario.date());
                // A clock set before 1992 must not make the range upside down.
                let latest = Date::today().max(earliest);
                DateChoice::Fixed(date.clamp(earliest, latest))
            }
            other => other,
        };
        self.state.date = choice;
        let date = resolve_date(choice, &self.scenario);
        if date != self.date {
            self.date = date;
            self.layers = MapLayers::build(&self.world, &self.scenario, date);
        }
    }

    fn select_excerpt(&mut self, index: usize) {
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
        self.fly_to(&extent);
        self.selection = Selection::Excerpt { index, countries };
    }

    /// The centre and zoom that make a Mercator extent fill most of the map.
    fn fitted_view(&self, extent: &BoundingBox) -> Option<(MercatorPoint, f64)> {
        if extent.is_empty() {
            return None;
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
        let [x, y] = extent.center();
        Some((MercatorPoint::new(x, y), zoom))
    }

    fn jump_to(&mut self, center: MercatorPoint, zoom: f64) {
        let (lon, lat) = mercator::unproject(center);
        self.map_memory.center_at(lon_lat(lon, lat));
        let _ = self.map_memory.set_zoom(zoom);
    }

    /// Starts a flight from the current view to one that fits `extent`.
    fn fly_to(&mut self, extent: &BoundingBox) {
        let Some((to, to_zoom)) = self.fitted_view(extent) else {
            return;
        };
        let from = self
            .last_view
            .map(|view| {
                let center = view.center_position();
                mercator::project(center.x(), center.y())
            })
            .unwrap_or(to);
        self.flight = Some(Flight {
            from,
            to,
            from_zoom: self.map_memory.zoom(),
            to_zoom,
            started_secs: None,
        });
    }

    /// walkers lets the map be dragged round the world without end; bring the centre back
    /// within ±180° so that the world's copies are always drawn around it.
    fn wrap_map_center(&mut self) {
        if let Some(center) = self.map_memory.detached()
            && center.x().abs() > 180.0
        {
            let lon = (center.x() + 180.0).rem_euclid(360.0) - 180.0;
            self.map_memory.center_at(lon_lat(lon, center.y()));
        }
    }

    fn advance_flight(&mut self, ctx: &egui::Context) {
        let Some(mut flight) = self.flight else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let started = *flight.started_secs.get_or_insert(now);
        let t = ((now - started) / FLIGHT_SECS).clamp(0.0, 1.0);
        let eased = t * t * (3.0 - 2.0 * t);
        let center = MercatorPoint::new(
            flight.from.x + (flight.to.x - flight.from.x) * eased,
            flight.from.y + (flight.to.y - flight.from.y) * eased,
        );
        let zoom = flight.from_zoom + (flight.to_zoom - flight.from_zoom) * eased;
        self.jump_to(center, zoom);
        self.flight = (t < 1.0).then_some(flight);
        ctx.request_repaint();
    }

    fn receive_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        self.open_paths(dropped);
    }

    fn receive_opened_files(&mut self, ctx: &egui::Context) {
        let mut finished = Vec::new();
        self.jobs.retain(|job| match job.poll() {
            Some(result) => {
                finished.push((job.path.clone(), result));
                false
            }
            None => true,
        });
        for (path, result) in finished {
            self.receive(path, result);
        }
        if !self.jobs.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Takes in what a file held, or says why it could not be opened. A refused file changes
    /// nothing else.
    fn receive(&mut self, path: PathBuf, result: Result<Opened, OpenError>) {
        let name = file_name(&path);
        match result {
            Ok(Opened::Scenario(scenario)) => {
                let warnings: Vec<String> =
                    scenario.warnings().iter().map(|w| w.to_string()).collect();
                self.scenario = Arc::from(scenario);
                self.scenario_changed();
                self.state.remember_file(path);
                self.report_opened(format!("Opened the scenario {name}"), &warnings);
            }
            Ok(Opened::Overlay(overlay)) => {
                let summary = format!(
                    "Opened the overlay {name}: {} features",
                    overlay.features.len()
                );
                let warnings = overlay.warnings.clone();
                self.overlays.push(OverlayEntry {
                    overlay,
                    visible: true,
                    color_index: self.overlays_opened,
                });
                self.overlays_opened += 1;
                self.state.remember_file(path);
                self.report_opened(summary, &warnings);
            }
            Ok(Opened::Article { path, text }) => {
                self.opened_article = Some(OpenedArticle {
                    path: path.clone(),
                    text,
                });
                self.state.show_reader = true;
                self.state.remember_file(path);
                self.report_opened(format!("Opened the article {name}"), &[]);
            }
            Err(error) => self
                .messages
                .push(Message::new(Level::Error, error.to_string())),
        }
    }

    fn report_opened(&mut self, summary: String, warnings: &[String]) {
        if warnings.is_empty() {
            self.messages.push(Message::new(Level::Info, summary));
            return;
        }
        let mut text = format!("{summary}, with {} warnings:", warnings.len());
        for warning in warnings.iter().take(WARNINGS_SHOWN) {
            text.push_str(&format!("\n- {warning}"));
        }
        if warnings.len() > WARNINGS_SHOWN {
            text.push_str(&format!("\n… and {} more", warnings.len() - WARNINGS_SHOWN));
        }
        self.messages.push(Message::new(Level::Warning, text));
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn resolve_date(choice: DateChoice, scenario: &Scenario) -> Date {
    match choice {
        DateChoice::Article => scenario.date(),
        DateChoice::Today => Date::today(),
        DateChoice::Fixed(date) => date,
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

/// The date the map is drawn for, in the map's top-left corner.
fn date_badge(ui: &egui::Ui, view: &MercatorView, date: Date, palette: &Palette) {
    let pos = view.screen_rect().left_top() + egui::vec2(12.0, 10.0);
    let galley = ui.painter().layout_no_wrap(
        date.long_form(),
        egui::FontId::proportional(18.0),
        palette.label,
    );
    let rect = egui::Rect::from_min_size(pos, galley.size()).expand(6.0);
    ui.painter().rect_filled(rect, 4.0, palette.label_halo);
    ui.painter().galley(pos, galley, palette.label);
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

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(STORAGE_KEY, self.saved_state().to_json());
    }
}
