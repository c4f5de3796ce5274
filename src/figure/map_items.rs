//! The map part of a figure: land, groups, neighbours, contested territories, tensions,
//! names and the selection, in the app's drawing order and with the app's symbology
//! ([`status_look`], [`tension_dash`], [`territory_patterns`], the palette).

use crate::layers::{GroupLayer, LayerId};
use crate::model::mercator::MercatorPoint;
use crate::model::mesh::ShapeMesh;
use crate::model::scenario::{GroupKind, Status};
use crate::model::{CountryId, World};
use crate::render::countries::Dash;
use crate::render::plugins::{PRIORITY_LABEL_SHIFTS, label_order, status_look, tension_dash};
use crate::render::style::*;
use crate::render::territories::territory_patterns;
use crate::render::view::MercatorView;

use super::FigureSpec;
use super::scene::{Anchor, Item, Line, Paint, Text};
use super::text::text_width_px;

type MapItem = Item<MercatorPoint>;

/// The rings of a shape's parts that show in the view, in Mercator units.
fn visible_rings(shape: &ShapeMesh, view: &MercatorView) -> Vec<Vec<MercatorPoint>> {
    let visible = view.visible_mercator();
    shape
        .parts
        .iter()
        .filter(|part| part.bbox_in_mercator.intersects(&visible))
        .flat_map(|part| part.rings.iter())
        .map(|ring| shape.vertices[ring.clone()].to_vec())
        .collect()
}

fn country_area(
    spec: &FigureSpec<'_>,
    view: &MercatorView,
    country: CountryId,
    fill: Paint,
    stroke: Option<Line>,
) -> Option<MapItem> {
    let rings = visible_rings(spec.world.country(country).mesh(view.detail()), view);
    (!rings.is_empty()).then_some(Item::Area {
        rings,
        fill,
        stroke,
    })
}

/// Every map item, bottom to top; names keep off the `reserved` rectangles.
pub fn map_items(
    spec: &FigureSpec<'_>,
    view: &MercatorView,
    palette: &Palette,
    reserved: &[egui::Rect],
) -> Vec<MapItem> {
    let mut items = Vec::new();
    let border = Line::solid(BORDER_WIDTH_PX, palette.border);
    for country in spec.world.countries() {
        items.extend(country_area(
            spec,
            view,
            country.id(),
            Paint::Solid(palette.land),
            Some(border),
        ));
    }
    let mut groups: Vec<&GroupLayer> = spec.layers.groups.iter().collect();
    groups.sort_by_key(|group| match group.kind {
        GroupKind::Alliance => 0,
        GroupKind::EconomicUnion => 1,
        GroupKind::Informal => 2,
    });
    for group in groups {
        if spec.is_visible(LayerId::Group(group.group_index)) {
            group_items(spec, view, group, palette.group_color(group), &mut items);
        }
    }
    if spec.is_visible(LayerId::Neighbours) {
        let line = Line::solid(NEIGHBOUR_OUTLINE_WIDTH_PX, palette.neighbour);
        for &country in &spec.layers.neighbours {
            items.extend(country_area(spec, view, country, Paint::None, Some(line)));
        }
    }
    if spec.is_visible(LayerId::Territories) {
        territory_items(spec, view, &mut items);
    }
    let tensions = spec.is_visible(LayerId::Tensions);
    let tension_palette = if spec.date == spec.scenario.date() {
        *palette
    } else {
        palette.with_faded_tensions()
    };
    if tensions {
        arc_items(spec, &tension_palette, &mut items);
    }
    if spec.is_visible(LayerId::Labels) {
        label_items(spec, view, palette, reserved, &mut items);
    }
    if tensions {
        marker_items(spec, &tension_palette, &mut items);
    }
    let selection = Line::solid(SELECTION_OUTLINE_WIDTH_PX, palette.selection);
    for &country in spec.selected {
        items.extend(country_area(
            spec,
            view,
            country,
            Paint::None,
            Some(selection),
        ));
    }
    items
}

/// How a member with one status is drawn: a solid fill (drawn with the members' borders over
/// it), a pattern and an outline. Read from the app's single source, [`status_look`], here
/// only, so the figure follows the map's symbology whatever it becomes.
pub struct MemberPaint {
    pub fill: Option<egui::Color32>,
    pub pattern: Paint,
    pub outline: Option<Line>,
}

pub fn member_paint(kind: GroupKind, status: Status, color: egui::Color32) -> MemberPaint {
    let look = status_look(kind, status, color);
    MemberPaint {
        fill: look.fill,
        pattern: look
            .pattern
            .map_or(Paint::None, |p| Paint::Pattern(p, color)),
        outline: look.dash.map(|dash| Line {
            color,
            width_px: GROUP_OUTLINE_WIDTH_PX,
            dash,
        }),
    }
}

/// One group's members as the map draws them for their status: at most two areas a
/// member, its fill with the members' borders, and its pattern with its outline.
fn group_items(
    spec: &FigureSpec<'_>,
    view: &MercatorView,
    group: &GroupLayer,
    color: egui::Color32,
    items: &mut Vec<MapItem>,
) {
    for &(country, status) in &group.countries {
        let paint = member_paint(group.kind, status, color);
        if let Some(fill) = paint.fill {
            let border = Line::solid(MEMBER_BORDER_WIDTH_PX, MEMBER_BORDER_COLOR);
            items.extend(country_area(
                spec,
                view,
                country,
                Paint::Solid(fill),
                Some(border),
            ));
        }
        if paint.pattern != Paint::None || paint.outline.is_some() {
            items.extend(country_area(
                spec,
                view,
                country,
                paint.pattern,
                paint.outline,
            ));
        }
    }
}

fn territory_items(spec: &FigureSpec<'_>, view: &MercatorView, items: &mut Vec<MapItem>) {
    let look = TerritoryLook::for_theme(spec.dark);
    let detail = view.detail();
    let halo = Line::solid(TERRITORY_HALO_WIDTH_PX, look.halo);
    let (dash, gap) = TERRITORY_DASH_PX;
    let ink = Line {
        color: look.outline,
        width_px: TERRITORY_OUTLINE_WIDTH_PX,
        dash: Dash::Dashed(dash, gap),
    };
    for (territory, period) in spec.territories.active(spec.date) {
        let [lon, lat] = territory.label_point();
        let at = crate::model::mercator::project(lon, lat);
        if !territory.has_outline() {
            items.push(Item::Circle {
                center: at,
                radius_px: TERRITORY_MARKER_RADIUS_PX,
                fill: Paint::Solid(look.halo),
                stroke: Some(Line::solid(TERRITORY_OUTLINE_WIDTH_PX, look.outline)),
            });
            continue;
        }
        let rings = visible_rings(territory.mesh(detail), view);
        if rings.is_empty() {
            continue;
        }
        for &pattern in territory_patterns(period.status) {
            items.push(Item::Area {
                rings: rings.clone(),
                fill: Paint::Pattern(pattern, look.hatch),
                stroke: None,
            });
        }
        items.push(Item::Area {
            rings: rings.clone(),
            fill: Paint::None,
            stroke: Some(halo),
        });
        items.push(Item::Area {
            rings,
            fill: Paint::None,
            stroke: Some(ink),
        });
    }
}

fn selected_tension(spec: &FigureSpec<'_>, id: &str) -> bool {
    spec.selected_tension == Some(id)
}

fn arc_items(spec: &FigureSpec<'_>, palette: &Palette, items: &mut Vec<MapItem>) {
    for tension in &spec.layers.tensions {
        let (dash, width) = tension_dash(tension.kind);
        let width = width
            + if selected_tension(spec, &tension.id) {
                1.5
            } else {
                0.0
            };
        for arc in &tension.arcs {
            items.push(Item::Polyline {
                points: arc.clone(),
                line: Line::solid(width + 2.5, palette.label_halo),
            });
            items.push(Item::Polyline {
                points: arc.clone(),
                line: Line {
                    color: palette.tension,
                    width_px: width,
                    dash,
                },
            });
        }
    }
}

fn marker_items(spec: &FigureSpec<'_>, palette: &Palette, items: &mut Vec<MapItem>) {
    for tension in &spec.layers.tensions {
        let selected = selected_tension(spec, &tension.id);
        items.push(Item::Circle {
            center: tension.marker,
            radius_px: TENSION_MARKER_RADIUS_PX + if selected { 2.5 } else { 0.0 },
            fill: Paint::Solid(palette.tension),
            stroke: Some(Line::solid(
                if selected { 3.0 } else { 1.5 },
                palette.label_halo,
            )),
        });
    }
}

/// Country names where they fit without overlapping each other or a tension marker: the
/// article's countries first, however small, then the others largest first, inside them.
fn label_items(
    spec: &FigureSpec<'_>,
    view: &MercatorView,
    palette: &Palette,
    reserved: &[egui::Rect],
    items: &mut Vec<MapItem>,
) {
    let screen = view.screen_rect();
    let mut taken: Vec<egui::Rect> = reserved.to_vec();
    if spec.is_visible(LayerId::Tensions) {
        taken.extend(spec.layers.tensions.iter().map(|t| {
            egui::Rect::from_center_size(
                view.to_screen(t.marker),
                egui::Vec2::splat(2.0 * TENSION_MARKER_RADIUS_PX),
            )
        }));
    }
    let priority: Vec<CountryId> = spec
        .scenario
        .article_countries()
        .into_iter()
        .filter_map(|code| spec.world.by_code(code).map(|c| c.id()))
        .collect();
    for id in label_order(spec.world, &priority) {
        let country = spec.world.country(id);
        let point = country.label_point();
        let anchor = view.lon_lat_to_screen(point.lon, point.lat);
        let size = egui::vec2(
            text_width_px(country.name(), LABEL_FONT_SIZE),
            LABEL_FONT_SIZE * 1.2,
        );
        let centered = egui::Rect::from_center_size(anchor, size).expand(2.0);
        let is_priority = priority.contains(&id);
        if !is_priority && size.x > widest_part_px(spec.world, id, view) * 0.9 {
            continue;
        }
        // The article's countries may move their name just off a marker or a neighbour's
        // name, by the same steps as on the app's map, rather than lose it.
        let shifts: &[egui::Vec2] = if is_priority {
            &PRIORITY_LABEL_SHIFTS
        } else {
            &[egui::Vec2::ZERO]
        };
        let Some(rect) = shifts
            .iter()
            .map(|shift| centered.translate(*shift * centered.size()))
            .find(|rect| screen.contains_rect(*rect) && !taken.iter().any(|t| t.intersects(*rect)))
        else {
            continue;
        };
        taken.push(rect);
        items.push(Item::Text(Text {
            at: view.screen_to_mercator(rect.center() + egui::vec2(0.0, LABEL_FONT_SIZE * 0.35)),
            text: country.name().to_string(),
            size_px: LABEL_FONT_SIZE,
            color: palette.label,
            anchor: Anchor::Middle,
            halo: Some(palette.label_halo),
        }));
    }
}

fn widest_part_px(world: &World, country: CountryId, view: &MercatorView) -> f32 {
    world
        .country(country)
        .mesh(view.detail())
        .parts
        .iter()
        .map(|part| {
            let bbox = &part.bbox_in_mercator;
            ((bbox.max[0] - bbox.min[0]) * view.pixels_per_unit()) as f32
        })
        .fold(0.0, f32::max)
}
