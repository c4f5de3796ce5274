use std::sync::{Arc, OnceLock};

use alliance_map::App;
use alliance_map::model::World;
use alliance_map::model::clock::Clock;
use alliance_map::model::date::Date;
use alliance_map::model::scenario::Scenario;
use alliance_map::session::Selection;
use alliance_map::session::layer_label;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

pub fn shared() -> (Arc<World>, Arc<Scenario>) {
    static SHARED: OnceLock<(Arc<World>, Arc<Scenario>)> = OnceLock::new();
    SHARED
        .get_or_init(|| {
            let world = match World::load_bundled() {
                Ok(world) => Arc::new(world),
                Err(error) => panic!("{error}"),
            };
            let scenario = match Scenario::load_bundled(&world) {
                Ok(scenario) => Arc::new(scenario),
                Err(error) => panic!("{error}"),
            };
            (world, scenario)
        })
        .clone()
}

pub fn harness_sized(size: egui::Vec2) -> Harness<'static, App> {
    harness_on(size, crate::fixtures::TEST_CLOCK)
}

/// The app in a window of `size`, taking `clock`'s day for today.
fn harness_on(size: egui::Vec2, clock: Clock) -> Harness<'static, App> {
    let (world, scenario) = shared();
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(200)
        .build_eframe(move |_| App::new(world, scenario, clock));
    harness.run();
    harness
}

fn harness() -> Harness<'static, App> {
    harness_sized(vec2(1600.0, 1000.0))
}

pub fn ui_harness() -> Harness<'static, App> {
    harness()
}

fn code_of(harness: &Harness<'_, App>, country: alliance_map::model::CountryId) -> String {
    harness
        .state()
        .world()
        .country(country)
        .iso_a3()
        .to_string()
}

fn selected_codes(harness: &Harness<'_, App>) -> Vec<String> {
    let mut codes: Vec<String> = harness
        .state()
        .selection()
        .countries()
        .iter()
        .map(|&id| code_of(harness, id))
        .collect();
    codes.sort();
    codes
}

pub fn click_at(harness: &mut Harness<'_, App>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    harness.run();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

/// Steps the app until the files it opens are read (or 20 s pass), then lets it settle.
pub fn wait_until_loaded(harness: &mut Harness<'_, App>) {
    harness.step();
    let started = std::time::Instant::now();
    while harness.state().is_loading() && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run();
}

/// Scrolls the excerpt into view, as a reader would, and clicks it.
pub fn click_excerpt(harness: &mut Harness<'_, App>, text: &str) {
    harness.get_by_label_contains(text).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(text).click();
    harness.run();
}

pub fn painted(harness: &Harness<'_, App>, layer: impl Into<alliance_map::map::MapLayer>) -> usize {
    harness.state().painted(layer)
}

#[test]
fn unticking_each_layer_removes_its_shapes_and_ticking_brings_them_back() {
    let mut harness = harness();
    let layers = harness.state().layers().layer_ids();
    assert!(layers.len() >= 6, "{layers:?}");
    for layer in layers {
        let label = layer_label(harness.state().layers(), layer);
        assert!(
            painted(&harness, layer) > 0,
            "{label} paints at the article date"
        );
        harness.get_by_label(&label).click();
        harness.run();
        assert_eq!(painted(&harness, layer), 0, "{label} unticked");
        assert!(!harness.state().is_layer_visible(layer));
        harness.get_by_label(&label).click();
        harness.run();
        assert!(painted(&harness, layer) > 0, "{label} ticked again");
    }
}

#[test]
fn clicking_minsk_selects_belarus_and_shows_its_status_and_excerpt() {
    let mut harness = harness();
    let Some(minsk) = harness.state().screen_position_of(27.567, 53.9) else {
        panic!("the map was drawn");
    };
    click_at(&mut harness, minsk);
    assert_eq!(selected_codes(&harness), ["BLR"]);
    harness.get_by_label("Belarus");
    assert!(harness.query_all_by_label_contains("CSTO: member").count() >= 1);
    // Once in the excerpts panel, once in the details.
    let mentions = harness
        .query_all_by_label_contains("Minsk feels itself threatened")
        .count();
    assert_eq!(mentions, 2);
}

#[test]
fn clicking_the_sea_clears_the_selection() {
    let mut harness = harness();
    let Some(minsk) = harness.state().screen_position_of(27.567, 53.9) else {
        panic!("the map was drawn");
    };
    click_at(&mut harness, minsk);
    // Open water in the Caspian, off any name (a name picks the country it names).
    let placement = harness.state().map().placement();
    let Some(caspian) = [(51.0, 41.0), (50.5, 43.5), (51.5, 39.5), (52.0, 42.0)]
        .into_iter()
        .filter_map(|(lon, lat)| harness.state().screen_position_of(lon, lat))
        .find(|at| placement.name_at(*at).is_none())
    else {
        panic!("some of the Caspian is off every name");
    };
    click_at(&mut harness, caspian);
    assert_eq!(harness.state().selection(), &Selection::None);
}

#[test]
fn clicking_the_excerpt_about_poland_lithuania_and_latvia_selects_them_and_belarus() {
    let mut harness = harness();
    let zoom_before = harness.state().map().memory().zoom();
    click_excerpt(
        &mut harness,
        "Minsk feels itself threatened by NATO presence",
    );
    assert_eq!(selected_codes(&harness), ["BLR", "LTU", "LVA", "POL"]);
    assert!(
        harness.state().map().memory().zoom() > zoom_before,
        "the map zooms to fit them"
    );
}

/// Clicks the marker of the tension with this id; its index in the scenario.
pub fn click_tension_marker(harness: &mut Harness<'_, App>, id: &str) -> usize {
    let markers = harness.state().map().marker_positions();
    let Some((index, marker)) = harness
        .state()
        .layers()
        .tensions
        .iter()
        .zip(markers)
        .find(|(t, _)| t.id == id)
        .map(|(t, marker)| (t.tension_index, marker))
    else {
        panic!("the tension {id} is drawn");
    };
    click_at(harness, marker);
    index
}

#[test]
fn clicking_a_tension_marker_shows_its_summary_and_quotes() {
    let mut harness = harness();
    let index = click_tension_marker(&mut harness, "armenia-and-the-axis");
    assert_eq!(harness.state().selection(), &Selection::Tension(index));
    assert!(
        harness
            .query_all_by_label_contains("Armenia is constantly facing the threat")
            .count()
            >= 1
    );
    assert!(
        harness
            .query_all_by_label_contains("Turkish-Georgian-Azeri axis")
            .count()
            >= 1
    );
}

#[test]
fn escape_clears_the_selection_and_a_layer_shortcut_toggles_it() {
    let mut harness = harness();
    click_excerpt(
        &mut harness,
        "Minsk feels itself threatened by NATO presence",
    );
    assert_ne!(harness.state().selection(), &Selection::None);
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().selection(), &Selection::None);

    let first = harness.state().layers().layer_ids()[0];
    assert!(harness.state().is_layer_visible(first));
    harness.key_press(Key::Num1);
    harness.run();
    assert!(!harness.state().is_layer_visible(first));
    assert_eq!(painted(&harness, first), 0);
    harness.key_press(Key::Num1);
    harness.run();
    assert!(harness.state().is_layer_visible(first));
}

#[test]
fn f1_opens_the_help_with_the_layer_shortcuts() {
    let mut harness = harness();
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label_contains("Show or hide: CSTO");
}

fn map_width(harness: &Harness<'_, App>) -> f32 {
    match harness.state().last_view() {
        Some(view) => view.screen_rect().width(),
        None => panic!("the map was drawn"),
    }
}

/// Shrinking the window narrows the side panels; growing it again gives them back their width
/// (egui kept the narrowed width), and in a small window the map keeps most of the room.
#[test]
fn the_side_panels_take_their_width_back_when_the_window_grows_again() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    let wide = map_width(&harness);
    harness.set_size(vec2(1024.0, 700.0));
    harness.run();
    let small = map_width(&harness);
    assert!(
        small >= 0.6 * 1024.0 - 1.0,
        "the map keeps {small} of 1024 px"
    );
    harness.set_size(vec2(800.0, 500.0));
    harness.run();
    harness.set_size(vec2(1600.0, 1000.0));
    harness.run();
    let again = map_width(&harness);
    assert!(
        (again - wide).abs() < 1.0,
        "the map was {wide} px wide, now {again}"
    );
}

/// The help's last section can be scrolled into a 700 px high window and read there.
#[test]
fn the_whole_help_can_be_read_in_a_small_window() {
    let mut harness = harness_sized(vec2(1024.0, 700.0));
    harness.key_press(Key::F1);
    harness.run();
    let last = "Opening, dropping or pasting an article";
    harness.get_by_label_contains(last).scroll_to_me();
    harness.run();
    let rect = harness.get_by_label_contains(last).rect();
    assert!(
        rect.top() >= 0.0 && rect.bottom() <= 700.0,
        "the help's last paragraph lies at {rect:?}, outside the window"
    );
}

/// Drawn on the tests' fixed day: the slider runs to today, so with the wall clock this image
/// changed every day.
#[test]
fn the_window_at_the_article_date_matches_its_snapshot() {
    let mut harness = harness_sized(vec2(960.0, 600.0));
    harness.snapshot("article_date");
}

/// "Today", the slider's last month and where it ends all follow the clock the app is given,
/// not the calendar the test runs on.
#[test]
fn today_is_the_day_the_app_is_given() {
    for today in [Date::constant(2026, 11, 28), Date::constant(2031, 3, 15)] {
        let mut harness = harness_on(vec2(1600.0, 1000.0), Clock::Fixed(today));
        assert_eq!(harness.state().today(), today);
        harness.get_by_label("Today").click();
        harness.run();
        assert_eq!(harness.state().date(), today);
        let (start, last) = harness.state().scenario().date_range(today);
        assert_eq!(last, today);
        let slider = harness.get_by_role(egui::accesskit::Role::Slider);
        let months = f64::from(start.months_until(&today));
        assert_eq!(slider.accesskit_node().max_numeric_value(), Some(months));
        assert_eq!(slider.accesskit_node().numeric_value(), Some(months));
    }
}

/// Clicks into the search box and types, as a person would.
fn type_into_search(harness: &mut Harness<'_, App>, text: &str) {
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .click();
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text(text);
}

pub fn set_date_by_slider(harness: &mut Harness<'_, App>, date: &str) {
    let date = match date.parse::<alliance_map::model::date::Date>() {
        Ok(date) => date,
        Err(error) => panic!("{date}: {error}"),
    };
    let (start, _) = harness
        .state()
        .scenario()
        .date_range(crate::fixtures::TEST_CLOCK.today());
    let months = start.months_until(&date);
    harness
        .get_by_role(egui::accesskit::Role::Slider)
        .set_value_accesskit(months as f64);
    harness.run();
}

fn csto_members(harness: &Harness<'_, App>) -> Vec<String> {
    use alliance_map::model::scenario::Status;
    let layers = harness.state().layers();
    let mut codes: Vec<String> = layers.groups[0]
        .countries
        .iter()
        .filter(|(_, status)| *status == Status::Member)
        .map(|&(id, _)| code_of(harness, id))
        .collect();
    codes.sort();
    codes
}

#[test]
fn moving_the_date_recomputes_the_layers_the_legend_and_the_neighbours() {
    let mut harness = harness();
    assert_eq!(harness.state().date().to_string(), "2012-05-15");
    harness.get_by_label("CSTO (7)");
    assert!(csto_members(&harness).contains(&"UZB".to_string()));

    set_date_by_slider(&mut harness, "2013-06-01");
    assert_eq!(harness.state().date().to_string(), "2013-06-01");
    assert!(!csto_members(&harness).contains(&"UZB".to_string()));
    harness.get_by_label("CSTO (6) + 1 suspended");

    set_date_by_slider(&mut harness, "2024-06-01");
    harness.get_by_label("CSTO (5) + 1 suspended, 1 frozen");
    let neighbours: Vec<String> = harness
        .state()
        .layers()
        .neighbours
        .iter()
        .map(|&id| code_of(&harness, id))
        .collect();
    assert!(neighbours.contains(&"FIN".to_string()), "{neighbours:?}");
    assert!(!neighbours.contains(&"TUR".to_string()), "{neighbours:?}");
    harness.get_by_label_contains("Map as of 1 June 2024");

    harness.get_by_label_contains("Article date").click();
    harness.run();
    harness.get_by_label("CSTO (7)");
}

#[test]
fn searching_yerevan_and_pressing_enter_selects_armenia() {
    let mut harness = harness();
    type_into_search(&mut harness, "Yerevan");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(selected_codes(&harness), ["ARM"]);
}

#[test]
fn typing_kazakh_suggests_kazakhstan_first() {
    let mut harness = harness();
    type_into_search(&mut harness, "kazakh");
    harness.run();
    let suggestions = harness.state().suggestions();
    assert!(!suggestions.is_empty());
    let Some(first) = suggestions[0].country() else {
        panic!("a country comes first");
    };
    assert_eq!(code_of(&harness, first), "KAZ");
    assert!(harness.query_all_by_label_contains("Kazakhstan — ").count() >= 1);
}

#[test]
fn a_misspelt_name_offers_the_nearest_and_enter_goes_there() {
    let mut harness = harness();
    type_into_search(&mut harness, "Kazahstan");
    harness.run();
    let suggestions = harness.state().suggestions();
    assert!(suggestions.first().is_some_and(|s| s.nearest));
    harness.get_by_label_contains("the nearest names");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(selected_codes(&harness), ["KAZ"]);
}

#[test]
fn choosing_a_tension_in_search_selects_it_and_brings_its_arcs_into_view() {
    use alliance_map::model::search::Target;
    let mut harness = harness();
    // Start far from the tension: the map on South America.
    let south_america = alliance_map::model::scenario::Extent {
        west: -80.0,
        south: -40.0,
        east: -40.0,
        north: 0.0,
    };
    harness
        .state_mut()
        .map_mut()
        .fit(alliance_map::map::navigation::extent_in_mercator(
            &south_america,
        ));
    harness.run();
    type_into_search(&mut harness, "Iskander");
    harness.run();
    let Some(index) = harness
        .state()
        .suggestions()
        .iter()
        .find_map(|s| match s.target {
            Target::Tension(index) => Some(index),
            _ => None,
        })
    else {
        panic!(
            "Iskander names a tension: {:?}",
            harness.state().suggestions()
        );
    };
    harness.get_by_label_contains("Tension: ").click();
    harness.run();
    assert_eq!(harness.state().selection(), &Selection::Tension(index));
    let Some(view) = harness.state().last_view() else {
        panic!("the map was drawn")
    };
    let minsk = alliance_map::model::mercator::project(27.567, 53.9);
    assert!(
        view.visible_mercator().contains([minsk.x, minsk.y]),
        "the map flew to the tension's arcs"
    );
}

#[test]
fn searching_is_blind_to_case_and_accents_and_knows_leaders() {
    let mut harness = harness();
    type_into_search(&mut harness, "LUKASHENKO");
    harness.run();
    assert_eq!(
        code_of(
            &harness,
            harness.state().suggestions()[0]
                .country()
                .unwrap_or_else(|| panic!("a country comes first"))
        ),
        "BLR"
    );
}

/// eframe's storage, kept in memory.
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_state_saved_by_one_app_is_restored_by_the_next() {
    use eframe::App as _;
    let mut harness = harness();
    harness.key_press(Key::Num3);
    harness.run();
    set_date_by_slider(&mut harness, "2013-06-01");
    let zoom = harness.state().map().memory().zoom();
    let mut storage = MemoryStorage::default();
    harness.state_mut().save(&mut storage);

    let (world, scenario) = shared();
    let restored = App::with_storage(world, scenario, Some(&storage), crate::fixtures::TEST_CLOCK);
    assert_eq!(restored.date().to_string(), "2013-06-01");
    let third = restored.layers().layer_ids()[2];
    assert!(!restored.is_layer_visible(third));
    assert!((restored.map().memory().zoom() - zoom).abs() < 1e-9);
    assert!(restored.messages().is_empty());
}

#[test]
fn corrupt_saved_state_gives_defaults_and_a_warning() {
    let mut storage = MemoryStorage::default();
    eframe::Storage::set_string(
        &mut storage,
        alliance_map::session::settings::STORAGE_KEY,
        "{\"version\": [".into(),
    );
    let (world, scenario) = shared();
    let app = App::with_storage(world, scenario, Some(&storage), crate::fixtures::TEST_CLOCK);
    assert_eq!(app.date().to_string(), "2012-05-15");
    assert_eq!(app.messages().len(), 1);
}

#[test]
fn page_down_and_page_up_move_the_date_a_year_to_the_same_day() {
    let mut harness = harness();
    assert_eq!(harness.state().date().to_string(), "2012-05-15");
    harness.key_press(Key::PageDown);
    harness.run();
    assert_eq!(harness.state().date().to_string(), "2011-05-15");
    harness.key_press(Key::PageUp);
    harness.run();
    assert_eq!(harness.state().date().to_string(), "2012-05-15");
}

#[test]
fn stepping_back_from_the_middle_of_a_month_lands_on_its_first_day() {
    let mut harness = harness();
    harness.key_press(Key::Comma);
    harness.run();
    assert_eq!(harness.state().date().to_string(), "2012-05-01");
    harness.key_press(Key::Comma);
    harness.run();
    assert_eq!(harness.state().date().to_string(), "2012-04-01");
    harness.key_press(Key::Period);
    harness.run();
    assert_eq!(harness.state().date().to_string(), "2012-05-01");
}
