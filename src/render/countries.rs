//! Country fills and outlines built from the cached Mercator meshes and strokes: a frame only
//! moves vertices to the screen (outlines along their cached miters) and skips what is out
//! of view.

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Color32, Mesh, Pos2, Shape, Stroke};

use super::patterns::PatternGrid;
use super::style::MIN_OUTLINED_PART_PX;
use super::view::MercatorView;
use crate::model::mercator::MercatorPoint;
use crate::model::mesh::{FillPiece, ShapeMesh};
use crate::model::strokes::{StrokeRun, Strokes, on_antimeridian};
use crate::model::{CountryId, World};

/// How wide egui feathers an edge, in points: the strokes fade out over it as egui's own
/// anti-aliased lines do.
pub(crate) const FEATHER_PX: f32 = 1.0;

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
        if !part.pieces.is_empty() {
            append_visible_pieces(
                shape,
                &shape.pieces[part.pieces.clone()],
                view,
                color,
                uv_of,
                mesh,
            );
            continue;
        }
        let (Some(first_ring), Some(last_ring)) = (part.rings.first(), part.rings.last()) else {
            continue;
        };
        let vertex_range = first_ring.start..last_ring.end;
        let offset = vertex_range.start as u32;
        append_triangles(
            shape.vertices[vertex_range].iter().copied(),
            shape.triangles[part.triangles.clone()]
                .iter()
                .map(|index| index - offset),
            view,
            color,
            uv_of,
            mesh,
        );
    }
}

/// Moves `points` to the screen and appends them with `triangles`, which index into `points`.
fn append_triangles(
    points: impl Iterator<Item = MercatorPoint>,
    triangles: impl Iterator<Item = u32>,
    view: &MercatorView,
    color: Color32,
    uv_of: &dyn Fn(Pos2) -> Pos2,
    mesh: &mut Mesh,
) {
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend(points.map(|point| {
        let pos = view.to_screen(point);
        Vertex {
            pos,
            uv: uv_of(pos),
            color,
        }
    }));
    mesh.indices.extend(triangles.map(|index| base + index));
}

/// Appends the pieces of a large polygon that are on screen.
fn append_visible_pieces(
    shape: &ShapeMesh,
    pieces: &[FillPiece],
    view: &MercatorView,
    color: Color32,
    uv_of: &dyn Fn(Pos2) -> Pos2,
    mesh: &mut Mesh,
) {
    let visible = view.visible_mercator();
    for piece in pieces
        .iter()
        .filter(|piece| piece.bbox_in_mercator.intersects(&visible))
    {
        append_triangles(
            piece
                .vertices
                .iter()
                .map(|&index| shape.vertices[index as usize]),
            piece.triangles.iter().copied(),
            view,
            color,
            uv_of,
            mesh,
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
    let mut solid = Mesh::default();
    let mut dashed = Mesh::default();
    for outline in outlines {
        let strokes = world.country(outline.country).strokes(detail);
        match outline.dash {
            Dash::Solid => append_strokes(strokes, view, outline.stroke, &mut solid),
            Dash::Dashed(dash, gap) => {
                append_dashed_strokes(strokes, view, outline.stroke, (dash, gap), &mut dashed);
            }
        }
    }
    for mesh in [solid, dashed] {
        if !mesh.is_empty() {
            shapes.push(Shape::mesh(mesh));
        }
    }
}

/// Like [`append_strokes`], broken into dashes of `dash` and `gap` pixels. The dashes keep
/// their places on the map as it pans (they are counted from each line's start), and only
/// the runs on screen are cut into them, so a long outline costs what its visible part does.
pub fn append_dashed_strokes(
    strokes: &Strokes,
    view: &MercatorView,
    stroke: Stroke,
    (dash, gap): (f32, f32),
    mesh: &mut Mesh,
) {
    let Some((half_core, color)) = stroke_profile(stroke) else {
        return;
    };
    let period = dash + gap;
    if !(dash > 0.0 && gap >= 0.0 && period.is_finite()) {
        return;
    }
    let min_extent = MIN_OUTLINED_PART_PX as f64 / view.pixels_per_unit();
    for copy in view.world_copies() {
        let visible = visible_with_margin(&copy, stroke.width + FEATHER_PX);
        for run in strokes
            .runs
            .iter()
            .filter(|run| run.line_extent >= min_extent && run.bbox.intersects(&visible))
        {
            let points = &strokes.points[run.points.start as usize..run.points.end as usize];
            let mut phase =
                (run.along * copy.pixels_per_unit()).rem_euclid(f64::from(period)) as f32;
            for pair in points.windows(2) {
                let (from, to) = (copy.to_screen(pair[0]), copy.to_screen(pair[1]));
                let length = from.distance(to);
                if length <= 0.0 {
                    continue;
                }
                let direction = (to - from) / length;
                let mut done = 0.0;
                while done < length {
                    let in_dash = phase < dash;
                    let step = (if in_dash { dash } else { period } - phase).min(length - done);
                    if in_dash {
                        let start = from + direction * done;
                        append_dash(start, start + direction * step, half_core, color, mesh);
                    }
                    done += step;
                    phase += step;
                    if phase >= period {
                        phase -= period;
                    }
                }
            }
        }
    }
}

/// One dash from `a` to `b`, feathered across like egui's lines.
fn append_dash(a: Pos2, b: Pos2, half_core: f32, color: Color32, mesh: &mut Mesh) {
    let normal = (b - a).normalized().rot90();
    let base = mesh.vertices.len() as u32;
    for end in [a, b] {
        for (offset, color) in feathered_offsets(half_core, color) {
            mesh.vertices.push(Vertex {
                pos: end + normal * offset,
                uv: WHITE_UV,
                color,
            });
        }
    }
    for side in 0..3 {
        let (a0, a1, b0, b1) = (
            base + side,
            base + side + 1,
            base + side + 4,
            base + side + 5,
        );
        mesh.indices.extend_from_slice(&[a0, a1, b0, a1, b1, b0]);
    }
}

/// The four lines along a widened stroke, left to right: where they lie from its middle, in
/// pixels, and their colour (the outer two fade out over the feather).
fn feathered_offsets(half_core: f32, color: Color32) -> [(f32, Color32); 4] {
    [
        (-half_core - FEATHER_PX, Color32::TRANSPARENT),
        (-half_core, color),
        (half_core, color),
        (half_core + FEATHER_PX, Color32::TRANSPARENT),
    ]
}

/// The part of the map on screen in `view`, widened by `margin_px` all round.
pub(crate) fn visible_with_margin(
    view: &MercatorView,
    margin_px: f32,
) -> crate::model::BoundingBox {
    let margin = f64::from(margin_px) / view.pixels_per_unit();
    let visible = view.visible_mercator();
    crate::model::BoundingBox {
        min: [visible.min[0] - margin, visible.min[1] - margin],
        max: [visible.max[0] + margin, visible.max[1] + margin],
    }
}

/// Widens cached strokes into `mesh` for this frame, with the world's copies: each point
/// moves along its miter by half the width, and the edges fade out over a feather as egui's
/// lines do. Lines too small to show, and runs off screen, are left out.
pub fn append_strokes(strokes: &Strokes, view: &MercatorView, stroke: Stroke, mesh: &mut Mesh) {
    append_strokes_where(strokes, view, stroke, |_| true, mesh);
}

/// Like [`append_strokes`], for the runs that `include` accepts.
pub fn append_strokes_where(
    strokes: &Strokes,
    view: &MercatorView,
    stroke: Stroke,
    include: impl Fn(&StrokeRun) -> bool,
    mesh: &mut Mesh,
) {
    let Some((half_core, color)) = stroke_profile(stroke) else {
        return;
    };
    let min_extent = MIN_OUTLINED_PART_PX as f64 / view.pixels_per_unit();
    let offsets = feathered_offsets(half_core, color);
    for copy in view.world_copies() {
        let visible = visible_with_margin(&copy, stroke.width + FEATHER_PX);
        for run in strokes.runs.iter().filter(|run| {
            run.line_extent >= min_extent && run.bbox.intersects(&visible) && include(run)
        }) {
            let range = run.points.start as usize..run.points.end as usize;
            let base = mesh.vertices.len() as u32;
            for (point, normal) in strokes.points[range.clone()]
                .iter()
                .zip(&strokes.normals[range.clone()])
            {
                let center = copy.to_screen(*point);
                for (offset, color) in offsets {
                    mesh.vertices.push(Vertex {
                        pos: Pos2::new(
                            center.x + normal[0] * offset,
                            center.y + normal[1] * offset,
                        ),
                        uv: WHITE_UV,
                        color,
                    });
                }
            }
            for segment in 0..(range.len() as u32).saturating_sub(1) {
                let (a, b) = (base + segment * 4, base + segment * 4 + 4);
                for side in 0..3 {
                    let (a0, a1, b0, b1) = (a + side, a + side + 1, b + side, b + side + 1);
                    mesh.indices.extend_from_slice(&[a0, a1, b0, a1, b1, b0]);
                }
            }
        }
    }
}

/// A widened stroke's half core width (the part in full colour, each side of the line) and
/// colour; `None` for a stroke that draws nothing.
pub(crate) fn stroke_profile(stroke: Stroke) -> Option<(f32, Color32)> {
    if stroke.width <= 0.0 || stroke.color == Color32::TRANSPARENT {
        return None;
    }
    // Thinner than the feather: drawn a feather wide with its colour faded, as egui does.
    Some(if stroke.width < FEATHER_PX {
        (0.0, stroke.color.gamma_multiply(stroke.width / FEATHER_PX))
    } else {
        ((stroke.width - FEATHER_PX) / 2.0, stroke.color)
    })
}

pub(crate) fn push_ring_outline(
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

#[cfg(test)]
mod tests {
    use egui::{Rect, pos2, vec2};

    use super::*;
    use crate::model::geo::LonLat;
    use crate::model::mercator;
    use crate::model::strokes::Line;

    /// A line due east along 40° N from 40° E to 50° E, in many short segments (so in several
    /// runs).
    fn eastward_line() -> Strokes {
        let points = (0..=400)
            .map(|i| mercator::project(40.0 + f64::from(i) * 0.025, 40.0))
            .collect();
        Strokes::from_lines([Line {
            points,
            closed: false,
            shared: false,
            polygon_extent: 1.0,
        }])
    }

    /// Where the dashes start, as longitudes: the pieces a dash is cut into where the line
    /// bends joined again, and the first one (which may be cut by the screen's edge) left out.
    fn dash_starts(strokes: &Strokes, view: &MercatorView) -> Vec<f64> {
        let mut mesh = Mesh::default();
        let stroke = Stroke::new(2.0, Color32::RED);
        append_dashed_strokes(strokes, view, stroke, (8.0, 4.0), &mut mesh);
        let lon = |pos| mercator::unproject(view.screen_to_mercator(pos)).lon;
        let mut pieces: Vec<(f64, f64)> = mesh
            .vertices
            .chunks(8)
            .map(|piece| (lon(piece[1].pos), lon(piece[5].pos)))
            .collect();
        pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut starts = Vec::new();
        let mut end = f64::NEG_INFINITY;
        for (start, piece_end) in pieces {
            if start - end > 1e-9 {
                starts.push(start);
            }
            end = piece_end;
        }
        starts.into_iter().skip(1).collect()
    }

    #[test]
    fn dashes_stay_where_they_are_on_the_map_as_it_pans() {
        let strokes = eastward_line();
        assert!(strokes.runs.len() > 5);
        let screen = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let here = MercatorView::new(LonLat::new(45.0, 40.0), 6.0, screen);
        let panned = MercatorView::new(LonLat::new(45.37, 40.1), 6.0, screen);
        let (before, after) = (dash_starts(&strokes, &here), dash_starts(&strokes, &panned));
        let pixel = 360.0 / (256.0 * 64.0);
        // Every dash seen in both views starts at the same place on the map.
        let mut shared = 0;
        for lon in &after {
            if let Some(same) = before.iter().find(|b| (*b - lon).abs() < 6.0 * pixel) {
                assert!((same - lon).abs() < 0.01 * pixel, "{same} against {lon}");
                shared += 1;
            }
        }
        assert!(shared > 20, "only {shared} dashes in both views");
    }

    #[test]
    fn dashes_cover_the_share_of_the_line_the_pattern_gives() {
        let strokes = eastward_line();
        let screen = Rect::from_min_size(pos2(0.0, 0.0), vec2(4000.0, 600.0));
        let view = MercatorView::new(LonLat::new(45.0, 40.0), 6.0, screen);
        let mut mesh = Mesh::default();
        append_dashed_strokes(
            &strokes,
            &view,
            Stroke::new(2.0, Color32::RED),
            (8.0, 4.0),
            &mut mesh,
        );
        let inked: f32 = mesh
            .vertices
            .chunks(8)
            .map(|dash| dash[1].pos.distance(dash[5].pos))
            .sum();
        let from = view.to_screen(strokes.points[0]);
        let to = view.to_screen(strokes.points[strokes.points.len() - 1]);
        let share = inked / from.distance(to);
        assert!((share - 8.0 / 12.0).abs() < 0.01, "{share}");
    }
}
