//! Figure render time for the world view at 1600x1000 with every layer on: the SVG (scene
//! built from the model and written), and the PNG (that SVG rasterised by resvg and encoded).

// The lints in Cargo.toml are the production code's policy; a test or a benchmark may
// panic on what it did not expect, and a scenario written out in full is one function.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    unreachable_pub
)]

use std::collections::BTreeSet;
use std::hint::black_box;

use alliance_map::figure::{FigureFormat, FigureSpec, render_figure};
use alliance_map::layers::MapLayers;
use alliance_map::model::World;
use alliance_map::model::scenario::{Extent, Scenario};
use alliance_map::model::territory::Territories;
use criterion::{Criterion, criterion_group, criterion_main};

fn figure(c: &mut Criterion) {
    let Ok(world) = World::load_bundled() else {
        panic!("bundled world loads")
    };
    let Ok(scenario) = Scenario::load_bundled(&world) else {
        panic!("bundled scenario loads")
    };
    let Ok(territories) = Territories::bundled() else {
        panic!("bundled territories load")
    };
    let layers = MapLayers::build(&world, &scenario, scenario.date());
    let hidden = BTreeSet::new();
    let world_view = Extent::WORLD;
    let spec = FigureSpec {
        world: &world,
        scenario: &scenario,
        layers: &layers,
        territories,
        date: scenario.date(),
        bbox: [
            world_view.west,
            world_view.south,
            world_view.east,
            world_view.north,
        ],
        size_px: [1600, 1000],
        dark: false,
        hidden_layers: &hidden,
        selected: &[],
        selected_tension: None,
        caption: None,
    };
    let mut group = c.benchmark_group("figure, world view, 1600x1000, all layers");
    for (name, format) in [("SVG", FigureFormat::Svg), ("PNG", FigureFormat::Png)] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(render_figure(&spec, format, 1).map(|bytes| bytes.len())))
        });
    }
    group.finish();
}

criterion_group!(benches, figure);
criterion_main!(benches);
