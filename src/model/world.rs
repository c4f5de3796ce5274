//! The world: every country's boundaries at three levels of detail, its table row, its meshes,
//! the hit-test index and land-border adjacency. The finest level (1:10m) is prepared on a
//! thread of its own the first time it is asked for, so it never slows the start.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;

use super::adjacency;
use super::compact;
use super::country_table::{CapitalRecord, CountryRecord};
use super::date::Date;
use super::error::WorldError;
use super::geo::LonLat;
use super::hit::HitIndex;
use super::job::{Job, side_by_side};
use super::mesh::ShapeMesh;
use super::polygon::{BoundingBox, Polygon};
use super::strokes::Strokes;

const BUNDLED_FINE: &str = include_str!("../../assets/world/countries-50m.geojson");
const BUNDLED_COARSE: &str = include_str!("../../assets/world/countries-110m.geojson");
const BUNDLED_TABLE: &str = include_str!("../../assets/countries.json");
const BUNDLED_FINEST_PATH: &str = "assets/world/countries-10m.bin";

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

/// A shape at every level of detail: its polygons, their triangulated meshes and, once first
/// drawn, its outline strokes. Countries and contested territories are both drawn and
/// hit-tested through it. The finest level may come later; until then the fine one stands in.
#[derive(Clone, Debug)]
pub struct Outline {
    coarse: Level,
    fine: Level,
    finest: OnceLock<Level>,
}

/// The heap bytes one level of detail takes, by what they are for: the boundaries in degrees
/// (point tests, placement, figures), their triangles in Mercator (the fill), each country's
/// outline strokes and the border network (both widened on screen).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LevelMemory {
    pub boundaries: usize,
    pub meshes: usize,
    pub outlines: usize,
    pub borders: usize,
}

impl LevelMemory {
    pub fn total(&self) -> usize {
        self.boundaries + self.meshes + self.outlines + self.borders
    }

    fn add(&mut self, other: LevelMemory) {
        self.boundaries += other.boundaries;
        self.meshes += other.meshes;
        self.outlines += other.outlines;
        self.borders += other.borders;
    }
}

/// One level of detail of an [`Outline`].
#[derive(Clone, Debug)]
struct Level {
    polygons: Vec<Polygon>,
    mesh: ShapeMesh,
    strokes: OnceLock<Strokes>,
}

impl Level {
    fn memory(&self) -> LevelMemory {
        LevelMemory {
            boundaries: self.polygons.iter().map(Polygon::heap_bytes).sum(),
            meshes: self.mesh.heap_bytes(),
            outlines: self.strokes.get().map_or(0, Strokes::heap_bytes),
            borders: 0,
        }
    }

    fn new(polygons: Vec<Polygon>, mesh: ShapeMesh) -> Self {
        Self {
            polygons,
            mesh,
            strokes: OnceLock::new(),
        }
    }
}

impl Outline {
    pub fn new(
        fine: Vec<Polygon>,
        fine_mesh: ShapeMesh,
        coarse: Vec<Polygon>,
        coarse_mesh: ShapeMesh,
    ) -> Self {
        Self {
            coarse: Level::new(coarse, coarse_mesh),
            fine: Level::new(fine, fine_mesh),
            finest: OnceLock::new(),
        }
    }
    /// Gives the shape its finest level; the first one given stays.
    pub fn set_finest(&self, polygons: Vec<Polygon>, mesh: ShapeMesh) {
        let _ = self.finest.set(Level::new(polygons, mesh));
    }
    /// Gives the finest level its outline strokes, made where the level was prepared.
    fn set_finest_strokes(&self, strokes: Strokes) {
        if let Some(level) = self.finest.get() {
            let _ = level.strokes.set(strokes);
        }
    }
    /// What the levels prepared so far hold on the heap, coarsest first.
    fn memory(&self) -> [LevelMemory; 3] {
        let finest = self.finest.get().map(Level::memory).unwrap_or_default();
        [self.coarse.memory(), self.fine.memory(), finest]
    }
    fn level(&self, detail: Detail) -> &Level {
        match detail {
            Detail::Coarse => &self.coarse,
            Detail::Fine => &self.fine,
            Detail::Finest => self.finest.get().unwrap_or(&self.fine),
        }
    }
    pub fn polygons(&self, detail: Detail) -> &[Polygon] {
        &self.level(detail).polygons
    }
    pub fn mesh(&self, detail: Detail) -> &ShapeMesh {
        &self.level(detail).mesh
    }
    /// The outline as strokes to widen, built the first time they are asked for.
    pub fn strokes(&self, detail: Detail) -> &Strokes {
        let level = self.level(detail);
        level
            .strokes
            .get_or_init(|| Strokes::outlining(&level.mesh))
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

/// What the world holds at 1:10m besides each country's outline.
#[derive(Debug)]
struct FinestLevel {
    hit_index: HitIndex,
    borders: Strokes,
}

/// Where preparing the finest level stands.
#[derive(Debug)]
enum FinestJob {
    NotAsked,
    Running(Job<Result<PreparedFinest, WorldError>>),
    /// Prepared and installed, or failed (the error was logged): never tried again.
    Finished,
}

/// The 1:10m level prepared away from the world, to be installed in it.
#[derive(Debug)]
struct PreparedFinest {
    /// In the world's country order, each with its outline strokes (made here, not by the
    /// first frame that outlines a large country).
    shapes: Vec<(Vec<Polygon>, ShapeMesh, Strokes)>,
    hit_index: HitIndex,
    borders: Strokes,
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
        let lon = (lon + 180.0).rem_euclid(360.0) - 180.0;
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
        let lon = (lon + 180.0).rem_euclid(360.0) - 180.0;
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

    /// Starts building the 1:50m border network on a thread of its own (some 20 ms that the
    /// first frame past zoom 3.5 would otherwise take), unless it is built or being built.
    /// `on_ready` runs on that thread when it is done; [`World::poll_finest`] installs it.
    pub fn request_fine_borders(&self, on_ready: impl FnOnce() + Send + 'static) {
        let mut job = self
            .fine_borders_job
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.borders[1].get().is_some() || job.is_some() {
            return;
        }
        let meshes: Vec<ShapeMesh> = self
            .countries
            .iter()
            .map(|country| country.mesh(Detail::Fine).clone())
            .collect();
        // Without a thread the first frame that needs the network builds it.
        *job =
            Job::spawn_notifying("borders-50m", move |_| Strokes::network(&meshes), on_ready).ok();
    }

    /// Whether preparing 1:10m was asked for (it may be running, done or failed).
    pub fn finest_requested(&self) -> bool {
        !matches!(*self.lock_finest_job(), FinestJob::NotAsked)
    }

    /// Starts preparing the 1:10m level on a thread of its own, unless it is prepared, being
    /// prepared or has failed, or this world has none. `on_ready` runs on that thread when it
    /// is done (to ask for a repaint); [`World::poll_finest`] then installs it.
    pub fn request_finest(&self, on_ready: impl FnOnce() + Send + 'static) {
        let Some(bytes) = self.finest_source else {
            return;
        };
        let mut job = self.lock_finest_job();
        if !matches!(*job, FinestJob::NotAsked) {
            return;
        }
        let codes: Vec<String> = self
            .countries
            .iter()
            .map(|c| c.iso_a3().to_owned())
            .collect();
        let spawned = Job::spawn_notifying(
            "boundaries-10m",
            move |_| prepare_finest(bytes, &codes),
            on_ready,
        );
        *job = match spawned {
            Ok(running) => FinestJob::Running(running),
            // A browser has no threads, and preparing 1:10m in a frame would stop the map
            // for seconds: the map keeps 1:50m there.
            Err(error) if error.is_unsupported() => {
                log::info!("the map keeps 1:50m: {error}");
                FinestJob::Finished
            }
            Err(error) => {
                log::error!("could not start preparing the 1:10m boundaries: {error}");
                FinestJob::Finished
            }
        };
    }

    /// Installs the 1:50m border network and the 1:10m level if their threads have
    /// finished; cheap to call every frame. Returns whether 1:10m was installed by this call.
    /// A failure is logged once and the map keeps 1:50m.
    pub fn poll_finest(&self) -> bool {
        self.poll_fine_borders();
        let mut job = self.lock_finest_job();
        let FinestJob::Running(running) = &*job else {
            return false;
        };
        let Some(result) = running.poll() else {
            return false;
        };
        let result = result.unwrap_or_else(|error| Err(self.finest_error(&error.to_string())));
        *job = FinestJob::Finished;
        drop(job);
        match result {
            Ok(prepared) => {
                self.install_finest(prepared);
                true
            }
            Err(error) => {
                log::error!("{error}; the map keeps its 1:50m boundaries");
                false
            }
        }
    }

    /// Prepares and installs the 1:10m level now, waiting for a thread already at it: for
    /// the command line, tests and benchmarks.
    pub fn load_finest_now(&self) -> Result<(), WorldError> {
        if self.finest.get().is_some() {
            return Ok(());
        }
        let Some(bytes) = self.finest_source else {
            return Err(self.finest_error("this world has no 1:10m boundaries"));
        };
        let mut job = self.lock_finest_job();
        let result = match std::mem::replace(&mut *job, FinestJob::Finished) {
            FinestJob::Running(running) => running
                .wait()
                .unwrap_or_else(|error| Err(self.finest_error(&error.to_string()))),
            _ => {
                let codes: Vec<String> = self
                    .countries
                    .iter()
                    .map(|c| c.iso_a3().to_owned())
                    .collect();
                prepare_finest(bytes, &codes)
            }
        };
        drop(job);
        self.install_finest(result?);
        Ok(())
    }

    fn poll_fine_borders(&self) {
        let mut job = self
            .fine_borders_job
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(result) = job.as_ref().and_then(Job::poll) else {
            return;
        };
        *job = None;
        match result {
            Ok(network) => {
                let _ = self.borders[1].set(network);
            }
            // The first frame that needs the network builds it.
            Err(error) => log::error!("{error}"),
        }
    }

    fn lock_finest_job(&self) -> std::sync::MutexGuard<'_, FinestJob> {
        self.finest_job
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn finest_error(&self, problem: &str) -> WorldError {
        WorldError::File {
            file: BUNDLED_FINEST_PATH.into(),
            problem: problem.into(),
        }
    }

    fn install_finest(&self, prepared: PreparedFinest) {
        for (country, (polygons, mesh, strokes)) in self.countries.iter().zip(prepared.shapes) {
            country.outline.set_finest(polygons, mesh);
            country.outline.set_finest_strokes(strokes);
        }
        let _ = self.finest.set(FinestLevel {
            hit_index: prepared.hit_index,
            borders: prepared.borders,
        });
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

/// The compact 1:10m file shipped inside the application.
#[cfg(not(target_arch = "wasm32"))]
fn bundled_finest() -> Option<&'static [u8]> {
    Some(include_bytes!("../../assets/world/countries-10m.bin"))
}

/// None in a browser: with no thread to prepare it on, preparing it would stop the map for
/// seconds, so the map keeps 1:50m there and the .wasm is spared its 1.9 MB.
#[cfg(target_arch = "wasm32")]
fn bundled_finest() -> Option<&'static [u8]> {
    None
}

/// Decodes, checks and triangulates the compact 1:10m file, and builds its hit index and
/// border network: one shape per country of `codes`, in that order.
fn prepare_finest(bytes: &[u8], codes: &[String]) -> Result<PreparedFinest, WorldError> {
    let path = Path::new(BUNDLED_FINEST_PATH);
    let file_error = |problem: String| WorldError::File {
        file: path.to_path_buf(),
        problem,
    };
    let features = compact::decode(bytes).map_err(file_error)?;
    let features: Vec<(usize, compact::CompactFeature)> =
        features.into_iter().enumerate().collect();
    let prepared = in_lanes(path, features, |(index, feature)| {
        let compact::CompactFeature { iso_a3, polygons } = feature;
        let problem = |problem: String| WorldError::Feature {
            file: path.to_path_buf(),
            feature: index,
            name: iso_a3.clone(),
            problem,
        };
        let polygons = polygons_from_rings(polygons).map_err(problem)?;
        let mesh = ShapeMesh::build(&polygons).map_err(|error| problem(error.to_string()))?;
        let strokes = Strokes::outlining(&mesh);
        Ok((iso_a3.clone(), polygons, mesh, strokes))
    })?;
    let mut by_code: HashMap<String, (Vec<Polygon>, ShapeMesh, Strokes)> = HashMap::new();
    for (code, polygons, mesh, strokes) in prepared {
        if by_code
            .insert(code.clone(), (polygons, mesh, strokes))
            .is_some()
        {
            return Err(file_error(format!("country code {code} appears twice")));
        }
    }
    let mut shapes = Vec::with_capacity(codes.len());
    for code in codes {
        let shape = by_code
            .remove(code)
            .ok_or_else(|| file_error(format!("country {code} is missing")))?;
        shapes.push(shape);
    }
    if let Some(code) = by_code.keys().min() {
        return Err(file_error(format!(
            "country {code} is not in the country table"
        )));
    }
    let hit_index = HitIndex::build(
        shapes
            .iter()
            .enumerate()
            .map(|(index, (polygons, _, _))| (CountryId(index as u32), polygons.as_slice())),
    );
    let borders = Strokes::network(shapes.iter().map(|(_, mesh, _)| mesh));
    Ok(PreparedFinest {
        shapes,
        hit_index,
        borders,
    })
}

/// Runs `prepare` over the items on every core (at most 8), each thread taking every n-th
/// item so that large and small countries spread evenly; results in the items' order.
fn in_lanes<T: Send, U: Send>(
    path: &Path,
    items: Vec<T>,
    prepare: impl Fn(T) -> Result<U, WorldError> + Sync,
) -> Result<Vec<U>, WorldError> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let mut lanes: Vec<Vec<(usize, T)>> = (0..threads).map(|_| Vec::new()).collect();
    for (position, item) in items.into_iter().enumerate() {
        lanes[position % threads].push((position, item));
    }
    let prepare = &prepare;
    let prepare_lane = move |lane: Vec<(usize, T)>| {
        lane.into_iter()
            .map(|(position, item)| prepare(item).map(|done| (position, done)))
            .collect::<Result<Vec<_>, WorldError>>()
    };
    // One lane (one core, or a browser, which has no threads) is prepared here.
    let work: Vec<_> = lanes
        .into_iter()
        .map(|lane| move || prepare_lane(lane))
        .collect();
    let mut prepared: Vec<(usize, U)> = Vec::new();
    for lane in side_by_side("boundaries-lane", work) {
        let lane = lane.map_err(|error| WorldError::File {
            file: path.to_path_buf(),
            problem: format!("preparing the boundaries failed unexpectedly: {error}"),
        })??;
        prepared.extend(lane);
    }
    prepared.sort_unstable_by_key(|(position, _)| *position);
    Ok(prepared.into_iter().map(|(_, done)| done).collect())
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

/// Prepares the two boundary files side by side; where no thread can be started (a
/// browser), one after the other.
fn prepare_side_by_side(
    fine: Source<'_>,
    coarse: Source<'_>,
) -> Result<(Vec<PreparedShape>, Vec<PreparedShape>), WorldError> {
    let failed = |source: Source<'_>, problem: String| WorldError::File {
        file: source.path.to_path_buf(),
        problem: format!("preparing the boundaries failed unexpectedly: {problem}"),
    };
    let work = [coarse, fine].map(|source| move || prepare_boundaries(source));
    let mut prepared = side_by_side("boundaries", work.into())
        .into_iter()
        .zip([coarse, fine])
        .map(|(result, source)| {
            result.unwrap_or_else(|error| Err(failed(source, error.to_string())))
        });
    match (prepared.next(), prepared.next()) {
        (Some(coarse_shapes), Some(fine_shapes)) => Ok((fine_shapes?, coarse_shapes?)),
        _ => Err(failed(fine, "a file was left out".into())),
    }
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
    let features: Vec<(usize, BoundaryFeature)> = file.features.into_iter().enumerate().collect();
    in_lanes(source.path, features, |(index, feature)| {
        prepare_feature(source.path, index, feature)
    })
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
