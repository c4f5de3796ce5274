use alliance_map::App;
use alliance_map::model::geo::LonLat;
use egui::{
    Event, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, Pos2, TouchPhase, vec2,
};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::ui::harness_sized;

fn zoom(harness: &Harness<'_, App>) -> f64 {
    harness.state().map().memory().zoom()
}

fn lon_lat_at(harness: &Harness<'_, App>, pos: Pos2) -> LonLat {
    match harness.state().last_view() {
        Some(view) => view.screen_to_lon_lat(pos),
        None => panic!("the map was drawn"),
    }
}

/// A point well inside the map, away from its buttons and badges.
fn over_the_map(harness: &Harness<'_, App>) -> Pos2 {
    match harness.state().last_view() {
        Some(view) => view.screen_rect().center() + vec2(90.0, 60.0),
        None => panic!("the map was drawn"),
    }
}

fn wheel(harness: &mut Harness<'_, App>, pos: Pos2, notches: f32) {
    harness.event(Event::PointerMoved(pos));
    harness.event(Event::MouseWheel {
        unit: MouseWheelUnit::Line,
        delta: vec2(0.0, notches),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    for _ in 0..30 {
        harness.step();
    }
    harness.run();
}

#[test]
fn the_wheel_zooms_around_the_pointer_without_a_modifier() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    let pointer = over_the_map(&harness);
    let before_zoom = zoom(&harness);
    let under_pointer = lon_lat_at(&harness, pointer);
    wheel(&mut harness, pointer, 2.0);
    let zoomed_in = zoom(&harness);
    assert!(
        zoomed_in > before_zoom + 0.2,
        "{before_zoom} -> {zoomed_in}"
    );
    let now_at = harness
        .state()
        .screen_position_of(under_pointer.lon, under_pointer.lat)
        .unwrap_or(Pos2::ZERO);
    assert!(
        now_at.distance(pointer) <= 1.0,
        "the place under the pointer moved from {pointer:?} to {now_at:?}"
    );
    wheel(&mut harness, pointer, -2.0);
    assert!(zoom(&harness) < zoomed_in - 0.2);
}

#[test]
fn a_double_click_zooms_in_and_a_shift_double_click_zooms_out() {
    // Frames as short as a screen's, so that two clicks fall within the double-click delay.
    let (world, scenario) = crate::ui::shared();
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(200)
        .build_eframe(move |_| App::new(world, scenario, crate::fixtures::TEST_CLOCK));
    harness.run();
    let pointer = over_the_map(&harness);
    let before = zoom(&harness);
    let double_click = |harness: &mut Harness<'_, App>, modifiers: Modifiers| {
        harness.event(Event::PointerMoved(pointer));
        harness.event(Event::ModifiersChanged(modifiers));
        harness.run();
        for _ in 0..2 {
            for pressed in [true, false] {
                harness.event(Event::PointerButton {
                    pos: pointer,
                    button: PointerButton::Primary,
                    pressed,
                    modifiers,
                });
            }
        }
        harness.run();
        harness.event(Event::ModifiersChanged(Modifiers::NONE));
        harness.run();
    };
    double_click(&mut harness, Modifiers::NONE);
    let zoomed_in = zoom(&harness);
    assert!(
        (zoomed_in - before - 1.0).abs() < 0.01,
        "{before} -> {zoomed_in}"
    );
    // Wait past the double-click delay, so that the next two clicks are not a triple click.
    for _ in 0..30 {
        harness.step();
    }
    double_click(&mut harness, Modifiers::SHIFT);
    let zoomed_out = zoom(&harness);
    assert!(
        (zoomed_out - before).abs() < 0.01,
        "{zoomed_in} -> {zoomed_out}"
    );
}

#[test]
fn plus_minus_and_the_buttons_zoom_and_fit_brings_the_article_back() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    let opening = zoom(&harness);
    harness.key_press(egui::Key::Plus);
    harness.run();
    assert!(zoom(&harness) > opening);
    harness.get_by_label("+").click();
    harness.run();
    harness.get_by_label("+").click();
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert!(zoom(&harness) > opening + 2.0);
    harness.get_by_label("Fit").click();
    harness.run();
    assert!((zoom(&harness) - opening).abs() < 0.01);
}

/// Every CSTO member's capital is on the map after pressing Fit, at a small and a large
/// window, and the larger window is zoomed in further.
#[test]
fn fit_shows_the_article_countries_at_any_window_size() {
    let mut zooms = Vec::new();
    for size in [vec2(1024.0, 700.0), vec2(2560.0, 1440.0)] {
        let mut harness = harness_sized(size);
        harness.key_press(egui::Key::Minus);
        harness.run();
        harness.get_by_label("Fit").click();
        harness.run();
        let Some(view) = harness.state().last_view().copied() else {
            panic!("the map was drawn");
        };
        assert!(
            view.screen_rect().width() >= size.x / 2.0 - 1.0,
            "the map is {} wide in a {} window",
            view.screen_rect().width(),
            size.x
        );
        for (name, lon, lat) in [
            ("Moscow", 37.62, 55.75),
            ("Minsk", 27.56, 53.9),
            ("Yerevan", 44.51, 40.18),
            ("Dushanbe", 68.78, 38.56),
            ("Bishkek", 74.6, 42.87),
            ("Astana", 71.45, 51.17),
            ("Tashkent", 69.24, 41.3),
        ] {
            let place = view.lon_lat_to_screen(lon, lat);
            assert!(
                view.screen_rect().contains(place),
                "{name} is off the map at {size:?}"
            );
        }
        zooms.push(zoom(&harness));
    }
    assert!(zooms[1] > zooms[0] + 0.8, "{zooms:?}");
}
