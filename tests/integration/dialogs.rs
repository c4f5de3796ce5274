use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alliance_map::App;
use alliance_map::ui::UiState;
use alliance_map::ui::dialogs::{FileRequest, NativeAnswer, NativeDialogs};
use alliance_map::ui::state::STORAGE_KEY;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::fixtures::{temp_dir, write};
use crate::ui::{MemoryStorage, shared};

/// A desktop without a file dialog, as on a bare X server: every request is handed back.
struct NoPortal;

impl NativeDialogs for NoPortal {
    fn ask(&self, _: &FileRequest, _: Option<&Path>) -> NativeAnswer {
        NativeAnswer::Unavailable("no portal in the tests".into())
    }
}

/// The app as it starts with `state` saved and no desktop file dialog.
fn harness_with(state: UiState) -> Harness<'static, App> {
    let (world, scenario) = shared();
    let mut storage = MemoryStorage::default();
    eframe::Storage::set_string(&mut storage, STORAGE_KEY, state.to_json());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(200)
        .build_eframe(move |_| {
            let mut app = App::with_storage(world, scenario, Some(&storage));
            app.use_native_dialogs(Arc::new(NoPortal));
            app
        });
    harness.run();
    harness
}

/// File > Open…, then frames until the in-app browser has taken the request the desktop
/// could not answer; the folder it lists.
fn open_file_browser(harness: &mut Harness<'static, App>) -> PathBuf {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open…").click();
    harness.run();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if let Some(folder) = harness.state().file_browser_folder() {
            let folder = folder.to_path_buf();
            harness.run();
            return folder;
        }
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    panic!("the in-app browser opened within 10 s of the desktop failing to");
}

/// The app with `folder` as the last used, and its in-app browser open.
fn browser_in(folder: &Path) -> Harness<'static, App> {
    let mut harness = harness_with(UiState {
        last_folder: Some(folder.to_path_buf()),
        ..UiState::default()
    });
    assert_eq!(open_file_browser(&mut harness), folder);
    harness
}

fn folder_of_files() -> tempfile::TempDir {
    let folder = temp_dir();
    for name in [
        "scenario.json",
        "overlay.geojson",
        "article.txt",
        "Makefile",
    ] {
        write(&folder.path().join(name), "not much");
    }
    write(&folder.path().join("deeper/other.json"), "{}");
    folder
}

#[test]
fn without_a_portal_file_open_falls_back_to_the_browser_in_the_last_used_folder() {
    let folder = folder_of_files();
    let harness = browser_in(folder.path());
    for shown in ["deeper/", "scenario.json", "overlay.geojson", "article.txt"] {
        harness.get_by_label(shown);
    }
    assert!(harness.query_by_label("Makefile").is_none());
}

#[test]
fn the_browser_filters_by_kind_of_file() {
    let folder = folder_of_files();
    let mut harness = browser_in(folder.path());
    harness
        .get_by_role_and_label(Role::ComboBox, "Show")
        .click();
    harness.run();
    harness.get_by_label("Scenarios (.json)").click();
    harness.run();
    harness.get_by_label("scenario.json");
    assert!(harness.query_by_label("overlay.geojson").is_none());
    assert!(harness.query_by_label("article.txt").is_none());

    harness
        .get_by_role_and_label(Role::ComboBox, "Show")
        .click();
    harness.run();
    harness.get_by_label("All files").click();
    harness.run();
    harness.get_by_label("Makefile");
}

#[test]
fn a_file_chosen_in_the_browser_opens_and_its_folder_is_where_the_next_one_starts() {
    let folder = folder_of_files();
    let mut harness = browser_in(folder.path());
    harness.get_by_label("deeper/").click();
    harness.run();
    harness.get_by_label("other.json").click();
    harness.run();
    harness.get_by_label("Open").click();
    harness.run();
    assert!(harness.state().file_browser_folder().is_none());
    let deeper = folder.path().join("deeper");
    assert_eq!(
        harness.state().state().last_folder.as_deref(),
        Some(&*deeper)
    );
    // `{}` is no scenario: the file was opened, and refused with a message naming it.
    let started = Instant::now();
    while harness.state().is_loading() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run();
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|message| message.text.contains("other.json")),
        "{:?}",
        harness.state().messages()
    );
    assert_eq!(open_file_browser(&mut harness), deeper);
    harness.get_by_label("Recent folders").click();
    harness.run();
    // The folder shown above the listing, and the same folder in the recent ones.
    let named = deeper.display().to_string();
    assert_eq!(harness.query_all_by_label(&named).count(), 2);
}
