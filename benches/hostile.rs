//! The paths hostile files made quadratic, each beside the old algorithm (copied here as the
//! baseline) in the same run: marker placement, membership lookup, longitude unwrapping.

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
use std::path::Path;
use std::time::Duration;

use alliance_map::World;
use alliance_map::layers::{TensionArc, place_markers};
use alliance_map::model::geo::unwrap_longitudes;
use alliance_map::model::mercator::MercatorPoint;
use alliance_map::model::scenario::{Scenario, Status, TensionKind};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

const BUNDLED: &str = include_str!("../assets/scenarios/csto-nato-of-the-east.json");
const ARTICLE: &str = include_str!("../assets/articles/csto-nato-of-the-east.txt");

/// `count` tensions all drawn on the same arc: the worst case for marker placement.
fn tensions_on_one_arc(count: usize) -> Vec<TensionArc> {
    let arc: Vec<MercatorPoint> = (0..=100)
        .map(|i| MercatorPoint::new(0.5 + i as f64 * 1e-3, 0.3))
        .collect();
    (0..count)
        .map(|tension_index| TensionArc {
            tension_index,
            id: format!("t{tension_index}"),
            kind: TensionKind::Influence,
            proposed: false,
            arcs: vec![arc.clone()],
            marker: MercatorPoint::default(),
        })
        .collect()
}

/// The old placement: for each tension, count the earlier ones on the same arc by comparing
/// with every one of them.
fn place_markers_comparing_every_pair(arcs: &mut [TensionArc]) {
    let endpoints = |arc: &TensionArc| {
        let first = &arc.arcs[0];
        let (a, b) = (first[0], first[first.len() - 1]);
        let key = |p: MercatorPoint| ((p.x * 1e6) as i64, (p.y * 1e6) as i64);
        let (a, b) = (key(a), key(b));
        if a <= b { (a, b) } else { (b, a) }
    };
    for i in 0..arcs.len() {
        let shared_before = (0..i)
            .filter(|&j| endpoints(&arcs[j]) == endpoints(&arcs[i]))
            .count();
        let ratio =
            0.5 + 0.14 * shared_before as f64 * if shared_before % 2 == 1 { -1.0 } else { 1.0 };
        let ratio = ratio.clamp(0.15, 0.85);
        let first = &arcs[i].arcs[0];
        let index = ((first.len() - 1) as f64 * ratio).round() as usize;
        arcs[i].marker = first[index];
    }
}

fn markers(c: &mut Criterion) {
    let mut group = c.benchmark_group("marker placement, tensions on one arc");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    // The old way takes over a minute at 100,000, so the pair is compared at 10,000.
    for count in [10_000, 100_000] {
        let arcs = tensions_on_one_arc(count);
        group.bench_with_input(
            BenchmarkId::new("ours (hash map)", count),
            &arcs,
            |b, arcs| {
                b.iter_batched_ref(
                    || arcs.clone(),
                    |arcs| place_markers(black_box(arcs)),
                    criterion::BatchSize::LargeInput,
                )
            },
        );
    }
    let arcs = tensions_on_one_arc(10_000);
    group.bench_with_input(
        BenchmarkId::new("naive (every pair)", 10_000),
        &arcs,
        |b, arcs| {
            b.iter_batched_ref(
                || arcs.clone(),
                |arcs| place_markers_comparing_every_pair(black_box(arcs)),
                criterion::BatchSize::LargeInput,
            )
        },
    );
    group.finish();
}

/// The bundled scenario with 400 groups and 96,000 membership rows (every country in every
/// group, the last rows again for a later period).
fn scenario_with_96k_rows(world: &World) -> Scenario {
    let Ok(mut value) = serde_json::from_str::<Value>(BUNDLED) else {
        panic!("the bundled scenario parses")
    };
    let codes: Vec<String> = world
        .countries()
        .iter()
        .map(|c| c.iso_a3().to_string())
        .collect();
    value["groups"] = json!((0..400)
        .map(|g| json!({"id": format!("G{g}"), "name": format!("Group {g}"), "kind": "informal", "founded": null}))
        .collect::<Vec<_>>());
    value["memberships"] = json!((0..96_000)
        .map(|i| json!({"country": codes[i % codes.len()], "group": format!("G{}", (i / codes.len()) % 400),
                        "status": "member", "from": "2000-01-01", "source": "s"}))
        .collect::<Vec<_>>());
    value["tensions"] = json!([]);
    value["map"] = json!({});
    if let Some(excerpts) = value["excerpts"].as_array_mut() {
        for excerpt in excerpts {
            excerpt["groups"] = json!([]);
        }
    }
    match Scenario::from_text(
        Path::new("bench.json"),
        &value.to_string(),
        |_| Ok(ARTICLE.to_string()),
        world,
    ) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{error}"),
    }
}

/// The old lookup: scan every row for the country and group.
fn status_by_scanning(scenario: &Scenario, country: &str, group: &str) -> Option<Status> {
    let date = scenario.date();
    scenario
        .data()
        .memberships
        .iter()
        .find(|m| m.country == country && m.group == group && m.covers(date))
        .map(|m| m.status)
}

fn memberships(c: &mut Criterion) {
    let Ok(world) = World::load_bundled() else {
        panic!("the bundled world loads")
    };
    let scenario = scenario_with_96k_rows(&world);
    let codes: Vec<String> = world
        .countries()
        .iter()
        .map(|c| c.iso_a3().to_string())
        .collect();
    let date = scenario.date();
    let mut group = c.benchmark_group("status of every country in the last group, 96k rows");
    group.sample_size(10);
    group.bench_function("ours (index by country and group)", |b| {
        b.iter(|| {
            codes
                .iter()
                .filter(|code| scenario.status(code, "G399", date).is_some())
                .count()
        })
    });
    group.bench_function("naive (scan every row)", |b| {
        b.iter(|| {
            codes
                .iter()
                .filter(|code| status_by_scanning(&scenario, code, "G399").is_some())
                .count()
        })
    });
    group.finish();
}

/// A line of 400,000 points that steps 7° east each time: it circles the globe 7,778 times.
fn line_circling_the_globe() -> Vec<[f64; 2]> {
    (0..400_000)
        .map(|i| [((i * 7) % 360) as f64 - 180.0, 0.0])
        .collect()
}

/// The old unwrapping: move each point by one turn at a time until it is within 180° of the
/// previous one, so a point n turns away costs n steps.
fn unwrap_turn_by_turn(points: &mut [[f64; 2]]) {
    for i in 1..points.len() {
        let previous = points[i - 1][0];
        while points[i][0] - previous > 180.0 {
            points[i][0] -= 360.0;
        }
        while points[i][0] - previous < -180.0 {
            points[i][0] += 360.0;
        }
    }
}

fn unwrapping(c: &mut Criterion) {
    let line = line_circling_the_globe();
    let mut group = c.benchmark_group("unwrap a 400k-point line circling the globe");
    group.sample_size(10);
    group.bench_function("ours (whole turns at once)", |b| {
        b.iter_batched_ref(
            || line.clone(),
            |line| unwrap_longitudes(black_box(line)),
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("naive (a turn at a time)", |b| {
        b.iter_batched_ref(
            || line.clone(),
            |line| unwrap_turn_by_turn(black_box(line)),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, markers, memberships, unwrapping);
criterion_main!(benches);
