//! The rules of docs/ARCHITECTURE.md that a reader of the source can check: which layer may
//! import which, and who reads the calendar.

use std::path::{Path, PathBuf};

/// Every Rust file under these folders of the repository, with its text, by path relative to
/// the repository.
fn rust_files(folders: &[&str]) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pending: Vec<PathBuf> = folders.iter().map(|folder| root.join(folder)).collect();
    let mut files = Vec::new();
    while let Some(folder) = pending.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) => panic!("{} cannot be listed: {error}", folder.display()),
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                files.push((path.strip_prefix(root).unwrap_or(&path).to_path_buf(), text));
            }
        }
    }
    files.sort();
    files
}

/// The files among `files` whose text contains any of `needles`.
fn containing(files: &[(PathBuf, String)], needles: &[&str]) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|(_, text)| needles.iter().any(|needle| text.contains(needle)))
        .map(|(path, _)| path.clone())
        .collect()
}

/// Nothing but the clock module reads the wall clock's date, so nothing else can make a
/// result depend on the day it is computed.
#[test]
fn only_the_clock_reads_the_calendar() {
    let files = rust_files(&["src", "tests", "benches"]);
    let wall_clock = [
        concat!("SystemTime", "::"),
        concat!("UNIX", "_EPOCH"),
        concat!("Clock::System", ".today"),
        concat!("ZonedDateTime", "::now"),
        concat!("Timestamp", "::now"),
    ];
    let readers = containing(&files, &wall_clock);
    assert_eq!(
        readers,
        [PathBuf::from("src/model/clock.rs")],
        "files that read the wall clock's date"
    );
}

/// The panels are a leaf: the app lays them out, and nothing below it (the map, figures, the
/// command line, the session, drawing, the model) imports them.
#[test]
fn nothing_below_the_app_imports_the_panels() {
    let files = rust_files(&["src"]);
    let below_app: Vec<(PathBuf, String)> = files
        .into_iter()
        .filter(|(path, _)| !path.starts_with("src/ui") && !path.starts_with("src/app"))
        .collect();
    let importers = containing(&below_app, &["crate::ui::", "crate::ui;", "crate::ui::{"]);
    assert!(importers.is_empty(), "import ui/: {importers:?}");
}

/// The model knows nothing of the window, the map widget, the GPU or the layers above it.
#[test]
fn the_model_imports_nothing_above_it() {
    let model: Vec<(PathBuf, String)> = rust_files(&["src/model"]);
    let above = [
        "egui::",
        "eframe::",
        "walkers::",
        "wgpu::",
        "crate::ui",
        "crate::app",
        "crate::map",
        "crate::render",
        "crate::session",
        "crate::figure",
        "crate::layers",
        "crate::placement",
    ];
    let importers = containing(&model, &above);
    assert!(
        importers.is_empty(),
        "model files that import above the model: {importers:?}"
    );
}
