use std::path::Path;

use alliance_map::App;
use alliance_map::model::scenario::{Scenario, ScenarioError};
use alliance_map::session::Selection;
use egui::{Key, ViewportCommand, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use serde_json::{Value, json};

use crate::ui::{click_at, shared, ui_harness};
use crate::world::world;

const BUNDLED: &str = include_str!("../../assets/scenarios/csto-nato-of-the-east.json");
const ARTICLE: &str = include_str!("../../assets/articles/csto-nato-of-the-east.txt");

/// Loads the bundled scenario after `change` edits its JSON.
fn load_changed(change: impl FnOnce(&mut Value)) -> Result<Scenario, ScenarioError> {
    let mut value: Value = match serde_json::from_str(BUNDLED) {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    };
    change(&mut value);
    Scenario::from_text(
        Path::new("edited.json"),
        &value.to_string(),
        |_| Ok(ARTICLE.to_string()),
        world(),
    )
}

/// The excerpt and tension indices of the selection, when an excerpt is selected.
fn selected_step(harness: &Harness<'_, App>) -> (usize, Vec<usize>, Vec<String>) {
    match harness.state().selection() {
        Selection::Excerpt {
            index,
            countries,
            tensions,
        } => {
            let mut codes: Vec<String> = countries
                .iter()
                .map(|&id| harness.state().world().country(id).iso_a3().to_string())
                .collect();
            codes.sort();
            (*index, tensions.clone(), codes)
        }
        other => panic!("a step's excerpt is selected, not {other:?}"),
    }
}

/// Presses a key down and draws one frame, whose output then holds what the press asked for.
fn press_in_one_frame(harness: &mut Harness<'_, App>, key: Key) {
    let event = |pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    harness.event(event(true));
    harness.step();
    harness.event(event(false));
}

fn viewport_commands(harness: &Harness<'_, App>) -> Vec<ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|output| output.commands.clone())
        .unwrap_or_default()
}

#[test]
fn the_bundled_story_walks_through_the_article_in_six_to_ten_steps_of_real_excerpts() {
    let (_, scenario) = shared();
    let data = scenario.data();
    assert!((6..=10).contains(&data.story.len()), "{}", data.story.len());
    let steps = scenario.story();
    assert_eq!(steps.len(), data.story.len());
    let mut paragraphs = Vec::new();
    for (written, step) in data.story.iter().zip(&steps) {
        let excerpt = &data.excerpts[step.excerpt];
        assert_eq!(excerpt.id, written.excerpt);
        paragraphs.push(excerpt.paragraph);
        for &tension in &step.tensions {
            let cited = &data.tensions[tension].excerpts;
            assert!(
                cited.contains(&excerpt.id),
                "{} cites {cited:?}",
                excerpt.id
            );
        }
        assert!(!step.countries.is_empty(), "{}", excerpt.id);
    }
    assert!(
        paragraphs.windows(2).all(|pair| pair[0] <= pair[1]),
        "the story follows the article: {paragraphs:?}"
    );
    assert_eq!(paragraphs.first(), Some(&1));
    assert_eq!(paragraphs.last(), Some(&7));
}

#[test]
fn without_a_story_present_steps_through_every_excerpt_with_the_tensions_citing_it() {
    let scenario = match load_changed(|value| {
        value.as_object_mut().map(|object| object.remove("story"));
    }) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{error}"),
    };
    let steps = scenario.story();
    let data = scenario.data();
    assert_eq!(steps.len(), data.excerpts.len());
    let Some(minsk) = steps
        .iter()
        .find(|step| data.excerpts[step.excerpt].id == "minsk-threatened-by-nato")
    else {
        panic!("a step shows the excerpt about Minsk");
    };
    let ids: Vec<&str> = minsk
        .tensions
        .iter()
        .map(|&i| data.tensions[i].id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["belarus-and-nato-neighbours", "belarus-iskander-answer"]
    );
    assert_eq!(minsk.countries, ["BLR", "POL", "LTU", "LVA"]);
}

#[test]
fn a_story_step_naming_what_does_not_exist_is_refused_at_its_path() {
    let result = load_changed(|value| {
        value["story"][0]["excerpt"] = json!("no-such-excerpt");
        value["story"][1]["tensions"] = json!(["no-such-tension"]);
        value["story"][2]["countries"] = json!(["XXX"]);
        value["story"][3]["view"] = json!({"west": 50, "south": 40, "east": 10, "north": 60});
    });
    let Err(ScenarioError::Refused { findings, .. }) = result else {
        panic!("the scenario is refused");
    };
    let lines: Vec<String> = findings.iter().map(|f| f.to_string()).collect();
    for expected in [
        "error: $.story[0].excerpt: no excerpt has the id 'no-such-excerpt'",
        "error: $.story[1].tensions[0]: no tension has the id 'no-such-tension'",
        "error: $.story[2].countries[0]: unknown country code 'XXX'",
        "error: $.story[3].view: west 50, south 40, east 10, north 60 is not an area",
    ] {
        assert!(
            lines.iter().any(|line| line.starts_with(expected)),
            "{expected} in {lines:#?}"
        );
    }
}

#[test]
fn a_story_step_with_a_misspelt_field_is_refused_with_its_line() {
    let result = load_changed(|value| {
        value["story"][0]["excerpts"] = json!("putin-opens-anniversary-summit");
    });
    let Err(error) = result else {
        panic!("the scenario is refused");
    };
    let text = error.to_string();
    assert!(
        text.contains("$.story[0]") && text.contains("excerpts"),
        "{text}"
    );
}

#[test]
fn a_step_showing_a_tension_its_excerpt_does_not_state_is_a_warning() {
    let scenario = match load_changed(|value| {
        value["story"][1]["tensions"] = json!(["us-russia-arms-race-risk"]);
    }) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{error}"),
    };
    let warnings: Vec<String> = scenario.warnings().iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains("$.story[1].tensions[0]")
            && w.contains("does not cite the step's excerpt 'current-members'")),
        "{warnings:#?}"
    );
}

#[test]
fn present_steps_through_the_story_and_the_selection_and_view_follow() {
    let mut harness = ui_harness();
    let (_, scenario) = shared();
    let steps = scenario.story();
    harness.get_by_label("Present").click();
    harness.run();
    assert_eq!(harness.state().presentation_step(), Some(0));
    let (excerpt, tensions, _) = selected_step(&harness);
    assert_eq!(excerpt, steps[0].excerpt);
    assert_eq!(tensions, steps[0].tensions);
    harness.get_by_label_contains("Step 1 of 10");
    // The side panels give the map their room.
    assert!(harness.query_by_label("Excerpts").is_none());

    let zoom_at_first = harness.state().map().memory().zoom();
    for key in [Key::ArrowRight, Key::Space] {
        harness.key_press(key);
        harness.run();
    }
    assert_eq!(harness.state().presentation_step(), Some(2));
    let (excerpt, tensions, countries) = selected_step(&harness);
    assert_eq!(excerpt, steps[2].excerpt);
    assert_eq!(tensions, steps[2].tensions);
    assert_eq!(countries, ["AFG", "TJK", "UZB"]);
    let Some(dushanbe) = harness.state().screen_position_of(68.78, 38.56) else {
        panic!("the map was drawn");
    };
    let Some(view) = harness.state().last_view() else {
        panic!("the map was drawn");
    };
    assert!(
        view.screen_rect().shrink(50.0).contains(dushanbe),
        "the map flew to Tajikistan: {dushanbe:?} in {:?}",
        view.screen_rect()
    );
    assert!(harness.state().map().memory().zoom() > zoom_at_first);
    // The step's countries lie above the caption, not under it.
    let (Some(south_afghanistan), Some(covered)) = (
        harness.state().screen_position_of(65.0, 30.0),
        harness.state().caption_covers_px(),
    ) else {
        panic!("the map and the caption were drawn");
    };
    assert!(covered > 80.0, "{covered}");
    assert!(
        south_afghanistan.y < view.screen_rect().bottom() - covered,
        "southern Afghanistan at {south_afghanistan:?}, the caption over the bottom {covered} of {:?}",
        view.screen_rect()
    );

    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().presentation_step(), Some(1));
    harness.get_by_label("Next »").click();
    harness.run();
    assert_eq!(harness.state().presentation_step(), Some(2));
    for _ in 0..20 {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    assert_eq!(harness.state().presentation_step(), Some(steps.len() - 1));
}

#[test]
fn escape_leaves_the_presentation_and_puts_back_the_selection_and_view() {
    let mut harness = ui_harness();
    let Some(minsk) = harness.state().screen_position_of(27.567, 53.9) else {
        panic!("the map was drawn");
    };
    click_at(&mut harness, minsk);
    let before_selection = harness.state().selection().clone();
    let before_view = harness.state().map().saved_view();
    assert!(matches!(before_selection, Selection::Country(_)));

    harness.key_press(Key::F5);
    harness.run();
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().presentation_step(), Some(1));
    assert_ne!(harness.state().map().saved_view(), before_view);

    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().presentation_step(), None);
    assert_eq!(harness.state().selection(), &before_selection);
    let (Some(before), Some(after)) = (before_view, harness.state().map().saved_view()) else {
        panic!("the map was drawn");
    };
    assert!(
        (before.lon - after.lon).abs() < 1e-6
            && (before.lat - after.lat).abs() < 1e-6
            && (before.zoom - after.zoom).abs() < 1e-9,
        "{before:?} vs {after:?}"
    );
    harness.get_by_label("Excerpts");
    assert!(harness.query_by_label_contains("Step 2 of").is_none());
}

#[test]
fn f11_asks_for_full_screen_and_leaving_the_presentation_asks_for_the_window_back() {
    let mut harness = ui_harness();
    harness.key_press(Key::F5);
    harness.run();
    press_in_one_frame(&mut harness, Key::F11);
    assert!(
        viewport_commands(&harness).contains(&ViewportCommand::Fullscreen(true)),
        "{:?}",
        viewport_commands(&harness)
    );
    harness.run();
    // The window went full screen, as a window manager reports it.
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .fullscreen = Some(true);
    harness.run();
    press_in_one_frame(&mut harness, Key::Escape);
    assert!(
        viewport_commands(&harness).contains(&ViewportCommand::Fullscreen(false)),
        "{:?}",
        viewport_commands(&harness)
    );
}
