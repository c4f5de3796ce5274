//! Saving what the reader asked to save (a figure, a view, the edited scenario) in one way:
//! the file dialog's request, the files never written over, the question before replacing an
//! existing file, then the write.

use std::path::{Path, PathBuf};

use super::App;
use super::editing::BUNDLED_SCENARIO_IN_SOURCES;
use crate::model::scenario::{BUNDLED_SCENARIO_PATH, article_path};
use crate::session::Level;
use crate::session::SaveTarget;
use crate::ui::dialogs::FileRequest;

/// A save waiting for the reader's yes to replace an existing file.
pub(super) struct PendingReplace {
    target: SaveTarget,
    path: PathBuf,
}

impl App {
    /// Asks where to save `target`; the edited scenario is proposed under the file it was
    /// saved to, else its id beside the file it came from.
    pub(super) fn ask_save_path(&mut self, target: SaveTarget, ctx: &egui::Context) {
        if self.download_in_browser(target, ctx) {
            return;
        }
        let mut request = FileRequest::save(target);
        if target == SaveTarget::Scenario {
            let Some(suggested) = self.suggested_scenario_path() else {
                return;
            };
            request = request.suggesting(&suggested);
        }
        self.request_file(request, ctx);
    }

    /// Saves `target` to `path` the reader chose: refused over a file the app has open, asked
    /// about first over any other existing file unless `replace_asked` (the dialog asked).
    pub(super) fn save_chosen(
        &mut self,
        target: SaveTarget,
        path: PathBuf,
        replace_asked: bool,
        ctx: &egui::Context,
    ) {
        let path = if path.extension().is_none() {
            path.with_extension(target.extension())
        } else {
            path
        };
        let inputs = self.save_inputs(target);
        if let Some(input) = inputs.iter().find(|input| same_file(input, &path)) {
            self.io.tell(
                Level::Error,
                format!(
                    "Not saved: {} is a file the app has open ({}); choose another name.",
                    path.display(),
                    input.display()
                ),
            );
        } else if path.exists() && !replace_asked {
            self.io.replace_question = Some(PendingReplace { target, path });
        } else {
            self.write_chosen(target, path, ctx);
        }
    }

    pub(super) fn answer_replace(&mut self, replace: bool, ctx: &egui::Context) {
        if let Some(PendingReplace { target, path }) = self.io.replace_question.take()
            && replace
        {
            self.write_chosen(target, path, ctx);
        }
    }

    /// The existing file a save is waiting for a yes to replace.
    pub fn is_asking_to_replace(&self) -> Option<&Path> {
        self.io.replace_question.as_ref().map(|p| p.path.as_path())
    }

    fn write_chosen(&mut self, target: SaveTarget, path: PathBuf, ctx: &egui::Context) {
        let dark = ctx.theme() == egui::Theme::Dark;
        match target {
            SaveTarget::Figure => self.export_figure(path, dark),
            SaveTarget::View => self.save_view(path, dark),
            SaveTarget::Scenario => self.save_to(path),
        }
    }

    /// The files a save of `target` never replaces: the bundled scenario, the scenario shown
    /// and its article, overlays and an article opened; only the edited scenario may be saved
    /// over the file it came from or was saved to.
    pub(super) fn save_inputs(&self, target: SaveTarget) -> Vec<PathBuf> {
        let mut inputs = vec![
            PathBuf::from(BUNDLED_SCENARIO_PATH),
            PathBuf::from(BUNDLED_SCENARIO_IN_SOURCES),
        ];
        let editing = self.document.edit.editing.as_ref();
        let mut scenarios = vec![(
            self.document.scenario.source(),
            &self.document.scenario.data().article.text,
        )];
        if let Some(editing) = editing {
            scenarios.push((editing.source(), &editing.document().data.article.text));
        }
        for (source, article) in scenarios {
            let own =
                target == SaveTarget::Scenario && editing.is_some_and(|e| e.may_save_over(source));
            if !own {
                inputs.push(source.to_path_buf());
            }
            inputs.extend(article_path(source, article).ok());
        }
        inputs.extend(
            self.document
                .overlays
                .iter()
                .map(|o| o.overlay.path.clone()),
        );
        inputs.extend(self.document.opened_article.iter().map(|a| a.path.clone()));
        inputs
    }
}

/// Whether both paths name the same existing file, however spelled.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
