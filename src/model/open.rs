//! Opening a file a reader gives us: recognise its kind (scenario, view file, GeoJSON
//! overlay, article), read and check it, on a worker thread so the window keeps drawing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use geojson::JsonValue;

use super::date::Date;
use super::drafting::{Draft, DraftError, DraftNotes, DraftOptions};
use super::files::{self, MAX_FILE_BYTES, ReadError};
use super::gazetteer::Gazetteer;
use super::job::Job;
use super::overlay::{Overlay, OverlayError, overlay_from_value};
use super::scenario::{Excerpt, FORMAT, Scenario, ScenarioError};
use super::view_file::{MAX_VIEW_FILE_BYTES, VIEW_FORMAT, ViewFile, ViewFileError};
use super::world::World;

/// What a file turned out to hold.
#[derive(Debug)]
pub enum Opened {
    Scenario(Box<Scenario>),
    Overlay(Overlay),
    Article {
        path: PathBuf,
        text: String,
    },
    /// A view file, with the scenario it names when that is not the bundled one.
    View {
        view: ViewFile,
        scenario: Option<Box<Scenario>>,
    },
}

/// What a file opened in the app became: an article is drafted into a scenario.
#[derive(Debug)]
pub enum Received {
    Opened(Opened),
    Draft(Box<OpenedDraft>),
    /// An article nothing could be drafted from (a title alone, say): shown in the reader,
    /// with the reason.
    Undrafted {
        path: PathBuf,
        text: String,
        reason: String,
    },
}

/// A scenario drafted from an article, with what the drafting found.
#[derive(Debug)]
pub struct OpenedDraft {
    /// The article's file.
    pub path: PathBuf,
    /// The draft as a checked scenario with its proposed tensions and the excerpts they cite,
    /// without the other proposed excerpts; its source is the article's path with `.json`.
    pub scenario: Scenario,
    /// The excerpts proposed, for the user to accept or drop.
    pub proposals: Vec<Excerpt>,
    pub notes: DraftNotes,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error(transparent)]
    Overlay(#[from] OverlayError),
    #[error(transparent)]
    View(#[from] ViewFileError),
    #[error("{file}: looks like binary data, not an article's text")]
    Binary { file: PathBuf },
    #[error(
        "{file}: not a kind of file alliance-map opens (a scenario .json, a GeoJSON .geojson or .json, an article .txt, .md or .html)"
    )]
    UnknownKind { file: PathBuf },
    #[error("{file}: reading stopped unexpectedly")]
    Interrupted { file: PathBuf },
    #[error(transparent)]
    Draft(#[from] DraftError),
    #[error("{file}: cannot be drafted: the bundled gazetteer could not be loaded: {reason}")]
    Gazetteer { file: PathBuf, reason: String },
}

/// Reads and checks one file, whatever its kind.
pub fn open_file(path: &Path, world: &World, progress: &AtomicU64) -> Result<Opened, OpenError> {
    // An article's limit counts the bytes on disk: normalising line endings must not let a
    // file with CRLF endings pass at twice the size.
    let limit = if is_article(path) {
        MAX_ARTICLE_BYTES as u64
    } else {
        MAX_FILE_BYTES
    };
    let text = files::read_text_reporting(path, limit, progress)?;
    open_text(path, text, world)
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn is_article(path: &Path) -> bool {
    matches!(
        extension(path).as_str(),
        "txt" | "md" | "markdown" | "html" | "htm"
    )
}

/// Drafts a scenario from an article's text. The scenario would be saved beside the article,
/// under its name with `.json`, and names the article by its file name (an HTML page by its
/// name with `.txt`: the text the draft keeps of it).
/// `today` is the date drafted for when the text states none.
///
/// # Examples
///
/// ```
/// use std::path::Path;
/// use alliance_map::World;
/// use alliance_map::model::date::Date;
/// use alliance_map::model::open::draft_article;
///
/// let world = World::load_bundled()?;
/// let text = "Border clashes\n\nAzerbaijan accused Armenia of shelling its positions near the border.\n";
/// let today = Date::new(2024, 6, 1).ok_or("a real date")?;
/// let draft = draft_article(Path::new("clashes.txt"), text, &world, today)?;
/// assert_eq!((draft.notes.count_for("ARM"), draft.notes.count_for("AZE")), (1, 1));
/// let tensions = &draft.scenario.data().tensions;
/// assert!(tensions.iter().all(|t| t.proposed.is_some()), "a draft only proposes");
/// assert!(!tensions.is_empty(), "an accusation between two parties is proposed as a tension");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn draft_article(
    path: &Path,
    text: &str,
    world: &World,
    today: Date,
) -> Result<OpenedDraft, OpenError> {
    let gazetteer = Gazetteer::bundled().map_err(|error| OpenError::Gazetteer {
        file: path.to_path_buf(),
        reason: error.to_string(),
    })?;
    let text_path = match extension(path).as_str() {
        "html" | "htm" => path.with_extension("txt"),
        _ => path.to_path_buf(),
    };
    let article_file = text_path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article.txt".into());
    let options = DraftOptions {
        as_of: None,
        today,
        language: None,
    };
    let mut draft = Draft::from_article(path, text, &article_file, gazetteer, world, options)?;
    // The excerpts a proposed tension cites stay in the scenario with it, so that the map
    // draws the proposal (in the proposed style) and its quote; the editor lists the rest to
    // accept or drop, and dropping the tension returns its excerpt among them.
    let (cited, proposals): (Vec<Excerpt>, Vec<Excerpt>) = std::mem::take(&mut draft.data.excerpts)
        .into_iter()
        .partition(|excerpt| {
            draft
                .data
                .tensions
                .iter()
                .any(|tension| tension.excerpts.contains(&excerpt.id))
        });
    draft.data.excerpts = cited;
    let scenario = draft.scenario(&path.with_extension("json"), world)?;
    Ok(OpenedDraft {
        path: path.to_path_buf(),
        scenario,
        proposals,
        notes: draft.notes,
    })
}

/// Classifies and checks text already read from `path`.
pub fn open_text(path: &Path, text: String, world: &World) -> Result<Opened, OpenError> {
    match extension(path).as_str() {
        "txt" | "md" | "markdown" | "html" | "htm" => open_article(path, text),
        "geojson" => {
            super::json::check_value_count(path, &text)?;
            Ok(Opened::Overlay(super::overlay::parse_overlay(path, &text)?))
        }
        "json" => open_json(path, &text, world),
        _ => match text.trim_start().chars().next() {
            Some('{') => open_json(path, &text, world),
            _ => Err(OpenError::UnknownKind {
                file: path.to_path_buf(),
            }),
        },
    }
}

pub use super::files::MAX_ARTICLE_BYTES;

fn open_article(path: &Path, text: String) -> Result<Opened, OpenError> {
    if text.contains('\0') {
        return Err(OpenError::Binary {
            file: path.to_path_buf(),
        });
    }
    super::files::check_article_size(path, &text)?;
    Ok(Opened::Article {
        path: path.to_path_buf(),
        text,
    })
}

/// A `.json` file is a scenario when it says so in `format`, GeoJSON otherwise.
fn open_json(path: &Path, text: &str, world: &World) -> Result<Opened, OpenError> {
    super::json::check_value_count(path, text)?;
    let value: JsonValue = match serde_json::from_str(text) {
        Ok(value) => value,
        // Let the overlay parser word the syntax error (line and column).
        Err(_) => return Ok(Opened::Overlay(super::overlay::parse_overlay(path, text)?)),
    };
    let format = value.get("format").and_then(JsonValue::as_str);
    if format == Some(VIEW_FORMAT) {
        return open_view(path, text, world);
    }
    let is_scenario =
        format.is_some_and(|format| format == FORMAT || format.starts_with("alliance-map/"));
    if is_scenario {
        let scenario = Scenario::from_text(
            path,
            text,
            |relative| super::scenario::read_article(path, relative),
            world,
        )?;
        Ok(Opened::Scenario(Box::new(scenario)))
    } else {
        Ok(Opened::Overlay(overlay_from_value(path, value)?))
    }
}

/// A view file and the scenario it names, read and checked together so that a view of a
/// scenario that cannot be opened changes nothing.
fn open_view(path: &Path, text: &str, world: &World) -> Result<Opened, OpenError> {
    if text.len() as u64 > MAX_VIEW_FILE_BYTES {
        return Err(OpenError::Read(ReadError::TooLarge {
            file: path.to_path_buf(),
            size: text.len() as u64,
            limit: MAX_VIEW_FILE_BYTES,
        }));
    }
    let view = ViewFile::parse(path, text)?;
    let scenario = match view.scenario_path(path) {
        Some(scenario_path) => Some(Box::new(Scenario::load(&scenario_path, world)?)),
        None => None,
    };
    Ok(Opened::View { view, scenario })
}

/// An article drafted into a scenario; anything else as it is.
fn draft_if_article(opened: Opened, world: &World, today: Date) -> Received {
    match opened {
        Opened::Article { path, text } => match draft_article(&path, &text, world, today) {
            Ok(draft) => Received::Draft(Box::new(draft)),
            Err(error) => Received::Undrafted {
                path,
                text,
                reason: error.to_string(),
            },
        },
        other => Received::Opened(other),
    }
}

/// The name of the thread that opens a file.
const OPEN_JOB: &str = "open-file";

/// A file being opened on a worker thread.
pub struct OpenJob {
    pub path: PathBuf,
    /// The file's size when the job started (0 when unknown).
    pub total_bytes: u64,
    progress: Arc<AtomicU64>,
    job: Job<Result<Received, OpenError>>,
}

impl OpenJob {
    /// Starts reading `path` in the background. A file larger than the limit is refused at
    /// once, by its size, without being read. An article is drafted as of `today` when it
    /// states no date.
    pub fn start(path: PathBuf, world: Arc<World>, today: Date) -> OpenJob {
        let progress = Arc::new(AtomicU64::new(0));
        let total_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let job = if total_bytes > MAX_FILE_BYTES {
            Job::finished(
                OPEN_JOB,
                Err(OpenError::Read(ReadError::TooLarge {
                    file: path.clone(),
                    size: total_bytes,
                    limit: MAX_FILE_BYTES,
                })),
            )
        } else {
            let worker_path = path.clone();
            let worker_progress = Arc::clone(&progress);
            let spawned = Job::spawn(OPEN_JOB, move |cancel| {
                let opened = open_file(&worker_path, &world, &worker_progress)?;
                // Nobody will read a draft of a file the app stopped waiting for.
                if cancel.is_cancelled() {
                    return Err(OpenError::Interrupted { file: worker_path });
                }
                // The app drafts a scenario from an article; `check` only reads it.
                Ok(draft_if_article(opened, &world, today))
            });
            spawned.unwrap_or_else(|error| {
                log::error!("{}: {error}", path.display());
                Job::finished(OPEN_JOB, Err(OpenError::Interrupted { file: path.clone() }))
            })
        };
        OpenJob {
            path,
            total_bytes,
            progress,
            job,
        }
    }

    /// Opens a file given whole, as a browser gives one (its picker, a drop), at once:
    /// a browser has no thread to read it on, and the bytes are already read. `path` is the
    /// file's name, which tells its kind and names it in messages.
    pub fn from_bytes(path: PathBuf, bytes: Vec<u8>, world: &World, today: Date) -> OpenJob {
        let total_bytes = bytes.len() as u64;
        let limit = if is_article(&path) {
            MAX_ARTICLE_BYTES as u64
        } else {
            MAX_FILE_BYTES
        };
        let result = if total_bytes > limit {
            Err(OpenError::Read(ReadError::TooLarge {
                file: path.clone(),
                size: total_bytes,
                limit,
            }))
        } else {
            files::text_from_bytes(&path, bytes)
                .map_err(OpenError::from)
                .and_then(|text| open_text(&path, text, world))
                .map(|opened| draft_if_article(opened, world, today))
        };
        OpenJob {
            path,
            total_bytes,
            progress: Arc::new(AtomicU64::new(total_bytes)),
            job: Job::finished(OPEN_JOB, result),
        }
    }

    pub fn bytes_read(&self) -> u64 {
        self.progress.load(Ordering::Relaxed)
    }

    /// The result once the worker is done; `None` while it is still working and after the
    /// result was handed out.
    pub fn poll(&self) -> Option<Result<Received, OpenError>> {
        let result = self.job.poll()?;
        Some(result.unwrap_or_else(|error| {
            log::error!("{}: {error}", self.path.display());
            Err(OpenError::Interrupted {
                file: self.path.clone(),
            })
        }))
    }
}
