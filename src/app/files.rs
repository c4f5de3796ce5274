//! Files the reader opens: read in the background, then taken in or refused with a message.

use std::path::PathBuf;
use std::sync::Arc;

use super::App;
use crate::model::capped::{and_more, thousands};
use crate::model::open::{OpenError, OpenJob, Opened};
use crate::ui::dialogs::{DialogOutcome, FilePurpose, FileRequest, NativeDialogs, NativeRequests};
use crate::ui::file_dialog::start_folder;
use crate::ui::messages::{Level, Message};
use crate::ui::{Action, OpenedArticle, OverlayEntry, file_name};

/// How many of a file's warnings a message lists before summing up the rest.
const WARNINGS_SHOWN: usize = 5;

impl App {
    /// Uses the desktop's own file dialogs from now on, with the in-app browser where they
    /// cannot be shown; without this call the in-app browser is used.
    pub fn use_native_dialogs(&mut self, dialogs: Arc<dyn NativeDialogs>) {
        self.native_dialogs = NativeRequests::new(Some(dialogs));
    }

    /// Whether the in-app file browser is open, and the folder it lists.
    pub fn file_browser_folder(&self) -> Option<&std::path::Path> {
        self.file_dialog
            .is_open()
            .then(|| self.file_dialog.directory())
    }

    /// Asks the reader for a file: the desktop's dialog when there is one, the in-app
    /// browser otherwise. The answer comes as an action in a later frame.
    pub(super) fn request_file(&mut self, request: FileRequest, ctx: &egui::Context) {
        let start = start_folder(self.state.last_folder.as_deref());
        if let Some(request) = self.native_dialogs.send(request, Some(start.clone()), ctx) {
            self.file_dialog
                .show(request, start, self.state.recent_folders());
        }
    }

    /// What the desktop's dialog answered, if it has: the action it leads to, or the in-app
    /// browser opened where it could not ask.
    pub(super) fn receive_dialog_answer(&mut self) -> Option<Action> {
        match self.native_dialogs.poll()? {
            DialogOutcome::Chosen(action) => Some(action),
            DialogOutcome::Fallback(request, why) => {
                log::info!("{why}; the in-app file browser is used");
                let start = start_folder(self.state.last_folder.as_deref());
                self.file_dialog
                    .show(request, start, self.state.recent_folders());
                None
            }
        }
    }

    /// Does what the files were chosen for, and starts the next dialog in their folder.
    pub(super) fn files_chosen(
        &mut self,
        purpose: FilePurpose,
        paths: Vec<PathBuf>,
        ctx: &egui::Context,
    ) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        self.state.remember_folder(&first);
        let dark = ctx.theme() == egui::Theme::Dark;
        match purpose {
            FilePurpose::Open => self.open_paths(paths),
            FilePurpose::ExportFigure => self.export_figure(first, dark),
            FilePurpose::SaveView => self.save_view(first, dark),
        }
    }

    /// Starts opening files in the background; what they hold arrives in a later frame.
    pub fn open_paths(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        for path in paths {
            self.jobs
                .push(OpenJob::start(path, Arc::clone(&self.world)));
        }
    }

    pub(super) fn receive_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        self.open_paths(dropped);
    }

    pub(super) fn receive_opened_files(&mut self, ctx: &egui::Context) {
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
            Ok(Opened::Scenario(_)) if !self.may_replace_scenario() => {}
            Ok(Opened::Scenario(scenario)) => {
                let warnings: Vec<String> =
                    scenario.warnings().iter().map(|w| w.to_string()).collect();
                let count = scenario.warning_count();
                self.set_scenario(Arc::from(scenario));
                self.state.remember_file(path);
                let date = self.scenario.date().long_form();
                self.report_opened(
                    format!("Opened the scenario {name}: the map shows its article date ({date}) and its countries"),
                    &warnings,
                    count,
                );
            }
            Ok(Opened::Overlay(overlay)) => {
                let summary = format!(
                    "Opened the overlay {name}: {} features",
                    overlay.features.len()
                );
                let warnings = overlay.warnings.clone();
                // The reader wants to see what they opened: the map flies to it.
                let mut extent = crate::model::BoundingBox::EMPTY;
                for feature in &overlay.features {
                    for corner in [feature.bbox.min, feature.bbox.max] {
                        let point = crate::model::mercator::project(corner[0], corner[1]);
                        extent.include([point.x, point.y]);
                    }
                }
                self.map_mut().fly_to(&extent);
                let count = overlay.warning_count();
                self.overlays.push(OverlayEntry {
                    overlay,
                    visible: true,
                    color_index: self.overlays_opened,
                });
                self.overlays_opened += 1;
                self.state.remember_file(path);
                self.report_opened(summary, &warnings, count);
            }
            Ok(Opened::View { view, scenario }) => {
                if self.open_view(&path, view, scenario.map(|s| *s)) {
                    self.state.remember_file(path);
                }
            }
            Ok(Opened::Article { path, text }) => {
                self.opened_article = Some(OpenedArticle {
                    path: path.clone(),
                    text,
                });
                self.state.show_reader = true;
                self.state.remember_file(path);
                self.report_opened(format!("Opened the article {name}"), &[], 0);
            }
            Err(error) => self
                .messages
                .push(Message::new(Level::Error, error.to_string())),
        }
    }

    /// `warnings` are the first of `count` warnings (the model keeps only the first).
    fn report_opened(&mut self, summary: String, warnings: &[String], count: usize) {
        if count == 0 {
            self.messages.push(Message::new(Level::Info, summary));
            return;
        }
        let mut text = format!("{summary}, with {} warnings:", thousands(count));
        for warning in warnings.iter().take(WARNINGS_SHOWN) {
            text.push_str(&format!("\n- {warning}"));
        }
        if count > WARNINGS_SHOWN {
            text.push_str(&format!("\n{}", and_more(count - WARNINGS_SHOWN)));
        }
        self.messages.push(Message::new(Level::Warning, text));
    }
}
