//! The mapping from normalised Web-Mercator to screen pixels for one frame.

use egui::{Pos2, Rect, pos2};
use walkers::{Projector, lon_lat};

use crate::model::geo::LonLat;
use crate::model::mercator::{self, MercatorPoint};
use crate::model::{BoundingBox, Detail};

/// walkers lays the whole world out on one 256-pixel tile at zoom 0.
pub const TILE_SIZE_PX: f64 = 256.0;

/// The closest zoom the map or a figure is drawn at: street level, well past the boundaries'
/// detail, and far from where pixel coordinates outgrow the rasteriser.
pub const MAX_ZOOM: f64 = 18.0;

/// Below this zoom the 1:110m boundaries are drawn; above it, 1:50m.
pub const FINE_DETAIL_FROM_ZOOM: f64 = 3.5;
/// From this zoom on, 1:10m. At 40° N a pixel is 1.9 km here: a 1:50m edge (median 6-8 km
/// in the Caucasus and the Fergana valley) spans 3-4 pixels and the outlines turn angular,
/// while a 1:10m edge (median 2 km) spans about one.
pub const FINEST_DETAIL_FROM_ZOOM: f64 = 6.0;

/// One frame's view of the map: where the Mercator square lands on the screen.
#[derive(Clone, Copy, Debug)]
pub struct MercatorView {
    center: MercatorPoint,
    pixels_per_unit: f64,
    screen_rect: Rect,
    zoom: f64,
}

impl MercatorView {
    /// A view centred on `center_lon_lat` at a walkers zoom level, filling `screen_rect`.
    pub fn new(center: LonLat, zoom: f64, screen_rect: Rect) -> Self {
        Self {
            center: mercator::project(center.lon, center.lat),
            pixels_per_unit: TILE_SIZE_PX * 2f64.powf(zoom),
            screen_rect,
            zoom,
        }
    }

    /// The view walkers is drawing this frame. Computed in f64 from the centre so that deep
    /// zooms keep sub-pixel precision.
    pub fn from_projector(projector: &Projector) -> Self {
        let rect = projector.clip_rect();
        let center = projector.unproject(rect.center().to_vec2());
        Self::new(LonLat::new(center.x(), center.y()), projector.zoom(), rect)
    }

    pub fn zoom(&self) -> f64 {
        self.zoom
    }

    pub fn screen_rect(&self) -> Rect {
        self.screen_rect
    }

    pub fn detail(&self) -> Detail {
        if self.zoom < FINE_DETAIL_FROM_ZOOM {
            Detail::Coarse
        } else if self.zoom < FINEST_DETAIL_FROM_ZOOM {
            Detail::Fine
        } else {
            Detail::Finest
        }
    }

    pub fn pixels_per_unit(&self) -> f64 {
        self.pixels_per_unit
    }

    pub fn to_screen(&self, point: MercatorPoint) -> Pos2 {
        let c = self.screen_rect.center();
        pos2(
            (c.x as f64 + (point.x - self.center.x) * self.pixels_per_unit) as f32,
            (c.y as f64 + (point.y - self.center.y) * self.pixels_per_unit) as f32,
        )
    }

    /// The Mercator point under a screen position.
    pub fn screen_to_mercator(&self, pos: Pos2) -> MercatorPoint {
        let c = self.screen_rect.center();
        MercatorPoint::new(
            self.center.x + (pos.x - c.x) as f64 / self.pixels_per_unit,
            self.center.y + (pos.y - c.y) as f64 / self.pixels_per_unit,
        )
    }

    /// The centre of the view in Mercator space.
    pub fn center(&self) -> MercatorPoint {
        self.center
    }

    pub fn lon_lat_to_screen(&self, lon: f64, lat: f64) -> Pos2 {
        self.to_screen(mercator::project(lon, lat))
    }

    pub fn screen_to_lon_lat(&self, pos: Pos2) -> LonLat {
        mercator::unproject(self.screen_to_mercator(pos))
    }

    /// The part of the Mercator square on screen, for culling.
    pub fn visible_mercator(&self) -> BoundingBox {
        let half_w = self.screen_rect.width() as f64 / 2.0 / self.pixels_per_unit;
        let half_h = self.screen_rect.height() as f64 / 2.0 / self.pixels_per_unit;
        BoundingBox {
            min: [self.center.x - half_w, self.center.y - half_h],
            max: [self.center.x + half_w, self.center.y + half_h],
        }
    }

    /// This view, and the same view of the world's copies one width east or west wherever
    /// they show on screen: near the 180° line the map shows both ends of the world, so that
    /// Chukotka and Fiji are drawn whole.
    pub fn world_copies(&self) -> impl Iterator<Item = MercatorView> + use<> {
        let visible = self.visible_mercator();
        // Shapes live in x 0..1 and a little beyond (arcs and overlays unwrapped across the
        // line), so one copy more on the west side; at most a few, however far out the zoom.
        let first = (visible.min[0].floor() as i64 - 1).max(-3);
        let last = (visible.max[0].floor() as i64).min(3);
        let view = *self;
        (first..=last).map(move |k| MercatorView {
            center: MercatorPoint::new(view.center.x - k as f64, view.center.y),
            ..view
        })
    }

    /// A walkers position for the same place, for code that talks to walkers directly.
    pub fn center_position(&self) -> walkers::Position {
        let center = mercator::unproject(self.center);
        lon_lat(center.lon, center.lat)
    }
}
