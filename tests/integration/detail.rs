use std::sync::Arc;
use std::time::{Duration, Instant};

use alliance_map::App;
use alliance_map::model::strokes::Strokes;
use alliance_map::model::territory::{Territories, where_is};
use alliance_map::model::{Detail, World};
use alliance_map::session::Selection;
use egui_kittest::Harness;
use walkers::lon_lat;

use crate::ui::{click_at, shared};

const SOKH: (f64, f64) = (71.13, 39.95);
const VORUKH: (f64, f64) = (70.58, 39.85);
/// Far above the seconds preparing 1:10m takes in a debug build on a loaded machine.
const HANG_GUARD: Duration = Duration::from_secs(300);

/// A world of its own with 1:10m prepared, so the shared worlds stay at 1:50m for the others.
fn finest_world() -> World {
    let world = match World::load_bundled() {
        Ok(world) => world,
        Err(error) => panic!("the bundled world loads: {error}"),
    };
    if let Err(error) = world.load_finest_now() {
        panic!("the bundled 1:10m boundaries load: {error}");
    }
    world
}

fn code_at(world: &World, (lon, lat): (f64, f64), detail: Detail) -> Option<&str> {
    world
        .country_at_detail(lon, lat, detail)
        .map(|c| c.iso_a3())
}

#[test]
fn sokh_is_uzbekistan_and_vorukh_is_tajikistan_at_the_finest_level() {
    let world = finest_world();
    let Ok(territories) = Territories::bundled() else {
        panic!("the bundled territories load")
    };
    let Ok(date) = "2024-01-01".parse() else {
        panic!("a date")
    };
    for (place, (lon, lat), code) in [("Sokh", SOKH, "UZB"), ("Vorukh", VORUKH, "TJK")] {
        assert_eq!(
            code_at(&world, (lon, lat), Detail::Finest),
            Some(code),
            "{place}"
        );
        let answer = where_is(&world, territories, lon, lat, date);
        assert_eq!(answer.country.as_deref(), Some(code), "{place}: where");
        assert!(answer.territory.is_none(), "{place}");
    }
}

#[test]
fn until_the_finest_level_is_prepared_the_fine_one_stands_in_for_it() {
    let Ok(world) = World::load_bundled() else {
        panic!("the bundled world loads")
    };
    assert_eq!(world.available(Detail::Finest), Detail::Fine);
    assert_eq!(
        code_at(&world, VORUKH, Detail::Finest),
        code_at(&world, VORUKH, Detail::Fine)
    );
    let Some(russia) = world.by_code("RUS") else {
        panic!("Russia")
    };
    assert_eq!(
        russia.mesh(Detail::Finest).vertices.len(),
        russia.mesh(Detail::Fine).vertices.len()
    );
    world.request_finest(|| {});
    let started = Instant::now();
    while !world.poll_finest() {
        assert!(started.elapsed() < HANG_GUARD, "1:10m was never ready");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(world.available(Detail::Finest), Detail::Finest);
    assert!(
        russia.mesh(Detail::Finest).vertices.len() > 3 * russia.mesh(Detail::Fine).vertices.len()
    );
    assert_eq!(code_at(&world, VORUKH, Detail::Finest), Some("TJK"));
}

#[test]
fn every_country_at_1_10m_is_triangulated_and_its_triangles_cover_its_rings() {
    let world = finest_world();
    for country in world.countries() {
        let mesh = country.mesh(Detail::Finest);
        let (triangles, rings) = (mesh.triangle_area(), mesh.ring_area());
        assert!(!mesh.triangles.is_empty(), "{}", country.iso_a3());
        assert!(
            (triangles - rings).abs() <= 1e-6 * rings.max(1e-9) + 1e-12,
            "{}: triangles {triangles}, rings {rings}",
            country.iso_a3()
        );
    }
}

#[test]
fn the_fill_pieces_of_large_polygons_hold_exactly_their_triangles() {
    let world = finest_world();
    let mut pieced = 0;
    for country in world.countries() {
        let mesh = country.mesh(Detail::Finest);
        for part in &mesh.parts {
            let mut whole: Vec<[u32; 3]> = mesh.triangles[part.triangles.clone()]
                .chunks_exact(3)
                .map(|t| [t[0], t[1], t[2]])
                .collect();
            if part.pieces.is_empty() {
                continue;
            }
            pieced += 1;
            let mut from_pieces: Vec<[u32; 3]> = mesh.pieces[part.pieces.clone()]
                .iter()
                .flat_map(|piece| {
                    piece
                        .triangles
                        .chunks_exact(3)
                        .map(|t| [t[0], t[1], t[2]].map(|i| piece.vertices[i as usize]))
                        .collect::<Vec<_>>()
                })
                .collect();
            whole.sort_unstable();
            from_pieces.sort_unstable();
            assert_eq!(whole, from_pieces, "{}", country.iso_a3());
        }
    }
    assert!(pieced > 10, "large polygons are cut into pieces: {pieced}");
}

#[test]
fn the_border_network_draws_each_border_once_where_outlining_every_country_draws_it_twice() {
    let world = finest_world();
    for detail in [Detail::Coarse, Detail::Fine, Detail::Finest] {
        let network = world.borders(detail).segment_count();
        let outlines: usize = world
            .countries()
            .iter()
            .map(|country| Strokes::outlining(country.mesh(detail)).segment_count())
            .sum();
        // Only the land borders are saved (coasts are drawn once either way).
        assert!(network < outlines, "{detail:?}: {network} of {outlines}");
        let Some(kyrgyzstan) = world.by_code("KGZ") else {
            panic!("Kyrgyzstan")
        };
        // Kyrgyzstan has no coast: each of its edges is a border, drawn once in the network.
        let landlocked = Strokes::outlining(kyrgyzstan.mesh(detail)).segment_count();
        assert!(outlines - network >= landlocked, "{detail:?}");
    }
}

#[test]
fn zoomed_on_the_fergana_valley_the_map_shows_and_picks_the_enclaves_at_1_10m() {
    let world = match World::load_bundled() {
        Ok(world) => Arc::new(world),
        Err(error) => panic!("{error}"),
    };
    let (_, scenario) = shared();
    let app_world = Arc::clone(&world);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(200)
        .build_eframe(move |_| App::new(app_world, scenario, crate::fixtures::TEST_CLOCK));
    harness.run();
    let memory = harness.state_mut().map_mut().memory_mut();
    memory.center_at(lon_lat(VORUKH.0, VORUKH.1));
    if let Err(error) = memory.set_zoom(9.0) {
        panic!("zoom 9: {error:?}");
    }
    let started = Instant::now();
    while world.available(Detail::Finest) != Detail::Finest {
        assert!(started.elapsed() < HANG_GUARD, "1:10m was never shown");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run();
    let Some(vorukh) = harness.state().screen_position_of(VORUKH.0, VORUKH.1) else {
        panic!("the map was drawn")
    };
    click_at(&mut harness, vorukh);
    let Some(tajikistan) = world.by_code("TJK").map(|c| c.id()) else {
        panic!("Tajikistan")
    };
    assert_eq!(harness.state().selection(), &Selection::Country(tajikistan));
}

/// The first frame draws the fitted opening view: walkers' default view (zoom 16) drawn
/// first would build the 1:50m border network on the UI thread and prepare 1:10m on another,
/// a second of work on two cores at every start, for a view nobody sees.
#[test]
fn the_first_frame_shows_the_opening_view_and_prepares_no_finer_detail() {
    let world = match World::load_bundled() {
        Ok(world) => Arc::new(world),
        Err(error) => panic!("the bundled world loads: {error}"),
    };
    let (_, scenario) = shared();
    let app_world = Arc::clone(&world);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(move |_| App::new(app_world, scenario, crate::fixtures::TEST_CLOCK));
    harness.step();
    let Some(view) = harness.state().map().last_view().copied() else {
        panic!("the first frame drew the map")
    };
    assert!(
        view.zoom() < 3.5,
        "the first frame is at zoom {}",
        view.zoom()
    );
    let moscow = view.to_screen(alliance_map::model::mercator::project(37.6, 55.75));
    assert!(view.screen_rect().contains(moscow), "Moscow is on screen");
    assert!(!world.finest_requested(), "1:10m was asked for");
}

/// What the prepared boundaries hold is bounded, level by level: the 1:10m level is the
/// largest thing the app keeps, and an accidental copy or doubled buffer shows here first.
#[test]
fn the_boundaries_memory_is_bounded_at_every_level() {
    const MEGABYTE: usize = 1 << 20;
    let world = finest_world();
    for detail in [Detail::Coarse, Detail::Fine, Detail::Finest] {
        let _ = world.borders(detail);
        for country in world.countries() {
            let _ = country.strokes(detail);
        }
    }
    let levels = world.memory_by_level();
    for (name, level) in ["1:110m", "1:50m", "1:10m"].iter().zip(&levels) {
        println!(
            "{name}: boundaries {:.1} MB, meshes {:.1} MB, outlines {:.1} MB, borders {:.1} MB",
            level.boundaries as f64 / MEGABYTE as f64,
            level.meshes as f64 / MEGABYTE as f64,
            level.outlines as f64 / MEGABYTE as f64,
            level.borders as f64 / MEGABYTE as f64,
        );
    }
    let [coarse, fine, finest] = levels;
    assert!(coarse.total() < fine.total() && fine.total() < finest.total());
    // 53 MB when written (80 MB before its buffers were sized exactly).
    assert!(finest.total() < 64 * MEGABYTE, "{finest:?}");
}
