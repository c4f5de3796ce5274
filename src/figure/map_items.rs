//! The map part of a figure: land, groups, neighbours, contested territories, tensions,
//! names and the selection, in the app's drawing order and with the app's symbology
//! ([`status_look`], [`tension_dash`], [`territory_patterns`], the palette).

use crate::layers::{GroupLayer, LayerId};
use crate::model::mercator::MercatorPoint;
use crate::model::mesh::ShapeMesh;
use crate::model::scenario::{GroupKind, Status};
use crate::model::{CountryId, World};
use crate::render::countries::Dash;
use crate::render::plugins::{
    Badge, BadgeShape, MemberBadge, PRIORITY_LABEL_SHIFTS, label_order, label_with_badges_size,
    member_badges, status_look, tension_dash,
};
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
        GroupKind::Organisation => 2,
        GroupKind::Informal => 3,
    });
    for group in groups {
        if spec.is_visible(LayerId::Group(group.group_index)) {
            group_items(spec, view, group, palette.group_color(group), &mut items);
        }
    }
    if spec.is_visible(LayerId::Mentioned) {
        let most = spec
            .layers
            .mentioned
            .iter()
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(1);
        for &(country, count) in &spec.layers.mentioned {
            let fill = Paint::Solid(palette.mentioned_fill(count, most));
            items.extend(country_area(spec, view, country, fill, None));
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
    label_items(spec, view, palette, reserved, &mut items);
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
    /// A mark beside the member's name, for a group that is not an alliance.
    pub badge: Option<Badge>,
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
        badge: look.badge,
    }
}

/// A badge's items at `center` on screen, its points made by `point` (Mercator on the map,
/// pixels in the legend): a halo, then the mark filled for a full member, hollow otherwise,
/// as the map draws it.
pub fn badge_items<P>(
    badge: Badge,
    center: egui::Pos2,
    halo: egui::Color32,
    point: impl Fn(egui::Pos2) -> P,
) -> Vec<Item<P>> {
    let (fill, ink) = if badge.filled {
        (badge.color, halo)
    } else {
        (halo, badge.color)
    };
    let rim = Some(Line::solid(BADGE_RIM_PX, ink));
    match badge.shape {
        BadgeShape::Circle => vec![
            Item::Circle {
                center: point(center),
                radius_px: BADGE_RADIUS_PX + BADGE_RIM_PX,
                fill: Paint::Solid(halo),
                stroke: None,
            },
            Item::Circle {
                center: point(center),
                radius_px: BADGE_RADIUS_PX,
                fill: Paint::Solid(fill),
                stroke: rim,
            },
        ],
        BadgeShape::Diamond => {
            // A diamond's corners reach as far as a circle's edge, so it is grown, as on the map.
            let radius = BADGE_RADIUS_PX * 1.25;
            let diamond = |r: f32| {
                vec![
                    [(0.0, -r), (r, 0.0), (0.0, r), (-r, 0.0)]
                        .iter()
                        .map(|&(x, y)| point(center + egui::vec2(x, y)))
                        .collect(),
                ]
            };
            vec![
                Item::Area {
                    rings: diamond(radius + BADGE_RIM_PX * 1.4),
                    fill: Paint::Solid(halo),
                    stroke: None,
                },
                Item::Area {
                    rings: diamond(radius),
                    fill: Paint::Solid(fill),
                    stroke: rim,
                },
            ]
        }
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
    let badges = visible_badges(spec, palette);
    let show_names = spec.is_visible(LayerId::Labels);
    for id in label_order(spec.world, &priority) {
        let country = spec.world.country(id);
        let own_badges = badges
            .binary_search_by_key(&id, |(country, _)| *country)
            .map_or(&[][..], |at| &badges[at].1[..]);
        let is_priority = priority.contains(&id);
        let name_width = text_width_px(country.name(), LABEL_FONT_SIZE);
        // Every name must fit inside its country but the article's; where it does not (or
        // names are off) the badges still show.
        let show_name =
            show_names && (is_priority || name_width <= widest_part_px(spec.world, id, view) * 0.9);
        if !show_name && own_badges.is_empty() {
            continue;
        }
        let name = if show_name {
            egui::vec2(name_width, LABEL_FONT_SIZE * 1.2)
        } else {
            egui::Vec2::ZERO
        };
        let point = country.label_point();
        let anchor = view.lon_lat_to_screen(point.lon, point.lat);
        let size = label_with_badges_size(name, own_badges.len());
        let centered = egui::Rect::from_center_size(anchor, size).expand(2.0);
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
        let inner = rect.shrink(2.0);
        if show_name {
            let baseline = inner.left_center() + egui::vec2(0.0, LABEL_FONT_SIZE * 0.35);
            items.push(Item::Text(Text {
                at: view.screen_to_mercator(baseline),
                text: country.name().to_string(),
                size_px: LABEL_FONT_SIZE,
                color: palette.label,
                anchor: Anchor::Start,
                halo: Some(palette.label_halo),
            }));
        }
        let step = 2.0 * BADGE_RADIUS_PX + BADGE_GAP_PX;
        for (i, member) in own_badges.iter().rev().enumerate() {
            let center = inner.right_center() - egui::vec2(BADGE_RADIUS_PX + i as f32 * step, 0.0);
            items.extend(badge_items(member.badge, center, palette.label_halo, |p| {
                view.screen_to_mercator(p)
            }));
        }
    }
}

/// The badges of the visible groups' members, per country, from the app's [`member_badges`].
fn visible_badges(spec: &FigureSpec<'_>, palette: &Palette) -> Vec<(CountryId, Vec<MemberBadge>)> {
    member_badges(
        spec.layers
            .groups
            .iter()
            .filter(|group| spec.is_visible(LayerId::Group(group.group_index)))
            .map(|group| (group, palette.group_color(group))),
    )
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
