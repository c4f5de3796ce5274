//! The UI state that outlives a session: kept apart from runtime caches, saved whole.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::render::layers::LayerId;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    /// Layers switched off in the legend (all are on unless listed).
    pub hidden_layers: BTreeMap<String, bool>,
    pub show_excerpts: bool,
    pub show_reader: bool,
    pub show_help: bool,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            hidden_layers: BTreeMap::new(),
            show_excerpts: true,
            show_reader: false,
            show_help: false,
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
    }
}

impl UiState {
    pub fn is_visible(&self, key: &str) -> bool {
        !self.hidden_layers.get(key).copied().unwrap_or(false)
    }

    pub fn toggle(&mut self, key: String) {
        let hidden = !self.is_visible(&key);
        if hidden {
            self.hidden_layers.remove(&key);
        } else {
            self.hidden_layers.insert(key, true);
        }
    }
}
