use std::collections::BTreeSet;

use alliance_map::App;
use alliance_map::layers::LayerId;
use alliance_map::session::layer_label;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

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

#[test]
fn the_legend_names_every_group_in_full() {
    let harness = harness_sized(vec2(1600.0, 1000.0));
    let layers = harness.state().layers();
    for layer in layers.layer_ids() {
        let label = alliance_map::session::layer_label(layers, layer);
        for abbreviation in ["CU ", "CU(", "TGA"] {
            assert!(!label.contains(abbreviation), "{label}");
        }
    }
    harness.get_by_label_contains("Customs Union (3)");
    harness.get_by_label_contains("Contested territories (");
}

#[test]
fn clicking_crimea_today_tells_who_recognises_and_who_holds_it() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    harness.get_by_label("Today").click();
    harness.run();
    let Some(simferopol) = harness.state().screen_position_of(34.10, 44.95) else {
        panic!("the map was drawn");
    };
    crate::ui::click_at(&mut harness, simferopol);
    assert!(matches!(
        harness.state().selection(),
        alliance_map::session::Selection::Territory(_)
    ));
    // In the details panel, and in the tooltip while the pointer rests there.
    let summary =
        "Crimea: recognised as part of Ukraine; occupied and annexed by Russia since 2014";
    assert!(harness.query_all_by_label_contains(summary).count() >= 1);
    assert!(harness.query_all_by_label_contains("Source:").count() >= 1);
}

#[test]
fn selecting_a_tension_marks_the_excerpts_that_state_it() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    let markers = harness.state().map().marker_positions();
    let Some((cited, marker)) = harness
        .state()
        .layers()
        .tensions
        .iter()
        .zip(markers)
        .find(|(t, _)| t.id == "belarus-and-nato-neighbours")
        .map(|(t, marker)| {
            let tension = &harness.state().scenario().data().tensions[t.tension_index];
            (tension.excerpts.len(), marker)
        })
    else {
        panic!("the tension is drawn");
    };
    crate::ui::click_at(&mut harness, marker);
    harness.get_by_label_contains(&format!("{cited} marked for the selection"));
}

#[test]
fn a_member_of_a_group_party_lists_the_group_s_tension() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    let Some(ankara) = harness.state().screen_position_of(32.85, 39.93) else {
        panic!("the map was drawn");
    };
    crate::ui::click_at(&mut harness, ankara);
    harness.get_by_label_contains("(as a member of Turkish-Georgian-Azeri axis)");
}

#[test]
fn on_another_date_the_map_says_when_the_tensions_were_stated() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    harness.get_by_label("Today").click();
    harness.run();
    let markers = harness.state().map().marker_positions();
    crate::ui::click_at(&mut harness, markers[0]);
    harness.get_by_label_contains("As stated on 15 May 2012");
}

#[test]
fn a_message_floats_over_the_map_without_moving_it() {
    let mut harness = harness_sized(vec2(1024.0, 700.0));
    let Some(before) = harness.state().last_view().map(|v| v.screen_rect()) else {
        panic!("the map was drawn");
    };
    let folder = match tempfile::tempdir() {
        Ok(folder) => folder,
        Err(error) => panic!("a temporary folder: {error}"),
    };
    let broken = folder.path().join("broken.geojson");
    if let Err(error) = std::fs::write(&broken, "{\"type\": \"FeatureCollection\", ") {
        panic!("writing {}: {error}", broken.display());
    }
    harness.state_mut().open_paths([broken]);
    let started = std::time::Instant::now();
    while harness.state().is_loading() && started.elapsed() < std::time::Duration::from_secs(20) {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run();
    harness.get_by_label_contains("broken.geojson");
    let after = harness.state().last_view().map(|v| v.screen_rect());
    assert_eq!(after, Some(before));
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.state().messages().is_empty());
}

#[test]
fn search_finds_groups_and_the_article_s_words_after_countries() {
    use alliance_map::model::search::Target;
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    harness.state_mut().apply(
        alliance_map::session::Action::SetSearchQuery("NATO".into()),
        &egui::Context::default(),
    );
    let suggestions = harness.state().suggestions().to_vec();
    let nato = harness
        .state()
        .scenario()
        .data()
        .groups
        .iter()
        .position(|g| g.id == "NATO");
    assert!(
        suggestions
            .iter()
            .any(|s| Some(s.target) == nato.map(Target::Group)),
        "{suggestions:?}"
    );
    let first_other = suggestions
        .iter()
        .position(|s| !matches!(s.target, Target::Country(_)));
    let last_country = suggestions
        .iter()
        .rposition(|s| matches!(s.target, Target::Country(_)));
    if let (Some(other), Some(country)) = (first_other, last_country) {
        assert!(country < other, "countries rank first: {suggestions:?}");
    }
    harness.state_mut().apply(
        alliance_map::session::Action::SetSearchQuery("Iskander".into()),
        &egui::Context::default(),
    );
    let suggestions = harness.state().suggestions().to_vec();
    let Some((first, index)) = suggestions.iter().find_map(|s| match s.target {
        Target::Excerpt(index) => Some((s.clone(), index)),
        _ => None,
    }) else {
        panic!("Iskander is in an excerpt: {suggestions:?}");
    };
    harness.state_mut().apply(
        alliance_map::session::Action::ChooseSuggestion(first.target),
        &egui::Context::default(),
    );
    harness.run();
    assert!(matches!(
        harness.state().selection(),
        alliance_map::session::Selection::Excerpt { index: i, .. } if *i == index
    ));
}

#[test]
fn the_reader_numbers_paragraphs_finds_words_and_its_excerpts_select_countries() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    let ctx = egui::Context::default();
    harness
        .state_mut()
        .apply(alliance_map::session::Action::SetExcerptsOpen(false), &ctx);
    harness
        .state_mut()
        .apply(alliance_map::session::Action::SetReaderOpen(true), &ctx);
    harness.run();
    let title = harness.state().scenario().meta().title.clone();
    assert_eq!(
        harness.query_all_by_label(&title).count(),
        1,
        "the title once"
    );
    harness.get_by_label("¶5");
    harness
        .get_by_label_contains("Minsk feels itself threatened")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_label_contains("Minsk feels itself threatened")
        .click();
    harness.run();
    let alliance_map::session::Selection::Excerpt { countries, .. } = harness.state().selection()
    else {
        panic!("an excerpt is selected: {:?}", harness.state().selection());
    };
    let codes: Vec<&str> = countries
        .iter()
        .map(|&id| harness.state().world().country(id).iso_a3())
        .collect();
    assert!(codes.contains(&"BLR"), "{codes:?}");
    harness.state_mut().apply(
        alliance_map::session::Action::SetReaderQuery("iskander".into()),
        &ctx,
    );
    harness.run();
    assert!(harness.query_all_by_label_contains("match").count() >= 1);
    assert!(harness.query_by_label("not found").is_none());
}

#[test]
fn the_customs_union_is_named_the_eurasian_economic_union_from_2015() {
    use alliance_map::layers::MapLayers;
    let (world, scenario) = crate::ui::shared();
    let label_on = |day: &str| {
        let date = match day.parse() {
            Ok(date) => date,
            Err(error) => panic!("{day}: {error}"),
        };
        let layers = MapLayers::build(&world, &scenario, date);
        layers
            .groups
            .iter()
            .find(|g| g.id == "CU")
            .map(|g| g.label.clone())
    };
    assert_eq!(label_on("2014-12-31").as_deref(), Some("Customs Union"));
    assert_eq!(
        label_on("2015-01-01").as_deref(),
        Some("Eurasian Economic Union")
    );
}

#[test]
fn the_legend_keys_every_kind_of_tension_it_draws() {
    let harness = harness_sized(vec2(1600.0, 1000.0));
    for kind in ["regional rivalry", "missile defence", "influence"] {
        harness.get_by_label(kind);
    }
}

#[test]
fn the_layers_panel_hides_to_give_the_map_room_and_comes_back() {
    let mut harness = harness_sized(vec2(1024.0, 700.0));
    let width = |harness: &Harness<'_, App>| {
        harness
            .state()
            .last_view()
            .map_or(0.0, |view| view.screen_rect().width())
    };
    let with_panel = width(&harness);
    harness.get_by_label("Hide »").click();
    harness.run();
    assert!(width(&harness) > with_panel + 100.0);
    assert!(!harness.state().state().show_details);
    harness.get_by_label("«").click();
    harness.run();
    assert!((width(&harness) - with_panel).abs() < 1.0);
}

#[test]
fn a_country_in_several_groups_has_one_fill_and_a_badge_for_each_other_group() {
    use alliance_map::model::scenario::GroupKind;
    use alliance_map::render::plugins::status_look;

    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    harness.get_by_label("Today").click();
    harness.run();
    let app = harness.state();
    let armenia = app.world().by_code("ARM").map(|c| c.id());
    let mut looks_of_armenia = Vec::new();
    let mut filled_by: std::collections::BTreeMap<_, Vec<&str>> = Default::default();
    for group in &app.layers().groups {
        for &(country, status) in &group.countries {
            let look = status_look(group.kind, status, egui::Color32::RED);
            if look.fill.is_some() || look.pattern.is_some() {
                assert_eq!(group.kind, GroupKind::Alliance, "{} fills", group.id);
                filled_by.entry(country).or_default().push(&group.id);
            }
            if Some(country) == armenia {
                looks_of_armenia.push((group.id.clone(), look));
            }
        }
    }
    for (country, groups) in &filled_by {
        assert_eq!(groups.len(), 1, "{country:?} is filled by {groups:?}");
    }
    let badges: Vec<&str> = looks_of_armenia
        .iter()
        .filter(|(_, look)| look.badge.is_some())
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(badges, ["CU"], "Armenia today: {looks_of_armenia:?}");
    let badged = app.map().badged_countries();
    assert!(
        armenia.is_some_and(|armenia| badged.contains(&armenia)),
        "Armenia's Eurasian Economic Union badge is drawn"
    );
}

#[test]
fn switching_a_union_off_takes_its_badges_off_the_map() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    let badged = |harness: &Harness<'_, App>| harness.state().map().badged_countries().len();
    assert!(
        badged(&harness) >= 3,
        "the Customs Union's members and the axis have badges"
    );
    for id in ["CU", "TGA"] {
        let layers = harness.state().layers();
        let Some(index) = layers.groups.iter().position(|group| group.id == id) else {
            panic!("the scenario has the group {id}");
        };
        let label = layer_label(layers, LayerId::Group(index));
        harness.get_by_label(&label).click();
    }
    harness.run();
    assert_eq!(badged(&harness), 0);
}
