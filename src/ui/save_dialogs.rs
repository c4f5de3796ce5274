//! The questions saving and quitting ask: a file to save as, whether to replace a file that
//! exists, whether to quit with unsaved changes.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::actions::Action;
use super::editor::EditAction;
use super::file_name;

pub const SAVE_AS_TITLE: &str = "Save the scenario as";
pub const FOLDER_LABEL: &str = "Folder";
pub const FILE_NAME_LABEL: &str = "File name";
pub const SAVE_LABEL: &str = "Save the file";
pub const SAVE_FIRST_LABEL: &str = "Save first";
pub const REPLACE_LABEL: &str = "Replace";
pub const QUIT_WITHOUT_SAVING_LABEL: &str = "Quit without saving";

/// Which of the questions is open, and what the Save as window holds.
#[derive(Default)]
pub struct SaveDialogs {
    pub save_as: Option<SaveAsFields>,
    /// An existing file a save would replace, waiting for a yes.
    pub replace: Option<PathBuf>,
    /// Quitting was asked for with unsaved changes.
    pub quit: bool,
}

/// The Save as window's fields: a folder and a name (a whole path typed as the name wins).
pub struct SaveAsFields {
    pub folder: String,
    pub name: String,
}

impl SaveAsFields {
    /// Fields proposing `suggested`'s folder and name.
    pub fn new(suggested: &Path) -> Self {
        let folder = match suggested.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
            _ => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        };
        Self {
            folder: folder.display().to_string(),
            name: file_name(suggested),
        }
    }

    fn path(&self) -> PathBuf {
        Path::new(self.folder.trim()).join(self.name.trim())
    }
}

pub fn save_dialogs_ui(ctx: &egui::Context, dialogs: &mut SaveDialogs, actions: &mut Vec<Action>) {
    save_as_ui(ctx, dialogs, actions);
    if let Some(path) = &dialogs.replace {
        let modal = egui::Modal::new(egui::Id::unique("alliance-map/replace")).show(ctx, |ui| {
            ui.heading(format!("Replace {}?", file_name(path)));
            ui.label(format!(
                "{} exists. Saving replaces it with the edited scenario.",
                path.display()
            ));
            answers_ui(
                ui,
                REPLACE_LABEL,
                EditAction::ConfirmReplace,
                EditAction::CancelReplace,
                actions,
            );
        });
        if modal.should_close() {
            actions.push(Action::Editing(EditAction::CancelReplace));
        }
    }
    if dialogs.quit {
        let modal = egui::Modal::new(egui::Id::unique("alliance-map/quit")).show(ctx, |ui| {
            ui.heading("Quit with unsaved changes?");
            ui.label("The scenario you are editing has changes that are not saved in a file.");
            ui.horizontal(|ui| {
                if ui.button(SAVE_FIRST_LABEL).clicked() {
                    actions.push(Action::Editing(EditAction::CancelQuit));
                    actions.push(Action::Editing(EditAction::Save));
                }
                if ui.button(QUIT_WITHOUT_SAVING_LABEL).clicked() {
                    actions.push(Action::Editing(EditAction::QuitWithoutSaving));
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::Editing(EditAction::CancelQuit));
                }
            });
        });
        if modal.should_close() {
            actions.push(Action::Editing(EditAction::CancelQuit));
        }
    }
}

fn answers_ui(
    ui: &mut Ui,
    yes: &str,
    on_yes: EditAction,
    on_no: EditAction,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        if ui.button(yes).clicked() {
            actions.push(Action::Editing(on_yes));
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::Editing(on_no));
        }
    });
}

fn save_as_ui(ctx: &egui::Context, dialogs: &mut SaveDialogs, actions: &mut Vec<Action>) {
    let Some(fields) = dialogs.save_as.as_mut() else {
        return;
    };
    let mut open = true;
    let mut chosen = None;
    egui::Window::new(SAVE_AS_TITLE)
        .open(&mut open)
        .collapsible(false)
        .default_width(480.0)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(
                    "A scenario file (.json); its article is saved beside it when needed.",
                )
                .weak(),
            );
            egui::Grid::new("save-as-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, text) in [
                        (FOLDER_LABEL, &mut fields.folder),
                        (FILE_NAME_LABEL, &mut fields.name),
                    ] {
                        let label = ui.label(label);
                        ui.add(egui::TextEdit::singleline(text).desired_width(340.0))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            let named = !fields.name.trim().is_empty();
            if ui
                .add_enabled(named, egui::Button::new(SAVE_LABEL))
                .clicked()
            {
                chosen = Some(fields.path());
            }
        });
    if let Some(path) = chosen {
        actions.push(Action::Editing(EditAction::SaveAs(path)));
        open = false;
    }
    if !open {
        dialogs.save_as = None;
    }
}
