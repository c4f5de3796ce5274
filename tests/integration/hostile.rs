//! Hostile scenario files: fan-out, floods of findings, huge membership tables, quotes that
//! prove nothing, articles from elsewhere. Each is bounded in time and memory or refused.
//! Speed itself is measured in `benches/hostile.rs`; the time bounds here are only guards, set
//! far above what the linear paths take on a loaded machine and far below the minutes the old
//! quadratic ones took, so that they catch a regression without ever failing on a slow day.

use std::path::Path;
use std::time::{Duration, Instant};

use alliance_map::layers::MapLayers;
use alliance_map::model::export::export;
use alliance_map::model::scenario::{
    MAX_ARCS, MAX_ARCS_PER_TENSION, MAX_TENSIONS, Scenario, ScenarioError,
};
use egui_kittest::kittest::Queryable;
use serde_json::{Value, json};

use crate::world::world;

const BUNDLED: &str = include_str!("../../assets/scenarios/csto-nato-of-the-east.json");
const ARTICLE: &str = include_str!("../../assets/articles/csto-nato-of-the-east.txt");

/// The bundled scenario without its story, whose steps name tensions these tests replace.
fn bundled_value() -> Value {
    let mut value: Value = match serde_json::from_str(BUNDLED) {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    };
    value.as_object_mut().map(|object| object.remove("story"));
    value
}

fn load(value: &Value) -> Result<Scenario, ScenarioError> {
    Scenario::from_text(
        Path::new("hostile.json"),
        &value.to_string(),
        |_| Ok(ARTICLE.to_string()),
        world(),
    )
}

fn loaded(value: &Value) -> Scenario {
    match load(value) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{error}"),
    }
}

fn first_excerpt(value: &Value) -> Value {
    value["excerpts"][0]["id"].clone()
}

fn arcs_drawn(scenario: &Scenario) -> usize {
    scenario
        .data()
        .tensions
        .iter()
        .map(|t| {
            scenario
                .tension_arcs(world(), t, scenario.date(), 100.0)
                .len()
        })
        .sum()
}

/// 96,000 membership rows (the limit) over 400 groups, each row a pair of a country and a
/// group from `first_year(row)`; where the world has fewer than 240 countries the pairs come
/// round again, each later round starting when the earlier one ends (30 years on), so that no
/// country's periods in a group overlap.
fn memberships_at_the_limit(codes: &[String], first_year: impl Fn(usize) -> usize) -> Vec<Value> {
    let pairs = codes.len() * 400;
    (0..96_000)
        .map(|i| {
            let (pair, round) = (i % pairs, i / pairs);
            let from = first_year(pair) + 30 * round;
            let mut row = json!({"country": codes[pair % codes.len()],
                                 "group": format!("G{}", pair / codes.len()),
                                 "status": "member", "from": format!("{from}-01-01"), "source": "s"});
            if i + pairs < 96_000 {
                row["until"] = json!(format!("{}-01-01", from + 30));
            }
            row
        })
        .collect()
}

/// Every country code of the world, in its order.
fn codes() -> Vec<String> {
    world()
        .countries()
        .iter()
        .map(|c| c.iso_a3().to_string())
        .collect()
}

#[test]
fn a_group_named_ten_thousand_times_is_one_arc() {
    let mut value = bundled_value();
    let mut parties = vec![json!({"country": "USA"})];
    parties.extend((0..10_000).map(|_| json!({"group": "CSTO"})));
    value["tensions"] = json!([{
        "id": "fan", "kind": "influence", "summary": "Fan-out.",
        "parties": parties, "excerpts": [first_excerpt(&value)]
    }]);
    let scenario = loaded(&value);
    assert_eq!(arcs_drawn(&scenario), 1);
    assert!(
        scenario
            .warnings()
            .iter()
            .any(|w| w.message.contains("repeats parties 9,999 times")),
        "{:?}",
        scenario.warnings()
    );
}

#[test]
fn a_small_group_without_an_anchor_is_drawn_from_each_of_its_members_a_large_one_from_one_place() {
    let mut value = bundled_value();
    let groups = value["groups"].as_array_mut().map(std::mem::take);
    let mut groups = groups.unwrap_or_default();
    for group in &mut groups {
        if let Some(object) = group.as_object_mut() {
            object.remove("anchor");
        }
    }
    value["groups"] = json!(groups);
    value["tensions"] = json!([{
        "id": "group", "kind": "influence", "summary": "A group and a country.",
        "parties": [{"group": "TGA"}, {"country": "USA"}], "excerpts": [first_excerpt(&value)]
    }, {
        "id": "large-group", "kind": "influence", "summary": "A large group and a country.",
        "parties": [{"group": "CSTO"}, {"country": "USA"}], "excerpts": [first_excerpt(&value)]
    }]);
    let scenario = loaded(&value);
    let arcs_of = |index: usize| {
        scenario.tension_arcs(
            world(),
            &scenario.data().tensions[index],
            scenario.date(),
            100.0,
        )
    };
    // The CSTO has had more members than are drawn apart: one place, one arc.
    assert_eq!(arcs_of(1).len(), 1);
    let arcs = arcs_of(0);
    // One arc from each member's capital to the United States.
    let capitals: Vec<(f64, f64)> = scenario
        .members("TGA", scenario.date())
        .into_iter()
        .filter_map(|code| world().by_code(code)?.capital().map(|c| (c.lon, c.lat)))
        .collect();
    assert_eq!(arcs.len(), capitals.len());
    for arc in &arcs {
        let from = arc[0];
        assert!(
            capitals.contains(&(from.lon, from.lat)),
            "{from:?} in {capitals:?}"
        );
        let to = arc[arc.len() - 1];
        let lon = (to.lon + 180.0).rem_euclid(360.0) - 180.0;
        let at = world().country_at(lon, to.lat).map(|c| c.iso_a3());
        assert_eq!(at, Some("USA"), "{to:?}");
    }
}

#[test]
fn a_tension_of_many_parties_and_a_scenario_of_many_tensions_are_capped_with_warnings() {
    let mut value = bundled_value();
    let excerpt = first_excerpt(&value);
    let codes = codes();
    let wide: Vec<Value> = codes.iter().map(|c| json!({"country": c})).collect();
    let mut tensions = vec![json!({
        "id": "wide", "kind": "influence", "summary": "Everyone.",
        "parties": wide, "excerpts": [excerpt.clone()]
    })];
    tensions.extend((0..MAX_ARCS + 500).map(|i| {
        json!({
            "id": format!("t{i}"), "kind": "influence", "summary": "Pairs.",
            "parties": [{"country": codes[i % codes.len()]}, {"country": codes[(i + 1) % codes.len()]}],
            "excerpts": [excerpt.clone()]
        })
    }));
    value["tensions"] = json!(tensions);
    let scenario = loaded(&value);
    let wide_arcs = scenario.tension_arcs(
        world(),
        &scenario.data().tensions[0],
        scenario.date(),
        100.0,
    );
    assert_eq!(wide_arcs.len(), MAX_ARCS_PER_TENSION);
    assert_eq!(arcs_drawn(&scenario), MAX_ARCS);
    let warnings: Vec<String> = scenario.warnings().iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("only arcs to the first 50")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("more than 2,000 arcs")),
        "{warnings:?}"
    );
    let layers = MapLayers::build(world(), &scenario, scenario.date());
    let collection = export(world(), &scenario, scenario.date());
    assert_eq!(layers.tensions.len(), 1 + (MAX_ARCS - MAX_ARCS_PER_TENSION));
    assert!(collection.features.len() > MAX_ARCS);
}

#[test]
fn more_tensions_than_the_limit_are_refused_with_a_clear_error() {
    let mut value = bundled_value();
    let excerpt = first_excerpt(&value);
    let tensions: Vec<Value> = (0..=MAX_TENSIONS)
        .map(|i| {
            json!({"id": format!("t{i}"), "kind": "influence", "summary": "",
                   "parties": [{"country": "RUS"}, {"country": "USA"}], "excerpts": [excerpt.clone()]})
        })
        .collect();
    value["tensions"] = json!(tensions);
    let Err(error) = load(&value) else {
        panic!("refused")
    };
    let message = error.to_string();
    assert!(
        message.contains("100,001 tensions; this app draws at most 100,000"),
        "{message}"
    );
}

#[test]
fn fifty_thousand_errors_make_a_short_refusal_that_still_counts_them() {
    let mut value = bundled_value();
    let memberships: Vec<Value> = (0..50_000)
        .map(|i| {
            json!({"country": format!("X{i}"), "group": "CSTO", "status": "member",
                        "from": "2000-01-01", "source": "s"})
        })
        .collect();
    value["memberships"] = json!(memberships);
    let Err(ScenarioError::Refused {
        ref findings,
        errors,
        omitted,
        ..
    }) = load(&value)
    else {
        panic!("refused")
    };
    assert_eq!(errors, 50_000);
    assert!(findings.len() <= 200);
    assert!(omitted > 49_000);
    let message = match load(&value) {
        Err(error) => error.to_string(),
        Ok(_) => String::new(),
    };
    assert!(
        message.lines().count() <= 22,
        "{} lines",
        message.lines().count()
    );
    assert!(message.contains("… and 49,980 more"), "{message}");
}

#[test]
fn membership_lookups_layers_and_export_over_96k_rows_and_400_groups_count_every_row() {
    let mut value = bundled_value();
    let codes = codes();
    let groups: Vec<Value> = (0..400)
        .map(|g| json!({"id": format!("G{g}"), "name": format!("Group {g}"), "kind": "informal", "founded": null}))
        .collect();
    let memberships = memberships_at_the_limit(&codes, |_| 2000);
    value["groups"] = json!(groups);
    value["memberships"] = json!(memberships);
    value["tensions"] = json!([]);
    value["excerpts"][0]["groups"] = json!([]);
    if let Some(excerpts) = value["excerpts"].as_array_mut() {
        for excerpt in excerpts {
            excerpt["groups"] = json!([]);
        }
    }
    value["map"] = json!({});
    let scenario = match load(&value) {
        Ok(scenario) => scenario,
        Err(error) => panic!(
            "{}",
            error
                .to_string()
                .lines()
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    let date = scenario.date();
    let statuses: usize = (0..400)
        .map(|g| {
            codes
                .iter()
                .filter(|code| scenario.status(code, &format!("G{g}"), date).is_some())
                .count()
        })
        .sum();
    let layers = MapLayers::build(world(), &scenario, date);
    let collection = export(world(), &scenario, date);
    assert!(collection.features.len() >= codes.len());
    assert!(statuses >= 90_000, "{statuses}");
    assert_eq!(layers.groups.len(), 400);
}

#[test]
fn a_quote_of_a_single_space_or_two_words_is_refused() {
    for quote in [" ", "the CSTO", ", ,"] {
        let mut value = bundled_value();
        value["excerpts"][0]["quote"] = json!(quote);
        let Err(error) = load(&value) else {
            panic!("{quote:?} refused")
        };
        assert!(
            error.to_string().contains("a quote needs at least 3"),
            "{error}"
        );
    }
}

#[test]
fn an_article_over_2_mb_on_disk_is_refused_even_when_crlf_endings_shrink_it() {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    let path = dir.path().join("long.txt");
    // 2.4 MB on disk, 1.6 MB once each \r\n is \n.
    assert!(std::fs::write(&path, "ab\r\n".repeat(600_000)).is_ok());
    let result =
        alliance_map::model::open::open_file(&path, world(), &std::sync::atomic::AtomicU64::new(0));
    let Err(error) = result else {
        panic!("refused")
    };
    assert!(
        error.to_string().contains("larger than the 2000000 bytes"),
        "{error}"
    );
}

#[test]
fn a_scenario_naming_etc_hostname_as_its_article_is_refused() {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    for article in [
        "/etc/hostname",
        "../../../../../../../../etc/hostname",
        "/proc/self/status",
    ] {
        let mut value = bundled_value();
        value["article"]["text"] = json!(article);
        let path = dir.path().join("s.json");
        assert!(std::fs::write(&path, value.to_string()).is_ok());
        let Err(error) = Scenario::load(&path, world()) else {
            panic!("{article} refused")
        };
        assert!(
            error
                .to_string()
                .contains("must lie in the scenario's folder"),
            "{error}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn checking_proc_kmsg_refuses_it_as_no_regular_file() {
    let mut out = Vec::new();
    let accepted = alliance_map::cli::check(world(), &[Path::new("/proc/kmsg").into()], &mut out);
    assert!(matches!(accepted, Ok(false)));
}

#[test]
fn message_popups_float_above_the_map() {
    let mut harness = crate::ui::ui_harness();
    harness
        .state_mut()
        .open_paths([std::path::PathBuf::from("/nonexistent/missing.geojson")]);
    let started = Instant::now();
    while harness.state().is_loading() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run();
    assert!(!harness.state().messages().is_empty());
    let dismiss = harness.get_by_label("Dismiss").rect().center();
    let layer = harness.ctx.layer_id_at(dismiss);
    assert_eq!(layer.map(|l| l.order), Some(egui::Order::Foreground));
}

/// What the UI thread does when a scenario arrives or the date changes (membership changes,
/// search, layers) stays bounded for a scenario at the limits: 96,000 memberships,
/// 20,000 mentions, 100,000 tensions. In a debug build it took 4 ms, 12 ms and 150 ms.
#[test]
fn preparing_a_scenario_at_every_limit_for_the_ui_keeps_every_change_and_arc() {
    let mut value = bundled_value();
    let codes = codes();
    value["groups"] =
        json!((0..400)
        .map(|g| json!({"id": format!("G{g}"), "name": "n", "kind": "informal", "founded": null}))
        .collect::<Vec<_>>());
    value["memberships"] = json!(memberships_at_the_limit(&codes, |row| 1993 + (row % 20)));
    value["mentions"] = json!(
        (0..20_000)
            .map(|i| json!({"country": codes[i % codes.len()], "terms": [format!("term{i}")]}))
            .collect::<Vec<_>>()
    );
    let excerpt = first_excerpt(&value);
    value["tensions"] = json!((0..MAX_TENSIONS)
        .map(|i| json!({"id": format!("t{i}"), "kind": "influence", "summary": "s",
                        "parties": [{"country": "RUS"}, {"country": "USA"}], "excerpts": [excerpt.clone()]}))
        .collect::<Vec<_>>());
    value["map"] = json!({});
    if let Some(excerpts) = value["excerpts"].as_array_mut() {
        for excerpt in excerpts {
            excerpt["groups"] = json!([]);
        }
    }
    let scenario = loaded(&value);
    let changes = scenario.membership_changes(world());
    let search = alliance_map::model::search::SearchIndex::build(world(), Some(&scenario));
    let layers = MapLayers::build(world(), &scenario, scenario.date());
    assert_eq!(changes.len(), 96_000);
    assert!(!search.search("term1", 5).is_empty());
    assert_eq!(layers.tensions.len(), MAX_ARCS);
}

#[test]
fn every_hostile_fixture_is_judged_as_expected() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile");
    let expected = [
        ("fan-out-group-named-6000-times.json", true),
        ("antipodal-parties.json", true),
        ("article-absolute-path.json", false),
        ("article-climbing-out.json", false),
        ("article-in-proc.json", false),
        ("quote-of-a-space.json", false),
        ("crs-member.geojson", true),
        ("article.txt", true),
    ];
    for (name, accepted) in expected {
        let result = alliance_map::model::open::open_file(
            &folder.join(name),
            world(),
            &std::sync::atomic::AtomicU64::new(0),
        );
        assert_eq!(
            result.is_ok(),
            accepted,
            "{name}: {:?}",
            result.err().map(|e| e.to_string())
        );
    }
    let Ok(scenario) = Scenario::load(&folder.join("antipodal-parties.json"), world()) else {
        panic!("loads")
    };
    for tension in &scenario.data().tensions {
        for arc in scenario.tension_arcs(world(), tension, scenario.date(), 60.0) {
            assert!(arc.windows(2).all(|w| (w[1].lon - w[0].lon).abs() < 20.0));
        }
    }
}

fn check_output(files: &[std::path::PathBuf]) -> String {
    let mut out = Vec::new();
    assert!(alliance_map::cli::check(world(), files, &mut out).is_ok());
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn check_lists_the_first_twenty_findings_then_counts_the_rest() {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        vec!["1"; 200_000].join(",")
    );
    let path = dir.path().join("numbers.geojson");
    assert!(std::fs::write(&path, text).is_ok());
    let output = check_output(&[path]);
    assert!(output.lines().count() <= 25, "{output}");
    assert!(output.contains("… and 199,980 more"), "{output}");
}

#[test]
fn check_escapes_terminal_control_characters_in_names_and_messages() {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    let path = dir.path().join("\u{1b}[31mred\u{7}\nforged.geojson");
    assert!(std::fs::write(&path, "{\"type\": \"Nonsense\u{1b}[2J\"}").is_ok());
    let output = check_output(&[path]);
    assert!(
        !output.contains('\u{1b}') && !output.contains('\u{7}'),
        "{output:?}"
    );
    assert!(output.contains("\\u{1b}[31mred"), "{output}");
    assert!(
        !output.lines().any(|line| line.starts_with("forged")),
        "{output}"
    );
}

#[test]
fn export_refuses_to_write_over_its_scenario_and_keeps_it() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile");
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    for name in ["antipodal-parties.json", "article.txt"] {
        assert!(std::fs::copy(folder.join(name), dir.path().join(name)).is_ok());
    }
    let scenario = dir.path().join("antipodal-parties.json");
    let before = std::fs::read(&scenario).ok();
    let spelled = dir.path().join(".").join("antipodal-parties.json");
    let date = match "2012-05-15".parse() {
        Ok(date) => date,
        Err(error) => panic!("{error}"),
    };
    let result = alliance_map::cli::export_geojson(
        world(),
        Some(&scenario),
        date,
        Some(&spelled),
        &mut Vec::new(),
    );
    let Err(error) = result else {
        panic!("refused")
    };
    assert!(
        error
            .to_string()
            .contains("one of the files read to make it"),
        "{error}"
    );
    assert_eq!(std::fs::read(&scenario).ok(), before);
    let output = dir.path().join("out.geojson");
    assert!(std::fs::write(&output, "old").is_ok());
    let written = alliance_map::cli::export_geojson(
        world(),
        Some(&scenario),
        date,
        Some(&output),
        &mut Vec::new(),
    );
    assert!(written.is_ok());
    let exported = std::fs::read_to_string(&output).unwrap_or_default();
    assert!(exported.starts_with("{\"type\":\"FeatureCollection\""));
    let leftovers = std::fs::read_dir(dir.path())
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(leftovers, 3, "no temporary file is left");
}

/// A small PNG figure of the bundled scenario showing `bbox`, unchecked, as a caller with a
/// scenario's own opening area would ask for it.
fn small_png_showing(bbox: [f64; 4]) -> Result<Vec<u8>, alliance_map::figure::FigureError> {
    use alliance_map::figure::{FigureFormat, FigureSpec, render_figure};
    let scenario = crate::scenario::bundled();
    let layers = MapLayers::build(world(), &scenario, scenario.date());
    let Ok(territories) = alliance_map::model::territory::Territories::bundled() else {
        panic!("the bundled territories load")
    };
    let spec = FigureSpec {
        world: world(),
        scenario: &scenario,
        layers: &layers,
        territories,
        date: scenario.date(),
        bbox,
        size_px: [320, 240],
        dark: false,
        hidden_layers: &std::collections::BTreeSet::new(),
        selected: &[],
        selected_tension: None,
        caption: None,
    };
    render_figure(&spec, FigureFormat::Png, 1)
}

#[test]
fn a_box_of_a_billionth_of_a_degree_is_refused_clearly_not_a_crash() {
    let directory = crate::fixtures::temp_dir();
    let out = directory.path().join("x.png");
    let tiny = "10,10,10.000000001,10.000000001";
    let output =
        crate::fixtures::run_binary(["render", "--bbox", tiny, "-o", crate::fixtures::utf8(&out)]);
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("at least 0.001°"), "{message}");
    let view = directory.path().join("view.json");
    crate::fixtures::write(
        &view,
        r#"{"format": "alliance-map/view", "version": 1, "scenario": "bundled",
            "date": "2012-05-15", "bbox": [10, 10, 10.000000001, 10.000000001],
            "layers": [], "theme": "light"}"#,
    );
    let output = crate::fixtures::run_binary([
        "render",
        "--view",
        crate::fixtures::utf8(&view),
        "-o",
        crate::fixtures::utf8(&out),
    ]);
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("at least 0.001°"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert!(!out.exists());
}

#[test]
fn a_figure_never_zooms_past_the_maps_closest_zoom() {
    let rect = egui::Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(8000.0, 8000.0));
    let view = alliance_map::figure::fitted_view([10.0, 10.0, 10.0 + 1e-9, 10.0 + 1e-9], rect);
    assert_eq!(view.zoom(), alliance_map::render::view::MAX_ZOOM);
    let drawn = small_png_showing([10.0, 10.0, 10.0 + 1e-9, 10.0 + 1e-9]);
    assert!(drawn.is_ok(), "{:?}", drawn.err().map(|e| e.to_string()));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 12, failure_persistence: None, .. proptest::prelude::ProptestConfig::default()
    })]

    /// Any box, from a billionth of a degree to the whole world, checked or not, draws.
    #[test]
    fn no_box_makes_a_figure_panic(
        west in -180.0f64..179.0,
        south in -85.0f64..84.0,
        width_exponent in -12.0f64..2.5,
        height_exponent in -12.0f64..2.0,
    ) {
        let east = (west + 10f64.powf(width_exponent)).min(180.0);
        let north = (south + 10f64.powf(height_exponent)).min(85.0);
        let drawn = small_png_showing([west, south, east, north]);
        proptest::prop_assert!(drawn.is_ok(), "{:?}", drawn.err().map(|e| e.to_string()));
    }
}

/// A copy of `tests/data/hostile/antipodal-parties.json` and its article in `folder`, with
/// `change` made to the scenario; returns the scenario's path.
fn hostile_copy(folder: &Path, change: impl FnOnce(&mut Value)) -> std::path::PathBuf {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile");
    let text = std::fs::read_to_string(corpus.join("antipodal-parties.json")).unwrap_or_default();
    let mut value: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    };
    change(&mut value);
    let scenario = folder.join("scenario.json");
    crate::fixtures::write(&scenario, value.to_string());
    assert!(std::fs::copy(corpus.join("article.txt"), folder.join("article.txt")).is_ok());
    scenario
}

#[test]
fn a_png_of_a_scenario_with_a_megabyte_title_is_drawn_at_once_with_the_title_cut() {
    let directory = crate::fixtures::temp_dir();
    let title = format!("{}{}", "Title ".repeat(150_000), "x".repeat(100_000));
    let scenario = hostile_copy(directory.path(), |value| {
        value["article"]["title"] = json!(title);
    });
    let out = directory.path().join("long.png");
    let output = crate::fixtures::run_binary([
        "render",
        "--scenario",
        crate::fixtures::utf8(&scenario),
        "-o",
        crate::fixtures::utf8(&out),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = directory.path().join("long.svg");
    let output = crate::fixtures::run_binary([
        "render",
        "--scenario",
        crate::fixtures::utf8(&scenario),
        "-o",
        crate::fixtures::utf8(&svg),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = std::fs::read_to_string(&svg).unwrap_or_default();
    let drawn_title = text
        .lines()
        .find(|line| line.contains("<text") && line.contains("Title Title"))
        .unwrap_or_default();
    assert!(drawn_title.contains(" …"), "{drawn_title}");
    assert!(drawn_title.len() < 2_000, "{} bytes", drawn_title.len());
}

#[cfg(unix)]
#[test]
fn an_articles_folder_linked_to_the_root_reads_nothing_through_a_view_file() {
    let directory = crate::fixtures::temp_dir();
    let scenarios = directory.path().join("scenarios");
    let scenario = hostile_copy(&directory.path().join("elsewhere"), |value| {
        value["article"]["text"] = json!("../articles/etc/hostname");
    });
    crate::fixtures::write(
        &scenarios.join("s.json"),
        std::fs::read(&scenario).unwrap_or_default(),
    );
    assert!(std::os::unix::fs::symlink("/", directory.path().join("articles")).is_ok());
    let view = scenarios.join("view.json");
    crate::fixtures::write(
        &view,
        r#"{"format": "alliance-map/view", "version": 1, "scenario": "s.json",
            "date": "2012-05-15", "bbox": [0, 25, 140, 72], "layers": [], "theme": "light"}"#,
    );
    let out = directory.path().join("x.svg");
    for args in [
        vec![
            "render",
            "--view",
            crate::fixtures::utf8(&view),
            "-o",
            crate::fixtures::utf8(&out),
        ],
        vec!["check", crate::fixtures::utf8(&scenarios.join("s.json"))],
    ] {
        let output = crate::fixtures::run_binary(&args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(1), "{args:?}: {text}");
        assert!(
            text.contains("symbolic link leading elsewhere"),
            "{args:?}: {text}"
        );
    }
    assert!(!out.exists());
}

#[test]
fn a_geojson_of_more_values_than_fit_in_a_gigabyte_is_refused_before_parsing() {
    let directory = crate::fixtures::temp_dir();
    let path = directory.path().join("dense.geojson");
    let positions = alliance_map::model::json::MAX_JSON_VALUES / 3 + 1;
    crate::fixtures::write(
        &path,
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},
                "geometry":{{"type":"LineString","coordinates":[{}]}}}}]}}"#,
            vec!["[1,2]"; positions].join(",")
        ),
    );
    let result =
        alliance_map::model::open::open_file(&path, world(), &std::sync::atomic::AtomicU64::new(0));
    let Err(error) = result else {
        panic!("refused")
    };
    assert!(error.to_string().contains("JSON values"), "{error}");
    let output = crate::fixtures::run_binary([
        "export",
        "--as-of",
        "2012-05-15",
        "--scenario",
        crate::fixtures::utf8(&path),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("JSON values"));
}
