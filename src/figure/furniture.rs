//! The figure's furniture, laid out in pixels: the title and date above the map, the legend
//! and scale bar over it, the caption and credits below it.

use egui::{Rect, pos2, vec2};

use crate::layers::LayerId;
use crate::map::navigation::scale_bar;
use crate::model::scenario::Status;
use crate::render::patterns::Pattern;
use crate::render::style::*;
use crate::render::view::MercatorView;
use crate::ui::legend::layer_label;

use super::FigureSpec;
use super::map_items::{badge_items, member_paint};
use super::scene::{Anchor, Item, LegendEntry, Line, Paint, PaperPoint, Text};
use super::text::{text_width_px, wrap};

type PaperItem = Item<PaperPoint>;

/// The most lines of caption a figure carries; a longer excerpt ends with an ellipsis.
const MAX_CAPTION_LINES: usize = 4;
/// The most lines of one credit: the boundary note takes 8 on the narrowest figure; a
/// citation whose title runs to a megabyte ends with an ellipsis.
const MAX_CREDIT_LINES: usize = 10;

fn line_height(size_px: f32) -> f32 {
    size_px * FIGURE_LINE_SPACING
}

/// The title block's height above the map.
pub fn header_height() -> f32 {
    FIGURE_MARGIN_PX
        + line_height(FIGURE_TITLE_FONT_SIZE)
        + line_height(FIGURE_DATE_FONT_SIZE)
        + FIGURE_MARGIN_PX / 2.0
}

/// The caption's and the credits' lines, wrapped to the figure's width.
pub struct Footer {
    pub caption: Vec<String>,
    pub credits: Vec<String>,
}

impl Footer {
    pub fn new(caption: Option<&str>, credits: &[String], width_px: f32) -> Self {
        let width = width_px - 2.0 * FIGURE_MARGIN_PX;
        let caption = caption.map_or(Vec::new(), |text| {
            wrap(text, FIGURE_CAPTION_FONT_SIZE, width, MAX_CAPTION_LINES)
        });
        let credits = credits
            .iter()
            .flat_map(|credit| wrap(credit, FIGURE_CREDIT_FONT_SIZE, width, MAX_CREDIT_LINES))
            .collect();
        Self { caption, credits }
    }

    pub fn height(&self) -> f32 {
        1.5 * FIGURE_MARGIN_PX
            + self.caption.len() as f32 * line_height(FIGURE_CAPTION_FONT_SIZE)
            + self.credits.len() as f32 * line_height(FIGURE_CREDIT_FONT_SIZE)
    }
}

fn text(at: PaperPoint, text: &str, size_px: f32, color: egui::Color32) -> PaperItem {
    Item::Text(Text {
        at,
        text: text.to_string(),
        size_px,
        color,
        anchor: Anchor::Start,
        halo: None,
        tag: None,
    })
}

fn rect_area(rect: Rect, fill: Paint, stroke: Option<Line>) -> PaperItem {
    Item::Area {
        rings: vec![vec![
            [rect.min.x, rect.min.y],
            [rect.max.x, rect.min.y],
            [rect.max.x, rect.max.y],
            [rect.min.x, rect.max.y],
        ]],
        fill,
        stroke,
    }
}

/// The title and the date line above the map.
pub fn header_items(
    title: &str,
    date_line: &str,
    width_px: f32,
    ink: egui::Color32,
) -> Vec<PaperItem> {
    let room = width_px - 2.0 * FIGURE_MARGIN_PX;
    let title = wrap(title, FIGURE_TITLE_FONT_SIZE, room, 1)
        .into_iter()
        .next()
        .unwrap_or_default();
    let title_baseline = FIGURE_MARGIN_PX + FIGURE_TITLE_FONT_SIZE;
    let date_baseline = title_baseline + line_height(FIGURE_DATE_FONT_SIZE) + 2.0;
    vec![
        text(
            [FIGURE_MARGIN_PX, title_baseline],
            &title,
            FIGURE_TITLE_FONT_SIZE,
            ink,
        ),
        text(
            [FIGURE_MARGIN_PX, date_baseline],
            date_line,
            FIGURE_DATE_FONT_SIZE,
            ink,
        ),
    ]
}

/// The caption and credit lines below the map.
pub fn footer_items(footer: &Footer, top_px: f32, ink: egui::Color32) -> Vec<PaperItem> {
    let mut items = Vec::new();
    let mut baseline = top_px + FIGURE_MARGIN_PX / 2.0;
    let caption = footer.caption.iter().map(|l| (l, FIGURE_CAPTION_FONT_SIZE));
    let credits = footer.credits.iter().map(|l| (l, FIGURE_CREDIT_FONT_SIZE));
    for (line, size) in caption.chain(credits) {
        baseline += line_height(size);
        items.push(text([FIGURE_MARGIN_PX, baseline], line, size, ink));
    }
    items
}

/// The legend's entries: every visible layer but the names, with the map's symbology.
pub fn legend_entries(spec: &FigureSpec<'_>, palette: &Palette) -> Vec<LegendEntry> {
    let swatch = Rect::from_min_size(pos2(0.0, 0.0), SWATCH);
    spec.layers
        .layer_ids()
        .into_iter()
        .filter(|&layer| layer != LayerId::Labels && spec.is_visible(layer))
        .map(|layer| LegendEntry {
            swatch: swatch_items(spec, layer, swatch, palette),
            label: layer_label(spec.layers, layer),
        })
        .collect()
}

fn swatch_items(
    spec: &FigureSpec<'_>,
    layer: LayerId,
    rect: Rect,
    palette: &Palette,
) -> Vec<PaperItem> {
    let land = Paint::Solid(palette.land);
    match layer {
        LayerId::Group(index) => {
            let group = &spec.layers.groups[index];
            let paint = member_paint(group.kind, Status::Member, palette.group_color(group));
            if let Some(badge) = paint.badge {
                let halo = palette.label_halo;
                return badge_items(badge, rect.center(), halo, |p| [p.x, p.y]);
            }
            let mut items = vec![rect_area(rect, land, None)];
            items.extend(
                paint
                    .fill
                    .map(|fill| rect_area(rect, Paint::Solid(fill), None)),
            );
            if paint.pattern != Paint::None {
                items.push(rect_area(rect, paint.pattern, None));
            }
            items.extend(
                paint
                    .outline
                    .map(|line| rect_area(rect.shrink(0.8), Paint::None, Some(line))),
            );
            items
        }
        LayerId::Neighbours => vec![rect_area(
            rect.shrink(1.3),
            land,
            Some(Line::solid(NEIGHBOUR_OUTLINE_WIDTH_PX, palette.neighbour)),
        )],
        LayerId::Territories => {
            let look = TerritoryLook::for_theme(spec.dark);
            vec![
                rect_area(rect, land, None),
                rect_area(rect, Paint::Pattern(Pattern::Hatch, look.hatch), None),
                rect_area(
                    rect.shrink(0.7),
                    Paint::None,
                    Some(Line::solid(TERRITORY_OUTLINE_WIDTH_PX, look.outline)),
                ),
            ]
        }
        LayerId::Tensions => vec![
            Item::Polyline {
                points: vec![
                    [rect.left(), rect.center().y],
                    [rect.right(), rect.center().y],
                ],
                line: Line::solid(TENSION_WIDTH_PX, palette.tension),
            },
            Item::Circle {
                center: [rect.center().x, rect.center().y],
                radius_px: LEGEND_MARKER_RADIUS_PX,
                fill: Paint::Solid(palette.tension),
                stroke: None,
            },
        ],
        LayerId::Mentioned => {
            // Light to dark, as counts rise on the map.
            let (left, right) = rect.split_left_right_at_x(rect.center().x);
            vec![
                rect_area(left, Paint::Solid(palette.mentioned_fill(1, 4)), None),
                rect_area(right, Paint::Solid(palette.mentioned_fill(4, 4)), None),
            ]
        }
        LayerId::Labels => Vec::new(),
    }
}

/// Where the legend lies: the map's top-right corner; `None` without entries.
pub fn legend_rect(entries: &[LegendEntry], map: Rect) -> Option<Rect> {
    if entries.is_empty() {
        return None;
    }
    let text_width = entries
        .iter()
        .map(|e| text_width_px(&e.label, FIGURE_LEGEND_FONT_SIZE))
        .fold(0.0, f32::max);
    let size = vec2(
        2.0 * LEGEND_PADDING + SWATCH.x + LEGEND_GAP + text_width,
        2.0 * LEGEND_PADDING + legend_row() * entries.len() as f32,
    );
    let min = pos2(
        map.right() - FIGURE_MARGIN_PX - size.x,
        map.top() + FIGURE_MARGIN_PX,
    );
    Some(Rect::from_min_size(min, size))
}

const LEGEND_PADDING: f32 = FIGURE_MARGIN_PX / 2.0;
/// Between a swatch and its text.
const LEGEND_GAP: f32 = 8.0;

fn legend_row() -> f32 {
    line_height(FIGURE_LEGEND_FONT_SIZE).max(SWATCH.y + 6.0)
}

/// The legend on a veil of the paper.
pub fn legend_items(entries: &[LegendEntry], map: Rect, palette: &Palette) -> Vec<PaperItem> {
    let Some(rect) = legend_rect(entries, map) else {
        return Vec::new();
    };
    let mut items = vec![rect_area(
        rect,
        Paint::Solid(palette.label_halo),
        Some(Line::solid(BORDER_WIDTH_PX, palette.border)),
    )];
    let row = legend_row();
    for (i, entry) in entries.iter().enumerate() {
        let top = rect.min.y + LEGEND_PADDING + row * i as f32;
        let offset = vec2(rect.min.x + LEGEND_PADDING, top + (row - SWATCH.y) / 2.0);
        items.extend(entry.swatch.iter().map(|item| translated(item, offset)));
        let baseline = top + row / 2.0 + FIGURE_LEGEND_FONT_SIZE * 0.35;
        items.push(text(
            [
                rect.min.x + LEGEND_PADDING + SWATCH.x + LEGEND_GAP,
                baseline,
            ],
            &entry.label,
            FIGURE_LEGEND_FONT_SIZE,
            palette.label,
        ));
    }
    items
}

fn translated(item: &PaperItem, by: egui::Vec2) -> PaperItem {
    let shift = |p: &PaperPoint| [p[0] + by.x, p[1] + by.y];
    match item {
        Item::Area {
            rings,
            fill,
            stroke,
        } => Item::Area {
            rings: rings
                .iter()
                .map(|ring| ring.iter().map(shift).collect())
                .collect(),
            fill: *fill,
            stroke: *stroke,
        },
        Item::Polyline { points, line } => Item::Polyline {
            points: points.iter().map(shift).collect(),
            line: *line,
        },
        Item::Circle {
            center,
            radius_px,
            fill,
            stroke,
        } => Item::Circle {
            center: shift(center),
            radius_px: *radius_px,
            fill: *fill,
            stroke: *stroke,
        },
        Item::Text(t) => Item::Text(Text {
            at: shift(&t.at),
            ..t.clone()
        }),
    }
}

/// The scale bar's length in kilometres and pixels, and its ends.
fn scale_bar_ends(view: &MercatorView) -> Option<(f64, egui::Pos2, egui::Pos2)> {
    let (km, length_px) = scale_bar(view, SCALE_BAR_MAX_PX)?;
    let left = view.screen_rect().left_bottom() + vec2(FIGURE_MARGIN_PX, -FIGURE_MARGIN_PX);
    Some((km, left, left + vec2(length_px, 0.0)))
}

/// Where the scale bar and its label lie.
pub fn scale_bar_rect(view: &MercatorView) -> Option<Rect> {
    let (_, left, right) = scale_bar_ends(view)?;
    Some(Rect::from_min_max(
        left - vec2(6.0, SCALE_BAR_FONT_SIZE + 12.0),
        right + vec2(6.0, 6.0),
    ))
}

/// A scale bar in kilometres in the map's bottom-left corner, as on the app's map.
pub fn scale_bar_items(view: &MercatorView, palette: &Palette) -> Vec<PaperItem> {
    let (Some((km, left, right)), Some(back)) = (scale_bar_ends(view), scale_bar_rect(view)) else {
        return Vec::new();
    };
    let label = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    let stroke = Line::solid(2.0, palette.label);
    vec![
        rect_area(back, Paint::Solid(palette.label_halo), None),
        Item::Polyline {
            points: vec![
                [left.x, left.y - 5.0],
                [left.x, left.y],
                [right.x, right.y],
                [right.x, right.y - 5.0],
            ],
            line: stroke,
        },
        text(
            [left.x, left.y - 8.0],
            &label,
            SCALE_BAR_FONT_SIZE,
            palette.label,
        ),
    ]
}
