//! A shape at three levels of detail (polygons, meshes, outline strokes), and what each
//! level takes on the heap.

use std::sync::OnceLock;

use super::Detail;
use crate::model::mesh::ShapeMesh;
use crate::model::polygon::Polygon;
use crate::model::strokes::Strokes;

/// A shape at every level of detail: its polygons, their triangulated meshes and, once first
/// drawn, its outline strokes. Countries and contested territories are both drawn and
/// hit-tested through it. The finest level may come later; until then the fine one stands in.
#[derive(Clone, Debug)]
pub struct Outline {
    coarse: Level,
    fine: Level,
    finest: OnceLock<Level>,
}

/// The heap bytes one level of detail takes, by what they are for: the boundaries in degrees
/// (point tests, placement, figures), their triangles in Mercator (the fill), each country's
/// outline strokes and the border network (both widened on screen).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LevelMemory {
    pub boundaries: usize,
    pub meshes: usize,
    pub outlines: usize,
    pub borders: usize,
}

impl LevelMemory {
    pub fn total(&self) -> usize {
        self.boundaries + self.meshes + self.outlines + self.borders
    }

    pub(super) fn add(&mut self, other: LevelMemory) {
        self.boundaries += other.boundaries;
        self.meshes += other.meshes;
        self.outlines += other.outlines;
        self.borders += other.borders;
    }
}

/// One level of detail of an [`Outline`].
#[derive(Clone, Debug)]
struct Level {
    polygons: Vec<Polygon>,
    mesh: ShapeMesh,
    strokes: OnceLock<Strokes>,
}

impl Level {
    fn memory(&self) -> LevelMemory {
        LevelMemory {
            boundaries: self.polygons.iter().map(Polygon::heap_bytes).sum(),
            meshes: self.mesh.heap_bytes(),
            outlines: self.strokes.get().map_or(0, Strokes::heap_bytes),
            borders: 0,
        }
    }

    fn new(polygons: Vec<Polygon>, mesh: ShapeMesh) -> Self {
        Self {
            polygons,
            mesh,
            strokes: OnceLock::new(),
        }
    }
}

impl Outline {
    pub fn new(
        fine: Vec<Polygon>,
        fine_mesh: ShapeMesh,
        coarse: Vec<Polygon>,
        coarse_mesh: ShapeMesh,
    ) -> Self {
        Self {
            coarse: Level::new(coarse, coarse_mesh),
            fine: Level::new(fine, fine_mesh),
            finest: OnceLock::new(),
        }
    }
    /// Gives the shape its finest level; the first one given stays.
    pub fn set_finest(&self, polygons: Vec<Polygon>, mesh: ShapeMesh) {
        let _ = self.finest.set(Level::new(polygons, mesh));
    }
    /// Gives the finest level its outline strokes, made where the level was prepared.
    pub(super) fn set_finest_strokes(&self, strokes: Strokes) {
        if let Some(level) = self.finest.get() {
            let _ = level.strokes.set(strokes);
        }
    }
    /// What the levels prepared so far hold on the heap, coarsest first.
    pub(super) fn memory(&self) -> [LevelMemory; 3] {
        let finest = self.finest.get().map(Level::memory).unwrap_or_default();
        [self.coarse.memory(), self.fine.memory(), finest]
    }
    fn level(&self, detail: Detail) -> &Level {
        match detail {
            Detail::Coarse => &self.coarse,
            Detail::Fine => &self.fine,
            Detail::Finest => self.finest.get().unwrap_or(&self.fine),
        }
    }
    pub fn polygons(&self, detail: Detail) -> &[Polygon] {
        &self.level(detail).polygons
    }
    pub fn mesh(&self, detail: Detail) -> &ShapeMesh {
        &self.level(detail).mesh
    }
    /// The outline as strokes to widen, built the first time they are asked for.
    pub fn strokes(&self, detail: Detail) -> &Strokes {
        let level = self.level(detail);
        level
            .strokes
            .get_or_init(|| Strokes::outlining(&level.mesh))
    }
}
