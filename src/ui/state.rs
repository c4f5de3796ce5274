//! The UI state that outlives a session: kept apart from runtime caches and saved whole
//! through eframe's storage. Reading it never fails: what cannot be read becomes a default.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::date::Date;
use crate::render::layers::LayerId;

/// The key under which the state is saved.
pub const STORAGE_KEY: &str = "alliance-map/ui-state";
/// Bumped when the saved shape changes in a way `serde(default)` cannot absorb.
pub const STATE_VERSION: u32 = 1;
/// How many recently opened files are remembered.
pub const MAX_RECENT_FILES: usize = 10;

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
    pub hidden_layers: BTreeMap<String, bool>,
    pub date: DateChoice,
    pub theme: ThemeChoice,
    pub show_excerpts: bool,
    pub show_reader: bool,
    pub show_help: bool,
    pub view: Option<SavedView>,
    pub recent_files: Vec<PathBuf>,
    /// OpenStreetMap tiles under the countries; off unless the reader turns them on.
    pub online_tiles: bool,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            version: STATE_VERSION,
            hidden_layers: BTreeMap::new(),
            date: DateChoice::Article,
            theme: ThemeChoice::System,
            show_excerpts: true,
            show_reader: false,
            show_help: false,
            view: None,
            recent_files: Vec::new(),
            online_tiles: false,
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
        (LayerId::Tensions, _) => "tensions".into(),
        (LayerId::Labels, _) => "labels".into(),
        (LayerId::Overlay(index), _) => format!("overlay#{index}"),
    }
}

impl UiState {
    pub fn is_visible(&self, key: &str) -> bool {
        !self.hidden_layers.get(key).copied().unwrap_or(false)
    }

    pub fn toggle(&mut self, key: String) {
        if self.is_visible(&key) {
            self.hidden_layers.insert(key, true);
        } else {
            self.hidden_layers.remove(&key);
        }
    }

    /// Puts a file at the front of the recent list.
    pub fn remember_file(&mut self, path: PathBuf) {
        self.recent_files.retain(|known| *known != path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT_FILES);
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads saved state; anything unreadable or from another version gives the defaults and
    /// says why.
    pub fn from_saved(text: Option<&str>) -> (UiState, Option<String>) {
        let Some(text) = text else {
            return (UiState::default(), None);
        };
        match serde_json::from_str::<UiState>(text) {
            Ok(state) if state.version == STATE_VERSION => (state, None),
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
}
