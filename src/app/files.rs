//! Files the reader opens: read in the background, then taken in or refused with a message.

use std::path::PathBuf;
use std::sync::Arc;

use super::App;
use crate::model::capped::{and_more, thousands};
use crate::model::files::MAX_ARTICLE_BYTES;
use crate::model::open::{OpenError, OpenJob, Opened, OpenedDraft, Received, draft_article};
use crate::session::{Action, FilePurpose, Level, OpenedArticle, OverlayEntry, file_name};
use crate::ui::dialogs::{DialogMode, DialogOutcome, FileRequest, NativeDialogs, NativeRequests};
use crate::ui::file_dialog::start_folder;

/// The name pasted text is drafted under: the draft's article file until it is saved.
pub(crate) const PASTED_ARTICLE: &str = "pasted-article.txt";

/// How many of a file's warnings a message lists before summing up the rest.
const WARNINGS_SHOWN: usize = 5;

impl App {
    /// Uses the desktop's own file dialogs from now on, with the in-app browser where they
    /// cannot be shown; without this call the in-app browser is used.
    pub fn use_native_dialogs(&mut self, dialogs: Arc<dyn NativeDialogs>) {
        self.io.native_dialogs = NativeRequests::new(Some(dialogs));
    }

    /// Whether the in-app file browser is open, and the folder it lists.
    pub fn file_browser_folder(&self) -> Option<&std::path::Path> {
        self.io
            .file_dialog
            .is_open()
            .then(|| self.io.file_dialog.directory())
    }

    /// Asks the reader for a file: the desktop's dialog when there is one, the in-app
    /// browser otherwise. The answer comes as an action in a later frame.
    pub(super) fn request_file(&mut self, request: FileRequest, ctx: &egui::Context) {
        if self.in_browser() {
            if request.mode == DialogMode::Open {
                self.pick_in_browser(ctx);
            }
            return;
        }
        let start = self.start_folder_for(&request);
        if let Some(request) = self
            .io
            .native_dialogs
            .send(request, Some(start.clone()), ctx)
        {
            self.io
                .file_dialog
                .show(request, start, self.session.state.recent_folders());
        }
    }

    /// The folder a dialog starts in: the request's own while it is a folder, else the one
    /// last used, else home.
    fn start_folder_for(&self, request: &FileRequest) -> PathBuf {
        let proposed = request.start_in.as_deref().filter(|folder| folder.is_dir());
        start_folder(proposed.or(self.session.state.last_folder.as_deref()))
    }

    /// What the desktop's dialog answered, if it has: the action it leads to, or the in-app
    /// browser opened where it could not ask.
    pub(super) fn receive_dialog_answer(&mut self) -> Option<Action> {
        match self.io.native_dialogs.poll()? {
            DialogOutcome::Chosen(action) => Some(action),
            DialogOutcome::Fallback(request, why) => {
                log::info!("{why}; the in-app file browser is used");
                let start = self.start_folder_for(&request);
                self.io
                    .file_dialog
                    .show(request, start, self.session.state.recent_folders());
                None
            }
        }
    }

    /// Does what the files were chosen for, and starts the next dialog in their folder.
    pub(super) fn files_chosen(
        &mut self,
        purpose: FilePurpose,
        paths: Vec<PathBuf>,
        replace_asked: bool,
        ctx: &egui::Context,
    ) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        self.session.state.remember_folder(&first);
        match purpose {
            FilePurpose::Open => self.open_paths(paths),
            FilePurpose::Save(target) => self.save_chosen(target, first, replace_asked, ctx),
        }
    }

    /// Starts opening files in the background; what they hold arrives in a later frame.
    pub fn open_paths(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        for path in paths {
            self.io
                .jobs
                .push(OpenJob::start(path, Arc::clone(&self.world), self.today()));
        }
    }

    pub(super) fn receive_dropped_files(&mut self, ctx: &egui::Context) {
        // A browser's dropped files have names, not paths: the page reads them and hands
        // them over (`use_browser_files`).
        if self.in_browser() {
            return;
        }
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
        self.io.jobs.retain(|job| match job.poll() {
            Some(result) => {
                finished.push((job.path.clone(), result));
                false
            }
            None => true,
        });
        for (path, result) in finished {
            self.receive(path, result);
        }
        if !self.io.jobs.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Drafts a scenario from pasted text, as if it were an article file named
    /// [`PASTED_ARTICLE`] in the current folder.
    pub(super) fn draft_pasted(&mut self, text: String) {
        let path = PathBuf::from(PASTED_ARTICLE);
        if text.len() > MAX_ARTICLE_BYTES {
            self.io.tell(
                Level::Error,
                format!(
                    "The pasted text is {} bytes, more than the {} bytes of an article",
                    thousands(text.len()),
                    thousands(MAX_ARTICLE_BYTES)
                ),
            );
            return;
        }
        let result = draft_article(&path, &text, &self.world, self.today())
            .map(|d| Received::Draft(Box::new(d)));
        self.receive(path, result);
    }

    /// Takes in what a file held, or says why it could not be opened. A refused file changes
    /// nothing else.
    fn receive(&mut self, path: PathBuf, result: Result<Received, OpenError>) {
        let name = file_name(&path);
        match result {
            Ok(Received::Opened(Opened::Scenario(_))) if !self.may_replace_scenario() => {}
            Ok(Received::Opened(Opened::Scenario(scenario))) => {
                let warnings: Vec<String> =
                    scenario.warnings().iter().map(|w| w.to_string()).collect();
                let count = scenario.warning_count();
                self.set_scenario(Arc::from(scenario));
                self.session.state.remember_file(path);
                let date = self.document.scenario.date().long_form();
                self.report_opened(
                    format!("Opened the scenario {name}: the map shows its article date ({date}) and its countries"),
                    &warnings,
                    count,
                );
            }
            Ok(Received::Opened(Opened::Overlay(overlay))) => {
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
                self.document.overlays.push(OverlayEntry {
                    overlay,
                    visible: true,
                    color_index: self.document.overlays_opened,
                });
                self.document.overlays_opened += 1;
                self.session.state.remember_file(path);
                self.report_opened(summary, &warnings, count);
            }
            Ok(Received::Opened(Opened::View { view, scenario })) => {
                if self.open_view(&path, view, scenario.map(|s| *s)) {
                    self.session.state.remember_file(path);
                }
            }
            Ok(Received::Opened(Opened::Article { path, text })) => {
                self.show_article(path, text, format!("Opened the article {name}"));
            }
            Ok(Received::Undrafted { path, text, reason }) => {
                let summary = format!("Opened the article {name} in the reader; {reason}");
                self.show_article(path, text, summary);
            }
            Ok(Received::Draft(opened)) => self.receive_draft(*opened),
            Err(error) => self.io.tell(Level::Error, error.to_string()),
        }
    }

    /// Shows an article alone in the reader.
    fn show_article(&mut self, path: PathBuf, text: String, summary: String) {
        self.document.opened_article = Some(OpenedArticle {
            path: path.clone(),
            text,
        });
        self.session.state.show_reader = true;
        self.session.state.remember_file(path);
        self.report_opened(summary, &[], 0);
    }

    /// Puts a drafted scenario in place, the reader open on its article.
    /// The proposed excerpts and tensions go to the editor, to accept or drop; refused (with the editor's
    /// message) while other edits are unsaved.
    fn receive_draft(&mut self, opened: OpenedDraft) {
        let OpenedDraft {
            path,
            scenario,
            proposals,
            notes,
        } = opened;
        let name = file_name(&path);
        let uncertain = notes.uncertain().count();
        let proposed_tensions = scenario
            .data()
            .tensions
            .iter()
            .filter(|tension| tension.proposed.is_some())
            .count();
        let summary = format!(
            "Drafted a scenario from {name}: {} countries named, {} excerpts and {proposed_tensions} tensions proposed, {} organisations as of {}{}",
            notes.counts.len(),
            proposals.len() + scenario.data().excerpts.len(),
            scenario.data().groups.len(),
            scenario.date().long_form(),
            match uncertain {
                0 => String::new(),
                n => format!("; {n} uncertain mentions to confirm in the reader"),
            }
        );
        if !self.edit_drafted(scenario, proposals) {
            return;
        }
        self.document.draft = Some(Arc::new(notes));
        self.session.layers = self.build_layers(self.session.date);
        self.document.opened_article = None;
        self.session.state.show_reader = true;
        if path.as_os_str() != PASTED_ARTICLE {
            self.session.state.remember_file(path);
        }
        self.report_opened(summary, &[], 0);
    }

    /// `warnings` are the first of `count` warnings (the model keeps only the first).
    fn report_opened(&mut self, summary: String, warnings: &[String], count: usize) {
        if count == 0 {
            self.io.tell(Level::Info, summary);
            return;
        }
        let mut text = format!("{summary}, with {} warnings:", thousands(count));
        for warning in warnings.iter().take(WARNINGS_SHOWN) {
            text.push_str(&format!("\n- {warning}"));
        }
        if count > WARNINGS_SHOWN {
            text.push_str(&format!("\n{}", and_more(count - WARNINGS_SHOWN)));
        }
        self.io.tell(Level::Warning, text);
    }
}
