//! The world: every country's boundaries at two levels of detail, its table row, its meshes,
//! the hit-test index and land-border adjacency.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use super::adjacency;
use super::country_table::{CapitalRecord, CountryRecord};
use super::error::WorldError;
use super::geo::LonLat;
use super::hit::HitIndex;
use super::mesh::ShapeMesh;
use super::polygon::{BoundingBox, Polygon};

const BUNDLED_FINE: &str = include_str!("../../assets/world/countries-50m.geojson");
const BUNDLED_COARSE: &str = include_str!("../../assets/world/countries-110m.geojson");
const BUNDLED_TABLE: &str = include_str!("../../assets/countries.json");

/// The contents of one input file and the name errors should give it.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

/// The bundled inputs, as shipped inside the binary.
pub fn bundled_sources() -> [Source<'static>; 3] {
    [
        Source {
            path: Path::new("assets/world/countries-50m.geojson"),
            text: BUNDLED_FINE,
        },
        Source {
            path: Path::new("assets/world/countries-110m.geojson"),
            text: BUNDLED_COARSE,
        },
        Source {
            path: Path::new("assets/countries.json"),
            text: BUNDLED_TABLE,
        },
    ]
}

/// Index of a country in its [`World`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryId(u32);

impl CountryId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Which boundaries to use: Natural Earth 1:110m for the whole world, 1:50m up close.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Detail {
    Coarse,
    Fine,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Capital {
    pub name: String,
    pub lon: f64,
    pub lat: f64,
}

/// A shape at both levels of detail: its polygons and their triangulated meshes. Countries
/// and contested territories are both drawn and hit-tested through it.
#[derive(Clone, Debug)]
pub struct Outline {
    fine: Vec<Polygon>,
    coarse: Vec<Polygon>,
    fine_mesh: ShapeMesh,
    coarse_mesh: ShapeMesh,
}

impl Outline {
    pub fn new(
        fine: Vec<Polygon>,
        fine_mesh: ShapeMesh,
        coarse: Vec<Polygon>,
        coarse_mesh: ShapeMesh,
    ) -> Self {
        Self {
            fine,
            coarse,
            fine_mesh,
            coarse_mesh,
        }
    }
    pub fn polygons(&self, detail: Detail) -> &[Polygon] {
        match detail {
            Detail::Fine => &self.fine,
            Detail::Coarse => &self.coarse,
        }
    }
    pub fn mesh(&self, detail: Detail) -> &ShapeMesh {
        match detail {
            Detail::Fine => &self.fine_mesh,
            Detail::Coarse => &self.coarse_mesh,
        }
    }
}

/// A country (or territory) of Natural Earth's admin-0 layer with its table row.
#[derive(Debug)]
pub struct Country {
    id: CountryId,
    record: CountryRecord,
    capital: Option<Capital>,
    outline: Outline,
    bbox: BoundingBox,
    label_point: LonLat,
    area: f64,
}

impl Country {
    pub fn id(&self) -> CountryId {
        self.id
    }
    /// ISO 3166-1 alpha-3 (or a documented user-assigned code for Kosovo, N. Cyprus, Somaliland).
    pub fn iso_a3(&self) -> &str {
        &self.record.iso_a3
    }
    pub fn iso_n3(&self) -> &str {
        &self.record.iso_n3
    }
    pub fn iso_a2(&self) -> Option<&str> {
        self.record.iso_a2.as_deref()
    }
    pub fn name(&self) -> &str {
        &self.record.name
    }
    pub fn formal_name(&self) -> &str {
        &self.record.formal_name
    }
    pub fn capital(&self) -> Option<&Capital> {
        self.capital.as_ref()
    }
    pub fn demonym(&self) -> Option<&str> {
        self.record.demonym.as_deref()
    }
    pub fn alt_names(&self) -> &[String] {
        &self.record.alt_names
    }
    /// Land borders as the country table's source lists them (not computed).
    pub fn listed_borders(&self) -> &[String] {
        &self.record.borders
    }
    pub fn polygons(&self, detail: Detail) -> &[Polygon] {
        self.outline.polygons(detail)
    }
    pub fn mesh(&self, detail: Detail) -> &ShapeMesh {
        self.outline.mesh(detail)
    }
    /// Extent of the full-detail boundaries in degrees.
    pub fn bbox(&self) -> &BoundingBox {
        &self.bbox
    }
    /// Where the country's name goes: inside its largest polygon.
    pub fn label_point(&self) -> LonLat {
        self.label_point
    }
    /// Area of the full-detail boundaries in square degrees.
    pub fn area(&self) -> f64 {
        self.area
    }
}

/// Every country, indexed for lookups by code and by place.
#[derive(Debug)]
pub struct World {
    countries: Vec<Country>,
    by_code: HashMap<String, CountryId>,
    hit_index: HitIndex,
    neighbours: OnceLock<Vec<Vec<CountryId>>>,
}

impl Country {
    /// A country from its table record and its prepared boundaries at both scales.
    fn new(
        id: CountryId,
        record: CountryRecord,
        shape: PreparedShape,
        coarse: Option<PreparedShape>,
    ) -> Self {
        // Small states missing at 1:110m keep their 1:50m shape at every zoom.
        let coarse = coarse.unwrap_or_else(|| shape.clone());
        let bbox = shape
            .polygons
            .iter()
            .fold(BoundingBox::EMPTY, |acc, polygon| acc.union(polygon.bbox()));
        let capital = record.capital.as_ref().map(capital_from_record);
        let label_point = shape
            .polygons
            .iter()
            .max_by(|a, b| a.area().total_cmp(&b.area()))
            .map(Polygon::label_point)
            .unwrap_or_else(|| bbox.center())
            .into();
        let area = shape.polygons.iter().map(Polygon::area).sum();
        Country {
            id,
            record,
            capital,
            outline: Outline::new(shape.polygons, shape.mesh, coarse.polygons, coarse.mesh),
            bbox,
            label_point,
            area,
        }
    }
}

impl World {
    /// The world shipped inside the application (Natural Earth 1:50m and 1:110m).
    ///
    /// # Examples
    /// ```
    /// use alliance_map::World;
    ///
    /// let world = World::load_bundled()?;
    /// let yerevan = world.country_at(44.51, 40.18).map(|country| country.iso_a3());
    /// assert_eq!(yerevan, Some("ARM"));
    /// assert!(world.country_at(35.0, 43.0).is_none(), "the Black Sea");
    /// # Ok::<(), alliance_map::model::WorldError>(())
    /// ```
    pub fn load_bundled() -> Result<World, WorldError> {
        let [fine, coarse, table] = bundled_sources();
        World::from_sources(fine, coarse, table)
    }

    /// Builds a world from boundary files at two levels of detail and the country table.
    /// The two boundary files are parsed side by side, their features prepared in parallel.
    pub fn from_sources(
        fine: Source<'_>,
        coarse: Source<'_>,
        table: Source<'_>,
    ) -> Result<World, WorldError> {
        let records: Vec<CountryRecord> =
            serde_json::from_str(table.text).map_err(|source| WorldError::Json {
                file: table.path.to_path_buf(),
                source,
            })?;
        let (fine_shapes, coarse_shapes) = std::thread::scope(|scope| {
            let coarse_job = scope.spawn(|| prepare_boundaries(coarse));
            let fine_result = prepare_boundaries(fine);
            let coarse_result = coarse_job.join().unwrap_or_else(|_| {
                Err(WorldError::File {
                    file: coarse.path.to_path_buf(),
                    problem: "preparing the boundaries failed unexpectedly".into(),
                })
            });
            (fine_result, coarse_result)
        });
        let fine_shapes = fine_shapes?;
        let mut coarse_by_code: HashMap<String, PreparedShape> = coarse_shapes?
            .into_iter()
            .map(|shape| (shape.iso_a3.clone(), shape))
            .collect();
        let mut records_by_code: HashMap<String, CountryRecord> = records
            .into_iter()
            .map(|record| (record.iso_a3.clone(), record))
            .collect();

        let mut countries = Vec::with_capacity(fine_shapes.len());
        let mut by_code = HashMap::with_capacity(fine_shapes.len());
        for (feature, shape) in fine_shapes.into_iter().enumerate() {
            let Some(record) = records_by_code.remove(&shape.iso_a3) else {
                return Err(WorldError::Feature {
                    file: fine.path.to_path_buf(),
                    feature,
                    name: shape.name,
                    problem: format!(
                        "country code {} is not in {}",
                        shape.iso_a3,
                        table.path.display()
                    ),
                });
            };
            let id = CountryId(countries.len() as u32);
            if by_code.insert(shape.iso_a3.clone(), id).is_some() {
                return Err(WorldError::Feature {
                    file: fine.path.to_path_buf(),
                    feature,
                    name: shape.name,
                    problem: format!("country code {} appears twice", shape.iso_a3),
                });
            }
            let coarse = coarse_by_code.remove(&shape.iso_a3);
            countries.push(Country::new(id, record, shape, coarse));
        }
        if let Some(code) = coarse_by_code.keys().min() {
            return Err(WorldError::File {
                file: coarse.path.to_path_buf(),
                problem: format!("country {code} is missing from {}", fine.path.display()),
            });
        }

        let hit_index = HitIndex::build(
            countries
                .iter()
                .map(|country| (country.id, country.polygons(Detail::Fine))),
        );
        Ok(World {
            countries,
            by_code,
            hit_index,
            neighbours: OnceLock::new(),
        })
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    pub fn country(&self, id: CountryId) -> &Country {
        &self.countries[id.index()]
    }

    /// Looks a country up by its alpha-3 code (case-sensitive, as codes are upper case).
    pub fn by_code(&self, iso_a3: &str) -> Option<&Country> {
        self.by_code.get(iso_a3).map(|id| self.country(*id))
    }

    /// The country at a place, from the 1:50m boundaries; `None` at sea. Longitudes outside
    /// ±180 are wrapped.
    pub fn country_at(&self, lon: f64, lat: f64) -> Option<&Country> {
        if !lon.is_finite() || !lat.is_finite() {
            return None;
        }
        let lon = (lon + 180.0).rem_euclid(360.0) - 180.0;
        self.hit_index
            .country_at(lon, lat, |id| self.country(id).polygons(Detail::Fine))
            .map(|id| self.country(id))
    }

    /// The naive lookup: every polygon of every country, every edge. The benchmark's baseline.
    pub fn country_at_scanning_every_country(&self, lon: f64, lat: f64) -> Option<&Country> {
        self.countries.iter().find(|country| {
            country
                .polygons(Detail::Fine)
                .iter()
                .any(|polygon| polygon.contains_scanning_every_edge(lon, lat))
        })
    }

    /// Countries sharing a land border, computed once from the 1:50m geometry.
    pub fn land_neighbours(&self, id: CountryId) -> &[CountryId] {
        let all = self.neighbours.get_or_init(|| {
            adjacency::land_neighbours(
                self.countries
                    .iter()
                    .map(|country| (country.id, country.polygons(Detail::Fine))),
                self.countries.len(),
            )
        });
        &all[id.index()]
    }

    /// Alpha-3 codes of a country's land neighbours, sorted.
    pub fn land_neighbour_codes(&self, iso_a3: &str) -> Vec<&str> {
        let Some(country) = self.by_code(iso_a3) else {
            return Vec::new();
        };
        let mut codes: Vec<&str> = self
            .land_neighbours(country.id)
            .iter()
            .map(|id| self.country(*id).iso_a3())
            .collect();
        codes.sort_unstable();
        codes
    }
}

fn capital_from_record(record: &CapitalRecord) -> Capital {
    Capital {
        name: record.name.clone(),
        lon: record.lon,
        lat: record.lat,
    }
}

/// One feature of a boundary file after validation and triangulation.
#[derive(Clone)]
struct PreparedShape {
    iso_a3: String,
    name: String,
    polygons: Vec<Polygon>,
    mesh: ShapeMesh,
}

#[derive(Deserialize)]
struct BoundaryFile {
    features: Vec<BoundaryFeature>,
}

#[derive(Deserialize)]
struct BoundaryFeature {
    properties: BoundaryProperties,
    geometry: BoundaryGeometry,
}

#[derive(Deserialize)]
struct BoundaryProperties {
    iso_a3: String,
    name: String,
}

/// The bundled files hold only MultiPolygons. A plain struct rather than a serde-tagged enum:
/// an internally tagged enum buffers every feature before decoding it, which made parsing the
/// 1:50m file three times slower.
#[derive(Deserialize)]
struct BoundaryGeometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: Vec<Vec<Vec<[f64; 2]>>>,
}

/// Parses a boundary file straight into typed structs (no generic JSON tree), then validates
/// and triangulates its features on every core, each thread taking every n-th feature so
/// that large and small countries spread evenly.
fn prepare_boundaries(source: Source<'_>) -> Result<Vec<PreparedShape>, WorldError> {
    let file: BoundaryFile =
        serde_json::from_str(source.text).map_err(|error| WorldError::Json {
            file: source.path.to_path_buf(),
            source: error,
        })?;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let features: Vec<(usize, BoundaryFeature)> = file.features.into_iter().enumerate().collect();
    let mut lanes: Vec<Vec<(usize, BoundaryFeature)>> = (0..threads).map(|_| Vec::new()).collect();
    for (position, feature) in features.into_iter().enumerate() {
        lanes[position % threads].push(feature);
    }
    let mut prepared: Vec<(usize, PreparedShape)> = std::thread::scope(|scope| {
        let jobs: Vec<_> = lanes
            .into_iter()
            .map(|lane| {
                scope.spawn(move || {
                    lane.into_iter()
                        .map(|(index, feature)| {
                            prepare_feature(source.path, index, feature).map(|shape| (index, shape))
                        })
                        .collect::<Result<Vec<_>, WorldError>>()
                })
            })
            .collect();
        let mut all = Vec::new();
        for job in jobs {
            let lane = job.join().unwrap_or_else(|_| {
                Err(WorldError::File {
                    file: source.path.to_path_buf(),
                    problem: "preparing the boundaries failed unexpectedly".into(),
                })
            })?;
            all.extend(lane);
        }
        Ok::<_, WorldError>(all)
    })?;
    prepared.sort_unstable_by_key(|(index, _)| *index);
    Ok(prepared.into_iter().map(|(_, shape)| shape).collect())
}

fn prepare_feature(
    path: &Path,
    index: usize,
    feature: BoundaryFeature,
) -> Result<PreparedShape, WorldError> {
    let problem = |problem: String| WorldError::Feature {
        file: path.to_path_buf(),
        feature: index,
        name: feature.properties.name.clone(),
        problem,
    };
    if feature.geometry.kind != "MultiPolygon" {
        return Err(problem(format!(
            "geometry is a {}, the bundled boundaries are MultiPolygons",
            feature.geometry.kind
        )));
    }
    let polygons = polygons_from_rings(feature.geometry.coordinates).map_err(problem)?;
    let mesh = ShapeMesh::build(&polygons).map_err(|error| problem(error.to_string()))?;
    Ok(PreparedShape {
        iso_a3: feature.properties.iso_a3,
        name: feature.properties.name,
        polygons,
        mesh,
    })
}

/// Checks what the bundled boundaries promise: real coordinates within range, rings of at
/// least four positions that close, at least one polygon.
pub(crate) fn polygons_from_rings(
    rings_of_polygons: Vec<Vec<Vec<[f64; 2]>>>,
) -> Result<Vec<Polygon>, String> {
    if rings_of_polygons.is_empty() {
        return Err("has no polygons".into());
    }
    let mut polygons = Vec::with_capacity(rings_of_polygons.len());
    for (polygon_index, rings) in rings_of_polygons.into_iter().enumerate() {
        if rings.is_empty() {
            return Err(format!("polygon {polygon_index} has no rings"));
        }
        for (ring_index, ring) in rings.iter().enumerate() {
            let at = format!("polygon {polygon_index}, ring {ring_index}");
            if ring.len() < 4 {
                return Err(format!("{at} has {} positions, fewer than 4", ring.len()));
            }
            if ring.first() != ring.last() {
                return Err(format!("{at} is not closed"));
            }
            if let Some([lon, lat]) = ring.iter().find(|&&p| !LonLat::from(p).is_valid()) {
                return Err(format!("{at} has a position out of range: [{lon}, {lat}]"));
            }
        }
        polygons.push(Polygon::new(rings));
    }
    Ok(polygons)
}
