//! Country fills and outlines built from the cached Mercator meshes: a frame only moves
//! vertices to the screen and skips what is out of view.

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Color32, Mesh, Pos2, Shape, Stroke};

use super::patterns::PatternGrid;
use super::style::MIN_OUTLINED_PART_PX;
use super::view::MercatorView;
use crate::model::mercator::MercatorPoint;
use crate::model::mesh::ShapeMesh;
use crate::model::{CountryId, World};

/// One country to fill, and how.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CountryFill {
    pub country: CountryId,
    pub color: Color32,
}

/// One country to outline, and how.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CountryOutline {
    pub country: CountryId,
    pub stroke: Stroke,
    pub dash: Dash,
}

/// How an outline is broken up, so outlines differ by more than colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dash {
    Solid,
    /// Dash and gap lengths in pixels.
    Dashed(f32, f32),
}

/// Appends the visible parts of the given countries to `mesh`, one colour per country.
pub fn fill_mesh(
    world: &World,
    view: &MercatorView,
    fills: impl IntoIterator<Item = CountryFill>,
    mesh: &mut Mesh,
) {
    let detail = view.detail();
    for fill in fills {
        append_shape_mesh(
            world.country(fill.country).mesh(detail),
            view,
            fill.color,
            mesh,
        );
    }
}

/// Like [`fill_mesh`], with texture coordinates on the map's [`PatternGrid`]. `mesh` carries
/// the pattern's texture.
pub fn pattern_mesh(
    world: &World,
    view: &MercatorView,
    fills: impl IntoIterator<Item = CountryFill>,
    mesh: &mut Mesh,
) {
    let detail = view.detail();
    for fill in fills {
        append_pattern_mesh(
            world.country(fill.country).mesh(detail),
            view,
            fill.color,
            mesh,
        );
    }
}

/// Moves the visible parts of one shape to the screen with texture coordinates on the map's
/// [`PatternGrid`], in every copy of the world on screen.
pub fn append_pattern_mesh(
    shape: &ShapeMesh,
    view: &MercatorView,
    color: Color32,
    mesh: &mut Mesh,
) {
    // One grid serves every copy: the world's width is a whole number of periods.
    let grid = PatternGrid::for_view(view);
    append_parts(shape, view, color, &|pos| grid.uv(pos), mesh);
}

/// Moves the visible parts of one triangulated shape to the screen and appends them to `mesh`.
pub fn append_shape_mesh(shape: &ShapeMesh, view: &MercatorView, color: Color32, mesh: &mut Mesh) {
    append_parts(shape, view, color, &|_| WHITE_UV, mesh);
}

fn append_parts(
    shape: &ShapeMesh,
    view: &MercatorView,
    color: Color32,
    uv_of: &dyn Fn(Pos2) -> Pos2,
    mesh: &mut Mesh,
) {
    for view in view.world_copies() {
        append_visible_parts(shape, &view, color, uv_of, mesh);
    }
}

/// Appends the parts of one shape visible in this very view, without the world's copies.
pub(crate) fn append_visible_fill(
    shape: &ShapeMesh,
    view: &MercatorView,
    color: Color32,
    mesh: &mut Mesh,
) {
    append_visible_parts(shape, view, color, &|_| WHITE_UV, mesh);
}

fn append_visible_parts(
    shape: &ShapeMesh,
    view: &MercatorView,
    color: Color32,
    uv_of: &dyn Fn(Pos2) -> Pos2,
    mesh: &mut Mesh,
) {
    let visible = view.visible_mercator();
    for part in shape
        .parts
        .iter()
        .filter(|part| part.bbox_in_mercator.intersects(&visible))
    {
        let (Some(first_ring), Some(last_ring)) = (part.rings.first(), part.rings.last()) else {
            continue;
        };
        let vertex_range = first_ring.start..last_ring.end;
        let base = mesh.vertices.len() as u32;
        let offset = vertex_range.start as u32;
        mesh.vertices
            .extend(shape.vertices[vertex_range].iter().map(|point| {
                let pos = view.to_screen(*point);
                Vertex {
                    pos,
                    uv: uv_of(pos),
                    color,
                }
            }));
        mesh.indices.extend(
            shape.triangles[part.triangles.clone()]
                .iter()
                .map(|index| base + index - offset),
        );
    }
}

/// Appends outline shapes for the visible parts of the given countries. Edges along the
/// antimeridian are cuts made for the flat map, not borders, so they are left out.
/// The parts of a shape worth outlining in `view`: on screen, and at least `min_extent` wide
/// or tall (smaller ones would only smear into a blot).
pub fn outlined_parts<'a>(
    shape: &'a ShapeMesh,
    view: &MercatorView,
    min_extent: f64,
) -> impl Iterator<Item = &'a crate::model::mesh::MeshPart> + use<'a> {
    let visible = view.visible_mercator();
    shape.parts.iter().filter(move |part| {
        let bbox = &part.bbox_in_mercator;
        bbox.intersects(&visible)
            && (bbox.max[0] - bbox.min[0]).max(bbox.max[1] - bbox.min[1]) >= min_extent
    })
}

pub fn outline_shapes(
    world: &World,
    view: &MercatorView,
    outlines: impl IntoIterator<Item = CountryOutline>,
    shapes: &mut Vec<Shape>,
) {
    let detail = view.detail();
    let min_extent = MIN_OUTLINED_PART_PX as f64 / view.pixels_per_unit();
    let copies: Vec<MercatorView> = view.world_copies().collect();
    for outline in outlines {
        let shape = world.country(outline.country).mesh(detail);
        for view in &copies {
            for part in outlined_parts(shape, view, min_extent) {
                for ring in &part.rings {
                    let points = &shape.vertices[ring.clone()];
                    push_ring_outline(points, view, outline, shapes);
                }
            }
        }
    }
}

fn on_antimeridian(a: MercatorPoint, b: MercatorPoint) -> bool {
    (a.x == 0.0 && b.x == 0.0) || (a.x == 1.0 && b.x == 1.0)
}

fn push_ring_outline(
    ring: &[MercatorPoint],
    view: &MercatorView,
    outline: CountryOutline,
    shapes: &mut Vec<Shape>,
) {
    let mut push_line = |points: Vec<egui::Pos2>, closed: bool| match outline.dash {
        Dash::Solid if closed => shapes.push(Shape::closed_line(points, outline.stroke)),
        Dash::Solid => shapes.push(Shape::line(points, outline.stroke)),
        Dash::Dashed(dash, gap) => {
            let mut points = points;
            if closed && let Some(first) = points.first().copied() {
                points.push(first);
            }
            shapes.extend(Shape::dashed_line(&points, outline.stroke, dash, gap));
        }
    };
    let n = ring.len();
    let cut = (0..n).position(|i| on_antimeridian(ring[i], ring[(i + 1) % n]));
    let Some(cut) = cut else {
        push_line(ring.iter().map(|p| view.to_screen(*p)).collect(), true);
        return;
    };
    // Walk once round the ring starting just after a cut, breaking the line at every cut.
    let mut run = Vec::new();
    for step in 1..=n {
        let i = (cut + step) % n;
        let next = (i + 1) % n;
        run.push(view.to_screen(ring[i]));
        if on_antimeridian(ring[i], ring[next]) || step == n {
            if run.len() > 1 {
                push_line(std::mem::take(&mut run), false);
            }
            run.clear();
        }
    }
}
