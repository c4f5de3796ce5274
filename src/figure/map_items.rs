//! The map part of a figure: land, groups, neighbours, contested territories, tensions,
//! names (placed by [`crate::placement`], as on screen) and the selection, in the app's
//! drawing order and with the app's symbology
//! ([`status_look`], [`tension_dash`], [`territory_patterns`], the palette).

use crate::layers::{GroupLayer, LayerId};
use crate::model::CountryId;
use crate::model::mercator::MercatorPoint;
use crate::model::mesh::ShapeMesh;
use crate::model::scenario::{GroupKind, Status};
use crate::placement::{
    Named, PlacedName, Placement, PlacementInput, Poles, first_countries, label_order, place,
};
use crate::render::countries::Dash;
use crate::render::plugins::{
    Badge, BadgeShape, member_badges, status_look, tension_dash, tension_marker_shape,
};
use crate::render::style::{
    BADGE_RADIUS_PX, BADGE_RIM_PX, BORDER_WIDTH_PX, CAPITAL_DOT_RADIUS_PX, GROUP_OUTLINE_WIDTH_PX,
    MEMBER_BORDER_COLOR, MEMBER_BORDER_WIDTH_PX, NEIGHBOUR_OUTLINE_WIDTH_PX,
    PROPOSED_RING_WIDTH_PX, PROPOSED_TENSION_THINNING_PX, Palette, SELECTION_OUTLINE_WIDTH_PX,
    TENSION_MARKER_RADIUS_PX, TERRITORY_DASH_PX, TERRITORY_HALO_WIDTH_PX,
    TERRITORY_MARKER_RADIUS_PX, TERRITORY_OUTLINE_WIDTH_PX, TerritoryLook,
};
use crate::render::territories::territory_patterns;
use crate::render::view::MercatorView;

use super::FigureSpec;
use super::furniture::marker_items_at;
use super::scene::{Anchor, Item, Line, NameTag, Paint, Text};
use super::text::text_width_px;

type MapItem = Item<MercatorPoint>;

/// The rings of a shape's parts that show in the view, in Mercator units of the view: near
/// the 180° line a part of the world's copy east or west is shifted by the world's width.
fn visible_rings(shape: &ShapeMesh, view: &MercatorView) -> Vec<Vec<MercatorPoint>> {
    let mut rings = Vec::new();
    for copy in view.world_copies() {
        let shift = view.center().x - copy.center().x;
        let visible = copy.visible_mercator();
        for part in shape
            .parts
            .iter()
            .filter(|part| part.bbox_in_mercator.intersects(&visible))
        {
            for ring in &part.rings {
                rings.push(
                    shape.vertices[ring.clone()]
                        .iter()
                        .map(|p| MercatorPoint::new(p.x + shift, p.y))
                        .collect(),
                );
            }
        }
    }
    rings
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
    let placement = figure_placement(spec, view, palette, reserved);
    if tensions {
        arc_items(spec, &placement, view, &tension_palette, &mut items);
    }
    name_items(spec, &placement, view, palette, &mut items);
    if tensions {
        marker_items(spec, &placement, view, &tension_palette, &mut items);
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

/// Text measured as the figure writes it: its own generous estimate, since the viewer's
/// font is not known.
fn figure_measure(text: &str, size_px: f32) -> egui::Vec2 {
    egui::vec2(text_width_px(text, size_px), size_px * 1.2)
}

/// Everything written or marked on the figure's map, placed by the same engine as the
/// screen's, with the figure's own text measure; names keep off the `reserved` rectangles.
pub fn figure_placement(
    spec: &FigureSpec<'_>,
    view: &MercatorView,
    palette: &Palette,
    reserved: &[egui::Rect],
) -> Placement {
    let (first, beside) = first_countries(spec.world, spec.scenario);
    let order = label_order(spec.world, &first);
    let badges = member_badges(
        spec.layers
            .groups
            .iter()
            .filter(|group| spec.is_visible(LayerId::Group(group.group_index)))
            .map(|group| (group, palette.group_color(group))),
    );
    let input = PlacementInput {
        world: spec.world,
        view: *view,
        order: &order,
        first: &first,
        beside: &beside,
        show_names: spec.is_visible(LayerId::Labels),
        badges: &badges,
        tensions: if spec.is_visible(LayerId::Tensions) {
            &spec.layers.tensions
        } else {
            &[]
        },
        territories: spec
            .is_visible(LayerId::Territories)
            .then_some(spec.territories),
        date: spec.date,
        reserved,
    };
    place(&input, &figure_measure, &Poles::default())
}

fn arc_items(
    spec: &FigureSpec<'_>,
    placement: &Placement,
    view: &MercatorView,
    palette: &Palette,
    items: &mut Vec<MapItem>,
) {
    for arc in &placement.arcs {
        let Some(tension) = spec.layers.tensions.get(arc.tension) else {
            continue;
        };
        let (dash, width) = tension_dash(tension.kind);
        let width = width
            + if selected_tension(spec, &tension.id) {
                1.5
            } else {
                0.0
            };
        // A proposal is drawn as on screen: thinner and fainter until someone accepts it.
        let (width, color) = if tension.proposed {
            (
                width - PROPOSED_TENSION_THINNING_PX,
                palette.proposed_tension(),
            )
        } else {
            (width, palette.tension)
        };
        for piece in &arc.pieces {
            let points: Vec<MercatorPoint> =
                piece.iter().map(|p| view.screen_to_mercator(*p)).collect();
            items.push(Item::Polyline {
                points: points.clone(),
                line: Line::solid(width + 2.5, palette.label_halo),
            });
            items.push(Item::Polyline {
                points,
                line: Line {
                    color,
                    width_px: width,
                    dash,
                },
            });
        }
    }
}

fn marker_items(
    spec: &FigureSpec<'_>,
    placement: &Placement,
    view: &MercatorView,
    palette: &Palette,
    items: &mut Vec<MapItem>,
) {
    let copies: Vec<MercatorView> = view.world_copies().collect();
    for (tension, &marker) in spec.layers.tensions.iter().zip(&placement.markers) {
        let selected = selected_tension(spec, &tension.id);
        // The marker in whichever copy of the world shows it.
        let shift = copies
            .iter()
            .find(|copy| copy.screen_rect().contains(copy.to_screen(marker)))
            .map_or(0.0, |copy| view.center().x - copy.center().x);
        let center = view.to_screen(MercatorPoint::new(marker.x + shift, marker.y));
        let radius_px = TENSION_MARKER_RADIUS_PX + if selected { 2.5 } else { 0.0 };
        let halo = Line::solid(if selected { 3.0 } else { 1.5 }, palette.label_halo);
        let shape = tension_marker_shape(tension.kind);
        let to_mercator = |p| view.screen_to_mercator(p);
        if tension.proposed {
            // Hollow, as on screen: its halo under it, then the outline itself.
            let under = Line::solid(halo.width_px + PROPOSED_RING_WIDTH_PX, palette.label_halo);
            let rim = Line::solid(PROPOSED_RING_WIDTH_PX, palette.proposed_tension());
            for line in [under, rim] {
                items.extend(marker_items_at(
                    shape,
                    center,
                    radius_px,
                    Paint::None,
                    Some(line),
                    to_mercator,
                ));
            }
        } else {
            items.extend(marker_items_at(
                shape,
                center,
                radius_px,
                Paint::Solid(palette.tension),
                Some(halo),
                to_mercator,
            ));
        }
    }
}

/// The placed names (with what each stands for, for the SVG), their leader lines, the
/// capitals' dots and the badges.
fn name_items(
    spec: &FigureSpec<'_>,
    placement: &Placement,
    view: &MercatorView,
    palette: &Palette,
    items: &mut Vec<MapItem>,
) {
    let at = |p: egui::Pos2| view.screen_to_mercator(p);
    for name in &placement.names {
        if let Some([from, to]) = name.leader {
            leader_items(at(from), at(to), palette, items);
        }
    }
    for &(_, dot) in &placement.capital_dots {
        items.push(Item::Circle {
            center: at(dot),
            radius_px: CAPITAL_DOT_RADIUS_PX,
            fill: Paint::Solid(palette.capital),
            stroke: Some(Line::solid(1.0, palette.label_halo)),
        });
    }
    let territory_look = TerritoryLook::for_theme(spec.dark);
    for name in &placement.names {
        label_items(spec, name, view, palette, &territory_look, items);
    }
    for placed in &placement.badges {
        items.extend(badge_items(
            placed.member.badge,
            placed.center,
            palette.label_halo,
            at,
        ));
    }
}

/// A leader line from a name's label (`from`) to what it names (`to`), haloed, with a dot
/// at the label's end.
fn leader_items(
    from: MercatorPoint,
    to: MercatorPoint,
    palette: &Palette,
    items: &mut Vec<MapItem>,
) {
    items.push(Item::Polyline {
        points: vec![from, to],
        line: Line::solid(3.0, palette.label_halo),
    });
    items.push(Item::Polyline {
        points: vec![from, to],
        line: Line::solid(1.0, palette.label),
    });
    items.push(Item::Circle {
        center: from,
        radius_px: 2.0,
        fill: Paint::Solid(palette.label),
        stroke: None,
    });
}

/// A placed name as text tagged with what it names; a territory's name stands on a box of
/// the territories' halo colour instead of a halo around its letters.
fn label_items(
    spec: &FigureSpec<'_>,
    name: &PlacedName,
    view: &MercatorView,
    palette: &Palette,
    territory_look: &TerritoryLook,
    items: &mut Vec<MapItem>,
) {
    let at = |p: egui::Pos2| view.screen_to_mercator(p);
    let (color, halo) = match name.named {
        Named::Territory(_) => {
            let rect = name.rect.expand(1.5);
            items.push(Item::Area {
                rings: vec![
                    [
                        rect.left_top(),
                        rect.right_top(),
                        rect.right_bottom(),
                        rect.left_bottom(),
                    ]
                    .into_iter()
                    .map(at)
                    .collect(),
                ],
                fill: Paint::Solid(territory_look.halo),
                stroke: None,
            });
            (territory_look.outline, None)
        }
        _ => (palette.label, Some(palette.label_halo)),
    };
    let baseline = name.rect.left_center() + egui::vec2(0.0, name.size_px * 0.35);
    items.push(Item::Text(Text {
        at: at(baseline),
        text: name.text.clone(),
        size_px: name.size_px,
        color,
        anchor: Anchor::Start,
        halo,
        tag: Some(NameTag {
            kind: name.named.kind(),
            id: named_id(spec, name.named),
            anchor: name.anchor,
        }),
    }));
}

/// The id a name's tag carries: its country's ISO code, or its territory's id.
fn named_id(spec: &FigureSpec<'_>, named: Named) -> String {
    match named {
        Named::Country(id) | Named::Capital(id) => spec.world.country(id).iso_a3().to_string(),
        Named::Territory(index) => spec
            .territories
            .all()
            .get(index)
            .map_or_else(String::new, |t| t.id().to_string()),
    }
}
