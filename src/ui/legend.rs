//! The legend, which is also the layer switch: a swatch, a count and a checkbox per layer.

use egui::{Color32, Rect, Sense, Stroke, Ui};

use super::PanelContext;
use crate::layers::{LayerId, MapLayers, OverlayId};
use crate::model::scenario::{GroupKind, Party, Status, TensionKind};
use crate::render::countries::Dash;
use crate::render::patterns::{PATTERN_SPACING_PX, Pattern, pattern_shapes};
use crate::render::plugins::{
    MarkerShape, badge_shapes, status_look, tension_dash, tension_marker_shape,
    tension_marker_shapes,
};
use crate::render::style::{
    BADGE_RADIUS_PX, LEGEND_KEY_FONT_SIZE, LEGEND_MARKER_RADIUS_PX, NEIGHBOUR_OUTLINE_WIDTH_PX,
    PROPOSED_TENSION_THINNING_PX, Palette, SWATCH, TENSION_WIDTH_PX, TERRITORY_OUTLINE_WIDTH_PX,
    TerritoryLook,
};
use crate::session::{Action, EditAction, OverlayEntry, layer_label, layer_state_key};

/// The keyboard shortcut of the n-th layer in the legend (1, 2, ... 9).
pub fn layer_shortcut(position: usize) -> Option<egui::Key> {
    use egui::Key::*;
    [Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9]
        .get(position)
        .copied()
}

pub fn legend_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    ui.heading("Layers");
    let layers = context.layers;
    let making_tension = context.editor.as_ref().is_some_and(|e| e.tension.is_some());
    for (position, layer) in layers.layer_ids().into_iter().enumerate() {
        ui.horizontal(|ui| {
            swatch_ui(ui, layers, layer, &context.palette);
            if making_tension {
                add_group_party_ui(ui, context, layer, actions);
            }
            let mut visible = context.state.is_visible(&layer_state_key(layers, layer));
            let shortcut = layer_shortcut(position)
                .map(|key| format!("Shortcut: {}", key.name()))
                .unwrap_or_default();
            let response = ui
                .checkbox(&mut visible, layer_label(layers, layer))
                .on_hover_text(format!("{}\n{shortcut}", layer_description(layers, layer)));
            if response.changed() {
                actions.push(Action::ToggleLayer(layer));
            }
        });
    }
    if let Some(alliance) = layers
        .groups
        .iter()
        .find(|group| group.kind == GroupKind::Alliance)
    {
        status_key_ui(ui, context.palette.group_color(alliance));
    }
    if context
        .state
        .is_visible(&layer_state_key(layers, LayerId::Tensions))
    {
        tension_kinds_key_ui(ui, layers, &context.palette);
    }
    if !context.overlays.is_empty() {
        ui.add_space(6.0);
        ui.strong("Overlays");
    }
    for (index, entry) in context.overlays.iter().enumerate() {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(SWATCH, Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, context.palette.overlay_color(entry.color_index));
            let mut visible = entry.visible;
            if ui.checkbox(&mut visible, overlay_label(entry)).changed() {
                actions.push(Action::ToggleOverlay(OverlayId(index)));
            }
            if ui
                .small_button("Remove")
                .on_hover_text(format!("Remove {}", entry.overlay.name()))
                .clicked()
            {
                actions.push(Action::RemoveOverlay(OverlayId(index)));
            }
        });
    }
}

/// While a tension is being made, a group's row offers it as a party.
fn add_group_party_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    layer: LayerId,
    actions: &mut Vec<Action>,
) {
    let LayerId::Group(index) = layer else {
        return;
    };
    let Some(group) = context.scenario.data().groups.get(index) else {
        return;
    };
    let hover = format!("Add {} as a party of the tension", group.label());
    if ui.small_button("+").on_hover_text(hover).clicked() {
        actions.push(Action::Editing(EditAction::AddParty(Party {
            group: Some(group.id.clone()),
            ..Party::default()
        })));
    }
}

/// The legend's text for an overlay: its file name and how many features it draws.
pub fn overlay_label(entry: &OverlayEntry) -> String {
    format!(
        "{} ({})",
        entry.overlay.name(),
        entry.overlay.features.len()
    )
}

fn layer_description(layers: &MapLayers, layer: LayerId) -> String {
    match layer {
        LayerId::Group(index) => layers.groups[index].name.clone(),
        LayerId::Neighbours => "Members bordering an active member of the other alliance by land, computed from the boundaries on the date shown".into(),
        LayerId::Mentioned => "Countries the article names (by name, capital or demonym), darker the more often; uncertain mentions are not counted".into(),
        LayerId::Tensions => "Tensions the article states; click a marker for its quotes".into(),
        LayerId::Territories => "Territories recognised as part of one state and held by another or by a breakaway authority on the date shown: hatched, with a dashed outline; click one for its status and sources".into(),
        LayerId::Labels => "Country names and capitals where the zoom leaves room".into(),
    }
}

fn swatch_ui(ui: &mut Ui, layers: &MapLayers, layer: LayerId, palette: &Palette) {
    let (rect, _) = ui.allocate_exact_size(SWATCH, Sense::hover());
    let painter = ui.painter();
    match layer {
        LayerId::Group(index) => {
            let group = &layers.groups[index];
            paint_status_swatch(
                painter,
                rect,
                group.kind,
                Status::Member,
                palette.group_color(group),
            );
        }
        LayerId::Mentioned => {
            // Light to dark, as counts rise on the map.
            let half = rect.width() / 2.0;
            let (left, right) = rect.split_left_right_at_x(rect.left() + half);
            painter.rect_filled(left, 0.0, palette.mentioned_fill(1, 4));
            painter.rect_filled(right, 0.0, palette.mentioned_fill(4, 4));
        }
        LayerId::Neighbours => {
            painter.rect_filled(rect, 2.0, palette.land);
            painter.rect_stroke(
                rect.shrink(1.3),
                2.0,
                Stroke::new(NEIGHBOUR_OUTLINE_WIDTH_PX, palette.neighbour),
                egui::StrokeKind::Inside,
            );
        }
        LayerId::Tensions => {
            painter.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(TENSION_WIDTH_PX, palette.tension),
            );
            painter.circle_filled(rect.center(), LEGEND_MARKER_RADIUS_PX, palette.tension);
        }
        LayerId::Territories => {
            let look = TerritoryLook::for_theme(ui.visuals().dark_mode);
            painter.rect_filled(rect, 2.0, palette.land);
            let mut shapes = Vec::new();
            let points = swatch_pattern_points(rect);
            pattern_shapes(
                Pattern::Hatch,
                &points,
                Stroke::new(1.2, look.hatch),
                &mut shapes,
            );
            painter.with_clip_rect(rect).extend(shapes);
            painter.rect_stroke(
                rect.shrink(0.7),
                2.0,
                Stroke::new(TERRITORY_OUTLINE_WIDTH_PX, look.outline),
                egui::StrokeKind::Inside,
            );
        }
        LayerId::Labels => {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Aa",
                egui::FontId::proportional(11.0),
                ui.visuals().text_color(),
            );
        }
    }
}

/// A small picture of how a status is drawn: fill, pattern and outline as on the map.
pub fn paint_status_swatch(
    painter: &egui::Painter,
    rect: Rect,
    kind: GroupKind,
    status: Status,
    color: Color32,
) {
    let look = status_look(kind, status, color);
    painter.rect_filled(rect, 2.0, Color32::from_gray(128).gamma_multiply(0.25));
    if let Some(fill) = look.fill {
        painter.rect_filled(rect, 2.0, fill);
    }
    if let Some(pattern) = look.pattern {
        let points = swatch_pattern_points(rect);
        let mut shapes = Vec::new();
        pattern_shapes(pattern, &points, Stroke::new(1.3, color), &mut shapes);
        painter.with_clip_rect(rect).extend(shapes);
    }
    if look.dash.is_some() {
        painter.rect_stroke(rect, 2.0, Stroke::new(1.4, color), egui::StrokeKind::Inside);
    }
    if let Some(badge) = look.badge {
        let mut shapes = Vec::new();
        badge_shapes(
            badge,
            rect.center(),
            BADGE_RADIUS_PX,
            Color32::from_gray(128).gamma_multiply(0.5),
            &mut shapes,
        );
        painter.extend(shapes);
    }
}

/// Where a swatch's pattern marks go: a grid a little denser than on the map.
fn swatch_pattern_points(rect: Rect) -> Vec<egui::Pos2> {
    let mut points = Vec::new();
    let mut y = rect.top() + PATTERN_SPACING_PX / 2.0;
    while y < rect.bottom() {
        let mut x = rect.left() + PATTERN_SPACING_PX / 2.0;
        while x < rect.right() {
            points.push(egui::pos2(x, y));
            x += PATTERN_SPACING_PX * 0.8;
        }
        y += PATTERN_SPACING_PX * 0.8;
    }
    points
}

/// How each kind of tension the layers draw is dashed, so that F1's "line style tells their
/// kind" can be read off the legend.
fn tension_kinds_key_ui(ui: &mut Ui, layers: &MapLayers, palette: &Palette) {
    let mut kinds: Vec<TensionKind> = layers.tensions.iter().map(|t| t.kind).collect();
    kinds.sort_by_key(|kind| TensionKind::ALL.iter().position(|k| k == kind));
    kinds.dedup();
    if kinds.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(
        egui::RichText::new("Tension kinds")
            .size(LEGEND_KEY_FONT_SIZE)
            .strong(),
    );
    for kind in kinds {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(SWATCH, Sense::hover());
            let (dash, width) = tension_dash(kind);
            let line = [rect.left_center(), rect.right_center()];
            let stroke = Stroke::new(width, palette.tension);
            match dash {
                Dash::Solid => {
                    ui.painter().line_segment(line, stroke);
                }
                Dash::Dashed(length, gap) => {
                    ui.painter()
                        .extend(egui::Shape::dashed_line(&line, stroke, length, gap));
                }
            }
            let mut marker = Vec::new();
            tension_marker_shapes(
                tension_marker_shape(kind),
                rect.center(),
                LEGEND_MARKER_RADIUS_PX,
                palette.tension,
                Stroke::new(1.0, palette.label_halo),
                false,
                &mut marker,
            );
            ui.painter().extend(marker);
            ui.label(egui::RichText::new(kind.label()).size(LEGEND_KEY_FONT_SIZE));
        });
    }
    if layers.tensions.iter().any(|t| t.proposed) {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(SWATCH, Sense::hover());
            let color = palette.proposed_tension();
            ui.painter().line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(TENSION_WIDTH_PX - PROPOSED_TENSION_THINNING_PX, color),
            );
            let mut marker = Vec::new();
            tension_marker_shapes(
                MarkerShape::Circle,
                rect.center(),
                LEGEND_MARKER_RADIUS_PX,
                color,
                Stroke::new(1.0, palette.label_halo),
                true,
                &mut marker,
            );
            ui.painter().extend(marker);
            ui.label(
                egui::RichText::new("proposed by drafting, not yet accepted")
                    .size(LEGEND_KEY_FONT_SIZE),
            )
                .on_hover_text(
                    "Read from the quote by the relation dictionary; accept, edit or drop it in the editor (Edit > Edit this scenario)",
                );
        });
    }
}

/// How statuses other than membership are drawn.
fn status_key_ui(ui: &mut Ui, color: Color32) {
    ui.add_space(4.0);
    ui.label(
        egui::RichText::new("Status in an alliance")
            .size(LEGEND_KEY_FONT_SIZE)
            .strong(),
    );
    ui.horizontal_wrapped(|ui| {
        for status in [
            Status::Member,
            Status::Suspended,
            Status::Frozen,
            Status::Former,
        ] {
            let (rect, _) = ui.allocate_exact_size(SWATCH, Sense::hover());
            paint_status_swatch(ui.painter(), rect, GroupKind::Alliance, status, color);
            ui.label(egui::RichText::new(status.label()).size(LEGEND_KEY_FONT_SIZE));
        }
    });
}
