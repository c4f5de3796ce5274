//! Where the map looks: fitting an area to the window, animated flights between views, and
//! the extents worth fitting (a scenario's opening area, a country's mainland).

use egui::{Pos2, Rect};
use walkers::{MapMemory, lon_lat};

use crate::model::mercator::{self, MercatorPoint};
use crate::model::scenario::Extent;
use crate::model::{BoundingBox, CountryId, Detail, World};
use crate::render::view::{MAX_ZOOM, MercatorView, TILE_SIZE_PX};

/// Fitting never zooms closer than this, so a small country keeps its surroundings.
const MAX_FIT_ZOOM: f64 = 6.5;
/// Fitting never zooms out further than this.
const MIN_FIT_ZOOM: f64 = 1.0;
/// Room left around what is fitted, as a factor of its size.
const FIT_MARGIN: f64 = 1.15;
/// How long the map takes to fly to a place.
const FLIGHT_SECS: f64 = 0.7;

/// An animated move of the map from one view to another.
#[derive(Clone, Copy, Debug)]
pub struct Flight {
    from: MercatorPoint,
    to: MercatorPoint,
    from_zoom: f64,
    to_zoom: f64,
    started_secs: Option<f64>,
}

impl Flight {
    pub fn new(from: MercatorPoint, from_zoom: f64, to: MercatorPoint, to_zoom: f64) -> Self {
        Self {
            from,
            to,
            from_zoom,
            to_zoom,
            started_secs: None,
        }
    }

    /// Where the flight is at `now_secs` (the first call starts its clock), and whether it
    /// has arrived.
    pub fn at(&mut self, now_secs: f64) -> (MercatorPoint, f64, bool) {
        let started = *self.started_secs.get_or_insert(now_secs);
        let t = ((now_secs - started) / FLIGHT_SECS).clamp(0.0, 1.0);
        let eased = t * t * (3.0 - 2.0 * t);
        let center = MercatorPoint::new(
            self.from.x + (self.to.x - self.from.x) * eased,
            self.from.y + (self.to.y - self.from.y) * eased,
        );
        let zoom = self.from_zoom + (self.to_zoom - self.from_zoom) * eased;
        (center, zoom, t >= 1.0)
    }
}

/// The centre and zoom that make a Mercator extent fill most of `screen`.
pub fn fitted_view(extent: &BoundingBox, screen: Rect) -> Option<(MercatorPoint, f64)> {
    if extent.is_empty() || screen.width() <= 0.0 || screen.height() <= 0.0 {
        return None;
    }
    let width = (extent.max[0] - extent.min[0]).max(1e-4) * FIT_MARGIN;
    let height = (extent.max[1] - extent.min[1]).max(1e-4) * FIT_MARGIN;
    let pixels_per_unit = (screen.width() as f64 / width).min(screen.height() as f64 / height);
    let zoom = (pixels_per_unit / TILE_SIZE_PX)
        .log2()
        .clamp(MIN_FIT_ZOOM, MAX_FIT_ZOOM);
    let [x, y] = extent.center();
    Some((MercatorPoint::new(x, y), zoom))
}

/// Moves walkers' memory to a centre and zoom at once.
pub fn jump_to(memory: &mut MapMemory, center: MercatorPoint, zoom: f64) {
    let center = mercator::unproject(center);
    memory.center_at(lon_lat(center.lon, center.lat));
    set_zoom(memory, zoom);
}

/// The zoom levels walkers accepts.
const WALKERS_ZOOM_RANGE: std::ops::RangeInclusive<f64> = 0.0..=26.0;

/// Sets walkers' zoom, brought within the range walkers accepts; a zoom that is no number
/// leaves the zoom as it was.
pub fn set_zoom(memory: &mut MapMemory, zoom: f64) {
    if !zoom.is_finite() {
        log::warn!("zoom {zoom} is no number; kept the current zoom");
        return;
    }
    let zoom = zoom.clamp(*WALKERS_ZOOM_RANGE.start(), *WALKERS_ZOOM_RANGE.end());
    if let Err(error) = memory.set_zoom(zoom) {
        log::warn!("zoom {zoom} refused by the map ({error:?}); kept the current zoom");
    }
}

/// Zooms by `levels` (negative zooms out) keeping the place under `anchor`, a screen position
/// in `view`, where it is on screen: the wheel, a pinch and a double click zoom around the
/// pointer.
pub fn zoom_around(memory: &mut MapMemory, view: &MercatorView, levels: f64, anchor: Pos2) {
    if !levels.is_finite() {
        return;
    }
    let zoom = (view.zoom() + levels).clamp(*WALKERS_ZOOM_RANGE.start(), MAX_ZOOM);
    let under_anchor = view.screen_to_mercator(anchor);
    let pixels_per_unit = TILE_SIZE_PX * 2f64.powf(zoom);
    let offset = anchor - view.screen_rect().center();
    let center = MercatorPoint::new(
        under_anchor.x - offset.x as f64 / pixels_per_unit,
        under_anchor.y - offset.y as f64 / pixels_per_unit,
    );
    jump_to(memory, center, zoom);
}

/// Moves the map by a distance on screen (the arrow keys).
pub fn pan_by(memory: &mut MapMemory, view: &MercatorView, pixels: egui::Vec2) {
    let center = view.center();
    let moved = MercatorPoint::new(
        center.x + pixels.x as f64 / view.pixels_per_unit(),
        (center.y + pixels.y as f64 / view.pixels_per_unit()).clamp(0.0, 1.0),
    );
    jump_to(memory, moved, view.zoom());
}

/// A scale bar's length in kilometres and in pixels: the longest round length (1, 2 or 5
/// times a power of ten) that fits in `max_px` at the middle of the view.
pub fn scale_bar(view: &MercatorView, max_px: f32) -> Option<(f64, f32)> {
    const EARTH_CIRCUMFERENCE_KM: f64 = 40_075.016_686;
    let lat = mercator::unproject(view.center()).lat.to_radians();
    let km_per_px = EARTH_CIRCUMFERENCE_KM * lat.cos() / view.pixels_per_unit();
    if !(km_per_px.is_finite() && km_per_px > 0.0) {
        return None;
    }
    let max_km = km_per_px * max_px as f64;
    let power = 10f64.powf(max_km.log10().floor());
    let km = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|step| step * power)
        .find(|&km| km <= max_km)?;
    Some((km, (km / km_per_px) as f32))
}

/// The Mercator extent of an area in degrees.
pub fn extent_in_mercator(extent: &Extent) -> BoundingBox {
    let mut bbox = BoundingBox::EMPTY;
    for (lon, lat) in [(extent.west, extent.south), (extent.east, extent.north)] {
        let point = mercator::project(lon, lat);
        bbox.include([point.x, point.y]);
    }
    bbox
}

/// The Mercator extent of a country's largest polygon: fitting Russia should show Russia, not
/// the whole width of the map its Chukotka tip reaches across.
pub fn mainland_extent(world: &World, country: CountryId) -> BoundingBox {
    let mesh = world.country(country).mesh(Detail::Fine);
    mesh.parts
        .iter()
        .map(|part| part.bbox_in_mercator)
        .max_by(|a, b| {
            let area = |b: &BoundingBox| (b.max[0] - b.min[0]) * (b.max[1] - b.min[1]);
            area(a).total_cmp(&area(b))
        })
        .unwrap_or(BoundingBox::EMPTY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flight_eases_from_its_start_to_its_end() {
        let mut flight = Flight::new(
            MercatorPoint::new(0.2, 0.3),
            2.0,
            MercatorPoint::new(0.6, 0.4),
            5.0,
        );
        let (start, zoom, arrived) = flight.at(10.0);
        assert_eq!(
            (start, zoom, arrived),
            (MercatorPoint::new(0.2, 0.3), 2.0, false)
        );
        let (middle, zoom, _) = flight.at(10.0 + FLIGHT_SECS / 2.0);
        assert!((middle.x - 0.4).abs() < 1e-9 && (zoom - 3.5).abs() < 1e-9);
        let (end, zoom, arrived) = flight.at(10.0 + FLIGHT_SECS * 2.0);
        assert_eq!(
            (end, zoom, arrived),
            (MercatorPoint::new(0.6, 0.4), 5.0, true)
        );
    }

    #[test]
    fn fitting_a_wider_window_zooms_in_further() {
        let extent = extent_in_mercator(&Extent {
            west: 20.0,
            south: 35.0,
            east: 90.0,
            north: 60.0,
        });
        let small = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(600.0, 400.0));
        let large = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(2400.0, 1400.0));
        let (_, small_zoom) = fitted_view(&extent, small).unwrap_or_default();
        let (center, large_zoom) = fitted_view(&extent, large).unwrap_or_default();
        assert!(
            large_zoom > small_zoom + 1.5,
            "{small_zoom} vs {large_zoom}"
        );
        let middle = mercator::unproject(center);
        assert!((middle.lon - 55.0).abs() < 1e-6);
    }

    #[test]
    fn zooming_around_a_point_keeps_it_under_the_pointer() {
        let screen = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1000.0, 700.0));
        let view = MercatorView::new(crate::model::geo::LonLat::new(50.0, 45.0), 4.0, screen);
        let anchor = egui::pos2(820.0, 150.0);
        let before = view.screen_to_lon_lat(anchor);
        let mut memory = MapMemory::default();
        zoom_around(&mut memory, &view, 0.75, anchor);
        let center = memory
            .detached()
            .map(|p| crate::model::geo::LonLat::new(p.x(), p.y()));
        let after_view = MercatorView::new(center.unwrap_or_default(), memory.zoom(), screen);
        let after = after_view.lon_lat_to_screen(before.lon, before.lat);
        assert!(after.distance(anchor) < 0.5, "{after:?} vs {anchor:?}");
        assert!((memory.zoom() - 4.75).abs() < 1e-9);
    }

    #[test]
    fn the_scale_bar_is_a_round_length_that_fits() {
        let screen = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1000.0, 700.0));
        let view = MercatorView::new(crate::model::geo::LonLat::new(45.0, 41.0), 6.0, screen);
        let (km, px) = scale_bar(&view, 120.0).unwrap_or_default();
        assert!(px <= 120.0 && px > 40.0, "{px}");
        let first_digit = km / 10f64.powf(km.log10().floor());
        assert!(
            [1.0, 2.0, 5.0]
                .iter()
                .any(|d| (first_digit - d).abs() < 1e-9),
            "{km}"
        );
    }

    #[test]
    fn nothing_to_fit_gives_no_view() {
        let screen = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(600.0, 400.0));
        assert!(fitted_view(&BoundingBox::EMPTY, screen).is_none());
    }
}
