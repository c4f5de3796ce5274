//! Contested territories through time (Crimea, Abkhazia, Transnistria...): who a place is
//! recognised as part of and who holds it on a date, from `assets/territories.json`.
//!
//! The bundled country boundaries are de jure for Crimea (it lies inside Ukraine's feature on
//! every date), and Natural Earth draws the other territories inside their recognised states, so
//! the world's hit test always answers with the recognised state. A territory adds, for the dates
//! of its periods, who controls the ground and since when.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::geo::wrap_longitude;
use super::hit::km_to_edge;
use super::mesh::ShapeMesh;
use super::polygon::{BoundingBox, Polygon};
use super::strokes::Strokes;
use super::world::{Detail, Outline, World, polygons_from_rings};

const BUNDLED_TERRITORIES: &str = include_str!("../../assets/territories.json");
const BUNDLED_PATH: &str = "assets/territories.json";

/// A problem with a territories file, naming the file and the territory.
#[derive(Debug, thiserror::Error)]
pub enum TerritoryError {
    #[error("{file}: not valid JSON for a territories file: {source}")]
    Json {
        file: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{file}: territory {territory}: {problem}")]
    Territory {
        file: PathBuf,
        territory: String,
        problem: String,
    },
}

/// What a territory's holder is doing there, in the words the sources use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TerritoryStatus {
    /// Held by another state's forces.
    Occupied,
    /// Occupied and declared part of the occupying state, without international recognition.
    Annexed,
    /// Held by local de facto authorities that claim independence.
    Breakaway,
    /// Claimed by more than one party.
    Disputed,
}

impl TerritoryStatus {
    /// The status as the data writes it.
    pub fn label(self) -> &'static str {
        match self {
            TerritoryStatus::Occupied => "occupied",
            TerritoryStatus::Annexed => "annexed",
            TerritoryStatus::Breakaway => "breakaway",
            TerritoryStatus::Disputed => "disputed",
        }
    }
}

/// One stretch of time in which a territory's status and holder stay the same: `since`
/// inclusive, `until` exclusive, as in the scenario format.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub since: Date,
    #[serde(default)]
    pub until: Option<Date>,
    pub status: TerritoryStatus,
    /// An ISO 3166-1 alpha-3 code, or the name of a de facto authority.
    pub controlled_by: String,
    pub source: String,
}

impl Period {
    pub fn covers(&self, date: Date) -> bool {
        self.since <= date && self.until.is_none_or(|until| date < until)
    }
}

/// A contested territory with its outline at both levels of detail (none when no sourced
/// outline exists: the territory is then only a labelled point).
#[derive(Debug)]
pub struct Territory {
    id: String,
    name: String,
    recognised_as: String,
    note: String,
    label_point: [f64; 2],
    outline_source: Option<String>,
    periods: Vec<Period>,
    outline: Outline,
    bbox: BoundingBox,
}

impl Territory {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The ISO alpha-3 code of the state the territory is recognised as part of; for a
    /// territory no international act assigns to either claimant (its periods `disputed`), the
    /// state that holds it, which the map draws it in.
    pub fn recognised_as(&self) -> &str {
        &self.recognised_as
    }
    /// A short neutral note on what the territory is.
    pub fn note(&self) -> &str {
        &self.note
    }
    /// Where its name (or, without an outline, its marker) goes, in degrees.
    pub fn label_point(&self) -> [f64; 2] {
        self.label_point
    }
    /// Where the outline comes from; `None` when the outline is not drawn.
    pub fn outline_source(&self) -> Option<&str> {
        self.outline_source.as_deref()
    }
    /// Whether the territory has an outline; without one it is a labelled point.
    pub fn has_outline(&self) -> bool {
        !self.outline.polygons(Detail::Fine).is_empty()
    }
    /// Its periods in time order.
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }
    /// The period covering `date`, if the territory is contested then.
    pub fn period_at(&self, date: Date) -> Option<&Period> {
        self.periods.iter().find(|period| period.covers(date))
    }
    /// When the holder of `period` took control: the start of the unbroken run of periods with
    /// the same holder that ends with it (Crimea: occupied 27 February 2014, then annexed).
    pub fn held_since(&self, period: &Period) -> Date {
        let Some(index) = self.periods.iter().position(|p| p == period) else {
            return period.since;
        };
        let mut since = period.since;
        for earlier in self.periods[..index].iter().rev() {
            if earlier.controlled_by != period.controlled_by || earlier.until != Some(since) {
                break;
            }
            since = earlier.since;
        }
        since
    }
    pub fn polygons(&self, detail: Detail) -> &[Polygon] {
        self.outline.polygons(detail)
    }
    /// The triangulated outline in Mercator space, empty for a territory without an outline.
    pub fn mesh(&self, detail: Detail) -> &ShapeMesh {
        self.outline.mesh(detail)
    }
    /// The outline as strokes to widen, built the first time they are asked for.
    pub fn strokes(&self, detail: Detail) -> &Strokes {
        self.outline.strokes(detail)
    }
    /// Extent of the outline at every level finer than 1:110m (the label point alone without
    /// one), in degrees.
    pub fn bbox(&self) -> &BoundingBox {
        &self.bbox
    }
    /// Whether the outline at `detail` (1:50m standing for the 1:110m world view) contains
    /// the place.
    pub fn contains(&self, lon: f64, lat: f64, detail: Detail) -> bool {
        self.outline
            .polygons(hit_detail(detail))
            .iter()
            .any(|polygon| polygon.contains(lon, lat))
    }
    /// How far the place lies from the outline at `detail`, in kilometres; infinite for a
    /// territory drawn as a point.
    fn km_to_outline(&self, lon: f64, lat: f64, detail: Detail) -> f64 {
        self.outline
            .polygons(hit_detail(detail))
            .iter()
            .map(|polygon| km_to_edge(polygon, lon, lat))
            .fold(f64::INFINITY, f64::min)
    }
}

/// The outline a place is tested against: 1:50m stands for the 1:110m world view.
fn hit_detail(detail: Detail) -> Detail {
    if detail == Detail::Coarse {
        Detail::Fine
    } else {
        detail
    }
}

/// Every contested territory of a file.
#[derive(Debug)]
pub struct Territories {
    territories: Vec<Territory>,
}

impl Territory {
    /// One checked territory: a name, a recognised state's code, a label on the globe, periods
    /// in order, and an outline at every level of detail or none.
    fn from_record(record: TerritoryRecord) -> Result<Territory, String> {
        if record.name.trim().is_empty() {
            return Err("has no name".into());
        }
        if !is_alpha3(&record.recognised_as) {
            return Err(format!(
                "recognised_as {:?} is not an alpha-3 code",
                record.recognised_as
            ));
        }
        let [lon, lat] = record.label;
        if !(lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0) {
            return Err(format!("label [{lon}, {lat}] is out of range"));
        }
        check_periods(&record.periods)?;
        let rings = OutlineRings {
            fine: record.fine,
            coarse: record.coarse,
            finest: record.finest,
        };
        let (outline, bbox) = rings.outline(record.outline_source.is_some(), record.label)?;
        Ok(Territory {
            id: record.id,
            name: record.name,
            recognised_as: record.recognised_as,
            note: record.note,
            label_point: record.label,
            outline_source: record.outline_source,
            periods: record.periods,
            outline,
            bbox,
        })
    }
}

type Rings = Vec<Vec<Vec<[f64; 2]>>>;

/// A territory's outline as its file gives it, at 1:110m, 1:50m and 1:10m.
struct OutlineRings {
    fine: Option<Rings>,
    coarse: Option<Rings>,
    finest: Option<Rings>,
}

impl OutlineRings {
    /// The outline at each level of detail, and the box around it (or around the label of a
    /// territory drawn as a point). Only an outline has a source, and every outline has one.
    fn outline(self, has_source: bool, label: [f64; 2]) -> Result<(Outline, BoundingBox), String> {
        let (fine, coarse) = match (self.fine, self.coarse) {
            (Some(fine), Some(coarse)) => (
                polygons_from_rings(fine).map_err(|p| format!("fine outline {p}"))?,
                polygons_from_rings(coarse).map_err(|p| format!("coarse outline {p}"))?,
            ),
            (None, None) => (Vec::new(), Vec::new()),
            _ => return Err("has an outline at one level of detail only".into()),
        };
        if fine.is_empty() == has_source {
            return Err("an outline needs its outline_source, and only an outline has one".into());
        }
        let finest = match self.finest {
            Some(_) if fine.is_empty() => {
                return Err("has a 1:10m outline but none at 1:50m".into());
            }
            Some(rings) => {
                let polygons =
                    polygons_from_rings(rings).map_err(|p| format!("finest outline {p}"))?;
                let mesh = ShapeMesh::build(&polygons).map_err(|e| e.to_string())?;
                Some((polygons, mesh))
            }
            None => None,
        };
        let bbox = if fine.is_empty() {
            BoundingBox::of_points([&label])
        } else {
            fine.iter()
                .fold(BoundingBox::EMPTY, |acc, polygon| acc.union(polygon.bbox()))
        };
        let bbox = finest
            .iter()
            .flat_map(|(polygons, _)| polygons)
            .fold(bbox, |acc, polygon| acc.union(polygon.bbox()));
        let fine_mesh = ShapeMesh::build(&fine).map_err(|e| e.to_string())?;
        let coarse_mesh = ShapeMesh::build(&coarse).map_err(|e| e.to_string())?;
        let outline = Outline::new(fine, fine_mesh, coarse, coarse_mesh);
        if let Some((polygons, mesh)) = finest {
            outline.set_finest(polygons, mesh);
        }
        Ok((outline, bbox))
    }
}

impl Territories {
    /// The territories shipped inside the application, parsed once.
    pub fn bundled() -> Result<&'static Territories, &'static TerritoryError> {
        static BUNDLED: OnceLock<Result<Territories, TerritoryError>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| Territories::from_json(Path::new(BUNDLED_PATH), BUNDLED_TERRITORIES))
            .as_ref()
    }

    /// No territories at all.
    pub fn none() -> Territories {
        Territories {
            territories: Vec::new(),
        }
    }

    /// Parses and checks a territories file: unique ids, real outlines, periods in order that
    /// do not overlap.
    pub fn from_json(path: &Path, text: &str) -> Result<Territories, TerritoryError> {
        let file: TerritoryFile =
            serde_json::from_str(text).map_err(|source| TerritoryError::Json {
                file: path.to_path_buf(),
                source,
            })?;
        let mut territories: Vec<Territory> = Vec::with_capacity(file.territories.len());
        for record in file.territories {
            let id = record.id.clone();
            let problem = |problem: String| TerritoryError::Territory {
                file: path.to_path_buf(),
                territory: id.clone(),
                problem,
            };
            if territories.iter().any(|t| t.id == id) {
                return Err(problem("the id appears twice".into()));
            }
            territories.push(Territory::from_record(record).map_err(problem)?);
        }
        Ok(Territories { territories })
    }

    /// Checks the codes against a world: each territory's recognised state exists, and every
    /// holder written as an alpha-3 code is a country of the world. Returns the problems found.
    pub fn unknown_codes(&self, world: &World) -> Vec<String> {
        let mut problems = Vec::new();
        for territory in &self.territories {
            if world.by_code(&territory.recognised_as).is_none() {
                problems.push(format!(
                    "{}: recognised_as {} is not a country of the world",
                    territory.id, territory.recognised_as
                ));
            }
            for period in &territory.periods {
                if is_alpha3(&period.controlled_by)
                    && world.by_code(&period.controlled_by).is_none()
                {
                    problems.push(format!(
                        "{}: controlled_by {} is not a country of the world",
                        territory.id, period.controlled_by
                    ));
                }
            }
        }
        problems
    }

    pub fn all(&self) -> &[Territory] {
        &self.territories
    }

    pub fn by_id(&self, id: &str) -> Option<&Territory> {
        self.territories.iter().find(|t| t.id == id)
    }

    /// The territories contested on `date`, each with its period then.
    pub fn active(&self, date: Date) -> impl Iterator<Item = (&Territory, &Period)> {
        self.territories
            .iter()
            .filter_map(move |t| t.period_at(date).map(|period| (t, period)))
    }

    /// The contested territory whose outline holds the place on `date`, with its period then,
    /// at the finest level (1:10m). Longitudes outside ±180 are wrapped; territories without
    /// an outline are never hit.
    pub fn at(&self, lon: f64, lat: f64, date: Date) -> Option<(&Territory, &Period)> {
        self.at_detail(lon, lat, date, Detail::Finest)
    }

    /// Like [`Territories::at`], with the outline the map shows at `detail`.
    pub fn at_detail(
        &self,
        lon: f64,
        lat: f64,
        date: Date,
        detail: Detail,
    ) -> Option<(&Territory, &Period)> {
        if !lon.is_finite() || !lat.is_finite() {
            return None;
        }
        let lon = wrap_longitude(lon);
        self.active(date).find(|(territory, _)| {
            territory.bbox.contains([lon, lat]) && territory.contains(lon, lat, detail)
        })
    }

    /// The territory recognised as part of `country` whose outline at `detail` lies nearest
    /// a place off the coast, within `within_km`: the harbour of a generalised coast answers
    /// the territory holding its shore, as it answers the state.
    fn off_coast(
        &self,
        lon: f64,
        lat: f64,
        date: Date,
        detail: Detail,
        country: &str,
        within_km: f64,
    ) -> Option<(&Territory, &Period)> {
        let lon = wrap_longitude(lon);
        self.active(date)
            .filter(|(territory, _)| territory.recognised_as == country)
            .map(|(territory, period)| {
                (territory, period, territory.km_to_outline(lon, lat, detail))
            })
            .filter(|(_, _, km)| *km <= within_km)
            .min_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(territory, period, _)| (territory, period))
    }
}

fn is_alpha3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn check_periods(periods: &[Period]) -> Result<(), String> {
    if periods.is_empty() {
        return Err("has no periods".into());
    }
    for (index, period) in periods.iter().enumerate() {
        if period.controlled_by.trim().is_empty() {
            return Err(format!("period {index} names no holder"));
        }
        if period.source.trim().is_empty() {
            return Err(format!("period {index} has no source"));
        }
        if let Some(until) = period.until
            && until <= period.since
        {
            return Err(format!(
                "period {index}: until {until} is not after since {}",
                period.since
            ));
        }
    }
    for (index, pair) in periods.windows(2).enumerate() {
        let (earlier, later) = (&pair[0], &pair[1]);
        if earlier.until.is_none_or(|until| until > later.since) {
            return Err(format!(
                "period {} starts on {} before period {index} ends",
                index + 1,
                later.since
            ));
        }
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TerritoryFile {
    #[serde(default, rename = "about")]
    _about: Option<String>,
    territories: Vec<TerritoryRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TerritoryRecord {
    id: String,
    name: String,
    recognised_as: String,
    note: String,
    label: [f64; 2],
    outline_source: Option<String>,
    periods: Vec<Period>,
    fine: Option<Rings>,
    coarse: Option<Rings>,
    /// The outline at 1:10m; files without one use the 1:50m outline there.
    #[serde(default)]
    finest: Option<Rings>,
}

/// Why a place given to `where` is not one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlaceError {
    #[error("longitude {0} is not a number between -180 and 180")]
    Longitude(f64),
    #[error("latitude {0} is not a number between -90 and 90")]
    Latitude(f64),
}

/// Checks a place typed by a person before [`where_is`]: real numbers, the longitude within
/// ±180 and the latitude within ±90 (the hit test would wrap a longitude silently, which hides
/// a swapped pair such as `44.95 200`).
pub fn check_place(lon: f64, lat: f64) -> Result<(), PlaceError> {
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(PlaceError::Longitude(lon));
    }
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(PlaceError::Latitude(lat));
    }
    Ok(())
}

/// What `alliance-map where` prints: the state a place is recognised as part of on a date and,
/// inside a territory contested then, that territory.
///
/// Serialises as `{"country": "UKR", "territory": null}`, or with `territory` an object
/// (see [`TerritoryAnswer`]); the sea gives `{"country": null, "territory": null}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhereAnswer {
    /// ISO alpha-3 code of the state the place is recognised as part of; `None` at sea.
    pub country: Option<String>,
    pub territory: Option<TerritoryAnswer>,
    /// How far out to sea the place lies from `country`'s coast as the boundaries draw it,
    /// when it lies in no country but within [`COAST_REACH_KM`] of one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub off_coast_km: Option<f64>,
}

/// How far off a coast a place still answers that coast's state. Natural Earth's 1:10m coasts
/// are generalised by up to a few hundred metres, which puts harbour capitals (Copenhagen,
/// Kherson, Valletta) just out to sea; a place this close is also within any state's 12-mile
/// territorial sea.
pub const COAST_REACH_KM: f64 = 5.0;

/// The contested territory in a [`WhereAnswer`], as it stands on the date asked about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TerritoryAnswer {
    pub id: String,
    pub name: String,
    pub status: TerritoryStatus,
    pub recognised_as: String,
    /// An ISO alpha-3 code or the name of a de facto authority.
    pub controlled_by: String,
    /// The first day of the current status (Crimea in 2020: annexed since 2014-03-18).
    pub since: Date,
}

/// Where a place is on a date: the state it is recognised as part of (the bundled world is de
/// jure for Crimea, and the other territories lie inside their states' outlines) and the
/// contested territory holding it then, if any. A place just off a coast (within
/// [`COAST_REACH_KM`]) answers the coast's state and the territory of that state nearest it.
/// Longitudes outside ±180 are wrapped; the caller checks that the numbers are real degrees.
///
/// # Examples
///
/// ```
/// use alliance_map::World;
/// use alliance_map::model::date::Date;
/// use alliance_map::model::territory::{Territories, where_is};
///
/// let world = World::load_bundled()?;
/// let territories = Territories::bundled().map_err(|error| error.to_string())?;
/// let simferopol = (34.10, 44.95);
/// let in_2012 = where_is(&world, territories, simferopol.0, simferopol.1, "2012-05-15".parse()?);
/// assert_eq!(in_2012.country.as_deref(), Some("UKR"));
/// assert!(in_2012.territory.is_none());
/// let in_2020 = where_is(&world, territories, simferopol.0, simferopol.1, Date::new(2020, 1, 1).ok_or("a real date")?);
/// let crimea = in_2020.territory.ok_or("Crimea is contested in 2020")?;
/// assert_eq!((crimea.id.as_str(), crimea.controlled_by.as_str()), ("crimea", "RUS"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn where_is(
    world: &World,
    territories: &Territories,
    lon: f64,
    lat: f64,
    date: Date,
) -> WhereAnswer {
    let detail = world.available(Detail::Finest);
    let (country, off_coast_km) = match world.country_at(lon, lat) {
        Some(country) => (Some(country.iso_a3().to_owned()), None),
        None => match world.country_near(lon, lat, COAST_REACH_KM) {
            Some((country, km)) => (Some(country.iso_a3().to_owned()), Some(km)),
            None => (None, None),
        },
    };
    let off_coast_territory = || {
        let country = country.as_deref().filter(|_| off_coast_km.is_some())?;
        territories.off_coast(lon, lat, date, detail, country, COAST_REACH_KM)
    };
    let territory = territories
        .at_detail(lon, lat, date, detail)
        .or_else(off_coast_territory)
        .map(|(territory, period)| TerritoryAnswer {
            id: territory.id.clone(),
            name: territory.name.clone(),
            status: period.status,
            recognised_as: territory.recognised_as.clone(),
            controlled_by: period.controlled_by.clone(),
            since: period.since,
        });
    WhereAnswer {
        // A territory's outline lies inside its recognised state's, so the two agree; where
        // they would not (a sliver at a coarser edge), the territory's recognised state wins.
        country: territory
            .as_ref()
            .map(|t| t.recognised_as.clone())
            .or(country),
        territory,
        off_coast_km,
    }
}

/// What the map's tooltip and details panel say about a contested territory on a date.
#[derive(Clone, Debug, PartialEq)]
pub struct TerritoryText {
    /// One line: "Crimea: recognised as part of Ukraine; occupied and annexed by Russia since
    /// 2014".
    pub summary: String,
    /// The territory's note.
    pub note: String,
    /// Every period, oldest first: "27 February 2014 – 18 March 2014: occupied by Russia".
    pub history: Vec<String>,
    /// The source of each period, in the same order.
    pub sources: Vec<String>,
    /// Where the outline comes from, or that it is not drawn.
    pub outline: String,
}

impl TerritoryText {
    /// The text for `territory` in `period`; country codes are named from `world`.
    pub fn new(world: &World, territory: &Territory, period: &Period) -> TerritoryText {
        let name_of = |code: &str| -> String {
            match world.by_code(code) {
                Some(country) => country.name().to_owned(),
                None => code.to_owned(),
            }
        };
        let holder = name_of(&period.controlled_by);
        let held_since = territory.held_since(period).year();
        let recognised = name_of(&territory.recognised_as);
        let state = match period.status {
            TerritoryStatus::Annexed if held_since == period.since.year() => {
                format!("occupied and annexed by {holder} since {held_since}")
            }
            TerritoryStatus::Annexed => format!(
                "occupied by {holder} since {held_since} and annexed by it since {}",
                period.since.year()
            ),
            TerritoryStatus::Occupied => format!("occupied by {holder} since {held_since}"),
            TerritoryStatus::Breakaway => {
                format!("breakaway region held by {holder} since {held_since}")
            }
            TerritoryStatus::Disputed => format!("disputed, held by {holder} since {held_since}"),
        };
        let history = territory
            .periods
            .iter()
            .map(|p| {
                let until = p
                    .until
                    .map(|until| format!(" – {}", until.long_form()))
                    .unwrap_or_else(|| " onwards".to_owned());
                let verb = match p.status {
                    TerritoryStatus::Annexed => "occupied and annexed by",
                    TerritoryStatus::Occupied => "occupied by",
                    TerritoryStatus::Breakaway => "breakaway, held by",
                    TerritoryStatus::Disputed => "disputed, held by",
                };
                format!(
                    "{}{until}: {verb} {}",
                    p.since.long_form(),
                    name_of(&p.controlled_by)
                )
            })
            .collect();
        let outline = match territory.outline_source() {
            Some(source) => format!("Outline: {source}."),
            None => "Outline not drawn: no sourced outline exists; the marker only shows where \
                     the territory is."
                .to_owned(),
        };
        // A disputed territory is recognised as no claimant's: it is drawn as its holder.
        let summary = match period.status {
            TerritoryStatus::Disputed => format!("{}: {state}", territory.name),
            _ => format!(
                "{}: recognised as part of {recognised}; {state}",
                territory.name
            ),
        };
        TerritoryText {
            summary,
            note: territory.note.clone(),
            history,
            sources: territory.periods.iter().map(|p| p.source.clone()).collect(),
            outline,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(periods: &str, outline: &str) -> String {
        format!(
            r#"{{"territories":[{{"id":"t","name":"T","recognised_as":"AAA","note":"n",
            "label":[1.0,1.0],{outline},"periods":{periods}}}]}}"#
        )
    }

    const SQUARE: &str = r#""outline_source":"s","fine":[[[[0,0],[2,0],[2,2],[0,2],[0,0]]]],
        "coarse":[[[[0,0],[2,0],[2,2],[0,2],[0,0]]]]"#;
    const NO_OUTLINE: &str = r#""outline_source":null,"fine":null,"coarse":null"#;

    fn parse(text: &str) -> Result<Territories, TerritoryError> {
        Territories::from_json(Path::new("test.json"), text)
    }

    fn date(text: &str) -> Date {
        match text.parse() {
            Ok(date) => date,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn a_place_is_in_a_territory_only_during_its_periods() {
        let periods = r#"[{"since":"2000-01-01","until":"2001-01-01","status":"occupied",
            "controlled_by":"BBB","source":"x"}]"#;
        let territories = match parse(&file(periods, SQUARE)) {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        };
        assert!(territories.at(1.0, 1.0, date("1999-12-31")).is_none());
        assert!(territories.at(1.0, 1.0, date("2000-01-01")).is_some());
        assert!(territories.at(1.0, 1.0, date("2001-01-01")).is_none());
        assert!(territories.at(3.0, 1.0, date("2000-06-01")).is_none());
        assert!(territories.at(f64::NAN, 1.0, date("2000-06-01")).is_none());
    }

    #[test]
    fn a_territory_without_an_outline_is_never_hit() {
        let periods = r#"[{"since":"2000-01-01","status":"occupied","controlled_by":"BBB",
            "source":"x"}]"#;
        let territories = match parse(&file(periods, NO_OUTLINE)) {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(territories.active(date("2005-01-01")).count(), 1);
        assert!(territories.at(1.0, 1.0, date("2005-01-01")).is_none());
    }

    #[test]
    fn overlapping_periods_are_refused() {
        let periods = r#"[{"since":"2000-01-01","until":"2002-01-01","status":"occupied",
            "controlled_by":"BBB","source":"x"},{"since":"2001-01-01","status":"annexed",
            "controlled_by":"BBB","source":"y"}]"#;
        let Err(error) = parse(&file(periods, SQUARE)) else {
            panic!("overlapping periods must be refused");
        };
        assert!(
            error.to_string().contains("before period 0 ends"),
            "{error}"
        );
    }

    #[test]
    fn a_period_without_a_source_is_refused() {
        let periods = r#"[{"since":"2000-01-01","status":"occupied","controlled_by":"BBB",
            "source":" "}]"#;
        let Err(error) = parse(&file(periods, SQUARE)) else {
            panic!("a period without a source must be refused");
        };
        assert!(
            error.to_string().contains("period 0 has no source"),
            "{error}"
        );
    }

    #[test]
    fn an_outline_at_one_level_of_detail_only_is_refused() {
        let outline = r#""outline_source":"s","fine":[[[[0,0],[2,0],[2,2],[0,2],[0,0]]]],
            "coarse":null"#;
        let periods = r#"[{"since":"2000-01-01","status":"occupied","controlled_by":"BBB",
            "source":"x"}]"#;
        let Err(error) = parse(&file(periods, outline)) else {
            panic!("an outline at one level only must be refused");
        };
        assert!(
            error
                .to_string()
                .contains("outline at one level of detail only"),
            "{error}"
        );
    }

    #[test]
    fn a_place_out_of_range_is_refused_with_the_number_that_is_wrong() {
        assert_eq!(check_place(34.1, 44.95), Ok(()));
        assert_eq!(check_place(200.0, 44.95), Err(PlaceError::Longitude(200.0)));
        assert_eq!(check_place(34.1, -91.0), Err(PlaceError::Latitude(-91.0)));
        assert!(matches!(
            check_place(f64::NAN, 0.0),
            Err(PlaceError::Longitude(lon)) if lon.is_nan()
        ));
    }

    #[test]
    fn held_since_goes_back_through_periods_of_the_same_holder() {
        let periods = r#"[{"since":"2000-01-01","until":"2000-03-01","status":"occupied",
            "controlled_by":"BBB","source":"x"},{"since":"2000-03-01","status":"annexed",
            "controlled_by":"BBB","source":"y"}]"#;
        let territories = match parse(&file(periods, SQUARE)) {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        };
        let Some((territory, period)) = territories.at(1.0, 1.0, date("2010-01-01")) else {
            panic!("the territory is contested in 2010");
        };
        assert_eq!(period.status, TerritoryStatus::Annexed);
        assert_eq!(territory.held_since(period), date("2000-01-01"));
    }
}
