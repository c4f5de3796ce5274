//! The autosaved draft: everything needed to bring an edit back after a crash, in one JSON
//! file of the app's data folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Document;
use crate::model::files::{self, ReadError, WriteError, write_replacing};
use crate::model::scenario::{Excerpt, ScenarioData};

pub const DRAFT_FORMAT: &str = "alliance-map/draft";
pub const DRAFT_VERSION: u32 = 1;
/// The draft's file name in the app's data folder.
pub const DRAFT_FILE: &str = "draft.json";

/// The draft as written: the document, its article's text (a drafted or bundled article may
/// exist nowhere else), where it came from and where it was last saved.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub format: String,
    pub version: u32,
    /// The file the scenario was opened from (the bundled scenario's path for a copy of it).
    pub source: PathBuf,
    pub origin: Origin,
    /// The file it was last saved to, if it ever was.
    pub saved_to: Option<PathBuf>,
    pub scenario: ScenarioData,
    pub proposals: Vec<Excerpt>,
    pub article_text: String,
}

/// Where an edited scenario came from, which says whether saving may replace its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A scenario file: File > Save replaces it (after asking).
    File,
    /// A copy of the scenario bundled with the app, never saved over.
    Bundled,
    /// Drafted from an article: it has no file of its own yet.
    Drafted,
}

impl Draft {
    pub fn document(&self) -> Document {
        Document {
            data: self.scenario.clone(),
            proposals: self.proposals.clone(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{file}: not a draft this app can restore: {message}")]
    Unreadable { file: PathBuf, message: String },
}

/// Where the draft lies in `folder`.
pub fn draft_path(folder: &Path) -> PathBuf {
    folder.join(DRAFT_FILE)
}

/// The draft as bytes to write.
pub fn draft_bytes(draft: &Draft) -> Vec<u8> {
    // Serialising plain data with string keys cannot fail; an empty draft would be refused
    // on reading, never restored half.
    serde_json::to_vec(draft).unwrap_or_default()
}

/// Writes the draft into `folder` (made if missing) through a temporary file.
pub fn write_draft(folder: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    std::fs::create_dir_all(folder).map_err(|source| WriteError::Io {
        file: folder.to_path_buf(),
        source,
    })?;
    write_replacing(&draft_path(folder), bytes, &[])
}

/// The draft in `folder`, `Ok(None)` when there is none.
pub fn read_draft(folder: &Path) -> Result<Option<Draft>, DraftError> {
    let path = draft_path(folder);
    if !path.exists() {
        return Ok(None);
    }
    let text = files::read_text(&path)?;
    let draft: Draft = serde_json::from_str(&text).map_err(|error| DraftError::Unreadable {
        file: path.clone(),
        message: error.to_string(),
    })?;
    // The article comes in through the draft as it would through a file or a paste, under
    // the same limit: a 20 MB paragraph once made the reader grow past 4.5 GB.
    files::check_article_size(&path, &draft.article_text)?;
    if draft.format != DRAFT_FORMAT || draft.version != DRAFT_VERSION {
        return Err(DraftError::Unreadable {
            file: path,
            message: format!(
                "format '{}' version {}, expected '{DRAFT_FORMAT}' version {DRAFT_VERSION}",
                draft.format, draft.version
            ),
        });
    }
    Ok(Some(draft))
}

/// Removes the draft from `folder` once it is saved or given up; no draft is no error.
pub fn remove_draft(folder: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(draft_path(folder)) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// Moves a draft that cannot be restored aside (`draft.json.unreadable`, then `.2`, ...), so
/// it is not offered at every start yet stays for whoever wants to look at it.
pub fn set_aside(folder: &Path) -> std::io::Result<PathBuf> {
    files::move_aside(&draft_path(folder), "unreadable")
}
