//! The UI state that outlives a session: kept apart from runtime caches and saved whole
//! through eframe's storage. Reading it never fails: what cannot be read becomes a default.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::timeline::PlaybackSpeed;
use crate::layers::LayerId;
use crate::model::date::Date;

/// The key under which the state is saved.
pub const STORAGE_KEY: &str = "alliance-map/ui-state";
/// Bumped when the saved shape changes in a way `serde(default)` cannot absorb.
pub const STATE_VERSION: u32 = 1;
/// How many recently opened files are remembered.
pub const MAX_RECENT_FILES: usize = 10;
/// eframe's saved file is a few kilobytes; one larger than this is not ours to read.
pub const MAX_SAVED_BYTES: u64 = 1_000_000;
/// The window sizes, in points, a saved size is brought within.
pub const MIN_WINDOW_SIZE: [f32; 2] = [640.0, 400.0];
pub const MAX_WINDOW_SIZE: f32 = 16_384.0;
/// The egui zoom factors (interface scale) a saved one is brought within.
const ZOOM_FACTOR_RANGE: std::ops::RangeInclusive<f32> = 0.25..=5.0;
/// The map zooms walkers accepts.
const MAP_ZOOM_RANGE: std::ops::RangeInclusive<f64> = 0.0..=26.0;
/// Web Mercator's edge: a saved centre beyond it is no place on the map.
const MAX_LATITUDE: f64 = 85.05;
/// More hidden layers than this, or longer names, are not from this app.
const MAX_HIDDEN_LAYERS: usize = 1_000;
const MAX_NAME_CHARS: usize = 200;
const MAX_PATH_BYTES: usize = 4_096;
/// eframe's keys in its saved file: the window geometry (which this app keeps itself, see
/// [`prepare_saved_file`]) and egui's memory (the zoom factor among it).
const EFRAME_WINDOW_KEY: &str = "window";
const EFRAME_MEMORY_KEY: &str = "egui";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DateChoice {
    /// The date the article describes.
    #[default]
    Article,
    Today,
    Fixed(Date),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    #[default]
    System,
    Dark,
    Light,
}

impl ThemeChoice {
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::Light => egui::ThemePreference::Light,
        }
    }
}

/// Where the map was looking.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    pub version: u32,
    /// Layers switched off in the legend (all are on unless listed).
    #[serde(deserialize_with = "hidden_layers_from_list_or_map")]
    pub hidden_layers: BTreeSet<String>,
    pub date: DateChoice,
    pub theme: ThemeChoice,
    pub show_excerpts: bool,
    /// The layers and details panel on the right.
    pub show_details: bool,
    pub show_reader: bool,
    pub show_help: bool,
    pub view: Option<SavedView>,
    pub recent_files: Vec<PathBuf>,
    /// OpenStreetMap tiles under the countries; off unless the reader turns them on.
    pub online_tiles: bool,
    /// The window's inner size in points, kept here rather than by eframe so that it can be
    /// checked before the window is made (see [`prepare_saved_file`]).
    pub window_size: Option<[f32; 2]>,
    /// How fast the timeline plays.
    pub playback_speed: PlaybackSpeed,
    /// The folder a file was last chosen in, where the in-app file browser starts.
    pub last_folder: Option<PathBuf>,
    /// Where the scenario is published as a web page (`scripts/build-web`): the address
    /// "Copy link to this view" puts the view's fragment on.
    pub published_address: String,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            version: STATE_VERSION,
            hidden_layers: BTreeSet::new(),
            date: DateChoice::Article,
            theme: ThemeChoice::System,
            show_excerpts: true,
            show_details: true,
            show_reader: false,
            show_help: false,
            view: None,
            recent_files: Vec::new(),
            online_tiles: false,
            window_size: None,
            playback_speed: PlaybackSpeed::default(),
            last_folder: None,
            published_address: String::new(),
        }
    }
}

/// Layers are saved by a stable name, not by position, so another scenario's state cannot
/// switch the wrong layer.
pub fn layer_key(layer: LayerId, group_id: Option<&str>) -> String {
    match (layer, group_id) {
        (LayerId::Group(_), Some(id)) => format!("group:{id}"),
        (LayerId::Group(index), None) => format!("group#{index}"),
        (LayerId::Neighbours, _) => "neighbours".into(),
        (LayerId::Mentioned, _) => "mentioned".into(),
        (LayerId::Tensions, _) => "tensions".into(),
        (LayerId::Territories, _) => "territories".into(),
        (LayerId::Labels, _) => "labels".into(),
    }
}

impl UiState {
    pub fn is_visible(&self, key: &str) -> bool {
        !self.hidden_layers.contains(key)
    }

    pub fn toggle(&mut self, key: String) {
        if !self.hidden_layers.remove(&key) {
            self.hidden_layers.insert(key);
        }
    }

    /// Puts a file at the front of the recent list.
    pub fn remember_file(&mut self, path: PathBuf) {
        self.recent_files.retain(|known| *known != path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT_FILES);
    }

    /// Remembers the folder a file was chosen in.
    pub fn remember_folder(&mut self, chosen: &Path) {
        if let Some(folder) = chosen.parent().filter(|f| !f.as_os_str().is_empty()) {
            self.last_folder = Some(folder.to_path_buf());
        }
    }

    /// Folders to jump to in the file browser: the last used, then those of recent files,
    /// each once, those that still exist.
    pub fn recent_folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = Vec::new();
        let candidates = self.last_folder.iter().cloned().chain(
            self.recent_files
                .iter()
                .filter_map(|file| file.parent().map(Path::to_path_buf)),
        );
        for folder in candidates {
            if !folder.as_os_str().is_empty() && !folders.contains(&folder) && folder.is_dir() {
                folders.push(folder);
            }
        }
        folders
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads saved state; anything unreadable or from another version gives the defaults and
    /// says why, and values out of range are brought back within it (saying which).
    pub fn from_saved(text: Option<&str>) -> (UiState, Option<String>) {
        let Some(text) = text else {
            return (UiState::default(), None);
        };
        match serde_json::from_str::<UiState>(text) {
            Ok(state) if state.version == STATE_VERSION => {
                let (state, repaired) = state.sanitized();
                let notice = (!repaired.is_empty()).then(|| {
                    format!(
                        "Some saved settings were out of range and were reset: {}.",
                        repaired.join(", ")
                    )
                });
                (state, notice)
            }
            Ok(state) => (
                UiState::default(),
                Some(format!(
                    "The saved settings are from another version ({}); defaults are used.",
                    state.version
                )),
            ),
            Err(error) => (
                UiState::default(),
                Some(format!(
                    "The saved settings could not be read ({error}); defaults are used."
                )),
            ),
        }
    }
}

impl UiState {
    /// The state with every value within what the app can use, and what had to change. A
    /// saved file may have been edited or damaged: a centre of 1e300 or a zoom of NaN must not
    /// reach the map.
    pub fn sanitized(mut self) -> (UiState, Vec<&'static str>) {
        let mut repaired = Vec::new();
        if let Some(view) = self.view {
            let usable = view.lon.is_finite()
                && view.lat.is_finite()
                && view.zoom.is_finite()
                && view.lon.abs() <= 180.0
                && view.lat.abs() <= MAX_LATITUDE;
            if !usable {
                self.view = None;
                repaired.push("the map view");
            } else if !MAP_ZOOM_RANGE.contains(&view.zoom) {
                self.view = Some(SavedView {
                    zoom: view
                        .zoom
                        .clamp(*MAP_ZOOM_RANGE.start(), *MAP_ZOOM_RANGE.end()),
                    ..view
                });
                repaired.push("the map zoom");
            }
        }
        if let DateChoice::Fixed(date) = self.date
            && !(1..=9999).contains(&date.year())
        {
            self.date = DateChoice::Article;
            repaired.push("the date");
        }
        let recent = self.recent_files.len();
        self.recent_files
            .retain(|path| path.as_os_str().len() <= MAX_PATH_BYTES);
        self.recent_files.truncate(MAX_RECENT_FILES);
        if self.recent_files.len() != recent {
            repaired.push("the recent files");
        }
        if self
            .last_folder
            .as_ref()
            .is_some_and(|folder| folder.as_os_str().len() > MAX_PATH_BYTES)
        {
            self.last_folder = None;
            repaired.push("the last folder");
        }
        if self.published_address.len() > MAX_PATH_BYTES {
            self.published_address.clear();
            repaired.push("the published page's address");
        }
        let hidden = self.hidden_layers.len();
        self.hidden_layers = std::mem::take(&mut self.hidden_layers)
            .into_iter()
            .filter(|name| name.chars().count() <= MAX_NAME_CHARS)
            .take(MAX_HIDDEN_LAYERS)
            .collect();
        if self.hidden_layers.len() != hidden {
            repaired.push("the hidden layers");
        }
        if let Some(size) = self.window_size {
            let clamped = clamp_window_size(size);
            if clamped != Some(size) {
                self.window_size = clamped;
                repaired.push("the window size");
            }
        }
        (self, repaired)
    }
}

/// A window size brought within what a screen can show; `None` when it is no size at all.
pub fn clamp_window_size(size: [f32; 2]) -> Option<[f32; 2]> {
    if !size.iter().all(|v| v.is_finite() && *v > 0.0) {
        return None;
    }
    Some([
        size[0].clamp(MIN_WINDOW_SIZE[0], MAX_WINDOW_SIZE),
        size[1].clamp(MIN_WINDOW_SIZE[1], MAX_WINDOW_SIZE),
    ])
}

/// What [`prepare_saved_file`] found in eframe's saved file.
#[derive(Debug, Default, PartialEq)]
pub struct SavedFile {
    /// What was wrong and what was done, for the reader.
    pub notices: Vec<String>,
    /// The window size this app saved, checked.
    pub window_size: Option<[f32; 2]>,
}

/// Checks and repairs eframe's saved file (`app.ron`) before eframe reads it, because eframe
/// trusts it: a zoom factor of 0, NaN or 1e30, or a window size that is NaN, negative or 1e30,
/// panicked at start on every launch until the file was deleted.
///
/// - A file that is too large, not UTF-8 or not a RON map is moved aside (`app.ron.corrupt`)
///   so that eframe starts from defaults, and the reader is told.
/// - eframe's own window geometry is dropped: the app keeps the window size itself
///   ([`UiState::window_size`]) and turns eframe's window persistence off.
/// - egui's memory with a number that is not finite is dropped; a zoom factor out of range
///   is brought back to 1.
///
/// The repaired file is written whole through a temporary file, as every file the app
/// writes. eframe writes the file itself when it saves; it truncates and rewrites it in
/// place, and that is the one write this app does not control (a damaged result is repaired
/// here at the next start).
pub fn prepare_saved_file(path: &Path) -> SavedFile {
    let mut found = SavedFile::default();
    let Ok(metadata) = std::fs::metadata(path) else {
        return found;
    };
    let unreadable = |found: &mut SavedFile, why: String| {
        let moved = match crate::model::files::move_aside(path, "corrupt") {
            Ok(aside) => format!("it was kept as {}", aside.display()),
            Err(error) => match std::fs::remove_file(path) {
                Ok(()) => format!("it could not be kept ({error}) and was removed"),
                Err(_) => format!("it could not be moved ({error})"),
            },
        };
        found.notices.push(format!(
            "The saved settings ({}) could not be read ({why}); defaults are used, and {moved}.",
            path.display()
        ));
    };
    if !metadata.is_file() || metadata.len() > MAX_SAVED_BYTES {
        unreadable(
            &mut found,
            format!(
                "{} bytes, more than the {MAX_SAVED_BYTES} a settings file holds",
                metadata.len()
            ),
        );
        return found;
    }
    let text = match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            unreadable(&mut found, "not UTF-8 text".into());
            return found;
        }
        Err(error) => {
            unreadable(&mut found, error.to_string());
            return found;
        }
    };
    let mut entries: HashMap<String, String> = match ron::from_str(&text) {
        Ok(entries) => entries,
        Err(error) => {
            unreadable(&mut found, format!("not a settings file: {error}"));
            return found;
        }
    };
    let mut changed = entries.remove(EFRAME_WINDOW_KEY).is_some();
    if let Some(memory) = entries.get(EFRAME_MEMORY_KEY) {
        match repaired_memory(memory) {
            Ok(None) => {}
            Ok(Some((memory, notice))) => {
                entries.insert(EFRAME_MEMORY_KEY.into(), memory);
                found.notices.push(notice);
                changed = true;
            }
            Err(notice) => {
                entries.remove(EFRAME_MEMORY_KEY);
                found.notices.push(notice);
                changed = true;
            }
        }
    }
    if let Some(saved) = entries.get(STORAGE_KEY) {
        let (state, _) = UiState::from_saved(Some(saved));
        found.window_size = state.window_size;
    }
    if changed {
        let written = ron::to_string(&entries)
            .map_err(|error| error.to_string())
            .and_then(|text| {
                crate::model::files::write_replacing(path, text.as_bytes(), &[])
                    .map_err(|error| error.to_string())
            });
        if let Err(error) = written {
            found
                .notices
                .push(format!("The repaired settings could not be saved: {error}"));
        }
    }
    found
}

/// egui's saved memory with its zoom factor within range: `Ok(None)` when it is fine as it
/// is, the repaired memory and what was done, or why it has to go.
fn repaired_memory(text: &str) -> Result<Option<(String, String)>, String> {
    let dropped = |why: &str| {
        format!("The saved interface state {why}; it was reset (panels, windows and zoom).")
    };
    // NaN or an infinity anywhere (a window at NaN, a scroll offset of inf) is damage.
    let not_finite = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|token| token == "NaN" || token == "inf");
    if not_finite {
        return Err(dropped("held a number that is not finite"));
    }
    let mut memory: egui::Memory = ron::from_str(text).map_err(|_| dropped("could not be read"))?;
    let zoom = memory.options.zoom_factor;
    if ZOOM_FACTOR_RANGE.contains(&zoom) {
        return Ok(None);
    }
    memory.options.zoom_factor = 1.0;
    let repaired = ron::to_string(&memory).map_err(|_| dropped("could not be repaired"))?;
    Ok(Some((
        repaired,
        format!("The saved interface zoom {zoom} was out of range; it was reset to 100%."),
    )))
}

/// Reads the hidden layers as a list, or as the map of names to `true` that the first
/// version saved, so that settings saved by it are kept.
fn hidden_layers_from_list_or_map<'de, D>(deserializer: D) -> Result<BTreeSet<String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum ListOrMap {
        List(BTreeSet<String>),
        Map(BTreeMap<String, bool>),
    }
    Ok(match ListOrMap::deserialize(deserializer)? {
        ListOrMap::List(names) => names,
        ListOrMap::Map(map) => map
            .into_iter()
            .filter_map(|(name, hidden)| hidden.then_some(name))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_or_outdated_settings_give_defaults_and_a_warning() {
        let (state, warning) = UiState::from_saved(Some("{not json"));
        assert_eq!(state, UiState::default());
        assert!(warning.is_some());
        let (state, warning) = UiState::from_saved(Some(r#"{"version": 0}"#));
        assert_eq!(state, UiState::default());
        assert!(warning.is_some_and(|w| w.contains("another version")));
        let (_, warning) = UiState::from_saved(None);
        assert!(warning.is_none());
    }

    #[test]
    fn saved_settings_round_trip() {
        let mut state = UiState::default();
        state.toggle("labels".into());
        state.theme = ThemeChoice::Light;
        state.remember_file(PathBuf::from("a.geojson"));
        let (restored, warning) = UiState::from_saved(Some(&state.to_json()));
        assert_eq!(restored, state);
        assert!(warning.is_none());
    }

    #[test]
    fn restored_values_out_of_range_are_clamped_and_named() {
        let saved = r#"{"version": 1, "date": {"Fixed": "0000-01-01"},
            "view": {"lon": 1e300, "lat": 0.0, "zoom": 3.0},
            "window_size": [-5.0, 1e30]}"#;
        let (state, notice) = UiState::from_saved(Some(saved));
        assert_eq!(state.view, None);
        assert_eq!(state.date, DateChoice::Article);
        assert_eq!(state.window_size, None);
        let notice = notice.unwrap_or_default();
        assert!(
            notice.contains("the map view") && notice.contains("the date"),
            "{notice}"
        );
        let (state, _) = UiState::from_saved(Some(
            r#"{"version": 1, "view": {"lon": 10.0, "lat": 50.0, "zoom": 400.0}, "window_size": [100.0, 1e30]}"#,
        ));
        assert_eq!(state.view.map(|v| v.zoom), Some(26.0));
        assert_eq!(state.window_size, Some([640.0, MAX_WINDOW_SIZE]));
        let (state, notice) =
            UiState::from_saved(Some(r#"{"version": 1, "date": {"Fixed": "99999-01-01"}}"#));
        assert_eq!(state, UiState::default());
        assert!(notice.is_some());
    }

    fn saved_file(contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let path = dir.path().join("app.ron");
        assert!(std::fs::write(&path, contents).is_ok());
        (dir, path)
    }

    fn memory_with_zoom(zoom: f32) -> String {
        let mut memory = egui::Memory::default();
        memory.options.zoom_factor = zoom;
        ron::to_string(&memory).unwrap_or_default()
    }

    fn eframe_file(entries: &[(&str, String)]) -> Vec<u8> {
        let map: HashMap<String, String> = entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        ron::to_string(&map).unwrap_or_default().into_bytes()
    }

    fn read_back(path: &Path) -> HashMap<String, String> {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        ron::from_str(&text).unwrap_or_default()
    }

    #[test]
    fn a_saved_zoom_factor_of_zero_nan_or_1e30_is_reset_before_eframe_reads_it() {
        for zoom in [0.0, f32::NAN, 1e30, -2.0] {
            let (_dir, path) = saved_file(&eframe_file(&[("egui", memory_with_zoom(zoom))]));
            let found = prepare_saved_file(&path);
            assert_eq!(found.notices.len(), 1, "{zoom}: {:?}", found.notices);
            let entries = read_back(&path);
            if let Some(memory) = entries.get("egui") {
                let memory: Option<egui::Memory> = ron::from_str(memory).ok();
                assert_eq!(memory.map(|m| m.options.zoom_factor), Some(1.0));
            }
        }
        let (_dir, path) = saved_file(&eframe_file(&[("egui", memory_with_zoom(1.5))]));
        assert_eq!(prepare_saved_file(&path), SavedFile::default());
    }

    #[test]
    fn eframes_own_window_geometry_is_dropped_and_ours_is_clamped() {
        let ours = r#"{"version": 1, "window_size": [NaN, 800.0]}"#.replace("NaN", "1e30");
        let window = "(inner_size_points: Some((x: NaN, y: -5.0)))".to_string();
        let (_dir, path) = saved_file(&eframe_file(&[("window", window), (STORAGE_KEY, ours)]));
        let found = prepare_saved_file(&path);
        assert_eq!(found.window_size, Some([MAX_WINDOW_SIZE, 800.0]));
        assert!(!read_back(&path).contains_key("window"));
        assert!(read_back(&path).contains_key(STORAGE_KEY));
    }

    #[test]
    fn a_junk_or_huge_saved_file_is_moved_aside_with_a_notice() {
        for junk in [
            b"\x00\xff garbage".to_vec(),
            b"not ron at all {".to_vec(),
            vec![b'x'; 50_000_000],
        ] {
            let (dir, path) = saved_file(&junk);
            let started = std::time::Instant::now();
            let found = prepare_saved_file(&path);
            // A hang guard for a loaded machine, not a speed claim: speed is measured in benches/.
            assert!(started.elapsed().as_secs() < 60);
            assert_eq!(found.notices.len(), 1);
            assert!(
                found.notices[0].contains("defaults are used"),
                "{:?}",
                found.notices
            );
            assert!(!path.exists());
            assert!(dir.path().join("app.ron.corrupt").exists());
        }
    }

    #[test]
    fn hidden_layers_saved_by_the_first_version_are_kept() {
        let (state, warning) =
            UiState::from_saved(Some(r#"{"version": 1, "hidden_layers": {"labels": true}}"#));
        assert!(warning.is_none());
        assert!(!state.is_visible("labels"));
        assert!(state.is_visible("tensions"));
    }
}
