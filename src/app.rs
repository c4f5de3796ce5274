//! The application: owns the world, the scenario, the map component, the UI state and what the
//! reader opened; draws each frame and applies the actions the frame produced.

mod browser;
mod editing;
mod files;
mod link;
mod panels;
mod presenting;
mod saving;
mod timeline;
mod views;

pub use browser::{BrowserFiles, GivenFile};

use std::sync::{Arc, LazyLock};

use crate::layers::{LayerId, MapLayers, OverlayId};
use crate::map::navigation::{extent_in_mercator, mainland_extent};
use crate::map::{MapContext, MapLayer, WorldMap};
use crate::model::clock::Clock;
use crate::model::date::Date;
use crate::model::drafting::DraftNotes;
use crate::model::mercator;
use crate::model::open::OpenJob;
use crate::model::scenario::{PresentedStep, Scenario};
use crate::model::search::{SearchIndex, Suggestion, Target, find_ignoring_case};
use crate::model::territory::Territories;
use crate::model::timeline::changes_passed;
use crate::model::{BoundingBox, CountryId, World};
use crate::placement::{first_countries, label_order};
use crate::render::style::Palette;
use crate::render::view::MercatorView;
use crate::session::layer_state_key;
use crate::session::settings::STORAGE_KEY;
use crate::session::{
    Action, DateChoice, EditAction, Level, Message, OpenedArticle, OverlayEntry, Selection,
    ThemeChoice, UiState,
};
use crate::ui::dialogs::{FileRequest, NativeRequests, replace_question_ui};
use crate::ui::editor::quit_question_ui;
use crate::ui::file_dialog::{FileDialog, file_dialog_ui};
use crate::ui::keyboard::keyboard_actions;
use crate::ui::reader::{ReaderFind, reader_find_id};
use crate::ui::reader_index::ReaderIndex;
use crate::ui::story::{Presentation, presentation_keys};
use crate::ui::timeline::{ChangeNotes, Playback};
use crate::ui::top_bar::{SUGGESTIONS, SearchState, search_box_id};

/// What is computed once per scenario rather than once per frame.
struct ScenarioIndex {
    /// Dates on which memberships changed, with what changed.
    changes: Vec<(Date, String)>,
    /// Countries the scenario speaks of and its tensions' parties, named before the others.
    first_countries: Vec<CountryId>,
    /// Those of them named beside themselves on a leader line when too small.
    beside_countries: Vec<CountryId>,
    /// Every country in the order labels are placed.
    label_order: Vec<CountryId>,
    search: SearchIndex,
    /// The steps Present walks through.
    story: Vec<PresentedStep>,
}

impl ScenarioIndex {
    fn build(world: &World, scenario: &Scenario) -> Self {
        let (first_countries, beside_countries) = first_countries(world, scenario);
        Self {
            changes: scenario.membership_changes(world),
            label_order: label_order(world, &first_countries),
            first_countries,
            beside_countries,
            search: SearchIndex::build(world, Some(scenario)),
            story: scenario.story(),
        }
    }
}

pub struct App {
    world: Arc<World>,
    scenario: Arc<Scenario>,
    index: ScenarioIndex,
    date: Date,
    layers: MapLayers,
    search: SearchState,
    state: UiState,
    map: WorldMap,
    selection: Selection,
    title_sent: bool,
    applied_theme: Option<ThemeChoice>,
    overlays: Vec<OverlayEntry>,
    /// How many overlays were ever opened, to give each a colour of its own.
    overlays_opened: usize,
    opened_article: Option<OpenedArticle>,
    /// What drafting found, while the scenario is one drafted from an article.
    /// Shared with the reader's index, which knows by it when to rebuild.
    draft: Option<Arc<DraftNotes>>,
    messages: Vec<Message>,
    jobs: Vec<OpenJob>,
    file_dialog: FileDialog,
    /// The desktop's own file dialogs, when the app uses them (not in tests).
    native_dialogs: NativeRequests,
    /// A save waiting for the reader's yes to replace an existing file.
    replace_question: Option<saving::PendingReplace>,
    territories: &'static Territories,
    reader_find: ReaderFind,
    reader_index: ReaderIndex,
    /// The window's inner size in the last frame, saved so that the next launch opens alike.
    window_size: Option<[f32; 2]>,
    /// When the process started, until the first frame logs how long it took to come.
    started: Option<web_time::Instant>,
    presentation: Option<Presentation>,
    playback: Playback,
    change_notes: ChangeNotes,
    edit: editing::EditSession,
    /// What day today is: the desktop's clock, or a fixed day in tests.
    clock: Clock,
    /// The page's picker and downloads, when the app runs in a browser.
    browser: Option<browser::Browser>,
}

/// How the note of a copy to the clipboard begins.
const COPIED: &str = "Copied: ";

/// The most matches the reader's find box marks.
const MAX_FOUND: usize = 10_000;

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
            app.messages.push(Message::new(Level::Warning, warning));
        }
        app
    }

    fn with_state(
        world: Arc<World>,
        scenario: Arc<Scenario>,
        state: UiState,
        clock: Clock,
    ) -> Self {
        let date = resolve_date(state.date, &scenario, clock.today());
        let (territories, territories_problem) = match Territories::bundled() {
            Ok(territories) => (territories, None),
            Err(error) => (
                &*NO_TERRITORIES,
                Some(format!(
                    "The contested territories could not be loaded, so none are drawn: {error}"
                )),
            ),
        };
        let mut map = WorldMap::new();
        match state.view {
            Some(view) => map.restore(view),
            None => map.fit(extent_in_mercator(&scenario.opening_extent(&world))),
        }
        let mut app = Self {
            layers: MapLayers::build(&world, &scenario, date),
            index: ScenarioIndex::build(&world, &scenario),
            search: SearchState::default(),
            world,
            scenario,
            date,
            state,
            map,
            selection: Selection::None,
            title_sent: false,
            applied_theme: None,
            overlays: Vec::new(),
            overlays_opened: 0,
            opened_article: None,
            draft: None,
            messages: Vec::new(),
            jobs: Vec::new(),
            file_dialog: FileDialog::default(),
            native_dialogs: NativeRequests::default(),
            replace_question: None,
            territories,
            reader_find: ReaderFind::default(),
            reader_index: ReaderIndex::default(),
            window_size: None,
            started: None,
            presentation: None,
            playback: Playback::default(),
            change_notes: ChangeNotes::default(),
            edit: editing::EditSession::default(),
            clock,
            browser: None,
        };
        if let Some(problem) = territories_problem {
            app.messages.push(Message::new(Level::Error, problem));
        }
        app
    }

    /// Tells the reader what was found wrong before the app started (damaged saved settings).
    pub fn warn(&mut self, notices: impl IntoIterator<Item = String>) {
        for notice in notices {
            self.messages.push(Message::new(Level::Warning, notice));
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
        self.scenario = scenario;
        self.draft = draft;
        self.index = ScenarioIndex::build(&self.world, &self.scenario);
        self.state.date = DateChoice::Article;
        self.fit_opening_view();
        self.date = resolve_date(self.state.date, &self.scenario, self.today());
        self.layers = self.build_layers(self.date);
        self.selection = Selection::None;
        self.search = SearchState::default();
        self.title_sent = false;
        // The old story's steps and changes mean nothing for the new scenario.
        self.presentation = None;
        self.playback.stop();
        self.change_notes.clear();
    }

    /// Logs, at the first frame, how long it took to come after `started`.
    pub fn time_first_frame_from(&mut self, started: web_time::Instant) {
        self.started = Some(started);
    }

    pub fn world(&self) -> &World {
        &self.world
    }
    /// The world, to share with a thread.
    pub fn world_handle(&self) -> &Arc<World> {
        &self.world
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn date(&self) -> Date {
        self.date
    }
    /// Today by the app's clock.
    pub fn today(&self) -> Date {
        self.clock.today()
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
    /// What drafting found, while the scenario is a draft.
    pub fn draft(&self) -> Option<&DraftNotes> {
        self.draft.as_deref()
    }
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.search.suggestions
    }
    /// Whether files are still being read in the background.
    pub fn is_loading(&self) -> bool {
        !self.jobs.is_empty()
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
        self.state.is_visible(&layer_state_key(&self.layers, layer))
    }
    pub fn territories(&self) -> &Territories {
        self.territories
    }
    pub fn is_overlay_visible(&self, overlay: OverlayId) -> bool {
        self.overlays.get(overlay.0).is_some_and(|o| o.visible)
    }

    /// The window title: the app and the article it shows.
    pub fn title(&self) -> String {
        format!("alliance-map — {}", self.scenario.meta().title)
    }

    /// The state to save: the UI state with the current view.
    pub fn saved_state(&self) -> UiState {
        UiState {
            view: self.map.saved_view(),
            window_size: self.window_size.or(self.state.window_size),
            ..self.state.clone()
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
        self.guard_close(&ctx);
        self.receive_given_files();
        self.receive_opened_files(&ctx);
        let answered = self.receive_dialog_answer();
        self.receive_dropped_files(&ctx);

        self.advance_playback(&ctx);
        let mut actions = if self.presentation.is_some() {
            presentation_keys(&ctx)
        } else {
            keyboard_actions(&ctx, self.date, &self.layers, self.state.show_help)
        };
        actions.extend(answered);
        actions.extend(pasted_on_map(&ctx));
        let palette = Palette::for_theme(ui.visuals().dark_mode);
        self.refresh_reader_index();
        self.panels_ui(ui, palette, &mut actions);
        file_dialog_ui(&ctx, &mut self.file_dialog, &mut actions);
        if let Some(path) = self.is_asking_to_replace() {
            replace_question_ui(&ctx, path, &mut actions);
        }
        if self.edit.asking_to_quit {
            quit_question_ui(&ctx, &mut actions);
        }
        let picked = self.picked_countries();
        let map_context = MapContext {
            world: &self.world,
            scenario: &self.scenario,
            layers: &self.layers,
            overlays: &self.overlays,
            selection: &self.selection,
            state: &self.state,
            date: self.date,
            palette,
            label_order: &self.index.label_order,
            first_countries: &self.index.first_countries,
            beside_countries: &self.index.beside_countries,
            territories: self.territories,
            picking: picked.as_deref(),
        };
        let map = &mut self.map;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            map.ui(ui, &map_context, &mut actions);
        });
        if let Some(view) = self.map.last_view() {
            let map_rect = view.screen_rect();
            self.over_map_ui(&ctx, map_rect, palette, &mut actions);
        }
        // The reader has scrolled to the first match in this frame.
        self.reader_find.scroll_pending = false;
        for action in actions {
            self.apply(action, &ctx);
        }
    }

    /// Applies one action; the only place the selection, layers, date and windows change.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::SelectCountry(country) => self.selection = Selection::Country(country),
            Action::FlyToCountry(country) => {
                self.selection = Selection::Country(country);
                self.search = SearchState::default();
                self.map.fly_to(&mainland_extent(&self.world, country));
            }
            Action::SelectTension(index) => self.selection = Selection::Tension(index),
            Action::FlyToTension(index) => {
                self.selection = Selection::Tension(index);
                let extent = self.tension_extent(index);
                if !extent.is_empty() {
                    self.map.fly_to(&extent);
                }
            }
            Action::SelectGroup(index) => self.selection = Selection::Group(index),
            Action::ChooseSuggestion(target) => {
                self.search = SearchState::default();
                self.apply(suggestion_action(target), ctx);
            }
            Action::SelectTerritory(index) => self.selection = Selection::Territory(index),
            Action::SelectExcerpt(index) => self.select_excerpt(index),
            Action::SelectOverlayFeature { overlay, feature } => {
                self.selection = Selection::OverlayFeature { overlay, feature }
            }
            Action::ClearSelection => {
                self.selection = Selection::None;
                // Escape also gives up a tension being made.
                self.apply_editing(EditAction::CancelTension, ctx);
            }
            Action::ToggleLayer(layer) => {
                self.state.toggle(layer_state_key(&self.layers, layer));
            }
            Action::ToggleOverlay(overlay) => {
                if let Some(entry) = self.overlays.get_mut(overlay.0) {
                    entry.visible = !entry.visible;
                }
            }
            Action::RemoveOverlay(overlay) => self.remove_overlay(overlay),
            Action::SetDate(choice) => self.set_date(choice),
            Action::SetTheme(theme) => self.state.theme = theme,
            Action::SetReaderOpen(open) => self.state.show_reader = open,
            Action::SetHelpOpen(open) => self.state.show_help = open,
            Action::SetExcerptsOpen(open) => self.state.show_excerpts = open,
            Action::SetDetailsOpen(open) => self.state.show_details = open,
            Action::SetOnlineTiles(on) => {
                self.state.online_tiles = on;
                if on {
                    // A fresh start: the reader may have come back online.
                    self.map.restart_online_tiles();
                }
            }
            Action::OnlineTilesFailed => {
                self.map.mark_tiles_failed();
                self.messages.push(Message::new(
                    Level::Warning,
                    "Online map tiles could not be loaded (offline, or the tile server refused); the map keeps working without them.",
                ));
            }
            Action::SetReaderQuery(query) => self.set_reader_query(query),
            Action::SetSearchQuery(query) => {
                self.search.suggestions = self.index.search.search(&query, SUGGESTIONS);
                self.search.query = query;
            }
            Action::FocusSearch => {
                // With the article open, Ctrl+F finds in the article.
                let field = if self.state.show_reader {
                    reader_find_id()
                } else {
                    search_box_id()
                };
                ctx.memory_mut(|memory| memory.request_focus(field));
            }
            Action::ZoomMap(levels) => self.map.zoom_by(levels),
            Action::PanMap(distance) => self.map.pan_by(distance),
            Action::ResetView => self.fit_opening_view(),
            Action::ResetAll => self.reset_all(),
            Action::ShowOpenDialog => self.request_file(FileRequest::open_files(), ctx),
            Action::AskSavePath(target) => self.ask_save_path(target, ctx),
            Action::ConfirmReplace => self.answer_replace(true, ctx),
            Action::CancelReplace => self.answer_replace(false, ctx),
            Action::FilesChosen {
                purpose,
                paths,
                replace_asked,
            } => self.files_chosen(purpose, paths, replace_asked, ctx),
            Action::OpenFiles(paths) => self.open_paths(paths),
            Action::OpenBundledScenario => self.open_bundled_scenario(),
            Action::DraftPastedText(text) => self.draft_pasted(text),
            Action::DismissMessage(index) => {
                if index < self.messages.len() {
                    self.messages.remove(index);
                }
            }
            Action::StartPresentation
            | Action::StepPresentation(_)
            | Action::LeavePresentation
            | Action::ToggleFullscreen
            | Action::TogglePlayback
            | Action::SetPlaybackSpeed(_) => self.apply_presenting(action, ctx),
            Action::CopyToClipboard(text) => self.copy_to_clipboard(text, ctx),
            Action::CopyViewLink => self.copy_view_link(ctx),
            Action::SetPublishedAddress(address) => self.state.published_address = address,
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::Editing(action) => self.apply_editing(action, ctx),
        }
        ctx.request_repaint();
    }

    fn set_reader_query(&mut self, query: String) {
        let text = match &self.opened_article {
            Some(opened) => opened.text.as_str(),
            None => self.scenario.article().text(),
        };
        self.reader_find = ReaderFind {
            found: find_ignoring_case(text, &query, MAX_FOUND),
            query,
            scroll_pending: true,
        };
    }

    /// Puts text on the clipboard with one note of what it holds, however often it is copied.
    fn copy_to_clipboard(&mut self, text: String, ctx: &egui::Context) {
        ctx.copy_text(text.clone());
        self.messages
            .retain(|message| !message.text.starts_with(COPIED));
        self.messages
            .push(Message::new(Level::Info, format!("{COPIED}{text}")));
    }

    /// Goes back to the scenario bundled with the app, unless edits are unsaved.
    fn open_bundled_scenario(&mut self) {
        if !self.may_replace_scenario() {
            return;
        }
        match Scenario::load_bundled(&self.world) {
            Ok(scenario) => self.set_scenario(Arc::new(scenario)),
            Err(error) => self
                .messages
                .push(Message::new(Level::Error, error.to_string())),
        }
    }

    /// Every setting back to its default but the recent files, on the article date and view.
    fn reset_all(&mut self) {
        let recent = std::mem::take(&mut self.state.recent_files);
        self.state = UiState {
            recent_files: recent,
            ..UiState::default()
        };
        self.selection = Selection::None;
        self.set_date(DateChoice::Article);
        self.fit_opening_view();
    }

    fn fit_opening_view(&mut self) {
        let extent = self.scenario.opening_extent(&self.world);
        self.map.fit(extent_in_mercator(&extent));
    }

    fn remove_overlay(&mut self, overlay: OverlayId) {
        if overlay.0 < self.overlays.len() {
            self.overlays.remove(overlay.0);
            if matches!(self.selection, Selection::OverlayFeature { .. }) {
                self.selection = Selection::None;
            }
        }
    }

    fn set_date(&mut self, choice: DateChoice) {
        let choice = match choice {
            DateChoice::Fixed(date) => {
                DateChoice::Fixed(self.scenario.clamp_date(date, self.today()))
            }
            other => other,
        };
        self.state.date = choice;
        let date = resolve_date(choice, &self.scenario, self.today());
        if date != self.date {
            let passed = changes_passed(&self.index.changes, self.date, date);
            self.change_notes
                .push(passed.iter().map(|(_, what)| what.as_str()));
            self.date = date;
            self.layers = self.build_layers(date);
        }
    }

    fn build_layers(&self, date: Date) -> MapLayers {
        let counts = self.draft.as_ref().map_or(&[][..], |draft| &draft.counts);
        MapLayers::build(&self.world, &self.scenario, date).with_mentions(&self.world, counts)
    }

    fn select_excerpt(&mut self, index: usize) {
        let Some(excerpt) = self.scenario.data().excerpts.get(index) else {
            return;
        };
        let countries = self.country_ids(&excerpt.countries);
        let extent = self.extent_of(&countries, &excerpt.actors);
        self.map.fly_to(&extent);
        self.selection = Selection::Excerpt {
            index,
            countries,
            tensions: Vec::new(),
        };
    }

    /// The countries of the world with these codes; unknown codes are left out.
    fn country_ids(&self, codes: &[String]) -> Vec<CountryId> {
        codes
            .iter()
            .filter_map(|code| self.world.by_code(code).map(|c| c.id()))
            .collect()
    }

    /// The Mercator extent of a tension's arcs as the map draws them on the date shown; empty
    /// when it draws none.
    fn tension_extent(&self, index: usize) -> BoundingBox {
        let mut extent = BoundingBox::EMPTY;
        let arcs = self
            .layers
            .tensions
            .iter()
            .filter(|t| t.tension_index == index);
        for point in arcs.flat_map(|tension| tension.arcs.iter().flatten()) {
            extent.include([point.x, point.y]);
        }
        extent
    }

    /// The Mercator extent of the countries' mainlands and the actors' places.
    fn extent_of(&self, countries: &[CountryId], actors: &[String]) -> BoundingBox {
        let mut extent = BoundingBox::EMPTY;
        for &country in countries {
            extent = extent.union(&mainland_extent(&self.world, country));
        }
        for actor in actors.iter().filter_map(|id| self.scenario.actor(id)) {
            let Some(place) = actor.place() else {
                continue;
            };
            let point = mercator::project(place.lon, place.lat);
            extent.include([point.x, point.y]);
        }
        extent
    }
}

/// Text pasted (Ctrl+V) while no text field has the focus: an article to draft from.
fn pasted_on_map(ctx: &egui::Context) -> Option<Action> {
    if ctx.memory(|memory| memory.focused().is_some()) {
        return None;
    }
    ctx.input(|input| {
        input.events.iter().find_map(|event| match event {
            egui::Event::Paste(text) if !text.trim().is_empty() => {
                Some(Action::DraftPastedText(text.clone()))
            }
            _ => None,
        })
    })
}

/// Where a search suggestion leads.
fn suggestion_action(target: Target) -> Action {
    match target {
        Target::Country(country) => Action::FlyToCountry(country),
        Target::Group(index) => Action::SelectGroup(index),
        Target::Tension(index) => Action::FlyToTension(index),
        Target::Excerpt(index) => Action::SelectExcerpt(index),
    }
}

fn resolve_date(choice: DateChoice, scenario: &Scenario, today: Date) -> Date {
    match choice {
        DateChoice::Article => scenario.date(),
        DateChoice::Today => today,
        DateChoice::Fixed(date) => scenario.clamp_date(date, today),
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let inner = ui.ctx().input(|i| i.viewport().inner_rect);
        self.window_size = inner.map(|rect| [rect.width(), rect.height()]);
        self.show(ui);
        if let Some(started) = self.started.take() {
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
