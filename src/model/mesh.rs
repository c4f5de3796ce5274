//! Triangulated country shapes in Web-Mercator space, built once per level of detail.

use std::ops::Range;

use super::mercator::{self, MercatorPoint};
use super::polygon::{BoundingBox, Polygon};

/// Polygons with more vertices than this are also cut into pieces for the fill, so that a
/// frame zoomed on a corner of a large country moves only that corner to the screen.
const PIECES_FROM_VERTICES: usize = 2048;
/// Triangles per piece.
const TRIANGLES_PER_PIECE: usize = 512;

/// The triangles and outlines of one country at one level of detail. Vertices are the rings'
/// own points projected to Mercator, so outlines index the same buffer the fill does.
#[derive(Clone, Debug, Default)]
pub struct ShapeMesh {
    pub vertices: Vec<MercatorPoint>,
    pub triangles: Vec<u32>,
    pub parts: Vec<MeshPart>,
    /// The pieces of large parts (see [`MeshPart::pieces`]).
    pub pieces: Vec<FillPiece>,
}

/// Nearby triangles of a large polygon with the vertices they use and their extent.
#[derive(Clone, Debug)]
pub struct FillPiece {
    /// Indices into the mesh's `vertices`.
    pub vertices: Box<[u32]>,
    /// Triangles as indices into this piece's `vertices`.
    pub triangles: Box<[u32]>,
    pub bbox_in_mercator: BoundingBox,
}

/// One polygon of a [`ShapeMesh`]: the slices of the shared buffers it owns and its extent.
#[derive(Clone, Debug)]
pub struct MeshPart {
    pub triangles: Range<usize>,
    /// Each ring's vertices, outer first; rings are closed implicitly.
    pub rings: Vec<Range<usize>>,
    pub bbox_in_mercator: BoundingBox,
    /// For a polygon with many vertices, its triangles again in [`FillPiece`]s of nearby
    /// triangles, to fill only the pieces on screen; empty for small polygons.
    pub pieces: Range<usize>,
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
        // Sized up front, as a polygon of n vertices and h holes has n - 2 + 2h triangles: at
        // 1:10m growing by doubling would leave megabytes allocated and unused.
        let rings = || polygons.iter().flat_map(|polygon| polygon.rings());
        let vertex_count: usize = rings().map(Vec::len).sum();
        let triangle_count = if triangulate {
            (vertex_count + 2 * rings().count()).saturating_sub(4 * polygons.len())
        } else {
            0
        };
        let mut mesh = ShapeMesh {
            vertices: Vec::with_capacity(vertex_count),
            triangles: Vec::with_capacity(3 * triangle_count),
            ..ShapeMesh::default()
        };
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
            let first_piece = mesh.pieces.len();
            if mesh.vertices.len() - first_vertex > PIECES_FROM_VERTICES {
                mesh.cut_into_pieces(first_index..mesh.triangles.len(), &bbox);
            }
            mesh.parts.push(MeshPart {
                triangles: first_index..mesh.triangles.len(),
                rings,
                bbox_in_mercator: bbox,
                pieces: first_piece..mesh.pieces.len(),
            });
        }
        mesh.triangles.shrink_to_fit();
        mesh.pieces.shrink_to_fit();
        Ok(mesh)
    }

    /// Adds pieces for the triangles in `range`: sorted along a Z-order curve of their
    /// centroids within `bbox`, so that consecutive triangles lie near each other, then cut
    /// into runs of [`TRIANGLES_PER_PIECE`].
    fn cut_into_pieces(&mut self, range: Range<usize>, bbox: &BoundingBox) {
        let size = [
            (bbox.max[0] - bbox.min[0]).max(f64::MIN_POSITIVE),
            (bbox.max[1] - bbox.min[1]).max(f64::MIN_POSITIVE),
        ];
        let mut order: Vec<(u32, [u32; 3])> = self.triangles[range]
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| self.vertices[i as usize]);
                let x = ((a.x + b.x + c.x) / 3.0 - bbox.min[0]) / size[0];
                let y = ((a.y + b.y + c.y) / 3.0 - bbox.min[1]) / size[1];
                (z_order(x, y), [t[0], t[1], t[2]])
            })
            .collect();
        order.sort_unstable_by_key(|(key, _)| *key);
        let mut local_of: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        for group in order.chunks(TRIANGLES_PER_PIECE) {
            local_of.clear();
            let mut vertices = Vec::new();
            let mut triangles = Vec::with_capacity(group.len() * 3);
            let mut bbox = BoundingBox::EMPTY;
            for &(_, triangle) in group {
                for vertex in triangle {
                    let local = *local_of.entry(vertex).or_insert_with(|| {
                        let point = self.vertices[vertex as usize];
                        bbox.include([point.x, point.y]);
                        vertices.push(vertex);
                        (vertices.len() - 1) as u32
                    });
                    triangles.push(local);
                }
            }
            self.pieces.push(FillPiece {
                vertices: vertices.into(),
                triangles: triangles.into(),
                bbox_in_mercator: bbox,
            });
        }
    }

    /// The bytes the mesh holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let rings: usize = self
            .parts
            .iter()
            .map(|part| part.rings.capacity() * size_of::<Range<usize>>())
            .sum();
        let pieces: usize = self
            .pieces
            .iter()
            .map(|piece| (piece.vertices.len() + piece.triangles.len()) * size_of::<u32>())
            .sum();
        self.vertices.capacity() * size_of::<MercatorPoint>()
            + self.triangles.capacity() * size_of::<u32>()
            + self.parts.capacity() * size_of::<MeshPart>()
            + rings
            + self.pieces.capacity() * size_of::<FillPiece>()
            + pieces
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

/// Position along a Z-order (Morton) curve of a point in the unit square, 16 bits per axis.
fn z_order(x: f64, y: f64) -> u32 {
    let spread = |v: f64| {
        let mut v = (v.clamp(0.0, 1.0) * 65535.0) as u32;
        v = (v | (v << 8)) & 0x00ff_00ff;
        v = (v | (v << 4)) & 0x0f0f_0f0f;
        v = (v | (v << 2)) & 0x3333_3333;
        (v | (v << 1)) & 0x5555_5555
    };
    spread(x) | (spread(y) << 1)
}
