use std::collections::BTreeSet;

use alliance_map::App;
use egui::vec2;
use egui_kittest::Harness;

use crate::ui::harness_sized;

fn assert_markers_apart(harness: &Harness<'_, App>, when: &str) {
    let markers = harness.state().map().marker_positions();
    assert_eq!(markers.len(), harness.state().layers().tensions.len());
    let radius = alliance_map::render::style::TENSION_MARKER_RADIUS_PX;
    for (i, a) in markers.iter().enumerate() {
        for (j, b) in markers.iter().enumerate().skip(i + 1) {
            assert!(
                a.distance(*b) >= 2.0 * radius,
                "{when}: markers {i} and {j} overlap at {a:?} and {b:?}"
            );
        }
    }
}

#[test]
fn no_two_tension_markers_overlap_at_the_opening_view_or_on_the_caucasus() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    assert_markers_apart(&harness, "opening view");
    let memory = harness.state_mut().map_mut().memory_mut();
    memory.center_at(walkers::lon_lat(44.5, 41.5));
    if let Err(error) = memory.set_zoom(6.0) {
        panic!("zoom 6: {error:?}");
    }
    harness.run();
    assert_markers_apart(&harness, "zoomed on the Caucasus");
}

#[test]
fn every_csto_member_and_tension_party_is_named_at_the_opening_view() {
    let harness = harness_sized(vec2(1600.0, 1000.0));
    let app = harness.state();
    let labelled: BTreeSet<&str> = app
        .map()
        .labelled_countries()
        .into_iter()
        .map(|id| app.world().country(id).iso_a3())
        .collect();
    let scenario = app.scenario();
    let mut expected: BTreeSet<&str> = scenario.members("CSTO", scenario.date());
    for tension in &scenario.data().tensions {
        for party in &tension.parties {
            if let Some(code) = &party.country {
                expected.insert(code);
            }
        }
    }
    // A party off the map at the opening view (the United States) has nowhere to be named.
    let Some(view) = app.last_view().copied() else {
        panic!("the map was drawn");
    };
    expected.retain(|code| {
        app.world().by_code(code).is_some_and(|country| {
            let place = country.label_point();
            view.screen_rect()
                .contains(view.lon_lat_to_screen(place.lon, place.lat))
        })
    });
    assert!(expected.len() >= 10, "{expected:?}");
    let missing: Vec<&&str> = expected.difference(&labelled).collect();
    assert!(missing.is_empty(), "not named: {missing:?}");
}
