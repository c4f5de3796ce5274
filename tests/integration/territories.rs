use alliance_map::model::date::Date;
use alliance_map::model::territory::{Territories, TerritoryStatus, TerritoryText, where_is};

use super::world::world;

fn territories() -> &'static Territories {
    match Territories::bundled() {
        Ok(territories) => territories,
        Err(error) => panic!("the bundled territories must load: {error}"),
    }
}

fn date(text: &str) -> Date {
    match text.parse() {
        Ok(date) => date,
        Err(error) => panic!("{error}"),
    }
}

/// (country, territory id, status, holder) at a place on a date, as `where` answers.
fn answer(
    lon: f64,
    lat: f64,
    on: &str,
) -> (Option<String>, Option<(String, TerritoryStatus, String)>) {
    let answer = where_is(world(), territories(), lon, lat, date(on));
    (
        answer.country,
        answer.territory.map(|t| (t.id, t.status, t.controlled_by)),
    )
}

fn assert_plain(place: &str, lon: f64, lat: f64, on: &str, country: &str) {
    assert_eq!(
        answer(lon, lat, on),
        (Some(country.to_owned()), None),
        "{place} on {on}"
    );
}

fn assert_held(
    place: &str,
    (lon, lat): (f64, f64),
    on: &str,
    (country, id, status, holder): (&str, &str, TerritoryStatus, &str),
) {
    assert_eq!(
        answer(lon, lat, on),
        (
            Some(country.to_owned()),
            Some((id.to_owned(), status, holder.to_owned()))
        ),
        "{place} on {on}"
    );
}

const SIMFEROPOL: (f64, f64) = (34.10, 44.95);
const SEVASTOPOL: (f64, f64) = (33.52, 44.60);
const SUKHUMI: (f64, f64) = (41.02, 43.00);
const TSKHINVALI: (f64, f64) = (43.96, 42.23);
const TIRASPOL: (f64, f64) = (29.63, 46.84);
const STEPANAKERT: (f64, f64) = (46.75, 39.82);
const LACHIN: (f64, f64) = (46.55, 39.64);
const DONETSK: (f64, f64) = (37.80, 48.00);

#[test]
fn the_bundled_territories_name_only_countries_of_the_world() {
    assert_eq!(territories().unknown_codes(world()), Vec::<String>::new());
    assert!(territories().all().len() >= 7);
}

#[test]
fn crimea_is_ukraine_in_the_world_on_every_date_and_never_russia() {
    for (lon, lat) in [SIMFEROPOL, SEVASTOPOL] {
        assert_eq!(
            world().country_at(lon, lat).map(|c| c.iso_a3()),
            Some("UKR")
        );
    }
    let Some(russia) = world().by_code("RUS") else {
        panic!("Russia is in the world");
    };
    for (lon, lat) in [SIMFEROPOL, SEVASTOPOL, (36.47, 45.35)] {
        assert!(
            !russia
                .polygons(alliance_map::model::Detail::Fine)
                .iter()
                .any(|p| p.contains(lon, lat)),
            "Russia's outline covers ({lon}, {lat})"
        );
    }
}

#[test]
fn crimea_is_plain_ukraine_before_2014_occupied_then_annexed_after() {
    assert_plain(
        "Simferopol",
        SIMFEROPOL.0,
        SIMFEROPOL.1,
        "2012-05-15",
        "UKR",
    );
    assert_plain(
        "Simferopol",
        SIMFEROPOL.0,
        SIMFEROPOL.1,
        "2014-02-26",
        "UKR",
    );
    assert_held(
        "Simferopol",
        SIMFEROPOL,
        "2014-03-01",
        ("UKR", "crimea", TerritoryStatus::Occupied, "RUS"),
    );
    for on in ["2014-03-18", "2015-01-01", "2020-01-01", "2026-01-01"] {
        assert_held(
            "Sevastopol",
            SEVASTOPOL,
            on,
            ("UKR", "crimea", TerritoryStatus::Annexed, "RUS"),
        );
    }
}

#[test]
fn the_where_answer_serialises_as_the_cli_prints_it() {
    let in_2012 = where_is(
        world(),
        territories(),
        SIMFEROPOL.0,
        SIMFEROPOL.1,
        date("2012-05-15"),
    );
    assert_eq!(
        serde_json::to_value(&in_2012).ok(),
        Some(serde_json::json!({"country": "UKR", "territory": null}))
    );
    let in_2020 = where_is(
        world(),
        territories(),
        SIMFEROPOL.0,
        SIMFEROPOL.1,
        date("2020-01-01"),
    );
    assert_eq!(
        serde_json::to_value(&in_2020).ok(),
        Some(serde_json::json!({"country": "UKR", "territory": {
            "id": "crimea", "name": "Crimea", "status": "annexed", "recognised_as": "UKR",
            "controlled_by": "RUS", "since": "2014-03-18"}}))
    );
    let sea = where_is(world(), territories(), 34.0, 43.5, date("2020-01-01"));
    assert_eq!(
        serde_json::to_value(&sea).ok(),
        Some(serde_json::json!({"country": null, "territory": null}))
    );
}

#[test]
fn abkhazia_and_south_ossetia_are_breakaway_before_2008_and_occupied_after() {
    for (place, at, id, breakaway_from) in [
        ("Sukhumi", SUKHUMI, "abkhazia", "1993-09-30"),
        ("Tskhinvali", TSKHINVALI, "south-ossetia", "1992-06-24"),
    ] {
        assert_plain(place, at.0, at.1, "1991-06-01", "GEO");
        let Some((territory, period)) = territories().at(at.0, at.1, date(breakaway_from)) else {
            panic!("{place} is contested from {breakaway_from}");
        };
        assert_eq!(
            (territory.id(), period.status),
            (id, TerritoryStatus::Breakaway)
        );
        assert_eq!(territory.recognised_as(), "GEO");
        assert_held(
            place,
            at,
            "2012-05-15",
            ("GEO", id, TerritoryStatus::Occupied, "RUS"),
        );
    }
    assert_plain("Tbilisi", 44.793, 41.715, "2012-05-15", "GEO");
}

#[test]
fn transnistria_is_breakaway_from_july_1992() {
    assert_plain("Tiraspol", TIRASPOL.0, TIRASPOL.1, "1992-07-20", "MDA");
    let held = answer(TIRASPOL.0, TIRASPOL.1, "2012-05-15");
    assert_eq!(held.0.as_deref(), Some("MDA"));
    assert_eq!(
        held.1.map(|(id, status, _)| (id, status)),
        Some(("transnistria".to_owned(), TerritoryStatus::Breakaway))
    );
    assert_plain("Chisinau", 28.86, 47.01, "2012-05-15", "MDA");
}

#[test]
fn nagorno_karabakh_is_armenian_held_from_1994_until_september_2023() {
    assert_plain(
        "Stepanakert",
        STEPANAKERT.0,
        STEPANAKERT.1,
        "1994-05-11",
        "AZE",
    );
    for on in ["1994-05-12", "2012-05-15", "2021-06-01", "2023-09-19"] {
        let held = answer(STEPANAKERT.0, STEPANAKERT.1, on);
        assert_eq!(held.0.as_deref(), Some("AZE"), "{on}");
        assert_eq!(
            held.1.map(|(id, status, _)| (id, status)),
            Some(("nagorno-karabakh".to_owned(), TerritoryStatus::Breakaway)),
            "{on}"
        );
    }
    assert_plain(
        "Stepanakert",
        STEPANAKERT.0,
        STEPANAKERT.1,
        "2023-09-20",
        "AZE",
    );
    assert_plain(
        "Stepanakert",
        STEPANAKERT.0,
        STEPANAKERT.1,
        "2024-06-01",
        "AZE",
    );
}

/// The territory and status at a place on a date, or `None` where it is plain ground.
fn held_as(at: (f64, f64), on: &str) -> Option<(String, TerritoryStatus)> {
    answer(at.0, at.1, on).1.map(|(id, status, _)| (id, status))
}

#[test]
fn each_district_around_karabakh_is_held_from_its_capture_until_its_return() {
    // (place, territory, the day it was taken, the day it was retaken or returned)
    for (place, at, id, taken, returned) in [
        ("Lachin", LACHIN, "lachin", "1992-05-18", "2020-12-01"),
        (
            "Kalbajar",
            (46.04, 40.10),
            "kalbajar",
            "1993-04-03",
            "2020-11-25",
        ),
        ("Agdam", (46.93, 39.99), "agdam", "1993-07-23", "2020-11-20"),
        (
            "Fuzuli",
            (47.14, 39.60),
            "fuzuli",
            "1993-08-23",
            "2020-10-17",
        ),
        (
            "Jabrayil",
            (47.03, 39.40),
            "jabrayil",
            "1993-08-23",
            "2020-10-09",
        ),
        (
            "Zangilan",
            (46.65, 39.09),
            "zangilan",
            "1993-10-30",
            "2020-10-20",
        ),
        (
            "Qubadli",
            (46.58, 39.34),
            "qubadli",
            "1993-08-31",
            "2020-10-25",
        ),
    ] {
        let day_before =
            |text: &str| Date::from_days_since_epoch(date(text).days_since_epoch() - 1).to_string();
        let held = Some((id.to_owned(), TerritoryStatus::Occupied));
        assert_eq!(held_as(at, &day_before(taken)), None, "{place}");
        assert_eq!(held_as(at, taken), held, "{place} on {taken}");
        assert_eq!(held_as(at, "2012-05-15"), held, "{place}");
        assert_eq!(held_as(at, &day_before(returned)), held, "{place}");
        // Lachin town stayed in the corridor under Russian peacekeepers when its district
        // was returned.
        let after =
            (id == "lachin").then(|| ("lachin-corridor".to_owned(), TerritoryStatus::Breakaway));
        assert_eq!(held_as(at, returned), after, "{place} on {returned}");
    }
}

#[test]
fn shusha_is_held_from_may_1992_until_november_2020_and_stepanakert_after() {
    const SHUSHA: (f64, f64) = (46.75, 39.76);
    let breakaway = |id: &str| Some((id.to_owned(), TerritoryStatus::Breakaway));
    assert_eq!(held_as(SHUSHA, "1992-05-08"), None);
    assert_eq!(held_as(SHUSHA, "1992-05-09"), breakaway("shusha"));
    assert_eq!(held_as(SHUSHA, "2020-11-07"), breakaway("shusha"));
    assert_eq!(held_as(SHUSHA, "2021-06-01"), None);
    assert_eq!(
        held_as(STEPANAKERT, "2021-06-01"),
        breakaway("nagorno-karabakh")
    );
}

#[test]
fn occupied_donetsk_is_plain_ukraine_before_may_2014_then_occupied_then_annexed() {
    assert_plain("Donetsk", DONETSK.0, DONETSK.1, "2012-05-15", "UKR");
    assert_held(
        "Donetsk",
        DONETSK,
        "2015-01-01",
        ("UKR", "donbas", TerritoryStatus::Occupied, "RUS"),
    );
    assert_held(
        "Donetsk",
        DONETSK,
        "2023-01-01",
        ("UKR", "donbas", TerritoryStatus::Annexed, "RUS"),
    );
    // Kramatorsk stayed on Ukraine's side of the line of contact.
    assert_plain("Kramatorsk", 37.56, 48.72, "2020-01-01", "UKR");
}

#[test]
fn a_territory_without_an_outline_is_listed_on_its_dates_but_never_hit() {
    let Some(occupied) = territories().by_id("ukraine-occupied-2022") else {
        panic!("the areas occupied since 2022 are bundled");
    };
    assert!(!occupied.has_outline());
    assert!(occupied.outline_source().is_none());
    let active = |on: &str| {
        territories()
            .active(date(on))
            .any(|(t, _)| t.id() == "ukraine-occupied-2022")
    };
    assert!(!active("2022-02-23"));
    assert!(active("2022-03-01"));
    let [lon, lat] = occupied.label_point();
    assert_plain("Melitopol", lon, lat, "2023-01-01", "UKR");
}

#[test]
fn crimea_reads_recognised_as_ukraine_occupied_and_annexed_by_russia_since_2014() {
    let Some((crimea, period)) = territories().at(SIMFEROPOL.0, SIMFEROPOL.1, date("2015-01-01"))
    else {
        panic!("Crimea is contested in 2015");
    };
    let text = TerritoryText::new(world(), crimea, period);
    assert_eq!(
        text.summary,
        "Crimea: recognised as part of Ukraine; occupied and annexed by Russia since 2014"
    );
    assert_eq!(text.history.len(), 2);
    assert!(text.history[0].starts_with("27 February 2014 – 18 March 2014: occupied by Russia"));
    assert!(text.sources.iter().any(|s| s.contains("68/262")));
    assert!(text.outline.starts_with("Outline: Natural Earth"));
}

#[test]
fn occupied_donetsk_reads_occupied_since_2014_and_annexed_since_2022() {
    let Some((donbas, period)) = territories().at(DONETSK.0, DONETSK.1, date("2023-01-01")) else {
        panic!("Donetsk is contested in 2023");
    };
    assert_eq!(
        TerritoryText::new(world(), donbas, period).summary,
        "Occupied parts of Donetsk and Luhansk oblasts: recognised as part of Ukraine; occupied \
         by Russia since 2014 and annexed by it since 2022"
    );
}

#[test]
fn territories_with_an_outline_lie_inside_their_recognised_state_at_both_scales() {
    use alliance_map::model::Detail;
    for territory in territories().all().iter().filter(|t| t.has_outline()) {
        let [lon, lat] = territory.label_point();
        assert_eq!(
            world().country_at(lon, lat).map(|c| c.iso_a3()),
            Some(territory.recognised_as()),
            "{}'s label point",
            territory.id()
        );
        for detail in [Detail::Fine, Detail::Coarse] {
            let mesh = territory.mesh(detail);
            assert!(!mesh.triangles.is_empty(), "{} {detail:?}", territory.id());
            let relative = (mesh.triangle_area() - mesh.ring_area()).abs() / mesh.ring_area();
            assert!(
                relative < 1e-3,
                "{} {detail:?} triangulation",
                territory.id()
            );
        }
    }
}

fn exported_territories(on: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let scenario = match alliance_map::model::scenario::Scenario::load_bundled(world()) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{error}"),
    };
    let collection = alliance_map::model::export::export(world(), &scenario, date(on));
    let text = match serde_json::to_string(&collection) {
        Ok(text) => text,
        Err(error) => panic!("the export cannot be serialised: {error}"),
    };
    let parsed: geojson::GeoJson = match text.parse() {
        Ok(parsed) => parsed,
        Err(error) => panic!("the export parses back: {error}"),
    };
    let geojson::GeoJson::FeatureCollection(parsed) = parsed else {
        panic!("a FeatureCollection");
    };
    parsed
        .features
        .into_iter()
        .filter_map(|feature| feature.properties)
        .filter(|properties| properties.get("kind") == Some(&serde_json::json!("territory")))
        .collect()
}

fn exported_ids(on: &str) -> Vec<String> {
    exported_territories(on)
        .iter()
        .filter_map(|p| p.get("id").and_then(|id| id.as_str()).map(String::from))
        .collect()
}

#[test]
fn the_export_carries_the_territories_contested_on_its_date_and_round_trips() {
    let in_2012 = exported_ids("2012-05-15");
    assert!(!in_2012.contains(&"crimea".to_owned()));
    for id in [
        "abkhazia",
        "south-ossetia",
        "transnistria",
        "nagorno-karabakh",
    ] {
        assert!(in_2012.contains(&id.to_owned()), "{id} in 2012");
    }
    let in_2020 = exported_territories("2020-01-01");
    let Some(crimea) = in_2020
        .iter()
        .find(|p| p.get("id") == Some(&serde_json::json!("crimea")))
    else {
        panic!("Crimea is exported in 2020");
    };
    for (key, value) in [
        ("name", "Crimea"),
        ("status", "annexed"),
        ("recognised_as", "UKR"),
        ("controlled_by", "RUS"),
        ("since", "2014-03-18"),
    ] {
        assert_eq!(crimea.get(key), Some(&serde_json::json!(value)), "{key}");
    }
    assert!(!exported_ids("2024-06-01").contains(&"nagorno-karabakh".to_owned()));
    assert!(exported_ids("2023-01-01").contains(&"ukraine-occupied-2022".to_owned()));
}

#[test]
fn exported_ukraine_holds_crimea_on_every_date() {
    let scenario = match alliance_map::model::scenario::Scenario::load_bundled(world()) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{error}"),
    };
    for on in ["2012-05-15", "2020-01-01"] {
        let collection = alliance_map::model::export::export(world(), &scenario, date(on));
        let holder = collection.features.iter().find_map(|feature| {
            let properties = feature.properties.as_ref()?;
            let code = properties.get("iso_a3")?.as_str()?;
            let geometry = feature.geometry.as_ref()?;
            let geojson::GeometryValue::MultiPolygon { coordinates } = &geometry.value else {
                return None;
            };
            let rings: Vec<Vec<Vec<[f64; 2]>>> = coordinates
                .iter()
                .map(|polygon| {
                    polygon
                        .iter()
                        .map(|ring| {
                            ring.iter()
                                .filter_map(|p| match p.as_slice() {
                                    &[lon, lat, ..] => Some([lon, lat]),
                                    _ => None,
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect();
            rings
                .into_iter()
                .map(alliance_map::model::Polygon::new)
                .any(|p| p.contains(SIMFEROPOL.0, SIMFEROPOL.1))
                .then(|| code.to_owned())
        });
        assert_eq!(holder.as_deref(), Some("UKR"), "{on}");
    }
}

/// The territories plugin's shapes for the Black Sea on a date, drawn in a headless egui frame.
fn black_sea_shapes(on: &str, dark: bool) -> Vec<egui::Shape> {
    territory_shapes_around((35.0, 45.5), on, dark)
}

/// The territories plugin's shapes around a place (zoom 6) on a date.
fn territory_shapes_around((lon, lat): (f64, f64), on: &str, dark: bool) -> Vec<egui::Shape> {
    use alliance_map::render::MercatorView;
    use alliance_map::render::patterns::PatternTextures;
    use alliance_map::render::style::TerritoryLook;
    use alliance_map::render::territories::territory_shapes;

    let ctx = egui::Context::default();
    let mut shapes = Vec::new();
    let mut frame = ctx.run_ui(egui::RawInput::default(), |ui| {
        let patterns = PatternTextures::new(ui.ctx());
        let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1200.0, 800.0));
        let view = MercatorView::new(alliance_map::model::geo::LonLat::new(lon, lat), 6.0, rect);
        territory_shapes(
            territories(),
            date(on),
            &view,
            &patterns,
            TerritoryLook::for_theme(dark),
            &mut shapes,
        );
    });
    // Only the shapes matter here: no renderer takes the pattern textures.
    frame.textures_delta.clear();
    shapes
}

#[test]
fn the_black_sea_map_hatches_crimea_after_2014_and_not_in_2012() {
    // In 2012 only the breakaway regions (Transnistria, Abkhazia) show in this view; from 2015
    // Crimea and the occupied part of Donbas add their hatching.
    let in_2012 = black_sea_shapes("2012-05-15", false);
    let in_2015 = black_sea_shapes("2015-01-01", true);
    let meshes = |shapes: &[egui::Shape]| {
        shapes
            .iter()
            .filter_map(|shape| match shape {
                egui::Shape::Mesh(mesh) => Some(mesh.indices.len()),
                _ => None,
            })
            .sum::<usize>()
    };
    assert!(
        meshes(&in_2015) > meshes(&in_2012),
        "hatching grows after 2014"
    );
    assert!(in_2015.len() > in_2012.len());
}

fn hatch_indices(shapes: &[egui::Shape]) -> usize {
    shapes
        .iter()
        .filter_map(|shape| match shape {
            egui::Shape::Mesh(mesh) => Some(mesh.indices.len()),
            _ => None,
        })
        .sum()
}

#[test]
fn northern_cyprus_somaliland_the_golan_and_western_sahara_are_hatched_as_crimea_is() {
    for (place, around, before, after) in [
        ("Cyprus", (33.4, 35.2), "1970-01-01", "2012-05-15"),
        ("the Golan", (35.75, 33.0), "1966-01-01", "2012-05-15"),
        ("Somaliland", (45.0, 9.5), "1990-01-01", "2012-05-15"),
        ("Western Sahara", (-12.0, 26.0), "1975-01-01", "2012-05-15"),
    ] {
        let (then, now) = (
            territory_shapes_around(around, before, false),
            territory_shapes_around(around, after, false),
        );
        assert!(
            hatch_indices(&now) > hatch_indices(&then),
            "{place} is hatched on {after}, not on {before}"
        );
    }
}

#[test]
fn recognised_places_read_with_their_holder_and_year() {
    let text = |(lon, lat): (f64, f64), on: &str| {
        let Some((territory, period)) = territories().at(lon, lat, date(on)) else {
            panic!("({lon}, {lat}) is contested on {on}");
        };
        TerritoryText::new(world(), territory, period).summary
    };
    assert_eq!(
        text((33.73, 35.25), "2012-05-15"),
        "Northern Cyprus: recognised as part of Cyprus; occupied by Türkiye since 1974"
    );
    assert_eq!(
        text((35.69, 32.99), "2012-05-15"),
        "Golan Heights: recognised as part of Syria; occupied by Israel since 1967 and annexed by it \
         since 1981"
    );
}

#[test]
fn breakaway_and_occupied_regions_read_with_their_holder_and_year() {
    let text = |(lon, lat): (f64, f64), on: &str| {
        let Some((territory, period)) = territories().at(lon, lat, date(on)) else {
            panic!("({lon}, {lat}) is contested on {on}");
        };
        TerritoryText::new(world(), territory, period).summary
    };
    assert_eq!(
        text(TIRASPOL, "2012-05-15"),
        "Transnistria: recognised as part of Moldova; breakaway region held by Transnistrian \
         de facto authorities since 1992"
    );
    assert_eq!(
        text(SUKHUMI, "2012-05-15"),
        "Abkhazia: recognised as part of Georgia; occupied by Russia since 2008"
    );
}

/// The rendered colour around a pixel, averaged over 3×3 pixels; `pixel` reads the image.
fn colour_at(size: [u32; 2], pixel: impl Fn(u32, u32) -> [u8; 4], at: [f32; 2]) -> [f32; 3] {
    let (cx, cy) = (at[0] as i64, at[1] as i64);
    let mut sum = [0.0f32; 3];
    let mut count = 0.0f32;
    for dx in -1..=1 {
        for dy in -1..=1 {
            let (x, y) = (cx + dx, cy + dy);
            if x < 0 || y < 0 || x >= i64::from(size[0]) || y >= i64::from(size[1]) {
                continue;
            }
            let rgba = pixel(x as u32, y as u32);
            for (channel, total) in sum.iter_mut().enumerate() {
                *total += f32::from(rgba[channel]);
            }
            count += 1.0;
        }
    }
    sum.map(|total| total / count.max(1.0))
}

fn distance(a: [f32; 3], b: [f32; 3]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).powi(2))
        .sum::<f32>()
        .sqrt()
}

#[test]
fn on_the_article_date_crimea_is_painted_and_clicked_as_ukraine_not_as_a_csto_member() {
    let mut harness = crate::ui::ui_harness();
    let place = |harness: &egui_kittest::Harness<'_, alliance_map::App>, lon, lat| match harness
        .state()
        .screen_position_of(lon, lat)
    {
        Some(at) => at,
        None => panic!("the map was drawn"),
    };
    let simferopol = place(&harness, SIMFEROPOL.0, SIMFEROPOL.1);
    let kirovohrad = place(&harness, 32.26, 48.51);
    let saratov = place(&harness, 46.0, 51.5);
    let image = match harness.render() {
        Ok(image) => image,
        Err(error) => panic!("the window renders: {error}"),
    };
    let scale = image.width() as f32 / 1600.0;
    let size = [image.width(), image.height()];
    let colour = |at: egui::Pos2| {
        colour_at(
            size,
            |x, y| image.get_pixel(x, y).0,
            [at.x * scale, at.y * scale],
        )
    };
    let (crimea, ukraine, russia) = (colour(simferopol), colour(kirovohrad), colour(saratov));
    assert!(
        distance(crimea, ukraine) < distance(crimea, russia),
        "Crimea {crimea:?} looks like Russia {russia:?} rather than Ukraine {ukraine:?}"
    );
    crate::ui::click_at(&mut harness, simferopol);
    let selected: Vec<&str> = harness
        .state()
        .selection()
        .countries()
        .iter()
        .map(|&id| harness.state().world().country(id).iso_a3())
        .collect();
    assert_eq!(selected, ["UKR"]);
}

/// Clicking Crimea on a date it is contested selects the territory, and the map marks it with
/// the selection's outline, as it outlines a selected country; clearing the selection clears it.
#[test]
fn clicking_crimea_today_selects_the_territory_and_the_map_outlines_it() {
    use alliance_map::map::MapLayer;
    use alliance_map::session::Selection;
    use egui_kittest::kittest::Queryable;
    let mut harness = crate::ui::ui_harness();
    harness.get_by_label("Today").click();
    harness.run();
    assert_eq!(harness.state().painted(MapLayer::Selection), 0);
    let Some(simferopol) = harness
        .state()
        .screen_position_of(SIMFEROPOL.0, SIMFEROPOL.1)
    else {
        panic!("the map was drawn")
    };
    crate::ui::click_at(&mut harness, simferopol);
    let selected = match harness.state().selection() {
        Selection::Territory(index) => territories().all().get(*index).map(|t| t.id()),
        other => panic!("a territory is selected, not {other:?}"),
    };
    assert_eq!(selected, Some("crimea"));
    assert!(harness.state().painted(MapLayer::Selection) > 0);
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().painted(MapLayer::Selection), 0);
}

/// The bundled world with 1:10m prepared, shared by the tests that probe every scale.
fn finest_world() -> &'static alliance_map::World {
    static WORLD: std::sync::OnceLock<alliance_map::World> = std::sync::OnceLock::new();
    WORLD.get_or_init(|| {
        let world = match alliance_map::World::load_bundled() {
            Ok(world) => world,
            Err(error) => panic!("the bundled world loads: {error}"),
        };
        if let Err(error) = world.load_finest_now() {
            panic!("the bundled 1:10m boundaries load: {error}");
        }
        world
    })
}

/// The countries whose outline at `detail` holds the place (several only where outlines
/// overlap, which they must not).
fn countries_at(lon: f64, lat: f64, detail: Detail) -> Vec<String> {
    finest_world()
        .countries()
        .iter()
        .filter(|c| c.polygons(detail).iter().any(|p| p.contains(lon, lat)))
        .map(|c| c.iso_a3().to_owned())
        .collect()
}

/// The contested territory whose outline at `detail` holds the place on a date.
fn territory_at(lon: f64, lat: f64, on: &str, detail: Detail) -> Option<String> {
    territories()
        .active(date(on))
        .find(|(t, _)| t.polygons(detail).iter().any(|p| p.contains(lon, lat)))
        .map(|(t, _)| t.id().to_owned())
}

use alliance_map::model::Detail;

const SCALES: [Detail; 3] = [Detail::Coarse, Detail::Fine, Detail::Finest];

/// Each place at 1:110m, 1:50m and 1:10m: in its recognised state alone, inside the contested
/// territory on the date; and `where` (1:10m) names the holder.
fn assert_recognised_at_every_scale(
    place: &str,
    (lon, lat): (f64, f64),
    on: &str,
    (country, id, status, holder): (&str, &str, TerritoryStatus, &str),
) {
    for detail in SCALES {
        assert_eq!(
            countries_at(lon, lat, detail),
            vec![country.to_owned()],
            "{place} at {detail:?}"
        );
        assert_eq!(
            territory_at(lon, lat, on, detail).as_deref(),
            Some(id),
            "{place} at {detail:?} on {on}"
        );
    }
    let answer = where_is(finest_world(), territories(), lon, lat, date(on));
    assert_eq!(answer.country.as_deref(), Some(country), "{place}");
    let Some(territory) = answer.territory else {
        panic!("{place} is in a contested territory on {on}");
    };
    assert_eq!(
        (
            territory.id.as_str(),
            territory.status,
            territory.controlled_by.as_str()
        ),
        (id, status, holder),
        "{place} on {on}"
    );
}

#[test]
fn northern_cyprus_is_cyprus_held_by_turkey_at_every_scale() {
    for (place, at) in [("Lefkoniko", (33.73, 35.25)), ("Morphou", (32.99, 35.20))] {
        assert_recognised_at_every_scale(
            place,
            at,
            "2012-05-15",
            ("CYP", "northern-cyprus", TerritoryStatus::Occupied, "TUR"),
        );
    }
    assert!(finest_world().by_code("XNC").is_none());
    // Nicosia's capital point, south of the Green Line.
    let Some(cyprus) = finest_world().by_code("CYP") else {
        panic!("Cyprus");
    };
    let Some(nicosia) = cyprus.capital() else {
        panic!("Nicosia");
    };
    let answer = where_is(
        finest_world(),
        territories(),
        nicosia.lon,
        nicosia.lat,
        date("2012-05-15"),
    );
    assert_eq!(answer.country.as_deref(), Some("CYP"));
}

#[test]
fn kyrenia_and_famagusta_answer_cyprus_held_by_turkey_at_1_50m_and_1_10m() {
    for (place, (lon, lat)) in [("Kyrenia", (33.32, 35.33)), ("Famagusta", (33.93, 35.12))] {
        for detail in [Detail::Fine, Detail::Finest] {
            assert_eq!(
                countries_at(lon, lat, detail),
                vec!["CYP".to_owned()],
                "{place}"
            );
            assert_eq!(
                territory_at(lon, lat, "2012-05-15", detail).as_deref(),
                Some("northern-cyprus"),
                "{place} at {detail:?}"
            );
        }
        assert_eq!(territory_at(lon, lat, "1974-01-01", Detail::Fine), None);
    }
}

#[test]
fn somaliland_is_somalia_with_a_breakaway_territory_over_it() {
    assert_recognised_at_every_scale(
        "Hargeisa",
        (44.07, 9.56),
        "2012-05-15",
        (
            "SOM",
            "somaliland",
            TerritoryStatus::Breakaway,
            "Somaliland de facto authorities",
        ),
    );
    assert!(finest_world().by_code("XSL").is_none());
}

#[test]
fn the_golan_is_syria_occupied_then_annexed_by_israel() {
    const KATZRIN: (f64, f64) = (35.69, 32.99);
    assert_recognised_at_every_scale(
        "Katzrin",
        KATZRIN,
        "2012-05-15",
        ("SYR", "golan-heights", TerritoryStatus::Annexed, "ISR"),
    );
    assert_held(
        "Katzrin",
        KATZRIN,
        "1975-01-01",
        ("SYR", "golan-heights", TerritoryStatus::Occupied, "ISR"),
    );
    assert_held(
        "Katzrin",
        KATZRIN,
        "2012-05-15",
        ("SYR", "golan-heights", TerritoryStatus::Annexed, "ISR"),
    );
    assert_plain("Katzrin", KATZRIN.0, KATZRIN.1, "1966-01-01", "SYR");
}

#[test]
fn western_sahara_is_a_territory_of_its_own_held_by_morocco() {
    for (place, at) in [("El Aaiún", (-13.20, 27.15)), ("Smara", (-11.66, 26.74))] {
        assert_recognised_at_every_scale(
            place,
            at,
            "2012-05-15",
            ("ESH", "western-sahara", TerritoryStatus::Occupied, "MAR"),
        );
    }
    assert_plain("Rabat", -6.85, 34.0, "2012-05-15", "MAR");
}

#[test]
fn the_west_bank_is_palestine_occupied_by_israel_and_east_jerusalem_is_listed() {
    assert_held(
        "Nablus",
        (35.26, 32.22),
        "2012-05-15",
        ("PSE", "west-bank", TerritoryStatus::Occupied, "ISR"),
    );
    let active: Vec<&str> = territories()
        .active(date("2012-05-15"))
        .map(|(t, _)| t.id())
        .collect();
    assert!(active.contains(&"east-jerusalem"), "{active:?}");
    let Some(jerusalem) = territories().by_id("east-jerusalem") else {
        panic!("East Jerusalem is a territory");
    };
    assert_eq!(jerusalem.recognised_as(), "PSE");
    assert!(!jerusalem.has_outline());
}

#[test]
fn the_southern_kurils_are_disputed_held_by_the_soviet_union_then_russia() {
    const YUZHNO_KURILSK: (f64, f64) = (145.86, 44.03);
    assert_held(
        "Yuzhno-Kurilsk",
        YUZHNO_KURILSK,
        "1980-01-01",
        (
            "RUS",
            "southern-kurils",
            TerritoryStatus::Disputed,
            "Soviet Union",
        ),
    );
    assert_held(
        "Yuzhno-Kurilsk",
        YUZHNO_KURILSK,
        "2012-05-15",
        ("RUS", "southern-kurils", TerritoryStatus::Disputed, "RUS"),
    );
    let Some((territory, period)) =
        territories().at(YUZHNO_KURILSK.0, YUZHNO_KURILSK.1, date("2012-05-15"))
    else {
        panic!("the southern Kurils are contested");
    };
    // No international act recognises them as either claimant's: the text says so.
    assert_eq!(
        TerritoryText::new(world(), territory, period).summary,
        "Southern Kuril Islands: disputed, held by Russia since 1991"
    );
    assert!(territory.note().contains("Japan"));
}

#[test]
fn the_sovereign_base_areas_in_cyprus_are_the_uks_at_1_50m_and_1_10m() {
    for (place, (lon, lat)) in [("Akrotiri", (32.95, 34.60)), ("Dhekelia", (33.72, 34.98))] {
        for detail in [Detail::Fine, Detail::Finest] {
            assert_eq!(
                countries_at(lon, lat, detail),
                vec!["GBR".to_owned()],
                "{place} at {detail:?}"
            );
        }
        let answer = where_is(finest_world(), territories(), lon, lat, date("2012-05-15"));
        assert_eq!(answer.country.as_deref(), Some("GBR"), "{place}");
    }
}

#[test]
fn kashmir_is_disputed_and_drawn_as_the_state_that_holds_each_part() {
    let held = [
        ("Srinagar", (74.80, 34.08), "IND", "jammu-and-kashmir"),
        ("Leh", (77.58, 34.16), "IND", "jammu-and-kashmir"),
        ("Muzaffarabad", (73.47, 34.37), "PAK", "azad-kashmir"),
        ("Gilgit", (74.31, 35.92), "PAK", "gilgit-baltistan"),
        ("the Aksai Chin plateau", (79.5, 35.0), "CHN", "aksai-chin"),
    ];
    for (place, at, holder, id) in held {
        assert_recognised_at_every_scale(
            place,
            at,
            "2012-05-15",
            (holder, id, TerritoryStatus::Disputed, holder),
        );
    }
    // Outside the former princely state nothing is contested.
    assert_plain("Islamabad", 73.05, 33.68, "2012-05-15", "PAK");
    assert_plain("Amritsar", 74.87, 31.63, "2012-05-15", "IND");
    assert_plain("Kashgar", 75.99, 39.47, "2012-05-15", "CHN");
    let Some((territory, period)) = territories().at(74.80, 34.08, date("2012-05-15")) else {
        panic!("Srinagar is in a contested territory");
    };
    assert_eq!(
        TerritoryText::new(world(), territory, period).summary,
        "Jammu and Kashmir and Ladakh: disputed, held by India since 1949"
    );
    assert!(territory.note().contains("Pakistan"));
}

#[test]
fn every_capital_answers_its_own_state_even_where_the_coast_is_generalised_past_it() {
    let on = date("2012-05-15");
    let mut off_coast = Vec::new();
    for country in finest_world().countries() {
        let Some(capital) = country.capital() else {
            continue;
        };
        let answer = where_is(finest_world(), territories(), capital.lon, capital.lat, on);
        // East Jerusalem, where the table puts Israel's capital point, is recognised as
        // Palestine's and answers so; every other capital answers its own state.
        let expected = if country.iso_a3() == "ISR" {
            "PSE"
        } else {
            country.iso_a3()
        };
        assert_eq!(
            answer.country.as_deref(),
            Some(expected),
            "{} ({}, {})",
            capital.name,
            capital.lon,
            capital.lat
        );
        if let Some(km) = answer.off_coast_km {
            off_coast.push(format!("{} {km:.2} km", capital.name));
        }
    }
    println!("capitals off the 1:10m coast: {}", off_coast.join(", "));
    assert!(
        off_coast.iter().any(|text| text.starts_with("Copenhagen")),
        "{off_coast:?}"
    );
    // Central Kherson, on the Dnieper's generalised bank.
    let kherson = where_is(finest_world(), territories(), 32.617, 46.636, on);
    assert_eq!(kherson.country.as_deref(), Some("UKR"));
    // Open sea stays sea.
    let black_sea = where_is(finest_world(), territories(), 35.0, 43.0, on);
    assert_eq!((black_sea.country, black_sea.off_coast_km), (None, None));
}

const KARABAKH_HELD: &str = "Nagorno-Karabakh Armenian de facto authorities";

#[test]
fn bender_is_held_by_transnistria_from_1992_at_every_scale() {
    const BENDER: (f64, f64) = (29.4767, 46.8316);
    assert_plain("Bender", BENDER.0, BENDER.1, "1992-07-20", "MDA");
    assert_recognised_at_every_scale(
        "Bender",
        BENDER,
        "2012-05-15",
        (
            "MDA",
            "transnistria",
            TerritoryStatus::Breakaway,
            "Transnistrian de facto authorities",
        ),
    );
    // Across the Dniester from Bender, and Chisinau, stay as they were.
    assert_plain("Chisinau", 28.86, 47.01, "2012-05-15", "MDA");
    assert_plain("Causeni", 29.41, 46.64, "2012-05-15", "MDA");
}

#[test]
fn akhalgori_and_upper_kodori_are_georgian_until_august_2008() {
    const AKHALGORI: (f64, f64) = (44.4831, 42.1243);
    const KVEMO_AZHARA: (f64, f64) = (41.736, 43.1072);
    for (place, at, id) in [
        ("Akhalgori", AKHALGORI, "akhalgori"),
        ("Kvemo Azhara", KVEMO_AZHARA, "upper-kodori"),
    ] {
        assert_plain(place, at.0, at.1, "2007-06-01", "GEO");
        assert_plain(place, at.0, at.1, "2008-08-11", "GEO");
        for detail in SCALES {
            assert_eq!(
                territory_at(at.0, at.1, "2007-06-01", detail),
                None,
                "{place}"
            );
        }
        assert_recognised_at_every_scale(
            place,
            at,
            "2012-05-15",
            ("GEO", id, TerritoryStatus::Occupied, "RUS"),
        );
    }
    // The rest of each region stays breakaway before the war.
    let breakaway = |id: &str| Some((id.to_owned(), TerritoryStatus::Breakaway));
    assert_eq!(
        held_as(TSKHINVALI, "2007-06-01"),
        breakaway("south-ossetia")
    );
    assert_eq!(held_as(SUKHUMI, "2007-06-01"), breakaway("abkhazia"));
}

#[test]
fn hadrut_is_held_until_october_2020_and_azerbaijans_after() {
    const HADRUT: (f64, f64) = (47.03, 39.5167);
    assert_recognised_at_every_scale(
        "Hadrut",
        HADRUT,
        "2012-05-15",
        ("AZE", "hadrut", TerritoryStatus::Breakaway, KARABAKH_HELD),
    );
    assert_eq!(
        held_as(HADRUT, "2020-10-08"),
        Some(("hadrut".to_owned(), TerritoryStatus::Breakaway))
    );
    for on in ["2020-10-09", "2021-06-01"] {
        assert_plain("Hadrut", HADRUT.0, HADRUT.1, on, "AZE");
        for detail in SCALES {
            assert_eq!(territory_at(HADRUT.0, HADRUT.1, on, detail), None, "{on}");
        }
    }
    assert_eq!(
        held_as(STEPANAKERT, "2021-06-01"),
        Some(("nagorno-karabakh".to_owned(), TerritoryStatus::Breakaway))
    );
}

#[test]
fn the_lachin_corridor_is_held_from_december_2020_until_august_2022() {
    assert_eq!(
        held_as(LACHIN, "2020-11-30"),
        Some(("lachin".to_owned(), TerritoryStatus::Occupied))
    );
    assert_recognised_at_every_scale(
        "Lachin",
        LACHIN,
        "2021-06-01",
        (
            "AZE",
            "lachin-corridor",
            TerritoryStatus::Breakaway,
            KARABAKH_HELD,
        ),
    );
    assert_eq!(
        held_as(LACHIN, "2022-08-25"),
        Some(("lachin-corridor".to_owned(), TerritoryStatus::Breakaway))
    );
    assert_plain("Lachin", LACHIN.0, LACHIN.1, "2022-08-26", "AZE");
    // Kalbajar, north of the corridor, is Azerbaijan's from its return.
    assert_plain("Kalbajar", 46.04, 40.10, "2021-06-01", "AZE");
}

#[test]
fn sloviansk_is_held_from_april_to_july_2014() {
    const SLOVIANSK: (f64, f64) = (37.5974, 48.8497);
    assert_plain("Sloviansk", SLOVIANSK.0, SLOVIANSK.1, "2014-04-11", "UKR");
    assert_eq!(
        held_as(SLOVIANSK, "2014-04-20"),
        Some(("sloviansk".to_owned(), TerritoryStatus::Breakaway))
    );
    assert_recognised_at_every_scale(
        "Sloviansk",
        SLOVIANSK,
        "2014-05-15",
        ("UKR", "sloviansk", TerritoryStatus::Occupied, "RUS"),
    );
    for on in ["2014-07-05", "2020-01-01", "2024-06-01"] {
        assert_plain("Sloviansk", SLOVIANSK.0, SLOVIANSK.1, on, "UKR");
    }
}

#[test]
fn the_armenian_land_held_by_azerbaijan_is_listed_from_may_2021() {
    let Some(held) = territories().by_id("armenia-held-by-azerbaijan") else {
        panic!("the Armenian land held by Azerbaijan is bundled");
    };
    assert_eq!(held.recognised_as(), "ARM");
    assert!(!held.has_outline());
    let active = |on: &str| {
        territories()
            .active(date(on))
            .find(|(t, _)| t.id() == "armenia-held-by-azerbaijan")
            .map(|(_, period)| (period.status, period.controlled_by.clone()))
    };
    assert_eq!(active("2021-05-11"), None);
    assert_eq!(
        active("2023-01-01"),
        Some((TerritoryStatus::Occupied, "AZE".to_owned()))
    );
    let [lon, lat] = held.label_point();
    assert_plain("Jermuk", lon, lat, "2023-01-01", "ARM");
}

#[test]
fn every_approximate_outline_says_so() {
    for id in ["hadrut", "lachin-corridor", "upper-kodori", "sloviansk"] {
        let Some(territory) = territories().by_id(id) else {
            panic!("{id} is bundled");
        };
        assert!(
            territory
                .outline_source()
                .is_some_and(|s| s.starts_with("Approximate")),
            "{id}"
        );
        assert!(territory.note().contains("approximate"), "{id}");
    }
}

/// The country at a place at every scale, and what `where` answers there today.
fn assert_country_at_every_scale(place: &str, (lon, lat): (f64, f64), country: &str) {
    for detail in SCALES {
        assert_eq!(
            countries_at(lon, lat, detail),
            vec![country.to_owned()],
            "{place} at {detail:?}"
        );
    }
    let answer = where_is(finest_world(), territories(), lon, lat, date("2026-12-05"));
    assert_eq!(
        (answer.country.as_deref(), answer.territory),
        (Some(country), None),
        "{place}"
    );
}

#[test]
fn narva_on_the_left_bank_is_estonia_and_ivangorod_on_the_right_is_russia_at_every_scale() {
    assert_country_at_every_scale("Narva", (28.19028, 59.37722), "EST");
    assert_country_at_every_scale("Narva castle", (28.2016, 59.3757), "EST");
    assert_country_at_every_scale("Ivangorod", (28.21625, 59.37155), "RUS");
    assert_country_at_every_scale("Ivangorod fortress", (28.2125, 59.3745), "RUS");
    assert_country_at_every_scale("Narva-Joesuu", (28.04, 59.46), "EST");
}

#[test]
fn baarle_hertog_busingen_and_campione_answer_their_own_state_at_every_scale() {
    assert_country_at_every_scale("Baarle-Hertog, enclave H1", (4.9283, 51.4383), "BEL");
    assert_country_at_every_scale("Busingen am Hochrhein", (8.690, 47.697), "DEU");
    assert_country_at_every_scale("Campione d'Italia", (8.971, 45.969), "ITA");
    // The states around them, where 1:50m and 1:10m draw the line (1:110m is too coarse for
    // Baarle-Nassau and Lugano).
    for detail in [Detail::Fine, Detail::Finest] {
        for (place, (lon, lat), country) in [
            ("Baarle-Nassau", (4.92917, 51.4475), "NLD"),
            (
                "Baarle-Nassau, north of enclave H1",
                (4.9280, 51.4425),
                "NLD",
            ),
            ("Schaffhausen", (8.63, 47.70), "CHE"),
            ("Lugano", (8.95, 46.005), "CHE"),
        ] {
            assert_eq!(
                countries_at(lon, lat, detail),
                vec![country.to_owned()],
                "{place} at {detail:?}"
            );
        }
    }
}

#[test]
fn the_right_bank_of_kherson_oblast_is_held_from_march_to_november_2022_at_every_scale() {
    // Kherson's centre (46.6354 N 32.6169 E) lies in the Dnipro at 1:10m, whose bank Natural
    // Earth generalises past it: the outline holds it at 1:110m and 1:50m, the city 1.6 km
    // further north at every scale, and `where` answers the territory off its shore as it
    // answers Ukraine off the coast.
    const KHERSON_CENTRE: (f64, f64) = (32.6169, 46.6354);
    const KHERSON_NORTH: (f64, f64) = (32.6169, 46.65);
    for (on, held) in [
        ("2022-03-01", None),
        ("2022-05-01", Some("kherson-right-bank")),
        ("2022-11-11", None),
    ] {
        let answer = where_is(
            finest_world(),
            territories(),
            KHERSON_CENTRE.0,
            KHERSON_CENTRE.1,
            date(on),
        );
        assert_eq!(
            answer.country.as_deref(),
            Some("UKR"),
            "Kherson's centre on {on}"
        );
        assert_eq!(
            answer.territory.map(|t| t.id).as_deref(),
            held,
            "Kherson's centre on {on}"
        );
    }
    for on in ["2022-05-01", "2022-10-15"] {
        for detail in [Detail::Coarse, Detail::Fine] {
            assert_eq!(
                territory_at(KHERSON_CENTRE.0, KHERSON_CENTRE.1, on, detail).as_deref(),
                Some("kherson-right-bank"),
                "Kherson's centre at {detail:?} on {on}"
            );
        }
    }
    assert_recognised_at_every_scale(
        "Kherson",
        KHERSON_NORTH,
        "2022-05-01",
        (
            "UKR",
            "kherson-right-bank",
            TerritoryStatus::Occupied,
            "RUS",
        ),
    );
    assert_recognised_at_every_scale(
        "Kherson",
        KHERSON_NORTH,
        "2022-10-15",
        ("UKR", "kherson-right-bank", TerritoryStatus::Annexed, "RUS"),
    );
    assert_recognised_at_every_scale(
        "Beryslav",
        (33.43, 46.84),
        "2022-10-15",
        ("UKR", "kherson-right-bank", TerritoryStatus::Annexed, "RUS"),
    );
    for on in ["2022-03-01", "2022-11-11", "2022-12-01", "2026-12-05"] {
        for (lon, lat) in [KHERSON_CENTRE, KHERSON_NORTH] {
            assert_plain("Kherson", lon, lat, on, "UKR");
            for detail in SCALES {
                assert_eq!(territory_at(lon, lat, on, detail), None, "Kherson {on}");
            }
        }
    }
    // The left bank, held since 2022, is not the right bank's: Nova Kakhovka, Oleshky and Hola
    // Prystan (the other occupied areas are a labelled point, so they answer plain Ukraine).
    for (place, (lon, lat)) in [
        ("Nova Kakhovka", (33.35, 46.755)),
        ("Oleshky", (32.7243, 46.6255)),
        ("Hola Prystan", (32.52, 46.52)),
    ] {
        for on in ["2022-05-01", "2022-10-15"] {
            for detail in SCALES {
                assert_eq!(
                    countries_at(lon, lat, detail),
                    vec!["UKR".to_owned()],
                    "{place} at {detail:?}"
                );
                assert_eq!(
                    territory_at(lon, lat, on, detail),
                    None,
                    "{place} at {detail:?} on {on}"
                );
            }
        }
    }
    // Ochakiv, across the estuary in Mykolaiv oblast, stayed Ukrainian (Natural Earth draws
    // the estuary's mouth past it, so `where` answers Ukraine as off the coast).
    const OCHAKIV: (f64, f64) = (31.55, 46.61);
    for on in ["2022-05-01", "2022-10-15", "2026-12-05"] {
        let answer = where_is(
            finest_world(),
            territories(),
            OCHAKIV.0,
            OCHAKIV.1,
            date(on),
        );
        assert_eq!(
            (answer.country.as_deref(), answer.territory),
            (Some("UKR"), None),
            "Ochakiv on {on}"
        );
    }
    let Some(bank) = territories().by_id("kherson-right-bank") else {
        panic!("the right bank of Kherson oblast is bundled");
    };
    assert_eq!(bank.recognised_as(), "UKR");
    assert!(bank.note().contains("the bank, not the front"));
    assert!(
        bank.outline_source()
            .is_some_and(|s| s.contains("GSHHG") && s.contains("LGPL")),
        "{:?}",
        bank.outline_source()
    );
}
