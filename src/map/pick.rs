//! What is under the pointer: a tension marker, a name (picking what it names), an overlay's
//! feature or a country, in that order, as smaller things sit on top. Pure: a view, what can be picked, and a position.

use egui::Pos2;

use crate::layers::{OverlayId, TensionArc};
use crate::model::date::Date;
use crate::model::mercator::MercatorPoint;
use crate::model::territory::{Territories, Territory};
use crate::model::{CountryId, World};
use crate::placement::{Named, Placement};
use crate::render::overlays::overlay_feature_at;
use crate::render::plugins::tension_at;
use crate::render::territories::territory_marker_at;
use crate::render::view::MercatorView;
use crate::session::{Action, OverlayEntry};

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// Sea, or off the map.
    Nothing,
    Country(CountryId),
    /// A tension's marker, by the tension's index in the scenario.
    Tension(usize),
    OverlayFeature {
        overlay: OverlayId,
        feature: usize,
    },
    /// A contested territory, by its index in the bundled territories.
    Territory(usize),
}

/// The things on the map that can be picked this frame; hidden layers are left out.
pub struct Pickable<'a> {
    pub world: &'a World,
    /// The tension arcs, when the tensions layer is shown.
    pub tensions: &'a [TensionArc],
    /// Where each of `tensions` has its marker.
    pub markers: &'a [MercatorPoint],
    /// The names placed in the view: pointing at a name picks what it names.
    pub placement: &'a Placement,
    /// Every overlay, with whether it is shown.
    pub overlays: &'a [OverlayEntry],
    /// The contested territories, when their layer is shown, and the date they are drawn for.
    pub territories: Option<(&'a Territories, Date)>,
}

/// What is at `pointer` in `view`: markers first, then overlay features (the last opened on
/// top), then countries.
pub fn pick(view: &MercatorView, pickable: &Pickable<'_>, pointer: Pos2) -> Hit {
    if let Some(arc) = tension_at(view, pickable.markers, pointer)
        && let Some(tension) = pickable.tensions.get(arc)
    {
        return Hit::Tension(tension.tension_index);
    }
    match pickable.placement.name_at(pointer) {
        Some(Named::Country(country) | Named::Capital(country)) => return Hit::Country(country),
        Some(Named::Territory(index)) => return Hit::Territory(index),
        None => {}
    }
    let feature = pickable
        .overlays
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, entry)| entry.visible)
        .find_map(|(index, entry)| {
            overlay_feature_at(view, &entry.overlay, pointer)
                .map(|feature| (OverlayId(index), feature))
        });
    if let Some((overlay, feature)) = feature {
        return Hit::OverlayFeature { overlay, feature };
    }
    let place = view.screen_to_lon_lat(pointer);
    // The outlines on screen, so that what is under the pointer is what the reader sees.
    let detail = pickable.world.available(view.detail());
    if let Some((territories, date)) = pickable.territories {
        let territory = territory_marker_at(territories, date, view, pointer).or_else(|| {
            territories
                .at_detail(place.lon, place.lat, date, detail)
                .map(|(t, _)| t)
        });
        if let Some(index) = territory.and_then(|t| territory_index(territories, t)) {
            return Hit::Territory(index);
        }
    }
    match pickable
        .world
        .country_at_detail(place.lon, place.lat, detail)
    {
        Some(country) => Hit::Country(country.id()),
        None => Hit::Nothing,
    }
}

fn territory_index(territories: &Territories, territory: &Territory) -> Option<usize> {
    territories
        .all()
        .iter()
        .position(|t| std::ptr::eq(t, territory))
}

impl Hit {
    /// What clicking it asks for.
    pub fn click_action(self) -> Action {
        match self {
            Hit::Nothing => Action::ClearSelection,
            Hit::Country(country) => Action::SelectCountry(country),
            Hit::Tension(index) => Action::SelectTension(index),
            Hit::OverlayFeature { overlay, feature } => {
                Action::SelectOverlayFeature { overlay, feature }
            }
            Hit::Territory(index) => Action::SelectTerritory(index),
        }
    }

    /// Whether the pointer should say it can click something other than a country.
    pub fn is_clickable_symbol(self) -> bool {
        matches!(
            self,
            Hit::Tension(_) | Hit::OverlayFeature { .. } | Hit::Territory(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, OnceLock};

    use egui::{Rect, pos2, vec2};

    use super::*;
    use crate::layers::MapLayers;
    use crate::model::geo::LonLat;
    use crate::model::scenario::Scenario;

    fn fixture() -> &'static (Arc<World>, MapLayers) {
        static FIXTURE: OnceLock<(Arc<World>, MapLayers)> = OnceLock::new();
        FIXTURE.get_or_init(|| {
            let world = match World::load_bundled() {
                Ok(world) => Arc::new(world),
                Err(error) => panic!("the bundled world loads: {error}"),
            };
            let scenario = match Scenario::load_bundled(&world) {
                Ok(scenario) => scenario,
                Err(error) => panic!("the bundled scenario loads: {error}"),
            };
            let layers = MapLayers::build(&world, &scenario, scenario.date());
            (world, layers)
        })
    }

    fn caucasus() -> MercatorView {
        let screen = Rect::from_min_size(pos2(0.0, 0.0), vec2(1200.0, 800.0));
        MercatorView::new(LonLat::new(44.0, 41.0), 6.0, screen)
    }

    /// Only the countries can be picked.
    fn countries_only(world: &World) -> Pickable<'_> {
        static NOTHING_PLACED: std::sync::LazyLock<Placement> =
            std::sync::LazyLock::new(Placement::default);
        Pickable {
            world,
            tensions: &[],
            markers: &[],
            placement: &NOTHING_PLACED,
            overlays: &[],
            territories: None,
        }
    }

    #[test]
    fn the_pointer_over_yerevan_picks_armenia() {
        let (world, _) = fixture();
        let view = caucasus();
        let hit = pick(
            &view,
            &countries_only(world),
            view.lon_lat_to_screen(44.51, 40.18),
        );
        let armenia = world.by_code("ARM").map(|c| c.id());
        assert_eq!(Some(hit), armenia.map(Hit::Country));
    }

    #[test]
    fn the_pointer_over_the_black_sea_picks_nothing() {
        let (world, _) = fixture();
        let view = caucasus();
        let hit = pick(
            &view,
            &countries_only(world),
            view.lon_lat_to_screen(36.0, 43.0),
        );
        assert_eq!(hit, Hit::Nothing);
        assert_eq!(hit.click_action(), Action::ClearSelection);
    }

    #[test]
    fn a_marker_is_picked_before_the_country_under_it_and_only_while_shown() {
        let (world, layers) = fixture();
        let view = caucasus();
        let arc = &layers.tensions[0];
        let at_marker = view.to_screen(arc.marker);
        let markers: Vec<MercatorPoint> = layers.tensions.iter().map(|t| t.marker).collect();
        let shown = Pickable {
            tensions: &layers.tensions,
            markers: &markers,
            ..countries_only(world)
        };
        assert_eq!(
            pick(&view, &shown, at_marker),
            Hit::Tension(arc.tension_index)
        );
        let hidden = Pickable {
            tensions: &[],
            markers: &[],
            ..shown
        };
        assert!(!matches!(pick(&view, &hidden, at_marker), Hit::Tension(_)));
    }

    #[test]
    fn the_pointer_on_a_name_picks_what_it_names_not_the_ground_under_it() {
        use crate::placement::{Named, PlacedName};
        let (world, _) = fixture();
        let view = caucasus();
        let (Some(armenia), Some(georgia)) = (world.by_code("ARM"), world.by_code("GEO")) else {
            panic!("the world has Armenia and Georgia");
        };
        // A name on a leader line, set over Georgia's ground.
        let over_georgia = view.lon_lat_to_screen(43.5, 42.0);
        let placement = Placement {
            names: vec![PlacedName {
                named: Named::Country(armenia.id()),
                text: "Armenia".into(),
                size_px: 12.0,
                rect: Rect::from_center_size(over_georgia, vec2(50.0, 14.0)),
                anchor: LonLat::new(45.0, 40.2),
                anchor_px: view.lon_lat_to_screen(45.0, 40.2),
                leader: None,
            }],
            ..Placement::default()
        };
        let pickable = Pickable {
            placement: &placement,
            ..countries_only(world)
        };
        assert_eq!(
            pick(&view, &pickable, over_georgia),
            Hit::Country(armenia.id())
        );
        let beside = over_georgia + vec2(0.0, 30.0);
        assert_eq!(pick(&view, &pickable, beside), Hit::Country(georgia.id()));
    }
}
