//! The map's heaviest layers (the land, the borders, the alliances' fills and their members'
//! borders) drawn by the GPU from geometry uploaded once per level of detail. A frame only
//! picks the pieces on screen and writes a few uniforms: no vertex is moved to the screen or
//! handed to egui's tessellator, still or moving, at 1:110m or at 1:10m.
//!
//! Without a wgpu renderer (tests, benchmarks, a glow build) or until a level's geometry is
//! ready, the plugins draw the same layers as egui meshes instead (see [`super::countries`]).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use eframe::egui_wgpu::{self, CallbackResources, CallbackTrait, ScreenDescriptor};
use eframe::wgpu::{self, util::DeviceExt};
use egui::{Color32, Rect, Shape, Stroke};

use super::countries::{CountryFill, FEATHER_PX, stroke_profile, visible_with_margin};
use super::style::MIN_OUTLINED_PART_PX;
use super::view::MercatorView;
use crate::model::mercator::MercatorPoint;
use crate::model::strokes::Strokes;
use crate::model::{BoundingBox, CountryId, Detail, World};

/// What the window's renderer draws into, which the map's pipelines must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GpuTarget {
    pub format: wgpu::TextureFormat,
    pub msaa_samples: u32,
    pub depth_format: Option<wgpu::TextureFormat>,
}

impl GpuTarget {
    /// The target of eframe's renderer as this app configures it (no multisampling, no
    /// depth buffer), and of egui_kittest's.
    pub fn of(render_state: &egui_wgpu::RenderState) -> Self {
        Self {
            format: render_state.target_format,
            msaa_samples: 1,
            depth_format: None,
        }
    }
}

/// A fill vertex: a Mercator point as a high and a low f32.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct PointVertex {
    hi: [f32; 2],
    lo: [f32; 2],
}

/// A stroke vertex: a point of a line, its miter, and the side of the line it lies on (-1
/// left, +1 right), a feather beyond the core.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct StrokeVertex {
    hi: [f32; 2],
    lo: [f32; 2],
    normal: [f32; 2],
    side: f32,
}

fn split(point: MercatorPoint) -> PointVertex {
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
struct FillSpan {
    indices: Range<u32>,
    bbox: BoundingBox,
}

/// One run of a line's strokes.
#[derive(Clone, Debug)]
struct StrokeSpan {
    indices: Range<u32>,
    bbox: BoundingBox,
    line_extent: f64,
    shared: bool,
}

/// Something with an extent in Mercator units.
trait Extent {
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
struct Chunked<T> {
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
    fn meeting<'a>(&'a self, visible: &'a BoundingBox) -> impl Iterator<Item = &'a T> + 'a {
        self.chunks
            .iter()
            .filter(|(bbox, _)| bbox.intersects(visible))
            .flat_map(|(_, range)| &self.items[range.clone()])
            .filter(|item| item.extent().intersects(visible))
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.items.len()
    }
}

/// The buffers to upload.
struct Buffers {
    fill_vertices: Vec<PointVertex>,
    fill_indices: Vec<u32>,
    stroke_vertices: Vec<StrokeVertex>,
    stroke_indices: Vec<u32>,
}

/// One level of detail of the world as GPU buffers, with the index ranges of every country's
/// polygons and outline runs and of the border network's runs, to pick what is on screen.
pub struct GpuGeometry {
    detail: Detail,
    /// Handed over when uploaded, so that memory does not hold them twice.
    buffers: Mutex<Option<Buffers>>,
    buffer_bytes: usize,
    /// Set when a renderer found the buffers handed over to another (a renderer made anew):
    /// the level is built again.
    handed_over: AtomicBool,
    /// Per country, in id order: the extent of its polygons, to pass over a country off
    /// screen without looking at its spans.
    extents: Vec<Option<BoundingBox>>,
    /// Per country, in id order.
    fills: Vec<Chunked<FillSpan>>,
    outlines: Vec<Chunked<StrokeSpan>>,
    network: Chunked<StrokeSpan>,
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
            detail,
            buffer_bytes: buffers.bytes(),
            buffers: Mutex::new(Some(buffers)),
            handed_over: AtomicBool::new(false),
            extents,
            fills,
            outlines,
            network,
        }
    }

    /// The level of detail it was built from.
    pub fn detail(&self) -> Detail {
        self.detail
    }

    /// Bytes its buffers take on the GPU (and in memory until they are uploaded).
    pub fn buffer_bytes(&self) -> usize {
        self.buffer_bytes
    }

    /// The buffers, for the one upload; `None` once handed over, which marks the geometry
    /// to be built again.
    fn hand_over(&self) -> Option<Buffers> {
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
    fn is_stale(&self) -> bool {
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

fn append_fill(shape: &crate::model::mesh::ShapeMesh, buffers: &mut Buffers) -> Vec<FillSpan> {
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

/// Whether a level's geometry is being built, or is ready.
enum Prepared {
    Building,
    Ready(Arc<GpuGeometry>),
}

/// Each level's geometry (the level the world had when it was asked for), with the world it
/// is built from, held weakly so that no other world can take its address.
type Levels = HashMap<Detail, (Weak<World>, Prepared)>;

/// What is prepared of `world` at `detail`: nothing for another world's geometry, or for one
/// whose buffers went to another renderer.
fn current<'a>(levels: &'a Levels, world: &Arc<World>, detail: Detail) -> Option<&'a Prepared> {
    let (of, prepared) = levels.get(&detail)?;
    let stale = matches!(prepared, Prepared::Ready(geometry) if geometry.is_stale());
    (of.ptr_eq(&Arc::downgrade(world)) && !stale).then_some(prepared)
}

/// The map's GPU drawing: the renderer's target, and each level's geometry, built on a thread
/// of its own the first time the level is drawn (the egui meshes stand in until then).
pub struct GpuMap {
    target: GpuTarget,
    /// How many times a layer was drawn through the GPU.
    layers_drawn: AtomicUsize,
    levels: Arc<Mutex<Levels>>,
}

impl GpuMap {
    pub fn new(target: GpuTarget) -> Self {
        Self {
            target,
            layers_drawn: AtomicUsize::new(0),
            levels: Arc::default(),
        }
    }

    pub fn target(&self) -> GpuTarget {
        self.target
    }

    /// How many times a layer was drawn through the GPU rather than as egui meshes.
    pub fn layers_drawn(&self) -> usize {
        self.layers_drawn.load(Ordering::Relaxed)
    }

    /// The geometry of `world` at the level it can draw for `detail`, if ready; otherwise
    /// starts building it (once) and calls `on_ready` when it is.
    pub fn geometry(
        &self,
        world: &Arc<World>,
        detail: Detail,
        on_ready: impl FnOnce() + Send + 'static,
    ) -> Option<Arc<GpuGeometry>> {
        let detail = world.available(detail);
        let mut levels = self.levels.lock().unwrap_or_else(PoisonError::into_inner);
        match current(&levels, world, detail) {
            Some(Prepared::Ready(geometry)) => return Some(Arc::clone(geometry)),
            Some(Prepared::Building) => return None,
            None => {}
        }
        levels.insert(detail, (Arc::downgrade(world), Prepared::Building));
        let (shared_world, shared_levels) = (Arc::clone(world), Arc::clone(&self.levels));
        let spawned = std::thread::Builder::new()
            .name("map geometry for the GPU".into())
            .spawn(move || {
                let geometry = Arc::new(GpuGeometry::build(&shared_world, detail));
                shared_levels
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(
                        detail,
                        (Arc::downgrade(&shared_world), Prepared::Ready(geometry)),
                    );
                on_ready();
            });
        if let Err(error) = spawned {
            log::warn!("the map's GPU geometry is built on this thread: {error}");
            let geometry = Arc::new(GpuGeometry::build(world, detail));
            levels.insert(
                detail,
                (
                    Arc::downgrade(world),
                    Prepared::Ready(Arc::clone(&geometry)),
                ),
            );
            return Some(geometry);
        }
        None
    }

    /// The geometry for `detail`, built now on this thread if it is not ready (for tests and
    /// benchmarks, which draw the next frame at once).
    pub fn geometry_now(&self, world: &Arc<World>, detail: Detail) -> Arc<GpuGeometry> {
        let detail = world.available(detail);
        let mut levels = self.levels.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(Prepared::Ready(geometry)) = current(&levels, world, detail) {
            return Arc::clone(geometry);
        }
        let geometry = Arc::new(GpuGeometry::build(world, detail));
        levels.insert(
            detail,
            (
                Arc::downgrade(world),
                Prepared::Ready(Arc::clone(&geometry)),
            ),
        );
        geometry
    }
}

/// Which pipeline a batch is drawn with, and its stroke's half core and feather.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Fill,
    Stroke { half_core: f32, feather: f32 },
}

/// Draws that share one set of uniforms: a colour, a kind and a copy of the world.
#[derive(Clone, Debug)]
struct Batch {
    kind: Kind,
    color: Color32,
    /// The view's centre for this copy of the world.
    center: MercatorPoint,
    ranges: Vec<Range<u32>>,
}

impl Batch {
    /// Adds a range of indices, joined to the last when they follow on.
    fn push(&mut self, range: Range<u32>) {
        match self.ranges.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => self.ranges.push(range),
        }
    }
}

/// Tells the layers' uniforms apart in the renderer's resources.
pub const LAND_LAYER: u64 = 0;
pub const NEIGHBOURS_LAYER: u64 = 1;

/// The key of a group's uniforms.
pub fn group_layer(group_index: usize) -> u64 {
    2 + group_index as u64
}

/// One layer's draws for one frame: what is on screen of the uploaded geometry, and how to
/// colour it. Becomes a paint callback.
pub struct MapDraws {
    layer: u64,
    target: GpuTarget,
    geometry: Arc<GpuGeometry>,
    pixels_per_unit: f64,
    screen_center: egui::Pos2,
    batches: Vec<Batch>,
}

impl MapDraws {
    pub fn new(
        layer: u64,
        target: GpuTarget,
        geometry: Arc<GpuGeometry>,
        view: &MercatorView,
    ) -> Self {
        Self {
            layer,
            target,
            geometry,
            pixels_per_unit: view.pixels_per_unit(),
            screen_center: view.screen_rect().center(),
            batches: Vec::new(),
        }
    }

    fn batch(&mut self, kind: Kind, color: Color32, center: MercatorPoint) -> &mut Batch {
        let found = self.batches.iter().rposition(|batch| {
            batch.kind == kind && batch.color == color && batch.center == center
        });
        let index = found.unwrap_or_else(|| {
            self.batches.push(Batch {
                kind,
                color,
                center,
                ranges: Vec::new(),
            });
            self.batches.len() - 1
        });
        &mut self.batches[index]
    }

    /// Fills the visible polygons of the given countries, in every copy of the world on screen.
    pub fn fill(&mut self, view: &MercatorView, fills: impl IntoIterator<Item = CountryFill>) {
        let geometry = Arc::clone(&self.geometry);
        let copies: Vec<MercatorView> = view.world_copies().collect();
        for fill in fills {
            if fill.color == Color32::TRANSPARENT {
                continue;
            }
            let index = fill.country.index();
            let (Some(spans), Some(Some(extent))) =
                (geometry.fills.get(index), geometry.extents.get(index))
            else {
                continue;
            };
            for copy in &copies {
                let visible = copy.visible_mercator();
                if !extent.intersects(&visible) {
                    continue;
                }
                let batch = self.batch(Kind::Fill, fill.color, copy.center());
                for span in spans.meeting(&visible) {
                    batch.push(span.indices.clone());
                }
            }
        }
    }

    /// Strokes the border network's runs that `include` accepts.
    pub fn borders(&mut self, view: &MercatorView, stroke: Stroke, include: impl Fn(bool) -> bool) {
        let geometry = Arc::clone(&self.geometry);
        self.stroke_spans(view, stroke, &geometry.network, |span| include(span.shared));
    }

    /// Strokes the whole outlines of the given countries.
    pub fn outlines(
        &mut self,
        view: &MercatorView,
        stroke: Stroke,
        countries: impl IntoIterator<Item = CountryId>,
    ) {
        let geometry = Arc::clone(&self.geometry);
        for country in countries {
            if let Some(spans) = geometry.outlines.get(country.index()) {
                self.stroke_spans(view, stroke, spans, |_| true);
            }
        }
    }

    fn stroke_spans(
        &mut self,
        view: &MercatorView,
        stroke: Stroke,
        spans: &Chunked<StrokeSpan>,
        include: impl Fn(&StrokeSpan) -> bool,
    ) {
        let Some((half_core, color)) = stroke_profile(stroke) else {
            return;
        };
        let kind = Kind::Stroke {
            half_core,
            feather: FEATHER_PX,
        };
        let min_extent = MIN_OUTLINED_PART_PX as f64 / view.pixels_per_unit();
        for copy in view.world_copies() {
            let visible = visible_with_margin(&copy, stroke.width + FEATHER_PX);
            let batch = self.batch(kind, color, copy.center());
            for span in spans
                .meeting(&visible)
                .filter(|span| span.line_extent >= min_extent && include(span))
            {
                batch.push(span.indices.clone());
            }
        }
    }

    /// How many index ranges a frame draws: what the GPU is asked for, to test the picking.
    pub fn draw_calls(&self) -> usize {
        self.batches.iter().map(|batch| batch.ranges.len()).sum()
    }

    /// The paint callback over the map's rectangle.
    pub fn into_shape(self, rect: Rect) -> Shape {
        Shape::Callback(egui_wgpu::Callback::new_paint_callback(rect, self))
    }

    fn uniforms(&self, screen: &ScreenDescriptor) -> Vec<DrawUniform> {
        let ppp = screen.pixels_per_point;
        let [width, height] = screen.size_in_pixels.map(|px| px.max(1) as f32);
        let point_to_ndc = [2.0 * ppp / width, -2.0 * ppp / height];
        let scale = [
            (self.pixels_per_unit * f64::from(point_to_ndc[0])) as f32,
            (self.pixels_per_unit * f64::from(point_to_ndc[1])) as f32,
        ];
        let translate = [
            self.screen_center.x * point_to_ndc[0] - 1.0,
            self.screen_center.y * point_to_ndc[1] + 1.0,
        ];
        self.batches
            .iter()
            .map(|batch| {
                let PointVertex { hi, lo } = split(batch.center);
                let stroke = match batch.kind {
                    Kind::Fill => [0.0, 0.0],
                    Kind::Stroke { half_core, feather } => [half_core, feather],
                };
                DrawUniform {
                    center_hi: hi,
                    center_lo: lo,
                    scale,
                    translate,
                    point_to_ndc,
                    stroke,
                    color: batch.color.to_array().map(|c| f32::from(c) / 255.0),
                }
            })
            .collect()
    }
}

/// One batch's uniforms, as `Draw` in `gpu_map.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct DrawUniform {
    center_hi: [f32; 2],
    center_lo: [f32; 2],
    scale: [f32; 2],
    translate: [f32; 2],
    point_to_ndc: [f32; 2],
    stroke: [f32; 2],
    color: [f32; 4],
}

/// A level's buffers on the GPU.
struct Uploaded {
    geometry: Arc<GpuGeometry>,
    fill_vertices: wgpu::Buffer,
    fill_indices: wgpu::Buffer,
    stroke_vertices: wgpu::Buffer,
    stroke_indices: wgpu::Buffer,
}

/// One layer's uniform buffer, grown as its batches need.
struct LayerUniforms {
    buffer: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
    slots: u64,
}

/// The map's pipelines and buffers, kept in the renderer's callback resources.
struct GpuMapResources {
    target: GpuTarget,
    fill_pipeline: wgpu::RenderPipeline,
    stroke_pipeline: wgpu::RenderPipeline,
    bind_group_layout: wgpu::BindGroupLayout,
    /// Bytes from one batch's uniforms to the next: the device's offset alignment.
    stride: u64,
    /// The levels uploaded, the last drawn last.
    uploaded: Vec<Uploaded>,
    layers: HashMap<u64, LayerUniforms>,
}

/// Levels kept on the GPU: 1:110m, 1:50m and 1:10m.
const UPLOADED_LEVELS: usize = 3;

impl GpuMapResources {
    fn new(device: &wgpu::Device, target: GpuTarget) -> Self {
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("map"),
            source: wgpu::ShaderSource::Wgsl(include_str!("gpu_map.wgsl").into()),
        });
        let uniform_size = std::mem::size_of::<DrawUniform>() as u64;
        let bind_group_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("map draw"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX | wgpu::ShaderStages::FRAGMENT,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: true,
                    min_binding_size: wgpu::BufferSize::new(uniform_size),
                },
                count: None,
            }],
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("map"),
            bind_group_layouts: &[Some(&bind_group_layout)],
            immediate_size: 0,
        });
        let fill_buffers = [Some(wgpu::VertexBufferLayout {
            array_stride: std::mem::size_of::<PointVertex>() as u64,
            step_mode: wgpu::VertexStepMode::Vertex,
            attributes: &wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2],
        })];
        let stroke_buffers = [Some(wgpu::VertexBufferLayout {
            array_stride: std::mem::size_of::<StrokeVertex>() as u64,
            step_mode: wgpu::VertexStepMode::Vertex,
            attributes: &wgpu::vertex_attr_array![
                0 => Float32x2, 1 => Float32x2, 2 => Float32x2, 3 => Float32
            ],
        })];
        let linear = target.format.is_srgb();
        let pipeline = |label: &str,
                        (vertex_entry, fragment_entry): (&str, &str),
                        primitive: wgpu::PrimitiveState,
                        buffers: &[Option<wgpu::VertexBufferLayout<'_>>]| {
            device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some(label),
                layout: Some(&layout),
                vertex: wgpu::VertexState {
                    module: &module,
                    entry_point: Some(vertex_entry),
                    buffers,
                    compilation_options: wgpu::PipelineCompilationOptions::default(),
                },
                primitive,
                depth_stencil: target.depth_format.map(|format| wgpu::DepthStencilState {
                    format,
                    depth_write_enabled: Some(false),
                    depth_compare: Some(wgpu::CompareFunction::Always),
                    stencil: wgpu::StencilState::default(),
                    bias: wgpu::DepthBiasState::default(),
                }),
                multisample: wgpu::MultisampleState {
                    count: target.msaa_samples.max(1),
                    mask: !0,
                    alpha_to_coverage_enabled: false,
                },
                fragment: Some(wgpu::FragmentState {
                    module: &module,
                    entry_point: Some(fragment_entry),
                    // Premultiplied alpha, blended as egui blends its own meshes.
                    targets: &[Some(wgpu::ColorTargetState {
                        format: target.format,
                        blend: Some(wgpu::BlendState {
                            color: wgpu::BlendComponent {
                                src_factor: wgpu::BlendFactor::One,
                                dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
                                operation: wgpu::BlendOperation::Add,
                            },
                            alpha: wgpu::BlendComponent {
                                src_factor: wgpu::BlendFactor::OneMinusDstAlpha,
                                dst_factor: wgpu::BlendFactor::One,
                                operation: wgpu::BlendOperation::Add,
                            },
                        }),
                        write_mask: wgpu::ColorWrites::ALL,
                    })],
                    compilation_options: wgpu::PipelineCompilationOptions::default(),
                }),
                multiview_mask: None,
                cache: None,
            })
        };
        let fill_pipeline = pipeline(
            "map fills",
            (
                "vs_fill",
                if linear {
                    "fs_fill_linear"
                } else {
                    "fs_fill_gamma"
                },
            ),
            wgpu::PrimitiveState::default(),
            &fill_buffers,
        );
        let stroke_pipeline = pipeline(
            "map strokes",
            (
                "vs_stroke",
                if linear {
                    "fs_stroke_linear"
                } else {
                    "fs_stroke_gamma"
                },
            ),
            wgpu::PrimitiveState {
                topology: wgpu::PrimitiveTopology::TriangleStrip,
                // Required for indexed strips; no index is the restart value (see
                // `append_strokes`).
                strip_index_format: Some(wgpu::IndexFormat::Uint32),
                ..wgpu::PrimitiveState::default()
            },
            &stroke_buffers,
        );
        let alignment = u64::from(device.limits().min_uniform_buffer_offset_alignment).max(1);
        Self {
            target,
            fill_pipeline,
            stroke_pipeline,
            bind_group_layout,
            stride: uniform_size.div_ceil(alignment) * alignment,
            uploaded: Vec::new(),
            layers: HashMap::new(),
        }
    }

    fn upload(&mut self, device: &wgpu::Device, geometry: &Arc<GpuGeometry>) {
        if self
            .uploaded
            .iter()
            .any(|up| Arc::ptr_eq(&up.geometry, geometry))
        {
            return;
        }
        let buffer = |label: &str, contents: &[u8], usage: wgpu::BufferUsages| {
            device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some(label),
                contents,
                usage,
            })
        };
        let Some(b) = geometry.hand_over() else {
            return;
        };
        let (vertex, index) = (wgpu::BufferUsages::VERTEX, wgpu::BufferUsages::INDEX);
        self.uploaded.push(Uploaded {
            geometry: Arc::clone(geometry),
            fill_vertices: buffer(
                "map fill vertices",
                bytemuck::cast_slice(&b.fill_vertices),
                vertex,
            ),
            fill_indices: buffer(
                "map fill indices",
                bytemuck::cast_slice(&b.fill_indices),
                index,
            ),
            stroke_vertices: buffer(
                "map stroke vertices",
                bytemuck::cast_slice(&b.stroke_vertices),
                vertex,
            ),
            stroke_indices: buffer(
                "map stroke indices",
                bytemuck::cast_slice(&b.stroke_indices),
                index,
            ),
        });
        if self.uploaded.len() > UPLOADED_LEVELS {
            self.uploaded.remove(0);
        }
    }

    fn write_uniforms(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        layer: u64,
        uniforms: &[DrawUniform],
    ) {
        let slots = uniforms.len().max(1) as u64;
        let needs_new = self
            .layers
            .get(&layer)
            .is_none_or(|layer| layer.slots < slots);
        if needs_new {
            let slots = slots.next_power_of_two();
            let buffer = device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("map draw uniforms"),
                size: slots * self.stride,
                usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            });
            let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("map draw"),
                layout: &self.bind_group_layout,
                entries: &[wgpu::BindGroupEntry {
                    binding: 0,
                    resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                        buffer: &buffer,
                        offset: 0,
                        size: wgpu::BufferSize::new(std::mem::size_of::<DrawUniform>() as u64),
                    }),
                }],
            });
            self.layers.insert(
                layer,
                LayerUniforms {
                    buffer,
                    bind_group,
                    slots,
                },
            );
        }
        let Some(layer) = self.layers.get(&layer) else {
            return;
        };
        let mut bytes = vec![0u8; uniforms.len() * self.stride as usize];
        for (slot, uniform) in uniforms.iter().enumerate() {
            let at = slot * self.stride as usize;
            bytes[at..at + std::mem::size_of::<DrawUniform>()]
                .copy_from_slice(bytemuck::bytes_of(uniform));
        }
        queue.write_buffer(&layer.buffer, 0, &bytes);
    }
}

impl CallbackTrait for MapDraws {
    fn prepare(
        &self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        screen: &ScreenDescriptor,
        _: &mut wgpu::CommandEncoder,
        resources: &mut CallbackResources,
    ) -> Vec<wgpu::CommandBuffer> {
        let stale = resources
            .get::<GpuMapResources>()
            .is_some_and(|map| map.target != self.target);
        if stale || resources.get::<GpuMapResources>().is_none() {
            resources.insert(GpuMapResources::new(device, self.target));
        }
        if let Some(map) = resources.get_mut::<GpuMapResources>() {
            map.upload(device, &self.geometry);
            map.write_uniforms(device, queue, self.layer, &self.uniforms(screen));
        }
        Vec::new()
    }

    fn paint(
        &self,
        info: egui::PaintCallbackInfo,
        pass: &mut wgpu::RenderPass<'static>,
        resources: &CallbackResources,
    ) {
        let Some(map) = resources.get::<GpuMapResources>() else {
            return;
        };
        let Some(uploaded) = map
            .uploaded
            .iter()
            .find(|up| Arc::ptr_eq(&up.geometry, &self.geometry))
        else {
            return;
        };
        let Some(layer) = map.layers.get(&self.layer) else {
            return;
        };
        // The uniforms map the whole window to device coordinates, not the callback's rect.
        let [width, height] = info.screen_size_px;
        pass.set_viewport(0.0, 0.0, width as f32, height as f32, 0.0, 1.0);
        for (slot, batch) in self.batches.iter().enumerate() {
            if batch.ranges.is_empty() {
                continue;
            }
            let (pipeline, vertices, indices) = match batch.kind {
                Kind::Fill => (
                    &map.fill_pipeline,
                    &uploaded.fill_vertices,
                    &uploaded.fill_indices,
                ),
                Kind::Stroke { .. } => (
                    &map.stroke_pipeline,
                    &uploaded.stroke_vertices,
                    &uploaded.stroke_indices,
                ),
            };
            pass.set_pipeline(pipeline);
            pass.set_bind_group(0, &layer.bind_group, &[(slot as u64 * map.stride) as u32]);
            pass.set_vertex_buffer(0, vertices.slice(..));
            pass.set_index_buffer(indices.slice(..), wgpu::IndexFormat::Uint32);
            for range in &batch.ranges {
                pass.draw_indexed(range.clone(), 0, 0..1);
            }
        }
    }
}

/// What a layer's plugin needs to draw through the GPU in a frame.
#[derive(Clone, Copy)]
pub struct GpuDrawing<'a> {
    pub map: &'a GpuMap,
    pub world: &'a Arc<World>,
}

impl GpuDrawing<'_> {
    /// An empty set of draws for `layer` in `view`, if the level's geometry is ready; the
    /// first call for a level starts building it and repaints when it is ready.
    pub fn draws(&self, layer: u64, view: &MercatorView, ctx: &egui::Context) -> Option<MapDraws> {
        let ctx = ctx.clone();
        let geometry = self
            .map
            .geometry(self.world, view.detail(), move || ctx.request_repaint())?;
        self.map.layers_drawn.fetch_add(1, Ordering::Relaxed);
        Some(MapDraws::new(layer, self.map.target, geometry, view))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use egui::{Pos2, pos2, vec2};

    use super::*;
    use crate::model::geo::LonLat;

    fn world() -> &'static World {
        static WORLD: OnceLock<World> = OnceLock::new();
        WORLD.get_or_init(|| match World::load_bundled() {
            Ok(world) => world,
            Err(error) => panic!("the bundled world loads: {error}"),
        })
    }

    fn uzbekistan() -> CountryId {
        match world().by_code("UZB") {
            Some(country) => country.id(),
            None => panic!("Uzbekistan is in the world"),
        }
    }

    fn target() -> GpuTarget {
        GpuTarget {
            format: wgpu::TextureFormat::Bgra8Unorm,
            msaa_samples: 1,
            depth_format: None,
        }
    }

    fn view(lon: f64, lat: f64, zoom: f64) -> MercatorView {
        let screen = Rect::from_min_size(pos2(300.0, 40.0), vec2(1000.0, 700.0));
        MercatorView::new(LonLat { lon, lat }, zoom, screen)
    }

    /// Where `gpu_map.wgsl` puts a point, in points on the screen, worked out on the CPU from
    /// the uniforms as the shader does.
    fn shader_position(
        uniform: &DrawUniform,
        point: MercatorPoint,
        screen: &ScreenDescriptor,
    ) -> Pos2 {
        let v = split(point);
        let d = [
            (v.hi[0] - uniform.center_hi[0]) + (v.lo[0] - uniform.center_lo[0]),
            (v.hi[1] - uniform.center_hi[1]) + (v.lo[1] - uniform.center_lo[1]),
        ];
        let ndc = [
            d[0] * uniform.scale[0] + uniform.translate[0],
            d[1] * uniform.scale[1] + uniform.translate[1],
        ];
        let [width, height] = screen.size_in_pixels.map(|px| px as f32);
        pos2(
            (ndc[0] + 1.0) / 2.0 * width / screen.pixels_per_point,
            (1.0 - ndc[1]) / 2.0 * height / screen.pixels_per_point,
        )
    }

    #[test]
    fn the_shader_puts_points_where_the_egui_meshes_do_from_the_world_view_to_zoom_18() {
        let screen = ScreenDescriptor {
            size_in_pixels: [3200, 2000],
            pixels_per_point: 2.0,
        };
        let geometry = Arc::new(GpuGeometry::build(world(), Detail::Coarse));
        // Sokh and a point a few metres from it: told apart only at high zoom.
        for (zoom, tolerance) in [(1.5, 0.01), (6.0, 0.01), (12.0, 0.01), (18.0, 0.05)] {
            let view = view(71.13, 39.95, zoom);
            let mut draws = MapDraws::new(LAND_LAYER, target(), Arc::clone(&geometry), &view);
            draws.fill(
                &view,
                [CountryFill {
                    country: uzbekistan(),
                    color: Color32::RED,
                }],
            );
            let uniforms = draws.uniforms(&screen);
            // At the world view the world's copies east and west have batches of their own.
            let this_copy = draws.batches.iter().position(|b| b.center == view.center());
            let Some(uniform) = this_copy.and_then(|at| uniforms.get(at)) else {
                panic!("a batch for the view itself")
            };
            for offset in [0.0, 1e-7, 3e-6, -2e-5] {
                let point = MercatorPoint::new(view.center().x + offset, view.center().y - offset);
                let expected = view.to_screen(point);
                let actual = shader_position(uniform, point, &screen);
                assert!(
                    (expected - actual).length() < tolerance,
                    "zoom {zoom}, offset {offset}: {expected:?} against {actual:?}"
                );
            }
        }
    }

    #[test]
    fn a_frame_draws_only_what_is_on_screen_in_few_ranges() {
        let geometry = Arc::new(GpuGeometry::build(world(), Detail::Fine));
        let land = |view: &MercatorView| {
            let mut draws = MapDraws::new(LAND_LAYER, target(), Arc::clone(&geometry), view);
            draws.fill(
                view,
                world().countries().iter().map(|country| CountryFill {
                    country: country.id(),
                    color: Color32::GRAY,
                }),
            );
            let indices: u32 = draws
                .batches
                .iter()
                .flat_map(|batch| &batch.ranges)
                .map(|range| range.end - range.start)
                .sum();
            (draws.draw_calls(), indices)
        };
        let (world_calls, world_indices) = land(&view(60.0, 45.0, 1.5));
        let (zoomed_calls, zoomed_indices) = land(&view(44.5, 41.5, 6.0));
        // Every polygon at least once (some twice: the world's copies show at either side).
        let Some(fill_indices) = geometry.hand_over().map(|b| b.fill_indices.len()) else {
            panic!("the buffers are there until uploaded")
        };
        assert!(world_indices as usize >= fill_indices);
        // Ranges that follow on are joined: far fewer draws than polygons and pieces.
        let spans: usize = geometry.fills.iter().map(Chunked::len).sum();
        assert!(
            world_calls * 10 < spans,
            "{world_calls} draws for {spans} spans"
        );
        assert!(
            zoomed_indices * 5 < world_indices,
            "{zoomed_indices} of {world_indices}"
        );
        assert!(zoomed_calls > 0);
    }

    #[test]
    fn a_level_whose_buffers_went_to_another_renderer_is_built_again() {
        let world = match World::load_bundled() {
            Ok(world) => Arc::new(world),
            Err(error) => panic!("{error}"),
        };
        let map = GpuMap::new(target());
        let first = map.geometry_now(&world, Detail::Coarse);
        assert!(first.hand_over().is_some(), "uploaded once");
        assert!(Arc::ptr_eq(
            &first,
            &map.geometry_now(&world, Detail::Coarse)
        ));
        // A renderer made anew asks again: the buffers are gone from memory.
        assert!(first.hand_over().is_none());
        let again = map.geometry_now(&world, Detail::Coarse);
        assert!(!Arc::ptr_eq(&first, &again));
        assert!(again.hand_over().is_some());
    }

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
