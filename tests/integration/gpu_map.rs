use std::sync::Arc;

use alliance_map::App;
use alliance_map::model::World;
use alliance_map::model::scenario::Scenario;
use alliance_map::render::gpu_map::GpuTarget;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walkers::lon_lat;

use crate::ui::shared;

/// The window at a view, its map drawn through the GPU (where the test renderer gives it a
/// wgpu target) or as egui meshes.
fn window_at(
    world: Arc<World>,
    scenario: Arc<Scenario>,
    view: Option<([f64; 2], f64)>,
    on_gpu: bool,
) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(200)
        .wgpu()
        .build_eframe(move |creation| {
            let mut app = App::new(world, scenario, crate::fixtures::TEST_CLOCK);
            if on_gpu && let Some(render_state) = &creation.wgpu_render_state {
                app.map_mut().draw_on_gpu(GpuTarget::of(render_state));
            }
            app
        });
    harness.run();
    if let Some((center, zoom)) = view {
        let memory = harness.state_mut().map_mut().memory_mut();
        memory.center_at(lon_lat(center[0], center[1]));
        if let Err(error) = memory.set_zoom(zoom) {
            panic!("zoom {zoom}: {error:?}");
        }
        harness.run();
    }
    let world = Arc::clone(harness.state().world_handle());
    harness.state().map().prepare_gpu_geometry(&world);
    // Hovering nothing, so that no tooltip differs between the two windows.
    harness.run();
    harness
}

/// The share of pixels whose colour differs by more than `tolerance` in any channel.
fn differing_share(a: &[[u8; 4]], b: &[[u8; 4]], tolerance: u8) -> f64 {
    assert_eq!(a.len(), b.len());
    let differing = a
        .iter()
        .zip(b)
        .filter(|(p, q)| p.iter().zip(*q).any(|(x, y)| x.abs_diff(*y) > tolerance))
        .count();
    differing as f64 / a.len().max(1) as f64
}

/// The window's pixels.
fn render(harness: &mut Harness<'_, App>) -> Vec<[u8; 4]> {
    match harness.render() {
        Ok(image) => image.pixels().map(|pixel| pixel.0).collect(),
        Err(error) => panic!("the window renders: {error}"),
    }
}

/// The GPU draws what the egui meshes draw: the same land, borders, alliance fills and
/// members' borders, pixel for pixel but for edges a rounding apart.
#[test]
fn the_map_drawn_on_the_gpu_looks_as_the_map_drawn_as_meshes() {
    let (world, scenario) = shared();
    for (name, view) in [
        ("opening view", None),
        ("Caucasus, zoom 6", Some(([44.5, 41.5], 6.0))),
        ("Baltic, zoom 5", Some(([22.0, 56.5], 5.0))),
    ] {
        let mut on_gpu = window_at(Arc::clone(&world), Arc::clone(&scenario), view, true);
        let mut as_meshes = window_at(Arc::clone(&world), Arc::clone(&scenario), view, false);
        assert!(
            on_gpu.state().map().draws_on_gpu(),
            "{name}: the test renderer is wgpu"
        );
        assert!(
            on_gpu.state().map().gpu_layers_drawn() > 0,
            "{name}: the frame drew through the GPU"
        );
        assert_eq!(as_meshes.state().map().gpu_layers_drawn(), 0);
        let (a, b) = (render(&mut on_gpu), render(&mut as_meshes));
        let share = differing_share(&a, &b, 24);
        assert!(
            share < 0.005,
            "{name}: {:.2}% of the pixels differ",
            share * 100.0
        );
    }
}

/// Drawn by the GPU, a still frame builds nothing again: the GPU's layers pick their spans,
/// and the patterns and dashed outlines over them are kept like the meshes are.
#[test]
fn a_still_frame_on_the_gpu_builds_no_shapes_again() {
    let (world, scenario) = shared();
    // Armenia today: a frozen membership, hatched and dash-outlined over the CSTO's fill.
    let mut harness = window_at(world, scenario, Some(([44.5, 40.5], 6.0)), true);
    let before = harness.state().map().shape_builds();
    harness.get_by_label("Today").click();
    harness.run();
    assert!(harness.state().map().gpu_layers_drawn() > 0);
    let builds = harness.state().map().shape_builds();
    assert!(
        builds > before,
        "the patterns and dashes for today were built and kept"
    );
    let drawn = harness.state().map().gpu_layers_drawn();
    for _ in 0..3 {
        harness.step();
    }
    assert!(
        harness.state().map().gpu_layers_drawn() > drawn,
        "frames were drawn"
    );
    assert_eq!(harness.state().map().shape_builds(), builds);
}
