//! The panels and windows around the map. They read state and emit [`Action`]s; the App
//! applies those once the frame is drawn.

pub mod actions;
pub mod details;
pub mod dialogs;
pub mod editor;
pub mod excerpts;
pub mod file_dialog;
pub mod help;
pub mod keyboard;
pub mod legend;
pub mod loading;
pub mod messages;
#[cfg(not(target_arch = "wasm32"))]
pub mod portal;
pub mod reader;
pub mod reader_index;
pub mod state;
pub mod status_bar;
pub mod story;
pub mod text;
pub mod timeline;
pub mod top_bar;

use std::path::{Path, PathBuf};

pub use actions::{Action, SaveTarget, Selection};
pub use state::UiState;

use crate::layers::MapLayers;
use crate::model::World;
use crate::model::date::Date;
use crate::model::drafting::DraftNotes;
use crate::model::overlay::Overlay;
use crate::model::scenario::Scenario;
use crate::render::style::Palette;

/// A GeoJSON overlay the reader opened, and whether it is shown.
pub struct OverlayEntry {
    pub overlay: Overlay,
    pub visible: bool,
    /// Given when the overlay is opened, so removing another one does not recolour it.
    pub color_index: usize,
}

/// An article opened from a file, shown in the reader.
pub struct OpenedArticle {
    pub path: PathBuf,
    pub text: String,
}

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

/// A written file for messages: its name and the folder it went to, so the reader can find it.
pub fn file_and_folder(path: &Path) -> String {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => std::env::current_dir().unwrap_or_default(),
    };
    let folder = folder.canonicalize().unwrap_or(folder);
    format!("{} in {}", file_name(path), folder.display())
}

/// A file's name for messages, or its whole path when it has none.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
