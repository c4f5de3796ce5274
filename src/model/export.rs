//! GeoJSON export of the map as of a date: every country with its statuses, every contested
//! territory of that date, every tension as a great-circle line carrying its quotes.

use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, JsonValue};

use super::date::Date;
use super::scenario::{PartyRef, Scenario, Tension};
use super::territory::{Period, Territories, Territory};
use super::world::{Country, Detail, World};

/// Arcs are densified to points at most this far apart, so they stay curves in any viewer.
const ARC_STEP_KM: f64 = 100.0;

/// Builds the FeatureCollection for `date` with the bundled contested territories: see
/// [`export_with_territories`]. Should the bundled territories fail to load (their tests
/// guard against it), the export is made without them and the problem is logged.
pub fn export(world: &World, scenario: &Scenario, date: Date) -> FeatureCollection {
    match Territories::bundled() {
        Ok(territories) => export_with_territories(world, scenario, territories, date),
        Err(error) => {
            log::error!("the export leaves out contested territories: {error}");
            export_with_territories(world, scenario, &Territories::none(), date)
        }
    }
}

/// Builds the FeatureCollection for `date`: one Feature per country, then one per territory
/// contested on that date, then one per tension.
///
/// Countries carry their de jure outline on every date (Crimea lies inside Ukraine's feature).
/// A territory is a Feature with `kind: "territory"`, `id`, `name`, `status`, `recognised_as`,
/// `controlled_by`, `since` (the first day of its current status), `note` and `source`; its
/// geometry is its 1:50m outline, or its label point when it has no outline (then `outline`
/// is `"not drawn"`). Tensions between two places are LineStrings; those with more places are
/// MultiLineStrings drawn from the first party to each of the others.
pub fn export_with_territories(
    world: &World,
    scenario: &Scenario,
    territories: &Territories,
    date: Date,
) -> FeatureCollection {
    let neighbours = scenario.neighbours(world, date);
    let neighbour_of = |country: &Country| {
        let bordering = scenario.neighbours_of().map(|n| n.bordering.as_str())?;
        Some(neighbours.contains(country.iso_a3()).then_some(bordering))
    };
    let countries = world
        .countries()
        .iter()
        .map(|country| country_feature(scenario, country, neighbour_of(country), date));
    let contested = territories
        .active(date)
        .map(|(territory, period)| territory_feature(territory, period));
    let tensions = scenario
        .data()
        .tensions
        .iter()
        .map(|tension| tension_feature(world, scenario, tension, date));
    let features = countries.chain(contested).chain(tensions).collect();
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    }
}

/// A country with its status in each group on `date`; `neighbour_of` is set when the
/// scenario names neighbours: the group it borders, or null.
fn country_feature(
    scenario: &Scenario,
    country: &Country,
    neighbour_of: Option<Option<&str>>,
    date: Date,
) -> Feature {
    let memberships: JsonObject = scenario
        .data()
        .groups
        .iter()
        .filter_map(|group| {
            let membership = scenario.membership_on(country.iso_a3(), &group.id, date)?;
            // An announced change goes beside the status, as the app shows it.
            let label = match &membership.pending {
                Some(pending) => format!("{} ({pending})", membership.status.label()),
                None => membership.status.label().to_owned(),
            };
            Some((group.id.clone(), JsonValue::from(label)))
        })
        .collect();
    let mut properties = JsonObject::new();
    properties.insert("iso_a3".into(), country.iso_a3().into());
    properties.insert("name".into(), country.name().into());
    properties.insert("memberships".into(), JsonValue::Object(memberships));
    if let Some(neighbour_of) = neighbour_of {
        properties.insert("neighbour_of".into(), neighbour_of.into());
    }
    feature(multi_polygon(country.polygons(Detail::Fine)), properties)
}

/// A contested territory in its current `period`: its outline, or its label point.
fn territory_feature(territory: &Territory, period: &Period) -> Feature {
    let mut properties = JsonObject::new();
    properties.insert("kind".into(), "territory".into());
    properties.insert("id".into(), territory.id().into());
    properties.insert("name".into(), territory.name().into());
    properties.insert("status".into(), period.status.label().into());
    properties.insert("recognised_as".into(), territory.recognised_as().into());
    properties.insert("controlled_by".into(), period.controlled_by.clone().into());
    properties.insert("since".into(), period.since.to_string().into());
    properties.insert("note".into(), territory.note().into());
    properties.insert("source".into(), period.source.clone().into());
    let geometry = if territory.has_outline() {
        multi_polygon(territory.polygons(Detail::Fine))
    } else {
        properties.insert("outline".into(), "not drawn".into());
        let [lon, lat] = territory.label_point();
        GeometryValue::Point {
            coordinates: vec![lon, lat].into(),
        }
    };
    feature(geometry, properties)
}

/// A tension as its great-circle arcs (a point when only one party has a place), with its
/// parties and quotes.
fn tension_feature(world: &World, scenario: &Scenario, tension: &Tension, date: Date) -> Feature {
    let lines: Vec<Vec<geojson::Position>> = scenario
        .tension_arcs(world, tension, date, ARC_STEP_KM)
        .into_iter()
        .map(|arc| arc.into_iter().map(|p| vec![p.lon, p.lat].into()).collect())
        .collect();
    let geometry = match <[Vec<geojson::Position>; 1]>::try_from(lines) {
        // A party with no place: the tension is a point on the one that has a place.
        Ok([mut line]) if line.len() == 1 => GeometryValue::Point {
            coordinates: line.remove(0),
        },
        Ok([line]) => GeometryValue::LineString { coordinates: line },
        Err(lines) => GeometryValue::MultiLineString { coordinates: lines },
    };
    let parties: Vec<JsonValue> = tension
        .parties
        .iter()
        .filter_map(|party| party.resolve())
        .map(|party| match party {
            PartyRef::Country(code) => code.into(),
            PartyRef::Group(id) => id.into(),
            PartyRef::Actor(id) => id.into(),
        })
        .collect();
    let mut properties = JsonObject::new();
    properties.insert("kind".into(), "tension".into());
    properties.insert("id".into(), tension.id.clone().into());
    properties.insert("tension_kind".into(), tension.kind.label().into());
    properties.insert("parties".into(), parties.into());
    properties.insert("summary".into(), tension.summary.clone().into());
    properties.insert("quotes".into(), scenario.quotes_of(tension).into());
    feature(geometry, properties)
}

/// Polygons as a GeoJSON MultiPolygon, each ring closed again as GeoJSON wants.
fn multi_polygon(polygons: &[super::polygon::Polygon]) -> GeometryValue {
    let coordinates = polygons
        .iter()
        .map(|polygon| {
            polygon
                .rings()
                .iter()
                .map(|ring| {
                    let mut closed: Vec<geojson::Position> = ring
                        .iter()
                        .map(|&[lon, lat]| vec![lon, lat].into())
                        .collect();
                    if let Some(first) = closed.first().cloned() {
                        closed.push(first);
                    }
                    closed
                })
                .collect()
        })
        .collect();
    GeometryValue::MultiPolygon { coordinates }
}

fn feature(value: GeometryValue, properties: JsonObject) -> Feature {
    Feature {
        bbox: None,
        geometry: Some(Geometry::new(value)),
        id: None,
        properties: Some(properties),
        foreign_members: None,
    }
}
