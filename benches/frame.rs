//! Whole-frame CPU time of the real App in a headless egui context at 1600x1000 with every
//! layer on: egui layout, our plugins and egui's tessellation; at the world view and zoomed
//! on the Caucasus and the Fergana valley, with 1:50m and with 1:10m boundaries; each as a
//! still frame and as a moving one, with the map as egui meshes beside the baseline that
//! builds them every frame, and with the land and the alliances drawn by the GPU (the CPU's
//! part: picking what is on screen, one paint callback per layer), moving with the names
//! carried along with the map beside the baseline that places them every frame. Beside it,
//! the land's borders alone, drawn as cached strokes and (the baseline) as egui lines; the
//! time preparing 1:10m and each level's GPU geometry takes; and the memory each level holds.

// The lints in Cargo.toml are the production code's policy; a test or a benchmark may
// panic on what it did not expect, and a scenario written out in full is one function.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    unreachable_pub
)]

use std::hint::black_box;
use std::sync::Arc;

use alliance_map::App;
use alliance_map::model::clock::Clock;
use alliance_map::model::date::Date;
use alliance_map::model::geo::LonLat;
use alliance_map::model::scenario::Scenario;
use alliance_map::model::strokes::Strokes;
use alliance_map::model::world::bundled_sources;
use alliance_map::model::{Detail, World};
use alliance_map::render::MercatorView;
use alliance_map::render::gpu_map::{GpuGeometry, GpuTarget};
use alliance_map::render::land::{border_lines, border_shapes};
use alliance_map::render::style::Palette;
use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, Criterion, criterion_group, criterion_main};
use eframe::wgpu;
use egui::epaint::ClippedShape;
use egui::{Context, RawInput, Rect, pos2, vec2};
use walkers::lon_lat;

/// A map centre (longitude, latitude) and a walkers zoom level.
type CenterAndZoom = ([f64; 2], f64);

const CAUCASUS: [f64; 2] = [44.5, 41.5];
const FERGANA: [f64; 2] = [71.0, 40.2];

/// Every view benchmarked; `None` is the opening view (Eurasia fitted).
const VIEWS: [(&str, Option<CenterAndZoom>); 5] = [
    ("world view", None),
    ("Caucasus z6", Some((CAUCASUS, 6.0))),
    ("Caucasus z9", Some((CAUCASUS, 9.0))),
    ("Fergana z6", Some((FERGANA, 6.0))),
    ("Fergana z9", Some((FERGANA, 9.0))),
];

fn screen() -> Rect {
    Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 1000.0))
}

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(screen()),
        ..RawInput::default()
    }
}

fn frame(ctx: &Context, app: &mut App) -> usize {
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// Resident memory of this process, from /proc (Linux); 0 elsewhere.
fn resident_bytes() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|text| text.split_whitespace().nth(1)?.parse::<usize>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// A world that stays at 1:50m (it has no 1:10m file), and one with 1:10m prepared.
fn worlds() -> [(&'static str, Arc<World>); 2] {
    let [fine, coarse, table] = bundled_sources();
    let Ok(at_50m) = World::from_sources(fine, coarse, table) else {
        panic!("bundled world loads")
    };
    let Ok(at_10m) = World::load_bundled() else {
        panic!("bundled world loads")
    };
    if let Err(error) = at_10m.load_finest_now() {
        panic!("1:10m loads: {error}");
    }
    [("1:50m", Arc::new(at_50m)), ("1:10m", Arc::new(at_10m))]
}

/// The centre of the last frame's view and the place a pixel east of it.
fn a_pixel_apart(app: &App) -> (walkers::Position, walkers::Position) {
    let Some(view) = app.map().last_view().copied() else {
        panic!("the map was drawn before")
    };
    let one_pixel_east = view.screen_to_lon_lat(view.screen_rect().center() + vec2(1.0, 0.0));
    (
        view.center_position(),
        lon_lat(one_pixel_east.lon, one_pixel_east.lat),
    )
}

/// Frames whose view moves a pixel back and forth; `forget` drops the kept shapes before each.
fn bench_moving(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: String,
    ctx: &Context,
    app: &mut App,
    forget: bool,
) {
    let (here, there) = a_pixel_apart(app);
    let mut east = false;
    group.bench_function(id, |b| {
        b.iter(|| {
            east = !east;
            app.map_mut()
                .memory_mut()
                .center_at(if east { there } else { here });
            if forget {
                app.map_mut().forget_shapes();
            }
            black_box(frame(ctx, app))
        })
    });
    app.map_mut().memory_mut().center_at(here);
    frame(ctx, app);
}

/// One view's frame as a still frame (the view of the last frame: the reader hovering,
/// reading a tooltip, using a panel) and as a moving one (the view a pixel off the last
/// frame's, back and forth), each beside the baseline that builds the map's shapes every frame.
fn bench_still_and_moving(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    ctx: &Context,
    app: &mut App,
) {
    group.bench_function(format!("{name}, still"), |b| {
        b.iter(|| black_box(frame(ctx, app)))
    });
    group.bench_function(
        format!("{name}, still, baseline: shapes built every frame"),
        |b| {
            b.iter(|| {
                app.map_mut().forget_shapes();
                black_box(frame(ctx, app))
            })
        },
    );
    bench_moving(group, format!("{name}, moving"), ctx, app, false);
    let baseline = format!("{name}, moving, baseline: shapes built every frame");
    bench_moving(group, baseline, ctx, app, true);
}

fn whole_frame(c: &mut Criterion) {
    let worlds = worlds();
    let mut group = c.benchmark_group("whole frame, 1600x1000, all layers");
    for (level, world) in &worlds {
        let Ok(scenario) = Scenario::load_bundled(world) else {
            panic!("bundled scenario loads")
        };
        let scenario = Arc::new(scenario);
        for (name, view) in VIEWS {
            if view.is_none() && *level == "1:10m" {
                continue; // the world view draws 1:110m either way
            }
            let ctx = Context::default();
            let mut app = App::new(
                Arc::clone(world),
                Arc::clone(&scenario),
                Clock::Fixed(Date::constant(2026, 12, 4)),
            );
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
            bench_still_and_moving(&mut group, &format!("{name}, {level}"), &ctx, &mut app);
            app.map_mut().draw_on_gpu(gpu_target());
            frame(&ctx, &mut app);
            app.map().prepare_gpu_geometry(world);
            bench_on_gpu(&mut group, &format!("{name}, {level}"), &ctx, &mut app);
        }
    }
    group.finish();
}

/// The target the app's window has on this machine (eframe's wgpu renderer, no
/// multisampling). No frame here is rendered: the benchmark measures the CPU's part.
fn gpu_target() -> GpuTarget {
    GpuTarget {
        format: wgpu::TextureFormat::Bgra8Unorm,
        msaa_samples: 1,
        depth_format: None,
    }
}

/// The same view's frame with the land and the alliances drawn by the GPU: what the CPU
/// does for it (picking what is on screen, one paint callback per layer), still and moving.
fn bench_on_gpu(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    ctx: &Context,
    app: &mut App,
) {
    let drawn_before = app.map().gpu_layers_drawn();
    frame(ctx, app);
    assert!(
        app.map().gpu_layers_drawn() > drawn_before,
        "{name}: the frame drew through the GPU"
    );
    group.bench_function(format!("{name}, still, on the GPU"), |b| {
        b.iter(|| black_box(frame(ctx, app)))
    });
    bench_moving(
        group,
        format!("{name}, moving, on the GPU"),
        ctx,
        app,
        false,
    );
    // The baseline of carrying the names along with a moving map: every name placed again
    // on every moving frame, as before. Last, since the app keeps it.
    app.map_mut().place_names_on_every_moving_frame();
    bench_moving(
        group,
        format!("{name}, moving, on the GPU, baseline: names placed every frame"),
        ctx,
        app,
        false,
    );
}

/// Building a level's GPU geometry (once per level, on a thread of its own), with the size
/// of its buffers printed.
fn gpu_geometry(c: &mut Criterion) {
    let mut group = c.benchmark_group("GPU geometry, built on first need");
    group.sample_size(10);
    for (level, world) in &worlds() {
        let detail = if *level == "1:10m" {
            Detail::Finest
        } else {
            Detail::Fine
        };
        let coarse = GpuGeometry::build(world, Detail::Coarse);
        let built = GpuGeometry::build(world, detail);
        let mib = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
        println!(
            "GPU buffers: 1:110m {:.1} MiB, {level} {:.1} MiB",
            mib(coarse.buffer_bytes()),
            mib(built.buffer_bytes())
        );
        group.bench_function(*level, |b| {
            b.iter(|| black_box(GpuGeometry::build(world, detail).buffer_bytes()))
        });
    }
    group.finish();
}

/// The land's borders alone, shapes made and tessellated: the border network as cached
/// strokes against every country's rings as egui lines (the way before).
fn borders(c: &mut Criterion) {
    let worlds = worlds();
    let palette = Palette::for_theme(false);
    let ctx = Context::default();
    // Tessellating text needs the fonts, which the first frame loads.
    let _ = ctx.run_ui(input(), |_| {});
    let tessellate = |shapes: Vec<egui::Shape>| {
        let clipped = shapes
            .into_iter()
            .map(|shape| ClippedShape {
                clip_rect: screen(),
                shape,
                transform_after_tessellation: egui::emath::TSTransform::IDENTITY,
            })
            .collect();
        ctx.tessellate(clipped, 1.0).len()
    };
    let mut group = c.benchmark_group("land borders, 1600x1000");
    for (level, world) in &worlds {
        for (name, view) in VIEWS {
            if view.is_none() && *level == "1:10m" {
                continue;
            }
            let ([lon, lat], zoom) = view.unwrap_or(([60.0, 50.0], 2.6));
            let view = MercatorView::new(LonLat::new(lon, lat), zoom, screen());
            group.bench_function(format!("{name}, {level}: cached strokes, once"), |b| {
                b.iter(|| {
                    let mut shapes = Vec::new();
                    border_shapes(world, &view, &palette, &mut shapes);
                    black_box(tessellate(shapes))
                })
            });
            group.bench_function(
                format!("{name}, {level}: baseline, lines per country"),
                |b| {
                    b.iter(|| {
                        let mut shapes = Vec::new();
                        border_lines(world, &view, &palette, &mut shapes);
                        black_box(tessellate(shapes))
                    })
                },
            );
        }
    }
    group.finish();
}

fn prepare_finest(c: &mut Criterion) {
    let mut group = c.benchmark_group("prepare 1:10m");
    group.sample_size(10);
    group.bench_function(
        "decode, validate, triangulate, index, border network",
        |b| {
            b.iter_batched(
                || match World::load_bundled() {
                    Ok(world) => world,
                    Err(error) => panic!("{error}"),
                },
                |world| black_box(world.load_finest_now().is_ok()),
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

/// What the first frame pays besides what it paid before the border network: building the
/// network of the level it shows (1:110m at the opening view, 1:50m past zoom 3.5).
fn border_networks(c: &mut Criterion) {
    let Ok(world) = World::load_bundled() else {
        panic!("bundled world loads")
    };
    let mut group = c.benchmark_group("border network, built on first need");
    for (name, detail) in [("1:110m", Detail::Coarse), ("1:50m", Detail::Fine)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let meshes = world.countries().iter().map(|c| c.mesh(detail));
                black_box(Strokes::network(meshes).runs.len())
            })
        });
    }
    group.finish();
}

/// Printed, not timed: what each level adds to the resident memory of the process.
fn memory(_: &mut Criterion) {
    let before = resident_bytes();
    let Ok(world) = World::load_bundled() else {
        panic!("bundled world loads")
    };
    let view = |zoom| MercatorView::new(LonLat::new(60.0, 50.0), zoom, screen());
    let mut shapes = Vec::new();
    for zoom in [2.0, 5.0] {
        border_shapes(&world, &view(zoom), &Palette::for_theme(false), &mut shapes);
    }
    let coarse_and_fine = resident_bytes();
    if let Err(error) = world.load_finest_now() {
        panic!("{error}");
    }
    let finest = resident_bytes();
    let mib = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    println!(
        "resident memory: 1:110m + 1:50m prepared (meshes, index, border networks) {:.1} MiB; \
         1:10m adds {:.1} MiB (process {:.1} MiB)",
        mib(coarse_and_fine.saturating_sub(before)),
        mib(finest.saturating_sub(coarse_and_fine)),
        mib(finest)
    );
    for (name, level) in ["1:110m", "1:50m", "1:10m"]
        .iter()
        .zip(world.memory_by_level())
    {
        println!(
            "{name} on the heap: boundaries {:.1} MiB, meshes {:.1} MiB, outline strokes {:.1} MiB, \
             border network {:.1} MiB",
            mib(level.boundaries),
            mib(level.meshes),
            mib(level.outlines),
            mib(level.borders)
        );
    }
    black_box((world, shapes));
}

criterion_group!(
    benches,
    memory,
    whole_frame,
    gpu_geometry,
    borders,
    border_networks,
    prepare_finest
);
criterion_main!(benches);
