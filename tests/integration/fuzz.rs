use std::path::Path;

use alliance_map::model::overlay::parse_overlay;
use alliance_map::model::scenario::Scenario;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::world::world;

const SCENARIO: &str = include_str!("../../assets/scenarios/csto-nato-of-the-east.json");
const ARTICLE: &str = include_str!("../../assets/articles/csto-nato-of-the-east.txt");
const OVERLAY: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"a"},"geometry":{"type":"Point","coordinates":[27.5,53.9]}},
 {"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[27.5,53.9],[37.6,55.7]]}},
 {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[4,6],[6,6],[6,4],[4,4]]]}},
 {"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}]}}]}"#;

/// Ways of damaging a document: what a broken download, a bad edit or a converter's bug does.
#[derive(Clone, Debug)]
enum Damage {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let fragment = prop_oneof![
        Just("{".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just("null".to_string()),
        Just("\"type\":\"Polygon\"".to_string()),
        Just("[[[".to_string()),
        Just("1e400".to_string()),
        Just("-0.0000000001".to_string()),
        Just("\"\\u0000\"".to_string()),
        "[ -~]{0,12}",
    ];
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), 0usize..40).prop_map(|(at, n)| Damage::Delete(at, n)),
        (any::<usize>(), fragment).prop_map(|(at, text)| Damage::Insert(at, text)),
        (any::<usize>(), 0usize..60).prop_map(|(at, n)| Damage::Duplicate(at, n)),
    ]
}

/// Applies damage on character boundaries, so the result stays a string.
fn apply(text: &str, damages: &[Damage]) -> String {
    let mut text = text.to_string();
    let boundary = |text: &str, at: usize| {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    for damage in damages {
        match damage {
            Damage::Truncate(at) => {
                let at = boundary(&text, *at);
                text.truncate(at);
            }
            Damage::Delete(at, n) => {
                let start = boundary(&text, *at);
                let end = boundary(&text, start + n);
                if end > start {
                    text.replace_range(start..end, "");
                }
            }
            Damage::Insert(at, fragment) => {
                let at = boundary(&text, *at);
                text.insert_str(at, fragment);
            }
            Damage::Duplicate(at, n) => {
                let start = boundary(&text, *at);
                let end = boundary(&text, start + n);
                let copy = text[start..end.max(start)].to_string();
                text.insert_str(start, &copy);
            }
        }
    }
    text
}

/// GeoJSON-shaped values with wrong types, odd numbers and deep nesting in every place.
fn geojson_like() -> impl Strategy<Value = Value> {
    let number = prop_oneof![
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |n| n.is_finite())
            .prop_map(|n| json!(n)),
        (-200.0f64..200.0).prop_map(|n| json!(n)),
        Just(json!(1e308)),
    ];
    let leaf = prop_oneof![
        number,
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        "[a-zA-Z]{0,10}".prop_map(Value::String),
    ];
    let coordinates = leaf.prop_recursive(5, 64, 6, |inner| {
        prop::collection::vec(inner, 0..6).prop_map(Value::Array)
    });
    let kind = prop_oneof![
        Just("Point"),
        Just("MultiPoint"),
        Just("LineString"),
        Just("MultiLineString"),
        Just("Polygon"),
        Just("MultiPolygon"),
        Just("GeometryCollection"),
        Just("Feature"),
        Just("FeatureCollection"),
        Just("Nonsense"),
    ];
    let geometry = (kind.clone(), coordinates.clone())
        .prop_map(|(kind, coordinates)| json!({"type": kind, "coordinates": coordinates}));
    let feature = (geometry.clone(), prop::option::of(coordinates))
        .prop_map(|(geometry, properties)| json!({"type": "Feature", "geometry": geometry, "properties": properties}));
    prop_oneof![
        geometry.clone(),
        feature.clone(),
        prop::collection::vec(feature, 0..5)
            .prop_map(|features| json!({"type": "FeatureCollection", "features": features})),
        (kind, prop::collection::vec(geometry, 0..4))
            .prop_map(|(kind, geometries)| json!({"type": kind, "geometries": geometries})),
    ]
}

proptest! {
    // 10,000 cases each (about 4 s for all three in a debug build), run by `cargo test`.
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn damaged_geojson_never_panics(damages in prop::collection::vec(damage(), 1..5)) {
        let text = apply(OVERLAY, &damages);
        let _ = parse_overlay(Path::new("damaged.geojson"), &text);
    }

    #[test]
    fn generated_geojson_never_panics(value in geojson_like()) {
        let _ = parse_overlay(Path::new("generated.geojson"), &value.to_string());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn damaged_scenarios_never_panic(damages in prop::collection::vec(damage(), 1..4)) {
        let text = apply(SCENARIO, &damages);
        let _ = Scenario::from_text(Path::new("damaged.json"), &text, |_| Ok(ARTICLE.to_string()), world());
    }
}
