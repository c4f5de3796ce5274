use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alliance_map::App;
use alliance_map::model::edit::save::save_scenario;
use alliance_map::session::UiState;
use alliance_map::session::settings::STORAGE_KEY;
use alliance_map::ui::dialogs::REPLACE_LABEL;
use alliance_map::ui::dialogs::{FileRequest, NativeAnswer, NativeDialogs};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::editing_ui::save_as_typed;
use crate::fixtures::{temp_dir, write};
use crate::ui::{MemoryStorage, shared, wait_until_loaded};

/// A desktop without a file dialog, as on a bare X server: every request is handed back.
struct NoPortal;

impl NativeDialogs for NoPortal {
    fn ask(&self, _: &FileRequest, _: Option<&Path>) -> NativeAnswer {
        NativeAnswer::Unavailable("no portal in the tests".into())
    }
}

/// A desktop dialog that answers every request with one file, having asked itself whether to
/// replace it.
struct Choosing(PathBuf);

impl NativeDialogs for Choosing {
    fn ask(&self, _: &FileRequest, _: Option<&Path>) -> NativeAnswer {
        NativeAnswer::Chosen(vec![self.0.clone()])
    }
}

/// The app as it starts with `state` saved and no desktop file dialog.
fn harness_with(state: UiState) -> Harness<'static, App> {
    harness_with_dialogs(state, Arc::new(NoPortal))
}

fn harness_with_dialogs(state: UiState, dialogs: Arc<dyn NativeDialogs>) -> Harness<'static, App> {
    let (world, scenario) = shared();
    let mut storage = MemoryStorage::default();
    eframe::Storage::set_string(&mut storage, STORAGE_KEY, state.to_json());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(200)
        .build_eframe(move |_| {
            let mut app =
                App::with_storage(world, scenario, Some(&storage), crate::fixtures::TEST_CLOCK);
            app.use_native_dialogs(dialogs);
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
    wait_for_browser(harness)
}

/// Frames until the in-app browser has taken a request the desktop could not answer; the
/// folder it lists.
fn wait_for_browser(harness: &mut Harness<'static, App>) -> PathBuf {
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

/// Frames until `done` holds, for what a dialog's thread answers.
fn wait_until(harness: &mut Harness<'static, App>, done: impl Fn(&App) -> bool) {
    let started = Instant::now();
    while !done(harness.state()) && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn without_a_portal_save_as_proposes_the_scenarios_id_beside_its_file_and_lists_only_scenarios() {
    let folder = temp_dir();
    let (_, scenario) = shared();
    let copy = folder.path().join("copy.json");
    let copied = save_scenario(&copy, scenario.data(), scenario.article().text(), &[]);
    assert!(copied.is_ok(), "{copied:?}");
    write(&folder.path().join("notes.txt"), "not a scenario");
    let mut harness = harness_with(UiState::default());
    harness.state_mut().open_paths([copy]);
    wait_until_loaded(&mut harness);
    harness.state_mut().start_editing(Vec::new());
    harness.run();
    harness.get_by_label("Save as…").click();
    harness.run();
    assert_eq!(wait_for_browser(&mut harness), folder.path());
    let suggested = format!("{}.json", scenario.data().id);
    let name = harness
        .get_by_role_and_label(Role::TextInput, "File")
        .value();
    assert_eq!(name.as_deref(), Some(suggested.as_str()));
    harness.get_by_label("copy.json");
    assert!(harness.query_by_label("notes.txt").is_none());

    let target = folder.path().join(&suggested);
    save_as_typed(&mut harness, &target);
    assert!(target.exists(), "{:?}", harness.state().messages());
    assert!(!harness.state().has_unsaved_edits());
}

/// File > Save view… through the in-app browser, naming `path`.
fn save_view_as(harness: &mut Harness<'static, App>, path: &Path) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save view…").click();
    harness.run();
    wait_for_browser(harness);
    save_as_typed(harness, path);
}

#[test]
fn saving_a_view_over_an_existing_file_asks_first_as_saving_a_scenario_does() {
    let folder = temp_dir();
    let existing = folder.path().join("view.json");
    write(&existing, "keep me");
    let mut harness = harness_with(UiState::default());
    for replace in [false, true] {
        save_view_as(&mut harness, &existing);
        assert_eq!(
            harness.state().is_asking_to_replace(),
            Some(existing.as_path())
        );
        assert_eq!(read(&existing), "keep me");
        harness
            .get_by_label(if replace { REPLACE_LABEL } else { "Cancel" })
            .click();
        harness.run();
        assert!(harness.state().is_asking_to_replace().is_none());
    }
    assert!(
        read(&existing).contains("\"bbox\""),
        "replaced after the yes"
    );
}

#[test]
fn a_file_the_desktops_dialog_chose_is_not_asked_about_again() {
    let folder = temp_dir();
    let existing = folder.path().join("view.json");
    write(&existing, "keep me");
    let mut harness =
        harness_with_dialogs(UiState::default(), Arc::new(Choosing(existing.clone())));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save view…").click();
    harness.run();
    wait_until(&mut harness, |_| read(&existing) != "keep me");
    assert!(harness.state().is_asking_to_replace().is_none());
    assert!(
        read(&existing).contains("\"bbox\""),
        "{:?}",
        harness.state().messages()
    );
}
