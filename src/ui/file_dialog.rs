//! File > Open: a small in-app file browser, so opening works the same on every desktop,
//! with or without a desktop portal.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::actions::Action;

/// Extensions of the files alliance-map opens.
const OPENABLE: [&str; 7] = ["json", "geojson", "txt", "md", "markdown", "html", "htm"];

pub struct FileDialog {
    pub open: bool,
    directory: PathBuf,
    path_text: String,
    entries: Vec<(String, bool)>,
    listing_error: Option<String>,
}

impl Default for FileDialog {
    fn default() -> Self {
        let directory = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let mut dialog = Self {
            open: false,
            directory,
            path_text: String::new(),
            entries: Vec::new(),
            listing_error: None,
        };
        dialog.refresh();
        dialog
    }
}

impl FileDialog {
    pub fn show(&mut self) {
        self.open = true;
        self.refresh();
    }

    fn enter(&mut self, directory: PathBuf) {
        self.directory = directory;
        self.refresh();
    }

    /// Lists folders and openable files, folders first, hidden ones left out.
    fn refresh(&mut self) {
        self.entries.clear();
        self.listing_error = None;
        match std::fs::read_dir(&self.directory) {
            Ok(read) => {
                for entry in read.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
                    if is_dir || is_openable(Path::new(&name)) {
                        self.entries.push((name, is_dir));
                    }
                }
                self.entries.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
                });
            }
            Err(error) => {
                self.listing_error = Some(format!("{}: {error}", self.directory.display()));
            }
        }
    }
}

fn is_openable(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| OPENABLE.contains(&e.as_str()))
}

pub fn file_dialog_ui(ctx: &egui::Context, dialog: &mut FileDialog, actions: &mut Vec<Action>) {
    if !dialog.open {
        return;
    }
    let mut open = dialog.open;
    let mut chosen: Option<PathBuf> = None;
    let mut enter: Option<PathBuf> = None;
    egui::Window::new("Open a file")
        .open(&mut open)
        .default_size([520.0, 420.0])
        .show(ctx, |ui: &mut Ui| {
            ui.label(
                RichText::new("A scenario (.json), a GeoJSON overlay (.geojson, .json) or an article (.txt, .md, .html), drafted into a scenario")
                    .weak(),
            );
            ui.horizontal(|ui| {
                if ui.button("Up").clicked()
                    && let Some(parent) = dialog.directory.parent()
                {
                    enter = Some(parent.to_path_buf());
                }
                ui.label(dialog.directory.display().to_string());
            });
            if let Some(error) = &dialog.listing_error {
                ui.colored_label(ui.visuals().warn_fg_color, error);
            }
            egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                for (name, is_dir) in &dialog.entries {
                    let label = if *is_dir { format!("{name}/") } else { name.clone() };
                    let response = ui.selectable_label(dialog.path_text == *name, label);
                    if response.double_clicked() {
                        if *is_dir {
                            enter = Some(dialog.directory.join(name));
                        } else {
                            chosen = Some(dialog.directory.join(name));
                        }
                    } else if response.clicked() {
                        if *is_dir {
                            enter = Some(dialog.directory.join(name));
                        } else {
                            dialog.path_text = name.clone();
                        }
                    }
                }
            });
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("File");
                let response = ui
                    .add(egui::TextEdit::singleline(&mut dialog.path_text).desired_width(320.0))
                    .labelled_by(label.id);
                let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("Open").clicked() || entered) && !dialog.path_text.trim().is_empty() {
                    chosen = Some(dialog.directory.join(dialog.path_text.trim()));
                }
            });
        });
    if let Some(directory) = enter {
        dialog.enter(directory);
    }
    if let Some(path) = chosen {
        if path.is_dir() {
            dialog.enter(path);
            dialog.path_text.clear();
        } else {
            actions.push(Action::OpenFiles(vec![path]));
            open = false;
        }
    }
    dialog.open = open;
}
