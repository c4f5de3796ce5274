//! The view as a file: exporting it as a figure, saving it as a view file, and restoring a
//! view file the reader opens.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::App;
use crate::figure::{FigureFormat, FigureSpec, excerpt_caption, render_figure};
use crate::layers::MapLayers;
use crate::map::navigation::extent_in_mercator;
use crate::model::files::write_replacing;
use crate::model::mercator::{self, MAX_LATITUDE, MercatorPoint};
use crate::model::scenario::{Extent, Scenario};
use crate::model::view_file::{
    Theme, VIEW_FORMAT, VIEW_VERSION, ViewFile, ViewSelection, scenario_ref,
};
use crate::session::Level;
use crate::session::layer_state_key;
use crate::session::settings::{DateChoice, ThemeChoice};
use crate::session::{SaveTarget, Selection, file_and_folder, file_name};

/// A PNG exported from the app has this many pixels for each of the map's on screen, so it
/// stays sharp in print.
const EXPORT_PNG_SCALE: u32 = 2;

impl App {
    /// The map's area on screen as west, south, east, north, within the world's edges.
    fn visible_bbox(&self) -> Option<[f64; 4]> {
        let visible = self.map.last_view()?.visible_mercator();
        let corner = |x: f64, y: f64| mercator::unproject(MercatorPoint::new(x, y));
        let north_west = corner(visible.min[0], visible.min[1]);
        let south_east = corner(visible.max[0], visible.max[1]);
        let west = north_west.lon.clamp(-180.0, 180.0);
        let east = south_east.lon.clamp(-180.0, 180.0);
        let south = south_east.lat.clamp(-MAX_LATITUDE, MAX_LATITUDE);
        let north = north_west.lat.clamp(-MAX_LATITUDE, MAX_LATITUDE);
        // Zoomed out past the world's width: the whole world.
        Some(if west < east && south < north {
            [west, south, east, north]
        } else {
            [-180.0, -MAX_LATITUDE, 180.0, MAX_LATITUDE]
        })
    }

    fn report(&mut self, result: Result<String, String>) {
        let (level, text) = match result {
            Ok(text) => (Level::Info, text),
            Err(text) => (Level::Error, text),
        };
        self.io.tell(level, text);
    }

    /// Writes the view as it is on screen (area, date, layers, theme, selection) as a figure.
    pub(super) fn export_figure(&mut self, path: PathBuf, dark: bool) {
        let result = self.figure_bytes(&path, dark).and_then(|bytes| {
            let inputs = self.save_inputs(SaveTarget::Figure);
            let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
            write_replacing(&path, &bytes, &inputs).map_err(|error| error.to_string())?;
            Ok(format!("Exported the figure {}", file_and_folder(&path)))
        });
        self.report(result);
    }

    pub(super) fn figure_bytes(&self, path: &Path, dark: bool) -> Result<Vec<u8>, String> {
        let format = FigureFormat::of(path).map_err(|error| error.to_string())?;
        let (Some(bbox), Some(view)) = (self.visible_bbox(), self.map.last_view()) else {
            return Err("The map has not been drawn yet; export once it shows.".into());
        };
        let size = view.screen_rect().size();
        let caption = match &self.session.selection {
            Selection::Excerpt { index, .. } => self
                .document
                .scenario
                .data()
                .excerpts
                .get(*index)
                .map(|excerpt| excerpt_caption(excerpt.paragraph, &excerpt.quote)),
            _ => None,
        };
        let selected_tension = match self.session.selection {
            Selection::Tension(index) => self.document.scenario.data().tensions.get(index),
            _ => None,
        };
        let spec = FigureSpec {
            world: &self.world,
            scenario: &self.document.scenario,
            layers: &self.session.layers,
            territories: self.territories,
            date: self.session.date,
            bbox,
            size_px: [
                (size.x.round() as u32).max(crate::figure::MIN_SIZE_PX[0]),
                (size.y.round() as u32).max(crate::figure::MIN_SIZE_PX[1]),
            ],
            dark,
            hidden_layers: &self.session.state.hidden_layers,
            selected: self.session.selection.countries(),
            selected_tension: selected_tension.map(|t| t.id.as_str()),
            caption,
        };
        render_figure(&spec, format, EXPORT_PNG_SCALE).map_err(|error| error.to_string())
    }

    /// The view file of what the map shows now.
    pub fn current_view_file(&self, view_folder: Option<&Path>, dark: bool) -> Option<ViewFile> {
        let layers = self
            .session
            .layers
            .layer_ids()
            .into_iter()
            .filter(|&layer| self.is_layer_visible(layer))
            .map(|layer| layer_state_key(&self.session.layers, layer))
            .collect();
        Some(ViewFile {
            format: VIEW_FORMAT.into(),
            version: VIEW_VERSION,
            scenario: scenario_ref(&self.document.scenario, view_folder),
            date: self.session.date,
            bbox: self.visible_bbox()?,
            layers,
            theme: if dark { Theme::Dark } else { Theme::Light },
            selection: self.view_selection(),
        })
    }

    pub(super) fn view_selection(&self) -> Option<ViewSelection> {
        let data = self.document.scenario.data();
        match &self.session.selection {
            Selection::Country(country) => Some(ViewSelection::Country(
                self.world.country(*country).iso_a3().to_string(),
            )),
            Selection::Excerpt { index, .. } => data
                .excerpts
                .get(*index)
                .map(|e| ViewSelection::Excerpt(e.id.clone())),
            Selection::Tension(index) => data
                .tensions
                .get(*index)
                .map(|t| ViewSelection::Tension(t.id.clone())),
            Selection::Group(index) => data
                .groups
                .get(*index)
                .map(|g| ViewSelection::Group(g.id.clone())),
            Selection::None | Selection::Territory(_) | Selection::OverlayFeature { .. } => None,
        }
    }

    /// Writes the view file of what the map shows now.
    pub(super) fn save_view(&mut self, path: PathBuf, dark: bool) {
        let result = match self.current_view_file(path.parent(), dark) {
            None => Err("The map has not been drawn yet; save the view once it shows.".into()),
            Some(view) => {
                let inputs = self.save_inputs(SaveTarget::View);
                let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
                write_replacing(&path, view.to_json().as_bytes(), &inputs)
                    .map(|()| format!("Saved the view {}", file_and_folder(&path)))
                    .map_err(|error| error.to_string())
            }
        };
        self.report(result);
    }

    /// Restores a view file: its scenario, date, layers, theme, area and selection, all
    /// checked before any is applied, so that a bad file changes nothing. Returns whether the
    /// view was restored.
    pub(super) fn open_view(
        &mut self,
        path: &Path,
        view: ViewFile,
        scenario: Option<Scenario>,
    ) -> bool {
        let scenario = match scenario {
            Some(scenario) => Arc::new(scenario),
            None if scenario_ref(&self.document.scenario, None)
                == crate::model::view_file::BUNDLED =>
            {
                Arc::clone(&self.document.scenario)
            }
            None => match Scenario::load_bundled(&self.world) {
                Ok(scenario) => Arc::new(scenario),
                Err(error) => {
                    self.report(Err(error.to_string()));
                    return false;
                }
            },
        };
        let layers = MapLayers::build(&self.world, &scenario, view.date);
        let known: Vec<String> = layers
            .layer_ids()
            .into_iter()
            .map(|layer| layer_state_key(&layers, layer))
            .collect();
        if let Err(error) = view.check_against(path, &self.world, &scenario, &known, self.today()) {
            self.report(Err(error.to_string()));
            return false;
        }
        if !Arc::ptr_eq(&scenario, &self.document.scenario) {
            self.set_scenario(scenario);
        }
        self.set_date(if view.date == self.document.scenario.date() {
            DateChoice::Article
        } else {
            DateChoice::Fixed(view.date)
        });
        for key in &known {
            self.session.state.hidden_layers.remove(key);
            if !view.layers.contains(key) {
                self.session.state.hidden_layers.insert(key.clone());
            }
        }
        self.session.state.theme = match view.theme {
            Theme::Light => ThemeChoice::Light,
            Theme::Dark => ThemeChoice::Dark,
        };
        let [west, south, east, north] = view.bbox;
        // A box across the 180° line ends east of it.
        let east = if east < west { east + 360.0 } else { east };
        self.map.fit(extent_in_mercator(&Extent {
            west,
            south,
            east,
            north,
        }));
        self.session.selection = self.selection_of(view.selection.as_ref());
        self.report(Ok(format!("Opened the view {}", file_name(path))));
        true
    }

    pub(super) fn selection_of(&self, selection: Option<&ViewSelection>) -> Selection {
        let data = self.document.scenario.data();
        let Some(selection) = selection else {
            return Selection::None;
        };
        let found = match selection {
            ViewSelection::Country(code) => {
                self.world.by_code(code).map(|c| Selection::Country(c.id()))
            }
            ViewSelection::Excerpt(id) => {
                data.excerpts
                    .iter()
                    .position(|e| e.id == *id)
                    .map(|index| Selection::Excerpt {
                        index,
                        countries: self.country_ids(&data.excerpts[index].countries),
                        tensions: Vec::new(),
                    })
            }
            ViewSelection::Tension(id) => data
                .tensions
                .iter()
                .position(|t| t.id == *id)
                .map(Selection::Tension),
            ViewSelection::Group(id) => data
                .groups
                .iter()
                .position(|g| g.id == *id)
                .map(Selection::Group),
        };
        found.unwrap_or_default()
    }
}
