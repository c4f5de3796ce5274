//! Triangulated country shapes in Web-Mercator space, built once per level of detail.

use std::ops::Range;

use super::mercator::{self, MercatorPoint};
use super::polygon::{BoundingBox, Polygon};

/// The triangles and outlines of one country at one level of detail. Vertices are the rings'
/// own points projected to Mercator, so outlines index the same buffer the fill does.
#[derive(Clone, Debug, Default)]
pub struct ShapeMesh {
    pub vertices: Vec<MercatorPoint>,
    pub triangles: Vec<u32>,
    pub parts: Vec<MeshPart>,
}

/// One polygon of a [`ShapeMesh`]: the slices of the shared buffers it owns and its extent.
#[derive(Clone, Debug)]
pub struct MeshPart {
    pub triangles: Range<usize>,
    /// Each ring's vertices, outer first; rings are closed implicitly.
    pub rings: Vec<Range<usize>>,
    pub bbox_in_mercator: BoundingBox,
}

/// Why a polygon could not be triangulated.
#[derive(Debug, thiserror::Error)]
#[error("polygon {polygon} could not be triangulated")]
pub struct TriangulationError {
    pub polygon: usize,
}

impl ShapeMesh {
    /// Triangulates every polygon with ear clipping in Mercator coordinates.
    pub fn build(polygons: &[Polygon]) -> Result<Self, TriangulationError> {
        Self::build_with(polygons, true)
    }

    /// The outlines alone, with no triangles to fill them: for shapes too large to
    /// triangulate in reasonable time (ear clipping is quadratic on comb-like shapes).
    pub fn outline_only(polygons: &[Polygon]) -> Self {
        // Without triangulation nothing can fail.
        Self::build_with(polygons, false).unwrap_or_default()
    }

    fn build_with(polygons: &[Polygon], triangulate: bool) -> Result<Self, TriangulationError> {
        let mut mesh = ShapeMesh::default();
        let mut earcut = earcut::Earcut::new();
        let mut local: Vec<u32> = Vec::new();
        let mut hole_starts: Vec<u32> = Vec::new();
        for (polygon_index, polygon) in polygons.iter().enumerate() {
            let first_vertex = mesh.vertices.len();
            hole_starts.clear();
            let mut rings = Vec::with_capacity(polygon.rings().len());
            let mut bbox = BoundingBox::EMPTY;
            for (ring_index, ring) in polygon.rings().iter().enumerate() {
                if ring_index > 0 {
                    hole_starts.push((mesh.vertices.len() - first_vertex) as u32);
                }
                let start = mesh.vertices.len();
                for &[lon, lat] in ring {
                    let point = mercator::project(lon, lat);
                    bbox.include([point.x, point.y]);
                    mesh.vertices.push(point);
                }
                rings.push(start..mesh.vertices.len());
            }
            local.clear();
            if triangulate {
                earcut.earcut(
                    mesh.vertices[first_vertex..].iter().map(|p| [p.x, p.y]),
                    &hole_starts,
                    &mut local,
                );
            }
            if triangulate && mesh.vertices.len() - first_vertex >= 3 && local.is_empty() {
                return Err(TriangulationError {
                    polygon: polygon_index,
                });
            }
            let first_index = mesh.triangles.len();
            mesh.triangles
                .extend(local.iter().map(|&i| first_vertex as u32 + i));
            mesh.parts.push(MeshPart {
                triangles: first_index..mesh.triangles.len(),
                rings,
                bbox_in_mercator: bbox,
            });
        }
        Ok(mesh)
    }

    /// Total area of the triangles, in squared Mercator units.
    pub fn triangle_area(&self) -> f64 {
        self.triangles
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| self.vertices[i as usize]);
                ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)).abs() / 2.0
            })
            .sum()
    }

    /// Area enclosed by the rings (holes subtracted), in squared Mercator units.
    pub fn ring_area(&self) -> f64 {
        self.parts
            .iter()
            .map(|part| {
                let mut rings = part.rings.iter().map(|range| {
                    let ring: Vec<[f64; 2]> = self.vertices[range.clone()]
                        .iter()
                        .map(|p| [p.x, p.y])
                        .collect();
                    super::polygon::signed_area(&ring).abs()
                });
                let outer = rings.next().unwrap_or(0.0);
                outer - rings.sum::<f64>()
            })
            .sum()
    }
}
