//! The finer levels of detail prepared in the background: the 1:50m border network and the
//! whole 1:10m level (decoded, checked and triangulated on jobs of their own), installed in
//! the world when the app polls.

use std::collections::HashMap;
use std::path::Path;

use super::boundaries::{in_lanes, polygons_from_rings};
use super::{CountryId, Detail, World};
use crate::model::compact;
use crate::model::error::WorldError;
use crate::model::hit::HitIndex;
use crate::model::job::Job;
use crate::model::mesh::ShapeMesh;
use crate::model::polygon::Polygon;
use crate::model::strokes::Strokes;

const BUNDLED_FINEST_PATH: &str = "assets/world/countries-10m.bin";

/// What the world holds at 1:10m besides each country's outline.
#[derive(Debug)]
pub(super) struct FinestLevel {
    pub(super) hit_index: HitIndex,
    pub(super) borders: Strokes,
}

/// Where preparing the finest level stands.
#[derive(Debug)]
pub(super) enum FinestJob {
    NotAsked,
    Running(Job<Result<PreparedFinest, WorldError>>),
    /// Prepared and installed, or failed (the error was logged): never tried again.
    Finished,
}

/// The 1:10m level prepared away from the world, to be installed in it.
#[derive(Debug)]
pub(super) struct PreparedFinest {
    /// In the world's country order, each with its outline strokes (made here, not by the
    /// first frame that outlines a large country).
    shapes: Vec<(Vec<Polygon>, ShapeMesh, Strokes)>,
    hit_index: HitIndex,
    borders: Strokes,
}

impl World {
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
}

/// The compact 1:10m file shipped inside the application.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn bundled_finest() -> Option<&'static [u8]> {
    Some(include_bytes!("../../../assets/world/countries-10m.bin"))
}

/// None in a browser: with no thread to prepare it on, preparing it would stop the map for
/// seconds, so the map keeps 1:50m there and the .wasm is spared its 1.9 MB.
#[cfg(target_arch = "wasm32")]
pub(super) fn bundled_finest() -> Option<&'static [u8]> {
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
