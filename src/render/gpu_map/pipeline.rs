//! The GPU side of the map: its wgpu pipelines (built from `gpu_map.wgsl`), each level's
//! buffers uploaded once and kept in the renderer's callback resources, each layer's uniform
//! buffer, and the egui paint callback that issues a frame's draw calls.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui_wgpu::{self, CallbackResources, CallbackTrait, ScreenDescriptor};
use eframe::wgpu::{self, util::DeviceExt};
use egui::{Rect, Shape};

use super::GpuTarget;
use super::draws::{DrawUniform, Kind, MapDraws};
use super::packing::{GpuGeometry, PointVertex, StrokeVertex};

impl MapDraws {
    /// The paint callback over the map's rectangle.
    pub fn into_shape(self, rect: Rect) -> Shape {
        Shape::Callback(egui_wgpu::Callback::new_paint_callback(rect, self))
    }
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
        let uniform_size = std::mem::size_of::<DrawUniform>() as u64;
        let bind_group_layout = draw_bind_group_layout(device, uniform_size);
        let parts = PipelineParts::new(device, target, &bind_group_layout);
        let alignment = u64::from(device.limits().min_uniform_buffer_offset_alignment).max(1);
        Self {
            target,
            fill_pipeline: parts.fill_pipeline(),
            stroke_pipeline: parts.stroke_pipeline(),
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

/// One batch's uniforms, bound at a dynamic offset for each batch.
fn draw_bind_group_layout(device: &wgpu::Device, uniform_size: u64) -> wgpu::BindGroupLayout {
    device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
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
    })
}

/// Premultiplied alpha, blended as egui blends its own meshes.
const PREMULTIPLIED_ALPHA: wgpu::BlendState = wgpu::BlendState {
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
};

/// What the fill and the stroke pipelines share: the shader, the layout of their uniforms and
/// the target they draw into.
struct PipelineParts<'a> {
    device: &'a wgpu::Device,
    module: wgpu::ShaderModule,
    layout: wgpu::PipelineLayout,
    target: GpuTarget,
}

impl<'a> PipelineParts<'a> {
    fn new(
        device: &'a wgpu::Device,
        target: GpuTarget,
        bind_group_layout: &wgpu::BindGroupLayout,
    ) -> Self {
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("map"),
            source: wgpu::ShaderSource::Wgsl(include_str!("gpu_map.wgsl").into()),
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("map"),
            bind_group_layouts: &[Some(bind_group_layout)],
            immediate_size: 0,
        });
        Self {
            device,
            module,
            layout,
            target,
        }
    }

    /// The fragment entry point that suits the target: for an sRGB target, one that turns
    /// egui's gamma-space colours linear (the target turns them back); else one that writes
    /// them as they are.
    fn fragment_entry(&self, linear: &'static str, gamma: &'static str) -> &'static str {
        if self.target.format.is_srgb() {
            linear
        } else {
            gamma
        }
    }

    /// Triangles of fill vertices.
    fn fill_pipeline(&self) -> wgpu::RenderPipeline {
        let buffers = [Some(wgpu::VertexBufferLayout {
            array_stride: std::mem::size_of::<PointVertex>() as u64,
            step_mode: wgpu::VertexStepMode::Vertex,
            attributes: &wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2],
        })];
        self.pipeline(
            "map fills",
            (
                "vs_fill",
                self.fragment_entry("fs_fill_linear", "fs_fill_gamma"),
            ),
            wgpu::PrimitiveState::default(),
            &buffers,
        )
    }

    /// Triangle strips of stroke vertices, widened in the vertex shader.
    fn stroke_pipeline(&self) -> wgpu::RenderPipeline {
        let buffers = [Some(wgpu::VertexBufferLayout {
            array_stride: std::mem::size_of::<StrokeVertex>() as u64,
            step_mode: wgpu::VertexStepMode::Vertex,
            attributes: &wgpu::vertex_attr_array![
                0 => Float32x2, 1 => Float32x2, 2 => Float32x2, 3 => Float32
            ],
        })];
        self.pipeline(
            "map strokes",
            (
                "vs_stroke",
                self.fragment_entry("fs_stroke_linear", "fs_stroke_gamma"),
            ),
            wgpu::PrimitiveState {
                topology: wgpu::PrimitiveTopology::TriangleStrip,
                // Required for indexed strips; no index is the restart value (see
                // `append_strokes` in `packing`).
                strip_index_format: Some(wgpu::IndexFormat::Uint32),
                ..wgpu::PrimitiveState::default()
            },
            &buffers,
        )
    }

    fn pipeline(
        &self,
        label: &str,
        (vertex_entry, fragment_entry): (&str, &str),
        primitive: wgpu::PrimitiveState,
        buffers: &[Option<wgpu::VertexBufferLayout<'_>>],
    ) -> wgpu::RenderPipeline {
        let target = self.target;
        self.device
            .create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some(label),
                layout: Some(&self.layout),
                vertex: wgpu::VertexState {
                    module: &self.module,
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
                    module: &self.module,
                    entry_point: Some(fragment_entry),
                    targets: &[Some(wgpu::ColorTargetState {
                        format: target.format,
                        blend: Some(PREMULTIPLIED_ALPHA),
                        write_mask: wgpu::ColorWrites::ALL,
                    })],
                    compilation_options: wgpu::PipelineCompilationOptions::default(),
                }),
                multiview_mask: None,
                cache: None,
            })
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
