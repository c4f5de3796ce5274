//! The settings that outlive a launch: kept apart from runtime caches and saved whole
//! through eframe's storage. Reading it never fails: what cannot be read becomes a default.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::date::Date;

/// The key under which the state is saved.
pub const STORAGE_KEY: &str = "alliance-map/ui-state";
/// Bumped when the saved shape changes in a way `serde(default)` cannot absorb.
pub const STATE_VERSION: u32 = 1;
/// How many recently opened files are remembered.
pub const MAX_RECENT_FILES: usize = 10;
/// The window sizes, in points, a saved size is brought within.
pub const MIN_WINDOW_SIZE: [f32; 2] = [640.0, 400.0];
pub const MAX_WINDOW_SIZE: f32 = 16_384.0;
/// The map zooms walkers accepts.
const MAP_ZOOM_RANGE: std::ops::RangeInclusive<f64> = 0.0..=26.0;
/// Web Mercator's edge: a saved centre beyond it is no place on the map.
const MAX_LATITUDE: f64 = 85.05;
/// More hidden layers than this, or longer names, are not from this app.
const MAX_HIDDEN_LAYERS: usize = 1_000;
const MAX_NAME_CHARS: usize = 200;
const MAX_PATH_BYTES: usize = 4_096;

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

/// How fast the timeline plays, in months of the map per second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlaybackSpeed {
    Slow,
    #[default]
    Medium,
    Fast,
}

impl PlaybackSpeed {
    pub const ALL: [PlaybackSpeed; 3] = [
        PlaybackSpeed::Slow,
        PlaybackSpeed::Medium,
        PlaybackSpeed::Fast,
    ];

    pub fn months_per_second(self) -> f64 {
        match self {
            PlaybackSpeed::Slow => 1.0,
            PlaybackSpeed::Medium => 4.0,
            PlaybackSpeed::Fast => 12.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PlaybackSpeed::Slow => "1 month a second",
            PlaybackSpeed::Medium => "4 months a second",
            PlaybackSpeed::Fast => "1 year a second",
        }
    }

    /// The label in the top bar, where room is short.
    pub fn short_label(self) -> &'static str {
        match self {
            PlaybackSpeed::Slow => "1 mo/s",
            PlaybackSpeed::Medium => "4 mo/s",
            PlaybackSpeed::Fast => "1 yr/s",
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
    /// checked before the window is made (see [`super::eframe_file::prepare_saved_file`]).
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

    #[test]
    fn hidden_layers_saved_by_the_first_version_are_kept() {
        let (state, warning) =
            UiState::from_saved(Some(r#"{"version": 1, "hidden_layers": {"labels": true}}"#));
        assert!(warning.is_none());
        assert!(!state.is_visible("labels"));
        assert!(state.is_visible("tensions"));
    }
}
