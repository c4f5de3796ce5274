//! GeoJSON overlays a reader opens (bases, pipelines, capitals): parsed tolerantly, each
//! problem located by feature index; flaws that can be repaired load with warnings.

use std::path::{Path, PathBuf};

use geojson::{Feature, GeometryValue, JsonObject, JsonValue};

use super::capped::{Capped, SHOWN, listing};
use super::geo::{LonLat, unwrap_longitudes};
use super::json::message_without_position;
use super::mercator::{self, MercatorPoint};
use super::mesh::ShapeMesh;
use super::polygon::{BoundingBox, Polygon, signed_area};

/// More decimals than this (about a centimetre) is noise from a converter, not precision.
const MAX_SENSIBLE_DECIMALS: usize = 8;
/// A polygon with more vertices than this (all rings) is drawn as its outline, not filled:
/// ear clipping is quadratic on comb-like shapes (a 50,000-tooth comb with a hole took over a
/// minute; 20,000 vertices of comb take about 3 s).
pub const MAX_FILLED_VERTICES: usize = 20_000;
/// A polygon with more holes than this is drawn as its outline, not filled: bridging each hole
/// to its shell costs a pass over the shell (20,000 holes took 49 s).
pub const MAX_FILLED_HOLES: usize = 500;
/// Whether a hole lies in its shell is judged by this many of its points, spread along it:
/// a hole is wholly inside or not a hole, and testing all of a 50,000-point hole against a
/// 50,000-tooth shell is billions of edge tests.
const HOLE_POINTS_TESTED: usize = 16;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum OverlayError {
    #[error("{file}: not valid JSON: {message} (line {line}, column {column})")]
    Json {
        file: PathBuf,
        message: String,
        line: usize,
        column: usize,
    },
    #[error("{file}: {problem}")]
    NotGeoJson { file: PathBuf, problem: String },
    /// `problems` holds the first problems, `omitted` counts the others.
    #[error("{file}: nothing to draw:\n{}", listing(.problems, *.omitted, SHOWN, "  ").join("\n"))]
    NothingToDraw {
        file: PathBuf,
        problems: Vec<String>,
        omitted: usize,
    },
}

/// One drawable piece of a feature.
#[derive(Clone, Debug)]
pub enum OverlayShape {
    Point([f64; 2]),
    Line(Vec<[f64; 2]>),
    Area { polygon: Polygon, mesh: ShapeMesh },
}

#[derive(Clone, Debug)]
pub struct OverlayFeature {
    /// The feature's index in the file, as problems name it.
    pub index: usize,
    /// Properties as text, in the file's order.
    pub properties: Vec<(String, String)>,
    pub shapes: Vec<OverlayShape>,
    pub bbox: BoundingBox,
}

impl OverlayFeature {
    /// Its name, when a `name` (or `title`, `label`) property gives one.
    pub fn name(&self) -> Option<&str> {
        ["name", "Name", "NAME", "title", "label"]
            .iter()
            .find_map(|key| self.properties.iter().find(|(k, _)| k == key))
            .map(|(_, value)| value.as_str())
    }

    /// A name for lists: the `name` (or `title`, `label`) property, else its index.
    pub fn title(&self) -> String {
        ["name", "Name", "NAME", "title", "label"]
            .iter()
            .find_map(|key| self.properties.iter().find(|(k, _)| k == key))
            .map(|(_, value)| value.clone())
            .unwrap_or_else(|| format!("Feature {}", self.index))
    }
}

/// A loaded overlay: its features and the warnings its flaws raised.
#[derive(Clone, Debug)]
pub struct Overlay {
    pub path: PathBuf,
    pub features: Vec<OverlayFeature>,
    /// The first warnings; `warnings_omitted` counts the others.
    pub warnings: Vec<String>,
    pub warnings_omitted: usize,
}

impl Overlay {
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    /// How many warnings there were, listed or not.
    pub fn warning_count(&self) -> usize {
        self.warnings.len() + self.warnings_omitted
    }
}

/// Parses GeoJSON text (a FeatureCollection, a Feature or a bare geometry) into an overlay.
pub fn parse_overlay(path: &Path, text: &str) -> Result<Overlay, OverlayError> {
    let value: JsonValue = serde_json::from_str(text).map_err(|error| OverlayError::Json {
        file: path.to_path_buf(),
        message: message_without_position(&error),
        line: error.line(),
        column: error.column(),
    })?;
    overlay_from_value(path, value)
}

/// The same as [`parse_overlay`] for JSON already parsed.
pub fn overlay_from_value(path: &Path, value: JsonValue) -> Result<Overlay, OverlayError> {
    let not_geojson = |problem: String| OverlayError::NotGeoJson {
        file: path.to_path_buf(),
        problem,
    };
    let JsonValue::Object(object) = value else {
        return Err(not_geojson(format!(
            "the top level is {}, not a GeoJSON object",
            json_kind(&value)
        )));
    };
    let mut warnings = Capped::default();
    let mut problems = Capped::default();
    if object.contains_key("crs") {
        warnings.push(
            "it has a \"crs\" member, which RFC 7946 dropped; coordinates are read as WGS 84 longitude and latitude whatever it says".to_string(),
        );
    }
    let raw_features = raw_features(object, &not_geojson)?;

    let mut features = Vec::new();
    for (index, raw) in raw_features.into_iter().enumerate() {
        if let Some(feature) = overlay_feature(index, raw, &mut problems, &mut warnings) {
            features.push(feature);
        }
    }
    if features.is_empty() && !problems.is_empty() {
        let (problems, omitted) = problems.into_parts();
        return Err(OverlayError::NothingToDraw {
            file: path.to_path_buf(),
            problems,
            omitted,
        });
    }
    if features.is_empty() {
        warnings.push("it holds no feature with a geometry, so nothing is drawn".into());
    }
    // Parts that could not be drawn are reported; the rest of the file still loads.
    let (problems, problems_omitted) = problems.into_parts();
    warnings.extend(problems.into_iter().map(|p| format!("{p}; skipped")));
    warnings.count_more(problems_omitted);
    if has_excessive_precision(&features) {
        warnings.push(format!(
            "coordinates have more than {MAX_SENSIBLE_DECIMALS} decimals; the extra digits mean nothing"
        ));
    }
    let (warnings, warnings_omitted) = warnings.into_parts();
    Ok(Overlay {
        path: path.to_path_buf(),
        features,
        warnings,
        warnings_omitted,
    })
}

/// Feature number `index` of the file with the shapes it draws; `None`, with the reason
/// among the problems or warnings, when it draws nothing.
fn overlay_feature(
    index: usize,
    raw: JsonValue,
    problems: &mut Capped<String>,
    warnings: &mut Capped<String>,
) -> Option<OverlayFeature> {
    let feature: Feature = match serde_json::from_value(raw) {
        Ok(feature) => feature,
        Err(error) => {
            problems.push(format!(
                "feature {index}: {}",
                message_without_position(&error)
            ));
            return None;
        }
    };
    let Some(geometry) = feature.geometry else {
        warnings.push(format!("feature {index} has no geometry and is not drawn"));
        return None;
    };
    let mut shapes = Vec::new();
    collect_shapes(&geometry.value, index, &mut shapes, problems, warnings);
    if shapes.is_empty() {
        return None;
    }
    let mut bbox = BoundingBox::EMPTY;
    for shape in &shapes {
        match shape {
            OverlayShape::Point(point) => bbox.include(*point),
            OverlayShape::Line(points) => points.iter().for_each(|p| bbox.include(*p)),
            OverlayShape::Area { polygon, .. } => bbox = bbox.union(polygon.bbox()),
        }
    }
    Some(OverlayFeature {
        index,
        properties: properties_as_text(feature.properties.as_ref()),
        shapes,
        bbox,
    })
}

/// The features of a GeoJSON object: a collection's, a feature itself, or a bare geometry
/// wrapped as a feature with no properties.
fn raw_features(
    mut object: JsonObject,
    not_geojson: &dyn Fn(String) -> OverlayError,
) -> Result<Vec<JsonValue>, OverlayError> {
    let kind = object
        .get("type")
        .and_then(JsonValue::as_str)
        .map(str::to_string);
    Ok(match kind.as_deref() {
        Some("FeatureCollection") => match object.remove("features") {
            Some(JsonValue::Array(features)) => features,
            Some(other) => {
                return Err(not_geojson(format!(
                    "\"features\" is {}, not an array",
                    json_kind(&other)
                )));
            }
            None => {
                return Err(not_geojson(
                    "a FeatureCollection without \"features\"".into(),
                ));
            }
        },
        Some("Feature") => vec![JsonValue::Object(object)],
        Some(
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon"
            | "GeometryCollection",
        ) => {
            let mut feature = JsonObject::new();
            feature.insert("type".into(), "Feature".into());
            feature.insert("geometry".into(), JsonValue::Object(object));
            feature.insert("properties".into(), JsonValue::Null);
            vec![JsonValue::Object(feature)]
        }
        Some(other) => return Err(not_geojson(format!("unknown GeoJSON type \"{other}\""))),
        None => return Err(not_geojson("no \"type\" member at the top level".into())),
    })
}

fn json_kind(value: &JsonValue) -> &'static str {
    match value {
        JsonValue::Null => "null",
        JsonValue::Bool(_) => "a boolean",
        JsonValue::Number(_) => "a number",
        JsonValue::String(_) => "a string",
        JsonValue::Array(_) => "an array",
        JsonValue::Object(_) => "an object",
    }
}

fn properties_as_text(properties: Option<&JsonObject>) -> Vec<(String, String)> {
    properties
        .map(|object| {
            object
                .iter()
                .map(|(key, value)| {
                    let text = match value {
                        JsonValue::String(text) => text.clone(),
                        other => other.to_string(),
                    };
                    (key.clone(), text)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A position as longitude and latitude, or the problem with it.
fn lon_lat(p: &geojson::Position) -> Result<[f64; 2], String> {
    let &[lon, lat, ..] = p.as_slice() else {
        return Err(format!(
            "a position has {} numbers, fewer than two",
            p.len()
        ));
    };
    if LonLat::new(lon, lat).is_valid() {
        Ok([lon, lat])
    } else {
        Err(format!(
            "position [{lon}, {lat}] is not a longitude and latitude"
        ))
    }
}

fn collect_shapes(
    value: &GeometryValue,
    index: usize,
    shapes: &mut Vec<OverlayShape>,
    problems: &mut Capped<String>,
    warnings: &mut Capped<String>,
) {
    let at = |what: &str| format!("feature {index}: {what}");
    match value {
        GeometryValue::Point { coordinates } => push_point(coordinates, &at, shapes, problems),
        GeometryValue::MultiPoint { coordinates } => {
            for p in coordinates {
                push_point(p, &at, shapes, problems);
            }
        }
        GeometryValue::LineString { coordinates } => push_line(coordinates, &at, shapes, problems),
        GeometryValue::MultiLineString { coordinates } => {
            for line in coordinates {
                push_line(line, &at, shapes, problems);
            }
        }
        GeometryValue::Polygon { coordinates } => {
            push_polygon(coordinates, &at, shapes, problems, warnings)
        }
        GeometryValue::MultiPolygon { coordinates } => {
            for polygon in coordinates {
                push_polygon(polygon, &at, shapes, problems, warnings);
            }
        }
        GeometryValue::GeometryCollection { geometries } => {
            for geometry in geometries {
                collect_shapes(&geometry.value, index, shapes, problems, warnings);
            }
        }
    }
}

fn push_point(
    position: &geojson::Position,
    at: &dyn Fn(&str) -> String,
    shapes: &mut Vec<OverlayShape>,
    problems: &mut Capped<String>,
) {
    match lon_lat(position) {
        Ok(point) => shapes.push(OverlayShape::Point(point)),
        Err(problem) => problems.push(at(&problem)),
    }
}

/// Positions without consecutive repeats; `None` (with a problem) if any is out of range.
fn clean_positions(
    positions: &[geojson::Position],
    at: &dyn Fn(&str) -> String,
    problems: &mut Capped<String>,
) -> Option<Vec<[f64; 2]>> {
    let mut points: Vec<[f64; 2]> = Vec::with_capacity(positions.len());
    for position in positions {
        let p = match lon_lat(position) {
            Ok(p) => p,
            Err(problem) => {
                problems.push(at(&problem));
                return None;
            }
        };
        if points.last() != Some(&p) {
            points.push(p);
        }
    }
    Some(points)
}

fn push_line(
    positions: &[geojson::Position],
    at: &dyn Fn(&str) -> String,
    shapes: &mut Vec<OverlayShape>,
    problems: &mut Capped<String>,
) {
    let Some(points) = clean_positions(positions, at, problems) else {
        return;
    };
    if points.len() < 2 {
        problems.push(at("a line needs at least two distinct positions"));
        return;
    }
    let mut points = points;
    unwrap_longitudes(&mut points);
    shapes.push(OverlayShape::Line(points));
}

fn push_polygon(
    rings: &[Vec<geojson::Position>],
    at: &dyn Fn(&str) -> String,
    shapes: &mut Vec<OverlayShape>,
    problems: &mut Capped<String>,
    warnings: &mut Capped<String>,
) {
    let mut cleaned: Vec<Vec<[f64; 2]>> = Vec::with_capacity(rings.len());
    let mut outer: Option<Polygon> = None;
    for (ring_index, ring) in rings.iter().enumerate() {
        let points = match clean_ring(ring_index, ring, outer.as_ref(), at, problems, warnings) {
            Ring::Kept(points) => points,
            Ring::Dropped => continue,
            Ring::PolygonDropped => return,
        };
        if ring_index == 0 {
            outer = Some(Polygon::new(vec![points.clone()]));
        }
        cleaned.push(points);
    }
    if cleaned.is_empty() {
        problems.push(at("the polygon has no rings"));
        return;
    }
    push_area(cleaned, at, shapes, problems, warnings);
}

/// What became of one ring of a polygon.
enum Ring {
    /// Its points, unclosed, unwrapped across the 180° line, beside its outer ring.
    Kept(Vec<[f64; 2]>),
    /// A hole that is not drawn (the reason is among the warnings).
    Dropped,
    /// The outer ring, unusable: the whole polygon is not drawn (the reason is a problem).
    PolygonDropped,
}

/// Checks and mends ring number `ring_index` of a polygon whose outer ring, once kept, is
/// `outer`.
fn clean_ring(
    ring_index: usize,
    ring: &[geojson::Position],
    outer: Option<&Polygon>,
    at: &dyn Fn(&str) -> String,
    problems: &mut Capped<String>,
    warnings: &mut Capped<String>,
) -> Ring {
    let Some(mut points) = clean_positions(ring, at, problems) else {
        return Ring::PolygonDropped;
    };
    if points.len() > 1 && points.first() != points.last() {
        warnings.push(at(&format!("ring {ring_index} was not closed; closed it")));
    } else {
        points.pop();
    }
    if points.len() < 3 {
        let problem = format!("ring {ring_index} has fewer than 4 positions");
        if ring_index == 0 {
            problems.push(at(&problem));
            return Ring::PolygonDropped;
        }
        warnings.push(at(&format!("{problem}; hole dropped")));
        return Ring::Dropped;
    }
    let crosses_180 = points.windows(2).any(|w| (w[1][0] - w[0][0]).abs() > 180.0);
    if crosses_180 {
        warnings.push(at(&format!(
            "ring {ring_index} crosses the 180° line; drawn across it"
        )));
        unwrap_longitudes(&mut points);
    }
    if let Some(outer) = outer {
        // A hole goes on the same side of the 180° line as its unwrapped outer ring.
        let shift = ((outer.bbox().center()[0] - points[0][0]) / 360.0).round() * 360.0;
        points.iter_mut().for_each(|p| p[0] += shift);
    }
    let area = signed_area(&points);
    if area == 0.0 {
        if ring_index == 0 {
            problems.push(at("the polygon has no area"));
            return Ring::PolygonDropped;
        }
        return Ring::Dropped;
    }
    let wants_counter_clockwise = ring_index == 0;
    if (area > 0.0) != wants_counter_clockwise {
        warnings.push(at(&format!(
            "ring {ring_index} winds the wrong way for RFC 7946 (outer rings counter-clockwise); accepted"
        )));
    }
    let stride = (points.len() / HOLE_POINTS_TESTED).max(1);
    if let Some(outer) = outer
        && !points
            .iter()
            .step_by(stride)
            .any(|p| outer.contains(p[0], p[1]))
    {
        warnings.push(at(&format!(
            "hole {ring_index} lies outside its polygon; dropped"
        )));
        return Ring::Dropped;
    }
    Ring::Kept(points)
}

/// The cleaned rings (at least one) as an area to fill, or as its outline alone when it is
/// too large to fill.
fn push_area(
    rings: Vec<Vec<[f64; 2]>>,
    at: &dyn Fn(&str) -> String,
    shapes: &mut Vec<OverlayShape>,
    problems: &mut Capped<String>,
    warnings: &mut Capped<String>,
) {
    let vertices: usize = rings.iter().map(Vec::len).sum();
    let holes = rings.len() - 1;
    let polygon = Polygon::new(rings);
    if vertices > MAX_FILLED_VERTICES || holes > MAX_FILLED_HOLES {
        warnings.push(at(&format!(
            "the polygon has {vertices} vertices and {holes} holes, more than the {MAX_FILLED_VERTICES} vertices and {MAX_FILLED_HOLES} holes this app fills; drawn as its outline"
        )));
        let mesh = ShapeMesh::outline_only(std::slice::from_ref(&polygon));
        shapes.push(OverlayShape::Area { polygon, mesh });
        return;
    }
    match ShapeMesh::build(std::slice::from_ref(&polygon)) {
        Ok(mesh) => shapes.push(OverlayShape::Area { polygon, mesh }),
        Err(_) => problems.push(at("the polygon could not be triangulated")),
    }
}

fn has_excessive_precision(features: &[OverlayFeature]) -> bool {
    let too_precise = |value: f64| {
        let text = value.to_string();
        text.split('.')
            .nth(1)
            .is_some_and(|decimals| decimals.len() > MAX_SENSIBLE_DECIMALS)
    };
    features
        .iter()
        .flat_map(|f| &f.shapes)
        .any(|shape| match shape {
            OverlayShape::Point(p) => too_precise(p[0]) || too_precise(p[1]),
            OverlayShape::Line(points) => points
                .iter()
                .any(|p| too_precise(p[0]) || too_precise(p[1])),
            OverlayShape::Area { polygon, .. } => polygon
                .rings()
                .iter()
                .flatten()
                .any(|p| too_precise(p[0]) || too_precise(p[1])),
        })
}

/// A point's position in Mercator, for drawing and picking.
pub fn point_in_mercator(point: [f64; 2]) -> MercatorPoint {
    mercator::project(point[0], point[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Overlay, OverlayError> {
        parse_overlay(Path::new("test.geojson"), text)
    }

    #[test]
    fn a_polygon_with_a_hole_loads_with_its_properties() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Base","n":3},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[4,6],[6,6],[6,4],[4,4]]]}}]}"#;
        let overlay = match parse(text) {
            Ok(overlay) => overlay,
            Err(error) => panic!("the overlay should load: {error}"),
        };
        assert!(overlay.warnings.is_empty(), "{:?}", overlay.warnings);
        let feature = &overlay.features[0];
        assert_eq!(feature.title(), "Base");
        assert_eq!(feature.properties[1], ("n".to_string(), "3".to_string()));
        let OverlayShape::Area { polygon, .. } = &feature.shapes[0] else {
            panic!("an area")
        };
        assert!(!polygon.contains(5.0, 5.0) && polygon.contains(2.0, 2.0));
    }

    #[test]
    fn a_bad_feature_is_skipped_and_named_while_the_others_load() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[27.5,53.9]}},
            {"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[500,53.9]}}]}"#;
        let overlay = match parse(text) {
            Ok(overlay) => overlay,
            Err(error) => panic!("the overlay should load: {error}"),
        };
        assert_eq!(overlay.features.len(), 1);
        assert_eq!(
            overlay.warnings,
            ["feature 1: position [500, 53.9] is not a longitude and latitude; skipped"]
        );
    }

    #[test]
    fn a_hole_in_a_polygon_across_the_180th_meridian_stays_with_it() {
        let text = r#"{"type":"Polygon","coordinates":[
            [[170,-20],[-170,-20],[-170,-10],[170,-10],[170,-20]],
            [[178,-16],[178,-14],[-178,-14],[-178,-16],[178,-16]]]}"#;
        let overlay = match parse(text) {
            Ok(overlay) => overlay,
            Err(error) => panic!("the overlay should load: {error}"),
        };
        assert!(
            !overlay
                .warnings
                .iter()
                .any(|w| w.contains("outside its polygon")),
            "{:?}",
            overlay.warnings
        );
        let OverlayShape::Area { polygon, .. } = &overlay.features[0].shapes[0] else {
            panic!("an area")
        };
        assert_eq!(polygon.rings().len(), 2);
        assert!(!polygon.contains(180.0, -15.0) && polygon.contains(175.0, -12.0));
    }

    #[test]
    fn a_top_level_string_is_not_geojson() {
        assert_eq!(
            parse(r#""hello""#).map(|_| ()),
            Err(OverlayError::NotGeoJson {
                file: PathBuf::from("test.geojson"),
                problem: "the top level is a string, not a GeoJSON object".into()
            })
        );
    }

    /// A comb of `teeth` teeth 0.001° wide across 10° of latitude, and a hole of
    /// `hole_points` points zigzagging inside its spine.
    fn comb(teeth: usize, hole_points: usize) -> String {
        let width = 100.0 / teeth as f64;
        let mut outer = vec![[0.0, 0.0], [100.0, 0.0]];
        for i in (0..teeth).rev() {
            let x = i as f64 * width;
            outer.push([x + width, 10.0]);
            outer.push([x + width / 2.0, 1.0]);
        }
        outer.push([0.0, 0.0]);
        let mut hole: Vec<[f64; 2]> = (0..hole_points)
            .map(|i| {
                let x = 1.0 + 98.0 * i as f64 / hole_points as f64;
                [x, if i % 2 == 0 { 0.2 } else { 0.3 }]
            })
            .collect();
        hole.push([99.0, 0.8]);
        hole.push([1.0, 0.8]);
        hole.reverse();
        hole.push(hole[0]);
        serde_json::json!({"type": "Polygon", "coordinates": [outer, hole]}).to_string()
    }

    #[test]
    fn a_comb_of_50k_teeth_with_a_50k_point_hole_is_outlined_whole() {
        let text = comb(50_000, 50_000);
        let result = parse(&text);
        let Ok(overlay) = result else { panic!("loads") };
        assert!(
            overlay.warnings[0].contains("drawn as its outline"),
            "{:?}",
            overlay.warnings
        );
        let OverlayShape::Area { polygon, mesh } = &overlay.features[0].shapes[0] else {
            panic!("an area")
        };
        assert_eq!(polygon.rings().len(), 2, "the hole is kept");
        assert!(mesh.triangles.is_empty());
        assert_eq!(mesh.parts[0].rings.len(), 2);
    }

    #[test]
    fn a_comb_within_the_limits_is_drawn_whole() {
        let text = comb(6_000, 1_000);
        let Ok(overlay) = parse(&text) else {
            panic!("loads")
        };
        let OverlayShape::Area { polygon, mesh } = &overlay.features[0].shapes[0] else {
            panic!("an area: {:?}", overlay.warnings)
        };
        assert!(!mesh.triangles.is_empty());
        assert_eq!(polygon.rings().len(), 2);
    }

    #[test]
    fn twenty_thousand_holes_are_outlined_at_once() {
        let mut rings = vec![vec![
            [0.0, 0.0],
            [100.0, 0.0],
            [100.0, 80.0],
            [0.0, 80.0],
            [0.0, 0.0],
        ]];
        for i in 0..20_000 {
            let (x, y) = (1.0 + (i % 190) as f64 * 0.5, 1.0 + (i / 190) as f64 * 0.5);
            rings.push(vec![
                [x, y],
                [x, y + 0.2],
                [x + 0.2, y + 0.2],
                [x + 0.2, y],
                [x, y],
            ]);
        }
        let text = serde_json::json!({"type": "Polygon", "coordinates": rings}).to_string();
        let Ok(overlay) = parse(&text) else {
            panic!("loads")
        };
        assert!(
            overlay.warnings[0].contains("20000 holes"),
            "{:?}",
            overlay.warnings
        );
    }

    #[test]
    fn a_million_bad_features_make_a_short_message() {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            vec!["1"; 1_000_000].join(",")
        );
        let Err(error) = parse(&text) else {
            panic!("refused")
        };
        let message = error.to_string();
        assert!(message.len() < 5_000, "{} bytes", message.len());
        assert!(message.ends_with("… and 999,980 more"), "{message}");
    }

    #[test]
    fn a_crs_member_gives_a_warning() {
        let text = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},
            "features":[{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[27.5,53.9]}}]}"#;
        let Ok(overlay) = parse(text) else {
            panic!("loads")
        };
        assert!(
            overlay.warnings.iter().any(|w| w.contains("\"crs\"")),
            "{:?}",
            overlay.warnings
        );
    }
}
