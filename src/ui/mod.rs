//! The panels and windows around the map. They read state and emit [`Action`]s; the App
//! applies those once the frame is drawn.

pub mod actions;
pub mod details;
pub mod excerpts;
pub mod help;
pub mod legend;
pub mod reader;
pub mod state;
pub mod status_bar;
pub mod text;

pub use actions::{Action, Selection};
pub use state::UiState;

use crate::model::World;
use crate::model::date::Date;
use crate::model::scenario::Scenario;
use crate::render::layers::MapLayers;
use crate::render::style::Palette;

/// What every panel reads, borrowed from the App for one frame.
pub struct PanelContext<'a> {
    pub world: &'a World,
    pub scenario: &'a Scenario,
    pub layers: &'a MapLayers,
    pub selection: &'a Selection,
    pub state: &'a UiState,
    pub date: Date,
    pub palette: Palette,
}
