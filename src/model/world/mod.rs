//! The world: every country's table row and its boundaries at three levels of detail, with
//! the lookups by code and by place and land-border adjacency. Reading the boundary files is
//! in `boundaries`, a shape's levels in `outline`, and the finer levels prepared in the
//! background (1:10m the first time it is asked for, so it never slows the start) in
//! `detail_jobs`.

mod boundaries;
mod detail_jobs;
mod outline;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use super::adjacency;
use super::country_table::{CapitalRecord, CountryRecord};
use super::date::Date;
use super::error::WorldError;
use super::geo::LonLat;
use super::hit::HitIndex;
use super::job::Job;
use super::mesh::ShapeMesh;
use super::polygon::{BoundingBox, Polygon};
use super::strokes::Strokes;
use boundaries::{PreparedShape, prepare_side_by_side};
use detail_jobs::{FinestJob, FinestLevel, bundled_finest};

pub(crate) use boundaries::polygons_from_rings;
pub use outline::{LevelMemory, Outline};

const BUNDLED_FINE: &str = include_str!("../../../assets/world/countries-50m.geojson");
const BUNDLED_COARSE: &str = include_str!("../../../assets/world/countries-110m.geojson");
const BUNDLED_TABLE: &str = include_str!("../../../assets/countries.json");

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

/// Which boundaries to use: Natural Earth 1:110m for the whole world, 1:50m closer, 1:10m
/// closest (once prepared; until then 1:50m stands in for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Detail {
    Coarse,
    Fine,
    Finest,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Capital {
    pub name: String,
    pub lon: f64,
    pub lat: f64,
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
    pub fn name(&self) -> &str {
        &self.record.name
    }
    pub fn formal_name(&self) -> &str {
        &self.record.formal_name
    }
    /// The capital in force today.
    pub fn capital(&self) -> Option<&Capital> {
        self.capital.as_ref()
    }
    /// The capital, under its name then, on `date`: Kazakhstan's is Almaty until 10 December
    /// 1997, Astana called Nur-Sultan from 20 March 2019 to 17 September 2022.
    pub fn capital_on(&self, date: Date) -> Option<Capital> {
        match self
            .record
            .capital_history
            .iter()
            .find(|former| date < former.until)
        {
            Some(former) => Some(Capital {
                name: former.name.clone(),
                lon: former.lon,
                lat: former.lat,
            }),
            None => self.capital.clone(),
        }
    }
    pub fn demonym(&self) -> Option<&str> {
        self.record.demonym.as_deref()
    }
    pub fn alt_names(&self) -> &[String] {
        &self.record.alt_names
    }
    /// What the build script corrected in the table's row and on what authority, if anything.
    pub fn note(&self) -> Option<&str> {
        self.record.note.as_deref()
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
    /// The country's whole outline as strokes to widen.
    pub fn strokes(&self, detail: Detail) -> &Strokes {
        self.outline.strokes(detail)
    }
    /// Extent of the 1:50m boundaries in degrees.
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
    /// The border network at 1:110m and 1:50m, built when first drawn (1:50m on a thread
    /// of its own when asked for in time).
    borders: [OnceLock<Strokes>; 2],
    fine_borders_job: Mutex<Option<Job<Strokes>>>,
    /// The compact 1:10m boundaries, for worlds that have them.
    finest_source: Option<&'static [u8]>,
    finest: OnceLock<FinestLevel>,
    finest_job: Mutex<FinestJob>,
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
        let mut world = World::from_sources(fine, coarse, table)?;
        world.finest_source = bundled_finest();
        Ok(world)
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
        let (fine_shapes, coarse_shapes) = prepare_side_by_side(fine, coarse)?;
        let mut coarse_by_code: HashMap<String, PreparedShape> = coarse_shapes
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
            borders: [OnceLock::new(), OnceLock::new()],
            fine_borders_job: Mutex::new(None),
            finest_source: None,
            finest: OnceLock::new(),
            finest_job: Mutex::new(FinestJob::NotAsked),
        })
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// What the boundaries take on the heap at 1:110m, 1:50m and 1:10m, as far as each is
    /// prepared (1:10m only once zoomed in; outlines and borders once drawn).
    pub fn memory_by_level(&self) -> [LevelMemory; 3] {
        let mut levels = [LevelMemory::default(); 3];
        for country in &self.countries {
            for (level, country_level) in levels.iter_mut().zip(country.outline.memory()) {
                level.add(country_level);
            }
        }
        let built_borders = [
            self.borders[0].get(),
            self.borders[1].get(),
            self.finest.get().map(|finest| &finest.borders),
        ];
        for (level, borders) in levels.iter_mut().zip(built_borders) {
            level.borders = borders.map_or(0, Strokes::heap_bytes);
        }
        levels
    }

    pub fn country(&self, id: CountryId) -> &Country {
        &self.countries[id.index()]
    }

    /// Looks a country up by its alpha-3 code (case-sensitive, as codes are upper case).
    pub fn by_code(&self, iso_a3: &str) -> Option<&Country> {
        self.by_code.get(iso_a3).map(|id| self.country(*id))
    }

    /// The country at a place, from the finest boundaries prepared (1:10m once prepared,
    /// else 1:50m); `None` at sea. Longitudes outside ±180 are wrapped.
    pub fn country_at(&self, lon: f64, lat: f64) -> Option<&Country> {
        self.country_at_detail(lon, lat, Detail::Finest)
    }

    /// The country at a place as the map shows it at `detail`: at 1:10m when that is
    /// on screen (and prepared), else at 1:50m, which is finer than the 1:110m world view.
    pub fn country_at_detail(&self, lon: f64, lat: f64, detail: Detail) -> Option<&Country> {
        if !lon.is_finite() || !lat.is_finite() {
            return None;
        }
        let LonLat { lon, lat } = LonLat::new(lon, lat).wrapped();
        let (index, detail) = match (detail, self.finest.get()) {
            (Detail::Finest, Some(finest)) => (&finest.hit_index, Detail::Finest),
            _ => (&self.hit_index, Detail::Fine),
        };
        index
            .country_at(lon, lat, |id| self.country(id).polygons(detail))
            .map(|id| self.country(id))
    }

    /// The country whose boundary at the finest level prepared lies nearest a place outside
    /// every country, with that distance in kilometres, if it is within `within_km`.
    pub fn country_near(&self, lon: f64, lat: f64, within_km: f64) -> Option<(&Country, f64)> {
        if !lon.is_finite() || !lat.is_finite() {
            return None;
        }
        let LonLat { lon, lat } = LonLat::new(lon, lat).wrapped();
        let (index, detail) = match self.finest.get() {
            Some(finest) => (&finest.hit_index, Detail::Finest),
            None => (&self.hit_index, Detail::Fine),
        };
        index
            .nearest_within(lon, lat, within_km, |id| self.country(id).polygons(detail))
            .map(|(id, km)| (self.country(id), km))
    }

    /// The level the map can draw for `wanted`: the finest stands for the fine one until it
    /// is prepared.
    pub fn available(&self, wanted: Detail) -> Detail {
        match wanted {
            Detail::Finest if self.finest.get().is_none() => Detail::Fine,
            other => other,
        }
    }

    /// Every border and coast once (a border between two countries is not drawn twice), as
    /// strokes to widen.
    pub fn borders(&self, detail: Detail) -> &Strokes {
        let network_of = |detail: Detail| {
            Strokes::network(self.countries.iter().map(|country| country.mesh(detail)))
        };
        match (detail, self.finest.get()) {
            (Detail::Finest, Some(finest)) => &finest.borders,
            (Detail::Coarse, _) => self.borders[0].get_or_init(|| network_of(Detail::Coarse)),
            _ => self.borders[1].get_or_init(|| network_of(Detail::Fine)),
        }
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
