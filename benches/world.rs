//! World-core benchmarks; each pairs our implementation with the naive way in the same run.

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

use alliance_map::World;
use alliance_map::model::Polygon;
use alliance_map::model::geo::LonLat;
use alliance_map::model::mesh::ShapeMesh;
use alliance_map::model::world::bundled_sources;
use alliance_map::render::land::{border_shapes, land_shapes};
use alliance_map::render::style::Palette;
use alliance_map::render::{MercatorView, append_shape_mesh};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Mesh, Rect, Shape, pos2};

/// The naive preparation: parse into the geojson crate's generic tree, then build and
/// triangulate each feature one after the other on one thread.
fn prepare_naively() -> Vec<(Vec<Polygon>, ShapeMesh)> {
    let [fine, coarse, _table] = bundled_sources();
    let mut prepared = Vec::new();
    for source in [fine, coarse] {
        let Ok(geojson::GeoJson::FeatureCollection(collection)) = source.text.parse() else {
            panic!("bundled boundaries parse");
        };
        for feature in collection.features {
            let Some(geometry) = feature.geometry else {
                continue;
            };
            let geojson::GeometryValue::MultiPolygon { coordinates } = geometry.value else {
                continue;
            };
            let polygons: Vec<Polygon> = coordinates
                .into_iter()
                .map(|rings| {
                    Polygon::new(
                        rings
                            .into_iter()
                            .map(|ring| ring.into_iter().map(|p| [p[0], p[1]]).collect())
                            .collect(),
                    )
                })
                .collect();
            let Ok(mesh) = ShapeMesh::build(&polygons) else {
                panic!("triangulates")
            };
            prepared.push((polygons, mesh));
        }
    }
    prepared
}

fn prepare(c: &mut Criterion) {
    let mut group = c.benchmark_group("prepare bundled world");
    group.sample_size(20);
    group.bench_function(
        "ours: typed parse, parallel, + table + R-tree + validation",
        |b| b.iter(|| black_box(World::load_bundled().map(|w| w.countries().len()).ok())),
    );
    group.bench_function("baseline: geojson tree, serial", |b| {
        b.iter(|| black_box(prepare_naively().len()))
    });
    group.finish();
}

const SCREEN: Rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(1600.0, 1000.0));

fn views() -> [(&'static str, MercatorView); 2] {
    [
        (
            "world view",
            MercatorView::new(LonLat::new(60.0, 40.0), 2.6, SCREEN),
        ),
        (
            "Caucasus",
            MercatorView::new(LonLat::new(45.0, 41.5), 6.0, SCREEN),
        ),
    ]
}

/// The naive frame: triangulate every country again, then draw exactly what ours draws.
fn frame_triangulating_every_time(
    world: &World,
    view: &MercatorView,
    palette: &Palette,
) -> Vec<Shape> {
    let mut land = Mesh::default();
    for country in world.countries() {
        let Ok(fresh) = ShapeMesh::build(country.polygons(view.detail())) else {
            continue;
        };
        append_shape_mesh(&fresh, view, palette.land, &mut land);
    }
    let mut shapes = vec![Shape::mesh(land)];
    border_shapes(world, view, palette, &mut shapes);
    shapes
}

fn frame_shapes(c: &mut Criterion) {
    let Ok(world) = World::load_bundled() else {
        panic!("bundled world loads")
    };
    let palette = Palette::for_theme(true);
    for (name, view) in views() {
        let mut group = c.benchmark_group(format!("map shapes for one frame, {name}"));
        group.bench_function("ours: cached meshes, culled", |b| {
            b.iter(|| {
                let mut shapes = Vec::new();
                land_shapes(&world, &view, &palette, &mut shapes);
                black_box(shapes.len())
            })
        });
        group.sample_size(10);
        group.bench_function("baseline: triangulate every frame", |b| {
            b.iter(|| black_box(frame_triangulating_every_time(&world, &view, &palette).len()))
        });
        group.finish();
    }
}

fn hit_test(c: &mut Criterion) {
    let Ok(world) = World::load_bundled() else {
        panic!("bundled world loads")
    };
    let places = [
        [27.567, 53.9],
        [51.0, 41.0],
        [71.1, 39.96],
        [37.617, 55.756],
        [-100.0, 40.0],
        [20.5, 54.7],
        [-30.0, 0.0],
        [116.4, 39.9],
    ];
    let mut group = c.benchmark_group("hit test (per place, 8 places)");
    group.bench_function("ours: R-tree + banded point-in-polygon", |b| {
        b.iter(|| {
            for [lon, lat] in places {
                black_box(world.country_at(lon, lat).map(|c| c.id()));
            }
        })
    });
    group.bench_function("baseline: point-in-polygon over every country", |b| {
        b.iter(|| {
            for [lon, lat] in places {
                black_box(
                    world
                        .country_at_scanning_every_country(lon, lat)
                        .map(|c| c.id()),
                );
            }
        })
    });
    group.finish();
}

criterion_group!(benches, prepare, frame_shapes, hit_test);
criterion_main!(benches);
