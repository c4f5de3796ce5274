//! One layer's draws for one frame: which index ranges of a level's packed geometry are on
//! screen, grouped by colour, kind and copy of the world, and the uniforms that place them.
//! Worked out on the CPU; the pipeline draws them.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui_wgpu::ScreenDescriptor;
use egui::{Color32, Stroke};

use super::GpuTarget;
use super::packing::{Chunked, GpuGeometry, PointVertex, StrokeSpan, split};
use crate::model::CountryId;
use crate::model::mercator::MercatorPoint;
use crate::render::countries::{CountryFill, FEATHER_PX, stroke_profile, visible_with_margin};
use crate::render::style::MIN_OUTLINED_PART_PX;
use crate::render::view::MercatorView;

/// Which pipeline a batch is drawn with, and its stroke's half core and feather.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    Fill,
    Stroke { half_core: f32, feather: f32 },
}

/// Draws that share one set of uniforms: a colour, a kind and a copy of the world.
#[derive(Clone, Debug)]
pub(super) struct Batch {
    pub(super) kind: Kind,
    color: Color32,
    /// The view's centre for this copy of the world.
    center: MercatorPoint,
    pub(super) ranges: Vec<Range<u32>>,
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
    pub(super) layer: u64,
    pub(super) target: GpuTarget,
    pub(super) geometry: Arc<GpuGeometry>,
    pixels_per_unit: f64,
    screen_center: egui::Pos2,
    pub(super) batches: Vec<Batch>,
}

impl MapDraws {
    pub(super) fn new(
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
    #[cfg(test)]
    fn draw_calls(&self) -> usize {
        self.batches.iter().map(|batch| batch.ranges.len()).sum()
    }

    pub(super) fn uniforms(&self, screen: &ScreenDescriptor) -> Vec<DrawUniform> {
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
pub(super) struct DrawUniform {
    center_hi: [f32; 2],
    center_lo: [f32; 2],
    scale: [f32; 2],
    translate: [f32; 2],
    point_to_ndc: [f32; 2],
    stroke: [f32; 2],
    color: [f32; 4],
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use eframe::wgpu;
    use egui::{Pos2, Rect, pos2, vec2};

    use super::*;
    use crate::model::geo::LonLat;
    use crate::model::{Detail, World};

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
}
