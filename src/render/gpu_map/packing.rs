//! One level of detail of the world packed for the GPU: every country's triangles and outline
//! runs and the border network as vertex and index buffers (plain bytes, made on the CPU), with
//! the index ranges of each polygon and run and where it lies, for a frame to pick what is on
//! screen.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::model::mercator::MercatorPoint;
use crate::model::mesh::ShapeMesh;
use crate::model::strokes::Strokes;
use crate::model::{BoundingBox, Detail, World};

/// A fill vertex: a Mercator point as a high and a low f32.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub(super) struct PointVertex {
    pub(super) hi: [f32; 2],
    pub(super) lo: [f32; 2],
}

/// A stroke vertex: a point of a line, its miter, and the side of the line it lies on (-1
/// left, +1 right), a feather beyond the core.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub(super) struct StrokeVertex {
    hi: [f32; 2],
    lo: [f32; 2],
    normal: [f32; 2],
    side: f32,
}

pub(super) fn split(point: MercatorPoint) -> PointVertex {
    let hi = [point.x as f32, point.y as f32];
    PointVertex {
        hi,
        lo: [
            (point.x - f64::from(hi[0])) as f32,
            (point.y - f64::from(hi[1])) as f32,
        ],
    }
}

/// Triangles of one polygon, or of one piece of a large one, and where they lie.
#[derive(Clone, Debug)]
pub(super) struct FillSpan {
    pub(super) indices: Range<u32>,
    bbox: BoundingBox,
}

/// One run of a line's strokes.
#[derive(Clone, Debug)]
pub(super) struct StrokeSpan {
    pub(super) indices: Range<u32>,
    bbox: BoundingBox,
    pub(super) line_extent: f64,
    pub(super) shared: bool,
}

/// Something with an extent in Mercator units.
pub(super) trait Extent {
    fn extent(&self) -> &BoundingBox;
}

impl Extent for FillSpan {
    fn extent(&self) -> &BoundingBox {
        &self.bbox
    }
}

impl Extent for StrokeSpan {
    fn extent(&self) -> &BoundingBox {
        &self.bbox
    }
}

/// Spans in the order they were made (neighbours on the map, mostly), with the extent of
/// every few: a frame passes over a stretch off screen with one test.
pub(super) struct Chunked<T> {
    items: Vec<T>,
    chunks: Vec<(BoundingBox, Range<usize>)>,
}

/// Spans per chunk.
const SPANS_PER_CHUNK: usize = 32;

impl<T: Extent> Chunked<T> {
    fn new(items: Vec<T>) -> Self {
        let chunks = (0..items.len())
            .step_by(SPANS_PER_CHUNK)
            .map(|start| {
                let range = start..(start + SPANS_PER_CHUNK).min(items.len());
                let extent = items[range.clone()]
                    .iter()
                    .skip(1)
                    .fold(*items[start].extent(), |all, item| all.union(item.extent()));
                (extent, range)
            })
            .collect();
        Self { items, chunks }
    }

    /// The extent of them all.
    fn extent(&self) -> Option<BoundingBox> {
        let mut chunks = self.chunks.iter().map(|(bbox, _)| *bbox);
        let first = chunks.next()?;
        Some(chunks.fold(first, |all, bbox| all.union(&bbox)))
    }

    /// The spans whose extent meets `visible`.
    pub(super) fn meeting<'a>(
        &'a self,
        visible: &'a BoundingBox,
    ) -> impl Iterator<Item = &'a T> + 'a {
        self.chunks
            .iter()
            .filter(|(bbox, _)| bbox.intersects(visible))
            .flat_map(|(_, range)| &self.items[range.clone()])
            .filter(|item| item.extent().intersects(visible))
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.items.len()
    }
}

/// The buffers to upload.
pub(super) struct Buffers {
    pub(super) fill_vertices: Vec<PointVertex>,
    pub(super) fill_indices: Vec<u32>,
    pub(super) stroke_vertices: Vec<StrokeVertex>,
    pub(super) stroke_indices: Vec<u32>,
}

/// One level of detail of the world as GPU buffers, with the index ranges of every country's
/// polygons and outline runs and of the border network's runs, to pick what is on screen.
pub struct GpuGeometry {
    /// Handed over when uploaded, so that memory does not hold them twice.
    buffers: Mutex<Option<Buffers>>,
    buffer_bytes: usize,
    /// Set when a renderer found the buffers handed over to another (a renderer made anew):
    /// the level is built again.
    handed_over: AtomicBool,
    /// Per country, in id order: the extent of its polygons, to pass over a country off
    /// screen without looking at its spans.
    pub(super) extents: Vec<Option<BoundingBox>>,
    /// Per country, in id order.
    pub(super) fills: Vec<Chunked<FillSpan>>,
    pub(super) outlines: Vec<Chunked<StrokeSpan>>,
    pub(super) network: Chunked<StrokeSpan>,
}

impl GpuGeometry {
    /// Every country's triangles and outline at `detail` (as the world has it now), and
    /// the border network.
    pub fn build(world: &World, detail: Detail) -> Self {
        let detail = world.available(detail);
        let mut buffers = Buffers {
            fill_vertices: Vec::new(),
            fill_indices: Vec::new(),
            stroke_vertices: Vec::new(),
            stroke_indices: Vec::new(),
        };
        let mut fills = Vec::with_capacity(world.countries().len());
        let mut outlines = Vec::with_capacity(world.countries().len());
        for country in world.countries() {
            fills.push(Chunked::new(append_fill(
                country.mesh(detail),
                &mut buffers,
            )));
            outlines.push(Chunked::new(append_strokes(
                country.strokes(detail),
                &mut buffers,
            )));
        }
        let network = append_strokes(world.borders(detail), &mut buffers);
        let network = Chunked::new(network);
        let extents = fills.iter().map(Chunked::extent).collect();
        Self {
            buffer_bytes: buffers.bytes(),
            buffers: Mutex::new(Some(buffers)),
            handed_over: AtomicBool::new(false),
            extents,
            fills,
            outlines,
            network,
        }
    }

    /// Bytes its buffers take on the GPU (and in memory until they are uploaded).
    pub fn buffer_bytes(&self) -> usize {
        self.buffer_bytes
    }

    /// The buffers, for the one upload; `None` once handed over, which marks the geometry
    /// to be built again.
    pub(super) fn hand_over(&self) -> Option<Buffers> {
        let taken = self
            .buffers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if taken.is_none() {
            self.handed_over.store(true, Ordering::Relaxed);
        }
        taken
    }

    /// Whether a renderer asked for the buffers after they were handed over.
    pub(super) fn is_stale(&self) -> bool {
        self.handed_over.load(Ordering::Relaxed)
    }
}

impl Buffers {
    fn bytes(&self) -> usize {
        std::mem::size_of_val(self.fill_vertices.as_slice())
            + std::mem::size_of_val(self.fill_indices.as_slice())
            + std::mem::size_of_val(self.stroke_vertices.as_slice())
            + std::mem::size_of_val(self.stroke_indices.as_slice())
    }
}

fn append_fill(shape: &ShapeMesh, buffers: &mut Buffers) -> Vec<FillSpan> {
    let base = buffers.fill_vertices.len() as u32;
    buffers
        .fill_vertices
        .extend(shape.vertices.iter().map(|&point| split(point)));
    let indices = &mut buffers.fill_indices;
    let mut spans = Vec::new();
    for part in &shape.parts {
        if part.pieces.is_empty() {
            let start = indices.len() as u32;
            indices.extend(
                shape.triangles[part.triangles.clone()]
                    .iter()
                    .map(|i| base + i),
            );
            spans.push(FillSpan {
                indices: start..indices.len() as u32,
                bbox: part.bbox_in_mercator,
            });
            continue;
        }
        for piece in &shape.pieces[part.pieces.clone()] {
            let start = indices.len() as u32;
            indices.extend(
                piece
                    .triangles
                    .iter()
                    .map(|&local| base + piece.vertices[local as usize]),
            );
            spans.push(FillSpan {
                indices: start..indices.len() as u32,
                bbox: piece.bbox_in_mercator,
            });
        }
    }
    spans
}

/// Each run as a triangle strip along its points. A run's first and last vertices come twice,
/// so that the runs of a range drawn in one call are joined by triangles of no area (a strip
/// restart index would do, but not every backend honours it).
fn append_strokes(strokes: &Strokes, buffers: &mut Buffers) -> Vec<StrokeSpan> {
    let mut spans = Vec::with_capacity(strokes.runs.len());
    for run in &strokes.runs {
        let range = run.points.start as usize..run.points.end as usize;
        if range.len() < 2 {
            continue; // a point draws no line
        }
        let start = buffers.stroke_indices.len() as u32;
        let first = buffers.stroke_vertices.len() as u32;
        buffers.stroke_indices.push(first);
        for (point, normal) in strokes.points[range.clone()]
            .iter()
            .zip(&strokes.normals[range])
        {
            let PointVertex { hi, lo } = split(*point);
            for side in [-1.0, 1.0] {
                buffers
                    .stroke_indices
                    .push(buffers.stroke_vertices.len() as u32);
                buffers.stroke_vertices.push(StrokeVertex {
                    hi,
                    lo,
                    normal: *normal,
                    side,
                });
            }
        }
        let last = buffers.stroke_vertices.len() as u32 - 1;
        buffers.stroke_indices.push(last);
        spans.push(StrokeSpan {
            indices: start..buffers.stroke_indices.len() as u32,
            bbox: run.bbox,
            line_extent: run.line_extent,
            shared: run.shared,
        });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_split_in_two_floats_keeps_its_position_to_a_millionth_of_a_pixel_at_zoom_18() {
        let pixel_at_zoom_18 = 1.0 / (256.0 * 2f64.powi(18));
        for point in [
            MercatorPoint::new(0.695_123_456_789, 0.377_987_654_321),
            MercatorPoint::new(0.000_001_234_567, 0.999_999_876_543),
        ] {
            let v = split(point);
            let back_x = f64::from(v.hi[0]) + f64::from(v.lo[0]);
            let back_y = f64::from(v.hi[1]) + f64::from(v.lo[1]);
            assert!((back_x - point.x).abs() < pixel_at_zoom_18 * 1e-6);
            assert!((back_y - point.y).abs() < pixel_at_zoom_18 * 1e-6);
        }
    }
}
