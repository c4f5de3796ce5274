//! The map's heaviest layers (the land, the borders, the alliances' fills and their members'
//! borders) drawn by the GPU from geometry uploaded once per level of detail. A frame only
//! picks the pieces on screen and writes a few uniforms: no vertex is moved to the screen or
//! handed to egui's tessellator, still or moving, at 1:110m or at 1:10m.
//!
//! Without a wgpu renderer (tests, benchmarks, a glow build) or until a level's geometry is
//! ready, the plugins draw the same layers as egui meshes instead (see [`super::countries`]).
//!
//! `packing` lays a level's geometry out as vertex and index buffers (on the CPU, once per
//! level, no GPU needed), `draws` picks a frame's index ranges and uniforms from it, and
//! `pipeline` holds the wgpu pipelines and buffers and issues the draw calls. This module keeps
//! each level's geometry, built on a thread of its own.

mod draws;
mod packing;
mod pipeline;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use eframe::egui_wgpu;
use eframe::wgpu;

pub use draws::{LAND_LAYER, MapDraws, NEIGHBOURS_LAYER, group_layer};
pub use packing::GpuGeometry;

use super::view::MercatorView;
use crate::model::job::Job;
use crate::model::{Detail, World};

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
        // The job hands its geometry over through the shared levels, so its handle is let go:
        // the thread finishes on its own.
        let spawned = Job::spawn_notifying(
            "map geometry for the GPU",
            move |_| {
                let geometry = Arc::new(GpuGeometry::build(&shared_world, detail));
                shared_levels
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(
                        detail,
                        (Arc::downgrade(&shared_world), Prepared::Ready(geometry)),
                    );
            },
            on_ready,
        );
        if let Err(error) = spawned {
            log::warn!("{error}; the map's GPU geometry is built on this thread");
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
    use super::*;

    fn target() -> GpuTarget {
        GpuTarget {
            format: wgpu::TextureFormat::Bgra8Unorm,
            msaa_samples: 1,
            depth_format: None,
        }
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
}
