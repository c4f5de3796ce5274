//! View files: a small versioned JSON that names a scenario, a date, an area, the visible
//! layers, a theme and a selection, so that a view can be saved, reopened and rendered
//! (`docs/view-file.md`). Reading one checks it whole before anything uses it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::World;
use super::date::Date;
use super::files::{self, ReadError};
use super::json::{JsonError, from_str_with_path};
use super::mercator::MAX_LATITUDE;
use super::scenario::{BUNDLED_SCENARIO_PATH, Scenario};

/// What a view file's `format` says.
pub const VIEW_FORMAT: &str = "alliance-map/view";
pub const VIEW_VERSION: u32 = 1;
/// The `scenario` of a view of the scenario shipped inside the app.
pub const BUNDLED: &str = "bundled";
/// A view file is a few hundred bytes; one larger than this is not a view file.
pub const MAX_VIEW_FILE_BYTES: u64 = 100_000;
/// More layers than this, or longer names, are no view of this app's.
const MAX_LAYERS: usize = 100;
const MAX_NAME_CHARS: usize = 200;

/// A saved view, as written in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewFile {
    pub format: String,
    pub version: u32,
    /// `"bundled"`, or the scenario file's path (relative to the view file's folder, or absolute).
    pub scenario: String,
    pub date: Date,
    /// West, south, east and north edges in degrees.
    pub bbox: [f64; 4],
    /// The layers shown, by their legend keys (`group:CSTO`, `neighbours`, `territories`,
    /// `tensions`, `labels`); every other layer is hidden.
    pub layers: Vec<String>,
    pub theme: Theme,
    #[serde(default)]
    pub selection: Option<ViewSelection>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn is_dark(self) -> bool {
        self == Theme::Dark
    }
}

/// What is selected, by the ids the scenario and the country table give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ViewSelection {
    /// An ISO 3166-1 alpha-3 code.
    Country(String),
    /// An excerpt's id.
    Excerpt(String),
    /// A tension's id.
    Tension(String),
    /// A group's id.
    Group(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ViewFileError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{file}: {error}")]
    Json { file: PathBuf, error: JsonError },
    #[error("{file}: not a view file: `format` is '{format}', expected '{VIEW_FORMAT}'")]
    Format { file: PathBuf, format: String },
    #[error(
        "{file}: view file version {version} is not one this app reads (it reads {VIEW_VERSION})"
    )]
    Version { file: PathBuf, version: u32 },
    #[error("{file}: $.bbox: {problem}")]
    Bbox { file: PathBuf, problem: String },
    #[error("{file}: $.layers: {problem}")]
    Layers { file: PathBuf, problem: String },
    #[error("{file}: $.layers: no layer '{layer}' in this scenario (it has: {known})")]
    UnknownLayer {
        file: PathBuf,
        layer: String,
        known: String,
    },
    #[error("{file}: $.selection: no {kind} '{id}' in {scenario}")]
    UnknownSelection {
        file: PathBuf,
        kind: &'static str,
        id: String,
        scenario: String,
    },
    #[error("{file}: $.date: {date} is outside the scenario's timeline ({first} to {last})")]
    DateOutOfRange {
        file: PathBuf,
        date: Date,
        first: Date,
        last: Date,
    },
}

impl ViewFile {
    /// Reads and checks a view file on its own (the scenario it names is checked by
    /// [`ViewFile::check_against`]).
    pub fn read(path: &Path) -> Result<ViewFile, ViewFileError> {
        let text = files::read_text_with_limit(path, MAX_VIEW_FILE_BYTES)?;
        ViewFile::parse(path, &text)
    }

    /// Parses view file text, refusing what does not fit the format with the JSON path.
    pub fn parse(path: &Path, text: &str) -> Result<ViewFile, ViewFileError> {
        let file = || path.to_path_buf();
        let view: ViewFile = from_str_with_path(text).map_err(|error| ViewFileError::Json {
            file: file(),
            error,
        })?;
        if view.format != VIEW_FORMAT {
            return Err(ViewFileError::Format {
                file: file(),
                format: view.format,
            });
        }
        if view.version != VIEW_VERSION {
            return Err(ViewFileError::Version {
                file: file(),
                version: view.version,
            });
        }
        check_bbox(view.bbox).map_err(|problem| ViewFileError::Bbox {
            file: file(),
            problem,
        })?;
        if view.layers.len() > MAX_LAYERS {
            return Err(ViewFileError::Layers {
                file: file(),
                problem: format!(
                    "{} layers, more than the {MAX_LAYERS} a view has",
                    view.layers.len()
                ),
            });
        }
        if let Some(long) = view
            .layers
            .iter()
            .find(|l| l.chars().count() > MAX_NAME_CHARS)
        {
            return Err(ViewFileError::Layers {
                file: file(),
                problem: format!("a name of {} characters is no layer", long.chars().count()),
            });
        }
        Ok(view)
    }

    /// The scenario file the view names, resolved against the view file's folder; `None` for
    /// the bundled scenario.
    pub fn scenario_path(&self, view_path: &Path) -> Option<PathBuf> {
        (self.scenario != BUNDLED).then(|| match view_path.parent() {
            Some(folder) => folder.join(&self.scenario),
            None => PathBuf::from(&self.scenario),
        })
    }

    /// Checks that every layer, the selection and the date exist in `scenario`;
    /// `known_layers` are the scenario's legend keys; the date may be no later than `today`.
    pub fn check_against(
        &self,
        path: &Path,
        world: &World,
        scenario: &Scenario,
        known_layers: &[String],
        today: Date,
    ) -> Result<(), ViewFileError> {
        let file = || path.to_path_buf();
        if let Some(unknown) = self.layers.iter().find(|l| !known_layers.contains(l)) {
            return Err(ViewFileError::UnknownLayer {
                file: file(),
                layer: unknown.clone(),
                known: known_layers.join(", "),
            });
        }
        let (first, last) = scenario.date_range(today);
        if self.date < first || self.date > last {
            return Err(ViewFileError::DateOutOfRange {
                file: file(),
                date: self.date,
                first,
                last,
            });
        }
        let Some(selection) = &self.selection else {
            return Ok(());
        };
        let (kind, id, known) = match selection {
            ViewSelection::Country(code) => ("country", code, world.by_code(code).is_some()),
            ViewSelection::Excerpt(id) => ("excerpt", id, scenario.excerpt(id).is_some()),
            ViewSelection::Tension(id) => ("tension", id, scenario.tension(id).is_some()),
            ViewSelection::Group(id) => ("group", id, scenario.group(id).is_some()),
        };
        if known {
            Ok(())
        } else {
            Err(ViewFileError::UnknownSelection {
                file: file(),
                kind,
                id: id.clone(),
                scenario: scenario_ref(scenario, None),
            })
        }
    }

    /// The file's text: pretty JSON, ending with a line break.
    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and enums always serialises.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// How a view file names `scenario`: "bundled", or its path relative to `view_folder` when
/// it lies in or below it, absolute otherwise.
pub fn scenario_ref(scenario: &Scenario, view_folder: Option<&Path>) -> String {
    let source = scenario.source();
    if source == Path::new(BUNDLED_SCENARIO_PATH) {
        return BUNDLED.into();
    }
    let absolute = std::path::absolute(source).unwrap_or_else(|_| source.to_path_buf());
    let relative = view_folder
        .and_then(|folder| std::path::absolute(folder).ok())
        .and_then(|folder| absolute.strip_prefix(folder).ok().map(Path::to_path_buf));
    relative.unwrap_or(absolute).display().to_string()
}

/// The smallest box worth a map, in degrees across its larger side: about 100 m, finer than
/// the 1:10m boundaries show. A box of a billionth of a degree once drew at zoom 31 and
/// crashed the rasteriser.
pub const MIN_BBOX_EXTENT_DEG: f64 = 0.001;

/// A west, south, east, north box the map can show: finite, within the world, not empty.
pub fn check_bbox([west, south, east, north]: [f64; 4]) -> Result<(), String> {
    if ![west, south, east, north].iter().all(|v| v.is_finite()) {
        return Err("every edge must be a finite number".into());
    }
    if west < -180.0 || east > 180.0 {
        return Err(format!(
            "west and east must lie within -180 to 180 (are {west}, {east})"
        ));
    }
    if south < -MAX_LATITUDE - 1e-6 || north > MAX_LATITUDE + 1e-6 {
        return Err(format!(
            "south and north must lie within ±{MAX_LATITUDE:.2}, the map's edge (are {south}, {north})"
        ));
    }
    // A west edge east of the east edge is a box across the 180° line (165 to -165).
    if west == east || south >= north {
        return Err(format!(
            "west and east must differ (west greater than east crosses 180°) and south must be less than north (are {west}, {south}, {east}, {north})"
        ));
    }
    let width = if east < west {
        east + 360.0 - west
    } else {
        east - west
    };
    if width.max(north - south) < MIN_BBOX_EXTENT_DEG {
        return Err(format!(
            "the box is {width:.3e}° by {:.3e}°; it must be at least {MIN_BBOX_EXTENT_DEG}° wide or tall",
            north - south
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view_text(bbox: &str) -> String {
        format!(
            r#"{{"format": "alliance-map/view", "version": 1, "scenario": "bundled",
               "date": "2012-05-15", "bbox": {bbox}, "layers": ["tensions"], "theme": "dark",
               "selection": {{"country": "RUS"}}}}"#
        )
    }

    #[test]
    fn a_view_file_survives_writing_and_reading_back() {
        let path = Path::new("v.json");
        let view = ViewFile::parse(path, &view_text("[0, 25, 140, 72]"));
        let Ok(view) = view else { panic!("{view:?}") };
        assert_eq!(view.selection, Some(ViewSelection::Country("RUS".into())));
        assert!(view.theme.is_dark());
        assert_eq!(ViewFile::parse(path, &view.to_json()).ok(), Some(view));
    }

    #[test]
    fn an_upside_down_or_infinite_bbox_is_refused_naming_the_field() {
        for bbox in [
            "[0, 72, 140, 25]",
            "[10, 25, 10, 72]",
            "[0, 25, 140, 95]",
            "[0, 25, 1e999, 72]",
        ] {
            let result = ViewFile::parse(Path::new("v.json"), &view_text(bbox));
            let message = result
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string());
            assert!(message.starts_with("v.json: $.bbox"), "{bbox}: {message}");
        }
    }

    #[test]
    fn a_relative_scenario_is_found_beside_the_view_file() {
        let Ok(mut view) = ViewFile::parse(Path::new("v.json"), &view_text("[0, 25, 140, 72]"))
        else {
            panic!("the view parses")
        };
        assert_eq!(view.scenario_path(Path::new("/a/v.json")), None);
        view.scenario = "s.json".into();
        assert_eq!(
            view.scenario_path(Path::new("/a/v.json")),
            Some(PathBuf::from("/a/s.json"))
        );
    }
}
