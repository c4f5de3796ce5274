//! Whole-frame CPU time of the real App in a headless egui context at 1600x1000 with every
//! layer on: egui layout, our plugins and egui's tessellation.

use std::hint::black_box;
use std::sync::Arc;

use alliance_map::App;
use alliance_map::model::World;
use alliance_map::model::scenario::Scenario;
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, RawInput, Rect, pos2, vec2};
use walkers::lon_lat;

/// A map centre (longitude, latitude) and a walkers zoom level.
type CenterAndZoom = ([f64; 2], f64);

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 1000.0))),
        ..RawInput::default()
    }
}

fn frame(ctx: &Context, app: &mut App) -> usize {
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn whole_frame(c: &mut Criterion) {
    let Ok(world) = World::load_bundled() else {
        panic!("bundled world loads")
    };
    let world = Arc::new(world);
    let Ok(scenario) = Scenario::load_bundled(&world) else {
        panic!("bundled scenario loads")
    };
    let scenario = Arc::new(scenario);
    let views: [(&str, Option<CenterAndZoom>); 2] = [
        ("world view (Eurasia fitted)", None),
        ("zoomed on the Caucasus", Some(([44.5, 41.5], 6.0))),
    ];
    let mut group = c.benchmark_group("whole frame, 1600x1000, all layers");
    for (name, view) in views {
        let ctx = Context::default();
        let mut app = App::new(Arc::clone(&world), Arc::clone(&scenario));
        for _ in 0..5 {
            frame(&ctx, &mut app);
        }
        if let Some((center, zoom)) = view {
            let memory = app.map_mut().memory_mut();
            memory.center_at(lon_lat(center[0], center[1]));
            if let Err(error) = memory.set_zoom(zoom) {
                panic!("zoom {zoom}: {error:?}");
            }
            frame(&ctx, &mut app);
        }
        group.bench_function(name, |b| b.iter(|| black_box(frame(&ctx, &mut app))));
    }
    group.finish();
}

criterion_group!(benches, whole_frame);
criterion_main!(benches);
