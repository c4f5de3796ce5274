//! Reading the boundary files: parsed into typed structs, each feature checked and
//! triangulated, on every core.

use std::path::Path;

use serde::Deserialize;

use super::Source;
use crate::model::error::WorldError;
use crate::model::geo::LonLat;
use crate::model::job::side_by_side;
use crate::model::mesh::ShapeMesh;
use crate::model::polygon::Polygon;

/// Runs `prepare` over the items on every core (at most 8), each thread taking every n-th
/// item so that large and small countries spread evenly; results in the items' order.
pub(super) fn in_lanes<T: Send, U: Send>(
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
pub(super) struct PreparedShape {
    pub(super) iso_a3: String,
    pub(super) name: String,
    pub(super) polygons: Vec<Polygon>,
    pub(super) mesh: ShapeMesh,
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
pub(super) fn prepare_side_by_side(
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
