//! What the reader is doing with the app, below the panels and above the model: the actions a
//! panel or the map asks for, what is selected, the settings saved between launches, the
//! layers' names and keys, the files opened and the messages shown. The panels (`ui/`), the map
//! component (`map/`), figures (`figure/`) and the command line all read these; none of them
//! imports another's widgets.

pub mod actions;
pub mod eframe_file;
pub mod layer_names;
pub mod messages;
pub mod playing;
pub mod presentation;
pub mod settings;

use std::path::{Path, PathBuf};

pub use actions::{Action, EditAction, FilePurpose, SaveTarget, Selection};
pub use eframe_file::prepare_saved_file;
pub use layer_names::{layer_key, layer_label, layer_state_key};
pub use messages::{Level, Message};
pub use playing::{ChangeNotes, Playback};
pub use presentation::{Before, Presentation};
pub use settings::{DateChoice, PlaybackSpeed, SavedView, ThemeChoice, UiState};

use crate::model::overlay::Overlay;
use crate::model::scenario::{Actor, Party, TensionKind};

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

/// A tension being made: its kind and the parties clicked so far. It becomes an edit only
/// when finished, so an unfinished one never reaches the document or its checks.
#[derive(Clone, Debug, PartialEq)]
pub struct TensionDraft {
    /// The id of the excerpt that states it.
    pub excerpt: String,
    pub kind: TensionKind,
    pub parties: Vec<Party>,
    /// Actors placed on the map for this tension, added with it.
    pub new_actors: Vec<Actor>,
    pub actor_name: String,
    /// Whether the next click on the map places the actor named.
    pub placing_actor: bool,
}

impl TensionDraft {
    pub fn new(excerpt: String) -> Self {
        Self {
            excerpt,
            kind: TensionKind::ALL[0],
            parties: Vec::new(),
            new_actors: Vec::new(),
            actor_name: String::new(),
            placing_actor: false,
        }
    }
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
