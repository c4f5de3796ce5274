//! The figure's furniture, laid out in pixels: the title and date above the map, the legend
//! and scale bar over it, the caption and credits below it.

use egui::{Rect, pos2, vec2};

use crate::layers::LayerId;
use crate::map::navigation::scale_bar;
use crate::model::CountryId;
use crate::model::mercator::MercatorPoint;
use crate::model::mesh::ShapeMesh;
use crate::model::scenario::{GroupKind, Status, TensionKind};
use crate::model::territory::TerritoryStatus;
use crate::render::countries::Dash;
use crate::render::patterns::Pattern;
use crate::render::plugins::{MarkerShape, marker_corners, tension_dash, tension_marker_shape};
use crate::render::style::{
    BORDER_WIDTH_PX, FIGURE_CAPTION_FONT_SIZE, FIGURE_CREDIT_FONT_SIZE, FIGURE_DATE_FONT_SIZE,
    FIGURE_LEGEND_FONT_SIZE, FIGURE_LINE_SPACING, FIGURE_MARGIN_PX, FIGURE_TITLE_FONT_SIZE,
    LEGEND_MARKER_RADIUS_PX, NEIGHBOUR_OUTLINE_WIDTH_PX, Palette, SCALE_BAR_FONT_SIZE,
    SCALE_BAR_MAX_PX, SWATCH, TENSION_WIDTH_PX, TERRITORY_DASH_PX, TERRITORY_OUTLINE_WIDTH_PX,
    TerritoryLook,
};
use crate::render::view::MercatorView;
use crate::session::layer_label;

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

/// The legend's entries, keyed to what the figure shows: each visible layer with something
/// in the view (but the names), then the statuses other than membership its groups' members
/// in view have, the kinds of the tensions in view (each kind's dashes and marker) and the
/// hatchings of the contested territories in view (the sub-keys, left out when asked).
pub fn legend_entries(
    spec: &FigureSpec<'_>,
    view: &MercatorView,
    palette: &Palette,
    sub_keys: bool,
) -> Vec<LegendEntry> {
    let swatch = Rect::from_min_size(pos2(0.0, 0.0), SWATCH);
    let shown = InView::of(spec, view);
    let mut entries: Vec<LegendEntry> = spec
        .layers
        .layer_ids()
        .into_iter()
        .filter(|&layer| layer != LayerId::Labels && spec.is_visible(layer))
        .filter(|&layer| shown.layer(spec, layer))
        .map(|layer| LegendEntry {
            swatch: swatch_items(spec, layer, swatch, palette),
            label: layer_label(spec.layers, layer),
            heading: false,
        })
        .collect();
    if !sub_keys {
        return entries;
    }
    let statuses: Vec<LegendEntry> = shown
        .statuses
        .iter()
        .filter_map(|&(group_index, status)| {
            let group = spec.layers.groups.get(group_index)?;
            let items = member_swatch(
                group.kind,
                status,
                palette.group_color(group),
                swatch,
                palette,
            );
            (!items.is_empty()).then(|| LegendEntry {
                swatch: items,
                label: format!("{}: {}", group.label, status.label()),
                heading: false,
            })
        })
        .collect();
    push_keys(&mut entries, "Status in a group", statuses);
    let tension_palette = if spec.date == spec.scenario.date() {
        *palette
    } else {
        palette.with_faded_tensions()
    };
    let kinds = shown
        .tension_kinds
        .iter()
        .map(|&kind| LegendEntry {
            swatch: tension_kind_swatch(kind, swatch, &tension_palette),
            label: kind.label().to_string(),
            heading: false,
        })
        .collect();
    push_keys(&mut entries, "Tension kinds", kinds);
    let look = TerritoryLook::for_theme(spec.dark);
    let hatchings = shown
        .territory_patterns
        .iter()
        .map(|(patterns, label)| LegendEntry {
            swatch: territory_swatch(patterns, swatch, palette, &look),
            label: (*label).to_string(),
            heading: false,
        })
        .collect();
    push_keys(&mut entries, "Contested territories", hatchings);
    entries
}

/// A heading and its keys, when there are keys.
fn push_keys(entries: &mut Vec<LegendEntry>, heading: &str, keys: Vec<LegendEntry>) {
    if keys.is_empty() {
        return;
    }
    entries.push(LegendEntry {
        swatch: Vec::new(),
        label: heading.to_string(),
        heading: true,
    });
    entries.extend(keys);
}

/// What of each layer lies in the figure's view.
struct InView {
    groups: Vec<usize>,
    /// (group index, status) of the members in view, statuses other than membership.
    statuses: Vec<(usize, Status)>,
    neighbours: bool,
    mentioned: bool,
    tension_kinds: Vec<TensionKind>,
    /// The hatchings of the territories in view, with what they stand for.
    territory_patterns: Vec<(&'static [Pattern], &'static str)>,
}

impl InView {
    fn of(spec: &FigureSpec<'_>, view: &MercatorView) -> Self {
        let copies: Vec<MercatorView> = view.world_copies().collect();
        let shape_shows = |shape: &ShapeMesh| {
            copies.iter().any(|copy| {
                let visible = copy.visible_mercator();
                shape
                    .parts
                    .iter()
                    .any(|part| part.bbox_in_mercator.intersects(&visible))
            })
        };
        let point_shows = |point: MercatorPoint| {
            copies
                .iter()
                .any(|copy| copy.visible_mercator().contains([point.x, point.y]))
        };
        let country_shows = |id: CountryId| shape_shows(spec.world.country(id).mesh(view.detail()));
        let mut groups = Vec::new();
        let mut statuses = Vec::new();
        for group in &spec.layers.groups {
            if !spec.is_visible(LayerId::Group(group.group_index)) {
                continue;
            }
            for &(country, status) in &group.countries {
                if !country_shows(country) {
                    continue;
                }
                if !groups.contains(&group.group_index) {
                    groups.push(group.group_index);
                }
                if status != Status::Member && !statuses.contains(&(group.group_index, status)) {
                    statuses.push((group.group_index, status));
                }
            }
        }
        statuses.sort_by_key(|&(group, status)| (group, status_rank(status)));
        let mut tension_kinds: Vec<TensionKind> = Vec::new();
        if spec.is_visible(LayerId::Tensions) {
            for tension in &spec.layers.tensions {
                let shows = point_shows(tension.marker)
                    || tension.arcs.iter().flatten().any(|&p| point_shows(p));
                if shows && !tension_kinds.contains(&tension.kind) {
                    tension_kinds.push(tension.kind);
                }
            }
        }
        tension_kinds.sort_by_key(|kind| TensionKind::ALL.iter().position(|k| k == kind));
        let mut territory_patterns: Vec<(&'static [Pattern], &'static str)> = Vec::new();
        if spec.is_visible(LayerId::Territories) {
            for (territory, period) in spec.territories.active(spec.date) {
                let shows = if territory.has_outline() {
                    shape_shows(territory.mesh(view.detail()))
                } else {
                    let [lon, lat] = territory.label_point();
                    point_shows(crate::model::mercator::project(lon, lat))
                };
                let key = (
                    territory_patterns_of(period.status),
                    territory_key_label(period.status),
                );
                if shows && !territory_patterns.contains(&key) {
                    territory_patterns.push(key);
                }
            }
        }
        territory_patterns.sort_by_key(|(patterns, _)| std::cmp::Reverse(patterns.len()));
        Self {
            groups,
            statuses,
            neighbours: spec.layers.neighbours.iter().any(|&id| country_shows(id)),
            mentioned: spec
                .layers
                .mentioned
                .iter()
                .any(|&(id, _)| country_shows(id)),
            tension_kinds,
            territory_patterns,
        }
    }

    /// Whether a layer draws anything in the view.
    fn layer(&self, spec: &FigureSpec<'_>, layer: LayerId) -> bool {
        match layer {
            LayerId::Group(index) => self.groups.contains(&index),
            LayerId::Neighbours => self.neighbours,
            LayerId::Mentioned => self.mentioned,
            LayerId::Tensions => !self.tension_kinds.is_empty(),
            LayerId::Territories => {
                !self.territory_patterns.is_empty() || spec.layers.territories == 0
            }
            LayerId::Labels => true,
        }
    }
}

/// The order statuses are keyed in: nearest to membership first.
fn status_rank(status: Status) -> usize {
    [
        Status::Member,
        Status::Associate,
        Status::Suspended,
        Status::Frozen,
        Status::Observer,
        Status::Former,
    ]
    .iter()
    .position(|s| *s == status)
    .unwrap_or(usize::MAX)
}

fn territory_patterns_of(status: TerritoryStatus) -> &'static [Pattern] {
    crate::render::territories::territory_patterns(status)
}

/// What a territory's hatching says, in the legend.
fn territory_key_label(status: TerritoryStatus) -> &'static str {
    match status {
        TerritoryStatus::Occupied | TerritoryStatus::Annexed => "occupied or annexed",
        TerritoryStatus::Breakaway | TerritoryStatus::Disputed => "breakaway or disputed",
    }
}

/// A member of one status as the map draws it: fill, pattern and outline, or its badge.
fn member_swatch(
    kind: GroupKind,
    status: Status,
    color: egui::Color32,
    rect: Rect,
    palette: &Palette,
) -> Vec<PaperItem> {
    let paint = member_paint(kind, status, color);
    if let Some(badge) = paint.badge {
        let mut items = vec![rect_area(rect, Paint::Solid(palette.land), None)];
        items.extend(badge_items(badge, rect.center(), palette.label_halo, |p| {
            [p.x, p.y]
        }));
        return items;
    }
    if paint.fill.is_none() && paint.pattern == Paint::None && paint.outline.is_none() {
        return Vec::new();
    }
    let mut items = vec![rect_area(rect, Paint::Solid(palette.land), None)];
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

/// A tension kind's line, with its dashes and its marker's shape, as on the map.
fn tension_kind_swatch(kind: TensionKind, rect: Rect, palette: &Palette) -> Vec<PaperItem> {
    let (dash, width) = tension_dash(kind);
    let mut items = vec![Item::Polyline {
        points: vec![
            [rect.left(), rect.center().y],
            [rect.right(), rect.center().y],
        ],
        line: Line {
            color: palette.tension,
            width_px: width,
            dash,
        },
    }];
    items.extend(marker_items_at(
        tension_marker_shape(kind),
        rect.center(),
        LEGEND_MARKER_RADIUS_PX,
        Paint::Solid(palette.tension),
        Some(Line::solid(1.0, palette.label_halo)),
        |p| [p.x, p.y],
    ));
    items
}

/// A tension's marker of `shape`, its points made by `point` (Mercator on the map, pixels in
/// the legend).
pub fn marker_items_at<P>(
    shape: MarkerShape,
    center: egui::Pos2,
    radius_px: f32,
    fill: Paint,
    stroke: Option<Line>,
    point: impl Fn(egui::Pos2) -> P,
) -> Vec<Item<P>> {
    match marker_corners(shape, center, radius_px) {
        None => vec![Item::Circle {
            center: point(center),
            radius_px,
            fill,
            stroke,
        }],
        Some(corners) => vec![Item::Area {
            rings: vec![corners.into_iter().map(point).collect()],
            fill,
            stroke,
        }],
    }
}

/// A territory's hatching and dashed outline over the land.
fn territory_swatch(
    patterns: &[Pattern],
    rect: Rect,
    palette: &Palette,
    look: &TerritoryLook,
) -> Vec<PaperItem> {
    let mut items = vec![rect_area(rect, Paint::Solid(palette.land), None)];
    items.extend(
        patterns
            .iter()
            .map(|&pattern| rect_area(rect, Paint::Pattern(pattern, look.hatch), None)),
    );
    let (dash, gap) = TERRITORY_DASH_PX;
    items.push(rect_area(
        rect.shrink(0.7),
        Paint::None,
        Some(Line {
            color: look.outline,
            width_px: TERRITORY_OUTLINE_WIDTH_PX,
            dash: Dash::Dashed(dash, gap),
        }),
    ));
    items
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
            member_swatch(
                group.kind,
                Status::Member,
                palette.group_color(group),
                rect,
                palette,
            )
        }
        LayerId::Neighbours => vec![rect_area(
            rect.shrink(1.3),
            land,
            Some(Line::solid(NEIGHBOUR_OUTLINE_WIDTH_PX, palette.neighbour)),
        )],
        LayerId::Territories => {
            let look = TerritoryLook::for_theme(spec.dark);
            territory_swatch(&[Pattern::Hatch], rect, palette, &look)
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
    let width = entries
        .iter()
        .map(|e| {
            let indent = if e.heading {
                0.0
            } else {
                SWATCH.x + LEGEND_GAP
            };
            indent + text_width_px(&e.label, FIGURE_LEGEND_FONT_SIZE)
        })
        .fold(0.0, f32::max);
    let size = vec2(
        2.0 * LEGEND_PADDING + width,
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
pub fn legend_items(
    entries: &[LegendEntry],
    map: Rect,
    palette: &Palette,
    paper: egui::Color32,
) -> Vec<PaperItem> {
    let Some(rect) = legend_rect(entries, map) else {
        return Vec::new();
    };
    // Opaque, so that its words keep their contrast whatever the map shows beneath.
    let mut items = vec![rect_area(
        rect,
        Paint::Solid(paper),
        Some(Line::solid(BORDER_WIDTH_PX, palette.border)),
    )];
    let row = legend_row();
    for (i, entry) in entries.iter().enumerate() {
        let top = rect.min.y + LEGEND_PADDING + row * i as f32;
        let offset = vec2(rect.min.x + LEGEND_PADDING, top + (row - SWATCH.y) / 2.0);
        items.extend(entry.swatch.iter().map(|item| translated(item, offset)));
        let size = FIGURE_LEGEND_FONT_SIZE;
        let baseline = top + row / 2.0 + size * 0.35;
        let indent = if entry.heading {
            0.0
        } else {
            SWATCH.x + LEGEND_GAP
        };
        items.push(text(
            [rect.min.x + LEGEND_PADDING + indent, baseline],
            &entry.label,
            size,
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
pub fn scale_bar_items(
    view: &MercatorView,
    palette: &Palette,
    paper: egui::Color32,
) -> Vec<PaperItem> {
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
        rect_area(back, Paint::Solid(paper), None),
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
