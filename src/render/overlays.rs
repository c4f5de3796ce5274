//! GeoJSON overlays on the map: areas filled and outlined, lines, points; and picking them.

use egui::{Color32, Mesh, Pos2, Response, Shape, Stroke, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::countries::append_visible_fill;
use super::plugins::{halo_text, paint_layer};
use super::style::{
    CAPITAL_FONT_SIZE, OVERLAY_AREA_ALPHA, OVERLAY_LINE_WIDTH_PX, OVERLAY_PICK_DISTANCE_PX,
    OVERLAY_POINT_RADIUS_PX, Palette,
};
use super::view::MercatorView;
use crate::model::geo::LonLat;
use crate::model::overlay::{Overlay, OverlayShape, point_in_mercator};

pub struct OverlayPlugin<'a> {
    pub overlay: &'a Overlay,
    pub color: Color32,
    pub halo: Color32,
    pub selected_feature: Option<usize>,
    /// For the names of the overlay's points.
    pub palette: Palette,
}

impl Plugin for OverlayPlugin<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, _: &Response, projector: &Projector, _: &MapMemory) {
        paint_layer(ui, projector, |ui, view, shapes| {
            overlay_shapes(
                view,
                self.overlay,
                self.color,
                self.halo,
                self.selected_feature,
                shapes,
            );
            point_label_shapes(ui, view, self.overlay, &self.palette, shapes);
        });
    }
}

pub fn overlay_shapes(
    view: &MercatorView,
    overlay: &Overlay,
    color: Color32,
    halo: Color32,
    selected_feature: Option<usize>,
    shapes: &mut Vec<Shape>,
) {
    let mut areas = Mesh::default();
    let mut outlines = Vec::new();
    let mut lines = Vec::new();
    let mut points = Vec::new();
    // Everything is drawn once per copy of the world on screen, so shapes across the 180°
    // line show on both sides.
    let copies: Vec<MercatorView> = view.world_copies().collect();
    for view in &copies {
        let visible = view.visible_mercator();
        for (position, feature) in overlay.features.iter().enumerate() {
            let selected = selected_feature == Some(position);
            let width = if selected { 2.0 } else { 1.0 };
            for shape in &feature.shapes {
                match shape {
                    OverlayShape::Area { mesh, .. } => {
                        append_visible_fill(
                            mesh,
                            view,
                            color.gamma_multiply_u8(OVERLAY_AREA_ALPHA),
                            &mut areas,
                        );
                        for part in mesh
                            .parts
                            .iter()
                            .filter(|part| part.bbox_in_mercator.intersects(&visible))
                        {
                            for ring in &part.rings {
                                let ring_points: Vec<Pos2> = mesh.vertices[ring.clone()]
                                    .iter()
                                    .map(|p| view.to_screen(*p))
                                    .collect();
                                outlines.push(Shape::closed_line(
                                    ring_points,
                                    Stroke::new(1.5 * width, color),
                                ));
                            }
                        }
                    }
                    OverlayShape::Line(line) => {
                        let screen: Vec<Pos2> = line
                            .iter()
                            .map(|&p| view.to_screen(point_in_mercator(p)))
                            .collect();
                        lines.push(Shape::line(
                            screen.clone(),
                            Stroke::new(OVERLAY_LINE_WIDTH_PX * width + 2.0, halo),
                        ));
                        lines.push(Shape::line(
                            screen,
                            Stroke::new(OVERLAY_LINE_WIDTH_PX * width, color),
                        ));
                    }
                    OverlayShape::Point(point) => {
                        let center = view.to_screen(point_in_mercator(*point));
                        if view
                            .screen_rect()
                            .expand(OVERLAY_POINT_RADIUS_PX)
                            .contains(center)
                        {
                            // A diamond, so that a point never reads as a tension's round marker.
                            let radius = OVERLAY_POINT_RADIUS_PX * if selected { 1.5 } else { 1.0 };
                            points.push(diamond(center, radius + 2.0, halo));
                            points.push(diamond(center, radius, color));
                        }
                    }
                }
            }
        }
    }
    if !areas.is_empty() {
        shapes.push(Shape::mesh(areas));
    }
    shapes.extend(outlines);
    shapes.extend(lines);
    shapes.extend(points);
}

/// The feature (its position in the overlay) under a screen position: points first, then
/// lines, then areas, as smaller things sit on top.
pub fn overlay_feature_at(view: &MercatorView, overlay: &Overlay, pos: Pos2) -> Option<usize> {
    let copies: Vec<MercatorView> = view.world_copies().collect();
    let near_point = |point: [f64; 2]| {
        copies.iter().any(|copy| {
            copy.to_screen(point_in_mercator(point)).distance(pos) <= OVERLAY_PICK_DISTANCE_PX
        })
    };
    let near_line = |line: &[[f64; 2]]| {
        copies.iter().any(|copy| {
            line.windows(2).any(|w| {
                let a = copy.to_screen(point_in_mercator(w[0]));
                let b = copy.to_screen(point_in_mercator(w[1]));
                distance_to_segment(pos, a, b) <= OVERLAY_PICK_DISTANCE_PX
            })
        })
    };
    let LonLat { lon, lat } = view.screen_to_lon_lat(pos);
    let inside = |polygon: &crate::model::Polygon| {
        [lon, lon - 360.0, lon + 360.0]
            .iter()
            .any(|&l| polygon.contains(l, lat))
    };
    let find = |test: &dyn Fn(&OverlayShape) -> bool| {
        overlay
            .features
            .iter()
            .rposition(|feature| feature.shapes.iter().any(test))
    };
    find(&|shape| matches!(shape, OverlayShape::Point(p) if near_point(*p)))
        .or_else(|| find(&|shape| matches!(shape, OverlayShape::Line(l) if near_line(l))))
        .or_else(|| {
            find(&|shape| matches!(shape, OverlayShape::Area { polygon, .. } if inside(polygon)))
        })
}

fn diamond(center: Pos2, radius: f32, color: Color32) -> Shape {
    Shape::convex_polygon(
        vec![
            center + egui::vec2(0.0, -radius),
            center + egui::vec2(radius, 0.0),
            center + egui::vec2(0.0, radius),
            center + egui::vec2(-radius, 0.0),
        ],
        color,
        Stroke::NONE,
    )
}

/// The names of the overlay's points that have one (a `name`, `title` or `label` property),
/// beside them in the label ink.
fn point_label_shapes(
    ui: &Ui,
    view: &MercatorView,
    overlay: &Overlay,
    palette: &Palette,
    shapes: &mut Vec<Shape>,
) {
    let screen = view.screen_rect();
    for feature in &overlay.features {
        let Some(name) = feature.name() else {
            continue;
        };
        for shape in &feature.shapes {
            if let OverlayShape::Point(point) = shape {
                let center = view.to_screen(point_in_mercator(*point));
                if screen.contains(center) {
                    let at = center + egui::vec2(OVERLAY_POINT_RADIUS_PX + 4.0, 0.0);
                    halo_text(
                        shapes,
                        ui.painter(),
                        at,
                        egui::Align2::LEFT_CENTER,
                        name,
                        CAPITAL_FONT_SIZE,
                        palette,
                    );
                }
            }
        }
    }
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.distance(a + ab * t)
}
