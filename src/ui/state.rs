//! The UI state that outlives a session: kept apart from runtime caches and saved whole
//! through eframe's storage. Reading it never fails: what cannot be read becomes a default.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::layers::LayerId;
use crate::model::date::Date;

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
    #[serde(deserialize_with = "hidden_layers_from_list_or_map")]
    pub hidden_layers: BTreeSet<String>,
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
            hidden_layers: BTreeSet::new(),
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
    fn hidden_layers_saved_by_the_first_version_are_kept() {
        let (state, warning) =
            UiState::from_saved(Some(r#"{"version": 1, "hidden_layers": {"labels": true}}"#));
        assert!(warning.is_none());
        assert!(!state.is_visible("labels"));
        assert!(state.is_visible("tensions"));
    }
}
