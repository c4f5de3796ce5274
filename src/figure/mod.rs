//! Figures of a map view for reports: one renderer-independent [`Scene`] built from the
//! model, written as SVG ([`svg`]) and rasterised from that SVG to PNG ([`png`]). The app's
//! File > Export figure and `alliance-map render` both go through [`render_figure`].

pub mod furniture;
pub mod map_items;
pub mod png;
pub mod scene;
pub mod svg;
pub mod text;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::layers::{LayerId, MapLayers};
use crate::model::date::Date;
use crate::model::geo::LonLat;
use crate::model::mercator::{self, MercatorPoint};
use crate::model::scenario::{Scenario, citation};
use crate::model::territory::Territories;
use crate::model::view_file::ViewSelection;
use crate::model::{CountryId, World};
use crate::render::style::{Palette, figure_paper};
use crate::render::view::{MAX_ZOOM, MercatorView, TILE_SIZE_PX};
use crate::session::layer_state_key;

pub use scene::Scene;

/// The smallest and largest figure, in pixels at scale 1.
pub const MIN_SIZE_PX: [u32; 2] = [320, 240];
pub const MAX_SIZE_PX: u32 = 8_000;
/// The most pixels a PNG may have (scale included): about 400 MB while it is drawn.
pub const MAX_PNG_PIXELS: u64 = 100_000_000;
/// The credit for the boundaries, and how contested ones are drawn.
pub const BOUNDARY_CREDIT: &str = "Boundaries: Natural Earth (public domain), with the Narva line and three enclaves © OpenStreetMap contributors (ODbL). De facto boundary note: borders are drawn de jure, so a contested territory lies in the state it is recognised as part of; hatching with a dashed outline marks ground held by another state or a breakaway authority on the date shown.";

/// Everything a figure shows, borrowed from the caller (the App or the command line).
pub struct FigureSpec<'a> {
    pub world: &'a World,
    pub scenario: &'a Scenario,
    /// The layers on the figure's date.
    pub layers: &'a MapLayers,
    pub territories: &'a Territories,
    pub date: Date,
    /// West, south, east, north in degrees; the figure shows at least this.
    pub bbox: [f64; 4],
    /// Width and height in pixels at scale 1.
    pub size_px: [u32; 2],
    pub dark: bool,
    /// The legend keys of the layers not shown, as the app saves them.
    pub hidden_layers: &'a BTreeSet<String>,
    /// The countries outlined as selected.
    pub selected: &'a [CountryId],
    pub selected_tension: Option<&'a str>,
    /// The selected excerpt, with its paragraph, under the map.
    pub caption: Option<String>,
}

impl FigureSpec<'_> {
    pub fn is_visible(&self, layer: LayerId) -> bool {
        !self
            .hidden_layers
            .contains(&layer_state_key(self.layers, layer))
    }
}

/// The file types a figure is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureFormat {
    Svg,
    Png,
}

#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    #[error("{file}: a figure is written as .svg or .png; choose one of those extensions")]
    UnknownFormat { file: PathBuf },
    #[error("a figure is {min_w}x{min_h} to {max}x{max} pixels, not {width}x{height}", min_w = MIN_SIZE_PX[0], min_h = MIN_SIZE_PX[1], max = MAX_SIZE_PX)]
    Size { width: u32, height: u32 },
    #[error(
        "a {width}x{height} PNG at scale {scale} has more than {MAX_PNG_PIXELS} pixels; choose a smaller size or scale"
    )]
    TooLarge { width: u32, height: u32, scale: u32 },
    #[error("the figure's SVG could not be rasterised: {0}")]
    Rasterise(String),
}

impl FigureFormat {
    /// The format an output path asks for, by its extension.
    pub fn of(path: &Path) -> Result<Self, FigureError> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "svg" => Ok(FigureFormat::Svg),
            "png" => Ok(FigureFormat::Png),
            _ => Err(FigureError::UnknownFormat {
                file: path.to_path_buf(),
            }),
        }
    }
}

/// The figure's bytes in `format`; `scale` multiplies a PNG's pixels (an SVG has none).
pub fn render_figure(
    spec: &FigureSpec<'_>,
    format: FigureFormat,
    scale: u32,
) -> Result<Vec<u8>, FigureError> {
    let svg = svg::write_svg(&build_scene(spec)?);
    match format {
        FigureFormat::Svg => Ok(svg.into_bytes()),
        FigureFormat::Png => png::png_bytes(&svg, scale),
    }
}

/// The scene of a figure: paper, map, legend, scale bar, title, date, caption and credits.
pub fn build_scene(spec: &FigureSpec<'_>) -> Result<Scene, FigureError> {
    let [width, height] = spec.size_px;
    let fits = |value: u32, min: u32| (min..=MAX_SIZE_PX).contains(&value);
    if !fits(width, MIN_SIZE_PX[0]) || !fits(height, MIN_SIZE_PX[1]) {
        return Err(FigureError::Size { width, height });
    }
    let (width_px, height_px) = (width as f32, height as f32);
    let palette = Palette::for_theme(spec.dark);
    let meta = spec.scenario.meta();
    let credits = vec![credit_line(spec.scenario), BOUNDARY_CREDIT.to_string()];
    let footer = furniture::Footer::new(spec.caption.as_deref(), &credits, width_px);
    let top = furniture::header_height();
    let bottom = (height_px - footer.height()).max(top + 1.0);
    let map_rect = egui::Rect::from_min_max(egui::pos2(0.0, top), egui::pos2(width_px, bottom));
    let view = fitted_view(spec.bbox, map_rect);
    let mut date_line = format!("Map as of {}", spec.date.long_form());
    if spec.date != meta.date && spec.is_visible(LayerId::Tensions) {
        date_line.push_str(&format!(
            " (tensions as stated on {})",
            meta.date.long_form()
        ));
    }
    let mut legend = furniture::legend_entries(spec, &view, &palette, true);
    if furniture::legend_rect(&legend, map_rect).is_some_and(|rect| rect.bottom() > bottom) {
        // A figure too short for every key gets the layers' keys alone.
        legend = furniture::legend_entries(spec, &view, &palette, false);
    }
    // Names keep off the legend and the scale bar.
    let reserved: Vec<egui::Rect> = furniture::legend_rect(&legend, map_rect)
        .into_iter()
        .chain(furniture::scale_bar_rect(&view))
        .collect();
    let mut paper_items = furniture::header_items(&meta.title, &date_line, width_px, palette.label);
    let paper = figure_paper(spec.dark);
    paper_items.extend(furniture::legend_items(&legend, map_rect, &palette, paper));
    paper_items.extend(furniture::scale_bar_items(&view, &palette, paper));
    paper_items.extend(furniture::footer_items(&footer, bottom, palette.label));
    let map = map_items::map_items(spec, &view, &palette, &reserved);
    let description = describe(spec, &meta.title, &date_line, &map, &legend);
    Ok(Scene {
        width_px,
        height_px,
        paper,
        view,
        sea: palette.sea,
        map,
        paper_items,
        title: meta.title.clone(),
        date_line,
        description,
        legend,
        credits,
        caption: spec.caption.clone(),
    })
}

/// The figure in words: what it shows, where, on which date, and how many of each thing.
fn describe(
    spec: &FigureSpec<'_>,
    title: &str,
    date_line: &str,
    map: &[scene::Item<MercatorPoint>],
    legend: &[scene::LegendEntry],
) -> String {
    let names_of = |kind: &str| -> Vec<&str> {
        map.iter()
            .filter_map(|item| match item {
                scene::Item::Text(text) if text.tag.as_ref().is_some_and(|t| t.kind == kind) => {
                    Some(text.text.as_str())
                }
                _ => None,
            })
            .collect()
    };
    let (countries, capitals, territories) = (
        names_of("country"),
        names_of("capital"),
        names_of("territory"),
    );
    let [west, south, east, north] = spec.bbox;
    let list = |names: &[&str]| {
        if names.is_empty() {
            String::new()
        } else {
            format!(": {}", names.join(", "))
        }
    };
    let keys: Vec<&str> = legend.iter().map(|entry| entry.label.as_str()).collect();
    format!(
        "A map for “{title}”. {date_line}. It shows longitudes {west}° to {east}° and latitudes {south}° to {north}°, and names {} countries{}; {} capitals{}; {} contested territories{}. Legend: {}.",
        countries.len(),
        list(&countries),
        capitals.len(),
        list(&capitals),
        territories.len(),
        list(&territories),
        keys.join("; ")
    )
}

/// The view that fits a west, south, east, north box into `rect`, centred, never closer than
/// [`MAX_ZOOM`]: a smaller box is shown with its surroundings. A box whose west edge lies east
/// of its east edge crosses the 180° line.
pub fn fitted_view(bbox: [f64; 4], rect: egui::Rect) -> MercatorView {
    let [west, south, east, north] = bbox;
    let east = if east < west { east + 360.0 } else { east };
    let (min, max) = (
        mercator::project(west, north),
        mercator::project(east, south),
    );
    let extent_x = (max.x - min.x).max(1e-9);
    let extent_y = (max.y - min.y).max(1e-9);
    let pixels_per_unit = (rect.width() as f64 / extent_x).min(rect.height() as f64 / extent_y);
    let center = mercator::unproject(MercatorPoint::new(
        (min.x + max.x) / 2.0,
        (min.y + max.y) / 2.0,
    ));
    let zoom = (pixels_per_unit / TILE_SIZE_PX).log2().min(MAX_ZOOM);
    MercatorView::new(LonLat::new(center.lon, center.lat), zoom, rect)
}

/// The article the figure draws, credited as the app cites it.
pub fn credit_line(scenario: &Scenario) -> String {
    format!("Source: {}", citation(scenario.meta(), &[]))
}

/// An excerpt as a caption: its paragraph number and its words.
pub fn excerpt_caption(paragraph: usize, quote: &str) -> String {
    format!("¶{paragraph} “{quote}”")
}

/// What a view's selection outlines, highlights and captions on a figure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SelectionParts {
    pub countries: Vec<CountryId>,
    pub tension: Option<String>,
    pub caption: Option<String>,
}

/// The countries, tension and caption a selection stands for.
pub fn selection_parts(
    world: &World,
    scenario: &Scenario,
    selection: Option<&ViewSelection>,
) -> SelectionParts {
    let codes = |codes: &[String]| -> Vec<CountryId> {
        codes
            .iter()
            .filter_map(|code| world.by_code(code).map(|c| c.id()))
            .collect()
    };
    match selection {
        None | Some(ViewSelection::Group(_)) => SelectionParts::default(),
        Some(ViewSelection::Country(code)) => SelectionParts {
            countries: codes(std::slice::from_ref(code)),
            ..SelectionParts::default()
        },
        Some(ViewSelection::Tension(id)) => SelectionParts {
            tension: Some(id.clone()),
            ..SelectionParts::default()
        },
        Some(ViewSelection::Excerpt(id)) => match scenario.excerpt(id) {
            Some(excerpt) => SelectionParts {
                countries: codes(&excerpt.countries),
                tension: None,
                caption: Some(excerpt_caption(excerpt.paragraph, &excerpt.quote)),
            },
            None => SelectionParts::default(),
        },
    }
}
