//! Where names stand: on what they name, apart from each other and from the map's furniture,
//! picked by a click on their words, and placed afresh when the window changes.

use std::collections::BTreeSet;

use alliance_map::App;
use alliance_map::layers::MapLayers;
use alliance_map::model::date::Date;
use alliance_map::model::geo::LonLat;
use alliance_map::model::territory::Territories;
use alliance_map::placement::{
    Named, Placement, PlacementInput, Poles, first_countries, label_order, place,
};
use alliance_map::render::MercatorView;
use alliance_map::render::plugins::member_badges;
use alliance_map::render::style::Palette;
use egui::{Rect, pos2, vec2};
use egui_kittest::Harness;
use proptest::prelude::*;

use crate::ui::{click_at, harness_sized, shared};

/// A measure that does not need fonts: as wide as the figure's estimate.
fn measure(text: &str, size_px: f32) -> egui::Vec2 {
    vec2(text.chars().count() as f32 * size_px * 0.56, size_px * 1.2)
}

/// What placement returns for a view of the bundled scenario on its date, with every layer
/// shown, and the rectangles it was told to keep clear.
fn placed_in(view: MercatorView) -> (Placement, Vec<Rect>) {
    placed_on(view, shared().1.date())
}

/// The same, with the map moved to `date`.
fn placed_on(view: MercatorView, date: Date) -> (Placement, Vec<Rect>) {
    let (world, scenario) = shared();
    let layers = MapLayers::build(&world, &scenario, date);
    let (first, beside) = first_countries(&world, &scenario);
    let order = label_order(&world, &first);
    let palette = Palette::for_theme(true);
    let badges = member_badges(
        layers
            .groups
            .iter()
            .map(|group| (group, palette.group_color(group))),
    );
    let screen = view.screen_rect();
    let reserved = vec![
        Rect::from_min_size(screen.left_top() + vec2(10.0, 10.0), vec2(160.0, 40.0)),
        Rect::from_min_size(screen.left_bottom() + vec2(10.0, -50.0), vec2(140.0, 40.0)),
        Rect::from_min_size(screen.right_top() + vec2(-50.0, 10.0), vec2(40.0, 100.0)),
    ];
    let territories = match Territories::bundled() {
        Ok(territories) => territories,
        Err(error) => panic!("the bundled territories load: {error}"),
    };
    let input = PlacementInput {
        world: &world,
        view,
        order: &order,
        first: &first,
        beside: &beside,
        show_names: true,
        badges: &badges,
        tensions: &layers.tensions,
        date,
        territories: Some(territories),
        reserved: &reserved,
    };
    (place(&input, &measure, &Poles::default()), reserved)
}

/// Every invariant of a placement in `view`, with `when` naming the view in failures.
fn assert_placed_well(view: &MercatorView, placement: &Placement, reserved: &[Rect], when: &str) {
    let (world, _) = shared();
    let detail = world.available(view.detail());
    let screen = view.screen_rect();
    for (i, name) in placement.names.iter().enumerate() {
        assert!(
            screen.contains_rect(name.rect),
            "{when}: {} runs off the map",
            name.text
        );
        for other in &placement.names[i + 1..] {
            assert!(
                !name.rect.intersects(other.rect),
                "{when}: {} overlaps {}",
                name.text,
                other.text
            );
        }
        for rect in reserved {
            assert!(
                !name.rect.intersects(*rect),
                "{when}: {} covers the map's furniture",
                name.text
            );
        }
        let Named::Country(id) = name.named else {
            continue;
        };
        let LonLat { lon, lat } = name.anchor;
        let under_anchor = world.country_at_detail(lon, lat, detail).map(|c| c.id());
        assert_eq!(
            under_anchor,
            Some(id),
            "{when}: {}'s anchor {lon},{lat} is not on it",
            name.text
        );
        if name.leader.is_none() {
            let middle = view.screen_to_lon_lat(name.rect.center());
            let under_word = world
                .country_at_detail(middle.lon, middle.lat, detail)
                .map(|c| c.id());
            assert_eq!(
                under_word,
                Some(id),
                "{when}: the word {} stands on another country",
                name.text
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_name_stands_on_what_it_names_and_clear_of_the_others_in_any_view(
        lon in -180.0f64..180.0,
        lat in -55.0f64..70.0,
        zoom in 1.5f64..7.0,
        width in 800.0f32..2560.0,
        height in 500.0f32..1440.0,
    ) {
        let view = MercatorView::new(
            LonLat::new(lon, lat),
            zoom,
            Rect::from_min_size(pos2(0.0, 0.0), vec2(width, height)),
        );
        let (placement, reserved) = placed_in(view);
        assert_placed_well(&view, &placement, &reserved, &format!("{lon},{lat} z{zoom} {width}x{height}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn a_placement_carried_along_a_pan_keeps_every_name_on_what_it_names_and_clear(
        lon in -60.0f64..150.0,
        lat in -30.0f64..65.0,
        zoom in 2.0f64..7.0,
        dx in -300.0f32..300.0,
        dy in -200.0f32..200.0,
    ) {
        let screen = Rect::from_min_size(pos2(0.0, 0.0), vec2(1400.0, 900.0));
        let from = MercatorView::new(LonLat::new(lon, lat), zoom, screen);
        let (placement, reserved) = placed_in(from);
        let center = from.screen_to_lon_lat(screen.center() + vec2(dx, dy));
        let to = MercatorView::new(center, zoom, screen);
        let carried = placement.carried(&from, &to, &reserved);
        assert_placed_well(&to, &carried, &reserved, &format!("{lon},{lat} z{zoom} moved {dx},{dy}"));
        for name in &carried.names {
            // In whichever copy of the world the name stands.
            let in_place = to.world_copies().any(|copy| {
                copy.lon_lat_to_screen(name.anchor.lon, name.anchor.lat)
                    .distance(name.anchor_px)
                    < 1.0
            });
            prop_assert!(in_place, "{} left its place", name.text);
        }
    }
}

#[test]
fn a_placement_carried_along_a_zoom_out_keeps_its_names_apart_and_on_the_map() {
    let screen = Rect::from_min_size(pos2(0.0, 0.0), vec2(1024.0, 700.0));
    let from = MercatorView::new(LonLat::new(45.0, 41.0), 6.0, screen);
    let (placement, reserved) = placed_in(from);
    let to = MercatorView::new(LonLat::new(45.0, 41.0), 5.5, screen);
    let carried = placement.carried(&from, &to, &reserved);
    assert!(!carried.names.is_empty());
    for (i, name) in carried.names.iter().enumerate() {
        assert!(screen.contains_rect(name.rect), "{} runs off", name.text);
        assert!(!reserved.iter().any(|r| r.intersects(name.rect)));
        for other in &carried.names[i + 1..] {
            assert!(
                !name.rect.intersects(other.rect),
                "{} over {}",
                name.text,
                other.text
            );
        }
    }
}

#[test]
fn a_moving_map_carries_its_names_and_places_them_afresh_once_still() {
    let mut harness = harness_sized(vec2(1024.0, 700.0));
    let Some(before) = harness.state().last_view().copied() else {
        panic!("the map was drawn");
    };
    let placements = harness.state().map().placements();
    for step in 1..=3 {
        let east =
            before.screen_to_lon_lat(before.screen_rect().center() + vec2(8.0 * step as f32, 0.0));
        harness
            .state_mut()
            .map_mut()
            .memory_mut()
            .center_at(walkers::lon_lat(east.lon, east.lat));
        harness.step();
    }
    assert_eq!(
        harness.state().map().placements(),
        placements,
        "a moving view carries the last placement"
    );
    harness.run();
    assert_eq!(
        harness.state().map().placements(),
        placements + 1,
        "the still view is placed afresh, once"
    );
    let Some(view) = harness.state().last_view().copied() else {
        panic!("the map was drawn");
    };
    let placement = harness.state().map().placement();
    for name in &placement.names {
        let at = view.lon_lat_to_screen(name.anchor.lon, name.anchor.lat);
        assert!(
            at.distance(name.anchor_px) < 1.0,
            "{} is placed for the view",
            name.text
        );
    }
}

#[test]
fn the_caucasus_names_its_states_capitals_and_contested_territories_on_their_ground() {
    let view = MercatorView::new(
        LonLat::new(45.0, 41.0),
        6.3,
        Rect::from_min_size(pos2(0.0, 0.0), vec2(1200.0, 900.0)),
    );
    let (placement, reserved) = placed_in(view);
    assert_placed_well(&view, &placement, &reserved, "the Caucasus");
    let texts: BTreeSet<&str> = placement.names.iter().map(|n| n.text.as_str()).collect();
    for name in [
        "Armenia",
        "Georgia",
        "Azerbaijan",
        "Russia",
        "Yerevan",
        "Tbilisi",
        "Abkhazia",
    ] {
        assert!(texts.contains(name), "{name} is not named: {texts:?}");
    }
}

/// The country codes of the CSTO's members and every tension's party the map can show at
/// the opening view: those whose place is on screen.
fn expected_at_opening(app: &App) -> BTreeSet<String> {
    let scenario = app.scenario();
    let world = app.world();
    let (_, beside) = first_countries(world, scenario);
    let Some(view) = app.last_view().copied() else {
        panic!("the map was drawn");
    };
    beside
        .into_iter()
        .map(|id| world.country(id))
        .filter(|country| {
            let place = country.label_point();
            view.screen_rect()
                .contains(view.lon_lat_to_screen(place.lon, place.lat))
        })
        .map(|country| country.iso_a3().to_string())
        .collect()
}

#[test]
fn the_opening_view_names_every_csto_member_and_tension_party_at_1024x700_and_1600x1000() {
    for size in [vec2(1024.0, 700.0), vec2(1600.0, 1000.0)] {
        let harness = harness_sized(size);
        let app = harness.state();
        let expected = expected_at_opening(app);
        for code in [
            "ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "GEO", "AZE", "TUR", "POL", "LTU",
        ] {
            assert!(
                expected.contains(code),
                "{size:?}: {code} is expected: {expected:?}"
            );
        }
        let named: BTreeSet<String> = app
            .map()
            .labelled_countries()
            .into_iter()
            .map(|id| app.world().country(id).iso_a3().to_string())
            .collect();
        let missing: Vec<&String> = expected.difference(&named).collect();
        assert!(missing.is_empty(), "{size:?}: not named: {missing:?}");
        let Some(view) = app.last_view() else {
            panic!("the map was drawn");
        };
        let placement = app.map().placement();
        assert_placed_well(
            view,
            &placement,
            &[],
            &format!("the opening view at {size:?}"),
        );
        // A name beside its country stands near it: no line reaches the farthest ring of
        // places (60 px out), which a name over the sea used to take however far it was.
        for name in &placement.names {
            if let Some([from, to]) = name.leader {
                let length = from.distance(to);
                assert!(
                    length <= 50.0,
                    "{size:?}: {} on a {length:.0} px line",
                    name.text
                );
            }
        }
    }
}

fn selected_codes(harness: &Harness<'_, App>) -> Vec<String> {
    let app = harness.state();
    app.selection()
        .countries()
        .iter()
        .map(|&id| app.world().country(id).iso_a3().to_string())
        .collect()
}

#[test]
fn clicking_the_word_of_a_name_selects_the_country_it_names() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    let placement = harness.state().map().placement();
    let mut clicked = 0;
    for name in &placement.names {
        let Named::Country(id) = name.named else {
            continue;
        };
        let code = harness.state().world().country(id).iso_a3().to_string();
        if !["LVA", "LTU", "GEO", "ARM", "AZE", "BLR", "POL"].contains(&code.as_str()) {
            continue;
        }
        click_at(&mut harness, name.rect.center());
        assert_eq!(
            selected_codes(&harness),
            std::slice::from_ref(&code),
            "clicking {}",
            name.text
        );
        harness.event(egui::Event::Key {
            key: egui::Key::Escape,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run();
        clicked += 1;
    }
    assert!(clicked >= 5, "only {clicked} of the names were found");
}

#[test]
fn a_resized_window_places_every_name_again_on_what_it_names() {
    let mut harness = harness_sized(vec2(1024.0, 700.0));
    let before = harness.state().map().placements();
    harness.set_size(vec2(1600.0, 1000.0));
    harness.run();
    assert!(harness.state().map().placements() > before);
    let Some(view) = harness.state().last_view().copied() else {
        panic!("the map was drawn");
    };
    assert!(view.screen_rect().width() > 900.0, "{view:?}");
    let placement = harness.state().map().placement();
    assert_placed_well(&view, &placement, &[], "after resizing to 1600x1000");
    for name in &placement.names {
        let at = view.lon_lat_to_screen(name.anchor.lon, name.anchor.lat);
        assert!(
            at.distance(name.anchor_px) < 1.0,
            "{} stands for a place elsewhere in the resized view",
            name.text
        );
    }
    // The words the issue saw swapped stand on their own countries and pick them.
    for code in ["LVA", "LTU"] {
        let Some(name) = placement.names.iter().find(|name| {
            matches!(name.named, Named::Country(id) if harness.state().world().country(id).iso_a3() == code)
        }) else {
            panic!("{code} is named after the resize");
        };
        let at = name.rect.center();
        click_at(&mut harness, at);
        assert_eq!(selected_codes(&harness), [code.to_string()]);
    }
}

#[test]
fn a_capital_is_named_as_it_was_on_the_maps_date() {
    let view = MercatorView::new(
        LonLat::new(68.0, 48.0),
        5.0,
        Rect::from_min_size(pos2(0.0, 0.0), vec2(1200.0, 900.0)),
    );
    let (world, _) = shared();
    let Some(kazakhstan) = world.by_code("KAZ") else {
        panic!("Kazakhstan in the world")
    };
    let kazakh_capital = |date: Date| {
        let (placement, _) = placed_on(view, date);
        let dot = placement
            .capital_dots
            .iter()
            .find(|(id, _)| *id == kazakhstan.id())
            .map(|(_, dot)| view.screen_to_lon_lat(*dot).lon.round());
        let name = placement
            .names
            .iter()
            .find(|name| name.named == Named::Capital(kazakhstan.id()))
            .map(|name| name.text.clone());
        (dot, name)
    };
    assert_eq!(
        kazakh_capital(Date::constant(1996, 6, 1)),
        (Some(77.0), Some("Almaty".to_owned()))
    );
    let (dot, name) = kazakh_capital(Date::constant(2024, 6, 1));
    assert_ne!(dot, Some(77.0), "Almaty is no capital in 2024");
    assert_ne!(name.as_deref(), Some("Almaty"));
}
