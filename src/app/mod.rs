//! The application: owns the world, the document, the reader's session, the map component and
//! the App's traffic with files and dialogs; draws each frame and applies the actions the frame
//! produced.

mod apply;
mod browser;
mod document;
mod editing;
mod files;
mod frame;
mod io;
mod link;
mod panels;
mod playing;
mod presenting;
mod saving;
mod selecting;
mod session_state;
mod views;

pub use browser::{BrowserFiles, GivenFile};

use std::sync::{Arc, LazyLock};

use self::document::DocumentState;
use self::io::IoState;
use self::session_state::SessionState;
use crate::layers::{LayerId, MapLayers};
use crate::map::navigation::extent_in_mercator;
use crate::map::{MapLayer, WorldMap};
use crate::model::World;
use crate::model::clock::Clock;
use crate::model::date::Date;
use crate::model::drafting::DraftNotes;
use crate::model::scenario::Scenario;
use crate::model::search::Suggestion;
use crate::model::territory::Territories;
use crate::render::view::MercatorView;
use crate::session::settings::STORAGE_KEY;
use crate::session::{
    Level, Message, OpenedArticle, OverlayEntry, Selection, ThemeChoice, UiState, layer_state_key,
};

pub struct App {
    world: Arc<World>,
    territories: &'static Territories,
    document: DocumentState,
    session: SessionState,
    map: WorldMap,
    io: IoState,
    window: WindowState,
}

/// What the App keeps of the window it draws in.
#[derive(Default)]
struct WindowState {
    title_sent: bool,
    applied_theme: Option<ThemeChoice>,
    /// The window's inner size in the last frame, saved so that the next launch opens alike.
    window_size: Option<[f32; 2]>,
    /// When the process started, until the first frame logs how long it took to come.
    started: Option<web_time::Instant>,
}

/// Territories drawn when the bundled ones cannot be read: none.
static NO_TERRITORIES: LazyLock<Territories> = LazyLock::new(Territories::none);

impl App {
    /// An app showing `scenario` at its article date, over the scenario's opening area, with
    /// `clock` telling it what day today is.
    pub fn new(world: Arc<World>, scenario: Arc<Scenario>, clock: Clock) -> Self {
        Self::with_state(world, scenario, UiState::default(), clock)
    }

    /// An app restored from eframe's storage; settings that cannot be read give defaults and
    /// a message saying so.
    pub fn with_storage(
        world: Arc<World>,
        scenario: Arc<Scenario>,
        storage: Option<&dyn eframe::Storage>,
        clock: Clock,
    ) -> Self {
        let saved = storage.and_then(|storage| storage.get_string(STORAGE_KEY));
        let (state, warning) = UiState::from_saved(saved.as_deref());
        let mut app = Self::with_state(world, scenario, state, clock);
        if let Some(warning) = warning {
            app.io.tell(Level::Warning, warning);
        }
        app
    }

    fn with_state(
        world: Arc<World>,
        scenario: Arc<Scenario>,
        state: UiState,
        clock: Clock,
    ) -> Self {
        let mut io = IoState::default();
        let territories = Territories::bundled().unwrap_or_else(|error| {
            io.tell(
                Level::Error,
                format!(
                    "The contested territories could not be loaded, so none are drawn: {error}"
                ),
            );
            &*NO_TERRITORIES
        });
        let mut map = WorldMap::new();
        match state.view {
            Some(view) => map.restore(view),
            None => map.fit(extent_in_mercator(&scenario.opening_extent(&world))),
        }
        let document = DocumentState::new(&world, scenario);
        let session = SessionState::new(&world, &document, state, clock);
        Self {
            world,
            territories,
            document,
            session,
            map,
            io,
            window: WindowState::default(),
        }
    }

    /// Tells the reader what was found wrong before the app started (damaged saved settings).
    pub fn warn(&mut self, notices: impl IntoIterator<Item = String>) {
        for notice in notices {
            self.io.tell(Level::Warning, notice);
        }
    }

    /// Puts another scenario in place: what depends on it is recomputed, the selection and
    /// the search are cleared.
    /// Another scenario opens on its own article date and its own countries: the date and view
    /// chosen for the last one mean nothing for it.
    fn set_scenario(&mut self, scenario: Arc<Scenario>) {
        self.set_scenario_with_draft(scenario, None);
    }

    /// Puts a scenario in place with what drafting found, if it was drafted.
    fn set_scenario_with_draft(&mut self, scenario: Arc<Scenario>, draft: Option<Arc<DraftNotes>>) {
        self.document.replace_scenario(&self.world, scenario, draft);
        self.session.restart_on(&self.world, &self.document);
        self.fit_opening_view();
        self.window.title_sent = false;
    }

    /// Logs, at the first frame, how long it took to come after `started`.
    pub fn time_first_frame_from(&mut self, started: web_time::Instant) {
        self.window.started = Some(started);
    }

    pub fn world(&self) -> &World {
        &self.world
    }
    /// The world, to share with a thread.
    pub fn world_handle(&self) -> &Arc<World> {
        &self.world
    }
    pub fn scenario(&self) -> &Scenario {
        &self.document.scenario
    }
    pub fn date(&self) -> Date {
        self.session.date
    }
    /// Today by the app's clock.
    pub fn today(&self) -> Date {
        self.session.clock.today()
    }
    pub fn layers(&self) -> &MapLayers {
        &self.session.layers
    }
    pub fn selection(&self) -> &Selection {
        &self.session.selection
    }
    pub fn state(&self) -> &UiState {
        &self.session.state
    }
    pub fn messages(&self) -> &[Message] {
        &self.io.messages
    }
    pub fn overlays(&self) -> &[OverlayEntry] {
        &self.document.overlays
    }
    pub fn opened_article(&self) -> Option<&OpenedArticle> {
        self.document.opened_article.as_ref()
    }
    /// What drafting found, while the scenario is a draft.
    pub fn draft(&self) -> Option<&DraftNotes> {
        self.document.draft.as_deref()
    }
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.session.search.suggestions
    }
    /// Whether files are still being read in the background.
    pub fn is_loading(&self) -> bool {
        !self.io.jobs.is_empty()
    }
    pub fn map(&self) -> &WorldMap {
        &self.map
    }
    pub fn map_mut(&mut self) -> &mut WorldMap {
        &mut self.map
    }
    /// How many shapes a layer or overlay painted in the last frame.
    pub fn painted(&self, layer: impl Into<MapLayer>) -> usize {
        self.map.painted(layer.into())
    }
    /// The map's view in the last frame.
    pub fn last_view(&self) -> Option<&MercatorView> {
        self.map.last_view()
    }
    /// Where a place was on screen in the last frame.
    pub fn screen_position_of(&self, lon: f64, lat: f64) -> Option<egui::Pos2> {
        self.map
            .last_view()
            .map(|view| view.lon_lat_to_screen(lon, lat))
    }
    pub fn is_layer_visible(&self, layer: LayerId) -> bool {
        self.session
            .state
            .is_visible(&layer_state_key(&self.session.layers, layer))
    }
    pub fn territories(&self) -> &Territories {
        self.territories
    }

    /// The window title: the app and the article it shows.
    pub fn title(&self) -> String {
        format!("alliance-map — {}", self.document.scenario.meta().title)
    }

    /// The state to save: the UI state with the current view.
    pub fn saved_state(&self) -> UiState {
        UiState {
            view: self.map.saved_view(),
            window_size: self.window.window_size.or(self.session.state.window_size),
            ..self.session.state.clone()
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let inner = ui.ctx().input(|i| i.viewport().inner_rect);
        self.window.window_size = inner.map(|rect| [rect.width(), rect.height()]);
        self.show(ui);
        if let Some(started) = self.window.started.take() {
            log::info!(
                "first frame laid out {:.0} ms after start",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(STORAGE_KEY, self.saved_state().to_json());
    }
}
