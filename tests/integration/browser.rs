use std::sync::Mutex;
use std::sync::mpsc::Sender;

use alliance_map::app::{BrowserFiles, GivenFile};
use alliance_map::session::{Action, SaveTarget};

use crate::ui::{ui_harness, wait_until_loaded};

/// An overlay of one point at Yerevan, as a browser's picker would hand it over.
const PICKED_OVERLAY: &[u8] = br#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"name": "Yerevan"},
   "geometry": {"type": "Point", "coordinates": [44.51, 40.18]}}]}"#;

fn pick_an_overlay(sender: Sender<GivenFile>, _: egui::Context) {
    let file = GivenFile {
        name: "picked.geojson".into(),
        bytes: PICKED_OVERLAY.to_vec(),
    };
    assert!(sender.send(file).is_ok(), "the app stopped listening");
}

/// What `keep_download` was given: the names and the bytes.
static DOWNLOADED: Mutex<Vec<(String, Vec<u8>)>> = Mutex::new(Vec::new());

fn keep_download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let mut downloaded = DOWNLOADED.lock().map_err(|_| "poisoned".to_string())?;
    downloaded.push((name.to_string(), bytes.to_vec()));
    Ok(())
}

#[test]
fn in_a_browser_open_takes_the_picked_file_and_export_downloads_a_png() {
    let mut harness = ui_harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().use_browser_files(BrowserFiles {
        pick: pick_an_overlay,
        download: keep_download,
    });

    harness.state_mut().apply(Action::ShowOpenDialog, &ctx);
    wait_until_loaded(&mut harness);
    let app = harness.state();
    assert_eq!(
        app.file_browser_folder(),
        None,
        "no in-app browser of folders"
    );
    let names: Vec<String> = app
        .overlays()
        .iter()
        .map(|entry| entry.overlay.path.display().to_string())
        .collect();
    assert_eq!(names, ["picked.geojson"]);

    harness
        .state_mut()
        .apply(Action::AskSavePath(SaveTarget::Figure), &ctx);
    harness.run();
    let downloaded = DOWNLOADED.lock().map(|d| d.clone()).unwrap_or_default();
    let [(name, bytes)] = &downloaded[..] else {
        panic!("one download, not {}", downloaded.len())
    };
    assert!(name.ends_with(".png"), "{name}");
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    assert_eq!(harness.state().file_browser_folder(), None);
}
