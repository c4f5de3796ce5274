use std::time::Duration;

use alliance_map::App;
use alliance_map::model::date::Date;
use alliance_map::model::timeline::{changes_passed, next_change, previous_change};
use egui::{Key, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::ui::{set_date_by_slider, shared, ui_harness};

fn day(text: &str) -> Date {
    match text.parse() {
        Ok(date) => date,
        Err(error) => panic!("{text}: {error}"),
    }
}

fn repaint_delay(harness: &Harness<'_, App>) -> Duration {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map_or(Duration::ZERO, |output| output.repaint_delay)
}

#[test]
fn the_bundled_changes_say_who_joined_what_when() {
    let (_, scenario) = shared();
    let changes = scenario.membership_changes(scenario_world());
    let passed = changes_passed(&changes, day("2023-04-01"), day("2023-05-01"));
    let texts: Vec<&str> = passed.iter().map(|(_, what)| what.as_str()).collect();
    assert_eq!(texts, ["Finland joins NATO"]);
    assert_eq!(
        next_change(&changes, day("2023-01-01")),
        Some(day("2023-04-04"))
    );
    assert_eq!(
        previous_change(&changes, day("2024-01-01")),
        Some(day("2023-04-04"))
    );
}

fn scenario_world() -> &'static alliance_map::model::World {
    crate::world::world()
}

#[test]
fn play_moves_the_date_a_month_at_a_time_and_pause_stops_repainting() {
    let mut harness = ui_harness();
    set_date_by_slider(&mut harness, "2000-01-01");
    harness.get_by_label("Play").click();
    harness.run();
    assert!(harness.state().is_playing());
    let mut dates = vec![harness.state().date()];
    // Four months a second, and each step of the test is a quarter of a second.
    for _ in 0..12 {
        harness.step();
        if harness.state().date() != *dates.last().unwrap_or(&day("1900-01-01")) {
            dates.push(harness.state().date());
        }
    }
    assert!(dates.len() >= 8, "{dates:?}");
    for pair in dates.windows(2) {
        assert_eq!(pair[0].first_of_month_plus(1), pair[1], "{dates:?}");
    }
    let delay = repaint_delay(&harness);
    assert!(
        delay > Duration::ZERO && delay <= Duration::from_millis(250),
        "playing asks for the next month's frame, not every frame: {delay:?}"
    );

    harness.get_by_label("Pause").click();
    harness.run();
    assert!(!harness.state().is_playing());
    let paused_on = harness.state().date();
    // Let the notes of the last changes fade.
    for _ in 0..20 {
        harness.step();
    }
    harness.run();
    assert_eq!(harness.state().date(), paused_on);
    assert_eq!(
        repaint_delay(&harness),
        Duration::MAX,
        "no repaint while paused"
    );
}

#[test]
fn play_stops_at_today_and_plays_again_from_the_start() {
    let mut harness = ui_harness();
    let (start, end) = harness
        .state()
        .scenario()
        .date_range(crate::fixtures::TEST_CLOCK.today());
    set_date_by_slider(&mut harness, &end.first_of_month_plus(-1).to_string());
    harness.get_by_label("Play").click();
    harness.run();
    for _ in 0..8 {
        harness.step();
    }
    assert!(!harness.state().is_playing());
    assert_eq!(harness.state().date(), end);
    harness.get_by_label("Play").click();
    harness.step();
    assert_eq!(harness.state().date(), start);
    assert!(harness.state().is_playing());
}

#[test]
fn play_from_the_article_date_starts_at_the_beginning_of_the_timeline() {
    let mut harness = ui_harness();
    let (start, _) = harness
        .state()
        .scenario()
        .date_range(crate::fixtures::TEST_CLOCK.today());
    harness.get_by_label("Play").click();
    harness.step();
    assert_eq!(harness.state().date(), start);
    for _ in 0..4 {
        harness.step();
    }
    assert!(harness.state().date() > start);
    harness.get_by_label("Pause").click();
    harness.run();
    let paused_on = harness.state().date();
    harness.get_by_label("Play").click();
    harness.step();
    assert_eq!(
        harness.state().date(),
        paused_on,
        "play again goes on from the pause"
    );
}

#[test]
fn clicking_a_change_mark_moves_the_map_to_that_day_and_shows_the_change() {
    let mut harness = ui_harness();
    harness
        .get_by_label_contains("2023-04-04 Finland joins NATO")
        .click();
    harness.run();
    assert_eq!(harness.state().date(), day("2023-04-04"));
    // The note on the map, besides the mark's own label.
    assert!(harness.query_all_by_label("Finland joins NATO").count() >= 1);
}

#[test]
fn the_next_and_previous_change_buttons_jump_between_changes() {
    let mut harness = ui_harness();
    let (_, scenario) = shared();
    let changes = scenario.membership_changes(scenario_world());
    let article = harness.state().date();
    let Some(next) = next_change(&changes, article) else {
        panic!("something changed after the article");
    };
    harness.get_by_label("Next change").click();
    harness.run();
    assert_eq!(harness.state().date(), next);
    harness.get_by_label("Next change").click();
    harness.run();
    assert_eq!(next_change(&changes, next), Some(harness.state().date()));
    harness.get_by_label("Previous change").click();
    harness.run();
    assert_eq!(harness.state().date(), next);
    harness.get_by_label("Previous change").click();
    harness.run();
    assert_eq!(
        previous_change(&changes, next),
        Some(harness.state().date())
    );
    assert!(harness.state().date() <= article);
}

#[test]
fn stepping_into_the_month_finland_joined_shows_it_on_the_map() {
    let mut harness = ui_harness();
    set_date_by_slider(&mut harness, "2023-04-01");
    assert!(harness.query_by_label("Finland joins NATO").is_none());
    harness.key_press(Key::Period);
    harness.run();
    assert_eq!(harness.state().date(), day("2023-05-01"));
    harness.get_by_label("Finland joins NATO");
    // The note goes after a few seconds.
    for _ in 0..16 {
        harness.step();
    }
    harness.run();
    assert!(harness.query_by_label("Finland joins NATO").is_none());
}

/// A change's note on the map is one line wide: it wrapped word by word in a narrow box.
#[test]
fn a_change_note_on_the_map_stays_on_one_line() {
    let mut harness = ui_harness();
    set_date_by_slider(&mut harness, "2023-04-01");
    harness.key_press(Key::Period);
    harness.run();
    let note = harness.get_by_label("Finland joins NATO").rect();
    assert!(
        note.width() > 2.0 * note.height(),
        "the note is laid out in {note:?}"
    );
}

/// Play and Pause take the same room, so the controls after them do not move.
#[test]
fn switching_play_and_pause_leaves_the_top_bar_in_place() {
    let mut harness = ui_harness();
    set_date_by_slider(&mut harness, "2000-01-01");
    let play = harness.get_by_label("Play").rect();
    let next = harness.get_by_label("Next change").rect();
    harness.get_by_label("Play").click();
    // The click is applied at the end of its frame; the next one draws "Pause".
    harness.step();
    harness.step();
    let pause = harness.get_by_label("Pause").rect();
    assert_eq!(play.width(), pause.width());
    assert_eq!(
        harness.get_by_label("Next change").rect().left(),
        next.left()
    );
    harness.get_by_label("Pause").click();
    harness.run();
}
