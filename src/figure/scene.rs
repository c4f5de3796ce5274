//! A figure as plain data: the map's shapes in Mercator units and the furniture round it
//! (title, date, legend, scale bar, credits, caption) in pixels. Built once from the model
//! and the app's symbology; the SVG writer, and through it the PNG, only walk it.

use egui::Color32;

use crate::render::countries::Dash;
use crate::render::patterns::Pattern;
use crate::render::view::MercatorView;

/// How an area is filled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Paint {
    None,
    Solid(Color32),
    /// A repeating pattern in this ink over what lies beneath.
    Pattern(Pattern, Color32),
}

/// How a line or an outline is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    pub color: Color32,
    pub width_px: f32,
    pub dash: Dash,
}

impl Line {
    pub fn solid(width_px: f32, color: Color32) -> Self {
        Self {
            color,
            width_px,
            dash: Dash::Solid,
        }
    }
}

/// Where a text's anchor lies along its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
}

/// A line of text; `at` is the start, middle or end of its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Text<P> {
    pub at: P,
    pub text: String,
    pub size_px: f32,
    pub color: Color32,
    pub anchor: Anchor,
    /// A ring of this colour round the glyphs, so they read over any fill.
    pub halo: Option<Color32>,
    /// For a name on the map, what it names, written into the SVG for other tools.
    pub tag: Option<NameTag>,
}

/// What a name on the map stands for: `data-kind`, `data-id` and `data-anchor` in the SVG.
#[derive(Clone, Debug, PartialEq)]
pub struct NameTag {
    /// "country", "capital" or "territory".
    pub kind: &'static str,
    /// A country's ISO 3166 alpha-3 code (a capital's country's) or a territory's id.
    pub id: String,
    /// The place the name stands for.
    pub anchor: crate::model::geo::LonLat,
}

/// One drawn thing, with points of type `P`: Mercator points on the map, pixels on the paper.
#[derive(Clone, Debug, PartialEq)]
pub enum Item<P> {
    /// Closed rings filled together (holes by the even-odd rule) and outlined: a whole
    /// country, all its parts, is one area.
    Area {
        rings: Vec<Vec<P>>,
        fill: Paint,
        stroke: Option<Line>,
    },
    Polyline {
        points: Vec<P>,
        line: Line,
    },
    Circle {
        center: P,
        radius_px: f32,
        fill: Paint,
        stroke: Option<Line>,
    },
    Text(Text<P>),
}

/// A point on the paper, in pixels from its top-left corner.
pub type PaperPoint = [f32; 2];

/// An entry of the figure's legend: how the layer is drawn, and its text with its count.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub swatch: Vec<Item<PaperPoint>>,
    pub label: String,
    /// A heading over the keys that follow it ("Tension kinds"), drawn without a swatch.
    pub heading: bool,
}

/// The whole figure.
#[derive(Clone, Debug)]
pub struct Scene {
    pub width_px: f32,
    pub height_px: f32,
    pub paper: Color32,
    /// Where the map lies on the paper and how Mercator units land there.
    pub view: MercatorView,
    pub sea: Color32,
    /// The map, bottom to top, clipped to the view's rectangle.
    pub map: Vec<Item<crate::model::mercator::MercatorPoint>>,
    /// The furniture over and round the map, bottom to top.
    pub paper_items: Vec<Item<PaperPoint>>,
    pub title: String,
    /// "Map as of 15 May 2012".
    pub date_line: String,
    /// The figure in words, for readers who cannot see it: the SVG's `<desc>`.
    pub description: String,
    pub legend: Vec<LegendEntry>,
    /// The credit lines: the article, the boundaries and how they are drawn.
    pub credits: Vec<String>,
    /// The selected excerpt with its paragraph number.
    pub caption: Option<String>,
}
