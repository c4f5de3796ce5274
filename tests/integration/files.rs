use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use alliance_map::App;
use alliance_map::model::files::ReadError;
use alliance_map::model::open::{OpenError, OpenJob, Opened, open_file};
use alliance_map::session::Level;
use alliance_map::session::Selection;
use egui::DroppedFile;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::fixtures::{bad_input, every_bad_input, run_binary, sparse_file, temp_dir, write};
use crate::ui::{shared, ui_harness, wait_until_loaded};
use crate::world::world;

#[test]
fn every_bad_input_loads_with_warnings_or_is_refused_naming_the_file() {
    let files = every_bad_input();
    assert!(files.len() > 60, "{}", files.len());
    for path in files {
        let name = path.display().to_string();
        match open_file(&path, world(), &AtomicU64::new(0)) {
            Ok(Opened::Overlay(overlay)) => {
                assert!(
                    !overlay.features.is_empty() || !overlay.warnings.is_empty(),
                    "{name}"
                );
            }
            Ok(Opened::Article { text, .. }) => assert!(!text.contains('\r'), "{name}"),
            Ok(Opened::Scenario(_)) => panic!("{name} is no scenario"),
            Ok(Opened::View { .. }) => panic!("{name} is no view file"),
            Err(error) => {
                let message = error.to_string();
                assert!(message.starts_with(&name), "{name}: {message}");
            }
        }
    }
}

fn open(path: &str) -> Result<Opened, OpenError> {
    open_file(&bad_input(path), world(), &AtomicU64::new(0))
}

fn error_of(path: &str) -> String {
    match open(path) {
        Err(error) => error.to_string(),
        Ok(_) => panic!("{path} should be refused"),
    }
}

fn warnings_of(path: &str) -> Vec<String> {
    match open(path) {
        Ok(Opened::Overlay(overlay)) => overlay.warnings,
        Ok(_) => panic!("{path} is an overlay"),
        Err(error) => panic!("{path} should load: {error}"),
    }
}

#[test]
fn broken_json_is_refused_with_its_line_and_column() {
    assert!(
        error_of("geometry/truncated.geojson").contains("(line "),
        "{}",
        error_of("geometry/truncated.geojson")
    );
    assert!(error_of("geometry/nan-infinity.geojson").contains("not valid JSON"));
    assert!(error_of("geometry/nested-arrays-deep.geojson").contains("recursion limit exceeded"));
}

#[test]
fn unreadable_text_is_refused_precisely() {
    assert!(error_of("geometry/empty.geojson").ends_with("is empty"));
    assert!(error_of("text/empty.txt").ends_with("is empty"));
    assert!(
        error_of("geometry/invalid-utf8.geojson")
            .contains("is not UTF-8 text (invalid byte at offset")
    );
    assert!(
        error_of("text/binary.bin").contains("not a kind of file")
            || error_of("text/binary.bin").contains("not UTF-8")
    );
}

#[test]
fn tolerable_flaws_load_with_warnings() {
    assert!(
        warnings_of("geojsonhint-bad/polygon_winding_order.geojson")
            .iter()
            .any(|w| w.contains("winds the wrong way"))
    );
    assert!(
        warnings_of("geometry/null-geometry.geojson")
            .iter()
            .any(|w| w.contains("has no geometry"))
    );
    assert!(
        warnings_of("geometry/antimeridian-crossing-ring.geojson")
            .iter()
            .any(|w| w.contains("crosses the 180° line"))
    );
    let text = match open("text/crlf.txt") {
        Ok(Opened::Article { text, .. }) => text,
        Ok(_) => panic!("text/crlf.txt opened as something other than an article"),
        Err(error) => panic!("text/crlf.txt should open as an article: {error}"),
    };
    assert!(!text.contains('\r'));
}

#[test]
fn a_250_megabyte_file_is_refused_by_its_size_before_it_is_read() {
    let directory = temp_dir();
    let path = directory.path().join("huge.geojson");
    sparse_file(&path, 250_000_000);
    let job = OpenJob::start(
        path,
        Arc::clone(&shared().0),
        crate::fixtures::TEST_CLOCK.today(),
    );
    let result = loop {
        if let Some(result) = job.poll() {
            break result;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(job.bytes_read(), 0);
    assert!(matches!(
        result,
        Err(OpenError::Read(ReadError::TooLarge {
            size: 250_000_000,
            ..
        }))
    ));
}

#[test]
fn check_never_panics_over_the_whole_corpus() {
    let files = every_bad_input();
    let mut args = vec![std::ffi::OsStr::new("check")];
    args.extend(files.iter().map(|file| file.as_os_str()));
    let output = run_binary(args);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
    for file in &files {
        assert!(
            text.contains(&file.display().to_string()),
            "{} not reported",
            file.display()
        );
    }
}

/// A file dropped on the window, as the platform hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

pub fn drop_file(harness: &mut Harness<'_, App>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    wait_until_loaded(harness);
}

#[test]
fn dropping_each_bad_input_leaves_what_was_loaded_in_place() {
    let mut harness = ui_harness();
    let directory = temp_dir();
    let good = directory.path().join("good.geojson");
    let overlay = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"Minsk"},"geometry":{"type":"Point","coordinates":[27.567,53.9]}},
        {"type":"Feature","properties":{"name":"Minsk–Moscow"},"geometry":{"type":"LineString","coordinates":[[27.567,53.9],[37.617,55.756]]}}]}"#;
    write(&good, overlay);
    drop_file(&mut harness, &good);
    assert_eq!(harness.state().overlays().len(), 1);
    let mut title = harness.state().title();

    for path in every_bad_input() {
        let overlays_before = harness.state().overlays().len();
        let messages_before = harness.state().messages().len();
        drop_file(&mut harness, &path);
        let state = harness.state();
        // A readable article is drafted into a scenario of its own (issue 15): only that
        // changes the title.
        let drafted = state
            .messages()
            .get(messages_before)
            .is_some_and(|m| m.text.starts_with("Drafted a scenario from"));
        if drafted {
            title = state.title();
        } else {
            assert_eq!(state.title(), title, "{}", path.display());
        }
        assert_eq!(
            state.overlays()[0].overlay.features.len(),
            2,
            "{}",
            path.display()
        );
        assert!(state.overlays().len() >= overlays_before);
        let Some(message) = state.messages().get(messages_before) else {
            panic!("{} produced no message", path.display());
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert!(
            message.text.contains(&name),
            "{}: {}",
            path.display(),
            message.text
        );
        if message.level == Level::Error {
            assert_eq!(
                state.overlays().len(),
                overlays_before,
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn a_dropped_overlay_is_drawn_toggleable_removable_and_clickable() {
    let mut harness = ui_harness();
    let directory = temp_dir();
    let path = directory.path().join("capitals.geojson");
    let overlay = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"Almaty","note":"capital until 1997"},"geometry":{"type":"Point","coordinates":[76.946,43.238]}}]}"#;
    write(&path, overlay);
    drop_file(&mut harness, &path);
    let layer = alliance_map::layers::OverlayId(0);
    assert!(crate::ui::painted(&harness, layer) > 0);

    // Almaty, not Astana: a tension's marker stands on Astana and takes its clicks.
    let Some(almaty) = harness.state().screen_position_of(76.946, 43.238) else {
        panic!("drawn")
    };
    crate::ui::click_at(&mut harness, almaty);
    assert_eq!(
        harness.state().selection(),
        &Selection::OverlayFeature {
            overlay: alliance_map::layers::OverlayId(0),
            feature: 0
        }
    );
    assert!(harness.query_all_by_value("capital until 1997").count() >= 1);

    let label = format!(
        "{} (1)",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    harness.get_by_label(&label).click();
    harness.run();
    assert_eq!(crate::ui::painted(&harness, layer), 0);
    harness.get_by_label(&label).click();
    harness.run();
    harness.get_by_label("Remove").click();
    harness.run();
    assert!(harness.state().overlays().is_empty());
}

#[test]
fn opening_a_scenario_replaces_the_current_one_and_an_article_opens_its_draft_in_the_reader() {
    let mut harness = ui_harness();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/example-scenario.json");
    drop_file(&mut harness, &example);
    assert_eq!(
        harness.state().messages().last().map(|m| m.level),
        Some(Level::Info)
    );
    assert_eq!(harness.state().scenario().data().excerpts.len(), 2);
    assert!(harness.state().state().recent_files.contains(&example));

    let article = bad_input("text/crlf.txt");
    drop_file(&mut harness, &article);
    // "Line one about Moscow. Line two about Yerevan.": the first line is the title.
    let Some(draft) = harness.state().draft() else {
        panic!("no draft")
    };
    assert_eq!(
        draft.counts,
        [("ARM".to_string(), 1), ("RUS".to_string(), 1)]
    );
    assert_eq!(
        harness.state().scenario().meta().title,
        "Line one about Moscow."
    );
    assert!(harness.state().state().show_reader);
}
