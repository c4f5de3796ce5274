//! Applying the actions a frame produced: the only place where the selection, the layers,
//! the date, the document and the windows change.

use std::sync::Arc;

use super::App;
use crate::map::navigation::mainland_extent;
use crate::model::scenario::Scenario;
use crate::model::search::{Target, find_ignoring_case};
use crate::session::{Action, DateChoice, EditAction, Level, Selection, UiState, layer_state_key};
use crate::ui::dialogs::FileRequest;
use crate::ui::reader::{ReaderFind, reader_find_id};
use crate::ui::top_bar::{SUGGESTIONS, SearchState, search_box_id};

/// The most matches the reader's find box marks.
const MAX_FOUND: usize = 10_000;

impl App {
    /// Applies one action; the only place the selection, layers, date and windows change.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::SelectCountry(_)
            | Action::FlyToCountry(_)
            | Action::SelectTension(_)
            | Action::FlyToTension(_)
            | Action::SelectGroup(_)
            | Action::ChooseSuggestion(_)
            | Action::SelectTerritory(_)
            | Action::SelectExcerpt(_)
            | Action::SelectOverlayFeature { .. }
            | Action::ClearSelection => self.apply_selecting(action, ctx),
            Action::ToggleLayer(_)
            | Action::ToggleOverlay(_)
            | Action::RemoveOverlay(_)
            | Action::SetDate(_)
            | Action::SetTheme(_)
            | Action::SetReaderOpen(_)
            | Action::SetHelpOpen(_)
            | Action::SetExcerptsOpen(_)
            | Action::SetDetailsOpen(_)
            | Action::SetOnlineTiles(_)
            | Action::OnlineTilesFailed
            | Action::SetPublishedAddress(_) => self.apply_setting(action),
            Action::ShowOpenDialog
            | Action::AskSavePath(_)
            | Action::ConfirmReplace
            | Action::CancelReplace
            | Action::FilesChosen { .. }
            | Action::OpenFiles(_)
            | Action::OpenBundledScenario
            | Action::DraftPastedText(_)
            | Action::DismissMessage(_) => self.apply_files(action, ctx),
            Action::StartPresentation
            | Action::StepPresentation(_)
            | Action::LeavePresentation
            | Action::ToggleFullscreen
            | Action::TogglePlayback
            | Action::SetPlaybackSpeed(_) => self.apply_presenting(action, ctx),
            Action::SetReaderQuery(query) => self.set_reader_query(query),
            Action::SetSearchQuery(query) => {
                self.session.search.suggestions =
                    self.document.index.search.search(&query, SUGGESTIONS);
                self.session.search.query = query;
            }
            Action::FocusSearch => {
                // With the article open, Ctrl+F finds in the article.
                let field = if self.session.state.show_reader {
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
            Action::CopyToClipboard(text) => self.copy_to_clipboard(text, ctx),
            Action::CopyViewLink => self.copy_view_link(ctx),
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::Editing(action) => self.apply_editing(action, ctx),
        }
        ctx.request_repaint();
    }

    /// What the reader picked, and the map flying to it where the pick asks to.
    fn apply_selecting(&mut self, action: Action, ctx: &egui::Context) {
        let selection = &mut self.session.selection;
        match action {
            Action::SelectCountry(country) => *selection = Selection::Country(country),
            Action::FlyToCountry(country) => {
                *selection = Selection::Country(country);
                self.session.search = SearchState::default();
                self.map.fly_to(&mainland_extent(&self.world, country));
            }
            Action::SelectTension(index) => *selection = Selection::Tension(index),
            Action::FlyToTension(index) => {
                *selection = Selection::Tension(index);
                let extent = self.tension_extent(index);
                if !extent.is_empty() {
                    self.map.fly_to(&extent);
                }
            }
            Action::SelectGroup(index) => *selection = Selection::Group(index),
            Action::ChooseSuggestion(target) => {
                self.session.search = SearchState::default();
                self.apply(suggestion_action(target), ctx);
            }
            Action::SelectTerritory(index) => *selection = Selection::Territory(index),
            Action::SelectExcerpt(index) => self.select_excerpt(index),
            Action::SelectOverlayFeature { overlay, feature } => {
                *selection = Selection::OverlayFeature { overlay, feature }
            }
            Action::ClearSelection => {
                *selection = Selection::None;
                // Escape also gives up a tension being made.
                self.apply_editing(EditAction::CancelTension, ctx);
            }
            other => log::warn!("not an action of selecting: {other:?}"),
        }
    }

    /// The layers, overlays, date, theme and panels shown: what the settings keep.
    fn apply_setting(&mut self, action: Action) {
        let state = &mut self.session.state;
        match action {
            Action::ToggleLayer(layer) => {
                state.toggle(layer_state_key(&self.session.layers, layer))
            }
            Action::ToggleOverlay(overlay) => {
                if let Some(entry) = self.document.overlays.get_mut(overlay.0) {
                    entry.visible = !entry.visible;
                }
            }
            Action::RemoveOverlay(overlay) => self.remove_overlay(overlay),
            Action::SetDate(choice) => self.set_date(choice),
            Action::SetTheme(theme) => state.theme = theme,
            Action::SetReaderOpen(open) => state.show_reader = open,
            Action::SetHelpOpen(open) => state.show_help = open,
            Action::SetExcerptsOpen(open) => state.show_excerpts = open,
            Action::SetDetailsOpen(open) => state.show_details = open,
            Action::SetOnlineTiles(on) => {
                state.online_tiles = on;
                if on {
                    // A fresh start: the reader may have come back online.
                    self.map.restart_online_tiles();
                }
            }
            Action::OnlineTilesFailed => {
                self.map.mark_tiles_failed();
                self.io.tell(
                    Level::Warning,
                    "Online map tiles could not be loaded (offline, or the tile server refused); the map keeps working without them.",
                );
            }
            Action::SetPublishedAddress(address) => state.published_address = address,
            other => log::warn!("not an action of the settings: {other:?}"),
        }
    }

    /// Files asked for, chosen, opened or drafted, and the messages about them.
    fn apply_files(&mut self, action: Action, ctx: &egui::Context) {
        match action {
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
            Action::DismissMessage(index) => self.io.dismiss(index),
            other => log::warn!("not an action of files: {other:?}"),
        }
    }

    pub(super) fn set_reader_query(&mut self, query: String) {
        let text = self.document.article_text();
        self.session.reader_find = ReaderFind {
            found: find_ignoring_case(text, &query, MAX_FOUND),
            query,
            scroll_pending: true,
        };
    }

    /// Puts text on the clipboard with one note of what it holds, however often it is copied.
    pub(super) fn copy_to_clipboard(&mut self, text: String, ctx: &egui::Context) {
        ctx.copy_text(text.clone());
        self.io.note_copied(&text);
    }

    /// Goes back to the scenario bundled with the app, unless edits are unsaved.
    pub(super) fn open_bundled_scenario(&mut self) {
        if !self.may_replace_scenario() {
            return;
        }
        match Scenario::load_bundled(&self.world) {
            Ok(scenario) => self.set_scenario(Arc::new(scenario)),
            Err(error) => self.io.tell(Level::Error, error.to_string()),
        }
    }

    /// Every setting back to its default but the recent files, on the article date and view.
    pub(super) fn reset_all(&mut self) {
        let recent = std::mem::take(&mut self.session.state.recent_files);
        self.session.state = UiState {
            recent_files: recent,
            ..UiState::default()
        };
        self.session.selection = Selection::None;
        self.set_date(DateChoice::Article);
        self.fit_opening_view();
    }
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
