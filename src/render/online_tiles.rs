//! The optional online basemap: OpenStreetMap tiles under the countries. Nothing here runs
//! until the reader turns it on, so the app makes no network request otherwise.

use walkers::sources::OpenStreetMap;
use walkers::{HttpTiles, TileId, Tiles};

use super::view::MercatorView;
use crate::model::mercator;

/// Whether this build can fetch tiles over HTTPS (the `online-tiles` cargo feature).
pub const AVAILABLE: bool = cfg!(feature = "online-tiles");

/// How long tiles may take before the basemap counts as unreachable.
const GRACE_SECS: f64 = 8.0;

pub const ATTRIBUTION: &str = "Map tiles © OpenStreetMap contributors";

pub struct OnlineTiles {
    tiles: HttpTiles,
    enabled_at_secs: Option<f64>,
    ever_loaded: bool,
}

impl OnlineTiles {
    pub fn new(ctx: &egui::Context) -> Self {
        Self {
            tiles: HttpTiles::new(OpenStreetMap, ctx.clone()),
            enabled_at_secs: None,
            ever_loaded: false,
        }
    }

    pub fn tiles_mut(&mut self) -> &mut HttpTiles {
        &mut self.tiles
    }

    /// Whether no tile has arrived for the middle of the view within the grace period:
    /// offline, or the server refused. (walkers keeps retrying, so requests in flight say
    /// nothing.)
    pub fn has_failed(&mut self, view: &MercatorView, now_secs: f64) -> bool {
        let started = *self.enabled_at_secs.get_or_insert(now_secs);
        let zoom = view.zoom().floor().clamp(0.0, 19.0) as u8;
        let (lon, lat) = {
            let center = view.center_position();
            (center.x(), center.y())
        };
        let point = mercator::project(lon, lat);
        let tiles_across = f64::from(1u32 << zoom);
        let tile = TileId {
            x: ((point.x * tiles_across) as u32).min((1u32 << zoom) - 1),
            y: ((point.y * tiles_across) as u32).min((1u32 << zoom) - 1),
            zoom,
        };
        self.ever_loaded |= self.tiles.at(tile).is_some();
        !self.ever_loaded && now_secs - started > GRACE_SECS
    }

    /// Whether a tile has been shown yet.
    pub fn has_loaded(&self) -> bool {
        self.ever_loaded
    }
}
