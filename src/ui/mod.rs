//! The panels and windows around the map. They read state and emit [`Action`]s; the App
//! applies those once the frame is drawn.

pub mod details;
pub mod dialogs;
pub mod editor;
pub mod excerpts;
pub mod file_dialog;
pub mod help;
pub mod keyboard;
pub mod legend;
pub mod loading;
pub mod marked_text;
pub mod messages;
pub mod playback;
#[cfg(not(target_arch = "wasm32"))]
pub mod portal;
pub mod reader;
pub mod reader_index;
pub mod status_bar;
pub mod story;
pub mod top_bar;

use crate::layers::MapLayers;
use crate::model::World;
use crate::model::date::Date;
use crate::model::drafting::DraftNotes;
use crate::model::scenario::Scenario;
use crate::render::style::Palette;
use crate::session::{OpenedArticle, OverlayEntry, Selection, UiState};

/// What every panel reads, borrowed from the App for one frame.
pub struct PanelContext<'a> {
    pub world: &'a World,
    pub scenario: &'a Scenario,
    pub layers: &'a MapLayers,
    pub overlays: &'a [OverlayEntry],
    pub opened_article: Option<&'a OpenedArticle>,
    /// What drafting found, when the scenario was drafted from an article.
    pub draft: Option<&'a DraftNotes>,
    pub selection: &'a Selection,
    pub state: &'a UiState,
    pub date: Date,
    /// Today by the app's clock: the date slider's last day.
    pub today: Date,
    /// Dates on which memberships changed, with what changed.
    pub changes: &'a [(Date, String)],
    pub territories: &'a crate::model::territory::Territories,
    pub reader_find: &'a reader::ReaderFind,
    /// The reader's marks by paragraph, found once per change.
    pub reader_index: &'a reader_index::ReaderIndex,
    /// The online basemap is on but no tile could be loaded.
    pub tiles_failed: bool,
    /// A presentation is under way: the side panels give the map their room.
    pub presenting: bool,
    /// The timeline is playing.
    pub playing: bool,
    pub palette: Palette,
    /// The scenario being edited, when the editor is on.
    pub editor: Option<editor::EditorView<'a>>,
}
