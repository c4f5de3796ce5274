//! What placing every name, badge, marker and arc costs for one view: the work of the frame
//! where a pan or a zoom stops, or of a resize, for the opening view at 1600x1000 and the
//! Caucasus at 1:10m. The fast path keeps the poles of whole country parts between views;
//! its naive baseline, in the same run, works every pole out afresh. A moving frame carries
//! the last placement along with the map instead, beside placing it again in the same run.

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

use alliance_map::layers::MapLayers;
use alliance_map::model::World;
use alliance_map::model::geo::LonLat;
use alliance_map::model::scenario::Scenario;
use alliance_map::model::territory::Territories;
use alliance_map::placement::{PlacementInput, Poles, first_countries, label_order, place};
use alliance_map::render::MercatorView;
use alliance_map::render::plugins::member_badges;
use alliance_map::render::style::Palette;
use criterion::{Criterion, criterion_group, criterion_main};

/// A measure as wide as the figure's estimate: the benchmark needs no fonts.
fn measure(text: &str, size_px: f32) -> egui::Vec2 {
    egui::vec2(text.chars().count() as f32 * size_px * 0.56, size_px * 1.2)
}

fn placement(c: &mut Criterion) {
    let Ok(world) = World::load_bundled() else {
        panic!("bundled world loads")
    };
    let Ok(scenario) = Scenario::load_bundled(&world) else {
        panic!("bundled scenario loads")
    };
    let Ok(territories) = Territories::bundled() else {
        panic!("bundled territories load")
    };
    if let Err(error) = world.load_finest_now() {
        panic!("the 1:10m boundaries load: {error}");
    }
    let layers = MapLayers::build(&world, &scenario, scenario.date());
    let (first, beside) = first_countries(&world, &scenario);
    let order = label_order(&world, &first);
    let palette = Palette::for_theme(true);
    let badges = member_badges(
        layers
            .groups
            .iter()
            .map(|group| (group, palette.group_color(group))),
    );
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    let views = [
        (
            "opening view",
            MercatorView::new(LonLat::new(60.0, 50.0), 2.6, screen),
        ),
        (
            "Caucasus, 1:10m",
            MercatorView::new(LonLat::new(45.0, 41.0), 6.5, screen),
        ),
    ];
    let mut group = c.benchmark_group("placement, 1600x1000, every layer");
    for (name, view) in views {
        let input = PlacementInput {
            world: &world,
            view,
            order: &order,
            first: &first,
            beside: &beside,
            show_names: true,
            badges: &badges,
            tensions: &layers.tensions,
            date: scenario.date(),
            territories: Some(territories),
            reserved: &[],
        };
        let poles = Poles::default();
        group.bench_function(format!("{name}: poles kept"), |b| {
            b.iter(|| black_box(place(&input, &measure, &poles).names.len()))
        });
        group.bench_function(format!("{name}: naive, poles afresh"), |b| {
            b.iter(|| black_box(place(&input, &measure, &Poles::default()).names.len()))
        });
        // A moving frame's placement: the last one carried a pixel along with the map,
        // against placing everything again (the poles kept, above).
        let placed = place(&input, &measure, &poles);
        let moved = MercatorView::new(
            view.screen_to_lon_lat(screen.center() + egui::vec2(1.0, 0.0)),
            view.zoom(),
            screen,
        );
        group.bench_function(format!("{name}: carried a pixel while moving"), |b| {
            b.iter(|| black_box(placed.carried(&view, &moved, &[]).names.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, placement);
criterion_main!(benches);
