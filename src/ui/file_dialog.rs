//! The in-app file browser, for where the desktop has no file dialog to offer (a bare X
//! server, CI): it takes any [`FileRequest`], starts in the folder last used (or the home
//! folder), lists recent folders and filters by kind of file.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::dialogs::{DialogMode, FileKind, FileRequest};
use crate::session::Action;

/// The in-app browser's state between frames.
#[derive(Default)]
pub struct FileDialog {
    request: Option<FileRequest>,
    directory: PathBuf,
    /// The file name typed or clicked, relative to `directory`.
    name: String,
    kind: Option<FileKind>,
    recent_folders: Vec<PathBuf>,
    entries: Vec<Entry>,
    listing_error: Option<String>,
}

/// A line of the listing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

impl FileDialog {
    /// Opens the browser for `request` in `start` (the folder last used, or the home folder),
    /// offering `recent_folders` to jump to.
    pub fn show(&mut self, request: FileRequest, start: PathBuf, recent_folders: Vec<PathBuf>) {
        self.kind = request.kinds.first().copied();
        self.name = match &request.mode {
            DialogMode::Save { suggested_name } => suggested_name.clone(),
            DialogMode::Open => String::new(),
        };
        self.request = Some(request);
        self.recent_folders = recent_folders;
        self.enter(start);
    }

    pub fn is_open(&self) -> bool {
        self.request.is_some()
    }

    /// The folder listed.
    pub fn directory(&self) -> &Path {
        &self.directory
    }

    fn enter(&mut self, directory: PathBuf) {
        self.directory = directory;
        self.refresh();
    }

    fn set_kind(&mut self, kind: FileKind) {
        self.kind = Some(kind);
        self.refresh();
    }

    /// Lists folders and the files of the chosen kind, folders first, hidden ones left out.
    fn refresh(&mut self) {
        self.entries.clear();
        self.listing_error = None;
        let kind = self.kind.unwrap_or(FileKind::All);
        match std::fs::read_dir(&self.directory) {
            Ok(read) => {
                for entry in read.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    // Through links too: a link to a folder is entered like a folder.
                    let is_dir = entry.path().is_dir();
                    if is_dir || kind.matches(Path::new(&name)) {
                        self.entries.push(Entry { name, is_dir });
                    }
                }
                self.entries.sort_by(|a, b| {
                    b.is_dir
                        .cmp(&a.is_dir)
                        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                });
            }
            Err(error) => {
                self.listing_error = Some(format!("{}: {error}", self.directory.display()));
            }
        }
    }
}

/// Where the browser starts: the folder last used while it still is one, else the home
/// folder, else the current one.
pub fn start_folder(last_used: Option<&Path>) -> PathBuf {
    last_used
        .filter(|folder| folder.is_dir())
        .map(Path::to_path_buf)
        .or_else(std::env::home_dir)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// What the reader did in the browser this frame.
#[derive(Default)]
struct Choices {
    enter: Option<PathBuf>,
    chosen: Option<PathBuf>,
    kind: Option<FileKind>,
}

pub fn file_dialog_ui(ctx: &egui::Context, dialog: &mut FileDialog, actions: &mut Vec<Action>) {
    let Some(request) = dialog.request.clone() else {
        return;
    };
    let mut open = true;
    let mut choices = Choices::default();
    egui::Window::new(&request.title)
        .id(egui::Id::unique("alliance-map/file-dialog"))
        .open(&mut open)
        .default_size([560.0, 440.0])
        .show(ctx, |ui: &mut Ui| {
            places_ui(ui, dialog, &request, &mut choices);
            listing_ui(ui, dialog, &mut choices);
            ui.separator();
            name_ui(ui, dialog, &request, &mut choices);
        });
    if let Some(kind) = choices.kind {
        dialog.set_kind(kind);
    }
    if let Some(directory) = choices.enter {
        dialog.enter(directory);
    }
    if let Some(path) = choices.chosen {
        if path.is_dir() {
            dialog.enter(path);
            dialog.name.clear();
        } else {
            // The App asks before replacing an existing file.
            actions.push(request.answer(vec![path], false));
            open = false;
        }
    }
    if !open {
        dialog.request = None;
    }
}

/// The folder shown, the way up, the recent folders and the kind of file listed.
fn places_ui(ui: &mut Ui, dialog: &FileDialog, request: &FileRequest, choices: &mut Choices) {
    ui.horizontal(|ui| {
        if ui.button("Up").clicked()
            && let Some(parent) = dialog.directory.parent()
        {
            choices.enter = Some(parent.to_path_buf());
        }
        ui.label(dialog.directory.display().to_string());
    });
    ui.horizontal(|ui| {
        ui.menu_button("Recent folders", |ui| {
            if dialog.recent_folders.is_empty() {
                ui.label(RichText::new("None yet").weak());
            }
            for folder in &dialog.recent_folders {
                if ui.button(folder.display().to_string()).clicked() {
                    choices.enter = Some(folder.clone());
                }
            }
        });
        if let Some(home) = std::env::home_dir()
            && ui.button("Home").clicked()
        {
            choices.enter = Some(home);
        }
        let kind = dialog.kind.unwrap_or(FileKind::All);
        let label = ui.label("Show");
        egui::ComboBox::from_id_salt("file_dialog_kind")
            .selected_text(kind.label())
            .width(240.0)
            .show_ui(ui, |ui| {
                for &choice in &request.kinds {
                    if ui
                        .selectable_label(choice == kind, choice.label())
                        .clicked()
                    {
                        choices.kind = Some(choice);
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let Some(error) = &dialog.listing_error {
        ui.colored_label(ui.visuals().warn_fg_color, error);
    }
}

fn listing_ui(ui: &mut Ui, dialog: &mut FileDialog, choices: &mut Choices) {
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if dialog.entries.is_empty() && dialog.listing_error.is_none() {
                ui.label(RichText::new("No folders or files of this kind here").weak());
            }
            for entry in &dialog.entries {
                let label = if entry.is_dir {
                    format!("{}/", entry.name)
                } else {
                    entry.name.clone()
                };
                let response = ui.selectable_label(dialog.name == entry.name, label);
                let path = dialog.directory.join(&entry.name);
                if entry.is_dir && response.clicked() {
                    choices.enter = Some(path);
                } else if response.double_clicked() {
                    choices.chosen = Some(path);
                } else if response.clicked() {
                    dialog.name = entry.name.clone();
                }
            }
        });
}

/// The file name, typed or clicked, and the button that takes it.
fn name_ui(ui: &mut Ui, dialog: &mut FileDialog, request: &FileRequest, choices: &mut Choices) {
    ui.horizontal(|ui| {
        let label = ui.label("File");
        let response = ui
            .add(egui::TextEdit::singleline(&mut dialog.name).desired_width(320.0))
            .labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let button = match request.mode {
            DialogMode::Open => "Open",
            DialogMode::Save { .. } => "Save",
        };
        if (ui.button(button).clicked() || entered) && !dialog.name.trim().is_empty() {
            choices.chosen = Some(dialog.directory.join(dialog.name.trim()));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::FilePurpose;

    fn folder_with_files() -> tempfile::TempDir {
        let folder = match tempfile::tempdir() {
            Ok(folder) => folder,
            Err(error) => panic!("a temporary folder: {error}"),
        };
        for name in [
            "b.json",
            "a.geojson",
            "notes.txt",
            "Makefile",
            ".hidden.json",
        ] {
            if let Err(error) = std::fs::write(folder.path().join(name), "x") {
                panic!("{name}: {error}");
            }
        }
        if let Err(error) = std::fs::create_dir(folder.path().join("sub")) {
            panic!("sub: {error}");
        }
        folder
    }

    fn names(dialog: &FileDialog) -> Vec<&str> {
        dialog.entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn the_listing_shows_folders_first_then_files_of_the_chosen_kind() {
        let folder = folder_with_files();
        let mut dialog = FileDialog::default();
        dialog.show(
            FileRequest::open_files(),
            folder.path().to_path_buf(),
            Vec::new(),
        );
        assert_eq!(names(&dialog), ["sub", "a.geojson", "b.json", "notes.txt"]);
        dialog.set_kind(FileKind::Scenarios);
        assert_eq!(names(&dialog), ["sub", "b.json"]);
        dialog.set_kind(FileKind::All);
        assert_eq!(
            names(&dialog),
            ["sub", "a.geojson", "b.json", "Makefile", "notes.txt"]
        );
    }

    #[test]
    fn a_save_request_starts_with_its_suggested_name() {
        let folder = folder_with_files();
        let mut dialog = FileDialog::default();
        let request = FileRequest {
            purpose: FilePurpose::Open,
            mode: DialogMode::Save {
                suggested_name: "view.json".into(),
            },
            title: "Save".into(),
            kinds: vec![FileKind::Scenarios],
            start_in: None,
        };
        dialog.show(request, folder.path().to_path_buf(), Vec::new());
        assert_eq!(dialog.name, "view.json");
        assert_eq!(names(&dialog), ["sub", "b.json"]);
    }

    #[test]
    fn the_browser_starts_in_the_last_folder_while_it_exists_else_at_home() {
        let folder = folder_with_files();
        assert_eq!(start_folder(Some(folder.path())), folder.path());
        let gone = folder.path().join("gone");
        assert_ne!(start_folder(Some(&gone)), gone);
        // Nothing used yet, or gone: home, without listing it here (tests stay in the repo).
        if let Some(home) = std::env::home_dir() {
            assert_eq!(start_folder(None), home);
            assert_eq!(start_folder(Some(&gone)), home);
        }
    }
}
