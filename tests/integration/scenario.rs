use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use alliance_map::model::date::Date;
use alliance_map::model::export::export;
use alliance_map::model::files::{self, ReadError};
use alliance_map::model::scenario::{Scenario, ScenarioError, Severity};
use serde_json::{Value, json};

use crate::fixtures::{run_binary, sparse_file, temp_dir, utf8, write};
use crate::world::world;

const BUNDLED: &str = include_str!("../../assets/scenarios/csto-nato-of-the-east.json");
const ARTICLE: &str = include_str!("../../assets/articles/csto-nato-of-the-east.txt");

pub fn date(text: &str) -> Date {
    match text.parse() {
        Ok(date) => date,
        Err(error) => panic!("{error}"),
    }
}

pub fn bundled() -> Scenario {
    match Scenario::load_bundled(world()) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{error}"),
    }
}

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| c.to_string()).collect()
}

fn owned(codes: BTreeSet<&str>) -> BTreeSet<String> {
    codes.into_iter().map(String::from).collect()
}

/// Loads the bundled scenario after `change` edits its JSON.
fn load_changed(change: impl FnOnce(&mut Value)) -> Result<Scenario, ScenarioError> {
    let mut value: Value = match serde_json::from_str(BUNDLED) {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    };
    change(&mut value);
    load_text(&value.to_string())
}

fn load_text(text: &str) -> Result<Scenario, ScenarioError> {
    Scenario::from_text(
        Path::new("edited.json"),
        text,
        |_| Ok(ARTICLE.to_string()),
        world(),
    )
}

/// The refusal's findings, as "path: message" lines.
fn refusal(result: Result<Scenario, ScenarioError>) -> Vec<String> {
    match result {
        Err(ScenarioError::Refused { findings, .. }) => findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{}: {}", f.path, f.message))
            .collect(),
        Err(other) => panic!("expected a refusal with findings, got: {other}"),
        Ok(_) => panic!("expected a refusal, the file was accepted"),
    }
}

#[test]
fn the_bundled_scenario_passes_the_check_without_warnings() {
    let scenario = bundled();
    assert!(scenario.warnings().is_empty(), "{:?}", scenario.warnings());
    assert_eq!(scenario.date(), date("2012-05-15"));
    assert!(
        scenario
            .data()
            .tensions
            .iter()
            .all(|t| !t.excerpts.is_empty())
    );
}

#[test]
fn csto_members_on_the_known_dates() {
    let scenario = bundled();
    let members = |day: &str| owned(scenario.members("CSTO", date(day)));
    let six = set(&["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]);
    assert_eq!(members("2000-06-01"), six);
    assert_eq!(members("2005-06-01"), six);
    assert_eq!(
        members("2012-05-15"),
        set(&["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"])
    );
    assert_eq!(members("2013-06-01"), six);
    assert_eq!(
        members("2024-06-01"),
        set(&["BLR", "KAZ", "KGZ", "RUS", "TJK"])
    );
}

#[test]
fn statuses_other_than_membership_are_dated() {
    use alliance_map::model::scenario::Status;
    let scenario = bundled();
    assert_eq!(
        scenario.status("UZB", "CSTO", date("2013-06-01")),
        Some(Status::Suspended)
    );
    assert_eq!(
        scenario.status("ARM", "CSTO", date("2024-06-01")),
        Some(Status::Frozen)
    );
    assert_eq!(
        scenario.status("GEO", "CSTO", date("2000-06-01")),
        Some(Status::Former)
    );
    assert_eq!(
        scenario.status("AZE", "CSTO", date("1995-01-01")),
        Some(Status::Member)
    );
    assert_eq!(scenario.status("FIN", "NATO", date("2023-04-03")), None);
    assert_eq!(
        scenario.status("FIN", "NATO", date("2023-04-04")),
        Some(Status::Member)
    );
    assert_eq!(
        owned(scenario.members("CU", date("2012-05-15"))),
        set(&["BLR", "KAZ", "RUS"])
    );
    assert_eq!(scenario.members("NATO", date("2026-01-01")).len(), 32);
    assert_eq!(scenario.members("NATO", date("2012-05-15")).len(), 28);
}

#[test]
fn nato_neighbours_of_the_csto_are_computed_from_the_borders() {
    let scenario = bundled();
    let neighbours = |day: &str| owned(scenario.neighbours(world(), date(day)));
    assert_eq!(
        neighbours("2012-05-15"),
        set(&["EST", "LTU", "LVA", "NOR", "POL", "TUR"])
    );
    assert_eq!(
        neighbours("2024-06-01"),
        set(&["EST", "FIN", "LTU", "LVA", "NOR", "POL"])
    );
    assert!(!neighbours("2023-04-03").contains("FIN"));
    assert!(neighbours("2023-04-04").contains("FIN"));
}

#[test]
fn a_file_that_is_not_json_is_refused_with_its_line_and_column() {
    let Err(ScenarioError::Json { line, column, .. }) = load_text("{\n  \"format\": oops\n}")
    else {
        panic!("expected a JSON error");
    };
    assert_eq!((line, column), (2, 13));
}

#[test]
fn a_missing_required_field_is_named_with_its_path() {
    let result = load_changed(|v| {
        if let Some(tension) = v["tensions"][2].as_object_mut() {
            tension.remove("summary");
        }
    });
    let Err(ScenarioError::Json { path, message, .. }) = result else {
        panic!("expected a JSON error");
    };
    assert_eq!(path, "$.tensions[2]");
    assert!(message.contains("missing field `summary`"), "{message}");
}

#[test]
fn an_unknown_country_code_is_refused() {
    let findings = refusal(load_changed(|v| {
        v["memberships"][0]["country"] = json!("XYZ")
    }));
    assert_eq!(
        findings,
        ["$.memberships[0].country: unknown country code 'XYZ'"]
    );
}

#[test]
fn a_quote_changed_by_one_letter_is_refused_naming_the_excerpt() {
    let findings = refusal(load_changed(|v| {
        let quote = v["excerpts"][11]["quote"]
            .as_str()
            .unwrap_or("")
            .replacen("Minsk", "Minsq", 1);
        v["excerpts"][11]["quote"] = json!(quote);
    }));
    assert_eq!(
        findings,
        [
            "$.excerpts[11].quote: excerpt 'minsk-threatened-by-nato' is not a verbatim quote of the article"
        ]
    );
}

#[test]
fn a_quote_from_another_paragraph_is_refused() {
    let findings = refusal(load_changed(|v| v["excerpts"][0]["paragraph"] = json!(3)));
    assert_eq!(
        findings,
        [
            "$.excerpts[0].quote: excerpt 'putin-opens-anniversary-summit' is quoted from paragraph 1, not paragraph 3"
        ]
    );
}

#[test]
fn a_tension_citing_a_missing_excerpt_is_refused() {
    let findings = refusal(load_changed(|v| {
        v["tensions"][0]["excerpts"] = json!(["no-such-excerpt"])
    }));
    assert_eq!(
        findings,
        ["$.tensions[0].excerpts[0]: no excerpt has the id 'no-such-excerpt'"]
    );
}

#[test]
fn a_tension_citing_nothing_is_refused() {
    let findings = refusal(load_changed(|v| v["tensions"][0]["excerpts"] = json!([])));
    assert_eq!(
        findings,
        ["$.tensions[0].excerpts: tension 'tajik-civil-war-and-mujahideen' cites no excerpt"]
    );
}

#[test]
fn an_impossible_date_is_refused_with_its_path() {
    let result = load_changed(|v| v["memberships"][0]["from"] = json!("1992-02-30"));
    let Err(ScenarioError::Json { path, message, .. }) = result else {
        panic!("expected a JSON error");
    };
    assert_eq!(path, "$.memberships[0].from");
    assert_eq!(message, "1992-02-30 is not a real date");
}

#[test]
fn a_reversed_period_is_refused() {
    let findings = refusal(load_changed(|v| {
        v["memberships"][0]["from"] = json!("2030-01-01");
    }));
    assert!(
        findings.contains(
            &"$.memberships[0].until: 2024-02-22 is not after the start 2030-01-01".to_string()
        ),
        "{findings:?}"
    );
}

#[test]
fn overlapping_periods_of_one_country_in_one_group_are_refused() {
    let findings = refusal(load_changed(|v| {
        v["memberships"][0]["until"] = json!("2025-01-01");
    }));
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(
        findings[0].contains(
            "ARM in CSTO from 2024-02-22 overlaps $.memberships[0] (1992-05-15 until 2025-01-01)"
        ),
        "{findings:?}"
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let findings = refusal(load_changed(|v| {
        let first = v["excerpts"][0]["id"].clone();
        v["excerpts"][1]["id"] = first;
    }));
    assert!(
        findings.contains(&"$.excerpts[1].id: duplicate id 'putin-opens-anniversary-summit' (first at $.excerpts[0])".to_string()),
        "{findings:?}"
    );
}

#[test]
fn a_file_of_250_megabytes_is_refused_by_its_size_without_being_read() {
    let directory = temp_dir();
    let path = directory.path().join("huge.json");
    sparse_file(&path, 250 * 1000 * 1000);
    match files::read_text(&path) {
        Err(ReadError::TooLarge { size, .. }) => assert_eq!(size, 250_000_000),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let Err(ScenarioError::Read(ReadError::TooLarge { .. })) = Scenario::load(&path, world())
    else {
        panic!("the scenario loader refuses it too");
    };
}

#[test]
fn the_export_round_trips_through_geojson_with_every_tension_and_its_quotes() {
    let scenario = bundled();
    let collection = export(world(), &scenario, date("2012-05-15"));
    let text = match serde_json::to_string(&collection) {
        Ok(text) => text,
        Err(error) => panic!("the export cannot be serialised: {error}"),
    };
    let parsed: geojson::GeoJson = match text.parse() {
        Ok(parsed) => parsed,
        Err(error) => panic!("{error}"),
    };
    let geojson::GeoJson::FeatureCollection(parsed) = parsed else {
        panic!("a FeatureCollection");
    };
    let countries = world().countries().len();
    let territories = match alliance_map::model::territory::Territories::bundled() {
        Ok(territories) => territories.active(date("2012-05-15")).count(),
        Err(error) => panic!("{error}"),
    };
    assert_eq!(
        parsed.features.len(),
        countries + territories + scenario.data().tensions.len()
    );

    let property = |feature: &geojson::Feature, key: &str| {
        feature
            .properties
            .as_ref()
            .and_then(|p| p.get(key))
            .cloned()
    };
    let csto: BTreeSet<String> = parsed.features[..countries]
        .iter()
        .filter(|f| {
            property(f, "memberships").and_then(|m| m.get("CSTO").cloned()) == Some(json!("member"))
        })
        .filter_map(|f| property(f, "iso_a3").and_then(|v| v.as_str().map(String::from)))
        .collect();
    assert_eq!(
        csto,
        set(&["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"])
    );
    let neighbours = parsed.features[..countries]
        .iter()
        .filter(|f| property(f, "neighbour_of") == Some(json!("CSTO")))
        .count();
    assert_eq!(neighbours, 6);

    for (feature, tension) in parsed.features[countries + territories..]
        .iter()
        .zip(&scenario.data().tensions)
    {
        assert_eq!(property(feature, "kind"), Some(json!("tension")));
        assert_eq!(property(feature, "id"), Some(json!(tension.id)));
        let quotes = scenario.quotes_of(tension);
        assert!(!quotes.is_empty());
        assert_eq!(property(feature, "quotes"), Some(json!(quotes)));
        assert!(feature.geometry.is_some());
    }
}

fn run_cli(args: &[&str]) -> (i32, String) {
    let output = run_binary(args);
    let text = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn check_accepts_the_bundled_scenario_and_refuses_an_altered_copy() {
    let (status, text) = run_cli(&["check", "assets/scenarios/csto-nato-of-the-east.json"]);
    assert_eq!(status, 0, "{text}");

    let directory = temp_dir();
    write(
        &directory.path().join("articles/csto-nato-of-the-east.txt"),
        ARTICLE,
    );
    let altered = BUNDLED.replacen("Internationally isolated", "Internationally isolatad", 1);
    let path = directory.path().join("scenarios/altered.json");
    write(&path, altered);
    let (status, text) = run_cli(&["check", utf8(&path)]);
    assert_eq!(status, 1, "{text}");
    assert!(
        text.contains("excerpt 'belarus-customs-union' is not a verbatim quote"),
        "{text}"
    );
}

#[test]
fn a_quote_running_into_the_next_paragraph_is_refused() {
    // The end of paragraph 2, then the start of paragraph 3.
    let paragraph_end = "being “capable of reacting to virtually any threats at this stage.”";
    let findings = refusal(load_changed(|v| {
        v["excerpts"][4]["quote"] = json!(format!(
            "{paragraph_end}\n\nThe CSTO was established in 2002"
        ));
    }));
    assert_eq!(
        findings,
        [
            "$.excerpts[4].quote: excerpt 'lukashenko-beyond-defence-bloc' runs past the end of paragraph 2"
        ]
    );
}

#[test]
fn a_pipe_is_refused_instead_of_read_forever() {
    let directory = temp_dir();
    let path = directory.path().join("pipe.json");
    match Command::new("mkfifo").arg(&path).status() {
        Ok(status) => assert!(status.success(), "mkfifo {}: {status}", path.display()),
        Err(error) => panic!("mkfifo cannot be run: {error}"),
    }
    assert!(matches!(
        files::read_text(&path),
        Err(ReadError::NotAFile { .. })
    ));
}

#[test]
fn a_group_without_a_seat_is_drawn_to_each_member_s_capital_on_the_map_and_in_the_export() {
    let scenario = bundled();
    let on = date("2012-05-15");
    let Some(tension) = scenario
        .data()
        .tensions
        .iter()
        .find(|t| t.id == "armenia-and-the-axis")
    else {
        panic!("the bundled scenario has Armenia's tension with the axis");
    };
    let arcs = scenario.tension_arcs(world(), tension, on, 60.0);
    let ends: BTreeSet<String> = arcs
        .iter()
        .filter_map(|arc| arc.last())
        .filter_map(|end| world().country_at(end.lon, end.lat))
        .map(|country| country.iso_a3().to_string())
        .collect();
    assert_eq!(ends, set(&["AZE", "GEO", "TUR"]));
    let collection = export(world(), &scenario, on);
    let Some(feature) = collection.features.iter().find(|f| {
        f.properties
            .as_ref()
            .and_then(|p| p.get("id"))
            .and_then(|id| id.as_str())
            == Some("armenia-and-the-axis")
    }) else {
        panic!("the export has the tension");
    };
    let Some(geojson::GeometryValue::MultiLineString { coordinates: lines }) =
        feature.geometry.as_ref().map(|g| &g.value)
    else {
        panic!("three arcs are a MultiLineString: {:?}", feature.geometry);
    };
    assert_eq!(lines.len(), 3);
}
