use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use alliance_map::App;
use alliance_map::layers::{LayerId, MapLayers};
use alliance_map::model::date::Date;
use alliance_map::model::export::export;
use alliance_map::model::scenario::Scenario;
use alliance_map::model::search::SearchIndex;
use alliance_map::render::style::Palette;
use alliance_map::session::layer_label;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::world::world;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/scenarios/sco-and-the-eu.json"
);

fn sco_and_eu() -> Scenario {
    match Scenario::load(Path::new(FIXTURE), world()) {
        Ok(scenario) => scenario,
        Err(error) => panic!("the SCO and EU fixture loads: {error}"),
    }
}

fn date(text: &str) -> Date {
    match text.parse() {
        Ok(date) => date,
        Err(error) => panic!("{text}: {error}"),
    }
}

#[test]
fn eu_neighbours_of_the_sco_follow_the_date_belarus_joined() {
    let scenario = sco_and_eu();
    let neighbours = |day: &str| -> BTreeSet<String> {
        scenario
            .neighbours(world(), date(day))
            .into_iter()
            .map(String::from)
            .collect()
    };
    let before_belarus = neighbours("2024-01-01");
    let after_belarus = neighbours("2024-08-01");
    for code in ["EST", "FIN", "LVA", "POL"] {
        assert!(before_belarus.contains(code), "{code} borders Russia");
    }
    assert!(!after_belarus.contains("DEU"));
    let lithuania_borders_only_belarus_and_kaliningrad = after_belarus.contains("LTU");
    assert!(lithuania_borders_only_belarus_and_kaliningrad);
}

#[test]
fn the_legend_names_the_fixture_groups_with_their_counts_and_colours() {
    let scenario = sco_and_eu();
    let layers = MapLayers::build(world(), &scenario, date("2024-08-01"));
    let labels: Vec<String> = layers
        .layer_ids()
        .into_iter()
        .map(|layer| layer_label(&layers, layer))
        .collect();
    assert_eq!(labels[0], "SCO (10)");
    assert_eq!(labels[1], "European Union (27)");
    assert_eq!(layers.layer_ids()[2], LayerId::Neighbours);
    assert!(labels[2].starts_with("European Union neighbours of the SCO ("));
    let palette = Palette::for_theme(true);
    assert_ne!(
        palette.group_color(&layers.groups[0]),
        palette.group_color(&layers.groups[1])
    );
}

#[test]
fn the_export_carries_the_fixture_groups_and_neighbours() {
    let scenario = sco_and_eu();
    let collection = export(world(), &scenario, date("2024-08-01"));
    let property = |code: &str, key: &str| {
        collection
            .features
            .iter()
            .find(|f| {
                f.property("iso_a3")
                    .and_then(|v| v.as_str())
                    .is_some_and(|c| c == code)
            })
            .and_then(|f| f.property(key).cloned())
    };
    assert_eq!(
        property("BLR", "memberships"),
        Some(serde_json::json!({"SCO": "member"}))
    );
    assert_eq!(
        property("POL", "memberships"),
        Some(serde_json::json!({"EU": "member"}))
    );
    assert_eq!(
        property("POL", "neighbour_of"),
        Some(serde_json::json!("SCO"))
    );
    assert_eq!(
        property("FRA", "neighbour_of"),
        Some(serde_json::Value::Null)
    );
    let tensions = collection
        .features
        .iter()
        .filter(|f| f.property("kind").and_then(|v| v.as_str()) == Some("tension"))
        .count();
    assert_eq!(tensions, 1);
}

#[test]
fn search_finds_the_fixture_terms() {
    let scenario = sco_and_eu();
    let index = SearchIndex::build(world(), Some(&scenario));
    let first = index.search("Warsaw", 3);
    let poland = world().by_code("POL").map(|c| c.id());
    assert_eq!(first.first().and_then(|s| s.country()), poland);
    assert_eq!(scenario.search_examples(), vec!["Tashkent", "Warsaw"]);
}

#[test]
fn the_app_shows_the_fixture_legend_and_opens_on_its_countries() {
    let (world, _) = crate::ui::shared();
    let scenario = match Scenario::load(Path::new(FIXTURE), &world) {
        Ok(scenario) => Arc::new(scenario),
        Err(error) => panic!("the SCO and EU fixture loads: {error}"),
    };
    let mut harness = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_max_steps(200)
        .build_eframe(move |_| App::new(world, scenario, crate::fixtures::TEST_CLOCK));
    harness.run();
    harness.get_by_label_contains("SCO (10)");
    harness.get_by_label_contains("European Union (27)");
    let view = match harness.state().last_view() {
        Some(view) => *view,
        None => panic!("the map was drawn"),
    };
    let warsaw = harness.state().screen_position_of(21.01, 52.23);
    let beijing = harness.state().screen_position_of(116.4, 39.9);
    for place in [warsaw, beijing] {
        assert!(place.is_some_and(|p| view.screen_rect().contains(p)));
    }
}

#[test]
fn opening_another_scenario_shows_its_article_date_and_its_countries() {
    let mut harness = crate::ui::harness_sized(vec2(1400.0, 900.0));
    harness.get_by_label("Today").click();
    harness.run();
    harness
        .state_mut()
        .open_paths([std::path::PathBuf::from(FIXTURE)]);
    let started = std::time::Instant::now();
    while harness.state().is_loading() && started.elapsed() < std::time::Duration::from_secs(20) {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run();
    assert_eq!(harness.state().date(), date("2024-08-01"));
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|m| m.text.contains("its article date (1 August 2024)")),
        "{:?}",
        harness.state().messages()
    );
    let Some(view) = harness.state().last_view().copied() else {
        panic!("the map was drawn");
    };
    let warsaw = view.lon_lat_to_screen(21.01, 52.23);
    assert!(view.screen_rect().contains(warsaw));
    assert!(
        harness
            .state()
            .state()
            .recent_files
            .iter()
            .any(|p| p.ends_with("sco-and-the-eu.json"))
    );
}
